#!/bin/sh
# page.sh: what a plan's text must look like on paper (pdftotext): Chinese conventions
# (quarters and dates in words, "53.2%" without a space, no stray spaces between Chinese
# and numbers), the unit word when the region names none, growth facts only for the
# place they are about, no-break spaces between numbers and units in the templates, and
# the page counts the README promises.
. tests/e2e/lib.sh

STORE=samples/wenqi.xml
REGION=samples/yancheng.xml
export SOURCE_DATE_EPOCH=1175385600   # 2007-04-01

# text FILE: the plan's text in drawing order, lines joined
text() { pdftotext -raw "$1" - 2>/dev/null | tr -s ' \n' '  '; }
has() {   # has TEXT "wanted" "description"
	case "$1" in *"$2"*) echo "ok - $3" ;; *) echo "not ok - $3: lacks '$2'" ;; esac
}
lacks() {   # lacks TEXT "unwanted" "description"
	case "$1" in *"$2"*) echo "not ok - $3: shows '$2'" ;; *) echo "ok - $3" ;; esac
}
pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }

# ---- Chinese conventions ------------------------------------------------------------------
run plan "$STORE" --region "$REGION" -o "$TMP/by-zh.pdf" --by 2009Q1
expect_rc 0 "zh plan, --by 8 quarters ahead"
zh=$(pdftotext -raw "$TMP/by-zh.pdf" - 2>/dev/null | tr -d '\n')
has "$zh" "评价季度：2007年第一季度" "zh quarter in words in the header"
has "$zh" "2007年第一季度订购量" "zh quarter in words in a label"
has "$zh" "2009年一季度" "zh deadline card in the short quarter form"
has "$zh" "预测2009年第一季度订购量为" "zh quarter in words in the verdict"
has "$zh" "861（2006年第二季度）" "zh quarter in words in a SWOT finding"
has "$zh" "2009年3月31日" "zh date without leading zeros"
has "$zh" "2007年6月30日" "zh milestone date without leading zeros"
has "$zh" "需比本季度增长+53.2%" "zh percentage without a space"
has "$zh" "中间一半在486.5至1265.5条之间" "zh: no stray spaces between Chinese and numbers"
has "$zh" "前55名（共271户）" "zh counts with their measure word, no spaces"
has "$zh" "同类客户数271户" "zh peer count card with its measure word"
has "$zh" "S221距50米" "zh neighbour distance in metres, in words"
# quarter codes only on the chart's axis, split over two lines there: never 2007Q1 in text
case "$(text "$TMP/by-zh.pdf")" in *[0-9][0-9][0-9][0-9]Q[1-4]*) echo "not ok - zh plan shows a quarter code in text" ;;
*) echo "ok - zh plan shows no quarter code in text" ;; esac
case "$zh" in *年0[1-9]月*|*月0[1-9]日*) echo "not ok - zh date with a leading zero" ;;
*) echo "ok - zh dates without leading zeros" ;; esac
case "$zh" in *[0-9]" %"*|*[0-9]" %"*) echo "not ok - zh percentage with a space" ;;
*) echo "ok - zh percentages without a space" ;; esac

# ---- a region without unit: the language's default word, no placeholder -------------------
sed 's/ unit="carton"//' "$REGION" >"$TMP/nounit.xml"
for lang in zh en; do
	run plan "$STORE" --region "$TMP/nounit.xml" -o "$TMP/nounit-$lang.pdf" --lang $lang
	expect_rc 0 "plan for a region without unit ($lang)"
done
t=$(text "$TMP/nounit-zh.pdf")
lacks "$t" "单位" "zh: no 单位 placeholder without unit"
has "$t" "1265.5条之间" "zh: the default unit word is 条"
t=$(text "$TMP/nounit-en.pdf")
lacks "$t" " units" "en: no 'units' placeholder without unit"
has "$t" "1265.5 cartons" "en: the default unit word is cartons"

