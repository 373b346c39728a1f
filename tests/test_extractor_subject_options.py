"""Subject options for subjects a clause does not name as a run of nouns, on sentences written
for these tests: the document's title in book-title marks, the words before the verb that
governs the quantity (a name the tagger splits into verbs, a subject after 有), the owner of a
measured thing the attribute list does not know, and the topic offered when a clause has no
subject of its own."""

from __future__ import annotations

import pytest

from extractor.entities import EntityTable, _verb_slot
from extractor.nlp import tag
from tests.subject_checks import subject_options

_options = subject_options


def _tokens(text: str) -> list[tuple[str, str, int, int]]:
    out, pos = [], 0
    for word, flag in tag(text):
        out.append((word, flag, pos, pos + len(word)))
        pos += len(word)
    return out


# ----------------------------------------------------------------------- document titles


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        # written twice: the article's title, marks kept
        ("《星河物语》开测。玩家可在《星河物语》中领取礼包。", ["《星河物语》"]),
        # once, but in the headline
        ("《远山》今日公映。影片讲述一段往事。", ["《远山》"]),
        # once, in the body: no title of the article
        ("今日开测。玩家可在《星河物语》中领取礼包。", []),
        # the more frequent of two
        ("新版上线。《乙》和《甲》都有活动，《乙》也有。《乙》和《甲》还有新图。", ["《乙》"]),
    ],
)
def test_the_most_frequent_title_is_the_articles(text: str, titles: list[str]) -> None:
    headline_end = text.index("。") + 1
    assert [t for t, _, _ in EntityTable(text, headline_end).titles()] == titles


#: Every entry of data/source_title_endings.tsv, each in a title written three times: the
#: title of a document that publishes figures is a source, never the article's title.
SOURCE_TITLES = [
    "《2025青川旅游发展报告》",
    "《关于促进民宿发展的意见》",
    "《关于做好秋粮收购工作的通知》",
    "《促进消费十条措施》",
    "《东岭市停车收费管理办法》",
    "《老旧小区改造实施方案》",
    "《南江新区五年规划》",
    "《青川省国土空间规划纲要》",
    "《2025年东岭市统计公报》",
    "《西江流域生态白皮书》",
    "《中国夜间经济蓝皮书》",
    "《青少年近视防控指南》",
    "《数据出境合规指引》",
    "《关于设立湖滨新区的决定》",
    "《青川日报》",
    "《东岭晚报》",
    "《南江早报》",
    "《西川商报》",
    "《湖滨时报》",
    "《财经周刊》",
    "《大众摄影杂志》",
]


@pytest.mark.parametrize("title", SOURCE_TITLES)
def test_the_title_of_a_source_document_is_not_the_articles(title: str) -> None:
    text = f"{title}发布。{title}显示，全市游客增长12%。据{title}统计，收入增长8%。"
    headline_end = text.index("。") + 1
    assert EntityTable(text, headline_end).titles() == []


def test_every_source_title_ending_is_tested() -> None:
    from extractor import lexicon

    endings = lexicon.words("source_title_endings")
    for ending in endings:
        assert any(t[1:-1].endswith(ending) for t in SOURCE_TITLES), ending
    # and a work's title that ends otherwise stays the article's title
    text = "《星河物语》开测。《星河物语》显示，玩家增长12%。"
    assert [t for t, _, _ in EntityTable(text, text.index("。") + 1).titles()] == ["《星河物语》"]


def test_the_title_is_an_option_of_a_clause_without_a_subject() -> None:
    text = "《星河物语》新版开测。首日即吸引了10万名玩家。《星河物语》还将开放新地图。"
    opts = _options(text, "10万名")
    assert opts["《星河物语》"].get("doc_title") == 1.0
    assert opts["《星河物语》"].get("topic_implicit") == 1.0


def test_the_title_is_not_implicit_when_the_clause_names_a_subject() -> None:
    text = "《星河物语》新版开测。甲公司的收入增长了20%。《星河物语》还将开放新地图。"
    opts = _options(text, "20%")
    assert opts["《星河物语》"].get("doc_title") == 1.0
    assert not opts["《星河物语》"].get("topic_implicit")


# --------------------------------------------------------------- the verb's subject slot


