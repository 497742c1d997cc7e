"""The Slack stand-in answers like Slack and does what its plan says (run: python3 -m pytest tests/standins)."""

import http.client
import json
import os
import shutil
import ssl
import subprocess
import sys
import urllib.parse

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from slack_standin import StandinProcess  # noqa: E402

PATH = "/services/T000/B000/XXXXsecretXXXX"


def connect(url, context=None):
    u = urllib.parse.urlsplit(url)
    if u.scheme == "https":
        return http.client.HTTPSConnection(u.hostname, u.port, timeout=5, context=context)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=5)


def post(conn, body, content_type="application/json"):
    conn.request("POST", PATH, body=body, headers={"Content-Type": content_type})
    r = conn.getresponse()
    return r.status, r.getheader("Content-Type"), r.getheader("Retry-After"), r.read().decode()


@pytest.fixture
def standin(tmp_path):
    started = []

    def start(**kw):
        s = StandinProcess(tmp_path, **kw)
        started.append(s)
        return s

    yield start
    for s in started:
        s.stop()


def test_validates_like_slack(standin):
    slack = standin()
    conn = connect(slack.url)
    assert post(conn, '{"text":"hi"}') == (200, "text/html", None, "ok")
    assert post(conn, "{not json")[::3] == (400, "invalid_payload")
    assert post(conn, "{}")[::3] == (400, "no_text")
    assert post(conn, '{"blocks":"[]"}')[::3] == (400, "invalid_blocks_format")
    assert post(conn, '{"attachments":[{"text":"x"}]}')[::3] == (200, "ok")


def test_plan_in_arrival_order_and_log(standin):
    slack = standin(plan="500,429,404:channel_not_found,410:channel_is_archived,delay:50", retry_after=3)
    conn = connect(slack.url)
    assert post(conn, '{"text":"a"}') == (500, "text/html", None, "rollup_error")
    assert post(conn, '{"text":"b"}') == (429, "text/html", "3", "rate_limited")
    assert post(conn, '{"text":"c"}')[::3] == (404, "channel_not_found")
    assert post(conn, '{"text":"d"}')[::3] == (410, "channel_is_archived")
    assert post(conn, '{"text":"e"}')[::3] == (200, "ok")
    assert post(conn, '{"text":"f"}')[::3] == (200, "ok")  # plan exhausted: normal answers
    log = slack.requests()
    assert [r["answer"] for r in log] == ["500", "429", "404:channel_not_found", "410:channel_is_archived",
                                          "delay:50", "ok"]
    assert {r["conn"] for r in log} == {1}  # one keep-alive connection
    assert log[0]["path"] == PATH and log[0]["body"] == '{"text":"a"}' and log[0]["tls"] is False
    assert log[0]["headers"]["Content-Type"] == "application/json"


def test_reset_close_and_hang(standin):
    slack = standin(plan="reset,close,hang")
    with pytest.raises(ConnectionResetError):
        post(connect(slack.url), '{"text":"x"}')
    with pytest.raises(http.client.RemoteDisconnected):
        post(connect(slack.url), '{"text":"x"}')
    conn = connect(slack.url)
    conn.timeout = 0.3
    with pytest.raises(TimeoutError):
        post(conn, '{"text":"x"}')
    conn.close()
    assert post(connect(slack.url), '{"text":"x"}')[::3] == (200, "ok")
    assert [r["conn"] for r in slack.requests()] == [1, 2, 3, 4]


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl CLI not available")
def test_https(standin, tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    slack = standin(tls_cert=cert, tls_key=key)
    assert slack.url.startswith("https://127.0.0.1:")
    conn = connect(slack.url, ssl.create_default_context(cafile=str(cert)))
    assert post(conn, json.dumps({"text": "hi"}))[::3] == (200, "ok")
    assert slack.requests()[0]["tls"] is True
    with pytest.raises(ssl.SSLCertVerificationError):
        post(connect(slack.url, ssl.create_default_context()), '{"text":"x"}')
