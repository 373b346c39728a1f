"""Two runs of ``bench/subject_oof.py --json`` compared: what a change to the subject options or
features did out of fold. Prints each run's accuracy per fold and on a list of documents (the
newest training articles by default, ``/work/newest175.txt`` or ``--docs FILE``), then the
claims the change fixed and broke, by document, so noise (a retrained ranker moving a few
claims of unrelated documents) can be told from the change's own effect. ``--show N`` lists N
fixed and N broken claims with the gold, both choices and the sentence.

Training part only (``bench/subject_oof.py`` reads nothing else).

Usage::

    python bench/subject_oof.py --json before.jsonl   # on the base commit
    python bench/subject_oof.py --json after.jsonl    # with the change
    python bench/subject_oof_diff.py before.jsonl after.jsonl [--docs FILE] [--show 10]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

NEWEST = Path("/work/newest175.txt")

Key = tuple[str, int, str]


def load(path: str) -> dict[Key, dict]:
    """The claims of one run, by (document, quantity start, gold subject)."""
    rows = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            rows[(r["doc"], r["start"], r["gold"])] = r
    return rows


def chosen(r: dict) -> str:
    return str(r["options"][r["order"][0]][0])


def summary(rows: dict[Key, dict], docs: set[str]) -> str:
    """Accuracy per fold, overall and on ``docs``."""
    folds: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    some = [0, 0]
    for (doc, _, _), r in rows.items():
        right = r["rank"] == 0
        folds[r["fold"]][0] += right
        folds[r["fold"]][1] += 1
        if doc in docs:
            some[0] += right
            some[1] += 1
    total = sum(f[0] for f in folds.values()) / max(1, sum(f[1] for f in folds.values()))
    per = " ".join(f"{folds[k][0] / folds[k][1]:.3f}" for k in sorted(folds))
    listed = some[0] / max(1, some[1])
    return f"{total:.3f} (folds {per}); listed documents {listed:.3f} of {some[1]}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--docs", default=str(NEWEST), help="a file of document ids, one a line")
    ap.add_argument("--show", type=int, default=0, help="fixed and broken claims listed")
    args = ap.parse_args(argv)
    a, b = load(args.before), load(args.after)
    path = Path(args.docs)
    docs = set(path.read_text(encoding="utf-8").split()) if path.exists() else set()
    print("before", summary(a, docs))
    print("after ", summary(b, docs))
    both = [k for k in b if k in a]
    fixed = [k for k in both if b[k]["rank"] == 0 and a[k]["rank"] != 0]
    broken = [k for k in both if b[k]["rank"] != 0 and a[k]["rank"] == 0]
    print(f"fixed {len(fixed)}, broken {len(broken)} of {len(both)} claims in both runs")
    for name, keys in (("fixed", fixed), ("broken", broken)):
        top = Counter(k[0] for k in keys).most_common(8)
        print(f"{name} by document: " + ", ".join(f"{d} {n}" for d, n in top))
        for k in keys[: args.show]:
            print(f"  {k[0]} gold={k[2]} was={chosen(a[k])} now={chosen(b[k])}")
            print(f"      {b[k]['sentence'][:120]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
