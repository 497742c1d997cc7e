#!/usr/bin/python3
"""The secrets sweep: reads every transcript the end-to-end suites recorded (tests/secrets/transcripts.py) and
fails if any holds a secret: a value from the ledger (the webhook tokens, AWS secret keys and session tokens the
runs handed to the program or that the AWS stand-in issued), or anything shaped like one — a Slack webhook path,
a Slack token (xox?-), an STS session token, an `aws_secret_access_key = ...` line.

Usage: sweep.py TRANSCRIPTS_DIR [--min-runs N]    exit 0 clean, 1 leak found or too few runs, 2 usage
ctest runs it after every pytest suite (FIXTURES_CLEANUP), so it sees all their runs.
"""

import argparse
import os
import re
import sys

from transcripts import LEDGER

PATTERNS = {
    "Slack webhook path": re.compile(r"/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{6,}"),
    "Slack workflow webhook path": re.compile(r"/(?:triggers|workflows)/T[A-Z0-9]+/[A-Za-z0-9/]{6,}"),
    "Slack token": re.compile(r"\bxox[abposre]-[A-Za-z0-9-]{6,}"),
    "STS session token": re.compile(r"(?:FwoGZXIvYXdz|IQoJb3JpZ2lu)[A-Za-z0-9/+=_-]{8,}"),
    "AWS secret key assignment": re.compile(r"(?i)(?:aws_secret_access_key|SecretAccessKey)[\"']?\s*[:=>]\s*[\"']?[A-Za-z0-9/+=_-]{16,}"),
}


def load_ledger(root):
    path = os.path.join(root, LEDGER)
    if not os.path.exists(path):
        return set()
    with open(path, encoding="utf-8") as f:
        return {line.strip() for line in f if len(line.strip()) >= 8}


def sweep(root):
    """(runs, findings): findings are "run/file: what" strings that never quote the secret itself."""
    secrets = load_ledger(root)
    findings = []
    runs = 0
    for run in sorted(os.listdir(root)):
        run_dir = os.path.join(root, run)
        if not os.path.isdir(run_dir):
            continue
        runs += 1
        for name in sorted(os.listdir(run_dir)):
            with open(os.path.join(run_dir, name), "rb") as f:
                text = f.read().decode("utf-8", "replace")
            for secret in secrets:
                if secret in text:
                    findings.append("%s/%s: a registered secret (%d characters, starts %r)"
                                    % (run, name, len(secret), secret[:3]))
            for what, pattern in PATTERNS.items():
                for m in pattern.finditer(text):
                    line = text.count("\n", 0, m.start()) + 1
                    findings.append("%s/%s:%d: %s" % (run, name, line, what))
    return runs, findings


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("root")
    ap.add_argument("--min-runs", type=int, default=1, help="fail if fewer program runs were recorded")
    args = ap.parse_args(argv)
    if not os.path.isdir(args.root):
        print("sweep: no transcripts directory %s (did the suites run with GDSLACK_TRANSCRIPTS?)" % args.root)
        return 1
    runs, findings = sweep(args.root)
    print("sweep: %d program runs, %d registered secrets checked" % (runs, len(load_ledger(args.root))))
    for f in findings:
        print("LEAK " + f)
    if runs < args.min_runs:
        print("sweep: only %d runs recorded, expected at least %d" % (runs, args.min_runs))
        return 1
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
