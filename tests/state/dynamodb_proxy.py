#!/usr/bin/python3
"""A SigV4-verifying proxy in front of dynalite, for the state tests (stdlib + botocore).

dynalite implements DynamoDB faithfully but does not check signatures. This proxy checks every request's
signature with botocore, exactly as tests/standins/aws_standin.py does (its Stand.verify is reused), then
forwards it to dynalite and relays the answer. It also plays the table's bad days:
  --plan JSON list of rules, checked in order per request: {"action": "UpdateItem"|"*", "fault": F, "times": N?}
     F = "throttle" (400 ProvisionedThroughputExceededException), "throttling" (400 ThrottlingException),
         "500" (500 InternalServerError), "reset" (close the connection without an answer)
  An upstream that does not answer (dynalite killed) makes the proxy close the connection: to the client that
  is the same outage a dead endpoint is.
--log FILE: one JSON line per request, before the answer: seq, action, access_key_id, verified, outcome
  (ok, throttle, 500, reset, upstream_down, bad_signature, unknown_key, ...), status, error_code.
--state: the access keys, as for aws_standin.py ({"access_keys": {"AKID": {"secret", "session_token"?}}}).
Base URL to --port-file. Stops on SIGTERM/SIGINT and with its parent.
"""

import argparse
import http.client
import http.server
import json
import os
import socket
import struct
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "standins"))
from aws_standin import Rejected, Stand, load_json_arg  # noqa: E402
from child_process import StandinChild, publish_url, serve_until_stopped  # noqa: E402

FAULTS = {"throttle": (400, "ProvisionedThroughputExceededException",
                       "The level of configured provisioned throughput for the table was exceeded."),
          "throttling": (400, "ThrottlingException", "Rate of requests exceeds the allowed throughput."),
          "500": (500, "InternalServerError", "Internal server error")}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    stand = None
    upstream = None

    def log_message(self, *args):
        pass

    def send(self, status, body, headers):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def drop(self):
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {}
        for name, value in self.headers.items():
            headers[name.lower()] = value
        target = headers.get("x-amz-target", "")
        action = target.split(".", 1)[1] if target.startswith("DynamoDB_20120810.") else target
        entry = {"action": action, "access_key_id": None, "verified": False}
        auth = headers.get("authorization", "")
        if "Credential=" in auth:
            entry["access_key_id"] = auth.split("Credential=", 1)[1].split("/", 1)[0]
        try:
            akid = self.stand.verify("POST", self.path, headers, body, "dynamodb", False)
            entry["verified"] = True
            fault = self.stand.fault_for(action, akid)
            if fault == "reset":
                entry.update(outcome="reset", status=0)
                self.stand.log(entry)
                return self.drop()
            if fault:
                status, code, message = FAULTS[fault]
                raise Rejected(status, "com.amazonaws.dynamodb.v20120810#" + code, message, fault)
            try:
                conn = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=5)
                conn.request("POST", self.path, body=body, headers={
                    "Content-Type": headers.get("content-type", ""), "X-Amz-Target": target,
                    "Authorization": auth, "X-Amz-Date": headers.get("x-amz-date", "")})
                resp = conn.getresponse()
                data = resp.read()
                conn.close()
            except OSError:
                entry.update(outcome="upstream_down", status=0)
                self.stand.log(entry)
                return self.drop()
            error_code = resp.getheader("x-amzn-ErrorType") or ""
            entry.update(outcome="ok" if resp.status == 200 else "error", status=resp.status,
                         error_code=error_code.split("#")[-1] or None)
            self.stand.log(entry)
            self.send(resp.status, data, [("Content-Type", resp.getheader("Content-Type") or
                                           "application/x-amz-json-1.0")] +
                      ([("x-amzn-ErrorType", error_code)] if error_code else []))
        except Rejected as r:
            entry.update(outcome=r.outcome, status=r.status, error_code=r.code.split("#")[-1])
            self.stand.log(entry)
            self.send(r.status, json.dumps({"__type": r.code, "message": r.message}).encode(),
                      [("Content-Type", "application/x-amz-json-1.0"), ("x-amzn-ErrorType", r.code)])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--upstream", required=True, help="dynalite's base URL")
    ap.add_argument("--state", required=True)
    ap.add_argument("--plan", default="")
    ap.add_argument("--log", default="")
    ap.add_argument("--port-file", default="")
    args = ap.parse_args(argv)
    Handler.stand = Stand(load_json_arg(args.state) or {}, load_json_arg(args.plan) or [], args.log, 300)
    Handler.upstream = urllib.parse.urlparse(args.upstream)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    publish_url("http://127.0.0.1:%d" % server.server_address[1], args.port_file)
    return serve_until_stopped(server)


class DynamoProxyProcess(StandinChild):
    def __init__(self, workdir, upstream, state, plan=None, name="dynamodb_proxy", python="/usr/bin/python3"):
        super().__init__(os.path.abspath(__file__), workdir, name,
                         ["--upstream", upstream, "--state", json.dumps(state), "--plan", json.dumps(plan or [])],
                         python)


if __name__ == "__main__":
    sys.exit(main())
