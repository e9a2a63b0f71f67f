#!/bin/sh
# plan_fonts.sh: plan PDFs embed Noto Sans CJK SC in its regular and its real bold
# weight; with planner's cut-down Noto (fonts/subset.sh, in $BUILD/fonts) the templates'
# characters come from the core fonts, the other common hanzi from the subset, and a
# character the subset lacks still renders: a hanzi of GB 2312 level 2 from the extra
# fonts (the plan looks the same with no other font installed), any other from the full
# font; and the pages look exactly the same as with the full fonts alone (the same
# binary run without $BUILD/fonts), the PNG being the same file.
. tests/e2e/lib.sh

REGION=samples/yancheng.xml
export SOURCE_DATE_EPOCH=1175385600
# 喆 and 堃 are not in GB 2312, so not in the subset; 鑫 is in its level 2 (the extra fonts)
sed 's/name="文奇店"/name="喆堃烟酒店"/' samples/wenqi.xml >"$TMP/rare.xml"
sed 's/name="文奇店"/name="金鑫烟酒店"/' samples/wenqi.xml >"$TMP/level2.xml"
# a fontconfig that knows no fonts but the ones planner adds ($BUILD/fonts)
cat >"$TMP/no-fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><cachedir>$TMP/fc-cache</cachedir></fontconfig>
EOF

# count NAME PDF: how many embedded fonts of pdffonts' list end in NAME
count() {
	pdffonts "$2" 2>/dev/null | tail -n +3 | awk -v n="$1" '$1 ~ n"$" && $(NF-4) == "yes"' | wc -l
}

for lang in zh en; do
	run plan samples/wenqi.xml --region "$REGION" --lang $lang -o "$TMP/seed-$lang.pdf"
	expect_rc 0 "seed plan ($lang)"
	check "$lang plan embeds Noto Sans CJK SC Regular" test "$(count NotoSansCJKsc-Regular "$TMP/seed-$lang.pdf")" -ge 1
	check "$lang plan embeds Noto Sans CJK SC Bold (real bold)" test "$(count NotoSansCJKsc-Bold "$TMP/seed-$lang.pdf")" -ge 1
done

# the seed store, 文奇店: 奇 is a common hanzi that no template has, so the subset
# gives it and the core fonts all the rest: two embedded fonts per weight
check "seed zh: bold from the core and the subset font" test "$(count NotoSansCJKsc-Bold "$TMP/seed-zh.pdf")" -eq 2
check "seed zh: regular from the core and the subset font" test "$(count NotoSansCJKsc-Regular "$TMP/seed-zh.pdf")" -eq 2

run plan "$TMP/rare.xml" --region "$REGION" --lang zh -o "$TMP/rare.pdf"
expect_rc 0 "plan for a name with characters outside the subset"
check "the name is in the plan's text" sh -c "pdftotext '$TMP/rare.pdf' - | grep -q 喆堃烟酒店"
# the title (bold) and the profile (regular) take 喆堃 from the full font, the rest
# from planner's cut-down fonts: at least two embedded fonts per weight
check "bold falls back to the full font" test "$(count NotoSansCJKsc-Bold "$TMP/rare.pdf")" -ge 2
check "regular falls back to the full font" test "$(count NotoSansCJKsc-Regular "$TMP/rare.pdf")" -ge 2

run plan "$TMP/level2.xml" --region "$REGION" --lang zh -o "$TMP/level2.pdf"
expect_rc 0 "plan for a name with a hanzi of GB 2312 level 2"
check "level 2: the name is in the plan's text" sh -c "pdftotext '$TMP/level2.pdf' - | grep -q 金鑫烟酒店"
check "level 2: bold takes 鑫 from another font" test "$(count NotoSansCJKsc-Bold "$TMP/level2.pdf")" -ge 2
check "level 2: regular takes 鑫 from another font" test "$(count NotoSansCJKsc-Regular "$TMP/level2.pdf")" -ge 2
# with only planner's fonts known, the level-2 plan and the seed plan look the same as
# with every font installed (so 鑫 came from the extra fonts, not the full one), and the
# rare one does not (喆堃 are in neither: the check can tell)
for case in level2 seed-zh rare; do
	store=$TMP/$case.xml
	[ $case = seed-zh ] && store=samples/wenqi.xml
	FONTCONFIG_FILE="$TMP/no-fonts.conf" "$PLANNER_BIN" plan "$store" --region "$REGION" \
		--lang zh -o "$TMP/own-$case.pdf" 2>"$TMP/err"
	pdftoppm -png -r 60 "$TMP/own-$case.pdf" "$TMP/own-$case"
	pdftoppm -png -r 60 "$TMP/$case.pdf" "$TMP/all-$case"
	same=1
	for f in "$TMP"/all-$case-*.png; do
		cmp -s "$f" "$TMP/own-$case-${f##*/all-$case-}" || same=0
	done
	want=1
	[ $case = rare ] && want=0
	check "$case: with planner's fonts alone the pages look the same: $same (want $want)" \
		test "$same" = "$want"
done

