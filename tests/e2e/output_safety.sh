#!/bin/sh
# output_safety.sh: no user file is ever lost or left half-written.  batch --force
# replaces only its own output; the commit refuses a DIR that appeared or changed
# during the run (a FIFO region holds the batch while the test does that); plan never
# writes over its inputs, streams `-o -`, keeps modes and links; a file-size limit,
# SIGINT/SIGTERM and a killed plan worker leave no temporary file; --plans refuses a
# region it cannot read twice and notices one replaced between the readings; under
# ulimit -v planner says it lacks memory (exit 70) before the fonts abort.
# Signals are sent to a process stopped (SIGSTOP) while its temporary file exists, so
# the checks do not depend on timing.
. tests/e2e/lib.sh
R=samples/yancheng.xml
S=samples/wenqi.xml
W=$TMP/w
mkdir -p "$W"

# runs planner in the background with SIGINT at its default (a shell without job
# control would start it ignored); $! is planner's pid
bg_planner() {
	python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$PLANNER_BIN" "$@" &
}
# wait_for GLOB: up to 10 s until a path matching GLOB exists
wait_for() {
	i=0
	while [ $i -lt 500 ]; do
		for f in $1; do [ -e "$f" ] && return 0; done
		sleep 0.02
		i=$((i + 1))
	done
	return 1
}
# stop_when PID GLOB: stops PID at a moment when a path matching GLOB exists (tries up
# to 400 times: stop, look, continue); 0 when it is stopped so
stop_when() {
	i=0
	while [ $i -lt 400 ]; do
		kill -STOP "$1" 2>/dev/null || return 1
		for f in $2; do [ -e "$f" ] && return 0; done
		kill -CONT "$1"
		sleep 0.01
		i=$((i + 1))
	done
	return 1
}
none() { for f in "$@"; do [ -e "$f" ] && return 1; done; return 0; }

# ---- 10: --force replaces only what batch writes --------------------------------------------
run batch "$R" --out "$W/prev" --plans --top 2 -j 1
expect_rc 0 "a batch output with plans"
run batch "$R" --out "$W/prev" --plans --top 2 -j 1 --force
expect_rc 0 "--force replaces a batch output with plans/"
mkdir "$W/prev/notes" && echo mine >"$W/prev/notes/todo.txt"
run batch "$R" --out "$W/prev" --force
expect_rc 73 "--force on a batch output holding a notes/ folder"
expect_err "notes/" "the refusal names the foreign entry"
check "the refusal is one line" [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ]
check "notes/ is untouched" [ "$(cat "$W/prev/notes/todo.txt")" = mine ]
rm -r "$W/prev/notes"
echo x >"$W/prev/plans/readme.txt"
run batch "$R" --out "$W/prev" --force
expect_rc 73 "--force on plans/ holding a file that is no plan"
expect_err "plans/readme.txt" "names it"
rm "$W/prev/plans/readme.txt"
ln -s /etc/passwd "$W/prev/candidates.csv.lnk"
run batch "$R" --out "$W/prev" --force
expect_rc 73 "--force on a batch output holding a symbolic link"
rm "$W/prev/candidates.csv.lnk"
# the region file itself inside DIR under one of batch's names
mkdir "$W/self" && cp "$W/prev/reclassification.csv" "$W/self/" && cp "$R" "$W/self/summary.json"
run batch "$W/self/summary.json" --out "$W/self" --force
expect_rc 73 "--force on a DIR holding the region file being read"
expect_err "the region file being read" "says why"
check "the region file is still there" cmp -s "$R" "$W/self/summary.json"

