"""Twenty-fifth session's subject options, with sentences written for the tests: a word naming
a side or every place of the area reported on (data/side_words.tsv: 中方, 双方, 各地, 本港),
which the tagger reads as a localiser, measure word or pronoun so that no noun run holds it,
is a subject option where it is written as whole words before the quantity in its sentence;
该 with a class noun (data/demonstrative_classes.tsv: 该市, 该校, 该游戏) is the name of that class
met last before it (江湾市, 墨尔本大学, the last title in book-title marks)."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.lexicon import table, words
from tests.lexicon_checks import check_lexicon_file
from tests.subject_checks import subject_options


def _subject(text: str, surface: str) -> str:
    [c] = [c for c in extract(text) if c.quantity_text == surface]
    return c.subject


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


def test_demonstrative_classes_file_opens_with_one_comment() -> None:
    check_lexicon_file("demonstrative_classes")


def _named(ends: str) -> str:
    """A name of the class ``ends`` gives, written for the tests."""
    end = ends.split(",")[0]
    return "《远山来信》" if end == "《" else "江宁" + end


@pytest.mark.parametrize(("noun", "ends"), table("demonstrative_classes"))
def test_every_demonstrative_class_stands_for_its_last_name(noun: str, ends: str) -> None:
    name = _named(ends)
    text = f"记者昨天走访了{name}。据介绍，该{noun}今年共接待访客4300人次。"
    options = subject_options(text, "4300人次")
    assert name in options


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        ("滨河市去年新建公租房8000套。今年该市计划再筹集1.2万套。", "1.2万套", "滨河市"),
        ("以南湖大学为例，今年该校录取外省新生2600余人。", "2600余人", "南湖大学"),
    ],
)
def test_a_demonstrative_with_a_class_noun_is_the_name_before(
    text: str, surface: str, subject: str
) -> None:
    assert _subject(text, surface) == subject


def test_a_demonstrative_with_no_name_of_its_class_before_offers_nothing() -> None:
    # no name ending with 市 before 该市: neither the words nor another name of the text
    text = "青禾公司去年营收增长。该市今年计划新增就业岗位5000个。"
    options = subject_options(text, "5000个")
    assert "该市" not in options
    assert "青禾公司" not in [o for o, f in options.items() if f.get("generic")]
