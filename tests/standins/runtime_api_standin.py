#!/usr/bin/python3
"""AWS Lambda Runtime API stand-in (2018-06-01) for loopback tests (stdlib only).

Serves http://127.0.0.1:PORT/2018-06-01/runtime/... like Lambda does for a custom runtime
(docs/reference/lambda.md#runtime-api): hands out the event files given on the command line, in order, one at a time;
records every answer; checks the runtime keeps to the protocol.

  GET  /runtime/invocation/next         200 + event, headers Lambda-Runtime-Aws-Request-Id (uuid4),
                                        Lambda-Runtime-Deadline-Ms (now + --timeout-ms),
                                        Lambda-Runtime-Invoked-Function-Arn, Lambda-Runtime-Trace-Id.
                                        No event left: the request is held open (a frozen sandbox).
                                        An invocation still open: 403 InvalidStateTransition.
  POST /runtime/invocation/{id}/response  202; unknown id 400; answered twice 403; > 6 MiB 413.
  POST /runtime/invocation/{id}/error     202 (same checks); the Lambda-Runtime-Function-Error-Type
                                        header must match (Runtime|Function)\\.[A-Z][a-zA-Z]+ and the
                                        body must be {"errorMessage":..,"errorType":..}.
  POST /runtime/init/error                202, recorded.

When every event has been answered, or an init error arrived, the JSON report goes to --report
(written atomically, rewritten if anything happens later); with --exit-when-done the stand-in
then exits. The report:
  {"done", "init_error": {"error_type", "body", "t_ms"} | null,
   "invocations": [{"request_id", "event", "deadline_ms", "handed_out_ms", "answered_ms",
                    "duration_ms", "before_deadline", "outcome": "response"|"error"|null,
                    "response": <body>, "error_type": <header>, "error": <body>}],
   "violations": [{"kind", "detail"}], "next_calls"}
Bodies are parsed JSON when they parse, else text. Times are Unix epoch milliseconds.

"127.0.0.1:PORT" (the value for AWS_LAMBDA_RUNTIME_API) goes to --port-file (atomically) or stdout.
Usage: /usr/bin/python3 runtime_api_standin.py --port-file F --report R [--timeout-ms 3000]
           [--exit-when-done] EVENT.json...
Faults (--fault WHERE:KIND:N, repeatable), for the fault matrix (tests/faults):
  next:500:N      the first N GET /next are answered 500 ServiceException (nothing handed out)
  next:drop:N     the first N GET /next: the connection is closed without an answer
  answer:500:N    the first N POST .../response or .../error are answered 500 and not recorded
  answer:drop:N   the first N answers: the connection is closed without an answer, nothing recorded
An invocation whose answer was lost that way is what Lambda sees as a timed-out invocation: when the
runtime asks /next again, it is closed with outcome "lost" and its event handed out again under a new
request id (Lambda's retry of an asynchronous invocation). Each fault used is listed in the report's "faults".
SIGTERM or SIGINT writes the report and stops it; it also exits when its parent process goes away.
"""

import argparse
import http.server
import json
import os
import re
import signal
import socket
import socketserver
import struct
import sys
import threading
import time
import uuid

from child_process import publish_url, write_atomically

API_PREFIX = "/2018-06-01/runtime"
NEXT_PATH = API_PREFIX + "/invocation/next"
INIT_ERROR_PATH = API_PREFIX + "/init/error"
INVOCATION_PREFIX = API_PREFIX + "/invocation/"
ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"
ERROR_TYPE_PATTERN = re.compile(r"^(Runtime|Function)\.[A-Z][a-zA-Z]+$")
MAX_RESPONSE_BYTES = 6 * 1024 * 1024  # Lambda's synchronous response limit


def now_ms():
    return int(time.time() * 1000)


def decode(raw):
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return raw.decode("utf-8", "replace")


class Invocation:
    def __init__(self, name, body):
        self.request_id = str(uuid.uuid4())
        self.event = name
        self.body = body
        self.deadline_ms = None
        self.handed_out_ms = None
        self.answered_ms = None
        self.outcome = None
        self.response = None
        self.error_type = None
        self.error = None

    def to_json(self):
        done = self.answered_ms is not None and self.handed_out_ms is not None
        return {
            "request_id": self.request_id,
            "event": self.event,
            "deadline_ms": self.deadline_ms,
            "handed_out_ms": self.handed_out_ms,
            "answered_ms": self.answered_ms,
            "duration_ms": (self.answered_ms - self.handed_out_ms) if done else None,
            "before_deadline": (self.answered_ms <= self.deadline_ms) if done else None,
            "outcome": self.outcome,
            "response": self.response,
            "error_type": self.error_type,
            "error": self.error,
        }


