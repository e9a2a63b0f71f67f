#!/bin/sh
# summary_reasons.sh: the invalid stores' reasons in summary.pdf are worded in the
# summary's language (templates/messages-LANG.txt): a Chinese summary of a region with
# a store for each kind of problem shows Chinese reasons and no English sentence; the
# English summary shows the reader's English reasons, the same words as the error
# column of reclassification.csv (which, like stderr, stays English).
. tests/e2e/lib.sh
if ! command -v pdftotext >/dev/null; then
	echo "ok - # SKIP summary.pdf reasons: pdftotext (poppler-utils) not installed"
	exit 0
fi
R=$TMP/bad.xml
# samples/yancheng.xml with invalid stores added at its end, one per kind of problem
python3 - samples/yancheng.xml "$R" <<'PY'
import sys
src = open(sys.argv[1], encoding="utf-8").read()
q = '<orders><q id="2007Q1">900</q></orders>'
bad = [
    ('X01', '<code>Y221</code><orders><q id="2007Q1">-5</q></orders>'),
    ('X02', '<code>Y221</code><orders><q id="2007Q1">2000000000</q></orders>'),
    ('X03', '<code>Y421</code>' + q),
    ('X04', '<code>Y2211</code>' + q),
    ('X05', '<code>Y221</code><area>-30</area>' + q),
    ('X06', '<code>Y221</code><opened>2004.5</opened>' + q),
    ('X07', '<code>Y221</code><orders><q id="2007Q5">1</q></orders>'),
    ('X08', '<code>Y221</code><orders><q id="2007Q1">1</q><q id="2007Q1">2</q></orders>'),
    ('X09', q),
    ('X10', '<code>Y221</code>'),
    ('X11', '<code>Y221</code>' + q + '<neighbours><neighbour id="n" code="Y9"/></neighbours>'),
    ('X12', '<code>Y221</code>' + q + '<neighbours><neighbour id="n" code="Y221" distance="far"/></neighbours>'),
    ('X13', '<code>Y221</code>' + q + '<assessment><factor name="display" value="7"/></assessment>'),
    ('X14', '<code>Y221</code>' + q + '<assessment><factor name="price-low" value="20"/><factor name="price-high" value="10"/></assessment>'),
    ('X15', q + '<code>Y221</code>'),
    ('X16', '<code>Y221</code><code>Y221</code>' + q),
    ('X16', '<code>Y221</code>' + q),
]
stores = "".join('  <store id="%s" name="坏店%d">%s</store>\n' % (sid, k, body)
                 for k, (sid, body) in enumerate(bad))
stores += '  <store id="../x" name="坏店">' + '<code>Y221</code>' + q + '</store>\n'
stores += '  <store id="X17" name=" ">' + '<code>Y221</code>' + q + '</store>\n'
open(sys.argv[2], "w", encoding="utf-8").write(src.replace("</region>", stores + "</region>"))
PY

run batch "$R" --out "$TMP/zh" -j 2
expect_rc 67 "zh batch of a region with invalid stores"
pdftotext "$TMP/zh/summary.pdf" - 2>/dev/null | tr -d '\n' >"$TMP/zh.txt"
# the invalid stores' items, one a line ("第 N 行，..." up to the next one)
sed 's/第 [0-9]* 行/\n&/g' "$TMP/zh.txt" | grep '^第 [0-9]* 行' >"$TMP/zh-items"
check "the zh summary lists the invalid stores ($(wc -l <"$TMP/zh-items"))" \
	[ "$(wc -l <"$TMP/zh-items")" -ge 18 ]
check "a negative figure in Chinese" grep -q '零售户 X01，<orders>/<q id="2007Q1">：“-5”不是大于等于0的数量' "$TMP/zh-items"
check "an implausible figure in Chinese" grep -q '“2000000000”不是合理的季度订货量（最多1000000000）' "$TMP/zh-items"
check "a code's position in Chinese" grep -q '<code>：“Y421”：第2位（规模）必须是1、2或3' "$TMP/zh-items"
check "a duplicate id in Chinese" grep -q '零售户 X16，<store id>：零售户编号重复' "$TMP/zh-items"
check "a missing <orders> in Chinese" grep -q '零售户 X10，<orders>：缺失（没有订货数据的零售户写<orders/>）' "$TMP/zh-items"
check "a store id that is not one, in Chinese" grep -q '<store id>：“../x”不是有效的零售户编号' "$TMP/zh-items"
# no English sentence: no two English words in a row in any reason (after the field's "：")
sed 's/^[^：]*：//' "$TMP/zh-items" | sed 's/<[^>]*>//g' | grep -E '[A-Za-z]{2,}[ ,;]+[A-Za-z]{2,}' >"$TMP/english"
check "no English sentence in the zh reasons: $(head -2 "$TMP/english" | tr '\n' ' ')" [ ! -s "$TMP/english" ]
python3 -c 'import re,sys
bad = [l for l in open(sys.argv[1], encoding="utf-8")
       if not re.search("[\u4e00-\u9fff]", l.split("：", 1)[-1])]
print("".join(bad[:2]), end="")' "$TMP/zh-items" >"$TMP/no-han"
check "every zh reason has Chinese words: $(head -2 "$TMP/no-han" | tr '\n' ' ')" [ ! -s "$TMP/no-han" ]

# English: the reasons are the CSV's English words (its error column after the field)
run batch "$R" --out "$TMP/en" --lang en -j 2
expect_rc 67 "en batch of the same region"
check "the CSV's error column is English, as on stderr" \
	grep -q 'store X01: <orders>/<q id=""2007Q1"">: ""-5"" is not a quantity >= 0' "$TMP/en/reclassification.csv"
cmp -s "$TMP/zh/reclassification.csv" "$TMP/en/reclassification.csv"
check "reclassification.csv is the same in both languages" [ $? -eq 0 ]
pdftotext "$TMP/en/summary.pdf" - 2>/dev/null | tr -d '\n' >"$TMP/en.txt"
check "en: a negative figure in the reader's words" \
	grep -q 'line [0-9]*, store X01, <orders>/<q id="2007Q1">: "-5" is not a quantity >= 0' "$TMP/en.txt"
check "en: a code's position in the reader's words" \
	grep -q ': "Y421": position 2 (scale) must be 1, 2 or 3' "$TMP/en.txt"