# ---- 11: the commit replaces only what was checked -----------------------------------------
mkfifo "$W/fifo"
# DIR missing at the start, created (with a file) while the batch waits for its input
bg_planner batch "$W/fifo" --out "$W/race1" 2>/dev/null
pid=$!
wait_for "$W/race1.tmp-*"
mkdir "$W/race1" && echo mine >"$W/race1/mine.txt"
timeout 10 sh -c "cat '$R' >'$W/fifo'"
wait $pid; rc=$?
err=""
expect_rc 73 "a DIR created during the run is not replaced"
check "its file is kept" [ "$(cat "$W/race1/mine.txt" 2>/dev/null)" = mine ]
check "the new output is kept in DIR.tmp-*" [ -s "$(ls -d "$W"/race1.tmp-* | head -1)/summary.json" ]
# DIR empty at the start, a file put into it during the run
mkdir "$W/race2"
bg_planner batch "$W/fifo" --out "$W/race2" 2>"$W/race2.err"
pid=$!
wait_for "$W/race2.tmp-*"
echo mine >"$W/race2/mine.txt"
timeout 10 sh -c "cat '$R' >'$W/fifo'"
wait $pid; rc=$?
err=$(cat "$W/race2.err")
expect_rc 73 "a file put into an empty DIR during the run is not deleted"
check "the file is still there" [ "$(cat "$W/race2/mine.txt" 2>/dev/null)" = mine ]
expect_err "is kept in $W/race2.tmp-" "the message says where the new output is"
# a previous output replaced by another batch during a --force run
run batch "$R" --out "$W/race3"
bg_planner batch "$W/fifo" --out "$W/race3" --force 2>"$W/race3.err"
pid=$!
wait_for "$W/race3.tmp-*"
run batch "$R" --out "$W/race3" --force --lang en
timeout 10 sh -c "cat '$R' >'$W/fifo'"
wait $pid; rc=$?
err=$(cat "$W/race3.err")
expect_rc 73 "two batches on one DIR: the later does not silently replace the earlier"
expect_err "replaced while the batch ran" "says so"
rm -rf "$W"/race*

# ---- 12: plan never writes over its inputs; -o - is a stream ---------------------------------
cp "$R" "$W/r.xml"
cp "$S" "$W/s.xml"
run plan "$W/s.xml" --region "$W/r.xml" -o "$W/r.xml" --format pdf
expect_rc 64 "plan -o onto its region file"
check "the region file is untouched" cmp -s "$R" "$W/r.xml"
ln -s s.xml "$W/s-link.pdf"
run plan "$W/s.xml" --region "$W/r.xml" -o "$W/s-link.pdf"
expect_rc 64 "plan -o onto its store file (through a link)"
expect_err "store file" "names which input"
check "the store file is untouched" cmp -s "$S" "$W/s.xml"
$PLANNER plan "$W/s.xml" --region "$W/r.xml" -o - --format pdf >>"$W/r.xml" 2>/dev/null; rc=$?
expect_rc 64 "plan -o - appending to its own region file"
check "the region file is untouched" cmp -s "$R" "$W/r.xml"
echo "first line" >"$W/log"
$PLANNER plan "$W/s.xml" --region "$W/r.xml" -o /dev/stdout --format pdf >>"$W/log" 2>/dev/null; rc=$?
expect_rc 0 "-o /dev/stdout >> file"
check "appends to the file instead of replacing it" [ "$(head -1 "$W/log")" = "first line" ]
check "what is appended is the PDF" [ "$(sed -n 2p "$W/log" | cut -c1-5)" = "%PDF-" ]
$PLANNER plan "$W/s.xml" --region "$W/r.xml" -o - --format png | head -c 8 >"$W/png-head"; rc=$?
check "-o - streams into a pipe" [ "$(od -An -c -N4 "$W/png-head" | tr -d ' ')" = "211PNG" ]
check "no temporary file for a stream" none "$W"/.-.* "$W"/.stdout.*

# ---- 13: modes and links ---------------------------------------------------------------------
(umask 077 && $PLANNER plan "$W/s.xml" --region "$W/r.xml" -o "$W/new.pdf" 2>/dev/null)
check "a new plan follows the umask (077: 600)" [ "$(stat -c %a "$W/new.pdf")" = 600 ]
(umask 022 && $PLANNER plan "$W/s.xml" --region "$W/r.xml" -o "$W/new2.pdf" 2>/dev/null)
check "a new plan follows the umask (022: 644)" [ "$(stat -c %a "$W/new2.pdf")" = 644 ]
: >"$W/secret.pdf" && chmod 600 "$W/secret.pdf" && ln -s secret.pdf "$W/link.pdf"
run plan "$W/s.xml" --region "$W/r.xml" -o "$W/link.pdf"
expect_rc 0 "plan through a symbolic link to a 0600 file"
check "the link is still a link" [ -L "$W/link.pdf" ]
check "its target holds the plan" [ -s "$W/secret.pdf" ]
check "its target is still 0600" [ "$(stat -c %a "$W/secret.pdf")" = 600 ]
chmod 640 "$W/secret.pdf"
run plan "$W/s.xml" --region "$W/r.xml" -o "$W/secret.pdf" --lang en
check "a replaced plan keeps its mode (640)" [ "$(stat -c %a "$W/secret.pdf")" = 640 ]
ln -s missing/plan.pdf "$W/dangling.pdf"
run plan "$W/s.xml" --region "$W/r.xml" -o "$W/dangling.pdf"
expect_rc 73 "a link to a missing file is refused"
check "the dangling link stays a link" [ -L "$W/dangling.pdf" ]

