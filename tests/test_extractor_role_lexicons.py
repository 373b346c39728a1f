"""The role finder's word lists as data (``extractor/data/``): organisation suffixes, the words
that end with one but name no organisation, role suffixes and measured-attribute words. Each
file opens with one comment line, and every entry does what its file says."""

from __future__ import annotations

import pytest

from extractor.entities import _text_marks
from extractor.lexicon import words
from extractor.roles import _ATTR_SUFFIXES, _ORG_SUFFIXES, _ROLE_SUFFIXES
from tests.lexicon_checks import check_lexicon_file

ROLE_LEXICONS = ("org_suffixes", "not_org_endings", "role_suffixes", "attribute_words")


@pytest.mark.parametrize("name", ROLE_LEXICONS)
def test_each_role_lexicon_opens_with_one_comment_and_has_no_duplicates(name: str) -> None:
    check_lexicon_file(name)


def test_the_role_finder_reads_its_lists_from_the_files() -> None:
    assert words("org_suffixes") == _ORG_SUFFIXES
    assert words("role_suffixes") == _ROLE_SUFFIXES
    assert words("attribute_words") == _ATTR_SUFFIXES


@pytest.mark.parametrize("suffix", words("org_suffixes"))
def test_every_org_suffix_makes_a_name_an_organisation(suffix: str) -> None:
    # _text_marks: (person shape, organisation, role, attribute)
    assert _text_marks("海星" + suffix)[1], suffix
    assert not _text_marks("海星")[1]


@pytest.mark.parametrize("word", words("not_org_endings"))
def test_every_not_org_ending_names_no_organisation(word: str) -> None:
    assert not _text_marks("海星" + word)[1], word


@pytest.mark.parametrize("suffix", words("role_suffixes"))
def test_every_role_suffix_marks_a_role(suffix: str) -> None:
    assert _text_marks("海星" + suffix)[2], suffix


@pytest.mark.parametrize("word", words("attribute_words"))
def test_every_attribute_word_marks_a_measured_attribute(word: str) -> None:
    assert _text_marks("海星" + word)[3], word


def test_no_list_holds_the_names_of_one_article() -> None:
    # The seed article's own organisation words (工协, 条线, 共保体) were taken out: a list holds
    # a class of words.
    assert not {"工协", "条线", "共保体"} & set(words("org_suffixes"))


def test_an_owner_before_an_attribute_word_is_the_subject() -> None:
    from extractor import extract

    (cand,) = extract("海星集团去年营收达到20亿元。")
    assert cand.subject == "海星集团"


@pytest.mark.parametrize("name", ["role_suffixes", "attribute_words"])
def test_no_entry_is_shadowed_by_a_shorter_one(name: str) -> None:
    # These lists are read as endings only: an entry that ends with another never decides.
    entries = words(name)
    assert not [(a, b) for a in entries for b in entries if a != b and a.endswith(b)]
