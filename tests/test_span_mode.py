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
from tests.conftest import notified
from tests.test_review_app import screen_text
from tests.test_review_helpers import (
    DOC2,
    DOC3,
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
from tui.widgets.span_cursor import Segmentation, SpanCursor, extractor_readers, is_word


@pytest.fixture
def setup(tmp_path):
    """Nine pending claims in three documents (see tests/test_review_helpers.py)."""
    path = tmp_path / "review.db"
    return path, build_review_db(path)


async def press(pilot, *keys: str) -> None:
    """Press ``keys`` and wait until the screen has handled them (workers included)."""
    await pilot.press(*keys)
    await pilot.pause()


def notes(app) -> list[str]:
    return notified(app)  # raised during the test, shown or timed out


async def at_doc2(app, pilot) -> ReviewScreen:
    """The review screen on DOC2's first claim (一千二百家)."""
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    await press(pilot, "J")
    await pilot.pause()
    assert screen.claim["quantity_text"] == "一千二百家"
    return screen


async def enter_span(screen, pilot, home: bool = True) -> SpanCursor:
    """``v``, then (with ``home``) ``Home``: the tests walk from the sentence's first word
    (span mode starts on the word most likely needed; see test_start_*)."""
    await press(pilot, "v")
    await pilot.pause()
    assert screen.span is not None
    if home:
        await press(pilot, "home")
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
        await press(pilot, "right")
        assert selected(screen) == "全市"
        await press(pilot, "shift+right")
        await pilot.pause()
        assert selected(screen) == "全市共有"
        assert cursor.cursor == (6, 8)
        view = screen.query_one(DocumentView)
        assert view.spans["selection"] == (4, 8) and view.spans["cursor"] == (6, 8)
        await press(pilot, "s")
        await pilot.pause()
        assert screen.span_draft == {"subject": "全市共有", "subject_start": 4, "subject_end": 8}
        assert claim_row(path, cid)["subject"] == "全市"  # a draft: nothing written yet
        assert decisions(path) == []
        await press(pilot, "enter")
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
        await press(pilot, "j", "j")
        await pilot.pause()
        assert screen.claim["id"] == cid
        await enter_span(screen, pilot)
        assert selected(screen) == "截至"
        await press(pilot, "shift+right", "shift+right")
        assert selected(screen) == "截至3月底"
        await press(pilot, "3")  # time
        await press(pilot, "right", "right")
        assert selected(screen) == "捐款"
        await press(pilot, "2")  # predicate
        await press(pilot, "left", "4")  # object: 累计 (a test of the key, not of grammar)
        await pilot.pause()
        card = screen.query_one(ClaimCard)
        assert "draft" in str(card.border_title)
        await press(pilot, "enter")
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
        await press(pilot, "right", "right", "right")
        assert selected(screen) == "一千二百"
        await press(pilot, "q")
        await pilot.pause()
        assert screen.span_draft["value"] == 1200
        await press(pilot, "shift+right", "5")  # 一千二百家: the unit comes with it
        await pilot.pause()
        assert screen.span_draft["quantity_text"] == "一千二百家"
        await press(pilot, "enter")
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
        await press(pilot, "right", "q")  # 全市
        await pilot.pause()
        assert screen.span_draft == {}
        assert any("holds no number" in m and "nothing assigned" in m for m in notes(app))
        await press(pilot, "n")  # nor is a claim added from it
        await pilot.pause()
        assert any("holds no number" in m for m in notes(app)[-1:])
        before = len(notes(app))
        await press(pilot, "enter")  # an empty draft: Enter tries the quantity (no alternatives)
        await pilot.pause()
        assert any("holds no number" in m for m in notes(app)[before:])
        assert screen.span is not None and screen.span_draft == {}
    assert decisions(path) == []
    assert claim_row(path, cid)["status"] == "pending"


async def test_escape_drops_the_draft_and_restores_the_review_keys(setup):
    path, info = setup
    cid = info["ids"][5]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await enter_span(screen, pilot)
        await press(pilot, "right", "s", "x", "e", "u")  # review keys do nothing in the mode
        await pilot.pause()
        assert screen.span_draft["subject"] == "全市"
        assert screen.claim["id"] == cid
        await press(pilot, "escape")
        await pilot.pause()
        assert screen.span is None
        view = screen.query_one(DocumentView)
        assert "cursor" not in view.spans and "selection" not in view.spans
        assert "draft" not in str(screen.query_one(ClaimCard).border_title)
        assert decisions(path) == []
        await press(pilot, "s")  # the review key again: skip
        await pilot.pause()
        assert screen.claim["id"] == info["ids"][6]
    assert [d["action"] for d in decisions(path)] == ["skip"]
    assert claim_row(path, cid)["subject"] == "全市"


async def test_add_from_the_selection(setup):
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await enter_span(screen, pilot)
        await press(pilot, "end", "right", "right")  # 参与, then 其中, then 约
        assert selected(screen) == "约"
        await press(pilot, "shift+right", "insert")
        await pilot.pause()
        added = screen.claim
        assert added["origin"] == "reviewer" and added["quantity_text"] == "约三成"
        assert screen.span is None  # the mode ends: the added claim is on the card
        await enter_span(screen, pilot, home=False)  # v again: s p t o fix the added claim
        await press(pilot, "escape")
    rows = [d for d in decisions(path) if d["action"] == "add"]
    assert len(rows) == 1
    row = claim_row(path, rows[0]["claim_id"])
    assert (row["start"], row["end"]) == (DOC2.index("约三成"), DOC2.index("约三成") + 3)
    assert (row["value"], row["unit"], row["qualifier"], row["kind"]) == (30, "%", "~", "percent")
    assert row["status"] == "accepted"


# --------------------------------------------------------------------------- hard text


#: Control characters (an OSC title sequence, a bell) and wide characters in one sentence.
HARD = "据报道\x1b]2;pwned\x07，Ｘ公司营收增长１２％，达到３５０亿元。全年利润下降。"


async def test_wide_and_control_characters_keep_offsets_exact(tmp_path):
    path = tmp_path / "hard.db"
    conn = open_db(path)
    doc = add_document(conn, HARD, "hard", "hard.txt")
    cid = add_claim(conn, doc, HARD, "３５０亿元", value=3.5e10, unit="元", kind="money")
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await enter_span(screen, pilot)
        assert selected(screen) == "据"  # the tagger's words: 据 | 报道 | 2 | pwned | Ｘ | 公司
        for _ in range(8):  # across the escape sequence to the company's name
            if "公司" in selected(screen):
                break
            await press(pilot, "shift+right")
        assert "\x1b]2;pwned\x07" in selected(screen) and selected(screen).endswith("公司")
        subtitle = str(screen.query_one(DocumentView).border_subtitle)
        assert "␛" in subtitle and "\x1b" not in subtitle  # shown as text, never sent
        await press(pilot, "p")  # an odd predicate, but the offsets must be exact
        await press(pilot, "right")
        while not selected(screen).endswith("公司"):
            await press(pilot, "left")
        await press(pilot, "s", "end")
        assert selected(screen) == "亿元"
        await press(pilot, "left", "shift+right", "q")
        await pilot.pause()
        assert screen.span_draft["quantity_text"] == "３５０亿元"
        assert screen.span_draft["value"] == 3.5e10
        await press(pilot, "enter")
        await pilot.pause()
    row = claim_row(path, cid)
    for name, field in (("subject", "subject"), ("predicate", "predicate")):
        assert HARD[row[f"{name}_start"] : row[f"{name}_end"]] == row[field]
    assert row["subject"].endswith("公司") and "\x07" in row["predicate"]
    assert HARD[row["start"] : row["end"]] == row["quantity_text"] == "３５０亿元"


def test_words_skip_punctuation_and_control_characters_but_not_percent():
    assert is_word("公司") and is_word("12") and is_word("%") and is_word("％")
    assert not is_word("，") and not is_word("\x1b") and not is_word(" \t") and not is_word("“")


# --------------------------------------------------------------------------- a locked database


def lock(path):
    blocker = open_db(path)
    blocker.execute("BEGIN IMMEDIATE")
    return blocker


async def test_locked_database_save_and_add_are_busy_and_save_nothing(setup):
    path, info = setup
    cid = info["ids"][5]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        app.conn.execute("PRAGMA busy_timeout = 20")
        await enter_span(screen, pilot)
        await press(pilot, "right", "s", "right", "right", "shift+right")
        assert selected(screen) == "一千二百家"
        blocker = lock(path)
        try:
            await press(pilot, "enter")
            await pilot.pause()
            assert any("busy" in m and "nothing was saved" in m for m in notes(app))
            assert screen.span is not None and screen.span_draft["subject"] == "全市"
            assert screen.claim["id"] == cid  # the screen stayed
            await press(pilot, "n")
            await pilot.pause()
            assert sum("busy" in m for m in notes(app)) == 2
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert decisions(path) == []
        await press(pilot, "enter")  # the key again, once free: saved
        await pilot.pause()
        assert screen.span is None
    assert [d["action"] for d in decisions(path)] == ["edit"]
    assert claim_row(path, cid)["subject"] == "全市"


# --------------------------------------------------------------------------- moving far


async def test_cursor_walks_past_the_region_and_moves_by_lines(setup, monkeypatch):
    """The cursor leaves the sentence for the rest of the document; regions are segmented as
    it goes (a tiny window here), and up/down keep the column on the next line."""
    monkeypatch.setattr("tui.widgets.span_cursor.WINDOW", 20)
    monkeypatch.setattr("tui.widgets.span_cursor.CUT_SLACK", 5)
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        cursor = await enter_span(screen, pilot)
        text = cursor.text
        first_hi = cursor.seg.hi
        for _ in range(30):
            await press(pilot, "right")
        await pilot.pause()
        assert cursor.cursor[0] > first_hi  # segmented further as it went
        assert text[cursor.cursor[0] : cursor.cursor[1]] == selected(screen)
        view = screen.query_one(DocumentView)
        line = view.line_of(cursor.cursor[0])
        await press(pilot, "down")
        await pilot.pause()
        assert view.line_of(cursor.cursor[0]) == line + 1
        await press(pilot, "up", "up")
        await pilot.pause()
        assert view.line_of(cursor.cursor[0]) == line - 1
        top = int(view.scroll_offset.y)
        assert top <= line - 1 < top + view.scrollable_content_region.height  # in view
        await press(pilot, "escape")
    assert decisions(path) == []


def test_cursor_model_moves_extends_and_merges():
    text = "甲乙，丙丁。戊己"
    seg = Segmentation(0, 6, [(0, 2), (3, 5)], [(0, 6)])
    cursor = SpanCursor(text, seg, 0)
    assert cursor.selection == (0, 2) and not cursor.move(-1)
    assert cursor.move(1, extend=True) and cursor.selection == (0, 5)
    assert cursor.needs_more(1) and not cursor.needs_more(-1)
    cursor.merge(Segmentation(6, 8, [(6, 8)], [(6, 8)]))
    assert cursor.selection == (0, 5) and cursor.move(1) and cursor.selection == (6, 8)
    cursor.to_sentence_end(last=False)
    assert cursor.cursor == (6, 8) and cursor.covers_all(1)


# --------------------------------------------------------------------------- keys


async def test_mode_keys_take_precedence_and_are_listed(setup, tmp_path):
    """In span mode s is subject (not skip), and the footer shows the mode's keys; outside,
    the review keys; the help lists both. A keymap that takes Enter for accept leaves the
    mode's Enter be."""
    path, _info = setup
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('"review.accept" = "y,enter"\n', encoding="utf-8")
    app = make_app(str(path), reviewer="ann", keymap=keymap)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        assert screen.active_bindings["s"].binding.id == "review.skip"
        screen.query_one(DocumentView).focus()  # the view holds the mode's keys, switched off
        await pilot.pause()
        assert screen.active_bindings["s"].binding.id == "review.skip"
        assert screen.active_bindings["1"].binding.id == "review.pick1"
        assert screen.active_bindings["v"].binding.id == "review.select"
        ids = {row[3] for row in screen.help_rows()}
        assert {"review.select", "span.subject", "span.quantity", "span.add"} <= ids
        await enter_span(screen, pilot)
        active = {k: b.binding.id for k, b in screen.active_bindings.items()}
        assert active["s"] == "span.subject" and active["1"] == "span.subject"
        assert active["q"] == "span.quantity" and active["insert"] == "span.add"
        assert active["enter"] == "span.save" and active["escape"] == "span.leave"
        assert active["a"] == "span.append" and active["ampersand"] == "span.append"
        assert "x" not in active and "j" not in active  # review keys are off
        assert "SPAN MODE" in str(screen.query_one(DocumentView).border_title)
        footer = screen_text(app).splitlines()[-1]
        assert "Subject" in footer and "Save" in footer and "Leave" in footer
        assert "Accept" not in footer
        await press(pilot, "right", "s", "enter")
        await pilot.pause()
        assert screen.span is None
    assert [d["action"] for d in decisions(path)] == ["edit"]


# --------------------------------------------------------------------------- db/spans.py


def fake_readers(roles=None) -> spans.Readers:
    return spans.Readers(
        quantity=lambda s: (
            {"value": 5.0, "unit": "个", "qualifier": "~", "kind": "count"} if "5" in s else None
        ),
        time=lambda expr, date: f"T({expr},{date})",
        roles=lambda text, a, b, date: roles or {},
    )


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (-1, 3, "not inside the document"),
        (3, 3, "not inside the document"),
        (0, 99, "not inside the document"),
        (True, 3, "whole numbers"),
        ("0", 3, "whole numbers"),
        (4, 6, "only white space"),
    ],
)
def test_bad_selections_are_refused(start, end, message):
    text = "甲乙丙丁  戊5个"
    with pytest.raises(ReviewError, match=message):
        spans.assign(text, "subject", start, end, fake_readers())


