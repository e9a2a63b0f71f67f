#!/bin/sh
# evaluate.sh: end-to-end tests of `planner evaluate` on the seed case (Wen Qi store in
# the Yancheng region, DOMAIN.md) and its command-line errors.  The percentile and
# thresholds are recomputed independently in python3 from the region file.
. tests/e2e/lib.sh
S=samples/wenqi.xml
R=samples/yancheng.xml

run evaluate $S --region $R
expect_rc 0 "evaluate seed store (text)"
expect_out "3209031001 文奇店" "text names the store"
expect_out "Quarter      2007Q1" "text: quarter 2007Q1"
expect_out "Orders       946 cartons" "text: orders 946 cartons (unit.carton of en.txt)"
expect_out "Y2 (rural tobacco-and-liquor shops): 271 stores" "text: peer group Y2 of 271"
expect_out "large >= 1449" "text: large threshold 1449"
expect_out "Current code Y221" "text: current code Y221"
expect_out "Computed     Y221" "text: computed code Y221"
expect_out "Y121 (large): reach 1449 by 2007Q2, gap +503 (+53.2 %)" "text: target line"

# ---- --lang: the text in the language of templates/LANG.txt (default en) --------------
run evaluate $S --region $R --lang en
en_out=$out
run evaluate $S --region $R
check "--lang en is the default" [ "$out" = "$en_out" ]
run evaluate $S --region $R --lang zh
expect_rc 0 "evaluate --lang zh"
expect_out "零售户：3209031001 文奇店" "zh: store label"
expect_out "订购量：946条" "zh: orders with their measure word, no space"
expect_out "同类客户组：Y2（农网烟酒商店），共271户" "zh: peer group with 户"
expect_out "（+53.2%）" "zh: percent without a space"
expect_out "2007年二季度" "zh: deadline in Chinese"
check "zh: no English word left" sh -c "! printf '%s' \"\$1\" | grep -qiE 'carton|store|quarter|large|medium|peer'" - "$out"
run evaluate $S --region $R --lang zh --grades templates/grades-30.txt --quadrants
expect_out "档位：21（全区排名）" "zh: grade line"
expect_out "象限：战略客户（匹配度3.85，百分位61.4）" "zh: quadrant line"
run evaluate $S --region $R --lang fr
expect_rc 64 "--lang without a language file"

