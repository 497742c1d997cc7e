#!/usr/bin/env python3
"""Turns the shared harness's summaries written by scripts/bench-lambda.sh into the tables of
docs/PERFORMANCE.md (sections 3 and 5). Usage: bench_lambda_report.py OUT ZIP_X86_64 [ZIP_ARM64]

Every figure comes from OUT/<peer>-<mode>.json (measure.sh's summary) and OUT/<peer>-<mode>/run-K.json
(its per-run reports), all from the same invocation of bench-lambda.sh. Definitions are the harness's.
"""
import glob
import json
import os
import statistics
import sys

out, zip_x86 = sys.argv[1], sys.argv[2]
zip_arm64 = sys.argv[3] if len(sys.argv) > 3 else ""


def load(name):
    path = os.path.join(out, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def med(d, key):
    v = d[key]
    return v.get("median") if isinstance(v, dict) else None


def warm_median(name):
    """Median over the counted runs of each run's warm-invocation median (every invocation but the first)."""
    vals = []
    for path in sorted(glob.glob(os.path.join(out, name, "run-[0-9]*.json"))):
        with open(path) as f:
            warm = json.load(f).get("warm_invocations")
        if warm:
            vals.append(warm["median_ms"])
    return statistics.median(vals) if vals else None


def answered(d):
    return (f"responses {d['responses']}, errors {d['errors']}, not run {d['not_run']}, "
            f"violations {d['protocol_violations']}, Slack posts {d['slack_posts']}")


noop, py_http, py_tls, cpp_http, cpp_tls = (load(n) for n in ("noop-http", "py-http", "py-tls", "cpp-http", "cpp-tls"))
runs = cpp_tls["runs"]
events = cpp_tls["events_per_run"]

print(f"Peers: {runs} counted runs (+1 warm-up) of {events} events each; medians over runs.\n")
print("### Side by side\n")
print("| figure | floor: no-op C runtime (HTTP) | reference (Python + boto3) | guardduty-slack (C++) | reference / guardduty-slack |")
print("|---|---|---|---|---|")
for label, py, cpp in (("HTTP", py_http, cpp_http), ("HTTPS", py_tls, cpp_tls)):
    mode = "http" if label == "HTTP" else "tls"
    rows = [
        (f"init ms ({label})", med(noop, "init_ms"), med(py, "init_ms"), med(cpp, "init_ms")),
        (f"init + first invocation ms ({label})", med(noop, "init_plus_first_invoke_ms"),
         med(py, "init_plus_first_invoke_ms"), med(cpp, "init_plus_first_invoke_ms")),
        (f"warm per-invocation ms ({label})", warm_median("noop-http"), warm_median(f"py-{mode}"),
         warm_median(f"cpp-{mode}")),
        (f"peak RSS MiB ({label})", med(noop, "peak_rss_kb") / 1024, med(py, "peak_rss_kb") / 1024,
         med(cpp, "peak_rss_kb") / 1024),
        (f"CPU s per run ({label})", med(noop, "cpu_s"), med(py, "cpu_s"), med(cpp, "cpu_s")),
    ]
    for name, floor, a, b in rows:
        ratio = f"{a / b:.1f}x" if a and b else "n/a"
        print(f"| {name} | {floor:.3f} | {a:.3f} | {b:.3f} | {ratio} |")
for who, d in (("floor", noop), ("reference HTTP", py_http), ("reference HTTPS", py_tls),
               ("guardduty-slack HTTP", cpp_http), ("guardduty-slack HTTPS", cpp_tls)):
    print(f"| answered, {who} | {answered(d)} | | | |")

print("\n### Issue 13 targets, x86_64\n")
zip_bytes = os.path.getsize(zip_x86)
init_ratio = med(cpp_tls, "init_ms") / med(noop, "init_ms")
first_ratio = med(cpp_tls, "init_plus_first_invoke_ms") / med(noop, "init_plus_first_invoke_ms")
rss_bytes = med(cpp_tls, "peak_rss_kb") * 1024
print("| target | measured | floor / reference | holds |")
print("|---|---|---|---|")
print(f"| init median <= 1.5x the no-op floor (HTTPS run) | {med(cpp_tls, 'init_ms'):.2f} ms = **{init_ratio:.2f}x** | "
      f"floor {med(noop, 'init_ms'):.2f} ms; reference {med(py_tls, 'init_ms'):.1f} ms | {'yes' if init_ratio <= 1.5 else 'NO'} |")
print(f"| init + first HTTPS post <= 2x the floor's init + first post | "
      f"{med(cpp_tls, 'init_plus_first_invoke_ms'):.2f} ms = **{first_ratio:.2f}x** | "
      f"floor {med(noop, 'init_plus_first_invoke_ms'):.2f} ms (plain HTTP post); reference "
      f"{med(py_tls, 'init_plus_first_invoke_ms'):.1f} ms | {'yes' if first_ratio <= 2 else 'NO'} |")
print(f"| peak RSS with HTTPS <= 8 MB | **{rss_bytes / 1e6:.2f} MB** ({med(cpp_tls, 'peak_rss_kb'):.0f} KiB; "
      f"anon {med(cpp_tls, 'rss_anon_kb'):.0f} KiB) | floor {med(noop, 'peak_rss_kb') * 1024 / 1e6:.2f} MB; reference "
      f"{med(py_tls, 'peak_rss_kb') * 1024 / 1e6:.1f} MB | {'yes' if rss_bytes <= 8e6 else 'NO'} |")
print(f"| zip <= 3 MB | **{zip_bytes / 1e6:.2f} MB** ({zip_bytes} bytes) | reference: inline code | "
      f"{'yes' if zip_bytes <= 3e6 else 'NO'} |")
pair_floor, pair_cpp = [], []
for k in range(1, 1000):
    a, b = load(f"pair{k}-noop-http"), load(f"pair{k}-cpp-tls")
    if not a or not b:
        break
    if med(a, "init_ms") and med(b, "init_ms"):
        pair_floor.append(med(a, "init_ms"))
        pair_cpp.append(med(b, "init_ms"))
if pair_floor:
    pair_ratio = statistics.median(pair_cpp) / statistics.median(pair_floor)
    print(f"| init median <= 1.5x the floor, interleaved ({len(pair_floor)} pairs, HTTPS) | "
          f"{statistics.median(pair_cpp):.2f} ms = **{pair_ratio:.2f}x** | floor {statistics.median(pair_floor):.2f} ms | "
          f"{'yes' if pair_ratio <= 1.5 else 'NO'} |")
print(f"| warm HTTPS per-invocation unchanged or better | **{warm_median('cpp-tls'):.3f} ms** | floor (HTTP) "
      f"{warm_median('noop-http'):.3f} ms; reference {warm_median('py-tls'):.2f} ms | compare with the previous figure |")

if pair_floor:
    ratios = sorted(c / f for f, c in zip(pair_floor, pair_cpp))
    print("\n### Init, interleaved: the floor and the bootstrap (HTTPS) alternating, one run each\n")
    print("| pairs | floor init ms (median) | bootstrap init ms (median) | ratio of medians | pair ratios: min, median, max |")
    print("|---|---|---|---|---|")
    print(f"| {len(ratios)} | {statistics.median(pair_floor):.3f} | {statistics.median(pair_cpp):.3f} | "
          f"{statistics.median(pair_cpp) / statistics.median(pair_floor):.2f}x | "
          f"{ratios[0]:.2f}x, {statistics.median(ratios):.2f}x, {ratios[-1]:.2f}x |")

base = load("baseline-tls")
if base:
    print("\n### The previous build, same run (BASELINE, HTTPS)\n")
    print("| figure | previous build | this build | change |")
    print("|---|---|---|---|")
    for name, a, b in (
            ("init ms", med(base, "init_ms"), med(cpp_tls, "init_ms")),
            ("init + first invocation ms", med(base, "init_plus_first_invoke_ms"), med(cpp_tls, "init_plus_first_invoke_ms")),
            ("warm per-invocation ms", warm_median("baseline-tls"), warm_median("cpp-tls")),
            ("peak RSS KiB", med(base, "peak_rss_kb"), med(cpp_tls, "peak_rss_kb")),
            ("CPU s per run", med(base, "cpu_s"), med(cpp_tls, "cpu_s"))):
        print(f"| {name} | {a:.3f} | {b:.3f} | {100 * (b - a) / a:+.1f} % |")

floor_path = os.path.join(out, "tls-floor.txt")
if os.path.exists(floor_path):
    rows = {}
    with open(floor_path) as f:
        for line in f:
            ca, k, connect, appconnect, total = line.split()
            if int(k) > 3:  # the first 3 are warm-up
                rows.setdefault(ca, []).append((float(appconnect) - float(connect), float(total)))
    print("\n### TLS floor: one HTTPS post by curl (OpenSSL 3.0) to the same sink, same run\n")
    print("| CA file | TLS handshake ms (median) | whole request ms (median) | posts |")
    print("|---|---|---|---|")
    for ca, label in (("single", "the sink's certificate alone"), ("bundle", "the peers' bundle (144 roots + the sink's)")):
        if ca in rows:
            hs = statistics.median(r[0] for r in rows[ca]) * 1000
            tot = statistics.median(r[1] for r in rows[ca]) * 1000
            print(f"| {label} | {hs:.2f} | {tot:.2f} | {len(rows[ca])} |")
    if "single" in rows:
        tls_post = statistics.median(r[1] for r in rows["single"]) * 1000
        best = med(noop, "init_ms") + tls_post
        print(f"\nThe floor's init plus curl's cheapest HTTPS post is {best:.2f} ms = "
              f"{best / med(noop, 'init_plus_first_invoke_ms'):.2f}x the floor's init + first (plain HTTP) post: "
              f"the least any runtime that posts over TLS could show against the 2x target in this run.")

noop_a, cpp_a = load("noop-arm64-http"), load("cpp-arm64-tls")
if noop_a and cpp_a:
    print("\n### arm64 under qemu-aarch64-static (estimate: ratios only)\n")
    print("| figure | no-op C runtime (aarch64, qemu) | guardduty-slack arm64 (qemu, HTTPS) | ratio |")
    print("|---|---|---|---|")
    for name, key in (("init ms", "init_ms"), ("init + first invocation ms", "init_plus_first_invoke_ms")):
        a, b = med(noop_a, key), med(cpp_a, key)
        print(f"| {name} | {a:.2f} | {b:.2f} | {b / a:.2f}x |")
    a, b = warm_median("noop-arm64-http"), warm_median("cpp-arm64-tls")
    print(f"| warm per-invocation ms | {a:.3f} | {b:.3f} | {b / a:.2f}x |")
    print(f"| answered | {answered(noop_a)} | {answered(cpp_a)} | |")
    if zip_arm64 and os.path.exists(zip_arm64):
        print(f"| zip | | {os.path.getsize(zip_arm64) / 1e6:.2f} MB ({os.path.getsize(zip_arm64)} bytes) | |")
