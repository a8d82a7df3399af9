#!/usr/bin/env python3
"""Scores civicwatch-normalize-json on every report of a corpus folder against its gold file.

Usage: check_dev_corpus.py NORMALIZE_JSON_BINARY CORPUS_DIR SCORER [--thresholds FILE]

Without --thresholds every report must reach the issue's targets (event F1
0.85, category and freedom accuracy 85%, person recall 90%, every gold
entity resolved to one id). With --thresholds, FILE is a JSON object
{"per_report": {metric: minimum}, "mean": {metric: minimum}} giving floors
for each report and for the corpus average (metrics: event_f1, category,
freedom, valence, person_recall, person_precision, resolved); used for the
held-out reports, whose floors are set at what the normaliser reaches so
that a regression fails.

Exits 2 when CORPUS_DIR, its gold files or SCORER are missing (a corpus
test never passes by skipping), 1 when a floor is not reached, 0
otherwise.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

ISSUE_TARGETS = {
    "event_f1": 0.85,
    "category": 85.0,
    "freedom": 85.0,
    "person_recall": 90.0,
    "resolved": 100.0,
}

LINE_METRICS = {
    "category accuracy": "category",
    "freedom accuracy": "freedom",
    "valence accuracy": "valence",
    "person recall": "person_recall",
    "person precision": "person_precision",
    "gold entities resolved": "resolved",
}


def pct(line):
    m = re.search(r"([\d.]+)%", line)
    return float(m.group(1)) if m else None


def score(binary, scorer, gold, report):
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
        for prefix, key in LINE_METRICS.items():
            if line.startswith(prefix):
                got[key] = pct(line)
    return got


def below(got, floors):
    return ["%s %.3f < %.3f" % (k, got[k], v) for k, v in floors.items()
            if got.get(k) is not None and got[k] < v - 1e-9]


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    thresholds = None
    if "--thresholds" in argv:
        path = argv[argv.index("--thresholds") + 1]
        args.remove(path)
        with open(path, encoding="utf-8") as f:
            thresholds = json.load(f)
    binary, corpus_dir, scorer = args[:3]
    if not os.path.isdir(corpus_dir):
        print("corpus not found at %s" % corpus_dir)
        return 2
    if not os.path.exists(scorer):
        print("scorer not found at %s" % scorer)
        return 2
    golds = sorted(glob.glob(os.path.join(corpus_dir, "*.gold.json")))
    if not golds:
        print("no gold files in %s" % corpus_dir)
        return 2
    per_report = thresholds.get("per_report", {}) if thresholds else ISSUE_TARGETS
    failed = False
    totals, counts = {}, {}
    for gold in golds:
        name = os.path.basename(gold)[: -len(".gold.json")]
        got = score(binary, scorer, gold, os.path.join(corpus_dir, name + ".txt"))
        problems = below(got, per_report)
        if "event_f1" not in got:
            problems.append("no event_f1 line")
        for k, v in got.items():
            if v is not None:
                totals[k] = totals.get(k, 0.0) + v
                counts[k] = counts.get(k, 0) + 1
        print("%-40s %s %s" % (name, " ".join("%s=%s" % kv for kv in sorted(got.items())),
                               "FAIL: " + "; ".join(problems) if problems else "ok"))
        failed |= bool(problems)
    mean = {k: totals[k] / counts[k] for k in totals}
    problems = below(mean, thresholds.get("mean", {})) if thresholds else []
    print("%-40s %s %s" % ("MEAN", " ".join("%s=%.3f" % kv for kv in sorted(mean.items())),
                           "FAIL: " + "; ".join(problems) if problems else "ok"))
    failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
