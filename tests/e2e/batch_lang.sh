#!/bin/sh
# batch_lang.sh: a language is added by a file: templates/xx.txt (here a copy of en.txt)
# is all that `plan --lang xx` and `batch --lang xx` (summary.pdf, plans)
# need.  A summary.* key missing from the file is exit 65 naming file and key, with
# nothing written; a language without a file is a usage error.
. tests/e2e/lib.sh
K=$TMP/known.xml
python3 tests/gen_known.py "$K" "$TMP/known.json"
mkdir -p "$TMP/data" && cp -r templates schema "$TMP/data/"
cp templates/en.txt "$TMP/data/templates/xx.txt"

PLANNER_DATADIR=$TMP/data run plan samples/wenqi.xml --region samples/yancheng.xml \
	-o "$TMP/plan-xx.pdf" --lang xx
expect_rc 0 "plan --lang xx with templates/xx.txt"
check "the xx plan is a PDF" [ "$(head -c 5 "$TMP/plan-xx.pdf")" = "%PDF-" ]

PLANNER_DATADIR=$TMP/data run batch "$K" --out "$TMP/xx" --lang xx --plans --top 2
expect_rc 67 "batch --lang xx with templates/xx.txt (67: the region has invalid stores)"
check "summary.pdf written" [ "$(head -c 5 "$TMP/xx/summary.pdf")" = "%PDF-" ]
check "two plans written" [ "$(ls "$TMP/xx/plans" | wc -l)" -eq 2 ]
if command -v pdftotext >/dev/null; then
	pdftotext -layout "$TMP/xx/summary.pdf" "$TMP/xx.txt" 2>/dev/null
	check "the summary is worded from xx.txt" grep -q "Peer groups" "$TMP/xx.txt"
	check "the summary's footer is worded from xx.txt" grep -q "Page 1 of" "$TMP/xx.txt"
	sed -i 's/^summary.groups.title = .*/summary.groups.title = Groupes de pairs/' \
		"$TMP/data/templates/xx.txt"
	PLANNER_DATADIR=$TMP/data run batch "$K" --out "$TMP/xx2" --lang xx
	pdftotext "$TMP/xx2/summary.pdf" "$TMP/xx2.txt" 2>/dev/null
	check "an edited label in xx.txt shows in the summary" grep -q "Groupes de pairs" "$TMP/xx2.txt"
fi

# a summary label missing: refused at load, before anything is written
sed -i '/^summary.funnel.title/d' "$TMP/data/templates/xx.txt"
PLANNER_DATADIR=$TMP/data run batch "$K" --out "$TMP/nokey" --lang xx
expect_rc 65 "a summary key missing from templates/xx.txt"
expect_err 'xx.txt: missing key "summary.funnel.title"' "the error names the file and the key"
check "no output directory when a key is missing" [ ! -e "$TMP/nokey" ]
check "no temporary directory either" [ -z "$(ls -d "$TMP"/nokey.tmp-* 2>/dev/null)" ]

run batch "$K" --out "$TMP/fr" --lang fr
expect_rc 64 "--lang fr without templates/fr.txt is a usage error"
expect_err "fr.txt" "the error names the missing file"
check "no output directory for an unknown language" [ ! -e "$TMP/fr" ]
run batch "$K" --out "$TMP/dots" --lang ../en
expect_rc 64 "--lang ../en is not a language name"

# summary.json's "format" is a data value (models/code.c, code_format_id), not a label:
# the same whatever --lang says
run batch samples/yancheng.xml --out "$TMP/json-zh" --lang zh
run batch samples/yancheng.xml --out "$TMP/json-en" --lang en
formats() {
	python3 -c 'import json,sys; print(" ".join(sorted(g["peer_group"] + "=" + g["format"]
		for g in json.load(open(sys.argv[1]))["groups"])))' "$1/summary.json"
}
check "summary.json format is the same in zh and en" \
	[ "$(formats "$TMP/json-zh")" = "$(formats "$TMP/json-en")" ]
f=$(formats "$TMP/json-zh")
check "summary.json format of Y2 is the data value" \
	sh -c 'case "$1" in *"Y2=tobacco-and-liquor shops"*) exit 0 ;; esac; exit 1' - "$f"
