#!/usr/bin/env python3
"""gen_known.py - a small region file whose batch answers are known, for tests/e2e/batch.sh.

Peer groups built to hit the edges of the classification rule:
  Y2  40 stores, ties at both thresholds (8th and 20th largest are shared by several)
  S1  12 stores that all ordered the same (everyone is large)
  B2   5 stores (fewer than --min-peers 10: codes kept, insufficient-peers)
  C1  25 stores, three without a 2007Q1 figure (no-orders), one ordering 0
  Q2  15 stores with fractional figures
plus invalid stores (negative orders, bad code, missing name, duplicate id, bad quarter
id, unsafe id) and names with commas, quotes, CR/LF and CJK text.  Every store has
figures for 2006Q2..2007Q1 unless noted, so transitions and trends are defined.

    python3 tests/gen_known.py REGION.xml MANIFEST.json

The manifest lists, in file order, every store's id, the line of its <store> element
and whether it was written invalid on purpose (with what), so the test can check the
status column and stderr without re-implementing the reader's checks.
"""

import json
import random
import sys
from xml.sax.saxutils import quoteattr

QUARTERS = ["2006Q2", "2006Q3", "2006Q4", "2007Q1"]


def history(rng, now, drift=0.08):
    """Figures for the four quarters ending with `now`, going back with some drift."""
    vals = [now]
    for _ in range(3):
        prev = vals[-1] / (1 + rng.uniform(-drift, drift * 1.5))
        vals.append(round(prev))
    return dict(zip(reversed(QUARTERS), vals))


def main():
    out_path, manifest_path = sys.argv[1], sys.argv[2]
    rng = random.Random(20070331)
    stores = []   # dicts: id, name, code, orders {q: text}, bad (reason or None)

    def add(sid, name, code, orders, bad=None, raw_id=None):
        stores.append({"id": sid, "raw_id": raw_id if raw_id is not None else sid,
                       "name": name, "code": code, "orders": orders, "bad": bad})

    # Y2: 40 stores; sorted descending, positions 6..10 share 1000 (the 8th largest is
    # the large threshold) and 18..23 share 500 (the 20th largest: medium threshold).
    y2 = [3000, 2600, 2200, 1900, 1500] + [1000] * 5 + [900, 850, 800, 760, 700, 650, 600] + \
         [500] * 6 + [480, 470, 460, 450, 420, 400, 380, 350, 300, 260, 220, 200, 150, 120, 100, 80, 60]
    assert len(y2) == 40
    rng.shuffle(y2)
    odd_names = ['王记烟酒, 副食', '"好又多"烟酒店', 'Joe\'s "Corner", Shop', '李家\n商店',
                 'CR\rLF\r\nname', '  spaced  ', '文奇店']
    for i, x in enumerate(y2):
        name = odd_names[i] if i < len(odd_names) else "烟酒店%02d" % i
        scale = rng.choice("123")
        add("Y2%03d" % i, name, "Y%s2%s" % (scale, rng.choice("123")),
            {q: str(v) for q, v in history(rng, x).items()})

    # S1: all equal this quarter
    for i in range(12):
        h = history(rng, 300)
        add("S1%03d" % i, "食杂店%d" % i, "S%s11" % rng.choice("123"),
            {q: str(v) for q, v in h.items()})

    # B2: too small a group
    for i in range(5):
        add("B2%03d" % i, "便利店%d" % i, "B%s21" % rng.choice("123"),
            {q: str(v) for q, v in history(rng, 200 + 50 * i).items()})

    # C1: no-orders stores and a zero
    for i in range(25):
        h = {q: str(v) for q, v in history(rng, rng.randint(100, 3000)).items()}
        if i in (3, 11, 19):
            del h["2007Q1"]          # no figure this quarter
        if i == 7:
            h["2007Q1"] = "0"
        add("C1%03d" % i, "超市%d" % i, "C%s11" % rng.choice("123"), h)

    # Q2: fractional figures
    for i in range(15):
        now = rng.randint(100, 2000) / 4.0
        h = {q: ("%.2f" % v).rstrip("0").rstrip(".") for q, v in
             zip(reversed(QUARTERS), [now, now * 0.97, now * 1.02, now * 0.9])}
        add("Q2%03d" % i, "其他%d" % i, "Q%s22" % rng.choice("123"), h)

    # invalid stores, spread through the file
    good = {q: "700" for q in QUARTERS}
    bad = [
        ("BADNEG", "负数", "Y222", dict(good, **{"2007Q1": "-5"}), "negative orders"),
        ("BADCODE", "错码", "Y921", good, "bad code"),
        ("BADNAME", None, "Y222", good, "missing name"),
        ("Y2003", "重复", "Y222", good, "duplicate id"),
        ("BADQ", "坏季度", "Y222", dict(good, **{"2007Q5": "1"}), "bad quarter id"),
        ("", "不安全", "Y222", good, "unsafe id"),
    ]
    for k, (sid, name, code, orders, why) in enumerate(bad):
        st = {"id": sid, "raw_id": sid if sid else "../evil", "name": name, "code": code,
              "orders": orders, "bad": why}
        stores.insert(7 + 11 * k, st)

    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<region id="999001" name="已知答案" quarter="2007Q1" unit="carton">']
    manifest = []
    for st in stores:
        line_no = len(lines) + 1
        name_attr = "" if st["name"] is None else " name=%s" % quoteattr(
            st["name"], {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
        lines.append('  <store id=%s%s>' % (quoteattr(st["raw_id"]), name_attr))
        lines.append("    <code>%s</code>" % st["code"])
        lines.append("    <orders>")
        for q in QUARTERS + sorted(set(st["orders"]) - set(QUARTERS)):
            if q in st["orders"]:
                lines.append('      <q id="%s">%s</q>' % (q, st["orders"][q]))
        lines.append("    </orders>")
        lines.append("  </store>")
        manifest.append({"id": st["id"], "line": line_no, "bad": st["bad"]})
    lines.append("</region>")
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    with open(manifest_path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
