"""deploy/template.yaml: the scenarios it is evaluated under and what must hold in each, computed from the
parameters independently of the template's own expressions (ARNs from arns.py, matches from events.py)."""

import json

from . import arns, event_pattern, events, generic, iam, physical

ACCOUNT = "111111111111"
SSM_NAMES = ["/guardduty-slack/webhook", "guardduty-slack-webhook",
             "arn:aws:ssm:eu-west-2:111111111111:parameter/guardduty-slack/webhook"]
SECRET_IDS = ["guardduty-slack/webhook", "arn:aws:secretsmanager:eu-west-2:111111111111:secret:guardduty-slack/webhook-Xy12Zw"]
KMS_KEY = "arn:aws:kms:eu-west-2:111111111111:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
ORG_ROLE = "arn:aws:iam::999999999999:role/guardduty-slack-describe-account"
TOPICS = ["arn:aws:sns:eu-west-2:111111111111:oncall", "arn:aws:sns:eu-west-2:111111111111:security-leads"]
BASE = {"WebhookParameterName": "/guardduty-slack/webhook"}
# Triage from Slack: app mode, the table, who may act, and the signing secret.
TRIAGE = {"SlackBotTokenParameterName": "/guardduty-slack/bot", "SlackChannel": "C0123456789", "EnableStateTable": "true",
          "TriageAllowedUsers": "U0ALICE,W0BOB", "SlackSigningSecretParameterName": "/guardduty-slack/signing-secret"}
# The routing prefixes off, so that a scenario about one named parameter or secret sees its exact grant alone
# (the default prefixes cover /guardduty-slack/webhook and guardduty-slack/webhook too).
NO_PREFIXES = {"RoutingParameterPrefix": "", "RoutingSecretPrefix": ""}
# Names a routing file may give under a prefix: directly below it, and deeper.
UNDER_PREFIX = ["webhook-team-a", "team-b/bot-token"]
# Where scripts/package-lambda.sh writes each architecture's zip (one build tree per preset).
ZIPS = {"x86_64": "build/release/guardduty-slack-lambda-x86_64.zip",
        "arm64": "build/release-arm64/guardduty-slack-lambda-arm64.zip"}


