#!/usr/bin/env python3
"""grade_pages.py: checks the summary.pdf pages of --grades, --hold-down and --quadrants
(English) against an independent computation from the region XML (ElementTree,
Fractions), the way tests/e2e/grades.sh checks the CSV columns.

usage: grade_pages.py REGION OUTDIR SCOPE HOLD VALUE_CUT MATCH_CUT MIN_PEERS GRADEFILE
Prints one "ok - ..." / "not ok - ..." line per check."""
import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from fractions import Fraction as F

region, out, scope, hold, vcut, mcut, min_peers, gfile = sys.argv[1:9]
hold, min_peers, vcut, mcut = int(hold), int(min_peers), F(vcut), F(mcut)
tag = "pdf %s scope=%s hold=%d" % (region.split("/")[-1], scope, hold)


def ok(cond, what):
    print(("ok - " if cond else "not ok - ") + tag + ": " + what)


# ---- the oracle: grades, code hold-down, quadrants from the XML ----------------------------
labels, cum, total = [], [], 0
for line in open(gfile, encoding="utf-8"):
    w = line.split("#")[0].split()
    if w:
        labels.append(w[0])
        total += int(round(F(w[1]) * 100))
        cum.append(total)

rules = []
for line in open("templates/match-rules.txt", encoding="utf-8"):
    w = line.split("#")[0].split()
    if w:
        rules.append((w[0].split("|"), int(w[1]), w[2], [F(v) for v in w[3:]]))

root = ET.parse(region).getroot()
Q = root.get("quarter")


