"""Other tools' formats: real example files from the tools, round trips, astral characters,
bad files (one line per problem, nothing imported)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.claims import store_candidates
from db.connection import open_db
from db.export import Filters, records
from db.formats import FORMATS, Problems, export, import_file
from db.formats.mapping import normalise_text, parse_label_map, utf16_offsets, utf16_to_py
from db.ingest import ingest_file
from db.schema import SPAN_FIELDS
from extractor.quantity import parse_quantity
from tests import formats_validators as validate
from tests.conftest import SEED_ARTICLE

DATA = Path(__file__).parent / "data" / "formats"

#: A document with characters outside the BMP before and inside the claim's sentence.
ASTRAL_TEXT = "😀𠀀公司报告：𠀁𠀂集团😀向灾区捐资约1500万元。另有🚀近3000人参加。"


def _claims(conn: sqlite3.Connection) -> list[dict]:
    """Every claim as exported, with its span offsets, minus database ids."""
    out = []
    for rec in records(conn, Filters(status="any")):
        row = conn.execute(
            "SELECT " + ", ".join(SPAN_FIELDS) + " FROM claims WHERE id = ?", (rec["claim_id"],)
        ).fetchone()
        rec.update(dict(zip(SPAN_FIELDS, row, strict=True)))
        for key in ("claim_id", "doc_id"):
            rec.pop(key)
        out.append(rec)
    return sorted(out, key=lambda r: (r["doc_source"], r["start"], r["end"]))


def _add_astral(conn: sqlite3.Connection, tmp_path: Path) -> None:
    f = tmp_path / "astral.txt"
    f.write_text(ASTRAL_TEXT, encoding="utf-8")
    assert ingest_file(conn, str(f)).error is None
    doc_id = conn.execute("SELECT id FROM documents WHERE text = ?", (ASTRAL_TEXT,)).fetchone()[0]
    qt = "约1500万元"
    s = ASTRAL_TEXT.index(qt)
    subj = ASTRAL_TEXT.index("𠀁𠀂集团")
    pred = ASTRAL_TEXT.index("捐资")
    sent_end = ASTRAL_TEXT.index("。") + 1
    cand = (
        qt,
        s,
        s + len(qt),
        0,
        sent_end,
        15000000.0,
        None,
        "元",
        "~",
        "𠀁𠀂集团",
        "捐资",
        "灾区",
        "",
        "",
        "money",
        0.9,
        "money.scaled",
        subj,
        subj + 4,
        pred,
        pred + 2,
        None,
        None,
    )
    q2 = "近3000人"
    s2 = ASTRAL_TEXT.index(q2)
    cand2 = (
        q2,
        s2,
        s2 + len(q2),
        sent_end,
        len(ASTRAL_TEXT),
        3000.0,
        None,
        "人",
        "~",
        "",
        "参加",
        "",
        "",
        "",
        "count",
        0.7,
        "count",
        None,
        None,
        None,
        None,
        None,
        None,
    )
    store_candidates(conn, [(doc_id, [cand, cand2])], "test-1")


@pytest.fixture
def reviewed(conn: sqlite3.Connection, tmp_path: Path) -> sqlite3.Connection:
    """The seed article extracted, with accepted, edited and rejected claims, plus a
    document with astral characters."""
    from tui.pipeline import run_extract

    assert ingest_file(conn, str(SEED_ARTICLE)).error is None
    run_extract(conn)
    _add_astral(conn, tmp_path)
    ids = [r[0] for r in conn.execute("SELECT id FROM claims ORDER BY doc_id, start")]
    assert len(ids) >= 8
    with conn:
        conn.execute(
            "UPDATE claims SET status = 'accepted', reviewer = 'ann',"
            " decided_at = '2026-11-02T08:00:00.000Z' WHERE id IN (?, ?, ?)",
            ids[:3],
        )
        conn.execute(
            "UPDATE claims SET status = 'rejected', reviewer = 'bob',"
            " decided_at = '2026-11-02T09:00:00.000Z' WHERE id IN (?, ?)",
            ids[3:5],
        )
        original = json.dumps({"subject": "旧主体", "value": 1.0}, ensure_ascii=False)
        conn.execute(
            "UPDATE claims SET status = 'accepted', reviewer = 'ann', edited = 1,"
            " original = ?, subject = '改过的主体', decided_at = '2026-11-02T10:00:00.000Z'"
            " WHERE id = ?",
            (original, ids[5]),
        )
        conn.execute(
            "UPDATE claims SET status = 'accepted', reviewer = 'ann',"
            " decided_at = '2026-11-02T11:00:00.000Z'"
            " WHERE doc_id = (SELECT id FROM documents WHERE text = ?) AND unit = '元'",
            (ASTRAL_TEXT,),
        )
    from db.flags import flag

    flag(conn, ids[6], "cat", "单位待查 <b>[x]</b>")  # a pending claim flagged for a second look
    return conn


def _out(tmp_path: Path, fmt: str) -> Path:
    return tmp_path / {"labelstudio": "ls.json", "brat": "brat_out"}.get(fmt, f"{fmt}.jsonl")


def _read_back(tmp_path: Path, fmt: str, out: Path) -> sqlite3.Connection:

    other = open_db(tmp_path / f"back-{fmt}.db")
    paths = sorted(str(p) for p in out.glob("*.ann")) if fmt == "brat" else [str(out)]
    for p in paths:
        import_file(other, fmt, p, parse=parse_quantity)
    return other


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_keeps_every_field_and_offset(reviewed, tmp_path, fmt):
    """claimdesk -> tool -> claimdesk: every field and offset of every claim, pending,
    accepted, edited and rejected, astral characters included; the export is a file the
    tool's schema accepts."""
    out = _out(tmp_path, fmt)
    n = export(reviewed, fmt, str(out), filters=Filters(status="any"))
    before = _claims(reviewed)
    assert n == len(before)
    if fmt == "brat":
        assert validate.brat(out) == 2
    else:
        getattr(validate, fmt)(out.read_text(encoding="utf-8"))
    back = _read_back(tmp_path, fmt, out)
    after = _claims(back)
    assert after == before
    # documents came back whole, under the same source
    docs = back.execute("SELECT source, text FROM documents ORDER BY source").fetchall()
    assert [tuple(d) for d in docs] == [
        tuple(d) for d in reviewed.execute("SELECT source, text FROM documents ORDER BY source")
    ]
    # the decisions came in through the decisions log
    logged = back.execute("SELECT count(*) FROM decisions").fetchone()[0]
    assert logged == sum(1 for c in before if c["status"] != "pending") + sum(
        1 for c in before if c["flagged"]
    )
    # the extractor's runners-up and the flag travel with the quantity span
    assert any(c["alternatives"] for c in after)
    [flagged] = [c for c in after if c["flagged"]]
    assert (flagged["note"], flagged["flagged_by"]) == ("单位待查 <b>[x]</b>", "cat")


