# bench_lib.sh: what the bench scripts share (sourced, not run).  Figures, not tests.
#
# The machine is shared: a command and its reference run in turn, round after round
# (A B A B ...), so that a slow spell of the host hits both; each figure is the least of
# its rounds, and the ratio is given least to least and as the median of the rounds'
# own ratios.

# timed CMD...: runs CMD once under /usr/bin/time; sets T_WALL, T_CPU (user + sys, all
# threads) and T_RSS (KB).  Exit statuses 0 and 67 (a batch with invalid stores) count
# as success; anything else stops the bench with the command's last lines.
timed() {
	rc=0
	/usr/bin/time -f "%e %U %S %M" -o "$BENCH_TMP/time" "$@" >"$BENCH_TMP/stdout" \
		2>"$BENCH_TMP/stderr" || rc=$?
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 67 ]; then
		echo "bench: $* failed (exit $rc):"
		tail -5 "$BENCH_TMP/stderr"
		exit 1
	fi
	read -r T_WALL user sys T_RSS <"$BENCH_TMP/time"
	T_CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
}

# rounds N 'REFERENCE' 'COMMAND': N rounds of the reference then the command (each a
# shell command line, run with sh -c).  Sets REF_WALL, REF_CPU (the reference's least
# wall time and that run's CPU), CMD_WALL, CMD_CPU, CMD_RSS (the command's least wall
# time, that run's CPU, the largest peak RSS of all its runs), RATIO_MIN (least to
# least), RATIO_MED (median of the per-round ratios), and REF_ROUNDS and CMD_ROUNDS (each
# round's wall time, in order: rounds_line prints them).
rounds() {
	_runs=$1 _ref=$2 _cmd=$3
	REF_WALL= CMD_WALL= CMD_RSS=0 REF_ROUNDS= CMD_ROUNDS=
	: >"$BENCH_TMP/ratios"
	_round=0
	while [ "$_round" -lt "$_runs" ]; do
		timed sh -c "$_ref"
		_ref_wall=$T_WALL
		REF_ROUNDS="$REF_ROUNDS $T_WALL"
		if [ -z "$REF_WALL" ] || awk -v a="$T_WALL" -v b="$REF_WALL" 'BEGIN { exit !(a < b) }'; then
			REF_WALL=$T_WALL REF_CPU=$T_CPU
		fi
		timed sh -c "$_cmd"
		CMD_ROUNDS="$CMD_ROUNDS $T_WALL"
		if [ -z "$CMD_WALL" ] || awk -v a="$T_WALL" -v b="$CMD_WALL" 'BEGIN { exit !(a < b) }'; then
			CMD_WALL=$T_WALL CMD_CPU=$T_CPU
		fi
		[ "$T_RSS" -gt "$CMD_RSS" ] && CMD_RSS=$T_RSS
		awk -v a="$T_WALL" -v b="$_ref_wall" 'BEGIN { printf "%.4f\n", (b > 0 ? a / b : 0) }' \
			>>"$BENCH_TMP/ratios"
		_round=$((_round + 1))
	done
	RATIO_MIN=$(awk -v a="$CMD_WALL" -v b="$REF_WALL" 'BEGIN { printf "%.2f", a / b }')
	RATIO_MED=$(sort -n "$BENCH_TMP/ratios" | awk '{ v[NR] = $1 } END {
		printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
}

# rounds_line REF_NAME CMD_NAME: the wall time of every round of the last `rounds`, in
# order (how far the host moved during them)
rounds_line() {
	echo "  each round, wall s: $1$REF_ROUNDS; $2$CMD_ROUNDS"
}

# row LABEL WALL CPU [RSS_KB]: one figure line
row() {
	if [ -n "${4:-}" ]; then
		printf "  %-44s %7.2f s wall %7.2f s cpu %8d KB peak RSS\n" "$1" "$2" "$3" "$4"
	else
		printf "  %-44s %7.2f s wall %7.2f s cpu\n" "$1" "$2" "$3"
	fi
}

# verdict TEXT OK(0|1)
verdict() {
	if [ "$2" -eq 1 ]; then echo "  goal met: $1"; else echo "  GOAL MISSED: $1"; fi
}

# at_most X LIMIT: 1 when X <= LIMIT
at_most() {
	awk -v x="$1" -v l="$2" 'BEGIN { print (x <= l) ? 1 : 0 }'
}

# region_file N: the path of a generated region of N stores in $BENCH_DIR, made once
region_file() {
	_file="${BENCH_DIR:-/tmp/planner-bench}/region-$1.xml"
	[ -s "$_file" ] || python3 samples/gen_region.py --stores "$1" --seed 7 -o "$_file" >&2
	echo "$_file"
}

load_average() {
	cut -d' ' -f1-3 /proc/loadavg
}

BENCH_TMP=$(mktemp -d)
trap 'rm -rf "$BENCH_TMP"' EXIT
