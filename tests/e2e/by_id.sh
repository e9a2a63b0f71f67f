#!/bin/sh
# by_id.sh: `evaluate --id` / `plan --id` take stores from the region file itself.  Each
# chosen store of the Yancheng sample is cut out into its own profile file (python3,
# the <store> element copied) and evaluated both ways: the JSON (and text) must be the
# same, and so must the plans' text.  Then --ids FILE, JSON Lines, -o DIR/, and the
# errors: an id not in the region (65, nothing written), a profile with --id (64).
. tests/e2e/lib.sh
R=samples/yancheng.xml
export SOURCE_DATE_EPOCH=1175299200    # the same date on every plan

# The stores: the seed, each group's largest and smallest, no figure for 2007Q1, 0
# orders, every store of the tiny group E1 (7 stores), and every 30th store.  Each one
# cut out into $TMP/cut/ID.xml; their ids, in this order, into $TMP/ids.txt.
mkdir "$TMP/cut"
python3 - "$R" "$TMP/cut" >"$TMP/ids.txt" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
stores = list(root.iter('store'))
def orders(s):
    for q in s.iter('q'):
        if q.get('id') == '2007Q1':
            return float(q.text)
    return None
def group(s):
    c = s.findtext('code')
    return c[0] + c[2]
chosen = ['3209031001']
by_group = {}
for s in stores:
    if orders(s) is not None:
        by_group.setdefault(group(s), []).append(s)
for g in sorted(by_group):
    xs = sorted(by_group[g], key=orders)
    chosen += [xs[-1].get('id'), xs[0].get('id')]
chosen += [s.get('id') for s in stores if orders(s) is None or orders(s) == 0]
chosen += [s.get('id') for s in stores if group(s) == 'E1']
chosen += [s.get('id') for s in stores[::30]]
seen = set()
for i in chosen:
    if i in seen:
        continue
    seen.add(i)
    s = next(x for x in stores if x.get('id') == i)
    with open(f'{sys.argv[2]}/{i}.xml', 'w', encoding='utf-8') as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        f.write(ET.tostring(s, encoding='unicode').rstrip() + '\n')
    print(i)
PY
n=$(wc -l <"$TMP/ids.txt")
check "at least 20 stores chosen ($n)" [ "$n" -ge 20 ]

# each store from its own file: one JSON object each, one after the other
: >"$TMP/profile.jsonl"
bad=0
while read -r id; do
	$PLANNER evaluate "$TMP/cut/$id.xml" --region $R --format json >"$TMP/one.json" \
		2>"$TMP/one.err" || bad=$((bad + 1))
	[ -s "$TMP/one.err" ] && bad=$((bad + 1))    # no "not in region" warning
	python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), ensure_ascii=False))' \
		"$TMP/one.json" >>"$TMP/profile.jsonl"
done <"$TMP/ids.txt"
check "every cut-out profile evaluates cleanly" [ "$bad" -eq 0 ]

# the same stores by id, all in one run: JSON Lines, parsed line by line
run evaluate --ids "$TMP/ids.txt" --region $R --format json
expect_rc 0 "evaluate --ids FILE --format json"
check "--ids: nothing on stderr" [ -z "$err" ]
printf '%s\n' "$out" >"$TMP/byid.jsonl"
same=$(python3 - "$TMP/profile.jsonl" "$TMP/byid.jsonl" <<'PY'
import json, sys
a = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
b = [json.loads(l) for l in open(sys.argv[2], encoding='utf-8')]   # one object per line
diff = [x['store_id'] for x, y in zip(a, b) if list(x.items()) != list(y.items())]
status = {x['status'] for x in b}
print('same' if len(a) == len(b) and not diff else f'differ {len(a)} {len(b)} {diff[:5]}',
      ' '.join(sorted(status)))
PY
)
check "--id JSON equals the profile's JSON for all $n stores ($same)" [ "${same%% *}" = same ]
case "$same" in
*insufficient-peers*no-orders*ok*) echo "ok - the stores cover ok, no-orders, insufficient-peers" ;;
*) echo "not ok - statuses covered: $same" ;;
esac
check "JSON Lines: one line per store" [ "$(printf '%s\n' "$out" | wc -l)" -eq "$n" ]
check "JSON Lines in the order of the file" \
	[ "$(printf '%s\n' "$out" | python3 -c 'import json,sys; [print(json.loads(l)["store_id"]) for l in sys.stdin]')" = "$(cat "$TMP/ids.txt")" ]

# a single --id (the seed) against samples/wenqi.xml cut from the region
run evaluate --id 3209031001 --region $R --format json
expect_rc 0 "evaluate --id 3209031001 --format json"
check "the seed by id: one line" [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ]
check "the seed by id equals its cut-out profile" \
	[ "$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), ensure_ascii=False))')" = "$(head -1 "$TMP/profile.jsonl")" ]
expect_out '"threshold_large":1449' "the seed's large threshold is 1449"

