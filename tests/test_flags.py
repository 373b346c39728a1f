"""Flags and notes (db/flags.py, ReviewSession.flag): logged, undoable, filterable, exported.

Every test has its own database (tests/test_siblings.py's ``build``); what was committed is
read through a second connection.
"""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from db import decisions, flags, review, schema
from db.claimlist import ClaimFilter, plan_filter
from db.connection import open_db
from db.export import Filters, records
from tests.test_siblings import build, go_to, log, row, session
from tui.cli import cli


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "flags.db"
    ids = build(path)
    check = open_db(path)
    yield path, ids, check
    check.close()


def test_flag_with_a_note_keeps_the_status_and_is_logged(db):
    path, ids, check = db
    s = session(path)
    s.open()
    go_to(s, ids["a1"])
    out = s.flag("  check the index name  ")
    assert out.ok and "flagged" in out.message
    assert out.view.claim["id"] == ids["a1"]  # a flag does not move on
    r = row(check, ids["a1"])
    assert (r["flagged"], r["note"], r["status"], r["reviewer"]) == (
        1, "check the index name", "pending", None,
    )  # fmt: skip
    d = log(check)[-1]
    assert (d["action"], d["status_before"], d["status_after"]) == ("flag", "pending", "pending")
    assert json.loads(d["before"]) == {k: v for k, v in json.loads(d["after"]).items()
                                       if k in decisions.STATE_FIELDS}  # fmt: skip
    assert flags.describe(d["after"]) == "flagged: check the index name"
    hist = decisions.history(check, ids["a1"])
    assert hist[-1]["changes"] == {"flagged": (0, 1), "note": ("", "check the index name")}
    assert s.decided == 0  # a flag is not a decision on the claim


def test_unflag_and_undo_put_the_flag_and_note_back(db):
    path, ids, check = db
    s = session(path)
    s.open()
    go_to(s, ids["a1"])
    assert s.flag("first").ok
    assert s.flag("second").ok  # a new note on a flagged claim
    assert row(check, ids["a1"])["note"] == "second"
    assert s.flag(None).ok  # unflag
    assert (row(check, ids["a1"])["flagged"], row(check, ids["a1"])["note"]) == (0, "")
    assert flags.describe(log(check)[-1]["after"]) == "unflagged"
    n = len(log(check))
    out = s.flag(None)  # not flagged: refused, nothing written
    assert out.kind == "refused" and "not flagged" in out.message and len(log(check)) == n
    assert s.undo().ok  # the unflag
    assert (row(check, ids["a1"])["flagged"], row(check, ids["a1"])["note"]) == (1, "second")
    assert s.undo().ok and row(check, ids["a1"])["note"] == "first"
    assert s.undo().ok and row(check, ids["a1"])["flagged"] == 0
    assert [d["action"] for d in log(check)][-3:] == ["undo"] * 3
    assert s.undo().message == "Nothing to undo."


def test_undo_of_an_accept_never_touches_a_flag_set_meanwhile(db):
    """The flag is outside the claim's snapshot: ann's undo of her accept keeps bob's flag."""
    path, ids, check = db
    ann, bob = session(path, "ann"), session(path, "bob")
    ann.open()
    go_to(ann, ids["a1"])
    assert ann.decide("accept").ok
    bob.open()
    go_to(bob, ids["a1"])
    assert bob.flag("is 收报 a subject?").ok
    assert ann.undo().ok
    r = row(check, ids["a1"])
    assert (r["status"], r["flagged"], r["note"]) == ("pending", 1, "is 收报 a subject?")


def test_an_undo_of_a_flag_changed_since_by_another_is_refused(db):
    path, ids, check = db
    ann, bob = session(path, "ann"), session(path, "bob")
    ann.open()
    go_to(ann, ids["a1"])
    assert ann.flag("x").ok
    bob.open()
    go_to(bob, ids["a1"])
    assert bob.flag(None).ok
    n = len(log(check))
    out = ann.undo()
    assert out.kind == "refused" and "flag was changed" in out.message
    assert len(log(check)) == n and row(check, ids["a1"])["flagged"] == 0


def test_notes_are_stored_as_typed_and_too_long_is_refused(db):
    path, _ids, check = db
    s = session(path)
    s.open()
    note = "[b]bold[/b] \x1b]2;pwned\x07 line\nbreak"
    assert s.flag(note).ok
    assert row(check, s.claim["id"])["note"] == note
    n = len(log(check))
    out = s.flag("x" * (flags.NOTE_MAX + 1))
    assert out.kind == "refused" and "at most" in out.message and len(log(check)) == n
    assert s.flag(note).kind == "refused"  # the same note again: nothing to change


def test_flag_on_a_locked_database_is_busy_and_saves_nothing(db):
    path, _ids, check = db
    s = session(path)
    s.open()
    check.execute("BEGIN IMMEDIATE")
    try:
        out = s.flag("later")
        assert out.kind == "busy" and "nothing was saved" in out.message
    finally:
        check.execute("ROLLBACK")
    assert row(check, s.claim["id"])["flagged"] == 0 and log(check) == []


