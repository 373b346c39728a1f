"""Span mode's assign-and-save keys (issue 14, keys to truth): ``S P T O Q`` — and the
non-letter ``! @ # $ %`` with their input-method forms — assign the selection to a field and
save the draft in one key (a field key and ``Enter``).

Pilot tests through ``tui.app.make_app``; each checks what was committed (a fresh connection).
DOC2's first sentence 据统计，全市共有一千二百家企业参与。 is 据统计 | 全市 | 共有 | 一千二百 |
家 | 企业 | 参与; its third 截至3月底，累计捐款1.5万元。
"""

from __future__ import annotations

import json

import pytest

from tests.test_review_helpers import claim_row, decisions
from tests.test_span_mode import at_doc2, enter_span, notes, press, selected, setup
from tui.app import make_app
from tui.keymap import IME_KEYS
from tui.widgets.span_cursor import SPAN_BINDINGS

__all__ = ["setup"]  # the fixture, imported for the tests below

#: key pressed, the words selected from the sentence's first word (right presses, extends),
#: the column it sets and the text written there.
CASES = [
    ("S", 1, 1, "subject", "全市共有"),
    ("exclamation_mark", 1, 1, "subject", "全市共有"),
    ("fullwidth_exclamation_mark", 1, 1, "subject", "全市共有"),
    ("P", 2, 0, "predicate", "共有"),
    ("at", 2, 0, "predicate", "共有"),
    ("fullwidth_commercial_at", 2, 0, "predicate", "共有"),
    ("T", 0, 0, "time_text", "据统计"),  # a test of the key, not of grammar
    ("number_sign", 0, 0, "time_text", "据统计"),
    ("O", 5, 0, "object", "企业"),
    ("dollar_sign", 5, 0, "object", "企业"),
    ("fullwidth_yen_sign", 5, 0, "object", "企业"),
    ("Q", 3, 1, "quantity_text", "一千二百家"),
    ("percent_sign", 3, 1, "quantity_text", "一千二百家"),
]


@pytest.mark.parametrize(("key", "rights", "extends", "column", "text"), CASES)
async def test_assign_and_save_in_one_key(setup, key, rights, extends, column, text):
    path, info = setup
    cid, next_id = info["ids"][5], info["ids"][6]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await enter_span(screen, pilot)
        await press(pilot, *["right"] * rights, *["shift+right"] * extends)
        assert selected(screen) == text
        await press(pilot, key)
        await pilot.pause()
        assert screen.span is None  # saved: the mode ended
        assert screen.claim["id"] == next_id  # and the screen moved on, like Enter
    row = claim_row(path, cid)
    assert (row["status"], row["edited"], row[column]) == ("accepted", 1, text)
    [d] = decisions(path)
    assert (d["claim_id"], d["action"]) == (cid, "edit")
    assert json.loads(d["after"])[column] == text


async def test_the_last_field_of_a_draft_saves_the_whole_draft(setup):
    """``3`` assigns the time to the draft; ``@`` then the predicate and saves both as one edit."""
    path, info = setup
    cid = info["ids"][7]  # 1.5万元 in DOC2's third sentence
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await press(pilot, "j", "j")
        assert screen.claim["id"] == cid
        await enter_span(screen, pilot)
        await press(pilot, "shift+right", "shift+right")
        assert selected(screen) == "截至3月底"
        await press(pilot, "3", "right", "right")
        assert selected(screen) == "捐款"
        assert decisions(path) == []  # a draft: nothing written yet
        await press(pilot, "at")
        await pilot.pause()
        assert screen.span is None
    row = claim_row(path, cid)
    assert (row["time_text"], row["time"], row["predicate"]) == ("截至3月底", "../XXXX-03", "捐款")
    assert (row["predicate_start"], row["predicate_end"]) == (38, 40)
    assert [d["action"] for d in decisions(path)] == ["edit"]


async def test_a_refused_selection_saves_nothing(setup):
    """``Q`` on a selection without a number: refused with a message, nothing written, the
    mode stays with its (empty) draft."""
    path, info = setup
    cid = info["ids"][5]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await enter_span(screen, pilot)
        assert selected(screen) == "据统计"
        await press(pilot, "Q")
        await pilot.pause()
        assert screen.span is not None and screen.span_draft == {}
        assert screen.claim["id"] == cid
        assert any("number" in n for n in notes(app))
    assert decisions(path) == []
    assert claim_row(path, cid)["status"] == "pending"


def test_each_save_key_has_a_non_letter_and_its_input_method_form():
    by_id = {b.id: [k.strip() for k in b.key.split(",")] for b in SPAN_BINDINGS}
    for field in ("subject", "predicate", "time", "object", "quantity"):
        keys = by_id[f"span.{field}_save"]
        assert keys[0].isupper() and len(keys[0]) == 1  # the letter: Shift and the field key
        other = [k for k in keys[1:] if k in IME_KEYS]
        assert other and IME_KEYS[other[0]] in keys  # e.g. ! and ！


async def test_help_and_palette_list_the_save_keys_and_the_palette_runs_one(setup):
    path, info = setup
    cid = info["ids"][5]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        rows = {r[3]: r[0] for r in screen.help_rows()}
        for bid in ("subject", "predicate", "time", "object", "quantity"):
            assert f"span.{bid}_save" in rows
        assert rows["span.subject_save"].split()[:2] == ["S", "!"]
        from tui.app import ReviewCommands

        await enter_span(screen, pilot)
        await press(pilot, "right", "shift+right")
        assert selected(screen) == "全市共有"
        commands = {t for t, _h, _c in ReviewCommands(screen)._commands()}
        assert {"span: subject, save", "span: time, save"} <= commands
        await press(pilot, "ctrl+p")
        await pilot.press(*"span: subject, save")
        await pilot.pause()
        await press(pilot, "enter")
        await pilot.pause()
        assert screen.span is None
    row = claim_row(path, cid)
    assert (row["subject"], row["status"]) == ("全市共有", "accepted")
    assert [d["action"] for d in decisions(path)] == ["edit"]