def test_labelstudio_offsets_are_utf16(reviewed, tmp_path):
    out = tmp_path / "ls.json"
    export(reviewed, "labelstudio", str(out), filters=Filters(status="any"))
    tasks = json.loads(out.read_text(encoding="utf-8"))
    task = next(t for t in tasks if t["data"]["text"] == ASTRAL_TEXT)
    region = next(
        r
        for r in task["annotations"][0]["result"]
        if r["type"] == "labels" and r["value"]["labels"] == ["QUANTITY"]
    )
    py_start = ASTRAL_TEXT.index("约1500万元")
    # five astral characters (two UTF-16 units each) come before the quantity
    assert region["value"]["start"] == py_start + 5
    assert region["value"]["end"] == py_start + 5 + len("约1500万元")
    subject = next(r for r in task["annotations"][0]["result"] if r["id"].startswith("s"))
    assert subject["value"]["text"] == "𠀁𠀂集团"
    assert subject["value"]["end"] - subject["value"]["start"] == 6


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("confidence", 5, "must lie between 0 and 1"),
        ("value", 10**30, "is too large"),
        ("original", "[1, 2]", "must be an object or null"),
    ],
)
def test_tool_files_get_the_checks_of_a_claims_file(reviewed, tmp_path, key, value, problem):
    """Claim fields carried in a tool's file pass the same check as `ingest --claims` (one
    check, db.claims_import.check_record): out of range is refused and nothing is imported."""
    out = tmp_path / "ls.json"
    export(reviewed, "labelstudio", str(out), filters=Filters(status="any"))
    tasks = json.loads(out.read_text(encoding="utf-8"))
    region = next(
        r for r in tasks[0]["annotations"][0]["result"] if r.get("meta", {}).get("claimdesk")
    )
    region["meta"]["claimdesk"][key] = value
    region.pop("score", None)
    out.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    target = open_db(tmp_path / "other.db")
    with pytest.raises(Problems, match=problem):
        import_file(target, "labelstudio", str(out))
    assert target.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_utf16_conversion_both_ways():
    text = "a😀b𠀀c"
    table = utf16_offsets(text)
    assert table == [0, 1, 3, 4, 6, 7]
    assert [utf16_to_py(table, u) for u in range(8)] == [0, 1, None, 2, 3, None, 4, 5]


