"""Runs every check on one template file: parse, static references, then each scenario (evaluate, the resource
specification, IAM shape, event pattern syntax, the template's own expectations) and the parameter values
CloudFormation must refuse. Returns one line per problem."""

from pathlib import Path

from . import evaluate, generic, main_template, org_templates, static, yaml_loader
from .spec import Spec

KNOWN = {
    "template.yaml": (main_template.scenarios, main_template.REJECTED, main_template.expectations),
    "forwarder.yaml": (org_templates.forwarder_scenarios, org_templates.FORWARDER_REJECTED, org_templates.forwarder_expectations),
    "org-role.yaml": (org_templates.org_role_scenarios, org_templates.ORG_ROLE_REJECTED, org_templates.org_role_expectations),
}

_SPEC = None


def spec():
    global _SPEC
    if _SPEC is None:
        _SPEC = Spec()
    return _SPEC


def check_text(text, kind, template_dir="deploy"):
    """kind = the file name under deploy/ whose scenarios and expectations apply."""
    try:
        template = yaml_loader.load(text)
    except yaml_loader.TemplateError as err:
        return [str(err)]
    if "Transform" in template:
        return ["Transform %r: templates here are plain CloudFormation (checked resource by resource)" % template["Transform"]]
    errors = static.static_errors(template, spec())
    if errors:
        return errors
    if kind not in KNOWN:
        return ["no scenarios for %s: add them to tests/deploy/cfncheck/check.py" % kind]
    scenarios, rejected, expectations = KNOWN[kind]
    for name, params, region in scenarios():
        resolved = evaluate.evaluate(template, params, evaluate.Context(region=region))
        if resolved.rejected:
            errors.append("[%s] parameters refused: %s" % (name, resolved.rejected))
            continue
        found = generic.scenario_errors(spec(), resolved, template_dir)
        if not found:
            found = expectations(resolved, template_dir)
        errors += ["[%s] %s" % (name, e) for e in found]
    for name, params, reason in rejected:
        resolved = evaluate.evaluate(template, params, evaluate.Context())
        if reason not in resolved.rejected:
            errors.append("[%s] CloudFormation should refuse these parameters (%s), got %r" % (name, reason, resolved.rejected or "accepted"))
    return _dedupe(errors)


def check_file(path):
    path = Path(path)
    return check_text(path.read_text(), path.name, template_dir=path.parent.name)


def _dedupe(errors):
    seen, out = set(), []
    for e in errors:
        if e not in seen:
            seen.add(e)
            out.append(e)
    return out
