"""claimdesk ingest: formats, encodings, duplicates, and every kind of bad input."""

from __future__ import annotations

import io
import json
import sqlite3

import pytest
from click.testing import CliRunner

from db.errors import InputError
from db.ingest import decode, normalise_date, parse
from tests.conftest import SEED_ARTICLE
from tui.cli import cli

ARTICLES = [
    {
        "id": "a1",
        "title": "第一篇",
        "text": "某公司今年营收1.5亿元，同比增长20%。",
        "date": "2022-04-27",
    },
    {"id": "a2", "title": "第二篇", "text": "全市共有十余家医院参与。", "url": "http://x/2"},
    {"id": "a3", "text": "约3000人参加了活动，\n现场“很热闹”。", "category": "体育", "n": 3},
]


def run(db_path, *args, input=None):
    result = CliRunner().invoke(cli, ["ingest", *map(str, args), "--db", str(db_path)], input=input)
    return result


def docs(db_path):
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("SELECT * FROM documents ORDER BY id")]
    conn.close()
    return rows


def test_seed_article(db_path, seed_text):
    r = run(db_path, SEED_ARTICLE)
    assert r.exit_code == 0, r.output
    assert "1 document added, 0 skipped as duplicates, 0 files failed" in r.output
    [d] = docs(db_path)
    assert d["text"] == seed_text
    assert d["source"] == str(SEED_ARTICLE)
    # the gold file's offsets hold in the stored text
    assert d["text"][38:44] == "1000万元"


def test_gb18030_copy_is_decoded_and_a_duplicate(db_path, tmp_path, seed_text):
    gb = tmp_path / "gb.txt"
    gb.write_bytes(SEED_ARTICLE.read_bytes().decode("utf-8").encode("gb18030"))
    r = run(db_path, gb)
    assert r.exit_code == 0, r.output
    assert docs(db_path)[0]["text"] == seed_text
    r = run(db_path, SEED_ARTICLE)
    assert "0 documents added, 1 skipped as duplicates" in r.output
    assert len(docs(db_path)) == 1


@pytest.mark.parametrize("codec", ["gbk", "gb18030", "utf-8", "utf-8-sig", "utf-16"])
def test_encodings_detected(db_path, tmp_path, codec):
    text = "标题行\n正文：某公司收入１２３万元，同比增长５％。"
    f = tmp_path / f"{codec}.txt"
    f.write_bytes(text.encode(codec))
    r = run(db_path, f)
    assert r.exit_code == 0, r.output
    [d] = docs(db_path)
    assert d["text"] == text
    assert d["title"] == "标题行"


def test_gb18030_only_characters(tmp_path):
    # characters outside GBK that GB18030 encodes with four bytes
    text = "𠀀字与€符号，共3项。"
    assert decode(text.encode("gb18030"), "x") == text


#: Traditional-character news as Hong Kong and Taiwan media write it, written for these tests.
BIG5_TEXTS = [
    "香港政府統計處公布，今年首季本地生產總值按年下跌4.0%，失業率升至5.4%。",
    "台積電3月營收新台幣1,719億元，年增45.5%，創同期新高。",
    "恆生指數收報19,450點，跌312點，大市成交額1,083億港元。",
    "恒生銀行",  # 恒 is in HKSCS only (Big5 writes 恆)
    "澳門博彩毛收入錄得52億澳門元，按月上升兩成。",
    "颱風帶來豪雨，累積雨量逾600毫米，約3萬戶停電。",
    "臺",  # one character
]


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        (codec, text)
        for codec in ("big5", "cp950", "big5hkscs")
        for text in BIG5_TEXTS
        if codec == "big5hkscs" or "恒" not in text
    ],
)
def test_big5_is_detected_not_read_as_gb18030(db_path, tmp_path, text, codec):
    # Big5 bytes also decode as GB18030 (into kana, Greek and rare hanzi): the reading with
    # more common characters wins.
    f = tmp_path / "tw.txt"
    f.write_bytes(("新聞\n" + text).encode(codec))
    r = run(db_path, f)
    assert r.exit_code == 0, r.output
    assert docs(db_path)[0]["text"] == "新聞\n" + text


@pytest.mark.parametrize(
    "text",
    [
        "标题行\n正文：某公司收入１２３万元，同比增长５％。",
        "上海证券交易所公布，今年一季度成交额同比增长12%。",
        "电",  # one character that is valid Big5 bytes too
    ],
)
def test_gb_text_that_big5_also_decodes_stays_gb(tmp_path, text):
    data = text.encode("gb18030")
    assert decode(data, "x") == text


def test_big5_after_a_long_ascii_head_is_read_as_big5(db_path, tmp_path):
    # the first 64 KB are ASCII (valid UTF-8): the codec is chosen where UTF-8 fails
    head = b"".join(b'{"text": "plain ascii record %d"}\n' % i for i in range(3_000))
    tail = json.dumps({"text": BIG5_TEXTS[1]}, ensure_ascii=False).encode("big5") + b"\n"
    f = tmp_path / "mixed.jsonl"
    f.write_bytes(head + tail)
    r = run(db_path, f)
    assert r.exit_code == 0, r.output
    assert docs(db_path)[-1]["text"] == BIG5_TEXTS[1]
    assert decode(head + tail, "x").splitlines()[-1] == json.dumps(
        {"text": BIG5_TEXTS[1]}, ensure_ascii=False
    )


