"""Suggestions from the document's decisions: ``extractor/feedback.py`` (the model, its
features and training), ``db/feedback.py`` (what the session reads and shows) and the review
app through ``make_app`` — what an accept, a pick and an undo commit on a suggested claim."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from db import review as review_api
from db import teams
from db.connection import open_db, transaction
from db.session import ReviewSession, Strategy
from extractor import feedback as fb
from tests.test_review_helpers import claim_row, decisions, review_and_serve_with
from tui.app import make_app
from tui.widgets.claim_card import ClaimCard

# ----------------------------------------------------------------------------- the model


def d(value: str, start: int = 0, sentence: int = 0, proposed: str | None = None) -> fb.Decided:
    return fb.Decided(start, sentence, value, None, None, value if proposed is None else proposed)


def alt(text: str, score: float | None) -> dict[str, Any]:
    return {"text": text, "start": None, "end": None, "score": score}


def features(current: str, alts, decided, sentence: int = 0) -> dict[str, dict[str, float]]:
    return {t: f for t, _a, _b, f, _i in fb.options(current, (None, None), alts, decided, sentence)}


def test_options_list_the_choice_its_runners_up_and_decided_values_with_their_evidence():
    got = features(
        "丙公司",
        [alt("甲集团", 0.6), alt("乙银行", None)],
        [d("甲集团", 0, 0, proposed="丙公司"), d("丁协会", 10, 5)],
        sentence=5,
    )
    assert list(got) == ["丙公司", "甲集团", "乙银行", "丁协会"]  # choice, runners-up, injected
    assert got["丙公司"]["r0"] == 1 and got["丙公司"]["top_alt"] == 0.6
    assert got["丙公司"]["d_rejected"] == 1  # a reviewer replaced it on another claim
    assert got["甲集团"]["d_corrected_to"] == 1  # ... with this one
    assert got["甲集团"]["score"] == 0.6 and got["乙银行"]["noscore"] == 1
    assert got["丁协会"]["injected"] == 1 and got["丁协会"]["d_last"] == 1
    assert got["丁协会"]["d_sent"] == 1 and "d_sent" not in got["甲集团"]  # other sentence
    assert got["丁协会"]["d_n"] == pytest.approx(math.log(2))
    assert got["丁协会"]["d_last*injected"] == 1  # crossed with the kind of option


def test_the_empty_time_and_a_longer_or_shorter_decided_value():
    got = features("3月", [alt("", 0.2), alt("今年3月", 0.1)], [d("今年3月"), d("")])
    assert got[""]["empty"] == 1 and got[""]["empty_last"] == 1 and got[""]["d_last"] == 1
    got = features("3月", [alt("今年3月", 0.1)], [d("今年3月")])
    assert got["3月"]["d_last_part"] == 1  # held by the decided value
    assert got["今年3月"]["d_last"] == 1


def model(**subject: float) -> fb.Model:
    return fb.Model({"subject": subject, "time": subject})


def test_without_a_decided_claim_the_extractor_order_stays():
    m = model(score=10.0)
    ranked = m.rerank("subject", "丙公司", (1, 4), [alt("甲集团", 0.9)], [], 0)
    assert [c.text for c in ranked] == ["丙公司", "甲集团"]
    assert (ranked[0].start, ranked[0].end) == (1, 4)


def test_a_decided_value_overtakes_the_choice_and_an_unbacked_runner_up_never_does():
    m = model(score=10.0)
    # 甲集团 scores higher by its stored score, but nothing a reviewer decided backs it
    ranked = m.rerank("subject", "丙公司", (None, None), [alt("甲集团", 0.9)], [d("乙银行")], 0)
    assert ranked[0].text == "丙公司"
    # the decided value has the evidence: it wins, and is marked as injected
    m = model(d_last=3.0)
    ranked = m.rerank("subject", "丙公司", (None, None), [alt("甲集团", 0.9)], [d("乙银行")], 0)
    assert ranked[0].text == "乙银行" and ranked[0].injected
    assert sum(c.score for c in ranked) == pytest.approx(1.0)
    # a choice a reviewer replaced elsewhere may give way to any option
    m = model(score=10.0)
    ranked = m.rerank(
        "subject", "丙公司", (None, None), [alt("甲集团", 0.9)], [d("乙银行", proposed="丙公司")], 0
    )
    assert ranked[0].text == "甲集团"


def test_a_field_the_model_does_not_rank_keeps_the_extractor_order():
    m = fb.Model({"subject": {"d_last": 5.0}})
    ranked = m.rerank("time", "3月", (None, None), [alt("4月", 0.5)], [d("4月")], 0)
    assert ranked[0].text == "3月"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not JSON"),
        ('{"version": 2, "fields": {}}', "version"),
        ('{"version": 1}', "no 'fields'"),
        ('{"version": 1, "fields": {"predicate": {}}}', "unknown field"),
        ('{"version": 1, "fields": {"subject": {"words": 1}}}', "unknown feature"),
        ('{"version": 1, "fields": {"subject": {"d_last": "x"}}}', "finite"),
        ('{"version": 1, "fields": {"subject": {"d_last": 1e999}}}', "finite"),
    ],
)
def test_a_bad_model_file_is_one_clear_error(text, message):
    with pytest.raises(fb.ModelError, match=message):
        fb.Model.from_json(text, "m.json")


def test_the_shipped_model_loads_and_round_trips():
    m = fb.shipped()
    assert set(m.weights) == set(fb.FIELDS)
    again = fb.Model.from_json(m.to_json())
    assert again.weights == {
        f: {k: round(v, 6) for k, v in w.items()} for f, w in m.weights.items()
    }


def gold_line(doc: str, start: int, end: int, subject: str, time: str = "") -> dict[str, Any]:
    return {"doc": doc, "start": start, "end": end, "surface": "x", "value": 1.0, "unit": "",
            "qualifier": "=", "subject": subject, "predicate": "", "time": time,
            "claim": True}  # fmt: skip


def candidate(doc: str, start: int, end: int, subject: str, alts: list[str]) -> dict[str, Any]:
    return {"doc": doc, "start": start, "end": end, "value": 1.0, "value_max": None, "unit": "",
            "qualifier": "=", "subject": subject, "predicate": "", "time_text": "",
            "sentence_start": start,
            "alternatives": {"subject": [alt(a, 0.5) for a in alts]}}  # fmt: skip


def test_training_learns_to_follow_the_decided_subject_and_the_model_ranks():
    """Documents where every claim is about the first claim's subject and the extractor keeps
    proposing a wrong one: trained on them, the model re-ranks a new claim the same way."""
    gold, pred = [], []
    for k in range(6):
        doc = f"d{k}"
        for i in range(4):
            gold.append(gold_line(doc, 10 * i, 10 * i + 2, "甲集团"))
            wrong = "乙银行" if i else "甲集团"
            pred.append(candidate(doc, 10 * i, 10 * i + 2, wrong, ["丙公司", "甲集团"]))
    groups = fb.training_groups(gold, pred, "subject")
    assert sum(len(g) for g in groups.values()) == 18  # every claim but each document's first
    weights = fb.fit(groups.values())
    right, base, n, exact, _base_exact = fb.accuracy(groups.values(), weights)
    assert (base, n) == (0, 18) and right == exact == 18
    m = fb.Model.from_json(fb.Model({"subject": weights}).to_json())
    ranked = m.rerank("subject", "乙银行", (None, None), [alt("丙公司", 0.5), alt("甲集团", 0.5)],
                      [d("甲集团", proposed="乙银行")], 0)  # fmt: skip
    assert ranked[0].text == "甲集团"


def test_in_order_scores_count_as_the_scorer_does():
    """Fields on found claims, accept-as-is on every gold claim; a missed gold claim still
    counts as decided for the claims after it (a reviewer adds it)."""
    gold = [gold_line("d", 0, 2, "甲集团"), gold_line("d", 10, 12, "甲集团"),
            gold_line("d", 20, 22, "甲集团")]  # fmt: skip
    pred = [candidate("d", 10, 12, "乙银行", ["甲集团"]), candidate("d", 20, 22, "甲集团", [])]
    follow = fb.Model({"subject": {"d_last": 5.0}, "time": {}})
    got = fb.in_order_scores(gold, pred, follow)
    assert got["claims"] == (3, 3) and got["found"] == (2, 2)
    assert got["subject"] == (1, 2) and got["accept-as-is"] == (1, 2)
    assert got["predicate"] == (2, 2) and got["time"] == (2, 2)


def test_the_score_command_names_a_bad_model(tmp_path, capsys):
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps(gold_line("seed.txt", 0, 2, "甲")) + "\n", "utf-8")
    model = tmp_path / "m.json"
    model.write_text('{"version": 1, "fields": {"subject": {"words": 2}}}', "utf-8")
    assert fb.main([str(gold), "--score", str(model)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("Error: ") and "m.json" in err and "words" in err and "\n" not in err


def test_the_training_command_writes_a_model_that_loads(tmp_path, capsys):
    """``python -m extractor.feedback`` on one seed article's gold: the model file loads."""
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    gold = sorted(Path(__file__).resolve().parents[2].glob("shared/gold/*.jsonl"))
    if not gold:
        pytest.skip("no shared gold")
    out = tmp_path / "fb.json"
    code = fb.main([str(gold[0]), "-o", str(out)])
    assert code == 0 and seeds.is_dir()
    assert "claims with a decided claim before them" in capsys.readouterr().out
    assert set(fb.Model.from_json(out.read_text("utf-8")).weights) == set(fb.FIELDS)


