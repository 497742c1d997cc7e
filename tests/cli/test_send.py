"""`guardduty-slack send` and `demo` against the Slack stand-in on 127.0.0.1: pacing, progress, exit codes,
replay of get-findings output, and the webhook URL never shown."""

import json
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("GDSLACK_SOURCE_DIR") or Path(__file__).resolve().parents[2])
sys.path.insert(0, str(SOURCE_DIR / "tests" / "standins"))
from slack_standin import StandinProcess  # noqa: E402

sys.path.insert(0, str(SOURCE_DIR / "tests" / "secrets"))
import transcripts  # noqa: E402  (records each run for the secrets sweep)

CORPUS = SOURCE_DIR / "testdata" / "events" / "corpus"
EDGE = SOURCE_DIR / "testdata" / "events" / "edge"
TOKEN = "cliSecretToken0123456789"


def gdslack(*args, env=None, stdin=None):
    binary = os.environ.get("GDSLACK_BIN")
    if not binary:
        pytest.fail("GDSLACK_BIN is not set")
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent"}
    base.update(env or {})
    r = subprocess.run([binary, *args], env=base, input=stdin, capture_output=True, text=True, timeout=120)
    transcripts.register_secret(TOKEN)
    transcripts.record("cli", r.stdout, r.stderr)
    return r


def webhook(slack):
    return slack.url + "/services/T0CLI0000/B0CLI0000/" + TOKEN


def posts(slack):
    return [r for r in slack.requests() if r["method"] == "POST"]


def test_send_paces_posts_and_reports_progress(tmp_path):
    files = [CORPUS / "Backdoor_EC2-Spambot.json", CORPUS / "Recon_EC2-Portscan.json", CORPUS / "Trojan_EC2-DropPoint.json"]
    with StandinProcess(tmp_path) as slack:
        start = time.monotonic()
        r = gdslack("send", "--interval-ms", "300", *map(str, files), env={"SLACK_URL": webhook(slack)})
        elapsed = time.monotonic() - start
        got = posts(slack)
    assert r.returncode == 0, r.stderr
    assert len(got) == 3
    assert elapsed >= 0.6  # two gaps of 300 ms between three posts
    # Not a terminal: no progress line, only the tally.
    assert "guardduty-slack: 3 findings: 3 posted, 0 duplicate, 0 muted, 0 failed\n" in r.stderr, r.stderr
    assert "\r" not in r.stderr and "done " not in r.stderr
    assert TOKEN not in r.stdout + r.stderr
    assert all(p["headers"].get("Content-Type", p["headers"].get("content-type")) == "application/json" for p in got)


def test_send_permanent_404_exits_one_with_slacks_error_and_host_only(tmp_path):
    with StandinProcess(tmp_path, plan="404:channel_not_found") as slack:
        r = gdslack("send", str(CORPUS / "Backdoor_EC2-Spambot.json"), env={"SLACK_URL": webhook(slack)})
        got = posts(slack)
    assert r.returncode == 1
    assert len(got) == 1  # permanent: not retried
    assert "channel_not_found" in r.stderr
    assert TOKEN not in r.stdout + r.stderr


def test_send_retries_500_then_delivers(tmp_path):
    with StandinProcess(tmp_path, plan="500,reset,ok") as slack:
        r = gdslack("send", str(CORPUS / "Backdoor_EC2-Spambot.json"), env={"SLACK_URL": webhook(slack)})
        got = posts(slack)
    assert r.returncode == 0, r.stderr
    assert len(got) == 3
    assert TOKEN not in r.stdout + r.stderr


