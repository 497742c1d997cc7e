"""The state table end to end: the real program as concurrent Lambda sandboxes, dynalite behind a
SigV4-verifying proxy, the Slack webhook and Web API stand-ins. Issue 10's "Done when" cases."""

import collections
import json
import socket
import threading
import time

import pytest

from conftest import AWS_KEYS, KEY_ID, KEY_SECRET, SESSION_TOKEN, finding_event, log_lines, shuffled, versions_posted
from dynamodb_proxy import DynamoProxyProcess
import transcripts
from slack_standin import StandinProcess
from slack_web_api_standin import SlackWebApiProcess

WEBHOOK_PATH = "/services/T0STATE00/B0STATE00/stateWebhookSecret0123456789"
BOT_TOKEN = "xoxb-000000000000-111111111111-StateBotTokenSecret"
transcripts.register_secret(BOT_TOKEN)  # also when it comes from SSM
CHANNEL = "C0SECURITY"
WEB_STATE = {"tokens": {BOT_TOKEN: {"bot_id": "B0GDSLACK", "scopes": ["chat:write"]}},
             "channels": {CHANNEL: {"name": "security", "member": True}, "C0OUTSIDE": {"name": "other", "member": False}}}

def Webhook(tmp_path):
    """The webhook stand-in without its per-webhook rate limit: what is tested here is how often the program
    posts, not its pacing (a hundred posts at Slack's 1/s would take minutes)."""
    return StandinProcess(tmp_path, rate=0)


# 25 findings x 4 versions (count 1..4) = 100 finding versions.
VERSIONS = [(i, c) for i in range(25) for c in range(1, 5)]


def hundred_events():
    return {("F%d-C%d" % (i, c)): finding_event(i, c) for i, c in VERSIONS}


def fast_pace(tmp_path):
    """A routing file that sends everything to the environment's webhook paced at 100 posts/s (burst 50), so a
    run of a hundred versions per sandbox takes seconds instead of the 1/s default's minutes."""
    config = tmp_path / "fast-pace.yaml"
    config.write_text("destinations:\n  slack: {slack: {}, pace: {interval_ms: 10, burst: 50}}\n"
                      "default: {to: slack, update_policy: all}\n")
    return str(config)


def posted_bodies(slack):
    return [r["body"] for r in slack.requests() if r["method"] == "POST" and r.get("posted")]


def assert_all_answered(results, events_per_sandbox):
    for r in results:
        assert r["report"] is not None and r["report"]["done"], r["stderr"][-3000:]
        assert len(r["report"]["invocations"]) == events_per_sandbox
        for inv in r["report"]["invocations"]:
            assert inv["outcome"] == "response", (inv, r["stderr"][-3000:])


def assert_secrets_hidden(results, *secrets):
    for r in results:
        for s in secrets:
            assert s not in r["stderr"]


@pytest.mark.parametrize("processes", [2, 4])
def test_concurrent_sandboxes_post_each_version_exactly_once(table, sandboxes, tmp_path, processes):
    events = hundred_events()
    with Webhook(tmp_path) as slack:
        env = {"SLACK_URL": slack.url + WEBHOOK_PATH, "STATE_TABLE": table.name, "CONFIG_FILE": fast_pace(tmp_path),
               "AWS_ENDPOINT_URL_DYNAMODB": table.url}
        # Every sandbox gets the same 100 versions, each in its own order (versions of one finding race too).
        lists = [[events[k] for k in shuffled(sorted(events), seed)] for seed in range(processes)]
        results = sandboxes.run(lists, env)
        posted = versions_posted(posted_bodies(slack))
    assert_all_answered(results, 100)
    counts = collections.Counter(posted)
    assert sorted(counts) == sorted(events), "missing: %s" % (set(events) - set(counts))
    assert max(counts.values()) == 1, [k for k, n in counts.items() if n > 1]
    # The other sandboxes saw the duplicates and said so.
    duplicates = sum(1 for r in results for l in log_lines(r["stderr"]) if l.get("outcome") == "duplicate")
    assert duplicates >= 100 * (processes - 1) - 5 * processes  # the in-memory cache also catches a few
    # Every table request was signed correctly (botocore verified it) and answered by dynalite.
    requests = table.proxy.requests()
    assert requests and all(r["verified"] and r["access_key_id"] == KEY_ID for r in requests)
    assert {r["action"] for r in requests} <= {"UpdateItem", "GetItem"}
    # One item per finding id, every version remembered, no lease left behind.
    items = {i["pk"]["S"]: i for i in table.items()}
    assert len(items) == 25
    for item in items.values():
        assert len(item["versions"]["L"]) == 4
        assert "lease_until" not in item and "lease_owner" not in item
        assert int(item["expires_at"]["N"]) > 1700000000
    assert_secrets_hidden(results, WEBHOOK_PATH.rsplit("/", 1)[1], "state-local-not-a-secret")


