"""claimdesk export, ingest --claims and stats, on hand-built databases with known answers."""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from db.connection import open_db, transaction
from db.export import COLUMNS, Filters, records
from db.schema import now_iso as now
from db.stats import compute
from tests.conftest import ROOT
from tui.cli import cli

DOC1 = (
    "4月26日，中国人保向上海市政府捐资1000万元，用于防疫。\n"
    "目前已有超过650名党员投入一线，\n“累计”服务8000小时。"
)
DOC2 = "某公司今年营收1.5亿元，同比增长20%，员工约3000人。"


def add_claim(
    conn,
    doc_id,
    text,
    qt,
    *,
    occurrence=0,
    status="pending",
    reviewer=None,
    at=None,
    kind="count",
    rule="r.count",
    unit="名",
    value=1.0,
    edited=0,
    original=None,
    subject="主体",
):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(qt, start + 1)
    end = start + len(qt)
    s_start = max(text.rfind(ch, 0, start) for ch in "。\n，") + 1
    s_end = min((i for i in (text.find(ch, end) for ch in "。\n") if i >= 0), default=len(text))
    cur = conn.execute(
        'INSERT INTO claims (doc_id, quantity_text, start, "end", sentence_start, sentence_end,'
        " value, unit, subject, predicate, kind, rule, confidence, extractor_version, status,"
        " reviewer, decided_at, edited, original, created_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,'谓词',?,?,0.8,'1.0',?,?,?,?,?,?)",
        (
            doc_id,
            qt,
            start,
            end,
            s_start,
            s_end + 1 if s_end < len(text) else s_end,
            value,
            unit,
            subject,
            kind,
            rule,
            status,
            reviewer,
            at,
            edited,
            json.dumps(original, ensure_ascii=False) if original else None,
            now(),
        ),
    )
    claim_id = cur.lastrowid
    if status != "pending":
        conn.execute(
            "INSERT INTO decisions (claim_id, reviewer, action, status_before, status_after, at)"
            " VALUES (?, ?, ?, 'pending', ?, ?)",
            (claim_id, reviewer, {"accepted": "accept", "rejected": "reject"}[status], status, at),
        )
    return claim_id


def add_doc(conn, source, text, title=""):
    import hashlib

    return conn.execute(
        "INSERT INTO documents (source, title, text, sha256, ingested_at, extracted_version)"
        " VALUES (?, ?, ?, ?, ?, '1.0')",
        (source, title, text, hashlib.sha256(text.encode()).hexdigest(), now()),
    ).lastrowid


@pytest.fixture
def built(db_path):
    """Two documents, six claims: 3 accepted (one edited), 1 rejected, 2 pending."""
    conn = open_db(db_path)
    d1 = add_doc(conn, "news/a.txt", DOC1, "人保捐资")
    d2 = add_doc(conn, "b-1", DOC2, "营收")
    t = "2026-11-20T10:00:{:02d}.000+00:00"
    add_claim(
        conn,
        d1,
        DOC1,
        "1000万元",
        status="accepted",
        reviewer="alice",
        at=t.format(0),
        kind="money",
        rule="money",
        unit="元",
        value=1e7,
    )
    add_claim(
        conn, d1, DOC1, "超过650名", status="rejected", reviewer="bob", at=t.format(10), value=650
    )
    add_claim(conn, d1, DOC1, "8000小时", kind="duration", rule="duration", unit="小时", value=8000)
    add_claim(
        conn,
        d2,
        DOC2,
        "1.5亿元",
        status="accepted",
        reviewer="alice",
        at=t.format(20),
        kind="money",
        rule="money",
        unit="元",
        value=1.5e8,
        edited=1,
        original={"value": 1.5e7, "subject": "某"},
        subject="某公司，\n全称",
    )
    add_claim(
        conn,
        d2,
        DOC2,
        "20%",
        status="accepted",
        reviewer="alice",
        at=t.format(50),
        kind="percent",
        rule="percent",
        unit="%",
        value=20,
    )
    add_claim(conn, d2, DOC2, "约3000人", kind="count", rule="r.count", unit="人", value=3000)
    yield conn
    conn.close()


