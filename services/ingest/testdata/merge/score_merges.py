#!/usr/bin/env python3
"""Pairwise merge precision and recall on the merge gold set.

Each set folder (setNN/) holds reports (*.txt), a gold file per report
(*.gold.json, corpus/ANNOTATION.md) and incidents.json: the groups of
mentions ("report-stem#event-id") that are one incident. Two mentions in
one gold group are a gold pair; two mentions the system puts in one
incident are a predicted pair. Precision = shared pairs / predicted pairs,
recall = shared pairs / gold pairs, summed over every set given.

Usage:
  score_merges.py --matcher TOOL SET_DIR...
      The matcher alone: each set's gold events, in file order (reports by
      name), become civicwatch.v1.Event JSON lines (the report's country,
      the gold date, category, place; persons and organisations as
      participants whose entity is the gold entity's canonical name, the
      names and aliases of every gold file of the set linked into one
      entity) fed to TOOL (build/services/ingest/incident_match_tool).
  score_merges.py --end_to_end BUILD_DIR SET_DIR...
      End to end: each set's reports are ingested, in name order, into a
      fresh civicwatch-ingest (with a civicwatch-query following it) from
      BUILD_DIR; each report's events are aligned to its gold events as
      tools/score_events.py aligns them (same date, then category and
      participants; its functions are imported; CIVICWATCH_SCORE_EVENTS
      names another copy) using the offline
      normaliser's events of the report (`civicwatch normalize`), whose
      provenance offsets name the report's mention in the stored incidents
      (`civicwatch export --format json`). Gold pairs with a mention the
      normaliser did not find count as missed; the figures given the
      alignment (both mentions found) are printed too.
  --verbose prints every pair that is wrong.
  --min_precision P, --min_recall R: exit 1 when a figure is below.

A pair with a mention of an optional gold event counts neither way, as an
optional event does in tools/score_events.py: the gold groups leave them
out, and joining two tellings of one is no error.

Last line: "pairs_precision=P pairs_recall=R gold_pairs=G predicted_pairs=N".
"""
import glob
import importlib.util
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time


