#!/usr/bin/env python3
"""Score events extracted from one report against a hand-annotated gold file.

Usage:
  score_events.py GOLD.json PRED.json [--min-f1 X] [--verbose]

PRED.json is what the system returns for that report, in the proto3 JSON
mapping of the v1 API (see docs/design.md, "Wire contract"): a list of
Event objects, an object with an "events" list (optionally a "report"
object too), or several such JSON values one after another (as grpcurl
prints a server stream). camelCase and snake_case field names are both
accepted; enum values may carry their type prefix (CATEGORY_SURVEILLANCE)
or not (surveillance).

Prints a table and, last, one line: "event_f1=F precision=P recall=R".
Exits 1 when --min-f1 is given and F is below it.
"""
import json
import re
import sys

ENUM_PREFIXES = ("CATEGORY_", "FREEDOM_", "VALENCE_", "ENTITY_KIND_", "ROLE_",
                 "DATE_PRECISION_", "CONFIDENTIALITY_")


def enum_value(v):
    if v is None:
        return "unspecified"
    s = str(v)
    for p in ENUM_PREFIXES:
        if s.upper().startswith(p):
            s = s[len(p):]
            break
    return s.lower() or "unspecified"


def field(obj, *names, default=None):
    for n in names:
        if n in obj:
            return obj[n]
        camel = re.sub(r"_([a-z])", lambda m: m.group(1).upper(), n)
        if camel in obj:
            return obj[camel]
    return default


def load_values(path):
    text = open(path, encoding="utf-8").read()
    dec = json.JSONDecoder()
    i, out = 0, []
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return out
        val, i = dec.raw_decode(text, i)
        out.append(val)


def predicted(path):
    events, report = [], None
    for v in load_values(path):
        if isinstance(v, list):
            events.extend(v)
        elif isinstance(v, dict) and ("events" in v or "report" in v):
            events.extend(v.get("events", []))
            report = v.get("report", report)
        elif isinstance(v, dict) and "event" in v:
            events.append(v["event"])
        elif isinstance(v, dict):
            events.append(v)
    return events, report


def date_string(d):
    """PartialDate (google.type.Date semantics) or string -> 'YYYY[-MM[-DD]]' or None."""
    if d is None:
        return None
    if isinstance(d, str):
        return d or None
    y, m, dd = int(d.get("year", 0) or 0), int(d.get("month", 0) or 0), int(d.get("day", 0) or 0)
    if not y:
        return None
    if not m:
        return "%04d" % y
    if not dd:
        return "%04d-%02d" % (y, m)
    return "%04d-%02d-%02d" % (y, m, dd)


def norm_name(s):
    s = s.lower().replace("’", "'")
    s = re.sub(r"[^\w' ]+", " ", s)
    return " ".join(s.split())


class Names:
    """Name matching that knows the gold file's aliases."""

    def __init__(self, gold_entities):
        self.canon = {}
        for e in gold_entities:
            c = norm_name(e["name"])
            self.canon[c] = c
            for a in e.get("aliases", []):
                self.canon[norm_name(a)] = c

    def key(self, s):
        n = norm_name(s)
        return self.canon.get(n, n)

    def same(self, a, b):
        ka, kb = self.key(a), self.key(b)
        if ka == kb:
            return True
        ta, tb = set(ka.split()), set(kb.split())
        if not ta or not tb:
            return False
        if ta <= tb or tb <= ta:
            return True
        return ka.split()[-1] == kb.split()[-1] and len(ka.split()[-1]) > 3


def split_participants(ev):
    persons, orgs = [], []
    for p in field(ev, "participants", default=[]) or []:
        name = field(p, "display_name", "name", default="")
        if not name:
            continue
        kind = enum_value(field(p, "kind", default=""))
        (persons if "person" in kind else orgs).append(name)
    return persons, orgs


