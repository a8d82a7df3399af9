#!/usr/bin/env python3
"""Checks that every document of the test set tells the same events as its
plain-text twin.

Usage: check_twins.py CIVICWATCH_BINARY DOCUMENTS_DIR SCORER [--min-f1 X]

For each DOCUMENTS_DIR/NAME.EXT beside a NAME.twin.txt, runs
`civicwatch normalize` on both, turns the twin's events into a gold file
and scores the document's events against it with the corpus scorer
(score_events.py). Every document must reach event_f1 >= X (0.95), and every
twin must tell at least one event. Prints one line per document.

Exits 77 (ctest: skipped) when SCORER is missing, 1 when a document falls
short, 0 otherwise.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile


def normalize(binary, path):
    out = subprocess.run([binary, "normalize", path, "--format", "json"], capture_output=True,
                         text=True)
    if out.returncode != 0:
        raise RuntimeError("%s: %s" % (path, out.stderr.strip()))
    return json.loads(out.stdout)


def enum(v, prefix):
    v = v or ""
    return v[len(prefix):].lower() if v.startswith(prefix) else (v.lower() or "unspecified")


def date(d):
    if not d or not d.get("year"):
        return None
    if not d.get("month"):
        return "%04d" % d["year"]
    if not d.get("day"):
        return "%04d-%02d" % (d["year"], d["month"])
    return "%04d-%02d-%02d" % (d["year"], d["month"], d["day"])


def gold_from(response):
    events = []
    for i, e in enumerate(response.get("events", [])):
        persons, orgs = [], []
        for p in e.get("participants", []):
            name = p.get("displayName", "")
            if not name:
                continue
            (persons if p.get("kind") == "ENTITY_KIND_PERSON" else orgs).append(name)
        events.append({
            "id": "E%d" % (i + 1),
            "date": date(e.get("date")),
            "category": enum(e.get("category"), "CATEGORY_"),
            "freedom": enum(e.get("freedom"), "FREEDOM_"),
            "valence": enum(e.get("valence"), "VALENCE_"),
            "persons": persons,
            "organisations": orgs,
        })
    return {"report": {}, "entities": [], "events": events}


def main(argv):
    if len(argv) < 4:
        print(__doc__)
        return 2
    binary, folder, scorer = argv[1], argv[2], argv[3]
    min_f1 = float(argv[argv.index("--min-f1") + 1]) if "--min-f1" in argv else 0.95
    if not os.path.exists(scorer):
        print("check_twins: no scorer at %s; skipped" % scorer)
        return 77
    failures = 0
    documents = [p for p in sorted(glob.glob(os.path.join(folder, "*")))
                 if not p.endswith(".twin.txt") and os.path.exists(
                     os.path.splitext(p)[0] + ".twin.txt")]
    for doc in documents:
        twin = os.path.splitext(doc)[0] + ".twin.txt"
        try:
            gold = gold_from(normalize(binary, twin))
            pred = normalize(binary, doc)
        except RuntimeError as e:
            print("FAIL %s" % e)
            failures += 1
            continue
        with tempfile.TemporaryDirectory() as tmp:
            gold_path = os.path.join(tmp, "gold.json")
            pred_path = os.path.join(tmp, "pred.json")
            json.dump(gold, open(gold_path, "w", encoding="utf-8"))
            json.dump(pred, open(pred_path, "w", encoding="utf-8"))
            out = subprocess.run([sys.executable, scorer, gold_path, pred_path],
                                 capture_output=True, text=True).stdout
        f1 = 0.0
        for line in out.splitlines():
            if line.startswith("event_f1="):
                f1 = float(line.split()[0].split("=")[1])
        n = len(gold["events"])
        ok = n > 0 and f1 >= min_f1
        failures += 0 if ok else 1
        print("%s %-40s events %2d (twin %2d) event_f1=%.3f" % (
            "ok  " if ok else "FAIL", os.path.basename(doc), len(pred.get("events", [])), n, f1))
    print("%d documents, %d below event_f1 %.2f" % (len(documents), failures, min_f1))
    return 1 if failures or not documents else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
