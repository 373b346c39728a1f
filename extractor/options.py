"""Options for the predicate and the time of a claim, with the generic features the ranker
(:mod:`extractor.ranker`, :data:`~extractor.ranker.PREDICATE_FEATURES` and
:data:`~extractor.ranker.TIME_FEATURES`) scores.

The clause rules (:func:`extractor.roles.predicate_and_object`, the governing and carried time
of :mod:`extractor.core`) give one choice each; these generators add the other readings a
reviewer would consider, so a trained model can prefer one where the rules trade one genre for
another:

- predicate: the verbs of the clause around the quantity, the stretch between the subject and
  the quantity (同比增长, 实现营业收入, 失业率均值为 without its copula), the noun the quantity
  counts (3种途径) and the verb after it (六成个股下跌), the attribute after 的 (以15%的份额);
- time: every time expression of the quantity's sentence before it (and after it in its
  clause), the last time of each of the few sentences before (a report's date stated once),
  the headline's time, and no time at all.

Only words of the text are offered; features never name words (only shapes, tags, positions).
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Callable, Sequence
from functools import cache

from . import lexicon, nlp
from .ranker import GENRE_SIGNALS, Option
from .roles import (
    _COPULA,
    _DROP_BEFORE,
    _ENTITY_FLAGS,
    _SENTENCING_VERBS,
    COMPLEMENTS,
    Phrase,
    Token,
    _is_attr,
    _is_nounish,
    ends_like_dateline,
    noun_run,
    unknown_han,
    yi_list,
)
from .timex import TIME_RE, TimeExpr
from .units import UNIT_KIND

#: A reporting period (2008年, 今年以来, 第三季度, 截至3月12日).
PERIOD_RE = re.compile(
    r"(?:^截至|^截止|(?:\d{2,4}|[零〇一二三四五六七八九]{2,4}) ?年(?:度)?$|季度(?:末)?$|半年$|"
    r"(?:第|前|首)[一二两三四1-4]?季$|"
    r"^(?:今年|去年|上年|本年|本年度|上年度|当年)(?:以来)?$|以来$)"
)
_RELATIVE_RE = re.compile(r"(?:今|去|本|上|下|当|目|近|昨|前|明|同)")
_COMPARISON = ("比", "较", "与", "相较", "对比", "相比", "环比", "同比")
#: Times that take their value from an earlier one (当时, 同期, 全年 of a year named before).
_REFERS_BACK = frozenset(
    ("当时", "当天", "当日", "当晚", "当年", "同期", "全年", "此前", "此役", "后来", "至今")
)
#: Words that name the moment of an earlier time of their sentence (2008年9月5日跌破…，当天收于
#: 2202.45点; 2006年12月14日…，当时共计有48只): that earlier time stands in their place.
_NAMES_EARLIER = frozenset(("当时", "当天", "当日", "当晚", "当年", "全年"))
#: What an earlier time names to be the year 全年 stands for (公司2015年年报显示，其全年实现…;
#: 2004年全年下跌…，但全年振幅…): a year, never a part of one (下半年, 四季度, 8月2日).
_WHOLE_YEAR_RE = re.compile(r"(?:\d{2,4}|[今去明本上当前])年(?:度|全年)?$")
#: Words that name the period of a report stated before them in their paragraph (…截至6月30日
#:止六个月的中期业绩。期内收入…): that period stands in their place.
_NAMES_PERIOD = frozenset(("期内",))
#: A word that names it too when it opens its sentence (同期，磷酸二铵均价…; inside a clause,
#: 相对保守，同期仅上涨…, it stays the word).
_NAMES_PERIOD_OPENING = frozenset(("同期",))
#: How many earlier times of the paragraph are read for the period :data:`_NAMES_PERIOD` names.
_PERIOD_REACH = 12
#: How a cutoff date opens (截至2月11日, 截止3月底).
_CUTOFFS = ("截至", "截止")
#: The claim kinds whose share of a document's quantities is a genre signal.
_GENRE_KINDS = ("money", "percent", "count", "score")
#: Sentences before the quantity's whose times are offered: a report states its period once and
#: details it over several sentences. 5-fold CV of the time on the training part (thirty-ninth
#: session): 4 -> 5 sentences 0.787 -> 0.789 (73 claims fixed, 60 broken; 10-fold 0.787 ->
#: 0.789, 69 fixed, 51 broken); 6 gave 0.787 and 8 0.786 (the farther times mostly noise).
_SENTENCES_BACK = 5
#: At most this many pieces (sentences and parts split at ；) are read back, so a list of
#: thousands of parts stays linear.
_PIECES_BACK = 16
#: Tokens on each side of the quantity read for predicate options.
_PRED_WINDOW = 10
#: Kinds of quantity whose counted noun may follow them in a tally (8个篮板3次助攻), and the
#: tags of that noun.
TALLY_KINDS = ("count", "score")
COUNTED_TAGS = ("n", "nz", "vn")
_ADVERB_FLAGS = ("d", "ad")
#: Tags of the words a verb phrase may start with (同比/j 增长, 净值/n 下挫, 大幅/d 下降).
_MODIFIER_FLAGS = ("d", "ad", "j", "vn", "n", "a", "vd")


#: Kinds whose claims are seldom tied to a time (a size, a weight, an age).
_STATIC_KINDS = ("length", "weight", "age")
_CLAUSE_STOPS = frozenset("，。；,;！？!?")
#: The kinds of the physical units that 每 makes the base of a rate (每平方米, 每吨, 每公斤).
_RATE_BASE_KINDS = frozenset(("area", "weight", "length", "volume"))
#: A comma that groups a number's digits (10,020亿元, 1,455万人次): no clause stop.
_DIGIT_GROUP_RE = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")


def _stops_in(text: str) -> bool:
    """Whether ``text`` holds a clause stop (:data:`_CLAUSE_STOPS`) other than the commas that
    group a number's digits (从上年的10,020亿元提高至…: one clause)."""
    return any(ch in _CLAUSE_STOPS for ch in _DIGIT_GROUP_RE.sub("", text))


_QUOTES = frozenset("“”\"「」『』‘’'")
_QUOTES_OPEN = frozenset("“「『‘")
_QUOTES_CLOSE = frozenset("”」』’")
#: Tags of the words that may stand before a counted noun (1220万有效/a 像素, 不同/b 射程).
_NOUN_MODIFIER_FLAGS = ("a", "b", "an", "vn", "ad")
_NAME_FLAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})
#: Verbs of modality, never a predicate by themselves (都会给父母… -> 给, not 会).
_MODAL_VERBS = frozenset("会能要可将让使应需得该")
#: A sport statistic written as a shape: 14投9中, 两罚一中.
_STAT_NUM = "[0-9一二两三四五六七八九十]+"
_STAT_SHAPE_RE = re.compile(rf"{_STAT_NUM}([\u4e00-\u9fff]){_STAT_NUM}中")
#: Kinds of claim that count members of a group (八成受访者…, 38%的人…): a quantity of
#: these kinds opening its clause may be what the rest of the clause speaks of.
_GROUP_KINDS = ("percent", "count")
#: Tags of the words between a measured noun and its quantity (更是, 也, 只有, 的).
_SKIP_TO_ATTR_FLAGS = ("d", "c", "uj", "ul")
#: Prepositions that close a verb phrase before its quantity (收盘于, 高于).
_VERB_PREPS = frozenset({"于"})
#: Tags of person, place and organisation names.
_PERSON_PLACE_ORG = frozenset({"nr", "nrt", "nrfg", "ns", "nt"})
#: Tags of a one-character word that ends a name the tagger split (湖/ns 人/n, never a
#: verb: 布泽尔/nr 打/v 了26分钟).
_NAME_TAIL_FLAGS = frozenset({"n", "ng", "k"})
#: Marks that join the parts of a transliterated name (安德烈-伊戈达拉, 萨沙·武贾西奇).
_NAME_JOINERS = frozenset("-·•－—")
#: Words that open the starting value of a change (从6.9%下降到6.3%, 由4个增至7个).
_FROM_WORDS = ("从", "由")
#: A match score: two numbers joined by 比 or a dash (102比90, 100-82).
_MATCH_SCORE_RE = re.compile(r"\d+\s*(?:比|-|－|:|：)\s*\d+")
_DATELINE_RE = re.compile(r"[^，。；\s]{0,6}?\d{1,2}月\d{1,2}日(?:电|讯)")


def _measured_units() -> frozenset[str]:
    return frozenset(lexicon.words("measured_units"))


def _stat_shapes() -> dict[str, str]:
    return {row[0]: row[1] for row in lexicon.table("stat_shapes")}


def own_measure(norm: str, q_start: int, q_end: int) -> Phrase | None:
    """What a quantity measures when its own words say it: a measure word that names it (39胜
    -> 胜, 8号种子 -> 种子) or a box-score shape (14投9中 -> 投篮, not written: start -1)."""
    for n in (2, 1):
        word = norm[max(q_start, q_end - n) : q_end]
        if len(word) == n and word in _measured_units():
            return Phrase(word, q_end - n, q_end)
    shape = _STAT_SHAPE_RE.fullmatch(norm, q_start, q_end)
    if shape is not None and shape.group(1) in _stat_shapes():
        return Phrase(_stat_shapes()[shape.group(1)], -1, -1)
    return None


def _is_name(t: Token) -> bool:
    """A token of a name: tagged as one, or Latin letters (VCU, T900)."""
    if t[1] in _NAME_FLAGS:
        return True
    return t[1] == "eng" and any(ch.isalpha() for ch in t[0])


def _is_dateline(norm: str, t: Token) -> bool:
    """Whether a dateline (中新网5月22日电, 本报讯, …记者) starts at token ``t``."""
    if t[0] == "记者":
        return True
    if t[0].endswith("讯") and ends_like_dateline(norm[max(0, t[3] - 6) : t[3]]):
        return True
    return _DATELINE_RE.match(norm, t[2]) is not None


def _joins_names(toks: Sequence[Token], j: int) -> bool:
    """Whether ``toks[j]`` is the joiner inside a transliterated name (埃尔顿-布兰德)."""
    return (
        toks[j][0] in _NAME_JOINERS
        and 0 < j < len(toks) - 1
        and (_is_name(toks[j - 1]) or _is_name(toks[j + 1]))
        and toks[j - 1][0].isalpha()
        and toks[j + 1][0].isalpha()
    )


def _inside_name(norm: str, start: int, end: int) -> bool:
    """Whether ``norm[start:end]`` touches a name joiner with a letter on its other side
    (武贾西奇 in 萨沙-武贾西奇, 萨沙 in 萨沙-武贾西奇), or starts one character after one: a part
    of a transliterated name."""
    before = start >= 2 and norm[start - 1] in _NAME_JOINERS and norm[start - 2].isalpha()
    after = end + 1 < len(norm) and norm[end] in _NAME_JOINERS and norm[end + 1].isalpha()
    # One character after the joiner is never a whole part: 登 of 埃里克-戈登 (戈|登).
    second = (
        start >= 3
        and norm[start - 2] in _NAME_JOINERS
        and "\u4e00" <= norm[start - 1] <= "\u9fff"
        and norm[start - 3].isalpha()
    )
    return before or after or second


