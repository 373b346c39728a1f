"""What a new user met in the ninth session's QA pass, one test (or table) per defect.

1. A command on a database another program holds locked waited about a minute in silence,
   then printed ``database error: database is locked`` without the file: it now says at once,
   once, that it waits (and how long at most), and ends with one line naming the file.
2. History summarised the extractor's proposal as ``qualifier==`` (``field=value`` with the
   value ``=``): it reads ``qualifier: = (exactly)``, and a change ``= (exactly) → > (more
   than)``.
3. The progress line said ``saving…`` while the filter form loaded its rules (and on every move
   and panel): nothing was being saved. Reads say ``loading…``; only writes say ``saving…``.
4. Span mode's two-key hint labels under one-character words ran together (``=7=8`` in one
   colour): neighbouring labels now alternate two colours, each still under its word.
5. ``ingest`` of a file with a bad line (or of nothing importable) still created the database,
   empty: a first import that imports nothing now leaves no file behind (and says so), so the
   next command says "no such database" instead of working on an empty one. ``extract
   --db`` with a mistyped name created an empty database and said "every document is
   extracted": it now says there is no such database (tests/test_cli_extract.py).
6. tests/test_extract_dask.py's cluster left ``OMP_NUM_THREADS=1``, ``PYTHONHASHSEED=6640``,
   ``MALLOC_TRIM_THRESHOLD_`` and more in the xdist worker's environment for every later test:
   its ``local_cluster`` now puts each back through ``monkeypatch``.
7. (The README's screenshot of the claim list, from before the flag column: regenerated from
   the real app in tmux at 110×30 for the lead; no code, no test.)

Found on the way (the new-user pass):

8. After a pick, ``b`` back and ``u`` undo, the card's picks stayed on the next field (``time``)
   though the undo had given the subject back to the extractor's proposal: the focus is chosen
   again whenever the fields a reviewer set on the claim change.
9. A search hit in document text broke its snippet onto a second line at the snippet's first
   space, so the hit's own row looked empty (``text  doc 1  claim 1`` and nothing): one hit,
   one line, cut with ``…``.
10. A folder named to ``ingest`` that holds no file to import was skipped in silence beside
    other paths (alone: "no importable files found", without its name): it is now one error
    line naming the folder, and the run exits 1.
11. After span mode, where the document keeps the focus (at 60×20 and 80×24 the list is not
    beside it), opening a form or panel (``e``, ``/``) filled the footer under it with span
    mode's keys (``shift+→ Extend → s Subject p Predicate``): the footer keeps the review keys
    while a modal is on top.
12. A keymap with a typo in a binding id (``review.acept``) was told to look the ids up in the
    help panel: it now says ``did you mean 'review.accept'?``.
13. ``ingest`` of a claims file (an export, the gold) said only "record has no text": it now
    says it looks like claims and names ``ingest --claims`` and ``eval``.
14. The document picker (``d``) gave a document's source a third of the row beside
    ``(untitled)``: a corpus of records without titles read ``thucnew…  (untitled)`` on
    every row at 60 columns. Without a title the source gets the room.
"""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import threading
import time

import pytest
from click.testing import CliRunner
from rich.cells import cell_len
from textual.widgets import Static

from db import connection
from db.connection import open_db, transaction
from db.errors import LockedError, StorageError, describe, is_locked, unsaved
from tests.conftest import SEED_ARTICLE
from tests.test_issue14_bugs import history_after_edit
from tests.test_review_app import screen_text
from tests.test_review_helpers import add_claim, add_document, build_review_db
from tests.test_span_mode import enter_span
from tui.app import make_app
from tui.cli import cli
from tui.screens.panels import proposal_summary
from tui.widgets.document_view import DocumentView

# --------------------------------------------------------------------------- 1: a locked database


@pytest.fixture
def quick_locks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands give up on a lock after about 2.5 s (0.3 s × 6 and the pauses), not a minute;
    each test starts as a fresh process would (no waiting notice given yet)."""
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 300)
    monkeypatch.setattr(connection, "_noticed", False)


def hold_lock(db_path, seconds: float) -> threading.Thread:
    """Another writer: holds the database's write lock for ``seconds`` (from a thread)."""
    taken = threading.Event()

    def run() -> None:
        c = sqlite3.connect(db_path, isolation_level=None)
        c.execute("BEGIN IMMEDIATE")
        taken.set()
        time.sleep(seconds)
        c.execute("ROLLBACK")
        c.close()

    t = threading.Thread(target=run, daemon=True)
    t.start()
    assert taken.wait(10)
    return t


