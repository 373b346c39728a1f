"""Per-claim weights in training (issue 11): a gold source can count W times in the linear
fit, the boosted trees and the document second pass, and the training command's ``--weight``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import extract
from extractor.docrank import Place, stack_rows
from extractor.ranker import FIELD_FEATURES, Ranker, fit, fit_weights
from extractor.train import (
    FIELDS,
    WeightError,
    cross_validate,
    fit_document,
    main,
    parse_weight,
    source_weights,
)
from extractor.trees import BoostParams, group_weights

REPO = Path(__file__).resolve().parents[1]

# Hand-made claims of two conventions (features every field has): in the "near" claims the
# clause rules' option is right, in the "far" claims an option after the quantity. Three near
# claims, two far ones: unweighted the near convention wins.
_NEAR = [({"rule": 1.0}, 1.0), ({"after": 1.0}, 0.0)]
_FAR = [({"rule": 1.0}, 0.0), ({"after": 1.0}, 1.0)]
_GROUPS = [_NEAR, _NEAR, _NEAR, _FAR, _FAR]
_OPTIONS = [{"rule": 1.0}, {"after": 1.0}]

_SMALL_TREES = BoostParams(shortlist=2, trees=5, depth=2, rate=0.5, min_hessian=0.0, min_claims=1)


def _winner(model: Ranker, field: str) -> int:
    scores = model.scores(_OPTIONS, field)
    return max(range(len(scores)), key=scores.__getitem__)


@pytest.mark.parametrize(
    ("field", "boost", "weights", "winner"),
    [
        # Linear models of each field: near wins at once each, far at twice (4 against 3).
        ("subject", None, None, 0),
        ("subject", None, [1, 1, 1, 2, 2], 1),
        ("predicate", None, [1, 1, 1, 1, 1], 0),
        ("predicate", None, [1, 1, 1, 2, 2], 1),
        ("time", None, [0.5, 0.5, 0.5, 1, 1], 1),
        # A near claim three times over outweighs the far ones again.
        ("time", None, [3, 1, 1, 2, 2], 0),
        # The trees on top of the linear scores learn with the same weights.
        ("subject", _SMALL_TREES, None, 0),
        ("subject", _SMALL_TREES, [1, 1, 1, 2, 2], 1),
    ],
)
def test_a_weight_flips_which_option_wins(
    field: str, boost: BoostParams | None, weights: list[float] | None, winner: int
) -> None:
    model = fit(_GROUPS, field=field, l2=0.1, boost=boost, weights=weights)
    assert _winner(model, field) == winner
    if boost is not None:
        assert model.trees[field].nodes


def test_trees_alone_follow_the_weights() -> None:
    # Linear scores all 0 (no linear model): the trees alone must put the heavier convention
    # first, so the weights reach their gradients and hessians.
    from extractor.trees import fit_trees

    known = FIELD_FEATURES["subject"]
    base = [[0.0, 0.0] for _ in _GROUPS]
    plain = fit_trees(_GROUPS, base, known, _SMALL_TREES)
    heavy = fit_trees(_GROUPS, base, known, _SMALL_TREES, weights=[1, 1, 1, 2, 2])
    assert plain is not None and heavy is not None
    near, far = (plain.value(o) for o in _OPTIONS)
    assert near > far
    near, far = (heavy.value(o) for o in _OPTIONS)
    assert far > near


@pytest.mark.parametrize("boost", [None, _SMALL_TREES])
@pytest.mark.parametrize("field", FIELDS)
def test_weight_one_is_the_unweighted_fit_byte_for_byte(
    field: str, boost: BoostParams | None
) -> None:
    groups = [
        [({"rule": 1.0, "dist": 0.1 * i}, 4.0), ({"after": 1.0}, 0.0)]
        if i % 3
        else [({"rule": 1.0}, 0.0), ({"after": 1.0, "dist": 0.3}, 1.0)]
        for i in range(12)
    ]
    plain = fit(groups, field=field, boost=boost)
    ones = fit(groups, field=field, boost=boost, weights=[1.0] * len(groups))
    assert ones.to_json() == plain.to_json()


def test_an_integer_weight_is_that_many_copies_in_the_linear_fit() -> None:
    groups = [_NEAR, _FAR, [({"rule": 1.0, "dist": 0.4}, 1.0), ({"dist": 0.2}, 0.0)]]
    names = FIELD_FEATURES["subject"]
    copied = fit_weights([_NEAR, _NEAR, _NEAR, _FAR, groups[2], groups[2]], names, l2=1.0)
    weighted = fit_weights(groups, names, l2=1.0, weights=[3, 1, 2])
    assert weighted == pytest.approx(copied, abs=1e-6)


@pytest.mark.parametrize(
    ("weights", "message"),
    [([1.0, 1.0], "2 weights for 5 groups"), ([1, 1, 0, 1, 1], "finite positive")],
)
def test_group_weights_must_fit_the_groups(weights: list[float], message: str) -> None:
    assert group_weights(_GROUPS, None) == [1.0] * 5
    with pytest.raises(ValueError, match=message):
        group_weights(_GROUPS, weights)
    with pytest.raises(ValueError, match=message):
        fit(_GROUPS, weights=weights)


# The document second pass: claims whose options have no first-pass feature (every first
# score 0, every claim's pick its first option, 甲). In "near" documents the other claims'
# pick 甲 is right; in "far" documents 乙, never picked.
def _records(right: int, n: int = 3) -> list:
    return [
        (
            Place(i, 0, 0),
            {
                "predicate": (
                    ["甲", "乙"],
                    [{}, {}],
                    [1.0, 0.0] if right == 0 else [0.0, 1.0],
                )
            },
        )
        for i in range(n)
    ]


_DOCS = {"n1": _records(0), "n2": _records(0), "n3": _records(0), "f1": _records(1)}


def _second_winner(w: dict[str, float]) -> str:
    rows = stack_rows([Place(i, 0, 0) for i in range(3)], [["甲", "乙"]] * 3, [[0.0, 0.0]] * 3)
    first = rows[0]
    assert first is not None
    zs = [sum(w.get(a, 0.0) * v for a, v in f.items()) for f in first]
    return ["甲", "乙"][max(range(2), key=zs.__getitem__)]


@pytest.mark.parametrize(
    ("weights", "winner"),
    [(None, "甲"), ({"f1": 1.0}, "甲"), ({"f1": 5.0}, "乙"), ({"f1": 5.0, "n1": 4.0}, "甲")],
)
def test_the_document_pass_learns_with_the_weights(
    weights: dict[str, float] | None, winner: str
) -> None:
    w = fit_document(_DOCS, "predicate", l2=0.1, folds=2, weights=weights)
    assert _second_winner(w) == winner


def test_the_document_pass_with_weight_one_is_the_unweighted_one() -> None:
    plain = fit_document(_DOCS, "predicate", l2=0.1, folds=2)
    ones = fit_document(_DOCS, "predicate", l2=0.1, folds=2, weights=dict.fromkeys(_DOCS, 1.0))
    assert ones == plain


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("g.jsonl=3", {"subject": 3.0, "predicate": 3.0, "time": 3.0}),
        ("g.jsonl=time:2.5", {"subject": 1.0, "predicate": 1.0, "time": 2.5}),
        ("g.jsonl=2,time:4", {"subject": 2.0, "predicate": 2.0, "time": 4.0}),
        ("g.jsonl=subject:1, predicate:0.5", {"subject": 1.0, "predicate": 0.5, "time": 1.0}),
    ],
)
def test_parse_weight(spec: str, expected: dict[str, float]) -> None:
    assert parse_weight(spec, ["other.jsonl", "g.jsonl"]) == ("g.jsonl", expected)


@pytest.mark.parametrize(
    ("specs", "message"),
    [
        (["g.jsonl"], "expected FILE=WEIGHT"),
        (["g.jsonl="], "expected FILE=WEIGHT"),
        (["nope.jsonl=3"], "not one of the gold files"),
        (["g.jsonl=three"], "'three' is not a number"),
        (["g.jsonl=0"], "above 0"),
        (["g.jsonl=-2"], "above 0"),
        (["g.jsonl=nan"], "above 0"),
        (["g.jsonl=inf"], "above 0"),
        (["g.jsonl=unit:2"], "unknown field 'unit'"),
        (["g.jsonl=2", "g.jsonl=3"], "weighted twice"),
        (["g.jsonl=2", "h.jsonl=3"], "weighted differently"),
    ],
)
def test_bad_weights_are_refused(specs: list[str], message: str) -> None:
    sources = {"g.jsonl": [{"doc": "a"}, {"doc": "b"}], "h.jsonl": [{"doc": "b"}]}
    with pytest.raises(WeightError, match=message):
        source_weights(specs, sources, {})


def test_source_weights_by_field_and_document() -> None:
    sources = {"g.jsonl": [{"doc": "a"}, {"doc": "b"}], "h.jsonl": [{"doc": "c"}]}
    weights, docs, chosen = source_weights(["g.jsonl=2,time:1"], sources, {})
    both = {"a": 2.0, "b": 2.0}
    assert weights == {"subject": both, "predicate": both, "time": {}}
    assert docs == {"a", "b"}
    assert chosen == {"g.jsonl": {"subject": 2.0, "predicate": 2.0, "time": 1.0}}
    # A file weighted once counts in the report of its documents, with no weight to apply.
    ones = dict.fromkeys(FIELDS, 1.0)
    assert source_weights(["h.jsonl=1"], sources, {}) == (
        {f: {} for f in FIELDS},
        {"c"},
        {"h.jsonl": ones},
    )
    # A default weighs a file by its name, unless an option names the file.
    defaults = {"h.jsonl": {"time": 3.0}}
    weights, docs, chosen = source_weights([], sources, defaults)
    assert weights == {"subject": {}, "predicate": {}, "time": {"c": 3.0}} and docs == {"c"}
    assert source_weights(["h.jsonl=1"], sources, defaults)[0] == {f: {} for f in FIELDS}


# A small gold written for the test: two documents, four claims.
_TEXTS = {
    "a.txt": "甲公司表示，乙集团去年营业收入达到8亿元。丙公司今年利润为3亿元。",
    "b.txt": "丁市今年居民收入增长6.5%。戊市增长5.8%。",
}
_CLAIMS = [
    ("a.txt", "8亿元", 8e8, "元", "乙集团"),
    ("a.txt", "3亿元", 3e8, "元", "丙公司"),
    ("b.txt", "6.5%", 6.5, "%", "丁市"),
    ("b.txt", "5.8%", 5.8, "%", "戊市"),
]


def _gold_row(d: str, surface: str, value: float, unit: str, subject: str) -> dict:
    """A gold claim of one of :data:`_TEXTS`, at the first place its surface stands."""
    start = _TEXTS[d].index(surface)
    return {
        "doc": d,
        "surface": surface,
        "start": start,
        "end": start + len(surface),
        "value": value,
        "unit": unit,
        "subject": subject,
        "claim": True,
    }


def _write_gold(tmp_path: Path) -> tuple[Path, Path, Path]:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in _TEXTS.items():
        (seeds / name).write_text(text, encoding="utf-8")
    paths = []
    for name, doc in (("one.jsonl", "a.txt"), ("two.jsonl", "b.txt")):
        rows = []
        for d, surface, value, unit, subject in _CLAIMS:
            if d != doc:
                continue
            rows.append(_gold_row(d, surface, value, unit, subject))
        path = tmp_path / name
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
        paths.append(path)
    return seeds, paths[0], paths[1]


@pytest.mark.parametrize(
    ("weight", "message"),
    [
        ("elsewhere.jsonl=3", "is not one of the gold files given"),
        ("{one}=x", "'x' is not a number"),
        ("{one}=-1", "above 0"),
        ("{one}=pred:2", "unknown field 'pred'"),
    ],
)
def test_the_training_command_refuses_a_bad_weight_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], weight: str, message: str
) -> None:
    seeds, one, two = _write_gold(tmp_path)
    out = tmp_path / "model.json"
    argv = [str(one), str(two), "--seeds", str(seeds), "-o", str(out)]
    assert main([*argv, "--weight", weight.format(one=one)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --weight ") and message in err
    assert err.count("\n") == 1
    assert not out.exists()


def test_the_training_command_weighs_a_file_and_reports_its_documents(tmp_path: Path) -> None:
    seeds, one, two = _write_gold(tmp_path)
    command = [sys.executable, "-m", "extractor.train", str(one), str(two), "--seeds", str(seeds)]
    outputs = {}
    for name, extra in (
        ("plain", []),
        ("one", ["--weight", f"{two}=1"]),
        ("heavy", ["--weight", f"{two}=3", "--folds", "2"]),
    ):
        out = tmp_path / f"{name}.json"
        r = subprocess.run(
            [*command, "-o", str(out), *extra], capture_output=True, text=True, cwd=REPO
        )
        assert r.returncode == 0, r.stderr
        outputs[name] = (r.stdout, out.read_text("utf-8"))
    # Weight 1 is no weight: the same model, byte for byte.
    assert outputs["one"][1] == outputs["plain"][1]
    assert f"claims of {two} count 3 times" in outputs["heavy"][0]
    # The CV reports each field on the weighted file's document alone, per fold.
    report = [line for line in outputs["heavy"][0].splitlines() if "weighted files" in line]
    assert len(report) == len(FIELDS)
    assert report[0].startswith("  subject on the 1 documents of the weighted files: ")
    assert "on 2 claims (folds 0.000/0 " in report[0]
    model = Ranker.from_json(outputs["heavy"][1])
    assert [c.subject for c in extract(_TEXTS["b.txt"], ranker=model)] == ["丁市", "戊市"]


def test_cross_validation_reports_the_focus_documents_per_fold() -> None:
    gold = []
    for d, surface, value, unit, subject in _CLAIMS:
        gold.append(_gold_row(d, surface, value, unit, subject))
    focus: dict = {}
    result = cross_validate(gold, _TEXTS, 2, stack={}, focus=["b.txt"], focus_out=focus)
    acc, n, folds = focus["subject"]
    # Sorted ids, two folds: a.txt is held out in fold 0, b.txt in fold 1.
    assert n == 2 and folds == [(0.0, 0), (acc, 2)]
    assert result["subject"][2] == 4
