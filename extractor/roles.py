"""Who and what a quantity is about: subject, predicate and object.

The rules work on jieba part-of-speech tags of the clause that holds the quantity (and, for
a carried subject, of the clauses before it):

- the subject of a clause is the run of noun-like tokens at its start (after time words and
  connectives), kept when it looks like a named entity: a proper-noun tag (nr, ns, nt, nz, j)
  or an organisation suffix (公司, 集团, 银行, 政府, 局, 委, 会, 中心, 协会, …;
  ``data/org_suffixes.tsv``). A run that ends in a measured attribute (率, 人数, 收入, …;
  ``data/attribute_words.tsv``) keeps only its entity head;
- aliases defined in the text (（简称“中国人保”）) map back to the full name, a short mention
  that ends a longer known name (财险公司 after 中国人保上海区域分公司旗下财险公司) maps to it, and
  generic mentions (公司, 该公司) map to the most recent named entity;
- a clause without a subject carries the nearest one from earlier clauses and sentences;
- the predicate is the verb (or measured attribute) that governs the quantity, the object
  the noun phrase of a 向/为/给/对 phrase or the noun the quantity counts.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from . import lexicon, nlp

Token = tuple[str, str, int, int]  # word, flag, start, end (offsets in the document)

_NOUNISH = frozenset(
    {"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "ng", "nl", "j", "l", "vn", "s", "an", "eng"}
)
_ENTITY_FLAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "j"})
#: Verbs that cause the result written after the count (造成25人死亡, 致3人受伤).
_CAUSATIVES = ("造成", "致", "导致", "致使")
#: The tags of a person's, a place's or an organisation's name.
_NAME_FLAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt"})
#: Endings of organisation names (公司, 银行, 协会, 俱乐部), and words that end with one but
#: name no organisation (社会, 机会, 全部).
_ORG_SUFFIXES = lexicon.words("org_suffixes")
#: Common words jieba tags as proper nouns or that never name who a claim is about.
_MISTAGGED = frozenset(
    {"上市", "同比", "环比", "近百", "年报", "全年", "同期", "上半年", "下半年", "连胜", "连败"}
)
_NOT_ORG_T = lexicon.words("not_org_endings")

#: People and places named by role or region rather than by name (防疫人员, 投资者, 南部地区).
_ROLE_SUFFIXES = lexicon.words("role_suffixes")
_NOT_ROLE = ("记者", "作者", "读者", "笔者")
#: What stands right before the 讯 or 电 of a dateline (data/dateline_heads.tsv).
_DATELINE_HEADS = "|".join(
    re.escape(w) for w in sorted(lexicon.words("dateline_heads"), key=len, reverse=True)
)
#: A dateline's 讯 anywhere in a text (一半本报讯: a headline glued to the dateline).
_DATELINE_IN_RE = re.compile(f"(?:{_DATELINE_HEADS})讯")
#: A text that ends like a dateline (新浪体育讯, 新华社电, 中新网5月22日电).
_DATELINE_END_RE = re.compile(f"(?:{_DATELINE_HEADS})[讯电]$")


def ends_like_dateline(text: str) -> bool:
    """Whether ``text`` ends like a dateline (新浪体育讯, 新华社电, 中新网5月22日电)."""
    return _DATELINE_END_RE.search(text) is not None


def is_dateline(text: str) -> bool:
    """Whether ``text`` ends like a dateline or holds one's 讯 (本报讯, 新浪体育讯, 5月22日电);
    a name or a word with 讯 or 电 in it is none (腾讯, 科大讯飞, 中兴通讯, 台积电)."""
    return bool(_DATELINE_END_RE.search(text) or _DATELINE_IN_RE.search(text))


_FOREIGN_NAME_RE = re.compile(r"[\u4e00-\u9fff]{1,6}(?:[-·•－][\u4e00-\u9fff]{1,8})+")

#: Nouns that name a measured attribute rather than who it is about.
_ATTR_SUFFIXES = lexicon.words("attribute_words")
_GENERIC = frozenset(
    {
        "公司",
        "集团",
        "企业",
        "银行",
        "该行",
        "本行",
        "机构",
        "政府",
        "基金",
        "球队",
        "全队",
        "该机",
        "学校",
        "大学",
        "医院",
        "当局",
        "本公司",
        "该公司",
        "上述公司",
    }
)
_LEAD_SKIP_WORDS = frozenset(
    {
        "而",
        "但",
        "并",
        "且",
        "也",
        "还",
        "则",
        "其中",
        "此外",
        "另外",
        "同时",
        "另",
        "据悉",
        "据了解",
        "据统计",
        "数据显示",
        "资料显示",
        "报告显示",
        "年报显示",
        "不过",
        "然而",
        "因此",
        "所以",
        "随后",
        "最终",
        "最后",
        "目前",
        "如今",
        "今年",
        "去年",
    }
)
_DROP_BEFORE = frozenset(
    {
        "了",
        "的",
        "达",
        "达到",
        "为",
        "是",
        "有",
        "约",
        "近",
        "超过",
        "突破",
        "逾",
        "共",
        "共计",
        "合计",
        "总计",
        "仅",
        "只",
        "已",
        "已有",
        "已经",
        "价值",
        "高达",
        "多达",
        "大约",
        "大概",
        "约为",
        "不到",
        "不足",
        "至少",
        "将近",
        "接近",
        "则",
        "都",
        "也",
        "又",
        "再",
        "还",
        "均",
        "各",
        "分别",
        "人民币",
        "港币",
        "每年",
        "平均",
        "最低",
        "最高",
        "顶多",
        "最多",
        "以",
        "至",
        "到",
        "和",
        "、",
        "需",
        "要",
        "在",
        "得",
    }
)
_COPULA = frozenset({"有", "已有", "共有", "拥有", "还有", "是", "为"})
_OBJECT_PREPS = frozenset({"向", "为", "给", "对", "替"})
_WEAK_VERBS = frozenset({"拿下", "得到", "获得", "砍下", "贡献", "得"})
_QUOTES_OPEN = '“"「『《'
_QUOTES_CLOSE = '”"」』》'


#: A demonstrative before a generic reference (该公司, 本基金, 上述企业).
_DEMONSTRATIVE = re.compile(r"^(?:该|本|此|这家|这个|上述|其)")


@dataclass(slots=True)
class Phrase:
    """A phrase of the text: what it resolves to and where the mention is."""

    text: str
    start: int
    end: int


def _is_nounish(tok: Token) -> bool:
    word, flag = tok[0], tok[1]
    if flag in _NOUNISH:
        # eng covers Latin words and digit strings; digits are never part of a noun by
        # themselves (noun_run lets a long one open a name: 95518客服条线).
        return not (flag == "eng" and (not word.isalnum() or word.isdigit()))
    return False


def unknown_han(word: str, flag: str) -> bool:
    """A Chinese character the dictionary does not know (the tagger says ``x``, as it does for
    punctuation): a piece of a name it cannot segment (姆 of 拜纳姆), not a function word."""
    return flag == "x" and all("\u4e00" <= ch <= "\u9fff" for ch in word)


def _is_glue(tokens: list[Token], i: int) -> bool:
    """A single-character non-noun token between nouns is usually a piece of an unknown
    name that jieba (without its HMM) split into characters: 中国/人/保/上海."""
    word, flag = tokens[i][0], tokens[i][1]
    if len(word) != 1 or flag in ("x", "p", "c", "uj", "ul", "d", "r", "m", "q"):
        return False
    if word in "的了在和与及从向为对把被将已又也都就还是有":
        return False
    prev_ok = i > 0 and (_is_nounish(tokens[i - 1]) or len(tokens[i - 1][0]) == 1)
    next_ok = i + 1 < len(tokens) and _is_nounish(tokens[i + 1])
    return prev_ok and next_ok


def _ends_with_org(text: str) -> bool:
    if text.endswith(_NOT_ORG_T):
        return False
    return len(text) >= 2 and text.endswith(_ORG_SUFFIXES)


#: A list of quantities under one 以…的 (以4.78%和4.55%的周涨幅, 分别以97亿元、85亿元的
#: 交易额): the items before a quantity back to 以/按, and the items after it up to 的.
_YI_LIST_BEFORE_RE = re.compile(r"[以按](?:[^，。；：！？,;:!?、和及与以按的]{1,14}[和及与、])+$")
_YI_LIST_AFTER_RE = re.compile(r"(?:[和及与、][^，。；：！？,;:!?、和及与以按的]{1,14})+的")
_LIST_NUMERAL_RE = re.compile(r"[0-9０-９一二三四五六七八九十两百千万亿]")


def _numeral_items(stretch: str) -> bool:
    return all(_LIST_NUMERAL_RE.search(item) for item in re.split(r"[和及与、]", stretch) if item)


def yi_list(before: Sequence[Token], after: Sequence[Token]) -> tuple[bool, int]:
    """Whether the quantity between ``before`` and ``after`` is a later item of a list of
    quantities opened by 以/按 (以4.78%和|4.55%), and the index in ``after`` of the 的 that
    closes the list when this quantity is an item before it (4.78%|和4.55%的; -1: none).
    Every other item holds a numeral."""
    tail = "".join(t[0] for t in before[-16:])
    m = _YI_LIST_BEFORE_RE.search(tail)
    in_list = m is not None and _numeral_items(m.group()[1:-1])
    head = ""
    for n, t in enumerate(after[:16]):
        head += t[0]
        if t[0] == "的":
            if n > 0 and _YI_LIST_AFTER_RE.fullmatch(head) and _numeral_items(head[1:-1]):
                return in_list, n
            break
    return in_list, -1


def _is_attr(word: str) -> bool:
    return word.endswith(_ATTR_SUFFIXES)


#: Tags a noun-like run can open with (see :func:`noun_run`); a token with another tag, and no
#: opening quote, opens none.
_RUN_OPENERS = _NOUNISH | {"f", "m", "b"}


def may_open_run(tok: Token) -> bool:
    """Whether :func:`noun_run` can find a run starting at ``tok`` (False: it surely finds
    none): a cheap test that spares the call at most tokens of a clause."""
    return tok[1] in _RUN_OPENERS or tok[0] in _QUOTES_OPEN


def noun_run(tokens: list[Token], i: int, stop: int | None = None) -> int:
    """Index just past the noun-like run starting at ``tokens[i]`` (== i if none).

    Args:
        tokens: tokens with document offsets.
        i: where the run starts.
        stop: the run never reaches past this document offset (a quantity).
    """
    j = i
    n = len(tokens)
    while j < n:
        word, flag, _, end = tokens[j]
        if stop is not None and end > stop:
            break
        if word in _MISTAGGED:
            break
        if flag == "eng" and word.isdigit():
            # 95518客服条线: a long number opening a name; never a count (7伙, 106雷霆).
            if j != i or len(word) < 4 or not (j + 1 < n and _is_nounish(tokens[j + 1])):
                break
            j += 1
            continue
        if _is_nounish(tokens[j]):
            j += 1
            continue
        if word in ("-", "·", "•", "－") and j > i and j + 1 < n and _is_nounish(tokens[j + 1]):
            j += 1
            continue
        if (
            flag in ("f", "m", "b")
            and len(word) >= 2
            and j + 1 < n
            and _is_nounish(tokens[j + 1])
            and (flag != "m" or not any(ch.isdigit() for ch in word))
        ):
            j += 1  # 南部地区, 一线医务工作者, 在线客服 (not 主动参与)
            continue
        if word and word in _QUOTES_OPEN and j + 1 < n:
            # “疾病管制局” inside a name: take the quoted nouns when they close right after.
            k = j + 1
            while k < n and _is_nounish(tokens[k]):
                k += 1
            if k > j + 1 and k < n and tokens[k][0] in _QUOTES_CLOSE:
                j = k + 1
                continue
            break
        if j > i and _is_glue(tokens, j):
            j += 1
            continue
        if j > i and unknown_han(word, flag):
            j += 1  # a character the dictionary does not know ends an unknown name: 拜|纳|姆
            continue
        break
    return j


def entity_score(tokens: list[Token], known: list[str] | tuple[str, ...] = ()) -> int:
    """How much a run of tokens looks like a named entity (0 = not at all).

    Organisation suffixes count most; a proper-noun tag counts when the token has at least
    two characters and is not one of the common words jieba mis-tags (上市 as ns, 同比 as j).
    """
    if not tokens:
        return 0
    text = "".join(t[0] for t in tokens)
    if len(text) < 2:
        return 0
    score = 0
    if _ends_with_org(text):
        score += 2
    if any(t[1] in _ENTITY_FLAGS and len(t[0]) >= 2 and t[0] not in _MISTAGGED for t in tokens):
        score += 1
    if text in known or any(k.endswith(text) for k in known if len(k) > len(text)):
        score += 2
    if _FOREIGN_NAME_RE.fullmatch(text):
        score += 2  # 凯文-杜兰特, 德克·诺维茨基
    if text.endswith(_ROLE_SUFFIXES) and not text.startswith(_NOT_ROLE):
        score += 1
    if any(t[1] in ("eng",) and t[0].upper() == "VS" for t in tokens):
        return 0  # 加拿大VS澳大利亚: a comparison heading
    if text.endswith(("报道", "消息")) or is_dateline(text):
        return 0  # a dateline (新浪娱乐讯, 中新网10月10日电)
    return score


#: Tags of a place or a person's name.
_PLACE_OR_PERSON = frozenset({"ns", "nr", "nrt", "nrfg"})


#: One-character complements of direction or result a one-character verb takes (砍下, 送出).
COMPLEMENTS = frozenset("下上出进回起过到")


def verb_before_name(tokens: Sequence[Token], i: int, j: int) -> int:
    """The index of the first verbal noun of ``tokens[i:j]`` followed by a place or a
    person's name (预测 of 预测|香港), the verb of the words after it; -1 if none."""
    for k in range(i, j - 1):
        if tokens[k][1] == "vn" and tokens[k + 1][1] in _PLACE_OR_PERSON:
            return k
    return -1


