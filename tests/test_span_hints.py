"""Span mode's hint labels (issue 14): a label under each word of the cursor's sentence;
typing a label selects its word, a second label right after extends the selection to its word.

Pilot tests through ``tui.app.make_app`` check what was committed (a fresh connection); the
labels themselves are pure functions (:mod:`tui.widgets.hints`). DOC2's first sentence
据统计，全市共有一千二百家企业参与。 is 据统计 | 全市 | 共有 | 一千二百 | 家 | 企业 | 参与: seven
words; the claim's quantity is 一千二百家, so the labels go from it backwards first (共有 0, 全市 ;,
据统计 '), then on from it (一千二百 -, 家 =, 企业 \\, 参与 `).
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual import events

from tests.test_review_app import screen_text
from tests.test_review_helpers import DOC2, build_review_db, claim_row, one_claim_db
from tests.test_review_helpers import decisions as decisions_of
from tests.test_span_mode import at_doc2, enter_span, notes, press, selected
from tui.app import make_app
from tui.widgets import hints
from tui.widgets.document_view import DocumentView


@pytest.fixture
def setup(tmp_path):
    path = tmp_path / "review.db"
    return path, build_review_db(path)


@pytest.mark.parametrize(
    ("n", "want"),
    [
        (0, []),
        (3, ["0", ";", "'"]),
        (10, list("0;'-=\\`(){")),
        # the unshifted keys first, then ( ) { } | : ~ < > "
        (17, list("0;'-=\\`(){}|:~<>\"")),
        # eighteen words: one key becomes a prefix ("), sixteen keep one key
        (18, [*"0;'-=\\`(){}|:~<>", '"0', '";']),
        # forty words: two prefixes (> "), fifteen one-key labels
        (40, [*"0;'-=\\`(){}|:~<", *(p + c for p in '>"' for c in hints.ALPHABET)][:40]),
    ],
)
def test_labels_are_prefix_free_and_as_short_as_the_count_allows(n, want):
    labels = hints.make_labels(n)
    assert labels == want
    assert len(set(labels)) == len(labels)
    for a in labels:
        assert not any(b != a and b.startswith(a) for b in labels)  # prefix-free


def test_more_words_than_two_keys_can_label_get_no_label():
    assert len(hints.make_labels(400)) == len(hints.ALPHABET) ** 2


@pytest.mark.parametrize(
    ("character", "want"),
    [
        ("0", "0"),
        ("；", ";"),  # an input method's Chinese punctuation
        ("、", "\\"),  # the backslash key's 顿号
        ("·", "`"),  # the backquote key's 间隔号
        ("’", "'"),
        ("０", "0"),  # a full-width digit
        ("｛", "{"),
        ("｝", "}"),
        ("｜", "|"),
        ("7", None),  # the review screen's pick keys are no labels
        ("８", None),
        ("/", None),  # nor its search key
        ("－", "-"),
        ("（", "("),  # shifted keys: the input method's full-width forms
        ("）", ")"),
        ("：", ":"),
        ("～", "~"),
        ("〜", "~"),
        ("《", "<"),
        ("》", ">"),
        ("“", '"'),
        ("”", '"'),
        ("1", None),  # span mode's field keys are no labels
        ("s", None),
        ("[", None),
        ("", None),
        (None, None),
    ],
)
def test_key_char_reads_input_method_forms(character, want):
    assert hints.key_char(character) == want


@pytest.mark.parametrize(
    ("typed", "want"),
    [("0", (0, True)), ('"', (None, True)), ('";', (17, True)), ('""', (None, False))],
)
def test_typed_label(typed, want):
    labels = hints.label_words(list(range(18)))
    assert hints.typed_label(labels, typed) == want


# --------------------------------------------------------------------------- in the app


@pytest.mark.parametrize(
    ("keys", "field", "column", "want", "offsets"),
    [
        ((";", "0"), "s", "subject", "全市共有", (4, 8)),  # two labels: 全市 … 共有
        (("0",), "p", "predicate", "共有", (6, 8)),  # one label: one word
        (("0", ";"), "1", "subject", "全市共有", (4, 8)),  # the second label before the first
        (("'", "0", ";"), "s", "subject", "全市", (4, 6)),  # a third label starts anew
        (("right", "0"), "p", "predicate", "共有", (6, 8)),  # after a move: a new selection
    ],
)
async def test_labels_select_and_extend_then_assign_and_save(
    setup, keys, field, column, want, offsets
):
    path, info = setup
    cid = info["ids"][5]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await enter_span(screen, pilot, home=False)
        labels = screen.span_labels  # the sentence's seven words, from the quantity back first
        assert list(labels) == list("0;'-=\\`")
        first = labels["'"]  # 据统计
        assert list(labels.values()) == [first + 2, first + 1, first, *range(first + 3, first + 7)]
        await press(pilot, *keys)
        assert selected(screen) == want
        await press(pilot, field, "enter")
        await pilot.pause()
        assert screen.span is None
    row = claim_row(path, cid)
    assert (row["status"], row[column]) == ("accepted", want)
    assert (row[f"{column}_start"], row[f"{column}_end"]) == offsets
    assert DOC2[offsets[0] : offsets[1]] == want
    assert [d["action"] for d in decisions_of(path)] == ["edit"]


async def test_labels_are_drawn_under_their_words_as_text(setup):
    """The hint row sits under the sentence's line, each label at its word's column; the
    text's own line is unchanged; h hides the labels and their keys (F3 shows them again)."""
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        view = screen.query_one(DocumentView)
        before = [view.render_text_line(k).plain for k in range(len(view.lines))]
        await enter_span(screen, pilot, home=False)
        assert [view.render_text_line(k).plain for k in range(len(view.lines))] == before
        line = view.line_of(DOC2.index("全市"))
        row = view.render_hint_line(line).plain
        text = view.render_text_line(line).plain
        for word, label in (("据统计", "'"), ("全市", ";"), ("共有", "0"), ("企业", "\\")):
            column = cell_len(text[: text.index(word)])  # the word's first cell
            assert row[column : column + len(label)] == label, (word, row)
        shown = screen_text(app)
        assert "据统计，全市共有一千二百家企业参与" in shown  # the sentence reads as before
        await press(pilot, "h")
        assert screen.span_labels == {} and view.hints == {}
        await press(pilot, "'")  # no labels: ' does nothing
        assert screen.span is not None and screen.span.selected_text != "据统计"
        await press(pilot, "f3")
        assert screen.span_labels["'"] is not None
    assert decisions_of(path) == []


