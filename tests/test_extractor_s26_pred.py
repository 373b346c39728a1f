"""Twenty-sixth session's predicate rules, with sentences written for the tests: a claim whose
own clause offers no predicate takes its nearest neighbour's."""

from __future__ import annotations

from extractor import extract


def _claim(text: str, surface: str):
    [c] = [c for c in extract(text) if c.quantity_text == surface]
    return c


def test_a_claim_with_no_reading_of_its_own_takes_its_neighbour_s_predicate() -> None:
    text = (
        "公立大学中，东林大学学费最高，为1.5万美元，"
        "其后依次为：西岭大学(1.36万美元)、南湖学院(1.29万美元)。"
    )
    for surface in ("1.36万美元", "1.29万美元"):
        c = _claim(text, surface)
        assert c.predicate == "学费"
        assert c.predicate_start is not None and text[c.predicate_start : c.predicate_end] == "学费"
        assert "学费" not in [a["text"] for a in c.alternatives.get("predicate", [])]


def test_a_claim_with_a_reading_of_its_own_keeps_it() -> None:
    text = "东港市去年实现地区生产总值1200亿元，常住人口增加3万人。"
    assert _claim(text, "3万人").predicate.endswith("增加")
