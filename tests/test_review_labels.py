"""Hint labels on the review screen (issue 14, keys to truth): the words of the claim's
sentence are labelled outside span mode too, and typing a label starts span mode with its
word selected — no ``v``. A second label extends the selection, as in span mode; a field key
(or ``Enter``, or ``S P T O Q``) then assigns it and saves.

Pilot tests through ``tui.app.make_app`` check what was committed (a fresh connection).
DOC2's first sentence 据统计，全市共有一千二百家企业参与。 has the claim 一千二百家: its labels
run from the quantity backwards first (共有 ``0``, 全市 ``;``, 据统计 ``'``), then on from it.
"""

from __future__ import annotations

import pytest
from textual import events

from bench import keys_plan as kp
from tests.test_review_helpers import (
    DOC2,
    build_review_db,
    claim_row,
    one_claim_db,
    review_and_serve_with,
)
from tests.test_review_helpers import decisions as decisions_of
from tests.test_span_mode import at_doc2, notes, press, selected
from tui.app import make_app
from tui.widgets.document_view import DocumentView


@pytest.fixture
def setup(tmp_path):
    path = tmp_path / "review.db"
    return path, build_review_db(path)


async def labelled(screen, pilot, tries: int = 50) -> dict[str, int]:
    """The review screen's labels once its worker has segmented the claim's sentence."""
    for _ in range(tries):
        if screen.span_labels and screen.span is None:
            return dict(screen.span_labels)
        await pilot.pause(0.02)
    raise AssertionError("the review screen did not label the claim's sentence")


def words_of(screen, labels: dict[str, int]) -> dict[str, str]:
    """label -> its word's text (the segmentation the review screen labelled)."""
    seg = screen._primed[3]
    text = screen.doc["text"]
    return {label: text[slice(*seg.words[k])] for label, k in labels.items()}


async def test_the_claims_sentence_is_labelled_as_span_mode_labels_it(setup):
    """Outside span mode the sentence's words have labels, the same ones ``v`` shows; the text
    rows are unchanged and the labels sit on a row of their own under them."""
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        labels = await labelled(screen, pilot)
        words = words_of(screen, labels)
        assert (words["0"], words[";"], words["'"]) == ("共有", "全市", "据统计")
        view = screen.query_one(DocumentView)
        line = view.line_of(DOC2.index("全市"))
        assert view.row_line(view.row_of(line)) == (line, False)
        assert view.row_line(view.row_of(line) + 1) == (line, True)  # the labels' row
        assert view.render_text_line(line).plain.startswith("据统计，全市共有")
        shown_on_review = {screen._primed[3].words[k][0]: label for label, k in labels.items()}
        await press(pilot, "v")
        assert screen.span is not None
        in_span = {screen.span.words[k][0]: label for label, k in screen.span_labels.items()}
        assert in_span == shown_on_review
        await press(pilot, "escape")
        await labelled(screen, pilot)
        assert "type a label" in str(view.border_subtitle)  # says what the labels are for
        await press(pilot, "f3")
        assert not view.border_subtitle
    assert decisions_of(path) == []


@pytest.mark.parametrize(
    ("keys", "then", "column", "want", "offsets"),
    [
        ((";", "0"), ("s", "enter"), "subject", "全市共有", (4, 8)),  # two labels: 全市 … 共有
        (("0",), ("p", "enter"), "predicate", "共有", (6, 8)),  # one label: one word
        (("0", ";"), ("1", "enter"), "subject", "全市共有", (4, 8)),  # the second before the first
        (("'", "0", ";"), ("s", "enter"), "subject", "全市", (4, 6)),  # a third label starts anew
        (("0", "left"), ("s", "enter"), "subject", "全市", (4, 6)),  # then span mode's own keys
        (("0",), ("P",), "predicate", "共有", (6, 8)),  # assigned and saved: two keys in all
    ],
)
async def test_a_label_typed_on_the_review_screen_starts_span_mode_with_its_word(
    setup, keys, then, column, want, offsets
):
    path, info = setup
    cid = info["ids"][5]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await labelled(screen, pilot)
        await press(pilot, keys[0])
        assert screen.span is not None  # no v
        await press(pilot, *keys[1:])
        assert selected(screen) == want
        await press(pilot, *then)
        assert screen.span is None
        assert screen.claim["id"] != cid  # saved, and on to the next pending claim
    row = claim_row(path, cid)
    assert (row["status"], row[column]) == ("accepted", want)
    assert (row[f"{column}_start"], row[f"{column}_end"]) == offsets
    assert [d["action"] for d in decisions_of(path)] == ["edit"]


