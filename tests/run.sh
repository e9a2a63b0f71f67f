#!/bin/sh
# run.sh: runs every test and ends with the plain line "N passed, N failed".
#   sh tests/run.sh [-j N]          unit tests (build/tests/test_*) and end-to-end tests
#   sh tests/run.sh [-j N] unit     only the cmocka unit tests
#   sh tests/run.sh [-j N] e2e      only the end-to-end tests (tests/e2e/*.sh)
#   sh tests/run.sh [-j N] FILE.sh  only the given e2e-style scripts (tests/valgrind.sh)
# Up to N tests run at once (default: JOBS, else the number of CPUs); the results are
# reported in a fixed order when all are done, each with its wall time in seconds, with
# the whole log of every failure.
# VALGRIND=1 runs the planner binary of the e2e tests under valgrind (make valgrind).
# Each e2e script prints TAP-like "ok - ..." / "not ok - ..." lines (tests/e2e/lib.sh).
BUILD=${BUILD:-build}
jobs=${JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)}
what=all
e2es=""
while [ $# -gt 0 ]; do
	case $1 in
	-j) jobs=$2; shift 2 ;;
	-j*) jobs=${1#-j}; shift ;;
	*.sh) e2es="$e2es $1"; what=scripts; shift ;;
	*) what=$1; shift ;;
	esac
done
passed=0
failed=0
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

units=""
if [ "$what" = all ] || [ "$what" = unit ]; then
	for t in "$BUILD"/tests/test_*; do
		[ -x "$t" ] && units="$units $t"
	done
fi
if [ "$what" = all ] || [ "$what" = e2e ]; then
	for t in tests/e2e/*.sh; do
		[ "$(basename "$t")" = lib.sh ] || e2es="$e2es $t"
	done
fi

# log T: where test T's output goes (T's exit status goes to the same name + .rc)
log() { echo "$dir/$(echo "$1" | tr / _)"; }

# Run them all, the largest e2e scripts first (they take longest), each into its log.
export BUILD dir
{ [ -z "$e2es" ] || ls -S $e2es; printf '%s\n' $units; } | xargs -P "$jobs" -n 1 sh -c '
	log="$dir/$(echo "$1" | tr / _)"
	start=$(date +%s)
	case $1 in
	*.sh) sh "$1" ;;
	*) CMOCKA_MESSAGE_OUTPUT=stdout "$1" ;;
	esac >"$log" 2>&1
	echo $? >"$log.rc"
	echo $(($(date +%s) - start)) >"$log.time"' sh

for t in $units; do
	l=$(log "$t")
	rc=$(cat "$l.rc" 2>/dev/null || echo 1)
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$l" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$l" | tail -1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$rc" -ne 0 ]; then
		[ -n "$f" ] || failed=$((failed + 1))
		echo "FAIL $t"
		cat "$l"
	else
		echo "ok   $t (${p:-0} tests, $(cat "$l.time") s)"
	fi
done

for t in $e2es; do
	l=$(log "$t")
	rc=$(cat "$l.rc" 2>/dev/null || echo 1)
	p=$(grep -c '^ok ' "$l" 2>/dev/null)
	f=$(grep -c '^not ok ' "$l" 2>/dev/null)
	p=${p:-0} f=${f:-0}
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then
		[ "$f" -ne 0 ] || failed=$((failed + 1))
		echo "FAIL $t"
		grep -v '^ok ' "$l"
	else
		echo "ok   $t ($p checks, $(cat "$l.time") s)"
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