# ---- 14: no half-written files ---------------------------------------------------------------
mkdir "$W/f"
sh -c "ulimit -f 16; exec $PLANNER_BIN plan $S --region $R -o '$W/f/p.pdf'" >/dev/null 2>"$TMP/err"
rc=$?
err=$(cat "$TMP/err")
expect_rc 74 "plan under ulimit -f (SIGXFSZ not ignored by the caller) is a write error"
expect_err "File too large" "names the cause"
check "no temporary plan left" [ -z "$(ls -A "$W/f")" ]
# The plan is stopped by an LD_PRELOAD shim at the fsync of its temporary file (no race
# with a plan that takes 50 ms); the signal is then delivered at that very moment.
SHIM="$TMP/stop_at_fsync.so"
cc -shared -fPIC -o "$SHIM" tests/e2e/shim/stop_at_fsync.c -ldl 2>"$TMP/err" ||
	echo "not ok - the fsync shim does not build: $(cat "$TMP/err")"
# is_stopped PID: up to 10 s until PID is in the stopped state
is_stopped() {
	i=0
	while [ $i -lt 500 ]; do
		[ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" = T ] && return 0
		sleep 0.02
		i=$((i + 1))
	done
	return 1
}
for sig in INT TERM; do
	[ $sig = INT ] && num=2 || num=15
	mkdir "$W/sig$sig"
	LD_PRELOAD="$SHIM" STOP_AT_FSYNC="/sig$sig/.p.pdf." \
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		bg_planner plan "$S" --region "$R" -o "$W/sig$sig/p.pdf" 2>/dev/null
	pid=$!
	if is_stopped $pid && ! none "$W/sig$sig"/.p.pdf.*; then
		kill -$sig $pid
		kill -CONT $pid
		wait $pid; rc=$?
		err=""
		expect_rc $((128 + num)) "SIG$sig while the plan is being written ends by the signal"
		check "SIG$sig: the temporary plan is removed" none "$W/sig$sig"/.p.pdf.*
	else
		kill -9 $pid; wait $pid
		echo "not ok - the plan did not stop at the fsync of its temporary file"
	fi
done
# a batch stopped while it waits for its input leaves no DIR.tmp-*
bg_planner batch "$W/fifo" --out "$W/killed" 2>/dev/null
pid=$!
wait_for "$W/killed.tmp-*"
kill -TERM $pid
wait $pid; rc=$?
err=""
expect_rc 143 "SIGTERM to a batch"
check "SIGTERM: no DIR.tmp-* left" none "$W"/killed.tmp-* "$W/killed"
# SIGINT to a batch rendering plans: the workers are stopped, nothing is left
bg_planner batch "$R" --out "$W/killed2" --plans --top 60 -j 2 2>/dev/null
pid=$!
if stop_when $pid "$W/killed2.tmp-*/plans/*.pdf"; then
	kill -INT $pid
	kill -CONT $pid
	wait $pid; rc=$?
	err=""
	expect_rc 130 "SIGINT to a batch rendering plans"
	sleep 0.2
	check "SIGINT: no DIR.tmp-* left" none "$W"/killed2.tmp-* "$W/killed2"
	check "SIGINT: no plan worker left running" [ -z "$(pgrep -P $pid)" ]
else
	kill $pid; wait $pid
	echo "not ok - could not catch batch while rendering plans"
fi
# a worker killed while writing a plan: its partial file is not in the committed DIR
bg_planner batch "$R" --out "$W/worker" --plans --top 60 -j 2 >/dev/null 2>"$W/worker.err"
pid=$!
wait_for "$W/worker.tmp-*/plans"
caught=no
i=0
while [ $i -lt 400 ] && [ $caught = no ]; do
	workers=$(pgrep -P $pid)
	if [ -z "$workers" ]; then
		kill -0 $pid 2>/dev/null || break
		sleep 0.01
		i=$((i + 1))
		continue
	fi
	kill -STOP $workers 2>/dev/null
	# a worker holding a plan's temporary file open (the parent renders plans too)
	for w in $workers; do
		ls -l /proc/$w/fd 2>/dev/null | grep -q '/plans/\..*\.pdf\.' && caught=yes
	done
	if [ $caught = yes ]; then kill -KILL $workers; else kill -CONT $workers; sleep 0.01; fi
	i=$((i + 1))
done
if [ $caught = yes ]; then
	wait $pid; rc=$?
	err=$(cat "$W/worker.err")
	expect_rc 74 "a batch whose plan worker was killed"
	expect_err "worker process failed" "names the plans it did not write"
	check "no partial plan in the committed DIR" [ -z "$(ls -A "$W/worker/plans" | grep '^\.')" ]
	# the Chinese summary (the default language) says why in Chinese, like its other lines
	pdftotext "$W/worker/summary.pdf" "$TMP/worker.txt" 2>/dev/null
	check "summary.pdf in zh names a failed plan's reason in Chinese" \
		grep -q "生成进程失败" "$TMP/worker.txt"
	check "summary.pdf in zh has no English reason" \
		sh -c '! grep -q "worker process" "$1"' - "$TMP/worker.txt"
else
	wait $pid
	echo "not ok - could not catch a worker writing a plan"
fi

# ---- 15: --plans reads the region twice -------------------------------------------------------
timeout 10 "$PLANNER_BIN" batch "$W/fifo" --out "$W/p1" --plans >/dev/null 2>"$TMP/err"; rc=$?
err=$(cat "$TMP/err")
expect_rc 64 "--plans on a FIFO is refused at once"
expect_err "not a regular file" "says why"
check "no DIR for a refused FIFO" none "$W/p1" "$W"/p1.tmp-*
cat "$R" | timeout 10 "$PLANNER_BIN" batch /dev/stdin --out "$W/p2" --plans >/dev/null 2>"$TMP/err"; rc=$?
err=$(cat "$TMP/err")
expect_rc 64 "--plans on /dev/stdin from a pipe is refused"
timeout 20 "$PLANNER_BIN" batch /dev/stdin --out "$W/p3" --plans --top 2 -j 1 <"$R" >/dev/null 2>"$TMP/err"; rc=$?
err=$(cat "$TMP/err")
expect_rc 0 "--plans on /dev/stdin from a file works"
check "and writes the plans" [ "$(ls "$W/p3/plans" | wc -l)" -eq 2 ]
cp "$R" "$W/moving.xml"
sed 's/<q id="2007Q1">946</<q id="2007Q1">9460</' "$R" >"$W/moved.xml"
bg_planner batch "$W/moving.xml" --out "$W/p4" --plans --top 20 -j 2 2>"$W/p4.err"
pid=$!
if stop_when $pid "$W/p4.tmp-*/plans"; then
	mv "$W/moved.xml" "$W/moving.xml"
	kill -CONT $pid
	wait $pid; rc=$?
	err=$(cat "$W/p4.err")
	expect_rc 66 "a region replaced between the two readings"
	expect_err "changed while the batch ran" "says so"
	check "nothing committed" none "$W/p4" "$W"/p4.tmp-*
else
	kill $pid; wait $pid
	echo "not ok - could not stop the batch between its readings"
fi

# ---- 19: not enough address space: exit 70 before the fonts start, nothing left --------------
if grep -qa __asan_init "$PLANNER_BIN"; then
	echo "ok - ulimit -v checks skipped (AddressSanitizer reserves terabytes of address space)"
else
	mkdir "$W/mem"
	sh -c "ulimit -v 150000; exec $PLANNER_BIN plan $S --region $R -o '$W/mem/p.pdf'" >/dev/null 2>"$TMP/err"
	rc=$?
	err=$(cat "$TMP/err")
	expect_rc 70 "plan under ulimit -v 150000"
	expect_err "out of memory: the fonts need" "says what is missing"
	check "the message is one line" [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ]
	sh -c "ulimit -v 150000; exec $PLANNER_BIN batch $R --out '$W/mem/o'" >/dev/null 2>"$TMP/err"
	rc=$?
	err=$(cat "$TMP/err")
	expect_rc 70 "batch under ulimit -v 150000"
	check "nothing left behind" [ -z "$(ls -A "$W/mem")" ]
	sh -c "ulimit -v 240000; exec $PLANNER_BIN plan $S --region $R -o '$W/mem/p.pdf'" >/dev/null 2>"$TMP/err"
	rc=$?
	err=$(cat "$TMP/err")
	expect_rc 0 "plan under ulimit -v 240000 (the documented minimum)"
	sh -c "ulimit -v 240000; exec $PLANNER_BIN batch $R --out '$W/mem/o' --plans --top 2 -j 2" >/dev/null 2>"$TMP/err"
	rc=$?
	err=$(cat "$TMP/err")
	expect_rc 0 "batch --plans under ulimit -v 240000"
fi
