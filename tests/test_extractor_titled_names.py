"""A person's name right after a role is one word, however the tagger cut it
(``extractor.nlp._titled_names``). Sentences written for these tests."""

from __future__ import annotations

import pytest

from extractor import extract, nlp


def _words(text: str) -> list[tuple[str, str]]:
    nlp.load()
    return list(nlp.tag(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # three characters the tagger cuts into one-character words (陈/nr 亦/d 凡/d)
        ("后卫陈亦凡全场砍下27分", "陈亦凡"),
        # a surname outside the list, tagged as a name (柯/nr 远/a 芳/nr)
        ("村民柯远芳今年种了12亩茶叶", "柯远芳"),
        # the HMM cuts 韩子|墨: the last character, tagged as a name, joins it
        ("山东队后卫韩子墨全场拿下21分", "韩子墨"),
        # the tagger's own name pieces (吴子/nr 恒/nr)
        ("国内球员吴子恒得到12分", "吴子恒"),
        # two characters before a function word
        ("村民陈妹在自家地里种菜", "陈妹"),
        # a role the tagger reads as a verb (选手/v)
        ("浙江选手屠梓萌以2比0获胜", "屠梓萌"),
    ],
)
def test_a_name_after_a_role_is_one_name_word(text: str, name: str) -> None:
    assert (name, "nr") in _words(text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a speech verb after a surname is no given name
        ("主席王说今年投入3亿元", ["王", "说"]),
        # no role before it: the tagger's words stand
        ("他说邱泽霖今年赚了5万元", ["邱", "泽", "霖"]),
        # a word the dictionary knows after the role is left alone
        ("董事长李强表示今年投入3亿元", ["李强", "表示"]),
        # a role followed by no surname
        ("后卫全场砍下27分", ["后卫", "全场"]),
    ],
)
def test_no_name_is_made_where_the_text_has_none(text: str, words: list[str]) -> None:
    got = [w for w, _ in _words(text)]
    pos = got.index(words[0])
    assert got[pos : pos + len(words)] == words


def test_the_name_alone_is_the_subject_option_not_role_and_name() -> None:
    text = "辽宁队后卫张博远全场拿下18分。"
    (claim,) = [c for c in extract(text) if c.quantity_text == "18分"]
    assert claim.subject == "张博远"
    assert text[claim.subject_start : claim.subject_end] == "张博远"
