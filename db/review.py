"""Review queries and writes: the claim list, next pending, decisions, undo, history, search.

Plain functions over a ``sqlite3`` connection, so the TUI, scripts and tests share one
implementation and this module never imports Textual.

Review order is ``(doc_id, start, id)`` — reading order, document by document — and every list
query walks one of the indexes that hold that order (``claims_doc``, ``claims_status``), by
*keyset* (``(doc_id, start, id) > (?, ?, ?)``) rather than by ``OFFSET``, so a step costs the
same at row 10 and at row 900,000.

Every write is one ``BEGIN IMMEDIATE … COMMIT`` (:func:`db.connection.transaction`) holding the
decision row and the claim's new state together: when a function returns, the decision is on
disk (WAL) and survives a crash of the process.

A decision row keeps a full snapshot of the claim's reviewable state before and after (JSON), so
undo — itself a decision — can restore an edited claim field by field, also after a restart.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from db.connection import transaction
from db.errors import ClaimdeskError
from db.schema import FACT_FIELDS, KINDS, QUALIFIERS, SPAN_FIELDS, STATUSES, now_iso

#: Everything a decision may change on a claim; the snapshot stored in decisions.before/after.
STATE_FIELDS = (
    *FACT_FIELDS,
    *SPAN_FIELDS,
    "status",
    "edited",
    "original",
    "reviewer",
    "decided_at",
)

#: Columns the claim list needs for one row (kept small: the list reads a few hundred at a time).
LIST_COLUMNS = (
    "id",
    "doc_id",
    "start",
    "status",
    "quantity_text",
    "subject",
    "predicate",
    "kind",
    "edited",
    "origin",
)

#: Actions a reviewer takes on an existing claim with :func:`decide`.
DECIDE_ACTIONS = ("accept", "reject", "skip", "edit")

#: Above this many matches a kind/rule filter walks ``claims_doc`` in order and tests each row;
#: below it, it reads the matches from ``claims_kind``/``claims_rule`` and sorts them.
_SCAN_THRESHOLD = 20_000

#: How many claims skipped in this session :func:`next_pending` keeps out of a wrapped pass.
_MAX_SKIP_IDS = 500

Key = tuple[int, int, int]
"""A claim's place in review order: ``(doc_id, start, id)``."""


