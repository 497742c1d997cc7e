"""docs/DEPLOY.md and the README's deploy section name only parameters, outputs and resources the templates
have, and document every parameter of the notifier, so the pasteable commands stay true."""

import re
from pathlib import Path

from cfncheck import yaml_loader

ROOT = Path(__file__).resolve().parents[2]
DOCS = {p: (ROOT / p).read_text() for p in ("docs/DEPLOY.md", "README.md")}
TEMPLATES = {n: yaml_loader.load((ROOT / "deploy" / n).read_text()) for n in ("template.yaml", "forwarder.yaml", "org-role.yaml")}
MAIN = TEMPLATES["template.yaml"]


def _all(section):
    return {k for t in TEMPLATES.values() for k in (t.get(section) or {})}


def test_outputs_and_resources_named_in_the_docs_exist():
    for path, text in DOCS.items():
        for output in re.findall(r"OutputKey=='(\w+)'", text):
            assert output in _all("Outputs"), "%s queries output %s, which no template has" % (path, output)
        for lid in re.findall(r"--logical-resource-id (\w+)", text):
            assert lid in MAIN["Resources"], "%s names resource %s, not in deploy/template.yaml" % (path, lid)
        for name in re.findall(r"--policy-name ([\w-]+)", text):
            assert name == MAIN["Resources"]["FunctionPolicy"]["Properties"]["PolicyName"]


def test_parameters_named_in_commands_exist():
    for path, text in DOCS.items():
        for key in re.findall(r"ParameterKey=(\w+)", text) + re.findall(r"--parameter-overrides ((?:\w+=\S+ ?)+)", text):
            for name in re.findall(r"(\w+)=", key) or [key]:
                assert name in _all("Parameters"), "%s passes parameter %s, which no template has" % (path, name)


def test_every_notifier_parameter_is_documented():
    table = DOCS["docs/DEPLOY.md"].split("### The parameters", 1)[1].split("\n\n", 2)[1]
    documented = set(re.findall(r"`(\w+)`", "\n".join(line.split("|")[1] for line in table.splitlines() if line.startswith("| `"))))
    # the parameter table, or (Slack app mode, BatchSize) the text around it
    missing = set(MAIN["Parameters"]) - documented - set(re.findall(r"`(\w+)`", DOCS["docs/DEPLOY.md"]))
    assert not missing, "parameters not documented in docs/DEPLOY.md: %s" % sorted(missing)
    unknown = documented - set(MAIN["Parameters"])
    assert not unknown, "docs/DEPLOY.md documents parameters the template lacks: %s" % sorted(unknown)
