"""The review queue: which claim a reviewer gets next, and the leases that keep it theirs.

One next-claim query (:func:`next_row`) serves every mode: a single reviewer's next pending
claim, split mode's next claim nobody else holds, overlap mode's next claim this reviewer has
not judged, adjudication's next dispute — each is :func:`next_row` with its own condition.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from db.claimlist import _COLS, _ORDER, ClaimFilter, Key, _one
from db.connection import transaction
from db.rows import ListRow
from db.schema import now_iso

if TYPE_CHECKING:  # teams imports this module
    from db.teams import Assignment

#: How many claims skipped in this session :func:`next_pending` keeps out of a wrapped pass.
_MAX_SKIP_IDS = 500


def next_row(
    conn: sqlite3.Connection,
    flt: ClaimFilter,
    after: Key | None,
    skipped: Iterable[int] = (),
    extra: str = "1",
    extra_params: Sequence[Any] = (),
) -> ListRow | None:
    """The one next-claim query: the first claim after ``after`` in review order (wrapping
    around to the start) that passes ``flt`` and the SQL condition ``extra``.

    Claims in ``skipped`` (skipped in this session) are passed over on the wrapped part, unless
    nothing else is left — so a skip moves on and the claim comes back only at the end.
    Every mode's next claim is this query with its own ``extra`` (see :mod:`db.teams`).

    Returns:
        The claim's list columns, or None.
    """
    where, params = flt.where()
    where = f"{where} AND ({extra})"
    params = [*params, *extra_params]
    sql = f"SELECT {_COLS} FROM {flt.source()} WHERE {where} {{}} {_ORDER} LIMIT 1"
    if after is not None:
        row = _one(
            conn.execute(sql.format("AND (doc_id, start, id) > (?, ?, ?)"), [*params, *after])
        )
        if row:
            return row
    skip = list(skipped)[-_MAX_SKIP_IDS:]
    if skip:
        marks = ",".join("?" * len(skip))
        row = _one(conn.execute(sql.format(f"AND id NOT IN ({marks})"), [*params, *skip]))
        if row:
            return row
    return _one(conn.execute(sql.format(""), params))


def pending_filter(flt: ClaimFilter | None) -> ClaimFilter:
    """The filter's kind, rule and document, restricted to pending claims (any status given is
    replaced), with the index that serves it."""
    base = replace(flt or ClaimFilter(), status="pending")
    return replace(base, index="claims_doc" if base.doc_id is not None else "claims_status")


def next_pending(
    conn: sqlite3.Connection,
    after: Key | None = None,
    flt: ClaimFilter | None = None,
    skipped: Iterable[int] = (),
) -> ListRow | None:
    """The next pending claim after ``after`` in review order, wrapping around to the start
    (see :func:`next_row`). The filter's kind, rule and document apply; its status does not.

    Returns:
        The claim's list columns, or None when nothing is pending.
    """
    return next_row(conn, pending_filter(flt), after, skipped)


def last_skipped(conn: sqlite3.Connection, reviewer: str, limit: int = _MAX_SKIP_IDS) -> list[int]:
    """Pending claims whose latest decision is this reviewer's skip, oldest first.

    A new session passes them as ``skipped`` to the next-claim query, so it opens at the first
    pending claim the reviewer did not last skip, and the skipped ones come back at the end.
    """
    rows = conn.execute(
        "SELECT d.claim_id FROM decisions d JOIN claims c ON c.id = d.claim_id"
        " WHERE d.reviewer = ? AND d.action = 'skip' AND c.status = 'pending'"
        " AND d.id = (SELECT max(id) FROM decisions WHERE claim_id = d.claim_id)"
        " ORDER BY d.id DESC LIMIT ?",
        (reviewer, limit),
    ).fetchall()
    return [r[0] for r in reversed(rows)]


# --------------------------------------------------------------------------------------------
# Leases (split and overlap modes) and each mode's next claim

#: How long a lease lasts without renewal; the app renews it at a third of this.
LEASE_SECONDS = 120.0


def _pending_filter(flt: ClaimFilter | None) -> ClaimFilter:
    return pending_filter(replace(flt or ClaimFilter(), disputed=False))


def free_condition(asg: Assignment, reviewer: str, now: str) -> tuple[str, list[Any]]:
    """The SQL condition (on ``claims``) of a pending claim that is free for this reviewer, and
    its parameters: in overlap mode one they have not judged and fewer than K others have
    judged or are judging; otherwise one no one else holds a live lease on. Used by
    :func:`next_claim` and by apply-to-siblings (:mod:`db.siblings`)."""
    if asg.mode == "overlap":
        extra = (
            "NOT EXISTS (SELECT 1 FROM judgements j WHERE j.claim_id = claims.id"
            " AND j.reviewer = ?)"
            " AND (SELECT count(*) FROM judgements j WHERE j.claim_id = claims.id)"
            " + (SELECT count(*) FROM leases l WHERE l.claim_id = claims.id"
            " AND l.reviewer != ? AND l.expires_at > ?) < ?"
        )
        return extra, [reviewer, reviewer, now, asg.per_claim]
    extra = (
        "NOT EXISTS (SELECT 1 FROM leases l WHERE l.claim_id = claims.id"
        " AND l.reviewer != ? AND l.expires_at > ?)"
    )
    return extra, [reviewer, now]


def next_claim(
    conn: sqlite3.Connection,
    asg: Assignment,
    reviewer: str,
    after: Key | None = None,
    flt: ClaimFilter | None = None,
    skipped: list[int] | tuple[int, ...] = (),
) -> ListRow | None:
    """The next claim for this reviewer after ``after`` (wrapping), leased to them.

    - split: a pending claim no one else holds a live lease on;
    - overlap: a pending claim this reviewer has not judged and fewer than K others have
      judged or are judging;
    - adjudicate: the next disputed claim.

    The lease is taken in the same transaction that finds the claim, so two reviewers
    asking at once never get the same one. Returns the claim's list columns, or None.
    """
    skipped = list(skipped)
    if asg.adjudicate:
        base = replace(flt or ClaimFilter(), status="pending", disputed=True, index=None)
        return next_row(conn, base, after, skipped)
    base = _pending_filter(flt)
    with transaction(conn):
        now = now_iso()
        extra, params = free_condition(asg, reviewer, now)
        row = next_row(conn, base, after, skipped, extra, params)
        conn.execute("DELETE FROM leases WHERE reviewer = ?", (reviewer,))
        if row is not None:
            conn.execute(
                "INSERT INTO leases (claim_id, reviewer, expires_at) VALUES (?, ?, ?)",
                (row["id"], reviewer, now_iso(asg.lease_seconds)),
            )
    return row


def renew(conn: sqlite3.Connection, asg: Assignment, reviewer: str, claim_id: int) -> bool:
    """Extend the reviewer's lease on the claim on screen; False when it is not theirs."""
    with transaction(conn):
        cur = conn.execute(
            "UPDATE leases SET expires_at = ? WHERE claim_id = ? AND reviewer = ?",
            (now_iso(asg.lease_seconds), claim_id, reviewer),
        )
    return cur.rowcount > 0


def release(conn: sqlite3.Connection, reviewer: str) -> None:
    """Give back every lease of this reviewer (on quitting)."""
    with transaction(conn):
        conn.execute("DELETE FROM leases WHERE reviewer = ?", (reviewer,))


def holder(conn: sqlite3.Connection, claim_id: int, reviewer: str) -> str | None:
    """Another reviewer holding a live lease on the claim, if any."""
    row = conn.execute(
        "SELECT reviewer FROM leases WHERE claim_id = ? AND reviewer != ? AND expires_at > ?"
        " LIMIT 1",
        (claim_id, reviewer, now_iso()),
    ).fetchone()
    return row[0] if row else None
