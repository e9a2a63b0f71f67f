#!/usr/bin/env python3
"""gen_region.py - write a synthetic region file for the outlet upgrade planner.

Stores are spread over skewed peer groups (formats Y S B C E Q x market 1/2), with
log-normal order figures drifting from quarter to quarter and codes mostly consistent
with the previous quarter's class. Output is streamed: memory stays constant, so a
1,000,000-store region (~250 MB) takes seconds. Standard library only.

    python3 samples/gen_region.py --stores N [--seed S] [--quarters 4]
                                  [--quarter 2007Q1] [--region-id 329900]
                                  [--name NAME] [--assess 0.05] [--lean] [-o FILE]
"""

import argparse
import math
import os
import random
import sys

# ----------------------------------------------------------------------------- groups
# (format, market, weight, median orders per quarter in cartons, log-sigma)
GROUPS = [
    ("S", "2", 28, 260, 0.75),
    ("S", "1", 17, 300, 0.75),
    ("Y", "2", 15, 700, 0.70),
    ("Y", "1", 10, 820, 0.70),
    ("B", "1", 8, 420, 0.60),
    ("B", "2", 3, 330, 0.60),
    ("C", "1", 5, 900, 0.80),
    ("C", "2", 3, 600, 0.80),
    ("Q", "1", 4, 120, 0.90),
    ("Q", "2", 3, 100, 0.90),
    ("E", "1", 3, 160, 0.80),
    ("E", "2", 1, 130, 0.80),
]

DRIFT_MEAN = 0.015   # mean log growth per quarter
DRIFT_SD = 0.09      # sd of log growth per quarter
Z80 = 0.8416212335729143  # standard normal 80 % quantile: top 20 % are large

# ----------------------------------------------------------------------------- names
SURNAMES = ("孙 王 李 张 刘 陈 杨 黄 赵 吴 周 徐 朱 胡 高 林 何 郭 马 罗 梁 宋 郑 谢 韩 唐 "
            "冯 于 董 萧 程 曹 袁 邓 许 傅 沈 曾 彭 吕 苏 卢 蒋 蔡 贾 丁 魏 薛 叶 阎 余 潘 "
            "杜 戴 夏 钟 汪 田 任 姜 范 方 石 姚 谭 廖 邹 熊 金 陆 郝 孔 白 崔 康 毛 邱 秦 "
            "江 史 顾 侯 邵 孟 龙 万 段 雷 钱 汤 尹 黎 易 常 武 乔 贺 赖 龚 文").split()

NAME_WORDS = ("文奇 永兴 兴旺 福源 德利 金鑫 鑫源 惠民 万家 顺发 宏达 佳和 和平 昌盛 益民 "
              "恒丰 富民 新华 红星 东升 长江 友谊 百姓 诚信 利民 天福 盛达 瑞丰 广源 四季 "
              "聚福 华联 明珠 新世纪 阳光 丰收 旺角 好又多 开心 家家乐 金桥 银河 龙腾 "
              "春晖 大众 安康 祥和 吉祥 嘉禾 海丰 晨光 众鑫 鼎盛 平安").split()

SUFFIXES = {
    "Y": ("烟酒店", "烟酒商行", "烟酒批发部", "名烟名酒", "烟酒商店", "烟酒经营部", "店"),
    "S": ("食杂店", "副食店", "小卖部", "商店", "百货店", "杂货店", "日杂店"),
    "B": ("便利店", "便利", "24小时便利店", "便民店"),
    "C": ("超市", "购物中心", "超市连锁店", "生活超市", "平价超市"),
    "E": ("大酒店", "KTV", "茶楼", "宾馆", "娱乐城", "休闲会所", "浴室"),
    "Q": ("书报亭", "加油站便利点", "药店", "报刊亭", "电讯店", "五金店"),
}

# Names that exercise escaping in XML (&, ") and quoting in CSV (",", ").
# Stored unescaped; xml_attr() escapes them.
ODD_NAMES = (
    '"好又多"烟酒店', '王记烟酒, 副食', '老张烟酒&百货', '"惠民"便利店',
    '李家商店, 二分店', '“福源”超市', "Joe's 便利店", '金鑫烟酒,茶叶,土产',
    '"一品"名烟名酒, 大冈店',
)

