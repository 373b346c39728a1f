"""Reviewed values as alternatives: what a reviewer set on a document's claims, offered on the
others.

A reviewer who fixes a subject or a predicate by typing or selecting it (an edit) or who adds
a claim the extractor missed often needs the same value again a few claims later: a report
names the same paraphrased subject claim after claim (``香港因家暴问题而申请禁制令的个案`` on
four counts in a row), and the items of a list share a predicate written nowhere as such. The
extractor cannot propose a value it never read; the reviewer has just given it. So each claim
on the card also offers, for its subject, predicate and time, the values of the nearest claims
of its document that a reviewer edited or added and accepted (:data:`NEAREST` distinct values per
field, nearest first by their place in the text), inserted among the extractor's options after
its first :data:`AFTER` (a digit picks one, as any alternative: two keys instead of typing it
again). Values the claim already holds or already offers are not repeated. The time counts
too: a match report's 末节 or 次节, a feature's 每年, holds for claim after claim of a paragraph
the extractor left without a time, and a reviewer who set it once picks it on the next claim
(a pick normalises it like any time option). :func:`fill_empty` leaves the time alone: an
added claim with no time may well have none.

The merge happens when the session reads a claim for the screen (:func:`with_reviewed`): the
stored ``alternatives`` column is never changed (``export`` keeps the extractor's own), and a
pick of a reviewed value is an ordinary pick, logged with its option as shown.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from typing import Any, cast

from db import alternatives
from db.rows import ClaimRow

#: Fields offered from reviewed claims (their names among the alternatives), with the claim's
#: column and span columns of each.
FIELDS = {
    "subject": ("subject", "subject_start", "subject_end"),
    "predicate": ("predicate", "predicate_start", "predicate_end"),
    "time": ("time_text", "time_start", "time_end"),
}
#: Fields :func:`fill_empty` fills on an added claim (an empty time may be right).
FILLED = ("subject", "predicate")
#: Distinct reviewed values offered per field.
NEAREST = 3
#: They follow the extractor's first options (its likeliest runners-up keep their digits).
AFTER = 3
#: Reviewed claims read per claim shown (nearest first; enough for NEAREST distinct values).
SCAN = 24

Reviewed = dict[str, list[dict[str, Any]]]
"""Field -> reviewed values, nearest first: ``{"text", "start", "end", "score": None}``."""


def _nearest(
    conn: sqlite3.Connection, doc_id: int, start: int, where: str = "", params: tuple = ()
) -> Iterator[dict[str, tuple[str, Any, Any]]]:
    """The accepted claims of document ``doc_id`` nearest to offset ``start`` (at most
    :data:`SCAN`; the earlier one on a tie, ``where`` narrowing them): for each, its non-empty
    :data:`FIELDS` as (text, start, end)."""
    columns = ", ".join(c for cols in FIELDS.values() for c in cols)
    sql = (
        f"SELECT {columns} FROM claims INDEXED BY claims_doc"
        f" WHERE doc_id = ? AND status = 'accepted'{where}"
        " ORDER BY abs(start - ?), start LIMIT ?"
    )
    for row in conn.execute(sql, (doc_id, *params, start, SCAN)):
        yield {
            field: (row[3 * i], row[3 * i + 1], row[3 * i + 2])
            for i, field in enumerate(FIELDS)
            if isinstance(row[3 * i], str) and row[3 * i].strip()
        }


def values(conn: sqlite3.Connection, doc_id: int, claim_id: int, start: int) -> Reviewed:
    """The subjects, predicates and times reviewers set on the claims of document ``doc_id``
    nearest to offset ``start`` (edited or added, and accepted; not claim ``claim_id`` itself):
    :data:`NEAREST` distinct non-empty values per field, nearest first."""
    where = " AND id != ? AND (edited = 1 OR origin = 'reviewer')"
    out: Reviewed = {}
    for row in _nearest(conn, doc_id, start, where, (claim_id,)):
        for field, (text, a, b) in row.items():
            have = out.setdefault(field, [])
            if len(have) < NEAREST and all(v["text"] != text for v in have):
                have.append({"text": text, "start": a, "end": b, "score": None})
    return {f: v for f, v in out.items() if v}


def merge(raw: Any, reviewed: Mapping[str, list[dict[str, Any]]]) -> Any:
    """The alternatives ``raw`` (the column's JSON text) with ``reviewed`` values inserted
    after each field's first :data:`AFTER` options, those it already lists left out; ``raw``
    itself when there is nothing to add. Bad JSON or a wrong shape counts as no options."""
    if not any(reviewed.values()):
        return raw
    merged: dict[str, Any] = dict(alternatives.decoded(raw))
    for field, new in reviewed.items():
        entries = merged.get(field)
        listed = list(entries) if isinstance(entries, list) else []
        texts = {e.get("text") for e in listed if isinstance(e, dict)}
        extra = [v for v in new if v["text"] not in texts]
        if extra:
            merged[field] = [*listed[:AFTER], *extra, *listed[AFTER:]]
    return json.dumps(merged, ensure_ascii=False)


def with_reviewed(conn: sqlite3.Connection, claim: ClaimRow) -> ClaimRow:
    """``claim`` with the reviewed values of its document among its alternatives (a new row;
    the claim itself when there are none)."""
    found = values(conn, claim["doc_id"], claim["id"], claim["start"])
    if not found:
        return claim
    shown = dict(claim)
    shown["alternatives"] = merge(claim.get("alternatives"), found)
    return cast(ClaimRow, shown)


def fill_empty(conn: sqlite3.Connection, doc_id: int, fields: Mapping[str, Any]) -> dict[str, Any]:
    """``fields`` of a claim being added to document ``doc_id`` with each of its
    :data:`FILLED` fields the extractor's guess left empty taken from the nearest accepted claim of
    the document (by its place in the text, the earlier one on a tie) that has one, with that
    claim's offsets. A reviewer adds a missed number next to the claim just decided, and the
    items of a list share its subject and predicate: an empty field is wrong anyway, a
    neighbour's value is right often enough (the extractor's own options stay as they are).
    A guessed value is never replaced."""
    out = dict(fields)
    missing = [f for f in FILLED if not str(out.get(f) or "").strip()]
    start = out.get("start")
    if not missing or not isinstance(start, int):
        return out
    for row in _nearest(conn, doc_id, start):
        for field in [f for f in missing if f in row]:
            _column, a, b = FIELDS[field]
            out[field], out[a], out[b] = row[field]
            missing.remove(field)
        if not missing:
            break
    return out