#: Verbs that impose a penalty on the one named after them (data/sentencing_verbs.tsv).
_SENTENCING_VERBS = frozenset(lexicon.words("sentencing_verbs"))
#: Tags of a person's name.
_PERSON_FLAGS = frozenset({"nr", "nrfg", "nrt"})
#: Tokens before the quantity searched for a sentencing verb or 发生 (a long clause full of
#: quantities stays linear).
_VERB_REACH = 40
#: Tokens after a sentencing verb searched for the name (判处|主犯|张某鹏, 判处|被告人|黄某龙).
_SENTENCED_REACH = 3


def _name_run(tokens: Sequence[Token], k: int, end: int) -> Phrase | None:
    """The person's name that starts within :data:`_SENTENCED_REACH` tokens at ``tokens[k]``
    (after role titles: 主犯, 被告人), before index ``end``: one name token, with the
    one-character name pieces that follow it (李/nr 华/ns)."""
    for m in range(k, min(end, k + _SENTENCED_REACH)):
        if tokens[m][1] in _PERSON_FLAGS:
            j = m + 1
            while (
                j < end
                and len(tokens[j][0]) == 1
                and tokens[j][1] in _PERSON_FLAGS | {"ns", "ng", "nz"}
            ):
                j += 1
            if sum(len(t[0]) for t in tokens[m:j]) < 2:
                return None
            return Phrase("".join(t[0] for t in tokens[m:j]), tokens[m][2], tokens[j - 1][3])
        if not _is_nounish(tokens[m]):
            return None
    return None


