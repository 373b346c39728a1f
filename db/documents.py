"""The document picker's queries: every document in id order, filtered by a source or title
substring, a page at a time, with its claim counts.

Built for ~100k documents beside a million claims: pages are read from the covering index
``documents_listing`` (id, source, title — never the texts), by ``OFFSET`` over that small
index, and each row's counts are two index lookups (``claims_doc``, ``claims_status``), done
only for the rows of the page. Nothing here reads every document into memory.
"""

from __future__ import annotations

import sqlite3
from typing import TypedDict

#: The covering index every query here walks.
_INDEX = "documents INDEXED BY documents_listing"


class DocumentListRow(TypedDict):
    """One row of the document picker."""

    id: int
    ordinal: int
    """1-based place among all documents (by id), as the review header counts them."""
    source: str
    title: str
    claims: int
    """Candidate and added claims of the document."""
    pending: int
    """Of those, the ones still pending."""


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _where(text: str) -> tuple[str, list[str]]:
    """The condition for documents whose source or title holds ``text`` (any case for Latin
    letters; ``%`` and ``_`` are matched as typed)."""
    q = text.strip()
    if not q:
        return "1", []
    pattern = _like(q)
    return "(source LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\')", [pattern, pattern]


def count_documents(conn: sqlite3.Connection, text: str = "") -> int:
    """How many documents have ``text`` in their source or title (all when empty)."""
    where, params = _where(text)
    return conn.execute(f"SELECT count(*) FROM {_INDEX} WHERE {where}", params).fetchone()[0]


def document_rows(
    conn: sqlite3.Connection, text: str, offset: int, limit: int
) -> list[DocumentListRow]:
    """Rows ``offset .. offset+limit`` of the documents whose source or title holds ``text``,
    in id order, with their ordinal and claim counts."""
    where, params = _where(text)
    rows = conn.execute(
        f"SELECT id, source, title FROM {_INDEX} WHERE {where} ORDER BY id LIMIT ? OFFSET ?",
        [*params, limit, max(0, offset)],
    ).fetchall()
    filtered = bool(text.strip())
    out: list[DocumentListRow] = []
    ordinal = 0
    previous: int | None = None
    for n, (doc_id, source, title) in enumerate(rows):
        if not filtered:
            ordinal = max(0, offset) + n + 1  # every document: the ordinal is the place
        elif previous is None:
            ordinal = document_ordinal(conn, doc_id)
        else:  # count only the documents in between (a walk over this page's id range)
            ordinal += conn.execute(
                f"SELECT count(*) FROM {_INDEX} WHERE id > ? AND id <= ?", (previous, doc_id)
            ).fetchone()[0]
        previous = doc_id
        claims, pending = claim_counts(conn, doc_id)
        out.append(
            {
                "id": doc_id,
                "ordinal": ordinal,
                "source": source,
                "title": title,
                "claims": claims,
                "pending": pending,
            }
        )
    return out


def document_ordinal(conn: sqlite3.Connection, doc_id: int) -> int:
    """The 1-based place of a document among all documents (by id): a range of the index."""
    return conn.execute(f"SELECT count(*) FROM {_INDEX} WHERE id <= ?", (doc_id,)).fetchone()[0]


def index_of(conn: sqlite3.Connection, text: str, doc_id: int) -> int:
    """The 0-based row of ``doc_id`` among the documents matching ``text`` (where the picker's
    cursor starts); the row it would take when it does not match."""
    where, params = _where(text)
    return conn.execute(
        f"SELECT count(*) FROM {_INDEX} WHERE {where} AND id < ?", [*params, doc_id]
    ).fetchone()[0]


def claim_counts(conn: sqlite3.Connection, doc_id: int) -> tuple[int, int]:
    """``(claims, pending)`` of one document: index range counts (withdrawn claims, a
    reviewer's undone adds, taken off: they are in no list)."""
    claims = conn.execute(
        "SELECT count(*) FROM claims INDEXED BY claims_doc WHERE doc_id = ?", (doc_id,)
    ).fetchone()[0]
    claims -= conn.execute(
        "SELECT count(*) FROM claims INDEXED BY claims_status"
        " WHERE status = 'withdrawn' AND doc_id = ?",
        (doc_id,),
    ).fetchone()[0]
    pending = conn.execute(
        "SELECT count(*) FROM claims INDEXED BY claims_status"
        " WHERE status = 'pending' AND doc_id = ?",
        (doc_id,),
    ).fetchone()[0]
    return claims, pending
