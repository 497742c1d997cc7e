"""`guardduty-slack check-config`, `route`, and `send --config` on 127.0.0.1."""

import json

from conftest import EVENTS, EXAMPLE_CONFIG, StandinProcess, gdslack


def test_check_config_prints_the_tree():
    r = gdslack("check-config", str(EXAMPLE_CONFIG))
    assert r.returncode == 0, r.stderr
    for needle in ("page-on-critical (line ", "production-high", "on-call-sms: sns arn:aws:sns:", "mutes:"):
        assert needle in r.stdout


def test_check_config_rejects_a_broken_file_with_line_and_key(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE_CONFIG.read_text().replace("update_policy: first", "update_policy: sometimes"))
    r = gdslack("check-config", str(bad))
    assert r.returncode == 2
    line = next(i for i, l in enumerate(bad.read_text().splitlines(), 1) if "sometimes" in l)
    assert r.stderr == "guardduty-slack: %s:%d: routes[2].update_policy: expected all, first or escalations\n" % (bad, line)
    assert r.stdout == ""
    r = gdslack("check-config", str(tmp_path / "missing.yaml"))
    assert r.returncode == 2 and "cannot read" in r.stderr


def test_route_explains_every_sample_event():
    files = sorted((EVENTS / "corpus").glob("*.json")) + sorted((EVENTS / "demo").glob("*.json"))
    r = gdslack("route", "--config", str(EXAMPLE_CONFIG), *map(str, files))
    assert r.returncode == 0, r.stderr
    blocks = [b for b in r.stdout.split("\n") if b and not b.startswith(" ")]
    assert len(blocks) == len(files)
    for f in files:
        fid = json.loads(f.read_text()).get("detail", {}).get("id") or json.loads(f.read_text())["id"]
        chunk = r.stdout.split(fid, 1)[1].split("\n", 1)[1]
        first = next(l for l in chunk.splitlines() if l.strip().startswith("=>"))
        assert first.strip().startswith(("=> security", "=> on-call-sms", "=> non-production", "=> muted",
                                         "=> dropped", "=> filtered")), (f, first)
    assert "=> muted: muted until 2026-12-31" in r.stdout
    assert "=> on-call-sms via page-on-critical" in r.stdout


def test_send_with_config_mutes_drops_and_digests(tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text("""
destinations:
  chat:
    slack: {}
    digest_after: 2
    pace: {interval_ms: 0}
routes:
  - name: sandbox
    match: {account: "123412341234"}
    drop: true
default: {to: chat}
mutes:
  - reason: known scanner
    match: {type: "Recon:EC2/Portscan"}
    until: 2999-12-31
""")
    names = ["Recon_EC2-Portscan.json", "Discovery_Kubernetes-TorIPCaller.json", "Backdoor_EC2-Spambot.json",
             "Stealth_S3-ServerAccessLoggingDisabled.json", "Policy_S3-BucketBlockPublicAccessDisabled.json",
             "Backdoor_EC2-C_CActivity.B.json"]
    with StandinProcess(tmp_path) as slack:
        r = gdslack("send", "--config", str(config), *[str(EVENTS / "corpus" / n) for n in names],
                    env={"SLACK_URL": slack.url + "/services/T0/B0/cliRouteSecret"})
        bodies = [q["body"] for q in slack.requests() if q["posted"]]
    assert r.returncode == 0, r.stderr
    assert "not sent (muted): muted until 2999-12-31: known scanner" in r.stderr
    assert "not sent (dropped): dropped by route sandbox" in r.stderr
    assert len(bodies) == 2  # the C&C finding (High) alone, then one digest of the three lower ones
    assert "GuardDuty digest: 3 findings" in bodies[1]
    assert "cliRouteSecret" not in r.stderr