def sentenced(tokens: Sequence[Token], limit: int | None) -> Phrase | None:
    """The person a penalty of the clause is imposed on, when a sentencing verb stands before
    the quantity (at ``limit``): the name after it (法院以开设赌场罪判处主犯张某鹏有期徒刑11年),
    or after 对 before it (对被告人王某某判处拘役6个月); None without such a verb or name."""
    found = sentence_parts(tokens, limit)
    return None if found is None else found[0]


def sentence_parts(tokens: Sequence[Token], limit: int | None) -> tuple[Phrase, int] | None:
    """:func:`sentenced`'s person with where its sentencing verb starts (who is written before
    it, outside the person's 对 phrase, is the court that sentences)."""
    end = len(tokens)
    if limit is not None:
        end = bisect.bisect_left(tokens, limit, key=lambda t: t[2])
    for k in range(max(0, end - _VERB_REACH), end):
        if tokens[k][0] not in _SENTENCING_VERBS:
            continue
        name = _name_run(tokens, k + 1, end)
        if name is None:
            for d in range(k - 1, max(-1, k - 6), -1):
                if tokens[d][0] == "对":
                    name = _name_run(tokens, d + 1, k)
                    break
        return None if name is None else (name, tokens[k][2])
    return None


#: How the name of an incident ends (data/incident_words.tsv).
_INCIDENT_ENDS = tuple(lexicon.words("incident_words"))
#: Words that count one incident after 发生 (发生一起, 发生了一场).
_ONE_INCIDENT = frozenset({"一起", "一场", "一次", "1起"})
#: Characters that deny an incident before 发生 (未发生, 没发生, 无发生).
_NEGATIONS = frozenset("未没无")
#: Characters an incident's name may have, at most.
_INCIDENT_MAX = 16
#: An incident a text reports, up to the mark that ends its clause (…路口发生一起交通事故，).
INCIDENT_RE = re.compile(
    f"(?<![{''.join(sorted(_NEGATIONS))}])发生了?(?:{'|'.join(sorted(_ONE_INCIDENT))})?"
    f"([^，。；,;！？]{{0,{_INCIDENT_MAX}}}?(?:{'|'.join(map(re.escape, _INCIDENT_ENDS))}))"
    "(?=[，。；,;])"
)


