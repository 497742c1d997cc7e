"""Counting findings in and out of one Lambda run: each finding handed to the program is delivered (Slack shows
it) or surfaced as a failure Lambda acts on (the invocation's error, or its record in batchItemFailures, or an
init error before it was handed out); none is silently dropped, none is shown twice except when Slack accepted a
post whose answer never came (the documented case: a retry after a timed-out POST duplicates)."""

import json
import re
from collections import Counter

FINDING_IN_PAYLOAD = re.compile(r"fId=([A-Za-z0-9_-]+)")
# Plan items after which Slack has shown the message but the client cannot know it.
ACCEPTED_UNANSWERED = ("accept-hang", "stall")


class Shape:
    """The events of one run and, per finding id, where it went: (event index, SQS messageId or None)."""

    def __init__(self, name, events, findings):
        self.name = name
        self.events = events
        self.findings = findings  # {finding id: (event index, message id or None)}


def build_shape(name, prefix, template):
    """direct: one EventBridge event; sns: one SNS-wrapped event; sqs: three records (two events, one SNS
    notification inside SQS), each with its own finding."""

    def event(fid):
        e = json.loads(json.dumps(template))
        e["id"] = "ev-" + fid
        e["detail"]["id"] = fid
        return json.dumps(e)

    if name == "direct":
        fid = prefix + "-d1"
        return Shape(name, [event(fid)], {fid: (0, None)})
    if name == "sns":
        fid = prefix + "-n1"
        return Shape(name, [sns_event(event(fid))], {fid: (0, None)})
    fids = [prefix + "-q1", prefix + "-q2", prefix + "-q3"]
    records = [("m-1", event(fids[0])), ("m-2", event(fids[1])), ("m-3", sns_notification(event(fids[2])))]
    return Shape(name, [sqs_batch(records)], {fids[0]: (0, "m-1"), fids[1]: (0, "m-2"), fids[2]: (0, "m-3")})


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


def account(run, shape):
    """{finding id: "delivered" | "surfaced"}; raises AssertionError naming every finding that was lost or
    shown twice, and every invocation answered late or not at all."""
    report = run.report
    problems = []
    assert report["violations"] == [], report["violations"]

    shown = Counter()
    accepted_unanswered = Counter()
    for request in run.slack_requests:
        m = FINDING_IN_PAYLOAD.search(request.get("body") or "")
        if not m:
            continue
        if request.get("posted"):
            shown[m.group(1)] += 1
        if request.get("answer") in ACCEPTED_UNANSWERED:
            accepted_unanswered[m.group(1)] += 1

    # The last invocation of each event (earlier ones may be "lost": Lambda never got their answer and
    # handed the event out again).
    last = {}
    for inv in report["invocations"]:
        last[inv["event"]] = inv
        if inv["outcome"] in ("response", "error") and not inv["before_deadline"]:
            problems.append("%s answered after its deadline" % inv["event"])
    names = ["event-%02d.json" % i for i in range(len(shape.events))]

    result = {}
    for fid, (index, message_id) in shape.findings.items():
        inv = last.get(names[index])
        outcome = inv["outcome"] if inv else None
        if outcome is None:
            surfaced = report["init_error"] is not None  # never handed out: Lambda keeps the event
            if not surfaced:
                problems.append("%s: its invocation was never answered" % fid)
        elif outcome == "error":
            surfaced = True
        elif message_id is not None:
            failures = (inv["response"] or {}).get("batchItemFailures")
            if not isinstance(failures, list):
                problems.append("%s: SQS answer without batchItemFailures: %r" % (fid, inv["response"]))
                failures = []
            surfaced = {"itemIdentifier": message_id} in failures
        else:
            surfaced = False
        delivered = shown[fid] > 0
        if not delivered and not surfaced:
            problems.append("%s LOST: not shown in Slack, yet reported as handled (%s)" % (fid, outcome))
        if shown[fid] > 1 + accepted_unanswered[fid]:
            problems.append("%s shown %d times" % (fid, shown[fid]))
        result[fid] = "surfaced" if surfaced else "delivered"
    assert not problems, problems
    return result
