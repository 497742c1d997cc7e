"""The daily summary end to end (issue 20): the real bootstrap in Lambda mode gets the scheduled event
{"gdslack": "daily-summary"} from the Runtime API stand-in, reads GuardDuty from the AWS stand-in (SigV4 verified by
botocore) in three Regions (two with findings, one without a detector), and posts one summary per `summary: daily`
destination to the Slack stand-in (Slack's rules). The expected numbers are computed here from the stand-in's
state, independently of the program; the posted payloads also pass Slack's own types (tests/slack_types)."""

import copy
import datetime
import json
import subprocess
import sys
from pathlib import Path

SOURCE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(SOURCE_DIR / "tests" / "routing"))
from conftest import AWS_STATE, EVENTS, AwsStandinProcess, StandinProcess, run_lambda  # noqa: E402

TEAM = ["111111111111", "222222222222"]
OTHER = "333333333333"
REGIONS = ["eu-west-1", "us-east-1", "ap-southeast-2"]  # ap-southeast-2: no detector
DETECTORS = {"eu-west-1": "12abc34d567e8fa901bc2d34e56789f0", "us-east-1": "0f98765e43d2cb109af8e765d43cba21"}
TYPES = ["Recon:EC2/PortProbeUnprotectedPort", "Backdoor:EC2/C&CActivity.B", "CryptoCurrency:EC2/BitcoinTool.B",
         "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", "Trojan:EC2/DNSDataExfiltration",
         "Discovery:S3/MaliciousIPCaller", "Impact:EC2/WinRMBruteForce"]
SEVERITIES = [1.0, 2.5, 4.0, 5.5, 6.9, 7.0, 8.0, 8.9, 9.0, 10.0]


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"


def findings(region, now, salt):
    """A varied, deterministic set: every band, several types and accounts, some older than a day, some archived."""
    template = json.loads((EVENTS / "corpus" / "Recon_EC2-PortProbeUnprotectedPort.json").read_text())["detail"]
    out = []
    for i in range(40 + salt):
        f = copy.deepcopy(template)
        f["id"] = "%032x" % (salt * 1000 + i)
        f["region"] = region
        f["accountId"] = (TEAM + [OTHER])[(i * 7 + salt) % 3]
        f["type"] = TYPES[(i * 3 + salt) % len(TYPES)]
        f["title"] = "Finding %d in %s" % (i, region)
        f["severity"] = SEVERITIES[(i * 3 + salt) % len(SEVERITIES)]
        age_hours = [1, 5, 12, 23, 30, 50][(i + salt) % 6]
        f["updatedAt"] = iso(now - datetime.timedelta(hours=age_hours))
        f["service"]["archived"] = i % 9 == 4
        out.append(f)
    return out


def band(severity):
    return "Critical" if severity >= 9 else "High" if severity >= 7 else "Medium" if severity >= 4 else "Low"