def _name_tail(name_ends: set[int], t: Token) -> bool:
    """Whether ``t`` is one character glued to the end of a name token (人 of 湖|人)."""
    return len(t[0]) == 1 and t[1] in _NAME_TAIL_FLAGS and t[2] in name_ends


def _clause_from(toks: Sequence[Token]) -> int:
    """Index of the first token after the last clause stop of ``toks`` (0 if none)."""
    for j in range(len(toks) - 1, -1, -1):
        if toks[j][0] in _CLAUSE_STOPS:
            return j + 1
    return 0


def _is_verb_at(toks: Sequence[Token], j: int) -> bool:
    """A verb at ``toks[j]``: tagged as one (not a verbal noun), or a word the tagger reads
    as a preposition that takes the aspect particle 了 (给了, 把了 never occurs: only a verb
    does)."""
    t = toks[j]
    if t[1].startswith("v") and t[1] != "vn":
        return True
    if not (j + 1 < len(toks) and toks[j + 1][0] in ("了", "过")):
        return False
    # A word the tagger reads as a noun that takes 了 is a verb too (办理了, 回国了).
    if t[1] == "p":
        return True
    # (时间了 of 七八年的时间了 stays the span it restates.)
    return (
        t[1] in _NOUN_READ_VERB_FLAGS
        and len(t[0]) >= 2
        and t[0] not in lexicon.word_set("duration_fillers")
    )


#: Tags of a word the tagger may read as a noun or a place when it is a verb (办理/n, 回国/ns).
_NOUN_READ_VERB_FLAGS = ("n", "vn", "ns", "nz")


#: Tags of a word that states something of what stands before it when it closes the clause
#: (重伤/a, 飘红/z, 危殆/a).
_STATE_FLAGS = ("a", "z", "ad", "an")


def _closing_state(
    after: Sequence[Token], k: int, add: Callable[[Sequence[Token], dict[str, float]], None]
) -> None:
    """Offer the predicate that closes the clause after ``after[:k]`` (the quantity and the
    noun it counts) when its words are no verb by their tags: one state or adjective word
    right there, or the one or two words after adverbs (将特价销售)."""
    m = k
    while m < len(after) and after[m][1] in _ADVERB_FLAGS:
        m += 1
    e = m
    while e < len(after) and e - m < 2 and after[e][1] not in ("x", "uj", "p", "c", "r"):
        e += 1
    closes = e == len(after) or after[e][1] == "x"
    if e == m or not closes or any(_is_verb_at(after, n) for n in range(m, e)):
        return  # nothing there, the clause goes on, or a verb the other options offer
    if m > k or (e - m == 1 and after[m][1] in _STATE_FLAGS):
        add(after[m:e], {"closing_state": 1.0, "adverb_before": float(m > k)})


def _number_follows(toks: Sequence[Token], k: int) -> bool:
    """Whether a number stands at ``toks[k]``, qualifiers and aspect words skipped (拿下了
    近20分): a verb before it governs that quantity."""
    while k < len(toks) and (toks[k][0] in _DROP_BEFORE or toks[k][1] in ("ul", "uz")):
        k += 1
    if k >= len(toks):
        return False
    return _is_number(toks[k])


def _is_number(t: Token) -> bool:
    """A number word (两, 十几; 43, which the tagger calls eng)."""
    return t[1] == "m" or (t[1] == "eng" and t[0][:1].isdigit())


@cache
def _age_words() -> tuple[str, ...]:
    return tuple(lexicon.words("age_words"))


def _future_words() -> tuple[str, ...]:
    return tuple(lexicon.words("plan_words"))


def _log_dist(a: int) -> float:
    return math.log1p(max(0, a)) / 5


#: Words that open a comparison closed after its base (和2008年相比, 跟上周比较).
_WITH = "和跟同"
_COMPARED_AFTER = (
    "相比",
    "相较",
    "比较",
    "对比",
    # 和去年全年持平, 跟上月基本持平, 同去年相当: the base of an equality.
    "持平",
    "基本持平",
    "大致持平",
    "相当",
    "相同",
    "相近",
)
#: Words joining two times of one list (2006年和2008年, 一月、二月).
_TIME_JOINERS = "和与及、"


#: Characters at most between a comparison word and the moment before an event it compares
#: with (较|条例|实施前, 比|疫情|发生前).
_EVENT_BASE_REACH = 6


def _event_base(norm: str, start: int) -> bool:
    """Whether the time at ``start`` is the moment before an event (实施前, 改造前) that a
    comparison word a few characters before it in its clause compares with (较条例实施前增长
    1.1倍): the base of a change, never the claim's time."""
    head = norm[max(0, start - _EVENT_BASE_REACH - 2) : start]
    if not any(
        (k := head.rfind(word)) >= 0 and not any(c in _CLAUSE_STOPS for c in head[k:])
        for word in _COMPARISON
    ):
        return False  # (read first: no time is matched again where no comparison stands)
    m = TIME_RE.match(norm, start)
    return m is not None and m.group(0).endswith("前")


def is_base(norm: str, start: int) -> bool:
    """Whether the time at ``start`` is a comparison base (比去年同期, 较上月, 和2008年相比),
    also as the second item of a list of bases (对比2006年12月14日和2008年9月5日)."""
    if norm[max(0, start - 2) : start].endswith(_COMPARISON):
        return True
    if start >= 1 and norm[start - 1] in _WITH:
        # 和2008年相比, 跟上周比较: the comparison word follows the base.
        m = TIME_RE.match(norm, start)
        if m is not None and norm.startswith(_COMPARED_AFTER, m.end()):
            return True
    if _event_base(norm, start):
        return True
    if start < 2 or norm[start - 1] not in _TIME_JOINERS:
        return False
    head = norm[max(0, start - 24) : start - 1]
    for word in _COMPARISON:
        k = head.rfind(word)
        if k >= 0 and TIME_RE.fullmatch(head, k + len(word)):
            return True
    return False


# ---------------------------------------------------------------------------------- time
def sentence_times_from(
    times: Sequence[TimeExpr], time_spans: Sequence[tuple[int, int]], s_start: int
) -> int:
    """The index of the first time of the sentence starting at ``s_start``: a time the
    sentence split cut in two (a heading glued to a dateline, 贝勒爷新浪体育讯北京时间|4月20日，
    NBA…) belongs to the sentence it ends in, whose opening time it is."""
    i = bisect.bisect_left(time_spans, (s_start, -1))
    if i > 0 and times[i - 1].end > s_start:
        i -= 1
    return i


def names_period(norm: str, t: TimeExpr, s_start: int) -> bool:
    """Whether ``t`` (of the sentence starting at ``s_start``) names the reporting period
    stated before it: 期内, or 同期 opening its sentence (:data:`_NAMES_PERIOD_OPENING`)."""
    if t.text in _NAMES_PERIOD:
        return True
    return t.text in _NAMES_PERIOD_OPENING and not norm[s_start : t.start].strip()


def antecedent(
    norm: str, times: Sequence[TimeExpr], i: int, s_start: int, para_start: int | None = None
) -> TimeExpr | None:
    """The earlier time of its sentence (starting at ``s_start``) that ``times[i]`` stands for:

    - a word naming an earlier moment (当时, 当天, 当年: :data:`_NAMES_EARLIER`) stands for the
      nearest anchored time before it that is no comparison base, no modifier (今年的) and no
      such word itself (2008年9月5日跌破…，当天收于…); 全年 only for a year (2015年年报显示，
      其全年…: :data:`_WHOLE_YEAR_RE`);
    - a reporting period after a cutoff date (截至2月11日，今年以来…) is the period up to that
      date: the cutoff stands for it.

    - 期内, and 同期 opening its sentence (:func:`names_period`), stand for the nearest
      anchored time before it in its paragraph (from ``para_start``; its own sentence when
      None), no dateline and no back-referring word itself (…截至2023年6月30日止六个月的中期
      业绩，期内收益…; 5月下旬…。同期，磷酸二铵…).

    None otherwise, and when the sentence names no such earlier time (a moment of an earlier
    sentence is not resolved: a new sentence often moves on)."""
    own = times[i]
    if names_period(norm, own, s_start):
        floor = s_start if para_start is None else para_start
        k = i - 1
        while k >= max(0, i - _PERIOD_REACH) and times[k].end > floor:
            t = times[k]
            k -= 1
            if (
                t.anchor
                and t.text not in _REFERS_BACK
                and norm[t.end : t.end + 1] not in ("讯", "电")
                and t.text not in _NAMES_EARLIER
                and t.text not in _NAMES_PERIOD
                and t.text not in _NAMES_PERIOD_OPENING
                and not is_base(norm, t.start)
                and not norm.startswith("的", t.end)
            ):
                return t
        return None
    names = own.text in _NAMES_EARLIER
    period = not names and not own.text.startswith(_CUTOFFS) and PERIOD_RE.search(own.text)
    if not names and not period:
        return None
    k = i - 1
    while k >= 0 and times[k].end > s_start:
        t = times[k]
        k -= 1
        if is_base(norm, t.start):
            continue
        if period:
            if t.text.startswith(_CUTOFFS):
                return t
        elif (
            t.anchor
            and t.text not in _NAMES_EARLIER
            and t.text != "同期"
            and not norm.startswith("的", t.end)
            and (own.text != "全年" or _WHOLE_YEAR_RE.search(t.text))
        ):
            return t
    return None


#: Words right after a date that make it a birth date (1995年出生, 10月22日生于北京).
_BIRTH_AFTER = ("出生", "生于", "出世", "诞生")


#: A year that names a batch, an edition or a round of a programme (2022年第三批集中供地,
#: 2022年首批): part of the name where a date of its own opens the sentence.
_BATCH_YEAR_RE = re.compile(
    r"\d{4} ?年(?:度)?(?:第[一二三四五六七八九十\d]{1,3}|首|最后一|末)(?:批|期|届|轮)"
)
#: How far into its sentence a date may stand and still open it (据悉，6月28日，…).
_OPENER_REACH = 6


#: The longest second half of a headline (揽金约445亿元), written with no stop.
_HALF_CHARS = 20


def _space_split(norm: str, end: int, start: int) -> bool:
    """Whether the sentence ending at ``end`` and the one starting at ``start`` are halves of
    one line set apart by spaces (no stop, no line break between them)."""
    gap = norm[end:start]
    if end <= 0 or gap.strip(" \u3000"):
        return False
    last = norm[end - 1]
    return last in " \u3000" or (bool(gap) and last not in _FULL_STOPS and last not in "，,\n")


def _opens_sentence(norm: str, at: int) -> bool:
    """Whether ``at`` opens its sentence (the start of the text or a line, or after a full
    stop)."""
    return at == 0 or norm[at - 1] in "。！？!?；;\n"


