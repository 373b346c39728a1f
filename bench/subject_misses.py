"""The claims whose subject no option names, by kind of miss: the ceiling's missing part.

For every gold claim of the training part that the extractor finds, this checks whether any of
the generated subject options is right by the scorer's rule (equal, an alias, or containment
covering 60 %). The claims with no right option are classed by how the gold subject relates
to the options and the text (a claim may fall in several classes):

- ``not in text``: the gold subject is not written in the document (composed by the annotator);
- ``title``: a title in book-title marks (《…》);
- ``list``: a list of names (A、B和C);
- ``de-phrase``: a phrase with 的 (新加坡的公立大学);
- ``option cut short``: an option is the gold's beginning (德国威 of 德国威能集团);
- ``modifier missing``: an option is the gold's end (公立大学 of 新加坡的公立大学);
- ``owner``: the gold is an option's beginning (家电 of 家电销售: the attribute not split off);
- ``modifier kept``: the gold is an option's end (陈妹 of 村民陈妹);
- ``other``, by where the gold is written: in the quantity's sentence or an earlier one.

Training part only (``--part test`` is refused: never look at the test part's errors).

Usage::

    python bench/subject_misses.py [--show 5]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.golddata import matched, train_gold  # noqa: E402
from extractor.evaluate import _aliases, subject_right  # noqa: E402

_LIST = re.compile(r"[、]|[^\s]{2,}(?:和|与|及)[^\s]{2,}")


def classes(gold: str, options: list[str], text: str, sentence: str) -> list[str]:
    """The kinds of miss of one claim whose options hold no right subject."""
    out = []
    if gold not in text:
        out.append("not in text")
    if "《" in gold or f"《{gold}》" in text:
        out.append("title")
    if len(gold) > 4 and _LIST.search(gold):
        out.append("list")
    if "的" in gold:
        out.append("de-phrase")
    for name, test in (
        ("option cut short", lambda o: gold.startswith(o)),
        ("modifier missing", lambda o: gold.endswith(o)),
        ("owner", lambda o: o.startswith(gold)),
        ("modifier kept", lambda o: o.endswith(gold)),
    ):
        if any(o != gold and o and test(o) for o in options):
            out.append(name)
    if not out:
        out.append("other, in its sentence" if gold in sentence else "other, earlier")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show", type=int, default=0, help="examples of each class")
    ap.add_argument("--part", default="train")
    args = ap.parse_args(argv)
    if args.part != "train":
        print("error: training part only", file=sys.stderr)
        return 2
    gold, texts = train_gold()
    found_n = missed = options_n = 0
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for doc, text, g, cand, fields in matched(gold, texts):
        subject = str(g.get("subject") or "")
        aliases = _aliases(dict(g))
        options = [o.text for o in fields.get("subject", [])]
        found_n += 1
        options_n += len(options)
        if any(subject_right(subject, aliases, o) for o in options):
            continue
        missed += 1
        sentence = text[cand.sentence_start : cand.sentence_end]
        for c in classes(subject, options, text, sentence):
            counts[c] += 1
            if len(examples[c]) < args.show:
                q = cand.start - cand.sentence_start
                examples[c].append(
                    f"  [{c}] {doc} gold={subject!r} options={options[:8]}\n"
                    f"     {sentence[max(0, q - 60) : q]}[[{cand.quantity_text}]]"
                )
    if not found_n:
        print("error: no gold claims found", file=sys.stderr)
        return 2
    print(
        f"found {found_n}  a right option for {1 - missed / found_n:.3f}"
        f"  options per claim {options_n / found_n:.1f}  no right option {missed}"
    )
    for c, n in counts.most_common():
        print(f"  {n:>5}  {c}")
    for c, _ in counts.most_common():
        if examples[c]:
            print("\n".join(examples[c]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
