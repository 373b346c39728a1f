"""Quantities found in running text: claims are proposed, look-alikes are not."""

from __future__ import annotations

import pytest

from extractor import extract


def _found(text: str) -> dict[str, object]:
    cands = extract(text)
    for c in cands:
        assert text[c.start : c.end] == c.quantity_text
    return {c.quantity_text: c for c in cands}


# text, the surface that must be proposed, value, value_max, unit, qualifier
CLAIMS = [
    ("中国人保向上海市政府捐资1000万元，用于防疫。", "1000万元", 1e7, None, "元", "="),
    ("目前已有超过650名党员投入一线。", "超过650名", 650, None, "名", ">"),
    ("财险公司提供近71亿元风险保障。", "近71亿元", 7.1e9, None, "元", "~"),
    ("公司共组建党员突击队26支，人数突破350人。", "突破350人", 350, None, "人", ">"),
    ("项目总投资3至5万元。", "3至5万元", 30000, 50000, "元", "="),
    ("向十余家航运企业提供援助。", "十余家", 10, None, "家", ">"),
    ("为上万名快递小哥提供保障。", "上万名", 10000, None, "名", ">="),
    ("一次问题解决率近90%。", "近90%", 90, None, "%", "~"),
    ("满意率达１００％。", "达１００％", 100, None, "%", "="),
    ("该市人口约１２３万人。", "约１２３万人", 1.23e6, None, "人", "~"),
    ("出口额增长百分之三十。", "百分之三十", 30, None, "%", "="),
    ("市场份额下挫三成。", "三成", 30, None, "%", "="),
    ("毛利率下降五个百分点。", "五个百分点", 5, None, "个百分点", "="),
    ("全市共有一千二百家企业。", "一千二百家", 1200, None, "家", "="),
    ("投入资金1.5万元。", "1.5万元", 15000, None, "元", "="),
    ("全年营收2.7亿元。", "2.7亿元", 2.7e8, None, "元", "="),
    ("公司持股4,812万股。", "4,812万股", 4.812e7, None, "股", "="),
    ("收购价为5亿美元。", "5亿美元", 5e8, None, "美元", "="),
    ("售价约为30万港元。", "约为30万港元", 3e5, None, "港元", "~"),
    ("罚款200万欧元。", "200万欧元", 2e6, None, "欧元", "="),
    ("全年运输货物1.2亿吨。", "1.2亿吨", 1.2e8, None, "吨", "="),
    ("新建住宅120平方米。", "120平方米", 120, None, "平方米", "="),
    ("新修公路50公里。", "50公里", 50, None, "公里", "="),
    ("种植小麦300亩。", "300亩", 300, None, "亩", "="),
    ("产量增长了3倍。", "3倍", 3, None, "倍", "="),
    ("累计志愿服务时长超过8000小时。", "超过8000小时", 8000, None, "小时", ">"),
    ("保障期限60天）", "60天", 60, None, "天", "="),
    ("学习时间是3年至4年。", "3年至4年", 3, 4, "年", "="),
    ("会议持续了三个月。", "三个月", 3, None, "个月", "="),
    ("参赛的有5辆车、2套设备、6场比赛、8次演练和3项任务。", "5辆", 5, None, "辆", "="),
    ("参赛的有5辆车、2套设备、6场比赛、8次演练和3项任务。", "6场", 6, None, "场", "="),
    ("参赛的有5辆车、2套设备、6场比赛、8次演练和3项任务。", "3项", 3, None, "项", "="),
    ("捐赠2800份防疫茶包。", "2800份", 2800, None, "份", "="),
    ("雷霆以96-87领先。", "96-87", 96, None, "", "="),
    ("湖人最终98比95获胜。", "98比95", 98, None, "", "="),
    ("拉塞尔拿下了20分。", "20分", 20, None, "分", "="),
    ("每股收益0.33元。", "0.33元", 0.33, None, "元", "="),
    ("顶多2个人会受到影响。", "顶多2个人", 2, None, "人", "<="),
    # a verb between the qualifier word and the number
    ("企业最少需要10万名设计人员。", "最少需要10万名", 1e5, None, "名", ">="),
    ("每人最多可获2.4万元补偿。", "最多可获2.4万元", 2.4e4, None, "元", "<="),
    # 不 before a comparison word reverses it; 附近 after the number is approximate
    ("首付比例不低于40%，利率上浮。", "不低于40%", 40, None, "%", ">="),
    ("新股申购不得高于20%，共3只。", "不得高于20%", 20, None, "%", "<="),
    ("央企旗下的宾馆不下2000家。", "不下2000家", 2000, None, "家", ">="),
    ("上证指数在2245点附近徘徊。", "2245点附近", 2245, None, "点", "~"),
    ("不到10人到场。", "不到10人", 10, None, "人", "<"),
    ("雷霆排名西部第四。", "第四", 4, None, "", "="),
    ("该机仅售2250，性价比高。", "2250", 2250, None, "", "="),
    ("小牛四连胜。", "四连胜", 4, None, "连胜", "="),
    ("他今年35岁。", "35岁", 35, None, "岁", "="),
]


