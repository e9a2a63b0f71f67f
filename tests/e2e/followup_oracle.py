#!/usr/bin/env python3
"""followup_oracle.py - recomputes followup.csv of `planner batch` from the region XML
(for tests/e2e/followup.sh), independently of the C code: the previous quarter's
candidates by the classification rule, ranked by growth required then, and their
outcome this quarter; then checks the CSV row by row and the funnel of summary.json
against the sums of the rows.  Prints ok / not ok lines.

    followup_oracle.py REGION.xml OUTDIR QUARTER SHARE_L,SHARE_M MIN_PEERS GAP [MANIFEST]

MANIFEST (tests/gen_known.py) names the stores written invalid on purpose.
"""
import csv
import json
import sys
import xml.etree.ElementTree as ET
from fractions import Fraction

region, out, Q = sys.argv[1], sys.argv[2], sys.argv[3]
share_l, share_m = (Fraction(x) for x in sys.argv[4].split(","))
MIN_PEERS, GAP = int(sys.argv[5]), Fraction(sys.argv[6])
manifest = json.load(open(sys.argv[7], encoding="utf-8")) if len(sys.argv) > 7 else None
y, n = int(Q[:4]), int(Q[5])
P = "%dQ%d" % ((y, n - 1) if n > 1 else (y - 1, 4))


def ok(cond, what):
    print(("ok - " if cond else "not ok - ") + what)


stores = []
for i, el in enumerate(ET.parse(region).getroot().iter("store")):
    if manifest is not None and manifest[i]["bad"] is not None:
        continue
    figs = {q.get("id"): Fraction(q.text.strip()) for q in el.iter("q")}
    stores.append({"id": el.get("id"), "name": el.get("name"),
                   "code": el.findtext("code").strip(), "figs": figs, "pos": i})


def kth(share, n):
    k = share * n / 100
    return max(1, -(-k.numerator // k.denominator))


def classify(q):
    groups = {}
    for s in stores:
        if q in s["figs"]:
            groups.setdefault(s["code"][0] + s["code"][2], []).append(s["figs"][q])
    res = {}
    for g, xs in groups.items():
        xs.sort(reverse=True)
        res[g] = (len(xs), xs[kth(share_l, len(xs)) - 1],
                  xs[kth(share_l + share_m, len(xs)) - 1])
    return res


cur, prev = classify(Q), classify(P)


def cls(stats, x):
    _, tl, tm = stats
    return 1 if x >= tl else 2 if x >= tm else 3


NAMES = {1: "large", 2: "medium", 3: "small", None: ""}
want = []
for s in stores:
    g = s["code"][0] + s["code"][2]
    if P not in s["figs"] or g not in prev or prev[g][0] < MIN_PEERS:
        continue
    x = s["figs"][P]
    k = cls(prev[g], x)
    if k == 1 or x <= 0:
        continue
    target = prev[g][1] if k == 2 else prev[g][2]
    if not (target > x and 100 * (target - x) <= GAP * x):
        continue
    now = s["figs"].get(Q)
    k_now = cls(cur[g], now) if now is not None and cur[g][0] >= MIN_PEERS else None
    want.append({"growth": 100 * (target - x) / x, "pos": s["pos"], "store_id": s["id"],
                 "name": s["name"], "peer_group": g, "from_quarter": P, "to_quarter": Q,
                 "class_then": NAMES[k], "target_code_then": s["code"][0] + str(k - 1) +
                 s["code"][2:], "target_orders_then": target, "orders_then": x,
                 "orders_now": now,
                 "met": "" if now is None else "yes" if now >= target else "no",
                 "class_now": NAMES[k_now],
                 "moved_up": "yes" if k_now is not None and k_now < k else "no"})
want.sort(key=lambda w: (w["growth"], w["pos"]))

path = out + "/followup.csv"
header = open(path, encoding="utf-8").readline().strip()
ok(header == "store_id,name,peer_group,from_quarter,to_quarter,class_then,target_code_then,"
   "target_orders_then,orders_then,orders_now,met,class_now,moved_up", "followup.csv header")
rows = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
ok(len(rows) == len(want), "followup.csv: %d rows, oracle %d" % (len(rows), len(want)))
ok(len(want) > 0, "the oracle finds candidates of last quarter")
bad = []
for r, w in zip(rows, want):
    for col in r:
        got, exp = r[col], w[col]
        if isinstance(exp, Fraction) or (exp is None and col == "orders_now"):
            same = (got == "" and exp is None) or (got != "" and exp is not None and
                                                    abs(Fraction(got) - exp) < Fraction(1, 10**6))
        else:
            same = got == exp
        if not same:
            bad.append("%s %s: %r, oracle %r" % (w["store_id"], col, got, exp))
ok(not bad, "every followup.csv row and its rank as the oracle's" +
   ("" if not bad else ": " + "; ".join(bad[:5])))

fun = json.load(open(out + "/summary.json", encoding="utf-8"))["funnel"]
classified = [r for r in rows if r["class_now"]]
sums = {"flagged": len(rows), "classified": len(classified),
        "grew": sum(1 for r in classified if Fraction(r["orders_now"]) > Fraction(r["orders_then"])),
        "moved_up": sum(r["moved_up"] == "yes" for r in rows)}
ok(all(fun[k] == v for k, v in sums.items()),
   "summary.json funnel %s = sums of followup.csv %s" %
   ({k: fun[k] for k in sums}, sums))
