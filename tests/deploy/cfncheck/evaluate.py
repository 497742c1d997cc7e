"""Template semantics without AWS: the evaluation of a template for one set of parameter values (Rules, Conditions, every intrinsic function, resources
kept or dropped by their Condition), giving the properties each resource provider would receive."""

import re
from dataclasses import dataclass, field

from . import physical

TOP_LEVEL = {"AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings",
             "Conditions", "Transform", "Resources", "Outputs"}
PARAMETER_KEYS = {"Type", "Default", "Description", "AllowedValues", "AllowedPattern", "ConstraintDescription",
                  "MinLength", "MaxLength", "MinValue", "MaxValue", "NoEcho"}
PARAMETER_TYPES = {"String", "Number", "CommaDelimitedList", "List<Number>"}
PSEUDO = {"AWS::Region", "AWS::AccountId", "AWS::Partition", "AWS::StackName", "AWS::StackId", "AWS::URLSuffix",
          "AWS::NoValue", "AWS::NotificationARNs"}
SUB_VAR = re.compile(r"\$\{([^}]*)\}")
NO_VALUE = object()


class ResolveError(Exception):
    pass


@dataclass
class Context:
    region: str = "eu-west-2"
    account: str = "111111111111"
    stack_name: str = "guardduty-slack"

    @property
    def partition(self):
        return "aws-cn" if self.region.startswith("cn-") else "aws-us-gov" if self.region.startswith("us-gov-") else "aws"

    @property
    def url_suffix(self):
        return "amazonaws.com.cn" if self.partition == "aws-cn" else "amazonaws.com"


def _intrinsic(node):
    if isinstance(node, dict) and len(node) == 1:
        key = next(iter(node))
        if key == "Ref" or key == "Condition" or key.startswith("Fn::"):
            return key, node[key]
    return None, None


def _sub_parts(arg):
    if isinstance(arg, str):
        return arg, {}
    if isinstance(arg, list) and len(arg) == 2 and isinstance(arg[0], str) and isinstance(arg[1], dict):
        return arg[0], arg[1]
    raise ResolveError("Fn::Sub takes a string or [string, {variables}]")


def parameter_problem(name, p, value):
    """Why CloudFormation would reject `value` for parameter p, or None."""
    kind = p.get("Type")
    text = ",".join(value) if isinstance(value, list) else str(value)
    if kind == "Number":
        try:
            number = float(text)
        except ValueError:
            return "%r is not a number" % text
        if "MinValue" in p and number < float(p["MinValue"]):
            return "%s < MinValue %s" % (text, p["MinValue"])
        if "MaxValue" in p and number > float(p["MaxValue"]):
            return "%s > MaxValue %s" % (text, p["MaxValue"])
        if "AllowedValues" in p and number not in [float(v) for v in p["AllowedValues"]]:
            return "%s not in AllowedValues" % text
        return None
    if "AllowedValues" in p and text not in [str(v) for v in p["AllowedValues"]]:
        return "%r not in AllowedValues %s" % (text, p["AllowedValues"])
    if "AllowedPattern" in p and kind == "String" and not re.fullmatch(p["AllowedPattern"], text):
        return "%r does not match AllowedPattern" % text
    if "MinLength" in p and len(text) < int(p["MinLength"]):
        return "shorter than MinLength"
    if "MaxLength" in p and len(text) > int(p["MaxLength"]):
        return "longer than MaxLength"
    return None


# ---------------------------------------------------------------- evaluation for one set of parameter values


@dataclass
class Resolved:
    ctx: Context
    params: dict = field(default_factory=dict)
    conditions: dict = field(default_factory=dict)
    resources: dict = field(default_factory=dict)   # logical id -> {"Type", "Properties", "DependsOn"}
    outputs: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    rejected: str = ""                              # why CloudFormation would refuse these parameter values


