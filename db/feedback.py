"""Suggestions from the document's decisions: a pending claim's subject and time re-ranked with
what reviewers accepted before it in its document.

The re-ranking itself is the extractor's (``extractor.feedback``, a small learned model over
the claim's stored options and the decided claims); this module reads what it needs from the
database — the claim's stored choice and runners-up, and the accepted claims before it in the
document with what the extractor had proposed for them (``original`` for an edited claim,
nothing for a claim a reviewer added) — and applies the result to the claim *as shown*. The
review session receives the ranking function from the caller (``db`` never imports the
extractor; the CLI wires them, like the time normaliser).

Nothing is written here: the claim row keeps the extractor's proposal until the reviewer acts.
The shown claim carries the suggested fields, with the extractor's own choice among the
alternatives (a digit picks it back), and :func:`apply` returns the changes an accept writes
(the session merges them into an edit or a pick too, so what is saved is what was shown).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from db import alternatives
from db.rows import ClaimRow

#: Field -> (column, start column, end column) of the fields re-ranked.
FIELDS = {
    "subject": ("subject", "subject_start", "subject_end"),
    "time": ("time_text", "time_start", "time_end"),
}
#: Decided claims read before a claim (the nearest ones; enough for the model's counts).
SCAN = 200
#: How far back (characters) decided claims are read: a news article's length, so a claim deep
#: in a long document reads a bounded stretch of the index, whatever the document holds.
WINDOW = 20_000

Decided = tuple[int, int, str, int | None, int | None, str | None]
"""A decided claim for one field: (quantity start, sentence start, accepted value, its start,
its end, the extractor's proposal or None for a reviewer's own claim)."""

Ranked = Sequence[tuple[str, int | None, int | None, float]]
"""Options best first: (text, start, end, probability)."""

Span = tuple[int | None, int | None]
Rerank = Callable[[str, str, Span, Sequence[Any], Sequence[Decided], int], Ranked]
"""``rerank(field, current, (start, end), stored alternatives, decided, sentence start)``."""


#: The accepted claims before a claim: a range of the ``claims_doc`` index (doc, start).
DECIDED_SQL = (
    "SELECT start, sentence_start, origin, original, "
    + ", ".join(c for spec in FIELDS.values() for c in spec)
    + " FROM claims INDEXED BY claims_doc"
    " WHERE doc_id = ? AND start < ? AND start >= ? AND status = 'accepted' AND id != ?"
    " ORDER BY start DESC, end DESC LIMIT ?"
)


def decided_before(conn: sqlite3.Connection, claim: Mapping[str, Any]) -> dict[str, list[Decided]]:
    """Per field, the accepted claims of the claim's document that start before it (at most
    :data:`SCAN`, the nearest ones, within :data:`WINDOW` characters), in text order."""
    rows = conn.execute(
        DECIDED_SQL, (claim["doc_id"], claim["start"], claim["start"] - WINDOW, claim["id"], SCAN)
    ).fetchall()
    out: dict[str, list[Decided]] = {f: [] for f in FIELDS}
    for row in reversed(rows):
        start, sentence, origin, original = row[0], row[1], row[2], row[3]
        proposal: Mapping[str, Any] | None = None
        if origin != "reviewer":
            proposal = _original(original)
        for i, (field, (column, _a, _b)) in enumerate(FIELDS.items()):
            value, a, b = row[4 + 3 * i], row[5 + 3 * i], row[6 + 3 * i]
            proposed: str | None = None
            if origin != "reviewer":
                was = proposal.get(column) if proposal is not None else value
                proposed = str(was or "")
            out[field].append((start, sentence, str(value or ""), a, b, proposed))
    return out


def _original(raw: Any) -> Mapping[str, Any] | None:
    """The extractor's proposal kept in ``original`` (None: the claim was not edited)."""
    if not raw:
        return None
    try:
        data = json.loads(raw)
    except (ValueError, TypeError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _stored(raw: Any) -> dict[str, list[dict[str, Any]]]:
    """The claim's stored alternatives per field (bad JSON or a wrong shape: none)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for field, entries in alternatives.decoded(raw).items():
        if isinstance(entries, list):
            out[str(field)] = [e for e in entries if isinstance(e, dict) and "text" in e]
    return out


def _span(text: str, doc: str, a: Any, b: Any) -> tuple[int | None, int | None]:
    """Offsets that hold ``text`` in the document, else none."""
    if isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(doc) and doc[a:b] == text:
        return a, b
    return None, None


def apply(
    conn: sqlite3.Connection,
    claim: ClaimRow,
    rerank: Rerank,
    doc: str,
    normalise_time: Callable[[str, str | None], str] | None = None,
    doc_date: str | None = None,
) -> tuple[ClaimRow, dict[str, Any], dict[str, str]]:
    """The pending ``claim`` as shown with its subject and time re-ranked by the document's
    decisions: (shown claim, the changes an accept of it writes, field -> the extractor's
    proposal it replaces). The claim itself and nothing to write when nothing changes."""
    if claim["status"] != "pending":
        return claim, {}, {}
    decided = decided_before(conn, claim)
    if not any(decided.values()):
        return claim, {}, {}
    stored = _stored(claim.get("alternatives"))
    changes: dict[str, Any] = {}
    replaced: dict[str, str] = {}
    new_alts = dict(stored)
    for field, (column, a_col, b_col) in FIELDS.items():
        current = str(claim.get(column) or "")
        a0, b0 = claim.get(a_col), claim.get(b_col)
        span = (a0 if isinstance(a0, int) else None, b0 if isinstance(b0, int) else None)
        ranked = rerank(field, current, span, stored.get(field, []), decided[field],
                        claim["sentence_start"])  # fmt: skip
        if not ranked or ranked[0][0].strip() == current.strip():
            continue
        text, a, b, _p = ranked[0]
        a, b = _span(text, doc, a, b)
        changes[column], changes[a_col], changes[b_col] = text, a, b
        if field == "time":
            changes["time"] = normalise_time(text, doc_date) if normalise_time and text else ""
        replaced[field] = current
        new_alts[field] = [
            {"text": t, "start": s, "end": e, "score": round(p, 4)} for t, s, e, p in ranked[1:]
        ]
    if not changes:
        return claim, {}, {}
    shown = dict(claim)
    shown.update(changes)
    shown["alternatives"] = json.dumps(new_alts, ensure_ascii=False)
    return cast(ClaimRow, shown), changes, replaced