def incident(tokens: Sequence[Token], limit: int | None) -> Phrase | None:
    """The incident a clause reports, before the quantity (at ``limit``): the words after
    发生(了)(一起/一场) up to the mark that ends the clause, when they end like an incident's name
    (某路口发生一起交通事故 -> 交通事故, 集贸市场发生燃气爆炸 -> 燃气爆炸;
    data/incident_words.tsv)."""
    end = len(tokens)
    if limit is not None:
        end = bisect.bisect_left(tokens, limit, key=lambda t: t[2])
    for k in range(max(0, end - _VERB_REACH), end):
        if tokens[k][0] != "发生":
            continue
        if k > 0 and tokens[k - 1][0][-1:] in _NEGATIONS:
            return None  # 未发生重特大火灾: no incident happened
        m = k + 1
        if m < end and tokens[m][0] == "了":
            m += 1
        if m < end and tokens[m][0] in _ONE_INCIDENT:
            m += 1
        elif m + 1 < end and tokens[m][0] + tokens[m + 1][0] in _ONE_INCIDENT:
            m += 2
        j = m
        while j < end and tokens[j][1] != "x" and tokens[j][3] - tokens[m][2] <= _INCIDENT_MAX:
            j += 1
        if j == m or j == len(tokens) or tokens[j][0] not in "，。；,;":
            return None  # the clause goes on (发生交通事故1200起), or is cut before its end
        text = "".join(t[0] for t in tokens[m:j])
        if not text.endswith(_INCIDENT_ENDS):
            return None
        return Phrase(text, tokens[m][2], tokens[j - 1][3])
    return None


#: Class nouns a text points back with (该平台, 平台: data/demonstrative_classes.tsv).
_CLASS_NOUNS = frozenset(lexicon.words("demonstrative_classes"))
#: Tags of the words that make a kind of a common noun (新能源/n 汽车, 一手/m 住宅, 高端/b 手机).
_KIND_WORD_FLAGS = frozenset({"n", "b", "m", "a"})
#: Tags of the words of a name, not of a class (a place, a person, an organisation, a brand).
_NAME_WORD_FLAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nt", "nz", "j", "eng"})


