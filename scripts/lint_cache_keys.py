#!/usr/bin/python3
"""Prints one line "KEY FILE" per translation unit given, for scripts/lint.sh's clang-tidy cache.

KEY is a SHA-256 over what clang-tidy's verdict on the file depends on: the file's preprocessed text (its own
lines and every header it includes, with the checkout's path removed so that another clone of the same tree
gets the same key), its compile flags, .clang-tidy, and clang-tidy's version line. A file whose key was
already checked clean is not checked again, as ccache does for compiles. Usage:
  lint_cache_keys.py COMPILE_COMMANDS_JSON SOURCE_DIR FINGERPRINT FILE...
"""
import hashlib
import json
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor


def main():
    commands_path, source_dir, fingerprint = sys.argv[1:4]
    source_dir = source_dir.rstrip("/")  # also where it ends a string, as in -DGDSLACK_SOURCE_DIR="/path"
    files = sys.argv[4:]
    with open(commands_path) as f:
        commands = {entry["file"]: entry for entry in json.load(f)}

    def key(path):
        entry = commands.get(path)
        if entry is None:
            return None  # not in the build: never cached, always checked
        args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
        out = [a for a in args]
        if "-o" in out:
            i = out.index("-o")
            del out[i:i + 2]
        pre = subprocess.run(out + ["-E", "-o", "-"], cwd=entry["directory"], capture_output=True)
        if pre.returncode != 0:
            return None
        h = hashlib.sha256()
        h.update(fingerprint.encode())
        h.update(" ".join(out).replace(source_dir, "").encode())
        h.update(pre.stdout.replace(source_dir.encode(), b""))
        return h.hexdigest()

    with ThreadPoolExecutor(max_workers=4) as pool:
        for path, k in zip(files, pool.map(key, files)):
            print("%s %s" % (k or "-", path))


if __name__ == "__main__":
    main()