def time_options(
    *,
    norm: str,
    times: Sequence[TimeExpr],
    time_spans: Sequence[tuple[int, int]],
    sentences: Sequence[tuple[int, int]],
    mention_starts: Sequence[int],
    q_start: int,
    q_end: int,
    si: int,
    clause: tuple[int, int],
    rule: TimeExpr | None,
    kind: str,
    headline_end: int,
    para_start: int,
    static: dict[int, dict[str, float] | None],
    previous: tuple[int, int] | None = None,
    genre: dict[str, float] | None = None,
) -> list[tuple[TimeExpr | None, Option]]:
    """The time options of the quantity at ``q_start`` (the last is "no time").

    ``previous`` is the time span chosen for the previous claim of the paragraph ((-1, -1)
    for none, None when there is no such claim). ``para_start`` is where the quantity's
    paragraph starts (no time is offered from before
    it); ``static`` caches, per document, the features of each time expression that do not
    depend on the quantity (None for a comparison base, never offered). ``genre`` holds the
    document's genre signals (:func:`document_genre`): each option gets them conjoined with
    where it stands (``genre_money*back``)."""
    s_start, s_end = sentences[si]
    found: dict[tuple[int, int], tuple[TimeExpr, dict[str, float]]] = {}
    # A penalty (法院…判处罚金5000万元) is imposed when it is pronounced: the period of the
    # offence stated in an earlier sentence (2015年至2019年，…吸收存款12亿元) is not its time.
    # (Read within the 200 characters before the quantity: a sentence of thousands of
    # quantities stays linear.)
    head = norm[max(s_start, q_start - 200) : q_start]
    penalty = any(v in head for v in _SENTENCING_VERBS)

    def add(t: TimeExpr, f: dict[str, float], at: TimeExpr | None = None) -> None:
        # ``at``: the word standing for ``t`` (当时 of an earlier date): where the option is
        # read, its place replacing the earlier time's own.
        at = at or t
        if t.text in _NAMES_PERIOD_OPENING and _opens_sentence(norm, t.start):
            # 同期，… names the period stated before it (offered at its place, or carried
            # from the sentences before): never a time of its own.
            return
        if penalty and t.end <= s_start and PERIOD_RE.search(t.text):
            return  # the offence's period, carried into the sentence of its penalty
        if at is not t:
            found.pop((t.start, t.end), None)
        if t.start < q_end and q_start < t.end:
            return  # a stretch holding the quantity (短短八个交易日) is not its own time
        if norm.startswith(_BIRTH_AFTER, t.end) and not clause[0] <= t.start < clause[1]:
            return  # 1982年10月22日生于…，身高205公分: a birth date dates the birth alone
        if t.start not in static:
            static[t.start] = _static_time_features(norm, t, headline_end)
        base = static[t.start]
        if base is None and f.get("base_value"):
            base = _static_time_features(norm, t, headline_end, base_ok=True)
        if base is None:
            return  # a comparison base (比去年同期) is never the claim's time
        f.update(base)
        if kind == "duration":
            f["kind_duration"] = 1.0
        elif kind in _STATIC_KINDS:
            f["kind_static"] = 1.0
        elif kind == "other":
            f["kind_other"] = 1.0
        lo = bisect.bisect_left(mention_starts, min(at.end, q_start))
        hi = bisect.bisect_left(mention_starts, max(at.start, q_start))
        if hi - lo > (1 if at.end <= q_start else 0):
            f["quantity_between"] = 1.0
        key = (t.start, t.end)
        if key in found:
            found[key][1].update(f)
        else:
            found[key] = (t, {k: v for k, v in f.items() if v})

    # Times of the quantity's sentence: before it, and after it in its clause; a time the
    # sentence split cut (北京时间|4月20日，… of a heading glued to a dateline) opens it.
    i = sentence_times_from(times, time_spans, s_start)
    nearest: tuple[int, int] | None = None
    skipped: set[tuple[int, int]] = set()  # times that date another value, never this one
    others = _respective_others(norm, times, time_spans, mention_starts, s_start, q_start, clause)
    opened = False  # a date opening the sentence before a comma (6月28日，…) has been read
    while i < len(times) and times[i].start < s_end:
        t = times[i]
        i += 1
        if (t.start, t.end) in others:
            skipped.add((t.start, t.end))
            continue  # 2003年和2004年…分别为13.6%和16.81%: the other items' times
        if opened and _BATCH_YEAR_RE.match(norm, t.start) and t.text.endswith("年"):
            skipped.add((t.start, t.end))
            continue  # 6月28日，杭州市2022年第三批集中供地…: the year names the batch
        if t.anchor and t.start - s_start <= _OPENER_REACH and norm[t.end : t.end + 1] in "，,":
            opened = True
        if t.end <= q_start:
            if _multiple_base(norm, t, q_start, q_end):
                skipped.add((t.start, t.end))
                continue  # 是上年同期的2.63倍: the time of what the quantity is compared with
            if _start_value_time(norm, t, q_start, mention_starts):
                skipped.add((t.start, t.end))
                continue  # 由上年的3.9%降至1.6%: the time of the value the change starts from
            f = {"same_sentence": 1.0, "dist": _log_dist(q_start - t.end)}
            if t.end > clause[0]:
                f["same_clause"] = 1.0
            if _source_between(norm, t.end, q_start):
                f["source_between"] = 1.0  # 近日透露，“…5个…”: the time dates the report
            if _base_of(norm, t, q_start, mention_starts):
                f["base_value"] = 1.0
            earlier = (
                None
                if is_base(norm, t.start)
                else antecedent(norm, times, i - 1, s_start, para_start)
            )
            if earlier is not None:
                # 当天 of 2008年9月5日, 今年以来 of 截至2月11日: at their place, marked as
                # the time a word of the sentence stands for
                add(earlier, {**f, "resolved": 1.0}, t)
                t = earlier
            else:
                add(t, f)
            if not is_base(norm, t.start) and not norm.startswith("的", t.end):
                nearest = (t.start, t.end)
        elif t.start >= q_end and t.end <= clause[1]:
            if _opens_body(norm, q_end, t):
                skipped.add((t.start, t.end))
                continue  # 将募集10亿美元|记者昨日获悉，…: the time of a body after its headline
            add(t, {"after": 1.0, "same_clause": 1.0, "dist": _log_dist(t.start - q_end)})
    if nearest is not None and nearest in found:
        found[nearest][1]["nearest"] = 1.0
    # The last usable time of each of the few sentences before.
    # A time holds within its paragraph: none is offered from before a line break.
    full = 0
    held = False
    for back, sj in enumerate(range(si - 1, max(-1, si - 1 - _PIECES_BACK), -1), start=1):
        s, e = sentences[sj]
        if e <= para_start:
            break
        # Parts of one sentence split at ； count as one sentence: a period stated at its
        # start holds for the whole list (甲跌2%；乙跌1%；…).
        if norm[e - 1] not in "；;":
            full += 1
            if full > _SENTENCES_BACK:
                break
        i = bisect.bisect_left(time_spans, (s, -1))
        last: TimeExpr | None = None
        last_i = -1
        part: TimeExpr | None = None
        opener: TimeExpr | None = None
        while i < len(times) and times[i].start < e:
            t = times[i]
            if t.end > s_start:
                break  # a time cut by the quantity's sentence start is that sentence's
            if not is_base(norm, t.start) and not norm.startswith("的", t.end):
                if t.anchor:
                    last = t
                    last_i = i
                    if opener is None and norm[t.end : t.end + 1] in ("，", ","):
                        opener = t
                else:
                    part = t
            i += 1
        # A period set before a comma (截至3月11日，…) governs its sentence even where a
        # later time of the sentence (今年出现…) is its last one: offered too.
        if opener is not None and opener is not last and PERIOD_RE.search(opener.text):
            add(
                opener,
                {
                    "sentences_back": back / 3,
                    "dist": _log_dist(q_start - opener.end),
                    "sentence_opener": 1.0,
                },
            )
        if last is not None and last_i >= 0:
            # What the sentence passes on is what its last time stands for: 截至2月23日，
            # 今年以来，… the cutoff; …，当天… the earlier date; 同期，… the period before it.
            last = antecedent(norm, times, last_i, s, para_start) or last
        # A sentence whose only time is a part of the day (ETF午盘全线下跌。) passes it on.
        last = last or part
        if last is not None:
            f = {"sentences_back": back / 3, "dist": _log_dist(q_start - last.end)}
            if all(norm[sentences[k][1] - 1] in "；;" for k in range(sj, si)):
                f["semicolon"] = 1.0  # the same sentence, split at ；
                if last is opener and last.start - s <= _OPENER_REACH:
                    # 8月4日0—24时，…新增85例；本土病例71例: the date opening the sentence
                    # governs every part of it split at ；
                    held = True
            if back == 1 and PERIOD_RE.search(last.text):
                f["period_carried"] = 1.0  # a reporting period stated once for what follows
            if (
                back == 1
                and e <= headline_end
                and _space_split(norm, e, s_start)
                and s_end - s_start <= _HALF_CHARS
                and not any(c in _CLAUSE_STOPS for c in norm[s_start:s_end])
            ):
                # 杭州今年第三批集中供地收官 揽金约445亿元: a headline in two halves set
                # apart by a space; the first half's time holds for the second.
                held = True
            add(last, f)
    # The headline's first anchored time (a report's date).
    i = 0
    while para_start == 0 and i < len(times) and times[i].start < headline_end:
        t = times[i]
        if t.anchor and not is_base(norm, t.start):
            if (
                (t.start, t.end) not in found
                and (t.start, t.end) not in skipped
                and not (t.start >= q_end and _body_mark_between(norm, q_end, t.start))
            ):
                # A time after a mark of the body (逾8小时【明报专讯】…昨日公布) is the body's.
                add(t, {"dist": _log_dist(q_start - t.end), "sentences_back": min(si, 6) / 3})
            break
        i += 1
    # The first times of the lead (the first two sentences, datelines left out): the day or
    # period a whole report is about (20日 of a market report stated once at its start).
    lead_end = _lead_end(norm, sentences)
    taken = 0
    i = 0
    while para_start == 0 and taken < 2 and i < len(times) and times[i].start < lead_end:
        t = times[i]
        i += 1
        if t.end > s_start or not t.anchor or is_base(norm, t.start):
            continue
        if norm[t.end : t.end + 1] in ("讯", "电") or norm.startswith("消息", t.end):
            continue  # a dateline (中新网3月23日电) dates the report, not its facts
        if t.text in _NAMES_PERIOD or t.text in _NAMES_PERIOD_OPENING:
            continue  # 期内, 同期: the lead's period they name is offered itself
        taken += 1
        f = {"lead": 1.0, "dist": _log_dist(q_start - t.end), "sentences_back": min(si, 6) / 3}
        if (t.start, t.end) in found:
            found[(t.start, t.end)][1]["lead"] = 1.0
        else:
            add(t, f)
    if rule is not None and (rule.start, rule.end) not in skipped:
        key = (rule.start, rule.end)
        if key in found:
            found[key][1]["rule"] = 1.0
        else:
            add(rule, {"rule": 1.0, "dist": _log_dist(abs(q_start - rule.end))})
    out: list[tuple[TimeExpr | None, Option]] = [
        (t, Option(t.text, t.start, t.end, f)) for t, f in found.values()
    ]
    empty: dict[str, float] = {"empty": 1.0}
    if rule is None:
        empty["rule"] = 1.0
    if not any(f.get("same_sentence") or f.get("after") for _, f in found.values()):
        empty["no_time_here"] = 1.0
    # The words of the quantity's clause, on both sides of it (增长30%, 由6个成员国组成).
    # At most CUE_WINDOW characters on each side (SENTENCE_CUE_WINDOW before, in the
    # sentence): a claim of a clause thousands of characters long reads a bounded stretch,
    # so extraction stays linear in the clause's length.
    cues = claim_cues(
        norm[max(clause[0], q_start - CUE_WINDOW) : q_start]
        + "|"
        + norm[q_end : min(clause[1], q_end + CUE_WINDOW)],
        norm[max(s_start, q_start - SENTENCE_CUE_WINDOW) : q_start],
    )
    # The time of the previous claim of the paragraph: a report's claims keep to one
    # (``previous`` is its span, (-1, -1) when that claim had no time).
    if previous is not None:
        if previous == (-1, -1):
            empty["previous_empty"] = 1.0
        elif previous in found:
            found[previous][1]["previous_time"] = 1.0
    # (A part split at ； with no time of its own, after a part opening with its date: the
    # date holds, no empty option.)
    if (not out or not _BREAKDOWN_RE.match(norm, s_start)) and not (
        held and empty.get("no_time_here")
    ):
        out.append((None, Option("", -1, -1, empty)))
    # What the claim says (a change, a plan, a standing fact) only tells one option from
    # another where it stands: conjoined with the option's class, as the genre signals are.
    # The conjunctions of each class are built once per claim (its options share classes).
    conj: dict[str, dict[str, float]] = {}
    for _, o in out:
        c = time_class(o.features)
        extra = conj.get(c)
        if extra is None:
            extra = conj[c] = {f"genre_{g}*{c}": v for g, v in genre.items() if v} if genre else {}
            extra.update({f"cue_{cue}*{c}": 1.0 for cue in cues})
        o.features.update(extra)
    return out


