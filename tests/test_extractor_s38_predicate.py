"""Thirty-eighth session's predicate options, with sentences written for the tests: a noun run
after the quantity that reaches a character the dictionary does not know (光学变焦|徕|卡, a
piece of a brand's name the tagger cannot segment) is offered up to that character, where it
was no option at all (a run holding an unknown character never is one); after the quantity and
的, a two-character word the tagger reads as a verb (超大) opens the noun run it modifies
(15倍的超大光学变焦)."""

from __future__ import annotations

import pytest

from extractor.core import extract_with_fields
from extractor.roles import unknown_han


def _options(text: str, surface: str) -> list[str]:
    [opts] = [
        [o.text for o in f.get("predicate", [])]
        for c, f in extract_with_fields(text)
        if c.quantity_text == surface
    ]
    return opts


@pytest.mark.parametrize(
    ("text", "surface", "wanted"),
    [
        ("这款相机搭配10倍光学变焦徕卡镜头。", "10倍", "光学变焦"),
        ("新机配备5倍光学变焦徕卡认证镜头。", "5倍", "光学变焦"),
    ],
)
def test_run_cut_at_unknown_character(text: str, surface: str, wanted: str) -> None:
    opts = _options(text, surface)
    assert wanted in opts, opts
    # The unknown character and what follows it are never part of an option.
    assert not any("徕" in o for o in opts), opts


def test_unknown_character_is_read_as_such() -> None:
    # The form the cut relies on: the tagger's x on a Chinese character it does not know.
    assert unknown_han("徕", "x")
    assert not unknown_han("，", "x")
    assert not unknown_han("光学", "n")


@pytest.mark.parametrize(
    ("text", "surface", "whole"),
    [
        # Known words after the quantity: the run is offered whole, nothing is cut.
        ("这款相机搭配10倍光学变焦镜头。", "10倍", "光学变焦镜头"),
    ],
)
def test_no_cut_without_unknown_character(text: str, surface: str, whole: str) -> None:
    assert whole in _options(text, surface)


@pytest.mark.parametrize(
    ("text", "surface", "wanted"),
    [
        ("这款长焦机拥有20倍的超大光学变焦。", "20倍", "超大光学变焦"),
        ("该机配备3.0英寸的超大显示屏。", "3.0英寸", "超大显示屏"),
    ],
)
def test_verb_read_modifier_after_de_opens_the_noun_run(
    text: str, surface: str, wanted: str
) -> None:
    assert wanted in _options(text, surface)


@pytest.mark.parametrize(
    ("text", "surface", "unwanted"),
    [
        # Without 的 the verb after the quantity is a verb of its own (3人受伤).
        ("事故造成3人受伤住院。", "3人", "受伤住院"),
        # Only after 的: right after the quantity the verb is read as a verb of its own.
        ("这款长焦机拥有20倍超大光学变焦。", "20倍", "超大光学变焦"),
    ],
)
def test_no_verb_opened_run(text: str, surface: str, unwanted: str) -> None:
    assert unwanted not in _options(text, surface)