def test_throttled_table_never_loses_a_finding(table, sandboxes, tmp_path):
    events = [finding_event(i, 1) for i in range(8)]
    # Throttle every UpdateItem: each claim fails after the client's retries; every finding is still posted.
    with DynamoProxyProcess(tmp_path, table.dynalite.url, AWS_KEYS, plan=[{"action": "UpdateItem", "fault": "throttle"}],
                            name="throttling_proxy") as proxy, Webhook(tmp_path) as slack:
        env = {"SLACK_URL": slack.url + WEBHOOK_PATH, "STATE_TABLE": table.name,
               "AWS_ENDPOINT_URL_DYNAMODB": proxy.url}
        results = sandboxes.run([events], env)
        posted = versions_posted(posted_bodies(slack))
        throttled = [r for r in proxy.requests() if r["outcome"] == "throttle"]
    assert_all_answered(results, 8)
    assert sorted(posted) == sorted("F%d-C1" % i for i in range(8))
    assert len(throttled) >= 8 and all(r["verified"] for r in throttled)
    fallbacks = [l for l in log_lines(results[0]["stderr"]) if l.get("msg") == "state table unavailable; posting without it"]
    assert len(fallbacks) == 8
    assert all(l["error_code"] == "Throttled" and "ProvisionedThroughputExceeded" in l["error"] for l in fallbacks)


def test_table_outage_mid_run_never_loses_a_finding(table, sandboxes, tmp_path):
    """dynalite is killed while two sandboxes work through 40 versions: whatever was in flight, every
    version is posted (some perhaps twice: the table could not say), and every invocation succeeds."""
    events = {"F%d-C%d" % (i, c): finding_event(i, c) for i in range(20) for c in (1, 2)}
    with Webhook(tmp_path) as slack:
        env = {"SLACK_URL": slack.url + WEBHOOK_PATH, "STATE_TABLE": table.name, "CONFIG_FILE": fast_pace(tmp_path),
               "AWS_ENDPOINT_URL_DYNAMODB": table.url}

        def kill_when_busy():
            end = time.monotonic() + 30
            while len(table.proxy.requests()) < 30 and time.monotonic() < end:
                time.sleep(0.01)
            table.dynalite.stop()

        killer = threading.Thread(target=kill_when_busy)
        killer.start()
        lists = [[events[k] for k in shuffled(sorted(events), seed)] for seed in (7, 8)]
        results = sandboxes.run(lists, env)
        killer.join()
        posted = versions_posted(posted_bodies(slack))
    assert_all_answered(results, 40)
    assert set(posted) == set(events)
    outcomes = collections.Counter(r["outcome"] for r in table.proxy.requests())
    assert outcomes["upstream_down"] > 0, outcomes  # the outage really happened mid-run
    assert any(l.get("msg") == "state table unavailable; posting without it"
               for r in results for l in log_lines(r["stderr"]))


def test_closed_table_port_falls_back_to_posting(table, sandboxes, tmp_path):
    events = [finding_event(i, 3) for i in range(3)]
    s = socket.socket()  # a port nothing listens on: connection refused
    s.bind(("127.0.0.1", 0))
    closed = "http://127.0.0.1:%d" % s.getsockname()[1]
    s.close()
    with Webhook(tmp_path) as slack:
        results = sandboxes.run([events], {"SLACK_URL": slack.url + WEBHOOK_PATH, "STATE_TABLE": table.name,
                                           "AWS_ENDPOINT_URL_DYNAMODB": closed})
        posted = versions_posted(posted_bodies(slack))
    assert_all_answered(results, 3)
    assert sorted(posted) == ["F0-C3", "F1-C3", "F2-C3"]
    lines = [l for l in log_lines(results[0]["stderr"]) if l.get("msg") == "state table unavailable; posting without it"]
    assert len(lines) == 3 and all(l["error_code"] == "Unavailable" for l in lines)


