"""Predicate and time options (extractor/options.py), the subject generators of issue 11
(clause openers, 的-phrases, transliterated names), and the per-field ranker model.

Sentences are written for these tests; none is copied from a gold file.
"""

from __future__ import annotations

import json

import pytest

from extractor import extract
from extractor.core import extract_with_fields
from extractor.entities import EntityTable
from extractor.ranker import (
    FIELD_FEATURES,
    ModelError,
    Option,
    Ranker,
    combine,
    fit,
    shipped,
)


def _fields(text: str, surface: str) -> tuple[object, dict[str, list[Option]]]:
    for cand, fields in extract_with_fields(text):
        if cand.quantity_text == surface:
            return cand, fields
    raise AssertionError(
        f"{surface} not found in {[c.quantity_text for c, _ in extract_with_fields(text)]}"
    )


def _texts(options: list[Option]) -> list[str]:
    return [o.text for o in options]


# ---------------------------------------------------------------------------- predicate
def test_predicate_options_hold_the_counted_noun_and_the_verb_after_it() -> None:
    _, fields = _fields("逾六成商户下调了价格。", "逾六成")
    opts = {o.text: o for o in fields["predicate"]}
    assert "商户" in opts and opts["商户"].features.get("counted")
    assert "下调" in opts and opts["下调"].features.get("counted_verb")


def test_predicate_options_hold_a_verb_phrase_with_its_adverb() -> None:
    _, fields = _fields("乙县去年粮食产量同比增长4.2%。", "4.2%")
    texts = _texts(fields["predicate"])
    assert "增长" in texts and "同比增长" in texts
    modal = next(o for o in fields["predicate"] if o.text == "同比增长")
    assert modal.features.get("modal") and modal.features.get("before")


def test_the_items_of_a_list_share_their_verb() -> None:
    cands = extract("丙市工业产值和税收分别增长3.1%、2.4%。")
    assert len(cands) == 2 and cands[0].predicate and cands[1].predicate == cands[0].predicate
    _, fields = _fields("丙市工业产值和税收分别增长3.1%、2.4%。", "2.4%")
    assert any(o.features.get("shared") for o in fields["predicate"])


def test_predicate_alternatives_point_at_their_text() -> None:
    text = "丁公司上月共招聘了120名员工，培训费用超过30万元。"
    for c in extract(text):
        for alt in c.alternatives.get("predicate", []):
            if alt["start"] is not None:
                assert text[alt["start"] : alt["end"]] == alt["text"]
            assert alt["text"] != c.predicate


# --------------------------------------------------------------------------------- time
def test_time_options_offer_no_time_and_never_a_comparison_base() -> None:
    _, fields = _fields("戊市5月房价比去年同期上涨3%。", "3%")
    texts = _texts(fields["time"])
    assert "" in texts  # no time at all is always an option
    assert "5月" in texts and "去年同期" not in texts


def test_time_options_reach_back_within_the_paragraph_only() -> None:
    text = "6月2日，己队主场获胜。赛后统计，己队全场命中率为48%。\n次场比赛己队得了90分。"
    _, same = _fields(text, "48%")
    assert "6月2日" in _texts(same["time"])
    back = next(o for o in same["time"] if o.text == "6月2日")
    assert back.features["sentences_back"] > 0
    _, other = _fields(text, "90分")
    assert "6月2日" not in _texts(other["time"])


def test_a_plan_marks_every_time_option_with_where_it_stands() -> None:
    _, fields = _fields("庚市计划明年新建学校12所。", "12所")
    marks = {o.text: {k for k in o.features if k.startswith("cue_plan*")} for o in fields["time"]}
    assert marks == {"明年": {"cue_plan*clause"}, "": {"cue_plan*none"}}


def test_season_words_are_time_expressions() -> None:
    cand = extract("本赛季辛队前锋场均得到18分。")[0]
    assert cand.time_text == "本赛季"


# ------------------------------------------------------------------------------ subject
def test_the_words_opening_a_clause_are_a_subject_option() -> None:
    _, fields = _fields("据介绍，外省考生有3种途径可选。", "3种")
    opts = {o.text: o for o in fields["subject"]}
    assert "外省考生" in opts and opts["外省考生"].features.get("stretch")
    assert opts["外省考生"].features.get("own_opener")
    _, fields = _fields("丙市工业产值和税收分别增长3.1%、2.4%。", "3.1%")
    assert "丙市工业产值和税收" in _texts(fields["subject"])