class Evaluator:
    def __init__(self, template, ctx, given):
        self.t = template
        self.ctx = ctx
        self.out = Resolved(ctx)
        self._phys = {}
        self._resolving = []
        self._deps = {}
        self._current = None
        self._props_cache = {}
        self._set_parameters(given)

    def _set_parameters(self, given):
        params = self.t.get("Parameters", {}) or {}
        for name in given:
            if name not in params:
                raise ValueError("scenario sets unknown parameter %s" % name)
        for name, p in params.items():
            if name in given:
                value = given[name]
            elif "Default" in p:
                value = p["Default"]
            else:
                self.out.rejected = "parameter %s has no value" % name
                return
            problem = parameter_problem(name, p, value)
            if problem:
                self.out.rejected = "parameter %s: %s" % (name, problem)
                return
            if p["Type"] in ("CommaDelimitedList", "List<Number>"):
                value = value if isinstance(value, list) else str(value).split(",")
            else:
                value = str(value) if not isinstance(value, bool) else str(value).lower()
            self.out.params[name] = value

    def run(self):
        if self.out.rejected:
            return self.out
        for name, rule in (self.t.get("Rules") or {}).items():
            if "RuleCondition" in rule and not self.cond_value(rule["RuleCondition"], in_rules=True):
                continue
            for assertion in rule.get("Assertions", []):
                if not self.cond_value(assertion["Assert"], in_rules=True):
                    self.out.rejected = "Rules.%s: %s" % (name, assertion.get("AssertDescription", "assertion failed"))
                    return self.out
        for name in self.t.get("Conditions", {}) or {}:
            self.condition(name)
        resources = self.t["Resources"]
        for lid, res in resources.items():
            if "Condition" in res and not self.condition(res["Condition"]):
                continue
            self._deps[lid] = set()
        for lid in list(self._deps):
            try:
                self.properties(lid)
            except ResolveError as err:
                self.out.errors.append("Resources.%s: %s" % (lid, err))
        for lid in self._deps:
            deps = resources[lid].get("DependsOn", [])
            for dep in [deps] if isinstance(deps, str) else deps:
                if dep not in self._deps:
                    self.out.errors.append("Resources.%s: DependsOn %s, which these parameters do not create" % (lid, dep))
                else:
                    self._deps[lid].add(dep)
            self.out.resources[lid] = {"Type": resources[lid]["Type"], "Properties": self._props_cache.get(lid, {}),
                                       "DependsOn": sorted(self._deps[lid])}
        cycle = _find_cycle(self._deps)
        if cycle:
            self.out.errors.append("circular dependency: %s" % " -> ".join(cycle))
        for name, out in (self.t.get("Outputs") or {}).items():
            if "Condition" in out and not self.condition(out["Condition"]):
                continue
            self._current = None
            try:
                self.out.outputs[name] = self.resolve(out["Value"])
            except ResolveError as err:
                self.out.errors.append("Outputs.%s: %s" % (name, err))
        return self.out

    # conditions ----------------------------------------------------------

    def condition(self, name):
        if name in self.out.conditions:
            return self.out.conditions[name]
        if name in self._resolving:
            raise ResolveError("condition cycle through %s" % name)
        body = (self.t.get("Conditions") or {}).get(name)
        if body is None:
            raise ResolveError("unknown condition %s" % name)
        self._resolving.append(name)
        value = self.cond_value(body)
        self._resolving.pop()
        self.out.conditions[name] = value
        return value

    def cond_value(self, node, in_rules=False):
        """Conditions take Equals/Not/And/Or/Condition; Rules also Contains (CloudFormation refuses it in
        Conditions, cloudformation-coverage-roadmap#1973)."""
        fn, arg = _intrinsic(node)
        if fn == "Fn::Equals":
            a, b = (self.resolve(x) for x in arg)
            return _text(a) == _text(b)
        if fn == "Fn::Not":
            return not self.cond_value(arg[0], in_rules)
        if fn == "Fn::And":
            return all(self.cond_value(x, in_rules) for x in arg)
        if fn == "Fn::Or":
            return any(self.cond_value(x, in_rules) for x in arg)
        if fn == "Condition" and not in_rules:
            return self.condition(arg)
        if fn == "Fn::Contains" and in_rules:
            return _text(self.resolve(arg[1])) in [_text(x) for x in self.resolve(arg[0])]
        raise ResolveError("not a condition function: %r" % (node,))

    # resources -----------------------------------------------------------

    def properties(self, lid):
        if lid in self._props_cache:
            return self._props_cache[lid]
        if lid in self._resolving:
            raise ResolveError("circular dependency through %s" % lid)
        self._resolving.append(lid)
        saved, self._current = self._current, lid
        try:
            props = self.resolve(self.t["Resources"][lid].get("Properties", {}))
        finally:
            self._current = saved
            self._resolving.pop()
        self._props_cache[lid] = props
        return props

    def physical(self, lid):
        if lid not in self._deps:
            res = self.t["Resources"].get(lid)
            if res is None:
                raise ResolveError("reference to unknown resource %s" % lid)
            raise ResolveError("refers to %s, which these parameters do not create (Condition %s is false)"
                               % (lid, res.get("Condition")))
        if self._current:
            self._deps[self._current].add(lid)
        if lid not in self._phys:
            rtype = self.t["Resources"][lid]["Type"]
            needs_props = rtype in ("AWS::Logs::LogGroup", "AWS::IAM::Role", "AWS::Lambda::Function",
                                    "AWS::SQS::Queue", "AWS::Events::Rule", "AWS::DynamoDB::Table", "AWS::SNS::Topic")
            props = self.properties(lid) if needs_props else {}
            try:
                self._phys[lid] = physical.values(self.ctx, lid, rtype, props)
            except KeyError as err:
                raise ResolveError(str(err)) from None
        return self._phys[lid]

    def ref(self, target):
        if target in self.out.params:
            return self.out.params[target]
        if target == "AWS::NoValue":
            return NO_VALUE
        pseudo = {"AWS::Region": self.ctx.region, "AWS::AccountId": self.ctx.account,
                  "AWS::Partition": self.ctx.partition, "AWS::StackName": self.ctx.stack_name,
                  "AWS::URLSuffix": self.ctx.url_suffix, "AWS::NotificationARNs": [],
                  "AWS::StackId": "arn:%s:cloudformation:%s:%s:stack/%s/0" % (
                      self.ctx.partition, self.ctx.region, self.ctx.account, self.ctx.stack_name)}
        if target in pseudo:
            return pseudo[target]
        return self.physical(target)[0]

    def getatt(self, lid, attr):
        attrs = self.physical(lid)[1]
        if attr not in attrs:
            raise ResolveError("no model for %s.%s (tests/deploy/cfncheck/physical.py)" % (lid, attr))
        return attrs[attr]

    def resolve(self, node):
        fn, arg = _intrinsic(node)
        if fn is None:
            if isinstance(node, dict):
                out = {}
                for key, value in node.items():
                    value = self.resolve(value)
                    if value is not NO_VALUE:
                        out[key] = value
                return out
            if isinstance(node, list):
                return [v for v in (self.resolve(x) for x in node) if v is not NO_VALUE]
            return node
        if fn == "Ref":
            return self.ref(arg)
        if fn == "Fn::GetAtt":
            return self.getatt(arg[0], arg[1])
        if fn == "Fn::If":
            return self.resolve(arg[1] if self.condition(arg[0]) else arg[2])
        if fn == "Fn::Sub":
            text, variables = _sub_parts(arg)
            values = {k: self.resolve(v) for k, v in variables.items()}

            def substitute(match):
                var = match.group(1)
                if var.startswith("!"):
                    return "${" + var[1:] + "}"
                if var in values:
                    value = values[var]
                elif "." in var and not var.startswith("AWS::"):
                    value = self.getatt(*var.split(".", 1))
                else:
                    value = self.ref(var)
                if not isinstance(value, str):
                    raise ResolveError("Fn::Sub variable %s is not a string: %r" % (var, value))
                return value
            return SUB_VAR.sub(substitute, text)
        if fn == "Fn::Join":
            delimiter, items = arg[0], self.resolve(arg[1])
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                raise ResolveError("Fn::Join needs a list of strings, got %r" % (items,))
            return delimiter.join(items)
        if fn == "Fn::Select":
            index, items = int(self.resolve(arg[0])), self.resolve(arg[1])
            if not isinstance(items, list) or not 0 <= index < len(items):
                raise ResolveError("Fn::Select index %d outside %r" % (index, items))
            return items[index]
        if fn == "Fn::Split":
            value = self.resolve(arg[1])
            if not isinstance(value, str):
                raise ResolveError("Fn::Split of a non-string %r" % (value,))
            return value.split(arg[0])
        if fn == "Fn::FindInMap":
            name, key1, key2 = (self.resolve(x) for x in arg)
            try:
                return self.t["Mappings"][name][key1][key2]
            except (KeyError, TypeError):
                raise ResolveError("Fn::FindInMap %s/%s/%s not found" % (name, key1, key2)) from None
        raise ResolveError("%s is not supported where it is used (or by this checker)" % fn)


def _text(value):
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _find_cycle(graph):
    state, stack = {}, []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if state.get(nxt) is None:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if state.get(node) is None:
            found = visit(node)
            if found:
                return found
    return None


def evaluate(template, given, ctx=None):
    return Evaluator(template, ctx or Context(), given).run()
