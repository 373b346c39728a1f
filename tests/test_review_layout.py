"""Layout of the review app: where the document scrolls, how it wraps, what fits on small screens.

Each test builds its own database with claims inserted by SQL (no extractor run) and drives the
app through ``tui.app.make_app``, as the CLI does.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from db.connection import open_db
from tests.test_review_helpers import DOC2, add_claim, add_document, seed_text
from tui.app import make_app
from tui.widgets.document_view import DocumentView

#: A long document: the seed article four times, one paragraph each.
LONG = "\n".join([seed_text()] * 4)
#: The only claim of the long document sits in its last quarter.
FAR_QUANTITY = "近90%"


def far_offset() -> int:
    return LONG.index(FAR_QUANTITY, len(LONG) * 3 // 4)


def build_far_db(path: Path, *, short_first: bool = False) -> int:
    """A database whose long document holds one claim near its end; returns that claim's id.

    With ``short_first`` a short document with one claim comes first in review order.
    """
    conn = open_db(path)
    if short_first:
        short = add_document(conn, DOC2, "短文", "a/short.txt")
        add_claim(conn, short, DOC2, "一千二百家", value=1200, unit="家")
    doc = add_document(conn, LONG, "长文", "b/long.txt")
    claim_id = add_claim(
        conn, doc, LONG, FAR_QUANTITY, value=90, unit="%", kind="percent",
        subject="95518客服条线", predicate="一次问题解决率", after=far_offset(),
    )  # fmt: skip
    conn.close()
    return claim_id


def screen_text(app) -> str:
    """What the terminal shows, as plain text."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


def assert_claim_in_view(app, claim_id: int) -> DocumentView:
    """The current claim is ``claim_id`` and its quantity's line is inside the viewport."""
    screen = app.screen
    assert screen.claim is not None and screen.claim["id"] == claim_id
    view = screen.query_one(DocumentView)
    line = view.line_of(screen.claim["start"])
    top = int(view.scroll_offset.y)
    height = view.scrollable_content_region.height
    assert height > 0
    assert line > height, "the claim must be out of sight at the top for the test to mean much"
    assert top <= line < top + height, f"line {line} not in view {top}..{top + height - 1}"
    return view


# --------------------------------------------------------------------------- scroll on open


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20)])
async def test_document_scrolls_to_the_claim_on_open(tmp_path, size):
    path = tmp_path / "far.db"
    claim_id = build_far_db(path)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        view = assert_claim_in_view(app, claim_id)
        # and the quantity is drawn on screen, not just scrolled to
        assert FAR_QUANTITY in screen_text(app)
        assert view.scroll_offset.y > 0


async def test_document_scrolls_to_the_claim_of_a_longer_next_document(tmp_path):
    """From a short document (no scrollbar) to a long one: the view still scrolls."""
    path = tmp_path / "far.db"
    claim_id = build_far_db(path, short_first=True)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.claim["quantity_text"] == "一千二百家"
        await pilot.press("pagedown")
        await pilot.pause()
        assert_claim_in_view(app, claim_id)


async def test_document_keeps_the_claim_in_view_after_a_resize(tmp_path):
    """A browser (serve) reports its real size after the app started."""
    path = tmp_path / "far.db"
    claim_id = build_far_db(path)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(140, 45)
        await pilot.pause()
        assert_claim_in_view(app, claim_id)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert_claim_in_view(app, claim_id)


async def test_document_scrolls_to_the_claim_in_serve_after_the_name(tmp_path):
    """``serve`` asks for the name first; the review screen opens on the claim."""
    path = tmp_path / "far.db"
    claim_id = build_far_db(path)
    app = make_app(str(path), reviewer="", ask_reviewer=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+u", *"bob", "enter")
        await pilot.pause()
        assert app.screen.reviewer == "bob"
        assert_claim_in_view(app, claim_id)


async def test_document_scrolls_to_the_claim_when_adjudicating(tmp_path):
    path = tmp_path / "far.db"
    claim_id = build_far_db(path)
    # two reviewers disagree through the app itself (overlap mode)
    for reviewer, key in (("ann", "a"), ("bob", "x")):
        app = make_app(str(path), reviewer=reviewer, mode="overlap", per_claim=2)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.screen.claim["id"] == claim_id
            await pilot.press(key)
            await pilot.pause()
    app = make_app(str(path), reviewer="lead", adjudicate=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.total == 1
        assert_claim_in_view(app, claim_id)
