"""The checker's parts behave as the AWS documentation says, so a template passing them means something."""

import pytest

from cfncheck import arns, evaluate, event_pattern, iam, static, yaml_loader
from cfncheck.spec import Spec


def test_short_form_tags_become_long_form():
    doc = yaml_loader.load("A: !GetAtt Queue.Arn\nB: !Sub ['x${y}', {y: !Ref P}]\nC: !If [Cond, !Condition D, 1]\n")
    assert doc == {"A": {"Fn::GetAtt": ["Queue", "Arn"]}, "B": {"Fn::Sub": ["x${y}", {"y": {"Ref": "P"}}]},
                   "C": {"Fn::If": ["Cond", {"Condition": "D"}, 1]}}


@pytest.mark.parametrize("text,message", [("A: 1\nA: 2\n", "duplicate key 'A'"), ("A: !Reff x\n", "unknown tag !Reff"),
                                          ("A: !GetAtt Queue\n", "needs Resource.Attribute"), ("- 1\n", "a template is a mapping")])
def test_unreadable_templates_are_refused(text, message):
    with pytest.raises(yaml_loader.TemplateError, match=message):
        yaml_loader.load(text)


def test_ssm_and_secret_arns_follow_the_services():
    ctx = evaluate.Context(region="eu-west-2", account="111111111111")
    assert arns.ssm_parameter(ctx, "/a/b") == "arn:aws:ssm:eu-west-2:111111111111:parameter/a/b"
    assert arns.ssm_parameter(ctx, "a") == "arn:aws:ssm:eu-west-2:111111111111:parameter/a"
    assert arns.secret(ctx, "x/y").startswith("arn:aws:secretsmanager:eu-west-2:111111111111:secret:x/y-")
    assert len(arns.secret(ctx, "x/y")) - len("arn:aws:secretsmanager:eu-west-2:111111111111:secret:x/y-") == 6
    assert evaluate.Context(region="cn-north-1").partition == "aws-cn"


@pytest.mark.parametrize("name,expected", [("/a/b", "parameter/a/b"), ("a", "parameter/a"), ("a/b", "parameter/a/b")])
def test_the_template_arn_expression_matches_the_service(name, expected):
    # The same expressions deploy/template.yaml uses, evaluated on their own.
    t = yaml_loader.load("""
Parameters: {Name: {Type: String}}
Conditions:
  Slash: !Equals [!Select [0, !Split ["/", !Ref Name]], ""]
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !If [Slash, !Sub "parameter${Name}", !Sub "parameter/${Name}"]
""")
    resolved = evaluate.evaluate(t, {"Name": name})
    assert resolved.resources["Q"]["Properties"]["QueueName"] == expected


def test_evaluation_reports_what_cloudformation_would():
    t = yaml_loader.load("""
Parameters: {Mode: {Type: String, AllowedValues: [a, b]}}
Conditions: {IsA: !Equals [!Ref Mode, a]}
Resources:
  Q: {Type: AWS::SQS::Queue, Condition: IsA}
  P: {Type: AWS::SQS::QueuePolicy, DependsOn: Q, Properties: {Queues: [!Ref Q], PolicyDocument: {}}}
  X: {Type: AWS::SQS::Queue, Properties: {QueueName: !GetAtt Y.QueueName}}
  Y: {Type: AWS::SQS::Queue, Properties: {QueueName: !GetAtt X.QueueName}}
""")
    assert "not in AllowedValues" in evaluate.evaluate(t, {"Mode": "c"}).rejected
    errors = evaluate.evaluate(t, {"Mode": "b"}).errors
    assert any("refers to Q, which these parameters do not create" in e for e in errors)
    assert any("DependsOn Q, which these parameters do not create" in e for e in errors)
    assert any("circular dependency" in e for e in errors)


def test_static_checks_find_dangling_references():
    t = yaml_loader.load("""
Parameters: {Unused: {Type: String}}
Conditions: {C: !Equals [a, b]}
Resources:
  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: !Sub "${Missing}-${Q.Nope}"}}
""")
    errors = static.static_errors(t, Spec())
    assert "Resources.Q.Properties.QueueName: Ref to unknown Missing" in errors
    assert "Resources.Q.Properties.QueueName: AWS::SQS::Queue has no attribute Nope" in errors
    assert "Parameters.Unused is never used" in errors
    assert "Conditions.C is never used" in errors


def test_spec_checks_names_required_and_types():
    spec = Spec()
    assert spec.validate_resource("F", "AWS::Lambda::Function", {"Role": "arn:aws:iam::1:role/r", "Code": {"ZipFile": "x"},
                                                                 "MemorySize": 128, "Timeout": "30"}) == []
    errors = spec.validate_resource("F", "AWS::Lambda::Function", {"Code": {"ZipFile": "x"}, "Timeout": 1.5, "Tags": {}})
    assert "F.Properties: required property Role missing" in errors
    assert "F.Properties.Timeout: expected Integer, got 1.5" in errors
    assert "F.Properties.Tags: expected a List, got an object" in errors