def ingest(db_path):
    return CliRunner().invoke(cli, ["ingest", str(SEED_ARTICLE), "--db", str(db_path)])


def doc_count(db_path) -> int:
    c = open_db(db_path)
    try:
        return c.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        c.close()


def test_a_command_on_a_locked_database_says_once_it_waits_then_one_line_naming_the_file(
    db_path, quick_locks
):
    open_db(db_path).close()
    holder = hold_lock(db_path, 6)
    result = ingest(db_path)
    holder.join()
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 1
    assert len(lines) == 2, lines
    assert lines[0].startswith("claimdesk: ") and str(db_path) in lines[0]
    assert "locked by another program" in lines[0] and "waiting up to 3 s" in lines[0]
    assert lines[1].startswith(f"Error: {db_path}: ") and "nothing was written" in lines[1]
    assert "Traceback" not in result.output
    assert doc_count(db_path) == 0


def test_a_command_that_gets_the_lock_while_waiting_goes_on(db_path, quick_locks):
    open_db(db_path).close()
    holder = hold_lock(db_path, 1.0)
    result = ingest(db_path)
    holder.join()
    assert result.exit_code == 0, result.output
    assert result.stderr.count("waiting up to") == 1
    assert doc_count(db_path) == 1


def test_a_command_on_a_free_database_says_nothing_of_waiting(db_path, quick_locks):
    result = ingest(db_path)
    assert result.exit_code == 0 and result.stderr == ""


def test_the_review_app_is_not_told_on_standard_error(db_path, quick_locks):
    """Outside a command (the review app's worker threads) no notice is written: the app
    says it on its screen; a lock held throughout ends in LockedError, still an
    OperationalError, as the app's session expects."""
    c = open_db(db_path)
    c.execute("PRAGMA busy_timeout = 20")
    holder = hold_lock(db_path, 1.5)
    try:
        with pytest.raises(LockedError) as caught, transaction(c):
            pass
    finally:
        holder.join()
        c.close()
    assert isinstance(caught.value, sqlite3.OperationalError)
    assert connection._noticed is False


@pytest.mark.parametrize(
    ("exc", "kind", "words"),
    [
        (sqlite3.OperationalError("database is locked"), "busy", "locked by another program"),
        (LockedError("x.db", 60), "busy", "locked by another program"),
        (StorageError("x.db: the disk is full"), "error", "x.db: the disk is full"),
        (sqlite3.OperationalError("no such table: claims"), "error", "no such table"),
        (sqlite3.DatabaseError("file is not a database"), "error", "damaged"),
    ],
)
def test_one_place_words_a_failed_write_for_the_app(exc, kind, words):
    got_kind, message = unsaved(exc)
    assert got_kind == kind and words in message and "nothing was saved" in message


@pytest.mark.parametrize(
    ("message", "locked", "words"),
    [
        ("database is locked", True, "locked by another program"),
        ("database is busy", True, "locked by another program"),
        ("database or disk is full", False, "the disk is full"),
        ("attempt to write a readonly database", False, "cannot write to the database"),
        ("disk I/O error", False, "cannot write to the disk"),
    ],
)
def test_describe_names_each_storage_failure(message, locked, words):
    exc = sqlite3.OperationalError(message)
    assert is_locked(exc) is locked
    assert words in describe(exc)


# --------------------------------------------------------------------------- 2: history summary


@pytest.mark.parametrize(
    ("proposal", "want"),
    [
        ({"qualifier": "="}, "qualifier: = (exactly)"),
        ({"qualifier": ">="}, "qualifier: >= (at least)"),
        ({"qualifier": "~", "unit": ""}, "unit: —; qualifier: ~ (about)"),
        ({"subject": "甲公司，乙公司", "value": 3.0}, "value: 3; subject: 甲公司，乙公司"),
        ({"value": 10000000.0}, "value: 10,000,000"),
        ({"value": 1.5}, "value: 1.5"),
        ({"object": None}, "object: —"),
    ],
)
def test_the_history_summary_reads_as_field_colon_value(proposal, want):
    assert proposal_summary(json.dumps(proposal, ensure_ascii=False)) == want


async def test_the_history_panel_shows_a_qualifier_readably(tmp_path):
    async with history_after_edit(tmp_path, {"qualifier": ">"}) as app:
        text = screen_text(app)
        assert "qualifier==" not in text
        assert "qualifier: = (exactly) → > (more than)" in text  # the decision's change
        summary = next(
            str(w.content)
            for w in app.screen.query(Static)
            if "original proposal" in str(w.content)
        )
        assert "value: 10,000,000; unit: 元; qualifier: = (exactly); subject: " in summary


