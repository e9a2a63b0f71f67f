#!/usr/bin/env python3
"""region_to_table.py REGION.xml PREFIX: writes a region's stores the way a sales system
exports them, for tests/e2e/import.sh: PREFIX.csv (UTF-8 with BOM, CRLF, Chinese
headers in a shuffled order, quarters headed in three styles, one unknown column),
PREFIX-stores.csv + PREFIX-orders.csv (the figures in long form, LF) and PREFIX.xlsx
(openpyxl; ids, orders, areas and years stored as numbers)."""
import csv
import sys
import xml.etree.ElementTree as ET

import openpyxl

region = ET.parse(sys.argv[1]).getroot()
prefix = sys.argv[2]
stores = region.findall('store')
quarters = sorted({q.get('id') for s in stores for q in s.iter('q')})
NUMERALS = '一二三四'


def quarter_header(i, q):
    year, n = q[:4], int(q[5])
    return [q, f'{year}年第{n}季度', f'{year}年{NUMERALS[n - 1]}季度'][i % 3]


def text(s, tag):
    e = s.find(tag)
    return e.text if e is not None and e.text else ''


fields = [('客户名称', lambda s: s.get('name')), ('分类编码', lambda s: text(s, 'code')),
          ('备注', lambda s: 'exported'), ('许可证号', lambda s: s.get('id')),
          ('经营地址', lambda s: text(s, 'address')), ('负责人', lambda s: text(s, 'owner')),
          ('开业年份', lambda s: text(s, 'opened')), ('经营面积', lambda s: text(s, 'area'))]


def orders(s):
    return {q.get('id'): q.text for q in s.iter('q')}


header = [f[0] for f in fields] + [quarter_header(i, q) for i, q in enumerate(quarters)]
rows = [[f[1](s) for f in fields] + [orders(s).get(q, '') for q in quarters] for s in stores]

with open(prefix + '.csv', 'w', encoding='utf-8-sig', newline='') as f:
    w = csv.writer(f, lineterminator='\r\n')
    w.writerow(header)
    w.writerows(rows)

with open(prefix + '-stores.csv', 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow([h for h, _ in fields])
    w.writerows(r[:len(fields)] for r in rows)
with open(prefix + '-orders.csv', 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['store_id', 'quarter', 'orders'])
    for s in reversed(stores):          # any order: the region keeps the stores' order
        for q, v in orders(s).items():
            w.writerow([s.get('id'), q, v])


def number(v):
    if v == '':
        return None
    x = float(v)
    return int(x) if x == int(x) else x


wb = openpyxl.Workbook()
notes = wb.active
notes.title = 'notes'                   # the stores are not on the first sheet: --sheet
notes['A1'] = 'exported by the sales system'
ws = wb.create_sheet('stores')
ws.append(header)
numeric = {'许可证号', '开业年份', '经营面积'}
for r in rows:
    cells = []
    for h, v in zip(header, r):
        if h in numeric or header.index(h) >= len(fields):
            cells.append(number(v) if v.isdigit() or (v and h != '许可证号') else (v or None))
        else:
            cells.append(v or None)
    ws.append(cells)
wb.save(prefix + '.xlsx')
