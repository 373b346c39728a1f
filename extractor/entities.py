"""The document's entity table and the subject options of a claim.

The table holds the named mentions of the clauses the extractor tags anyway (those with a
quantity, plus the headline — in this corpus the text up to the first sentence end): noun runs
that look like names (proper-noun tags, organisation, person and place shapes, transliterated
names with ·/-, Latin names, 高某-style names). Each entry has a salience (occurrences in the
document, presence in the headline) that names the topic of the article when a claim's subject
is implicit.

:func:`subject_options` lists the candidate subjects of one quantity — the noun runs of its
sentence before it (with a measured attribute split off, 新农合 | 筹资水平), the subject the
clause rules chose (perhaps carried over from an earlier sentence) and the most salient
entries of the table — each with the generic features of :mod:`extractor.ranker`. The ranker
picks one; the rest are the runners-up a reviewer can pick from.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate

from . import lexicon, nlp
from .numbers import CN_BIG_UNITS, CN_DIGITS, CN_SMALL_UNITS
from .ranker import Option
from .roles import (
    _ATTR_SUFFIXES,
    _COPULA,
    _DROP_BEFORE,
    _ENTITY_FLAGS,
    _GENERIC,
    _ORG_SUFFIXES,
    _ROLE_SUFFIXES,
    _SENTENCING_VERBS,
    COMPLEMENTS,
    INCIDENT_RE,
    Phrase,
    Token,
    _deictic,
    _ends_with_org,
    _is_attr,
    _is_nounish,
    ends_like_dateline,
    entity_score,
    is_dateline,
    may_open_run,
    noun_run,
    sentence_parts,
    unknown_han,
    verb_before_name,
)
from .units import CURRENCY_BEFORE, kind_of

#: A transliterated name (凯文-杜兰特, 丽萨•斯科曼) or a surname with 某 (高某, 程某某).
_PERSON_SHAPE = re.compile(
    r"(?:[\u4e00-\u9fff]{1,6}(?:[-·•－][\u4e00-\u9fff]{1,8})+|[\u4e00-\u9fff]某{1,2})$"
)
_LATIN = re.compile(r"[A-Za-z][A-Za-z&.\- ]{1,30}$")
#: A transliterated name written with · or - between its parts.
_TRANSLIT_RE = re.compile(r"[\u4e00-\u9fff]{1,5}(?:[-·•－][\u4e00-\u9fff]{1,6})+")
#: A person named by surname and 某, with the title before it (犯罪嫌疑人高某, 男子程某某).
_MOU_RE = re.compile(
    r"(?:犯罪嫌疑人|嫌疑人|被告人|被告|被害人|男子|女子|司机|患者|老人|村民|学生)?"
    r"(?P<name>[\u4e00-\u9fff]某{1,2})"
)
#: The marks between the parts of a transliterated name.
_NAME_SEPARATORS = frozenset("-·•－")
_NAME_SPLIT = re.compile(r"[-·•－]")
#: Tags of the words a part of a transliterated name is made of (names, abbreviations, and
#: the marks between parts); a longer word with another tag is no part of the name.
_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "nz", "ns", "j", "x"})
#: Tag classes of one-character words that never stand inside a name (particles,
#: prepositions, conjunctions): 的, 在, 和. (Adverbs, pronouns and measure words do: 特, 什, 米.)
_NAME_BREAK = frozenset("upc")
#: Tag classes the tagger gives to pieces of transliterated names it does not know (比利/n).
_NAME_NOUNS = frozenset("na")
#: Characters of context tagged on either side of a transliterated name's parts.
_WORD_CONTEXT = 4
#: Tags of a word that may hold the edge of a name (a name the tagger knows: 小拜).
_PERSON_FLAGS = frozenset({"nr", "nrt", "nrfg", "nz"})
#: A name in Latin script: capitalised words, digits, and the marks of model names.
#: A name may open with one or two small letters before its capital (iPhone, eBay).
_LATIN_NAME_RE = re.compile(
    r"(?<![A-Za-z])(?:[a-z]{1,2})?[A-Z][A-Za-z0-9&]*(?:[ \-.][A-Za-z0-9*/][A-Za-z0-9*/.\-]*){0,6}"
)
#: A product named by a brand and a model (尼康D90, 昂达VX585HD, 佳能EOS 7D, 宾得Optio P70,
#: 佳能5D Mark II): Chinese characters, at most one space, then a model of Latin letters and
#: digits in up to four parts joined by single spaces, each later part opening with a capital
#: or a digit. :func:`model_name` says which matches are models (a letter and a digit).
_MODEL_RE = re.compile(
    r"[\u4e00-\u9fff]{2,5} ?[A-Za-z0-9][A-Za-z0-9\-]*(?: [A-Z0-9][A-Za-z0-9]{0,5}){0,3}"
)
#: The most Chinese characters a brand-and-model name's brand part is read over.
_BRAND_MAX = 9
#: Tag classes of words that are no part of a brand (verbs, particles, pronouns, numerals,
#: measure words, prepositions, conjunctions, places of direction, times: 推出, 的, 这, 款,
#: 最近, 月末 of 6月末M2).
_NOT_BRAND = frozenset("vurmqpcft")
#: A Latin letter: a clause without one holds no brand-and-model name.
_HAS_LATIN = re.compile(r"[A-Za-z]")
#: A later part of a model that is a size with its unit (18mm, 5cm): the model ends before it.
_SIZE_PART = re.compile(r"[0-9][0-9.]*[a-z]+")
#: Characters a name read on by its repetitions never takes (punctuation, function words,
#: digits: a name does not run into a number).
_EXTEND_STOP = set(
    '，,。；;：:、！？!?（）()“”"《》的在是和与及于对向为被把将从以由等了着也都又还这那其每各'
)
#: The most one-character words glued into one name the tagger split (交|银 -> 交银).
_GLUE_MAX = 4
#: Tag classes of a one-character word never glued into a name: prepositions, conjunctions,
#: particles, pronouns, adverbs, interjections.
_GLUE_BAD_TAGS = frozenset({"p", "c", "u", "r", "d", "e", "y", "o"})
#: Tags of a first and a last piece that make a phrase, not a name: a degree adverb, verb or
#: adjective before a verb, adjective or localiser (较|少, 高|达, 会|有, 砍|下).
_PHRASE_FIRST = frozenset({"zg", "v", "a"})
_PHRASE_LAST = frozenset({"v", "a", "f"})
#: Chinese numerals: a one-character word that is one is a count, never part of a name.
_NUMERAL_CHARS = frozenset((*CN_DIGITS, *CN_SMALL_UNITS, *CN_BIG_UNITS))
#: The longest continuation (characters) read after a name by its repetitions.
_EXTEND_MAX = 6
#: The longest piece (characters) read back before a person's name by its repetitions.
_READ_BACK_MAX = 2
#: Characters of context tagged before a piece read back onto a name.
_READ_BACK_CONTEXT = 6
#: Tag classes of a word never read back onto a name: adverbs, prepositions, conjunctions,
#: particles, pronouns, numerals, measure words, localisers, time words, interjections.
_READ_BACK_BAD = frozenset("dpcurmqftey")
#: Tags of a word that names something else than a person (a place, an organisation).
_READ_BACK_OTHER = frozenset({"ns", "nt"})
#: How often jieba's dictionary may count a verb as a word of its own for it to be read back
#: onto a name (拜 6338, 费 3247, 喜 7380: pieces of names; 让 50310, 叫 43431, 请 23523, 派 21853:
#: verbs that take a person as object).
_READ_BACK_VERB_FREQ = 10000
#: A term in quotation marks (“80后”, “拉黑”).
_QUOTED_RE = re.compile(r"[“\"「『]([^“”\"「」『』，。；！？、\s]{2,10})[”\"」』]")
#: A short name in quotes (“勇士礼包”): no punctuation inside, so no quoted speech.
_NAME_QUOTE_RE = re.compile(r"“([^“”，。；：！？、,;:!?\s]{2,12})”")
#: A title in book-title marks.
_TITLE_RE = re.compile(r"《([^《》]{1,30})》")


@cache
def _demonstrative_classes() -> dict[str, tuple[str, ...]]:
    """Class nouns that after 该 point back to a named thing, with the endings such a name
    has (《 for a title), from ``data/demonstrative_classes.tsv``."""
    return {row[0]: tuple(row[1].split(",")) for row in lexicon.table("demonstrative_classes")}


#: The end of a demonstrative class that stands for a product's own name: a brand-and-model
#: name (明途M7) or a name in quotes (“鸿达一号”).
_PRODUCT_MARK = "@"


def _class_prefix(text: str, ends: tuple[str, ...]) -> str | None:
    """The name of the class ``ends`` gives that opens a longer name of the table, where a
    unit of it follows (市第一人民医院|心外科团队, 江城大学附属中学|教务处): what 该院, 该校
    stand for. Only a class end of two characters or more (医院, 中学, 公司; never 市 of
    超市), ending where a word of the tagger ends, with three characters or more before the
    unit."""
    cut = -1
    for end in ends:
        if len(end) < 2:
            continue
        at = text.rfind(end)
        if at > 0 and at + len(end) < len(text) and at + len(end) > cut:
            cut = at + len(end)
    if cut < 3:
        return None
    edges = set(accumulate(len(w) for w, _ in nlp.tag(text)))
    return text[:cut] if cut in edges else None


@cache
def _anaphor_classes() -> dict[str, tuple[str, ...]]:
    """Whole words that point back to a named thing, with that thing's endings: 该 with a
    class noun of ``data/demonstrative_classes.tsv`` (该市, 该芯片) and the words of
    ``data/product_anaphors.tsv`` (新车, 新机)."""
    got = {"该" + k: v for k, v in _demonstrative_classes().items()}
    for row in lexicon.table("product_anaphors"):
        got[row[0]] = tuple(row[1].split(","))
    for head, ends in _event_ends().items():
        for this in _EVENT_DEMONSTRATIVES:
            mark = _EDITION_MARK if "届" in this else _EVENT_MARK
            got.setdefault(this + head, (mark, *ends))
    return got


#: The demonstratives of an occasion: with an event noun of ``data/event_anaphors.tsv`` they
#: point back to the event the text named last (本次选举, 这场比赛).
_EVENT_DEMONSTRATIVES = (
    "本次",
    "此次",
    "这次",
    "该次",
    "本届",
    "这届",
    "此届",
    "该届",
    "这场",
    "本场",
    "该场",
)
#: The end of a demonstrative class that stands for an event's name (:meth:`event_antecedent`),
#: and for a whole edition of one (本届: never a stage of it, 决赛).
_EVENT_MARK = "!"
_EDITION_MARK = "!届"
#: The stages of a competition (a 届 is the whole edition, never one of them).
_STAGE_ENDS = ("决赛", "预赛", "小组赛", "淘汰赛", "资格赛")


@cache
def _event_ends() -> dict[str, tuple[str, ...]]:
    """Event nouns with the ends of the names they stand for (data/event_anaphors.tsv)."""
    return {row[0]: tuple(row[1].split(",")) for row in lexicon.table("event_anaphors")}


@cache
def _product_heads() -> tuple[str, ...]:
    """Class nouns of a made thing (芯片, 技术): the ends of ``data/product_anaphors.tsv``
    that are no :data:`_PRODUCT_MARK`."""
    return tuple(
        {e for row in lexicon.table("product_anaphors") for e in row[1].split(",")}
        - {_PRODUCT_MARK}
    )


#: Words naming a side or every place of the area (data/side_words.tsv), longest first.
_SIDE_RE = re.compile(
    "|".join(
        sorted(
            [
                *map(re.escape, lexicon.words("side_words")),
                *("该" + re.escape(w) for w in lexicon.words("demonstrative_classes")),
                *map(re.escape, lexicon.words("product_anaphors")),
                *(
                    t + re.escape(w)
                    for t in _EVENT_DEMONSTRATIVES
                    for w in lexicon.words("event_anaphors")
                ),
            ],
            key=len,
            reverse=True,
        )
    )
)
#: Pronouns that stand for a person, and for anything else (it, its, both).
_PERSON_PRONOUNS = frozenset({"他", "她", "他们", "她们"})
_THING_PRONOUNS = frozenset({"它", "它们", "其", "两者", "二者"})
#: The pronouns of one person: their antecedent is the person named last (他们 is a team's).
_ONE_PERSON = frozenset({"他", "她"})
#: How many table entries (most salient first) join the options of every claim.
TABLE_OPTIONS = 3
#: How many of the document's titles in book-title marks join the options of every claim.
TITLE_OPTIONS = 1
#: How many clauses before the quantity's own offer subject options (3: 5-fold CV subject 0.407
#: against 0.403 with 6, the ceiling 0.746 against 0.749; 2026-12-02).
_CLAUSES_BACK = 3
#: Characters before the quantity read in its own clause.
_WINDOW_BEFORE = 80
#: Characters after a clause's end searched for a closing source cue (X表示：…).
_CUE_SPAN = 6


@cache
def _cues(where: str) -> tuple[str, ...]:
    return tuple(row[0] for row in lexicon.table("source_cues") if row[1:2] == (where,))


@cache
def _report_nouns() -> tuple[str, ...]:
    """``data/report_nouns.tsv``, longest first."""
    return tuple(sorted(lexicon.words("report_nouns"), key=len, reverse=True))


@cache
def _long_close_cues() -> tuple[str, ...]:
    """The closing source cues of two characters or more (表示, 预计): a subject option that
    ends with one is a name glued to its verb of saying."""
    return tuple(c for c in _cues("close") if len(c) >= 2)


#: The words that close a criterion on a number (60岁以上, 90平米以下): left at the head of a
#: subject option when the number is read apart, they name no part of the group.
_CRITERION_TAILS = ("以上", "以下", "以内")


def _glued_ends(text: str) -> tuple[int, int]:
    """How many characters at the head and at the tail of a subject option are words glued to
    a name that are no part of it: a verb written before a team (``team_cues.tsv``:
    战胜|日本队), a source's cue (``source_cues.tsv``: 据|海关总署, 美国劳工部|预计; closing
    cues of one character, 称 and 说, end nouns too, 名称, 来说, and stay), and a word that
    names no subject (``not_subject_words.tsv``: GDP|同比, 公司|累计). A cue is cut only where
    two characters or more are left; the team's verb always. A connective or a discourse
    word glued to the head (``option_heads.tsv``: 其中|统筹基金, 而|招商银行) is cut the same
    way."""
    head = tail = 0
    before_team = _team_cues()[1]
    if text.startswith(before_team):
        head = next(len(c) for c in before_team if text.startswith(c))
    rest = text[head:]
    if rest.startswith(_CRITERION_TAILS) and len(rest) >= 4:
        # the tail of a criterion before the group it bounds (40岁以上|人群, 90平米以下|小户型)
        head, rest = head + 2, rest[2:]
    if rest.startswith(_option_heads()):
        lead = max((w for w in _option_heads() if rest.startswith(w)), key=len)
        if len(rest) - len(lead) >= 2:
            head, rest = head + len(lead), rest[len(lead) :]
    if rest.startswith(_cues("open")):
        opener = max((c for c in _cues("open") if rest.startswith(c)), key=len)
        if len(rest) - len(opener) >= 2:
            head, rest = head + len(opener), rest[len(opener) :]
    if rest.endswith(_long_close_cues()):
        close = max((c for c in _long_close_cues() if rest.endswith(c)), key=len)
        if len(rest) - len(close) >= 2:
            tail, rest = len(close), rest[: -len(close)]
    words = lexicon.word_set("not_subject_words")
    word = next((n for n in _not_subject_sizes() if len(rest) > n and rest[-n:] in words), 0)
    return head, tail + word


@cache
def source_frame(inner: int = 0) -> re.Pattern[str]:
    """``data/source_frame_words.tsv`` as one pattern: an open word, then at least ``inner``
    characters and a close word ending the text searched (经数据中心测算, 据初步统计): a clause
    that names who reports the figures after it (:mod:`extractor.core` marks its names as
    sources) and never a name itself."""
    rows = lexicon.table("source_frame_words")
    opens = "|".join(re.escape(r[0]) for r in rows if r[1] == "open")
    closes = "|".join(
        re.escape(r[0]) for r in sorted(rows, key=lambda r: -len(r[0])) if r[1] == "close"
    )
    return re.compile(f"(?:{opens}).{{{inner},}}(?:{closes})$")


#: The first characters of the open words of a source frame (a cheap test before the pattern).
_FRAME_OPENS = frozenset(r[0][0] for r in lexicon.table("source_frame_words") if r[1] == "open")


@cache
def _option_heads() -> tuple[str, ...]:
    """Connectives and discourse words glued to the head of a subject option
    (``data/option_heads.tsv``: 其中|统筹基金, 而|招商银行)."""
    return lexicon.words("option_heads")


@cache
def _team_cues() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The cues after and before a team's name (``data/team_cues.tsv``), and the
    one-character cues after it, which a name may end with (湖人队)."""
    rows = lexicon.table("team_cues")
    after = tuple(r[0] for r in rows if r[1] in ("after", "both"))
    before = tuple(r[0] for r in rows if r[1] in ("before", "both"))
    return after, before, tuple(c for c in after if len(c) == 1)


@cache
def team_result_units() -> frozenset[str]:
    """``data/team_result_units.tsv``: units of a count that is a team's result (23胜, 5连败)."""
    return frozenset(lexicon.words("team_result_units"))


@cache
def _not_subject_sizes() -> tuple[int, ...]:
    """The lengths of the words of ``data/not_subject_words.tsv``, shortest first."""
    return tuple(sorted({len(w) for w in lexicon.word_set("not_subject_words")}))


#: Class nouns that describe the name after them (data/alias_descriptors.tsv).
_DESCRIPTORS = tuple(lexicon.words("alias_descriptors"))


def _before_currency(tokens: Sequence[Token], i: int, j: int) -> int:
    """The end of the run ``tokens[i:j]`` without a currency word that belongs to the amount
    after it (营收|新台币1,719亿元, 罚金|人民币50万元: data/currency_before.tsv)."""
    if (
        j - i > 1
        and j < len(tokens)
        and tokens[j - 1][0] in CURRENCY_BEFORE
        and tokens[j][0][:1].isdigit()
    ):
        return j - 1
    return j


def descriptor_split(run: Sequence[Token]) -> int:
    """Where the name starts in a noun run that opens with its description (晶圆代工厂|晶宇科技,
    电动车大厂|特斯拉, 开发商|恒裕置业): the index of the run's first token after the last class
    noun of data/alias_descriptors.tsv that leaves a name of two characters or more; 0 when
    the run has none."""
    for k in range(len(run) - 1, 0, -1):
        if run[k - 1][0].endswith(_DESCRIPTORS) and run[-1][3] - run[k][2] >= 2:
            return k
    return 0


#: A token that is a number (digits, or Chinese numerals): a one-character word after it is
#: its measure word, never the start of a name.
_NUMBER_TOKEN = re.compile(r"[\d.,]+|[零〇一二两三四五六七八九十百千万亿]+")
#: A clause that ends like a dateline or a report (新华社电, 据…消息).
_REPORT_END = re.compile(r"(?:消息|报道)$")


@dataclass(slots=True)
class Entry:
    """A name of the entity table."""

    text: str
    start: int
    end: int
    freq: int
    headline: bool
    proper: bool
    person: bool


def is_source_clause(norm: str, start: int, end: int, speaker: bool = True) -> bool:
    """Whether ``norm[start:end]`` is a clause that names a source (据…, …表示, a dateline);
    ``speaker``: a short clause before a colon (a quoted speaker, or a label: 地点：) counts."""
    clause = norm[start:end].strip()
    if clause.startswith(_cues("open")):
        return True
    if clause.endswith(_cues("close")):
        return True
    if clause.endswith(_report_nouns()):
        # 国家统计局17日发布数据, 海关总署公布的最新数据: a cue, then what the source issues
        for noun in _report_nouns():
            if clause.endswith(noun) and clause[: -len(noun)].rstrip("的了").endswith(
                _cues("close")
            ):
                return True

    if _REPORT_END.search(clause) or ends_like_dateline(clause):
        return True
    # A quoted speaker: the clause ends with a full-width or plain colon after a short name.
    return speaker and end < len(norm) and norm[end] in "：:" and end - start <= 12


def _shape(run: Sequence[Token]) -> tuple[bool, bool]:
    """(proper, person) for a run of tokens."""
    text = "".join(t[0] for t in run)
    proper = any(t[1] in _ENTITY_FLAGS and len(t[0]) >= 2 for t in run)
    person = any(t[1] in ("nr", "nrfg", "nrt") for t in run) or bool(_PERSON_SHAPE.match(text))
    if _LATIN.match(text):
        proper = True
    return proper or person, person


def _gluable(t: Token) -> bool:
    """Whether a word may be a piece of a name the tagger split into characters: one Chinese
    character that is no function word, punctuation or numeral."""
    word = t[0]
    return (
        len(word) == 1
        and "\u4e00" <= word <= "\u9fff"
        and word not in _EXTEND_STOP
        and word not in _NUMERAL_CHARS
        and t[1][:1] not in _GLUE_BAD_TAGS
    )


def noun_runs(tokens: Sequence[Token], stop: int | None = None) -> list[tuple[int, int]]:
    """Maximal noun-like runs of a clause's tokens as (first, past-last) token indices."""
    out: list[tuple[int, int]] = []
    toks = list(tokens)
    i = 0
    while i < len(toks):
        if stop is not None and toks[i][2] >= stop:
            break
        if not may_open_run(toks[i]):
            i += 1
            continue
        j = noun_run(toks, i, stop=stop)
        k = verb_before_name(toks, i, j)
        while k >= 0:
            # A verbal noun before a place or person is its verb: 专家|预测|上海, 访问|北京.
            if k > i:
                out.append((i, k))
            i = k + 1
            k = verb_before_name(toks, i, j)
        if j > i:
            out.append((i, _before_currency(toks, i, j)))
            i = j
        else:
            i += 1
    return out


def _word_bounds(norm: str, start: int, end: int) -> tuple[int, int]:
    """A transliterated name's span moved to the tagger's word boundaries: a word that
    straddles its start (主持人 of 持人谢莉尔-米勒) or its end is left out, unless the tagger
    reads that word as a name. The name's first and last parts are tagged with a few
    characters of context; a part is never emptied."""
    seps = [i for i in range(start, end) if norm[i] in _NAME_SEPARATORS]
    if not seps:
        return start, end
    first, last = seps[0], seps[-1] + 1
    lo = max(0, start - _WORD_CONTEXT)
    pos = lo
    for word, flag in nlp.tag(norm[lo:first]):
        a, b = pos, pos + len(word)
        pos = b
        if a < start < b:
            if flag not in _PERSON_FLAGS and b < first:
                start = b
            break
    hi = min(len(norm), end + _WORD_CONTEXT)
    pos = last
    for word, flag in nlp.tag(norm[last:hi]):
        a, b = pos, pos + len(word)
        pos = b
        if a < end < b:
            if flag not in _PERSON_FLAGS and a > last:
                end = a
            break
    return start, end