async def test_input_method_punctuation_and_two_key_labels(tmp_path):
    """A sentence of more than ten words gets two-key labels; the input method's ； and a
    full-width digit select like ; and the digit; a key that is no label says so."""
    text = "甲公司、乙公司、丙公司、丁公司和戊公司今年共同投资了超过三千万元的新项目。"
    path = tmp_path / "long.db"
    cid = one_claim_db(path, text)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await enter_span(screen, pilot, home=False)
        labels = screen.span_labels
        assert len(labels) > 10 and any(len(k) == 2 for k in labels)
        words = screen.span.words
        first_two = next(k for k in labels if len(k) == 2)
        app.post_message(events.Key("fullwidth_semicolon", "；"))  # ; : a one-key label
        await pilot.pause()
        a, b = words[labels[";"]]
        assert selected(screen) == text[a:b]
        view = screen.query_one(DocumentView)
        await press(pilot, first_two[0])  # the first key of a two-key label: waits
        assert view.hint_typed == first_two[0] and selected(screen) == text[a:b]
        app.post_message(events.Key(first_two[1], "０" if first_two[1] == "0" else first_two[1]))
        await pilot.pause()
        c, d = words[labels[first_two]]
        assert selected(screen) == text[min(a, c) : max(b, d)]  # extends
        await press(pilot, '"', '"')  # a prefix, then no label
        assert any("No hint label" in m for m in notes(app))
        await press(pilot, "escape")
    assert claim_row(path, cid)["status"] == "pending"
    assert decisions_of(path) == []


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_labels_fit_a_small_terminal(setup, size):
    """At 80×24 and 60×20 the sentence and its labels are on screen, and a label selects."""
    path, info = setup
    cid = info["ids"][5]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=size) as pilot:
        screen = await at_doc2(app, pilot)
        await enter_span(screen, pilot, home=False)
        view = screen.query_one(DocumentView)
        top = int(view.scroll_offset.y)
        height = view.scrollable_content_region.height
        line = view.line_of(DOC2.index("全市"))
        assert top <= view.row_of(line) < view.row_of(line) + 1 < top + height
        shown = screen_text(app)
        assert "全市共有" in shown.replace("\n", "").replace("│", "").replace(" ", "")
        await press(pilot, ";", "0", "s", "enter")
        await pilot.pause()
    assert claim_row(path, cid)["subject"] == "全市共有"


