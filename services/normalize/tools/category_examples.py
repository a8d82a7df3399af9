#!/usr/bin/env python3
"""Writes the category model's training examples from the annotated reports.

Usage:
  category_examples.py NORMALIZE_JSON TOOLS_DIR CORPUS_DEV_DIR > training/category_examples.tsv

For every annotated report that may serve development (the dev corpus,
testdata/heldout, and the first-look reports already in first_look.tsv:
a report not yet scored on its first look must not train anything), runs
the normaliser with the model off (--without=model), pairs its events with
the gold events as TOOLS_DIR/score_events.py does, and prints one line per
pair: the gold category, the rules' category, and the event's clause (its
summary). Run it again after the cue rules change, so the rules' column is
what the rules now say; the build trains the model from the file.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.join(os.path.dirname(HERE), "testdata")
sys.path.insert(0, TESTDATA)
import first_look  # noqa: E402  (the first-look log's reader)


def annotated_reports(corpus_dev):
    """Gold files of every report that may serve development, in a fixed order."""
    logged = {(row["batch"], row["report"]) for row in first_look.read_log()}
    golds = sorted(glob.glob(os.path.join(corpus_dev, "*.gold.json")))
    golds += sorted(glob.glob(os.path.join(TESTDATA, "heldout", "*.gold.json")))
    for gold in sorted(glob.glob(os.path.join(TESTDATA, "first_look", "*", "*.gold.json"))):
        batch = os.path.basename(os.path.dirname(gold))
        if (batch, os.path.basename(gold)[: -len(".gold.json")]) in logged:
            golds.append(gold)
    return [g for g in golds if os.path.exists(g[: -len(".gold.json")] + ".txt")]


def report_name(gold_path):
    """BATCH/NAME for a first-look report, SET/NAME for the others."""
    folder = os.path.basename(os.path.dirname(gold_path))
    return "%s/%s" % (folder, os.path.basename(gold_path)[: -len(".gold.json")])


def matched_pairs(scorer, gold, preds):
    """(gold event, predicted event) pairs, chosen as the scorer chooses them."""
    names = scorer.Names(gold.get("entities", []))
    candidates = []
    for gi, g in enumerate(gold["events"]):
        for pi, p in enumerate(preds):
            if scorer.date_string(scorer.field(p, "date")) != g["date"]:
                continue
            persons, orgs = scorer.split_participants(p)
            overlap = scorer.overlap(names, g["persons"], persons) + scorer.overlap(
                names, g["organisations"], orgs + persons)
            same_category = scorer.enum_value(scorer.field(p, "category")) == g["category"]
            if same_category or overlap:
                candidates.append((2 * same_category + overlap, gi, pi))
    candidates.sort(key=lambda c: -c[0])
    used_gold, used_pred = set(), set()
    for _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        yield gold["events"][gi], preds[pi]


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    binary, tools_dir, corpus_dev = argv[1:]
    sys.path.insert(0, tools_dir)
    import score_events as scorer

    out = sys.stdout
    out.write("# gold_label\trule_label\tclause  (tools/category_examples.py; do not edit)\n")
    for gold_path in annotated_reports(corpus_dev):
        txt = gold_path[: -len(".gold.json")] + ".txt"
        result = subprocess.run([binary, "--without=model", txt], capture_output=True, text=True, check=True)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
            f.write(result.stdout)
        try:
            preds, _ = scorer.predicted(f.name)
        finally:
            os.unlink(f.name)
        gold = json.load(open(gold_path, encoding="utf-8"))
        # The report's name on a comment line, so a check can leave its
        # examples out (tools/category_model_check.py).
        out.write("# %s\n" % report_name(gold_path))
        for g, p in matched_pairs(scorer, gold, preds):
            clause = " ".join((scorer.field(p, "summary") or "").split())
            rule = scorer.enum_value(scorer.field(p, "category"))
            if clause:
                out.write("%s\t%s\t%s\n" % (g["category"], rule, clause))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
