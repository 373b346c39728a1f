"""Rule families of role resolution, on sentences written for these tests: the entity table,
sources, subject options (owners of attributes, names inside runs, pronouns, 某-names), time
ranges, spaced digits, comparison bases and carried periods."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.core import extract_with_options, is_comparison_base
from extractor.entities import _TRANSLIT_RE, EntityTable, is_source_clause, word_shape
from extractor.lexicon import table
from extractor.ranker import Ranker
from extractor.timex import find_times, normalise
from tests.subject_checks import subject_options

_options = subject_options


# ----------------------------------------------------------------------------- sources


@pytest.mark.parametrize(
    ("clause", "source"),
    [
        ("据统计局介绍", True),
        ("甲集团副总裁王五表示", True),
        ("研究机构的报告显示", True),
        ("本报讯", True),
        ("乙公司今年利润增长", False),
        ("销售额达到", False),
    ],
)
def test_source_clauses(clause: str, source: bool) -> None:
    text = clause + "，甲公司收入10亿元。"
    assert is_source_clause(text, 0, len(clause)) is source


@pytest.mark.parametrize(("cue", "where"), table("source_cues"))
def test_every_source_cue_makes_a_source_clause(cue: str, where: str) -> None:
    clause = cue + "乙局局长" if where == "open" else "乙局局长昨日" + cue
    text = clause + "，甲公司收入10亿元。"
    assert is_source_clause(text, 0, len(clause))


def test_the_report_nouns_file_is_a_lexicon() -> None:
    from tests.lexicon_checks import check_lexicon_file

    check_lexicon_file("report_nouns")


@pytest.mark.parametrize("noun", [row[0] for row in table("report_nouns")])
def test_every_report_noun_after_a_cue_makes_a_source_clause(noun: str) -> None:
    for clause in (f"乙局昨日发布{noun}", f"乙局公布的{noun}", f"乙局发布了{noun}"):
        text = clause + "，甲公司收入10亿元。"
        assert is_source_clause(text, 0, len(clause)), clause
    # the noun alone, or after a word that reports nothing, makes no source
    for clause in (f"乙局{noun}", f"乙局整理{noun}"):
        text = clause + "，甲公司收入10亿元。"
        assert not is_source_clause(text, 0, len(clause)), clause


def test_a_clause_that_begins_inside_a_time_or_holds_one_is_no_option() -> None:
    opts = _options("今年8月份甲市四环内房价为18000元。", "18000元")
    assert not any(t.startswith("份") or "8月" in t for t in opts)


def test_a_source_clause_marks_its_names() -> None:
    opts = _options("国家统计局表示，今年上半年国内生产总值增长9.8%。", "9.8%")
    assert opts["国家统计局"].get("source") == 1.0
    assert not opts.get("国内生产总值", {}).get("source")


def test_a_model_that_avoids_sources_picks_the_indicator() -> None:
    model = Ranker({"source": -5.0, "same_clause": 2.0})
    cands = extract("国家统计局表示，今年上半年国内生产总值增长9.8%。", ranker=model)
    assert cands[0].subject == "国内生产总值"
    assert any(a["text"] == "国家统计局" for a in cands[0].alternatives["subject"])


# ----------------------------------------------------------------------------- options


def test_the_owner_of_a_measured_attribute_is_an_option() -> None:
    opts = _options("去年甲市居民人均收入水平为3000元。", "3000元")
    owners = [t for t, f in opts.items() if f.get("owner")]
    assert owners and all(not t.endswith("水平") for t in owners)


def test_time_expressions_are_never_subject_options() -> None:
    opts = _options("今年3月，销售额比去年同期增长12%。", "12%")
    assert "去年同期" not in opts and "今年" not in opts


def test_pronouns_point_to_their_antecedents() -> None:
    opts = _options("王小明昨天表现出色。他全场得到30分。", "30分")
    assert opts["王小明"].get("generic") == 1.0 and opts["王小明"].get("person") == 1.0
    opts = _options("甲公司成立于2001年。它去年营收5亿元。", "5亿元")
    assert opts["甲公司"].get("generic") == 1.0


def test_surname_mou_names_keep_their_title() -> None:
    opts = _options("警方通报，犯罪嫌疑人高某共骗取20万元。", "20万元")
    assert opts["犯罪嫌疑人高某"].get("person") == 1.0


def test_transliterated_names_are_persons() -> None:
    opts = _options("北京时间昨天，凯文-杜兰特全场砍下41分。", "41分")
    assert opts["凯文-杜兰特"].get("person") == 1.0


def test_headline_names_are_salient() -> None:
    text = "丙队三连胜\n北京时间昨日比赛结束。全场比赛共有1.2万名观众到场。"
    opts = _options(text, "1.2万名")
    assert any(f.get("headline") for f in opts.values())


def test_aliases_resolve_inside_options() -> None:
    text = "甲乙丙科技股份有限公司（简称“甲乙丙”）发布年报。甲乙丙去年营收20亿元。"
    cand = extract(text)[0]
    assert cand.subject == "甲乙丙科技股份有限公司"


# ----------------------------------------------------------------------------- time


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("1-7月，全市销售额增长5%。", "1-7月", "2021-01/2021-07"),
        ("1月至9月，公司收入达3亿元。", "1月至9月", "2021-01/2021-09"),
        ("2021 年上半年，公司营收5亿元。", "2021 年上半年", "2021-H1"),
        ("2020年3-5月", "2020年3-5月", "2020-03/2020-05"),
    ],
)
def test_ranges_and_spaced_digits_are_one_expression(text: str, expr: str, value: str) -> None:
    found = find_times(text)
    assert found[0].text == expr
    assert normalise(expr, "2021-08-01") == value


def test_a_comparison_base_is_never_the_time() -> None:
    text = "4月，甲市房价较上月下降1.5%。"
    assert is_comparison_base(text, text.index("上月"))
    assert extract(text)[0].time_text == "4月"
    cand = extract("乙市销售额比去年同期增长12%。")[0]
    assert cand.time_text == ""


def test_a_period_carries_across_sentences_but_not_paragraphs() -> None:
    rules = Ranker({"rule": 1.0})  # the clause rules' choice (the trained ranker may differ)
    same = extract("2008年，丁公司营收10亿元；净利润2亿元。", ranker=rules)
    assert [c.time_text for c in same] == ["2008年", "2008年"]
    trained = extract("2008年，丁公司营收10亿元；净利润2亿元。")[-1]
    assert "2008年" in [
        trained.time_text,
        *(a["text"] for a in trained.alternatives.get("time", [])),
    ]
    apart = extract("2008年，丁公司营收10亿元。\n净利润2亿元。")
    assert [c.time_text for c in apart] == ["2008年", ""]


# ------------------------------------------------------------- subject options (issue 11)


def test_a_name_the_tagger_cuts_short_is_read_on_by_its_repetitions() -> None:
    text = "丁戊成长的仓位为五成。丁戊成长持有甲股票。王五表示，甲。王五表示，乙。"
    table = EntityTable(text, 10)
    assert table.extend("丁戊") == "丁戊成长"
    # A verb or source cue after a speaker is not part of the name.
    assert table.extend("王五") is None
    # Written once: nothing to read on by.
    assert EntityTable("丙丁基金上涨。", 6).extend("丙丁") is None


def test_the_noun_a_quantity_counts_is_an_option() -> None:
    opts = _options("今年全省有600万高校毕业生。", "600万")
    assert opts["高校毕业生"].get("counted") == 1.0
    opts = _options("展会吸引了300名来自各地的观众。", "300名")
    assert opts["来自各地的观众"].get("counted") == 1.0


def test_openers_of_earlier_sentences_are_options() -> None:
    text = "丙丁基金去年业绩出色。仓位一直保持在七成以上，收益率为20%。"
    opts = _options(text, "20%")
    assert opts["丙丁基金"].get("earlier_opener") == 1.0
    assert opts["丙丁基金"].get("sentences_back") == pytest.approx(1 / 3)
    # The owner of an attribute opening an earlier sentence, never its quantity.
    opts = _options("乙公司利润2亿元。净资产5亿元。", "5亿元")
    assert opts["乙公司"].get("earlier_sentence") == 1.0
    assert not any(t.startswith("乙公司利润") and t != "乙公司利润" for t in opts)


def test_a_list_of_names_joined_by_he_is_one_option() -> None:
    text = "工商银行、农业银行和中国银行的首付比例都达到30%。"
    _, options = next(iter(extract_with_options(text)))
    whole = {o.text: o.features for o in options}
    assert whole["工商银行、农业银行和中国银行"].get("whole_list") == 1.0
    # The attribute closing the last item is the whole list's (丁集团收入 -> 丙集团和丁集团).
    opts = _options("去年丙集团和丁集团收入均为5亿元。", "5亿元")
    assert opts["丙集团和丁集团"].get("whole_list") == 1.0


def test_each_de_phrase_opening_the_clause_is_an_option() -> None:
    opts = _options("出国学艺术的学生约占留学生的40%。", "40%")
    assert opts["出国学艺术的学生"].get("de_phrase") == 1.0
    # In an earlier clause of the sentence too.
    opts = _options("而之前一场主队售罄的比赛，观众人数是18000人。", "18000人")
    assert any(t.endswith("售罄的比赛") and f.get("de_phrase") for t, f in opts.items())


def test_brand_and_model_names_are_in_the_table() -> None:
    text = "雅风S230在外观上很时尚，新款雅风S230售价为1600元。"
    opts = _options(text, "1600元")
    assert opts["雅风S230"].get("table") == 1.0


def test_a_time_word_ends_a_subject() -> None:
    opts = _options("甲指数上周五收市涨0.5%。", "0.5%")
    assert "甲指数" in opts and not any("上周五" in t for t in opts)


def test_a_short_name_points_to_the_full_name_that_ends_with_it() -> None:
    opts = _options("洛杉矶湖人队昨天获胜。湖人队本赛季已取得50胜。", "50胜")
    assert "洛杉矶湖人队" in opts


@pytest.mark.parametrize(("word", "name"), table("deictic_names"))
def test_deictic_words_name_their_place(word: str, name: str) -> None:
    opts = _options(f"今年{word}有600万高校毕业生。", "600万")
    assert name in opts and word not in opts


def test_latin_names_keep_their_ampersand() -> None:
    opts = _options("建材品牌B&Q宣布在26个城市开店。", "26个")
    assert "B&Q" in opts


def test_subjects_the_rules_chose_often_are_options() -> None:
    text = "甲公司去年收入10亿元。甲公司去年利润2亿元。乙市常住人口300万人。"
    opts = _options(text, "300万人")
    assert opts["甲公司"].get("doc_subject") == 1.0


def test_the_name_after_a_counted_de_phrase_is_an_option() -> None:
    opts = _options("拿到20次助攻的王小明没有说话。", "20次")
    assert opts["王小明"].get("after_de") == 1.0


def test_a_person_name_split_into_characters_is_joined() -> None:
    # (after a role of data/person_titles.tsv, 厂长 since the forty-fourth session, the tagger
    # reads the name whole: no role here)
    opts = _options("原甲厂负责人徐桑楚今日病逝，享年96岁。", "96岁")
    assert opts["徐桑楚"].get("split_name") == 1.0 and opts["徐桑楚"].get("person") == 1.0


def test_a_person_name_after_a_role_is_one_word_and_a_person_option() -> None:
    opts = _options("原甲厂厂长徐桑楚今日病逝，享年96岁。", "96岁")
    assert opts["徐桑楚"].get("person") == 1.0 and "split_name" not in opts["徐桑楚"]


# ----------------------------------------------------------- words of a mention (issue 11)


@pytest.mark.parametrize(
    ("tokens", "span", "text", "flags", "absent"),
    [
        # A name alone: one word, tagged as a person.
        (
            [("马刺", "nr"), ("一共", "d"), ("得到", "v")],
            (0, 2),
            None,
            {"first_nr", "last_nr", "words1"},
            {"last_bad", "first_bad", "word_cut"},
        ),
        # A name with the adverb that follows it: a fragment of the clause.
        (
            [("马刺", "nr"), ("一共", "d"), ("得到", "v")],
            (0, 4),
            None,
            {"first_nr", "last_other", "last_bad", "words2"},
            {"first_bad"},
        ),
        # A verb opening the mention (an object read as a subject).
        (
            [("突破", "v"), ("乙队", "n"), ("防守", "vn")],
            (0, 4),
            None,
            {"first_v", "first_bad", "last_n", "words2"},
            {"last_bad"},
        ),
        # A verbal noun closing it.
        (
            [("突破", "v"), ("乙队", "n"), ("防守", "vn")],
            (2, 6),
            None,
            {"first_n", "last_vn", "last_bad"},
            {"first_bad"},
        ),
        # A verb between its first and last words.
        (
            [("甲队", "n"), ("赢得", "v"), ("冠军", "n"), ("奖金", "n")],
            (0, 8),
            None,
            {"inner_verb", "words4"},
            {"first_bad", "last_bad"},
        ),
        # Starting inside a word.
        ([("甲公司", "n"), ("收入", "n")], (1, 5), None, {"word_cut"}, set()),
        # Not written where its mention is (an alias resolved to its full name).
        ([("甲公司", "n"), ("收入", "n")], (0, 3), "甲股份有限公司", {"unwritten"}, {"words1"}),
    ],
)
def test_the_words_of_a_mention_describe_it(
    tokens: list[tuple[str, str]],
    span: tuple[int, int],
    text: str | None,
    flags: set[str],
    absent: set[str],
) -> None:
    norm = "".join(w for w, _ in tokens) + "。"
    toks, pos = [], 0
    for word, flag in tokens:
        toks.append((word, flag, pos, pos + len(word)))
        pos += len(word)
    a, b = span
    got = word_shape(norm, text or norm[a:b], a, b, lambda _: toks, EntityTable(norm, len(norm)))
    assert flags <= set(got), got
    assert not absent & set(got), got


def test_options_carry_the_shape_of_their_words() -> None:
    opts = _options("甲公司去年营业收入增长12%。", "12%")
    assert opts["甲公司"].get("words1") or opts["甲公司"].get("words2")
    assert any(k.startswith("first_") for k in opts["甲公司"])


@pytest.mark.parametrize(
    ("text", "surface", "opener", "others"),
    [
        # The subject of a clause with none of its own: the sentence's opening words.
        ("丙指数开盘于100点，低开3点，收盘于98点。", "98点", "丙指数", ()),
        # A middle clause's own opening words are no sentence opener.
        ("丁基金上周开放申购，净值上涨2%，规模增加5亿元。", "5亿元", "丁基金", ("净值",)),
    ],
)
def test_the_sentence_opener_is_offered_to_its_later_clauses(
    text: str, surface: str, opener: str, others: tuple[str, ...]
) -> None:
    opts = _options(text, surface)
    assert opts[opener].get("sentence_opener") == 1.0
    for other in others:
        assert not opts.get(other, {}).get("sentence_opener")


def test_a_quantity_of_the_first_clause_gets_no_sentence_opener() -> None:
    opts = _options("丙指数开盘于100点，低开3点。", "100点")
    assert not any(f.get("sentence_opener") for f in opts.values())


# --------------------------------------------- names the tagger cuts into unknown characters


def test_a_name_the_tagger_cuts_keeps_its_unknown_last_character() -> None:
    """Without its HMM the tagger cuts an unknown name into characters, the last one tagged
    x like punctuation (拜|纳|姆): the noun run, the name read on by its repetitions and the
    name a pronoun stands for all keep it; the first is read back (see
    tests/test_extractor_read_back.py)."""
    from extractor import nlp
    from extractor.roles import noun_run

    nlp.load()
    words = nlp.tag("中锋拜纳姆的伤情")
    assert ("姆", "x") in words  # the premise: the dictionary does not know the name
    toks, at = [], 0
    for w, f in words:
        toks.append((w, f, at, at + len(w)))
        at += len(w)
    assert "".join(t[0] for t in toks[: noun_run(toks, 0)]) == "中锋拜纳姆"
    text = "队友们都很关心拜纳姆的伤情，拜纳姆本人却很乐观。本赛季他场均贡献11.5分。"
    [claim] = [c for c in extract(text) if c.quantity_text == "11.5分"]
    # The pronoun's antecedent keeps the unknown last character (纳姆, never 纳), and the
    # first one, tagged a verb here (拜/v), is read back by the repetitions: 拜纳姆.
    assert "拜纳姆" in claim.subject
    texts = {claim.subject} | {a["text"] for a in claim.alternatives.get("subject", [])}
    assert "拜纳姆" in texts
    assert "拜纳" not in texts  # never the cut fragment


def test_punctuation_is_still_no_part_of_a_name() -> None:
    from extractor.entities import _content_tail, _noun_tail

    assert _content_tail("拜纳姆", 2) and _noun_tail("拜纳姆", 2)
    assert not _content_tail("拜纳，", 2) and not _noun_tail("拜纳，", 2)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # The greedy match starts inside 主持人: the partial word is dropped.
        ("现场主持人谢莉尔-米勒，也在场。", "谢莉尔-米勒"),
        # It starts inside 篮球: 球 goes, and the common noun 队员 before the name too.
        ("篮球队员科比-布莱恩特，今天到场。", "科比-布莱恩特"),
        # A title before the name goes; the name's characters stay (拜|纳|姆 are cut as
        # characters).
        ("记者拜纳姆-米勒，今天到场。", "拜纳姆-米勒"),
    ],
)
def test_a_transliterated_name_starts_at_a_word_boundary(text: str, name: str) -> None:
    table = EntityTable(text, len(text))
    m = _TRANSLIT_RE.search(text)
    assert m is not None
    a, b = table.trim_name(m.start(), m.end())
    assert text[a:b] == name


@pytest.mark.parametrize(
    ("text", "surface", "cut", "kept"),
    [
        # An option never ends inside a quantity: it ends before the number.
        (
            "其中，子产品出口9.85万亿元，增长8.1%；丑产品进口6.22万亿元，增长5.9%。",
            "5.9%",
            "丑产品进口6",
            "丑产品进口",
        ),
        # Nor begins inside one: it begins after it.
        (
            "今年新成立的168只偏股基金共募集资金295亿元，平均收益率为26.8%。",
            "295亿元",
            "只偏股基金",
            "偏股基金",
        ),
    ],
)
def test_no_subject_option_cuts_through_a_quantity(
    text: str, surface: str, cut: str, kept: str
) -> None:
    options = subject_options(text, surface)
    assert cut not in options and kept in options, list(options)


def test_every_verb_before_a_team_opens_no_subject_option() -> None:
    for cue, side in table("team_cues"):
        if side not in ("before", "both"):
            continue
        text = f"甲城队以3:1{cue}乙城队，队长丙某拿下全队最高的21分。"
        options = subject_options(text, "21分")
        assert not any(o.startswith(cue) for o in options), (cue, list(options))


@pytest.mark.parametrize(
    ("text", "surface", "glued", "name"),
    [
        ("据某汽车协会介绍，新能源汽车销量同比增长1倍。", "1倍", "据某汽车协会", "某汽车协会"),
        ("根据江城劳工部预计，未来两年就业人数可望上升3%。", "3%", "江城劳工部预计", "江城劳工部"),
        ("据某汽车协会统计，新能源汽车销量同比增长1倍。", "1倍", "据某汽车协会", "某汽车协会"),
    ],
)
def test_a_source_cue_glued_to_a_name_is_no_part_of_its_option(
    text: str, surface: str, glued: str, name: str
) -> None:
    options = subject_options(text, surface)
    assert glued not in options and name in options, list(options)


@pytest.mark.parametrize(
    ("text", "surface", "name", "cut"),
    [
        # A Latin name may open with small letters before its capital.
        ("iPad 9 Air的起售价为3999元。", "3999元", "iPad 9 Air", "Pad 9 Air"),
        ("eBay的营收增长了12%。", "12%", "eBay", "Bay"),
        # A name holding a decimal number is read whole, not cut at its point.
        ("全市PM2.5平均浓度同比下降5.4%。", "5.4%", "全市PM2.5", "全市PM2"),
    ],
)
def test_latin_names_and_decimal_numbers_in_names_are_read_whole(
    text: str, surface: str, name: str, cut: str
) -> None:
    options = subject_options(text, surface)
    assert name in options and cut not in options, list(options)


def test_no_subject_option_ends_with_a_word_that_names_no_subject() -> None:
    # A comparison or averaging adverb or a hedge (data/not_subject_words.tsv) ends no name.
    for (word,) in table("not_subject_words"):
        options = subject_options(f"某城CPI{word}上涨3.5%。", "3.5%")
        assert not any(o.endswith(word) for o in options), (word, list(options))
    assert "GDP" in subject_options("今年全省GDP同比增长5.2%。", "5.2%")


@pytest.mark.parametrize(
    ("text", "surface", "phrase", "how"),
    [
        # A number inside a name, between its words: not a count, a part of the name.
        ("上周甲乙中证500指数基金的净值上涨了2.3%。", "2.3%", "甲乙中证500指数基金", "digits"),
        ("去年甲乙公园1872项目销售额达到3亿元。", "达到3亿元", "甲乙公园1872项目销售额", "digits"),
        # A verb or adjective between nouns: one noun phrase.
        (
            "甲省住房公积金最高贷款额度提高到60万元。",
            "60万元",
            "甲省住房公积金最高贷款额度",
            "bridged",
        ),
        ("本市医保最高支付额今年提高到8万元。", "8万元", "本市医保最高支付额", "bridged"),
    ],
)
def test_an_option_is_read_on_to_the_noun_phrase_it_opens(
    text: str, surface: str, phrase: str, how: str
) -> None:
    options = subject_options(text, surface)
    assert phrase in options, list(options)
    assert options[phrase].get("phrase") == 1.0
    for kind in ("digits", "bridged"):
        assert bool(options[phrase].get("phrase_" + kind)) is (kind == how)


@pytest.mark.parametrize(
    ("text", "surface", "not_phrase"),
    [
        # Never across a number the quantity finder read.
        ("甲市共有企业312家职工，另有9万人待业。", "9万人", "企业312家职工"),
        # Never across a copula: a clause, not a name.
        ("甲乙钢铁是本市企业，去年利润为12亿元。", "12亿元", "甲乙钢铁是"),
        ("甲乙钢铁有员工宿舍，去年利润为12亿元。", "12亿元", "甲乙钢铁有"),
        # Never across two stretches of verbs between nouns.
        (
            "本季甲乙地板新增门店数量扩大销售网点覆盖率提高了12%。",
            "12%",
            "甲乙地板新增门店数量扩大",
        ),
    ],
)
def test_a_noun_phrase_read_on_stops_at_a_boundary(
    text: str, surface: str, not_phrase: str
) -> None:
    options = subject_options(text, surface)
    assert not any(o.startswith(not_phrase) for o in options), list(options)


def test_a_phrase_cut_back_to_an_option_leaves_its_flags_alone() -> None:
    # 开户数|环比 is cut back to 开户数 (data/not_subject_words.tsv): the option stays as it was.
    options = subject_options("今年基金新增开户数环比上升了17%。", "17%")
    assert not options["开户数"].get("phrase"), options["开户数"]
