"""Finding quantity mentions in text and normalising them.

The finder works on a *normalised copy* of the text (full-width digits and signs mapped to
ASCII with :data:`extractor.numbers.FULLWIDTH`, which maps one code point to one code point),
so every offset it returns is also an offset into the original text.

Pure regex and string work: no jieba. :func:`parse_quantity` is what the review app calls
when a reviewer selects a span by hand.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace

from .hanzi import simplified
from .lexicon import table, words
from .lookalike import context_lookalike
from .numbers import CN_DIGITS, FULLWIDTH, SCALES, parse_chinese, parse_number
from .units import (
    CN_EXCLUDED_UNITS,
    CURRENCY_BEFORE,
    LATIN_UNITS,
    UNIT_KIND,
    UNIT_WORD_STARTS,
    kind_of,
    normal_unit,
    unit_alternation,
)


@dataclass(slots=True)
class Mention:
    """A quantity found in the text, before roles (subject, predicate, time) are attached."""

    start: int
    end: int
    value: float | None
    value_max: float | None
    unit: str
    qualifier: str
    kind: str
    rule: str
    confidence: float
    #: Span of the number itself (without qualifier words), used by the role finder.
    core_start: int = -1
    #: For a team score (雄鹿110-雷霆106): the name written right before the number.
    subject_hint: str = ""
    subject_hint_start: int = -1
    #: For an unknown measure word (rule MEASURE_SHAPE): the mention without it, kept when the
    #: tagger shows the character belongs to the next word (2250索尼: a bare price).
    fallback: Mention | None = None
    #: A one-character measure word with a character after it (两元素, 3方面): the pipeline
    #: keeps the mention only where the tagger ends a word right after the measure word.
    check_glue: bool = False
    #: The rule of context that makes the mention look like a look-alike, when that rule is
    #: a feature of the learned decision rather than a drop (see :func:`_drop_in_context`).
    cue: str = ""


#: The rule of an unknown measure word read after a number (8幅作品); the pipeline keeps
#: such a mention only where the tagger leaves the measure word standing alone.
MEASURE_SHAPE = "count.measure_shape"

# --------------------------------------------------------------------------- patterns

_CN_NUM_CHARS = "零〇两一二三四五六七八九十百千万亿"
_CN_DIGIT_CHARS = "零〇两一二三四五六七八九十"
#: Scales after a number; 兆 only before a money unit (2.26兆元新台币: 10^12, as Taiwan and Hong
#: Kong write trillions; 100兆 of a network is no scale).
_SCALE = (
    "十万|百万|千万|十亿|百亿|千亿|万亿|[十百千万亿]|兆(?=元|美元|港元|港币|日元|欧元|新台币|台币)"
)
_UNITS = unit_alternation()
#: Thousands written with a full-width comma (5，000万元, 3，612.5亿元, 1，122列, 2，800多个)
#: count only when a decimal part, a scale word, a unit or another character of a word
#: follows: otherwise the comma ends a clause (得了5，000…).
#: A space before the decimal point (3 .0英寸, 82 .4平方米, a typesetting slip) counts only
#: when a scale word or a unit follows.
_ARABIC = (
    r"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d{1,3}(?:，\d{3})+(?=(?:\.\d+)?\s?(?:[\u4e00-\u9fff]|"
    + _UNITS
    + r"))|\d+)(?:\.\d+| \.\d+(?=[十百千万亿]|"
    + _UNITS
    + r"))?"
)
_CN = f"[{_CN_NUM_CHARS}]+(?:点[{_CN_DIGIT_CHARS}]+)?"
#: One space between an Arabic number and its scale word or unit (260 万部, 14 个).
_GAP = r"(?:(?<=\d)[ \u00a0\u3000](?=[十百千万亿]|" + _UNITS + r"))?"

#: Units that start with a scale word (千克, 千米, 千瓦时, 百分点): 12千克 is 12 千克, not 12000 克.
_NOT_SCALED_UNIT = (
    "(?!"
    + "|".join(sorted((u for u in UNIT_KIND if u[0] in "十百千万亿"), key=len, reverse=True))
    + ")"
)
_QUALIFIERS = table("qualifiers")
_POST_WORDS = sorted((r[0] for r in _QUALIFIERS if r[1] == "after"), key=len, reverse=True)

# Units that only count when nothing word-like follows; 分 must not be the start of 分之/分钟.
_NUMBER = (
    r"(?P<n{i}>"
    + _ARABIC
    + "|"
    + _CN
    + r")"
    + _GAP
    + r"(?P<a{i}>[几余多来](?=["
    + _CN_NUM_CHARS
    + r"]|"
    + _UNITS
    + r"))?"
    r"(?P<s{i}>"
    + _NOT_SCALED_UNIT
    + "(?:"
    + _SCALE
    + r"))?"
    + _GAP
    + r"(?P<b{i}>[余多](?="
    + _UNITS
    + r"|[至到~、\-]))?"
    # 成本 is a cost, but not where a headline ends before its dateline (占七成本报讯).
    r"(?P<u{i}>" + _UNITS + r"|成(?!本(?!报)|[员为立交绩果熟功型长都就全品])(?=\W|[^\x00-\x7f])?)?"
)

#: The scale characters that end a Chinese numeral (八亿, 十五万, 五千).
_CN_SCALE_TAIL_RE = re.compile(r"[百千万亿]+$")


def _cn_scaled_head(n1: str, n2: str) -> float | None:
    """The high end of a range without the scale its Chinese numeral ends in, when the low
    end has none (六到八亿: 8 of 八亿, whose 亿 六 borrows); None otherwise."""
    tail = _CN_SCALE_TAIL_RE.search(n2)
    if tail is None or _CN_SCALE_TAIL_RE.search(n1):
        return None
    return parse_number(n2[: tail.start()])


#: Nouns after A-B that number a place or an item (4-2地块: data/pair_name_nouns.tsv).
_PAIR_NAME_NOUNS = tuple(words("pair_name_nouns"))

_MAIN_RE = re.compile(
    r"(?=[0-9"
    + _CN_NUM_CHARS
    + r"])(?<![\d.,])"
    + _NUMBER.replace("{i}", "1")
    + r"(?:(?P<sep>至|到|~|——|-|—|、)(?P<p2>将近|接近|近|约|最高|最多|最低|高达)?"
    + _NUMBER.replace("{i}", "2")
    + r")?"
    r"(?P<post>"
    + "|".join(w if w != "上下" else r"上下(?=[，。、；）)\s的]|$)" for w in _POST_WORDS)
    + r")?"
)

#: Qualifier words before the number -> qualifier (data/qualifiers.tsv).
_PREFIX_QUAL = {r[0]: r[2] for r in _QUALIFIERS if r[1] == "before"}
#: Prefixes that only qualify a bare scale word (上万, 数十, 几百, 过百亿).
_SCALE_ONLY_PREFIXES = frozenset(r[0] for r in _QUALIFIERS if r[3:] == ("scale",))
#: Qualifier words that make a lone 一 a quantity (逾一年, 近一成) rather than an article.
_ONE_PREFIXES = frozenset(r[0] for r in _QUALIFIERS if r[3:] == ("one",))
#: Qualifier words after the number -> qualifier.
_POST_QUAL = {r[0]: r[2] for r in _QUALIFIERS if r[1] == "after"}
_POST_BY_LENGTH = sorted(_POST_QUAL, key=len, reverse=True)

#: Qualifier words written before a number, searched at the end of a short window; a
#: currency written before the amount (港币1000万元) may stand between word and number.
_PREFIX_RE = re.compile(
    r"(?P<q>"
    + "|".join(sorted(_PREFIX_QUAL, key=len, reverse=True))
    + r")(?P<c>需要|可获|可达|有|为|是|合|需|要|在)?(?P<f>(?:每[年月天日人]|平均)?(?:"
    + "|".join(sorted(CURRENCY_BEFORE, key=len, reverse=True))
    + r")?)$"
)
#: A currency word right before a bare amount, no 元 after it (人民币2999, RMB 3999).
_BARE_CURRENCY_RE = re.compile(
    "(?P<c>" + "|".join(sorted(CURRENCY_BEFORE, key=len, reverse=True)) + r")[ \u00a0]?$"
)
#: A currency word written right before an amount: part of the amount's surface (人民币50万元,
#: 新台币1,719亿元), so that it is never read as the subject or the predicate.
_CURRENCY_LEAD_RE = re.compile(
    "(?:" + "|".join(sorted(CURRENCY_BEFORE, key=len, reverse=True)) + r")[ \u00a0]?$"
)
_CURRENCY_UNITS = frozenset(CURRENCY_BEFORE.values())
#: A currency word written right before the amount (or before its qualifier word).
_CURRENCY_BEFORE_RE = re.compile(
    "(?:" + "|".join(sorted(CURRENCY_BEFORE, key=len, reverse=True)) + r")(?=[约近逾达]?$)"
)

_PERCENT_WORD_RE = re.compile(
    r"(?P<kind>百分之|千分之)(?P<n>\d+(?:\.\d+)?|["
    + _CN_DIGIT_CHARS
    + r"百]+(?:点["
    + _CN_DIGIT_CHARS
    + r"]+)?)"
)
_SCORE_RE = re.compile(
    r"(?=\d)(?<![\d.:\-/])(?P<a>\d{1,3})(?P<sep>[-—:：∶比])(?P<b>\d{1,3})(?![\d.:/%]|[年月日号时点])"
)
_TEAM_SCORE_RE = re.compile(
    r"(?<=[\u4e00-\u9fff])(?P<a>\d{1,3})[-—:：](?P<t2>[\u4e00-\u9fff]{1,8}?)(?P<b>\d{1,3})(?![\d.%])"
)
_TEAM_BEFORE_RE = re.compile(r"[\u4e00-\u9fff]{1,8}$")
#: Aspect ratios written a:b (data/aspect_ratios.tsv): the shape of a picture, not a score.
_ASPECT_RATIOS = frozenset((r[0], r[1]) for r in table("aspect_ratios"))
#: Two or three dimensions (1280×720像素, 108.7×59.5×27.1mm), with a space around the sign
#: (640 × 480像素) or the unit after each part (96mm×62.1mm×26.7mm).
_DIMS_RE = re.compile(
    r"(?=\d)(?<![\d.])(?P<dims>\d+(?:\.\d+)?(?:"
    + _UNITS
    + r")?(?:[ \u00a0]?[*×xX][ \u00a0]?\d+(?:\.\d+)?(?:"
    + _UNITS
    + r")?){1,2})"
)
_DIM_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
#: The kinds of unit a size is measured in (4000*3000分辨率: 分 starts the next word).
_DIM_KINDS = frozenset({"length", "area", "weight", "other"})
_FRACTION_RE = re.compile(r"(?=\d)(?<![\d./])(?P<a>\d+)/(?P<b>\d+(?:\.\d+)?)(?P<u>" + _UNITS + r")")
#: A share written as a bare fraction (增长了2/3, 约有2/3的人, 超过1/5的基金): value null, as
#: the guideline reads fractions; never after or before a digit, a slash, a colon or a Latin
#: letter (2010/05, 9:30, T* 2/28); 前1/4 is a bracket of a ranking, like 前十.
_BARE_FRACTION_RE = re.compile(
    r"(?<=[\u4e00-\u9fff])(?P<a>[1-9]\d?)/(?P<b>[1-9]\d?)(?=[\u4e00-\u9fff，。；、,;）)])"
)
#: An F-number written with its decimal (F2.8, f/5.6, F3.7～F4.2) is an aperture wherever it
#: stands (对应F5.6光束, 和F5.8（长焦）); without one (F4, F60) it is most often a name.
_F_NUMBER_RE = re.compile(
    r"(?<![A-Za-z\d])[Ff]/?(?P<a>\d{1,2}\.\d)"
    r"(?:\s*[-~～至]\s*(?:[Ff]/?)?(?P<b>\d{1,2}(?:\.\d)?)(?![\d.]))?(?![\d.])"
)
_APERTURE_RE = re.compile(
    r"(?<=光圈)[^，。；\d]{0,6}?(?P<all>F/?(?P<a>\d+(?:\.\d+)?)(?:\s*[-~至]\s*(?:F/?)?(?P<b>\d+(?:\.\d+)?))?)",
    re.IGNORECASE,
)
_ORDINAL_RE = re.compile(
    r"第(?P<n>[" + _CN_DIGIT_CHARS + r"百]+|\d{1,3}(?:[,，]\d{3})+(?!\d)|\d+)(?P<after>.{0,3})"
)
#: The other items of a list of ranks after 第N (第四、第六和第八名, 分列第二、三位): each is a
#: rank of the same ranking, with or without its own 第.
_RANK_LIST_TAIL_RE = re.compile(r"(?:[、和及与]第?(?:[一二三四五六七八九十]+|\d+))+")
_RANK_LIST_ITEM_RE = re.compile(r"[、和及与](?P<di>第?)(?P<n>[一二三四五六七八九十]+|\d+)")
#: Thousands written with a separator (1,122, 1，122): a count or an amount, never a year or
#: a code, however many digits.
_GROUPED_RE = re.compile(r"\d[,，]\d{3}")
#: A rank verb or field up to eight characters before 第N (位列中国影史春节档第二: the field
#: named between them).
_RANK_BEFORE_RE = re.compile(
    "(?:"
    + "|".join(sorted(words("rank_verbs") + words("rank_scopes"), key=len, reverse=True))
    + r"|仅次于\S{0,6}?)[^，。；：:]{0,8}$"
)
#: What makes 首款, 首个, 首家 a rank (这是该公司首款触摸屏相机, 成为国内首家, 全省首个): a
#: copula or a rank verb, or the field of a ranking, a little before it in its clause.
_FIRST_GOVERNED_RE = re.compile(
    "(?:"
    + "|".join(sorted(words("rank_verbs") + words("rank_scopes"), key=len, reverse=True))
    + r"|是|为|系|乃|堪称|当属)[^，。；：:]{0,8}$"
)
#: Measure words after 首 that need such a word (data/first_measures.tsv, "governed").
_FIRST_GOVERNED = frozenset(r[0] for r in table("first_measures") if r[1:] == ("governed",))
#: A month right after N年: the year of a date (九年六月十九日; 三年六个月 is a duration).
_MONTH_AFTER_RE = re.compile(r"[零〇一二三四五六七八九十]{1,3}月")
#: Rank verbs that name a ranking by themselves (data/rank_verbs.tsv, "bare"): 排名12，
_BARE_RANK_VERBS = tuple(r[0] for r in table("rank_verbs") if r[1:] == ("bare",))
#: Names made of a number and a word opened by its measure word (20国集团, 5人制): data.
_NUMBER_NAME_WORDS = tuple(words("number_name_words"))
#: Words a little after 第N(名) in its clause that make it a slot of a prize table
#: (第一名：奖励1000元, 前三名玩家可得到…, 第四名---第十名：各奖励…).
_PRIZE_AFTER_RE = re.compile(
    r"(?:名|位)?[^，。；！？,;!?\n]{0,8}?(?:" + "|".join(words("prize_words")) + ")"
)
#: The measure words of a range of ranks (三至七名, 4到10位) that a prize word makes a slot.
_RANK_RANGE_UNITS = frozenset(("名", "位"))
_RANK_DIGITS = frozenset("一二三四五六七八九")
#: 第N and a dash or a range word before a number: that number ends a range of ranks
#: (第4----10名, 第11～50名), it counts nothing.
_RANK_RANGE_HEAD_RE = re.compile(r"第[0-9一二三四五六七八九十]+\s*(?:-+|—+|～|~|至|到)\s*$")
#: A rate's denominator and a bound after a quantity, then 的 (25000元/平米以上的项目,
#: 20000元/月以上的群体): the quantity bounds a class, as 9公斤以下的 does.
_PER_BOUND_RE = re.compile(r"[/／][\u4e00-\u9fff]{1,3}(?:以上|以下|以内)的")
#: What stands before 第N个 when it opens a clause: the points of an argument.
_ENUMERATION_BEFORE = frozenset("，。；：！？、,;:!?\n（(“")
_RANK_AFTER_OK = re.compile(
    r"^(?:名|位|大(?!会|赛|学|战|厦|道|街|队)|$|[，。；、）)\s也]|的(?:"
    + "|".join(words("rank_nouns"))
    + ")|"
    + "|".join(words("rank_nouns"))
    + ")"
)
#: 第一个访问的国家, 第一个副本: "the first" of something is a rank, unless what follows is a
#: period or a part of a sequence (第一个季度, 第二个学期, 第三个阶段).
_ORDINAL_PERIODS = tuple(words("ordinal_periods"))
#: A run of consecutive periods (data/run_words.tsv: 连续, 连升, 连降…) then a number of
#: periods, 日, 月 and 季 included (连升三日, 连降两月, 连续两季), or 第N and any period
#: (连续第四年, 连续第七个交易日: the Nth period of the run, counted as N periods).
_RUN_RE = re.compile(
    "(?:"
    + "|".join(sorted(words("run_words"), key=len, reverse=True))
    + r")了?(?P<di>第)?(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})"
    + r"(?P<u>个?交易日|个?季度|个?月|个?星期|日|季|年|天|周)(?![元币本度初底末中内])"
)
#: A word of a run right before a quantity (连续四次, 连升三日).
_RUN_BEFORE_RE = re.compile(
    "(?:" + "|".join(sorted(words("run_words"), key=len, reverse=True)) + ")了?$"
)
#: 首 + a measure word of a thing (首款, 首只, 首家): the first of its kind, a rank 1
#: (data/first_measures.tsv); a word or a quote must follow (国内首家合资公司).
_FIRST_RE = re.compile("首(?:" + "|".join(words("first_measures")) + ')(?=[\u4e00-\u9fff“"「《])')
#: Words that name the first place of a ranking (data/rank_one_words.tsv): "alone" ones are
#: a rank 1 anywhere (榜首), the others after a rank verb or a ranking's field (跃居首位).
_RANK_ONE_ALONE = tuple(r[0] for r in table("rank_one_words") if r[1:] == ("alone",))
_RANK_ONE_RE = re.compile("|".join(sorted(words("rank_one_words"), key=len, reverse=True)))
_RANK_ONE_WORDS = tuple(words("rank_one_words"))
_RANK_GE_RE = re.compile("个(?!" + "|".join(_ORDINAL_PERIODS) + r")(?=[\u4e00-\u9fff])")
_PRICE_BEFORE_RE = re.compile(
    "(?:"
    + "|".join(sorted(words("price_words"), key=len, reverse=True))
    + r")(?:为|是|仅|只|约|近|达|[：:] ?)?$"
)
#: A product's model name (Latin letters, as FZ35, iPod classic3) in the clause before a word
#: that names its price (data/model_price_words.tsv) right before a bare number: 松下FZ35仅2680.
_MODEL_PRICE_RE = re.compile(
    r"[A-Za-z][^，。；！？,;!?\s]{0,10}(?:"
    + "|".join(sorted(words("model_price_words"), key=len, reverse=True))
    + ")$"
)
#: 第一个 right before a duration (第一个10年, 第二个五年): the period is named by its place.
_NTH_PERIOD_BEFORE_RE = re.compile(r"第[一二两三四五六七八九十\d]{1,3}个$")
#: Two or three digits right after 秒 and before no other digit, unit or number sign: the
#: hundredths or thousandths of a race time (9秒83, 12秒88, 2分37秒348), never the start of
#: another number (3秒，83岁 has a mark between).
_HUNDREDTHS_AFTER_RE = re.compile(r"(\d{2,3})(?![\d.%％A-Za-z])")
#: Words before a time in minutes and seconds that make it a result (以2分05秒夺冠, 成绩为
#: 3分28秒), not a moment on a clock.
_RESULT_BEFORE = ("以", "成绩为", "成绩是", "跑出", "游出")
#: Minutes right before a number of seconds (7分25秒): a clock time, minutes and seconds.
_MINUTES_BEFORE_RE = re.compile(r"(?:\d|[一二两三四五六七八九十])分$")
#: A bare 内 after a span of time or space (6分钟内, 30天内, 5公里内): at most, as 以内; not the
#: first character of a word (3米内径, 10厘米内侧, 5年内部).
_WITHIN_AFTER_RE = re.compile(
    r"内(?![容部地资需存外涵销置蒙线阁科陆心侧幕江河核衣饰径务政讧疚乱伤胆])"
)
#: 在 right before a span with a bare 内 (他在20天内游历了…), no word of the future or of duty
#: before it (将在, 需在, 必须在, 应在, 可在, 争取在: a deadline).
_SPAN_IN_BEFORE_RE = re.compile(r"(?<![将要需须应会可能争力求望])在(?:这|此|接下来的)?$")
#: Characters of a casualty tally (致4死7伤, 造成一死两伤): data/casualty_tally_chars.tsv.
_CASUALTY_TALLY = tuple(words("casualty_tally_chars"))
#: The next item of a tally: a number and its character (4死|7伤).
_TALLY_NEXT_RE = re.compile(r"\d{1,4}([\u4e00-\u9fff])")
_CN_TALLY_NEXT_RE = re.compile("[一二两三四五六七八九十]{1,2}(?:" + "|".join(_CASUALTY_TALLY) + ")")
_CN_TALLY_BEFORE_RE = re.compile(
    "(?:致|造成|导致)[一二两三四五六七八九十]{1,2}(?:" + "|".join(_CASUALTY_TALLY) + ")$"
)
#: A verb of causing right before a casualty tally (致一死, 造成两死, 导致一死一伤).
_CAUSE_BEFORE_RE = re.compile(r"(?:致|造成|导致)$")
#: Units of a temperature, which 零下 before the number makes negative.
_TEMPERATURE_UNITS = frozenset({"度", "℃", "摄氏度"})
#: A qualifier of a number read with its sign turned (零下二十多度: more than 20 below zero).
_NEGATED_QUALIFIER = {">": "<", ">=": "<=", "<": ">", "<=": ">="}
#: Minutes right after hours (4小时18分, 两小时二十分钟; not 分之, 分别 or 分钟内的…).
_MINUTES_AFTER_RE = re.compile(
    r"(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,3})分(?:钟)?(?![之别析配布开享散])"
)
#: Seconds right after hours and minutes (2小时08分41秒): a race time, one duration in seconds.
_SECONDS_AFTER_RE = re.compile(r"(?P<n>[0-5]?\d|[一二两三四五六七八九十]{1,3})秒(?:钟)?")
#: Months right after years (有期徒刑十年六个月, 3年零6个月, 两年又三个月): one duration in years.
_MONTHS_AFTER_RE = re.compile(
    r"[零又]?(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,2})个月(?!前|后|以来|内|里)"
)
#: A ratio written as a bare number a little after its name (容积率仅1.1: data/ratio_words.tsv).
_RATIO_NAME_BEFORE_RE = re.compile(
    "(?:"
    + "|".join(sorted(words("ratio_words"), key=len, reverse=True))
    + r")[^，。；！？\d]{0,4}$"
)
#: The next item of a list whose unit a bare scaled number shares (约198万及312万人次,
#: 3万、5万和8万元): a list word, then a number with its scale and its unit.
_SHARED_UNIT_RE = re.compile(
    r"(?:(?:及|和|与|、|或|以及)(?:约|近|逾|超过)?[\d.,]+[万亿]?)+(?P<u>" + _UNITS + ")"
)
#: Words before a bare number that say what it counts (人口300万): word -> stored unit.
_HINT_UNIT = {r[0]: (r[1] if len(r) > 1 else "") for r in table("bare_unit_hints")}
_BARE_UNIT_HINT_RE = re.compile("(" + "|".join(_HINT_UNIT) + r")[^，。；]{0,4}$")
#: Words before a bare number that make it money (售价2250).
_MONEY_HINT_RE = re.compile("(" + "|".join(words("money_hint_words")) + r")[^，。；]{0,6}$")

#: A clause that gives an example or a supposition (比如说…, 假如…): its numbers illustrate
#: and are not facts. The span runs to the end of the sentence.
_EXAMPLE_WORDS = tuple(
    sorted((r[0] for r in table("example_words") if r[1] != "then"), key=len, reverse=True)
)
_INSTANCE_WORDS = frozenset(r[0] for r in table("example_words") if r[1] == "instance")
_HYPOTHETICAL_RE = re.compile("(" + "|".join(_EXAMPLE_WORDS) + r")[^。！？；!?\n]*")
#: What an example goes on to when it supposes (比如第一名充了2000元，将赠送…; 那么, 的话):
#: the "then" words of data/example_words.tsv and the plan words.
_THEN_RE = re.compile(
    "|".join(
        sorted(
            [r[0] for r in table("example_words") if r[1] == "then"] + list(words("plan_words")),
            key=len,
            reverse=True,
        )
    )
)
_DATED_RE = re.compile(r"[，,]?(?:在|于)?(?:\d{4}年|\d{1,2}月\d{1,2}日)")
#: The scope of a comparison or selection: 在所有60只基金中, 15人中包括…: the size of the
#: group is named, nothing is claimed about it.
_SCOPE_AFTER_RE = re.compile(r"[\u4e00-\u9fff]{0,10}?中(?=[，,]|位居|位列|排名|名列|居|排)")
_SCOPE_BEFORE_RE = re.compile("在(?:" + "|".join(words("scope_words")) + ")?$")
_GROUP_OF_RE = re.compile(r"中(?:包括|有)")
#: Nouns that count the parts of a text or an argument (来自三个方面), not things in the world.
_DISCOURSE_NOUNS = tuple(words("discourse_nouns"))
#: A criterion qualifier and 的: 9公斤以下的小型犬, 超过27公斤的大型犬 name a class, not a fact.
_CRITERION_PREFIXES = frozenset(
    r[0] for r in table("criterion_prefixes") if r[1] in ("prefix", "both")
)
_CRITERION_KINDS = frozenset({"weight", "length", "area", "age", "duration", "other"})
#: Kinds whose bound with 的 picks a class only after the attribute it bounds (死亡5人以上的
#: 事故); a share with 的 is the share of a population (超过七成的人), so never.
_BOUND_CLASS_KINDS = frozenset({"count", "money", "score"})
#: Price words (data/price_words.tsv) after 的 make the bounded amount a price (不足700元的价格).
_PRICE_AFTER = tuple(words("price_words"))
#: Words right before such a quantity that make it held or reached, a fact (有超过1亿的网民).
_HOLDING_WORDS = tuple(words("holding_words"))
#: A minus sign that makes a share negative: 收益为-0.11%, 浮亏-6.75% (after a word or a
#: separator, never after a digit: 5%-6% is a range).
_NEG_PERCENT_RE = re.compile(
    r"(?:(?<=[为是至到：:（(，,、\s\u4e00-\u9fff])|^)-(?P<n>\d+(?:\.\d+)?)%"
)
#: Half as a share: 报销一半, 占一半.
#: 一多半, 一大半 and 大半 are more than half (缩水大半, 用去一大半); 大半天, 大半夜 are spans.
_HALF_RE = re.compile(
    r"(?<![0-9.])(?:一(?P<more>[多大])?|(?P<big>大))半(?![天年月小时个夜辈生场节])"
)
_HALF_VERB_RE = re.compile("(?:" + "|".join(words("half_verbs")) + ")$")
#: A bound after 一半 that makes it a share (一半以上, 一半左右).
_HALF_POST_RE = re.compile(r"以上|以下|左右|上下(?=[，。；、\s]|$)")
#: 占 or a copula earlier in the clause: 一半 after 的 is the share it names (约占全省的一半,
#: 仅为去年的一半).
_HALF_SHARE_OF_RE = re.compile(
    r"(?P<w>占|为|是|相当于|达到|达|只有|仅有|不到|不足|超过|接近)[^，。；！？,;!?]*$"
)
#: A fraction in words (三分之一, 十分之三): a share. 百分之/千分之 are read as % and ‰.
_CN_FRACTION_RE = re.compile(
    r"(?<![百千万])(?P<b>[二两三四五六七八九十]+|\d+)分之(?P<a>[一二两三四五六七八九十]+|\d+)"
)
#: One and a half years, months, days, hours (一年半, 两个月半); 一年半载 is "a year or so".
_YEAR_AND_HALF_RE = re.compile(
    r"(?<![一二两三四五六七八九十\d])(?P<n>[一二两三四五六七八九十]{1,3}|\d{1,3})"
    r"(?P<u>年|个月|天|个小时|小时)半(?![载天年月])"
)
#: Tenths of a yuan, 角 or its spoken form 毛, alone or after the yuan (8角, 5毛钱, 两元五角,
#: 3块5毛), up to a yuan amount (8角到1元): money stored in 元 like every amount (GUIDELINE).
#: Never after a numeral or in a name (长三角, 珠三角).
_JIAO_RE = re.compile(
    r"(?<![\d.一二两三四五六七八九十百千万长珠])"
    r"(?:(?P<y>\d{1,4}|[一二两三四五六七八九十]{1,3})[元块])?"
    r"(?P<j>[1-9]|[一二两三四五六七八九])[角毛](?P<q>钱)?"
    r"(?:(?P<sep>到|至|-|~)(?P<hi>\d+(?:\.\d+)?)元)?"
)
#: Yuan and tenths in speech with the 角 or 毛 left unsaid (物业费3块5, 两块五的): 3.5 元,
#: where only a qualifier word, 的 or the end of a clause follows (两块五花肉 is no money).
_KUAI_TENTHS_RE = re.compile(
    r"(?<![\d.一二两三四五六七八九十百千万])(?P<y>\d{1,4}|[一二两三四五六七八九十]{1,3})块"
    r"(?P<j>[1-9]|[一二两三四五六七八九])(?![\d.])"
)
#: What may follow a bare 8角: a qualifier word, 的, or the end of a clause (8角度 is no money).
_JIAO_AFTER = frozenset("左上多的以，。；、！？,;!?）)")
#: What after N块 keeps it from counting pieces: a function word (剩余的99块则…), 儿 and 头
#: (一块儿, 块头).
_KUAI_NOT_COUNT_AFTER = frozenset("儿头则就都也还又是在了而却和与及或但并将被把让给为对从到向以之")
#: N and a half of a weight, length or area (2斤半, 3公斤半, 1米半, 5亩半): N.5 of the unit;
#: not before a word 半 opens (3吨半挂车, 5米半径).
_MEASURE_AND_HALF_RE = re.compile(
    r"(?<![一二两三四五六七八九十\d.])(?P<n>[一二两三四五六七八九十]{1,3}|\d{1,3})(?P<u>"
    + "|".join(
        sorted(
            (
                u
                for u, k in UNIT_KIND.items()
                if k in ("weight", "length", "area") and not u.isascii()
            ),
            key=len,
            reverse=True,
        )
    )
    + r")半(?![导挂岛径场决成数])"
)
#: Hundreds of millions counted with 个 (10个亿, 一个亿, 六七个亿): the scale 亿, spoken.
_GE_YI_RE = re.compile(
    r"(?<![\d.一二两三四五六七八九十百千])(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十百千几]+)"
    r"(?P<a>[多余])?个(?P<a2>[多余])?(?P<s>亿)(?P<u>" + _UNITS + r")?"
)
#: Yuan in speech, 块 (2000块, 三千多块, 200来块): money where money is spoken of before it
#: in the clause and no noun follows; else a count of pieces (5块金牌, 银幕626块, thousands
#: grouped: 60,079块); 块钱 is a unit of its own.
_KUAI_RE = re.compile(
    r"(?<![\d.一二两三四五六七八九十百千万])(?<!\d[,，])"
    r"(?P<n>(?:\d{1,3}(?:[,，]\d{3})+(?!\d)|\d+)(?:\.\d+)?|[两二三四五六七八九十百千]+|一(?=[万千]))"
    r"(?P<a>[多来余])?(?P<s>万|千|亿)?块(?!钱)"
)
#: A fee or a wage named after N块的 (13块的物业费, 三千块的工资): 块 is then the yuan.
_KUAI_FEE_AFTER_RE = re.compile(r"的[\u4e00-\u9fff]{0,3}?(?:费|钱|价|租|薪|工资)")
#: Money spoken of before a bare 块 or 角 in its clause: the yuan, a price, a cost, a wage.
_KUAI_CONTEXT_RE = re.compile(r"[元块钱价贵卖售费薪资涨降赚花付交缴罚赔值][^，。；！？]{0,12}$")
#: A share in tenths with one more digit (4成2: 42 %).
_SHARE_TENTHS_RE = re.compile(r"(?<![\d.])(?P<a>[1-9])成(?P<b>[1-9])(?![\d.%成])")
#: 过半 "more than half": more than 50 % (过半数 too; not 经过半年, 通过半数, nor a period half
#: gone: 赛季过半, 时间过半, “金九”过半).
_MORE_THAN_HALF_RE = re.compile(r"(?<![不超经通度季间份程期”\"])过半(?![夜])")
#: 半数 "half of them" after a qualifier word or before 以上 (超过半数, 近半数, 半数以上): 50 %.
_HALF_COUNT_RE = re.compile(r"半数(?P<ge>以上)?")
#: 双倍: a multiple of two (data/double_words.tsv for the words that claim it).
_DOUBLE_RE = re.compile("双倍")
_DOUBLE_WORDS = tuple(words("double_words"))
#: 翻番, 翻了一番, 翻两番: doubled once (2 倍) or twice (4 倍), a multiple written with no digit.
_DOUBLING_RE = re.compile("翻了?(?P<n>[一两二三])?番")
#: A discount of two digits in words (八五折: 85 % of the price, read 8.5).
_CN_DISCOUNT_RE = re.compile("(?P<a>[一二三四五六七八九])(?P<b>[一二三四五六七八九])折")
#: A film speed (感光度 ISO 2000, ISO125-ISO3200): a camera's sensitivity, written after ISO
#: (ISO9001标准, ISO 14001认证 name standards).
_ISO_RE = re.compile(
    r"(?<![A-Za-z])ISO[ \u00a0]?(?P<a>\d{2,5})"
    r"(?:\s?[-~至]\s?(?:ISO[ \u00a0]?)?(?P<b>\d{2,5}))?"
    r"(?![\d.:：]|\s?(?:标准|认证|体系|质量))"
)
#: A film speed written after ISO and a linking word (ISO感光度为100-6400, ISO为80-1600,
#: 扩展ISO感光度最高为12800): the number alone, or the range, is the sensitivity.
_ISO_AFTER_RE = re.compile(
    r"(?<![A-Za-z])ISO(?:感光度)?(?:范围)?(?:最高|最低)?(?:为|是|达到|达|可达)[ \u00a0]?"
    r"(?P<a>\d{2,5})(?:\s?[-~至]\s?(?P<b>\d{2,5}))?(?![\d.:：])"
)
#: A screen size written with the inch mark (3.0" 液晶屏, 2.5＂): inches.
_INCH_MARK_RE = re.compile(r"(?<![A-Za-z0-9.])(?P<n>\d{1,2}\.\d{1,2})[\"＂]")
#: Seconds written s after a decimal number (百公里加速仅需3.9s, 快门时滞0.01s): an integer
#: before s is a model's name as often (小米12s, iPhone 6s), so only decimals are read.
_DECIMAL_SECONDS_RE = re.compile(r"(?<![A-Za-z0-9.])(?P<n>\d{1,3}\.\d{1,3})s(?![A-Za-z0-9])")
#: A bare index level before 关口/大关/点位 (重返2245关口, 失守3000大关): points of an index.
_INDEX_LEVEL_RE = re.compile(r"(?<![\d.,])(?P<n>\d{3,5}(?:\.\d+)?)(?=关口|大关|点位|整数关)")
#: An f-number written before 光圈 (F2.0大光圈).
_FNUMBER_RE = re.compile(r"(?<![A-Za-z0-9])F/?(?P<a>\d+(?:\.\d+)?)(?=大?光圈)")

#: Characters after a number that are not a measure word; name suffixes (00后, 九价).
_NOT_MEASURE = frozenset(words("not_measure_chars"))
_NAME_SUFFIXES = frozenset(words("number_name_suffixes"))
_CLAUSE_END = frozenset("，。；、！？：,;!?:)）")
#: Team names that are numbers (76人): cue words after and before them.
_TEAM_AFTER = tuple(r[0] for r in table("team_cues") if r[1] in ("after", "both"))
_TEAM_BEFORE_CUE_RE = re.compile(
    "(?:"
    + "|".join(r[0] for r in table("team_cues") if r[1] in ("before", "both"))
    + r")[\u4e00-\u9fff]{0,4}$"
)
#: Figures of speech: unit -> cue words before / after the quantity.
_FIGURE_BEFORE: dict[str, tuple[str, ...]] = {}
_FIGURE_AFTER: dict[str, tuple[str, ...]] = {}
for _u, _side, _w in table("figure_of_speech"):
    _d = _FIGURE_BEFORE if _side == "before" else _FIGURE_AFTER
    _d[_u] = (*_d.get(_u, ()), _w)
#: Idioms and set phrases with a numeral (千篇一律, 七尺男儿: data/numeral_chengyu.tsv), each
#: numeral matching its digit too (3位1体).
_CHENGYU_DIGITS = {"一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5", "六": "6",
                   "七": "7", "八": "8", "九": "9"}  # fmt: skip
_CHENGYU_RE = re.compile(
    "|".join(
        "".join(
            f"[{ch}{_CHENGYU_DIGITS[ch]}]" if ch in _CHENGYU_DIGITS else re.escape(ch)
            for ch in phrase
        )
        for phrase in sorted(words("numeral_chengyu"), key=len, reverse=True)
    )
)
#: Time frames: words before a duration (过去2年); those marked "frame" need a frame word
#: after the duration (近3年来).
_FRAME_ALWAYS = tuple(r[0] for r in table("time_frame_words") if r[1] == "always")
_FRAME_AFTER = tuple(r[0] for r in table("time_frame_words") if r[1] == "frame")
_FRAME_END_RE = re.compile(r"(?:以来|来|内|中|里|间|的)")
#: A span after a duration (3年内, 一天之内, 15年间) and another figure later in its clause
#: (…内11连胜, …间增加了43倍, …内第二次交锋; a space or a bracket ends the clause: a
#: headline runs into its dateline): the duration frames that figure.
_WITHIN_RE = re.compile(r"(?:之内|内|里|间|平均)")
_FRAMED_FIGURE_RE = re.compile(
    r"[^，。；！？,;!?\s(（]*?(?:\d|第[一二两三四五六七八九十]|[两二三四五六七八九十百千][个次倍名家只场件多余])"
)
#: Words after a quantity that make it a condition (45级时), each with the longer words that
#: start like it and do not (时间).
_CONDITION_AFTER = tuple(
    (r[0], tuple(r[1].split()) if len(r) > 1 else ()) for r in table("condition_after")
)
#: Words after a level (N级) that make reaching it a condition or a moment (data).
_LEVEL_CONDITION_WORDS = tuple(words("level_condition_words"))
#: A requirement word a little before a level (等级限制是：35级: data/level_requirement_words).
_LEVEL_REQUIREMENT_RE = re.compile(
    "(?:" + "|".join(words("level_requirement_words")) + r")[^，。；！？,;!?\n]{0,6}$"
)
#: What follows the bound of a bracket of a distribution: a per-unit, 以上/以下, a bracketed
#: note, then (的)占 and the share (6000~10000元/月的占10.1%).
_BRACKET_SHARE_RE = re.compile(
    r"(?:/[\u4e00-\u9fff])?(?:以上|以下)?(?:[(（][^)）]{0,12}[)）])?的?占(?!据|领|有|优|上风)"
)
#: Words before a small count of people that refer to a known party (与两位主演).
_REFERENCE_WORDS = tuple(words("reference_words"))
_CJK_NUMERAL_START_RE = re.compile(r"[一二两三四五六七八九十]")
_LIST_ITEM_SEP_RE = re.compile(r"、")
#: Two items joined by 和/与/及 right before a count of two (A和B两个产品, 450元和2500元两个价位).
_PAIR_SUMMARY_RE = re.compile(r"[\u4e00-\u9fff\w”]{2,}(?:和|与|及)[\u4e00-\u9fff\w]{2,12}$")
#: Cues before N点: index points (沪指下跌24点) or a clock time (上午10点).
_POINT_INDEX = tuple(r[0] for r in table("index_point_cues") if r[1] == "index")
_POINT_CLOCK = tuple(r[0] for r in table("index_point_cues") if r[1] == "clock")
#: N点 a few characters before a word of data/point_count_words.tsv counts the points of a
#: device (9点人工智能自动对焦, (11 点)自动对焦, 10点触控).
_POINT_COUNT_RE = re.compile(
    r"[^，。；！？\d]{0,6}?(?:" + "|".join(words("point_count_words")) + ")"
)
#: 北纬, 东经…: N度 after one of these is a coordinate.
_COORDINATE_WORDS = tuple(words("coordinate_words"))
#: Measure words of things that may follow the noun they count (纪念卡一张！).
_POSTPOSED_MEASURES = frozenset(words("postposed_measures"))
#: Characters before 一 that make it part of a phrase, not a postposed count (问题中的一个,
#: 还一个): particles and adverbs.
#: Words opening an alternative in brackets after a postposed count (T恤一件(或戒指一个)).
_ALTERNATIVE_WORDS = ("或", "或者")
_NOT_POSTPOSED_BEFORE = frozenset("的还再又也都就才只是有这那每第")
#: The label of the next slot of a prize table right after a postposed count, with no
#: punctuation between (吸尘器一台二等奖：…, 魔符一套第四名…): a prize name ending in 奖 before
#: a colon, or a rank 第N名.
_NEXT_SLOT_RE = re.compile(r"[\u4e00-\u9fff]{1,3}奖[:：]|第[0-9一二三四五六七八九十]+名")
#: Words beside N G that make it a memory size (送2G卡, 内存4G) rather than a network
#: generation (3G手机): data/memory_cues.tsv.
_MEMORY_BEFORE = tuple(r[0] for r in table("memory_cues") if r[1] == "before")
_MEMORY_AFTER = tuple(r[0] for r in table("memory_cues") if r[1] == "after")
#: A survey verb right before a count (采访了20名): the sample of a survey.
_SURVEY_BEFORE_RE = re.compile("(?:" + "|".join(words("survey_words")) + ")(?:了|的)?$")
#: Characters after a quantity that make it the name of a design (两段式).
_STYLE_SUFFIXES = tuple(words("style_suffixes"))
#: The same after other figures joined to the quantity by + (6GB+128GB版: 6GB names it too).
#: An amount right after a number of years (签下5年3500万美元的合同): the term of a deal.
_AMOUNT_AFTER_RE = re.compile(r"[\d.,]+(?:[万亿]|千万|百万)(?:美元|元|欧元|英镑|港元)?")
#: Measure words that count what follows them, whatever its name (3个版本, 12项制度).
_COUNTING_MEASURES = ("个", "种", "款", "项", "套", "条")
_STYLE_AFTER_RE = re.compile(
    r"(?:[+＋][\d.]+[A-Za-z]{0,3})*(?:" + "|".join(map(re.escape, _STYLE_SUFFIXES)) + ")"
)
#: Words before seconds or minutes that make them a moment on a game clock (还剩7.5秒).
_GAME_CLOCK_BEFORE_RE = re.compile(
    "(?:" + "|".join(sorted(words("game_clock_words"), key=len, reverse=True)) + ")[^，。；]{0,4}$"
)
#: 80年 to 99年 with no qualifier: a year written with two digits (97年), not 97 years.
_TWO_DIGIT_YEAR_RE = re.compile(r"[89]\d")
#: Numerals that are idioms of multitude (亿万, 万千): data/numeral_idioms.tsv.
_NUMERAL_IDIOMS = frozenset(words("numeral_idioms"))
#: A lone 百/千/万 and the first character of its measure word that make an idiom or a name
#: (万家, 百年名校, 感动万分), not an amount: data/bare_scale_idioms.tsv.
_BARE_SCALE_IDIOMS = frozenset(words("bare_scale_idioms"))
#: A lone 百/千/万 and its unit before the measure taken per it (百公里油耗, 千人发病率): the
#: base of a rate, not an amount (data/per_base_metrics.tsv).
_PER_BASE_METRIC_RE = re.compile(
    "(?:" + "|".join(sorted(words("per_base_metrics"), key=len, reverse=True)) + ")"
)
#: How far (characters) another count of the same measure word may stand from 一 and its
#: measure word for 一 to count too (吃了两次饭，流了一次眼泪).
_BESIDE = 24
_SENTENCE_ENDS = "。！？!?；;\n"
#: 每 and a period before 一 and a measure word (每年打开一次): a frequency, a count.
_PER_PERIOD_RE = re.compile(r"每(?:个)?(?:年|月|天|日|周|星期|小时|季度|场|局)[^，。；！？]{0,8}$")
#: "Only" before 一 and a measure word: 只有一个 is a count.
_ONLY_WORDS = tuple(words("only_words"))
#: "Only" words that end in 一 (唯一, 惟一): in 唯一一个 the first 一 closes the word and the
#: count starts at the second.
_ONLY_ENDING_IN_ONE = frozenset(w for w in _ONLY_WORDS if w.endswith("一"))
#: Characters before 只 that make it a measure word (两只基金), not "only".
_NUMERAL_BEFORE_ONLY = frozenset("0123456789零〇两一二三四五六七八九十百千万几每")
#: Margins of play before 一 and a measure word (各胜一场, 领先一球): data/margin_words.tsv.
_MARGIN_WORDS = tuple(words("margin_words"))
#: Outcomes after 一 and a measure word (一人死亡): data/casualty_words.tsv.
_CASUALTY_WORDS = tuple(words("casualty_words"))
#: The rest of a list of Arabic numbers whose last item alone carries the scale and unit
#: (6000、7500、8800万平方米; 3.5、4.8和5.2元; 分别射下26和27分).
_LIST_TAIL_RE = re.compile(
    r"(?:、\d+(?:\.\d+)?)*(?:、|和|及|与|或|、和)\d+(?:\.\d+)?(?P<s>[万亿])?(?P<u>" + _UNITS + ")"
)
#: Words that make an anniversary the name of an occasion (纪念…一百周年).
_OCCASION_WORDS = tuple(words("occasion_words"))
_YEAR_IS_RE = re.compile(r"(?:\d{4}|[零〇一二三四五六七八九]{4})年(?:将|正|恰|则)?是")
#: The words of the clause before a position (no clause punctuation).
_CLAUSE_TAIL_RE = re.compile(r"[^，。；！？,;!?\n]*$")
#: Criterion words before a duration or an age (不足两年, 未满18岁).
_CRITERION_WORDS = tuple(words("criterion_words"))
#: A requirement a little before a quantity ending in 以上 (data/requirement_words.tsv).
_REQUIREMENT_BEFORE_RE = re.compile(
    "(?:" + "|".join(words("requirement_words")) + r")[^，。；：:！？!?\n]{0,8}$"
)
#: 8毫米厚的多用作推拉门, 月薪6000元的占一成: quantity (+ size adjective) + 的 + predicate.
_CLASS_PREDICATES = sorted(
    (r[0] for r in table("class_predicates") if r[1] == "predicate"), key=len, reverse=True
)
_HEADLESS_CLASS_RE = re.compile(
    "(?:"
    + "|".join(r[0] for r in table("class_predicates") if r[1] == "measure")
    + ")?的(?:"
    + "|".join(_CLASS_PREDICATES)
    + ")"
)

#: The ends of sentences, for finding questions (an ASCII ? between two CJK characters
#: stands for a character lost in encoding, not a question).
_SENTENCE_END_RE = re.compile(r"(?:[。！？!；;\n]|\?(?![\u4e00-\u9fff]))+")
_QUESTION_WORDS = tuple(words("question_words"))
#: What may follow 以上/以下 without making the quantity a criterion: the verb or particle
#: that continues a statement (增长10%以上，同比…; 降至5%以下了).
_CRITERION_FREE_AFTER = frozenset("了，。；、")

_UNIT_START_RE = re.compile(_UNITS)
_LATIN_WORD_GAP_RE = re.compile(r"[A-Za-z][ \u00a0]$")
#: A size with a Latin unit before a space (8GB 1350元): what follows is no version number.
_SIZE_BEFORE_RE = re.compile(
    r"(?<![A-Za-z])\d+(?:\.\d+)?(?:"
    + "|".join(sorted(LATIN_UNITS, key=len, reverse=True))
    + r")[ \u00a0]$"
)

#: Two neighbouring Chinese digits opening a numeral (四五万, 三四十, 一两): an approximate range.
_ADJACENT_PAIR_RE = re.compile(r"([一二两三四五六七八])([二两三四五六七八九])([十百千万亿]*)$")

_DURATION_NOUNS = tuple(words("duration_nouns"))
_DURATION_VERBS = tuple(words("duration_verbs"))
_DESCRIBE_WORDS = tuple(words("describe_words"))
#: A start right before a span followed by 来 (成立短短5年来: data/since_event_words.tsv).
_SINCE_EVENT_RE = re.compile(
    "(?:" + "|".join(words("since_event_words")) + ")(?:短短|仅仅|已经|已|才|了)?$"
)
#: Words after a duration that make it a condition or the scope of another figure (3年毕业).
_DURATION_SCOPE = tuple(words("duration_scope_words"))
#: The figures a period scopes and the plans and terms it names, which may follow it after 的
#: (五年的业绩, 两个月的水电费, 十年的约定).
_DURATION_FIGURES = tuple(
    r[0] for r in table("duration_scope_words") if r[1:] in (("figure",), ("term",))
)
#: Words of equivalence before a duration that measure something in periods (相当于两个月的产量).
_PERIOD_EQUIVALENCE_RE = re.compile(r"(?:相当于|等于|约合|够)[^，。；！？,;!?\n]{0,2}$")
#: 24 hours or 7 days followed by what goes on all the time (24小时值守, 7天24小时): round the
#: clock, never a measured duration.
_ROUND_THE_CLOCK_RE = re.compile(r"(?<![\d.])(?:24个?小时|24h|7天)$")
#: Seasons counted back or within (2个赛季之前, 两个赛季以来, 近两个赛季中): a stretch of time.
_SEASONS_FRAME_RE = re.compile(r"赛季(?:之)?(?:前|后|以来|来|中|里|内)")
_RELATIVE_AFTER_RE = re.compile(r"(?:以前|之前|前)(?![\u4e00-\u9fff]{0,1}[期台卫锋])")
#: A duration before 后 measures a wait (收到申请一个月后退回, 受孕7天后生子): a fact, like
#: 历时三年; before 前 it dates something (35年前, 一个月前曾…) and is a look-alike.
_WAIT_AFTER_RE = re.compile(r"(?:以后|之后|后)(?![\u4e00-\u9fff]{0,1}[期台卫锋])")
#: Half a year, month, day, hour, minute… (为期半年, 念了半个多小时); 多 before or after the
#: unit is "more than". Never inside 上半年, 下半场, 大半天, 多半, 一半, 过半 (经过半年 is a
#: span) or 一年半年 (vague), nor the half of N个半小时 (its own reading: 1.5 hours, or none
#: before 后).
_HALF_DURATION_RE = re.compile(
    r"(?<![上下前后大多每这那一年])(?<!(?<!经)过)(?<![一二两三四五六七八九十\d]个)半"
    r"(?:(?P<c>个)(?P<m>多)?(?P<cu>月|小时|钟头|星期)"
    r"|(?P<u>年|天|小时|钟头|分钟|秒钟|周))(?P<m2>多)?"
)
#: What makes 半年 or 半个月 a measured duration when no verb of duration stands before it:
#: 的 and a noun after it (半分钟的戏: the length of something).
_HALF_OF_RE = re.compile(r"的[\u4e00-\u9fff]")
#: After these 半年 is a frame or a condition (半年前, 半年以上, 半个月里, 半年来, 半天时;
#: not 半年时间).
_HALF_NOT_RE = re.compile(r"(?:以前|之前|前|以上|以下|以内|里|内|来|以来|时(?!间))")
#: Shots made of shots taken (12投9中: 12 投) and free throws (三罚两中, 两罚命中, 两罚都没进): one
#: mention, the first number.
_SHOTS_RE = re.compile(
    r"(?=[一两二三四五六七八九十\d])(?<![\d.])(?P<a>[一两二三四五六七八九十\d]{1,2})(?P<u>[罚投])[仅只]?"
    r"(?:(?P<b>[一两二三四五六七八九十零\d]{1,2}|全)中|罚?(?:命中|不中|全失|都没进|均未命中|都进))"
)
#: Shots taken and made written N中M (全场14中5, 三分球7中3, 罚球4中4): one mention, the shots
#: taken, like 12投9中; only after a word of shooting (data/shot_words.tsv) and with M <= N.
_SHOTS_MADE_RE = re.compile(
    r"(?:" + "|".join(words("shot_words")) + r")[^，。；\d]{0,4}?"
    r"(?P<a>(?<![\d.])\d{1,2})中(?P<b>\d{1,2})(?![\d.%])"
)
#: A stat line (12+5: 12 points and 5 rebounds; 22+6+5 with assists): each number is its
#: own mention, points a score and the rest counts. Points come first and run to two
#: digits; 1+3 and 2+2 name formats (1＋3留学项目).
_STAT_LINE_RE = re.compile(r"(?<![\d.+])(?P<a>[1-9]\d)(?:\+\d{1,2}){1,2}(?![\d.%+])")
_STAT_PART_RE = re.compile(r"\d+")
_CJK_DIGIT_AFTER_RE = re.compile(r"[年月日号岁个名人]")
#: A medal tally: 6金4银2铜 (one mention, the golds, as a record is its wins).
_MEDALS_RE = re.compile(r"(?<![\d.])(?P<a>\d{1,3})金(?P<b>\d{1,3})银(?:\d{1,3}铜)?")
#: A season record: 55胜21负, with draws 8胜3平1负 or without losses 4胜1平.
_RECORD_RE = re.compile(
    r"(?<![\d.])(?P<a>\d{1,3})胜(?:(?P<b>\d{1,3})负|\d{1,3}平(?:(?P<c>\d{1,3})负)?)"
)
#: A seed of a tournament draw (8号种子): a rank.
_SEED_RE = re.compile(r"(?<![\d.])(?P<n>\d{1,2})号种子")
#: A currency sign before an amount (￥7,800, $30万); a low single quote (‚) written for
#: the thousands comma is read as one.
_CURRENCY_SIGNS = {
    "￥": "元",
    "¥": "元",
    "$": "美元",
    "US$": "美元",
    "HK$": "港元",
    "€": "欧元",
    "£": "英镑",
}
_CURRENCY_SIGN_RE = re.compile(
    r"(?<![A-Za-z$])(?P<sign>HK\$|US\$|[￥¥$€£])\s?(?P<n>(?:\d{1,3}(?:[,‚]\d{3})+(?!\d)|\d+)(?:\.\d+)?)"
    r"(?P<s>[万亿])?"
)
#: A ratio (按4：6的比例, 男女比例为1.2比1): like a fraction, it has no one value (GUIDELINE:
#: 1/2.3 -> null). 比例 (or 比) must name it, before or after; otherwise A:B is a score.
_RATIO_RE = re.compile(r"(?<![\d.:：])(?P<a>\d+(?:\.\d+)?)[:：比](?P<b>\d+(?:\.\d+)?)(?![\d.:：%])")
_RATIO_BEFORE_RE = re.compile(r"比例?(?:为|是|达|达到|约为|约|接近|高达)?$")
_RATIO_AFTER_RE = re.compile(r"的?(?:比例|比率|配比)")

#: A ratio against 1 with a decimal on the other side (车位与汽车之比为0.77:1, 汇率从1：10.5):
#: no score or clock time has a decimal, so no word needs to name it; 1:45.32 (minutes and
#: seconds to the hundredth) is a race time.
_DECIMAL_RATIO_RE = re.compile(
    r"(?<![\d.:：∶])(?:(?P<a>\d+\.\d+)[:：∶](?P<b>1)"
    r"|(?P<a1>1)[:：∶](?![0-5]\d\.\d\d(?!\d))(?P<b1>\d+\.\d+))(?![\d.:：∶%])"
)


#: A structure of three or more shares written a:b:c with decimals (三次产业结构为8.0:48.5:43.5,
#: 比例为2.1:35.6:62.3): no score or clock time has three parts with decimals; its value is
#: the first term, as the modern gold reads it.
_STRUCTURE_RATIO_RE = re.compile(
    r"(?<![\d.:：∶])(?P<a>\d+\.\d+)(?:[:：∶]\d+\.\d+){2,}(?![\d.:：∶%])"
)


def _against_one(m: re.Match[str]) -> float | None:
    """The value of a ratio against 1 (车桩比约为2.5:1: 2.5; 1：7.5: 7.5): the side that is
    not 1, as the modern gold reads it; a ratio of two other terms (3：7) has no one value."""
    g = m.groupdict()
    a, b = float(g["a"] or g["a1"]), float(g["b"] or g["b1"])
    if (a == 1) == (b == 1):
        return None
    return b if a == 1 else a


#: A height or length written as 1米77 (1.77 m) or 1米8 (1.8 m).
_HEIGHT_RE = re.compile(r"(?<![\d.])(?P<a>\d)米(?P<b>\d{1,2})(?![\d.%])")
#: The same in Chinese numerals: 一米六 (1.6 m), 一米七五 (1.75 m), 两米一 (2.1 m).
_CN_HEIGHT_RE = re.compile(
    r"(?<![零〇一二两三四五六七八九十百千万\d])(?P<a>[一两])米(?P<b>[一二三四五六七八九]{1,2})"
    r"(?![零〇一二两三四五六七八九十百千万亿米\d])"
)
#: A height in feet and inches written 6尺8寸 or 6尺8: one mention, valued in feet as
#: written (the gold reads 6尺8寸 as 6 尺).
_FEET_INCHES_RE = re.compile(r"(?<![\d.])(?P<a>\d{1,2})尺(?P<b>\d{1,2})寸?(?![\d.])")
#: A number written in two scaled parts (8万7千多名, 1亿2千万元, 3万5千人) or, as Taiwan and Hong
#: Kong write them, a scaled part and the digits below its scale (6萬5,128棟, 2億3,600萬元,
#: 23兆4,560億元, 3萬2,850美元): one amount. The digits alone follow 万 only, four of them
#: (3万5 is said for 35,000: no such number).
_TWO_SCALES_RE = re.compile(
    r"(?<![\d.,])(?P<a>\d{1,4})(?P<sa>兆|亿|万)"
    r"(?:(?P<b>\d{1,4}|\d,\d{3})(?P<sb>千万|百万|亿|万|千|百)|(?P<d>\d,\d{3}|\d{4})(?![\d.,]))"
    r"(?P<x>[多余])?(?P<u>" + _UNITS + r")?"
)
#: A number of N digits (两位数增长, 三位数): at least 10^(N-1), as 上万 is at least 10000.
_DIGITS_COUNT_RE = re.compile(
    r"(?<![\d.一二两三四五六七八九十])(?P<n>[两二三四五六七八九]|[2-9])位数"
)
#: A stock quote in brackets after a name: its price, then its change in % (工商银行[5.08
#: -0.20%], 中国银行(4.16, 0.00%)): the price is a claim with no unit written.
_QUOTE_RE = re.compile(r"(?<=[\[［(（])(?P<n>\d+\.\d+)(?=[\s,，]+[-+]?\d+(?:\.\d+)?%[\]］)）])")
#: More than N of a span or a multiple, 多 written after the unit (一年多, 10年多, 一倍多) or
#: between 个 and the unit (两个多月, 三个多小时): the qualifier is >.
_MORE_AFTER_UNIT_RE = re.compile(
    r"(?<![一二两三四五六七八九十百千\d.])(?P<n>[一二两三四五六七八九十]{1,3}|\d{1,3}(?:\.\d+)?)"
    r"(?:(?P<u>年|天|周|倍|个月|个小时|小时|个星期|星期|分钟)多"
    r"(?=[，。；、！？,;!?）)的来了后过\s]|时间|$)"
    # 多 between 个 and the unit says "more than" whatever follows (5个多小时内, 两个多月完成)
    r"|个多(?P<v>月|小时|星期|钟头))"
)
_MORE_UNIT = {"月": "个月", "小时": "小时", "星期": "星期", "钟头": "小时"}
#: "Counted by tens of thousands" (数以万计, 数以百万计): at least the scale named.
_COUNTED_BY_RE = re.compile(r"数以(?P<s>十万|百万|千万|[百千万亿])计")
#: None at all (无一家, 无一只基金): a count of zero, with the measure word as its unit (无一例外
#: is "without exception").
_NONE_OF_RE = re.compile(r"无一(?!例外)(?P<u>" + _UNITS + r")")
#: N and a half, 半 between 个 and the unit (一个半小时, 两个半月) or after a count of games
#: (一场半, the gap in a standings table).
_AND_A_HALF_RE = re.compile(
    r"(?<![一二两三四五六七八九十百千\d.])(?P<n>[一二两三四五六七八九十]{1,3}|\d{1,3})"
    r"(?:个半(?P<v>月|小时|星期|钟头)|(?P<u>场)半(?![天年月场])|分半(?P<m>钟)?(?![场天年月]))"
)
#: Top N (前三名, 前10位): a rank.
_TOP_RE = re.compile(r"前(?P<n>[一二两三四五六七八九十]{1,2}|\d{1,2})(?=名|位|强|的位置|的排名)")
#: 前N with no measure word, at the end of a clause or before 的, 之列 or 大+noun (稳居前三的,
#: 位列前五大银行): a rank where a rank verb or field stands before it (_RANK_BEFORE_RE).
_TOP_BARE_RE = re.compile(
    r"前(?P<n>[一二两三四五六七八九十]{1,2}|\d{1,2})"
    r"(?=[，。；！？、,;!?）)]|的|之列|大[\u4e00-\u9fff])"
)
#: A measure word after 第N that counts what is ranked (第32家, 第二只, 第一架): the rank
#: keeps it when a rank verb or field stands before (国内第32家), or always for the measures
#: of things in a sequence (第22部竞赛片, 第10例病例): data/rank_measures.tsv.
#: (第二部分 is "part two" of a text, no rank: 部 with 分 after it is the word 部分.)
_RANK_MEASURE_RE = re.compile(
    "(?:" + "|".join(words("rank_measures")) + ')(?!(?<=部)分)(?=[\u4e00-\u9fff“"「])'
)
_RANK_MEASURE_ALONE = frozenset(r[0] for r in table("rank_measures") if r[1] == "alone")
#: A rank verb or field right before 第N (销量第一的, 排在第一的是, 东部第一碰上): a rank
#: whatever follows, unless a measure word or a period makes 第N something else.
_RANK_ADJACENT_RE = re.compile(
    "(?:"
    + "|".join(sorted(words("rank_verbs") + words("rank_scopes"), key=len, reverse=True))
    + ")$"
)
#: The words of a tally (data/tally_words.tsv): clause openers (这是) after which 第N counts
#: what happened so far, and the measure words of occasions 第N then takes (第15次, 第45场).
_TALLY_HEADS = tuple(r[0] for r in table("tally_words") if r[1] == "head")
_TALLY_MEASURES = tuple(r[0] for r in table("tally_words") if r[1] == "measure")
_TALLY_MEASURE_RE = re.compile("(?:" + "|".join(_TALLY_MEASURES) + ")(?=[\u4e00-\u9fff])")
_TALLY_CLAUSE_STOPS = frozenset("，。；！？,;!?：:\n“”")
#: A currency written in brackets after a bare amount: 30万(新台币).
#: A currency named right before a scaled amount with no unit after it (游戏币500万, 金币3万):
#: the amount is in that currency. Only names of two characters or more (元 alone is no name).
_MONEY_UNIT_BEFORE_RE = re.compile(
    "(?:"
    + "|".join(
        sorted(
            (u for u, k in UNIT_KIND.items() if k == "money" and len(u) > 1 and not u.isascii()),
            key=len,
            reverse=True,
        )
    )
    + ")$"
)
_BRACKET_CURRENCY_RE = re.compile(
    r"[（(](?P<u>"
    + "|".join(sorted((u for u, k in UNIT_KIND.items() if k == "money"), key=len, reverse=True))
    + r")[）)]"
)
#: Where a unit's word ends: no Chinese character follows, or a bound word, 的 or a joining
#: word (元/间夜 is per room-night, 次日 is a word).
_WORD_END = r"(?=[^\u4e00-\u9fff]|$|以上|以下|以内|左右|上下|的|和|与|及|或|至|到|起)"
#: 次 after a count or area unit as one unit with it (台次, 亩次; not 次日, 次年, 次数).
_TIMES_AFTER_RE = re.compile("次" + _WORD_END)
#: A rate written with a slash: a unit per unit of time or per measure (10张/秒, a speed:
#: 80公里/小时, 35微克/立方米, 440公斤/亩; a price, 8300元/平方米, keeps its currency). The
#: denominator is a time word (10张/秒连拍, 200km/h) or a non-money unit of the table as a
#: whole word (:data:`_WORD_END`: 元/间夜 is per room-night, not per room), and no number
#: follows the slash (2.47吉瓦/5.39吉瓦时 is two quantities).
_PER_UNITS = "|".join(
    sorted(
        (
            u
            for u, k in UNIT_KIND.items()
            if k not in ("money", "percent") and u[0] not in "十百千万亿"
        ),
        key=len,
        reverse=True,
    )
)
_PER_UNIT_RE = re.compile(
    r"[/／](?:(?P<t>秒|分钟|分|小时|天|日|周|月|年|季度|min|h|s)|(?P<u>"
    + _PER_UNITS
    + ")"
    + _WORD_END
    + r")(?![A-Za-z0-9.])"
)
#: A rate per a round measure written with its number (186.4毫克/100毫升, the blood alcohol of
#: a drunk-driving case; 12.5元/500克): the denominator — a power of ten or 500 of a unit of
#: another kind than the numerator's — is no quantity of its own (2.47吉瓦/5.39吉瓦时 is two).
_PER_ROUND_UNIT_RE = re.compile(
    r"[/／](?P<n>1|10|100|1000|10000|100000|500)(?P<u>"
    + _PER_UNITS
    + ")"
    + _WORD_END
    + r"(?![A-Za-z0-9.])"
)


def rate_unit_alternative(surface: str, unit: str, kind: str) -> str | None:
    """The other reading of a rate's unit, for a reviewer's pick (the gold batches write
    both): a price per unit read as money in its currency (8300元/平方米: 元) has 元/平方米;
    a measure per unit read whole (612.5公斤/亩: 公斤/亩) has its numerator, 公斤. None for
    a quantity written without a rate."""
    if "/" in unit:
        return unit.split("/", 1)[0] or None
    if kind != "money" or not unit:
        return None
    at = surface.rfind(unit)
    rate = _PER_UNIT_RE.match(surface, at + len(unit)) if at >= 0 else None
    if rate is None:
        return None
    return f"{unit}/{normal_unit(rate.group('t') or rate.group('u'))}"


_DURATION_ITEM = r"[一二两三四五六七八九十\d]+个?[年月天周]"
_DURATION_LIST_TAIL_RE = re.compile(r"(?:、" + _DURATION_ITEM + r")*的")
_DURATION_LIST_HEAD_RE = re.compile(r"(?:" + _DURATION_ITEM + r"、)+$")
_CODE_AROUND_RE = re.compile(r"-\d")
_CODE_BEFORE_RE = re.compile(r"\d-$")
_MODIFIED_UNIT_RE = re.compile(
    "的?(?:" + "|".join(words("unit_modifiers")) + r")(?P<u>" + _UNITS + ")"
)
#: Team names made of a number are two-digit and not round (76人, 49人): 20人 repeated is a count.
_TEAM_SHAPE_RE = re.compile(r"[1-9][1-9]人")
#: A short quoted or titled name: at most 12 characters in quotes, 20 in a title.
_QUOTED_RE = re.compile(
    r"[“\"「](?P<name>[^“”\"「」，。,\n]{2,12})[”\"」]|《(?P<t>[^《》\n]{1,20})》"
)
#: The group a statistic is made in or about (227只基金中，; 123只基金的平均仓位).
#: 中 closing a verb of hitting or choosing (命中, 投中, 选中) is no scope.
_SCOPE_IN_RE = re.compile(
    r"(?:(?![是在有为])[\u4e00-\u9fff]){0,10}?(?<![高初其命投打击射选看猜抽考相])中[，,]"
)
_SCOPE_STAT_RE = re.compile(r"[\u4e00-\u9fff]{0,10}?的(?:平均|总|整体)")
#: 仓位最高的5只: the group a statistic is about (最近的5场比赛 is "the recent five games", no
#: superlative).
_SUPERLATIVE_BEFORE_RE = re.compile(r"最(?!近)[\u4e00-\u9fff]{1,2}的$")
_RANK_CONDITION_RE = re.compile(r"(?:名|位)?的")
#: An aperture right after a focal length (15-85mm f/3.5-5.6, 50mm F1.4): a lens named by it.
_LENS_APERTURE_RE = re.compile(r"\s?[fF]/?\d")
#: A rank as a goal, not a standing (力争西部第二, 西部第二争夺战: data/rank_goal_words.tsv).
_RANK_GOAL_BEFORE_RE = re.compile(
    "(?:"
    + "|".join(w for w, side in table("rank_goal_words") if side == "before")
    + r")[^，。；：:！？!?\n]{0,4}$"
)
_RANK_GOAL_AFTER_RE = re.compile(
    r"(?:名|位)?的?(?:"
    + "|".join(w for w, side in table("rank_goal_words") if side == "after")
    + ")"
)
#: Nouns after 第N的 that describe the rank itself (第11名的成绩).
_RANK_NOUNS = tuple(words("rank_nouns"))
#: A criterion word a little before a quantity followed by 的 (不少于建筑面积100万平方米的…,
#: 幅度在5%以上的…): the quantity defines a class.
_CRITERION_BEFORE_RE = re.compile(
    "(?:(?:"
    + "|".join(
        sorted(
            (r[0] for r in table("criterion_prefixes") if r[1] in ("before", "both")),
            key=len,
            reverse=True,
        )
    )
    + r")[^，。；、\d]{0,6}|在)$"
)

#: Verbs of change before "A至B" (增持77.1万股至344.45万股): a change and its result.
_CHANGE_WORDS = tuple(words("change_verbs"))
_CHANGE_BEFORE_RE = re.compile("(?:" + "|".join(_CHANGE_WORDS) + ")$")
#: Verbs before 三分 that make it points scored (拿下三分), not the three-point shot.
_SCORE_VERB_RE = re.compile("(?:" + "|".join(words("score_verbs")) + ")$")
_LATIN_BEFORE = re.compile(r"[A-Za-z]$")
_LATIN_AFTER = re.compile(r"^[A-Za-z]+")
_YEAR_RE = re.compile(r"(?:1[89]\d\d|20\d\d|0\d)$")
#: A year of the second millennium before 1800 (1588年, 1517年左右): four digits that are not
#: a round number of centuries; spans of years that long are written round (1000年, 1900年前).
_EARLY_YEAR_RE = re.compile(r"1[0-7](?!00)\d\d")
#: What stands before 上一年 / 下一个月 when they name the period before or after (比上一年下降):
#: a comparison word, a preposition, 的 or a clause break.
_NEXT_PERIOD_BEFORE = frozenset("比较与和同在于从到至的，、；：（(")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_GAME_CLOCK_RE = re.compile(r"^\d+秒")


def _scan(pattern: re.Pattern[str], t: str, needles: tuple[str, ...]) -> Iterable[re.Match[str]]:
    """``pattern.finditer(t)``, skipped when none of the characters the pattern needs is in
    ``t`` (a substring test in C costs far less than a regex scan of the whole text)."""
    return pattern.finditer(t) if any(n in t for n in needles) else ()


def is_money_hint(t: str, s: int) -> bool:
    """True when the words before position ``s`` speak of money (售价, 投资, 收入…)."""
    return bool(_MONEY_HINT_RE.search(t, max(0, s - 10), s))


def _num_value(n: str, scale: str | None) -> float | None:
    if not n:
        return None
    v: float | None
    if n[0].isdigit():
        v = float(n.replace(",", "").replace("，", "").replace(" ", ""))
    else:
        v = parse_chinese(n)
        if v is None:
            return None
        if scale and v >= SCALES[scale]:
            return v  # 一万几千: a lower place after the number (10000 and more), not 一万 x 千
    if scale:
        v *= SCALES[scale]
    return v


def _occasions(t: str, s: int, e: int, n: str, unit: str) -> bool:
    """两度入围, 三度延押: 两 to 九 and 度 before a verb count occasions ("three times"), where
    a Chinese numeral and 度 are otherwise a word (一度, 五度空间: data/number_name_words)."""
    return unit == "度" and n in "两三四五六七八九" and bool(_CJK.match(t[e : e + 1] or " "))


def _at_clause_start(t: str, s: int, p_word: str) -> bool:
    """True when the quantity at ``s`` (after its qualifier word ``p_word``) opens a clause."""
    s -= len(p_word) if p_word and t.endswith(p_word, 0, s) else 0
    return s == 0 or t[s - 1] in _CLAUSE_END or t[s - 1] in '\n \u3000“"'


def _is_scale_only(n: str) -> bool:
    """True for a Chinese numeral made only of scale words (百, 万, 百亿): it needs a prefix."""
    return bool(n) and not n[0].isdigit() and all(ch in "百千万亿" for ch in n)


def _is_round(n: str) -> bool:
    """True for a bare Chinese round number (十, 百, 千万) that 上/数/几/过 can qualify."""
    return bool(n) and all(ch in "十百千万亿" for ch in n)


#: Characters that make 约 the end of a verb (续约, 签约, 节约, 预约, 违约, 制约…).
_YUE_VERB_HEADS = tuple("续签节预违履制邀婚")  # (not 失 or 合: 损失约, 折合约 are "about")


#: Names of leagues ending in 超 (英超, 中超, 排超): data/league_names.tsv.
_SUPER_LEAGUES = tuple(words("league_names"))


def _qualifier_from_prefix(window: str) -> re.Match[str] | None:
    m = _PREFIX_RE.search(window)
    if m is None:
        return None
    q = m.group("q")
    before = window[: m.start()]
    # 最近 / 附近 / 将近 are not the approximation 近 unless written as 将近.
    if q == "近" and before.endswith(("最", "附", "接", "邻", "靠")):
        return None
    if q in ("上", "过", "超") and before.endswith(
        ("以", "不", "超", "经", "通", "跑", "赶", "反")
    ):
        return None
    if (
        q == "超"
        and (before + q).endswith(_SUPER_LEAGUES)
        and not before.endswith(("其中", "之中", "当中"))
    ):
        # 英超20家俱乐部, 中超16支球队: 超 closes a league's name (data); 其中超20家 is
        # "of which more than 20".
        return None
    if q == "达" and before.endswith(("到", "表", "发", "通", "抵", "下", "传")):
        return None
    if q == "约" and before.endswith(_YUE_VERB_HEADS):
        return None  # 续约两年, 节约20%, 预约一个: 约 closes a verb, no "about"
    if q == "上" and (m.group("c") or m.group("f")):
        return None  # 上万 only joined to its number: 市面上有千万种 is "on the market"
    return m


class _Finder:
    """One pass of quantity finding over a normalised text."""

    def __init__(self, norm: str, blocked: list[tuple[int, int]], lookalikes: bool = True):
        self.t = norm
        #: False when parsing a span a reviewer chose: every number in it counts.
        self.filter = lookalikes
        self.out: list[Mention] = []
        self.taken = bytearray(len(norm))
        for s, e in blocked:
            self._take(s, e)

    def _free(self, s: int, e: int) -> bool:
        return self.taken.find(1, s, e) < 0

    def _take(self, s: int, e: int) -> None:
        self.taken[s:e] = b"\x01" * (e - s)

    def add(self, m: Mention) -> None:
        # 19.6亿 is 1960000000, not 1960000000.0000002.
        if m.value is not None:
            m.value = float(f"{m.value:.12g}")
        if m.value_max is not None:
            m.value_max = float(f"{m.value_max:.12g}")
        if m.kind == "money" and m.unit in _CURRENCY_UNITS and m.start:
            lead = _CURRENCY_LEAD_RE.search(self.t, max(0, m.start - 4), m.start)
            if lead is not None and self._free(lead.start(), m.start):
                m.start = lead.start()
        self._take(m.start, m.end)
        self.out.append(m)

    # ------------------------------------------------------------------ special forms
    def specials(self) -> None:
        t = self.t
        for m in _scan(_HALF_DURATION_RE, t, ("半",)):
            self._half_duration(m)
        for m in _scan(_MEASURE_AND_HALF_RE, t, ("半",)):
            s, e = m.span()
            v = parse_number(m.group("n"))
            if self._free(s, e) and v is not None and not (s > 0 and t[s - 1] in "第每前这那"):
                unit = normal_unit(m.group("u"))
                kind = kind_of(m.group("u"))
                self.add(Mention(s, e, v + 0.5, None, unit, "=", kind, "and_a_half", 0.75, s))
        for m in _scan(_JIAO_RE, t, ("角", "毛")):
            self._jiao(m)
        for m in _scan(_GE_YI_RE, t, ("个亿", "个多亿", "个余亿")):
            self._ge_yi(m)
        for m in _scan(_KUAI_TENTHS_RE, t, ("块",)):
            self._kuai_tenths(m)
        for m in _scan(_KUAI_RE, t, ("块",)):
            self._kuai(m)  # after 角: 1块5毛 is one amount
        for m in _scan(_HEIGHT_RE, t, ("米",)):
            s, e = m.span()
            if self._free(s, e):
                b = m.group("b")
                height = int(m.group("a")) + int(b) / 10 ** len(b)
                self.add(Mention(s, e, height, None, "米", "=", "length", "length.height", 0.8, s))
        for m in _scan(_CN_HEIGHT_RE, t, ("米",)):
            s, e = m.span()
            digits = "".join(str(CN_DIGITS[ch]) for ch in m.group("b"))
            height = CN_DIGITS[m.group("a")] + int(digits) / 10 ** len(digits)
            p = _qualifier_from_prefix(t[max(0, s - 8) : s])
            word = p.group("q") if p is not None and p.end() == min(s, 8) else ""
            start = s - len(word) if word in _ONE_PREFIXES else s
            qual = _PREFIX_QUAL[word] if start < s else "="
            if self._free(start, e):
                self.add(
                    Mention(start, e, height, None, "米", qual, "length", "length.height", 0.8, s)
                )
        for m in _scan(_DIGITS_COUNT_RE, t, ("位数",)):
            s, e = m.span()
            v = parse_number(m.group("n"))
            if self._free(s, e) and v is not None:
                low = float(10 ** (int(v) - 1))
                word = e + 1 if t.startswith("的", e) else e
                if t.startswith(_CHANGE_WORDS, word) or t.startswith(_CHANGE_WORDS, word + 1):
                    # 两位数增长, 两位数的下降 (a word of change, or one with a character
                    # before it: 下降, 上升): a rate of change, at least 10 %
                    self.add(Mention(s, e, low, None, "%", ">=", "percent", "digits", 0.6, s))
                    continue
                p_start, p_qual, _word = self._prefix(s)
                if p_qual in ("<", "<="):  # 不足两位数: below ten
                    self.add(Mention(p_start, e, low, None, "", p_qual, "other", "digits", 0.6, s))
                    continue
                self.add(Mention(s, e, low, None, "", ">=", "other", "digits", 0.6, s))
        for m in _scan(_QUOTE_RE, t, ("%",)):
            s, e = m.span()
            if self._free(s, e) and s >= 2 and _CJK.match(t[s - 2]):
                v = float(m.group("n"))
                self.add(Mention(s, e, v, None, "", "=", "money", "money.quote", 0.6, s))
        for m in _scan(_AND_A_HALF_RE, t, ("半",)):
            s, e = m.span()
            v = parse_number(m.group("n"))
            if not self._free(s, e) or v is None or (s > 0 and t[s - 1] in "第每前这那"):
                continue
            if m.group("v") or m.group("u"):
                unit = m.group("u") or _MORE_UNIT[m.group("v")]
            elif _GAME_CLOCK_BEFORE_RE.search(t, max(0, s - 8), s):
                continue  # 最后三分半钟: a moment on a game clock
            else:
                unit = "分钟" if m.group("m") else "分"  # 三分半钟, 1分半: minutes and a half
            kind = "duration" if unit == "分" else kind_of(unit)
            self.add(Mention(s, e, v + 0.5, None, unit, "=", kind, "and_a_half", 0.7, s))
        for m in _scan(_COUNTED_BY_RE, t, ("数以",)):
            s, e = m.span()
            v = _num_value("一", m.group("s"))
            if self._free(s, e) and v is not None:
                self.add(Mention(s, e, v, None, "", ">", "count", "count.counted_by", 0.7, s))
        for m in _scan(_NONE_OF_RE, t, ("无一",)):
            s, e = m.span()
            unit = normal_unit(m.group("u"))
            if self._free(s, e) and kind_of(unit) == "count":
                self.add(Mention(s, e, 0.0, None, unit, "=", "count", "count.none", 0.7, s))
        for m in _scan(_MORE_AFTER_UNIT_RE, t, ("多",)):
            s, e = m.span()
            v = parse_number(m.group("n"))
            if not self._free(s, e) or v is None or (s > 0 and t[s - 1] in "第每前这那"):
                continue
            raw = m.group("u") or ""
            unit = normal_unit(raw) if raw else _MORE_UNIT[m.group("v")]
            if self.filter and kind_of(unit) == "duration" and _RELATIVE_AFTER_RE.match(t, e):
                self._take(s, e)
                continue  # 两年多前, 一个多月以前: a point in time relative to now, as 35年前
            self.add(Mention(s, e, v, None, unit, ">", kind_of(unit), "more_than", 0.7, s))
        for m in _scan(_TWO_SCALES_RE, t, ("万", "亿", "兆")):
            s, e = m.span()
            if m.group("d"):
                low = int(m.group("d").replace(",", ""))
                if m.group("sa") != "万":
                    continue  # 2亿3600: no one number (2亿3600万 is)
            else:
                low = int(m.group("b").replace(",", "")) * SCALES[m.group("sb")]
            high = SCALES[m.group("sa")]
            if not self._free(s, e) or low >= high:
                continue  # 3万5万 is no one number
            if m.group("sa") == "兆" and kind_of(m.group("u") or "") != "money":
                continue  # 兆 is a scale of amounts of money only
            unit = m.group("u") or ""
            if not unit and m.group("x"):
                e -= 1  # 8万7千多 with no unit: 多 stays with what follows
            value = int(m.group("a")) * high + low
            p_start, p_qual, _ = self._prefix(s)
            qual = self._qualifier(p_qual, m.group("x") if unit else None, None)
            kind = kind_of(unit) if unit else "other"
            stored = normal_unit(unit)
            currency = _CURRENCY_BEFORE_RE.search(t, max(0, s - 4), s)
            if stored == "元" and currency:
                stored = CURRENCY_BEFORE[currency[0]]
            rule = "two_scales"
            self.add(Mention(p_start, e, value, None, stored, qual, kind, rule, 0.8, s))
        for m in _scan(_FEET_INCHES_RE, t, ("尺",)):
            s, e = m.span()
            if self._free(s, e):
                v = float(m.group("a"))
                self.add(Mention(s, e, v, None, "尺", "=", "length", "length.height", 0.8, s))
        for m in _scan(_TOP_RE, t, ("前",)):
            s, e = m.span()
            if self._free(s, e):
                v = parse_number(m.group("n"))
                if v is not None:
                    end = e + 1 if t[e] in "名位强" else e  # 前三名; 前10的位置
                    # 前三名 is a rank within the top three: at most 3rd (GUIDELINE: <=).
                    self.add(Mention(s, end, v, None, "", "<=", "other", "rank.top", 0.6, s))
        for m in _scan(_TOP_BARE_RE, t, ("前",)):
            s, e = m.span()
            if self._free(s, e) and _RANK_BEFORE_RE.search(t, max(0, s - 12), s):
                # 稳居前三的, 位列美国前五大银行: after a rank verb or field, 前N alone is a rank.
                v = parse_number(m.group("n"))
                if v is not None:
                    end = e + 1 if t[e] == "大" else e
                    self.add(Mention(s, end, v, None, "", "<=", "other", "rank.top", 0.6, s))
        apertures = [(m, m.span("all")) for m in _scan(_APERTURE_RE, t, ("光圈",))]
        apertures += [(m, m.span()) for m in _scan(_F_NUMBER_RE, t, ("F", "f"))]
        for m, (s, e) in apertures:
            if self._free(s, e):
                b = m.group("b")
                self.add(
                    Mention(
                        s,
                        e,
                        float(m.group("a")),
                        float(b) if b else None,
                        t[s] if t[s] in "Ff" else "F",  # the letter as written (f/2.8: f)
                        "=",
                        "other",
                        "aperture",
                        0.7,
                        s,
                    )
                )
        for m in _scan(_DIMS_RE, t, ("*", "×", "x", "X")):
            s, e = m.span()
            parts = _DIM_NUMBER_RE.findall(m.group("dims"))
            last = _DIM_NUMBER_RE.match(t, m.start("dims") + m.group("dims").rfind(parts[-1]))
            assert last is not None
            unit_m = _UNIT_START_RE.match(t, last.end())
            unit = unit_m.group(0) if unit_m else ""
            if unit and kind_of(unit) not in _DIM_KINDS:
                unit = ""
            e = last.end() + len(unit)
            if not self._free(s, e):
                continue
            if parts[:2] == ["7", "24"] or parts[:2] == ["24", "7"]:
                self._take(s, e)  # round-the-clock (7*24小时): a look-alike
                continue
            if not unit and _LATIN_AFTER.match(t[e:]):
                continue
            if not unit and len(parts) == 2 and all(p.isdigit() and int(p) >= 100 for p in parts):
                # 拍摄3648×2736照片, AVI(320×240): a resolution in pixels, named by its width.
                self.add(
                    Mention(s, e, float(parts[0]), None, "", "=", "other", "dimensions", 0.6, s)
                )
                continue
            if not unit:
                continue
            # A size is named by its first dimension (GUIDELINE gold: 108.7×59.5×27.1mm,
            # 1280×720像素 and 23.6×15.8毫米 alike), as a bare resolution is.
            self.add(
                Mention(
                    s,
                    e,
                    float(parts[0]),
                    None,
                    normal_unit(unit),
                    "=",
                    kind_of(unit),
                    "dimensions",
                    0.75,
                    s,
                )
            )
        for m in _scan(_FRACTION_RE, t, ("/",)):
            s, e = m.span()
            if self._free(s, e):
                unit = m.group("u")
                self._fraction(s, e, normal_unit(unit), kind_of(unit), "fraction")
        for m in _scan(_BARE_FRACTION_RE, t, ("/",)):
            s, e = m.span()
            if (
                self._free(s, e)
                and int(m.group("a")) < int(m.group("b"))
                and t[e : e + 1] not in ("月", "日", "号")
                and t[s - 1] not in ("前", "后")  # 排在前1/4的基金: a bracket of a ranking
                and not t.startswith("决赛", e)  # 1/4决赛: a round of a tournament
            ):
                self._fraction(s, e, "%", "percent", "fraction.bare")
        for m in _scan(_PERCENT_WORD_RE, t, ("分之",)):
            s, e = m.span()
            if not self._free(s, e):
                continue
            v = parse_number(m.group("n"))
            if v is None:
                continue
            unit = "%" if m.group("kind") == "百分之" else "‰"
            self.add(Mention(s, e, v, None, unit, "=", "percent", "percent.words", 0.9, s))
        for m in _scan(_CN_FRACTION_RE, t, ("分之",)):
            s, e = m.span()
            den, num = parse_number(m.group("b")), parse_number(m.group("a"))
            if not self._free(s, e) or not den or num is None or num > den:
                continue
            # 三分之一 is a share written in words: 100·a/b % as 三成 is 30 % (GUIDELINE:
            # "percentages and shares %"; the training parts' annotators write 33.3333 % for 19
            # of 24 such claims, null for 5: null stays one pick away), with the qualifier words
            # around it (超过三分之一). 1/3 in digits stays null (GUIDELINE: 1/2.3 -> null).
            self._fraction(s, e, "%", "percent", "fraction.words", 100.0 * num / den)
        for m in _scan(_YEAR_AND_HALF_RE, t, ("半",)):
            s, e = m.span()
            v = parse_number(m.group("n"))
            if self._free(s, e) and v is not None:
                unit = normal_unit(m.group("u"))  # 一年半: one and a half years
                self.add(Mention(s, e, v + 0.5, None, unit, "=", "duration", "duration", 0.75, s))
        for m in _scan(_SHARE_TENTHS_RE, t, ("成",)):
            s, e = m.span()
            if self._free(s, e):
                v = int(m.group("a")) * 10 + int(m.group("b"))  # 4成2: 42 %
                self.add(Mention(s, e, float(v), None, "%", "=", "percent", "percent", 0.8, s))
        for m in _scan(_MORE_THAN_HALF_RE, t, ("过半",)):
            s, e = m.span()
            if self._free(s, e):
                self.add(Mention(s, e, 50.0, None, "%", ">", "percent", "percent.half", 0.6, s))
        for m in _scan(_HALF_COUNT_RE, t, ("半数",)):
            s, e = m.span()
            p = _qualifier_from_prefix(t[max(0, s - 8) : s])
            word = p.group("q") if p is not None and p.end() == min(s, 8) else ""
            qual = ">=" if m.group("ge") else _PREFIX_QUAL.get(word, "")
            start = s - len(word) if word else s
            if qual and qual != "=" and self._free(start, e):
                self.add(
                    Mention(start, e, 50.0, None, "%", qual, "percent", "percent.half", 0.6, s)
                )
        for m in _scan(_DOUBLE_RE, t, ("双倍",)):
            s, e = m.span()
            nxt = t[e : e + 1]
            if self._free(s, e) and (
                not nxt
                or not _CJK.match(nxt)
                or t.endswith(_DOUBLE_WORDS, max(0, s - 3), s)
                or (t.endswith("了", 0, s) and t.endswith(_DOUBLE_WORDS, max(0, s - 4), s - 1))
            ):  # 翻了双倍, 赔偿了双倍的订金: the claiming word with its aspect particle
                self.add(Mention(s, e, 2.0, None, "倍", "=", "other", "multiple.double", 0.7, s))
        for m in _scan(_DOUBLING_RE, t, ("番",)):
            s, e = m.span()
            if self._free(s, e):
                v = float(2 ** CN_DIGITS[m.group("n") or "一"])
                self.add(Mention(s, e, v, None, "倍", "=", "other", "multiple.doubling", 0.7, s))
        for m in _scan(_CN_DISCOUNT_RE, t, ("折",)):
            s, e = m.span()
            if self._free(s, e) and not (s > 0 and t[s - 1] in _CN_NUM_CHARS):
                v = CN_DIGITS[m.group("a")] + CN_DIGITS[m.group("b")] / 10
                self.add(Mention(s, e, v, None, "折", "=", "other", "discount", 0.8, s))
        for m in _scan(_INDEX_LEVEL_RE, t, ("关", "点位")):
            s, e = m.span()
            if self._free(s, e):
                v = float(m.group("n"))
                self.add(Mention(s, e, v, None, "", "=", "other", "index.level", 0.6, s))
        # ISO 1600 from its name on; ISO感光度为100-6400 from the number (the mention is the
        # value, not the words linking it to its name). Its unit is ISO, as an aperture's is F
        # (the gold writes both ISO and none; an empty gold unit takes any).
        for rx, from_name in ((_ISO_RE, True), (_ISO_AFTER_RE, False)):
            for m in _scan(rx, t, ("ISO",)):
                s, e = (m.start() if from_name else m.start("a")), m.end()
                if self._free(s, e):
                    b = m.group("b")
                    v, vmax = float(m.group("a")), float(b) if b else None
                    self.add(Mention(s, e, v, vmax, "ISO", "=", "other", "iso", 0.7, s))
        for m in _scan(_INCH_MARK_RE, t, ('"', "＂")):
            s, e = m.span()
            if self._free(s, e):
                v = float(m.group("n"))
                self.add(Mention(s, e, v, None, "英寸", "=", "length", "length.inch_mark", 0.7, s))
        for m in _scan(_DECIMAL_SECONDS_RE, t, ("s",)):
            s, e = m.span()
            if self._free(s, e):
                v = float(m.group("n"))
                self.add(Mention(s, e, v, None, "s", "=", "duration", "duration.seconds", 0.7, s))
        for m in _scan(_FNUMBER_RE, t, ("光圈",)):
            s, e = m.span()
            if self._free(s, e):
                v = float(m.group("a"))
                self.add(Mention(s, e, v, None, "F", "=", "other", "aperture", 0.65, s))
        for m in _scan(_NEG_PERCENT_RE, t, ("-",)):
            s, e = m.span()
            if self._free(s, e) and not (s > 0 and t[s - 1].isdigit()):
                v = -float(m.group("n"))
                self.add(Mention(s, e, v, None, "%", "=", "percent", "percent.negative", 0.85, s))
        if self.filter:
            for m in _scan(_HALF_RE, t, ("半",)):
                self._half_share(m)
        for m in _scan(_STAT_LINE_RE, t, ("+",)):
            s, e = m.span()
            if self._free(s, e) and not _CJK_DIGIT_AFTER_RE.match(t, e):
                for k, piece in enumerate(_STAT_PART_RE.finditer(t, s, e)):
                    ps, pe = piece.span()
                    kind = "score" if k == 0 else "count"
                    v = float(piece.group(0))
                    self.add(Mention(ps, pe, v, None, "", "=", kind, "sport.stat_line", 0.6, ps))
        for m in _scan(_MEDALS_RE, t, ("银",)):
            s, e = m.span()
            if self._free(s, e):
                v = float(m.group("a"))
                self.add(Mention(s, e, v, None, "", "=", "count", "sport.medals", 0.7, s))
        for m in _scan(_RECORD_RE, t, ("胜",)):
            s, e = m.span()
            if self._free(s, e):
                # 55胜21负: wins and losses are two counts (55胜, 21负), as the gold reads them;
                # the draws between them (8胜3平1负) are neither.
                for part, unit in (("a", "胜"), ("b", "负"), ("c", "负")):
                    if m.group(part) is None:
                        continue
                    ps, pe = m.span(part)
                    v = float(m.group(part))
                    self.add(
                        Mention(ps, pe + 1, v, None, unit, "=", "count", "sport.record", 0.7, ps)
                    )
        for m in _scan(_SEED_RE, t, ("种子",)):
            s, e = m.span()
            if self._free(s, e):
                v = float(m.group("n"))
                self.add(Mention(s, e, v, None, "", "=", "other", "rank.seed", 0.7, s))
        for m in _scan(_CURRENCY_SIGN_RE, t, ("￥", "¥", "$", "€", "£")):
            s, e = m.span()
            if self._free(s, e):
                v = float(re.sub("[,‚]", "", m.group("n")))
                unit = _CURRENCY_SIGNS[m.group("sign")]
                scale = m.group("s")
                if scale:
                    v *= SCALES[scale]
                self.add(Mention(s, e, v, None, unit, "=", "money", "money.sign", 0.85, s))
        for m in _scan(_SHOTS_RE, t, ("罚", "投")):
            s, e = m.span()
            if self._free(s, e):
                v = parse_number(m.group("a"))
                # Shots taken are counted in 投 (19投11中: 19 投); free throws have no unit.
                unit = "投" if m.group("u") == "投" else ""
                self.add(Mention(s, e, v, None, unit, "=", "count", "sport.free_throws", 0.7, s))
        for m in _scan(_SHOTS_MADE_RE, t, ("中",)):
            s, e = m.start("a"), m.end()
            if self._free(s, e) and int(m.group("b")) <= int(m.group("a")):
                v = float(m.group("a"))
                self.add(Mention(s, e, v, None, "", "=", "count", "sport.shots_made", 0.7, s))
        for m in _scan(_RATIO_RE, t, ("比",)):
            s, e = m.span()
            if self._free(s, e) and (
                _RATIO_BEFORE_RE.search(t, max(0, s - 6), s) or _RATIO_AFTER_RE.match(t, e)
            ):
                self.add(Mention(s, e, _against_one(m), None, "", "=", "other", "ratio", 0.7, s))
        for m in _scan(_STRUCTURE_RATIO_RE, t, (":", "：", "∶")):
            s, e = m.span()
            if self._free(s, e):
                v = float(m.group("a"))
                self.add(Mention(s, e, v, None, "", "=", "other", "ratio.structure", 0.7, s))
        for m in _scan(_DECIMAL_RATIO_RE, t, (":", "：", "∶")):
            s, e = m.span()
            if self._free(s, e):
                self.add(Mention(s, e, _against_one(m), None, "", "=", "other", "ratio", 0.7, s))
        for m in _scan(_TEAM_SCORE_RE, t, ("-", "—", ":", "：")):
            a_s, a_e = m.span("a")
            b_s, b_e = m.span("b")
            if not (self._free(a_s, a_e) and self._free(b_s, b_e)):
                continue
            if _CJK.match(t[b_e : b_e + 1] or " ") and (
                t[b_e] in "分年月日号人名后代" or _UNIT_START_RE.match(t, b_e)
            ):
                continue  # 方案1：公司推出3款, 设想1：…80后: a heading, then a count, no score
            t1 = _TEAM_BEFORE_RE.search(t, max(0, a_s - 8), a_s)
            if t1 is None:
                continue
            for (ns, ne), team, ts in (
                ((a_s, a_e), t1.group(0), t1.start()),
                ((b_s, b_e), m.group("t2"), m.start("t2")),
            ):
                mention = Mention(
                    ns, ne, float(t[ns:ne]), None, "", "=", "score", "score.teams", 0.7, ns
                )
                mention.subject_hint = team
                mention.subject_hint_start = ts
                self.add(mention)
        for m in _scan(_SCORE_RE, t, ("-", "—", ":", "：", "∶", "比")):
            s, e = m.span()
            if not self._free(s, e):
                continue
            after = t[e : e + 4]
            # A-B followed by a unit is a range (35-140mm), left to the main pattern.
            if (
                re.match(_UNITS, after)
                or _LATIN_AFTER.match(after)
                or after.startswith(("万", "亿"))
            ):
                continue
            if _LATIN_BEFORE.search(t[max(0, s - 1) : s]):
                continue
            a = int(m.group("a"))
            if m.group("sep") in ":：∶" and a <= 24 and len(m.group("b")) == 2:
                continue  # a clock time (10:30)
            if m.group("sep") == "-" and s > 0 and t[s - 1] in "-—/":
                continue
            if m.group("sep") in ":：∶" and (m.group("a"), m.group("b")) in _ASPECT_RATIOS:
                self._take(s, e)
                continue  # 16:9: the shape of a screen or a video, not a score
            if m.group("sep") in "-—" and (
                t.startswith(_PAIR_NAME_NOUNS, e) or t[s - 1 : s] == "第"
            ):
                self._take(s, e)
                continue  # 4-2地块, 1-2单元, 第1-20题: a place or an item numbered, no score
            if m.group("sep") in "-—" and t.startswith("之间", e) and a < int(m.group("b")):
                b = float(m.group("b"))  # 一般在4-6之间: a range, no score
                self.add(Mention(s, e, float(a), b, "", "=", "other", "range", 0.6, s))
                continue
            self.add(Mention(s, e, float(a), None, "", "=", "score", "score.pair", 0.65, s))

    # ------------------------------------------------------------------ ordinals (ranks)
    def ordinals(self) -> None:
        t = self.t
        for m in _scan(_ORDINAL_RE, t, ("第",)):
            s = m.start()
            e = m.end("n")
            if not self._free(s, e):
                continue
            after = m.group("after")
            if _RANK_GE_RE.match(t, e):
                if self.filter and (s == 0 or t[s - 1] in _ENUMERATION_BEFORE):
                    # ，第二个风险是…; 。第一个是班主任: at the head of a clause 第N个 counts the
                    # points of an argument (firstly, secondly), it ranks nothing.
                    continue
                v = parse_number(m.group("n"))
                if v is not None and self._free(s, e + 1):
                    unit = "个" if self._tally(s) else ""
                    self.add(Mention(s, e + 1, v, None, unit, "=", "other", "rank.ordinal", 0.5, s))
                continue
            before = t[max(0, s - 12) : s]
            tail = _RANK_LIST_TAIL_RE.match(t, e)
            if tail:
                after = t[tail.end() : tail.end() + 3]  # what follows the list's last item
            measure = _RANK_MEASURE_RE.match(t, e)
            if measure and (
                measure.group(0) in _RANK_MEASURE_ALONE or _RANK_BEFORE_RE.search(before)
            ):
                # 国内第32家合资公司, 世界上第一架飞机: a rank in a field, with its measure word.
                v = parse_number(m.group("n"))
                if v is not None and self._free(s, measure.end()):
                    unit = measure.group(0) if self._tally(s) else ""
                    end = measure.end()
                    self.add(Mention(s, end, v, None, unit, "=", "other", "rank.ordinal", 0.5, s))
                continue
            tally = _TALLY_MEASURE_RE.match(t, e)
            if tally and self._tally(s):
                # 这是他本赛季第15次技术犯规: the fifteenth so far, a count of its measure.
                v = parse_number(m.group("n"))
                if v is not None and self._free(s, tally.end()):
                    unit = tally.group(0)
                    self.add(
                        Mention(s, tally.end(), v, None, unit, "=", "other", "rank.ordinal", 0.5, s)
                    )
                continue
            if not _RANK_AFTER_OK.match(after) and not (
                _RANK_ADJACENT_RE.search(before)
                and not _UNIT_START_RE.match(after)
                and not after.startswith(_ORDINAL_PERIODS)
            ):
                continue
            if not _RANK_BEFORE_RE.search(before) and not after.startswith(
                ("名", "位", "大", *_RANK_NOUNS)
            ):
                continue
            n = m.group("n")
            v_max = None
            if len(n) == 2 and n[0] in _RANK_DIGITS and n[1] in _RANK_DIGITS:
                # 第二三名: the 2nd and the 3rd, a range of ranks (never 23).
                lo, hi = CN_DIGITS[n[0]], CN_DIGITS[n[1]]
                if hi != lo + 1:
                    continue
                v, v_max = float(lo), float(hi)
            else:
                v = parse_number(n)
            if v is None:
                continue
            # The surface is the ordinal with 第: 第四 stays whole for readability.
            self.add(Mention(s, e, v, v_max, "", "=", "other", "rank.ordinal", 0.55, s))
            if tail:
                self._rank_list(tail)

    def _tally(self, s: int) -> bool:
        """这是他本赛季第15次…, 她这也是第四次…: 第N at s stands in a clause opened by a word
        of a tally (data/tally_words.tsv, after at most a pronoun), in a sentence that asks
        nothing (这是你们的第一个项目吗？). Such an ordinal is the Nth so far, a count: its
        measure word is its unit (这是他本赛季的第8个进球: 8 个), where a rank has none."""
        t = self.t
        k = s
        while k > max(0, s - 40) and t[k - 1] not in _TALLY_CLAUSE_STOPS:
            k -= 1
        if not any(t.startswith(w, j) for j in range(k, min(k + 3, s)) for w in _TALLY_HEADS):
            return False
        end, stop = s, min(len(t), s + 120)
        while end < stop and t[end] not in "。！!\n":
            if t[end] in "？?":
                return False
            end += 1
        return not any(ch in "？?" for ch in t[k:s])

    def _rank_list(self, tail: re.Match[str]) -> None:
        """The other ranks of a list whose first item is a rank (第四、第六和第八名: 第六, 第八;
        分列第二、三位: 三位, a bare numeral with the measure word that ends the list)."""
        t = self.t
        for item in _RANK_LIST_ITEM_RE.finditer(t, tail.start(), tail.end()):
            v = parse_number(item.group("n"))
            s = item.start("di")
            e = item.end()
            if not item.group("di") and t[e : e + 1] in ("名", "位") and e == tail.end():
                e += 1
            if v is not None and self._free(s, e):
                self.add(Mention(s, e, v, None, "", "=", "other", "rank.ordinal", 0.55, s))

    def firsts(self) -> None:
        """首款, 首个, 首家 + what is ranked: the first of its kind, rank 1 (as 第一个); 榜首,
        and 首位 or 头名 after a rank verb: the first place of a ranking."""
        for m in _scan(_FIRST_RE, self.t, ("首",)):
            s, e = m.start(), m.end()
            if (
                self.filter
                and m.group(0)[1:] in _FIRST_GOVERNED
                and not _FIRST_GOVERNED_RE.search(self.t, max(0, s - 16), s)
            ):
                continue  # 首款车型极风001正式上市, 发布了首款芯片: the model's name, no rank
            if self._free(s, e):
                self.add(Mention(s, e, 1.0, None, "", "=", "other", "rank.ordinal", 0.5, s))
        for m in _scan(_RANK_ONE_RE, self.t, _RANK_ONE_WORDS):
            s, e = m.span()
            if not self._free(s, e):
                continue
            if m.group(0) in _RANK_ONE_ALONE or (
                _RANK_BEFORE_RE.search(self.t[max(0, s - 12) : s])
                and not _CJK.match(self.t[e : e + 1].replace("的", "") or " ")
            ):
                # 高居全球榜首, 跃居首位: the first place of a ranking, a rank 1 as 第一 (成为
                # 首位获奖的演员 counts a person: 首位 before a word is the first one who…).
                self.add(Mention(s, e, 1.0, None, "", "=", "other", "rank.ordinal", 0.5, s))

    def runs(self) -> None:
        """连升三日, 连降两月, 连续第四年: the periods of a run (:data:`_RUN_RE`) the main
        pattern leaves (日, 月 and 季 alone are dates there; 第N ranks nothing)."""
        for m in _scan(_RUN_RE, self.t, ("连",)):
            s, e = m.start("di") if m.group("di") else m.start("n"), m.end()
            v = parse_number(m.group("n"))
            if v is None or not self._free(s, e):
                continue
            unit = m.group("u")
            self.add(
                Mention(s, e, v, None, normal_unit(unit), "=", "duration", "duration.run", 0.7, s)
            )

    # ------------------------------------------------------------------ the main pattern
    def main(self) -> None:
        t = self.t
        pos = 0
        n = len(t)
        while pos < n:
            m = _MAIN_RE.search(t, pos)
            if m is None:
                break
            nxt = self._main_one(m)
            pos = max(nxt, m.start() + 1)

    def _main_one(self, m: re.Match[str]) -> int:
        """Handle one match of the main pattern; return where the search continues."""
        s, e = m.span()
        unit1, unit2 = m.group("u1") or "", m.group("u2") or ""
        n1 = m.group("n1")
        ns = m.start("n1")
        if n1.startswith("一一") and self.t[ns - 1 : ns + 1] in _ONLY_ENDING_IN_ONE:
            return ns + 1  # 唯一一个: the count is the second 一
        if (
            not unit1
            and m.group("sep") is None
            and not m.group("s1")
            and not m.group("post")
            and not n1[0].isdigit()
            and "万" not in n1
            and "亿" not in n1
            and not _ADJACENT_PAIR_RE.match(n1)
            and not self._cn_shape_ok(n1, m.start(), m.end("n1"))
        ):
            # A Chinese numeral with no unit, scale or qualifier after it (一些, 一定, 三国)
            # is never a quantity (but 五六千 is a range, and 两记三分 may hold an unknown
            # measure word): skip the work (a third of the pattern's matches).
            return e
        end1 = m.end("u1") if unit1 else max(m.end("n1"), m.end("a1"), m.end("s1"), m.end("b1"))
        has_range = m.group("sep") is not None
        if unit1 == "成" and m.group("s1"):
            # 近7万成亚洲最贵: 成 is the verb "become" after a scaled number, not a share.
            end1 = m.end("s1")
            return self._single(m, s, end1, "", restart=end1, post_ok=False)

        if has_range and not self._range_ok(m, unit1, unit2):
            # Not a range: handle the first part alone and continue at the second number.
            return self._single(m, s, end1, unit1, restart=m.start("sep") + 1)
        if not has_range:
            return self._single(m, s, e, unit1, restart=e)
        return self._range(m, s, e, unit1, unit2)

    def _range_ok(self, m: re.Match[str], unit1: str, unit2: str) -> bool:
        sep = m.group("sep")
        n1, n2 = m.group("n1"), m.group("n2")
        if unit1 and unit2 and normal_unit(unit1) != normal_unit(unit2):
            return False
        if not unit2 and not (not unit1 and m.group("s1") and m.group("s2") and sep != "、"):
            # only both ends scaled make a range without a unit (3亿-4亿农民, 2万至3万; a
            # list 3万、4万 is two numbers), or a smaller low end of at most three digits that
            # borrows the high end's scale (3~4万的收入, 10至20万)
            raw1, raw2 = _num_value(n1, None), _num_value(n2, None)
            head2 = None if m.group("s2") else _cn_scaled_head(n1, n2)
            if head2:  # 六到八亿的增长: the scale inside the high end's Chinese numeral
                raw2, scaled = head2, True
            else:
                scaled = bool(m.group("s2"))
            if not (
                not unit1
                and not m.group("s1")
                and scaled
                and sep != "、"
                and len(n1) <= 3
                and raw1 is not None
                and raw2 is not None
                and raw1 < raw2
            ):
                return False
        if sep == "、":
            v1, v2 = _num_value(n1, None), _num_value(n2, None)
            return bool(not unit1 and v1 is not None and v2 is not None and v2 == v1 + 1)
        if sep == "-" and (n1[0].isdigit() != n2[0].isdigit()):
            return False
        before = self.t[max(0, m.start() - 3) : m.start()]
        # 增持77.1万股至344.45万股: a change and its result, not a range (上涨1000至2000元,
        # the first number without a unit of its own, is a range).
        return not (
            sep in ("至", "到") and (unit1 or m.group("s1")) and _CHANGE_BEFORE_RE.search(before)
        )

    def _fraction(
        self, s: int, e: int, unit: str, kind: str, rule: str, value: float | None = None
    ) -> None:
        """A fraction (value null unless ``value`` is given) with the qualifier words around
        it, as for any number: 超过1/3 is >, 不得超过1/3 is <=, 约有1/4 is ~, 1/3以上 is >=."""
        p_start, p_qual, _word = self._prefix(s)
        post = next((w for w in _POST_BY_LENGTH if self.t.startswith(w, e)), "")
        qual = p_qual or _POST_QUAL.get(post, "=")
        end = e + len(post) if post and not p_qual else e
        self.add(Mention(p_start, end, value, None, unit, qual, kind, rule, 0.6, s))

    def _bare_scale_amount(self, n: str, unit: str, e: int) -> bool:
        """True for a lone 百, 千 or 万 read with its measure word as an amount (千元大奖,
        万件家具, 百种技能): not an idiom or a name (万家, 百年, 万分), not a fraction
        (千分之三, 百分比) and not the base of a rate (百公里油耗, 千人发病率)."""
        return (
            n in ("百", "千", "万")
            and n + unit[0] not in _BARE_SCALE_IDIOMS
            and not self.t.startswith("之", e)
            and not _PER_BASE_METRIC_RE.match(self.t, e)
        )

    def _prefix(self, s: int) -> tuple[int, str, str]:
        """Look for a qualifier word before position ``s``: (new start, qualifier, word)."""
        window = self.t[max(0, s - 8) : s]
        pm = _qualifier_from_prefix(window)
        if pm is None:
            return s, "", ""
        return s - (len(window) - pm.start()), _PREFIX_QUAL[pm.group("q")], pm.group("q")

    def _single(
        self,
        m: re.Match[str],
        s: int,
        e: int,
        unit: str,
        restart: int,
        post_ok: bool = True,
        shape: bool = True,
    ) -> int:
        t = self.t
        n = m.group("n1")
        scale = m.group("s1")
        approx = m.group("a1") or m.group("b1")
        # When a range was rejected the mention stops after its first part: no post word.
        post = m.group("post") if post_ok and e == m.end() else None
        if not self._free(s, e):
            return restart
        p_start, p_qual, p_word = self._prefix(s)
        if (
            _is_scale_only(n)
            and not p_word
            and not (unit and (approx or len(n) >= 2))
            and not (unit and self._bare_scale_amount(n, unit, e))
            and not (post and len(n) >= 2)
            and not (unit == "年" and t.startswith(_DURATION_NOUNS, e))
        ):
            # 百 alone needs a prefix (数百, 上百); 百余款 and 千万种 count on their own.
            return restart
        if (
            p_word in _SCALE_ONLY_PREFIXES
            and not _is_round(n)
            and not (scale and p_word.endswith("破"))  # 破1亿次, 跌破1万点: a round mark passed
        ) or (p_word == "上" and n == "十"):
            # 上 qualifies 上百/上千/上万 only; 岛上十位 is "on the island".
            p_start, p_qual, p_word = s, "", ""
        value = _num_value(n, scale)
        pair = _ADJACENT_PAIR_RE.match(n)
        if pair and CN_DIGITS[pair[2]] == CN_DIGITS[pair[1]] + 1:
            # 四五万, 三四十, 一两年: two neighbouring numbers, an approximate range.
            if kind_of(unit) == "duration" and self.filter and pair[1] == "一":
                return restart  # 一两年: "a year or two", vague (七八年 is 7 to 8 years)
            if unit in CN_EXCLUDED_UNITS and self.filter:
                return restart  # 二三线城市, 二三级市场: a class of words, not a range
            qual = (p_qual or "=") if p_word else "="
            return self._pair(m, s, e, unit, scale, pair, p_start if p_word else s, restart, qual)
        if value is None:
            return restart
        shaped = False
        fallback = None
        listed = False
        if not unit and not scale and not post and not approx and n[0].isdigit():
            tail = _LIST_TAIL_RE.match(t, e)
            if tail:
                # 分别达到6000、7500、8800万平方米: each item of the list takes the scale and
                # unit written once after the last.
                scale, unit, listed = tail.group("s"), tail.group("u"), True
                value = _num_value(n, scale)
                if value is None:
                    return restart
        if (
            not listed
            and shape
            and self.filter
            and not unit
            and not post
            and not approx
            and (
                (
                    n[0].isdigit()
                    and (
                        scale
                        or _GROUPED_RE.search(n)
                        or (len(n.split(".")[0]) <= 4 and not _YEAR_RE.fullmatch(n))
                    )
                )
                or self._cn_shape_ok(n, s, e)
            )
        ):
            unit = self._measure_shape(e, s)
            vague = ""
            if not unit and n[0].isdigit() and not scale and t[e : e + 1] in ("余", "多"):
                # 9000余列, 300多班: 余 or 多 between the number and an unknown measure word
                # (the tagger confirms it, core.py); no bare number is kept in its place.
                unit = self._measure_shape(e + 1)
                vague = t[e] if unit else ""
            if unit and vague:
                shaped, approx = True, vague
                e += 1 + len(unit)
                restart = max(restart, e)
            elif unit:
                shaped = True
                count = len(self.out)
                self._single(m, s, e, "", restart, post_ok, shape=False)
                fallback = self.out.pop() if len(self.out) > count else None
                e += len(unit)
                restart = max(restart, e)
        if self.filter:
            verdict = self._lookalike(s, e, n, scale, unit, post, p_word)
            if (
                verdict is not None
                and kind_of(unit) == "duration"
                and not n[0].isdigit()
                and (approx in ("几", "来") or p_word in ("数", "几"))
            ):
                verdict = None  # 十几年, 十来年, 数十年: a vague span ("a decade or so")
            if verdict is None:
                if fallback is not None:
                    self.add(fallback)
                return restart
        else:
            verdict = ("manual", 1.0)
        rule, conf = verdict
        if shaped:
            rule, conf = MEASURE_SHAPE, min(conf, 0.5)
        qual = self._qualifier(p_qual, approx, post)
        start = p_start if p_word else s
        end = e
        stored_unit = normal_unit(unit)
        kind = kind_of(unit) if unit else "other"
        if (
            unit in ("秒", "秒钟")
            and self.filter
            and _MINUTES_BEFORE_RE.search(t, max(0, s - 4), s)
        ):
            # 跑出了3分28秒, 长达7分40秒: a time taken in minutes and seconds (a clock's are
            # dropped above), one duration in seconds from the minutes on.
            i = s - 1
            while i > 0 and (t[i - 1].isdigit() or t[i - 1] in _CN_NUM_CHARS):
                i -= 1
            minutes = _num_value(t[i : s - 1], None)
            if minutes is not None and value is not None and self._free(i, s):
                value += minutes * 60
                p_start, p_qual, p_word = self._prefix(i)
                qual = p_qual or qual
                start = p_start if p_word else i
        if unit == "秒" and self.filter and value is not None:
            hundredths = _HUNDREDTHS_AFTER_RE.match(t, e)
            nxt = t[hundredths.end(1) : hundredths.end(1) + 1] if hundredths else ""
            if hundredths and not (nxt and (nxt in UNIT_KIND or nxt in "万亿千百十")):
                # 以9秒83夺冠, 2分05秒86, 2分37秒348: a race time in hundredths or
                # thousandths written after 秒
                digits = hundredths.group(1)
                value = round(value + int(digits) / 10 ** len(digits), 6)
                e = end = hundredths.end(1)
                restart = max(restart, e)
        if unit in ("小时", "个小时") and self.filter:
            minutes_after = _MINUTES_AFTER_RE.match(t, e)
            minutes = _num_value(minutes_after.group("n"), None) if minutes_after else None
            if minutes_after and minutes is not None and value is not None and minutes < 60:
                # 运行时间为4小时18分: one duration in hours (4.3), as minutes and seconds are
                # one in seconds; the minutes are no score.
                value += minutes / 60
                e = end = minutes_after.end()
                restart = max(restart, e)
                seconds_after = _SECONDS_AFTER_RE.match(t, e)
                seconds = _num_value(seconds_after.group("n"), None) if seconds_after else None
                if seconds_after and seconds is not None and seconds < 60:
                    # 以2小时08分41秒夺冠: a race time in hours, minutes and seconds is one
                    # duration in seconds (7721), as minutes and seconds are.
                    value = round(value * 3600) + seconds
                    unit = "秒"
                    stored_unit, kind = normal_unit(unit), kind_of(unit)
                    e = end = seconds_after.end()
                    restart = max(restart, e)
        if unit == "年" and self.filter:
            months_after = _MONTHS_AFTER_RE.match(t, e)
            months = _num_value(months_after.group("n"), None) if months_after else None
            if months_after and months is not None and value is not None and 0 < months < 12:
                # 判处有期徒刑十年六个月: one duration in years (10.5), as hours and minutes are
                # one in hours.
                value = round(value + months / 12, 6)
                e = end = months_after.end()
                restart = max(restart, e)
        if unit == "成":
            value *= 10
            stored_unit = "%"
            if t.startswith("半", e):
                value, e, end = value + 5, e + 1, end + 1  # 四成半: 45%
        if not unit and scale:
            modified = _MODIFIED_UNIT_RE.match(t, e)
            if modified:
                # 1020万有效像素, 900万的有效像素: the unit stands after a modifier word.
                unit = modified.group("u")
                stored_unit, kind = normal_unit(unit), kind_of(unit)
                e = end = modified.end()
                restart = max(restart, e)
        tail_end = e  # past a unit's tail: 次 (台次) or a rate's denominator (元/平方米)
        if not unit:
            bracket = _BRACKET_CURRENCY_RE.match(t, e)
            if bracket and (scale or is_money_hint(t, s)):
                # 30万(新台币): the currency in brackets after the amount.
                unit = bracket.group("u")
                stored_unit, kind = normal_unit(unit), "money"
                e = end = bracket.end()
                restart = max(restart, e)
        elif (
            kind_of(unit) in ("count", "area")
            and not unit.endswith("次")
            and _TIMES_AFTER_RE.match(t, e)
        ):
            # 9.8万台次, 14亿亩次, 8.7万家次: a count of times a unit was counted (as 人次
            # and 架次 of the unit table), for any count or area unit.
            stored_unit, kind = stored_unit + "次", "count"
            tail_end = e + 1
        elif (rate := _PER_UNIT_RE.match(t, e)) and kind_of(unit) != "percent":
            # 10张/秒, 35微克/立方米: a rate, its unit as written. A price per unit
            # (8300元/平方米) is money in its currency (the guideline: money in 元), the
            # denominator in its surface.
            if kind_of(unit) != "money":
                stored_unit = f"{stored_unit}/{normal_unit(rate.group('t') or rate.group('u'))}"
                kind = "other"
            tail_end = rate.end()
        elif (
            (per := _PER_ROUND_UNIT_RE.match(t, e))
            and kind_of(unit) != "percent"
            and kind_of(per.group("u")) != kind_of(unit)
        ):
            # 186.4毫克/100毫升: a rate per a round measure, its unit as written; a price
            # per one (12.5元/500克) is money in its currency, as 8300元/平方米.
            if kind_of(unit) != "money":
                stored_unit = f"{stored_unit}/{per.group('n')}{normal_unit(per.group('u'))}"
                kind = "other"
            tail_end = per.end()
        if tail_end > e:
            # The bound read after the unit's tail (3000台次以上, 30000元/平方米以上).
            e = end = tail_end
            after = next((w for w in _POST_BY_LENGTH if t.startswith(w, e)), "")
            if after and not post:
                qual = self._qualifier(p_qual, approx, after)
                e = end = e + len(after)
            restart = max(restart, e)
        if not unit and scale:
            named = _MONEY_UNIT_BEFORE_RE.search(t, max(0, s - 5), s)
            if named:
                unit = named.group(0)  # 游戏币500万: the currency named before the amount
                stored_unit, kind = normal_unit(unit), "money"
        if not unit and scale:
            shared = _SHARED_UNIT_RE.match(t, e)
            if shared:
                # 约198万及312万人次: the list's last item names the unit of them all.
                stored_unit = normal_unit(shared.group("u"))
                kind = kind_of(shared.group("u"))
        if not unit and not stored_unit:
            hint = _BARE_UNIT_HINT_RE.search(t[max(0, s - 10) : s])
            if hint:
                stored_unit = _HINT_UNIT.get(hint.group(1), "")
                kind = "count" if stored_unit in ("人", "人次") else "other"
            elif rule != "ratio.bare" and _MONEY_HINT_RE.search(t[max(0, s - 10) : s]):
                kind = "money"  # (not 人民币兑美元中间价报6.4512: a ratio of two currencies)
        if shaped:
            kind = "count"
        if rule == "money.model_price":
            kind = "money"
        if rule == "money.bare_currency":
            bare = _BARE_CURRENCY_RE.search(t, max(0, s - 5), s)
            assert bare is not None
            stored_unit, kind = CURRENCY_BEFORE[bare.group("c")], "money"
        currency = _CURRENCY_BEFORE_RE.search(t, max(0, s - 4), s)
        if stored_unit == "元" and currency:
            # 港币1000万元: the currency written before the amount names it.
            stored_unit = CURRENCY_BEFORE[currency[0]]
        if unit == "分" and self.filter and self._not_score(s, e):
            return restart
        if (
            kind in ("duration", "length")
            and not post
            and end == e
            and (within := _WITHIN_AFTER_RE.match(t, e))
        ):
            # 6分钟内到场, 30天内完工, 5公里内: a bare 内 after a span of time or space bounds
            # it as 以内 does (<=), unless a qualifier word stands before the number; after a
            # bare 在 it names the span something took (他在20天内游历了…, 在35分钟内: =), a
            # deadline only with a word of the future or of duty before 在 (将在30天内完工).
            if not p_qual and not _SPAN_IN_BEFORE_RE.search(t, max(0, s - 6), s):
                qual = "<="
            e = end = within.end()
            restart = max(restart, e)
        if stored_unit in _TEMPERATURE_UNITS and value is not None and t.endswith("零下", 0, start):
            # 零下二十多度: below zero, -20 and colder (the qualifier turns with the sign).
            value, start = -value, start - 2
            qual = _NEGATED_QUALIFIER.get(qual, qual)
        mention = Mention(start, end, value, None, stored_unit, qual, kind, rule, conf, s)
        mention.fallback = fallback
        if (
            self.filter
            and not shaped
            and len(unit) == 1
            and _CJK.match(unit)
            and kind in ("count", "money", "other")
            and _CJK.match(t[end : end + 1] or " ")
        ):
            mention.check_glue = True  # 两元素, 3方面: the tagger tells (core.py)
        self.add(mention)
        return restart

    def _half_share(self, m: re.Match[str]) -> None:
        """一半 (一大半, 一多半, 大半) as a share of 50 %: after a verb or qualifier word of
        ``data/half_verbs.tsv`` (报销一半, 减少了一半, 超过一半), before 以上 or 左右
        (一半以上人口), or as the share a 占/为 names (约占员工总数的一半: ~); never "half of"
        a thing told otherwise (一半的人, 男人的一半是女人) nor the middle of an event
        (进行到一半). A qualifier word before it joins it (近一半: ~, 超过一半: >), as one
        after (以上: >=)."""
        t = self.t
        s, e = m.span()
        verb = _HALF_VERB_RE.search(t[max(0, s - 3) : s])
        if not self._free(s, e) or (t.endswith("到", 0, s) and not verb):
            return  # 进行到一半 (提高到一半 is a half verb's)
        post = _HALF_POST_RE.match(t, e)
        share_of = t.endswith("的", 0, s) and _HALF_SHARE_OF_RE.search(t, max(0, s - 16), s - 1)
        if t.endswith("的", 0, s) and not share_of:
            return  # 一半的人 is "half the people"; 男人的一半 is "a half"
        if not (verb or post or share_of):
            return
        qual = ">" if m.group("more") or m.group("big") else "="
        start = s
        p = _qualifier_from_prefix(t[max(0, s - 8) : s])
        if p is not None and p.end() == min(s, 8) and not p.group("c") and not p.group("f"):
            word = p.group("q")
            if word in _PREFIX_QUAL and self._free(s - len(word), s):
                qual, start = _PREFIX_QUAL[word], s - len(word)
        if share_of and qual == "=":
            word = share_of.group("w")
            if word in _PREFIX_QUAL:
                qual = _PREFIX_QUAL[word]  # 不到去年同期的一半: <
            elif t.endswith("约", 0, share_of.start()):
                qual = "~"  # 约占全省的一半
        if post:
            qual, e = _POST_QUAL.get(post.group(0), qual), post.end()
        self.add(Mention(start, e, 50.0, None, "%", qual, "percent", "percent.half", 0.6, s))

    def _half_duration(self, m: re.Match[str]) -> None:
        """半年, 半个月, 半分钟 (0.5 of the unit) where it measures something: after a verb
        that measures a duration or 了 (为期半年, 念了半个多小时), after a qualifier word (近半年),
        before 后 as a wait (贷款半年之后可以…, not at the head of a clause), or before 的 and
        a noun (半分钟的戏); never before 前, 以上, 里, 来 (a frame or a condition)."""
        t = self.t
        s, e = m.span()
        if not self._free(s, e) or _HALF_NOT_RE.match(t, e):
            return
        p = _qualifier_from_prefix(t[max(0, s - 8) : s])
        word = p.group("q") if p is not None and not p.group("c") and not p.group("f") else ""
        qual = _PREFIX_QUAL[word] if word in _ONE_PREFIXES else ""
        if not (
            qual
            or t.endswith(_DURATION_VERBS, max(0, s - 3), s)
            or (t.endswith("了", 0, s) and m.group("u") != "天")  # 商量了半天: "a long while"
            or t.endswith(("足足", "整整"), 0, s)
            or (_WAIT_AFTER_RE.match(t, e) and not _at_clause_start(t, s, ""))
            or _HALF_OF_RE.match(t, e)
        ):
            return
        raw = m.group("u") or m.group("cu")
        unit = normal_unit(_MORE_UNIT.get(raw, raw))
        start = s - len(word) if qual else s
        more = m.group("m") or m.group("m2")
        qual = qual or (">" if more else "=")
        self.add(Mention(start, e, 0.5, None, unit, qual, "duration", "duration", 0.75, s))

    def _ge_yi(self, m: re.Match[str]) -> None:
        """N个亿 (10个亿, 一个亿, 六七个亿, 近10个亿元): N hundred million, with the qualifier
        word before it and the unit after it if any."""
        t = self.t
        s, e = m.span()
        if not self._free(s, e) or (s > 0 and t[s - 1] in "第每这那"):
            return
        n = m.group("n")
        pair = _ADJACENT_PAIR_RE.match(n)
        if pair and CN_DIGITS[pair[2]] == CN_DIGITS[pair[1]] + 1:
            low, high = _num_value(pair[1], "亿"), _num_value(pair[2], "亿")
        else:
            low, high = _num_value(n.replace("几", ""), "亿") if n != "几" else 1e8, None
        if low is None:
            return
        unit = m.group("u") or ""
        stored = normal_unit(unit)
        kind = kind_of(unit) if unit else ("money" if is_money_hint(t, s) else "other")
        p_start, p_qual, p_word = self._prefix(s)
        qual = p_qual or (">" if m.group("a") or m.group("a2") or "几" in n else "=")
        start = p_start if p_word else s
        self.add(Mention(start, e, low, high, stored, qual, kind, "scale.spoken", 0.75, s))

    def _kuai_tenths(self, m: re.Match[str]) -> None:
        """Yuan and tenths with the 角 unsaid (3块5, 两块五左右): money in 元, only where a
        qualifier word, 的 or the end of a clause follows (两块五花肉, 3块5厘米 are no money)."""
        t = self.t
        s, e = m.span()
        if not (e == len(t) or t[e] in _JIAO_AFTER) or not self._free(s, e):
            return
        yuan, jiao = parse_number(m.group("y")), parse_number(m.group("j"))
        if yuan is None or jiao is None:
            return
        post = next((w for w in _POST_BY_LENGTH if t.startswith(w, e)), "")
        qual = _POST_QUAL.get(post, "=") if post else "="
        value = round(yuan + jiao / 10, 6)
        self.add(Mention(s, e + len(post), value, None, "元", qual, "money", "money.jiao", 0.7, s))

    def _kuai(self, m: re.Match[str]) -> None:
        """N块 as yuan (涨了2000块, 工资三千多块): only with money spoken of before it in the
        clause and nothing but a qualifier word, 的 or the end of the clause after it; 一块
        ("a piece", "together") never."""
        t = self.t
        s, e = m.span()
        if not self._free(s, e):
            return
        nxt = t[e : e + 1]
        noun_after = bool(nxt) and _CJK.match(nxt) is not None and nxt not in _JIAO_AFTER
        money = (not noun_after and _KUAI_CONTEXT_RE.search(t, max(0, s - 13), s)) or (
            # 借了一万块来…, 赚了三千块: thousands of 块 spoken (Chinese numerals) with no noun
            # after them are yuan (产量为325亿块 counts chips); so is N块 before the fee it names
            # (要13块的物业费)
            (
                m.group("s") in ("万", "千")
                and not m.group("n")[0].isdigit()
                and (not noun_after or nxt in _KUAI_NOT_COUNT_AFTER or nxt == "来")
            )
            or _KUAI_FEE_AFTER_RE.match(t, e)
        )
        if not money and (
            m.group("n") in ("一", "两", "二")
            or nxt in _KUAI_NOT_COUNT_AFTER
            or not (noun_after or not nxt or nxt in "，。；、！？,;!?）)")
        ):
            return  # 一块 (a piece, together), 块头, 3块5 (money), 99块则… (a figure of speech)
        value = _num_value(m.group("n"), m.group("s"))
        if value is None:
            return
        approx = m.group("a")
        post = next((w for w in _POST_BY_LENGTH if t.startswith(w, e)), "")
        if noun_after and post:
            post = ""
        start, p_qual, p_word = self._prefix(s)
        if not p_word or not self._free(start, s):
            start, p_qual = s, ""
        qual = self._qualifier(p_qual, approx, post or None)
        end = e + len(post)
        if money:
            self.add(Mention(start, end, value, None, "元", qual, "money", "money.kuai", 0.7, s))
        else:
            # 1800余块银幕, 银幕626块, 集成电路3594亿块: 块 counts pieces where no money is
            # spoken of (5块金牌 too).
            self.add(Mention(start, end, value, None, "块", qual, "count", "count.kuai", 0.6, s))

    def _jiao(self, m: re.Match[str]) -> None:
        """Tenths of a yuan (8角, 5毛钱, 两元五角): money in 元. A bare N角 or N毛 without
        钱 after it is money only in Arabic digits with money spoken of before it in the
        clause (每斤要贵8角, 卖5毛) or a yuan amount after it (8角到1元); 一角 (a role, a
        corner), 八角 (octagonal), 五毛 alone and 一毛钱 ("a penny") are words."""
        t = self.t
        s, e = m.span()
        jiao = parse_number(m.group("j"))
        yuan = parse_number(m.group("y")) if m.group("y") else 0.0
        if jiao is None or yuan is None:
            return
        if m.group("j") == "一" and not m.group("y"):
            return  # 一毛钱都不给, 一角: "not a penny", a part
        if not (m.group("y") or m.group("q") or m.group("hi")):
            if not m.group("j").isdigit():
                return
            if not _KUAI_CONTEXT_RE.search(t, max(0, s - 13), s):
                self._take(s, e)  # 4毛 with no money near: no claim, and no count of 毛 either
                return
            if e < len(t) and _CJK.match(t[e]) and t[e] not in _JIAO_AFTER:
                return
        if not self._free(s, e):
            return
        high = float(m.group("hi")) if m.group("hi") else None
        post = next((w for w in _POST_BY_LENGTH if t.startswith(w, e)), "")
        qual = _POST_QUAL.get(post, "=") if post else "="
        value = round(yuan + jiao / 10, 6)
        self.add(Mention(s, e + len(post), value, high, "元", qual, "money", "money.jiao", 0.75, s))

    def _pair(
        self,
        m: re.Match[str],
        s: int,
        e: int,
        unit: str,
        scale: str | None,
        pair: re.Match[str],
        start: int,
        restart: int,
        qual: str = "=",
    ) -> int:
        rest = pair[3]
        v1 = _num_value(pair[1] + rest, scale)
        v2 = _num_value(pair[2] + rest, scale)
        if v1 is None or v2 is None or not (unit or scale or rest):
            return restart
        stored = normal_unit(unit)
        kind = kind_of(unit) if unit else "other"
        if kind == "duration" and self.filter and _RELATIVE_AFTER_RE.match(self.t, e):
            return restart  # 三四个月前: a point in time
        if (
            kind == "duration"
            and self.filter
            and _WAIT_AFTER_RE.match(self.t, e)
            and _at_clause_start(self.t, start, "")
        ):
            return restart  # ，三四个月后，…: at the head of a clause it dates what follows
        if stored == "成":
            v1, v2, stored = v1 * 10, v2 * 10, "%"
        currency = _CURRENCY_BEFORE_RE.search(self.t, max(0, s - 4), s)
        if stored == "元" and currency:
            stored = CURRENCY_BEFORE[currency[0]]
        # A range (四五万, value 40000 to 50000): the qualifier describes the low end, which
        # is written as it is (GUIDELINE: "For a range the qualifier describes the low end"),
        # unless a qualifier word stands before it (约三四百美元: ~).
        self.add(Mention(start, e, v1, v2, stored, qual, kind, "range.approximate", 0.7, s))
        return restart

    def _cn_shape_ok(self, n: str, s: int, e: int) -> bool:
        """Whether a Chinese numeral may take an unknown measure word: a round number with
        a qualifier word before it (少则数百褶，多则上千褶, 几十幅), followed by a character
        that may be a measure word; the tagger confirms it (core.py). A plain numeral and a
        character (两国, 三地, 十里) is most often a word or a name, never read so."""
        if not self.filter or not n:
            return False
        if self._cn_casualty_tally(n, s, e):
            return True
        if not _is_round(n):
            return False
        p = _qualifier_from_prefix(self.t[max(0, s - 8) : s])
        return (
            p is not None and p.group("q") in _SCALE_ONLY_PREFIXES and bool(self._measure_shape(e))
        )

    def _cn_casualty_tally(self, n: str, s: int, e: int) -> bool:
        """致一死, 造成两死三伤: a small Chinese numeral before a character of a casualty
        tally (data/casualty_tally_chars.tsv) right after a verb of causing, or before another
        number of the tally (一死一伤); 九死一生 and 一死了之 are idioms."""
        t = self.t
        if len(n) > 2 or not t.startswith(_CASUALTY_TALLY, e):
            return False
        if _CAUSE_BEFORE_RE.search(t, max(0, s - 3), s):
            return True
        if _CN_TALLY_BEFORE_RE.search(t, max(0, s - 6), s):
            return True  # 一死两伤: the item after another of the tally
        return _CN_TALLY_NEXT_RE.match(t, e + 1) is not None

    def _measure_shape(self, e: int, s: int = -1) -> str:
        """An unknown single-character measure word right after an Arabic number (8幅作品,
        12节课, 导弹4枚。): a CJK character that is neither one of the characters that follow
        numbers without counting (dates, directions, function words: data/not_measure_chars)
        nor a name suffix (00后, 九价: data/number_name_suffixes), followed by the noun it
        counts or by the end of the clause. Empty when there is none."""
        t = self.t
        c = t[e : e + 1]
        if not c or not _CJK.match(c) or c in _NOT_MEASURE or c in _NAME_SUFFIXES:
            return ""
        nxt = t[e + 1 : e + 2]
        if (
            nxt.isdigit()
            and s >= 2
            and t[s - 2].isdigit()
            and _UNIT_START_RE.match(t, s - 1) is not None
        ):
            return c  # 18分16板2帽: one item of a run of statistics, the next right after it
        if nxt.isdigit() and c in _CASUALTY_TALLY:
            tally = _TALLY_NEXT_RE.match(t, e + 1)
            if tally and tally.group(1) in _CASUALTY_TALLY:
                return c  # 致4死7伤: the first item of a casualty tally, the next right after
        if nxt and not (_CJK.match(nxt) or nxt in _CLAUSE_END or (nxt.isascii() and nxt.isalpha())):
            return ""  # 8幅作品, 导弹4枚。, 26万色TFT屏幕
        if nxt and nxt in _NAME_SUFFIXES:
            return ""
        if nxt and nxt in UNIT_WORD_STARTS.get(c, ""):
            return ""  # 12战中, 4犯规: a word the character opens (data/unit_word_starts.tsv)
        unit_after = _UNIT_START_RE.match(t, e + 1)
        if unit_after:
            follow = t[unit_after.end() : unit_after.end() + 1]
            if not _CJK.match(follow or " ") or follow in "的型":
                return ""  # 1房户的, 1房户型 (a one-room flat): a compound that names a class
        return c

    def _range(self, m: re.Match[str], s: int, e: int, unit1: str, unit2: str) -> int:
        t = self.t
        if not self._free(s, e):
            return e
        v1 = _num_value(m.group("n1"), m.group("s1"))
        v2 = _num_value(m.group("n2"), m.group("s2"))
        if v1 is None or v2 is None:
            return m.start("sep") + 1
        if unit2 in ("楼", "层") or unit2 == "号" or (unit2 == "年" and t.startswith("级", e)):
            self._take(s, e)
            return e  # 3至5楼, 一、二年级: floors and school years name places
        if t[s - 1 : s] == "第" and self.filter:
            self._take(s, e)
            return e  # 第4至10名: a range of ranks (the ordinals read it), not a count
        if (
            unit2 == "年"
            and not unit1
            and _is_year_number(m.group("n1"))
            and _is_year_number(m.group("n2"))
        ):
            self._take(s, e)
            return e  # 规划(2006～2020年): a period from one year to another, not a span
        # 3至5万元: the low end borrows the high end's scale when it has none and is smaller.
        if not m.group("s1") and m.group("s2") and not unit1:
            raw1 = _num_value(m.group("n1"), None)
            raw2 = _num_value(m.group("n2"), None)
            if raw1 is not None and raw2 is not None and raw1 <= raw2:
                v1 = raw1 * SCALES[m.group("s2")]
        # 六到八亿元, 三至五万元: the same in Chinese numerals, the scale written inside the
        # high end's numeral.
        head2 = None if unit1 or m.group("s1") else _cn_scaled_head(m.group("n1"), m.group("n2"))
        if head2:
            raw1 = parse_number(m.group("n1"))
            if raw1 is not None and raw1 <= head2:
                v1 = raw1 * (v2 / head2)
        p_start, p_qual, p_word = self._prefix(s)
        if p_word in _SCALE_ONLY_PREFIXES:
            p_start, p_qual, p_word = s, "", ""
        n1 = m.group("n1")
        if (_is_scale_only(n1)) and not p_word:
            return m.start("sep") + 1
        before = t[max(0, s - 2) : s]
        if re.search(r"\d[-/]$", before) or re.match(r"0\d", n1):
            self._take(s, e)
            return e  # part of a phone number or code (400-0052-500)
        if _LATIN_BEFORE.search(before) or _LATIN_AFTER.match(t[e:]):
            self._take(s, e)
            return e
        kind = kind_of(unit2) if unit2 else ("money" if is_money_hint(t, s) else "other")
        if self.filter and _mixed_numeral(t, s):
            self._take(s, e)
            return e  # 二0一五至一六年: years written in digits of both scripts
        if self.filter and kind == "duration" and self._duration_condition(e, s):
            self._take(s, e)
            return e
        if self.filter and kind == "age" and (m.group("post") or "").endswith(("以上", "以下")):
            self._take(s, e)
            return e
        if self.filter and unit2 == "点" and not self._index_points(s, m.group("n2")):
            self._take(s, e)
            return e  # 8点至14点, 每晚21点-23点: clock times, as 上午10点 alone
        approx = m.group("a1") or m.group("b1")
        qual = self._qualifier(p_qual, approx, m.group("post"))
        value_max = v2
        stored = normal_unit(unit2)
        if unit2 == "成":
            v1, value_max, stored = v1 * 10, v2 * 10, "%"
        start = p_start if p_word else s
        self.add(Mention(start, e, v1, value_max, stored, qual, kind, "range", 0.85, s))
        return e

    @staticmethod
    def _qualifier(p_qual: str, approx: str | None, post: str | None) -> str:
        if p_qual and p_qual != "=":
            return p_qual
        if approx == "来":
            return "~"  # 十来个, 20来岁: about so many
        if approx:
            return ">"
        if post:
            return _POST_QUAL.get(post, "=")
        return p_qual or "="

    def _duration_condition(self, e: int, s: int = -1) -> bool:
        """A duration used as a condition, a scope or a clock time: 3年毕业, 4年学费 (the
        scope of another figure: data/duration_scope_words.tsv), 24小时不间断 (round the
        clock), 还有23秒时, 近3年来. A duration followed by a verb (2小时劲销, 一天销售) is a
        measured fact."""
        t = self.t
        nxt = t[e : e + 1]
        if nxt == "2" and _ROUND_THE_CLOCK_RE.search(t, max(0, e - 5), e):
            return t.startswith("24", e)  # 7天24小时: round the clock
        if not nxt or not _CJK.match(nxt):
            return False
        if t.startswith(("以来", "来"), e):
            # 近3年来, 两个月以来: a time phrase; 成立88年来: the time since a start, a fact
            return s < 0 or not _SINCE_EVENT_RE.search(t, max(0, s - 8), s)
        if t.startswith(_DURATION_NOUNS, e):
            return False  # 十三年历史, 两年时间: the duration of something
        if nxt == "时" or t.startswith(_DURATION_SCOPE, e):
            return True
        if (
            nxt == "的"
            and t.startswith(_DURATION_FIGURES, e + 1)
            and not (s >= 0 and _PERIOD_EQUIVALENCE_RE.search(t, max(0, s - 6), s))
        ):
            return True  # 五年的业绩, 两个月的水电费: the period a figure is measured over
        clock = _ROUND_THE_CLOCK_RE.search(t, max(0, e - 5), e)
        # 7天 is round the clock only with 24 hours after it (7天24小时): 为期7天的活动 and
        # 受孕7天后 measure days.
        return clock is not None and (clock.group(0) != "7天" or t.startswith("24", e))

    def _one_is_a_count(self, s: int, unit: str, post: str | None) -> bool:
        """一 with a measure word is the article "a" (一个问题, 一次机会) unless it counts:
        with a qualifier after it (一周左右) or after "only" (只有一个名额:
        data/only_words.tsv). (一 after the noun it counts, 赠送靓号卡一张！, is left out: at the
        end of a clause 一 is as often a word, 结合在一起, 再看一遍.)"""
        t = self.t
        if not unit or unit in CN_EXCLUDED_UNITS:
            return False
        if (
            kind_of(unit) == "duration"
            and _WAIT_AFTER_RE.match(t, s + 1 + len(unit))
            and not _at_clause_start(t, s, "")
        ):
            return True  # 收到申请一个月后退回余款: the length of a wait
        if kind_of(unit) == "duration" and s > 1 and t[s - 1] == "了" and _CJK.match(t[s - 2]):
            return True  # 停了一年, 用了一个月的时间: how long it was done, as 了半年
        if kind_of(unit) == "duration" and t.endswith(_DURATION_VERBS, max(0, s - 3), s):
            return True  # 为期一天, 历时一年: a measured span (data/duration_verbs.tsv)
        end = s + 1 + len(unit)
        if (
            unit in _POSTPOSED_MEASURES
            and s > 0
            and _CJK.match(t[s - 1])
            and t[s - 1] not in _NOT_POSTPOSED_BEFORE
            and (
                end >= len(t)
                or t[end] in _CLAUSE_END
                or t[end] in "+＋"
                or (t[end] in "(（" and t.startswith(_ALTERNATIVE_WORDS, end + 1))
                or t.startswith(("哦", "吧", "啊"), end)
                or _NEXT_SLOT_RE.match(t, end)
            )
        ):
            # 赠送纪念卡一张！, 武器一把+头盔一顶, 吸尘器一台二等奖：: a count written after
            # its noun
            return True
        if t.endswith(_MARGIN_WORDS, max(0, s - 2), s) or (
            t.endswith("了", 0, s) and t.endswith(_MARGIN_WORDS, max(0, s - 3), s - 1)
        ):
            return True  # 各胜一场, 只赢了一场, 领先一球: a margin in play
        if unit == "次" and _FOUL_AFTER_RE.match(t, end):
            return True  # 吃了一次技术犯规, 一次掩护犯规: a foul counted, a statistic of play
        if t.startswith(_CASUALTY_WORDS, s + 1 + len(unit)):
            return True  # 造成一人死亡, 一例确诊: a count of those it happened to
        if unit in _CASUALTY_TALLY:
            return True  # 致一死两伤: read only in a tally (_cn_casualty_tally)
        if self._counted_beside(s, end, unit):
            return True  # 吃了两次饭，流了一次眼泪: one of a contrast or a list of counts
        if _PER_PERIOD_RE.search(t, max(0, s - 12), s):
            return True  # 每年还会打开一次: a frequency
        if self._only_before_noun(s, end):
            return True  # 海报中仅有成龙一人，: "only" before the noun, the count after it
        return bool(post) or t.endswith(_ONLY_WORDS, max(0, s - 2), s)

    def _quotation_length(self, s: int, e: int, n: str, unit: str) -> bool:
        """A handful of characters said or written (两个字, 四个大字; 12字 before a verb that
        describes: data/describe_words.tsv): the length of a quotation, not a fact. Longer
        texts (数百字, 3000个字) are counted."""
        t = self.t
        if unit == "个" and t.startswith(("字", "大字"), e):
            v = parse_number(n)
            return v is not None and v <= 10
        if unit == "字":
            k = e + 1 if t.startswith("来", e) else e
            return t.startswith(_DESCRIBE_WORDS, k)
        return False

    def _clock_seconds(self, s: int) -> bool:
        """Seconds right after minutes (进行到7分25秒): a moment on a clock, unless a verb of
        taking time stands before the minutes (跑出了3分28秒, 耗时2分5秒: a time taken)."""
        t = self.t
        if not _MINUTES_BEFORE_RE.search(t, max(0, s - 4), s):
            return False
        i = s - 1  # at 分
        while i > 0 and (t[i - 1].isdigit() or t[i - 1] in _CN_NUM_CHARS):
            i -= 1
        return not (
            t.endswith("了", 0, i)
            or t.endswith(_DURATION_VERBS, max(0, i - 3), i)
            or t.endswith(_RESULT_BEFORE, max(0, i - 3), i)
        )

    def _reduplicated(self, s: int, e: int) -> bool:
        """一 and its measure word written twice in a row (一秒一秒, 一步一步): an adverb of
        manner, "one by one"."""
        t, span = self.t, self.t[s:e]
        return t.startswith(span, e) or (s >= len(span) and t.startswith(span, s - len(span)))

    def _only_before_noun(self, s: int, end: int) -> bool:
        """仅有成龙一人, 只有廖莹一人，: an "only" word (data/only_words.tsv) a few words before
        the noun, and 一 with its measure word after the noun, ending the clause: a count of
        one. (只 after a numeral is a measure word, 两只基金, not "only".)"""
        t = self.t
        if not (end >= len(t) or t[end] in _CLAUSE_END):
            return False
        if s == 0 or not _CJK.match(t[s - 1]) or t[s - 1] in _NOT_POSTPOSED_BEFORE:
            return False
        head = _CLAUSE_TAIL_RE.search(t, max(0, s - 14), s)
        if head is None:
            return False
        for word in _ONLY_WORDS:
            i = head.group(0).find(word)
            at = head.start() + i
            if i >= 0 and at + len(word) < s and t[at - 1 : at] not in _NUMERAL_BEFORE_ONLY:
                return True
        return False

    def _counted_beside(self, s: int, end: int, unit: str) -> bool:
        """Another count with the same measure word in the sentence, a few words before or
        after (吃了两次饭，流了一次眼泪; 两种导弹，一种巡航导弹; 领先一场球，领先两场球): 一 is then
        one item of a contrast or a list of counts, not the article "a"."""
        t = self.t
        if unit == "个" or t.endswith(("没有", "无", "没"), max(0, s - 2), s):
            return False  # 个 counts anything; 没有一次 is "never", an idiom
        if (s > 0 and t[s - 1] in _NOT_POSTPOSED_BEFORE) or not _CJK.match(t[end : end + 1] or " "):
            # 这是一场硬仗: a particle takes 一 as "a"; 再看一次！: at the end of a clause 一 and
            # its measure word are an adverb ("once more"), with no noun counted.
            return False
        head = t[max(0, s - _BESIDE) : s]
        head = head[max(head.rfind(ch) for ch in _SENTENCE_ENDS) + 1 :]
        tail = t[end : end + _BESIDE]
        cut = [i for i in (tail.find(ch) for ch in _SENTENCE_ENDS) if i >= 0]
        tail = tail[: min(cut)] if cut else tail
        other = re.compile(r"(?<![第每一\d])(?:[两二三四五六七八九十]+|\d+)" + re.escape(unit))
        return bool(other.search(head) or other.search(tail))

    def _index_points(self, s: int, n: str) -> bool:
        """N点 as points of an index (沪指下跌24点, 收于2245点), not a clock time (上午10点,
        18点下班) nor 一点 "a little": a cue before it (data/index_point_cues.tsv) or a value
        no clock has."""
        if not n[0].isdigit():
            return False
        clause = _CLAUSE_TAIL_RE.search(self.t, max(0, s - 12), s)
        head = clause.group(0) if clause else ""
        if any(w in head for w in _POINT_CLOCK):
            return False
        return any(w in head for w in _POINT_INDEX) or float(n.replace(",", "")) > 24

    def _point_count(self, s: int, e: int) -> bool:
        """N点 as the points of a device (9点自动对焦, 10点触控: data/point_count_words.tsv),
        unless a word of a clock time stands before it (早上9点)."""
        if not _POINT_COUNT_RE.match(self.t, e):
            return False
        clause = _CLAUSE_TAIL_RE.search(self.t, max(0, s - 12), s)
        head = clause.group(0) if clause else ""
        return not any(w in head for w in _POINT_CLOCK)

    def _not_score(self, s: int, e: int) -> bool:
        t = self.t
        after = t[e : e + 3]
        if _GAME_CLOCK_RE.match(after) or re.match(r"之[一二两三四五六七八九十\d]", after):
            return True
        core = t[s:e]
        if after.startswith(("半", "钟")):
            return True  # 三分半钟: a time
        if core.startswith("三分") and not _SCORE_VERB_RE.search(t, max(0, s - 2), s):
            return True  # 三分命中, 打三分得手: the three-point shot, not three points
        # 十分重要, 十分“男性化”: "very", not ten points.
        return bool(
            core.startswith("十分") and after[:1] and (_CJK.match(after[:1]) or after[0] in "“「『")
        )

    def _lookalike(
        self, s: int, e: int, n: str, scale: str | None, unit: str, post: str | None, p_word: str
    ) -> tuple[str, float] | None:
        """Decide whether a single quantity is a claim candidate: (rule, confidence) or None."""
        t = self.t
        before1 = t[s - 1 : s] if s > 0 else ""
        after = t[e : e + 3]
        is_cn = not n[0].isdigit()
        currency = _BARE_CURRENCY_RE.search(t, max(0, s - 5), s) is not None  # RMB 3999
        if _LATIN_BEFORE.search(before1) and not currency:
            return None  # T900, H1N1
        if _mixed_numeral(t, s):
            return None  # 二0一五年: a year written in digits of both scripts
        if (
            not is_cn
            and len(n) > 1
            and n[0] == "0"
            and n[1].isdigit()
            and not (
                len(n) == 2
                and unit in ("秒", "秒钟")
                and _MINUTES_BEFORE_RE.search(t, max(0, s - 4), s)
            )
        ):
            return None  # 0052, 002243: codes and phone numbers (2分05秒 is a time taken)
        if re.search(r"\d[-/:：+]$", t[max(0, s - 2) : s]):
            return None  # the tail of 400-0052-500, 2010/05, 9:30 or 12+5
        if (
            _LATIN_WORD_GAP_RE.search(t, max(0, s - 2), s)
            and not currency
            and not _SIZE_BEFORE_RE.search(t, max(0, s - 8), s)
        ):
            return None  # USB 2.0, Touch 3, Power 470: a model or version (not 8GB 1350元)
        lat = _LATIN_AFTER.match(after)
        if lat and lat.group(0) not in LATIN_UNITS and not unit:
            return None  # 720P, 66B
        if unit and unit.isascii() and unit.isalpha() and _LATIN_AFTER.match(after):
            return None
        if unit and unit.isascii() and unit.isalpha() and t[e : e + 1].isdigit():
            return None  # 1V1, 3D2: a Latin unit with a digit after it names a format
        if (
            unit == "G"
            and n in ("2", "3", "4", "5")
            and not t.startswith(_MEMORY_AFTER, e)
            and not any(w in t[max(0, s - 4) : s] for w in _MEMORY_BEFORE)
        ):
            return None  # 3G手机, 4G网络: a network generation, not a memory size
        if unit == "g" and (n in ("2", "3", "4", "5") or after[:1] in (".", "/", "-", "_")):
            return None  # 3G networks, 3g.example.com: not grams
        if t[e : e + 1] in _NAME_SUFFIXES and not unit:
            return None  # 00后, 九价, 三甲: a name or a class
        if (
            before1 == "第"
            or (before1 == "周" and is_cn)
            or t[max(0, s - 2) : s] in ("星期", "礼拜")
        ):
            return None
        if _RANK_RANGE_HEAD_RE.search(t, max(0, s - 8), s):
            return None  # 第4----10名, 第11～50名: the upper end of a range of ranks, no count
        if before1 == "每":
            return None  # base of a ratio: 每10股派1.2元
        if (
            n == "一"
            and before1 in "上下"
            and (s < 2 or t[s - 2] in _NEXT_PERIOD_BEFORE)
            and kind_of(unit) == "duration"
        ):
            return None  # 比上一年, 在下一个月: the period before or after (花上一年 counts)
        if before1 and (
            (before1 in "这那此" and (is_cn or t.find(t[s:e], 0, s) >= 0))
            or (is_cn and before1 == "前")
        ):
            # 这两场; 躺了3个月…这3个月 (an Arabic number repeated after 这: what was said);
            # 前十大 (a scope). 这3起疑似感染 with no 3起 before is a count.
            return None
        if (
            is_cn
            and n == "一"
            and p_word not in _ONE_PREFIXES
            and unit not in ("倍", "成")
            and not self._one_is_a_count(s, unit, post)
        ):
            return None  # 一 as the article "a": 一次, 一个, 一节 (but 逾一年)
        if is_cn and n == "一" and unit and self._reduplicated(s, e):
            return None  # 一秒一秒地流逝, 一步一步: "one by one", no count
        if is_cn and (n in _NUMERAL_IDIOMS or n[-1] + after[:1] in _NUMERAL_IDIOMS):
            return None  # 亿万手机用户, 万千: "countless", not a number
        if is_cn and n == "二" and not p_word:
            return None  # counts use 两 (两次); 二次, 二手 are words
        if (
            is_cn
            and unit in CN_EXCLUDED_UNITS
            and len(n) == 1
            and p_word not in _SCALE_ONLY_PREFIXES
            and not (p_word and n in "百千万亿")
            and not _occasions(t, s, e, n, unit)
        ):
            return None  # 二手, 三方, 十字 (but 一万余方, 数百字, 近千条 count)
        if is_cn and len(n) >= 2 and all(ch in CN_DIGITS for ch in n):
            if not unit.startswith("年"):
                return None  # 二三线 and the like: digit strings in words
            if len(n) > 2 or CN_DIGITS[n[1]] != CN_DIGITS[n[0]] + 1:
                return (
                    None  # 九一年, 二〇〇八年: a year written digit by digit (三四年 is 3-4 years)
                )
        if not unit:
            if is_cn and n[0] in "百千万亿" and not p_word and not post:
                return None  # 万一 "in case", 千万 "by all means" (but 百万上下 is a number)
            if scale or (is_cn and any(ch in "万亿" for ch in n)):
                if _YEAR_RE.search(n) and not scale:
                    return None
                return "bare.scaled", 0.6
            if (
                not is_cn
                and _PRICE_BEFORE_RE.search(t[max(0, s - 4) : s])
                and not t.startswith(("日", "号"), e)  # 股价22日收涨: a day, no price
            ):
                return "money.bare_price", 0.55
            hint = _BARE_UNIT_HINT_RE.search(t[max(0, s - 6) : s]) if "," in n else None
            if hint and _HINT_UNIT.get(hint.group(1)):
                # 求诊人次约5,600, 人口12,345: a count whose unit the word before it names (a
                # number written with thousands commas, no year or code).
                return "count.hinted", 0.6
            if (
                not is_cn
                and n.isdigit()
                and len(n) >= 2
                and not t[e : e + 1].isdigit()
                and _MODEL_PRICE_RE.search(t, max(0, s - 16), s)
            ):
                return "money.model_price", 0.55  # 松下FZ35仅2680: a product's price
            if (
                not is_cn
                and _RATIO_NAME_BEFORE_RE.search(t, max(0, s - 8), s)
                and not t.startswith(("日", "月", "号"), e)  # 汇率10日触及…: a date
            ):
                return "ratio.bare", 0.55  # 容积率仅1.1: a ratio's value
            if (
                not is_cn
                and n.isdigit()
                and t.endswith(_BARE_RANK_VERBS, 0, s)
                and (e == len(t) or t[e] in _CLAUSE_END)
            ):
                return "rank.bare", 0.6  # 规模378亿元、排名20，: a rank with no 第
            if not is_cn and _BARE_CURRENCY_RE.search(t, max(0, s - 5), s):
                return "money.bare_currency", 0.6  # 人民币2999, RMB 3999
            return None
        if unit == "年":
            if not scale and not is_cn and (_YEAR_RE.fullmatch(n) or _EARLY_YEAR_RE.fullmatch(n)):
                return None  # 2008年, 08年, 1588年 (but 1000年, 1900年前: round, a span)
            if (t[e : e + 1] and t[e] in "代底初末中级") or (
                re.match(r"\d", t[e : e + 1])
                and not _MONTHS_AFTER_RE.match(t, e)
                and not _AMOUNT_AFTER_RE.match(t, e)
            ):
                # 2008年8月 (but 6年8个月: years and months; 5年3500万美元: a contract's term
                # and its amount)
                return None
            if _MONTH_AFTER_RE.match(t, e):
                return None  # (二〇〇)九年六月十九日: the year of a date, not nine years
        if unit in ("楼", "号"):
            return None
        if self._quotation_length(s, e, n, unit):
            return None  # 用两个字表示, 可用12字形容: the length of a quotation
        if unit == "度" and t.endswith(_COORDINATE_WORDS, max(0, s - 3), s):
            return None  # 北纬23.7度: a position
        if unit == "点" and not self._index_points(s, n) and not self._point_count(s, e):
            return None
        kind = kind_of(unit)
        if kind == "age":
            if post and post.endswith(("以上", "以下")):
                return None  # 60岁及以上: a criterion
            if re.match(r"(?:以上|以下|及以上|以内)", after):
                return None
            if re.search(r"(?:满|年满|未满|超过|不满)$", t[max(0, s - 2) : s]) and (
                "平均" not in t[max(0, s - 10) : s]
            ):
                return None  # 年满18岁 (but 平均年龄不超过30岁 is a statistic)
            if t.startswith(("前", "之前"), e):
                return None  # 希望40岁前当爸爸: a moment in a life, not an age
        if (
            kind == "duration"
            and not post
            and self._duration_condition(e, s)
            and (not p_word or self.t.startswith(("以来", "来"), e))
        ):
            return None
        if kind == "duration" and unit in ("天", "周", "年") and s > 0 and t[s - 1] in "前后":
            return None
        if kind == "duration" and _WAIT_AFTER_RE.match(t, e) and _at_clause_start(t, s, p_word):
            return None  # ，3个月后，他…: at the head of a clause it dates what follows
        if kind == "duration" and _NTH_PERIOD_BEFORE_RE.search(t, max(0, s - 5), s):
            return None  # 本世纪的第一个10年, 第二个五年: a period named by its place
        if kind == "duration" and _RELATIVE_AFTER_RE.match(t, e + (t[e : e + 1] in ("多", "余"))):
            return None  # 35年前, 三天后, 两年多前: a point in time relative to now
        if unit == "个" and _SEASONS_FRAME_RE.match(t, e):
            return None  # 2个赛季之前, 近两个赛季中: a time (timex._SPAN), not seasons counted
        if kind == "duration" and t.startswith("间", e) and not t.startswith("间隔", e):
            return None  # 在短短的3年间, 一年间: the frame of what is told, not a measured span
        if unit in ("秒", "秒钟") and self._clock_seconds(s):
            return None  # 进行到7分25秒: the seconds of a clock time written in minutes
        if unit in ("秒", "秒钟", "分钟") and _GAME_CLOCK_BEFORE_RE.search(t, max(0, s - 8), s):
            return None  # 还剩7.5秒, 终场前15秒: a moment on a game clock
        if (
            unit == "年"
            and not is_cn
            and not p_word
            and not post
            and _TWO_DIGIT_YEAR_RE.fullmatch(n)
            and not t.startswith(_DURATION_NOUNS, e)
        ):
            return None  # 从97年企业创立以来: a year of the last century, written short
        rule = {
            "money": "money.scaled" if scale else "money",
            "percent": "percent",
            "count": "count.measure",
            "duration": "duration",
            "age": "age",
            "area": "area",
            "weight": "weight",
            "length": "length",
            "score": "score.points",
        }.get(kind, "unit.other")
        conf = 0.9 if kind in ("money", "percent") else 0.8
        if is_cn:
            conf -= 0.1
        if p_word or post:
            conf = min(conf + 0.05, 0.95)
        return rule, conf


_CN_ZERO_DIGITS = frozenset("零〇一二三四五六七八九")


def _is_year_number(n: str) -> bool:
    """Four Arabic digits read as a year (1800-2099, or an earlier year that is not a round
    number of centuries: 1588)."""
    return bool(_YEAR_RE.fullmatch(n) and len(n) == 4) or bool(_EARLY_YEAR_RE.fullmatch(n))


def _mixed_numeral(t: str, s: int) -> bool:
    """A number right after a digit of the other script (二0一五年, 二〇一0年): a piece of a
    year or a code written in Arabic and Chinese digits at once, never a quantity."""
    k = s
    while k > max(0, s - 8) and (t[k - 1] in _CN_ZERO_DIGITS or "0" <= t[k - 1] <= "9"):
        k -= 1
    if k == s:
        return False
    run = t[k : s + 1]
    # A year has a zero (二0一五, 二〇一0); 六6万 is a slip before a real amount.
    return (
        any("0" <= ch <= "9" for ch in run)
        and any(ch in _CN_ZERO_DIGITS for ch in run)
        and any(ch in "0〇零" for ch in run)
    )


def find_quantities(
    norm: str,
    blocked: list[tuple[int, int]] | None = None,
    lookalikes: bool = True,
    soft: Collection[str] = (),
) -> list[Mention]:
    """Find every quantity mention of a normalised text, look-alikes already dropped.

    Args:
        norm: the text after ``str.translate(FULLWIDTH)``.
        blocked: spans no quantity may overlap (time expressions such as 4月26日).
        lookalikes: drop look-alikes (phone numbers, years, criteria, 一 as an article);
            False keeps every quantity, for a span a reviewer selected by hand.
        soft: rules of context (:data:`extractor.lookalike.CUES`) that mark a mention
            (its ``cue``) instead of dropping it.

    Returns:
        Mentions sorted by start offset; spans never overlap.
    """
    f = _Finder(norm, blocked or [], lookalikes)
    f.specials()
    f.ordinals()
    f.firsts()
    f.main()
    f.runs()
    f.out.sort(key=lambda m: m.start)
    _negatives(norm, f.out)
    if lookalikes:
        kept = _drop_in_context(norm, f.out, soft)
        _distant_bounds(norm, kept)
        _more_after_unit(norm, kept)
        return kept
    return f.out


#: A word of a bound (data/bound_words.tsv) earlier in the clause of a number, with no stop and
#: no other number between (至少被改编了10次, 不低于基金资产净值的80%).
_BOUND_WORDS = {r[0]: r[1] for r in table("bound_words")}
_DISTANT_BOUND_RE = re.compile(
    "(?P<w>"
    + "|".join(sorted(_BOUND_WORDS, key=len, reverse=True))
    + ")[^，。；！？,;!?\n：:0-9零〇一二两三四五六七八九十百千万亿]{0,12}$"
)


#: 多 and 余 after a share, a size or a scaled amount (GUIDELINE: 余, 多 -> >).
_MORE_AFTER = ("多", "余")
#: The words 多 and 余 open after a quantity, where they say no "more than" (余款, 多元化).
_MORE_OPENS = {"余": "款额粮", "多": "元样种项"}


def _more_after_unit(t: str, out: list[Mention]) -> None:
    """三成多, 两米余, 2%多一点, 5千多: 多 or 余 right after the unit of an exact quantity
    makes it more than that, and joins its surface. Counts are left alone, where 多 opens the
    next word (4种多功能, 十所多波束)."""
    for i, m in enumerate(out):
        if m.qualifier != "=" or m.kind == "count" or m.value is None or m.value_max is not None:
            continue
        if not t.startswith(_MORE_AFTER, m.end):
            continue
        if t[m.end + 1 : m.end + 2] in _MORE_OPENS.get(t[m.end], ""):
            continue  # 13万元余款, 余额: the balance; 3亿元多元化: a word of its own
        if i + 1 < len(out) and out[i + 1].start <= m.end:
            continue
        m.qualifier = ">"
        m.end += 1


def _distant_bounds(t: str, out: list[Mention]) -> None:
    """An exact quantity (qualifier =) whose clause holds a word of a bound a few words before
    it (or right before it, where qualifiers.tsv has no such word: 差不多5万元, 不得小于50毫米)
    takes that word's qualifier: 至少被改编了10次 is at least 10 times, 不超过基金资产净值的
    3% at most 3 %. Ranks are left alone (至少排名第三 bounds no rank's value)."""
    for m in out:
        if m.qualifier != "=" or m.rule.startswith("rank") or m.value is None:
            continue
        b = _DISTANT_BOUND_RE.search(t, max(0, m.start - 16), m.start)
        if b is not None:
            m.qualifier = _BOUND_WORDS[b.group("w")]


#: What may stand before the minus sign of a negative amount (净额为-1.35亿元, 利润：-2000万元): a
#: copula, a colon, an opening bracket, a comma or a space; never a digit or a letter (3-5万元
#: is a range, T-5 a code) and never a word (2万-3万元 is a range too).
_NEGATIVE_AFTER = frozenset("为是：:（(，,、 \t")


def _negatives(t: str, out: list[Mention]) -> None:
    """A minus sign right before a number that starts its mention makes the amount negative:
    the sign joins the mention (净额为-1.35亿元 is -135,000,000 元). Shares have their own
    rule (``percent.negative``), which already holds the sign."""
    for i, m in enumerate(out):
        s = m.start
        if (
            s >= 2
            and t[s - 1] == "-"
            and t[s - 2] in _NEGATIVE_AFTER
            and m.value is not None
            and m.value > 0
            and m.core_start in (-1, s)
            and (i == 0 or out[i - 1].end < s - 1)
        ):
            m.start -= 1
            m.core_start = m.start
            m.value = -m.value
            if m.value_max is not None:
                m.value_max = -m.value_max


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """True when ``pos`` lies in one of ``spans`` (sorted, non-overlapping; ``starts`` are
    their starts): a binary search, so the cost does not grow with the number of spans."""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _question_spans(t: str) -> list[tuple[int, int]]:
    """The sentences of ``t`` that ask about their numbers: they end with a question mark and
    hold a question word (data/question_words.tsv); one pass over the text."""
    if "？" not in t and "?" not in t:
        return []
    out = []
    prev = 0
    for m in _SENTENCE_END_RE.finditer(t):
        if "？" in m.group(0) or "?" in m.group(0):
            sentence = t[prev : m.start()]
            first = min(
                (i for i in (sentence.find(w) for w in _QUESTION_WORDS) if i >= 0), default=-1
            )
            if first >= 0:
                # The question runs from the clause of its first question word: a clause
                # before it states its numbers (命中率达到56.9%，你能相信这是…吗？).
                opener = max(sentence.rfind(c, 0, first) for c in "，,；;：:")
                out.append((prev + opener + 1, m.start()))
        prev = m.end()
    return out


def _in_idiom(t: str, m: Mention) -> bool:
    """千篇一律, 货比三家, 3位1体: the number stands inside an idiom (data/numeral_chengyu.tsv)."""
    for im in _CHENGYU_RE.finditer(t, max(0, m.core_start - 8), m.end + 8):
        if im.start() < m.end and im.end() > m.core_start:
            return True
    return False


#: A negation earlier in the clause (没有100%康复, 不能做到100分, 没有人能100%保证).
_NEGATION_BEFORE_RE = re.compile(
    r"(?:没有|没能|不能|未能|无法|不可能|不会|并非|不是|并不)[^，。；！？!?;\d]{0,6}$"
)


def _figure_of_speech(t: str, m: Mention) -> bool:
    """开心10倍, 180度转变, 一百个放心: a figure of speech (data/figure_of_speech.tsv); a full
    100% or 100分 denied (我没有100%康复, 行动不能做到100分) says "not entirely", no figure."""
    if (
        m.value == 100
        and m.unit in ("%", "分")
        and _NEGATION_BEFORE_RE.search(t, max(0, m.start - 10), m.start)
    ):
        return True
    unit = t[m.core_start : m.end][-1:]
    before = _FIGURE_BEFORE.get(unit)
    if before:
        head = t[max(0, m.start - 6) : m.start].rstrip("了得地")
        if head.endswith(before):
            return True
    after = _FIGURE_AFTER.get(unit)
    if after:
        tail = t[m.end : m.end + 6]
        tail = tail[1:] if tail.startswith("的") else tail
        if tail.startswith(after):
            return True
    return False


def _bracket_of_distribution(t: str, m: Mention) -> bool:
    """月收入6000~10000元/月的占10.1%; 30岁以下的占四成; (含20000元): the bound of a bracket
    whose share is the fact, not a fact of its own."""
    if _BRACKET_SHARE_RE.match(t, m.end):
        return True
    return t.endswith(("(含", "（含"), max(0, m.start - 2), m.start)


_DENOMINATION_NOUNS = tuple(words("denomination_nouns"))
_NEXT_AMOUNT_RE = re.compile(r"(?:或|和|、)\d+(?:\.\d+)?[万亿]?元")
_SHARE_IN_CLAUSE_RE = re.compile(r"\d%|[一二三四五六七八九]成")


def _denomination(t: str, m: Mention) -> bool:
    """50元充值卡, 五百万元彩票: an amount right before a product it is the face value of
    (data/denomination_nouns.tsv) names the product."""
    if m.kind != "money":
        return False
    nxt = _NEXT_AMOUNT_RE.match(t, m.end)  # 50元或100元充值卡: each item of the list
    return t.startswith(_DENOMINATION_NOUNS, nxt.end() if nxt else m.end)


def _bracket_after_share(t: str, m: Mention) -> bool:
    """其中，29.0%每月给1000元以下; 81%的受访者表示月收入在6000元以下: a bound with 以上 or
    以下 after a share in its clause is the bracket the share is about, not a fact."""
    if not t.endswith(("以上", "以下"), m.start, m.end):
        return False
    if m.unit == "%" and _CHANGE_TO_BEFORE_RE.search(t, max(0, m.start - 4), m.start):
        return False  # 从20%提高到35%以上: the share a change reached, a fact
    head = _CLAUSE_TAIL_RE.search(t, max(0, m.start - 20), m.start)
    return head is not None and _SHARE_IN_CLAUSE_RE.search(head.group(0)) is not None


#: A verb of change to a level right before a number (提高到, 升至, 降到).
_CHANGE_TO_BEFORE_RE = re.compile(r"[高升降增减涨跌回]\w?(?:到|至)$")


def _list_summary(t: str, m: Mention) -> bool:
    """广州、台北、上海三座城市; A、B两只基金: a count in Chinese numerals right after the list
    it sums up (as many items as the count, no 等 "and others") repeats the list, it claims
    nothing new."""
    if m.kind != "count" or m.value is None or not _CJK_NUMERAL_START_RE.match(t, m.start):
        return False
    head = _CLAUSE_TAIL_RE.search(t, max(0, m.start - 40), m.start)
    if head is None:
        return False
    if m.value == 2 and _PAIR_SUMMARY_RE.search(head.group(0)):
        return True  # 认购瑞福优先和瑞福进取两个产品: the two just named
    if "、" not in head.group(0):
        return False
    items = head.group(0).rstrip('”"」』')
    if not items or not _CJK.match(items[-1]) or items.endswith(("等", "和", "及", "与")):
        return False
    return len(_LIST_ITEM_SEP_RE.split(items)) == m.value


def _reference_count(t: str, m: Mention) -> bool:
    """，两人在合作中; 与两位男主演; 尽管三人的组合: two or three people written in Chinese
    numerals at the start of a clause or after a word that takes a known party
    (data/reference_words.tsv) refer to people already named."""
    if m.unit not in ("人", "位") or m.value is None or m.value > 3 or m.start != m.core_start:
        return False
    if not _CJK_NUMERAL_START_RE.match(t, m.start):
        return False
    before = t[max(0, m.start - 2) : m.start]
    if m.unit == "人" and not t.startswith(("的", "之间", "在", "都", "也"), m.end):
        return False
    return not before or before[-1] in _CLAUSE_END or before.endswith(_REFERENCE_WORDS)


def _condition_after(t: str, m: Mention) -> bool:
    """45级时可以…, 60级的时候, 55级以后: the quantity sets the moment another statement
    holds (data/condition_after.tsv), not a fact; so does a level followed by what reaching
    it brings (升到60级将获得, 35级可用: data/level_condition_words.tsv). An age is a fact about
    a person at a moment (他40岁时离开): it stays."""
    if m.kind == "age":
        return False
    if m.kind == "duration" and _WAIT_AFTER_RE.match(t, m.end):
        # 超过时限1小时之后，系统会…: a duration before 后 measures a wait, a fact (at the
        # head of a clause, dating what follows, the finder has left it out already).
        return False
    for word, but in _CONDITION_AFTER:
        if t.startswith(word, m.end) and not t.startswith(but, m.end):
            return True
    # 升到60级将获得, 转生1级就能用, 四十级之前: a level reached as a step or a moment
    # (data/level_condition_words.tsv).
    if m.unit != "级":
        return False
    return t.startswith(_LEVEL_CONDITION_WORDS, m.end) or bool(
        _LEVEL_REQUIREMENT_RE.search(t, max(0, m.start - 10), m.start)
    )  # 等级限制是：35级, 建议玩家15级 (data/level_requirement_words.tsv)


#: What follows the number of a congress's sitting (十二届全国人大五次会议, 三次全会).
_SESSION_RE = re.compile(r"(?:会议|全会|全体会议)")


def _occasion(t: str, m: Mention) -> bool:
    """纪念辛亥革命一百周年, 庆祝国庆六十周年, 六十周年献礼: an anniversary that names the
    occasion being marked (data/occasion_words.tsv) rather than a measured duration."""
    if m.unit != "周年":
        return False
    if t.startswith(_OCCASION_WORDS, m.end + 1 if t.startswith("的", m.end) else m.end):
        return True  # 一百周年献礼, 100周年的纪念献礼
    before = _CLAUSE_TAIL_RE.search(t, max(0, m.start - 12), m.start)
    if before is not None and _YEAR_IS_RE.search(before.group(0)):
        return True  # 2011年是辛亥革命的100周年: the year an anniversary falls in
    return before is not None and any(w in before.group(0) for w in _OCCASION_WORDS)


def _time_frame(t: str, m: Mention) -> bool:
    """过去2年, 未来的两个月, 近3年来: a duration that frames another statement; 历时近3年
    (a verb that measures a duration before it) is a fact."""
    before = t[max(0, m.start - 5) : m.start]
    if before.endswith("的"):
        before = before[:-1]
    if before.endswith(_FRAME_ALWAYS):
        return True
    prefix = t[m.start : m.core_start]
    # A bare 内 read into the surface (3年内: <=) is read here as the span word it is.
    end = m.end - 1 if _bare_within(t, m) else m.end
    if t.startswith(_DURATION_NOUNS, end):
        return False  # 已有近百年历史: the age of something, not a frame
    if prefix in _FRAME_AFTER or before.endswith(_FRAME_AFTER):
        head = t[max(0, m.start - 4) : m.start]
        if head.endswith("了"):
            # 空置了近1年, 制作了近30分钟的动画: a verb done for so long, a fact (做了近3年来…
            # still frames).
            return bool(_FRAME_END_RE.match(t, end)) and not t.startswith("的", end)
        return not head.endswith(_DURATION_VERBS) or bool(_FRAME_END_RE.match(t, end))
    # 1个月内11连胜, 15年间增加了43倍, 两队四天内第二次交锋, 两年平均增长5.1%: a span in which
    # (or over which) another figure is counted frames it (四年中每月只付200元 is rare against
    # them).
    return bool(_WITHIN_RE.match(t, end)) and bool(_FRAMED_FIGURE_RE.match(t, end))


def _bare_within(t: str, m: Mention) -> bool:
    """Whether a span's surface ends in a bare 内 (6分钟内, 3年内), not 以内 or 之内."""
    return (
        m.kind in ("duration", "length")
        and t.endswith("内", m.start, m.end)
        and not t.endswith(("以内", "之内"), m.start, m.end)
    )


def _criterion(t: str, m: Mention) -> bool:
    """不足两年, 未满18岁, 90平米以下住房, 16岁至25岁人群: a condition a rule applies to, or a
    group it names, not a fact."""
    if m.kind == "age" and m.value_max is not None:
        nxt = t[m.end + 1 : m.end + 2] if t.startswith("的", m.end) else t[m.end : m.end + 1]
        if nxt and _CJK.match(nxt):
            return True  # 16岁至25岁人群, 18—25岁的年轻女性: a range of ages names a group
    if m.kind in ("duration", "age"):
        prefix = t[m.start : m.core_start]
        if prefix in _CRITERION_WORDS or t[max(0, m.start - 2) : m.start].endswith(
            _CRITERION_WORDS
        ):
            return True
    if (
        m.kind in _CRITERION_KINDS
        or m.kind == "money"
        or (m.kind == "score" and not t.endswith(_HOLDING_WORDS, 0, m.start))
    ) and t.endswith(("以上", "以下"), m.start, m.end):
        nxt = t[m.end : m.end + 1]
        # 90平米以下住房, 60岁以上老人, 1000万元以上的项目, 600分以上的考生: the quantity names
        # a class (拥有100分以上的托福成绩 is held: a fact).
        if nxt and _CJK.match(nxt) and nxt not in _CRITERION_FREE_AFTER:
            return True
    # 需缴存公积金6个月以上, 凡居留8年以上: the bar a rule sets.
    return (
        m.kind not in ("percent", "money")
        and t.endswith("以上", m.start, m.end)
        and _REQUIREMENT_BEFORE_RE.search(t, max(0, m.start - 10), m.start) is not None
    )


#: A relative clause that a count stands in, closed by 的 and a noun of the size or share of
#: the group it defines (已接种两剂疫苗的人数: data/set_size_nouns.tsv).
_SET_SIZE_AFTER_RE = re.compile(
    r"[^，。；！？、,;!?\n的]{0,8}的(?:"
    + "|".join(sorted(words("set_size_nouns"), key=len, reverse=True))
    + ")"
)


#: A foul or another called event of play a few characters after 一次 (一次技术犯规, 一次掩护
#: 进攻犯规: data/foul_words.tsv).
_FOUL_AFTER_RE = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:" + "|".join(words("foul_words")) + ")")


