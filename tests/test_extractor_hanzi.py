"""Traditional characters (twentieth session, issues 11 and 12): a Hong Kong or Taiwan report
is read through its simplified reading, offsets kept, and its candidates carry its words as
written. Sentences written for the test, each beside its simplified twin."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from db.connection import open_db
from extractor import extract
from extractor.core import claim_at
from extractor.hanzi import T2S, simplified
from extractor.lexicon import table
from extractor.model import Candidate
from extractor.quantity import parse_quantity
from tests.lexicon_checks import check_lexicon_file
from tui.cli import cli


def test_every_row_maps_one_traditional_character_to_one_simplified() -> None:
    check_lexicon_file("traditional_chars")
    rows = table("traditional_chars")
    for trad, simp in rows:
        assert len(trad) == 1 and len(simp) == 1 and trad != simp, (trad, simp)
        assert simplified(f"共{trad}") == f"共{simp}"
    assert len(T2S) == len(rows)
    # Characters that are also ordinary simplified ones are left out (乾隆, 著名, 哪吒).
    assert not {"乾", "著", "吒"} & {t for t, _ in rows}


def test_a_text_without_traditional_characters_is_returned_as_it_is() -> None:
    text = "公司去年营业收入达到120亿元，同比增长15%。"
    assert simplified(text) is text


# (traditional sentence, its simplified twin): the same quantities at the same offsets, the
# surfaces as written.
TWINS = [
    ("騰訊去年營業收入達到5601億元，同比增長8%。", "腾讯去年营业收入达到5601亿元，同比增长8%。"),
    ("香港上月錄得3萬宗住宅買賣，按年減少兩成。", "香港上月录得3万宗住宅买卖，按年减少两成。"),
    ("該集團共有1.2萬名員工，佔全港市場約三成。", "该集团共有1.2万名员工，占全港市场约三成。"),
    ("台北市共設立26個投票所，投票率為六成五。", "台北市共设立26个投票所，投票率为六成五。"),
]


@pytest.mark.parametrize(("trad", "simp"), TWINS)
def test_a_traditional_text_gives_its_simplified_twins_quantities(trad: str, simp: str) -> None:
    got, want = extract(trad), extract(simp)
    assert want, simp

    def quantity(c: Candidate) -> tuple:
        return (c.start, c.end, c.value, c.value_max, simplified(c.unit), c.qualifier, c.kind)

    assert [quantity(c) for c in got] == [quantity(c) for c in want]
    for c in got:
        assert trad[c.start : c.end] == c.quantity_text
        assert simplified(c.quantity_text) == simp[c.start : c.end]
        # the unit as the text writes it (個, 萬名 -> 名)
        assert c.unit in c.quantity_text or not c.unit or c.unit == simplified(c.unit)


@pytest.mark.parametrize(("trad", "simp"), TWINS)
def test_the_words_of_a_traditional_candidate_are_as_written(trad: str, simp: str) -> None:
    for c, twin in zip(extract(trad), extract(simp), strict=True):
        for field in ("subject", "predicate", "object"):
            value = getattr(c, field)
            assert simplified(value) == simplified(getattr(twin, field)), (field, value)
            assert value in trad or not value or value == getattr(twin, field), (field, value)
        if c.subject_start is not None and c.subject_start >= 0:
            assert trad[c.subject_start : c.subject_end] == c.subject
        for name, options in c.alternatives.items():
            twins = twin.alternatives[name]
            assert [simplified(o["text"]) for o in options] == [
                simplified(o["text"]) for o in twins
            ]
            for o, w in zip(options, twins, strict=True):
                if w["text"] and w["text"] in simp:
                    assert o["text"] in trad, (name, o)


def test_the_subject_of_a_traditional_report_is_its_name_as_written() -> None:
    got = {c.quantity_text: c for c in extract("匯豐控股去年稅前利潤達到189億美元。")}
    assert (got["達到189億美元"].value, got["達到189億美元"].unit) == (18_900_000_000, "美元")
    assert got["達到189億美元"].subject == "匯豐"


def test_a_reviewers_traditional_selection_is_read() -> None:
    text = "該集團共有1.2萬名員工，佔全港市場約三成。"
    start = text.index("1.2萬名")
    c = claim_at(text, start, start + len("1.2萬名"))
    assert c is not None and (c.value, c.unit, c.quantity_text) == (12_000, "名", "1.2萬名")
    text = "台北市共設立26個投票所。"
    c = claim_at(text, text.index("26個"), text.index("26個") + 3)
    assert c is not None and (c.value, c.unit) == (26, "個")
    parsed = parse_quantity("近71億元")
    assert parsed is not None and (parsed["value"], parsed["unit"]) == (7_100_000_000, "元")


def test_a_traditional_document_is_extracted_into_the_database(tmp_path: Path) -> None:
    doc = tmp_path / "hk.txt"
    doc.write_text("匯豐控股去年稅前利潤達到189億美元，同比增長8%。", encoding="utf-8")
    db = tmp_path / "hk.db"
    for args in (["ingest", str(doc), "--db", str(db)], ["extract", "--db", str(db)]):
        r = CliRunner().invoke(cli, args)
        assert r.exit_code == 0, r.output
    conn = open_db(db)
    try:
        rows = {
            r["quantity_text"]: dict(r)
            for r in conn.execute("SELECT quantity_text, value, unit, subject FROM claims")
        }
    finally:
        conn.close()
    assert rows["達到189億美元"]["value"] == 18_900_000_000
    assert rows["達到189億美元"]["subject"] == "匯豐"
    assert rows["8%"]["unit"] == "%"


def test_span_mode_and_a_typed_time_read_traditional_text() -> None:
    from tui.timefix import renormalised
    from tui.widgets.span_cursor import extractor_readers, segment

    text = "香港上月錄得3萬宗住宅買賣，按年減少兩成。"
    seg = segment(text, 0, len(text))
    at = text.index("3萬宗")
    assert any(a <= at < b for a, b in seg.quantities), seg.quantities
    assert seg.sentences == [(0, len(text))]
    readers = extractor_readers()
    assert readers.time("2022年5月3號", None) == readers.time("2022年5月3号", None) != ""
    claim = {"time_text": "", "time": ""}
    assert renormalised({"time_text": "2022年5月3號"}, claim, None)["time"] == "2022-05-03"


# Capital numerals of amounts (data/capital_numerals.tsv): read as numerals in a run of two or
# more with a strong one, or before 元/圆; one capital alone is a word or a name.
CAPITALS = [
    ("合同金额为人民币壹佰贰拾万元整。", "人民币壹佰贰拾万元", 1_200_000, "元"),
    ("法院判处其罚金人民币伍万元。", "人民币伍万元", 50_000, "元"),
    ("收到货款人民币叁仟伍佰圆整。", "人民币叁仟伍佰圆", 3_500, "元"),
    ("共有拾伍名队员出席。", "拾伍名", 15, "名"),
    ("該公司向法院繳納罰金人民幣貳拾萬元。", "人民幣貳拾萬元", 200_000, "元"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit"), CAPITALS)
def test_capital_numerals_of_an_amount(text: str, surface: str, value: float, unit: str) -> None:
    c = {c.quantity_text: c for c in extract(text)}[surface]
    assert (c.value, c.unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "她重拾多年未碰的长笛，媒体大肆宣传。",
        "陆先生在陆家嘴工作，伍女士陆陆续续来了。",
        "壹基金和玖龙纸业都发布了公告。",
    ],
)
def test_one_capital_alone_is_a_word_or_a_name(text: str) -> None:
    assert simplified(text) == text
    assert extract(text) == []


def test_every_capital_numeral_is_read() -> None:
    check_lexicon_file("capital_numerals")
    for capital, numeral, *weak in table("capital_numerals"):
        run = f"{capital}拾" if capital != "拾" else "壹拾"
        assert (
            simplified(f"共{run}名")
            == f"共{run.translate({ord(capital): numeral, ord('拾'): '十', ord('壹'): '一'})}名"
        ), capital
        assert simplified(f"{capital}元") == f"{numeral}元", capital
        if weak:
            # two weak ones are no number (陆陆续续); a traditional one is still read as simplified
            assert simplified(f"{capital}{capital}名") == f"{capital}{capital}名".translate(T2S)


def test_every_regional_word_of_a_change_is_read_as_the_mainland_one() -> None:
    check_lexicon_file("regional_words")
    for word, reading, after in table("regional_words"):
        assert len(word) == len(reading), word
        for ch in after.split():
            assert simplified(f"销售额{word}{ch}") == f"销售额{reading}{ch}".translate(T2S)
        assert simplified(f"租金{word}计算") == f"租金{word}计算"  # no change: stays


def test_a_hong_kong_change_gets_its_phrase_as_written() -> None:
    got = {c.quantity_text: c for c in extract("本地生产总值按年下跌4%，按季上升1.2%。")}
    twin = {c.quantity_text: c for c in extract("本地生产总值同比下跌4%，环比上升1.2%。")}
    assert got["1.2%"].predicate == "按季上升" and twin["1.2%"].predicate == "环比上升"
    assert got["4%"].subject == twin["4%"].subject


def test_the_ranked_options_of_a_traditional_text_are_as_written() -> None:
    """What training compares with a reviewer's words: the options of each ranked field."""
    from extractor.core import extract_with_fields

    text = "本地生產總值按年下跌4%，零售業總銷貨價值為247億港元。"
    for _, fields in extract_with_fields(text):
        for name, options in fields.items():
            for o in options:
                if o.start >= 0 and o.text:
                    assert text[o.start : o.end] == o.text, (name, o.text)
    subjects = [o.text for o in extract_with_fields(text)[1][1]["subject"]]
    assert "零售業總銷貨價值" in subjects