def export(db_path, *args):
    return CliRunner().invoke(cli, ["export", "--db", str(db_path), *map(str, args)])


def test_default_is_accepted_jsonl_to_stdout(built, db_path):
    r = export(db_path)
    assert r.exit_code == 0, r.output
    recs = [json.loads(line) for line in r.output.splitlines()]
    assert [x["quantity_text"] for x in recs] == ["1000万元", "1.5亿元", "20%"]
    for rec in recs:
        assert set(COLUMNS) <= set(rec)
        assert rec["status"] == "accepted"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--status", "rejected"], ["超过650名"]),
        (["--status", "pending"], ["8000小时", "约3000人"]),
        (["--status", "any"], ["1000万元", "超过650名", "8000小时", "1.5亿元", "20%", "约3000人"]),
        (["--kind", "money"], ["1000万元", "1.5亿元"]),
        (["--doc", "b-1"], ["1.5亿元", "20%"]),
        (["--status", "any", "--reviewer", "bob"], ["超过650名"]),
        (["--since", "2026-11-21"], []),
        (["--since", "2026-11-20"], ["1000万元", "1.5亿元", "20%"]),
        (["--kind", "money", "--doc", "news/a.txt"], ["1000万元"]),
    ],
)
def test_filters(built, db_path, args, expected):
    r = export(db_path, *args)
    assert r.exit_code == 0, r.output
    assert [json.loads(x)["quantity_text"] for x in r.output.splitlines()] == expected


def test_records_match_database_and_offsets(built, db_path):
    texts = {"news/a.txt": DOC1, "b-1": DOC2}
    for rec in records(built, Filters(status="any")):
        text = texts[rec["doc_source"]]
        assert text[rec["start"] : rec["end"]] == rec["quantity_text"]
        assert text[rec["sentence_start"] : rec["sentence_end"]] == rec["sentence"]
        row = built.execute("SELECT * FROM claims WHERE id = ?", (rec["claim_id"],)).fetchone()
        for key in ("value", "unit", "subject", "status", "reviewer", "decided_at", "rule"):
            assert rec[key] == row[key]
    edited = [r for r in records(built, Filters()) if r["edited"]]
    assert [r["original"] for r in edited] == [{"value": 1.5e7, "subject": "某"}]


def test_history(built, db_path):
    r = export(db_path, "--history", "--doc", "news/a.txt", "--status", "any")
    recs = [json.loads(x) for x in r.output.splitlines()]
    assert [len(x["history"]) for x in recs] == [1, 1, 0]
    assert recs[1]["history"][0]["action"] == "reject"
    assert recs[1]["history"][0]["reviewer"] == "bob"


def test_csv_round_trip(built, db_path, tmp_path):
    out = tmp_path / "facts.csv"
    r = export(db_path, "--format", "csv", "--status", "any", "-o", out)
    assert r.exit_code == 0, r.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(COLUMNS)
    jsonl = [json.loads(x) for x in export(db_path, "--status", "any").output.splitlines()]
    assert len(rows) == len(jsonl) == 6
    for row, rec in zip(rows, jsonl, strict=True):
        for key in COLUMNS:
            v = rec[key]
            if v is None:
                assert row[key] == ""
            elif isinstance(v, bool):
                assert row[key] == str(int(v))
            elif isinstance(v, dict):
                assert json.loads(row[key]) == v
            elif isinstance(v, int | float):
                assert float(row[key]) == v
            else:
                assert row[key] == v  # Chinese commas and newlines survive
    assert any("，\n" in row["subject"] for row in rows)


