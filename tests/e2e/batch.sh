#!/bin/sh
# batch.sh: end-to-end tests of `planner batch`.  A generated region with known answers
# (tests/gen_known.py: ties at the thresholds, an all-equal group, a group below
# --min-peers, stores without orders, invalid stores, names with commas, quotes and
# line breaks) is reclassified and every row of reclassification.csv is compared with
# an independent computation in python3 (ElementTree + csv); then the seed region's
# Wen Qi row, the other output files, and the failure modes (65, 66, 73, 64).
. tests/e2e/lib.sh
K=$TMP/known.xml
M=$TMP/known.json
python3 tests/gen_known.py "$K" "$M"

# ---- the known region ---------------------------------------------------------------------
run batch "$K" --out "$TMP/kout"
expect_rc 67 "batch with invalid stores finishes with the documented status 67"
check "output directory exists" [ -d "$TMP/kout" ]
for f in reclassification.csv candidates.csv downgrades.csv transitions.csv summary.json summary.pdf; do
	check "$f written" [ -s "$TMP/kout/$f" ]
done
check "no temporary directory left" [ -z "$(ls -d "$TMP"/kout.tmp-* 2>/dev/null)" ]
expect_err "finished, but skipped 6 invalid stores" "stderr says stores were skipped"
case "$err" in *"$(printf '\r')"*) echo "not ok - no progress bar when stderr is not a terminal" ;;
	*) echo "ok - no progress bar when stderr is not a terminal" ;; esac
expect_out "103 stores reclassified for 2007Q1" "summary line on stdout"

python3 - "$K" "$M" "$TMP/kout" "$TMP/err" <<'PY'
import csv, json, math, sys, xml.etree.ElementTree as ET
from fractions import Fraction

region, manifest_path, out, err_path = sys.argv[1:5]
Q, P = "2007Q1", "2006Q4"
SHARES = (2000, 3000)          # basis points: large, medium
MIN_PEERS, GAP = 10, 25
manifest = json.load(open(manifest_path, encoding="utf-8"))
checks = 0

def ok(cond, what):
    global checks
    checks += 1
    print(("ok - " if cond else "not ok - ") + what)

stores = []
for el, m in zip(ET.parse(region).getroot().iter("store"), manifest):
    figs = {q.get("id"): Fraction(q.text) for q in el.iter("q")}
    stores.append({"id": el.get("id"), "name": el.get("name"), "code": el.findtext("code"),
                   "figs": figs, "bad": m["bad"], "line": m["line"]})
ok(len(stores) == len(manifest) == 103, "103 stores in the generated file")