def _subclass(ent: str, name: str) -> bool:
    """Whether the longer name ``ent`` ending with the common noun ``name`` names a kind of
    it rather than it (我国新能源汽车 of 汽车: 4月汽车产销… is about cars, not new-energy cars): a
    common word before the noun (新能源, 一手) says the longer one is a subclass; a place, a
    person or an organisation before it (休斯敦火箭, 中国人保…财险公司), or a clause that
    describes a group (来加拿大留学的学生), keeps the short one a short mention of it, and so
    does a class noun a text points back with (平台 of
    Game2游戏平台; data/demonstrative_classes.tsv)."""
    words = nlp.tag(name)
    if len(words) != 1 or words[0][1] != "n" or _ends_with_org(name) or name in _CLASS_NOUNS:
        return False
    flags = [flag for _, flag in nlp.tag(ent[: -len(name)])]
    if any(f not in _NAME_WORD_FLAGS and f not in _KIND_WORD_FLAGS for f in flags):
        return False  # a clause before it (来加拿大留学的学生): those it describes, named again
    return any(f in _KIND_WORD_FLAGS for f in flags)


class RoleFinder:
    """Finds and resolves subjects across one document; keeps the alias and entity memory."""

    def __init__(self, aliases: dict[str, str]):
        self.aliases = dict(aliases)
        self.entities: list[str] = list(dict.fromkeys(aliases.values()))
        #: :meth:`resolve` memoised; emptied whenever :attr:`entities` changes.
        self._resolved: dict[str, str] = {}

    # ------------------------------------------------------------------ resolution
    def resolve(self, name: str) -> str:
        """Map a subject mention to the entity it names (aliases, short forms, generics)."""
        got = self._resolved.get(name)
        if got is None:
            got = self._resolved[name] = self._resolve(name)
        return got

    def _resolve(self, name: str) -> str:
        name = name.strip('“”"「」『』 ')
        if name in self.aliases:
            return self.aliases[name]
        deictic = _deictic().get(name)
        if deictic is not None:
            return deictic
        bare = _DEMONSTRATIVE.sub("", name)
        if bare != name and bare in self.aliases:
            return self.aliases[bare]
        if bare in _GENERIC or name in _GENERIC:
            for ent in reversed(self.entities):
                if ent.endswith(bare) and ent != bare:
                    return ent
            for ent in reversed(self.entities):
                if ent not in _GENERIC:
                    return ent
            return name
        for ent in reversed(self.entities):
            if len(ent) > len(name) >= 2 and ent.endswith(name) and not _subclass(ent, name):
                return ent
        return name

    def register(self, name: str) -> None:
        """Remember a resolved entity name for later short mentions."""
        if name and name not in _GENERIC:
            if self.entities and self.entities[-1] == name:
                return  # already the latest: nothing changes
            self._resolved.clear()
            if name in self.entities:
                self.entities.remove(name)
            self.entities.append(name)

    # ------------------------------------------------------------------ clause subject
    def clause_subject(
        self, tokens: list[Token], time_spans: list[tuple[int, int]], limit: int | None = None
    ) -> tuple[Phrase, Phrase | None] | None:
        """The subject of a clause (:meth:`opening_subject`), except in a sentence of a
        penalty: the one punished (:func:`sentenced`), not the court that sentences; and in a
        clause that reports an incident, the incident (:func:`incident`), not its place."""
        found = sentenced(tokens, limit) or incident(tokens, limit)
        if found is not None:
            return found, None
        return self.opening_subject(tokens, time_spans, limit)

    def opening_subject(
        self, tokens: list[Token], time_spans: list[tuple[int, int]], limit: int | None = None
    ) -> tuple[Phrase, Phrase | None] | None:
        """The subject at the start of a clause, with the attribute that follows it if any.

        Args:
            tokens: the clause's tokens with document offsets.
            time_spans: spans of time expressions (skipped at the clause start).
            limit: ignore tokens that start at or after this offset (the quantity).

        Returns:
            ``(subject, attribute)``, or None when the clause starts with no entity.
        """
        n = len(tokens)
        # A dateline opening the clause (新浪体育讯, 中新网…电) is not part of any subject.
        i = next(
            (
                k + 1
                for k, t in enumerate(tokens[:5])
                if t[0].endswith("讯") and is_dateline("".join(x[0] for x in tokens[: k + 1]))
            ),
            0,
        )
        while i < n:
            word, flag, s, e = tokens[i]
            if limit is not None and s >= limit:
                return None
            if any(ts <= s and e <= te for ts, te in time_spans):
                i += 1
                continue
            if (flag in ("t", "c", "x") and word not in _QUOTES_OPEN) or word in _LEAD_SKIP_WORDS:
                i += 1
                continue
            if (
                word in ("在", "于")
                and i + 1 < n
                and any(ts <= tokens[i + 1][2] < te for ts, te in time_spans)
            ):
                i += 1
                continue
            break
        if i >= n:
            return None
        j = noun_run(tokens, i, stop=limit)
        k = verb_before_name(tokens, i, j)
        if k == i:
            i += 1  # a verbal noun before a place or person is its verb: 预测|香港
        elif k > i:
            j = k  # 专家|预测|上海: the subject ends before the verb
        for k in range(i + 1, j):
            if tokens[k][1] == "t" or any(ts <= tokens[k][2] < te for ts, te in time_spans):
                j = k  # a time word ends the subject (甲指数|上周五收市)
                break
        known = self._known_at(tokens, i, limit)
        run_len = tokens[j - 1][3] - tokens[i][2] if j > i else 0
        if known is not None and run_len <= len(known.text):
            # An alias or a name met before that jieba cut differently (中国/人/保).
            return known, None
        if j <= i:
            return None
        run = tokens[i:j]
        if j < n and tokens[j][0] == "、" and run[0][1] == "vn":
            return None  # 升级医护人员、公安干警: a verb and a list of its objects
        if j < n and tokens[j][1] == "uj":
            # X的Y: X is the subject when it names an entity (公司的毛利率, 基金旗下的A基金).
            if run[-1][0] == "旗下":
                k = noun_run(tokens, j + 1, stop=limit)
                inner = tokens[j + 1 : k]
                if k > j + 1 and entity_score(inner, self.entities):
                    return Phrase("".join(t[0] for t in inner), inner[0][2], inner[-1][3]), None
            text = "".join(t[0] for t in run)
            if text in _GENERIC or entity_score(run, self.entities) >= 1:
                return Phrase(text, run[0][2], run[-1][3]), None
            return None
        if entity_score(run) == 0:
            known = self._known_prefix(run)
            if known is not None:
                return known, None
        # Split off a measured attribute at the end: 公司 | 净利润, 疫期在线客服代表 | 满意率.
        k = len(run)
        while k > 0 and run[k - 1][1] != "eng" and _is_attr(run[k - 1][0]):
            k -= 1
        head, tail = run[:k], run[k:]
        if head and head[-1][0] == "旗下":
            head = head[:-1]
        attr = Phrase("".join(t[0] for t in tail), tail[0][2], tail[-1][3]) if tail else None
        if not head:
            return None
        text = "".join(t[0] for t in head)
        if (
            text not in _GENERIC
            and text not in self.aliases
            and entity_score(head, self.entities) == 0
        ):
            if not tail and _verb_then_quantity(tokens, j, limit) and len(text) >= 2:
                # A descriptive subject right before its verb and the quantity: 中央补助40元,
                # 农民个人缴费20元 (nouns that name no entity, but name who the claim is about).
                return Phrase(text, head[0][2], head[-1][3]), None
            return None
        return Phrase(text, head[0][2], head[-1][3]), attr

    def _known_at(self, tokens: list[Token], i: int, limit: int | None) -> Phrase | None:
        """The longest alias or known entity written at ``tokens[i]``, as a string match."""
        start = tokens[i][2]
        names = (*self.aliases, *self.entities)
        if not names:
            return None
        # Join only as many tokens as the longest name needs: a clause may be very long.
        need = max(map(len, names))
        parts: list[str] = []
        size = 0
        for t in tokens[i:]:
            parts.append(t[0])
            size += len(t[0])
            if size >= need:
                break
        text = "".join(parts)
        best = ""
        for name in names:
            if (
                len(name) > len(best)
                and len(name) >= 2
                and text.startswith(name)
                and (limit is None or start + len(name) <= limit)
            ):
                best = name
        if not best:
            return None
        return Phrase(best, start, start + len(best))

    def _known_prefix(self, run: list[Token]) -> Phrase | None:
        """A known entity that opens a longer run of nouns (小牛 in 小牛后劲): the entity."""
        text = "".join(t[0] for t in run)
        best = None
        for ent in self.entities:
            if (
                len(ent) >= 2
                and text.startswith(ent)
                and len(text) > len(ent)
                and (best is None or len(ent) > len(best))
            ):
                best = ent
        if best is None:
            return None
        # Only when the entity ends on a token boundary.
        pos = run[0][2]
        for t in run:
            if t[3] - pos == len(best):
                return Phrase(best, pos, t[3])
        return None


