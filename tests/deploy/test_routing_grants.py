"""The notifier's role grants what a routing file needs (issue 17): the SSM parameters and secrets its
destinations name when they sit under RoutingParameterPrefix / RoutingSecretPrefix, and sns:Publish on exactly
the EscalationTopicArns - no statement at all when that list is empty, and never a "*" resource.

The policy is rendered by cfncheck.evaluate (AWS::Partition, AWS::Region and AWS::AccountId substituted) and
asked with cfncheck.iam.allows, which matches Resource patterns with IAM's * and ? over the ARNs the services
really use (cfncheck/arns.py)."""

import re
from pathlib import Path

import pytest
import yaml

from cfncheck import evaluate, iam, main_template, routing_file, yaml_loader

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = yaml_loader.load((ROOT / "deploy" / "template.yaml").read_text())
EXAMPLE = ROOT / "config" / "example.yaml"
BASE = main_template.BASE


def _list(value):
    return value if isinstance(value, list) else [value]


def render(params, region="eu-west-2"):
    resolved = evaluate.evaluate(TEMPLATE, params, evaluate.Context(region=region))
    assert not resolved.rejected, resolved.rejected
    assert not resolved.errors, resolved.errors
    return resolved


def function_policy(resolved):
    return [resolved.resources["FunctionPolicy"]["Properties"]["PolicyDocument"]]


def denied(config, params):
    """The needs of `config` the policy rendered for `params` does not allow."""
    resolved = render(params)
    docs = function_policy(resolved)
    return [(where, action, arn) for where, action, arn in routing_file.needs(config, resolved.ctx)
            if not iam.allows(docs, action, arn)]


def test_example_routing_file_is_granted_with_the_defaults():
    config = routing_file.load(EXAMPLE)
    ctx = evaluate.Context()
    needs = routing_file.needs(config, ctx)
    # the example names an SSM webhook and an SNS topic: both kinds are really exercised
    assert {a for _, a, _ in needs} == {"ssm:GetParameter", "sns:Publish"}
    assert ("non-production.slack.url_parameter", "ssm:GetParameter",
            "arn:aws:ssm:eu-west-2:111111111111:parameter/guardduty-slack/webhook-nonprod") in needs
    topics = routing_file.topics(config)
    assert topics == ["arn:aws:sns:us-east-1:111111111111:guardduty-critical"]
    assert denied(config, dict(BASE, EscalationTopicArns=",".join(topics))) == []
    # ...and the topic is granted only because the deployer listed it
    assert denied(config, BASE) == [("on-call-sms.sns.topic_arn", "sns:Publish", topics[0])]


APP_AND_SECRETS = """
destinations:
  security-app: {slack: {channel: C0123456789, token_parameter: /guardduty-slack/bot-token}}
  team-app: {slack: {channel: C0123456780, token_secret: guardduty-slack/team-bot}}
  team-webhook: {slack: {url_secret: guardduty-slack/team-webhook}}
  nested: {slack: {url_parameter: /guardduty-slack/teams/payments/webhook}}
  by-arn: {slack: {url_parameter: "arn:aws:ssm:eu-west-2:111111111111:parameter/guardduty-slack/by-arn"}}
"""


def test_every_destination_key_resolves_under_the_default_prefixes():
    config = yaml.safe_load(APP_AND_SECRETS)
    needs = routing_file.needs(config, evaluate.Context())
    assert {w.split(".", 1)[1] for w, _, _ in needs} == {"slack.token_parameter", "slack.token_secret", "slack.url_secret",
                                                         "slack.url_parameter"}
    assert len(needs) == 5
    assert denied(config, BASE) == []


OUTSIDE = """
destinations:
  elsewhere: {slack: {url_parameter: /security/slack/webhook}}
  no-slash: {slack: {token_parameter: guardduty-slack-token}}
  sibling: {slack: {url_secret: guardduty-slack-other/webhook}}
  other-account: {slack: {url_parameter: "arn:aws:ssm:eu-west-2:222222222222:parameter/guardduty-slack/webhook"}}
  pager: {sns: {topic_arn: "arn:aws:sns:eu-west-2:111111111111:pager"}}
"""


def test_destinations_outside_the_prefixes_are_refused_until_the_prefixes_say_so():
    config = yaml.safe_load(OUTSIDE)
    assert sorted(w for w, _, _ in denied(config, BASE)) == [
        "elsewhere.slack.url_parameter", "no-slash.slack.token_parameter", "other-account.slack.url_parameter",
        "pager.sns.topic_arn", "sibling.slack.url_secret"]
    # DEPLOY.md's remedy: move the prefixes (and list the topic); another account's parameter stays refused
    moved = dict(BASE, RoutingParameterPrefix="/security/slack/", RoutingSecretPrefix="guardduty-slack-other/",
                 EscalationTopicArns="arn:aws:sns:eu-west-2:111111111111:pager")
    assert sorted(w for w, _, _ in denied(config, moved)) == ["no-slash.slack.token_parameter", "other-account.slack.url_parameter"]
    assert sorted(w for w, _, _ in denied(config, dict(moved, RoutingParameterPrefix="guardduty-slack-"))) == [
        "elsewhere.slack.url_parameter", "other-account.slack.url_parameter"]


