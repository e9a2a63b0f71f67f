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

# ---- --overrides --------------------------------------------------------------------------------
Y=samples/yancheng.xml
printf 'store_id,code,reason\r\n3209031001,Y121,"county review 2007-03: new premises, 烟酒"\r\n3209021402,S321,prefecture: licence suspended\r\n' > "$TMP/ov.csv"
run batch "$Y" --out "$TMP/ov" --overrides "$TMP/ov.csv"
expect_rc 0 "--overrides applied"
python3 - "$TMP/ov" "$TMP/y" <<'PY'
import csv, json, sys
out, plain = sys.argv[1:3]
def ok(c, what): print(("ok - " if c else "not ok - ") + what)
def rows(d):
    return list(csv.DictReader(open(d + "/reclassification.csv", encoding="utf-8", newline="")))
got, base = rows(out), rows(plain)
head = open(out + "/reclassification.csv", encoding="utf-8").readline().strip().split(",")
ok(head[-1] == "override", "override is the last column of reclassification.csv")
by = {r["store_id"]: r for r in got}
w = by["3209031001"]
ok(w["new_code"] == "Y121" and w["change"] == "up" and
   w["override"] == "county review 2007-03: new premises, 烟酒",
   "Wen Qi: reviewed code Y121, change up, the reason in override")
s = by["3209021402"]
ok(s["new_code"] == "S321" and s["change"] == "down" and s["override"] == "prefecture: licence suspended",
   "3209021402: reviewed code S321 (rule said S121), change down")
others = [(a, b) for a, b in zip(got, base) if a["store_id"] not in ("3209031001", "3209021402")]
ok(all(a["override"] == "" and all(a[k] == b[k] for k in b) for a, b in others),
   "every other row as without --overrides, override empty")
j = json.load(open(out + "/summary.json", encoding="utf-8"))
counts = {c: sum(r["change"] == c for r in got) for c in ("up", "down", "same")}
ok(all(j["code_changes"][c] == counts[c] for c in counts),
   "summary.json code_changes %s = the rows' %s" % (j["code_changes"], counts))
ds = [r for r in csv.DictReader(open(out + "/downgrades.csv", encoding="utf-8", newline=""))
      if r["store_id"] == "3209021402"]
ok(len(ds) == 1 and ds[0]["to_class"] == "small", "the reviewed downgrade is on the churn list, to small")
PY
check "summary.pdf lists the reviewed codes" sh -c \
	"pdftotext '$TMP/ov/summary.pdf' - | grep -q '3209021402'"
# bad files: one line naming file and line, exit 65, nothing written
bad_override() {   # bad_override "csv text" "expected stderr" "what"
	printf "$1" > "$TMP/bad.csv"
	rm -rf "$TMP/bad"
	run batch "$Y" --out "$TMP/bad" --overrides "$TMP/bad.csv"
	expect_rc 65 "--overrides $3"
	expect_err "$TMP/bad.csv:$2" "--overrides $3: the error line"
	check "--overrides $3: nothing written" [ ! -e "$TMP/bad" ]
	check "--overrides $3: one line on stderr" [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ]
}
bad_override 'store_id,code,reason\n3209031001,Y121,a\n9999,Y121,b\n' \
	"3: store 9999: is not a store of $Y" "id not in the region"
bad_override 'store_id,code,reason\n3209031001,Y421,a\n' \
	'2: store 3209031001: code: "Y421"' "bad code"
bad_override 'store_id,code,reason\n3209031001,Y121,a\n3209031001,Y321,b\n' \
	'3: store 3209031001: listed again (first on line 2)' "repeated id"
bad_override 'store_id,code\n3209031001,Y121\n' \
	'1: missing column "reason"' "missing column"
rm -rf "$TMP/bad"
run batch "$Y" --out "$TMP/bad" --overrides "$TMP/none.csv"
expect_rc 66 "--overrides FILE missing"
check "--overrides FILE missing: nothing written" [ ! -e "$TMP/bad" ]