# text: one block per store, separated by a blank line, as from the profiles
a=$(sed -n 2p "$TMP/ids.txt")
b=$(sed -n 3p "$TMP/ids.txt")
{ $PLANNER evaluate "$TMP/cut/3209031001.xml" -r $R; echo
  $PLANNER evaluate "$TMP/cut/$a.xml" -r $R; echo
  $PLANNER evaluate "$TMP/cut/$b.xml" -r $R; } >"$TMP/profiles.txt"
run evaluate --id 3209031001 --id "$a" --id "$b" --region $R
expect_rc 0 "evaluate --id three times (text)"
check "text: three blocks equal to the profiles' ones" [ "$out" = "$(cat "$TMP/profiles.txt")" ]

# --ids FILE with comments, blank lines, CRLF, a byte order mark, a repeated id; with --id
printf '\357\273\277# stores to visit\r\n\r\n  3209031001  # the seed\r\n%s\r\n#%s\r\n3209031001\r\n' \
	"$a" "$b" >"$TMP/list.txt"
run evaluate --ids "$TMP/list.txt" --id "$b" --id "$a" --region $R --format json
expect_rc 0 "--ids with comments, CRLF, BOM, and --id"
check "each id once, in the order first given" \
	[ "$(printf '%s\n' "$out" | python3 -c 'import json,sys; print(" ".join(json.loads(l)["store_id"] for l in sys.stdin))')" = "3209031001 $a $b" ]

# plans: -o DIR/ writes DIR/ID.pdf; the text of each equals the plan from the profile
few="3209031001 $a $(sed -n "$n"p "$TMP/ids.txt")"
for id in $few; do
	$PLANNER plan "$TMP/cut/$id.xml" -r $R -o "$TMP/$id-profile.pdf" --lang en 2>/dev/null
done
run plan --id 3209031001 --id "$a" --id "$(sed -n "$n"p "$TMP/ids.txt")" -r $R -o "$TMP/plans/" --lang en
expect_rc 0 "plan --id x3 -o DIR/"
check "DIR holds one PDF per id" [ "$(ls "$TMP/plans" | tr '\n' ' ')" = "$(for id in $few; do echo "$id.pdf"; done | sort | tr '\n' ' ')" ]
for id in $few; do
	pdftotext -raw "$TMP/$id-profile.pdf" "$TMP/p.txt" 2>/dev/null
	pdftotext -raw "$TMP/plans/$id.pdf" "$TMP/i.txt" 2>/dev/null
	check "plan of $id by id has the profile plan's text" cmp -s "$TMP/p.txt" "$TMP/i.txt"
	check "plan of $id by id is the profile plan, byte for byte" \
		cmp -s "$TMP/$id-profile.pdf" "$TMP/plans/$id.pdf"
done
check "a plan's text is not empty" [ -s "$TMP/i.txt" ]
run plan --ids "$TMP/list.txt" -r $R -o "$TMP/plans" --format png
expect_rc 0 "plan --ids -o DIR (an existing directory) --format png"
check "PNG plan of the seed in DIR" [ -s "$TMP/plans/3209031001.png" ]
check "PNG plan of $a in DIR" [ -s "$TMP/plans/$a.png" ]
run plan --id 3209031001 -r $R -o "$TMP/seed.pdf"
expect_rc 0 "plan --id with -o FILE.pdf (one id)"
check "one id: the file itself" [ -s "$TMP/seed.pdf" ]

# errors
run evaluate --id 3209031001 --id 999999 --id 888888 --region $R --format json
expect_rc 65 "evaluate: an id not in the region"
expect_err "store 999999: not in region 320900" "the error names the missing id"
expect_err "store 888888: not in region" "and every other missing id"
check "nothing printed for the ids that exist" [ -z "$out" ]
run plan --id 3209031001 --id 999999 -r $R -o "$TMP/none/"
expect_rc 65 "plan: an id not in the region"
check "plan: nothing written (no DIR)" [ ! -e "$TMP/none" ]
run evaluate samples/wenqi.xml --id 3209031001 --region $R
expect_rc 64 "evaluate: a profile and --id"
run plan samples/wenqi.xml --id 3209031001 -r $R -o "$TMP/x.pdf"
expect_rc 64 "plan: a profile and --id"
check "plan: nothing written on a usage error" [ ! -e "$TMP/x.pdf" ]
run plan --id 3209031001 --id "$a" -r $R -o "$TMP/x.pdf"
expect_rc 64 "plan: several ids need -o DIR/"
expect_err "several ids take a directory" "the error says so"
run evaluate --id '../x' --region $R
expect_rc 64 "evaluate: --id that cannot be a store id"
printf '3209031001\nnot an id\n' >"$TMP/bad.txt"
run evaluate --ids "$TMP/bad.txt" --region $R
expect_rc 65 "evaluate: --ids FILE with a line that is not an id"
expect_err "bad.txt:2: \"not an id\" is not a store id" "the error names the file and line"
printf '# nothing\n\n' >"$TMP/empty.txt"
run evaluate --ids "$TMP/empty.txt" --region $R
expect_rc 65 "evaluate: --ids FILE without ids"
run evaluate --ids "$TMP/missing.txt" --region $R
expect_rc 66 "evaluate: --ids FILE missing"
run evaluate --id 3209031001
expect_rc 64 "evaluate --id without --region"
