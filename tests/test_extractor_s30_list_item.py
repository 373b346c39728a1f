"""The name heading a quantity's item of a list (开拓者96.3%、黄蜂93.0%; 交银保本(49.7亿)、
工银300(36.1亿)): read from the item's mark to the quantity whatever the tagger cut, offered as
a subject option with the feature ``item_name``. Sentences written for the tests."""

from __future__ import annotations

import pytest

from extractor.core import extract_with_fields
from extractor.entities import list_item_name
from extractor.ranker import FIELD_FEATURES, shipped


def _item(text: str, surface: str) -> str | None:
    q = text.index(surface)
    span = list_item_name(text, q, 0, len(text))
    return None if span is None else text[span[0] : span[1]]


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        # After a colon, the list going on; after 、.
        ("各区成交量：甲区320套、乙区210套。", "320套", "甲区"),
        ("各区成交量：甲区320套、乙区210套。", "210套", "乙区"),
        # A bracket before the figure is left out; digits and Latin letters inside the name stay.
        ("规模前三：丙银保本(49.7亿)、丁银300(36.1亿)、戊利A(30.7亿)。", "36.1亿", "丁银300"),
        ("规模前三：丙银保本(49.7亿)、丁银300(36.1亿)、戊利A(30.7亿)。", "30.7亿", "戊利A"),
        ("规模前三：丙银保本（49.7亿）、丁银300（36.1亿）。", "49.7亿", "丙银保本"),
        # Spaces around the name are left out.
        ("得分：张三 30分、李四 18分。", "18分", "李四"),
    ],
)
def test_the_item_name_runs_from_the_items_mark_to_the_quantity(text, surface, name):
    assert _item(text, surface) == name


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # A colon and one figure: a label, not a list.
        ("地点：甲馆300座。", "300座"),
        # No mark close enough, or a verb-led clause between: none.
        ("甲公司今年营收达到了12亿元，乙公司8亿元。", "12亿元"),
        # A name may not open with a digit (a figure of the item before).
        ("成绩：12胜3负、8胜7负。", "3负"),
        # Longer than a name (twelve characters at most).
        ("结果如下：甲乙丙丁戊己庚辛壬癸子丑寅卯12分、乙5分。", "12分"),
    ],
)
def test_no_item_name_where_no_list_item_opens_right_before_the_quantity(text, surface):
    assert _item(text, surface) is None


def test_the_extractor_offers_the_item_names_the_tagger_cuts():
    text = (
        "今年首募规模前5名：交银保本(49.7亿)、国投货币A(38.3亿)、工银300(36.1亿)、"
        "德盛增利A(30.7亿)、华宝强债A(22.6亿)。"
    )
    names = ["交银保本", "国投货币A", "工银300", "德盛增利A", "华宝强债A"]
    got = [(c, f) for c, f in extract_with_fields(text) if c.quantity_text.endswith("亿")]
    assert len(got) == len(names)
    for (_cand, fields), name in zip(got, names, strict=True):
        items = [o for o in fields["subject"] if o.features.get("item_name")]
        assert [o.text for o in items] == [name]
        assert text[items[0].start : items[0].end] == name  # offsets exact


def test_the_shipped_model_weighs_the_item_name():
    assert "item_name" in FIELD_FEATURES["subject"]
    assert shipped().weights.get("item_name", 0.0) > 0
    text = "各区新房成交量如下：朝阳区320套、海淀区210套、丰台区150套。"
    found = extract_with_fields(text)
    assert [c.subject for c, _ in found][:2] == ["朝阳区", "海淀区"]
    # The last item's name is a pick away: the model still prefers the list's first name
    # there (the feature weighs 0.12 against the first name's place).
    (last, fields) = found[2]
    assert [o.text for o in fields["subject"][:2]] == ["朝阳区", "丰台区"]
    assert last.alternatives["subject"][0]["text"] == "丰台区"
