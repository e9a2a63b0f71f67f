#!/bin/sh
# compare_outputs.sh: runs a fixed list of commands on samples/ and tests/edge/ and keeps
# what they print and write in one directory, so that two builds can be compared with
# `diff -r` (a reshaping of the code must leave every byte the same).  PDFs are kept as
# their text (pdftotext -layout), PNGs as written (compare them with cmp, as diff -r
# does), and every command's exit status and stderr are kept too.
#
#   BUILD=build-before sh tests/compare_outputs.sh /tmp/before
#   BUILD=build        sh tests/compare_outputs.sh /tmp/after
#   diff -r /tmp/before /tmp/after && echo identical
set -u
BUILD=${BUILD:-build}
P="$BUILD/planner"
OUT=${1:?usage: compare_outputs.sh OUTDIR}
JOBS=${JOBS:-2}
export SOURCE_DATE_EPOCH=1175385600   # the printed date of every plan
rm -rf "$OUT" && mkdir -p "$OUT" || exit 1
Y="samples/yancheng.xml"
E=tests/edge

# run NAME CMD...: stdout to NAME.out, stderr to NAME.err, exit status to NAME.rc
run() {
	name=$1
	shift
	"$P" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"
	echo $? >"$OUT/$name.rc"
}

# texts DIR: every PDF under DIR replaced by its text
texts() {
	find "$1" -name '*.pdf' | while read -r f; do
		pdftotext -layout "$f" "${f%.pdf}.pdf.txt" && rm -f "$f"
	done
}

for fmt in text json; do
	run "evaluate-wenqi-$fmt" evaluate samples/wenqi.xml --region "$Y" --format "$fmt"
	for s in "$E"/*.xml; do
		c=$(basename "$s" .xml)
		[ "$c" = region ] && continue
		run "evaluate-edge-$c-$fmt" evaluate "$s" --region "$E/region.xml" --format "$fmt"
	done
done
for lang in zh en; do
	run "plan-wenqi-$lang-pdf" plan samples/wenqi.xml --region "$Y" --lang "$lang" \
		-o "$OUT/plan-wenqi-$lang.pdf"
	run "plan-wenqi-$lang-png" plan samples/wenqi.xml --region "$Y" --lang "$lang" \
		-o "$OUT/plan-wenqi-$lang.png"
	run "plan-wenqi-$lang-by" plan samples/wenqi.xml --region "$Y" --lang "$lang" \
		--by 2008Q1 -o "$OUT/plan-wenqi-$lang-by.pdf"
	for s in "$E"/*.xml; do
		c=$(basename "$s" .xml)
		[ "$c" = region ] && continue
		run "plan-edge-$c-$lang" plan "$s" --region "$E/region.xml" --lang "$lang" \
			-o "$OUT/plan-edge-$c-$lang.pdf"
	done
done
run batch-yancheng batch "$Y" --out "$OUT/batch-yancheng" --plans -j "$JOBS"
run batch-yancheng-en batch "$Y" --out "$OUT/batch-yancheng-en" --plans --top 40 --lang en \
	-j "$JOBS"
run batch-north batch samples/north.xml --out "$OUT/batch-north" --plans --top 30 -j "$JOBS"
run batch-north-q batch samples/north.xml --out "$OUT/batch-north-q" --quarter 2006Q4 --bom
run batch-edge batch "$E/region.xml" --out "$OUT/batch-edge" --plans --lang en -j "$JOBS"
run validate validate samples/wenqi.xml "$Y" samples/north.xml
texts "$OUT"
# the output directory's name appears in batch's stdout: make it the same for both builds
for f in "$OUT"/*.out; do
	sed -i "s#$OUT#OUTDIR#g" "$f"
done
echo "compare_outputs: $(find "$OUT" -type f | wc -l) files in $OUT"
