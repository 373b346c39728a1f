"""Where the role resolver loses claims: option coverage per field and per kind of miss.

For every gold claim of the chosen part that the extractor finds, this lists whether the
right subject, predicate and time are among the options the extractor generated (coverage:
the ceiling of any ranker) and whether the chosen one is right. Misses are classed by where
the gold filler is written relative to the quantity (its own clause before it, an earlier
clause of its sentence, an earlier sentence, after the quantity, nowhere in the text).
Figures are printed and written to ``bench/out/roles_coverage.json``; ``--show N`` prints N
examples of each kind of subject miss (training part only — never run it on ``test``).

Usage::

    python bench/roles_coverage.py tests/data/dev_claims.jsonl tests/data/annotated_claims.jsonl \
        --split tests/data/split.json --part train [--show 5]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.golddata import matched  # noqa: E402
from extractor.evaluate import (  # noqa: E402
    _aliases,
    _documents,
    _field_right,
    load_gold,
    restrict,
    split_part,
    subject_right,
)


def _where(text: str, gold: str, q_start: int, s_start: int, c_start: int) -> str:
    """Where the gold filler is written relative to the quantity."""
    if not gold:
        return "empty"
    before = text.rfind(gold, 0, q_start)
    if before >= c_start:
        return "own clause"
    if before >= s_start:
        return "earlier clause"
    if before >= 0:
        return "earlier sentence"
    if text.find(gold, q_start) >= 0:
        return "after"
    return "not written"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--split")
    ap.add_argument("--part", default="train")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--extra", action="append", default=[], help="more gold, outside the split")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "roles_coverage.json"))
    ap.add_argument(
        "--corpus", default=str(ROOT.parent / "shared" / "corpus" / "thucnews_sample.jsonl")
    )
    args = ap.parse_args(argv)
    if args.part == "test" and args.show:
        print("error: --show lists examples; never on the test part", file=sys.stderr)
        return 2
    gold = [g for p in args.gold for g in load_gold(p)]
    if args.split:
        gold = restrict(gold, split_part(args.split, args.part))
        if args.part == "train" and args.extra:
            held = split_part(args.split, "test")
            gold += [g for p in args.extra for g in load_gold(p) if str(g["doc"]) not in held]
    texts = _documents(gold, ROOT / "seeds", [Path(args.corpus)])
    stats: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    for _doc, text, g, cand, fields in matched(gold, texts):
        p = cand.to_dict()
        for name in ("subject", "predicate", "time"):
            right = _field_right(name, dict(g), p)[0]
            opts = fields.get(name, [])
            if name == "subject":
                covered = (
                    any(
                        subject_right(str(g.get("subject") or ""), _aliases(dict(g)), o.text)
                        for o in opts
                    )
                    or right
                )
            else:
                covered = right or any(
                    _field_right(name, dict(g), {**p, _key(name): o.text})[0] for o in opts
                )
            s = stats[name]
            s["found"] += 1
            s["right"] += right
            s["covered"] += covered
            if not covered:
                gv = str(g.get(name) or "")
                where = _where(text, gv, cand.start, cand.sentence_start, _clause_start(text, cand))
                s["miss: " + where] += 1
                if len(examples[name + where]) < args.show:
                    sent = text[cand.sentence_start : cand.sentence_end]
                    examples[name + where].append(
                        f"  [{name} / {where}] gold={gv!r} chosen={p[_key(name)]!r}"
                        f" opts={[o.text for o in opts][:6]}\n     "
                        f"{cand.quantity_text} in: {sent[:160]}"
                    )
            elif not right:
                s["covered, ranked wrong"] += 1
                if len(examples[name + "ranked"]) < args.show:
                    sent = text[cand.sentence_start : cand.sentence_end]
                    examples[name + "ranked"].append(
                        f"  [{name} / ranked wrong] gold={g.get(name)!r} "
                        f"chosen={p[_key(name)]!r} opts={[o.text for o in opts][:6]}\n"
                        f"     {cand.quantity_text} in: {sent[:160]}"
                    )
    out = {}
    for name, s in stats.items():
        n = s["found"] or 1
        out[name] = {k: v for k, v in sorted(s.items())}
        print(
            f"{name:<10} found {s['found']}  right {s['right'] / n:.3f}  "
            f"covered {s['covered'] / n:.3f}  "
            f"(covered but ranked wrong {s['covered, ranked wrong']})"
        )
        for k, v in sorted(s.items()):
            if k.startswith("miss"):
                print(f"    {k:<28}{v:>5}")
    for lines in examples.values():
        print("\n".join(lines))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


def _key(name: str) -> str:
    return "time_text" if name == "time" else name


def _clause_start(text: str, cand) -> int:  # type: ignore[no-untyped-def]
    k = cand.start
    while k > cand.sentence_start and text[k - 1] not in "，,；;：:":
        k -= 1
    return k


if __name__ == "__main__":
    raise SystemExit(main())
