#!/usr/bin/env bash
# Regenerates src/lambda_link/bootstrap.order, the symbol-ordering file the Lambda package links with
# (cmake/LambdaPackage.cmake; why: docs/PERFORMANCE.md §6, "Fourth round"): the functions and data the release
# bootstrap touches, in first-touch order. Two runs under valgrind lackey, mapped to symbols by order_symbols.py:
#   1. every memory access (code and data) from exec to the first GET /next (init);
#   2. every block of code entered from exec through one invocation that posts to a Slack stand-in over HTTPS
#      (a full memory trace of the TLS handshake is too slow for the webhook's 2 s attempt timeout).
#   scripts/order-symbols.sh         # needs the release tree built (build/release) and valgrind
# Env: BOOTSTRAP (default build/release/src/lambda/bootstrap, unstripped), OUT (default the file above).
# A measuring tool, not a test: run it after a change that moves what init runs, then rebuild the package.
# A stale file costs only speed: symbols it names that no longer exist are ignored.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bootstrap=${BOOTSTRAP:-$repo/build/release/src/lambda/bootstrap}
out=$(realpath -m "${OUT:-$repo/src/lambda_link/bootstrap.order}")
[[ -x $bootstrap ]] || { echo "order-symbols: build the release tree first (no $bootstrap)" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "order-symbols: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
work=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# The bench's routing file (scripts/bench-lambda.sh) and a certificate the sink serves and the bootstrap trusts.
printf 'destinations:\n  slack:\n    slack: {}\n    digest_after: 1000\n    pace: {interval_ms: 0}\ndefault: {to: slack}\n' \
  >"$work/routing.yaml"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
/usr/bin/python3 "$repo/tests/standins/slack_standin.py" --port-file "$work/slack" --rate 0 \
  --tls-cert "$work/cert.pem" --tls-key "$work/key.pem" >/dev/null 2>&1 &
pids+=($!)

# run_traced NAME LACKEY_OPTION [EVENT]: the bootstrap under lackey against a fresh Runtime API stand-in,
# until it waits in GET /next with every event answered; the trace goes to $work/NAME.trace.
run_traced() {
  local name=$1 option=$2
  shift 2
  /usr/bin/python3 "$repo/tests/standins/runtime_api_standin.py" --port-file "$work/$name.api" \
    --report "$work/$name.json" --timeout-ms 120000 "$@" >/dev/null 2>&1 &
  local standin=$!
  pids+=("$standin")
  for _ in $(seq 200); do [[ -s $work/slack && -s $work/$name.api ]] && break; sleep 0.05; done
  local api
  api=$(cat "$work/$name.api")
  env -i PATH=/usr/bin:/bin AWS_LAMBDA_RUNTIME_API="$api" AWS_REGION=us-east-1 \
    ACCOUNT_NAMES_ONLY=true SLACK_URL="$(cat "$work/slack")/services/T0/B0/X0" SSL_CERT_FILE="$work/cert.pem" \
    CONFIG_FILE="$work/routing.yaml" \
    valgrind --tool=lackey "$option" --vex-guest-chase=no --log-file="$work/$name.trace" "$bootstrap" \
    >/dev/null 2>"$work/$name.log" &
  local run=$!
  # Waiting in GET /next: an established connection to the stand-in and, with an event, its answer recorded.
  local ok=0
  for _ in $(seq 1200); do
    if ss -Htn state established "( dport = :${api##*:} )" | grep -q . &&
      { [[ $# -eq 0 ]] || grep -q '"outcome": "' "$work/$name.json" 2>/dev/null; }; then
      ok=1
      break
    fi
    sleep 0.1
  done
  sleep 0.5
  kill -KILL "$run" 2>/dev/null || true  # it may have died already: its log says why, below
  wait "$run" 2>/dev/null || true
  kill "$standin" 2>/dev/null || true
  if [[ $ok == 0 ]] || { [[ $# -gt 0 ]] && ! grep -q '"outcome": "response"' "$work/$name.json"; }; then
    echo "order-symbols: the $name run did not complete; bootstrap log:" >&2
    cat "$work/$name.log" >&2
    exit 1
  fi
}
run_traced init --trace-mem=yes
run_traced invocation --trace-superblocks=yes "$repo/testdata/events/demo/01-credential-exfiltration.json"
/usr/bin/python3 "$repo/scripts/order_symbols.py" "$bootstrap" "$out" "$work/init.trace" "$work/invocation.trace"
