"""Triage from Slack end to end: the real bootstrap posts a finding in app mode (with the triage buttons), then,
as the interactivity function, serves Slack-signed block_actions requests built here as Slack sends them
(function URL events, payload format 2.0): each button makes its one GuardDuty call (detector, Region, finding
id) at the AWS stand-in (botocore verifies every signature) or its one triage-table write (dynalite), and one
chat.update at the Web API stand-in. Every bad request is refused with nothing done. Every action is one audit
line."""

import base64
import hashlib
import hmac
import json
import time
import urllib.parse

from slack_web_api_standin import SlackWebApiProcess
from aws_standin import AwsStandinProcess
from state_harness import KEY_ID, KEY_SECRET, SESSION_TOKEN, finding_event, log_lines

import transcripts

BOT_TOKEN = "xoxb-000000000000-111111111111-TriageBotTokenSecret"
SIGNING_SECRET = "8f0c1d2e3a4b5c6d7e8f90a1b2c3d4e5"
transcripts.register_secret(BOT_TOKEN)
transcripts.register_secret(SIGNING_SECRET)
CHANNEL = "C0SECURITY"
ALLOWED = "U0RESPONDER"
WEB_STATE = {"tokens": {BOT_TOKEN: {"bot_id": "B0GDSLACK", "scopes": ["chat:write"]}},
             "channels": {CHANNEL: {"name": "security", "member": True}}}
DETECTOR = "12abc34d567e8fa901bc2d34e56789f0"
FINDING_ID = "%032x" % (0x5a7e0000 + 7)
REGION = "eu-west-2"  # the sample finding's Region


def aws_state():
    return {"access_keys": {KEY_ID: {"secret": KEY_SECRET, "session_token": SESSION_TOKEN}},
            "guardduty": {REGION: {"detector": DETECTOR, "findings": [
                {"id": FINDING_ID, "type": "Recon:EC2/PortProbeUnprotectedPort", "severity": 5.0,
                 "accountId": "111111111111", "region": REGION, "updatedAt": "2026-11-30T00:01:00.000Z",
                 "service": {"archived": False}}]},
                "us-east-1": {"detector": "ffffffffffffffffffffffffffffffff", "findings": []}}}


def env(slack, aws, table):
    return {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_CHANNEL": CHANNEL, "SLACK_API_URL": slack.url,
            "STATE_TABLE": table.name, "AWS_ENDPOINT_URL_DYNAMODB": table.url, "AWS_ENDPOINT_URL_GUARDDUTY": aws.url,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET, "TRIAGE_ALLOWED_USERS": ALLOWED + ",U0SECOND"}


def sign(body, ts, secret=SIGNING_SECRET):
    base = ("v0:%s:" % ts).encode() + body.encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def url_event(body, ts=None, secret=SIGNING_SECRET, base64_body=False, signature=None):
    ts = str(int(time.time())) if ts is None else str(ts)
    return {"version": "2.0", "routeKey": "$default", "rawPath": "/", "rawQueryString": "",
            "headers": {"content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": ts,
                        "x-slack-signature": signature or sign(body, ts, secret), "user-agent": "Slackbot 1.0"},
            "requestContext": {"http": {"method": "POST", "path": "/", "protocol": "HTTP/1.1",
                                        "sourceIp": "192.0.2.1", "userAgent": "Slackbot 1.0"}},
            "body": base64.b64encode(body.encode()).decode() if base64_body else body,
            "isBase64Encoded": base64_body}


def block_actions(message, action_id, user=ALLOWED, value=None):
    """A block_actions payload as Slack sends it for a press of `action_id` on `message`."""
    buttons = [e for b in message["attachments"][0]["blocks"] if b.get("block_id") == "gds_triage"
               for e in b["elements"]]
    assert [b["action_id"] for b in buttons][0] == "gds_acknowledge", buttons
    payload = {"type": "block_actions", "user": {"id": user, "username": "someone", "team_id": "T0"},
               "api_app_id": "A0GDSLACK", "team": {"id": "T0", "domain": "example"},
               "container": {"type": "message_attachment", "message_ts": message["ts"], "attachment_id": 1,
                             "channel_id": CHANNEL, "is_ephemeral": False},
               "trigger_id": "1.2.3", "channel": {"id": CHANNEL, "name": "security"},
               "message": {"type": "message", "ts": message["ts"], "text": message["text"],
                           "attachments": message["attachments"]},
               # Loopback (tests talk to 127.0.0.1 only): a closed port, so the ephemeral reply fails fast.
               "response_url": "http://127.0.0.1:9/actions/T0/1/notreal",
               "actions": [{"type": "button", "action_id": action_id, "block_id": "gds_triage",
                            "value": value if value is not None else buttons[0]["value"],
                            "action_ts": "1765000000.000001"}]}
    return "payload=" + urllib.parse.quote(json.dumps(payload), safe="")


