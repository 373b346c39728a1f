"""``bench/unseen.py``: the candidates of corpus articles no gold file holds, printed to read."""

from __future__ import annotations

import json

from bench import unseen


def _corpus(tmp_path, articles):
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), "utf-8")
    return path


def test_articles_of_a_gold_file_are_never_shown(tmp_path, capsys):
    gold = unseen.gold_documents()
    assert "thucnews-val-0148" in gold  # a document of tests/data/dev_claims.jsonl
    path = _corpus(
        tmp_path,
        [
            {"id": "thucnews-val-0148", "category": "财经", "text": "甲公司营收12亿元。"},
            {"id": "free-1", "category": "财经", "text": "乙公司去年营收达到8亿元，同比增长15%。"},
        ],
    )
    assert unseen.main(["--corpus", str(path), "--n", "5"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("===== free-1 财经")
    assert "thucnews-val-0148" not in "\n".join(out)
    assert any("[达到8亿元]" in line and "subject=乙公司" in line for line in out)
    assert any("[15%]" in line and "predicate=" in line for line in out)


def test_a_category_and_a_seed_choose_the_sample(tmp_path):
    arts = [
        {"id": f"a{i}", "category": "体育" if i % 2 else "财经", "text": "x"} for i in range(10)
    ]
    path = _corpus(tmp_path, arts)
    one = unseen.sample(path, 3, 7, "体育", exclude=set())
    assert [a["id"] for a in one] == [a["id"] for a in unseen.sample(path, 3, 7, "体育", set())]
    assert {a["category"] for a in one} == {"体育"} and len(one) == 3


def test_bad_input_is_one_line_and_status_2(tmp_path, capsys):
    assert unseen.main(["--corpus", str(tmp_path / "none.jsonl")]) == 2
    assert (
        capsys.readouterr().err.strip() == f"error: {tmp_path / 'none.jsonl'}: no such corpus file"
    )
    good = _corpus(tmp_path, [{"id": "free-1", "text": "乙公司营收8亿元。"}])
    assert unseen.main(["--corpus", str(good), "--n", "0"]) == 2
    assert capsys.readouterr().err == "error: --n must be at least 1\n"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", "utf-8")
    assert unseen.main(["--corpus", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {bad}: not JSON lines") and err.count("\n") == 1
    only_gold = _corpus(tmp_path, [{"id": "thucnews-val-0148", "text": "甲公司营收12亿元。"}])
    assert unseen.main(["--corpus", str(only_gold)]) == 2
    assert "no article outside the gold files" in capsys.readouterr().err


def test_full_shows_what_each_candidate_reads_and_uncovered_the_numbers_left(tmp_path, capsys):
    path = _corpus(
        tmp_path,
        [{"id": "free-1", "text": "乙公司今年3月营收达到3至5万元，电话是12345678。"}],
    )
    assert unseen.main(["--corpus", str(path), "--full", "--uncovered"]) == 0
    out = capsys.readouterr().out.splitlines()
    (cand,) = [line for line in out if "[达到3至5万元]" in line]
    assert "|| = 30000..50000 元" in cand and "time=XXXX-03" in cand and "rule=range" in cand
    assert out[-1].startswith("  no candidate: ") and "12345678" in out[-1]
    assert unseen.main(["--corpus", str(path)]) == 0
    plain = capsys.readouterr().out
    assert "rule=" not in plain and "no candidate" not in plain
