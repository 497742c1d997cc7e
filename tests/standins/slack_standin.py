#!/usr/bin/python3
"""Slack incoming-webhook stand-in for loopback tests (stdlib only).

Behaves like https://hooks.slack.com/services/...: a POST with a JSON object holding `text`, `blocks` or
`attachments` gets 200 with the plain-text body `ok` (Content-Type text/html, as Slack sends it); invalid
JSON gets 400 `invalid_payload`; a JSON object without any of the three gets 400 `no_text`
(FACTS.md b.2). A plan scripts answers in arrival order; once it runs out every request gets the normal
answer above.

Plan items (comma separated, --plan):
  ok                  normal answer (validates the body as Slack would)
  429                 429 `rate_limited` with `Retry-After: <--retry-after>`
  500 / 503 / ...     that status with body `rollup_error` (5xx) or `error`
  CODE:ERROR          that status with body ERROR, e.g. 400:invalid_blocks, 404:channel_not_found
  delay:MS            sleep MS milliseconds, then the normal answer
  hang                never answer (until the client gives up or the stand-in exits)
  reset               close the connection with a TCP RST (SO_LINGER 0), no answer
  close               close the connection cleanly (FIN), no answer

Every request is logged as one JSON line to --log (if given), written before the answer:
  {"seq", "conn", "client_port", "tls", "method", "path", "headers", "body", "answer"}
`conn` numbers TCP connections from 1, so tests can check keep-alive reuse.

The base URL (http://127.0.0.1:PORT or https://...) goes to --port-file (written atomically) or stdout.
Usage from C++ (fork/exec) or pytest:
  /usr/bin/python3 slack_standin.py --port-file F --log L --plan 500,ok [--tls-cert C --tls-key K]
SIGTERM or SIGINT stops it; it also exits when its parent process goes away.
"""

import argparse
import http.server
import json
import os
import signal
import socket
import ssl
import struct
import sys
import threading
import time

from child_process import StandinChild, publish_url

ANSWER_OK = ("ok", 200, "ok")


class Plan:
    def __init__(self, items):
        self._items = list(items)
        self._lock = threading.Lock()

    def next(self):
        with self._lock:
            return self._items.pop(0) if self._items else "ok"


class State:
    def __init__(self, plan, retry_after, log_path, tls):
        self.plan = plan
        self.retry_after = retry_after
        self.tls = tls
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


def validate(body):
    """Slack's own checks on a webhook body: (status, text)."""
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return 400, "invalid_payload"
    if not isinstance(payload, dict):
        return 400, "invalid_payload"
    if not any(payload.get(k) for k in ("text", "blocks", "attachments")):
        return 400, "no_text"
    if "blocks" in payload and not isinstance(payload["blocks"], list):
        return 400, "invalid_blocks_format"
    return 200, "ok"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like Slack
    server_version = "slack-standin"
    sys_version = ""

    def setup(self):
        super().setup()
        self.conn_id = self.server.state.new_connection()
        if isinstance(self.connection, ssl.SSLSocket):
            self.connection.settimeout(10)
            self.connection.do_handshake()  # a failure (client rejects our cert) ends this connection only
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

    def _handle(self):
        state = self.server.state
        body = self._read_body()
        item = state.plan.next()
        record = {
            "conn": self.conn_id,
            "client_port": self.client_address[1],
            "tls": state.tls,
            "method": self.command,
            "path": self.path,
            "headers": {k: v for k, v in self.headers.items()},
            "body": body.decode("utf-8", errors="replace"),
            "answer": item,
        }
        state.log(record)

        if item in ("reset", "close"):
            self._abort(rst=(item == "reset"))
            return
        if item == "hang":
            # Until the client goes away (recv returns b"" or fails) or the stand-in stops.
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
            return
        if item.startswith("delay:"):
            time.sleep(int(item.split(":", 1)[1]) / 1000.0)
            item = "ok"
        if item == "ok":
            if self.command != "POST":
                self._send(405, "invalid_method")
                return
            status, text = validate(body)
            self._send(status, text)
            return
        code, _, error = item.partition(":")
        status = int(code)
        if status == 429:
            self._send(429, error or "rate_limited", [("Retry-After", str(state.retry_after))])
        else:
            self._send(status, error or ("rollup_error" if status >= 500 else "error"))

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


PLAN_WORDS = ("ok", "hang", "reset", "close")


def parse_plan(text):
    items = [p.strip() for p in text.split(",") if p.strip()] if text else []
    for item in items:
        if item in PLAN_WORDS:
            continue
        head, _, tail = item.partition(":")
        if head == "delay" and tail.isdigit():
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

    def __init__(self, workdir, plan="", retry_after=1, tls_cert=None, tls_key=None, python="/usr/bin/python3"):
        args = ["--plan", plan, "--retry-after", str(retry_after)]
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
    args = ap.parse_args(argv)

    tls = bool(args.tls_cert)
    server = Server(("127.0.0.1", 0), Handler)
    server.state = State(Plan(parse_plan(args.plan)), args.retry_after, args.log, tls)
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