# a language added by copying en.txt; a missing evaluate.* key is exit 65 naming it
mkdir -p "$TMP/data/templates"
cp templates/*.txt "$TMP/data/templates/"
cp -r schema "$TMP/data/" 2>/dev/null
cp templates/en.txt "$TMP/data/templates/xx.txt"
PLANNER_DATADIR="$TMP/data" run evaluate $S --region $R --lang xx
expect_rc 0 "--lang xx with a copied en.txt"
check "--lang xx prints what en does" [ "$out" = "$en_out" ]
grep -v '^evaluate\.peers\.one ' templates/en.txt >"$TMP/data/templates/xx.txt"
PLANNER_DATADIR="$TMP/data" run evaluate $S --region $R --lang xx
expect_rc 65 "a missing evaluate.* key"
expect_err "xx.txt" "the error names the file"
expect_err "evaluate.peers.one" "the error names the key"

# one store in its group: singular
sed '/<code>S.1/d' tests/edge/region.xml >"$TMP/s1-alone.xml"
run evaluate tests/edge/tiny.xml --region "$TMP/s1-alone.xml"
check "a group of one is \"1 store\", not \"1 stores\"" sh -c "printf '%s\n' \"\$1\" | grep -qx 'Peer group   S1 (urban grocery stores): 1 store'" - "$out"
run evaluate tests/edge/tiny.xml --region "$TMP/s1-alone.xml" --lang zh
expect_out "共1户" "zh: a group of one"

# JSON is data: the same bytes whatever --lang says
run evaluate $S --region $R --format json --grades templates/grades-30.txt --quadrants
json_plain=$out
run evaluate $S --region $R --format json --grades templates/grades-30.txt --quadrants --lang zh
check "json identical with --lang zh" [ "$out" = "$json_plain" ]

run evaluate $S --region $R --format json
expect_rc 0 "evaluate seed store (json)"
for kv in store_id=3209031001 quarter=2007Q1 orders=946 peer_group=Y2 peer_count=271 \
	threshold_large=1449 current_code=Y221 computed_code=Y221 target_code=Y121 \
	target_orders=1449 gap=503 growth_required_pct=53.17 status=ok deadline=2007Q2; do
	k=${kv%%=*}
	v=${kv#*=}
	check "json $k = $v" [ "$(json_field "$k")" = "$v" ]
done

# independent computation from the XML: percentile and medium threshold
expected=$(python3 - "$R" <<'PY'
import sys, math, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
xs = []
for s in root.iter('store'):
    code = s.findtext('code')
    if code[0] == 'Y' and code[2] == '2':
        for q in s.iter('q'):
            if q.get('id') == '2007Q1':
                xs.append(float(q.text))
n = len(xs); xs.sort(reverse=True)
km = math.ceil(0.5 * n)
x = 946.0
pct = 100 * (sum(v < x for v in xs) + sum(v <= x for v in xs)) / (2 * n)
print(f"{n} {xs[54]:g} {xs[km-1]:g} {round(pct, 2):g} {xs[math.ceil(0.1 * n) - 1]:g}")
PY
)
got="$(json_field peer_count) $(json_field threshold_large) $(json_field threshold_medium) $(json_field percentile)"
check "independent recomputation matches ($expected)" [ "$got" = "${expected% *}" ]
top10=${expected##* }

run evaluate $S --region $R --quarter 2006Q4 --format json
expect_rc 0 "evaluate an earlier quarter"
check "--quarter 2006Q4 is used" [ "$(json_field quarter)" = 2006Q4 ]

run evaluate $S --region $R --by 2007Q4 --format json
check "--by sets the deadline" [ "$(json_field deadline)" = 2007Q4 ]

run evaluate $S --region $R --shares 10,40,50 --format json
expect_rc 0 "custom shares"
check "--shares 10,40,50: large threshold is the 28th largest ($top10)" \
	[ "$(json_field threshold_large)" = "$top10" ]

run evaluate $S --region $R --min-peers 500 --format json
check "--min-peers 500: insufficient-peers" [ "$(json_field status)" = insufficient-peers ]
check "insufficient peers keep the code" [ "$(json_field computed_code)" = Y221 ]

# the store has no figure for a quarter its region has (a quarter no store has is
# refused: tests/e2e/quarter.sh)
sed '/<q id="2007Q1">/d' $S >"$TMP/no-2007q1.xml"
run evaluate "$TMP/no-2007q1.xml" --region $R --quarter 2007Q1 --format json
expect_rc 0 "quarter without the store's figure"
check "no figure: status no-orders" [ "$(json_field status)" = no-orders ]

# command-line errors: 64
run evaluate $S --region $R --shares 20,30,40
expect_rc 64 "shares not summing to 100"
expect_err "add up to 100" "shares error says why"
run evaluate $S --region $R --format xml
expect_rc 64 "bad --format"
run evaluate $S
expect_rc 64 "missing --region"
run evaluate $S --region $R --quarter 2007Q7
expect_rc 64 "bad --quarter"
run evaluate $S --region $R --by 2006Q1
expect_rc 64 "--by before the quarter"
run frobnicate
expect_rc 64 "unknown command"
run evaluate --help
expect_rc 0 "evaluate --help"
expect_out "--region" "help lists options"
run --version
expect_rc 0 "--version"

# missing files: 66
run evaluate no-such-store.xml --region $R
expect_rc 66 "missing store file"
expect_err "no-such-store.xml: cannot open" "names the missing file"
run evaluate $S --region no-such-region.xml
expect_rc 66 "missing region file"

# a region used as a store profile, and the other way round: 65
run evaluate $R --region $R
expect_rc 65 "region file given as store"
expect_err "root element <region> is not <store>" "wrong root explained"
run evaluate $S --region $S
expect_rc 65 "store file given as region"

# validate on the samples
run validate samples/wenqi.xml samples/yancheng.xml samples/north.xml
expect_rc 0 "validate samples"
