"""Rates written with a slash (nineteenth session, issue 12), with sentences written for the
test: a unit per unit of time or per measure keeps its denominator as written; a price per
unit is money in its currency, its denominator and a bound after it in its surface."""

from __future__ import annotations

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


@pytest.mark.parametrize(("text", "surface", "value", "unit", "kind", "qualifier"), RATES)
def test_a_rate_keeps_its_denominator(
    text: str, surface: str, value: float, unit: str, kind: str, qualifier: str
) -> None:
    cands: dict[str, Any] = found(text)
    assert surface in cands, list(cands)
    c = cands[surface]
    assert (c.value, c.unit, c.kind, c.qualifier) == (value, unit, kind, qualifier)


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
    doc = tmp_path / "price.txt"
    doc.write_text("本市新建商品住宅均价为1.86万元/平方米，环比上涨。", encoding="utf-8")
    db = tmp_path / "price.db"
    for args in (["ingest", str(doc), "--db", str(db)], ["extract", "--db", str(db)]):
        r = CliRunner().invoke(cli, args)
        assert r.exit_code == 0, r.output
    s = ReviewSession(open_db(db), "ann", teams.Assignment(), strategy=Strategy())
    s.open()
    assert s.claim is not None and s.claim["unit"] == "元"
    claim_id = s.claim["id"]
    assert s.pick_alternative("unit", 1).ok
    row = claim_row(db, claim_id)
    assert (row["unit"], row["value"], row["status"]) == ("元/平方米", 18600, "accepted")
