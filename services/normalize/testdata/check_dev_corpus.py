#!/usr/bin/env python3
"""Scores civicwatch-normalize-json on every dev report against its gold file.

Usage: check_dev_corpus.py NORMALIZE_JSON_BINARY DEV_DIR SCORER
Exits 77 (ctest: skipped) when DEV_DIR or SCORER is missing, 1 when a report
falls below a target, 0 otherwise.
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

TARGETS = {
    "event_f1": 0.85,
    "category": 85.0,
    "freedom": 85.0,
    "person_recall": 90.0,
    "resolved": 100.0,
}


def pct(line):
    m = re.search(r"([\d.]+)%", line)
    return float(m.group(1)) if m else None


def main(argv):
    binary, dev_dir, scorer = argv[1:4]
    if not os.path.isdir(dev_dir) or not os.path.exists(scorer):
        print("shared corpus not found at %s; skipping" % dev_dir)
        return 77
    golds = sorted(glob.glob(os.path.join(dev_dir, "*.gold.json")))
    if not golds:
        print("no gold files in %s; skipping" % dev_dir)
        return 77
    failed = False
    for gold in golds:
        name = os.path.basename(gold)[: -len(".gold.json")]
        report = os.path.join(dev_dir, name + ".txt")
        pred = subprocess.run([binary, report], capture_output=True, text=True, check=True).stdout
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write(pred)
            pred_path = f.name
        out = subprocess.run([sys.executable, scorer, gold, pred_path], capture_output=True,
                             text=True).stdout
        os.unlink(pred_path)
        got = {}
        for line in out.splitlines():
            if line.startswith("event_f1="):
                got["event_f1"] = float(line.split()[0].split("=")[1])
            elif line.startswith("category accuracy"):
                got["category"] = pct(line)
            elif line.startswith("freedom accuracy"):
                got["freedom"] = pct(line)
            elif line.startswith("person recall"):
                got["person_recall"] = pct(line)
            elif line.startswith("gold entities resolved"):
                got["resolved"] = pct(line)
        problems = [
            "%s %.3f < %.3f" % (k, got[k], v)
            for k, v in TARGETS.items()
            if got.get(k) is not None and got[k] < v
        ]
        if "event_f1" not in got:
            problems.append("no event_f1 line")
        print("%-40s %s %s" % (name, " ".join("%s=%s" % kv for kv in sorted(got.items())),
                               "FAIL: " + "; ".join(problems) if problems else "ok"))
        failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
