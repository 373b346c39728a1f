"""How far a second annotator agrees with the gold, by the eval's own rules.

``tests/data/agreement/second_claims.jsonl`` holds a second, blind annotation of reference-gold
articles (``dev_claims.jsonl`` and ``annotated_claims.jsonl``: the training part's 30 and the
test part's 30), written from the text and ``../shared/gold/GUIDELINE.md`` alone by annotators
who never saw the gold or the extractor's output. This script scores that annotation as if it
were the extractor's proposals (``extractor.evaluate.score``: precision, recall, accept-as-is,
each field on found claims) against the gold, for each part, and the extractor on the same
articles beside it. It is the ceiling the eval's targets should be read against: where two
careful annotators following the same guideline agree on 0.71 of subjects, an extractor scored
against one of them cannot be expected to reach 0.80.

The second annotation is checked before it is scored: every record's offsets must hold in the
article text (``text[start:end] == surface``), or the script stops with the line at fault.

Usage::

    python bench/agreement.py                # prints the table, writes bench/out/agreement.json
    python bench/agreement.py --out F.json
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--second", default=str(SECOND), help="the second annotation (JSONL)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "agreement.json"))
    args = ap.parse_args(argv)

    gold = [g for path in REFERENCE for g in ev.load_gold(path)]
    texts = ev._documents(gold, ROOT / "seeds", [Path(c) for c in ev.default_corpora(ROOT)])
    try:
        second = load_second(Path(args.second), texts)
    except (OSError, SecondError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    docs = {str(r["doc"]) for r in second}
    gold = [g for g in gold if str(g["doc"]) in docs]
    proposals = as_proposals(second)
    extracted = ev.predict({d: texts[d] for d in sorted(docs)})

    results: dict[str, dict] = {}
    for part in ("train", "test"):
        part_docs = ev.split_part(SPLIT, part) & docs
        if not part_docs:
            continue
        g = [x for x in gold if str(x["doc"]) in part_docs]
        results[part] = {
            "second annotator": summary(
                ev.score(g, [p for p in proposals if p["doc"] in part_docs])
            ),
            # The same comparison the other way round: the second annotation as the gold.
            "gold against the second": summary(
                ev.score(
                    [r for r in second if str(r["doc"]) in part_docs],
                    as_proposals([x for x in g]),
                )
            ),
            "extractor": summary(ev.score(g, [p for p in extracted if p["doc"] in part_docs])),
        }

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
    print("part   who                       " + "  ".join(f"{c[:9]:>9}" for c in cols))
    for part, rows in results.items():
        for who, s in rows.items():
            print(f"{part:<6} {who:<25} " + "  ".join(f"{s[c]:>9}" for c in cols))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(out)
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