def test_big5_csv_on_stdin(db_path):
    data = 'id,title,text\nhk-1,港股,"恆生指數收報19,450點，成交額1,083億港元。"\n'
    r = CliRunner().invoke(
        cli, ["ingest", "-", "--db", str(db_path), "--format", "csv"], input=data.encode("big5")
    )
    assert r.exit_code == 0, r.output
    assert docs(db_path)[0]["text"] == "恆生指數收報19,450點，成交額1,083億港元。"


def test_forced_encoding(db_path, tmp_path):
    f = tmp_path / "big5.txt"
    f.write_bytes("臺灣銀行今年獲利3億元。".encode("big5"))
    r = run(db_path, f, "--encoding", "big5")
    assert r.exit_code == 0, r.output
    assert docs(db_path)[0]["text"] == "臺灣銀行今年獲利3億元。"
    r = run(db_path, f, "--encoding", "no-such-codec")
    assert r.exit_code == 1
    assert "unknown encoding" in r.output


def test_crlf_and_bom_normalised(db_path, tmp_path):
    f = tmp_path / "win.txt"
    f.write_bytes(b"\xef\xbb\xbf" + "第一行\r\n第二行有5家。\r\n\r\n".encode())
    run(db_path, f)
    [d] = docs(db_path)
    assert d["text"] == "第一行\n第二行有5家。"
    assert d["text"].index("5") == 8


def test_markdown_title(db_path, tmp_path):
    f = tmp_path / "note.md"
    f.write_text("# 市场快讯\n\n某银行发放贷款2亿元。\n", encoding="utf-8")
    run(db_path, f)
    [d] = docs(db_path)
    assert d["title"] == "市场快讯"
    assert d["text"] == "# 市场快讯\n\n某银行发放贷款2亿元。"


def test_long_first_line_is_not_a_title(db_path, tmp_path):
    f = tmp_path / "one-line.txt"
    f.write_text("很长" * 40 + "\n第二段", encoding="utf-8")
    run(db_path, f)
    assert docs(db_path)[0]["title"] == "one-line"


def test_jsonl(db_path, tmp_path):
    f = tmp_path / "news.jsonl"
    f.write_text(
        "\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n\n", encoding="utf-8"
    )
    r = run(db_path, f)
    assert r.exit_code == 0, r.output
    assert "3 documents added" in r.output
    d = docs(db_path)
    assert [x["source"] for x in d] == ["a1", "a2", "a3"]
    assert d[0]["date"] == "2022-04-27"
    assert d[0]["title"] == "第一篇"
    assert d[1]["url"] == "http://x/2"
    assert d[2]["text"] == "约3000人参加了活动，\n现场“很热闹”。"
    assert json.loads(d[2]["meta"]) == {"category": "体育", "n": 3}


def test_csv(db_path, tmp_path):
    f = tmp_path / "news.csv"
    f.write_text(
        "id,title,text,published,url,source_site\n"
        'c1,标题一,"第一篇，有逗号\n和换行，共5人",2020/1/2 10:00,http://a,新浪\n'
        'c2,"标题""二""",第二篇有3家,2020年1月3日,,\n',
        encoding="utf-8",
    )
    r = run(db_path, f)
    assert r.exit_code == 0, r.output
    d = docs(db_path)
    assert [x["source"] for x in d] == ["c1", "c2"]
    assert d[0]["text"] == "第一篇，有逗号\n和换行，共5人"
    assert d[0]["date"] == "2020-01-02"
    assert d[1]["date"] == "2020-01-03"
    assert d[1]["title"] == '标题"二"'
    assert json.loads(d[0]["meta"]) == {"source_site": "新浪"}


