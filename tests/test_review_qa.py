"""Defects found by trying claimdesk as a new user would (eighth session, helper ``qa``).

Each test drives the real app through ``make_app`` (Pilot) or the CLI, and failed before its
fix:

1. A review opened on a database another program holds locked showed a blank card (a toast
   that went away after a few seconds, then nothing) and never opened once the lock was gone.
2. With a Chinese input method in its Chinese-punctuation mode, the non-letter keys ``!`` (flag,
   its only non-letter key), ``?``, ``.``, ``,``, ``*``, ``[`` ``]`` (the field in focus: no
   other key) arrive as ``！ ？ 。 ， ＊ 【 】`` and did nothing; full-width digits did not pick.
3. In span mode, once a field was assigned, the card's title lost the claim and its status
   (``─  · draft ─``: Textual reads the border title back as Content, not as the Text set).
4. ``ingest`` of a JSONL line with a raw control character or an unterminated string said
   ``malformed JSON (Invalid control character at at column 23)``: "at at".
5. ``stats`` in an 80-column terminal, and into a file or a pipe (Rich's 80 columns), cut the
   rule names (``count.mea…``, ``range.app…``) — the column that says where the extractor
   must improve — and broke the claims sentence in two lines.
6. A subject (or time) typed in the edit form, or carried to siblings, that stands in an
   earlier sentence than the quantity — as the extractor's own subjects often do — got no
   offsets: no highlight, and no SUBJECT span in the brat and Label Studio exports.
7. At 80x24 and 60x20 the edit form showed one line of the claim's sentence, its start: the
   quantity of a long sentence was out of sight.
8. The statistics panel (``t``) under ~100 columns cut its progress sentence to one line
   ("… decided. Documents"): the status bar's ``#progress { height: 1 }`` rule matched the
   panel's line of the same id. Its pace sparkline stretched one five-minute bucket over the
   panel's whole width as full bars (a sitting of one decision read as a busy one).
"""

from __future__ import annotations

import json

import pytest

import tui.screens.review as review_screen
from db.connection import open_db
from tests.conftest import notified
from tests.test_review_app import screen_text
from tests.test_review_defects import lock
from tests.test_review_helpers import build_review_db
from tui.app import make_app
from tui.widgets.claim_list import ClaimList


@pytest.fixture
def setup(tmp_path):
    path = tmp_path / "review.db"
    return path, build_review_db(path)


# --------------------------------------------------------------------------- 1: locked at start


@pytest.mark.parametrize("mode", ["split", "overlap"])
async def test_a_review_opened_on_a_locked_database_says_so_and_opens_once_free(
    setup, monkeypatch, mode
):
    path, info = setup
    monkeypatch.setattr(review_screen, "OPEN_RETRY_SECONDS", 0.2)
    app = make_app(str(path), reviewer="ann", mode=mode)
    app.conn.execute("PRAGMA busy_timeout = 20")  # give up on the lock quickly
    blocker = lock(path)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            assert app.screen.claim is None
            assert "locked by another program" in text and "Trying again" in text
            await pilot.pause(0.5)  # a retry while still locked: still says so, no crash
            assert app.screen.claim is None and "locked by another program" in screen_text(app)
            blocker.execute("ROLLBACK")
            for _ in range(100):
                await pilot.pause(0.1)
                if app.screen.claim is not None:
                    break
            await pilot.pause()
            assert app.screen.claim["id"] == info["ids"][0]
            assert "locked by another program" not in screen_text(app)
            assert app.screen.query_one(ClaimList).total == len(info["ids"])
    finally:
        blocker.close()


# --------------------------------------------------------------------------- 2: input-method keys


def state(app) -> tuple:
    """What a key can change: the screen on top, the claim, the field in focus, the decisions
    written and the last message."""
    screen = app.screen
    review = app.screen_stack[1]
    decisions = review.conn.execute("SELECT count(*) FROM decisions").fetchone()[0]
    claim = review.claim["id"] if review.claim else None
    messages = notified(app)
    return (
        type(screen).__name__,
        claim,
        review.field_focus,
        decisions,
        messages[-1] if messages else "",
    )


async def effect(path, keys: list[str]) -> tuple[tuple, tuple]:
    """The state before and after pressing ``keys`` (the last one is the key under test)."""
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in keys[:-1]:
            await pilot.press(key)
            await pilot.pause()
        before = state(app)
        await pilot.press(keys[-1])
        await pilot.pause()
        return before, state(app)


