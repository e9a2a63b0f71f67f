#!/bin/sh
# valgrind.sh: what `make valgrind` runs: planner under valgrind (invalid reads and
# writes, uninitialised values, definite leaks: exit 99) on a chosen subset of the
# end-to-end runs, each expecting its documented exit status.  Plans under valgrind
# take ~10 s each, so the whole e2e suite would take ~20 minutes of CI's 2 cores
# (`VALGRIND=1 sh tests/run.sh e2e` still runs it); this subset ~2 minutes of CPU.
# It holds:
#   - each command and each output kind once: evaluate (text, JSON, every option, a
#     group too small), validate, plan (PDF zh, PNG en),
#     batch (CSV + JSON + summary.pdf; invalid stores: 67; --plans with 2 threads);
#   - the error paths that free half-built state: usage (64), missing files (66),
#     an output that cannot be written (73), a broken template (65);
#   - the bad inputs that exercised past bugs: the fuzzer's finds (use after free on
#     GB18030 bytes, a schema message cut short, a long attribute name, a line break
#     in a value) under the command that failed, and one of each kind the reader has
#     needed a fix for: hand-editing slips, DOCTYPE bombs (also past the prolog scan),
#     external entities, UTF-16 and GB18030 input, a 1 MB name, unsafe store ids.
# make asan runs every e2e check (these error paths included) with ASan + LSan; what
# valgrind adds is uninitialised reads, in the -O2 build that ships.
# Up to JOBS (default: the number of CPUs) runs at once.
VALGRIND=1
. tests/e2e/lib.sh
S=samples/wenqi.xml
R=samples/yancheng.xml
K=$TMP/known.xml
python3 tests/gen_known.py "$K" "$TMP/known.json"
mkdir -p "$TMP/data/templates" "$TMP/other"
cp templates/* "$TMP/data/templates/"
grep -v '^sec.swot =' templates/en.txt >"$TMP/data/templates/en.txt"
echo keep >"$TMP/other/notes.txt"

# One case a line: EXIT [VAR=VALUE...] ARGS (no spaces inside an argument).
cat >"$TMP/cases" <<EOF
0 evaluate $S --region $R
0 evaluate $S --region $R --format json --quarter 2006Q4 --by 2007Q4 --shares 10,40,50
0 evaluate $S --region $R --format json --min-peers 500
0 validate samples/wenqi.xml samples/yancheng.xml samples/north.xml
0 plan $S --region $R -o $TMP/seed-zh.pdf --lang zh
0 plan $S --region $R -o $TMP/seed-en.png --lang en
0 batch $R --out $TMP/seed
67 batch $K --out $TMP/plans --plans -j 2 --top 2 --lang en --bom
64 evaluate $S --region $R --shares 20,30,40
64 plan $S --region $R -o $TMP/plan.txt
64 batch $K --out $TMP/x --lang fr
64 frobnicate
0 evaluate --help
66 evaluate $TMP/missing.xml --region $R
66 plan $S --region $TMP/missing.xml -o $TMP/missing.pdf
73 batch $R --out $TMP/other --force
65 PLANNER_DATADIR=$TMP/data plan $S --region $R -o $TMP/template.pdf --lang en
EOF

# Bad inputs (tests/bad/, EXPECT): the fuzzer's finds under the command that crashed,
# and one of each kind of mistake the reader has needed a fix for.  FILE COMMAND a line;
# the exit status comes from EXPECT.
sh tests/bad/generate.sh "$TMP/bad" >/dev/null
cat >"$TMP/bad-rows" <<EOF
fuzz-gb18030-bad-bytes.xml store
fuzz-gb18030-bad-bytes.xml validate
fuzz-schema-message-cut-1.xml validate
fuzz-schema-message-cut-2.xml validate
fuzz-long-attribute-name.xml validate
fuzz-newline-in-value.xml region
fuzz-newline-in-value.xml validate
ampersand-unescaped.xml store
attribute-duplicate.xml validate
truncated.xml store
bad-utf8.xml region
utf16-bom.xml store
gb18030-declared.xml validate
doctype-billion-laughs.xml region
late-billion-laughs.xml store
xxe-file.xml validate
long-name.xml store
region-path-store-id.xml batch
region-duplicate-store-id.xml region
region-store-bad-orders.xml region
EOF
while read -r f cmd; do
	path=tests/bad/$f
	[ -f "$path" ] || path=$TMP/bad/$f
	rc=$(awk -v f="$f" -v c="$cmd" '$1 == f && $2 == c { print $3 }' tests/bad/EXPECT)
	check "EXPECT has a row '$f $cmd'" [ -n "$rc" ]
	case $cmd in
	store) echo "${rc:-0} evaluate $path --region $R" ;;
	region) echo "${rc:-0} evaluate $S --region $path" ;;
	validate) echo "${rc:-0} validate $path" ;;
	batch) echo "${rc:-0} batch $path --out $TMP/batch-$f" ;;
	esac >>"$TMP/cases"
done <"$TMP/bad-rows"

# Run them, JOBS at once: case N writes $TMP/N.out, N.err and its exit status to N.rc.
export PLANNER TMP
seq "$(grep -c '' "$TMP/cases")" | xargs -P "${JOBS:-$(getconf _NPROCESSORS_ONLN)}" -n 1 sh -c '
	set -f
	n=$1
	set -- $(sed -n "${n}p" "$TMP/cases")
	shift   # the expected exit status
	while case $1 in [A-Z]*=*) true ;; *) false ;; esac; do export "$1"; shift; done
	$PLANNER "$@" </dev/null >"$TMP/$n.out" 2>"$TMP/$n.err"
	echo $? >"$TMP/$n.rc"' sh

n=0
while read -r want args; do
	n=$((n + 1))
	rc=$(cat "$TMP/$n.rc" 2>/dev/null || echo none)
	if [ "$rc" = "$want" ]; then
		echo "ok - planner $args (exit $rc, valgrind clean)"
	else
		echo "not ok - planner $args: exit $rc, expected $want (99: valgrind found an error)"
		sed 's/^/    /' "$TMP/$n.err"
	fi
done <"$TMP/cases"
