"""EventBridge event patterns: validation of the pattern syntax and matching of events, as the EventBridge user
guide specifies them (eb-event-patterns.html, eb-create-pattern-operators.html) for what our rules use:
exact values, "numeric" ranges, "prefix", "anything-but", "exists" and "$or".

- A pattern is an object; a leaf is a non-empty array of values and matcher objects; the event matches a leaf
  when its field equals any value or satisfies any matcher. A field holding an array matches when any element
  does; an array of objects matches a nested pattern when any element does.
- Every field named in the pattern must be present (except {"exists": false}).
- "numeric" compares JSON numbers only: a string "7" in the event does not match, and a string operand in the
  pattern is an invalid pattern (EventBridge answers InvalidEventPatternException)."""

import numbers

NUMERIC_OPS = {"<", "<=", "=", ">", ">="}


def _is_number(value):
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def validate(pattern, path="pattern"):
    """Returns a list of error strings; empty when EventBridge would accept the pattern."""
    errors = []
    if not isinstance(pattern, dict) or not pattern:
        return ["%s: must be a non-empty object" % path]
    for key, value in pattern.items():
        here = "%s.%s" % (path, key)
        if key == "$or":
            if not isinstance(value, list) or len(value) < 2:
                errors.append("%s: needs a list of at least two patterns" % here)
            else:
                for i, branch in enumerate(value):
                    errors += validate(branch, "%s[%d]" % (here, i))
        elif isinstance(value, dict):
            errors += validate(value, here)
        elif isinstance(value, list):
            if not value:
                errors.append("%s: empty array matches nothing" % here)
            for item in value:
                errors += _validate_matcher(item, here)
        else:
            errors.append("%s: a leaf must be an array, got %r" % (here, value))
    return errors


def _validate_matcher(item, here):
    if item is None or isinstance(item, (str, bool)) or _is_number(item):
        return []
    if not isinstance(item, dict) or len(item) != 1:
        return ["%s: %r is not a value or a single-operator matcher" % (here, item)]
    op, arg = next(iter(item.items()))
    if op == "numeric":
        if not isinstance(arg, list) or len(arg) not in (2, 4):
            return ["%s: numeric takes [op, number] or [op, number, op, number]" % here]
        errors = []
        for i in range(0, len(arg), 2):
            if arg[i] not in NUMERIC_OPS:
                errors.append("%s: numeric operator %r" % (here, arg[i]))
            if not _is_number(arg[i + 1]):
                errors.append("%s: numeric operand must be a number, got %r" % (here, arg[i + 1]))
        return errors
    if op in ("prefix", "suffix"):
        return [] if isinstance(arg, str) else ["%s: %s takes a string" % (here, op)]
    if op == "exists":
        return [] if isinstance(arg, bool) else ["%s: exists takes true or false, got %r" % (here, arg)]
    if op == "anything-but":
        if isinstance(arg, (str,)) or _is_number(arg):
            return []
        if isinstance(arg, list) and arg and all(isinstance(a, str) or _is_number(a) for a in arg):
            return []
        if isinstance(arg, dict) and len(arg) == 1 and next(iter(arg)) == "prefix" and isinstance(arg["prefix"], str):
            return []
        return ["%s: anything-but takes a value, a list of values or {\"prefix\": ...}" % here]
    return ["%s: operator %r not supported here" % (here, op)]


def _leaf_matches(matchers, present, value):
    values = value if isinstance(value, list) else [value]
    for m in matchers:
        if isinstance(m, dict):
            op, arg = next(iter(m.items()))
            if op == "exists":
                if arg == present:
                    return True
                continue
            if not present:
                continue
            for v in values:
                if op == "numeric" and _is_number(v) and _numeric(arg, v):
                    return True
                if op == "prefix" and isinstance(v, str) and v.startswith(arg):
                    return True
                if op == "suffix" and isinstance(v, str) and v.endswith(arg):
                    return True
                if op == "anything-but" and _anything_but(arg, v):
                    return True
        elif present and any(_same(m, v) for v in values):
            return True
    return False


def _same(expected, actual):
    """Exact matching: strings to strings, numbers to numbers, true/false/null to themselves."""
    if isinstance(expected, bool) or isinstance(actual, bool) or expected is None or actual is None:
        return type(expected) is type(actual) and expected == actual
    if isinstance(expected, str) or isinstance(actual, str):
        return isinstance(expected, str) and isinstance(actual, str) and expected == actual
    return expected == actual


def _numeric(arg, v):
    for i in range(0, len(arg), 2):
        op, n = arg[i], arg[i + 1]
        ok = {"<": v < n, "<=": v <= n, "=": v == n, ">": v > n, ">=": v >= n}[op]
        if not ok:
            return False
    return True


def _anything_but(arg, v):
    if isinstance(arg, dict):
        return isinstance(v, str) and not v.startswith(arg["prefix"])
    excluded = arg if isinstance(arg, list) else [arg]
    if not (isinstance(v, str) or _is_number(v)):
        return False
    return not any(_same(e, v) for e in excluded)


def matches(pattern, event):
    if not isinstance(event, dict):
        return False
    for key, sub in pattern.items():
        if key == "$or":
            if not any(matches(branch, event) for branch in sub):
                return False
            continue
        present = key in event
        value = event.get(key)
        if isinstance(sub, dict):
            if not present:
                return False
            candidates = value if isinstance(value, list) else [value]
            if not any(isinstance(c, dict) and matches(sub, c) for c in candidates):
                return False
        elif not _leaf_matches(sub, present, value):
            return False
    return True
