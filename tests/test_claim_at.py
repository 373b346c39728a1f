"""``extractor.core.claim_at``: the extractor's role resolution run on a quantity a reviewer
selected (issue 14: adding a missed claim costs a selection, its roles come pre-filled with
alternatives to pick). Sentences written for the tests."""

from __future__ import annotations

from extractor import extract
from extractor.core import claim_at

TEXT = "公司向上海市政府捐资1000万元。去年该公司员工约3000人，其中女性1200人。"


def test_a_quantity_the_extractor_found_gets_the_same_candidate():
    for c in extract(TEXT):
        got = claim_at(TEXT, c.start, c.end)
        assert got is not None
        assert (got.start, got.end, got.value, got.unit) == (c.start, c.end, c.value, c.unit)
        assert (got.subject, got.predicate, got.time_text) == (c.subject, c.predicate, c.time_text)
        assert got.alternatives == c.alternatives


def test_a_selection_wider_than_the_number_reads_the_first_quantity_in_it():
    start = TEXT.index("约3000人")
    got = claim_at(TEXT, start - 2, start + 6)  # 员工约3000人
    assert got is not None
    assert (got.quantity_text, got.value, got.unit, got.qualifier) == ("约3000人", 3000, "人", "~")
    assert got.subject and got.time_text == "去年"


def test_a_look_alike_is_resolved_when_a_reviewer_selects_it():
    text = "该厂2021年产量为12000吨，热线电话12345接听来电超过800次。"
    start = text.index("12345")
    got = claim_at(text, start, start + 5)
    assert got is not None and got.value == 12345
    assert text[got.start : got.end] == "12345"
    for options in got.alternatives.values():
        for o in options:
            if o["start"] is not None:
                assert text[o["start"] : o["end"]] == o["text"]


def test_no_number_or_a_bad_span_gives_none():
    assert claim_at(TEXT, 0, 2) is None  # 公司
    assert claim_at(TEXT, 5, 3) is None
    assert claim_at(TEXT, 0, len(TEXT) + 1) is None
    assert claim_at("", 0, 0) is None


def test_a_selection_the_finder_reads_no_quantity_in_still_gets_its_roles():
    """A measure word the quantity finder does not know (三层) or a bare scale (百万): the
    selection is read as the app reads it (value, unit) and its roles are resolved as for
    any other quantity — an added claim needs no typed subject or predicate."""
    text = "这个收纳盒共分为三层，售价不到200元。"
    start = text.index("三层")
    got = claim_at(text, start, start + 2)
    assert got is not None
    assert (got.start, got.end, got.value, got.unit) == (start, start + 2, 3, "")
    assert got.subject == "收纳盒" and got.predicate == "分为"
    assert got.alternatives.get("predicate")  # runners-up to pick from
    # The character selected after the number is the unit's alternative, a pick away.
    assert [o["text"] for o in got.alternatives["unit"]] == ["层"]
    text = "这位歌手最近几个月代言收入超百万，远超去年。"
    start = text.index("百万")
    got = claim_at(text, start, start + 2)
    assert got is not None and got.value == 1_000_000
    assert got.predicate
    # Still no number: nothing.
    assert claim_at(text, 0, 4) is None  # 这位歌手


def test_a_selection_running_past_the_unit_offers_the_rest_as_another_unit():
    text = "在香港的23人中，有人一个礼拜后才出现症状。"
    start = text.index("一个礼拜")
    got = claim_at(text, start, start + 4)
    assert got is not None and (got.value, got.unit) == (1, "个")
    assert [o["text"] for o in got.alternatives["unit"]] == ["礼拜"]
    # A selection of the quantity alone adds nothing to the unit's alternatives.
    exact = claim_at(text, start, start + 2)
    assert exact is not None and "礼拜" not in [
        o["text"] for o in (exact.alternatives or {}).get("unit", [])
    ]
