#!/bin/sh
# quarter.sh: which quarter is evaluated, and which region a store is evaluated in.
# Without --quarter and a quarter attribute, the latest quarter at least half of the
# stores have a figure for: a mistyped year in one store never takes the region over
# (it is named in a warning); a --quarter nobody has a figure for is refused by
# evaluate, plan and batch; a store evaluated against a region it is not in is warned
# about.
. tests/e2e/lib.sh
S=samples/wenqi.xml
R=samples/yancheng.xml

# one store (3209021006) with an extra figure for 2017Q1, no quarter attribute
python3 - "$R" "$TMP/typo.xml" "$TMP/typos.xml" <<'PY'
import re, sys
text = open(sys.argv[1], encoding='utf-8').read().replace(' quarter="2007Q1"', '')
one = text.replace('<q id="2007Q1">', '<q id="2017Q1">1</q><q id="2007Q1">', 1)
open(sys.argv[2], 'w', encoding='utf-8').write(one)
# seven stores with a 2017Q1 figure, two with 2018Q2
parts = text.split('<q id="2007Q1">')
out = parts[0]
for i, p in enumerate(parts[1:]):
    extra = '<q id="2017Q1">1</q>' if i < 7 else ''
    extra += '<q id="2018Q2">1</q>' if 7 <= i < 9 else ''
    out += extra + '<q id="2007Q1">' + p
open(sys.argv[3], 'w', encoding='utf-8').write(out)
PY

run batch "$R" --out "$TMP/ref"
run batch "$TMP/typo.xml" --out "$TMP/typo"
expect_rc 0 "batch, one store with a 2017Q1 figure"
check "batch reclassifies 2007Q1, not 2017Q1" [ "$(python3 -c 'import csv, sys
print(" ".join(sorted({r["quarter"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))})))' \
	"$TMP/typo/reclassification.csv")" = 2007Q1 ]
check "batch: every row as without the stray figure" \
	cmp -s "$TMP/ref/reclassification.csv" "$TMP/typo/reclassification.csv"
expect_err "warning: $TMP/typo.xml: only 1 of 655 stores has a figure for 2017Q1 (3209021006): evaluating 2007Q1" \
	"batch names the stray quarter and its store"
run evaluate $S --region "$TMP/typo.xml" --format json
expect_rc 0 "evaluate against the region with a stray figure"
check "evaluate: quarter 2007Q1" [ "$(json_field quarter)" = 2007Q1 ]
check "evaluate: 271 peers as without the stray figure" [ "$(json_field peer_count)" = 271 ]
expect_err "only 1 of 655 stores has a figure for 2017Q1 (3209021006)" "evaluate warns too"

run batch "$TMP/typos.xml" --out "$TMP/typos"
expect_rc 0 "batch, nine stores with later figures"
expect_err "only 7 of 655 stores have a figure for 2017Q1 (3209021006, 3209021012, 3209021019, 3209021027, 3209021033 and 2 more)" \
	"up to five stores named, then how many more"
expect_err "only 2 of 655 stores have a figure for 2018Q2" "each later quarter named"
check "batch: still 2007Q1" cmp -s "$TMP/ref/reclassification.csv" "$TMP/typos/reclassification.csv"

# a quarter no store has a figure for
for cmd in evaluate plan batch; do
	case $cmd in
	evaluate) run evaluate $S --region $R --quarter 2009Q1 ;;
	plan) run plan $S --region $R --quarter 2009Q1 -o "$TMP/p.pdf" ;;
	batch) run batch $R --out "$TMP/q" --quarter 2009Q1 ;;
	esac
	expect_rc 65 "$cmd --quarter 2009Q1 (no figures) refused"
	check "$cmd --quarter 2009Q1: one line" [ "$(printf '%s\n' "$err" | grep -c '')" -eq 1 ]
	expect_err "no store has an order figure for 2009Q1" "$cmd --quarter 2009Q1: names it"
done
check "refused batch: no DIR" [ ! -e "$TMP/q" ]
check "refused plan: no plan" [ ! -e "$TMP/p.pdf" ]
run evaluate $S --region $R --quarter 2006Q4
expect_rc 0 "a quarter with figures is evaluated"

# a store evaluated against another region
run evaluate $S --region samples/north.xml
expect_rc 0 "evaluate against another region still evaluates"
expect_err "warning: $S: store 3209031001 is not in region 320800 (淮安) (samples/north.xml)" \
	"evaluate warns that the store is not in the region"
run plan $S --region samples/north.xml -o "$TMP/north.pdf"
expect_err "warning: $S: store 3209031001 is not in region 320800" "plan warns too"
run evaluate $S --region $R
check "no warning for the store's own region" [ -z "$err" ]
