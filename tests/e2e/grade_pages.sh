#!/bin/sh
# grade_pages.sh: end-to-end tests of the summary.pdf pages that --grades, --hold-down N
# and --quadrants add: the grade distribution (counts, moves by 1/2/3+, the rule check),
# the quadrant map's counts and the held list (ids, quarters left), read back with
# pdftotext and compared with an independent computation from the XML
# (tests/e2e/grade_pages.py); the same pages with -j1 and -j4; the summary unchanged
# without the options.
. tests/e2e/lib.sh
Y=samples/yancheng.xml
G=$TMP/gen.xml
python3 samples/gen_region.py --stores 3000 --assess 0.6 --seed 11 -o "$G" 2>/dev/null
ALL="--grades templates/grades-30.txt --quadrants --lang en"

run batch "$Y" --out "$TMP/y1" $ALL --hold-down 2
expect_rc 0 "seed region with grades, quadrants and hold-down 2"
python3 tests/e2e/grade_pages.py "$Y" "$TMP/y1" region 2 50 3 10 templates/grades-30.txt
run batch "$Y" --out "$TMP/y2" $ALL --grade-scope group --value-cut 60 --match-cut 3.5
expect_rc 0 "seed region, group scope, other cuts, no hold-down"
python3 tests/e2e/grade_pages.py "$Y" "$TMP/y2" group 1 60 3.5 10 templates/grades-30.txt
check "no held list without --hold-down" [ -z "$(pdftotext "$TMP/y2/summary.pdf" - | grep 'Held by')" ]
run batch "$G" --out "$TMP/g1" $ALL --hold-down 3 -j1 --thread-min-rows 500
expect_rc 0 "generated region, hold-down 3, -j1"
python3 tests/e2e/grade_pages.py "$G" "$TMP/g1" region 3 50 3 10 templates/grades-30.txt
run batch "$G" --out "$TMP/g4" $ALL --hold-down 3 -j4 --thread-min-rows 500
expect_rc 0 "generated region, hold-down 3, -j4"
check "summary.pdf text is the same with -j1 and -j4" \
	[ "$(pdftotext -layout "$TMP/g1/summary.pdf" -)" = "$(pdftotext -layout "$TMP/g4/summary.pdf" -)" ]
printf '# four\nA 10\nB 15.5\nC 24.5\nD 50\n' >"$TMP/four.txt"
run batch "$G" --out "$TMP/g3" --grades "$TMP/four.txt" --lang en
expect_rc 0 "generated region with a four-grade file only"
python3 tests/e2e/grade_pages.py "$G" "$TMP/g3" region 1 50 3 10 "$TMP/four.txt" | grep -v quadrant
check "no quadrant page without --quadrants" [ -z "$(pdftotext "$TMP/g3/summary.pdf" - | grep 'value quadrants')" ]

# the option pages in Chinese: the rule check is reported as such
run batch "$Y" --out "$TMP/zh" --grades templates/grades-30.txt --quadrants --hold-down 2 --lang zh
txt=$(pdftotext "$TMP/zh/summary.pdf" - | tr -d '\n ')
case "$txt" in *"规则核对：升档户数≥降档户数（仅报告，不强制）"*"符合：升档"*) echo "ok - zh: rule check reported" ;;
	*) echo "not ok - zh: rule check reported" ;; esac
case "$txt" in *"档位分布"*"客户价值象限"*"保级暂留"*) echo "ok - zh: the three pages" ;;
	*) echo "not ok - zh: the three pages" ;; esac

# without the options summary.pdf has none of it, and --hold-down 1 adds no list
for l in en zh; do
	run batch "$Y" --out "$TMP/plain-$l" --lang $l
	run batch "$Y" --out "$TMP/one-$l" --lang $l --hold-down 1
	check "$l: --hold-down 1 leaves summary.pdf's text as without it" \
		[ "$(pdftotext "$TMP/plain-$l/summary.pdf" -)" = "$(pdftotext "$TMP/one-$l/summary.pdf" -)" ]
done
txt=$(pdftotext "$TMP/plain-en/summary.pdf" -)
case "$txt" in *"Grade distribution"*|*"value quadrants"*|*"Held by"*)
	echo "not ok - no option pages without the options" ;;
	*) echo "ok - no option pages without the options" ;; esac
