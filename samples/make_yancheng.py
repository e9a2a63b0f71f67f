#!/usr/bin/env python3
"""make_yancheng.py - write samples/yancheng.xml, the Yancheng region of the worked example.

Deterministic (seeded): running it again reproduces the committed file byte for byte.
The rural tobacco-and-liquor group (Y_2_) is built so that DOMAIN.md's worked example
holds exactly: 271 stores with a 2007Q1 figure, the 55th largest is 1449 and the 56th is
lower; the 136th largest (the medium threshold, MEDIUM_THRESHOLD) is 752 and the 137th
is lower; the Wen Qi store (copied from samples/wenqi.xml) has 946 and is medium.
The script checks these facts before it writes anything.

    python3 samples/make_yancheng.py [-o samples/yancheng.xml]
"""

import argparse
import math
import os
import random
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_region as G  # noqa: E402  (shared name tables and helpers)

SEED = 20070331
QUARTERS = ["2006Q2", "2006Q3", "2006Q4", "2007Q1"]
Q_NOW, Q_PREV = "2007Q1", "2006Q4"

Y2_COUNT = 271            # Y_2_ stores with a 2007Q1 figure
LARGE_THRESHOLD = 1449    # 55th largest = ceil(20 % x 271)
MEDIUM_THRESHOLD = 752    # 136th largest = ceil(50 % x 271)
WENQI_ID, WENQI_ORDERS = "3209031001", 946

# Peer groups other than Y2: (format, market, stores with a 2007Q1 figure, median, sigma)
OTHER_GROUPS = [
    ("Y", "1", 88, 820, 0.65),
    ("S", "2", 128, 270, 0.70),
    ("S", "1", 72, 320, 0.70),
    ("B", "1", 38, 430, 0.55),
    ("B", "2", 12, 340, 0.55),
    ("C", "1", 24, 950, 0.75),
    ("C", "2", 12, 620, 0.75),
    ("E", "1", 7, 170, 0.70),     # fewer than 10: insufficient peers
]
# Stores whose last figure is older than 2007Q1 (closed or suspended): (group, quarters)
NO_CURRENT = [("Y2", QUARTERS[:2]), ("Y2", QUARTERS[:3]), ("S1", QUARTERS[:3])]

# County/district -> administrative code (the first 6 digits of a licence number).
DISTRICT_CODES = {
    "亭湖区": "320902", "盐都区": "320903", "响水县": "320921", "滨海县": "320922",
    "阜宁县": "320923", "射阳县": "320924", "建湖县": "320925", "东台市": "320981",
    "大丰市": "320982",
}
PLACES = G.PLACES["320900"]

# Names that must appear, to exercise XML escaping and CSV quoting: (group, name).
ODD = [
    ("Y2", '"好又多"烟酒店'), ("Y2", '永兴烟酒, 副食'), ("Y2", '"一品"名烟名酒, 二店'),
    ("Y1", '老张烟酒&百货'), ("S2", '李家商店, 二分店'), ("S1", '"惠民"食杂店'),
    ("C1", '“福源”超市'), ("B1", "Joe's 便利店"),
]


