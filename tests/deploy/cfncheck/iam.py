"""IAM policy documents: the shape rules we hold every template to (no wildcard or NotAction, no Resource "*"),
and an evaluator that answers "may this principal do <action> on <resource ARN>?" the way IAM's documented
policy logic does for what our templates use: Allow/Deny, Action and Resource with * and ? wildcards
(actions case-insensitive, ARNs case-sensitive), Principal, and the condition operators StringEquals,
StringLike, ArnEquals, ArnLike."""

import re


def _as_list(value):
    return value if isinstance(value, list) else [value]


def _glob(pattern, value, case_sensitive=True):
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, value, 0 if case_sensitive else re.IGNORECASE) is not None


def statements(doc):
    if isinstance(doc, str):
        raise ValueError("policy document given as a string")
    return _as_list(doc.get("Statement", []))


# Actions that have no resource type in the Service Authorization Reference: "*" is the only Resource that grants
# them, so it is accepted for a statement that holds nothing else.
NO_RESOURCE_TYPE = {"guardduty:ListDetectors"}


def shape_errors(doc, where):
    errors = []
    if doc.get("Version") != "2012-10-17":
        errors.append("%s: policy Version must be 2012-10-17 (older versions do not expand policy variables)" % where)
    for i, st in enumerate(statements(doc)):
        here = "%s.Statement[%d]%s" % (where, i, "(%s)" % st["Sid"] if "Sid" in st else "")
        if st.get("Effect") not in ("Allow", "Deny"):
            errors.append("%s: Effect must be Allow or Deny" % here)
        if "NotAction" in st:
            errors.append("%s: NotAction allows everything else" % here)
        if "NotResource" in st and st.get("Effect") == "Allow":
            errors.append("%s: Allow with NotResource" % here)
        actions = _as_list(st.get("Action", []))
        if not actions:
            errors.append("%s: no Action" % here)
        for action in actions:
            if not isinstance(action, str) or not re.fullmatch(r"[a-z0-9-]+:[A-Za-z0-9]+", action):
                errors.append("%s: wildcard or malformed action %r" % (here, action))
        for resource in _as_list(st.get("Resource", [])):
            if resource == "*" and actions and all(a in NO_RESOURCE_TYPE for a in actions):
                continue
            if resource == "*":
                errors.append("%s: Resource \"*\" (name the exact resources)" % here)
            elif not isinstance(resource, str) or not resource.startswith("arn:"):
                errors.append("%s: resource %r is not an ARN" % (here, resource))
        if "Principal" in st and st["Principal"] == "*":
            errors.append("%s: Principal \"*\"" % here)
    return errors


def _condition_ok(condition, context):
    for operator, tests in (condition or {}).items():
        for key, expected in tests.items():
            actual = context.get(key)
            if actual is None:
                return False
            expected = _as_list(expected)
            if operator in ("StringEquals", "ArnEquals"):
                ok = actual in expected
            elif operator in ("StringLike", "ArnLike"):
                ok = any(_glob(e, actual) for e in expected)
            else:
                raise ValueError("condition operator %s not modelled" % operator)
            if not ok:
                return False
    return True


def _principal_ok(principal, who):
    if principal is None or who is None:
        return principal is None
    kind, value = who
    return value in _as_list(principal.get(kind, [])) if isinstance(principal, dict) else False


def allows(docs, action, resource, context=None, principal=None):
    """True when some Allow statement in docs matches and no Deny does. `principal` = ("Service"|"AWS", value)
    for resource policies and trust policies."""
    allowed = False
    for doc in docs:
        for st in statements(doc):
            if not any(_glob(a, action, case_sensitive=False) for a in _as_list(st.get("Action", []))):
                continue
            if "Resource" in st and not any(_glob(r, resource) for r in _as_list(st["Resource"])):
                continue
            if "Principal" in st or principal is not None:
                if not _principal_ok(st.get("Principal"), principal):
                    continue
            if not _condition_ok(st.get("Condition"), context or {}):
                continue
            if st["Effect"] == "Deny":
                return False
            allowed = True
    return allowed


def actions(docs):
    """Every action any Allow statement names (lower-cased)."""
    return {a.lower() for doc in docs for st in statements(doc) if st.get("Effect") == "Allow"
            for a in _as_list(st.get("Action", []))}


__all__ = ["allows", "actions", "shape_errors", "statements"]