def test_assign_trims_reads_and_refuses():
    text = "甲乙丙丁  戊约5个。" + "长" * 600
    r = fake_readers()
    assert spans.assign(text, "subject", 2, 6, r) == {
        "subject": "丙丁",
        "subject_start": 2,
        "subject_end": 4,
    }
    assert spans.assign(text, "object", 0, 2, r) == {"object": "甲乙"}
    assert spans.assign(text, "time", 0, 1, r, "2024-05-01") == {
        "time_text": "甲", "time_start": 0, "time_end": 1, "time": "T(甲,2024-05-01)"
    }  # fmt: skip
    q = spans.assign(text, "quantity", 7, 10, r)
    assert q["quantity_text"] == "约5个" and (q["start"], q["end"], q["value"]) == (7, 10, 5.0)
    with pytest.raises(ReviewError, match="holds no number"):
        spans.assign(text, "quantity", 0, 4, r)
    with pytest.raises(ReviewError, match="unknown field"):
        spans.assign(text, "colour", 0, 4, r)
    with pytest.raises(ReviewError, match="at most 500"):
        spans.assign(text, "subject", 11, 611, r)


def test_new_claim_keeps_only_guessed_spans_that_hold_their_field():
    text = "公司甲今年增加5个。"
    guess = {"subject": "公司甲", "subject_start": 0, "subject_end": 3,
             "predicate": "增加", "predicate_start": 0, "predicate_end": 2,
             "time_text": "今年", "time": "2024"}  # fmt: skip
    fields = spans.new_claim(text, 7, 9, fake_readers(guess))
    assert (fields["subject_start"], fields["subject_end"]) == (0, 3)
    assert "predicate_start" not in fields and fields["predicate"] == "增加"
    assert (fields["quantity_text"], fields["value"], fields["time"]) == ("5个", 5.0, "2024")


