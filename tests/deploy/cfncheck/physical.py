"""What Ref and Fn::GetAtt return for the resource types our templates use, with the formats the services
document (a stack-generated name "<stack>-<LogicalId>-<suffix>" unless the template names the resource).
A type or attribute missing here is an error, so a new resource type is modelled before it is trusted."""

import hashlib


def generated_name(ctx, logical_id):
    suffix = hashlib.sha256(logical_id.encode()).hexdigest()[:12].upper()
    return "%s-%s-%s" % (ctx.stack_name, logical_id, suffix)


def _arn(ctx, service, resource, region=True, account=True):
    return "arn:%s:%s:%s:%s:%s" % (ctx.partition, service, ctx.region if region else "",
                                   ctx.account if account else "", resource)


def _name(ctx, logical_id, props, key):
    value = (props or {}).get(key)
    return value if isinstance(value, str) and value else generated_name(ctx, logical_id)


# type -> (Ref, {attribute: value}) as functions of (ctx, logical id, resolved properties)
def _function(ctx, lid, props):
    name = _name(ctx, lid, props, "FunctionName")
    return name, {"Arn": _arn(ctx, "lambda", "function:" + name)}


def _role(ctx, lid, props):
    name = _name(ctx, lid, props, "RoleName")
    return name, {"Arn": "arn:%s:iam::%s:role/%s" % (ctx.partition, ctx.account, name), "RoleId": "AROA" + lid.upper()}


def _log_group(ctx, lid, props):
    name = _name(ctx, lid, props, "LogGroupName")
    return name, {"Arn": _arn(ctx, "logs", "log-group:%s:*" % name)}


def _queue(ctx, lid, props):
    name = _name(ctx, lid, props, "QueueName")
    url = "https://sqs.%s.%s/%s/%s" % (ctx.region, ctx.url_suffix, ctx.account, name)
    return url, {"Arn": _arn(ctx, "sqs", name), "QueueName": name, "QueueUrl": url}


def _rule(ctx, lid, props):
    name = _name(ctx, lid, props, "Name")
    return name, {"Arn": _arn(ctx, "events", "rule/" + name)}


def _table(ctx, lid, props):
    name = _name(ctx, lid, props, "TableName")
    return name, {"Arn": _arn(ctx, "dynamodb", "table/" + name), "StreamArn": _arn(ctx, "dynamodb", "table/%s/stream/x" % name)}


def _topic(ctx, lid, props):
    name = _name(ctx, lid, props, "TopicName")
    arn = _arn(ctx, "sns", name)
    return arn, {"TopicArn": arn, "TopicName": name}


def _alarm(ctx, lid, props):
    name = _name(ctx, lid, props, "AlarmName")
    return name, {"Arn": _arn(ctx, "cloudwatch", "alarm:" + name)}


def _function_url(ctx, lid, props):
    # AWS::Lambda::Url has no Ref; FunctionUrl is https://<url-id>.lambda-url.<region>.on.aws/, FunctionArn the target.
    url_id = hashlib.sha256(lid.encode()).hexdigest()[:32]
    return None, {"FunctionUrl": "https://%s.lambda-url.%s.on.aws/" % (url_id, ctx.region),
                  "FunctionArn": (props or {}).get("TargetFunctionArn")}


def _opaque(ctx, lid, props):
    return generated_name(ctx, lid), {}


MODELS = {
    "AWS::Lambda::Function": _function,
    "AWS::IAM::Role": _role,
    "AWS::IAM::Policy": _opaque,
    "AWS::Logs::LogGroup": _log_group,
    "AWS::SQS::Queue": _queue,
    "AWS::SQS::QueuePolicy": _opaque,
    "AWS::Events::Rule": _rule,
    "AWS::Lambda::Permission": _opaque,
    "AWS::Lambda::Url": _function_url,
    "AWS::Lambda::EventInvokeConfig": _opaque,
    "AWS::Lambda::EventSourceMapping": _opaque,
    "AWS::DynamoDB::Table": _table,
    "AWS::SNS::Topic": _topic,
    "AWS::SNS::Subscription": _opaque,
    "AWS::CloudWatch::Alarm": _alarm,
    "AWS::CloudFormation::WaitConditionHandle": _opaque,
}


def values(ctx, logical_id, resource_type, props):
    if resource_type not in MODELS:
        raise KeyError("no Ref/GetAtt model for %s (add it to tests/deploy/cfncheck/physical.py)" % resource_type)
    return MODELS[resource_type](ctx, logical_id, props)