# ---- growth facts by place ----------------------------------------------------------------
has "$zh" "大冈镇经济发展快" "a Dagang store gets Dagang town's growth, named"
sed 's/大冈镇卧龙西路/南洋镇德利村/' "$STORE" >"$TMP/nanyang.xml"
run plan "$TMP/nanyang.xml" --region "$REGION" -o "$TMP/nanyang-zh.pdf"
expect_rc 0 "plan of a store in another town"
t=$(text "$TMP/nanyang-zh.pdf")
lacks "$t" "经济发展快" "a store elsewhere does not get Dagang town's growth"
lacks "$t" "大冈镇" "a store elsewhere does not see Dagang town at all"
# a fact without a place is the region's, worded with the region's name
sed 's/ place="大冈镇"//' "$REGION" >"$TMP/regionwide.xml"
run plan "$TMP/nanyang.xml" --region "$TMP/regionwide.xml" -o "$TMP/wide-zh.pdf"
expect_rc 0 "plan with a region-wide growth fact (zh)"
t=$(pdftotext -raw "$TMP/wide-zh.pdf" - 2>/dev/null | tr -d '\n')
has "$t" "盐城经济发展快：经济增长+14.5%" "a place-less fact is worded as the region's (zh)"
lacks "$t" "当地经济" "no 'local' wording (zh)"
run plan "$TMP/nanyang.xml" --region "$TMP/regionwide.xml" -o "$TMP/wide-en.pdf" --lang en
expect_rc 0 "plan with a region-wide growth fact (en)"
t=$(text "$TMP/wide-en.pdf")
has "$t" "Fast-growing economy in 盐城" "a place-less fact is worded as the region's (en)"
lacks "$t" "local economy" "no 'local' wording (en)"
# a region without a name: the language's word for it
sed 's/ name="盐城"//' "$TMP/regionwide.xml" >"$TMP/noname.xml"
run plan "$TMP/nanyang.xml" --region "$TMP/noname.xml" -o "$TMP/noname-zh.pdf"
expect_rc 0 "plan with a nameless region"
has "$(pdftotext -raw "$TMP/noname-zh.pdf" - 2>/dev/null | tr -d '\n')" "本地区经济发展快" \
	"a nameless region's fact is worded as 本地区"

# ---- no-break spaces: pdftotext turns U+00A0 into a space, so check the wording itself --
# (every placeholder followed by a unit, a percent sign, metres, yuan, years, ... in en.txt)
bad=$(grep -v '^#' templates/en.txt | grep -v "^evaluate\." | grep -E '\} (\{unit\}|%|m[ ).,:]|m²|m$|yuan|years|quarters|brands)')
check "en templates: a no-break space wherever a number meets its unit" test -z "$bad"
bad=$(grep -v '^#' templates/zh.txt | grep -E '\}[  ]+(%|\{unit\})')
check "zh templates: no space before % or the unit" test -z "$bad"
has "$(text "$TMP/wide-en.pdf")" "S221 at 50 m" "en neighbour distance with its unit"

# ---- the histogram counts outlets: whole numbers on its axis ------------------------------
# a group of 12 with 10 outlets in one bin: a "nice" step would be 2.5 (ticks at 2.5, 7.5)
python3 - "$TMP" <<'PY'
import sys
out = sys.argv[1]
def store(i, q):
    return ('<store id="77000%02d" name="Shop %d"><code>S111</code><address>1 Road</address>'
            '<orders><q id="2006Q4">%d</q><q id="2007Q1">%d</q></orders></store>\n' % (i, i, q, q))
orders = [600] * 10 + [100, 900]
open(out + "/ten.xml", "w").write('<?xml version="1.0" encoding="UTF-8"?>\n'
    '<region id="77" name="Ten" quarter="2007Q1" unit="carton">\n'
    + "".join(store(i + 1, q) for i, q in enumerate(orders)) + '</region>\n')
open(out + "/ten-store.xml", "w").write('<?xml version="1.0" encoding="UTF-8"?>\n' + store(1, 600))
PY
run plan "$TMP/ten-store.xml" --region "$TMP/ten.xml" -o "$TMP/ten.pdf" --lang en
expect_rc 0 "plan in a group with 10 outlets in one bin"
t=$(pdftotext -f 1 -l 1 -raw "$TMP/ten.pdf" - 2>/dev/null | sed -n '/^Orders of the peer group/,/^orders per quarter/p')
has "$t" "10" "histogram axis reaches 10 outlets"
case "$t" in *"2.5"*|*"7.5"*) echo "not ok - histogram axis shows fractional outlets" ;;
*) echo "ok - histogram axis shows whole outlets only" ;; esac

# ---- layout: no two words on a page overlap (chart labels, bars' figures, axis labels) ----
# pdftotext -bbox gives every word's box; any two that intersect by more than 0.5 pt fail
overlaps() {
	pdftotext -bbox "$1" - 2>/dev/null | python3 -c '
import re, sys
pages, cur = [], None
for line in sys.stdin:
    if "<page " in line:
        cur = []
        pages.append(cur)
    m = re.search(r"xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"([\d.]+)\">(.*)</word>", line)
    if m and cur is not None:
        cur.append(tuple(float(v) for v in m.groups()[:4]) + (m.group(5),))
bad = []
for n, words in enumerate(pages, 1):
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            if (min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and
                    min(a[3], b[3]) - max(a[1], b[1]) > 0.5):
                bad.append("p%d %s/%s" % (n, a[4], b[4]))
print(" ".join(bad[:6]))'
}
sed 's/>946</>1600</' "$STORE" >"$TMP/large.xml"
for lang in zh en; do
	run plan "$STORE" --region "$REGION" -o "$TMP/lay-by-$lang.pdf" --lang $lang --by 2009Q1
	run plan "$STORE" --region "$REGION" -o "$TMP/lay-$lang.pdf" --lang $lang
	run plan "$TMP/large.xml" --region "$REGION" -o "$TMP/lay-large-$lang.pdf" --lang $lang --by 2008Q4
	run plan tests/edge/tiny.xml --region tests/edge/region.xml -o "$TMP/lay-tiny-$lang.pdf" --lang $lang
	for f in lay-by lay lay-large lay-tiny; do
		bad=$(overlaps "$TMP/$f-$lang.pdf")
		check "$f ($lang): no words overlap${bad:+: $bad}" test -z "$bad"
	done
