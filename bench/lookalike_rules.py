"""Which look-alike rule drops what, on the training part and on articles no one annotated.

A rule written from the training part's errors can look good there and drop real claims
elsewhere. This script makes each rule's footprint visible, so that a rule is kept only where it
helps articles it was not written from:

- ``--part train`` (default): every mention a look-alike rule drops in the part's articles, by
  rule (the ``return None`` of ``_Finder._lookalike`` and the ``continue`` of
  ``core._confirm_measure_shapes``, named by file line and the comment there; a rule of context,
  the name ``_context_cue`` returns: ``D:name`` for those of ``quantity.py``, ``X:name`` for
  those of ``extractor/lookalike.py``), with
  the gold label of what it dropped: a claim (``C``), a look-alike
  (``L``) or no gold mention (``N``), and the same per category of the corpus: a rule whose
  claims fall in categories where it drops no look-alike hurts there.
- ``--unseen N``: the same rules on the first N corpus articles in no gold file (the only
  text no rule was written from), with ``--samples K`` random drops of each rule to read
  against ``../shared/gold/GUIDELINE.md``; ``FILTER`` is the learned look-alike filter.

The test part is never read. Usage::

    python bench/lookalike_rules.py [--part train] [--unseen 300 --samples 8 --rules D1842,L1384]
"""

from __future__ import annotations

import argparse
import inspect
import json
import linecache
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor import core, lookalike, quantity  # noqa: E402
from extractor.evaluate import load_gold, split_part  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "thucnews_sample.jsonl"
SPLIT = ROOT / "tests" / "data" / "split.json"
GOLD = [ROOT / "tests" / "data" / f"{n}_claims.jsonl" for n in ("dev", "annotated", "extra")]

_LOOKALIKE = quantity._Finder._lookalike.__code__
_CONTEXT = quantity._context_cue.__code__
_GLUE = core._confirm_measure_shapes.__code__
#: The rules of context of extractor/lookalike.py (the others are quantity.py's).
_LOOKALIKE_RULES = {name for name, _ in lookalike._CONTEXT_RULES} | {
    "session_name",
    "from_age",
    "game_clock",
}


class Recorder:
    """Records ``(start, end, rule)`` for every mention a look-alike rule drops while it runs."""

    def __init__(self) -> None:
        self.drops: list[tuple[int, int, str]] = []

    def _local(self, frame: FrameType, event: str, arg: Any) -> Any:
        code = frame.f_code
        if code is _CONTEXT:
            if event == "return" and arg is not None:
                m = frame.f_locals["m"]
                tag = "X" if arg in _LOOKALIKE_RULES else "D"
                self.drops.append((m.start, m.end, f"{tag}:{arg}"))
            return self._local
        if code is _LOOKALIKE and event == "return" and arg is None:
            loc = frame.f_locals
            self.drops.append((loc["s"], loc["e"], f"L{frame.f_lineno}"))
        elif (
            code is _GLUE
            and event == "line"
            and linecache.getline(code.co_filename, frame.f_lineno).strip().startswith("continue")
        ):
            m = frame.f_locals["m"]
            self.drops.append((m.start, m.end, f"C{frame.f_lineno}"))
        return self._local

    def _global(self, frame: FrameType, event: str, arg: Any) -> Any:
        traced = (_LOOKALIKE, _CONTEXT, _GLUE)
        return self._local if frame.f_code in traced else None

    def run(self, text: str) -> list[tuple[int, int, str]]:
        """The drops of one document, the learned filter's (``FILTER``) included."""
        self.drops = []
        previous = sys.gettrace()  # a coverage tool's, say: put back afterwards
        sys.settrace(self._global)
        try:
            raw = [c for c, _ in core.extract_with_fields(text, screen=False)]
        finally:
            sys.settrace(previous)
        kept = {(c.start, c.end) for c in core.extract(text)}
        # a mention a soft rule marked and the learned decision kept is no drop
        drops = {d for d in self.drops if d[:2] not in kept}
        drops.update((c.start, c.end, "FILTER") for c in raw if (c.start, c.end) not in kept)
        return sorted(drops)


