"""Twenty-second session's rules (issue 11), with sentences written for the tests: a list
item that names what it counts keeps its own predicate, a transliterated name ends before
the verb that follows it, and a verbal noun before a place or person is no part of its name."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.entities import EntityTable, noun_runs
from extractor.nlp import tag
from extractor.timex import find_times, normalise

# (text, surface, predicate)
COUNTED_ITEMS = [
    ("王磊本场数据：12分、9个篮板、4次助攻。", "9个", "篮板"),
    ("王磊本场数据：12分、9个篮板、4次助攻。", "4次", "助攻"),
    ("该店上周卖出30台冰箱、12台洗衣机。", "12台", "洗衣机"),
]


@pytest.mark.parametrize(("text", "surface", "predicate"), COUNTED_ITEMS)
def test_a_list_item_naming_what_it_counts_keeps_its_own_predicate(
    text: str, surface: str, predicate: str
) -> None:
    [c] = [c for c in extract(text) if c.quantity_text == surface]
    assert c.predicate == predicate


def test_a_list_without_its_own_nouns_still_shares_the_verb() -> None:
    cands = extract("一季度出口和进口分别同比增长8.5%、6.1%。")
    assert [c.quantity_text for c in cands] == ["8.5%", "6.1%"]
    assert cands[1].predicate == cands[0].predicate != ""


# (text, the name, the number the name scored)
NAMES_THEN_VERBS = [
    ("决赛第三场，安东尼-帕克砍下31分，率队取胜。", "安东尼-帕克", "31分"),
    ("首节比赛，马库斯-戴维斯也拿下12分。", "马库斯-戴维斯", "12分"),
]


@pytest.mark.parametrize(("text", "name", "surface"), NAMES_THEN_VERBS)
def test_a_transliterated_name_ends_before_its_verb(text: str, name: str, surface: str) -> None:
    [c] = [c for c in extract(text) if c.quantity_text == surface]
    assert c.subject == name
    table = EntityTable(text, len(text))
    table.add_shapes()
    assert name in table.entries
    assert not any(e.startswith(name) and e != name for e in table.entries)


def test_a_verbal_noun_before_a_place_opens_no_run() -> None:
    text = "专家预测上海明年将新增住房5万套"
    toks, pos = [], 0
    for word, flag in tag(text):
        toks.append((word, flag, pos, pos + len(word)))
        pos += len(word)
    assert ("预测", "vn") in [(t[0], t[1]) for t in toks]
    runs = ["".join(t[0] for t in toks[i:j]) for i, j in noun_runs(toks)]
    assert not any(r.startswith("预测") for r in runs)
    assert any(r.startswith("上海") for r in runs)


def test_one_character_after_a_name_joiner_is_no_predicate() -> None:
    # 戈登 is tagged 戈|登 with 登 a verb: a piece of the name, and the points are 得分.
    [c] = extract("上半场结束时，埃里克-戈登11分。")
    assert c.subject == "埃里克-戈登"
    assert c.predicate == "得分"
    assert "登" not in [a["text"] for a in c.alternatives.get("predicate", [])]


# (text, the one expression, its value with the document dated 2022-05-01)
BRACKETED_TIMES = [
    (
        "今年春节假期（1月31日至2月6日），全市接待游客120万人次。",
        "今年春节假期（1月31日至2月6日）",
        "2022-01-31/2022-02-06",
    ),
    ("该片今日(21日)下午在北京举行首映礼，到场观众300人。", "今日(21日)下午", "2022-04-21"),
    ("本周（5月9日至15日）全市新房共成交1200套。", "本周（5月9日至15日）", "2022-05-09/2022-05-15"),
    ("2021年（截至12月31日），该行不良贷款率为1.2%。", "2021年（截至12月31日）", "../2021-12-31"),
]


@pytest.mark.parametrize(("text", "expr", "value"), BRACKETED_TIMES)
def test_a_time_and_the_bracket_restating_it_are_one_expression(
    text: str, expr: str, value: str
) -> None:
    found = find_times(text)
    assert [t.text for t in found][:1] == [expr]
    assert text[found[0].start : found[0].end] == expr
    assert normalise(expr, "2022-05-01") == value
    [c] = extract(text)
    assert c.time_text == expr


def test_a_bracket_that_holds_no_time_is_left_alone() -> None:
    found = find_times("今年一季度（不含港澳台）全国销量增长5%。")
    assert [t.text for t in found] == ["今年一季度"]


def test_a_day_range_ends_in_the_month_it_starts_in() -> None:
    assert normalise("5月9日至15日", "2022-08-01") == "2022-05-09/2022-05-15"


# (text, the look-alike, a claim of the same text that stays)
LOOKALIKES = [
    ("经十三届全国人大二次会议批准，今年国防预算增长7.5%。", "二次", "7.5%"),
    ("中国队在1/4决赛中以3比0战胜对手，比赛共进行了78分钟。", "1/4", "78分钟"),
    ("他说，做科研要有十年磨一剑的耐心，团队已投入2000万元。", "十年", "2000万元"),
]


@pytest.mark.parametrize(("text", "lookalike", "claim"), LOOKALIKES)
def test_names_of_sittings_and_rounds_and_idioms_are_lookalikes(
    text: str, lookalike: str, claim: str
) -> None:
    found = [c.quantity_text for c in extract(text)]
    assert lookalike not in found
    assert any(claim in q for q in found)


def test_a_count_of_sittings_without_a_congress_is_a_claim() -> None:
    assert "五次" in [c.quantity_text for c in extract("该委员会今年共召开五次会议。")]


def test_years_of_effort_said_as_a_fact_stay_a_claim() -> None:
    assert "四年" in [c.quantity_text for c in extract("导演四年磨一剑，新片票房已达3亿元。")]


# (text, the quantity, its time)
RECORD_WINDOWS = [
    ("2020年全国平均降水量694.8毫米，为1951年以来第四多。", "694.8毫米", "2020年"),
    ("上周沪指创2015年以来新高，两市成交额达到1.2万亿元。", "达到1.2万亿元", "上周"),
    ("今年5月，该市气温为有记录以来最高，用电量增长12%。", "12%", "今年5月"),
]


@pytest.mark.parametrize(("text", "surface", "time"), RECORD_WINDOWS)
def test_the_window_of_a_record_is_no_claims_time(text: str, surface: str, time: str) -> None:
    [c] = [c for c in extract(text) if c.quantity_text == surface]
    assert c.time_text == time
    assert "以来" not in c.time_text
    assert not any("以来" in a["text"] for a in c.alternatives.get("time", []))


def test_the_last_item_of_a_respective_list_keeps_a_word_ending_like_an_attribute() -> None:
    # 生活费 ends with 费 (an attribute suffix) but is one word: the item is 人员生活费.
    cands = extract("训练维持费和人员生活费分别约占31%和28%。")
    assert [c.subject for c in cands] == ["训练维持费", "人员生活费"]


def test_the_last_item_of_a_respective_list_drops_its_measured_attribute() -> None:
    cands = extract("甲基金和乙基金涨幅分别为5%和3%。")
    assert cands[1].subject == "乙基金"


def test_the_share_verb_inside_the_qualifier_is_a_predicate_option() -> None:
    [c] = extract("其中装备费约占41%。")
    options = [c.predicate] + [a["text"] for a in c.alternatives.get("predicate", [])]
    assert "约占" in options


def test_a_one_character_verb_and_its_complement_are_one_predicate_option() -> None:
    [c] = extract("对方主攻砍下全场最高的27分。")
    options = [c.predicate] + [a["text"] for a in c.alternatives.get("predicate", [])]
    assert "砍下" in options
    assert "砍" not in options


def test_a_statistic_offers_its_subject_composed_with_the_documents_scope() -> None:
    text = (
        "云岭省统计局发布公报。2020年全省规模以上工业增加值增长6.1%，"
        "全省居民消费价格上涨2.5%；城镇登记失业率为3.9%。"
    )
    c = next(c for c in extract(text) if c.quantity_text == "3.9%")
    alts = c.alternatives.get("subject", [])
    composed = [a for a in alts if a["text"].startswith("云岭省") and a["start"] is None]
    assert composed, alts
    assert all(a["end"] is None and a["score"] is None for a in composed)
    assert len(alts) <= 9


def test_a_national_release_composes_with_我国() -> None:
    text = (
        "海关总署介绍，今年一季度我国货物贸易进出口9.89万亿元。"
        "其中，民营企业进出口5.1万亿元，增长13.3%。"
    )
    c = next(c for c in extract(text) if c.quantity_text == "5.1万亿元")
    texts = [a["text"] for a in c.alternatives.get("subject", [])]
    assert any(t.startswith("我国") and t != "我国" for t in texts), texts


def test_no_scope_no_composed_runner_up() -> None:
    text = "华远智能去年营业收入58.6亿元，同比增长6.2%。"
    for c in extract(text):
        assert not any(
            a["start"] is None and a["text"].startswith(("我国", "全"))
            for a in c.alternatives.get("subject", [])
        )


def test_training_refuses_gold_documents_it_has_no_text_for(tmp_path) -> None:
    # A checkout whose corpus is not where the default looks would train on part of the gold.
    import json
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = "丙公司去年营业收入为3亿元。"
    (seeds / "a.txt").write_text(text, encoding="utf-8")
    rows = []
    for doc in ("a.txt", "gone-1", "gone-2"):
        start = text.index("3亿元")
        rows.append(
            {
                "doc": doc, "surface": "3亿元", "start": start, "end": start + 4,
                "value": 3e8, "value_max": None, "unit": "元", "qualifier": "=",
                "subject": "丙公司", "predicate": "营业收入", "time": "去年",
                "claim": True, "kind": "money", "note": "",
            }
        )  # fmt: skip
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    model = tmp_path / "m.json"
    got = subprocess.run(
        [
            sys.executable, "-m", "extractor.train", str(gold), "--seeds", str(seeds),
            "--corpus", str(tmp_path / "none.jsonl"), "-o", str(model),
        ],
        capture_output=True, text=True, cwd=repo,
    )  # fmt: skip
    assert got.returncode == 2 and not model.exists()
    assert got.stderr.count("\n") == 1
    assert "no text for 2 of the gold's 3 documents (gone-1, gone-2)" in got.stderr
    assert "Traceback" not in got.stderr