def test_a_de_phrase_opening_the_clause_is_a_subject_option() -> None:
    _, fields = _fields("当天，涨幅超过两成的新股有十几只。", "十几只")
    opts = {o.text: o for o in fields["subject"]}
    assert "涨幅超过两成的新股" in opts
    assert opts["涨幅超过两成的新股"].features.get("de_phrase")


def test_a_greedy_transliterated_name_is_cut_to_the_parts_written_alone() -> None:
    text = "球迷们为新秀马可-波利奇欢呼。波利奇本场拿下20分，波利奇还抢到8个篮板，马可也说很开心。"
    table = EntityTable(text, text.index("。") + 1)
    table.add_shapes()
    assert "马可-波利奇" in table.entries
    assert not any(e.startswith("新秀") or e.endswith("欢呼") for e in table.entries)
    _, fields = _fields(text, "8个")
    assert "马可-波利奇" in _texts(fields["subject"])


# ------------------------------------------------------------------------- model files
def test_a_model_ranks_each_field_with_its_own_weights_and_round_trips() -> None:
    subj = fit([[({"rule": 1.0}, True), ({"table": 1.0}, False)]] * 5)
    pred = fit([[({"counted": 1.0}, True), ({"rule": 1.0}, False)]] * 5, field="predicate")
    time = fit([[({"empty": 1.0}, True), ({"rule": 1.0}, False)]] * 5, field="time")
    model = combine(subj, predicate=pred, time=time)
    assert model.ranks("predicate") and model.ranks("time")
    assert model.fields["predicate"]["counted"] > 0 > model.fields["predicate"]["rule"]
    again = Ranker.from_json(model.to_json())
    assert again.fields["time"] == pytest.approx(model.fields["time"], abs=1e-5)
    data = json.loads(model.to_json())
    assert set(data["fields"]["time"]) == set(FIELD_FEATURES["time"])
    ranked = again.rank(
        [Option("a", 0, 1, {"rule": 1.0}), Option("", -1, -1, {"empty": 1.0})], "time"
    )
    assert ranked[0].text == ""


def test_a_model_without_field_weights_keeps_the_rules_choice() -> None:
    old = Ranker({"rule": 1.0})  # a model stored by an older claimdesk train
    assert not old.ranks("time") and old.ranks("subject")
    text = "2008年，公司实现营业收入5.74亿元。"
    assert extract(text, ranker=old)[0].time_text == "2008年"
    ranked = old.rank([Option("x", 0, 1, {}), Option("y", 2, 3, {"rule": 1.0})], "predicate")
    assert ranked[0].text == "y"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ("[]", "fields must be an object"),
        ('{"object": {}}', "unknown field 'object'"),
        ('{"time": []}', "weights of field 'time' must be an object"),
        ('{"time": {"empty": "x"}}', "time weight 'empty' is not a number"),
    ],
)
def test_bad_field_weights_are_refused_with_one_line(fields: str, message: str) -> None:
    text = '{"version": 1, "weights": {}, "fields": ' + fields + "}"
    with pytest.raises(ModelError, match=message) as info:
        Ranker.from_json(text, "m.json")
    assert str(info.value).startswith("m.json: ") and "\n" not in str(info.value)


def test_the_shipped_model_ranks_predicate_and_time() -> None:
    model = shipped()
    assert model.ranks("predicate") and model.ranks("time")
    assert any(w != 0 for w in model.fields["time"].values())


def test_a_clause_opener_stops_at_comparison_adverbs_and_time_words() -> None:
    text = "壬县小麦今年收购量达3万吨，同比增长12%，日均收购超过800吨。"
    for surface in ("12%", "超过800吨"):
        _, fields = _fields(text, surface)
        texts = _texts(fields["subject"])
        assert "同比" not in texts and "日均" not in texts
    _, fields = _fields("癸市上周五股指收涨1.2%。", "1.2%")
    assert not any("上周五" in t for t in _texts(fields["subject"]) if t != "癸市上周五股指")


def test_quoted_terms_and_headline_nouns_are_topic_options() -> None:
    text = "调查称多数“00后”爱读书\n调查显示，“00后”平均每月读书2本，其中六成“00后”喜欢小说。"
    _, fields = _fields(text, "六成")
    opts = {o.text: o for o in fields["subject"]}
    assert "00后" in opts and opts["00后"].features.get("topic_term")


def test_period_words_of_reports_and_markets_are_time_expressions() -> None:
    from extractor.timex import find_times

    assert [t.text for t in find_times("全年共接收捐款，春节期间销售增长，周四早盘下跌")] == [
        "全年",
        "春节期间",
        "周四早盘",
    ]


