#!/usr/bin/python3
"""Turns valgrind lackey's memory trace of the bootstrap into a symbol-ordering file for lld.

Reads traces (lines "SB ADDR" with --trace-superblocks, or "I  ADDR,SIZE", " L ADDR,SIZE", " S ...", " M ..."
with --trace-mem), one file after another, maps each address inside
the executable to the symbol that contains it (`nm -S` of the same, unstripped binary), and writes the
symbols in the order they were first touched over the files, one per line, with the marker function
gdslack_init_text_end after the first file's. lld's --symbol-ordering-file then places the
sections holding them first in their output sections, so that what init touches sits on few, adjacent
pages (docs/PERFORMANCE.md §6, "Fourth round").

  valgrind --tool=lackey --trace-mem=yes --log-file=TRACE BOOTSTRAP; order_symbols.py BOOTSTRAP OUT TRACE...
"""
import bisect
import subprocess
import sys


# Placed right after the symbols of the first trace (init): see src/lambda_link/prefault.c.
MARKER = "gdslack_init_text_end"


def load_symbols(binary):
    out = subprocess.run(["nm", "-S", "-n", "--defined-only", binary], check=True, capture_output=True, text=True)
    starts, ends, names = [], [], []
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) != 4:
            continue  # no size: a label, not an object or function
        start, size = int(parts[0], 16), int(parts[1], 16)
        if size == 0:
            continue
        starts.append(start)
        ends.append(start + size)
        names.append(parts[3])
    return starts, ends, names


def main():
    binary, out_path, traces = sys.argv[1], sys.argv[2], sys.argv[3:]
    starts, ends, names = load_symbols(binary)
    lo, hi = starts[0], max(ends)
    seen, order = set(), []
    last = (0, 0)  # the range of the last symbol found: most accesses hit it again
    for trace in traces:
        with open(trace) as f:
            for line in f:
                fields = line.split()
                if len(fields) != 2 or fields[0] not in ("SB", "I", "L", "S", "M"):
                    continue
                addr = int(fields[1].split(",", 1)[0], 16)
                if addr < lo or addr >= hi or last[0] <= addr < last[1]:
                    continue
                i = bisect.bisect_right(starts, addr) - 1
                if i < 0 or addr >= ends[i]:
                    continue  # merged strings and other data without a symbol
                last = (starts[i], ends[i])
                if names[i] not in seen:
                    seen.add(names[i])
                    order.append(names[i])
        if trace == traces[0]:
            # src/lambda_link/prefault.c maps the text up to this function in one call at start.
            seen.add(MARKER)
            order.append(MARKER)
    if len(order) < 100:
        sys.exit("order_symbols: only %d symbols touched: the trace is not of a run through init" % len(order))
    with open(out_path, "w") as f:
        f.write("".join(name + "\n" for name in order))
    print("order_symbols: %d symbols -> %s" % (len(order), out_path))


if __name__ == "__main__":
    main()
