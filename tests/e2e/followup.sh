#!/bin/sh
# followup.sh: end-to-end tests of batch's follow-up of last quarter's candidates
# (followup.csv, checked against an independent python3 computation and against the
# funnel of summary.json), --overrides and --write-region.
. tests/e2e/lib.sh
K=$TMP/known.xml
M=$TMP/known.json
python3 tests/gen_known.py "$K" "$M"

# ---- followup.csv ---------------------------------------------------------------------------
run batch "$K" --out "$TMP/k1"
expect_rc 67 "known region: batch finishes (invalid stores skipped)"
python3 tests/e2e/followup_oracle.py "$K" "$TMP/k1" 2007Q1 20,30 10 25 "$M"
run batch "$K" --out "$TMP/k2" --shares 30,30,40 --min-peers 5 --gap 40
expect_rc 67 "known region, other --shares, --min-peers, --gap"
python3 tests/e2e/followup_oracle.py "$K" "$TMP/k2" 2007Q1 30,30 5 40 "$M"
run batch "$K" --out "$TMP/k3" --quarter 2006Q4
python3 tests/e2e/followup_oracle.py "$K" "$TMP/k3" 2006Q4 20,30 10 25 "$M"
run batch samples/yancheng.xml --out "$TMP/y" --xlsx --lang en
expect_rc 0 "seed region with --xlsx"
python3 tests/e2e/followup_oracle.py samples/yancheng.xml "$TMP/y" 2007Q1 20,30 10 25
check "workbook has a followup sheet" python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sys.exit(0 if b"name=\"followup\"" in z.read("xl/workbook.xml") else 1)' "$TMP/y/reclassification.xlsx"
check "summary.pdf shows the follow-up" sh -c \
	"pdftotext '$TMP/y/summary.pdf' - | grep -q 'Follow-up of last quarter'"
run batch samples/yancheng.xml --out "$TMP/y" --force
expect_rc 0 "--force replaces an output holding followup.csv"
# no figures for the previous quarter: the header only
run batch "$K" --out "$TMP/k4" --quarter 2006Q2
check "no previous quarter: followup.csv is the header only" \
	[ "$(wc -l < "$TMP/k4/followup.csv")" -eq 1 ]

# ---- --overrides --------------------------------------------------------------------------------
Y=samples/yancheng.xml
printf 'store_id,code,reason\r\n3209031001,Y121,"county review 2007-03: new premises, 烟酒"\r\n3209021402,S321,prefecture: licence suspended\r\n' > "$TMP/ov.csv"
run batch "$Y" --out "$TMP/ov" --overrides "$TMP/ov.csv"
expect_rc 0 "--overrides applied"
python3 - "$TMP/ov" "$TMP/y" <<'PY'
import csv, json, sys
out, plain = sys.argv[1:3]
def ok(c, what): print(("ok - " if c else "not ok - ") + what)
def rows(d):
    return list(csv.DictReader(open(d + "/reclassification.csv", encoding="utf-8", newline="")))
got, base = rows(out), rows(plain)
head = open(out + "/reclassification.csv", encoding="utf-8").readline().strip().split(",")
ok(head[-1] == "override", "override is the last column of reclassification.csv")
by = {r["store_id"]: r for r in got}
w = by["3209031001"]
ok(w["new_code"] == "Y121" and w["change"] == "up" and
   w["override"] == "county review 2007-03: new premises, 烟酒",
   "Wen Qi: reviewed code Y121, change up, the reason in override")
s = by["3209021402"]
ok(s["new_code"] == "S321" and s["change"] == "down" and s["override"] == "prefecture: licence suspended",
   "3209021402: reviewed code S321 (rule said S121), change down")
others = [(a, b) for a, b in zip(got, base) if a["store_id"] not in ("3209031001", "3209021402")]
ok(all(a["override"] == "" and all(a[k] == b[k] for k in b) for a, b in others),
   "every other row as without --overrides, override empty")
j = json.load(open(out + "/summary.json", encoding="utf-8"))
counts = {c: sum(r["change"] == c for r in got) for c in ("up", "down", "same")}
ok(all(j["code_changes"][c] == counts[c] for c in counts),
   "summary.json code_changes %s = the rows' %s" % (j["code_changes"], counts))
ds = [r for r in csv.DictReader(open(out + "/downgrades.csv", encoding="utf-8", newline=""))
      if r["store_id"] == "3209021402"]
