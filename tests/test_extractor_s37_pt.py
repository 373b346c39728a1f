"""Session 37, predicate and time: forms of time the finder missed. Sentences written for the
tests."""

from __future__ import annotations

import pytest

from extractor.core import extract_with_fields
from extractor.timex import find_times


def _time_options(text: str, quantity: str) -> list[str]:
    for cand, fields in extract_with_fields(text):
        if cand.quantity_text == quantity:
            return [o.text for o in fields.get("time", [])]
    raise AssertionError(f"{quantity} not found in {text}")


# --- the games a tally is summed over (过去22场交锋中, 前四场比赛, 在7场比赛中) -------------


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("在过去12场交锋中，甲队取胜9场。", "过去12场交锋中"),
        ("前三场比赛，乙场均得到11分。", "前三场比赛"),
        ("丙在最后两场拿下40分。", "最后两场"),
        ("头两场季后赛，丁队输了15分。", "头两场季后赛"),
        ("在5场比赛中，戊共送出38次助攻。", "5场比赛中"),
        ("己队在过去4次和庚队的交锋中全部获胜。", "过去4次和庚队的交锋中"),
        ("最近的六场较量里，辛队只赢了一场。", "最近的六场较量里"),
    ],
)
def test_a_stretch_of_games_is_a_time(text, time):
    assert time in [t.text for t in find_times(text)]


@pytest.mark.parametrize(
    ("text", "quantity", "time"),
    [
        ("在过去12场交锋中，甲队取胜9场。", "9场", "过去12场交锋中"),
        ("前三场比赛，乙场均得到11分。", "11分", "前三场比赛"),
        ("在5场比赛中，戊共送出38次助攻。", "38次", "5场比赛中"),
    ],
)
def test_a_stretch_of_games_is_offered(text, quantity, time):
    assert time in _time_options(text, quantity)


@pytest.mark.parametrize(
    "text",
    [
        "甲队本赛季赢了30场比赛。",  # a count of games, no 中 after it
        "乙排名前3。",  # a rank
        "丙队取得8场胜利。",
        "丁在第5场比赛中得到20分。",  # a game named by its order is not a stretch
        "而之前一场主队售罄的比赛，观众人数是18000人。",  # one game, no stretch
    ],
)
def test_no_stretch_of_games(text):
    found = [t.text for t in find_times(text)]
    assert not any("场" in t and "第" not in t for t in found), found


# --- the game clock (比赛还剩1分21秒, 终场前2分46秒, 比赛最后1分钟) -----------------------


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("比赛还剩1分21秒，甲命中三分，乙队以99-97领先。", "比赛还剩1分21秒"),
        ("比赛还有3分09秒时，丙队以103-90领先。", "比赛还有3分09秒时"),
        ("终场前2分46秒，丁队以96-100落后。", "终场前2分46秒"),
        ("距终场还有24秒，戊两罚一中。", "距终场还有24秒"),
        ("己在比赛最后1分钟独得8分。", "比赛最后1分钟"),
        ("第四节比赛还剩下5分15秒，庚队以71-70领先。", "第四节比赛还剩下5分15秒"),
    ],
)
def test_the_game_clock_is_a_time(text, time):
    assert time in [t.text for t in find_times(text)]


@pytest.mark.parametrize(
    ("text", "quantity", "time"),
    [
        ("比赛还剩1分21秒，甲命中三分，乙队以99-97领先。", "99-97", "比赛还剩1分21秒"),
        ("终场前2分46秒，丁队以96-100落后。", "96-100", "终场前2分46秒"),
    ],
)
def test_the_game_clock_is_offered_and_no_claim(text, quantity, time):
    assert time in _time_options(text, quantity)
    assert [c.quantity_text for c, _ in extract_with_fields(text)] == [quantity]


@pytest.mark.parametrize(
    "text",
    [
        "甲队还有3分的优势。",  # no game before 还有
        "乙在比赛中得到30分。",
        "丙比赛最后得分12分。",
    ],
)
def test_no_game_clock(text):
    assert not any("秒" in t.text or "分" in t.text for t in find_times(text))


# --- a century (本世纪后期, 上世纪90年代末, 20世纪, 十六世纪中叶) ----------------------------


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("甲地降雨量在本世纪后期将上升10%。", "本世纪后期"),
        ("上世纪90年代末，乙厂年产值仅为200万元。", "上世纪90年代末"),
        ("20世纪，全球至少有四分之一的人口患过此病。", "20世纪"),
        ("十六世纪中叶，丙城人口约为3万人。", "十六世纪中叶"),
        ("从上世纪80年代开始，丁剧被翻拍了12次。", "从上世纪80年代开始"),
        ("二十一世纪初，戊国移民增加了5成。", "二十一世纪初"),
    ],
)
def test_a_century_is_a_time(text, time):
    assert time in [t.text for t in find_times(text)]


@pytest.mark.parametrize(
    ("text", "quantity", "time"),
    [
        ("甲地降雨量在本世纪后期将上升10%。", "10%", "本世纪后期"),
        ("上世纪90年代末，乙厂年产值仅为200万元。", "200万元", "上世纪90年代末"),
    ],
)
def test_a_century_is_offered(text, quantity, time):
    assert time in _time_options(text, quantity)


@pytest.mark.parametrize(
    "text",
    [
        "21世纪经济报道记者获悉，甲公司营收增长10%。",  # a newspaper's name
        "20世纪福克斯公司出品的乙片票房达3亿元。",  # a studio's name
        "丙楼是90年代风格，面积120平方米。",  # a decade alone: a style
        "世纪大桥长1200米。",  # a name, no number before 世纪
    ],
)
def test_no_century(text):
    assert not any("世纪" in t.text or "年代" in t.text for t in find_times(text))


# --- today and tomorrow as one stretch, an auction or a handover as the event ---------------


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("今明两年，丁市场将有3000亿元的增量。", "今明两年"),
        ("今明两日，我市将有12个楼盘集中上市。", "今明两日"),
        ("拍卖前，戊宅的估价为2亿元。", "拍卖前"),
        ("到了交房时，业主被告知物业费为每平方米13元。", "交房时"),
        ("收房后，己发现面积少了3平方米。", "收房后"),
    ],
)
def test_today_and_tomorrow_and_an_event_moment_are_times(text, time):
    assert time in [t.text for t in find_times(text)]


@pytest.mark.parametrize(
    ("text", "quantity", "time"),
    [
        ("今明两年，丁市场将有3000亿元的增量。", "3000亿元", "今明两年"),
        ("拍卖前，戊宅的估价为2亿元。", "2亿元", "拍卖前"),
    ],
)
def test_today_and_tomorrow_and_an_event_moment_are_offered(text, quantity, time):
    assert time in _time_options(text, quantity)


@pytest.mark.parametrize(
    "text",
    [
        "甲拍卖行去年成交额为12亿元。",  # the auction house, no moment
        "乙公司交房率达到95%。",
        "丙市今明星云集，门票售出3000张。",
    ],
)
def test_no_event_moment(text):
    found = [t.text for t in find_times(text)]
    assert not any("拍卖" in t or "交房" in t or "今明" in t for t in found), found
