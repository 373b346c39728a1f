"""Which option becomes the subject and the predicate, read in the thirty-fourth session from
the probe reports of the thirty-third (docs/PROBES_S33.md): a clause with its own subject
before 以 and the quantity (荣耀以18.1%的份额排名第二), the partner of a joint action (与X合作)
never the subject. Sentences written for the tests."""

from __future__ import annotations

import pytest

from extractor.core import _items_first, _tokens, extract, extract_with_fields
from extractor.entities import _partner_at
from extractor.ranker import Option
from extractor.roles import INCIDENT_RE, RoleFinder, incident, predicate_and_object, sentenced


def _found(text: str, doc_date: str | None = None) -> dict:
    """The candidates by their number and unit (the qualifier dropped: 约120亿元 -> 120亿元)."""
    return {c.quantity_text.lstrip("达约近逾超"): c for c in extract(text, doc_date)}


def _clause_subject(clause: str, quantity: str) -> str | None:
    """What the clause rules read as the subject of ``clause`` before ``quantity``."""
    found = RoleFinder({}).clause_subject(
        _tokens(clause, 0, len(clause)), [], clause.index(quantity)
    )
    return None if found is None else found[0].text


# ---------------------------------------------------------------- NP + 以 + quantity


@pytest.mark.parametrize(
    ("clause", "quantity", "subject"),
    [
        # a noun phrase before 以 and the quantity is the clause's own subject
        ("荣耀以18.1%的份额排名第二", "18.1%", "荣耀"),
        ("vivo以19.8%的份额位居第一", "19.8%", "vivo"),
        ("二手住宅以1.2万套的成交量居首", "1.2万套", "二手住宅"),
        # a descriptive subject before its verb and the quantity keeps working
        ("中央补助40元", "40元", "中央"),
        # no noun phrase before 以: no subject
        ("以18.1%的份额排名第二", "18.1%", None),
        # 以 not right before the quantity: the clause names no entity
        ("荣耀以高端机型为主，销量增长12%", "12%", None),
        # a verb between: no means phrase
        ("份额提升以后达到18.1%", "18.1%", None),
    ],
)
def test_a_noun_phrase_before_yi_and_the_quantity_is_the_subject(
    clause: str, quantity: str, subject: str | None
) -> None:
    assert _clause_subject(clause, quantity) == subject


@pytest.mark.parametrize(
    ("text", "quantity", "subject"),
    [
        ("小米以15.2%的份额排名第三。", "15.2%", "小米"),
        ("今年一季度，华为以18.1%的份额位居第二。", "18.1%", "华为"),
    ],
)
def test_a_means_clause_keeps_its_own_subject_end_to_end(
    text: str, quantity: str, subject: str
) -> None:
    assert _found(text)[quantity].subject == subject


# ---------------------------------------------------------------- the partner of 与…合作


@pytest.mark.parametrize(
    ("text", "name", "partner"),
    [
        ("公司拟与滨江市人民政府合作，投资约120亿元", "滨江市人民政府", True),
        ("公司将同国家电网签署协议", "国家电网", True),
        ("两家企业和华为开展合作", "华为", True),
        ("甲方跟乙方共建产业园", "乙方", True),
        # no joint action after the name: a list or a subject
        ("腾讯与京东分别增长12%和8%", "京东", False),
        ("滨江市人民政府合作投资120亿元", "滨江市人民政府", False),
        # a joiner that is no partner's: 和 of a list before a verb of its own
        ("上海和北京增长5%", "北京", False),
    ],
)
def test_the_partner_of_a_joint_action(text: str, name: str, partner: bool) -> None:
    start = text.index(name)
    assert _partner_at(text, start, start + len(name)) is partner


@pytest.mark.parametrize(
    ("text", "quantity", "subject"),
    [
        (
            "华远科技发布公告称，公司拟与滨江市人民政府合作，投资约120亿元建设芯片基地。",
            "120亿元",
            "华远科技",
        ),
        ("华远科技发布公告称，公司将同国家电网签署协议，投资约50亿元。", "50亿元", "华远科技"),
        # the government acting itself stays the subject
        ("滨江市人民政府拟投资约120亿元建设芯片基地。", "120亿元", "滨江市人民政府"),
    ],
)
def test_the_partner_is_never_the_subject(text: str, quantity: str, subject: str) -> None:
    assert _found(text)[quantity].subject == subject


# ---------------------------------------------------------------- the verb of a compound object


def _rule_predicate(clause: str, quantity: str, kind: str = "count") -> str | None:
    """The predicate the clause rules read for ``quantity`` of ``clause`` (no subject)."""
    tokens = _tokens(clause, 0, len(clause))
    start = clause.index(quantity)
    pred, _ = predicate_and_object(tokens, start, start + len(quantity), 0, "", kind)
    return None if pred is None else pred.text


