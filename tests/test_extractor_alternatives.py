"""The runners-up the extractor stores with each claim (``Candidate.alternatives``): how many
per field, the time's "no time" reading, and the subjects chosen for neighbouring claims.
Table-driven; sentences and candidates written for the tests."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.core import (
    ALTERNATIVES,
    MAX_ALTERNATIVES,
    NEIGHBOUR_WINDOW,
    NEIGHBOURS,
    RANKED_FIRST,
    _alts,
    claim_at,
    with_neighbours,
)
from extractor.model import Candidate


def opts(*texts: str) -> list[tuple[str, int | None, int | None, float]]:
    """Options best first, scored 0.9, 0.8, …; an empty text has no offsets."""
    return [
        (t, None if not t else 10 * i, None if not t else 10 * i + len(t), 0.9 - i / 10)
        for i, t in enumerate(texts)
    ]


@pytest.mark.parametrize(
    ("chosen", "texts", "keep_empty", "limit", "expected"),
    [
        # the chosen text and repeats are left out, best first
        ("甲", ("甲", "乙", "乙", "丙"), False, 5, ["乙", "丙"]),
        # an empty option is left out, unless kept (time's "no time")
        ("3月", ("3月", "", "4月"), False, 5, ["4月"]),
        ("3月", ("3月", "", "4月"), True, 5, ["", "4月"]),
        # an empty choice never has itself as a runner-up
        ("", ("", "3月", "4月"), True, 5, ["3月", "4月"]),
        # at most ``limit``
        ("甲", tuple("甲乙丙丁戊己庚辛壬癸子丑"), False, 5, list("乙丙丁戊己")),
        ("甲", tuple("甲乙丙丁戊己庚辛壬癸子丑"), False, 9, list("乙丙丁戊己庚辛壬癸")),
    ],
)
def test_runners_up_as_stored(chosen, texts, keep_empty, limit, expected):
    out = _alts(chosen, opts(*texts), keep_empty=keep_empty, limit=limit)
    assert [o["text"] for o in out] == expected
    for o in out:
        assert (o["start"] is None) == (o["text"] == "")
        assert isinstance(o["score"], float)


def test_the_subject_keeps_as_many_runners_up_as_the_card_numbers():
    assert MAX_ALTERNATIVES == {"subject": 9}
    assert ALTERNATIVES == 5


def cand(start: int, subject: str, alts: list[str] | None = None, predicate: str = "") -> Candidate:
    """A candidate at ``start`` whose subject is ``subject`` (written at 100 + start) with
    these ranked subject runners-up, and ``predicate`` (written at 200 + start)."""
    ranked = [{"text": t, "start": None, "end": None, "score": 0.5} for t in alts or []]
    return Candidate(
        quantity_text="5个", start=start, end=start + 2, sentence_start=start,
        sentence_end=start + 3, value=5, value_max=None, unit="个", qualifier="=",
        subject=subject, predicate=predicate, object="", time_text="", time="", kind="count",
        confidence=0.5, rule="test",
        subject_start=100 + start if subject else None,
        subject_end=100 + start + len(subject) if subject else None,
        predicate_start=200 + start if predicate else None,
        predicate_end=200 + start + len(predicate) if predicate else None,
        alternatives={"subject": ranked} if ranked else {},
    )  # fmt: skip


def neighbours(subjects: list[str], alts: dict[int, list[str]] | None = None) -> list[list[str]]:
    pairs = [(cand(10 * i, s, (alts or {}).get(i)), {}) for i, s in enumerate(subjects)]
    out = with_neighbours(pairs)
    assert [f for _, f in out] == [{} for _ in subjects]  # the ranked options are untouched
    return [[o["text"] for o in c.alternatives.get("subject", [])] for c, _ in out]


@pytest.mark.parametrize(
    ("subjects", "alts", "expected"),
    [
        # before and after in turn, nearest first; one's own subject never
        (["甲", "乙", "丙"], {}, [["乙", "丙"], ["甲", "丙"], ["乙", "甲"]]),
        # distinct subjects: repeats of a neighbour's (and of one's own) are passed over
        (["甲", "甲", "乙", "乙", "丙"], {},
         [["乙", "丙"], ["乙", "丙"], ["甲", "丙"], ["甲", "丙"], ["乙", "甲"]]),
        # empty subjects are no options
        (["", "甲", ""], {}, [["甲"], [], ["甲"]]),
        # a subject already among the runners-up is not repeated; the neighbours come after
        # the ranker's first five
        (["甲", "乙", "丙"], {1: ["丙", "子", "丑", "寅", "卯", "辰"]},
         [["乙", "丙"], ["丙", "子", "丑", "寅", "卯", "甲", "辰"], ["乙", "甲"]]),
        # at most nine in all: the ranker's sixth and later runners-up go first
        (["甲", "乙", "丙"], {1: list("子丑寅卯辰巳午未申")},
         [["乙", "丙"], [*"子丑寅卯辰", "甲", "丙", "巳", "午"], ["乙", "甲"]]),
        # two on each side at most
        (["甲", "乙", "丙", "丁", "戊"], {}, [["乙", "丙"], ["甲", "丙", "丁"],
         ["乙", "丁", "甲", "戊"], ["丙", "戊", "乙"], ["丁", "丙"]]),
    ],
)  # fmt: skip
def test_neighbours_subjects_join_the_subject_alternatives(subjects, alts, expected):
    assert NEIGHBOURS == 2 and RANKED_FIRST == 5
    assert neighbours(subjects, alts) == expected


def test_neighbours_are_looked_for_only_near_the_claim():
    # the same subject on every claim but the last: the first claims find no other one
    subjects = ["甲"] * (NEIGHBOUR_WINDOW + 2) + ["乙"]
    got = neighbours(subjects)
    assert got[0] == []
    assert got[-2] == ["乙"] and got[-1] == ["甲"]


@pytest.mark.parametrize(
    ("predicates", "expected"),
    [
        (["增长", "增长", "下降"], [["下降"], ["下降"], ["增长"]]),
        # a claim with no predicate takes the nearest one (before first) as its own
        (["营收", "", "净利"], [["净利"], ["净利"], ["营收"]]),
    ],
)
def test_neighbours_predicates_join_the_predicate_alternatives(predicates, expected):
    pairs = [(cand(10 * i, "", predicate=p), {}) for i, p in enumerate(predicates)]
    got = [c.alternatives.get("predicate", []) for c, _ in with_neighbours(pairs)]
    assert [[o["text"] for o in alts] for alts in got] == expected
    (first,) = got[0]
    at = 10 * predicates.index(first["text"])
    assert (first["start"], first["end"], first["score"]) == (200 + at, 202 + at, None)


def test_a_claim_with_no_predicate_takes_its_nearest_neighbours():
    pairs = [(cand(10 * i, "", predicate=p), {}) for i, p in enumerate(["营收", "", "净利"])]
    c = with_neighbours(pairs)[1][0]
    assert (c.predicate, c.predicate_start, c.predicate_end) == ("营收", 200, 202)


def test_a_neighbours_subject_keeps_its_offsets_and_has_no_score():
    (c, _), _ = with_neighbours([(cand(0, "甲"), {}), (cand(10, "乙"), {})])
    assert c.alternatives["subject"] == [{"text": "乙", "start": 110, "end": 111, "score": None}]


TEXT = "甲公司去年营收120亿元。乙集团员工约3000人，丙银行提供71亿元贷款。"


def test_extract_offers_the_neighbours_subjects_and_no_time():
    by_quantity = {c.quantity_text: c for c in extract(TEXT, "2022-05-01")}
    first = by_quantity["120亿元"]
    subjects = [o["text"] for o in first.alternatives.get("subject", [])]
    others = {by_quantity[q].subject for q in ("约3000人", "71亿元")} - {first.subject}
    assert others and others <= set(subjects)
    for o in first.alternatives["subject"]:
        if o["start"] is not None:
            assert TEXT[o["start"] : o["end"]] == o["text"]
    # a claim with a time may be given "no time"; one without a time has no such option
    for c in by_quantity.values():
        empty = [o for o in c.alternatives.get("time", []) if o["text"] == ""]
        assert not empty or c.time_text
        assert all(o["start"] is None and o["end"] is None for o in empty)
    assert first.time_text == "去年"
    assert "" in [o["text"] for o in first.alternatives.get("time", [])]


def test_an_added_claim_gets_the_neighbours_subjects_as_extract_gives_them():
    for c in extract(TEXT):
        got = claim_at(TEXT, c.start, c.end)
        assert got is not None and got.alternatives == c.alternatives


def test_the_apps_guess_for_an_added_claim_has_the_options_extract_gives():
    """The review app's guess for a quantity a reviewer selects (span mode's ``n``, the add
    form) reads the text after it too: the same options as ``extract``, the neighbours' after
    it included."""
    from tui.widgets.span_cursor import guess_roles

    for c in extract(TEXT):
        got = guess_roles(TEXT, c.start, c.end, None)
        assert got.get("alternatives", {}) == c.alternatives
        assert (got["subject"], got["predicate"]) == (c.subject, c.predicate)
