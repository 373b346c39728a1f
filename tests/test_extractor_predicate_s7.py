"""Seventh session, predicate: the predicate model is trained toward the guideline's predicate
— the verb governing the quantity over its object, when the gold holds both."""

from __future__ import annotations

import pytest

from extractor.core import extract_with_fields
from extractor.ranker import Option, fit, guideline_targets


def _pred(text: str, surface: str) -> dict[str, Option]:
    for cand, fields in extract_with_fields(text):
        if cand.quantity_text == surface:
            return {o.text: o for o in fields["predicate"]}
    raise AssertionError(f"{surface} not found in {text}")


@pytest.mark.parametrize(
    ("text", "surface", "verb"),
    [
        ("公司去年向灾区捐赠了300台电脑。", "300台", "捐赠"),
        ("店里一口气卖出了80件外套。", "80件", "卖出"),
    ],
)
def test_a_verb_right_before_the_quantity_governs_it_and_its_object_follows(
    text: str, surface: str, verb: str
) -> None:
    opts = _pred(text, surface)
    assert opts[verb].features.get("governs") == 1.0
    assert any(o.features.get("object_noun") for o in opts.values())


def _group(*rows: tuple[dict[str, float], float]) -> list[tuple[dict[str, float], float]]:
    return list(rows)


VERB = {"verb": 1.0, "governs": 1.0, "before": 1.0}
OBJECT = {"noun": 1.0, "after": 1.0, "counted": 1.0}
ATTR = {"noun": 1.0, "before": 1.0, "attr": 1.0}


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        # the gold holds the governing verb and its object: only the verb is taught
        (_group((VERB, 1.0), (OBJECT, 1.0)), [1.0, 0.0]),
        # the object exactly the gold keeps its weight
        (_group((VERB, 1.0), (OBJECT, 4.0)), [1.0, 4.0]),
        # no governing verb is right: the counted noun stays right (10个篮板 -> 篮板)
        (_group(({**VERB}, 0.0), (OBJECT, 1.0)), [0.0, 1.0]),
        # a verb that does not govern the quantity changes nothing
        (_group(({"verb": 1.0, "after": 1.0}, 1.0), (OBJECT, 1.0)), [1.0, 1.0]),
        # a measured attribute before the quantity is no object
        (_group((VERB, 1.0), (ATTR, 1.0)), [1.0, 1.0]),
    ],
)
def test_guideline_targets_teach_the_governing_verb_over_its_object(
    group: list[tuple[dict[str, float], float]], expected: list[float]
) -> None:
    assert [r for _, r in guideline_targets(group)] == expected


def test_a_predicate_model_trained_on_verb_and_object_golds_prefers_the_verb() -> None:
    # Every claim's gold holds both (发放恩恤金): the object is right by containment only.
    groups = [_group((VERB, 1.0), (OBJECT, 1.0)) for _ in range(20)]
    groups += [_group(({"noun": 1.0, "after": 1.0, "counted": 1.0}, 4.0)) for _ in range(5)]
    model = fit(groups, field="predicate")
    verb, obj = model.scores([VERB, OBJECT], "predicate")
    assert verb > obj


def test_the_out_of_fold_bench_refuses_the_test_part(capsys: pytest.CaptureFixture[str]) -> None:
    from bench.predicate_oof import main

    assert main(["gold.jsonl", "--split", "split.json", "--part", "test"]) == 2
    assert "training part only" in capsys.readouterr().err
