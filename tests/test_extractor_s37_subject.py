"""Subject options built in the thirty-seventh session for claims whose right subject no
option named (bench/subject_misses.py: "option cut short", "modifier missing"). Sentences
written for the tests."""

from __future__ import annotations

import pytest

from extractor.core import extract_with_fields


def _subject(text: str, quantity: str) -> tuple[str, list[str]]:
    """The subject of the candidate whose text holds ``quantity``, and its options."""
    for c, f in extract_with_fields(text):
        if quantity in c.quantity_text:
            return c.subject or "", [o.text for o in f.get("subject", [])]
    raise AssertionError(f"no candidate {quantity} in {text}")


# ------------------------------------------------- a small count written inside a name


@pytest.mark.parametrize(
    ("text", "quantity", "option", "chosen"),
    [
        # name + numeral + 大 + noun: the N big X
        ("数据显示，美股三大指数上周下跌了6%。", "6%", "美股三大指数", True),
        ("今年，国内三大运营商的用户达到了10亿户。", "10亿户", "国内三大运营商", True),
        # two countries + noun
        ("会见后，中意两国领导人签署了8项协议。", "8项", "中意两国领导人", True),
        # the numeral's stretch leaves the phrase its one stretch of adjectives
        ("上周，沪深两市主要指数的平均涨幅超过7%。", "7%", "沪深两市主要指数", False),
    ],
)
def test_a_small_numeral_inside_a_name_is_read_on(
    text: str, quantity: str, option: str, chosen: bool
) -> None:
    subject, options = _subject(text, quantity)
    assert option in options
    if chosen:
        assert subject == option


@pytest.mark.parametrize(
    ("text", "quantity", "absent"),
    [
        # a numeral the quantity finder reads is never crossed
        ("公司三名高管合计持股12%。", "12%", "公司三名高管"),
        # a numeral with its measure word is a count of the clause, no part of a name
        ("基金经理两次调仓，仓位下降了6%。", "6%", "基金经理两次调仓"),
    ],
)
def test_a_counted_numeral_is_not_read_into_a_name(text: str, quantity: str, absent: str) -> None:
    _, options = _subject(text, quantity)
    assert absent not in options


def test_the_short_name_stays_beside_the_longer_one() -> None:
    _, options = _subject("数据显示，美股三大指数上周下跌了6%。", "6%")
    assert "美股" in options


# ---------------------------------------------------- an owner and 的 before an option


@pytest.mark.parametrize(
    ("text", "quantity", "option", "chosen"),
    [
        # place + 的 + noun phrase
        ("新加坡的公立大学可免八成学费。", "八成", "新加坡的公立大学", True),
        ("据透露，东江的研发团队已经准备了一年多。", "一年多", "东江的研发团队", True),
        # an organisation + 的 + the people counted
        ("东江大学的学生共有3万人。", "3万人", "东江大学的学生", False),
    ],
)
def test_an_owner_before_de_is_read_with_the_option(
    text: str, quantity: str, option: str, chosen: bool
) -> None:
    subject, options = _subject(text, quantity)
    assert option in options
    # the option without its owner stays beside it
    assert option.split("的", 1)[1] in options or option.split("的", 1)[1] in subject
    if chosen:
        assert subject == option


@pytest.mark.parametrize(
    ("text", "quantity", "absent"),
    [
        # a person is named alone
        ("替补出场的詹宁斯得了18分。", "18分", "出场的詹宁斯"),
        # an owner cut out of a counted phrase (前50所|学校的学生)
        ("美国前50所学校的学生每年增长30%左右。", "30%左右", "学校的学生"),
        # a clause before 的, no owner (未读|的|邮件)
        ("未读的普通邮件只保存10天。", "10天", "未读的普通邮件"),
    ],
)
def test_no_owner_is_read_where_none_is_written(text: str, quantity: str, absent: str) -> None:
    _, options = _subject(text, quantity)
    assert absent not in options


def test_the_owner_of_an_attribute_stays_the_subject() -> None:
    # 出口额 is a measured attribute: its owner is the subject, no 中国的出口额 is built for it
    from extractor.entities import _de_owner
    from extractor.nlp import tag

    toks, pos = [], 0
    for word, flag in tag("今年中国的出口额下降"):
        toks.append((word, flag, pos, pos + len(word)))
        pos += len(word)
    assert _de_owner(toks, 5) == 2  # the owner 中国 is found where 的 follows it
    assert _de_owner(toks, 4) is None  # a mention that does not follow 的 has none


# -------------------------------------------------- a short note in brackets inside a name


@pytest.mark.parametrize(
    ("text", "quantity", "option", "chosen"),
    [
        (
            "2009年美国四年制(或以上)公立大学的学费为6397美元。",
            "6397美元",
            "美国四年制(或以上)公立大学",
            True,
        ),
        (
            "今年以来，广义货币（M2）供应量的增长速度达到18%。",
            "18%",
            "广义货币（M2）供应量的增长速度",
            False,
        ),
    ],
)
def test_a_note_in_brackets_inside_a_name_is_read_through(
    text: str, quantity: str, option: str, chosen: bool
) -> None:
    subject, options = _subject(text, quantity)
    assert option in options
    if chosen:
        assert subject == option


@pytest.mark.parametrize(
    ("text", "quantity", "absent"),
    [
        # a stock code in brackets is no part of the name
        ("平安银行(000001)股价上涨了3%。", "3%", "平安银行(000001)股价"),
        # an alias defined in brackets neither
        ("东江银行（简称东银）存款增长了8%。", "8%", "东江银行（简称东银）存款"),
        # a note with a clause mark neither
        (
            "东江地产(企业专区,旗下楼盘)大股东提供了16亿元担保。",
            "16亿元",
            "东江地产(企业专区,旗下楼盘)大股东",
        ),
    ],
)
def test_no_name_is_read_through_other_brackets(text: str, quantity: str, absent: str) -> None:
    _, options = _subject(text, quantity)
    assert absent not in options