def test_normalise_text_moves_offsets():
    stored, move = normalise_text("ab\r\ncd\r\n\r\n")
    assert stored == "ab\ncd"
    assert stored[move(4) : move(6)] == "cd"


# --------------------------------------------------------------------------- real files


def test_labelstudio_real_predictions_are_pending(conn):
    path = str(DATA / "labelstudio_named_entity_tasks.json")
    result = import_file(conn, "labelstudio", path, label_map={"date": "quantity"})
    assert result.documents == 1 and result.claims.added == 1
    row = conn.execute('SELECT quantity_text, start, "end", status, rule FROM claims').fetchone()
    assert tuple(row) == ("February 22", 343, 354, "pending", "labelstudio:model 1")


def test_a_failure_half_way_leaves_nothing_of_the_file(conn):
    """Documents, claims, decisions and spans of one file are one transaction: a failure while
    the claims are written (here a trigger refusing them) takes the documents back too."""
    conn.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON claims BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    path = str(DATA / "labelstudio_named_entity_annotation.json")
    with pytest.raises(sqlite3.IntegrityError, match="refused"):
        import_file(conn, "labelstudio", path, label_map={"date": "quantity"})
    assert not conn.in_transaction
    for table in ("documents", "claims", "decisions"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    conn.execute("DROP TRIGGER refuse")
    result = import_file(conn, "labelstudio", path, label_map={"date": "quantity"})
    assert result.documents == 1 and result.claims.added == 1


def test_labelstudio_real_annotation_is_accepted(conn):
    path = str(DATA / "labelstudio_named_entity_annotation.json")
    result = import_file(conn, "labelstudio", path, label_map={"date": "quantity"})
    assert result.claims.added == 1
    row = conn.execute("SELECT status, origin, reviewer FROM claims").fetchone()
    assert tuple(row) == ("accepted", "reviewer", "labelstudio")
    action = conn.execute("SELECT action FROM decisions").fetchone()[0]
    assert action == "add"


def test_labelstudio_real_file_without_label_map_names_the_label(conn):
    path = str(DATA / "labelstudio_named_entity_tasks.json")
    with pytest.raises(Problems) as exc:
        import_file(conn, "labelstudio", path)
    assert len(exc.value.errors) == 1
    assert "label 'Date' is not a claim part" in str(exc.value.errors[0])
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_doccano_real_relation_example(conn):
    path = str(DATA / "doccano_relation_extraction.jsonl")
    label_map = parse_label_map(["DATE=quantity", "ORG=subject", "PERSON=ignore"])
    result = import_file(conn, "doccano", path, label_map=label_map, parse=parse_quantity)
    assert result.claims.added == 1 and result.skipped == 2
    row = conn.execute(
        'SELECT quantity_text, start, "end", subject, subject_start, subject_end, status'
        " FROM claims"
    ).fetchone()
    assert tuple(row) == ("September 4, 1998", 22, 39, "Google", 0, 6, "pending")


def test_doccano_real_sequence_labeling_example(conn):
    path = str(DATA / "doccano_sequence_labeling.jsonl")
    label_map = parse_label_map(["LOC=quantity", "ORG=ignore", "PER=quantity"])
    result = import_file(conn, "doccano", path, label_map=label_map)
    # three records of one text: one document, the same span twice is one claim
    assert result.documents == 1
    assert result.claims.added == 1 and result.claims.unchanged == 2


def test_prodigy_real_ner_answers_are_decisions(conn):
    path = str(DATA / "prodigy_fashion_brands.jsonl")
    result = import_file(conn, "prodigy", path, label_map={"fashion_brand": "quantity"})
    assert result.documents == 3 and result.claims.added == 4
    statuses = {r[0] for r in conn.execute("SELECT status FROM claims")}
    assert statuses == {"accepted"}
    assert conn.execute("SELECT count(*) FROM decisions").fetchone()[0] == 4


def test_prodigy_real_relations_attach_roles(conn, tmp_path):
    """The rel.manual example, with the head of its first relation read as a quantity: the
    relation, not nearness, gives the quantity its subject."""
    task = json.loads((DATA / "prodigy_rel_component.jsonl").read_text(encoding="utf-8"))
    rel = task["relations"][0]
    head, child = rel["head_span"], rel["child_span"]
    text = task["text"]
    quantity = dict(head, label="QUANTITY")
    task["spans"] = [quantity if s["start"] == head["start"] else s for s in task["spans"]]
    task["relations"] = [dict(rel, head_span=quantity)]
    f = tmp_path / "rel.jsonl"
    f.write_text(json.dumps(task) + "\n", encoding="utf-8")
    result = import_file(conn, "prodigy", str(f), label_map={"ggp": "subject"})
    assert result.claims.added == 1
    row = conn.execute("SELECT quantity_text, subject, subject_start FROM claims").fetchone()
    assert tuple(row) == (
        text[head["start"] : head["end"]],
        text[child["start"] : child["end"]],
        child["start"],
    )
    # the answer of the real file is "accept": a decision
    assert conn.execute("SELECT status FROM claims").fetchone()[0] == "accepted"


def test_brat_real_tutorial_file(conn):
    path = str(DATA / "brat_news" / "110-note_annotation.ann")
    label_map = parse_label_map(
        ["Organization=quantity", "Person=subject", "GPE=ignore", "Merge-org=predicate"]
    )
    result = import_file(conn, "brat", path, label_map=label_map)
    assert result.claims.added == 6
    rows = conn.execute(
        "SELECT quantity_text, predicate FROM claims ORDER BY start LIMIT 3"
    ).fetchall()
    # Merge-org spans attach to the nearest organisation in their sentence
    assert [tuple(r) for r in rows] == [("YouTube", ""), ("DoubleClick", "merged"), ("Google", "")]


def test_brat_unknown_labels_one_line_each_at_their_first_span(conn):
    path = str(DATA / "brat_news" / "110-note_annotation.ann")
    with pytest.raises(Problems) as exc:
        import_file(conn, "brat", path)
    got = [(e.line, e.problem.split(" is not")[0]) for e in exc.value.errors]
    assert got == [
        (1, "label 'GPE' (2 spans)"),
        (3, "label 'Organization' (6 spans)"),
        (6, "label 'Merge-org' (2 spans)"),
        (9, "label 'Person' (4 spans)"),
    ]
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_validators_accept_the_real_examples():
    validate.labelstudio((DATA / "labelstudio_named_entity_tasks.json").read_text())
    validate.prodigy((DATA / "prodigy_fashion_brands.jsonl").read_text())
    validate.doccano(
        json.dumps(json.loads((DATA / "doccano_relation_extraction.jsonl").read_text()))
    )
    assert validate.brat(DATA / "brat_news") == 1


# --------------------------------------------------------------------------- edge cases


def test_overlapping_spans_and_empty_annotations(conn, tmp_path):
    f = tmp_path / "edge.json"
    text = "中国人保捐资近71亿元。另外一句没有标注。"
    s = text.index("近71亿元")
    tasks = [
        {
            "data": {"text": text},
            "annotations": [
                {
                    "result": [
                        {
                            "id": "q",
                            "type": "labels",
                            "from_name": "label",
                            "to_name": "text",
                            "value": {"start": s, "end": s + 5, "labels": ["QUANTITY"]},
                        },
                        {
                            "id": "q2",
                            "type": "labels",
                            "from_name": "label",
                            "to_name": "text",
                            "value": {"start": s + 1, "end": s + 5, "labels": ["QUANTITY"]},
                        },
                        {
                            "id": "s",
                            "type": "labels",
                            "from_name": "label",
                            "to_name": "text",
                            "value": {"start": 0, "end": 4, "labels": ["SUBJECT"]},
                        },
                    ]
                }
            ],
        },
        {"data": {"text": "一篇还没有任何标注的文章，共3篇。"}, "annotations": [{"result": []}]},
    ]
    f.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    result = import_file(conn, "labelstudio", str(f), parse=parse_quantity)
    assert result.documents == 2 and result.claims.added == 2
    rows = conn.execute(
        'SELECT quantity_text, value, unit, qualifier, subject FROM claims ORDER BY start, "end"'
    ).fetchall()
    assert [tuple(r) for r in rows] == [
        ("近71亿元", 7100000000.0, "元", "~", "中国人保"),
        ("71亿元", 7100000000.0, "元", "=", ""),  # an unlinked role goes to the nearest one
    ]


def test_bad_file_reports_every_problem_and_imports_nothing(conn, tmp_path):
    f = tmp_path / "bad.jsonl"
    lines = [
        {"text": "共有3000人参加。", "label": [[2, 7, "QUANTITY"]]},
        {"text": "共有3000人参加。", "label": [[2, 99, "QUANTITY"]]},
        {"text": "x", "label": [[0, 1, "MONEY"]]},
        {"label": []},
    ]
    f.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n{oops\n")
    with pytest.raises(Problems) as exc:
        import_file(conn, "doccano", str(f))
    messages = [str(e) for e in exc.value.errors]
    assert messages == [
        f"{f}:2: span 0 at 2..99 lies outside the text (10 chars)",
        f"{f}:3: label 'MONEY' is not a claim part (quantity, subject, predicate, time, object);"
        " map it with --label-map 'MONEY=ROLE' or 'MONEY=ignore'",
        f"{f}:4: record has no text",
        f"{f}:5: malformed JSON (Expecting property name enclosed in double quotes at column 2)",
    ]
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == 0


def test_bad_spans_each_get_a_line(conn, tmp_path):
    f = tmp_path / "bad.jsonl"
    lines = [
        {"text": "共有3000人参加。", "label": [[2, 99, "QUANTITY"]]},
        {"text": "x", "label": [[0, 1, "MONEY"]]},
        {"text": "共有3000人参加。", "spans": []},
    ]
    f.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    with pytest.raises(Problems) as exc:
        import_file(conn, "doccano", str(f))
    messages = [str(e) for e in exc.value.errors]
    assert messages[0] == f"{f}:1: span 0 at 2..99 lies outside the text (10 chars)"
    assert messages[1].startswith(f"{f}:2: label 'MONEY' is not a claim part")
    assert len(messages) == 2
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("answer", "shown"),
    [([], "'[]'"), ({"a": 1}, "'{\"a\": 1}'"), (3, "'3'"), ("maybe", "'maybe'")],
)
def test_prodigy_answer_that_is_not_a_word_gets_one_line(conn, tmp_path, answer, shown):
    # Hypothesis found `"answer": []` raising TypeError (a list is not hashable) instead of
    # giving the file, the line and what is wrong.
    f = tmp_path / "p.jsonl"
    f.write_text(json.dumps({"text": "共有3000人参加。", "answer": answer}) + "\n")
    with pytest.raises(Problems) as exc:
        import_file(conn, "prodigy", str(f))
    assert [str(e) for e in exc.value.errors] == [
        f"{f}:1: answer {shown} is not accept, reject or ignore"
    ]
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_labelstudio_offset_inside_a_surrogate_pair_is_refused(conn, tmp_path):
    f = tmp_path / "split.json"
    task = {
        "data": {"text": "😀1500万元"},
        "predictions": [
            {
                "result": [
                    {
                        "id": "a",
                        "type": "labels",
                        "value": {"start": 1, "end": 8, "labels": ["QUANTITY"]},
                    }
                ]
            }
        ],
    }
    f.write_text(json.dumps([task]), encoding="utf-8")
    with pytest.raises(Problems) as exc:
        import_file(conn, "labelstudio", str(f))
    assert "not on character boundaries" in str(exc.value)


def test_label_map_errors():
    assert parse_label_map(["Money=Quantity"]) == {"money": "quantity"}
    with pytest.raises(ValueError, match="not one of"):
        parse_label_map(["Money=amount"])
    with pytest.raises(ValueError, match="not LABEL=ROLE"):
        parse_label_map(["Money"])


# --------------------------------------------------------------------------- command line


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd)},
    )