@pytest.mark.parametrize(
    ("before", "ascii_key", "ime_key"),
    [
        ([], "!", "！"),  # flag: the note form opens
        ([], "?", "？"),  # help
        ([], ".", "。"),  # next pending claim
        (["j"], ",", "，"),  # back to the claim shown before
        (["x"], "*", "＊"),  # siblings of the reject (none here: says so)
        ([], "]", "】"),  # the next field in focus
        (["]"], "[", "【"),  # the previous one
        ([], "2", "２"),  # pick alternative 2
    ],
)
async def test_what_a_chinese_input_method_sends_for_a_key_does_what_the_key_does(
    tmp_path, before, ascii_key, ime_key
):
    path = tmp_path / "review.db"
    info = build_review_db(path)
    conn = open_db(path)
    first = info["ids"][0]
    options = {
        "subject": [{"text": "中国人保", "score": 0.5}, {"text": "上海市政府", "score": 0.4}],
        "predicate": [{"text": "捐赠", "score": 0.3}],
    }
    conn.execute("UPDATE claims SET alternatives = ? WHERE id = ?", (json.dumps(options), first))
    conn.commit()
    conn.close()
    copy = tmp_path / "copy.db"
    copy.write_bytes(path.read_bytes())
    start_a, after_a = await effect(path, [*before, ascii_key])
    start_b, after_b = await effect(copy, [*before, ime_key])
    assert after_a != start_a  # the key does something here
    assert (start_b, after_b) == (start_a, after_a)


async def test_the_help_panel_names_the_input_method_keys_once(setup):
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        rows = {row[3]: row[0] for row in app.screen.help_rows()}
        await pilot.press("？")
        await pilot.pause()
        text = screen_text(app)
    assert rows["review.flag"] == "m !" and rows["review.field_next"] == "]"
    assert "its ！？。，＊【】" in text and "full-width digits work as" in text


@pytest.mark.parametrize(
    ("size", "header"), [((120, 40), "what it does"), ((60, 20), "what it does · id (keymap)")]
)
async def test_the_help_panel_gives_its_room_to_what_each_key_does(setup, size, header):
    """Forty-first session: the seventeen hint labels on one line made the keys column a third
    of the panel, and at 120 columns each action's description wrapped into four lines; at
    60×20 the action's and the id's columns left it no room at all (the id goes after the
    description there)."""
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        lines = screen_text(app).splitlines()
    accept = next(line for line in lines if "Accept the claim" in line)
    assert accept.index("Accept the claim") - accept.index("a ⏎") < 40
    assert any(header in line for line in lines) and any("review.accept" in ln for ln in lines)


# --------------------------------------------------------------------------- 3: the draft's title


async def test_a_span_draft_keeps_the_claim_and_its_status_in_the_card_title(setup):
    from tests.test_span_mode import at_doc2, card_text, enter_span, press
    from tui.widgets.claim_card import ClaimCard

    path, info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await enter_span(screen, pilot)
        await press(pilot, "right", "shift+right", "s")
        assert "draft" in card_text(screen.query_one(ClaimCard))
        assert f"╭─ claim #{info['ids'][5]} · pending · draft ─" in screen_text(app)


# --------------------------------------------------------------------------- 4: "at at column"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"id": "a", "text": "一\t二"}', "Invalid control character at column 23"),
        ('{"id": "a", "text": "今年', "Unterminated string starting at column 21"),
        ('{"id": "a" "text": "x"}', "Expecting ',' delimiter at column 12"),
    ],
)
@pytest.mark.parametrize("fmt", ["jsonl", "doccano", "prodigy"])
def test_a_malformed_jsonl_line_is_named_in_one_clear_line(tmp_path, line, problem, fmt):
    from click.testing import CliRunner

    from tui.cli import cli

    good = '{"id": "b", "text": "今年营收100亿元。"}'
    path = tmp_path / "news.jsonl"
    path.write_text(good + "\n" + line, encoding="utf-8")  # the last line: no line break
    args = ["ingest", str(path), "--db", str(tmp_path / "x.db")]
    if fmt != "jsonl":
        args += ["--from", fmt]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    assert errors[0] == f"error: {path}:2: malformed JSON ({problem})", result.stderr
    assert all(":2:" not in e for e in errors[1:])  # (doccano, prodigy: "nothing imported")
    assert "Traceback" not in result.output + result.stderr


# --------------------------------------------------------------------------- 5: stats, narrow


@pytest.fixture
def rules_db(tmp_path):
    """A database whose rules have long names (the extractor's own are up to 17 characters)."""
    from db import review
    from tests.test_review_helpers import add_claim, add_document

    path = tmp_path / "rules.db"
    conn = open_db(path)
    text = "今年共有1200家企业参与，约三成为外资企业，累计捐款1.5万元。"
    doc = add_document(conn, text, "统计", "news/a.txt")
    ids = [
        add_claim(conn, doc, text, q, value=v, rule=rule, kind=kind)
        for q, v, rule, kind in (
            ("1200家", 1200, "count.measure.long", "count"),
            ("约三成", 30, "range.approximate.x", "percent"),
            ("1.5万元", 15000, "money.scaled.words", "money"),
        )
    ]
    review.decide(conn, ids[0], "reviewer-with-a-long-name", "accept")
    conn.close()
    return path


