"""Subject options of the eighth session, on sentences written for these tests: a mention
resolved to a longer name met before is offered as written too, and each option knows how
often and how recently its text was written and how often it opens a clause."""

from __future__ import annotations

import pytest

from extractor.entities import EntityTable
from tests.subject_checks import subject_options

_options = subject_options


def test_a_mention_resolved_to_a_longer_name_is_offered_as_written_too() -> None:
    # The rules chose 主力钱德勒 for the first claim (the words before the name came
    # with it); the later mention 钱德勒 resolves to it, and is offered as written as well,
    # where the full name of the person is read.
    text = "小牛中锋泰森-钱德勒状态很好。主力钱德勒场均9分。今天钱德勒拿下14分。"
    opts = _options(text, "14分")
    assert "泰森-钱德勒" in opts
    assert opts["泰森-钱德勒"].get("full_name") == 1.0


def test_a_generic_reference_is_not_offered_as_written() -> None:
    text = "星河旅游有限公司今年开业。该公司去年收入3亿元。"
    opts = _options(text, "3亿元")
    assert "该公司" not in opts
    assert not any(f.get("as_written") for f in opts.values())


def test_the_mention_as_written_keeps_its_features_without_the_alias() -> None:
    text = "小牛中锋泰森-钱德勒状态很好。主力钱德勒场均9分。今天钱德勒拿下14分。"
    opts = _options(text, "14分")
    resolved = opts["主力钱德勒"]
    assert resolved.get("alias") == 1.0
    full = opts["泰森-钱德勒"]
    # Read at the mention in the quantity's clause, as the resolution was.
    assert full.get("as_written") == 1.0
    assert full.get("same_clause") == 1.0
    assert not full.get("alias")


@pytest.mark.parametrize(
    ("text", "name", "starts", "opens"),
    [
        # Written three times, twice opening a sentence or a clause.
        ("星河公司成立。去年，星河公司扩张，员工说星河公司好。", "星河公司", [0, 10, 20], 2),
        # Written once, after a verb: it opens nothing.
        ("员工说星河公司好。", "星河公司", [3], 0),
        # Not written at all.
        ("员工说星河公司好。", "月亮", [], 0),
    ],
)
def test_the_table_counts_the_mentions_that_open_a_clause(
    text: str, name: str, starts: list[int], opens: int
) -> None:
    table = EntityTable(text, 0)
    assert table.mentions(name) == (starts, opens)


def test_an_option_knows_how_often_and_how_recently_its_text_was_written() -> None:
    text = "星河公司成立于去年。星河公司扩张很快。月亮公司也不错。今年员工达到300人。"
    opts = _options(text, "达到300人")
    star, moon = opts["星河公司"], opts["月亮公司"]
    # Written twice before the quantity, both times opening a sentence.
    assert star["mentions_before"] > moon["mentions_before"] > 0
    assert star["opens_count"] > moon["opens_count"] > 0
    # The other name was written nearer the quantity.
    assert moon["recent_dist"] < star["recent_dist"]
