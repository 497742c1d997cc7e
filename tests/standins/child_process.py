"""What every stand-in shares. In the stand-in: write_atomically / publish_url (the port-file handshake) and
serve_until_stopped.
For callers (pytest): StandinChild runs one stand-in script as a child process, waits until it has written its
base URL to the port file, reads its JSON-lines request log, and stops it. The C++ tests have the same
launcher in standin_process.h."""

import json
import os
import signal
import subprocess
import threading
import time


def write_atomically(path, text):
    """Readers poll for the file; they must never see it half written."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def publish_url(url, port_file):
    """Tells the launcher where the stand-in listens: the port file if given, else stdout."""
    if port_file:
        write_atomically(port_file, url + "\n")
    else:
        print(url, flush=True)


def serve_until_stopped(server):
    """Serves until SIGTERM/SIGINT, or until the parent process goes away (a killed test run must not leave
    stand-ins listening). Returns 0, the stand-in's exit code."""
    def stop(*_):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    parent = os.getppid()

    def watch_parent():
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                stop()
                return

    threading.Thread(target=watch_parent, daemon=True).start()
    server.serve_forever()
    return 0


class StandinChild:
    def __init__(self, script, workdir, name, args, python="/usr/bin/python3"):
        self.port_file = os.path.join(str(workdir), name + ".url")
        self.log_path = os.path.join(str(workdir), name + ".jsonl")
        self.proc = subprocess.Popen([python, script, "--port-file", self.port_file, "--log", self.log_path] + args)
        self.url = None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if os.path.exists(self.port_file):
                with open(self.port_file, encoding="utf-8") as f:
                    self.url = f.read().strip()
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        self.stop()
        raise RuntimeError("%s did not start" % name)

    def requests(self):
        """Every request logged so far, as dicts, in arrival order."""
        if not os.path.exists(self.log_path):
            return []
        with open(self.log_path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False


LEDGER = "secrets.ledger"  # in GDSLACK_TRANSCRIPTS: one secret per line


def register_issued_secrets(*values):
    """A stand-in that issues credentials (AssumeRole) adds them to the secrets sweep's ledger when the suite
    records transcripts (GDSLACK_TRANSCRIPTS, see tests/secrets/transcripts.py), so the sweep checks the
    program never prints them."""
    root = os.environ.get("GDSLACK_TRANSCRIPTS")
    if not root:
        return
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, LEDGER), "a", encoding="utf-8") as f:
        for value in values:
            if value and len(value) >= 8:
                f.write(value + "\n")
