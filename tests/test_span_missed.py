"""``N`` (or ``+``): the next number no claim holds, selected in span mode, added with a key.

Pilot tests through ``tui.app.make_app`` on the review test database
(tests/test_review_helpers.py), each checking what was committed (a fresh connection). DOC3
holds four numbers — 12%, 350亿元, 超过200名, 约18个月 — and only 350亿元 has a claim; every
number of DOC2 has one.
"""

from __future__ import annotations

import pytest

from tests.conftest import notified
from tests.test_review_app import screen_text
from tests.test_review_helpers import DOC3, build_review_db, claim_row, decisions
from tests.test_span_mode import lock, press, selected
from tui.app import ReviewCommands, make_app
from tui.screens.review import ReviewScreen
from tui.widgets.span_cursor import Segmentation, SpanCursor


@pytest.fixture
def setup(tmp_path):
    path = tmp_path / "review.db"
    return path, build_review_db(path)


async def at_doc(app, pilot, quantity: str) -> ReviewScreen:
    """The review screen on the pending claim whose quantity is ``quantity`` (``J`` from
    document to document)."""
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    for _ in range(3):
        if screen.claim["quantity_text"] == quantity:
            return screen
        await press(pilot, "J")
        await pilot.pause()
    raise AssertionError(f"no claim {quantity} reached with J")


def offsets(needle: str) -> tuple[int, int]:
    i = DOC3.index(needle)
    return i, i + len(needle)


# --------------------------------------------------------------------------- the cursor


def fake_cursor(claimed: list[tuple[int, int]]) -> SpanCursor:
    """Ten one-character words 0..9, the numbers at words 1, 4 and 7–8 (two words)."""
    seg = Segmentation(0, 10, words=[(k, k + 1) for k in range(10)], sentences=[(0, 10)],
                       quantities=[(1, 2), (4, 5), (7, 9)])  # fmt: skip
    cursor = SpanCursor("x" * 10, seg, 0)
    cursor.claimed = claimed
    return cursor


@pytest.mark.parametrize(
    ("claimed", "offset", "first", "jumps"),
    [
        # nothing claimed: every number, in order, wrapping round
        ([], 0, (1, 1), [(4, 4), (7, 8), (1, 1)]),
        # the number at 4 claimed: skipped; a claim that overlaps a number part-way too
        ([(4, 5)], 2, (7, 8), [(1, 1), (7, 8)]),
        ([(8, 9)], 2, (4, 4), [(1, 1), (4, 4)]),
        # only one left: the jump stays on it
        ([(1, 2), (7, 9)], 6, (4, 4), [(4, 4)]),
        # every number claimed: none
        ([(1, 2), (4, 5), (7, 9)], 0, None, [None]),
    ],
)
def test_missed_numbers_skip_claimed_ones_and_wrap_round(claimed, offset, first, jumps):
    cursor = fake_cursor(claimed)
    assert cursor.first_missed_after(offset) == first
    if first is None:
        assert cursor.jump_target("missed", 1) is None
        return
    cursor.anchor, cursor.index = first
    for want in jumps:
        assert cursor.jump_target("missed", 1) == want
        cursor.anchor, cursor.index = want


def test_missed_does_not_wrap_over_a_document_not_segmented_to_its_end():
    seg = Segmentation(0, 10, words=[(k, k + 1) for k in range(10)], sentences=[(0, 10)],
                       quantities=[(1, 2)])  # fmt: skip
    cursor = SpanCursor("x" * 20, seg, 0)  # the text goes on past the region
    cursor.claimed = []
    assert cursor.first_missed_after(5) is None  # the rest must be segmented first
    cursor.anchor = cursor.index = 1
    assert cursor.jump_target("missed", 1) is None


# --------------------------------------------------------------------------- the app