@pytest.mark.parametrize(
    ("clause", "quantity", "predicate"),
    [
        # the verb that governs a compound object opens the predicate
        ("审结危险驾驶案件约34.8万件", "34.8万件", "审结危险驾驶案件"),
        ("共起诉电信网络诈骗犯罪40100余人", "40100余人", "起诉电信网络诈骗犯罪"),
        (
            "各地累计报告接种新冠病毒疫苗278376.3万剂次",
            "278376.3万剂次",
            "累计报告接种新冠病毒疫苗",
        ),
        ("目前已发射低轨通信卫星12颗", "12颗", "发射低轨通信卫星"),
        # forms that keep working: a verb right before its object
        ("实现营业收入12亿元", "12亿元", "实现营业收入"),
        # a measured attribute: the quantity measures it, not the verb's object
        ("采用总像素为663万", "663万", "像素"),
        ("改造任务量居全国首位", "首位", "全国"),
        # a long object: the verb is too far back
        ("发放农村居民最低生活保障困难群众补助资金12亿元", "12亿元", "补助资金"),
    ],
)
def test_the_verb_of_a_compound_object_is_the_predicate(
    clause: str, quantity: str, predicate: str
) -> None:
    assert _rule_predicate(clause, quantity) == predicate


@pytest.mark.parametrize(
    ("text", "quantity", "predicate"),
    [
        ("2021年，全国法院审结危险驾驶案件约34.8万件。", "34.8万件", "审结危险驾驶案件"),
        ("全国检察机关共起诉电信网络诈骗犯罪40100余人。", "40100余人", "起诉电信网络诈骗犯罪"),
        ("全市共查处酒驾违法行为3200起。", "3200起", "查处酒驾违法行为"),
        # kept: a verb and its attribute, a new count
        ("该公司实现营业收入12亿元。", "12亿元", "实现营业收入"),
        ("全市新增就业人数12万人。", "12万人", "新增就业人数"),
    ],
)
def test_the_verb_of_a_compound_object_end_to_end(text: str, quantity: str, predicate: str) -> None:
    assert _found(text)[quantity].predicate == predicate


# ---------------------------------------------------------------- 公司 for the company named last


@pytest.mark.parametrize(
    ("text", "quantity", "subject"),
    [
        # the company named in a sentence without a quantity (its report)
        (
            "安远电子4月27日发布一季报。公司一季度实现营业收入12.3亿元，同比增长8.5%。",
            "12.3亿元",
            "安远电子",
        ),
        (
            "安远电子4月27日发布一季报。公司一季度实现营业收入12.3亿元，同比增长8.5%。",
            "8.5%",
            "安远电子",
        ),
        ("华远科技发布公告称，公司拟与滨江市人民政府合作，投资约120亿元。", "120亿元", "华远科技"),
        # no company named: a person or an agency is no antecedent of 公司
        ("王伟4月27日表示，公司一季度实现营业收入12.3亿元。", "12.3亿元", "公司"),
    ],
)
def test_gong_si_stands_for_the_company_named_last(text: str, quantity: str, subject: str) -> None:
    assert _found(text)[quantity].subject == subject


# ---------------------------------------------------------------- penalties: the one punished


@pytest.mark.parametrize(
    ("clause", "quantity", "person"),
    [
        ("广州市中级人民法院以开设赌场罪判处主犯张某鹏有期徒刑11年", "11年", "张某鹏"),
        ("法院判处被告人黄某龙有期徒刑18年", "18年", "黄某龙"),
        ("法院对被告人王某某判处拘役6个月", "6个月", "王某某"),
        # no sentencing verb, or none before the quantity
        ("法院审结案件120件", "120件", None),
        ("共有120人被判处有期徒刑", "120人", None),
        # no person's name after the verb
        ("市场监管局对该公司处以罚款50万元", "50万元", None),
    ],
)
def test_the_one_sentenced(clause: str, quantity: str, person: str | None) -> None:
    found = sentenced(_tokens(clause, 0, len(clause)), clause.index(quantity))
    assert (None if found is None else found.text) == person


@pytest.mark.parametrize(
    ("text", "quantity", "subject"),
    [
        (
            "近日，广州市中级人民法院以开设赌场罪判处主犯张某鹏有期徒刑11年，并处罚金1500万元。",
            "11年",
            "张某鹏",
        ),
        (
            "近日，广州市中级人民法院以开设赌场罪判处主犯张某鹏有期徒刑11年，并处罚金1500万元。",
            "1500万元",
            "张某鹏",
        ),
        ("宁波市中级人民法院对被告人赵某等5人作出一审判决，判处赵某有期徒刑4年。", "4年", "赵某"),
        ("法院判处被告人黄某龙有期徒刑18年，剥夺政治权利3年。", "3年", "黄某龙"),
        # kept: a court's own figures
        ("2021年，全国法院审结危险驾驶案件约34.8万件。", "34.8万件", "全国法院"),
    ],
)
def test_a_penalty_is_the_defendants_not_the_courts(text: str, quantity: str, subject: str) -> None:
    assert _found(text)[quantity].subject == subject