SURROUNDINGS = ("industrial-park hotel guest-house residential school market hospital "
                "bus-station office village factory restaurant highway tourist-site "
                "construction-site government university").split()

HONOURS = ("model cigarette retail household", "two-star household",
           "three-star household", "civilised business household",
           "honest business household")

# ----------------------------------------------------------------------------- places
# Per region id: city, urban districts, rural (county -> towns), urban roads, rural roads.
PLACES = {
    "320900": {
        "city": "盐城市",
        "urban": ("亭湖区", "盐都区"),
        "rural": {
            "盐都区": ("大冈镇", "龙冈镇", "郭猛镇", "秦南镇", "楼王镇", "学富镇", "尚庄镇",
                     "葛武镇", "义丰镇", "北蒋镇"),
            "亭湖区": ("南洋镇", "新洋港镇", "盐东镇", "黄尖镇", "便仓镇"),
            "建湖县": ("上冈镇", "近湖镇", "钟庄镇", "冈西镇", "庆丰镇"),
            "射阳县": ("合德镇", "临海镇", "海河镇", "特庸镇", "兴桥镇"),
            "东台市": ("安丰镇", "富安镇", "时堰镇", "溱东镇", "许河镇"),
            "大丰市": ("大中镇", "刘庄镇", "白驹镇", "草堰镇", "小海镇"),
            "阜宁县": ("阜城镇", "益林镇", "沟墩镇", "东沟镇", "羊寨镇"),
            "滨海县": ("东坎镇", "八滩镇", "五汛镇", "天场镇", "滨淮镇"),
            "响水县": ("响水镇", "陈家港镇", "小尖镇", "黄圩镇", "运河镇"),
        },
        "roads": ("解放南路", "建军中路", "人民中路", "开放大道", "毓龙路", "迎宾路",
                  "青年路", "文港路", "大庆路", "健康路", "新都路", "世纪大道", "东进路",
                  "盐马路", "范公路", "双元路"),
    },
    "320800": {
        "city": "淮安市",
        "urban": ("清河区", "清浦区"),
        "rural": {
            "楚州区": ("淮城镇", "车桥镇", "溪河镇", "钦工镇", "流均镇"),
            "淮阴区": ("王营镇", "渔沟镇", "南陈集镇", "徐溜镇", "码头镇"),
            "涟水县": ("涟城镇", "高沟镇", "唐集镇", "保滩镇", "红窑镇"),
            "洪泽县": ("高良涧镇", "蒋坝镇", "岔河镇", "老子山镇"),
            "盱眙县": ("盱城镇", "马坝镇", "官滩镇", "旧铺镇", "桂五镇"),
            "金湖县": ("黎城镇", "银涂镇", "塔集镇", "前锋镇"),
        },
        "roads": ("淮海东路", "淮海西路", "淮海南路", "北京路", "健康路", "交通路",
                  "承德路", "翔宇大道", "解放东路", "人民南路", "水门桥路", "大治路",
                  "环城路", "清浦路"),
    },
}
GENERIC_PLACES = {
    "city": "{name}市",
    "urban": ("城东区", "城西区", "城北区"),
    "rural": {
        "东县": ("东集镇", "新庄镇", "长安镇", "桥头镇"),
        "西县": ("西湖镇", "三河镇", "王集镇", "高墩镇"),
        "南县": ("南港镇", "白马镇", "马庄镇"),
    },
    "roads": ("人民路", "解放路", "建设路", "中山路", "新华路", "文化路", "友谊路",
              "胜利路", "东风路", "青年路"),
}
TOWN_ROADS = ("街", "中街", "东街", "西街", "南街", "北街", "大街", "新街", "老街")
TOWN_VILLAGE = ("村", "居委会", "社区")


def xml_escape(s):
    """Escape text for an XML attribute or element (both quote kinds included)."""
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def places_for(region_id, region_name):
    """The address table for a region: a known one, or a generic one named after it."""
    if region_id in PLACES:
        return PLACES[region_id]
    p = dict(GENERIC_PLACES)
    p["city"] = p["city"].format(name=region_name)
    return p