def test_filter_flagged_in_the_list_and_the_session(db):
    path, ids, check = db
    s = session(path)
    s.open()
    for k in ("a4", "r2"):
        go_to(s, ids[k])
        assert s.flag("").ok
    flt = plan_filter(check, ClaimFilter(flagged=True))
    assert flt.index == "claims_flagged" and flt.describe() == "flagged=yes"
    assert review.count(check, flt) == 2
    assert [r["id"] for r in review.page(check, flt, 0, 10)] == [ids["a4"], ids["r2"]]
    out = s.set_filter(ClaimFilter(flagged=True))
    assert out.view.total == 2
    assert s.flag(None).ok  # unflag r2: it leaves the flagged list
    assert s.total == 1
    plan = " ".join(
        r[3] for r in check.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM " + flt.source() + " WHERE " + flt.where()[0]
            + " ORDER BY doc_id, start, id", flt.where()[1],
        )
    )  # fmt: skip
    assert "claims_flagged" in plan


def test_export_carries_flagged_and_note_and_filters_on_them(db):
    path, ids, check = db
    s = session(path)
    s.open()
    go_to(s, ids["a3"])  # accepted already
    assert s.flag("值得再看").ok
    recs = list(records(check, Filters(status="any")))
    by_id = {r["claim_id"]: r for r in recs}
    assert by_id[ids["a3"]]["flagged"] is True and by_id[ids["a3"]]["note"] == "值得再看"
    assert by_id[ids["a1"]]["flagged"] is False and by_id[ids["a1"]]["note"] == ""
    result = CliRunner().invoke(
        cli, ["export", "--db", str(path), "--status", "any", "--flagged", "--history"]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["claim_id"], r["flagged"], r["note"]) for r in lines] == [
        (ids["a3"], True, "值得再看")
    ]
    assert lines[0]["history"][-1]["action"] == "flag"
    assert lines[0]["history"][-1]["after"]["side"] == {"flagged": 1, "note": "值得再看"}
    csv_out = CliRunner().invoke(
        cli, ["export", "--db", str(path), "--format", "csv", "--flagged", "--status", "any"]
    )
    assert csv_out.exit_code == 0 and '"flagged","note"' in csv_out.output.splitlines()[0]


def test_migration_from_the_version_before_keeps_the_log_and_allows_flags(tmp_path):
    """A file made before the flag migration (with decisions and overlap verdicts) upgrades."""
    path = tmp_path / "old.db"
    before = schema.MIGRATIONS.index(schema._m8_flags)
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA foreign_keys = ON")
    raw.execute("BEGIN")
    for migration in schema.MIGRATIONS[:before]:
        migration(raw)
    raw.execute(f"PRAGMA user_version = {before}")
    raw.execute("COMMIT")
    raw.close()
    conn = open_db(path)  # opening upgrades it
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()

    # An old file with content: build at ``before``, then open.
    path2 = tmp_path / "old2.db"
    raw = sqlite3.connect(path2, isolation_level=None)
    raw.execute("PRAGMA foreign_keys = ON")
    raw.execute("BEGIN")
    for migration in schema.MIGRATIONS[:before]:
        migration(raw)
    raw.execute(f"PRAGMA user_version = {before}")
    raw.execute(
        "INSERT INTO documents (source, title, text, sha256, ingested_at) VALUES"
        " ('s', 't', '共有5人。', 'h', 'now')"
    )
    raw.execute(
        'INSERT INTO claims (doc_id, quantity_text, start, "end", sentence_start, sentence_end,'
        " value, created_at) VALUES (1, '5人', 2, 4, 0, 5, 5, 'now')"
    )
    raw.execute(
        "INSERT INTO decisions (claim_id, reviewer, action, status_before, status_after, at,"
        " mode) VALUES (1, 'ann', 'accept', 'pending', 'pending', 'now', 'overlap')"
    )
    raw.execute("INSERT INTO judgements VALUES (1, 'ann', 'accepted', '{}', 1, 'now')")
    with pytest.raises(sqlite3.IntegrityError):
        raw.execute(
            "INSERT INTO decisions (claim_id, reviewer, action, status_after, at)"
            " VALUES (1, 'ann', 'flag', 'pending', 'now')"
        )
    raw.execute("COMMIT")
    raw.close()
    conn = open_db(path2)
    assert conn.execute("SELECT count(*) FROM decisions").fetchone()[0] == 1
    assert conn.execute("SELECT flagged, note FROM claims").fetchone()[:] == (0, "")
    assert flags.flag(conn, 1, "bob", "再看").action == "flag"
    with pytest.raises(sqlite3.IntegrityError):  # the check still holds for anything else
        conn.execute(
            "INSERT INTO decisions (claim_id, reviewer, action, status_after, at)"
            " VALUES (1, 'ann', 'frobnicate', 'pending', 'now')"
        )
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
