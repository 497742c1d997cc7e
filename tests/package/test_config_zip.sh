#!/usr/bin/env bash
# CONFIG= packaging (scripts/package-lambda.sh): a valid routing file lands in the zip as config.yaml beside
# bootstrap, byte for byte; an invalid one is refused (exit 1) and no zip is written. x86_64 release preset
# (the check runs the host CLI). Usage: tests/package/test_config_zip.sh BUILD_DIR
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cli=$build/src/cli/guardduty-slack
fail() { echo "FAIL: $*"; exit 1; }

# 1. a valid file is packaged as config.yaml
out=$(SKIP_BUILD=1 CLI=$cli CONFIG="$repo/config/example.yaml" OUT_DIR="$work/ok" \
  "$repo/scripts/package-lambda.sh" x86_64 2>&1) || fail "valid CONFIG refused: $out"
zip=$work/ok/guardduty-slack-lambda-x86_64.zip
names=$(unzip -Z1 "$zip" | sort | tr '\n' ' ')
[[ $names == "bootstrap config.yaml " ]] || fail "zip holds: $names"
unzip -p "$zip" config.yaml | cmp -s - "$repo/config/example.yaml" || fail "config.yaml differs from the source file"
[[ $(unzip -Z "$zip" config.yaml | awk '{print $1}') == -rw-r--r-- ]] || fail "config.yaml mode: $(unzip -Z "$zip" config.yaml)"
echo "PASS: config.yaml packaged beside bootstrap, byte for byte"

# 2. an invalid file is refused before anything is written
printf 'destinations:\n  chat:\n    slack: {url: "https://hooks.slack.com/x"}\ndefault: {to: nowhere}\n' >"$work/bad.yaml"
if out=$(SKIP_BUILD=1 CLI=$cli CONFIG="$work/bad.yaml" OUT_DIR="$work/bad" "$repo/scripts/package-lambda.sh" x86_64 2>&1); then
  fail "invalid CONFIG accepted: $out"
fi
grep -q "is not a valid routing configuration" <<<"$out" || fail "no clear message: $out"
[[ ! -e $work/bad/guardduty-slack-lambda-x86_64.zip ]] || fail "a zip was written for an invalid CONFIG"
echo "PASS: an invalid CONFIG is refused: $(grep -m1 'not a valid' <<<"$out")"

# 3. a missing file is a usage error (exit 2)
set +e
SKIP_BUILD=1 CLI=$cli CONFIG="$work/missing.yaml" OUT_DIR="$work/missing" "$repo/scripts/package-lambda.sh" x86_64 >/dev/null 2>&1
rc=$?
set -e
[[ $rc == 2 ]] || fail "missing CONFIG: exit $rc, want 2"
echo "PASS: a missing CONFIG exits 2"
