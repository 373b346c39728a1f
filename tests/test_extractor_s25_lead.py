"""The twenty-fifth session's lead fixes, on sentences written for these tests."""

from __future__ import annotations

import pytest

from extractor import extract


@pytest.mark.parametrize(
    ("text", "surface", "noun"),
    [
        ("全县现有300多所小学、40多所中学。", "300多所", "小学"),
        ("园区引进了20余家企业，其中外资企业8家。", "20余家", "企业"),
    ],
)
def test_the_numeral_glued_to_a_measure_word_is_no_part_of_a_name(
    text: str, surface: str, noun: str
) -> None:
    # The tagger reads 多所 / 余家 as one numeral word after the number: the noun after it is
    # the name the table holds, never 多所小学 (an option whose text its span does not hold).
    [c] = [c for c in extract(text) if c.quantity_text == surface]
    options = [c.subject] + [a["text"] for a in c.alternatives.get("subject", [])]
    assert not any(o.startswith(("多", "余")) for o in options)
    assert all(
        text[a["start"] : a["end"]] == a["text"]
        for a in c.alternatives.get("subject", [])
        if a["text"].endswith(noun)
    )
