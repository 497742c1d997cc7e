"""Secrets never reach what the program prints: CLI usage errors with a webhook URL in the wrong place, and
the sweep's own ability to find a leak (so a clean sweep means something)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import sweep  # noqa: E402
import transcripts  # noqa: E402

TOKEN = "usageSecretToken0123456789"
URL = "https://hooks.slack.com/services/T0USAGE00/B0USAGE00/" + TOKEN
LOCAL = "http://127.0.0.1:9/services/T0USAGE00/B0USAGE00/" + TOKEN


def gdslack(*args, env=None):
    binary = os.environ.get("GDSLACK_BIN")
    if not binary:
        pytest.fail("GDSLACK_BIN is not set")
    base = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent"}
    base.update(env or {})
    r = subprocess.run([binary, *args], env=base, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    transcripts.register_secret(TOKEN)
    transcripts.record("cli", r.stdout, r.stderr)
    return r


@pytest.mark.parametrize("args", [
    ["send", URL],                          # the URL as the file to send
    ["render", URL],
    ["send", LOCAL, "--format", "blocks"],
    ["send", "--format", URL, "x.json"],    # as a flag's value
    ["send", "--interval-ms", URL],
    ["--interval-ms", URL, "send"],         # flag before the subcommand: "not expected"
    ["send", "--bogus", URL],
    [URL],                                  # no subcommand at all
    ["send", "--webhook-url", URL + "x", "-"],  # not a usable file either: stdin is empty
    ["send", "--webhook-url", "ftp://hooks.slack.com/services/T0USAGE00/B0USAGE00/" + TOKEN, "x.json"],
])
def test_usage_errors_never_echo_the_url(args):
    r = gdslack(*args)
    assert r.returncode == 2, (args, r.returncode)
    assert TOKEN not in r.stdout + r.stderr, r.stderr
    assert "/services/" not in r.stderr, r.stderr
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert lines and all(line.startswith("guardduty-slack: ") for line in lines), r.stderr


def test_webhook_url_in_the_environment_is_never_printed(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"detail": ')
    r = gdslack("send", str(bad), env={"SLACK_URL": URL})
    assert r.returncode == 2
    assert TOKEN not in r.stdout + r.stderr


def test_sweep_finds_every_kind_of_leak(tmp_path, monkeypatch):
    monkeypatch.setenv("GDSLACK_TRANSCRIPTS", str(tmp_path))
    monkeypatch.setenv("PYTEST_CURRENT_TEST", "selftest (call)")
    transcripts.register_secret("registeredSecret123")
    transcripts.record("selftest", "clean output\n", "also clean: https://hooks.slack.com/***\n")
    assert sweep.sweep(str(tmp_path)) == (1, [])
    leaks = {
        "registered": "posted to registeredSecret123",
        "webhook": "POST https://hooks.slack.com/services/T0ABC/B0DEF/abcdefgh1234",
        "slack token": "Authorization: Bearer xoxb-1234-5678-abcdef",
        "sts token": "token FwoGZXIvYXdzEabcdefghijklmnop",
        "secret key": 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    }
    for what, text in leaks.items():
        transcripts.record("selftest", "", "line one\n" + text + "\n")
    runs, findings = sweep.sweep(str(tmp_path))
    assert runs == 1 + len(leaks)
    assert len(findings) == len(leaks), findings
    assert not any("registeredSecret123" in f or "abcdefgh1234" in f for f in findings), "findings quote the secret"
    assert subprocess.run([sys.executable, str(HERE / "sweep.py"), str(tmp_path)], capture_output=True).returncode == 1