def scenarios():
    """[(name, parameters, region)]: the defaults, each parameter moved one at a time, the modes and
    architectures crossed, everything on at once, and the other partitions."""
    out = [("defaults", dict(BASE), "eu-west-2")]
    for name in SSM_NAMES:
        out.append(("webhook parameter %s" % name, dict(NO_PREFIXES, WebhookParameterName=name), "eu-west-2"))
    for sid in SECRET_IDS:
        out.append(("webhook secret %s" % sid, dict(NO_PREFIXES, WebhookSecretId=sid), "eu-west-2"))
        out.append(("webhook secret + kms %s" % sid, dict(NO_PREFIXES, WebhookSecretId=sid, KmsKeyArn=KMS_KEY), "eu-west-2"))
    for name in SSM_NAMES:
        out.append(("bot token parameter %s" % name, dict(NO_PREFIXES, SlackBotTokenParameterName=name, SlackChannel="C0123456789"),
                    "eu-west-2"))
        config = name.replace("webhook", "routing")
        out.append(("config parameter %s" % config, dict(BASE, ConfigParameterName=config, **NO_PREFIXES), "eu-west-2"))
    out.append(("bot token secret", dict(NO_PREFIXES, SlackBotTokenSecretId="guardduty-slack/bot", SlackChannel="C0123456789"),
                "eu-west-2"))
    out.append(("routing prefixes off", dict(BASE, **NO_PREFIXES), "eu-west-2"))
    out.append(("routing parameter prefix only", dict(BASE, RoutingSecretPrefix=""), "eu-west-2"))
    out.append(("routing secret prefix only", dict(BASE, RoutingParameterPrefix=""), "eu-west-2"))
    out.append(("routing prefixes custom", dict(BASE, RoutingParameterPrefix="/security/slack/", RoutingSecretPrefix="security/slack/"),
                "eu-west-2"))
    out.append(("routing prefixes without slashes", dict(BASE, RoutingParameterPrefix="guardduty-slack-", RoutingSecretPrefix="guardduty-slack-"),
                "eu-west-2"))
    for mode in ("direct", "buffered"):
        for arch in ("arm64", "x86_64"):
            out.append(("%s %s" % (mode, arch), dict(BASE, DeliveryMode=mode, Architecture=arch), "eu-west-2"))
    for floor in ("4", "7", "8.5", "9"):
        out.append(("floor %s" % floor, dict(BASE, MinimumSeverity=floor), "eu-west-2"))
    for other in ("true", "false"):
        for hub in ("true", "false"):
            out.append(("other=%s hub=%s" % (other, hub), dict(BASE, IncludeOtherGuardDutyEvents=other, IncludeSecurityHub=hub,
                                                                MinimumSeverity="7"), "eu-west-2"))
    out.append(("describe directly", dict(BASE, DescribeAccountDirectly="true"), "eu-west-2"))
    out.append(("org role", dict(BASE, OrgRoleArn=ORG_ROLE), "eu-west-2"))
    out.append(("org role wins", dict(BASE, OrgRoleArn=ORG_ROLE, DescribeAccountDirectly="true"), "eu-west-2"))
    out.append(("state table", dict(BASE, EnableStateTable="true"), "eu-west-2"))
    for policy in ("all", "first", "escalations"):
        out.append(("update policy %s" % policy, dict(BASE, UpdatePolicy=policy), "eu-west-2"))
    out.append(("one topic", dict(BASE, EscalationTopicArns=TOPICS[0]), "eu-west-2"))
    out.append(("two topics", dict(BASE, EscalationTopicArns=",".join(TOPICS)), "eu-west-2"))
    out.append(("alarm email", dict(BASE, AlarmEmail="security@example.com", AccountNames="111111111111=prod"), "eu-west-2"))
    out.append(("100 account names", dict(BASE, AccountNames=_names(100)), "eu-west-2"))
    out.append(("summary off", dict(BASE, SummarySchedule=""), "eu-west-2"))
    out.append(("summary regions", dict(BASE, SummaryRegions="eu-west-1,us-east-1", SummarySchedule="cron(30 6 ? * MON-FRI *)"),
                "eu-west-2"))
    everything = {"WebhookSecretId": "guardduty-slack/webhook", "KmsKeyArn": KMS_KEY, "DeliveryMode": "buffered",
                  "Architecture": "x86_64", "MinimumSeverity": "4", "IncludeOtherGuardDutyEvents": "true",
                  "IncludeSecurityHub": "true", "OrgRoleArn": ORG_ROLE, "ConfigParameterName": "/guardduty-slack/routing",
                  "EnableStateTable": "true", "UpdatePolicy": "escalations", "EscalationTopicArns": ",".join(TOPICS),
                  "AlarmEmail": "security@example.com", "AccountNames": "111111111111=prod", "LogLevel": "debug",
                  "BatchSize": "20", "SlackBotTokenParameterName": "guardduty-slack-bot", "SlackChannel": "C0123456789"}
    out.append(("everything", everything, "eu-west-2"))
    for arch in ("arm64", "x86_64"):
        out.append(("triage %s" % arch, dict(TRIAGE, Architecture=arch), "eu-west-2"))
    out.append(("triage, secret and kms", dict(TRIAGE, SlackSigningSecretParameterName="", SlackSigningSecretId=SECRET_IDS[1],
                                               SlackBotTokenParameterName="", SlackBotTokenSecretId="guardduty-slack/bot",
                                               KmsKeyArn=KMS_KEY), "eu-west-2"))
    out.append(("triage parameter arn", dict(TRIAGE, SlackSigningSecretParameterName=SSM_NAMES[2].replace("webhook", "signing")),
                "eu-west-2"))
    out.append(("triage govcloud", dict(TRIAGE, DeliveryMode="buffered"), "us-gov-west-1"))
    out.append(("china", dict(BASE, DeliveryMode="buffered", EnableStateTable="true"), "cn-north-1"))
    out.append(("govcloud", dict(everything, WebhookSecretId="", WebhookParameterName="gd/webhook"), "us-gov-west-1"))
    return out


# Parameter values CloudFormation must refuse (Rules, AllowedValues, MinValue...): (name, parameters, reason).
REJECTED = [
    ("nowhere to post", {}, "Rules.SomewhereToPost"),
    ("two webhook sources", {"WebhookParameterName": "a", "WebhookSecretId": "b"}, "Rules.OneWebhookSource"),
    ("two bot token sources", {"SlackBotTokenParameterName": "a", "SlackBotTokenSecretId": "b"}, "Rules.OneBotTokenSource"),
    ("unknown mode", dict(BASE, DeliveryMode="fast"), "DeliveryMode"),
    ("severity above 10", dict(BASE, MinimumSeverity="11"), "MinimumSeverity"),
    ("150 account names", dict(BASE, AccountNames=None), "AccountNames: longer than MaxLength"),
    # A prefix that names everything, or smuggles in a wildcard, would widen the grant past the routing file's names.
    ("parameter prefix /", dict(BASE, RoutingParameterPrefix="/"), "RoutingParameterPrefix: '/' does not match AllowedPattern"),
    ("parameter prefix with *", dict(BASE, RoutingParameterPrefix="/guardduty-slack/*"), "RoutingParameterPrefix"),
    ("secret prefix with ?", dict(BASE, RoutingSecretPrefix="guardduty-slack/?"), "RoutingSecretPrefix"),
    ("secret prefix /", dict(BASE, RoutingSecretPrefix="/"), "RoutingSecretPrefix: '/' does not match AllowedPattern"),
    ("summary schedule in words", dict(BASE, SummarySchedule="every day at 8"), "SummarySchedule"),
    ("two signing secret sources", dict(TRIAGE, SlackSigningSecretId="x"), "Rules.OneSigningSecretSource"),
    ("triage without the table", dict(TRIAGE, EnableStateTable="false"), "Rules.TriageNeedsAppModeTableAndUsers"),
    ("triage without the app", dict(TRIAGE, SlackBotTokenParameterName="", WebhookParameterName="w"),
     "Rules.TriageNeedsAppModeTableAndUsers"),
    ("triage without users", dict(TRIAGE, TriageAllowedUsers=""), "Rules.TriageNeedsAppModeTableAndUsers"),
    ("triage users not ids", dict(TRIAGE, TriageAllowedUsers="alice"), "TriageAllowedUsers"),
]


