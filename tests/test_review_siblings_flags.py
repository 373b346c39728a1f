"""Pilot tests of apply-to-siblings (g / *) and flags (m / !), through ``tui.app.make_app``.

Each test has its own database (tests/test_siblings.py's ``build``); what the keys committed is
read back through a fresh connection.
"""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, Input

from db.connection import open_db
from tests.conftest import notified
from tests.test_review_app import screen_text
from tests.test_siblings import build
from tui.app import ReviewCommands, make_app
from tui.screens.edit import ClaimForm
from tui.screens.flag import FlagScreen
from tui.screens.panels import FilterScreen, HelpScreen, HistoryScreen
from tui.screens.review import ReviewScreen
from tui.widgets.claim_card import ClaimCard
from tui.widgets.claim_list import ClaimList


@pytest.fixture
def setup(tmp_path):
    path = tmp_path / "pilot.db"
    return path, build(path)


def read(path, sql: str, params=()) -> list[tuple]:
    conn = open_db(path)
    try:
        return [tuple(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def status_of(path, ids, names) -> list[str]:
    return [read(path, "SELECT status FROM claims WHERE id = ?", (ids[n],))[0][0] for n in names]


async def review_screen(app, pilot) -> ReviewScreen:
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


async def goto(screen: ReviewScreen, pilot, claim_id: int) -> None:
    await screen._act(lambda: screen.session.goto(claim_id))
    await pilot.pause()
    assert screen.claim["id"] == claim_id


def notes(app) -> list[str]:
    return notified(app)  # raised during the test, shown or timed out


@pytest.mark.parametrize("key", ["g", "asterisk"])
async def test_edit_then_g_corrects_the_siblings_and_u_takes_them_back(setup, key):
    path, ids = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await review_screen(app, pilot)
        assert screen.claim["id"] == ids["a0"]
        card = screen.query_one(ClaimCard)
        assert card.border_subtitle == ""
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClaimForm)
        form.query_one("#f-subject", Input).value = "上证指数"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert card.border_subtitle == "g: apply to 2 siblings"
        assert "g: apply to 2 siblings" in screen_text(app)
        await pilot.press(key)
        await pilot.pause()
        assert card.border_subtitle == ""  # nothing left on offer
        assert any("Corrected 2 siblings" in m for m in notes(app))
        rows = read(path, "SELECT id, subject, status, edited FROM claims ORDER BY id")
        by_id = {r[0]: r[1:] for r in rows}
        for n in ("a1", "a4"):
            assert by_id[ids[n]] == ("上证指数", "accepted", 1)
        assert by_id[ids["a2"]] == ("甲公司", "pending", 0)  # another subject
        assert by_id[ids["a3"]] == ("收报", "accepted", 0)  # decided before
        assert by_id[ids["b0"]] == ("收报", "pending", 0)  # another document
        group = read(path, "SELECT DISTINCT group_id FROM decisions WHERE action = 'edit'"
                     " AND claim_id IN (?, ?)", (ids["a1"], ids["a4"]))  # fmt: skip
        assert len(group) == 1 and group[0][0] is not None
        await pilot.press("u")
        await pilot.pause()
        assert status_of(path, ids, ["a0", "a1", "a4"]) == ["accepted", "pending", "pending"]
        assert card.border_subtitle == "g: apply to 2 siblings"  # on offer again


@pytest.mark.parametrize("key", ["g", "asterisk"])
async def test_reject_then_g_rejects_the_same_surface_and_rule(setup, key):
    path, ids = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await review_screen(app, pilot)
        await goto(screen, pilot, ids["r0"])
        await pilot.press("x")
        await pilot.pause()
        assert screen.query_one(ClaimCard).border_subtitle == "g: apply to 3 siblings"
        await pilot.press(key)
        await pilot.pause()
        assert status_of(path, ids, [f"r{n}" for n in range(5)]) == [
            "rejected", "rejected", "rejected", "rejected", "pending",
        ]  # fmt: skip
        assert screen.claim["id"] == ids["r4"]  # moved on past the decided siblings
        await pilot.press("backspace")  # undo: the whole group
        await pilot.pause()
        assert status_of(path, ids, [f"r{n}" for n in range(4)]) == [
            "rejected", "pending", "pending", "pending",
        ]  # fmt: skip


async def test_g_with_nothing_on_offer_says_so_and_writes_nothing(setup):
    path, _ids = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await review_screen(app, pilot)
        await pilot.press("a", "g")
        await pilot.pause()
        assert any("Nothing to apply to siblings" in m for m in notes(app))
    assert read(path, "SELECT action FROM decisions") == [("accept",)]


async def test_g_on_a_locked_database_is_busy_and_saves_nothing(setup):
    path, ids = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await review_screen(app, pilot)
        await goto(screen, pilot, ids["r0"])
        await pilot.press("x")
        await pilot.pause()
        before = read(path, "SELECT id, status FROM claims ORDER BY id")
        n = len(read(path, "SELECT id FROM decisions"))
        screen.session.conn.execute("PRAGMA busy_timeout = 10")
        lock = open_db(path)
        lock.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("g")
            await pilot.pause()
            await screen.workers.wait_for_complete()
            assert any("nothing was saved" in m for m in notes(app))
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        assert read(path, "SELECT id, status FROM claims ORDER BY id") == before
        assert len(read(path, "SELECT id FROM decisions")) == n


@pytest.mark.parametrize("key", ["m", "exclamation_mark"])
async def test_flag_with_a_note_then_unflag(setup, key):
    path, ids = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await review_screen(app, pilot)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, FlagScreen)
        await pilot.press(*"ax")  # letters type into the note; they decide nothing
        app.screen.query_one("#note", Input).value = "[b]look[/b] \x1b]2;t\x07"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and screen.claim["id"] == ids["a0"]  # no move
        assert read(
            path, "SELECT flagged, note, status FROM claims WHERE id = ?", (ids["a0"],)
        ) == [(1, "[b]look[/b] \x1b]2;t\x07", "pending")]
        text = screen_text(app)
        assert "⚑ flagged" in text  # the card's title
        claims = screen.query_one(ClaimList)
        row = claims.row(0)
        assert row is not None
        assert claims.render_row(row, 60).plain.startswith("· ⚑")  # the list's flag column
        # an edited claim keeps its edit mark beside the flag (the flag replaced it once)
        assert claims.render_row({**row, "edited": 1}, 60).plain.startswith("·✎⚑")
        assert claims.render_row({**row, "flagged": 0}, 60).plain.startswith("·  ")
        assert "note: [b]look[/b] ␛]2;t␇" in text  # as text: no markup, controls visible
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert "flagged: [b]look[/b] ␛]2;t␇" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press(key)  # on a flagged claim: unflag at once
        await pilot.pause()
        assert read(path, "SELECT flagged, note FROM claims WHERE id = ?", (ids["a0"],)) == [
            (0, "")
        ]
        await pilot.press("h")
        await pilot.pause()
        assert "unflagged" in screen_text(app)
        await pilot.press("escape", "u")  # undo the unflag
        await pilot.pause()
        assert read(path, "SELECT flagged FROM claims WHERE id = ?", (ids["a0"],)) == [(1,)]
    assert [r[0] for r in read(path, "SELECT action FROM decisions ORDER BY id")] == [
        "flag", "flag", "undo",
    ]  # fmt: skip


