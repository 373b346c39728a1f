"""The subject ranker: model files, training, the shipped model, alternatives on candidates."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import extract
from extractor.ranker import FEATURES, ModelError, Option, Ranker, activate, default, fit, shipped

REPO = Path(__file__).resolve().parents[1]


def test_fit_learns_a_generic_preference_and_round_trips() -> None:
    # Made-up groups: the right option is the one in the quantity's clause, never the source.
    groups = []
    for i in range(20):
        groups.append(
            [
                ({"same_clause": 1.0, "dist": 0.2 + i / 100}, True),
                ({"source": 1.0, "dist": 0.6}, False),
                ({"table": 1.0, "dist": 0.9}, False),
            ]
        )
    model = fit(groups, epochs=50)
    assert model.weights["same_clause"] > 0 > model.weights["source"]
    ranked = model.rank(
        [Option("乙", 0, 1, {"source": 1.0, "dist": 0.6}), Option("甲", 2, 3, {"same_clause": 1})]
    )
    assert [o.text for o in ranked] == ["甲", "乙"]
    assert 0 < ranked[1].score < ranked[0].score < 1
    again = Ranker.from_json(model.to_json())
    assert again.weights == pytest.approx(model.weights, abs=1e-5)
    assert set(json.loads(model.to_json())["weights"]) == set(FEATURES)


def test_fit_is_deterministic_and_skips_groups_without_a_right_option() -> None:
    groups = [[({"rule": 1.0}, True), ({"table": 1.0}, False)], [({"rule": 1.0}, False)]]
    assert fit(groups, seed=3).to_json() == fit(groups, seed=3).to_json()
    assert all(w == 0 for w in fit([[({"rule": 1.0}, False)]]).weights.values())
    assert fit([]).score({"rule": 1.0}) == 0.5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not JSON"),
        ('{"version": 9, "weights": {}}', "not a ranker model of version 1"),
        ('{"version": 1, "weights": []}', "weights must be an object"),
        ('{"version": 1, "weights": {"rule": "x"}}', "weight 'rule' is not a number"),
        ('{"version": 1, "weights": {"rule": true}}', "weight 'rule' is not a number"),
    ],
)
def test_bad_model_files_are_refused_with_one_line(text: str, message: str) -> None:
    with pytest.raises(ModelError, match=message) as info:
        Ranker.from_json(text, "m.json")
    assert str(info.value).startswith("m.json: ") and "\n" not in str(info.value)


def test_scores_stay_finite_on_huge_weights() -> None:
    model = Ranker({"rule": 1e9})
    assert model.score({"rule": 1.0}) == pytest.approx(1.0)
    assert model.score({"rule": -1.0}) == pytest.approx(0.0)
    assert math.isfinite(model.score({}))


def test_the_shipped_model_loads_and_knows_only_documented_features() -> None:
    model = shipped()
    raw = json.loads((REPO / "extractor" / "data" / "ranker.json").read_text("utf-8"))
    assert set(raw["weights"]) <= set(FEATURES)
    assert any(w != 0 for w in model.weights.values())


def test_activate_swaps_the_model_and_back() -> None:
    text = "甲公司表示，乙集团去年营业收入达到8亿元。"
    prefer_source = Ranker({"source": 10.0})
    try:
        activate(prefer_source)
        assert default() is prefer_source
        assert extract(text)[0].subject == "甲公司"
    finally:
        activate(None)
    assert default() is shipped()
    # A ranker given to extract is the seam: it wins over the activated one.
    assert extract(text, ranker=Ranker({"source": -10.0, "same_clause": 5.0}))[0].subject == (
        "乙集团"
    )


def test_candidates_carry_ranked_runners_up() -> None:
    text = "据统计局介绍，今年3月，甲市居民消费价格同比上涨2.5%，乙市上涨1.8%。"
    cands = extract(text)
    assert cands
    for c in cands:
        assert set(c.alternatives) <= {"subject", "predicate", "time", "object"}
        for field, alts in c.alternatives.items():
            chosen = {"subject": c.subject, "predicate": c.predicate}.get(field)
            scores = [a["score"] for a in alts]
            if field == "subject":
                assert scores == sorted(scores, reverse=True)
            for a in alts:
                assert a["text"] and a["text"] != chosen
                if a["start"] is not None and field != "subject":
                    assert text[a["start"] : a["end"]] == a["text"]
    json.dumps([c.to_dict() for c in cands], ensure_ascii=False)


def test_training_command_rebuilds_a_model_from_a_small_gold(tmp_path: Path) -> None:
    """`python -m extractor.train` on a small gold writes a model that loads and ranks."""
    text = "甲公司表示，乙集团去年营业收入达到8亿元。丙公司今年利润为3亿元。"
    docs = tmp_path / "seeds"
    docs.mkdir()
    (docs / "a.txt").write_text(text, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    rows = []
    for surface, subject in (("8亿元", "乙集团"), ("3亿元", "丙公司")):
        start = text.index(surface)
        rows.append(
            {
                "doc": "a.txt",
                "surface": surface,
                "start": start,
                "end": start + len(surface),
                "value": 8e8 if surface == "8亿元" else 3e8,
                "unit": "元",
                "subject": subject,
                "claim": True,
            }
        )
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    out = tmp_path / "model.json"
    r = subprocess.run(
        [sys.executable, "-m", "extractor.train", str(gold), "--seeds", str(docs), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert r.returncode == 0, r.stderr
    assert "trained on 2 claims of 1 documents" in r.stdout
    model = Ranker.from_json(out.read_text("utf-8"))
    subjects = [c.subject for c in extract(text, ranker=model)]
    assert subjects == ["乙集团", "丙公司"]
