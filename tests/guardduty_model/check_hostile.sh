#!/usr/bin/env bash
# Findings generated from AWS's GuardDuty model (generate_hostile.cjs: every member set, hostile strings, each list at
# its API maximum) render, in both formats, to payloads that pass Slack's types and the Block Kit limits
# (tests/slack_types/check_payloads.sh). Usage: GDSLACK_BIN=/path/to/guardduty-slack check_hostile.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[[ -n "${GDSLACK_BIN:-}" ]] || { echo "usage: GDSLACK_BIN=/path/to/guardduty-slack $0" >&2; exit 2; }
[[ -d "$here/node_modules/@aws-sdk/client-guardduty" ]] || { echo "$0: run 'npm ci' in $here first" >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
node "$here/generate_hostile.cjs" > "$out/events.jsonl"
events=$(wc -l < "$out/events.jsonl")
"$GDSLACK_BIN" render "$out/events.jsonl" > "$out/blocks.jsonl"
"$GDSLACK_BIN" render --format text "$out/events.jsonl" > "$out/text.jsonl"
for f in blocks text; do
  got=$(wc -l < "$out/$f.jsonl")
  [[ "$got" == "$events" ]] || { echo "$0: $events events gave $got $f payloads" >&2; exit 1; }
done
echo "rendered $events generated findings in both formats"
"$here/../slack_types/check_payloads.sh" "$out/blocks.jsonl" "$out/text.jsonl"
