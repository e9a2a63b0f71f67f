#!/bin/sh
# bench_batch.sh: figures for `planner batch`, not a test (make bench runs it after
# tests/bench.sh).  For generated regions of BENCH_BATCH_STORES stores (default 100k and
# 1M), batch beside `xmllint --sax --noout` on the same file, BENCH_RUNS rounds in turn
# (tests/bench_lib.sh), with the goals of issue 13 for 1M stores: at most 1.5x xmllint
# --sax, peak RSS under 96 MB, and the same bytes as the one-thread read (-j1); the
# phases (--timings); --grades --hold-down --quadrants against the plain batch (issue
# 11: within 1.3x CPU).  Then `--plans --top 200` with -j1 and -j2 in turn (goal: the
# plans render at least 1.8x faster with two processes).
#
#   BENCH_BATCH_STORES="10000" BENCH_RUNS=1 sh tests/bench_batch.sh
#   BENCH_PLANS=0 ...                        (no --plans figures)
set -eu
BUILD=${BUILD:-build}
P="$BUILD/planner"
DIR=${BENCH_DIR:-/tmp/planner-bench}
SIZES=${BENCH_BATCH_STORES:-"100000 1000000"}
RUNS=${BENCH_RUNS:-7}
PLANS=${BENCH_PLANS:-200}
. tests/bench_lib.sh
mkdir -p "$DIR"
OUT="$DIR/batch-out"
export SOURCE_DATE_EPOCH=1175385600   # the same summary.pdf from run to run

echo "== planner batch on generated regions ($RUNS rounds beside xmllint --sax; $(nproc) CPUs)"
for n in $SIZES; do
	f=$(region_file "$n")
	echo "$n stores, $(du -m "$f" | cut -f1) MB; load average $(load_average):"
	rounds "$RUNS" "exec xmllint --sax --noout '$f'" \
		"rm -rf '$OUT' && exec '$P' batch '$f' --out '$OUT'"
	row "xmllint --sax --noout (reference)" "$REF_WALL" "$REF_CPU"
	row "planner batch" "$CMD_WALL" "$CMD_CPU" "$CMD_RSS"
	rounds_line "xmllint" "batch"
	echo "  ratio to xmllint --sax: ${RATIO_MIN}x least to least, ${RATIO_MED}x median of rounds;" \
		"$(awk -v a="$CMD_WALL" -v n="$n" 'BEGIN { printf "%.2f", a * 1e6 / n }') us per store"
	if [ "$n" -ge 1000000 ]; then
		verdict "batch at most 1.5x xmllint --sax (${RATIO_MIN}x)" "$(at_most "$RATIO_MIN" 1.5)"
		verdict "peak RSS under 96 MB ($((CMD_RSS / 1024)) MB)" \
			"$([ "$CMD_RSS" -lt 98304 ] && echo 1 || echo 0)"
		# the same bytes as the one-thread read (the parts and the merge change nothing)
		rm -rf "$OUT" "$OUT-1"
		"$P" batch "$f" --out "$OUT" -j 2 >/dev/null 2>&1 || true
		"$P" batch "$f" --out "$OUT-1" -j 1 >/dev/null 2>&1 || true
		same=1
		for g in "$OUT-1"/*; do
			cmp -s "$g" "$OUT/$(basename "$g")" || { same=0; echo "  differs: $(basename "$g")"; }
		done
		verdict "-j2 (the file read in two parts) writes the same bytes as -j1 ($(ls "$OUT-1" | wc -l) files)" "$same"
		rm -rf "$OUT-1"
	fi
	# issue 11: the grade schemes cost at most 1.3x the plain batch (CPU time, rounds in turn)
	rounds "$RUNS" "rm -rf '$OUT' && exec '$P' batch '$f' --out '$OUT'" \
		"rm -rf '$OUT' && exec '$P' batch '$f' --out '$OUT' --grades templates/grades-30.txt --hold-down 2 --quadrants"
	row "batch --grades 30 --hold-down 2 --quadrants" "$CMD_WALL" "$CMD_CPU" "$CMD_RSS"
	gc=$(awk -v a="$CMD_CPU" -v b="$REF_CPU" 'BEGIN { printf "%.2f", a / b }')
	verdict "grades, hold-down and quadrants within 1.3x the plain batch (${gc}x CPU, ${RATIO_MIN}x wall)" \
		"$(at_most "$gc" 1.3)"
done
rm -rf "$OUT"
"$P" batch "$f" --out "$OUT" --timings 2>&1 >/dev/null | sed -n 's/^planner batch: /  phase: /p'

[ "$PLANS" -gt 0 ] || exit 0
f="$DIR/region-plans.xml"
[ -s "$f" ] || python3 samples/gen_region.py --stores 1500 --seed 7 --region-id 320900 -o "$f"
echo "== planner batch --plans --top $PLANS (1,500 stores), -j1 and -j2 in turn; load average $(load_average)"
timed sh -c "rm -rf '$OUT' && exec '$P' batch '$f' --out '$OUT'"
timed sh -c "rm -rf '$OUT' && exec '$P' batch '$f' --out '$OUT'"
base=$T_WALL
row "batch, no plans" "$T_WALL" "$T_CPU"
rounds "$RUNS" "rm -rf '$OUT' && exec '$P' batch '$f' --out '$OUT' --plans --top $PLANS -j 1" \
	"rm -rf '$OUT' && exec '$P' batch '$f' --out '$OUT' --plans --top $PLANS -j 2"
row "batch --plans --top $PLANS -j1" "$REF_WALL" "$REF_CPU"
row "batch --plans --top $PLANS -j2" "$CMD_WALL" "$CMD_CPU" "$CMD_RSS"
rounds_line "-j1" "-j2"
speedup=$(awk -v a="$REF_WALL" -v b="$CMD_WALL" -v c="$base" 'BEGIN { printf "%.2f", (a - c) / (b - c) }')
total=$(awk -v a="$REF_WALL" -v b="$CMD_WALL" 'BEGIN { printf "%.2f", a / b }')
echo "  the plans -j1/-j2: ${speedup}x least to least (whole command ${total}x;" \
	"median of rounds $(awk -v r="$RATIO_MED" 'BEGIN { printf "%.2f", 1 / r }')x)"
verdict "-j2 renders plans at least 1.8x faster (${speedup}x)" "$(awk -v r="$speedup" 'BEGIN { print (r >= 1.8) }')"
echo "  load average: $(load_average) (other work on the CPUs lowers the speedup)"
rm -rf "$OUT"
exit 0
