"""Checks every template gets, for every scenario (one set of parameter values): evaluation errors, every
resource against the CloudFormation resource specification, the IAM shape rules on every policy document,
and a valid pattern on every EventBridge rule."""

import json
import posixpath

from . import event_pattern, iam

POLICY_PROPERTIES = {
    "AWS::IAM::Role": lambda p: [("AssumeRolePolicyDocument", p.get("AssumeRolePolicyDocument"))]
    + [("Policies[%d]" % i, x.get("PolicyDocument")) for i, x in enumerate(p.get("Policies", []))],
    "AWS::IAM::Policy": lambda p: [("PolicyDocument", p.get("PolicyDocument"))],
    "AWS::IAM::ManagedPolicy": lambda p: [("PolicyDocument", p.get("PolicyDocument"))],
    "AWS::SQS::QueuePolicy": lambda p: [("PolicyDocument", p.get("PolicyDocument"))],
    "AWS::SNS::TopicPolicy": lambda p: [("PolicyDocument", p.get("PolicyDocument"))],
}


def package(resources, template_dir):
    """What `aws cloudformation package` (and `sam deploy`) do before CloudFormation sees the template: a local
    path in AWS::Lambda::Function Code becomes an S3 location. Returns (resources, {logical id: local path})."""
    local = {}
    for lid, res in resources.items():
        props = res["Properties"]
        if res["Type"] == "AWS::Lambda::Function" and isinstance(props.get("Code"), str):
            path = props["Code"]
            local[lid] = posixpath.normpath(posixpath.join(template_dir, path))
            props = dict(props, Code={"S3Bucket": "package-bucket", "S3Key": "0123456789abcdef"})
            resources = dict(resources, **{lid: dict(res, Properties=props)})
    return resources, local


def policy_documents(resources):
    """[(where, logical id, document)] for every policy document in the resolved resources."""
    docs = []
    for lid, res in resources.items():
        extract = POLICY_PROPERTIES.get(res["Type"])
        if extract:
            for where, doc in extract(res["Properties"]):
                docs.append(("%s.%s" % (lid, where), lid, doc))
    return docs


def rule_patterns(resources):
    """{logical id: pattern object or None} for every AWS::Events::Rule, with the errors found reading them."""
    patterns, errors = {}, []
    for lid, res in resources.items():
        if res["Type"] != "AWS::Events::Rule":
            continue
        pattern = res["Properties"].get("EventPattern")
        if isinstance(pattern, str):
            try:
                pattern = json.loads(pattern)
            except ValueError as err:
                errors.append("%s.EventPattern: not JSON (%s)" % (lid, err))
                pattern = None
        if pattern is not None:
            errors += ["%s.EventPattern: %s" % (lid, e) for e in event_pattern.validate(pattern)]
        patterns[lid] = pattern
    return patterns, errors


def scenario_errors(spec, resolved, template_dir):
    errors = list(resolved.errors)
    resources, _ = package(resolved.resources, template_dir)
    for lid, res in resources.items():
        errors += spec.validate_resource(lid, res["Type"], res["Properties"])
    for where, _lid, doc in policy_documents(resources):
        if not isinstance(doc, dict):
            errors.append("%s: policy document missing or not an object" % where)
        else:
            errors += iam.shape_errors(doc, where)
    errors += rule_patterns(resources)[1]
    return errors