async def test_input_method_forms_and_two_key_labels_on_the_review_screen(tmp_path):
    """A long sentence: the first key of a two-key label waits (shown dimmed), the second
    starts span mode; an input method's ； is ``;``; a key that is no label says so and
    changes nothing; any other key ends a label begun."""
    text = "甲公司、乙公司、丙公司、丁公司、戊公司和己公司今年共同投资了超过三千万元的新项目。"
    path = tmp_path / "long.db"
    cid = one_claim_db(path, text)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        labels = await labelled(screen, pilot)
        words = words_of(screen, labels)
        two = next(k for k in labels if len(k) == 2)
        view = screen.query_one(DocumentView)
        await press(pilot, two[0])  # a prefix: waits, dimmed
        assert screen.span is None and view.hint_typed == two[0]
        await press(pilot, "right_square_bracket")  # another key ends it (and does its job)
        assert view.hint_typed == "" and screen.span is None
        await press(pilot, two[0], two[1])
        assert screen.span is not None and selected(screen) == words[two]
        await press(pilot, "escape")
        await labelled(screen, pilot)
        app.post_message(events.Key("fullwidth_semicolon", "；"))
        await pilot.pause()
        assert screen.span is not None and selected(screen) == words[";"]
        await press(pilot, "escape")
        await labelled(screen, pilot)
        await press(pilot, '"', '"')  # a prefix, then no label
        assert screen.span is None
        assert any("No hint label" in m for m in notes(app))
    assert claim_row(path, cid)["status"] == "pending"
    assert decisions_of(path) == []


async def test_labels_follow_the_claim_and_never_select_in_another_sentence(setup):
    """``j`` to a claim of another sentence: the labels are its sentence's and the sentence's
    before it (:meth:`SpanCursor.label_order`); the one-key label ``0`` selects a word of the
    claim's own sentence."""
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await labelled(screen, pilot)
        first = screen.claim
        await press(pilot, "j")
        claim = screen.claim
        assert claim["id"] != first["id"]
        labels = await labelled(screen, pilot)
        assert screen._primed[0] == claim["id"]
        s0, s1 = claim["sentence_start"], claim["sentence_end"]
        seg = screen._primed[3]
        before = max((s for s in seg.sentences if s[1] <= s0), default=(s0, s0))
        assert all(before[0] <= seg.words[k][0] < s1 for k in labels.values())
        assert any(s0 <= seg.words[k][0] for k in labels.values())
        await press(pilot, "0")
        a, b = screen.span.selection
        assert s0 <= a < b <= s1
        await press(pilot, "escape")
    assert decisions_of(path) == []


