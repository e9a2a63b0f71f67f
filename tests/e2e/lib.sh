# lib.sh: helpers for the end-to-end tests (sourced).  Each check prints one
# "ok - what" or "not ok - what" line; tests/run.sh counts them.
BUILD=${BUILD:-build}
PLANNER_BIN="$(pwd)/$BUILD/planner"
if [ "${VALGRIND:-}" = 1 ]; then
	PLANNER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite $PLANNER_BIN"
else
	PLANNER="$PLANNER_BIN"
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# run CMD...: runs planner with the arguments; sets $out, $err, $rc.
run() {
	$PLANNER "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
}

check() {   # check "description" test-expression...
	desc=$1
	shift
	if "$@"; then echo "ok - $desc"; else echo "not ok - $desc"; fi
}

# expect_rc N "description"
expect_rc() {
	if [ "$rc" -eq "$1" ]; then echo "ok - $2 (exit $1)"
	else echo "not ok - $2: exit $rc, expected $1; stderr: $err"; fi
}

# expect_out "fixed string" "description": stdout contains the string.
expect_out() {
	case "$out" in *"$1"*) echo "ok - $2" ;; *) echo "not ok - $2: stdout lacks '$1'" ;; esac
}

# expect_err "fixed string" "description": stderr contains the string.
expect_err() {
	case "$err" in *"$1"*) echo "ok - $2" ;; *) echo "not ok - $2: stderr lacks '$1': $err" ;; esac
}

# json_field KEY: value of KEY in the JSON object on stdout (python3 parses it).
json_field() {
	printf '%s' "$out" | python3 -c 'import json,sys; v=json.load(sys.stdin)[sys.argv[1]]; print(json.dumps(v) if not isinstance(v,str) else v)' "$1"
}
