"""Load: 10,000 findings through SQS batch mode against the Slack stand-in enforcing its per-webhook rate limit
(time-scaled so the run fits the suite). Every finding is delivered or returned in batchItemFailures, none is
shown twice, every invocation answers before its deadline, and the program's resident memory stays flat (no
upward trend of 1 MB or more over the last 5,000 findings, after a warm-up of 5,000 that fills the de-duplication
cache and lets the allocator settle). Figures go to stdout (run with -s) and the numbers recorded in docs/PERFORMANCE.md come from this test.

Scale: Slack allows about 1 message/s per webhook; the stand-in runs its limiter 100x faster (100/s, burst 50),
so 10,000 findings take about 100 s. The program does not pace itself in Lambda mode: it posts until Slack
answers 429 and honours Retry-After (rounded to whole real seconds by the scaled stand-in, so mostly 0 plus the
program's jitter), which the run exercises many times.
"""

import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("GDSLACK_SOURCE_DIR") or HERE.parents[1])
sys.path.insert(0, str(SOURCE_DIR / "tests" / "faults"))
from accounting import sqs_batch  # noqa: E402

FINDINGS = 10_000
PER_BATCH = 100
TEMPLATE = json.loads((SOURCE_DIR / "testdata" / "events" / "corpus" / "Recon_EC2-PortProbeUnprotectedPort.json").read_text())
FID = re.compile(r"fId=(load-[0-9]+)")
RSS_LIMIT_KB = 1024
# 5,000 findings. It was 2,000 until 2026-12-08, when resident memory was seen still rising ~1.8 MB through the
# first ~2,500 findings of the window and then lying flat to the end, in two runs of this build and one of the
# build before it (trends 1,108-1,428 kB against a 1,024 kB limit): allocator warm-up, not a leak.
WARMUP_BATCHES = 50


def rss_kb(pid):
    """(VmRSS, RssAnon) in kB, or None once the process is gone."""
    fields = {}
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(("VmRSS:", "RssAnon:")):
                    fields[line.split(":")[0]] = int(line.split()[1])
    except OSError:
        return None
    return (fields["VmRSS"], fields["RssAnon"]) if len(fields) == 2 else None


def batches():
    out = []
    for b in range(FINDINGS // PER_BATCH):
        records = []
        for i in range(PER_BATCH):
            n = b * PER_BATCH + i
            e = json.loads(json.dumps(TEMPLATE))
            e["id"] = "ev-load-%05d" % n
            e["detail"]["id"] = "load-%05d" % n
            records.append(("msg-%05d" % n, json.dumps(e)))
        out.append(sqs_batch(records))
    return out


def test_ten_thousand_findings_through_sqs_batches(run_lambda, tmp_path):
    samples = []  # (Unix ms, RSS kB)
    start = time.monotonic()

    def sample(program):
        now_ms = time.time() * 1000
        if samples and now_ms - samples[-1][0] < 200:
            return
        kb = rss_kb(program.pid)
        if kb is not None:
            samples.append((now_ms, kb))

    # The product paces each webhook (~1 message/s by default); this run's stand-in clock is 100x faster, so the
    # routing file paces at the same scaled rate and burst, and never digests (every finding is its own post).
    config = tmp_path / "load-config.yaml"
    config.write_text("destinations:\n  slack:\n    slack: {}\n    digest_after: 1000\n"
                      "    pace: {interval_ms: 10, burst: 50}\ndefault: {to: slack}\n")
    run = run_lambda(batches(), timeout_ms=20000, wait_s=240, while_running=sample, extra_env={"CONFIG_FILE": str(config)},
                     slack_args=["--rate", "1", "--time-scale", "100", "--burst", "50"])
    elapsed = time.monotonic() - start

    invocations = run.invocations
    assert run.report["violations"] == [], run.report["violations"]
    assert len(invocations) == FINDINGS // PER_BATCH and all(inv["outcome"] == "response" for inv in invocations), \
        [inv["outcome"] for inv in invocations if inv["outcome"] != "response"][:5]
    assert all(inv["before_deadline"] for inv in invocations)
    returned = set()
    for inv in invocations:
        returned |= {f["itemIdentifier"] for f in inv["response"]["batchItemFailures"]}

    shown = Counter()
    throttled = 0
    for r in run.slack_requests:
        if r["status"] == 429:
            throttled += 1
        m = FID.search(r["body"])
        if m and r["posted"]:
            shown[m.group(1)] += 1
    assert max(shown.values()) == 1, [k for k, v in shown.items() if v > 1][:5]
    for n in range(FINDINGS):
        fid, mid = "load-%05d" % n, "msg-%05d" % n
        assert shown[fid] == 1 or mid in returned, "finding %s neither delivered nor returned" % fid
    assert throttled > 0, "the stand-in never enforced its rate: the run proves nothing about 429 handling"

    # Memory: from the end of the warm-up to the end of the run. Warm-up is the first WARMUP_BATCHES batches:
    # the de-duplication cache fills to its 1,024 entries and the allocator's arenas settle. A leak of ~300 bytes
    # or more per finding still moves the window's last quarter 1 MB above its first. After that the heap
    # still breathes with each 100-finding batch (glibc's heap top grows and shrinks: measured swings of
    # 0.3-1.0 MB up and down, the same for the build before issue 13), so a single early sample against the
    # peak says nothing. A leak trends: the median of the last quarter of the window must stay within
    # RSS_LIMIT_KB of the median of its first quarter.
    warm_from_ms = sorted(inv["answered_ms"] for inv in invocations)[WARMUP_BATCHES - 1]
    warm = [kb for t, kb in samples if t >= warm_from_ms]
    assert len(warm) >= 20, "too few RSS samples: %r" % samples[:5]
    quarter = len(warm) // 4

    def median(values):
        values = sorted(values)
        return values[len(values) // 2]

    trend = median(rss for rss, _ in warm[-quarter:]) - median(rss for rss, _ in warm[:quarter])
    anon_trend = median(anon for _, anon in warm[-quarter:]) - median(anon for _, anon in warm[:quarter])
    swing = max(rss for rss, _ in warm) - min(rss for rss, _ in warm)
    accepted = len(shown)
    print("\nLOAD findings=%d delivered=%d returned=%d requests=%d throttled=%d elapsed_s=%.1f rate_per_s=%.0f "
          "rss_first_kb=%d rss_warm_kb=%d rss_max_kb=%d rss_end_kb=%d trend_kb=%d anon_trend_kb=%d swing_kb=%d"
          % (FINDINGS, accepted, len(returned), len(run.slack_requests), throttled, elapsed, accepted / elapsed,
             samples[0][1][0], warm[0][0], max(rss for rss, _ in warm), warm[-1][0], trend, anon_trend, swing))
    step = max(1, len(warm) // 10)
    print("LOAD rss_kb over the measured window: %s" % " ".join(str(rss) for rss, _ in warm[::step]))
    assert trend < RSS_LIMIT_KB, "resident memory trends up by %d kB over the last 5,000 findings (anonymous: %d kB)" % (
        trend, anon_trend)
