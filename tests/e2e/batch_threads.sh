#!/bin/sh
# batch_threads.sh: `planner batch -j4` writes the same output as `-j1`.  The threads of
# the batch pipeline start at 100,000 stores; --thread-min-rows 500 makes a generated
# 3,000-store region run them (6 ranges of the row pass, the two quarters classified at
# once, the lists side by side).  Every file is compared byte for byte, except the dates
# summary.pdf and the workbook carry (the time they were written).
. tests/e2e/lib.sh
python3 samples/gen_region.py --stores 3000 --seed 3 -o "$TMP/r.xml"

run batch "$TMP/r.xml" --out "$TMP/j1" -j1 --thread-min-rows 500 --xlsx
expect_rc 0 "batch -j1 on a generated region"
run batch "$TMP/r.xml" --out "$TMP/j4" -j4 --thread-min-rows 500 --xlsx
expect_rc 0 "batch -j4 --thread-min-rows 500 on the same region"

for f in reclassification.csv candidates.csv downgrades.csv transitions.csv summary.json; do
	check "$f: -j4 is byte-identical to -j1" cmp -s "$TMP/j1/$f" "$TMP/j4/$f"
done
check "reclassification.csv has every store" [ "$(wc -l <"$TMP/j4/reclassification.csv")" -eq 3001 ]
check "no part file left" [ -z "$(ls -A "$TMP/j4" | grep part)" ]

# summary.pdf: the same bytes but its /CreationDate
for j in j1 j4; do
	LC_ALL=C sed 's|/CreationDate (D:[0-9Z]*)|/CreationDate ()|' "$TMP/$j/summary.pdf" >"$TMP/$j.pdf"
done
check "summary.pdf: -j4 is byte-identical to -j1 but its creation date" cmp -s "$TMP/j1.pdf" "$TMP/j4.pdf"

# the workbook: every part the same, but the dates of docProps/core.xml
for j in j1 j4; do
	mkdir "$TMP/$j.x" && (cd "$TMP/$j.x" && unzip -q "$TMP/$j/reclassification.xlsx")
	LC_ALL=C sed -i 's#<dcterms:\(created\|modified\)[^<]*<#<dcterms:\1<#g' "$TMP/$j.x/docProps/core.xml"
done
check "reclassification.xlsx: -j4 has the same parts as -j1 but the dates" diff -r "$TMP/j1.x" "$TMP/j4.x"

run batch "$TMP/r.xml" --out "$TMP/bad" --thread-min-rows 0
expect_rc 64 "--thread-min-rows 0 is a usage error"
