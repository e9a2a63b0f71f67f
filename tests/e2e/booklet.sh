#!/bin/sh
# booklet.sh: `batch --plans` writes plans.pdf, every plan in rank order after a cover
# (pages: pdfinfo; the cover's rows and each plan's first page: pdftotext), and renders
# at most 200 plans unless --top says otherwise: a generated region with 202 candidates
# gets 200 plans by default (the 2 left out said on stderr and in summary.json) and 202
# with --top all.  Also: --force replaces an output holding plans.pdf; --top without
# --plans is a usage error.
. tests/e2e/lib.sh
R=samples/yancheng.xml

# ---- --top without --plans ----------------------------------------------------------------
run batch "$R" --out "$TMP/noplans" --top 5
expect_rc 64 "--top without --plans is a usage error"
expect_err "needs --plans" "the usage error says --top needs --plans"
check "--top without --plans writes nothing" [ ! -e "$TMP/noplans" ]
run batch "$R" --out "$TMP/noplans" --top all
expect_rc 64 "--top all without --plans is a usage error"
run batch "$R" --out "$TMP/noplans" --plans --top some
expect_rc 64 "--top takes a count or all"

# ---- a small booklet, and --force over it -------------------------------------------------
run batch "$R" --out "$TMP/small" --plans --top 3 -j 2
expect_rc 0 "--plans --top 3"
check "plans.pdf written next to plans/" [ -s "$TMP/small/plans.pdf" ]
check "no temporary file left in the output" \
	[ "$(ls "$TMP/small" | tr '\n' ' ')" = "candidates.csv downgrades.csv followup.csv plans plans.pdf reclassification.csv summary.json summary.pdf transitions.csv " ]
run batch "$R" --out "$TMP/small" --plans --top 3 -j 1 --force
expect_rc 0 "--force replaces an earlier output that holds plans.pdf"
check "the replaced output has plans.pdf again" [ -s "$TMP/small/plans.pdf" ]

# ---- the cap: a region with 202 candidates -------------------------------------------------
G=$TMP/g.xml
python3 samples/gen_region.py --stores 1020 --lean -o "$G" 2>/dev/null
run batch "$G" --out "$TMP/cap" --plans -j 2
expect_rc 0 "--plans on a region with more than 200 candidates"
expect_out "upgrade candidates: 202" "the generated region has 202 candidates"
expect_out "plans: 200 written, 0 failed, 2 candidates left without a plan" \
	"the summary line says 2 candidates were left without a plan"
expect_err "plans for the 200 best-ranked of 202 candidates only, 2 left out (--top all" \
	"stderr says how many were left out and how to get them"
check "200 plan files" [ "$(ls "$TMP/cap/plans" | wc -l)" -eq 200 ]
if command -v pdftotext >/dev/null; then
	pdftotext "$TMP/cap/summary.pdf" - 2>/dev/null | tr -d '\n' >"$TMP/cap-summary.txt"
	check "summary.pdf: 200 written of 202, 2 left out, --top all, the booklet" \
		grep -q "已生成 200 份（排名前 200 名；共 202 个候选，2 个未生成，--top all 可全部生成）；汇编：plans.pdf" \
		"$TMP/cap-summary.txt"
fi

run batch "$G" --out "$TMP/all" --plans -j 2 --top all
expect_rc 0 "--top all"
check "--top all: a plan for every one of the 202 candidates" [ "$(ls "$TMP/all/plans" | wc -l)" -eq 202 ]
case "$err" in *"left out"*) echo "not ok - --top all: nothing left out on stderr: $err" ;;
	*) echo "ok - --top all: nothing said left out on stderr" ;; esac
if command -v pdftotext >/dev/null; then
	pdftotext "$TMP/all/summary.pdf" - 2>/dev/null | tr -d '\n' >"$TMP/all-summary.txt"
	check "--top all: summary.pdf says 202 written, nothing left out" \
		grep -q "提升方案已生成 202 份；汇编：plans.pdf" "$TMP/all-summary.txt"
fi

# ---- -j 2: the main process writes the booklet while the workers render the plan files;
# it lays every plan out itself, so the file must be the one -j 1 writes after them ----
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
run batch "$G" --out "$TMP/book-j1" --plans --top 12 -j 1
expect_rc 0 "--plans --top 12 -j 1"
run batch "$G" --out "$TMP/book-j2" --plans --top 12 -j 2
expect_rc 0 "--plans --top 12 -j 2"
check "-j 2 writes the same plans.pdf as -j 1, byte for byte" \
	cmp -s "$TMP/book-j1/plans.pdf" "$TMP/book-j2/plans.pdf"
