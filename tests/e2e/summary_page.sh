#!/bin/sh
# summary_page.sh: what summary.pdf says, read back with pdftotext: the two kinds of
# up/down counts labelled apart, the plans line (written, booklet; the cap's left-out
# count is checked in booklet.sh, which renders the capped region anyway), and the
# Chinese summary in Chinese: quarters and percentages in Chinese form, counts with
# their measure word, the invalid stores' frame in Chinese, no "单位" placeholder, and
# no ASCII word outside codes, ids, file names, options and the reader's reasons.
. tests/e2e/lib.sh
if ! command -v pdftotext >/dev/null; then
	echo "ok - # SKIP summary.pdf text: pdftotext (poppler-utils) not installed"
	exit 0
fi
K=$TMP/known.xml
python3 tests/gen_known.py "$K" "$TMP/known.json"
sed 's/ unit="[^"]*"//' "$K" >"$TMP/nounit.xml"
check "the test region has no unit" [ "$(grep -c 'unit=' "$TMP/nounit.xml")" -eq 0 ]

run batch "$TMP/nounit.xml" --out "$TMP/zh" --plans -j 2
expect_rc 67 "zh batch with invalid stores and --plans"
pdftotext "$TMP/zh/summary.pdf" "$TMP/zh.txt" 2>/dev/null
tr -d '\n' <"$TMP/zh.txt" >"$TMP/zh1.txt"     # one line: labels wrap in cards and tables

# 1. the cards' counts (against the file's codes) and the transitions' (since last quarter)
check "the cards' up/down are labelled as against the file's codes" \
	grep -q "编码升档.*编码降档.*与档案编码相比.*与档案编码相比" "$TMP/zh1.txt"
check "the transitions' up/down are labelled as since last quarter" \
	grep -q "升档（与上季度相比）.*降档（与上季度相比）" "$TMP/zh1.txt"
check "a note tells the two apart" grep -q "两种升降档" "$TMP/zh1.txt"

# 2. the plans line, without a cap
n=$(ls "$TMP/zh/plans" | wc -l)
check "the plans line says how many were written and names the booklet" \
	grep -q "已生成 $n 份；汇编：plans.pdf" "$TMP/zh1.txt"
run batch "$K" --out "$TMP/top" --plans --top 3 -j 2
pdftotext "$TMP/top/summary.pdf" - 2>/dev/null | tr -d '\n' >"$TMP/top.txt"
check "--top 3: the plans line says 3 of how many candidates, and how many left out" \
	grep -q "已生成 3 份（--top 3：排名前 3 名；共 $n 个候选，$((n - 3)) 个未生成）；汇编：plans.pdf" \
	"$TMP/top.txt"

# 3. Chinese throughout: the invalid stores' frame, and no ASCII word left but the allowed
check "an invalid store is framed in Chinese (line, store, field)" \
	grep -q '第 72 行，零售户 BADNEG，<orders>/<q id="2007Q1">：' "$TMP/zh.txt"
check "no English frame of the reader's line is left" \
	sh -c "! grep -q 'xml:[0-9]*: store' '$TMP/zh.txt'"
# allowed: the reader's reasons (after "第 N 行，...："), the region's store ids and names,
# codes (letters with digits), file names, the program's name, options (--top), the
# csv's status value "invalid"
python3 - "$TMP/nounit.xml" "$TMP/zh.txt" >"$TMP/ascii" <<'PY'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
words = set(re.findall(r'<store id="([^"]*)"', src)) | set(re.findall(r' name="([^"]*)"', src))
for n, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
    line = re.sub(r'^(第 [0-9]+ 行[^：]*)：.*', r'\1', line)
    for w in sorted(words, key=len, reverse=True):
        line = line.replace(w.replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&"), "")
    line = re.sub(r'<[^>]*>|[\w./-]+\.(csv|pdf|json|xml)|planner|--top( all)?|状态为 invalid|状态 invalid', '', line)
    line = re.sub(r'\b[A-Za-z_]*[0-9][\w.-]*', '', line)
    if re.search(r'[A-Za-z]', line):
        print("%d: %s" % (n, line.strip()))
PY
check "no ASCII word in the zh summary outside the allowed set: $(head -3 "$TMP/ascii" | tr '\n' ' ')" \
	[ ! -s "$TMP/ascii" ]

# 4. Chinese conventions
check "the quarter in the heading is 2007年第一季度" grep -q "季度客户分类调整汇总 *2007年第一季度" "$TMP/zh.txt"
check "the transitions name both quarters in words" \
	grep -q "档位迁移：2006年第四季度 → 2007年第一季度" "$TMP/zh1.txt"
sed -E '/^第 [0-9]+ 行/d' "$TMP/zh.txt" | grep -E "[0-9]{4}Q[1-4]" >"$TMP/qcodes"
check "no quarter code (2007Q1) outside the invalid stores' fields: $(head -2 "$TMP/qcodes" | tr '\n' ' ')" \
	[ ! -s "$TMP/qcodes" ]
check "percentages without a space (20/30/50%)" grep -q "20/30/50%" "$TMP/zh.txt"
check "no percentage with a space before %" sh -c "! grep -q '[0-9] %' '$TMP/zh.txt'"
check "counts with their measure word (candidates)" grep -q "潜力户排名（共 [0-9]* 户）" "$TMP/zh1.txt"
check "counts with their measure word (group charts)" grep -q "农网烟酒商店（40 户）" "$TMP/zh1.txt"
check "no space before Chinese punctuation" sh -c "! grep -q ' [（），：；]' '$TMP/zh.txt'"
check "no 单位 placeholder for a region without unit" sh -c "! grep -q '单位' '$TMP/zh.txt'"

# the English summary: its own words for the same points
run batch "$K" --out "$TMP/en" --lang en --plans --top 2 -j 2
pdftotext "$TMP/en/summary.pdf" - 2>/dev/null | tr -d '\n' >"$TMP/en.txt"
check "en: the two kinds of change labelled" \
	grep -q "Codes up.*against file codes.*Up since last quarter" "$TMP/en.txt"
check "en: the plans line" \
	grep -q "2 written for the 2 best-ranked of $n candidates (--top 2); $((n - 2)) left out. Booklet: plans.pdf" \
	"$TMP/en.txt"
check "en: an invalid store framed in English" grep -q 'line 72, store BADNEG, <orders>' "$TMP/en.txt"

# the same batch twice under $SOURCE_DATE_EPOCH: the same summary.pdf, its creation date
# that epoch's (as plans and plans.pdf have it), not the time it was written
SOURCE_DATE_EPOCH=1175385600 run batch "$K" --out "$TMP/sde1" --lang en
SOURCE_DATE_EPOCH=1175385600 run batch "$K" --out "$TMP/sde2" --lang en
check "summary.pdf is the same bytes when made twice under SOURCE_DATE_EPOCH" \
	cmp -s "$TMP/sde1/summary.pdf" "$TMP/sde2/summary.pdf"
check "summary.pdf's creation date is SOURCE_DATE_EPOCH's" \
	grep -aq "/CreationDate (20070401000000)" "$TMP/sde1/summary.pdf"