done

# ---- the SWOT grid is never split when it fits a fresh page --------------------------------
# its four headers on one page, in every plan above
for f in lay-by-zh lay-zh lay-large-zh lay-by-en lay-en lay-large-en; do
	n=$(pages "$TMP/$f.pdf")
	whole=no
	for pg in $(seq 1 "$n"); do
		t=$(pdftotext -f "$pg" -l "$pg" -raw "$TMP/$f.pdf" - 2>/dev/null)
		case "$t" in *优势*劣势*机会*威胁*|*Strengths*Weaknesses*Opportunities*Threats*) whole=yes ;; esac
	done
	check "$f: the SWOT grid is on one page" test $whole = yes
done

# ---- page counts: README promises 2-3 pages, 4 for English or long plans -----------------
name="文奇烟酒商店文奇烟酒商店文奇烟酒商店文奇 Wen Qi Tobacco and Liquor Store of Dagang Town Wen Qi Tobacco and Liquor Store of Dagang Town Wen Qi Tobacco and Liquor Store of Dagang Town Wen Qi Tob"
sed "s/name=\"文奇店\"/name=\"$name\"/" "$STORE" >"$TMP/longname.xml"
for lang in zh en; do
	run plan "$TMP/longname.xml" --region "$REGION" -o "$TMP/long-$lang.pdf" --lang $lang
	run plan "$TMP/longname.xml" --region "$REGION" -o "$TMP/longby-$lang.pdf" --lang $lang --by 2009Q1
done
check "zh seed plan: 3 pages" test "$(pages "$TMP/lay-zh.pdf")" -eq 3
check "zh plan --by 8 quarters: 3 pages" test "$(pages "$TMP/lay-by-zh.pdf")" -eq 3
check "zh retention plan: 3 pages" test "$(pages "$TMP/lay-large-zh.pdf")" -eq 3
for f in long-zh longby-zh long-en longby-en lay-by-en lay-en; do
	n=$(pages "$TMP/$f.pdf")
	check "$f: at most 4 pages ($n)" test "${n:-9}" -le 4
done

# ---- a retention plan's milestones: the floor, the store's own pace, the margin -----------
t=$(pdftotext -raw "$TMP/lay-large-zh.pdf" - 2>/dev/null | tr -d '\n')
has "$t" "累计下限" "retention milestones show the floor"
has "$t" "按本季度1600条的节奏" "retention milestones name the store's own pace"
t=$(pdftotext -raw -f 2 -l 2 "$TMP/lay-large-en.pdf" - 2>/dev/null | tr -s ' \n' '  ')
has "$t" "Minimum to date At this quarter's pace Margin" "retention milestone columns (en)"
has "$t" "1449 1600 +151" "retention row: floor, pace, margin"

# ---- a projection the verdict states is labelled on the chart ----------------------------
t=$(pdftotext -raw "$TMP/lay-by-zh.pdf" - 2>/dev/null | tr -d '\n')
has "$t" "预测2009年第一季度订购量为1161" "the verdict states the projection"
has "$t" "预测1161" "the chart labels the same projection"

# ---- 16 quarters on the history chart: axis labels every other quarter, years whole ------
python3 - "$STORE" "$TMP/longhist.xml" <<'PY'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
qs = ["%dQ%d" % (y, q) for y in (2004, 2005, 2006, 2007) for q in (1, 2, 3, 4)][1:13]
vals = [700, 720, 760, 790, 800, 830, 850, 861, 880, 902, 915, 946]
o = "<orders>" + "".join('<q id="%s">%d</q>' % qv for qv in zip(qs, vals)) + "</orders>"
open(sys.argv[2], "w", encoding="utf-8").write(re.sub(r"<orders>.*</orders>", o, src, flags=re.S))
PY
run plan "$TMP/longhist.xml" --region "$REGION" -o "$TMP/longhist.pdf" --lang en --by 2009Q1
expect_rc 0 "plan with 8 quarters of history and 8 ahead"
t=$(pdftotext -f 2 -l 2 -raw "$TMP/longhist.pdf" - 2>/dev/null | tr -s ' \n' '  ')
has "$t" "2006Q3 2007Q1 2007Q3" "long chart: every other quarter on the axis, the current one labelled"
case "$t" in *" 200 "*) echo "not ok - long chart: a year broken on the axis" ;; *) echo "ok - long chart: years whole on the axis" ;; esac
bad=$(overlaps "$TMP/longhist.pdf")
check "long chart: no words overlap${bad:+: $bad}" test -z "$bad"
