"""Lambda mode end to end: the real program (GDSLACK_BOOTSTRAP) against the Runtime API and Slack stand-ins.

Each test checks what Lambda and Slack would see — the answer to each invocation (response body, or
errorType + message), the Slack requests — and that the webhook URL never reaches stdout/stderr and the
runtime kept to the protocol.
"""

import json
import os
import re
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("GDSLACK_SOURCE_DIR") or Path(__file__).resolve().parents[2])
CORPUS = SOURCE_DIR / "testdata" / "events" / "corpus"
FIRST = CORPUS / "Backdoor_EC2-Spambot.json"
SECOND = CORPUS / "CryptoCurrency_EC2-BitcoinTool.B.json"
ERROR_TYPE = re.compile(r"^(Runtime|Function)\.[A-Z][a-zA-Z]+$")


def finding_id(path):
    return json.loads(path.read_text())["detail"]["id"]


def sqs_batch(messages):
    return json.dumps({"Records": [
        {"messageId": mid, "receiptHandle": "AQEB" + mid, "body": body, "attributes": {},
         "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
         "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:guardduty", "awsRegion": "us-east-1"}
        for mid, body in messages]})


def sns_notification(message):
    return json.dumps({"Type": "Notification", "MessageId": "0f6f7bd6-sns", "Subject": None,
                       "TopicArn": "arn:aws:sns:us-east-1:123456789012:guardduty", "Message": message,
                       "Timestamp": "2025-02-25T20:40:07.000Z"})


def sns_event(message):
    return json.dumps({"Records": [{
        "EventSource": "aws:sns", "EventVersion": "1.0",
        "EventSubscriptionArn": "arn:aws:sns:us-east-1:123456789012:guardduty:sub",
        "Sns": json.loads(sns_notification(message))}]})


def other_guardduty_event():
    return json.dumps({"version": "0", "id": "0d3c2a0e-other", "detail-type": "AWS API Call via CloudTrail",
                       "source": "aws.guardduty", "account": "123456789012", "time": "2025-02-25T20:40:06Z",
                       "region": "us-east-1", "resources": [], "detail": {"clusterName": "prod"}})


def assert_clean(run):
    """Nothing secret in the output, no protocol violations, every error type well formed."""
    for stream, text in (("stdout", run.stdout), ("stderr", run.stderr)):
        assert run.webhook_token not in text, "webhook URL leaked to " + stream
        if run.webhook_url:
            assert run.webhook_url not in text
    assert run.report["violations"] == [], run.report["violations"]
    for inv in run.invocations:
        if inv["outcome"] == "error":
            assert ERROR_TYPE.match(inv["error_type"] or ""), inv
            assert inv["error"]["errorType"] == inv["error_type"]


def only(run):
    assert run.report["done"], run.report
    assert len(run.invocations) == 1
    return run.invocations[0]


def test_happy_path_posts_once_and_responds(run_lambda):
    run = run_lambda([FIRST])
    inv = only(run)
    assert inv["outcome"] == "response", inv
    assert inv["response"]["delivered"] == 1
    assert len(run.slack_requests) == 1
    assert run.slack_requests[0]["path"] == "/services/T0E2E0000/B0E2E0000/" + run.webhook_token
    payload = json.loads(run.slack_requests[0]["body"])
    assert payload.get("blocks") or payload.get("attachments"), payload
    logged = [line for line in run.log_lines() if line.get("finding_id") == finding_id(FIRST)]
    assert logged, "no log line names the finding"
    assert_clean(run)


def test_same_event_twice_is_posted_once(run_lambda):
    run = run_lambda([FIRST, FIRST])
    assert [inv["outcome"] for inv in run.invocations] == ["response", "response"]
    assert run.invocations[1]["response"]["skipped"] == 1
    assert len(run.slack_requests) == 1
    assert_clean(run)


def test_sqs_batch_reports_exactly_the_failing_record(run_lambda):
    batch = sqs_batch([("msg-ok", FIRST.read_text()), ("msg-bad", SECOND.read_text())])
    run = run_lambda([batch], plan="ok,404:no_service")
    inv = only(run)
    assert inv["outcome"] == "response", inv
    assert inv["response"] == {"batchItemFailures": [{"itemIdentifier": "msg-bad"}]}
    assert len(run.slack_requests) == 2
    assert_clean(run)


def test_sqs_batch_all_delivered_has_no_failures(run_lambda):
    batch = sqs_batch([("m-1", FIRST.read_text()), ("m-2", sns_notification(SECOND.read_text()))])
    run = run_lambda([batch])
    inv = only(run)
    assert inv["response"] == {"batchItemFailures": []}
    assert len(run.slack_requests) == 2
    assert_clean(run)


def test_sns_wrapped_event_is_delivered(run_lambda):
    run = run_lambda([sns_event(FIRST.read_text())])
    inv = only(run)
    assert inv["outcome"] == "response", inv
    assert len(run.slack_requests) == 1
    assert_clean(run)


