#!/usr/bin/env bash
# Renders every event file under the given directories (or the given files) with the real CLI, in both formats, and checks every payload
# against @slack/types and the Block Kit limits (check_payloads.sh). Used by ctest (slack_types.corpus).
# Usage: GDSLACK_BIN=/path/to/guardduty-slack check_corpus.sh EVENTS_DIR_OR_FILE [MORE ...]
# Exit: 0 all rendered and valid; 1 a render failed (any input that is not a finding counts, so give it
# only files that must render: testdata/events/edge/ holds deliberately bad inputs) or a payload is
# invalid; 2 usage/setup.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -lt 1 || -z "${GDSLACK_BIN:-}" ]]; then
  echo "usage: GDSLACK_BIN=/path/to/guardduty-slack $0 EVENTS_DIR_OR_FILE [MORE ...]" >&2
  exit 2
fi
if [[ ! -d "$here/node_modules/@slack/types" || ! -x "$here/node_modules/.bin/tsc" ]]; then
  echo "$0: installing checker dependencies (npm ci in $here)" >&2
  (cd "$here" && npm ci --no-audit --no-fund >&2) || { echo "$0: npm ci failed" >&2; exit 2; }
fi

mapfile -t files < <(find "$@" -type f -name '*.json' | LC_ALL=C sort)
if [[ ${#files[@]} -eq 0 ]]; then
  echo "$0: no *.json files in $*" >&2
  exit 2
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
status=0
"$GDSLACK_BIN" render "${files[@]}" > "$out/blocks.jsonl" || { echo "$0: render (blocks) failed" >&2; status=1; }
"$GDSLACK_BIN" render --format text "${files[@]}" > "$out/text.jsonl" || { echo "$0: render (text) failed" >&2; status=1; }
echo "rendered ${#files[@]} files: $(wc -l < "$out/blocks.jsonl") block payloads, $(wc -l < "$out/text.jsonl") text payloads"
"$here/check_payloads.sh" "$out/blocks.jsonl" "$out/text.jsonl" || status=1
exit "$status"