def describe(rule: str) -> str:
    """The source line of a rule, with the comment that says what it drops."""
    if rule == "FILTER":
        return "the learned look-alike filter (extractor/lookalike.py)"
    if rule.startswith("X:"):
        return f"rule of context {rule[2:]} (extractor/lookalike.py)"
    if rule.startswith("D:"):
        # the line of _context_cue that returns the name, with the line before it
        lines, _first = inspect.getsourcelines(quantity._context_cue)
        k = next(i for i, x in enumerate(lines) if f'return "{rule[2:]}"' in x)
        text = lines[k].strip()
        if "#" not in text:
            text = lines[k - 1].strip() + " | " + text
        return f"rule of context {rule[2:]}: {text}"[:110]
    code: CodeType = _GLUE if rule[0] == "C" else _LOOKALIKE
    line = int(rule[1:])
    text = linecache.getline(code.co_filename, line).strip()
    if "#" not in text:
        # the comment often stands on the line before a bare return/continue
        text = linecache.getline(code.co_filename, line - 1).strip() + " | " + text
    return text[:110]


def _articles() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]


def footprint(part: str) -> None:
    docs = split_part(SPLIT, part)
    gold: dict[str, list[dict]] = defaultdict(list)
    for path in GOLD:
        for g in load_gold(path):
            if g["doc"] in docs:
                gold[g["doc"]].append(g)
    arts = {a["id"]: a for a in _articles() if a["id"] in gold}
    rec = Recorder()
    total: dict[str, Counter] = defaultdict(Counter)
    by_cat: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for doc in sorted(arts):
        for s, e, rule in rec.run(arts[doc]["text"]):
            over = [g for g in gold[doc] if g["start"] < e and s < g["end"]]
            label = "C" if any(g["claim"] for g in over) else ("L" if over else "N")
            total[rule][label] += 1
            by_cat[rule][label][arts[doc].get("category", "?")] += 1
    print(
        f"look-alike rules on the {part} part ({len(arts)} articles):"
        " dropped C(laims) L(ook-alikes) N(o gold)"
    )
    for rule, c in sorted(total.items(), key=lambda kv: (-kv[1]["C"], -kv[1]["L"])):
        hurt = sorted(k for k in by_cat[rule]["C"] if not by_cat[rule]["L"][k])
        cats = len(set(by_cat[rule]["C"]) | set(by_cat[rule]["L"]))
        flag = f"  claims only in {','.join(hurt)}" if hurt else ""
        counts = f"C{c['C']:4} L{c['L']:5} N{c['N']:4} categories {cats:2}"
        print(f"{rule:7} {counts}{flag}  {describe(rule)}")


def unseen(n: int, samples: int, rules: set[str] | None) -> None:
    annotated = split_part(SPLIT, "train") | split_part(SPLIT, "test")
    arts = [a for a in _articles() if a["id"] not in annotated][:n]
    rec = Recorder()
    drops: dict[str, list[str]] = defaultdict(list)
    cats: dict[str, set[str]] = defaultdict(set)
    for a in arts:
        t = a["text"]
        for s, e, rule in rec.run(t):
            cats[rule].add(a.get("category", "?"))
            before = t[max(0, s - 10) : s].replace("\n", " ")
            drops[rule].append(f"{before}[{t[s:e]}]{t[e : e + 6]}".replace("\n", " "))
    rng = random.Random(1)
    print(f"look-alike rules on {len(arts)} corpus articles in no gold file")
    for rule, items in sorted(drops.items(), key=lambda kv: -len(kv[1])):
        if rules and rule not in rules:
            continue
        print(f"{rule:7} {len(items):5} drops in {len(cats[rule]):2} categories  {describe(rule)}")
        for x in rng.sample(items, min(samples, len(items))):
            print("        " + x)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", default="train", help="split part to score the rules on [train]")
    ap.add_argument("--unseen", type=int, default=0, help="also run on N unannotated articles")
    ap.add_argument("--samples", type=int, default=0, help="drops to print per rule (--unseen)")
    ap.add_argument("--rules", default="", help="comma-separated rules to sample (--unseen)")
    args = ap.parse_args(argv)
    if args.part == "test":
        print("error: the test part is scored, never read rule by rule", file=sys.stderr)
        return 2
    footprint(args.part)
    if args.unseen:
        unseen(args.unseen, args.samples, set(args.rules.split(",")) if args.rules else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
