#!/bin/sh
# install.sh: `make install PREFIX=...` puts the binary, templates, schema, man page and
# bash completion in place, and the installed binary finds its data files from
# PREFIX/bin/planner.
. tests/e2e/lib.sh
make -s install BUILD="$BUILD" PREFIX="$TMP/inst" >"$TMP/make.log" 2>&1
rc=$?
err=$(cat "$TMP/make.log")
expect_rc 0 "make install PREFIX=..."
for f in bin/planner share/planner/templates/zh.txt share/planner/templates/en.txt \
	share/planner/templates/swot-rules.txt share/planner/schema/planner.xsd \
	share/man/man1/planner.1 share/planner/fonts/fonts.conf \
	share/planner/fonts/planner-core-Regular.otf share/planner/fonts/planner-core-Bold.otf \
	share/planner/fonts/planner-subset-Regular.otf share/planner/fonts/planner-subset-Bold.otf \
	share/planner/fonts/planner-extra-Regular.otf share/planner/fonts/planner-extra-Bold.otf \
	share/bash-completion/completions/planner; do
	check "installed $f" [ -f "$TMP/inst/$f" ]
done
S=$(pwd)/samples
(cd "$TMP" && PLANNER_DATADIR= "$TMP/inst/bin/planner" plan "$S/wenqi.xml" \
	--region "$S/yancheng.xml" -o "$TMP/p.pdf" >/dev/null 2>"$TMP/err")
rc=$?
err=$(cat "$TMP/err")
expect_rc 0 "installed planner renders a plan (finds its templates)"
# its fonts too: 喆 is not in the subset, so a plan naming it embeds two bold fonts;
# 鑫 is in the extra fonts, which are enough on their own (no other font known)
sed 's/name="文奇店"/name="喆店"/' "$S/wenqi.xml" >"$TMP/rare.xml"
(cd "$TMP" && PLANNER_DATADIR= "$TMP/inst/bin/planner" plan "$TMP/rare.xml" \
	--region "$S/yancheng.xml" -o "$TMP/rare.pdf" >/dev/null 2>&1)
check "installed planner finds its fonts (subset, then the full font)" \
	test "$(pdffonts "$TMP/rare.pdf" 2>/dev/null | grep -c NotoSansCJKsc-Bold)" -eq 2
sed 's/name="文奇店"/name="鑫店"/' "$S/wenqi.xml" >"$TMP/level2.xml"
printf '<?xml version="1.0"?>\n<fontconfig><cachedir>%s/fc-cache</cachedir></fontconfig>\n' \
	"$TMP" >"$TMP/no-fonts.conf"
for conf in "" "$TMP/no-fonts.conf"; do
	(cd "$TMP" && FONTCONFIG_FILE=$conf PLANNER_DATADIR= "$TMP/inst/bin/planner" plan \
		"$TMP/level2.xml" --region "$S/yancheng.xml" -o "$TMP/level2${conf:+-own}.pdf" \
		>/dev/null 2>&1)
done
pdftoppm -png -r 40 -f 1 -l 1 "$TMP/level2.pdf" "$TMP/l2"
pdftoppm -png -r 40 -f 1 -l 1 "$TMP/level2-own.pdf" "$TMP/l2own"
check "installed planner finds its extra fonts (鑫 looks the same with no other font)" \
	cmp -s "$TMP/l2-1.png" "$TMP/l2own-1.png"
(cd "$TMP" && "$TMP/inst/bin/planner" validate "$S/wenqi.xml" >/dev/null 2>"$TMP/err")
rc=$?
err=$(cat "$TMP/err")
expect_rc 0 "installed planner validates (finds its schema)"
