"""Routing by owner, end to end on 127.0.0.1 ("Done when" of issue 20): the real `bootstrap` in Lambda mode reads
an account's tags and OU path from the Organizations stand-in (SigV4-verified), sends a finding from an account
tagged team=payments, slack-destination=payments in OU Workloads/Prod to the payments destination (to_tag), shows
its owner and carries the runbook button; an untagged account falls back to the route's `to`. The same
configuration is checked by `check-config` and explained by `route`."""

import json

from conftest import AWS_STATE, EVENTS, KEY, AwsStandinProcess, StandinProcess, gdslack, run_lambda

PAYMENTS = "973743533182"  # detail.accountId of the sample below
OTHER = "222222222222"
EVENT = EVENTS / "corpus" / "Backdoor_EC2-Spambot.json"
RUNBOOK = "https://wiki.example.com/runbooks/ec2-spambot"

ORG_STATE = {
    "accounts": {PAYMENTS: "payments-prod", OTHER: "shared-tools"},
    "tags": {PAYMENTS: {"team": "payments", "slack-destination": "payments", "owner": "<!channel> Alice & *Bob*"}},
    "parents": {PAYMENTS: "ou-ab12-prod0001", "ou-ab12-prod0001": "ou-ab12-work0001", OTHER: "ou-ab12-work0001"},
    "ous": {"ou-ab12-prod0001": "Prod", "ou-ab12-work0001": "Workloads"},
}


def config_text(slack_url, token):
    return f"""
owner_tags: [owner, team]
runbooks:
  - {{type: "Backdoor:EC2/Spambot", url: "{RUNBOOK}"}}
destinations:
  security: {{slack: {{url: "{slack_url}/services/T0/BSEC/{token}"}}, pace: {{interval_ms: 20, burst: 3}}}}
  payments: {{slack: {{url: "{slack_url}/services/T0/BPAY/{token}"}}, pace: {{interval_ms: 20, burst: 3}}}}
routes:
  - name: workloads
    match: {{ou: "Workloads/*", account_tag: {{team: "*"}}}}
    to_tag: slack-destination
    to: security
default: {{to: security}}
"""


def event_for(account):
    event = json.loads(EVENT.read_text())
    event["detail"]["accountId"] = account
    event["detail"]["id"] = "f" * 31 + account[-1]
    return json.dumps(event)


def posted(slack):
    return [r for r in slack.requests() if r["method"] == "POST" and r["posted"]]


def blocks(payload):
    return payload["attachments"][0]["blocks"]  # the colour bar's attachment holds the blocks


def buttons(payload):
    return [e for b in blocks(payload) if b["type"] == "actions" for e in b["elements"]]


def run_owners(tmp_path, token, accounts, state=None, plan=None):
    """bootstrap over one event per account with the owners configuration; the run, Slack's posts and the
    Organizations calls."""
    with AwsStandinProcess(tmp_path, state or dict(AWS_STATE, **ORG_STATE), plan=plan) as aws, \
            StandinProcess(tmp_path) as slack:
        config = tmp_path / "routing.yaml"
        config.write_text(config_text(slack.url, token))
        run = run_lambda(tmp_path, [event_for(a) for a in accounts],
                         {"AWS_ENDPOINT_URL": aws.url, "CONFIG_FILE": str(config), "ACCOUNT_NAMES_ONLY": "false"})
        return run, posted(slack), [r for r in aws.requests() if r.get("service") == "organizations"]


