"""Twenty-fifth session's subject options, with sentences written for the tests: a word naming
a side or every place of the area reported on (data/side_words.tsv: 中方, 双方, 各地, 本港),
which the tagger reads as a localiser, measure word or pronoun so that no noun run holds it,
is a subject option where it is written as whole words before the quantity in its sentence."""

from __future__ import annotations

import pytest

from extractor.lexicon import words
from tests.lexicon_checks import check_lexicon_file
from tests.subject_checks import subject_options


def test_side_words_file_opens_with_one_comment() -> None:
    check_lexicon_file("side_words")


@pytest.mark.parametrize("word", words("side_words"))
def test_every_side_word_before_the_quantity_is_a_subject_option(word: str) -> None:
    text = f"会议通报说，{word}本周累计派出3200人参与救援。"
    assert word in subject_options(text, "3200人")


@pytest.mark.parametrize(
    ("text", "surface", "word"),
    [
        # in an earlier clause of the sentence
        ("发言人表示，中方在物资紧张的情况下，已向40多个国家捐赠了口罩。", "40多个", "中方"),
        # after a verb of the clause, still before the quantity
        ("据介绍，台风过后各地共转移群众5600人。", "5600人", "各地"),
    ],
)
def test_a_side_word_in_the_sentence_is_offered(text: str, surface: str, word: str) -> None:
    assert word in subject_options(text, surface)


@pytest.mark.parametrize(
    ("text", "surface", "piece"),
    [
        # 德方 inside 道德|方面: not whole words
        ("他在职业道德方面获得过3次表彰。", "3次", "德方"),
        # written after the quantity: not an option
        ("学校今年招收了120名新生，各地家长反响热烈。", "120名", "各地"),
    ],
)
def test_a_side_word_inside_other_words_or_after_the_quantity_is_not(
    text: str, surface: str, piece: str
) -> None:
    assert piece not in subject_options(text, surface)
