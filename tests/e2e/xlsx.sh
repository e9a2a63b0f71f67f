#!/bin/sh
# xlsx.sh: end-to-end tests of `planner batch --xlsx`.  The workbook is opened with
# openpyxl and held against the CSVs of the same run: sheet names, a bold header row
# frozen at A2 with an autofilter, ids and codes as text, orders, thresholds and
# percentages as numbers, every cell of every sheet equal to the CSV's, the summary
# equal to summary.json, titles in the --lang language; the CSVs are the same bytes
# with and without --xlsx; a failed write is exit 74 with nothing left behind.
. tests/e2e/lib.sh
PY=python3
$PY -c 'import openpyxl' 2>/dev/null || PY=/usr/bin/python3
if ! $PY -c 'import openpyxl' 2>/dev/null; then
	echo "not ok - python3-openpyxl is installed (.ci/install-deps)"
	exit 0
fi

# the seed region with a 12-digit licence number and names a spreadsheet would take
# for formulas
R=$TMP/region.xml
sed -e 's/id="3209021006"/id="320902100612"/g' -e 's/name="德利烟酒商店"/name="=德利烟酒商店"/' \
	-e 's/name="昌盛烟酒批发部"/name="+86 昌盛烟酒批发部"/' samples/yancheng.xml >"$R"

run batch "$R" --out "$TMP/zh" --xlsx
expect_rc 0 "batch --xlsx"
check "reclassification.xlsx written" [ -s "$TMP/zh/reclassification.xlsx" ]
check "no temporary files of the workbook left in the output" \
	[ "$(ls "$TMP/zh" | tr '\n' ' ')" = "candidates.csv downgrades.csv followup.csv reclassification.csv reclassification.xlsx summary.json summary.pdf transitions.csv " ]
cp -r "$TMP/zh" "$TMP/again"
run batch "$R" --out "$TMP/again" --xlsx --force
expect_rc 0 "batch --xlsx --force replaces an earlier output that holds a workbook"
run batch "$R" --out "$TMP/plain"
expect_rc 0 "batch without --xlsx"
check "batch without --xlsx writes no workbook" [ ! -e "$TMP/plain/reclassification.xlsx" ]
for f in reclassification.csv candidates.csv downgrades.csv transitions.csv; do
	check "$f byte for byte the same with --xlsx" cmp -s "$TMP/zh/$f" "$TMP/plain/$f"
done
run batch "$R" --out "$TMP/en" --xlsx --lang en --bom
expect_rc 0 "batch --xlsx --lang en --bom"

