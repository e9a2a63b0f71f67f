#!/bin/sh
# long_text.sh: valid text that is long, Chinese or unusual renders: a surroundings
# phrase of 22+ Chinese characters after an ASCII letter, a <growth> description over
# 255 bytes, store names of 240 bytes in summary.pdf's candidate table and in plans, a
# name holding the noncharacter U+FDD0, a region name over 511 bytes.  Every command
# exits 0 with no Pango warning, and the text is on the page: whole where it fits, cut
# on a character boundary with "…" where a limit cuts it.
. tests/e2e/lib.sh

python3 - "$TMP" <<'PY'
import csv, re, subprocess, sys
tmp = sys.argv[1]
wenqi = open("samples/wenqi.xml", encoding="utf-8").read()
region = open("samples/yancheng.xml", encoding="utf-8").read()
filler = "经济开发区工业园区宾馆招待所居民小区"          # 18 characters

def store(name, path, surroundings):
    s = wenqi.replace('name="文奇店"', 'name="%s"' % name)
    s = s.replace("industrial-park hotel guest-house residential", surroundings)
    open(path, "w", encoding="utf-8").write(s)

# a phrase of 23 characters after an ASCII letter (the old 63-byte cut fell inside one),
# and one of 120 characters (over any limit)
store("文奇店", tmp + "/phrase.xml", "a工业园区宾馆招待所居民小区学校医院菜市场汽车站 hotel")
store("文奇店", tmp + "/phrase-long.xml", "a" + filler * 7)
store("文奇\ufdd0店", tmp + "/nonchar.xml", "hotel")
store("长" * 80, tmp + "/name240.xml", "hotel")

# the region: a long growth text, a long region name, the 30 best candidates renamed
growth = "大冈镇" + "经济增长很快工业化程度高" * 10     # 369 bytes
region = region.replace("Dagang town GDP growth 2006", growth, 1)
region = region.replace('name="盐城"', 'name="%s"' % ("盐城市" * 70), 1)   # 630 bytes
subprocess.run(["build/planner", "batch", "samples/yancheng.xml", "--out", tmp + "/plain"],
               check=True, stdout=subprocess.DEVNULL)
cands = list(csv.DictReader(open(tmp + "/plain/candidates.csv", encoding="utf-8")))[:30]
names = {}
for i, c in enumerate(cands):
    name = "长名%02d号" % i + filler * 4 + "店"                # 80 characters, 240 bytes
    if i == 0:
        name = "怪字\ufdd0店"
    names[c["store_id"]] = name
    region = re.sub(r'(<store id="%s" name=")[^"]*"' % c["store_id"],
                    lambda m: m.group(1) + name + '"', region, count=1)
open(tmp + "/region.xml", "w", encoding="utf-8").write(region)
with open(tmp + "/names.txt", "w", encoding="utf-8") as f:
    for sid, name in names.items():
        f.write("%s\t%s\n" % (sid, name[:4].replace("\ufdd0", "\ufffd")))
PY

no_warnings() {   # no Pango, GLib or cairo complaint on stderr
	case "$err" in *WARNING*|*CRITICAL*|*Pango*|*"not valid UTF-8"*) return 1 ;; esac
	return 0
}

# ---- validate accepts all of it --------------------------------------------------------------
for f in phrase phrase-long nonchar name240 region; do
	run validate "$TMP/$f.xml"
	expect_rc 0 "validate accepts $f.xml"
done

# ---- plans -----------------------------------------------------------------------------------
for lang in zh en; do
	run plan "$TMP/phrase.xml" --region samples/yancheng.xml -o "$TMP/phrase-$lang.pdf" --lang $lang
	expect_rc 0 "plan ($lang) with a surroundings phrase of 23 Chinese characters"
	check "no Pango warning ($lang, phrase)" no_warnings
	pdftotext "$TMP/phrase-$lang.pdf" "$TMP/phrase-$lang.txt" 2>/dev/null
	check "the phrase is on the plan, whole ($lang)" \
		grep -q "a工业园区宾馆招待所居民小区学校医院菜市场汽车站" "$TMP/phrase-$lang.txt"
done
run plan "$TMP/phrase-long.xml" --region samples/yancheng.xml -o "$TMP/phrase-long.pdf"
expect_rc 0 "plan with a surroundings phrase of 127 characters"
check "no Pango warning (long phrase)" no_warnings
pdftotext "$TMP/phrase-long.pdf" "$TMP/phrase-long.txt" 2>/dev/null
check "the SWOT evidence cuts the long phrase with …" grep -q "经济开发区.*…" "$TMP/phrase-long.txt"

run plan "$TMP/nonchar.xml" --region samples/yancheng.xml -o "$TMP/nonchar.pdf"
expect_rc 0 "plan for a name holding U+FDD0"
check "no Pango warning (U+FDD0)" no_warnings
pdftotext "$TMP/nonchar.pdf" "$TMP/nonchar.txt" 2>/dev/null
check "the name is shown with U+FFFD in place of U+FDD0" grep -q "文奇�店" "$TMP/nonchar.txt"
run plan "$TMP/nonchar.xml" --region samples/yancheng.xml -o "$TMP/nonchar.png"
expect_rc 0 "PNG plan for a name holding U+FDD0"

run plan "$TMP/name240.xml" --region samples/yancheng.xml -o "$TMP/name240.pdf"
expect_rc 0 "plan for a store name of 240 bytes"
check "no Pango warning (long name)" no_warnings
pdftotext "$TMP/name240.pdf" - 2>/dev/null | tr -d '\n' >"$TMP/name240.txt"
check "the whole long name is on the plan" grep -q "$(python3 -c 'print("长" * 80)')" "$TMP/name240.txt"

run plan samples/wenqi.xml --region "$TMP/region.xml" -o "$TMP/growth.pdf" --lang en
expect_rc 0 "plan with a <growth> description of 369 bytes"
check "no Pango warning (growth)" no_warnings
pdftotext "$TMP/growth.pdf" - 2>/dev/null | tr -d '\n' >"$TMP/growth.txt"
check "the growth text is cut with … on a character boundary" grep -q "大冈镇经济增长很快.*…" "$TMP/growth.txt"

# ---- batch: summary.pdf's tables keep every row ---------------------------------------------------
run batch "$TMP/region.xml" --out "$TMP/batch" --plans --top 3 -j 2
expect_rc 0 "batch --plans on a region with long and unusual names"
check "no Pango warning (batch)" no_warnings
expect_out "plans: 3 written, 0 failed" "the plans of the renamed candidates are written"
pdftotext -layout "$TMP/batch/summary.pdf" "$TMP/summary.txt" 2>/dev/null
missing=0
while IFS="$(printf '\t')" read -r id head; do
	grep "$id" "$TMP/summary.txt" | grep -q "$head" || missing=$((missing + 1))
done <"$TMP/names.txt"
check "summary.pdf's candidate table shows all 30 rows with their names ($missing missing)" [ "$missing" -eq 0 ]
check "a name holding U+FDD0 is shown with U+FFFD" grep -q "怪字�店" "$TMP/summary.txt"
check "the region name over 511 bytes is cut with …" grep -q "盐城市盐城市.*…" "$TMP/summary.txt"
check "summary.json keeps the names as written" python3 -c '
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(not (len(j["candidates"]) >= 30 and j["candidates"][0]["name"] == "怪字\ufdd0店"))' "$TMP/batch/summary.json"