def _breaks_name(word: str, flag: str, kept: int = 9) -> bool:
    """Whether a tagged word cannot be part of a transliterated name, ``kept`` characters of
    the part before it: a word of two or more characters tagged as no name (a common noun
    only after three characters of the part: 吉诺|比利 is a name, 詹姆斯|全场 is not), or a
    one-character function word."""
    if len(word) >= 2:
        if flag in _NAME_TAGS:
            return False
        return kept >= 3 or flag[:1] not in _NAME_NOUNS
    return flag[:1] in _NAME_BREAK


def _after_name(word: str, flag: str) -> bool:
    """Whether a one-character word right after a name the tagger knows whole (里德/nrt)
    starts the clause's predicate (砍 of 里德砍下, 也 of 约翰逊也拿下): a verb or an adverb."""
    return len(word) == 1 and flag[:1] in "vd"


#: What follows a one-character verb that ends a name before it: a complement (砍下) or 了.
_AFTER_VERB = COMPLEMENTS | {"了"}


def _verb_and_complement(word: str, flag: str, after: Sequence[tuple[str, str]]) -> bool:
    """Whether a one-character verb with its one-character complement (砍|下 of 帕克砍下)
    follows a name: the clause's predicate, no part of the name (登 of 戈|登 is, alone)."""
    return len(word) == 1 and flag[:1] == "v" and bool(after) and after[0][0] in _AFTER_VERB


def _tag_trim(norm: str, start: int, end: int) -> tuple[int, int]:
    """A transliterated name read greedily by :data:`_TRANSLIT_RE` (球星勒布朗-詹姆斯全场,
    维斯-约翰逊也拿下) cut by the tagger's words: the first part starts after the last word
    before the first mark that cannot belong to a name (球星, 的, 当), the last part ends before
    the first such word after the last mark (全场, 的). A part keeps at least one character."""
    seps = [i for i in range(start, end) if norm[i] in _NAME_SEPARATORS]
    if not seps:
        return start, end
    first, last = seps[0], seps[-1] + 1
    pos = last
    named = False
    tail = nlp.tag(norm[last:end])
    for k, (word, flag) in enumerate(tail):
        if pos > last and (
            _breaks_name(word, flag, pos - last)
            or (named and _after_name(word, flag))
            or _verb_and_complement(word, flag, tail[k + 1 : k + 2])
        ):
            end = pos
            break
        named = len(word) >= 2 and flag in _PERSON_FLAGS
        pos += len(word)
    words = []
    pos = start
    for word, flag in nlp.tag(norm[start:first]):
        words.append((word, flag, pos + len(word)))
        pos += len(word)
    for word, flag, b in reversed(words):
        if b < first and _breaks_name(word, flag):
            start = b
            break
    return start, end


#: How many characters a short name's written full form (:meth:`EntityTable.written_full`)
#: may add to it.
_FULL_MORE = 10
#: The characters of a written name: Han, Latin letters, digits (no punctuation, no space).
_WRITTEN_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")
#: The tags of the words such a full form is written with (nouns, names, verbs and adjectives
#: of a fund's name, 增强/v 优选/v): no particle, conjunction, preposition, numeral or adverb.
_NAME_WORD_TAG = re.compile(r"[nvabjz]|eng")


@cache
def _name_endings() -> tuple[str, ...]:
    """``data/name_endings.tsv``: the endings of a company's full name."""
    return tuple(lexicon.words("name_endings"))


#: The tags of the known names a short name may be written with (长盛/nz 同庆/ns).
_SHORT_NAME_TAGS = frozenset({"nz", "ns", "nr", "nrt", "nt", "j", "ng"})


def _unknown_name(words: Sequence[tuple[str, str]]) -> bool:
    """Whether a short name is one the dictionary does not hold: the tagger splits it into
    pieces, each a single character or a known name (晶|宇, 民生|加|银, 长盛|同庆), not opened by
    a place's name (广州, 德国|威|能: the place names it already) nor all a person's (李|莹)."""
    return (
        len(words) >= 2
        and all(len(w) == 1 or f in _SHORT_NAME_TAGS for w, f in words)
        and not (words[0][1] == "ns" and len(words[0][0]) > 1)
        and not all(f == "nr" for _, f in words)
    )


#: How far before a pronoun a name's latest mention is looked for (:meth:`EntityTable.antecedent`).
_ANTECEDENT_WINDOW = 400


#: Tag classes of a one-character word that never opens a brand name cut into characters.
_BRAND_BAD_FIRST = frozenset({"p", "c", "u", "r", "e", "y", "o", "f", "q", "x"})


def _brand_glued(tokens: Sequence[Token]) -> Sequence[Token]:
    """The words with each pair of one-character words between a boundary and a brand head
    (data/brand_heads.tsv) glued into one name, tagged ``nz`` (零|跑|汽车 -> 零跑|汽车,
    极|风|汽车, 三|大|运营商): the tagger cuts a brand its dictionary lacks into characters,
    and a numeral or adverb character first keeps the pair out of :meth:`EntityTable.glued`."""
    n = len(tokens)
    heads = lexicon.word_set("brand_heads")
    out: list[Token] | None = None
    for k in range(n - 2):
        a, b, h = tokens[k], tokens[k + 1], tokens[k + 2]
        if (
            h[0] in heads
            and len(a[0]) == 1
            and len(b[0]) == 1
            and "\u4e00" <= a[0] <= "\u9fff"
            and "\u4e00" <= b[0] <= "\u9fff"
            and a[0] not in _EXTEND_STOP
            and b[0] not in _EXTEND_STOP
            and a[1][:1] not in _BRAND_BAD_FIRST
            and b[1][:1] not in _GLUE_BAD_TAGS
            and not (k and len(tokens[k - 1][0]) == 1 and tokens[k - 1][1] != "x")
        ):
            if out is None:
                out = list(tokens[:k])
            out.append((a[0] + b[0], "nz", a[2], b[3]))
        elif out is not None and not (k and out[-1][3] > tokens[k][2]):
            out.append(tokens[k])
    if out is None:
        return tokens
    out.extend(t for t in tokens[n - 2 :] if t[2] >= out[-1][3])
    return out


#: A name written with its Latin abbreviation in brackets (消费者价格指数（CPI）).
_LATIN_ALIAS_RE = re.compile(r"([\u4e00-\u9fff0-9]{2,20})[（(]([A-Z]{2,6})[）)]")
#: Tags of the words of such a name, read back from the bracket.
_LATIN_NAME_TAGS = frozenset({"n", "nz", "nt", "ns", "s", "vn", "j", "l", "b"})
#: Tags of the words of a time between a place and such a name (2|月, 第三季度).
_TIME_TAGS = frozenset({"m", "mq", "t", "eng"})
#: Endings of a time word (季度, 月份): never part of such a name.
_TIME_ENDS = ("年", "月", "日", "季度", "月份", "年度", "周")


#: What ends a team's full name (队).
_TEAM_END = "队"
#: Words glued after a team's name by the tagger (菲尼克斯太阳队|主场).
_TEAM_SIDES = ("主场", "客场")


def _team_names(texts: Iterable[str]) -> tuple[str, ...]:
    """The team names among names: those ending with 队, a home or away word after it cut
    off (菲尼克斯太阳队|主场)."""
    names = set()
    for text in texts:
        for side in _TEAM_SIDES:
            if text.endswith(side):
                text = text[: -len(side)]
        if text.endswith(_TEAM_END) and len(text) >= 4:
            names.add(text)
    return tuple(sorted(names))


def _team_short(short: str, full: str) -> bool:
    """Whether ``short`` is a team's short name of the team name ``full`` (雄鹿 of 密尔沃基雄鹿队,
    太阳队 of 菲尼克斯太阳队): the full name ends with it, 队 read or not, and is longer."""
    if not full.endswith(_TEAM_END) or len(short) < 2 or len(full) <= len(short) + 1:
        return False
    return full.endswith(short) or full[: -len(_TEAM_END)].endswith(short)


def _time_word(word: str) -> bool:
    return word.endswith(_TIME_ENDS)


