"""The schema, built by numbered migrations recorded in ``PRAGMA user_version``.

Each migration is a small function that takes a connection inside an open transaction. A file made
by any earlier version is upgraded in order on open; a file from a newer claimdesk is refused
rather than guessed at.

Tables:

- ``documents``: one row per ingested text. ``text`` is exactly what every offset refers to.
- ``claims``: the current state of every candidate or reviewer-added claim. ``original`` keeps
  the extractor's proposal (JSON) once a reviewer has edited the claim.
- ``decisions``: the append-only log of reviewer actions, written in the same transaction as the
  claim's new state. Undo is a decision too, so history survives restarts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

#: Fields of a claim that describe the fact (what an edit may change and what `original` keeps).
FACT_FIELDS = (
    "quantity_text",
    "start",
    "end",
    "sentence_start",
    "sentence_end",
    "value",
    "value_max",
    "unit",
    "qualifier",
    "subject",
    "predicate",
    "object",
    "time_text",
    "time",
    "kind",
)

#: Offsets of the highlighted parts of a claim (may be NULL when not in the sentence).
SPAN_FIELDS = (
    "subject_start",
    "subject_end",
    "predicate_start",
    "predicate_end",
    "time_start",
    "time_end",
)


def now_iso(offset_seconds: float = 0.0) -> str:
    """How claimdesk stores a time: ISO 8601 UTC with milliseconds, ``2024-05-01T08:30:12.345Z``.

    One format everywhere, so stored times sort and compare as text (leases, ``--since``).

    Args:
        offset_seconds: a time this far from now (a lease's expiry).
    """
    t = datetime.now(UTC) + timedelta(seconds=offset_seconds)
    return t.isoformat(timespec="milliseconds").replace("+00:00", "Z")


QUALIFIERS = ("=", "~", ">", ">=", "<", "<=")
KINDS = (
    "money",
    "count",
    "percent",
    "duration",
    "age",
    "area",
    "weight",
    "length",
    "score",
    "other",
)
STATUSES = ("pending", "accepted", "rejected")
#: The status of a claim a reviewer added and then took back (undo of its ``add``, migration
#: 10). Not a reviewable status (not in :data:`STATUSES`): the claim and its decisions stay in
#: the append-only log, but it is in no list, queue, count, export, statistic or ``facts``.
WITHDRAWN = "withdrawn"
ACTIONS = ("accept", "reject", "edit", "skip", "add", "undo", "flag")


def _script(conn: sqlite3.Connection, sql: str) -> None:
    """Run several statements inside the caller's transaction.

    ``executescript`` would commit the open transaction first, so a failing migration could
    leave a half-built schema; this runs statement by statement instead.
    """
    statement = ""
    for line in sql.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration: {statement.strip()[:60]}")


def _m1_core(conn: sqlite3.Connection) -> None:
    """Documents, claims and the decisions log."""
    _script(
        conn,
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL CHECK (length(text) > 0),
            date TEXT,
            url TEXT,
            meta TEXT,
            sha256 TEXT NOT NULL UNIQUE,
            ingested_at TEXT NOT NULL,
            extracted_version TEXT,
            extracted_at TEXT
        );
        CREATE INDEX documents_extracted ON documents (extracted_version);

        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            quantity_text TEXT NOT NULL,
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL CHECK ("end" > start),
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            value REAL,
            value_max REAL,
            unit TEXT NOT NULL DEFAULT '',
            qualifier TEXT NOT NULL DEFAULT '='
                CHECK (qualifier IN ('=', '~', '>', '>=', '<', '<=')),
            subject TEXT NOT NULL DEFAULT '',
            predicate TEXT NOT NULL DEFAULT '',
            object TEXT NOT NULL DEFAULT '',
            time_text TEXT NOT NULL DEFAULT '',
            time TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'other',
            confidence REAL NOT NULL DEFAULT 0.5,
            rule TEXT NOT NULL DEFAULT '',
            extractor_version TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL DEFAULT 'extractor' CHECK (origin IN ('extractor', 'reviewer')),
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'accepted', 'rejected')),
            edited INTEGER NOT NULL DEFAULT 0,
            original TEXT,
            reviewer TEXT,
            decided_at TEXT,
            created_at TEXT NOT NULL
        );
        -- claims of document N, in reading order; also the review order
        CREATE INDEX claims_doc ON claims (doc_id, start, id);
        -- next pending claim / claims by status, in review order
        CREATE INDEX claims_status ON claims (status, doc_id, start, id);

        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            claim_id INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
            reviewer TEXT NOT NULL,
            action TEXT NOT NULL
                CHECK (action IN ('accept', 'reject', 'edit', 'skip', 'add', 'undo')),
            status_before TEXT,
            status_after TEXT NOT NULL,
            before TEXT,
            after TEXT,
            undoes INTEGER REFERENCES decisions (id),
            at TEXT NOT NULL
        );
        CREATE INDEX decisions_claim ON decisions (claim_id, id);
        CREATE INDEX decisions_reviewer ON decisions (reviewer, id);
        """,
    )