def load_score_events():
    repo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../..")
    path = os.environ.get("CIVICWATCH_SCORE_EVENTS",
                          os.path.join(repo, "tools/score_events.py"))
    spec = importlib.util.spec_from_file_location("score_events", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def reports_of(set_dir):
    out = []
    for txt in sorted(glob.glob(os.path.join(set_dir, "*.txt"))):
        stem = os.path.basename(txt)[:-4]
        gold = os.path.join(set_dir, stem + ".gold.json")
        if os.path.exists(gold):
            out.append((stem, txt, json.load(open(gold, encoding="utf-8"))))
    return out


def gold_pairs(set_dir):
    inc = json.load(open(os.path.join(set_dir, "incidents.json"), encoding="utf-8"))
    pairs = set()
    for group in inc.get("incidents", []):
        for a, b in itertools.combinations(sorted(set(group["mentions"])), 2):
            pairs.add((a, b))
    return pairs


def optional_mentions(set_dir):
    """The mentions of optional gold events: fair either way (ANNOTATION.md)."""
    out = set()
    for stem, _, gold in reports_of(set_dir):
        out.update("%s#%s" % (stem, e["id"]) for e in gold["events"] if e.get("optional"))
    return out


def pairs_of(groups):
    pairs = set()
    for members in groups.values():
        for a, b in itertools.combinations(sorted(set(members)), 2):
            pairs.add((a, b))
    return pairs


# --- the matcher alone ---------------------------------------------------

def norm(s):
    return " ".join("".join(c if c.isalnum() or c == "'" else " " for c in s.lower()).split())


class SetEntities:
    """One entity per gold entity of the set; files linked by shared names."""

    def __init__(self, reports):
        self.parent = {}
        self.kind = {}
        for _, _, gold in reports:
            for e in gold.get("entities", []):
                names = [norm(e["name"])] + [norm(a) for a in e.get("aliases", [])]
                for n in names:
                    self.parent.setdefault(n, n)
                    self.kind[n] = e.get("kind", "organisation")
                for n in names[1:]:
                    self.union(names[0], n)

    def find(self, n):
        while self.parent.setdefault(n, n) != n:
            self.parent[n] = self.parent[self.parent[n]]
            n = self.parent[n]
        return n

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def entity(self, name):
        return "entities/" + self.find(norm(name)).replace(" ", "_")


KINDS = {"person": "ENTITY_KIND_PERSON", "organisation": "ENTITY_KIND_ORGANISATION",
         "state_body": "ENTITY_KIND_STATE_BODY", "media_outlet": "ENTITY_KIND_MEDIA_OUTLET",
         "international_body": "ENTITY_KIND_INTERNATIONAL_BODY"}


def partial_date(text):
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    d = {"year": parts[0]}
    if len(parts) > 1:
        d["month"] = parts[1]
    if len(parts) > 2:
        d["day"] = parts[2]
    return d


def as_event(stem, country, ev, ents):
    out = {"name": "events/%s-%s" % (stem, ev["id"]), "countryCode": country,
           "category": "CATEGORY_" + ev["category"].upper(),
           "location": ev.get("location") or "",
           "provenance": [{"report": "reports/" + stem}], "participants": []}
    date = ev.get("date")
    if date and "/" in date:
        date, end = date.split("/", 1)
        out["endDate"] = partial_date(end)
    if partial_date(date):
        out["date"] = partial_date(date)
    for p in ev.get("persons", []):
        out["participants"].append({"entity": ents.entity(p), "displayName": p,
                                    "kind": "ENTITY_KIND_PERSON"})
    for o in ev.get("organisations", []):
        kind = KINDS.get(ents.kind.get(norm(o), "organisation"), "ENTITY_KIND_ORGANISATION")
        out["participants"].append({"entity": ents.entity(o), "displayName": o, "kind": kind})
    return out


def matcher_groups(tool, set_dir):
    reports = reports_of(set_dir)
    ents = SetEntities(reports)
    mentions, lines = [], []
    for stem, _, gold in reports:
        country = gold["report"].get("country", "")
        for ev in gold["events"]:
            mentions.append("%s#%s" % (stem, ev["id"]))
            lines.append(json.dumps(as_event(stem, country, ev, ents), ensure_ascii=False))
    res = subprocess.run([tool], input="\n".join(lines) + "\n", capture_output=True, text=True,
                         check=True)
    groups = {}
    for line in res.stdout.splitlines():
        r = json.loads(line)
        groups.setdefault(r["incident"], []).append(mentions[r["mention"]])
    return groups, set(mentions)


# --- end to end ----------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def align(se, gold, preds):
    """score_events.py's matching: gold event index -> predicted index."""
    names = se.Names(gold.get("entities", []))
    cands = []
    for gi, g in enumerate(gold["events"]):
        for pi, p in enumerate(preds):
            if se.date_string(se.field(p, "date")) != g["date"]:
                continue
            pp, po = se.split_participants(p)
            ov = se.overlap(names, g["persons"], pp) + se.overlap(names, g["organisations"], po + pp)
            cat = se.enum_value(se.field(p, "category")) == g["category"]
            if not (cat or ov):
                continue
            cands.append((2 * cat + ov, gi, pi))
    cands.sort(key=lambda c: -c[0])
    g_used, p_used, out = set(), set(), {}
    for _, gi, pi in cands:
        if gi in g_used or pi in p_used:
            continue
        g_used.add(gi)
        p_used.add(pi)
        out[gi] = pi
    return out


def end_to_end_groups(build, set_dir, se):
    cli = os.path.join(build, "sdk/cli/civicwatch")
    tmp = tempfile.mkdtemp(prefix="cw-merge-score-")
    ip, qp = free_port(), free_port()
    ingest = subprocess.Popen([os.path.join(build, "services/ingest/civicwatch-ingest"),
                               "--data_dir=" + tmp + "/i", "--listen=127.0.0.1:%d" % ip],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    query = None
    try:
        time.sleep(1.0)
        query = subprocess.Popen([os.path.join(build, "services/query/civicwatch-query"),
                                  "--data_dir=" + tmp + "/q", "--listen=127.0.0.1:%d" % qp,
                                  "--ingest_address=127.0.0.1:%d" % ip],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)
        where = {}  # (report name, start offset) -> mention
        mentions = set()
        total = 0
        for stem, txt, gold in reports_of(set_dir):
            norm_out = subprocess.run([cli, "normalize", txt, "--format", "json"],
                                      capture_output=True, text=True, check=True).stdout
            preds = json.loads(norm_out)["events"]
            out = subprocess.run([cli, "--ingest_address=127.0.0.1:%d" % ip, "ingest", txt,
                                  "--source_uri", "file://" + stem],
                                 capture_output=True, text=True, check=True).stdout
            report = out.split(": ")[1].split(",")[0]
            total += len(preds)
            for gi, pi in align(se, gold, preds).items():
                m = "%s#%s" % (stem, gold["events"][gi]["id"])
                start = int(preds[pi]["provenance"][0].get("startOffset", 0))
                where[(report, start)] = m
                mentions.add(m)
        events = []
        for _ in range(100):
            res = subprocess.run([cli, "--query_address=127.0.0.1:%d" % qp, "export",
                                  "--format", "json"], capture_output=True, text=True)
            events = [json.loads(l) for l in res.stdout.splitlines() if l.strip()]
            if sum(len(e.get("provenance", [])) for e in events) == total:
                break
            time.sleep(0.2)
        groups = {}
        for e in events:
            for p in e.get("provenance", []):
                m = where.get((p["report"], int(p.get("startOffset", 0))))
                if m:
                    groups.setdefault(e["name"], []).append(m)
        return groups, mentions
    finally:
        for p in (query, ingest):
            if p:
                p.terminate()
                p.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv):
    verbose = "--verbose" in argv
    argv = [a for a in argv if a != "--verbose"]
    minimum = {}
    for flag in ("--min_precision", "--min_recall"):
        if flag in argv:
            i = argv.index(flag)
            minimum[flag] = float(argv[i + 1])
            del argv[i:i + 2]
    if len(argv) < 3 or argv[0] not in ("--matcher", "--end_to_end"):
        print(__doc__)
        return 2
    mode, tool, sets = argv[0], argv[1], argv[2:]
    se = load_score_events() if mode == "--end_to_end" else None
    tp = n_pred = n_gold = n_gold_found = tp_found = 0
    for set_dir in sets:
        if mode == "--matcher":
            groups, found = matcher_groups(tool, set_dir)
        else:
            groups, found = end_to_end_groups(tool, set_dir, se)
        gold = gold_pairs(set_dir)
        optional = optional_mentions(set_dir)
        pred = {p for p in pairs_of(groups) if p[0] not in optional and p[1] not in optional}
        gold_found = {p for p in gold if p[0] in found and p[1] in found}
        hit = pred & gold
        tp += len(hit)
        n_pred += len(pred)
        n_gold += len(gold)
        n_gold_found += len(gold_found)
        print("%s: gold pairs %d (both mentions found %d), predicted %d, right %d" %
              (os.path.basename(set_dir.rstrip("/")), len(gold), len(gold_found), len(pred),
               len(hit)))
        if verbose:
            for a, b in sorted(pred - gold):
                print("  wrong merge: %s + %s" % (a, b))
            for a, b in sorted(gold_found - pred):
                print("  missed:      %s + %s" % (a, b))
    precision = tp / n_pred if n_pred else 1.0
    recall = tp / n_gold if n_gold else 1.0
    if mode == "--end_to_end":
        print("recall given the alignment (both mentions found): %.3f (%d/%d)" %
              (tp / n_gold_found if n_gold_found else 1.0, tp, n_gold_found))
    print("pairs_precision=%.3f pairs_recall=%.3f gold_pairs=%d predicted_pairs=%d" %
          (precision, recall, n_gold, n_pred))
    if precision < minimum.get("--min_precision", 0) or recall < minimum.get("--min_recall", 0):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
