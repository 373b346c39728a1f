"""bench/traditional.py: the gold rewritten in traditional characters keeps its offsets, and
the extractor scores the rewritten held-out half B as it scores B."""

from __future__ import annotations

import json
from pathlib import Path

from bench import traditional
from extractor.hanzi import simplified


def test_the_rewriting_keeps_every_offset_and_reads_back() -> None:
    text = "腾讯去年营业收入达到5601亿元，同比增长8%。"
    gold = [
        {
            "doc": "d",
            "surface": "达到5601亿元",
            "start": text.index("达到"),
            "end": text.index("，"),
            "unit": "元",
            "subject": "腾讯",
            "subject_aliases": ["腾讯公司"],
            "predicate": "营业收入",
            "time": "去年",
            "value": 5601e8,
        }
    ]
    g, t = traditional.rewrite(gold, {"d": text})
    assert t["d"] != text and len(t["d"]) == len(text) and simplified(t["d"]) == text
    assert t["d"][g[0]["start"] : g[0]["end"]] == g[0]["surface"] == "達到5601億元"
    assert g[0]["subject"] == "騰訊" and g[0]["subject_aliases"] == ["騰訊公司"]
    assert gold[0]["subject"] == "腾讯"  # the input is left as it was


def test_held_out_b_in_traditional_is_found_as_in_simplified(tmp_path: Path) -> None:
    out = tmp_path / "t.json"
    assert traditional.main(["--sets", "B", "--out", str(out)]) == 0
    row = json.loads(out.read_text("utf-8"))["B"]
    simp, trad = row["simplified"], row["traditional"]
    assert simp["recall"] > 0.9
    for key in ("precision", "recall", "accept_as_is", "subject", "time"):
        # (the figures are rounded to three places: a difference of one point, 0.855 against
        # 0.845, is within the bound, whatever the float subtraction leaves in the last bits)
        assert round(abs(trad[key] - simp[key]), 3) <= 0.01, (key, trad, simp)