# --------------------------------------------------------------------------- 3: saving… / loading…


async def wait_for(pilot, done, limit: int = 600) -> None:
    """Let the app run until ``done()`` holds (bounded, never a fixed pause)."""
    for _ in range(limit):
        if done():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never got there")


@pytest.mark.parametrize(
    ("key", "method", "mark"),
    [
        ("f", "rules", "loading…"),  # the filter form loads the rule names
        ("h", "history", "loading…"),
        ("j", "move", "loading…"),
        ("a", "decide", "saving…"),
        ("m", "flag", "saving…"),
    ],
)
async def test_the_progress_line_says_saving_only_for_a_write(tmp_path, key, method, mark):
    path = tmp_path / "r.db"
    build_review_db(path)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        gate = threading.Event()
        real = getattr(screen.session, method)

        def held(*args, **kwargs):
            gate.wait(30)
            return real(*args, **kwargs)

        setattr(screen.session, method, held)
        await app._press_keys([key])
        if key == "m":  # the note form first; Enter flags with no note
            await wait_for(pilot, lambda: app.screen is not screen and app.focused is not None)
            await app._press_keys(["enter"])  # not pilot.press: it waits for the held worker
        await wait_for(pilot, lambda: screen.pending_actions == 1)
        text = screen_text(app)
        other = "saving…" if mark == "loading…" else "loading…"
        assert mark in text and other not in text
        gate.set()
        await wait_for(pilot, lambda: screen.pending_actions == 0)
        await pilot.pause()
        text = screen_text(app)
        assert "saving…" not in text and "loading…" not in text


# --------------------------------------------------------------------------- 4: hint labels apart

#: Eleven words and more (so two-key labels), several of one character side by side at its end.
LONG = "甲公司、乙公司、丙公司、丁公司今年共同投资了新项目，我和你与他共投了三千万元。"


async def test_two_key_hint_labels_never_run_together(tmp_path):
    path = tmp_path / "long.db"
    conn = open_db(path)
    doc = add_document(conn, LONG, "long", "long.txt")
    add_claim(conn, doc, LONG, "三千万元", value=3e7, unit="元", subject="甲公司")
    conn.commit()
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await enter_span(screen, pilot, home=False)
        view = screen.query_one(DocumentView)
        words = screen.span.words
        by_offset = {words[w][0]: label for label, w in screen.span_labels.items()}
        # the case that ran together: two-key labels of adjacent one-character words
        adjacent = [
            (a, b)
            for a, b in itertools.pairwise(sorted(by_offset))
            if len(by_offset[a]) == 2 and b - a == 1
        ]
        assert adjacent, by_offset
        for line in sorted({view.line_of(o) for o in by_offset}):
            a, b = view.lines[line]
            hint = view.render_hint_line(line)
            text = view.render_text_line(line).plain
            placed = []  # (column, label, its style) in reading order
            for o in sorted(o for o in by_offset if a <= o < b):
                label = by_offset[o]
                column = cell_len(text[: o - a])
                if placed and placed[-1][0] + len(placed[-1][1]) > column:
                    column = placed[-1][0] + len(placed[-1][1])  # pushed by the one before
                assert hint.plain[column : column + len(label)] == label, (label, hint.plain)
                placed.append((column, label, style_at(hint, column)))
            for (c1, l1, s1), (c2, _l2, s2) in itertools.pairwise(placed):
                if c1 + len(l1) == c2:  # touching: told apart by their colours
                    assert s1 != s2, (l1, hint.plain)
        # the two-key labels of adjacent one-character words sit right under their words
        a, b = adjacent[0]
        line = view.line_of(a)
        text = view.render_text_line(line).plain
        hint = view.render_hint_line(line).plain
        start = view.lines[line][0]
        for o in (a, b):
            column = cell_len(text[: o - start])
            assert hint[column : column + 2] == by_offset[o]


def style_at(text, column: int):
    """The style of the cell at ``column`` of a one-line Text of one-cell characters."""
    return next(span.style for span in text.spans if span.start <= column < span.end)


# --------------------------------------------------------------------------- 5: no empty database

INPUTS = {
    "bad-line.jsonl": '{"text": "甲公司投资了3000万元。"}\n{bad\n',
    "empty.txt": "",
    "blank.txt": "  \n\n",
    "wrong.txt": b"\xff\xfe\x00\xd8bad",
    "broken.csv": 'title,text\n"a,"unterminated\n',
}


