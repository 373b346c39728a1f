"""Opening any document (issue 14): the picker, paging, filtering, a document without claims.

Each test builds its own database by SQL (no extractor run) and drives the app through
``tui.app.make_app``; what a key wrote is checked through a fresh connection.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from db import documents
from db.connection import open_db
from db.session import ReviewSession, Strategy
from tests.test_review_app import screen_text
from tests.test_review_helpers import (
    add_document,
    build_review_db,
    claim_row,
    decisions,
    polls,
    search_in_app,
)
from tui.app import make_app
from tui.screens.documents import DocumentsScreen
from tui.screens.edit import ClaimForm
from tui.screens.review import ReviewScreen
from tui.widgets.claim_card import ClaimCard
from tui.widgets.document_list import DocumentList, row_text
from tui.widgets.document_view import DocumentView

#: A document the extractor found nothing in.
QUIET = "今天天气晴朗。市民在公园散步，据称有三百人参加了晨练活动。"


@pytest.fixture
def setup(tmp_path):
    """The three review documents (nine pending claims) and a fourth one without claims."""
    path = tmp_path / "docs.db"
    info = build_review_db(path)
    conn = open_db(path)
    info["quiet"] = add_document(conn, QUIET, "公园[b]晨练[/b]", "news/quiet.txt")
    conn.close()
    return path, info


async def open_picker(app, pilot, key: str = "d") -> DocumentsScreen:
    await pilot.pause()
    await pilot.press(key)
    for _ in polls():
        await pilot.pause()
        if isinstance(app.screen, DocumentsScreen) and app.screen.shown is not None:
            break
    picker = app.screen
    assert isinstance(picker, DocumentsScreen)
    return picker


async def wait_for(pilot, done, what: str) -> None:
    """Let the app run until ``done()`` holds (the machine may be busy: never a fixed pause)."""
    for _ in polls():
        await pilot.pause(0.05)
        if done():
            return
    raise AssertionError(what)


async def settle(pilot, picker: DocumentsScreen, text: str) -> None:
    for _ in polls():
        await pilot.pause(0.05)
        if picker.shown == text:
            return
    raise AssertionError(f"the filter {text!r} was never shown")


# --------------------------------------------------------------------------- queries


def test_rows_page_in_id_order_with_counts_and_ordinals(setup):
    path, info = setup
    conn = open_db(path)
    rows = documents.document_rows(conn, "", 0, 10)
    assert [r["id"] for r in rows] == [*info["docs"], info["quiet"]]
    assert [r["ordinal"] for r in rows] == [1, 2, 3, 4]
    assert [(r["claims"], r["pending"]) for r in rows] == [(5, 5), (3, 3), (1, 1), (0, 0)]
    assert documents.count_documents(conn) == 4
    # a filter keeps each document's ordinal among all documents
    rows = documents.document_rows(conn, "TEST/", 0, 10)  # Latin letters in any case
    assert [(r["id"], r["ordinal"]) for r in rows] == [(info["docs"][1], 2), (info["docs"][2], 3)]
    assert documents.count_documents(conn, "晨练") == 1  # a title substring
    assert documents.document_rows(conn, "test/", 1, 1)[0]["ordinal"] == 3  # a later page
    # LIKE wildcards are matched as typed
    assert documents.count_documents(conn, "%") == 0
    assert documents.count_documents(conn, "_") == 1  # only seeds/000_… holds one
    assert documents.index_of(conn, "", info["quiet"]) == 3
    conn.close()


def test_the_picker_reads_from_the_covering_index(setup):
    path, _ = setup
    conn = open_db(path)
    plan = conn.execute(
        "EXPLAIN QUERY PLAN SELECT id, source, title FROM documents INDEXED BY documents_listing"
        " WHERE (source LIKE ? OR title LIKE ?) ORDER BY id LIMIT 10",
        ("%a%", "%a%"),
    ).fetchall()
    assert any("COVERING INDEX documents_listing" in row[-1] for row in plan)
    conn.close()


def test_a_picker_row_fits_its_width_and_shows_text_as_text():
    row = {"id": 7, "ordinal": 7, "source": "a/" + "很长的来源" * 10, "title": "[b]标题[/b]" * 5,
           "claims": 0, "pending": 0}  # fmt: skip
    for width in (40, 80, 120):
        text = row_text(row, width)  # type: ignore[arg-type]
        assert text.cell_len <= width
        assert "no candidates" in text.plain
        assert "[b]" in text.plain  # markup in a title is shown, never applied


# --------------------------------------------------------------------------- the session


def test_open_document_goes_to_its_first_claim_or_shows_it_alone(setup):
    path, info = setup
    conn = open_db(path)
    s = ReviewSession(conn, "ann", strategy=Strategy())
    s.open()
    out = s.open_document(info["docs"][1])
    assert out.ok and out.view.claim["id"] == info["ids"][5]
    out = s.open_document(info["quiet"])
    assert out.ok and out.view.claim is None and out.view.doc["id"] == info["quiet"]
    assert out.view.position == (0, 0, 4, 4)
    assert "no candidate" in out.view.empty_message and "v " in out.view.empty_message
    for action in ("accept", "reject", "skip", "edit"):
        refused = s.decide(action, {"value": 1} if action == "edit" else None)
        assert refused.kind == "refused" and "no candidates" in refused.message
    assert decisions(path) == []
    # moves go on from the document's place in review order
    assert s.move("previous").view.claim["id"] == info["ids"][8]
    s.open_document(info["quiet"])
    assert s.move("next").kind == "refused"  # the last document: nothing after it
    # a claim added there is shown
    a = QUIET.index("三百人")
    added = s.add({"start": a, "end": a + 3, "value": 300, "unit": "人", "kind": "count"})
    assert added.ok and added.view.claim["doc_id"] == info["quiet"]
    row = claim_row(path, added.view.claim["id"])
    sentence = QUIET[row["sentence_start"] : row["sentence_end"]]
    assert sentence == "市民在公园散步，据称有三百人参加了晨练活动。"
    assert s.open_document(999).kind == "refused"
    conn.close()


def test_open_document_outside_the_filter_clears_it(setup):
    path, info = setup
    conn = open_db(path)
    s = ReviewSession(conn, "ann", strategy=Strategy())
    s.open()
    from db.review import ClaimFilter

    s.set_filter(ClaimFilter(kind="percent"))
    out = s.open_document(info["docs"][2])  # its one claim is money
    assert out.view.claim["id"] == info["ids"][8] and "cleared" in out.message
    assert s.flt.is_empty
    s.set_filter(ClaimFilter(kind="money"))
    out = s.open_document(info["docs"][0])  # the first money claim of the document
    assert out.view.claim["id"] == info["ids"][0] and s.flt.kind == "money"
    conn.close()


# --------------------------------------------------------------------------- the app


@pytest.mark.parametrize("key", ["d", "f9"])
async def test_picker_lists_filters_and_opens(setup, key):
    path, info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await open_picker(app, pilot, key)
        listing = picker.query_one(DocumentList)
        assert listing.total == 4 and listing.cursor == 0  # on the document on screen
        await pilot.press(*"test/doc")
        await settle(pilot, picker, "test/doc")
        assert listing.total == 2 and listing.chosen["id"] == info["docs"][1]
        await pilot.press("down")  # moves the list while the filter has focus
        assert listing.chosen["id"] == info["docs"][2]
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.claim["id"] == info["ids"][8]
    assert decisions(path) == []


async def test_typing_a_filter_then_enter_at_once_opens_the_match(setup):
    path, info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await open_picker(app, pilot)
        picker.query_one("#filter", Input).value = "quiet"
        await pilot.press("enter")  # before the debounce fired
        for _ in polls():
            await pilot.pause(0.05)
            if isinstance(app.screen, ReviewScreen):
                break
        assert app.screen.doc["id"] == info["quiet"]


async def test_escape_closes_the_picker_and_letters_are_typed(setup):
    path, info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        picker = await open_picker(app, pilot)
        await pilot.press("a", "x", "s")  # typed into the filter, never decisions
        assert picker.query_one("#filter", Input).value == "axs"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.claim["id"] == info["ids"][0]
    assert decisions(path) == []


async def test_a_document_without_candidates_opens_and_a_claim_can_be_added(setup):
    path, info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await open_picker(app, pilot)
        await pilot.press(*"晨练")
        await settle(pilot, picker, "晨练")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.claim is None and screen.doc["id"] == info["quiet"]
        assert screen.query_one(DocumentView).text == QUIET
        assert screen.query_one(ClaimCard).border_title == "no candidates"
        shown = screen_text(app)
        assert "This document has no candidate claims" in shown and "公园[b]晨练[/b]" in shown
        # review keys say there is no claim, write nothing, never crash
        await pilot.press("a")
        await pilot.pause()
        assert any("no claim to accept" in n.message for n in app._notifications)
        for key in ("a", "enter", "x", "delete", "s", "e", "h", "j", "k", "J", "K", "f2"):
            await pilot.press(key)
            await pilot.pause()
            if not isinstance(app.screen, ReviewScreen):
                await pilot.press("escape")
                await pilot.pause()
            # back to the document alone (j, k, J, K moved on to claims of other documents)
            await screen._act(lambda: screen.session.open_document(info["quiet"]))
        assert decisions(path) == []
        # n adds a claim anywhere in the document
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClaimForm)
        form.query_one("#f-quantity_text", Input).value = "三百人"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.claim is not None and screen.claim["doc_id"] == info["quiet"]
        row = claim_row(path, screen.claim["id"])
    assert (row["quantity_text"], row["value"], row["status"]) == ("三百人", 300, "accepted")
    assert QUIET[row["sentence_start"] : row["sentence_end"]].startswith("市民")
    assert [d["action"] for d in decisions(path)] == ["add"]


async def test_help_and_palette_list_the_documents_key(setup):
    path, _ = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        rows = app.screen.help_rows()
        assert any(r[3] == "review.documents" and "d" in r[0] and "f9" in r[0] for r in rows)


async def test_picker_reads_pages_near_the_viewport_only(tmp_path):
    path = tmp_path / "many.db"
    conn = open_db(path)
    import hashlib

    from db.connection import transaction

    with transaction(conn):
        conn.executemany(
            "INSERT INTO documents (source, title, text, sha256, ingested_at)"
            " VALUES (?, ?, ?, ?, '2024-01-01')",
            [(f"src/{i:05d}.txt", f"标题{i}", f"正文{i}。",
              hashlib.sha256(str(i).encode()).hexdigest()) for i in range(5000)],
        )  # fmt: skip
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await open_picker(app, pilot)
        listing = picker.query_one(DocumentList)
        assert listing.total == 5000
        assert listing.reads <= 2
        listing.focus()
        await pilot.press("end")
        await pilot.pause()
        assert listing.chosen["ordinal"] == 5000 and listing.reads <= 4
        await pilot.press(*"04999")
        assert picker.query_one("#filter", Input).value == "04999"
        await settle(pilot, picker, "04999")
        assert listing.total == 1 and listing.chosen["ordinal"] == 5000


# --------------------------------------------------------------------------- source filter


def test_source_filter_is_one_where_for_list_and_export(setup, tmp_path):
    import json

    from click.testing import CliRunner

    from db import review
    from tui.cli import cli

    path, info = setup
    conn = open_db(path)
    flt = review.plan_filter(conn, review.ClaimFilter(source_has="TEST/"))
    assert flt.index == "claims_doc" and "source=TEST/" in flt.describe()
    assert review.count(conn, flt) == 4
    rows = review.rows_after(conn, flt, None, 10)
    assert [r["id"] for r in rows] == info["ids"][5:]
    pending = review.plan_filter(conn, review.ClaimFilter(source_has="doc3", status="pending"))
    assert [r["id"] for r in review.rows_after(conn, pending, None, 10)] == [info["ids"][8]]
    assert review.count(conn, review.ClaimFilter(source_has="%")) == 0  # wildcards as typed
    s = ReviewSession(conn, "ann", strategy=Strategy())
    s.open()
    out = s.set_filter(review.ClaimFilter(source_has="doc2"))
    assert out.view.total == 3 and out.view.claim["id"] == info["ids"][5]
    assert s.move("next_document").kind == "refused"  # doc3 is outside the filter
    conn.close()
    # export --doc picks the document by its whole source, the same WHERE builder
    for claim_id in info["ids"][5:]:
        c2 = open_db(path)
        review.decide(c2, claim_id, "ann", "accept")
        c2.close()

    def exported(*args: str) -> list[int]:
        result = CliRunner().invoke(cli, ["export", "--db", str(path), *args])
        assert result.exit_code == 0, result.output
        return [json.loads(line)["claim_id"] for line in result.output.splitlines()]

    assert exported("--doc", "test/doc2.txt") == info["ids"][5:8]
    assert exported("--doc", "test/doc2") == []  # --doc: one whole source
    assert exported("--source", "test/doc2") == info["ids"][5:8]  # --source: a part of one
    assert exported("--source", "test/", "--status", "any") == info["ids"][5:]
    assert exported("--source", "SEEDS/", "--status", "pending") == info["ids"][:5]


async def test_filter_form_by_source(setup):
    path, info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#source", Input).value = "test/doc3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.flt.source_has == "test/doc3"
        assert screen.total == 1 and screen.claim["id"] == info["ids"][8]
        assert "source=test/doc3" in screen_text(app)
        # the form opens with the filter in force; emptied, it shows every claim again
        await pilot.press("f")
        await pilot.pause()
        field = app.screen.query_one("#source", Input)
        assert field.value == "test/doc3"
        field.value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.flt.is_empty and screen.total == 9


async def test_review_with_source_opens_on_those_documents_only(setup):
    from click.testing import CliRunner

    from tui.cli import cli

    path, info = setup
    app = make_app(str(path), reviewer="ann", source="test/")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.total == 4 and screen.claim["id"] == info["ids"][5]
        await pilot.press("a", "a", "a", "a")
        await pilot.pause()
        assert screen.claim["id"] == info["ids"][8]  # nothing outside test/ was offered
    assert [claim_row(path, i)["status"] for i in info["ids"][5:]] == ["accepted"] * 4
    assert claim_row(path, info["ids"][0])["status"] == "pending"
    help_text = CliRunner().invoke(cli, ["review", "--help"]).output
    assert "--source" in help_text


# --------------------------------------------------------------------------- search highlight


def test_find_terms_offsets_are_str_indices():
    from tui.widgets.document_view import find_terms

    text = "İstanbul的Reuters报道：浦东新区有三成企业，浦东。"
    hits = find_terms(text, "浦东  reuters 成")
    assert [text[a:b] for a, b in hits] == ["Reuters", "浦东", "成", "浦东"]
    assert find_terms(text, "") == [] and find_terms(text, "不在") == []
    assert find_terms("aaaa", "aa") == [(0, 4)]  # overlapping hits merge


@pytest.mark.parametrize(
    ("query", "word"), [("浦东", "浦东"), ("家", "家"), ("累计捐款", "累计捐款")]
)
async def test_search_terms_are_highlighted_after_the_jump(setup, query, word):
    from tui.widgets.claim_list import ClaimList

    path, info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one(ClaimList).focus()
        await search_in_app(app, pilot, query, key="slash")
        await pilot.press("enter")
        view = screen.query_one(DocumentView)
        await wait_for(pilot, lambda: app.screen is screen and view.search_hits, "no jump")
        text = screen.doc["text"]
        where = [i for i in range(len(text)) if text.startswith(word, i)]
        assert where and view.search_hits == [(i, i + len(word)) for i in where]
        style = view.get_component_rich_style("document--search")
        covered: set[int] = set()  # the word may wrap onto the next line
        for n, (start, _end) in enumerate(view.lines):
            for span in view.render_text_line(n).spans:
                if span.style == style:
                    covered.update(range(start + span.start, start + span.end))
        assert covered == {i + k for i in where for k in range(len(word))}
        # another document: the hits are gone
        await pilot.press("J" if screen.doc["id"] != info["docs"][2] else "K")
        await pilot.pause()
        assert view.search_hits == []


async def test_a_search_hit_in_a_document_without_claims_opens_it(setup):
    from db import review

    path, info = setup
    conn = open_db(path)
    [hit] = review.search(conn, "晨练")
    conn.close()
    assert (hit["claim_id"], hit["doc_id"]) == (None, info["quiet"])
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await search_in_app(app, pilot, "晨练")
        assert "claim —" in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.claim is None, "no jump")
        assert screen.doc["id"] == info["quiet"]
        a = QUIET.index("晨练")
        assert screen.query_one(DocumentView).search_hits == [(a, a + 2)]
    assert decisions(path) == []
