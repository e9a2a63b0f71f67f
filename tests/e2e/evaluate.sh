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
expect_out "Orders       946 carton" "text: orders 946"
expect_out "Y2 (rural tobacco-and-liquor shops): 271 stores" "text: peer group Y2 of 271"
expect_out "large >= 1449" "text: large threshold 1449"
expect_out "Current code Y221" "text: current code Y221"
expect_out "Computed     Y221" "text: computed code Y221"
expect_out "Y121 (large): reach 1449 by 2007Q2, gap +503 (+53.2 %)" "text: target line"

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
