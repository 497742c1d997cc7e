"""The fault matrix: the real program in Lambda mode against stand-ins that misbehave, one cell per fault, each
run with the three event shapes (direct EventBridge, SNS, an SQS batch of three). For every run, accounting.py
counts findings in and out: each is delivered or surfaced as a failure Lambda acts on, none silently dropped,
none shown twice except after an accepted-but-unanswered POST, and every invocation is answered before its
deadline. Cells that must end delivered (transient faults the retries absorb, AWS faults that only cost the
account name) say so. Short deadlines keep the whole matrix to a few minutes."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from accounting import FINDING_IN_PAYLOAD, account, build_shape  # noqa: E402

SOURCE_DIR = Path(os.environ.get("GDSLACK_SOURCE_DIR") or HERE.parents[1])
sys.path.insert(0, str(SOURCE_DIR / "tests" / "standins"))
from aws_standin import AwsStandinProcess  # noqa: E402

# detail.accountId 111111111111: Organizations is asked for its name.
TEMPLATE = json.loads((SOURCE_DIR / "testdata" / "events" / "corpus" / "Recon_EC2-PortProbeUnprotectedPort.json").read_text())
ACCOUNT = TEMPLATE["detail"]["accountId"]
KEY = "AKIDLOCALE2ETEST0000"  # what the harness gives the program
AWS_STATE = {"access_keys": {KEY: {"secret": "e2e-local-not-a-secret", "session_token": "e2e-local"}},
             "accounts": {ACCOUNT: "prod-payments"}}
SHAPES = ["direct", "sns", "sqs"]

# name: (Slack plan, harness options, what every finding must end as: "delivered" or None = accounted for)
SLACK_CELLS = {
    "reset": ("reset", {}, "delivered"),
    # A reply that is not HTTP (curl: "unsupported protocol", it refuses HTTP/0.9) is retried like a reset.
    "garbage": ("garbage", {}, "delivered"),
    "html_error_page": ("html:502,html:503", {}, "delivered"),
    "5xx_then_recover": ("500,503,ok", {}, "delivered"),
    "rate_limited_webhook": ("ok", {"slack_args": ["--rate", "1", "--burst", "1"], "timeout_ms": 5000}, "delivered"),
    "stall_mid_response": ("stall,stall,stall,stall,stall", {"timeout_ms": 2000}, None),
    "accepted_then_no_answer": ("accept-hang,accept-hang,accept-hang", {"timeout_ms": 2000}, None),
    "429_storm": (",".join(["429"] * 12), {"retry_after": 1, "timeout_ms": 2500}, None),
    "channel_archived": ("ok", {"webhook_state": "archived"}, None),
    # Retry-After as an HTTP-date (RFC 9110 section 10.2.3) is honoured, not ignored.
    "retry_after_http_date": ("retry-after-date:4", {"timeout_ms": 8000}, "delivered"),
    # A Retry-After beyond the deadline: surfaced in time instead of waiting (or of retrying after 1 s).
    "retry_after_ten_digits": ("retry-after:9999999999", {"timeout_ms": 2500}, None),
}

RUNTIME_CELLS = ["next:500:1", "next:drop:1", "answer:500:1", "answer:drop:1"]


def prefix(request):
    return "fm-" + re.sub(r"[^A-Za-z0-9]+", "-", request.node.name)[-40:]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("cell", list(SLACK_CELLS))
def test_slack_faults(run_lambda, request, cell, shape):
    plan, options, expected = SLACK_CELLS[cell]
    s = build_shape(shape, prefix(request), TEMPLATE)
    run = run_lambda(s.events, plan=plan, **options)
    outcome = account(run, s)
    if expected:
        assert set(outcome.values()) == {expected}, outcome
    if cell == "channel_archived":
        assert set(outcome.values()) == {"surfaced"}
        assert all(r["status"] == 410 for r in run.slack_requests)  # permanent: never retried
        assert len(run.slack_requests) == len(s.findings)
    if cell == "garbage":
        assert all(inv["outcome"] == "error" or inv["response"] for inv in run.invocations)
    if cell == "retry_after_http_date":
        # The retry waited for the date (3-4 s away at whole-second precision), not the 1 s used for a
        # Retry-After the client cannot read.
        assert run.invocations[0]["duration_ms"] >= 2800, run.invocations[0]["duration_ms"]
    if cell == "retry_after_ten_digits":
        first = FINDING_IN_PAYLOAD.search(run.slack_requests[0]["body"]).group(1)
        assert outcome[first] == "surfaced", outcome
        again = [r for r in run.slack_requests if first in r["body"]]
        assert len(again) == 1, "retried although Retry-After is beyond the deadline"
    if cell == "429_storm":
        assert "surfaced" in outcome.values(), outcome


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("fault", ["throttle", "500", "deny", "refused", "black_hole"])
def test_aws_faults_cost_only_the_account_name(run_lambda, request, tmp_path, fault, shape, black_hole, refused_url):
    """Organizations misbehaving must not cost the finding: it is posted with the bare account id, in time."""
    s = build_shape(shape, prefix(request), TEMPLATE)
    env = {"ACCOUNT_NAMES_ONLY": "false"}
    aws = None
    if fault in ("refused", "black_hole"):
        env["AWS_ENDPOINT_URL"] = refused_url if fault == "refused" else black_hole
    else:
        aws = AwsStandinProcess(tmp_path, AWS_STATE, plan=[{"action": "DescribeAccount", "fault": fault}])
        env["AWS_ENDPOINT_URL"] = aws.url
    try:
        run = run_lambda(s.events, extra_env=env, timeout_ms=3000)
    finally:
        if aws:
            aws.stop()
    outcome = account(run, s)
    assert set(outcome.values()) == {"delivered"}, (outcome, run.stderr[-1500:])
    for r in run.slack_requests:
        assert ACCOUNT in r["body"] and "prod-payments" not in r["body"]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("fault", ["throttle_once", "deny", "black_hole"])
def test_aws_faults_reading_the_webhook_at_init(run_lambda, request, tmp_path, fault, shape, black_hole):
    """The webhook URL from SSM: a fault there is an init error (Lambda keeps the event) or, once the retries
    absorb it, delivery; never a silent loss, and init never outlives its budget."""
    s = build_shape(shape, prefix(request), TEMPLATE)
    holder = {}

    def via_ssm(url):
        if fault == "black_hole":
            return {"SLACK_URL_PARAMETER": "/gd/webhook", "AWS_ENDPOINT_URL": black_hole}
        state = dict(AWS_STATE, parameters={"/gd/webhook": {"value": url, "type": "SecureString"}})
        plan = [{"action": "GetParameter", "fault": "throttle", "times": 1}] if fault == "throttle_once" else \
            [{"action": "GetParameter", "fault": "deny"}]
        holder["aws"] = AwsStandinProcess(tmp_path, state, plan=plan)
        return {"SLACK_URL_PARAMETER": "/gd/webhook", "AWS_ENDPOINT_URL": holder["aws"].url}

    try:
        run = run_lambda(s.events, webhook_env=via_ssm, timeout_ms=3000)
    finally:
        if "aws" in holder:
            holder["aws"].stop()
    outcome = account(run, s)
    if fault == "throttle_once":
        assert set(outcome.values()) == {"delivered"}, outcome
    else:
        init = run.report["init_error"]
        assert init is not None and set(outcome.values()) == {"surfaced"}, run.stderr[-1500:]
        # Lambda allows 10 s of init; the program gives the secret 5 s and must report well within that.
        assert run.returncode not in (None, 0)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("fault", RUNTIME_CELLS)
def test_runtime_api_faults(run_lambda, request, fault, shape):
    """/next or the answer fails once (500 or a dropped connection). A lost answer is what Lambda sees as a
    timed-out invocation and retries: the sandbox must not post the finding again."""
    s = build_shape(shape, prefix(request), TEMPLATE)
    run = run_lambda(s.events, runtime_faults=[fault], timeout_ms=3000)
    assert run.report["faults"] == [fault.rsplit(":", 1)[0]], run.report["faults"]
    outcome = account(run, s)
    assert set(outcome.values()) == {"delivered"}, (outcome, run.stderr[-1500:])


@pytest.mark.parametrize("shape", SHAPES)
def test_tls_verification_failure_is_not_retried(run_lambda, request, tmp_path, shape):
    """Slack's certificate does not verify against the CA bundle: a configuration problem, surfaced at once
    for every finding, never retried as if transient (each retry would fail the same way)."""
    s = build_shape(shape, prefix(request), TEMPLATE)
    cert, key, other_ca = tmp_path / "cert.pem", tmp_path / "key.pem", tmp_path / "other-ca.pem"
    for c, k in ((cert, key), (other_ca, tmp_path / "other-key.pem")):
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                        "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(k), "-out", str(c)],
                       check=True, capture_output=True)
    run = run_lambda(s.events, timeout_ms=3000, slack_args=["--tls-cert", str(cert), "--tls-key", str(key)],
                     extra_env={"SSL_CERT_FILE": str(other_ca)})
    outcome = account(run, s)
    assert set(outcome.values()) == {"surfaced"}, outcome
    handshakes = [r for r in run.slack_requests if r["answer"] == "tls_handshake_failed"]
    assert run.webhook_url.startswith("https://")
    # One handshake per finding at most (SQS: the batch may stop at the first), never a retry of the same one.
    assert 1 <= len(handshakes) <= len(s.findings), len(handshakes)
    assert not [r for r in run.slack_requests if r["method"] == "POST"]
