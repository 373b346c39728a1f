"""Storing extractor candidates and reading claims back for evaluation.

Re-extraction rules: a document is extracted once per extractor version. Running a new version
(or ``--redo``) replaces only *pending extractor* claims that no reviewer has touched; every claim
with a decision, and every claim a reviewer added, stays exactly as it is, and a new candidate at
the same span as a kept claim is not added again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from db.connection import transaction
from db.schema import FACT_FIELDS, SPAN_FIELDS, now_iso

#: Columns written for each candidate, in the order of the tuples passed to store_candidates.
#: ``alternatives`` (last) may be given as a dict (stored as JSON) or left out (NULL).
CANDIDATE_COLUMNS = (*FACT_FIELDS, "confidence", "rule", *SPAN_FIELDS, "alternatives")

_INSERT = (
    "INSERT INTO claims ("
    + ", ".join(f'"{c}"' for c in CANDIDATE_COLUMNS)
    + ", doc_id, extractor_version, origin, status, created_at) VALUES ("
    + ", ".join("?" * len(CANDIDATE_COLUMNS))
    + ", ?, ?, 'extractor', 'pending', ?)"
)


def _extract_where(redo: bool) -> str:
    # Documents never extracted, or extracted by another extractor version; --redo: all.
    return "1" if redo else "(extracted_version IS NULL OR extracted_version <> ?)"


def documents_to_extract(
    conn: sqlite3.Connection, version: str, *, redo: bool = False, page: int = 500
) -> Iterator[list[tuple[int, str, str | None]]]:
    """Pages of (id, text, date) of the documents to extract, never all at once.

    Without ``redo``: documents never extracted or extracted by another extractor version.
    With ``redo``: every document.
    """
    where = _extract_where(redo)
    params = () if redo else (version,)
    last = 0
    while True:
        rows = conn.execute(
            f"SELECT id, text, date FROM documents WHERE {where} AND id > ? ORDER BY id LIMIT ?",
            (*params, last, page),
        ).fetchall()
        if not rows:
            return
        yield [(r[0], r[1], r[2]) for r in rows]
        last = rows[-1][0]


def count_to_extract(conn: sqlite3.Connection, version: str, *, redo: bool = False) -> int:
    """How many documents :func:`documents_to_extract` will yield."""
    params = () if redo else (version,)
    sql = f"SELECT count(*) FROM documents WHERE {_extract_where(redo)}"
    return conn.execute(sql, params).fetchone()[0]


def store_candidates(
    conn: sqlite3.Connection,
    results: Iterable[tuple[int, Sequence[Sequence]]],
    version: str,
    *,
    redo: bool = False,
) -> tuple[int, int]:
    """Write the candidates of several documents in one transaction.

    Args:
        conn: the database.
        results: (doc_id, candidates) pairs; each candidate a sequence of values in
            :data:`CANDIDATE_COLUMNS` order.
        version: the extractor version, stored on each claim and on the document.
        redo: store even for documents already extracted by this version; without it such a
            document (another ``extract`` process got there first) is left as it is, so
            its pending claims keep their ids under a reviewer.

    Returns:
        (candidates added, pending candidates replaced).
    """
    stamp = now_iso()
    added = replaced = 0
    with transaction(conn):
        for doc_id, candidates in results:
            if not redo:
                done = conn.execute(
                    "SELECT extracted_version FROM documents WHERE id = ?", (doc_id,)
                ).fetchone()
                if done is not None and done[0] == version:
                    continue
            replaced += conn.execute(
                "DELETE FROM claims WHERE doc_id = ? AND origin = 'extractor'"
                " AND status = 'pending'"
                " AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.claim_id = claims.id)",
                (doc_id,),
            ).rowcount
            kept = {
                (s, e)
                for s, e in conn.execute(
                    "SELECT start, \"end\" FROM claims WHERE doc_id = ? AND status != 'withdrawn'",
                    (doc_id,),
                )
            }
            # A caller may leave out the last column (alternatives): stored as NULL.
            last = len(CANDIDATE_COLUMNS) - 1
            rows = [
                (*c[:last], _alternatives_json(c[last:]), doc_id, version, stamp)
                for c in candidates
                if (c[1], c[2]) not in kept
            ]
            conn.executemany(_INSERT, rows)
            added += len(rows)
            conn.execute(
                "UPDATE documents SET extracted_version = ?, extracted_at = ? WHERE id = ?",
                (version, stamp, doc_id),
            )
    return added, replaced


def _alternatives_json(tail: Sequence) -> str | None:
    """The alternatives column from what follows a candidate's other columns: JSON text, or
    NULL when there are none (or the caller left the column out)."""
    value = tail[0] if tail else None
    if value is None or value == {} or value == "":
        return None
    if isinstance(value, str):
        return value
    return _JSON.encode(value)


#: ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))`` made once, not per claim.
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def save_model(conn: sqlite3.Connection, name: str, model: str, examples: int) -> None:
    """Store a trained model (JSON text) under ``name``, replacing an older one."""
    with transaction(conn):
        conn.execute(
            "INSERT INTO models (name, model, examples, trained_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (name) DO UPDATE SET model = excluded.model,"
            " examples = excluded.examples, trained_at = excluded.trained_at",
            (name, model, examples, now_iso()),
        )


def load_model(conn: sqlite3.Connection, name: str) -> str | None:
    """The model stored under ``name`` (JSON text), or None."""
    row = conn.execute("SELECT model FROM models WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def decided_claims(conn: sqlite3.Connection) -> Iterator[tuple[int, str, str | None, dict]]:
    """Every decided claim as (doc id, document text, document date, claim fields), by
    document: accepted claims (edited or not, reviewer-added too) with ``claim: True`` and
    their current fields; rejected extractor claims with ``claim: False`` (look-alikes: the
    examples ``claimdesk train`` teaches the look-alike filter). A rejected claim a reviewer
    added is no look-alike the extractor proposed, and is left out."""
    docs = conn.execute(
        "SELECT DISTINCT doc_id FROM claims WHERE status = 'accepted'"
        " OR (status = 'rejected' AND origin = 'extractor') ORDER BY doc_id"
    ).fetchall()
    for (doc_id,) in docs:
        text, date = conn.execute(
            "SELECT text, date FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        cur = conn.execute(
            'SELECT status, quantity_text, start, "end", value, unit, subject, predicate,'
            " time_text FROM claims WHERE doc_id = ? AND (status = 'accepted'"
            " OR (status = 'rejected' AND origin = 'extractor')) ORDER BY start",
            (doc_id,),
        )
        for status, surface, start, end, value, unit, subject, predicate, time_text in cur:
            yield (
                doc_id,
                text,
                date,
                {
                    "doc": str(doc_id),
                    "surface": surface,
                    "start": start,
                    "end": end,
                    "value": value,
                    "unit": unit,
                    "subject": subject,
                    "predicate": predicate,
                    "time": time_text,
                    "claim": status == "accepted",
                },
            )


def match_sources(conn: sqlite3.Connection, sources: Iterable[str]) -> dict[int, str]:
    """Document ids whose source matches one of these names (as gold files name documents).

    A document matches when its ``source`` equals the name or its last path part does (a file
    ingested as ``seeds/a.txt`` matches gold written for ``a.txt``).
    """
    wanted = set(sources)
    docs: dict[int, str] = {}
    for doc_id, source in conn.execute("SELECT id, source FROM documents"):
        for name in (source, source.replace("\\", "/").rsplit("/", 1)[-1]):
            if name in wanted:
                docs[doc_id] = name
                break
    return docs


def extractor_proposals(conn: sqlite3.Connection, docs: dict[int, str]) -> list[dict]:
    """The extractor's own proposals (before any edit) for these documents.

    Args:
        conn: the database.
        docs: document id -> the name to report in each claim's ``doc`` field
            (see :func:`match_sources`).
    """
    out = []
    for doc_id, doc in docs.items():
        cur = conn.execute(
            "SELECT * FROM claims WHERE doc_id = ? AND origin = 'extractor' ORDER BY start",
            (doc_id,),
        )
        names = [d[0] for d in cur.description]
        for row in cur:
            claim = dict(zip(names, row, strict=True))
            if claim["original"]:
                claim.update(json.loads(claim["original"]))
            claim["doc"] = doc
            out.append(claim)
    return out
