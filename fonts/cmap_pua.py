"""cmap_pua.py FONT UNICODES: gives each glyph that shaping reaches but the font's format 4
character map does not a code point of the Private Use Area (U+E000 up), rewriting FONT
in place (run by subset.sh after hb-subset; UNICODES is hb-subset's list, hex numbers
separated by commas).  Why: for each new glyph of a PDF, cairo 1.16 looks for the
character that maps to it, first in the format 4 table, then by walking every character
of the font through FreeType.  The glyphs that shaping substitutes (digits and Latin
letters shaped as English inside a zh plan, full-width punctuation) are in no table, so
each cost a walk of all 4,364 characters.  They are found by shaping the font's own
characters with hb-shape (harfbuzz, as pango shapes), in the languages and scripts
pango gives plan text, each alone and all in a row.  Text never uses these code points;
a PDF's text layer comes from the text itself.  Callgrind, 10 zh plans: 1,430.8M
instructions before, 1,321.1M after (every unreached glyph mapped instead: 1,356.6M,
the longer table being read for every glyph)."""
import os
import struct
import subprocess
import sys

def u16(d, o): return struct.unpack_from('>H', d, o)[0]

def read_format4(d, t):
    segx2 = u16(d, t + 6); n = segx2 // 2
    ends = struct.unpack_from('>%dH' % n, d, t + 14)
    starts = struct.unpack_from('>%dH' % n, d, t + 16 + segx2)
    deltas = struct.unpack_from('>%dH' % n, d, t + 16 + 2 * segx2)
    ro_at = t + 16 + 3 * segx2
    ros = struct.unpack_from('>%dH' % n, d, ro_at)
    segs = []   # (start, end, delta, glyph array or None)
    for k in range(n):
        arr = None
        if ros[k]:
            a = ro_at + 2 * k + ros[k]
            arr = list(struct.unpack_from('>%dH' % (ends[k] - starts[k] + 1), d, a))
        segs.append((starts[k], ends[k], deltas[k], arr))
    return segs

def mapped_glyphs(segs):
    out = set()
    for s, e, delta, arr in segs:
        for c in range(s, e + 1):
            if c == 0xFFFF: continue
            g = (c + delta) & 0xFFFF if arr is None else ((arr[c - s] + delta) & 0xFFFF if arr[c - s] else 0)
            if g: out.add(g)
    return out

def write_format4(segs):
    segs = sorted(segs, key=lambda s: s[1])
    n = len(segs); segx2 = 2 * n
    p = 1
    while p * 2 <= n: p *= 2
    search = 2 * p; selector = p.bit_length() - 1
    ends = [s[1] for s in segs]; starts = [s[0] for s in segs]; deltas = [s[2] for s in segs]
    ros = []; glyphs = []
    for k, (s, e, delta, arr) in enumerate(segs):
        if arr is None:
            ros.append(0)
        else:
            ros.append(2 * (n - k) + 2 * len(glyphs))
            glyphs.extend(arr)
    length = 16 + 4 * segx2 + 2 * len(glyphs)
    if length > 0xFFFF: raise SystemExit('cmap_pua: format 4 table too long')
    b = struct.pack('>7H', 4, length, 0, segx2, search, selector, segx2 - search)
    b += struct.pack('>%dH' % n, *ends) + b'\0\0' + struct.pack('>%dH' % n, *starts)
    b += struct.pack('>%dH' % n, *deltas) + struct.pack('>%dH' % n, *ros)
    b += struct.pack('>%dH' % len(glyphs), *glyphs)
    return b

def checksum(b):
    b = b + b'\0' * (-len(b) % 4)
    return sum(struct.unpack('>%dI' % (len(b) // 4), b)) & 0xFFFFFFFF

def shaped_glyphs(font, unicodes):
    chars = [chr(int(h, 16)) for h in unicodes.split(',') if h.strip() and int(h, 16) != 0x20]
    glyphs = set()
    for lang in ('zh-Hans', 'en', 'und'):
        for script in (None, 'Latn', 'Hani'):
            for text in (''.join(chars), ' '.join(chars)):
                cmd = ['hb-shape', '--font-file=' + font, '--language=' + lang,
                       '--no-clusters', '--no-positions', '--no-glyph-names', '--text-file=/dev/stdin']
                if script:
                    cmd.append('--script=' + script)
                out = subprocess.run(cmd, input=text, capture_output=True, text=True, check=True).stdout
                for line in out.split('\n'):
                    line = line.strip().strip('[]')
                    if line:
                        glyphs.update(int(g) for g in line.split('|'))
    return glyphs

path = sys.argv[1]
reached = shaped_glyphs(path, open(sys.argv[2]).read())
d = open(path, 'rb').read()
num = u16(d, 4)
dirs = [struct.unpack_from('>4sIII', d, 12 + 16 * i) for i in range(num)]
data = {tag: d[off:off + ln] for tag, _, off, ln in dirs}
cmap = data[b'cmap']
nglyphs = u16(data[b'maxp'], 4)
recs = [struct.unpack_from('>HHI', cmap, 4 + 8 * i) for i in range(u16(cmap, 2))]
f4 = [o for _, _, o in recs if u16(cmap, o) == 4]
assert len(set(f4)) == 1, 'one format 4 subtable expected'
segs = read_format4(cmap, f4[0])
have = mapped_glyphs(segs)
lost = sorted(g for g in reached if 0 < g < nglyphs and g not in have)
assert len(lost) <= 0xF8FF - 0xE000 + 1
assert not any(s <= 0xF8FF and e >= 0xE000 for s, e, _, _ in segs), 'PUA already used'
if lost:
    segs.append((0xE000, 0xE000 + len(lost) - 1, 0, lost))
new4 = write_format4(segs)
# the other subtables copied as they are, after the new format 4
others = sorted(set(o for _, _, o in recs if o != f4[0]))
ends = sorted(set(o for _, _, o in recs)) + [len(cmap)]
body = new4; moved = {f4[0]: 4 + 8 * len(recs)}
for o in others:
    nxt = min(e for e in ends if e > o)
    moved[o] = 4 + 8 * len(recs) + len(body)
    body += cmap[o:nxt]
newcmap = struct.pack('>HH', 0, len(recs)) + b''.join(struct.pack('>HHI', p, e, moved[o]) for p, e, o in recs) + body
data[b'cmap'] = newcmap
# the sfnt again: tables in their old order, 4-byte aligned, checksums and head's adjustment
order = sorted(dirs, key=lambda t: t[2])
head = bytearray(data[b'head']); head[8:12] = b'\0\0\0\0'; data[b'head'] = bytes(head)
out = bytearray(d[:12]); offs = {}; pos = 12 + 16 * num
blob = bytearray()
for tag, _, _, _ in order:
    offs[tag] = pos + len(blob); blob += data[tag] + b'\0' * (-len(data[tag]) % 4)
for tag, _, _, _ in sorted(dirs):
    out += struct.pack('>4sIII', tag, checksum(data[tag]), offs[tag], len(data[tag]))
out += blob
adj = (0xB1B0AFBA - checksum(bytes(out))) & 0xFFFFFFFF
h = offs[b'head']; out[h + 8:h + 12] = struct.pack('>I', adj)
open(path + '.tmp', 'wb').write(out)
os.replace(path + '.tmp', path)
print('cmap_pua: %s: %d glyphs given U+E000-U+%04X' % (path, len(lost), 0xE000 + len(lost) - 1))