def overlap(names, gold_list, pred_list):
    hit = 0
    for g in gold_list:
        if any(names.same(g, p) for p in pred_list):
            hit += 1
    return hit


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    min_f1 = None
    if "--min-f1" in argv:
        min_f1 = float(argv[argv.index("--min-f1") + 1])
        args.remove(argv[argv.index("--min-f1") + 1])
    verbose = "--verbose" in argv
    if len(args) != 2:
        print(__doc__)
        return 2
    gold = json.load(open(args[0], encoding="utf-8"))
    preds, pred_report = predicted(args[1])
    names = Names(gold.get("entities", []))

    cands = []
    for gi, g in enumerate(gold["events"]):
        for pi, p in enumerate(preds):
            pd = date_string(field(p, "date"))
            if pd != g["date"]:
                continue
            pp, po = split_participants(p)
            ov = overlap(names, g["persons"], pp) + overlap(names, g["organisations"], po + pp)
            cat = enum_value(field(p, "category")) == g["category"]
            if not (cat or ov):
                continue
            cands.append((2 * cat + ov, gi, pi))
    cands.sort(key=lambda c: -c[0])
    g_used, p_used, pairs = set(), set(), []
    for _, gi, pi in cands:
        if gi in g_used or pi in p_used:
            continue
        g_used.add(gi)
        p_used.add(pi)
        pairs.append((gi, pi))

    required = [i for i, g in enumerate(gold["events"]) if not g.get("optional")]
    tp = sum(1 for gi, _ in pairs if gi in required)
    optional_hits = sum(1 for gi, _ in pairs if gi not in required)
    fp = len(preds) - tp - optional_hits
    fn = len(required) - tp
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0

    cat_ok = fr_n = fr_ok = val_ok = 0
    per_g = per_hit = per_p = per_p_ok = org_g = org_hit = 0
    for gi, pi in pairs:
        if gi not in required:
            continue
        g, p = gold["events"][gi], preds[pi]
        cat_ok += enum_value(field(p, "category")) == g["category"]
        if g["freedom"] != "unspecified":
            fr_n += 1
            fr_ok += enum_value(field(p, "freedom")) == g["freedom"]
        val_ok += enum_value(field(p, "valence")) == g["valence"]
        pp, po = split_participants(p)
        per_g += len(g["persons"])
        per_hit += overlap(names, g["persons"], pp)
        per_p += len(pp)
        per_p_ok += sum(1 for x in pp if any(names.same(x, y) for y in g["persons"]))
        org_g += len(g["organisations"])
        org_hit += overlap(names, g["organisations"], po + pp)

    # Entity resolution: mentions of one gold entity should share one entity id.
    merged = split_groups = 0
    for e in gold.get("entities", []):
        ids = set()
        forms = set()
        for p in preds:
            for part in field(p, "participants", default=[]) or []:
                nm = field(part, "display_name", "name", default="")
                if nm and names.key(nm) == norm_name(e["name"]):
                    ids.add(field(part, "entity", "entity_id", default=""))
                    forms.add(nm)
        if len(forms) >= 1 and ids:
            if len(ids) == 1 and "" not in ids:
                merged += 1
            else:
                split_groups += 1

    def pct(a, b):
        return "%5.1f%% (%d/%d)" % (100.0 * a / b, a, b) if b else "  n/a"

    print("gold events (required/optional): %d/%d   predicted: %d" %
          (len(required), len(gold["events"]) - len(required), len(preds)))
    print("matched required: %d   matched optional: %d   false positives: %d   missed: %d" %
          (tp, optional_hits, fp, fn))
    print("category accuracy on matches : %s" % pct(cat_ok, tp))
    print("freedom accuracy on matches  : %s" % pct(fr_ok, fr_n))
    print("valence accuracy on matches  : %s" % pct(val_ok, tp))
    print("person recall on matches     : %s" % pct(per_hit, per_g))
    print("person precision on matches  : %s" % pct(per_p_ok, per_p))
    print("organisation recall          : %s" % pct(org_hit, org_g))
    print("gold entities resolved to one id: %s" % pct(merged, merged + split_groups))
    if pred_report and gold.get("report"):
        gr = gold["report"]
        cc = field(pred_report, "country_code", default="")
        cs = date_string(field(pred_report, "coverage_start"))
        ce = date_string(field(pred_report, "coverage_end"))
        print("report country %s, coverage %s..%s (gold %s, %s..%s)" %
              (cc or "-", cs or "-", ce or "-", gr["country"], gr["coverage_start"], gr["coverage_end"]))
    if verbose:
        for gi, g in enumerate(gold["events"]):
            hit = [pi for g2, pi in pairs if g2 == gi]
            print(("  ok  " if hit else ("  opt " if g.get("optional") else "  MISS")), g["id"], g["date"],
                  g["category"], "-", g["summary"][:70])
        for pi, p in enumerate(preds):
            if pi not in p_used:
                print("  FP  ", date_string(field(p, "date")), enum_value(field(p, "category")), "-",
                      str(field(p, "summary", default=""))[:70])
    print("event_f1=%.3f precision=%.3f recall=%.3f" % (f1, prec, rec))
    if min_f1 is not None and f1 < min_f1:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
