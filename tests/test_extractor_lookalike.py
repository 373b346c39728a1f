"""The learned look-alike filter (extractor/lookalike.py): features, training, model file,
and its use by the extractor (confidence and dropped candidates)."""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import extract, lookalike, quantity
from extractor.core import extract_with_fields
from extractor.lookalike import LookalikeModel, features, fit, screen
from extractor.quantity import find_quantities
from extractor.ranker import ModelError, Ranker, shipped
from extractor.train import (
    CLAIM,
    LOOKALIKE,
    MISMATCHED,
    UNKNOWN,
    _auc,
    choose_soft,
    curve,
    extract_all,
    lookalike_rows,
    operating_point,
    train,
)

REPO = Path(__file__).resolve().parents[1]

# Sentences written for these tests.
QUESTION = "这支球队配备十个中锋够不够？市场还在观望。"
REPORT = "某钢厂去年产钢300万吨，比前年增加了12%。"


def _mention(text: str, surface: str, claim: bool, value: float, unit: str, doc: str) -> dict:
    start = text.index(surface)
    return {
        "doc": doc,
        "surface": surface,
        "start": start,
        "end": start + len(surface),
        "value": value,
        "unit": unit,
        "subject": "",
        "claim": claim,
    }


def test_features_are_generic_never_the_words_of_the_text() -> None:
    text = "记者获悉，“两个女孩”乐队今年卖出了5万张唱片！每张售价30元，5万张唱片已经售罄。"
    pairs = extract_with_fields(text, screen=False)
    cands = [c for c, _ in pairs]
    feats = features(text, cands, [f for _, f in pairs])
    assert len(feats) == len(cands) >= 2
    k = next(i for i, c in enumerate(cands) if c.quantity_text == "5万张")
    first = feats[k]
    assert first["exclamation"] == 1.0 and first["repeated"] == 1.0
    assert first["rule_confidence"] == cands[k].confidence
    assert "exclamation" not in feats[-1] and feats[-1]["repeated"] == 1.0
    # No feature name carries a word of the text: only the fixed marks of brackets and quotes.
    for f in feats:
        for name in f:
            assert not re.search(r"[\u4e00-\u9fff]", name), name


def test_a_question_and_brackets_are_features() -> None:
    text = REPORT + "这支球队（配备5个中锋）够不够？"
    cands = [c for c, _ in extract_with_fields(text, screen=False)]
    feats = dict(zip([c.quantity_text for c in cands], features(text, cands), strict=True))
    assert feats["5个"]["question"] == 1.0 and feats["5个"]["inside=（"] == 1.0
    assert "question" not in feats["300万吨"] and "inside=（" not in feats["300万吨"]


def test_fit_learns_a_feature_that_marks_look_alikes() -> None:
    examples = [({"bias": 1.0, "question": 1.0}, 0.0)] * 20 + [({"bias": 1.0}, 1.0)] * 40
    model = fit(examples, l2=1.0)
    assert model.probability({"bias": 1.0, "question": 1.0}) < 0.2
    assert model.probability({"bias": 1.0}) > 0.8
    assert fit(examples, l2=1.0) == model  # deterministic
    # A prior holds weights where the examples say nothing, and yields to what they say.
    prior = LookalikeModel({"quoted": -3.0, "question": 2.0}, 0.0, 0.4)
    pulled = fit(examples, l2=1.0, prior=prior, threshold=prior.threshold)
    assert pulled.weights["quoted"] == pytest.approx(-3.0)
    assert pulled.weights["question"] < 0 and pulled.threshold == 0.4


def test_screen_sets_confidence_and_drops_under_the_threshold() -> None:
    text = REPORT + QUESTION
    pairs = extract_with_fields(text, screen=False)
    assert len(pairs) >= 3
    model = LookalikeModel({"question": -8.0}, 2.0, 0.5)
    kept = screen(text, pairs, model)
    surfaces = [c.quantity_text for c, _ in kept]
    assert "十个" not in surfaces and "300万吨" in surfaces
    assert len(kept) == len(pairs) - 1
    assert all(c.confidence == 0.88 for c, _ in kept)  # the logistic of 2, rounded
    assert screen(text, pairs, None) == pairs


