"""bench/lookalike_rules.py names the rule that dropped each look-alike (sentences written for
the test)."""

from __future__ import annotations

from bench.lookalike_rules import Recorder, describe, main


def _rules(text: str, surface: str) -> list[str]:
    start = text.index(surface)
    return [r for s, e, r in Recorder().run(text) if s < start + len(surface) and start < e]


def test_a_drop_in_context_is_named_by_its_rule_and_comment() -> None:
    # 50元充值卡: the face value of a product (a rule of context of quantity.py)
    rules = _rules("他买了一张50元充值卡。", "50元")
    assert rules == ["D:denomination"], rules
    assert "充值卡" in describe(rules[0])


def test_a_lookalike_verdict_is_named_by_its_line() -> None:
    # 一次 as the article "a" (a `return None` of _Finder._lookalike)
    rules = _rules("他昨天去了一次公园散步。", "一次")
    assert rules and rules[0].startswith("L"), rules
    assert "article" in describe(rules[0])


def test_a_claim_is_dropped_by_no_rule() -> None:
    assert _rules("公司去年营业收入达到120亿元。", "120亿元") == []


def test_the_test_part_is_refused(capsys) -> None:
    assert main(["--part", "test"]) == 2
    assert "never read" in capsys.readouterr().err


def test_a_rule_of_context_is_named_by_its_name() -> None:
    # 上述三只: a count that points back to what was named (extractor/lookalike.py)
    rules = _rules("上述三只基金的经理都已离职。", "三只")
    assert rules == ["X:back_reference"], rules
    assert "back_reference" in describe(rules[0])
