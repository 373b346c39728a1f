"""Boosted trees on top of the ranker's linear scores: fitting, ranking, model files."""

from __future__ import annotations

import json

import pytest

from extractor.ranker import FIELD_FEATURES, ModelError, Option, Ranker, combine, fit
from extractor.trees import BoostParams, Trees, fit_trees

#: Trees for a handful of made-up claims (the shipped defaults want hundreds of claims).
SMALL = BoostParams(
    shortlist=4, trees=30, depth=2, rate=0.3, l2=0.1, min_hessian=0.01, min_claims=1
)


def _interaction_groups(copies: int = 6) -> list[list[tuple[dict[str, float], float]]]:
    # Made up: in some claims with a source the right option is the one both in the clause and
    # from the entity table; elsewhere the one that is neither. A linear score cannot rank both
    # kinds of claim right (the first wants both weights up, the second both down); a tree
    # that asks one feature, then the other, can.
    # The right option comes last: a tie goes to the first, wrong, one.
    both = [
        ({"same_clause": 1.0}, 0.0),
        ({"table": 1.0}, 0.0),
        ({"same_clause": 1.0, "table": 1.0}, 1.0),
    ]
    neither = [({"same_clause": 1.0}, 0.0), ({"table": 1.0}, 0.0), ({}, 1.0)]
    # Twice as many of the first kind: a greedy split finds a gain (a pure XOR has none).
    return [both, both, neither] * copies


def _top_right(model: Ranker, groups: list, field: str = "subject") -> int:
    right = 0
    for g in groups:
        scores = model.scores([f for f, _ in g], field)
        best = max(range(len(g)), key=lambda i: scores[i])
        right += g[best][1] > 0
    return right


def test_trees_learn_an_interaction_the_linear_model_cannot() -> None:
    groups = _interaction_groups()
    linear = fit(groups, l2=0.1)
    assert _top_right(linear, groups) <= len(groups) * 2 // 3
    boosted = fit(groups, l2=0.1, boost=SMALL)
    assert boosted.trees["subject"].nodes
    assert _top_right(boosted, groups) == len(groups)
    # Ranking options (not feature dicts) picks the same ones.
    both = [
        Option("甲", 0, 1, {"same_clause": 1.0}),
        Option("乙", 2, 3, {"same_clause": 1.0, "table": 1.0}),
        Option("丙", 4, 5, {"table": 1.0}),
    ]
    neither = [Option("丁", 0, 1, {"table": 1.0}), Option("戊", 2, 3, {})]
    assert boosted.rank(both)[0].text == "乙"
    assert boosted.rank(neither)[0].text == "戊"
    assert linear.rank(both)[0].text != "乙" or linear.rank(neither)[0].text != "戊"


def test_boosted_models_round_trip_and_train_deterministically() -> None:
    groups = _interaction_groups()
    model = combine(
        fit(groups, l2=0.1, boost=SMALL),
        None,
        time=fit(groups, field="time", l2=0.1, boost=SMALL),
    )
    text = model.to_json()
    again = Ranker.from_json(text, "m.json")
    assert again.to_json() == text
    assert set(json.loads(text)["trees"]) == {"subject", "time"}
    for field in ("subject", "time"):
        for g in groups:
            feats = [f for f, _ in g]
            assert again.scores(feats, field) == model.scores(feats, field)
    rerun = combine(
        fit(groups, l2=0.1, boost=SMALL),
        None,
        time=fit(groups, field="time", l2=0.1, boost=SMALL),
    )
    assert rerun.to_json() == text


def test_trees_rescore_only_the_shortlist_and_need_enough_claims() -> None:
    trees = Trees(2, [[["rule", 0.5, 1, 2], [0.0], [5.0]]])
    model = Ranker({"dist": -1.0}, 0.0, None, None, {"subject": trees})
    feats = [{"dist": 0.1}, {"dist": 0.2}, {"dist": 0.3, "rule": 1.0}]
    # The third option is not among the two best by the linear score: its rule is not read.
    assert model.scores(feats, "subject") == pytest.approx([-0.1, -0.2, -0.3])
    feats[0]["rule"] = 1.0
    assert model.scores(feats, "subject") == pytest.approx([4.9, -0.2, -0.3])
    few = _interaction_groups(1)
    assert fit_trees(few, [[0.0] * 3 for _ in few], FIELD_FEATURES["subject"], SMALL) is not None
    many = BoostParams(min_claims=5)
    assert fit_trees(few, [[0.0] * 3 for _ in few], FIELD_FEATURES["subject"], many) is None
    assert not fit(few, l2=0.1, boost=many).trees


def test_trees_of_predicate_and_time_read_the_kind_conjunctions() -> None:
    # A tree that boosts a counted noun only for counts: ranking conjoins the kind for it.
    trees = Trees(3, [[["count*counted", 0.5, 1, 2], [0.0], [3.0]]])
    model = Ranker({}, 0.0, {"predicate": {"verb": 1.0}}, None, {"predicate": trees})
    options = [
        Option("增长", 5, 7, {"verb": 1.0}),
        Option("途径", 9, 11, {"noun": 1.0, "counted": 1.0}),
    ]
    assert model.rank(options, "predicate", "count")[0].text == "途径"
    assert model.rank(options, "predicate", "percent")[0].text == "增长"
    assert model.rank(options, "predicate")[0].text == "增长"


