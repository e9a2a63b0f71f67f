#!/bin/sh
# bench.sh: `make bench`.  Figures, not tests: wall time, CPU time and peak RSS of
# planner next to `xmllint --stream --noout` on the same file, in the same run.
# Generated regions are cached in $BUILD/bench/ (BENCH_STORES overrides the sizes).
# Then runs tests/bench_batch.sh and tests/bench_plan.sh when present.
set -eu
BUILD=${BUILD:-build}
P="$BUILD/planner"
DIR="$BUILD/bench"
SIZES=${BENCH_STORES:-"1000000"}
mkdir -p "$DIR"

measure() {   # measure LABEL CMD...: prints "LABEL  wall s  cpu s  peak KB"
	label=$1
	shift
	/usr/bin/time -f "%e %U %S %M" -o "$DIR/time" "$@" >/dev/null 2>"$DIR/stderr" || {
		echo "bench: $label failed:"; cat "$DIR/stderr"; exit 1; }
	read -r wall user sys rss <"$DIR/time"
	cpu=$(echo "$user $sys" | awk '{ printf "%.2f", $1 + $2 }')
	printf "  %-28s %7.2f s wall %7s s cpu %8d KB peak RSS\n" "$label" "$wall" "$cpu" "$rss"
	LAST_WALL=$wall
	LAST_CPU=$cpu
}

echo "== evaluate one store against a large region (goal: <= 1.5x xmllint --stream, < 100 MB)"
for n in $SIZES; do
	f="$DIR/region-$n.xml"
	[ -s "$f" ] || python3 samples/gen_region.py --stores "$n" --seed 7 -o "$f"
	echo "$n stores, $(du -m "$f" | cut -f1) MB:"
	measure "xmllint --stream --noout" xmllint --stream --noout "$f"
	ref_wall=$LAST_WALL ref_cpu=$LAST_CPU
	measure "planner evaluate" "$P" evaluate samples/wenqi.xml --region "$f"
	awk -v a="$LAST_WALL" -v b="$ref_wall" -v c="$LAST_CPU" -v d="$ref_cpu" \
		'BEGIN { printf "  ratio to xmllint: %.2fx wall, %.2fx cpu\n", a / b, c / d }'
done

for extra in tests/bench_batch.sh tests/bench_plan.sh; do
	[ -f "$extra" ] && BUILD=$BUILD sh "$extra"
done
exit 0
