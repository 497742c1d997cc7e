#!/usr/bin/python3
"""Slack incoming-webhook stand-in for loopback tests (stdlib only). Behaves like
https://hooks.slack.com/services/T…/B…/… as documented; the rules it follows and their sources are in
tests/standins/SLACK_RULES.md, the body checks in slack_rules.py.

A POST is answered, in this order:
  1. a --plan item, if any is left (scripted faults, in arrival order);
  2. 405 `invalid_method` for anything but POST;
  3. the webhook's state (--webhook PATH=STATE): 404 channel_not_found, 404 no_service, 410 channel_is_archived,
     403 action_prohibited, 403 invalid_token, 500 rollup_error;
  4. 429 `rate_limited` with Retry-After when the webhook exceeds --rate messages/s beyond --burst
     (a token bucket per webhook path; --time-scale speeds its clock up for tests);
  5. 400 invalid_payload / no_text / invalid_blocks_format / invalid_blocks / invalid_attachments /
     too_many_attachments when the body breaks a rule (slack_rules.py);
  6. 200 `ok` (Content-Type text/html, as Slack sends it): the message is posted.

Plan items (comma separated, --plan):
  ok                  the normal answer (steps 2-6)
  429                 429 `rate_limited` with `Retry-After: <--retry-after>`
  500 / 503 / ...     that status with body `rollup_error` (5xx) or `error`
  CODE:ERROR          that status with body ERROR, e.g. 400:invalid_blocks, 404:channel_not_found
  html:CODE           that status with an HTML error page (what a proxy in front of Slack sends)
  retry-after:N       429 with the literal header `Retry-After: N` (any number of digits)
  retry-after-date:S  429 with Retry-After as an HTTP-date S seconds from now (RFC 9110 allows both forms)
  garbage             bytes that are not HTTP, then close
  delay:MS            sleep MS milliseconds, then the normal answer
  hang                never answer, nothing posted (until the client gives up or the stand-in exits)
  accept-hang         the message is posted (logged posted=true), but the answer never comes
  stall               the message is posted; status line, headers and half the body are sent, then nothing
  reset               close the connection with a TCP RST (SO_LINGER 0), no answer
  close               close the connection cleanly (FIN), no answer

Every request is logged as one JSON line to --log (if given), written before the answer:
  {"seq", "conn", "client_port", "tls", "method", "path", "headers", "body", "answer", "status", "error",
   "posted", "notes"}
`conn` numbers TCP connections from 1, so tests can check keep-alive reuse. `posted` is true when Slack would
have shown the message (200, accept-hang, stall): count messages with it, not with requests.

The base URL (http://127.0.0.1:PORT or https://...) goes to --port-file (written atomically) or stdout.
Usage from C++ (fork/exec) or pytest:
  /usr/bin/python3 slack_standin.py --port-file F --log L --plan 500,ok [--tls-cert C --tls-key K]
      [--rate 1 --burst 25 --time-scale 1] [--webhook /services/T/B/X=archived ...]
SIGTERM or SIGINT stops it; it also exits when its parent process goes away.
"""

import argparse
import email.utils
import http.server
import json
import os
import signal
import socket
import ssl
import struct
import sys
import threading
import math
import time

from child_process import StandinChild, publish_url
from slack_rules import validate_body

# --webhook PATH=STATE: what Slack answers for a webhook in that state (SLACK_RULES.md R13).
WEBHOOK_STATES = {
    "ok": None,
    "channel_not_found": (404, "channel_not_found"),
    "no_service": (404, "no_service"),
    "archived": (410, "channel_is_archived"),
    "prohibited": (403, "action_prohibited"),
    "invalid_token": (403, "invalid_token"),
    "rollup_error": (500, "rollup_error"),
}

HTML_ERROR_PAGE = ("<html>\r\n<head><title>{code} Bad Gateway</title></head>\r\n<body>\r\n"
                   "<center><h1>{code} Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n")


class RateLimiter:
    """A token bucket per webhook path: `burst` messages at once, then `rate` per second (SLACK_RULES.md R14).
    `time_scale` runs the bucket's clock faster (tests): 100 means 100 x rate per real second. rate <= 0: off.
    Returns Retry-After in real seconds."""

    def __init__(self, rate, burst, time_scale):
        self.rate = rate * time_scale
        self.burst = max(1, burst)
        self.scaled = time_scale > 1
        self._buckets = {}
        self._lock = threading.Lock()

    def take(self, key):
        """None when a message may pass now, else the Retry-After in whole seconds."""
        if self.rate <= 0:
            return None
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return None
            self._buckets[key] = (tokens, now)
            wait = (1.0 - tokens) / self.rate  # real seconds
            # Retry-After is whole seconds. At Slack's own pace the wait rounds up (at least 1 s); under a fast
            # test clock it rounds to the nearest second, 0 included, or a scaled run would wait real seconds.
            return int(round(wait)) if self.scaled else max(1, math.ceil(wait))


