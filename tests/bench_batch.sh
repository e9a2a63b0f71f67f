#!/bin/sh
# bench_batch.sh: figures for `planner batch`, not a test.  For generated regions of
# 10k, 100k and 1M stores: wall time and peak RSS of `planner batch` next to
# `xmllint --stream --noout` on the same file (best of BENCH_RUNS runs each, so a
# busy machine disturbs the ratio less), and the goals of issue 5 (1M stores: at most
# 1.3x xmllint, under 150 MB), `xmllint --sax --noout` (libxml2's floor) too, and the
# batch with --grades templates/grades-30.txt --hold-down 2 --quadrants against the
# plain one (goal of issue 11: within 1.3x).  Then `--plans --top 200` with -j1 and -j2 (goal: the
# plans render at least 1.8x faster with two processes).
#
#   sh tests/bench_batch.sh                  (make bench runs it after tests/bench.sh)
#   BENCH_BATCH_STORES="10000" BENCH_RUNS=1 sh tests/bench_batch.sh
#   BENCH_PLANS=0 ...                        (no --plans figures)
#
# Regions are generated once into $BENCH_DIR (default /tmp/planner-bench), never into
# the source tree.  The -j2 figures need two idle CPUs.
set -eu
BUILD=${BUILD:-build}
P="$BUILD/planner"
DIR=${BENCH_DIR:-/tmp/planner-bench}
SIZES=${BENCH_BATCH_STORES:-"10000 100000 1000000"}
RUNS=${BENCH_RUNS:-3}
PLANS=${BENCH_PLANS:-200}
mkdir -p "$DIR"
OUT="$DIR/batch-out"

# best LABEL CMD...: runs CMD $RUNS times; prints the fastest wall time, that run's CPU
# time (user + sys, all threads and processes) and peak RSS; sets BEST_WALL, BEST_CPU
# and BEST_RSS.  Exit statuses 0 and 67 count as success.
best() {
	label=$1
	shift
	BEST_WALL=
	BEST_CPU=
	BEST_RSS=
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		rm -rf "$OUT"
		rc=0
		/usr/bin/time -f "%e %U %S %M" -o "$DIR/time" "$@" >/dev/null 2>"$DIR/stderr" || rc=$?
		if [ "$rc" -ne 0 ] && [ "$rc" -ne 67 ]; then
			echo "bench: $label failed (exit $rc):"
			tail -5 "$DIR/stderr"
			exit 1
		fi
		read -r wall user sys rss <"$DIR/time"
		if [ -z "$BEST_WALL" ] || awk -v a="$wall" -v b="$BEST_WALL" 'BEGIN { exit !(a < b) }'; then
			BEST_WALL=$wall
			BEST_CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
			BEST_RSS=$rss
		fi
		i=$((i + 1))
	done
	printf "  %-34s %7.2f s wall %7.2f s cpu %9d KB peak RSS\n" "$label" "$BEST_WALL" \
		"$BEST_CPU" "$BEST_RSS"
}

verdict() {   # verdict TEXT OK(0|1)
	if [ "$2" -eq 1 ]; then echo "  goal met: $1"; else echo "  GOAL MISSED: $1"; fi
}