def test_the_lead_time_is_an_option_and_a_dateline_is_not() -> None:
    text = (
        "子市基金普遍下跌本报6月9日讯 8日开放式基金跌多涨少。"
        "股票型基金八成下跌。债券型基金表现平稳。丑基金跌1.2%，排名末位。"
    )
    _, fields = _fields(text, "1.2%")
    lead = {o.text: o for o in fields["time"] if o.features.get("lead")}
    assert "8日" in lead and "6月9日" not in lead


def test_a_name_is_read_back_from_its_organisation_suffix() -> None:
    # The tagger splits 成长 and 增长 out of these fund names as verbs.
    text = "其中，卯华行业成长基金上周净值上涨3.2%，辰星动力增长基金（LOF）下跌1.1%。"
    _, fields = _fields(text, "3.2%")
    opts = {o.text: o for o in fields["subject"]}
    assert "卯华行业成长基金" in opts and opts["卯华行业成长基金"].features.get("suffix_name")
    _, fields = _fields(text, "1.1%")
    assert "辰星动力增长基金" in _texts(fields["subject"])


def _gold_row(text: str, doc: str, surface: str, value: float, subject: str) -> dict:
    start = text.index(surface)
    return {
        "doc": doc,
        "surface": surface,
        "start": start,
        "end": start + len(surface),
        "value": value,
        "unit": "元",
        "subject": subject,
        "predicate": "营业收入",
        "time": "去年",
        "claim": True,
    }


def test_training_takes_extra_gold_but_never_an_article_of_the_test_part(tmp_path) -> None:
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    texts = {
        "a.txt": "甲公司表示，乙集团去年营业收入达到8亿元。",
        "b.txt": "丙公司去年营业收入为3亿元。",
        "c.txt": "丁公司去年营业收入为5亿元。",
        "d.txt": "戊公司去年营业收入为6亿元。",
    }
    for name, text in texts.items():
        (seeds / name).write_text(text, encoding="utf-8")
    split = tmp_path / "split.json"
    split.write_text(json.dumps({"train": ["a.txt"], "test": ["b.txt"]}), "utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(_gold_row(texts["a.txt"], "a.txt", "8亿元", 8e8, "乙集团"), ensure_ascii=False),
        "utf-8",
    )

    def run(*extra: dict) -> subprocess.CompletedProcess:
        paths = []
        for i, row in enumerate(extra):
            path = tmp_path / f"extra{i}.jsonl"
            path.write_text(json.dumps(row, ensure_ascii=False), "utf-8")
            paths.append(str(path))
        return subprocess.run(
            [
                sys.executable, "-m", "extractor.train", str(gold), "--seeds", str(seeds),
                "--split", str(split), "--extra", *paths, "-o", str(tmp_path / "m.json"),
            ],
            capture_output=True, text=True, cwd=repo,
        )  # fmt: skip

    leak = run(_gold_row(texts["b.txt"], "b.txt", "3亿元", 3e8, "丙公司"))
    assert leak.returncode == 2 and not (tmp_path / "m.json").exists()
    assert leak.stderr.count("\n") == 1 and "articles of the test part: ['b.txt']" in leak.stderr
    ok = run(_gold_row(texts["c.txt"], "c.txt", "5亿元", 5e8, "丁公司"))
    assert ok.returncode == 0, ok.stderr
    assert "trained on 2 claims of 2 documents" in ok.stdout
    model = Ranker.from_json((tmp_path / "m.json").read_text("utf-8"))
    assert model.ranks("predicate") and model.ranks("time")
    # One --extra takes several files (--extra modern_{a,c,d}_claims.jsonl).
    two = run(
        _gold_row(texts["c.txt"], "c.txt", "5亿元", 5e8, "丁公司"),
        _gold_row(texts["d.txt"], "d.txt", "6亿元", 6e8, "戊公司"),
    )
    assert two.returncode == 0, two.stderr
    assert "trained on 3 claims of 3 documents" in two.stdout


# ------------------------------------------------------- issue 11: predicate option families
def _pred(text: str, surface: str) -> dict[str, Option]:
    _, fields = _fields(text, surface)
    return {o.text: o for o in fields["predicate"]}


