"""The subject ranker: model files, training, the shipped model, alternatives on candidates."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import extract
from extractor.ranker import (
    FEATURES,
    FIELD_FEATURES,
    ModelError,
    Option,
    Ranker,
    activate,
    default,
    fit,
    is_context,
    list_features,
    shipped,
)

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
    model = fit(groups)
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
    assert fit(groups).to_json() == fit(groups).to_json()
    assert all(w == 0 for w in fit([[({"rule": 1.0}, False)]]).weights.values())
    assert fit([]).score({"rule": 1.0}) == 0.5


def test_fit_reaches_the_optimum_of_the_regularised_likelihood() -> None:
    # One claim, a right option with feature x and a wrong one without: the optimum w solves
    # (1 - sigmoid(w)) = l2 * w, the stationary point of -log sigmoid(w) + l2 * w**2 / 2.
    # The penalty is against the summed loss: ten such claims need ten times the penalty.
    l2 = 0.1
    w = fit([[({"rule": 1.0}, True), ({}, False)]], l2=l2).weights["rule"]
    assert 1.0 - 1.0 / (1.0 + math.exp(-w)) == pytest.approx(l2 * w, abs=1e-5)
    assert fit([[({"rule": 1.0}, True), ({}, False)]], l2=1.0).weights["rule"] < w
    ten = fit([[({"rule": 1.0}, True), ({}, False)]] * 10, l2=10 * l2).weights["rule"]
    assert ten == pytest.approx(w, abs=1e-4)


def test_an_exact_right_option_outweighs_a_loosely_right_one() -> None:
    # Two right options per claim (the exact gold and one right only by containment, weight 1)
    # and a wrong one: the model learns to put the exact one first, and the loose one still
    # above the wrong one.
    groups = [
        [({"stretch": 1.0}, 4.0), ({"inner": 1.0}, 1.0), ({"source": 1.0}, 0.0)] for _ in range(10)
    ]
    w = fit(groups, l2=0.1).weights
    assert w["stretch"] > w["inner"] > w["source"]
    # Claims where either of two options is right teach both, not one at the other's cost.
    either = [[({"stretch": 1.0}, True), ({"inner": 1.0}, True), ({"source": 1.0}, False)]] * 5
    w = fit(either, l2=0.05).weights
    assert w["stretch"] == pytest.approx(w["inner"]) and w["inner"] > w["source"]


def test_list_features_rank_and_relate_the_options_of_one_claim() -> None:
    options = [
        Option("乙集团营业部", 10, 16, {"rule": 1.0, "same_clause": 1.0, "dist": 0.2, "freq": 0.2}),
        Option("乙集团", 10, 13, {"proper": 1.0, "same_clause": 1.0, "dist": 0.4, "freq": 0.5}),
        Option("30家甲公司", 3, 9, {"same_sentence": 1.0, "dist": 0.6, "org": 1.0}),
        Option("甲公司", 0, 3, {"table": 1.0, "proper": 1.0, "dist": 0.9, "freq": 0.6}),
        Option("丙的产品", 20, 24, {"after": 1.0, "dist": 0.1}),
    ]
    rule, inner, counted, table, after = list_features(options, "subject")
    assert rule["dist_rank0"] == inner["dist_rank1"] == counted["dist_rank2"] == 1.0
    assert "dist_rank0" not in after  # after the quantity: not "nearest before"
    assert inner["closest_proper"] == inner["in_rule"] == inner["shortest_at"] == 1.0
    assert rule["longest_at"] == 1.0 and rule["contains_other"] > 0 < inner["inside_other"]
    assert counted["has_digit"] == counted["contains_entity"] == counted["closest_org"] == 1.0
    assert table["closest_table"] == 1.0 and table["freq_rel"] == 0.0 > inner["freq_rel"]
    assert after["has_de"] == 1.0 and after["dist_rel"] == 0.0 < rule["dist_rel"]
    assert rule["sc_dist"] == 0.2 and counted["ss_dist"] == 0.6 and table["far_dist"] == 0.9
    assert inner["sc_proper"] == 1.0 and "sc_proper" not in table and "long" not in inner
    # The options' own features are left as they were.
    assert options[0].features == {"rule": 1.0, "same_clause": 1.0, "dist": 0.2, "freq": 0.2}
    assert set().union(*list_features(options, "subject")) <= set(FEATURES)


def test_list_features_read_the_shape_of_each_subject_option() -> None:
    options = [
        Option("据说本市的一些大型企业集团", 0, 13, {"rule": 1.0, "dist": 0.5}),
        Option("甲乙丙丁戊己庚辛", 14, 22, {"previous": 1.0, "earlier_sentence": 1.0}),
        Option("丙方", 30, 32, {"proper": 1.0, "clause_opener": 1.0, "same_clause": 1.0}),
    ]
    rule, previous, name = list_features(options, "subject")
    assert rule["long"] == rule["very_long"] == rule["rule_de"] == rule["has_de"] == 1.0
    assert previous["long"] == previous["prev_far"] == 1.0 and "very_long" not in previous
    assert name["len2"] == name["opener_proper"] == name["sc_proper"] == 1.0
    assert not {"long", "prev_far", "rule_de"} & set(name)


@pytest.mark.parametrize(
    ("outer", "inner", "inner_feats", "outer_flags", "inner_flag"),
    [
        # A name and the words after it (a fragment of the clause).
        (
            "丙队一共",
            "丙队",
            {"proper": 1.0},
            {"starts_with_other", "starts_with_name"},
            "prefix_of_other",
        ),
        # A full name ending with a short one.
        (
            "东城丙队",
            "丙队",
            {"org": 1.0},
            {"ends_with_other", "ends_with_name"},
            "suffix_of_other",
        ),
        # A plain noun at the start: no name.
        ("产品销量", "产品", {}, {"starts_with_other"}, "prefix_of_other"),
        # Inside, touching neither end.
        ("全市丙队球迷", "丙队", {"table": 1.0}, {"holds_other_inside"}, None),
    ],
)
def test_list_features_say_where_one_option_sits_in_another(
    outer: str,
    inner: str,
    inner_feats: dict[str, float],
    outer_flags: set[str],
    inner_flag: str | None,
) -> None:
    options = [Option(outer, 0, len(outer), {"dist": 0.3}), Option(inner, 0, 2, dict(inner_feats))]
    got_outer, got_inner = list_features(options, "subject")
    nesting = {
        "starts_with_other",
        "starts_with_name",
        "ends_with_other",
        "ends_with_name",
        "holds_other_inside",
    }
    assert nesting & set(got_outer) == outer_flags
    ends = {"prefix_of_other", "suffix_of_other"}
    assert ends & set(got_inner) == ({inner_flag} if inner_flag else set())
    assert not (nesting | ends) & set(list_features(options, "predicate")[0])


def test_predicate_and_time_features_are_conjoined_with_the_claims_kind() -> None:
    verbs = [
        Option("增长", 5, 7, {"verb": 1.0, "before": 1.0, "rule": 1.0}),
        Option("同比增长", 3, 7, {"verb": 1.0, "before": 1.0}),
        Option("途径", 9, 11, {"noun": 1.0, "counted": 1.0, "after": 1.0}),
    ]
    rule, longer, noun = list_features(verbs, "predicate", "count")
    assert longer["has_rule"] == noun["count*counted"] == 1.0 and rule["inside_other"] > 0
    assert not any("*" in k for f in list_features(verbs, "predicate") for k in f)
    # A model that likes counted nouns of counts only: the kind decides the choice.
    model = Ranker({}, 0.0, {"predicate": {"count*counted": 3.0, "verb": 1.0}})
    assert model.rank(verbs, "predicate", "count")[0].text == "途径"
    assert model.rank(verbs, "predicate", "percent")[0].text == "增长"
    # Ranking folds the kind's weights into the plain features: the same scores as scoring
    # the conjoined features the model was trained on.
    for kind in ("count", "percent", None):
        feats = list_features(verbs, "predicate", kind)
        expected = sorted(round(model.score(f, "predicate"), 4) for f in feats)
        assert sorted(o.score for o in model.rank(verbs, "predicate", kind)) == expected
    times = [
        Option("今年", 0, 2, {"same_sentence": 1.0, "dist": 0.5, "period": 1.0, "rule": 1.0}),
        Option("3月", 30, 32, {"sentences_back": 0.33, "dist": 0.9}),
        Option("3月", 60, 62, {"sentences_back": 0.67, "dist": 1.0}),
        Option("", -1, -1, {"empty": 1.0}),
    ]
    this_year, march, march_again, empty = list_features(times, "time", "money")
    assert this_year["closest_time"] == this_year["closest_period"] == 1.0
    assert march["repeated"] == march_again["repeated"] > 0 and "repeated" not in this_year
    assert empty["empty_ss_time"] == empty["empty_vs_rule"] == empty["money*empty"] == 1.0
    for field in ("predicate", "time"):
        feats = list_features(verbs if field == "predicate" else times, field, "money")
        assert set().union(*feats) <= set(FIELD_FEATURES[field])


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
    # Documented features, and the context characters (a documented family, is_context).
    assert {k for k in raw["weights"] if not is_context(k)} <= set(FEATURES)
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
            # the ranked ones best first; the neighbours' values (no score) after the first 5
            scores = [a["score"] for a in alts if a["score"] is not None]
            if field == "subject":
                assert scores == sorted(scores, reverse=True)
            ranked_first = min(5, len(scores))
            assert all(a["score"] is not None for a in alts[:ranked_first])
            for a in alts:
                # only time has an empty option ("no time"), and only when a time was chosen
                assert a["text"] or (field == "time" and c.time_text)
                assert a["text"] != chosen
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
    # --tune picks each field's weight decay by cross-validation before training.
    command = [sys.executable, "-m", "extractor.train", str(gold), "--seeds", str(docs)]
    r = subprocess.run(
        [*command, "-o", str(out), "--tune", "--folds", "2"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert r.returncode == 0, r.stderr
    decays = [line.split()[3] for line in r.stdout.splitlines() if "weight decay" in line]
    assert len(decays) == 3 and all(float(d) > 0 for d in decays)
    assert "2-fold cross-validated subject accuracy" in r.stdout


def test_a_model_file_is_written_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The training command replaces a model file in one rename: a failure before it leaves
    the old model as it was and no temporary file behind."""
    from extractor import train

    path = tmp_path / "ranker.json"
    train.write_model(path, '{"old": 1}')
    assert path.read_text("utf-8") == '{"old": 1}\n'
    train.write_model(path, '{"new": 2}')
    assert path.read_text("utf-8") == '{"new": 2}\n'

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(train.os, "replace", refuse)
    with pytest.raises(OSError):
        train.write_model(path, '{"newer": 3}')
    assert path.read_text("utf-8") == '{"new": 2}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["ranker.json"]