def test_offsets_that_do_not_hold_their_field_are_never_stored(setup):
    """A draft's span offsets are kept only where the text holds the field; else the field is
    found in the sentence (offsets never lie)."""
    path, info = setup
    conn = open_db(path)
    session = ReviewSession(conn, "ann")
    session.open()
    out = session.save_draft({"subject": "企业", "subject_start": 0, "subject_end": 2})
    assert out.ok
    conn.close()
    row = claim_row(path, info["ids"][0])
    text = info["texts"][row["doc_id"]]
    assert row["subject"] == "企业"
    if row["subject_start"] is not None:
        assert text[row["subject_start"] : row["subject_end"]] == "企业"


def test_add_from_span_needs_no_current_claim_and_works_on_a_document_without_claims(tmp_path):
    """A document with no candidates (the docs picker opens those): the add path takes the
    document id and the offsets, and the extractor guesses the roles."""
    path = tmp_path / "empty.db"
    conn = open_db(path)
    text = "公司今年营收增长12%。"
    doc = add_document(conn, text, "t", "t.txt")
    session = ReviewSession(conn, "ann")
    assert session.claim is None
    a = text.index("12%")
    out = session.add_from_span(doc, a, a + 3, extractor_readers())
    assert out.ok and out.view is not None and out.view.claim is not None
    conn.close()
    row = claim_row(path, out.view.claim["id"])
    assert (row["quantity_text"], row["value"], row["unit"], row["kind"]) == (
        "12%",
        12,
        "%",
        "percent",
    )
    assert (row["origin"], row["status"], row["doc_id"]) == ("reviewer", "accepted", doc)
    assert row["predicate"]  # the extractor's guess
    for name, field in (("subject", "subject"), ("predicate", "predicate")):
        if row[f"{name}_start"] is not None:
            assert text[row[f"{name}_start"] : row[f"{name}_end"]] == row[field]
    assert [d["action"] for d in decisions(path)] == ["add"]


