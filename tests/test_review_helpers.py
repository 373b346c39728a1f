"""Shared builders for the review tests: small databases with claims inserted by SQL.

No jieba and no extractor: claims are placed by hand at real offsets of the seed article and
of two short Chinese texts, so every test knows exactly what the screen must show.
"""

from __future__ import annotations

import atexit
import copy
import hashlib
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

from db import schema
from db.connection import open_db, transaction
from tests.conftest import SEED_ARTICLE

NOW = "2024-05-01T00:00:00.000Z"

#: A second document: short sentences, quantities whose words are 1–2 characters long.
DOC2 = "据统计，全市共有一千二百家企业参与。其中约三成来自浦东新区。截至3月底，累计捐款1.5万元。"
#: A third document with a Latin word that must wrap whole.
DOC3 = (
    "Reuters报道称，该公司今年营收增长12%，达到350亿元。分析师认为，增长主要来自海外市场。"
    "另有超过200名员工参与了新项目的研发工作，项目周期约18个月。"
)


def seed_text() -> str:
    """The seed article, as stored."""
    return SEED_ARTICLE.read_text(encoding="utf-8").rstrip()


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (between 。！？) around a span."""
    s = start
    while s > 0 and text[s - 1] not in "。！？\n":
        s -= 1
    e = end
    while e < len(text) and text[e - 1] not in "。！？":
        e += 1
    return s, e


def span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    """Offsets of ``needle`` in ``text`` (at or after ``after``); fails loudly when absent."""
    i = text.index(needle, after)
    return i, i + len(needle)


def add_document(conn: sqlite3.Connection, text: str, title: str, source: str) -> int:
    """Insert a document; returns its id."""
    with transaction(conn):
        cur = conn.execute(
            "INSERT INTO documents (source, title, text, sha256, ingested_at, extracted_version)"
            " VALUES (?, ?, ?, ?, ?, 'test')",
            (source, title, text, hashlib.sha256(text.encode()).hexdigest(), NOW),
        )
    return cur.lastrowid


def add_claim(
    conn: sqlite3.Connection,
    doc_id: int,
    text: str,
    quantity: str,
    *,
    value: float,
    unit: str = "",
    qualifier: str = "=",
    kind: str = "count",
    subject: str = "",
    predicate: str = "",
    time_text: str = "",
    status: str = "pending",
    rule: str = "test.rule",
    after: int = 0,
) -> int:
    """Insert a claim at the first occurrence of ``quantity`` (at or after ``after``)."""
    a, b = span(text, quantity, after)
    s0, s1 = sentence_around(text, a, b)
    sentence = text[s0:s1]
    fields: dict[str, Any] = {
        "doc_id": doc_id,
        "quantity_text": quantity,
        "start": a,
        "end": b,
        "sentence_start": s0,
        "sentence_end": s1,
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        "kind": kind,
        "subject": subject,
        "predicate": predicate,
        "time_text": time_text,
        "status": status,
        "rule": rule,
        "confidence": 0.8,
        "extractor_version": "test",
        "created_at": NOW,
    }
    for name, value_text in (("subject", subject), ("predicate", predicate), ("time", time_text)):
        i = sentence.find(value_text) if value_text else -1
        if i >= 0:
            fields[f"{name}_start"], fields[f"{name}_end"] = s0 + i, s0 + i + len(value_text)
    if status != "pending":
        fields["reviewer"], fields["decided_at"] = "earlier", NOW
    cols = ", ".join(f'"{c}"' for c in fields)
    with transaction(conn):
        cur = conn.execute(
            f"INSERT INTO claims ({cols}) VALUES ({', '.join('?' * len(fields))})",
            list(fields.values()),
        )
    return cur.lastrowid


#: Databases :func:`build_review_db` built once in this process, copied for each test.
_TEMPLATES: dict[tuple[object, ...], tuple[Path, dict[str, Any]]] = {}
_TEMPLATE_DIR: Path | None = None


def build_review_db(path: Path, *, decided_first: int = 0) -> dict[str, Any]:
    """Three documents, nine claims in review order; the first ``decided_first`` accepted.

    The database is built once per test process (per ``decided_first``) and each test gets a
    copy of the file at ``path``: its own database, byte for byte the one a build would make
    (a build cost 9 ms of CPU, a copy 0.3). A ``path`` that already exists is built into
    as before.

    Returns:
        ``ids`` (claim ids in review order), ``docs`` (document ids) and ``texts``.
    """
    global _TEMPLATE_DIR
    path = Path(path)
    if path.exists():
        return _build_review_db(path, decided_first)
    key = (decided_first, open_db, schema.LATEST)  # a test patching either builds its own
    if key not in _TEMPLATES:
        if _TEMPLATE_DIR is None:
            _TEMPLATE_DIR = Path(tempfile.mkdtemp(prefix="claimdesk-review-db-"))
            atexit.register(shutil.rmtree, _TEMPLATE_DIR, True)
        template = Path(tempfile.mkstemp(".db", dir=_TEMPLATE_DIR)[1])
        template.unlink()  # a new file, built from nothing
        info = _build_review_db(template, decided_first)
        if any(template.with_name(template.name + s).exists() for s in ("-wal", "-journal")):
            return _build_review_db(path, decided_first)  # not one closed file: no copy
        _TEMPLATES[key] = (template, info)
    template, info = _TEMPLATES[key]
    shutil.copyfile(template, path)
    return copy.deepcopy(info)


def _build_review_db(path: Path, decided_first: int) -> dict[str, Any]:
    conn = open_db(path)
    seed = seed_text()
    d1 = add_document(conn, seed, "中国人保捐资上海", "seeds/000_b654cfa59472666d.txt")
    d2 = add_document(conn, DOC2, "企业参与统计", "test/doc2.txt")
    d3 = add_document(conn, DOC3, "年度财报速览", "test/doc3.txt")
    specs: list[tuple[int, str, str, dict[str, Any]]] = [
        (d1, seed, "1000万元", dict(value=1e7, unit="元", kind="money", rule="money",
                                   subject="中国人民保险集团股份有限公司", predicate="捐资",
                                   time_text="4月26日")),
        (d1, seed, "超过650名", dict(value=650, unit="名", qualifier=">",
                                     subject="中国人保上海区域工协", predicate="投入",
                                     time_text="目前")),
        (d1, seed, "超过8000小时", dict(value=8000, unit="小时", qualifier=">", kind="duration",
                                        predicate="志愿服务时长")),
        (d1, seed, "近71亿元", dict(value=7.1e9, unit="元", qualifier="~", kind="money",
                                    rule="money", subject="财险公司", predicate="提供")),
        (d1, seed, "近90%", dict(value=90, unit="%", qualifier="~", kind="percent",
                                 subject="95518客服条线", predicate="一次问题解决率")),
        (d2, DOC2, "一千二百家", dict(value=1200, unit="家", subject="全市", predicate="共有")),
        (d2, DOC2, "约三成", dict(value=30, unit="%", qualifier="~", kind="percent")),
        (d2, DOC2, "1.5万元", dict(value=15000, unit="元", kind="money", rule="money",
                                   predicate="累计捐款", time_text="截至3月底")),
        (d3, DOC3, "350亿元", dict(value=3.5e10, unit="元", kind="money", rule="money",
                                   subject="该公司", predicate="达到")),
    ]  # fmt: skip
    ids = []
    for i, (doc_id, text, quantity, kw) in enumerate(specs):
        status = "accepted" if i < decided_first else "pending"
        ids.append(add_claim(conn, doc_id, text, quantity, status=status, **kw))
    conn.close()
    return {"ids": ids, "docs": [d1, d2, d3], "texts": {d1: seed, d2: DOC2, d3: DOC3}}


def claim_row(path: Path, claim_id: int) -> dict[str, Any]:
    """A claim as stored (fresh connection, so it shows only what was committed)."""
    conn = open_db(path)
    try:
        row = conn.execute("SELECT * FROM claims WHERE id = ?", (claim_id,)).fetchone()
        return dict(row)
    finally:
        conn.close()


def decisions(path: Path) -> list[dict[str, Any]]:
    """Every decision row, oldest first (fresh connection)."""
    conn = open_db(path)
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM decisions ORDER BY id")]
    finally:
        conn.close()


def polls(limit: float = 120.0):
    """Yield until ``limit`` seconds have passed: a bound for a loop that waits for the app
    (``for _ in polls(): await pilot.pause(0.05); if done: break``). It is a guard against a
    hang, not a timing: a loaded machine gets all the time it needs."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        yield


