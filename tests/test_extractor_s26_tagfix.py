"""Session 26, tagger fixes: common words jieba's dictionary tags as names (data/tagger_retags.tsv)
and wrong joins it tags as names (data/tagger_splits.tsv), corrected by lookup whichever back end
tags. The sentences are written for these tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from extractor import extract, lexicon, nlp
from extractor.core import extract_with_fields

_NAME_FLAGS = {"nr", "nrt", "nrfg", "ns", "nt", "nz"}


def test_the_retag_file_is_a_lexicon() -> None:
    from tests.lexicon_checks import check_lexicon_file

    check_lexicon_file("tagger_retags")


def test_the_split_file_is_a_lexicon() -> None:
    from tests.lexicon_checks import check_lexicon_file

    check_lexicon_file("tagger_splits")


def test_no_word_is_both_a_modern_word_and_a_tagger_fix() -> None:
    modern = {row[0] for row in lexicon.table("modern_words")}
    assert not modern & set(nlp._tag_fixes())


@pytest.mark.parametrize(("word", "flag"), [row[:2] for row in lexicon.table("tagger_retags")])
def test_every_retag_is_a_word_the_back_end_tags_as_a_name(word: str, flag: str) -> None:
    """Each entry is used: the tagger alone gives the word whole with a name's tag, and nlp.tag
    gives it the file's tag, alone and between other words."""
    nlp.load()
    assert nlp._tagger is not None
    alone = nlp._tagger(word)
    assert len(alone) == 1 and alone[0][0] == word
    if alone[0][1] == "r":
        # the writer's own country, province or city (我国, 本港): a pronoun's tag, a place's
        assert flag == "ns"
    else:
        # a name's tag, or a bare morpheme's (较/zg)
        assert alone[0][1] in _NAME_FLAGS | {"zg"}
        assert flag not in _NAME_FLAGS
    assert nlp.tag(word) == ((word, flag),)
    clause = f"据悉，{word}，同比增长12%"
    assert (word, alone[0][1]) in nlp._tagger(clause)
    assert (word, flag) in nlp.tag(clause)


@pytest.mark.parametrize("row", lexicon.table("tagger_splits"))
def test_every_split_is_a_join_the_back_end_tags_as_a_name(row: tuple[str, ...]) -> None:
    word, pieces, flags = row
    nlp.load()
    assert nlp._tagger is not None
    alone = nlp._tagger(word)
    # a name, or a verb and its object (发布公告), 据 and its verb (据介绍) or a noun and the verb
    # or 比 after it (价格|上涨, 价格|比) listed as one noun
    glued = alone[0][1] in ("n", "l") and {"v", "p"} & set(flags.split())
    assert len(alone) == 1 and (alone[0][1] in _NAME_FLAGS or glued)
    assert "".join(pieces.split()) == word
    assert nlp.tag(word) == tuple(zip(pieces.split(), flags.split(), strict=True))


def _fast_jieba():
    return nlp._make_fast_jieba()


def _rjieba():
    tagger = nlp._make_rjieba()
    if tagger is None:
        pytest.skip("rjieba is not installed")
    return tagger


@pytest.mark.parametrize("make", [_fast_jieba, _rjieba])
@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # retagged: a common word the dictionary calls a name
        ("我们明白这个道理", [("明白", "v")]),
        ("这座城市的卫星产业", [("城市", "n"), ("卫星", "n")]),
        ("产品销量多达3万件", [("多达", "v")]),
        # split: 占|比达 -> 占|比|达
        ("出口占比达四成", [("占", "v"), ("比", "p"), ("达", "v")]),
        # after a one-character surname the word is a given name: left as the dictionary has it
        ("记者杨光荣报道", [("杨", "nr"), ("光荣", "nr")]),
    ],
)
def test_both_back_ends_get_the_same_corrections(make, clause, expected, monkeypatch) -> None:
    nlp.load()
    monkeypatch.setattr(nlp, "_tagger", make())
    nlp.tag.cache_clear()
    try:
        tagged = nlp.tag(clause)
    finally:
        nlp.tag.cache_clear()
    assert "".join(w for w, _ in tagged) == clause
    words = list(tagged)
    for pair in expected:
        assert pair in words, (pair, words)