def test_prefixes_off_grant_no_routing_names():
    config = yaml.safe_load(APP_AND_SECRETS)
    assert len(denied(config, dict(BASE, **main_template.NO_PREFIXES))) == 5
    # with the webhook in Secrets Manager, nothing in SSM is readable at all
    docs = function_policy(render(dict(main_template.NO_PREFIXES, WebhookSecretId="guardduty-slack/webhook")))
    assert "ssm:getparameter" not in iam.actions(docs)


# What a scoped resource looks like for each service: every field literal up to the resource's name, a wildcard
# at most as the last character after a non-empty name prefix (secrets: or the documented "-??????"), and none
# at all in a topic ARN.
SCOPED = {
    "ssm": re.compile(r"arn:aws(-cn|-us-gov)?:ssm:[a-z0-9-]+:\d{12}:parameter/[^*?]+\*?"),
    "secretsmanager": re.compile(r"arn:aws(-cn|-us-gov)?:secretsmanager:[a-z0-9-]+:\d{12}:secret:[^*?]+(\*|-\?{6})?"),
    "sns": re.compile(r"arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+"),
}


def unscoped(docs):
    """[(service, resource)] of every statement naming an ssm/secretsmanager/sns action with a resource that is
    not scoped to named resources."""
    bad = []
    for doc in docs:
        for st in iam.statements(doc):
            services = {a.split(":")[0] for a in _list(st.get("Action", []))} & set(SCOPED)
            for service in services:
                bad += [(service, r) for r in _list(st.get("Resource", "*")) if not SCOPED[service].fullmatch(r)]
    return bad


def test_unscoped_detects_wildcards():
    def doc(action, resource):
        return {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": resource}]}
    for action, resource in (("ssm:GetParameter", "*"), ("ssm:GetParameter", "arn:aws:ssm:eu-west-2:111111111111:parameter/*"),
                             ("ssm:GetParameter", "arn:aws:ssm:*:111111111111:parameter/guardduty-slack/*"),
                             ("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-2:111111111111:secret:*"),
                             ("sns:Publish", "arn:aws:sns:eu-west-2:111111111111:*"), ("sns:Publish", "*")):
        assert unscoped([doc(action, resource)]) == [(action.split(":")[0], resource)]
    assert unscoped([doc("ssm:GetParameter", "arn:aws:ssm:eu-west-2:111111111111:parameter/guardduty-slack/*")]) == []


def test_grants_are_scoped_in_every_scenario():
    seen = set()
    for name, params, region in main_template.scenarios():
        docs = function_policy(render(params, region))
        assert unscoped(docs) == [], name
        seen |= {a.split(":")[0] for a in iam.actions(docs)}
    assert set(SCOPED) <= seen  # each service's grant was rendered at least once


def test_sns_statement_exists_only_with_topics():
    def sns_statements(params):
        return [st for st in iam.statements(function_policy(render(params))[0])
                if "sns:publish" in {a.lower() for a in _list(st["Action"])}]
    assert sns_statements(BASE) == []
    assert sns_statements(dict(BASE, EscalationTopicArns="")) == []
    two = sns_statements(dict(BASE, EscalationTopicArns=",".join(main_template.TOPICS)))
    assert [st["Resource"] for st in two] == [main_template.TOPICS]
    # and it is the template's Condition that drops it, not a resolver accident: the statement sits in an Fn::If
    # on a condition that tests the list for emptiness
    statements = TEMPLATE["Resources"]["FunctionPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    guarded = [s["Fn::If"] for s in statements if isinstance(s, dict) and "Fn::If" in s
               and isinstance(s["Fn::If"][1], dict) and s["Fn::If"][1].get("Action") == "sns:Publish"]
    assert len(guarded) == 1 and guarded[0][2] == {"Ref": "AWS::NoValue"}
    condition = TEMPLATE["Conditions"][guarded[0][0]]
    assert "EscalationTopicArns" in repr(condition)


@pytest.mark.parametrize("prefix", ["/", "*", "/guardduty-slack/*", "guardduty-slack/?", "a b"])
def test_prefixes_that_would_widen_the_grant_are_refused(prefix):
    for param in ("RoutingParameterPrefix", "RoutingSecretPrefix"):
        resolved = evaluate.evaluate(TEMPLATE, dict(BASE, **{param: prefix}), evaluate.Context())
        assert resolved.rejected.startswith("parameter %s:" % param), (param, prefix, resolved.rejected)
