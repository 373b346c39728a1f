"""Alternatives stored with each claim, the models table, and `claimdesk train --db`."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from db.claims import decided_claims, load_model, save_model
from db.connection import open_db
from db.schema import MIGRATIONS
from extractor import extract
from extractor.core import extract_with_fields
from extractor.lookalike import features
from extractor.ranker import Ranker, shipped
from tests.conftest import SEED_ARTICLE
from tui.cli import cli

try:  # the decisions writer moves out of db.review in a later refactor
    from db.decisions import decide  # type: ignore[import-not-found,unused-ignore]
except ImportError:
    from db.review import decide


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _extracted(db_path):
    r = invoke("ingest", SEED_ARTICLE, "--db", db_path)
    assert r.exit_code == 0, r.output
    r = invoke("extract", "--db", db_path)
    assert r.exit_code == 0, r.output
    return open_db(db_path)


def test_alternatives_are_stored_as_json_with_each_claim(db_path, seed_text):
    conn = _extracted(db_path)
    rows = conn.execute(
        'SELECT start, "end", subject, alternatives FROM claims ORDER BY start'
    ).fetchall()
    assert rows
    expected = {(c.start, c.end): c for c in extract(seed_text)}
    with_alts = 0
    for start, end, subject, alts in rows:
        cand = expected[(start, end)]
        assert subject == cand.subject
        if alts is None:
            assert not cand.alternatives
            continue
        with_alts += 1
        stored = json.loads(alts)
        assert stored == cand.alternatives
        for field, options in stored.items():
            assert field in ("subject", "predicate", "time", "object")
            # Only time has an empty option ("no time"), without offsets, and only when the
            # claim has a time to empty.
            for o in options:
                assert o["text"] or (field == "time" and cand.time_text)
                assert o["text"] or o["start"] is o["end"] is None
    assert with_alts >= len(rows) // 2


def test_upgrade_from_migration_three_adds_alternatives_and_models(db_path):
    raw = sqlite3.connect(db_path, isolation_level=None)
    raw.execute("BEGIN")
    for migrate in MIGRATIONS[:3]:
        migrate(raw)
    raw.execute("PRAGMA user_version = 3")
    raw.execute("COMMIT")
    raw.execute(
        "INSERT INTO documents (source, title, text, sha256, ingested_at)"
        " VALUES ('a.txt', 'A', '公司收入1000万元', 'abc', '2026-01-01')"
    )
    raw.execute(
        'INSERT INTO claims (doc_id, quantity_text, start, "end", sentence_start,'
        " sentence_end, value, unit, created_at) VALUES (1, '1000万元', 4, 10, 0, 10, 1e7, '元',"
        " '2026-01-01')"
    )
    raw.close()
    conn = open_db(db_path)
    assert tuple(conn.execute("SELECT quantity_text, alternatives FROM claims").fetchone()) == (
        "1000万元",
        None,
    )
    assert load_model(conn, "ranker") is None
    save_model(conn, "ranker", Ranker({"rule": 1.0}).to_json(), 3)
    save_model(conn, "ranker", Ranker({"rule": 2.0}).to_json(), 4)
    assert Ranker.from_json(load_model(conn, "ranker") or "").weights["rule"] == 2.0
    assert tuple(conn.execute("SELECT count(*), max(examples) FROM models").fetchone()) == (1, 4)


def test_train_from_decisions_then_redo_reranks_only_pending(db_path, seed_text):
    conn = _extracted(db_path)
    claims = conn.execute("SELECT id, start, subject FROM claims ORDER BY start").fetchall()
    # The reviewer accepts the first half, writing a subject of their own on every other one,
    # and rejects one; the rest stays pending.
    half = len(claims) // 2
    decided: dict[int, tuple] = {}
    for n, (claim_id, _start, subject) in enumerate(claims[:half]):
        if n == 0:
            decide(conn, claim_id, "ann", "reject")
        elif n % 2:
            decide(conn, claim_id, "ann", "edit", {"subject": subject + "X"})
        else:
            decide(conn, claim_id, "ann", "accept")
    for claim_id, *_ in claims[:half]:
        decided[claim_id] = tuple(
            conn.execute("SELECT * FROM claims WHERE id = ?", (claim_id,)).fetchone()
        )

    r = invoke("train", "--db", db_path, "--min-claims", 1000)
    assert r.exit_code == 1 and "too few examples" in r.output and "nothing stored" in r.output
    assert load_model(conn, "ranker") is None

    r = invoke("train", "--db", db_path, "--min-claims", 2)
    assert r.exit_code == 0, r.output
    assert "trained on" in r.output and "stored as model 'ranker'" in r.output
    assert "look-alike filter refitted on" in r.output and "(1 rejected)" in r.output
    # One document: nothing to hold out, so every field is ranked as shipped.
    assert "ranked as shipped (one document" in r.output
    assert "claims of 1 document;" in r.output
    model = Ranker.from_json(load_model(conn, "ranker") or "")
    assert model.lookalike is not None
    assert model.weights == shipped().weights and model.fields == shipped().fields

    r = invoke("extract", "--db", db_path, "--redo")
    assert r.exit_code == 0, r.output
    for claim_id, row in decided.items():
        now = conn.execute("SELECT * FROM claims WHERE id = ?", (claim_id,)).fetchone()
        assert tuple(now) == row  # decided claims untouched
    expected = {c.start: c.subject for c in extract(seed_text, ranker=model)}
    pending = conn.execute(
        "SELECT start, subject FROM claims WHERE status = 'pending' AND origin = 'extractor'"
    ).fetchall()
    assert pending
    assert all(subject == expected[start] for start, subject in pending)
    # The pending candidates are the model's proposals (its look-alike filter applied) at
    # the spans no decided claim holds.
    decided_starts = {
        row[0] for row in conn.execute("SELECT start FROM claims WHERE status <> 'pending'")
    }
    assert {start for start, _ in pending} == set(expected) - decided_starts


def _probabilities(model: Ranker, text: str) -> dict[int, float]:
    """The look-alike filter's probability of each candidate of ``text``, by start."""
    pairs = extract_with_fields(text, screen=False)
    assert model.lookalike is not None
    feats = features(text, [c for c, _ in pairs], [f for _, f in pairs])
    return {c.start: model.lookalike.probability(f) for (c, _), f in zip(pairs, feats, strict=True)}