def test_a_model_file_carries_the_filter_and_old_files_still_load() -> None:
    model = Ranker({"rule": 1.0}, lookalike=LookalikeModel({"question": -8.0}, 2.0, 0.5))
    data = json.loads(model.to_json())
    assert data["lookalike"]["threshold"] == 0.5
    again = Ranker.from_json(model.to_json())
    assert again.lookalike == model.lookalike  # weights written to 6 decimals
    old = json.dumps({"version": 1, "bias": 0.0, "weights": {"rule": 1.0}})
    legacy = Ranker.from_json(old)
    assert legacy.lookalike is None
    text = REPORT + QUESTION
    # An old model proposes every candidate with the rules' confidence, as before the filter.
    unscreened = extract_with_fields(text, ranker=legacy, screen=False)
    assert extract(text, ranker=legacy) == [c for c, _ in unscreened]
    assert len(extract(text, ranker=again)) == len(extract(text, ranker=legacy)) - 1
    bad = dict(data, lookalike={"weights": {"question": "x"}})
    with pytest.raises(ModelError, match="lookalike 'question' is not a number"):
        Ranker.from_json(json.dumps(bad))
    bad = dict(data, lookalike={"weights": {}, "threshold": 1.5})
    with pytest.raises(ModelError, match="threshold"):
        Ranker.from_json(json.dumps(bad))


def test_the_shipped_model_has_a_filter_with_a_cross_validated_threshold() -> None:
    filt = shipped().lookalike
    assert filt is not None and 0.0 <= filt.threshold < 1.0 and filt.weights


def test_gold_labels_of_candidates() -> None:
    text = "该厂今年产钢300万吨，出口二十万吨。他家住在3号楼，门前有两棵树。"
    gold = [
        _mention(text, "300万吨", True, 3e6, "吨", "d"),
        _mention(text, "二十万吨", True, 2e4, "吨", "d"),  # the gold reads another value
        _mention(text, "两棵", False, 2, "棵", "d"),
    ]
    found = extract_all({"d": text})
    rows = lookalike_rows(gold, found, {"d": text})
    labels = {c.quantity_text: y for (c, _), (_, y) in zip(found["d"], rows["d"][0], strict=True)}
    assert labels["300万吨"] == CLAIM
    assert labels["二十万吨"] == MISMATCHED
    assert labels["两棵"] == LOOKALIKE
    assert rows["d"][1] == 2
    decided = lookalike_rows(gold[:1] + gold[2:], found, {"d": text}, decisions=True)
    dl = {c.quantity_text: y for (c, _), (_, y) in zip(found["d"], decided["d"][0], strict=True)}
    assert dl["300万吨"] == CLAIM and dl["两棵"] == LOOKALIKE and dl["二十万吨"] is UNKNOWN


def test_operating_point_most_precise_within_the_recall_it_may_give() -> None:
    # (probability, label, cue): five claims to find; the rules alone keep the four
    # unmarked candidates (three claims, one false alarm at 0.35): P 0.75, R 0.6.
    scored = [(0.9, 1.0, ""), (0.8, 1.0, ""), (0.3, 1.0, ""), (0.35, 0.0, ""), (0.2, 0.0, "x")]
    table = curve(scored, 5, ())
    assert table[0] == (0.0, 0.75, 0.6)
    # Dropping the false alarm costs the 0.3 claim (R 0.4): more than RECALL_GIVE, so the
    # thresholds keeping R 0.6 (0.01 to 0.30) tie at P 0.75; the middle one is chosen.
    assert operating_point(table) == (0.16, 0.75, 0.6)
    # Giving up 0.2 recall buys precision 1.0 (thresholds 0.36 to 0.80: the middle one).
    assert operating_point(table, give=0.2) == (0.58, 1.0, 0.4)