class EntityTable:
    """The named mentions of a document, with salience."""

    def __init__(self, norm: str, headline_end: int):
        self.norm = norm
        self.headline_end = headline_end
        self.entries: dict[str, Entry] = {}
        self._counts: dict[str, int] = {}
        self._expanded: dict[str, Entry | None] = {}
        self._extended: dict[str, str | None] = {}
        self._written_full: dict[str, str | None] = {}
        self._written_long: dict[str, str | None] = {}
        self._back: dict[str, str | None] = {}
        #: Subject options of clauses before a quantity's own, by clause span.
        self._sources: dict[tuple[int, int], bool] = {}
        #: Clauses whose names are in the table.
        self.added: set[tuple[int, int]] = set()
        self.clause_cache: dict[tuple[int, int], list[tuple[str, int, int, dict[str, float]]]] = {}
        #: Options opening the clauses of earlier sentences, by clause span.
        self.opener_cache: dict[tuple[int, int], list[tuple[str, int, int, dict[str, float]]]] = {}
        self._headline_terms: list[tuple[str, int, int]] = []
        self._topics: list[tuple[str, int, int]] | None = None
        self._titles: list[tuple[str, int, int]] | None = None
        #: Base features of option texts without tokens (see :func:`_base_features`).
        self.feature_cache: dict[str, dict[str, float]] = {}
        #: Base features of option texts with the words and tags of their tokens.
        self.run_feature_cache: dict[tuple, dict[str, float]] = {}
        #: The noun runs of a clause's whole token list, by the list's identity (the
        #: entity table and the subject options of an earlier clause both read them).
        self._runs: dict[int, tuple[Sequence[Token], list[tuple[int, int]]]] = {}
        self._salient: tuple[tuple[int, int], list[Entry]] | None = None
        #: Token lists with the names the tagger split glued back (:meth:`glued`).
        self._glued: dict[int, tuple[Sequence[Token], list[Token]]] = {}
        #: Option texts never offered (too short, a dateline, a word that is never a
        #: subject), memoised: the same texts come back for every claim.
        self.refused: dict[str, bool] = {}
        #: Word-shape features of a mention (see :func:`word_shape`), by its span.
        self.shape_cache: dict[tuple[int, int], dict[str, float]] = {}
        #: Whether the text writes a mark between the parts of a transliterated name at all:
        #: without one, no clause holds such a name and its regex is not run per clause.
        self.name_marks = any(c in norm for c in _NAME_SEPARATORS)
        #: The transliterated names of the whole text (:meth:`add_shapes`), trimmed.
        self._persons: dict[str, int] = {}
        #: The antecedent of a pronoun, by the pronoun's place and whether it is a person's.
        self._antecedents: dict[tuple[int, bool, bool], Entry | None] = {}
        self._class_antecedents: dict[tuple[int, tuple[str, ...]], str | None] = {}
        self._full: dict[str, str | None] = {}
        #: Mentions of option texts and how many open a clause (:meth:`mentions`).
        self._mentions: dict[str, tuple[list[int], int]] = {}
        #: Option texts the document writes as a team's name (:meth:`is_team`), and where
        #: the team cues start (those after a name) and end (those before one).
        self._teams: dict[str, bool] = {}
        self._cue_at: tuple[frozenset[int], frozenset[int]] | None = None
        #: Whether an option text not written where its mention is runs on to a count at
        #: one of its written places (:func:`_builds_counted`), by text.
        self.built_counts: dict[str, bool] = {}
        #: The document's team names (:meth:`team_names`).
        self._team_names: tuple[str, ...] | None = None
        #: Latin abbreviations defined in brackets and their names (:meth:`latin_names`).
        self._latin: dict[str, str] | None = None

    def runs(self, tokens: Sequence[Token]) -> list[tuple[int, int]]:
        """:func:`noun_runs` of a clause's tokens, once per token list."""
        got = self._runs.get(id(tokens))
        if got is None or got[0] is not tokens:
            got = self._runs[id(tokens)] = (tokens, noun_runs(tokens))
        return got[1]

    def glued(self, tokens: Sequence[Token]) -> list[Token]:
        """The clause's words with each run of one-character words that the document writes
        together twice or more glued back into one name (交|银|规模 -> 交银|规模, 曲|美|家具):
        the tagger (no HMM) cuts the names its dictionary lacks into characters, and a name
        is written again where a chance pair of characters is not. Longest first, at most
        :data:`_GLUE_MAX` characters; a glued name is tagged ``nr`` when it opens with a
        surname (索|顿), ``nz`` otherwise. Once per token list."""
        got = self._glued.get(id(tokens))
        if got is not None and got[0] is tokens:
            return got[1]
        tokens = _brand_glued(tokens)
        n = len(tokens)
        # Most clauses hold no two one-character words in a row: nothing to glue.
        k = next(
            (
                k
                for k in range(n - 1)
                if len(tokens[k][0]) == 1
                and len(tokens[k + 1][0]) == 1
                and _gluable(tokens[k])
                and _gluable(tokens[k + 1])
            ),
            n,
        )
        out: list[Token] = list(tokens[:k])
        while k < n:
            e = k
            while e < n and len(tokens[e][0]) == 1 and _gluable(tokens[e]):
                e += 1
            if e - k < 2:
                out.append(tokens[k])
                k += 1
                continue
            i = k
            if k and (tokens[k - 1][1] == "m" or tokens[k - 1][0].isdigit()):
                out.append(tokens[i])  # a measure word after a number (4只|偏|股)
                i += 1
            while i < e:
                for m in range(min(_GLUE_MAX, e - i), 1, -1):
                    a, b = tokens[i][2], tokens[i + m - 1][3]
                    if tokens[i][1] in _PHRASE_FIRST and tokens[i + m - 1][1] in _PHRASE_LAST:
                        continue  # a phrase, not a name (较|少, 高|达, 会|有, 砍|下)
                    if self.count(self.norm[a:b]) >= 2:
                        flag = "nr" if tokens[i][1] == "nr" else "nz"
                        out.append((self.norm[a:b], flag, a, b))
                        i += m
                        break
                else:
                    out.append(tokens[i])
                    i += 1
            k = e
        if len(out) == n and isinstance(tokens, list):
            out = tokens  # nothing glued: the same list (its noun runs are cached by identity)
        self._glued[id(tokens)] = (tokens, out)
        return out

    def source_of(self, span: tuple[int, int]) -> bool:
        """:func:`is_source_clause` of a clause, once per clause."""
        got = self._sources.get(span)
        if got is None:
            got = self._sources[span] = is_source_clause(self.norm, span[0], span[1])
        return got

    def count(self, text: str) -> int:
        """Occurrences of ``text`` in the document (memoised: options repeat per claim)."""
        n = self._counts.get(text)
        if n is None:
            n = self._counts[text] = self.norm.count(text) if text else 0
        return n

    def starts(self, text: str) -> list[int]:
        """Where ``text`` is written in the document, overlapping mentions included."""
        found = []
        at = self.norm.find(text)
        while at >= 0:
            found.append(at)
            at = self.norm.find(text, at + 1)
        return found

    def mentions(self, text: str) -> tuple[list[int], int]:
        """Where ``text`` is written (:meth:`starts`) and how many of those mentions open a
        clause or a sentence; memoised (options repeat per claim)."""
        got = self._mentions.get(text)
        if got is None:
            starts = self.starts(text)
            norm = self.norm
            opens = sum(1 for a in starts if a == 0 or norm[a - 1] in _OPENING_MARKS)
            got = self._mentions[text] = (starts, opens)
        return got

    def in_headline(self, text: str) -> bool:
        """Whether ``text`` occurs in the headline."""
        return bool(text) and self.norm.find(text, 0, self.headline_end) >= 0

    def add_clause(
        self, tokens: Sequence[Token], time_spans: Sequence[tuple[int, int]] = ()
    ) -> None:
        """Add the names among a clause's noun runs (each clause once); a run stops at a
        time expression (8月份|甲市四环内, 甲指数|上周五)."""
        for i, j in self.runs(tokens):
            for k in range(i, j) if time_spans else ():
                if any(a < tokens[k][3] and tokens[k][2] < b for a, b in time_spans):
                    if k == i:
                        i += 1
                    else:
                        j = k
                        break
            if (
                i > 0
                and j - i > 1
                and (len(tokens[i][0]) == 1 or tokens[i][1] == "m")
                and _NUMBER_TOKEN.fullmatch(tokens[i - 1][0])
            ):
                # the measure word of a number (14,826宗|新冠病毒个案, 前3季|全台), with the
                # 多/余 the tagger glues to it (600|多所|中学: 中学, not 多所中学)
                i += 1
            if j <= i:
                continue
            run = tokens[i:j]
            text = "".join(t[0] for t in run)
            if len(text) < 2 or text in self.entries or text in _GENERIC or is_dateline(text):
                continue
            proper, person = _shape(run)
            k = descriptor_split(run) if len(run) > 1 else 0
            if k:
                named = run[k:]
                name = "".join(t[0] for t in named)
                named_proper, named_person = _shape(named)
                if name not in self.entries and (named_proper or entity_score(list(named)) >= 2):
                    self._add(name, named[0][2], named[-1][3], named_person)
            if len(run) > 1:
                for t in run:
                    if t[1] in _ENTITY_FLAGS and len(t[0]) >= 2 and t[0] not in self.entries:
                        self._add(t[0], t[2], t[3], t[1] in ("nr", "nrfg", "nrt"))
            if not (proper or entity_score(list(run)) >= 2):
                continue
            self.entries[text] = Entry(
                text,
                run[0][2],
                run[-1][3],
                self.count(text),
                self.in_headline(text),
                proper,
                person,
            )

    def _add(self, text: str, start: int, end: int, person: bool) -> None:
        if is_dateline(text):
            return
        self.entries[text] = Entry(
            text,
            start,
            end,
            self.count(text),
            self.in_headline(text),
            True,
            person,
        )

    def add_shapes(self) -> None:
        """Add the transliterated names of the whole text (a regex pass, no tagging), so a
        later surname (武贾西奇) finds its full name (萨沙-武贾西奇)."""
        for m in _TRANSLIT_RE.finditer(self.norm):
            start, end = self.trim_name(m.start(), m.end())
            text = self.norm[start:end]
            self._persons.setdefault(text, start)
            if text not in self.entries:
                self._add(text, start, end, True)
        for start, end in self.models(0, len(self.norm)):
            text = self.norm[start:end]
            if text not in self.entries:
                self._add(text, start, end, False)

    def is_team(self, text: str) -> bool:
        """Whether the document writes ``text`` as a team's name: ending with a one-character
        cue (湖人队), right before a cue that follows team names (湖人主场, 湖人后卫) or right
        after one that precedes them (不敌湖人); ``data/team_cues.tsv``. Memoised; the cues
        are found once per document."""
        got = self._teams.get(text)
        if got is None:
            if self._cue_at is None:
                after, before, _ = _team_cues()
                self._cue_at = (
                    frozenset(a for cue in after for a in self.starts(cue)),
                    frozenset(a + len(cue) for cue in before for a in self.starts(cue)),
                )
            starts_cue, ends_cue = self._cue_at
            size = len(text)
            got = self._teams[text] = size >= 2 and (
                (size > 2 and text.endswith(_team_cues()[2]))
                or any(a + size in starts_cue or a in ends_cue for a in self.mentions(text)[0])
            )
        return got

    def models(self, start: int, end: int) -> list[tuple[int, int]]:
        """The brand-and-model names of ``norm[start:end]`` (:func:`model_name`), each brand
        cut by :meth:`trim_brand` and after the last word of its Chinese part that no brand
        holds (a verb, particle, pronoun, numeral, measure word: 即将推出的|R10, 这款|R10),
        the model alone when that word ends the Chinese part. (start, end) of each."""
        found = []
        for m in _MODEL_RE.finditer(self.norm, start, end):
            cut = model_name(m.group(0))
            if not cut:
                continue
            a = m.start()
            # The regex's brand is at most five characters: read back to the start of the
            # Chinese run (爱国者|数码相机V1218), up to :data:`_BRAND_MAX`.
            while (
                a > 0
                and m.start() - a < _BRAND_MAX - 5
                and "\u4e00" <= self.norm[a - 1] <= "\u9fff"
            ):
                a -= 1
            a = self.trim_brand(a, m.start() + cut)
            k = a
            while "\u4e00" <= self.norm[k] <= "\u9fff":
                k += 1
            pos = a
            for word, flag in nlp.tag(self.norm[a:k]):
                pos += len(word)
                if flag[:1] in _NOT_BRAND:
                    a = pos
            found.append((min(a, k), m.start() + cut))
        return found

    def add_headline(self, tokens: Sequence[Token]) -> None:
        """Keep the noun runs of the headline as topic terms (地震, 按摩学院): what an
        article is about is often no name at all."""
        for i, j in self.runs(tokens):
            run = tokens[i:j]
            text = "".join(t[0] for t in run)
            if len(text) >= 2 and text not in _GENERIC and not is_dateline(text):
                self._headline_terms.append((text, run[0][2], run[-1][3]))

    def topic_terms(self, n: int = 2) -> list[tuple[str, int, int]]:
        """The ``n`` most frequent terms among the headline's noun runs and the quoted
        terms of the text (“80后”), written at least twice; (text, start, end) of the first
        mention. Computed once per document."""
        if self._topics is None:
            seen: dict[str, tuple[int, int]] = {}
            for text, a, b in self._headline_terms:
                seen.setdefault(text, (a, b))
            for m in _QUOTED_RE.finditer(self.norm):
                seen.setdefault(m.group(1), (m.start(1), m.end(1)))
            ranked = sorted(
                ((t, a, b) for t, (a, b) in seen.items() if self.count(t) >= 2),
                key=lambda x: (-(self.count(x[0]) + 2 * self.in_headline(x[0])), x[1]),
            )
            self._topics = ranked[:n]
        return self._topics

    def titles(self, n: int = TITLE_OPTIONS) -> list[tuple[str, int, int]]:
        """The ``n`` titles in book-title marks the document writes most often (at least
        twice, or once in the headline), marks kept (《棒棒堂》: the work, game or event an
        article is about, the subject of quantities that name none); (text, start, end) of
        the first mention. Not the titles of documents that publish figures (《…报告》,
        《人民日报》: data/source_title_endings.tsv), which are sources. Computed once per
        document."""
        if self._titles is None:
            seen: dict[str, tuple[int, int]] = {}
            sources = lexicon.words("source_title_endings")
            for m in _TITLE_RE.finditer(self.norm):
                if not m.group(1).endswith(sources):
                    seen.setdefault(m.group(0), (m.start(), m.end()))
            ranked = sorted(
                (
                    (t, a, b)
                    for t, (a, b) in seen.items()
                    if self.count(t) >= 2 or a < self.headline_end
                ),
                key=lambda x: (-(self.count(x[0]) + 2 * (x[1] < self.headline_end)), x[1]),
            )
            self._titles = ranked[:n]
        return self._titles

    def trim_name(self, start: int, end: int) -> tuple[int, int]:
        """A transliterated name read greedily (未婚夫萨沙-武贾西奇助威) cut to the parts the
        document writes on their own more often than with their neighbours: the first part
        to its longest ending written more often (萨沙), the last to its longest beginning
        written more often (武贾西奇). Parts no shorter than two characters."""
        greedy = end
        start, end = _tag_trim(self.norm, start, end)
        last_at = max(i for i in range(start, end) if self.norm[i] in _NAME_SEPARATORS) + 1
        for stop in range(greedy, end, -1):
            # a last part the tagger cut at a word it knows (阿德|托 of 扬尼斯·阿德托昆博拿下) that
            # the document writes on its own again, whole (阿德托昆博还抢下): read on to it over
            # one-character words the last of which the tagger reads as a name's (托|昆|博/nr;
            # never 詹姆斯|全场, 杜兰特|砍|下)
            if stop - last_at < 3 or self.count(self.norm[last_at:stop]) < 2:
                continue
            more = nlp.tag(self.norm[end:stop])
            if all(len(w) == 1 for w, _ in more) and more[-1][1] in _NAME_TAGS:
                end = stop
                break
        text = self.norm[start:end]
        parts = _NAME_SPLIT.split(text)
        first, last = parts[0], parts[-1]
        for k in range(1, len(first) - 1):
            if self.count(first[k:]) > self.count(first):
                start += k
                break
        for k in range(len(last) - 1, 1, -1):
            if self.count(last[:k]) > self.count(last):
                end -= len(last) - k
                break
        return _word_bounds(self.norm, start, end)

    def full_person(self, short: str) -> str | None:
        """The transliterated name of the document that ``short`` names by its first or last
        part alone (詹姆斯, 勒布朗 -> 勒布朗-詹姆斯): the guideline's subject is the full name.
        The most frequent such name; None when there is none, when ``short`` is itself
        written with a name mark, or when two names that hold no one another share the part
        (马克-杰克逊 and 菲尔-杰克逊: which one is meant, the text does not say here)."""
        got = self._full.get(short)
        if got is not None or short in self._full:
            return got
        self._full[short] = None
        if len(short) < 2 or not self._persons or any(c in _NAME_SEPARATORS for c in short):
            return None
        found = []
        for name in self._persons:
            parts = _NAME_SPLIT.split(name)
            if parts[0] == short or parts[-1] == short:
                found.append(name)
        if not found:
            return None
        best = max(found, key=lambda n: (self.count(n), -self._persons[n]))
        if any(n not in best and best not in n for n in found):
            return None
        self._full[short] = best
        return best

    def person_around(self, start: int, end: int) -> str | None:
        """The transliterated name of the document (:meth:`add_shapes`) that a piece written
        at ``norm[start:end]`` was cut from: the piece lies inside a mention of the whole name
        (诺瓦克·德 of 诺瓦克·德约科维奇, 扬尼斯·阿德 of 扬尼斯·阿德托昆博) or of its last part of
        two characters or more (科维奇 of 德约科维奇: :meth:`full_person` of the part), cutting
        that last part short or lying inside it, and is not that mention itself. None when
        there is none."""
        piece = self.norm[start:end]
        for name in self._persons:
            parts = _NAME_SPLIT.split(name)
            forms = [name] + [p for p in parts[-1:] if len(p) >= 2 and p != name]
            for form in forms:
                if form == piece or piece not in form or len(form) <= len(piece):
                    continue
                lo = max(0, end - len(form))
                at = self.norm.find(form, lo, start + len(form))
                # the piece cuts the last part short (诺瓦克·德) or lies inside it (科维奇); a
                # piece that only drops letters of the first part is a title cut elsewhere
                while 0 <= at <= start:
                    last = at + len(form) - len(parts[-1]) if form == name else at
                    if (
                        at + len(form) >= end
                        and end > last
                        and (end < at + len(form) or start >= last)
                    ):
                        whole = name if form == name else self.full_person(form)
                        if whole is not None and whole != piece:
                            return whole
                    at = self.norm.find(form, at + 1, start + len(form))
        return None

    def trim_brand(self, start: int, end: int) -> int:
        """The start of a brand-and-model name read greedily (推出新款尼康D90): its Chinese
        part cut to its longest ending that the document writes more often (尼康)."""
        k = start
        while k < end and "\u4e00" <= self.norm[k] <= "\u9fff":
            k += 1
        zh = self.norm[start:k]
        for cut in range(1, len(zh) - 1):
            if self.count(zh[cut:]) > self.count(zh):
                return start + cut
        return start

    def extend(self, text: str) -> str | None:
        """``text`` read on to the characters that follow it wherever the document writes it
        (合丰 -> 合丰成长 when most of its mentions say 合丰成长): the longest continuation, of at
        most :data:`_EXTEND_MAX` characters, that at least two mentions and three in five of
        them share; no punctuation, function word or digit. None when there is none."""
        if text in self._extended:
            return self._extended[text]
        self._extended[text] = None
        n = self.count(text)
        if len(text) < 2 or n < 2:
            return None
        starts = [at + len(text) for at in self.starts(text)]
        best = None
        for k in range(1, _EXTEND_MAX + 1):
            tails: dict[str, int] = {}
            for p in starts:
                tail = self.norm[p : p + k]
                if len(tail) == k and not any(
                    ch in _EXTEND_STOP or ch.isdigit() or ch.isspace() for ch in tail
                ):
                    tails[tail] = tails.get(tail, 0) + 1
            if not tails:
                break
            tail, c = max(tails.items(), key=lambda x: x[1])
            if c < 2 or c * 5 < n * 3:
                break
            best = text + tail
        if best is not None and not _noun_tail(best, len(text)):
            # A verb-tagged tail belongs to the name only when the document rarely writes it
            # after anything else (合丰成长: 成长 always follows 合丰; 浩辉表示: 表示 follows
            # every speaker of the report).
            tail = best[len(text) :]
            if self.count(best) * 5 < self.count(tail) * 3 or not _content_tail(best, len(text)):
                best = None
        if best is not None:
            # It ends where a word ends (not 价涨量跌怪 of 价涨量跌怪圈), and with no source
            # cue or copula (浩辉表示, 销售额达).
            p = starts[0] - len(text)
            ahead = self.norm[p : p + len(best) + 2]
            pos = 0
            for word, _ in nlp.tag(ahead):
                if pos < len(best) < pos + len(word):
                    best = None
                    break
                pos += len(word)
        if best is not None and (
            best.endswith(_cues("close")) or best[len(text) :].endswith(tuple(_DROP_BEFORE))
        ):
            best = None
        self._extended[text] = best
        return best

    def read_back(self, text: str) -> str | None:
        """A person's name ``text`` read back to the piece that precedes it wherever the
        document writes it (纳姆 -> 拜纳姆 when the tagger cut 拜|纳|姆 and read 拜 as a verb):
        the longest piece of at most :data:`_READ_BACK_MAX` characters that at least two of
        its mentions and three in five of them share, symmetrical to :meth:`extend`. Only a
        name the tagger cut (its first word a single character) is read back; the piece is
        whole words (never 者 of 记者), no function word, place, organisation or common verb
        (让, :data:`_READ_BACK_VERB_FREQ`), at every mention of the joined string (never part
        of a longer word); a piece that is no name word (拜/v) only when the document rarely
        writes it before anything else. None when there is none."""
        got = self._back.get(text)
        if got is not None or text in self._back:
            return got
        self._back[text] = None
        n = self.count(text)
        if len(text) < 2 or n < 2:
            return None
        starts = self.starts(text)
        best = None
        for k in range(1, _READ_BACK_MAX + 1):
            pieces: dict[str, int] = {}
            for p in starts:
                piece = self.norm[p - k : p] if p >= k else ""
                if len(piece) == k and all(
                    "\u4e00" <= ch <= "\u9fff" and ch not in _EXTEND_STOP for ch in piece
                ):
                    pieces[piece] = pieces.get(piece, 0) + 1
            if not pieces:
                break
            piece, c = max(pieces.items(), key=lambda x: x[1])
            if c < 2 or c * 5 < n * 3 or not self._piece_of_name(piece, text):
                break
            best = piece + text
        self._back[text] = best
        return best

    def _piece_of_name(self, piece: str, text: str) -> bool:
        """Whether ``piece`` reads as the cut-off start of the name ``text`` at every mention
        of the two joined (see :meth:`read_back`)."""
        joined = piece + text
        k = len(piece)
        at = self.norm.find(joined)
        name_word = True
        while at >= 0:
            lo = max(0, at - _READ_BACK_CONTEXT)
            for i in range(at - 1, lo - 1, -1):
                if self.norm[i] in _EXTEND_STOP or self.norm[i].isspace():
                    lo = i + 1
                    break
            words = []
            pos = lo
            for word, flag in nlp.tag(self.norm[lo : at + len(joined)]):
                words.append((word, flag, pos, pos + len(word)))
                pos += len(word)
            inside = [w for w in words if at <= w[2] < at + k]
            name = [w for w in words if w[2] == at + k]
            if (
                not inside
                or inside[0][2] != at
                or inside[-1][3] != at + k
                or not name
                or len(name[0][0]) != 1
            ):
                return False
            for word, flag, _, _ in inside:
                if unknown_han(word, flag):
                    continue
                if flag[:1] in _READ_BACK_BAD or flag in _READ_BACK_OTHER or flag == "x":
                    return False
                if len(word) > 1 and flag not in _PERSON_FLAGS:
                    return False
                if flag[:1] == "v" and nlp.char_freq(word) >= _READ_BACK_VERB_FREQ:
                    return False  # a common verb (让纳姆, 叫纳姆)
                if flag not in _PERSON_FLAGS:
                    name_word = False
            at = self.norm.find(joined, at + 1)
        # A word that is no piece of a name (拜/v, 让/v) joins only when the document rarely
        # writes it before anything else.
        return name_word or self.count(joined) * 5 >= self.count(piece) * 3

    def whole_name(self, text: str, person: bool) -> str:
        """``text`` read back (a person's name, :meth:`read_back`) and read on
        (:meth:`extend`) by the document's repetitions."""
        back = self.read_back(text) if person else None
        if back is not None:
            text = back
        return self.extend(text) or text

    def antecedent(self, pos: int, person: bool, latest: bool = False) -> Entry | None:
        """The nearest name before ``pos`` that a pronoun can stand for (a person for 他/她),
        each name at its first mention; with ``latest`` (他, 她: one person) at its latest
        mention within :data:`_ANTECEDENT_WINDOW` characters, a transliterated name by its last
        part too (拜纳姆 named again in the pronoun's sentence beats 加索尔 named once in
        between), the shorter name on a tie (泰森-钱德勒, not 小牛中锋泰森-钱德勒)."""
        key = (pos, person, latest)
        if key in self._antecedents:
            return self._antecedents[key]
        lo = max(0, pos - _ANTECEDENT_WINDOW)
        best: Entry | None = None
        best_key = (-1, 0)
        for e in self.entries.values():
            if e.person != person or e.end > pos:
                continue
            end = e.end
            if latest:
                for form in self._written_forms(e):
                    at = self.norm.rfind(form, lo, pos)
                    if at >= 0:
                        end = max(end, at + len(form))
            if (end, -len(e.text)) > best_key:
                best, best_key = e, (end, -len(e.text))
        self._antecedents[key] = best
        return best

    def company_antecedent(self, pos: int) -> str | None:
        """The company 公司, 本公司 or 该公司 stands for when no subject so far names one: the
        name before ``pos`` within :data:`_ANTECEDENT_WINDOW` characters, met last, that ends
        like a company's (公司, 集团: data/demonstrative_classes.tsv) or is a proper name that
        is no person's, place's or agency's (安远电子 of 安远电子4月27日发布一季报; not
        青禾市统计局)."""
        lo = max(0, pos - _ANTECEDENT_WINDOW)
        best: str | None = None
        best_end = -1
        for e in self.entries.values():
            if e.end > pos or len(e.text) < 2 or e.text in _GENERIC:
                continue
            if not (e.text.endswith(_company_ends()) or (e.proper and _company_shape(e.text))):
                continue
            at = self.norm.rfind(e.text, lo, pos)
            if at >= 0 and at + len(e.text) > best_end:
                best, best_end = e.text, at + len(e.text)
        return best

    def class_antecedent(self, pos: int, ends: tuple[str, ...]) -> str | None:
        """The name of the class ``ends`` gives (江湾市 for 市, 《极速飞驰》 for 《) met last
        before ``pos`` within :data:`_ANTECEDENT_WINDOW` characters: what 该市, 该游戏 stand
        for (data/demonstrative_classes.tsv)."""
        key = (pos, ends)
        if key in self._class_antecedents:
            return self._class_antecedents[key]
        if ends[:1] in ((_EVENT_MARK,), (_EDITION_MARK,)):
            got = self.event_antecedent(pos, ends[1:], ends[0] == _EDITION_MARK)
            self._class_antecedents[key] = got
            return got
        lo = max(0, pos - _ANTECEDENT_WINDOW)
        best: str | None = None
        best_end = -1
        if "《" in ends:
            # a title: the last one written before (the tagger's runs never hold its marks)
            close = self.norm.rfind("》", lo, pos)
            open_ = self.norm.rfind("《", lo, close) if close >= 0 else -1
            if open_ >= 0 and 1 < close - open_ <= 31:
                best, best_end = self.norm[open_ : close + 1], close + 1
        if _PRODUCT_MARK in ends:
            # a product (新车, 该机): the brand-and-model name whose model the text writes most
            # (a lens named in passing is not the camera the article is about), the most
            # written, shortest and last of its forms; or the quoted name written last
            rank = (0, 0, 0, -1)
            for a, b in self.models(lo, pos):
                text = self.norm[a:b]
                code = text.lstrip("".join(c for c in text if "\u4e00" <= c <= "\u9fff"))
                mine = (self.count(code.strip()), self.count(text), -len(text), b)
                if mine > rank:
                    best, best_end, rank = text, b, mine
            for qm in _NAME_QUOTE_RE.finditer(self.norm, lo, pos):
                if qm.end() > best_end:
                    best, best_end = qm.group(1), qm.end()
        ends = tuple(e for e in ends if e not in ("《", _PRODUCT_MARK))
        for e in self.entries.values() if ends else ():
            if e.person or e.end > pos or len(e.text) < 3:
                continue
            named = e.text if e.text.endswith(ends) else _class_prefix(e.text, ends)
            if named is None:
                continue
            at = self.norm.rfind(named, lo, pos)
            if at >= 0 and at + len(named) > best_end:
                best, best_end = named, at + len(named)
        if ends:
            # the noun runs of the text before (its sentences without a quantity are in no
            # clause the table has read: 记者走访了青禾市。该市…)
            toks: list[Token] = []
            at = lo
            for word, flag in nlp.tag(self.norm[lo:pos]):
                toks.append((word, flag, at, at + len(word)))
                at += len(word)
            for i, j in noun_runs(toks):
                if j < len(toks) and toks[j][0] in ends:
                    j += 1  # a level character the tagger leaves out of the run (青禾|县/zg)
                run = toks[i:j]
                k = descriptor_split(run) if len(run) > 1 else 0
                run = run[k:]
                text = "".join(t[0] for t in run)
                if len(text) < 3 or not text.endswith(ends) or run[-1][3] <= best_end:
                    continue
                # a name, as the table takes one (岩松县), never a class (工作重点县, 专业镇)
                if _shape(run)[0] or entity_score(list(run)) >= 2:
                    best, best_end = text, run[-1][3]
                elif text.endswith(_product_heads()) and _HAS_LATIN.search(text):
                    # a product by its generation or code (第三代CTP技术, 新一代AI芯片)
                    best, best_end = text, run[-1][3]
            heads = tuple(e for e in ends if e in _product_heads())
            for qm in _NAME_QUOTE_RE.finditer(self.norm, lo, pos) if heads else ():
                # the product's own name in quotes right after its class (芯片“鸿达一号”)
                if qm.end() > best_end and self.norm.endswith(heads, lo, qm.start()):
                    best, best_end = qm.group(1), qm.end()
        self._class_antecedents[key] = best
        return best

    def event_antecedent(self, pos: int, ends: tuple[str, ...], edition: bool) -> str | None:
        """The event 本次选举, 这场比赛 stand for: the last name before ``pos`` within
        :data:`_ANTECEDENT_WINDOW` characters that ends with one of ``ends`` (菲律宾总统选举,
        法网男单决赛): an event noun with the nouns and names the tagger writes before it, one
        at least (a bare 比赛, 一场比赛 names no event); never one after a demonstrative, nor
        for an ``edition`` (本届) a stage of a competition (全国总决赛)."""
        lo = max(0, pos - _ANTECEDENT_WINDOW)
        toks: list[Token] = []
        at = lo
        for word, flag in nlp.tag(self.norm[lo:pos]):
            toks.append((word, flag, at, at + len(word)))
            at += len(word)
        for j in range(len(toks) - 1, 0, -1):
            if not toks[j][0].endswith(ends) or (edition and toks[j][0].endswith(_STAGE_ENDS)):
                continue
            i = j
            while i > 0 and toks[i - 1][1] in _EVENT_NAME_FLAGS and len(toks[i - 1][0]) >= 2:
                i -= 1
            if i < j and not (i > 0 and toks[i - 1][0] in _EVENT_DEMONSTRATIVES):
                a = toks[i][2]
                if self.norm.startswith("》", a - 1):
                    # the title the event is named by (《极速飞驰》全国总决赛)
                    a = max(self.norm.rfind("《", lo, a), lo) if "《" in self.norm[lo:a] else a
                return self.norm[a : toks[j][3]]
        return None

    def _written_forms(self, e: Entry) -> tuple[str, ...]:
        """The forms a name is written again in: whole, and a person's transliterated name by
        its last part (拜纳姆 of 安德鲁-拜纳姆)."""
        if e.person:
            parts = _NAME_SPLIT.split(e.text)
            if len(parts) > 1 and parts[0] and len(parts[-1]) >= 2:
                return (e.text, parts[-1])
        return (e.text,)

    def team_names(self) -> tuple[str, ...]:
        """The team names of the document's table: names ending with 队, a home or away word
        after it cut off (菲尼克斯太阳队|主场). Once per document."""
        if self._team_names is None:
            self._team_names = _team_names(e.text for e in self.entries.values())
        return self._team_names

    def latin_names(self) -> dict[str, str]:
        """The Latin abbreviations the text defines in brackets after a name (消费者价格指数
        （CPI）, 国内生产总值（GDP）), each mapped to the name, with the place written before it
        across a time expression (德国2月消费者价格指数（CPI） -> 德国消费者价格指数); the name
        as written maps to that too. Once per document."""
        if self._latin is not None:
            return self._latin
        out: dict[str, str] = {}
        for m in _LATIN_ALIAS_RE.finditer(self.norm):
            toks = nlp.tag(m.group(1))
            k = len(toks)
            while k > 0 and toks[k - 1][1] in _LATIN_NAME_TAGS and not _time_word(toks[k - 1][0]):
                k -= 1
            bare = "".join(t[0] for t in toks[k:])
            if len(bare) < 2:
                continue
            j = k
            while j > 0 and (toks[j - 1][1] in _TIME_TAGS or _time_word(toks[j - 1][0])):
                j -= 1  # a time between the place and the name (德国|2月|消费者价格指数)
            full = bare
            if j < k and j > 0 and toks[j - 1][1] == "ns" and not toks[j - 1][0].isascii():
                full = toks[j - 1][0] + bare
            out.setdefault(m.group(2), full)
            if bare != full:
                out.setdefault(bare, full)
        self._latin = out
        return out

    def expand(self, short: str) -> Entry | None:
        """The longer name that ``short`` abbreviates: one that starts with it, or whose
        characters it takes in order, first character first (长航局 of 交通运输部长江航务管理局
        needs the first of 长江). The most frequent such name; None if there is none."""
        if short in self._expanded:
            return self._expanded[short]
        self._expanded[short] = None
        if len(short) < 2:
            return None
        best: Entry | None = None
        size, first = len(short), short[0]
        for e in self.entries.values():
            text = e.text
            # A name without the first character can neither start with nor abbreviate to it.
            if len(text) <= size or first not in text or is_dateline(text):
                continue
            abbreviates = (
                text.startswith(short)
                or _subsequence(short, text)
                or (len(short) >= 3 and text.endswith(short))  # 湖人队 of 洛杉矶湖人队
            )
            if abbreviates and (best is None or e.freq > best.freq):
                best = e
        self._expanded[short] = best
        return best

    def written_full(self, short: str) -> str | None:
        """The full name the text writes a short name as at one of its mentions: the short
        name read on by a few words to a company's or a fund's ending (晶宇 -> 晶宇科技,
        长盛同庆 -> 长盛同庆可分离交易型基金), where the tagger broke the run so no table
        entry holds it. Only a name the dictionary does not hold reads on (:func:`_unknown_name`):
        a word (债券 of 债券基金) or a place (广州 of 广州基金公司) does not. None if no
        mention reads on to one."""
        if short in self._written_full:
            return self._written_full[short]
        found: str | None = None
        runs: list[str] = []
        if (
            len(short) >= 2
            and _WRITTEN_NAME.fullmatch(short)
            and not _ends_with_org(short)
            and not short.endswith(_name_endings())
        ):
            # The words after each mention, where an ending is written at all (string
            # searches; most option texts have none, and are neither tagged nor read on).
            endings = _name_endings()
            at = self.norm.find(short)
            while at >= 0:
                end = at + len(short)
                m = _WRITTEN_NAME.match(self.norm, end, end + _FULL_MORE)
                if m is not None and any(e in m.group(0) for e in endings):
                    runs.append(m.group(0))
                at = self.norm.find(short, end)
        if runs and _unknown_name(nlp.tag(short)):
            for run in runs:
                text = short
                for word, flag in nlp.tag(run):
                    if not _NAME_WORD_TAG.match(flag):
                        break
                    text += word
                    if text.endswith(_name_endings()):
                        found = text
                if found is not None:
                    break
        self._written_full[short] = found
        return found

    def written_longer(self, short: str) -> str | None:
        """The longer form the text first writes a shortened name in, where the short name
        left words out of its middle (国泰双利债券基金 of 国泰双利债券证券投资基金, 诺德债券基金
        of 诺德增强收益债券型基金): a written run of name words that opens with the short name's
        first two characters, ends with its company's or fund's ending and takes its
        characters in order. The short name opens with a name (国泰/nz) and writes at least
        four characters before its ending: a house's two (泰信|基金) name the company, not one
        of its funds. None if the text writes no such form."""
        if short in self._written_long:
            return self._written_long[short]
        found: str | None = None
        ending = next((e for e in _name_endings() if short.endswith(e)), "")
        words = nlp.tag(short) if ending and len(short) - len(ending) >= 4 else ()
        if words and words[0][1] in _SHORT_NAME_TAGS and words[0][1] != "ns":
            at = self.norm.find(short[:2])
            while at >= 0 and found is None:
                m = _WRITTEN_NAME.match(self.norm, at, at + len(short) + _FULL_MORE)
                run = m.group(0) if m is not None else ""
                text = ""
                for word, flag in nlp.tag(run) if ending in run[2:] else ():
                    if not _NAME_WORD_TAG.match(flag):
                        break
                    text += word
                    if (
                        text.endswith(ending)
                        and len(text) > len(short)
                        and short not in text
                        and _subsequence(short, text)
                    ):
                        found = text
                        break
                at = self.norm.find(short[:2], at + 2)
        self._written_long[short] = found
        return found

    def salient(self, n: int = TABLE_OPTIONS) -> list[Entry]:
        """The ``n`` most salient names: in the headline, then by frequency."""
        # Entries are only ever added, with their salience fixed: sort again only when the
        # table has grown since the last claim asked.
        key = (len(self.entries), n)
        if self._salient is None or self._salient[0] != key:
            ranked = sorted(
                self.entries.values(), key=lambda e: (-(e.freq + 3 * e.headline), e.start)
            )
            self._salient = (key, ranked[:n])
        return self._salient[1]


