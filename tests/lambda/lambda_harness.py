"""Loopback harness for the Lambda mode (tests/lambda, tests/faults, tests/load): the real program
(GDSLACK_BOOTSTRAP) against the Runtime API stand-in and the Slack stand-in, all on 127.0.0.1. Nothing leaves the machine: fake AWS credentials, no IMDS.

`run_lambda(events, plan=...)` starts both stand-ins, runs the program with AWS_LAMBDA_RUNTIME_API and
SLACK_URL pointing at them, waits until every event is answered (or an init error arrived) and returns
a LambdaRun with the Runtime API report, the Slack request log and the program's output.
"""

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("GDSLACK_SOURCE_DIR") or Path(__file__).resolve().parents[2])
STANDINS = SOURCE_DIR / "tests" / "standins"
RUNTIME_STANDIN = STANDINS / "runtime_api_standin.py"
SLACK_STANDIN = STANDINS / "slack_standin.py"
EVENTS = SOURCE_DIR / "testdata" / "events"
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
sys.path.insert(0, str(SOURCE_DIR / "tests" / "secrets"))
import transcripts  # noqa: E402


def wait_for_file(path, timeout_s, what, procs=()):
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        if path.exists() and path.stat().st_size > 0:
            return path.read_text()
        for proc in procs:
            if proc.poll() is not None:
                raise AssertionError("%s exited (%s) before writing %s" % (what, proc.returncode, path.name))
        time.sleep(0.02)
    raise AssertionError("%s did not write %s within %ss" % (what, path.name, timeout_s))


def stop(proc, grace_s=3.0):
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _executable_from_env(var, example):
    path = os.environ.get(var)
    if not path:
        pytest.fail("%s is not set (e.g. %s)" % (var, example))
    if not os.access(path, os.X_OK):
        pytest.fail("%s=%s is not an executable file" % (var, path))
    return os.path.abspath(path)  # absolute: the Lambda runtime runs in its own LAMBDA_TASK_ROOT


def gdslack_bin():
    """The command line program."""
    return _executable_from_env("GDSLACK_BIN", "build/dev/src/cli/guardduty-slack")


def bootstrap_bin():
    """The Lambda runtime executable (the package's `bootstrap`)."""
    return _executable_from_env("GDSLACK_BOOTSTRAP", "build/dev/src/lambda/bootstrap")


class LambdaRun:
    """What one run produced."""

    def __init__(self, report, slack_requests, stdout, stderr, returncode, webhook_url, webhook_token):
        self.report = report                  # the Runtime API stand-in's report
        self.slack_requests = slack_requests  # one dict per request Slack saw
        self.stdout = stdout
        self.stderr = stderr
        self.returncode = returncode          # None: still running when the harness stopped it
        self.webhook_url = webhook_url
        self.webhook_token = webhook_token

    @property
    def invocations(self):
        return self.report["invocations"]

    def log_lines(self):
        """stderr lines that are JSON objects (the program's structured log)."""
        lines = []
        for line in self.stderr.splitlines():
            try:
                parsed = json.loads(line)
            except ValueError:
                continue
            if isinstance(parsed, dict):
                lines.append(parsed)
        return lines


