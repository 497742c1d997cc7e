#!/usr/bin/env bash
# The README's second command: every test (what .ci/run calls), or the quick tier for the inner loop.
#
#   scripts/test.sh          the full command, each suite once, in the tree where it tells most:
#     asan     Debug, -Werror, AddressSanitizer + UndefinedBehaviorSanitizer: every unit test and every
#              end-to-end suite (memory errors hide on error paths, which is what the fault and state suites drive)
#     lint     clang-format check and clang-tidy (scripts/lint.sh; results cached by preprocessed source)
#     fuzz     a deterministic libFuzzer pass (fixed seed and run count) over the parsers and the escaper
#     arm64    the arm64 Lambda package cross-built: unit tests and package tests under qemu-aarch64-static
#     release  the shipped x86_64 binary: unit tests, the Lambda suite, the load test, the package tests
#   scripts/test.sh quick    the dev tree (Debug, -Werror): unit tests and the fast end-to-end suites (everything
#                            but the suites labelled `slow`: faults, state, load). About 2 minutes incremental.
#
# Builds go through ccache when it is installed (scripts/install-deps.sh installs it), so a tree that did not
# change compiles from the cache; each stage prints its wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
tier=${1:-full}
case $tier in full | quick) ;; *) echo "usage: scripts/test.sh [quick]" >&2; exit 2 ;; esac
jobs=$(nproc)
start=$SECONDS
stage_start=$SECONDS
stage() {  # closes the previous stage's timing and opens the next
  if [[ -n ${current:-} ]]; then echo "=== $current: $((SECONDS - stage_start)) s ===" >&2; fi
  current=$1
  stage_start=$SECONDS
  [[ -z $1 ]] || echo "=== $1 ===" >&2
}
build_preset() {
  cmake --preset "$1" >/dev/null
  cmake --build --preset "$1" -j"$jobs"
}

if [[ $tier == quick ]]; then
  ./scripts/install-deps.sh
  stage dev
  build_preset dev
  ctest --preset dev -j"$jobs" -LE slow
  stage ""
  echo "quick tier: $((SECONDS - start)) s" >&2
  exit 0
fi

stage install-deps
./scripts/install-deps.sh
stage asan
build_preset asan
ctest --preset asan -j"$jobs"
stage lint   # clang-format check + clang-tidy, on the dev preset's compile_commands.json (configured, not built)
LINT_JOBS="$jobs" ./scripts/lint.sh
stage fuzz
./scripts/fuzz.sh --ci
# arm64 Lambda package: cross-built, every unit test and the packaged bootstrap's chroot test under
# qemu-aarch64-static (the end-to-end suites run on x86_64 only; tests/CMakeLists.txt).
stage release-arm64
build_preset release-arm64
ctest --preset release-arm64 -j"$jobs"
stage release   # last, so ctest's summary closes the output
build_preset release
ctest --preset release -j"$jobs"
stage ""
echo "full test command: $((SECONDS - start)) s" >&2
