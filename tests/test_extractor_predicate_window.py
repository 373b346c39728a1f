"""Ninth session, predicate: the verbs between an option and its quantity are read at their
own place in the clause, however far into the clause the quantity stands (a quantity more
than twenty tokens in starts the window after the clause's start).

Sentences are written for these tests; none is copied from a gold file.
"""

from __future__ import annotations

import pytest

from extractor import core, nlp
from extractor.options import predicate_options
from extractor.quantity import find_quantities


@pytest.fixture(scope="module", autouse=True)
def _tagger():
    nlp.load()


def options_with(clause: str, quantity: str, feature: str) -> list[str]:
    """The predicate options of ``quantity`` in ``clause`` (tokens of the clause) that have
    ``feature``, sorted."""
    toks = core._tokens(clause, 0, len(clause))
    [m] = [m for m in find_quantities(clause, []) if clause[m.start : m.end] == quantity]
    opts = predicate_options(
        norm=clause,
        tokens=toks,
        q_start=m.start,
        q_end=m.end,
        after_subject=0,
        rule=None,
        shared=False,
        kind=m.kind,
    )
    return sorted(o.text for o in opts if o.features.get(feature))


@pytest.mark.parametrize(
    ("clause", "quantity", "verb_between"),
    [
        # The verb 增长 stands between the measured attribute and the quantity, near the
        # clause's start and 30 tokens into a long clause alike.
        ("该县蔬菜总产量比上年同期增长了12%。", "12%", ["总产量", "蔬菜总产量"]),
        (
            "该县农业合作社今年在全县范围内的山区和平原地带新建的温室大棚以及配套冷库和"
            "仓储设施的蔬菜总产量比上年同期增长了12%。",
            "12%",
            ["总产量", "蔬菜总产量"],
        ),
        # No verb between 确认 and 约12吨 (only 的, nouns and 约): 签字 has 确认 after it; the
        # nouns 家庭 and 用水量 are no verbs, wherever the clause's verbs stand.
        ("他们签字确认的城镇居民家庭的月均用水量约12吨。", "约12吨", ["签字"]),
        (
            "在市区和郊县等各地他们走访调查发现核实确认统计分析得出结论今年全市接受抽样调查"
            "并签字确认的城镇居民家庭的月均用水量约12吨。",
            "约12吨",
            ["签字"],
        ),
    ],
    ids=["verb-short", "verb-30-tokens-in", "no-verb-short", "no-verb-27-tokens-in"],
)
def test_a_verb_between_is_read_at_its_place_in_the_clause(
    clause: str, quantity: str, verb_between: list[str]
) -> None:
    assert options_with(clause, quantity, "verb_between") == verb_between


@pytest.mark.parametrize(
    ("clause", "quantity", "nearest_verb"),
    [
        # The tagger reads 给 as a preposition; 了 after it makes it a verb. The 了 right
        # before the quantity is dropped from the words before it, but still read after 给.
        ("这家企业去年给了3000元。", "3000元", ["给"]),
        ("老板当场给了3000元奖金。", "3000元", ["给"]),
        ("老板当场给了员工3000元奖金。", "3000元", ["给"]),
        # A verb by its tag, for comparison.
        ("这家企业去年发了3000元。", "3000元", ["发"]),
    ],
    ids=["gei-le-adjacent", "gei-le-adjacent-object", "gei-le-noun-between", "tagged-verb"],
)
def test_a_preposition_with_le_before_the_quantity_is_its_verb(
    clause: str, quantity: str, nearest_verb: list[str]
) -> None:
    assert options_with(clause, quantity, "nearest_verb") == nearest_verb