def _m2_spans_and_search(conn: sqlite3.Connection) -> None:
    """Highlight spans for subject, predicate and time; filter indexes; full-text search.

    Search uses an FTS5 trigram index over document text (queries of three or more characters);
    shorter Chinese queries fall back to LIKE, because trigram cannot match them.
    """
    for field in ("subject", "predicate", "time"):
        conn.execute(f"ALTER TABLE claims ADD COLUMN {field}_start INTEGER")
        conn.execute(f"ALTER TABLE claims ADD COLUMN {field}_end INTEGER")
    _script(
        conn,
        """
        CREATE INDEX documents_source ON documents (source);
        CREATE INDEX claims_kind ON claims (kind, status);
        CREATE INDEX claims_rule ON claims (rule, status);
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='id', tokenize='trigram'
        );
        INSERT INTO documents_fts (rowid, title, text) SELECT id, title, text FROM documents;
        CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts (documents_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
        END;
        CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
            INSERT INTO documents_fts (documents_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        """,
    )


def _m3_teams(conn: sqlite3.Connection) -> None:
    """Several reviewers on one database: settings, claim leases, per-reviewer judgements.

    - ``settings``: the review mode a team chose (``split`` or ``overlap``) and ``per_claim``.
    - ``leases``: in split mode a pending claim is leased to one reviewer at a time; a lease
      expires unless its holder's app renews it, so a claim comes back when a reviewer goes away.
    - ``judgements``: in overlap mode each reviewer's own verdict on a claim (their latest,
      not undone); the claim's status waits until ``per_claim`` verdicts agree.
    - ``disputes``: claims whose verdicts disagree, waiting for an adjudicator.
    - ``decisions.mode``: ``overlap`` or ``adjudicate`` for decisions made in those modes.
    """
    _script(
        conn,
        """
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE leases (
            claim_id INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
            reviewer TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            PRIMARY KEY (claim_id, reviewer)
        );
        CREATE INDEX leases_reviewer ON leases (reviewer);
        CREATE TABLE judgements (
            claim_id INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
            reviewer TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
            fields TEXT NOT NULL,
            decision_id INTEGER NOT NULL REFERENCES decisions (id),
            at TEXT NOT NULL,
            PRIMARY KEY (claim_id, reviewer)
        );
        CREATE INDEX judgements_reviewer ON judgements (reviewer);
        CREATE TABLE disputes (
            claim_id INTEGER PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
            since TEXT NOT NULL
        );
        ALTER TABLE decisions ADD COLUMN mode TEXT;
        """,
    )


def _m4_facts_view(conn: sqlite3.Connection) -> None:
    """``facts``: the accepted claims with their documents, for analysts who open the file
    directly (sqlite-utils, Datasette, pandas). ``sentence`` is cut from the document text with
    ``substr``, which counts characters as Python does, so it is exactly the export's sentence.
    """
    _script(
        conn,
        """
        CREATE VIEW facts AS
        SELECT c.id AS claim_id, d.id AS doc_id, d.source AS doc_source, d.title AS doc_title,
               d.date AS doc_date, d.url AS doc_url,
               c.quantity_text, c.start, c."end",
               substr(d.text, c.sentence_start + 1, c.sentence_end - c.sentence_start)
                   AS sentence,
               c.sentence_start, c.sentence_end, c.value, c.value_max, c.unit, c.qualifier,
               c.subject, c.predicate, c.object, c.time_text, c.time, c.kind,
               c.origin, c.confidence, c.rule, c.extractor_version, c.reviewer, c.decided_at,
               c.edited
        FROM claims c JOIN documents d ON d.id = c.doc_id
        WHERE c.status = 'accepted';
        """,
    )