def test_a_courts_own_figures_keep_the_court_as_an_option() -> None:
    # No penalty in the sentence: the court is not taken out of the options.
    (fields,) = [f for c, f in extract_with_fields("2021年，全国法院审结危险驾驶案件约34.8万件。")]
    assert "全国法院" in [o.text for o in fields["subject"]]


# ---------------------------------------------------------------- incidents: not their place


@pytest.mark.parametrize(
    ("clause", "event"),
    [
        ("杭州市西湖区某路口发生一起交通事故，", "交通事故"),
        ("某化工厂发生了一场火灾，", "火灾"),
        ("集贸市场发生燃气爆炸。", "燃气爆炸"),
        # the clause goes on with a count of incidents: no incident of its own
        ("该市去年发生交通事故1200起。", None),
        # denied
        ("未发生重特大火灾。", None),
        # no incident word
        ("该市经济发生深刻变化，", None),
    ],
)
def test_the_incident_a_clause_reports(clause: str, event: str | None) -> None:
    found = incident(_tokens(clause, 0, len(clause)), None)
    assert (None if found is None else found.text) == event
    match = INCIDENT_RE.search(clause)
    assert (None if match is None else match.group(1)) == event


@pytest.mark.parametrize(
    ("text", "quantity", "subject"),
    [
        ("杭州市西湖区某路口发生一起交通事故，造成2人死亡、3人受伤。", "2人", "一起交通事故"),
        (
            "4月10日7时20分许，沪昆高速公路湖南邵阳段K1288处发生一起多车相撞的交通事故，"
            "造成4人死亡、7人受伤。",
            "4人",
            "多车相撞的交通事故",
        ),
        # kept: a place's count of incidents
        ("该市去年发生交通事故1200起。", "1200起", "交通事故"),
    ],
)
def test_an_incidents_figures_are_the_incidents(text: str, quantity: str, subject: str) -> None:
    assert _found(text)[quantity].subject == subject


# ---------------------------------------------------------------- a common noun is no subclass's


@pytest.mark.parametrize(
    ("known", "name", "resolved"),
    [
        # a kind of the noun named before: the noun stays itself
        ("我国新能源汽车", "汽车", "汽车"),
        ("深圳一手住宅", "住宅", "住宅"),
        # a place, a team or an organisation before it: a short mention of the longer name
        ("休斯敦火箭", "火箭", "休斯敦火箭"),
        ("中国人保上海区域分公司旗下财险公司", "财险公司", "中国人保上海区域分公司旗下财险公司"),
        # a group a clause describes, named again
        ("来加拿大留学的学生", "学生", "来加拿大留学的学生"),
        # a class noun a text points back with
        ("Game2游戏平台", "平台", "Game2游戏平台"),
    ],
)
def test_a_common_noun_is_no_short_mention_of_its_subclass(
    known: str, name: str, resolved: str
) -> None:
    roles = RoleFinder({})
    roles.register(known)
    assert roles.resolve(name) == resolved


@pytest.mark.xfail(
    strict=True,
    reason="the model retrained in the forty-third session carries 我国新能源汽车 to the 4月"
    " sentence's 120.5万辆 (the clause's own 汽车产销 is its second option)",
)
def test_the_clauses_own_general_noun_beats_the_carried_subclass() -> None:
    text = (
        "我国新能源汽车产销分别完成45万辆和44万辆。"
        "受疫情影响，4月汽车产销分别完成120.5万辆和118.1万辆。"
    )
    found = _found(text)
    assert found["45万辆"].subject == "我国新能源汽车"
    assert "新能源" not in found["120.5万辆"].subject


# ---------------------------------------------------------------- respective lists: the item first


def _opt(text: str, **features: float) -> Option:
    return Option(text, 0, len(text), dict(features))


@pytest.mark.parametrize(
    ("ranked", "first"),
    [
        # the whole list ranked above the aligned item goes after it
        (["华为、小米、OPPO三家企业|whole_list", "销量", "华为|list_item"], ["销量", "华为"]),
        # the item already first, or no item, or no whole list before it: as ranked
        (["华为|list_item", "华为、小米、OPPO三家企业|whole_list"], ["华为"]),
        (["华为、小米三家企业|whole_list", "销量"], ["华为、小米三家企业"]),
        (["销量", "华为|list_item"], ["销量", "华为"]),
        ([], []),
    ],
)
def test_the_aligned_item_of_a_respective_list_goes_before_the_whole_list(
    ranked: list[str], first: list[str]
) -> None:
    options = [
        _opt(t.split("|")[0], **({t.split("|")[1]: 1.0} if "|" in t else {})) for t in ranked
    ]
    got = [o.text for o in _items_first(options)]
    assert got[: len(first)] == first
    assert sorted(got) == sorted(o.text for o in options)
