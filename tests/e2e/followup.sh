#!/bin/sh
# followup.sh: end-to-end tests of batch's follow-up of last quarter's candidates
# (followup.csv, checked against an independent python3 computation and against the
# funnel of summary.json), --overrides and --write-region.
. tests/e2e/lib.sh
K=$TMP/known.xml
M=$TMP/known.json
python3 tests/gen_known.py "$K" "$M"

# ---- followup.csv ---------------------------------------------------------------------------
run batch "$K" --out "$TMP/k1"
expect_rc 67 "known region: batch finishes (invalid stores skipped)"
python3 tests/e2e/followup_oracle.py "$K" "$TMP/k1" 2007Q1 20,30 10 25 "$M"
run batch "$K" --out "$TMP/k2" --shares 30,30,40 --min-peers 5 --gap 40
expect_rc 67 "known region, other --shares, --min-peers, --gap"
python3 tests/e2e/followup_oracle.py "$K" "$TMP/k2" 2007Q1 30,30 5 40 "$M"
run batch "$K" --out "$TMP/k3" --quarter 2006Q4
python3 tests/e2e/followup_oracle.py "$K" "$TMP/k3" 2006Q4 20,30 10 25 "$M"
run batch samples/yancheng.xml --out "$TMP/y" --xlsx --lang en
expect_rc 0 "seed region with --xlsx"
python3 tests/e2e/followup_oracle.py samples/yancheng.xml "$TMP/y" 2007Q1 20,30 10 25
check "workbook has a followup sheet" python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sys.exit(0 if b"name=\"followup\"" in z.read("xl/workbook.xml") else 1)' "$TMP/y/reclassification.xlsx"
check "summary.pdf shows the follow-up" sh -c \
	"pdftotext '$TMP/y/summary.pdf' - | grep -q 'Follow-up of last quarter'"
run batch samples/yancheng.xml --out "$TMP/y" --force
expect_rc 0 "--force replaces an output holding followup.csv"
# no figures for the previous quarter: the header only
run batch "$K" --out "$TMP/k4" --quarter 2006Q2
check "no previous quarter: followup.csv is the header only" \
	[ "$(wc -l < "$TMP/k4/followup.csv")" -eq 1 ]
