"""The claim list: filters, paging in review order, positions, and single rows.

Review order is ``(doc_id, start, id)`` — reading order, document by document — and every list
query walks one of the indexes that hold that order (``claims_doc``, ``claims_status``), by
*keyset* (``(doc_id, start, id) > (?, ?, ?)``) rather than by ``OFFSET``, so a step costs the
same at row 10 and at row 900,000.

:class:`ClaimFilter` is the one WHERE builder for claims: the list, the next-claim query and
``claimdesk export`` all build their conditions with it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from typing import Any

from db.rows import ClaimRow, DocumentRow, ListRow
from db.schema import STATUSES, WITHDRAWN

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
    "flagged",
)

#: Above this many matches a kind/rule filter walks ``claims_doc`` in order and tests each row;
#: below it, it reads the matches from ``claims_kind``/``claims_rule`` and sorts them.
_SCAN_THRESHOLD = 20_000

Key = tuple[int, int, int]
"""A claim's place in review order: ``(doc_id, start, id)``."""


def key_of(row: Any) -> Key:
    """The review-order key of a claim row (dict or sqlite3.Row)."""
    return (row["doc_id"], row["start"], row["id"])


def _dicts(cur: sqlite3.Cursor) -> list[Any]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _one(cur: sqlite3.Cursor) -> Any:
    rows = _dicts(cur)
    return rows[0] if rows else None


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
    doc_source: str | None = None
    """One document, by its source as ingested (``export --doc``)."""
    reviewer: str | None = None
    """Decided by this reviewer (``export --reviewer``)."""
    since: str | None = None
    """Decided at or after this time (``export --since``; stored times compare as text)."""
    flagged: bool = False
    """Only claims a reviewer flagged for a second look (:mod:`db.flags`)."""
    source_has: str | None = None
    """Documents whose source (as ingested, as the header shows it) holds this text: a whole
    source picks its document, ``seeds/`` a folder; Latin letters in any case, ``%`` and ``_``
    as typed. Read from the covering index ``documents_listing``, never the texts."""

    @property
    def is_empty(self) -> bool:
        """True when the filter lets every claim through."""
        return not (
            self.status
            or self.kind
            or self.rule
            or self.doc_id is not None
            or self.disputed
            or self.doc_source
            or self.reviewer
            or self.since
            or self.flagged
            or self.source_has
        )

    def where(self, *, alias: str = "", withdrawn: bool = False) -> tuple[str, list[Any]]:
        """SQL conditions (joined by AND, ``1`` when none) and their parameters.

        The one WHERE builder for claims: the list, the next-claim query and ``export`` use it.
        A withdrawn claim (a reviewer's add, undone) never passes: without a status, the
        conditions say ``status != 'withdrawn'``.

        Args:
            alias: the claims table's alias in the caller's query (``c`` → ``c.status``).
            withdrawn: leave that condition out (the counts take the few withdrawn claims
                off apart, see :func:`count`, so a count keeps walking a covering index).
        """
        p = f"{alias}." if alias else ""
        parts: list[str] = []
        params: list[Any] = []
        if not self.status and not withdrawn:
            parts.append(f"{p}status != '{WITHDRAWN}'")
        for column, value in (
            ("status", self.status),
            ("kind", self.kind),
            ("rule", self.rule),
            ("doc_id", self.doc_id),
        ):
            if value is not None and value != "":
                parts.append(f"{p}{column} = ?")
                params.append(value)
        if self.reviewer:
            # Their own decisions, and claims settled by consensus with them ("ann+bob": the
            # agreeing reviewers of an overlap review, whose verdicts are in judgements).
            parts.append(
                f"({p}reviewer = ? OR (instr({p}reviewer, '+') > 0 AND {p}id IN"
                " (SELECT claim_id FROM judgements WHERE reviewer = ?)))"
            )
            params += [self.reviewer, self.reviewer]
        if self.doc_source:
            parts.append(f"{p}doc_id IN (SELECT id FROM documents WHERE source = ?)")
            params.append(self.doc_source)
        if self.since:
            parts.append(f"{p}decided_at >= ?")
            params.append(self.since)
        if self.source_has:
            parts.append(
                f"{p}doc_id IN (SELECT id FROM documents INDEXED BY documents_listing"
                " WHERE source LIKE ? ESCAPE '\\')"
            )
            params.append(like_pattern(self.source_has))
        if self.disputed:
            parts.append(f"{p}id IN (SELECT claim_id FROM disputes)")
        if self.flagged:
            parts.append(f"{p}flagged = 1")
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
                ("source", self.source_has),
                ("disputed", "yes" if self.disputed else None),
                ("flagged", "yes" if self.flagged else None),
            )
            if value is not None and value != ""
        ]
        return " ".join(parts) or "all claims"