ok(len(ds) == 1 and ds[0]["to_class"] == "small", "the reviewed downgrade is on the churn list, to small")
PY
check "summary.pdf lists the reviewed codes" sh -c \
	"pdftotext '$TMP/ov/summary.pdf' - | grep -q '3209021402'"
# bad files: one line naming file and line, exit 65, nothing written
bad_override() {   # bad_override "csv text" "expected stderr" "what"
	printf "$1" > "$TMP/bad.csv"
	rm -rf "$TMP/bad"
	run batch "$Y" --out "$TMP/bad" --overrides "$TMP/bad.csv"
	expect_rc 65 "--overrides $3"
	expect_err "$TMP/bad.csv:$2" "--overrides $3: the error line"
	check "--overrides $3: nothing written" [ ! -e "$TMP/bad" ]
	check "--overrides $3: one line on stderr" [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ]
}
bad_override 'store_id,code,reason\n3209031001,Y121,a\n9999,Y121,b\n' \
	"3: store 9999: is not a store of $Y" "id not in the region"
bad_override 'store_id,code,reason\n3209031001,Y421,a\n' \
	'2: store 3209031001: code: "Y421"' "bad code"
bad_override 'store_id,code,reason\n3209031001,Y121,a\n3209031001,Y321,b\n' \
	'3: store 3209031001: listed again (first on line 2)' "repeated id"
bad_override 'store_id,code\n3209031001,Y121\n' \
	'1: missing column "reason"' "missing column"
rm -rf "$TMP/bad"
run batch "$Y" --out "$TMP/bad" --overrides "$TMP/none.csv"
expect_rc 66 "--overrides FILE missing"
check "--overrides FILE missing: nothing written" [ ! -e "$TMP/bad" ]

# ---- --write-region -----------------------------------------------------------------------------
# tricky copies of the seed region: comments and a processing instruction holding <code>,
# a start tag over three lines with '>' in an attribute, a changed store whose code has
# spaces around it; as LF, CRLF and GB18030
python3 - "$Y" "$TMP" <<'PY'
import re, sys
src, tmp = sys.argv[1:3]
s = open(src, encoding="utf-8").read()
s = s.replace('<region ', '<!-- <store id="fake"><code>Y121</code></store> -->\n'
              '<?note <code>Y999</code> ?>\n<region ', 1)
s = s.replace('<store id="3209021006" name="德利烟酒商店">',
              '<!-- old: <code>Y321</code> --><store\n    id="3209021006"\n    name="德利烟酒商店 a>b">', 1)
s, n = re.subn(r'(<store id="3209021402"[^>]*>\s*)<code>S221</code>', r'\1<code>\n  S221 </code>', s)
assert n == 1
open(tmp + "/t-lf.xml", "w", encoding="utf-8").write(s)
open(tmp + "/t-crlf.xml", "w", encoding="utf-8", newline="\r\n").write(s)
open(tmp + "/t-gb.xml", "wb").write(s.replace('encoding="UTF-8"', 'encoding="GB18030"', 1).encode("gb18030"))
PY
for v in lf crlf gb; do
	run batch "$TMP/t-$v.xml" --out "$TMP/w-$v" --write-region "$TMP/new-$v.xml"
	expect_rc 0 "--write-region on a tricky region ($v)"
	python3 - "$TMP/t-$v.xml" "$TMP/new-$v.xml" "$TMP/w-$v" "$v" <<'PY'
import csv, re, sys, xml.etree.ElementTree as ET
old_path, new_path, out, v = sys.argv[1:5]
def ok(c, what): print(("ok - " if c else "not ok - ") + "%s: %s" % (v, what))
old_b, new_b = open(old_path, "rb").read(), open(new_path, "rb").read()
mask = re.compile(rb"<code>[^<]*</code>")
ok(mask.sub(b"<code/>", old_b) == mask.sub(b"<code/>", new_b),
   "every byte outside the code texts unchanged")
rows = {r["store_id"]: r for r in csv.DictReader(open(out + "/reclassification.csv", encoding="utf-8", newline=""))}
def stores(data):   # ElementTree reads no multi-byte encodings but UTF-8 and UTF-16
    if v == "gb":
        data = data.decode("gb18030").replace('encoding="GB18030"', 'encoding="UTF-8"', 1).encode("utf-8")
    return [(s.get("id"), s.findtext("code")) for s in ET.fromstring(data).iter("store")]
