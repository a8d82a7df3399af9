#!/usr/bin/env python3
"""Throughput of this build's normaliser against a baseline build, in one run.

Usage: speed_against_baseline.py BASELINE_BUILD BUILD [--rounds K]

BASELINE_BUILD and BUILD are CMake build directories (for example one of
an older commit, made with `git worktree add`), each with the targets
normalize_benchmark and civicwatch built. Both read the same text: the
benchmark its tree's testdata/ reports (check they are the same files),
the command the reports of this tree repeated to 3 MB. The two builds run
alternately, K rounds (default 3), so that a machine busier at one moment
than another weighs on both alike; the medians and their ratio are
printed:

  - library: BM_NormalizeReport/1048576, MB/s by CPU time;
  - command: `civicwatch normalize FILE --format json`, MB/s by CPU time.

A benchmark to read, not a test: it asserts nothing.
"""
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cli_benchmark  # noqa: E402  (the same 3 MB the command's own benchmark reads)


def library_mb_per_s(build):
    out = subprocess.run(
        [os.path.join(build, "services/normalize/normalize_benchmark"),
         "--benchmark_filter=BM_NormalizeReport/1048576$", "--benchmark_min_time=1"],
        check=True, capture_output=True, text=True).stdout
    m = re.search(r"bytes_per_second=([\d.]+)([kMG])/s", out)
    scale = {"k": 1 / 1024, "M": 1, "G": 1024}[m.group(2)]
    return float(m.group(1)) * scale


def command_mb_per_s(build, path):
    size_mb = os.path.getsize(path) / (1024 * 1024)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([os.path.join(build, "sdk/cli/civicwatch"), "normalize", path, "--format", "json"],
                   check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return size_mb / cpu


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    baseline, build = argv[1], argv[2]
    rounds = int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else 3
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(cli_benchmark.sample_text(3))
        path = f.name
    figures = {(b, kind): [] for b in (baseline, build) for kind in ("library", "command")}
    try:
        for _ in range(rounds):
            for b in (baseline, build):
                figures[(b, "library")].append(library_mb_per_s(b))
                figures[(b, "command")].append(command_mb_per_s(b, path))
    finally:
        os.unlink(path)
    for kind in ("library", "command"):
        old = statistics.median(figures[(baseline, kind)])
        new = statistics.median(figures[(build, kind)])
        print(f"{kind}: baseline {old:.1f} MB/s, this build {new:.1f} MB/s, ratio {new / old:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
