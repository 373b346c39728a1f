"""Pilot tests of the review app, built through ``tui.app.make_app`` as the CLI builds it.

Each test gets its own database (tmp_path) with claims inserted by SQL (no jieba, no
extractor run). Keys are pressed in both focus states: the claim list and the document.
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import Input, OptionList, Select

from db import review
from tests.test_review_helpers import build_review_db, claim_row, decisions
from tui.app import make_app
from tui.screens.edit import ClaimForm
from tui.screens.panels import FilterScreen, HelpScreen, HistoryScreen, SearchScreen
from tui.screens.review import ReviewScreen
from tui.widgets.claim_list import ClaimList
from tui.widgets.document_view import DocumentView


@pytest.fixture
def setup(tmp_path):
    """A database with nine pending claims in three documents."""
    path = tmp_path / "review.db"
    return path, build_review_db(path)


def screen_text(app) -> str:
    """What the terminal shows, as plain text (like App.export_screenshot, without SVG)."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


def screen_of(app) -> ReviewScreen:
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


async def start(app, pilot, focus: str = "list") -> ReviewScreen:
    """Wait for the first claim and put the focus where the test wants it."""
    await pilot.pause()
    screen = screen_of(app)
    target = ClaimList if focus == "list" else DocumentView
    screen.query_one(target).focus()
    await pilot.pause()
    assert isinstance(app.focused, target)
    return screen


FOCUS = pytest.mark.parametrize("focus", ["list", "document"])


@FOCUS
@pytest.mark.parametrize("key", ["a", "enter"])
async def test_accept_moves_to_next_pending(setup, focus, key):
    path, info = setup
    ids = info["ids"]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot, focus)
        assert screen.claim["id"] == ids[0]
        await pilot.press(key)
        await pilot.pause()
        assert screen.claim["id"] == ids[1]
        assert screen.index == 1
        assert screen.counts["accepted"] == 1
    row = claim_row(path, ids[0])
    assert (row["status"], row["reviewer"]) == ("accepted", "ann")
    assert [d["action"] for d in decisions(path)] == ["accept"]


@FOCUS
@pytest.mark.parametrize("key", ["x", "delete"])
async def test_reject(setup, focus, key):
    path, info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test() as pilot:
        screen = await start(app, pilot, focus)
        await pilot.press(key)
        await pilot.pause()
        assert screen.claim["id"] == info["ids"][1]
    assert claim_row(path, info["ids"][0])["status"] == "rejected"


@FOCUS
@pytest.mark.parametrize("key", ["s", "space"])
async def test_skip_stays_pending_and_goes_past(setup, focus, key):
    path, info = setup
    ids = info["ids"]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test() as pilot:
        screen = await start(app, pilot, focus)
        await pilot.press(key)
        await pilot.pause()
        assert screen.claim["id"] == ids[1]
        # accept everything after; the skipped claim comes back only when nothing else is left
        for _ in ids[1:]:
            await pilot.press("a")
        await pilot.pause()
        assert screen.claim["id"] == ids[0]
    assert claim_row(path, ids[0])["status"] == "pending"
    assert decisions(path)[0]["action"] == "skip"


@FOCUS
@pytest.mark.parametrize("key", ["u", "backspace"])
async def test_undo_any_number_of_times(setup, focus, key):
    path, info = setup
    ids = info["ids"]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test() as pilot:
        screen = await start(app, pilot, focus)
        await pilot.press("a", "x")
        await pilot.pause()
        assert screen.claim["id"] == ids[2]
        await pilot.press(key)
        await pilot.pause()
        assert screen.claim["id"] == ids[1]
        assert screen.claim["status"] == "pending"
        await pilot.press(key)
        await pilot.pause()
        assert screen.claim["id"] == ids[0]
        assert screen.counts == {"pending": 9, "accepted": 0, "rejected": 0}
    assert [claim_row(path, i)["status"] for i in ids[:2]] == ["pending", "pending"]
    assert [d["action"] for d in decisions(path)] == ["accept", "reject", "undo", "undo"]


