#!/usr/bin/env python3
"""exec -> first HTTP request latency of a program (docs/PACKAGING.md "Startup").

  measure_startup.py [--root DIR] [--runs N] -- PROGRAM [ARGS...]

Listens on 127.0.0.1:<free port>; each run starts PROGRAM ARGS... http://127.0.0.1:<port>/ (inside
chroot DIR when --root is given, as root) and times from just before fork/exec until the listener
accepts the program's TCP connection (i.e. the program's whole init: loader, relocations, static
constructors, libcurl/OpenSSL init, connect). It then answers `HTTP/1.1 200` and reaps the process.
Prints min / median / p90 / max in milliseconds. The fork+exec+accept floor of this harness is
measured by running a trivial program that connects immediately (see PACKAGING.md).
"""
import argparse, os, socket, statistics, subprocess, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("--root")
ap.add_argument("--runs", type=int, default=100)
ap.add_argument("--warmup", type=int, default=5)
ap.add_argument("cmd", nargs=argparse.REMAINDER)
a = ap.parse_args()
cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
lst = socket.socket()
lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
lst.bind(("127.0.0.1", 0))
lst.listen(16)
url = "http://127.0.0.1:%d/" % lst.getsockname()[1]
pre = (lambda: (os.chroot(a.root), os.chdir("/"))) if a.root else None
times = []
for i in range(a.warmup + a.runs):
    t0 = time.perf_counter_ns()
    p = subprocess.Popen(cmd + [url], preexec_fn=pre, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    c, _ = lst.accept()
    t1 = time.perf_counter_ns()
    c.settimeout(5)
    try:
        c.recv(65536)
        c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
    except OSError:
        pass
    c.close()
    p.wait()
    if i >= a.warmup:
        times.append((t1 - t0) / 1e6)
times.sort()
q = lambda f: times[min(len(times) - 1, int(f * len(times)))]
print("runs=%d min=%.2f median=%.2f p90=%.2f max=%.2f ms  (%s)" % (
    len(times), times[0], statistics.median(times), q(0.9), times[-1], " ".join(cmd)))