@pytest.mark.parametrize(("text", "surface", "value", "value_max", "unit", "qualifier"), CLAIMS)
def test_claims_are_proposed(
    text: str, surface: str, value: float, value_max: float | None, unit: str, qualifier: str
) -> None:
    found = _found(text)
    assert surface in found, sorted(found)
    c = found[surface]
    assert c.value == pytest.approx(value)
    assert c.value_max == (pytest.approx(value_max) if value_max is not None else None)
    assert (c.unit, c.qualifier) == (unit, qualifier)
    assert 0.0 <= c.confidence <= 1.0
    assert c.rule


# text, a look-alike that must not overlap any proposal
LOOKALIKES = [
    ("95518客服条线认真做好排班调度。", "95518"),
    ("咨询电话：0371-69130127。", "0371-69130127"),
    ("全国统一热线：400-0052-500。", "400-0052-500"),
    ("通产丽星（002243，收盘价8.95元）", "002243"),
    ("公司公布了2008年年报。", "2008年"),
    ("通产丽星08年净利微增。", "08年"),
    ("4月26日，公司召开大会。", "4月26日"),
    ("自2008年5月28日上市以来。", "2008年5月28日"),
    ("提升60岁及以上老年人接种意愿。", "60岁"),
    ("年满18岁以上的公民均可报名。", "18岁"),
    ("确保线上受理7*24小时不断档。", "7*24小时"),
    ("客服中心7天24小时为您服务。", "7天"),
    ("实施关键岗位24小时不间断值守。", "24小时"),
    ("根据第3条规定办理。", "第3"),
    ("第一季度营收增长。", "第一季度"),
    ("将集团的关怀第一时间传达。", "第一"),
    ("索尼T900搭载一枚传感器。", "T900"),
    ("具备720P高清摄录功能。", "720P"),
    ("甲型H1N1流感疫情来势汹汹。", "H1N1"),
    ("细复式66B室面积很大。", "66B"),
    ("其中8至12楼低层户已全获认头。", "8至12楼"),
    ("拟每10股派发现金1.2元。", "10股"),
    ("这两场比赛的综述如下。", "两场"),
    ("两队此后形成争球。", "两队"),
    ("里德三分命中。", "三分"),
    ("考辛斯打三分得手。", "三分"),
    ("最后三分半钟争夺激烈。", "三分"),
    ("当日19点30分许，记者到达。", "30分"),
    ("只得到过一次机会。", "过一次"),
    ("常规赛时间还有1分59秒时，雷霆领先。", "1分59秒"),
    ("在本节还有23秒时三罚三中。", "23秒"),
    ("一个流感病人会传染他人。", "一个"),
    ("本科3年学费33万元。", "3年"),
    ("前十大流通股股东中有8只基金。", "前十大"),
    ("他们才能回第七。", "第七"),
    ("下周一公布售价。", "周一"),
    ("近3年来的最高水平。", "近3年"),
    ("两手抓、两手硬。", "两手"),
    ("这是十分重要的工作。", "十分"),
]


@pytest.mark.parametrize(("text", "lookalike"), LOOKALIKES)
def test_lookalikes_are_not_proposed(text: str, lookalike: str) -> None:
    start = text.index(lookalike)
    end = start + len(lookalike)
    for c in extract(text):
        assert not (c.start < end and start < c.end), (c.quantity_text, lookalike)


def test_neighbours_of_lookalikes_are_still_found() -> None:
    found = _found("通产丽星（002243，收盘价8.95元）公布了2008年年报，拟每10股派发现金1.2元。")
    assert set(found) == {"8.95元", "1.2元"}


def test_change_then_result_is_two_claims_not_a_range() -> None:
    found = _found("基金增持77.1万股至344.45万股。")
    assert {"77.1万股", "344.45万股"} <= set(found)
    assert found["77.1万股"].value_max is None


def test_team_scores_are_one_mention_each_with_the_team_as_subject() -> None:
    found = _found("雄鹿110-雷霆106，雷霆(55-27)五连胜终止。")
    assert found["110"].subject == "雄鹿" and found["106"].subject == "雷霆"
    assert found["55-27"].value == 55 and found["55-27"].kind == "score"


def test_kinds() -> None:
    found = _found("公司投入1000万元，组建26支队伍，增长20%，历时3个月，新建120平方米，运送200吨。")
    kinds = {k: found[k].kind for k in found}
    assert kinds == {
        "1000万元": "money",
        "26支": "count",
        "20%": "percent",
        "3个月": "duration",
        "120平方米": "area",
        "200吨": "weight",
    }


def test_empty_and_number_free_text() -> None:
    assert extract("") == []
    assert extract("公司召开党建工作会议。") == []