async def test_undo_across_a_restart(setup):
    path, info = setup
    ids = info["ids"]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test() as pilot:
        await start(app, pilot)
        await pilot.press("a", "a", "x")
        await pilot.pause()
        await pilot.press("q")
    assert app.return_code == 0 or app.return_code is None
    # A new app on the same file opens at the first pending claim ...
    app2 = make_app(str(path), reviewer="ann")
    async with app2.run_test() as pilot:
        screen = await start(app2, pilot)
        assert screen.claim["id"] == ids[3]
        # ... and undoes the decisions of the previous session, newest first.
        await pilot.press("u")
        await pilot.pause()
        assert screen.claim["id"] == ids[2]
        await pilot.press("u", "u")
        await pilot.pause()
        assert screen.claim["id"] == ids[0]
    assert [claim_row(path, i)["status"] for i in ids[:3]] == ["pending"] * 3


async def test_reopens_at_first_pending_for_the_reviewer(tmp_path):
    path = tmp_path / "r.db"
    info = build_review_db(path, decided_first=4)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test() as pilot:
        screen = await start(app, pilot)
        assert screen.claim["id"] == info["ids"][4]
        assert screen.index == 4
        assert app.reviewer == "ann"


async def test_reopens_past_the_claim_skipped_last_session(tmp_path):
    path = tmp_path / "r.db"
    info = build_review_db(path, decided_first=4)
    async with make_app(str(path), reviewer="ann").run_test() as pilot:
        screen = await start(pilot.app, pilot)
        await pilot.press("s")
        await pilot.pause()
        assert screen.claim["id"] == info["ids"][5]
    async with make_app(str(path), reviewer="ann").run_test() as pilot:
        screen = await start(pilot.app, pilot)
        assert screen.claim["id"] == info["ids"][5]  # the skipped claim waits for the end


async def test_reviewer_defaults_to_login_name(setup, monkeypatch):
    path, _ = setup
    monkeypatch.setattr("getpass.getuser", lambda: "login-name")
    app = make_app(str(path))
    assert app.reviewer == "login-name"


@FOCUS
async def test_next_and_previous_claim(setup, focus):
    path, info = setup
    ids = info["ids"]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test() as pilot:
        screen = await start(app, pilot, focus)
        for key, expected in [("j", 1), ("down", 2), ("k", 1), ("up", 0), ("up", 0)]:
            await pilot.press(key)
            await pilot.pause()
            assert screen.claim["id"] == ids[expected], key
            assert screen.index == expected
    assert decisions(path) == []  # moving decides nothing


@FOCUS
async def test_next_and_previous_document(setup, focus):
    path, info = setup
    ids = info["ids"]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test() as pilot:
        screen = await start(app, pilot, focus)
        steps = [("J", 5, 2), ("pagedown", 8, 3), ("K", 5, 2), ("pageup", 0, 1)]
        for key, expected, ordinal in steps:
            await pilot.press(key)
            await pilot.pause()
            assert screen.claim["id"] == ids[expected], key
            assert screen.position[2:] == (ordinal, 3)
            assert screen.index == expected


async def test_header_position_and_card(setup):
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("j")
        await pilot.pause()
        assert screen.position == (2, 5, 1, 3)  # claim 2 of 5 in document 1 of 3
        header = screen_text(app).splitlines()[1]
        assert "claim 2 of 5 in document 1 of 3" in header
        assert "中国人保捐资上海" in screen_text(app).splitlines()[0]
        card = screen_text(app)
        for text in ("超过650名", "中国人保上海区域工协", "投入", "目前", "pending"):
            assert text in card


async def test_letter_keys_do_nothing_while_a_form_input_has_focus(setup):
    path, info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test() as pilot:
        screen = await start(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClaimForm)
        assert isinstance(app.focused, Input)
        value = app.focused
        value.value = ""
        await pilot.press("a", "x", "s", "u", "j", "q")
        await pilot.pause()
        assert value.value == "axsujq"  # typed, not acted on
        assert app.screen is form
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
    assert decisions(path) == []
    assert claim_row(path, info["ids"][0])["status"] == "pending"


