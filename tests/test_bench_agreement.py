"""bench/agreement.py: the second annotation is checked line by line before it is scored, and
scoring it as proposals uses the eval's own rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import agreement
from extractor import evaluate as ev

TEXT = "甲公司2023年营业收入达到120亿元，同比增长15%。"


def _record(**over: object) -> dict:
    rec = {
        "doc": "d1",
        "surface": "120亿元",
        "start": 14,
        "end": 19,
        "value": 12e9,
        "value_max": None,
        "unit": "元",
        "qualifier": "=",
        "subject": "甲公司",
        "predicate": "营业收入",
        "time": "2023年",
        "claim": True,
        "kind": "money",
        "note": "",
    }
    rec.update(over)
    return rec


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "second.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_records_whose_offsets_hold_load(tmp_path: Path) -> None:
    path = _write(tmp_path, [json.dumps(_record(), ensure_ascii=False), ""])
    assert [r["surface"] for r in agreement.load_second(path, {"d1": TEXT})] == ["120亿元"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "second.jsonl:1: not JSON"),
        (json.dumps(_record(doc="d9"), ensure_ascii=False), "second.jsonl:1: no article 'd9'"),
        (
            json.dumps(_record(start=13), ensure_ascii=False),
            "second.jsonl:1: surface '120亿元' is not at [13:19]",
        ),
        (
            json.dumps(_record(start="14"), ensure_ascii=False),
            "second.jsonl:1: surface '120亿元' is not at [14:19]",
        ),
    ],
)
def test_a_bad_line_is_named(tmp_path: Path, line: str, message: str) -> None:
    path = _write(tmp_path, [line])
    with pytest.raises(agreement.SecondError) as err:
        agreement.load_second(path, {"d1": TEXT})
    assert message in str(err.value)


def test_a_bad_file_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = _write(tmp_path, ["{not json"])
    gold = str(agreement.REFERENCE[0])
    out = str(tmp_path / "o.json")
    assert agreement.main(["--second", str(path), "--gold", gold, "--out", out]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "second.jsonl:1" in err[0]
    assert not (tmp_path / "o.json").exists()


def test_proposals_are_the_claims_scored_by_the_eval_rules() -> None:
    gold = [
        _record(),
        _record(
            surface="15%",
            start=24,
            end=27,
            value=15.0,
            unit="%",
            predicate="同比增长",
            kind="percent",
        ),
    ]
    second = [
        # the same claim, its subject written shorter (covers 2/3 of the gold's: right)
        _record(subject="甲公司"),
        # the other claim with another time, and a look-alike that is not proposed
        _record(
            surface="15%",
            start=24,
            end=27,
            value=15.0,
            unit="%",
            predicate="同比增长",
            kind="percent",
            time=None,
        ),
        _record(surface="2023年", start=3, end=8, value=2023.0, unit="年", claim=False),
    ]
    proposals = agreement.as_proposals(second)
    assert len(proposals) == 2
    report = ev.score(gold, proposals)
    assert (report["found"], report["accepted_as_is"]) == (2, 1)
    assert report["fields"]["time"] == 0.5


def test_the_shipped_second_annotation_holds_in_its_articles() -> None:
    gold = [g for path in agreement.REFERENCE for g in ev.load_gold(path)]
    texts = ev._documents(
        gold, agreement.ROOT / "seeds", [Path(c) for c in ev.default_corpora(agreement.ROOT)]
    )
    second = agreement.load_second(agreement.SECOND, texts)
    docs = {r["doc"] for r in second}
    # every article annotated is a reference-gold article, of both parts
    assert docs <= {str(g["doc"]) for g in gold}
    assert docs & ev.split_part(agreement.SPLIT, "train")
    assert docs & ev.split_part(agreement.SPLIT, "test")
    assert sum(1 for r in second if r.get("claim")) >= 100


def test_second_and_gold_go_together(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        agreement.main(["--second", str(tmp_path / "x.jsonl")])
    assert exit_.value.code == 2


def test_a_given_pair_is_scored_for_all_its_documents(tmp_path: Path) -> None:
    # A second annotation of seed documents (in no part of the split): one row set, "all".
    seed = agreement.ROOT.parent / "shared" / "gold" / "seed_claims.jsonl"
    if not seed.is_file():
        pytest.skip("no ../shared/gold/seed_claims.jsonl")
    gold = ev.load_gold(seed)
    path = _write(tmp_path, [json.dumps(g, ensure_ascii=False) for g in gold])
    rows = agreement.compare((seed,), path)
    assert list(rows) == ["all"]
    # the gold against itself agrees in every field
    assert rows["all"]["annotation"]["accept_as_is"] == 1.0
    assert rows["all"]["gold against it"]["recall"] == 1.0


def test_the_shipped_second_annotation_of_b_holds_in_its_articles() -> None:
    gold_paths, second_path = agreement.SETS["modern B"]
    gold = [g for path in gold_paths for g in ev.load_gold(path)]
    texts = ev._documents(
        gold, agreement.ROOT / "seeds", [Path(c) for c in ev.default_corpora(agreement.ROOT)]
    )
    second = agreement.load_second(second_path, texts)
    # every article of B, and only those
    assert {r["doc"] for r in second} == {str(g["doc"]) for g in gold}


def test_the_shipped_third_annotation_covers_the_test_part() -> None:
    gold_paths, third_path = agreement.SETS["third"]
    gold = [g for path in gold_paths for g in ev.load_gold(path)]
    texts = ev._documents(
        gold, agreement.ROOT / "seeds", [Path(c) for c in ev.default_corpora(agreement.ROOT)]
    )
    third = agreement.load_second(third_path, texts)
    assert {r["doc"] for r in third} == ev.split_part(agreement.SPLIT, "test")
