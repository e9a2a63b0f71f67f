#!/bin/sh
# bench_plan.sh: figures for `planner plan`, not a test: the time per plan once the
# region is loaded (goals of issue 13: at most 20 ms per PDF, 10 ms per plan of the
# booklet plans.pdf, 100 ms per PNG).
# $BUILD/bench_plan (tests/bench/bench_plan.c, built by `make bench`) renders the seed
# plan N times in one process after loading the store, the region and the templates
# once, as `planner plan` does, and prints the wall and CPU time per plan; the run with
# the least CPU time of BENCH_RUNS is kept, so a busy machine disturbs the figure less.
# The reference in the same run: the same program without planner's cut-down Noto Sans
# CJK (fonts/subset.sh), i.e. with the full fonts, as plans were made before; and for
# PNG, cairo_surface_write_to_png against planner's encoder on the same picture.  Plans are written to
# tmpfs (/dev/shm, fsync costs nothing) and to $BENCH_DIR on disk (with the fsync every
# plan gets).  Each plan shapes its texts anew (as one `plan` process does).  The
# booklet twice: the seed plan N times with fresh texts (its worst case), and the plans
# of the region's first N stores in one booklet with their common texts shaped once, as
# a batch's plans.pdf is made (the goal's figure).  Last, one whole `plan` process next
# to one `evaluate` process: the difference is the price of a plan including font setup.
#
#   sh tests/bench_plan.sh              (make bench runs it after tests/bench.sh)
#   BENCH_PLAN_REPEAT=20 BENCH_RUNS=1 sh tests/bench_plan.sh
set -eu
. tests/bench_lib.sh    # verdict, at_most
BUILD=${BUILD:-build}
P="$BUILD/planner"
B="$BUILD/bench_plan"
[ -x "$B" ] || { echo "bench: $B is missing: run make bench"; exit 1; }
N=${BENCH_PLAN_REPEAT:-50}
RUNS=${BENCH_RUNS:-3}
DISK=${BENCH_DIR:-/tmp/planner-bench}
RAM=/dev/shm
[ -d "$RAM" ] && [ -w "$RAM" ] || RAM=$DISK
mkdir -p "$DISK"
S="samples/wenqi.xml --region samples/yancheng.xml"
SEED="samples/wenqi.xml samples/yancheng.xml"   # bench_plan's STORE REGION
IDS="$DISK/bench-ids.txt"     # the first N stores of the seed region
grep -o '<store id="[0-9]*"' samples/yancheng.xml | sed 's/.*id="//; s/"//' | head -n "$N" >"$IDS"

# best LABEL OUT RUNS_NOTE ARGS...: the fastest of $RUNS runs of bench_plan ARGS (the
# reference binary when $BIN is set), OUT its output file; prints wall and cpu per plan,
# the size of OUT, and LABEL xRUNS_NOTE; sets BEST_MS (the wall time per plan of the
# run with the least CPU).
best() {
	label=$1 out=$2 times=$3 bw= bc=
	shift 3
	for _ in $(seq "$RUNS"); do
		line=$("${BIN:-$B}" "$@" 2>&1) || { echo "bench: plan failed: $line"; exit 1; }
		# "50 plans: 24.38 ms per plan (wall), 23.10 ms (cpu)"
		w=$(echo "$line" | sed -n 's/.*: \([0-9.]*\) ms per plan (wall).*/\1/p')
		c=$(echo "$line" | sed -n 's/.*(wall), \([0-9.]*\) ms (cpu).*/\1/p')
		if [ -z "$bc" ] || awk -v a="$c" -v b="$bc" 'BEGIN { exit !(a < b) }'; then
			bw=$w bc=$c
		fi
	done
	printf "  %-40s %8.2f ms wall %8.2f ms cpu   %7d KB\n" "$label x$times" \
		"$bw" "$bc" $(( $(stat -c %s "$out") / 1024 ))
	BEST_MS=$bw
}

# the reference: this binary where it finds no fonts/ directory, templates only
REF="$DISK/ref"
mkdir -p "$REF/bin" "$REF/data"
cp "$B" "$REF/bin/bench_plan"
ln -sfn "$(pwd)/templates" "$REF/data/templates"
ln -sfn "$(pwd)/schema" "$REF/data/schema"

echo "== plan: time per plan after loading (goals: <= 20 ms per PDF, <= 10 ms per booklet plan, <= 100 ms per PNG);"
echo "   least CPU of $RUNS runs; load average:$(uptime | sed 's/.*load average://')"
for lang in zh en; do
	out="$RAM/bench-plan-$lang.pdf"
	best "$lang PDF, tmpfs" "$out" "$N" $SEED "$lang" "$out" "$N"
	pdf=$BEST_MS
	BIN="$REF/bin/bench_plan"
	export PLANNER_DATADIR="$REF/data"
	out="$RAM/bench-ref-$lang.pdf"
	best "$lang PDF, full fonts (reference)" "$out" "$N" $SEED "$lang" "$out" "$N"
	unset BIN PLANNER_DATADIR
	out="$DISK/bench-plan-$lang.pdf"
	best "$lang PDF, disk (fsync + rename)" "$out" "$N" $SEED "$lang" "$out" "$N"
	out="$RAM/bench-book-$lang.pdf"
	best "$lang booklet, one plan, fresh texts" "$out" "$N" --booklet $SEED "$lang" "$out" "$N"
	# plans.pdf as a batch makes it: the plans of N different stores of the region in one
	# process, the texts they have in common shaped once
	best "$lang booklet, $N stores" "$out" 1 --booklet-ids "$IDS" samples/yancheng.xml \
		"$lang" "$out"
	verdict "$lang PDF at most 20 ms after loading ($pdf ms)" "$(at_most "$pdf" 20)"
	verdict "$lang booklet (plans.pdf of $N stores) at most 10 ms a plan ($BEST_MS ms)" \
		"$(at_most "$BEST_MS" 10)"
done
for lang in zh en; do
	out="$RAM/bench-plan-$lang.png"
	n=$(( N / 5 > 0 ? N / 5 : 1 ))
	best "$lang PNG, tmpfs" "$out" "$n" $SEED "$lang" "$out" "$n"
	verdict "$lang PNG at most 100 ms after loading ($BEST_MS ms)" "$(at_most "$BEST_MS" 100)"
done
echo "   load average after: $(uptime | sed 's/.*load average://')"
if [ -x "$BUILD/bench_png" ]; then
	for lang in zh en; do
		echo "== PNG encoder on the $lang plan's picture (least CPU of 5; the file no larger than cairo's)"
		"$BUILD/bench_png" "$RAM/bench-plan-$lang.png" 5
	done
fi

echo "== one process each (includes start-up, region parse, font set-up)"
for cmd in "evaluate $S" "plan $S -o $RAM/bench-one.pdf"; do
	/usr/bin/time -f "%e %U %S %M" -o "$DISK/time" "$P" $cmd >/dev/null 2>&1
	read -r wall user sys rss <"$DISK/time"
	printf "  %-40s %8.0f ms wall %8.0f ms cpu   %7d KB peak RSS\n" "one ${cmd%% *} process" \
		"$(echo "$wall * 1000" | bc)" "$(echo "($user + $sys) * 1000" | bc)" "$rss"
done
rm -f "$RAM"/bench-plan-* "$RAM"/bench-ref-* "$RAM"/bench-book-* "$RAM/bench-one.pdf"
rm -rf "$REF"
exit 0