@cache
@cache
def _deictic() -> dict[str, str]:
    """Words that name a place from inside the text (我国 -> 中国), from
    ``data/deictic_names.tsv``."""
    return {row[0]: row[1] for row in lexicon.table("deictic_names")}


#: Prepositions whose object is the quantity itself (荣耀以18.1%的份额排名第二).
_MEANS_PREPS = frozenset({"以"})


def _verb_then_quantity(tokens: list[Token], j: int, limit: int | None) -> bool:
    """True when ``tokens[j]`` is a verb and the quantity (at ``limit``)
    follows it at once, with at most an aspect or qualifier word between (补助40元, 缴费了20元),
    or when ``tokens[j]`` is 以 and the quantity its object (以18.1%的份额排名第二)."""
    if limit is None or j >= len(tokens):
        return False
    if tokens[j][0] in _MEANS_PREPS and j + 1 < len(tokens) and tokens[j + 1][2] >= limit:
        # 荣耀以18.1%的份额排名第二: the quantity is the means of the clause's own verb.
        return True
    word, flag = tokens[j][0], tokens[j][1]
    if not flag.startswith("v") or flag == "vn" or word in _COPULA:
        return False
    if _is_attr(word) and (flag != "v" or word in ("收入", "收益", "利润")):
        return False
    k = j + 1
    while k < len(tokens) and tokens[k][2] < limit and tokens[k][0] in ("了", "达", "约", "近"):
        k += 1
    return (k < len(tokens) and tokens[k][2] >= limit) or k == len(tokens)


