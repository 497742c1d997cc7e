"""deploy/*.yaml pass every check, and a deliberately broken copy of each fails with the expected message.
Offline: the resource specification comes from tests/deploy/node_modules (npm ci), nothing else is needed."""

from pathlib import Path

import pytest

from cfncheck import check, events

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def errors_for(name, text):
    return check.check_text(text, name)


@pytest.mark.parametrize("name", ["template.yaml", "forwarder.yaml", "org-role.yaml"])
def test_template_passes(name):
    assert errors_for(name, (DEPLOY / name).read_text()) == []


def test_every_template_is_checked():
    assert sorted(p.name for p in DEPLOY.glob("*.yaml")) == sorted(check.KNOWN)


def test_sample_events_cover_every_kind():
    kinds = {(e.get("source"), e.get("detail-type")) for _, e in events.load()}
    assert len(events.load()) >= 140
    assert {("aws.guardduty", "GuardDuty Finding"), ("aws.guardduty", "AWS API Call via CloudTrail"),
            ("aws.securityhub", "Security Hub Findings - Imported"), ("aws.ec2", "EC2 Instance State-change Notification"),
            ("com.example.scanner", "GuardDuty Finding")} <= kinds
    assert {("aws.guardduty", k) for k in events.OTHER_GUARDDUTY} <= kinds
    assert ("aws.securityhub", events.SECURITY_HUB_IMPORTED_V2) in kinds
    # the render/state samples are among the events every pattern is matched against
    folders = {label.split("/")[0] for label, _ in events.load()}
    assert {"operations", "securityhub", "sequences", "acknowledged", "eventbridge", "corpus"} <= folders


