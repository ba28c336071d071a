#!/usr/bin/env python3
# bench.py - make bench's timer (run by scripts/bench): each workload's two
# commands run alternately, A B A B ..., PAIRS times, each timed from outside
# (wall clock around the child; its peak resident memory from the child's own
# rusage, ru_maxrss, read by os.wait4: no GNU time needed). For each workload:
# points (draws) a second of each side and its peak memory (medians over the
# pairs), and the ratio A/B of the pairs' rates (median, with the range).
#
# usage: bench.py BUDGETSIM PYTHON PAIRS DRAWS   (from the repository's root)
import os
import statistics
import subprocess
import sys
import time

bin_, py, pairs, draws = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
SC = "scenarios/liverpool-2022-adopted.cfg"
MC = "scenarios/examples/liverpool-uncertain.cfg"
GRID = ["--vary", "council_tax.core_rise_pct=0:9.99:0.01", "--vary", "services.adult_social_care.growth_pct=0:9.99:0.01"]
POINTS = 1000 * 1000
PEER = [py, "bench/peer_numpy.py"]


def run(cmd):
    """(wall seconds, peak kB) of cmd, its output thrown away; exits on failure."""
    with open(os.devnull, "wb") as null:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=null, stderr=null)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit("bench: %s failed (exit %d)" % (" ".join(cmd), p.returncode))
    return wall, ru.ru_maxrss


def workload(title, unit, count, a_name, a_cmd, b_name, b_cmd):
    a, b = [], []
    for _ in range(pairs):
        a.append(run(a_cmd))
        b.append(run(b_cmd))
    ratios = [bw / aw for (aw, _), (bw, _) in zip(a, b)]
    print(title)
    for name, runs in ((a_name, a), (b_name, b)):
        wall = statistics.median(w for w, _ in runs)
        kb = statistics.median(k for _, k in runs)
        print("  %-22s %12s %s a second  (median %.3f s)  peak memory %7.1f MB"
              % (name, "{:,.0f}".format(count / wall), unit, wall, kb / 1024))
    print("  %s/%s: %.2fx (pairs: %.2f-%.2f)" % (a_name, b_name, statistics.median(ratios), min(ratios), max(ratios)))
    sys.stdout.flush()


def has_summary():
    out = subprocess.run([bin_, "sweep", "--help"], capture_output=True, text=True)
    return "--summary" in out.stdout + out.stderr


ncpu = os.cpu_count() or 1
sweep = [bin_, "sweep", SC] + GRID
workload("sweep 1000 x 1000, CSV to /dev/null (budgetsim on %d threads; peer: numpy.savetxt)" % ncpu, "points",
         POINTS, "budgetsim", sweep + ["-o", "/dev/null"], "numpy peer", PEER + ["sweep", "-o", "/dev/null"] + GRID)
if has_summary():
    workload("sweep 1000 x 1000 --summary (budgetsim on %d threads) against the peer's model alone" % ncpu, "points",
             POINTS, "budgetsim", sweep + ["--summary", "-o", "/dev/null"], "numpy peer",
             PEER + ["sweep", "--model-only"] + GRID)
else:
    print("sweep --summary: skipped: budgetsim has no sweep --summary")
mc = [bin_, "montecarlo", MC, "--draws", str(draws), "--seed", "1", "-o", "/dev/null"]
workload("montecarlo, %s draws of %s (budgetsim on %d threads)" % ("{:,}".format(draws), MC, ncpu), "draws", draws,
         "budgetsim", mc, "numpy peer", PEER + ["montecarlo", "--draws", str(draws), "--seed", "1"])
workload("sweep 1000 x 1000, CSV to /dev/null: budgetsim on %d threads against 1" % ncpu, "points", POINTS,
         "%d threads" % ncpu, sweep + ["-o", "/dev/null"], "1 thread", sweep + ["--threads", "1", "-o", "/dev/null"])
workload("montecarlo, %s draws: budgetsim on %d threads against 1" % ("{:,}".format(draws), ncpu), "draws", draws,
         "%d threads" % ncpu, mc, "1 thread", mc[:3] + ["--threads", "1"] + mc[3:])
