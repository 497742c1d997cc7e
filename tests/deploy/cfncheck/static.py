"""The static checks CloudFormation does when it validates a template: sections, parameter definitions and
defaults, and every Ref / Fn::GetAtt / Fn::Sub variable / condition name / DependsOn resolving; plus our own
rule that every parameter and condition is used."""

from .spec import RESOURCE_KEYS
from .evaluate import PSEUDO, SUB_VAR, TOP_LEVEL, PARAMETER_KEYS, PARAMETER_TYPES, ResolveError, _intrinsic, _sub_parts, parameter_problem


def static_errors(t, spec):
    errors = []
    for key in t:
        if key not in TOP_LEVEL:
            errors.append("unknown top-level section %s" % key)
    params = t.get("Parameters", {}) or {}
    resources = t.get("Resources", {}) or {}
    conditions = t.get("Conditions", {}) or {}
    if not resources:
        errors.append("no Resources")
    for name, p in params.items():
        for key in p:
            if key not in PARAMETER_KEYS:
                errors.append("Parameters.%s: unknown key %s" % (name, key))
        if p.get("Type") not in PARAMETER_TYPES and not str(p.get("Type", "")).startswith("AWS::"):
            errors.append("Parameters.%s: unknown type %r" % (name, p.get("Type")))
        if "Default" in p:
            problem = parameter_problem(name, p, p["Default"])
            if problem:
                errors.append("Parameters.%s: Default %s" % (name, problem))
    used_params, used_conditions = set(), set()

    def check_ref(target, where, in_conditions=False):
        if target in params:
            used_params.add(target)
        elif target in PSEUDO:
            pass
        elif target in resources and not in_conditions:
            pass
        else:
            errors.append("%s: Ref to unknown %s" % (where, target))

    def check_getatt(res, attr, where):
        if res not in resources:
            errors.append("%s: Fn::GetAtt of unknown resource %s" % (where, res))
            return
        rtype = resources[res].get("Type")
        if rtype in spec.resources and attr not in spec.attributes(rtype):
            errors.append("%s: %s has no attribute %s" % (where, rtype, attr))

    def check_condition(name, where):
        if name not in conditions:
            errors.append("%s: unknown condition %s" % (where, name))
        used_conditions.add(name)

    def walk(node, where, in_conditions=False, local=()):
        fn, arg = _intrinsic(node)
        if fn == "Ref":
            check_ref(arg, where, in_conditions)
        elif fn == "Condition":
            check_condition(arg, where)
        elif fn == "Fn::GetAtt":
            if not (isinstance(arg, list) and len(arg) == 2):
                errors.append("%s: Fn::GetAtt takes [resource, attribute]" % where)
            else:
                check_getatt(arg[0], arg[1], where)
        elif fn == "Fn::If":
            if not (isinstance(arg, list) and len(arg) == 3):
                errors.append("%s: Fn::If takes [condition, then, else]" % where)
            else:
                check_condition(arg[0], where)
                walk(arg[1], where, in_conditions, local)
                walk(arg[2], where, in_conditions, local)
        elif fn == "Fn::Sub":
            try:
                text, variables = _sub_parts(arg)
            except ResolveError as err:
                errors.append("%s: %s" % (where, err))
                return
            for value in variables.values():
                walk(value, where, in_conditions, local)
            for var in SUB_VAR.findall(text):
                if var.startswith("!") or var in variables:
                    continue
                if "." in var and not var.startswith("AWS::"):
                    check_getatt(*var.split(".", 1), where=where)
                else:
                    check_ref(var, where, in_conditions)
        elif isinstance(node, dict):
            for key, value in node.items():
                walk(value, "%s.%s" % (where, key), in_conditions, local)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, "%s[%d]" % (where, i), in_conditions, local)

    for name, body in conditions.items():
        walk(body, "Conditions.%s" % name, in_conditions=True)
    for name, rule in (t.get("Rules") or {}).items():
        walk(rule, "Rules.%s" % name, in_conditions=True)
    for lid, res in resources.items():
        where = "Resources.%s" % lid
        if not isinstance(res, dict) or "Type" not in res:
            errors.append("%s: no Type" % where)
            continue
        for key in res:
            if key not in RESOURCE_KEYS:
                errors.append("%s: unknown key %s" % (where, key))
        if "Condition" in res:
            check_condition(res["Condition"], where)
        deps = res.get("DependsOn", [])
        for dep in [deps] if isinstance(deps, str) else deps:
            if dep not in resources:
                errors.append("%s: DependsOn unknown resource %s" % (where, dep))
        walk(res.get("Properties", {}), where + ".Properties")
    for name, out in (t.get("Outputs") or {}).items():
        if "Value" not in out:
            errors.append("Outputs.%s: no Value" % name)
        if "Condition" in out:
            check_condition(out["Condition"], "Outputs.%s" % name)
        walk(out.get("Value"), "Outputs.%s" % name)
    for name in params:
        if name not in used_params:
            errors.append("Parameters.%s is never used" % name)
    for name in conditions:
        if name not in used_conditions:
            errors.append("Conditions.%s is never used" % name)
    return errors