# Written for the test: subjects carried across sentences, a list sharing one verb, a time
# carried to the next claim, a look-alike (a rank) — every history feature is used.
_DETERMINISM_DOCS = {
    "a": "甲公司去年营业收入达到8亿元，同比增长12%、9%。净利润为3亿元。"
    "乙公司今年利润为2亿元，丙公司为1.5亿元。",
    "b": "本报讯 今年前三季度，丁市居民人均收入增长6.5%。其中城镇居民增长5.8%，农村居民增长7.2%。"
    "该市常住人口达到320万人。",
    "c": "戊队本赛季已经取得39胜，排名第三。队长己某场均得到24分，"
    "上周他在对阵庚队的比赛中拿下41分。",
}


def _determinism_gold() -> list[dict]:
    rows = []
    for doc, surface, subject, claim in (
        ("a", "8亿元", "甲公司", True),
        ("a", "12%", "甲公司", True),
        ("a", "3亿元", "甲公司", True),
        ("a", "2亿元", "乙公司", True),
        ("a", "1.5亿元", "丙公司", True),
        ("b", "6.5%", "丁市居民", True),
        ("b", "5.8%", "城镇居民", True),
        ("b", "7.2%", "农村居民", True),
        ("c", "第三", "", False),
        ("b", "320万人", "该市", True),
        ("c", "39胜", "戊队", True),
        ("c", "24分", "己某", True),
        ("c", "41分", "己某", True),
    ):
        text = _DETERMINISM_DOCS[doc]
        start = text.index(surface)
        rows.append(
            {
                "doc": doc,
                "surface": surface,
                "start": start,
                "end": start + len(surface),
                "subject": subject,
                "claim": claim,
            }
        )
    return rows


