"""Inter-annotator agreement on overlap-mode verdicts: Cohen's and Fleiss' kappa, per field.

The verdicts are the ``judgements`` table: each reviewer's accept/reject (and fields, for an
accept) on claims judged by several reviewers. Kappa measures agreement beyond chance on
accept/reject; field agreement says, for claims reviewers edited, how often two reviewers who
both accepted wrote the same value in each field.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import combinations

from db.schema import FACT_FIELDS

#: Fields compared between reviewers who accepted the same edited claim (the fact fields but
#: the surface and the sentence bounds, which follow from start and end).
COMPARED_FIELDS = tuple(
    f for f in FACT_FIELDS if f not in ("quantity_text", "sentence_start", "sentence_end")
)


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa for two raters; ``pairs`` holds (rater A's label, rater B's label) per item.

    Returns None when undefined (no items, or chance agreement 1 with disagreement).
    """
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(a == b for a, b in pairs) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[c] * second[c] for c in first.keys() | second.keys()) / (n * n)
    if expected == 1:
        return 1.0 if observed == 1 else None
    return (observed - expected) / (1 - expected)


def fleiss_kappa(table: Sequence[Sequence[int]]) -> float | None:
    """Fleiss' kappa; ``table[i][j]`` = how many raters put item i in category j.

    Every item must have the same number of raters (at least 2). Returns None when undefined.
    """
    if not table:
        return None
    raters = sum(table[0])
    if raters < 2 or any(sum(row) != raters for row in table):
        raise ValueError("every item needs the same number of raters, at least 2")
    items = len(table)
    categories = len(table[0])
    p_j = [sum(row[j] for row in table) / (items * raters) for j in range(categories)]
    p_i = [(sum(c * c for c in row) - raters) / (raters * (raters - 1)) for row in table]
    p_bar = sum(p_i) / items
    p_e = sum(p * p for p in p_j)
    if p_e == 1:
        return 1.0 if p_bar == 1 else None
    return (p_bar - p_e) / (1 - p_e)


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _kappas(items: dict[int, dict[str, str]]) -> dict:
    """Kappa figures over items (claim -> reviewer -> status)."""
    reviewers = sorted({r for votes in items.values() for r in votes})
    pairwise = []
    for a, b in combinations(reviewers, 2):
        pairs = [(v[a], v[b]) for v in items.values() if a in v and b in v]
        if pairs:
            pairwise.append(
                {
                    "reviewers": [a, b],
                    "items": len(pairs),
                    "cohen_kappa": _round(cohen_kappa(pairs)),
                }
            )
    out: dict = {"items": len(items), "reviewers": reviewers, "pairwise": pairwise}
    if len(reviewers) == 2:
        out["method"] = "cohen"
        out["kappa"] = pairwise[0]["cohen_kappa"] if pairwise else None
        out["kappa_items"] = pairwise[0]["items"] if pairwise else 0
        return out
    sizes = Counter(len(v) for v in items.values() if len(v) >= 2)
    if not sizes:
        out.update(method="fleiss", kappa=None, kappa_items=0)
        return out
    raters = sizes.most_common(1)[0][0]
    table = [
        [sum(s == "accepted" for s in v.values()), sum(s == "rejected" for s in v.values())]
        for v in items.values()
        if len(v) == raters
    ]
    out.update(method="fleiss", raters_per_item=raters, kappa=_round(fleiss_kappa(table)),
               kappa_items=len(table))  # fmt: skip
    return out


def _field_agreement(claims: list[tuple[dict, list[dict]]]) -> dict:
    """Per field, the share of pairs of accepting reviewers who wrote the same value."""
    agree: Counter = Counter()
    total = 0
    for _proposal, accepted in claims:
        for a, b in combinations(accepted, 2):
            total += 1
            for f in COMPARED_FIELDS:
                agree[f] += a.get(f) == b.get(f)
    return {
        "claims": len(claims),
        "pairs": total,
        "fields": {f: _round(agree[f] / total) if total else None for f in COMPARED_FIELDS},
    }


def compute(conn: sqlite3.Connection) -> dict:
    """Agreement overall and per kind, for ``claimdesk stats --agreement``."""
    votes: dict[int, dict[str, str]] = defaultdict(dict)
    accepted_fields: dict[int, list[dict]] = defaultdict(list)
    for claim_id, reviewer, status, fields in conn.execute(
        "SELECT claim_id, reviewer, status, fields FROM judgements ORDER BY claim_id"
    ):
        votes[claim_id][reviewer] = status
        if status == "accepted":
            accepted_fields[claim_id].append(json.loads(fields))
    multi = {c: v for c, v in votes.items() if len(v) >= 2}
    kinds: dict[int, str] = {}
    proposals: dict[int, dict] = {}
    for claim_id in multi:
        row = conn.execute(
            "SELECT kind, original, "
            + ", ".join(f'"{f}"' for f in COMPARED_FIELDS)
            + " FROM claims WHERE id = ?",
            (claim_id,),
        ).fetchone()
        kinds[claim_id] = row[0]
        proposals[claim_id] = (
            json.loads(row[1]) if row[1] else dict(zip(COMPARED_FIELDS, row[2:], strict=True))
        )
    # Claims that several reviewers accepted and at least one changed from the proposal.
    edited = {
        c: (proposals[c], accepted_fields[c])
        for c in multi
        if len(accepted_fields[c]) >= 2
        and any(
            any(f.get(k) != proposals[c].get(k) for k in COMPARED_FIELDS)
            for f in accepted_fields[c]
        )
    }
    per_kind = {}
    for kind in sorted(set(kinds.values())):
        ids = [c for c in multi if kinds[c] == kind]
        per_kind[kind] = {
            **_kappas({c: multi[c] for c in ids}),
            "edited": _field_agreement([edited[c] for c in ids if c in edited]),
        }
    return {
        "overall": _kappas(multi),
        "edited": _field_agreement(list(edited.values())),
        "per_kind": per_kind,
    }
