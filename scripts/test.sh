#!/usr/bin/env bash
# The README's second command: every test. Debug build with warnings as errors, the lint (clang-format
# check and clang-tidy, scripts/lint.sh), the same suite again
# under AddressSanitizer + UndefinedBehaviorSanitizer, a deterministic libFuzzer pass over the parser/renderers
# and the escaper (fixed seed and run count, seeded with the corpus), then the release build with the Lambda
# package checks (GLIBC ceiling, self-contained zip in a near-empty root), for x86_64 and (under qemu) arm64.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
jobs=$(nproc)
run_preset() {
  echo "=== $1 ===" >&2
  cmake --preset "$1" >/dev/null
  cmake --build --preset "$1" -j"$jobs"
  ctest --preset "$1" -j"$jobs"
}
run_preset dev
echo "=== lint ===" >&2   # clang-format check + clang-tidy, on the dev tree's compile_commands.json
LINT_JOBS="$jobs" ./scripts/lint.sh
run_preset asan
echo "=== fuzz ===" >&2
./scripts/fuzz.sh --ci
# arm64 Lambda package: cross-built, every unit test and the packaged bootstrap's chroot test under
# qemu-aarch64-static (the end-to-end suites run on x86_64 only; tests/CMakeLists.txt).
run_preset release-arm64
run_preset release   # last, so ctest's summary closes the output
