"""Routing in Lambda mode, end to end on 127.0.0.1: the MIN_SEVERITY shortcut over the sample events, a
Critical finding to an SNS topic (SMS text), an invalid configuration at init, and a burst of 1,000
findings in SQS batches against a Slack stand-in that rate-limits each webhook with 429 + Retry-After."""

import json
import re
import secrets

from conftest import AWS_STATE, EVENTS, AwsStandinProcess, StandinProcess, run_lambda

# GSM 03.38 default alphabet (basic set) and extension table: the SMS length rule in Python, independent of
# the product's own count.
GSM_BASIC = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM_EXT = set("^{}\\[~]|€")


def sms_units(text):
    if all(c in GSM_BASIC or c in GSM_EXT for c in text):
        return sum(2 if c in GSM_EXT else 1 for c in text), 160
    return sum(2 if ord(c) > 0xFFFF else 1 for c in text), 70


def detail(path):
    event = json.loads(path.read_text())
    return event.get("detail", event)


def posted(slack):
    return [r for r in slack.requests() if r["method"] == "POST" and r["posted"]]


def write_config(tmp_path, text):
    path = tmp_path / "routing.yaml"
    path.write_text(text)
    return str(path)


FAST_SLACK = """
destinations:
  slack:
    slack: {}
    pace: {interval_ms: 20, burst: 3}
default: {to: slack}
"""


def test_min_severity_high_posts_exactly_the_high_findings(tmp_path, webhook_token):
    files = sorted((EVENTS / "corpus").glob("*.json"))
    ids = {f: detail(f)["id"] for f in files}
    usable = [f for f in files if len(ids[f]) >= 16 and list(ids.values()).count(ids[f]) == 1]
    high = {ids[f] for f in usable if detail(f)["severity"] >= 7.0}
    low = {ids[f] for f in usable if detail(f)["severity"] < 7.0}
    assert len(high) > 40 and len(low) > 40
    with StandinProcess(tmp_path, time_scale=50) as slack:
        run = run_lambda(tmp_path, [f.read_text() for f in usable],
                         {"SLACK_URL": slack.url + "/services/T0/B0/" + webhook_token, "MIN_SEVERITY": "high",
                          "CONFIG_FILE": write_config(tmp_path, FAST_SLACK)})
        messages = posted(slack)
    assert run.report["init_error"] is None, run.stderr
    assert len(run.invocations) == len(usable)
    for inv in run.invocations:
        assert inv["outcome"] == "response", (inv, run.stderr[-2000:])
        assert inv["before_deadline"]
    bodies = [m["body"] for m in messages]
    for fid in high:
        assert sum(fid in b for b in bodies) == 1, fid
    for fid in low:
        assert not any(fid in b for b in bodies), fid
    assert len(bodies) == len(high)
    filtered = [l for l in run.log_lines() if l.get("outcome") == "filtered"]
    assert len(filtered) == len(low)
    assert all("below min_severity 7" in l["route"] for l in filtered)
    assert webhook_token not in run.stderr


SNS_TOPIC = "arn:aws:sns:us-east-1:123456789012:guardduty-critical"
SNS_CONFIG = """
destinations:
  chat:
    slack: {}
    pace: {interval_ms: 20, burst: 3}
  pager:
    sns: {topic_arn: "%s"}
routes:
  - name: page
    match: {severity: critical}
    to: [pager, chat]
    mention: "<!here>"
default: {to: chat}
""" % SNS_TOPIC


