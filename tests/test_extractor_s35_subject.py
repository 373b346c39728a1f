"""Subject options read in the thirty-fifth session from the probe reports of the thirty-third
(docs/PROBES_S33.md): product anaphors (新车, 该车, 该机, 该芯片, 该技术) point back to the
product the text named (a brand-and-model name, a name in quotes, a product by its code).
Sentences written for the tests."""

from __future__ import annotations

import pytest

from extractor.core import extract_with_fields
from extractor.entities import EntityTable, _anaphor_classes


def _subject(text: str, quantity: str) -> tuple[str, list[str]]:
    """The subject of the candidate whose text holds ``quantity``, and its options."""
    for c, f in extract_with_fields(text):
        if quantity in c.quantity_text:
            return c.subject or "", [o.text for o in f.get("subject", [])]
    raise AssertionError(f"no candidate {quantity} in {text}")


# ---------------------------------------------------------------- product anaphors


@pytest.mark.parametrize(
    ("text", "quantity", "subject"),
    [
        # 新车 / 新机 / 该车 / 该机: the brand-and-model name written before
        ("理想汽车推出新车型理想L9。该车售价45.98万元。", "45.98万元", "理想L9"),
        ("极风汽车首款车型“极风001”正式交付。新车售价为30万元。", "30万元", "极风001"),
        ("极风汽车首款车型“极风001”正式交付。新车搭载100kWh电池包。", "100kWh", "极风001"),
        # 该芯片 / 该技术: the product of that class named before, by its quoted name or code
        ("鸿达科技发布芯片“鸿达一号”。该芯片集成约80亿个晶体管。", "80亿个", "鸿达一号"),
        ("宁川时代正式发布第三代CTP技术。该技术体积利用率突破72%。", "72%", "第三代CTP技术"),
    ],
)
def test_a_product_anaphor_is_the_product_named_before(
    text: str, quantity: str, subject: str
) -> None:
    assert _subject(text, quantity)[0] == subject


@pytest.mark.parametrize(
    ("text", "anaphor", "antecedent"),
    [
        ("理想汽车推出新车型理想L9。该车售价45.98万元。", "该车", "理想L9"),
        # the model the text writes most, not a lens named in passing after it
        (
            "佳能EOS 7D上市。佳能EOS 7D配佳能EF-S18-200mm镜头，该机售价11700元。",
            "该机",
            "佳能EOS 7D",
        ),
        ("鸿达科技发布芯片“鸿达一号”。该芯片集成约80亿个晶体管。", "该芯片", "鸿达一号"),
        ("宁川时代发布第三代CTP技术。该技术体积利用率突破72%。", "该技术", "第三代CTP技术"),
        # nothing of that class named before: nothing to point back to
        ("新车售价为30万元。", "新车", None),
        ("公司发布年报。该芯片集成约80亿个晶体管。", "该芯片", None),
        # a chip without a code or a quoted name is no named product
        ("公司研发了一款芯片。该芯片集成约80亿个晶体管。", "该芯片", None),
    ],
)
def test_the_antecedent_of_a_product_anaphor(
    text: str, anaphor: str, antecedent: str | None
) -> None:
    table = EntityTable(text, 0)
    pos = text.index(anaphor)
    assert table.class_antecedent(pos, _anaphor_classes()[anaphor]) == antecedent


def test_place_anaphors_keep_their_class() -> None:
    # 该市 still points back to a city, never to a product
    text = "理想L9在江湾市上市。该市新能源汽车销量增长12%。"
    table = EntityTable(text, 0)
    assert table.class_antecedent(text.index("该市"), _anaphor_classes()["该市"]) == "江湾市"