def address_pools(places):
    """Precomputed, XML-escaped address prefixes for urban and rural stores."""
    city = places["city"]
    urban = [city + d + r for d in places["urban"] for r in places["roads"]]
    rural = []
    for county, towns in places["rural"].items():
        for t in towns:
            base = t[:-1] if t.endswith("镇") else t
            rural.extend(city + county + t + base + s for s in TOWN_ROADS)
            rural.extend(city + county + t + w + s for w in NAME_WORDS[:6]
                         for s in TOWN_VILLAGE)
            rural.extend(city + county + t + r for r in places["roads"][:3])
    return [xml_escape(a) for a in urban], [xml_escape(a) for a in rural]


def quarter_list(last, count):
    """The `count` quarter ids ending with `last` (e.g. 2007Q1, 4 -> 2006Q2..2007Q1)."""
    year, q = int(last[:4]), int(last[5])
    out = []
    for _ in range(count):
        out.append("%04dQ%d" % (year, q))
        q -= 1
        if q == 0:
            year, q = year - 1, 4
    return out[::-1]


def parse_args(argv):
    ap = argparse.ArgumentParser(
        description="Write a synthetic region file (planner.xsd) with N stores.")
    ap.add_argument("--stores", type=int, required=True, metavar="N",
                    help="number of stores")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--quarters", type=int, default=4,
                    help="quarters of order history per store (default 4)")
    ap.add_argument("--quarter", default="2007Q1",
                    help="last (evaluated) quarter, YYYYQn (default 2007Q1)")
    ap.add_argument("--region-id", default="329900",
                    help="region id (default 329900; 320900 and 320800 have real place names)")
    ap.add_argument("--name", default=None,
                    help="region name (default: 盐城 for 320900, 淮安 for 320800, else 合成)")
    ap.add_argument("--assess", type=float, default=0.05,
                    help="fraction of stores with an <assessment> block (default 0.05)")
    ap.add_argument("--lean", action="store_true",
                    help="only the required fields (code, orders): a smaller file for benchmarks")
    ap.add_argument("-o", "--output", default=None,
                    help="output file (default stdout); written to FILE.tmp, then renamed")
    a = ap.parse_args(argv)
    if a.stores < 0:
        ap.error("--stores must be >= 0")
    if a.quarters < 1:
        ap.error("--quarters must be >= 1")
    if (len(a.quarter) != 6 or not a.quarter[:4].isdigit() or a.quarter[4] != "Q"
            or a.quarter[5] not in "1234"):
        ap.error("--quarter must look like 2007Q1")
    if not a.region_id or any(not (c.isalnum() or c in "_.-") for c in a.region_id):
        ap.error("--region-id must be letters, digits, '_', '.' or '-'")
    if not 0.0 <= a.assess <= 1.0:
        ap.error("--assess must be between 0 and 1")
    if a.name is None:
        a.name = {"320900": "盐城", "320800": "淮安"}.get(a.region_id, "合成")
    return a