def _base_features(text: str, run: Sequence[Token] | None, table: EntityTable) -> dict[str, float]:
    if run is None:
        # Options without tokens repeat per claim (the table's names, the previous subject):
        # their features depend on the text alone, so they are computed once per document.
        got = table.feature_cache.get(text)
        if got is None:
            got = table.feature_cache[text] = _compute_base(text, None, table)
        return dict(got)
    # Options with tokens repeat too (the quantity's own clause is read again for each of its
    # quantities): the features depend on the text and the words and tags of the run.
    key = (text, tuple([(t[0], t[1]) for t in run]))
    got = table.run_feature_cache.get(key)
    if got is None:
        got = table.run_feature_cache[key] = _compute_base(text, run, table)
    return dict(got)


@lru_cache(maxsize=1 << 16)
def _text_marks(text: str) -> tuple[bool, bool, bool, bool]:
    """What the text alone says, whatever the document: (a person's shape, an organisation
    suffix, a role suffix, a measured attribute); memoised across documents."""
    return (
        bool(_PERSON_SHAPE.match(text)),
        _ends_with_org(text),
        text.endswith(_ROLE_SUFFIXES),
        _is_attr(text),
    )


def _compute_base(text: str, run: Sequence[Token] | None, table: EntityTable) -> dict[str, float]:
    f: dict[str, float] = {}
    shaped, org, role, attr = _text_marks(text)
    if run:
        proper, person = _shape(run)
        f["single_token"] = float(len(run) == 1)
    else:
        proper = person = shaped
    f["proper"] = float(proper)
    f["person"] = float(person)
    f["place"] = float(bool(run) and any(t[1] == "ns" for t in run or ()))
    f["org"] = float(org)
    f["role"] = float(role)
    f["attr"] = float(attr)
    f["length"] = min(len(text), 20) / 10
    f["freq"] = math.log1p(table.count(text)) / 3 if text else 0.0
    f["headline"] = float(table.in_headline(text))
    return {k: v for k, v in f.items() if v}


#: Characters before a quantity read for a penalty or an incident of its sentence.
_PENALTY_REACH = 160
#: A sentencing verb anywhere (a cheap test before the clause's words are read).
_SENTENCING_RE = re.compile("|".join(map(re.escape, sorted(_SENTENCING_VERBS))))


def _not_the_court(o: Option, name: Phrase, verb_at: int, s_start: int) -> bool:
    """Whether an option may be the subject of a penalty imposed on ``name`` by a verb at
    ``verb_at`` of the sentence starting at ``s_start``: not the court written before the
    verb (广州市中级人民法院以…判处), not the name run on into its penalty (赵某有期徒刑)."""
    if o.start < name.end and name.start < o.end:
        return o.end <= name.end
    return not (s_start <= o.start and o.end <= verb_at)


#: Tags of the words of an event's name before its event noun (菲律宾/ns 总统/n 选举, 法网/n
#: 男单/n 决赛, 2022年 is no part: the year belongs to the time).
_EVENT_NAME_FLAGS = frozenset({"n", "ns", "nt", "nz", "nr", "nrt", "j", "eng", "vn", "l"})

#: Words for the company a report is about (公司一季度实现营业收入…): with no subject so far to
#: stand for, the company the text named last (:meth:`EntityTable.company_antecedent`).
_COMPANY_ANAPHORS = frozenset({"公司", "本公司", "该公司"})


def _company_shape(text: str) -> bool:
    """Whether a proper name may be a company's: its last word is tagged no place, person or
    organisation (安远电子, 华远科技; not 滨江市, 张某, 统计局) and it ends with no organisation
    suffix (an agency's, 局, 委)."""
    tags = nlp.tag(text)
    return bool(tags) and tags[-1][1] not in _OPENING_NAME_FLAGS and not _ends_with_org(text)


@cache
def _company_ends() -> tuple[str, ...]:
    """How the name of a company ends: the ends 该公司 and 该集团 point back to
    (data/demonstrative_classes.tsv)."""
    classes = _demonstrative_classes()
    return tuple(e for c in ("公司", "集团") for e in classes.get(c, ()))


#: Flags an option keeps when it is offered from several places (:func:`subject_options`).
_MERGED_FLAGS = frozenset(
    {"rule", "table", "alias", "generic", "source", "previous", "topic", "topic_term"}
)


def merge_places(feats: dict[str, float], other: dict[str, float]) -> tuple[dict[str, float], bool]:
    """The features of one subject option met at two places: the position features of the
    place nearer the quantity and every flag of :data:`_MERGED_FLAGS` either place has; and
    whether ``feats``' place is the nearer."""
    closer = feats.get("dist", 9.0) < other.get("dist", 9.0)
    near, far = (feats, other) if closer else (other, feats)
    merged = {**far, **near}
    # Only the flags either place has (most merges have none or one): their values only
    # change, the keys are already in ``merged``.
    for k in _MERGED_FLAGS.intersection(merged):
        if far.get(k) or near.get(k):
            merged[k] = 1.0
    return merged, closer


#: Words that join a partner to the one who acts with it (与, 同, 跟, 和).
_PARTNER_JOINERS = frozenset("与同跟和")


@cache
def _partner_verbs() -> tuple[str, ...]:
    """``data/partner_verbs.tsv``: verbs of a joint action (合作, 签署, 共建)."""
    return tuple(sorted(lexicon.words("partner_verbs"), key=len, reverse=True))


def _partner_at(norm: str, start: int, end: int) -> bool:
    """Whether ``norm[start:end]`` is the partner of a joint action, written between 与/同/跟/和
    and its verb (拟与|滨江市人民政府|合作, 同|华为|签署): the object of the preposition, never
    who the figures of the clause are about."""
    return (
        start > 0 and norm[start - 1] in _PARTNER_JOINERS and norm.startswith(_partner_verbs(), end)
    )


def subject_options(
    *,
    norm: str,
    q_start: int,
    kind: str,
    clause_index: int,
    clauses: Sequence[tuple[int, int]],
    tokens_of: Callable[[tuple[int, int]], list[Token]],
    resolve: Callable[[str], str],
    table: EntityTable,
    rule_choice: tuple[str, int, int] | None,
    time_spans: Sequence[tuple[int, int]] = (),
    previous: tuple[str, int, int] | None = None,
    q_end: int | None = None,
    earlier: Sequence[tuple[tuple[int, int], int, Sequence[tuple[int, int]], int]] = (),
    frequent: Sequence[tuple[str, int, int]] = (),
    tokens_near: Callable[[int], Sequence[Token]] | None = None,
    team_result: bool = False,
    number_spans: Sequence[tuple[int, int]] = (),
) -> list[Option]:
    """The candidate subjects of the quantity at ``q_start`` with their features.

    Args:
        norm: the normalised document text.
        q_start: where the quantity starts.
        kind: the claim's kind.
        clause_index: which clause of ``clauses`` (its sentence's) holds the quantity.
        clauses: the spans of the quantity's sentence's clauses.
        tokens_of: tokens of a clause span (cached by the caller).
        resolve: maps a mention to the name it stands for (aliases, generic references).
        table: the document's entity table.
        rule_choice: (subject, mention start, mention end) the clause rules chose, or None.
        previous: the same for the subject chosen for the document's previous claim.
        q_end: where the quantity ends (the noun it counts is read after it).
        earlier: clauses of the sentences before the quantity's, each with how many
            sentences back it is, the time spans that overlap it and where its first
            quantity starts: the words opening them are offered (a subject stated once for
            the sentences that follow).
        frequent: the subjects the clause rules chose most often in the document so far
            (text, mention start, mention end), most frequent first.
        tokens_near: the tagged words of the clause holding a position of the document:
            each option is described by the words its mention covers there
            (:func:`word_shape`); None leaves those features out.
        team_result: the quantity is a team's result (a win-loss record, a score of two
            sides, a streak): a team option is marked ``team_result``, a person
            ``person_result``.
        number_spans: the quantities found in the sentence (sorted, not nested): no option
            cuts through one (进口8|.22万亿元 is 进口; 168|只偏股基金 is 偏股基金).
    """
    options: dict[str, Option] = {}
    # Names the tagger split into characters are read glued back (:meth:`EntityTable.glued`).
    raw_of, raw_near = tokens_of, tokens_near
    tokens_of = lambda span: table.glued(raw_of(span))  # noqa: E731
    if raw_near is not None:
        tokens_near = lambda pos: table.glued(raw_near(pos))  # noqa: E731

    not_subject = lexicon.word_set("not_subject_words")
    refused = table.refused

    def add(text: str, start: int, end: int, feats: dict[str, float]) -> None:
        # Whether the option is the text at its place: only then are its offsets cut with it.
        placed = 0 <= start < end and norm[start:end] == text
        if time_spans and placed:
            for a, b in _overlapping(time_spans, start, end):
                if a <= start < b < end:
                    # Begun inside a time expression (8月|份北京市四环内): start after it.
                    text, start = norm[b:end], b
                elif start < a < end:
                    return  # a time expression inside: a clause, not a name
        head, tail = _glued_ends(text)
        if head or tail:
            text = text[head : len(text) - tail]
            if placed:
                start, end = start + head, end - tail
        if text in _CRITERION_TAILS:
            return  # 40岁|以上: the bound of a criterion, no name
        if text[:1] in _FRAME_OPENS and source_frame(1).match(text):
            return  # 经如皋市公安局交警大队调查: a whole source frame, no name
        placed = placed and start < end
        if number_spans and placed:
            for a, b in _overlapping(number_spans, start, end):
                if a <= start < b:
                    # Begun inside a quantity (168|只偏股基金) or with it (12投9 of 12投9中):
                    # start after it.
                    if end <= b:
                        return
                    text, start = norm[b:end], b
                elif start < a < end < b:
                    # Ended inside a quantity (进口8|.22万亿元): end before it.
                    text, end = norm[start:a], a
        if placed and end < len(norm) and norm[end] in "日月" and text[-1:].isdigit():
            # Ended inside a date (国际金价12|日继续走高): the day is no part of the name.
            k = len(text)
            while k > 0 and text[k - 1].isdigit():
                k -= 1
            text, end = text[:k], start + k
        if (
            placed
            and end < len(norm) - 1
            and norm[end] == "."
            and norm[end - 1].isdigit()
            and norm[end + 1].isdigit()
        ):
            # Ended at a decimal point (PM2|.5): the number is read whole.
            while end < len(norm) and (norm[end].isdigit() or norm[end] == "."):
                end += 1
            text = norm[start:end].rstrip(".")
            end = start + len(text)
        bad = refused.get(text)
        if bad is None:
            bad = refused[text] = (
                not text or len(text) < 2 or is_dateline(text) or text in not_subject
            )
        if bad:
            return
        if placed and _partner_at(norm, start, end):
            return  # 公司拟与|滨江市人民政府|合作，投资约120亿元: the partner is no subject
        old = options.get(text)
        if old is None:
            options[text] = Option(text, start, end, feats)
            return
        old.features, closer = merge_places(feats, old.features)
        if closer:
            old.start, old.end = start, end

    # The kind's feature (see :func:`_kind_features`), inlined in the loops over cached options.
    kind_if, kind_key = _KIND_FEATURE.get(kind, (None, ""))
    log1p = math.log1p
    # A bounded look-back keeps the cost per claim constant in a long sentence or clause.
    for ci in range(max(0, clause_index - _CLAUSES_BACK), clause_index + 1):
        span = clauses[ci]
        own = ci == clause_index
        cached = None if own else table.clause_cache.get(span)
        if cached is None:
            toks = tokens_of(span)
            if span not in table.added:
                table.added.add(span)
                table.add_clause(toks, _overlapping(time_spans, span[0], span[1]))
            source = table.source_of(span)
            if own:
                window = (max(span[0], q_start - _WINDOW_BEFORE), min(span[1], q_start + 40))
                lo = bisect.bisect_left(toks, window[0], key=lambda t: t[2])
                hi = bisect.bisect_left(toks, window[1], key=lambda t: t[2])
                cached = _clause_options(
                    norm, window, toks[lo:hi], q_start, resolve, table, time_spans, source, q_end
                )
            else:
                cached = _clause_options(norm, span, toks, None, resolve, table, time_spans, source)
                table.clause_cache[span] = cached
        for text, start, end, base in cached:
            if ci and base.get("sentence_opener"):
                continue
            f = dict(base)
            f["dist"] = log1p(abs(q_start - end)) / 5
            if own:
                f["same_clause"] = 1.0
            if end > q_start:
                f["after"] = 1.0
            if kind_if is not None and f.get(kind_if):
                f[kind_key] = 1.0
            add(text, start, end, f)

    if rule_choice is not None:
        text, start, end = rule_choice
        f = _base_features(text, None, table)
        f["rule"] = 1.0
        if start >= 0:
            f["dist"] = math.log1p(abs(q_start - end)) / 5
            if start < clauses[0][0]:
                f["earlier_sentence"] = 1.0
            else:
                f["same_sentence"] = 1.0
        _kind_features(f, kind)
        add(text, start, end, f)

    if previous is not None and previous[0]:
        text, start, end = previous
        f = _base_features(text, None, table)
        f["previous"] = 1.0
        if start >= 0:
            f["dist"] = math.log1p(abs(q_start - end)) / 5
            f["earlier_sentence" if start < clauses[0][0] else "same_sentence"] = 1.0
        _kind_features(f, kind)
        add(text, start, end, f)

    for span, back, spans, limit in earlier:
        got = table.opener_cache.get(span)
        if got is None:
            toks = [t for t in tokens_of(span) if t[3] <= limit]
            got = table.opener_cache[span] = _earlier_openers(
                toks, span, limit, resolve, table, spans
            )
        for text, start, end, base in got:
            f = dict(base)
            f["dist"] = log1p(abs(q_start - end)) / 5
            f["sentences_back"] = back / 3
            if kind_if is not None and f.get(kind_if):
                f[kind_key] = 1.0
            add(text, start, end, f)

    for rank, (text, start, end) in enumerate(frequent):
        f = _base_features(text, None, table)
        f["doc_subject"] = 1.0 / (1 + rank)
        if start >= 0:
            f["dist"] = math.log1p(abs(q_start - end)) / 5
            f["earlier_sentence" if start < clauses[0][0] else "same_sentence"] = 1.0
        _kind_features(f, kind)
        add(text, start, end, f)

    _respective(norm, q_start, clauses, clause_index, add, table, kind)
    # Quoted names of the quantity's sentence before it, however far back in the sentence and
    # whatever the tagger made of them (“冲级优胜礼包”1份，礼包包含…，传音石50个).
    for qm in marked(_NAME_QUOTE_RE, "“", norm, clauses[0][0], q_start):
        text = qm.group(1)
        f = _base_features(text, None, table)
        f.update(quoted=1.0, same_sentence=1.0)
        f["dist"] = log1p(q_start - qm.end(1)) / 5
        if qm.start() >= clauses[clause_index][0]:
            f["same_clause"] = 1.0
        _kind_features(f, kind)
        add(text, qm.start(1), qm.end(1), f)

    def add_salient(entries: Iterable[tuple[int, Entry]]) -> None:
        for rank, e in entries:
            text = resolve(e.text)
            f = _base_features(text, None, table)
            f["table"] = 1.0
            if rank == 0:
                f["topic"] = 1.0
            f["proper"] = float(e.proper)
            f["person"] = float(e.person)
            f["dist"] = math.log1p(abs(q_start - e.end)) / 5
            if e.start < clauses[0][0]:
                f["earlier_sentence"] = 1.0
            _kind_features(f, kind)
            add(text, e.start, e.end, {k: v for k, v in f.items() if v})

    # The article's topic — its most salient name and its headline terms — is offered before
    # the passes below, which read it as they read the clause's options: a topic written
    # short (康宁, 港达电讯) reaches the full name the text gives it, with the topic's flags
    # (the subject of 其在全国212个城市开设… in a company's report). The other salient names
    # stay after them (read early too: train -8 accepted claims, dev halves +14).
    salient = table.salient()
    add_salient(enumerate(salient[:1]))
    for text, start, end in table.topic_terms():
        text = resolve(text)
        f = _base_features(text, None, table)
        f["topic_term"] = 1.0
        f["dist"] = math.log1p(abs(q_start - end)) / 5
        if start < clauses[0][0]:
            f["earlier_sentence"] = 1.0
        _kind_features(f, kind)
        add(text, start, end, f)
    # A mention resolved to a longer name met before that ends with it (钱德勒 -> 常规赛钱德勒
    # when the rules once chose the words before the name too): the mention as written is
    # offered beside it, so the passes below read it (a person's full name, a longer name).
    for o in list(options.values()):
        if o.start < 0 or o.features.get("generic"):
            continue
        mention = norm[o.start : o.end]
        if len(mention) < 2 or mention == o.text or mention in options:
            continue
        if o.text.endswith(mention):
            f = {k: v for k, v in o.features.items() if k != "alias"}
            f.update(_base_features(mention, None, table))
            f["as_written"] = 1.0
            add(mention, o.start, o.end, f)

    def add_resolved(o: Option, name: str) -> None:
        # ``o`` as the longer name it stands for, at its mention (GUIDELINE: aliases are
        # resolved).
        f = dict(o.features)
        f["expanded"] = 1.0
        f.update(_base_features(name, None, table))
        add(name, o.start, o.end, f)

    # Abbreviations of longer names of the document (圣象 -> 圣象集团, 长航局 -> 长江航务管理局).
    expanded, extended = table._expanded, table._extended
    for o in list(options.values()):
        full = expanded[o.text] if o.text in expanded else table.expand(o.text)
        # The longer name as the document defines it (an alias stands for its full name).
        name = resolve(full.text) if full is not None else ""
        if name and name not in options:
            add_resolved(o, name)
    # A team's short name (雄鹿, 太阳队) of a team name the document writes in full
    # (密尔沃基雄鹿队): the team, at the mention, where one team name alone ends with it.
    teams = _team_names([*table.team_names(), *options])
    if teams:
        for o in list(options.values()):
            if o.text.endswith(_TEAM_END) and o.text in teams:
                continue
            team_full = [t for t in teams if _team_short(o.text, t)]
            if len(team_full) != 1:
                continue
            del options[o.text]
            add_resolved(o, team_full[0])
    # A Latin abbreviation the text defines after a name (2月CPI上涨0.9% after 德国2月消费者
    # 价格指数（CPI）), and that name written without its place: the name with its place, at
    # the mention (GUIDELINE: aliases are resolved).
    latin = table.latin_names()
    if latin:
        for o in list(options.values()):
            spelled = latin.get(o.text)
            if spelled is None or spelled == o.text:
                continue
            del options[o.text]
            add_resolved(o, spelled)
    # A short name the text writes in full at one of its mentions, with a company's or fund's
    # ending the tagger broke off (晶宇|科技, 长盛同庆|可分离交易型基金): the option is the full
    # name, at the mention (GUIDELINE: aliases are resolved); so is a fund's name shortened by
    # words left out of its middle (国泰双利债券基金 -> 国泰双利债券证券投资基金,
    # :meth:`EntityTable.written_longer`). A full name offered already keeps
    # the features of its own mention, and the short name stays beside it.
    for o in list(options.values()):
        if o.features.get("person"):
            continue
        longer = table.written_full(o.text) or table.written_longer(o.text)
        if longer is None or longer in options:
            continue
        del options[o.text]
        f = dict(o.features)
        f["expanded"] = 1.0
        f.update(_base_features(longer, None, table))
        add(longer, o.start, o.end, f)
    # Names the tagger cut short, read on by the document's repetitions (合丰 -> 合丰成长).
    for o in list(options.values()):
        longer = extended[o.text] if o.text in extended else table.extend(o.text)
        if longer is not None and longer not in options:
            f = dict(o.features)
            f["repeated"] = 1.0
            f.update(_base_features(longer, None, table))
            add(longer, o.start, o.start + len(longer), f)
    # Person names the tagger cut at their start, read back by the repetitions (纳姆 -> 拜纳姆).
    for o in list(options.values()):
        if not o.features.get("person"):
            continue
        whole = table.read_back(o.text)
        if whole is not None and whole not in options:
            f = dict(o.features)
            f["repeated"] = 1.0
            f.update(_base_features(whole, None, table))
            f["person"] = 1.0
            start = o.start - (len(whole) - len(o.text)) if o.start >= 0 else o.start
            add(whole, start, o.end, f)

    add_salient(enumerate(salient[1:], 1))
    for text, start, end in table.titles():
        f = _base_features(text, None, table)
        f["doc_title"] = 1.0
        f["dist"] = math.log1p(abs(q_start - end)) / 5
        if start < clauses[0][0]:
            f["earlier_sentence"] = 1.0
        add(text, start, end, f)
    # A role before a person's name (中锋|泰森-钱德勒, 购房者|薛先生): the option is the name,
    # with its features (before the full names below, so 主帅|罗伊 is read as 罗伊-威廉姆斯).
    for o in list(options.values()):
        cut = _titled_person(norm, o, tokens_near, table)
        if cut is None:
            continue
        del options[o.text]
        name = o.text[cut:]
        if name in options:
            continue  # the name is offered already: as it was met, features and place
        f = dict(o.features)
        f.update(_base_features(name, None, table))
        f.update(proper=1.0, person=1.0)
        add(name, o.start + cut if o.start >= 0 else o.start, o.end, f)
    # A person named by one part of a transliterated name the document writes in full
    # (詹姆斯 of 勒布朗-詹姆斯): the option is the full name, at the mention.
    if table._persons:
        for o in list(options.values()):
            person = table.full_person(o.text)
            if person is None or person == o.text:
                continue
            del options[o.text]
            f = dict(o.features)
            f.update(_base_features(person, None, table))
            f.update(full_name=1.0, proper=1.0, person=1.0)
            add(person, o.start, o.end, f)
        # A piece of such a name the tagger cut out of one of its mentions (诺瓦克·德|约|科维奇,
        # 扬尼斯·阿德|托): the option is the whole name, at the piece.
        for o in list(options.values()):
            if o.start < 0 or norm[o.start : o.end] != o.text or o.text in table._persons:
                continue
            person = table.person_around(o.start, o.end)
            if person is None:
                continue
            del options[o.text]
            f = dict(o.features)
            f.update(_base_features(person, None, table))
            f.update(full_name=1.0, proper=1.0, person=1.0)
            add(person, o.start, o.end, f)  # (merged with the name where it is offered)

    # Each option written in the quantity's sentence read on to the whole noun phrase it opens
    # where a number inside a name (沪深|300|指数基金) or a verb or adjective between nouns
    # (基金|新增|开户数) cut its run: one more option, the original kept. 5-fold CV of the
    # subject 0.440 -> 0.447, ceiling 0.726 -> 0.734 (bench/subject_oof.py); read on from the
    # options of every sentence (1.3 phrases per claim against 0.28) 0.444, ceiling 0.740.
    def add_phrase(o: Option, text: str, start: int, end: int, *flags: str) -> None:
        # A longer phrase read from option ``o``: its features but where it came from, the
        # phrase's own, and ``phrase`` with ``flags``.
        f = {k: v for k, v in o.features.items() if k not in _PROVENANCE}
        f.update(_base_features(text, None, table))
        f["phrase"] = 1.0
        f.update(dict.fromkeys(flags, 1.0))
        add(text, start, end, f)

    if tokens_near is not None:
        for o in list(options.values()):
            if (
                not o.features.get("same_sentence")
                or o.start < 0
                or norm[o.start : o.end] != o.text
            ):
                continue
            phrase = _phrase_end(norm, tokens_near(o.start), o.start, o.end, q_start, number_spans)
            if phrase is None:
                continue
            stop, digits, bridged = phrase
            text = norm[o.start : stop]
            head, tail = _glued_ends(text)
            if text[head : len(text) - tail] in options:
                continue  # already offered, or cut back to an option (开户数|环比)
            flags = [n for n, on in (("phrase_digits", digits), ("phrase_bridged", bridged)) if on]
            add_phrase(o, text, o.start, stop, *flags)
    # Each option written in the quantity's sentence right after a noun phrase and 的 (新加坡的
    # |公立大学, 传呼中心的|主任): the phrase with its owner, one more option, the original kept.
    if tokens_near is not None:
        # (the longest option at a place only: 贝茨学院, not 贝茨 too)
        longest: dict[int, int] = {}
        for o in options.values():
            if o.end <= q_start and norm[o.start : o.end] == o.text:
                longest[o.start] = max(longest.get(o.start, 0), o.end)
        for o in list(options.values()):
            if (
                not o.features.get("same_sentence")
                or o.start < 2
                or longest.get(o.start) != o.end
                or o.end > q_start
                or norm[o.start : o.end] != o.text
                or o.features.get("attr")
                or o.features.get("person")
                or o.text.endswith(_INDICATOR_ENDS)
                or not _HAN_END.search(o.text)
                or norm.startswith("的", o.end)
            ):
                continue  # a person is named alone; so is the owner of an attribute (北京市的|GDP)
            owner = _de_owner(tokens_near(o.start), o.start)
            if owner is None or owner < clauses[0][0]:
                continue
            text = norm[owner : o.end]
            if text in options:
                continue
            add_phrase(o, text, owner, o.end)
    # A name with a short note in brackets inside it (广义货币（M2）|供应量, 美国四年制(或以上)|
    # 公立大学): the options on either side of the brackets read as one, one more option.
    if norm.find("(", clauses[0][0], q_start) >= 0 or norm.find("（", clauses[0][0], q_start) >= 0:
        for o in list(options.values()):
            if o.start < clauses[0][0] or o.end > q_start or norm[o.start : o.end] != o.text:
                continue
            if o.features.get("attr") or o.features.get("person"):
                continue
            bm = _BRACKET_BEFORE_RE.search(norm, max(clauses[0][0], o.start - 14), o.start)
            if bm is None or bm.end() != o.start:
                continue
            # the longest option written right before the brackets (at its place or not: a
            # name met twice keeps the offsets of its nearer mention)
            a = bm.start()
            heads = [
                h.text
                for h in options.values()
                if not h.features.get("person")
                and a - len(h.text) >= clauses[0][0]
                and norm.startswith(h.text, a - len(h.text))
            ]
            if not heads:
                continue
            start = a - max(map(len, heads))
            text = norm[start : o.end]
            if text in options:
                continue
            add_phrase(o, text, start, o.end)
    frames = _topic_frames()
    out = [o for o in options.values() if not any(w in o.text for w in frames)]
    if number_spans:
        out = [o for o in out if not _counted_item(norm, o, q_start, number_spans)]
        if tokens_near is not None:
            out = [
                o for o in out if not _measured_item(norm, o, q_start, number_spans, tokens_near)
            ]
    if tokens_near is not None:
        out = _cut_at_names(norm, out, tokens_near, table)
        out = _cut_before_predicates(norm, out, tokens_near, table)
    if tokens_near is not None:
        out = [
            o
            for o in out
            if not _crosses_predicate(norm, o, tokens_near)
            and not _closed_by_localiser(norm, o, tokens_near)
        ]
    out = _indicator_owners(out, table)
    out = [o for o in out if not _builds_counted(norm, o, table.built_counts)]
    for o in out:
        if table.is_team(o.text):
            o.features["team"] = 1.0
            if team_result:
                o.features["team_result"] = 1.0
        elif team_result and o.features.get("person"):
            o.features["person_result"] = 1.0
    # (Both read a bounded stretch before the quantity: a long clause full of quantities stays
    # linear.)
    reach = max(clauses[0][0], q_start - _PENALTY_REACH)
    if _SENTENCING_RE.search(norm, reach, q_start):
        # 法院以开设赌场罪判处主犯张某鹏有期徒刑11年，并处罚金1500万元: a penalty of the sentence
        # is the person's, never the court's written before the verb
        for ci in range(clause_index, -1, -1):
            parts = sentence_parts(tokens_of(clauses[ci]), q_start)
            if parts is not None:
                punished, verb_at = parts
                out = [o for o in out if _not_the_court(o, punished, verb_at, clauses[0][0])]
                break
    if norm.find("发生", reach, q_start) >= 0:
        # 某路口发生一起交通事故，造成2人死亡: the figures are the incident's, never the place's
        # where it happened
        events = list(INCIDENT_RE.finditer(norm, reach, q_start))
        if events:
            verb_at = events[-1].start()
            out = [o for o in out if not (clauses[0][0] <= o.start and o.end <= verb_at)]
            a, b = events[-1].span(1)
            if not any(o.start < b and a < o.end for o in out):
                # the incident itself, where the clause's words were not read that far
                f = _base_features(norm[a:b], None, table)
                f.update(same_sentence=1.0, dist=math.log1p(abs(q_start - b)) / 5)
                out.append(Option(norm[a:b], a, b, f))
    own_means = next(
        (
            o
            for o in out
            if o.features.get("rule")
            and o.features.get("same_clause")
            and o.end + 1 < len(norm)
            and o.end < q_start
            and norm.startswith("以", o.end)
            and norm[o.end + 1].isdigit()
        ),
        None,
    )
    if own_means is not None:
        # 荣耀以18.1%的份额排名第二: the clause names its own subject right before 以 and a
        # number; the subject of the clause before it (vivo以19.8%…，) is carried no further
        out = [
            o
            for o in out
            if o is own_means
            or o.features.get("same_clause")
            or not (o.features.get("previous") or o.features.get("doc_subject"))
        ]
    out = _counted_head(norm, out, clauses[clause_index][0], q_start, table)
    _relative_features(out, q_start, clauses[0][0], table)
    _recency_features(out, q_start, table)
    if number_spans:
        _figures_between(out, q_start, clauses[0][0], number_spans)
    if tokens_near is not None:
        for o in out:
            # A full name stands at its short mention: the words read are the mention's.
            written = norm[o.start : o.end] if o.features.get("full_name") else o.text
            o.features.update(word_shape(norm, written, o.start, o.end, tokens_near, table))
    return out