def like_pattern(text: str) -> str:
    """A ``LIKE … ESCAPE '\\'`` pattern for "holds ``text``" (its ``%`` and ``_`` literal)."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


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
    if flt.flagged:  # few rows, in review order, in their own partial index
        return replace(flt, index="claims_flagged")
    if flt.doc_id is not None:
        return replace(flt, index="claims_doc")
    if flt.source_has:
        # Its documents' claims, sought by doc_id (an IN lookup on an index led by doc_id, or
        # by status then doc_id), so the list stays in review order without a sort.
        return replace(flt, index="claims_status" if flt.status else "claims_doc")
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


def _counted(
    conn: sqlite3.Connection,
    flt: ClaimFilter,
    source: str,
    extra: str = "",
    args: list | None = None,
) -> int:
    """``count(*)`` of the filter's claims (with ``extra`` conditions), withdrawn ones left out.

    The count walks ``source`` without the ``status != 'withdrawn'`` test, which would make
    SQLite read every row behind a covering index (``claims_doc`` holds no status), and takes
    off the withdrawn claims that pass, read from ``claims_status``'s ``'withdrawn'`` range:
    a handful of index entries (a reviewer's undone adds).
    """
    where, params = flt.where(withdrawn=True)
    params = [*params, *(args or [])]
    cond = f" WHERE {where}{extra}" if where != "1" or extra else ""  # bare: SQLite's fast count
    n = conn.execute(f"SELECT count(*) FROM {source}{cond}", params).fetchone()[0]
    if flt.status:
        return n
    gone = conn.execute(
        f"SELECT count(*) FROM claims INDEXED BY claims_status WHERE status = '{WITHDRAWN}'"
        f" AND {where}{extra}",
        params,
    ).fetchone()[0]
    return n - gone


def count(conn: sqlite3.Connection, flt: ClaimFilter | None = None) -> int:
    """How many claims the filter lets through (an index scan: run it off the UI thread at 1M)."""
    flt = flt or ClaimFilter()
    return _counted(conn, flt, "claims")


def page(
    conn: sqlite3.Connection, flt: ClaimFilter | None, offset: int, limit: int
) -> list[ListRow]:
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
) -> list[ListRow]:
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
) -> list[ListRow]:
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
    return _counted(conn, flt, flt.source(), " AND (doc_id, start, id) < (?, ?, ?)", [*key])


def count_between(conn: sqlite3.Connection, flt: ClaimFilter | None, lo: Key, hi: Key) -> int:
    """``index(hi) - index(lo)`` in the filtered list, where ``index(k)`` is the number of rows
    before ``k`` (see :func:`count_before`); costs a walk over the rows in between only."""
    if hi == lo:
        return 0
    sign = 1
    if hi < lo:
        lo, hi, sign = hi, lo, -1
    flt = flt or ClaimFilter()
    between = " AND (doc_id, start, id) >= (?, ?, ?) AND (doc_id, start, id) < (?, ?, ?)"
    return sign * _counted(conn, flt, flt.source(), between, [*lo, *hi])


def matches(conn: sqlite3.Connection, flt: ClaimFilter | None, key: Key) -> bool:
    """True when the claim at ``key`` passes the filter."""
    flt = flt or ClaimFilter()
    where, params = flt.where()
    sql = f"SELECT 1 FROM claims WHERE id = ? AND {where}"
    return conn.execute(sql, [key[2], *params]).fetchone() is not None


def list_row(conn: sqlite3.Connection, claim_id: int) -> ListRow | None:
    """One claim's list columns (None for a withdrawn claim: it is in no list)."""
    return _one(
        conn.execute(
            f"SELECT {_COLS} FROM claims WHERE id = ? AND status != '{WITHDRAWN}'", (claim_id,)
        )
    )


# --------------------------------------------------------------------------------------------
# Claims, documents and positions


def get_claim(conn: sqlite3.Connection, claim_id: int) -> ClaimRow | None:
    """Every column of one claim, or None."""
    return _one(conn.execute("SELECT * FROM claims WHERE id = ?", (claim_id,)))


def get_document(conn: sqlite3.Connection, doc_id: int) -> DocumentRow | None:
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
    live = f"status != '{WITHDRAWN}'"
    n = conn.execute(
        f"SELECT count(*) FROM claims WHERE doc_id = ? AND (start, id) <= (?, ?) AND {live}",
        (claim["doc_id"], claim["start"], claim["id"]),
    ).fetchone()[0]
    total = conn.execute(
        f"SELECT count(*) FROM claims WHERE doc_id = ? AND {live}", (claim["doc_id"],)
    ).fetchone()[0]
    return n, total


def status_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Claims per status (every status present, zero when none): one walk of ``claims_status``.
    Withdrawn claims are not counted (they are in no list)."""
    counts = dict.fromkeys(STATUSES, 0)
    for status, n in conn.execute(
        "SELECT status, count(*) FROM claims INDEXED BY claims_status GROUP BY status"
    ):
        if status in counts:
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


def first_row(conn: sqlite3.Connection, flt: ClaimFilter | None = None) -> ListRow | None:
    """The first claim of the filtered list."""
    rows = rows_after(conn, flt, None, 1)
    return rows[0] if rows else None


def next_document(
    conn: sqlite3.Connection, flt: ClaimFilter | None, key: Key, direction: int
) -> ListRow | None:
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