def test_existing_file_needs_force(built, db_path, tmp_path):
    out = tmp_path / "facts.jsonl"
    out.write_text("keep me", encoding="utf-8")
    r = export(db_path, "-o", out)
    assert r.exit_code == 1
    assert "already exists" in r.output
    assert out.read_text(encoding="utf-8") == "keep me"
    r = export(db_path, "-o", out, "--force")
    assert r.exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_bad_export_arguments(built, db_path, tmp_path):
    r = export(db_path, "-o", tmp_path / "no" / "x.jsonl")
    assert r.exit_code == 1 and "does not exist" in r.output
    r = export(db_path, "--since", "last week")
    assert r.exit_code == 2 and "not a date" in r.output
    r = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "absent.db")])
    assert r.exit_code == 1 and "no such database" in r.output
    assert not (tmp_path / "absent.db").exists()


def _add_claims(db_path, n: int) -> None:
    """``n`` more accepted claims on the one document of ``db_path`` (made on the first call)."""
    conn = open_db(db_path)
    row = conn.execute("SELECT id FROM documents").fetchone()
    doc = row[0] if row else add_doc(conn, "big", "甲有5人。" * 2000)
    with transaction(conn):
        conn.executemany(
            'INSERT INTO claims (doc_id, quantity_text, start, "end", sentence_start,'
            " sentence_end, status, reviewer, decided_at, created_at)"
            " VALUES (?, '5人', ?, ?, ?, ?, 'accepted', 'r', 't', 't')",
            [
                (doc, 2 + 5 * (i % 2000), 4 + 5 * (i % 2000), 5 * (i % 2000), 5 * (i % 2000) + 5)
                for i in range(n)
            ],
        )
    conn.close()


def test_interrupted_export_leaves_no_file(db_path, tmp_path):
    """kill -9 in the middle of a big export: neither the target nor a temporary file remains.

    20,000 claims take the export a good half second after its temporary file appears; if it
    still ended before the kill (this process not scheduled meanwhile, on a busy machine), the
    kill proved nothing and it is tried again with 100,000."""
    out = tmp_path / "out.jsonl"
    claims = 0
    for more in (20_000, 80_000):
        _add_claims(db_path, more)
        claims += more
        proc = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "export", "--db", str(db_path), "-o", str(out)],
            cwd=ROOT,
        )
        deadline = time.time() + 30
        while (
            time.time() < deadline
            and proc.poll() is None
            and not any(p.suffix == ".part" for p in tmp_path.iterdir())
        ):
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)  # does nothing to a process that has ended
        if proc.wait() == -signal.SIGKILL:
            break
        out.unlink()  # it ended first, with the whole file: the kill proved nothing
    assert proc.returncode == -signal.SIGKILL, "the export always ended before the kill"
    assert not out.exists()
    # the temporary file may remain after kill -9, but never under the target's name
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl.")]
    assert all(name.endswith(".part") for name in leftovers)
    r = export(db_path, "-o", out)
    assert r.exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == claims
    # ... and the next export to the same target removes what the killed one left
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl.")] == []


# --------------------------------------------------------------------------- ingest --claims


def fresh_with_docs(tmp_path, name="other.db"):
    path = tmp_path / name
    conn = open_db(path)
    add_doc(conn, "a.txt", DOC1)  # same text, source written differently: matched by name
    add_doc(conn, "b-1", DOC2)
    return path, conn


def test_import_export_into_fresh_database(built, db_path, tmp_path):
    exported = tmp_path / "all.jsonl"
    assert export(db_path, "--status", "any", "-o", exported).exit_code == 0
    other, conn = fresh_with_docs(tmp_path)
    r = CliRunner().invoke(cli, ["ingest", "--claims", str(exported), "--db", str(other)])
    assert r.exit_code == 0, r.output
    assert "6 added, 0 decisions applied, 0 already present, 0 conflicts" in r.output
    again = [json.loads(x) for x in export(other, "--status", "any").output.splitlines()]
    first = [json.loads(x) for x in exported.read_text(encoding="utf-8").splitlines()]
    skip = {"claim_id", "doc_id", "doc_source", "doc_title"}
    assert [{k: v for k, v in x.items() if k not in skip} for x in again] == [
        {k: v for k, v in x.items() if k not in skip} for x in first
    ]
    # decided claims carry their decision into the log
    assert conn.execute("SELECT count(*) FROM decisions").fetchone()[0] == 4
    # importing again changes nothing
    r = CliRunner().invoke(cli, ["ingest", "--claims", str(exported), "--db", str(other)])
    assert "0 added, 0 decisions applied, 6 already present, 0 conflicts" in r.output