def test_cli_ingest_from_and_export_format(tmp_path):
    db = str(tmp_path / "cli.db")
    ok = _cli(
        "ingest",
        "--from",
        "labelstudio",
        "--label-map",
        "Date=quantity",
        str(DATA / "labelstudio_named_entity_tasks.json"),
        "--db",
        db,
        cwd=tmp_path,
    )
    assert ok.returncode == 0, ok.stderr
    assert "1 document added" in ok.stdout
    out = tmp_path / "out.jsonl"
    ex = _cli(
        "export", "--db", db, "--format", "doccano", "--status", "any", "-o", str(out), cwd=tmp_path
    )
    assert ex.returncode == 0, ex.stderr
    validate.doccano(out.read_text(encoding="utf-8"))
    bad = _cli(
        "ingest",
        "--from",
        "labelstudio",
        str(DATA / "labelstudio_named_entity_tasks.json"),
        "--db",
        db,
        cwd=tmp_path,
    )
    assert bad.returncode == 1
    lines = bad.stderr.strip().splitlines()
    assert len(lines) == 2 and "Traceback" not in bad.stderr
    assert lines[0].endswith(
        "task 1: label 'Date' is not a claim part (quantity, subject,"
        " predicate, time, object); map it with --label-map 'Date=ROLE'"
        " or 'Date=ignore'"
    )
    assert lines[-1].endswith("nothing imported (1 problem)")
    brat = _cli("export", "--db", db, "--format", "brat", cwd=tmp_path)
    assert brat.returncode == 1 and "-o FOLDER" in brat.stderr