def test_train_learns_look_alikes_from_rejected_candidates(db_path, seed_text):
    conn = _extracted(db_path)
    claims = conn.execute("SELECT id, start FROM claims ORDER BY start").fetchall()
    # Accepting every candidate teaches no look-alike: the shipped filter is kept.
    for claim_id, _ in claims[:6]:
        decide(conn, claim_id, "ann", "accept")
    r = invoke("train", "--db", db_path, "--min-claims", 2)
    assert r.exit_code == 0, r.output
    assert "look-alike filter as shipped" in r.output
    assert "extract --redo would propose the same candidates" in r.output
    kept = Ranker.from_json(load_model(conn, "ranker") or "")
    assert kept.lookalike == shipped().lookalike
    # Rejecting candidates makes them look-alikes: the refitted filter scores them lower.
    rejected = [start for _, start in claims[6::2]]
    for claim_id, _ in claims[6::2]:
        decide(conn, claim_id, "ann", "reject")
    for claim_id, _ in claims[7::2]:
        decide(conn, claim_id, "ann", "accept")
    r = invoke("train", "--db", db_path, "--min-claims", 2)
    assert r.exit_code == 0, r.output
    assert f"({len(rejected)} rejected)" in r.output
    model = Ranker.from_json(load_model(conn, "ranker") or "")
    before = _probabilities(shipped(), seed_text)
    after = _probabilities(model, seed_text)
    accepted = [start for _, start in claims if start not in rejected]

    def gap(p: dict[int, float]) -> float:
        return sum(p[s] for s in accepted) / len(accepted) - sum(p[s] for s in rejected) / len(
            rejected
        )

    assert sum(after[s] for s in rejected) < sum(before[s] for s in rejected)
    assert gap(after) > gap(before)
    # A rejected claim a reviewer added is not a look-alike the extractor proposed.
    assert all(g["claim"] or g["start"] in rejected for *_, g in decided_claims(conn))


def test_train_and_extract_bad_input(db_path, tmp_path):
    r = invoke("train", "--db", tmp_path / "absent.db")
    assert r.exit_code == 1 and "Traceback" not in r.output
    conn = _extracted(db_path)
    r = invoke("train", "--db", db_path)
    assert r.exit_code == 1 and "has no accepted claims" in r.output
    # A damaged stored model: extract says so in one line and writes nothing.
    save_model(conn, "ranker", "{broken", 1)
    before = conn.execute("SELECT count(*) FROM claims").fetchone()
    r = invoke("extract", "--db", db_path, "--redo")
    assert r.exit_code == 1
    assert "stored model 'ranker': not JSON" in r.output and "claimdesk train again" in r.output
    assert len(r.output.strip().splitlines()) == 1
    assert tuple(conn.execute("SELECT count(*) FROM claims").fetchone()) == tuple(before)
