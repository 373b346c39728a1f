"""Search: claims by their fields and documents by their title or text.

Chinese words of one or two characters are found too: the FTS5 trigram index answers queries
of three or more characters, ``LIKE`` the shorter ones.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from db.claimlist import _ORDER
from db.rows import SearchHit
from db.schema import FACT_FIELDS

#: Withdrawn claims (a reviewer's undone adds) are never found.
_LIVE = "status != 'withdrawn'"


def _like(q: str) -> str:
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _claim_near(conn: sqlite3.Connection, doc_id: int, pos: int) -> int | None:
    """The claim of a document whose sentence holds ``pos``, else the nearest one after/before."""
    row = conn.execute(
        "SELECT id FROM claims WHERE doc_id = ? AND sentence_start <= ? AND sentence_end > ?"
        f" AND {_LIVE} ORDER BY start, id LIMIT 1",
        (doc_id, pos, pos),
    ).fetchone()
    if row is None:
        row = conn.execute(
            f"SELECT id FROM claims WHERE doc_id = ? AND start >= ? AND {_LIVE}"
            " ORDER BY start, id LIMIT 1",
            (doc_id, pos),
        ).fetchone()
    if row is None:
        row = conn.execute(
            f"SELECT id FROM claims WHERE doc_id = ? AND {_LIVE}"
            " ORDER BY start DESC, id DESC LIMIT 1",
            (doc_id,),
        ).fetchone()
    return row[0] if row else None


def _snippet(text: str, pos: int, n: int, width: int = 18) -> str:
    a, b = max(0, pos - width), min(len(text), pos + n + width)
    return ("…" if a else "") + text[a:b].replace("\n", " ") + ("…" if b < len(text) else "")


def search(
    conn: sqlite3.Connection, query: str, limit: int = 100, fields: Sequence[str] | None = None
) -> list[SearchHit]:
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
    hits: list[SearchHit] = []
    rows = conn.execute(
        f"SELECT id, doc_id, {', '.join(fields)} FROM claims WHERE ({cond}) AND {_LIVE}"
        f" {_ORDER} LIMIT ?",
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
        # None: a document without claims (the app opens it alone).
        claim_id = _claim_near(conn, doc_id, pos if where == "text" else 0)
        hits.append(
            {
                "claim_id": claim_id,
                "doc_id": doc_id,
                "where": where,
                "snippet": _snippet(body, max(pos, 0), len(q)),
            }
        )
    return hits
