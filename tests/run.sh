#!/bin/sh
# run.sh: runs every test and ends with the plain line "N passed, N failed".
#   sh tests/run.sh          unit tests (build/tests/test_*) and end-to-end tests
#   sh tests/run.sh unit     only the cmocka unit tests
#   sh tests/run.sh e2e      only the end-to-end tests (tests/e2e/*.sh)
# VALGRIND=1 runs the planner binary of the e2e tests under valgrind (make valgrind).
# Each e2e script prints TAP-like "ok - ..." / "not ok - ..." lines (tests/e2e/lib.sh).
BUILD=${BUILD:-build}
what=${1:-all}
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

if [ "$what" = all ] || [ "$what" = unit ]; then
	for t in "$BUILD"/tests/test_*; do
		[ -x "$t" ] || continue
		CMOCKA_MESSAGE_OUTPUT=stdout "$t" >"$log" 2>&1
		rc=$?
		p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
		f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
		passed=$((passed + ${p:-0}))
		failed=$((failed + ${f:-0}))
		if [ $rc -ne 0 ]; then
			[ -n "$f" ] || failed=$((failed + 1))
			echo "FAIL $t"
			cat "$log"
		else
			echo "ok   $t (${p:-0} tests)"
		fi
	done
fi

if [ "$what" = all ] || [ "$what" = e2e ]; then
	for t in tests/e2e/*.sh; do
		[ "$(basename "$t")" = lib.sh ] && continue
		BUILD=$BUILD sh "$t" >"$log" 2>&1
		rc=$?
		p=$(grep -c '^ok ' "$log")
		f=$(grep -c '^not ok ' "$log")
		passed=$((passed + p))
		failed=$((failed + f))
		if [ $rc -ne 0 ] || [ "$f" -ne 0 ]; then
			[ "$f" -ne 0 ] || failed=$((failed + 1))
			echo "FAIL $t"
			grep -v '^ok ' "$log"
		else
			echo "ok   $t ($p checks)"
		fi
	done
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
