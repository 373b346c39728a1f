"""The extractor's candidates on corpus articles that no gold file holds, to read by eye.

No gold is needed and none is read: each candidate is printed with the text around its quantity
and the fields the extractor chose, so a reader finds what is wrong on text no one tuned for (a
season read as a score, a list item's name cut by the tagger) before writing a rule, and then
checks the rule on every set. The articles are a seeded sample of ``../shared/corpus/`` minus
every document of a gold file under ``tests/data/`` (the test part's articles are in a gold file,
so they are never shown).

``--full`` adds what each candidate reads (value, value_max, unit, qualifier, the normalised
time, the rule), and ``--uncovered`` lists after each article the numbers written in digits that
no candidate holds: the first finds a wrong reading, the second a missed quantity (the three
readers of the thirty-first session each wrote both by hand).

Usage::

    python bench/unseen.py [--n 30] [--seed 30] [--category 体育] [--full] [--uncovered]
                           [--corpus FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus" / "thucnews_sample.jsonl"
#: Characters of text shown before and after a quantity.
BEFORE, AFTER = 14, 8
#: A number written in digits (with its decimals and thousands separators).
_DIGITS = re.compile(r"[0-9０-９][0-9０-９.,，]*")


def gold_documents(data: Path = ROOT / "tests" / "data") -> set[str]:
    """Every document id or file name any gold file under ``data`` names."""
    docs: set[str] = set()
    for path in sorted(data.rglob("*_claims.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = json.loads(line).get("doc")
                if doc is not None:
                    docs.add(str(doc))
    return docs


def sample(
    corpus: Path, n: int, seed: int, category: str = "", exclude: set[str] | None = None
) -> list[dict]:
    """``n`` articles of ``corpus`` (JSON lines with ``id`` and ``text``) that no gold file
    holds, drawn with ``seed`` (of ``category`` only when given), in the sample's order."""
    exclude = gold_documents() if exclude is None else exclude
    pool = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            art = json.loads(line)
            if str(art.get("id")) in exclude or not art.get("text"):
                continue
            if category and art.get("category") != category:
                continue
            pool.append(art)
    return random.Random(seed).sample(pool, min(n, len(pool)))


def lines(
    articles: Sequence[dict], *, full: bool = False, uncovered: bool = False
) -> Iterator[str]:
    """The report: a header per article, then one line per candidate (with ``full``, what it
    reads too), then (with ``uncovered``) the numbers in digits no candidate holds."""
    from extractor.core import extract

    for art in articles:
        text = art["text"]
        cands = extract(text)
        head = f"===== {art['id']} {art.get('category', '')}"
        yield f"{head} {len(text)} chars, {len(cands)} candidates"
        for c in cands:
            around = (
                text[max(0, c.start - BEFORE) : c.start]
                + f"[{text[c.start : c.end]}]"
                + text[c.end : c.end + AFTER]
            ).replace("\n", " ")
            line = (
                f"  {c.kind:8} {around} || subject={c.subject} predicate={c.predicate}"
                f" time={c.time_text}"
            )
            if full:
                upper = "" if c.value_max is None else f"..{c.value_max:g}"
                value = "null" if c.value is None else f"{c.value:g}"
                line += (
                    f" || {c.qualifier} {value}{upper} {c.unit or '-'}"
                    f" time={c.time or '-'} rule={c.rule}"
                )
            yield line
        if uncovered:
            spans = [(c.start, c.end) for c in cands]
            free = [
                text[max(0, m.start() - 6) : m.end() + 4].replace("\n", " ")
                for m in _DIGITS.finditer(text)
                if not any(a <= m.start() < b for a, b in spans)
            ]
            yield "  no candidate: " + (" | ".join(free) if free else "(none)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=30, help="articles to show")
    ap.add_argument("--seed", type=int, default=30, help="seed of the sample")
    ap.add_argument("--category", default="", help="only articles of this category (体育, 财经…)")
    ap.add_argument("--corpus", default=str(CORPUS), help="JSON lines with id, text, category")
    ap.add_argument(
        "--full", action="store_true", help="also value, unit, qualifier, normalised time, rule"
    )
    ap.add_argument(
        "--uncovered", action="store_true", help="list the numbers in digits no candidate holds"
    )
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.is_file():
        print(f"error: {corpus}: no such corpus file", file=sys.stderr)
        return 2
    if args.n < 1:
        print("error: --n must be at least 1", file=sys.stderr)
        return 2
    try:
        articles = sample(corpus, args.n, args.seed, args.category)
    except (ValueError, KeyError) as exc:
        print(f"error: {corpus}: not JSON lines with id and text ({exc})", file=sys.stderr)
        return 2
    if not articles:
        print(f"error: {corpus}: no article outside the gold files", file=sys.stderr)
        return 2
    for line in lines(articles, full=args.full, uncovered=args.uncovered):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
