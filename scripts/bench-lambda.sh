#!/usr/bin/env bash
# Side-by-side benchmark of the Lambda bootstrap against the blog's reference Python handler, under the
# shared lambda harness (a local Runtime API + Slack sink; see its README). One command:
#
#   scripts/bench-lambda.sh            # packages the bootstrap, runs every peer over HTTP and HTTPS
#
# Peers, all in the same run: the harness's no-op calibration runtime (calibration/noop_peer.c, the floor;
# it posts over plain HTTP only, so its HTTP figures are the floor for both modes), the blog's Python handler
# (the reference) and the x86_64 bootstrap. With ARM64=1 (default when the arm64 zip's build exists) the
# arm64 bootstrap and an aarch64 build of the no-op peer also run under qemu-aarch64-static: ratios only,
# as an estimate (qemu is not a Graviton CPU and its RSS is the emulator's).
# Writes OUT/report.md (the tables for docs/PERFORMANCE.md §6) and prints it.
#
# Also in the same run: the TLS floor (the Debian `curl` CLI posting once to the same HTTPS sink, its handshake
# and whole request timed by curl itself, with the sink's certificate alone and with the full CA bundle the
# peers get), and, with BASELINE=/path/to/an/earlier/bootstrap, that build as one more HTTPS peer.
# Env: HARNESS (default ../shared/bench/lambda-harness beside the repo), RUNS (5), REPEAT (20: the event list
# is served REPEAT times per run), PAIRS (15: interleaved init pairs, below), OUT (build/bench-lambda),
# BASELINE (none). Needs /usr/bin/python3 with boto3 for the
# reference (Debian python3-boto3; installed here if missing). Writes OUT/report.md and prints it.
# This is a measuring tool: the test suite never depends on the harness.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
harness=${HARNESS:-$repo/../shared/bench/lambda-harness}
runs=${RUNS:-5}
repeat=${REPEAT:-20}
out=$(realpath -m "${OUT:-$repo/build/bench-lambda}")
[[ -x $harness/measure.sh ]] || { echo "bench-lambda: no harness at $harness (set HARNESS)" >&2; exit 2; }
if ! /usr/bin/python3 -c 'import boto3' 2>/dev/null; then
  apt-get install -y -qq python3-boto3 >/dev/null
fi

arm64=${ARM64:-auto}
if [[ $arm64 == auto ]]; then
  arm64=0
  [[ -f $repo/build/release-arm64/CMakeCache.txt ]] && command -v qemu-aarch64-static >/dev/null && arm64=1
fi
if [[ $arm64 == 1 ]]; then "$repo/scripts/package-lambda.sh" >&2; else "$repo/scripts/package-lambda.sh" x86_64 >&2; fi
stage=$repo/build/release/lambda-stage
zip=$repo/build/release/guardduty-slack-lambda-x86_64.zip
rm -rf "$out"
mkdir -p "$out"
# The floor: the harness's own no-op runtime, built as its README says (dynamic, -O2).
gcc -O2 -D_GNU_SOURCE -o "$out/noop_peer" "$harness/calibration/noop_peer.c"
if [[ $arm64 == 1 ]]; then
  aarch64-linux-gnu-gcc -O2 -D_GNU_SOURCE -o "$out/noop_peer-arm64" "$harness/calibration/noop_peer.c"
fi

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
# The bootstrap paces each webhook at Slack's ~1 message/s by default; the sink has no such limit and the
# reference does not pace, so the bootstrap gets a routing file (read at init, as in production) that turns
# pacing off and never digests: every invocation is one Slack post, as for the reference.
config=$out/bench-config.yaml
printf 'destinations:\n  slack:\n    slack: {}\n    digest_after: 1000\n    pace: {interval_ms: 0}\ndefault: {to: slack}\n' >"$config"
cpp_env=(-E CONFIG_FILE="$config")
measure() {  # NAME MODE ARGS... -- CMD...
  local name=$1 mode=$2
  shift 2
  local tls=()
  [[ $mode == tls ]] && tls=(--tls)
  (cd "$harness" && ./measure.sh "${common[@]}" "${tls[@]}" -o "$out/$name-$mode" "$@" > "$out/$name-$mode.json")
}
measure noop http -E NOOP_POST=1 -- "$out/noop_peer"
for mode in http tls; do
  measure py "$mode" -- /usr/bin/python3 python_peer/lambda_loop.py
  measure cpp "$mode" "${cpp_env[@]}" -t "$stage" -- "$stage/bootstrap"
done
# Init, interleaved: the floor and the bootstrap (HTTPS) alternate, one run each, PAIRS times. The blocks above
# run each peer's RUNS runs back to back, so a drift of the machine between blocks (seen: ±20 % between the
# bootstrap's HTTP and HTTPS blocks, same binary, same init) lands on one peer; alternating spreads it over both.
pairs=${PAIRS:-15}
for k in $(seq "$pairs"); do
  measure "pair$k-noop" http -r 1 -w 0 -E NOOP_POST=1 -- "$out/noop_peer"
  measure "pair$k-cpp" tls -r 1 -w 0 "${cpp_env[@]}" -t "$stage" -- "$stage/bootstrap"
done
if [[ -n ${BASELINE:-} ]]; then
  baseline_stage=$out/baseline-stage
  mkdir -p "$baseline_stage"
  cp "$BASELINE" "$baseline_stage/bootstrap"
  measure baseline tls "${cpp_env[@]}" -t "$baseline_stage" -- "$baseline_stage/bootstrap"
fi

# The TLS floor: what one HTTPS post to this sink costs a stock OpenSSL client (curl), with the sink's
# certificate alone and with the peers' full CA bundle. A fresh sink, the certificate measure.sh made for the
# bootstrap's HTTPS run; 3 uncounted posts, then 21.
if command -v curl >/dev/null; then
  tls_dir=$out/cpp-tls
  python3 "$harness/slack_sink.py" serve --log "$out/tls-floor-sink.jsonl" --port-file "$out/tls-floor.url" \
    --tls-cert "$tls_dir/sink-cert.pem" --tls-key "$tls_dir/sink-key.pem" >/dev/null 2>&1 &
  sink_pid=$!
  for _ in $(seq 100); do [[ -s $out/tls-floor.url ]] && break; sleep 0.05; done
  url="$(cat "$out/tls-floor.url")/services/T0/B0/X0"
  for ca in single bundle; do
    cafile=$tls_dir/sink-cert.pem
    [[ $ca == bundle ]] && cafile=$tls_dir/ca-bundle.pem
    for k in $(seq 24); do
      curl -s -o /dev/null --cacert "$cafile" -H 'Content-Type: application/json' -d '{"text":"tls floor"}' \
        -w "$ca $k %{time_connect} %{time_appconnect} %{time_total}\n" "$url"
    done
  done >"$out/tls-floor.txt"
  kill "$sink_pid" 2>/dev/null || true
fi

if [[ $arm64 == 1 ]]; then
  stage_arm64=$repo/build/release-arm64/lambda-stage
  measure noop-arm64 http -E NOOP_POST=1 -- "$(command -v qemu-aarch64-static)" "$out/noop_peer-arm64"
  measure cpp-arm64 tls "${cpp_env[@]}" -t "$stage_arm64" -- "$(command -v qemu-aarch64-static)" "$stage_arm64/bootstrap"
fi

/usr/bin/python3 "$repo/scripts/bench_lambda_report.py" "$out" "$zip" \
  "$repo/build/release-arm64/guardduty-slack-lambda-arm64.zip" | tee "$out/report.md"
