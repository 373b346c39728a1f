"""Time expressions read in the forty-third session, each with sentences written for the test:
the whole game a tally is summed over (全场比赛), an event's moment set before a comma by a
completion or transition verb of ``data/event_frame_verbs.tsv`` (调价后，…; 开通后，…;
毕业时，…), a day with its hour anywhere (9日21时), a season of this year written with one
character (今冬, 明春), a school's class (2022届) and 届时; the earlier time a word (当天,
同期, 全年) stands for, marked as such; the moment before an event a comparison word compares
with (较上市前) as a base."""

from __future__ import annotations

import pytest

from extractor import lexicon
from extractor.core import extract_with_fields
from extractor.timex import find_times
from tests.lexicon_checks import check_lexicon_file


def _texts(text: str) -> list[str]:
    return [t.text for t in find_times(text)]


def _time_options(text: str, surface: str) -> dict[str, dict[str, float]]:
    for cand, fields in extract_with_fields(text):
        if cand.quantity_text.endswith(surface):
            return {o.text: o.features for o in fields["time"]}
    raise AssertionError(f"{surface} not found in {text}")


# ------------------------------------------------------------------ the whole game
def test_the_whole_game_is_a_time() -> None:
    assert _texts("全场比赛，甲队控球率为54%，射门17次。") == ["全场比赛"]


def test_the_game_clock_stays_one_expression() -> None:
    assert _texts("全场还剩1分21秒时，丁队落后3分。") == ["全场还剩1分21秒时"]


# ------------------------------------------------------------------ an event's moment
@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("调价后，92号汽油每升零售价为9.02元。", "调价后"),
        ("甲高铁开通后，沿线6个县市通上动车。", "开通后"),
        ("本轮融资完成后，乙公司估值超过120亿元。", "完成后"),
        ("丙项目达产之后，月产能可达3万片。", "达产之后"),
        ("毕业时，他已收到3家公司的录用通知。", "毕业时"),
        ("丁公司重组后，负债率降至45%。", "重组后"),
        ("改造前，该小区只有12个停车位。", "改造前"),
    ],
)
def test_the_moment_of_an_event_set_before_a_comma_is_a_time(text: str, time: str) -> None:
    assert time in _texts(text)


@pytest.mark.parametrize(
    "text",
    [
        "该公司完成后续融资5亿元。",  # 后续: the next round, no moment
        "该店开业后续推出3款新品。",  # (an onset verb of event_onset_words.tsv too)
        "丙项目达产后月产能可达3万片。",  # inside its clause: a word, not a frame
        "他毕业时只有21岁。",
        "调整后的票价为每张45元。",
    ],
)
def test_a_frame_verb_inside_its_clause_is_no_time(text: str) -> None:
    assert not any(t.endswith(("后", "时", "前")) for t in _texts(text))


def test_the_event_frame_verbs_file_is_a_lexicon() -> None:
    check_lexicon_file("event_frame_verbs")


@pytest.mark.parametrize("word", lexicon.words("event_frame_verbs"))
def test_every_frame_verb_makes_a_time_before_hou_and_a_comma(word: str) -> None:
    assert _texts(f"据悉，{word}后，该公司共收到订单12份。") == [f"{word}后"]
    assert _texts(f"据悉，{word}后该公司共收到订单12份。") == []


# ------------------------------------------------------------------ days, seasons, classes
@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("受降雨影响，戊湖水位9日21时涨至21.38米。", "9日21时"),
        ("己县城今冬新增供暖面积86万平方米。", "今冬"),
        ("今冬明春全省电力缺口约300万千瓦。", "今冬明春"),
        ("该校2022届共有毕业生7846人。", "2022届"),
        ("庚大学2021级新生共5200人。", "2021级"),
        ("新线明年3月投产，届时年产能将达1.5万台。", "届时"),
    ],
)
def test_days_with_hours_seasons_classes_and_moments_are_times(text: str, time: str) -> None:
    assert time in _texts(text)


@pytest.mark.parametrize(
    "text",
    [
        "他在第2022届校友会上发言。",  # a numbered edition, not a class
        "如今冬季游客增加了3成。",  # 如今 + 冬季, not 今冬
    ],
)
def test_look_alikes_of_classes_seasons_and_games_are_no_such_times(text: str) -> None:
    found = _texts(text)
    assert "2022届" not in found and "今冬" not in found


# ------------------------------------------------------------------ words for earlier times
@pytest.mark.parametrize(
    ("text", "surface", "named", "word"),
    [
        ("甲市前10个月出口增长12%。同期，乙类产品出口3.2万亿元。", "3.2万亿元", "前10个月", "同期"),
        ("该公司2023年年报显示，其全年实现营业收入12.5亿元。", "12.5亿元", "2023年", "全年"),
        ("2015年3月9日甲指数跌破1000点，当天收于987点。", "987点", "2015年3月9日", "当天"),
    ],
)
def test_the_earlier_time_a_word_stands_for_is_marked_as_resolved(
    text: str, surface: str, named: str, word: str
) -> None:
    # Offered in the word's place with a feature of its own: the ranker weighs a time that a
    # word stands for apart from one written where it stands.
    options = _time_options(text, surface)
    assert options[named].get("resolved") == 1.0
    assert word not in options


def test_the_moment_before_an_event_compared_with_is_a_base_not_the_time() -> None:
    # 较上市前: what the change is measured against; the year before stays the time.
    text = "过去一年，该股日均成交3260手，较上市前增长1.1倍。其股东户数为9870户。"
    assert "上市前" in _texts(text)
    assert "上市前" not in _time_options(text, "9870户")
    assert "上市前" not in _time_options(text, "1.1倍")
    # (with no comparison word before it, the same moment is a time: 上市前，…)
    assert "上市前" in _time_options("上市前，该公司共有股东300名。", "300名")


def test_a_time_opening_the_rest_of_a_share_s_clause_is_left_out_of_it() -> None:
    # 六成的受访者|今年|打算换工作: the rest of the clause after the share's noun is what is
    # claimed of it; the time opening it is the claim's time, not part of the predicate.
    for cand, fields in extract_with_fields("调查显示，六成的受访者今年打算换工作。"):
        if cand.quantity_text == "六成":
            rest = [o.text for o in fields["predicate"] if o.features.get("rest_of_clause")]
            assert rest == ["打算换工作"]
            assert "今年" in [o.text for o in fields["time"]]
            return
    raise AssertionError("六成 not found")
