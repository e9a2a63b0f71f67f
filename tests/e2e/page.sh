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
# (every placeholder followed by a unit, a percent sign or metres, in en.txt)
bad=$(grep -v '^#' templates/en.txt | grep -E '\} (\{unit\}|%|m[ ).,:]|m²|m$)')
check "en templates: a no-break space wherever a number meets its unit" test -z "$bad"
bad=$(grep -v '^#' templates/zh.txt | grep -E '\}[  ]+(%|\{unit\})')
check "zh templates: no space before % or the unit" test -z "$bad"
has "$(text "$TMP/wide-en.pdf")" "S221 at 50 m" "en neighbour distance with its unit"
