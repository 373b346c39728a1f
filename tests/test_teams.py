"""Several reviewers on one database: leases (split), overlap verdicts, agreement, adjudication,
concurrent processes, and the browser server."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from click.testing import CliRunner

from db import review, teams
from db.agreement import cohen_kappa, compute, fleiss_kappa
from db.connection import open_db, transaction
from db.review import ReviewError
from tests.conftest import ROOT
from tui.cli import cli

SPLIT = teams.Assignment()
PENDING = review.Seen("pending", None, None)


def build(path, n_claims: int, docs: int = 1) -> list[int]:
    """``docs`` documents holding ``n_claims`` claims in all ("第k句有k人。" each)."""
    conn = open_db(path)
    ids: list[int] = []
    per_doc = -(-n_claims // docs)
    with transaction(conn):
        for d in range(docs):
            count = min(per_doc, n_claims - d * per_doc)
            parts, spans, pos = [], [], 0
            for k in range(count):
                sentence = f"甲公司第{k}次有{k + 1}人。"
                q = f"{k + 1}人"
                a = pos + sentence.index(q)
                spans.append((a, a + len(q), pos, pos + len(sentence), q, k + 1))
                parts.append(sentence)
                pos += len(sentence)
            text = "".join(parts) + f"（{d}）"
            doc_id = conn.execute(
                "INSERT INTO documents (source, title, text, sha256, ingested_at,"
                " extracted_version) VALUES (?, ?, ?, ?, 't', 'test')",
                (f"d{d}", f"文档{d}", text, hashlib.sha256(text.encode()).hexdigest()),
            ).lastrowid
            for a, b, s0, s1, q, v in spans:
                ids.append(
                    conn.execute(
                        'INSERT INTO claims (doc_id, quantity_text, start, "end", sentence_start,'
                        " sentence_end, value, unit, kind, subject, created_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, '人', 'count', '甲公司', 't')",
                        (doc_id, q, a, b, s0, s1, v),
                    ).lastrowid
                )
    conn.close()
    return ids


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "team.db"
    ids = build(path, 6)
    conn = open_db(path)
    yield path, conn, ids
    conn.close()


# --------------------------------------------------------------------------- split: leases


def test_two_reviewers_never_get_the_same_claim(small):
    path, conn, ids = small
    other = open_db(path)
    a = teams.next_claim(conn, SPLIT, "ann")
    b = teams.next_claim(other, SPLIT, "bob")
    assert a["id"] == ids[0] and b["id"] == ids[1]
    # ann moves on: she gets the next claim nobody holds, and gives back the one she held
    a2 = teams.next_claim(conn, SPLIT, "ann", review.key_of(a))
    assert a2["id"] == ids[2]
    c = teams.next_claim(open_db(path), SPLIT, "cy")
    assert c["id"] == ids[0]


def test_decision_on_a_claim_leased_to_someone_else_is_refused(small):
    path, conn, ids = small
    teams.next_claim(conn, SPLIT, "ann")
    with pytest.raises(ReviewError, match="being reviewed by ann"):
        review.decide(open_db(path), ids[0], "bob", "accept", seen=PENDING)
    review.decide(conn, ids[0], "ann", "accept", seen=PENDING)
    # decided meanwhile: bob's screen still shows it pending
    with pytest.raises(ReviewError, match="accepted by ann meanwhile"):
        review.decide(open_db(path), ids[0], "bob", "reject", seen=PENDING)
    assert conn.execute("SELECT count(*) FROM decisions").fetchone()[0] == 1


def test_lease_expires_when_its_holder_goes_away(small):
    path, conn, ids = small
    short = teams.Assignment(lease_seconds=0.2)
    assert teams.next_claim(conn, short, "ann")["id"] == ids[0]
    assert teams.next_claim(open_db(path), short, "bob")["id"] == ids[1]
    time.sleep(0.3)  # ann's app died: no renewal
    assert teams.next_claim(open_db(path), short, "cy")["id"] == ids[0]


def test_renew_keeps_the_lease_and_release_frees_it(small):
    _path, conn, ids = small
    short = teams.Assignment(lease_seconds=0.3)
    teams.next_claim(conn, short, "ann")
    for _ in range(3):
        time.sleep(0.15)
        assert teams.renew(conn, short, "ann", ids[0])
    assert teams.holder(conn, ids[0], "bob") == "ann"
    teams.release(conn, "ann")
    assert teams.holder(conn, ids[0], "bob") is None
    assert not teams.renew(conn, short, "ann", ids[0])


def test_skip_gives_the_claim_back(small):
    _path, conn, ids = small
    teams.next_claim(conn, SPLIT, "ann")
    review.decide(conn, ids[0], "ann", "skip")
    assert teams.holder(conn, ids[0], "bob") is None


WORKER = r"""
import sys
from db import review, teams
from db.connection import open_db
from db.review import ReviewError
path, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
conn = open_db(path)
asg = teams.Assignment()
done = 0
key = None
while done < n:
    row = teams.next_claim(conn, asg, name, key)
    if row is None:
        break
    try:
        review.decide(conn, row["id"], name, "accept", seen=review.Seen("pending", None, None))
    except ReviewError as exc:
        print("refused", row["id"], exc, file=sys.stderr)
        continue
    print(row["id"], flush=True)
    done += 1
    key = review.key_of(row)