#: How far from the quantity its clause's and its sentence's cue words are read
#: (:func:`claim_cues`); clauses and sentences of real text are shorter.
CUE_WINDOW = 200
SENTENCE_CUE_WINDOW = 400


@cache
def _time_cues() -> tuple[tuple[str, str], ...]:
    return tuple((row[0], row[1]) for row in lexicon.table("time_cues"))


def claim_cues(head: str, sentence_head: str = "") -> list[str]:
    """The classes of the words of a quantity's clause (``head``) that tell whether
    the claim holds at a time named earlier or at none (:data:`~extractor.ranker.CLAIM_CUES`):
    a change or an amount of a period (增长, 累计), a standing fact (拥有, 位于), the past (曾,
    史上), a rate (每), a plan or a target (``plan_words``: 将, 计划, 预计); and, read in the
    sentence before the quantity (``sentence_head``), a detail of the sentence before (其中,
    分别)."""
    found = {
        cls for word, cls in _time_cues() if word in (sentence_head if cls == "detail" else head)
    }
    if any(w in head for w in _future_words()):
        found.add("plan")
    return sorted(found)


#: Characters at most between a comparison base's 的 and the base's own value (比去年的
#: 5%, 对比2005年同期的销售额200万元).
_BASE_VALUE_GAP = 8


def _base_of(norm: str, t: TimeExpr, q_start: int, mention_starts: Sequence[int]) -> bool:
    """Whether the quantity at ``q_start`` is the value of the comparison base ``t`` (对比
    2005年的2%, 比上季度的3.1%): then the base's time is the quantity's own."""
    if not is_base(norm, t.start) or not norm.startswith("的", t.end):
        return False
    gap = norm[t.end + 1 : q_start]
    if len(gap) > _BASE_VALUE_GAP or _stops_in(gap):
        return False
    # No other quantity between: 比去年的3家多出5家 gives 3家 the base, not 5家.
    return bisect.bisect_left(mention_starts, t.end) == bisect.bisect_left(mention_starts, q_start)


#: Characters at most between a time's 的 and a multiple it is the base of (是去年的近3倍).
_MULTIPLE_GAP = 2
#: Characters at most of the base's noun between its time and 的 (是去年全年|贷款增量|的).
_MULTIPLE_NOUN = 16
#: The words that state a multiple of a base (是上年同期的2.63倍, 相当于去年的3倍).
_RATIO_COPULAS = ("是", "相当于")


def _multiple_base(norm: str, t: TimeExpr, q_start: int, q_end: int) -> bool:
    """Whether the time ``t`` is the base of the multiple at ``q_start`` (是上年同期的2.63倍,
    相当于去年的近3倍): the time of what the quantity is compared with, never its own."""
    if "倍" not in norm[q_start : q_end + 1]:
        return False
    if not norm[max(0, t.start - 3) : t.start].endswith(_RATIO_COPULAS):
        return False  # 提升为现在的4倍: the time of the quantity's own value
    # 是去年全年房地产贷款增量的1.5倍: the base's noun may stand between the time and 的.
    k = norm.rfind("的", t.end, q_start)
    if k < 0 or k - t.end > _MULTIPLE_NOUN:
        return False
    between = norm[t.end : q_start]
    return q_start - k - 1 <= _MULTIPLE_GAP and not _stops_in(between)


#: A sentence that breaks the figures of a report down by a dimension (从地区看，分产品看，
#: 按行业分析，按业务划分，): its figures are parts of the report's, so they hold at a time
#: the sentence or the paragraph names, never at none.
_BREAKDOWN_RE = re.compile(
    r"(?:其中[，,]?)?(?:从|分|按)[^，,。；;！？!?]{1,12}?(?:来看|看|分析|划分)[，,]"
)


#: The word of a respective list (2003年和2004年…分别为13.6%和16.81%).
_RESPECTIVE = "分别"
#: Characters at most between two times of a respective list (1月份成立的甲基金和2月份…).
_LIST_GAP = 12


def _respective_others(
    norm: str,
    times: Sequence[TimeExpr],
    time_spans: Sequence[tuple[int, int]],
    mention_starts: Sequence[int],
    s_start: int,
    q_start: int,
    clause: tuple[int, int],
) -> set[tuple[int, int]]:
    """The spans of the times that date the other items of a respective list the quantity
    at ``q_start`` is an item of: as many times before 分别 in the sentence as quantities
    after it in the clause (2003年和2004年…分别为13.6%和16.81%; 自去年11月份、12月份到今年1月份…
    分别为5136户、3772户、493户), the k-th quantity dated by the k-th time. Empty when the
    sentence holds no such list."""
    at = norm.rfind(_RESPECTIVE, max(s_start, clause[0] - 200), q_start)
    if at < 0 or _stops_in(norm[at:q_start]):
        return set()
    lo = bisect.bisect_left(mention_starts, at)
    k = bisect.bisect_left(mention_starts, q_start) - lo
    n = bisect.bisect_left(mention_starts, clause[1]) - lo
    j = bisect.bisect_left(time_spans, (s_start, -1))
    listed = []
    while j < len(times) and times[j].end <= at:
        if times[j].start >= s_start and not is_base(norm, times[j].start):
            listed.append((times[j].start, times[j].end))
        j += 1
    if n < 2 or k >= n or len(listed) < n:
        return set()
    # The list is the run of times last before 分别 that joiners join (2003年和2004年,
    # 11月份、12月份到1月份; an earlier time of the sentence, 近期, is none of it).
    run = listed[-n:]
    if not all(_joins(norm[end:start]) for (_, end), (start, _) in itertools.pairwise(run)):
        return set()
    if len(listed) > n and _joins(norm[listed[-n - 1][1] : run[0][0]]):
        return set()  # a longer list than the items: no respective reading
    return {span for m, span in enumerate(run) if m != k}


def _joins(gap: str) -> bool:
    """Whether ``gap``, the text between two times, joins them into one list: short, no
    clause stop, and nothing or a joiner (和, 、, 到)."""
    return (
        len(gap) <= _LIST_GAP
        and not _stops_in(gap)
        and (not gap or any(ch in _TIME_JOINERS for ch in gap))
    )


#: Characters at most between the time of a change's starting value and the quantity the
#: change reaches (由上年的3.9%降至1.6%, 从去年秋拍的68件减少到51件).
_FROM_GAP = 40
#: What leads from a starting value to the value reached (降至, 提高到, 调整为).
_REACHED_RE = re.compile(r"[至到为]")


def _start_value_time(norm: str, t: TimeExpr, q_start: int, mention_starts: Sequence[int]) -> bool:
    """Whether the time ``t`` dates the starting value of a change the quantity at ``q_start``
    is the value reached (由上年的3.9%降至1.6%, 从目前的40%提高到50%: 由 or 从 of
    :data:`_FROM_WORDS` right before the time): the time of the value the quantity is compared
    with, never the quantity's own. The starting value itself (3.9%, no quantity between)
    keeps it."""
    if t.start < 1 or norm[t.start - 1] not in _FROM_WORDS:
        return False
    gap = norm[t.end : q_start]
    if len(gap) > _FROM_GAP or _stops_in(gap):
        return False
    k = bisect.bisect_left(mention_starts, t.end)
    if k >= len(mention_starts) or mention_starts[k] >= q_start:
        return False  # no value between: the quantity is the starting value
    return _REACHED_RE.search(norm, mention_starts[k], q_start) is not None


#: Marks that end a sentence of the body (a heading split off at a space ends with none).
_FULL_STOPS = frozenset("。！？!?；;")


def _lead_end(norm: str, sentences: Sequence[tuple[int, int]]) -> int:
    """Where the lead ends: at the first sentence from the second on that a full stop closes
    (the body's first sentence). Headings split off at spaces (沪基指失守3000点大关 封基近乎
    全线下挫全景网2月12日讯 沪深基金指数周四早盘大幅收低，…。) are not the whole lead; at most
    the first five sentences are read, and without a full stop the lead is the first two."""
    for k, (_, e) in enumerate(sentences[:5]):
        if k >= 1 and norm[e - 1 : e] in _FULL_STOPS:
            return e
    return sentences[min(1, len(sentences) - 1)][1]


#: Characters at most between a headline's figure and the body's opening time glued to it
#: (500间|房|昨日，).
_GLUED_GAP = 1


@cache
def _report_body_marks() -> tuple[str, ...]:
    return tuple(lexicon.words("report_body_marks"))


def _opens_body(norm: str, q_end: int, t: TimeExpr) -> bool:
    """Whether the time ``t``, after the quantity ending at ``q_end`` in its clause, opens a
    report's body glued to the headline the quantity ends (首付比20%|上周日，国务院…; 逾8小时
    【明报专讯】…昨日公布; 将募集10亿美元|记者昨日获悉): a mark of a report's body stands between
    (``data/report_body_marks.tsv``), or the time stands right after the figure (a measure
    word at most between) and ends the clause, a comma after it: a clause never closes with
    its own time glued to its figure (…结束本赛季，, a verb's object, is left alone)."""
    if t.start - q_end <= _GLUED_GAP and norm[t.end : t.end + 1] in ("，", ","):
        return True
    return _body_mark_between(norm, q_end, t.start)


def _body_mark_between(norm: str, start: int, end: int) -> bool:
    """Whether a mark of a report's body (``data/report_body_marks.tsv``: 【, 记者, 消息)
    stands between ``start`` and ``end``."""
    between = norm[start:end]
    return any(m in between for m in _report_body_marks())


@cache
def _source_cues() -> tuple[str, ...]:
    return tuple(lexicon.words("source_cues"))


def _source_between(norm: str, start: int, end: int) -> bool:
    """Whether a source cue (表示, 显示, 透露, 据…) stands between ``start`` and ``end``."""
    if end - start > 200:
        return False
    between = norm[start:end]
    return any(c in between for c in _source_cues())