# (file, what to replace, replacement, count of replacements (0 = all), message expected among the errors)
BROKEN = [
    ("template.yaml", "      MemorySize: 128\n", "      MemorySzie: 128\n", 1,
     "FunctionArm64.Properties: unknown property MemorySzie (did you mean MemorySize?)"),
    ("template.yaml", "Timeout: 60\n", "Timeout: sixty\n", 0, "Properties.Timeout: expected Integer, got 'sixty'"),
    ("template.yaml", "Type: AWS::SQS::Queue\n", "Type: AWS::SQS::Queues\n", 1,
     "FailedFindings: unknown resource type AWS::SQS::Queues (did you mean AWS::SQS::Queue?)"),
    ("template.yaml", "        - Id: guardduty-slack\n", "        - Ids: guardduty-slack\n", 1,
     "Targets[0]: required property Id missing"),
    ("template.yaml", "              Action: ssm:GetParameter\n", "              Action: ssm:*\n", 1,
     "wildcard or malformed action 'ssm:*'"),
    ("template.yaml", "Action: [logs:CreateLogStream, logs:PutLogEvents]", "Action: [logs:CreateLogStream, logs:PutLogEvents, logs:CreateLogGroup]", 1,
     "allows actions these options do not need: ['logs:createloggroup']"),
    ("template.yaml", "Resource: !Ref KmsKeyArn", "Resource: \"*\"", 1, "Resource \"*\" (name the exact resources)"),
    # The bug issue 8 reports: "parameter/${Name}" for every name gives "parameter//a/b" for "/a/b".
    ("template.yaml", "parameter${WebhookParameterName}", "parameter/${WebhookParameterName}", 1,
     "[webhook parameter /guardduty-slack/webhook] function role: ssm:GetParameter on "
     "arn:aws:ssm:eu-west-2:111111111111:parameter/guardduty-slack/webhook is needed but not allowed"),
    ("template.yaml", "parameter/${ConfigParameterName}", "parameter${ConfigParameterName}", 1,
     "[config parameter guardduty-slack-routing] function role: ssm:GetParameter on "
     "arn:aws:ssm:eu-west-2:111111111111:parameter/guardduty-slack-routing is needed but not allowed"),
    ("template.yaml", "secret:${WebhookSecretId}-??????", "secret:${WebhookSecretId}", 1,
     "secretsmanager:GetSecretValue on arn:aws:secretsmanager:eu-west-2:111111111111:secret:guardduty-slack/webhook-Ab12Cd is needed but not allowed"),
    ("template.yaml", "secret:${WebhookSecretId}-??????", "secret:${WebhookSecretId}*", 1,
     "secret:guardduty-slack/webhook-other-Ab12Cd is allowed but not needed"),
    ("template.yaml", "!GetAtt FailedFindings.Arn", "!GetAtt FailedFinding.Arn", 1,
     "Fn::GetAtt of unknown resource FailedFinding"),
    ("template.yaml", "Roles: [!Ref FunctionRole]", "Roles: [!Ref FunctionRoles]", 1, "Ref to unknown FunctionRoles"),
    ("template.yaml", "    Condition: IsBuffered\n    Properties:\n      VisibilityTimeout",
     "    Condition: IsBufferd\n    Properties:\n      VisibilityTimeout", 1, "unknown condition IsBufferd"),
    ("template.yaml", "  FindingsQueue:\n    Type: AWS::SQS::Queue\n    Condition: IsBuffered\n",
     "  FindingsQueue:\n    Type: AWS::SQS::Queue\n    Condition: IsDirect\n", 1,
     "refers to FindingsQueue, which these parameters do not create"),
    ("template.yaml", "  FunctionX8664:\n", "  FunctionArm64:\n", 1, "duplicate key 'FunctionArm64'"),
    ("template.yaml", "Code: ../build/release-arm64/guardduty-slack-lambda-arm64.zip", "Code: ../build/release/guardduty-slack-lambda-x86_64.zip", 1,
     "Code is build/release/guardduty-slack-lambda-x86_64.zip, expected the package-lambda.sh zip build/release-arm64/guardduty-slack-lambda-arm64.zip"),
    ("template.yaml", '!Sub \'{"source":["aws.guardduty"],"detail-type":["GuardDuty Finding"],',
     '!Sub \'{"detail-type":["GuardDuty Finding"],', 1,
     "[defaults] rule pattern matches testdata/events/eventbridge/custom-app-imitating-finding.json"),
    ("template.yaml", '[">=",${MinimumSeverity}]', '[">=","${MinimumSeverity}"]', 0,
     "numeric operand must be a number, got '0'"),
    ("template.yaml", '"ProductName":[{"anything-but":"GuardDuty"}]', '"ProductName":[{"exists":true}]', 1,
     "rule pattern matches testdata/events/eventbridge/securityhub-imported-guardduty.json"),
    ("template.yaml", ',{"source":["aws.securityhub"],"detail-type":["Findings Imported V2"]', ',{"source":["aws.securityhub"],"detail-type":["Findings Imported"]', 1,
     "[other=false hub=true] rule pattern misses testdata/events/securityhub/SecurityHub_OCSF_FindingsImportedV2.json"),
    ("template.yaml", '"name":[{"anything-but":"GuardDuty"}]', '"name":[{"exists":true}]', 1,
     "rule pattern matches testdata/events/acknowledged/SecurityHub_OCSF_GuardDuty.json"),
    ("template.yaml", '"GuardDuty Runtime Protection Unhealthy",', "", 1,
     "[other=true hub=false] rule pattern misses testdata/events/operations/RuntimeProtection_Unhealthy_EKS.json"),
    ("template.yaml", "Action: [dynamodb:GetItem, dynamodb:UpdateItem]", "Action: [dynamodb:GetItem, dynamodb:PutItem, dynamodb:UpdateItem, dynamodb:DeleteItem]", 1,
     "allows actions these options do not need: ['dynamodb:deleteitem', 'dynamodb:putitem']"),
    ("template.yaml", "Action: [dynamodb:GetItem, dynamodb:UpdateItem]", "Action: [dynamodb:GetItem]", 1,
     "dynamodb:UpdateItem on arn:aws:dynamodb:eu-west-2:111111111111:table/"),
    # The routing file's names (issue 17): the prefix grants, their slash handling, their constraints, and the
    # SNS statement that must vanish with an empty topic list.
    ("template.yaml", "parameter${RoutingParameterPrefix}*", "parameter/${RoutingParameterPrefix}*", 1,
     "[defaults] function role: ssm:GetParameter on arn:aws:ssm:eu-west-2:111111111111:parameter/guardduty-slack/webhook-team-a "
     "is needed but not allowed"),
    ("template.yaml", "parameter/${RoutingParameterPrefix}*", "parameter${RoutingParameterPrefix}*", 1,
     "[routing prefixes without slashes] function role: ssm:GetParameter on "
     "arn:aws:ssm:eu-west-2:111111111111:parameter/guardduty-slack-webhook-team-a is needed but not allowed"),
    ("template.yaml", "parameter${RoutingParameterPrefix}*", "parameter/*", 1,
     "[defaults] function role: ssm:GetParameter on arn:aws:ssm:eu-west-2:111111111111:parameter/guardduty-slackx is allowed but not needed"),
    ("template.yaml", "secret:${RoutingSecretPrefix}*", "secret:${RoutingSecretPrefix}", 1,
     "[defaults] function role: secretsmanager:GetSecretValue on "
     "arn:aws:secretsmanager:eu-west-2:111111111111:secret:guardduty-slack/webhook-team-a-Ab12Cd is needed but not allowed"),
    ("template.yaml", ":${AWS::AccountId}:secret:${RoutingSecretPrefix}*", ":*:secret:${RoutingSecretPrefix}*", 1,
     "secret:guardduty-slack/webhook-team-a-Ab12Cd is allowed but not needed"),
    ("template.yaml", 'HasRoutingSecretPrefix: !Not [!Equals [!Ref RoutingSecretPrefix, ""]]',
     'HasRoutingSecretPrefix: !Not [!Equals [!Ref RoutingParameterPrefix, ""]]', 1,
     "[routing parameter prefix only] function role allows actions these options do not need: ['secretsmanager:getsecretvalue']"),
    ("template.yaml", "AllowedPattern: ^(/?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]*)*)?$", "AllowedPattern: ^[A-Za-z0-9_./-]*$", 1,
     "[parameter prefix /] CloudFormation should refuse these parameters"),
    ("template.yaml", 'HasEscalationTopics: !Not [!Equals [!Join ["", !Ref EscalationTopicArns], ""]]', "HasEscalationTopics: !Equals [a, a]", 1,
     "resource '' is not an ARN"),
    ("template.yaml", "MaximumConcurrency: 2", "MaximumConcurrency: 10", 1, "MaximumConcurrency must be 2"),
    ("template.yaml", "VisibilityTimeout: 360", "VisibilityTimeout: 60", 1, "queue VisibilityTimeout 60 < 6 x function timeout 60"),
    ("template.yaml", "      FunctionResponseTypes: [ReportBatchItemFailures]\n", "", 1, "ReportBatchItemFailures must be on"),
    ("template.yaml", "      MaximumRetryAttempts: 2\n", "      MaximumRetryAttempts: 0\n", 1, "async config with 2 retries"),
    ("template.yaml", "            Condition:\n              ArnEquals: {aws:SourceArn: !GetAtt FindingsRule.Arn}\n\n  # The pattern", "\n  # The pattern", 1,
     "the queue policy must let EventBridge send from this rule (and only it)"),
    ("template.yaml", "      SourceArn: !GetAtt FindingsRule.Arn\n", "", 1, "one invoke permission for events.amazonaws.com from this rule only"),
    ("template.yaml", "          STATE_TABLE: !If [HasStateTable, !Ref StateTable, !Ref AWS::NoValue]\n", "", 1,
     "[state table] FunctionArm64: environment"),
    ("template.yaml", "        - /aws/lambda/${Name}\n", "        - /aws/lambda/guardduty-slack-${Name}\n", 1,
     "one log group /aws/lambda/guardduty-slack-FunctionArm64-8BA1A38C01AE with a retention is expected"),
    ("template.yaml", "      AlarmActions: [!Ref AlarmTopic]\n", "", 1, "with the alarm topic as action is missing"),
    ("template.yaml", "  OneWebhookSource:\n    Assertions:", "  OneWebhookSource:\n    RuleCondition: !Equals [a, b]\n    Assertions:", 1,
     "CloudFormation should refuse these parameters (Rules.OneWebhookSource)"),
    # The daily summary: the reads on this account's detectors only, ListDetectors alone on "*", the schedule's input,
    # no Scheduler retries, and a role only Scheduler (of this account) assumes.
    ("template.yaml", "Resource: !Sub arn:${AWS::Partition}:guardduty:*:${AWS::AccountId}:detector/*",
     "Resource: !Sub arn:${AWS::Partition}:guardduty:*:*:detector/*", 1,
     "guardduty:GetFindings on arn:aws:guardduty:eu-west-2:222222222222:detector/12abc34d567e8fa901bc2d34e56789f0 is allowed but not needed"),
    ("template.yaml", "Resource: !Sub arn:${AWS::Partition}:guardduty:*:${AWS::AccountId}:detector/*", 'Resource: "*"', 1,
     'Statement[5](SummaryReadFindings): Resource "*" (name the exact resources)'),
    ("template.yaml", "Action: guardduty:ListDetectors", "Action: [guardduty:ListDetectors, guardduty:ListFindings]", 1,
     'Resource "*" (name the exact resources)'),
    ("template.yaml", "Input: '{\"gdslack\":\"daily-summary\"}'", "Input: '{\"gdslack\":\"summary\"}'", 1,
     'Input must be {"gdslack":"daily-summary"}'),
    ("template.yaml", "          MaximumRetryAttempts: 0\n", "          MaximumRetryAttempts: 185\n", 1,
     "MaximumRetryAttempts must be 0"),
    ("template.yaml", "              StringEquals: {aws:SourceAccount: !Ref AWS::AccountId}\n", "", 1,
     "must trust Scheduler for this account only"),
    ("template.yaml", "  HasSummary: !Not [!Equals [!Ref SummarySchedule, \"\"]]", "  HasSummary: !Equals [a, a]", 1,
     "[summary off] SummarySchedule is empty but a schedule exists"),
    ("forwarder.yaml", "Arn: !Sub arn:${AWS::Partition}:events:${CentralRegion}:${AWS::AccountId}:event-bus/default\n          RoleArn",
     "Arn: !Sub arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default\n          RoleArn", 1,
     "forwarder: the rule must target arn:aws:events:eu-west-2:111111111111:event-bus/default"),
    ("forwarder.yaml", "Action: events:PutEvents", "Action: events:*", 1, "wildcard or malformed action 'events:*'"),
    ("forwarder.yaml", "event-bus/default\n\n  ForwardRule", "event-bus/*\n\n  ForwardRule", 1,
     "events:PutEvents on arn:aws:events:eu-west-2:111111111111:event-bus/custom is allowed but not needed"),
    ("forwarder.yaml", "  ForwardRule:\n    Type: AWS::Events::Rule\n    Condition: Forwards\n",
     "  ForwardRule:\n    Type: AWS::Events::Rule\n", 1, "refers to ForwardRole, which these parameters do not create"),
    ("forwarder.yaml", "      EventPattern:\n", "      EventPatern:\n", 1, "unknown property EventPatern (did you mean EventPattern?)"),
    ("forwarder.yaml", "          - [GuardDuty Finding]", "          - [GuardDuty Finding, AWS API Call via CloudTrail]", 1,
     "rule pattern matches testdata/events/eventbridge/guardduty-api-call-via-cloudtrail.json"),
    ("forwarder.yaml", "RoleArn: !GetAtt ForwardRole.Arn", "RoleArn: !GetAtt ForwardingRole.Arn", 1,
     "Fn::GetAtt of unknown resource ForwardingRole"),
    ("org-role.yaml", "      MaxSessionDuration: 3600", "      MaxSessionDurations: 3600", 1,
     "unknown property MaxSessionDurations (did you mean MaxSessionDuration?)"),
    ("org-role.yaml", "Action: organizations:DescribeAccount", "Action: organizations:Describe*", 1,
     "wildcard or malformed action 'organizations:Describe*'"),
    ("org-role.yaml", "Action: organizations:DescribeAccount", "Action: [organizations:DescribeAccount, organizations:ListAccounts]", 1,
     "org-role: may only describe accounts, list their tags and parents and describe OUs"),
    ("org-role.yaml", "Action: [organizations:ListTagsForResource, organizations:ListParents]", "Action: [organizations:TagResource, organizations:ListParents]", 1,
     "org-role: organizations:ListTagsForResource on arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/222222222222 is needed but not allowed"),
    ("org-role.yaml", "Principal: {AWS: !Ref FunctionRoleArn}",
     "Principal: {AWS: !Sub [\"arn:${AWS::Partition}:iam::${Account}:root\", {Account: !Select [4, !Split [\":\", !Ref FunctionRoleArn]]}]}", 1,
     "org-role: must trust the function role"),
    ("org-role.yaml", "Principal: {AWS: !Ref FunctionRoleArn}", "Principal: {AWS: !Ref FunctionRole}", 1, "Ref to unknown FunctionRole"),
    ("org-role.yaml", "account/o-*/*", "account/o-*/${AWS::AccountId}", 1,
     "organizations:DescribeAccount on arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/222222222222 is needed but not allowed"),
]


