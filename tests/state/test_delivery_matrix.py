"""The delivery model's combination matrix (issue 17): routing x state table x digests x SNS x Slack app x
event shape, with one destination failing and then recovering, and three concurrent sandboxes. Every
(finding version, destination) must be delivered exactly once, digest members included, and SNS is never
published again because Slack failed.

The program runs as real Lambda sandboxes (tests/state/conftest.py) against the webhook stand-in, the Web API
stand-in, the SigV4-verifying AWS stand-in (SNS) and, with a table, dynalite behind the verifying proxy. Each
sandbox gets its events twice: the second round is the retry Lambda (direct) or SQS (a batch with failures)
makes. Without a table exactly-once holds per sandbox (docs/STATE.md), so each sandbox then gets its own
findings; with a table all three race over the same findings."""

import collections
import json

import pytest

from conftest import AWS_KEYS, log_lines
from slack_standin import StandinProcess
from slack_web_api_standin import SlackWebApiProcess
from aws_standin import AwsStandinProcess
from test_state_e2e import BOT_TOKEN, CHANNEL, WEB_STATE, WEBHOOK_PATH

TOPIC = "arn:aws:sns:us-east-1:111111111111:gd-critical"
FINDINGS = 9          # F0-F5 Medium (digest material), F6-F8 High (paged, and always posted alone)
HIGH = range(6, 9)
SANDBOXES = 3


def token(i):
    """What identifies finding i in every kind of message: its type (single posts, digests and SMS show it)."""
    return "PortProbeMx%02dx" % i


def event(i):
    from conftest import SAMPLE
    e = json.loads(SAMPLE.read_text())
    d = e["detail"]
    d["id"] = "%032x" % (0x3a7e0000 + i)
    d["arn"] = d["arn"].rsplit("/", 1)[0] + "/" + d["id"]
    d["type"] = "Recon:EC2/" + token(i)
    d["title"] = "Matrix finding %d" % i
    d["severity"] = 8.0 if i in HIGH else 5.0
    d["service"]["count"] = 1
    d["service"]["archived"] = False
    d["updatedAt"] = "2026-11-30T10:00:00.000Z"
    e["id"] = "evt-matrix-%d" % i
    return json.dumps(e)


def sqs_batch(bodies):
    return json.dumps({"Records": [
        {"messageId": "m-%d" % n, "receiptHandle": "AQEB%d" % n, "body": body, "attributes": {},
         "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
         "eventSourceARN": "arn:aws:sqs:us-east-1:111111111111:guardduty", "awsRegion": "us-east-1"}
        for n, body in enumerate(bodies)]})


def events_for(findings, shape):
    """One round: every finding, plus a second copy of the first one (two copies of one version)."""
    bodies = [event(i) for i in findings] + [event(findings[0])]
    return [sqs_batch(bodies)] if shape == "sqs" else bodies


def routing_file(tmp_path, webhook_url, digests, app):
    slack_to = ["hooks", "app"] if app else ["hooks"]
    config = {
        "destinations": {
            "hooks": {"slack": {"url": webhook_url}, "pace": {"interval_ms": 10, "burst": 50}},
            "pager": {"sns": {"topic_arn": TOPIC}},
        },
        "routes": [
            {"name": "page", "match": {"severity": ["high", "critical"]}, "to": "pager", "continue": True},
            {"name": "team", "match": {"min_severity": "low"}, "to": slack_to, "update_policy": "all"},
        ],
        "default": {"drop": True},
    }
    if digests:
        config["destinations"]["hooks"]["digest_after"] = 2
    if app:
        config["destinations"]["app"] = {"slack": {"channel": CHANNEL}, "pace": {"interval_ms": 10, "burst": 50}}
    path = tmp_path / "matrix.yaml"
    path.write_text(json.dumps(config))  # JSON is YAML
    return str(path)


def count_posts(bodies, findings):
    counts = collections.Counter()
    for body in bodies:
        for i in findings:
            if token(i) in body:
                counts[i] += 1
    return counts