#: What follows the window of a record (1951年以来|第四多, 2015年以来|新高, 有记录以来|最高,
#: 1951年以来|第八个最暖年份, 年内|高点).
_RECORD_RE = re.compile(
    r"(?:的)?(?:第[一二两三四五六七八九十\d]{1,3}(?:个|位|名)?最?|最|新)"
    r"(?:多|少|高|低|大|小|好|差|快|慢|热|冷|暖|强|弱)"
)
#: A record within the year (较4月上旬的年内高点, 创年内新低): 年内 is its window, not a time.
_YEAR_RECORD_RE = re.compile(r"(?:的)?(?:高点|低点|高位|低位|新高|新低|最高|最低)")


@cache
def _same_period_heads() -> tuple[str, ...]:
    return tuple(sorted(lexicon.words("same_period_heads"), key=len, reverse=True))


#: Characters at most between a word of data/same_period_heads.tsv and the 同期 it takes
#: (恢复至|疫前|同期, 占|全国|同期).
_SAME_PERIOD_GAP = 2


def _same_period_base(norm: str, t: TimeExpr) -> bool:
    """Whether ``t`` (同期, 2018年同期) is the period of the base, the whole or the record a
    quantity is measured against (占同期出货量的80.2%, 恢复至疫前同期的92.5%, 相当于2018年同期
    的46%, 创同期新高): the claim's own period is stated elsewhere."""
    if not t.text.endswith("同期"):
        return False
    if t.text != "同期":
        # 相当于2018年同期: the head right before the whole time
        return norm[max(0, t.start - 4) : t.start].endswith(_same_period_heads())
    head = norm[max(0, t.start - 4 - _SAME_PERIOD_GAP) : t.start]
    for gap in range(_SAME_PERIOD_GAP + 1):
        before = head[: len(head) - gap]
        between = head[len(head) - gap :]
        if any(not ("\u4e00" <= ch <= "\u9fff") for ch in between):
            return False
        if before.endswith(_same_period_heads()):
            return True
    return False


def _static_time_features(
    norm: str, t: TimeExpr, headline_end: int, base_ok: bool = False
) -> dict[str, float] | None:
    if not base_ok and is_base(norm, t.start):
        return None
    if (t.text.endswith("以来") or t.span) and _RECORD_RE.match(norm, t.end):
        # 为1951年以来第四多, 创2015年以来新高, 创近3个月新高: the window of a record
        return None
    if t.text == "年内" and _YEAR_RECORD_RE.match(norm, t.end):
        return None  # 较4月上旬的年内高点: the window of a record
    if _same_period_base(norm, t):
        return None  # 占同期出货量的80.2%, 恢复至疫前同期的92.5%: the base, not the time
    f = {"anchor": float(t.anchor)}
    if PERIOD_RE.search(t.text):
        f["period"] = 1.0
    if _RELATIVE_RE.match(t.text):
        f["relative"] = 1.0
    if norm.startswith("的", t.end):
        f["modifier"] = 1.0
    if t.start < headline_end:
        f["headline"] = 1.0
    if t.text in _REFERS_BACK:
        f["refers_back"] = 1.0
    if norm[t.end : t.end + 1] in ("，", ","):
        f["topical"] = 1.0  # 2009年，全国… : a time set before the clauses it governs
    if norm[t.end : t.end + 1] in ("讯", "电") or norm.startswith("消息", t.end):
        f["dateline"] = 1.0
    if norm[max(0, t.start - 4) : t.start].rstrip("于在到").endswith(_future_words()):
        f["plan_time"] = 1.0  # 将于近期上市, 计划明年: the time of a plan, not of a fact
    return f


def document_genre(
    norm: str,
    times: Sequence[TimeExpr],
    kinds: Sequence[str],
    sentences: Sequence[tuple[int, int]],
) -> dict[str, float]:
    """The document's genre signals (:data:`~extractor.ranker.GENRE_SIGNALS`), each in [0, 1]:
    the shares of its quantities (``kinds``: the kind of each) that are money, percentages,
    counts and scores, the share of its sentences that hold a time, whether it writes a
    reporting period, quantities per sentence and its length. One pass over what the
    extractor has already found; read once per document."""
    n = max(1, len(kinds))
    ns = max(1, len(sentences))
    timed = 0
    j = 0
    for s, e in sentences:
        while j < len(times) and times[j].end <= s:
            j += 1
        if j < len(times) and times[j].start < e:
            timed += 1
    out = {k: sum(1 for x in kinds if x == k) / n for k in _GENRE_KINDS}
    out["timed"] = timed / ns
    out["period"] = float(any(PERIOD_RE.search(t.text) for t in times))
    out["density"] = min(1.0, len(kinds) / ns / 3)
    out["length"] = min(1.0, math.log1p(len(norm)) / 10)
    return {k: out[k] for k in GENRE_SIGNALS}


def time_class(f: dict[str, float]) -> str:
    """Where a time option with features ``f`` stands (:data:`~extractor.ranker.TIME_CLASSES`)."""
    if f.get("empty"):
        return "none"
    if f.get("after") or f.get("same_clause"):
        return "clause"
    if f.get("same_sentence"):
        return "sentence"
    if f.get("lead"):
        return "lead"
    if f.get("headline") and f.get("sentences_back") and not f.get("semicolon"):
        return "head"
    return "back"


# ------------------------------------------------------------------------------ predicate
#: Tags and marks of the words inside a chain of counts (76个/q 县/zg （市、区）175万/m 人).
_CHAIN_FLAGS = frozenset(("q", "m", "zg", "k"))
_CHAIN_MARKS = frozenset("（）()、.")


def _bracket_rest(norm: str, at: int) -> list[Token]:
    """The tokens from a bracket opening at ``at`` to the end of its clause (（市、区）175万人受灾
    of 76个县（市、区）175万人受灾), tagged on their own; none when no bracket opens there."""
    if norm[at : at + 1] not in ("（", "("):
        return []
    end = at
    while end < len(norm) and end - at < 40 and norm[end] not in _CLAUSE_STOPS:
        end += 1
    out: list[Token] = []
    pos = at
    for word, flag in nlp.tag(norm[at:end]):
        out.append((word, flag, pos, pos + len(word)))
        pos += len(word)
    return out if pos == end else []


#: Qualifiers that may stand between a modal and its quantity (可达, 有望突破, 能超过).
_QUALIFYING_VERBS = frozenset(
    ("达", "达到", "超过", "突破", "高达", "超", "逾", "接近", "近", "约")
)


def _lone_word_rule(rule: Phrase, toks: Sequence[Token], report_end: int) -> bool:
    """Whether the clause rules' predicate is a word that is never one alone: a modal (可 of
    续航里程可达650公里), a report verb before the quantity (称 of 官方称15分钟…), or a total word
    right after a measured noun (累计 of 出货量累计1.36亿部). ``report_end``: where a report
    verb that governs the quantity's clause would end (-1: it opens no reported clause)."""
    if rule.text in lexicon.word_set("modal_words") and len(rule.text) == 1:
        return True  # (有望达到110个: a modal of two characters may be the gold's)
    if rule.start < 0:
        return False
    if rule.text in lexicon.word_set("clause_source_cues") and rule.end == report_end:
        return True
    if rule.text in lexicon.word_set("total_words"):
        k = bisect.bisect_left(toks, rule.start, key=lambda t: t[2])
        return k > 0 and toks[k - 1][3] == rule.start and _is_attr(toks[k - 1][0])
    return False


def _comparison_base(before: Sequence[Token]) -> int:
    """Where the comparison word starts when the quantity after ``before`` is the base of a
    comparison (较上年同期的|4.2亿美元, 远|超其对手乙的|约120万票), else -1."""
    if not before or before[-1][0] != "的":
        return -1
    for j in range(len(before) - 2, max(-1, len(before) - 8), -1):
        w = before[j][0]
        if w in _CLAUSE_STOPS or w == "的":
            return -1
        if j > 0 and before[j - 1][0] + w in lexicon.word_set("comparison_base_words"):
            return before[j - 1][2]
        if w in lexicon.word_set("comparison_base_words"):
            # (不低于股票资产的80%: a bound of the quantity, not a base.)
            return -1 if j > 0 and before[j - 1][0] in ("不", "并不", "不会") else before[j][2]
    return -1


def _clause_before(norm: str, at: int) -> list[Token]:
    """The tokens of the clause ending with the stop right before ``at``, tagged on their own
    (at most 30 characters back); none when no stop stands there."""
    if at < 1 or norm[at - 1] not in _CLAUSE_STOPS:
        return []
    start = at - 1
    while start > 0 and at - 1 - start < 30 and norm[start - 1] not in _CLAUSE_STOPS:
        start -= 1
    out: list[Token] = []
    pos = start
    for word, flag in nlp.tag(norm[start : at - 1]):
        out.append((word, flag, pos, pos + len(word)))
        pos += len(word)
    return out if pos == at - 1 else []


def _glue_bound_suffixes(tokens: Sequence[Token], q_start: int) -> Sequence[Token]:
    """``tokens`` with a bound attribute suffix the tagger cut off and read as a verb glued
    back to the verb or the noun before it (付费/v 率/v 提升 -> 付费率/n 提升, 核酸检测/n 率/v
    达到 -> 核酸检测率/n 达到): one measured noun. Only
    where a verb, an adverb or a qualifier follows (主教练|率队 stays). Only the words the
    predicate options of the quantity at ``q_start`` read are looked at (a clause of
    thousands of quantities stays linear)."""
    at = bisect.bisect_left(tokens, q_start, key=lambda t: t[2])
    lo, hi = max(0, at - 4 * _PRED_WINDOW), min(len(tokens), at + 3 * _PRED_WINDOW)
    if not any(
        t[0] in lexicon.word_set("bound_attribute_suffixes") and t[1] == "v" for t in tokens[lo:hi]
    ):
        return tokens
    out: list[Token] = list(tokens[:lo])
    for k in range(lo, hi):
        t = tokens[k]
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if (
            out
            and t[0] in lexicon.word_set("bound_attribute_suffixes")
            and t[1] == "v"
            and out[-1][1] in ("v", "vn", "n")
            and out[-1][3] == t[2]
            and (nxt is None or nxt[1][:1] in ("v", "d", "p", "x") or _is_number(nxt))
        ):
            prev = out.pop()
            out.append((prev[0] + t[0], "n", prev[2], t[3]))
        else:
            out.append(t)
    out.extend(tokens[hi:])
    return out


