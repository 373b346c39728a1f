"""An added claim takes the subject and predicate its guess left empty from the nearest
accepted claim of its document (:func:`db.reviewed.fill_empty`).

Pilot tests through ``tui.app.make_app`` on the review test database
(tests/test_review_helpers.py), each checking what was committed (a fresh connection). In
DOC3 only 350亿元 has a claim (subject 该公司, predicate 达到); ``N`` selects 12%, the first
number of its sentence no claim holds, and ``n`` adds it. The extractor's guess of the roles
is replaced by a fixed one, so each case says what the guess left empty.
"""

from __future__ import annotations

from typing import Any

import pytest

from db import spans
from db.connection import open_db
from tests.test_review_helpers import DOC3, build_review_db, claim_row, decisions
from tests.test_span_missed import at_doc
from tests.test_span_mode import press, selected
from tui.app import make_app


def span_of(needle: str) -> dict[str, int]:
    i = DOC3.index(needle)
    return {"start": i, "end": i + len(needle)}


def guess(**fields: str) -> dict[str, Any]:
    """A guess of the roles holding ``fields`` (field -> text found in DOC3), with offsets."""
    out: dict[str, Any] = {}
    for name, text in fields.items():
        at = span_of(text)
        out[name] = text
        out[f"{name}_start"], out[f"{name}_end"] = at["start"], at["end"]
    return out


@pytest.mark.parametrize(
    ("neighbour", "guessed", "subject", "predicate"),
    [
        # the guess left both empty: both from the accepted 350亿元, with its offsets
        ("accepted", {}, "该公司", "达到"),
        # a guessed subject stays; the empty predicate is filled
        ("accepted", guess(subject="Reuters"), "Reuters", "达到"),
        # a guessed predicate stays; the empty subject is filled
        ("accepted", guess(predicate="增长"), "该公司", "增长"),
        # nothing empty: the guess as it is
        ("accepted", guess(subject="Reuters", predicate="增长"), "Reuters", "增长"),
        # the neighbour is only pending (no one decided it): nothing to take
        ("pending", {}, "", ""),
        # a rejected neighbour is no model either
        ("rejected", {}, "", ""),
    ],
)
async def test_added_claim_takes_empty_roles_from_the_nearest_accepted_claim(
    tmp_path, neighbour, guessed, subject, predicate
):
    path = tmp_path / "review.db"
    info = build_review_db(path)
    d3 = info["docs"][2]
    conn = open_db(path)
    with conn:
        conn.execute("UPDATE claims SET status = ? WHERE doc_id = ?", (neighbour, d3))
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_doc(app, pilot, "350亿元")
        real = screen.span_readers
        screen._span_readers = spans.Readers(real.quantity, real.time,
                                             lambda *_: dict(guessed))  # fmt: skip
        await press(pilot, "N")
        await pilot.pause()
        assert selected(screen) == "12%"
        await press(pilot, "n")
        await pilot.pause()
        added = screen.claim
        assert added["quantity_text"] == "12%"
    [d] = [d for d in decisions(path) if d["action"] == "add"]
    row = claim_row(path, d["claim_id"])
    assert (row["start"], row["end"], row["status"]) == (*span_of("12%").values(), "accepted")
    assert (row["subject"] or "", row["predicate"] or "") == (subject, predicate)
    for name, text in (("subject", subject), ("predicate", predicate)):
        if text:  # the offsets hold the value in the text
            assert DOC3[row[f"{name}_start"] : row[f"{name}_end"]] == text