# the same binary without planner's fonts: templates only, so the full Noto is used
mkdir -p "$TMP/bare/bin" "$TMP/bare/data"
cp "$PLANNER_BIN" "$TMP/bare/bin/planner"
ln -s "$(pwd)/templates" "$TMP/bare/data/templates"
ln -s "$(pwd)/schema" "$TMP/bare/data/schema"
for case in seed-zh rare level2; do
	store=samples/wenqi.xml lang=zh
	[ $case != seed-zh ] && store=$TMP/$case.xml
	PLANNER_DATADIR="$TMP/bare/data" "$TMP/bare/bin/planner" plan "$store" --region "$REGION" \
		--lang $lang -o "$TMP/full-$case.pdf" 2>"$TMP/err"
	pdftoppm -png -r 60 "$TMP/full-$case.pdf" "$TMP/full-$case"
	pdftoppm -png -r 60 "$TMP/$case.pdf" "$TMP/sub-$case"
	n=$(ls "$TMP"/sub-$case-*.png | wc -l)
	same=1
	for f in "$TMP"/sub-$case-*.png; do
		cmp -s "$f" "$TMP/full-$case-${f##*/sub-$case-}" || same=0
	done
	check "$case: $n pages look the same as with the full fonts" test "$same" = 1 -a "$n" -ge 2
	check "$case: the same text as with the full fonts (the private code points unused)" \
		sh -c "[ \"\$(pdftotext '$TMP/$case.pdf' -)\" = \"\$(pdftotext '$TMP/full-$case.pdf' -)\" ]"
	check "$case: without the subset, one font per weight" \
		test "$(count NotoSansCJKsc-Bold "$TMP/full-$case.pdf")" -eq 1
done

# planner draws its pictures with hinting off (render_page.c), so the cut-down fonts,
# which carry no hints (fonts/subset.sh), give the same PNG file as the full, hinted
# ones
for lang in zh en; do
	run plan samples/wenqi.xml --region "$REGION" --lang $lang -o "$TMP/cut-$lang.png"
	expect_rc 0 "seed PNG ($lang)"
	PLANNER_DATADIR="$TMP/bare/data" "$TMP/bare/bin/planner" plan samples/wenqi.xml \
		--region "$REGION" --lang $lang -o "$TMP/full-$lang.png" 2>"$TMP/err"
	check "$lang PNG: the same file with the cut-down fonts as with the full ones" \
		cmp -s "$TMP/cut-$lang.png" "$TMP/full-$lang.png"
done

# fonts/cmap_pua.py: the glyphs that shaping reaches but no character does get a private
# code point each (U+E000 up), so cairo never walks the whole font for one: the digit
# "2" as pango shapes it inside a zh plan's Latin text (in English: "Y221", "2006Q2") is
# such a glyph, and harfbuzz finds it among the private ones
python3 -c 'import sys; sys.stdout.write("".join(chr(c) for c in range(0xE000, 0xF900)))' \
	>"$TMP/private.txt"
for weight in Regular Bold; do
	check "$weight core font: 升 (a template's) has a glyph" sh -c "hb-shape \
		--font-file='$BUILD/fonts/planner-core-$weight.otf' --no-clusters --no-positions \
		--no-glyph-names 升 | grep -vqx '\[0\]'"
	check "$weight core font: 奇 (level 1, in no template) is not in it (the subset's)" sh -c "hb-shape \
		--font-file='$BUILD/fonts/planner-core-$weight.otf' --no-clusters --no-positions \
		--no-glyph-names 奇 | grep -qx '\[0\]'"
	check "$weight subset: 奇 has a glyph" sh -c "hb-shape \
		--font-file='$BUILD/fonts/planner-subset-$weight.otf' --no-clusters --no-positions \
		--no-glyph-names 奇 | grep -vqx '\[0\]'"
	check "$weight extra font: 鑫 has a glyph" sh -c "hb-shape --font-file='$BUILD/fonts/planner-extra-$weight.otf' \
		--no-clusters --no-positions --no-glyph-names 鑫 | grep -vqx '\[0\]'"
	check "$weight subset: 鑫 is not in it (the extra font's)" sh -c "hb-shape \
		--font-file='$BUILD/fonts/planner-subset-$weight.otf' --no-clusters --no-positions \
		--no-glyph-names 鑫 | grep -qx '\[0\]'"
	f="$BUILD/fonts/planner-subset-$weight.otf"
	two=$(hb-shape --font-file="$f" --language=en --script=Latn --no-clusters --no-positions --no-glyph-names 2 |
		tr -d '[]')
	hb-shape --font-file="$f" --no-clusters --no-positions --no-glyph-names \
		--text-file="$TMP/private.txt" | tr -d '[]' | tr '|' '\n' >"$TMP/private-glyphs"
	check "$weight subset: U+E000 has a glyph ($(head -n 1 "$TMP/private-glyphs"))" \
		test "$(head -n 1 "$TMP/private-glyphs")" -gt 0
	check "$weight subset: \"2\" shaped in English ($two) has a private code point" \
		grep -qx "$two" "$TMP/private-glyphs"
done
