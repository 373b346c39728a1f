"""Where a subject option starts and ends (session 34): the option stops at a name's right
edge when the words after it are what the name has and counts (中国电信|5G套餐用户). Sentences
written for the tests."""

from __future__ import annotations

import pytest

from extractor.core import extract_with_fields


def _claim(text: str, quantity: str):
    for c, f in extract_with_fields(text):
        if c.quantity_text == quantity:
            return c, [o.text for o in f.get("subject", [])]
    raise AssertionError(f"{quantity} not found in {text}")


@pytest.mark.parametrize(
    ("text", "quantity", "subject", "never"),
    [
        # An organisation (tagged as one, or with an organisation's ending) before users,
        # members, staff or outlets: the name is the subject, the nouns the attribute.
        ("中国电信5G套餐用户为1.88亿户。", "1.88亿户", "中国电信", "中国电信5G套餐"),
        ("中国移动月活跃用户达到3亿户。", "达到3亿户", "中国移动", "中国移动月活跃用户"),
        ("华为公司研发人员超过10万人。", "超过10万人", "华为公司", "华为公司研发"),
        ("蓝海银行营业网点共有120个。", "120个", "蓝海银行", "蓝海银行营业网点"),
        # A name the document writes alone too, read on over an attribute of the owned noun.
        (
            "星辰通信是一家设备企业。星辰通信全球员工总数超过3万人。",
            "超过3万人",
            "星辰通信",
            "星辰通信全球员工",
        ),
    ],
)
def test_the_subject_stops_at_the_name(text, quantity, subject, never):
    c, options = _claim(text, quantity)
    assert c.subject == subject
    assert never not in options


@pytest.mark.parametrize(
    ("text", "quantity", "subject"),
    [
        # The staff act in a clause of their own (所, 的): they are who the claim is about.
        ("万科员工所节省的电费顶多也就几十万元。", "几十万元", "万科员工"),
        # A place with its residents, a market with its products: the measured thing stays
        # whole (the gold keeps 全国水产品, 我国工业机器人).
        ("北京市常住人口2189万人。", "2189万人", "北京市"),
        ("2021年我国工业机器人产量达36.6万套。", "达36.6万套", "我国工业机器人"),
        # A branch of an organisation before an attribute is no owned thing: kept whole.
        ("中国电信上海分公司营收达到100亿元。", "达到100亿元", "中国电信上海分公司"),
    ],
)
def test_other_subjects_keep_their_span(text, quantity, subject):
    c, options = _claim(text, quantity)
    assert subject in options
    assert c.subject == subject
