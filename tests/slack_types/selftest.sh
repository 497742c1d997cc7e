#!/usr/bin/env bash
# Proves the checker can fail: known-good payloads pass; deliberately bad ones (testdata/bad_*.jsonl) fail
# with the expected diagnostics, from the type-checker and from the limits checker independently.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
fail=0

expect() {  # expect <want-rc: 0|nonzero> <file> <grep patterns...>
  local want="$1" file="$2"
  shift 2
  local out rc
  out="$(./check_payloads.sh "$file" 2>&1)"
  rc=$?
  if [[ "$want" == 0 && $rc -ne 0 ]] || [[ "$want" != 0 && $rc -eq 0 ]]; then
    echo "FAIL: $file exited $rc, expected $want"
    echo "$out"
    fail=1
    return
  fi
  for pattern in "$@"; do
    if ! grep -qF -- "$pattern" <<<"$out"; then
      echo "FAIL: $file: missing \"$pattern\" in:"
      echo "$out"
      fail=1
    fi
  done
  echo "ok: $file (exit $rc)"
}

expect 0 testdata/good.jsonl "within Block Kit limits"
# The minimal negative case: a 151-character header and an unknown block field.
expect nonzero testdata/bad_payload.jsonl \
  "'\"txt\"' does not exist in type 'SectionBlock'" "151 characters > 150"
expect nonzero testdata/bad_types.jsonl \
  "'\"unfurl_link\"' does not exist" "'\"style\"' does not exist in type 'HeaderBlock'" \
  "'\"verbatium\"' does not exist in type 'MrkdwnElement'" "Type '\"headr\"' is not assignable" \
  "link_names: must never be set"
expect nonzero testdata/bad_limits.jsonl \
  ":1: attachments[0].blocks[0].text.text: 151 characters > 150" \
  ":2: attachments[0].blocks[0].text.text: 152 characters > 150" \
  ":3: attachments[0].blocks[0].text.text: empty text" ":4: attachments[0].blocks[0].fields: 11 fields > 10" \
  "duplicate block_id" "51 blocks > 50" "76 characters > 75" "3020 characters, must be 1..3000" "11 elements > 10" \
  "2001 characters > 2000" "3001 characters > 3000" "characters of text in total > 12000"
# Limits-only file must pass the type-check (so each checker is shown to fail on its own).
if ./check_payloads.sh testdata/bad_limits.jsonl 2>&1 | grep -q "do not match @slack/types"; then
  echo "FAIL: bad_limits.jsonl should be type-correct"
  fail=1
fi
exit "$fail"