@cache
def _clause_verb_re() -> re.Pattern[str]:
    """Any clause verb or aspect particle written in a text: the options without one are
    passed at once."""
    return re.compile(
        "|".join(sorted(lexicon.word_set("clause_verbs"), key=len, reverse=True)) + "|[了着过]"
    )


#: The longest noun an item of a list of figures counts (500多所|延续教育学院).
_ITEM_NOUN_MAX = 6


def _counted_item(
    norm: str, o: Option, q_start: int, number_spans: Sequence[tuple[int, int]]
) -> bool:
    """Whether option ``o`` is the thing an earlier figure of the quantity's list counts
    (2个篮板、|3次助攻, 500多所延续教育学院、|90多所大学): written right after that figure and
    followed by nothing but a list joiner (or nothing) up to the quantity at ``q_start``.
    Read at the option's mention, whatever name it was resolved to."""
    if o.start < 0 or o.end > q_start:
        return False
    # (``number_spans`` are in start order and do not overlap: read by bisection, so a
    # clause of thousands of quantities stays linear.)
    k = bisect.bisect_left(number_spans, o.start, key=lambda x: x[0])
    if k == 0 or number_spans[k - 1][1] < o.start:
        return False
    # Up to the quantity: a list joiner, then only whole items of the list (a figure, the
    # short noun it counts and a joiner: 500多所延续教育学院、).
    joiners = lexicon.word_set("list_joiners")
    lo = bisect.bisect_left(number_spans, o.end, key=lambda x: x[0])
    hi = bisect.bisect_left(number_spans, q_start, key=lambda x: x[0])
    items = list(number_spans[lo:hi])
    at, joined_once = o.end, False
    while at < q_start:
        joined = next((w for w in joiners if norm.startswith(w, at)), None)
        if joined is not None:
            at += len(joined)
            joined_once = True
            continue
        if not joined_once or not items or items[0][0] != at:
            return False
        at = items.pop(0)[1]
        nxt = min((i for w in joiners if (i := norm.find(w, at, q_start)) >= 0), default=q_start)
        noun = norm[at:nxt]
        if (
            nxt == q_start
            or len(noun) > _ITEM_NOUN_MAX
            or not all("\u4e00" <= ch <= "\u9fff" and ch != "的" for ch in noun)
        ):
            return False
        at = nxt
    return joined_once


def _measured_item(
    norm: str,
    o: Option,
    q_start: int,
    number_spans: Sequence[tuple[int, int]],
    tokens_near: Callable[[int], Sequence[Token]],
) -> bool:
    """Whether option ``o`` is what an earlier figure of the quantity's list measures, the
    quantity naming its own (营收|3.2亿元、净利润|5000万元; 公共充电桩|162万台，私人充电桩|286万台):
    written right before that figure, and nothing between the figure and the quantity but a
    joiner and nouns the tagger reads as nouns."""
    if o.start < 0 or o.end >= q_start:
        return False
    k = bisect.bisect_left(number_spans, o.end, key=lambda x: x[0])
    span = number_spans[k] if k < len(number_spans) else None
    if span is None or span[0] != o.end or span[1] > q_start:
        return False
    at = span[1]
    joined = next((w for w in lexicon.word_set("list_joiners") if norm.startswith(w, at)), None)
    if joined is None:
        return False
    at += len(joined)
    if not 0 < q_start - at <= _ITEM_NOUN_MAX:
        return False
    near = tokens_near(q_start)
    lo = bisect.bisect_left(near, at, key=lambda t: t[2])
    hi = bisect.bisect_left(near, q_start, key=lambda t: t[2])
    words = near[lo:hi]
    return (
        bool(words)
        and words[0][2] == at
        and words[-1][3] == q_start
        and all(t[1].startswith("n") for t in words)
    )


@cache
def _topic_frames() -> tuple[str, ...]:
    """``data/topic_frames.tsv``: nouns that close a topic frame (交通方面)."""
    return tuple(lexicon.words("topic_frames"))


#: An age written before a person's name (年仅21岁的|杨倩, 现年35岁的|李明).
_AGE_PREFIX_RE = re.compile(r"(?:年仅|现年|年满|年近|年逾|已经|仅)?[0-9一二三四五六七八九十]+岁的")

#: Tags of a person's name.
_PERSON_NAME_FLAGS = frozenset({"nr", "nrfg", "nrt"})


def _option_words(
    norm: str, o: Option, tokens_near: Callable[[int], Sequence[Token]]
) -> Sequence[Token] | None:
    """The tagger's words of an option written where its mention is, when they start and end
    where it does; None for an option not written there or cut inside a word."""
    if o.start < 0 or norm[o.start : o.end] != o.text:
        return None
    toks = tokens_near(o.start)
    lo = bisect.bisect_left(toks, o.start, key=lambda t: t[2])
    hi = bisect.bisect_left(toks, o.end, key=lambda t: t[2])
    words = toks[lo:hi]
    if not words or words[0][2] != o.start or words[-1][3] != o.end:
        return None
    return words


def _titled_person(
    norm: str,
    o: Option,
    tokens_near: Callable[[int], Sequence[Token]] | None,
    table: EntityTable,
) -> int | None:
    """Where the name starts in an option that runs from a role (data/person_titles.tsv) into
    a person's name (小牛中锋|钱德勒, 购房者|薛先生), as a count of its characters: the name is a
    transliterated name of the document (泰森-钱德勒), or, where the option is written, its
    last word tagged as a person's; None when the option is not such a run."""
    text = o.text
    age = _AGE_PREFIX_RE.match(text)
    if age is not None and len(text) > age.end():
        return age.end()  # 年仅21岁的|杨倩: an age before a name says who the person is
    if len(text) < 4 or not nlp.person_title_re().search(text):
        return None
    titles = lexicon.words("person_titles")  # roles written before a person's name
    if table._persons:
        # A transliterated name of the document, or the part of one it is also named by
        # (主帅|罗伊 of 罗伊-威廉姆斯).
        for title in titles:
            k = text.rfind(title) + len(title)
            if k >= len(title) and len(text) - k >= 2:
                rest = text[k:]
                if rest in table._persons or table.full_person(rest) is not None:
                    return k
    for title in titles:
        # a transliterated name whole after the role (希腊球星|扬尼斯·阿德托昆博)
        k = text.rfind(title) + len(title)
        if k >= len(title) and _TRANSLIT_RE.fullmatch(text, k):
            return k
    words = _option_words(norm, o, tokens_near) if tokens_near is not None else None
    if words is None or len(words) < 2:
        return None
    last = words[-1]
    if last[1] in _PERSON_NAME_FLAGS and len(last[0]) >= 2 and words[-2][0].endswith(titles):
        return last[2] - o.start
    return None


#: Tags of the words that mark a clause after a verb (了, 着, 过).
_ASPECT_FLAGS = frozenset({"ul", "uz", "ug"})


def _closed_by_localiser(
    norm: str, o: Option, tokens_near: Callable[[int], Sequence[Token]]
) -> bool:
    """Whether an option written where its mention is ends with a localiser after a noun
    (data/frame_localisers.tsv: 基础上, 交易中, 队史上): a frame of place or scope."""
    if len(o.text) < 3 or o.text[-1] not in lexicon.word_set("frame_localisers"):
        return False
    words = _option_words(norm, o, tokens_near)
    return (
        words is not None
        and len(words) >= 2
        and words[-1][1] == "f"
        and words[-1][0] in lexicon.word_set("frame_localisers")
    )


@cache
def _owned_nouns() -> tuple[str, ...]:
    """``data/owned_nouns.tsv``: endings of nouns an organisation or place has and counts."""
    return tuple(lexicon.words("owned_nouns"))


#: Tags of the words of a measured attribute written after a name (5G/eng 套餐/n 用户/n).
_ATTRIBUTE_WORD_FLAGS = frozenset({"n", "vn", "eng", "nz", "j", "l"})


def _name_edge(
    norm: str,
    o: Option,
    tokens_near: Callable[[int], Sequence[Token]],
    count: Callable[[str], int],
) -> int:
    """Where the name ends in an option written where its mention is that runs from a name
    into what the name has and counts (中国电信|5G套餐用户, 航宇通信|全球员工总数): the name
    is an organisation's (its last word tagged as one, or an organisation ending) or one the
    document writes more often than the option (``count``: a name met before), and the words
    after it, read on over the nouns after the option, are nouns ending with a thing owned
    and counted (data/owned_nouns.tsv), an attribute of it after them at most (总数). Not
    where a clause of the nouns' own follows them (万科员工|所节省的电费: they act). A
    place's (全国渔民, 北京市常住人口) or a market's nouns (我国工业机器人|产量) are the
    measured thing and stay whole, as the gold has them. The longest such name, as a count
    of characters; 0 for none."""
    words = _option_words(norm, o, tokens_near)
    if words is None:
        return 0
    toks = tokens_near(o.start)
    at = bisect.bisect_left(toks, o.end, key=lambda t: t[2])
    words = list(words)
    for t in toks[at : at + 3]:
        if t[2] != words[-1][3] or t[1] not in _ATTRIBUTE_WORD_FLAGS:
            break
        words.append(t)
    if len(words) < 2:
        return 0
    if norm.startswith(_CLAUSE_AFTER_NOUN, words[-1][3]):
        return 0  # 万科员工|所节省的电费: the nouns are who acts, not what is measured
    owned = _owned_nouns()
    while len(words) > 1 and not words[-1][0].endswith(owned):
        if words[-1][3] <= o.end and not _is_attr(words[-1][0]):
            return 0  # the option's last noun is no attribute of the owned thing
        words.pop()
    for k in range(len(words) - 1, 0, -1):
        if words[k][1] not in _ATTRIBUTE_WORD_FLAGS:
            return 0
        name = norm[o.start : words[k - 1][3]]
        if len(name) >= 2 and (
            words[k - 1][1] in _EDGE_FLAGS or _ends_with_org(name) or count(name) > count(o.text)
        ):
            return len(name) if len(name) < len(o.text) else 0
    return 0


#: What follows a noun that acts in a clause of its own (万科员工|所节省的, 用户|的).
_CLAUSE_AFTER_NOUN = ("所", "的")


#: Tags of the last word of an organisation's name.
_EDGE_FLAGS = frozenset({"nt"})


def _cut_at_names(
    norm: str,
    out: list[Option],
    tokens_near: Callable[[int], Sequence[Token]],
    table: EntityTable,
) -> list[Option]:
    """The options with each one that runs from a name into the attribute measured of it
    (:func:`_name_edge`) cut at the name: the longer options at its place, down to the name,
    are left out (中国电信5G套餐用户, 中国电信5G套餐 -> 中国电信; the attribute is the
    predicate), and the name is offered when it is not."""
    cuts = []
    for o in out:
        if len(o.text) >= 4 and o.start >= 0:
            k = _name_edge(norm, o, tokens_near, table.count)
            if k:
                cuts.append((o, k))
    if not cuts:
        return out
    drop = {
        id(x)
        for o, k in cuts
        for x in out
        if x.start == o.start and o.start + k < x.end <= o.end and norm[x.start : x.end] == x.text
    }
    kept = [x for x in out if id(x) not in drop]
    have = {x.text for x in kept}
    for o, k in cuts:
        name = o.text[:k]
        if name not in have:
            have.add(name)
            f = dict(o.features)
            f.update(_base_features(name, None, table))
            kept.append(Option(name, o.start, o.start + k, f))
    return kept


def _crosses_predicate(norm: str, o: Option, tokens_near: Callable[[int], Sequence[Token]]) -> bool:
    """Whether an option written where its mention is runs across its clause's predicate:
    after its first word and before its last, a linking verb (data/clause_verbs.tsv: 中心四区
    占全市) or a verb with an aspect particle (退还了), with no 的 after it in the option (a
    phrase before 的 describes the noun after it: 涨幅超过五成的个股)."""
    if len(o.text) < 4 or not _clause_verb_re().search(o.text, 1):
        return False
    words = _option_words(norm, o, tokens_near)
    if words is None or len(words) < 3:
        return False
    verbs = lexicon.word_set("clause_verbs")
    for k in range(1, len(words) - 1):
        word, flag = words[k][0], words[k][1]
        linking = word in verbs and flag.startswith("v")
        aspect = flag in _ASPECT_FLAGS and words[k - 1][1].startswith("v")
        if linking or aspect:
            return not any(w[0] == "的" for w in words[k + 1 :])
    return False


#: Tags of a name that opens a clause as its subject: a person's, a place's, an
#: organisation's (陈某|赔偿被害人, 长春|已建成方舱医院, 津南区|作为重点区域).
_OPENING_NAME_FLAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt"})
#: One-character adverbs the tagger reads as one word with the verb after them (共出动).
_GLUED_ADVERBS = frozenset("共已均再又还曾")


#: Tags of adverbs, which start a clause's predicate after a name.
_ADVERB_FLAGS = frozenset({"d", "ad"})


def _name_then_predicate(
    norm: str, o: Option, tokens_near: Callable[[int], Sequence[Token]]
) -> int:
    """Where the predicate starts in an option written where its mention is that opens with
    a name or the whole area (data/whole_scope_words.tsv: 全省) and runs on into its
    clause's predicate, as a count of its characters: an adverb
    (长春|已建成方舱医院, 约翰-伍登|则有), a linking verb (data/clause_verbs.tsv: 三区合计|占)
    or a report verb (data/report_verbs.tsv: 陈某|赔偿被害人, 津南区|作为重点区域) after the
    name, with no 的 after it in the option (a phrase before 的 describes the noun after it);
    0 for none."""
    if len(o.text) < 3:
        return 0
    words = _option_words(norm, o, tokens_near)
    if (
        words is None
        or len(words) < 2
        or (
            words[0][1] not in _OPENING_NAME_FLAGS
            and words[0][0] not in lexicon.word_set("whole_scope_words")
        )
    ):
        return 0
    verbs, report = lexicon.word_set("clause_verbs"), lexicon.word_set("report_verbs")
    # After the whole country only an adverb starts the predicate: a verb after it is read
    # with it as the national scope of a count (全国新建充电站; core._with_bare_scope).
    named = words[0][1] in _OPENING_NAME_FLAGS or words[0][0] not in lexicon.word_set(
        "national_scope_words"
    )
    for k in range(1, len(words)):
        word, flag = words[k][0], words[k][1]
        glued = word[:1] in _GLUED_ADVERBS and word[1:] in report  # 共|出动, 已|建成
        if not (flag in _ADVERB_FLAGS or glued or (named and (word in verbs or word in report))):
            continue
        if any(w[0] == "的" for w in words[k + 1 :]):
            return 0
        return words[k][2] - o.start
    return 0


def _all_name(
    norm: str, start: int, end: int, tokens_near: Callable[[int], Sequence[Token]]
) -> bool:
    """Whether the words from ``start`` to ``end`` are all a name's (a person's, a place's,
    an organisation's, with the marks and the one-character pieces the tagger cut a name
    into: 约翰-伍|登) or the whole area (全省)."""
    toks = tokens_near(start)
    lo = bisect.bisect_left(toks, start, key=lambda t: t[2])
    hi = bisect.bisect_left(toks, end, key=lambda t: t[2])
    return all(
        t[1] in _OPENING_NAME_FLAGS
        or t[1] == "x"
        or len(t[0]) == 1
        or t[0] in lexicon.word_set("whole_scope_words")
        for t in toks[lo:hi]
    )


def _opens_with_modal(norm: str, o: Option, tokens_near: Callable[[int], Sequence[Token]]) -> bool:
    """Whether an option written where its mention is opens with a modal or intent word the
    tagger reads as a verb or an adverb (data/modal_openers.tsv: 拟|安排地方政府): a
    predicate, not a subject."""
    if len(o.text) < 3 or not o.text.startswith(tuple(lexicon.word_set("modal_openers"))):
        return False
    words = _option_words(norm, o, tokens_near)
    return (
        words is not None
        and len(words) >= 2
        and words[0][0] in lexicon.word_set("modal_openers")
        and words[0][1][:1] in "vd"
    )


