"""The Runtime API stand-in itself behaves like Lambda's Runtime API
(docs/reference/lambda.md#runtime-api), driven by a tiny
Python client, so the Lambda e2e tests can trust what it reports."""

import http.client
import json
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

STANDIN = Path(__file__).resolve().parents[2] / "tests" / "standins" / "runtime_api_standin.py"
PREFIX = "/2018-06-01/runtime"


class Standin:
    def __init__(self, tmp_path, events, *extra):
        self.port_file = tmp_path / "port"
        self.report_file = tmp_path / "report.json"
        files = []
        for i, text in enumerate(events):
            f = tmp_path / ("e%d.json" % i)
            f.write_text(text)
            files.append(str(f))
        self.proc = subprocess.Popen(["/usr/bin/python3", str(STANDIN), "--port-file", str(self.port_file),
                                      "--report", str(self.report_file)] + list(extra) + files)
        end = time.monotonic() + 10
        while not (self.port_file.exists() and self.port_file.read_text()):
            assert time.monotonic() < end, "stand-in did not start"
            assert self.proc.poll() is None
            time.sleep(0.02)
        self.host, port = self.port_file.read_text().split(":")
        self.port = int(port)

    def request(self, method, path, body=None, headers=None, timeout=5):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        conn.request(method, PREFIX + path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        result = (resp.status, {k.lower(): v for k, v in resp.getheaders()}, data)
        conn.close()
        return result

    def report(self, timeout=5):
        end = time.monotonic() + timeout
        while not self.report_file.exists():
            assert time.monotonic() < end, "no report"
            time.sleep(0.02)
        return json.loads(self.report_file.read_text())

    def stop(self):
        # Like child_process.StandinChild.stop: a stand-in slow to exit on a loaded machine is killed, not a
        # test error (these tests check answers and reports, not shutdown time).
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def standin(tmp_path):
    made = []

    def make(events, *extra):
        s = Standin(tmp_path, events, *extra)
        made.append(s)
        return s

    yield make
    for s in made:
        s.stop()


def error(error_type, message="m"):
    return json.dumps({"errorMessage": message, "errorType": error_type}), {
        "Lambda-Runtime-Function-Error-Type": error_type, "Content-Type": "application/json"}


def test_hands_out_events_in_order_with_lambda_headers(standin):
    s = standin(['{"n":1}', '{"n":2}'], "--timeout-ms", "5000", "--exit-when-done")
    status, headers, body = s.request("GET", "/invocation/next")
    assert status == 200 and json.loads(body) == {"n": 1}
    rid = headers["lambda-runtime-aws-request-id"]
    deadline = int(headers["lambda-runtime-deadline-ms"])
    assert 4000 < deadline - time.time() * 1000 <= 5000
    assert headers["lambda-runtime-invoked-function-arn"].startswith("arn:aws:lambda:")
    assert headers["lambda-runtime-trace-id"].startswith("Root=1-")
    assert s.request("POST", "/invocation/%s/response" % rid, '{"ok":true}')[0] == 202

    status, headers, body = s.request("GET", "/invocation/next")
    assert json.loads(body) == {"n": 2}
    rid2 = headers["lambda-runtime-aws-request-id"]
    assert rid2 != rid
    body, hdrs = error("Function.DeliveryFailed", "1 of 1 findings not delivered")
    assert s.request("POST", "/invocation/%s/error" % rid2, body, hdrs)[0] == 202

    s.proc.wait(timeout=5)  # --exit-when-done
    report = s.report()
    assert report["done"] is True
    assert report["violations"] == []
    first, second = report["invocations"]
    assert first["outcome"] == "response" and first["response"] == {"ok": True}
    assert first["before_deadline"] is True
    assert second["outcome"] == "error" and second["error_type"] == "Function.DeliveryFailed"
    assert second["error"] == {"errorMessage": "1 of 1 findings not delivered", "errorType": "Function.DeliveryFailed"}


def test_protocol_violations_are_refused_and_reported(standin):
    s = standin(['{"n":1}', '{"n":2}'])
    _, headers, _ = s.request("GET", "/invocation/next")
    rid = headers["lambda-runtime-aws-request-id"]
    assert s.request("GET", "/invocation/next")[0] == 403                     # next while busy
    assert s.request("POST", "/invocation/not-an-id/response", "{}")[0] == 400  # unknown id
    assert s.request("POST", "/invocation/%s/response" % rid, "{}")[0] == 202
    assert s.request("POST", "/invocation/%s/response" % rid, "{}")[0] == 403  # second answer
    _, headers, _ = s.request("GET", "/invocation/next")
    rid2 = headers["lambda-runtime-aws-request-id"]
    assert s.request("POST", "/invocation/%s/error" % rid2, '{"no":"shape"}',
                     {"Lambda-Runtime-Function-Error-Type": "DeliveryFailed"})[0] == 202
    kinds = [v["kind"] for v in s.report()["violations"]]
    assert kinds == ["next_while_busy", "unknown_request_id", "double_answer", "bad_error_type", "bad_error_body"]


def test_next_blocks_when_no_event_is_left(standin):
    s = standin(['{"n":1}'])
    _, headers, _ = s.request("GET", "/invocation/next")
    s.request("POST", "/invocation/%s/response" % headers["lambda-runtime-aws-request-id"], "{}")
    with pytest.raises(OSError):  # socket.timeout: held open like a frozen sandbox
        s.request("GET", "/invocation/next", timeout=0.5)
    assert s.report()["done"] is True


def test_init_error_is_recorded(standin):
    s = standin(['{"n":1}'], "--exit-when-done")
    body, hdrs = error("Runtime.ConfigError", "Config: SLACK_URL is not set")
    assert s.request("POST", "/init/error", body, hdrs)[0] == 202
    s.proc.wait(timeout=5)
    report = s.report()
    assert report["init_error"]["error_type"] == "Runtime.ConfigError"
    assert report["init_error"]["body"]["errorMessage"] == "Config: SLACK_URL is not set"
    assert report["invocations"][0]["outcome"] is None
    assert report["violations"] == []


def test_late_answer_is_a_violation(standin):
    s = standin(['{"n":1}'], "--timeout-ms", "100")
    _, headers, _ = s.request("GET", "/invocation/next")
    time.sleep(0.25)
    s.request("POST", "/invocation/%s/response" % headers["lambda-runtime-aws-request-id"], "{}")
    time.sleep(0.2)
    report = s.report()
    assert report["invocations"][0]["before_deadline"] is False
    assert [v["kind"] for v in report["violations"]] == ["answer_after_deadline"]
