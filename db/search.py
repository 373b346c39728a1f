"""Search: claims by their fields and documents by their title or text.

Chinese words of one or two characters are found too: the FTS5 trigram index answers queries
of three or more characters, ``LIKE`` the shorter ones.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from db.claimlist import _ORDER
from db.rows import SearchHit
from db.schema import FACT_FIELDS

#: How many spellings of a query the LIKE scans read (each one more pass over every claim, or
#: every document: 0.25 s a spelling at a million claims); the trigram index takes them all.
LIKE_SPELLINGS = 4

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
    conn: sqlite3.Connection,
    query: str,
    limit: int = 100,
    fields: Sequence[str] | None = None,
    forms: Callable[[str], Sequence[str]] | None = None,
) -> list[SearchHit]:
    """Find claims by their fields and documents by their title or text.

    Chinese words of one or two characters are found too: the FTS5 trigram index answers
    queries of three or more characters, ``LIKE`` the shorter ones.

    Args:
        conn: an open claimdesk connection.
        query: the text to find (case-insensitive for Latin letters).
        limit: at most this many claim hits and this many document hits.
        fields: claim fields to search (default subject, predicate, quantity_text, object).
        forms: the ways ``query`` may be written, itself included (the review app passes
            simplified and traditional spellings, so 銀行 finds 银行; ``db`` does not know
            the characters); default ``query`` alone. The trigram index reads them all, the
            LIKE scans (claim fields, queries of one or two characters) the first
            :data:`LIKE_SPELLINGS`.

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
    spellings = list(dict.fromkeys([q, *(forms(q) if forms else ())]))
    patterns = [_like(s) for s in spellings[:LIKE_SPELLINGS]]
    cond = " OR ".join(f"\"{f}\" LIKE ? ESCAPE '\\'" for f in fields for _ in patterns)
    hits: list[SearchHit] = []
    rows = conn.execute(
        f"SELECT id, doc_id, {', '.join(fields)} FROM claims WHERE ({cond}) AND {_LIVE}"
        f" {_ORDER} LIMIT ?",
        [*(p for _ in fields for p in patterns), limit],
    ).fetchall()
    lows = [s.lower() for s in spellings]
    for r in rows:
        where = next(
            (f for f, v in zip(fields, r[2:], strict=True) if _find(str(v), lows)[0] >= 0), ""
        )
        value = dict(zip(fields, r[2:], strict=True)).get(where, "")
        hits.append({"claim_id": r[0], "doc_id": r[1], "where": where, "snippet": str(value)})
    text_like = " OR ".join("title LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\'" for _ in patterns)
    like_args = [p for p in patterns for _ in range(2)]
    if len(q) >= 3:
        phrases = " OR ".join('"' + s.replace('"', '""') + '"' for s in spellings if len(s) >= 3)
        # Documents still queued for the trigram index (a large import) are scanned instead;
        # each side stops at `limit` ids before any text is read.
        docs = conn.execute(
            "SELECT id, title, text FROM documents WHERE id IN ("
            " SELECT * FROM (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?"
            " ORDER BY rowid LIMIT ?) UNION ALL SELECT * FROM (SELECT id FROM documents"
            f" WHERE id IN (SELECT doc_id FROM search_pending) AND ({text_like})"
            " ORDER BY id LIMIT ?)) ORDER BY id LIMIT ?",
            (phrases, limit, *like_args, limit, limit),
        ).fetchall()
    else:
        docs = conn.execute(
            f"SELECT id, title, text FROM documents WHERE {text_like} ORDER BY id LIMIT ?",
            (*like_args, limit),
        ).fetchall()
    for doc_id, title, text in docs:
        pos, n = _find(text, lows)
        where, body = ("text", text) if pos >= 0 else ("title", title)
        if pos < 0:
            pos, n = _find(title, lows)
        # None: a document without claims (the app opens it alone).
        claim_id = _claim_near(conn, doc_id, pos if where == "text" else 0)
        hits.append(
            {
                "claim_id": claim_id,
                "doc_id": doc_id,
                "where": where,
                "snippet": _snippet(body, max(pos, 0), n or len(q)),
            }
        )
    return hits


def _find(text: str, lows: Sequence[str]) -> tuple[int, int]:
    """The first place ``text`` (case-folded) holds one of ``lows``, and that form's length;
    (-1, 0) when it holds none."""
    folded = text.lower()
    found = [(i, len(low)) for low in lows if (i := folded.find(low)) >= 0]
    return min(found) if found else (-1, 0)
