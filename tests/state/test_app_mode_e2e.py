"""Slack app mode and update policies end to end: the real program in Lambda mode, the Slack Web API
stand-in, dynalite behind the verifying proxy."""

import json

from conftest import finding_event, log_lines, versions_posted
from slack_web_api_standin import SlackWebApiProcess
from test_state_e2e import (BOT_TOKEN, CHANNEL, WEB_STATE, WEBHOOK_PATH, Webhook, assert_all_answered,
                            assert_secrets_hidden, posted_bodies)

# One finding recurring: count 1 -> 5 -> 50, severity Medium -> High, then archived (5 versions).
RECURRENCE = [finding_event(3, 1, 5.0, minute=1), finding_event(3, 5, 5.0, minute=2), finding_event(3, 50, 5.0, minute=3),
              finding_event(3, 50, 8.0, minute=4), finding_event(3, 50, 8.0, archived=True, minute=5)]


def app_env(slack, table=None, **extra):
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_CHANNEL": CHANNEL, "SLACK_API_URL": slack.url}
    if table is not None:
        env.update(STATE_TABLE=table.name, AWS_ENDPOINT_URL_DYNAMODB=table.url)
    env.update(extra)
    return env


def message_text(message):
    return json.dumps({k: message[k] for k in ("text", "attachments", "blocks")})


def test_recurring_finding_is_one_message_updated_in_place(table, sandboxes, tmp_path):
    with SlackWebApiProcess(tmp_path, WEB_STATE) as slack:
        # Delivered twice over (at least once, as EventBridge does): still one message, one reply per change.
        results = sandboxes.run([RECURRENCE + RECURRENCE[1:3]], app_env(slack, table))
        messages = slack.messages()[CHANNEL]
        requests = slack.requests()
    assert_all_answered(results, 7)
    top = [m for m in messages if m["thread_ts"] is None]
    replies = [m for m in messages if m["thread_ts"] is not None]
    assert len(top) == 1, messages
    message = top[0]
    assert message["edits"] == 4  # counts 5, 50, High, archived
    assert [r["text"] for r in replies] == ["Seen 50 times now (was 5).", "Severity raised to High (8.0), was Medium.",
                                            "Archived in GuardDuty."]
    assert all(r["thread_ts"] == message["ts"] for r in replies)
    # The band rising (Medium -> High) is told to the channel, not only the thread; the others stay in it.
    assert [r["reply_broadcast"] for r in replies] == [False, True, False]
    # What the message shows now: the last version (title F3-C50, High, archived mark), and each edit
    # carried the then-current count.
    assert "F3-C50" in message_text(message) and "High" in message_text(message)
    assert "rchived" in message_text(message)
    shown = versions_posted([message_text(h) for h in message["history"]] + [message_text(message)])
    assert shown == ["F3-C1", "F3-C5", "F3-C50", "F3-C50", "F3-C50"]
    assert [r["method"] for r in requests if r["outcome"] == "ok"] == \
        ["chat.postMessage"] + ["chat.update"] + ["chat.update", "chat.postMessage"] * 3
    # The table remembers where the message is.
    (item,) = table.items()
    assert item["ts"]["S"] == message["ts"] and item["channel"]["S"] == CHANNEL
    assert item["count"]["N"] == "50" and item["archived"]["BOOL"] is True
    assert_secrets_hidden(results, BOT_TOKEN)
    assert all(BOT_TOKEN not in json.dumps(r) for r in requests)


def test_uneditable_message_is_posted_anew_and_the_state_follows(table, sandboxes, tmp_path):
    """Slack refuses to edit the first message (cant_update_message, as for a message another app posted or one
    past the edit window): the finding is posted anew and delivered, the table points at the new message, and
    the next version updates that one. Thread replies that fail never fail the finding."""
    with SlackWebApiProcess(tmp_path, WEB_STATE, plan="ok,error:cant_update_message") as slack:
        results = sandboxes.run([RECURRENCE[:3]], app_env(slack, table, UPDATE_POLICY="all"))
        messages = slack.messages()[CHANNEL]
    assert_all_answered(results, 3)
    top = [m for m in messages if m["thread_ts"] is None]
    assert len(top) == 2, messages
    assert top[0]["edits"] == 0 and top[1]["edits"] == 1  # the new message took the third version in place
    assert versions_posted([message_text(top[1])]) == ["F3-C50"]
    (item,) = table.items()
    assert item["ts"]["S"] == top[1]["ts"]
    logs = [l for r in results for l in log_lines(r["stderr"])]
    assert any(l.get("msg") == "message cannot be updated; posting a new one" for l in logs)
    assert [l["outcome"] for l in logs if "outcome" in l and l.get("finding_id")] == ["delivered"] * 3


def test_webhook_escalations_post_once_then_only_on_escalation(table, sandboxes, tmp_path):
    events = [finding_event(4, 1, 5.0, minute=1), finding_event(4, 5, 5.0, minute=2), finding_event(4, 9, 5.0, minute=3),
              finding_event(4, 12, 5.0, minute=4), finding_event(4, 40, 5.0, minute=5),
              finding_event(4, 40, 7.5, minute=6), finding_event(4, 60, 7.5, minute=7),
              finding_event(4, 150, 7.5, minute=8)]
    with Webhook(tmp_path) as slack:
        # Default policy with a table: escalations (steps 10,100,1000).
        results = sandboxes.run([events + events], {"SLACK_URL": slack.url + WEBHOOK_PATH, "STATE_TABLE": table.name,
                                                    "AWS_ENDPOINT_URL_DYNAMODB": table.url})
        posted = versions_posted(posted_bodies(slack))
    assert_all_answered(results, 16)
    assert posted == ["F4-C1", "F4-C12", "F4-C40", "F4-C150"]  # first, crossed 10, Medium->High, crossed 100
    skipped = [l for l in log_lines(results[0]["stderr"]) if l.get("msg") == "finding not posted"]
    assert {l["reason"] for l in skipped} == {"no escalation"} and len(skipped) == 4