def post_finding(sandboxes, slack, aws, table):
    results = sandboxes.run([[finding_event(7, 1, 5.0, minute=1)]], env(slack, aws, table))
    assert results[0]["report"]["invocations"][0]["outcome"] == "response", results[0]["stderr"][-2000:]
    (message,) = slack.messages()[CHANNEL]
    return message


def serve(sandboxes, slack, aws, table, events):
    (result,) = sandboxes.run([[json.dumps(e) for e in events]], env(slack, aws, table))
    invocations = result["report"]["invocations"]
    assert len(invocations) == len(events), result["stderr"][-3000:]
    assert all(i["outcome"] == "response" for i in invocations), invocations
    return [i["response"] for i in invocations], log_lines(result["stderr"]), result["stderr"]


def guardduty_calls(aws):
    return [r for r in aws.requests() if r.get("service") == "guardduty"]


def audit(logs):
    return [l for l in logs if l.get("msg") == "triage action"]


def test_each_button_makes_its_call_and_updates_the_message(table, sandboxes, tmp_path):
    with SlackWebApiProcess(tmp_path, WEB_STATE) as slack, AwsStandinProcess(tmp_path, aws_state()) as aws:
        message = post_finding(sandboxes, slack, aws, table)
        # The finding's message carries the buttons (app mode, triage on).
        blocks = message["attachments"][0]["blocks"]
        assert blocks[-1]["block_id"] == "gds_triage"
        assert [e["action_id"] for e in blocks[-1]["elements"]] == ["gds_acknowledge", "gds_archive", "gds_mute_7d"]

        answers, logs, stderr = serve(sandboxes, slack, aws, table, [url_event(block_actions(message, "gds_archive"))])
        assert answers[0]["statusCode"] == 200
        calls = guardduty_calls(aws)
        assert [(c["action"], c["region"], c.get("detector"), c.get("finding_ids")) for c in calls] == [
            ("ListDetectors", REGION, None, None), ("ArchiveFindings", REGION, DETECTOR, [FINDING_ID])]
        assert all(c["verified"] for c in calls)
        (updated,) = slack.messages()[CHANNEL]
        assert updated["edits"] == 1
        buttons = [e["action_id"] for e in updated["attachments"][0]["blocks"][-1]["elements"]]
        assert buttons == ["gds_acknowledge", "gds_unarchive", "gds_mute_7d"]
        assert "Archived in GuardDuty by <@U0RESPONDER>" in json.dumps(updated["attachments"])

        # The next presses come from the message as it is then, as Slack sends it (one with a base64 body).
        answers, logs2, stderr2 = [], [], ""
        for action, user, b64 in (("gds_unarchive", ALLOWED, True), ("gds_acknowledge", "U0SECOND", False),
                                  ("gds_mute_7d", ALLOWED, False)):
            current = slack.messages()[CHANNEL][0]
            a, l, e = serve(sandboxes, slack, aws, table, [url_event(block_actions(current, action, user=user),
                                                                     base64_body=b64)])
            answers, logs2, stderr2 = answers + a, logs2 + l, stderr2 + e
        assert [a["statusCode"] for a in answers] == [200, 200, 200]
        calls = guardduty_calls(aws)[2:]
        assert [(c["action"], c["region"], c.get("detector"), c.get("finding_ids")) for c in calls] == [
            ("ListDetectors", REGION, None, None), ("UnarchiveFindings", REGION, DETECTOR, [FINDING_ID])]
        updates = [r for r in slack.requests() if r["method"] == "chat.update" and r["outcome"] == "ok"]
        assert len(updates) == 4
        assert all(u["channel"] == CHANNEL and u["ts"] == message["ts"] for u in updates)
        items = {i["pk"]["S"]: i for i in table.items()}
        ack = items["triage#ack#" + FINDING_ID]
        assert ack["user_id"]["S"] == "U0SECOND" and int(ack["expires_at"]["N"]) > time.time() + 89 * 86400
        mutes = [v["M"] for k, v in items["triage#mutes"].items() if k.startswith("mute#")]
        assert len(mutes) == 1
        assert mutes[0]["type"]["S"] == "Recon:EC2/PortProbeUnprotectedPort"
        assert mutes[0]["account_id"]["S"] == "111111111111" and mutes[0]["resource_id"]["S"].startswith("Instance:i-99999999")
        assert abs(int(mutes[0]["until"]["N"]) - (time.time() + 7 * 86400)) < 120
        final = slack.messages()[CHANNEL][0]
        text = json.dumps(final["attachments"])
        assert "Archived in GuardDuty by <@U0RESPONDER>" in text and "Unarchived in GuardDuty by <@U0RESPONDER>" in text
        assert "Acknowledged by <@U0SECOND>" in text and "muted by <@U0RESPONDER> until" in text
        assert [e["action_id"] for e in final["attachments"][0]["blocks"][-1]["elements"]][1] == "gds_archive"
        # One audit line per action, naming user, action, finding, Region and result.
        lines = audit(logs) + audit(logs2)
        assert [(l["user"], l["action"], l["finding_id"], l["region"], l["result"]) for l in lines] == [
            (ALLOWED, "gds_archive", FINDING_ID, REGION, "ok"), (ALLOWED, "gds_unarchive", FINDING_ID, REGION, "ok"),
            ("U0SECOND", "gds_acknowledge", FINDING_ID, REGION, "ok"), (ALLOWED, "gds_mute_7d", FINDING_ID, REGION, "ok")]
        for text in (stderr, stderr2):
            assert BOT_TOKEN not in text and SIGNING_SECRET not in text

        # The pipeline honours the mute: the same finding again is muted, not posted.
        results = sandboxes.run([[finding_event(7, 2, 5.0, minute=2)]], env(slack, aws, table))
        outcomes = [l.get("outcome") for l in log_lines(results[0]["stderr"]) if l.get("finding_id") == FINDING_ID]
        assert "muted" in outcomes, results[0]["stderr"][-2000:]
        assert len([r for r in slack.requests() if r["outcome"] == "ok"]) == 5  # 1 post + 4 updates, nothing new


