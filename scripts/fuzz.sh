#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each, seeded with the sample corpus and the edge
# fixtures. A crash leaves its input in build/fuzz/artifacts/ and exits non-zero.
#   scripts/fuzz.sh [SECONDS]   explore for SECONDS each (default 60)
#   scripts/fuzz.sh --ci        deterministic: fixed seed, fixed number of runs (what scripts/test.sh runs)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ${1:-} == --ci ]]; then
  budget=(-seed=1 -runs=20000)
else
  budget=(-max_total_time="${1:-60}")
fi
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)"
rm -rf build/fuzz/corpus-parser build/fuzz/corpus-mrkdwn
mkdir -p build/fuzz/artifacts build/fuzz/corpus-parser build/fuzz/corpus-mrkdwn
cp testdata/events/corpus/*.json testdata/events/edge/*.json testdata/events/operations/*.json \
  testdata/events/securityhub/*.json testdata/events/acknowledged/*.json build/fuzz/corpus-parser/ 2>/dev/null || true
# The escaper's inputs are raw bytes: hostile and malformed event text makes a good start.
cp testdata/events/edge/hostile-title.json testdata/events/edge/invalid-utf8.json build/fuzz/corpus-mrkdwn/ 2>/dev/null || true
build/fuzz/fuzz/parser_fuzzer "${budget[@]}" -max_len=65536 -artifact_prefix=build/fuzz/artifacts/ \
  build/fuzz/corpus-parser
build/fuzz/fuzz/mrkdwn_fuzzer "${budget[@]}" -artifact_prefix=build/fuzz/artifacts/ build/fuzz/corpus-mrkdwn
