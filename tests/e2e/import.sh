#!/bin/sh
# import.sh: end-to-end tests of `planner import`.  The seed region is written out as a
# sales system would export it (tests/e2e/region_to_table.py): UTF-8 CSV with BOM and
# CRLF, the same as GBK (iconv), stores + long-form orders, and XLSX (openpyxl); each is
# imported, the XMLs must be byte-identical and valid, and `planner batch` on them must
# reclassify exactly as on the original.  Then bad inputs: the exact
# "FILE:LINE: column HEADER:" lines, exit 65 and no output file.
. tests/e2e/lib.sh
# openpyxl comes from Debian (python3-openpyxl): prefer the system python that has it
PY=python3
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null && PY=/usr/bin/python3
R="--region-id 320900 --region-name 盐城 --quarter 2007Q1"

# ---- the round trip ------------------------------------------------------------------------
$PY tests/e2e/region_to_table.py samples/yancheng.xml "$TMP/y"
tail -c +4 "$TMP/y.csv" | iconv -f UTF-8 -t GBK >"$TMP/y-gbk.csv"   # without the BOM
check "the GBK export is not valid UTF-8 (so detection is tested)" \
	sh -c "! iconv -f UTF-8 -t UTF-8 '$TMP/y-gbk.csv' >/dev/null 2>&1"

run import "$TMP/y.csv" -o "$TMP/csv.xml" $R
expect_rc 0 "import of the UTF-8 CSV"
expect_out "y.csv: 655 stores, quarter 2007Q1, written to" "summary line names the stores"
expect_err "y.csv:1: warning: 1 column ignored" "one warning for the unknown column"
expect_err "): 备注" "the warning names the unknown column"
run import "$TMP/y-gbk.csv" -o "$TMP/gbk.xml" $R
expect_rc 0 "import of the GBK CSV (detected)"
run import "$TMP/y-gbk.csv" -o "$TMP/gbk2.xml" $R --encoding gbk
expect_rc 0 "import of the GBK CSV (--encoding gbk)"
run import "$TMP/y-stores.csv" --orders "$TMP/y-orders.csv" -o "$TMP/long.xml" $R
expect_rc 0 "import of stores + long-form orders"
run import "$TMP/y.xlsx" --sheet stores -o "$TMP/xlsx.xml" $R
expect_rc 0 "import of the XLSX (--sheet stores)"
for f in gbk gbk2 long xlsx; do
	check "$f.xml is byte-identical to csv.xml" cmp -s "$TMP/csv.xml" "$TMP/$f.xml"
done
run validate "$TMP/csv.xml"
expect_rc 0 "planner validate accepts the imported region"

# What import carries is what the original holds, store by store (an independent check).
$PY - samples/yancheng.xml "$TMP/csv.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
a, b = (ET.parse(p).getroot() for p in sys.argv[1:3])
def facts(r):
    return [(s.get('id'), s.get('name'), *(s.findtext(t) or '' for t in
             ('code', 'owner', 'address', 'area', 'opened')),
             tuple((q.get('id'), q.text) for q in s.iter('q'))) for s in r.iter('store')]
fa, fb = facts(a), facts(b)
print(('ok' if fa == fb else 'not ok') + ' - every store, field and figure as in the original'
      + ('' if fa == fb else f': first difference {next(x for x in zip(fa, fb) if x[0] != x[1])}'))
print(('ok' if (b.get('id'), b.get('name'), b.get('quarter'), b.get('unit')) ==
       ('320900', '盐城', '2007Q1', 'carton') else 'not ok') + ' - the region attributes')
PY

# batch on the original and on the import: reclassification.csv is the same except for
# the `line` column (the import has no <growth>, <neighbours> or <assessment> lines).
run batch samples/yancheng.xml --out "$TMP/b-orig"
run batch "$TMP/csv.xml" --out "$TMP/b-imp"
expect_rc 0 "batch on the imported region"
$PY - "$TMP/b-orig/reclassification.csv" "$TMP/b-imp/reclassification.csv" <<'PY'
import csv, sys
a, b = (list(csv.DictReader(open(p, encoding='utf-8'))) for p in sys.argv[1:3])
for r in a + b:
    del r['line']
