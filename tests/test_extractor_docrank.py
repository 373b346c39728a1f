"""Document-level ranking features (extractor/docrank.py): what the other claims' first-pass
picks say about each option of a claim."""

from __future__ import annotations

import math

import pytest

from extractor.docrank import DOC_FEATURES, Place, pick_features

# Documents written for the test, as the pass-2 features see them: each claim's place
# (sentence, paragraph, clause), its options and their first-pass scores (the pick is the
# highest). 甲公司去年营业收入达到8亿元，净利润为3亿元。该公司员工有500人。乙公司员工有300人。
_COMPANY = [
    (Place(0, 0, 0), ["甲公司", "营业收入"], [2.0, 1.0]),
    (Place(0, 0, 1), ["甲公司", "净利润"], [0.5, 1.0]),
    (Place(1, 0, 0), ["甲公司", "该公司员工"], [1.5, 0.0]),
    (Place(2, 1, 0), ["乙公司", "甲公司"], [1.0, 0.2]),
]

# 今年前三季度，丁市居民人均收入增长6.5%。城镇居民增长5.8%，农村居民增长7.2%。
_TIMES = [
    (Place(0, 0, 1), ["今年前三季度", ""], [1.0, 0.0]),
    (Place(1, 0, 0), ["今年前三季度", ""], [0.0, 0.3]),
    (Place(1, 0, 1), ["今年前三季度", ""], [0.0, 0.4]),
]


@pytest.mark.parametrize(
    ("doc", "claim", "option", "expected", "absent", "options"),
    [
        # The second claim of the sentence: the first picked 甲公司 in the clause before.
        (
            _COMPANY,
            1,
            0,
            {"pick_sentence": 1, "pick_previous_sentence": 1.0},
            ["pick_previous_clause"],
            {},
        ),
        # 甲公司 is picked by claims 0 and 2 (twice: the document's top) of the three others.
        (_COMPANY, 1, 0, {"pick_document": 2, "pick_top": 1.0, "pick_share": 2 / 3}, [], {}),
        # The first claim: the next claim of its sentence did not pick 甲公司 (净利润 won).
        (_COMPANY, 0, 0, {"pick_document": 1}, ["pick_next_sentence", "pick_top"], {}),
        # Claim 2's option 该公司员工 holds nothing picked; 甲公司 was picked in the sentence
        # before, same paragraph.
        (_COMPANY, 2, 0, {"pick_paragraph": 1, "pick_document": 1}, ["pick_sentence"], {}),
        # Claim 3 is in another paragraph: its 甲公司 counts in the document only.
        (_COMPANY, 3, 1, {"pick_document": 2}, ["pick_paragraph", "pick_previous_paragraph"], {}),
        # A pick holding the option's text (甲公司 inside 甲公司员工) is counted apart.
        (
            [
                (Place(0, 0, 0), ["甲公司员工"], [1.0]),
                (Place(0, 0, 1), ["甲公司", "员工"], [0.0, 1.0]),
            ],
            1,
            0,
            {"pick_holds_sentence": 1, "pick_holds_document": 1},
            ["pick_sentence"],
            {},
        ),
        (
            [
                (Place(0, 0, 0), ["甲公司"], [1.0]),
                (Place(0, 0, 1), ["甲公司员工", "员工"], [0.0, 1.0]),
            ],
            1,
            0,
            {"pick_inside_sentence": 1, "pick_inside_document": 1},
            [],
            {},
        ),
        # Time: the empty option's counts are named apart; the first claim dated its figure.
        (
            _TIMES,
            2,
            1,
            {"empty*pick_sentence": 1, "empty*pick_previous_sentence": 1.0},
            ["pick_sentence", "empty*pick_previous_clause"],
            {},
        ),
        (_TIMES, 2, 0, {"pick_document": 1}, ["pick_sentence"], {}),
        # Causal: only the claims before count (what a left-to-right decoder knows).
        (_COMPANY, 0, 0, {}, ["pick_document", "pick_top"], {"causal": True}),
        (_COMPANY, 2, 0, {"pick_document": 1}, [], {"causal": True}),
        # Soft: the other claims' probabilities of the text, summed.
        (_TIMES, 0, 1, {}, [], {"soft": True}),
    ],
)
def test_pick_features(
    doc: list, claim: int, option: int, expected: dict, absent: list, options: dict
) -> None:
    places = [p for p, _, _ in doc]
    rows = pick_features(places, [t for _, t, _ in doc], [s for _, _, s in doc], **options)
    got = rows[claim]
    assert got is not None
    f = got[option]
    assert set(f) <= set(DOC_FEATURES)
    for name, value in expected.items():
        # Counts are given as ints (the feature is log(1 + count)), the rest as floats.
        want = math.log1p(value) if isinstance(value, int) else value
        assert f[name] == pytest.approx(want), name
    for name in absent:
        assert name not in f, name
    if options.get("soft"):
        # The two later claims leave 今年前三季度 at 1/(1+e^0.3) and 1/(1+e^0.4).
        p = 1 / (1 + math.exp(0.3)) + 1 / (1 + math.exp(0.4))
        assert f["empty*soft_document"] == pytest.approx(math.log1p(2 - p))


def test_claims_without_options_get_none_and_count_for_nothing() -> None:
    places = [Place(0, 0, 0), Place(0, 0, 1), Place(0, 0, 2)]
    rows = pick_features(places, [["甲"], None, ["甲", "乙"]], [[1.0], None, [0.0, 1.0]])
    assert rows[1] is None
    first, last = rows[0], rows[2]
    assert first is not None and last is not None
    # The claim before the last one has no options: the first is its previous pick.
    assert last[0]["pick_previous_sentence"] == 1.0
    assert "pick_share" not in first[0]
