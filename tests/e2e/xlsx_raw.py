#!/usr/bin/env python3
"""xlsx_raw.py OUT.xlsx ROWS.json: writes a workbook part by part (zipfile), the way Excel
itself stores cells, for the cases openpyxl does not write: text in sharedStrings.xml
(with a phonetic <rPh> run), long ids stored as numbers in E notation, cells without an
r attribute.  ROWS.json: [[row_number, [cell, ...]], ...]; a cell is a string (shared
string), {"n": "3.2E+11"} (a number as stored), {"empty": 1} (<c r="E5"/>) or null."""
import json
import sys
import zipfile

out, rows = sys.argv[1], json.load(open(sys.argv[2], encoding='utf-8'))
strings = []


def col(i):
    name = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


sheet = []
for number, cells in rows:
    xml = []
    for i, c in enumerate(cells):
        # every other cell without r (its column follows the previous cell's)
        bare = i % 2 == 1 and cells[i - 1] is not None
        ref = '' if bare else f' r="{col(i)}{number}"'
        if c is None:
            continue
        if isinstance(c, dict) and 'empty' in c:
            xml.append(f'<c r="{col(i)}{number}"/>')
        elif isinstance(c, dict):
            xml.append(f'<c{ref}><v>{c["n"]}</v></c>')
        else:
            strings.append(c)
            xml.append(f'<c{ref} t="s"><v>{len(strings) - 1}</v></c>')
    sheet.append(f'<row r="{number}">' + ''.join(xml) + '</row>')

NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
sst = ''.join(f'<si><r><t>{esc(s)}</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>'
              for s in strings)
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/'
               'package/2006/content-types"/>')
    z.writestr('_rels/.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/'
               'package/2006/relationships"><Relationship Id="rId1" Type="' + REL +
               '/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr('xl/workbook.xml', f'<workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>'
               '<sheet name="客户" sheetId="1" r:id="rId7"/></sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.'
               'openxmlformats.org/package/2006/relationships">'
               f'<Relationship Id="rId7" Type="{REL}/worksheet" Target="/xl/worksheets/s.xml"/>'
               f'<Relationship Id="rId8" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
               '</Relationships>')
    z.writestr('xl/sharedStrings.xml', f'<sst xmlns="{NS}" count="{len(strings)}">{sst}</sst>')
    z.writestr('xl/worksheets/s.xml', f'<worksheet xmlns="{NS}"><sheetData>' +
               ''.join(sheet) + '</sheetData></worksheet>')
