"""Work done once instead of once per claim or per option (issue 12's speed part): the
results must be those of the work done each time."""

from __future__ import annotations

import pytest

from extractor import core, nlp
from extractor.timex import normalise
from tests.test_extractor_predicate_window import options_with


@pytest.fixture(scope="module", autouse=True)
def _tagger():
    nlp.load()


@pytest.mark.parametrize(
    ("text", "date", "exprs"),
    [
        # The same expression asked again by a later claim, and others of the document.
        (
            "公司4月26日公布，去年营收120亿元，4月26日股价涨5%。",
            "2022-04-27",
            ["4月26日", "去年", "4月26日"],
        ),
        ("截至3月12日，今年以来共有15家公司上市。", "2011-04-12", ["截至3月12日", "今年以来"]),
        # No document date: the unknown parts stay as X.
        ("5月1日起，票价上调10元。", None, ["5月1日起", "5月1日起"]),
        # An expression normalise cannot read gives "" each time too.
        ("这几天成交量放大了20%。", "2010-01-05", ["这几天", "这几天"]),
    ],
)
def test_a_document_normalises_each_time_expression_as_normalise_does(text, date, exprs):
    doc = core._Doc(text, text, date)
    for expr in exprs:
        assert doc.normalised(expr) == normalise(expr, date)
    assert set(doc._normalised) == set(exprs)  # each expression normalised once


def _between(sentence: str, quantity: str) -> dict[str, list[str]]:
    """The predicate options of ``quantity`` in ``sentence`` that have a verb or a number
    between them and the quantity."""
    return {
        name: options_with(sentence, quantity, name) for name in ("verb_between", "number_between")
    }


@pytest.mark.parametrize(
    ("sentence", "quantity", "verb_between", "number_between"),
    [
        # What a verb follows is its subject, not its predicate.
        ("上证指数昨日跌0.01%，收于3000点。", "0.01%", ["上证指数"], []),
        ("他说公司去年销售额增长了15%。", "15%", ["说", "销售额"], []),
        # An earlier number between: the verb governs that one first.
        (
            "科比全场砍下43分17个篮板。",
            "17个",
            ["全场砍", "砍下", "科比全场砍"],
            ["全场砍", "砍下", "科比全场砍"],
        ),
        ("科比全场砍下43分17个篮板。", "43分", [], ["篮板"]),
        # Nothing between the options and the quantity.
        ("公司营业收入达到120亿元。", "达到120亿元", [], []),
    ],
)
def test_predicate_options_read_the_verbs_and_numbers_between(
    sentence, quantity, verb_between, number_between
):
    got = _between(sentence, quantity)
    assert got == {"verb_between": verb_between, "number_between": number_between}
