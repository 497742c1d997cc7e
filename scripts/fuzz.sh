#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each for SECONDS (default 60), seeded with the
# sample corpus and the edge fixtures. A crash leaves its input in build/fuzz/artifacts/ and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)"
mkdir -p build/fuzz/artifacts build/fuzz/corpus-parser build/fuzz/corpus-mrkdwn
cp testdata/events/corpus/*.json testdata/events/edge/*.json build/fuzz/corpus-parser/ 2>/dev/null || true
build/fuzz/fuzz/parser_fuzzer -max_total_time="$seconds" -max_len=65536 -artifact_prefix=build/fuzz/artifacts/ \
  build/fuzz/corpus-parser
build/fuzz/fuzz/mrkdwn_fuzzer -max_total_time="$seconds" -artifact_prefix=build/fuzz/artifacts/ build/fuzz/corpus-mrkdwn
