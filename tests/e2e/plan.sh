#!/bin/sh
# plan.sh: end-to-end checks of `planner plan`: the seed plan's text in both languages
# (pdftotext), A4 pages, embedded fonts, the PNG's size, the SWOT of the worked example,
# exit codes of every failure with no file left behind, template errors, and the edge
# cases (no assessment, no neighbours, one quarter, a large store, too few peers, no
# figure, a 200-character name) rendering cleanly.
. tests/e2e/lib.sh

STORE=samples/wenqi.xml
REGION=samples/yancheng.xml
export SOURCE_DATE_EPOCH=1175385600   # 2007-04-01: reproducible dates on the page

# ---- the seed plan in both languages -----------------------------------------------------
for lang in zh en; do
	run plan "$STORE" --region "$REGION" -o "$TMP/seed-$lang.pdf" --lang $lang
	expect_rc 0 "seed plan ($lang)"
	# -raw: in drawing order, so the SWOT's two columns do not interleave; lines joined
	pdftotext -raw "$TMP/seed-$lang.pdf" - 2>/dev/null | tr -s ' \n' '  ' >"$TMP/seed-$lang.txt"
	text=$(cat "$TMP/seed-$lang.txt")
	for want in 文奇店 3209031001 Y221 Y121 1449 946 271 +503 53.2 2007Q2 孙某某; do
		case "$text" in *"$want"*) echo "ok - $lang plan shows $want" ;;
		*) echo "not ok - $lang plan lacks $want" ;; esac
	done
	info=$(pdfinfo "$TMP/seed-$lang.pdf" 2>/dev/null)
	case "$info" in *"Page size:"*"595.28 x 841.89 pts (A4)"*) echo "ok - $lang plan is A4" ;;
	*) echo "not ok - $lang plan is not A4: $info" ;; esac
	pages=$(printf '%s\n' "$info" | sed -n 's/^Pages: *//p')
	# README: 2-3 pages, English up to 4 (its wording is longer; the SWOT grid is never split)
	max=3; [ $lang = en ] && max=4
	check "$lang seed plan has 2-$max pages ($pages)" test "$pages" -ge 2 -a "$pages" -le $max
	fonts=$(pdffonts "$TMP/seed-$lang.pdf" 2>/dev/null | tail -n +3)
	check "$lang plan embeds Noto Sans CJK" sh -c "printf '%s' \"\$1\" | grep -q NotoSansCJK" - "$fonts"
	check "$lang plan embeds every font" sh -c "printf '%s\n' \"\$1\" | awk '{ if (\$(NF-4) != \"yes\") bad = 1 } END { exit bad }'" - "$fonts"
	check "$lang plan is readable to others (0644)" test "$(stat -c %a "$TMP/seed-$lang.pdf")" = 644
done

zh=$(pdftotext -raw "$TMP/seed-zh.pdf" - 2>/dev/null | tr -d '\n')
en=$(cat "$TMP/seed-en.txt")
# the worked example's SWOT, with its evidence
for want in "operation score 4/5" "from 15 to 800 yuan" "stock score 4/5" "97 % of orders" \
	"model cigarette retail household" "two-star household" "62 % of its business" \
	"buys only through the tobacco company" "learning score 4/5" \
	"display score 2/5" "sample layout score 2/5" "recommendation score 2/5" \
	"information score 2/5" "service score 2/5" "industrial parks, hotels, guest houses" \
	"+14.5 %" "71.6 %" "S221 at 50 m" "3 licensed outlets" "1 of them large (S121 at 50 m)" \
	"needs acceleration" "projects 973 for 2007Q2" "2007-04-30" "Account manager"; do
	case "$en" in *"$want"*) echo "ok - en SWOT/target: $want" ;;
	*) echo "not ok - en plan lacks: $want" ;; esac
done
for want in 陈列评分 卷烟零售示范户 工业园区 大户 需要加速 客户经理 2007年4月30日 第1页; do
	case "$zh" in *"$want"*) echo "ok - zh plan: $want" ;;
	*) echo "not ok - zh plan lacks: $want" ;; esac
done
case "$en" in *"{"*|*"}"*) echo "not ok - en plan shows a raw placeholder" ;; *) echo "ok - en plan has no raw placeholder" ;; esac
case "$zh" in *"{"*|*"}"*) echo "not ok - zh plan shows a raw placeholder" ;; *) echo "ok - zh plan has no raw placeholder" ;; esac