async def test_escape_in_the_flag_form_writes_nothing(setup):
    path, _ids = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await review_screen(app, pilot)
        await pilot.press("m", "n", "o", "escape")
        await pilot.pause()
        assert app.screen is screen
    assert read(path, "SELECT count(*) FROM decisions") == [(0,)]
    assert read(path, "SELECT count(*) FROM claims WHERE flagged = 1") == [(0,)]


async def test_filter_form_shows_only_flagged_claims(setup):
    path, ids = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await review_screen(app, pilot)
        await goto(screen, pilot, ids["a4"])
        await pilot.press("m", "enter")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FilterScreen)
        form.query_one("#flagged", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.flt.flagged and screen.total == 1
        assert screen.claim["id"] == ids["a4"]
        assert "flagged=yes" in screen_text(app)


async def test_help_lists_the_new_keys(setup):
    path, _ids = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await review_screen(app, pilot)
        rows = {r[3]: r for r in screen.help_rows()}
        assert rows["review.siblings"][0] == "g *"
        assert rows["review.flag"][0] == "m !"
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        shown_ids = [r[3] for r in help_screen.rows]
        assert "review.siblings" in shown_ids and "review.flag" in shown_ids


async def test_command_palette_lists_and_runs_them(setup):
    path, ids = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await review_screen(app, pilot)
        commands = {title: run for title, _help, run in ReviewCommands(screen)._commands()}
        assert "review: siblings" in commands and "review: flag" in commands
        await commands["review: flag"]()
        await pilot.pause()
        assert isinstance(app.screen, FlagScreen)
        await pilot.press("enter")
        await pilot.pause()
        await commands["review: siblings"]()  # nothing on offer: a message
        await pilot.pause()
        assert any("Nothing to apply" in m for m in notes(app))
    assert read(path, "SELECT id, note FROM claims WHERE flagged = 1") == [(ids["a0"], "")]
