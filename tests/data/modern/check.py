"""Check modern_X_claims.jsonl against articles_X.jsonl for the half X named on the command line
(a, c, d-n; half b has its own check_b.py) and list number-like text left uncovered:
``python3 check.py a``."""
import json, os, re, sys, collections

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"money", "count", "percent", "duration", "age", "area", "weight", "length", "score", "other"}
QUALS = {"=", "~", ">", ">=", "<", "<="}
KEYS = ["doc", "surface", "start", "end", "value", "value_max", "unit", "qualifier", "subject",
        "predicate", "time", "claim", "kind", "note"]
CN = "零〇一二两三四五六七八九十百千万亿半兩萬億"
# words with a numeral character that are not number mentions (reviewed by hand)
NOT_NUM = ["一些", "一直", "统一", "进一步", "一起", "一方面", "另一方面", "一样", "一定", "唯一",
           "一度", "同一", "一致", "一体", "一般", "一同", "之一", "万一", "一系列", "一批", "一旦",
           "一线", "第一时间", "十分", "千万", "一边", "一路", "一流", "一向", "一再", "一切",
           "一带一路", "一手", "逐一", "一举", "一员", "专一", "一轮", "百姓", "老百姓", "一口气",
           "一下", "一刀切", "一番", "一并", "一揽子", "一律", "五花八门", "一家人", "三重压力",
           "一网通办", "一键", "一站式", "一级", "一体化", "千家万户", "一贯", "一头", "一连",
           "一览", "不一", "万众", "十足", "百强", "一时", "一如既往", "一改", "二手", "一季",
           "半场", "上半场", "下半场", "一半", "多半", "半导体", "半年", "上半年", "下半年",
           "一手房", "二手房", "一并", "一波", "一记", "一年一度", "一刻", "一大", "一城", "零售", "零部件", "零跑", "零碳", "归零", "清零", "零下", "二级市场", "一级市场", "四川", "三亚", "十堰", "九江", "三明", "六安", "万州", "五四", "三门峡", "七台河", "八达岭", "万达", "万科", "三分球", "三分线", "二线城市", "三线城市", "四线城市", "五菱", "单一", "值得一提", "一提", "四海"]
# more such words, reviewed by the annotator of each half
NOT_NUM_OF = {
    "a": [],
    "c": ["三镇", "程一笑", "半径"],
    "d": ["两市", "沪深两市", "下一步", "一部分", "一季度", "一线", "一大批", "三农", "两会", "一码通", "一次性", "两岸", "万物", "一号", "一流", "另一", "二氧化碳"],
}
HALF = sys.argv[1] if len(sys.argv) == 2 and sys.argv[1] in ("a", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v") else None
if HALF is None:
    raise SystemExit("usage: python3 check.py a|c|d-v")
# A half's own reviewed words (one per line) may also sit in src_X/not_numbers.txt.
_OWN = os.path.join(os.path.dirname(os.path.abspath(__file__)), f"src_{HALF}", "not_numbers.txt")
_EXTRA = open(_OWN, encoding="utf-8").read().split() if os.path.exists(_OWN) else []
NOT_NUM = sorted(set(NOT_NUM + NOT_NUM_OF.get(HALF, []) + _EXTRA), key=len, reverse=True)


def main():
    arts = {}
    for l in open(os.path.join(HERE, f"articles_{HALF}.jsonl"), encoding="utf-8"):
        a = json.loads(l)
        arts[a["id"]] = a
    rows = [json.loads(l) for l in open(os.path.join(HERE, f"modern_{HALF}_claims.jsonl"), encoding="utf-8")]
    errs = 0
    spans = collections.defaultdict(list)
    for n, r in enumerate(rows, 1):
        def bad(msg):
            nonlocal errs
            errs += 1
            print(f"line {n} {r['doc']} {r['surface']!r}: {msg}")
        if list(r) != KEYS:
            bad(f"keys {list(r)}")
        t = arts[r["doc"]]["text"]
        if t[r["start"]:r["end"]] != r["surface"]:
            bad("offsets")
        if r["qualifier"] not in QUALS:
            bad("qualifier")
        if r["kind"] not in KINDS:
            bad("kind")
        if not isinstance(r["claim"], bool):
            bad("claim not bool")
        for k in ("value", "value_max"):
            v = r[k]
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
                bad(f"{k} type")
        if r["claim"]:
            if r["value"] is None:
                bad("claim without value")
            if not r["subject"] or not r["predicate"]:
                bad("claim without subject/predicate")
            if r["kind"] == "percent" and r["unit"] not in ("%", "个百分点", "個百分點", "百分点", "百分點"):
                bad("percent unit")
            if r["value_max"] is not None and r["value_max"] < r["value"]:
                bad("value_max < value")
        if not isinstance(r["unit"], str):
            bad("unit type")
        for s, e in spans[r["doc"]]:
            if r["start"] < e and s < r["end"]:
                bad("overlaps another line")
        spans[r["doc"]].append((r["start"], r["end"]))
    # uncovered number-like characters
    unc = 0
    for doc, a in arts.items():
        t = a["text"]
        cov = [False] * len(t)
        for s, e in spans[doc]:
            for i in range(s, e):
                cov[i] = True
        masked = list(t)
        for w in NOT_NUM:
            for m in re.finditer(re.escape(w), t):
                if not any(cov[m.start():m.end()]):
                    for i in range(m.start(), m.end()):
                        masked[i] = "_"
        for m in re.finditer(r"[0-9０-９]+|[" + CN + "]+", "".join(masked)):
            if not any(cov[m.start():m.end()]):
                unc += 1
                print(f"UNCOVERED {doc} {m.start()} {m.group()!r} …{t[max(0, m.start()-8):m.end()+8]}…")
    nc = sum(r["claim"] for r in rows)
    print(f"{len(arts)} articles, {len(rows)} lines ({nc} claims, {len(rows)-nc} look-alikes); {errs} errors, {unc} uncovered")
    by = collections.defaultdict(lambda: [0, 0, 0])
    for a in arts.values():
        by[a["category"]][0] += 1
    for r in rows:
        by[arts[r["doc"]]["category"]][1 if r["claim"] else 2] += 1
    for c, (na, c1, c2) in by.items():
        print(f"  {c}: {na} articles, {c1} claims, {c2} look-alikes")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