def _names(n):
    return ",".join("%012d=account-name-%03d" % (100000000000 + i, i) for i in range(n))


next(params for name, params, _ in REJECTED if name == "150 account names")["AccountNames"] = _names(150)


def _one(resources, rtype):
    found = [(lid, r) for lid, r in resources.items() if r["Type"] == rtype]
    return found[0] if len(found) == 1 else (None, None)


def expectations(resolved, template_dir):
    """Errors for one accepted scenario."""
    ctx, p = resolved.ctx, resolved.params
    errors = []
    res = resolved.resources
    all_resources, local_code = generic.package(res, template_dir)
    # The triage function and its own resources are checked by _triage; the rest is the delivery function's.
    resources = {k: v for k, v in all_resources.items() if not k.startswith("Triage")}
    fn_id, fn = _one(resources, "AWS::Lambda::Function")
    if fn is None:
        return ["exactly one function must exist, found %s" % [k for k, r in res.items() if r["Type"] == "AWS::Lambda::Function"]]
    fprops = fn["Properties"]
    fname = res[fn_id]["Properties"].get("FunctionName") or _ref_name(resolved, fn_id)
    arch = p["Architecture"]
    if fprops.get("Architectures") != [arch]:
        errors.append("%s: Architectures %s, expected [%s]" % (fn_id, fprops.get("Architectures"), arch))
    want_zip = ZIPS[arch]
    if local_code.get(fn_id) != want_zip:
        errors.append("%s: Code is %s, expected the package-lambda.sh zip %s" % (fn_id, local_code.get(fn_id), want_zip))
    if fprops.get("Runtime") != "provided.al2023" or fprops.get("Handler") != "bootstrap":
        errors.append("%s: must run bootstrap on provided.al2023" % fn_id)

    # Environment: exactly the variables the chosen options need.
    want_env = {"LOG_LEVEL": p["LogLevel"]}
    for param, var in (("WebhookParameterName", "SLACK_URL_PARAMETER"), ("WebhookSecretId", "SLACK_URL_SECRET"),
                       ("SlackBotTokenParameterName", "SLACK_BOT_TOKEN_PARAMETER"),
                       ("SlackBotTokenSecretId", "SLACK_BOT_TOKEN_SECRET"), ("SlackChannel", "SLACK_CHANNEL"),
                       ("AccountNames", "ACCOUNT_NAMES"), ("OrgRoleArn", "ORG_ROLE_ARN"),
                       ("ConfigParameterName", "CONFIG_PARAMETER"), ("UpdatePolicy", "UPDATE_POLICY"),
                       ("SummaryRegions", "SUMMARY_REGIONS")):
        if p[param]:
            want_env[var] = p[param]
    triage = bool(p["SlackSigningSecretParameterName"] or p["SlackSigningSecretId"])
    for param, var in (("TriageAllowedUsers", "TRIAGE_ALLOWED_USERS"),) if triage else ():
        if p[param]:
            want_env[var] = p[param]
    if float(p["MinimumSeverity"]) > 0:
        want_env["MIN_SEVERITY"] = p["MinimumSeverity"]
    if not p["OrgRoleArn"] and p["DescribeAccountDirectly"] != "true":
        want_env["ACCOUNT_NAMES_ONLY"] = "true"
    table_id, table = _one(resources, "AWS::DynamoDB::Table")
    if p["EnableStateTable"] == "true":
        if table is None:
            errors.append("EnableStateTable=true but no table")
        else:
            want_env["STATE_TABLE"] = _ref_name(resolved, table_id)
            tp = table["Properties"]
            if (tp.get("BillingMode") != "PAY_PER_REQUEST" or tp.get("KeySchema") != [{"AttributeName": "pk", "KeyType": "HASH"}]
                    or tp.get("AttributeDefinitions") != [{"AttributeName": "pk", "AttributeType": "S"}]
                    or tp.get("TimeToLiveSpecification") != {"AttributeName": "expires_at", "Enabled": True}):
                errors.append("%s: must be PAY_PER_REQUEST, hash key pk (S), TTL on expires_at" % table_id)
    elif table is not None:
        errors.append("a state table exists although EnableStateTable=false")
    env = fprops.get("Environment", {}).get("Variables", {})
    # Lambda: all variables together at most 4 KB (configuration-envvars.html, "Environment variable limits").
    if sum(len(k) + len(str(v)) for k, v in env.items()) > 4096:
        errors.append("%s: environment variables exceed Lambda's 4 KB" % fn_id)
    if env != want_env:
        errors.append("%s: environment %s, expected %s" % (fn_id, env, want_env))

    # The role: every needed (action, resource) allowed, nothing else, and the neighbours denied.
    role_id = _role_of(resolved, fprops)
    docs = [d for where, lid, d in generic.policy_documents(resources)
            if (lid == role_id and "Policies" in where)
            or (res[lid]["Type"] == "AWS::IAM::Policy" and role_id in _role_ids(resolved, res[lid]["Properties"]))]
    trust = res[role_id]["Properties"]["AssumeRolePolicyDocument"] if role_id else {}
    if not role_id or not iam.allows([trust], "sts:AssumeRole", "", principal=("Service", "lambda.amazonaws.com")):
        errors.append("the function role must trust lambda.amazonaws.com")
    log_group = "/aws/lambda/%s" % fname
    needed = [("logs:CreateLogStream", arns.log_stream(ctx, log_group)), ("logs:PutLogEvents", arns.log_stream(ctx, log_group))]
    denied = [("logs:PutLogEvents", arns.log_stream(ctx, "/aws/lambda/other-function"))]
    # The routing file's names: everything under each prefix, nothing beside it (a sibling, the prefix without
    # its last character, the same path under another parent, another account).
    ssm_prefix = arns.ssm_parameter_prefix(ctx, p["RoutingParameterPrefix"]) if p["RoutingParameterPrefix"] else None
    secret_prefix = arns.secret_prefix(ctx, p["RoutingSecretPrefix"]) if p["RoutingSecretPrefix"] else None
    for prefix, action, arn_of in ((p["RoutingParameterPrefix"], "ssm:GetParameter", arns.ssm_parameter),
                                   (p["RoutingSecretPrefix"], "secretsmanager:GetSecretValue", arns.secret)):
        inside = [arn_of(ctx, (prefix or "/guardduty-slack/") + n) for n in UNDER_PREFIX]
        if prefix:
            needed += [(action, arn) for arn in inside]
            outside = [prefix.rstrip("/-") + "x", "other/" + prefix.lstrip("/") + "x", prefix.rstrip("/") + "-other/x"]
            denied += [(action, arn_of(ctx, n)) for n in outside if not n.startswith(prefix)]
            denied.append((action, inside[0].replace(ctx.account, "222222222222")))
        else:
            denied += [(action, arn) for arn in inside]
    for param in ("WebhookParameterName", "SlackBotTokenParameterName", "ConfigParameterName"):
        if p[param]:
            needed.append(("ssm:GetParameter", arns.ssm_parameter(ctx, p[param])))
            neighbour = arns.ssm_parameter(ctx, p[param]) + "-other"
            if not (ssm_prefix and neighbour.startswith(ssm_prefix)):
                denied.append(("ssm:GetParameter", neighbour))
    for param in ("WebhookSecretId", "SlackBotTokenSecretId"):
        if p[param]:
            needed.append(("secretsmanager:GetSecretValue", arns.secret(ctx, p[param])))
            neighbour = arns.secret(ctx, p[param] + "-other")
            if not p[param].startswith("arn:") and not (secret_prefix and neighbour.startswith(secret_prefix)):
                denied.append(("secretsmanager:GetSecretValue", neighbour))
    if p["KmsKeyArn"]:
        needed.append(("kms:Decrypt", p["KmsKeyArn"]))
    if table is not None:
        table_arn = "arn:%s:dynamodb:%s:%s:table/%s" % (ctx.partition, ctx.region, ctx.account, want_env["STATE_TABLE"])
        # What src/state/ calls (docs/STATE.md); anything more is refused as beyond the needed set.
        needed += [(a, table_arn) for a in ("dynamodb:GetItem", "dynamodb:UpdateItem")]
        denied.append(("dynamodb:GetItem", table_arn + "-other"))
    topics = [t for t in p["EscalationTopicArns"] if t]
    needed += [("sns:Publish", t) for t in topics]
    denied.append(("sns:Publish", "arn:aws:sns:eu-west-2:111111111111:not-an-escalation-topic"))
    if p["OrgRoleArn"]:
        needed.append(("sts:AssumeRole", p["OrgRoleArn"]))
        denied.append(("sts:AssumeRole", "arn:aws:iam::999999999999:role/OrganizationAccountAccessRole"))
    elif p["DescribeAccountDirectly"] == "true":
        account = arns.org_account(ctx, "999999999999", "222222222222")
        needed += [("organizations:DescribeAccount", account), ("organizations:ListTagsForResource", account),
                   ("organizations:ListParents", account),
                   ("organizations:DescribeOrganizationalUnit", arns.org_ou(ctx, "999999999999", "ou-ab12-cdefgh34")),
                   ("organizations:ListParents", arns.org_ou(ctx, "999999999999", "ou-ab12-cdefgh34"))]
    if p["SummarySchedule"]:
        # The daily summary (src/summary/): ListDetectors (no resource type in AWS's Service Authorization
        # Reference: "*") and the three reads on this account's detector in any Region it is told to read.
        needed.append(("guardduty:ListDetectors", "*"))
        for region in (ctx.region, "us-east-1"):
            detector = "arn:%s:guardduty:%s:%s:detector/12abc34d567e8fa901bc2d34e56789f0" % (ctx.partition, region, ctx.account)
            needed += [(a, detector) for a in ("guardduty:GetFindingsStatistics", "guardduty:ListFindings", "guardduty:GetFindings")]
            denied.append(("guardduty:GetFindings", detector.replace(ctx.account, "222222222222")))
    failed_id = "FailedFindings"
    failed = resources.get(failed_id)
    failed_arn = resolved_attr(resolved, failed_id, "Arn") if failed else None
    queue_id, queue = _one({k: v for k, v in resources.items() if k != failed_id}, "AWS::SQS::Queue")
    queue_arn = resolved_attr(resolved, queue_id, "Arn") if queue else None
    if p["DeliveryMode"] == "direct":
        needed.append(("sqs:SendMessage", failed_arn))
    else:
        needed += [(a, queue_arn) for a in ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")]
    for action, arn in needed:
        if not arn or not iam.allows(docs, action, arn):
            errors.append("function role: %s on %s is needed but not allowed" % (action, arn))
    for action, arn in denied:
        if iam.allows(docs, action, arn):
            errors.append("function role: %s on %s is allowed but not needed" % (action, arn))
    # IAM quotas: a role's inline policies together at most 10,240 characters, whitespace not counted.
    if len(json.dumps(docs, separators=(",", ":"))) > 10240:
        errors.append("function role: inline policies exceed IAM's 10,240 characters")
    extra = iam.actions(docs) - {a.lower() for a, _ in needed}
    if extra:
        errors.append("function role allows actions these options do not need: %s" % sorted(extra))

    # The rule: its pattern against every sample event, its target per mode, and the failure paths.
    patterns, _ = generic.rule_patterns(resources)
    rule_id, rule = _one(resources, "AWS::Events::Rule")
    if rule is None or patterns.get(rule_id) is None:
        return errors + ["exactly one EventBridge rule with a valid pattern is expected"]
    errors += pattern_errors(patterns[rule_id], lambda e: events.central_should_match(
        e, float(p["MinimumSeverity"]), p["IncludeOtherGuardDutyEvents"] == "true", p["IncludeSecurityHub"] == "true"))
    rule_arn = resolved_attr(resolved, rule_id, "Arn")
    targets = rule["Properties"].get("Targets", [])
    fn_arn = resolved_attr(resolved, fn_id, "Arn")
    if len(targets) != 1 or targets[0].get("DeadLetterConfig", {}).get("Arn") != failed_arn:
        errors.append("%s: one target with FailedFindings as its dead-letter queue expected" % rule_id)
    if not _queue_policy_allows(resources, failed_arn, rule_arn):
        errors.append("FailedFindings: EventBridge (this rule only) must be allowed to send dead letters")
    if p["DeliveryMode"] == "direct":
        errors += _direct(resources, targets, fn_arn, fname, rule_arn, failed_arn, queue)
    else:
        errors += _buffered(resolved, resources, targets, fn_id, fname, queue_id, queue, queue_arn, rule_arn, failed_arn)

    errors += _summary_schedule(resolved, resources, fn_arn, p["SummarySchedule"])

    # Logs and alarms.
    lg = [r for r in resources.values() if r["Type"] == "AWS::Logs::LogGroup"]
    if len(lg) != 1 or lg[0]["Properties"].get("LogGroupName") != log_group or "RetentionInDays" not in lg[0]["Properties"]:
        errors.append("one log group %s with a retention is expected" % log_group)
    topic_id, _ = _one(resources, "AWS::SNS::Topic")
    topic_arn = _ref_name(resolved, topic_id) if topic_id else None
    alarms = {(a["Properties"].get("Namespace"), a["Properties"].get("MetricName")): a["Properties"]
              for a in resources.values() if a["Type"] == "AWS::CloudWatch::Alarm"}
    want = {("AWS/Lambda", "Errors"): ("FunctionName", fname),
            ("AWS/SQS", "ApproximateNumberOfMessagesVisible"): ("QueueName", resolved_attr(resolved, failed_id, "QueueName"))}
    for key, (dim, value) in want.items():
        alarm = alarms.get(key)
        if not alarm or alarm.get("Dimensions") != [{"Name": dim, "Value": value}] or topic_arn not in alarm.get("AlarmActions", []):
            errors.append("alarm on %s %s for %s with the alarm topic as action is missing" % (key + (value,)))
    errors += _triage(resolved, all_resources, local_code, want_env.get("STATE_TABLE"), fprops) if triage else \
        ["%s exists without a signing secret" % k for k in all_resources if k.startswith("Triage")]
    return errors


def _triage(resolved, resources, local_code, table, delivery_props):
    """The interactivity function: the same zip and architecture as delivery, its own role with exactly what
    triage calls, a reserved concurrency, a public function URL and the two permissions it needs."""
    ctx, p = resolved.ctx, resolved.params
    errors = []
    fns = {k: r for k, r in resources.items() if r["Type"] == "AWS::Lambda::Function" and k.startswith("Triage")}
    if len(fns) != 1:
        return ["exactly one triage function expected, found %s" % sorted(fns)]
    (fn_id, fn), = fns.items()
    fp = fn["Properties"]
    fname = _ref_name(resolved, fn_id)
    if fp.get("Architectures") != [p["Architecture"]] or local_code.get(fn_id) != ZIPS[p["Architecture"]]:
        errors.append("%s: must be the delivery function's zip and architecture" % fn_id)
    if fp.get("Runtime") != "provided.al2023" or fp.get("Handler") != "bootstrap":
        errors.append("%s: must run bootstrap on provided.al2023" % fn_id)
    if str(fp.get("ReservedConcurrentExecutions")) != str(p["TriageReservedConcurrency"]):
        errors.append("%s: reserved concurrency must be TriageReservedConcurrency" % fn_id)
    if fp.get("Role") == delivery_props.get("Role"):
        errors.append("%s: must not share the delivery function's role" % fn_id)
    want_env = {"TRIAGE_ALLOWED_USERS": p["TriageAllowedUsers"], "SLACK_CHANNEL": p["SlackChannel"],
                "STATE_TABLE": table, "ACCOUNT_NAMES_ONLY": "true", "LOG_LEVEL": p["LogLevel"]}
    for param, var in (("SlackSigningSecretParameterName", "SLACK_SIGNING_SECRET_PARAMETER"),
                       ("SlackSigningSecretId", "SLACK_SIGNING_SECRET_SECRET"),
                       ("SlackBotTokenParameterName", "SLACK_BOT_TOKEN_PARAMETER"),
                       ("SlackBotTokenSecretId", "SLACK_BOT_TOKEN_SECRET")):
        if p[param]:
            want_env[var] = p[param]
    env = fp.get("Environment", {}).get("Variables", {})
    if env != want_env:
        errors.append("%s: environment %s, expected %s" % (fn_id, env, want_env))
    fn_arn = resolved_attr(resolved, fn_id, "Arn")
    urls = [r["Properties"] for r in resources.values() if r["Type"] == "AWS::Lambda::Url"]
    if urls != [{"AuthType": "NONE", "TargetFunctionArn": fn_arn}]:
        errors.append("one function URL with AuthType NONE on the triage function expected, got %s" % urls)
    perms = sorted((r["Properties"] for r in resources.values() if r["Type"] == "AWS::Lambda::Permission"
                    and r["Properties"].get("FunctionName") == fn_arn), key=lambda x: x["Action"])
    want_perms = [{"Action": "lambda:InvokeFunction", "FunctionName": fn_arn, "Principal": "*", "InvokedViaFunctionUrl": True},
                  {"Action": "lambda:InvokeFunctionUrl", "FunctionName": fn_arn, "Principal": "*", "FunctionUrlAuthType": "NONE"}]
    if perms != want_perms:
        errors.append("triage: InvokeFunctionUrl (NONE) and InvokeFunction (via the URL only) expected, got %s" % perms)
    role_id = _role_of(resolved, fp)
    docs = [d for where, lid, d in generic.policy_documents(resources)
            if resources[lid]["Type"] == "AWS::IAM::Policy" and role_id in _role_ids(resolved, resources[lid]["Properties"])]
    trust = resources[role_id]["Properties"]["AssumeRolePolicyDocument"] if role_id else {}
    if not role_id or not iam.allows([trust], "sts:AssumeRole", "", principal=("Service", "lambda.amazonaws.com")):
        errors.append("the triage role must trust lambda.amazonaws.com")
    log_group = "/aws/lambda/%s" % fname
    detector = "arn:%s:guardduty:%s:%s:detector/12abc34d567e8fa901bc2d34e56789f0" % (ctx.partition, "%s", ctx.account)
    table_arn = "arn:%s:dynamodb:%s:%s:table/%s" % (ctx.partition, ctx.region, ctx.account, table)
    needed = [("logs:CreateLogStream", arns.log_stream(ctx, log_group)), ("logs:PutLogEvents", arns.log_stream(ctx, log_group)),
              ("guardduty:ListDetectors", "*"), ("dynamodb:GetItem", table_arn), ("dynamodb:UpdateItem", table_arn)]
    for region in (ctx.region, "us-west-2"):  # a finding is archived in its own Region
        needed += [("guardduty:ArchiveFindings", detector % region), ("guardduty:UnarchiveFindings", detector % region)]
    denied = [("guardduty:ArchiveFindings", (detector % ctx.region).replace(ctx.account, "222222222222")),
              ("dynamodb:GetItem", table_arn + "-other"),
              ("logs:PutLogEvents", arns.log_stream(ctx, "/aws/lambda/other-function"))]
    if p["SlackSigningSecretParameterName"]:
        needed.append(("ssm:GetParameter", arns.ssm_parameter(ctx, p["SlackSigningSecretParameterName"])))
        denied.append(("ssm:GetParameter", arns.ssm_parameter(ctx, p["SlackSigningSecretParameterName"]) + "-other"))
    if p["SlackSigningSecretId"]:
        needed.append(("secretsmanager:GetSecretValue", arns.secret(ctx, p["SlackSigningSecretId"])))
    if p["SlackBotTokenParameterName"]:
        needed.append(("ssm:GetParameter", arns.ssm_parameter(ctx, p["SlackBotTokenParameterName"])))
    if p["SlackBotTokenSecretId"]:
        needed.append(("secretsmanager:GetSecretValue", arns.secret(ctx, p["SlackBotTokenSecretId"])))
    if p["KmsKeyArn"]:
        needed.append(("kms:Decrypt", p["KmsKeyArn"]))
    for action, arn in needed:
        if not iam.allows(docs, action, arn):
            errors.append("triage role: %s on %s is needed but not allowed" % (action, arn))
    for action, arn in denied:
        if iam.allows(docs, action, arn):
            errors.append("triage role: %s on %s is allowed but not needed" % (action, arn))
    extra = iam.actions(docs) - {a.lower() for a, _ in needed}
    if extra:
        errors.append("triage role allows actions these options do not need: %s" % sorted(extra))
    lg = [r["Properties"] for k, r in resources.items() if r["Type"] == "AWS::Logs::LogGroup" and k.startswith("Triage")]
    if len(lg) != 1 or lg[0].get("LogGroupName") != log_group or "RetentionInDays" not in lg[0]:
        errors.append("one log group %s with a retention is expected for the triage function" % log_group)
    return errors


def pattern_errors(pattern, should_match):
    errors = []
    for label, event in events.load():
        got, want = event_pattern.matches(pattern, event), should_match(event)
        if got != want:
            errors.append("rule pattern %s testdata/events/%s (%s / %s)" % (
                "matches" if got else "misses", label, event.get("source"), event.get("detail-type")))
    return errors


def _direct(resources, targets, fn_arn, fname, rule_arn, failed_arn, queue):
    errors = []
    if queue is not None:
        errors.append("direct mode must not create the findings queue")
    if not targets or targets[0].get("Arn") != fn_arn:
        errors.append("direct: the rule must target the function")
    perms = [r["Properties"] for r in resources.values() if r["Type"] == "AWS::Lambda::Permission"]
    if perms != [{"Action": "lambda:InvokeFunction", "FunctionName": fn_arn, "Principal": "events.amazonaws.com",
                  "SourceArn": rule_arn}]:
        errors.append("direct: one invoke permission for events.amazonaws.com from this rule only expected, got %s" % perms)
    configs = [r["Properties"] for r in resources.values() if r["Type"] == "AWS::Lambda::EventInvokeConfig"]
    if (len(configs) != 1 or configs[0].get("FunctionName") != fname or configs[0].get("MaximumRetryAttempts") != 2
            or configs[0].get("DestinationConfig") != {"OnFailure": {"Destination": failed_arn}}):
        errors.append("direct: async config with 2 retries and FailedFindings as on-failure destination expected")
    return errors


def _buffered(resolved, resources, targets, fn_id, fname, queue_id, queue, queue_arn, rule_arn, failed_arn):
    errors = []
    if queue is None:
        return ["buffered mode needs the findings queue"]
    if not targets or targets[0].get("Arn") != queue_arn:
        errors.append("buffered: the rule must target the findings queue")
    if not _queue_policy_allows(resources, queue_arn, rule_arn):
        errors.append("buffered: the queue policy must let EventBridge send from this rule (and only it)")
    qp = queue["Properties"]
    timeout = int(resources[fn_id]["Properties"].get("Timeout", 3))
    if int(qp.get("VisibilityTimeout", 30)) < 6 * timeout:
        errors.append("buffered: queue VisibilityTimeout %s < 6 x function timeout %d" % (qp.get("VisibilityTimeout"), timeout))
    redrive = qp.get("RedrivePolicy") or {}
    if redrive.get("deadLetterTargetArn") != failed_arn or not 1 <= int(redrive.get("maxReceiveCount", 0)) <= 10:
        errors.append("buffered: the queue must redrive to FailedFindings after a few receives")
    maps = [r["Properties"] for r in resources.values() if r["Type"] == "AWS::Lambda::EventSourceMapping"]
    if len(maps) != 1:
        return errors + ["buffered: one event source mapping expected"]
    m = maps[0]
    if m.get("EventSourceArn") != queue_arn or m.get("FunctionName") != fname:
        errors.append("buffered: the mapping must connect the findings queue to the function")
    if m.get("FunctionResponseTypes") != ["ReportBatchItemFailures"]:
        errors.append("buffered: ReportBatchItemFailures must be on (the function answers with batchItemFailures)")
    if (m.get("ScalingConfig") or {}).get("MaximumConcurrency") != 2:
        errors.append("buffered: MaximumConcurrency must be 2, the lowest Lambda allows (Slack: ~1 message/s per webhook)")
    batch = int(m.get("BatchSize", 10))
    if batch > 10 and int(m.get("MaximumBatchingWindowInSeconds", 0)) < 1:
        errors.append("buffered: a BatchSize above 10 needs a batching window")
    if batch * 2 > timeout:  # one message/s, and half the timeout left for Retry-After waits and retries
        errors.append("buffered: BatchSize %d at 1 message/s needs more than half the %d s timeout" % (batch, timeout))
    return errors


def _queue_policy_allows(resources, queue_arn, rule_arn):
    docs = [r["Properties"]["PolicyDocument"] for r in resources.values() if r["Type"] == "AWS::SQS::QueuePolicy"]
    principal = ("Service", "events.amazonaws.com")
    ok = iam.allows(docs, "sqs:SendMessage", queue_arn, {"aws:SourceArn": rule_arn}, principal)
    other = iam.allows(docs, "sqs:SendMessage", queue_arn, {"aws:SourceArn": rule_arn + "-other"}, principal)
    return ok and not other


def _summary_schedule(resolved, resources, fn_arn, expression):
    """The daily summary's schedule: none when SummarySchedule is empty; else one EventBridge Scheduler schedule
    on that expression invoking the function with the input src/lambda/event_shapes.h recognises, through a role
    that Scheduler alone may assume and that may invoke this function and nothing else."""
    schedules = [(lid, r["Properties"]) for lid, r in resources.items() if r["Type"] == "AWS::Scheduler::Schedule"]
    if not expression:
        return ["SummarySchedule is empty but a schedule exists"] if schedules else []
    if len(schedules) != 1:
        return ["one daily summary schedule expected, found %d" % len(schedules)]
    lid, props = schedules[0]
    errors = []
    target = props.get("Target", {})
    if props.get("ScheduleExpression") != expression:
        errors.append("%s: ScheduleExpression %r, expected %r" % (lid, props.get("ScheduleExpression"), expression))
    if target.get("Arn") != fn_arn:
        errors.append("%s: must target the function" % lid)
    try:
        payload = json.loads(target.get("Input", ""))
    except ValueError:
        payload = None
    if payload != {"gdslack": "daily-summary"}:
        errors.append('%s: Input must be {"gdslack":"daily-summary"}, got %r' % (lid, target.get("Input")))
    if target.get("RetryPolicy", {}).get("MaximumRetryAttempts") != 0:
        errors.append("%s: a retry would post every destination's summary again: MaximumRetryAttempts must be 0" % lid)
    role_id = _role_of(resolved, {"Role": target.get("RoleArn")})
    if role_id is None:
        return errors + ["%s: its RoleArn names no role of this template" % lid]
    role = resources[role_id]["Properties"]
    trust = role.get("AssumeRolePolicyDocument", {})
    context = {"aws:SourceAccount": resolved.ctx.account}
    if not iam.allows([trust], "sts:AssumeRole", "", context=context, principal=("Service", "scheduler.amazonaws.com")):
        errors.append("%s: must trust scheduler.amazonaws.com" % role_id)
    if iam.allows([trust], "sts:AssumeRole", "", context={"aws:SourceAccount": "222222222222"},
                  principal=("Service", "scheduler.amazonaws.com")):
        errors.append("%s: must trust Scheduler for this account only (aws:SourceAccount)" % role_id)
    docs = [d for where, l, d in generic.policy_documents(resources) if l == role_id and "Policies" in where]
    if not iam.allows(docs, "lambda:InvokeFunction", fn_arn):
        errors.append("%s: must allow lambda:InvokeFunction on the function" % role_id)
    if iam.allows(docs, "lambda:InvokeFunction", fn_arn + "-other") or iam.actions(docs) != {"lambda:invokefunction"}:
        errors.append("%s: may invoke this function and do nothing else" % role_id)
    return errors


def _role_of(resolved, fprops):
    for lid, r in resolved.resources.items():
        if r["Type"] == "AWS::IAM::Role" and resolved_attr(resolved, lid, "Arn") == fprops.get("Role"):
            return lid
    return None


def _role_ids(resolved, policy_props):
    return [lid for lid, r in resolved.resources.items()
            if r["Type"] == "AWS::IAM::Role" and _ref_name(resolved, lid) in policy_props.get("Roles", [])]


def _ref_name(resolved, lid):
    return physical.values(resolved.ctx, lid, resolved.resources[lid]["Type"], resolved.resources[lid]["Properties"])[0]


def resolved_attr(resolved, lid, attr):
    if lid not in resolved.resources:
        return None
    return physical.values(resolved.ctx, lid, resolved.resources[lid]["Type"], resolved.resources[lid]["Properties"])[1].get(attr)