def test_a_place_word_retagged_is_no_longer_the_subject() -> None:
    """城市 (ns in the dictionary) no longer opens a subject: the company owns the number."""
    claims = extract("华兴科技股份有限公司在全国120个城市设有分公司，员工超过8000人。")
    found = {c.quantity_text: c.subject for c in claims}
    assert found["超过8000人"] == "华兴科技股份有限公司"


def test_a_wrong_join_is_cut_so_the_share_word_is_the_predicate() -> None:
    """占比达 is 占比 + 达, not 占 + a name 比达: the predicate is 占比 and the subject stops
    before it."""
    (claim,) = extract("去年该行线上业务占比达62.5%。")
    assert claim.predicate == "占比"
    assert claim.subject == "线上业务"


def test_a_real_place_keeps_its_tag() -> None:
    """A real place name of the dictionary (上海 ns) is not in the file and stays a name."""
    assert ("上海", "ns") in nlp.tag("上海今年新增门店36家")


def test_a_market_word_tagged_as_a_place_is_not_read_as_a_place() -> None:
    """大牛市 (ns in the dictionary) is when, not who: its subject option carries no place
    or proper-name feature."""
    ((_, fields),) = extract_with_fields("去年大牛市中，该基金规模增长80%。")
    options = {o.text: o for o in fields["subject"]}
    assert not {"place", "proper", "first_ns"} & set(options["大牛市"].features)
    assert "基金规模" in options


def test_a_market_word_tagged_as_a_place_is_not_the_subject() -> None:
    """The fund's size is what grew, not the market of the time."""
    (claim,) = extract("去年大牛市中，该基金规模增长80%。")
    assert claim.subject == "基金规模"


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # a low-frequency phrase entry of the dictionary tagged as a name
        ("今天上午股价上涨", [("今天上午", "t")]),
        ("涨幅远高于全国", [("远高于", "v")]),
        # a demonstrative's measure word glued to the noun after it: 这|段时间
        ("这段时间销量增长", [("这", "r"), ("段", "q"), ("时间", "n")]),
    ],
)
def test_phrases_and_joins_of_the_dictionary(clause: str, expected: list[tuple[str, str]]) -> None:
    tagged = nlp.tag(clause)
    assert "".join(w for w, _ in tagged) == clause
    for pair in expected:
        assert pair in tagged, (pair, tagged)


def test_a_user_dictionary_wins_over_the_fixes(tmp_path: Path) -> None:
    """A user dictionary that names one of the fixed words (阳光 as an organisation) keeps the
    user's tag: the fixes are for the tagger's own dictionary only. In a subprocess, since a
    user dictionary changes the tagger for the whole process."""
    userdict = tmp_path / "words.txt"
    userdict.write_text("阳光 100 nt\n", encoding="utf-8")
    code = (
        "import extractor\n"
        "from extractor import nlp\n"
        "t = '阳光今年营收增长20%。'\n"
        "before = nlp.tag(t)[0]\n"
        f"extractor.load(userdict={str(userdict)!r})\n"
        "print(*before, *nlp.tag(t)[0])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["阳光", "n", "阳光", "nt"]


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        # a team and a singer the dictionary tags as names, rightly: words of the dictionary's
        # name entries that news uses as names stay out of the retag file
        ("雷霆本场命中率达到48%，杜兰特得到32分。", "达到48%", "雷霆"),
        ("黎明今年开了15场演唱会。", "15场", "黎明"),
    ],
)
def test_names_news_uses_keep_their_name_tag(text: str, surface: str, subject: str) -> None:
    (claim,) = [c for c in extract(text) if c.quantity_text == surface]
    assert claim.subject == subject
