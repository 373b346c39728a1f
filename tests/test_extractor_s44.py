"""Forms read in the forty-fourth session, each with sentences written for the test: N块 with
its thousands grouped (60,079块 is one count, never 079块), a person's name after an age and
的 (28岁的宋佳琪) read whole like a name after a role, a name of one-character words after a
role read by the HMM over those words alone (村民|曹|宏|表示), and the look-alike filter's
features of a bound inside a count's clause (成交额破亿元的直播间有37个)."""

from __future__ import annotations

import pytest

from extractor import nlp
from extractor.core import extract, extract_with_fields
from extractor.lookalike import features


def _found(text: str) -> list[tuple[str, float | None, str]]:
    return [(c.quantity_text, c.value, c.unit) for c in extract(text)]


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


# ------------------------------------------------------------------ a bound in a count's clause
def _features(text: str, surface: str) -> dict[str, float]:
    cands = extract(text)
    feats = features(text, cands)
    for c, f in zip(cands, feats, strict=True):
        if c.quantity_text.endswith(surface):
            return f
    raise AssertionError(f"{surface} not among {[c.quantity_text for c in cands]}")


@pytest.mark.parametrize(
    ("text", "surface", "de"),
    [
        ("本次大促中，成交额破亿元的直播间有37个。", "破亿元", True),
        ("全国共有26所高校科研经费超过20亿元。", "超过20亿元", False),
        ("其中3家增幅超过30%。", "超过30%", False),
    ],
)
def test_a_bound_inside_a_counts_clause_is_marked(text: str, surface: str, de: bool) -> None:
    f = _features(text, surface)
    assert f.get("bound_with_count") == 1.0
    assert (f.get("bound_de") == 1.0) is de


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("该公司营业收入超过20亿元，同比增长5%。", "超过20亿元"),  # no count in the clause
        ("全国共有26所高校入选。", "26所"),  # the count itself
        ("甲公司营业收入为20亿元，员工有300名。", "20亿元"),  # no bound
    ],
)
def test_no_bound_with_a_count_where_there_is_none(text: str, surface: str) -> None:
    assert "bound_with_count" not in _features(text, surface)
