"""The files claimdesk opens and writes: the database named by ``--db`` (whatever characters the
name holds) and export files (permissions, leftovers of killed runs, signals, the same bytes on
standard output as in a file, valid JSON whatever the database holds).
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from db.connection import open_db, transaction
from tests.conftest import ROOT, SEED_ARTICLE
from tui.cli import cli


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args], cwd=ROOT, capture_output=True, timeout=120
    )


# --------------------------------------------------------------------------- --db names


@pytest.mark.parametrize("name", ["a?b.db", "c#d.db", "e%3Ff.db", "100%.db", "g h&mode=ro.db"])
def test_db_name_with_uri_characters_opens_exactly_that_file(tmp_path, name):
    db = tmp_path / name
    r = CliRunner().invoke(cli, ["ingest", str(SEED_ARTICLE), "--db", str(db)])
    assert r.exit_code == 0, r.output
    made = sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm")))
    assert made == [name]  # not "a", "c", "e?f.db" ...
    raw = sqlite3.connect(db)
    assert raw.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    raw.close()
    r = CliRunner().invoke(cli, ["stats", "--json", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["documents"]["total"] == 1


def test_percent_encoded_dots_do_not_leave_the_folder(tmp_path):
    inner = tmp_path / "sub" / "%2e%2e"  # a folder really named %2e%2e, not ..
    inner.mkdir(parents=True)
    db = inner / "x.db"
    r = CliRunner().invoke(cli, ["ingest", str(SEED_ARTICLE), "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert db.exists()
    assert not (tmp_path / "x.db").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sub"]


# --------------------------------------------------------------------------- export files


@pytest.fixture
def small_db(tmp_path):
    """A database with the seed article, every candidate accepted."""
    db = tmp_path / "s.db"
    conn = open_db(db)
    r = CliRunner().invoke(cli, ["ingest", str(SEED_ARTICLE), "--db", str(db)])
    assert r.exit_code == 0
    with transaction(conn):
        doc = conn.execute("SELECT id, text FROM documents").fetchone()
        text = doc["text"]
        i = text.index("1000万元")
        conn.execute(
            'INSERT INTO claims (doc_id, quantity_text, start, "end", sentence_start,'
            " sentence_end, value, unit, subject, status, reviewer, decided_at, created_at)"
            " VALUES (?, '1000万元', ?, ?, 0, ?, 1e7, '元', '人保，上海', 'accepted', 'r',"
            " 't', 't')",
            (doc["id"], i, i + 6, len(text)),
        )
    conn.close()
    return db


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_stdout_and_file_get_the_same_bytes(small_db, tmp_path, fmt):
    out = tmp_path / f"facts.{fmt}"
    assert _run("export", "--db", str(small_db), "--format", fmt, "-o", str(out)).returncode == 0
    piped = _run("export", "--db", str(small_db), "--format", fmt)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == out.read_bytes()
    assert piped.stdout.startswith(b"\xef\xbb\xbf") == (fmt == "csv")  # the BOM: CSV only
    assert "人保，上海".encode() in piped.stdout


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_export_file_permissions_follow_the_umask(small_db, tmp_path, umask, mode):
    out = tmp_path / "facts.jsonl"
    old = os.umask(umask)
    try:
        r = CliRunner().invoke(cli, ["export", "--db", str(small_db), "-o", str(out)])
    finally:
        os.umask(old)
    assert r.exit_code == 0, r.output
    assert out.stat().st_mode & 0o777 == mode


def test_force_keeps_the_permissions_of_the_file_it_replaces(small_db, tmp_path):
    out = tmp_path / "facts.jsonl"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, 0o640)
    r = CliRunner().invoke(cli, ["export", "--db", str(small_db), "-o", str(out), "--force"])
    assert r.exit_code == 0, r.output
    assert out.stat().st_mode & 0o777 == 0o640
    assert out.read_text(encoding="utf-8") != "old"


def test_next_export_removes_parts_whose_writer_is_gone_not_live_ones(small_db, tmp_path):
    out = tmp_path / "facts.jsonl"
    stale = tmp_path / ".facts.jsonl.k1ll3d.part"  # as a kill -9 leaves it: nobody holds it
    stale.write_text('{"half": ', encoding="utf-8")
    live = tmp_path / ".facts.jsonl.wr1t1n.part"  # another export writing right now
    live.write_text("{}", encoding="utf-8")
    other = tmp_path / ".other.jsonl.k1ll3d.part"  # another target's: not ours to judge
    other.write_text("{}", encoding="utf-8")
    fd = os.open(live, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        r = CliRunner().invoke(cli, ["export", "--db", str(small_db), "-o", str(out)])
        assert r.exit_code == 0, r.output
        names = sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".part")
        assert names == sorted([other.name, live.name])
    finally:
        os.close(fd)  # the writer is gone now
    r = CliRunner().invoke(cli, ["export", "--db", str(small_db), "-o", str(out), "--force"])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".part") == [other.name]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_terminated_export_removes_its_temporary_file(tmp_path, signum):
    db = tmp_path / "big.db"
    conn = open_db(db)
    text = "甲有5人。" * 2000
    with transaction(conn):
        conn.execute(
            "INSERT INTO documents (source, text, sha256, ingested_at) VALUES ('big', ?, 'h', 't')",
            (text,),
        )
        conn.executemany(
            'INSERT INTO claims (doc_id, quantity_text, start, "end", sentence_start,'
            " sentence_end, status, reviewer, decided_at, created_at)"
            " VALUES (1, '5人', ?, ?, ?, ?, 'accepted', 'r', 't', 't')",
            [(2 + 5 * (i % 2000), 4 + 5 * (i % 2000), 5 * (i % 2000), 5 * (i % 2000) + 5)
             for i in range(100_000)],
        )  # fmt: skip
    conn.close()
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "facts.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "export", "--db", str(db), "-o", str(target)],
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        parts = list(folder.glob(".facts.jsonl.*.part"))
        if parts and parts[0].exists() and parts[0].stat().st_size > 0:
            break
        time.sleep(0.005)
    assert proc.poll() is None, "the export ended before it could be signalled"
    proc.send_signal(signum)
    assert proc.wait(timeout=60) == -signum  # ended by the signal, as without claimdesk
    assert list(folder.iterdir()) == []


# --------------------------------------------------------------------------- valid JSON


def test_export_writes_valid_json_whatever_the_database_holds(small_db, tmp_path):
    conn = open_db(small_db)
    with transaction(conn):
        # What older imports let in: Infinity in a number column, NaN inside stored JSON.
        conn.execute(
            "UPDATE claims SET value = 1e999, value_max = -1e999, edited = 1,"
            ' original = \'{"value": NaN, "value_max": Infinity}\''
        )
        claim = conn.execute("SELECT id FROM claims").fetchone()[0]
        conn.execute(
            "INSERT INTO decisions (claim_id, reviewer, action, status_before, status_after,"
            " before, after, at) VALUES (?, 'r', 'accept', 'pending', 'accepted',"
            " '{\"value\": -Infinity}', '{\"value\": NaN}', 't')",
            (claim,),
        )
    conn.close()

    def strict(line: str) -> dict:
        def refuse(name: str):
            raise AssertionError(f"{name} is not JSON: {line[:80]}")

        return json.loads(line, parse_constant=refuse)

    r = CliRunner().invoke(cli, ["export", "--db", str(small_db), "--history"])
    assert r.exit_code == 0, r.output
    [rec] = [strict(line) for line in r.output.splitlines()]
    assert rec["value"] is None and rec["value_max"] is None
    assert rec["original"] == {"value": None, "value_max": None}
    assert rec["history"][0]["before"] == {"value": None}
    r = CliRunner().invoke(cli, ["export", "--db", str(small_db), "--history", "--format", "csv"])
    assert r.exit_code == 0, r.output
    assert "NaN" not in r.output and "Infinity" not in r.output and "inf" not in r.output