def expected(state, accounts, now):
    """What the summary must say for `accounts` (None = all), from the stand-in's state."""
    since = now - datetime.timedelta(hours=24)
    bands, types, open_high = {"Low": 0, "Medium": 0, "High": 0, "Critical": 0}, {}, 0
    for region in REGIONS:
        for f in state["guardduty"].get(region, {}).get("findings", []):
            if f["service"]["archived"] or (accounts and f["accountId"] not in accounts):
                continue
            if f["severity"] >= 7:
                open_high += 1
            updated = datetime.datetime.strptime(f["updatedAt"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)
            if updated >= since:
                bands[band(f["severity"])] += 1
                types[f["type"]] = types.get(f["type"], 0) + 1
    return bands, types, open_high


def texts(payload):
    """Every text of the payload's blocks, fields included, joined."""
    out = [payload["text"]]
    for block in payload["blocks"]:
        if "text" in block:
            out.append(block["text"]["text"])
        out += [f["text"] for f in block.get("fields", [])]
        out += [e["text"] for e in block.get("elements", [])]
    return "\n".join(out)


def run_summary(tmp_path, webhooks=None):
    """One scheduled invocation against the three stand-ins: (run, GuardDuty calls, Slack posts, state, now)."""
    now = datetime.datetime.now(datetime.timezone.utc)
    state = dict(AWS_STATE, guardduty={region: {"detector": DETECTORS[region], "findings": findings(region, now, salt)}
                                       for salt, region in enumerate(REGIONS[:2], start=1)})
    with StandinProcess(tmp_path, webhooks=webhooks) as slack:
        config = tmp_path / "routing.yaml"
        config.write_text(
            "summary_regions: [%s]\n" % ", ".join(REGIONS)
            + "destinations:\n"
            + "  team:\n    slack: {url: \"%s/services/T0/B0/team\"}\n    summary: daily\n" % slack.url
            + "  security:\n    slack: {url: \"%s/services/T0/B0/security\"}\n    summary: daily\n" % slack.url
            + "  quiet:\n    slack: {url: \"%s/services/T0/B0/quiet\"}\n" % slack.url
            + "routes:\n  - {name: team, match: {account: [%s]}, to: team}\n" % ", ".join('"%s"' % a for a in TEAM)
            + "default: {to: [security, quiet]}\n")
        with AwsStandinProcess(tmp_path, state) as aws:
            run = run_lambda(tmp_path, [json.dumps({"gdslack": "daily-summary"})],
                             {"AWS_ENDPOINT_URL": aws.url, "CONFIG_FILE": str(config)}, timeout_ms=15000)
            calls = [r for r in aws.requests() if r.get("service") == "guardduty"]
        posts = [r for r in slack.requests() if r["method"] == "POST" and r["posted"]]
    return run, calls, posts, state, now


def test_scheduled_summary_posts_the_numbers_guardduty_holds(tmp_path):
    run, calls, posts, state, now = run_summary(tmp_path)
    assert run.report["init_error"] is None, run.stderr
    [invocation] = run.invocations
    assert invocation["outcome"] == "response", run.stderr[-3000:]
    assert invocation["response"] == {"summaries_posted": 2, "regions_not_read": ["ap-southeast-2"]}
    # Every GuardDuty call was signed correctly for its Region; the Region without a detector was asked too.
    assert calls and all(c["verified"] for c in calls), calls
    assert {c["region"] for c in calls} == set(REGIONS)
    # One detector lookup per Region for the whole run, though two scopes were read.
    assert sorted(c["region"] for c in calls if c["action"] == "ListDetectors") == sorted(REGIONS)
    assert {c["action"] for c in calls} == {"ListDetectors", "GetFindingsStatistics", "ListFindings", "GetFindings"}

    by_path = {p["path"].rsplit("/", 1)[1]: json.loads(p["body"]) for p in posts}
    assert sorted(by_path) == ["security", "team"]  # "quiet" did not opt in
    for name, accounts in (("team", TEAM), ("security", None)):
        payload = by_path[name]
        text = texts(payload)
        bands, types, open_high = expected(state, accounts, now)
        total = sum(bands.values())
        assert payload["text"] == "GuardDuty daily summary: %d findings in the last 24 hours (1 Region not read)" % total
        for label, count in bands.items():
            assert "*%s*\n%d" % (label, count) in text, (label, count, text)
        # The top five types: each row's count is GuardDuty's, and none left out had more (ties may go either way).
        [section] = [b for b in payload["blocks"] if b.get("text", {}).get("text") == "*Top finding types*"]
        rows = [f["text"].split("\n") for f in section["fields"]]
        assert len(rows) == min(5, len(types))
        shown = {row[0].strip("`").replace("&amp;", "&"): int(row[1]) for row in rows}
        assert all(types[t] == n for t, n in shown.items()), (shown, types)
        assert all(n <= min(shown.values()) for t, n in types.items() if t not in shown), (shown, types)
        assert "Open High and Critical findings not acknowledged: %d*" % open_high in text
        assert "*ap-southeast-2*:" in text and "Regions read: eu-west-1, us-east-1" in text
        scope = "accounts %s" % ", ".join(TEAM) if accounts else "all accounts"
        assert scope in text

    # Slack's own types and limits (the same check as the corpus).
    jsonl = tmp_path / "summaries.jsonl"
    jsonl.write_text("".join(json.dumps(by_path[n]) + "\n" for n in sorted(by_path)))
    check = subprocess.run(["bash", str(SOURCE_DIR / "tests" / "slack_types" / "check_payloads.sh"), str(jsonl)],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_summary_slack_refuses_fails_the_invocation(tmp_path):
    run, _, posts, _, _ = run_summary(tmp_path, webhooks={"/services/T0/B0/team": "archived"})
    [invocation] = run.invocations
    assert invocation["outcome"] == "error", invocation
    assert invocation["error"]["errorType"] == "Function.DeliveryFailed"
    assert invocation["error"]["errorMessage"].startswith("1 of 2 summaries not delivered; first: team: ")
    # The other destination still got its summary.
    assert [p["path"] for p in posts] == ["/services/T0/B0/security"]
