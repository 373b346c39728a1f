"""Subject choices: a name read back from an organisation suffix (鹏华行业成长基金) ends at a
word boundary of the tagger (read on to the start of the word the read-back's cap fell in,
never cut inside it), and a subject is never the claim's own predicate."""

from __future__ import annotations

import pytest

from extractor.core import extract_with_fields


@pytest.mark.parametrize(
    ("text", "whole", "cut"),
    [
        # 13 characters: the cap of 12 falls inside 深圳市.
        (
            "当天，海星投资旗下深圳市城市建设开发有限公司以5亿元拍得地块。",
            "深圳市城市建设开发有限公司",
            "圳市城市建设开发有限公司",
        ),
        # Short enough: read back whole as before.
        ("当天，长江建设开发有限公司以5亿元拍得地块。",
         "长江建设开发有限公司", "江建设开发有限公司"),
    ],
)  # fmt: skip
def test_suffix_names_end_at_word_boundaries(text: str, whole: str, cut: str) -> None:
    (_, fields), *_ = extract_with_fields(text)
    texts = {o.text for o in fields["subject"]}
    assert whole in texts
    assert cut not in texts
    for o in fields["subject"]:
        if o.text == whole:
            assert text[o.start : o.end] == whole


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("昨日，海岛附近海域发生地震，震源深度约6公里。", "震源深度"),
        ("该市今年的燃气费用约20%。", "燃气费用"),
    ],
)
def test_a_subject_is_never_its_own_predicate(text: str, predicate: str) -> None:
    (cand, fields), *_ = extract_with_fields(text)
    assert cand.predicate == predicate
    assert cand.subject and cand.subject != cand.predicate
    # The subject taken instead is the next option the ranker offers.
    assert cand.subject in {o.text for o in fields["subject"]}
