"""bench/quantity_misses.py: the shape of a missed gold surface (surfaces written for the test),
and the test part refused."""

from __future__ import annotations

import pytest

from bench.quantity_misses import form, main

# surface, its form
FORMS = [
    ("120亿元", "unit"),
    ("8尾", "measure"),
    ("1599", "bare"),
    ("两尾", "cn-measure"),
    ("前三", "cn-bare"),
    ("三名", "cn-unit"),
    ("四被告", "cn-other"),
    ("首家", "nonumber"),
]


@pytest.mark.parametrize("surface,expected", FORMS)
def test_form_names_what_follows_the_last_number(surface: str, expected: str) -> None:
    assert form(surface) == expected


def test_the_test_part_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--part", "test"]) == 2
    assert "never" in capsys.readouterr().err
