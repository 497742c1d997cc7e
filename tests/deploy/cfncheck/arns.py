"""The ARNs the services really use, written from their documentation independently of the templates, so that
a policy built from parameters can be compared with them.

- SSM parameter (Systems Manager user guide, sysman-paramstore-access.html and the IAM service authorization
  reference for Systems Manager): arn:<partition>:ssm:<region>:<account>:parameter/<name without its leading
  slash>, i.e. "parameter/a/b" for "/a/b" and "parameter/a" for "a". GetParameter also takes the ARN itself.
- Secrets Manager secret (reference_iam-permissions.html#iam-resources): arn:...:secret:<name>-<6 random
  characters>; policies name a secret by its name with the "-??????" wildcard, or by its full ARN.
- CloudWatch Logs stream: arn:...:log-group:<group>:log-stream:<stream>.
- Organizations account: arn:<partition>:organizations::<management account>:account/o-<org id>/<account id>.
- EventBridge bus: arn:<partition>:events:<region>:<account>:event-bus/<name>."""

SECRET_SUFFIX = "-Ab12Cd"  # what Secrets Manager appends: a hyphen and six random characters


def ssm_parameter(ctx, name):
    if name.startswith("arn:"):
        return name
    return "arn:%s:ssm:%s:%s:parameter/%s" % (ctx.partition, ctx.region, ctx.account, name.lstrip("/"))


def secret(ctx, name_or_arn):
    if name_or_arn.startswith("arn:"):
        return name_or_arn
    return "arn:%s:secretsmanager:%s:%s:secret:%s%s" % (ctx.partition, ctx.region, ctx.account, name_or_arn, SECRET_SUFFIX)


def ssm_parameter_prefix(ctx, prefix):
    """The ARN every parameter whose name starts with `prefix` begins with (SSM adds the slash a name lacks)."""
    return "arn:%s:ssm:%s:%s:parameter/%s" % (ctx.partition, ctx.region, ctx.account, prefix.lstrip("/"))


def secret_prefix(ctx, prefix):
    """The ARN every secret whose name starts with `prefix` begins with."""
    return "arn:%s:secretsmanager:%s:%s:secret:%s" % (ctx.partition, ctx.region, ctx.account, prefix)


def log_stream(ctx, group, stream="2026/11/30/[$LATEST]0123456789abcdef0123456789abcdef"):
    return "arn:%s:logs:%s:%s:log-group:%s:log-stream:%s" % (ctx.partition, ctx.region, ctx.account, group, stream)


def org_account(ctx, management_account, account, org="o-a1b2c3d4e5"):
    return "arn:%s:organizations::%s:account/%s/%s" % (ctx.partition, management_account, org, account)


def org_ou(ctx, management_account, ou, org="o-a1b2c3d4e5"):
    return "arn:%s:organizations::%s:ou/%s/%s" % (ctx.partition, management_account, org, ou)


def event_bus(ctx, region, name="default"):
    return "arn:%s:events:%s:%s:event-bus/%s" % (ctx.partition, region, ctx.account, name)