@pytest.mark.parametrize("columns", [None, "80"])
def test_stats_never_cuts_rule_or_reviewer_names(rules_db, columns):
    from click.testing import CliRunner

    from tui.cli import cli

    result = CliRunner().invoke(cli, ["stats", "--db", str(rules_db)], env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    out = result.output
    for name in (
        "count.measure.long",
        "range.approximate.x",
        "money.scaled.words",
        "reviewer-with-a-long-name",
    ):
        assert name in out, out
    if columns is None:  # a file or a pipe: one line per sentence
        assert any(
            ln.startswith("Claims 3:") and ln.endswith("added by reviewers")
            for ln in out.splitlines()
        ), out
    else:
        assert max(len(ln) for ln in out.splitlines()) <= 80


# --------------------------------------------------------------------------- 6: typed subject


#: Written for the test: the subject and the time are named in the sentence before the quantity.
NEWS = "华为公司今天发布财报。该公司称，营收增长了两成。去年同期营收为100亿元。"


@pytest.mark.parametrize(
    ("field", "value", "span"),
    [
        ("subject", "该公司", (11, 14)),  # in the quantity's sentence: that one
        ("subject", "华为公司", (0, 4)),  # only before the sentence: its nearest mention
        ("subject", "公司", (12, 14)),  # in the sentence (and before it): the sentence's
        ("time", "今天", (4, 6)),  # a time carried over likewise
        ("predicate", "发布", (None, None)),  # a predicate is the sentence's or none
        ("subject", "小米", (None, None)),  # nowhere
        ("subject", "去年同期", (None, None)),  # only after the sentence: not guessed
    ],
)
def test_a_typed_subject_or_time_is_found_in_the_sentence_else_just_before(field, value, span):
    from db.fields import locate_spans

    s0 = NEWS.index("该公司称")
    start = NEWS.index("两成")
    column = "time_text" if field == "time" else field
    fields = {"sentence_start": s0, "sentence_end": NEWS.index("去年"), "start": start}
    fields[column] = value
    out = locate_spans(NEWS, fields)
    assert (out[f"{field}_start"], out[f"{field}_end"]) == span
    if span[0] is not None:
        assert NEWS[span[0] : span[1]] == value


async def test_a_subject_typed_in_the_form_from_an_earlier_sentence_keeps_its_offsets(tmp_path):
    from textual.widgets import Input

    from tests.test_review_helpers import add_claim, add_document, claim_row
    from tui.screens.edit import ClaimForm

    path = tmp_path / "news.db"
    conn = open_db(path)
    doc = add_document(conn, NEWS, "华为财报", "news/huawei.txt")
    cid = add_claim(conn, doc, NEWS, "两成", value=20, unit="%", kind="percent", subject="该公司")
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClaimForm)
        form.query_one("#f-subject", Input).value = "华为公司"
        await pilot.press("ctrl+s")
        await pilot.pause()
    row = claim_row(path, cid)
    assert (row["status"], row["subject"]) == ("accepted", "华为公司")
    assert (row["subject_start"], row["subject_end"]) == (0, 4)


# --------------------------------------------------------------------------- 7: the form, small


#: Written for the test: a long sentence whose quantity comes at its very end.
LONG = (
    "据统计，今年以来全市新登记的各类市场主体持续增长，其中制造业企业的数量明显增多，"
    "服务业企业也保持了较快的增长势头，科技型中小企业更是成为新的亮点，"
    "参与本次调查的企业共有1200家。"
)


def sentence_box(text: str) -> str:
    """The text inside the form's sentence box (between its top and bottom edges)."""
    lines = text.splitlines()
    top = next(i for i, ln in enumerate(lines) if "▔▔▔▔" in ln)
    bottom = next(i for i, ln in enumerate(lines) if i > top and "▁▁▁▁" in ln)
    inner = [ln.split("▊", 1)[1].rsplit("▎", 1)[0] for ln in lines[top + 1 : bottom]]
    return "".join(part.strip() for part in inner)


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 40)])
async def test_the_edit_form_shows_the_quantity_in_its_sentence_on_a_small_screen(tmp_path, size):
    from tests.test_review_helpers import add_claim, add_document
    from tui.screens.edit import ClaimForm

    path = tmp_path / "long.db"
    conn = open_db(path)
    doc = add_document(conn, LONG, "调查", "news/long.txt")
    add_claim(conn, doc, LONG, "1200家", value=1200, unit="家", subject="企业")
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ClaimForm)
        shown = sentence_box(screen_text(app))
        assert "1200家" in shown, shown


# --------------------------------------------------------------------------- 8: stats panel


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_stats_panel_shows_its_whole_progress_sentence(setup, size):
    from tui.screens.stats import StatsScreen

    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("a", "t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        text = " ".join(ln.strip("█ ") for ln in screen_text(app).splitlines())
        assert "Documents 3: 0 fully reviewed." in text, text
        assert "ann, this sitting: 1 decision" in text
        from textual.widgets import Sparkline

        pace = app.screen.query_one(Sparkline)
        assert pace.region.width == len(pace.data) == 1  # one bar per five minutes
