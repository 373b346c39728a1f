"""Progress through one long document: the extractor reports it, the CLI shows it."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from extractor import extract
from tui.cli import cli

#: A sentence with one claim, and filler without numbers (written for this test).
CLAIM = "某公司营业收入达到120亿元。"
FILLER = "这是一段没有数字的说明文字，用来把文档拉长。" * 40


def _long_text(chars: int) -> str:
    block = CLAIM + FILLER
    return block * (chars // len(block) + 1)


def test_extract_reports_progress_up_to_the_whole_text() -> None:
    text = _long_text(30_000)
    calls: list[tuple[int, int]] = []
    found = extract(text, progress=lambda done, total: calls.append((done, total)))
    assert len(found) == text.count(CLAIM)
    assert calls[-1] == (len(text), len(text))
    assert all(total == len(text) for _, total in calls)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len(calls) <= 102


def test_cli_shows_progress_through_a_long_document(tmp_path) -> None:
    text = _long_text(210_000)
    source = tmp_path / "long.jsonl"
    source.write_text(json.dumps({"id": "long", "text": text}, ensure_ascii=False) + "\n")
    db = tmp_path / "t.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(source), "--db", str(db)]).exit_code == 0
    r = runner.invoke(cli, ["extract", "--db", str(db)])
    assert r.exit_code == 0, r.output
    lines = [line for line in r.stderr.splitlines() if line.startswith("long document")]
    assert lines[0].endswith(": 0%") and lines[-1].endswith(": 100%"), lines
    assert len(lines) == 11
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == text.count(CLAIM)
    conn.close()


def test_short_documents_show_no_document_progress(tmp_path) -> None:
    source = tmp_path / "short.jsonl"
    source.write_text(json.dumps({"id": "s", "text": CLAIM}, ensure_ascii=False) + "\n")
    db = tmp_path / "t.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(source), "--db", str(db)]).exit_code == 0
    r = runner.invoke(cli, ["extract", "--db", str(db)])
    assert r.exit_code == 0 and "long document" not in r.stderr