async def test_help_footer_and_palette_list_the_labels(setup):
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        rows = {r[1]: r for r in screen.help_rows()}
        assert rows["span: hint label"][0] == "0 ; ' - = \\ ` ( ) { } | : ~ < > \""
        assert rows["span: Labels"][0].lower().split() == ["h", "f3"]
        from tui.app import ReviewCommands

        await enter_span(screen, pilot, home=False)
        assert "Labels" in screen_text(app).splitlines()[-1]  # the footer
        commands = {t: c for t, _h, c in ReviewCommands(screen)._commands()}
        assert screen.span_labels
        await commands["span: labels"]()  # what the palette runs
        await pilot.pause()
        assert screen.span_labels == {} and not screen.span_hints_on
    assert decisions_of(path) == []


# --------------------------------------------------------------------------- the labels' order

#: Twenty words and more before the quantity, then a second sentence.
ORDERED = (
    "甲公司、乙公司、丙公司、丁公司、戊公司、己公司、庚公司、辛公司和壬公司今年共同投资了超过三千万元"
    "的新项目。项目明年开工。"
)


def test_label_order_runs_from_the_quantity_back_then_on_and_elsewhere_in_reading_order():
    from tui.widgets.span_cursor import SpanCursor, segment

    cur = SpanCursor(ORDERED, segment(ORDERED, 0, len(ORDERED)), 0)
    q0 = ORDERED.index("超过三千万元")
    words = [ORDERED[a:b] for a, b in cur.words]
    assert cur.label_order() == cur.sentence_words()  # no pivot: reading order
    cur.pivot = (q0, q0 + len("超过三千万元"))
    order = [words[k] for k in cur.label_order()]
    assert order[:4] == ["了", "投资", "共同", "今年"]  # nearest the quantity first
    assert order.index("甲") < order.index("的") < order.index("新")  # then on from it
    assert sorted(cur.label_order()) == cur.sentence_words()  # every word, once
    cur.goto(ORDERED.index("明年"))  # another sentence: reading order
    assert [words[k] for k in cur.label_order()][:2] == ["项目", "明年"]


async def test_the_words_before_the_quantity_take_one_key_labels(tmp_path):
    """In a sentence of more than seventeen words, the verb right before the quantity is one
    label away (reading order gave it two keys): its label and P set the predicate and save."""
    path = tmp_path / "ordered.db"
    cid = one_claim_db(path, ORDERED)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await enter_span(screen, pilot, home=False)
        words = screen.span.words
        by_word = {ORDERED[slice(*words[k])]: label for label, k in screen.span_labels.items()}
        assert len(screen.span_labels) > 10 and any(len(k) == 2 for k in screen.span_labels)
        assert (by_word["了"], by_word["投资"]) == ("0", ";")
        assert len(by_word["甲"]) == 2  # far from the quantity: two keys
        await press(pilot, ";", "P")
        await pilot.pause()
        assert screen.span is None
    row = claim_row(path, cid)
    start = ORDERED.index("投资")
    assert (row["status"], row["predicate"]) == ("accepted", "投资")
    assert (row["predicate_start"], row["predicate_end"]) == (start, start + 2)
    assert [d["action"] for d in decisions_of(path)] == ["edit"]


async def test_shifted_label_keys_and_their_input_method_forms_select(tmp_path):
    """A sentence of more than seven words: its eighth, ninth and thirteenth words (in label
    order) take the shifted one-key labels ( ) : — typed as such or as an input method's
    （ ） ：."""
    path = tmp_path / "shifted.db"
    cid = one_claim_db(path, ORDERED)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await enter_span(screen, pilot, home=False)
        labels, words = screen.span_labels, screen.span.words
        assert {"(", ")", ":", "<"} <= set(labels) and '"' not in labels  # " is a prefix here
        app.post_message(events.Key("left_parenthesis", "("))
        app.post_message(events.Key("fullwidth_right_parenthesis", "）"))  # extends to its word
        await pilot.pause()
        (a1, b1), (a2, b2) = words[labels["("]], words[labels[")"]]
        assert selected(screen) == ORDERED[min(a1, a2) : max(b1, b2)]
        await press(pilot, "right")  # ends the pair
        app.post_message(events.Key("fullwidth_colon", "："))
        await pilot.pause()
        a, b = words[labels[":"]]
        assert selected(screen) == ORDERED[a:b]
        await press(pilot, "s", "enter")
        await pilot.pause()
        assert screen.span is None
    row = claim_row(path, cid)
    assert (row["status"], row["subject_start"], row["subject_end"]) == ("accepted", a, b)
    assert row["subject"] == ORDERED[a:b]