def _m5_search_index_queue(conn: sqlite3.Connection) -> None:
    """The trigram index is filled in bulk, not by a trigger per inserted document.

    Measured (bench/RESULTS.md): FTS5 trigram indexing runs at ~1.5 MB of Chinese text per CPU
    second whatever the order of inserts (per row by trigger, or in bulk after the documents in
    the same transaction: the same speed), while storing the documents alone runs at ~20 MB per
    CPU second. So a
    new document is queued in ``search_pending`` (a cheap insert) and
    :func:`fill_search_index` indexes the queue: ``ingest`` does it in the file's own transaction
    for ordinary imports, and for a large import leaves it to ``extract`` (which reads every
    document anyway, and whose writer has time to spare while workers extract). Search scans the
    queued documents with ``LIKE`` meanwhile, so its results never depend on the queue.

    The delete and update triggers touch the index only for documents that are in it (an FTS5
    'delete' of a row it never indexed would corrupt it).
    """
    _script(
        conn,
        """
        CREATE TABLE search_pending (doc_id INTEGER PRIMARY KEY);
        DROP TRIGGER documents_fts_insert;
        DROP TRIGGER documents_fts_delete;
        DROP TRIGGER documents_fts_update;
        CREATE TRIGGER documents_search_queue AFTER INSERT ON documents BEGIN
            INSERT INTO search_pending (doc_id) VALUES (new.id);
        END;
        CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts (documents_fts, rowid, title, text)
            SELECT 'delete', old.id, old.title, old.text
            WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = old.id);
            DELETE FROM search_pending WHERE doc_id = old.id;
        END;
        CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents
        WHEN NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = old.id) BEGIN
            INSERT INTO documents_fts (documents_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        """,
    )


def _m6_decision_groups(conn: sqlite3.Connection) -> None:
    """``decisions.group_id``: decisions written together by one action (for instance one
    decision per sibling claim) share it, and one undo takes them all back (see
    :mod:`db.decisions`)."""
    _script(
        conn,
        """
        ALTER TABLE decisions ADD COLUMN group_id INTEGER;
        CREATE INDEX decisions_group ON decisions (group_id) WHERE group_id IS NOT NULL;
        CREATE INDEX decisions_undoes ON decisions (undoes) WHERE undoes IS NOT NULL;
        """,
    )


def fill_search_index(conn: sqlite3.Connection, limit: int | None = None) -> int:
    """Index queued documents (all, or the first ``limit``) in the caller's transaction.

    Returns how many documents were indexed. Run it inside ``transaction()``: the documents
    leave the queue in the same transaction that indexes them.
    """
    bound = "" if limit is None else f" ORDER BY doc_id LIMIT {int(limit)}"
    ids = f"SELECT doc_id FROM search_pending{bound}"
    conn.execute(
        "INSERT INTO documents_fts (rowid, title, text)"
        f" SELECT id, title, text FROM documents WHERE id IN ({ids}) ORDER BY id"
    )
    if limit is None:
        return conn.execute("DELETE FROM search_pending").rowcount
    return conn.execute(f"DELETE FROM search_pending WHERE doc_id IN ({ids})").rowcount


def search_pending_count(conn: sqlite3.Connection) -> int:
    """Documents waiting for the trigram index (search scans them with ``LIKE`` meanwhile)."""
    return conn.execute("SELECT count(*) FROM search_pending").fetchone()[0]


def _m7_alternatives_and_models(conn: sqlite3.Connection) -> None:
    """The extractor's ranked runners-up with each claim, and models trained on decisions.

    - ``claims.alternatives``: JSON ``{"subject": [{"text", "start", "end", "score"}, ...],
      "predicate": [...], "time": [...], "object": [...]}``, best first, so a reviewer can pick
      a runner-up instead of typing; NULL for claims stored before or added by a reviewer.
    - ``models``: rankers trained on this database's decisions (``claimdesk train``), by name;
      ``claimdesk extract`` uses the one named ``ranker`` when present.
    """
    _script(
        conn,
        """
        ALTER TABLE claims ADD COLUMN alternatives TEXT;
        CREATE TABLE models (
            name TEXT PRIMARY KEY,
            model TEXT NOT NULL,
            examples INTEGER NOT NULL,
            trained_at TEXT NOT NULL
        );
        """,
    )


