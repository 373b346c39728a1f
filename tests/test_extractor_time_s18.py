"""Time expressions of the eighteenth session: named periods of the calendar (国庆假期, 春节档,
“五一”劳动节假期, 双11期间, 春运期间; data/named_periods.tsv), a season of one year or of snow
(2022赛季, 2021-2022冰雪季), the rounds and editions of a competition and a first week (第28轮,
本届, 首周), the period of an event closed by 期间 or 以来 (施工期间, “十四五”期间, 上线以来), a
season of the year (今年秋冬, 冬季), 年内 and 截至发稿时. Sentences written for the tests."""

from __future__ import annotations

import pytest

from extractor import lexicon
from extractor.core import extract_with_fields
from extractor.timex import find_times, normalise
from tests.lexicon_checks import check_lexicon_file


@pytest.mark.parametrize(
    ("text", "times"),
    [
        # A named period alone, or with a period word after it.
        ("元旦假期甲省共接待游客512万人次。", ["元旦假期"]),
        ("国庆假期乙市交通事故下降12%。", ["国庆假期"]),
        ("2022年春节档票房达到60亿元。", ["2022年春节档"]),
        ("今年“五一”期间丙景区接待游客8万人次。", ["今年“五一”期间"]),
        ("2022年“五一”劳动节假期丁市旅游收入3亿元。", ["2022年“五一”劳动节假期"]),
        ("“十一”黄金周期间戊店售出900台。", ["“十一”黄金周期间"]),
        ("双11当天己平台成交额达到5000亿元。", ["双11当天"]),
        ("春运期间庚站发送旅客200万人次。", ["春运期间"]),
        ("暑假辛馆接待学生3万人次。", ["暑假"]),
        ("中秋节前壬厂月饼销量增长两成。", ["中秋节前"]),
        # A name that is a number alone is a time only with a period word: 十一 and 五一 alone
        # stay numbers, and never inside a longer number (三十一期间) or a name (十一届).
        ("第十一届大会有300名代表。", []),
        ("甲班共有五一名学生。", []),
        # A season of one year or of snow, counted from one year to the next.
        ("2022赛季乙队进了45球。", ["2022赛季"]),
        ("2021-2022冰雪季丙国冰雪旅游人数达3亿人次。", ["2021-2022冰雪季"]),
        # A round, an edition, the first week or month of a competition, a film or a sale.
        ("第28轮比赛丁队4比1获胜。", ["第28轮"]),
        ("前12轮戊队只输了2场。", ["前12轮"]),
        ("本届比赛共有300名选手。", ["本届"]),
        ("首周己片票房达到3亿元。", ["首周"]),
        # (read with its onset verb since the thirty-fifth session: 上市首月)
        ("上市首月庚车售出1.2万辆。", ["上市首月"]),
        # The period of an event closed by 期间 or 以来: a quoted name or the two characters
        # before the tail, with 自/从 before them.
        ("“十四五”期间，辛市计划新建住房65万套。", ["“十四五”期间"]),
        ("施工期间壬路每天通行车辆减少3000辆。", ["施工期间"]),
        ("癸App上线以来，累计开立钱包1.2亿个。", ["上线以来"]),
        ("甲公司自成立以来累计纳税15亿元。", ["自成立以来"]),
        # ... never a pronoun's period (在此期间, 这期间) or a count of years read elsewhere.
        ("在此期间乙股上涨了5%。", []),
        ("三年以来丙市房价上涨三成。", ["三年以来"]),
        # A season of the year (never the Winter Games), the rest of the year (3年内 stays a
        # stretch), the moment a report was filed.
        ("今年秋冬甲品牌新款均价为1280元。", ["今年秋冬"]),
        ("冬季乙市供暖面积达到3亿平方米。", ["冬季"]),
        ("2022年夏季丙省用电负荷创新高，达到1.2亿千瓦。", ["2022年夏季"]),
        ("冬季奥运会共有109个小项。", []),
        ("年内丁公司将新增门店100家。", ["年内"]),
        ("戊国3年内将新增门店100家。", ["3年内"]),
        ("截至发稿时，己视频播放量超过3000万次。", ["截至发稿时"]),
        # An expression read before stays whole (今年以来, 3月以来).
        ("今年以来丁市新增企业3万家。", ["今年以来"]),
        ("3月以来戊股累计上涨20%。", ["3月以来"]),
    ],
)
def test_named_periods_stages_and_event_periods_are_times(text: str, times: list[str]) -> None:
    assert [t.text for t in find_times(text)] == times


def test_every_named_period_is_a_time_alone_or_with_a_period_word() -> None:
    check_lexicon_file("named_periods")
    rows = lexicon.table("named_periods")
    assert {where for _, where in rows} == {"alone", "joined"}
    for name, where in rows:
        for text in (f"{name}期间甲市接待游客3万人次。", f"“{name}”假期乙店售出900台。"):
            found = [t.text for t in find_times(text)]
            assert found and found[0].lstrip("“").startswith(name), (name, found)
        alone = [t.text for t in find_times(f"丙市{name}，接待游客3万人次。")]
        assert (name in alone) == (where == "alone"), (name, where, alone)


def test_a_named_period_is_offered_as_the_time_of_a_claim_and_normalises_to_nothing() -> None:
    text = "国庆假期，甲省共接待游客512.6万人次，同比增长31.7%。"
    claims = {cand.quantity_text: fields for cand, fields in extract_with_fields(text)}
    assert "国庆假期" in [o.text for o in claims["512.6万人次"]["time"]]
    # A named period pins no date the normaliser knows: its value stays empty, never a guess.
    assert normalise("国庆假期", "2022-10-08") == ""
    assert normalise("2022赛季", "2022-11-20") == ""


def test_a_round_is_a_time_and_never_a_rank_claim() -> None:
    found = [
        c.quantity_text
        for c, _ in extract_with_fields("第28轮比赛，甲队以4比1战胜乙队，射门19次。")
    ]
    assert "第28轮" not in found and "19次" in found
