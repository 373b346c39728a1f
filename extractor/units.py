"""Units and measure words of Chinese news, and the kind of quantity each one signals."""

from __future__ import annotations

#: Currency units, as written (元 stays 元 after scaling 万/亿).
MONEY_UNITS = (
    "元人民币",
    "元",
    "美元",
    "美金",
    "港元",
    "港币",
    "欧元",
    "日元",
    "英镑",
    "澳元",
    "加元",
    "韩元",
    "卢布",
    "新台币",
    "台币",
    "人民币",
    "法郎",
    "马克",
)

#: Percent-like units.
PERCENT_UNITS = ("%", "‰", "个百分点", "百分点")

#: Durations. 日 and 月 alone are dates (4月26日), so they are not here; 个月 is.
DURATION_UNITS = (
    "个小时",
    "小时",
    "分钟",
    "秒钟",
    "毫秒",
    "秒",
    "天",
    "个星期",
    "星期",
    "周",
    "个月",
    "个季度",
    "年",
    "昼夜",
)

AGE_UNITS = ("周岁", "岁")

AREA_UNITS = (
    "平方公里",
    "平方千米",
    "平方米",
    "平方英尺",
    "平米",
    "方尺",
    "公顷",
    "亩",
)

WEIGHT_UNITS = ("公斤", "千克", "毫克", "克", "吨", "斤", "磅", "盎司", "g")

LENGTH_UNITS = (
    "公里",
    "千米",
    "厘米",
    "毫米",
    "米",
    "英里",
    "英尺",
    "英寸",
    "海里",
    "光年",
    "mm",
    "cm",
    "km",
)

#: Score units (sport points, exam marks).
SCORE_UNITS = ("分",)

#: Counts with a measure word. 个人 is normalised to 人 (顶多2个人).
COUNT_UNITS = (
    "万人次",
    "人次",
    "个人",
    "连胜",
    "连败",
    "连冠",
    "连平",
    "个",
    "名",
    "人",
    "位",
    "家",
    "支",
    "份",
    "项",
    "辆",
    "套",
    "场",
    "次",
    "起",
    "所",
    "款",
    "伙",
    "只",
    "头",
    "台",
    "架",
    "艘",
    "条",
    "件",
    "座",
    "栋",
    "幢",
    "间",
    "户",
    "本",
    "部",
    "篇",
    "首",
    "张",
    "批",
    "种",
    "笔",
    "宗",
    "例",
    "轮",
    "股",
    "手",
    "票",
    "枚",
    "粒",
    "颗",
    "棵",
    "株",
    "匹",
    "门",
    "处",
    "扇",
    "副",
    "双",
    "盒",
    "瓶",
    "包",
    "袋",
    "箱",
    "球",
    "帧",
)

#: Everything else news measures.
OTHER_UNITS = (
    "倍",
    "像素",
    "摄氏度",
    "℃",
    "度",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "瓦",
    "毫升",
    "升",
    "立方米",
    "GB",
    "MB",
    "TB",
    "KB",
    "mAh",
    "GHz",
    "MHz",
    "Hz",
    "kW",
    "kg",
    "码",
    "马力",
)

_KINDS = (
    (MONEY_UNITS, "money"),
    (PERCENT_UNITS, "percent"),
    (DURATION_UNITS, "duration"),
    (AGE_UNITS, "age"),
    (AREA_UNITS, "area"),
    (WEIGHT_UNITS, "weight"),
    (LENGTH_UNITS, "length"),
    (SCORE_UNITS, "score"),
    (COUNT_UNITS, "count"),
    (OTHER_UNITS, "other"),
)

#: unit as written -> kind.
UNIT_KIND: dict[str, str] = {}
for _units, _kind in _KINDS:
    for _u in _units:
        UNIT_KIND.setdefault(_u, _kind)
UNIT_KIND["kg"] = "weight"
UNIT_KIND["成"] = "percent"

#: Surface unit -> stored unit, where they differ.
UNIT_NORMAL = {"元人民币": "元", "个人": "人", "个小时": "小时", "百分点": "个百分点", "周岁": "岁"}

#: Latin-letter units: a number followed by Latin letters is a model number unless the
#: letters are one of these.
LATIN_UNITS = frozenset(u for u in UNIT_KIND if u.isascii() and u.isalpha())

#: Measure words that Chinese numerals commonly form words with rather than counts
#: (二手房, 三手, 一手), so a Chinese numeral before them is not proposed.
CN_EXCLUDED_UNITS = frozenset({"手", "门", "处", "部", "本", "条", "头", "双", "副", "方", "度"})


def unit_alternation() -> str:
    """A regex alternation of every unit, longest first so 个百分点 wins over 个."""
    units = sorted(UNIT_KIND, key=len, reverse=True)
    return "|".join(_escape(u) for u in units if u != "成")


def _escape(u: str) -> str:
    return "".join("\\" + ch if ch in r".^$*+?{}[]\|()" else ch for ch in u)


def normal_unit(unit: str) -> str:
    """The stored form of a unit as written (元人民币 -> 元, 个人 -> 人)."""
    return UNIT_NORMAL.get(unit, unit)


def kind_of(unit: str) -> str:
    """The kind of quantity a unit signals; "other" when unknown."""
    return UNIT_KIND.get(unit, "other")
