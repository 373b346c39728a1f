"""Subject options of the eighth session, on sentences written for these tests: a mention
resolved to a longer name met before is offered as written too."""

from __future__ import annotations

from extractor.core import extract_with_options


def _options(text: str, surface: str) -> dict[str, dict[str, float]]:
    for cand, options in extract_with_options(text):
        if cand.quantity_text == surface:
            return {o.text: o.features for o in options}
    raise AssertionError(f"{surface} not found in {text}")


def test_a_mention_resolved_to_a_longer_name_is_offered_as_written_too() -> None:
    # The rules chose 常规赛钱德勒 for the first claim (the words before the name came
    # with it); the later mention 钱德勒 resolves to it, and is offered as written as well,
    # where the full name of the person is read.
    text = "小牛中锋泰森-钱德勒状态很好。常规赛钱德勒场均9分。今天钱德勒拿下14分。"
    opts = _options(text, "14分")
    assert "泰森-钱德勒" in opts
    assert opts["泰森-钱德勒"].get("full_name") == 1.0


def test_a_generic_reference_is_not_offered_as_written() -> None:
    text = "星河旅游有限公司今年开业。该公司去年收入3亿元。"
    opts = _options(text, "3亿元")
    assert "该公司" not in opts
    assert not any(f.get("as_written") for f in opts.values())


def test_the_mention_as_written_keeps_its_features_without_the_alias() -> None:
    text = "小牛中锋泰森-钱德勒状态很好。常规赛钱德勒场均9分。今天钱德勒拿下14分。"
    opts = _options(text, "14分")
    resolved = opts["常规赛钱德勒"]
    assert resolved.get("alias") == 1.0
    full = opts["泰森-钱德勒"]
    # Read at the mention in the quantity's clause, as the resolution was.
    assert full.get("as_written") == 1.0
    assert full.get("same_clause") == 1.0
    assert not full.get("alias")
