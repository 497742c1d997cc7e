#!/usr/bin/env bash
# Self-containment test for the provided.al2023 package (docs/PACKAGING.md).
#
#   tests/package/test_chroot.sh [--arch x86_64|arm64] [--probe PROBE] [ARTIFACT]
#
# ARTIFACT  the Lambda zip (build/release/guardduty-slack-lambda-x86_64.zip) or a bare bootstrap binary.
#           Optional: without it only the probe is tested.
# --arch    the package's architecture (default x86_64). arm64: every program in the root runs under
#           Debian's qemu-user-static, called directly (`chroot ROOT /usr/bin/qemu-aarch64-static PROGRAM`,
#           binfmt_misc is not needed), with arm64 glibc from the host's multiarch libc6:arm64.
# --probe   tests/package/probe.cc linked with the Lambda recipe. Default: build it now from
#           tests/package/probe-project into build/pkg-probe (build/pkg-probe-arm64 with
#           cmake/toolchain-aarch64.cmake for arm64; cmake + the same cmake/LambdaPackage.cmake).
#
# Builds an otherwise EMPTY root in a temp dir holding only
#   x86_64: /lib64/ld-linux-x86-64.so.2, /lib/x86_64-linux-gnu/libc.so.6, /lib/x86_64-linux-gnu/libm.so.6
#   arm64:  /lib/ld-linux-aarch64.so.1, /lib/aarch64-linux-gnu/libc.so.6, /lib/aarch64-linux-gnu/libm.so.6,
#           and the emulator /usr/bin/qemu-aarch64-static (a static x86_64 program: it stands in for the CPU)
#     (glibc's own files copied from this host; no libgcc_s, no libstdc++, no libcurl/libssl/libz, no
#      ld.so.cache, no /dev, no /proc, no /etc/ssl, no /usr/lib/ssl (OPENSSLDIR))
#   /etc/pki/tls/certs/ca-bundle.crt  = a throwaway test CA (Amazon Linux's CA bundle path)
#   /var/task/...                      = the unpacked zip (bootstrap at its root), /var/task/probe
# and checks, inside `chroot`:
#   1. bootstrap (if ARTIFACT given): every NEEDED library and every symbol resolves with LD_BIND_NOW
#      (the glibc ceiling itself is checked by scripts/check-glibc-ceiling.sh: this host's glibc is 2.36);
#   2. probe POSTs a JSON finding over HTTPS to the Slack stand-in (tests/standins/slack_standin.py,
#      outside the chroot on 127.0.0.1, cert for IP:127.0.0.1) verifying it against the CA bundle path:
#      expects status=200 body=ok, and the stand-in's log shows the finding arrived over TLS;
#   3. negative: a CA bundle that does not hold the issuer, and a missing CA bundle, both fail verification
#      (no fallback to a compiled-in or Debian path);
#   4. probe --stub-selftest: every "not supported" back-end stub answers cleanly (GSS-API, LDAP, RTMP, SSH,
#      HTTP/2, brotli, zstd, IDN, public suffixes); probe --fenv-selftest: the rounding-mode shim works;
#      probe --prefault-selftest: the start-up prefault found and populated its ranges;
#   5. (with a zip) the real bootstrap runs as a Lambda runtime in that root against the Runtime API stand-in
#      and delivers the finding over HTTPS to the Slack stand-in.
# Needs root (chroot), python3, openssl CLI, unzip. Exit 0 pass, 1 fail, 77 skipped (not root / tool missing).
# ctest runs it as `package.chroot` in the release preset (tests/CMakeLists.txt), after packaging the zip.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
probe=""
artifact=""
arch=x86_64
while [[ $# -gt 0 ]]; do
  case $1 in
    --probe) probe=$2; shift 2 ;;
    --arch) arch=$2; shift 2 ;;
    -h|--help) sed -n '2,40p' "$0"; exit 0 ;;
    *) artifact=$1; shift ;;
  esac
