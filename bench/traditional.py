"""The extractor on traditional characters: each gold set scored as written (simplified) and
written in traditional characters, side by side.

Every article and every gold string (surface, subject and its aliases, predicate, time, unit)
is rewritten character by character in traditional characters — each simplified character of
``extractor/data/traditional_chars.tsv`` as the first traditional character the table reads as
it — so the offsets of the gold still hold; then the extractor runs on the rewritten articles
and the eval scores it against the rewritten gold (``extractor.evaluate.score``). The gold
writes its fields as the text does, so a traditional article's candidates must carry
traditional words: the figure checks both the reading (億, 萬, 個 read through their simplified
forms) and the candidates' words given back as written.

This is a round trip through the extractor's own table, not a Hong Kong or Taiwan corpus: it
says that a traditional text is read as well as its simplified twin, not how well the rules
suit Hong Kong or Taiwan usage (other words: 按年 for 同比, 錄得 for 实现; other measure words).

Usage::

    python bench/traditional.py             # test part, B, K+L+N: bench/out/traditional.json
    python bench/traditional.py --sets B --out F.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor import evaluate as ev  # noqa: E402
from extractor.lexicon import table  # noqa: E402

DATA = ROOT / "tests" / "data"
REFERENCE = [DATA / f"{n}_claims.jsonl" for n in ("dev", "annotated", "extra")]
#: Each set: its gold files and the part of the split it keeps (None: the whole files).
SETS: dict[str, tuple[list[Path], str | None]] = {
    "test": (REFERENCE, "test"),
    "B": ([DATA / "modern" / "modern_b_claims.jsonl"], None),
    "KLN": ([DATA / "modern" / f"modern_{x}_claims.jsonl" for x in "kln"], None),
}
#: The gold's string fields that the rewriting turns into traditional characters.
FIELDS = ("surface", "subject", "predicate", "time", "unit")


def to_traditional() -> dict[int, str]:
    """Simplified character -> the first traditional character of the table read as it."""
    out: dict[int, str] = {}
    for trad, simp in table("traditional_chars"):
        out.setdefault(ord(simp), trad)
    return out


def rewrite(gold: list[dict], texts: dict[str, str]) -> tuple[list[dict], dict[str, str]]:
    """The gold and its articles in traditional characters (the same length, offsets kept)."""
    s2t = to_traditional()

    def conv(x: object) -> object:
        return x.translate(s2t) if isinstance(x, str) else x

    out = []
    for g in gold:
        g = dict(g)
        for f in FIELDS:
            if f in g:
                g[f] = conv(g[f])
        if isinstance(g.get("subject_aliases"), list):
            g["subject_aliases"] = [conv(a) for a in g["subject_aliases"]]
        out.append(g)
    return out, {k: str(conv(v)) for k, v in texts.items()}


def figures(report: dict) -> dict:
    fields = report["fields"]
    return {
        "precision": round(report["precision"], 3),
        "recall": round(report["recall"], 3),
        "accept_as_is": round(report["accept_as_is"], 3),
        **{f: round(fields[f], 3) for f in ("subject", "predicate", "time")},
    }


def run(name: str) -> dict:
    files, part = SETS[name]
    gold = [g for f in files for g in ev.load_gold(f)]
    if part:
        gold = ev.restrict(gold, ev.split_part(DATA / "split.json", part))
    texts = ev._documents(gold, ROOT / "seeds", [Path(c) for c in ev.default_corpora(ROOT)])
    row: dict = {}
    for script, (g, t) in (("simplified", (gold, texts)), ("traditional", rewrite(gold, texts))):
        started = time.perf_counter()
        row[script] = figures(ev.score(g, ev.predict(t)))
        row[script]["seconds"] = round(time.perf_counter() - started, 1)
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", nargs="+", choices=list(SETS), default=list(SETS))
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "traditional.json"))
    args = ap.parse_args(argv)
    results = {}
    keys = ("precision", "recall", "accept_as_is", "subject", "predicate", "time")
    print(f"{'set':6} {'script':12} " + " ".join(f"{k:>12}" for k in keys))
    for name in args.sets:
        results[name] = run(name)
        for script, fig in results[name].items():
            print(f"{name:6} {script:12} " + " ".join(f"{fig[k]:12.3f}" for k in keys))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
