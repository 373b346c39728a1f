"""Subject options and features of the tenth session, on sentences written for these tests:
brand-and-model names read across the spaces the tagger cuts at (佳能EOS 7D), their brand
cut after the words no brand holds."""

from __future__ import annotations

import pytest

from extractor.entities import EntityTable, model_name
from tests.lexicon_checks import check_lexicon_file
from tests.subject_checks import subject_options

_options = subject_options


@pytest.mark.parametrize(
    ("match", "name"),
    [
        # A model glued to its brand, and models in parts joined by spaces.
        ("奥林巴斯E620", "奥林巴斯E620"),
        ("理光GX Z8", "理光GX Z8"),
        ("富士FinePix S200", "富士FinePix S200"),
        ("美能达A 2 Pro", "美能达A 2 Pro"),
        # A space between the brand and the model.
        ("柯尼卡 KD 510", "柯尼卡 KD 510"),
        # A model opening with a digit goes on after a space (7D Mark III).
        ("某品牌7D Mark III", "某品牌7D Mark III"),
        # A size with its unit after the model is no part of it.
        ("奥林巴斯E620 14mm", "奥林巴斯E620"),
        ("理光GX Z8 35mm", "理光GX Z8"),
    ],
)
def test_a_brand_and_model_is_read_across_spaces(match: str, name: str) -> None:
    assert match[: model_name(match)] == name


@pytest.mark.parametrize(
    "match",
    [
        # No digit in the model, no Latin letter, or a digit-led part alone (a 3G network).
        "型号ABC",
        "售价 2999",
        "开通4G",
        "增长 5G",
    ],
)
def test_a_match_without_a_model_is_no_name(match: str) -> None:
    assert model_name(match) == 0


def test_the_table_holds_the_model_with_its_brand_cut() -> None:
    text = "奥林巴斯E 620上市。新款奥林巴斯E 620降价，奥林巴斯推出新品。"
    table = EntityTable(text, 0)
    table.add_shapes()
    assert "奥林巴斯E 620" in table.entries
    assert "新款奥林巴斯E 620" not in table.entries


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Words no brand holds before the model (a verb and 的, a pronoun and a measure
        # word): the model alone.
        ("即将发布的QX30很好", "QX30"),
        ("这台QX30不错", "QX30"),
        # A brand after 的 keeps its words; a brand longer than the regex's five characters
        # is read back to the start of its Chinese run.
        ("看到的奥林巴斯新机E620上市", "奥林巴斯新机E620"),
        ("这是理光数码相机GX Z8拥有", "理光数码相机GX Z8"),
    ],
)
def test_a_brand_is_cut_after_words_no_brand_holds(text: str, name: str) -> None:
    table = EntityTable(text, 0)
    assert [text[a:b] for a, b in table.models(0, len(text))] == [name]


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        # The brand cut to the words the document writes on their own (这款|理光).
        ("理光推新品。这款理光GX Z8售价只要1999元。", "1999元", "理光GX Z8"),
        ("奥林巴斯E 620 Pro拥有1200万像素。", "1200万像素", "奥林巴斯E 620 Pro"),
    ],
)
def test_a_clause_offers_its_brand_and_model(text: str, surface: str, name: str) -> None:
    opts = _options(text, surface)
    assert name in opts
    assert opts[name].get("model") == 1.0
    assert opts[name].get("proper") == 1.0


@pytest.mark.parametrize(
    ("text", "name", "team"),
    [
        # Written with the one-character cue (队), before a cue that follows teams (主场),
        # after a cue that precedes them (不敌).
        ("雄鹿队今晚作客。", "雄鹿队", True),
        ("今晚是雄鹿主场。", "雄鹿", True),
        ("昨天黄蜂不敌雄鹿，雄鹿领先。", "雄鹿", True),
        # A player's name with no cue, and a one-character word.
        ("张三今晚得分很多。", "张三", False),
        ("队里今晚得分。", "队", False),
    ],
)
def test_a_team_is_known_by_the_cues_around_its_name(text: str, name: str, team: bool) -> None:
    assert EntityTable(text, 0).is_team(name) == team


@pytest.mark.parametrize(
    ("text", "surface", "teams", "persons"),
    [
        # A win-loss record, a streak and a score of two sides are a team's results; a
        # person option (黄蜂遭遇, the tagger's person) is marked as such.
        ("雄鹿队今天在主场迎战黄蜂，雄鹿取得40胜。", "40胜", ["雄鹿", "雄鹿队"], []),
        ("雄鹿队今天在主场迎战黄蜂，黄蜂遭遇5连败。", "5连败", ["黄蜂", "雄鹿队"], ["黄蜂遭遇"]),
        ("雄鹿队今天在主场迎战黄蜂，最终以88-80领先。", "88-80", ["雄鹿队", "黄蜂"], []),
    ],
)
def test_a_team_result_marks_the_teams_and_the_persons(
    text: str, surface: str, teams: list[str], persons: list[str]
) -> None:
    opts = _options(text, surface)
    for team in teams:
        assert opts[team].get("team_result") == 1.0
    for person in persons:
        assert opts[person].get("person_result") == 1.0
        assert not opts[person].get("team_result")


def test_a_player_stat_marks_no_team_result() -> None:
    opts = _options("雄鹿队主场迎战黄蜂，黄蜂拿下30分。", "30分")
    assert opts["黄蜂"].get("team") == 1.0
    assert not any(f.get("team_result") or f.get("person_result") for f in opts.values())


def test_the_team_result_units_are_a_word_list() -> None:
    check_lexicon_file("team_result_units")
