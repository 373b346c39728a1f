"""The gain of `claimdesk train`: learn from the decisions on part of a corpus, measure the rest.

The training articles of ``tests/data/split.json`` are ingested into a fresh database and
extracted. An oracle reviewer decides every candidate of the first half of them by the gold
(a candidate on a gold claim is accepted with the gold's subject, predicate and time; any other
is rejected). Precision, recall, accept-as-is and the subject, predicate and time accuracy on
found claims are measured on the other half with the clause rules alone (before), with the
shipped look-alike filter added, and after ``claimdesk train`` and ``claimdesk extract --redo``
(the shipped model's figures are printed too, but it and its filter were trained on these
articles). The gold is every gold file of the split's training part
(``dev_claims``, ``annotated_claims``, ``extra_claims``). Figures are printed and written to
``bench/out/train_gain.json``.

Usage::

    python bench/train_gain.py [--out bench/out/train_gain.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from click.testing import CliRunner  # noqa: E402

from bench.golddata import GOLD  # noqa: E402
from db.claims import extractor_proposals, match_sources, save_model  # noqa: E402
from db.connection import open_db  # noqa: E402
from db.errors import ClaimdeskError  # noqa: E402
from extractor.evaluate import _matches, load_gold, restrict, score, split_part  # noqa: E402
from extractor.ranker import Ranker  # noqa: E402
from extractor.ranker import shipped as shipped_model  # noqa: E402
from tui.cli import cli  # noqa: E402

try:
    from db.decisions import decide  # type: ignore[import-not-found,unused-ignore]
except ImportError:
    from db.review import decide


def _run(*args: str) -> str:
    r = CliRunner().invoke(cli, list(args))
    if r.exit_code != 0:
        raise SystemExit(f"claimdesk {' '.join(args)} failed: {r.output.strip()}")
    return r.output.strip()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "train_gain.json"))
    args = ap.parse_args(argv)
    data = ROOT / "tests" / "data"
    corpus = ROOT.parent / "shared" / "corpus" / "thucnews_sample.jsonl"
    train = sorted(split_part(data / "split.json", "train"))
    gold = restrict(
        [g for name in GOLD for g in load_gold(data / name)],
        set(train),
    )
    taught, held = set(train[::2]), set(train[1::2])
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs.jsonl"
        with open(corpus, encoding="utf-8") as fh, open(docs, "w", encoding="utf-8") as out:
            for line in fh:
                if json.loads(line)["id"] in taught | held:
                    out.write(line)
        db = str(Path(tmp) / "gain.db")
        _run("ingest", str(docs), "--db", db)
        _run("extract", "--db", db)
        conn = open_db(db)
        ids = match_sources(conn, taught | held)

        def measure() -> dict[str, float]:
            part = {i: d for i, d in ids.items() if d in held}
            report = score(restrict(gold, held), extractor_proposals(conn, part))
            fields = report["fields"]
            return {
                "precision": round(report["precision"], 3),
                "recall": round(report["recall"], 3),
                "accept_as_is": round(report["accept_as_is"], 3),
                **{name: round(fields[name], 3) for name in ("subject", "predicate", "time")},
            }

        shipped = measure()
        # The shipped model was trained on all training articles, the held-out half included:
        # the fair "before" is the clause rules alone.
        save_model(conn, "ranker", Ranker({"rule": 1.0}).to_json(), 0)
        _run("extract", "--db", db, "--redo")
        before = measure()
        # The shipped look-alike filter (fitted on all training articles, the held-out half
        # included) with the clause rules: what `claimdesk train` starts the filter from.
        save_model(
            conn, "ranker", Ranker({"rule": 1.0}, lookalike=shipped_model().lookalike).to_json(), 0
        )
        _run("extract", "--db", db, "--redo")
        shipped_filter = measure()
        save_model(conn, "ranker", Ranker({"rule": 1.0}).to_json(), 0)
        _run("extract", "--db", db, "--redo")
        decided = 0
        for doc_id, doc in ids.items():
            if doc not in taught:
                continue
            golds = [g for g in gold if g["doc"] == doc and g.get("claim")]
            rows = conn.execute(
                'SELECT id, start, "end", value, unit FROM claims WHERE doc_id = ?', (doc_id,)
            ).fetchall()
            for claim_id, start, end, value, unit in rows:
                cand = {"start": start, "end": end, "value": value, "unit": unit}
                hit = next((g for g in golds if _matches(g, cand)), None)
                if hit is None:
                    decide(conn, claim_id, "oracle", "reject")
                else:
                    changes = {
                        "subject": hit.get("subject") or "",
                        "predicate": hit.get("predicate") or "",
                        "time_text": hit.get("time") or "",
                    }
                    try:
                        decide(conn, claim_id, "oracle", "edit", changes)
                    except ClaimdeskError:
                        continue  # a claim the edit form refuses (no value): left pending
                decided += 1
        trained = _run("train", "--db", db, "--min-claims", "5")
        _run("extract", "--db", db, "--redo")
        after = measure()
    result = {
        "taught_articles": len(taught),
        "held_out_articles": len(held),
        "decisions": decided,
        "train": trained,
        "held_out_gold_claims": sum(1 for g in gold if g["doc"] in held and g.get("claim")),
        "shipped_model_in_sample": shipped,
        "before": before,
        "before_with_shipped_lookalike_filter_in_sample": shipped_filter,
        "after": after,
    }
    print(json.dumps(result, ensure_ascii=False, indent=1))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
