"""The twenty-sixth session's subject choice among existing options: a body that publishes
figures (``publisher_endings.tsv``) written only in an earlier sentence, where that sentence
names it as the source of its figures (a source clause, the clause its brackets close into, a
verb of reporting after it), is marked ``source`` for the later quantities too; an option
closed by a localiser after a noun (``frame_localisers.tsv``: 交易中, 基础上, 村子里) is a frame
of place or scope and is not offered; sentences written for these tests."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.lexicon import words
from tests.lexicon_checks import check_lexicon_file
from tests.subject_checks import subject_options


def test_a_body_whose_brackets_close_into_a_source_clause_earlier_is_a_source() -> None:
    text = (
        "东川省渔业局（以下简称“渔业局”）20日发布的统计公报显示，全省水产品总产量690万吨。"
        "其中，养殖产量539万吨，同比增长3.2%。"
    )
    opts = subject_options(text, "539万吨")
    assert opts["东川省渔业局"].get("source")
    assert not opts["养殖产量"].get("source")


def test_a_body_reporting_in_a_sentence_of_its_own_is_a_source() -> None:
    text = "东川省统计局今天发布数据。全省工业产值820亿元，同比增长6%。"
    assert subject_options(text, "6%")["东川省统计局"].get("source")


def test_a_body_doing_its_own_work_earlier_stays_unmarked() -> None:
    text = "东川省统计局今年新建机房3座。其中，服务器1200台，同比增长9%。"
    assert not subject_options(text, "1200台")["东川省统计局"].get("source")


def test_a_body_with_brackets_closing_into_its_own_news_stays_unmarked() -> None:
    text = "东川省渔业局（以下简称“渔业局”）今年新建码头3座。其中，养殖基地12个，比上年多2个。"
    assert not subject_options(text, "12个")["东川省渔业局"].get("source")


@pytest.mark.parametrize(
    ("text", "surface", "frame"),
    [
        ("受消息影响，东湖科技股价在盘后交易中上涨5.4%。", "5.4%", "后交易中"),
        ("东湖旅行社在去年基础上增加了30万元投资。", "30万元", "基础上"),
        ("东湖村在村子里修建了12座桥。", "12座", "村子里"),
    ],
)
def test_an_option_closed_by_a_localiser_is_not_offered(
    text: str, surface: str, frame: str
) -> None:
    assert frame not in subject_options(text, surface)


def test_every_frame_localiser_is_tested() -> None:
    frames = ("后交易中", "基础上", "村子里")
    assert {w for w in words("frame_localisers") if not any(f.endswith(w) for f in frames)} == set()
    check_lexicon_file("frame_localisers")


def test_a_localiser_character_inside_a_word_stays() -> None:
    text = "东湖中学今年招生1200人。"
    assert "东湖中学" in subject_options(text, "1200人")
    assert [c.subject for c in extract(text)] == ["东湖中学"]