def test_rejected_signature_is_refused_by_the_proxy_and_still_posted(table, sandboxes, tmp_path):
    """The proxy really checks signatures: a wrong secret is refused (botocore's signature differs), the
    finding is posted anyway, and nothing was written to the table."""
    with Webhook(tmp_path) as slack:
        results = sandboxes.run([[finding_event(0, 1)]],
                                {"SLACK_URL": slack.url + WEBHOOK_PATH, "STATE_TABLE": table.name,
                                 "AWS_ENDPOINT_URL_DYNAMODB": table.url, "AWS_SECRET_ACCESS_KEY": "wrong-secret-value"})
        posted = versions_posted(posted_bodies(slack))
    assert_all_answered(results, 1)
    assert posted == ["F0-C1"]
    assert [r["outcome"] for r in table.proxy.requests()] == ["bad_signature"]
    assert table.items() == []
    assert_secrets_hidden(results, "wrong-secret-value")


def test_cli_send_with_the_state_table_does_not_repost_what_lambda_posted(table, sandboxes, tmp_path):
    """Issue 17: DEPLOY.md's failure-queue replay (`guardduty-slack send` with the function's STATE_TABLE) goes
    through the same delivery factory as Lambda: versions Lambda already posted are held back, new ones post."""
    import os
    import subprocess
    lambda_events = [finding_event(i, 1) for i in range(3)]
    with Webhook(tmp_path) as slack:
        env = {"SLACK_URL": slack.url + WEBHOOK_PATH, "STATE_TABLE": table.name, "UPDATE_POLICY": "all",
               "AWS_ENDPOINT_URL_DYNAMODB": table.url}
        assert_all_answered(sandboxes.run([lambda_events], env), 3)
        replay = tmp_path / "replay.jsonl"
        replay.write_text("".join(e.replace("\n", " ") + "\n" for e in lambda_events + [finding_event(7, 1)]))
        cli_env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "AWS_REGION": "us-east-1",
                   "AWS_ACCESS_KEY_ID": KEY_ID, "AWS_SECRET_ACCESS_KEY": KEY_SECRET, "AWS_SESSION_TOKEN": SESSION_TOKEN,
                   "AWS_EC2_METADATA_DISABLED": "true", "ACCOUNT_NAMES_ONLY": "true"}
        cli_env.update(env)
        r = subprocess.run([os.environ["GDSLACK_BIN"], "send", "--interval-ms", "10", str(replay)], env=cli_env,
                           capture_output=True, text=True, timeout=120)
        transcripts.record("state-cli", r.stdout, r.stderr)
        posted = versions_posted(posted_bodies(slack))
    assert r.returncode == 0, r.stderr
    assert sorted(posted) == ["F0-C1", "F1-C1", "F2-C1", "F7-C1"], posted  # the replay added only F7
    assert r.stderr.count("already handled") == 3, r.stderr
    assert WEBHOOK_PATH.rsplit("/", 1)[1] not in r.stdout + r.stderr and KEY_SECRET not in r.stderr


def test_cli_send_with_a_routing_file_naming_an_app_destination_posts_through_the_web_api(tmp_path):
    """Issue 17: a Slack app destination named in the routing file (channel + the environment's bot token) is
    built by `send` as by Lambda: the finding goes through chat.postMessage to that channel, with the route's
    mention, beside a webhook destination."""
    import os
    import subprocess
    config = tmp_path / "routing.yaml"
    with Webhook(tmp_path) as hooks, SlackWebApiProcess(tmp_path, WEB_STATE) as web:
        config.write_text("destinations:\n"
                          "  team-app: {slack: {channel: %s}}\n"
                          "  hooks: {slack: {url: \"%s\"}}\n"
                          "routes:\n  - {name: team, match: {min_severity: low}, to: [team-app, hooks], mention: \"<!here>\"}\n"
                          "default: {drop: true}\n" % (CHANNEL, hooks.url + WEBHOOK_PATH))
        events = tmp_path / "two.jsonl"
        events.write_text("".join(finding_event(i, 1).replace("\n", " ") + "\n" for i in range(2)))
        env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "ACCOUNT_NAMES_ONLY": "true",
               "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": web.url}
        r = subprocess.run([os.environ["GDSLACK_BIN"], "send", "--config", str(config), "--interval-ms", "10",
                            str(events)], env=env, capture_output=True, text=True, timeout=120)
        transcripts.record("state-cli-app", r.stdout, r.stderr)
        messages = web.messages().get(CHANNEL, [])
        webhook_posts = versions_posted(posted_bodies(hooks))
    assert r.returncode == 0, r.stderr
    top = [m for m in messages if m["thread_ts"] is None]
    assert sorted(versions_posted([json.dumps(m) for m in top])) == ["F0-C1", "F1-C1"], messages
    assert all(m["text"].startswith("<!here>") for m in top), [m["text"] for m in top]
    assert sorted(webhook_posts) == ["F0-C1", "F1-C1"]
    assert BOT_TOKEN not in r.stdout + r.stderr
