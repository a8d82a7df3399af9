#!/usr/bin/env python3
"""What the category model adds on reports it was not trained on.

Usage:
  category_model_check.py NORMALIZE_JSON TRAIN_CATEGORY_MODEL SCORER [--folds=N]

Splits the logged first-look batches (testdata/first_look.tsv) into N
folds of consecutive batches (4 by default). For each fold it trains a
model (TRAIN_CATEGORY_MODEL) on training/category_examples.tsv less that
fold's reports, runs the normaliser on the fold's reports with that model
(--category_model) and with none (--without=model), and scores both with
SCORER. Prints each fold's mean event_f1 and category accuracy on matches
with the rules alone and with the model, and the totals: the model's
figure on reports it never saw, as the README's ablation quotes it.
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
NORMALIZE = os.path.dirname(HERE)
TESTDATA = os.path.join(NORMALIZE, "testdata")
sys.path.insert(0, TESTDATA)
import first_look  # noqa: E402  (the first-look log's reader)
EXAMPLES = os.path.join(NORMALIZE, "training", "category_examples.tsv")


def logged_batches():
    """{batch: [report, ...]} of the first-look log, in batch order."""
    batches = {}
    for row in first_look.read_log():
        batches.setdefault(row["batch"], []).append(row["report"])
    return dict(sorted(batches.items(), key=lambda kv: int(re.sub(r"\D", "", kv[0]) or 0)))


def examples_without(reports, path):
    """Writes the examples less those of `reports` (BATCH/NAME) to `path`."""
    keep = True
    with open(EXAMPLES, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as out:
        for line in src:
            if line.startswith("# ") and "/" in line and "\t" not in line:
                keep = line[2:].strip() not in reports
            if keep:
                out.write(line)


def score(binary, scorer, report, extra):
    """(event_f1, category hits, category matches) of one report."""
    batch, name = report.split("/")
    txt = os.path.join(TESTDATA, "first_look", batch, name + ".txt")
    gold = txt[: -len(".txt")] + ".gold.json"
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        f.write(subprocess.run([binary] + extra + [txt], capture_output=True, text=True, check=True).stdout)
    try:
        out = subprocess.run(["/usr/bin/python3", scorer, gold, f.name], capture_output=True, text=True).stdout
    finally:
        os.unlink(f.name)
    f1 = float(re.search(r"event_f1=([\d.]+)", out).group(1))
    cat = re.search(r"category accuracy on matches\s*:\s*\S+ \((\d+)/(\d+)\)", out)
    return f1, int(cat.group(1)) if cat else 0, int(cat.group(2)) if cat else 0


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    folds = int(next((a.split("=")[1] for a in argv if a.startswith("--folds=")), "4"))
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, trainer, scorer = args
    batches = list(logged_batches().items())
    size = (len(batches) + folds - 1) // folds
    totals = {"rules": [0.0, 0, 0, 0], "model": [0.0, 0, 0, 0]}
    print("| fold | reports | rules: event_f1 | rules: category | model: event_f1 | model: category |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(folds):
            chosen = batches[k * size:(k + 1) * size]
            if not chosen:
                continue
            reports = {"%s/%s" % (b, r) for b, names in chosen for r in names}
            examples = os.path.join(tmp, "examples.tsv")
            model = os.path.join(tmp, "model.bin")
            examples_without(reports, examples)
            subprocess.run([trainer, examples, model], check=True)
            row = {}
            for label, extra in (("rules", ["--without=model"]), ("model", ["--category_model=" + model])):
                f1 = hits = matches = 0
                for report in sorted(reports):
                    r = score(binary, scorer, report, extra)
                    f1, hits, matches = f1 + r[0], hits + r[1], matches + r[2]
                t = totals[label]
                t[0], t[1], t[2], t[3] = t[0] + f1, t[1] + hits, t[2] + matches, t[3] + len(reports)
                row[label] = (f1 / len(reports), 100.0 * hits / max(1, matches))
            print("| %s to %s | %d | %.3f | %.1f%% | %.3f | %.1f%% |" % (
                chosen[0][0], chosen[-1][0], len(reports), row["rules"][0], row["rules"][1],
                row["model"][0], row["model"][1]))
    r, m = totals["rules"], totals["model"]
    print("| all | %d | %.3f | %.1f%% | %.3f | %.1f%% |" % (
        r[3], r[0] / r[3], 100.0 * r[1] / max(1, r[2]), m[0] / m[3], 100.0 * m[1] / max(1, m[2])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
