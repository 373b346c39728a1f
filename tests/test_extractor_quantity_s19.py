"""Rates written with a slash (nineteenth session, issue 12), with sentences written for the
test: a unit per unit of time or per measure keeps its denominator as written; a price per
unit is money in its currency, its denominator and a bound after it in its surface."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from db import teams
from db.connection import open_db
from db.session import ReviewSession, Strategy
from tests.quantity_checks import found
from tests.test_review_helpers import claim_row
from tui.cli import cli

# (text, surface, value, unit, kind, qualifier)
RATES = [
    # a measure per measure: the unit as written, kind other
    (
        "今年全市PM2.5平均浓度为32微克/立方米，同比下降。",
        "32微克/立方米",
        32,
        "微克/立方米",
        "other",
        "=",
    ),
    (
        "试验田亩产达到612.5公斤/亩，创历史新高。",
        "达到612.5公斤/亩",
        612.5,
        "公斤/亩",
        "other",
        "=",
    ),
    ("新项目设计产能为500万吨/年左右。", "500万吨/年左右", 5_000_000, "吨/年", "other", "~"),
    ("这台扫描仪每分钟可处理45页/分钟的文件。", "45页/分钟", 45, "页/分钟", "other", "="),
    # a time word as the denominator, also glued to the next word (as before: 10张/秒)
    ("该机型最高支持12张/秒连拍。", "12张/秒", 12, "张/秒", "other", "="),
    ("列车最高运行时速为350公里/小时。", "350公里/小时", 350, "公里/小时", "other", "="),
    # a full-width slash reads the same
    ("高速连拍约9张／秒，对焦迅速。", "约9张／秒", 9, "张/秒", "other", "~"),
    # a price per unit: money in its currency, the denominator and the bound in its surface
    (
        "该楼盘二期均价约为2.36万元/平方米左右。",
        "约为2.36万元/平方米左右",
        23_600,
        "元",
        "money",
        "~",
    ),
    (
        "市区新房成交均价突破1.9万元/平方米，环比上涨。",
        "突破1.9万元/平方米",
        19_000,
        "元",
        "money",
        ">",
    ),
    ("国际油价一度升至95美元/桶。", "95美元/桶", 95, "美元", "money", "="),
    ("本次发行价格为12.6元/股，募集资金5亿元。", "12.6元/股", 12.6, "元", "money", "="),
]


def _reads(text: str, surface: str, value: float, unit: str, kind: str, qualifier: str) -> None:
    cands: dict[str, Any] = found(text)
    assert surface in cands, list(cands)
    c = cands[surface]
    assert (c.value, c.unit, c.kind, c.qualifier) == (value, unit, kind, qualifier)


def _reviewed(tmp_path: Path, text: str) -> tuple[Path, ReviewSession]:
    """``text`` as a document ingested and extracted through the CLI into a new database,
    and a review session opened on it."""
    doc = tmp_path / "doc.txt"
    doc.write_text(text, encoding="utf-8")
    db = tmp_path / "doc.db"
    for args in (["ingest", str(doc), "--db", str(db)], ["extract", "--db", str(db)]):
        r = CliRunner().invoke(cli, args)
        assert r.exit_code == 0, r.output
    s = ReviewSession(open_db(db), "ann", teams.Assignment(), strategy=Strategy())
    s.open()
    return db, s


@pytest.mark.parametrize(("text", "surface", "value", "unit", "kind", "qualifier"), RATES)
def test_a_rate_keeps_its_denominator(
    text: str, surface: str, value: float, unit: str, kind: str, qualifier: str
) -> None:
    _reads(text, surface, value, unit, kind, qualifier)


# What is not a rate's denominator: a unit at the head of a longer word (元/间夜 is per room
# and night, not per room), a number after the slash (two quantities), a percentage.
NOT_RATES = [
    ("旺季酒店平均房价为1,288元/间夜，同比上涨。", "1,288元", 1288, "元"),
    ("储能项目装机规模达2.47吉瓦/5.39吉瓦时。", "达2.47吉瓦", 2.47, "吉瓦"),
    ("两项指标分别提高了12%/年和8%。", "12%", 12, "%"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), NOT_RATES)
def test_what_is_not_a_denominator_stays_out(
    text: str, surface: str, value: float, unit: str
) -> None:
    cands: dict[str, Any] = found(text)
    assert surface in cands, list(cands)
    assert (cands[surface].value, cands[surface].unit) == (value, unit)


def test_both_sides_of_two_quantities_with_a_slash_are_read() -> None:
    cands: dict[str, Any] = found("储能项目装机规模达2.47吉瓦/5.39吉瓦时。")
    assert "5.39吉瓦时" in cands, list(cands)
    assert cands["5.39吉瓦时"].unit == "吉瓦时"


def test_a_bound_of_a_rate_before_de_still_names_a_class() -> None:
    cands: dict[str, Any] = found("单价在2万元/平方米以上的高端住宅共有15个项目。")
    assert not any(s.startswith("在2万元") or s.startswith("2万元") for s in cands), list(cands)
    assert "15个" in cands, list(cands)


# The other reading of a rate's unit is kept as the unit's alternative: a reviewer whose
# convention writes 元/平方米 (or 公斤 for 公斤/亩) picks it instead of typing it.
UNIT_ALTERNATIVES = [
    ("该楼盘二期均价约为2.36万元/平方米左右。", "约为2.36万元/平方米左右", "元", "元/平方米"),
    ("国际油价一度升至95美元/桶。", "95美元/桶", "美元", "美元/桶"),
    ("试验田亩产达到612.5公斤/亩，创历史新高。", "达到612.5公斤/亩", "公斤/亩", "公斤"),
    ("列车最高运行时速为350公里/小时。", "350公里/小时", "公里/小时", "公里"),
]


@pytest.mark.parametrize(("text", "surface", "unit", "other"), UNIT_ALTERNATIVES)
def test_a_rate_keeps_its_other_unit_as_an_alternative(
    text: str, surface: str, unit: str, other: str
) -> None:
    c = found(text)[surface]
    assert c.unit == unit
    assert [a["text"] for a in c.alternatives["unit"]] == [other]


@pytest.mark.parametrize(
    "text", ["市区新房成交3000套，同比上涨。", "旺季酒店平均房价为1,288元/间夜。"]
)
def test_a_quantity_without_a_rate_has_no_unit_alternative(text: str) -> None:
    for c in found(text).values():
        assert "unit" not in c.alternatives, c.alternatives


def test_the_unit_alternative_is_picked_in_the_review_session(tmp_path) -> None:
    db, s = _reviewed(tmp_path, "本市新建商品住宅均价为1.86万元/平方米，环比上涨。")
    assert s.claim is not None and s.claim["unit"] == "元"
    claim_id = s.claim["id"]
    assert s.pick_alternative("unit", 1).ok
    row = claim_row(db, claim_id)
    assert (row["unit"], row["value"], row["status"]) == ("元/平方米", 18600, "accepted")


# 次 after a count or area unit makes one unit with it (as 人次 and 架次 of the unit table):
# a count of times something was counted. 次日, 次年 are words of their own.
TIMES_UNITS = [
    ("全年植保作业面积超过14亿亩次，较五年前增长。", "超过14亿亩次", 1_400_000_000, "亩次"),
    ("今年以来共检查特种设备9.8万台次。", "9.8万台次", 98_000, "台次"),
    ("执法人员检查企业8.7万家次，同比增长。", "8.7万家次", 87_000, "家次"),
    ("全市累计出动执法人员3000个次以上。", "3000个次以上", 3000, "个次"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), TIMES_UNITS)
def test_a_unit_with_ci_counts_times(text: str, surface: str, value: float, unit: str) -> None:
    c = found(text)[surface]
    assert (c.value, c.unit, c.kind) == (value, unit, "count")


def test_ci_opening_a_word_is_not_part_of_the_unit() -> None:
    cands = found("甲队在主场连续训练了3天次日返回。")
    assert "3天" in cands and cands["3天"].unit == "天", list(cands)


def test_a_count_named_in_ren_ci_before_a_bare_number_takes_that_unit() -> None:
    c = found("2021年全省医疗卫生机构总诊疗人次达3.86亿，同比增长9.7%。")["达3.86亿"]
    assert (c.value, c.unit, c.kind) == (386_000_000, "人次", "count")


# 一半 as a share of 50 %: after a half verb (as before), before 以上/左右, or as the share a
# 占, a copula or a comparison word earlier in its clause names; a qualifier word before it
# joins its surface.
HALF_SHARES = [
    ("这座城市，一半以上人口住进了新房。", "一半以上", ">="),
    ("研发人员215人，约占员工总数的一半。", "一半", "~"),
    ("上半年销售额4亿元，不到去年同期的一半。", "一半", "<"),
    ("多数人的用量只有标准的一半左右。", "一半左右", "~"),
    ("新项目体量比老项目少了近一半。", "近一半", "~"),
    ("其中硕士研究生占比超过一半。", "超过一半", ">"),
    ("全年贷款额度已经用去一大半。", "一大半", ">"),
]


@pytest.mark.parametrize(("text", "surface", "qualifier"), HALF_SHARES)
def test_half_as_a_share(text: str, surface: str, qualifier: str) -> None:
    c = found(text)[surface]
    assert (c.value, c.unit, c.kind, c.qualifier) == (50, "%", "percent", qualifier)


HALF_LOOKALIKES = [
    "第四节进行到一半，甲队大势已去，全场得分18分。",  # the middle of an event
    "男人的一半是女人，这部电影上映3天。",  # a figure of speech
    "一半的人表示满意，调查共访问1200人。",  # "half the people", no share told
    "乙队连续作战了大半个月，赢下5场。",  # a span
]


@pytest.mark.parametrize("text", HALF_LOOKALIKES)
def test_half_that_is_no_share(text: str) -> None:
    cands = found(text)
    assert not [s for s, c in cands.items() if c.rule == "percent.half"], list(cands)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("不良贷款率下降0.96个千分点。", "0.96个千分点", 0.96),
        ("赔付率同比下降1.2千分点。", "1.2千分点", 1.2),
    ],
)
def test_per_mille_points_are_one_unit(text: str, surface: str, value: float) -> None:
    c = found(text)[surface]
    assert (c.value, c.unit, c.kind) == (value, "个千分点", "percent")


# 块 counts pieces where no money is spoken of before it (a noun after it, or the end of its
# clause); with money spoken of (涨, 花, 交) and no noun after, it is yuan as before.
KUAI = [
    ("首周在全国1800余块银幕上映。", "1800余块", 1800, "块", "count", ">"),
    ("今年新增银幕626块，银幕总数超过4700块。", "超过4700块", 4700, "块", "count", ">"),
    ("全年集成电路产量3594亿块，同比增长。", "3594亿块", 359_400_000_000, "块", "count", "="),
    ("甲队获得5块金牌。", "5块", 5, "块", "count", "="),
    ("物业公司让我们每月交13块。", "13块", 13, "元", "money", "="),
    ("他的工资涨了近2000块。", "近2000块", 2000, "元", "money", "~"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit", "kind", "qualifier"), KUAI)
def test_kuai_counts_pieces_or_yuan(
    text: str, surface: str, value: float, unit: str, kind: str, qualifier: str
) -> None:
    _reads(text, surface, value, unit, kind, qualifier)


@pytest.mark.parametrize("text", ["他们一块去了北京，住了3天。", "两人一块儿出发，走了5公里。"])
def test_kuai_as_together_is_no_count(text: str) -> None:
    assert not [s for s in found(text) if "块" in s], list(found(text))


def test_a_picked_rate_unit_carries_to_the_siblings_that_offer_it(tmp_path) -> None:
    db, s = _reviewed(
        tmp_path,
        "甲区新房均价为1.86万元/平方米，乙区新房均价为2.04万元/平方米，全市成交总额达到120亿元。",
    )
    assert s.claim is not None and s.claim["quantity_text"] == "1.86万元/平方米"
    first = s.claim["id"]
    assert s.pick_alternative("unit", 1).ok
    assert s.siblings_offer().data == 1  # 2.04万元/平方米; not 120亿元, also in 元
    assert s.apply_siblings().ok
    conn = open_db(db)
    units = dict(conn.execute("SELECT quantity_text, unit FROM claims").fetchall())
    statuses = dict(conn.execute("SELECT quantity_text, status FROM claims").fetchall())
    assert units == {
        "1.86万元/平方米": "元/平方米",
        "2.04万元/平方米": "元/平方米",
        "达到120亿元": "元",
    }
    assert statuses["达到120亿元"] == "pending"
    assert claim_row(db, first)["status"] == "accepted"


# The other reading of a quantity whose value the gold batches write two ways is the value's
# alternative (value, unit and kind in one pick): a share written as a fraction in digits (read
# null as the guideline's 1/2.3), a discount (N折); a share written in words is read 100·a/b %
# and its other reading is no value (below); a ratio against 1 takes its other side as the
# value (tests/test_extractor_s26_recall.py).
READINGS = [
    ("约有2/3的用户表示满意，共1200人。", "约有2/3", 200 / 3, "%", "percent", "66.666667 %"),
    ("全场商品打九折销售，共1200件。", "九折", 90, "%", "percent", "90 %"),
    ("会员可享8.5折优惠，共1200人。", "8.5折", 85, "%", "percent", "85 %"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit", "kind", "shown"), READINGS)
def test_the_other_reading_of_a_value_is_its_alternative(
    text: str, surface: str, value: float, unit: str, kind: str, shown: str
) -> None:
    (alt,) = found(text)[surface].alternatives["value"]
    assert alt["value"] == pytest.approx(value)
    assert (alt["unit"], alt["kind"], alt["text"]) == (unit, kind, shown)


def test_a_share_in_words_is_a_percentage_and_no_value_is_its_other_reading() -> None:
    c = found("其中三分之一来自外地，共1200人。")["三分之一"]
    assert (c.value, c.unit, c.kind) == (pytest.approx(100 / 3), "%", "percent")
    (alt,) = c.alternatives["value"]
    assert (alt["value"], alt["unit"], alt["kind"], alt["text"]) == (
        None,
        "%",
        "percent",
        "no value",
    )


def test_a_plain_amount_has_no_other_reading() -> None:
    assert "value" not in found("全年营收达到3000元。")["达到3000元"].alternatives


def test_the_other_reading_is_picked_in_the_review_session(tmp_path) -> None:
    db, s = _reviewed(tmp_path, "调查显示，其中三分之一的受访者来自外地，共访问1200人。")
    while s.claim is not None and s.claim["quantity_text"] != "三分之一":
        assert s.move("next").ok
    assert s.claim is not None and s.claim["value"] == pytest.approx(100 / 3)
    claim_id = s.claim["id"]
    assert s.pick_alternative("value", 1).ok
    row = claim_row(db, claim_id)
    assert row["value"] is None
    assert (row["unit"], row["kind"], row["status"]) == ("%", "percent", "accepted")


@pytest.mark.parametrize(
    ("text", "surface", "other"),
    [
        ("他本赛季打进的第8个进球来自点球，全队共进15球。", "第8个", "个"),
        ("两人合作的第三部电影票房2亿元。", "第三部", "部"),
    ],
)
def test_an_ordinals_measure_word_is_its_units_alternative(
    text: str, surface: str, other: str
) -> None:
    c = found(text)[surface]
    assert (c.unit, c.kind) == ("", "other")  # a rank, as the guideline reads it
    assert [a["text"] for a in c.alternatives["unit"]] == [other]


def test_a_bare_ordinal_has_no_unit_alternative() -> None:
    c = found("他在比赛中排名第一，共15人参赛。")["第一"]
    assert "unit" not in c.alternatives