def test_every_measured_unit_is_a_predicate_option_and_a_classifier_is_not() -> None:
    from extractor.lexicon import words

    for word in words("measured_units"):
        if word == "种子":
            text, surface = "午队是本届锦标赛的3号种子。", "3号种子"
        elif word == "像素":
            text, surface = "这台相机拥有800万像素。", "800万像素"
        else:
            text, surface = f"未队本赛季的战绩是12{word}。", f"12{word}"
        opts = _pred(text, surface)
        assert word in opts and opts[word].features.get("unit_word"), (word, list(opts))
    assert not any(
        o.features.get("unit_word") for o in _pred("申队共有12名队员。", "12名").values()
    )


def test_a_box_score_shape_names_its_statistic_and_is_not_shared_with_the_list() -> None:
    cands = {c.quantity_text: c for c in extract("酉某全场15投7中，3罚2中，抢下9篮板。")}
    assert cands["15投7中"].predicate == "投篮"
    assert cands["3罚2中"].predicate == "罚球"
    # The statistic it counts or the verb that governs it (the reference gold writes 抢下 for
    # 抢下20个篮板), never the list's statistic.
    assert cands["9篮板"].predicate in ("篮板", "抢下")


def test_a_label_before_the_clause_is_a_predicate_option() -> None:
    opts = _pred("[型号]:戌牌X1   [参考售价]:1299元   [电话]:见官网", "1299元")
    assert "参考售价" in opts and opts["参考售价"].features.get("label")
    opts = _pred("第二款：亥牌睡衣 售价：860美元(含腰带)", "860美元")
    assert "售价" in opts and opts["售价"].features.get("label")


def test_the_items_of_a_list_carry_the_predicate_of_its_total() -> None:
    text = "全年共募集善款80亿元，其中甲基金会50亿元，乙协会20亿元。"
    cands = {c.quantity_text: c for c in extract(text)}
    first = cands["80亿元"].predicate
    assert first
    for item in ("50亿元", "20亿元"):
        carried = [o.text for o in _pred(text, item).values() if o.features.get("list_carried")]
        assert carried == [first], (item, carried)


def test_names_times_and_datelines_are_never_predicate_options() -> None:
    assert "姚明" not in _pred("姚明8投5中，拿下20分。", "20分")
    opts = _pred("据悉，子公司今年一季度营业收入3亿元。", "3亿元")
    assert not any("一季度" in t for t in opts)
    opts = _pred("丑市新建学校12所新华网3月5日电", "12所")
    assert not any("新华网" in t or "电" in t for t in opts)


def test_a_measured_attribute_of_the_clause_or_the_clause_before_is_an_option() -> None:
    opts = _pred("寅大学的录取率从2010年的6.9%下降到2011年的6.3%。", "6.9%")
    assert "录取率" in opts and opts["录取率"].features.get("clause_attr")
    opts = _pred("卯市失业率持续上升，达到5.2%。", "达到5.2%")
    attr = [o for t, o in opts.items() if t.endswith("失业率")]
    assert attr and attr[0].features.get("previous_clause")


def test_the_noun_after_the_quantity_and_the_governing_verb_are_marked() -> None:
    opts = _pred("辰公司为客户提供约100亿元风险保障。", "约100亿元")
    assert opts["提供"].features.get("governs")
    assert opts["风险"].features.get("object_noun") and opts["风险"].features.get("after_governed")
    opts = _pred("该机采用了3.0英寸的液晶显示屏。", "3.0英寸")
    assert "液晶显示屏" in opts and opts["液晶显示屏"].features.get("object_noun")
    opts = _pred("该机配有1英寸的TFT LCD屏幕。", "1英寸")
    assert "LCD屏幕" in opts and opts["LCD屏幕"].features.get("head_noun")
    # A copula before the quantity governs nothing.
    opts = _pred("巳市共有8所大学。", "8所")
    assert not any(o.features.get("object_noun") for o in opts.values())


def test_a_verb_after_the_quantity_is_found_past_quotes_but_never_a_modal() -> None:
    opts = _pred("调查显示，38%的“00后”都会攒钱。", "38%")
    assert "攒钱" in opts or "攒" in opts
    assert "会" not in opts
    opts = _pred("其中，29%每月花500元。", "29%")
    assert "花" in opts


def test_after_yi_and_de_the_attribute_is_offered_and_the_main_verb_is_not() -> None:
    opts = _pred("丙基金以15%的份额位居第一。", "15%")
    assert opts["份额"].features.get("yi_de")
    assert "位居" not in opts


def test_an_age_offers_the_attribute_it_states() -> None:
    opts = _pred("这位歌手今年25岁。", "25岁")
    assert "年龄" in opts