@pytest.mark.parametrize("name", [*INPUTS, "missing.txt", "folder-without-texts"])
def test_a_first_import_of_nothing_leaves_no_database(tmp_path, name):
    target = tmp_path / name
    if name == "folder-without-texts":
        target.mkdir()
        (target / "notes.pdf").write_bytes(b"%PDF")
    elif name in INPUTS:
        data = INPUTS[name]
        target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    db = tmp_path / "new.db"
    result = CliRunner().invoke(cli, ["ingest", str(target), "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("new.db")) == []


def test_labelstudio_import_of_broken_json_leaves_no_database(tmp_path):
    bad = tmp_path / "tasks.json"
    bad.write_text('[{"data": {"text": "甲"}', encoding="utf-8")
    db = tmp_path / "new.db"
    result = CliRunner().invoke(cli, ["ingest", "--from", "labelstudio", str(bad), "--db", str(db)])
    assert result.exit_code == 1 and "malformed JSON" in result.output
    assert not db.exists()


def test_a_good_file_beside_a_bad_one_keeps_the_database_with_the_good_one(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(INPUTS["bad-line.jsonl"], encoding="utf-8")
    db = tmp_path / "new.db"
    result = CliRunner().invoke(cli, ["ingest", str(bad), str(SEED_ARTICLE), "--db", str(db)])
    assert result.exit_code == 1 and "1 document added" in result.output
    assert doc_count(db) == 1


def test_a_failed_import_into_an_existing_database_keeps_it(tmp_path):
    db = tmp_path / "old.db"
    open_db(db).close()  # made by an earlier command, even if still empty
    bad = tmp_path / "bad.jsonl"
    bad.write_text(INPUTS["bad-line.jsonl"], encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(bad), "--db", str(db)])
    assert result.exit_code == 1 and db.exists() and doc_count(db) == 0


def test_the_next_command_says_there_is_no_database(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(INPUTS["bad-line.jsonl"], encoding="utf-8")
    db = tmp_path / "new.db"
    first = CliRunner().invoke(cli, ["ingest", str(bad), "--db", str(db)])
    assert f"{db}: not created (nothing was imported)" in first.stderr
    for command in (["extract"], ["stats"], ["export"]):
        result = CliRunner().invoke(cli, [*command, "--db", str(db)])
        assert result.exit_code == 1 and "no such database" in result.output, command
    assert not db.exists()


# --------------------------------------------------------------------------- 6: dask's environment


def test_the_dask_test_cluster_leaves_the_environment_as_it_was():
    dask_tests = pytest.importorskip("tests.test_extract_dask")
    before = dict(os.environ)
    with dask_tests.local_cluster(1) as cluster:
        assert len(cluster.workers) == 1
        # the cluster did set its variables here (else this test would prove nothing)
        assert os.environ.get("__DASK_PARENT_PID") == str(os.getpid())
        assert os.environ.get("MALLOC_TRIM_THRESHOLD_") is not None
    assert dict(os.environ) == before


# --------------------------------------------------------------------------- 8: focus after undo


async def test_undo_of_a_pick_puts_the_focus_back_on_the_field_it_gave_back(tmp_path):
    from tests.test_alternatives import build_picks_db
    from tui.widgets.claim_card import ClaimCard

    path = tmp_path / "picks.db"
    ids = build_picks_db(path)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        card = screen.query_one(ClaimCard)
        assert screen.claim["id"] == ids[0] and card.picks.field == "all"
        await pilot.press("3")  # the subject's second option; saved, moves on
        await pilot.pause()
        assert screen.claim["id"] == ids[1]
        await pilot.press("b")  # back to the claim just fixed: the fields no one has set
        await pilot.pause()
        assert screen.claim["id"] == ids[0] and card.picks.field == "all"
        assert "subject" not in {o.field for o in card.picks.options}
        await pilot.press("u")  # the subject is the extractor's again
        await pilot.pause()
        assert screen.claim["id"] == ids[0] and screen.claim["status"] == "pending"
        assert card.picks.field == "all"
        assert [o.field for o in card.picks.options][:2] == ["subject", "predicate"]
        await pilot.press("right_square_bracket", "right_square_bracket")  # chosen by hand
        await pilot.pause()
        assert card.picks.field == "predicate"
        await pilot.press("h", "escape")  # the card drawn again, the claim as it was
        await pilot.pause()
        assert card.picks.field == "predicate"


# --------------------------------------------------------------------------- 9: search hits


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_a_text_hit_shows_its_snippet_on_its_own_line(tmp_path, size):
    from db.ingest import ingest_file

    path = tmp_path / "s.db"
    conn = open_db(path)
    ingest_file(conn, str(SEED_ARTICLE))
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        for ch in "人保":
            await pilot.press(ch)
        screen = app.screen
        await wait_for(pilot, lambda: bool(getattr(screen, "hits", [])))
        await pilot.pause()
        rows = [line for line in screen_text(app).splitlines() if "doc 1" in line]
        assert len(rows) == 1 and "…人民保险" in rows[0], rows


# --------------------------------------------------------------------------- 10: empty folder


@pytest.mark.parametrize(
    ("files", "fails"),
    [
        ([], True),
        (["notes.pdf", ".hidden.txt"], True),
        (["sub/a.txt"], False),
    ],
)
def test_a_folder_with_nothing_to_import_is_named(tmp_path, files, fails):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("甲公司有3家工厂。", encoding="utf-8")
    db = tmp_path / "t.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), str(SEED_ARTICLE), "--db", str(db)])
    said = f"error: {folder}: no files to import in this folder" in result.stderr
    assert said is fails and (result.exit_code == 1) is fails, result.output
    assert doc_count(db) == (1 if fails else 2)


# ------------------------------------------------------------------ 11: footer under a modal


@pytest.mark.parametrize("size", [(60, 20), (120, 40)])
@pytest.mark.parametrize("key", ["e", "slash", "h"])
async def test_the_footer_under_a_form_never_shows_span_mode_keys(tmp_path, size, key):
    path = tmp_path / "r.db"
    build_review_db(path)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("v")
        await pilot.pause()
        assert screen.span is not None and "Extend" in screen_text(app).splitlines()[-1]
        await pilot.press("escape")
        await pilot.pause()
        assert screen.span is None and "Accept" in screen_text(app).splitlines()[-1]
        await pilot.press(key)
        await wait_for(pilot, lambda: app.screen is not screen)
        await pilot.pause(0.3)
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Extend" not in footer and "Subject" not in footer, footer
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and "Accept" in screen_text(app).splitlines()[-1]


# --------------------------------------------------------------------------- 12: keymap typos


@pytest.mark.parametrize(
    ("given", "hint"),
    [
        ("review.acept", "(did you mean 'review.accept'?)"),
        ("review.rejct", "(did you mean 'review.reject'?)"),
        ("acept", "(did you mean 'review.accept'?)"),
        ("span.subjct", "(did you mean 'span.subject'?)"),
        ("review.nope", "(the help panel, ?, lists the ids)"),
        ("zzz", "(the help panel, ?, lists the ids)"),
    ],
)
def test_a_misspelt_binding_id_gets_its_likely_name(tmp_path, given, hint):
    from db.errors import ClaimdeskError
    from tui.keymap import load

    keymap = tmp_path / "keymap.toml"
    keymap.write_text(f'"{given}" = "y"\n', encoding="utf-8")
    with pytest.raises(ClaimdeskError) as caught:
        load(str(keymap))
    assert str(caught.value) == f"{keymap}:1: unknown binding id {given!r} {hint}"


# ------------------------------------------------------------------ 13: claims as documents


@pytest.mark.parametrize(
    ("record", "hinted"),
    [
        ({"doc": "a.txt", "surface": "3家", "value": 3}, True),  # a gold line
        ({"claim_id": 1, "quantity_text": "3家"}, True),  # an export
        ({"title": "新闻"}, False),  # a document without its text
    ],
)
def test_claims_given_as_documents_are_named_as_claims(tmp_path, record, hinted):
    f = tmp_path / "x.jsonl"
    f.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(f), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 1
    line = next(x for x in result.stderr.splitlines() if x.startswith("error:"))
    assert line.startswith(f"error: {f}:1: record has no text")
    assert ("`ingest --claims`" in line) is hinted


# --------------------------------------------------------------------------- 14: untitled documents


@pytest.mark.parametrize(
    ("title", "width", "want"),
    [
        ("", 56, "     1 thucnews-val-0000 "),  # the source whole, no "(untitled)"
        ("", 80, "     1 thucnews-val-0000 "),
        ("某公司年报", 80, "     1 thucnews-val-0000  某公司年报"),
        ("中国人保捐资上海一千万元用于防疫", 56, "     1 thucnews…  中国人保捐资上海…"),
    ],
)
def test_a_picker_row_without_a_title_gives_its_source_the_room(title, width, want):
    from tui.widgets.document_list import row_text

    row = {"id": 1, "ordinal": 1, "source": "thucnews-val-0000", "title": title,
           "claims": 6, "pending": 6}  # fmt: skip
    text = row_text(row, width)  # type: ignore[arg-type]
    assert text.plain.startswith(want) and text.cell_len <= width
    assert "(untitled)" not in text.plain and text.plain.endswith("6 claims · 6 pending")
