"""Shortcuts taken for speed leave role resolution's output as it was: each skip or cache is
checked against the computation it saves, on sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.core import extract_with_fields
from extractor.entities import (
    _MOU_RE,
    _NAME_LIST_RE,
    _NAME_SEPARATORS,
    _TITLE_RE,
    _TRANSLIT_RE,
    EntityTable,
    marked,
)

#: The regexes skipped in a clause without their mark, with that mark.
MARKED = [(_NAME_LIST_RE, "、"), (_TITLE_RE, "《"), (_MOU_RE, "某")]

SENTENCES = [
    "甲公司、乙公司和丙公司的利润分别为1亿元、2亿元和3亿元。",
    "电影《画壁》上映三天票房达到1.2亿元，观众超过200万人次。",
    "犯罪嫌疑人高某先后骗取现金5万元。",
    "凯文-杜兰特全场拿下30分，丽萨•斯科曼得到12分。",
    "该市今年接待游客3000万人次，同比增长12%。",
]


def _spans(text: str) -> list[tuple[int, int]]:
    return [(a, b) for a in range(len(text) + 1) for b in range(a, len(text) + 1)]


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize(("regex", "mark"), MARKED)
def test_a_marked_regex_finds_what_the_regex_finds(text: str, regex, mark: str) -> None:
    for a, b in _spans(text):
        got = [m.span() for m in marked(regex, mark, text, a, b)]
        assert got == [m.span() for m in regex.finditer(text, a, b)]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="甲乙公司、和与及《》某高队-·•12", max_size=24))
def test_no_match_of_a_marked_regex_lacks_its_mark(text: str) -> None:
    for regex, mark in MARKED:
        for a, b in _spans(text):
            assert list(marked(regex, mark, text, a, b)) == [] or mark in text[a:b]
            assert [m.span() for m in marked(regex, mark, text, a, b)] == [
                m.span() for m in regex.finditer(text, a, b)
            ]


@pytest.mark.parametrize("text", SENTENCES)
def test_a_text_without_name_marks_holds_no_transliterated_name(text: str) -> None:
    table = EntityTable(text, len(text))
    assert table.name_marks == any(c in text for c in _NAME_SEPARATORS)
    if not table.name_marks:
        assert _TRANSLIT_RE.search(text) is None


@pytest.mark.parametrize("text", SENTENCES)
def test_the_skips_leave_every_option_as_it_was(text: str, monkeypatch) -> None:
    """The options of every claim, with the skips and with every regex run everywhere."""

    def scored(fields: dict) -> dict:
        return {k: [(o.text, o.start, o.end, o.score) for o in v] for k, v in fields.items()}

    fast = [(c.to_dict(), scored(f)) for c, f in extract_with_fields(text, "2011-04-12")]
    monkeypatch.setattr(
        "extractor.entities.marked", lambda regex, _mark, norm, a, b: regex.finditer(norm, a, b)
    )
    init = EntityTable.__init__

    def every_mark(self: EntityTable, *args: object) -> None:
        init(self, *args)  # type: ignore[arg-type]
        self.name_marks = True

    monkeypatch.setattr(EntityTable, "__init__", every_mark)
    slow = [(c.to_dict(), scored(f)) for c, f in extract_with_fields(text, "2011-04-12")]
    assert fast and fast == slow