def predicate_options(
    *,
    norm: str,
    tokens: Sequence[Token],
    q_start: int,
    q_end: int,
    after_subject: int,
    rule: Phrase | None,
    shared: bool,
    kind: str,
    time_spans: Sequence[tuple[int, int]] = (),
    label: Phrase | None = None,
    carried: Phrase | None = None,
    previous_clause: Sequence[Token] = (),
) -> list[Option]:
    """The predicate options of the quantity at ``q_start`` in its clause's ``tokens``.

    ``time_spans`` are the time expressions near the quantity (never a predicate);
    ``label`` a label written before the quantity's clause ([参考价格] 399元, 价格：750美元);
    ``carried`` the predicate of the quantity before it when this one's clause names an item
    of the same list and no verb of its own (其中A 49亿元，B 18亿元); ``previous_clause`` the
    tokens of the clause before (总价款大幅增加，达1.59万亿元: the attribute is there)."""
    toks = _glue_bound_suffixes(tokens, q_start)
    lead_words = _before_gloss(norm, toks)
    if lead_words:
        toks = [*lead_words, *toks]
    at = bisect.bisect_left(toks, q_start, key=lambda t: t[2])
    past = bisect.bisect_left(toks, q_end, key=lambda t: t[2])
    # A transliterated name spans many tokens (安德烈-伊戈达拉): names and their joiners do
    # not count against the window, so the verb before them is still read.
    lo_w = max(0, at - _PRED_WINDOW)
    lo_w = max(0, lo_w - sum(1 for t in toks[lo_w:at] if _is_name(t) or t[0] in _NAME_JOINERS))
    before = [t for t in toks[lo_w:at] if t[3] <= q_start]
    after: list[Token] = []
    # A count with the noun it counts right after it (7个篮板2次抢断): the words after the
    # next number are that number's, not this one's.
    counted = kind in TALLY_KINDS and past < len(toks) and toks[past][1] in COUNTED_TAGS
    chain_at = -1  # where the next count of a chain starts (11个市76个县…受灾)
    ran_out = (
        kind in TALLY_KINDS
        and past < len(toks)
        and (toks[past][1] in COUNTED_TAGS or toks[past][1] in _CHAIN_FLAGS)
    )
    for n_at, t in enumerate(toks[past : past + _PRED_WINDOW], start=past):
        if t[0] in _CLAUSE_STOPS or _is_dateline(norm, t):
            ran_out = False
            break  # a clause ends; a dateline glued to a headline (…764亿元中新网5月22日电)
        if counted and t[1] in ("m", "eng") and t[0][:1].isdigit():
            chain_at = n_at
            break
        after.append(t)
    ran_out = ran_out and chain_at < 0 and past + _PRED_WINDOW >= len(toks)
    found: dict[tuple[int, int, str], dict[str, float]] = {}
    state = {"governed": False}
    base_at = _comparison_base(before)
    # A quantity that opens a reported clause (官方称15分钟可充满电, 调查称七成海归选择…): a
    # verb follows it in its clause, and the report verb right before it governs that clause.
    # (最高法公布5起重大制贩毒品案 6人被执行死刑: the verb after a mark or another number is
    # not said of this quantity.)
    reach = next(
        (j for j, t in enumerate(after) if t[1] == "x" or (j > 0 and _is_number(t))), len(after)
    )
    reported = any(_is_verb_at(after, j) for j in range(reach))
    # Where the name tokens of the window end (a one-character word starting there is the
    # rest of the name).
    name_ends = {
        t[3]
        for t in toks[max(0, at - 2 * _PRED_WINDOW) : past + _PRED_WINDOW]
        if t[1] in _PERSON_PLACE_ORG
    }
    # The time expressions around the quantity's window (found by bisection: a clause with
    # thousands of quantities must stay linear).
    lo_off = toks[max(0, at - 2 * _PRED_WINDOW)][2] if toks else q_start
    hi_off = toks[min(len(toks), past + _PRED_WINDOW) - 1][3] if toks else q_end
    near_times = time_spans[
        bisect.bisect_right(time_spans, lo_off, key=lambda x: x[1]) : bisect.bisect_left(
            time_spans, max(hi_off, q_end), key=lambda x: x[0]
        )
    ]

    # The verbs and the numbers of the window, with their offsets, read once per claim (each
    # option asks which of them stand between it and the quantity). A verb is tested at its
    # own index in ``toks`` (the window starts at ``lo_k``, past the clause's start when the
    # quantity stands more than 2 * _PRED_WINDOW tokens in).
    lo_k = max(0, at - 2 * _PRED_WINDOW)
    window = toks[lo_k : past + _PRED_WINDOW]
    verbs = [
        (t[2], t[3])
        for k, t in enumerate(window, start=lo_k)
        if t[0] not in _DROP_BEFORE and _is_verb_at(toks, k)
    ]
    numbers = [(t[2], t[3]) for t in window if _is_number(t)]

    def add(span: Sequence[Token], f: dict[str, float]) -> None:
        # A one-character word glued to a name before it is the name's end (湖|人, where the
        # tagger splits 湖人): never the start of a predicate.
        while span and name_ends and _name_tail(name_ends, span[0]):
            span = span[1:]
        if not span:
            return
        # A run that reaches a character the dictionary does not know (光学变焦|徕|卡, a
        # piece of a brand's name) ends before it.
        cut = next((k for k, t in enumerate(span) if unknown_han(t[0], t[1])), len(span))
        if 0 < cut < len(span) and _is_nounish(span[cut - 1]):
            span = span[:cut]
        text = "".join(t[0] for t in span)
        if not text.strip() or any(t[1] == "x" for t in span):
            return
        start, end = span[0][2], span[-1][3]
        if any(s < end and start < e for s, e in near_times):
            return  # a time expression is the claim's time, never its predicate
        if norm[start - 1 : start] == "《" and norm[end : end + 1] == "》":
            return  # 《飞驰人生2》以24.3亿元…: a title names a work, who the claim is about
        if all(
            (_is_name(t) and t[1] != "nz")
            or (
                k > 0
                and len(t[0]) == 1
                and t[1] in _NAME_TAIL_FLAGS
                and span[k - 1][1] in _PERSON_PLACE_ORG
            )
            for k, t in enumerate(span)
        ):
            return  # a name (or a piece of one) is who the claim is about, never what
        if text in lexicon.words("connective_words"):
            return  # 其中32784例为本土病例, 即6倍经验: how the figure links to the clause before
        if ends_like_dateline(text) or "记者" in text or "作者" in text:
            return  # a dateline or a byline (…记者, 作者：…)
        if base_at >= 0 and start >= base_at:
            return  # 较上年同期的4.2亿美元下降: the base's X and the change verb are not its own
        if text in lexicon.word_set("milestone_nouns") and start >= q_end and kind != "count":
            # 迈上1.9万亿元台阶: a figure of speech, not what the value measures (设立5个关口:
            # a count counts it).
            return
        if (
            text in lexicon.word_set("clause_source_cues")
            and reported
            and before
            and span[-1] is before[-1]
        ):
            return  # 官方称15分钟可充满电: the report governs the clause, not the quantity
        if _inside_name(norm, start, end):
            return  # a piece of a transliterated name (武贾西奇 of 萨沙-武贾西奇)
        f = dict(f)
        lo_b, hi_b = (end, q_start) if end <= q_start else (q_end, start)
        if any(lo_b <= a and b <= hi_b for a, b in verbs):
            f["verb_between"] = 1.0  # 指数|跌|0.01%: what a verb follows is its subject
        if any(lo_b <= a and b <= hi_b for a, b in numbers):
            f["number_between"] = 1.0  # 砍下43分17个篮板: 砍下 governs 43分 first
        if start < after_subject:
            f["in_subject"] = 1.0  # words of the subject, or of an earlier quantity's phrase
        if end <= q_start:
            f["before"] = 1.0
            f["dist"] = _log_dist(q_start - end)
        else:
            f["after"] = 1.0
            f["dist"] = _log_dist(start - q_end)
            if state["governed"]:
                f["after_governed"] = 1.0
        last = span[-1]
        if last[1].startswith("v") and last[1] != "vn":
            f["verb"] = 1.0
        elif _is_nounish(last):
            f["noun"] = 1.0
        if _is_attr(text):
            f["attr"] = 1.0
        if any(t[1] in _ENTITY_FLAGS and len(t[0]) >= 2 for t in span):
            f["proper"] = 1.0
        if len(text) == 1:
            f["single_char"] = 1.0
        f["length"] = min(len(text), 20) / 10
        if kind == "count" and f.get("noun"):
            f["kind_count_noun"] = 1.0
        if f.get("verb"):
            if kind == "percent":
                f["kind_percent_verb"] = 1.0
            elif kind == "money":
                f["kind_money_verb"] = 1.0
            elif kind == "score":
                f["kind_score_verb"] = 1.0
        key = (start, end, text)
        if key in found:
            found[key].update({k: v for k, v in f.items() if v})
        else:
            found[key] = {k: v for k, v in f.items() if v}

    # The starting value of a change (录取率从2010年的6.9%下降到…, 收费从800元降到600元):
    # 从/由 before the quantity, only a time and 的 between. The change verb after it is said
    # of both values; what is measured is the attribute before 从.
    k = len(before)
    while k > 0 and (
        before[k - 1][0] == "的" or any(s <= before[k - 1][2] < e for s, e in near_times)
    ):
        k -= 1
    from_base = k > 0 and before[k - 1][0] in _FROM_WORDS
    # What stands right before the quantity once qualifiers and copulas are dropped.
    k = len(before)
    copula = False
    while (
        k > 0
        and (
            before[k - 1][0] in _DROP_BEFORE
            or before[k - 1][1] in ("ul", "uj")
            # 续航里程可达650公里: the attribute is 续航里程 (将以不低于80%的…: 以 stays a word).
            or (
                before[k - 1][0] in lexicon.word_set("modal_words")
                and all(t[0] in _QUALIFYING_VERBS for t in before[k:])
            )
        )
    ):
        if before[k - 1][0] in ("为", "是", "达", "达到", "有"):
            copula = True
        k -= 1
    core = before[:k]
    # A total word dropped before a qualifier with no noun before it (三家合计超过7.3亿户):
    # what the clause says of the figure.
    for m in range(k, len(before)):
        if before[m][0] in lexicon.word_set("total_words") and not (
            m > 0 and _is_attr(before[m - 1][0])
        ):
            add([before[m]], {"adjacent": 1.0, "copula": float(copula)})
    # A measured attribute among the words dropped before the quantity (获得价值400元的奖品:
    # 价值 reads as a qualifier of the sum, and is what it measures).
    for t in before[k:]:
        if _is_attr(t[0]) and t[0] in _DROP_BEFORE:
            add([t], {"adjacent": 1.0, "copula": float(copula)})
    # A verb right before the quantity (only qualifiers between, no copula) governs it: the
    # noun after the quantity is then its object (提供约1500亿元保障), not what is measured.
    governed = (
        not copula
        and bool(core)
        and core[-1][1].startswith("v")
        and core[-1][1] != "vn"
        and core[-1][0] not in _MODAL_VERBS
        and core[-1][0] not in _COPULA
    )
    state["governed"] = governed
    # Verbs before and after, nearest first on each side.
    seen_verb = False
    for j in range(len(core) - 1, -1, -1):
        t = core[j]
        if t[1] == "x":
            if _joins_names(core, j):
                continue
            break
        if _is_verb_at(before, j):  # ``core`` is ``before`` without the 了 that may follow
            f = {"adjacent": float(j == len(core) - 1), "copula": float(copula)}
            if governed and j == len(core) - 1:
                f["governs"] = 1.0
            if not seen_verb:
                f["nearest_verb"] = 1.0
                seen_verb = True
            if (
                len(t[0]) == 1
                and j + 1 < len(core)
                and core[j + 1][0] in COMPLEMENTS
                and core[j + 1][1] in ("f", "v")
            ):
                add(core[j : j + 2], f)  # 砍|下 (全场最高的27分): the verb with its complement
            elif not (
                t[0] in lexicon.word_set("total_words") and j > 0 and _is_attr(core[j - 1][0])
            ):
                # (出货量累计1.36亿部: 累计 alone says nothing; 出货量累计 is offered below.)
                add([t], f)
            # The verb with the adverbs or nouns before it (同比增长, 净值下挫).
            m = j
            while (
                m > 0
                and j - m < 2
                and core[m - 1][1] in _MODIFIER_FLAGS
                and core[m - 1][2] >= after_subject
            ):
                m -= 1
                span = [u for u in core[m : j + 1] if u[0] not in lexicon.word_set("list_adverbs")]
                if len(span) > 1 or len(span) == j + 1 - m:
                    # 同比分别增长 reads 同比增长 (分别 alone adds nothing to 增长).
                    add(span, {**f, "modal": 1.0})
    # 以15%的份额位居第一: the attribute after 以…的 is what the quantity measures; the verbs
    # after it belong to the main clause (位居 governs 第一), so none is offered.
    yi_attr = False
    in_list, list_de = yi_list([t for t in toks[max(0, at - 16) : at] if t[3] <= q_start], after)
    yi_before = (bool(before) and before[-1][0] in ("以", "按")) or in_list
    if yi_before and after and after[0][0] == "的":
        e = noun_run(after, 1)
        yi_attr = e > 1 and _is_attr(after[e - 1][0])
    elif list_de >= 0 and before and before[-1][0] in ("以", "按"):
        # 以4.78%和4.55%的周涨幅: the first item of the list shares the attribute after 的.
        k = list_de
        e = noun_run(after, k + 1)
        if e > k + 1 and _is_attr(after[e - 1][0]):
            yi_attr = True
            add(after[k + 1 : e], {"after_de": 1.0, "yi_de": 1.0, "adjacent": 1.0})
    # 韩国以5枚金牌排名第七: the rank verb after a 以-phrase governs the ordinal, not the
    # quantity of the 以-phrase (what it counts, 金牌, is what that measures).
    # (以26胜18负排名第三: a record's second count stands in the 以-phrase too.)
    m = len(before)
    while (
        m > 0 and len(before) - m < 4 and (_is_number(before[m - 1]) or before[m - 1][1] in "vqm")
    ):
        m -= 1
    yi_rank = yi_before or (0 < m < len(before) and before[m - 1][0] in ("以", "按"))
    rank_at = frozenset(
        j
        for j, t in enumerate(after)
        if yi_rank
        and t[0] in lexicon.word_set("rank_verbs")
        and any(u[0].startswith("第") for u in after[j + 1 : j + 3])
    )
    seen_verb = False
    for j, t in enumerate([] if yi_attr else after):
        if t[1] == "x" and t[0] not in _QUOTES:
            break
        if (
            j not in rank_at
            and _is_verb_at(after, j)
            and (len(t[0]) >= 2 or t[0] not in _DROP_BEFORE)
            and t[0] not in _MODAL_VERBS
        ):
            # One-character verbs too (29%每月给1000元以下 -> 给); quotes do not stop the
            # search (38%的“80后”每月补贴家用).
            f = {"adjacent": float(j == 0)}
            if not seen_verb:
                f["nearest_verb"] = 1.0
                f["from_verb"] = float(from_base)
                seen_verb = True
            if governed and j == 0:
                f["object_noun"] = 1.0  # 获得2700万元授信: the object, tagged as a verb
            if _number_follows(after, j + 1):
                f["next_quantity"] = 1.0  # 6投5中拿下12分: 拿下 governs 12分
            add([t], f)
    # The stretch from the subject to the quantity (同比增长, 实现营业收入, 失业率均值).
    lo = 0
    while lo < len(core) and core[lo][2] < after_subject:
        lo += 1
    gap = core[lo:]
    # A time in the stretch (奇才半场仅落后3分) is the claim's time: the stretch goes on
    # after it.
    for k in range(len(gap) - 1, -1, -1):
        if any(s <= gap[k][2] < e for s, e in near_times):
            gap = gap[k + 1 :]
            while gap and gap[0][1] in _ADVERB_FLAGS:
                gap = gap[1:]  # 全年共募集善款 -> 募集善款
            break
    while gap and (gap[0][1] in ("x", "c", "p", "t", "uj") or gap[0][0] in ("的", "在", "了")):
        gap = gap[1:]
    if gap and len("".join(t[0] for t in gap)) <= 8 and not any(t[1] == "x" for t in gap):
        add(
            [t for t in gap if t[0] not in lexicon.word_set("list_adverbs")] or gap,
            {"gap": 1.0, "adjacent": 1.0, "copula": float(copula)},
        )
    handled = _handling_object(core)
    if handled:
        # 公安机关破获电信网络诈骗案件37.2万起: the handling verb with its whole object is
        # what the count says; the object's tail alone (网络诈骗案件) is no option.
        add(handled, {"gap": 1.0, "adjacent": 1.0, "handling": 1.0})
    # A measured attribute right before (at most three noun tokens).
    j = len(core)
    while j > 0 and len(core) - j < 3 and _is_nounish(core[j - 1]):
        j -= 1
    if j < len(core):
        add(core[j:], {"adjacent": 1.0, "copula": float(copula)})
    # The noun run before adverbs, a time or 从 (人均薪酬更是超过70万元, 振幅也只有29%,
    # 仓位还从一季度的68%…): what is measured, with words between it and the quantity.
    j = len(core)
    while j > 0 and (
        core[j - 1][1] in _SKIP_TO_ATTR_FLAGS
        or core[j - 1][0] in _FROM_WORDS
        or any(s <= core[j - 1][2] < e for s, e in near_times)
    ):
        j -= 1
    e_run = j
    while j > 0 and e_run - j < 3 and _is_nounish(core[j - 1]) and not _is_name(core[j - 1]):
        j -= 1
    if j < e_run < len(core):
        add(core[j:e_run], {"adverb_gap": 1.0})
    # A word with 于 right before the quantity (收盘于2980点, 位于第三): a verb phrase even
    # when the tagger reads its word as a noun (至 and 到 are dropped as qualifiers: 降至5%
    # offers 降).
    if len(core) >= 2 and core[-1][0] in _VERB_PREPS and core[-2][1] not in ("x", "p", "uj"):
        add(core[-2:], {"adjacent": 1.0, "prep_verb": 1.0})
    # A measured attribute anywhere before the quantity in its clause (哈佛大学的录取率从
    # 2010年的6.9%…, 人均薪酬更是超过70万元): the nearest noun run ending with an attribute.
    lead = [t for t in toks[max(0, at - 2 * _PRED_WINDOW) : at] if t[3] <= q_start]
    for j in range(len(lead) - 1, -1, -1):
        if lead[j][0] in _CLAUSE_STOPS:
            break
        if _is_nounish(lead[j]) and _is_attr(lead[j][0]) and lead[j][0] not in _DROP_BEFORE:
            m = j
            while m > 0 and j - m < 2 and _is_nounish(lead[m - 1]) and not _is_name(lead[m - 1]):
                m -= 1
            g_attr = {"clause_attr": 1.0, "from_base": float(from_base)}
            add(lead[m : j + 1], g_attr)
            add(lead[j : j + 1], g_attr)
            break
    # The base of a comparison opening its clause (净利润为3.5亿美元，较上年同期的4.2亿美元下降
    # 16.7%): what the clause before measures, and its verb.
    if base_at >= 0 and toks and not any(t[1] == "x" for t in before if t[2] < base_at):
        prev_toks = _clause_before(norm, toks[0][2])
        for j in range(len(prev_toks) - 1, -1, -1):
            t = prev_toks[j]
            if (_is_nounish(t) and _is_attr(t[0])) or (
                _is_verb_at(prev_toks, j) and t[0] not in _DROP_BEFORE
            ):
                add([t], {"clause_attr": 1.0, "previous_clause": 1.0})
                break
    # A clause that opens with its quantity (…总价款大幅增加，达1.59万亿元): the measured
    # attribute of the clause before.
    if not core and previous_clause:
        prev = list(previous_clause)
        for j in range(len(prev) - 1, -1, -1):
            if _is_nounish(prev[j]) and _is_attr(prev[j][0]):
                m = j
                while (
                    m > 0 and j - m < 2 and _is_nounish(prev[m - 1]) and not _is_name(prev[m - 1])
                ):
                    m -= 1
                g_prev = {"clause_attr": 1.0, "previous_clause": 1.0}
                add(prev[m : j + 1], g_prev)
                add(prev[j : j + 1], g_prev)  # 学费 of 贝茨学院学费最高，达到5万美元
                break
    # The noun the quantity counts (with the modifiers before it: 1220万有效像素), and the
    # verb after it.
    i = 0
    if after and after[0][0] == "的":
        i = 1
    j = noun_run(after, i)
    if j == i:
        m = i
        while (
            m < len(after)
            and m - i < 2
            and (
                after[m][1] in _NOUN_MODIFIER_FLAGS
                # After 的 a two-character word the tagger reads as a verb modifies the noun too
                # (15倍的超大光学变焦, 3秒的超快启动时间).
                or (i == 1 and m == i and after[m][1] == "v" and len(after[m][0]) == 2)
            )
        ):
            m += 1
        if m > i and noun_run(after, m) > m:
            j = noun_run(after, m)
    run_end = j
    # A duration restated as a span (两年时间, 七八年的时间) counts no noun: the verb after it
    # is still read.
    filler = kind == "duration" and "".join(t[0] for t in after[i:j]) in lexicon.word_set(
        "duration_fillers"
    )
    if j > i:
        run = after[i:j]
        yi = yi_before
        if not filler:
            add(
                run,
                {
                    "counted": float(i == 0),
                    "after_de": float(i == 1),
                    "yi_de": float(i == 1 and yi and _is_attr(run[-1][0])),
                    "adjacent": 1.0,
                    "object_noun": float(governed),
                },
            )
        if j < len(after) and after[j][1] in _ADVERB_FLAGS:
            j += 1
        if (
            j < len(after)
            and not yi_attr
            and j not in rank_at
            and after[j][1].startswith("v")
            and after[j][1] != "vn"
            and after[j][0] not in _MODAL_VERBS
        ):
            # After a governing verb the counted noun and what follows it are its object
            # (提供约1500亿元新冠保险保障), not a clause of their own.
            g = {"counted_verb": 1.0, "object_noun": float(governed)}
            if _number_follows(after, j + 1):
                g["next_quantity"] = 1.0
            add([after[j]], g)
            if not filler:
                add(after[i : j + 1], {**g, "counted": 1.0})
    # A chain of counts with their nouns and one verb closing it (全省11个市76个县（市、区）
    # 175万人受灾): the verb is said of every count of the chain, the nouns are what they count.
    if (chain_at >= 0 or ran_out) and toks:
        chain = list(toks[chain_at:]) if chain_at >= 0 else []
        # A note in brackets (县（市、区）) ends the clause's tokens: the chain reads on.
        chain += _bracket_rest(norm, toks[-1][3])
        counts = chain_at >= 0  # a count stands after the last bracket
        for n_at in range(min(len(chain), 3 * _PRED_WINDOW)):
            t = chain[n_at]
            if t[0] in _CLAUSE_STOPS:
                break
            if t[0] in ("（", "("):
                counts = False  # (7个篮板3次助攻（生涯新高）: a note, no count after it)
            elif _is_number(t):
                counts = True
            if _is_verb_at(chain, n_at):
                # (…7次助攻3次抢断: a verb right after a measure word is what it counts.)
                if (
                    counts
                    and n_at > 0
                    and _is_nounish(chain[n_at - 1])
                    # (…城市达到标准: 达到 closes the chain; 达到5个 qualifies a count.)
                    and not (
                        t[0] in _DROP_BEFORE
                        and n_at + 1 < len(chain)
                        and chain[n_at + 1][0][:1].isdigit()
                    )
                    and t[0] not in _MODAL_VERBS
                ):
                    add([t], {"counted_verb": 1.0, "next_quantity": 1.0})
                break
            if not (
                _is_number(t) or t[1] in _CHAIN_FLAGS or _is_nounish(t) or t[0] in _CHAIN_MARKS
            ):
                break
    # What the clause states of the quantity (and the noun it counts) when the tagger calls
    # it no verb: a state or adjective closing the clause (3人重伤, 四成半飘红), or the words
    # after an adverb there (百余款地板将特价销售, 7级资源将面市).
    if not yi_attr:
        # Modal words read as adverbs there (15分钟可充满电 -> 充满电).
        after_m = [
            (t[0], "d", t[2], t[3]) if t[0] in lexicon.word_set("modal_words") else t for t in after
        ]
        _closing_state(after_m, max(i, run_end), add)
    # A quantity that opens its clause and is what the clause speaks of (38%的“甲世代”每月
    # 给父母补贴家用, 三成因为房子老化要装修): the rest of the clause after it and the noun it
    # counts (a quoted term, a noun run) states what is claimed of that share.
    opening = all(t[1] == "x" or t[0] in _DROP_BEFORE for t in before[_clause_from(before) :])
    if opening and after and kind in _GROUP_KINDS and label is None:
        r = 1 if after[0][0] == "的" else 0
        if r < len(after) and after[r][0] in _QUOTES_OPEN:
            close = next((m for m in range(r + 1, len(after)) if after[m][0] in _QUOTES_CLOSE), -1)
            r = close + 1 if close > r else r
        r = noun_run(after, r)
        rest: list[Token] = []
        for t in after[r:]:
            timed = any(s <= t[2] < e for s, e in near_times)
            if timed and not rest and t[1] != "x":
                # a time opening the rest (六成的受访者|今年|打算换工作) is the claim's own
                continue
            if t[1] == "x" or timed:
                break  # the rest ends at a mark or a time (the claim's time, not its verb)
            rest.append(t)
        if any(_is_verb_at(rest, m) or rest[m][1] == "p" for m in range(len(rest))):
            add(rest, {"rest_of_clause": 1.0})
    # The head noun closing the noun phrase after the quantity (3.0英寸46万像素的HVGA液晶显示屏,
    # 1/2.4英寸的Exmor R CMOS图像传感器): the last noun run before a verb or the clause end.
    head: tuple[int, int] | None = None
    k = 0
    while k < len(after):
        t = after[k]
        if (t[1].startswith("v") and t[1] != "vn") or t[1] in ("p", "c", "r", "d"):
            break
        e = noun_run(after, k)
        if e > k:
            head = (k, e)
            k = e
        else:
            k += 1
    if head is not None and head[0] > (1 if after and after[0][0] == "的" else 0):
        a, b = head
        add(after[max(a, b - 3) : b], {"head_noun": 1.0})
    # The measure word itself when it names what is measured (39胜, 6篮板, 8号种子).
    # A sport statistic written as a shape (14投9中 -> 投篮).
    own = own_measure(norm, q_start, q_end)
    if own is not None:
        f_own = {"length": len(own.text) / 10}
        f_own["unit_word" if own.start >= 0 else "stat_shape"] = 1.0
        found[(own.start, own.end, own.text)] = f_own
    word = None
    if kind == "age":
        word = next((w for w in _age_words() if norm.endswith(w, 0, q_start)), None)
        if word is None:
            found[(-1, -1, "年龄")] = {"kind_default": 1.0, "length": 0.2}
        else:
            # 现年54岁, 年仅15岁: the word naming the age is written, in place of 年龄.
            a = q_start - len(word)
            f_age = {"adjacent": 1.0, "before": 1.0, "verb": 1.0, "nearest_verb": 1.0}
            found.setdefault((a, q_start, word), {"length": len(word) / 10}).update(
                {**f_age, "governs": 1.0}
            )
    if kind == "area" and not any(
        _is_attr(text) or (f.get("before") and f.get("adjacent"))
        for (_, _, text), f in found.items()
    ):
        found[(-1, -1, "面积")] = {"kind_default": 1.0, "length": 0.2}
    if norm.startswith("约占", q_start):
        # The share verb inside the quantity's qualifier (装备费约占41%): what the share is.
        found[(q_start, q_start + 2, "约占")] = {"share_verb": 1.0, "verb": 1.0, "length": 0.2}
    # A label before the quantity's clause ([参考价格] 399元).
    if label is not None:
        key = (label.start, label.end, label.text)
        found.setdefault(key, {"length": min(len(label.text), 20) / 10})["label"] = 1.0
    # The predicate of the list this quantity is an item of (其中A 49亿元，B 18亿元).
    if carried is not None and carried.text:
        key = (carried.start, carried.end, carried.text)
        f0 = found.setdefault(key, {"length": min(len(carried.text), 20) / 10})
        f0["list_carried"] = 1.0
    rank_spans = {(after[j][2], after[j][3]) for j in rank_at}
    if (
        rule is not None
        and rule.text
        and not _lone_word_rule(rule, toks, before[-1][3] if reported and before else -1)
        and (rule.start, rule.end) not in rank_spans
    ):
        if rule.start >= 0:
            span = [
                t
                for t in toks[max(0, at - _PRED_WINDOW) : past + _PRED_WINDOW]
                if rule.start <= t[2] and t[3] <= rule.end
            ]
            key = (rule.start, rule.end, rule.text)
            if key in found:
                found[key]["rule"] = 1.0
            elif span and "".join(t[0] for t in span) == rule.text:
                add(span, {"rule": 1.0})
            else:
                found[key] = {"rule": 1.0, "length": min(len(rule.text), 20) / 10}
        elif word is None:  # (年龄 of the rules gives way to 现年 as written)
            found[(-1, -1, rule.text)] = {"rule": 1.0, "length": min(len(rule.text), 20) / 10}
        if shared:
            for key in found:
                if key[2] == rule.text:
                    found[key]["shared"] = 1.0
    if not found and kind == "score" and norm[q_end - 1 : q_end] == "分":
        # Points scored where no word of the text reads as what they measure (埃里克-戈登11分,
        # 登 a piece of the name): 得分, not written.
        found[(-1, -1, "得分")] = {"points_default": 1.0, "length": 0.2}
    if not found and kind == "score" and _MATCH_SCORE_RE.fullmatch(norm, q_start, q_end):
        # A match score where no word of the text reads as what it measures (湖人100-82给比赛
        # 盖棺定论, 以3比1（19比25、25比17…）): 比分, not written.
        found[(-1, -1, "比分")] = {"kind_default": 1.0, "length": 0.2}
    if (
        governed
        and run_end > i
        and core[-1][0] in lexicon.word_set("equip_verbs")
        and kind != "money"
        and (after[i][2], after[run_end - 1][3], "".join(t[0] for t in after[i:run_end])) in found
    ):
        # A part the quantity measures follows (具有4倍光学变焦, 搭载了3.0英寸的显示屏): the
        # verb of having it is no predicate option, the part is.
        v_end = core[-1][3]
        for key in [key for key in found if key[0] >= 0 and key[1] == v_end]:
            del found[key]
    # 平均销售价格为每平方米14686元: 每 + a unit is the base of the rate, not what is measured,
    # where an attribute outside the subject (价格, 均价) is offered instead; a range set with
    # 在 (售价普遍在每公斤35元至60元之间) names the rate itself.
    if any(f.get("attr") and not f.get("in_subject") for f in found.values()):
        for key in [k for k in found if _rate_base(k[2]) and norm[k[0] - 1 : k[0]] != "在"]:
            del found[key]
    if handled:
        v_end, o_end = handled[0][3], handled[-1][3]
        for key in [k for k in found if v_end <= k[0] and k[1] == o_end]:
            del found[key]
    return [Option(text, start, end, f) for (start, end, text), f in found.items()]


