#!/bin/sh
# generate.sh DIR: writes the large members of the bad-input catalogue into DIR (they
# are too big to keep in git): 1 MB names and texts, 100000-level nesting, 200000
# attributes, entity bombs behind a 70 KB comment, a UTF-16 copy of the Yancheng region.  Used by tests/e2e/bad_input.sh; listed in EXPECT.
set -eu
dir=$1
mkdir -p "$dir"
python3 - "$dir" <<'PY'
import sys
d = sys.argv[1]
HDR = '<?xml version="1.0" encoding="UTF-8"?>\n'
MB = 1 << 20
def store(attrs='id="3209031001" name="文奇店"', body='  <code>Y221</code>\n  <orders>\n    <q id="2007Q1">946</q>\n  </orders>\n'):
    return HDR + '<store ' + attrs + '>\n' + body + '</store>\n'
files = {
    # a store name of 1 MB (attribute)
    'long-name.xml': store(attrs='id="3209031001" name="' + '文' * (MB // 3) + '"'),
    # a store id of 1 MB
    'long-id.xml': store(attrs='id="' + '9' * MB + '" name="文奇店"'),
    # an element name of 1 MB (libxml2 stops at 50000 characters)
    'long-element-name.xml': store(body='  <code>Y221</code>\n  <' + 'x' * MB + '/>\n  <orders/>\n'),
    # an owner text of 1 MB
    'long-text.xml': store(body='  <code>Y221</code>\n  <owner>' + '孙' * (MB // 3) + '</owner>\n  <orders/>\n'),
    # 100000 levels of unknown elements inside a store
    'deep-nesting.xml': store(body='  <code>Y221</code>\n  <orders/>\n  ' + '<a>' * 100000 + '</a>' * 100000 + '\n'),
    # 100000 nested stores in a region
    'deep-nesting-region.xml': HDR + '<region id="320900">\n' + '<store id="1" name="x">' * 100000 + '</store>' * 100000 + '\n</region>\n',
    # 200000 attributes on one element
    'many-attributes.xml': store(attrs='id="3209031001" name="文奇店" ' + ' '.join('a%d="1"' % i for i in range(200000))),
}
# the entity bombs with their DOCTYPE after a 70 KB comment: beyond the reader's prolog
# scan, so libxml2 parses the DTD and its own limits (and the reader's DOCTYPE node
# check) must hold
pad = '<!--' + 'x' * 70000 + '-->\n'
for bomb in ('doctype-billion-laughs', 'doctype-quadratic', 'doctype-parameter-entities'):
    text = open('tests/bad/%s.xml' % bomb, encoding='utf-8').read()
    i = text.index('<!DOCTYPE')
    files['late-' + bomb[len('doctype-'):] + '.xml'] = text[:i] + pad + text[i:]
text = open('tests/bad/doctype-billion-laughs.xml', encoding='utf-8').read()
text = text.replace('name="&lol9;"', 'name="x"').replace('<code>Y221</code>', '<code>Y221</code>\n  <owner>&lol9;</owner>')
i = text.index('<!DOCTYPE')
files['late-laughs-in-content.xml'] = text[:i] + pad + text[i:]
# 100000 factors in one store, the last one repeating the first: the duplicate check
# must stay O(1) per factor (it was quadratic: minutes), and lines past 65535 must be
# right under validate too (libxml2 2.9 keeps an element's line in 16 bits)
factors = ''.join('    <factor name="f%d" value="1"/>\n' % i for i in range(99999))
body = '  <code>Y221</code>\n  <orders><q id="2007Q1">946</q></orders>\n  <assessment>\n'
files['factors-many.xml'] = store(body=body + factors + '    <factor name="f0" value="2"/>\n  </assessment>\n')
files['lines-past-65535.xml'] = store(body=body + factors.replace(
    '"f70000" value="1"/>', '"f70000" value="1" colour="red"/>') + '  </assessment>\n')
for name, text in files.items():
    with open(d + '/' + name, 'w', encoding='utf-8') as f:
        f.write(text)
# 1 MB of stray text between two stores of the seed region: one line, not 2048
s = open('samples/yancheng.xml', encoding='utf-8').read()
i = s.index('</store>') + len('</store>')
with open(d + '/stray-text-region.xml', 'w', encoding='utf-8') as f:
    f.write(s[:i] + '\n' + 'x' * MB + '\n' + s[i:])
# the seed region as UTF-16 with a BOM: valid, must evaluate like the UTF-8 file
s = open('samples/yancheng.xml', encoding='utf-8').read().replace('encoding="UTF-8"', 'encoding="UTF-16"')
with open(d + '/utf16-region.xml', 'wb') as f:
    f.write(s.encode('utf-16'))
PY