class Region:
    """Random helpers bound to one seeded generator."""

    def __init__(self, seed):
        self.rnd = random.Random(seed)
        self.names_used = {"文奇店"}
        self.serial = {code: 1000 + 37 * i for i, code in enumerate(DISTRICT_CODES.values())}
        self.serial["320903"] = 1004          # 1001..1004: Wen Qi and its three neighbours

    def new_id(self, county):
        code = DISTRICT_CODES[county]
        self.serial[code] += 1 + int(self.rnd.random() * 9)
        return "%s%04d" % (code, self.serial[code])

    def name(self, fmt, town):
        r = self.rnd
        for _ in range(1000):
            word = r.choice(G.NAME_WORDS)
            if word == "文奇":
                continue
            prefix = ""
            if r.random() < 0.35:
                prefix = town[:-1] if town.endswith(("镇", "区")) else town[:2]
            name = prefix + word + r.choice(G.SUFFIXES[fmt])
            if name not in self.names_used:
                self.names_used.add(name)
                return name
        raise RuntimeError("ran out of store names for format " + fmt)

    def owner(self):
        while True:
            o = self.rnd.choice(G.SURNAMES) + self.rnd.choice(("某某", "某某", "某"))
            if o != "孙某某":
                return o

    def place(self, market):
        """(county, town or district, address) for an urban (1) or rural (2) store."""
        r = self.rnd
        if market == "1":
            county = r.choice(PLACES["urban"])
            return county, county, "盐城市%s%s%d号" % (county, r.choice(PLACES["roads"]),
                                                   1 + int(r.random() * 280))
        county = r.choice(list(PLACES["rural"]))
        town = r.choice(PLACES["rural"][county])
        base = town[:-1]
        if r.random() < 0.6:
            street = base + r.choice(G.TOWN_ROADS)
        else:
            street = r.choice(G.NAME_WORDS[:12]) + "村"
        return county, town, "盐城市%s%s%s%d号" % (county, town, street,
                                               1 + int(r.random() * 200))


def y2_figures(rnd):
    """271 descending 2007Q1 figures for Y_2_ with the worked example's thresholds.

    Ranks 1..53 above 1449, ranks 54-55 exactly 1449 (a tie inside the top 20 %),
    ranks 56..135 between the thresholds (one of them is Wen Qi's 946), rank 136 exactly
    MEDIUM_THRESHOLD, ranks 137..271 below it."""
    top = [LARGE_THRESHOLD + 1 + int(LARGE_THRESHOLD * (math.exp(abs(rnd.gauss(0, 0.45))) - 1))
           for _ in range(53)]
    mid = []
    while len(mid) < 79:
        v = int(math.exp(rnd.uniform(math.log(MEDIUM_THRESHOLD + 1), math.log(LARGE_THRESHOLD))))
        if MEDIUM_THRESHOLD < v < LARGE_THRESHOLD and v != WENQI_ORDERS:
            mid.append(v)
    low = []
    while len(low) < 135:
        v = int(MEDIUM_THRESHOLD * math.exp(-abs(rnd.gauss(0, 0.75))))
        if 30 <= v < MEDIUM_THRESHOLD:
            low.append(v)
    figs = sorted(top, reverse=True) + [LARGE_THRESHOLD] * 2 + sorted(mid, reverse=True) \
        + [MEDIUM_THRESHOLD] + sorted(low, reverse=True)
    assert len(figs) == Y2_COUNT - 1
    return figs


def history(rnd, now, quarters):
    """Figures for `quarters` (ending at 2007Q1) walking backwards from `now`."""
    figs = {QUARTERS[-1]: now}
    x = float(now)
    for q in reversed(QUARTERS[:-1]):
        x /= math.exp(rnd.gauss(0.015, 0.08))
        figs[q] = int(x + 0.5)
    return {q: figs[q] for q in quarters}


