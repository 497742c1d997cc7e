#!/usr/bin/env bash
# Side-by-side benchmark of the Lambda bootstrap against the blog's reference Python handler, under the
# shared lambda harness (a local Runtime API + Slack sink; see its README). One command:
#
#   scripts/bench-lambda.sh            # packages the bootstrap, runs both peers over HTTP and HTTPS
#
# Env: HARNESS (default ../shared/bench/lambda-harness beside the repo), RUNS (5), REPEAT (20: the event list
# is served REPEAT times per run), OUT (build/bench-lambda). Needs /usr/bin/python3 with boto3 for the
# reference (Debian python3-boto3; installed here if missing). Writes OUT/report.md and prints it.
# This is a measuring tool: the test suite never depends on the harness.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
harness=${HARNESS:-$repo/../shared/bench/lambda-harness}
runs=${RUNS:-5}
repeat=${REPEAT:-20}
out=${OUT:-$repo/build/bench-lambda}
[[ -x $harness/measure.sh ]] || { echo "bench-lambda: no harness at $harness (set HARNESS)" >&2; exit 2; }
if ! /usr/bin/python3 -c 'import boto3' 2>/dev/null; then
  apt-get install -y -qq python3-boto3 >/dev/null
fi

"$repo/scripts/package-lambda.sh" x86_64 >&2
stage=$repo/build/release/lambda-stage
zip=$repo/build/release/guardduty-slack-lambda-x86_64.zip
rm -rf "$out"
mkdir -p "$out"

# REPEAT x the harness's events, each copy a distinct finding version (new detail.id and updatedAt): the
# bootstrap posts a finding version once per sandbox, so repeating identical bytes would measure its
# de-duplication instead of a Slack post. Same files and same environment for both peers.
# ACCOUNT_NAMES_ONLY: the harness hands out fake AWS keys and there is no network; the reference does no
# account lookup either.
events=$out/events
mkdir -p "$events"
/usr/bin/python3 - "$harness/events" "$events" "$repeat" <<'PY'
import json, os, sys
src, dst, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
names = sorted(n for n in os.listdir(src) if n.endswith(".json"))
for k in range(repeat):
    for n in names:
        with open(os.path.join(src, n), "rb") as f:
            event = json.loads(f.read())
        if isinstance(event.get("detail"), dict):
            event["detail"]["id"] = "%02d%s" % (k, str(event["detail"].get("id", ""))[2:])
            event["detail"]["updatedAt"] = "2026-11-28T00:%02d:00.000Z" % (k % 60)
        with open(os.path.join(dst, "%03d-%s" % (k, n)), "w") as f:
            json.dump(event, f, indent=2)
PY
common=(-r "$runs" -w 1 -e "$events" -E ACCOUNT_NAMES_ONLY=true)
for mode in http tls; do
  tls=()
  [[ $mode == tls ]] && tls=(--tls)
  (cd "$harness" && ./measure.sh "${common[@]}" "${tls[@]}" -o "$out/py-$mode" \
      -- /usr/bin/python3 python_peer/lambda_loop.py > "$out/py-$mode.json")
  (cd "$harness" && ./measure.sh "${common[@]}" "${tls[@]}" -o "$out/cpp-$mode" -t "$stage" \
      -- "$stage/bootstrap" > "$out/cpp-$mode.json")
done

/usr/bin/python3 - "$out" "$zip" <<'PY' | tee "$out/report.md"
import json, os, sys
out, zip_path = sys.argv[1], sys.argv[2]
def load(name):
    with open(os.path.join(out, name + ".json")) as f:
        return json.load(f)
rows = []
def fig(d, key):
    v = d[key]
    return v.get("median") if isinstance(v, dict) and "median" in v else None
print("| figure | reference (Python + boto3) | guardduty-slack (C++) | ratio |")
print("|---|---|---|---|")
for mode in ("http", "tls"):
    py, cpp = load(f"py-{mode}"), load(f"cpp-{mode}")
    label = "HTTPS" if mode == "tls" else "HTTP"
    items = [
        (f"init ms, median of runs ({label})", fig(py, "init_ms"), fig(cpp, "init_ms")),
        (f"per-invocation ms, pooled median ({label})", py["invocations_pooled"]["median_ms"], cpp["invocations_pooled"]["median_ms"]),
        (f"peak RSS MiB ({label})", fig(py, "peak_rss_kb") / 1024, fig(cpp, "peak_rss_kb") / 1024),
        (f"CPU s per run ({label})", fig(py, "cpu_s"), fig(cpp, "cpu_s")),
    ]
    for name, a, b in items:
        ratio = f"{a / b:.1f}x" if a and b else "n/a"
        print(f"| {name} | {a:.3f} | {b:.3f} | {ratio} |")
    for who, d in (("reference", py), ("guardduty-slack", cpp)):
        print(f"| answered ({label}, {who}) | responses {d['responses']}, errors {d['errors']}, not run {d['not_run']}, "
              f"violations {d['protocol_violations']}, Slack posts {d['slack_posts']} | | |")
print(f"| zip size | n/a (inline code) | {os.path.getsize(zip_path) / 1e6:.2f} MB | |")
PY