done

if [[ $(id -u) != 0 ]]; then echo "SKIP: needs root for chroot"; exit 77; fi
for tool in chroot python3 openssl unzip cmake; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not found"; exit 77; }
done
[[ $(uname -m) == x86_64 ]] || { echo "SKIP: x86_64 host only"; exit 77; }
# run_in_root PROGRAM ARGS...: the command prefix that runs a program of the package's architecture inside
# the root (chroot is prepended by the caller).
case $arch in
  x86_64)
    loader=/lib64/ld-linux-x86-64.so.2 libdir=/lib/x86_64-linux-gnu emu=() probe_dir=$repo/build/pkg-probe
    probe_cmake=() ;;
  arm64)
    loader=/lib/ld-linux-aarch64.so.1 libdir=/lib/aarch64-linux-gnu emu=(/usr/bin/qemu-aarch64-static)
    probe_dir=$repo/build/pkg-probe-arm64
    probe_cmake=(-DCMAKE_TOOLCHAIN_FILE="$repo/cmake/toolchain-aarch64.cmake")
    for f in /usr/bin/qemu-aarch64-static "$loader" "$libdir/libc.so.6"; do
      [[ -e $f ]] || { echo "FAIL: $f missing: run scripts/install-deps.sh (qemu-user-static, libc6:arm64)"; exit 1; }
    done ;;
  *) echo "usage: --arch x86_64|arm64"; exit 2 ;;
esac

if [[ -z $probe ]]; then
  cmake -S "$here/probe-project" -B "$probe_dir" -DCMAKE_BUILD_TYPE=Release "${probe_cmake[@]}" >/dev/null
  cmake --build "$probe_dir" --target probe >/dev/null
  probe=$probe_dir/probe
fi
[[ -x $probe ]] || { echo "FAIL: probe not executable: $probe"; exit 1; }

