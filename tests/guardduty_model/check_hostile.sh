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
# Every mention the generator planted must arrive escaped (&lt;!channel&gt;) wherever Slack reads markup: mrkdwn text
# objects and the top-level text. plain_text (header, descriptions) is never parsed, so it shows them as written.
node - "$out/blocks.jsonl" "$out/text.jsonl" <<'NODE'
const fs = require('fs');
const planted = /<!channel>|<!here>|<@U1>|<@U123>/;
let bad = 0;
let escaped = 0;
const visit = (v, where) => {
  if (Array.isArray(v)) return v.forEach((x, i) => visit(x, `${where}[${i}]`));
  if (!v || typeof v !== 'object') return;
  if (v.type === 'mrkdwn' && typeof v.text === 'string') {
    if (planted.test(v.text)) { console.error(`${where}: unescaped mention in mrkdwn`); bad++; }
    if (v.text.includes('&lt;!channel&gt;')) escaped++;
  }
  for (const [k, x] of Object.entries(v)) visit(x, `${where}.${k}`);
};
for (const file of process.argv.slice(2)) {
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const p = JSON.parse(line);
    if (planted.test(p.text || '')) { console.error(`${file}:${i + 1}: text: unescaped mention`); bad++; }
    visit(p, `${file}:${i + 1}`);
  });
}
if (escaped === 0) { console.error('the planted mentions are in no mrkdwn text at all'); bad++; }
console.log(`mentions: ${escaped} mrkdwn texts hold an escaped planted mention, ${bad} problems`);
process.exit(bad === 0 ? 0 : 1);
NODE
"$here/../slack_types/check_payloads.sh" "$out/blocks.jsonl" "$out/text.jsonl"