"""


def test_four_processes_500_decisions_each_none_lost_none_twice(tmp_path):
    path = tmp_path / "busy.db"
    ids = build(path, 2000, docs=20)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(path), f"r{i}", "500"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for i in range(4)
    ]  # fmt: skip
    outs = [p.communicate(timeout=240) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-500:] for o in outs]
    reported = [int(x) for out, _ in outs for x in out.split()]
    assert len(reported) == 2000
    assert sorted(reported) == sorted(ids)  # every claim once: none decided twice
    conn = open_db(path)
    assert conn.execute("SELECT count(*) FROM claims WHERE status = 'accepted'").fetchone()[0] == (
        2000
    )
    twice = conn.execute(
        "SELECT count(*) FROM (SELECT claim_id FROM decisions WHERE action = 'accept'"
        " GROUP BY claim_id HAVING count(*) > 1)"
    ).fetchone()[0]
    assert twice == 0
    per_reviewer = dict(
        conn.execute("SELECT reviewer, count(*) FROM decisions GROUP BY reviewer").fetchall()
    )
    assert per_reviewer == {f"r{i}": 500 for i in range(4)}
    assert conn.execute("SELECT count(*) FROM leases").fetchone()[0] == 0


# --------------------------------------------------------------------------- overlap


def overlap(k: int = 2) -> teams.Assignment:
    return teams.Assignment(mode="overlap", per_claim=k)


def test_overlap_agreement_makes_the_claim_final(small):
    path, conn, ids = small
    asg = overlap(2)
    assert teams.next_claim(conn, asg, "ann")["id"] == ids[0]
    # in overlap mode bob gets the same claim: two verdicts are wanted
    assert teams.next_claim(open_db(path), asg, "bob")["id"] == ids[0]
    d = teams.judge(conn, asg, ids[0], "ann", "accept")
    assert d.status_after == "pending"
    d = teams.judge(conn, asg, ids[0], "bob", "accept")
    assert d.status_after == "accepted"
    row = review.get_claim(conn, ids[0])
    assert (row["status"], row["reviewer"], row["edited"]) == ("accepted", "ann+bob", 0)
    assert teams.dispute_count(conn) == 0
    # a third reviewer is not offered a claim that has its two verdicts
    assert teams.next_claim(conn, asg, "cy")["id"] == ids[1]


def test_overlap_disagreement_goes_to_adjudication(small):
    _path, conn, ids = small
    asg = overlap(2)
    teams.judge(conn, asg, ids[0], "ann", "accept")
    teams.judge(conn, asg, ids[0], "bob", "reject")
    assert review.get_claim(conn, ids[0])["status"] == "pending"
    assert teams.dispute_count(conn) == 1
    # different edits disagree too
    teams.judge(conn, asg, ids[1], "ann", "edit", {"value": 5})
    teams.judge(conn, asg, ids[1], "bob", "edit", {"value": 6})
    assert teams.dispute_count(conn) == 2
    # the same edit agrees, and is an edit of the extractor's proposal
    teams.judge(conn, asg, ids[2], "ann", "edit", {"subject": "乙公司"})
    teams.judge(conn, asg, ids[2], "bob", "edit", {"subject": "乙公司"})
    row = review.get_claim(conn, ids[2])
    assert (row["status"], row["subject"], row["edited"]) == ("accepted", "乙公司", 1)
    assert json.loads(row["original"])["subject"] == "甲公司"
    # a reviewer is not offered what they judged
    assert teams.next_claim(conn, asg, "ann")["id"] == ids[3]


def test_overlap_undo_restores_verdict_and_dispute(small):
    _path, conn, ids = small
    asg = overlap(2)
    teams.judge(conn, asg, ids[0], "ann", "accept")
    teams.judge(conn, asg, ids[0], "bob", "reject")
    assert teams.dispute_count(conn) == 1
    undo = teams.undo(conn, asg, "bob")
    assert undo.undone_action == "reject"
    assert teams.dispute_count(conn) == 0
    assert [v["reviewer"] for v in teams.versions(conn, ids[0])] == ["ann"]
    # ann changes her mind, then undoes that: her first verdict comes back
    teams.judge(conn, asg, ids[0], "ann", "reject")
    teams.undo(conn, asg, "ann")
    assert [v["status"] for v in teams.versions(conn, ids[0])] == ["accepted"]


def test_overlap_three_reviewers(small):
    _path, conn, ids = small
    asg = overlap(3)
    for name in ("ann", "bob"):
        teams.judge(conn, asg, ids[0], name, "accept")
    assert review.get_claim(conn, ids[0])["status"] == "pending"
    teams.judge(conn, asg, ids[0], "cy", "accept")
    assert review.get_claim(conn, ids[0])["reviewer"] == "ann+bob+cy"
    with pytest.raises(ReviewError, match="already accepted"):
        teams.judge(conn, asg, ids[0], "dan", "reject")


# --------------------------------------------------------------------------- adjudication


def test_adjudicate_pick_and_undo(small):
    _path, conn, ids = small
    asg = overlap(2)
    teams.judge(conn, asg, ids[0], "ann", "edit", {"value": 5})
    teams.judge(conn, asg, ids[0], "bob", "reject")
    versions = teams.versions(conn, ids[0])
    assert [(v["reviewer"], v["status"], v["fields"]["value"]) for v in versions] == [
        ("ann", "accepted", 5),
        ("bob", "rejected", 1),
    ]
    flt = review.ClaimFilter(disputed=True)
    assert review.count(conn, flt) == 1
    d = teams.adjudicate(conn, ids[0], "lead", pick="ann")
    assert d.status_after == "accepted"
    row = review.get_claim(conn, ids[0])
    assert (row["value"], row["reviewer"], row["edited"]) == (5, "lead", 1)
    assert teams.dispute_count(conn) == 0
    log = conn.execute("SELECT mode, reviewer FROM decisions ORDER BY id DESC LIMIT 1")
    assert tuple(log.fetchone()) == ("adjudicate", "lead")
    teams.undo(conn, asg, "lead")
    assert review.get_claim(conn, ids[0])["status"] == "pending"
    assert teams.dispute_count(conn) == 1
    with pytest.raises(ReviewError, match="not disputed"):
        teams.adjudicate(conn, ids[1], "lead", action="accept")
    with pytest.raises(ReviewError, match="no verdict"):
        teams.adjudicate(conn, ids[0], "lead", pick="zed")


async def test_adjudication_screen_shows_versions_and_picks(small):
    from tui.app import make_app
    from tui.screens.adjudicate import Versions

    path, conn, ids = small
    asg = overlap(2)
    teams.judge(conn, asg, ids[1], "ann", "accept")
    teams.judge(conn, asg, ids[1], "bob", "reject")
    app = make_app(str(path), "lead", adjudicate=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.claim["id"] == ids[1]
        assert screen.total == 1
        shown = str(screen.query_one(Versions).render())
        assert "ann" in shown or screen.query_one(Versions).content
        await pilot.press("2")  # bob's version: rejected
        await pilot.pause()
    assert review.get_claim(conn, ids[1])["status"] == "rejected"
    assert teams.dispute_count(conn) == 0


async def test_two_apps_in_split_mode_show_different_claims(small):
    from tui.app import make_app

    path, conn, ids = small
    one, two = make_app(str(path), "ann"), make_app(str(path), "bob")
    async with one.run_test() as p1, two.run_test() as p2:
        await p1.pause()
        await p2.pause()
        assert one.screen.claim["id"] == ids[0]
        assert two.screen.claim["id"] == ids[1]
        await p1.press("a")  # ann accepts and moves past bob's claim
        await p1.pause()
        assert one.screen.claim["id"] == ids[2]
        # bob sees ann's decision when he moves on
        await p2.press("a")
        await p2.pause()
        assert two.screen.claim["id"] == ids[3]
    assert review.get_claim(conn, ids[0])["reviewer"] == "ann"
    assert review.get_claim(conn, ids[1])["reviewer"] == "bob"
    assert conn.execute("SELECT count(*) FROM leases").fetchone()[0] == 0  # released on quit


async def test_overlap_mode_through_the_app(small):
    from tui.app import make_app

    path, conn, ids = small
    app = make_app(str(path), "ann", mode="overlap", per_claim=2)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("a", "x")
        await pilot.pause()
    assert teams.load_assignment(conn) == teams.Assignment(mode="overlap", per_claim=2)
    assert [v["status"] for v in teams.versions(conn, ids[0])] == ["accepted"]
    assert [v["status"] for v in teams.versions(conn, ids[1])] == ["rejected"]
    assert review.get_claim(conn, ids[0])["status"] == "pending"  # waits for a second verdict


def test_mode_validation(small):
    _path, conn, _ids = small
    with pytest.raises(ReviewError, match="per-claim 2 or more"):
        teams.save_assignment(conn, "overlap", 1)
    with pytest.raises(ReviewError, match="unknown mode"):
        teams.save_assignment(conn, "chaos")


# --------------------------------------------------------------------------- agreement


def test_cohen_kappa_known_answer():
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15 -> po 0.7, pe 0.5, kappa 0.4
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    assert cohen_kappa([("y", "y")] * 3) == 1.0
    assert cohen_kappa([]) is None


def test_fleiss_kappa_known_answer():
    # Fleiss (1971) as reproduced on Wikipedia: 10 items, 14 raters, 5 categories -> 0.210
    table = [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ]  # fmt: skip
    assert fleiss_kappa(table) == pytest.approx(0.210, abs=5e-4)
    with pytest.raises(ValueError):
        fleiss_kappa([[1, 1], [2, 1]])


def test_agreement_on_a_hand_built_database(tmp_path):
    path = tmp_path / "agree.db"
    ids = build(path, 10)
    conn = open_db(path)
    asg = overlap(2)
    # ann and bob: 10 claims; agree on 8 (6 accept, 2 reject), disagree on 2
    ann = ["accept"] * 7 + ["reject"] * 3
    bob = ["accept"] * 6 + ["reject"] * 3 + ["accept"]
    for cid, a, b in zip(ids, ann, bob, strict=True):
        teams.judge(conn, asg, cid, "ann", a)
        teams.judge(conn, asg, cid, "bob", b)
    f = compute(conn)
    # po = 0.8; pe = 0.7*0.7 + 0.3*0.3 = 0.58; kappa = 0.22 / 0.42
    assert f["overall"]["method"] == "cohen"
    assert f["overall"]["kappa"] == round(0.22 / 0.42, 4)
    assert f["overall"]["kappa_items"] == 10
    assert f["per_kind"]["count"]["kappa"] == round(0.22 / 0.42, 4)
    r = CliRunner().invoke(cli, ["stats", "--agreement", "--db", str(path)])
    assert r.exit_code == 0, r.output
    assert "Cohen's kappa 0.524" in r.output
    r = CliRunner().invoke(cli, ["stats", "--agreement", "--json", "--db", str(path)])
    assert json.loads(r.output)["overall"]["kappa"] == round(0.22 / 0.42, 4)


def test_agreement_three_reviewers_and_fields(tmp_path):
    path = tmp_path / "three.db"
    ids = build(path, 4)
    conn = open_db(path)
    asg = overlap(3)
    votes = {  # claim -> three verdicts
        ids[0]: ["accept", "accept", "accept"],
        ids[1]: ["reject", "reject", "reject"],
        ids[2]: ["accept", "accept", "reject"],
        ids[3]: ["accept", "reject", "reject"],
    }
    for cid, vs in votes.items():
        for name, v in zip(("ann", "bob", "cy"), vs, strict=True):
            teams.judge(conn, asg, cid, name, v)
    table = [[3, 0], [0, 3], [2, 1], [1, 2]]
    f = compute(conn)
    assert f["overall"]["method"] == "fleiss"
    assert f["overall"]["kappa"] == round(fleiss_kappa(table), 4)
    # field agreement: two reviewers edit one claim, same value, different subject
    path2 = tmp_path / "fields.db"
    ids2 = build(path2, 1)
    conn2 = open_db(path2)
    teams.judge(conn2, overlap(2), ids2[0], "ann", "edit", {"value": 9, "subject": "乙"})
    teams.judge(conn2, overlap(2), ids2[0], "bob", "edit", {"value": 9, "subject": "丙"})
    e = compute(conn2)["edited"]
    assert e["claims"] == 1 and e["pairs"] == 1
    assert e["fields"]["value"] == 1.0 and e["fields"]["subject"] == 0.0


def test_agreement_with_no_overlap(small):
    path, _conn, _ids = small
    r = CliRunner().invoke(cli, ["stats", "--agreement", "--db", str(path)])
    assert r.exit_code == 0 and "No claim has verdicts from two reviewers" in r.output


# --------------------------------------------------------------------------- serve


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_http_on_loopback(small):
    pytest.importorskip("textual_serve")
    path, _conn, _ids = small
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "serve", "--db", str(path), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        deadline = time.time() + 30
        body = ""
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as resp:
                    assert resp.status == 200
                    body = resp.read().decode("utf-8", "replace")
                    break
            except OSError:
                time.sleep(0.2)
        assert "claimdesk review" in body
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_on_a_missing_database_is_one_line(tmp_path):
    r = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 1 and "no such database" in r.output


async def test_a_running_session_follows_a_change_of_mode(small):
    from tui.app import make_app

    path, conn, ids = small
    app = make_app(str(path), "bob")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.assignment.mode == "split"
        teams.save_assignment(open_db(path), "overlap", 2)  # the lead, in another session
        await pilot.press("a")
        await pilot.pause()
        assert app.screen.assignment.mode == "overlap"
    # bob's accept was a verdict, not a final decision
    assert review.get_claim(conn, ids[0])["status"] == "pending"
    assert [v["reviewer"] for v in teams.versions(conn, ids[0])] == ["bob"]


async def test_a_locked_database_never_crashes_the_app_nor_loses_a_decision(small):
    from tui.app import make_app

    path, conn, ids = small
    app = make_app(str(path), "ann")
    async with app.run_test() as pilot:
        await pilot.pause()
        app.conn.execute("PRAGMA busy_timeout = 20")
        blocker = open_db(path)
        blocker.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        await pilot.press("a")
        await pilot.pause()
        assert app.screen.claim["id"] == ids[0]  # did not move on: nothing was saved
        assert any("busy" in n.message for n in app._notifications)
        blocker.execute("ROLLBACK")
        await pilot.press("a")
        await pilot.pause()
        assert app.screen.claim["id"] == ids[1]
    assert review.get_claim(conn, ids[0])["status"] == "accepted"
    assert conn.execute("SELECT count(*) FROM decisions").fetchone()[0] == 1
