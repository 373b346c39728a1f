"""Check modern_b_claims.jsonl against articles_b.jsonl: offsets, surfaces,
field types, spans not overlapping, a rough value read from each surface, and
every number-looking piece of text covered by a line (or printed for review)."""
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
KEYS = ["doc", "surface", "start", "end", "value", "value_max", "unit", "qualifier", "subject",
        "predicate", "time", "claim", "kind", "note"]
QUALS = {"=", "~", ">", ">=", "<", "<="}
KINDS = {"money", "count", "percent", "duration", "age", "area", "weight", "length", "score", "other"}
CN = "〇零一二两三四五六七八九十百千万亿半"
CNV = {c: i for i, c in enumerate("零一二三四五六七八九")}
CNV.update({"〇": 0, "两": 2})
# words whose numeral characters are not number mentions (reviewed by hand)
NOT_NUMBER = ["统一", "一直", "进一步", "一般", "唯一", "一体", "万一", "一起", "一道", "一旦", "一定",
              "同一", "一致", "一方面", "千万", "百姓", "一线", "逐一", "一系列",
              "一带", "一边", "不一", "一并", "一手", "一路", "一举", "一时", "一向", "一贯",
              "一律", "一体化", "第一时间", "一站式", "一揽子", "十分", "万家灯火", "一环",
              "一流", "一代", "一角", "一看", "一份子", "一年四季",
              "百货", "三农", "一键", "一网", "五湖四海", "一再", "一连", "七嘴八舌", "一同", "半导体",
              "十足", "一目了然", "一概", "一大早", "千家万户", "万物", "九州", "一带一路", "一号文件",
              "半山", "百花", "千方百计", "多半", "半岛", "一窝蜂", "一向", "一面", "一家一户", "二氧化碳", "这一", "半径", "第三方", "零售", "零食", "零部件", "二氧化硫", "一氧化碳"]


def rough_value(surface):
    s = re.sub(r"(?<=\d)[ ，,](?=\d)", "", surface)
    m = re.search(r"\d+(?:\.\d+)?", s)
    if not m:
        return None
    v = float(m.group())
    rest = s[m.end():]
    for ch in rest[:3]:
        if ch == "万":
            v *= 1e4
        elif ch == "亿":
            v *= 1e8
        elif ch == "千" and rest.startswith("千"):
            v *= 1e3
        else:
            break
    return v


def main():
    arts = {}
    for line in open(HERE / "articles_b.jsonl", encoding="utf-8"):
        a = json.loads(line)
        arts[a["id"]] = a
    rows = [json.loads(l) for l in open(HERE / "modern_b_claims.jsonl", encoding="utf-8")]
    bad = 0
    by_doc = {}
    for r in rows:
        by_doc.setdefault(r["doc"], []).append(r)
        err = []
        if list(r) != KEYS:
            err.append("keys")
        t = arts[r["doc"]]["text"]
        if t[r["start"]:r["end"]] != r["surface"]:
            err.append("offsets")
        for k in ("value", "value_max"):
            if r[k] is not None and (isinstance(r[k], bool) or not isinstance(r[k], (int, float))):
                err.append(k + " type")
        if r["value_max"] is not None and (r["value"] is None or r["value_max"] < r["value"]):
            err.append("value_max")
        if r["qualifier"] not in QUALS:
            err.append("qualifier")
        if r["kind"] not in KINDS:
            err.append("kind")
        if not isinstance(r["claim"], bool):
            err.append("claim")
        if not isinstance(r["unit"], str):
            err.append("unit")
        if r["claim"]:
            if not r["subject"] or not r["predicate"]:
                err.append("subject/predicate")
            if r["value"] is None and "fraction" not in r["note"]:
                err.append("value null")
            if r["unit"] == "%" and r["kind"] != "percent":
                err.append("% not percent")
            rv = rough_value(r["surface"])
            if rv is not None and r["value"] is not None and r["unit"] != "%" or (
                    rv is not None and r["value"] is not None and "成" not in r["surface"]):
                if rv is not None and r["value"] is not None and abs(rv - r["value"]) > 1e-6 * max(1, abs(rv)):
                    print(f"  value? {r['doc']} {r['surface']!r} value={r['value']} read={rv}")
        if err:
            bad += 1
            print("BAD", err, r)
    uncovered = 0
    for doc, a in arts.items():
        t = a["text"]
        rs = sorted(by_doc.get(doc, []), key=lambda r: r["start"])
        for x, y in zip(rs, rs[1:]):
            if y["start"] < x["end"]:
                bad += 1
                print("OVERLAP", doc, x["surface"], y["surface"])
        cov = [False] * len(t)
        for r in rs:
            for i in range(r["start"], r["end"]):
                cov[i] = True
        for m in re.finditer(r"[0-9０-９]+|[" + CN + "]+", t):
            if all(cov[m.start():m.end()]):
                continue
            ok = False
            for w in NOT_NUMBER:
                for mm in re.finditer(re.escape(w), t):
                    if mm.start() <= m.start() and m.end() <= mm.end():
                        ok = True
            if not ok:
                uncovered += 1
                print(f"  uncovered {doc} {m.start()} {m.group()!r} in …{t[max(0, m.start() - 8):m.end() + 8]}…")
    print(f"{len(arts)} articles, {len(rows)} lines, {bad} bad, {uncovered} uncovered to review")
    for doc, a in arts.items():
        rs = by_doc.get(doc, [])
        c = sum(r["claim"] for r in rs)
        print(f"  {doc} {a['category']} len={len(a['text'])} claims={c} lookalikes={len(rs) - c}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
