"""The ``facts`` view: accepted claims with their documents, for analysts."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db.claims import store_candidates
from db.connection import open_db, schema_version
from db.export import Filters, records
from db.ingest import Record, insert_records
from db.schema import LATEST, MIGRATIONS

TEXT = "😀𠀀公司报告：集团😀向灾区捐资约1500万元。另有🚀近3000人参加，逾20家企业响应。"


def _fill(conn: sqlite3.Connection) -> None:
    insert_records(conn, [Record(source="news/a.txt", text=TEXT, title="报告", date="2026-04-27")])
    doc_id = conn.execute("SELECT id FROM documents").fetchone()[0]
    cands = []
    for qt, value, unit, kind in (("约1500万元", 1.5e7, "元", "money"),
                                  ("近3000人", 3000.0, "人", "count"),
                                  ("逾20家", 20.0, "家", "count")):  # fmt: skip
        s = TEXT.index(qt)
        sent = (
            (0, TEXT.index("。") + 1) if s < TEXT.index("。") else (TEXT.index("。") + 1, len(TEXT))
        )
        cands.append((qt, s, s + len(qt), *sent, value, None, unit, "~", "集团", "捐资", "", "",
                      "", kind, 0.9, "r", None, None, None, None, None, None))  # fmt: skip
    store_candidates(conn, [(doc_id, cands)], "t")
    with conn:
        conn.execute(
            "UPDATE claims SET status = 'accepted', reviewer = 'ann',"
            " decided_at = '2026-11-02T08:00:00.000Z' WHERE quantity_text != '逾20家'"
        )
        conn.execute(
            "UPDATE claims SET status = 'rejected', reviewer = 'ann',"
            " decided_at = '2026-11-02T08:00:00.000Z' WHERE quantity_text = '逾20家'"
        )


def test_facts_are_the_accepted_claims_as_exported(conn):
    _fill(conn)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("SELECT * FROM facts ORDER BY start")]
    exported = list(records(conn, Filters(status="accepted")))
    assert len(rows) == len(exported) == 2
    for row, rec in zip(rows, exported, strict=True):
        for key, value in row.items():
            if key in rec:
                want = int(rec[key]) if key == "edited" else rec[key]
                assert value == want, key
        # the sentence is cut by characters, astral ones included
        assert row["sentence"] == TEXT[row["sentence_start"] : row["sentence_end"]]
        assert TEXT[row["start"] : row["end"]] == row["quantity_text"]
        assert row["doc_date"] == "2026-04-27"


def test_an_older_database_gets_the_view(db_path):
    raw = sqlite3.connect(db_path, isolation_level=None)
    raw.execute("BEGIN")
    for m in MIGRATIONS[:3]:
        m(raw)
    raw.execute("PRAGMA user_version = 3")
    raw.execute("COMMIT")
    raw.close()
    conn = open_db(db_path)
    assert schema_version(conn) == LATEST
    _fill(conn)
    assert conn.execute("SELECT count(*) FROM facts").fetchone()[0] == 2


def test_readme_sqlite_utils_example(db_path):
    """The README's sqlite-utils command, run as written (the Python API when the command is
    not on PATH)."""
    sqlite_utils = pytest.importorskip("sqlite_utils")
    conn = open_db(db_path)
    _fill(conn)
    conn.close()
    sql = "select subject, predicate, value, unit, time, doc_source from facts where kind = 'money'"
    exe = shutil.which("sqlite-utils") or str(Path(sys.executable).parent / "sqlite-utils")
    if Path(exe).exists():
        out = subprocess.run([exe, "query", str(db_path), sql], capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        rows = json.loads(out.stdout)
    else:
        rows = list(sqlite_utils.Database(db_path).query(sql))
    assert rows == [
        {"subject": "集团", "predicate": "捐资", "value": 15000000.0, "unit": "元", "time": "",
         "doc_source": "news/a.txt"}
    ]  # fmt: skip