def test_a_selected_unit_the_reading_leaves_out_is_a_pick_away(tmp_path):
    """45大类 selected: extraction never reads 大 after a number as a measure word, so the
    added claim has no unit; the selection's 大类 is the unit's alternative, and one pick
    sets it (nineteenth session)."""
    path = tmp_path / "tail.db"
    conn = open_db(path)
    text = "离岛免税商品品类由38大类增至45大类，同比增长。"
    doc = add_document(conn, text, "t", "t.txt")
    session = ReviewSession(conn, "ann")
    a = text.index("45大类")
    out = session.add_from_span(doc, a, a + 4, extractor_readers())
    assert out.ok and out.view is not None and out.view.claim is not None
    added = out.view.claim["id"]
    row = claim_row(path, added)
    assert (row["value"], row["unit"]) == (45, "")
    assert json.loads(row["alternatives"])["unit"][0]["text"] == "大类"
    assert session.goto(added).ok
    assert session.pick_alternative("unit", 1).ok
    assert claim_row(path, added)["unit"] == "大类"
    conn.close()


def card_text(card: ClaimCard) -> str:
    """The card's content as plain text."""
    import io

    from rich.console import Console

    console = Console(width=100, file=io.StringIO(), record=True)
    console.print(card.content)
    return console.export_text()