# ------------------------------------------------------------ issue 11: time option families
def test_periods_of_reports_games_and_fiscal_years_are_time_expressions() -> None:
    from extractor.timex import find_times

    text = (
        "报告期内营收增长。第四节他得分。到了第二战才赢。"
        "上财年签证增加。当时持股。过去一日新增病例。"
    )
    assert [t.text for t in find_times(text)] == [
        "报告期内",
        "第四节",
        "第二战",
        "上财年",
        "当时",
        "过去一日",
    ]
    # Not inside other words: 这五年中 (a span of years), 出现在 (a verb).
    assert [t.text for t in find_times("这五年中房价上涨，问题出现在第三季度")] == ["第三季度"]


def test_a_sentence_split_at_a_semicolon_keeps_its_time() -> None:
    text = "报告期内，午公司营业收入5亿元；营业利润2亿元；净利润1亿元。"
    rules = Ranker({"rule": 1.0})
    assert [c.time_text for c in extract(text, ranker=rules)] == ["报告期内"] * 3
    _, fields = _fields(text, "1亿元")
    back = [o for o in fields["time"] if o.text == "报告期内"]
    assert back and back[0].features.get("semicolon")
    # A full stop ends it: a moment is not carried by the rules past one.
    moved = extract("4月2日，未公司营业收入5亿元。营业利润2亿元。", ranker=rules)
    assert moved[-1].time_text == ""


def test_times_that_refer_back_datelines_and_static_kinds_are_marked() -> None:
    # 当时 of an earlier sentence's date (a date of its own sentence stands for it).
    _, fields = _fields("2008年9月5日，申基金净值跌破1元。当时共有48只基金。", "48只")
    opts = {o.text: o for o in fields["time"]}
    assert opts["当时"].features.get("refers_back") and "2008年9月5日" in opts
    _, fields = _fields("酉队大胜新浪体育讯北京时间4月18日消息，酉队拿下30分。", "30分")
    dated = [o for o in fields["time"] if "4月18日" in o.text]
    assert dated and dated[0].features.get("dateline")
    _, fields = _fields("今年，戌某身高1米85。", "1米85")
    assert all(o.features.get("kind_static") for o in fields["time"] if o.text)


def test_the_time_of_the_previous_claim_is_marked() -> None:
    rules = Ranker({"rule": 1.0})
    text = "2008年，亥公司营收10亿元。子公司净利润2亿元。"
    (_, _), (_, fields) = extract_with_fields(text, ranker=rules)
    same = [o for o in fields["time"] if o.text == "2008年"]
    assert same and same[0].features.get("previous_time")
    (_, fields), *_ = extract_with_fields("丑公司营收10亿元，寅公司营收3亿元。", ranker=rules)[1:]
    empty = [o for o in fields["time"] if not o.text]
    assert empty and empty[0].features.get("previous_empty")


# ------------------------------------------------- issue 11, s4-pred: predicate option families
@pytest.mark.parametrize(
    ("text", "surface", "verb", "fragments"),
    [
        # The verb before a transliterated name is read across its parts and joiners.
        ("午队已经给了萨沙-武贾西奇两份合同。", "两份", "给", ("武贾西奇", "萨沙", "西奇")),
        ("未队送走了安德烈-伊戈达拉两个次轮签。", "两个", "送走", ("伊戈达拉", "达拉")),
    ],
)
def test_the_verb_before_a_transliterated_name_and_never_a_piece_of_the_name(
    text: str, surface: str, verb: str, fragments: tuple[str, ...]
) -> None:
    cand, fields = _fields(text, surface)
    texts = _texts(fields["predicate"])
    assert verb in texts, texts
    assert not any(f in t for f in fragments for t in texts), texts
    assert not any(f in (cand.predicate or "") for f in fragments)  # type: ignore[attr-defined]


def test_a_word_read_as_a_preposition_is_a_verb_when_it_takes_le() -> None:
    # 给 is tagged as a preposition; with 了 after it only a verb can stand.
    assert "给" in _pred("申队上周给了新秀三份合同。", "三份")


@pytest.mark.parametrize(
    ("text", "surface", "rest"),
    [
        ("调查显示，41.5%的“甲世代”每个月都会给父母零花钱。", "41.5%", "每个月都会给"),
        ("其中，27.0%每月给800元以下，3.1%给3000元以上。", "27.0%", "每月给800元以下"),
        ("其中，27.0%每月给800元以下，3.1%给3000元以上。", "3.1%", "给3000元以上"),
        ("六成受访者打算明年换工作。", "六成", "打算"),
    ],
)
def test_a_share_opening_its_clause_offers_the_rest_of_the_clause(
    text: str, surface: str, rest: str
) -> None:
    opts = _pred(text, surface)
    assert rest in opts and opts[rest].features.get("rest_of_clause"), list(opts)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("乙公司今年营收100亿元，同比增长两成。", "100亿元"),  # money: no group counted
        ("丙部门去年增加了两成人手。", "两成"),  # the share does not open its clause
    ],
)
def test_no_rest_of_clause_for_an_amount_or_a_share_inside_its_clause(
    text: str, surface: str
) -> None:
    opts = _pred(text, surface)
    assert not any(o.features.get("rest_of_clause") for o in opts.values()), list(opts)