def test_import_applies_decisions_and_reports_conflicts(built, db_path, tmp_path):
    exported = tmp_path / "all.jsonl"
    export(db_path, "--status", "any", "-o", exported)
    recs = [json.loads(x) for x in exported.read_text(encoding="utf-8").splitlines()]
    other, conn = fresh_with_docs(tmp_path)
    # the other database has the same candidates, all pending, but 1000万元 is rejected there
    for rec in recs:
        text = DOC1 if rec["doc_source"] == "news/a.txt" else DOC2
        status = "rejected" if rec["quantity_text"] == "1000万元" else "pending"
        add_claim(
            conn,
            1 if text is DOC1 else 2,
            text,
            rec["quantity_text"],
            status=status,
            reviewer="carol" if status != "pending" else None,
            at=now(),
            unit=rec["unit"],
            value=rec["value"],
            kind=rec["kind"],
            subject=rec["subject"],
        )
    r = CliRunner().invoke(cli, ["ingest", "--claims", str(exported), "--db", str(other)])
    assert r.exit_code == 0, r.output
    assert "0 added, 3 decisions applied, 2 already present, 1 conflicts" in r.output
    conflict = [x for x in r.output.splitlines() if x.startswith("conflict:")]
    assert len(conflict) == 1 and "rejected by carol here, accepted by alice" in conflict[0]
    row = conn.execute("SELECT status, reviewer FROM claims WHERE quantity_text = '1000万元'")
    assert tuple(row.fetchone()) == ("rejected", "carol")
    row = conn.execute("SELECT status, edited FROM claims WHERE quantity_text = '1.5亿元'")
    assert tuple(row.fetchone()) == ("accepted", 1)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"start": 3}, "does not match the document"),
        ({"end": 10_000}, "outside the document"),
        ({"doc_source": "nowhere"}, "no document 'nowhere'"),
        ({"qualifier": "about"}, "qualifier 'about'"),
        ({"status": "maybe"}, "status 'maybe'"),
        ({"value": "many"}, "'value' must be a number"),
        ({"start": "1"}, "'start' must be an integer"),
        ({"status": "accepted", "reviewer": None}, "needs a reviewer"),
        # impossible sentence offsets, NaN and Infinity (issue 13, defect 7)
        ({"sentence_start": -5}, "sentence offsets -5.."),
        ({"sentence_end": 10**9}, "do not contain the quantity"),
        ({"sentence_start": -5, "sentence_end": 10**9}, "do not contain the quantity"),
        ({"value": float("nan")}, "'value' is not a finite number (nan)"),
        ({"value_max": float("inf")}, "'value_max' is not a finite number (inf)"),
        ({"confidence": float("-inf")}, "'confidence' is not a finite number"),
        ({"confidence": 7}, "'confidence' must lie between 0 and 1"),
        ({"value": 10**30}, "'value' is too large"),
        ({"original": {"value": float("nan")}}, "'original' holds a number that is not finite"),
        ({"original": "text"}, "'original' must be an object or null"),
    ],
)
def test_bad_claim_records(built, db_path, tmp_path, change, problem):
    exported = tmp_path / "all.jsonl"
    export(db_path, "--status", "any", "-o", exported)
    lines = exported.read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[2]) | change
    lines[2] = json.dumps(rec, ensure_ascii=False)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    other, conn = fresh_with_docs(tmp_path)
    r = CliRunner().invoke(cli, ["ingest", "--claims", str(bad), "--db", str(other)])
    assert r.exit_code == 1
    [err] = [x for x in r.output.splitlines() if x.startswith("error:")]
    assert err.startswith(f"error: {bad}:3: ") and problem in err, err
    assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == 0  # nothing half-done


