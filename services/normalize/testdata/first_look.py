#!/usr/bin/env python3
"""The first-look log: how the normaliser does on reports it has never seen.

Reports live in testdata/first_look/BATCH/NAME.txt with NAME.gold.json,
written and annotated before the normaliser was run on them. The first
time a report is scored its result is appended to testdata/first_look.tsv
(date, commit, batch, report, event_f1, category accuracy on matches) and
never rewritten: a report that has been looked at serves development from
then on and no longer measures generalisation. The running mean of the
log is the normaliser's generalisation figure.

Usage:
  first_look.py log NORMALIZE_JSON SCORER --batch BATCH [--commit REV]
      scores every report of BATCH not yet in the log, once, and appends
      its line (a batch is scored whole, so that its mean is one look)
  first_look.py summary
      prints the log's per-batch means and running mean (reads only)
  first_look.py current NORMALIZE_JSON SCORER
      scores every logged report with today's normaliser, for development
      (writes nothing); shows each first-look score beside today's
  first_look.py ablation NORMALIZE_JSON SCORER
      the mean event_f1 and category accuracy of every logged report with
      the normaliser's optional stages switched off one group at a time
      (civicwatch-normalize-json --without=...), for the README's table
"""
import datetime
import glob
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPORTS = os.path.join(HERE, "first_look")
LOG = os.path.join(HERE, "first_look.tsv")
HEADER = "date\tcommit\tbatch\treport\tevent_f1\tcategory_accuracy\n"


def reports():
    """(batch, name, txt, gold) for every annotated report, in batch order."""
    out = []
    for gold in sorted(glob.glob(os.path.join(REPORTS, "*", "*.gold.json"))):
        batch = os.path.basename(os.path.dirname(gold))
        name = os.path.basename(gold)[: -len(".gold.json")]
        txt = os.path.join(os.path.dirname(gold), name + ".txt")
        if os.path.exists(txt):
            out.append((batch, name, txt, gold))
    return out


def read_log():
    rows = []
    if not os.path.exists(LOG):
        return rows
    with open(LOG, encoding="utf-8") as f:
        for line in f.read().splitlines()[1:]:
            if line.strip():
                d, commit, batch, report, f1, cat = line.split("\t")
                rows.append({"date": d, "commit": commit, "batch": batch, "report": report,
                             "event_f1": float(f1), "category": None if cat == "n/a" else float(cat)})
    return rows


# The ablation's rows: what is switched off, cumulatively from the top.
ABLATION = [
    ("tables and rules only", "lexicon,modality,framing,occasions,translations,model,undated"),
    ("+ clause shape (modality, framing, occasions, translations)", "lexicon,model,undated"),
    ("+ act lexicon matched as listed", "stems,model,undated"),
    ("+ morphology (lexicon matched by stem)", "model,undated"),
    # The model was trained on these reports: tools/category_model_check.py
    # measures it on reports it did not see.
    ("+ category model", "undated"),
    ("+ undated incidents only as acts to named people: everything", ""),
]


def score(binary, scorer, txt, gold, without=""):
    """(event_f1, category accuracy or None) of the normaliser on one report."""
    args = [binary] + (["--without=" + without] if without else []) + [txt]
    pred = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        f.write(pred)
        path = f.name
    try:
        out = subprocess.run([sys.executable, scorer, gold, path], capture_output=True,
                             text=True, check=True).stdout
    finally:
        os.unlink(path)
    f1 = cat = None
    for line in out.splitlines():
        if line.startswith("event_f1="):
            f1 = float(line.split()[0].split("=")[1])
        if line.startswith("category accuracy"):
            m = re.search(r"([\d.]+)%", line)
            cat = float(m.group(1)) if m else None
    return f1, cat


def head_commit():
    try:
        return subprocess.run(["git", "-C", HERE, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else float("nan")


def summary(rows):
    batches = []
    for r in rows:
        if r["batch"] not in batches:
            batches.append(r["batch"])
    print("%-10s %8s %10s %10s %8s" % ("batch", "reports", "event_f1", "category", "zeros"))
    for b in batches:
        rs = [r for r in rows if r["batch"] == b]
        print("%-10s %8d %10.3f %9.1f%% %8d" % (b, len(rs), mean(r["event_f1"] for r in rs),
                                               mean(r["category"] for r in rs),
                                               sum(1 for r in rs if r["event_f1"] == 0)))
    print("%-10s %8d %10.3f %9.1f%% %8d" % ("all", len(rows), mean(r["event_f1"] for r in rows),
                                           mean(r["category"] for r in rows),
                                           sum(1 for r in rows if r["event_f1"] == 0)))


def main(argv):
    if len(argv) < 2 or argv[1] not in ("log", "summary", "current", "ablation"):
        print(__doc__)
        return 2
    rows = read_log()
    if argv[1] == "summary":
        summary(rows)
        return 0
    if len(argv) < 4:
        print(__doc__)
        return 2
    binary, scorer = argv[2], argv[3]
    if argv[1] == "ablation":
        logged = {r["report"] for r in rows}
        chosen = [(t, g) for b, n, t, g in reports() if n in logged]
        print("%-62s %8s %9s" % ("stages (%d first-look reports)" % len(chosen), "event_f1", "category"))
        for label, without in ABLATION:
            results = [score(binary, scorer, t, g, without) for t, g in chosen]
            print("%-62s %8.3f %8.1f%%" % (label, mean(f for f, _ in results), mean(c for _, c in results)))
        return 0
    if argv[1] == "current":
        first = {r["report"]: r for r in rows}
        print("%-45s %10s %10s" % ("report", "first", "now"))
        now = []
        for batch, name, txt, gold in reports():
            if name not in first:
                continue
            f1, _ = score(binary, scorer, txt, gold)
            now.append(f1)
            print("%-45s %10.3f %10.3f" % (name, first[name]["event_f1"], f1))
        print("%-45s %10.3f %10.3f" % ("mean", mean(first[n]["event_f1"] for n in first), mean(now)))
        return 0
    if "--batch" not in argv:
        print(__doc__)
        return 2
    batch_wanted = argv[argv.index("--batch") + 1]
    commit = argv[argv.index("--commit") + 1] if "--commit" in argv else head_commit()
    seen = {r["report"]: r["batch"] for r in rows}
    # The log names reports without their batch: a new report may not take
    # the name of one already looked at.
    taken = [n for b, n, t, g in reports() if b == batch_wanted and seen.get(n, b) != b]
    if taken:
        print("already logged under another batch, rename first: " + ", ".join(taken))
        return 1
    new = [(b, n, t, g) for b, n, t, g in reports() if b == batch_wanted and n not in seen]
    if not os.path.exists(LOG):
        with open(LOG, "w", encoding="utf-8") as f:
            f.write(HEADER)
    today = datetime.date.today().isoformat()
    with open(LOG, "a", encoding="utf-8") as f:
        for batch, name, txt, gold in new:
            f1, cat = score(binary, scorer, txt, gold)
            f.write("%s\t%s\t%s\t%s\t%.3f\t%s\n" % (today, commit, batch, name, f1,
                                                  "n/a" if cat is None else "%.1f" % cat))
            print("%s %s event_f1=%.3f category=%s" % (batch, name, f1, cat))
    summary(read_log())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
