"""Thirty-eighth session's predicate options, with sentences written for the tests: a noun run
after the quantity that reaches a character the dictionary does not know (光学变焦|徕|卡, a
piece of a brand's name the tagger cannot segment) is offered up to that character, where it
was no option at all (a run holding an unknown character never is one)."""

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
