"""Subject options of the eleventh session, on sentences written for these tests: names the
tagger (no HMM) cuts into one-character words are read glued back when the document writes
them twice or more (交|银 -> 交银, 偏|股|基金 -> 偏股基金), never across function words,
numerals or a measure word after a number, never for a phrase (较|少) or a pair of characters
written once."""

from __future__ import annotations

import pytest

from extractor import nlp
from extractor.entities import EntityTable
from tests.subject_checks import subject_options


def _tokens(text: str) -> list[tuple[str, str, int, int]]:
    out = []
    pos = 0
    for word, flag in nlp.tag(text):
        out.append((word, flag, pos, pos + len(word)))
        pos += len(word)
    return out


def _glued(doc: str, clause: str) -> list[str]:
    """The words of ``clause`` (written first in ``doc``) after gluing."""
    assert doc.startswith(clause)
    table = EntityTable(doc, 0)
    return [t[0] for t in table.glued(_tokens(clause))]


@pytest.mark.parametrize(
    ("doc", "clause", "word"),
    [
        # A fund company's short name written twice, cut into a verb and a morpheme.
        ("交银规模扩大。交银排名上升。", "交银规模扩大", "交银"),
        # A kind of fund written twice, cut into an adjective and a measure word.
        ("偏股基金上涨。偏股基金下跌。", "偏股基金上涨", "偏股"),
        # A surname and a given name the dictionary lacks.
        ("索顿罚球命中。索顿上场。", "索顿罚球命中", "索顿"),
    ],
)
def test_a_name_written_twice_is_glued_back(doc: str, clause: str, word: str) -> None:
    assert all(len(w) == 1 for w, _ in nlp.tag(word))  # the tagger splits it
    assert word in _glued(doc, clause)


@pytest.mark.parametrize(
    ("doc", "clause", "absent"),
    [
        # Written once: a chance pair of characters stays as the tagger cut it.
        ("交银规模扩大。排名上升。", "交银规模扩大", "交银"),
        # A degree adverb or verb before an adjective or verb is a phrase, not a name.
        ("价格较少变化。价格较少变化。", "价格较少变化", "较少"),
        # A measure word right after a number is never the start of a name.
        ("4只偏股基金上涨。偏股基金下跌，只偏股的说法。", "4只偏股基金上涨", "只偏股"),
    ],
)
def test_no_glue_without_a_repetition_or_after_a_number(doc: str, clause: str, absent: str) -> None:
    assert absent not in _glued(doc, clause)


def test_a_glued_name_opening_with_a_surname_is_a_person() -> None:
    table = EntityTable("索顿罚球命中。索顿上场。", 0)
    flags = {t[0]: t[1] for t in table.glued(_tokens("索顿罚球命中"))}
    assert flags["索顿"] == "nr"


def test_function_words_and_numerals_are_never_glued() -> None:
    doc = "他在三楼。他在三楼。"
    words = _glued(doc, "他在三楼")
    assert "他在" not in words and "在三" not in words


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        # The name cut into characters is offered as the subject of the quantity.
        ("交银增利债基去年表现稳定。交银规模为48亿元，排名第12。", "48亿元", "交银"),
        # The glued name joins the noun run after it (偏股|基金).
        ("偏股基金表现最好。上周偏股基金平均上涨3.5%。", "3.5%", "偏股基金"),
    ],
)
def test_the_glued_name_is_a_subject_option(text: str, surface: str, subject: str) -> None:
    assert subject in subject_options(text, surface)