def test_bad_requests_are_refused_with_nothing_done(table, sandboxes, tmp_path):
    with SlackWebApiProcess(tmp_path, WEB_STATE) as slack, AwsStandinProcess(tmp_path, aws_state()) as aws:
        message = post_finding(sandboxes, slack, aws, table)
        good = block_actions(message, "gds_acknowledge")
        valid = url_event(good)
        stale_ts = int(time.time()) - 6 * 60
        value = [e for b in message["attachments"][0]["blocks"] if b.get("block_id") == "gds_triage"
                 for e in b["elements"]][0]["value"]
        cases = [
            ("valid", valid, 200),
            ("replayed", valid, 401),
            ("bad signature", url_event(good, secret="not-the-signing-secret-at-all"), 401),
            ("stale timestamp", url_event(good, ts=stale_ts), 401),
            ("user not allowed", url_event(block_actions(message, "gds_archive", user="U0STRANGER")), 200),
            ("unknown action", url_event(block_actions(message, "gds_delete_finding")), 400),
            ("malformed payload", url_event("payload=%7B%22type%22%3A"), 400),
            ("bad button value", url_event(block_actions(message, "gds_archive", value=value.replace(REGION, "../x"))), 400),
            ("oversized body", url_event("payload=" + "a" * 300000), 413),
        ]
        answers, logs, stderr = serve(sandboxes, slack, aws, table, [e for _, e, _ in cases])
        assert [(name, a["statusCode"]) for (name, _, _), a in zip(cases, answers)] == \
            [(name, status) for name, _, status in cases]
        assert "ephemeral" in answers[4]["body"]
        # The not-allowed user is also told through response_url (here a closed loopback port: the attempt is logged).
        assert any(l.get("msg") == "triage could not reply to the user" for l in logs)
        # Only the valid request did anything: one acknowledgement, one chat.update, no GuardDuty call at all.
        assert guardduty_calls(aws) == []
        updates = [r for r in slack.requests() if r["method"] == "chat.update"]
        assert len(updates) == 1
        assert [i["pk"]["S"] for i in table.items() if i["pk"]["S"].startswith("triage#")] == ["triage#ack#" + FINDING_ID]
        lines = audit(logs)
        assert [(l["user"], l["action"], l["result"]) for l in lines] == [
            (ALLOWED, "gds_acknowledge", "ok"), ("U0STRANGER", "gds_archive", "not_allowed")]
        refused = [l for l in logs if l.get("msg") == "triage request refused"]
        assert len(refused) == 7
        assert SIGNING_SECRET not in stderr and BOT_TOKEN not in stderr