@pytest.mark.parametrize(
    ("scored", "claims", "soft", "threshold"),
    [
        # A rule whose candidates are claims the model keeps becomes a feature, and the
        # false alarm under them is dropped: precision 0.75 -> 1.0, recall 0.6 -> 1.0.
        (
            [
                (0.9, 1.0, ""),
                (0.8, 1.0, ""),
                (0.7, 1.0, ""),
                (0.2, 0.0, ""),
                (0.6, 1.0, "x"),
                (0.6, 1.0, "x"),
            ],
            5,
            ("x",),
            0.41,
        ),
        # A rule whose candidates the model drops anyway stays a drop.
        ([(0.9, 1.0, ""), (0.8, 1.0, ""), (0.1, 0.0, ""), (0.05, 0.0, "y")], 2, (), 0.46),
        # A gain under MIN_PRECISION_GAIN is noise: the rules alone, no model.
        ([(0.9, 1.0, "")] * 400 + [(0.1, 0.0, "")] + [(0.95, 0.0, "")] * 30, 400, (), 0.0),
        # A rule that would bring back one claim of 3,000 (recall +0.0003, under
        # MIN_SOFT_GAIN) stays a drop; the model still decides (its own gain is large).
        (
            [(0.9, 1.0, "")] * 3000 + [(0.2, 0.0, "")] * 100 + [(0.8, 1.0, "z")],
            3001,
            (),
            0.56,
        ),
        # Ten claims of 3,000 back (+0.0033) make it a feature.
        (
            [(0.9, 1.0, "")] * 3000 + [(0.2, 0.0, "")] * 100 + [(0.8, 1.0, "z")] * 10,
            3010,
            ("z",),
            0.51,
        ),
    ],
)
def test_choose_soft_rules_and_threshold_by_the_operating_point(
    scored: list, claims: int, soft: tuple, threshold: float
) -> None:
    chosen, point = choose_soft(scored, claims)
    assert chosen == soft and point[0] == pytest.approx(threshold)


def test_a_rule_gaining_one_claim_is_soft_only_without_the_minimum_gain() -> None:
    scored = [(0.9, 1.0, "")] * 3000 + [(0.2, 0.0, "")] * 100 + [(0.8, 1.0, "z")]
    assert choose_soft(scored, 3001)[0] == ()
    assert choose_soft(scored, 3001, rule_gain=0.0)[0] == ("z",)


@pytest.mark.parametrize(
    ("scored", "auc"),
    [
        ([(0.9, 1.0, ""), (0.1, 0.0, "")], 1.0),
        ([(0.1, 1.0, ""), (0.9, 0.0, "")], 0.0),
        ([(0.5, 1.0, ""), (0.5, 0.0, "")], 0.5),  # a tie counts half
        ([(0.9, 1.0, ""), (0.1, 0.0, ""), (0.95, 0.0, "x")], 1.0),  # marked: left out
    ],
)
def test_auc_of_the_confidence(scored: list, auc: float) -> None:
    assert _auc(scored) == pytest.approx(auc)


