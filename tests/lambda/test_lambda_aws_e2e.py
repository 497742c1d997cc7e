"""Lambda mode with AWS: account names from Organizations and the webhook from SSM / Secrets Manager, served
by the AWS stand-in (tests/standins/aws_standin.py), which checks every request's SigV4 signature with
botocore. All on 127.0.0.1."""

import json
import os
import sys

from conftest import EVENTS, STANDINS

sys.path.insert(0, str(STANDINS))
from aws_standin import AwsStandinProcess  # noqa: E402

# The credentials conftest gives the program (what Lambda puts in the environment).
KEY = "AKIDLOCALE2ETEST0000"
STATE = {
    "access_keys": {KEY: {"secret": "e2e-local-not-a-secret", "session_token": "e2e-local"}},
    "accounts": {"111111111111": "prod-payments"},
}
# detail.accountId 111111111111 (the envelope account is the same here)
EVENT = EVENTS / "corpus" / "Recon_EC2-PortProbeUnprotectedPort.json"


def posted_texts(run):
    return [r["body"] for r in run.slack_requests if r["method"] == "POST"]


def assert_no_secrets(run, *values):
    for value in values:
        assert value not in run.stdout
        assert value not in run.stderr


def test_account_name_from_organizations(run_lambda, tmp_path):
    with AwsStandinProcess(tmp_path, STATE) as aws:
        run = run_lambda([EVENT], extra_env={"AWS_ENDPOINT_URL": aws.url, "ACCOUNT_NAMES_ONLY": "false"})
        requests = aws.requests()
    assert run.invocations[0]["outcome"] == "response", run.stderr
    bodies = posted_texts(run)
    assert len(bodies) == 1
    assert "prod-payments (111111111111)" in bodies[0]
    calls = [r for r in requests if r.get("action") == "DescribeAccount"]
    assert calls and all(r.get("verified") for r in calls), requests
    assert_no_secrets(run, run.webhook_token, "e2e-local-not-a-secret")


def test_access_denied_still_posts_bare_id_within_deadline(run_lambda, tmp_path):
    plan = [{"action": "DescribeAccount", "fault": "deny"}]
    with AwsStandinProcess(tmp_path, STATE, plan=plan) as aws:
        run = run_lambda([EVENT, EVENT.read_text().replace("1612a2a6", "2612a2a6")],
                         extra_env={"AWS_ENDPOINT_URL": aws.url, "ACCOUNT_NAMES_ONLY": "false"})
        requests = aws.requests()
    for inv in run.invocations:
        assert inv["outcome"] == "response", run.stderr
        assert inv["before_deadline"]
    bodies = posted_texts(run)
    assert len(bodies) == 1  # the second event carries the same finding update: de-duplicated
    assert "111111111111" in bodies[0] and "prod-payments" not in bodies[0]
    # Denied once, explained once, and the failure is cached: no second call for the same account.
    assert len([r for r in requests if r.get("action") == "DescribeAccount"]) == 1
    explained = [l for l in run.log_lines() if "organizations:DescribeAccount" in json.dumps(l)]
    assert len(explained) == 1, run.stderr
    assert_no_secrets(run, run.webhook_token, "e2e-local-not-a-secret")


def test_webhook_from_ssm_securestring(run_lambda, tmp_path):
    holder = {}

    def via_ssm(url):
        state = dict(STATE, parameters={"/guardduty-slack/webhook": {"value": url, "type": "SecureString"}})
        holder["aws"] = AwsStandinProcess(tmp_path, state)
        return {"SLACK_URL_PARAMETER": "/guardduty-slack/webhook", "AWS_ENDPOINT_URL": holder["aws"].url}

    try:
        run = run_lambda([EVENT], webhook_env=via_ssm)
        requests = holder["aws"].requests()
    finally:
        holder["aws"].stop()
    assert run.report["init_error"] is None, run.stderr
    assert run.invocations[0]["outcome"] == "response"
    assert len(posted_texts(run)) == 1
    gets = [r for r in requests if r.get("action") == "GetParameter"]
    assert len(gets) == 1 and gets[0].get("verified"), requests  # read once per sandbox
    assert_no_secrets(run, run.webhook_token)


def test_webhook_from_secrets_manager_json(run_lambda, tmp_path):
    holder = {}

    def via_secret(url):
        state = dict(STATE, secrets={"guardduty-slack": json.dumps({"url": url})})
        holder["aws"] = AwsStandinProcess(tmp_path, state)
        return {"SLACK_URL_SECRET": "guardduty-slack", "AWS_ENDPOINT_URL": holder["aws"].url}

    try:
        run = run_lambda([EVENT], webhook_env=via_secret)
    finally:
        holder["aws"].stop()
    assert run.report["init_error"] is None, run.stderr
    assert len(posted_texts(run)) == 1
    assert_no_secrets(run, run.webhook_token)


def test_unreadable_parameter_is_an_init_error_naming_it(run_lambda, tmp_path):
    holder = {}

    def denied(url):
        state = dict(STATE, parameters={"/guardduty-slack/webhook": {"value": url, "type": "SecureString"}})
        holder["aws"] = AwsStandinProcess(tmp_path, state, plan=[{"action": "GetParameter", "fault": "deny"}])
        return {"SLACK_URL_PARAMETER": "/guardduty-slack/webhook", "AWS_ENDPOINT_URL": holder["aws"].url}

    try:
        run = run_lambda([EVENT], webhook_env=denied)
    finally:
        holder["aws"].stop()
    init = run.report["init_error"]
    assert init is not None, run.stderr
    message = json.dumps(init["body"])
    assert "/guardduty-slack/webhook" in message and "ssm:GetParameter" in message, message
    assert run.returncode not in (None, 0)
    assert not posted_texts(run)
    assert_no_secrets(run, run.webhook_token)
    assert run.webhook_token not in message
