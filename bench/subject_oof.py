"""Out-of-fold subject choices on the training part, one claim per line: what error analysis
reads. For every gold claim the extractor finds (with a gold subject), the model trained
without the claim's fold (the folds of ``python -m extractor.train --folds 5``: documents in
sorted order, every fifth held out; trees included) ranks the subject options; the line shows
the gold subject, the chosen option, and the rank of the first right option (``-`` when no
option is right), then the quantity's sentence and the best options with their features
(``--options N``).

The summary line gives the same accuracy and ceiling as the training command's CV (subject).
Train only (the gold of ``tests/data/split.json``'s train part): never run it on the test part.

Usage::

    python bench/subject_oof.py [--folds 5] [--options 6] [--errors] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.golddata import train_gold  # noqa: E402
from extractor.core import extract_with_fields  # noqa: E402
from extractor.ranker import DEFAULT_BOOST, canonical_key, fit, list_features  # noqa: E402
from extractor.train import RULES, _right, matched_pairs  # noqa: E402

_END = re.compile(r"[。！？!?\n]")


def sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``start:end`` with the quantity in brackets."""
    a = max((m.end() for m in _END.finditer(text, 0, start)), default=0)
    m = _END.search(text, end)
    b = m.end() if m else len(text)
    return (text[a:start] + "[" + text[start:end] + "]" + text[end:b]).strip()


def fit_fold(records: dict[str, list[dict]], docs: list[str], held: set[str], field: str):
    """The field's model fitted on every document's records but the ``held`` fold's."""
    rows = [
        list(zip(r["feats"], r["labels"], strict=True))
        for d in docs
        if d not in held
        for r in records[d]
    ]
    return fit(rows, field=field, boost=DEFAULT_BOOST.get(field))


def write_records(
    path: str, lines: list[dict], texts: dict[str, str], drop: tuple[str, ...]
) -> None:
    """Each claim's record as a JSON line (what ``subject_oof_diff.py`` compares): the record
    without the ``drop`` keys, each option's true features as ``flags``, and its sentence."""
    with open(path, "w", encoding="utf-8") as fh:
        for r in lines:
            row = {k: v for k, v in r.items() if k not in drop}
            row["flags"] = [sorted(k for k, v in f.items() if v) for f in r["feats"]]
            row["sentence"] = sentence(texts[r["doc"]], r["start"], r["end"])
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--options", type=int, default=6, help="best options shown per claim")
    ap.add_argument("--errors", action="store_true", help="show only wrong choices")
    ap.add_argument("--json", help="also write every claim's record as JSON lines here")
    args = ap.parse_args(argv)
    gold, texts = train_gold()
    docs = sorted(texts)
    records: dict[str, list[dict]] = {}
    for doc in docs:
        golds = [g for g in gold if str(g["doc"]) == doc and g.get("claim")]
        found = extract_with_fields(texts[doc], None, RULES, screen=False)
        out = []
        for g, cand, fields in matched_pairs(golds, found):
            options = fields.get("subject") or []
            if not options or not g.get("subject"):
                continue
            options = sorted(options, key=canonical_key)
            feats = list_features(options, "subject", cand.kind)
            out.append(
                {
                    "doc": doc,
                    "gold": g["subject"],
                    "start": cand.start,
                    "end": cand.end,
                    "options": [(o.text, o.start, o.end) for o in options],
                    "feats": feats,
                    "labels": [_right("subject", g, o.text) for o in options],
                }
            )
        records[doc] = out
    right = total = covered = 0
    lines: list[dict] = []
    for k in range(args.folds):
        held = set(docs[k :: args.folds])
        model = fit_fold(records, docs, held, "subject")
        for d in sorted(held):
            for r in records[d]:
                scores = model.scores(r["feats"], "subject")
                order = sorted(range(len(scores)), key=lambda i: -scores[i])
                rank = next((n for n, i in enumerate(order) if r["labels"][i] > 0), None)
                total += 1
                covered += rank is not None
                right += rank == 0
                r["order"] = order
                r["rank"] = rank
                r["fold"] = k
                lines.append(r)
    lines.sort(key=lambda r: (r["doc"], r["start"]))
    for r in lines:
        if args.errors and r["rank"] == 0:
            continue
        opts = r["options"]
        best = opts[r["order"][0]][0]
        rank_text = "-" if r["rank"] is None else str(r["rank"])
        print(f"{r['doc']}\t{r['start']}\tgold={r['gold']}\tchose={best}\trank={rank_text}")
        print("    " + sentence(texts[r["doc"]], r["start"], r["end"])[:200])
        for i in r["order"][: args.options]:
            flags = ",".join(
                k for k, v in sorted(r["feats"][i].items()) if v and "*" not in k and k != "n_opts"
            )
            mark = "+" if r["labels"][i] > 0 else " "
            print(f"    {mark} {opts[i][0]} [{opts[i][1]}:{opts[i][2]}] {flags}")
    print(
        f"{args.folds}-fold CV subject {right / max(total, 1):.3f}"
        f"  ceiling {covered / max(total, 1):.3f}  claims {total}"
    )
    if args.json:
        write_records(args.json, lines, texts, drop=("feats",))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