def test_send_bad_file_and_good_file_exit_two_after_delivering_the_good_one(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"detail": ')
    with StandinProcess(tmp_path) as slack:
        r = gdslack("send", str(bad), str(CORPUS / "Backdoor_EC2-Spambot.json"), env={"SLACK_URL": webhook(slack)})
        got = posts(slack)
    assert r.returncode == 2
    assert len(got) == 1
    assert "bad.json: byte" in r.stderr


def test_send_replays_get_findings_output_from_stdin(tmp_path):
    text = (EDGE / "get-findings.json").read_text()
    with StandinProcess(tmp_path) as slack:
        r = gdslack("send", "--interval-ms", "0", "-", env={"SLACK_URL": webhook(slack)}, stdin=text)
        got = posts(slack)
    assert r.returncode == 0, r.stderr
    assert len(got) >= 1


def test_demo_delivers_bundled_samples_when_slack_url_set(tmp_path):
    with StandinProcess(tmp_path) as slack:
        r = gdslack("demo", env={"SLACK_URL": webhook(slack)})
        got = posts(slack)
    assert r.returncode == 0, r.stderr
    assert len(got) == 2
    assert "block-kit-builder" in r.stdout
    assert TOKEN not in r.stdout + r.stderr


def test_send_json_lines_with_one_bad_line_delivers_the_rest(tmp_path):
    """Issue 17: a malformed line in JSON Lines gets its own one-line error (file and line); every other finding
    is delivered, and the exit code (2) says some input was bad."""
    good = [(CORPUS / name).read_text().replace("\n", " ") for name in
            ("Backdoor_EC2-Spambot.json", "Recon_EC2-Portscan.json", "Trojan_EC2-DropPoint.json")]
    lines = tmp_path / "replay.jsonl"
    lines.write_text(good[0] + "\n" + '{"detail": {"id": "truncated' + "\n" + good[1] + "\n" + good[2] + "\n")
    with StandinProcess(tmp_path) as slack:
        r = gdslack("send", "--interval-ms", "10", str(lines), env={"SLACK_URL": webhook(slack)})
        got = posts(slack)
    assert r.returncode == 2, r.stderr
    assert len(got) == 3, r.stderr
    errors = [l for l in r.stderr.splitlines() if "syntax error" in l]
    assert len(errors) == 1 and (str(lines) + ": line 2: byte ") in errors[0], r.stderr
    assert TOKEN not in r.stdout + r.stderr


def replay_lines(count, repeat_first):
    """`count` distinct findings (one High event with its id varied), then the first `repeat_first` again."""
    event = json.loads((CORPUS / "Backdoor_EC2-Spambot.json").read_text())
    lines = []
    for i in list(range(count)) + list(range(repeat_first)):
        event["detail"]["id"] = "stream%04d" % i
        lines.append(json.dumps(event))
    return "\n".join(lines) + "\n"


def test_send_streams_in_batches_and_the_ledger_spans_them(tmp_path):
    """Issue 21: send reads and delivers in batches of 100; a finding version already posted in an earlier batch
    is a duplicate, not a second post; the tally counts every finding."""
    replay = tmp_path / "replay.jsonl"
    replay.write_text(replay_lines(120, 10))
    with StandinProcess(tmp_path, rate=0) as slack:
        r = gdslack("send", "--interval-ms", "0", str(replay), env={"SLACK_URL": webhook(slack)})
        got = posts(slack)
    assert r.returncode == 0, r.stderr
    assert len(got) == 120, r.stderr
    assert "guardduty-slack: 130 findings: 120 posted, 10 duplicate, 0 muted, 0 failed\n" in r.stderr, r.stderr
    assert TOKEN not in r.stdout + r.stderr


def test_send_on_a_terminal_redraws_progress_in_place_then_tallies(tmp_path):
    """On a terminal (stderr is a pty) a progress line is redrawn in place ("\\r", cleared to the end of the
    line) with findings done of the total and posts; the tally follows on its own line."""
    replay = tmp_path / "replay.jsonl"
    replay.write_text(replay_lines(5, 0))
    binary = os.environ.get("GDSLACK_BIN") or pytest.fail("GDSLACK_BIN is not set")
    master, slave = pty.openpty()
    with StandinProcess(tmp_path, rate=0) as slack:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent", "SLACK_URL": webhook(slack)}
        proc = subprocess.Popen([binary, "send", "--interval-ms", "100", str(replay)], env=env,
                                stdout=subprocess.DEVNULL, stderr=slave)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        code = proc.wait(timeout=60)
        os.close(master)
    text = b"".join(chunks).decode()
    transcripts.record("cli", "", text)
    assert code == 0, text
    assert "\rguardduty-slack: done 5 of 5, 5 posts, 0 failed\x1b[K" in text, repr(text)
    assert "\r\x1b[Kguardduty-slack: 5 findings: 5 posted, 0 duplicate, 0 muted, 0 failed\r\n" in text, repr(text)
    assert TOKEN not in text
