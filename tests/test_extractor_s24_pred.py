"""Twenty-fourth session's predicate rules, with sentences written for the tests: a verb of
having or being fitted with a part (具有, 搭载, 支持) is no predicate option when the part the
quantity measures follows it."""

from __future__ import annotations

import pytest

from extractor import extract


def _claim(text: str, surface: str):
    [c] = [c for c in extract(text) if c.quantity_text == surface]
    return c


def _options(c) -> list[str]:
    return [c.predicate] + [a["text"] for a in c.alternatives.get("predicate", [])]


@pytest.mark.parametrize(
    ("text", "surface", "verb", "part"),
    [
        ("这台新相机具有5倍光学变焦，售价不高。", "5倍", "具有", "光学变焦"),
        ("该款手机搭载了6.1英寸的触摸屏。", "6.1英寸", "搭载", "触摸屏"),
        ("这款镜头支持12倍数码变焦。", "12倍", "支持", "数码变焦"),
    ],
)
def test_the_part_after_a_verb_of_having_is_the_predicate(
    text: str, surface: str, verb: str, part: str
) -> None:
    c = _claim(text, surface)
    assert verb not in _options(c)[:1]
    assert part in c.predicate


def test_a_verb_of_having_without_a_part_after_stays_an_option() -> None:
    # Nothing follows the quantity: the verb is still what the clause says of it.
    c = _claim("这家工厂目前拥有3000名员工，去年拥有1.5万平方米。", "1.5万平方米")
    assert "拥有" in _options(c)


def test_a_sum_after_a_verb_of_having_keeps_the_verb() -> None:
    # Money is what the part costs or is worth: the verb stays an option.
    c = _claim("该基金会拥有2亿元资产。", "2亿元")
    assert "拥有" in _options(c)
