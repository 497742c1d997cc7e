#!/usr/bin/env bash
# The streaming CLI's figures (docs/PERFORMANCE.md §8): peak RSS and wall time of `render` over 10,000 findings
# (JSON Lines) and over a 50 MiB top-level array, side by side in the same run with `jq -c .` re-emitting the
# same file (the issue's yardstick: reading and writing every value once), and the peak RSS of `route` and of
# `send` (to the Slack stand-in on 127.0.0.1, rate limit off) over the same inputs.
#
#   scripts/bench-cli.sh          # release build, inputs from testdata/events/corpus (scripts/bench_cli_inputs.py)
#
# Each render/jq pair runs RUNS times (default 5), alternating, both pinned to the same core (CPU, default 1) so
# that other load on the machine hits both alike; the figures are medians. Peak RSS is /usr/bin/time -v's
# "Maximum resident set size". Env: RUNS, CPU, OUT (build/bench-cli), SEND (1: also measure send; 0: skip).
# Writes OUT/report.md and prints it. Needs jq and /usr/bin/time (scripts/install-deps.sh installs both).
# This is a measuring tool: the test suite never depends on it.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
runs=${RUNS:-5}
cpu=${CPU:-1}
send=${SEND:-1}
out=$(realpath -m "${OUT:-build/bench-cli}")
command -v jq >/dev/null || { echo "bench-cli: needs jq (scripts/install-deps.sh)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "bench-cli: needs /usr/bin/time (scripts/install-deps.sh)" >&2; exit 2; }
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target guardduty-slack >/dev/null
bin=$repo/build/release/src/cli/guardduty-slack
/usr/bin/python3 scripts/bench_cli_inputs.py "$out"
inputs=(findings-10k.jsonl array-50mb.json)
results=$out/results.tsv
: >"$results"

# measure NAME INPUT CMD...: one run; appends "name input rss_kib wall_s user_s sys_s" to results.
measure() {
  local name=$1 input=$2
  shift 2
  /usr/bin/time -v -o "$out/time.txt" taskset -c "$cpu" "$@" >/dev/null 2>"$out/stderr.txt" || {
    echo "bench-cli: $name on $input failed:" >&2
    tail -5 "$out/stderr.txt" >&2
    exit 1
  }
  /usr/bin/python3 - "$name" "$input" "$out/time.txt" >>"$results" <<'PY'
import re, sys
name, inp, path = sys.argv[1:]
t = open(path).read()
rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1)
secs = 0.0
for part in wall.split(":"):
    secs = secs * 60 + float(part)
user = re.search(r"User time \(seconds\): (\S+)", t).group(1)
sys_ = re.search(r"System time \(seconds\): (\S+)", t).group(1)
print("\t".join([name, inp, rss, "%.3f" % secs, user, sys_]))
PY
}

for input in "${inputs[@]}"; do
  for ((i = 0; i < runs; i++)); do
    measure render "$input" "$bin" render "$out/$input"
    measure "jq -c ." "$input" jq -c . "$out/$input"
  done
  measure route "$input" "$bin" route "$out/$input"
done

if [[ $send == 1 ]]; then
  # send through the whole pipeline to the stand-in (no pacing, no rate limit): RSS with every finding posted.
  rm -f "$out/port"
  /usr/bin/python3 tests/standins/slack_standin.py --port-file "$out/port" --rate 0 >/dev/null 2>&1 &
  standin=$!
  trap 'kill $standin 2>/dev/null || true' EXIT
  for _ in $(seq 100); do [[ -s $out/port ]] && break; sleep 0.1; done
  [[ -s $out/port ]] || { echo "bench-cli: the Slack stand-in did not start" >&2; exit 1; }
  url="$(cat "$out/port")/services/TBENCH/BBENCH/benchbenchbench"
  for input in "${inputs[@]}"; do
    SLACK_URL=$url measure send "$input" "$bin" send --interval-ms 0 "$out/$input"
    grep -q " 0 failed" "$out/stderr.txt" || { echo "bench-cli: send failed posts:" >&2; tail -3 "$out/stderr.txt" >&2; exit 1; }
    tail -1 "$out/stderr.txt" >&2
  done
fi

/usr/bin/python3 - "$results" "$runs" "$cpu" >"$out/report.md" <<'PY'
import statistics, subprocess, sys
from collections import defaultdict
path, runs, cpu = sys.argv[1], sys.argv[2], sys.argv[3]
rows = defaultdict(list)
for line in open(path):
    name, inp, rss, wall, user, sys_ = line.rstrip("\n").split("\t")
    rows[(name, inp)].append((int(rss), float(wall), float(user) + float(sys_)))
def med(values):
    return statistics.median(values)
jq = subprocess.run(["jq", "--version"], capture_output=True, text=True).stdout.strip()
print("CLI streaming bench: %s runs of each render/jq pair, alternating, pinned to CPU %s; %s\n" % (runs, cpu, jq))
print("| input | command | peak RSS (median) | wall (median, min-max) | CPU user+sys (median) |")
print("|---|---|---|---|---|")
for (name, inp), r in rows.items():
    rss = med([x[0] for x in r])
    walls = [x[1] for x in r]
    print("| %s | %s | %.1f MiB (%d KiB) | %.2f s (%.2f-%.2f) | %.2f s |" % (
        inp, name, rss / 1024, rss, med(walls), min(walls), max(walls), med([x[2] for x in r])))
print()
for inp in sorted({k[1] for k in rows}):
    ours, base = rows.get(("render", inp)), rows.get(("jq -c .", inp))
    if ours and base:
        print("- %s: render / jq wall time = **%.2fx** (medians), CPU %.2fx" % (
            inp, med([x[1] for x in ours]) / med([x[1] for x in base]),
            med([x[2] for x in ours]) / med([x[2] for x in base])))
PY
cat "$out/report.md"