@pytest.mark.parametrize(
    ("key", "again", "add"),
    [("N", "N", "n"), ("plus", "plus", "enter"), ("fullwidth_plus_sign", "plus", "enter")],
)  # the last: ＋, what a Chinese input method sends for + in its full-width mode
async def test_next_missed_number_selected_then_added(setup, key, again, add):
    path, info = setup
    d3 = info["docs"][2]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc(app, pilot, "350亿元")
        await press(pilot, key)
        await pilot.pause()
        assert screen.span is not None and screen.span_adding
        # the first number of the claim's sentence that no claim holds, before the claim's own
        assert selected(screen) == "12%"
        assert "Enter: add" in str(screen.query_one("#document").border_subtitle)
        await press(pilot, again)
        assert selected(screen) == "超过200名"  # 350亿元 skipped: it has a claim
        await press(pilot, again)
        assert selected(screen) == "约18个月"
        await press(pilot, again)
        assert selected(screen) == "12%"  # round to the document's start
        assert decisions(path) == []  # selecting writes nothing
        await press(pilot, add)
        await pilot.pause()
        assert screen.span is None
        added = screen.claim
        assert added["quantity_text"] == "12%" and added["origin"] == "reviewer"
        # N on the added claim: its number is claimed now, the next one is not
        await press(pilot, key)
        await pilot.pause()
        assert selected(screen) == "超过200名"
        await press(pilot, "escape")
    [d] = decisions(path)
    assert (d["action"], d["reviewer"], d["claim_id"]) == ("add", "ann", added["id"])
    row = claim_row(path, added["id"])
    assert (row["doc_id"], row["start"], row["end"]) == (d3, *offsets("12%"))
    assert (row["value"], row["unit"], row["kind"], row["status"]) == (12, "%", "percent",
                                                                       "accepted")  # fmt: skip
    assert row["predicate"]  # the extractor's guess of the roles


async def test_undo_takes_the_add_back_and_the_number_is_missed_again(setup):
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc(app, pilot, "350亿元")
        await press(pilot, "N")
        await pilot.pause()
        await press(pilot, "enter")
        await pilot.pause()
        added = screen.claim["id"]
        assert claim_row(path, added)["quantity_text"] == "12%"
        await press(pilot, "u")
        await pilot.pause()
        assert claim_row(path, added)["status"] == "withdrawn"
        await at_doc(app, pilot, "350亿元")
        await press(pilot, "N")
        await pilot.pause()
        assert selected(screen) == "12%"  # a withdrawn claim holds no number
        await press(pilot, "escape")
    assert [d["action"] for d in decisions(path)] == ["add", "undo"]


async def test_a_document_whose_numbers_all_have_claims_says_so(setup):
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc(app, pilot, "一千二百家")
        await press(pilot, "N")
        await pilot.pause()
        assert screen.span is None
        assert any("Every number of this document has a claim" in m for m in notified(app))
        await press(pilot, "v", "N")  # in span mode too: the jump says there is none
        await pilot.pause()
        assert any("No number without a claim" in m for m in notified(app))
        await press(pilot, "escape")
    assert decisions(path) == []


async def test_locked_database_adds_nothing_and_the_selection_stays(setup):
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc(app, pilot, "350亿元")
        app.conn.execute("PRAGMA busy_timeout = 20")
        await press(pilot, "N")
        await pilot.pause()
        blocker = lock(path)
        try:
            await press(pilot, "enter")
            await pilot.pause()
            assert any("busy" in m and "nothing was saved" in m for m in notified(app))
            assert screen.span is not None and selected(screen) == "12%"
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert decisions(path) == []
        await press(pilot, "enter")  # again, once free: added
        await pilot.pause()
        assert screen.span is None
    assert [d["action"] for d in decisions(path)] == ["add"]


async def test_footer_help_and_palette_list_the_key(setup):
    """Help and palette list both keys; the footer too, where it has room (at 120 columns
    the review footer ends at Pick, like v Select and d Documents)."""
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(200, 40)) as pilot:
        screen = await at_doc(app, pilot, "350亿元")
        rows = {r[3]: r[0] for r in screen.help_rows()}
        assert rows["review.next_missed"].split() == ["N", "+"]
        assert rows["span.next_missed"].split() == ["N", "+"]
        assert "Add missed" in screen_text(app).splitlines()[-1]
        commands = {t: c for t, _h, c in ReviewCommands(screen)._commands()}
        assert "review: add missed" in commands
        await press(pilot, "ctrl+p")
        await pilot.press(*"review: add missed")
        await pilot.pause()
        await press(pilot, "enter")
        await pilot.pause()
        assert selected(screen) == "12%"  # the first of the claim's sentence
        assert "span: next missed" in {t for t, _h, _c in ReviewCommands(screen)._commands()}
        assert "Next missed" in screen_text(app).splitlines()[-1]
        await press(pilot, "escape")
    assert decisions(path) == []
