"""Records what the program under test printed, for the secrets sweep (tests/secrets/test_secrets_sweep.py).

Every end-to-end harness calls record() once per program run. When GDSLACK_TRANSCRIPTS names a directory
(ctest sets it for every pytest suite), the program's stdout, stderr and any log files are copied there, one
directory per run, named after the test; the sweep reads them all at the end. Without the variable nothing
is recorded (a suite run by hand), and the sweep's own checks still run on its self-test transcripts.
"""

import os
import re
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "standins"))
from child_process import LEDGER, register_issued_secrets  # noqa: E402


def _run_dir(kind):
    root = os.environ.get("GDSLACK_TRANSCRIPTS")
    if not root:
        return None
    test = os.environ.get("PYTEST_CURRENT_TEST", "unknown").split(" ")[0]
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", test)[-150:]
    path = os.path.join(root, "%s-%s-%s" % (kind, name, uuid.uuid4().hex[:8]))
    os.makedirs(path, exist_ok=True)
    return path


def record(kind, stdout, stderr, logs=None):
    """kind: "lambda", "cli", ...; stdout/stderr: text or bytes; logs: {name: text} of other program output."""
    path = _run_dir(kind)
    if path is None:
        return
    streams = {"stdout": stdout, "stderr": stderr}
    streams.update(logs or {})
    for name, text in streams.items():
        data = text if isinstance(text, bytes) else (text or "").encode("utf-8", "replace")
        with open(os.path.join(path, name), "wb") as f:
            f.write(data)



def register_secret(value):
    """Adds a secret the run handed to the program (webhook token, AWS secret key, session token) to the
    ledger the sweep checks every transcript against (the same ledger the AWS stand-in adds issued keys to)."""
    register_issued_secrets(value)