@cache
def _label_quote_frames() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """``data/label_quote_frames.tsv``: the words written right before, in the phrase before
    and right after a quoted label."""
    rows = lexicon.table("label_quote_frames")
    return (
        tuple(w for w, where in rows if where == "before"),
        tuple(w for w, where in rows if where == "near"),
        tuple(w for w, where in rows if where == "after"),
    )


#: How far before a quoted label a ``near`` word of its frame is read (针对央视“3·15”).
_NEAR_FRAME = 12


#: A code of a date written as a label (3·15, 7·20, 12·31): an event's name, no subject.
_DATE_CODE_RE = re.compile(r"\d{1,2}[·.．]\d{1,2}")
#: Quoted labels of one list, written one after the other (“家人住院”“购买房产”、“投资”).
_QUOTED_BEFORE_RE = re.compile(r"(?:“[^“”]{1,20}”[、，,]?)*$")
_QUOTED_AFTER_RE = re.compile(r"(?:[、，,]?“[^“”]{1,20}”)*")


def _quoted_label(norm: str, o: Option) -> bool:
    """Whether an option written where its mention is cuts through a quotation mark
    (河南“7), or is, or is written inside, a quoted label: a date code (“7·20”), or a pretext
    or campaign its frame names (data/label_quote_frames.tsv: 以“小额贷款”为幌子,
    针对央视“3·15”晚会, 以“家人住院”“购买房产”等理由)."""
    if o.start < 0:
        return False
    text, start, end = o.text, o.start, o.end
    if norm[start:end] != text:
        # The mention with its marks (“小额贷款”, 家人住院”“): the text inside it.
        at = norm.find(text, start, end)
        if at < 0 or "“" not in norm[start:end]:
            return False
        start, end = at, at + len(text)
    if text.count("“") != text.count("”"):
        return True
    # The quotation the option is written in (a word of it: 购买|房产 of “购买房产”).
    a = norm.rfind("“", max(0, start - 20), start + 1)
    b = norm.find("”", end, end + 20)
    if a < 0 or b < 0 or "”" in norm[a:start] or "“" in norm[end:b]:
        return False
    start, end = a + 1, b
    if _DATE_CODE_RE.fullmatch(norm[start:end]):
        return True
    before, near, after = _label_quote_frames()
    head = norm[max(0, start - 60) : start - 1]
    m = _QUOTED_BEFORE_RE.search(head)
    lead = head[: m.start()] if m is not None else head
    if lead.endswith(before) or any(w in lead[-_NEAR_FRAME:] for w in near):
        return True
    m2 = _QUOTED_AFTER_RE.match(norm, end + 1)
    rest = m2.end() if m2 is not None else end + 1
    return norm.startswith(after, rest)


_INDICATOR_ENDS = tuple(lexicon.words("indicator_names"))