_TREE = [["rule", 0.5, 1, 2], [0.1], [-0.2]]


def _model(trees: object) -> str:
    return json.dumps(
        {"version": 1, "weights": {"rule": 1.0}, "fields": {"time": {}}, "trees": trees}
    )


@pytest.mark.parametrize(
    ("trees", "message"),
    [
        ([], "trees must be an object"),
        ({"object": {"shortlist": 3, "trees": []}}, "trees of unknown field 'object'"),
        ({"predicate": {"shortlist": 3, "trees": []}}, "field 'predicate', which has no weights"),
        ({"subject": []}, "trees of subject: must be an object"),
        ({"subject": {"shortlist": 0, "trees": []}}, "shortlist must be a positive integer"),
        ({"subject": {"shortlist": True, "trees": []}}, "shortlist must be a positive integer"),
        ({"subject": {"shortlist": "3", "trees": []}}, "shortlist must be a positive integer"),
        ({"subject": {"shortlist": 3, "trees": {}}}, "trees must be a list"),
        ({"subject": {"shortlist": 3, "trees": [], "depth": 3}}, "unknown key 'depth'"),
        ({"subject": {"shortlist": 3, "trees": [[]]}}, "tree 0: must be a non-empty list"),
        ({"subject": {"shortlist": 3, "trees": [_TREE, ["x"]]}}, "tree 1: node 0 is not a list"),
        ({"subject": {"shortlist": 3, "trees": [[["x"]]]}}, "tree 0: leaf 0 is not a number"),
        ({"subject": {"shortlist": 3, "trees": [[[True]]]}}, "tree 0: leaf 0 is not a number"),
        ({"subject": {"shortlist": 3, "trees": [[[0.1, 2]]]}}, "node 0 is neither"),
        (
            {"subject": {"shortlist": 3, "trees": [[["words", 0.5, 1, 2], [0.1], [0.2]]]}},
            "node 0 splits on unknown feature 'words'",
        ),
        (
            {"time": {"shortlist": 3, "trees": [[["org", 0.5, 1, 2], [0.1], [0.2]]]}},
            "trees of time: tree 0: node 0 splits on unknown feature 'org'",
        ),
        (
            {"subject": {"shortlist": 3, "trees": [[["rule", "a", 1, 2], [0.1], [0.2]]]}},
            "node 0 has a threshold that is not a number",
        ),
        (
            {"subject": {"shortlist": 3, "trees": [[["rule", 0.5, 0, 1], [0.1]]]}},
            "node 0 has child 0, not a later node",
        ),
        (
            {"subject": {"shortlist": 3, "trees": [[["rule", 0.5, 1, 3], [0.1], [0.2]]]}},
            "node 0 has child 3, not a later node",
        ),
        (
            {"subject": {"shortlist": 3, "trees": [[["rule", 0.5, 1, 1.5], [0.1], [0.2]]]}},
            "node 0 has child 1.5",
        ),
        (
            {"subject": {"shortlist": 3, "trees": [[["rule", 0.5, 1, 1], [0.1]]]}},
            "not the child of exactly one split",
        ),
        (
            {"subject": {"shortlist": 3, "trees": [[["rule", 0.5, 1, 2], [0.1], [0.2], [0.3]]]}},
            "not the child of exactly one split",
        ),
    ],
)
def test_malformed_trees_are_refused_with_one_line(trees: object, message: str) -> None:
    with pytest.raises(ModelError, match=message) as info:
        Ranker.from_json(_model(trees), "m.json")
    assert str(info.value).startswith("m.json: ") and "\n" not in str(info.value)


def _chain(levels: int) -> list[list]:
    """A tree of ``levels`` splits, each right child splitting again."""
    nodes: list[list] = []
    for level in range(levels):
        nodes += [["rule", 0.5, 2 * level + 1, 2 * level + 2], [0.1]]
    return [*nodes, [0.2]]


def test_trees_deeper_than_the_limit_are_refused() -> None:
    with pytest.raises(ModelError, match="deeper than 8 levels"):
        Ranker.from_json(_model({"subject": {"shortlist": 3, "trees": [_chain(9)]}}), "m.json")
    model = Ranker.from_json(_model({"subject": {"shortlist": 3, "trees": [_chain(8)]}}))
    assert model.scores([{"rule": 1.0}]) == pytest.approx([1.2])


def test_a_leaf_alone_is_a_tree() -> None:
    model = Ranker.from_json(_model({"subject": {"shortlist": 1, "trees": [[[0.5]], _TREE]}}))
    assert model.scores([{"rule": 1.0}, {}]) == pytest.approx([1.3, 0.0])
