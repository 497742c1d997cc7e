"""Harness for the state-table tests: dynalite (a DynamoDB implementation on LevelDB, from npm) on 127.0.0.1
behind a proxy that verifies every SigV4 signature with botocore, the table created from the deploy
template's definition, and the real program run as several concurrent Lambda sandboxes (one Runtime API
stand-in each) against the Slack stand-ins. Everything on 127.0.0.1; fake credentials; no DNS."""

import copy
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

SOURCE_DIR = Path(os.environ.get("GDSLACK_SOURCE_DIR") or Path(__file__).resolve().parents[2])
HERE = SOURCE_DIR / "tests" / "state"
STANDINS = SOURCE_DIR / "tests" / "standins"
sys.path.insert(0, str(STANDINS))
sys.path.insert(0, str(HERE))
from child_process import StandinChild  # noqa: E402
sys.path.insert(0, str(SOURCE_DIR / "tests" / "secrets"))
import transcripts  # noqa: E402
from dynamodb_proxy import DynamoProxyProcess  # noqa: E402

PYTHON = "/usr/bin/python3"
SAMPLE = SOURCE_DIR / "testdata" / "events" / "corpus" / "Recon_EC2-PortProbeUnprotectedPort.json"
KEY_ID = "AKIDLOCALSTATETEST00"
KEY_SECRET = "state-local-not-a-secret"
SESSION_TOKEN = "state-local-session"
AWS_KEYS = {"access_keys": {KEY_ID: {"secret": KEY_SECRET, "session_token": SESSION_TOKEN}}}


def bootstrap_bin():
    path = os.environ.get("GDSLACK_BOOTSTRAP")
    if not path or not os.access(path, os.X_OK):
        pytest.fail("GDSLACK_BOOTSTRAP must name the built Lambda bootstrap program")
    return os.path.abspath(path)


class _Loader(yaml.SafeLoader):
    """Reads a CloudFormation template: short-form intrinsic functions (!Ref, !Sub, ...) become plain values."""


def _intrinsic(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return {suffix: loader.construct_scalar(node)}
    if isinstance(node, yaml.SequenceNode):
        return {suffix: loader.construct_sequence(node, deep=True)}
    return {suffix: loader.construct_mapping(node, deep=True)}


_Loader.add_multi_constructor("!", _intrinsic)


def table_definition():
    """(properties, where) of the state table: the deploy template's AWS::DynamoDB::Table, so the tests run
    against the table users deploy."""
    template = SOURCE_DIR / "deploy" / "template.yaml"
    doc = yaml.load(template.read_text(), Loader=_Loader) or {}
    for name, res in (doc.get("Resources") or {}).items():
        if isinstance(res, dict) and res.get("Type") == "AWS::DynamoDB::Table":
            return res.get("Properties") or {}, "deploy/template.yaml:" + name
    pytest.fail("deploy/template.yaml defines no AWS::DynamoDB::Table")


def create_table(endpoint, name):
    import botocore.session
    props, where = table_definition()
    client = botocore.session.get_session().create_client(
        "dynamodb", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=KEY_ID,
        aws_secret_access_key=KEY_SECRET, aws_session_token=SESSION_TOKEN)
    # The contract the program relies on (docs/STATE.md): hash key pk (S), TTL on expires_at, on-demand.
    assert props["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"}], where
    assert {"AttributeName": "pk", "AttributeType": "S"} in props["AttributeDefinitions"], where
    assert props.get("BillingMode") == "PAY_PER_REQUEST", where
    assert props["TimeToLiveSpecification"]["AttributeName"] == "expires_at", where
    client.create_table(TableName=name, AttributeDefinitions=props["AttributeDefinitions"],
                        KeySchema=props["KeySchema"], BillingMode=props["BillingMode"])
    # dynalite has no UpdateTimeToLive: expiry is DynamoDB's background job anyway, never relied on for
    # correctness (the lease carries its own time).
    return client


class Dynalite(StandinChild):
    def __init__(self, workdir):
        if not (HERE / "node_modules" / "dynalite").is_dir():
            pytest.fail("dynalite is not installed: run scripts/install-deps.sh (npm ci in tests/state)")
        super().__init__(str(HERE / "dynalite_server.js"), workdir, "dynalite", [], python="node")


@pytest.fixture
def table(tmp_path):
    """A fresh state table: yields an object with .url (the verifying proxy), .proxy, .dynalite, .client,
    .name, .items()."""
    dyn = Dynalite(tmp_path)
    proxy = DynamoProxyProcess(tmp_path, dyn.url, AWS_KEYS)

    class Table:
        pass

    t = Table()
    t.dynalite, t.proxy, t.url, t.name = dyn, proxy, proxy.url, "guardduty-slack-state"
    t.client = create_table(dyn.url, t.name)

    def items():
        return t.client.scan(TableName=t.name, ConsistentRead=True)["Items"]

    t.items = items
    yield t
    proxy.stop()
    dyn.stop()


