#!/usr/bin/env bash
# Findings generated from AWS's GuardDuty model (generate_hostile.cjs: every member set, hostile strings, each list at
# its API maximum) render to payloads that pass Slack's types and the Block Kit limits
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
# The text format is one line of title and account: the finding with every member set is enough for it.
head -n 1 "$out/events.jsonl" > "$out/first.jsonl"
"$GDSLACK_BIN" render --format text "$out/first.jsonl" > "$out/text.jsonl"
got=$(wc -l < "$out/blocks.jsonl")
[[ "$got" == "$events" ]] || { echo "$0: $events events gave $got payloads" >&2; exit 1; }
[[ $(wc -l < "$out/text.jsonl") == 1 ]] || { echo "$0: no text payload" >&2; exit 1; }
echo "rendered $events generated findings as blocks, the first as text too"
# Every mention the generator planted must arrive escaped (&lt;!channel&gt;), never as Slack markup.
if grep -qE '<!channel>|<!here>|<@U1>|<@U123>' "$out/blocks.jsonl" "$out/text.jsonl"; then
  echo "$0: a planted mention reached a payload unescaped" >&2
  exit 1
fi
grep -q '&lt;!channel&gt;' "$out/blocks.jsonl" || { echo "$0: the planted mentions are not in the payloads at all" >&2; exit 1; }
"$here/../slack_types/check_payloads.sh" "$out/blocks.jsonl" "$out/text.jsonl"
