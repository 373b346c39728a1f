"""Search finds a word however it is written: simplified or traditional characters."""

from __future__ import annotations

import pytest

from db import review
from db.connection import open_db, transaction
from db.schema import fill_search_index
from extractor.hanzi import folded, written_forms
from tests.test_review_helpers import (
    add_claim,
    add_document,
    build_review_db,
    polls,
    search_in_app,
)
from tui.app import make_app
from tui.widgets.document_view import DocumentView, find_terms

#: Written for these tests: a Hong Kong report in traditional characters.
HK = "香港銀行業首季盈利按年上升，恆生銀行錄得溢利52億港元。"
#: Hong Kong writes 恒 as well as 恆 (HKSCS), beside traditional 銀.
HK2 = "恒生指數收報19,450點，中銀香港收報20.5元。"
#: And a mainland one in simplified characters.
CN = "内地银行业一季度盈利同比增长，某银行实现利润52亿元。"


def test_written_forms():
    assert written_forms("银行") == ["银行", "銀行"]
    assert written_forms("銀行") == ["銀行", "银行"]
    assert written_forms("发展") == ["发展", "發展", "髮展"]  # each traditional spelling
    # Hong Kong writes 恒 (HKSCS) as well as 恆: mixed spellings are searched too
    assert "恒生銀行" in written_forms("恒生银行") and "恆生銀行" in written_forms("恒生银行")
    assert written_forms("GDP") == ["GDP"]
    assert len(written_forms("发" * 9)) == 16  # a long ambiguous query is capped
    assert len(written_forms("发" * 9, limit=4)) == 4
    assert folded("恆生銀行錄得") == "恒生银行录得"
    assert folded("壹佰元按年") == "壹佰元按年"  # only characters: no numerals, no regional words
    assert folded("银行") == "银行"


@pytest.fixture
def conn(tmp_path):
    conn = open_db(tmp_path / "t.db")
    ids = {
        "hk": add_document(conn, HK, "港聞", "hk.txt"),
        "cn": add_document(conn, CN, "内地", "cn.txt"),
        "hk2": add_document(conn, HK2, "港股", "hk2.txt"),
    }
    add_claim(conn, ids["hk"], HK, "52億港元", value=5.2e9, unit="港元", subject="恆生銀行")
    add_claim(conn, ids["cn"], CN, "52亿元", value=5.2e9, unit="元", subject="某银行")
    yield conn, ids
    conn.close()


@pytest.mark.parametrize("indexed", [False, True], ids=["queued", "trigram index"])
@pytest.mark.parametrize(
    ("query", "docs"),
    [
        ("银", {"hk", "cn", "hk2"}),  # one character: LIKE
        ("銀行", {"hk", "cn"}),  # two characters, traditional
        ("恒生指数", {"hk2"}),  # 恒 as written, 數 traditional
        ("银行业", {"hk", "cn"}),  # three: the trigram index (or the queue's LIKE)
        ("恒生银行", {"hk"}),  # simplified query, traditional text
        ("盈利同比", {"cn"}),  # 按年 is not 同比 for search: characters only
        ("香港", {"hk", "hk2"}),
        ("中银香港", {"hk2"}),  # 恒 and 銀 in one text
    ],
)
def test_documents_found_in_either_script(conn, indexed, query, docs):
    conn, ids = conn
    if indexed:
        with transaction(conn):
            assert fill_search_index(conn) == 3
    hits = review.search(conn, query, forms=written_forms)
    found = {
        d
        for d, i in ids.items()
        for h in hits
        if h["where"] in ("text", "title") and h["doc_id"] == i
    }
    assert found == docs
    for h in hits:
        if h["where"] == "text":
            assert any(f in h["snippet"] for f in written_forms(query))


def test_claim_fields_found_in_either_script(conn):
    conn, _ = conn
    hits = review.search(conn, "恒生银行", forms=written_forms)
    assert [(h["where"], h["snippet"]) for h in hits if h["where"] == "subject"] == [
        ("subject", "恆生銀行")
    ]
    subjects = {
        h["snippet"]
        for h in review.search(conn, "銀行", forms=written_forms)
        if h["where"] == "subject"
    }
    assert subjects == {"恆生銀行", "某银行"}


def test_without_forms_search_is_literal(conn):
    conn, ids = conn
    hits = review.search(conn, "银行")
    assert {h["doc_id"] for h in hits} == {ids["cn"]}


def test_document_highlights_fold_the_script():
    hits = find_terms(HK + CN, "银行 按年")
    words = [(HK + CN)[a:b] for a, b in hits]
    assert words == ["銀行", "按年", "銀行", "银行", "银行"]


async def test_search_in_the_app_finds_and_highlights_traditional_text(tmp_path):
    path = tmp_path / "r.db"
    build_review_db(path)
    c = open_db(path)
    doc = add_document(c, HK, "港聞", "hk.txt")
    add_claim(c, doc, HK, "52億港元", value=5.2e9, unit="港元", subject="恆生銀行")
    c.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await search_in_app(app, pilot, "恒生银行")
        await pilot.press("enter")
        view = screen.query_one(DocumentView)
        for _ in polls():
            await pilot.pause(0.05)
            if app.screen is screen and view.search_hits:
                break
        assert screen.doc["id"] == doc
        start = HK.index("恆生銀行")
        assert view.search_hits == [(start, start + 4)]


def test_like_scans_read_the_first_spellings_and_the_index_all(conn):
    # Each spelling is one more pass of LIKE over every claim: the scans read the first
    # LIKE_SPELLINGS, the trigram index every one.
    from db.search import LIKE_SPELLINGS

    conn, ids = conn
    with transaction(conn):
        fill_search_index(conn)
    many = ["某某某", "乙乙乙", "丙丙丙", "丁丁丁", "恆生銀行"]
    assert len(many) > LIKE_SPELLINGS

    def forms(q: str) -> list[str]:
        return many

    hits = review.search(conn, "某某某", forms=forms)
    assert {h["doc_id"] for h in hits if h["where"] == "text"} == {ids["hk"]}  # the index
    assert not [h for h in hits if h["where"] == "subject"]  # the fifth spelling: not scanned
