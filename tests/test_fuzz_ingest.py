"""Property tests: any bytes, any text, odd CSV and JSONL end in a clean import or a clean error.

"Clean" means: either every record of the file is stored exactly, or an InputError naming the
file is raised and nothing of the file is stored.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.connection import open_db
from db.errors import InputError
from db.ingest import decode, ingest_file, parse

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _count(conn) -> int:
    return conn.execute("SELECT count(*) FROM documents").fetchone()[0]


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".jsonl", ".csv"]))
def test_random_bytes_import_cleanly_or_fail_cleanly(tmp_path_factory, data, suffix):
    tmp = tmp_path_factory.mktemp("fuzz")
    f = tmp / f"random{suffix}"
    f.write_bytes(data)
    conn = open_db(tmp / "t.db")
    result = ingest_file(conn, str(f))
    if result.error is not None:
        assert str(result.error).startswith(str(f))
        assert _count(conn) == 0
    else:
        assert result.added + result.duplicates >= 1
        for (text,) in conn.execute("SELECT text FROM documents"):
            assert text and "\r" not in text
    conn.close()


@FUZZ
@given(text=st.text(max_size=500))
def test_any_unicode_text_round_trips(text):
    data = text.encode("utf-8")
    try:
        decoded = decode(data, "x.txt")
    except InputError:
        # only NUL-bearing or control-heavy input may be refused
        assert "\x00" in text or text.encode("utf-8").startswith((b"\xff\xfe", b"\xfe\xff"))
        return
    assert decoded == text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


@FUZZ
@given(
    values=st.lists(
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(),
            st.floats(allow_nan=False),
            st.text(max_size=20),
            st.lists(st.integers(), max_size=2),
            st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
        ),
        min_size=1,
        max_size=6,
    ),
    keys=st.lists(
        st.sampled_from(["id", "title", "text", "date", "url", "x"]), min_size=1, max_size=6
    ),
)
def test_jsonl_with_wrong_types(values, keys):
    line = json.dumps(dict(zip(keys, values, strict=False)), ensure_ascii=False)
    try:
        [rec] = parse("w.jsonl", line, "jsonl")
    except InputError as exc:
        assert str(exc).startswith("w.jsonl:1: ")
        return
    assert isinstance(rec.text, str) and rec.text.strip()
    assert isinstance(rec.source, str)


@FUZZ
@given(
    cells=st.lists(
        st.lists(st.text(alphabet='a,"\n\r 中文，“”\t', max_size=8), min_size=1, max_size=4),
        min_size=1,
        max_size=5,
    )
)
def test_odd_csv_quoting(cells):
    body = "\n".join(",".join(row) for row in cells)
    try:
        records = parse("q.csv", "id,text\n" + body, "csv")
    except InputError as exc:
        assert str(exc).startswith("q.csv")
        return
    assert all(r.text.strip() for r in records)


def test_huge_single_line_and_big_document(tmp_path):
    conn = open_db(tmp_path / "t.db")
    big = tmp_path / "big.txt"
    line = "某公司营收1.5亿元，同比增长20%。" * 400_000  # ~7.6 M characters on one line
    big.write_text(line, encoding="utf-8")
    result = ingest_file(conn, str(big))
    assert result.error is None and result.added == 1
    assert conn.execute("SELECT length(text) FROM documents").fetchone()[0] == len(line)