def test_tagged_account_goes_to_its_team_with_owner_and_runbook(tmp_path, webhook_token):
    run, messages, org_calls = run_owners(tmp_path, webhook_token, [PAYMENTS, OTHER])
    assert run.report["init_error"] is None, run.stderr
    assert [inv["outcome"] for inv in run.invocations] == ["response"] * 2, run.stderr[-2000:]
    assert len(messages) == 2, messages
    by_path = {m["path"].split("/")[3]: json.loads(m["body"]) for m in messages}
    assert set(by_path) == {"BPAY", "BSEC"}

    payments = by_path["BPAY"]
    text = json.dumps(payments)
    assert "payments-prod (973743533182)" in text
    fields = [f["text"] for b in blocks(payments) if b.get("fields") for f in b["fields"]]
    owner = [f for f in fields if f.startswith("*Owner*\n")]
    assert len(owner) == 1, fields
    # An account tag is not trusted: no live mention, escaped entities.
    assert "<!channel>" not in owner[0] and "&lt;!channel&gt;" in owner[0] and "Alice &amp;" in owner[0], owner[0]
    runbook = [b for b in buttons(payments) if b["text"]["text"] == "Runbook"]
    assert len(runbook) == 1 and runbook[0]["url"] == RUNBOOK

    # The untagged account under Workloads has no team tag: the route does not match; the default route takes it,
    # still with the runbook button.
    other = by_path["BSEC"]
    assert "shared-tools" in json.dumps(other)
    assert not [f for b in blocks(other) if b.get("fields") for f in b["fields"] if f["text"].startswith("*Owner*\n")]
    assert [b["url"] for b in buttons(other) if b["text"]["text"] == "Runbook"] == [RUNBOOK]

    # Every Organizations call was signed and verified; tags and the OU walk for both accounts.
    assert org_calls and all(r["verified"] for r in org_calls)
    actions = [r["action"] for r in org_calls]
    assert actions.count("ListTagsForResource") == 2
    assert actions.count("DescribeOrganizationalUnit") == 3  # Prod, Workloads; Workloads
    assert "DescribeAccount" in actions


def test_unknown_destination_tag_falls_back_to_the_route_and_is_logged(tmp_path, webhook_token):
    state = dict(AWS_STATE, **ORG_STATE)
    state["tags"] = {PAYMENTS: {"team": "payments", "slack-destination": "nowhere"}}
    run, messages, _ = run_owners(tmp_path, webhook_token, [PAYMENTS], state=state)
    assert [inv["outcome"] for inv in run.invocations] == ["response"], run.stderr[-2000:]
    assert [m["path"].split("/")[3] for m in messages] == ["BSEC"]
    assert "names no destination of this configuration; sent to its to: instead" in run.stderr


def test_organizations_denied_never_loses_the_finding(tmp_path, webhook_token):
    run, messages, _ = run_owners(tmp_path, webhook_token, [PAYMENTS], plan=[{"action": "*", "fault": "deny"}])
    assert [inv["outcome"] for inv in run.invocations] == ["response"], run.stderr[-2000:]
    assert [m["path"].split("/")[3] for m in messages] == ["BSEC"]  # no tags known: the default route
    assert run.stderr.count("account tags and OU lookup failed") == 1, run.stderr[-2000:]


def test_check_config_and_route_explain_the_tag_and_ou_decisions(tmp_path, webhook_token):
    with AwsStandinProcess(tmp_path, dict(AWS_STATE, **ORG_STATE)) as aws:
        config = tmp_path / "routing.yaml"
        config.write_text(config_text("http://127.0.0.1:9", webhook_token))
        checked = gdslack("check-config", str(config))
        assert checked.returncode == 0, checked.stderr
        assert "match account_tag:team=* ou=Workloads/* -> the destination named by tag slack-destination, else " \
               "security" in checked.stdout, checked.stdout
        assert "owner_tags: owner team" in checked.stdout
        assert "Backdoor:EC2/Spambot -> " + RUNBOOK in checked.stdout
        event = tmp_path / "event.json"
        event.write_text(event_for(PAYMENTS))
        routed = gdslack("route", "--config", str(config), str(event),
                         env={"AWS_ENDPOINT_URL": aws.url, "AWS_ACCESS_KEY_ID": KEY,
                              "AWS_SECRET_ACCESS_KEY": AWS_STATE["access_keys"][KEY]["secret"],
                              "AWS_SESSION_TOKEN": AWS_STATE["access_keys"][KEY]["session_token"],
                              "AWS_REGION": "us-east-1"})
    assert routed.returncode == 0, routed.stderr
    out = routed.stdout
    assert "account OU path Workloads/Prod, tags" in out and "team=payments" in out, out
    assert "to_tag slack-destination=payments -> destination payments" in out, out
    assert "=> payments via workloads" in out, out
    assert "runbook " + RUNBOOK in out, out