def qadd(q, n):
    v = int(q[:4]) * 4 + int(q[5]) - 1 + n
    return "%dQ%d" % (v // 4, v % 4 + 1)


QS = [qadd(Q, -h) for h in range(4)]
stores = []
for el in root.iter("store"):
    o = el.find("orders")
    figs = {q.get("id"): F(q.text) for q in o.iter("q")} if o is not None else {}
    facs = {f.get("name"): f.get("value") for f in el.iter("factor")}
    stores.append({"id": el.get("id"), "code": el.findtext("code").strip(), "figs": figs,
                   "facs": facs})


def group(s):
    return s["code"][0] + s["code"][2]


def kth_largest(xs, bp):
    k = max(1, -(-bp * len(xs) // 10000))
    return sorted(xs, reverse=True)[k - 1]


cuts = {}
for h, q in enumerate(QS):
    by = {}
    for s in stores:
        if q in s["figs"]:
            by.setdefault("all" if scope == "region" else group(s), []).append(s["figs"][q])
    for g, xs in by.items():
        if scope == "region" or len(xs) >= min_peers:
            cuts[(g, h)] = [kth_largest(xs, c) for c in cum]


def grade(s, h):
    x, t = s["figs"].get(QS[h]), cuts.get(("all" if scope == "region" else group(s), h))
    if x is None or t is None:
        return None
    return len(t) - 1 if x <= 0 else min(j for j in range(len(t)) if x >= t[j])


def in_force(s):
    comp = [grade(s, h) for h in (3, 2, 1, 0)] if hold > 1 else [grade(s, 1), grade(s, 0)]
    if hold == 1:
        return comp[1], comp[0]
    force, run, hist = None, 0, []
    for c in comp:
        if c is None:
            run = 0
        elif force is None or c <= force:
            force, run = c, 0
        else:
            run += 1
            if run >= hold:
                force, run = c, 0
        hist.append(force)
    return (hist[3] if comp[3] is not None else None, hist[2] if comp[2] is not None else None)


cls = []
for h in range(4):
    by = {}
    for s in stores:
        if QS[h] in s["figs"]:
            by.setdefault(group(s), []).append(s["figs"][QS[h]])
    cls.append({g: (len(xs), kth_largest(xs, 2000), kth_largest(xs, 5000), xs)
                for g, xs in by.items()})


def klass(s, h):
    x, st = s["figs"].get(QS[h]), cls[h].get(group(s))
    if x is None or st is None or st[0] < min_peers:
        return None
    return 3 if x <= 0 else 1 if x >= st[1] else 2 if x >= st[2] else 3


def scaled(rule, value):
    if rule[2] == "yesno":
        return F(5) if value == "yes" else F(1) if value == "no" else None
    try:
        v = F(value)
    except ValueError:
        return None
    if rule[2] == "range":
        v = 1 + 4 * (v - rule[3][0]) / (rule[3][1] - rule[3][0])
    return min(F(5), max(F(1), v))


def match(s):
    tot = weights = 0
    for rule in rules:
        name = next((n for n in rule[0] if n in s["facs"]), None)
        v = scaled(rule, s["facs"][name]) if name else None
        if v is None:
            return None
        tot += rule[1] * v
        weights += rule[1]
    return math.floor(100 * tot / weights + F(1, 2))


def percentile(s):
    x, st = s["figs"].get(Q), cls[0].get(group(s))
    if x is None:
        return None
    xs = st[3]
    return F(100 * (sum(v < x for v in xs) + sum(v <= x for v in xs)), 2 * len(xs))


now, before, into_up, into_down = {}, {}, {}, {}
moves = {"up": [0, 0, 0], "down": [0, 0, 0]}
quads = {}
held = []                    # (quarters left, file position, id)
for i, s in enumerate(stores):
    g, gp = in_force(s)
    if g is not None:
        now[g] = now.get(g, 0) + 1
    if gp is not None:
        before[gp] = before.get(gp, 0) + 1
    if g is not None and gp is not None and g != gp:
        d = gp - g
        moves["up" if d > 0 else "down"][min(abs(d), 3) - 1] += 1
        into = into_up if d > 0 else into_down
        into[g] = into.get(g, 0) + 1
    old, k = int(s["code"][1]), klass(s, 0)
    if hold > 1 and k is not None and k > old:
        run = 0
        while run < hold and (klass(s, run) or 0) > old:
            run += 1
        if run < hold:
            held.append((hold - run, i, s["id"]))
    m, p = match(s), percentile(s)
    qd = "none" if m is None or p is None else \
        ["ordinary", "potential", "profit", "strategic"][(p >= vcut) * 2 + (F(m, 100) >= mcut)]
    quads[qd] = quads.get(qd, 0) + 1
held.sort()

# ---- what summary.pdf says ----------------------------------------------------------------
pdf = out + "/summary.pdf"
layout = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                        text=True).stdout
flat = " ".join(subprocess.run(["pdftotext", pdf, "-"], capture_output=True,
                               text=True).stdout.split())


def count(n):
    return "{:,}".format(n)


def num(s):
    return int(s.replace(",", ""))


row_re = re.compile(r"^\s*(\S+)\s+[\d.]+\s+(?:[\d,.]+|–)\s+([\d,]+)\s+([\d,]+)\s+"
                    r"([+-]?\d+)\s+([\d,]+)\s+([\d,]+)\s*$")
page = layout.split("Grade distribution", 1)[1].split("by 1 grade", 1)[0] \
    if "Grade distribution" in layout else ""
rows = {m.group(1): [num(m.group(k)) for k in (2, 3, 5, 6)]
        for m in map(row_re.match, page.splitlines()) if m}
want = {labels[j]: [now.get(j, 0), before.get(j, 0), into_up.get(j, 0), into_down.get(j, 0)]
        for j in range(len(labels))}
ok(rows == want, "grade page: stores now, last quarter, moved up/down into per grade "
   "(%d rows read)" % len(rows))
for way, name in (("up", "Moved up"), ("down", "Moved down")):
    m = re.search(name + r"\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)", layout)
    got = [num(v) for v in m.groups()] if m else None
    ok(got == moves[way] + [sum(moves[way])],
       "grade page: %s by 1, 2, 3+ and total %s" % (name.lower(), moves[way]))
up, down = sum(moves["up"]), sum(moves["down"])
line = "%s: %s stores moved up a grade or more, %s moved down." % (
    "Met" if up >= down else "Not met", count(up), count(down))
ok(line in flat and "upgrades ≥ downgrades (reported, not enforced)" in flat,
   "grade page: rule check reported: " + line)

for q, name in (("strategic", "Strategic"), ("profit", "Profit"), ("potential", "Potential"),
                ("ordinary", "Ordinary")):
    ok("%s %s" % (name, count(quads.get(q, 0))) in flat,
       "quadrant map: %s %d" % (name, quads.get(q, 0)))
ok("Not placed (no score or no percentile): %s." % count(quads.get("none", 0)) in flat,
   "quadrant map: not placed %d" % quads.get("none", 0))

if hold > 1:
    ok("Held by the hold-down (%s)" % count(len(held)) in flat, "held list title counts %d" % len(held))
    got = re.findall(r"^\s*(\S+)\s.*held, (\d+) more quarters? to regain\s*$", layout, re.M)
    shown = [(sid, str(k)) for k, _, sid in held[:30]]
    ok(got == shown, "held list: ids and quarters left of the first %d, in order" % len(shown))
    if len(held) > 30:
        ok("… and %d more in reclassification.csv" % (len(held) - 30) in flat,
           "held list: the rest counted")
