"""Subject options and features of the tenth session, on sentences written for these tests:
brand-and-model names read across the spaces the tagger cuts at (佳能EOS 7D), their brand
cut after the words no brand holds."""

from __future__ import annotations

import pytest

from extractor.core import extract_with_options
from extractor.entities import EntityTable, model_name


def _options(text: str, surface: str) -> dict[str, dict[str, float]]:
    for cand, options in extract_with_options(text):
        if cand.quantity_text == surface:
            return {o.text: o.features for o in options}
    raise AssertionError(f"{surface} not found in {text}")


@pytest.mark.parametrize(
    ("match", "name"),
    [
        # A model glued to its brand, and models in parts joined by spaces.
        ("奥林巴斯E620", "奥林巴斯E620"),
        ("理光GX Z8", "理光GX Z8"),
        ("富士FinePix S200", "富士FinePix S200"),
        ("美能达A 2 Pro", "美能达A 2 Pro"),
        # A space between the brand and the model.
        ("柯尼卡 KD 510", "柯尼卡 KD 510"),
        # A model opening with a digit goes on after a space (7D Mark III).
        ("某品牌7D Mark III", "某品牌7D Mark III"),
        # A size with its unit after the model is no part of it.
        ("奥林巴斯E620 14mm", "奥林巴斯E620"),
        ("理光GX Z8 35mm", "理光GX Z8"),
    ],
)
def test_a_brand_and_model_is_read_across_spaces(match: str, name: str) -> None:
    assert match[: model_name(match)] == name


@pytest.mark.parametrize(
    "match",
    [
        # No digit in the model, no Latin letter, or a digit-led part alone (a 3G network).
        "型号ABC",
        "售价 2999",
        "开通4G",
        "增长 5G",
    ],
)
def test_a_match_without_a_model_is_no_name(match: str) -> None:
    assert model_name(match) == 0


def test_the_table_holds_the_model_with_its_brand_cut() -> None:
    text = "奥林巴斯E 620上市。新款奥林巴斯E 620降价，奥林巴斯推出新品。"
    table = EntityTable(text, 0)
    table.add_shapes()
    assert "奥林巴斯E 620" in table.entries
    assert "新款奥林巴斯E 620" not in table.entries


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Words no brand holds before the model (a verb and 的, a pronoun and a measure
        # word): the model alone.
        ("即将发布的QX30很好", "QX30"),
        ("这台QX30不错", "QX30"),
        # A brand after 的 keeps its words; a brand longer than the regex's five characters
        # is read back to the start of its Chinese run.
        ("看到的奥林巴斯新机E620上市", "奥林巴斯新机E620"),
        ("这是理光数码相机GX Z8拥有", "理光数码相机GX Z8"),
    ],
)
def test_a_brand_is_cut_after_words_no_brand_holds(text: str, name: str) -> None:
    table = EntityTable(text, 0)
    assert [text[a:b] for a, b in table.models(0, len(text))] == [name]


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        # The brand cut to the words the document writes on their own (这款|理光).
        ("理光推新品。这款理光GX Z8售价只要1999元。", "1999元", "理光GX Z8"),
        ("奥林巴斯E 620 Pro拥有1200万像素。", "1200万像素", "奥林巴斯E 620 Pro"),
    ],
)
def test_a_clause_offers_its_brand_and_model(text: str, surface: str, name: str) -> None:
    opts = _options(text, surface)
    assert name in opts
    assert opts[name].get("model") == 1.0
    assert opts[name].get("proper") == 1.0