echo "== planner batch on generated regions (best of $RUNS runs; $(nproc) CPUs)"
for n in $SIZES; do
	f="$DIR/region-$n.xml"
	[ -s "$f" ] || python3 samples/gen_region.py --stores "$n" --seed 7 -o "$f"
	echo "$n stores, $(du -m "$f" | cut -f1) MB:"
	best "xmllint --sax --noout (floor)" xmllint --sax --noout "$f"
	sax=$BEST_WALL
	best "xmllint --stream --noout" xmllint --stream --noout "$f"
	ref=$BEST_WALL ref_cpu=$BEST_CPU
	best "planner batch" "$P" batch "$f" --out "$OUT"
	ratio=$(awk -v a="$BEST_WALL" -v b="$ref" 'BEGIN { printf "%.2f", a / b }')
	cratio=$(awk -v a="$BEST_CPU" -v b="$ref_cpu" 'BEGIN { printf "%.2f", a / b }')
	per=$(awk -v a="$BEST_WALL" -v n="$n" 'BEGIN { printf "%.2f", a * 1e6 / n }')
	echo "  ratio to xmllint --stream: ${ratio}x wall, ${cratio}x cpu; ${per} us per store"
	echo "  ratio to xmllint --sax: $(awk -v a="$BEST_WALL" -v b="$sax" 'BEGIN { printf "%.2f", a / b }')x wall"
	plain_wall=$BEST_WALL plain_cpu=$BEST_CPU
	best "batch --grades 30 --hold-down 2 --quadrants" "$P" batch "$f" --out "$OUT" \
		--grades templates/grades-30.txt --hold-down 2 --quadrants
	gw=$(awk -v a="$BEST_WALL" -v b="$plain_wall" 'BEGIN { printf "%.2f", a / b }')
	gc=$(awk -v a="$BEST_CPU" -v b="$plain_cpu" 'BEGIN { printf "%.2f", a / b }')
	echo "  grades + hold-down + quadrants against the plain batch: ${gw}x wall, ${gc}x cpu"
	verdict "grades, hold-down and quadrants within 1.3x the plain batch (${gc}x cpu)" \
		"$(awk -v r="$gc" 'BEGIN { print (r <= 1.3) }')"
	if [ "$n" -ge 1000000 ]; then
		verdict "1M stores within 1.3x xmllint (${ratio}x)" \
			"$(awk -v r="$ratio" 'BEGIN { print (r <= 1.3) }')"
		verdict "peak RSS under 150 MB ($((BEST_RSS / 1024)) MB)" \
			"$([ "$BEST_RSS" -lt 153600 ] && echo 1 || echo 0)"
	fi
done
rm -rf "$OUT"
"$P" batch "$DIR/region-$(echo "$SIZES" | awk '{ print $NF }').xml" --out "$OUT" --timings \
	2>&1 >/dev/null | sed -n 's/^planner batch: /  phase: /p'

[ "$PLANS" -gt 0 ] || exit 0
echo "== planner batch --plans --top $PLANS, -j1 against -j2"
f="$DIR/region-plans.xml"
[ -s "$f" ] || python3 samples/gen_region.py --stores 1500 --seed 7 --region-id 320900 -o "$f"
best "batch, no plans" "$P" batch "$f" --out "$OUT"
base=$BEST_WALL
best "batch --plans --top $PLANS -j1" "$P" batch "$f" --out "$OUT" --plans --top "$PLANS" -j 1
j1=$BEST_WALL
busy=$(awk '{ print $1 }' /proc/loadavg)
best "batch --plans --top $PLANS -j2" "$P" batch "$f" --out "$OUT" --plans --top "$PLANS" -j 2
j2=$BEST_WALL
rm -rf "$OUT"
"$P" batch "$f" --out "$OUT" --plans --top "$PLANS" -j 2 >"$DIR/stdout" 2>&1 || true
echo "  $(grep 'plans:' "$DIR/stdout" | sed 's/^ *//')"
speedup=$(awk -v a="$j1" -v b="$j2" -v c="$base" 'BEGIN { printf "%.2f", (a - c) / (b - c) }')
total=$(awk -v a="$j1" -v b="$j2" 'BEGIN { printf "%.2f", a / b }')
echo "  plan rendering -j1/-j2: ${speedup}x (whole command: ${total}x)"
verdict "-j2 renders plans at least 1.8x faster (${speedup}x)" \
	"$(awk -v r="$speedup" 'BEGIN { print (r >= 1.8) }')"
echo "  (load average before the -j2 runs: $busy; other work on the CPUs lowers the speedup)"
rm -rf "$OUT"
exit 0
