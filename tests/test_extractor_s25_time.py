"""Twenty-fifth session's time rules, with sentences written for the tests: the quarter before
one (上一季度, 上季度) is one relative time, so 较上一季度 is a comparison base and never the
first quarter; 期内 ending a word (短期内, 发行期内) is no time; what an earlier sentence passes on
is what its last time stands for (截至…，今年以来，… -> the cutoff); the base of an equality
(和去年全年持平) or of a multiple with its noun between (是去年全年…增量的1.5倍) is no time; the
window of a record is no time also when the record is counted (第八个最暖) or is the year's own
(年内高点); 期内 (and 同期 opening its sentence) stands for the time named before it in its
paragraph."""

from __future__ import annotations

import pytest

from extractor import extract


def _times(text: str, surface: str) -> list[str]:
    [c] = [c for c in extract(text) if c.quantity_text.endswith(surface)]
    return [a["text"] for a in c.alternatives.get("time", [])] + [c.time_text or ""]


@pytest.mark.parametrize(
    "text",
    [
        "该行第三季度的净息差为1.9%，较上一季度收窄了5个基点。",
        "这家工厂四季度产量为80万吨，比上季度增加了6万吨。",
        "第二季度该平台的活跃用户为900万，较上个季度增加了40万。",
    ],
)
def test_the_quarter_before_is_a_base_never_the_first_quarter(text: str) -> None:
    surface = {"1.9%": "5个基点", "80万吨": "6万吨", "900万": "40万"}
    first = next(k for k in surface if k in text)
    times = _times(text, surface[first])
    assert "一季度" not in times, times
    assert not [t for t in times if "上" in t], times
    assert _times(text, first)[-1] in ("第三季度", "四季度", "第二季度")


def test_a_first_quarter_written_as_such_stays_a_time() -> None:
    times = _times("该行一季度的净息差为1.9%。", "1.9%")
    assert times[-1] == "一季度", times


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("新规规定，在短期内多次违规等9种情形的人员不得任职。", "9种"),
        ("该基金参与了同一发行期内另外3只新股的申购。", "3只"),
        ("她表示将在两年任期内推动新建社区食堂15家。", "15家"),
    ],
)
def test_qinei_at_the_end_of_a_word_is_no_time(text: str, surface: str) -> None:
    # 短期内, 发行期内, 任期内: a word of its own, not the period of a report.
    times = _times(text, surface)
    assert "期内" not in times, times


def test_a_carried_period_after_a_cutoff_is_the_cutoff() -> None:
    # 截至3月5日，今年以来，…；…: what the earlier part passes on is what 今年以来 stands for.
    text = "截至3月5日，今年以来，甲基金的净值上涨了12%；乙基金净值上涨9.5%。"
    times = _times(text, "9.5%")
    assert times[-1] == "截至3月5日", times


def test_a_carried_period_with_no_cutoff_stays_itself() -> None:
    text = "今年以来，甲基金的净值上涨了12%；乙基金净值上涨9.5%。"
    times = _times(text, "9.5%")
    assert "今年以来" in times, times
    assert not [t for t in times if t.startswith("截至")], times


@pytest.mark.parametrize(
    "text",
    [
        "这家门店今年前三季度的营业额和去年全年持平，已经达到了2400万元。",
        "该厂一季度的用电量跟上年同期基本持平，约为860万千瓦时。",
    ],
)
def test_the_base_of_an_equality_is_no_time(text: str) -> None:
    # 和去年全年持平: the time of what the figure equals, never the figure's own.
    surface = "2400万元" if "2400万元" in text else "860万千瓦时"
    times = _times(text, surface)
    assert not [t for t in times if t in ("去年全年", "上年同期")], times


def test_a_time_after_he_without_an_equality_stays() -> None:
    text = "该店今年和明年计划新增门店12家。"
    times = _times(text, "12家")
    assert [t for t in times if "明年" in t or "今年" in t], times


def test_the_base_of_a_multiple_with_its_noun_between_is_no_time() -> None:
    # 是去年全年…增量的1.5倍: the base's noun between the time and 的.
    text = "今年前5个月，该市新增贷款820亿元，是去年全年新增贷款总额的1.5倍。"
    times = _times(text, "1.5倍")
    assert "去年全年" not in times, times
    assert times[-1] == "今年前5个月", times


def test_a_time_of_the_multiples_own_value_stays() -> None:
    # 提升为…的3倍 is no copula of a base: the time before it is the value's own.
    text = "该市新增贷款提升为去年全年总额的3倍。"
    times = _times(text, "3倍")
    assert "去年全年" in times, times


@pytest.mark.parametrize(
    ("text", "surface", "window"),
    [
        (
            "2022年，该省平均气温为17.3℃，为1961年以来第三个最暖年份；全省平均降水量1320毫米。",
            "1320毫米",
            "1961年以来",
        ),
        (
            "据监测，6月中旬玉米均价为每吨2,650元，较3月上旬的年内高点回落约9%，比去年同期低4.2%。",
            "4.2%",
            "年内",
        ),
        (
            "周五铜价收于每吨8,100美元，创年内新低，较周初下跌3.5%。",
            "3.5%",
            "年内",
        ),
    ],
)
def test_a_counted_or_yearly_record_window_is_no_time(text: str, surface: str, window: str) -> None:
    times = _times(text, surface)
    assert window not in times, times


def test_a_year_as_a_bound_of_a_plan_stays_a_time() -> None:
    # 年内 with no record after it is the rest of the year, still offered.
    times = _times("该公司年内将新开门店120家。", "120家")
    assert "年内" in times, times


@pytest.mark.parametrize(
    ("text", "surface", "period"),
    [
        (
            "该集团昨日公布截至2024年3月31日止年度的业绩，期内营业额上升6.5%至88.2亿元。",
            "88.2亿元",
            "截至2024年3月31日",
        ),
        (
            "该银行2024年上半年业绩稳健。期内净利润为41.7亿元，按年上升3.2%。",
            "41.7亿元",
            "2024年上半年",
        ),
    ],
)
def test_qinei_stands_for_the_period_named_before_it(text: str, surface: str, period: str) -> None:
    # 期内 names the report's period stated earlier in its paragraph: that period is offered.
    times = _times(text, surface)
    assert times[-1] == period, times


def test_qinei_with_no_period_before_it_stays_the_word() -> None:
    times = _times("该公司业绩稳健。期内净利润为41.7亿元。", "41.7亿元")
    assert times[-1] == "期内", times


def test_tongqi_opening_a_sentence_stands_for_the_period_before_it() -> None:
    text = "今年一季度全省粮食进口量为210万吨。同期，全省粮食出口量为35万吨。"
    times = _times(text, "35万吨")
    assert times[-1] == "今年一季度", times


def test_tongqi_inside_a_clause_stays_the_word() -> None:
    # Inside its sentence 同期 is kept as written: the word is still offered.
    text = "今年一季度全省粮食进口量为210万吨。出口商同期仅增加了5家。"
    times = _times(text, "5家")
    assert "同期" in times, times
