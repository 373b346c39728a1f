"""The training part's gold and texts, and the gold claims each with the candidate that finds
it: what the analysis scripts of ``bench/`` (subject misses, role coverage, subject CV) read.

Train only: these scripts show examples, which must never come from the test part.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from extractor.core import extract_with_fields
from extractor.evaluate import _documents, load_gold, restrict, split_part
from extractor.model import Candidate
from extractor.train import matched_pairs

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
#: The gold files of the split, in the order the training command reads them.
GOLD = (
    "dev_claims.jsonl",
    "annotated_claims.jsonl",
    "extra_claims.jsonl",
    "extra_s37_claims.jsonl",
)
CORPUS = ROOT.parent / "shared" / "corpus" / "thucnews_sample.jsonl"


def train_gold() -> tuple[list[dict], dict[str, str]]:
    """The gold lines of the training part of ``tests/data/split.json`` and their texts."""
    gold = [g for name in GOLD for g in load_gold(str(DATA / name))]
    gold = restrict(gold, split_part(str(DATA / "split.json"), "train"))
    return gold, _documents(gold, ROOT / "seeds", [CORPUS])


def matched(
    gold: Sequence[Mapping[str, Any]], texts: Mapping[str, str]
) -> Iterator[tuple[str, str, Mapping[str, Any], Candidate, dict]]:
    """Each gold claim (``claim: true``) that a candidate finds, as (document, text, gold
    line, candidate, the candidate's ranked options per field), documents in id order; a
    candidate finds at most one gold claim, as in the eval."""
    for doc, text in sorted(texts.items()):
        golds = [g for g in gold if str(g["doc"]) == doc and g.get("claim")]
        for g, cand, fields in matched_pairs(golds, extract_with_fields(text)):
            yield doc, text, g, cand, fields