async def search_in_app(app: Any, pilot: Any, query: str, key: str = "ctrl+f") -> None:
    """Open the app's search with ``key``, search ``query`` and wait until its hits have the
    focus (typing races the debounced search, so the query is run directly)."""
    from textual.widgets import Input

    from tui.screens.panels import SearchScreen

    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, SearchScreen)
    app.screen.query_one("#query", Input).value = query
    app.screen.run_search(query, then_focus=True)
    for _ in polls():
        await pilot.pause(0.05)
        if app.screen.hits and app.screen.query("OptionList:focus"):
            break
    assert app.screen.hits, "the search never answered"


def review_and_serve_with(monkeypatch, db_path: Path, flag: str) -> tuple[list[dict], list[str]]:
    """``review --db DB`` and ``review --db DB FLAG``, then ``serve --db DB`` and ``serve --db
    DB FLAG``, with the app and textual-serve's server faked: the keyword arguments
    ``make_app`` got for the two reviews, and the review command each serve gives its browser
    tabs."""
    import sys
    import types

    from click.testing import CliRunner

    import tui.app
    import tui.cli

    built: list[dict[str, Any]] = []
    monkeypatch.setattr(tui.app, "make_app", lambda *a, **kw: built.append(kw) or object())
    monkeypatch.setattr(tui.cli, "_run_app", lambda app: None)
    commands: list[str] = []

    class Server:
        def __init__(self, command: str, **kw: Any) -> None:
            commands.append(command)

        def serve(self) -> None:
            return None

    fake = types.ModuleType("textual_serve.server")
    fake.Server = Server  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "textual_serve", types.ModuleType("textual_serve"))
    monkeypatch.setitem(sys.modules, "textual_serve.server", fake)
    runner = CliRunner()
    for command in ("review", "serve"):
        for extra in ([], [flag]):
            result = runner.invoke(tui.cli.cli, [command, "--db", str(db_path), *extra])
            assert result.exit_code == 0, result.output
    return built, commands


def one_claim_db(path: Path, text: str, subject: str = "甲公司") -> int:
    """A database at ``path`` holding ``text`` as one document with one pending claim, its
    quantity 超过三千万元 (written in ``text``; 30,000,000 元): the claim's id."""
    from db.connection import open_db

    conn = open_db(path)
    doc = add_document(conn, text, path.stem, f"{path.stem}.txt")
    cid = add_claim(conn, doc, text, "超过三千万元", value=3e7, unit="元", subject=subject)
    conn.commit()
    conn.close()
    return cid
