#!/usr/bin/env bash
# Checks Slack webhook payloads, one JSON object per line (the output of `guardduty-slack render`):
#   1. type-checks every payload against Slack's official types (npm @slack/types) with `tsc --strict`,
#      with excess-property checks, so an unknown or misspelt field fails;
#   2. checks the Block Kit limits that types cannot express (check_limits.mjs, UTF-8 bytes).
# Usage: check_payloads.sh PAYLOADS.jsonl [MORE.jsonl ...]   (exit 0 = all good, 1 = violation, 2 = usage/setup)
# Needs `npm ci` once in this directory (node_modules is not committed).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -lt 1 ]]; then
  echo "usage: $0 PAYLOADS.jsonl [MORE.jsonl ...]" >&2
  exit 2
fi
if [[ ! -x "$here/node_modules/.bin/tsc" || ! -d "$here/node_modules/@slack/types" ]]; then
  echo "$0: run 'npm ci' in $here first" >&2
  exit 2
fi
for f in "$@"; do
  [[ -r "$f" ]] || { echo "$0: cannot read $f" >&2; exit 2; }
done

# The generated file must sit under this directory so `@slack/types` resolves from node_modules here.
work="$(mktemp -d "$here/.check.XXXXXX")"
trap 'rm -rf "$work"' EXIT

status=0
for f in "$@"; do
  ts="$work/payloads_$(basename "$f" | tr -c 'A-Za-z0-9_\n' '_').ts"
  # Line N+2 of the .ts file holds line N of the .jsonl file, so tsc's line numbers map back directly.
  set +e
  node - "$f" "$ts" <<'NODE'
const fs = require('fs');
const [input, output] = process.argv.slice(2);
const lines = fs.readFileSync(input, 'utf8').split('\n');
if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
const out = [
  "import type { KnownBlock, MessageAttachment } from '@slack/types';",
  // Attachments get KnownBlock[] (not AnyBlock[], whose `Block` member accepts any `type`), so that
  // excess-property checks apply to every block. Top-level keys are those an incoming webhook takes.
  "type Attachment = Omit<MessageAttachment, 'blocks'> & { blocks?: KnownBlock[] }; type Payload = { text?: string; blocks?: KnownBlock[]; attachments?: Attachment[]; unfurl_links?: boolean; unfurl_media?: boolean; mrkdwn?: boolean; thread_ts?: string };",
];
let bad = false;
lines.forEach((line, i) => {
  if (line.trim() === '' || line.startsWith('#')) { out.push(''); return; }
  try {
    const value = JSON.parse(line);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
  } catch (e) {
    console.error(`${input}:${i + 1}: not a JSON object: ${e.message}`);
    bad = true;
    out.push('');
    return;
  }
  // JSON is a TS expression; the annotation gives contextual (literal) typing without `as const`.
  out.push(`export const payload_line_${i + 1}: Payload = ${line};`);
});
fs.writeFileSync(output, out.join('\n') + '\n');
process.exit(bad ? 1 : 0);
NODE
  rc=$?
  set -e
  [[ $rc -eq 0 ]] || status=1
  echo "type-check $f with @slack/types (tsc line N+2 = payload line N)"
  set +e
  (cd "$here" && ./node_modules/.bin/tsc --noEmit --strict --target es2022 --module nodenext \
     --moduleResolution nodenext --pretty false "$ts") > "$work/tsc.out" 2>&1
  rc=$?
  set -e
  sed "s|^$work/||; s|^\.check\.[A-Za-z0-9]*/||" "$work/tsc.out" >&2
  if [[ $rc -ne 0 ]]; then
    echo "$f: payloads do not match @slack/types (see above)" >&2
    status=1
  fi
done

node "$here/check_limits.mjs" "$@" || status=1
exit "$status"