def generate(out, n, seed=1, quarters=4, last_quarter="2007Q1", region_id="329900",
             region_name="合成", assess=0.05, lean=False):
    """Write a region of n stores to the text stream `out`, a chunk at a time."""
    rnd = random.Random(seed)
    random_ = rnd.random
    gauss = rnd.gauss
    sample = rnd.sample
    qids = quarter_list(last_quarter, quarters)
    last_year = int(last_quarter[:4])
    places = places_for(region_id, region_name)
    urban_addr, rural_addr = address_pools(places)

    # Group lookup table: 1000 slots in proportion to the weights.
    total_w = sum(g[2] for g in GROUPS)
    slots = []
    for g in GROUPS:
        fmt, market, w, median, sigma = g
        mu = math.log(median)
        # Distribution of the previous quarter (the code was set then): figures are made
        # for the last quarter and walked backwards, so it is wider and a little lower.
        k = 1 if quarters > 1 else 0
        mu_p = mu - k * DRIFT_MEAN
        sd_p = math.sqrt(sigma * sigma + k * DRIFT_SD * DRIFT_SD)
        large_t = math.exp(mu_p + Z80 * sd_p)
        medium_t = math.exp(mu_p)
        names = [xml_escape(p + s) for p in NAME_WORDS for s in SUFFIXES[fmt]]
        area_med = {"Y": 35, "S": 25, "B": 60, "C": 300, "E": 150, "Q": 20}[fmt]
        info = (fmt, market, mu, sigma, large_t, medium_t, names,
                urban_addr if market == "1" else rural_addr, area_med)
        slots.extend([info] * round(1000 * w / total_w))
    nslots = len(slots)

    owners = [xml_escape(s + t) for s in SURNAMES for t in ("某某", "某", "某某")]
    odd_names = [xml_escape(s) for s in ODD_NAMES]
    surround = SURROUNDINGS
    honours = [xml_escape(h) for h in HONOURS]

    # Unique, non-sequential ids: prefix + (i * P + offset) mod 10^w, P coprime with 10.
    prefix = region_id[:4] if region_id[:4].isdigit() and len(region_id) >= 4 else "9900"
    width = max(6, len(str(max(n - 1, 0))))
    modulus = 10 ** width
    mult = 7_654_321 % modulus or 7
    if mult % 2 == 0 or mult % 5 == 0:
        mult += 1 if mult % 2 == 0 else 2
    offset = rnd.randrange(modulus)
    id_fmt = prefix + "%0" + str(width) + "d"

    nq = len(qids)
    q_tags = ['<q id="%s">' % q for q in qids]
    q_years = [int(q[:4]) for q in qids] + [last_year]   # opening year <= first figure
    recent = []   # ring of (id, code) of the last stores, for <neighbour> elements

    w = out.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w('<region id="%s" name="%s" quarter="%s" unit="carton">\n'
      % (xml_escape(region_id), xml_escape(region_name), last_quarter))
    w('  <growth name="economy" pct="%.1f">GDP growth %d of %s</growth>\n'
      % (8 + 8 * random_(), last_year - 1, xml_escape(region_name)))
    w('  <growth name="industrial-output" pct="%.1f">industrial output growth %d</growth>\n'
      % (10 + 14 * random_(), last_year - 1))

    buf = []
    add = buf.append
    for i in range(n):
        sid = id_fmt % ((i * mult + offset) % modulus)
        (fmt, market, mu, sigma, large_t, medium_t, names, addrs,
         area_med) = slots[int(random_() * nslots)]

        # Order history: draw the last quarter, walk backwards with drift.
        x = math.exp(mu + sigma * gauss(0.0, 1.0))
        figs = [0.0] * nq
        figs[-1] = x
        for j in range(nq - 2, -1, -1):
            x /= math.exp(DRIFT_MEAN + DRIFT_SD * gauss(0.0, 1.0))
            figs[j] = x
        first, last = 0, nq
        r = random_()
        if r < 0.02 and nq > 1:
            last = nq - 1 - int(random_() * min(2, nq - 1))   # closed: no recent figure
        elif r < 0.06 and nq > 1:
            first = nq - 1 - int(random_() * min(2, nq - 1))  # new: short history
        elif r < 0.061:
            first = last = 0                                  # no figures at all

        # Code: class of the previous quarter's figure (the last one known if new),
        # by the group's analytic thresholds, with some noise.
        if last - first >= 2:
            ref = figs[last - 2]
        elif last > first:
            ref = figs[last - 1]
        else:
            ref = math.exp(mu)
        if random_() < 0.07:
            cls = 1 + int(random_() * 3)
        else:
            cls = 1 if ref >= large_t else (2 if ref >= medium_t else 3)
        r = random_()
        integ = "1" if r < 0.8 else ("2" if r < 0.95 else "3")
        code = fmt + str(cls) + market + integ

        r = random_()
        name = odd_names[int(r * 1000) % len(odd_names)] if r < 0.004 else \
            names[int(r * len(names))]
        add('  <store id="%s" name="%s">\n    <code>%s</code>\n' % (sid, name, code))
        # Optional descriptive fields: most stores have them, not all.
        if not lean and random_() < 0.8:
            add('    <owner>%s</owner>\n    <address>%s%d号</address>\n'
                % (owners[int(random_() * len(owners))],
                   addrs[int(random_() * len(addrs))], 1 + int(random_() * 300)))
        if not lean and random_() < 0.6:
            add('    <area>%d</area>\n    <opened>%d</opened>\n'
                % (max(4, int(area_med * math.exp(0.5 * gauss(0.0, 1.0)))),
                   q_years[first] - int(random_() * random_() * 18)))
        add('    <orders>')
        for j in range(first, last):
            add('%s%d</q>' % (q_tags[j], figs[j] + 0.5))
        add('</orders>\n')

        r = 0.5 if lean else random_()   # < 0.15 neighbours, > 0.65 surroundings
        if r < 0.15 and recent:
            add('    <neighbours>\n')
            start = int(random_() * len(recent))
            for j in range(min(1 + int(r * 20), len(recent))):   # 1..3 distinct ones
                nid, ncode = recent[(start + j) % len(recent)]
                add('      <neighbour id="%s" code="%s" distance="%d"/>\n'
                    % (nid, ncode, 10 + 10 * int(random_() * 30)))
            add('    </neighbours>\n')
        if r > 0.65:
            k = 1 + int(random_() * 4)
            add('    <surroundings>%s</surroundings>\n' % " ".join(sample(surround, k)))
        if not lean and random_() < assess:
            lo = (15, 20, 25, 30)[int(random_() * 4)]
            add('    <assessment>\n'
                '      <factor name="display" value="%d"/>\n'
                '      <factor name="sample-layout" value="%d"/>\n'
                '      <factor name="recommendation" value="%d"/>\n'
                '      <factor name="information" value="%d"/>\n'
                '      <factor name="service" value="%d"/>\n'
                '      <factor name="stock-health" value="%d"/>\n'
                '      <factor name="skus" value="%d"/>\n'
                '      <factor name="price-low" value="%d"/>\n'
                '      <factor name="price-high" value="%d"/>\n'
                '      <factor name="order-success" value="%d"/>\n'
                '      <factor name="tobacco-share" value="%d"/>\n'
                '      <factor name="sole-supplier" value="%s"/>\n'
                % (1 + int(random_() * 5), 1 + int(random_() * 5), 1 + int(random_() * 5),
                   1 + int(random_() * 5), 1 + int(random_() * 5), 1 + int(random_() * 5),
                   20 + int(random_() * 120), lo, (300, 500, 800, 1000)[int(random_() * 4)],
                   70 + int(random_() * 31), 20 + int(random_() * 71),
                   "yes" if random_() < 0.85 else "no"))
            if random_() < 0.3:
                add('      <honour>%s</honour>\n' % honours[int(random_() * len(honours))])
            add('    </assessment>\n')
        add('  </store>\n')

        if len(recent) < 16:
            recent.append((sid, code))
        else:
            recent[i & 15] = (sid, code)
        if len(buf) >= 4096:
            w("".join(buf))
            buf.clear()
    w("".join(buf))
    w('</region>\n')


def main(argv=None):
    a = parse_args(sys.argv[1:] if argv is None else argv)
    kw = dict(seed=a.seed, quarters=a.quarters, last_quarter=a.quarter,
              region_id=a.region_id, region_name=a.name, assess=a.assess,
              lean=a.lean)
    if a.output is None or a.output == "-":
        out = open(sys.stdout.fileno(), "w", encoding="utf-8", buffering=1 << 20,
                   closefd=False)
        try:
            generate(out, a.stores, **kw)
            out.flush()
        except BrokenPipeError:
            return 0
        return 0
    tmp = a.output + ".tmp"
    try:
        with open(tmp, "w", encoding="utf-8", buffering=1 << 20) as out:
            generate(out, a.stores, **kw)
        os.replace(tmp, a.output)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        print("gen_region.py: %s: %s" % (a.output, e.strerror or e), file=sys.stderr)
        return 74
    return 0


if __name__ == "__main__":
    sys.exit(main())
