"""Small terminals (issue 14, "long fields readable"): the claim list's subject at 80 columns,
every pick of a long list of alternatives, and the document in span mode at 60×20.

Each test builds its own database from sentences written for it and drives the app through
``tui.app.make_app``, checking what the terminal shows.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.text import Text

from db.connection import open_db, transaction
from tests.test_review_helpers import add_claim, add_document
from tests.test_review_layout import screen_text
from tui.app import make_app
from tui.screens.review import ReviewScreen
from tui.widgets.claim_card import ClaimCard, cut_middle
from tui.widgets.claim_list import LAYOUTS, SUBJECT_MIN, list_columns
from tui.widgets.document_view import DocumentView

#: One paragraph of several sentences; the claim sits in the first, with a long subject.
TEXT = (
    "3月12日，华东新能源汽车零部件产业集团股份有限公司向江北区教育发展基金会捐赠了1200万元，"
    "用于偏远山区学校建设。该基金会表示，这笔资金将分三年使用，首批覆盖四十所学校。"
    "据介绍，受助学校大多位于交通不便的山区，校舍和教学设备亟需更新。"
    "集团负责人说，企业将继续关注乡村教育，并鼓励员工参与志愿服务。"
    "此前，该集团还向当地医院捐赠过一批医疗设备，价值约300万元。"
    "基金会计划在年底前公布资金使用情况，接受社会监督。"
)
SUBJECT = "华东新能源汽车零部件产业集团"
#: Nine subject options, several long, most sharing the start or the end of another.
OPTIONS = [
    "华东新能源汽车零部件产业集团股份有限公司",
    "江北区教育发展基金会",
    "华东新能源汽车零部件产业集团股份",
    "新能源汽车零部件产业集团股份有限公司",
    "华东新能源汽车",
    "江北区教育发展基金",
    "偏远山区学校",
    "华东新能源汽车零部件",
    "江北区",
]


def build_db(path: Path) -> int:
    """One document, one pending claim whose subject has the nine :data:`OPTIONS`."""
    conn = open_db(path)
    doc = add_document(conn, TEXT, "捐赠", "news/donation.txt")
    claim_id = add_claim(
        conn, doc, TEXT, "1200万元", value=1.2e7, unit="元", kind="money",
        subject=SUBJECT, predicate="捐赠", time_text="3月12日",
    )  # fmt: skip
    alts = {
        "subject": [
            {"text": t, "start": TEXT.index(t), "end": TEXT.index(t) + len(t),
             "score": 0.5 - n / 100}
            for n, t in enumerate(OPTIONS)
        ]
    }  # fmt: skip
    with transaction(conn):
        conn.execute(
            "UPDATE claims SET alternatives = ?, subject_start = ?, subject_end = ? WHERE id = ?",
            (json.dumps(alts), TEXT.index(SUBJECT), TEXT.index(SUBJECT) + len(SUBJECT), claim_id),
        )
    conn.close()
    return claim_id


def panel(text: str, title: str) -> list[str]:
    """The inner lines of the left-hand panel whose top border names ``title``."""
    lines = text.splitlines()
    top = next(i for i, ln in enumerate(lines) if ln.startswith("╭") and title in ln)
    inner = []
    for ln in lines[top + 1 :]:
        if ln.startswith("╰"):
            break
        inner.append(ln.split("│")[1])
    return inner


async def open_app(app, pilot) -> ReviewScreen:
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    assert screen.claim is not None and screen.claim["subject"] == SUBJECT
    return screen


# --------------------------------------------------------------------------- 1: the claim list


@pytest.mark.parametrize(
    ("width", "doc_column", "quantity"),
    [(36, True, 12), (34, True, 12), (33, False, 12), (28, False, 12), (26, False, 10),
     (24, False, 8), (10, False, 8)],
)  # fmt: skip
def test_list_columns_give_the_subject_its_cells(width, doc_column, quantity):
    assert list_columns(width) == (doc_column, quantity)
    if (doc_column, quantity) != LAYOUTS[-1]:
        assert 3 + (6 if doc_column else 0) + quantity + 1 + SUBJECT_MIN <= width


@pytest.mark.parametrize(("size", "doc_column"), [((80, 24), False), ((120, 40), True)])
async def test_the_claim_list_shows_the_subject_at_80_columns(tmp_path, size, doc_column):
    """At 80 columns the list drops the document column and the subject reads (five of its
    characters, not one); at 120 every column stays."""
    path = tmp_path / "list.db"
    build_db(path)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=size) as pilot:
        await open_app(app, pilot)
        row = next(ln for ln in screen_text(app).splitlines() if "│·" in ln)
        listed = row.split("│·", 1)[1]
        assert "1200万元" in listed
        assert SUBJECT[:5] in listed, listed
        assert bool(re.match(r"\s+\d+ 1200万元", listed)) == doc_column, listed


# --------------------------------------------------------------------------- 2: the pick row


@pytest.mark.parametrize(
    ("text", "cells", "shown"),
    [("华东新能源汽车零部件产业集团股份有限公司", 12, "华东新…公司"),
     ("华东新能源汽车零部件产业集团股份有限公司", 11, "华东…限公司"),
     ("江北区教育发展基金会", 5, "江…会"),
     ("abcdefghij", 7, "abc…hij")],
)  # fmt: skip
def test_cut_middle_keeps_both_ends(text, cells, shown):
    cut = cut_middle(Text(text), cells)
    assert cut.plain == shown and cell_len(cut.plain) <= cells


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 40)])
async def test_the_pick_row_shows_every_pick_on_a_small_screen(tmp_path, size):
    """Nine long options: every digit shows glued to its option's start, cut in the middle
    with … where the card is narrow, in full at 120 columns."""
    path = tmp_path / "picks.db"
    build_db(path)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=size) as pilot:
        screen = await open_app(app, pilot)
        card = screen.query_one(ClaimCard)
        assert card.picks is not None and card.picks.field == "all"
        assert [o.text for o in card.picks.options] == OPTIONS  # only the subject has options
        await pilot.press("right_square_bracket")  # the subject's own list: the same nine
        await pilot.pause()
        assert card.picks.field == "subject"
        assert [o.text for o in card.picks.options] == OPTIONS
        shown = "".join(ln.strip() for ln in panel(screen_text(app), "claim #"))
        assert "subject:" in shown
        for n, option in enumerate(OPTIONS, start=1):
            if size == (120, 40):
                assert f"{n}{option}" in shown, (n, shown)
            else:
                got = re.search(rf"{n}{option[:2]}[^\s]*", shown)
                assert got is not None, (n, shown)
                assert got.group().startswith(f"{n}{option}") or "…" in got.group()
        if size != (120, 40):
            assert "…" in shown  # something was cut to make room


# --------------------------------------------------------------------------- 3: span mode


def text_rows(lines: list[str]) -> int:
    """Rows that show the document's text (not a row of hint labels)."""
    return sum(1 for ln in lines if re.search(r"[\u4e00-\u9fff]", ln))


