"""Forms read in the forty-fourth session, each with sentences written for the test: N块 with
its thousands grouped (60,079块 is one count, never 079块), a person's name after an age and
的 (28岁的宋佳琪) read whole like a name after a role, a name of one-character words after a
role read by the HMM over those words alone (村民|曹|宏|表示), and the roles of
``data/person_titles.tsv`` added in the session (positions of volleyball and football,
officials, teachers, students: 主攻|李盈莹, 司长|崔世安, 学生|高昌健), and the words after
a bracketed aside that ends a quantity's clause read for its predicate
(以2比0（21比18、21比15）击败)."""

from __future__ import annotations

import pytest

from extractor import nlp
from extractor.core import extract, extract_with_fields


def _found(text: str) -> list[tuple[str, float | None, str]]:
    return [(c.quantity_text, c.value, c.unit) for c in extract(text)]


def _options(text: str, surface: str, field: str) -> list[str]:
    """The options of ``field`` of the quantity whose text ends with ``surface``."""
    for cand, fields in extract_with_fields(text):
        if cand.quantity_text.endswith(surface):
            return [o.text for o in fields[field]]
    raise AssertionError(f"{surface} not found in {text}")


# ------------------------------------------------------------------ N块, thousands grouped
@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("甲市影院银幕数达到12,345块，居全省第一。", "达到12,345块", 12345.0, "块"),
        ("乙厂全年芯片产量为2,468亿块，同比增长8%。", "2,468亿块", 246800000000.0, "块"),
        ("今年新增约7,300块屏幕。", "约7,300块", 7300.0, "块"),
        ("他的工资涨了3,000块，", "3,000块", 3000.0, "元"),
        ("他向朋友借了6，000块钱。", "6，000块钱", 6000.0, "元"),
    ],
)
def test_kuai_with_grouped_thousands_is_one_number(
    text: str, surface: str, value: float, unit: str
) -> None:
    found = _found(text)
    assert (surface, value, unit) in found, found
    # no quantity starts inside the grouped number (079块 of 60,079块)
    assert not [q for q, _, _ in found if q[0].isdigit() and text[text.index(q) - 1] in ",，"]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("物业费3块5。", "3块5", 3.5, "元"),
        ("他在决赛中拿到5块金牌。", "5块", 5.0, "块"),
    ],
)
def test_kuai_without_grouping_reads_as_before(
    text: str, surface: str, value: float, unit: str
) -> None:
    assert (surface, value, unit) in _found(text)


# ------------------------------------------------------------------ a name after an age
def _words(text: str) -> list[tuple[str, str]]:
    return list(nlp.tag(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("在直播基地，28岁的宋佳琪正在直播。", "宋佳琪"),
        ("现年46岁的罗文斌表示，工厂明年将扩产。", "罗文斌"),
    ],
)
def test_a_name_after_an_age_and_de_is_one_name(text: str, name: str) -> None:
    assert (name, "nr") in _words(text)


def test_the_name_after_an_age_is_the_subject_of_the_age() -> None:
    [(cand, fields)] = extract_with_fields("在直播基地，28岁的宋佳琪正在直播。")
    assert cand.quantity_text == "28岁"
    assert cand.subject == "宋佳琪"
    assert "宋佳琪" in [o.text for o in fields["subject"]]


@pytest.mark.parametrize(
    "text",
    [
        "他今年32岁的时候买了房。",  # 时候 is no name
        "30岁的高个子中锋拿下20分。",  # 高 is a surname, 高个子 a word
        "年满18岁的公民都有选举权。",
    ],
)
def test_words_after_an_age_that_are_no_name_keep_their_tags(text: str) -> None:
    assert not [w for w, f in _words(text) if f == "nr"]


# ------------------------------------------------------------------ one-character words
def test_a_name_of_one_character_words_after_a_role_is_read_by_the_hmm_alone() -> None:
    # the HMM over 曹宏表示 reads one word; over the one-character words 曹|宏, the name
    assert ("曹宏", "nr") in _words("村民曹宏表示，今年收成不错。")


@pytest.mark.parametrize(
    ("text", "name"),
    [("后卫陈亦凡拿下20分。", "陈亦凡"), ("村民陈妹家里养了3头牛。", "陈妹")],
)
def test_names_after_a_role_read_as_before(text: str, name: str) -> None:
    assert (name, "nr") in _words(text)


# ------------------------------------------------------------------ roles added
@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("本场比赛，甲队主攻李盈莹独得31分。", "31分", "李盈莹"),
        ("乙队接应王云飞拿下19分。", "19分", "王云飞"),
        ("52岁的社会文化司司长崔世安表示，今年将投入3亿元。", "3亿元", "崔世安"),
        ("19岁的师范学院学生高昌健独自游历20天。", "20天", "高昌健"),
    ],
)
def test_a_name_after_a_role_added_in_the_session_is_one_word_and_a_subject_option(
    text: str, surface: str, name: str
) -> None:
    assert (name, "nr") in _words(text)
    assert name in _options(text, surface, "subject")


def test_the_name_alone_is_the_subject_after_a_volleyball_position() -> None:
    [cand] = extract("本场比赛，甲队主攻李盈莹独得31分。")
    assert cand.subject == "李盈莹"


# ------------------------------------------------------------------ an aside after a quantity
@pytest.mark.parametrize(
    ("text", "surface", "verb"),
    [
        ("甲队以2比0（21比18、21比15）击败乙队。", "2比0", "击败"),
        ("丙队以103-98（上半场55-50）击败丁队。", "103-98", "击败"),
    ],
)
def test_the_verb_after_a_bracketed_aside_is_a_predicate_option(
    text: str, surface: str, verb: str
) -> None:
    assert verb in _options(text, surface, "predicate")


@pytest.mark.parametrize(
    ("text", "surface", "not_verb"),
    [
        # the clause ends after the aside: the words after the comma are another clause's
        ("戊公司营收86.4亿元（约合12亿美元），同比增长18%。", "86.4亿元", "同比增长"),
        # the quantity does not end its clause before the bracket
        ("己公司净利润3.2亿元左右的水平（未经审计）增长明显。", "3.2亿元左右", "增长"),
    ],
)
def test_no_words_after_an_aside_that_does_not_continue_the_quantitys_clause(
    text: str, surface: str, not_verb: str
) -> None:
    assert not_verb not in _options(text, surface, "predicate")
