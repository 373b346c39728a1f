"""A person's name the tagger cut at its start, read back by the document's repetitions
(纳姆 -> 拜纳姆): :meth:`extractor.entities.EntityTable.read_back`."""

from __future__ import annotations

import pytest

from extractor import extract, nlp
from extractor.entities import EntityTable


def _read_back(text: str, name: str) -> str | None:
    nlp.load()
    return EntityTable(text, text.find("。") + 1).read_back(name)


@pytest.mark.parametrize(
    ("text", "name", "whole"),
    [
        # 拜|纳|姆: the first character tagged a verb, written before every mention.
        ("队友们都很关心拜纳姆的伤情，拜纳姆本人却很乐观。", "纳姆", "拜纳姆"),
        # An adjective-tagged first character (高|昌|健), every mention (after a role the
        # tagger reads the name whole: tests/test_extractor_titled_names.py).
        ("他说高昌健很好，高昌健上任三年。", "昌健", "高昌健"),
        # A piece of two characters, each a word of its own (卢/nr 拜/v).
        ("卢拜纳姆上场，卢拜纳姆得分。", "纳姆", "卢拜纳姆"),
        # Three mentions in five share the piece: enough.
        ("费沃斯得分，费沃斯助攻，费沃斯抢断，沃斯后卫，沃斯前锋。", "沃斯", "费沃斯"),
        # A place-tagged character before the whole name is not read back (伊|拜纳姆).
        ("伊拜纳姆上场，伊拜纳姆得分。", "拜纳姆", None),
        # Part of a longer word (者 of 记者).
        ("记者纳姆报道，当地记者纳姆说。", "纳姆", None),
        # A place name before the name (北京纳姆).
        ("北京纳姆公司成立，北京纳姆表示。", "纳姆", None),
        # Prepositions before the name (向/对/和).
        ("他向纳姆道歉，又向纳姆致谢。", "纳姆", None),
        ("他对纳姆说，又对纳姆笑。", "纳姆", None),
        ("我和纳姆同行，你和纳姆同住。", "纳姆", None),
        # A verb the document writes before other words too (让大家, 让球迷).
        ("教练让纳姆上场，又让纳姆休息，让大家放心，让球迷满意。", "纳姆", None),
        # Only two mentions in five share the piece.
        ("拜纳姆得分，拜纳姆助攻，纳姆抢断，纳姆篮板，纳姆盖帽。", "纳姆", None),
        # One mention only.
        ("队友们都很关心拜纳姆的伤情。", "纳姆", None),
        # A common verb, even when the document writes it before the name only (让|纳|姆).
        ("教练让纳姆上场，又让纳姆休息。", "纳姆", None),
        ("教练叫纳姆上场，又叫纳姆休息。", "纳姆", None),
        # A name the dictionary knows whole is never read back (拜|麦克唐纳).
        ("拜麦克唐纳上场，拜麦克唐纳得分。", "麦克唐纳", None),
    ],
)
def test_read_back(text: str, name: str, whole: str | None) -> None:
    assert _read_back(text, name) == whole


def test_the_pronoun_stands_for_the_name_read_back() -> None:
    text = "队友们都很关心拜纳姆的伤情，拜纳姆本人却很乐观。本赛季他场均贡献11.5分。"
    [claim] = [c for c in extract(text) if c.quantity_text == "11.5分"]
    texts = {claim.subject} | {a["text"] for a in claim.alternatives.get("subject", [])}
    assert "拜纳姆" in texts