def test_brat_export_replaces_only_a_brat_collection(reviewed, tmp_path):
    from db.errors import ClaimdeskError

    out = tmp_path / "collection"
    n = export(reviewed, "brat", str(out))
    with pytest.raises(ClaimdeskError, match="already exists"):
        export(reviewed, "brat", str(out))
    assert export(reviewed, "brat", str(out), force=True) == n
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me")
    with pytest.raises(ClaimdeskError, match="not a brat collection"):
        export(reviewed, "brat", str(other), force=True)
    assert (other / "notes.txt").read_text() == "keep me"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_labelstudio_annotator_accepts_a_pending_claim(reviewed, tmp_path):
    """Export, accept a pending claim in Label Studio (its region copied into the annotation),
    import back: the claim is accepted by the annotator, through the decisions log."""
    out = tmp_path / "ls.json"
    export(reviewed, "labelstudio", str(out), filters=Filters(status="any"))
    tasks = json.loads(out.read_text(encoding="utf-8"))
    task = next(t for t in tasks if t["annotations"] and t["predictions"])
    predicted = task["predictions"][0]["result"]
    region = next(
        r
        for r in predicted
        if r["type"] == "labels"
        and r.get("meta", {}).get("claimdesk", {}).get("status") == "pending"
    )
    task["annotations"][0]["result"].append(region)
    task["annotations"][0]["completed_by"] = {"email": "lin@example.org"}
    task["annotations"][0]["updated_at"] = "2026-11-03T09:30:00.000000Z"
    out.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    result = import_file(reviewed, "labelstudio", str(out))
    assert result.claims.decided == 1 and not result.claims.conflicts
    row = reviewed.execute(
        "SELECT status, reviewer, decided_at FROM claims WHERE doc_id = ? AND start = ?",
        (task["id"], utf16_to_py(utf16_offsets(task["data"]["text"]), region["value"]["start"])),
    ).fetchone()
    assert tuple(row) == ("accepted", "lin@example.org", "2026-11-03T09:30:00.000Z")


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_round_trip_per_format(tmp_path, fmt):
    """The README's commands: export in a tool's format, ingest it --from that tool."""
    db = str(tmp_path / "a.db")
    real = str(DATA / "labelstudio_named_entity_annotation.json")
    first = _cli(
        "ingest",
        "--from",
        "labelstudio",
        "--label-map",
        "Date=quantity",
        real,
        "--db",
        db,
        cwd=tmp_path,
    )
    assert first.returncode == 0, first.stderr
    out = tmp_path / ("collection" if fmt == "brat" else f"out.{fmt}")
    ex = _cli(
        "export", "--db", db, "--format", fmt, "--status", "any", "-o", str(out), cwd=tmp_path
    )
    assert ex.returncode == 0, ex.stderr
    assert ex.stderr.strip() == f"1 claim written to {out}"
    back = str(tmp_path / "b.db")
    again = _cli("ingest", "--from", fmt, str(out), "--db", back, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "claims: 1 added" in again.stdout

    conn = open_db(back)
    row = conn.execute(
        'SELECT quantity_text, start, "end", status, reviewer FROM claims'
    ).fetchone()
    assert tuple(row) == ("February 22", 343, 354, "accepted", "labelstudio")


def test_cli_label_map_needs_from(tmp_path):
    bad = _cli(
        "ingest",
        "x.jsonl",
        "--label-map",
        "A=quantity",
        "--db",
        str(tmp_path / "a.db"),
        cwd=tmp_path,
    )
    assert bad.returncode == 2 and "--label-map goes with --from" in bad.stderr
    worse = _cli(
        "ingest",
        "--from",
        "doccano",
        "x.jsonl",
        "--label-map",
        "A=amount",
        "--db",
        str(tmp_path / "a.db"),
        cwd=tmp_path,
    )
    assert worse.returncode == 2 and "'amount' is not one of" in worse.stderr


_json = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 60) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "data", "label", "entities", "relations", "spans", "answer",
                         "annotations", "predictions", "result", "value", "start", "end",
                         "labels", "type", "id", "from_id", "to_id", "claimdesk", "meta",
                         "start_offset", "end_offset", "head_span", "child_span"]),
        inner, max_size=5),
    max_leaves=25,
)  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=_json, fmt=st.sampled_from(["labelstudio", "doccano", "prodigy"]))
def test_any_json_imports_or_gives_problems(conn, tmp_path, value, fmt):
    """Whatever JSON a file holds, reading it either imports or reports problems; never a
    crash, and a file with problems writes nothing."""
    f = tmp_path / "fuzz.json"
    f.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    before = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    try:
        import_file(conn, fmt, str(f), label_map={"l": "quantity"})
    except Problems as exc:
        assert exc.errors and all(str(e).startswith(str(f)) for e in exc.errors)
        assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == before
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == docs