#: Comparison words right before a round amount made of scale words only (超千万, 过亿,
#: 突破亿元): the bar of a class (data/scale_threshold_words.tsv).
_SCALE_THRESHOLD_WORDS = frozenset(words("scale_threshold_words"))
#: A count of a class earlier in the clause (有18个品牌…, 第15个常住人口…): the class a bar
#: after it picks.
_CLAUSE_COUNT_RE = re.compile(
    r"(?<![一二两三四五六七八九十百千])(?:\d+|[两三四五六七八九十百千]+)"
    r"(?:个|家|只|款|座|名|位|所|项|种|部|辆|户)(?![月小星])[^，。；！？、,;!?\n]*$"
)


def _scale_threshold(t: str, m: Mention) -> bool:
    """有18个品牌成交额过亿, 第15个常住人口超千万的城市: a round amount written with scale
    words only (千万, 亿, 万亿元) after a comparison word (data/scale_threshold_words.tsv), in
    a clause that counts a class before it, is the bar that picks the class (the count is the
    claim), not a fact. 一个月点击突破千万 counts no class (一 is the article); what
    something has or reached (data/holding_words.tsv) stays a fact, and so does a bar with
    digits (超过1.2亿) or one with no count before it (过万元的酒店, 单日销量过亿)."""
    if m.core_start <= m.start or t[m.start : m.core_start] not in _SCALE_THRESHOLD_WORDS:
        return False
    core = t[m.core_start : m.end]
    k = 0
    while k < len(core) and core[k] in "百千万亿":
        k += 1
    if k == 0 or core[k:] not in ("", m.unit):
        return False
    if t.endswith(_HOLDING_WORDS, 0, m.start):
        return False
    return _CLAUSE_COUNT_RE.search(t, max(0, m.start - 20), m.start) is not None