# compare WORKBOOK_DIR LANG [seed]: the workbook against the CSVs and summary.json;
# "seed": also the figures of the seed region changed above.
compare() {
$PY - "$1" "$2" "${3:-}" <<'PY'
import csv, json, re, sys
import openpyxl
from openpyxl.utils import get_column_letter

out, lang, seed = sys.argv[1:4]
wb = openpyxl.load_workbook(out + "/reclassification.xlsx")

def ok(cond, what):
    print(("ok - " if cond else "not ok - ") + "%s: %s" % (lang, what))

TABLES = ["reclassification", "candidates", "downgrades", "transitions", "followup"]
ok(wb.sheetnames == ["summary"] + TABLES, "sheets %s" % wb.sheetnames)
# the kind of every column, decided here and not taken from the program
TEXT = {"store_id", "name", "peer_group", "quarter", "old_code", "new_code", "change",
        "status", "class", "target_code", "previous_class", "candidate", "error",
        "deadline", "from_class", "to_class", "from_quarter", "to_quarter", "reason",
        "class_then", "target_code_then", "met", "class_now", "moved_up", "override"}
FREE_TEXT = {"name", "error", "override"}
NUMBER = {"orders", "peer_count", "percentile", "threshold_large", "threshold_medium",
          "target_orders", "gap", "growth_required_pct", "previous_orders", "line", "rank",
          "trend_per_quarter", "trend_pct", "trend_points", "quarters_at_trend",
          "change_pct", "regain_orders", "regain_pct", "stores", "target_orders_then",
          "orders_then", "orders_now"}
FORMAT = {"orders": "#,##0", "threshold_large": "#,##0", "percentile": "0.00",
          "growth_required_pct": "0.00", "line": "0", "rank": "0", "stores": "0"}
CJK = re.compile("[\u4e00-\u9fff]")
TITLE = {"zh": {"store_id": "许可证号", "orders": "订购量"},
         "en": {"store_id": "Licence no.", "orders": "Orders"}}[lang]

def unguard(text):
    # the CSV puts ' before text that a spreadsheet would run as a formula
    return text[1:] if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r" else text

def unescape(text):
    # OOXML writes a CR as _x000D_ (Excel reads it back as CR; openpyxl 3.0 leaves
    # inline strings as written)
    return re.sub("_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), text)

for t in TABLES:
    ws = wb[t]
    with open(out + "/" + t + ".csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    head, data = rows[0], rows[1:]
    last = get_column_letter(len(head))
    titles = [c.value for c in ws[1]]
    ok(all(c.font.b for c in ws[1]), "%s: header row bold" % t)
    ok(ws.freeze_panes == "A2", "%s: frozen at A2 (%s)" % (t, ws.freeze_panes))
    ok(ws.auto_filter.ref == "A1:%s%d" % (last, len(data) + 1),
       "%s: autofilter over the table (%s)" % (t, ws.auto_filter.ref))
    ok(ws.max_column == len(head), "%s: %d columns" % (t, len(head)))
    ok(ws.max_row - 1 == len(data), "%s: %d data rows, as in the CSV (%d)" % (t, ws.max_row - 1, len(data)))
    ok(all(h in TEXT or h in NUMBER for h in head), "%s: every CSV column known to the test" % t)
    for h, title in zip(head, titles):
        if h in TITLE:
            ok(title == TITLE[h], "%s: title of %s is %r" % (t, h, title))
    if lang == "zh":
        ok(all(CJK.search(x or "") for x in titles), "%s: every column title in Chinese" % t)
    bad = []
    for r, (row, cells) in enumerate(zip(data, ws.iter_rows(min_row=2))):
        for h, v, c in zip(head, row, cells):
            got = c.value
            if v == "":
                good = got is None
            elif h in NUMBER:
                good = type(got) in (int, float) and abs(got - float(v)) < 1e-9
                if good and h in FORMAT:
                    good = c.number_format == FORMAT[h] or (h not in ("line", "rank", "stores") and got != int(got))
            else:
                want = unguard(v) if h in FREE_TEXT else v
                good = isinstance(got, str) and unescape(got) == want and c.data_type == "s"
            if not good:
                bad.append("row %d %s: csv %r, cell %r (%s)" % (r + 2, h, v, got, c.number_format))
    ok(not bad, "%s: every cell equals the CSV's %s" % (t, bad[:3]))

ws = wb["reclassification"]
names = [c.value for c in ws["B"][1:]]
widest = max(sum(2 if CJK.match(ch) else 1 for ch in n.split("\n")[0]) for n in names if n)
ok(ws.column_dimensions["B"].width >= widest, "name column fits the widest name (%d, width %.1f)"
   % (widest, ws.column_dimensions["B"].width))
ok(ws.column_dimensions["D"].width < ws.column_dimensions["B"].width,
   "quarter column narrower than the name column")
ok(all(c.data_type != "f" for row in ws.iter_rows() for c in row), "no cell is a formula")
ok(all(isinstance(c.value, str) for c in ws["J"][1:] + ws["K"][1:] if c.value is not None),
   "codes are text")
if seed != "seed":
    sys.exit(0)
ids = {c.value: c for c in ws["A"][1:]}
ok("320902100612" in ids and ids["320902100612"].data_type == "s",
   "a 12-digit licence number is the text 320902100612")
ok("=德利烟酒商店" in names and "+86 昌盛烟酒批发部" in names,
   "names that look like formulas are kept as text, without the CSV's guard")

# summary: key figures and the groups, as summary.json has them
s = json.load(open(out + "/summary.json", encoding="utf-8"))
ws = wb["summary"]
vals = [(r[0], r[1]) for r in ws.iter_rows(values_only=True)]
col_b = [v for _, v in vals]
ok(all(c.font.b for c in ws[1][:2]), "summary: header bold")
for what, want in (("region id", s["region"]["id"]), ("quarter", s["quarter"]),
                   ("stores", s["stores"]["total"]), ("reclassified", s["stores"]["ok"]),
                   ("up", s["code_changes"]["up"]), ("down", s["code_changes"]["down"]),
                   ("candidates", s["candidates_count"]), ("downgrades", s["downgrades_count"])):
    ok(want in col_b, "summary: %s %r" % (what, want))
ok(vals[2][1] == s["region"]["name"] and isinstance(vals[1][1], str), "summary: region id and name as text")
start = [i for i, r in enumerate(ws.iter_rows(values_only=True)) if r[2] is not None][0]
grows = list(ws.iter_rows(min_row=start + 2, values_only=True))
ok(len(grows) == len(s["groups"]), "summary: one row per group (%d)" % len(grows))
good = all(g[0] == j["peer_group"] and g[1] == j["stores"] and g[2] == j["quarter"]["peer_count"]
           and g[3] == j["quarter"]["threshold_large"] and g[4] == j["quarter"]["threshold_medium"]
           and g[10] == j["up"] and g[11] == j["down"] and g[13] == j["candidates"]
           for g, j in zip(grows, s["groups"]))
ok(good, "summary: group counts and thresholds equal summary.json")
PY
}
compare "$TMP/zh" zh seed
compare "$TMP/en" en seed

# a generated region: names with commas, quotes, CR and LF; invalid stores with errors
python3 tests/gen_known.py "$TMP/known.xml" "$TMP/known.json"
run batch "$TMP/known.xml" --out "$TMP/known" --xlsx
expect_rc 67 "batch --xlsx with invalid stores (67 as without)"
compare "$TMP/known" zh

# a write that fails: libxlsxwriter's temporary files hit the file-size limit; the
# workbook is read back, so this is exit 74 with a line naming it, and no output
(ulimit -f 400; $PLANNER batch "$R" --out "$TMP/full" --xlsx >"$TMP/out" 2>"$TMP/err"; echo $? >"$TMP/rc")
rc=$(cat "$TMP/rc")
err=$(cat "$TMP/err")
expect_rc 74 "workbook larger than the file-size limit"
expect_err "reclassification.xlsx: " "the error line names the workbook"
check "no output directory after the failed write" [ ! -e "$TMP/full" ]
check "no temporary directory left" [ -z "$(ls -d "$TMP"/full.tmp-* 2>/dev/null)" ]

run batch "$R" --out "$TMP/x" --xlsx --lang fr
expect_rc 64 "--xlsx --lang fr is a usage error"

# a column title missing from the language file: refused when loading, like the plans
mkdir -p "$TMP/data" && cp -r templates schema "$TMP/data/"
sed -i '/^xlsx.col.orders/d' "$TMP/data/templates/en.txt"
PLANNER_DATADIR=$TMP/data run batch "$R" --out "$TMP/nokey" --xlsx --lang en
expect_rc 65 "a missing column title in templates/en.txt"
expect_err 'en.txt: missing key "xlsx.col.orders"' "the error names the file and the key"
check "no output directory when a title is missing" [ ! -e "$TMP/nokey" ]
