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
cmake --build --preset fuzz -j"$(nproc)" --target parser_fuzzer mrkdwn_fuzzer event_shapes_fuzzer
rm -rf build/fuzz/corpus-parser build/fuzz/corpus-mrkdwn build/fuzz/corpus-event-shapes
mkdir -p build/fuzz/artifacts build/fuzz/corpus-parser build/fuzz/corpus-mrkdwn build/fuzz/corpus-event-shapes
cp testdata/events/corpus/*.json testdata/events/edge/*.json build/fuzz/corpus-parser/ 2>/dev/null || true
cp fuzz/seeds/event_shapes/*.json build/fuzz/corpus-event-shapes/
build/fuzz/fuzz/parser_fuzzer "${budget[@]}" -max_len=65536 -artifact_prefix=build/fuzz/artifacts/ \
  build/fuzz/corpus-parser
build/fuzz/fuzz/mrkdwn_fuzzer "${budget[@]}" -artifact_prefix=build/fuzz/artifacts/ build/fuzz/corpus-mrkdwn
build/fuzz/fuzz/event_shapes_fuzzer "${budget[@]}" -max_len=16384 -artifact_prefix=build/fuzz/artifacts/ \
  build/fuzz/corpus-event-shapes