@pytest.mark.parametrize(
    ("text", "surface", "noun"),
    [
        ("乙行业的人均薪酬更是超过70万元。", "超过70万元", "人均薪酬"),
        ("丁指数全年下跌16.5%，但全年振幅也只有29.4%。", "29.4%", "振幅"),
        ("丙基金的仓位还从一季度的61.2%加至二季度的65.4%。", "61.2%", "仓位"),
    ],
)
def test_the_noun_before_adverbs_a_time_or_cong_is_offered(
    text: str, surface: str, noun: str
) -> None:
    opts = _pred(text, surface)
    found = [t for t, o in opts.items() if noun in t and o.features.get("adverb_gap")]
    assert found, list(opts)


@pytest.mark.parametrize(
    ("text", "surface", "phrase"),
    [
        ("甲指数午盘收盘于2980.80点。", "2980.80点", "收盘于"),
        ("乙股昨日尾盘报收于12.50元。", "12.50元", "收于"),
    ],
)
def test_a_word_with_yu_before_the_quantity_is_a_verb_phrase(
    text: str, surface: str, phrase: str
) -> None:
    opts = _pred(text, surface)
    assert phrase in opts and opts[phrase].features.get("prep_verb"), list(opts)


def test_a_common_noun_the_tagger_calls_proper_is_offered() -> None:
    # 触摸屏 is tagged nz ("other proper noun"): what a size measures, not a name.
    assert "触摸屏" in _pred("这台相机配备了3.0英寸触摸屏。", "3.0英寸")


def test_every_new_predicate_feature_is_documented() -> None:
    for name in ("rest_of_clause", "adverb_gap", "prep_verb"):
        assert name in FIELD_FEATURES["predicate"]


@pytest.mark.parametrize(
    ("text", "surface", "fragment"),
    [
        # The tagger splits 湖人 into 湖/ns 人/n: 人 is the end of the name, not a predicate.
        ("湖人108-99击败太阳。", "108-99", "人"),
        ("湖人全场命中率只有41%。", "41%", "人全场命中率"),
    ],
)
def test_the_end_of_a_split_name_never_starts_a_predicate(
    text: str, surface: str, fragment: str
) -> None:
    cand, fields = _fields(text, surface)
    texts = _texts(fields["predicate"])
    assert fragment not in texts and "湖人" not in texts, texts
    assert not (cand.predicate or "").startswith("人")  # type: ignore[attr-defined]


def test_a_one_character_verb_after_a_person_stays_a_predicate() -> None:
    # 打 follows a person's name directly: a verb, not the end of the name.
    assert "打" in _pred("第一场，布泽尔打了26分钟。", "26分钟")


def test_a_byline_is_never_a_predicate() -> None:
    # A headline glued to its byline: 作者 names who wrote the text.
    opts = _pred("甲牌相机仅售1080元作者：乙某\n甲牌相机搭载一枚传感器。", "1080元")
    assert "作者" not in opts and any("售" in t for t in opts), list(opts)


# ------------------------------------------------ time: issue 11's time round (s4-timex)
def _time_option(text: str, surface: str, time_text: str) -> Option | None:
    _, fields = _fields(text, surface)
    return next((o for o in fields["time"] if o.text == time_text), None)


@pytest.mark.parametrize(
    ("text", "surface", "time_text", "offered"),
    [
        # Headings split off at spaces are not the whole lead: the body's first sentence is.
        (
            "寅指数大跌 卯基金全线下挫辰网3月4日讯 两市基金周二早盘大幅走低，跌幅居前。"
            "巳基金跌2.5%，午基金跌1.8%。",
            "1.8%",
            "周二早盘",
            True,
        ),
        # A sentence whose only time is a part of the day passes it on.
        ("未指数周三收于3000点。申基金午盘全线下跌。酉基金跌1.5%。", "1.5%", "午盘", True),
        # A part of the day that is a comparison base is never offered.
        ("未指数周三收于3000点。申基金较午盘全线下跌。酉基金跌1.5%。", "1.5%", "午盘", False),
    ],
)
def test_times_carried_from_the_lead_and_earlier_sentences(
    text: str, surface: str, time_text: str, offered: bool
) -> None:
    assert (_time_option(text, surface, time_text) is not None) is offered


