#!/bin/sh
# bad_input.sh: the bad-input catalogue (tests/bad/, expectations in tests/bad/EXPECT).
# Every file under every listed command: the exact exit status, exactly the expected
# number of stderr lines, the "FILE:LINE: " prefix and a distinctive substring of the
# first line, and nothing on stdout when the run fails.  Then what EXPECT cannot say:
# valid UTF-16 files evaluate exactly like their UTF-8 originals, entity bombs and
# other hostile files are refused fast and in little memory, external entities and
# DTDs are never opened or fetched, and a failed batch leaves no output directory.
. tests/e2e/lib.sh
S=samples/wenqi.xml
R=samples/yancheng.xml
BAD="$TMP/bad"

mkdir -p "$BAD"
cp tests/bad/*.xml "$BAD/"
sh tests/bad/generate.sh "$BAD"
mkdir "$BAD/a-directory.xml"

# ---- the catalogue ----------------------------------------------------------------
# expect_row FILE CMD EXIT LINE LINES SUBSTRING
expect_row() {
	f=$1 cmd=$2 want_rc=$3 want_line=$4 want_lines=$5 want_sub=$6
	path="$BAD/$f"
	case $cmd in
	store) run evaluate "$path" --region $R ;;
	region) run evaluate $S --region "$path" ;;
	validate) run validate "$path" ;;
	batch)
		rm -rf "$TMP/batch-out"
		run batch "$path" --out "$TMP/batch-out"
		if [ "$want_rc" -ne 0 ] && [ "$want_rc" -ne 67 ]; then
			check "$f ($cmd): no output directory" [ ! -e "$TMP/batch-out" ]
		fi
		if [ "$want_rc" -eq 67 ]; then
			check "$f ($cmd): the batch still wrote reclassification.csv" \
				[ -s "$TMP/batch-out/reclassification.csv" ]
		fi
		check "$f ($cmd): no temporary directory left" \
			sh -c "! ls -d '$TMP'/batch-out.* >/dev/null 2>&1"
		;;
	*) echo "not ok - EXPECT: unknown command $cmd"; return ;;
	esac
	what="$f ($cmd)"
	expect_rc "$want_rc" "$what"
	if [ "$cmd" = batch ]; then
		# batch also reports progress and a summary on stderr: count the problems
		err=$(printf '%s\n' "$err" | grep -F "$path" || true)
	fi
	lines=$(printf '%s' "$err" | grep -c '')
	check "$what: $want_lines stderr line(s), got $lines" [ "$lines" -eq "$want_lines" ]
	first=$(printf '%s\n' "$err" | head -n 1)
	first=${first#warning: }
	if [ "$want_line" = - ] && [ "$want_lines" -gt 0 ]; then
		prefix="$path: "
	else
		prefix="$path:$want_line: "
	fi
	if [ "$want_lines" -gt 0 ]; then
		case $first in
		"$prefix"*) echo "ok - $what: prefix $f:$want_line:" ;;
		*) echo "not ok - $what: first line lacks prefix '$prefix': $first" ;;
		esac
		case $first in
		*"$want_sub"*) echo "ok - $what: says '$want_sub'" ;;
		*) echo "not ok - $what: first line lacks '$want_sub': $first" ;;
		esac
	fi
	if [ "$want_rc" -ne 0 ] && [ "$cmd" != validate ] && [ "$cmd" != batch ]; then
		check "$what: nothing on stdout" [ -z "$out" ]
	fi
	# plan reads its inputs like evaluate: the same error, and no plan file
	if [ "$want_rc" -ne 0 ] && { [ "$cmd" = store ] || [ "$cmd" = region ]; }; then
		first_evaluate=$(printf '%s\n' "$err" | head -n 1)
		rm -f "$TMP/plan.pdf"
		if [ "$cmd" = store ]; then
			run plan "$path" --region $R -o "$TMP/plan.pdf"
		else
			run plan $S --region "$path" -o "$TMP/plan.pdf"
		fi
		expect_rc "$want_rc" "$f (plan, as $cmd)"
		check "$f (plan, as $cmd): the same error line as evaluate" \
			[ "$(printf '%s\n' "$err" | head -n 1)" = "$first_evaluate" ]
		check "$f (plan, as $cmd): $want_lines stderr line(s)" \
			[ "$(printf '%s' "$err" | grep -c '')" -eq "$want_lines" ]
		check "$f (plan, as $cmd): no plan file, no temporary file" \
			sh -c "! ls '$TMP'/plan.pdf* '$TMP'/.plan.pdf* >/dev/null 2>&1"
	fi
}

while read -r f cmd rc line lines sub; do
	case $f in '#'* | '') continue ;; esac
	expect_row "$f" "$cmd" "$rc" "$line" "$lines" "$sub"
done <tests/bad/EXPECT

# every catalogue file is in EXPECT
for f in tests/bad/*.xml; do
	b=$(basename "$f")
	check "EXPECT lists $b" grep -q "^$b " tests/bad/EXPECT
done

# ---- valid files in other encodings give the same evaluation ----------------------
run evaluate $S --region $R --format json
reference=$out
run evaluate "$BAD/utf16-bom.xml" --region $R --format json
check "UTF-16 store profile (BOM) evaluates like the UTF-8 file" [ "$out" = "$reference" ]
run evaluate $S --region "$BAD/utf16-region.xml" --format json
check "UTF-16 region (BOM) evaluates like the UTF-8 file" [ "$out" = "$reference" ]
run evaluate "$BAD/utf8-bom.xml" --region $R --format json
check "UTF-8 with BOM evaluates" [ "$rc" -eq 0 ] && [ "$(json_field orders)" = 946 ]
for f in bom-utf8-declared-latin1.xml bom-utf8-declared-utf16.xml; do
	run evaluate "$BAD/$f" --region $R --format json
	check "$f: the BOM wins, the name reads 文奇店" [ "$(json_field name)" = 文奇店 ]
done
run evaluate "$BAD/gb18030-declared.xml" --region $R --format json
check "declared GB18030 evaluates like the UTF-8 file" [ "$out" = "$reference" ]
run evaluate "$BAD/latin1-declared.xml" --region $R --format json
check "declared ISO-8859-1 evaluates, name converted" [ "$(json_field name)" = "Café Müller" ]

# ---- hostile files: fast and small ------------------------------------------------
# (figures are meaningless under valgrind)
if [ "${VALGRIND:-}" != 1 ]; then
	for f in doctype-billion-laughs.xml doctype-quadratic.xml doctype-parameter-entities.xml \
		late-billion-laughs.xml late-quadratic.xml late-parameter-entities.xml \
		late-laughs-in-content.xml many-attributes.xml deep-nesting.xml \
		deep-nesting-region.xml long-name.xml; do
		for cmd in "evaluate $BAD/$f --region $R" "evaluate $S --region $BAD/$f" \
			"validate $BAD/$f"; do
			/usr/bin/time -f "%e %M" -o "$TMP/time" $PLANNER_BIN $cmd >/dev/null 2>&1
			read -r secs kb <<EOF
$(tail -n 1 "$TMP/time")
EOF
			check "$f refused in under 1 s ($secs s): planner $(echo "$cmd" | cut -d' ' -f1)" \
				awk "BEGIN { exit !($secs < 1.0) }"
			check "$f refused in under 64 MB ($kb KB)" [ "$kb" -lt 65536 ]
		done
	done
fi

# ---- external entities and DTDs: never opened, never fetched ----------------------
# A FIFO blocks whoever opens it: a run that finishes did not open it.  A local
# listener records any connection.
echo TOPSECRET-FILE-CONTENT >"$TMP/secret.txt"
mkfifo "$TMP/fifo"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$port" "$TMP/connected" <<'PY' &
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(5)
s.settimeout(60)
try:
    c, _ = s.accept()
    open(sys.argv[2], "w").write("connected\n")
except Exception:
    pass
PY
listener=$!
sleep 0.3
# The prolog scan refuses a DOCTYPE before libxml2 sees it; one after 70 KB of comment
# goes to libxml2 and tests its own refusal to load anything.
pad=$(python3 -c 'print("<!--" + "x" * 70000 + "-->")')
n=0
for target in "file://$TMP/secret.txt" "file://$TMP/fifo" "$TMP/fifo" "http://127.0.0.1:$port/e"; do
	for late in no yes; do
		n=$((n + 1))
		f="$TMP/xxe-$n.xml"
		{
			echo '<?xml version="1.0" encoding="UTF-8"?>'
			[ $late = yes ] && echo "$pad"
			echo "<!DOCTYPE store SYSTEM \"$target\" ["
			echo "  <!ENTITY xxe SYSTEM \"$target\">"
			echo '  <!ENTITY % pe SYSTEM "'"$target"'">'
			echo '  %pe;'
			echo ']>'
			echo '<store id="3209031001" name="文奇店">'
			echo '  <code>Y221</code>'
			echo '  <owner>&xxe;</owner>'
			echo '  <orders><q id="2007Q1">946</q></orders>'
			echo '</store>'
		} >"$f"
		for cmd in "evaluate $f --region $R" "evaluate $S --region $f" "validate $f"; do
			# shellcheck disable=SC2086
			timeout 20 $PLANNER $cmd >"$TMP/out" 2>"$TMP/err"
			rc=$?
			err=$(cat "$TMP/err")
			what="external entity $target (late DOCTYPE: $late): planner $(echo "$cmd" | cut -d' ' -f1)"
			expect_rc 65 "$what"
			check "$what: one line" [ "$(grep -c '' "$TMP/err")" -eq 1 ]
			expect_err "<!DOCTYPE> is not allowed in planner files" "$what: DOCTYPE refused"
			check "$what: secret not read" sh -c "! grep -q TOPSECRET '$TMP/out' '$TMP/err'"
		done
	done
done
# XInclude is never processed either
f="$TMP/xinclude-net.xml"
sed "s|/etc/passwd|http://127.0.0.1:$port/x|" tests/bad/xinclude.xml >"$f"
run validate "$f"
expect_rc 65 "XInclude of a URL: unknown element under validate"
run evaluate "$f" --region $R
expect_rc 65 "XInclude of a URL: an unknown element in a store profile under evaluate"
sleep 0.2
check "nothing connected to the local listener" [ ! -e "$TMP/connected" ]
kill $listener 2>/dev/null
wait $listener 2>/dev/null
# unblock nothing: nobody opened the FIFO; remove it
rm -f "$TMP/fifo"

# ---- output safety: full disk, unwritable places, ids as file names -----------------
run plan $S --region $R --format pdf -o /dev/full
expect_rc 74 "plan -o /dev/full: write error"
check "plan -o /dev/full: one line" [ "$(printf '%s' "$err" | grep -c '')" -eq 1 ]
expect_err "No space left on device" "plan -o /dev/full: says why"
run plan $S --region $R -o /proc/planner-test.pdf
expect_rc 73 "plan into a directory where nothing can be created"
check "plan -o /proc/...: nothing created" [ ! -e /proc/planner-test.pdf ]
run plan $S --region $R -o "$TMP/no-such-dir/plan.pdf"
expect_rc 73 "plan into a missing directory"
run batch $R --out /proc/planner-batch
expect_rc 73 "batch into a directory that cannot be created"
# a file size limit: writes fail with EFBIG half-way (SIGXFSZ ignored, so write(2) fails)
rm -rf "$TMP/small"
sh -c "trap '' XFSZ; ulimit -f 16; exec $PLANNER_BIN batch $R --out '$TMP/small'" >/dev/null 2>"$TMP/err"
rc=$?
err=$(cat "$TMP/err")
expect_rc 74 "batch whose files cannot be written completely"
check "batch with a write error: no output directory" [ ! -e "$TMP/small" ]
check "batch with a write error: no temporary directory left" \
	sh -c "! ls -d '$TMP'/small.* >/dev/null 2>&1"
rm -f "$TMP/big.pdf"
sh -c "trap '' XFSZ; ulimit -f 16; exec $PLANNER_BIN plan $S --region $R -o '$TMP/big.pdf'" \
	>/dev/null 2>"$TMP/err"
rc=$?
err=$(cat "$TMP/err")
expect_rc 74 "plan whose file cannot be written completely"
check "plan with a write error: no partial plan" sh -c "! ls '$TMP'/big.pdf* '$TMP'/.big.pdf* >/dev/null 2>&1"
# store ids cannot name a path outside the output directory: such stores are invalid
# and never become file names, even with --plans
mkdir -p "$TMP/escape/inner"
rm -rf "$TMP/escape/inner/out"
python3 - "$TMP/escape/region.xml" <<'PY'
import sys
ids = ["../../escaped", "/tmp/escaped-abs", "..", ".hidden", "a/b", "a\\b", "c:x", "x" * 65]
stores = "".join(
    '<store id="%s" name="n%d"><code>Y221</code><orders><q id="2007Q1">%d</q></orders></store>\n'
    % (i.replace("&", "&amp;").replace('"', "&quot;"), k, 100 + k) for k, i in enumerate(ids))
good = "".join(
    '<store id="G%d" name="g%d"><code>Y221</code><orders><q id="2007Q1">%d</q></orders></store>\n'
    % (k, k, 10 * k) for k in range(12))
open(sys.argv[1], "w").write('<?xml version="1.0"?>\n<region id="1" quarter="2007Q1">\n' + good + stores + "</region>\n")
PY
run batch "$TMP/escape/region.xml" --out "$TMP/escape/inner/out" --plans -j 1
expect_rc 67 "batch with hostile store ids: finished, invalid stores skipped"
check "hostile ids: one problem line per store, plus the summary" \
	[ "$(printf '%s' "$err" | grep -c 'is not a store id')" -eq 8 ]
check "hostile ids: nothing written outside the output directory" \
	[ "$(cd "$TMP/escape" && find . -newer region.xml ! -path './inner/out*' ! -name . ! -name inner | wc -l)" -eq 0 ]
check "hostile ids: no file anywhere named after them" \
	sh -c "! find '$TMP' / -maxdepth 1 -name 'escaped*' 2>/dev/null | grep -q ."
check "hostile ids: every output file has a plain name" \
	sh -c "! (cd '$TMP/escape/inner/out' && find . | grep -v '^\.\(/[A-Za-z0-9_.-]*\)*$' | grep -q .)"

# ---- odd inputs ---------------------------------------------------------------------
run validate /dev/null
expect_rc 65 "/dev/null is an empty file"
expect_err "/dev/null:1: the file is empty" "/dev/null: says empty"
run evaluate /dev/stdin --region $R <$S
expect_rc 0 "a store profile on standard input (/dev/stdin)"
if [ "$(id -u)" -ne 0 ]; then
	cp $S "$TMP/unreadable.xml"
	chmod 000 "$TMP/unreadable.xml"
	run validate "$TMP/unreadable.xml"
	expect_rc 66 "unreadable file"
	expect_err "cannot open: Permission denied" "unreadable file: says why"
fi

# ---- validate over several files; its own output --------------------------------------
run validate $S "$BAD/orders-nan.xml" "$BAD/no-such-file.xml" "$BAD/empty.xml"
expect_rc 66 "validate: a missing file outranks bad data"
check "validate: one line per bad file" [ "$(printf '%s' "$err" | grep -c '')" -eq 3 ]
expect_out "$S: ok" "validate: the good file is ok"
run validate --schema "$TMP/no-such.xsd" $S
expect_rc 66 "validate with a missing schema"
check "validate with a missing schema: one line" [ "$(printf '%s' "$err" | grep -c '')" -eq 1 ]
expect_err "cannot read the schema" "validate with a missing schema: says so"
$PLANNER validate $S >/dev/full 2>"$TMP/err"
rc=$?
err=$(cat "$TMP/err")
expect_rc 74 "validate with its report to a full disk"