# ---- PNG: all pages stacked, 1240 px wide ------------------------------------------------
run plan "$STORE" --region "$REGION" -o "$TMP/seed.png"
expect_rc 0 "seed plan as PNG"
size=$(python3 -c '
import struct, sys
d = open(sys.argv[1], "rb").read(24)
assert d[:8] == b"\x89PNG\r\n\x1a\n" and d[12:16] == b"IHDR"
print("%d %d" % struct.unpack(">II", d[16:24]))' "$TMP/seed.png" 2>/dev/null)
check "PNG is 1240 px wide ($size)" test "${size% *}" = 1240
check "PNG height is whole A4 pages at 150 dpi ($size)" test $(( ${size#* } % 1754 )) -eq 0 -a "${size#* }" -ge 3508
run plan "$STORE" --region "$REGION" -o "$TMP/upper.PNG"
expect_rc 0 "the extension is case-insensitive"

# ---- failures: exit status, one line, nothing left behind ---------------------------------
mkdir "$TMP/dest"
run plan "$STORE" --region "$REGION" -o "$TMP/dest/plan.txt"
expect_rc 64 "-o with another extension"
expect_err ".pdf or .png" "says which extensions work"
run plan "$STORE" --region "$REGION" -o "$TMP/dest/plan.pdf" --format svg
expect_rc 64 "--format svg"
run plan "$STORE" --region "$REGION"
expect_rc 64 "no -o"
run plan "$STORE" --region "$REGION" -o "$TMP/dest/plan.pdf" --lang fr
expect_rc 64 "--lang without templates"
run plan "$STORE" --region "$REGION" -o "$TMP/dest/plan.pdf" --by 2007Q1
expect_rc 64 "--by not after the quarter"
run plan "$STORE" --region "$REGION" -o "$TMP/dest/plan.pdf" --repeat 2
expect_rc 64 "--repeat is no option (plans are timed by tests/bench/bench_plan.c)"
run plan "$STORE" --region "$REGION" -o "$TMP/dest/plan.pdf" --by 2010Q1
expect_rc 64 "--by more than 8 quarters ahead"
run plan "$TMP/missing.xml" --region "$REGION" -o "$TMP/dest/plan.pdf"
expect_rc 66 "missing store file"
run plan "$STORE" --region "$TMP/missing.xml" -o "$TMP/dest/plan.pdf"
expect_rc 66 "missing region file"
run plan "$STORE" --region "$REGION" -o "$TMP/no/such/dir/plan.pdf"
expect_rc 73 "directory that does not exist"
expect_err "cannot create" "says it cannot create"
touch "$TMP/dest/file"
run plan "$STORE" --region "$REGION" -o "$TMP/dest/file/plan.pdf"
expect_rc 73 "directory that is a file"
run plan "$STORE" --region "$REGION" -o /dev/full --format pdf
expect_rc 74 "/dev/full"
expect_err "No space left on device" "names the write error"
check "error is one line" test "$(printf '%s\n' "$err" | wc -l)" -eq 1
ln -s /dev/full "$TMP/dest/full.pdf"
run plan "$STORE" --region "$REGION" -o "$TMP/dest/full.pdf"
expect_rc 74 "a .pdf name that is /dev/full"
check "the symlink to /dev/full is left alone" test -L "$TMP/dest/full.pdf"
run plan "$STORE" --region "$REGION" -o "$TMP/dest/full.png"
check "nothing but the test's own files in the output directory" \
	test "$(ls -A "$TMP/dest" | grep -v '^file$' | grep -v '^full.pdf$' | grep -v '^full.png$')" = ""
rm -f "$TMP/dest/full.png"

# a broken template: exit 65 naming file and key, and an existing plan stays as it was
mkdir -p "$TMP/data/templates"
cp templates/* "$TMP/data/templates/"
cp "$TMP/seed-en.pdf" "$TMP/dest/keep.pdf"
grep -v '^sec.swot =' templates/en.txt >"$TMP/data/templates/en.txt"
PLANNER_DATADIR="$TMP/data" run plan "$STORE" --region "$REGION" -o "$TMP/dest/keep.pdf" --lang en
expect_rc 65 "template without a key"
expect_err "en.txt" "names the template file"
expect_err '"sec.swot"' "names the missing key"
check "the existing plan is untouched" cmp -s "$TMP/seed-en.pdf" "$TMP/dest/keep.pdf"
sed 's/^finding.display.poor = .*/finding.display.poor = Display {oops}./' templates/en.txt >"$TMP/data/templates/en.txt"
PLANNER_DATADIR="$TMP/data" run plan "$STORE" --region "$REGION" -o "$TMP/dest/keep.pdf" --lang en
expect_rc 65 "template with a placeholder the rule does not supply"
expect_err "{oops}" "names the placeholder"
cp templates/en.txt "$TMP/data/templates/en.txt"
printf 'display <= 2 weakness finding.nowhere measure.display store\n' >>"$TMP/data/templates/swot-rules.txt"
PLANNER_DATADIR="$TMP/data" run plan "$STORE" --region "$REGION" -o "$TMP/dest/keep.pdf" --lang en
expect_rc 65 "rule naming a key the language lacks"
expect_err "swot-rules.txt:" "names the rules file and line"
rm "$TMP/data/templates/swot-rules.txt"
PLANNER_DATADIR="$TMP/data" run plan "$STORE" --region "$REGION" -o "$TMP/dest/keep.pdf" --lang en
expect_rc 66 "rules file missing"
check "no temporary file left after the failures" test "$(ls -A "$TMP/dest" | grep -c '^\.')" -eq 0

# writing through a symlink replaces its target, not the link
ln -s "$TMP/dest/keep.pdf" "$TMP/dest/link.pdf"
run plan "$STORE" --region "$REGION" -o "$TMP/dest/link.pdf"
expect_rc 0 "plan through a symlink"
check "the symlink is still a symlink" test -L "$TMP/dest/link.pdf"

# ---- edge cases render, and say what is missing --------------------------------------------
python3 - "$STORE" "$TMP" <<'EOF'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
out = sys.argv[2]
def w(name, text):
    open("%s/%s.xml" % (out, name), "w", encoding="utf-8").write(text)
w("noassess", re.sub(r"<assessment>.*</assessment>\n", "", src, flags=re.S))
w("nonb", re.sub(r"<neighbours>.*</neighbours>\n", "", src, flags=re.S))
w("oneq", re.sub(r"<orders>.*</orders>", '<orders><q id="2007Q1">946</q></orders>', src, flags=re.S))
w("large", src.replace(">946<", ">1600<"))
w("small", src.replace(">946<", ">500<").replace("<code>Y221</code>", "<code>Y321</code>"))
w("noorders", re.sub(r'<q id="2007Q1">946</q>\n', "", src))
name = "文奇烟酒商店文奇烟酒商店文奇烟酒商店文奇 " + "Wen Qi Tobacco and Liquor Store of Dagang Town " * 4
w("longname", src.replace('name="文奇店"', 'name="%s"' % name[:200]))
w("longword", src.replace('name="文奇店"', 'name="%s"' % ("W" * 200)))
w("bare", '<?xml version="1.0" encoding="UTF-8"?>\n<store id="3209039999" name="新店">'
  '<code>S321</code><orders><q id="2007Q1">120</q></orders></store>\n')
EOF
for case in noassess nonb oneq large small noorders longname longword bare; do
	for lang in zh en; do
		run plan "$TMP/$case.xml" --region "$REGION" -o "$TMP/$case-$lang.pdf" --lang $lang
		expect_rc 0 "edge case $case ($lang)"
		pages=$(pdfinfo "$TMP/$case-$lang.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
		check "edge case $case ($lang) fits 2-4 pages ($pages)" test "${pages:-0}" -ge 2 -a "${pages:-0}" -le 4
	done
done
text() { pdftotext -raw "$TMP/$1-en.pdf" - 2>/dev/null | tr -s ' \n' '  '; }
case "$(text noassess)" in *"No visit assessment"*) echo "ok - says the assessment is missing" ;; *) echo "not ok - no-assessment plan does not say so" ;; esac
case "$(text nonb)" in *"No licensed neighbours"*) echo "ok - says neighbours are missing" ;; *) echo "not ok - no-neighbour plan does not say so" ;; esac
case "$(text oneq)" in *"no trend can be fitted"*) echo "ok - one quarter: no trend" ;; *) echo "not ok - one-quarter plan fits a trend" ;; esac
case "$(text large)" in *"Keep Y121"*"+151"*) echo "ok - large store gets a retention plan" ;; *) echo "not ok - large store plan is no retention plan" ;; esac
case "$(text small)" in *"Y321 → Y221"*"from small to medium"*) echo "ok - small store aims at medium" ;; *) echo "not ok - small store target" ;; esac
case "$(text noorders)" in *"no order figure for 2007Q1"*) echo "ok - no figure: says so" ;; *) echo "not ok - no-figure plan" ;; esac
run plan "$STORE" --region "$REGION" -o "$TMP/few-en.pdf" --lang en --min-peers 500
expect_rc 0 "group under --min-peers"
few=$(pdftotext -raw "$TMP/few-en.pdf" - 2>/dev/null | tr -s ' \n' '  ')
case "$few" in *"too few outlets"*) echo "ok - too few peers: says so" ;; *) echo "not ok - too-few-peers plan does not say so" ;; esac
case "$few" in *"Y121"*|*"+503"*) echo "not ok - too-few-peers plan shows a target" ;; *) echo "ok - too-few-peers plan has no fake target" ;; esac
run plan "$STORE" --region "$REGION" -o "$TMP/by.pdf" --lang en --by 2008Q1
expect_rc 0 "--by four quarters ahead"
case "$(pdftotext -raw "$TMP/by.pdf" - 2>/dev/null | tr -s ' \n' '  ')" in *"Quarterly milestones"*2008Q1*) echo "ok - quarterly milestones to 2008Q1" ;; *) echo "not ok - --by 2008Q1 milestones" ;; esac
run plan "$STORE" --region "$REGION" -o "$TMP/shares.pdf" --lang en --shares 10,40,50
expect_rc 0 "--shares"