def test_the_lead_is_the_body_s_first_sentence_and_never_its_dateline() -> None:
    text = (
        "寅指数大跌 卯基金全线下挫辰网3月4日讯 两市基金周二早盘大幅走低，跌幅居前。"
        "巳基金跌2.5%。债券基金表现平稳。午基金跌1.8%。"
    )
    early = _time_option(text, "1.8%", "周二早盘")
    assert early is not None and early.features.get("lead")
    dateline = _time_option(text, "1.8%", "3月4日")
    assert dateline is None or not dateline.features.get("lead")


@pytest.mark.parametrize(
    ("text", "surface", "time_text", "feature", "marked"),
    [
        # A time before a comma governs the clauses after it.
        ("2009年，亥市工业产值增长8%。", "8%", "2009年", "topical", True),
        ("亥市2009年工业产值增长8%。", "8%", "2009年", "topical", False),
        # A source cue between the time and the quantity: the time dates the report.
        ("子公司近日透露，丑产品销量达5万台。", "达5万台", "近日", "source_between", True),
        ("子公司近日卖出丑产品5万台。", "5万台", "近日", "source_between", False),
        ("寅局日前公布的数据显示，卯市人口达300万。", "达300万", "日前", "source_between", True),
    ],
)
def test_time_option_features_of_topics_and_sources(
    text: str, surface: str, time_text: str, feature: str, marked: bool
) -> None:
    option = _time_option(text, surface, time_text)
    assert option is not None
    assert bool(option.features.get(feature)) is marked


@pytest.mark.parametrize(
    ("text", "times"),
    [
        # A season, a school or fiscal year written as two years is one expression.
        ("2009-10赛季，辰某场均得到21分。", ["2009-10赛季"]),
        ("2009／2010学年的学费为3万美元。", ["2009／2010学年"]),
        ("巳公司2008-2009财年营收10亿元。", ["2008-2009财年"]),
        # A score is not a season.
        ("午队98-90击败未队。", []),
        # A game named by its order is a time; with digits it stays a rank.
        ("申某在第三场比赛中得到32分，上一场只有9分。", ["第三场比赛", "上一场"]),
        # (本季 is this season since the fourteenth session; 第45场 stays a rank.)
        ("这是酉队本季的第45场胜利。", ["本季"]),
        ("迄今已有30家企业入驻。", ["迄今"]),
        # A day written alone opens a headline; inside a clause it may be a duration.
        ("20日基金普遍下跌 午基金跌2%", ["20日"]),
        ("未项目工期为20日。", []),
    ],
)
def test_seasons_games_and_so_far_are_time_expressions(text: str, times: list[str]) -> None:
    from extractor.timex import find_times

    assert [t.text for t in find_times(text)] == times


def test_a_season_normalises_to_its_two_years() -> None:
    from extractor.timex import normalise

    assert normalise("2009-10赛季") == "2009/2010"
    assert normalise("2009／2010学年") == "2009/2010"


@pytest.mark.parametrize(
    ("text", "surface", "time_text", "offered"),
    [
        # Both items of a list of comparison bases are bases.
        ("对比2005年和2007年，戌市人口增长了12%。", "12%", "2007年", False),
        ("对比2005年和2007年，戌市人口增长了12%。", "12%", "2005年", False),
        # A list of times that compares nothing is offered (item by item where the list is
        # respective: 12% is of 2005年, 9% of 2007年).
        ("2005年和2007年，戌市人口分别增长了12%和9%。", "12%", "2005年", True),
        ("2005年和2007年，戌市人口分别增长了12%和9%。", "9%", "2007年", True),
        ("2005年和2007年，戌市人口分别增长了12%和9%。", "12%", "2007年", False),
    ],
)
def test_every_item_of_a_list_of_comparison_bases_is_a_base(
    text: str, surface: str, time_text: str, offered: bool
) -> None:
    assert (_time_option(text, surface, time_text) is not None) is offered