def test_training_is_a_pure_function_of_its_data() -> None:
    """Training from two different starting models (the one extraction would use) writes the
    same model, byte for byte — from gold and from a database's decisions — and the options a
    model ranks carry the same features whichever model extracts."""
    from extractor.core import extract_with_fields
    from extractor.train import canonical_key, train

    start = shipped()
    contrary = Ranker(
        {k: -v + 0.5 for k, v in start.weights.items()},
        -start.bias,
        {f: {k: -v for k, v in w.items()} for f, w in start.fields.items()},
        start.lookalike,
    )
    gold = []
    for g in _determinism_gold():
        text = _DETERMINISM_DOCS[g["doc"]]
        found = [c.to_dict() for c, _ in extract_with_fields(text, screen=False)]
        match = next(c for c in found if c["start"] <= g["start"] < c["end"])
        gold.append({**g, "value": match["value"], "unit": match["unit"]})

    def features_under(model: Ranker) -> list:
        out = []
        for text in _DETERMINISM_DOCS.values():
            for cand, fields in extract_with_fields(text, ranker=model, screen=False):
                out.append(cand.start)
                for name in sorted(fields):
                    opts = sorted(fields[name], key=canonical_key)
                    out.append([(o.text, o.start, sorted(o.features.items())) for o in opts])
        return out

    assert features_under(start) == features_under(contrary)
    try:
        outputs = []
        for model in (start, contrary):
            activate(model)
            from_gold, n = train(gold, _DETERMINISM_DOCS)
            from_db, _ = train(gold, _DETERMINISM_DOCS, decisions=True)
            outputs.append((from_gold.to_json(), from_db.to_json()))
            assert n == 12
    finally:
        activate(None)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0][0])["lookalike"]