def rank(bp, n):
    return max(1, (bp * n + 9999) // 10000)

def classify(q):
    """group -> (n, large threshold, medium threshold, sorted figures)"""
    groups = {}
    for s in stores:
        if s["bad"] is None and q in s["figs"]:
            groups.setdefault(s["code"][0] + s["code"][2], []).append(s["figs"][q])
    res = {}
    for g, xs in groups.items():
        xs.sort(reverse=True)
        n = len(xs)
        res[g] = (n, xs[rank(SHARES[0], n) - 1], xs[rank(SHARES[0] + SHARES[1], n) - 1], xs)
    return res

cur, prev = classify(Q), classify(P)

def cls(stats, x):
    n, tl, tm, _ = stats
    return 1 if x >= tl else 2 if x >= tm else 3

def num(text):
    return None if text == "" else Fraction(text)

rows = list(csv.DictReader(open(out + "/reclassification.csv", encoding="utf-8", newline="")))
header = open(out + "/reclassification.csv", encoding="utf-8").readline().strip()
ok(header.startswith("store_id,name,peer_group,quarter,orders,peer_count,percentile,"
                     "threshold_large,threshold_medium,old_code,new_code,change,status"),
   "contract columns first, in the contract's order")
ok(len(rows) == len(stores), "one row per store (%d)" % len(rows))
ok(open(out + "/reclassification.csv", "rb").read().count(b"\r\n") >= len(rows) + 1,
   "rows end with CRLF (RFC 4180)")

bad_rows = mismatches = 0
expected_cands = []
for i, (s, r) in enumerate(zip(stores, rows)):
    why = []
    def want(col, value):
        if r[col] != value:
            why.append("%s=%r, expected %r" % (col, r[col], value))
    if s["bad"] is not None:
        if r["status"] != "invalid":
            why.append("status %s, expected invalid (%s)" % (r["status"], s["bad"]))
        if not any(":%d: " % l in r["error"] for l in range(s["line"], s["line"] + 10)):
            why.append("error column %r does not name a line of the store (%d)" % (r["error"], s["line"]))
        bad_rows += 1
    else:
        want("store_id", s["id"])
        want("name", s["name"])
        g = s["code"][0] + s["code"][2]
        want("peer_group", g)
        want("quarter", Q)
        want("old_code", s["code"])
        x = s["figs"].get(Q)
        st = cur.get(g)
        if x is None:
            want("status", "no-orders"); want("new_code", s["code"]); want("change", "same")
            if r["orders"] != "": why.append("orders should be empty")
        else:
            if num(r["orders"]) != x: why.append("orders %s != %s" % (r["orders"], x))
            n, tl, tm, xs = st
            want("peer_count", str(n))
            if num(r["threshold_large"]) != tl: why.append("threshold_large %s != %s" % (r["threshold_large"], tl))
            if num(r["threshold_medium"]) != tm: why.append("threshold_medium %s != %s" % (r["threshold_medium"], tm))
            pct = 100 * (sum(v < x for v in xs) + sum(v <= x for v in xs)) / Fraction(2 * n)
            if abs(float(num(r["percentile"])) - float(pct)) > 0.0051:
                why.append("percentile %s != %.4f" % (r["percentile"], float(pct)))
            if n < MIN_PEERS:
                want("status", "insufficient-peers"); want("new_code", s["code"]); want("change", "same")
            else:
                k = cls(st, x)
                new = s["code"][0] + str(k) + s["code"][2:]
                old = int(s["code"][1])
                want("status", "ok"); want("new_code", new)
                want("change", "up" if k < old else "down" if k > old else "same")
                target = tl if k == 2 else tm if k == 3 else None
                cand = target is not None and x > 0 and 100 * (target - x) <= GAP * x
                want("candidate", "yes" if cand else "no")
                if cand:
                    expected_cands.append((100 * (target - x) / x, i, s["id"]))
        xp = s["figs"].get(P)
        ps = prev.get(g)
        pc = "" if xp is None or ps is None or ps[0] < MIN_PEERS else ["", "large", "medium", "small"][cls(ps, xp)]
        want("previous_class", pc)
    if why:
        mismatches += 1
        print("# row %d (%s): %s" % (i + 2, s["id"], "; ".join(why)))
ok(mismatches == 0, "every row matches the independent computation (%d mismatches)" % mismatches)
ok(bad_rows == 6, "six stores written invalid on purpose")

# the edges the file was built for
by_id = {}
for r in rows:
    by_id.setdefault(r["store_id"], r)
y2 = [r for r in rows if r["peer_group"] == "Y2" and r["status"] == "ok"]
ok(all(r["threshold_large"] == "1000" and r["threshold_medium"] == "500" for r in y2),
   "Y2 ties: thresholds 1000 and 500")
ok(sum(r["new_code"][1] == "1" for r in y2) == 10, "Y2: all 10 stores at or above the tie are large")
ok(sum(r["new_code"][1] == "2" for r in y2) == 13, "Y2: 13 medium (6 tied at the medium threshold)")
s1 = [r for r in rows if r["peer_group"] == "S1"]
ok(len(s1) == 12 and all(r["new_code"][1] == "1" and r["percentile"] == "50" for r in s1),
   "S1 all equal: every store large, percentile 50")
ok(all(r["status"] == "insufficient-peers" for r in rows if r["peer_group"] == "B2"),
   "B2 (5 stores): insufficient-peers")
ok(sum(r["status"] == "no-orders" for r in rows) == 3, "three no-orders stores")
ok(by_id["Y2003"]["name"] == "李家\n商店", "a name with a line break survives the CSV")
ok(by_id["Y2001"]["name"] == '"好又多"烟酒店', "a name with quotes survives the CSV")
ok(by_id["Y2000"]["name"] == "王记烟酒, 副食", "a name with a comma survives the CSV")
ok(by_id["Y2004"]["name"] == "CR\rLF\r\nname", "CR and CRLF inside a name survive the CSV")
ok(by_id["Y2005"]["name"] == "  spaced  ", "leading and trailing spaces are kept")
ok(any("." in r["orders"] for r in rows if r["peer_group"] == "Q2"), "fractional orders written as decimals")

# stderr: one line per invalid store, naming file and line
err = open(err_path, encoding="utf-8").read()
lines_ok = all(("%s:%d:" % (region, m["line"])) in err or
               any(("%s:%d:" % (region, l)) in err for l in range(m["line"], m["line"] + 10))
               for m in manifest if m["bad"])
ok(lines_ok, "stderr names file and line of each invalid store")

# candidates.csv: exactly the expected ones, ranked by growth required then file order
cands = list(csv.DictReader(open(out + "/candidates.csv", encoding="utf-8", newline="")))
expected_cands.sort()
ok([c["store_id"] for c in cands] == [c[2] for c in expected_cands],
   "candidates.csv: the expected %d candidates in rank order" % len(expected_cands))
ok([c["rank"] for c in cands] == [str(i + 1) for i in range(len(cands))], "candidates ranked 1..n")

# transitions.csv: the total matrix from the independent classification
trans = {}
for s, r in zip(stores, rows):
    if s["bad"] is None and r["status"] == "ok" and r["previous_class"]:
        key = (r["previous_class"], ["", "large", "medium", "small"][int(r["new_code"][1])])
        trans[key] = trans.get(key, 0) + 1
tr = [t for t in csv.DictReader(open(out + "/transitions.csv", encoding="utf-8", newline=""))
      if t["peer_group"] == "all"]
ok(len(tr) == 9 and all(int(t["stores"]) == trans.get((t["from_class"], t["to_class"]), 0) for t in tr),
   "transitions.csv total matrix matches")

# downgrades.csv: the churn list, computed independently: stores whose new class is
# smaller than their code's ("fell below"), and stores coded large or medium with a
# figure last quarter and none this quarter ("stopped ordering"; small ones are not
# listed); larger old class first, stopped ordering before fell below, larger orders
# (last quarter's for a stopped store) first, then file order
want_down = []
for i, (s, r) in enumerate(zip(stores, rows)):
    if s["bad"] is not None:
        continue
    old = int(s["code"][1])
    if r["change"] == "down":
        want_down.append((old, 1, -s["figs"][Q], i, s["id"], "fell below"))
    elif Q not in s["figs"] and P in s["figs"] and old in (1, 2):
        want_down.append((old, 0, -s["figs"][P], i, s["id"], "stopped ordering"))
want_down.sort()
down_header = open(out + "/downgrades.csv", encoding="utf-8").readline().strip()
ok(down_header == "store_id,name,peer_group,quarter,orders,previous_orders,change_pct,old_code,"
   "new_code,from_class,to_class,regain_orders,regain_pct,line,reason",
   "downgrades.csv: reason appended as the last column")
down = list(csv.DictReader(open(out + "/downgrades.csv", encoding="utf-8", newline="")))
ok([(d["store_id"], d["reason"]) for d in down] == [(w[4], w[5]) for w in want_down],
   "downgrades.csv: the expected %d stores, with their reasons, in order" % len(want_down))
stopped = [d for d in down if d["reason"] == "stopped ordering"]
ok(len(stopped) == 2 and {d["store_id"] for d in stopped} == {"C1003", "C1011"},
   "the large and the medium store that stopped ordering are listed, the small one is not")
ok(all(d["orders"] == "" and d["to_class"] == "" and d["regain_pct"] == "" and
       d["regain_orders"] == r["threshold_large" if d["from_class"] == "large" else "threshold_medium"]
       for d in stopped for r in [by_id[d["store_id"]]]),
   "a store that stopped ordering: no orders, no new class, the old class's threshold to regain")

# summary.json agrees with the CSV
sj = json.load(open(out + "/summary.json", encoding="utf-8"))
n_fell = sum(d["reason"] == "fell below" for d in down)
ok(sj["downgrades_count"] == n_fell == sum(r["change"] == "down" for r in rows),
   "summary.json downgrades_count: the stores whose code fell a class (%d)" % n_fell)
ok(sj["stopped_ordering_count"] == len(stopped) and
   sum(g["stopped_ordering"] for g in sj["groups"]) == len(stopped),
   "summary.json counts the stores that stopped ordering, in total and per group")
gone = {}
for r in rows:
    if r["status"] == "no-orders" and r["previous_class"]:
        gone[r["previous_class"]] = gone.get(r["previous_class"], 0) + 1
ok(all(sj["transitions"]["stopped_ordering"][k] == gone.get(k, 0) for k in ("large", "medium", "small")),
   "summary.json transitions: stores of each class last quarter that stopped ordering %r" % gone)
ok([(d["store_id"], d["reason"]) for d in sj["downgrades"]] ==
   [(d["store_id"], d["reason"]) for d in down[:100]],
   "summary.json lists the head of downgrades.csv with the reasons")
ok(sj["stores"]["total"] == 103 and sj["stores"]["invalid"] == 6 and sj["stores"]["no_orders"] == 3,
   "summary.json store counts")
ok(sj["candidates_count"] == len(cands) and sj["quarter"] == Q and sj["previous_quarter"] == P,
   "summary.json quarter and candidates")
ok(len(sj["invalid"]) == 6 and all(i["error"] for i in sj["invalid"]), "summary.json lists invalid stores with their errors")
ok(sum(g["stores"] for g in sj["groups"]) == 97, "summary.json groups hold every valid store")
PY

check "summary.pdf is a PDF" [ "$(head -c 5 "$TMP/kout/summary.pdf")" = "%PDF-" ]
if command -v pdftotext >/dev/null; then
	pdftotext "$TMP/kout/summary.pdf" "$TMP/summary.txt" 2>/dev/null
	check "summary.pdf names the invalid stores" grep -q "BADNEG" "$TMP/summary.txt"
	check "summary.pdf shows the peer groups (zh by default)" grep -q "同类客户组" "$TMP/summary.txt"
	pdftotext -layout "$TMP/kout/summary.pdf" "$TMP/summary-layout.txt" 2>/dev/null
	check "summary.pdf lists the large store that stopped ordering, with the reason" \
		grep -q "C1011 .*超市11 .*C111 .*停止订货" "$TMP/summary-layout.txt"
	check "summary.pdf gives the reason of a downgrade" \
		grep -q "C1021 .*C111 → C211 .*低于档位线" "$TMP/summary-layout.txt"
fi

# ---- options ------------------------------------------------------------------------------
run batch "$K" --out "$TMP/bom" --bom --lang en --gap 5 --min-peers 3 --shares 10,40,50
expect_rc 67 "batch with options"
check "--bom: CSV starts with a UTF-8 BOM" [ "$(head -c 3 "$TMP/bom/reclassification.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ]
check "--min-peers 3: B2 is reclassified" [ "$(grep -c ',B2,2007Q1,.*,ok,' "$TMP/bom/reclassification.csv")" = 5 ]
if command -v pdftotext >/dev/null; then
	pdftotext "$TMP/bom/summary.pdf" "$TMP/summary-en.txt" 2>/dev/null
	check "--lang en: English summary" grep -q "Peer groups" "$TMP/summary-en.txt"
	check "--lang en: the reason in English" grep -q "stopped ordering" "$TMP/summary-en.txt"
fi

run batch "$K" --out "$TMP/q" --quarter 2006Q4
expect_rc 67 "--quarter 2006Q4"
check "--quarter: every row says 2006Q4" python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
sys.exit(not (len(rows) == 103 and all(r["quarter"] == "2006Q4" for r in rows)))' "$TMP/q/reclassification.csv"

# ---- the seed region -------------------------------------------------------------------------
run batch samples/yancheng.xml --out "$TMP/seed"
expect_rc 0 "batch on the seed region"
row=$(grep '^3209031001,' "$TMP/seed/reclassification.csv")
check "Wen Qi: Y221 -> Y221, 271 peers, threshold 1449 ($row)" \
	[ "$(echo "$row" | cut -d, -f1,3,6,8,10,11,12,13)" = "3209031001,Y2,271,1449,Y221,Y221,same,ok" ]

# ---- plans ----------------------------------------------------------------------------------
run batch "$K" --out "$TMP/plans2" --plans -j 2 --lang en
expect_rc 67 "--plans -j 2"
ncand=$(($(wc -l <"$TMP/plans2/candidates.csv") - 1))
check "one plan per candidate ($ncand)" [ "$(ls "$TMP/plans2/plans" | wc -l)" -eq "$ncand" ]
check "plans are named after the store ids" [ -s "$TMP/plans2/plans/$(sed -n 2p "$TMP/plans2/candidates.csv" | cut -d, -f2).pdf" ]
check "plans are PDFs" [ "$(head -c 5 "$(ls -d "$TMP"/plans2/plans/*.pdf | head -1)")" = "%PDF-" ]
expect_out "plans: $ncand written, 0 failed" "the summary line counts the plans"
run batch "$K" --out "$TMP/plans1" --plans -j 1 --top 3
expect_rc 67 "--plans -j 1 --top 3"
check "--top 3: three plans, the best-ranked" [ "$(ls "$TMP/plans1/plans" | tr '\n' ' ')" = "$(sed -n 2,4p "$TMP/plans1/candidates.csv" | cut -d, -f2 | sort | sed 's/$/.pdf/' | tr '\n' ' ')" ]
check "summary.json: plans written" python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))["plans"]
sys.exit(not (p["requested"] and p["written"] == 3 and p["failed"] == []))' "$TMP/plans1/summary.json"

# ---- the output directory -----------------------------------------------------------------------
run batch samples/yancheng.xml --out "$TMP/seed"
expect_rc 73 "an existing batch output is not replaced without --force"
expect_err "use --force" "and the message says how"
run batch samples/yancheng.xml --out "$TMP/seed/" --force
expect_rc 0 "--force replaces a previous batch output"
check "the replaced output is complete" [ -s "$TMP/seed/summary.pdf" ]
check "nothing left next to it" [ -z "$(ls -d "$TMP"/seed.* 2>/dev/null)" ]
mkdir "$TMP/other" && echo keep >"$TMP/other/notes.txt"
run batch samples/yancheng.xml --out "$TMP/other" --force
expect_rc 73 "a directory with other content is never replaced"
check "its content is untouched" [ "$(cat "$TMP/other/notes.txt")" = keep ]
mkdir "$TMP/empty"
run batch samples/yancheng.xml --out "$TMP/empty"
expect_rc 0 "an empty directory is filled"
: >"$TMP/afile"
run batch samples/yancheng.xml --out "$TMP/afile/out"
expect_rc 73 "--out under a regular file"
run batch samples/yancheng.xml --out /proc/planner-batch-out
expect_rc 73 "unwritable --out"

# a write error (file size limit) ends with 74 and leaves nothing behind
(ulimit -f 64 && $PLANNER batch "$K" --out "$TMP/full" >/dev/null 2>"$TMP/full.err"); rc=$?
err=$(cat "$TMP/full.err")
expect_rc 74 "a write error while writing the outputs"
expect_err "File too large" "the error names the cause"
check "no output directory after a write error" [ ! -e "$TMP/full" ]
check "no temporary directory after a write error" [ -z "$(ls -d "$TMP"/full.tmp-* 2>/dev/null)" ]

# ---- bad input ------------------------------------------------------------------------------------
printf '<?xml version="1.0"?>\n<region id="1" quarter="2007Q1">\n  <store id="a" name="x">\n' >"$TMP/broken.xml"
run batch "$TMP/broken.xml" --out "$TMP/broken"
expect_rc 65 "not well-formed XML"
check "no output directory for a broken file" [ ! -e "$TMP/broken" ]
check "no temporary directory for a broken file" [ -z "$(ls -d "$TMP"/broken.tmp-* 2>/dev/null)" ]
expect_err "broken.xml:" "the error names the file"
run batch "$TMP/missing.xml" --out "$TMP/missing"
expect_rc 66 "missing input"
check "no output directory for a missing input" [ ! -e "$TMP/missing" ]
run batch "$K"
expect_rc 64 "--out is required"
run batch "$K" --out "$TMP/x" --lang fr
expect_rc 64 "--lang fr is refused"
run batch "$K" --out "$TMP/x" --gap -1
expect_rc 64 "--gap -1 is refused"
run batch "$K" --out "$TMP/x" -j 0
expect_rc 64 "-j 0 is refused"
run batch --help
expect_rc 0 "--help"
expect_out "reclassification.csv" "--help names the outputs"