work=$(mktemp -d /tmp/gdslack-chroot.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
root=$work/root
failures=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# --- the empty root: glibc's own files only ---------------------------------------------------------
mkdir -p "$root$(dirname "$loader")" "$root$libdir" "$root/etc/pki/tls/certs" "$root/var/task" "$root/tmp"
cp -L "$loader" "$root$loader"
cp -L "$libdir/libc.so.6" "$libdir/libm.so.6" "$root$libdir/"
if [[ ${#emu[@]} -gt 0 ]]; then
  mkdir -p "$root/usr/bin"
  cp "${emu[0]}" "$root${emu[0]}"
fi
chmod 1777 "$root/tmp"

# --- throwaway PKI: a CA, a server cert for IP:127.0.0.1, and an unrelated CA -------------------------
pki=$work/pki
mkdir -p "$pki"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=gdslack test CA" \
  -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=127.0.0.1" \
  -keyout "$pki/server.key" -out "$pki/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$pki/ext.cnf"
openssl x509 -req -in "$pki/server.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
  -extfile "$pki/ext.cnf" -out "$pki/server.crt" 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=unrelated CA" \
  -keyout "$pki/other.key" -out "$pki/other.crt" 2>/dev/null
cp "$pki/ca.crt" "$root/etc/pki/tls/certs/ca-bundle.crt"
cp "$pki/other.crt" "$root/etc/pki/tls/certs/other-bundle.crt"

# --- the artifact -----------------------------------------------------------------------------------
if [[ -n $artifact ]]; then
  case $artifact in
    *.zip) unzip -q "$artifact" -d "$root/var/task" ;;
    *) cp "$artifact" "$root/var/task/bootstrap" ;;
  esac
  if [[ -x $root/var/task/bootstrap ]]; then pass "bootstrap at the zip root, executable"
  else fail "no executable bootstrap at the root of $artifact"; fi
fi
cp "$probe" "$root/var/task/probe"
[[ ! -e $root/etc/ssl ]] || { echo "internal error: /etc/ssl exists in the test root"; exit 1; }
echo "test root: $(cd "$root" && find . -type f | sort | tr '\n' ' ')"

# 1. every NEEDED library and symbol of bootstrap resolves inside the empty root. The loader's trace variables
#    must reach only the program inside the root: set on `chroot` (itself dynamically linked) they would make
#    the loader list chroot's own libraries and never run the program, so python chroots and execs with them.
check_loads() {  # $1 = path inside the root
  local out
  if out=$(python3 -c 'import os, sys
os.chroot(sys.argv[1]); os.chdir("/")
os.execve(sys.argv[2], sys.argv[2:], {"LD_TRACE_LOADED_OBJECTS": "1", "LD_BIND_NOW": "1", "LD_WARN": "1"})' \
        "$root" "${emu[@]}" "$1" 2>&1) \
      && ! grep -qE 'not found|undefined symbol|version .* not found' <<<"$out" \
      && grep -qF "libc.so.6 => $libdir/libc.so.6" <<<"$out" && grep -qF "$loader" <<<"$out"; then
    pass "$1 loads in the empty root: $(awk '{print $1}' <<<"$out" | tr '\n' ' ')"
  else
    fail "$1 does not load in the empty root:"; echo "$out"
  fi
}
[[ -n $artifact && -x $root/var/task/bootstrap ]] && check_loads /var/task/bootstrap
check_loads /var/task/probe

# --- stand-ins outside the chroot --------------------------------------------------------------------
python3 "$repo/tests/standins/slack_standin.py" --port-file "$work/slack.url" --log "$work/slack.log" \
  --tls-cert "$pki/server.crt" --tls-key "$pki/server.key" &
pids+=($!)
cat >"$work/negotiate.py" <<'PY'
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path in ("/br", "/zstd"):  # a compressed body: only a decoder (here, its stub) can read it
            self.send_response(200)
            self.send_header("Content-Encoding", self.path[1:])
            self.send_header("Content-Length", "4")
            self.end_headers()
            self.wfile.write(b"\x0b\x02\x80\x03")
            return
        if self.path == "/cookie":  # a domain cookie: the cookie engine asks libpsl (here, its stub)
            self.send_response(200)
            self.send_header("Set-Cookie", "probe=1; Domain=localhost; Path=/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(401)
        self.send_header("WWW-Authenticate", "Negotiate")
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *a):
        pass
srv = http.server.HTTPServer(("127.0.0.1", 0), H)
open(sys.argv[1] + ".tmp", "w").write("http://127.0.0.1:%d/negotiate" % srv.server_address[1])
__import__("os").rename(sys.argv[1] + ".tmp", sys.argv[1])
srv.serve_forever()
PY
python3 "$work/negotiate.py" "$work/negotiate.url" &
pids+=($!)
for _ in $(seq 100); do [[ -s $work/slack.url && -s $work/negotiate.url ]] && break; sleep 0.05; done
slack_url="$(cat "$work/slack.url")/services/T000/B000/XXXX"
negotiate_url=$(cat "$work/negotiate.url")

# 2. a finding delivered over HTTPS, verified against /etc/pki/tls/certs/ca-bundle.crt
out=$(chroot "$root" "${emu[@]}" /var/task/probe "$slack_url" 2>&1) && rc=0 || rc=$?
if [[ $rc == 0 && $out == "status=200 body=ok" ]] \
    && python3 - "$work/slack.log" <<'PY'
import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1])]
ok = [r for r in reqs if r["tls"] and r["method"] == "POST" and "GuardDuty finding" in r["body"]]
sys.exit(0 if ok else 1)
PY
then pass "HTTPS POST from the empty root: $out; stand-in logged the finding over TLS"
else fail "HTTPS POST from the empty root: rc=$rc $out"; fi