def test_slack_500_500_200_is_delivered(run_lambda):
    run = run_lambda([FIRST], plan="500,500,ok", timeout_ms=10000)
    inv = only(run)
    assert inv["outcome"] == "response", inv
    assert [r["answer"] for r in run.slack_requests] == ["500", "500", "ok"]
    assert_clean(run)


def test_slack_429_honours_retry_after(run_lambda):
    run = run_lambda([FIRST], plan="429,ok", retry_after=1, timeout_ms=10000)
    inv = only(run)
    assert inv["outcome"] == "response", inv
    assert len(run.slack_requests) == 2
    assert inv["duration_ms"] >= 900, "second attempt came before Retry-After: %s ms" % inv["duration_ms"]
    assert_clean(run)


def test_permanent_404_is_delivery_failed_without_retry(run_lambda):
    run = run_lambda([FIRST], plan="404:no_service", timeout_ms=10000)
    inv = only(run)
    assert inv["outcome"] == "error", inv
    assert inv["error_type"] == "Function.DeliveryFailed"
    assert "no_service" in inv["error"]["errorMessage"]
    assert len(run.slack_requests) == 1
    assert_clean(run)


def test_slack_that_hangs_is_reported_before_the_deadline(run_lambda):
    run = run_lambda([FIRST], plan="hang,hang,hang,hang,hang,hang,hang,hang", timeout_ms=3000)
    inv = only(run)
    assert inv["outcome"] == "error", inv
    assert inv["error_type"] == "Function.DeliveryFailed"
    assert inv["before_deadline"] is True, inv
    assert_clean(run)


def test_malformed_event_is_invalid_event(run_lambda):
    run = run_lambda(['{"version":"0","detail": {'])
    inv = only(run)
    assert inv["outcome"] == "error", inv
    assert inv["error_type"] == "Function.InvalidEvent"
    assert run.slack_requests == []
    assert_clean(run)


def test_non_guardduty_event_is_invalid_event(run_lambda):
    event = json.dumps({"version": "0", "id": "e-1", "detail-type": "EC2 Instance State-change Notification",
                        "source": "aws.ec2", "account": "123456789012", "region": "us-east-1", "detail": {}})
    run = run_lambda([event])
    inv = only(run)
    assert inv["error_type"] == "Function.InvalidEvent", inv
    assert run.slack_requests == []
    assert_clean(run)


def test_other_guardduty_event_is_acknowledged_not_posted(run_lambda):
    run = run_lambda([other_guardduty_event()])
    inv = only(run)
    assert inv["outcome"] == "response", inv
    assert run.slack_requests == []
    assert_clean(run)


def test_runtime_keeps_serving_after_an_error(run_lambda):
    run = run_lambda(["not json", FIRST])
    assert [inv["outcome"] for inv in run.invocations] == ["error", "response"]
    assert len(run.slack_requests) == 1
    assert_clean(run)


def test_missing_configuration_posts_init_error_and_exits(run_lambda):
    run = run_lambda([FIRST], slack_url=False)
    init = run.report["init_error"]
    assert init is not None, "no /runtime/init/error: %s" % run.stderr[-2000:]
    assert ERROR_TYPE.match(init["error_type"] or ""), init
    assert init["body"]["errorType"] == init["error_type"]
    assert run.invocations[0]["outcome"] is None, "an event was handled without configuration"
    assert run.returncode is not None and run.returncode != 0, "the program did not exit after init error"
    assert_clean(run)


def test_lone_surrogate_escapes_are_delivered_in_every_shape(run_lambda):
    """JSON allows an escaped lone UTF-16 surrogate; the finding is delivered with U+FFFD, not lost."""
    text = FIRST.read_text()
    event = json.loads(text)
    event["detail"]["title"] = "UA-MARKER"
    raw = json.dumps(event).replace("UA-MARKER", "curl\\udc00 \\ud800x")
    assert "\\udc00" in raw
    second = raw.replace(finding_id(FIRST), "surrogate-in-sqs")
    run = run_lambda([raw, sns_event(raw.replace(finding_id(FIRST), "surrogate-in-sns")),
                      sqs_batch([("m-s", second)])])
    outcomes = [inv["outcome"] for inv in run.invocations]
    assert outcomes == ["response"] * 3, (outcomes, run.stderr[-2000:])
    assert run.invocations[2]["response"] == {"batchItemFailures": []}
    assert len(run.slack_requests) == 3
    for request in run.slack_requests:
        assert "curl\ufffd \ufffdx" in json.loads(request["body"])["attachments"][0]["blocks"][0]["text"]["text"]
    assert_clean(run)


def test_sqs_batch_where_every_record_failed_is_an_error(run_lambda):
    """A success listing every record would lose them all without ReportBatchItemFailures."""
    batch = sqs_batch([("m-1", FIRST.read_text()), ("m-2", SECOND.read_text())])
    run = run_lambda([batch], webhook_state="archived")
    inv = only(run)
    assert inv["outcome"] == "error", inv
    assert inv["error_type"] == "Function.DeliveryFailed"
    assert "channel_is_archived" in inv["error"]["errorMessage"]
    assert [r["status"] for r in run.slack_requests] == [410, 410]
    assert_clean(run)