class Plan:
    def __init__(self, items):
        self._items = list(items)
        self._lock = threading.Lock()

    def next(self):
        with self._lock:
            return self._items.pop(0) if self._items else "ok"


class State:
    def __init__(self, plan, retry_after, log_path, tls, limiter=None, webhooks=None):
        self.plan = plan
        self.retry_after = retry_after
        self.tls = tls
        self.limiter = limiter or RateLimiter(0, 1, 1)
        self.webhooks = webhooks or {}
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._seq = 0
        self._conn = 0
        self._log = open(log_path, "a", encoding="utf-8") if log_path else None

    def new_connection(self):
        with self._lock:
            self._conn += 1
            return self._conn

    def log(self, record):
        with self._lock:
            self._seq += 1
            record = dict(seq=self._seq, **record)
            if self._log:
                self._log.write(json.dumps(record, sort_keys=True) + "\n")
                self._log.flush()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like Slack
    server_version = "slack-standin"
    sys_version = ""

    def setup(self):
        super().setup()
        # Headers and body go out in two writes; with Nagle on, the body waits for the client's delayed ACK
        # (40 ms on Linux) on every keep-alive request. Slack's front ends do not add that delay.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.conn_id = self.server.state.new_connection()
        if isinstance(self.connection, ssl.SSLSocket):
            self.connection.settimeout(10)
            try:
                self.connection.do_handshake()  # a failure (client rejects our cert) ends this connection only
            except (ssl.SSLError, OSError):
                # Logged so tests can count handshakes a client abandoned (e.g. it retried a verify failure).
                self.server.state.log({"conn": self.conn_id, "client_port": self.client_address[1], "tls": True,
                                       "method": None, "path": None, "headers": {}, "body": "",
                                       "answer": "tls_handshake_failed", "status": None, "error": None,
                                       "posted": False, "notes": []})
                raise
            self.connection.settimeout(None)

    def log_message(self, fmt, *args):  # quiet: the JSON log is the record
        pass

    def _read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _send(self, status, text, extra_headers=()):
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(data)))
        for name, value in extra_headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _abort(self, rst):
        # detach() hands over the descriptor without closing it; a fresh socket object on it has no
        # makefile() references, so close() really closes now (with TLS: no close_notify is sent).
        raw = socket.socket(fileno=self.connection.detach())
        if rst:
            raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        raw.close()
        self.close_connection = True

    def finish(self):
        try:
            super().finish()
        except (OSError, ValueError):
            pass

    def _normal_answer(self, body):
        """Steps 2-6 of the module docstring: (answer, status, error, notes, extra_headers)."""
        state = self.server.state
        if self.command != "POST":
            return "ok", 405, "invalid_method", [], []
        path = self.path.split("?", 1)[0]
        answer = state.webhooks.get(path)
        if answer is not None:
            return "webhook", answer[0], answer[1], [], []
        retry_after = state.limiter.take(path)
        if retry_after is not None:
            return "rate_limited", 429, "rate_limited", [], [("Retry-After", str(retry_after))]
        status, error, notes = validate_body(body, self.headers.get("Content-Type"))
        return "ok", status, error, notes, []

    def _stall(self):
        data = b"ok"
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s"
                         % (len(data), data[:1]))
        self.wfile.flush()
        self._wait_for_client_to_leave()

    def _wait_for_client_to_leave(self):
        # Until the client goes away (recv returns b"" or fails) or the stand-in stops.
        state = self.server.state
        self.connection.settimeout(0.1)
        while not state.stopping.is_set():
            try:
                if not self.connection.recv(1):
                    break
            except (socket.timeout, ssl.SSLWantReadError):
                continue
            except OSError:
                break
        self.close_connection = True

    def _handle(self):
        state = self.server.state
        body = self._read_body()
        item = state.plan.next()
        status, error, notes, headers, answer = None, None, [], [], item
        if item.startswith("delay:"):
            time.sleep(int(item.split(":", 1)[1]) / 1000.0)
            item = "ok"
        if item == "ok":
            kind, status, error, notes, headers = self._normal_answer(body)
            if answer == "ok":
                answer = kind
        elif item == "429":
            status, error, headers = 429, "rate_limited", [("Retry-After", str(state.retry_after))]
        elif item.startswith("retry-after:"):
            status, error, headers = 429, "rate_limited", [("Retry-After", item.split(":", 1)[1])]
        elif item.startswith("retry-after-date:"):
            when = time.time() + int(item.split(":", 1)[1])
            headers = [("Retry-After", email.utils.formatdate(when, usegmt=True))]
            status, error = 429, "rate_limited"
        elif item.startswith("html:"):
            status = int(item.split(":", 1)[1])
            error = HTML_ERROR_PAGE.format(code=status)
        elif item[:3].isdigit():
            code, _, text = item.partition(":")
            status = int(code)
            error = text or ("rollup_error" if status >= 500 else "error")
        posted = (status == 200) or item in ("accept-hang", "stall")
        state.log({
            "conn": self.conn_id,
            "client_port": self.client_address[1],
            "tls": state.tls,
            "method": self.command,
            "path": self.path,
            "headers": {k: v for k, v in self.headers.items()},
            "body": body.decode("utf-8", errors="replace"),
            "answer": answer,
            "status": status,
            "error": error if status is None or not error.startswith("<html>") else "html",
            "posted": posted,
            "notes": notes,
        })

        if item in ("reset", "close"):
            self._abort(rst=(item == "reset"))
        elif item in ("hang", "accept-hang"):
            self._wait_for_client_to_leave()
        elif item == "stall":
            self._stall()
        elif item == "garbage":
            self.wfile.write(b"\x00\xffSLACK?? not http at all\r\n\r\n\x7f")
            self.wfile.flush()
            self._abort(rst=False)
        else:
            self._send(status, error, headers)

    def do_POST(self):
        try:
            self._handle()
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            self.close_connection = True

    do_GET = do_POST
    do_PUT = do_POST


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):  # client went away mid-request: not our concern
        pass