def test_critical_finding_is_published_to_sns_once_in_one_sms(tmp_path, webhook_token):
    critical = [EVENTS / "corpus" / "AttackSequence_IAM-CompromisedCredentials.json",
                EVENTS / "corpus" / "AttackSequence_S3-CompromisedData.json"]
    low = EVENTS / "corpus" / "Recon_EC2-PortProbeUnprotectedPort.json"
    events = [critical[0].read_text(), critical[1].read_text(), low.read_text(), critical[0].read_text()]
    with AwsStandinProcess(tmp_path, dict(AWS_STATE, topics=[SNS_TOPIC])) as aws, \
            StandinProcess(tmp_path, time_scale=50) as slack:
        run = run_lambda(tmp_path, events,
                         {"SLACK_URL": slack.url + "/services/T0/B0/" + webhook_token, "AWS_ENDPOINT_URL": aws.url,
                          "CONFIG_FILE": write_config(tmp_path, SNS_CONFIG)})
        publishes = [r for r in aws.requests() if r.get("action") == "Publish"]
        messages = posted(slack)
    assert run.report["init_error"] is None, run.stderr
    assert [inv["outcome"] for inv in run.invocations] == ["response"] * 4, run.stderr[-2000:]
    assert run.invocations[3]["response"]["skipped"] == 1  # the same finding version again: not re-published
    assert len(publishes) == 2, publishes
    for publish, path in zip(publishes, critical):
        assert publish["verified"] and publish["topic"] == SNS_TOPIC
        text = publish["message"]
        units, limit = sms_units(text)
        assert limit == 160 and units <= 160, text
        assert "Critical" in text and detail(path)["type"].split("/")[0] in text
        assert "https://console.aws.amazon.com/guardduty/home?region=us-east-1" in text
    assert len(messages) == 3
    assert sum(m["body"].count("<!here>") for m in messages) == 2  # the route's mention, Critical only


def test_invalid_configuration_is_an_init_error(tmp_path, webhook_token):
    bad = write_config(tmp_path, "destinations:\n  a:\n    slack: {}\nroutes:\n  - to: pager\ndefault: {to: a}\n")
    run = run_lambda(tmp_path, [(EVENTS / "corpus" / "Recon_EC2-Portscan.json").read_text()],
                     {"SLACK_URL": "http://127.0.0.1:9/services/T0/B0/" + webhook_token, "CONFIG_FILE": bad},
                     wait_s=15)
    init = run.report["init_error"]
    assert init is not None, run.stderr
    assert init["error_type"] == "Runtime.InvalidConfiguration"
    assert init["body"]["errorMessage"].endswith(bad + ':5: routes[0].to: unknown destination "pager"')
    assert run.returncode not in (0, None)
    assert webhook_token not in run.stderr


BURST_CONFIG = """
destinations:
  slack:
    slack: {}
    digest_after: 5
    pace: {interval_ms: 10, burst: 3}
default: {to: slack}
"""
TEMPLATES = ["Recon_EC2-PortProbeUnprotectedPort.json", "Recon_EC2-Portscan.json",
             "Backdoor_EC2-Spambot.json", "Stealth_S3-ServerAccessLoggingDisabled.json",
             "AttackSequence_S3-CompromisedData.json"]


def burst_findings(n):
    templates = [json.loads((EVENTS / "corpus" / t).read_text()) for t in TEMPLATES]
    out = []
    for i in range(n):
        event = json.loads(json.dumps(templates[i % len(templates)]))
        fid = secrets.token_hex(16)
        event["id"] = "evt-%04d" % i
        event["detail"]["id"] = fid
        # A type of its own: every digest group is then one finding, whose console link carries its id.
        prefix = event["detail"]["type"].split("/")[0]
        event["detail"]["type"] = "%s/Burst%04d" % (prefix, i)
        out.append((fid, json.dumps(event)))
    return out


def sqs_batch(records):
    return json.dumps({"Records": [
        {"messageId": mid, "receiptHandle": "AQEB" + mid, "body": body, "attributes": {"ApproximateReceiveCount": "1"},
         "eventSource": "aws:sqs", "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:guardduty",
         "awsRegion": "us-east-1"} for mid, body in records]})