@pytest.mark.parametrize(
    ("clause", "quantity", "slot"),
    [
        # a fund name the tagger reads as verbs and a pronoun
        ("招商安本增利跌0.15%", "0.15%", "招商安本增利"),
        # the subject after 有 (其他跌幅较大的有…)
        ("其他跌幅较大的有瑞福进取跌2.98%", "2.98%", "瑞福进取"),
        # adverbs between the slot and the verb belong to neither
        ("甲城楼市也上涨了5%", "5%", "甲城楼市"),
        # a number before the slot bounds it
        ("去年共有3家甲城企业增长20%", "20%", "甲城企业"),
        # no verb before the quantity: no slot
        ("甲公司利润10亿元", "10亿元", None),
    ],
)
def test_the_words_before_the_governing_verb_are_its_subject_slot(
    clause: str, quantity: str, slot: str | None
) -> None:
    toks = _tokens(clause)
    got = _verb_slot(toks, clause.index(quantity), ())
    text = None if got is None else clause[toks[got[0]][2] : toks[got[1] - 1][3]]
    assert text == slot


def test_the_slot_is_an_option() -> None:
    opts = _options("本周基金表现分化。招商安本增利跌0.15%，居于末位。", "0.15%")
    assert opts["招商安本增利"].get("slot") == 1.0


def test_a_slot_that_runs_into_a_time_stops_there() -> None:
    toks = _tokens("今年甲城楼市上涨了5%")
    text = "今年甲城楼市上涨了5%"
    got = _verb_slot(toks, text.index("5%"), [(0, 2)])
    assert got is not None
    assert text[toks[got[0]][2] : toks[got[1] - 1][3]] == "甲城楼市"


# ------------------------------------------------------------------ owners without an attribute


@pytest.mark.parametrize(
    ("text", "quantity", "owner", "how"),
    [
        # 缺口 is no attribute the list knows: the run without its last one or two nouns
        ("据统计，中国酒店业人才缺口50万。", "50万", "中国酒店业", "prefix"),
        ("据统计，中国酒店业人才缺口50万。", "50万", "中国酒店业人才", "prefix"),
        # a known attribute (成交量) splits off its owner as before
        ("春节期间，乙市楼市成交量下降了30%。", "30%", "乙市楼市", "owner"),
    ],
)
def test_a_run_without_its_last_nouns_is_an_option(
    text: str, quantity: str, owner: str, how: str
) -> None:
    opts = _options(text, quantity)
    assert opts[owner].get(how) == 1.0


# ------------------------------------------------------ names the tagger mangled or split


@pytest.mark.parametrize(
    ("text", "quantity", "subject"),
    [
        # 偏/a 股/q 基金/n: no noun run opens at an adjective
        ("今年仅有两只偏股基金同期净值下跌。", "两只", "偏股基金"),
        # 奇才队 is tagged as an idiom, after the quantity and 的
        ("在本赛季常规赛中仅取得23胜的奇才队正朝着正确的方向前进。", "23胜", "奇才队"),
    ],
)
def test_what_a_quantity_counts_is_read_over_mangled_words(
    text: str, quantity: str, subject: str
) -> None:
    assert subject in _options(text, quantity)


@pytest.mark.parametrize(
    ("text", "quantity", "name"),
    [
        ("小宋佳在剧中只有一分钟的演出。", "一分钟", "宋佳"),
        ("据王强介绍，今年收入达到3万元。", "达到3万元", "王强"),
    ],
)
def test_a_surname_split_from_its_given_name_is_joined(text: str, quantity: str, name: str) -> None:
    opts = _options(text, quantity)
    assert opts[name].get("split_name") == 1.0


# --------------------------------------------------- bench/subject_misses.py's classes


@pytest.mark.parametrize(
    ("gold", "options", "kinds"),
    [
        ("甲山集团", ["甲山"], ["option cut short"]),
        ("乙城的公立学校", ["公立学校"], ["de-phrase", "modifier missing"]),
        ("家电", ["家电销售"], ["owner"]),
        ("王刚", ["村民王刚"], ["modifier kept"]),
        ("《星河物语》", ["星河"], ["title"]),
        ("甲队、乙队和丙队", ["丁队"], ["list"]),
        ("丙市政府", ["丁队"], ["other, in its sentence"]),
        ("戊公司", ["丁队"], ["other, earlier"]),
        ("己集团所有子公司", ["丁队"], ["not in text"]),
    ],
)
def test_a_subject_miss_is_classed(gold: str, options: list[str], kinds: list[str]) -> None:
    from bench.subject_misses import classes

    text = (
        "戊公司去年成立。"
        "甲山集团、乙城的公立学校、家电、村民王刚、《星河物语》、甲队、乙队和丙队、丙市政府。"
    )
    sentence = text[text.index("。") + 1 :]
    assert classes(gold, options, text, sentence) == kinds