async def test_the_card_shows_the_draft_and_undo_takes_the_saved_draft_back(setup):
    path, info = setup
    cid = info["ids"][5]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await enter_span(screen, pilot)
        await press(pilot, "right", "shift+right", "s")
        await pilot.pause()
        shown = card_text(screen.query_one(ClaimCard))
        assert "draft" in shown and "subject 全市共有" in shown and "was 全市" in shown
        assert screen.query_one(DocumentView).spans["subject"] == (4, 8)  # highlight moved
        await press(pilot, "enter")
        await pilot.pause()
        assert screen.claim["id"] != cid
        assert "draft" not in card_text(screen.query_one(ClaimCard))
        await press(pilot, "u")
        await pilot.pause()
        assert screen.claim["id"] == cid
    row = claim_row(path, cid)
    assert (row["status"], row["subject"], row["subject_start"], row["subject_end"]) == (
        "pending",
        "全市",
        4,
        6,
    )
    assert [d["action"] for d in decisions(path)] == ["edit", "undo"]


async def test_home_end_and_their_shift_forms_reach_the_sentence_ends(setup):
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await enter_span(screen, pilot)
        await press(pilot, "right", "right", "end")
        assert selected(screen) == "参与"
        await press(pilot, "shift+home")
        assert selected(screen) == "据统计，全市共有一千二百家企业参与"
        await press(pilot, "home", "shift+end")
        assert selected(screen) == "据统计，全市共有一千二百家企业参与"
        await press(pilot, "right")  # past the sentence: the next one
        assert selected(screen) == "其中"
        await press(pilot, "escape")
    assert decisions(path) == []


def test_drafts_in_overlap_mode_are_verdicts_and_agree_into_one_fact(tmp_path):
    """Overlap mode: each reviewer's saved draft is their verdict; two equal drafts make the
    claim final with the selected subject."""
    from db import teams
    from tests.test_teams import build

    path = tmp_path / "team.db"
    ids = build(path, 3)
    conns = [open_db(path), open_db(path)]
    asg = teams.save_assignment(conns[0], "overlap", 2)
    text = conns[0].execute("SELECT text FROM documents").fetchone()[0]
    for conn, who in zip(conns, ("ann", "bob"), strict=True):
        session = ReviewSession(conn, who, asg)
        assert session.open().ok and session.claim["id"] == ids[0]
        out = session.save_draft(spans.assign(text, "subject", 0, 1, fake_readers()))
        assert out.ok, out.message
        assert session.claim is None or session.claim["id"] != ids[0]  # moved on
    for conn in conns:
        conn.close()
    row = claim_row(path, ids[0])
    assert (row["status"], row["subject"], row["reviewer"]) == ("accepted", "甲", "ann+bob")
    assert [d["action"] for d in decisions(path)] == ["edit", "edit"]


# --------------------------------------------------------------------------- jumps (issue 14)


async def test_jumps_and_field_keys_take_the_input_method_forms(setup):
    """With a Chinese input method in its Chinese-punctuation mode, ``]`` ``[`` ``.`` arrive
    as ``】`` ``【`` ``。`` and a digit may arrive full-width (``１``): span mode's jumps and
    field keys take those forms too, and the help lists them only in its foot."""
    path, info = setup
    cid = info["ids"][7]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await enter_span(screen, pilot)
        for ime_key, want in [
            ("right_black_lenticular_bracket", "一千二百家"),  # 】 = ]
            ("right_black_lenticular_bracket", "约三成"),
            ("left_black_lenticular_bracket", "一千二百家"),  # 【 = [
            ("ideographic_full_stop", "截至3月底"),  # 。 = .
        ]:
            await press(pilot, ime_key)
            assert selected(screen) == want, ime_key
        await press(pilot, "escape", "j", "j")
        await pilot.pause()
        assert screen.claim["id"] == cid
        assert claim_row(path, cid)["object"] != "截至3月底"
        await enter_span(screen, pilot)
        await press(pilot, "ideographic_full_stop", "\uff14", "enter")  # 。 then ４ = o: object
        await pilot.pause()
        assert claim_row(path, cid)["object"] == "截至3月底"
        span_rows = [r for r in screen.help_rows() if r[3].startswith("span.")]
        assert span_rows and not any("【" in r[0] or "。" in r[0] for r in span_rows)


async def test_jumps_select_numbers_names_and_times_then_assign(setup):
    """``]`` selects the next number with its unit, ``Tab`` the next name or noun phrase,
    ``.`` the next time expression; ``[``, ``Shift+Tab``, ``,`` go back. The jump's
    selection is what gets assigned."""
    path, info = setup
    cid = info["ids"][7]  # 1.5万元 in DOC2's third sentence: 截至3月底，累计捐款1.5万元。
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await enter_span(screen, pilot)
        await press(pilot, "right_square_bracket")
        assert selected(screen) == "一千二百家"
        await press(pilot, "right_square_bracket")
        assert selected(screen) == "约三成"  # the qualifier word too
        await press(pilot, "left_square_bracket")
        assert selected(screen) == "一千二百家"
        await press(pilot, "tab")
        assert selected(screen) == "企业"
        await press(pilot, "tab")
        assert selected(screen) == "浦东新区"
        await press(pilot, "shift+tab")
        assert selected(screen) == "企业"
        await press(pilot, "full_stop")
        assert selected(screen) == "截至3月底"
        # Now on the 1.5万元 claim's sentence: the letters do the same.
        await press(pilot, "escape")
        await press(pilot, "j", "j")
        assert screen.claim["id"] == cid
        await enter_span(screen, pilot)
        await press(pilot, "f")
        assert selected(screen) == "1.5万元"
        await press(pilot, "q", "D")
        assert selected(screen) == "截至3月底"
        await press(pilot, "t", "enter")
    row = claim_row(path, cid)
    assert (row["status"], row["quantity_text"], row["value"]) == ("accepted", "1.5万元", 15000)
    assert (row["time_text"], row["time_start"], row["time_end"]) == ("截至3月底", 30, 35)
    assert DOC2[30:35] == "截至3月底"