same = a == b and len(a) == 655
print(('ok' if same else 'not ok') + ' - reclassification.csv identical but for `line`')
PY

# ---- XLSX as Excel stores it: shared strings, ids in E notation --------------------------
cat >"$TMP/raw.json" <<'J'
[[1, ["store_id", "店名", "code", "2007年一季度", "2007Q2", "2007Q3"]],
 [3, [{"n": "3.20903100123E+11"}, "文奇店", "Y221", {"n": "946"}, {"n": "1.5E+3"}]],
 [4, [{"n": "3209031002"}, "A, \"B\" & <C>", "S121", null, {"n": "12.25"}]],
 [6, [{"n": "3209031003"}, "c", "Y221", null, {"empty": 1}, {"n": "8"}]]]
J
$PY tests/e2e/xlsx_raw.py "$TMP/raw.xlsx" "$TMP/raw.json"
run import "$TMP/raw.xlsx" -o "$TMP/raw.xml" --region-id r1 --region-name x
expect_rc 0 "XLSX with shared strings and numbers stored in E notation"
check "a 12-digit id stored as 3.20903100123E+11 is exact" grep -q 'store id="320903100123" name="文奇店"' "$TMP/raw.xml"
check "phonetic runs are not part of the text" sh -c "! grep -q PHONETIC '$TMP/raw.xml'"
check "a cell without r follows an empty <c r=\"E6\"/>: column F" \
	sh -c "grep -A3 '\"3209031003\"' '$TMP/raw.xml' | grep -q '<q id=\"2007Q3\">8</q>'"
check "1.5E+3 orders become 1500" grep -q '<q id="2007Q2">1500</q>' "$TMP/raw.xml"
check "names with quotes and markup survive" grep -q 'name="A, &quot;B&quot; &amp; &lt;C&gt;"' "$TMP/raw.xml"
$PY - "$TMP/raw.xlsx" "$TMP/doctype.xlsx" <<'PY'
import sys, zipfile
src, out = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], 'w')
for n in src.namelist():
    d = src.read(n)
    out.writestr(n, b'<!DOCTYPE w [<!ENTITY a "aaaa">]>' + d if n == 'xl/worksheets/s.xml' else d)
out.close()
PY
run validate "$TMP/raw.xml"
expect_rc 0 "the raw XLSX import validates"

