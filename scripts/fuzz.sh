#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each, seeded with the sample corpus and the edge
# fixtures. A crash leaves its input in build/fuzz/artifacts/ and exits non-zero.
#   scripts/fuzz.sh [SECONDS]   explore for SECONDS each (default 60)
#   scripts/fuzz.sh --ci        deterministic: fixed seed, fixed number of runs (what scripts/test.sh runs)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ${1:-} == --ci ]]; then
  budget=(-seed=1 -runs=20000)
  reader_budget=(-seed=1 -runs=5000)  # each run reads its input twice (chunked and whole): ~25 s on 2 cores
else
  budget=(-max_total_time="${1:-60}")
  reader_budget=("${budget[@]}")
fi
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)" --target parser_fuzzer mrkdwn_fuzzer event_shapes_fuzzer \
  document_reader_fuzzer config_loader_fuzzer
rm -rf build/fuzz/corpus-parser build/fuzz/corpus-mrkdwn build/fuzz/corpus-event-shapes build/fuzz/corpus-reader \
  build/fuzz/corpus-config
mkdir -p build/fuzz/artifacts build/fuzz/corpus-parser build/fuzz/corpus-mrkdwn build/fuzz/corpus-event-shapes \
  build/fuzz/corpus-reader build/fuzz/corpus-config
cp testdata/events/corpus/*.json testdata/events/edge/*.json testdata/events/operations/*.json \
  testdata/events/securityhub/*.json testdata/events/acknowledged/*.json build/fuzz/corpus-parser/ 2>/dev/null || true
# The escaper's input is raw bytes: two budget bytes, then mentions, links, backticks, invisible and bidi
# characters, invalid UTF-8, an entity and an emoji. Values are short, so inputs stay under 1 KiB.
printf '\x0b\xb8<!channel> @here `a`b` https://evil.example \xe2\x80\x8b\xe2\x80\xae\xef\xbb\xbf\xff &amp; \xf0\x9f\x94\xa5' \
  > build/fuzz/corpus-mrkdwn/seed
cp fuzz/seeds/event_shapes/*.json build/fuzz/corpus-event-shapes/
build/fuzz/fuzz/parser_fuzzer "${budget[@]}" -max_len=65536 -artifact_prefix=build/fuzz/artifacts/ \
  build/fuzz/corpus-parser
build/fuzz/fuzz/mrkdwn_fuzzer "${budget[@]}" -max_len=1024 -artifact_prefix=build/fuzz/artifacts/ build/fuzz/corpus-mrkdwn
build/fuzz/fuzz/event_shapes_fuzzer "${budget[@]}" -max_len=16384 -artifact_prefix=build/fuzz/artifacts/ \
  build/fuzz/corpus-event-shapes
# The reader's input: one byte choosing the chunk size, then the document. Seeds: the shapes the CLI reads.
for f in testdata/events/edge/findings.jsonl testdata/events/edge/array.json testdata/events/edge/get-findings.json \
  testdata/events/edge/malformed.json; do
  { printf '\x03'; cat "$f"; } >"build/fuzz/corpus-reader/$(basename "$f")"
done
build/fuzz/fuzz/document_reader_fuzzer "${reader_budget[@]}" -max_len=4096 -artifact_prefix=build/fuzz/artifacts/ \
  build/fuzz/corpus-reader
# The routing configuration: the commented example, plus anchors and aliases (the tree builder's own logic).
cp config/*.yaml build/fuzz/corpus-config/
printf 'destinations:\n  a: &d {slack: {url: "http://127.0.0.1:1/x"}}\n  b: *d\nroutes:\n  - {match: {severity: [high]}, to: [a, b]}\ndefault: {drop: true}\n' \
  >build/fuzz/corpus-config/anchors.yaml
build/fuzz/fuzz/config_loader_fuzzer "${budget[@]}" -max_len=8192 -artifact_prefix=build/fuzz/artifacts/ \
  build/fuzz/corpus-config
