#!/usr/bin/env bash
# Counts the instructions the release bootstrap executes from exec until it blocks in its first GET /next
# (docs/PERFORMANCE.md §6, "Third round"): wall-clock init on a shared 2-vCPU VM moves several-fold with load,
# an instruction count does not. A Runtime API stand-in with no event holds that GET open; callgrind_control
# then dumps the counts so far and the run is ended.
#   scripts/count-init.sh [CONFIG_FILE]   # default: the bench's five-line routing file
# Env: BOOTSTRAP (default build/release/src/lambda/bootstrap), OUT (default build/count-init).
# Prints the total and the top inclusive entries. Needs valgrind; a measuring tool, not a test.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bootstrap=${BOOTSTRAP:-$repo/build/release/src/lambda/bootstrap}
out=$(realpath -m "${OUT:-$repo/build/count-init}")
mkdir -p "$out"
config=${1:-}
if [[ -z $config ]]; then
  config=$out/bench-routing.yaml
  printf 'destinations:\n  slack:\n    slack: {}\n    digest_after: 1000\n    pace: {interval_ms: 0}\ndefault: {to: slack}\n' >"$config"
fi
[[ -x $bootstrap ]] || { echo "count-init: build the release tree first (no $bootstrap)" >&2; exit 2; }
rm -f "$out"/port "$out"/callgrind.out*
/usr/bin/python3 "$repo/tests/standins/runtime_api_standin.py" --port-file "$out/port" --report "$out/report.json" &
standin=$!
trap 'kill $standin 2>/dev/null || true' EXIT
for _ in $(seq 100); do [[ -s $out/port ]] && break; sleep 0.05; done
env -i PATH=/usr/bin:/bin AWS_LAMBDA_RUNTIME_API="$(cat "$out/port")" AWS_REGION=us-east-1 \
  ACCOUNT_NAMES_ONLY=true SLACK_URL=http://127.0.0.1:9/hook CONFIG_FILE="$config" \
  valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" "$bootstrap" 2>"$out/valgrind.log" &
run=$!
# The first GET /next is held open by the stand-in: wait for it, then stop the run.
# (Seen as the bootstrap's established connection to the stand-in's port.)
port=$(cut -d: -f2 "$out/port")
for _ in $(seq 600); do
  ss -Htn state established "( dport = :$port )" | grep -q . && break
  sleep 0.1
done
sleep 0.5
# Dump the counts so far (the run is blocked in that GET), then end it.
callgrind_control --dump=first-next $run >/dev/null
kill -KILL $run; wait $run 2>/dev/null || true
callgrind_annotate --inclusive=yes "$out"/callgrind.out.*  2>/dev/null | sed -n '1,40p'
