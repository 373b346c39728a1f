"""Span mode's append (issue 14: a correction is a pick, not a retype): ``a`` / ``&`` (and the
input method's ``＆``) append the selection to the subject — or to the predicate when it was
assigned last — so a value the text writes in two places (the entity, then what is measured:
滨江市 … 共享单车) is made without typing.

Pilot tests through ``tui.app.make_app``, each checking what was committed (a fresh
connection). DOC2's first sentence 据统计，全市共有一千二百家企业参与。 is 据统计 | 全市 | 共有 |
一千二百 | 家 | 企业 | 参与; its first claim (一千二百家) has subject 全市 and predicate 共有.
"""

from __future__ import annotations

import json

import pytest

from db import spans
from db.errors import ReviewError
from tests.test_review_helpers import DOC2, claim_row, decisions
from tests.test_span_mode import at_doc2, enter_span, notes, press, selected, setup
from tui.app import make_app

__all__ = ["setup"]  # the fixture, imported for the tests below

# ------------------------------------------------------------------------ db.spans.append


def test_a_selection_written_right_after_the_value_keeps_whole_offsets() -> None:
    at = DOC2.index("共有")
    got = spans.append(DOC2, "subject", at, at + 2, "全市")
    assert got == {"subject": "全市共有", "subject_start": at - 2, "subject_end": at + 2}
    assert DOC2[got["subject_start"] : got["subject_end"]] == "全市共有"


def test_a_value_from_two_places_has_no_offsets() -> None:
    at = DOC2.index("企业")
    got = spans.append(DOC2, "subject", at, at + 2, "全市")
    assert got == {"subject": "全市企业", "subject_start": None, "subject_end": None}


def test_appending_to_nothing_is_an_assignment() -> None:
    at = DOC2.index("共有")
    got = spans.append(DOC2, "predicate", at, at + 2, "  ")
    assert got == {"predicate": "共有", "predicate_start": at, "predicate_end": at + 2}


@pytest.mark.parametrize(
    ("target", "start", "end", "current", "message"),
    [
        ("time", 0, 3, "今年", "only subject or predicate take an appended selection"),
        ("quantity", 0, 3, "x", "only subject or predicate"),
        ("subject", 5, 5, "全市", "not inside the document"),
        ("subject", -1, 3, "全市", "not inside the document (0..46)"),
        ("subject", 0, 3, "长" * spans.MAX_SELECTION, "over 500"),
    ],
)
def test_bad_appends_are_refused(target, start, end, current, message) -> None:
    with pytest.raises(ReviewError) as err:
        spans.append(DOC2, target, start, end, current)
    assert message in str(err.value)


# ------------------------------------------------------------------------------ the app


@pytest.mark.parametrize("key", ["a", "ampersand", "fullwidth_ampersand"])
async def test_append_makes_a_subject_of_two_places(setup, key):
    path, info = setup
    cid = info["ids"][5]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await enter_span(screen, pilot)
        await press(pilot, *["right"] * 5)
        assert selected(screen) == "企业"
        await press(pilot, key)  # the claim's subject 全市, then 企业
        assert screen.span_draft["subject"] == "全市企业"
        assert decisions(path) == []  # a draft: nothing written yet
        await press(pilot, "enter")
        await pilot.pause()
        assert screen.span is None
    row = claim_row(path, cid)
    assert (row["status"], row["edited"], row["subject"]) == ("accepted", 1, "全市企业")
    # written in no one place: no offsets (the text holds no 全市企业)
    assert row["subject_start"] is None and row["subject_end"] is None
    [d] = decisions(path)
    assert json.loads(d["after"])["subject"] == "全市企业"


async def test_append_to_the_draft_and_to_the_predicate_assigned_last(setup):
    path, info = setup
    cid = info["ids"][5]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await enter_span(screen, pilot)
        await press(pilot, "right", "s")  # subject 全市 (as it was)
        await press(pilot, "right", "a")  # + 共有: written right after, one place
        assert screen.span_draft["subject"] == "全市共有"
        await press(pilot, "right", "right", "right", "p")  # predicate 企业 ...
        await press(pilot, "right", "a")  # ... + 参与
        assert screen.span_draft["predicate"] == "企业参与"
        assert screen.span_draft["subject"] == "全市共有"
        await press(pilot, "enter")
        await pilot.pause()
    row = claim_row(path, cid)
    assert (row["subject"], row["predicate"]) == ("全市共有", "企业参与")
    assert DOC2[row["subject_start"] : row["subject_end"]] == "全市共有"
    assert DOC2[row["predicate_start"] : row["predicate_end"]] == "企业参与"


async def test_a_refused_append_says_why_and_changes_nothing(setup):
    path, info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        await enter_span(screen, pilot)
        screen.span_appends_to = "time"  # not a field that takes an append
        await press(pilot, "a")
        assert screen.span_draft == {}
        assert any("only subject or predicate" in n for n in notes(app))
        await press(pilot, "escape")
    assert decisions(path) == []
    assert claim_row(path, info["ids"][5])["subject"] == "全市"


async def test_help_and_palette_list_append(setup):
    path, _info = setup
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc2(app, pilot)
        rows = {row[3]: row for row in screen.help_rows()}
        assert "span.append" in rows
        assert rows["span.append"][0].split() == ["a", "&"]  # the input method's ＆ too
        await enter_span(screen, pilot)
        active = {k: b.binding.id for k, b in screen.active_bindings.items()}
        assert active["a"] == active["ampersand"] == active["fullwidth_ampersand"] == "span.append"
        from tui.app import ReviewCommands

        commands = {t: c for t, _h, c in ReviewCommands(screen)._commands()}
        await press(pilot, *["right"] * 5)
        await commands["span: append"]()  # what the palette runs
        await pilot.pause()
        assert screen.span_draft["subject"] == "全市企业"