@pytest.mark.parametrize("key", ["e", "f2"])
async def test_edit_saves_and_accepts_with_chinese_numerals(setup, key):
    path, info = setup
    cid = info["ids"][1]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("j", key)
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClaimForm)
        form.query_one("#f-value", Input).value = "六百五十一"
        form.query_one("#f-qualifier", Input).value = ">="
        form.query_one("#f-subject", Input).value = "中国人保"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert screen.claim["id"] == info["ids"][2]  # an edit moves on, like an accept
    row = claim_row(path, cid)
    assert (row["status"], row["edited"], row["value"], row["qualifier"]) == (
        "accepted",
        1,
        651.0,
        ">=",
    )
    assert row["subject"] == "中国人保" and row["original"]
    assert decisions(path)[-1]["action"] == "edit"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("value", "很多", "not a number"),
        ("qualifier", "about", "qualifier must be one of"),
        ("end", "99999", "not inside the document"),
        ("kind", "feeling", "kind must be one of"),
    ],
)
async def test_edit_validation_keeps_the_form_open(setup, field, value, message):
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one(f"#f-{field}", Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert message in str(form.query_one("#errors").render())
        await pilot.press("escape")
    assert decisions(path) == []


@pytest.mark.parametrize(("text", "expected"), [("1.5万", 15000.0), ("一千二百", 1200.0)])
async def test_edit_accepts_scaled_and_chinese_values(setup, text, expected):
    path, info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        await pilot.press("f2")
        await pilot.pause()
        app.screen.query_one("#f-value", Input).value = text
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert claim_row(path, info["ids"][0])["value"] == expected


@pytest.mark.parametrize("key", ["n", "insert"])
async def test_add_a_claim_prefilled_from_the_typed_span(setup, key):
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("J")  # document 2, sentence 据统计，全市共有一千二百家企业参与。
        await pilot.press(key)
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClaimForm) and form.mode == "add"
        assert isinstance(app.focused, Input) and app.focused.id == "f-quantity_text"
        await pilot.press(*"一千二百")
        await pilot.pause()
        assert form.query_one("#f-start", Input).value == "8"
        assert form.query_one("#f-end", Input).value == "12"
        assert form.query_one("#f-value", Input).value == "1200"  # the extractor's parsing
        form.query_one("#f-subject", Input).value = "全市"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        new = screen.claim
    assert new["origin"] == "reviewer" and new["status"] == "accepted"
    assert new["quantity_text"] == "一千二百" and new["value"] == 1200.0
    assert new["subject_start"] == 4  # 全市 located in the sentence
    assert decisions(path)[-1]["action"] == "add"


