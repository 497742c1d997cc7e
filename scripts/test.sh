#!/usr/bin/env bash
# The README's second command: every test. Debug build with warnings as errors, the same suite again
# under AddressSanitizer + UndefinedBehaviorSanitizer, then the release build with the Lambda package
# checks (GLIBC ceiling, self-contained zip in a near-empty root); last, a deterministic libFuzzer pass over
# the parser/renderers and the escaper (fixed seed and run count, seeded with the corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
jobs=$(nproc)
for preset in dev asan release; do
  echo "=== $preset ===" >&2
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j"$jobs"
  ctest --preset "$preset" -j"$jobs"
done
echo "=== fuzz ===" >&2
./scripts/fuzz.sh --ci