async def test_f3_and_no_hints_hide_the_labels_and_their_keys(setup):
    """``F3`` hides the labels on the review screen (a label key then does nothing) and
    shows them again; ``make_app(hints=False)`` (``review --no-hints``) starts hidden."""
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await labelled(screen, pilot)
        await press(pilot, "f3")
        view = screen.query_one(DocumentView)
        assert screen.span_labels == {} and view.hints == {} and not screen.span_hints_on
        await press(pilot, "0")
        assert screen.span is None
        await press(pilot, "f3")
        await labelled(screen, pilot)
        assert view.hints
    app = make_app(str(path), reviewer="ann", hints=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await pilot.pause(0.2)
        assert screen.span_labels == {} and screen.query_one(DocumentView).hints == {}
        await press(pilot, "0")
        assert screen.span is None
        await press(pilot, "v")  # span mode without labels, as in span mode after h
        assert screen.span is not None and screen.span_labels == {}
        await press(pilot, "escape")
    assert decisions_of(path) == []


async def test_no_labels_where_they_would_push_the_sentence_out_of_view(tmp_path):
    """At 60×20 a sentence of many lines and its label rows do not fit the document panel:
    the review screen shows no labels (the sentence stays readable), ``v`` still labels it
    (span mode makes room); at 120×40 the same sentence is labelled."""
    text = "，".join(f"第{n}个项目的负责人介绍了今年的进展情况" for n in range(1, 7))
    text += "，总投资超过三千万元。"
    path = tmp_path / "tall.db"
    one_claim_db(path, text, subject="负责人")
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause(0.3)
        screen = app.screen
        for _ in range(10):
            await pilot.pause(0.03)
        assert screen.span_labels == {} and screen.query_one(DocumentView).hints == {}
        await press(pilot, "v")
        assert screen.span is not None and screen.span_labels
        await press(pilot, "escape")
        await pilot.resize_terminal(120, 40)
        await labelled(screen, pilot)


def test_review_and_serve_pass_no_hints_on(tmp_path, monkeypatch):
    """``review --no-hints`` builds the app with the labels hidden; ``serve --no-hints``
    gives each browser tab's review command the flag."""
    path = tmp_path / "f.db"
    build_review_db(path)
    built, commands = review_and_serve_with(monkeypatch, path, "--no-hints")
    assert [kw["hints"] for kw in built] == [True, False]
    assert "--no-hints" not in commands[0] and "--no-hints" in commands[1]


# --------------------------------------------------------------------------- the bench's plan


def test_a_draft_begun_by_a_label_costs_no_v_and_selects_by_labels_first():
    """:class:`keys_plan.LabelEntry`: the first selection only by the claim sentence's labels
    (one, or two for a span), the later ones by the ordinary moves; ``span_cost`` without
    the ``v``."""
    words = [(0, 3), (4, 6), (6, 8), (8, 12), (12, 13)]  # 据统计 全市 共有 一千二百 家
    text = DOC2
    g = {"subject": "全市共有", "predicate": "共有", "start": 8, "end": 13}
    entry = kp.LabelEntry({2: "0", 1: ";", 0: "'"}, kp.Moves())
    steps = kp.span_plan(words, text, 3, {"subject"}, g, entry, anchor=3)
    # 全市's label, extended to 共有 (as short as its label), then s
    assert steps is not None and steps[0].keys == (";", "shift+right", "s")
    assert kp.span_cost(steps, None, save_keys=True, opener=0) == 3  # ; ⇧→ S
    assert kp.span_cost(steps, None, save_keys=True) == 4  # v ; ⇧→ S
    # a word no label reaches cannot begin the draft
    none = kp.LabelEntry({4: "0"}, kp.Moves())
    assert kp.span_plan(words, text, 3, {"subject"}, g, none, anchor=3) is None
    # after the first selection, the ordinary moves: left from 共有 to 全市, extend
    two = kp.span_plan(words, text, 3, {"predicate", "subject"}, g, entry, anchor=3)
    assert two is not None and two[0].keys == ("0", "p")
    assert two[1].form_field == "subject" and two[1].keys == ("shift+left", "s")

    # the cheaper way is chosen, v on a tie; without labels, v alone
    def plan(how):
        return kp.span_plan(words, text, 3, {"subject"}, g, how, anchor=3)

    assert kp.cheapest_draft(plan, kp.Moves(), entry, None, True) == (3, 0, steps)
    assert kp.cheapest_draft(plan, kp.Moves(), None, None, True)[1] == 1
    free = kp.LabelEntry({2: "0", 1: ";"}, kp.Moves())
    same = kp.cheapest_draft(lambda how: steps, kp.Moves(), free, None, True)
    assert same == (3, 0, steps)  # 0 + 3 keys against v + 3: the label
    assert kp.cheapest_draft(lambda how: None, kp.Moves(), free) is None
    by_v = [kp.SpanStep("subject", 4, 8, ("s",))]  # v s: 2 keys
    by_label = [kp.SpanStep("subject", 4, 8, (";", "s"))]  # ; s: 2 keys too

    def tie(how):
        return by_label if isinstance(how, kp.LabelEntry) else by_v

    assert kp.cheapest_draft(tie, kp.Moves(), free, None, True) == (2, 1, by_v)