# ------------------------------------------------ predicate: s5-pred (states, verbs between)
@pytest.mark.parametrize(
    ("text", "surface", "state", "adverb"),
    [
        # A state or adjective closing the clause after the counted noun (tagged a, z).
        ("车祸造成5人死亡2人重伤。", "2人", "重伤", False),
        ("新股中三成半飘红，其余下跌。", "三成半", "飘红", False),
        # After an adverb, whatever the tagger calls the words that close the clause.
        ("节日期间，两百余款沙发将特价销售。", "两百余款", "特价销售", True),
    ],
)
def test_a_state_closing_the_clause_after_the_quantity_is_offered(
    text: str, surface: str, state: str, adverb: bool
) -> None:
    opts = _pred(text, surface)
    assert state in opts and opts[state].features.get("closing_state"), list(opts)
    assert bool(opts[state].features.get("adverb_before")) == adverb


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # The clause goes on after the adjective: it modifies what follows.
        ("公司推出3款新颖的产品，销量不错。", "3款"),
        # A verb closes the clause: the verb options already hold it.
        ("共有5名球员受伤。", "5名"),
    ],
)
def test_no_closing_state_where_the_clause_goes_on_or_a_verb_closes_it(
    text: str, surface: str
) -> None:
    opts = _pred(text, surface)
    assert not any(o.features.get("closing_state") for o in opts.values()), list(opts)


@pytest.mark.parametrize(
    ("text", "surface", "verb", "marked"),
    [
        # 拿下 governs 18分, the next quantity, not the shooting line before it.
        ("某前锋11投7中拿下18分。", "11投7中", "拿下", True),
        ("某前锋11投7中拿下了近18分。", "11投7中", "拿下", True),
        # No number after the verb: it may well be this quantity's.
        ("共有120名学生参加。", "120名", "参加", False),
    ],
)
def test_a_verb_after_the_quantity_that_governs_the_next_one_is_marked(
    text: str, surface: str, verb: str, marked: bool
) -> None:
    opts = _pred(text, surface)
    assert verb in opts, list(opts)
    assert bool(opts[verb].features.get("next_quantity")) == marked


@pytest.mark.parametrize(
    ("text", "surface", "option", "between"),
    [
        # 指数 is what 跌 is said of: a verb stands between it and the quantity.
        ("某地综合指数昨日跌0.3%。", "0.3%", "指数", True),
        # Only a copula or a qualifier between: the attribute measured.
        ("该校的录取率为6.5%。", "6.5%", "录取率", False),
        ("员工人均薪酬更是超过20万元。", "超过20万元", "人均薪酬", False),
    ],
)
def test_an_option_with_a_verb_between_it_and_the_quantity_is_marked(
    text: str, surface: str, option: str, between: bool
) -> None:
    opts = _pred(text, surface)
    hit = [o for t, o in opts.items() if t.endswith(option)]
    assert hit, list(opts)
    assert all(bool(o.features.get("verb_between")) == between for o in hit), [
        (o.text, o.features) for o in hit
    ]


@pytest.mark.parametrize(
    ("text", "surface", "option", "between"),
    [
        # 拿下 governs 30分 first: a number stands between it and 12个.
        ("某前锋全场拿下30分12个篮板。", "12个", "拿下", True),
        ("某前锋全场拿下30分12个篮板。", "30分", "拿下", False),
    ],
)
def test_an_option_with_a_number_between_it_and_the_quantity_is_marked(
    text: str, surface: str, option: str, between: bool
) -> None:
    opts = _pred(text, surface)
    assert option in opts, list(opts)
    assert bool(opts[option].features.get("number_between")) == between


def test_an_option_before_an_earlier_quantity_s_phrase_is_marked() -> None:
    # 12个 is governed from after 30分: 拿下 and 分 belong to 30分's phrase; 篮板 is its own.
    opts = _pred("某前锋全场拿下30分12个篮板。", "12个")
    assert opts["拿下"].features.get("in_subject") and opts["分"].features.get("in_subject")
    assert not opts["篮板"].features.get("in_subject")
    # For 30分 nothing governs from later: 拿下 is in its own phrase.
    assert not _pred("某前锋全场拿下30分12个篮板。", "30分")["拿下"].features.get("in_subject")


@pytest.mark.parametrize(
    ("text", "surface", "attr"),
    [
        # The attribute alone, without the noun before it (a part of a name: 丁学院).
        ("丁学院学费最高，达到5万美元。", "达到5万美元", "学费"),
        ("卯市城镇失业率持续上升，达到5.2%。", "达到5.2%", "失业率"),
    ],
)
def test_the_attribute_of_the_clause_before_is_offered_alone(
    text: str, surface: str, attr: str
) -> None:
    opts = _pred(text, surface)
    assert attr in opts and opts[attr].features.get("previous_clause"), list(opts)
