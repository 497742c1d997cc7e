"""The Slack Web API stand-in itself: tokens, channels, content checks, ts, updates and rate limits."""

import json
import time
import urllib.error
import urllib.request

import pytest

from slack_web_api_standin import SlackWebApiProcess

TOKEN = "xoxb-test-standin-token"
STATE = {"tokens": {TOKEN: {"bot_id": "B1"}, "xoxb-other": {"bot_id": "B2"},
                    "xoxb-noscope": {"bot_id": "B3", "scopes": ["channels:read"]}},
         "channels": {"C1": {"name": "sec"}, "C2": {"name": "out", "member": False}, "C3": {"archived": True}}}


def call(standin, method, args, token=TOKEN):
    req = urllib.request.Request(standin.url + method, data=json.dumps(args).encode(), method="POST",
                                 headers={"Content-Type": "application/json; charset=utf-8"})
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, json.loads(r.read()), r.headers
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read()), e.headers


@pytest.fixture
def slack(tmp_path):
    with SlackWebApiProcess(tmp_path, STATE, burst=3) as s:
        yield s


def test_auth_and_channel_errors(slack):
    assert call(slack, "chat.postMessage", {"channel": "C1", "text": "x"}, token=None)[1]["error"] == "not_authed"
    assert call(slack, "chat.postMessage", {"channel": "C1", "text": "x"}, token="xoxb-bad")[1]["error"] == "invalid_auth"
    status, body, _ = call(slack, "chat.postMessage", {"channel": "C1", "text": "x"}, token="xoxb-noscope")
    assert (status, body["error"], body["needed"]) == (200, "missing_scope", "chat:write")
    assert call(slack, "chat.postMessage", {"channel": "C9", "text": "x"})[1]["error"] == "channel_not_found"
    assert call(slack, "chat.postMessage", {"channel": "C2", "text": "x"})[1]["error"] == "not_in_channel"
    assert call(slack, "chat.postMessage", {"channel": "C3", "text": "x"})[1]["error"] == "is_archived"
    assert all(TOKEN not in json.dumps(r) for r in slack.requests())


def test_content_checks(slack):
    assert call(slack, "chat.postMessage", {"channel": "C1"})[1]["error"] == "no_text"
    assert call(slack, "chat.postMessage", {"channel": "C1", "text": "x" * 40001})[1]["error"] == "msg_too_long"
    time.sleep(3)  # refill the burst
    assert call(slack, "chat.postMessage", {"channel": "C1", "blocks": "[]x"})[1]["error"] == "invalid_blocks_format"
    blocks = [{"type": "divider"}] * 51
    assert call(slack, "chat.postMessage", {"channel": "C1", "blocks": blocks})[1]["error"] == "invalid_blocks"
    assert call(slack, "chat.postMessage", {"channel": "C1", "text": "r", "thread_ts": "1.2"})[1]["error"] == "thread_not_found"


def test_post_update_reply(slack):
    status, body, _ = call(slack, "chat.postMessage", {"channel": "sec", "text": "first"})
    assert status == 200 and body["ok"] and body["channel"] == "C1"
    ts = body["ts"]
    assert call(slack, "chat.update", {"channel": "C1", "ts": ts, "text": "second"})[1]["ok"]
    assert call(slack, "chat.update", {"channel": "C1", "ts": "9.9", "text": "x"})[1]["error"] == "message_not_found"
    assert call(slack, "chat.update", {"channel": "C1", "ts": ts, "text": "x"}, token="xoxb-other")[1]["error"] == \
        "cant_update_message"
    reply = call(slack, "chat.postMessage", {"channel": "C1", "thread_ts": ts, "text": "again"})[1]
    assert reply["ok"] and reply["ts"] > ts
    (top, thread) = slack.messages()["C1"]
    assert (top["text"], top["edits"], top["history"][0]["text"]) == ("second", 1, "first")
    assert (thread["thread_ts"], thread["text"]) == (ts, "again")


def test_post_rate_limit_per_channel(slack):
    answers = [call(slack, "chat.postMessage", {"channel": "C1", "text": str(i)}) for i in range(5)]
    assert [a[0] for a in answers] == [200, 200, 200, 429, 429]
    assert answers[3][1] == {"ok": False, "error": "ratelimited"}
    assert int(answers[3][2]["Retry-After"]) >= 1
    time.sleep(1.1)
    assert call(slack, "chat.postMessage", {"channel": "C1", "text": "later"})[0] == 200


def test_update_tier_limit(tmp_path):
    with SlackWebApiProcess(tmp_path, STATE, update_per_minute=2) as s:
        ts = call(s, "chat.postMessage", {"channel": "C1", "text": "x"})[1]["ts"]
        codes = [call(s, "chat.update", {"channel": "C1", "ts": ts, "text": str(i)})[0] for i in range(3)]
    assert codes == [200, 200, 429]


def test_plan_faults(tmp_path):
    with SlackWebApiProcess(tmp_path, STATE, plan="500,error:fatal_error,ratelimited", retry_after=7) as s:
        assert call(s, "chat.postMessage", {"channel": "C1", "text": "x"})[0] == 500
        assert call(s, "chat.postMessage", {"channel": "C1", "text": "x"})[1]["error"] == "fatal_error"
        status, body, headers = call(s, "chat.postMessage", {"channel": "C1", "text": "x"})
        assert (status, body["error"], headers["Retry-After"]) == (429, "ratelimited", "7")
        assert call(s, "chat.postMessage", {"channel": "C1", "text": "x"})[1]["ok"]