async def test_jump_selects_the_whole_name_holding_the_cursor(setup):
    """Tab on a word inside a noun phrase selects the whole phrase first; a jump with
    nothing that way says so and keeps the selection."""
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await press(pilot, "J")  # DOC3: ……增长主要来自海外市场。
        assert screen.doc["text"] == DOC3
        cursor = await enter_span(screen, pilot)
        cursor.goto(DOC3.index("市场"))
        assert selected(screen) == "市场"
        await press(pilot, "tab")
        assert selected(screen) == "海外市场"
        await press(pilot, "shift+left")  # the anchor is the first word: shrink from the end
        assert selected(screen) == "海外"
        await press(pilot, "end", "full_stop")
        assert selected(screen) == "市场"  # the sentence's last word; no time after it
        assert any("No time expression after" in n for n in notes(app))
        await press(pilot, "comma")
        assert selected(screen) == "今年"
        cursor.goto(DOC3.index("市场"))
        await press(pilot, "tab", "left")  # a plain move leaves a selection from its edge
        assert selected(screen) == "来自"
        cursor.goto(DOC3.index("市场"))
        await press(pilot, "tab", "right")
        assert selected(screen) == "另"
    assert decisions(path) == []


async def test_added_claim_has_the_extractors_roles_and_alternatives_to_pick(setup):
    """``v`` ``]`` ``]`` ``n`` adds 约三成 with the extractor's own role resolution: roles
    pre-filled and their runners-up stored; the mode ends, and a digit picks one (an edit
    of the added claim)."""
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await enter_span(screen, pilot)
        await press(pilot, "right_square_bracket", "right_square_bracket")
        assert selected(screen) == "约三成"
        await press(pilot, "n")
        await pilot.pause()
        added = screen.claim
        assert added["quantity_text"] == "约三成" and added["origin"] == "reviewer"
        alts = json.loads(added["alternatives"])
        assert alts, "the added claim keeps the extractor's runners-up"
        for options in alts.values():
            for o in options:
                if isinstance(o.get("start"), int):
                    assert DOC2[o["start"] : o["end"]] == o["text"]
        assert screen.span is None  # the mode ended with the add
        card = screen.query_one(ClaimCard)
        assert card.picks.field == "all"  # the row of all fields: each option names its field
        option = card.picks.options[0]
        field = option.field
        assert field and option.text
        await press(pilot, "1")
        await pilot.pause()
    row = claim_row(path, added["id"])
    column = {"time": "time_text"}.get(field, field)
    assert row[column] == option.text and row["status"] == "accepted"
    actions = [d["action"] for d in decisions(path) if d["claim_id"] == added["id"]]
    assert actions == ["add", "edit"]
    last = json.loads(decisions(path)[-1]["after"])
    assert last["picked"]["field"] == field


# --------------------------------------------------------------------------- where it starts

START = "据统计，浦东新区今年共有一千二百家企业参与。"


def _start_db(path):
    """A database of START with two claims: one whose subject (全市) has an alternative
    (浦东新区), and one without alternatives. Returns the path and both ids."""
    conn = open_db(path)
    doc = add_document(conn, START, "start", "start.txt")
    cid = add_claim(conn, doc, START, "一千二百家", value=1200, unit="家", subject="全市")
    other = add_claim(conn, doc, START, "一千二百", value=1200)  # no alternatives
    alts = {"subject": [{"text": "浦东新区", "start": 4, "end": 8, "score": 0.9}]}
    conn.execute("UPDATE claims SET alternatives = ? WHERE id = ?", (json.dumps(alts), cid))
    conn.commit()
    conn.close()
    return path, cid, other


