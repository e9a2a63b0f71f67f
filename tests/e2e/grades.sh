#!/bin/sh
# grades.sh: end-to-end tests of grade schemes (--grades, --grade-scope), the hold-down
# (--hold-down) and the value quadrants (--quadrants, --value-cut, --match-cut) in
# `planner batch` and `planner evaluate`.  Every added column of reclassification.csv is
# recomputed from the XML by an independent python3 oracle (ElementTree, Fractions):
# grade, previous_grade, grade_change, next_grade_orders, held, match_score, quadrant;
# then summary.json's counts, the bad grade and rules files (exit 65, file:line), and
# that the outputs are unchanged without the options.
. tests/e2e/lib.sh
Y=samples/yancheng.xml
G=$TMP/gen.xml
python3 samples/gen_region.py --stores 3000 --assess 0.6 --seed 11 -o "$G" 2>/dev/null

# oracle REGION OUTDIR SCOPE HOLD VALUE_CUT MATCH_CUT MIN_PEERS GRADEFILE: checks every row
oracle() {
	python3 - "$@" <<'PY'
import csv, json, math, sys, xml.etree.ElementTree as ET
from fractions import Fraction as F

region, out, scope, hold, vcut, mcut, min_peers, gfile = sys.argv[1:9]
hold, min_peers = int(hold), int(min_peers)
vcut, mcut = F(vcut), F(mcut)
tag = "%s scope=%s hold=%d" % (region.split("/")[-1], scope, hold)

def ok(cond, what):
    print(("ok - " if cond else "not ok - ") + tag + ": " + what)

# the grade file: LABEL SHARE, best first, shares in hundredths of a percent
labels, cum, total = [], [], 0
for line in open(gfile, encoding="utf-8"):
    line = line.split("#")[0].split()
    if line:
        labels.append(line[0])
        total += int(round(F(line[1]) * 100))
        cum.append(total)
assert total == 10000

# the match rules: NAMES WEIGHT SCALE [LO HI]
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
QS = [qadd(Q, -h) for h in range(4)]           # QS[h] = quarter q - h

stores = []
for el in root.iter("store"):
    figs = {q.get("id"): F(q.text) for q in el.find("orders").iter("q")} if el.find("orders") is not None else {}
    facs = {f.get("name"): f.get("value") for f in el.iter("factor")}
    stores.append({"id": el.get("id"), "code": el.findtext("code").strip(), "figs": figs, "facs": facs})

def group(s):
    return s["code"][0] + s["code"][2]

def kth_largest(xs, bp):
    n = len(xs)
    k = max(1, -(-bp * n // 10000))
    return sorted(xs, reverse=True)[k - 1]

def cuts_of(xs):
    return [kth_largest(xs, c) for c in cum] if xs else None

# grade thresholds per quarter and scope
cuts = {}
for h, q in enumerate(QS):
    if scope == "region":
        cuts[("all", h)] = cuts_of([s["figs"][q] for s in stores if q in s["figs"]])
    else:
        by = {}
        for s in stores:
            if q in s["figs"]:
                by.setdefault(group(s), []).append(s["figs"][q])
        for g, xs in by.items():
            cuts[(g, h)] = cuts_of(xs) if len(xs) >= min_peers else None

def grade(s, h):
    x = s["figs"].get(QS[h])
    t = cuts.get(("all" if scope == "region" else group(s), h))
    if x is None or t is None:
        return None
    if x <= 0:
        return len(t) - 1
    return min(j for j in range(len(t)) if x >= t[j])

def classes(h):
    by = {}
    for s in stores:
        if QS[h] in s["figs"]:
            by.setdefault(group(s), []).append(s["figs"][QS[h]])
    return {g: (len(xs), kth_largest(xs, 2000), kth_largest(xs, 5000), xs) for g, xs in by.items()}
cls = [classes(h) for h in range(4)]

def klass(s, h):
    x, st = s["figs"].get(QS[h]), cls[h].get(group(s))
    if x is None or st is None or st[0] < min_peers:
        return None
    if x <= 0:
        return 3
    return 1 if x >= st[1] else 2 if x >= st[2] else 3

def in_force(s):
    """(grade now, grade last quarter, held) with the grade in force followed from q - 3"""
    comp = [grade(s, h) for h in (3, 2, 1, 0)] if hold > 1 else [grade(s, 1), grade(s, 0)]
    if hold == 1:
        return comp[1], comp[0], False
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
    now = hist[3] if comp[3] is not None else None
    before = hist[2] if comp[2] is not None else None
    return now, before, now is not None and now != comp[3]

def scaled(rule, value):
    names, w, scale, args = rule
    if scale == "yesno":
        return F(5) if value == "yes" else F(1) if value == "no" else None
    try:
        v = F(value)
    except ValueError:
        return None
    if scale == "range":
        v = 1 + 4 * (v - args[0]) / (args[1] - args[0])
    return min(F(5), max(F(1), v))

def match(s):
    total = weights = 0
    for rule in rules:
        name = next((n for n in rule[0] if n in s["facs"]), None)
        v = scaled(rule, s["facs"][name]) if name else None
        if v is None:
            return None
        total += rule[1] * v
        weights += rule[1]
    return math.floor(100 * total / weights + F(1, 2))      # hundredths, half up

def percentile(s):
    x, st = s["figs"].get(Q), cls[0].get(group(s))
    if x is None:
        return None
    xs = st[3]
    return F(100 * (sum(v < x for v in xs) + sum(v <= x for v in xs)), 2 * len(xs))

rows = list(csv.DictReader(open(out + "/reclassification.csv", encoding="utf-8", newline="")))
ok(len(rows) == len(stores), "one row per store")
bad, counts, moves, quads, held_n = 0, {}, [0] * 7, {}, 0
for s, r in zip(stores, rows):
    why = []
    def want(col, v):
        if r[col] != v:
            why.append("%s=%r, expected %r" % (col, r[col], v))
    g, gp, gheld = in_force(s)
    want("grade", labels[g] if g is not None else "")
    want("previous_grade", labels[gp] if gp is not None else "")
    want("grade_change", str(gp - g) if g is not None and gp is not None else "")
    if g is not None:
        counts[g] = counts.get(g, 0) + 1
    if g is not None and gp is not None and g != gp:
        d = gp - g
        moves[(1 if d > 0 else -1) * min(abs(d), 3) + 3] += 1
    if g is None or g == 0:
        want("next_grade_orders", "")
    else:
        t = cuts[("all" if scope == "region" else group(s), 0)][g - 1]
        x = s["figs"][Q]
        nxt = t if t > x else x + 1
        if r["next_grade_orders"] == "" or F(r["next_grade_orders"]) != nxt:
            why.append("next_grade_orders=%r, expected %s" % (r["next_grade_orders"], nxt))
    # the code's hold-down: a move down waits for `hold` quarters below the code's class
    old, now = int(s["code"][1]), klass(s, 0)
    code_held = (now is not None and now > old and
                 not all((klass(s, h) or 0) > old for h in range(hold)))
    held = code_held or gheld
    held_n += code_held
    if hold > 1:
        want("held", "yes" if held else "no")
        if code_held:
            want("new_code", s["code"])
            want("change", "same")
    m = match(s)
    want("match_score", "%d.%02d" % (m // 100, m % 100) if m is not None else "")
    p = percentile(s)
    if m is None or p is None:
        qd = ""
    else:
        hi_v, hi_m = p >= vcut, F(m, 100) >= mcut
        qd = ["ordinary", "potential", "profit", "strategic"][hi_v * 2 + hi_m]
    quads[qd or "none"] = quads.get(qd or "none", 0) + 1
    want("quadrant", qd)
    if why:
        bad += 1
        if bad <= 5:
            print("# %s: %s" % (s["id"], "; ".join(why)))
ok(bad == 0, "every row's grade, hold and quadrant match the oracle (%d mismatches)" % bad)

j = json.load(open(out + "/summary.json", encoding="utf-8"))
gr = j["grades"]
ok([x["grade"] for x in gr["grades"]] == labels, "summary.json lists the grades best first")
ok(all(x["stores"] == counts.get(i, 0) for i, x in enumerate(gr["grades"])),
   "summary.json grade counts")
if scope == "region":
    t = cuts[("all", 0)]
    ok(all(F(str(x["threshold"])) == t[i] for i, x in enumerate(gr["grades"])),
       "summary.json grade thresholds")
ok([gr["moved_down"]["by_3_or_more"], gr["moved_down"]["by_2"], gr["moved_down"]["by_1"]] == moves[0:3]
   and [gr["moved_up"]["by_1"], gr["moved_up"]["by_2"], gr["moved_up"]["by_3_or_more"]] == moves[4:7],
   "summary.json moves by 1, 2, 3+ (%s)" % moves)
ok(gr["upgrades_at_least_downgrades"] == (sum(moves[4:]) >= sum(moves[:3])),
   "summary.json reports the rule check upgrades >= downgrades")
q = j["quadrants"]
ok(all(q[k] == quads.get(k, 0) for k in ("strategic", "profit", "potential", "ordinary", "none")),
   "summary.json quadrant counts %s" % quads)
if hold > 1:
    ok(j["held"]["codes_held"] == held_n, "summary.json codes held (%d)" % held_n)
PY
}

ALL="--grades templates/grades-30.txt --quadrants"
run batch "$Y" --out "$TMP/y1" $ALL
expect_rc 0 "seed region with grades and quadrants"
oracle "$Y" "$TMP/y1" region 1 50 3 10 templates/grades-30.txt
run batch "$Y" --out "$TMP/y2" $ALL --hold-down 2 --grade-scope group --value-cut 60 --match-cut 3.5
expect_rc 0 "seed region, group scope, hold-down 2, other cuts"
oracle "$Y" "$TMP/y2" group 2 60 3.5 10 templates/grades-30.txt
run batch "$G" --out "$TMP/g1" $ALL --hold-down 2
expect_rc 0 "generated region with grades, hold-down 2 and quadrants"
oracle "$G" "$TMP/g1" region 2 50 3 10 templates/grades-30.txt
run batch "$G" --out "$TMP/g2" $ALL --hold-down 3 --grade-scope group --min-peers 60
expect_rc 0 "generated region, group scope with --min-peers 60, hold-down 3"
oracle "$G" "$TMP/g2" group 3 50 3 60 templates/grades-30.txt
printf '# four\nA 10\nB 15.5\nC 24.5\nD 50\n' >"$TMP/four.txt"
run batch "$G" --out "$TMP/g3" --grades "$TMP/four.txt" --quadrants
expect_rc 0 "generated region with a four-grade file"
oracle "$G" "$TMP/g3" region 1 50 3 10 "$TMP/four.txt"

# the column order the issue gives, after today's columns
h=$(head -1 "$TMP/g1/reclassification.csv" | tr -d '\r')
case "$h" in *",line,error,grade,previous_grade,grade_change,next_grade_orders,held,match_score,quadrant")
	echo "ok - new columns after today's, in order" ;;
	*) echo "not ok - new columns after today's, in order: $h" ;; esac

# three grades of 20/30/50 in group scope are the classes
printf 'L 20\nM 30\nS 50\n' >"$TMP/three.txt"
run batch "$Y" --out "$TMP/y3" --grades "$TMP/three.txt" --grade-scope group
python3 - "$TMP/y3/reclassification.csv" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")) if r["status"] == "ok"]
same = all(r["grade"] == {"large": "L", "medium": "M", "small": "S"}[r["class"]] for r in rows)
tgt = all((r["next_grade_orders"] == r["target_orders"]) for r in rows)
print(("ok" if same and rows else "not ok") + " - 20/30/50 grades in group scope are the classes (%d stores)" % len(rows))
print(("ok" if tgt else "not ok") + " - their next_grade_orders are the class targets")
PY

# evaluate agrees with batch for the seed store
run evaluate samples/wenqi.xml --region "$Y" $ALL --format json
expect_rc 0 "evaluate with --grades and --quadrants"
row=$(grep '^3209031001,' "$TMP/y1/reclassification.csv" | tr -d '\r')
check "evaluate's grade is batch's" [ "$(json_field grade)" = "$(echo "$row" | cut -d, -f24)" ]
check "evaluate's next_grade_orders is batch's" [ "$(json_field next_grade_orders)" = "$(echo "$row" | cut -d, -f27)" ]
check "evaluate's quadrant is batch's" [ "$(json_field quadrant)" = "$(echo "$row" | cut -d, -f29)" ]
run evaluate samples/wenqi.xml --region "$Y" $ALL
expect_out "Grade        21 (region scope): grade 22 at 963, gap +17" "evaluate text names grade and the next"
expect_out "Quadrant     strategic (match 3.85" "evaluate text names the quadrant"
run evaluate samples/wenqi.xml --region "$Y" --grades "$TMP/three.txt" --grade-scope group --format json
check "evaluate: three grades in group scope give the class (M, next at 1449)" \
	[ "$(json_field grade)" = M -a "$(json_field next_grade_orders)" = 1449 ]

# bad files: exit 65 with file:line, nothing written
printf 'A 50\nB 40\n' >"$TMP/bad1.txt"
run batch "$Y" --out "$TMP/bad" --grades "$TMP/bad1.txt"
expect_rc 65 "grade shares not adding up to 100"
expect_err "$TMP/bad1.txt:2: the shares add up to 90.00, not 100" "error names file and line"
check "no output directory after a bad grade file" [ ! -e "$TMP/bad" ]
printf 'A 50\nB fifty\n' >"$TMP/bad2.txt"
run evaluate samples/wenqi.xml --region "$Y" --grades "$TMP/bad2.txt"
expect_rc 65 "evaluate: a bad share"
expect_err "$TMP/bad2.txt:2: share \"fifty\"" "error names file, line and the share"
printf 'service 2 score\norder-success 1 range 90 90\n' >"$TMP/badm.txt"
run batch "$Y" --out "$TMP/bad" --match-rules "$TMP/badm.txt"
expect_rc 65 "match rules with an empty range"
expect_err "$TMP/badm.txt:2: range needs" "error names file and line"
run batch "$Y" --out "$TMP/bad" --grades "$TMP/missing.txt"
expect_rc 66 "a missing grade file"
run batch "$Y" --out "$TMP/bad" --hold-down 4
expect_rc 64 "--hold-down above 3"
run batch "$Y" --out "$TMP/bad" --grade-scope county
expect_rc 64 "--grade-scope must be region or group"

# without the options nothing changes: the header is today's
run batch "$Y" --out "$TMP/plain"
check "without the options reclassification.csv has today's columns" \
	[ "$(head -1 "$TMP/plain/reclassification.csv" | tr -d '\r' | awk -F, '{print $NF}')" = error ]
check "without the options summary.json has no grades" [ -z "$(grep '"grades"' "$TMP/plain/summary.json")" ]

# the workbook knows the new columns
run batch "$Y" --out "$TMP/x" $ALL --hold-down 2 --xlsx
expect_rc 0 "--xlsx with every new column"

# the plan names the grade and the quadrant with its meaning, in the plan's language
run plan samples/wenqi.xml --region "$Y" $ALL --lang en -o "$TMP/plan.pdf"
expect_rc 0 "plan with --grades and --quadrants"
txt=$(pdftotext "$TMP/plan.pdf" - 2>/dev/null | tr '\n' ' ')
case "$txt" in *"21; grade 22 from 963 cartons (+17)"*) echo "ok - plan names the grade and the next" ;;
	*) echo "not ok - plan names the grade and the next" ;; esac
case "$txt" in *"Strategic customer (match 3.85, percentile 61.4)"*) echo "ok - plan names the quadrant" ;;
	*) echo "not ok - plan names the quadrant" ;; esac
run plan samples/wenqi.xml --region "$Y" --lang en -o "$TMP/plain.pdf"
txt=$(pdftotext "$TMP/plain.pdf" - 2>/dev/null)
case "$txt" in *"Customer value"*) echo "not ok - no quadrant line without the options" ;;
	*) echo "ok - no quadrant line without the options" ;; esac
run evaluate samples/wenqi.xml --region "$Y" --hold-down 2
expect_rc 64 "evaluate refuses --hold-down (batch only)"
