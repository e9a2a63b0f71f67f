#!/bin/sh
# subset.sh OUTDIR: makes OUTDIR/planner-core-Regular.otf and -Bold.otf, Noto Sans CJK SC
# (the installed fonts, as fontconfig finds them) cut down with hb-subset to: ASCII,
# Latin-1, general and CJK punctuation, full-width forms and every character of
# templates/*.txt (what every plan prints); OUTDIR/planner-subset-Regular.otf and -Bold.otf
# with the same and the 3755 characters of GB 2312 level 1 (the common hanzi); and
# OUTDIR/planner-extra-Regular.otf and -Bold.otf with the 3008 hanzi of GB 2312 level 2
# (names: 鑫, 晖, 琪; places: 盱眙); and copies fonts.conf next to them.  Run by make; see
# fonts/fonts.conf for how planner uses them.
# cairo 1.16 reads a font's whole Unicode cmap subtable again for every glyph it embeds
# (to find the glyph's character): the core font's map is small, so a plan's template
# text costs less to embed; its names and addresses take the rest from the second pair
# (callgrind, the seed zh plan: 86.2M instructions a plan instead of 106.0M, though it
# embeds both pairs).
# cairo 1.16 reads the whole CFF table of a font and walks its character map for every
# PDF it embeds the font in: 1.9 MB instead of 16 MB makes a plan PDF about twice as fast.
# A plan whose store name has one level-2 hanzi embeds the 1.7 MB extra font beside the
# first instead of the full 16 MB one (callgrind, a zh plan of a store named 金鑫店: 191M
# instructions with the full font, 116M with the extra one; 106M for 文奇店), and the
# first stays as small as it was (both levels in one font: 118M for every zh plan).
# cmap_pua.py then gives the glyphs that shaping reaches but no character does a private
# code point each (why: in that file).
set -eu
out=$1
here=$(dirname "$0")
mkdir -p "$out"
# core.txt: the core font's characters; unicodes.txt: the subset's; extra.txt: the extra font's
python3 - "$here/.." "$out/extra.txt" "$out/core.txt" >"$out/unicodes.txt" <<'PY'
import glob, sys
def gb2312(rows):
    out = set()
    for hi in rows:
        for lo in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return out
cps = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100)) | set(range(0x2000, 0x2070)) \
    | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
for path in glob.glob(sys.argv[1] + "/templates/*.txt"):
    cps.update(ord(c) for c in open(path, encoding="utf-8").read() if ord(c) >= 0x20)
with open(sys.argv[3], "w") as f:
    print(",".join("%X" % c for c in sorted(cps)), file=f)
cps |= gb2312(range(0xB0, 0xD8))              # GB 2312 level 1: rows 16-55
print(",".join("%X" % c for c in sorted(cps)))
extra = gb2312(range(0xD8, 0xF8)) - cps      # level 2: rows 56-87
with open(sys.argv[2], "w") as f:
    print(",".join("%X" % c for c in sorted(extra)), file=f)
PY
for weight in Regular Bold; do
	found=$(fc-match -f '%{family[0]}|%{file}|%{index}' "Noto Sans CJK SC:style=$weight")
	case "$found" in
	"Noto Sans CJK SC|"*) ;;
	*) echo "subset.sh: Noto Sans CJK SC $weight not installed (fontconfig offers: $found)" >&2
	   exit 1 ;;
	esac
	file=${found#*|}
	index=${file##*|}
	file=${file%|*}
	# desubroutinized: cairo then copies each glyph's outline and no subroutines
	# unhinted: planner draws with hinting off (render_page.c) and poppler draws the
	# same pixels without them; carried into every PDF, they made a zh plan PDF 13 %
	# larger and 7 % slower to write (see README, "The night's changes")
	for part in core:core subset:unicodes extra:extra; do
		name=${part%%:*}
		list="$out/${part#*:}.txt"
		hb-subset --font-file="$file" --face-index="$index" --unicodes-file="$list" \
			--desubroutinize --no-hinting --drop-tables-=BASE --passthrough-tables \
			--output-file="$out/planner-$name-$weight.otf.tmp"
		python3 "$here/cmap_pua.py" "$out/planner-$name-$weight.otf.tmp" "$list" >/dev/null
		mv "$out/planner-$name-$weight.otf.tmp" "$out/planner-$name-$weight.otf"
	done
done
cp "$here/fonts.conf" "$out/fonts.conf"
rm -f "$out/core.txt" "$out/unicodes.txt" "$out/extra.txt"