@pytest.mark.parametrize("name,old,new,count,expected", BROKEN, ids=["%s:%d" % (b[0], i) for i, b in enumerate(BROKEN)])
def test_broken_copy_fails(name, old, new, count, expected):
    text = (DEPLOY / name).read_text()
    assert old in text, "the mutation no longer applies to %s: %r" % (name, old)
    broken = text.replace(old, new) if count == 0 else text.replace(old, new, count)
    errors = errors_for(name, broken)
    assert errors, "a broken copy of %s passed" % name
    assert any(expected in e for e in errors), "expected %r among:\n%s" % (expected, "\n".join(errors[:20]))


def _architecture_difference(text):
    from cfncheck import yaml_loader
    res = yaml_loader.load(text)["Resources"]
    a, b = (dict(res[n]["Properties"]) for n in ("FunctionArm64", "FunctionX8664"))
    for props in (a, b):
        props.pop("Architectures"), props.pop("Code")
    return sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))


def test_both_architectures_declare_the_same_function():
    text = (DEPLOY / "template.yaml").read_text()
    assert _architecture_difference(text) == []
    # and the comparison notices a drift between the two copies
    x86 = text.index("  FunctionX8664:")
    drifted = text[:x86] + text[x86:].replace("LOG_LEVEL: !Ref LogLevel", "LOG_LEVEL: debug", 1)
    assert _architecture_difference(drifted) == ["Environment"]
