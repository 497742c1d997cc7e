#!/usr/bin/env python3
"""Inputs for scripts/bench-cli.sh, generated from testdata/events/corpus (111 sample events):

  OUT/findings-10k.jsonl   10,000 findings as JSON Lines: the corpus events in turn, one per line, each with its
                           own finding id (a replay of a failure queue or a month of exports)
  OUT/array-50mb.json      a top-level JSON array of the corpus events in turn, pretty-printed as json.dumps(events, indent=2) would,
                           each with its own id, until the file passes 50 MiB (get-findings output saved whole)

Deterministic: the same files every run.  Usage: bench_cli_inputs.py OUT"""
import json
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "testdata" / "events" / "corpus"


def events():
    corpus = [json.loads(p.read_text()) for p in sorted(CORPUS.glob("*.json"))]
    i = 0
    while True:
        event = json.loads(json.dumps(corpus[i % len(corpus)]))
        # Each copy is its own finding: the id is what the pipeline and any reader key on.
        target = event.get("detail", event)
        key = "id" if "id" in target else "Id"
        target[key] = "bench%06d" % i
        yield event
        i += 1


def main(out):
    out.mkdir(parents=True, exist_ok=True)
    gen = events()
    with open(out / "findings-10k.jsonl", "w") as f:
        for _ in range(10000):
            f.write(json.dumps(next(gen), separators=(",", ":")) + "\n")
    gen = events()
    limit = 50 * 1024 * 1024
    with open(out / "array-50mb.json", "w") as f:
        f.write("[\n")
        size = 2
        first = True
        while size < limit:
            element = "  " + json.dumps(next(gen), indent=2).replace("\n", "\n  ")  # as json.dumps(list, indent=2)
            text = ("" if first else ",\n") + element
            f.write(text)
            size += len(text.encode())
            first = False
        f.write("\n]\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
