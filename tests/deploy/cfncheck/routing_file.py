"""What a routing file (config/example.yaml's format, read by src/routing/config_loader.cc) makes the function
call at init and per finding: GetParameter on each destination's url_parameter / token_parameter, GetSecretValue
on each url_secret / token_secret, Publish on each sns topic_arn. The ARNs are written with arns.py, as the
services name the resources, so they can be held against the template's policy.

token_parameter / token_secret are Slack app destinations (`slack: {channel: C…}`, issue 17); they are read the
same way as the webhook keys, so a file that uses them is covered as soon as the loader accepts them."""

import yaml

from . import arns

SSM_KEYS = ("url_parameter", "token_parameter")
SECRET_KEYS = ("url_secret", "token_secret")


def needs(config, ctx):
    """[(destination.key, action, ARN)] for every secret, parameter and topic the file's destinations name.
    `config` is the parsed file; a `slack: {}` destination (the environment's webhook) needs nothing here."""
    out = []
    for name, dest in (config.get("destinations") or {}).items():
        slack = (dest or {}).get("slack") or {}
        for key in SSM_KEYS:
            if key in slack:
                out.append(("%s.slack.%s" % (name, key), "ssm:GetParameter", arns.ssm_parameter(ctx, slack[key])))
        for key in SECRET_KEYS:
            if key in slack:
                out.append(("%s.slack.%s" % (name, key), "secretsmanager:GetSecretValue", arns.secret(ctx, slack[key])))
        sns = (dest or {}).get("sns") or {}
        if "topic_arn" in sns:
            out.append(("%s.sns.topic_arn" % name, "sns:Publish", sns["topic_arn"]))
    return out


def topics(config):
    """The topic ARNs a deployer passes as EscalationTopicArns for this file."""
    return [dest["sns"]["topic_arn"] for dest in (config.get("destinations") or {}).values()
            if isinstance(dest, dict) and isinstance(dest.get("sns"), dict) and "topic_arn" in dest["sns"]]


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)
