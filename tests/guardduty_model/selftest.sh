#!/usr/bin/env bash
# Proves the model check can fail: a copy of the pinned model with one member added (at the top of Finding, and deep
# inside an attack sequence's signal) fails, naming that member; a members list with a false line fails; the pinned
# model and the real list pass. Usage: selftest.sh [GUARDDUTY_SLACK]   (with the CLI, the behaviour check runs too)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
[[ -d node_modules/@aws-sdk/client-guardduty ]] || { echo "$0: run 'npm ci' in $here first" >&2; exit 2; }
bin_args=()
[[ $# -ge 1 ]] && bin_args=(--bin "$1")
work="$(mktemp -d "$here/.selftest.XXXXXX")"  # under here: the copy resolves its requires from node_modules
trap 'rm -rf "$work"' EXIT
fail=0

expect() {  # expect <want-rc: 0|nonzero> <label> <pattern> -- <check_model args...>
  local want="$1" label="$2" pattern="$3" out rc
  shift 4
  out="$(node check_model.cjs "$@" 2>&1)"
  rc=$?
  if [[ "$want" == 0 && $rc -ne 0 ]] || [[ "$want" != 0 && $rc -eq 0 ]]; then
    echo "FAIL: $label exited $rc, expected $want"; echo "$out"; fail=1; return
  fi
  if ! grep -qF -- "$pattern" <<<"$out"; then
    echo "FAIL: $label: missing \"$pattern\" in:"; echo "$out"; fail=1; return
  fi
  echo "ok: $label (exit $rc)"
}

# A copy of the SDK's bundle with one member added to a structure's schema (names list and member schemas list).
patch_model() {  # patch_model <structure> <member name> <json name> <out file>
  node - "$1" "$2" "$3" "$4" <<'NODE'
const fs = require('fs');
const [structure, member, jsonName, out] = process.argv.slice(2);
const src = require.resolve('@aws-sdk/client-guardduty');
let text = fs.readFileSync(src, 'utf8');
// "var Finding$ = [3, n0, _Fin,\n    0,\n    [_AIc, ...],\n    [[0, { [_jN]: _aIc }], ...]"
const re = new RegExp(`(var ${structure.replace('$', '\\$')} = \\[3, n0, [^,]+,\\s*\\d+,\\s*\\[)([^\\]]*\\],\\s*\\[)`);
if (!re.test(text)) { console.error(`no schema for ${structure}`); process.exit(1); }
text = text.replace(re, (all, head, rest) => `${head}"${member}", ${rest}[0, { [_jN]: "${jsonName}" }], `);
// Relative requires inside the bundle are none; package requires resolve from the copy's node_modules ancestors.
fs.writeFileSync(out, text);
NODE
}

expect 0 "pinned model, reviewed list" "ok: every member of the model is shown or deliberately not shown" -- "${bin_args[@]}"
patch_model 'Finding$' NewTopLevelMember newTopLevelMember "$work/top.js" || fail=1
expect nonzero "model with a new Finding member" \
  "model member newTopLevelMember (string) is neither shown nor listed as not shown" -- --model "$work/top.js"
patch_model 'Signal$' BrandNewSignalField brandNewSignalField "$work/deep.js" || fail=1
expect nonzero "model with a new member deep in a sequence signal" \
  "model member service.detection.sequence.signals[].brandNewSignalField (string) is neither shown" -- --model "$work/deep.js"
# A list that names a member the model does not have.
{ cat ../../src/finding/finding_members.inc; echo 'GD_MEMBER("service.noSuchMember", "shown")'; } > "$work/stale.inc"
expect nonzero "list with a member the model lacks" "service.noSuchMember is not a member of the model any more" -- \
  --members "$work/stale.inc"
sed 's|GD_MEMBER("customDetectionRuleName", "shown")|GD_MEMBER("customDetectionRuleName", "no reason")|' \
  ../../src/finding/finding_members.inc > "$work/bad.inc"
expect nonzero "list with a disposition without a reason" 'disposition must be "shown" or "not shown: <reason>"' -- \
  --members "$work/bad.inc"
if [[ ${#bin_args[@]} -gt 0 ]]; then
  # The behaviour check catches a false line either way.
  sed 's|GD_MEMBER("customDetectionRuleName", "shown")|GD_MEMBER("customDetectionRuleName", "not shown: test")|' \
    ../../src/finding/finding_members.inc > "$work/false1.inc"
  expect nonzero "a shown member listed as not shown" "customDetectionRuleName: listed as not shown" -- \
    --members "$work/false1.inc" "${bin_args[@]}"
  sed 's|GD_MEMBER("resource.instanceDetails.launchTime", "not shown: [^"]*")|GD_MEMBER("resource.instanceDetails.launchTime", "shown")|' \
    ../../src/finding/finding_members.inc > "$work/false2.inc"
  expect nonzero "a member not shown listed as shown" "resource.instanceDetails.launchTime: listed as shown" -- \
    --members "$work/false2.inc" "${bin_args[@]}"
fi
exit "$fail"