# ---- bad inputs: one exact line each, exit 65, no output -----------------------------------
# bad NAME FILE EXPECTED-LINE [options]: import FILE, expect exit 65, the line, no output.
bad() {
	name=$1 file=$2 want=$3
	shift 3
	rm -f "$TMP/bad.xml"
	run import "$file" -o "$TMP/bad.xml" --region-id 1 --region-name x "$@"
	expect_rc 65 "$name"
	case "$err" in *"$want"*) echo "ok - $name: $want" ;;
		*) echo "not ok - $name: stderr lacks '$want': $err" ;; esac
	check "$name: no output file" [ ! -e "$TMP/bad.xml" ]
	check "$name: no temporary left" [ -z "$(ls -A "$TMP" | grep '^\.bad\.xml')" ]
}
H='许可证号,店名,分类编码,2007Q1'
printf '%s\r\n3209031001,文奇店,Y221,946\r\n3209031002,"two\r\nlines",S121,-5\r\n' "$H" >"$TMP/neg.csv"
bad "negative order" "$TMP/neg.csv" "neg.csv:3: column 2007Q1: \"-5\" is not a quantity >= 0"
printf '%s\n3209031001,文奇店,Y421,946\n' "$H" >"$TMP/code.csv"
bad "bad code" "$TMP/code.csv" "code.csv:2: column 分类编码: \"Y421\": position 2 (scale) must be 1, 2 or 3"
printf '%s\n3209031001,a,Y221,1\n\n3209031002,b,Y221,2\n3209031001,c,Y221,3\n' "$H" >"$TMP/dup.csv"
bad "duplicate id" "$TMP/dup.csv" "dup.csv:5: column 许可证号: 3209031001 appears twice (first at line 2)"
printf '许可证号,店名,2007Q1\n3209031001,a,1\n' >"$TMP/miss.csv"
bad "missing column" "$TMP/miss.csv" "miss.csv:1: column code: missing: no column headed \"code\", \"分类编码\""
printf '%s\n3209031001,ok,Y221,1\n3209031002,\377\376,Y221,2\n' "$H" >"$TMP/enc.csv"
bad "neither UTF-8 nor GBK" "$TMP/enc.csv" "enc.csv:3: neither UTF-8 nor GB18030/GBK (byte 0xFF)"
iconv -f UTF-8 -t GBK "$TMP/code.csv" >"$TMP/gbk-forced.csv"
bad "GBK given as --encoding utf-8" "$TMP/gbk-forced.csv" "gbk-forced.csv:1: not valid UTF-8" --encoding utf-8
printf '%s\n3209031001,a\001b,Y221,1\n' "$H" >"$TMP/ctl.csv"
bad "a control character in a name" "$TMP/ctl.csv" "ctl.csv:2: column 店名: a character XML cannot hold (U+0001)"
printf '%s\n3209031001,a,Y221,1\n3.20903E+11,b,Y221,2\n' "$H" >"$TMP/e11.csv"
bad "an id Excel shortened to 3.2E+11" "$TMP/e11.csv" "e11.csv:3: column 许可证号: \"3.20903E+11\" is not a store id"
cat >"$TMP/frac.json" <<'J'
[[1, ["store_id", "name", "code", "2007Q1"]], [2, [{"n": "3209031001.5"}, "a", "Y221", {"n": "1"}]]]
J
$PY tests/e2e/xlsx_raw.py "$TMP/frac.xlsx" "$TMP/frac.json"
bad "XLSX id stored with a fraction" "$TMP/frac.xlsx" "frac.xlsx:2: column store_id: 3209031001.5 is a number with a fraction, not a store id"
bad "a DOCTYPE inside the workbook" "$TMP/doctype.xlsx" "doctype.xlsx: xl/worksheets/s.xml: a <!DOCTYPE> is not allowed in a workbook"
bad "--sheet naming no sheet" "$TMP/raw.xlsx" "raw.xlsx: no sheet named \"stores\" (the workbook has \"客户\")" --sheet stores
printf 'store_id,quarter,orders\n3209031001,2007年第2季度,5\n3209039999,2007Q2,5\n3209031001,2007Q1,7\n' >"$TMP/ord.csv"
printf '%s\n3209031001,a,Y221,1\n' "$H" >"$TMP/one.csv"
bad "orders of an unknown store" "$TMP/one.csv" "ord.csv:3: column store_id: store 3209039999 is not in" --orders "$TMP/ord.csv"
check "orders: a figure given twice names both places" sh -c "echo '$err' | grep -q 'ord.csv:4: column quarter: store 3209031001 has a figure for 2007Q1 already (line 2 of'"
printf '%s\n3209031001,a,Y221,1\n' "$H" >"$TMP/ok.csv"
run import "$TMP/ok.csv" -o "$TMP/ok.xml"
expect_rc 64 "no --region-id is a usage error"

# --map renames headers; quoted fields may hold commas and line breaks
printf 'Licence No,Shop,Class,Orders 2007Q1\r\n"3209031001","Wen, ""Qi""",Y221,946\r\n' >"$TMP/map.csv"
printf '# our system'"'"'s names\nLicence No = store_id\nShop = name\nClass = code\nOrders 2007Q1 = 2007Q1\n' >"$TMP/map.txt"
run import "$TMP/map.csv" -o "$TMP/map.xml" --region-id 1 --region-name x --map "$TMP/map.txt"
expect_rc 0 "--map renames headers"
check "--map: the store is there" grep -q 'name="Wen, &quot;Qi&quot;"' "$TMP/map.xml"
check "--map: the figure is there" grep -q '<q id="2007Q1">946</q>' "$TMP/map.xml"