def test_retraining_on_a_small_gold_gives_a_model_that_loads_and_filters() -> None:
    """Articles written for the test: statements of output (claims) and small counts in
    Chinese numerals used as determiners (look-alikes the rules let through), then train()."""
    texts: dict[str, str] = {}
    gold: list[dict] = []
    for i in range(10):
        tons = 100 + i
        text = f"第{i}钢厂去年产钢{tons}万吨，比前年增加了{i + 2}%。他家门前有两棵树。"
        doc = f"d{i}"
        texts[doc] = text
        gold.append(_mention(text, f"{tons}万吨", True, tons * 1e4, "吨", doc))
        gold.append(_mention(text, f"{i + 2}%", True, i + 2, "%", doc))
        gold.append(_mention(text, "两棵", False, 2, "棵", doc))
    model, _ = train(gold, texts)
    loaded = Ranker.from_json(model.to_json())
    assert model.lookalike is not None and loaded.lookalike is not None
    assert loaded.lookalike.to_dict() == model.lookalike.to_dict()
    unseen = "某钢厂今年产钢250万吨，比去年增加了5%。院子里有三棵树。"
    kept = extract(unseen, ranker=loaded)
    surfaces = [c.quantity_text for c in kept]
    assert "250万吨" in surfaces and "5%" in surfaces and "三棵" not in surfaces
    assert all(c.confidence >= loaded.lookalike.threshold for c in kept)
    every = [c.quantity_text for c in extract(unseen, ranker=Ranker(loaded.weights))]
    assert "三棵" in every


def test_retraining_makes_a_rule_of_context_a_feature_when_cross_validation_says_so() -> None:
    """A small gold (articles written for the test) whose face values (50元充值卡, a rule of
    context: a look-alike to the shipped rules) are claims, beside look-alikes the rules let
    through (两棵): the retrained decision reads the rule as a feature and keeps what it
    marks, drops the look-alikes, and its model file loads and changes what is proposed."""
    texts: dict[str, str] = {}
    gold: list[dict] = []
    for i in range(10):
        tons, card = 100 + i, 20 + 10 * i
        text = (
            f"第{i}钢厂去年产钢{tons}万吨，比前年增加了{i + 2}%。他买了一张{card}元充值卡。"
            "他家门前有两棵树。"
        )
        doc = f"d{i}"
        texts[doc] = text
        gold.append(_mention(text, f"{tons}万吨", True, tons * 1e4, "吨", doc))
        gold.append(_mention(text, f"{i + 2}%", True, i + 2, "%", doc))
        gold.append(_mention(text, f"{card}元", True, card, "元", doc))
        gold.append(_mention(text, "两棵", False, 2, "棵", doc))
    model, _ = train(gold, texts)
    assert model.lookalike is not None
    assert model.lookalike.soft == ("denomination",) and model.lookalike.threshold > 0
    loaded = Ranker.from_json(model.to_json())
    assert loaded.lookalike is not None
    assert loaded.lookalike.to_dict() == model.lookalike.to_dict()
    unseen = "某钢厂今年产钢250万吨，比去年增加了5%。她买了一张300元充值卡。院子里有三棵树。"
    kept = {c.quantity_text: c for c in extract(unseen, ranker=loaded)}
    assert {"250万吨", "5%", "300元"} <= set(kept) and "三棵" not in kept
    assert kept["300元"].cue == "denomination" and kept["250万吨"].cue == ""
    rules = [c.quantity_text for c in extract(unseen, ranker=Ranker(loaded.weights))]
    assert "300元" not in rules and "三棵" in rules


@pytest.mark.parametrize(
    ("text", "surface", "cue"),
    [
        ("他买了一张50元充值卡。", "50元", "denomination"),
        ("过去2年里，公司扩张很快。", "2年", "time_frame"),
        ("上述三只基金的经理都已离职。", "三只", "back_reference"),
        ("销量能否突破100万辆？", "100万辆", "question"),
    ],
)
def test_a_soft_rule_of_context_marks_instead_of_dropping(
    text: str, surface: str, cue: str
) -> None:
    dropped = [m for m in find_quantities(text) if surface in text[m.start : m.end]]
    assert dropped == []
    marked = [m for m in find_quantities(text, soft=(cue,)) if surface in text[m.start : m.end]]
    assert len(marked) == 1 and marked[0].cue == cue
    # As a feature of the learned decision: the rule's name, never a word of the text.
    pairs = extract_with_fields(text, screen=False, soft=(cue,))
    cands = [c for c, _ in pairs]
    k = next(i for i, c in enumerate(cands) if surface in c.quantity_text)
    f = features(text, cands, [x for _, x in pairs])[k]
    assert f["cue"] == 1.0 and f[f"cue={cue}"] == 1.0


