"""The two tagger back ends (rjieba when installed, jieba.posseg) give the same words and tags,
so the accelerator never changes a claim."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import nlp
from extractor.sentences import split_clauses, split_sentences

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "thucnews_sample.jsonl"

#: Sentences written for this test: digits, Latin letters, decimals, names, dates.
SENTENCES = [
    "某公司2023年营业收入达到120亿元，同比增长15%。",
    "他场均贡献11.5分、9.5个篮板，近2个盖帽。",
    "iPhone14售价5999元，比上一代T900贵了300元。",
    "4月12日，上海市政府收到1000万元捐款。",
    "这位23岁的中锋今年出战54场。",
]


def _clauses(texts: list[str]) -> list[str]:
    out = []
    for text in texts:
        for s, e in split_sentences(text):
            out += [text[cs:ce] for cs, ce in split_clauses(text, s, e)]
    return out


def test_rjieba_tags_like_jieba_posseg() -> None:
    rjieba = pytest.importorskip("rjieba")
    clauses = _clauses(SENTENCES)
    if CORPUS.is_file():
        with open(CORPUS, encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for _, line in zip(range(60), fh, strict=False)]
        clauses += _clauses(texts)
    make = nlp._make_rjieba()
    assert make is not None and rjieba is not None
    for clause in clauses:
        assert make(clause) == nlp.tag_with_jieba(clause), clause


def test_environment_forces_jieba_and_output_is_the_same() -> None:
    pytest.importorskip("rjieba")
    code = (
        "import json, extractor\nfrom extractor import nlp\n"
        "c = [x.to_dict() for x in extractor.extract("
        + repr("".join(SENTENCES))
        + ")]\nprint(json.dumps([nlp.backend, c], ensure_ascii=False))"
    )
    runs = {}
    for name in ("jieba", "auto"):
        env = {**os.environ, "CLAIMDESK_TAGGER": name}
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        runs[name] = json.loads(out.stdout)
    assert runs["jieba"][0] == "jieba" and runs["auto"][0] == "rjieba"
    assert runs["jieba"][1] == runs["auto"][1] and runs["auto"][1]


#: Clauses that exercise jieba's block rules: spaces, CR LF, Latin runs, symbols, decimals.
EDGE_CLAUSES = [
    "  a b\r\nc 3.5 x",
    "ab12 中文 12.5%",
    "",
    "   ",
    "A股+B#C&D._e",
    "ｉＰｈｏｎｅ 6 ＋",
]


def test_the_jieba_tagger_without_posseg_tags_like_jieba_posseg() -> None:
    clauses = _clauses(SENTENCES) + EDGE_CLAUSES
    if CORPUS.is_file():
        with open(CORPUS, encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for _, line in zip(range(60), fh, strict=False)]
        clauses += _clauses(texts)
    fast = nlp._make_fast_jieba()
    for clause in clauses:
        assert fast(clause) == nlp.tag_with_jieba(clause), clause


def test_the_word_tag_table_reads_tagged_lines_only(tmp_path) -> None:
    dict_file = tmp_path / "dict.txt"
    dict_file.write_text("中国 100 ns\n人保 10 nt\n单字\n两列 5\n\n", encoding="utf-8")
    assert nlp._word_tags(str(dict_file)) == {"中国": "ns", "人保": "nt"}


def test_the_modern_words_file_is_a_lexicon() -> None:
    from tests.lexicon_checks import check_lexicon_file

    check_lexicon_file("modern_words")


@pytest.mark.parametrize(("word", "flag"), list(nlp._modern_tags().items()))
def test_every_modern_word_is_one_word_the_back_end_would_cut_or_mistag(
    word: str, flag: str
) -> None:
    """Each entry of data/modern_words.tsv is used: the tagger alone cuts it or tags it as
    something else, and nlp.tag gives it whole with the file's tag, in any clause."""
    nlp.load()
    assert nlp._tagger is not None
    assert nlp._tagger(word) != ((word, flag),)
    assert nlp.tag(word) == ((word, flag),)
    clause = f"去年{word}，同比增长12%"
    tagged = nlp.tag(clause)
    assert "".join(w for w, _ in tagged) == clause
    assert (word, flag) in tagged


@pytest.mark.parametrize(
    ("clause", "words"),
    [
        # a new word between ordinary text: the text on each side is tagged on its own
        ("国家卫健委发布通报", ["国家", "卫健委", "发布", "通报"]),
        ("天猫双11成交额创新高", ["天猫"]),
        ("两个新词元宇宙和算力", ["元宇宙", "算力"]),
        # the longest entry where two start at one place
        ("乡村振兴局成立", ["乡村振兴局"]),
        # a statement's line item (营业|收入 would leave 收入 a verb)
        ("某公司营业收入达到120亿元", ["某", "公司", "营业收入", "达到"]),
        # nothing new: the back end's words as they are
        ("某公司利润达到120亿元", ["某", "公司", "利润", "达到"]),
        # the longest entry where one holds another (主营收入 holds 营收)
        ("某公司主营收入达到120亿元", ["主营收入"]),
    ],
)
def test_modern_words_keep_the_clause_whole(clause: str, words: list[str]) -> None:
    tagged = nlp.tag(clause)
    assert "".join(w for w, _ in tagged) == clause
    got = [w for w, _ in tagged]
    assert all(w in got for w in words), got


def test_a_new_word_is_never_read_as_a_quantity() -> None:
    """天猫 is not 天 (days) + 猫, 元宇宙 not 元 (yuan): no claim is proposed for them."""
    from extractor import extract

    found = [c.quantity_text for c in extract("天猫今年元宇宙相关商品成交额增长35%。")]
    assert found == ["35%"]