async def test_add_form_guesses_the_roles_of_the_typed_quantity(setup):
    """Once the typed quantity is located, the extractor's role resolution fills subject,
    predicate, object and time (in a worker thread); a field the reviewer typed is kept."""
    from tui.widgets.span_cursor import guess_roles

    path, info = setup
    text = info["texts"][2]  # the document J opens
    expected = guess_roles(text, 8, 13, None)  # 一千二百家
    assert expected.get("predicate")  # the guess has something to fill
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("J", "n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClaimForm)
        form.query_one("#f-object", Input).value = "企业"  # typed before the guess arrives
        await pilot.press(*"一千二百家")
        await app.workers.wait_for_complete()
        await pilot.pause()
        for field in ("subject", "predicate", "time_text"):
            assert form.query_one(f"#f-{field}", Input).value == (expected.get(field) or "")
        assert form.query_one("#f-object", Input).value == "企业"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        new = screen.claim
    assert new["quantity_text"] == "一千二百家" and new["object"] == "企业"
    assert new["predicate"] == expected["predicate"]
    assert new["subject"] == (expected.get("subject") or "")


async def test_add_by_selecting_in_the_sentence(setup):
    path, info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        await pilot.press("J", "j", "n")  # document 2, second claim: 其中约三成来自浦东新区。
        await pilot.pause()
        form = app.screen
        area = form.query_one("#sentence")
        area.focus()
        await pilot.pause()
        # select 约三成 (characters 2..5 of the sentence) with the keyboard
        await pilot.press("home", "right", "right", *["shift+right"] * 3)
        await pilot.pause()
        assert form.query_one("#f-quantity_text", Input).value == "约三成"
        assert form.query_one("#f-start", Input).value == str(info["texts"][2].index("约三成"))
        # pre-filled by the extractor's parsing of the selection
        assert form.query_one("#f-unit", Input).value == "%"
        assert form.query_one("#f-qualifier", Input).value == "~"
        await pilot.press("ctrl+s")
        await pilot.pause()
    added = [d for d in decisions(path) if d["action"] == "add"]
    assert len(added) == 1
    assert claim_row(path, added[0]["claim_id"])["value"] == 30.0


@pytest.mark.parametrize(
    ("query", "expected_index"),
    [("浦", 6), ("浦东", 6), ("浦东新", 6), ("解决率", 4)],  # 1, 2, 3 characters; a field
)
async def test_search_jumps_to_the_claim(setup, query, expected_index):
    path, info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("slash")
        await pilot.pause()
        search = app.screen
        assert isinstance(search, SearchScreen)
        await pilot.press(*query, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = search.query_one(OptionList)
        assert results.option_count >= 1
        hits = search.hits
        # the hit we want is among the results; pick it
        target = info["ids"][expected_index]
        results.highlighted = [h["claim_id"] for h in hits].index(target)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.claim["id"] == target
        assert screen.index == expected_index


async def test_search_with_ctrl_f_and_escape(setup):
    path, _ = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test() as pilot:
        screen = await start(app, pilot)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("a", "x")  # typed into the query, not decisions
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
    assert decisions(path) == []


@pytest.mark.parametrize("key", ["f", "f4"])
async def test_filter_by_status_kind_and_document(setup, key):
    path, info = setup
    ids = info["ids"]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, FilterScreen)
        app.screen.query_one("#kind", Select).value = "money"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.flt.kind == "money" and screen.total == 4
        assert screen.claim["id"] == ids[0]
        await pilot.press("j")
        await pilot.pause()
        assert screen.claim["id"] == ids[3]  # the next money claim
        await pilot.press("a")  # accept; next pending money claim
        await pilot.pause()
        assert screen.claim["id"] == ids[7]
        # status filter: accepted only
        await pilot.press(key)
        await pilot.pause()
        app.screen.query_one("#status", Select).value = "accepted"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.total == 1 and screen.claim["id"] == ids[3]
        # one document
        await pilot.press(key)
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert screen.flt.is_empty and screen.total == 9
        await pilot.press(key)
        await pilot.pause()
        app.screen.query_one("#doc", Input).value = str(info["docs"][2])
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.total == 1 and screen.claim["id"] == ids[8]


async def test_pending_filter_drops_decided_claims_from_the_list(setup):
    path, info = setup
    ids = info["ids"]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test() as pilot:
        screen = await start(app, pilot)
        await screen.set_filter(review.ClaimFilter(status="pending"))
        await pilot.press("a", "a")
        await pilot.pause()
        claims = screen.query_one(ClaimList)
        assert screen.total == claims.total == 7
        assert screen.index == 0 and screen.claim["id"] == ids[2]
        assert claims.row(0)["id"] == ids[2]
        await pilot.press("u")
        await pilot.pause()
        assert screen.total == 8 and screen.claim["id"] == ids[1] and screen.index == 0


@pytest.mark.parametrize("key", ["h", "f5"])
async def test_history(setup, key):
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await start(app, pilot)
        await pilot.press("a", "u", key)
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert [r["action"] for r in app.screen.rows] == ["accept", "undo"]
        shot = screen_text(app)
        assert "accept" in shot and "undo of #1" in shot
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_lists_every_key(setup, key):
    path, _ = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(140, 50)) as pilot:
        await start(app, pilot)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shot = screen_text(app)
        for text in ("review.accept", "review.undo", "Reject", "del", "pgdn", "f2", "insert"):
            assert text in shot, text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


async def test_command_palette_runs_review_actions(setup):
    path, info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"review: reject")
        await pilot.pause()  # the palette's search worker has finished
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.claim["id"] == info["ids"][1]
    assert claim_row(path, info["ids"][0])["status"] == "rejected"


def test_every_binding_has_an_id_and_a_tooltip():
    for binding in ReviewScreen.BINDINGS:
        assert binding.id and binding.tooltip, binding
    keys = ",".join(b.key for b in ReviewScreen.BINDINGS).split(",")
    # every action has a key that is not a plain letter (Chinese input methods eat letters;
    # digits pass through them: 1…9 pick an alternative)
    for binding in ReviewScreen.BINDINGS:
        assert any(len(k) > 1 or k.isdigit() for k in binding.key.split(",")), binding.key
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_quit(setup, key):
    path, _ = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test() as pilot:
        await start(app, pilot)
        await pilot.press("a", key)
        await pilot.pause()
        assert not app.is_running
    assert claim_row(path, 1)["status"] == "accepted"