def test_first_without_a_table_never_skips_a_finding_for_good(sandboxes, tmp_path):
    """Without a table the sandbox's memory judges: F6 was first seen at count 7 (its count-1 event was lost), so
    it is new to the sandbox and posts; F5's second version does not."""
    events = [finding_event(5, 1), finding_event(5, 2), finding_event(6, 7), finding_event(7, 1)]
    with Webhook(tmp_path) as slack:
        results = sandboxes.run([events], {"SLACK_URL": slack.url + WEBHOOK_PATH, "UPDATE_POLICY": "first"})
        posted = versions_posted(posted_bodies(slack))
    assert_all_answered(results, 4)
    assert posted == ["F5-C1", "F6-C7", "F7-C1"]


def test_app_mode_without_table_updates_in_place_within_a_sandbox(sandboxes, tmp_path):
    with SlackWebApiProcess(tmp_path, WEB_STATE) as slack:
        results = sandboxes.run([RECURRENCE[:2]], app_env(slack))
        messages = slack.messages()[CHANNEL]
    assert_all_answered(results, 2)
    top = [m for m in messages if m["thread_ts"] is None]
    assert len(top) == 1 and top[0]["edits"] == 1, messages


def test_app_mode_errors_fail_the_invocation_with_a_hint(sandboxes, tmp_path):
    with SlackWebApiProcess(tmp_path, WEB_STATE) as slack:
        results = sandboxes.run([[finding_event(8, 1)]], app_env(slack, SLACK_CHANNEL="C0OUTSIDE"))
        results += sandboxes.run([[finding_event(8, 1)]], app_env(slack, SLACK_CHANNEL="C0MISSING"))
        results += sandboxes.run([[finding_event(8, 1)]], app_env(slack, SLACK_BOT_TOKEN="xoxb-not-the-right-token-999"))
        outcomes = [r["outcome"] for r in slack.requests()]
    assert outcomes == ["not_in_channel", "channel_not_found", "invalid_auth"]
    hints = ["/invite", "SLACK_CHANNEL", "SLACK_BOT_TOKEN"]
    for r, hint in zip(results, hints):
        (inv,) = r["report"]["invocations"]
        assert inv["outcome"] == "error" and inv["error_type"] == "Function.DeliveryFailed"
        assert hint in inv["error"]["errorMessage"]
    assert_secrets_hidden(results, BOT_TOKEN, "xoxb-not-the-right-token-999")


def test_app_mode_rate_limit_is_waited_out(table, sandboxes, tmp_path):
    with SlackWebApiProcess(tmp_path, WEB_STATE, plan="ratelimited,ok,ratelimited", retry_after=1) as slack:
        results = sandboxes.run([RECURRENCE[:3]], app_env(slack, table))
        requests = slack.requests()
        messages = slack.messages()[CHANNEL]
    assert_all_answered(results, 3)
    assert [r["outcome"] for r in requests][:4] == ["ratelimited", "ok", "ratelimited", "ok"]
    assert len([m for m in messages if m["thread_ts"] is None]) == 1


def test_bot_token_from_ssm_through_the_signed_aws_standin(table, sandboxes, tmp_path):
    from aws_standin import AwsStandinProcess
    from conftest import AWS_KEYS
    state = dict(AWS_KEYS, parameters={"/guardduty-slack/bot-token": {"value": BOT_TOKEN, "type": "SecureString"}})
    with AwsStandinProcess(tmp_path, state) as aws, SlackWebApiProcess(tmp_path, WEB_STATE) as slack:
        env = app_env(slack, table, AWS_ENDPOINT_URL_SSM=aws.url, SLACK_BOT_TOKEN_PARAMETER="/guardduty-slack/bot-token")
        del env["SLACK_BOT_TOKEN"]
        results = sandboxes.run([RECURRENCE[:2]], env)
        ssm = [r for r in aws.requests() if r["action"] == "GetParameter"]
        messages = slack.messages()[CHANNEL]
    assert_all_answered(results, 2)
    assert len(ssm) == 1 and ssm[0]["verified"] and ssm[0]["outcome"] == "ok"
    assert len(messages) == 1 and messages[0]["edits"] == 1
    assert_secrets_hidden(results, BOT_TOKEN)


def test_invalid_state_settings_are_an_init_error(sandboxes, tmp_path):
    with Webhook(tmp_path) as slack:
        results = sandboxes.run([[finding_event(9, 1)]], {"SLACK_URL": slack.url + WEBHOOK_PATH,
                                                          "UPDATE_POLICY": "sometimes"}, budget_s=20)
        posted = posted_bodies(slack)
    init = results[0]["report"]["init_error"]
    # The environment's delivery settings are the routing configuration when there is no file (issue 17).
    assert init is not None and init["error_type"] == "Runtime.InvalidConfiguration"
    assert "UPDATE_POLICY" in json.dumps(init["body"])
    assert posted == []