def test_folder_recursive_with_progress(db_path, tmp_path):
    root = tmp_path / "corpus"
    (root / "sub" / "deeper").mkdir(parents=True)
    for i in range(7):
        (root / ("sub" if i % 2 else "sub/deeper") / f"{i}.txt").write_text(
            f"第{i}篇\n共有{i + 1}家公司。", encoding="utf-8"
        )
    (root / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (root / ".hidden.txt").write_text("隐藏的1个文件", encoding="utf-8")
    r = run(db_path, root)
    assert r.exit_code == 0, r.output
    assert "7 documents added" in r.output
    assert len(docs(db_path)) == 7


def test_stdin(db_path):
    r = run(db_path, "-", input="来自标准输入的文本，有2家。".encode())
    assert r.exit_code == 0, r.output
    assert docs(db_path)[0]["source"] == "-"
    lines = "\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES)
    r = run(db_path, "-", input=lines.encode())
    assert "3 documents added" in r.output


def test_duplicates_within_and_across_runs(db_path, tmp_path):
    f = tmp_path / "dup.jsonl"
    rec = json.dumps(ARTICLES[0], ensure_ascii=False)
    f.write_text(rec + "\n" + rec + "\n", encoding="utf-8")
    r = run(db_path, f)
    assert "1 document added, 1 skipped as duplicates" in r.output
    r = run(db_path, f)
    assert "0 documents added, 2 skipped as duplicates" in r.output
    assert r.exit_code == 0
    assert len(docs(db_path)) == 1


BAD_FILES = [
    ("missing", None, "no such file or folder", None),
    ("empty.txt", b"", "empty file", None),
    ("blank.txt", b"  \n\n \n", "empty file", None),
    ("binary.txt", b"\x7fELF\x02\x01\x00\x00" + bytes(range(256)) * 4, "binary file", None),
    ("latin.txt", "café crème".encode("latin-1") + b"\xff\xfe\xfa\x00", "binary", None),
    ("bad.jsonl", b'{"text": "ok"}\n{"text": "broken\n', "malformed JSON", 2),
    ("array.jsonl", b'{"text": "ok"}\n[1, 2]\n', "expected a JSON object", 2),
    ("notext.jsonl", b'{"text": "ok"}\n\n{"title": "t"}\n', "no text", 3),
    ("emptytext.jsonl", b'{"text": "   "}\n', "no text", 1),
    ("numtext.jsonl", b'{"text": 42}\n', "must be a string", 1),
    ("badid.jsonl", b'{"text": "x", "id": {"a": 1}}\n', "field 'id' must be text", 1),
    ("only-blank.jsonl", b"\n\n", "empty file", None),
    ("nocol.csv", "id,title\n1,标题\n".encode(), "no 'text' column", 1),
    ("short.csv", "id,text\n1,好\n2\n".encode(), "row has 1 fields", 3),
    ("long.csv", "id,text\n1,好,多余\n".encode(), "row has 3 fields", 2),
    ("quote.csv", 'id,text\n1,"未闭合\n'.encode(), "malformed CSV", 2),
    ("csvnotext.csv", "id,text\n1,好\n2,\n".encode(), "no text", 3),
    ("headeronly.csv", b"id,text\n", "no records", None),
]


@pytest.mark.parametrize(
    ("name", "content", "problem", "line"), BAD_FILES, ids=[b[0] for b in BAD_FILES]
)
def test_bad_input_one_line_no_partial_data(db_path, tmp_path, name, content, problem, line):
    good = tmp_path / "good.txt"
    good.write_text("一篇好文章，有3家公司。", encoding="utf-8")
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    r = run(db_path, bad, good)
    assert r.exit_code == 1
    assert "Traceback" not in r.output
    errors = [ln for ln in r.output.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1, r.output
    where = f"{bad}:{line}:" if line else f"{bad}:"
    assert errors[0].startswith(f"error: {where}"), errors[0]
    assert problem in errors[0]
    assert "1 document added, 0 skipped as duplicates, 1 file failed" in r.output
    # nothing of the bad file, all of the good one
    assert [d["source"] for d in docs(db_path)] == [str(good)]


def test_bad_database_is_one_line(tmp_path):
    bad_db = tmp_path / "x.db"
    bad_db.write_bytes(b"garbage" * 1000)
    f = tmp_path / "a.txt"
    f.write_text("文本3个", encoding="utf-8")
    r = run(bad_db, f)
    assert r.exit_code == 1
    assert "not a claimdesk database" in r.output
    assert "Traceback" not in r.output
    assert bad_db.read_bytes() == b"garbage" * 1000


def test_db_from_environment(tmp_path, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_text("文本3个", encoding="utf-8")
    target = tmp_path / "env.db"
    monkeypatch.setenv("CLAIMDESK_DB", str(target))
    r = CliRunner().invoke(cli, ["ingest", str(f)])
    assert r.exit_code == 0, r.output
    assert len(docs(target)) == 1


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2022-04-27", "2022-04-27"),
        ("2022/4/7 10:30", "2022-04-07"),
        ("2022年4月27日", "2022-04-27"),
        ("2022-04-27T08:00:00+08:00", "2022-04-27"),
        ("2022-02-30", None),
        ("yesterday", None),
    ],
)
def test_normalise_date(raw, iso):
    assert normalise_date(raw) == iso


def test_unparseable_date_kept_in_meta():
    [rec] = parse("x.jsonl", '{"text": "有3家", "date": "上周五"}', "jsonl")
    assert rec.date is None
    assert rec.meta == {"date_as_given": "上周五"}


def test_input_error_message():
    assert str(InputError("a.csv", "bad row", 3)) == "a.csv:3: bad row"
    assert str(InputError("a.csv", "bad file")) == "a.csv: bad file"


def test_undecodable_names_line(tmp_path):
    data = "第一行\n第二行".encode() + b"\n\xff\xff\xff\xff\xff" * 3
    with pytest.raises(InputError) as e:
        decode(data, "x.txt", "utf-8")
    assert e.value.line == 3


def test_stdin_stream_argument(conn):
    from db.ingest import ingest_file

    res = ingest_file(conn, "-", stdin=io.BytesIO("流里的文本，5人。".encode("gb18030")))
    assert res.error is None and res.added == 1