check "-j 2 writes the same plan files as -j 1" diff -r "$TMP/book-j1/plans" "$TMP/book-j2/plans"
unset SOURCE_DATE_EPOCH

have_poppler=1
command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null || have_poppler=0
if [ $have_poppler = 0 ]; then
	echo "ok - # SKIP the booklet's pages: pdfinfo/pdftotext (poppler-utils) not installed"
	exit 0
fi

# booklet DIR CANDIDATES_EXPECTED LIMIT LEFT_OUT: the booklet's checks, in python
booklet() {
	pdfinfo "$1/plans.pdf" >"$TMP/info" 2>&1
	pdftotext -layout "$1/plans.pdf" "$TMP/book.txt" 2>/dev/null
	for f in $(sed -n '2,4p' "$1/candidates.csv" | cut -d, -f2); do
		printf '%s %s\n' "$f" "$(pdfinfo "$1/plans/$f.pdf" | sed -n 's/^Pages: *//p')"
	done >"$TMP/sample-pages"
	python3 - "$1" "$TMP/info" "$TMP/book.txt" "$TMP/sample-pages" "$2" "$3" "$4" <<'PY'
import csv, json, re, sys
out, info, book, sample, want_n, limit, left_out = sys.argv[1:8]
want_n, left_out = int(want_n), int(left_out)

def ok(cond, what):
    print(("ok - " if cond else "not ok - ") + what)

def pages_of(path):
    # independent of planner: the page objects cairo writes (checked against pdfinfo below)
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", open(path, "rb").read()))

cands = list(csv.DictReader(open(out + "/candidates.csv", encoding="utf-8")))[:want_n]
plan_pages = [pages_of("%s/plans/%s.pdf" % (out, c["store_id"])) for c in cands]
for line in open(sample):
    sid, n = line.split()
    i = [c["store_id"] for c in cands].index(sid)
    ok(plan_pages[i] == int(n), "plans/%s.pdf: %s pages by pdfinfo, as counted" % (sid, n))

total = int(re.search(r"^Pages:\s*(\d+)", open(info).read(), re.M).group(1))
pages = open(book, encoding="utf-8").read().split("\f")
row = re.compile(r"^\s*(\d+)\s+(\S+)\s+(.+?)\s+([A-Z]\d{3})\s*→\s*([A-Z]\d{3})\s+([\d.]+)\s+(\d+)\s*$")
rows, cover_pages = [], 0
for text in pages:
    found = [m.groups() for m in map(row.match, text.splitlines()) if m]
    if not found:
        break
    cover_pages += 1
    rows += found
ok(cover_pages >= 1 and len(rows) == want_n,
   "the cover (%d pages) lists %d stores" % (cover_pages, len(rows)))
ok(total == cover_pages + sum(plan_pages),
   "booklet pages (pdfinfo: %d) = cover (%d) + the plans' pages (%d)"
   % (total, cover_pages, sum(plan_pages)))
ok([(int(r[0]), r[1]) for r in rows] == [(int(c["rank"]), c["store_id"]) for c in cands],
   "the cover lists the stores in rank order, as candidates.csv")
ok(all(r[3] == c["new_code"] and r[4] == c["target_code"] and float(r[5]) == float(c["target_orders"])
       for r, c in zip(rows, cands)),
   "the cover's code now -> target code and target orders are candidates.csv's")
start, starts = cover_pages + 1, []
for n in plan_pages:
    starts.append(start)
    start += n
ok([int(r[6]) for r in rows] == starts,
   "the cover's start pages follow the plans' page counts in rank order")
bad = [r[1] for r, s in zip(rows, starts)
       if not (s <= len(pages) and r[1] in pages[s - 1] and r[2].rstrip("…") in pages[s - 1]
               and re.search(r"第\s*1\s*页", pages[s - 1]))]
ok(not bad, "the page each cover row names is the first page of that store's plan %r" % bad[:3])
bad = [r[1] for r, s, n in zip(rows, starts, plan_pages)
       if not re.search(r"第\s*%d\s*页，共\s*%d\s*页" % (n, n), pages[s + n - 2])]
ok(not bad, "each plan ends on its own last page, numbered as in its own file %r" % bad[:3])

p = json.load(open(out + "/summary.json"))["plans"]
ok(p["booklet"] == "plans.pdf" and p["written"] == want_n and p["left_out"] == left_out
   and p["limit"] == (None if limit == "all" else int(limit)) and p["candidates"] == 202,
   "summary.json: plans %r" % {k: p[k] for k in ("limit", "candidates", "left_out", "written", "booklet")})
PY
}
booklet "$TMP/cap" 200 200 2
booklet "$TMP/all" 202 all 0
