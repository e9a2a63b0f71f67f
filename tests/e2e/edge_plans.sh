#!/bin/sh
# edge_plans.sh: plans and evaluations that must say only what is true on the edge cases
# of tests/edge/ (region.xml and one store profile per case): a code in the file that is
# stale (the promotion starts from the computed class, the change is said plainly), a store
# with 0 orders (growth from zero, never moved up by a zero threshold), missing data (no
# assessment, no figure this quarter, a group too small, one quarter of history), a large
# store's retention plan, and a name holding line breaks in evaluate's text output.
. tests/e2e/lib.sh

E=tests/edge
R=$E/region.xml
export SOURCE_DATE_EPOCH=1175385600

# plan_text CASE LANG: renders the plan, sets $text to its words on one line
plan_text() {
	run plan "$E/$1.xml" --region "$R" -o "$TMP/$1-$2.pdf" --lang "$2"
	expect_rc 0 "plan $1 ($2)"
	text=$(pdftotext -raw "$TMP/$1-$2.pdf" - 2>/dev/null | tr -s ' \n' '  ')
}
has() {   # has "fixed string" "description"
	case "$text" in *"$1"*) echo "ok - $2" ;; *) echo "not ok - $2: lacks '$1'" ;; esac
}
lacks() {
	case "$text" in *"$1"*) echo "not ok - $2: shows '$1'" ;; *) echo "ok - $2" ;; esac
}

# ---- 1. the promotion starts from the computed code; a class change is said ---------------
plan_text stale-small en
has "Y321 → Y221" "stale code: target card reads computed -> target"
lacks "Y121 → Y221" "stale code: not from the file's code"
has "from small to medium" "stale code: from the computed class"
has "Downgraded from large (Y121) to small (Y321) this quarter" "stale code: the downgrade is said"
has "being large again takes 1500 cartons" "stale code: what regaining large takes"
plan_text stale-small zh
has "Y321 → Y221" "zh stale code: computed -> target"
has "本季度由大户（Y121）降为小户（Y321）" "zh stale code: the downgrade is said"
plan_text downgraded en
has "Y221 → Y121" "downgraded: medium -> large"
lacks "Y121 → Y121" "downgraded: never X -> X"
has "regain 1500 cartons by 2007Q2" "downgraded: regain the threshold by the deadline"
plan_text downgraded zh
has "2007年第二季度订购量恢复到1500条，即可重回大户" "zh downgraded: regain wording"

# batch --plans on the bundled region: every headline starts from the new code
run batch samples/yancheng.xml --out "$TMP/yc" --plans --top 20
expect_rc 0 "batch --plans --top 20"
bad=0
for f in "$TMP"/yc/plans/*.pdf; do
	id=$(basename "$f" .pdf)
	head=$(pdftotext "$f" - 2>/dev/null | grep -m1 '→' | tr -d ' ')
	new=$(awk -F, -v id="$id" '$1 == id { print $11 }' "$TMP/yc/reclassification.csv")
	case "$head" in "$new→"*) ;; *) bad=$((bad + 1)); echo "# $id: '$head', new code $new" ;; esac
done
check "batch plans: every target card starts from the computed code" test "$bad" -eq 0

# ---- 2. 0 orders: growth from zero; a zero threshold never moves a store up ---------------
run evaluate "$E/zero.xml" --region "$R"
expect_rc 0 "evaluate a store with 0 orders"
expect_out "gap +900 (from 0 to 900 cartons)" "text: growth from zero in words"
case "$out" in *nan*) echo "not ok - text shows nan" ;; *) echo "ok - text shows no nan" ;; esac
run evaluate "$E/zero.xml" --region "$R" --format json
check "json: growth_required_pct present and null" test "$(json_field growth_required_pct)" = null
check "json: gap 900" test "$(json_field gap)" = 900
run evaluate "$E/zero-group.xml" --region "$R"
expect_out "Thresholds   large >= 100, medium >= 0" "zero group: medium threshold 0"
expect_out "Computed     B321 (small)" "zero group: a 0 figure is small, not medium"
expect_out "reach 1 by 2007Q2, gap +1 (from 0 to 1 cartons)" "zero group: any figure above 0 is the target"
run batch "$R" --out "$TMP/edge"
expect_rc 0 "batch on the edge region"
row=$(grep '^9903004,' "$TMP/edge/reclassification.csv")
case "$row" in *,B221,B321,down,ok,small,*) echo "ok - batch: a medium store at 0 falls to small" ;;
*) echo "not ok - batch: 9903004 at 0 not small: $row" ;; esac
plan_text zero en
has "from 0 to 900 cartons" "plan: growth from zero in words"
lacks "+- %" "plan: no '+- %'"
lacks "nan" "plan: no nan"
lacks "projects -" "plan: no negative projection"
has "Orders are falling towards none by 2007Q2" "plan: a trend falling to 0 is worded"
plan_text zero zh
has "由0增至900条" "zh plan: growth from zero in words"
lacks "+- %" "zh plan: no '+- %'"

# ---- 6. missing data: each plan says only what is known -----------------------------------
plan_text tiny en
lacks "Work on the weaknesses below" "tiny group, no weakness: no 'work on the weaknesses'"
has "Re-evaluate when the group is larger" "tiny group: says why there is no target"
has "have gone through this evaluation together" "tiny group: signature without target or measures"
lacks "agree on the target" "tiny group: signature names no target"
plan_text tiny zh
lacks "请先改进下列薄弱环节" "zh tiny group: no 'work on the weaknesses'"
plan_text unassessed en
lacks "No weakness or threat was found" "unassessed: not 'no weakness found'"
has "the store has not been assessed" "unassessed: says it was never assessed"
lacks "measures below" "unassessed: the verdict names no measures"
has "agree on the target above" "unassessed: signature names the target only"
plan_text unassessed zh
lacks "未发现劣势或威胁" "zh unassessed: not 'no weakness found'"
plan_text no-figure en
lacks "Orders grew" "no figure this quarter: no history strength"
lacks "projects" "no figure: no projection the chart does not draw"
lacks "agree on the target" "no figure: signature names no target"
plan_text large en
has "Keep Y121" "large store: retention target"
lacks "planned" "large store: no planned bars at the threshold"
lacks "rise step by step" "large store: no rise wording"
plan_text newline-name en
has "no trend: orders held flat" "one quarter: the flat projection is drawn and named"

# ---- 8. names with line breaks stay on their line in evaluate's text ----------------------
run evaluate "$E/newline-name.xml" --region "$R"
expect_rc 0 "evaluate a name with line breaks"
expect_out 'Store        9901009 Forged\nStatus       ok\r\tx\\y' "name printed escaped on one line"
check "text output has its 10 lines" test "$(printf '%s\n' "$out" | wc -l)" -eq 10
check "no forged Status line" test "$(printf '%s\n' "$out" | grep -c '^Status')" -eq 1
