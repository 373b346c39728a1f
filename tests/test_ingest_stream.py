"""Streaming ingest and bad input (issue 15; issue 13 defects 5 and 6).

Every hostile file ends in one line naming file (and line), exit status 1, nothing of it
stored, and the other files imported; named pipes never block; a failed run creates no database;
a file decoded a block at a time gives exactly what decoding it whole gives; the trigram index
can be left for later without search ever missing a document.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

import db.ingest
from db.connection import open_db, transaction
from db.ingest import decode, expand_paths, ingest_file, parse
from db.schema import fill_search_index, search_pending_count
from tests.conftest import ROOT
from tui.cli import cli

GOOD = "一篇好文章，有3家公司。"

DEEP_ARRAY = '{"text": "x", "n": ' + "[" * 5_000 + "]" * 5_000 + "}"
DEEP_OBJECT = '{"text": "x", "n": ' + '{"a": ' * 100_000 + "1" + "}" * 100_000 + "}"

HOSTILE_JSONL = {
    "surrogate": ('{"text": "ab\\ud800c"}', "lone surrogate (\\ud800)"),
    "surrogate-in-meta": ('{"text": "好", "k": ["\\udfff"]}', "lone surrogate"),
    "surrogate-in-key": ('{"text": "好", "\\ud800": 1}', "lone surrogate"),
    "huge-int": ('{"text": "好", "n": ' + "9" * 5_000 + "}", "too many digits"),
    "deep-5k": (DEEP_ARRAY, "nested too deeply"),
    "deep-100k": (DEEP_OBJECT, "nested too deeply"),
    "deep-100": ('{"text": "x", "n": ' + "[" * 100 + "]" * 100 + "}", "nested too deeply"),
    "nan": ('{"text": "好", "n": NaN}', "NaN or Infinity"),
}


def run(db_path, *args, input=None):
    return CliRunner().invoke(cli, ["ingest", *map(str, args), "--db", str(db_path)], input=input)


def texts(db_path) -> list[str]:
    conn = sqlite3.connect(db_path)
    try:
        return [r[0] for r in conn.execute("SELECT text FROM documents ORDER BY id")]
    finally:
        conn.close()


def errors(output: str) -> list[str]:
    return [ln for ln in output.splitlines() if ln.startswith("error:")]


# --------------------------------------------------------------------------- defect 5


@pytest.mark.parametrize("case", sorted(HOSTILE_JSONL))
def test_hostile_jsonl_is_one_line_and_the_next_file_imports(db_path, tmp_path, case):
    line, problem = HOSTILE_JSONL[case]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "第一行3个"}\n' + line + "\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    r = run(db_path, bad, good)
    assert r.exit_code == 1, r.output
    assert "internal error" not in r.output and "Traceback" not in r.output
    [err] = errors(r.output)
    assert err.startswith(f"error: {bad}:2: "), err
    assert problem in err
    assert texts(db_path) == [GOOD]


@pytest.mark.parametrize("codec", ["base64", "rot13", "zlib", "no-such-codec"])
def test_encoding_that_is_not_a_character_encoding(db_path, tmp_path, codec):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(GOOD, encoding="utf-8")
    b.write_text("另一篇，5人。", encoding="utf-8")
    r = run(db_path, a, b, "--encoding", codec)
    assert r.exit_code == 1
    assert "internal error" not in r.output
    errs = errors(r.output)
    assert [e.split(": ")[1] for e in errs] == [str(a), str(b)]
    wanted = "unknown encoding" if codec == "no-such-codec" else "not a character encoding"
    assert all(wanted in e for e in errs), errs


def test_file_name_too_long(db_path, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    long_name = str(tmp_path / ("长" * 100 + ".txt"))  # 300 bytes
    r = run(db_path, long_name, good)
    assert r.exit_code == 1
    [err] = errors(r.output)
    assert err.startswith(f"error: {long_name}: cannot read (File name too long)")
    assert texts(db_path) == [GOOD]


def _claims_db(tmp_path):
    db = tmp_path / "claims.db"
    doc = tmp_path / "doc.txt"
    doc.write_text(GOOD, encoding="utf-8")
    assert run(db, doc).exit_code == 0
    return db, doc


@pytest.mark.parametrize("case", ["surrogate", "huge-int", "deep-5k", "deep-100k"])
def test_hostile_claims_file_is_one_line_and_the_next_file_is_read(tmp_path, case):
    db, doc = _claims_db(tmp_path)
    line, problem = HOSTILE_JSONL[case]
    first, second = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first.write_text(line + "\n", encoding="utf-8")
    claim = {"doc_source": str(doc), "quantity_text": "3家", "start": 7, "end": 9}
    second.write_text(json.dumps(claim, ensure_ascii=False) + "\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["ingest", "--claims", str(first), str(second), "--db", str(db)])
    assert r.exit_code == 1
    assert "internal error" not in r.output
    [err] = errors(r.output)
    assert err.startswith(f"error: {first}:1: ") and problem in err
    assert f"{second}: claims: 1 added" in r.output


@pytest.mark.parametrize("case", ["surrogate", "huge-int", "deep-5k", "deep-100k"])
def test_hostile_gold_file_is_one_line(tmp_path, case):
    db, _ = _claims_db(tmp_path)
    line, problem = HOSTILE_JSONL[case]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(line + "\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["eval", str(gold), "--db", str(db)])
    assert r.exit_code == 1
    assert "internal error" not in r.output
    assert f"{gold}:1: " in r.output and problem in r.output


def test_claims_and_gold_refuse_a_named_pipe(tmp_path):
    db, _ = _claims_db(tmp_path)
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    for args in (["ingest", "--claims", str(fifo)], ["eval", str(fifo)]):
        r = _cli_subprocess([*args, "--db", str(db)])
        assert r.returncode == 1, r.stderr
        assert "named pipe" in r.stderr


# --------------------------------------------------------------------------- defect 6


def _cli_subprocess(args: list[str]) -> subprocess.CompletedProcess:
    """The real command in a child: a regression that blocks fails on the timeout, not hangs."""
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_named_pipe_is_skipped_with_a_message(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    db = tmp_path / "t.db"
    r = _cli_subprocess(["ingest", str(fifo), str(good), "--db", str(db)])
    assert r.returncode == 1
    assert f"error: {fifo}: not a regular file (a named pipe (FIFO)); skipped" in r.stderr
    assert texts(db) == [GOOD]


def test_named_pipe_inside_a_folder_is_skipped_with_a_message(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    os.mkfifo(folder / "b.jsonl")
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "t.db"
    r = _cli_subprocess(["ingest", str(folder), "--db", str(db)])
    assert r.returncode == 1
    assert f"error: {folder / 'b.jsonl'}: not a regular file (a named pipe (FIFO))" in r.stderr
    assert texts(db) == [GOOD]


def test_unreadable_folder_gets_a_message(tmp_path, monkeypatch):
    root = tmp_path / "corpus"
    (root / "locked").mkdir(parents=True)
    (root / "a.txt").write_text(GOOD, encoding="utf-8")
    locked = str(root / "locked")
    real_scandir = os.scandir

    def scandir(path="."):  # what a folder without read permission does (root ignores chmod)
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = list(expand_paths([str(root)]))
    assert [(p, str(e) if e else None) for p, e in found] == [
        (str(root / "a.txt"), None),
        (locked, f"{locked}: cannot read this folder (Permission denied); skipped"),
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their permissions")
def test_unreadable_folder_through_the_cli(tmp_path):
    root = tmp_path / "corpus"
    (root / "locked").mkdir(parents=True)
    (root / "a.txt").write_text(GOOD, encoding="utf-8")
    (root / "locked").chmod(0)
    try:
        r = run(tmp_path / "t.db", root)
    finally:
        (root / "locked").chmod(0o755)
    assert r.exit_code == 1
    assert f"error: {root / 'locked'}: cannot read this folder" in r.output


def test_failed_ingest_creates_no_database(tmp_path):
    db = tmp_path / "new.db"
    r = run(db, tmp_path / "missing.txt")
    assert r.exit_code == 1
    assert f"error: {tmp_path / 'missing.txt'}: no such file or folder" in r.output
    assert not db.exists()
    r = run(db, "--claims", tmp_path / "missing.jsonl")
    assert r.exit_code == 1 and "no such database" in r.output
    assert not db.exists()


# --------------------------------------------------------------------------- streaming


SAMPLES = [
    "\ufeff第一行\r\n第二行，有3家。\r第三行\n\n  末行  \n\n",
    "".join(f'{{"id": "{i}", "text": "第{i}篇\\n有{i}人。", "k": "值"}}\r\n' for i in range(40)),
    'id,text\r\n1,"多行\r\n文本，3人"\r\n2,第二个\r\n',
]


@pytest.mark.parametrize("block", [1, 2, 3, 7, 64])
@pytest.mark.parametrize("sample", range(len(SAMPLES)))
@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "utf-16"])
def test_streamed_records_equal_whole_file_parse(tmp_path, monkeypatch, block, sample, codec):
    """Blocks cut through multi-byte characters, \\r\\n pairs and quoted CSV fields alike."""
    name = ("a.txt", "b.jsonl", "c.csv")[sample]
    data = SAMPLES[sample].encode(codec)
    expected = parse(name, decode(data, name), "auto")
    monkeypatch.setattr(db.ingest, "BLOCK_BYTES", block)
    f = tmp_path / name
    f.write_bytes(data)
    conn = open_db(tmp_path / "t.db")
    result = ingest_file(conn, str(f))
    assert result.error is None, result.error
    rows = conn.execute("SELECT title, text, meta FROM documents ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [
        (r.title, r.text, json.dumps(r.meta, ensure_ascii=False) if r.meta else None)
        for r in expected
    ]


def _ascii_lines(n: int) -> bytes:
    return b"".join(b'{"text": "plain ascii record %d with 3 items"}\n' % i for i in range(n))


def test_utf8_failure_half_way_restarts_the_file_as_gb18030(tmp_path):
    head = _ascii_lines(3_000)  # > 64 KB: the head is valid UTF-8
    assert len(head) > db.ingest.HEAD_BYTES
    tail = '{"text": "中文记录，有5家公司。"}\n'.encode("gb18030")
    f = tmp_path / "mixed.jsonl"
    f.write_bytes(head + tail)
    conn = open_db(tmp_path / "t.db")
    positions: list[int] = []
    result = ingest_file(conn, str(f), progress=positions.append)
    assert result.error is None and result.added == 3_001
    last = conn.execute("SELECT text FROM documents ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert last == "中文记录，有5家公司。"
    assert positions[-1] == f.stat().st_size


def test_undecodable_half_way_is_a_clean_error_naming_the_line(tmp_path):
    f = tmp_path / "broken.jsonl"
    f.write_bytes(_ascii_lines(3_000) + b'{"text": "\x81\x30\xff\xff"}\n')
    conn = open_db(tmp_path / "t.db")
    result = ingest_file(conn, str(f))
    assert str(result.error) == (
        f"{f}:3001: cannot decode as UTF-8, GB18030 or Big5 (use --encoding to name the encoding)"
    )
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_bad_record_after_many_blocks_rolls_the_whole_file_back(tmp_path, monkeypatch):
    monkeypatch.setattr(db.ingest, "BLOCK_BYTES", 4096)
    f = tmp_path / "big.jsonl"
    f.write_bytes(_ascii_lines(2_000) + b'{"text": "ok"\n')
    conn = open_db(tmp_path / "t.db")
    result = ingest_file(conn, str(f))
    assert str(result.error).startswith(f"{f}:2001: malformed JSON")
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    assert search_pending_count(conn) == 0


def test_long_single_file_shows_a_progress_bar(tmp_path, monkeypatch):
    import tui.cli

    monkeypatch.setattr(tui.cli, "PROGRESS_BYTES", 1_000)
    f = tmp_path / "one.jsonl"
    f.write_bytes(_ascii_lines(100))
    r = run(tmp_path / "t.db", f)
    assert r.exit_code == 0, r.output
    assert "Importing" in r.stderr
    last = r.stdout.splitlines()[-1]
    assert last == "100 documents added, 0 skipped as duplicates, 0 files failed"


# --------------------------------------------------------------------------- search index


def _claim_per_doc(conn) -> None:
    with transaction(conn):
        conn.execute(
            'INSERT INTO claims (doc_id, quantity_text, start, "end", sentence_start,'
            " sentence_end, created_at) SELECT id, substr(text, 1, 1), 0, 1, 0, length(text), 'x'"
            " FROM documents"
        )


def _found(conn, query: str) -> set[int]:
    from db.review import search

    return {h["doc_id"] for h in search(conn, query, fields=["subject"]) if h["where"] == "text"}


def test_deferred_index_search_finds_everything_before_and_after_the_fill(tmp_path, monkeypatch):
    import tui.cli

    monkeypatch.setattr(tui.cli, "DEFER_INDEX_BYTES", 0)
    f = tmp_path / "docs.jsonl"
    docs = ["上海市政府今天宣布，有3家医院", "北京大学附属医院接诊5人", "全市共有十余家医院参与"]
    f.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in docs))
    r = run(tmp_path / "t.db", f)
    assert r.exit_code == 0, r.output
    assert "search index: 3 documents queued" in r.stderr
    conn = open_db(tmp_path / "t.db")
    _claim_per_doc(conn)
    expected = {
        "医院": {1, 2, 3},
        "医": {1, 2, 3},
        "附属医院": {2},
        "上海市政府": {1},
        "无此词": set(),
    }
    assert search_pending_count(conn) == 3
    assert {q: _found(conn, q) for q in expected} == expected
    with transaction(conn):
        assert fill_search_index(conn, limit=2) == 2
    assert {q: _found(conn, q) for q in expected} == expected  # half indexed, half scanned
    with transaction(conn):
        assert fill_search_index(conn) == 1
    assert search_pending_count(conn) == 0
    assert {q: _found(conn, q) for q in expected} == expected
    fts = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid"
    assert [r[0] for r in conn.execute(fts, ('"附属医院"',))] == [2]
    conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")


def test_deleting_and_editing_queued_and_indexed_documents_keeps_the_index_sound(tmp_path):
    conn = open_db(tmp_path / "t.db")
    for i, text in enumerate(["第一篇文章内容", "第二篇文章内容", "第三篇文章内容"]):
        f = tmp_path / f"{i}.txt"
        f.write_text(text, encoding="utf-8")
        assert ingest_file(conn, str(f), index=i == 0).error is None
    assert search_pending_count(conn) == 2
    with transaction(conn):
        conn.execute("DELETE FROM documents WHERE id IN (1, 2)")  # one indexed, one queued
        conn.execute("UPDATE documents SET text = '改过的文章内容' WHERE id = 3")
        fill_search_index(conn)
    conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")
    fts = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?"
    assert [r[0] for r in conn.execute(fts, ('"改过的"',))] == [3]
    assert conn.execute(fts, ('"第一篇"',)).fetchall() == []


def test_insert_records_for_importers_of_other_formats(tmp_path):
    from db.ingest import Record, insert_records, read_file

    f = tmp_path / "a.jsonl"
    f.write_text('{"text": "第一篇3人"}\n{"text": "第一篇3人"}\n{"text": "第二篇"}\n', "utf-8")
    conn = open_db(tmp_path / "t.db")
    assert insert_records(conn, read_file(str(f))) == (2, 1)
    assert insert_records(conn, [Record(source="x", text="第三篇")]) == (1, 0)
    assert search_pending_count(conn) == 0
    fts = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?"
    assert [r[0] for r in conn.execute(fts, ('"第三篇"',))] == [3]