class State:
    def __init__(self, args, invocations):
        self.args = args
        self.cond = threading.Condition()
        self.pending = list(invocations)
        self.all = list(invocations)
        self.by_id = {inv.request_id: inv for inv in invocations}
        self.current = None
        self.init_error = None
        self.violations = []
        self.next_calls = 0
        self.finished = threading.Event()  # all answered, or init error
        self.stopping = threading.Event()
        self.version = 0  # bumped on every change, so the report is rewritten
        self.faults = {}  # (where, kind) -> times left
        for spec in args.fault:
            where, kind, times = spec.split(":")
            self.faults[(where, kind)] = int(times)
        self.faults_used = []
        self.answer_lost = set()  # request ids whose answer a fault swallowed

    def take_fault(self, where):
        """REQUIRES: cond held. The fault kind to apply to this request, or None."""
        for (w, kind), left in self.faults.items():
            if w == where and left > 0:
                self.faults[(w, kind)] = left - 1
                self.faults_used.append("%s:%s" % (w, kind))
                self.version += 1
                return kind
        return None

    def violation(self, kind, detail):
        self.violations.append({"kind": kind, "detail": detail})
        self.version += 1

    def check_finished(self):
        # REQUIRES: cond held
        self.version += 1
        if self.init_error is not None or (self.all and all(inv.outcome is not None for inv in self.all)):
            self.finished.set()

    def report(self):
        with self.cond:
            return {
                "done": all(inv.outcome is not None for inv in self.all),
                "init_error": self.init_error,
                "invocations": [inv.to_json() for inv in self.all],
                "violations": list(self.violations),
                "next_calls": self.next_calls,
                "faults": list(self.faults_used),
            }

    def write_report(self):
        text = json.dumps(self.report(), indent=2, ensure_ascii=False) + "\n"
        if self.args.report:
            write_atomically(self.args.report, text)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "runtime-api-standin"
    sys_version = ""

    def log_message(self, fmt, *args):
        if self.server.state.args.verbose:
            sys.stderr.write("[runtime-api] " + (fmt % args) + "\n")

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, code, body, headers=None):
        data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _error(self, code, error_type, message):
        self._send(code, {"errorMessage": message, "errorType": error_type})

    def _apply_fault(self, kind):
        if kind == "500":
            self._error(500, "ServiceException", "injected fault")
            return
        raw = socket.socket(fileno=self.connection.detach())
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        raw.close()
        self.close_connection = True

    def do_GET(self):
        state = self.server.state
        if self.path != NEXT_PATH:
            self._error(404, "NotFound", "unknown path")
            return
        with state.cond:
            state.next_calls += 1
            state.version += 1
            fault = state.take_fault("next")
        if fault:
            self._apply_fault(fault)
            return
        with state.cond:
            if state.current is not None and state.current.request_id in state.answer_lost:
                # Lambda never got this invocation's answer: it timed out, and Lambda retries the event.
                lost = state.current
                lost.outcome = "lost"
                retry = Invocation(lost.event, lost.body)
                state.all.append(retry)
                state.by_id[retry.request_id] = retry
                state.pending.insert(0, retry)
                state.current = None
            if state.current is not None:
                state.violation("next_while_busy", "/next while %s is unanswered" % state.current.request_id)
                busy = True
            else:
                busy = False
                # No event left: hold the request, as Lambda holds it while the sandbox is frozen.
                while not state.pending and not state.stopping.is_set():
                    state.cond.wait(0.2)
                if state.stopping.is_set():
                    return
                inv = state.pending.pop(0)
                state.current = inv
                inv.handed_out_ms = now_ms()
                inv.deadline_ms = inv.handed_out_ms + state.args.timeout_ms
        if busy:
            self._error(403, "InvalidStateTransition", "an invocation is already in progress")
            return
        arn = "arn:aws:lambda:%s:123456789012:function:%s" % (state.args.region, state.args.function_name)
        trace = "Root=1-%08x-%s;Parent=%s;Sampled=0" % (int(time.time()), uuid.uuid4().hex[:24], uuid.uuid4().hex[:16])
        self._send(200, inv.body, {
            "Lambda-Runtime-Aws-Request-Id": inv.request_id,
            "Lambda-Runtime-Deadline-Ms": str(inv.deadline_ms),
            "Lambda-Runtime-Invoked-Function-Arn": arn,
            "Lambda-Runtime-Trace-Id": trace,
        })

    def do_POST(self):
        state = self.server.state
        body = self._body()
        arrived = now_ms()
        error_type = self.headers.get(ERROR_TYPE_HEADER)
        if self.path == INIT_ERROR_PATH:
            with state.cond:
                state.init_error = {"error_type": error_type, "body": decode(body), "t_ms": arrived}
                self._check_error(error_type, body, "init")
                state.check_finished()
            self._send(202, {"status": "OK"})
            return
        rest = self.path[len(INVOCATION_PREFIX):] if self.path.startswith(INVOCATION_PREFIX) else ""
        request_id, _, kind = rest.partition("/")
        if not request_id or kind not in ("response", "error"):
            self._error(404, "NotFound", "unknown path")
            return
        with state.cond:
            fault = state.take_fault("answer")
            if fault:
                state.answer_lost.add(request_id)
        if fault:
            self._apply_fault(fault)
            return
        with state.cond:
            inv = state.by_id.get(request_id)
            if inv is None:
                state.violation("unknown_request_id", "POST %s for %s" % (kind, request_id))
                reply = (400, "InvalidRequestID", "unknown request id")
            elif inv.outcome is not None:
                state.violation("double_answer", "second POST %s for %s" % (kind, request_id))
                reply = (403, "InvalidStateTransition", "invocation already answered")
            elif inv is not state.current:
                state.violation("answer_before_handout", "POST %s for %s" % (kind, request_id))
                reply = (403, "InvalidStateTransition", "invocation not in progress")
            elif kind == "response" and len(body) > MAX_RESPONSE_BYTES:
                state.violation("response_too_large", "%d bytes for %s" % (len(body), request_id))
                reply = (413, "RequestEntityTooLarge", "response payload too large")
            else:
                reply = None
                inv.answered_ms = arrived
                inv.outcome = kind
                if kind == "response":
                    inv.response = decode(body)
                else:
                    inv.error_type = error_type
                    inv.error = decode(body)
                    self._check_error(error_type, body, request_id)
                if arrived > inv.deadline_ms:
                    state.violation("answer_after_deadline", "%s answered %d ms late" % (request_id, arrived - inv.deadline_ms))
                state.current = None
                state.check_finished()
                state.cond.notify_all()
        if reply is None:
            self._send(202, {"status": "OK"})
        else:
            self._error(*reply)

    def _check_error(self, error_type, body, what):
        # REQUIRES: state.cond held
        state = self.server.state
        if error_type is None or not ERROR_TYPE_PATTERN.match(error_type):
            state.violation("bad_error_type", "%s: error type header %r" % (what, error_type))
        parsed = decode(body)
        if not (isinstance(parsed, dict) and isinstance(parsed.get("errorMessage"), str)
                and isinstance(parsed.get("errorType"), str)):
            state.violation("bad_error_body", "%s: body is not {errorMessage, errorType}" % what)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("events", nargs="*", help="event files, handed out in this order")
    ap.add_argument("--port-file", help="write 127.0.0.1:PORT here (else print it)")
    ap.add_argument("--report", help="write the JSON report here")
    ap.add_argument("--timeout-ms", type=int, default=3000, help="function timeout: deadline = hand-out + this")
    ap.add_argument("--function-name", default="guardduty-slack")
    ap.add_argument("--region", default="us-east-1")
    ap.add_argument("--exit-when-done", action="store_true",
                    help="exit after the report is written (all events answered, or init error)")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--fault", action="append", default=[], metavar="WHERE:KIND:N",
                    help="next:500:N, next:drop:N, answer:500:N, answer:drop:N (see above)")
    args = ap.parse_args(argv)

    invocations = []
    for path in args.events:
        with open(path, "rb") as fh:
            invocations.append(Invocation(os.path.basename(path), fh.read()))
    state = State(args, invocations)
    server = Server(("127.0.0.1", 0), Handler)
    server.state = state
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    # The value of AWS_LAMBDA_RUNTIME_API: host:port, no scheme.
    publish_url("127.0.0.1:%d" % server.server_address[1], args.port_file)

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    parent = os.getppid()
    reported = None
    while not stop.is_set():
        stop.wait(0.05)
        if os.getppid() != parent:
            break
        if state.finished.is_set():
            if reported != state.version:  # something happened since (a late answer, a violation)
                reported = state.version
                state.write_report()
            if args.exit_when_done:
                break
    with state.cond:
        state.stopping.set()
        state.cond.notify_all()
    state.write_report()
    server.shutdown()
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