olds, news = stores(old_b), stores(new_b)
ok([i for i, _ in olds] == [i for i, _ in news], "the same stores in the same order")
bad, changed = [], 0
for (sid, oc), (_, nc) in zip(olds, news):
    r = rows[sid]
    want = r["new_code"] if r["status"] != "invalid" else r["old_code"]
    if nc.strip() != want or (nc != oc) != (want != oc.strip()):
        bad.append("%s: %r -> %r, want %s" % (sid, oc, nc, want))
    changed += nc != oc
ok(not bad, "each store's code is its new code, only changed ones edited" + ("" if not bad else ": " + "; ".join(bad[:3])))
ok(changed == sum(r["change"] != "same" for r in rows.values()) > 0, "%d codes rewritten" % changed)
ok(b"<code>\n  S121 </code>" in new_b.replace(b"\r\n", b"\n"), "a code's surrounding white space kept")
ok(b'<code>Y121</code></store> -->' in new_b and b"<?note <code>Y999</code> ?>" in new_b,
   "codes inside a comment and a processing instruction untouched")
PY
	run validate "$TMP/new-$v.xml"
	expect_rc 0 "validate accepts the written region ($v)"
	run batch "$TMP/new-$v.xml" --out "$TMP/w2-$v"
	check "a batch on the written region ($v): change same for every store" python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
sys.exit(0 if rows and all(r["change"] == "same" for r in rows) else 1)' "$TMP/w2-$v/reclassification.csv"
done
# the known region: invalid stores keep their bytes, reviewed codes are written too
python3 - "$TMP/k1/reclassification.csv" "$TMP/kov.csv" <<'PY'
import csv, sys
r = next(r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8", newline=""))
         if r["status"] == "ok" and r["change"] == "same")
code = r["new_code"][0] + ("1" if r["new_code"][1] == "3" else "3") + r["new_code"][2:]
open(sys.argv[2], "w").write("store_id,code,reason\n%s,%s,review\n" % (r["store_id"], code))
PY
run batch "$K" --out "$TMP/kw" --write-region "$TMP/known-new.xml" --overrides "$TMP/kov.csv"
expect_rc 67 "--write-region with invalid stores and --overrides"
check "the reviewed code is in the written region" python3 -c '
import csv, sys, xml.etree.ElementTree as ET
sid, code = list(csv.reader(open(sys.argv[1])))[1][:2]
got = [s.findtext("code") for s in ET.parse(sys.argv[2]).getroot().iter("store") if s.get("id") == sid]
sys.exit(0 if got == [code] else 1)' "$TMP/kov.csv" "$TMP/known-new.xml"
check "invalid stores keep their bytes (masked compare)" python3 -c '
import re, sys
m = re.compile(rb"<code>[^<]*</code>")
a, b = (open(p, "rb").read() for p in sys.argv[1:3])
sys.exit(0 if m.sub(b"", a) == m.sub(b"", b) and a != b else 1)' "$K" "$TMP/known-new.xml"
# refusals
cp "$Y" "$TMP/same.xml"
ln -s "$TMP/same.xml" "$TMP/link.xml"
before=$(cksum < "$TMP/same.xml")
run batch "$TMP/same.xml" --out "$TMP/r1" --write-region "$TMP/same.xml"
expect_rc 64 "--write-region FILE being the input is refused"
expect_err "is the region file being read" "--write-region FILE = input: the reason"
run batch "$TMP/same.xml" --out "$TMP/r1" --write-region "$TMP/link.xml"
expect_rc 64 "--write-region through a symlink to the input is refused"
check "refused: the input unchanged, no DIR" [ "$(cksum < "$TMP/same.xml")" = "$before" -a ! -e "$TMP/r1" ]
python3 -c 'import sys; d = open(sys.argv[1], encoding="utf-8").read(); open(sys.argv[2], "wb").write(d.replace("UTF-8", "UTF-16", 1).encode("utf-16"))' "$Y" "$TMP/u16.xml"
run batch "$TMP/u16.xml" --out "$TMP/r2" --write-region "$TMP/u16-new.xml"
expect_rc 65 "--write-region on a UTF-16 region is refused"
expect_err "UTF-16 files cannot be rewritten byte for byte" "UTF-16: the reason"
check "UTF-16 refused: nothing written" [ ! -e "$TMP/r2" -a ! -e "$TMP/u16-new.xml" ]
check "no temporary left next to the written region" [ -z "$(ls -a "$TMP" | grep '^\.new-\|\.tmp')" ]