def _team_names(t: str, mentions: list[Mention]) -> set[str]:
    """Number-and-unit surfaces that name a team somewhere in the text (76人队, 不敌76人), or
    that the text repeats three times or more as they are (a count is rarely restated so)."""
    names = set()
    seen: dict[str, int] = {}
    for m in mentions:
        if (
            m.unit == "人"
            and m.core_start == m.start
            and _TEAM_SHAPE_RE.fullmatch(t, m.start, m.end)
        ):
            core = t[m.start : m.end]
            seen[core] = seen.get(core, 0) + 1
            if seen[core] >= 3:
                names.add(core)
    for m in mentions:
        # The class of team names made of a number is "N人" (76人, 49人): a count of people
        # in form, so only a cue beside it tells the two apart.
        if m.unit != "人" or m.core_start < 0:
            continue
        core = t[m.core_start : m.end]
        if t.startswith(_TEAM_AFTER, m.end) or _TEAM_BEFORE_CUE_RE.search(
            t, max(0, m.core_start - 10), m.core_start
        ):
            names.add(core)
    return names


def _quoted_names(t: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Spans of every occurrence of a short quoted or titled name that holds a number
    (《第一大总统》, “三股势力”): the number is part of a name, wherever the name is written."""
    if not mentions or not any(q in t for q in '“"《「'):
        return []
    names = set()
    starts = [m.start for m in mentions]
    for q in _QUOTED_RE.finditer(t):
        group = "name" if q.group("name") is not None else "t"
        s, e = q.span(group)
        i = bisect.bisect_left(starts, s)
        if i < len(mentions) and mentions[i].end <= e:
            names.add(q.group(group))
    if not names:
        return []
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    return [x.span() for x in pattern.finditer(t)]


def _scope_of_statistic(t: str, m: Mention) -> bool:
    """统计的227只基金中，…; 123只基金的平均仓位; 仓位最高的5只: a count that names the group
    a statistic is about rather than a fact."""
    after = t[m.end : m.end + 14]
    if _SCOPE_IN_RE.match(after) or _SCOPE_STAT_RE.match(after):
        return True
    before = t[max(0, m.start - 14) : m.start]
    if m.unit in ("连胜", "连败"):
        return False  # 赛季最长的6连胜: a streak is one record, no group
    return bool(_SUPERLATIVE_BEFORE_RE.search(before))


_THRESHOLD_COMPARE = tuple(r[0] for r in table("threshold_words") if r[1] == "compare")
_THRESHOLD_CONSEQUENCE = tuple(r[0] for r in table("threshold_words") if r[1] == "consequence")
_SENTENCE_REST_RE = re.compile(r"[^。！？；!?;\n]*")
_CONDITION_WORDS = tuple(words("condition_words"))
#: Condition words that mean "only" right before a number (只要1080元).
_CONDITION_ONLY = frozenset(r[0] for r in table("condition_words") if r[1:] == ("only",))


#: A condition word in the clause before a quantity, not inside a longer word (若干, 宛若,
#: 恍若: 若 only where it opens a condition; 主要是, 只要是: no 要是).
_CONDITION_OPENER_RE = re.compile(
    "(?<![宛恍倘如假主只就还总需])(?:"
    + "|".join(sorted(_CONDITION_WORDS, key=len, reverse=True))
    # 若不是, 如果不是, 要是没有, 若非: a counterfactual states what did happen
    + ")(?!干|不是|非|没有)"
)
#: The stretch of a clause before a quantity, an aside in brackets cut off (一旦罗斯陷入犯规危机
#: (本赛季罗斯两次六犯离场): the aside is told, not supposed).
_HYPOTHETICAL_HEAD_RE = re.compile(r"[^，。；！？,;!?\n(（]*$")


def _hypothetical(t: str, m: Mention) -> bool:
    """如果4连胜结束赛季, 若是黄蜂追得更紧…不止30分, 只要你听了10段左右的录音: a quantity in the
    clause a condition word opens (data/condition_words.tsv) is supposed, not told. 只要
    right before the quantity is "only" (报价只要1080元: a price), not a condition."""
    head = _HYPOTHETICAL_HEAD_RE.search(t, max(0, m.start - 20), m.start)
    if head is None:
        return False
    opener = _CONDITION_OPENER_RE.search(head.group(0))
    if opener is None:
        return False
    return opener.end() < len(head.group(0)) or opener.group(0) not in _CONDITION_ONLY


def _threshold(t: str, m: Mention) -> bool:
    """大于140平方米…就可划归为…, 超过60%，…才会受到损失: a quantity after a comparison word
    whose sentence goes on to a consequence (data/threshold_words.tsv), or in a clause a
    condition word opens (若费率低于0.6%: data/condition_words.tsv), is the threshold of a
    rule, not a fact; so is an amount right after 满 (购物满5000元送…, 每满1000元减200元: what a
    promotion asks, the gift after it is the fact). A duration stays (不到5分钟就能上四环: how
    long something takes)."""
    if m.kind == "duration":
        return False
    if (
        m.kind == "money"
        and m.start == m.core_start
        and t.endswith("满", 0, m.start)
        and not t.endswith(("已满", "刚满"), 0, m.start)  # 资金已满5000万元: reached, a fact
    ):
        return True
    surface = t[m.start : m.end]
    if not (
        surface.startswith(_THRESHOLD_COMPARE)
        or surface.endswith(_THRESHOLD_COMPARE)
        or t.endswith(_THRESHOLD_COMPARE, max(0, m.start - 3), m.start)
        or t.startswith(_THRESHOLD_COMPARE, m.end)
    ):
        return False
    head = _CLAUSE_TAIL_RE.search(t, max(0, m.start - 20), m.start)
    if head is not None and any(w in head.group(0) for w in _CONDITION_WORDS):
        return True  # 若费率低于0.6%，则…: the clause a condition word opens
    rest = _SENTENCE_REST_RE.match(t, m.end)
    return rest is not None and any(w in rest.group(0) for w in _THRESHOLD_CONSEQUENCE)


#: 距离2万亿元仅一步之遥, 距榜首仅差2球, 距离胜率不足五成只差一场败仗: a figure between 距/距离/离
#: and the gap still to go is a mark not yet reached (the gap after it, 2球, is the claim).
_DISTANCE_BEFORE_RE = re.compile(r"(?:距离|距|离)[^，。；！？,;!?\n]{0,10}$")
_DISTANCE_GAP_AFTER_RE = re.compile(r"(?:还|仅|只|尚|就)?(?:差(?![距别异])|一步之遥)")


def _distance_target(t: str, m: Mention) -> bool:
    """距离2万亿元仅一步之遥, 距榜首仅差2球: a mark written between 距/距离/离 and the gap
    still to go (差, 一步之遥) is not reached, so nothing is claimed of it."""
    return bool(_DISTANCE_GAP_AFTER_RE.match(t, m.end)) and bool(
        _DISTANCE_BEFORE_RE.search(t, max(0, m.start - 10), m.start)
    )


def _in_duration_list(t: str, m: Mention) -> bool:
    """一年、两年、三年的评比: a list of durations followed by 的 names classes."""
    tail = _DURATION_LIST_TAIL_RE.match(t, m.end)
    if tail is None:
        return False
    return tail.end() - m.end > 1 or bool(
        _DURATION_LIST_HEAD_RE.search(t, max(0, m.start - 12), m.start)
    )


#: Frames of a worked example or an assumed basis (以…为例, 以…计算: data/example_frames.tsv):
#: closer -> its openers; an opener is looked for back to the start of the closer's clause.
_FRAME_OPENERS: dict[str, tuple[str, ...]] = {}
for _opener, _closer in table("example_frames"):
    _FRAME_OPENERS[_closer] = (*_FRAME_OPENERS.get(_closer, ()), _opener)
_FRAME_CLOSE_RE = re.compile("|".join(sorted(_FRAME_OPENERS, key=len, reverse=True)))
#: How far back from its closer a frame's opener is looked for.
_FRAME_REACH = 60


#: Words that hold an opener without opening a frame (以来, 可以: data/frame_opener_words.tsv).
_FRAME_OPENER_WORDS = words("frame_opener_words")


def _opener_end(t: str, start: int, end: int, opener: str) -> int:
    """Where the last ``opener`` in ``t[start:end]`` that opens a frame ends (not one inside
    a word such as 以来 or 可以), or -1."""
    i = t.rfind(opener, start, end)
    while i >= 0:
        if not any(
            w.find(opener) >= 0 and t.startswith(w, i - w.find(opener)) for w in _FRAME_OPENER_WORDS
        ):
            return i + len(opener)
        i = t.rfind(opener, start, i)
    return -1


def _frame_spans(t: str) -> list[tuple[int, int]]:
    """The stretches between the opener and the closer of a frame (以|一套82平方米的住房|为例):
    the nearest opener before the closer in its clause."""
    spans = []
    for close in _FRAME_CLOSE_RE.finditer(t):
        head = _CLAUSE_TAIL_RE.search(t, max(0, close.start() - _FRAME_REACH), close.start())
        if head is None:
            continue
        opened = max(
            (
                _opener_end(t, head.start(), close.start(), w)
                for w in _FRAME_OPENERS[close.group(0)]
            ),
            default=-1,
        )
        if opened >= 0:
            spans.append((opened, close.start()))
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted and joined where they overlap (what :func:`_inside` searches)."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


@dataclass(frozen=True, slots=True)
class _Spans:
    """The spans of a document that make look-alikes of the quantities inside them."""

    hypo: list[tuple[int, int]]
    hypo_starts: list[int]
    questions: list[tuple[int, int]]
    question_starts: list[int]
    teams: set[str]
    names: list[tuple[int, int]]
    name_starts: list[int]


def _context_spans(t: str, mentions: list[Mention]) -> _Spans:
    hypo: list[tuple[int, int]] = []
    if any(w in t for w in _EXAMPLE_WORDS):
        # An example with a date (比如2009年7月5日在南京…) tells of a real event.
        # 比如/例如 most often bring a real case (例如建设银行规定首付不低于20%): its numbers
        # illustrate only when the sentence goes on to what would follow (…，将赠送; 那么).
        hypo = [
            m.span()
            for m in _HYPOTHETICAL_RE.finditer(t)
            if not _DATED_RE.match(t, m.end(1))
            and (m.group(1) not in _INSTANCE_WORDS or _THEN_RE.search(t, m.end(1), m.end()))
        ]
    if _FRAME_CLOSE_RE.search(t):
        hypo = _merged(hypo + _frame_spans(t))
    questions = _question_spans(t)
    names = _quoted_names(t, mentions)
    return _Spans(
        hypo,
        [s for s, _ in hypo],
        questions,
        [s for s, _ in questions],
        _team_names(t, mentions),
        names,
        [s for s, _ in names],
    )


def _context_cue(t: str, m: Mention, sp: _Spans) -> str | None:
    """The name of the first rule of context (:data:`extractor.lookalike.CUES`) that makes
    ``m`` a look-alike, or None."""
    if _RUN_BEFORE_RE.search(t, max(0, m.start - 3), m.start):
        return None  # 连续四次罚球命中: the length of a run is measured, never a look-alike
    if sp.names and m.kind != "percent" and m.unit != "折":
        # (A share or a discount in quotes, “首付四成”, “七折优惠”, quotes a rule, not a name.)
        i = bisect.bisect_right(sp.name_starts, m.start) - 1
        if i >= 0 and sp.names[i][0] <= m.start < sp.names[i][1]:
            return "quoted_name"
    if sp.hypo and _inside(sp.hypo, sp.hypo_starts, m.start):
        return "example"
    if sp.questions and _inside(sp.questions, sp.question_starts, m.start):
        return "question"
    if sp.teams and m.core_start >= 0 and t[m.core_start : m.end] in sp.teams:
        return "team_name"
    after = t[m.end : m.end + 14]
    if m.kind == "count":
        if _GROUP_OF_RE.match(after):
            return "group_of"  # 15人中包括五名中锋
        if _SCOPE_BEFORE_RE.search(t[max(0, m.start - 4) : m.start]) and _SCOPE_AFTER_RE.match(
            after
        ):
            return "scope_in"  # 在所有60只混合基金中位居第6名
        if m.unit in ("个", "") and (m.value or 0) <= 10 and after.startswith(_DISCOURSE_NOUNS):
            return "discourse_noun"  # 来自三个方面
        if _scope_of_statistic(t, m):
            return "scope_of_statistic"
        if _SURVEY_BEFORE_RE.search(t, max(0, m.start - 5), m.start):
            return "survey_sample"  # 采访了20名消费者: the sample of a survey
        if _SET_SIZE_AFTER_RE.match(t, m.end) and not t.endswith(_HOLDING_WORDS, 0, m.start):
            return "criterion_class"  # 已接种两剂疫苗的人数: the count defines the group
    is_rank = m.rule in ("rank.ordinal", "rank.top")
    if m.unit in ("mm", "毫米") and _LENS_APERTURE_RE.match(t, m.end):
        return "lens_name"  # 15-85mm f/3.5-5.6镜头: a lens, named by its focal lengths
    if m.end > m.core_start and t.startswith(_NUMBER_NAME_WORDS, m.end - 1):
        return "number_name"  # 20国集团, 5人制足球: a name made of a number
    if (is_rank or (m.unit in _RANK_RANGE_UNITS and m.value_max is not None)) and (
        _PRIZE_AFTER_RE.match(t, m.end)
    ):
        # 第一名：奖励现金1000元, 三至七名玩家可得到…: a slot of a prize table
        return "prize_slot"
    if is_rank and (
        _RANK_GOAL_AFTER_RE.match(t, m.end)
        or _RANK_GOAL_BEFORE_RE.search(t, max(0, m.start - 10), m.start)
    ):
        return "rank_goal"  # 力争西部第二, 西部第二争夺战: a goal, not a standing
    cond = _RANK_CONDITION_RE.match(t, m.end) if is_rank else None
    if (
        cond
        and not t.startswith(_RANK_NOUNS, cond.end())
        and not (
            m.rule == "rank.ordinal" and _RANK_BEFORE_RE.search(t, max(0, m.start - 12), m.start)
        )
    ):
        # 第一名的友友将获得…: a rank as a condition (以第11名的成绩 is a rank, and so is
        # 销量第一的企业 or 排在第二名的是…: a rank verb or field before it; 排名前五位的基金
        # names a group).
        return "rank_condition"
    if _CODE_AROUND_RE.match(t, m.end) or _CODE_BEFORE_RE.search(t, max(0, m.start - 2), m.start):
        return "phone_code"  # 400-650-6628: a phone number
    if (
        after.startswith("的")
        and (m.kind in _CRITERION_KINDS or m.kind == "percent")
        and not t.endswith(_HOLDING_WORDS, 0, m.start)
        and not (m.kind == "percent" and _at_clause_start(t, m.start, ""))
        and not (is_rank and _RANK_ADJACENT_RE.search(t, max(0, m.start - 6), m.start))
        and (
            _CRITERION_BEFORE_RE.search(t, max(0, m.start - 10), m.start)
            or t[m.start : m.core_start] in _CRITERION_PREFIXES
        )
    ):
        # 不少于建筑面积100万平方米的项目, 幅度在5%以上的基金 (a share opening its clause is the
        # share of a population: ，超过七成的人手里有了闲钱)
        return "criterion_class"
    if not is_rank and _HEADLESS_CLASS_RE.match(t, m.end):
        return "criterion_class"  # 8毫米厚的多用作推拉门: a headless phrase names a class
    if m.kind == "duration" and _in_duration_list(t, m):
        return "duration_list"  # 银河一年、两年、三年的星级评比: periods that name classes
    if _scale_threshold(t, m):
        return "bound_class"  # 有18个品牌成交额过亿: the bar of the class counted
    if after.startswith("的") and m.kind in _CRITERION_KINDS:
        surface = t[m.start : m.end]
        prefix = t[m.start : m.core_start] if m.core_start > m.start else ""
        if surface.endswith(("以上", "以下", "以内")) or (
            prefix in _CRITERION_PREFIXES and not t.endswith(_HOLDING_WORDS, 0, m.start)
        ):
            return "bound_class"  # 重9公斤以下的小型犬 (but 拥有超过500亩的厂房 is held: a fact)
    if (
        after.startswith("的")
        and m.kind in _BOUND_CLASS_KINDS
        and m.start > 0
        and _CJK.match(t[m.start - 1])
        and not t.endswith(_HOLDING_WORDS, 0, m.start)
        and not t.startswith(_PRICE_AFTER, m.end + 1)
    ):
        surface = t[m.start : m.end]
        prefix = t[m.start : m.core_start] if m.core_start > m.start else ""
        if surface.endswith(("以上", "以下", "以内")) or prefix in _CRITERION_PREFIXES:
            # 死亡5人以上的事故, 捐赠额超过1亿元的企业, 总分在650分以上的考生: a bound of an
            # attribute named before it picks a class (超过7万名的学生 after a stop counts them,
            # 有超过1亿的网民 is held, 不足200元的价格 is a price).
            return "bound_class"
    if after.startswith("的") and m.kind == "money" and t.endswith("以内", m.start, m.end):
        return "bound_class"  # 1万元以内的工程: a class of jobs by price
    per = _PER_BOUND_RE.match(t, m.end)
    if per and (m.kind in _CRITERION_KINDS or m.kind == "money"):
        return "bound_class"  # 均价在25000元/平米以上的项目: a bound of a rate names a class
    if _criterion(t, m):
        return "criterion"
    if _threshold(t, m):
        return "threshold"
    if _distance_target(t, m):
        return "distance_target"  # 距离2万亿元仅一步之遥: a mark not yet reached
    if _hypothetical(t, m):
        return "hypothetical"
    if _bracket_after_share(t, m):
        return "bracket_after_share"
    if _denomination(t, m):
        return "denomination"  # 50元充值卡: the face value of a product
    if m.kind == "duration" and _time_frame(t, m):
        return "time_frame"
    if _STYLE_AFTER_RE.match(t, m.end) and m.unit not in _COUNTING_MEASURES:
        return "style_name"  # 两段式设计: the name of a design (推出3个版本 counts versions)
    if _figure_of_speech(t, m):
        return "figure_of_speech"
    if _in_idiom(t, m):
        return "idiom"
    if _occasion(t, m):
        return "occasion"
    if m.unit == "次" and _SESSION_RE.match(t, m.end) and "届" in t[max(0, m.start - 12) : m.start]:
        return "session_name"  # 十二届全国人大五次会议: the name of a sitting, counting nothing
    if _condition_after(t, m):
        return "condition_after"
    if _list_summary(t, m):
        return "list_summary"
    if _reference_count(t, m):
        return "reference_count"
    if _bracket_of_distribution(t, m):
        return "bracket_of_distribution"
    return context_lookalike(t, m)  # the rules of context of extractor/lookalike.py


def _drop_in_context(t: str, mentions: list[Mention], soft: Collection[str] = ()) -> list[Mention]:
    """Drop quantities whose wider context makes them look-alikes: examples and suppositions
    (比如说…2000元), the size of a group a comparison is made in (在所有60只基金中), parts of
    an argument (来自三个方面), criteria that name a class (9公斤以下的小型犬, 不足两年),
    questions (能否突破100万辆？), time frames (过去2年), figures of speech (开心10倍) and team
    names made of a number (76人: once a name, a name throughout the text).

    A rule named in ``soft`` does not drop: the mention stays with the rule's name as its
    ``cue``, a feature of the learned decision (:mod:`extractor.lookalike`) that keeps or
    drops it."""
    sp = _context_spans(t, mentions)
    out = []
    for m in mentions:
        cue = _context_cue(t, m, sp)
        if cue is None:
            out.append(m)
        elif cue in soft:
            out.append(replace(m, cue=cue))
    return out


def parse_quantity(span: str) -> dict | None:
    """Parse a span a reviewer selected, such as "近71亿元", "3至5万元" or "百分之三十".

    Args:
        span: the selected text; it may hold a few words around the quantity.

    Returns:
        A dict with ``value``, ``value_max``, ``unit``, ``qualifier`` and ``kind`` of the
        first quantity in the span, or None when the span holds no number.
    """
    if not isinstance(span, str) or not span.strip():
        return None
    return _parse_selection(simplified(span.translate(FULLWIDTH)), implied=True)


def _parse_selection(norm: str, *, implied: bool) -> dict | None:
    """:func:`parse_quantity` of a normalised span; ``implied``: read a span with no number
    through the number a morpheme implies (once: the rewritten span is read without it)."""
    if not implied:
        return _read_selection(norm, lambda _norm: None)
    return _read_selection(norm, _implied)


def _read_selection(norm: str, fallback: Callable[[str], dict | None]) -> dict | None:
    found = [q for q in find_quantities(norm, lookalikes=False) if q.rule != "rank.ordinal"]
    if not found:
        # A bare number the finder would not propose (a year, a code) is still a number.
        m = re.search(_ARABIC + "|" + _CN, norm)
        if not m or not re.search(f"[0-9{_CN_DIGIT_CHARS}]", m.group(0)):
            return fallback(norm)
        value = parse_number(m.group(0))
        if value is None:
            return fallback(norm)
        qualifier = _span_qualifier(norm, m.start(), m.end(), "=")
        unit = _selected_unit(norm, m.end())
        return {
            "value": value,
            "value_max": None,
            "unit": unit,
            "qualifier": qualifier,
            "kind": "count" if unit else "other",
        }
    q = found[0]
    unit, kind = q.unit, q.kind
    if not unit and kind != "score":
        unit = _selected_word_unit(norm, q.end)
        kind = "count" if unit and kind == "other" else kind
    elif unit:
        unit = _selected_unit_word(norm, q.end, unit)
    return {
        "value": q.value,
        "value_max": q.value_max,
        "unit": unit,
        "qualifier": _span_qualifier(norm, q.start, q.end, q.qualifier),
        "kind": kind,
    }


def _implied(norm: str) -> dict | None:
    """A selection without a number read through the morpheme that stands for one
    (``data/implied_numbers.tsv``: 首家 is 1 家, 半年 0.5 年, 上千褶 1000 褶): its first such
    morpheme replaced by the number it implies and the selection read again; None when it
    holds none (or what it implies reads as no number either)."""
    hits = [(i, m, n) for m, n in table("implied_numbers") if (i := norm.find(m)) >= 0]
    if not hits:
        return None
    i, morpheme, number = min(hits)
    rewritten = norm[:i] + number + norm[i + len(morpheme) :]
    if not re.search(f"[0-9{_CN_DIGIT_CHARS}]", rewritten):
        return None  # what it implies is written with no digit either: nothing to read
    # Once: 百千 -> 一百千 reads no number, and rewriting again would never end (一一百千...).
    return _parse_selection(rewritten, implied=False)


#: Punctuation a reviewer's selection may run on to after the words it means.
_SELECTION_END = "，。、；：？！,.;:?!）)”’\"' "


def _selected_unit(span: str, end: int) -> str:
    """The one character a reviewer selected right after a number the finder leaves alone, as
    its unit: 三席 is 3 席, 七国 7 国 (extraction never reads a character after a Chinese
    numeral as a measure word: 五国 is far more often a look-alike; a reviewer who selects it
    says it is one). Not a character of the class that follows a number without counting
    (``data/not_measure_chars.tsv``: 六大, 3号), nor one of two or more (三席中), nor after a
    qualifier character (两千余人 is read by the finder)."""
    rest = span[end:].strip().rstrip(_SELECTION_END)
    if rest[:1] in ("余", "多"):
        return ""
    if len(rest) == 1 and "\u4e00" <= rest <= "\u9fff" and rest not in _NOT_MEASURE:
        return rest
    return ""


def _selected_word_unit(span: str, end: int) -> str:
    """The word of one or two characters a reviewer selected right after a number the finder
    reads without a unit, as its unit: 12记 is 12 记, 1000万象素 10,000,000 象素 (measure words
    too rare for the unit table: the selection says they count). Not when the word opens with a
    qualifier (30余, 100左右: :func:`_span_qualifier` reads those) or with a character of the
    class that follows a number without counting (``data/not_measure_chars.tsv``: 3号, 六大),
    nor a longer stretch (a selection running on into the next words names no unit)."""
    rest = _unit_tail(span, end, 2)
    return rest if all("\u4e00" <= ch <= "\u9fff" for ch in rest) else ""


def _unit_tail(span: str, end: int, longest: int, counting_only: bool = True) -> str:
    """What a reviewer's selection holds after ``end`` (its closing punctuation left out) when
    it may be a unit word: at most ``longest`` characters, not opening with 余/多, a qualifier
    word (左右, 以上) or — with ``counting_only`` — a character of the class that follows a
    number without counting (``data/not_measure_chars.tsv``); "" otherwise."""
    rest = span[end:].rstrip(_SELECTION_END)
    if not 1 <= len(rest) <= longest or rest[0] in ("余", "多"):
        return ""
    if counting_only and rest[0] in _NOT_MEASURE:
        return ""
    if any(rest.startswith(w) for w in _POST_QUAL):
        return ""
    return rest


_FRACTION_IN_RE = re.compile(
    r"(?P<b>[二两三四五六七八九十]+|\d+)分之(?P<a>[一二两三四五六七八九十]+|\d+)"
    r"|(?<![\d.])(?P<a2>\d+)/(?P<b2>\d+)(?![\d.])"
)
_RATIO_IN_RE = re.compile(r"(?P<a>\d+(?:\.\d+)?)\s*[:：∶比]\s*(?P<b>\d+(?:\.\d+)?)")


def value_reading_alternative(
    surface: str, value: float | None, unit: str, rule: str
) -> dict | None:
    """The other reading of a quantity whose value the gold batches write two ways, for a
    reviewer's pick (value, unit and kind at once): a share written as a fraction in words,
    read 100·a/b % (三分之一: 33.333333 %), is a fraction with no value; one read null (1/3,
    as the guideline reads 1/2.3) is 100·a/b %; a ratio read null (of
    two terms neither of them 1: 3：7; one against 1 has its other side as its value already) is
    its first side; a discount of N折 is 10·N % (九折: 90 %; 88折: 88 %). None for any other
    quantity.

    Returns ``{"text", "value", "unit", "kind"}``: ``text`` as the card shows it."""
    if value is not None and rule == "fraction.words":
        # 三分之一 read as 33.333333 %: the other reading is a fraction with no value
        return {"text": "no value", "value": None, "unit": "%", "kind": "percent"}
    if value is None and unit == "%":
        m = _FRACTION_IN_RE.search(surface)
        if m is None:
            return None
        a = parse_number(m.group("a") or m.group("a2"))
        b = parse_number(m.group("b") or m.group("b2"))
        if not a or not b or a > b:
            return None
        v, u, kind = 100.0 * a / b, "%", "percent"
    elif value is None and rule == "ratio":
        m = _RATIO_IN_RE.search(surface)
        if m is None:
            return None
        a, b = float(m.group("a")), float(m.group("b"))
        v, u, kind = (b if a == 1 and b != 1 else a), "", "other"
    elif unit == "折" and value is not None and 0 < value < 100:
        v, u, kind = (value * 10 if value < 10 else value), "%", "percent"
    else:
        return None
    shown = f"{v:.6f}".rstrip("0").rstrip(".")
    return {"text": f"{shown} {u}".strip(), "value": v, "unit": u, "kind": kind}


_ORDINAL_MEASURE_RE = re.compile(r"第[0-9一二两三四五六七八九十百千]+(?P<u>[\u4e00-\u9fff]{1,2})$")


def rank_unit_alternative(surface: str, unit: str, rule: str) -> str | None:
    """The measure word of an ordinal read as a rank with an empty unit (第8个, 第三部: the
    guideline's ranks have none; annotators of recent news write 个, 部), for a reviewer's
    pick. None for any other quantity."""
    if unit or not rule.startswith("rank"):
        return None
    m = _ORDINAL_MEASURE_RE.search(surface)
    return m.group("u") if m else None


def selected_unit_alternative(span: str, end: int) -> str | None:
    """A unit word a reviewer's selection holds after a number read without a unit (45大类,
    3期: characters that follow a number without counting in extraction's reading,
    ``data/not_measure_chars.tsv``), offered as the unit's alternative, a pick away: at most
    three Chinese characters, never a qualifier word (左右, 以上) nor 余/多. None otherwise."""
    rest = _unit_tail(span, end, 3, counting_only=False)
    return rest if rest and all(_CJK.match(ch) for ch in rest) else None


def _selected_unit_word(span: str, end: int, unit: str) -> str:
    """The unit a reviewer's selection ends with when it runs on past the unit the finder read
    into one word that continues it (12部门 is 12 部门, not 12 部; 30GWh past GW): the
    selection says where the unit ends, and the tagger says the two make one word. Never a
    qualifier (300元左右), 余/多, a character of the class that follows a number without
    counting (``data/not_measure_chars.tsv``: 3年来, 5亿元的), nor more than three characters
    (10万元人民币 keeps 元: the finder reads what it knows)."""
    rest = _unit_tail(span, end, 3)
    if not rest:
        return unit
    latin = unit[-1:].isascii() and unit[-1:].isalpha()
    if latin != (rest.isascii() and rest.isalpha()):
        return unit  # one script on both sides: GW|h, 部|门
    if not latin and not all("\u4e00" <= ch <= "\u9fff" for ch in rest):
        return unit
    from . import nlp  # the tagger only for a selection that runs on past its unit

    words = nlp.tag(unit + rest)
    return unit + rest if len(words) == 1 else unit


def _span_qualifier(span: str, start: int, end: int, found: str) -> str:
    """The qualifier of a number in a hand-selected span, where words the finder needs context
    for (a unit after 余) may stand at the span's edge: 两千余, 约300, 100以上."""
    if found != "=":
        return found
    after = span[end:]
    if after[:1] in ("余", "多"):
        return ">"
    post = next((w for w in sorted(_POST_QUAL, key=len, reverse=True) if after.startswith(w)), None)
    if post:
        return _POST_QUAL[post]
    before = _PREFIX_RE.search(span[:start])
    return _PREFIX_QUAL[before.group("q")] if before else found


__all__ = ["FULLWIDTH", "MEASURE_SHAPE", "Mention", "find_quantities", "parse_quantity"]