# --------------------------------------------------------------------------- stats


def test_stats_known_answers(built):
    f = compute(built)
    assert f["documents"] == {
        "total": 2,
        "extracted": 2,
        "reviewed": 0,
        "extracted_share": 1.0,
        "reviewed_share": 0.0,
    }
    assert f["claims"]["by_status"] == {"pending": 2, "accepted": 3, "rejected": 1}
    assert f["claims"]["decided_share"] == round(4 / 6, 4)
    assert f["claims"]["by_kind"]["money"] == {"pending": 0, "accepted": 2, "rejected": 0}
    rules = {r["rule"]: r for r in f["rules"]}
    assert rules["money"] == {
        "rule": "money",
        "candidates": 2,
        "unchanged": 1,
        "suggested": 0,
        "edited": 1,
        "rejected": 0,
        "pending": 0,
        "precision": 0.5,  # an edited accept is not the extractor's hit (issue 14)
    }
    assert rules["r.count"]["precision"] == 0.0
    assert rules["r.count"]["pending"] == 1
    assert rules["duration"]["precision"] is None
    alice = next(r for r in f["reviewers"] if r["reviewer"] == "alice")
    # alice decided at :00, :20, :50 -> 50 s of work for 3 decisions
    assert alice["decisions"] == 3
    assert alice["accept_rate"] == 1.0
    assert alice["working_hours"] == round(50 / 3600, 3)
    # under a minute of measured work a pace per hour means nothing (issue 14)
    assert alice["decisions_per_hour"] is None
    bob = next(r for r in f["reviewers"] if r["reviewer"] == "bob")
    assert bob["accept_rate"] == 0.0 and bob["decisions_per_hour"] is None
    # doc b-1 holds alice's decisions at :20 (20 s after :00) and :50 (30 s)
    [slowest] = f["slowest_documents"]
    assert slowest["source"] == "b-1" and slowest["seconds_per_decision"] == 25.0


def test_stats_pace_needs_a_minute_of_work(db_path):
    conn = open_db(db_path)
    d = add_doc(conn, "pace", DOC1, "t")
    for i, second in enumerate((0, 40, 100)):
        add_claim(
            conn,
            d,
            DOC1,
            "1000万元",
            status="accepted",
            reviewer="carol",
            at=f"2026-11-20T10:0{second // 60}:{second % 60:02d}.000+00:00",
            value=1e7 + i,
        )
    conn.close()
    [carol] = compute(open_db(db_path))["reviewers"]
    assert carol["working_hours"] == round(100 / 3600, 3)
    assert carol["decisions_per_hour"] == round(3 / (100 / 3600), 1)


def test_stats_command(built, db_path):
    r = CliRunner().invoke(cli, ["stats", "--db", str(db_path)])
    assert r.exit_code == 0, r.output
    assert "Documents 2" in r.output and "alice" in r.output and "r.count" in r.output
    r = CliRunner().invoke(cli, ["stats", "--db", str(db_path), "--json"])
    assert json.loads(r.output)["claims"]["total"] == 6


def test_stats_empty_database(db_path):
    open_db(db_path).close()
    r = CliRunner().invoke(cli, ["stats", "--db", str(db_path)])
    assert r.exit_code == 0, r.output
    assert "Documents 0" in r.output


def test_csv_reads_in_spreadsheet_dialect(built, db_path):
    r = export(db_path, "--format", "csv")
    rows = list(csv.reader(io.StringIO(r.output.lstrip("\ufeff"))))
    assert len(rows) == 4 and all(len(row) == len(COLUMNS) for row in rows)
