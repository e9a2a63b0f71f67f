#!/bin/sh
# split_read.sh: the parallel read of a region (issue 13).  A region file is cut before
# <store elements and each part parsed by its own thread; the result must be exactly
# the one-thread read's.  PLANNER_SPLIT_MIN_BYTES=1 splits even these small files:
# each file is read by batch and by evaluate --region in one thread (small files are
# not split by default) and in 2, 3 and 5 parts, and in 2 parts again with
# PLANNER_SPLIT_TAKE_MIN=1: a thread done with its part takes over the second half of
# what another part has left to read, down to a few KB (batch --timings says how many
# parts were taken over); the exit status, stdout, stderr and every output file must be
# the same.  The files: the samples, every file of the
# bad-input catalogue, and one for each pitfall of cutting a file (a <store inside a
# comment, CDATA or processing instruction where a cut lands, other encodings, CR LF
# and lone CR line ends, problems and warnings past the cuts, ids repeated across parts,
# a parse error after data problems, namespaces on the root).
. tests/e2e/lib.sh
export SOURCE_DATE_EPOCH=1175385600
S=samples/wenqi.xml
F="$TMP/files"
mkdir -p "$F"
cp samples/yancheng.xml samples/north.xml tests/edge/region.xml tests/bad/*.xml "$F/"
mv "$F/region.xml" "$F/edge-region.xml"
sh tests/bad/generate.sh "$F"

python3 - "$F" <<'PY'
import re, sys
d = sys.argv[1]
src = open('samples/yancheng.xml', encoding='utf-8').read()
head = src[:src.index('<store ')]
stores = re.findall(r'<store .*?</store>', src, re.S)
n = len(stores)
def write(name, text, encoding='utf-8', newline=None):
    with open(d + '/' + name, 'w', encoding=encoding, newline=newline or '') as f:
        f.write(text)
def region(parts):
    return head + '\n  '.join(parts) + '\n</region>\n'
mid = n // 3
# the middle third commented out: the cuts of 2, 3 and 5 parts land inside the comment
write('ghost-comment.xml', region(stores[:mid] + ['<!-- ' + '\n  '.join(stores[mid:2 * mid]) + ' -->'] + stores[2 * mid:]))
# ... or inside one store's CDATA text (too long for <surroundings>: that store is invalid)
cdata = stores[mid - 1].replace('</store>', '<surroundings><![CDATA[' + '\n'.join(stores[mid:2 * mid]) + ']]></surroundings></store>')
write('ghost-cdata.xml', region(stores[:mid - 1] + [cdata] + stores[2 * mid:]))
# ... or inside a processing instruction between stores
write('ghost-pi.xml', region(stores[:mid] + ['<?keep ' + '\n'.join(stores[mid:2 * mid]) + ' ?>'] + stores[2 * mid:]))
# other encodings: GB18030 (the declaration is carried over to every part) and UTF-16
# (generate.sh: utf16-region.xml, never split)
write('gb18030.xml', src.replace('encoding="UTF-8"', 'encoding="GB18030"'), encoding='gb18030')
latin = re.sub(r'[^\x00-\x7f]+', lambda m: 'Épicerie' if len(m.group()) % 2 else 'Café', src)
write('latin1.xml', latin.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), encoding='latin-1')
# line ends: CR LF throughout; and lone CRs (libxml2 counts them its own way: not split)
write('crlf.xml', src.replace('\n', '\r\n'))
write('lone-cr.xml', src.replace('</store>\n', '</store>\r', n // 2))
# data problems, unknown elements and attributes everywhere, most past the cuts
bad = list(stores)
for k in range(3, n, n // 7):
    bad[k] = bad[k].replace('<code>', '<code>Q', 1)
for k in range(5, n, n // 5):
    bad[k] = bad[k].replace('</store>', '<extra/><x-' + 'long' * 12 + '/></store>')
for k in range(7, n, n // 4):
    bad[k] = bad[k].replace('<store ', '<store colour="red" ', 1)
bad[n - 2] = bad[n - 2].replace('</orders>', '<q id="2001Q1">-5</q></orders>')
write('problems-late.xml', region(bad[:n // 2] + ['stray text', '<growth name="late" pct="3">late growth</growth>'] + bad[n // 2:]))
# store ids repeated: within the second half, across the halves, three times
dup = list(stores)
dup[n - 3] = stores[2]
dup[n - 5] = stores[n - 9]
dup[n // 2 + 4] = stores[1]
dup[n - 1] = stores[1].replace('<code>', '<code>Q', 1)
write('dup-ids.xml', region(dup))
# data problems early, a parse error late: the one-thread read's lines
late = list(bad)
late[n - 4] = late[n - 4].replace('</code>', '</cod>')
write('parse-error-late.xml', region(late))
# the root start tag on several lines, with a namespace its later parts need
ns_head = head.replace('<region ', '<region xmlns:x="urn:x"\n        colour="blue"\n        ')
ns = [s.replace('</store>', '<x:note/></store>') if k % 9 == 0 else s for k, s in enumerate(stores)]
write('root-namespaces.xml', ns_head + '\n  '.join(ns) + '\n</region>\n')
PY

# outputs DIR: every file of a batch output, with its name (a PDF without its date)
outputs() {
	[ -d "$1" ] || return 0
	(cd "$1" && find . -type f | sort | while read -r f; do
		echo "== $f"
		case $f in *.pdf) grep -av CreationDate "$f" ;; *) cat "$f" ;; esac
	done)
}

# one_read NAME PARTS CMD...: runs CMD (split into PARTS, 1: not split; 2t: 2 parts and
# parts taken over) and keeps what it gave in $TMP/NAME.PARTS
one_read() {
	name=$1 parts=$2
	shift 2
	rm -rf "$TMP/out"
	if [ "$parts" = 1 ]; then
		$PLANNER_BIN "$@" >"$TMP/got.out" 2>"$TMP/got.err"
	elif [ "$parts" = 2t ]; then
		PLANNER_SPLIT_MIN_BYTES=1 PLANNER_SPLIT_TAKE_MIN=1 $PLANNER_BIN "$@" -j 2 \
			>"$TMP/got.out" 2>"$TMP/got.err"
	else
		PLANNER_SPLIT_MIN_BYTES=1 $PLANNER_BIN "$@" -j "$parts" >"$TMP/got.out" 2>"$TMP/got.err"
	fi
	echo "exit $?" >"$TMP/$name.$parts"
	{ cat "$TMP/got.out" "$TMP/got.err"; outputs "$TMP/out"; } >>"$TMP/$name.$parts"
}

# same_reads WHAT CMD...: CMD in one thread and split into 2, 3 and 5 parts (and 2 with
# parts taken over)
same_reads() {
	what=$1
	shift
	one_read r 1 "$@" -j 2
	for parts in 2 3 5 2t; do
		one_read r "$parts" "$@"
		if cmp -s "$TMP/r.1" "$TMP/r.$parts"; then
			echo "ok - $what: $parts parts give the one-thread read's result"
		else
			echo "not ok - $what: $parts parts differ from one thread:"
			diff "$TMP/r.1" "$TMP/r.$parts" | head -5
		fi
	done
}

for f in "$F"/*.xml; do
	n=$(basename "$f")
	same_reads "batch $n" batch "$f" --out "$TMP/out"
	same_reads "evaluate --region $n" evaluate "$S" --region "$f" --format json
done

# a FIFO is not opened to plan a split: that would wait for its writer and take the
# data away from the one-thread read
mkfifo "$TMP/fifo"
rm -rf "$TMP/out"
(PLANNER_SPLIT_MIN_BYTES=1 timeout 20 $PLANNER_BIN batch "$TMP/fifo" --out "$TMP/out" -j 2 \
	>/dev/null 2>&1; echo $? >"$TMP/fifo.rc") &
i=0   # written once batch waits for it (its output directory exists), as output_safety.sh
while [ $i -lt 200 ] && ! ls -d "$TMP"/out.tmp-* >/dev/null 2>&1; do sleep 0.1; i=$((i + 1)); done
timeout 10 sh -c "cat samples/yancheng.xml >'$TMP/fifo'"
wait
check "batch reads a FIFO whole when a split is asked for" [ "$(cat "$TMP/fifo.rc")" = 0 ]

# parts are taken over: batch --timings says how many (a thread done with its part takes
# the second half of what another has left, when that is at least PLANNER_SPLIT_TAKE_MIN
# bytes; 8 MB by default).  Which thread is done first is up to the machine: up to 5 tries.
taken=0
for try in 1 2 3 4 5; do
	rm -rf "$TMP/out"
	taken=$(PLANNER_SPLIT_MIN_BYTES=1 PLANNER_SPLIT_TAKE_MIN=1 $PLANNER_BIN batch \
		samples/yancheng.xml --out "$TMP/out" -j 2 --timings 2>&1 >/dev/null |
		sed -n 's/.* parts, \([0-9]*\) of them taken over .*/\1/p')
	[ "${taken:-0}" -gt 0 ] && break
done
check "an idle thread takes over the rest of a part still being read ($taken parts taken over)" \
	[ "${taken:-0}" -gt 0 ]
