"""Subject, predicate, object and time of proposed claims."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import extractor
from extractor import extract
from extractor.ranker import Ranker

#: These tests check the clause rules: a ranker that follows them (the learned ranker weighs
#: the rules' choice as one feature among others; tests/test_extractor_ranker.py covers it).
RULES = Ranker({"rule": 1.0})


def _by_surface(text: str, doc_date: str | None = None) -> dict:
    return {c.quantity_text: c for c in extract(text, doc_date, ranker=RULES)}


def test_subject_predicate_object_and_time_of_a_donation() -> None:
    text = "4月26日，中国人民保险集团股份有限公司向上海市政府捐资1000万元，用于防疫。"
    c = _by_surface(text, "2022-04-27")["1000万元"]
    assert c.subject == "中国人民保险集团股份有限公司"
    assert (c.predicate, c.object) == ("捐资", "上海市政府")
    assert (c.time_text, c.time) == ("4月26日", "2022-04-26")
    assert text[c.subject_start : c.subject_end] == c.subject
    assert text[c.predicate_start : c.predicate_end] == "捐资"
    assert text[c.time_start : c.time_end] == "4月26日"


def test_alias_maps_back_to_the_full_name() -> None:
    text = "中国人民保险集团股份有限公司（简称“中国人保”）发布公告。中国人保向灾区捐资500万元。"
    c = _by_surface(text)["500万元"]
    assert c.subject == "中国人民保险集团股份有限公司"
    # The span points at the mention in the text: the alias.
    assert text[c.subject_start : c.subject_end] == "中国人保"


_ALIAS_CASES = [
    # an alias with more said inside its brackets (a listed company's code)
    (
        "甲乙智能装备股份有限公司（以下简称“甲乙智能”，股票代码：600000）今日披露年报。",
        {"甲乙智能": "甲乙智能装备股份有限公司"},
    ),
    ("丙丁物流集团（下称“丙丁”；原名丙丁运输）宣布扩张。", {"丙丁": "丙丁物流集团"}),
    ("中国信息通信研究院（简称：信通院）发布报告。", {"信通院": "中国信息通信研究院"}),
    # a titled document stands for itself, not the clause that publishes it
    (
        "青川省统计局7日发布《2025青川旅游发展报告》（以下简称《报告》）。",
        {"《报告》": "《2025青川旅游发展报告》"},
    ),
    (
        "市政府日前印发《促进消费十条措施》（以下简称“十条措施”）。",
        {"十条措施": "《促进消费十条措施》"},
    ),
    # a preposition or 的 before the name is not part of it (data/alias_lead_words.tsv)
    ("记者从东岭市医疗保障局（简称“市医保局”）获悉。", {"市医保局": "东岭市医疗保障局"}),
    ("据悉，在香港上市的旅游公司青游在线（简称“青游”）发布公告。", {"青游": "青游在线"}),
    (
        "组织对第9届湖滨运动会组织委员会（简称“湖运组委”）进行评估。",
        {"湖运组委": "第9届湖滨运动会组织委员会"},
    ),
    ("以国内毛纺品牌远山服饰（简称“远山”）为例。", {"远山": "远山服饰"}),
    ("由云帆软件（下称“云帆”）开发。", {"云帆": "云帆软件"}),
    ("据出品方星海影业（简称“星海”）介绍。", {"星海": "星海影业"}),
    ("向青禾种业科技有限公司（简称“青禾种业”）采购。", {"青禾种业": "青禾种业科技有限公司"}),
    ("经东岭农商银行（简称“东岭农商”）审批。", {"东岭农商": "东岭农商银行"}),
    # 由 and 在 inside a name are not prepositions (自由, 在线)
    (
        "海澄自由贸易试验区管理委员会（简称“管委会”）发布通知。",
        {"管委会": "海澄自由贸易试验区管理委员会"},
    ),
    # a class noun before the name (data/alias_descriptors.tsv) ...
    (
        "国内氮肥龙头企业晋川化工集团有限公司（简称“晋川化工”）公告。",
        {"晋川化工": "晋川化工集团有限公司"},
    ),
    ("乳业龙头青牧乳业股份有限公司（简称“青牧”）公告。", {"青牧": "青牧乳业股份有限公司"}),
    ("国产手机厂商星耀通讯（简称“星耀”）公告。", {"星耀": "星耀通讯"}),
    ("连锁品牌麦田坊食品集团（简称“麦田坊”）公告。", {"麦田坊": "麦田坊食品集团"}),
    ("本地开发商恒远置业（简称“恒远”）公告。", {"恒远": "恒远置业"}),
    ("通信运营商东联通信（简称“东联”）公告。", {"东联": "东联通信"}),
    ("物流服务商迅达物流（简称“迅达”）公告。", {"迅达": "迅达物流"}),
    ("电池供应商宁远电池（简称“宁远”）公告。", {"宁远": "宁远电池"}),
    ("汽车制造商长风汽车（简称“长风”）公告。", {"长风": "长风汽车"}),
    ("唱片公司星河音乐（简称“星河”）公告。", {"星河": "星河音乐"}),
    ("发行方华影天下传媒（简称“华影”）公告。", {"华影": "华影天下传媒"}),
    ("晶圆代工厂晶宇科技（简称“晶宇”）公告。", {"晶宇": "晶宇科技"}),
    ("电动车大厂飞驰汽车（简称“飞驰”）公告。", {"飞驰": "飞驰汽车"}),
    ("科技巨头云启集团（简称“云启”）公告。", {"云启": "云启集团"}),
    # ... but not an organisation ending that closes a longer name, nor a place before it
    (
        "中国音像出版协会游戏工作委员会（简称“游戏工委”）发布报告。",
        {"游戏工委": "中国音像出版协会游戏工作委员会"},
    ),
    (
        "中国银行保险监督管理委员会（简称“银保监会”）发布数据。",
        {"银保监会": "中国银行保险监督管理委员会"},
    ),
    # a stock code before 以下简称, a short bracketed part inside the name
    (
        "南岭钢铁股份有限公司（600999，以下简称“南岭钢铁”）公布三季报。",
        {"南岭钢铁": "南岭钢铁股份有限公司"},
    ),
    (
        "北岭稀土（集团）高科技股份有限公司（以下简称“北岭稀土”）获得指标。",
        {"北岭稀土": "北岭稀土（集团）高科技股份有限公司"},
    ),
    # a name the tagger splits is read back to the alias's first character
    (
        "某银行理财子公司——汇丰理财有限责任公司（以下简称“汇丰理财”）相关负责人表示。",
        {"汇丰理财": "汇丰理财有限责任公司"},
    ),
    (
        "健康管理机构康宁健康科技集团股份有限公司（以下简称“康宁健康”）发布年报。",
        {"康宁健康": "康宁健康科技集团股份有限公司"},
    ),
    # no alias: brackets that define nothing, or an unclosed one
    ("庚辛公司（股票代码：600001）发布公告。", {}),
    ("壬癸银行（以下简称“壬癸”，发布公告。", {}),
]


@pytest.mark.parametrize(("text", "aliases"), _ALIAS_CASES)
def test_aliases_defined_in_brackets(text: str, aliases: dict[str, str]) -> None:
    from extractor.core import find_aliases

    assert find_aliases(text, []) == aliases


def test_every_alias_lead_word_and_descriptor_is_tested() -> None:
    from extractor import lexicon

    cases = "".join(text for text, _ in _ALIAS_CASES)
    for word in lexicon.words("alias_lead_words") + lexicon.words("alias_descriptors"):
        assert word in cases, word


def test_a_company_named_by_its_alias_and_by_gongsi_is_the_full_name() -> None:
    text = (
        "甲乙智能装备股份有限公司（以下简称“甲乙智能”，股票代码：600000）今日披露年报。"
        "报告期内，甲乙智能实现营业收入28.6亿元，同比增长35%。"
    )
    c = _by_surface(text)["28.6亿元"]
    assert c.subject == "甲乙智能装备股份有限公司"


def test_subject_is_carried_from_an_earlier_clause() -> None:
    text = (
        "中国人保上海区域工协迅速成立互助应急小组，主动关心客户需求，"
        "先后向十余家航运企业提供价值22万元的物资援助。"
    )
    found = _by_surface(text)
    assert found["十余家"].subject == "中国人保上海区域工协"
    assert found["22万元"].subject == "中国人保上海区域工协"
    assert found["22万元"].predicate == "提供"


def test_subject_is_carried_from_an_earlier_sentence_past_an_attribute() -> None:
    text = "截至4月26日，中国人保上海区域工协共组建“党员突击队”26支，人数突破350人。"
    found = _by_surface(text)
    assert found["26支"].subject == "中国人保上海区域工协"
    assert (found["26支"].predicate, found["26支"].object) == ("组建", "党员突击队")
    assert found["突破350人"].subject == "中国人保上海区域工协"
    assert found["突破350人"].predicate == "人数"
    assert found["突破350人"].time_text == "截至4月26日"


def test_qixia_chain_and_its_short_form() -> None:
    text = (
        "3月，中国人保上海区域工协旗下财险公司在上海银保监局的组织下，为一线医务工作者提供约1500亿元的保险保障。"
        "4月，财险公司为上万名快递小哥提供近71亿元风险保障。"
    )
    found = _by_surface(text)
    full = "中国人保上海区域工协旗下财险公司"
    assert found["约1500亿元"].subject == full
    assert found["约1500亿元"].object == "一线医务工作者"
    assert found["近71亿元"].subject == full
    assert found["近71亿元"].time_text == "4月"


def test_attribute_subject_is_carried_and_becomes_the_predicate() -> None:
    text = (
        "95518客服条线认真做好排班调度，耐心做好沟通解释，"
        "一次问题解决率近90%，疫期在线客服代表满意率达100%。"
    )
    found = _by_surface(text)
    assert found["近90%"].subject == "95518客服条线"
    assert "解决率" in found["近90%"].predicate
    assert found["达100%"].subject == "95518客服条线"
    assert "满意率" in found["达100%"].predicate


def test_generic_company_resolves_to_the_named_one() -> None:
    text = (
        "今日，通产丽星（002243，收盘价8.95元）公布了年报。报告显示，公司全年实现营业收入5.74亿元。"
    )
    found = _by_surface(text)
    assert found["8.95元"].subject == "通产丽星"
    assert found["5.74亿元"].subject == "通产丽星"
    assert found["5.74亿元"].predicate in ("实现", "实现营业收入", "营业收入")


def test_player_names_with_a_hyphen() -> None:
    found = _by_surface("拉塞尔-威斯布鲁克拿下了20分，凯文-杜兰特14分6个篮板。")
    assert found["20分"].subject == "拉塞尔-威斯布鲁克"
    assert found["14分"].subject == "凯文-杜兰特"
    assert (found["6个"].subject, found["6个"].predicate) == ("凯文-杜兰特", "篮板")


def test_team_name_learnt_from_a_score_is_a_subject_later() -> None:
    found = _by_surface("雄鹿110-雷霆106。雷霆(55-27)五连胜终止，排名西部第四。")
    assert found["五连胜"].subject == "雷霆"
    assert found["第四"].subject == "雷霆"


def test_no_subject_gives_empty_fields_and_lower_confidence() -> None:
    found = _by_surface("增长了20%。")
    c = found["20%"]
    assert c.subject == "" and c.subject_start is None
    assert c.confidence < 0.9


def test_time_is_not_carried_across_sentences() -> None:
    found = _by_surface("4月，公司提供了保障。公司还捐赠2800份茶包。")
    assert found["2800份"].time_text == ""


def test_candidate_fields_and_version() -> None:
    c = extract("公司捐资1000万元。")[0]
    d = c.to_dict()
    assert set(d) >= {
        "quantity_text",
        "start",
        "end",
        "sentence_start",
        "sentence_end",
        "value",
        "value_max",
        "unit",
        "qualifier",
        "subject",
        "predicate",
        "object",
        "time_text",
        "time",
        "kind",
        "confidence",
        "rule",
        "subject_start",
        "subject_end",
        "predicate_start",
        "predicate_end",
        "time_start",
        "time_end",
    }
    assert c.rule == "money.scaled"
    assert isinstance(extractor.VERSION, str) and extractor.VERSION.count(".") == 2
    with pytest.raises(AttributeError):
        c.value = 1.0  # frozen


def test_user_dictionary(tmp_path: Path) -> None:
    # In a subprocess: a user dictionary changes jieba for the whole process.
    userdict = tmp_path / "words.txt"
    userdict.write_text("天汇 100 nz\n", encoding="utf-8")
    code = (
        "import extractor\n"
        "t = '天汇初步只售26伙。'\n"
        "from extractor import nlp\n"
        "before = ('天汇', 'nz') in nlp.tag(t)\n"
        f"extractor.load(userdict={str(userdict)!r})\n"
        f"extractor.load(userdict={str(userdict)!r})\n"  # loading twice is harmless
        "after = ('天汇', 'nz') in nlp.tag(t)\n"
        "print(before, after, repr(extractor.extract(t)[0].subject))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        check=True,
    )
    # The name is tagged as one proper noun only with the user dictionary (the subject was
    # found without it too since the clause-opener options of issue 11).
    assert out.stdout.split() == ["False", "True", "'天汇'"]


@pytest.mark.parametrize(
    ("text", "carried"),
    [
        # who reports is passed over: the subject before it, or nothing
        ("中国银行净利润达到20亿元。乙局17日发布数据，比上年增长8.1%。", "中国银行"),
        ("据乙局统计，比上年增长8.1%。", None),
        ("乙局局长表示，比上年增长8.1%。", None),
        # a clause that reports nothing is carried as before
        ("丙集团今年扩张，比上年增长8.1%。", "丙集团"),
    ],
)
def test_the_carried_subject_passes_over_source_clauses(text: str, carried: str | None) -> None:
    from extractor import core

    doc = core._prepare(text, None, None)
    assert doc is not None
    si = len(doc.sentences) - 1
    ci = len(doc.clauses(si)) - 1
    got = core._carry(doc, si, ci)
    assert (got.text if got else None) == carried


def test_subject_options_that_are_a_defined_alias_stand_for_the_full_name() -> None:
    from extractor.core import _full_names
    from extractor.ranker import Option

    aliases = {"甲乙": "甲乙丙股份有限公司", "丁戊": "丁戊集团"}
    opts = [
        Option("甲乙", 10, 12, {"dist": 0.1, "same_clause": 1.0}),
        Option("甲乙丙股份有限公司", 0, 9, {"dist": 0.5, "headline": 1.0, "org": 1.0}),
        Option("丁戊", 20, 22, {"dist": 0.3}),
        Option("己庚", 30, 32, {"dist": 0.2}),
    ]
    out = {o.text: o for o in _full_names(opts, aliases)}
    assert sorted(out) == ["丁戊集团", "己庚", "甲乙丙股份有限公司"]
    full = out["甲乙丙股份有限公司"]
    # the nearer mention's features, and the flags of both
    assert full.features["dist"] == 0.1 and full.features["same_clause"] == 1.0
    assert full.features["headline"] == 1.0
    assert (out["丁戊集团"].start, out["丁戊集团"].end) == (20, 22)  # offsets of the mention


# ------------------------------------------------ scope words (全市, 全省) name their place


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # the tagger writes the name whole, or before the level character, or splits it
        (
            "青州市交通局表示，全市新建停车场。",
            {"全市": "青州市", "本市": "青州市"},
        ),
        ("清河市教育局发布。", {"全市": "清河市", "本市": "清河市"}),
        ("江临省卫生健康委员会发布。", {"全省": "江临省"}),
        ("闽西县今年春茶上市。", {"全县": "闽西县"}),
        # the name written most often wins; the first one on a tie
        (
            "甲州市与青州市合作。青州市交通局表示。",
            {"全市": "青州市", "本市": "青州市"},
        ),
        ("甲州市与青州市合作。", {"全市": "甲州市", "本市": "甲州市"}),
        # no place of a level: no name for its words
        ("全国新建停车场。", {}),
    ],
)
def test_scope_words_stand_for_the_place_the_text_names(text: str, places: dict[str, str]) -> None:
    from extractor.core import scope_places

    assert scope_places(text) == places


def test_words_that_name_no_place_are_never_the_scope() -> None:
    from extractor import lexicon
    from extractor.core import scope_places

    for word in lexicon.words("not_place_words"):
        # the word written three times and nothing else that could be a place
        assert scope_places(f"据悉，{word}，{word}，{word}。") == {}, word


def test_every_scope_word_opens_a_subject_that_names_its_place() -> None:
    from extractor import extract, lexicon

    places = {"省": "江临省", "市": "青州市", "县": "闽西县"}
    for word, level in lexicon.table("scope_place_words"):
        place = places[level]
        text = f"{place}统计局发布数据。{word}规模以上工业增加值同比增长6.5%。"
        (c,) = [c for c in extract(text) if c.quantity_text == "6.5%"]
        assert c.subject.startswith(place), (word, c.subject)
        # the highlight stays on the words as written
        assert text[c.subject_start : c.subject_end].startswith(word)
