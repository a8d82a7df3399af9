#!/usr/bin/env python3
"""End-to-end throughput of `civicwatch normalize FILE --format json`.

Usage: cli_benchmark.py CIVICWATCH_BINARY [--mb N] [--runs K]

Writes the reports of services/normalize/testdata (and its held-out set)
repeated to N MB (default 10) into a temporary file, runs the command K
times (default 3), and prints the MB/s of each run over the whole process
(reading, normalising, printing JSON) by CPU time (user + system, as
Google Benchmark reports it; steady on a busy machine) and by wall clock,
and the peak resident memory of the largest run. A benchmark to read, not a test: it
asserts nothing.
"""
import glob
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.join(os.path.dirname(HERE), "testdata")


def sample_text(megabytes):
    parts = []
    for path in sorted(glob.glob(os.path.join(TESTDATA, "*.txt")) +
                       glob.glob(os.path.join(TESTDATA, "heldout", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            parts.append(f.read())
    sample = "\n\n".join(parts) + "\n\n"
    want = megabytes * 1024 * 1024
    return sample * (want // len(sample.encode("utf-8")) + 1)


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    binary = argv[1]
    megabytes = int(argv[argv.index("--mb") + 1]) if "--mb" in argv else 10
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 3
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(sample_text(megabytes))
        path = f.name
    size_mb = os.path.getsize(path) / (1024 * 1024)
    cpu_rates, wall_rates = [], []
    try:
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.monotonic()
            subprocess.run([binary, "normalize", path, "--format", "json"], check=True,
                           stdout=subprocess.DEVNULL)
            wall = time.monotonic() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            cpu_rates.append(size_mb / cpu)
            wall_rates.append(size_mb / wall)
    finally:
        os.unlink(path)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print("input %.1f MB; by CPU time: %s MB/s (median %.1f); by wall clock: %s MB/s "
          "(median %.1f); peak RSS %.0f MB" %
          (size_mb, ", ".join("%.1f" % r for r in cpu_rates), statistics.median(cpu_rates),
           ", ".join("%.1f" % r for r in wall_rates), statistics.median(wall_rates), peak_mb))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