@pytest.mark.parametrize(("size", "compact"), [((60, 20), True), ((80, 24), True),
                                               ((120, 40), False)])  # fmt: skip
async def test_span_mode_gives_the_document_rows_on_a_short_screen(tmp_path, size, compact):
    """Under 30 rows span mode shows the claim's fields on one card line, so the document
    shows more than two of its lines among the hint labels; Esc brings the whole card back."""
    path = tmp_path / "span.db"
    claim_id = build_db(path)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=size) as pilot:
        screen = await open_app(app, pilot)
        await pilot.press("v")
        await pilot.pause()
        assert screen.span is not None
        card = screen.query_one(ClaimCard)
        assert card.compact is compact
        shown = screen_text(app)
        doc_rows = text_rows(panel(shown, "SPAN MODE"))
        card_lines = panel(shown, "claim #")
        card_text = "".join(ln.strip() for ln in card_lines)
        for essential in ("1200万元", SUBJECT, "捐赠", "3月12日"):
            assert essential in card_text, card_text
        if compact:
            assert len(card_lines) <= 3 and "pick 1…9" not in card_text
            assert doc_rows >= (4 if size == (60, 20) else 6), shown
        else:
            assert "pick 1…9" in card_text
        await pilot.press("s")  # the selection becomes the draft's subject
        await pilot.pause()
        shown = screen_text(app)
        card_text = "".join(ln.strip() for ln in panel(shown, "claim #"))
        assert "draft" in card_text and f"was{SUBJECT}" in card_text.replace(" ", "")
        if compact:
            assert text_rows(panel(shown, "SPAN MODE")) >= 3, shown
        await pilot.press("escape")
        await pilot.pause()
        assert screen.span is None and not card.compact
        assert "pick 1…9" in "".join(ln.strip() for ln in panel(screen_text(app), "claim #"))
    conn = open_db(path)
    status = conn.execute("SELECT status FROM claims WHERE id = ?", (claim_id,)).fetchone()[0]
    conn.close()
    assert status == "pending"  # Esc dropped the draft


async def test_span_mode_card_follows_a_resize(tmp_path):
    """Span mode on a tall screen keeps the whole card; shrinking under 30 rows compacts it,
    growing back restores it."""
    path = tmp_path / "resize.db"
    build_db(path)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_app(app, pilot)
        await pilot.press("v")
        await pilot.pause()
        card = screen.query_one(ClaimCard)
        assert screen.span is not None and not card.compact
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert card.compact
        view = screen.query_one(DocumentView)
        assert text_rows(panel(screen_text(app), "SPAN MODE")) >= 4
        assert view.scrollable_content_region.height >= 8
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not card.compact
        assert "pick 1…9" in "".join(ln.strip() for ln in panel(screen_text(app), "claim #"))