def on_the_claim(text: str):
    """A span cursor on ``text``'s claim 超过三千万元 (the labels' pivot), its words' texts, and
    the words in label order."""
    from tui.widgets.span_cursor import SpanCursor, segment

    cur = SpanCursor(text, segment(text, 0, len(text)), 0)
    q0 = text.index("超过三千万元")
    cur.pivot = (q0, q0 + len("超过三千万元"))
    words = [text[a:b] for a, b in cur.words]
    cur.goto(q0)
    return cur, words, [words[k] for k in cur.label_order()]


#: A subject in the sentence before the claim's, then the claim's sentence, then another.
CARRIED = "乙集团去年在华东设立了研发中心。该中心共有超过三千万元的设备。设备明年更新。"


def test_the_sentence_before_the_claims_is_labelled_after_it():
    """The claim's sentence first (from the quantity back, then on), then the sentence before
    it in reading order; the same labels while the cursor is in either; the sentence after
    it (or two before) alone, in reading order."""
    cur, words, order = on_the_claim(CARRIED)
    second = CARRIED.index("该中心")
    claims = [w for k, w in enumerate(words) if second <= cur.words[k][0] < CARRIED.index("设备明")]
    assert order[: len(claims)] == [
        *reversed(claims[: claims.index("超过")]),
        *claims[claims.index("超过") :],
    ]
    assert order[len(claims) :][:2] == ["乙", "集团"]  # then the sentence before, in reading order
    labels = cur.hint_labels()
    cur.goto(CARRIED.index("研发"))  # the cursor in the sentence before: the same labels
    assert cur.hint_labels() == labels
    cur.goto(CARRIED.index("明年"))  # the sentence after: alone, in reading order
    assert [words[k] for k in cur.label_order()][:2] == ["设备", "明年"]


async def test_a_label_selects_a_subject_in_the_sentence_before(tmp_path):
    """On the review screen a label of the sentence before the claim's selects its word: the
    subject carried over is a label and ``S`` away."""
    path = tmp_path / "carried.db"
    cid = one_claim_db(path, CARRIED, subject="该中心")
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        for _ in range(50):
            if screen.span_labels:
                break
            await pilot.pause(0.02)
        seg = screen._primed[3]
        by_word = {CARRIED[slice(*seg.words[k])]: label for label, k in screen.span_labels.items()}
        await press(pilot, *by_word["乙"], *by_word["集团"], "S")
        assert screen.span is None
    row = claim_row(path, cid)
    start = CARRIED.index("乙集团")
    assert (row["status"], row["subject"]) == ("accepted", "乙集团")
    assert (row["subject_start"], row["subject_end"]) == (start, start + 3)


#: A headline naming the topic, a sentence, then the claim's sentence.
HEADED = "丙银行发布年报。去年市场回暖。净利润增长超过三千万元。"


def test_the_documents_first_sentence_is_labelled_last():
    """The claim's sentence, the sentence before it, then the document's first sentence (the
    headline names the topic): the same labels with the cursor in any of the three."""
    cur, words, order = on_the_claim(HEADED)
    assert order[:2] == ["增长", "净利润"]  # the claim's sentence from the quantity back
    assert order.index("去年") < order.index("丙") < order.index("年报")  # then before, then first
    assert sorted(cur.label_order()) == list(range(len(words)))  # every word once
    labels = cur.hint_labels()
    cur.goto(HEADED.index("丙银行"))
    assert cur.hint_labels() == labels
    cur.pivot = (HEADED.index("市场"), HEADED.index("市场") + 2)  # a claim of the second
    cur.goto(HEADED.index("市场"))  # sentence: the first is the one before, labelled once
    assert sorted(cur.label_order()) == list(range(len(words[: words.index("净利润")])))