def test_the_training_command_names_a_missing_file(tmp_path, capsys):
    assert fb.main([str(tmp_path / "nope.jsonl")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error:") and "nope.jsonl" in err and "Traceback" not in err


# ----------------------------------------------------------------- the session and the app

S1 = "2022年，甲集团营业收入120亿元。"
S2 = "净利润15亿元，乙银行提供贷款3亿元。"
S3 = "员工8000名。"
TEXT = S1 + S2 + S3


def at(text: str) -> tuple[int, int]:
    i = TEXT.index(text)
    return i, i + len(text)


def build_db(path: Path, first: str = "甲集团") -> list[int]:
    """One document, three pending claims: the first proposing ``first`` (the right 甲集团 by
    default), the other two proposing 乙银行 with 甲集团 among their runners-up."""
    conn = open_db(path)
    ids = []
    specs = [("120亿元", 1.2e10, "元", "money", first),
             ("15亿元", 1.5e9, "元", "money", "乙银行"),
             ("8000名", 8000, "名", "count", "乙银行")]  # fmt: skip
    with transaction(conn):
        doc = conn.execute(
            "INSERT INTO documents (source, title, text, sha256, date, ingested_at)"
            " VALUES ('news/a.txt', '新闻', ?, 'x', '2022-05-01', 't')",
            (TEXT,),
        ).lastrowid
        for quantity, value, unit, kind, subject in specs:
            a, b = at(quantity)
            s0 = max(TEXT.rfind("。", 0, a) + 1, 0)
            s1 = TEXT.index("。", b) + 1
            sa, sb = (TEXT.index(subject), TEXT.index(subject) + len(subject))
            alts = {"subject": [{"text": "甲集团", "start": at("甲集团")[0],
                                 "end": at("甲集团")[1], "score": 0.4}]}  # fmt: skip
            if subject != "乙银行":
                alts = {"subject": [{"text": "乙银行", "start": at("乙银行")[0],
                                     "end": at("乙银行")[1], "score": 0.3}]}  # fmt: skip
            ids.append(
                conn.execute(
                    "INSERT INTO claims (doc_id, quantity_text, start, end, sentence_start,"
                    " sentence_end, value, unit, qualifier, kind, subject, subject_start,"
                    " subject_end, predicate, object, time_text, time, status, confidence, rule,"
                    " created_at, alternatives, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '=', ?,"
                    " ?, ?, ?, '', '', '', '', 'pending', 0.9, 'money.scaled', 't', ?,"
                    " 'extractor')",
                    (doc, quantity, a, b, s0, s1, value, unit, kind, subject, sa, sb,
                     json.dumps(alts, ensure_ascii=False)),
                ).lastrowid
            )  # fmt: skip
    conn.close()
    return ids


#: A model that follows the nearest decided subject.
FOLLOW = fb.Model({"subject": {"d_last": 4.0, "r0": 1.0}, "time": {"r0": 1.0}})


def session(path: Path, model: fb.Model | None = FOLLOW) -> ReviewSession:
    conn = open_db(path, check_same_thread=False)
    s = ReviewSession(conn, "ann", teams.Assignment(), strategy=Strategy())
    s.normalise_time = lambda text, date: f"norm({text}|{date})"
    if model is not None:
        s.feedback = fb.ranking(model)
    return s


def test_an_accept_commits_the_suggested_subject_and_keeps_the_proposal(tmp_path):
    path = tmp_path / "f.db"
    ids = build_db(path)
    s = session(path)
    out = s.open()
    assert out.view.claim["id"] == ids[0] and out.view.suggested == {}  # nothing decided yet
    out = s.decide("accept")
    assert out.view.claim["id"] == ids[1]
    assert out.view.claim["subject"] == "甲集团" and out.view.suggested == {"subject": "乙银行"}
    # the stored row still holds the extractor's proposal until the reviewer acts
    assert claim_row(path, ids[1])["subject"] == "乙银行"
    # the extractor's choice is the first alternative shown: one digit picks it back
    shown = json.loads(out.view.claim["alternatives"])
    assert shown["subject"][0]["text"] == "乙银行"
    s.decide("accept")
    row = claim_row(path, ids[1])
    assert row["status"] == "accepted" and row["subject"] == "甲集团"
    assert (row["subject_start"], row["subject_end"]) == at("甲集团")
    assert row["edited"] == 0 and json.loads(row["original"])["subject"] == "乙银行"
    last = [r for r in decisions(path) if r["claim_id"] == ids[1]][-1]
    assert last["action"] == "accept" and json.loads(last["after"])["suggested"] == ["subject"]
    # undo gives the proposal back, and the claim is shown suggested again
    out = s.undo()
    row = claim_row(path, ids[1])
    assert row["status"] == "pending" and row["subject"] == "乙银行" and row["original"] is None
    assert out.view.claim["id"] == ids[1] and out.view.claim["subject"] == "甲集团"


def test_an_edit_of_another_field_keeps_the_suggestion_and_a_pick_takes_it_back(tmp_path):
    path = tmp_path / "f.db"
    ids = build_db(path)
    s = session(path)
    s.open()
    s.decide("accept")
    # an edit of another field keeps the suggestion: what is saved is what was shown
    out = s.decide("edit", {"predicate": "净利润"})
    row = claim_row(path, ids[1])
    assert row["subject"] == "甲集团" and row["predicate"] == "净利润" and row["edited"] == 1
    # the reviewer's own value wins over a suggestion: pick the extractor's back (option 1)
    assert out.view.claim["id"] == ids[2] and out.view.suggested == {"subject": "乙银行"}
    s.pick_alternative("subject", 1)
    row = claim_row(path, ids[2])
    assert row["subject"] == "乙银行" and row["status"] == "accepted"


def test_a_reject_writes_no_suggested_field(tmp_path):
    path = tmp_path / "f.db"
    ids = build_db(path)
    s = session(path)
    s.open()
    s.decide("accept")
    s.decide("reject")
    row = claim_row(path, ids[1])
    assert row["status"] == "rejected" and row["subject"] == "乙银行" and row["original"] is None


def test_no_model_shows_the_claim_as_stored(tmp_path):
    path = tmp_path / "f.db"
    ids = build_db(path)
    s = session(path, model=None)
    s.open()
    out = s.decide("accept")
    assert out.view.claim["id"] == ids[1] and out.view.claim["subject"] == "乙银行"
    assert out.view.suggested == {}


def test_a_claim_decided_after_it_or_rejected_before_it_is_no_evidence(tmp_path):
    path = tmp_path / "f.db"
    ids = build_db(path)
    conn = open_db(path)
    review_api.decide(conn, ids[2], "bob", "edit", {"subject": "甲集团"})  # after it
    review_api.decide(conn, ids[0], "bob", "reject")  # before it, rejected
    conn.close()
    s = session(path)
    out = s.open()
    assert out.view.claim["id"] == ids[1] and out.view.suggested == {}


async def pick_first_subject(app, pilot) -> None:
    """``]`` to the subject's own options, then ``1``: the claim's first subject option."""
    while app.screen.query_one(ClaimCard).picks.field != "subject":
        await pilot.press("right_square_bracket")
    await pilot.press("1")


async def test_the_app_shows_the_suggestion_on_the_card_and_accepts_it(tmp_path):
    path = tmp_path / "f.db"
    ids = build_db(path, first="乙银行")
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.claim["id"] == ids[0]
        # the reviewer replaces the proposal 乙银行 with its runner-up 甲集团 (a pick: `1`)
        await pick_first_subject(app, pilot)
        await pilot.pause()
        card = app.screen.query_one(ClaimCard)
        assert app.screen.claim["id"] == ids[1]
        # the shipped model repeats the correction on the next claim that proposes 乙银行
        assert app.screen.claim["subject"] == "甲集团"
        assert "suggested: [bold]subject" in str(card.border_title)
        await pilot.press("a")
        await pilot.pause()
    row = claim_row(path, ids[1])
    assert row["status"] == "accepted" and row["subject"] == "甲集团"


async def test_review_no_suggest_shows_the_proposal(tmp_path):
    path = tmp_path / "f.db"
    ids = build_db(path, first="乙银行")
    app = make_app(str(path), reviewer="ann", suggest=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pick_first_subject(app, pilot)
        await pilot.pause()
        assert claim_row(path, ids[0])["subject"] == "甲集团"
        assert app.screen.claim["id"] == ids[1] and app.screen.claim["subject"] == "乙银行"
        assert "suggested" not in str(app.screen.query_one(ClaimCard).border_title)


def test_a_claim_added_from_a_selection_gets_the_suggested_subject(tmp_path):
    """The extractor's guess for an added claim is re-ranked like a pending claim's: 3亿元
    follows 乙银行 in its sentence, but the reviewer has set 甲集团 on every claim so far."""
    from tui.widgets.span_cursor import extractor_readers

    path = tmp_path / "f.db"
    ids = build_db(path, first="乙银行")
    s = session(path, fb.shipped())
    s.open()
    s.pick_alternative("subject", 1)  # 乙银行 -> 甲集团
    out = s.decide("accept")  # claim 2, suggested 甲集团
    assert claim_row(path, ids[1])["subject"] == "甲集团"
    a, b = at("3亿元")
    out = s.add_from_span(out.view.doc["id"], a, b, extractor_readers())
    row = claim_row(path, out.view.claim["id"])
    assert row["origin"] == "reviewer" and row["subject"] == "甲集团"
    # without a model: the extractor's own guess
    other = tmp_path / "g.db"
    build_db(other, first="乙银行")
    plain = session(other, model=None)
    plain.open()
    guess = plain.add_from_span(out.view.doc["id"], a, b, extractor_readers())
    assert claim_row(other, guess.view.claim["id"])["subject"] == "乙银行"


async def test_history_names_the_suggested_fields_an_accept_saved(tmp_path):
    path = tmp_path / "f.db"
    ids = build_db(path)
    s = session(path)
    s.open()
    s.decide("accept")
    s.decide("accept")  # claim 2, with the suggested 甲集团
    conn = open_db(path)
    from db import decisions as log

    rows = log.history(conn, ids[1])
    conn.close()
    assert rows[-1]["suggested"] == ["subject"]
    assert rows[-1]["changes"]["subject"] == ("乙银行", "甲集团")
    from tests.test_review_app import screen_text
    from tui.screens.panels import HistoryScreen

    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await app.push_screen(HistoryScreen(claim_row(path, ids[1]), rows))
        await pilot.pause()
        assert "subject suggested from decisions" in screen_text(app)


def test_the_decided_claims_are_read_from_a_bounded_range_of_the_index(tmp_path):
    """Fast at any size: the query reads the document's index between the claim and
    ``WINDOW`` characters before it, never the document's other claims."""
    from db import feedback as dbf

    path = tmp_path / "f.db"
    ids = build_db(path)
    conn = open_db(path)
    plan = " ".join(str(r[-1]) for r in conn.execute("EXPLAIN QUERY PLAN " + dbf.DECIDED_SQL,
                                                       (1, 10, 0, 0, 5)))  # fmt: skip
    assert "USING INDEX claims_doc (doc_id=? AND start>? AND start<?)" in plan
    review_api.decide(conn, ids[0], "ann", "accept")
    near = dict(claim_row(path, ids[1]))
    got = dbf.decided_before(conn, near)["subject"]
    assert [(d[2], d[5]) for d in got] == [("甲集团", "甲集团")]
    far = {**near, "start": near["start"] + dbf.WINDOW + 100}
    assert dbf.decided_before(conn, far)["subject"] == []
    conn.close()


async def test_o_turns_the_suggestions_off_and_on_again(tmp_path):
    path = tmp_path / "f.db"
    ids = build_db(path, first="乙银行")
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pick_first_subject(app, pilot)
        await pilot.pause()
        assert app.screen.claim["id"] == ids[1] and app.screen.claim["subject"] == "甲集团"
        await pilot.press("f10")  # the key that passes an input method; `o` alike
        await pilot.pause()
        assert app.screen.claim["id"] == ids[1] and app.screen.claim["subject"] == "乙银行"
        assert "suggested" not in str(app.screen.query_one(ClaimCard).border_title)
        await pilot.press("o")  # on again: the same claim, suggested
        await pilot.pause()
        assert app.screen.claim["id"] == ids[1] and app.screen.claim["subject"] == "甲集团"
        await pilot.press("f10", "a")  # off, and accepted as the extractor proposed it
        await pilot.pause()
        assert claim_row(path, ids[1])["subject"] == "乙银行"


async def test_help_and_palette_list_the_suggestions_key(tmp_path):
    from tui.app import ReviewCommands
    from tui.screens.panels import HelpScreen

    path = tmp_path / "f.db"
    build_db(path)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        screen = app.screen
        rows = {r[3]: r for r in screen.help_rows()}
        assert rows["review.suggestions"][0] == "o f10"
        commands = {title for title, _help, _run in ReviewCommands(screen)._commands()}
        assert "review: suggest" in commands
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "review.suggestions" in [r[3] for r in app.screen.rows]


def test_review_and_serve_pass_no_suggest_on(tmp_path, monkeypatch):
    """``review --no-suggest`` builds the app with the suggestions off; ``serve
    --no-suggest`` gives each browser tab's review command the flag."""
    path = tmp_path / "f.db"
    build_db(path)
    built, commands = review_and_serve_with(monkeypatch, path, "--no-suggest")
    assert [kw["suggest"] for kw in built] == [True, False]
    assert "--no-suggest" not in commands[0] and commands[1].endswith("--no-suggest")


def test_an_empty_subject_is_never_suggested_but_no_time_is():
    m = model(d_last=9.0)
    ranked = m.rerank("subject", "丙公司", (None, None), [], [d("")], 0)
    assert [c.text for c in ranked] == ["丙公司"]
    ranked = m.rerank("time", "3月", (None, None), [alt("", 0.1)], [d("")], 0)
    assert ranked[0].text == ""


@pytest.mark.parametrize("mode", ["split", "overlap"])
def test_split_mode_suggests_and_overlap_mode_shows_the_proposal(tmp_path, mode):
    """Split mode (leases, one reviewer per claim) reads the accepted claims like a single
    reviewer; overlap mode shows a reviewer's own verdicts, never a suggestion."""
    path = tmp_path / "f.db"
    ids = build_db(path, first="乙银行")
    conn = open_db(path)
    review_api.decide(conn, ids[0], "bob", "edit", {"subject": "甲集团"})  # decided before
    conn.close()
    conn = open_db(path, check_same_thread=False)
    s = ReviewSession(conn, "ann", teams.save_assignment(conn, mode, 2))
    s.feedback = fb.ranking(fb.shipped())
    out = s.open()
    assert out.view.claim["id"] == ids[1]
    if mode == "split":
        assert out.view.suggested == {"subject": "乙银行"}
        assert out.view.claim["subject"] == "甲集团"
    else:
        assert out.view.suggested == {} and out.view.claim["subject"] == "乙银行"
    conn.close()


def test_the_training_command_refuses_extra_gold_holding_a_test_article(tmp_path, capsys):
    split = Path(__file__).resolve().parent / "data" / "split.json"
    test_doc = json.loads(split.read_text("utf-8"))["test"][0]
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps(gold_line(test_doc, 0, 2, "甲")) + "\n", "utf-8")
    train = tmp_path / "train.jsonl"
    train.write_text("", "utf-8")
    code = fb.main([str(train), "--split", str(split), "--extra", str(extra), "-o",
                    str(tmp_path / "m.json")])  # fmt: skip
    err = capsys.readouterr().err.strip()
    assert code == 1 and "extra.jsonl" in err and test_doc in err and "\n" not in err
    assert not (tmp_path / "m.json").exists()


def test_stats_count_a_suggested_accept_apart_from_the_extractor_s_hits(tmp_path):
    """Precision is the extractor's: an accept of suggested fields is reported as `suggested`,
    like an edit not counted as a hit (the CLI table has the column)."""
    from click.testing import CliRunner

    from db import stats
    from tui.cli import cli

    path = tmp_path / "f.db"
    build_db(path)
    s = session(path)
    s.open()
    s.decide("accept")  # claim 1 as proposed
    s.decide("accept")  # claim 2 with the suggested subject
    s.decide("reject")  # claim 3
    conn = open_db(path)
    rule = stats.compute(conn)["rules"][0]
    conn.close()
    assert (rule["unchanged"], rule["suggested"], rule["edited"], rule["rejected"]) == (1, 1, 0, 1)
    assert rule["precision"] == round(1 / 3, 4)
    # Into a pipe the report's lines are as long as they are (no COLUMNS: nothing cut).
    out = CliRunner().invoke(cli, ["stats", "--db", str(path)], env={"COLUMNS": None}).output
    header = next(line for line in out.splitlines() if "┃ rule" in line)
    assert "unchanged" in header and "suggested" in header
