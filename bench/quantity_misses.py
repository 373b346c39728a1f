"""Why the quantity finder misses gold claims of the training part, by cause.

Each gold claim no proposal finds (as the eval counts it) falls in one class:

- ``wrong``: a proposal overlaps it with another value or unit (the eval's *mismatched*), or a
  proposal that found a neighbouring claim covers it;
- ``dropped:RULE``: no proposal, but a look-alike rule dropped a mention overlapping it (the
  rule named as ``bench/lookalike_rules.py`` names it: ``L``/``D``/``C`` + line, ``X:name``,
  ``FILTER``);
- ``unfound:FORM``: nothing overlaps it; FORM is the shape of the gold surface after the number
  (``unit``: a known unit follows and still nothing was read, ``measure``: one unknown CJK
  character, ``cn``: a Chinese numeral, ``bare``: nothing after the number, ``other``).

Counts are printed for the whole part and for ``--last N`` lines of the last gold file (the
articles that joined train last), with ``--examples K`` misses of each class. The test part is
refused. Usage::

    python bench/quantity_misses.py [--part train] [--last 1115] [--examples 6] [--only CLASS]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.lookalike_rules import Recorder  # noqa: E402
from extractor.evaluate import _documents, load_gold, restrict, score, split_part  # noqa: E402
from extractor.units import UNIT_KIND  # noqa: E402

DATA = ROOT / "tests" / "data"
GOLD = [DATA / f"{n}_claims.jsonl" for n in ("dev", "annotated", "extra")]
CORPUS = ROOT.parent / "shared" / "corpus" / "thucnews_sample.jsonl"
_NUM = re.compile(r"[0-9０-９.,，]+|[零〇两一二三四五六七八九十百千万亿几数余多]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def form(surface: str) -> str:
    """The shape of a missed gold surface: what follows its last number."""
    numbers = list(_NUM.finditer(surface))
    if not numbers:
        return "nonumber"
    tail = surface[numbers[-1].end() :]
    arabic = any(c.isdigit() for c in surface)
    head = "" if arabic else "cn-"
    if not tail:
        return head + "bare"
    if any(tail.startswith(u) for u in UNIT_KIND):
        return head + "unit"
    if _CJK.match(tail) and len(tail) == 1:
        return head + "measure"
    return head + "other"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", default="train")
    ap.add_argument("--last", type=int, default=1115, help="lines at the end of the last gold")
    ap.add_argument("--examples", type=int, default=0)
    ap.add_argument("--only", default="", help="print examples of classes starting with this")
    args = ap.parse_args(argv)
    if args.part == "test":
        print("error: the test part is never read miss by miss", file=sys.stderr)
        return 2
    gold = restrict(
        [g for p in GOLD for g in load_gold(p)], split_part(DATA / "split.json", args.part)
    )
    tail = GOLD[-1].read_text("utf-8").splitlines()[-args.last :] if args.last else []
    last = {json.loads(x)["doc"] for x in tail if x.strip()}
    texts = _documents(gold, ROOT / "seeds", [CORPUS])
    rec = Recorder()
    from extractor import extract

    classes: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    preds_all: list[dict] = []
    drops: dict[str, list[tuple[int, int, str]]] = {}
    for doc, text in sorted(texts.items()):
        drops[doc] = rec.run(text)
        preds_all += [{**c.to_dict(), "doc": doc} for c in extract(text)]
    for name, docs in (("train", set(texts)), ("last", last & set(texts))):
        rep = score(
            [g for g in gold if g["doc"] in docs], [p for p in preds_all if p["doc"] in docs]
        )
        print(
            f"{name}: {rep['documents']} articles, {rep['gold_claims']} claims,"
            f" P {rep['precision']:.3f} R {rep['recall']:.3f}"
            f" (misses {len(rep['misses'])}, false alarms {rep['false_alarm_count']},"
            f" mismatched {rep['mismatched_count']})"
        )
        for miss in rep["misses"]:
            doc, s, e = miss["doc"], miss["start"], miss["end"]
            over = [p for p in preds_all if p["doc"] == doc and p["start"] < e and s < p["end"]]
            dropped = [r for a, b, r in drops[doc] if a < e and s < b]
            if over:
                p = over[0]
                cls = "wrong"
                what = f"-> {p['quantity_text']} {p['value']} {p['unit'] or '-'}"
            elif dropped:
                cls = "dropped:" + dropped[0]
                what = ""
            else:
                cls = "unfound:" + form(miss["surface"])
                what = ""
            classes[name][cls] += 1
            if name == "train":
                t = texts[doc]
                ctx = f"{t[max(0, s - 14) : s]}[{t[s:e]}]{t[e : e + 8]}".replace("\n", " ")
                star = "*" if doc in last else " "
                examples[cls].append(
                    f"{star}{doc[-4:]} {ctx}  gold {miss['value']} {miss['unit'] or '-'} {what}"
                )
    print(f"\n{'class':28} {'train':>6} {'last':>6}")
    for cls, n in sorted(classes["train"].items(), key=lambda kv: -kv[1]):
        print(f"{cls:28} {n:6} {classes['last'][cls]:6}")
        if args.examples and cls.startswith(args.only):
            for x in examples[cls][: args.examples]:
                print("      " + x)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
