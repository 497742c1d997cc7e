#!/usr/bin/env bash
# Lint: the clang-format check and clang-tidy (.clang-format, .clang-tidy) over src/, bench/ and fuzz/.
#   scripts/lint.sh            everything (what scripts/test.sh runs)
#   scripts/lint.sh FILE...    only these files (fast, while editing)
# clang-tidy reads build/dev/compile_commands.json (configured here when missing); generated sources under
# build/ are not linted. LINT_JOBS (default 2) sets clang-tidy's parallelism. Exits non-zero on any finding.
# clang-tidy's verdicts are cached like compiles (scripts/lint_cache_keys.py: the preprocessed file, its flags,
# .clang-tidy and the tool's version): a file checked clean is not checked again until one of those changes.
# LINT_CACHE (default ~/.cache/guardduty-slack/clang-tidy) is where; LINT_CACHE=off checks everything.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${LINT_JOBS:-2}

if [[ $# -gt 0 ]]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files -- 'src/*.cc' 'src/*.h' 'bench/*.cc' 'bench/*.h' 'fuzz/*.cc' 'fuzz/*.h')
fi

echo "lint: clang-format on ${#files[@]} files" >&2
clang-format --dry-run --Werror "${files[@]}"

if [[ ! -f build/dev/compile_commands.json ]]; then
  cmake --preset dev >/dev/null
fi
# Only translation units (headers are checked through them, see HeaderFilterRegex in .clang-tidy).
sources=()
for f in "${files[@]}"; do
  [[ $f == *.cc ]] && sources+=("$PWD/$f")
done
if [[ ${#sources[@]} -eq 0 ]]; then
  exit 0
fi
cache=${LINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/guardduty-slack/clang-tidy}
declare -A key_of=()
if [[ $cache != off ]]; then
  mkdir -p "$cache"
  fingerprint="$(clang-tidy --version | tr '\n' ' ')$(sha256sum .clang-tidy)"
  unchecked=()
  while read -r key file; do
    key_of[$file]=$key
    [[ $key != - && -f $cache/$key ]] || unchecked+=("$file")
  done < <(/usr/bin/python3 scripts/lint_cache_keys.py build/dev/compile_commands.json "$PWD/" "$fingerprint" "${sources[@]}")
  echo "lint: ${#sources[@]} translation units, $(( ${#sources[@]} - ${#unchecked[@]} )) unchanged since checked clean" >&2
  sources=("${unchecked[@]}")
  if [[ ${#sources[@]} -eq 0 ]]; then
    # Only a clean run marks its files: a finding anywhere leaves every file of this run to be checked again.
for f in "${sources[@]}"; do
  key=${key_of[$f]:--}
  [[ $key == - ]] || : >"$cache/$key"
done
echo "lint: clean" >&2
    exit 0
  fi
fi
# run-clang-tidy takes regular expressions; anchor each path so nothing else matches.
patterns=()
for f in "${sources[@]}"; do
  patterns+=("^$(printf '%s' "$f" | sed 's/[.[\*^$()+?{|]/\\&/g')\$")
done
echo "lint: clang-tidy on ${#sources[@]} translation units, -j$jobs" >&2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
run-clang-tidy -p build/dev -j "$jobs" -quiet "${patterns[@]}" >"$log" 2>&1 || status=$?
# Keep the findings, drop run-clang-tidy's per-file banners and clang's counts of suppressed warnings.
grep -v -e '^clang-tidy' -e 'warnings\? generated\.$' -e '^Suppressed [0-9]* warnings' \
  -e '^Use -header-filter' -e '^Use -system-headers' "$log" >&2 || true
# A translation unit is marked clean only when no finding names it, and none at all are marked when a finding
# names any other file (a header: which unit brought it in is not known).
declare -A flagged=()
other_flagged=0
while read -r path; do
  if [[ -n ${key_of[$path]:-} ]]; then flagged[$path]=1; else other_flagged=1; fi
done < <(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -oE '^/[^:]+:[0-9]+:[0-9]+: (warning|error):' | cut -d: -f1 | sort -u)
if [[ $cache != off && $other_flagged == 0 ]]; then
  for f in "${sources[@]}"; do
    key=${key_of[$f]:--}
    [[ $key == - || -n ${flagged[$f]:-} ]] || : >"$cache/$key"
  done
fi
if [[ $status -ne 0 ]]; then
  echo "lint: clang-tidy found problems (above)" >&2
  exit "$status"
fi
echo "lint: clean" >&2