def _attribute_before(before: list[Token]) -> Phrase | None:
    """A measured attribute written right before the quantity, read from the characters when
    the tagger split it (累计志愿服务时长: 时/长): the trailing content words, up to 8
    characters, when their text ends with an attribute suffix (时长, 收益率, 面积)."""
    if not before:
        return None
    text = "".join(t[0] for t in before)
    if not _is_attr(text):
        return None
    k = len(before)
    length = 0
    while k > 0:
        word, flag = before[k - 1][0], before[k - 1][1]
        if flag in ("x", "p", "uj", "ul", "c", "r", "d", "m", "t") or word in _DROP_BEFORE:
            break
        if length + len(word) > 8:
            break
        length += len(word)
        k -= 1
    span = before[k:]
    if not span or len("".join(t[0] for t in span)) < 2:
        return None
    return Phrase("".join(t[0] for t in span), span[0][2], span[-1][3])


def _verb_phrase_before(before: list[Token]) -> Phrase | None:
    """A verb phrase whose verb is not the last word before the quantity: the verb and what
    follows it (占/比 -> 占比, 收/低 -> 收低), at most three tokens and six characters."""
    for k in range(len(before) - 1, max(-1, len(before) - 4), -1):
        word, flag = before[k][0], before[k][1]
        if flag in ("x", "uj", "ul") or word in "，。；、":
            return None
        if flag.startswith("v") and flag != "vn":
            span = before[k:]
            while span and (span[-1][1] in ("x", "uj", "ul", "d") or span[-1][0] in _DROP_BEFORE):
                span = span[:-1]
            text = "".join(t[0] for t in span)
            if 2 <= len(text) <= 6:
                return Phrase(text, span[0][2], span[-1][3])
            return None
    return None


#: Tags of the words inside a compound object between its verb and the quantity (审结|危险/an
#: 驾驶/v 案件|约34.8万件, 发射|低/a 轨/n 通信卫星).
_OBJECT_INNER_FLAGS = frozenset({"a", "an", "b", "v", "vn", "ng", "nz", "n", "j", "l"})
#: Tags of the word before a verb that opens a predicate (共/d 起诉, 各地/r 累计, 目前/t 发射).
_VERB_OPENER_FLAGS = frozenset({"d", "ad", "r", "t", "x", "p", "c", "uj"})
#: Tokens and characters a compound object may span back to its verb, at most.
_OBJECT_TOKENS = 5
_OBJECT_CHARS = 12


def _governing_verb(before: list[Token], k: int) -> int:
    """Where the predicate of a counted object ``before[k:]`` starts: at the verb that governs
    the whole compound object when one opens the words before the quantity (审结危险驾驶案件,
    共起诉电信网络诈骗犯罪, 累计报告接种新冠病毒疫苗), else at ``k``. The verb is the first
    word after the subject or stands after an adverb, a pronoun, a time or a mark; a
    measured attribute among the words (总像素为663万, 任务量居全国首位) or a copula before the
    quantity keeps the predicate at ``k``: the quantity measures the attribute."""
    if any(_is_attr(t[0]) for t in before[k:]):
        return k  # a measured attribute (总像素, 任务量) is what the quantity measures
    size = sum(len(t[0]) for t in before[k:])
    m = k - 1
    found = k
    while m >= 0 and k - m <= _OBJECT_TOKENS:
        word, flag = before[m][0], before[m][1]
        size += len(word)
        if size > _OBJECT_CHARS:
            break
        if (
            flag.startswith("v")
            and flag != "vn"
            and len(word) >= 2
            and word not in _COPULA
            and word not in _DROP_BEFORE
            and (m == 0 or before[m - 1][1] in _VERB_OPENER_FLAGS)
        ):
            found = m
        if flag not in _OBJECT_INNER_FLAGS or _is_attr(word):
            break
        m -= 1
    return found


#: Tokens on each side of a quantity searched for its predicate and object.
_WINDOW = 40