#: The longest object of a handling verb read whole before its count (电信网络诈骗案件).
_OBJECT_CHARS = 12


def _handling_object(core: Sequence[Token]) -> list[Token]:
    """A handling verb (data/handling_verbs.tsv) and the object after it that ends right
    before the quantity (破获|电信网络诈骗案件|37.2万起, 查处|酒驾醉驾违法行为|2117起): the
    object's words may be any but marks, prepositions, conjunctions and 的, at most
    :data:`_OBJECT_CHARS` characters, a noun last; none otherwise."""
    if not core or not (_is_nounish(core[-1]) or core[-1][1] in ("zg", "l")):
        return []
    verbs = lexicon.word_set("handling_verbs")
    chars = 0
    for j in range(len(core) - 1, 0, -1):
        t = core[j]
        if t[1] in ("x", "p", "c", "uj", "ul") or t[0] in _DROP_BEFORE:
            return []
        chars += len(t[0])
        if chars > _OBJECT_CHARS:
            return []
        if core[j - 1][0] in verbs:
            return list(core[j - 1 :])
    return []


#: The longest gloss in brackets read as a restatement of the word before it (（PMI）, （GDP）).
_GLOSS_CHARS = 12


def _before_gloss(norm: str, toks: Sequence[Token]) -> list[Token]:
    """The words of a clause that a bracketed gloss cut off (制造业采购经理指数（PMI）为49.0%:
    the clause's tokens start after ``）``; the acronym restates the attribute before it,
    which is what the quantity measures), tagged on their own, the gloss left out (at most 30
    characters back to a stop); none when no gloss closes right before the tokens."""
    if not toks:
        return []
    close = toks[0][2] - 1
    if close < 2 or norm[close] not in ("）", ")"):
        return []
    o = close - 1
    while o > 0 and close - o <= _GLOSS_CHARS and norm[o] not in "（(":
        if norm[o] in _CLAUSE_STOPS or norm[o] in "）)":
            return []
        o -= 1
    if norm[o] not in "（(" or o == close - 1:
        return []
    start = o
    while start > 0 and o - start < 30 and norm[start - 1] not in _CLAUSE_STOPS:
        if norm[start - 1] in "（()）":
            break
        start -= 1
    if start == o:
        return []
    out: list[Token] = []
    pos = start
    for word, flag in nlp.tag(norm[start:o]):
        out.append((word, flag, pos, pos + len(word)))
        pos += len(word)
    return out if pos == o else []


def _rate_base(text: str) -> bool:
    """Whether ``text`` is 每 and a physical unit (每平方米, 每吨, 每公斤)."""
    return text.startswith("每") and UNIT_KIND.get(text[1:]) in _RATE_BASE_KINDS