PLAN_WORDS = ("ok", "hang", "accept-hang", "stall", "garbage", "reset", "close")


def parse_plan(text):
    items = [p.strip() for p in text.split(",") if p.strip()] if text else []
    for item in items:
        if item in PLAN_WORDS:
            continue
        head, _, tail = item.partition(":")
        if head == "delay" and tail.isdigit():
            continue
        if head == "html" and tail.isdigit() and 100 <= int(tail) <= 599:
            continue
        if head in ("retry-after", "retry-after-date") and tail.isdigit():
            continue
        if head.isdigit() and 100 <= int(head) <= 599:
            continue
        raise SystemExit("slack_standin: bad plan item %r" % item)
    return items


class StandinProcess(StandinChild):
    """Runs the stand-in as a child process (for pytest and other Python callers).

    with StandinProcess(tmp_path, plan="500,ok") as slack:
        post(slack.url + "/services/T/B/X") ...
        assert slack.requests()[0]["answer"] == "500"
    """

    def __init__(self, workdir, plan="", retry_after=1, tls_cert=None, tls_key=None, python="/usr/bin/python3",
                 rate=None, burst=None, time_scale=None, webhooks=None):
        args = ["--plan", plan, "--retry-after", str(retry_after)]
        for flag, value in (("--rate", rate), ("--burst", burst), ("--time-scale", time_scale)):
            if value is not None:
                args += [flag, str(value)]
        for path, state in (webhooks or {}).items():
            args += ["--webhook", "%s=%s" % (path, state)]
        if tls_cert:
            args += ["--tls-cert", str(tls_cert), "--tls-key", str(tls_key)]
        super().__init__(os.path.abspath(__file__), workdir, "slack_standin", args, python)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plan", default="", help="comma-separated answers in arrival order")
    ap.add_argument("--retry-after", type=int, default=1, help="Retry-After seconds for 429 answers")
    ap.add_argument("--log", help="append one JSON line per request here")
    ap.add_argument("--port-file", help="write the base URL here (else print it)")
    ap.add_argument("--tls-cert", help="PEM certificate: serve HTTPS")
    ap.add_argument("--tls-key", help="PEM private key for --tls-cert")
    ap.add_argument("--rate", type=float, default=1.0, help="messages per second per webhook (0: no limit)")
    ap.add_argument("--burst", type=int, default=25, help="messages a webhook may send at once before --rate applies")
    ap.add_argument("--time-scale", type=float, default=1.0, help="run the rate limiter's clock this much faster")
    ap.add_argument("--webhook", action="append", default=[], metavar="PATH=STATE",
                    help="answer every POST to PATH as a webhook in STATE: " + ", ".join(WEBHOOK_STATES))
    args = ap.parse_args(argv)
    webhooks = {}
    for spec in args.webhook:
        path, _, name = spec.rpartition("=")
        if not path.startswith("/") or name not in WEBHOOK_STATES:
            raise SystemExit("slack_standin: bad --webhook %r" % spec)
        if WEBHOOK_STATES[name] is not None:
            webhooks[path] = WEBHOOK_STATES[name]

    tls = bool(args.tls_cert)
    server = Server(("127.0.0.1", 0), Handler)
    server.state = State(Plan(parse_plan(args.plan)), args.retry_after, args.log, tls,
                         RateLimiter(args.rate, args.burst, args.time_scale), webhooks)
    if tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls_cert, args.tls_key)
        # Handshake in the handler thread, not in accept(): a stuck client must not block the others.
        server.socket = ctx.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)

    url = "%s://127.0.0.1:%d" % ("https" if tls else "http", server.server_address[1])
    publish_url(url, args.port_file)

    def stop(*_):
        server.state.stopping.set()
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    parent = os.getppid()

    def watch_parent():
        while not server.state.stopping.is_set():
            if os.getppid() != parent:
                stop()
                return
            time.sleep(0.5)

    threading.Thread(target=watch_parent, daemon=True).start()
    server.serve_forever(poll_interval=0.1)
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