@cache
def _indicator_re() -> re.Pattern[str]:
    """Any name of data/indicator_names.tsv written in a text, the longest first."""
    names = sorted(lexicon.words("indicator_names"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def _whole_scope(words: str) -> bool:
    """Whether words name the whole area or the article's place (全国, 全市: data/
    whole_scope_words.tsv, data/scope_place_words.tsv)."""
    return words in lexicon.word_set("whole_scope_words") or words in lexicon.word_set(
        "scope_place_words"
    )


def _indicator_cut(norm: str, o: Option) -> int | None:
    """Where an option written where its mention is should end when it ends inside a
    statistical indicator's name (data/indicator_names.tsv: 南京地区|生产总值 -> 南京, as a
    count of its characters; 0 for 城镇|新增就业, nothing before the indicator); None when
    it ends at no such place, or where the words before the indicator are the whole area
    (全市|规模以上工业增加值: the city and its indicator, as core resolves it)."""
    if o.start < 0 or norm[o.start : o.end] != o.text:
        return None
    for m in _indicator_re().finditer(norm, o.start, min(len(norm), o.end + 12)):
        if m.start() < o.end < m.end():
            scope = norm[o.start : m.start()]
            if _whole_scope(scope):
                return None  # 全市|规模以上工业: read as the city's (core), kept
            return m.start() - o.start
    return None


#: The organisation suffixes of two characters or more (银行, 公司, 集团).
_LONG_ORG_SUFFIXES = tuple(w for w in _ORG_SUFFIXES if len(w) >= 2)
#: Words that may stand before a build verb in a target or a tally (计划新建, 已建成, 累计建成).
_BUILD_LEADS = ("累计", "已经", "已", "共", "再", "年内", "今年")
#: A count right after an option: words without punctuation, then digits (5G基站|约6.6万个).
_COUNT_AFTER_RE = re.compile(r"[^\s，。；：、！？,;:（）()“”\[\]【】]{0,10}?[0-9]")


def _builds_counted(norm: str, o: Option, cache: dict[str, bool]) -> bool:
    """Whether an option written where its mention is opens with a verb of building or raising
    (data/build_verbs.tsv, after a modal of data/modal_openers.tsv or 累计/已) and runs on, with
    no attribute word, to a number (计划新建5G基站|1万个, 新开工保障性|租赁住房3万套): the
    clause's predicate and its counted object, never who built them (新建商品住宅|均价2万元
    and 新建商品住宅|价格上涨5% stay: an attribute is measured)."""
    if len(o.text) < 2 or o.text.endswith(_LONG_ORG_SUFFIXES):
        return False  # (建设银行 is a name; 基站 is no 站 of a body)
    text = o.text
    for lead in (*lexicon.words("modal_openers"), *_BUILD_LEADS):
        if text.startswith(lead) and len(text) > len(lead):
            text = text[len(lead) :]
            break
    verbs = lexicon.words("build_verbs")
    if not text.startswith(verbs):
        # the verb's object alone, right after it (改造|城中村|45个, 建成|5G基站|6.2万个)
        placed = o.start >= 2 and norm[o.start : o.end] == o.text
        if not (placed and norm.endswith(verbs, 0, o.start)):
            return False
    if o.start >= 0 and norm[o.start : o.end] == o.text:
        return _count_after(norm, o.start, o.text)
    # Where the option is a name it stands for (5G基站 -> 新建5G基站): its written places,
    # read once per document.
    got = cache.get(o.text)
    if got is None:
        got = False
        at = norm.find(o.text)
        while at >= 0 and not got:
            got = _count_after(norm, at, o.text)
            at = norm.find(o.text, at + 1)
        cache[o.text] = got
    return got


def _count_after(norm: str, at: int, text: str) -> bool:
    """Whether the text written at ``at`` runs on, with no attribute word, to a number."""
    m = _COUNT_AFTER_RE.match(norm, at + len(text))
    return m is not None and not any(w in norm[at : m.end() - 1] for w in _ATTR_SUFFIXES)


#: A clause that counts the things a 的-phrase describes: …的 + head noun + 有 + the count
#: (新建商品住宅销售价格环比下降的城市有38个, 营业收入超过百亿元的企业共有12家).
_COUNTED_HEAD_RE = re.compile(
    r"([^，。；：！？,;:]{2,30}?)的([\u4e00-\u9fff]{1,4}?)(?:共|仅|只|则|也|已|已经)?有$"
)
#: The longest such 的-phrase offered whole.
_COUNTED_HEAD_MAX = 24
#: How far before the quantity such a clause is read.
_COUNTED_HEAD_REACH = 40


@cache
def _counted_heads() -> tuple[str, ...]:
    """``data/counted_heads.tsv``: nouns of counted entities (城市, 企业, 基金)."""
    return tuple(lexicon.words("counted_heads"))


def _counted_head(
    norm: str, out: list[Option], clause_start: int, q_start: int, table: EntityTable
) -> list[Option]:
    """The options of a quantity that counts the entities (data/counted_heads.tsv) a 的-phrase
    of its clause describes (…环比下降的城市有38个): the whole 的-phrase is offered, and the
    nouns inside its modifier are left out (新建商品住宅 of …的城市有38个 is no subject: the
    cities are counted). Any head noun instead: train+dev -2 +1 (沪市日成交量超过2亿手的天数
    只有3天 is 沪市's)."""
    # (a bounded stretch before the quantity: a long clause full of quantities stays linear)
    m = _COUNTED_HEAD_RE.search(norm, max(clause_start, q_start - _COUNTED_HEAD_REACH), q_start)
    if m is None or m.end() != q_start or not m.group(2).endswith(_counted_heads()):
        return out
    a, b = m.span(1)
    kept = [o for o in out if not (o.start >= 0 and a <= o.start and o.end <= b)]
    text = norm[a : m.end(2)]
    if len(text) <= _COUNTED_HEAD_MAX and not any(o.text == text for o in kept):
        f = _base_features(text, None, table)
        f.update(same_sentence=1.0, same_clause=1.0, de_phrase=1.0)
        f["dist"] = math.log1p(q_start - m.end(2)) / 5
        kept.append(Option(text, a, m.end(2), f))
    return kept


def _indicator_owner(text: str) -> str:
    """The name before a statistical indicator an option ends with (长沙市|地区生产总值 ->
    长沙市, data/indicator_names.tsv), or "" when it ends with none or nothing stands before it."""
    for m in _indicator_re().finditer(text):
        if m.end() == len(text) and m.start() >= 2:
            return text[: m.start()]
    return ""


def _indicator_owners(out: list[Option], table: EntityTable) -> list[Option]:
    """The options with each one that is a name and its statistical indicator
    (data/indicator_names.tsv) read as the name, merged with it where it is offered too: the
    subject is the place or body the indicators are about, the indicator is the predicate
    (长沙市地区生产总值1200.5亿元，增长5.1%。一般公共预算收入95.2亿元: the city's, not the
    previous clause's indicator carried on; GUIDELINE, 全市固定资产投资…，同比增长33.7% is the
    city's). Train+dev: accept-as-is +3 -0 (carrying one indicator into a clause of the next
    was always wrong); read the same way, the commoner heads 增加值, 销售额, 人均纯收入 gain 6
    and lose 6 (the gold keeps 第一产业增加值 whole), so they are not in the list."""
    if not any(o.text.endswith(_INDICATOR_ENDS) for o in out):
        return out
    owners: dict[str, str] = {}
    offered = {o.text for o in out}
    for o in out:
        owner = _indicator_owner(o.text)
        # (a name offered on its own: 第三产业增加值|占地区生产总值 has no owner)
        if owner in offered and not _whole_scope(owner):
            # (全市|固定资产投资 stays whole: core reads it as the city's, where it is written)
            owners[o.text] = owner
    if not owners:
        return out
    by_text: dict[str, Option] = {}
    kept = []
    for o in out:
        owner = owners.get(o.text, "")
        text = owner or o.text
        have = by_text.get(text)
        if have is None:
            if owner:
                f = dict(o.features)
                f.update(_base_features(owner, None, table))
                end = o.start + len(owner) if o.start >= 0 else o.end
                o = Option(owner, o.start, end, f)
            by_text[text] = o
            kept.append(o)
            continue
        have.features, closer = merge_places(dict(o.features), have.features)
        if closer and o.start >= 0:
            have.start, have.end = o.start, o.start + len(text)
    return kept


def _cut_before_predicates(
    norm: str,
    out: list[Option],
    tokens_near: Callable[[int], Sequence[Token]],
    table: EntityTable,
) -> list[Option]:
    """The options with each one that runs from a name into its clause's predicate
    (:func:`_name_then_predicate`) cut back to the name (陈某赔偿被害人 -> 陈某), its features
    kept; left out where the name is offered already, or where the words before the
    predicate are more than a name (全国新农合筹资水平|达到: the noun phrase is offered on its
    own where it is one). An option that opens with a modal word is left out
    (:func:`_opens_with_modal`), and so is a quoted label (:func:`_quoted_label`)."""
    have = {o.text for o in out}
    kept = []
    for o in out:
        if o.start < 0:
            kept.append(o)
            continue
        if _opens_with_modal(norm, o, tokens_near):
            continue
        if _quoted_label(norm, o):
            continue
        cut = _indicator_cut(norm, o)
        if cut is not None:
            name = o.text[:cut]
            if len(name) >= 2 and name not in have:
                have.add(name)
                f = dict(o.features)
                f.update(_base_features(name, None, table))
                kept.append(Option(name, o.start, o.start + cut, f))
            continue
        k = _name_then_predicate(norm, o, tokens_near)
        if not k or (o.text in table._persons and len(_NAME_SPLIT.split(o.text[:k])[-1]) < 2):
            # (a transliterated name of the document is not cut inside its last part:
            # 诺瓦克·德约科维奇, not 诺瓦克·德|约; 约翰-伍登|则有 is)
            kept.append(o)
            continue
        name = o.text[:k]
        if (
            len(name) >= 2
            and name not in have
            and _all_name(norm, o.start, o.start + k, tokens_near)
        ):
            have.add(name)
            f = dict(o.features)
            f.update(_base_features(name, None, table))
            kept.append(Option(name, o.start, o.start + k, f))
    return kept


#: Word classes of the first and last word of a mention (jieba's tags, grouped); any other tag
#: is ``other``.
_TAG_GROUPS = {
    "n": "n",
    "ns": "ns",
    "nr": "nr",
    "nrt": "nr",
    "nrfg": "nr",
    "nt": "nt",
    "nz": "nz",
    "eng": "eng",
    "j": "j",
    "v": "v",
    "vn": "vn",
    "s": "s",
    "x": "x",
    "a": "a",
    "m": "m",
    "l": "l",
}
#: Tags that never end a subject: adverbs, particles, numerals, idioms, adjectives, verbal
#: nouns (马刺一共, 湖人领先, 一天销售).
_LAST_BAD = frozenset(
    {"vn", "a", "m", "l", "i", "ad", "b", "ng", "zg", "u", "ul", "uj", "ug", "d", "z", "an"}
)
#: Tags that never open a subject: verbs, pronouns, prepositions, numerals, measure words
#: (突破科比, 对话陆川).
_FIRST_BAD = frozenset(
    {"v", "vn", "m", "l", "r", "p", "i", "zg", "ad", "q", "u", "ul", "uj", "mq", "z"}
)


def word_shape(
    norm: str,
    text: str,
    start: int,
    end: int,
    tokens_near: Callable[[int], Sequence[Token]],
    table: EntityTable,
) -> dict[str, float]:
    """Features of the words a mention covers, as the tagger reads them in its clause: the
    class of its first and last word (``first_*``, ``last_*``), how many words
    (``words1``..``words4``), a first or last word that never bounds a subject
    (``first_bad``, ``last_bad``: a fragment of a clause such as 湖人领先), a verb inside, a
    mention that starts or ends inside a word (``word_cut``); ``unwritten`` for an option not
    written where its mention is (an alias resolved, a name of the table elsewhere). Cached
    per mention."""
    if start < 0 or norm[start:end] != text:
        return {"unwritten": 1.0}
    key = (start, end)
    got = table.shape_cache.get(key)
    if got is not None:
        return got
    toks = tokens_near(start)
    lo = bisect.bisect_right(toks, start, key=lambda t: t[3])
    hi = bisect.bisect_left(toks, end, key=lambda t: t[2])
    words = toks[lo:hi]
    f: dict[str, float] = {}
    if not words or words[-1][3] < end:
        f["unwritten"] = 1.0
    else:
        first, last = words[0], words[-1]
        if first[2] != start or last[3] != end:
            f["word_cut"] = 1.0
        f["first_" + _TAG_GROUPS.get(first[1], "other")] = 1.0
        f["last_" + _TAG_GROUPS.get(last[1], "other")] = 1.0
        f[f"words{min(len(words), 4)}"] = 1.0
        if last[1] in _LAST_BAD:
            f["last_bad"] = 1.0
        if first[1] in _FIRST_BAD:
            f["first_bad"] = 1.0
        if any(w[1] == "v" for w in words[1:-1]):
            f["inner_verb"] = 1.0
        before = toks[lo - 1] if lo and toks[lo - 1][3] == start else None
        after = toks[hi] if hi < len(toks) and toks[hi][2] == end else None
        f["prev_" + _neighbour_class(before)] = 1.0
        f["next_" + _neighbour_class(after)] = 1.0
    table.shape_cache[key] = f
    return f


#: The class of the word written right before or right after a mention (``prev_*``, ``next_*``
#: of :func:`word_shape`): a subject is followed by its verb or an adverb (郭台铭|遭到, 湖人|领先)
#: and stands after a mark, a time or a connective; an object stands after a verb or a
#: preposition (对|王某, 在|北京), a modifier before 的 or a localiser (北京|的, 行业|中).
_NEIGHBOUR_CLASSES = {
    **dict.fromkeys(("v", "vd", "vi", "vg", "vq"), "v"),
    "p": "p",
    **dict.fromkeys(("uj", "ud", "uv", "ul", "uz", "ug", "u"), "u"),
    **dict.fromkeys(("m", "mq", "q"), "m"),
    "c": "c",
    **dict.fromkeys(("d", "ad", "df", "dg"), "d"),
    "f": "f",
    "t": "t",
    "r": "r",
    **dict.fromkeys(("n", "ns", "nr", "nrt", "nrfg", "nt", "nz", "j", "vn", "eng", "l", "s"), "n"),
}


def _neighbour_class(tok: Token | None) -> str:
    """The class of a neighbouring word (:data:`_NEIGHBOUR_CLASSES`); ``edge`` for none or a
    mark."""
    if tok is None:
        return "edge"
    if tok[1] == "x" and not tok[0].isalnum():
        return "edge"
    # (A number the tagger calls eng, 59 of 59万元, stays with the names: read as a numeral
    # the 5-fold CV of the subject was 0.462 against 0.467.)
    return _NEIGHBOUR_CLASSES.get(tok[1], "other")


@cache
def _parcel_re() -> re.Pattern[str]:
    """Any head noun of data/parcel_heads.tsv written in a text."""
    return re.compile("|".join(map(re.escape, lexicon.words("parcel_heads"))))


#: Tags of a place that names a project or parcel (海淀区/ns), and of the words between it
#: and the head noun (某/r, 一宗/m, 豪宅/n, 树/v 村/zg: a local name the tagger cuts).
_PARCEL_PLACE_FLAGS = frozenset({"ns"})
_PARCEL_INNER_FLAGS = frozenset({"n", "nz", "ns", "nr", "zg", "v", "vn", "a", "j", "f", "r", "m"})
#: The most words between the place and the head noun.
_PARCEL_INNER_MAX = 4


def _parcels(toks: Sequence[Token], limit: int) -> list[tuple[int, int]]:
    """The spans of the projects and parcels named by their place among ``toks`` before
    ``limit``: a place, at most :data:`_PARCEL_INNER_MAX` words (a pronoun only 某, a numeral
    only 一 with its measure word), and a word ending with a head noun of
    data/parcel_heads.tsv (海淀区树村地块, 厦门岛内某豪宅项目, 朝阳区一宗住宅地块)."""
    heads = tuple(lexicon.words("parcel_heads"))
    found = []
    for i, t in enumerate(toks):
        if t[1] not in _PARCEL_PLACE_FLAGS or t[3] > limit:
            continue
        for j in range(i + 1, min(len(toks), i + 2 + _PARCEL_INNER_MAX)):
            w, flag, _, end = toks[j]
            if end > limit:
                break
            if w.endswith(heads) and j > i + 1:
                found.append((t[2], end))
                break
            if flag not in _PARCEL_INNER_FLAGS or (flag == "r" and w != "某"):
                break
            if flag == "m" and not w.startswith("一"):
                break
    return found


def _clause_options(
    norm: str,
    span: tuple[int, int],
    toks: list[Token],
    stop: int | None,
    resolve: Callable[[str], str],
    table: EntityTable,
    time_spans: Sequence[tuple[int, int]],
    source: bool,
    q_end: int | None = None,
) -> list[tuple[str, int, int, dict[str, float]]]:
    """The subject options one clause offers, with the features that do not depend on the
    quantity (distance, same clause, after and kind are added per claim). ``stop`` is the
    quantity's start in its own clause (nothing at or after it is read), None for an earlier
    clause (whose options are cached)."""
    # Only the time expressions that overlap this clause (the document may hold thousands).
    time_spans = _overlapping(time_spans, span[0], span[1])
    found: list[tuple[str, int, int, dict[str, float]]] = []
    own = stop is not None
    q_start = stop if stop is not None else span[1]
    runs = noun_runs(toks, stop=stop) if own else table.runs(toks)
    # Whether a verb stands before the run: read once along the clause, not once per piece.
    seen, verb_before = 0, False
    for n_run, (i, j) in enumerate(runs):
        run = toks[i:j]
        while seen < i:
            flag = toks[seen][1]
            verb_before = verb_before or (flag.startswith("v") and flag != "vn")
            seen += 1
        opener = n_run == 0 and _opens(toks, i)
        pieces: list[tuple[Sequence[Token], str]] = [(run, "")]
        # A time word inside the run ends the name (上证综指|上周五收市): the run stops there.
        for k in range(1, len(run)):
            if run[k][1] == "t" or (time_spans and any(a <= run[k][2] < b for a, b in time_spans)):
                run = run[:k]
                pieces = [(run, "")]
                break
        # A measured attribute at the end: offer its owner too (新农合 | 筹资水平).
        k = len(run)
        while k > 1 and _is_attr(run[k - 1][0]):
            k -= 1
        if k < len(run):
            pieces.append((run[:k], "owner"))
        elif own and len(run) > 1:
            # The owner of a measured thing the attribute list does not know (家电|销售,
            # 中国酒店业|人才缺口): the run without its last one or two nouns.
            for k in range(len(run) - 1, max(0, len(run) - 3), -1):
                if run[k][1] in ("n", "vn", "l") and run[k - 1][3] - run[0][2] >= 2:
                    pieces.append((run[:k], "prefix"))
                else:
                    break
        # The names inside a longer run (全国新农合筹资水平 -> 新农合, 热火季后赛 -> 热火).
        # A transliterated name that opens a longer run (凯文-杜兰特 of 凯文-杜兰特全场).
        for k in range(len(run) - 1, 1, -1):
            if run[k][1] in ("nr", "nrt", "nrfg") or len(run[k][0]) == 1:
                continue  # the name goes on (拉塞尔-威|斯布鲁克)
            if _PERSON_SHAPE.match("".join(t[0] for t in run[:k])):
                pieces.append((run[:k], "inner"))
                break
        if len(run) > 1 and not _ends_with_org("".join(t[0] for t in run)):
            pieces += [([t], "inner") for t in run if t[1] in _ENTITY_FLAGS and len(t[0]) >= 2]
        k = descriptor_split(run) if len(run) > 1 else 0
        named = run[k:] if k else None
        if named is not None:
            pieces.append((named, "inner"))  # 晶圆代工厂|晶宇科技: the name after its class
        for piece, how in pieces:
            text = "".join(t[0] for t in piece)
            end = piece[-1][3]
            if time_spans and any(a < end and piece[0][2] < b for a, b in time_spans):
                continue  # a time expression (去年同期) is never the subject
            # (The name after its class noun stays itself: not the longer run it ends.)
            resolved = text if piece is named else resolve(text)
            if resolved == text and text in _COMPANY_ANAPHORS:
                # 安远电子发布一季报。公司一季度实现…: the company the text named last
                pointed = table.company_antecedent(piece[0][2])
                resolved = resolve(pointed) if pointed is not None else text
            if resolved == text and text in _anaphor_classes():
                # 该游戏, 新车 as one word: what it points back to (data/demonstrative_classes.tsv)
                pointed = table.class_antecedent(piece[0][2], _anaphor_classes()[text])
                resolved = resolve(pointed) if pointed is not None else text
            f = _base_features(resolved, piece, table)
            f["same_sentence"] = 1.0
            if how:
                f[how] = 1.0
            if opener:
                f["clause_opener"] = 1.0
            if source:
                f["source"] = 1.0
            if norm.startswith("的", end):
                f["before_de"] = 1.0
            if verb_before:
                f["after_verb"] = 1.0
            if resolved != text:
                generic = text in _GENERIC or text.startswith(("该", "其"))
                f["generic" if generic else "alias"] = 1.0
            found.append((resolved, piece[0][2], end, f))

    # Person names the tagger split into one-character name tokens (徐/桑/楚 -> 徐桑楚).
    k = 0
    while k < len(toks):
        e = k
        while e < len(toks) and toks[e][1] == "nr" and len(toks[e][0]) == 1:
            e += 1
        if e - k >= 2 and e - k <= 4 and (not own or toks[e - 1][3] <= q_start):
            name = "".join(t[0] for t in toks[k:e])
            f = _base_features(name, None, table)
            f.update(proper=1.0, person=1.0, same_sentence=1.0, split_name=1.0)
            if source:
                f["source"] = 1.0
            found.append((resolve(name), toks[k][2], toks[e - 1][3], f))
        k = max(e, k + 1)
    # A surname the tagger split from its given name (村民|陈/nr 妹/n, 小|宋/nr 佳/a): the
    # surname with the one or two characters that follow it in the same word run; with two
    # one-character words the name is all three (赵/nr 继/v 伟/zg, 孙/zg 铭/n 徽/n: a surname of
    # data/surnames.tsv whatever its tag, before a word of two characters or a mark).
    for k, t in enumerate(toks[:-1]):
        if len(t[0]) != 1 or (own and t[2] >= q_start):
            continue
        if k and toks[k - 1][1] == "nr" and len(toks[k - 1][0]) == 1:
            continue
        nxt = toks[k + 1]
        lasts: list[int] = []
        if (
            t[1] == "nr"
            and len(nxt[0]) <= 2
            and nxt[1] in _GIVEN_NAME_TAGS
            and "\u4e00" <= nxt[0][0] <= "\u9fff"
        ):
            lasts.append(k + 1)
        if (
            (t[1] == "nr" or t[0] in _surnames())
            and k + 2 < len(toks)
            and _gluable(nxt)
            and _gluable(toks[k + 2])
            and nxt[1] in _GIVEN_NAME_TAGS
            and toks[k + 2][1] in _GIVEN_NAME_TAGS
            and (
                k + 3 == len(toks)
                or len(toks[k + 3][0]) >= 2
                or toks[k + 3][1][:1] in "xvdpcub"  # 吳|承|叡|主投, 王|小|明|说
            )
        ):
            lasts.append(k + 2)
        for last in lasts:
            if own and toks[last][3] > q_start:
                continue
            name = "".join(x[0] for x in toks[k : last + 1])
            f = _base_features(name, None, table)
            f.update(proper=1.0, person=1.0, same_sentence=1.0, split_name=1.0)
            if source:
                f["source"] = 1.0
            found.append((resolve(name), t[2], toks[last][3], f))
    # Pronouns for their antecedents, surname-某 names with their titles.
    for i, t in enumerate(toks):
        if own and t[2] >= q_start:
            break
        word = t[0]
        if word in _PERSON_PRONOUNS or word in _THING_PRONOUNS:
            ante = table.antecedent(t[2], word in _PERSON_PRONOUNS, word in _ONE_PERSON)
            if ante is not None:
                # the name as the document writes it, read on where the tagger cut it short
                name = table.whole_name(ante.text, ante.person)
                f = _base_features(name, None, table)
                f.update(generic=1.0, same_sentence=1.0, person=float(ante.person))
                if i == 0 or _opens(toks, i):
                    f["clause_opener"] = 1.0
                found.append((resolve(name), t[2], t[3], f))
    limit = q_start if own else span[1]
    # Words naming a side or every place of the area (中方, 双方, 各地, 本港; data/side_words.tsv)
    # that the tagger reads as a localiser, measure word or pronoun: each written as whole
    # words before the quantity (德|方 split is one; 道德|方面 is none).
    # 该 with a class noun (该市, 该校; data/demonstrative_classes.tsv), which the tagger reads as a
    # pronoun too: the thing it points back to.
    if _SIDE_RE.search(norm, span[0], limit):
        starts = {t[2]: k for k, t in enumerate(toks)}
        ends = {t[3] for t in toks}
        for sm in _SIDE_RE.finditer(norm, span[0], limit):
            at = starts.get(sm.start())
            if at is None or sm.end() not in ends:
                continue
            word = text = sm.group()
            if word in _anaphor_classes():
                pointed = table.class_antecedent(sm.start(), _anaphor_classes()[word])
                if pointed is None:
                    continue
                text = resolve(pointed)
            f = _base_features(text, None, table)
            f["same_sentence"] = 1.0
            if text != word:
                f["generic"] = 1.0
            if _opens(toks, at):
                f["clause_opener"] = 1.0
            if source:
                f["source"] = 1.0
            found.append((text, sm.start(), sm.end(), f))
    # A whole list of names before the quantity (甲、乙、丙涨幅都在1%以上); each regex below
    # needs a character (、, 《, a name mark, 某) that most clauses lack: a find skips it.
    for lm in marked(_NAME_LIST_RE, "、", norm, span[0], limit):
        if (
            norm.startswith("分别", lm.end())
            or "分别" in lm.group(0)
            or (own and lm.end() >= limit - 1)
        ):
            continue  # a respective list gives its items (A、B分别以X和Y), never the whole
        f = {"whole_list": 1.0, "same_sentence": 1.0, "length": min(len(lm.group(0)), 20) / 10}
        found.append((lm.group(0), lm.start(), lm.end(), f))
    # The same read on the tags: noun runs joined by 、/和/与/及, with a closing 等+noun
    # (农业银行、交通银行和中国银行的…, 凯尔特人队和热火队战绩…, IT服务、医药等行业).
    for a, b in _token_lists(toks, q_start if own else None):
        text = norm[a:b]
        f = {"whole_list": 1.0, "same_sentence": 1.0, "length": min(len(text), 20) / 10}
        if source:
            f["source"] = 1.0
        found.append((text, a, b, f))
    # Latin-script names (Le Manoir, Carl Zeiss Distagon T* 2/28 ZE).
    for lm in _LATIN_NAME_RE.finditer(norm, span[0], limit):
        f = _base_features(lm.group(0), None, table)
        f.update(proper=1.0, same_sentence=1.0)
        found.append((lm.group(0), lm.start(), lm.end(), f))
    # Brand-and-model names (佳能EOS 7D, 宾得Optio P70), which the tagger cuts at the space.
    for a, b in table.models(span[0], limit) if _HAS_LATIN.search(norm, span[0], limit) else ():
        text = resolve(norm[a:b])
        f = _base_features(text, None, table)
        f.update(proper=1.0, model=1.0, same_sentence=1.0)
        if source:
            f["source"] = 1.0
        found.append((text, a, b, f))
    # Titles in book-title marks.
    for tm in marked(_TITLE_RE, "《", norm, span[0], span[1]):
        f = _base_features(tm.group(1), None, table)
        f.update(title=1.0, same_sentence=1.0)
        if tm.start() > q_start:
            f["after"] = 1.0
        found.append((tm.group(1), tm.start(1), tm.end(1), f))
    # In the quantity's clause: the agent after 被, the noun after the quantity and 的.
    if own:
        for i, t in enumerate(toks):
            if t[0] == "被" and t[2] < q_start:
                j = noun_run(list(toks), i + 1, stop=q_start)
                if j > i + 1:
                    run = toks[i + 1 : j]
                    text = resolve("".join(x[0] for x in run))
                    f = _base_features(text, run, table)
                    f.update(agent=1.0, same_sentence=1.0, same_clause=1.0)
                    found.append((text, run[0][2], run[-1][3], f))
        after = [t for t in toks if t[2] >= q_start]
        for i, t in enumerate(after[:6]):
            if t[0] == "的" and i + 1 < len(after):
                j = noun_run(after, i + 1)
                if j > i + 1:
                    run = after[i + 1 : j]
                    text = resolve("".join(x[0] for x in run))
                    f = _base_features(text, run, table)
                    f.update(after_de=1.0, after=1.0, same_sentence=1.0, same_clause=1.0)
                    found.append((text, run[0][2], run[-1][3], f))
                break
        if q_end is not None:
            for text, a, b, run, how in _counted(toks, q_end):
                text = resolve(text)
                f = _base_features(text, run, table)
                f.update(after=1.0, same_sentence=1.0, same_clause=1.0)
                f[how] = 1.0
                found.append((text, a, b, f))
    for text, start, end, how in _openers(toks, q_start, time_spans):
        if not own and how == "stretch":
            how = "sentence_opener"  # offered for the first clause of a sentence only
        resolved = resolve(text)
        f = _base_features(resolved, None, table)
        f.update(same_sentence=1.0, clause_opener=1.0)
        if own:
            f["same_clause"] = 1.0
        f[how] = 1.0
        if source:
            f["source"] = 1.0
        found.append((resolved, start, end, f))
    if own:
        slot = _verb_slot(toks, q_start, time_spans)
        if slot is not None:
            b, e = slot
            text = resolve(norm[toks[b][2] : toks[e - 1][3]])
            f = _base_features(text, None, table)
            f.update(slot=1.0, same_sentence=1.0, same_clause=1.0)
            if _opens(toks, b):
                f["clause_opener"] = 1.0
            if source:
                f["source"] = 1.0
            found.append((text, toks[b][2], toks[e - 1][3], f))
    # Names that end with an organisation or product suffix across words the tagger split
    # as verbs (鹏华行业成长基金, 招商银行信用卡中心): back from the suffix to a stop.
    for a, b in _suffix_names(norm, span[0], limit, toks):
        text = resolve(norm[a:b])
        f = _base_features(text, None, table)
        f.update(suffix_name=1.0, same_sentence=1.0)
        if source:
            f["source"] = 1.0
        found.append((text, a, b, f))
    # Transliterated names (萨沙-武贾西奇), cut to the parts the document writes alone.
    for tm in _TRANSLIT_RE.finditer(norm, span[0], limit) if table.name_marks else ():
        a, b = table.trim_name(tm.start(), tm.end())
        f = _base_features(norm[a:b], None, table)
        f.update(proper=1.0, person=1.0, same_sentence=1.0)
        found.append((resolve(norm[a:b]), a, b, f))
    # A project or parcel named by its place (厦门岛内|某|豪宅|项目, 海淀区|树|村|地块): one
    # subject from the place to the head noun (data/parcel_heads.tsv).
    for a, b in _parcels(toks, limit) if _parcel_re().search(norm, span[0], limit) else ():
        f = _base_features(norm[a:b], None, table)
        f.update(same_sentence=1.0, parcel=1.0)
        if source:
            f["source"] = 1.0
        found.append((resolve(norm[a:b]), a, b, f))
    for mm in marked(_MOU_RE, "某", norm, span[0], limit):
        f = {"proper": 1.0, "person": 1.0, "same_sentence": 1.0}
        f["length"] = len(mm.group(0)) / 10
        found.append((mm.group(0), mm.start(), mm.end(), f))
        if mm.start("name") > mm.start():
            # 被告陈某: the name without its title too (the name is who the claim is about)
            f = {**f, "length": len(mm.group("name")) / 10, "inner": 1.0}
            found.append((mm.group("name"), mm.start("name"), mm.end(), f))

    return found


def _relative_features(
    options: list[Option], q_start: int, s_start: int, table: EntityTable
) -> None:
    """Features that compare an option with the others of its claim."""
    if not options:
        return
    counts = [table.count(o.text) for o in options]
    top = max(counts)
    for o, c in zip(options, counts, strict=True):
        if c == top and top > 1:
            o.features["most_frequent"] = 1.0
    # Whether the quantity's own clause opens with words that can be its subject: when it
    # does not, the subject is usually carried (the previous claim's, or the rules' earlier one).
    opener = any(o.features.get("clause_opener") and o.features.get("same_clause") for o in options)
    # Whether anything before the quantity in its own clause can be its subject: when
    # nothing can, the subject is implicit — the article's topic (its title, its most
    # salient name, a headline term) as often as an earlier subject.
    own = any(o.features.get("same_clause") and not o.features.get("after") for o in options)
    for o in options:
        if not opener and (o.features.get("previous") or o.features.get("earlier_sentence")):
            o.features["carried_no_opener"] = 1.0
        if not own and (
            o.features.get("doc_title") or o.features.get("topic") or o.features.get("topic_term")
        ):
            o.features["topic_implicit"] = 1.0
        if opener and o.features.get("clause_opener") and o.features.get("same_clause"):
            o.features["own_opener"] = 1.0
        if 0 < o.start <= q_start and _PART_LEAD_RE.search(
            table.norm, max(0, o.start - 3), o.start
        ):
            o.features["part_opener"] = 1.0
    written = [o for o in options if s_start <= o.start and o.end <= q_start]
    if written:
        max(written, key=lambda o: o.end).features["nearest"] = 1.0
        min(written, key=lambda o: o.start).features["first"] = 1.0


#: What stands right before a part of a whole named before it (…投资增长10%，其中，工业投资…;
#: 当中约55%): 其中 or 当中, and a mark or none.
_PART_LEAD_RE = re.compile(r"(?:其中|当中)[，,：:]?\Z")
#: Marks after which a mention opens a clause or a sentence (the topic of what follows).
_OPENING_MARKS = frozenset("，,。；;！？!?：:\n")


def _figures_between(
    options: list[Option], q_start: int, s_start: int, number_spans: Sequence[tuple[int, int]]
) -> None:
    """``figures_between``: how many other quantities of the sentence stand between an
    option's mention and the quantity (A涨1%，B涨2%，C涨[3%]: two after A, none after C)."""
    # Read by bisection on the spans themselves (in start order, not overlapping, so their
    # ends are in order too): no per-claim copy of a sentence's thousands of quantities.
    hi = bisect.bisect_right(number_spans, q_start, key=lambda x: x[1])
    for o in options:
        if s_start <= o.start and o.end <= q_start:
            n = hi - bisect.bisect_left(number_spans, o.end, key=lambda x: x[0])
            if n > 0:
                o.features["figures_between"] = math.log1p(n) / 2


def _recency_features(options: list[Option], q_start: int, table: EntityTable) -> None:
    """How present each option's text is where the quantity stands, wherever its own mention
    is: how far before the quantity the text was last written (``recent_dist``), how often
    before it (``mentions_before``), and how often the document opens a clause with it
    (``opens_count``, the topic of clauses)."""
    for o in options:
        if not o.text:
            continue
        starts, opens = table.mentions(o.text)
        if opens:
            o.features["opens_count"] = math.log1p(opens) / 3
        k = bisect.bisect_left(starts, q_start - len(o.text) + 1)
        if k:
            gap = q_start - starts[k - 1] - len(o.text)
            o.features["recent_dist"] = math.log1p(max(0, gap)) / 5
            o.features["mentions_before"] = math.log1p(k) / 3


#: A list of quantities sharing one verb: …分别为1.05%、0.99%和0.92%.
_ITEM = r"[^、，。；：,;:\s（）()0-9两几]{2,16}"
_NAME_LIST_RE = re.compile(rf"({_ITEM}(?:、{_ITEM})+(?:(?:和|与|及){_ITEM})?)")
#: An item of a respective list: no punctuation, and a digit only after its first character
#: (华安上证180ETF, never 2008年).
_RESP_ITEM = r"[^、，。；：,;:\s（）()0-9两几和与及][^、，。；：,;:\s（）()两几和与及]{1,15}"
#: A respective list: two or more items joined by 、 or a last 和/与/及 (A和B分别为X和Y).
_RESP_LIST_RE = re.compile(rf"{_RESP_ITEM}(?:、{_RESP_ITEM})*(?:[、和与及]{_RESP_ITEM})")
_RESP_SPLIT = re.compile(r"以及|[、和与及]")
_CLAUSE_SPLIT = re.compile(r"[，,；;]")
#: Words after which a respective list's first item starts (…的两只基金为|A和B).
_ITEM_LEAD = ("是", "为", "有", "的", "：")


def _word_ends_at(text: str, at: int) -> bool:
    """Whether a word of ``text``'s tagging ends at ``at`` (B|涨幅, but not 人员生|活费 of
    人员|生活费: an attribute suffix is cut off only as a word of its own)."""
    pos = 0
    for word, _flag in nlp.tag(text):
        pos += len(word)
        if pos >= at:
            return pos == at
    return False


#: The count that sums a list up, written after its last item: 等, a number and a counting
#: measure word, and the counted noun (OPPO|三家企业, 融通蓝筹成长|两只基金, B|等5只基金).
_LIST_COUNT_RE = re.compile(
    r"等?(?:[0-9]+|[一二三四五六七八九十两几]+)([\u4e00-\u9fff])[\u4e00-\u9fff]*$"
)


def _list_count_start(item: str) -> int:
    """Where the count summing a list up starts in its last ``item`` (the item's length
    when there is none): the head before it keeps two characters or more, and the character
    after the number is a counting measure word of ``units.tsv`` (三家企业, not 七匹狼 or
    三一重工)."""
    for m in _LIST_COUNT_RE.finditer(item, 2):
        if kind_of(m.group(1)) == "count":
            return m.start()
    return len(item)


#: A quantity standing alone as an item of a respective series (13.6%, 30,664.85亿元, 第三,
#: 5136户, 约2个百分点): a qualifier, a number, and a unit of at most four characters.
_SERIES_ITEM_RE = re.compile(
    r"\s*(?:约|近|超过|逾|达|第)?[-−+]?[0-9.,，０-９零〇一二三四五六七八九十百千万亿两]+"
    r"[\u4e00-\u9fff%％‰]{0,4}\s*"
)
#: Words of a clause after the series that go on with its items (，同比增长|a和b; ，均增长|20%):
#: at most this many characters besides its quantities, and no 的.
_SERIES_GOES_ON = 6


def _respective_place(tail: str) -> int:
    """The place of a quantity in its series after 分别, from ``tail`` (the text from 分别 to
    the quantity): the items of the quantity's own run, joined by 、/和/及 — a run that a verb
    or other words interrupt starts again (分别以X和Y位列|第三、第四: 第三 is the first item, as
    the second run's first; 分别为X和Y，同比增长|a和b: a is the first). -1 when a clause
    after the series is about something else (，跌幅较大的B下跌幅度达; ，而C、D的仓位…): more
    than :data:`_SERIES_GOES_ON` characters besides its quantities, or a 的."""
    for clause in _CLAUSE_SPLIT.split(tail)[1:]:
        rest = _RESP_SPLIT.sub("", _SERIES_ITEM_RE.sub("", clause))
        if len(rest) > _SERIES_GOES_ON or "的" in rest:
            return -1
    pieces = _RESP_SPLIT.split(tail)
    if pieces[-1].strip():
        return 0  # words before the quantity (位列, ，同比增长): it opens a run of its own
    place = 1
    for piece in reversed(pieces[1:-1]):
        if not _SERIES_ITEM_RE.fullmatch(piece):
            break
        place += 1
    return place


def _respective(
    norm: str,
    q_start: int,
    clauses: Sequence[tuple[int, int]],
    clause_index: int,
    add: Callable[[str, int, int, dict[str, float]], None],
    table: EntityTable,
    kind: str,
) -> None:
    """A respective list (A、B和C…分别为X、Y、Z; A和B…分别为X和Y): the item in the quantity's
    place. The list is the last one written before 分别; its first item is cut after the words
    that lead into it (是, 为, 的), and when it is still far longer than the other items (a
    category before the name: 三只指数基金华夏红利ETF), its end as long as the longest other
    item is offered too (``list_cut``); a last item followed by 的 stops there."""
    s_start = clauses[0][0]
    c_end = clauses[clause_index][1]
    s_start = max(s_start, q_start - 200)
    at = norm.rfind("分别", s_start, q_start) - s_start  # no slice of the text per claim
    if at < 0 or c_end < q_start:
        return
    # The quantity's place among the quantities after 分别.
    place = _respective_place(norm[s_start + at : q_start])
    if place < 0:
        return
    names = list(_RESP_LIST_RE.finditer(norm, s_start, s_start + at))
    if not names:
        return
    m = names[-1]
    items: list[tuple[str, int]] = []
    pos = m.start()
    for sep in _RESP_SPLIT.finditer(norm, m.start(), m.end()):
        items.append((norm[pos : sep.start()], pos))
        pos = sep.end()
    items.append((norm[pos : m.end()], pos))
    if place >= len(items):
        return
    text, start = items[place]
    cut = ""
    if place == 0:
        # The first item runs from the list's clause start: keep what follows 是/为/有/的/：.
        lead = max(text.rfind(w) for w in _ITEM_LEAD)
        if 0 <= lead < len(text) - 2:
            start += lead + 1
            text = text[lead + 1 :]
        longest = max(len(t) for t, _ in items[1:])
        if len(text) > longest + 2:
            # After the category the name follows (指数基金|华夏红利ETF); else by length.
            ends = [
                p
                for p in range(2, len(text) - 1)
                if len(text) - p <= longest + 2 and text[:p].endswith(_ORG_SUFFIXES)
            ]
            cut = text[ends[0] :] if ends else text[len(text) - longest :]
    elif place == len(items) - 1:
        # The last item ends before 的 or a measured attribute (B的涨幅, B涨幅).
        de = text.find("的")
        if de >= 2:
            text = text[:de]
        attr = max((len(w) for w in _ATTR_SUFFIXES if text.endswith(w)), default=0)
        if attr and len(text) - attr >= 2 and _word_ends_at(text, len(text) - attr):
            text = text[: len(text) - attr]
        # …and before the count that sums the list up (C三家企业, C等5只基金, C两只基金).
        text = text[: _list_count_start(text)]
    f = _base_features(text, None, table)
    f.update(list_item=1.0, same_sentence=1.0)
    f["dist"] = math.log1p(abs(q_start - start - len(text))) / 5
    _kind_features(f, kind)
    add(text, start, start + len(text), f)
    if cut:
        f = _base_features(cut, None, table)
        f.update(list_item=1.0, list_cut=1.0, same_sentence=1.0)
        end = start + len(text)
        f["dist"] = math.log1p(abs(q_start - end)) / 5
        _kind_features(f, kind)
        add(cut, end - len(cut), end, f)


#: Tags that end the words opening a clause (its subject) before the verb.
_STRETCH_STOP = ("p", "d", "c", "r", "m", "q", "t", "f")
_QUOTE_CHARS = '“”"「」『』'
#: Words between a verb and its quantity (达, 约, 了, 超过).
_QUANTITY_LEAD = frozenset(
    {"了", "达", "约", "近", "超过", "逾", "共", "仅", "只", "都", "均", "也"}
)


def _openers(
    toks: Sequence[Token], q_start: int, time_spans: Sequence[tuple[int, int]]
) -> list[tuple[str, int, int, str]]:
    """The words that open the quantity's clause, as subjects that name no entity (考生,
    两市, 招商安本增利, “十绝阵”): from the first content word to the first verb, copula,
    preposition or adverb (``stretch``); and, when a 的 stands before the verb that governs
    the quantity, the whole 的-phrase up to that verb (涨幅超过五成的个股, ``de_phrase``)."""
    out: list[tuple[str, int, int, str]] = []
    not_subject = lexicon.word_set("not_subject_words")
    n = len(toks)
    i = 0
    while i < n and toks[i][2] < q_start:
        word, flag, a, _ = toks[i]
        if (flag in ("t", "c", "x", "d", "p") and word not in _QUOTE_CHARS) or (
            time_spans and any(x <= a < y for x, y in time_spans)
        ):
            i += 1
            continue
        break
    if i >= n or toks[i][2] >= q_start:
        return out

    deictic = _deictic()

    def stops(t: Token) -> bool:
        return (
            (t[1] in _STRETCH_STOP and t[0] not in deictic)
            or t[0] in not_subject
            or (bool(time_spans) and any(x <= t[2] < y for x, y in time_spans))
        )

    j = i
    while j < n and toks[j][3] <= q_start:
        word, flag = toks[j][0], toks[j][1]
        if word in _QUOTE_CHARS:
            j += 1
            continue
        if flag == "x" or stops(toks[j]) or flag in ("uj", "ul"):
            break
        if flag.startswith("v") and flag != "vn":
            break
        j += 1
    if j > i:
        a, b = toks[i][2], toks[j - 1][3]
        text = "".join(t[0] for t in toks[i:j]).strip(_QUOTE_CHARS)
        if 2 <= len(text) <= 12 and not text.isdigit():
            out.append((text, a + (toks[i][0] in _QUOTE_CHARS), b, "stretch"))
    # Up to the verb or copula right before the quantity (外省考生有3种: the tagger reads
    # 考生 as a verb, so the first verb is not always the predicate).
    v = len(toks)
    while v > 0 and toks[v - 1][3] > q_start:
        v -= 1
    while v > i and (toks[v - 1][0] in _QUANTITY_LEAD or toks[v - 1][1] in ("ul", "d")):
        v -= 1
    if v > i and toks[v - 1][1].startswith("v") and toks[v - 1][1] != "vn":
        e = v - 1
        while e > i and toks[e - 1][1] in ("d", "c", "ad"):
            e -= 1  # 分别, 都, 和 before the verb belong to no subject
        span = toks[i:e]
        verbs = [t for t in span if t[1].startswith("v") and t[1] != "vn"]
        if (
            e > j
            and span
            and len(verbs) <= 1
            and not (span[0][1].startswith("v") and span[0][1] != "vn")
            and not any(
                t[1] in ("x", "uj") or (stops(t) and t[0] not in ("和", "与", "及")) for t in span
            )
        ):
            text = "".join(t[0] for t in span).strip(_QUOTE_CHARS)
            if 2 <= len(text) <= 12:
                out.append((text, span[0][2], span[-1][3], "stretch"))
    # The 的-phrases: …的 + nouns from the clause's first word (涨幅超过五成的个股有…,
    # 出国学艺术的学生几占…), each 的 of the clause before the quantity.
    k = j
    while k < n and toks[k][3] <= q_start and toks[k][1] != "x":
        if toks[k][1] == "uj" and k > i:
            e = noun_run(list(toks), k + 1, stop=q_start)
            if e > k + 1:
                text = "".join(t[0] for t in toks[i:e])
                if len(text) <= 16:
                    out.append((text, toks[i][2], toks[e - 1][3], "de_phrase"))
        k += 1
    return out


#: Organisation and product suffixes of two characters or more (公司, 基金, 银行, …).
_LONG_SUFFIXES = tuple(x for x in _ORG_SUFFIXES if len(x) >= 2)
_SUFFIX_RE = re.compile("|".join(sorted(map(re.escape, _LONG_SUFFIXES), key=len, reverse=True)))
#: Characters a name never holds: punctuation and the function words that end a phrase.
_NAME_STOP = set('，,。；;：:、（）()“”"《》的在是和与及于对向为被把将从以由等了着也都又还')
#: The longest name read back from a suffix.
_SUFFIX_NAME_MAX = 12


def _suffix_names(
    norm: str, start: int, limit: int, toks: Sequence[Token] = ()
) -> list[tuple[int, int]]:
    """Spans of names ending with an organisation suffix in ``norm[start:limit]``. A name
    that reaches :data:`_SUFFIX_NAME_MAX` inside a word of ``toks`` (the clause's words) is
    read on to that word's start (广州市城市建设开发有限公司, never 州市城市建设开发有限公司)."""
    out: list[tuple[int, int]] = []
    for m in _SUFFIX_RE.finditer(norm, start, limit):
        a = m.start()
        while a > start and m.end() - a < _SUFFIX_NAME_MAX and norm[a - 1] not in _NAME_STOP:
            if not (norm[a - 1].isalnum()):
                break
            if norm[a - 1].isdigit() and not norm[a].isascii():
                break  # a count (13家餐饮企业) is no part of a name
            a -= 1
        if m.end() - a >= _SUFFIX_NAME_MAX and toks:
            k = bisect.bisect_right(toks, a, key=lambda t: t[2]) - 1
            if k >= 0 and toks[k][2] < a < toks[k][3] and toks[k][2] >= start:
                a = toks[k][2]
        if m.end() - a > len(m.group(0)) + 1:
            out.append((a, m.end()))
    return out


def marked(
    regex: re.Pattern[str], mark: str, norm: str, start: int, end: int
) -> Iterable[re.Match[str]]:
    """``regex.finditer(norm, start, end)`` for a regex whose every match holds ``mark``:
    nothing, without running the regex, when ``norm[start:end]`` lacks the mark (most
    clauses lack 、, 《 and 某)."""
    if norm.find(mark, start, end) < 0:
        return ()
    return regex.finditer(norm, start, end)


def _overlapping(
    spans: Sequence[tuple[int, int]], start: int, end: int
) -> Sequence[tuple[int, int]]:
    """The spans (sorted, not nested) that overlap ``[start, end)``, found by bisection."""
    lo = bisect.bisect_left(spans, (start, -1))
    if lo > 0 and spans[lo - 1][1] > start:
        lo -= 1
    hi = bisect.bisect_left(spans, (end, -1))
    return spans[lo:hi]


def model_name(text: str) -> int:
    """How much of a :data:`_MODEL_RE` match is a brand-and-model name: the match without the
    later parts that are sizes (18mm), when its model (after the Chinese brand) still holds a
    Latin letter and a digit and, when it opens with a digit, goes on after a space (佳能5D Mark
    II, never 中国3G); 0 when it is none (售价 2999, 型号EOS)."""
    k = 0
    while k < len(text) and "\u4e00" <= text[k] <= "\u9fff":
        k += 1
    parts = text[k:].strip().split(" ")
    while len(parts) > 1 and _SIZE_PART.fullmatch(parts[-1]):
        parts.pop()
    model = " ".join(parts)
    if not any(c.isascii() and c.isalpha() for c in model) or not any(c.isdigit() for c in model):
        return 0
    if model[0].isdigit() and len(parts) == 1:
        return 0
    return k + (text[k : k + 1] == " ") + len(model)


def _subsequence(short: str, full: str) -> bool:
    """Whether the characters of ``short`` occur in ``full`` in order."""
    pos = 0
    for ch in short:
        pos = full.find(ch, pos) + 1  # the first match after the previous one, as iter() does
        if not pos:
            return False
    return True


def _opens(tokens: Sequence[Token], i: int) -> bool:
    """Whether only times, punctuation and connectives stand before ``tokens[i]``."""
    return all(t[1] in ("t", "c", "x", "d", "p", "m") for t in tokens[:i])


#: The feature :func:`_kind_features` adds for a claim of each kind, and the one it needs.
_KIND_FEATURE: dict[str, tuple[str, str]] = {
    "percent": ("attr", "kind_percent"),
    "count": ("proper", "kind_count"),
    "score": ("person", "kind_score"),
}


#: Flags that say where an option came from, not what its words are: a phrase read on from
#: the option does not inherit them (:func:`_phrase_end`).
_PROVENANCE = frozenset(
    {"rule", "previous", "doc_subject", "table", "topic", "topic_term", "alias", "generic"}
)
#: Words read on past the end of an option into its noun phrase, at most.
_PHRASE_MAX = 6
#: Tags of a word inside a noun phrase that is no noun: a verb, an adjective or a
#: distinguishing word between nouns (基金|新增|开户数, 医保|最高|支付额, 初级|转生).
_PHRASE_BRIDGE = frozenset({"v", "a", "b", "vd", "ad"})


def _digit_word(t: Token) -> bool:
    """A word of digits, or of digits and Latin letters (300, 180ETF, 7D)."""
    return t[0].isascii() and t[0].isalnum() and any(ch.isdigit() for ch in t[0])


#: A small count written in Chinese inside a name (美股|三|大|指数, 中意|两|国|领导人): the
#: numerals of one to ten, one character, tagged a numeral.
_SMALL_NUMERALS = frozenset("一二两三四五六七八九十")


def _small_numeral(t: Token) -> bool:
    """A one-character Chinese numeral word (三 of 美股三大指数, 两 of 中美两国)."""
    return t[1] == "m" and t[0] in _SMALL_NUMERALS


def _phrase_end(
    norm: str,
    toks: Sequence[Token],
    start: int,
    end: int,
    q_start: int,
    number_spans: Sequence[tuple[int, int]] = (),
) -> tuple[int, bool, bool] | None:
    """Where the noun phrase that the mention ``start:end`` opens ends, read on over the
    words that follow it in its clause up to its last noun: nouns and names, a number inside
    a name (沪深|300|指数基金: never one the quantity finder read, ``number_spans``), and a
    verb (not a copula: 甲是乙), adjective or distinguishing word between nouns
    (基金|新增|开户数); one stretch of
    such words at most, never past the quantity at ``q_start`` nor more than
    :data:`_PHRASE_MAX` words. (end, a number crossed, a verb or adjective crossed); None when
    the mention is not whole words or the phrase crosses neither (nouns alone: the noun runs
    offer those already; with them, 5-fold CV 0.444 against 0.446)."""
    k = bisect.bisect_left(toks, end, key=lambda t: t[2])
    if k >= len(toks) or toks[k][2] != end or k == 0 or toks[k - 1][3] != end:
        return None
    limit = q_start if start < q_start else len(norm)
    best: tuple[int, bool, bool] | None = None
    digits = bridged = False
    gap = gaps = 0
    for j in range(k, min(len(toks), k + _PHRASE_MAX)):
        t = toks[j]
        if t[3] > limit:
            break
        if _is_nounish(t) or unknown_han(t[0], t[1]):
            best, gap = (t[3], digits, bridged), 0
            continue
        # A stretch opened by a small numeral is the name's own count (沪深|两|市|主要|指数):
        # it leaves the phrase its one stretch of verbs or adjectives.
        small = _small_numeral(t) and not _overlapping(number_spans, t[2], t[3])
        gaps += gap == 0 and not small
        gap += 1
        if gap > 2 or gaps > 1:
            break
        if small or (_digit_word(t) and not _overlapping(number_spans, t[2], t[3])):
            prev = toks[j - 1]
            if prev[1] == "m" or prev[0][-1:].isdigit():
                break
            digits = True
        elif t[1] in _PHRASE_BRIDGE and t[0] not in _COPULA:
            bridged = True
        else:
            break
    if best is None or not (best[1] or best[2]):
        return None
    return best


#: A short note in brackets inside a name (（M2）, (或以上), (Americana)): no clause mark, no
#: alias defined (简称, 以下), not a stock code of digits alone.
_BRACKET_BEFORE_RE = re.compile(
    r"[（(](?!简称|以下|下称|下同)(?![0-9]+[）)])[^（）()，,。；;：:“”\s]{1,12}[）)]"
)


#: A mention that ends with a Chinese character (not a Latin abbreviation: GDP, ATM机 reads
#: as one).
_HAN_END = re.compile(r"[\u4e00-\u9fff]{2}$")
#: Words of an owner before 的, at most, and its characters.
_DE_OWNER_WORDS = 3
_DE_OWNER_CHARS = 8


#: Tags of an owner's words: nouns and names (not a verbal noun: 出场|的|厄尔森).
_DE_OWNER_FLAGS = frozenset({"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "j", "eng", "s"})


def _de_owner(toks: Sequence[Token], start: int) -> int | None:
    """Where the owner of the mention at ``start`` begins when 的 and a noun phrase stand right
    before it (新加坡|的|公立大学, 宋丹丹|的|微博): a run of nouns and names of two
    characters or more, at most :data:`_DE_OWNER_WORDS` words; None when the mention is not
    whole words or no such owner is written (未读|的|邮件: a clause, not an owner)."""
    k = bisect.bisect_left(toks, start, key=lambda t: t[2])
    if k < 2 or k >= len(toks) or toks[k][2] != start or toks[k - 1][0] != "的":
        return None
    j = k - 1
    while j > 0 and k - 1 - j < _DE_OWNER_WORDS and toks[j - 1][1] in _DE_OWNER_FLAGS:
        if toks[k - 1][2] - toks[j - 1][2] > _DE_OWNER_CHARS:
            break
        j -= 1
    if j == k - 1 or toks[k - 1][2] - toks[j][2] < 2:
        return None
    if any(t[1] in ("m", "q") or t[0][-1:].isdigit() for t in toks[max(0, j - 2) : j]):
        return None  # cut out of a counted phrase (前50|所|学校的学生): no owner of its own
    return toks[j][2]


def _kind_features(f: dict[str, float], kind: str) -> None:
    if kind == "percent" and f.get("attr"):
        f["kind_percent"] = 1.0
    if kind == "count" and f.get("proper"):
        f["kind_count"] = 1.0
    if kind == "score" and f.get("person"):
        f["kind_score"] = 1.0


def _noun_tail(text: str, cut: int) -> bool:
    """Whether the words of ``text`` after character ``cut`` are nouns (成长 of 合丰成长),
    not a verb or an adverb that follows the name (浩辉表示, 增长率分别), and the text does
    not stop inside a Latin or digit run (尼康S of 尼康S230)."""
    pos = 0
    tail = []
    for word, flag in nlp.tag(text):
        if pos + len(word) > cut:
            tail.append((word, flag, pos, pos + len(word)))
        pos += len(word)
    if not tail or (text[-1].isascii() and text[-1].isalnum()):
        return False
    return all(_is_nounish(t) or t[1] in _ENTITY_FLAGS or unknown_han(t[0], t[1]) for t in tail)


def _content_tail(text: str, cut: int) -> bool:
    """Whether no word after character ``cut`` of ``text`` is a function word (an adverb,
    preposition, conjunction, particle, pronoun, numeral or measure word)."""
    pos = 0
    for word, flag in nlp.tag(text):
        if (
            pos + len(word) > cut
            and flag[:1] in ("d", "p", "c", "u", "r", "m", "q", "x")
            and not unknown_han(word, flag)
        ):
            return False
        pos += len(word)
    return True


def _counted(toks: Sequence[Token], q_end: int) -> list[tuple[str, int, int, list[Token], str]]:
    """What the quantity counts, right after it: its noun run (168只|偏股基金), the
    的-phrase that ends in a noun (263只|同类型的基金, 第一架|有动力的飞机), and the noun of
    that phrase alone (20次助攻的|隆多, ``after_de``)."""
    rest = [t for t in toks if t[2] >= q_end]
    out: list[tuple[str, int, int, list[Token], str]] = []
    if not rest or rest[0][2] != q_end:
        return out
    j = noun_run(rest, 0)
    if j > 0:
        run = rest[:j]
        out.append(("".join(t[0] for t in run), run[0][2], run[-1][3], run, "counted"))
    k = 0
    while k < min(len(rest), 5) and rest[k][1] not in ("x", "uj", "m"):
        k += 1
    if 0 < k < len(rest) and rest[k][1] == "uj":
        e = noun_run(rest, k + 1)
        if e > k + 1:
            run = rest[:e]
            text = "".join(t[0] for t in run)
            if len(text) <= 12:
                out.append((text, run[0][2], run[-1][3], run, "counted"))
            head = rest[k + 1 : e]
            out.append(("".join(t[0] for t in head), head[0][2], head[-1][3], head, "after_de"))
    # The same read over words the tagger mangled (偏/a 股/q 基金, 奇才队/i): the words up to a
    # boundary, ending with a noun, after 的 when it follows the quantity at once.
    i = 1 if rest[0][1] == "uj" else 0
    j = i
    while j < len(rest) and j - i < _LOOSE_WORDS and rest[j][1] not in _LOOSE_BOUNDS:
        if rest[j][1].startswith("v") and rest[j][1] != "vn":
            break
        j += 1
    while j > i and not (_is_nounish(rest[j - 1]) or rest[j - 1][1] in ("i", "j")):
        j -= 1
    if j > i and 2 <= rest[j - 1][3] - rest[i][2] <= _SLOT_MAX:
        run = rest[i:j]
        text = "".join(t[0] for t in run)
        if all(text != o[0] for o in out):
            out.append((text, run[0][2], run[-1][3], run, "after_de" if i else "counted"))
    return out


@cache
def _surnames() -> frozenset[str]:
    """``data/surnames.tsv``: the common one-character surnames."""
    return frozenset(lexicon.words("surnames"))


#: Tags of a given name's characters the tagger split from its surname (陈/nr 妹/n).
_GIVEN_NAME_TAGS = frozenset({"n", "a", "ng", "ag", "nr", "v", "zg", "ns", "nz"})
#: Tags that end the loose reading of what a quantity counts (see :func:`_counted`).
_LOOSE_BOUNDS = frozenset({"x", "uj", "ul", "p", "d", "f", "m", "b", "c", "r", "t", "eng"})
#: The most words of that reading.
_LOOSE_WORDS = 5


#: Tags that bound the words before a verb that governs a quantity (its subject slot):
#: punctuation, particles, prepositions, conjunctions, numerals, measure words, times, adverbs.
_SLOT_BOUNDS = frozenset({"x", "uj", "ul", "ud", "uv", "ug", "p", "c", "m", "q", "t", "d"})
#: The longest subject slot (characters).
_SLOT_MAX = 10


def _verb_slot(
    toks: Sequence[Token], q_start: int, time_spans: Sequence[tuple[int, int]]
) -> tuple[int, int] | None:
    """The subject slot of the verb that governs the quantity (招商安本增利|跌0.15%,
    有|瑞福进取|跌2.98%): the words right before that verb back to a boundary — punctuation,
    a particle, preposition, conjunction, number, time, adverb or copula (有, 是) — whatever
    the tagger made of the words inside (a name it split into verbs). A one-character
    pronoun glued between content words is part of such a name. (first, past-last) token
    indices, or None when no verb stands before the quantity or the slot is empty."""
    v = len(toks)
    while v > 0 and toks[v - 1][3] > q_start:
        v -= 1
    while v > 0 and (toks[v - 1][0] in _QUANTITY_LEAD or toks[v - 1][1] in ("ul", "d")):
        v -= 1
    if v == 0 or not toks[v - 1][1].startswith("v") or toks[v - 1][1] == "vn":
        return None
    e = v - 1
    while e > 0 and toks[e - 1][1] in ("d", "c", "ad"):
        e -= 1
    b = e
    while b > 0:
        word, flag, a, _ = toks[b - 1]
        if flag in _SLOT_BOUNDS or word in _COPULA or word in _QUOTE_CHARS:
            break
        if time_spans and any(x <= a < y for x, y in time_spans):
            break
        if flag == "r" and not (
            len(word) == 1 and b >= 2 and toks[b - 2][1] not in _SLOT_BOUNDS | {"r"}
        ):
            break
        b -= 1
    if b >= e or not may_open_run(toks[b]):
        return None
    if not 2 <= toks[e - 1][3] - toks[b][2] <= _SLOT_MAX:
        return None
    return b, e


def _earlier_openers(
    toks: Sequence[Token],
    span: tuple[int, int],
    limit: int,
    resolve: Callable[[str], str],
    table: EntityTable,
    time_spans: Sequence[tuple[int, int]],
) -> list[tuple[str, int, int, dict[str, float]]]:
    """The words opening a clause of an earlier sentence (its subject), as options of the
    quantities after it: the first noun run after times and connectives, and the stretch up
    to its verb (see :func:`_openers`)."""
    out: list[tuple[str, int, int, dict[str, float]]] = []
    source = table.source_of(span)
    i = 0
    while i < len(toks) and (
        toks[i][1] in ("t", "c", "x", "d", "p") or any(a <= toks[i][2] < b for a, b in time_spans)
    ):
        i += 1
    j = noun_run(list(toks), i)
    seen: list[tuple[str, int, int]] = []
    if j > i:
        run = toks[i:j]
        seen.append(("".join(t[0] for t in run), run[0][2], run[-1][3]))
        k = len(run)
        while k > 1 and _is_attr(run[k - 1][0]):
            k -= 1  # the owner of a measured attribute (甲公司 of 甲公司利润)
        if k < len(run):
            seen.append(("".join(t[0] for t in run[:k]), run[0][2], run[k - 1][3]))
    for text, a, b, _ in _openers(toks, limit, time_spans):
        seen.append((text, a, b))
    for text, a, b in seen:
        if any(x < b and a < y for x, y in time_spans):
            continue
        resolved = resolve(text)
        f = _base_features(resolved, None, table)
        f.update(earlier_sentence=1.0, earlier_opener=1.0, clause_opener=1.0)
        if source:
            f["source"] = 1.0
        out.append((resolved, a, b, f))
    return out


_LIST_JOINS = ("、", "和", "与", "及")


def _token_lists(toks: Sequence[Token], stop: int | None) -> list[tuple[int, int]]:
    """Spans of lists of noun runs joined by 、/和/与/及 (two items or more), each item a run
    of at most three tokens; a closing 等 and its noun (等行业) belongs to the list."""
    out: list[tuple[int, int]] = []
    if not any(t[0] in _LIST_JOINS for t in toks):
        return out  # no two items without a join
    toks = list(toks)
    n = len(toks)
    i = 0
    while i < n:
        if stop is not None and toks[i][2] >= stop:
            break
        if not may_open_run(toks[i]):
            i += 1
            continue
        j = noun_run(toks, i, stop=stop)
        if j == i:
            i += 1
            continue
        items = 1
        end = j
        item = i
        while end < n and toks[end][0] in _LIST_JOINS:
            k = noun_run(toks, end + 1, stop=stop)
            if k == end + 1 or k - end - 1 > 3:
                break
            items += 1
            item = end + 1
            end = k
        if items >= 2:
            last = end
            if last + 1 < n and toks[last][0] == "等":
                k = noun_run(toks, last + 1, stop=stop)
                if k > last + 1:
                    last = k
            elif end - item > 1 and _is_attr(toks[end - 1][0]):
                last = end - 1  # the last item's attribute is the list's (甲队和乙队|得分)
            a, b = toks[i][2], toks[last - 1][3]
            if b - a <= 40:
                out.append((a, b))
        i = max(end, i + 1)
    return out