# 3. verification really uses that file: an unrelated CA and a missing file must both fail
out=$(chroot "$root" "${emu[@]}" /var/task/probe "$slack_url" /etc/pki/tls/certs/other-bundle.crt 2>&1) && rc=0 || rc=$?
if [[ $rc == 3 ]]; then pass "unrelated CA bundle rejected: $out"; else fail "unrelated CA bundle: rc=$rc $out"; fi
out=$(chroot "$root" "${emu[@]}" /var/task/probe "$slack_url" /etc/pki/tls/certs/missing.crt 2>&1) && rc=0 || rc=$?
if [[ $rc == 3 ]]; then pass "missing CA bundle rejected: $out"; else fail "missing CA bundle: rc=$rc $out"; fi

# 4. the not-supported back-end stubs
if out=$(chroot "$root" "${emu[@]}" /var/task/probe --stub-selftest "$negotiate_url" 2>&1); then
  pass "stub self-test:"; echo "$out"
else fail "stub self-test:"; echo "$out"; fi
if out=$(chroot "$root" "${emu[@]}" /var/task/probe --fenv-selftest 2>&1); then
  pass "fenv self-test:"; echo "$out"
else fail "fenv self-test:"; echo "$out"; fi
if out=$(chroot "$root" "${emu[@]}" /var/task/probe --prefault-selftest 2>&1); then
  pass "prefault self-test:"; echo "$out"
else fail "prefault self-test:"; echo "$out"; fi

# 5. the real bootstrap as a Lambda runtime in the empty root: it takes the sample events from a Runtime API
#    stand-in (outside the chroot), one invocation each, and delivers each finding over HTTPS to the Slack
#    stand-in, trusting only /etc/pki/tls/certs/ca-bundle.crt (no SSL_CERT_FILE, nothing at Debian's path).
if [[ -n $artifact && -x $root/var/task/bootstrap ]]; then
  events=("$repo"/testdata/events/demo/*.json)
  python3 "$repo/tests/standins/runtime_api_standin.py" --port-file "$work/runtime.addr" \
    --report "$work/runtime.json" --timeout-ms 10000 --exit-when-done "${events[@]}" &
  pids+=($!)
  for _ in $(seq 100); do [[ -s $work/runtime.addr ]] && break; sleep 0.05; done
  env -i AWS_LAMBDA_RUNTIME_API="$(cat "$work/runtime.addr")" SLACK_URL="$slack_url" AWS_REGION=us-east-1 \
    "$(command -v chroot)" "$root" "${emu[@]}" /var/task/bootstrap >"$work/bootstrap.out" 2>&1 &
  boot_pid=$!
  pids+=($boot_pid)
  for _ in $(seq 400); do [[ -s $work/runtime.json ]] && break; sleep 0.05; done
  kill "$boot_pid" 2>/dev/null || true
  if python3 - "$work/runtime.json" "$work/slack.log" "${events[@]}" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
inv = report["invocations"]
events = sys.argv[3:]
assert len(inv) == len(events) and all(i["outcome"] == "response" for i in inv), inv
assert not report["violations"], report["violations"]
posts = [json.loads(l) for l in open(sys.argv[2])]
for path in events:
    finding_id = json.load(open(path))["detail"]["id"]
    tls_posts = [p for p in posts if p["tls"] and p["method"] == "POST" and finding_id in p["body"]]
    assert len(tls_posts) == 1, (finding_id, [(p["tls"], p["body"][:80]) for p in posts])
print(len(events))
PY
  then pass "bootstrap in the empty root answered ${#events[@]} invocations (${events[*]##*/}) and delivered each finding over HTTPS"
  else fail "bootstrap in the empty root:"; cat "$work/bootstrap.out"; cat "$work/runtime.json" 2>/dev/null; fi
  if grep -q "XXXX" "$work/bootstrap.out"; then fail "bootstrap output shows the webhook path"; fi
fi

if [[ $failures == 0 ]]; then echo "ALL PASS"; exit 0; fi
echo "$failures FAILURE(S)"
exit 1