def test_every_rule_of_context_has_a_name_the_model_file_may_list() -> None:
    names = set()
    for fn in (quantity._context_cue, lookalike.context_lookalike):
        names |= set(re.findall(r'return "(\w+)"', inspect.getsource(fn)))
    names |= {name for name, _ in lookalike._CONTEXT_RULES}
    assert names == set(lookalike.CUES)


@pytest.mark.parametrize(
    ("soft", "threshold", "message"),
    [
        (["no_such_rule"], 0.5, "unknown rules"),
        ("denomination", 0.5, "list of rule names"),
        (["denomination"], 0.0, "threshold above 0"),
    ],
)
def test_a_model_file_with_bad_soft_rules_is_refused(
    soft: object, threshold: float, message: str
) -> None:
    data = json.loads(Ranker({"rule": 1.0}).to_json())
    data["lookalike"] = {"weights": {}, "threshold": threshold, "soft": soft}
    with pytest.raises(ModelError, match=message):
        Ranker.from_json(json.dumps(data))
    data["lookalike"] = {"weights": {}, "threshold": 0.5, "extra": 1}
    with pytest.raises(ModelError, match="unknown keys"):
        Ranker.from_json(json.dumps(data))


def test_training_command_reports_the_filter_and_refits_it_alone(tmp_path: Path) -> None:
    docs = tmp_path / "seeds"
    docs.mkdir()
    rows = []
    for i in range(4):
        text = f"第{i}钢厂去年产钢{100 + i}万吨，比前年增加了{i + 2}%。他家门前有两棵树。"
        (docs / f"d{i}.txt").write_text(text, encoding="utf-8")
        rows.append(_mention(text, f"{100 + i}万吨", True, (100 + i) * 1e4, "吨", f"d{i}.txt"))
        rows.append(_mention(text, "两棵", False, 2, "棵", f"d{i}.txt"))
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    out = tmp_path / "model.json"
    command = [sys.executable, "-m", "extractor.train", str(gold), "--seeds", str(docs)]
    r = subprocess.run(
        [*command, "-o", str(out), "--folds", "2"], capture_output=True, text=True, cwd=REPO
    )
    assert r.returncode == 0, r.stderr
    assert "2-fold cross-validated keep/drop decision" in r.stdout
    assert "rules alone (no model): precision" in r.stdout
    assert "most precise losing at most 0.005 recall: threshold" in r.stdout
    assert "operating point shipped: threshold" in r.stdout
    assert "confidence ranking (AUC, unmarked candidates): model" in r.stdout
    curve_rows = [x for x in r.stdout.splitlines() if re.fullmatch(r" {4}0\.\d\d \S+ \S+", x)]
    assert len(curve_rows) >= 19
    # --lookalike-only keeps the ranker weights of the file and refits the filter.
    model = Ranker.from_json(out.read_text("utf-8"))
    out.write_text(Ranker(model.weights, 0.5, model.fields).to_json(), "utf-8")
    r = subprocess.run(
        [*command, "-o", str(out), "--lookalike-only"], capture_output=True, text=True, cwd=REPO
    )
    assert r.returncode == 0, r.stderr
    # 12: the share of each article is in no gold line, so it counts as a look-alike.
    assert "look-alike filter trained on 12 candidates of 4 documents" in r.stdout
    again = Ranker.from_json(out.read_text("utf-8"))
    assert again.bias == 0.5 and again.weights == model.weights and again.fields == model.fields
    assert again.lookalike is not None
    out.write_text("{broken", "utf-8")
    r = subprocess.run(
        [*command, "-o", str(out), "--lookalike-only"], capture_output=True, text=True, cwd=REPO
    )
    assert r.returncode == 2 and "not JSON" in r.stderr and "Traceback" not in r.stderr