def thresholds(values, shares=(20, 50)):
    """(large, medium) thresholds by the contract's rule, or None for an empty group."""
    v = sorted(values, reverse=True)
    n = len(v)
    if n == 0:
        return None
    return tuple(v[-(-s * n // 100) - 1] for s in shares)


def klass(x, th):
    return 1 if x >= th[0] else (2 if x >= th[1] else 3)


def read_wenqi():
    """The Wen Qi store as a record, from samples/wenqi.xml (same figures everywhere)."""
    root = ET.parse(os.path.join(HERE, "wenqi.xml")).getroot()
    rec = {
        "id": root.get("id"), "name": root.get("name"), "code": root.findtext("code"),
        "owner": root.findtext("owner"), "address": root.findtext("address"),
        "area": int(root.findtext("area")), "opened": int(root.findtext("opened")),
        "orders": {q.get("id"): int(q.text) for q in root.find("orders")},
        "neighbours": [(n.get("id"), n.get("code"), int(n.get("distance")))
                       for n in root.find("neighbours")],
        "surroundings": root.findtext("surroundings"),
        "factors": [(f.get("name"), f.get("value")) for f in root.find("assessment")
                    if f.tag == "factor"],
        "honours": [h.text for h in root.find("assessment") if h.tag == "honour"],
        "fixed_code": True,
    }
    assert rec["id"] == WENQI_ID and rec["orders"][Q_NOW] == WENQI_ORDERS
    return rec


def assessment(rnd, cls):
    """Plausible visit findings; better scores for larger stores."""
    def score(bias):
        return max(1, min(5, int(rnd.gauss(3.3 - 0.4 * (cls - 2) + bias, 0.9) + 0.5)))
    f = [("display", score(0)), ("sample-layout", score(-0.2)),
         ("recommendation", score(-0.3)), ("information", score(-0.3)),
         ("service", score(0.1)), ("stock-health", score(0.2)),
         ("skus", 30 + int(rnd.random() * 90) + 15 * (3 - cls)),
         ("price-low", rnd.choice((15, 20, 25, 30))),
         ("price-high", rnd.choice((300, 500, 800, 1000))),
         ("order-success", 80 + int(rnd.random() * 21)),
         ("tobacco-share", 30 + int(rnd.random() * 50)),
         ("sole-supplier", "yes" if rnd.random() < 0.85 else "no")]
    if rnd.random() < 0.4:
        f.append(("operation", score(0.2)))
    honours = []
    if rnd.random() < 0.25:
        honours.append(rnd.choice(G.HONOURS))
    return [(k, str(v)) for k, v in f], honours


def build():
    reg = Region(SEED)
    rnd = reg.rnd
    stores = []

    def new_store(fmt, market, now, quarters=QUARTERS):
        county, town, address = reg.place(market)
        if quarters[0] >= "2006Q3":    # a new store
            opened = int(quarters[0][:4])
        else:
            opened = 2005 - int(rnd.random() * rnd.random() * 18)
        rec = {
            "id": reg.new_id(county), "name": reg.name(fmt, town), "fmt": fmt,
            "market": market, "owner": reg.owner(), "address": address,
            "area": max(6, int({"Y": 32, "S": 22, "B": 55, "C": 260, "E": 140}[fmt]
                               * math.exp(rnd.gauss(0, 0.45)))),
            "opened": opened, "orders": history(rnd, now, quarters),
        }
        if rnd.random() < 0.08:
            del rec["area"]
        if rnd.random() < 0.15:
            del rec["opened"]
        if rnd.random() < 0.5:
            rec["surroundings"] = " ".join(rnd.sample(G.SURROUNDINGS, 1 + int(rnd.random() * 3)))
        stores.append(rec)
        return rec

    # --- Y2: the worked example's peer group.
    wenqi = read_wenqi()
    wenqi.update(fmt="Y", market="2")
    stores.append(wenqi)
    for now in y2_figures(rnd):
        r = rnd.random()
        # A few stores are new: shorter history (their code was set on their first figure).
        quarters = QUARTERS if r > 0.06 else (QUARTERS[2:] if r > 0.02 else QUARTERS[3:])
        new_store("Y", "2", now, quarters)

    # --- the other groups, log-normal figures.
    for fmt, market, count, median, sigma in OTHER_GROUPS:
        for i in range(count):
            now = max(0, int(median * math.exp(rnd.gauss(0, sigma))))
            r = rnd.random()
            quarters = QUARTERS if r > 0.05 else QUARTERS[2:]
            new_store(fmt, market, now, quarters)
    # One suspended urban grocery: a 2007Q1 figure of 0 still counts as a figure.
    s1 = [s for s in stores if s["fmt"] + s["market"] == "S1"]
    s1[len(s1) // 2]["orders"][Q_NOW] = 0

    # --- stores without a 2007Q1 figure.
    for group, quarters in NO_CURRENT:
        new_store(group[0], group[1], int(300 + 900 * rnd.random()), quarters)

    # --- Wen Qi's neighbours: 3209031002 large, ...1003 and ...1004 medium (S_2_).
    s2 = sorted((s for s in stores if s["fmt"] + s["market"] == "S2"),
                key=lambda s: -s["orders"][Q_NOW])
    picks = [(s2[4], "3209031002", "S121", 18), (s2[int(len(s2) * 0.30)], "3209031003", "S221", 22),
             (s2[int(len(s2) * 0.40)], "3209031004", "S221", 26)]
    ids = [p[1] for p in picks]
    for rec, sid, code, number in picks:
        rec.update(id=sid, fixed_code=code, address="盐城市盐都区大冈镇卧龙西路%d号" % number,
                   surroundings="industrial-park hotel residential")
        rec["orders"] = history(rnd, rec["orders"][Q_NOW], QUARTERS)
        rec["neighbours"] = [(WENQI_ID, "Y221", 50)] + [
            (o, c, 10) for _, o, c, _ in picks if o != sid]
    for (rec, _, _, _), name in zip(picks, ("大冈红星商店", "卧龙副食店", "大冈便民日杂店")):
        reg.names_used.discard(rec["name"])
        rec["name"] = name
    assert len(set(ids)) == 3

    # --- odd names (escaping, CSV quoting).
    for group, name in ODD:
        cands = [s for s in stores if s["fmt"] + s["market"] == group
                 and "fixed_code" not in s and not s.get("odd")]
        rec = cands[int(rnd.random() * len(cands))]
        rec["name"], rec["odd"] = name, True

    # --- codes: the class each store had at the end of 2006Q4 within its group, with noise.
    groups = {}
    for s in stores:
        groups.setdefault(s["fmt"] + s["market"], []).append(s)
    for g, members in groups.items():
        th_prev = thresholds([s["orders"][Q_PREV] for s in members if Q_PREV in s["orders"]])
        th_now = thresholds([s["orders"][Q_NOW] for s in members if Q_NOW in s["orders"]])
        for s in members:
            fixed = s.get("fixed_code")
            if fixed is True:
                continue
            if isinstance(fixed, str):
                s["code"] = fixed
                continue
            if Q_PREV in s["orders"]:
                cls = klass(s["orders"][Q_PREV], th_prev)
            elif Q_NOW in s["orders"]:  # new store: classed on its first figure
                cls = klass(s["orders"][Q_NOW], th_now)
            else:                       # closed early: its last figure
                cls = klass(s["orders"][max(s["orders"])], th_prev)
            if rnd.random() < 0.06:    # data-entry drift: one class off
                cls = cls + 1 if cls < 3 and (cls == 1 or rnd.random() < 0.5) else cls - 1
            r = rnd.random()
            integ = "1" if r < 0.82 else ("2" if r < 0.96 else "3")
            s["code"] = s["fmt"] + str(cls) + s["market"] + integ

    # --- neighbours among rural stores of the same town, assessments for some stores.
    by_town = {}
    for s in stores:
        if "neighbours" not in s and s["market"] == "2":
            key = s["address"].split("镇")[0]
            by_town.setdefault(key, []).append(s)
    for s in stores:
        if "neighbours" in s or s["market"] != "2" or rnd.random() > 0.2:
            continue
        near = [o for o in by_town.get(s["address"].split("镇")[0], []) if o is not s]
        if near:
            k = min(len(near), 1 + int(rnd.random() * 3))
            s["neighbours"] = [(o["id"], o["code"], 10 * (3 + int(rnd.random() * 30)))
                               for o in rnd.sample(near, k)]
    for s in stores:
        if "factors" not in s and rnd.random() < (0.25 if s["fmt"] == "Y" else 0.08):
            s["factors"], s["honours"] = assessment(rnd, int(s["code"][1]))

    stores.sort(key=lambda s: s["id"])
    return stores


def check(stores):
    """The worked example's facts; raise AssertionError if any is off."""
    ids = [s["id"] for s in stores]
    assert len(ids) == len(set(ids)), "duplicate store ids"
    assert all(len(i) == 10 and i.isdigit() for i in ids)
    y2 = sorted((s["orders"][Q_NOW] for s in stores
                 if s["code"][0] == "Y" and s["code"][2] == "2" and Q_NOW in s["orders"]),
                reverse=True)
    assert len(y2) == Y2_COUNT, len(y2)
    assert y2[54] == LARGE_THRESHOLD and y2[55] < LARGE_THRESHOLD
    assert y2[135] == MEDIUM_THRESHOLD and y2[136] < MEDIUM_THRESHOLD
    wq = [s for s in stores if s["id"] == WENQI_ID]
    assert len(wq) == 1 and wq[0]["code"] == "Y221" and wq[0]["orders"][Q_NOW] == 946
    e1 = [s for s in stores if s["code"][0] + s["code"][2] == "E1"]
    assert 0 < len(e1) < 10
    assert sum(1 for s in stores if Q_NOW not in s["orders"]) == len(NO_CURRENT)


def write(stores, out):
    esc = G.xml_escape
    w = out.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w('<!-- Generated by samples/make_yancheng.py (seed %d); do not edit by hand. -->\n' % SEED)
    w('<region id="320900" name="盐城" quarter="2007Q1" unit="carton">\n')
    # the worked example's figures are Dagang town's: only its stores' plans cite them
    w('  <growth name="economy" pct="14.5" place="大冈镇">Dagang town GDP growth 2006</growth>\n')
    w('  <growth name="industrial-output" pct="23.8" place="大冈镇">Dagang town industrial output growth 2006</growth>\n')
    w('  <growth name="industrialisation" pct="71.6" place="大冈镇">industry share of Dagang town GDP 2006</growth>\n')
    for s in stores:
        w('  <store id="%s" name="%s">\n' % (s["id"], esc(s["name"])))
        w('    <code>%s</code>\n' % s["code"])
        w('    <owner>%s</owner>\n' % esc(s["owner"]))
        w('    <address>%s</address>\n' % esc(s["address"]))
        if "area" in s:
            w('    <area>%d</area>\n' % s["area"])
        if "opened" in s:
            w('    <opened>%d</opened>\n' % s["opened"])
        w('    <orders>\n')
        for q in QUARTERS:
            if q in s["orders"]:
                w('      <q id="%s">%d</q>\n' % (q, s["orders"][q]))
        w('    </orders>\n')
        if s.get("neighbours"):
            w('    <neighbours>\n')
            for nid, code, dist in s["neighbours"]:
                w('      <neighbour id="%s" code="%s" distance="%d"/>\n' % (nid, code, dist))
            w('    </neighbours>\n')
        if s.get("surroundings"):
            w('    <surroundings>%s</surroundings>\n' % esc(s["surroundings"]))
        if s.get("factors") or s.get("honours"):
            w('    <assessment>\n')
            for k, v in s.get("factors", []):
                w('      <factor name="%s" value="%s"/>\n' % (k, esc(v)))
            for h in s.get("honours", []):
                w('      <honour>%s</honour>\n' % esc(h))
            w('    </assessment>\n')
        w('  </store>\n')
    w('</region>\n')


def main():
    ap = argparse.ArgumentParser(description="Write the Yancheng sample region.")
    ap.add_argument("-o", "--output", default=os.path.join(HERE, "yancheng.xml"))
    a = ap.parse_args()
    stores = build()
    check(stores)
    tmp = a.output + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as out:
        write(stores, out)
    os.replace(tmp, a.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
