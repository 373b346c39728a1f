"""Regression tests for issue 13's review defects 1–3 and the worker-thread review screen.

The app is built by ``tui.app.make_app`` (as the CLI builds it) and driven with Pilot; what was
committed is read through a second connection.

1. Add, and an adjudication pick, on a locked database crashed the app (OperationalError).
2. Rich markup in user or document text crashed it (``[/x]`` in a search, as a reviewer's
   name, in an imported claim field) and ended ``stats`` in "internal error".
3. Control and escape sequences in document text, titles and names reached the terminal raw.
"""

from __future__ import annotations

import asyncio
import io
import json

import pytest
from click.testing import CliRunner
from rich.console import Console

from db import review, teams
from db.connection import open_db
from tests.conftest import notified
from tests.test_review_app import screen_text, start
from tests.test_review_helpers import (
    DOC2,
    add_claim,
    add_document,
    build_review_db,
    decisions,
)
from tests.test_teams import build
from tui.app import make_app
from tui.cli import cli
from tui.report import print_stats
from tui.screens.edit import ClaimForm
from tui.screens.panels import SearchScreen

#: An OSC sequence that renames a terminal window, a bell and a CSI colour change.
OSC = "\x1b]2;pwned\x07"
CSI = "\x1b[31m"


@pytest.fixture
def setup(tmp_path):
    path = tmp_path / "review.db"
    return path, build_review_db(path)


def lock(path):
    """Another process holding the write lock until ``ROLLBACK``."""
    blocker = open_db(path)
    blocker.execute("BEGIN IMMEDIATE")
    return blocker


def short_timeout(app) -> None:
    """Make the app give up on a lock quickly (the retries stay)."""
    app.conn.execute("PRAGMA busy_timeout = 20")


def notes(app) -> list[str]:
    return notified(app)  # raised during the test, shown or timed out


# --------------------------------------------------------------------------- defect 1


async def test_add_on_a_locked_database_shows_a_message_and_saves_nothing(setup):
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        short_timeout(app)
        await pilot.press("J", "n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClaimForm)
        await pilot.press(*"一千二百")
        await pilot.pause()
        blocker = lock(path)
        try:
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.is_running and app.screen is screen
            assert any("busy" in m and "nothing was saved" in m for m in notes(app))
        finally:
            blocker.execute("ROLLBACK")
        # the key again, once free: saved
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"一千二百", "ctrl+s")
        await pilot.pause()
        assert screen.claim["origin"] == "reviewer"
    assert [d["action"] for d in decisions(path)] == ["add"]


