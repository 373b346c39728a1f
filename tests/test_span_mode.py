"""Span mode (issue 14): select words in the document from the keyboard and assign them.

Pilot tests through ``tui.app.make_app``, each on its own database; every test checks what was
committed (a fresh connection) — or that nothing was. The words are the extractor's tagger's
(jieba): DOC2's first sentence 据统计，全市共有一千二百家企业参与。 is 据统计 | 全市 | 共有 |
一千二百 | 家 | 企业 | 参与.
"""

from __future__ import annotations

import json

import pytest

from db import spans
from db.connection import open_db
from db.errors import ReviewError
from db.session import ReviewSession
from tests.test_review_helpers import (
    DOC2,
    add_claim,
    add_document,
    build_review_db,
    claim_row,
    decisions,
)
from tui.app import make_app
from tui.screens.review import ReviewScreen
from tui.widgets.claim_card import ClaimCard
from tui.widgets.document_view import DocumentView
from tui.widgets.span_cursor import SpanCursor, Segmentation, extractor_readers, is_word


@pytest.fixture
def setup(tmp_path):
    """Nine pending claims in three documents (see tests/test_review_helpers.py)."""
    path = tmp_path / "review.db"
    return path, build_review_db(path)


def notes(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def at_doc2(app, pilot) -> ReviewScreen:
    """The review screen on DOC2's first claim (一千二百家)."""
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    await pilot.press("J")
    await pilot.pause()
    assert screen.claim["quantity_text"] == "一千二百家"
    return screen


async def enter_span(screen, pilot) -> SpanCursor:
    await pilot.press("v")
    await pilot.pause()
    assert screen.span is not None
    return screen.span


def selected(screen) -> str:
    return screen.span.selected_text


# --------------------------------------------------------------------------- the main path


async def test_select_assign_subject_and_save_moves_on(setup):
    path, info = setup
    cid, next_id = info["ids"][5], info["ids"][6]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        cursor = await enter_span(screen, pilot)
        assert selected(screen) == "据统计"  # the first word of the claim's sentence
        assert app.focused is screen.query_one(DocumentView)
        await pilot.press("right")
        assert selected(screen) == "全市"
        await pilot.press("shift+right")
        await pilot.pause()
        assert selected(screen) == "全市共有"
        assert cursor.cursor == (6, 8)
        view = screen.query_one(DocumentView)
        assert view.spans["selection"] == (4, 8) and view.spans["cursor"] == (6, 8)
        await pilot.press("s")
        await pilot.pause()
        assert screen.span_draft == {"subject": "全市共有", "subject_start": 4, "subject_end": 8}
        assert claim_row(path, cid)["subject"] == "全市"  # a draft: nothing written yet
        assert decisions(path) == []
        await pilot.press("enter")
        await pilot.pause()
        assert screen.span is None  # the mode ends with the save
        assert screen.claim["id"] == next_id  # and the screen moved on
    row = claim_row(path, cid)
    assert (row["status"], row["edited"], row["subject"]) == ("accepted", 1, "全市共有")
    assert (row["subject_start"], row["subject_end"]) == (4, 8)
    assert DOC2[row["subject_start"] : row["subject_end"]] == row["subject"]
    assert row["predicate"] == "共有" and row["quantity_text"] == "一千二百家"
    [d] = decisions(path)
    assert (d["claim_id"], d["action"], d["reviewer"]) == (cid, "edit", "ann")
    assert json.loads(d["after"])["subject"] == "全市共有"
    assert json.loads(row["original"])["subject"] == "全市"


async def test_every_field_in_one_draft_one_decision(setup):
    """Predicate, object and time assigned with their digit keys, saved as one edit."""
    path, info = setup
    cid = info["ids"][7]  # 1.5万元 in DOC2's third sentence: 截至3月底，累计捐款1.5万元。
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await pilot.press("j", "j")
        await pilot.pause()
        assert screen.claim["id"] == cid
        await enter_span(screen, pilot)
        assert selected(screen) == "截至"
        await pilot.press("shift+right", "shift+right")
        assert selected(screen) == "截至3月底"
        await pilot.press("3")  # time
        await pilot.press("right", "right")
        assert selected(screen) == "捐款"
        await pilot.press("2")  # predicate
        await pilot.press("left", "4")  # object: 累计 (a test of the key, not of grammar)
        await pilot.pause()
        card = screen.query_one(ClaimCard)
        assert "draft" in str(card.border_title)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.span is None
    row = claim_row(path, cid)
    assert (row["time_text"], row["time_start"], row["time_end"]) == ("截至3月底", 30, 35)
    assert row["time"] == "../XXXX-03"  # the normalised time is set too
    assert (row["predicate"], row["predicate_start"], row["predicate_end"]) == ("捐款", 38, 40)
    assert row["object"] == "累计"
    assert [d["action"] for d in decisions(path)] == ["edit"]


async def test_quantity_is_read_again_from_the_selection(setup):
    path, info = setup
    cid = info["ids"][5]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await enter_span(screen, pilot)
        await pilot.press("right", "right", "right")
        assert selected(screen) == "一千二百"
        await pilot.press("q")
        await pilot.pause()
        assert screen.span_draft["value"] == 1200
        await pilot.press("shift+right", "5")  # 一千二百家: the unit comes with it
        await pilot.pause()
        assert screen.span_draft["quantity_text"] == "一千二百家"
        await pilot.press("enter")
        await pilot.pause()
    row = claim_row(path, cid)
    assert (row["quantity_text"], row["start"], row["end"]) == ("一千二百家", 8, 13)
    assert (row["value"], row["unit"], row["qualifier"]) == (1200, "家", "=")


async def test_a_selection_without_a_number_is_refused_for_the_quantity(setup):
    path, info = setup
    cid = info["ids"][5]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await enter_span(screen, pilot)
        await pilot.press("right", "q")  # 全市
        await pilot.pause()
        assert screen.span_draft == {}
        assert any("holds no number" in m and "nothing assigned" in m for m in notes(app))
        await pilot.press("n")  # nor is a claim added from it
        await pilot.pause()
        assert any("holds no number" in m for m in notes(app)[-1:])
        await pilot.press("enter")  # an empty draft: nothing to save
        await pilot.pause()
        assert any("Nothing assigned yet" in m for m in notes(app))
        assert screen.span is not None
    assert decisions(path) == []
    assert claim_row(path, cid)["status"] == "pending"


async def test_escape_drops_the_draft_and_restores_the_review_keys(setup):
    path, info = setup
    cid = info["ids"][5]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await enter_span(screen, pilot)
        await pilot.press("right", "s", "x", "a", "u")  # review keys do nothing in the mode
        await pilot.pause()
        assert screen.span_draft["subject"] == "全市"
        assert screen.claim["id"] == cid
        await pilot.press("escape")
        await pilot.pause()
        assert screen.span is None
        view = screen.query_one(DocumentView)
        assert "cursor" not in view.spans and "selection" not in view.spans
        assert "draft" not in str(screen.query_one(ClaimCard).border_title)
        assert decisions(path) == []
        await pilot.press("s")  # the review key again: skip
        await pilot.pause()
        assert screen.claim["id"] == info["ids"][6]
    assert [d["action"] for d in decisions(path)] == ["skip"]
    assert claim_row(path, cid)["subject"] == "全市"


async def test_add_from_the_selection(setup):
    path, info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await enter_span(screen, pilot)
        await pilot.press("end", "right", "right")  # 参与, then 其中, then 约
        assert selected(screen) == "约"
        await pilot.press("shift+right", "insert")
        await pilot.pause()
        added = screen.claim
        assert added["origin"] == "reviewer" and added["quantity_text"] == "约三成"
        assert screen.span is not None  # still selecting: s p t o fix the added claim
        await pilot.press("escape")
    rows = [d for d in decisions(path) if d["action"] == "add"]
    assert len(rows) == 1
    row = claim_row(path, rows[0]["claim_id"])
    assert (row["start"], row["end"]) == (DOC2.index("约三成"), DOC2.index("约三成") + 3)
    assert (row["value"], row["unit"], row["qualifier"], row["kind"]) == (30, "%", "~", "percent")
    assert row["status"] == "accepted"
