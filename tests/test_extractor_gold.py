"""The extractor against the gold annotations in ../shared/gold, and the scorer itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import extract
from extractor.evaluate import format_report, load_gold, score

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = REPO / "seeds" / "000_b654cfa59472666d.txt"
SEED_GOLD = SHARED / "gold" / "seed_claims.jsonl"
CORPUS = SHARED / "corpus" / "thucnews_sample.jsonl"
CORPUS_GOLD = SHARED / "gold" / "corpus_claims.jsonl"


def _predict(doc: str, text: str) -> list[dict]:
    out = []
    for c in extract(text):
        assert text[c.start : c.end] == c.quantity_text
        out.append({**c.to_dict(), "doc": doc})
    return out


@pytest.mark.skipif(not (SEED.is_file() and SEED_GOLD.is_file()), reason="no seed gold")
def test_seed_article_meets_the_targets() -> None:
    text = SEED.read_text(encoding="utf-8").rstrip()
    gold = load_gold(SEED_GOLD)
    for g in gold:
        assert text[g["start"] : g["end"]] == g["surface"]
    report = score(gold, _predict(SEED.name, text))
    assert report["recall"] >= 0.95, format_report(report)
    assert report["precision"] >= 0.90, format_report(report)
    # Subject was 1.00 when rules were fitted to this article; the ranker trained on the
    # training part reaches 0.47 here (a regression test, not a target).
    assert report["fields"]["subject"] >= 0.42, format_report(report)
    assert report["fields"]["qualifier"] >= 0.9, format_report(report)
    assert report["fields"]["time"] >= 0.85, format_report(report)


@pytest.mark.skipif(not (CORPUS.is_file() and CORPUS_GOLD.is_file()), reason="no corpus gold")
def test_corpus_articles_meet_measured_thresholds() -> None:
    gold = load_gold(CORPUS_GOLD)
    wanted = {g["doc"] for g in gold}
    predicted: list[dict] = []
    with open(CORPUS, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in wanted:
                predicted += _predict(rec["id"], rec["text"])
    report = score(gold, predicted)
    # Thresholds a little under what the extractor reaches (0.958 / 0.963 / 0.579 / 0.995 /
    # 0.732 at the twenty-fifth session's end). Time was 0.792 before that session's retrain:
    # the retrained model dates an NBA round-up's statistics by its dateline (北京时间4月14日),
    # which this gold leaves empty and the written halves G, H and N date (docs/HISTORY.md).
    assert report["recall"] >= 0.95, format_report(report)
    assert report["precision"] >= 0.95, format_report(report)
    assert report["fields"]["subject"] >= 0.33, format_report(report)
    assert report["fields"]["qualifier"] >= 0.95, format_report(report)
    assert report["fields"]["time"] >= 0.72, format_report(report)


# ---------------------------------------------------------------------------- the scorer


def _g(start, end, value, unit="元", claim=True, **kw) -> dict:
    return {
        "doc": kw.pop("doc", "d"),
        "surface": kw.pop("surface", "x"),
        "start": start,
        "end": end,
        "value": value,
        "unit": unit,
        "claim": claim,
        "qualifier": kw.pop("qualifier", "="),
        "subject": kw.pop("subject", "甲公司"),
        "predicate": kw.pop("predicate", "捐资"),
        "time": kw.pop("time", None),
        "kind": kw.pop("kind", "money"),
    }


def _p(start, end, value, unit="元", **kw) -> dict:
    return {
        "doc": kw.pop("doc", "d"),
        "quantity_text": "x",
        "start": start,
        "end": end,
        "value": value,
        "unit": unit,
        "qualifier": kw.pop("qualifier", "="),
        "subject": kw.pop("subject", "甲公司"),
        "predicate": kw.pop("predicate", "捐资"),
        "time_text": kw.pop("time_text", ""),
        "kind": kw.pop("kind", "money"),
    }


def test_score_found_miss_false_alarm_and_mismatch() -> None:
    gold = [
        _g(0, 5, 100.0),  # found (overlap, same value and unit)
        _g(10, 15, 200.0),  # mismatched proposal: wrong value -> a miss
        _g(20, 25, 300.0),  # no proposal -> a miss
        _g(30, 35, None, unit="", claim=False),  # look-alike
    ]
    pred = [
        _p(1, 4, 100.0 * (1 + 1e-9)),
        _p(10, 15, 201.0),
        _p(31, 33, 95518.0, unit=""),  # on a look-alike -> false alarm
        _p(40, 45, 5.0),  # on nothing -> false alarm
    ]
    r = score(gold, pred)
    assert (r["found"], r["false_alarm_count"], r["mismatched_count"]) == (1, 2, 1)
    assert r["recall"] == pytest.approx(1 / 3)
    # The mismatched proposal (wrong value on a real claim) counts against precision too.
    assert r["precision"] == pytest.approx(1 / 4)
    assert r["f1"] == pytest.approx(2 * (1 / 3) * (1 / 4) / (1 / 3 + 1 / 4))
    assert {m["start"] for m in r["misses"]} == {10, 20}
    assert {f["start"] for f in r["false_alarms"]} == {31, 40}
    assert r["mismatched"][0]["gold"] == "200.0 元"
    assert "(gold: 200.0 元)" in format_report(r)


def test_score_unit_rules_and_one_proposal_per_claim() -> None:
    gold = [_g(0, 5, 7.0, unit=""), _g(3, 8, 7.0, unit="人")]
    r = score(gold, [_p(0, 8, 7.0, unit="名")])
    # The single proposal finds the unit-less claim; the other is a miss, not a double hit.
    assert r["found"] == 1 and len(r["misses"]) == 1 and r["misses"][0]["start"] == 3


@pytest.mark.parametrize(
    ("gold_unit", "proposed_unit", "found"),
    [
        ("张／秒", "张/秒", 1),  # a full-width slash is the same unit
        ("ｍｍ", "mm", 1),  # full-width letters too
        ("元／平方米", "元", 0),  # folding widths never makes different units equal
    ],
)
def test_score_units_compare_without_their_width(gold_unit, proposed_unit, found) -> None:
    assert (
        score([_g(0, 5, 7.0, unit=gold_unit)], [_p(0, 5, 7.0, unit=proposed_unit)])["found"]
        == found
    )


@pytest.mark.parametrize(
    ("field", "gold_text", "proposed", "right"),
    [
        ("time", "1-8月", "1—8月", True),  # an annotator's hyphen for the text's dash
        ("time", "2009／2010学年", "2009/2010学年", True),
        ("time", "1-8月", "1-9月", False),
        ("subject", "桑福德－布朗学院", "桑福德-布朗学院", True),
        ("predicate", "筹资水平（每人每年）", "筹资水平", True),  # brackets in either width
    ],
)
def test_fields_compare_without_width_or_dash_form(field, gold_text, proposed, right) -> None:
    gold = _g(0, 5, 1.0, **{field: gold_text})
    pred = _p(0, 5, 1.0, **{("time_text" if field == "time" else field): proposed})
    assert score([gold], [pred])["fields"][field] == (1.0 if right else 0.0)


def test_score_null_values_match_only_null() -> None:
    gold = [_g(0, 5, None, unit="mm")]
    assert score(gold, [_p(0, 5, None, unit="mm")])["found"] == 1
    assert score(gold, [_p(0, 5, 94.0, unit="mm")])["found"] == 0


def test_score_fields_on_found_claims() -> None:
    gold = [
        _g(0, 5, 1.0, subject="甲公司", predicate="增持至（持股）", time="4月", qualifier="~"),
        _g(10, 15, 2.0, subject="乙公司", predicate="实现营业收入", time=None),
    ]
    pred = [
        _p(0, 5, 1.0, subject="“甲公司”", predicate="增持", time_text="4月", qualifier="~"),
        _p(10, 15, 2.0, subject="丙公司", predicate="捐资", time_text="", qualifier=">"),
    ]
    f = score(gold, pred)["fields"]
    assert f == {
        "subject": 0.5,
        "predicate": 0.5,
        "predicate_exact": 0.0,
        "qualifier": 0.5,
        "time": 1.0,
    }


def test_score_documents_and_kinds() -> None:
    gold = [_g(0, 5, 1.0, doc="a", kind="count", unit="人"), _g(0, 5, 2.0, doc="b")]
    pred = [_p(0, 5, 1.0, doc="a", unit="人"), _p(0, 5, 9.0, doc="zzz")]
    r = score(gold, pred)
    assert r["documents"] == 2 and r["ignored_predictions"] == 1
    assert r["misses"][0]["doc"] == "b"  # a gold document without proposals: all misses
    assert r["per_kind"]["count"]["recall"] == 1.0
    assert r["per_kind"]["money"]["recall"] == 0.0
    assert r["accept_as_is"] == 0.5 and r["per_kind"]["count"]["accept_as_is"] == 1.0
    text = format_report(r)
    assert "precision 1.000" in text and "misses (1)" in text and "b  [0:5]" in text


def test_subject_rule_aliases_and_sixty_percent_containment() -> None:
    from extractor.evaluate import subject_right

    assert subject_right("华远地产股份有限公司", [], "华远地产股份有限公司")
    assert subject_right("华远地产股份有限公司", ["华远地产"], "华远地产")
    # Containment counts only when the shorter covers 60 % of the longer.
    assert subject_right("北京华远地产", [], "华远地产")  # 4 of 6
    assert not subject_right("富途证券国际（香港）有限公司", [], "有限公司")
    assert not subject_right("甲公司", [], "")
    assert not subject_right("", [], "甲公司")
    assert subject_right("", [], "")


def test_time_and_predicate_containment_and_accept_as_is() -> None:
    gold = [
        _g(0, 5, 1.0, subject="甲公司", predicate="同比增长", time="2021年上半年"),
        _g(10, 15, 2.0, subject="甲公司", predicate="营业收入", time=None),
        _g(20, 25, 3.0, subject="甲公司", predicate="营业收入", time=None),
        _g(30, 35, 4.0, subject="乙集团", subject_aliases=["乙"], time="3月"),
    ]
    gold[3]["subject_aliases"] = ["乙"]
    pred = [
        _p(0, 5, 1.0, predicate="增长", time_text="上半年"),  # containment both ways
        _p(10, 15, 2.0, predicate="实现营业收入", time_text=""),
        _p(20, 25, 3.0, predicate="营业收入", time_text="今年"),  # empty gold time wants none
        _p(30, 35, 4.0, subject="乙", time_text="3月"),
    ]
    r = score(gold, pred)
    assert r["fields"]["time"] == 0.75 and r["fields"]["predicate"] == 1.0
    assert r["fields"]["subject"] == 1.0
    assert r["accepted_as_is"] == 3 and r["accept_as_is"] == 0.75
    assert "accept-as-is 0.750  (3 of 4" in format_report(r)


def test_split_parts(tmp_path) -> None:
    from extractor.evaluate import SplitError, restrict, split_part

    path = tmp_path / "split.json"
    path.write_text(json.dumps({"train": ["a"], "test": ["b"]}), encoding="utf-8")
    gold = [_g(0, 5, 1.0, doc="a"), _g(0, 5, 1.0, doc="b")]
    assert [g["doc"] for g in restrict(gold, split_part(path, "test"))] == ["b"]
    with pytest.raises(SplitError, match="no list of article ids named 'dev'"):
        split_part(path, "dev")
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(SplitError, match="not a JSON split file"):
        split_part(path, "test")
    with pytest.raises(SplitError, match="cannot read"):
        split_part(tmp_path / "missing.json", "test")


def test_split_file_in_the_repo_is_disjoint() -> None:
    from extractor.evaluate import split_part

    split = REPO / "tests" / "data" / "split.json"
    train, test = split_part(split, "train"), split_part(split, "test")
    assert len(train) >= 20 and len(test) >= 20 and not train & test


def test_score_empty_inputs() -> None:
    r = score([], [])
    assert (r["precision"], r["recall"], r["f1"]) == (0.0, 0.0, 0.0)
    assert format_report(r).startswith("documents 0")


DEV_GOLD = REPO / "tests" / "data" / "dev_claims.jsonl"


@pytest.mark.skipif(
    not (CORPUS.is_file() and DEV_GOLD.is_file()), reason="no corpus (../shared) or dev gold"
)
def test_dev_articles_meet_measured_thresholds() -> None:
    """Ten corpus articles (one per category) annotated before the extractor was tuned on
    them: a check that rules generalise beyond the gold files they were written against."""
    gold = load_gold(DEV_GOLD)
    wanted = {g["doc"] for g in gold}
    texts: dict[str, str] = {}
    with open(CORPUS, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in wanted:
                texts[rec["id"]] = rec["text"]
    for g in gold:
        assert texts[g["doc"]][g["start"] : g["end"]] == g["surface"]
    predicted: list[dict] = []
    for doc, text in texts.items():
        predicted += _predict(doc, text)
    report = score(gold, predicted)
    # Thresholds a little under what the extractor reaches (P 0.92, R 0.93, predicate 0.77,
    # qualifier 0.98, time 0.77, subject 0.37, accept-as-is 0.26). Subject: 0.30 with the v4
    # ranker (issue 11, s3-rank: 3 claims of these 60 flip to wrong, while 5-fold CV on the
    # 130 training articles rises from 0.356 to 0.400 and the test part stays at 0.408).
    # Accept-as-is: 0.19 since s4-pred (2026-12-02): main 0d692cd retrained with the README's
    # command reaches 0.213 (13 of 61), s4-pred 0.197 (12) — one claim, while 5-fold CV of
    # the predicate on the 160 training articles rises by 9-12 claims on each of four
    # partitions.
    assert report["recall"] >= 0.88, format_report(report)
    assert report["precision"] >= 0.88, format_report(report)
    assert report["fields"]["subject"] >= 0.27, format_report(report)
    assert report["accept_as_is"] >= 0.19, format_report(report)
    assert report["fields"]["predicate"] >= 0.72, format_report(report)
    assert report["fields"]["qualifier"] >= 0.95, format_report(report)
    assert report["fields"]["time"] >= 0.72, format_report(report)


@pytest.mark.skipif(not CORPUS.is_file(), reason="no corpus (../shared)")
@pytest.mark.parametrize(
    "name",
    [
        "dev_claims.jsonl",
        "annotated_claims.jsonl",
        "extra_claims.jsonl",
        "extra_s37_claims.jsonl",
    ],
)
def test_annotated_files_hold_against_the_corpus_and_the_split(name: str) -> None:
    """Every line of a gold file in tests/data: its offsets hold in the corpus text, and its
    article sits in exactly one part of the split (extra_claims.jsonl: train only)."""
    from extractor.evaluate import split_part

    split = REPO / "tests" / "data" / "split.json"
    train, test = split_part(split, "train"), split_part(split, "test")
    gold = load_gold(REPO / "tests" / "data" / name)
    wanted = {g["doc"] for g in gold}
    texts: dict[str, str] = {}
    with open(CORPUS, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in wanted:
                texts[rec["id"]] = rec["text"]
    assert wanted <= set(texts)
    for g in gold:
        assert texts[g["doc"]][g["start"] : g["end"]] == g["surface"], g
    assert wanted <= train | test
    if name.startswith("extra_"):
        assert not wanted & test


#: The halves of the modern-style set that exist (a-d, and any half added later).
MODERN_HALVES = sorted(
    p.name[len("modern_") : -len("_claims.jsonl")]
    for p in (REPO / "tests/data/modern").glob("modern_*_claims.jsonl")
)


@pytest.mark.parametrize("part", MODERN_HALVES)
def test_modern_gold_holds_against_its_articles(part: str) -> None:
    """The modern-style set (tests/data/modern): every gold line's offsets hold in its article,
    every article has gold, and the ids of the two halves never meet."""
    here = REPO / "tests" / "data" / "modern"
    texts = {}
    for line in (here / f"articles_{part}.jsonl").read_text("utf-8").splitlines():
        rec = json.loads(line)
        texts[rec["id"]] = rec["text"]
    gold = load_gold(here / f"modern_{part}_claims.jsonl")
    assert {g["doc"] for g in gold} == set(texts)
    assert all(doc.startswith(f"modern-{part}-") for doc in texts)
    for g in gold:
        assert texts[g["doc"]][g["start"] : g["end"]] == g["surface"], g
        assert g["qualifier"] in {"=", "~", ">", ">=", "<", "<="}, g


def test_documents_come_from_several_corpus_files(tmp_path: Path) -> None:
    """``--corpus`` is repeatable: each id is read from the first file that holds it, a missing
    file is skipped, and the default reads the repository's modern articles too."""
    from extractor.evaluate import _documents, default_corpora

    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    one.write_text(json.dumps({"id": "x", "text": "甲"}, ensure_ascii=False) + "\n", "utf-8")
    two.write_text(
        "\n".join(
            json.dumps(r, ensure_ascii=False)
            for r in ({"id": "x", "text": "乙"}, {"id": "y", "text": "丙"})
        ),
        "utf-8",
    )
    gold = [{"doc": "x"}, {"doc": "y"}, {"doc": "z"}]
    texts = _documents(gold, tmp_path / "no-seeds", [tmp_path / "absent.jsonl", one, two])
    assert texts == {"x": "甲", "y": "丙"}
    corpora = default_corpora(REPO)
    assert corpora[0].endswith("thucnews_sample.jsonl")
    assert [Path(c).name for c in corpora[1:]] == [f"articles_{h}.jsonl" for h in MODERN_HALVES]


def test_evaluate_command_scores_a_gold_file_of_the_modern_set(capsys) -> None:
    """``python -m extractor.evaluate`` finds the modern articles without ``--corpus``."""
    from extractor.evaluate import main

    gold = REPO / "tests" / "data" / "modern" / "modern_b_claims.jsonl"
    assert main([str(gold), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] == 20
    assert report["gold_claims"] == sum(1 for g in load_gold(gold) if g["claim"])
    assert report["found"] > 0


def test_evaluate_command_stops_quietly_when_its_reader_goes_away() -> None:
    """``python -m extractor.evaluate GOLD | head -1``: the reader closes the pipe before the
    report is written; the command ends with status 141 and no traceback."""
    import subprocess
    import sys

    gold = REPO.parent / "shared" / "gold" / "seed_claims.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "extractor.evaluate", str(gold), "--seeds", str(REPO / "seeds")],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before a byte is written
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert "Traceback" not in err and "BrokenPipeError" not in err
