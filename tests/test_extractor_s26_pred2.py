"""Twenty-sixth session's second round of predicate rules, with sentences written for the
tests: every quantity of a list under one 以…的 (以4.78%和4.55%的周涨幅) takes the attribute
after 的, as a single quantity there already does."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.roles import yi_list


def _claim(text: str, surface: str):
    [c] = [c for c in extract(text) if c.quantity_text == surface]
    return c


@pytest.mark.parametrize(
    ("text", "surfaces", "attribute"),
    [
        (
            "东方基金和西方基金分别以3.86%和3.12%的周涨幅位列第二、第三。",
            ("3.86%", "3.12%"),
            "周涨幅",
        ),
        ("三只基金以5.12%、4.9%和3.1%的涨幅领跑。", ("5.12%", "4.9%", "3.1%"), "涨幅"),
    ],
)
def test_every_item_of_a_list_under_yi_takes_the_attribute_after_de(
    text: str, surfaces: tuple[str, ...], attribute: str
) -> None:
    for surface in surfaces:
        c = _claim(text, surface)
        assert c.predicate.endswith(attribute), (surface, c.predicate)
        assert text[c.predicate_start : c.predicate_end] == c.predicate


def test_a_list_without_yi_keeps_its_own_reading() -> None:
    # No 以/按 opens the list: the figures are what the clause states, not a means.
    text = "两家公司营收分别增长6.21%和5.93%的情况下，利润仍在下滑。"
    for surface in ("6.21%", "5.93%"):
        assert "增长" in _claim(text, surface).predicate


def test_yi_list_reads_items_with_numerals_only() -> None:
    def toks(s: str):
        out, at = [], 0
        for w in s.split("|"):
            out.append((w, "x", at, at + len(w)))
            at += len(w)
        return out

    # 以|6%|和 before the second item; 和|5%|的 after the first.
    assert yi_list(toks("以|6%|和"), toks("的|涨幅")) == (True, -1)
    assert yi_list(toks("以"), toks("和|5%|的|涨幅")) == (False, 2)
    # 以稳健和 …: the other item holds no numeral, so no list of quantities.
    assert yi_list(toks("以|稳健|和"), toks("的|风格")) == (False, -1)
    assert yi_list(toks("以"), toks("和|稳健|的|风格")) == (False, -1)
