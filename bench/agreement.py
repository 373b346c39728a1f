"""How far a second annotator agrees with the gold, by the eval's own rules.

``tests/data/agreement/second_claims.jsonl`` holds a second, blind annotation of the reference
gold's articles (``dev_claims.jsonl`` and ``annotated_claims.jsonl``: 30 of the training part and
the test part's 30), and ``second_b_claims.jsonl`` one of the held-out modern half B, written from
the text and ``../shared/gold/GUIDELINE.md`` alone by annotators who never saw the gold or the
extractor's output. This script scores each as if it were the extractor's proposals
(``extractor.evaluate.score``: precision, recall, accept-as-is, each field on found claims)
against the gold — by part of the split where the articles are in it — and the other way round,
with the extractor on the same articles beside them. It is the ceiling the eval's targets are
read against: an extractor scored against one annotator is not expected to agree with the gold
more than a second annotator who follows the same guideline.

Each second annotation is checked before it is scored: every record's offsets must hold in the
article text (``text[start:end] == surface``), or the script stops with one line naming the
file and line at fault (exit 2).

Usage::

    python bench/agreement.py                # every set; writes bench/out/agreement.json
    python bench/agreement.py --second S.jsonl --gold G.jsonl [G2.jsonl ...] --out F.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor import evaluate as ev  # noqa: E402

DATA = ROOT / "tests" / "data"
SECOND = DATA / "agreement" / "second_claims.jsonl"
REFERENCE = (DATA / "dev_claims.jsonl", DATA / "annotated_claims.jsonl")
SPLIT = DATA / "split.json"
#: Each gold and its second annotation: the reference gold's 60 articles (scored by part of the
#: split), the held-out modern half B, and a third annotation of the test part.
SETS: dict[str, tuple[tuple[Path, ...], Path]] = {
    "reference": (REFERENCE, SECOND),
    "modern B": (
        (DATA / "modern" / "modern_b_claims.jsonl",),
        DATA / "agreement" / "second_b_claims.jsonl",
    ),
    # a third annotation of the test part: against the gold, and the two annotators against
    # each other (the second annotation as the gold)
    "third": (REFERENCE, DATA / "agreement" / "third_claims.jsonl"),
    "third vs second": (
        (DATA / "agreement" / "second_claims.jsonl",),
        DATA / "agreement" / "third_claims.jsonl",
    ),
}


class SecondError(ValueError):
    """A record of the second annotation that does not hold in its article."""


def load_second(path: Path, texts: dict[str, str]) -> list[dict]:
    """The second annotation's records, each checked against its article's text."""
    out: list[dict] = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SecondError(f"{path}:{n}: not JSON ({exc.msg})") from None
            doc = str(rec.get("doc"))
            text = texts.get(doc)
            if text is None:
                raise SecondError(f"{path}:{n}: no article {doc!r}")
            start, end = rec.get("start"), rec.get("end")
            if (
                not isinstance(start, int)
                or not isinstance(end, int)
                or text[start:end] != rec.get("surface")
            ):
                raise SecondError(
                    f"{path}:{n}: surface {rec.get('surface')!r} is not at [{start}:{end}]"
                )
            out.append(rec)
    return out


def as_proposals(records: list[dict]) -> list[dict]:
    """Gold-format records as the proposals ``score`` reads (claims only)."""
    return [
        {**r, "time_text": r.get("time") or "", "quantity_text": r.get("surface", "")}
        for r in records
        if r.get("claim")
    ]


def summary(report: dict) -> dict:
    f = report["fields"]
    return {
        "documents": report["documents"],
        "gold_claims": report["gold_claims"],
        "precision": round(report["precision"], 3),
        "recall": round(report["recall"], 3),
        "accept_as_is": round(report["accept_as_is"], 3),
        "subject": round(f["subject"], 3),
        "predicate": round(f["predicate"], 3),
        "predicate_exact": round(f["predicate_exact"], 3),
        "qualifier": round(f["qualifier"], 3),
        "time": round(f["time"], 3),
    }


def _rows(gold: list[dict], second: list[dict], extracted: list[dict], docs: set[str]) -> dict:
    g = [x for x in gold if str(x["doc"]) in docs]
    mine = [r for r in second if str(r["doc"]) in docs]
    return {
        "annotation": summary(ev.score(g, as_proposals(mine))),
        # The same comparison the other way round: the second annotation as the gold.
        "gold against it": summary(ev.score(mine, as_proposals(g))),
        "extractor": summary(ev.score(g, [p for p in extracted if p["doc"] in docs])),
    }


def compare(
    gold_paths: tuple[Path, ...],
    second_path: Path,
    extracted: dict[str, list[dict]] | None = None,
) -> dict[str, dict]:
    """The rows of one gold and its second annotation: by part of the split where the
    documents are in it, else for all of them (``all``). ``extracted`` keeps the extractor's
    proposals by document across calls (sets that share articles extract them once)."""
    gold = [g for path in gold_paths for g in ev.load_gold(path)]
    texts = ev._documents(gold, ROOT / "seeds", [Path(c) for c in ev.default_corpora(ROOT)])
    second = load_second(second_path, texts)
    docs = {str(r["doc"]) for r in second}
    known = {} if extracted is None else extracted
    todo = sorted(docs - set(known))
    for doc in todo:
        known[doc] = []
    for p in ev.predict({d: texts[d] for d in todo}):
        known[str(p["doc"])].append(p)
    parts = {part: ev.split_part(SPLIT, part) & docs for part in ("train", "test")}
    if not any(parts.values()):
        parts = {"all": docs}
    proposals = [p for d in sorted(docs) for p in known[d]]
    return {part: _rows(gold, second, proposals, d) for part, d in parts.items() if d}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--second",
        help="score only this second annotation (JSONL) against --gold (default: every set of"
        " SETS)",
    )
    ap.add_argument("--gold", nargs="+", help="the gold files --second annotates again")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "agreement.json"))
    args = ap.parse_args(argv)
    if bool(args.second) != bool(args.gold):
        ap.error("--second and --gold go together")
    sets = (
        {"given": (tuple(Path(g) for g in args.gold), Path(args.second))} if args.second else SETS
    )
    results: dict[str, dict] = {}
    extracted: dict[str, list[dict]] = {}
    for name, (gold_paths, second_path) in sets.items():
        try:
            for part, rows in compare(gold_paths, second_path, extracted).items():
                results[f"{name} {part}"] = rows
        except (OSError, SecondError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2

    cols = (
        "documents",
        "gold_claims",
        "precision",
        "recall",
        "accept_as_is",
        "subject",
        "predicate",
        "predicate_exact",
        "time",
    )
    print(f"{'set':<21} {'who':<25} " + "  ".join(f"{c[:9]:>9}" for c in cols))
    for part, rows in results.items():
        for who, s in rows.items():
            print(f"{part:<21} {who:<25} " + "  ".join(f"{s[c]:>9}" for c in cols))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(out)
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
