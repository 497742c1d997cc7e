"""deploy/forwarder.yaml and deploy/org-role.yaml: scenarios and what must hold in each."""

from . import arns, events, generic, iam, main_template

FUNCTION_ROLE = "arn:aws:iam::111111111111:role/guardduty-slack-FunctionRole-0123ABCD"


def forwarder_scenarios():
    out = []
    for region in ("us-east-1", "ap-southeast-2", "eu-west-2"):
        for other in ("true", "false"):
            out.append(("%s other=%s" % (region, other), {"CentralRegion": "eu-west-2", "IncludeOtherGuardDutyEvents": other}, region))
    out.append(("govcloud", {"CentralRegion": "us-gov-west-1"}, "us-gov-east-1"))
    return out


FORWARDER_REJECTED = [("no central region", {}, "CentralRegion"),
                      ("not a region", {"CentralRegion": "Europe"}, "CentralRegion")]


def forwarder_expectations(resolved, template_dir):
    ctx, p = resolved.ctx, resolved.params
    res = resolved.resources
    rules = {k: r for k, r in res.items() if r["Type"] == "AWS::Events::Rule"}
    roles = {k: r for k, r in res.items() if r["Type"] == "AWS::IAM::Role"}
    if ctx.region == p["CentralRegion"]:
        if rules or roles:
            return ["forwarder in the central Region %s must create nothing (it would send the bus to itself)" % ctx.region]
        return []
    errors = []
    if len(rules) != 1 or len(roles) != 1:
        return ["forwarder: one rule and one role expected, got %s" % sorted(rules) + sorted(roles)]
    (rule_id, rule), (role_id, role) = next(iter(rules.items())), next(iter(roles.items()))
    central_bus = arns.event_bus(ctx, p["CentralRegion"])
    targets = rule["Properties"].get("Targets", [])
    role_arn = main_template.resolved_attr(resolved, role_id, "Arn")
    if len(targets) != 1 or targets[0].get("Arn") != central_bus or targets[0].get("RoleArn") != role_arn:
        errors.append("forwarder: the rule must target %s with its role, got %s" % (central_bus, targets))
    rp = role["Properties"]
    if not iam.allows([rp["AssumeRolePolicyDocument"]], "sts:AssumeRole", "", principal=("Service", "events.amazonaws.com")):
        errors.append("forwarder: the role must trust events.amazonaws.com")
    docs = [x["PolicyDocument"] for x in rp.get("Policies", [])]
    if not iam.allows(docs, "events:PutEvents", central_bus):
        errors.append("forwarder: events:PutEvents on %s is needed but not allowed" % central_bus)
    for other_bus in (arns.event_bus(ctx, ctx.region), arns.event_bus(ctx, p["CentralRegion"], "custom")):
        if iam.allows(docs, "events:PutEvents", other_bus):
            errors.append("forwarder: events:PutEvents on %s is allowed but not needed" % other_bus)
    if iam.actions(docs) != {"events:putevents"}:
        errors.append("forwarder: the role may only put events, allows %s" % sorted(iam.actions(docs)))
    patterns, _ = generic.rule_patterns(res)
    if patterns.get(rule_id) is not None:
        errors += main_template.pattern_errors(
            patterns[rule_id], lambda e: events.forwarder_should_match(e, p["IncludeOtherGuardDutyEvents"] == "true"))
    return errors


def org_role_scenarios():
    return [("defaults", {"FunctionRoleArn": FUNCTION_ROLE}, "us-east-1"),
            ("named", {"FunctionRoleArn": FUNCTION_ROLE, "RoleName": "gd-slack-names"}, "eu-west-2"),
            ("govcloud", {"FunctionRoleArn": "arn:aws-us-gov:iam::111111111111:role/gd"}, "us-gov-west-1")]


# Read-only, exactly what src/aws/organizations.cc calls.
ORG_ROLE_ACTIONS = {"organizations:describeaccount", "organizations:listtagsforresource", "organizations:listparents",
                    "organizations:describeorganizationalunit"}

ORG_ROLE_REJECTED = [("no function role", {}, "FunctionRoleArn"),
                     ("not a role ARN", {"FunctionRoleArn": "111111111111"}, "FunctionRoleArn")]


def org_role_expectations(resolved, template_dir):
    ctx, p = resolved.ctx, resolved.params
    roles = [(k, r) for k, r in resolved.resources.items() if r["Type"] == "AWS::IAM::Role"]
    if len(roles) != 1:
        return ["org-role: exactly one role expected"]
    role_id, role = roles[0]
    rp = role["Properties"]
    errors = []
    trust = [rp["AssumeRolePolicyDocument"]]
    if not iam.allows(trust, "sts:AssumeRole", "", principal=("AWS", p["FunctionRoleArn"])):
        errors.append("org-role: must trust the function role %s" % p["FunctionRoleArn"])
    for stranger in ("arn:%s:iam::%s:root" % (ctx.partition, ctx.account), "arn:aws:iam::222222222222:role/other"):
        if iam.allows(trust, "sts:AssumeRole", "", principal=("AWS", stranger)):
            errors.append("org-role: trusts %s, not only the function role" % stranger)
    docs = [x["PolicyDocument"] for x in rp.get("Policies", [])]
    account = arns.org_account(ctx, ctx.account, "222222222222")
    ou = arns.org_ou(ctx, ctx.account, "ou-ab12-cdefgh34")
    for action, arn in (("organizations:DescribeAccount", account), ("organizations:ListTagsForResource", account),
                        ("organizations:ListParents", account), ("organizations:ListParents", ou),
                        ("organizations:DescribeOrganizationalUnit", ou)):
        if not iam.allows(docs, action, arn):
            errors.append("org-role: %s on %s is needed but not allowed" % (action, arn))
    if iam.actions(docs) != ORG_ROLE_ACTIONS:
        errors.append("org-role: may only describe accounts, list their tags and parents and describe OUs, allows %s"
                      % sorted(iam.actions(docs)))
    if rp.get("ManagedPolicyArns"):
        errors.append("org-role: no managed policies")
    outputs = resolved.outputs
    if outputs.get("RoleArn") != main_template.resolved_attr(resolved, role_id, "Arn"):
        errors.append("org-role: the RoleArn output must be the role's ARN")
    return errors