@pytest.mark.parametrize("shape", ["direct", "sqs"])
@pytest.mark.parametrize("app", [False, True], ids=["webhook", "app"])
@pytest.mark.parametrize("digests", [False, True], ids=["single", "digests"])
@pytest.mark.parametrize("with_table", [False, True], ids=["memory", "table"])
def test_every_delivery_exactly_once(request, sandboxes, tmp_path, with_table, digests, app, shape):
    table = request.getfixturevalue("table") if with_table else None
    findings = list(range(FINDINGS))
    if with_table:
        per_sandbox = [findings] * SANDBOXES  # all three race over the same findings
    else:
        per_sandbox = [findings[k::SANDBOXES] for k in range(SANDBOXES)]
    # The webhook refuses its first two posts (a permanent error: no retry inside the invocation), then works.
    with StandinProcess(tmp_path, plan="404:channel_not_found,404:channel_not_found", rate=0) as hooks, \
            SlackWebApiProcess(tmp_path, WEB_STATE, burst=100) as web, \
            AwsStandinProcess(tmp_path, dict(AWS_KEYS, topics=[TOPIC])) as aws:
        env = {"CONFIG_FILE": routing_file(tmp_path, hooks.url + WEBHOOK_PATH, digests, app),
               "AWS_ENDPOINT_URL_SNS": aws.url, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": web.url}
        if table is not None:
            env.update(STATE_TABLE=table.name, AWS_ENDPOINT_URL_DYNAMODB=table.url)
        rounds = [events_for(mine, shape) * 2 for mine in per_sandbox]  # each sandbox: a round, then its retry
        results = sandboxes.run(rounds, env, timeout_ms=20000, budget_s=180)
        webhook_bodies = [r["body"] for r in hooks.requests() if r["method"] == "POST" and r.get("posted")]
        refused = [r for r in hooks.requests() if r["method"] == "POST" and not r.get("posted")]
        app_bodies = [json.dumps(m) for m in web.messages().get(CHANNEL, []) if m["thread_ts"] is None]
        sms = [r["message"] for r in aws.requests() if r.get("action") == "Publish" and r.get("verified")]

    for r in results:
        assert r["report"] is not None and r["report"]["done"], r["stderr"][-3000:]
    assert len(refused) == 2, "the failing destination was never exercised"
    # Something failed in the first round and was retried: the first round of some sandbox reported it.
    failures = [inv for r in results for inv in r["report"]["invocations"]
                if inv["outcome"] == "error" or (isinstance(inv.get("response"), dict)
                                                 and inv["response"].get("batchItemFailures"))]
    assert failures, "no invocation reported the refused posts"
    # The last answer for every event of every sandbox (the retry round) is a success.
    for r in results:
        invs = r["report"]["invocations"]
        last_round = invs[len(invs) // 2:]
        for inv in last_round:
            assert inv["outcome"] == "response", (inv, r["stderr"][-2000:])
            response = inv.get("response")
            assert not (isinstance(response, dict) and response.get("batchItemFailures")), response

    expected_hooks = {i: 1 for i in findings}
    assert dict(count_posts(webhook_bodies, findings)) == expected_hooks
    if app:
        assert dict(count_posts(app_bodies, findings)) == {i: 1 for i in findings}
    else:
        assert app_bodies == []
    # SNS: each High finding exactly once, although Slack failed and the batches were retried.
    assert dict(count_posts(sms, findings)) == {i: 1 for i in HIGH}
    if digests and shape == "sqs":
        assert any(sum(token(i) in b for i in findings) > 1 for b in webhook_bodies), "no digest was posted"
    if table is not None:
        assert all(r["verified"] for r in table.proxy.requests())
        leases = [i for i in table.items() if "lease_owner" in i]
        assert leases == [], leases  # every claim recorded or released, digest members included
    for r in results:
        assert BOT_TOKEN not in r["stderr"] and WEBHOOK_PATH.rsplit("/", 1)[1] not in r["stderr"]
        assert not [l for l in log_lines(r["stderr"]) if l.get("level") == "error" and "crash" in l.get("msg", "")]