class ReviewError(ClaimdeskError):
    """A review action that cannot be done (unknown claim, invalid edit, nothing to undo).

    Attributes:
        errors: for invalid fields, field name -> message (empty for other problems).
    """

    def __init__(self, message: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or {}


def key_of(row: Any) -> Key:
    """The review-order key of a claim row (dict or sqlite3.Row)."""
    return (row["doc_id"], row["start"], row["id"])


def _dicts(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _one(cur: sqlite3.Cursor) -> dict[str, Any] | None:
    rows = _dicts(cur)
    return rows[0] if rows else None


# --------------------------------------------------------------------------------------------
# Filters and the claim list


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims the list shows. ``None`` fields do not filter.

    Attributes:
        status: pending, accepted or rejected.
        kind: one of :data:`db.schema.KINDS`.
        rule: the extractor rule that proposed the claim.
        doc_id: one document.
        index: the index to walk, chosen by :func:`plan_filter` from how selective the filter
            is; ``None`` lets SQLite choose.
    """

    status: str | None = None
    kind: str | None = None
    rule: str | None = None
    doc_id: int | None = None
    index: str | None = None
    disputed: bool = False
    """Only claims on which reviewers disagree (overlap mode), for adjudication."""

    @property
    def is_empty(self) -> bool:
        """True when the filter lets every claim through."""
        return not (
            self.status or self.kind or self.rule or self.doc_id is not None or self.disputed
        )

    def where(self, *, ignore_status: bool = False) -> tuple[str, list[Any]]:
        """SQL conditions (joined by AND, ``1`` when none) and their parameters."""
        parts: list[str] = []
        params: list[Any] = []
        if self.status and not ignore_status:
            parts.append("status = ?")
            params.append(self.status)
        if self.kind:
            parts.append("kind = ?")
            params.append(self.kind)
        if self.rule:
            parts.append("rule = ?")
            params.append(self.rule)
        if self.doc_id is not None:
            parts.append("doc_id = ?")
            params.append(self.doc_id)
        if self.disputed:
            parts.append("id IN (SELECT claim_id FROM disputes)")
        return (" AND ".join(parts) or "1"), params

    def source(self) -> str:
        """The FROM clause, with an ``INDEXED BY`` when :func:`plan_filter` chose one."""
        return f"claims INDEXED BY {self.index}" if self.index else "claims"

    def describe(self) -> str:
        """A short human description, e.g. ``status=pending kind=money``."""
        parts = [
            f"{name}={value}"
            for name, value in (
                ("status", self.status),
                ("kind", self.kind),
                ("rule", self.rule),
                ("doc", self.doc_id),
                ("disputed", "yes" if self.disputed else None),
            )
            if value is not None and value != ""
        ]
        return " ".join(parts) or "all claims"


def plan_filter(conn: sqlite3.Connection, flt: ClaimFilter) -> ClaimFilter:
    """Choose the index a filter's list queries walk, so each page stays a few milliseconds.

    With a status or document the ordered indexes ``claims_status``/``claims_doc`` serve the
    filter directly. A kind or rule alone is served by ``claims_kind``/``claims_rule``, which are
    not in review order: fine when the matches are few (they are read and sorted), slow when they
    are many, so above :data:`_SCAN_THRESHOLD` matches the list walks ``claims_doc`` in order and
    tests each row instead (a common value is found within a few rows).
    """
    if flt.disputed:  # few rows: SQLite reads them by id from the disputes table
        return replace(flt, index=None)
    if flt.doc_id is not None:
        return replace(flt, index="claims_doc")
    if flt.status:
        return replace(flt, index="claims_status")
    if flt.kind or flt.rule:
        column, index = ("kind", "claims_kind") if flt.kind else ("rule", "claims_rule")
        value = flt.kind or flt.rule
        n = conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM claims INDEXED BY {index}"
            f" WHERE {column} = ? LIMIT {_SCAN_THRESHOLD + 1})",
            (value,),
        ).fetchone()[0]
        return replace(flt, index=index if n <= _SCAN_THRESHOLD else "claims_doc")
    return replace(flt, index="claims_doc")


_COLS = ", ".join(f'"{c}"' for c in LIST_COLUMNS)
_ORDER = "ORDER BY doc_id, start, id"
_ORDER_DESC = "ORDER BY doc_id DESC, start DESC, id DESC"


def count(conn: sqlite3.Connection, flt: ClaimFilter | None = None) -> int:
    """How many claims the filter lets through (an index scan: run it off the UI thread at 1M)."""
    flt = flt or ClaimFilter()
    where, params = flt.where()
    if flt.is_empty:
        return conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    return conn.execute(f"SELECT count(*) FROM claims WHERE {where}", params).fetchone()[0]


def page(
    conn: sqlite3.Connection, flt: ClaimFilter | None, offset: int, limit: int
) -> list[dict[str, Any]]:
    """Rows ``offset .. offset+limit`` of the filtered list in review order.

    ``OFFSET`` walks the skipped index entries, so use it only to land somewhere new (a jump of
    the scrollbar); move from a known row with :func:`rows_after` / :func:`rows_before`.
    """
    flt = flt or ClaimFilter()
    where, params = flt.where()
    sql = f"SELECT {_COLS} FROM {flt.source()} WHERE {where} {_ORDER} LIMIT ? OFFSET ?"
    return _dicts(conn.execute(sql, [*params, limit, max(0, offset)]))


def rows_after(
    conn: sqlite3.Connection, flt: ClaimFilter | None, key: Key | None, limit: int
) -> list[dict[str, Any]]:
    """Up to ``limit`` rows after ``key`` (from the start when ``key`` is None), in order."""
    flt = flt or ClaimFilter()
    where, params = flt.where()
    if key is not None:
        where += " AND (doc_id, start, id) > (?, ?, ?)"
        params = [*params, *key]
    sql = f"SELECT {_COLS} FROM {flt.source()} WHERE {where} {_ORDER} LIMIT ?"
    return _dicts(conn.execute(sql, [*params, limit]))


def rows_before(
    conn: sqlite3.Connection, flt: ClaimFilter | None, key: Key | None, limit: int
) -> list[dict[str, Any]]:
    """Up to ``limit`` rows before ``key`` (from the end when None), returned in review order."""
    flt = flt or ClaimFilter()
    where, params = flt.where()
    if key is not None:
        where += " AND (doc_id, start, id) < (?, ?, ?)"
        params = [*params, *key]
    sql = f"SELECT {_COLS} FROM {flt.source()} WHERE {where} {_ORDER_DESC} LIMIT ?"
    rows = _dicts(conn.execute(sql, [*params, limit]))
    rows.reverse()
    return rows


def count_before(conn: sqlite3.Connection, flt: ClaimFilter | None, key: Key) -> int:
    """The 0-based index of ``key`` in the filtered list: how many rows come before it.

    Costs a walk over those rows; to follow the cursor, add :func:`count_between` to a known
    index instead.
    """
    flt = flt or ClaimFilter()
    where, params = flt.where()
    sql = f"SELECT count(*) FROM {flt.source()} WHERE {where} AND (doc_id, start, id) < (?, ?, ?)"
    return conn.execute(sql, [*params, *key]).fetchone()[0]


def count_between(conn: sqlite3.Connection, flt: ClaimFilter | None, lo: Key, hi: Key) -> int:
    """``index(hi) - index(lo)`` in the filtered list, where ``index(k)`` is the number of rows
    before ``k`` (see :func:`count_before`); costs a walk over the rows in between only."""
    if hi == lo:
        return 0
    sign = 1
    if hi < lo:
        lo, hi, sign = hi, lo, -1
    flt = flt or ClaimFilter()
    where, params = flt.where()
    sql = (
        f"SELECT count(*) FROM {flt.source()} WHERE {where}"
        " AND (doc_id, start, id) >= (?, ?, ?) AND (doc_id, start, id) < (?, ?, ?)"
    )
    return sign * conn.execute(sql, [*params, *lo, *hi]).fetchone()[0]


def matches(conn: sqlite3.Connection, flt: ClaimFilter | None, key: Key) -> bool:
    """True when the claim at ``key`` passes the filter."""
    flt = flt or ClaimFilter()
    where, params = flt.where()
    sql = f"SELECT 1 FROM claims WHERE id = ? AND {where}"
    return conn.execute(sql, [key[2], *params]).fetchone() is not None


def list_row(conn: sqlite3.Connection, claim_id: int) -> dict[str, Any] | None:
    """One claim's list columns."""
    return _one(conn.execute(f"SELECT {_COLS} FROM claims WHERE id = ?", (claim_id,)))


# --------------------------------------------------------------------------------------------
# Claims, documents and positions


def get_claim(conn: sqlite3.Connection, claim_id: int) -> dict[str, Any] | None:
    """Every column of one claim, or None."""
    return _one(conn.execute("SELECT * FROM claims WHERE id = ?", (claim_id,)))


def get_document(conn: sqlite3.Connection, doc_id: int) -> dict[str, Any] | None:
    """A document's id, source, title, text and date, or None."""
    return _one(
        conn.execute(
            "SELECT id, source, title, text, date, url FROM documents WHERE id = ?", (doc_id,)
        )
    )


def document_count(conn: sqlite3.Connection) -> int:
    """How many documents there are (reads the small ``sha256`` index, not the texts)."""
    return conn.execute(
        "SELECT count(*) FROM documents INDEXED BY sqlite_autoindex_documents_1"
    ).fetchone()[0]


def document_ordinal(conn: sqlite3.Connection, doc_id: int) -> int:
    """The 1-based place of a document among all documents (by id)."""
    return conn.execute(
        "SELECT count(*) FROM documents INDEXED BY sqlite_autoindex_documents_1 WHERE id <= ?",
        (doc_id,),
    ).fetchone()[0]


def position_in_document(conn: sqlite3.Connection, claim: Any) -> tuple[int, int]:
    """``(n, total)``: the claim is the n-th (1-based) of ``total`` claims of its document."""
    n = conn.execute(
        "SELECT count(*) FROM claims WHERE doc_id = ? AND (start, id) <= (?, ?)",
        (claim["doc_id"], claim["start"], claim["id"]),
    ).fetchone()[0]
    total = conn.execute(
        "SELECT count(*) FROM claims WHERE doc_id = ?", (claim["doc_id"],)
    ).fetchone()[0]
    return n, total


def status_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Claims per status (every status present, zero when none): one walk of ``claims_status``."""
    counts = dict.fromkeys(STATUSES, 0)
    for status, n in conn.execute(
        "SELECT status, count(*) FROM claims INDEXED BY claims_status GROUP BY status"
    ):
        counts[status] = n
    return counts


def distinct_values(conn: sqlite3.Connection, column: str) -> list[str]:
    """The distinct values of ``rule`` or ``kind``, found by skipping through their index.

    A recursive query jumps from one value to the next (``min(x) WHERE x > previous``), so this
    costs a few index seeks per value instead of a walk over a million rows.
    """
    if column not in ("rule", "kind"):
        raise ValueError(column)
    sql = f"""
        WITH RECURSIVE v(x) AS (
            SELECT min({column}) FROM claims
            UNION ALL
            SELECT (SELECT min({column}) FROM claims WHERE {column} > v.x) FROM v
            WHERE v.x IS NOT NULL
        )
        SELECT x FROM v WHERE x IS NOT NULL
    """
    return [r[0] for r in conn.execute(sql)]


def first_row(conn: sqlite3.Connection, flt: ClaimFilter | None = None) -> dict[str, Any] | None:
    """The first claim of the filtered list."""
    rows = rows_after(conn, flt, None, 1)
    return rows[0] if rows else None


def next_pending(
    conn: sqlite3.Connection,
    after: Key | None = None,
    flt: ClaimFilter | None = None,
    skipped: Iterable[int] = (),
) -> dict[str, Any] | None:
    """The next pending claim after ``after`` in review order, wrapping around to the start.

    The filter's kind, rule and document apply; its status does not (the result is pending).
    Claims in ``skipped`` (skipped in this session) are passed over on the wrapped part, unless
    nothing else is pending — so a skip moves on and the claim comes back only at the end.

    Returns:
        The claim's list columns, or None when nothing is pending.
    """
    base = replace(flt or ClaimFilter(), status="pending", index="claims_status")
    if base.doc_id is not None:
        base = replace(base, index="claims_doc")
    rows = rows_after(conn, base, after, 1)
    if rows:
        return rows[0]
    skip = list(skipped)[-_MAX_SKIP_IDS:]
    where, params = base.where()
    if skip:
        marks = ",".join("?" * len(skip))
        sql = (
            f"SELECT {_COLS} FROM {base.source()} WHERE {where} AND id NOT IN ({marks})"
            f" {_ORDER} LIMIT 1"
        )
        row = _one(conn.execute(sql, [*params, *skip]))
        if row:
            return row
    return first_row(conn, base)


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


def next_document(
    conn: sqlite3.Connection, flt: ClaimFilter | None, key: Key, direction: int
) -> dict[str, Any] | None:
    """The first (filtered) claim of the next (``direction`` 1) or previous (-1) document."""
    flt = flt or ClaimFilter()
    where, params = flt.where()
    if direction > 0:
        sql = f"SELECT {_COLS} FROM {flt.source()} WHERE {where} AND doc_id > ? {_ORDER} LIMIT 1"
        return _one(conn.execute(sql, [*params, key[0]]))
    sql = f"SELECT doc_id FROM {flt.source()} WHERE {where} AND doc_id < ? {_ORDER_DESC} LIMIT 1"
    row = conn.execute(sql, [*params, key[0]]).fetchone()
    if row is None:
        return None
    sql = f"SELECT {_COLS} FROM {flt.source()} WHERE {where} AND doc_id = ? {_ORDER} LIMIT 1"
    return _one(conn.execute(sql, [*params, row[0]]))


# --------------------------------------------------------------------------------------------
# Validation


def _find_span(sentence: str, needle: str, base: int, near: int | None) -> tuple[int, int] | None:
    """Document offsets of ``needle`` in a sentence that starts at ``base``, nearest ``near``."""
    if not needle:
        return None
    found: list[int] = []
    i = sentence.find(needle)
    while i >= 0:
        found.append(base + i)
        i = sentence.find(needle, i + 1)
    if not found:
        return None
    best = min(found, key=lambda s: abs(s - near)) if near is not None else found[0]
    return best, best + len(needle)


def locate_spans(text: str, fields: dict[str, Any]) -> dict[str, int | None]:
    """Spans of subject, predicate and time_text inside the claim's sentence (None if absent).

    Used when a reviewer types these fields, so the document highlight follows the edit.
    """
    s0, s1 = fields["sentence_start"], fields["sentence_end"]
    sentence = text[s0:s1]
    out: dict[str, int | None] = {}
    for name, field in (("subject", "subject"), ("predicate", "predicate"), ("time", "time_text")):
        span = _find_span(sentence, fields.get(field) or "", s0, fields.get("start"))
        out[f"{name}_start"], out[f"{name}_end"] = span if span else (None, None)
    return out


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: from after the previous 。！？；or line break to
    the next one (included)."""
    stops = "。！？!?；;\n"
    s = start
    while s > 0 and text[s - 1] not in stops:
        s -= 1
    e = end
    while e < len(text) and text[e - 1] not in stops:
        e += 1
    return s, e


def validate_fields(text: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Check and normalise a claim's fact fields against its document text.

    Args:
        text: the document text the offsets refer to.
        fields: fact fields (a full claim or an edit); ``value``/``value_max`` already numbers.

    Returns:
        A copy with types normalised, the quantity text taken from the offsets, the sentence
        widened to hold the quantity, and subject/predicate/time spans located.

    Raises:
        ReviewError: with ``errors`` naming each invalid field.
    """
    out = dict(fields)
    errors: dict[str, str] = {}
    try:
        start, end = int(out["start"]), int(out["end"])
    except (KeyError, TypeError, ValueError):
        errors["start"] = "start and end must be whole numbers"
        start = end = -1
    else:
        if not (0 <= start < end <= len(text)):
            errors["start"] = (
                f"the quantity span {start}..{end} is not inside the document (0..{len(text)})"
            )
        elif out.get("quantity_text") not in (None, "", text[start:end]):
            errors["quantity_text"] = (
                f"the text at {start}..{end} is {text[start:end]!r}, not {out['quantity_text']!r}"
            )
    for name in ("value", "value_max"):
        v = out.get(name)
        if v is None or v == "":
            out[name] = None
            continue
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            errors[name] = f"{name} must be a number"
    if out.get("value") is None:
        errors.setdefault("value", "value must be a number")
    if (
        out.get("value") is not None
        and out.get("value_max") is not None
        and "value" not in errors
        and "value_max" not in errors
        and out["value_max"] < out["value"]
    ):
        errors["value_max"] = "value_max must not be below value"
    if out.get("qualifier", "=") not in QUALIFIERS:
        errors["qualifier"] = f"qualifier must be one of {' '.join(QUALIFIERS)}"
    if out.get("kind", "other") not in KINDS:
        errors["kind"] = f"kind must be one of {', '.join(KINDS)}"
    if errors:
        raise ReviewError("; ".join(errors.values()), errors)
    out["start"], out["end"] = start, end
    out["quantity_text"] = text[start:end]
    s0, s1 = out.get("sentence_start"), out.get("sentence_end")
    if s0 is None or s1 is None or not (0 <= s0 <= start and end <= s1 <= len(text)):
        # The quantity moved out of its sentence (or none was given): use the one around it.
        s0, s1 = sentence_bounds(text, start, end)
    out["sentence_start"], out["sentence_end"] = s0, s1
    for name in ("unit", "subject", "predicate", "object", "time_text", "time"):
        out[name] = (out.get(name) or "").strip()
    out.update(locate_spans(text, out))
    return out


# --------------------------------------------------------------------------------------------
# Decisions


def _quoted(names: Iterable[str]) -> list[str]:
    return [f'"{n}"' for n in names]


def _snapshot(claim: dict[str, Any]) -> dict[str, Any]:
    return {f: claim[f] for f in STATE_FIELDS}


def _write_state(conn: sqlite3.Connection, claim_id: int, state: dict[str, Any]) -> None:
    cols = ", ".join(f'"{f}" = ?' for f in state)
    conn.execute(f"UPDATE claims SET {cols} WHERE id = ?", [*state.values(), claim_id])


def _log(
    conn: sqlite3.Connection,
    claim_id: int,
    reviewer: str,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any],
    at: str,
    undoes: int | None = None,
    mode: str | None = None,
) -> int:
    cur = conn.execute(
        "INSERT INTO decisions (claim_id, reviewer, action, status_before, status_after,"
        " before, after, undoes, at, mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            claim_id,
            reviewer,
            action,
            before["status"] if before else None,
            after["status"],
            json.dumps(before, ensure_ascii=False) if before is not None else None,
            json.dumps(after, ensure_ascii=False),
            undoes,
            at,
            mode,
        ),
    )
    return cur.lastrowid


@dataclass(frozen=True)
class Decision:
    """What a write did, for the screen to update itself without re-reading everything.

    Attributes:
        id: the decisions row.
        claim_id: the claim decided.
        action: accept, reject, skip, edit, add or undo.
        status_before: the claim's status before (None for an added claim).
        status_after: its status after.
        undone_action: for an undo, the action it undid.
    """

    id: int
    claim_id: int
    action: str
    status_before: str | None
    status_after: str
    undone_action: str | None = None


def check_free(
    conn: sqlite3.Connection,
    claim: dict[str, Any],
    reviewer: str,
    expect_status: str | None,
    at: str,
) -> None:
    """Refuse a decision another reviewer got to first (call inside the write transaction).

    Raises:
        ReviewError: the claim's status is no longer the one the reviewer saw, or another
            reviewer holds a live lease on it (split mode).
    """
    if expect_status is not None and claim["status"] != expect_status:
        raise ReviewError(
            f"claim {claim['id']} was {claim['status']} by {claim['reviewer']} meanwhile;"
            " not changed"
        )
    holder = conn.execute(
        "SELECT reviewer FROM leases WHERE claim_id = ? AND reviewer != ? AND expires_at > ?"
        " LIMIT 1",
        (claim["id"], reviewer, at),
    ).fetchone()
    if holder is not None and claim["status"] == "pending":
        raise ReviewError(f"claim {claim['id']} is being reviewed by {holder[0]}; not changed")


def decide(
    conn: sqlite3.Connection,
    claim_id: int,
    reviewer: str,
    action: str,
    changes: dict[str, Any] | None = None,
    expect_status: str | None = None,
) -> Decision:
    """Record a reviewer's decision on a claim and apply it, in one transaction.

    Args:
        conn: an open claimdesk connection.
        claim_id: the claim.
        reviewer: who decides.
        action: ``accept``, ``reject``, ``skip`` (logged; the claim stays as it is) or ``edit``
            (``changes`` applied, the claim accepted, the extractor's proposal kept in
            ``original`` and ``edited`` set).
        changes: for ``edit``, the fact fields that change (see :func:`validate_fields`).
        expect_status: the status the reviewer saw; when another reviewer changed it since,
            the decision is refused instead of overwriting theirs.

    Raises:
        ReviewError: unknown claim or action, invalid changes, a claim decided meanwhile or
            leased to another reviewer (nothing is written).
    """
    if action not in DECIDE_ACTIONS:
        raise ReviewError(f"unknown action {action!r}; one of {', '.join(DECIDE_ACTIONS)}")
    if not reviewer:
        raise ReviewError("a reviewer name is needed")
    with transaction(conn):
        claim = get_claim(conn, claim_id)
        if claim is None:
            raise ReviewError(f"no claim {claim_id}")
        before = _snapshot(claim)
        at = now_iso()
        if action != "skip":
            check_free(conn, claim, reviewer, expect_status, at)
        after = dict(before)
        if action == "edit":
            if not changes:
                raise ReviewError("an edit needs changes")
            unknown = set(changes) - set(FACT_FIELDS)
            if unknown:
                raise ReviewError(f"not editable: {', '.join(sorted(unknown))}")
            doc = conn.execute("SELECT text FROM documents WHERE id = ?", (claim["doc_id"],))
            text = doc.fetchone()[0]
            merged = {f: claim[f] for f in FACT_FIELDS}
            merged.update(changes)
            if "quantity_text" not in changes and ("start" in changes or "end" in changes):
                merged["quantity_text"] = None  # taken from the new offsets
            fixed = validate_fields(text, merged)
            after.update({f: fixed[f] for f in (*FACT_FIELDS, *SPAN_FIELDS)})
            if claim["original"] is None:
                after["original"] = json.dumps(
                    {f: claim[f] for f in (*FACT_FIELDS, *SPAN_FIELDS)}, ensure_ascii=False
                )
            after.update(status="accepted", edited=1, reviewer=reviewer, decided_at=at)
        elif action in ("accept", "reject"):
            status = "accepted" if action == "accept" else "rejected"
            after.update(status=status, reviewer=reviewer, decided_at=at)
        if after != before:
            _write_state(conn, claim_id, {k: v for k, v in after.items() if before[k] != v})
        did = _log(conn, claim_id, reviewer, action, before, after, at)
        # Decided (or skipped): the reviewer's lease on it ends, so a skip frees it for others.
        conn.execute("DELETE FROM leases WHERE claim_id = ? AND reviewer = ?", (claim_id, reviewer))
    return Decision(did, claim_id, action, before["status"], after["status"])


def add_claim(
    conn: sqlite3.Connection, doc_id: int, fields: dict[str, Any], reviewer: str
) -> Decision:
    """Add a claim the extractor missed: origin ``reviewer``, accepted, logged as ``add``.

    Args:
        conn: an open claimdesk connection.
        doc_id: the document.
        fields: fact fields; at least ``start``, ``end`` and ``value`` (sentence bounds are
            found when missing).
        reviewer: who adds it.

    Raises:
        ReviewError: unknown document or invalid fields (nothing is written).
    """
    if not reviewer:
        raise ReviewError("a reviewer name is needed")
    unknown = set(fields) - set(FACT_FIELDS) - {"confidence", "rule"}
    if unknown:
        raise ReviewError(f"unknown fields: {', '.join(sorted(unknown))}")
    with transaction(conn):
        row = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise ReviewError(f"no document {doc_id}")
        merged = {"qualifier": "=", "kind": "other", "value_max": None, **fields}
        merged.setdefault("value", None)
        fixed = validate_fields(row[0], merged)
        at = now_iso()
        state = {f: fixed.get(f) for f in (*FACT_FIELDS, *SPAN_FIELDS)}
        state.update(status="accepted", edited=0, original=None, reviewer=reviewer, decided_at=at)
        cols = [*state, "doc_id", "origin", "confidence", "rule", "created_at"]
        vals = [
            *state.values(),
            doc_id,
            "reviewer",
            float(fields.get("confidence", 1.0)),
            fields.get("rule") or "reviewer",
            at,
        ]
        cur = conn.execute(
            f"INSERT INTO claims ({', '.join(_quoted(cols))})"
            f" VALUES ({', '.join('?' * len(cols))})",
            vals,
        )
        claim_id = cur.lastrowid
        did = _log(conn, claim_id, reviewer, "add", None, _snapshot(get_claim(conn, claim_id)), at)
    return Decision(did, claim_id, "add", None, "accepted")


def last_undoable(conn: sqlite3.Connection, reviewer: str) -> dict[str, Any] | None:
    """The reviewer's latest decision that is not an undo and not undone yet."""
    return _one(
        conn.execute(
            "SELECT * FROM decisions WHERE reviewer = ? AND action != 'undo'"
            " AND id NOT IN (SELECT undoes FROM decisions WHERE undoes IS NOT NULL)"
            " ORDER BY id DESC LIMIT 1",
            (reviewer,),
        )
    )


def undo_last(
    conn: sqlite3.Connection,
    reviewer: str,
    on_undo: Callable[[sqlite3.Connection, dict[str, Any]], None] | None = None,
) -> Decision | None:
    """Undo the reviewer's latest decision not undone yet; repeated calls go further back.

    The claim gets back the state recorded before that decision (fields too, for an edit); an
    added claim is set to rejected (it stays, with its history). The undo is itself a decision
    (``action='undo'``, ``undoes`` = the undone decision), so it survives restarts.

    Args:
        conn: an open claimdesk connection.
        reviewer: whose decision to undo.
        on_undo: called inside the same transaction with the undone decision row, for state
            kept outside the claim (overlap-mode judgements).

    Returns:
        The undo decision, or None when there is nothing to undo.

    Raises:
        ReviewError: the claim was changed since by someone else; nothing is written.
    """
    with transaction(conn):
        target = last_undoable(conn, reviewer)
        if target is None:
            return None
        claim = get_claim(conn, target["claim_id"])
        current = _snapshot(claim)
        after_then = json.loads(target["after"])
        if any(current[f] != after_then.get(f) for f in ("status", "edited", *FACT_FIELDS)):
            raise ReviewError(
                f"claim {claim['id']} was changed after your {target['action']}"
                f" (now {claim['status']} by {claim['reviewer']}); not undone"
            )
        at = now_iso()
        if target["before"] is None:  # an added claim
            restored = dict(current, status="rejected", reviewer=reviewer, decided_at=at)
        else:
            restored = json.loads(target["before"])
        changed = {k: v for k, v in restored.items() if current.get(k) != v}
        if changed:
            _write_state(conn, claim["id"], changed)
        did = _log(
            conn,
            claim["id"],
            reviewer,
            "undo",
            current,
            restored,
            at,
            undoes=target["id"],
            mode=target.get("mode"),
        )
        if on_undo is not None:
            on_undo(conn, target)
    return Decision(
        did, claim["id"], "undo", current["status"], restored["status"], target["action"]
    )


def history(conn: sqlite3.Connection, claim_id: int) -> list[dict[str, Any]]:
    """A claim's decisions, oldest first, each with ``changes``: field -> (before, after)."""
    rows = _dicts(
        conn.execute("SELECT * FROM decisions WHERE claim_id = ? ORDER BY id", (claim_id,))
    )
    for r in rows:
        before = json.loads(r["before"]) if r["before"] else {}
        after = json.loads(r["after"]) if r["after"] else {}
        r["changes"] = {
            f: (before.get(f), after.get(f))
            for f in (*FACT_FIELDS, "status")
            if before.get(f) != after.get(f)
        }
    return rows


# --------------------------------------------------------------------------------------------
# Search


def _like(q: str) -> str:
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _claim_near(conn: sqlite3.Connection, doc_id: int, pos: int) -> int | None:
    """The claim of a document whose sentence holds ``pos``, else the nearest one after/before."""
    row = conn.execute(
        "SELECT id FROM claims WHERE doc_id = ? AND sentence_start <= ? AND sentence_end > ?"
        " ORDER BY start, id LIMIT 1",
        (doc_id, pos, pos),
    ).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT id FROM claims WHERE doc_id = ? AND start >= ? ORDER BY start, id LIMIT 1",
            (doc_id, pos),
        ).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT id FROM claims WHERE doc_id = ? ORDER BY start DESC, id DESC LIMIT 1",
            (doc_id,),
        ).fetchone()
    return row[0] if row else None


def _snippet(text: str, pos: int, n: int, width: int = 18) -> str:
    a, b = max(0, pos - width), min(len(text), pos + n + width)
    return ("…" if a else "") + text[a:b].replace("\n", " ") + ("…" if b < len(text) else "")


def search(
    conn: sqlite3.Connection, query: str, limit: int = 100, fields: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """Find claims by their fields and documents by their title or text.

    Chinese words of one or two characters are found too: the FTS5 trigram index answers
    queries of three or more characters, ``LIKE`` the shorter ones.

    Args:
        conn: an open claimdesk connection.
        query: the text to find (case-insensitive for Latin letters).
        limit: at most this many claim hits and this many document hits.
        fields: claim fields to search (default subject, predicate, quantity_text, object).

    Returns:
        Hits, claim-field hits first: dicts with ``claim_id`` (the claim to jump to),
        ``doc_id``, ``where`` (the field, ``title`` or ``text``) and ``snippet``.
    """
    q = query.strip()
    if not q:
        return []
    fields = tuple(fields or ("subject", "predicate", "quantity_text", "object"))
    for f in fields:
        if f not in FACT_FIELDS:
            raise ValueError(f)
    pattern = _like(q)
    cond = " OR ".join(f"\"{f}\" LIKE ? ESCAPE '\\'" for f in fields)
    hits: list[dict[str, Any]] = []
    rows = conn.execute(
        f"SELECT id, doc_id, {', '.join(fields)} FROM claims WHERE {cond} {_ORDER} LIMIT ?",
        [*([pattern] * len(fields)), limit],
    ).fetchall()
    low = q.lower()
    for r in rows:
        where = next((f for f, v in zip(fields, r[2:], strict=True) if low in str(v).lower()), "")
        value = dict(zip(fields, r[2:], strict=True)).get(where, "")
        hits.append({"claim_id": r[0], "doc_id": r[1], "where": where, "snippet": str(value)})
    if len(q) >= 3:
        phrase = '"' + q.replace('"', '""') + '"'
        # Documents still queued for the trigram index (a large import) are scanned instead;
        # each side stops at `limit` ids before any text is read.
        docs = conn.execute(
            "SELECT id, title, text FROM documents WHERE id IN ("
            " SELECT * FROM (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?"
            " ORDER BY rowid LIMIT ?) UNION ALL SELECT * FROM (SELECT id FROM documents"
            " WHERE id IN (SELECT doc_id FROM search_pending)"
            " AND (title LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\') ORDER BY id LIMIT ?)"
            ") ORDER BY id LIMIT ?",
            (phrase, limit, pattern, pattern, limit, limit),
        ).fetchall()
    else:
        docs = conn.execute(
            "SELECT id, title, text FROM documents"
            " WHERE title LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?",
            (pattern, pattern, limit),
        ).fetchall()
    for doc_id, title, text in docs:
        pos = text.lower().find(low)
        where, body = ("text", text) if pos >= 0 else ("title", title)
        if pos < 0:
            pos = title.lower().find(low)
        claim_id = _claim_near(conn, doc_id, pos if where == "text" else 0)
        if claim_id is None:
            continue
        hits.append(
            {
                "claim_id": claim_id,
                "doc_id": doc_id,
                "where": where,
                "snippet": _snippet(body, max(pos, 0), len(q)),
            }
        )
    return hits