def _m8_flags(conn: sqlite3.Connection) -> None:
    """A reviewer's flag and note on a claim, for a second look (:mod:`db.flags`).

    - ``claims.flagged`` (0/1) and ``claims.note``: the claim's current flag; a flag never
      changes the claim's status.
    - ``claims_flagged``: a partial index in review order over the flagged claims only, so the
      ``flagged`` filter walks a handful of rows at a million claims and costs nothing else.
    - the decisions log accepts the action ``flag`` (flag, unflag or a new note; undoable).
      SQLite cannot alter a CHECK constraint, and rebuilding ``decisions`` would mean a copy
      of the whole log and a dance around ``judgements``' foreign key; widening the list is
      the in-place edit SQLite documents for loosening a constraint ("ALTER TABLE", section
      "making other kinds of table schema changes"): the stored rows already satisfy the
      wider check, and bumping ``schema_version`` makes every open connection re-read it.
    """
    _script(
        conn,
        """
        ALTER TABLE claims ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1));
        ALTER TABLE claims ADD COLUMN note TEXT NOT NULL DEFAULT '';
        CREATE INDEX claims_flagged ON claims (doc_id, start, id) WHERE flagged = 1;
        """,
    )
    old = "CHECK (action IN ('accept', 'reject', 'edit', 'skip', 'add', 'undo'))"
    new = "CHECK (action IN ('accept', 'reject', 'edit', 'skip', 'add', 'undo', 'flag'))"
    row = conn.execute(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'decisions'"
    ).fetchone()
    if row is None or row[0].count(old) != 1:
        raise sqlite3.DatabaseError("the decisions table is not claimdesk's; not migrated")
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute(
            "UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'decisions'",
            (row[0].replace(old, new),),
        )
        conn.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")


def _m9_document_listing(conn: sqlite3.Connection) -> None:
    """``documents_listing``: the document picker's covering index (id, source, title).

    The picker pages documents in id order and filters them by a source or title substring;
    with this index both walk ~100 bytes per document instead of the table's rows, which hold
    the texts (a filter over 100k documents reads a few MB, not the whole corpus).
    """
    _script(conn, "CREATE INDEX documents_listing ON documents (id, source, title);")


def _widen_check(conn: sqlite3.Connection, table: str, old: str, new: str) -> None:
    """Loosen a CHECK constraint of ``table`` in place (see :func:`_m8_flags` for why this is
    the edit SQLite documents for it: stored rows already satisfy the wider check, and bumping
    ``schema_version`` makes every open connection re-read the schema)."""
    row = conn.execute(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    if row is None or row[0].count(old) != 1:
        raise sqlite3.DatabaseError(f"the {table} table is not claimdesk's; not migrated")
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute(
            "UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?",
            (row[0].replace(old, new), table),
        )
        conn.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")


#: The ``facts`` view's columns from the claims table (migration 10 adds flagged and note).
_FACTS_VIEW = """
        CREATE VIEW facts AS
        SELECT c.id AS claim_id, d.id AS doc_id, d.source AS doc_source, d.title AS doc_title,
               d.date AS doc_date, d.url AS doc_url,
               c.quantity_text, c.start, c."end",
               substr(d.text, c.sentence_start + 1, c.sentence_end - c.sentence_start)
                   AS sentence,
               c.sentence_start, c.sentence_end, c.value, c.value_max, c.unit, c.qualifier,
               c.subject, c.predicate, c.object, c.time_text, c.time, c.kind,
               c.origin, c.confidence, c.rule, c.extractor_version, c.reviewer, c.decided_at,
               c.edited, c.flagged, c.note
        FROM claims c JOIN documents d ON d.id = c.doc_id
        WHERE c.status = 'accepted';
"""


def _m10_withdrawn_and_facts_flags(conn: sqlite3.Connection) -> None:
    """Undo of an added claim keeps the log append-only; ``facts`` shows flags and notes.

    - ``claims.status`` may be ``withdrawn`` (:data:`WITHDRAWN`): undoing a reviewer's ``add``
      used to delete the claim, and with it (the foreign key cascades) its ``add`` decision,
      a hole in a log that is append-only by design. Now the undo is a decision like any
      other (accepted → withdrawn), and the claim stays, out of every list, queue, count,
      export, statistic and view.
    - ``facts`` gains ``flagged`` (0/1) and ``note``, the reviewer's flag for a second look,
      which the export already carried.
    """
    _widen_check(
        conn,
        "claims",
        "CHECK (status IN ('pending', 'accepted', 'rejected'))",
        "CHECK (status IN ('pending', 'accepted', 'rejected', 'withdrawn'))",
    )
    _script(conn, "DROP VIEW facts;" + _FACTS_VIEW)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _m1_core,
    _m2_spans_and_search,
    _m3_teams,
    _m4_facts_view,
    _m5_search_index_queue,
    _m6_decision_groups,
    _m7_alternatives_and_models,
    _m8_flags,
    _m9_document_listing,
    _m10_withdrawn_and_facts_flags,
]
LATEST = len(MIGRATIONS)