def lambda_runner(tmp_path):
    """The run_lambda fixture's body, for other suites' conftests (tests/faults, tests/load)."""
    started = []

    def run(events, plan="ok", retry_after=1, timeout_ms=3000, slack_url=True, extra_env=None,
            wait_s=None, webhook_env=None, runtime_faults=(), slack_args=(), webhook_state=None,
            while_running=None):
        """events: list of str (event text) or Path (event file), handed out in order.
        webhook_env: a function of the stand-in's webhook URL returning the variables that deliver it
        (e.g. SLACK_URL_PARAMETER backed by the AWS stand-in) instead of SLACK_URL.
        runtime_faults: --fault specs for the Runtime API stand-in; slack_args: extra Slack stand-in flags
        (--rate, --burst, --time-scale); webhook_state: the run's webhook answers as in that state
        (archived, prohibited, ...); while_running(program): called every 20 ms while the program runs."""
        binary = bootstrap_bin()
        event_files = []
        for i, event in enumerate(events):
            if isinstance(event, Path):
                event_files.append(str(event))
            else:
                f = tmp_path / ("event-%02d.json" % i)
                f.write_text(event)
                event_files.append(str(f))

        runtime_port = tmp_path / "runtime.port"
        report_path = tmp_path / "runtime-report.json"
        runtime = subprocess.Popen(
            [PYTHON, str(RUNTIME_STANDIN), "--port-file", str(runtime_port), "--report", str(report_path),
             "--timeout-ms", str(timeout_ms), "--exit-when-done"]
            + ["--fault=" + f for f in runtime_faults] + event_files,
            stdin=subprocess.DEVNULL)
        started.append(runtime)
        runtime_api = wait_for_file(runtime_port, 10, "runtime stand-in", [runtime]).strip()

        # The token is the secret part of a webhook URL; it must never show in the program's output.
        token = "e2eSecret" + secrets.token_hex(12)
        transcripts.register_secret(token)
        webhook_path = "/services/T0E2E0000/B0E2E0000/" + token
        webhook_url = None
        slack_log = tmp_path / "slack.log"
        if slack_url:
            slack_port = tmp_path / "slack.port"
            state_args = ["--webhook", "%s=%s" % (webhook_path, webhook_state)] if webhook_state else []
            slack = subprocess.Popen(
                [PYTHON, str(SLACK_STANDIN), "--port-file", str(slack_port), "--log", str(slack_log),
                 "--plan", plan, "--retry-after", str(retry_after)] + list(slack_args) + state_args,
                stdin=subprocess.DEVNULL)
            started.append(slack)
            base = wait_for_file(slack_port, 10, "slack stand-in", [slack]).strip()
            webhook_url = base + webhook_path

        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "AWS_LAMBDA_RUNTIME_API": runtime_api,
            "AWS_LAMBDA_FUNCTION_NAME": "guardduty-slack",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128",
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "LAMBDA_TASK_ROOT": str(tmp_path),
            "_HANDLER": "bootstrap",
            "AWS_REGION": "us-east-1",
            "AWS_DEFAULT_REGION": "us-east-1",
            "TZ": ":UTC",
            "AWS_ACCESS_KEY_ID": "AKIDLOCALE2ETEST0000",
            "AWS_SECRET_ACCESS_KEY": "e2e-local-not-a-secret",
            "AWS_SESSION_TOKEN": "e2e-local",
            "AWS_EC2_METADATA_DISABLED": "true",
            # No Organizations lookups unless a test points AWS_ENDPOINT_URL at the AWS stand-in: tests
            # talk to 127.0.0.1 only (not even DNS for amazonaws.com).
            "ACCOUNT_NAMES_ONLY": "true",
        }
        for name in ("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
            transcripts.register_secret(env[name])
        if webhook_url and webhook_env is not None:
            env.update(webhook_env(webhook_url))
        elif webhook_url:
            env["SLACK_URL"] = webhook_url
        env.update(extra_env or {})

        stdout_path = tmp_path / "program.stdout"
        stderr_path = tmp_path / "program.stderr"
        with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
            program = subprocess.Popen([binary], env=env, cwd=str(tmp_path), stdin=subprocess.DEVNULL,
                                       stdout=out, stderr=err)
        started.append(program)

        budget = wait_s if wait_s is not None else 15 + len(events) * timeout_ms / 1000.0
        end = time.monotonic() + budget
        while runtime.poll() is None and time.monotonic() < end:
            if while_running is not None:
                while_running(program)
            if program.poll() is not None:
                # The program is gone before every event was answered: nothing more will come.
                time.sleep(0.5)
                break
            time.sleep(0.02)
        stop(runtime)  # if still running: writes the report as it stands
        # Every event answered: the program is blocked on /next, or failing it now that the stand-in is
        # gone (then it must exit non-zero by itself, as Lambda expects).
        try:
            program.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        returncode = program.poll()
        stop(program)
        for proc in started:
            stop(proc)

        report = json.loads(report_path.read_text()) if report_path.exists() else {
            "done": False, "init_error": None, "invocations": [], "violations": [], "next_calls": 0}
        slack_requests = []
        if slack_log.exists():
            slack_requests = [json.loads(line) for line in slack_log.read_text().splitlines() if line.strip()]
        stdout_text = stdout_path.read_text(errors="replace")
        stderr_text = stderr_path.read_text(errors="replace")
        transcripts.record("lambda", stdout_text, stderr_text)
        return LambdaRun(report, slack_requests, stdout_text, stderr_text, returncode, webhook_url, token)

    yield run
    for proc in started:
        stop(proc)