def predicate_and_object(
    tokens: list[Token], q_start: int, q_end: int, after_subject: int, unit: str, kind: str
) -> tuple[Phrase | None, Phrase | None]:
    """The verb (or attribute) governing a quantity, and its object.

    Args:
        tokens: the clause's tokens with document offsets.
        q_start: start of the quantity's surface; q_end: its end.
        after_subject: offset where the subject mention ends (clause start if none).
        unit: the quantity's unit; kind: its kind.
    """
    # Look at a window of tokens around the quantity, found by bisection: a clause with
    # thousands of quantities (a table flattened into one line) must stay linear.
    at = bisect.bisect_left(tokens, q_start, key=lambda t: t[2])
    window = tokens[max(0, at - _WINDOW) : at + _WINDOW]
    before = [t for t in window if t[3] <= q_start and t[2] >= after_subject]
    after = [t for t in window if t[2] >= q_end]
    obj: Phrase | None = None
    pred: Phrase | None = None
    # A quoted noun right before the quantity is the object: 组建“党员突击队”26支.
    if before and before[-1][0] in _QUOTES_CLOSE:
        k = len(before) - 2
        while k >= 0 and before[k][0] not in _QUOTES_OPEN:
            k -= 1
        if k >= 0 and k < len(before) - 2:
            inner = before[k + 1 : -1]
            obj = Phrase("".join(t[0] for t in inner), inner[0][2], inner[-1][3])
            before = before[:k]
    copula = False
    respective = False
    while before and (before[-1][0] in _DROP_BEFORE or before[-1][1] in ("x", "ul", "uj")):
        if before[-1][0] in _COPULA:
            copula = True
        respective = respective or before[-1][0] == "分别"
        before.pop()
    if before:
        last = before[-1]
        if last[1].startswith("v") and last[1] != "vn" and not _is_attr(last[0]):
            k = len(before) - 1
            # Glue verbs split into characters: 增/持 -> 增持.
            while k > 0 and len(before[k][0]) == 1 and before[k - 1][1].startswith("v"):
                k -= 1
            if len(last[0]) == 1 and k == len(before) - 1 and k > 0 and _is_nounish(before[k - 1]):
                k -= 1  # 解决/率 -> 解决率
            span = before[k:]
            pred = Phrase("".join(t[0] for t in span), span[0][2], span[-1][3])
        elif (_is_nounish(last) and not (respective and last[1] in _NAME_FLAGS)) or _is_attr(
            last[0]
        ):
            # A name right before 分别 (深圳、广州分别以X: a respective list's last item) is
            # who the claim is about, never what it measures.
            k = len(before) - 1
            while (
                k > 0
                and len(before) - k < 3
                and _is_nounish(before[k - 1])
                and before[k - 1][1] not in _ENTITY_FLAGS
            ):
                k -= 1
            if (
                k > 0
                and before[k - 1][1] == "v"
                and (len(before[k][0]) == 1 or len(before[k - 1][0]) >= 2)
            ):
                k -= 1  # 解决/率 -> 解决率; 实现/营业收入 -> 实现营业收入
            if not copula:
                k = _governing_verb(before, k)
            span = before[k:]
            pred = Phrase("".join(t[0] for t in span), span[0][2], span[-1][3])
        # The object of a 向/为/给/对 phrase before the verb.
        for i, t in enumerate(before):
            if t[0] in _OBJECT_PREPS and t[1] in ("p", "v"):
                j = noun_run(before, i + 1)
                if j > i + 1 and obj is None:
                    inner = before[i + 1 : j]
                    obj = Phrase("".join(x[0] for x in inner), inner[0][2], inner[-1][3])
                break
    if pred is None or (len(pred.text) == 1 and not _is_attr(pred.text)):
        attr = _attribute_before(before)
        if attr is not None:
            pred = attr
    if pred is None:
        pred = _verb_phrase_before(before)
    raw_before = tokens[max(0, at - 16) : at]
    raw_before = [t for t in raw_before if t[3] <= q_start]
    yi_at = bool(raw_before) and raw_before[-1][0] in ("以", "按")
    in_list, list_de = yi_list(raw_before, after)
    de = 0 if after and after[0][0] == "的" and (yi_at or in_list) else -1
    if de < 0 and yi_at and list_de >= 0:
        de = list_de  # 以4.78%和4.55%的周涨幅: the first item shares the attribute
    if de >= 0:
        # 以18.74%的净值增长率位居…: the attribute the quantity measures follows it.
        j = noun_run(after, de + 1)
        inner = after[de + 1 : j]
        if j > de + 1 and _is_attr(inner[-1][0]):
            return Phrase("".join(t[0] for t in inner), inner[0][2], inner[-1][3]), obj
    if pred is None and kind == "count" and after and _is_nounish(after[0]):
        j = noun_run(after, 0)
        if j > 0:
            inner = after[:j]
            return Phrase("".join(t[0] for t in inner), inner[0][2], inner[-1][3]), obj
    if pred is None and kind == "age":
        return Phrase("年龄", -1, -1), obj
    if pred is None or (copula and pred is None):
        for t in after:
            if t[1].startswith("v") and t[1] != "vn" and len(t[0]) >= 2:
                pred = Phrase(t[0], t[2], t[3])
                break
            if t[0] in "，。；,;":
                break
    if kind == "score" and unit == "分" and (pred is None or pred.text in _WEAK_VERBS):
        pred = Phrase("得分", -1, -1)
    if obj is None and after:
        i = 0
        if after[0][0] == "的":
            i = 1
        j = noun_run(after, i)
        if j > i:
            inner = after[i:j]
            obj = Phrase("".join(x[0] for x in inner), inner[0][2], inner[-1][3])
            if pred is None and kind == "count":
                pred = obj
                obj = None
    if (
        pred is not None
        and pred.text.endswith(_CAUSATIVES)
        and after
        and after[0][1] == "v"
        and len(after[0][0]) >= 2
    ):
        # 造成25人死亡, 致175万人受灾: what the count measures is the result after it, not the
        # verb that causes it.
        pred = Phrase(after[0][0], after[0][2], after[0][3])
    return pred, obj