def test_burst_of_1000_findings_in_sqs_batches_is_delivered_once_each(tmp_path, webhook_token):
    findings = burst_findings(1000)
    pending = [("m-%04d" % i, body) for i, (_, body) in enumerate(findings)]
    posted_bodies = []
    returned = 0
    config = write_config(tmp_path, BURST_CONFIG)
    # Like SQS: records named in batchItemFailures (or of a failed invocation) come back in a later batch.
    # The stand-in allows 10 messages/s (burst 25) and the program paces at up to 100/s: it meets 429s.
    with StandinProcess(tmp_path, time_scale=10, retry_after=1) as slack:
        for round_no in range(6):
            if not pending:
                break
            batches = [pending[i:i + 10] for i in range(0, len(pending), 10)]
            run = run_lambda(tmp_path, [sqs_batch(b) for b in batches],
                             {"SLACK_URL": slack.url + "/services/T0/B0/" + webhook_token, "CONFIG_FILE": config},
                             timeout_ms=1500, tag="round%d" % round_no)
            assert run.report["init_error"] is None, run.stderr
            assert len(run.invocations) == len(batches)
            again = []
            for batch, inv in zip(batches, run.invocations):
                assert inv["outcome"] is not None and inv["before_deadline"], inv
                if inv["outcome"] == "error":
                    assert inv["error_type"] == "Function.DeliveryFailed", inv
                    failed = {mid for mid, _ in batch}
                else:
                    failed = {f["itemIdentifier"] for f in inv["response"]["batchItemFailures"]}
                again += [r for r in batch if r[0] in failed]
            returned += len(again)
            pending = again
        posted_bodies = [m["body"] for m in posted(slack)]
        rate_limited = [r for r in slack.requests() if r["status"] == 429]
    assert not pending, "%d findings still undelivered after 6 rounds" % len(pending)
    text = "\n".join(posted_bodies)
    for fid, _ in findings:
        assert text.count("fId=" + fid) == 1, fid  # delivered, and exactly once
    digests = [b for b in posted_bodies if "GuardDuty digest" in b]
    assert digests and len(posted_bodies) < 1000  # lower-severity findings were grouped
    print("burst: %d messages (%d digests), %d 429 answers, %d records returned for retry"
          % (len(posted_bodies), len(digests), len(rate_limited), returned))
    assert webhook_token not in text


def test_configuration_from_ssm_is_read_once_per_sandbox(tmp_path, webhook_token):
    config = """
destinations:
  chat: {slack: {}, pace: {interval_ms: 0}}
routes:
  - {name: critical-only, match: {severity: critical}, to: chat}
default: {drop: true}
"""
    state = dict(AWS_STATE, parameters={"/guardduty-slack/routing": {"value": config, "type": "String"}})
    events = [(EVENTS / "corpus" / n).read_text() for n in
              ("AttackSequence_S3-CompromisedData.json", "Recon_EC2-PortProbeUnprotectedPort.json",
               "AttackSequence_IAM-CompromisedCredentials.json")]
    with AwsStandinProcess(tmp_path, state) as aws, StandinProcess(tmp_path) as slack:
        run = run_lambda(tmp_path, events,
                         {"SLACK_URL": slack.url + "/services/T0/B0/" + webhook_token, "AWS_ENDPOINT_URL": aws.url,
                          "CONFIG_PARAMETER": "/guardduty-slack/routing"})
        reads = [r for r in aws.requests() if r.get("action") == "GetParameter"]
        messages = posted(slack)
    assert run.report["init_error"] is None, run.stderr
    assert [inv["outcome"] for inv in run.invocations] == ["response"] * 3
    assert run.invocations[1]["response"]["not_sent"] == 1  # dropped by the default route, answered
    assert len(reads) == 1 and reads[0]["verified"]
    assert len(messages) == 2
    dropped = [l for l in run.log_lines() if l.get("outcome") == "dropped"]
    assert len(dropped) == 1 and dropped[0]["route"] == "dropped by route default"
