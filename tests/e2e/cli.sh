#!/bin/sh
# cli.sh: the command line as people expect it: quarters in lower case, --lang in any
# case and with a region subtag, `planner help CMD`, a failed write of the help (74),
# the bash completion script, and planner.1 naming every option of every --help.
. tests/e2e/lib.sh
S=samples

run evaluate $S/wenqi.xml --region $S/yancheng.xml --quarter 2007Q1 --format json
upper=$out
run evaluate $S/wenqi.xml --region $S/yancheng.xml --quarter 2007q1 --format json
expect_rc 0 "--quarter 2007q1 is accepted"
check "--quarter 2007q1 evaluates 2007Q1" [ "$out" = "$upper" ]
run batch $S/yancheng.xml --out "$TMP/b" --quarter 2007q1 -j1
expect_rc 0 "batch --quarter 2007q1"
run evaluate $S/wenqi.xml --region $S/yancheng.xml --quarter 2007x1
expect_rc 64 "--quarter 2007x1 is refused"
expect_err 'planner evaluate: --quarter "2007x1" is not a quarter like 2007Q1' \
	"the refusal names the value as given"

export SOURCE_DATE_EPOCH=1175385600
for lang in en zh; do
	run plan $S/wenqi.xml --region $S/yancheng.xml --lang $lang -o "$TMP/$lang.pdf"
	pdftotext "$TMP/$lang.pdf" "$TMP/$lang.txt"
done
for pair in EN:en en-US:en en_us:en zh-CN:zh zh_CN:zh ZH:zh; do
	given=${pair%:*}
	want=${pair#*:}
	run plan $S/wenqi.xml --region $S/yancheng.xml --lang "$given" -o "$TMP/n.pdf"
	expect_rc 0 "plan --lang $given"
	pdftotext "$TMP/n.pdf" "$TMP/n.txt"
	check "plan --lang $given is the $want plan" cmp -s "$TMP/n.txt" "$TMP/$want.txt"
done
run plan $S/wenqi.xml --region $S/yancheng.xml --lang fr-FR -o "$TMP/n.pdf"
expect_rc 64 "plan --lang fr-FR (no templates/fr.txt) is a usage error"
run batch $S/yancheng.xml --out "$TMP/b-en" --lang en_US -j1
expect_rc 0 "batch --lang en_US"
check "batch --lang en_US writes the English summary" \
	sh -c "pdftotext '$TMP/b-en/summary.pdf' - | grep -q 'Quarterly reclassification'"

# help
run plan --help
plan_help=$out
run help plan
expect_rc 0 "planner help plan"
check "planner help plan prints plan's help" [ "$out" = "$plan_help" ]
run --help
overview=$out
run help
expect_rc 0 "planner help"
check "planner help prints the overview" [ "$out" = "$overview" ]
run help nosuch
expect_rc 64 "planner help nosuch"
for args in "--help" "help plan" "plan --help" "batch --help" "evaluate --help" \
	"validate --help" "import --help" "completion bash"; do
	$PLANNER $args >/dev/full 2>"$TMP/err"
	rc=$?
	err=$(cat "$TMP/err")
	expect_rc 74 "planner $args >/dev/full: the help could not be written"
done

# bash completion: run the script's function as bash would
run completion bash
expect_rc 0 "planner completion bash"
printf '%s\n' "$out" >"$TMP/planner.bash"
check "the completion script is valid bash" bash -n "$TMP/planner.bash"
# complete WORDS...: what the script offers for the last word
complete_words() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
		_planner "$0" >/dev/null 2>&1; printf "%s\n" "${COMPREPLY[@]}"' \
		"$PLANNER_BIN" "$TMP/planner.bash" "$@"
}
has() {   # has WORD LIST: LIST (one a line) holds WORD
	printf '%s\n' "$2" | grep -qx -- "$1"
}
check "completes the commands" has plan "$(complete_words planner pl)"
check "completes plan's own options" has --output "$(complete_words planner plan --ou)"
check "completes plan's shared options" has --min-peers "$(complete_words planner plan --min)"
check "completes batch --lang from templates/" has en "$(complete_words planner batch --lang '')"
check "completes no other templates file as a language" \
	sh -c "! printf '%s\n' \"\$1\" | grep -q swot" - "$(complete_words planner plan --lang '')"
mkdir -p "$TMP/data/templates" "$TMP/w/d"
cp templates/*.txt "$TMP/data/templates/"
cp templates/en.txt "$TMP/data/templates/xx.txt"
check "completes a language added to templates/" \
	has xx "$(PLANNER_DATADIR="$TMP/data" complete_words planner plan --lang x)"
: >"$TMP/w/a.xml"; : >"$TMP/w/b.pdf"; : >"$TMP/w/c.png"; : >"$TMP/w/e.csv"
words=$(cd "$TMP/w" && complete_words planner evaluate '')
check "evaluate's operand completes .xml files" has a.xml "$words"
check "evaluate's operand does not offer .pdf files" sh -c "! printf '%s\n' \"\$1\" | grep -q b.pdf" - "$words"
words=$(cd "$TMP/w" && complete_words planner plan a.xml -o '')
check "plan -o completes .pdf and .png" sh -c 'printf "%s\n" "$1" | grep -qx b.pdf && printf "%s\n" "$1" | grep -qx c.png' - "$words"
words=$(cd "$TMP/w" && complete_words planner batch a.xml --out '')
check "batch --out completes directories only" [ "$words" = d ]
words=$(cd "$TMP/w" && complete_words planner import '')
check "import's operand completes .csv files" has e.csv "$words"

# planner.1 has a section per command, and each command's section names every option
# of its --help (long and short)
for cmd in evaluate plan batch validate import help completion; do
	check "planner.1 has a section for $cmd" grep -q "^\.SS $cmd\$" planner.1
done
for cmd in evaluate plan batch validate import; do
	awk -v c="$cmd" '/^\.S[SH] / { on = ($0 == ".SS " c) } on' planner.1 >"$TMP/section"
	for opt in $($PLANNER $cmd --help | grep -o -- ' --*[a-z][a-z-]*' | sort -u); do
		# in the man source each - is \-; the name must not go on (--region is not --region-id)
		man=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
		check "planner.1 documents $cmd $opt" grep -Eq -- "$man([^a-z\\\\]|\$)" "$TMP/section"
	done
done
