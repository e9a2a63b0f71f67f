#!/bin/sh
# same_outputs.sh: runs every command of planner on the samples, the edge cases and a
# generated 100k-store region, and keeps what each wrote (stdout, stderr, exit status,
# files) in one directory, so that two builds can be compared byte for byte:
#
#   sh tests/same_outputs.sh OLD/build/planner /tmp/old
#   sh tests/same_outputs.sh build/planner /tmp/new
#   diff -r /tmp/old /tmp/new
#
# PDFs are kept as pdftotext's words (their bytes hold a creation date), PNGs as is,
# workbooks unzipped with their dates blanked; paths are written IN and OUT.  Run from
# the repository root (it takes about ten minutes per build on the 2-core machine).
# STORES=N (default 100000) sets the size of the generated region.
set -u
PLANNER=${1:?usage: same_outputs.sh PLANNER OUTDIR}
OUT=${2:?usage: same_outputs.sh PLANNER OUTDIR}
STORES=${STORES:-100000}
export SOURCE_DATE_EPOCH=1175385600
rm -rf "$OUT"
mkdir -p "$OUT"
# inputs outside OUT, in a directory whose name has the same length in every run (the
# region's path is printed in summaries, and sizes the workbook's columns) and only
# digits after the fixed part: digits are all as wide, and letters of other widths would
# move summary.pdf's columns, and pdftotext's layout of them, from one run to the next
IN=
for try in 1 2 3 4 5 6 7 8; do
	n=$(od -An -N4 -tu4 /dev/urandom | tr -dc 0-9)
	d="${TMPDIR:-/tmp}/same_outputs_in.$(printf '%010d' "$n")"
	if mkdir -m 700 "$d" 2>/dev/null; then
		IN=$d
		break
	fi
done
if [ -z "$IN" ]; then
	echo "same_outputs.sh: cannot make a directory in ${TMPDIR:-/tmp}" >&2
	exit 1
fi

# run NAME CMD...: stdout, stderr and the exit status of one command
run() {
	name=$1
	shift
	"$@" >"$OUT/$name.out" 2>"$OUT/$name.err"
	echo $? >"$OUT/$name.rc"
}

# pdf_words FILE: the PDF replaced by its text (and removed)
pdf_words() {
	[ -f "$1" ] || return 0
	pdftotext -layout "$1" "$1.txt" 2>/dev/null
	rm -f "$1"
}

# inputs: the generated region, and store profiles cut out of each region
python3 samples/gen_region.py --stores "$STORES" --seed 7 -o "$IN/big.xml"
python3 - "$IN" samples/yancheng.xml samples/north.xml "$IN/big.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
out = sys.argv[1]
for path in sys.argv[2:]:
    root = ET.parse(path).getroot()
    stores = root.findall("store")
    step = max(1, len(stores) // 25)
    tag = path.rsplit("/", 1)[-1].split(".")[0]
    for k, s in enumerate(stores[::step][:25]):
        with open(f"{out}/{tag}-{k:02d}.xml", "wb") as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
            f.write(ET.tostring(s, encoding="utf-8"))
PY

# evaluate (text and json) and plan (PDF words, PNG) of each store against its region
for s in samples/wenqi.xml "$IN"/yancheng-*.xml "$IN"/north-*.xml "$IN"/big-*.xml \
	tests/edge/*.xml; do
	case "$s" in
	*/wenqi.xml|*/yancheng-*) r=samples/yancheng.xml ;;
	*/north-*) r=samples/north.xml ;;
	*/big-*) r=$IN/big.xml ;;
	*/edge/region.xml) continue ;;
	*) r=tests/edge/region.xml ;;
	esac
	n=$(basename "$s" .xml)
	case "$s" in tests/edge/*) n=edge-$n ;; esac
	run "evaluate-$n" "$PLANNER" evaluate "$s" --region "$r"
	run "evaluate-$n-json" "$PLANNER" evaluate "$s" --region "$r" --format json
	case "$s" in */big-*) continue ;; esac    # plans: the samples and the edge cases
	for lang in zh en; do
		run "plan-$n-$lang" "$PLANNER" plan "$s" --region "$r" -o "$OUT/plan-$n-$lang.pdf" \
			--lang "$lang"
		pdf_words "$OUT/plan-$n-$lang.pdf"
	done
	case "$n" in wenqi|yancheng-0[0-4]|north-0[0-2]|edge-*)
		run "plan-$n-png" "$PLANNER" plan "$s" --region "$r" -o "$OUT/plan-$n.png" --lang en ;;
	esac
done

# batch: every output file (summary.pdf as words), on each region
for r in samples/yancheng.xml samples/north.xml tests/edge/region.xml "$IN/big.xml"; do
	n=batch-$(basename "$r" .xml)
	case "$r" in tests/edge/*) n=batch-edge ;; esac
	run "$n" "$PLANNER" batch "$r" --out "$OUT/$n" --xlsx --bom
	run "$n-en" "$PLANNER" batch "$r" --out "$OUT/$n-en" --lang en --gap 40 --shares 10,30,60
done
run batch-plans "$PLANNER" batch samples/yancheng.xml --out "$OUT/batch-plans" --plans --top 15 -j2
find "$OUT" -name '*.pdf' | while read -r f; do pdf_words "$f"; done
# a workbook is a zip with dates inside: kept as its unzipped parts
find "$OUT" -name '*.xlsx' | while read -r f; do
	mkdir "$f.d" && (cd "$f.d" && unzip -q ../"$(basename "$f")") && rm -f "$f"
	grep -rl 'dcterms:created' "$f.d" | xargs -r sed -i 's/<dcterms:\(created\|modified\)[^<]*</<dcterms:\1</g'
done

# validate
run validate "$PLANNER" validate samples/yancheng.xml samples/north.xml samples/wenqi.xml \
	tests/edge/*.xml "$IN/big.xml"

# import: the seed region as a sales system exports it (CSV, stores + long-form orders,
# XLSX; openpyxl comes from Debian's python3)
PY=python3
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null && PY=/usr/bin/python3
$PY tests/e2e/region_to_table.py samples/yancheng.xml "$IN/y"
R="--region-id 320900 --region-name 盐城 --quarter 2007Q1"
run import-csv "$PLANNER" import "$IN/y.csv" -o "$OUT/import-csv.xml" $R
run import-long "$PLANNER" import "$IN/y-stores.csv" --orders "$IN/y-orders.csv" \
	-o "$OUT/import-long.xml" $R
run import-xlsx "$PLANNER" import "$IN/y.xlsx" --sheet stores -o "$OUT/import-xlsx.xml" $R
rm -rf "$IN"
# messages and summaries name the input and output paths: the same for both runs
grep -rlF -e "$OUT" -e "$IN" "$OUT" | xargs -r sed -i -e "s|$OUT|OUT|g" -e "s|$IN|IN|g"
echo "same_outputs: $(find "$OUT" -type f | wc -l) files in $OUT"
