"""Harness for the routing end-to-end tests: the real program in Lambda mode against the Runtime API
stand-in, the Slack stand-in (its per-webhook rate limit included, time-scaled) and optionally the AWS
stand-in, all on 127.0.0.1. Reuses the Lambda harness's helpers (tests/lambda/conftest.py)."""

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("GDSLACK_SOURCE_DIR") or Path(__file__).resolve().parents[2])
sys.path.insert(0, str(SOURCE_DIR / "tests" / "lambda"))
sys.path.insert(0, str(SOURCE_DIR / "tests" / "secrets"))
import lambda_harness as harness  # noqa: E402
import transcripts  # noqa: E402  (records each run for the secrets sweep)
sys.path.insert(0, str(harness.STANDINS))
from slack_standin import StandinProcess  # noqa: E402
from aws_standin import AwsStandinProcess  # noqa: E402,F401

EVENTS = SOURCE_DIR / "testdata" / "events"
EXAMPLE_CONFIG = SOURCE_DIR / "config" / "example.yaml"
KEY = "AKIDLOCALE2ETEST0000"
AWS_STATE = {"access_keys": {KEY: {"secret": "e2e-local-not-a-secret", "session_token": "e2e-local"}}}


def gdslack(*args, env=None, stdin=None, timeout=120):
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent", "LANG": "C.UTF-8"}
    base.update(env or {})
    r = subprocess.run([harness.gdslack_bin(), *args], env=base, input=stdin, capture_output=True, text=True,
                       timeout=timeout)
    transcripts.record("cli", r.stdout, r.stderr)
    return r


class Run:
    def __init__(self, report, stderr, returncode):
        self.report = report
        self.stderr = stderr
        self.returncode = returncode

    # The Lambda harness's readers work on the same fields.
    invocations = harness.LambdaRun.invocations
    log_lines = harness.LambdaRun.log_lines


def run_lambda(tmp_path, event_texts, env, timeout_ms=3000, wait_s=None, tag="run"):
    """Runs the program in Lambda mode over `event_texts` (one invocation each); `env` adds to the
    harness environment (SLACK_URL, CONFIG_FILE, ...). Returns a Run once every event was answered."""
    work = tmp_path / tag
    work.mkdir()
    files = []
    for i, text in enumerate(event_texts):
        f = work / ("event-%04d.json" % i)
        f.write_text(text)
        files.append(str(f))
    port_file, report_path = work / "runtime.port", work / "report.json"
    runtime = subprocess.Popen(
        [harness.PYTHON, str(harness.RUNTIME_STANDIN), "--port-file", str(port_file), "--report", str(report_path),
         "--timeout-ms", str(timeout_ms), "--exit-when-done"] + files, stdin=subprocess.DEVNULL)
    program = None
    try:
        runtime_api = harness.wait_for_file(port_file, 10, "runtime stand-in", [runtime]).strip()
        full_env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
            "AWS_LAMBDA_RUNTIME_API": runtime_api, "AWS_LAMBDA_FUNCTION_NAME": "guardduty-slack",
            "LAMBDA_TASK_ROOT": str(work), "AWS_REGION": "us-east-1", "TZ": ":UTC",
            "AWS_ACCESS_KEY_ID": KEY, "AWS_SECRET_ACCESS_KEY": "e2e-local-not-a-secret",
            "AWS_SESSION_TOKEN": "e2e-local", "AWS_EC2_METADATA_DISABLED": "true", "ACCOUNT_NAMES_ONLY": "true",
        }
        full_env.update(env)
        stderr_path = work / "program.stderr"
        with open(stderr_path, "wb") as err:
            program = subprocess.Popen([harness.bootstrap_bin()], env=full_env, cwd=str(work), stdin=subprocess.DEVNULL,
                                       stdout=subprocess.DEVNULL, stderr=err)
        end = time.monotonic() + (wait_s if wait_s is not None else 20 + len(files) * timeout_ms / 1000.0)
        while runtime.poll() is None and time.monotonic() < end:
            if program.poll() is not None:
                time.sleep(0.5)
                break
            time.sleep(0.02)
        harness.stop(runtime)
        harness.stop(program)
        report = json.loads(report_path.read_text())
        stderr_text = stderr_path.read_text(errors="replace")
        for name in ("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
            if full_env.get(name):
                transcripts.register_secret(full_env[name])
        transcripts.record("lambda", "", stderr_text)
        return Run(report, stderr_text, program.returncode)
    finally:
        harness.stop(runtime)
        harness.stop(program)


@pytest.fixture
def webhook_token():
    token = "routeSecret" + secrets.token_hex(12)
    transcripts.register_secret(token)  # the secret part of the webhook URL: never in the program's output
    return token
