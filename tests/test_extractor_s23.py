"""Twenty-third session's rules (issue 11), with sentences written for the tests: the final
or semi-final a figure was made in is its time, never the event named as a subject; a defined
alias is offered whole and a scope never with its own place name; 他/她 stand for the person
named last, by the short form of the name too."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.entities import EntityTable
from extractor.timex import find_times

# (text, surface, time)
STAGES = [
    ("李明在半决赛中拿下27分，帮助球队晋级。", "27分", "半决赛"),
    ("她又在总决赛上贡献了9次助攻。", "9次", "总决赛"),
    ("四分之一决赛中，张强独得18分。", "18分", "四分之一决赛"),
]


@pytest.mark.parametrize(("text", "surface", "time"), STAGES)
def test_the_final_a_figure_was_made_in_is_its_time(text: str, surface: str, time: str) -> None:
    [c] = [c for c in extract(text) if c.quantity_text == surface]
    assert c.time_text == time


@pytest.mark.parametrize(
    "text",
    [
        "总决赛共吸引了约3200名观众到场。",  # the event as the subject of its clause
        "球队已经提前锁定决赛圈的席位。",  # a word of its own
        "两队将争夺决赛权。",
    ],
)
def test_a_final_named_as_a_thing_is_no_time(text: str) -> None:
    assert not [t for t in find_times(text) if "决赛" in t.text]


def test_a_scope_is_not_composed_with_its_own_place_name() -> None:
    # 青州市 + 青州 would read 青州市青州: the option already names the scope's place.
    text = (
        "青州市统计局发布公报。全市全年地区生产总值增长6.1%，"
        "青州的城镇登记失业率为3.9%，全市居民收入增长5%。"
    )
    for c in extract(text):
        for a in c.alternatives.get("subject", []):
            assert not a["text"].startswith("青州市青州"), a


def test_a_defined_alias_is_offered_whole_never_in_pieces() -> None:
    text = "4月2日，远航电子科技股份有限公司（简称“远电科”）向某市捐资300万元。"
    [c] = extract(text)
    texts = [a["text"] for a in c.alternatives.get("subject", [])]
    pieces = [t for t in texts if t != "远电科" and t in "远电科"]
    assert not pieces, texts


def test_a_pronoun_stands_for_the_person_named_last_by_the_short_form_too() -> None:
    # 戴维斯 is named whole first, 布朗 in between, and 戴维斯 again right before 他.
    text = (
        "安东尼-戴维斯伤愈复出。赛后，杰伦-布朗谈到戴维斯时说，他很重要。"
        "在戴维斯出战的20场比赛中，他场均贡献24.5分。"
    )
    table = EntityTable(text, 0)
    table.add_shapes()
    pos = text.rfind("他场均")
    assert table.antecedent(pos, True, latest=True).text == "安东尼-戴维斯"
    assert table.antecedent(pos, True).text == "杰伦-布朗"  # first mentions alone


def test_the_antecedent_of_a_name_with_a_title_is_the_shorter_name_on_a_tie() -> None:
    text = "小牛中锋泰森-钱德勒表现出色。泰森-钱德勒抢下12个篮板，他还送出3次盖帽。"
    table = EntityTable(text, 0)
    table.add_shapes()
    table._add("小牛中锋泰森-钱德勒", 0, 10, True)
    ante = table.antecedent(text.rfind("他还"), True, latest=True)
    assert ante is not None and ante.text == "泰森-钱德勒"


def test_no_subject_option_is_a_piece_of_a_quantity_it_starts_with() -> None:
    text = "正是王强，在上一场和篮网的比赛中，凭借15投11中的高效率砍下了28分，搞定篮网。"
    c = next(c for c in extract(text) if c.quantity_text == "28分")
    texts = [c.subject] + [a["text"] for a in c.alternatives.get("subject", [])]
    assert not any(t.startswith("15投") for t in texts), texts