async def test_start_on_the_nearest_word_of_the_field_in_focus(tmp_path):
    """``v`` starts on the nearest word of the type of the card's field in focus: the
    sentence's first name for the subject, the word before the quantity for the predicate,
    the nearest time, the word after the quantity for the object; the quantity itself for a
    claim without alternatives."""
    path, cid, other = _start_db(tmp_path / "start.db")
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        if screen.claim["id"] != cid:
            await press(pilot, "j")
        assert screen.claim["id"] == cid
        assert screen.field_focus == "all"
        await enter_span(screen, pilot, home=False)
        assert selected(screen) == "浦东新区"  # from the row of all fields: the likeliest wrong
        await press(pilot, "escape", "right_square_bracket")
        seen = {}
        for _ in range(4):
            field = screen.field_focus
            await enter_span(screen, pilot, home=False)
            seen[field] = selected(screen)
            await press(pilot, "escape", "right_square_bracket")
        want = {"subject": "浦东新区", "predicate": "共有", "time": "今年", "object": "企业"}
        assert seen == want
        await press(pilot, "j" if screen.claim["id"] == cid else "k")
        assert screen.claim["id"] == other
        await enter_span(screen, pilot, home=False)
        assert selected(screen) == "一千二百"
    assert decisions(path) == []


async def test_help_and_palette_list_the_jump_keys(setup):
    """The help panel lists every jump with its keys and id; in span mode the command
    palette lists the mode's keys (``span: next number`` …) and runs them."""
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        rows = {r[3]: r[0] for r in screen.help_rows()}
        assert rows["span.next_name"].lower().split() == ["tab", "w"]
        assert rows["span.next_number"].split() == ["]", "f"]
        for bid in ("span.next_name", "span.previous_name", "span.next_number",
                    "span.previous_number", "span.next_time", "span.previous_time"):  # fmt: skip
            assert bid in rows
        from tui.app import ReviewCommands

        assert "review: select" in {t for t, _h, _c in ReviewCommands(screen)._commands()}
        await enter_span(screen, pilot)
        commands = {t: c for t, _h, c in ReviewCommands(screen)._commands()}
        wanted = {"span: next name", "span: next number", "span: previous time", "span: leave"}
        assert wanted <= set(commands)
        assert not any(t.startswith("review:") for t in commands)
        await press(pilot, "ctrl+p")
        await pilot.press(*"span: next number")
        await pilot.pause()  # the palette's search worker has finished
        await press(pilot, "enter")
        await pilot.pause()
        assert selected(screen) == "一千二百家"
    assert decisions(path) == []


async def test_back_returns_to_the_claim_shown_before_an_add_and_forth(setup):
    """``b`` (or ``,``) goes back to the claim shown before: after an add from a selection,
    the claim the reviewer was on; again, forth. Moving writes nothing."""
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        host = screen.claim["id"]
        await enter_span(screen, pilot)
        await press(pilot, "right_square_bracket", "right_square_bracket", "n")
        await pilot.pause()
        added = screen.claim["id"]
        assert added != host and screen.claim["quantity_text"] == "约三成"
        await press(pilot, "b")
        assert screen.claim["id"] == host
        await press(pilot, "comma")
        assert screen.claim["id"] == added
        await press(pilot, "j")
        after = screen.claim["id"]
        await press(pilot, "b")
        assert screen.claim["id"] == added and after != added
        rows = {r[3]: r[0] for r in screen.help_rows()}
        assert rows["review.back"].split() == ["b", ","]
    assert [d["action"] for d in decisions(path)] == ["add"]


async def test_next_pending_goes_on_from_an_added_claim_deciding_nothing(setup):
    """``p`` (or ``.``) shows the next pending claim after the one on screen, the one an
    accept would go to, without deciding: after two adds, one key back to the review."""
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        for _ in range(2):  # add 约三成, then 1.5万元 (the claims list them as accepted)
            await enter_span(screen, pilot)
            await press(pilot, "right_square_bracket", "right_square_bracket", "n")
            await pilot.pause()
            assert screen.claim["status"] == "accepted"
        await press(pilot, "p")
        first = screen.claim
        assert first["status"] == "pending"
        assert first["doc_id"] == screen.doc["id"]
        await press(pilot, "full_stop")
        assert screen.claim["status"] == "pending" and screen.claim["id"] != first["id"]
        rows = {r[3]: r[0] for r in screen.help_rows()}
        assert rows["review.next_pending"].split() == ["p", "."]
        from tui.app import ReviewCommands

        titles = {t for t, _h, _c in ReviewCommands(screen)._commands()}
        assert {"review: next pending", "review: back"} <= titles
    assert [d["action"] for d in decisions(path)] == ["add", "add"]