@pytest.mark.parametrize("pattern,message", [
    ({"detail": {"severity": [{"numeric": [">=", "7"]}]}}, "numeric operand must be a number"),
    ({"detail": {"severity": [{"numeric": ["=>", 7]}]}}, "numeric operator '=>'"),
    ({"source": "aws.guardduty"}, "a leaf must be an array"),
    ({"source": []}, "empty array"),
    ({"$or": [{"source": ["a"]}]}, "at least two patterns"),
    ({"x": [{"exists": "true"}]}, "exists takes true or false"),
])
def test_invalid_patterns_are_refused(pattern, message):
    assert any(message in e for e in event_pattern.validate(pattern))


def test_pattern_matching_semantics():
    p = {"source": ["aws.guardduty"], "detail": {"severity": [{"numeric": [">=", 7]}]}}
    assert event_pattern.matches(p, {"source": "aws.guardduty", "detail": {"severity": 7}})
    assert event_pattern.matches(p, {"source": "aws.guardduty", "detail": {"severity": 8.5, "x": 1}})
    assert not event_pattern.matches(p, {"source": "aws.guardduty", "detail": {"severity": 6.9}})
    assert not event_pattern.matches(p, {"source": "aws.guardduty", "detail": {"severity": "8"}})  # numbers only
    assert not event_pattern.matches(p, {"source": "aws.guardduty", "detail": "{\"severity\": 8}"})
    assert not event_pattern.matches(p, {"source": "aws.guardduty"})
    hub = {"detail": {"findings": {"ProductName": [{"anything-but": "GuardDuty"}]}}}
    assert event_pattern.matches(hub, {"detail": {"findings": [{"ProductName": "GuardDuty"}, {"ProductName": "Inspector"}]}})
    assert not event_pattern.matches(hub, {"detail": {"findings": [{"ProductName": "GuardDuty"}]}})
    assert not event_pattern.matches(hub, {"detail": {"findings": [{"Title": "no product name"}]}})
    either = {"$or": [{"source": ["a"]}, {"detail-type": [{"prefix": "GuardDuty "}]}]}
    assert event_pattern.matches(either, {"source": "a"})
    assert event_pattern.matches(either, {"source": "b", "detail-type": "GuardDuty Finding"})
    assert not event_pattern.matches(either, {"source": "b", "detail-type": "Other"})
    assert event_pattern.matches({"x": [{"exists": False}]}, {"y": 1})
    assert event_pattern.matches({"tags": ["b"]}, {"tags": ["a", "b"]})
    assert not event_pattern.matches({"n": [7]}, {"n": "7"}) and event_pattern.matches({"n": [7]}, {"n": 7})
    assert not event_pattern.matches({"b": [True]}, {"b": 1}) and event_pattern.matches({"b": [None]}, {"b": None})


def test_iam_evaluation():
    doc = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "ssm:GetParameter", "Resource": "arn:aws:ssm:r:1:parameter/a/b"},
        {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:r:1:secret:s-??????"},
        {"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sqs:SendMessage",
         "Resource": "arn:aws:sqs:r:1:q", "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:events:r:1:rule/x"}}}]}
    assert iam.allows([doc], "SSM:getparameter", "arn:aws:ssm:r:1:parameter/a/b")  # actions are case-insensitive
    assert not iam.allows([doc], "ssm:GetParameter", "arn:aws:ssm:r:1:parameter//a/b")
    assert iam.allows([doc], "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:r:1:secret:s-Ab12Cd")
    assert not iam.allows([doc], "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:r:1:secret:s-x-Ab12Cd")
    sender = ("Service", "events.amazonaws.com")
    assert iam.allows([doc], "sqs:SendMessage", "arn:aws:sqs:r:1:q", {"aws:SourceArn": "arn:aws:events:r:1:rule/x"}, sender)
    assert not iam.allows([doc], "sqs:SendMessage", "arn:aws:sqs:r:1:q", {"aws:SourceArn": "arn:aws:events:r:1:rule/y"}, sender)
    assert not iam.allows([doc], "sqs:SendMessage", "arn:aws:sqs:r:1:q", {}, sender)
    bad = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "*"], "Resource": "*"},
                                                 {"Effect": "Allow", "NotAction": "iam:*", "Resource": "arn:aws:s3:::b"}]}
    errors = iam.shape_errors(bad, "P")
    assert "P.Statement[0]: wildcard or malformed action 's3:Get*'" in errors
    assert "P.Statement[0]: wildcard or malformed action '*'" in errors
    assert 'P.Statement[0]: Resource "*" (name the exact resources)' in errors
    assert "P.Statement[1]: NotAction allows everything else" in errors