def finding_event(finding_index, count, severity=5.0, archived=False, minute=None):
    """The sample event as finding `finding_index` at `count` occurrences. The title carries both, so a
    posted message can be traced to its version."""
    event = json.loads(SAMPLE.read_text())
    d = event["detail"]
    d["id"] = "%032x" % (0x5a7e0000 + finding_index)
    d["arn"] = d["arn"].rsplit("/", 1)[0] + "/" + d["id"]
    d["title"] = "Probe F%d-C%d" % (finding_index, count)
    d["severity"] = severity
    d["service"]["count"] = count
    d["service"]["archived"] = archived
    d["updatedAt"] = "2026-11-30T%02d:%02d:00.000Z" % divmod(minute if minute is not None else count, 60)
    event["id"] = "evt-%d-%d-%s" % (finding_index, count, minute)
    return json.dumps(event)


def versions_posted(bodies):
    """Titles "F<i>-C<n>" found in posted payloads, in order."""
    return [m for b in bodies for m in re.findall(r"Probe (F\d+-C\d+)", b)[:1]]


class Sandboxes:
    """The program as `n` concurrent Lambda sandboxes, each with its own Runtime API stand-in."""

    def __init__(self, tmp_path):
        self.tmp = tmp_path
        self.procs = []
        self.started = 0

    def run(self, event_lists, env, timeout_ms=15000, budget_s=120):
        binary = bootstrap_bin()
        runs = []
        for i, events in enumerate(event_lists):
            self.started += 1
            d = self.tmp / ("sandbox%d" % self.started)
            d.mkdir()
            files = []
            for j, text in enumerate(events):
                f = d / ("event-%03d.json" % j)
                f.write_text(text)
                files.append(str(f))
            port_file, report = d / "runtime.port", d / "report.json"
            runtime = subprocess.Popen(
                [PYTHON, str(STANDINS / "runtime_api_standin.py"), "--port-file", str(port_file), "--report",
                 str(report), "--timeout-ms", str(timeout_ms), "--exit-when-done"] + files, stdin=subprocess.DEVNULL)
            self.procs.append(runtime)
            end = time.monotonic() + 10
            while not (port_file.exists() and port_file.stat().st_size) and time.monotonic() < end:
                time.sleep(0.02)
            full_env = {
                "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": ":UTC",
                "AWS_LAMBDA_RUNTIME_API": port_file.read_text().strip(),
                "AWS_LAMBDA_FUNCTION_NAME": "guardduty-slack", "LAMBDA_TASK_ROOT": str(d), "_HANDLER": "bootstrap",
                "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": KEY_ID, "AWS_SECRET_ACCESS_KEY": KEY_SECRET,
                "AWS_SESSION_TOKEN": SESSION_TOKEN, "AWS_EC2_METADATA_DISABLED": "true", "ACCOUNT_NAMES_ONLY": "true",
            }
            full_env.update(env)
            # The secrets sweep checks every transcript for these (tests/secrets).
            for name in ("SLACK_BOT_TOKEN", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
                transcripts.register_secret(full_env.get(name, ""))
            if "SLACK_URL" in full_env:
                transcripts.register_secret(full_env["SLACK_URL"].rsplit("/", 1)[-1])
            err = open(d / "program.stderr", "wb")
            program = subprocess.Popen([binary], env=full_env, cwd=str(d), stdin=subprocess.DEVNULL,
                                       stdout=subprocess.DEVNULL, stderr=err)
            self.procs.append(program)
            runs.append((runtime, program, report, d))
        end = time.monotonic() + budget_s
        while any(r.poll() is None for r, _, _, _ in runs) and time.monotonic() < end:
            time.sleep(0.05)
        results = []
        for runtime, program, report, d in runs:
            stop(runtime)
            stop(program)
            stderr = (d / "program.stderr").read_text(errors="replace")
            transcripts.record("state", "", stderr)
            results.append({"report": json.loads(report.read_text()) if report.exists() else None, "stderr": stderr})
        return results

    def stop_all(self):
        for p in self.procs:
            stop(p)


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def sandboxes(tmp_path):
    s = Sandboxes(tmp_path)
    yield s
    s.stop_all()


def log_lines(stderr):
    out = []
    for line in stderr.splitlines():
        try:
            v = json.loads(line)
        except ValueError:
            continue
        if isinstance(v, dict):
            out.append(v)
    return out


def shuffled(items, seed):
    items = list(items)
    random.Random(seed).shuffle(items)
    return items