async def test_adjudication_pick_on_a_locked_database_shows_a_message(tmp_path):
    path = tmp_path / "team.db"
    ids = build(path, 3)
    check = open_db(path)
    asg = teams.Assignment(mode="overlap", per_claim=2)
    teams.judge(check, asg, ids[1], "ann", "accept")
    teams.judge(check, asg, ids[1], "bob", "reject")
    app = make_app(str(path), "lead", adjudicate=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        short_timeout(app)
        assert app.screen.claim["id"] == ids[1]
        blocker = lock(path)
        try:
            for key in ("1", "a", "x", "u"):
                await pilot.press(key)
                await pilot.pause()
                assert app.is_running
        finally:
            blocker.execute("ROLLBACK")
        assert sum("busy" in m for m in notes(app)) == 4
        assert review.get_claim(check, ids[1])["status"] == "pending"
        await pilot.press("1")
        await pilot.pause()
    assert review.get_claim(check, ids[1])["status"] == "accepted"
    check.close()


# --------------------------------------------------------------------------- the worker


async def test_keys_wait_while_a_write_is_pending_and_none_is_lost_or_doubled(setup):
    """A write waiting for a lock runs off the event loop (the test keeps running and sees
    the "saving…" mark); the keys pressed meanwhile apply in order once it is committed."""
    path, info = setup
    ids = info["ids"]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        app.conn.execute("PRAGMA busy_timeout = 60000")  # wait as long as it takes
        blocker = lock(path)
        await app._press_keys(["a"])  # returns once the key is sent, not when it is handled
        for _ in range(1200):  # until the write is under way (bounded, not timed)
            if screen.pending_actions and "saving…" in screen_text(app):
                break
            await asyncio.sleep(0.05)
        assert screen.pending_actions == 1
        assert screen.claim["id"] == ids[0]  # not moved: nothing committed yet
        assert "saving…" in screen_text(app)
        blocker.execute("ROLLBACK")
        await pilot.press("x", "a")  # queued behind the pending accept
        await pilot.pause()
        assert screen.pending_actions == 0
        assert screen.claim["id"] == ids[3]
    assert [(d["claim_id"], d["action"]) for d in decisions(path)] == [
        (ids[0], "accept"),
        (ids[1], "reject"),
        (ids[2], "accept"),
    ]


# --------------------------------------------------------------------------- defect 2


async def test_markup_in_a_search_is_searched_as_text(setup):
    path, _ = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"[/x]", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        assert "0 hits for '[/x]'" in screen_text(app)


async def test_a_reviewer_named_like_markup(setup):
    path, info = setup
    ids = info["ids"]
    app = make_app(str(path), reviewer="[/x]")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("a", "k")
        await pilot.pause()
        assert screen.claim["id"] == ids[0]
        assert "[/x] at" in screen_text(app)  # the card's "decided" line, as typed
        await pilot.press("a")  # already accepted by [/x]: refused with the name in it
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert "[/x]" in screen_text(app)
        assert app.is_running
    assert any("already accepted by [/x]" in m for m in notes(app))
    assert [d["reviewer"] for d in decisions(path)] == ["[/x]"]


async def test_imported_claim_fields_like_markup_are_shown_as_text(tmp_path):
    path = tmp_path / "m.db"
    conn = open_db(path)
    doc = add_document(conn, DOC2, "企业参与统计", "doc2.txt")
    conn.close()
    claims = tmp_path / "claims.jsonl"
    a = DOC2.index("一千二百家")
    rec = {
        "doc_source": "doc2.txt", "quantity_text": "一千二百家", "start": a, "end": a + 5,
        "value": 1200, "unit": "家", "subject": "[/subject]", "predicate": "[b]共有",
        "status": "accepted", "reviewer": "[red]x[/red]", "kind": "count",
    }  # fmt: skip
    claims.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", "--claims", str(claims), "--db", str(path)])
    assert result.exit_code == 0, result.output
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        assert screen.claim is None  # nothing pending: the empty state says so
        await pilot.press("j")  # browse to the decided claim
        await pilot.pause()
        assert screen.claim["doc_id"] == doc
        text = screen_text(app)
        assert "[/subject]" in text and "[b]共有" in text and "[red]x[/red]" in text
        await pilot.press("h")
        await pilot.pause()
        assert "[red]x[/red]" in screen_text(app)
    stats = CliRunner().invoke(cli, ["stats", "--db", str(path)], env={"COLUMNS": "250"})
    assert stats.exit_code == 0, stats.output
    assert "[red]x[/red]" in stats.output and "internal error" not in stats.output


# --------------------------------------------------------------------------- defect 3


async def test_control_sequences_are_shown_escaped_never_sent_raw(tmp_path):
    path = tmp_path / "esc.db"
    text = f"据统计{OSC}，全市共有一千二百家企业参与。{CSI}其中约三成来自浦东新区。"
    conn = open_db(path)
    doc = add_document(conn, text, f"标题{OSC}", f"src{CSI}.txt")
    claim = add_claim(conn, doc, text, "一千二百家", value=1200, unit="家", subject="全市")
    conn.close()
    app = make_app(str(path), reviewer=f"ann{CSI}")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        assert screen.claim["id"] == claim
        await pilot.press("a", "k")
        await pilot.pause()
        shown = screen_text(app)
        assert "\x1b" not in shown and "\x07" not in shown
        assert "␛]2;pwned␇" in shown  # in the document and the title, visibly
        assert "ann␛[31m" in shown  # the reviewer on the card
        # the highlight still sits on the quantity: one visible character per control code
        view = screen.query_one("DocumentView")
        assert view.text[screen.claim["start"] : screen.claim["end"]] == "一千二百家"
    out = io.StringIO()
    from db.stats import compute

    check = open_db(path)
    print_stats(compute(check), Console(file=out, width=200, force_terminal=True))
    check.close()
    printed = out.getvalue()
    assert "ann␛[31m" in printed and "]2;" not in printed.replace("␛]2;", "")
    assert "\x1b]2" not in printed and "\x07" not in printed


def test_the_visible_escape_keeps_offsets():
    from tui.text import shown, shown_line

    raw = "a\x1b]2;t\x07b\x9bc\u202ed\n\te\x00"
    out = shown(raw)
    assert len(out) == len(raw)
    assert out == "a␛]2;t␇b\ufffdc␦d\n\te␀"
    assert shown_line(raw).count("\n") == 0
    assert shown("[/x]") == "[/x]"  # markup is not a control code: Text() shows it as is


def test_stats_with_markup_and_escapes_in_names(tmp_path):
    path = tmp_path / "s.db"
    conn = open_db(path)
    doc = add_document(conn, DOC2, f"[/t]{OSC}", "[/src]")
    claim = add_claim(conn, doc, DOC2, "一千二百家", value=1200, rule="[/rule]")
    conn.close()
    conn = open_db(path)
    review.decide(conn, claim, f"[/x]{OSC}", "accept")
    conn.close()
    result = CliRunner().invoke(cli, ["stats", "--db", str(path)], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    assert "[/x]␛]2;pwned␇" in result.output and "[/rule]" in result.output
    assert "\x1b]2" not in result.output


@pytest.mark.parametrize("mode", ["split", "overlap", "adjudicate"])
async def test_every_review_key_on_a_locked_database_in_every_mode(tmp_path, mode):
    """Accept, reject, skip, undo (and a pick): a message each, nothing saved, no crash."""
    path = tmp_path / "team.db"
    ids = build(path, 3)
    check = open_db(path)
    kw: dict = {}
    if mode == "overlap":
        kw = {"mode": "overlap", "per_claim": 2}
    elif mode == "adjudicate":
        asg = teams.save_assignment(check, "overlap", 2)
        teams.judge(check, asg, ids[0], "ann", "accept")
        teams.judge(check, asg, ids[0], "bob", "reject")
        kw = {"adjudicate": True}
    app = make_app(str(path), "kim", **kw)
    keys = ["a", "x", "s", "u"] + (["1"] if mode == "adjudicate" else [])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        short_timeout(app)
        assert app.screen.claim["id"] == ids[0]
        before = check.execute("SELECT count(*) FROM decisions").fetchone()[0]
        blocker = lock(path)
        try:
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
                assert app.is_running and app.screen.claim["id"] == ids[0]
        finally:
            blocker.execute("ROLLBACK")
        assert sum("nothing was saved" in m for m in notes(app)) == len(keys)
        assert check.execute("SELECT count(*) FROM decisions").fetchone()[0] == before
        await pilot.press("x")  # once free, the key saves
        await pilot.pause()
    assert check.execute("SELECT count(*) FROM decisions").fetchone()[0] == before + 1
    check.close()
