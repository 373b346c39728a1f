"""Time options of the eighth session: a word naming an earlier moment of its sentence (当时,
当天, 当年) is offered as the time it names, a reporting period after a cutoff date (截至3月1日，
今年以来) as the cutoff, and a time the sentence split cut in two (a
heading glued to a dateline: …新浪体育讯北京时间|4月20日，) opens the sentence it ends in.
Sentences written for the tests."""

from __future__ import annotations

import pytest

from extractor.core import extract_with_fields
from extractor.sentences import split_sentences


def _time_options(text: str, quantity: str) -> dict[str, dict[str, float]]:
    for cand, fields in extract_with_fields(text):
        if cand.quantity_text == quantity:
            return {o.text: o.features for o in fields["time"]}
    raise AssertionError(f"{quantity} not found in {text}")


@pytest.mark.parametrize(
    ("text", "quantity", "named", "word"),
    [
        ("2015年3月9日甲指数跌破1000点，当天收于987点。", "987点", "2015年3月9日", "当天"),
        ("2012年5月，乙公司进入丙市，当时共有员工45人。", "45人", "2012年5月", "当时"),
        ("丁队2008年进入联赛，当年就拿下了12场胜利。", "12场", "2008年", "当年"),
        ("戊店今年3月开业，当日的营业额为8万元。", "8万元", "今年3月", "当日"),
        # A reporting period after a cutoff date is the period up to it.
        ("截至3月1日，今年以来甲基金净值上涨12%。", "12%", "截至3月1日", "今年以来"),
        ("乙统计显示，截止6月底，2010年丙市新增企业300家。", "300家", "截止6月底", "2010年"),
    ],
)
def test_a_word_naming_an_earlier_time_of_its_sentence_is_offered_as_that_time(
    text: str, quantity: str, named: str, word: str
) -> None:
    options = _time_options(text, quantity)
    assert word not in options
    # The earlier time takes the word's place: in the quantity's clause, the rules' choice.
    assert options[named].get("same_clause") == 1.0
    assert options[named].get("rule") == 1.0


@pytest.mark.parametrize(
    ("text", "quantity", "word"),
    [
        # The moment named is in an earlier sentence: a new sentence often moves on.
        ("2015年3月9日甲指数跌破1000点。当天乙公司股价收于9元。", "9元", "当天"),
        # 同期 names a period of comparison, not an earlier moment.
        ("今年一季度丙市房价上涨，同期成交1200套。", "1200套", "同期"),
        # A time modifying a noun (今年的) names nothing for 当时.
        ("丁某谈起今年的计划，当时队里有15名球员。", "15名", "当时"),
        # A period with no cutoff before it in its sentence stays itself.
        ("今年以来戊基金净值上涨12%，截至3月1日规模为5亿元。", "12%", "今年以来"),
    ],
)
def test_a_referring_word_without_an_earlier_time_of_its_sentence_stays(
    text: str, quantity: str, word: str
) -> None:
    assert word in _time_options(text, quantity)


def test_a_comparison_base_after_a_cutoff_is_not_read_as_the_cutoff() -> None:
    options = _time_options("截至3月1日，己基金净值比去年上涨12%。", "12%")
    assert "去年" not in options  # a comparison base is never the claim's time
    # The cutoff keeps its own place (the clause before), not the base's.
    assert not options["截至3月1日"].get("same_clause")


def test_a_time_cut_by_the_sentence_split_opens_the_sentence_it_ends_in() -> None:
    text = "甲队主场大胜乙队新浪体育讯北京时间4月20日，丙联赛季后赛共进行了3场比赛。"
    starts = [s for s, _ in split_sentences(text)]
    cut = text.index("4月20日")
    assert cut in starts  # the split this is about: 北京时间|4月20日
    options = _time_options(text, "3场")
    assert options["北京时间4月20日"].get("same_sentence") == 1.0
    assert options["北京时间4月20日"].get("rule") == 1.0
    assert not options["北京时间4月20日"].get("sentences_back")