@pytest.mark.parametrize("long_document", [False, True])
async def test_shift_up_and_down_extend_the_selection_by_a_line(setup, long_document):
    """Shift+↓ extends the selection to the word one line down (the anchor stays), Shift+↑
    brings it back; the extended selection is what a field gets, offsets exact. In a document
    that scrolls too (where Shift+↑/↓ scrolled the view instead)."""
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(80, 30)) as pilot:
        if long_document:  # the seed article, on its first claim
            await pilot.pause()
            screen = app.screen
            text = screen.doc["text"]
            assert screen.query_one(DocumentView).max_scroll_y > 0
        else:
            screen = await at_doc2(app, pilot)
            text = DOC2
        cid = screen.claim["id"]
        cursor = await enter_span(screen, pilot)
        view = screen.query_one(DocumentView)
        first = cursor.cursor
        line = view.line_of(first[0])
        assert view.line_of(len(text) - 1) > line  # the document wraps: a line below exists
        await press(pilot, "shift+down")
        a, b = cursor.selection
        assert view.line_of(cursor.cursor[0]) == line + 1
        assert a == first[0] and b == cursor.cursor[1] and b > first[1]
        await press(pilot, "shift+up")
        # back on the anchor's line (the word at the cursor's column), the anchor kept
        assert view.line_of(cursor.cursor[0]) == line and cursor.selection[0] == first[0]
        await press(pilot, "shift+down", "s", "enter")
        assert screen.span is None
    row = claim_row(path, cid)
    assert (row["subject_start"], row["subject_end"]) == (a, b)
    assert row["subject"] == text[a:b] and row["status"] == "accepted"
    assert [d["action"] for d in decisions(path)] == ["edit"]


@pytest.mark.parametrize(
    ("ring", "keys", "column", "want", "offsets"),
    [
        # the row of all fields: the subject (the lowest margin); v starts on 浦东新区, Enter
        # assigns and saves
        ((), (), "subject", "浦东新区", (4, 8)),
        # predicate: v starts on 共有; one word more to the left
        (("right_square_bracket",) * 2, ("shift+left",), "predicate", "今年共有", (8, 12)),
        # time: v starts on 今年 (the nearest time)
        (("right_square_bracket",) * 3, (), "time_text", "今年", (8, 10)),
        # object ([ [: past the qualifier): v starts on 企业, the word after the quantity
        (("left_square_bracket",) * 2, (), "object", "企业", None),
    ],
)
async def test_enter_with_nothing_assigned_gives_the_selection_to_the_field_in_focus(
    tmp_path, ring, keys, column, want, offsets
):
    """``v``, a selection, ``Enter``: with an empty draft the selection becomes the field the
    mode started on (named under the document), saved as one edit, and the screen moves on."""
    path, cid, other = _start_db(tmp_path / "enter.db")
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        if screen.claim["id"] != cid:
            await press(pilot, "j")
        assert screen.claim["id"] == cid and screen.field_focus == "all"
        await press(pilot, *ring)
        await enter_span(screen, pilot, home=False)
        await press(pilot, *keys)
        target = "time" if column == "time_text" else column
        view = screen.query_one(DocumentView)
        assert f"Enter: {target}" in str(view.border_subtitle)
        assert claim_row(path, cid)["status"] == "pending"
        await press(pilot, "enter")
        await pilot.pause()
        assert screen.span is None
        assert screen.claim["id"] == other  # moved on, like every edit
    row = claim_row(path, cid)
    assert (row["status"], row["edited"], row[column]) == ("accepted", 1, want)
    if offsets is not None:
        assert (row[f"{target}_start"], row[f"{target}_end"]) == offsets
    [d] = decisions(path)
    assert (d["claim_id"], d["action"]) == (cid, "edit")
    assert row["quantity_text"] == "一千二百家"  # nothing else changed


TWO_NAMES = "据统计，浦东新区和闵行区今年共有一千二百家企业参与。"


@pytest.mark.parametrize(
    ("subject", "offered", "want"),
    [
        ("全市", [], "浦东新区"),  # nothing offered: the sentence's first name
        ("全市", ["浦东新区"], "闵行区"),  # the first name is a runner-up: picked, not selected
        ("浦东新区", [], "闵行区"),  # the first name is the subject already
        ("全市", ["浦东新区", "闵行区"], "浦东新区"),  # every name offered: the first again
    ],
)
async def test_span_mode_starts_on_the_first_name_the_card_does_not_offer(
    tmp_path, subject, offered, want
):
    """With the subject in focus, ``v`` selects the sentence's first name before the quantity
    that is neither the subject nor one of its alternatives; ``Enter`` saves it (committed)."""
    path = tmp_path / "names.db"
    conn = open_db(path)
    doc = add_document(conn, TWO_NAMES, "names", "names.txt")
    cid = add_claim(conn, doc, TWO_NAMES, "一千二百家", value=1200, unit="家", subject=subject)
    at = {t: TWO_NAMES.index(t) for t in offered}
    options = [{"text": t, "start": a, "end": a + len(t), "score": 0.5} for t, a in at.items()]
    alts = {"subject": options or [{"text": "全市"}]}
    conn.execute("UPDATE claims SET alternatives = ? WHERE id = ?", (json.dumps(alts), cid))
    conn.commit()
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.claim["id"] == cid
        await press(pilot, "right_square_bracket")
        assert screen.field_focus == "subject"
        await enter_span(screen, pilot, home=False)
        assert selected(screen) == want
        await press(pilot, "enter")
        await pilot.pause()
        assert screen.span is None
    row = claim_row(path, cid)
    assert (row["subject"], row["status"]) == (want, "accepted")
    assert TWO_NAMES[row["subject_start"] : row["subject_end"]] == want
