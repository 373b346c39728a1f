"""Schema, migrations and connection behaviour."""

from __future__ import annotations

import sqlite3

import pytest

from db.connection import connect, open_db, schema_version, transaction
from db.errors import ClaimdeskError
from db.schema import LATEST, MIGRATIONS


def test_new_file_gets_latest_schema(db_path):
    conn = connect(db_path)
    assert db_path.exists()
    assert schema_version(conn) == LATEST
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "claims", "decisions", "documents_fts"} <= tables


def test_pragmas(conn):
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def _first_migration_file(path):
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("BEGIN")
    MIGRATIONS[0](raw)
    raw.execute("PRAGMA user_version = 1")
    raw.execute("COMMIT")
    raw.execute(
        "INSERT INTO documents (source, title, text, sha256, ingested_at)"
        " VALUES ('a.txt', 'A', '公司收入1000万元', 'abc', '2026-01-01')"
    )
    raw.execute(
        'INSERT INTO claims (doc_id, quantity_text, start, "end", sentence_start,'
        " sentence_end, value, unit, created_at) VALUES (1, '1000万元', 4, 10, 0, 10, 1e7, '元',"
        " '2026-01-01')"
    )
    raw.close()


def test_upgrade_from_first_migration_keeps_data(db_path):
    _first_migration_file(db_path)
    conn = open_db(db_path)
    assert schema_version(conn) == LATEST
    doc = conn.execute("SELECT source, text FROM documents").fetchone()
    assert tuple(doc) == ("a.txt", "公司收入1000万元")
    claim = conn.execute("SELECT quantity_text, value, subject_start FROM claims").fetchone()
    assert tuple(claim) == ("1000万元", 1e7, None)
    # the search index was built over the documents that were already there
    hits = conn.execute(
        "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", ('"1000万"',)
    ).fetchall()
    assert [h[0] for h in hits] == [1]


def test_reopen_is_idempotent(db_path):
    connect(db_path).close()
    conn = connect(db_path)
    assert schema_version(conn) == LATEST


def test_newer_database_is_refused_untouched(db_path):
    connect(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute(f"PRAGMA user_version = {LATEST + 1}")
    raw.close()
    before = db_path.read_bytes()
    with pytest.raises(ClaimdeskError, match="newer claimdesk"):
        connect(db_path)
    assert db_path.read_bytes() == before


def test_corrupt_file_is_refused(db_path):
    db_path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(ClaimdeskError, match="not a claimdesk database"):
        connect(db_path)


def test_foreign_sqlite_file_is_refused(db_path):
    raw = sqlite3.connect(db_path)
    raw.execute("CREATE TABLE other (x)")
    raw.commit()
    raw.close()
    with pytest.raises(ClaimdeskError, match="not a claimdesk database"):
        connect(db_path)


def test_missing_folder_and_missing_file(tmp_path):
    with pytest.raises(ClaimdeskError, match="does not exist"):
        connect(tmp_path / "nope" / "x.db")
    with pytest.raises(ClaimdeskError, match="no such database"):
        connect(tmp_path / "absent.db", create=False)
    with pytest.raises(ClaimdeskError, match="is a folder"):
        connect(tmp_path)


def test_transaction_rolls_back_on_error(conn):
    with pytest.raises(RuntimeError), transaction(conn):
        conn.execute(
            "INSERT INTO documents (source, text, sha256, ingested_at) VALUES ('x','y','z','t')"
        )
        raise RuntimeError("boom")
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    assert not conn.in_transaction


@pytest.mark.parametrize(
    "query",
    [
        "SELECT id FROM claims WHERE status = 'pending' ORDER BY status, doc_id, start, id LIMIT 1",
        "SELECT id FROM claims WHERE doc_id = 3 ORDER BY start",
        "SELECT count(*) FROM claims WHERE status = 'accepted'",
        "SELECT id FROM decisions WHERE reviewer = 'r' ORDER BY id DESC LIMIT 1",
    ],
)
def test_hot_queries_use_indexes(conn, query):
    plan = " ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + query))
    assert "INDEX" in plan, plan


def test_claim_constraints(conn):
    conn.execute(
        "INSERT INTO documents (source, text, sha256, ingested_at) VALUES ('x','文本','h','t')"
    )
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            'INSERT INTO claims (doc_id, quantity_text, start, "end", sentence_start,'
            " sentence_end, qualifier, created_at) VALUES (1, '文', 0, 1, 0, 2, 'about', 't')"
        )
    with pytest.raises(sqlite3.IntegrityError):  # no such document
        conn.execute(
            'INSERT INTO claims (doc_id, quantity_text, start, "end", sentence_start,'
            " sentence_end, created_at) VALUES (99, '文', 0, 1, 0, 2, 't')"
        )


def test_a_nested_transaction_joins_the_outer_one(conn):
    """transaction() inside transaction() is part of it: an error after the inner block takes
    the inner block's writes back too, and a success commits both once."""
    from db.connection import transaction

    with pytest.raises(RuntimeError), transaction(conn):
        conn.execute("INSERT INTO settings (key, value) VALUES ('outer', '1')")
        with transaction(conn):
            conn.execute("INSERT INTO settings (key, value) VALUES ('inner', '1')")
        raise RuntimeError("after the inner block")
    assert not conn.in_transaction
    keys = {r[0] for r in conn.execute("SELECT key FROM settings")}
    assert not {"outer", "inner"} & keys
    with transaction(conn):
        conn.execute("INSERT INTO settings (key, value) VALUES ('outer', '1')")
        with transaction(conn):
            conn.execute("INSERT INTO settings (key, value) VALUES ('inner', '1')")
        assert conn.in_transaction
    assert {"outer", "inner"} <= {r[0] for r in conn.execute("SELECT key FROM settings")}
