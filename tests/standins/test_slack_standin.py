"""The Slack stand-in answers like Slack and does what its plan says (run: python3 -m pytest tests/standins)."""

import http.client
import json
import os
import shutil
import ssl
import subprocess
import sys
import time
import urllib.parse

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from slack_standin import StandinProcess  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "secrets"))
import transcripts  # noqa: E402  (records each program run for the secrets sweep)

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


# ---------------------------------------------------------------------------------------------------------
# Slack's rules (SLACK_RULES.md): each error the stand-in gives by itself, without a plan.

def section(text):
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def message(*blocks, in_attachment=True):
    if in_attachment:
        return json.dumps({"text": "fallback", "attachments": [{"color": "#ECB22E", "blocks": list(blocks)}]})
    return json.dumps({"text": "fallback", "blocks": list(blocks)})


@pytest.mark.parametrize("in_attachment", [False, True])
def test_block_rules_give_invalid_blocks(standin, in_attachment):
    slack = standin()
    conn = connect(slack.url)
    button = {"type": "button", "text": {"type": "plain_text", "text": "Open"}, "url": "https://example.com"}
    ok_blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "h" * 150, "emoji": True}},
        section("s" * 3000),
        {"type": "section", "fields": [{"type": "mrkdwn", "text": "f" * 2000, "verbatim": True}] * 10},
        {"type": "divider"},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 10},
        {"type": "actions", "elements": [dict(button, text={"type": "plain_text", "text": "b" * 75},
                                              url="https://e.com/" + "u" * 2986)]},
    ]
    assert post(conn, message(*ok_blocks, in_attachment=in_attachment))[::3] == (200, "ok")
    assert post(conn, message(*([{"type": "divider"}] * 50), in_attachment=in_attachment))[::3] == (200, "ok")
    # Characters, not bytes: 3000 three-byte characters are within the section limit.
    assert post(conn, message(section("€" * 3000), in_attachment=in_attachment))[::3] == (200, "ok")
    bad = {
        "51 blocks": [{"type": "divider"}] * 51,
        "section text 3001": [section("s" * 3001)],
        "empty section text": [section("")],
        "blank section text": [section("  ")],
        "section without text or fields": [{"type": "section"}],
        "11 fields": [{"type": "section", "fields": [{"type": "mrkdwn", "text": "f"}] * 11}],
        "field 2001": [{"type": "section", "fields": [{"type": "mrkdwn", "text": "f" * 2001}]}],
        "header 151": [{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}],
        "header mrkdwn": [{"type": "header", "text": {"type": "mrkdwn", "text": "h"}}],
        "11 context elements": [{"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 11}],
        "button text 76": [{"type": "actions", "elements": [dict(button, text={"type": "plain_text",
                                                                                 "text": "b" * 76})]}],
        "button url 3001": [{"type": "actions", "elements": [dict(button, url="u" * 3001)]}],
        "26 actions elements": [{"type": "actions", "elements": [button] * 26}],
        "unknown block type": [{"type": "markdown", "text": "**x**"}],
        "unknown field": [{"type": "section", "txt": {"type": "mrkdwn", "text": "x"}}],
        "verbatim on plain_text": [{"type": "section", "text": {"type": "plain_text", "text": "x", "verbatim": True}}],
        "duplicate block_id": [dict(section("a"), block_id="x"), dict(section("b"), block_id="x")],
        "block_id 256": [dict(section("a"), block_id="i" * 256)],
    }
    for name, blocks in bad.items():
        assert post(conn, message(*blocks, in_attachment=in_attachment))[::3] == (400, "invalid_blocks"), name
    log = slack.requests()
    assert [r["posted"] for r in log] == [True] * 3 + [False] * len(bad)
    assert all(r["status"] == 400 and r["error"] == "invalid_blocks" for r in log[3:])


def test_top_level_errors(standin):
    slack = standin()
    conn = connect(slack.url)
    assert post(conn, '{"text":"x","blocks":{}}')[::3] == (400, "invalid_blocks_format")
    assert post(conn, '{"text":"x","attachments":{}}')[::3] == (400, "invalid_attachments")
    assert post(conn, json.dumps({"attachments": [{"text": "a"}] * 101}))[::3] == (400, "too_many_attachments")
    assert post(conn, '{"text":""}')[::3] == (400, "no_text")
    assert post(conn, '{"blocks":[]}')[::3] == (400, "no_text")
    assert post(conn, '[{"text":"x"}]')[::3] == (400, "invalid_payload")
    assert post(conn, b'{"text":"\xff"}')[::3] == (400, "invalid_payload")
    # Slack also takes the JSON in the `payload` field of a form post.
    form = urllib.parse.urlencode({"payload": '{"text":"form"}'})
    assert post(conn, form, "application/x-www-form-urlencoded")[::3] == (200, "ok")
    # Longer than 40,000 characters: truncated, not rejected.
    assert post(conn, json.dumps({"text": "t" * 40001}))[::3] == (200, "ok")
    assert slack.requests()[-1]["notes"] == ["text truncated to 40000 characters"]


def test_webhook_states(standin):
    paths = {"/services/T1/B1/a": "channel_not_found", "/services/T1/B1/b": "archived",
             "/services/T1/B1/c": "prohibited", "/services/T1/B1/d": "no_service",
             "/services/T1/B1/e": "rollup_error", "/services/T1/B1/f": "invalid_token"}
    slack = standin(webhooks=paths)
    expected = {"a": (404, "channel_not_found"), "b": (410, "channel_is_archived"), "c": (403, "action_prohibited"),
                "d": (404, "no_service"), "e": (500, "rollup_error"), "f": (403, "invalid_token")}
    for path in paths:
        conn = connect(slack.url)
        conn.request("POST", path, body='{"text":"x"}', headers={"Content-Type": "application/json"})
        r = conn.getresponse()
        assert (r.status, r.read().decode()) == expected[path[-1]], path
    conn = connect(slack.url)  # other webhooks are unaffected
    assert post(conn, '{"text":"x"}')[::3] == (200, "ok")
    assert [r["posted"] for r in slack.requests()] == [False] * 6 + [True]


def test_rate_limit_per_webhook_with_retry_after(standin):
    # 1 message/s after a burst of 3, clock 10x faster: the 4th message at once is refused, a fresh
    # webhook is not, and after Retry-After's worth of scaled time the bucket has refilled.
    slack = standin(rate=1, burst=3, time_scale=4)
    conn = connect(slack.url)
    answers = [post(conn, '{"text":"x"}') for _ in range(4)]
    assert [a[0] for a in answers] == [200, 200, 200, 429]
    # One token is 0.25 real seconds away: under a scaled clock Retry-After rounds to the nearest second.
    assert answers[3][2] == "0" and answers[3][3] == "rate_limited"
    other = connect(slack.url)
    other.request("POST", "/services/T9/B9/other", body='{"text":"x"}', headers={"Content-Type": "application/json"})
    assert other.getresponse().status == 200
    time.sleep(0.3)  # 1.2 scaled seconds: at least one token back
    assert post(conn, '{"text":"x"}')[0] == 200
    # ... but not a whole burst: the bucket refills at the (scaled) rate only.
    statuses = [post(conn, '{"text":"x"}')[0] for _ in range(3)]
    assert 429 in statuses, statuses
    assert [r["answer"] for r in slack.requests()].count("rate_limited") == 1 + statuses.count(429)


def test_rate_limit_default_is_about_one_per_second(standin):
    slack = standin(burst=2)
    conn = connect(slack.url)
    answers = [post(conn, '{"text":"x"}') for _ in range(3)]
    assert [a[0] for a in answers] == [200, 200, 429]
    assert answers[2][2] == "1"  # at Slack's pace the wait rounds up: never 0


def test_fault_items(standin):
    slack = standin(plan="html:502,garbage,stall,accept-hang,hang")
    status, ctype, _, body = post(connect(slack.url), '{"text":"x"}')
    assert status == 502 and ctype == "text/html" and body.startswith("<html>")
    with pytest.raises((http.client.BadStatusLine, http.client.RemoteDisconnected, ConnectionResetError)):
        post(connect(slack.url), '{"text":"x"}')
    conn = connect(slack.url)
    conn.timeout = 0.3
    conn.request("POST", PATH, body='{"text":"x"}', headers={"Content-Type": "application/json"})
    r = conn.getresponse()
    assert r.status == 200
    with pytest.raises(TimeoutError):
        r.read()
    for _ in range(2):
        conn = connect(slack.url)
        conn.timeout = 0.3
        with pytest.raises(TimeoutError):
            post(conn, '{"text":"x"}')
    log = slack.requests()
    assert [r["answer"] for r in log] == ["html:502", "garbage", "stall", "accept-hang", "hang"]
    assert [r["posted"] for r in log] == [False, False, True, True, False]


def test_product_payloads_are_accepted(standin, tmp_path):
    """Every payload the product renders for the corpus passes Slack's rules (both formats)."""
    binary = os.environ.get("GDSLACK_BIN")
    if not binary:
        pytest.fail("GDSLACK_BIN is not set")
    source = os.environ.get("GDSLACK_SOURCE_DIR") or os.path.join(os.path.dirname(__file__), "..", "..")
    corpus = sorted(str(p) for p in __import__("pathlib").Path(source, "testdata", "events", "corpus").glob("*.json"))
    from slack_rules import validate_body
    checked = 0
    for fmt in ("blocks", "text"):
        r = subprocess.run([binary, "render", "--format", fmt] + corpus, capture_output=True, check=True)
        transcripts.record("render", r.stdout, r.stderr)
        out = r.stdout
        for line in out.decode().splitlines():
            status, error, where = validate_body(line.encode())
            assert (status, error) == (200, "ok"), (fmt, where, line[:300])
            checked += 1
    assert checked >= 2 * len(corpus) > 0