async def test_tab_moves_focus_between_list_and_document(setup):
    path, _ = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test() as pilot:
        await start(app, pilot)
        await pilot.press("tab")
        assert isinstance(app.focused, DocumentView)
        await pilot.press("tab")
        assert isinstance(app.focused, ClaimList)


async def test_layout_toggle(setup):
    path, _ = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(app, pilot)
        doc, claims = screen.query_one(DocumentView), screen.query_one(ClaimList)
        assert claims.region.x > doc.region.x  # beside
        await pilot.press("l")
        await pilot.pause()
        assert claims.region.y > doc.region.y and claims.region.x == doc.region.x  # below


def highlighted(view: DocumentView, layer: str) -> str:
    """The characters the view paints in ``layer``'s colour, over all visual lines."""
    bg = view.styles_for()[layer].bgcolor
    out = []
    for i in range(len(view.lines)):
        for seg in view.render_text_line(i).render(view.app.console):
            if seg.style and seg.style.bgcolor == bg:
                out.append(seg.text)
    return "".join(out)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_highlight_equals_the_claim_spans(setup, size):
    path, info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=size) as pilot:
        screen = await start(app, pilot)
        view = screen.query_one(DocumentView)
        for _ in range(len(info["ids"])):
            claim = screen.claim
            text = info["texts"][claim["doc_id"]]
            assert highlighted(view, "quantity") == claim["quantity_text"]
            if claim["subject_start"] is not None:
                assert highlighted(view, "subject") == claim["subject"]
            if claim["predicate_start"] is not None:
                assert highlighted(view, "predicate") == claim["predicate"]
            if claim["time_start"] is not None:
                assert highlighted(view, "time") == claim["time_text"]
            # the quantity's line is on screen
            line = view.row_of(view.line_of(claim["start"]))  # label rows come between
            top = int(view.scroll_offset.y)
            assert top <= line < top + view.scrollable_content_region.height
            # wide characters wrap by cells: no line wider than the view, no text lost
            width = view.scrollable_content_region.width
            assert all(cell_len(text[a:b]) <= width for a, b in view.lines)
            # (a space where a line wraps is dropped: compare without spaces)
            shown = "".join(text[a:b] for a, b in view.lines).replace(" ", "")
            assert shown == text.replace("\n", "").replace(" ", "")
            for y in range(view.scrollable_content_region.height):
                assert view.render_line(y).cell_length == width
            await pilot.press("j")
            await pilot.pause()


async def test_latin_words_wrap_whole():
    from tui.widgets.document_view import wrap_offsets

    text = "增长来自海外Reuters市场"
    lines = wrap_offsets(text, 14)  # 增长来自海外 = 12 cells; Reuters would be cut at 2
    assert [text[a:b] for a, b in lines] == ["增长来自海外", "Reuters市场"]
    wide = wrap_offsets("中文字符", 3)
    assert [b - a for a, b in wide] == [1, 1, 1, 1]


async def test_list_reads_only_rows_near_the_viewport(tmp_path):
    """A long list pages from SQLite: a few windows read, never the whole table."""
    from db.connection import open_db, transaction
    from tests.test_review_helpers import DOC2, add_claim, add_document

    path = tmp_path / "long.db"
    conn = open_db(path)
    doc = add_document(conn, DOC2 * 3, "long", "long.txt")
    add_claim(conn, doc, DOC2 * 3, "一千二百家", value=1200)
    with transaction(conn):
        rows = [(doc, "一千二百家", 8, 13, 0, 18, 1200.0, "t") for _ in range(20_000)]
        conn.executemany(
            'INSERT INTO claims (doc_id, quantity_text, start, "end", sentence_start,'
            " sentence_end, value, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot)
        claims = screen.query_one(ClaimList)
        assert claims.virtual_size.height == 20_001
        assert claims.reads <= 3 and len(claims.window) <= 400
        claims.scroll_to(y=15_000, animate=False, immediate=True)
        await pilot.pause()
        assert claims.row(15_000) is not None
        assert len(claims.window) <= 2_000 and claims.reads <= 6
        for _ in range(5):
            await pilot.press("pagedown")  # one document: stays
        await pilot.press("a")
        await pilot.pause()
        assert screen.index == 1 and screen.claim["id"] == 2
