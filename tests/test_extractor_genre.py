"""Document genre signals conjoined with where a time option stands (extractor/options.py
``document_genre`` and ``time_class``; ranker.py ``GENRE_SIGNALS`` and ``TIME_CLASSES``).

Sentences are written for these tests; none is copied from a gold file.
"""

from __future__ import annotations

import math

import pytest

from extractor.core import FULLWIDTH, _digit, extract_with_fields
from extractor.options import document_genre, time_class
from extractor.quantity import find_quantities
from extractor.ranker import GENRE_SIGNALS, TIME_CLASSES, TIME_FEATURES, shipped
from extractor.sentences import split_sentences
from extractor.timex import find_times

#: A market report: money and percentages, a reporting period, a time in four sentences of five.
REPORT = (
    "甲市今年前三季度财政收入120亿元。9月份，甲市财政收入增长8.5%，支出增长6.2%。"
    "截至9月底，存款余额达到340亿元。10月，贷款余额增加15亿元，其中个人贷款占四成。"
    "企业贷款余额为90亿元。"
)
#: A story: one count, no time, long sentences.
STORY = (
    "老人在院子里种了一棵树，每天清晨都会去看看它。孩子们围着他听故事，笑声传得很远。"
    "树上结了3个果子。"
)
#: A game report: scores and a day.
GAME = "乙队昨天以98比90战胜丙队。丁某拿下25分和10个篮板。"


def _genre(text: str) -> dict[str, float]:
    norm = text.translate(FULLWIDTH)
    times = find_times(norm)
    mentions = find_quantities(norm, [(t.start, t.end) for t in times if _digit(t)])
    return document_genre(norm, times, [m.kind for m in mentions], split_sentences(text))


@pytest.mark.parametrize(
    ("text", "signal", "low", "high"),
    [
        (REPORT, "money", 0.4, 0.8),
        (REPORT, "percent", 0.2, 0.6),
        (REPORT, "timed", 0.7, 0.9),
        (REPORT, "period", 1.0, 1.0),
        (STORY, "money", 0.0, 0.0),
        (STORY, "count", 1.0, 1.0),
        (STORY, "timed", 0.0, 0.0),
        (STORY, "period", 0.0, 0.0),
        (STORY, "density", 0.0, 0.2),
        (GAME, "score", 0.3, 1.0),
        (GAME, "money", 0.0, 0.0),
    ],
)
def test_genre_signals_of_written_documents(
    text: str, signal: str, low: float, high: float
) -> None:
    value = _genre(text)[signal]
    assert low <= value <= high, (signal, value)


def test_every_signal_is_in_unit_range_and_length_grows_with_the_text() -> None:
    for text in (REPORT, STORY, GAME, ""):
        g = _genre(text)
        assert set(g) == set(GENRE_SIGNALS)
        assert all(0.0 <= v <= 1.0 for v in g.values()), g
    assert _genre(REPORT)["length"] == pytest.approx(math.log1p(len(REPORT)) / 10)
    assert _genre(REPORT + REPORT)["length"] > _genre(REPORT)["length"]
    assert _genre(REPORT)["density"] > _genre(STORY)["density"]


@pytest.mark.parametrize(
    ("features", "cls"),
    [
        ({"empty": 1.0, "rule": 1.0}, "none"),
        ({"same_clause": 1.0, "same_sentence": 1.0}, "clause"),
        ({"after": 1.0, "same_clause": 1.0}, "clause"),
        ({"same_sentence": 1.0, "headline": 1.0}, "sentence"),
        ({"lead": 1.0, "sentences_back": 1.0}, "lead"),
        ({"headline": 1.0, "sentences_back": 0.67}, "head"),
        ({"headline": 1.0, "sentences_back": 0.33, "semicolon": 1.0}, "back"),
        ({"sentences_back": 0.33, "period_carried": 1.0}, "back"),
    ],
)
def test_where_a_time_option_stands(features: dict[str, float], cls: str) -> None:
    assert time_class(features) == cls


def test_every_signal_and_class_is_a_time_feature() -> None:
    for g in GENRE_SIGNALS:
        for c in TIME_CLASSES:
            assert f"genre_{g}*{c}" in TIME_FEATURES


def test_time_options_carry_the_documents_signals_for_their_class() -> None:
    genre = _genre(REPORT)
    found = {c.quantity_text: f for c, f in extract_with_fields(REPORT)}
    own = {o.text: o.features for o in found["120亿元"]["time"]}
    assert own["今年前三季度"]["genre_period*clause"] == 1.0
    options = {o.text: o.features for o in found["90亿元"]["time"]}
    cases = [("10月", "back"), ("截至9月底", "back"), ("9月份", "lead"), ("", "none")]
    for text, cls in cases:
        f = options[text]
        assert f[f"genre_money*{cls}"] == pytest.approx(genre["money"]), text
        assert f[f"genre_timed*{cls}"] == pytest.approx(genre["timed"]), text
        assert not any(k.startswith("genre_") and not k.endswith(f"*{cls}") for k in f), text
    # A signal of 0 (no count or score in this report) adds no feature.
    assert not any(
        k.startswith(("genre_score*", "genre_count*")) for f in options.values() for k in f
    )


def test_the_shipped_time_model_weighs_the_genre_conjunctions() -> None:
    weights = shipped().fields["time"]
    assert any(abs(weights.get(k, 0.0)) > 0.01 for k in TIME_FEATURES if k.startswith("genre_"))
