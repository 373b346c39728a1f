"""The extraction pipeline: text -> sentences -> quantities -> candidate claims.

Speed comes from doing the cheap things to the whole text and the expensive thing to little
of it: one regex pass finds the quantities and time expressions of the whole document;
jieba's tagger only sees the clauses that hold a quantity, plus the few earlier clauses
needed when a subject has to be carried over (each cached).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import replace
from functools import cache

from . import lexicon, ner, nlp
from .docrank import Place, stack_rows
from .entities import (
    EntityTable,
    _base_features,
    is_source_clause,
    merge_places,
    source_frame,
    subject_options,
    team_result_units,
    word_shape,
)
from .hanzi import as_written, simplified, written_chars
from .lookalike import screen as screen_lookalikes
from .model import Candidate
from .numbers import FULLWIDTH
from .options import (
    COUNTED_TAGS,
    TALLY_KINDS,
    antecedent,
    document_genre,
    is_base,
    own_measure,
    predicate_options,
    sentence_times_from,
    time_options,
)
from .quantity import (
    MEASURE_SHAPE,
    Mention,
    find_quantities,
    rank_unit_alternative,
    rate_unit_alternative,
    selected_unit_alternative,
    value_reading_alternative,
)
from .ranker import Option, Ranker, add_context, canonical_order, default
from .roles import (
    _ATTR_SUFFIXES,
    _DROP_BEFORE,
    Phrase,
    RoleFinder,
    Token,
    _is_attr,
    entity_score,
    noun_run,
    predicate_and_object,
)
from .sentences import split_clauses, split_sentences
from .timex import TimeExpr, find_times, normalise
from .units import normal_unit

VERSION = "1.28.0"  # (1.15.0 was a list-item subject option, reverted in the thirtieth session)

#: Any character that can start a quantity; a text without one has no claims.
_HAS_NUMBER = re.compile(r"[0-9０-９零〇两一二三四五六七八九十百千万亿]")

_ALIAS_RE = re.compile(
    # a stock code or a note may come first: （600871，以下简称“华南钢铁”）
    r"[（(](?:[^（）()，,。\n]{1,20}[，,；;]\s*)?(?:以下)?(?:简称|下称|简称为)[：:]?[“\"「『]?(?P<alias>[^”\"」』）)，,。]{1,16}?)[”\"」』]?"
    # what may follow the alias inside the brackets: （以下简称“华锐智能”，股票代码：688452）
    r"(?:[，,；;][^（）()\n]{0,40})?[）)]"
)
#: The name before （简称…）: no punctuation, save a short bracketed part of the name
#: (北方稀土（集团）高科技股份有限公司).
_NAME_BEFORE_RE = re.compile(
    r"(?:[^，,。；;：:、\s（）()“”\"]|[（(][^（）()，,。]{1,4}[）)]){2,40}$"
)

#: What stands between two quantities of a list: the noun the first one counts and 、/和.
_LIST_GAP_RE = re.compile(r"[\u4e00-\u9fff]{1,6}(?:、|和|及|以及|与)")

#: What separates the items of a list of quantities sharing one verb.
_LIST_SEP_RE = re.compile(r"\s*(?:、|和|及|与|以及|或|，)\s*")
#: A label written before a quantity's clause: [参考价格] 399元, 价格：750美元.
_LABEL_RE = re.compile(
    r"(?:(?<=[\[【])([\u4e00-\u9fff]{2,6})[\]】][：:]?"
    r"|(?:(?<=[\s，。；：\]】])|^)([\u4e00-\u9fff]{2,6})[：:])"
    r"[ \t\u3000\xa0]*$"
)

#: How many clauses back a subject may be carried from.
_CARRY_LIMIT = 12
#: Characters tagged after a clause's last quantity (predicate and object read there) and at
#: the start of a clause without one (where a subject to carry would be).
_TAIL = 12
_HEAD = 24


def find_aliases(norm: str, times: list[TimeExpr]) -> dict[str, str]:
    """Aliases defined in the text: （简称“中国人保”） -> {"中国人保": <the full name>}."""
    out: dict[str, str] = {}
    for m in _ALIAS_RE.finditer(norm):
        before = _NAME_BEFORE_RE.search(norm, max(0, m.start() - 40), m.start())
        if before is None:
            continue
        full_start = before.start()
        for t in times:
            # Drop a time expression glued to the front (4月26日中国人保…).
            if t.start <= full_start < t.end:
                full_start = t.end
        alias = m.group("alias").strip()
        stretch = norm[full_start : m.start()]
        title = _TITLE_END_RE.search(stretch)
        if title is not None:
            # A titled work stands for itself: 发布《…报告》（以下简称《报告》）.
            if alias and alias != title.group(0):
                out[alias] = title.group(0)
            continue
        cut = _alias_name_start(stretch, alias)
        full = stretch[cut:]
        if not cut:
            # Keep the trailing noun run: 据悉A公司 -> A公司.
            tokens = _tokens(norm, full_start, m.start())
            for i in range(len(tokens)):
                j = noun_run(tokens, i)
                if j == len(tokens) and entity_score(tokens[i:j]) > 0:
                    full = norm[tokens[i][2] : m.start()]
                    break
        full = _with_alias_start(stretch, full, alias)
        if alias and full and alias != full:
            out[alias] = full
    return out


def _with_alias_start(stretch: str, full: str, alias: str) -> str:
    """A full name (a trailing part of ``stretch``) read back to where the alias's characters
    start, when a name the tagger split lost the alias's first ones (北京知行课堂教育科技有限公司
    for 知行课堂, not 课堂教育科技有限公司)."""
    bare = alias.strip('《》“”"「」『』')
    if not bare or not full or _subsequence(bare, full):
        return full
    for p in range(len(stretch) - len(full) - 1, -1, -1):
        if stretch[p] == bare[0] and _subsequence(bare, stretch[p:]):
            return stretch[p:]
    return full


#: A work's title closing the stretch before （简称…）.
_TITLE_END_RE = re.compile(r"《[^《》]{1,40}》$")


def _alias_name_start(stretch: str, alias: str) -> int:
    """Where the full name an alias stands for starts in the ``stretch`` written before its
    （简称…）: after the last preposition or 的 whose rest still shares the alias's
    characters (记者从|江城市医疗保障局, data/alias_lead_words.tsv), then at the alias's first
    character where a class noun describes what follows (国内龙头企业|晋原化工集团,
    data/alias_descriptors.tsv) and the alias is a subsequence of the rest."""
    bare = alias.strip('《》“”"「」『』')
    if not bare:
        return 0
    chars = set(bare)
    need = min(2, len(chars))
    leads = lexicon.words("alias_lead_words")
    cuts: set[int] = set()
    pos = 0
    for word, _flag in nlp.tag(stretch):
        pos += len(word)
        if word in leads:
            cuts.add(pos)
    for lead in leads:
        if len(lead) > 1:
            cuts.update(m.end() for m in re.finditer(re.escape(lead), stretch))
    start = 0
    for cut in sorted(cuts, reverse=True):
        if len(stretch) - cut >= 2 and len(chars & set(stretch[cut:])) >= need:
            start = cut
            break
    descriptors = lexicon.words("alias_descriptors")
    for k in range(start + 1, len(stretch) - len(bare) + 1):
        if stretch[k] != bare[0] or not stretch.endswith(descriptors, start, k):
            continue
        if _subsequence(bare, stretch[k:]):
            return k
    return start


def _subsequence(short: str, long: str) -> bool:
    """Whether the characters of ``short`` occur in ``long`` in order."""
    it = iter(long)
    return all(ch in it for ch in short)


def _tokens(norm: str, start: int, end: int) -> list[Token]:
    """jieba tokens of ``norm[start:end]`` with document offsets."""
    out: list[Token] = []
    pos = start
    for word, flag in nlp.tag(norm[start:end]):
        out.append((word, flag, pos, pos + len(word)))
        pos += len(word)
    return out


#: Tags of a word the tagger may run from a verb into the ordinal after it (排名第 "i", 倒数第
#: "l"; 名列第一, tagged a noun, is left alone), and the characters an ordinal opens with.
#: Idioms with other numbers (成千上万, 垂涎三尺) stay whole: the look-alike filter reads them.
_GLUED_FLAGS = ("v", "i", "l")
_ORDINAL_HEADS = "第首"


def _split_glued(tokens: list[Token], q: int) -> list[Token]:
    """A claim's clause ``tokens`` with the word the tagger glued from a verb into its
    ordinal's first characters (排名第|23位, 倒数第|3, 跃居首位) split where the quantity starts
    at ``q``: the part before it (two characters at least) a verb of its own, the rest a
    numeral."""
    k = bisect.bisect_right(tokens, q, key=lambda t: t[2]) - 1
    if k < 0:
        return tokens
    w, flag, a, b = tokens[k]
    if a + 2 <= q < b and flag in _GLUED_FLAGS and w[q - a] in _ORDINAL_HEADS:
        return [*tokens[:k], (w[: q - a], "v", a, q), (w[q - a :], "m", q, b), *tokens[k + 1 :]]
    # An attribute whose last character the tagger glued to the copula before the quantity
    # (满|分为720分, 平均|分为86分): the attribute whole, then 为.
    k = bisect.bisect_left(tokens, q, key=lambda t: t[3])
    if 0 < k < len(tokens) and tokens[k][3] == q and len(tokens[k][0]) == 2:
        w, _, a, b = tokens[k]
        p_w, _, p_a, _ = tokens[k - 1]
        if (
            w[1] == "为"
            and tokens[k - 1][3] == a
            and p_w + w[0] in lexicon.word_set("glued_copula_nouns")
        ):
            glued = (p_w + w[0], "n", p_a, a + 1)
            return [*tokens[: k - 1], glued, ("为", "p", a + 1, b), *tokens[k + 1 :]]
    return tokens


class _Doc:
    """Per-document state shared by the candidates of one :func:`extract` call."""

    def __init__(self, text: str, norm: str, doc_date: str | None, soft: Collection[str] = ()):
        self.text = text
        self.norm = norm
        #: The text with full-width forms folded but traditional characters as written:
        #: what a candidate's words are taken back from (:func:`_as_written`).
        self.written = norm
        #: Each simplified character the text writes in traditional, as it writes it first
        #: (built when a candidate is first given back as written).
        self.written_chars: dict[int, str] | None = None
        self.doc_date = doc_date
        self.times = find_times(norm)
        self.time_spans = [(t.start, t.end) for t in self.times]
        # Ends of the spans in start order; they rise too, as time expressions never nest.
        self.time_ends = [e for _, e in self.time_spans]
        self.mentions = find_quantities(
            norm, [(t.start, t.end) for t in self.times if _digit(t) and not t.span], soft=soft
        )
        self.mention_starts = [m.start for m in self.mentions]
        self.sentences = split_sentences(simplified(text))
        self.sent_starts = [s for s, _ in self.sentences]
        self._clauses: dict[int, list[tuple[int, int]]] = {}
        self._tok: dict[tuple[int, int], list[Token]] = {}
        self._subj: dict[tuple[int, int], tuple[Phrase, Phrase | None] | None] = {}
        self._normalised: dict[str, str] = {}
        self._numbers: dict[tuple[int, int], tuple[tuple[int, int], ...]] = {}
        self._numbers_of: list[Mention] | None = None
        self.roles: RoleFinder | None = None
        self.table: EntityTable | None = None
        self.ranker: Ranker | None = None
        #: The subject the clause rules chose for the previous claim (text, mention start,
        #: mention end): history features never follow the ranker (training stays pure).
        self.previous: tuple[str, int, int] | None = None
        #: Line breaks of the text (paragraph ends), and the quantity-free features of
        #: each time expression by start (see :func:`extractor.options.time_options`).
        self.newlines = [m.start() for m in re.finditer("\n", norm)]
        self.time_features: dict[int, dict[str, float] | None] = {}
        #: How often the clause rules chose each subject so far, and where it was last written.
        self.subject_counts: dict[str, int] = {}
        self.subject_at: dict[str, tuple[int, int]] = {}
        #: The earlier sentences' opening clauses offered to each sentence's claims, by
        #: sentence (see :func:`_earlier_clauses`): computed once per sentence, not per claim.
        self.earlier: dict[int, list[tuple[tuple[int, int], int, list[tuple[int, int]], int]]] = {}
        #: The end of the previous quantity, the rules' predicate and the chosen one (for
        #: lists sharing one verb).
        self.previous_pred: tuple[int, Phrase, Phrase | None] | None = None
        #: The end of the previous quantity and the predicate chosen for it (None: none).
        self.previous_chosen: tuple[int, Phrase] | None = None
        #: Where the previous claim is and the span of the rules' time ((-1, -1): none).
        self.previous_time: tuple[int, tuple[int, int]] | None = None
        #: The optional NER backend (:mod:`extractor.ner`; None: off) and its names of each
        #: sentence tagged so far (those with a quantity, and the headline), by index.
        self.ner: ner.Backend | None = None
        self.names: dict[int, list[ner.Entity]] = {}
        #: The document's genre signals for the time options (computed once, on first use).
        self.genre: dict[str, float] | None = None
        #: The place each scope word (全市, 全省) stands for (computed on first use).
        self._scope: dict[str, str] | None = None
        self._scopes: list[str] | None = None

    def scopes(self) -> list[str]:
        """The scopes a statistic of this document is composed with (:func:`_with_scope`):
        我国 when the text writes it, and the place of the scope word (全省, 全市) the text
        writes most often. Computed once."""
        if self._scopes is None:
            found: list[str] = []
            if "我国" in self.norm:
                found.append("我国")
            places = self.scope_names()
            written = [w for w in places if w in self.norm]
            if written:
                word = max(written, key=lambda w: (self.norm.count(w), -self.norm.find(w)))
                found.append(places[word])
            self._scopes = found
        return self._scopes

    def scope_names(self) -> dict[str, str]:
        """The place each word of ``data/scope_place_words.tsv`` stands for in this document:
        of the names written with its level character (青州市, 江临省, 闽西县), the one written most
        often, the first on a tie (see :func:`scope_places`). Computed once."""
        if self._scope is None:
            self._scope = scope_places(self.norm)
        return self._scope

    # -------------------------------------------------------------- cached structure
    def normalised(self, expr: str) -> str:
        """:func:`~extractor.timex.normalise` of a time expression against the document's
        date, once per expression (a report's claims share a few times)."""
        got = self._normalised.get(expr)
        if got is None:
            got = self._normalised[expr] = normalise(expr, self.doc_date)
        return got

    def clauses(self, si: int) -> list[tuple[int, int]]:
        c = self._clauses.get(si)
        if c is None:
            s, e = self.sentences[si]
            c = split_clauses(self.norm, s, e) or [(s, e)]
            self._clauses[si] = c
        return c

    def tokens(self, span: tuple[int, int]) -> list[Token]:
        """jieba tokens of a clause, cached. Only the part that roles are read from is
        tagged: up to a few characters after its last quantity, or its opening words when
        it holds none (a carried subject opens its clause)."""
        t = self._tok.get(span)
        if t is None:
            cs, ce = span
            i = bisect.bisect_left(self.mention_starts, cs)
            j = bisect.bisect_left(self.mention_starts, ce)
            if j > i:
                cut = min(ce, max(m.end for m in self.mentions[i:j]) + _TAIL)
            else:
                cut = min(ce, cs + _HEAD)
            t = _tokens(self.norm, cs, cut)
            self._tok[span] = t
        return t

    def tokens_near(self, pos: int) -> list[Token]:
        """The tagged words of the clause holding ``pos`` (the whole clause when the part
        :meth:`tokens` tags stops before ``pos``); cached."""
        span = next((c for c in self.clauses(self.sentence_of(pos)) if c[0] <= pos < c[1]), None)
        if span is None:
            return []
        toks = self.tokens(span)
        if toks and toks[-1][3] < span[1] and toks[-1][3] <= pos + 12:
            key = (span[0], -span[1])
            toks = self._tok.get(key) or self._tok.setdefault(key, _tokens(self.norm, *span))
        return toks

    def subject_of(self, span: tuple[int, int]) -> tuple[Phrase, Phrase | None] | None:
        """The subject opening a clause (before its first quantity); cached."""
        if span not in self._subj:
            assert self.roles is not None
            i = bisect.bisect_left(self.mention_starts, span[0])
            limit = self.mention_starts[i] if i < len(self.mention_starts) else None
            if limit is not None and limit >= span[1]:
                limit = None
            self._subj[span] = self.roles.clause_subject(
                self.tokens(span), self.times_in(span), limit=limit
            )
        return self._subj[span]

    def times_in(self, span: tuple[int, int]) -> list[tuple[int, int]]:
        """The time spans that overlap ``span``: the role finder tests each token against
        them, so passing only these keeps its cost independent of document length."""
        i = bisect.bisect_left(self.time_ends, span[0] + 1)
        j = bisect.bisect_left(self.time_spans, (span[1], -1))
        return self.time_spans[i:j]

    def numbers_in(self, span: tuple[int, int]) -> Sequence[tuple[int, int]]:
        """The spans of the quantities found that overlap ``span``, in start order; cached
        per span (every claim of a sentence asks for its sentence's) until the mentions are
        replaced."""
        if self._numbers_of is not self.mentions:
            self._numbers, self._numbers_of = {}, self.mentions
        got = self._numbers.get(span)
        if got is None:
            i = bisect.bisect_left(self.mention_starts, span[0])
            if i > 0 and self.mentions[i - 1].end > span[0]:
                i -= 1
            j = bisect.bisect_left(self.mention_starts, span[1])
            got = self._numbers[span] = tuple((m.start, m.end) for m in self.mentions[i:j])
        return got

    def paragraph_start(self, pos: int) -> int:
        """Where the paragraph holding ``pos`` starts (after the last line break before it)."""
        k = bisect.bisect_left(self.newlines, pos)
        return self.newlines[k - 1] + 1 if k else 0

    def sentence_of(self, pos: int) -> int:
        return bisect.bisect_right(self.sent_starts, pos) - 1


def _is_verb(t: Token) -> bool:
    return t[1].startswith("v") and t[1] != "vn"


def _before(tokens: list[Token], pos: int) -> list[Token]:
    """The tokens of a clause that end by ``pos`` (found by bisection)."""
    return tokens[: bisect.bisect_right(tokens, pos, key=lambda t: t[3])]


def _digit(t: TimeExpr) -> bool:
    return any(ch.isdigit() or ch in "一二三四五六七八九十〇零" for ch in t.text)


def extract(
    text: str,
    doc_date: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    ranker: Ranker | None = None,
) -> list[Candidate]:
    """Propose the quantitative claims of a document.

    Args:
        text: the document text; offsets of the result index this exact string.
        doc_date: the document's date as ISO 8601 ("2022-04-27"), or None; used to resolve
            time expressions (4月26日 -> 2022-04-26).
        progress: called now and then (at most about 100 times, and last with ``done ==
            total``) with the characters of the text done and its length, so that a caller can
            show progress through a long document.
        ranker: the model that chooses among subject options (the seam where another
            resolver plugs in); None = the model shipped in the package.

    Returns:
        Candidates in text order. For each, ``text[c.start:c.end] == c.quantity_text``.
    """
    return [c for c, _ in extract_with_options(text, doc_date, ranker, progress)]


def extract_with_options(
    text: str,
    doc_date: str | None = None,
    ranker: Ranker | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[tuple[Candidate, list[Option]]]:
    """:func:`extract`, each candidate with its scored subject options (for training)."""
    return [
        (c, fields.get("subject", []))
        for c, fields in extract_with_fields(text, doc_date, ranker, progress)
    ]


def extract_with_fields(
    text: str,
    doc_date: str | None = None,
    ranker: Ranker | None = None,
    progress: Callable[[int, int], None] | None = None,
    screen: bool = True,
    soft: Collection[str] | None = None,
    places: list[Place] | None = None,
) -> list[tuple[Candidate, dict[str, list[Option]]]]:
    """:func:`extract`, each candidate with the scored options of each ranked field
    (``subject``, ``predicate``, ``time``), best first (for training and diagnostics).
    ``screen=False`` keeps the look-alike filter out (every candidate, the rules' confidence);
    ``soft``: the rules of context that mark a candidate instead of dropping it (None: those
    the model's look-alike filter reads as features; training passes them all);
    ``places`` receives each candidate's place (sentence, paragraph, clause), which the
    document-level pass reads (:mod:`extractor.docrank`)."""
    doc = _prepare(text, doc_date, ranker, soft=soft)
    if doc is None:
        return []
    out: list[tuple[Candidate, dict[str, list[Option]]]] = []
    made: list[_Made] = []
    step = max(1, len(doc.mentions) // 100)
    for k, m in enumerate(doc.mentions):
        if progress is not None and k % step == 0:
            progress(m.start, len(text))
        si = doc.sentence_of(m.start)
        if si < 0:
            continue
        s_start, s_end = doc.sentences[si]
        if not (s_start <= m.start and m.end <= s_end):
            # A quantity across a sentence boundary (never expected): keep offsets honest.
            s_start, s_end = min(s_start, m.start), max(s_end, m.end)
        cand, ranked, one = _candidate(doc, m, si, s_start, s_end)
        out.append((cand, ranked))
        made.append(one)
    if progress is not None:
        progress(len(text), len(text))
    assert doc.ranker is not None
    if doc.ranker.document:
        out = _second_pass(doc, out, made)
    if places is not None:
        places.extend(_place(one) for one in made)
    # The learned look-alike filter (extractor/lookalike.py): confidence, and drops.
    if screen:
        out = screen_lookalikes(doc.norm, out, doc.ranker.lookalike)
    if doc.norm is not doc.written:
        out = [(_as_written(doc, c), _options_as_written(doc, c, fields)) for c, fields in out]
    return with_neighbours(out)


#: How far before its sentence a candidate's word is looked for in the text as written when
#: it has no offsets of its own (an object, a runner-up carried from an earlier claim), and
#: then in the document's first characters (the headline and lead that name its topic).
_WRITTEN_WINDOW = 2000
_WRITTEN_LEAD = 500


def _writer(doc: _Doc, c: Candidate) -> Callable[..., str]:
    """A function that gives back a word read off a traditional document's simplified reading
    as the document writes it (:func:`extractor.hanzi.as_written`): at its offsets, else near
    candidate ``c`` (its sentence and what comes before it, then the document's lead), else
    with the document's own form of each character."""
    windows = ((c.sentence_start - _WRITTEN_WINDOW, c.sentence_end), (0, _WRITTEN_LEAD))
    if doc.written_chars is None:
        doc.written_chars = written_chars(doc.norm, doc.written)
    chars = doc.written_chars

    def back(
        value: str,
        start: int | None = None,
        end: int | None = None,
        near: Sequence[tuple[int, int]] = windows,
    ) -> str:
        return as_written(doc.norm, doc.written, value, start, end, near, chars)

    return back


def _options_as_written(
    doc: _Doc, c: Candidate, fields: dict[str, list[Option]]
) -> dict[str, list[Option]]:
    """The ranked options of a traditional document's candidate with their texts as written
    (what training compares with a reviewer's or a gold's words)."""
    back = _writer(doc, c)
    for options in fields.values():
        for o in options:
            o.text = back(o.text, o.start if o.start >= 0 else None, o.end)
    return fields


def _as_written(doc: _Doc, c: Candidate) -> Candidate:
    """The candidate with its words as the document writes them: a traditional document's
    unit, subject, predicate, object and runners-up were read off its simplified reading
    (:mod:`extractor.hanzi`); the same offsets give them back as written (a unit stored in
    another form than its surface's, 个人 as 人, keeps it)."""
    if doc.norm is doc.written:
        return c
    back = _writer(doc, c)
    alternatives = {
        name: [
            {**a, "text": back(a["text"], a.get("start"), a.get("end"))}
            if name != "value" and isinstance(a.get("text"), str)
            else a
            for a in options
        ]
        for name, options in c.alternatives.items()
    }
    return c.replaced(
        unit=normal_unit(back(c.unit, near=[(c.start, c.end)])),
        subject=back(c.subject, c.subject_start, c.subject_end),
        predicate=back(c.predicate, c.predicate_start, c.predicate_end),
        object=back(c.object),
        alternatives=alternatives,
    )


def _prepare(
    text: str,
    doc_date: str | None,
    ranker: Ranker | None,
    extra: Mention | None = None,
    soft: Collection[str] | None = None,
) -> _Doc | None:
    """The document state every candidate reads (None: no quantity to extract). ``extra``:
    a quantity a reviewer selected, put among the mentions in place of any it overlaps;
    ``soft`` as for :func:`extract_with_fields`."""
    if not isinstance(text, str) or not text:
        return None
    written = text.translate(FULLWIDTH)
    norm = simplified(written)
    if not _HAS_NUMBER.search(norm):
        return None
    active = ner.active()
    model = ranker or default(ner=active is not None)
    if soft is None:
        soft = model.lookalike.soft if model.lookalike is not None else ()
    doc = _Doc(text, norm, doc_date, soft)
    doc.written = written
    if extra is not None:
        kept = [m for m in doc.mentions if m.end <= extra.start or extra.end <= m.start]
        doc.mentions = sorted([*kept, extra], key=lambda m: m.start)
        doc.mention_starts = [m.start for m in doc.mentions]
    if not doc.mentions or not doc.sentences:
        return None
    nlp.load()
    if any(
        m.rule == MEASURE_SHAPE or m.check_glue or not norm[max(m.core_start, m.start)].isdigit()
        for m in doc.mentions
    ):
        _confirm_measure_shapes(doc)
        if not doc.mentions:
            return None
    doc.roles = RoleFinder(
        find_aliases(norm, doc.times) if "简称" in norm or "下称" in norm else {}
    )
    for m in doc.mentions:
        if m.subject_hint:
            # Team names read off scores (雄鹿110-雷霆106) name the teams of the whole report.
            doc.roles.register(m.subject_hint)
    doc.ner = active
    doc.ranker = model
    doc.table = _entity_table(doc)
    return doc


#: The first number of a selection (digits, Chinese numerals, scale characters).
_NUMERAL = re.compile(
    "[0-9零〇两一二三四五六七八九十百千万亿][0-9.零〇两一二三四五六七八九十百千万亿]*"
)


def _selected_mention(selection: str, numeral: re.Match[str] | None) -> Mention | None:
    """A selection the quantity finder reads no quantity in (三层: a measure word it does not
    know; 揽金百万: a bare scale) as one mention, read as the review app reads a selection
    (:func:`~extractor.quantity.parse_quantity`), so its roles are still resolved; ``numeral``
    is its first number (:data:`_NUMERAL`). None without a number."""
    from .quantity import parse_quantity

    if numeral is None:
        return None
    read = parse_quantity(selection)
    if read is None:
        return None
    return Mention(
        start=0,
        end=len(selection),
        value=read["value"],
        value_max=read["value_max"],
        unit=read["unit"],
        qualifier=read["qualifier"],
        kind=read["kind"],
        rule="reviewer",
        confidence=1.0,
        core_start=numeral.start(),
    )


def claim_at(
    text: str, start: int, end: int, doc_date: str | None = None, ranker: Ranker | None = None
) -> Candidate | None:
    """The candidate the extractor makes of a quantity a reviewer selected at ``start..end``
    (a quantity it may have missed or dropped as a look-alike): subject, predicate, object
    and time resolved as for its own candidates, with the ranked alternatives of each. None
    when the selection holds no number.

    The quantity is the first one read from the selection (look-alikes kept); the
    candidates before it are resolved too, as :func:`extract` does, since a subject carries
    over from them.
    """
    if not isinstance(text, str) or not 0 <= start < end <= len(text):
        return None
    selection = simplified(text[start:end].translate(FULLWIDTH))
    found = find_quantities(selection, None, lookalikes=False)
    number = _NUMERAL.search(selection)
    m = found[0] if found else _selected_mention(selection, number)
    if m is None:
        return None
    # Where the number ends in the selection: what follows it may be a unit (below).
    number_end = m.end if found or number is None else number.end()
    shift = start
    m = replace(
        m,
        start=m.start + shift,
        end=m.end + shift,
        core_start=m.core_start + shift if m.core_start >= 0 else -1,
        subject_hint_start=m.subject_hint_start + shift if m.subject_hint_start >= 0 else -1,
        fallback=None,
        rule=m.rule if m.rule != MEASURE_SHAPE else "reviewer",
    )
    doc = _prepare(text, doc_date, ranker, extra=m)
    if doc is None:
        return None
    out: list[tuple[Candidate, dict[str, list[Option]]]] = []
    made: list[_Made] = []
    assert doc.ranker is not None
    for other in doc.mentions:
        si = doc.sentence_of(other.start)
        if si < 0:
            continue
        s_start, s_end = doc.sentences[si]
        s_start, s_end = min(s_start, other.start), max(s_end, other.end)
        cand, ranked, one = _candidate(doc, other, si, s_start, s_end)
        out.append((cand, ranked))
        made.append(one)
    # The document-level pass reads every other claim's first pick: all are resolved first.
    if doc.ranker.document:
        out = _second_pass(doc, out, made)
    k = next((i for i, one in enumerate(made) if one.m is m), None)
    if k is None:
        return None
    mine = out[k][0]
    if not mine.unit and not mine.alternatives.get("unit"):
        # 45大类 selected, read as 45 with no unit: 大类 is the unit's alternative.
        tail = selected_unit_alternative(simplified(text[start:end]), number_end)
        if tail:
            unit_alt = [{"text": tail, "start": None, "end": None, "score": None}]
            mine = mine.replaced(alternatives={**mine.alternatives, "unit": unit_alt})
    elif mine.unit and number_end < len(selection):
        # 一个礼拜 selected, read as 一个: what the selection holds after the unit (礼拜) is
        # one more alternative of the unit, a pick away.
        tail = selected_unit_alternative(selection, number_end)
        listed = [o.get("text") for o in mine.alternatives.get("unit", [])]
        if tail and tail != mine.unit and tail not in listed:
            extra = {"text": tail, "start": None, "end": None, "score": None}
            units = [*mine.alternatives.get("unit", []), extra]
            mine = mine.replaced(alternatives={**mine.alternatives, "unit": units})
    others = out[:k] + out[k + 1 :]
    # Its neighbours are the candidates the extractor proposes around it (screened as
    # extract screens them), as for a candidate of its own.
    cands = [c for c, _ in screen_lookalikes(doc.norm, others, doc.ranker.lookalike)]
    k = bisect.bisect_left([(c.start, c.end) for c in cands], (mine.start, mine.end))
    cands.insert(k, mine)
    cands = [_as_written(doc, c) for c in cands]
    return _with_neighbours(cands, k)


def _place(made: _Made) -> Place:
    return Place(made.si, made.paragraph, made.ci)


def _second_pass(
    doc: _Doc, out: list[tuple[Candidate, dict[str, list[Option]]]], made: list[_Made]
) -> list[tuple[Candidate, dict[str, list[Option]]]]:
    """The document-level pass (:mod:`extractor.docrank`): each field the model has a second
    pass for is re-ranked from the first pass's scores and the other claims' first picks,
    and every candidate is finished again from its re-ranked options."""
    ranker = doc.ranker
    assert ranker is not None
    places = [_place(one) for one in made]
    reranked = [dict(ranked) for _, ranked in out]
    for name in sorted(ranker.document):
        lists = []
        for _, ranked in out:
            opts = ranked.get(name) or []
            # Canonical order, as training reads them: ties of the first pass go to the first.
            lists.append([opts[i] for i in canonical_order(opts)])
        rows = stack_rows(
            places,
            [[o.text for o in opts] if opts else None for opts in lists],
            [[o.logit for o in opts] if opts else None for opts in lists],
        )
        for k, (opts, r) in enumerate(zip(lists, rows, strict=True)):
            if r is not None:
                reranked[k][name] = ranker.rerank(opts, r, name)
    result: list[tuple[Candidate, dict[str, list[Option]]]] = []
    before: _Made | None = None
    for (cand, _), ranked, one in zip(out, reranked, made, strict=True):
        if "predicate" in ranker.document:
            shared = before.chosen_pred if one.shared and before is not None else None
            _choose_predicate(ranker, one, ranked["predicate"], shared or one.shared_output)
        if set(ranker.document) == {"time"}:
            result.append((_refinish_time(doc, one, cand, ranked), ranked))
        else:
            result.append((_finish(doc, one, ranked), ranked))
        before = one
    return result


def _refinish_time(
    doc: _Doc, made: _Made, cand: Candidate, ranked: dict[str, list[Option]]
) -> Candidate:
    """:func:`_finish` when only the time was re-ranked: the candidate's time and its runners-up
    replaced, the rest kept (the same candidate, for a third of the cost)."""
    assert doc.ranker is not None
    time = made.time
    if doc.ranker.ranks("time") and ranked["time"]:
        time = made.time_of[id(ranked["time"][0])]
    text = doc.text
    chosen = text[time.start : time.end] if time else ""
    found = _alts(
        chosen,
        (
            (text[o.start : o.end] if o.start >= 0 else o.text, _pos(o.start), _pos(o.end), o.score)
            for o in ranked["time"]
        ),
        keep_empty=True,
        limit=MAX_ALTERNATIVES.get("time", ALTERNATIVES),
    )
    alts = {**cand.alternatives, "time": found}
    alternatives = {k: v for k, v in alts.items() if v}
    return cand.replaced(
        time_text=chosen,
        time=doc.normalised(time.text) if time else "",
        time_start=time.start if time else None,
        time_end=time.end if time else None,
        alternatives=alternatives,
    )


#: Tags of a numeral or measure word (辆车 is one such word in the tagger's dictionary).
_MEASURE_TAGS = frozenset({"m", "q", "mq"})


#: Tags of the common words a measure word can be glued into (方面, 元素, 位置): only such a
#: word overrides the measure word; an abbreviation or a name (家小微: 家小 is a slip of the
#: tagger) does not.
_COMMON_WORD_TAGS = frozenset({"n", "v", "vn", "a", "ad", "an", "d", "f"})


def _glued_measure(flag: str, s: int, e: int, end: int) -> bool:
    """A word across the end of a mention that still leaves its measure word a measure word:
    a numeral-and-measure word (辆车), a longer word the measure word opens (部手机), or a word
    that is no common word (家小 in 102家小微租户)."""
    return flag in _MEASURE_TAGS or (s == end - 1 and e - s >= 3) or flag not in _COMMON_WORD_TAGS


def _measure_and_noun(norm: str, m: Mention, word: str) -> bool:
    """A measure word fused by the tagger with the noun it counts (312套房源:
    ``data/measure_noun_words.tsv``) still measures, unless a numeral 一 or 二 makes it a
    determiner or an ordinal (一套房子, 二套房贷)."""
    core = m.core_start if m.core_start >= 0 else m.start
    return word in lexicon.word_set("measure_noun_words") and norm[core : m.end - 1] not in (
        "一",
        "二",
        "1",
    )


#: Tags of the words a numeral may stand inside and still count: measure words and set
#: phrases (增加一倍).
_NUMBER_WORD_TAGS = frozenset({"q", "mq", "l"})


def _inside_word(doc: _Doc, m: Mention) -> bool:
    """A Chinese numeral and its measure word inside a longer word of the tagger's dictionary
    (four characters or more, reaching past the quantity on one side at least): an idiom
    (十年如一日, 三番五次, 成千上万) or a name (连中三元), not a quantity. Measure words and set
    phrases (增加一倍: :data:`_NUMBER_WORD_TAGS`) still count."""
    core = m.core_start if m.core_start >= 0 else m.start
    if m.rule == "manual" or m.rule.startswith("rank") or doc.norm[core : core + 1].isdigit():
        return False  # (a span the reviewer chose is kept as chosen; 名列第一 is a rank)
    si = doc.sentence_of(m.start)
    clause = next((c for c in doc.clauses(si) if c[0] <= core < c[1]), None)
    if clause is None:
        return False
    return any(
        s <= m.start
        and m.end <= e
        and (s < m.start or m.end < e)
        and e - s >= 4
        and flag not in _NUMBER_WORD_TAGS
        for _, flag, s, e in doc.tokens(clause)
    )


#: Tags of the closed classes no measure word belongs to: pronouns (5该, 19万这套), prepositions
#: (3按确定键), conjunctions, adverbs, localisers (进入山洞1里), particles, modal words and
#: interjections. A character the tagger reads as one of them after a number is the next word,
#: not the number's unit.
_FUNCTION_TAGS = frozenset({"r", "p", "c", "d", "f", "y", "e"})


def _function_tag(flag: str) -> bool:
    """A tag of a closed class of function words (:data:`_FUNCTION_TAGS`; every particle,
    ``u`` and its subclasses ``uj``, ``ul``…)."""
    return flag in _FUNCTION_TAGS or flag.startswith("u")


#: What may follow a measure word at the end of its clause.
_CLAUSE_END_CHARS = frozenset("，。；！？、,;!?）)")


def _shape_word(norm: str, m: Mention, flag: str, s: int, e: int) -> bool:
    """Whether the tagger's word ``s:e`` leaves the unknown measure word ending ``m`` a
    measure word: a word of its own that is no function word (8幅作品; not 3按确定键; a
    preposition with the clause's end after it has no object, 注射6针。), or one glued to the
    scale word before it into a numeral (3594亿块: jieba's ``m``)."""
    if e != m.end:
        return False
    if s == m.end - 1:
        return not _function_tag(flag) or (flag == "p" and norm[e : e + 1] in _CLAUSE_END_CHARS)
    return s == m.end - 2 and norm[s] in "万亿" and flag in _MEASURE_TAGS


def _clause_at(doc: _Doc, si: int, pos: int) -> tuple[int, int] | None:
    """The clause of sentence ``si`` holding ``pos`` (found by bisection: a sentence of
    thousands of clauses stays linear), None when none does."""
    clauses = doc.clauses(si)
    k = bisect.bisect_right(clauses, pos, key=lambda c: c[0]) - 1
    return clauses[k] if k >= 0 and clauses[k][0] <= pos < clauses[k][1] else None


def _words_over(toks: Sequence[Token], pos: int) -> Sequence[Token]:
    """The tagged words among ``toks`` (in text order) that hold the character at ``pos``,
    with a word on each side: every word that ends right after ``pos`` or holds it (found by
    bisection: a clause of thousands of quantities stays linear)."""
    k = bisect.bisect_right(toks, pos, key=lambda t: t[2])
    return toks[max(0, k - 2) : k + 1]


def _confirm_measure_shapes(doc: _Doc) -> None:
    """Keep an unknown measure word read after a number (8幅作品) only where the tagger leaves
    it standing alone, and not as a function word (:func:`_function_tag`: 3按确定键, 5该项目):
    9.5篮板, 300指数 and 20世纪 glue the character into a longer word. A
    known one-character measure word with a character after it (``check_glue``) is dropped
    where the tagger reads it as the start of the next word (两元素, 3方面). A Chinese numeral
    inside a longer word of the tagger (十年如一日, 连中三元, 成千上万: an idiom or a name) is
    no number (:func:`_inside_word`)."""
    keep = []
    for m in doc.mentions:
        if _inside_word(doc, m):
            continue
        if m.rule == MEASURE_SHAPE:
            si = doc.sentence_of(m.start)
            clause = _clause_at(doc, si, m.start)
            if clause is None or not any(
                _shape_word(doc.norm, m, flag, s, e)
                for _, flag, s, e in _words_over(doc.tokens(clause), m.end - 1)
            ):
                if m.fallback is not None:
                    keep.append(m.fallback)
                continue
        elif m.check_glue:
            # A known one-character measure word glued to what follows (两元素, 3方面): the
            # character starts a word, it measures nothing.
            si = doc.sentence_of(m.start)
            clause = _clause_at(doc, si, m.start)
            # m.end must end a word, as for an unknown measure word; a word of three or more
            # characters opened by the measure word (部手机: the measure word and the noun it
            # counts, in the tagger's dictionary) still counts.
            if clause is not None and not any(
                e == m.end
                or (s <= m.end - 1 < e and _glued_measure(flag, s, e, m.end))
                or (s == m.end - 1 and _measure_and_noun(doc.norm, m, word))
                for word, flag, s, e in _words_over(doc.tokens(clause), m.end - 1)
            ):
                continue
        keep.append(m)
    doc.mentions = keep
    doc.mention_starts = [m.start for m in keep]


def _names(doc: _Doc, si: int) -> list[ner.Entity]:
    """The NER backend's names in sentence ``si`` (tagged once per document)."""
    got = doc.names.get(si)
    if got is None:
        assert doc.ner is not None
        s, e = doc.sentences[si]
        got = doc.names[si] = ner.entities(doc.ner, doc.norm[s:e], s)
    return got


def _entity_table(doc: _Doc) -> EntityTable:
    """The table starts with the names of the headline (the first sentence) and the
    transliterated names of the whole text; the clauses read for each claim join it as they
    are tagged, so the table costs no extra tagging."""
    headline_end = doc.sentences[0][1]
    table = EntityTable(doc.norm, headline_end)
    table.add_shapes()
    for span in doc.clauses(0):
        table.add_clause(doc.tokens(span), doc.times_in(span))
        table.add_headline(doc.tokens(span))
    return table


#: How many runners-up a claim keeps of a field: the subject as many as the review card
#: numbers (digits 1-9), the others 5 (:data:`ALTERNATIVES`). 5-fold CV on the training part
#: (246 articles, ``bench/alt_ranks.py``): the right subject is runner-up 6-9 for 45 of 1,858
#: claims (1-5 for 499); a right predicate or time is never further than runner-up 5.
MAX_ALTERNATIVES = {"subject": 9}
#: How many runners-up a field not in :data:`MAX_ALTERNATIVES` keeps.
ALTERNATIVES = 5


def _whole_aliases(doc: _Doc, options: list[Option]) -> list[Option]:
    """Subject options less the pieces of a defined alias (中国人, 人保 of （简称“中国人保”）: the
    tagger's words inside a written alias, which names one organisation whole). The ranker's
    choice is made before: only the runners-up lose them."""
    defined = doc.roles.aliases if doc.roles is not None else {}
    aliases = [a for a in defined if len(a) >= 2]
    if not aliases:
        return options
    norm = doc.norm

    def piece(o: Option) -> bool:
        if o.start < 0 or o.text in defined:
            return False
        for a in aliases:
            lo = max(0, o.end - len(a))
            at = norm.find(a, lo, o.start + len(a))
            if 0 <= at <= o.start and o.end <= at + len(a):
                return True
        return False

    return [o for o in options if not piece(o)]


def _alts(
    chosen: str,
    options: Iterable[tuple[str, int | None, int | None, float]],
    keep_empty: bool = False,
    limit: int = ALTERNATIVES,
) -> list[dict]:
    """Runners-up as stored with a claim: best first, the chosen text and repeats left out,
    at most ``limit``. An empty option is left out too, unless ``keep_empty`` (time: "no time"
    is a reading a reviewer picks, when the choice is a time)."""
    out: list[dict] = []
    seen = {chosen}
    for text, start, end, score in options:
        if (text or keep_empty) and text not in seen:
            seen.add(text)
            if not text:
                start = end = None
            out.append({"text": text, "start": start, "end": end, "score": round(score, 4)})
            if len(out) == limit:
                break
    return out


#: How many values of the candidates nearest a claim, on each side, join its subject and
#: predicate alternatives (:func:`with_neighbours`), and how many candidates on each
#: side are looked at for them (so the pass stays linear in the number of candidates).
NEIGHBOURS = 2
NEIGHBOUR_WINDOW = 8
#: The neighbours' values come after the ranker's first few runners-up.
RANKED_FIRST = 5
#: The fields that take their neighbours' values: the candidate's attributes of the value
#: and its offsets.
NEIGHBOUR_FIELDS = {
    "subject": ("subject", "subject_start", "subject_end"),
    "predicate": ("predicate", "predicate_start", "predicate_end"),
}
#: At most this many alternatives of a field, neighbours included (what the card numbers).
MAX_SHOWN = 9


def _distinct(cands: Iterable[Candidate], attr: str, have: set[str]) -> list[Candidate]:
    """The first :data:`NEIGHBOURS` candidates of ``cands`` (at most
    :data:`NEIGHBOUR_WINDOW` looked at) whose ``attr`` is not empty, not in ``have`` and not
    that of one taken before."""
    out: list[Candidate] = []
    seen = set(have)
    for n, c in enumerate(cands):
        if n == NEIGHBOUR_WINDOW or len(out) == NEIGHBOURS:
            break
        value = getattr(c, attr)
        if value and value not in seen:
            seen.add(value)
            out.append(c)
    return out


def _with_neighbours(cands: list[Candidate], i: int) -> Candidate:
    """Candidate ``i`` of ``cands`` (one document's, in text order) with its neighbours'
    subjects and predicates among its alternatives (see :func:`with_neighbours`)."""
    c = cands[i]
    changed: dict[str, list[dict]] = {}
    for name, (attr, a_start, a_end) in NEIGHBOUR_FIELDS.items():
        ranked = c.alternatives.get(name, [])
        have = {getattr(c, attr), *(a["text"] for a in ranked)}
        before = _distinct(reversed(cands[max(0, i - NEIGHBOUR_WINDOW) : i]), attr, have)
        after = _distinct(cands[i + 1 : i + 1 + NEIGHBOUR_WINDOW], attr, have)
        extra: list[dict] = []
        taken: set[str] = set()
        for n in range(NEIGHBOURS):
            for side in (before, after):
                if n < len(side) and getattr(side[n], attr) not in taken:
                    o = side[n]
                    taken.add(getattr(o, attr))
                    extra.append(
                        {
                            "text": getattr(o, attr),
                            "start": getattr(o, a_start),
                            "end": getattr(o, a_end),
                            "score": None,
                        }
                    )
        if extra:
            changed[name] = [*ranked[:RANKED_FIRST], *extra, *ranked[RANKED_FIRST:]][:MAX_SHOWN]
    if not changed:
        return c
    fill: dict[str, object] = {}
    taken_pred = changed.get("predicate")
    if not c.predicate and not c.alternatives.get("predicate") and taken_pred:
        # No reading of the claim's own clause was offered (a list item in brackets, 圣蓝矿场
        # (7级)、圣蓝农场(7级); a name the tagger took for a person): the predicate of the
        # nearest claim around it, before first, as the list's items share it.
        first, *rest = taken_pred
        fill = {
            "predicate": first["text"],
            "predicate_start": first["start"],
            "predicate_end": first["end"],
        }
        changed["predicate"] = rest
        if not rest:
            del changed["predicate"]
    return c.replaced(alternatives={**c.alternatives, **changed}, **fill)


def with_neighbours(
    pairs: list[tuple[Candidate, dict[str, list[Option]]]],
) -> list[tuple[Candidate, dict[str, list[Option]]]]:
    """One document's candidates (text order), each with the subjects and the predicates
    chosen for its nearest neighbours among its alternatives of those fields: up to
    :data:`NEIGHBOURS` distinct values on each side (nearest first, before and after in
    turn) that are neither its own value nor among its runners-up, placed after the ranker's
    first :data:`RANKED_FIRST` (so they push out its runners-up 6-9 first), at most
    :data:`MAX_SHOWN` in all, with the neighbour's offsets and no score (``null``: they are
    not ranked). A report names the same few subjects claim after claim, and the items of a
    list share a verb: a value the ranker missed is often one chosen next door. On the
    training part (in-sample), of 857 wrong subjects a right one among the runners-up goes
    from 370 (the ranker's 9) to 440; of 368 wrong predicates 64 of the 227 with no right
    runner-up get one. A claim whose own clause offered no predicate at all takes the first
    of its neighbours' as its predicate (the list's items share it: right for 24 of 108 such
    training claims, none of which had a right one before). ``fields`` (the ranked options)
    are left as they are."""
    cands = [c for c, _ in pairs]
    return [(_with_neighbours(cands, i), fields) for i, (_, fields) in enumerate(pairs)]


#: Brackets that open an aside, and the mark closing each.
_ASIDE_CLOSE = {"（": "）", "(": ")"}
#: The longest aside after a quantity whose clause goes on after it (characters).
_ASIDE_LENGTH = 60


def _with_aside_continued(
    doc: _Doc, clauses: list[tuple[int, int]], ci: int, tokens: list[Token], q_end: int
) -> list[Token]:
    """The tokens a quantity's predicate is read in: its clause's, and where the quantity ends
    the clause before a bracketed aside and the clause goes on right after the bracket
    closes (甲队以2比0（21比18、21比15）击败乙队: the set scores are the aside), the words after
    it too (clauses are split at brackets)."""
    end = clauses[ci][1]
    norm = doc.norm
    close = _ASIDE_CLOSE.get(norm[end : end + 1])
    if close is None or norm[q_end:end].strip():
        return tokens
    k = norm.find(close, end + 1, end + 1 + _ASIDE_LENGTH)
    if k < 0:
        return tokens
    after = next((c for c in clauses[ci + 1 :] if c[0] == k + 1), None)
    if after is None:
        return tokens
    return [*tokens, *doc.tokens(after)]


def _candidate(
    doc: _Doc, m: Mention, si: int, s_start: int, s_end: int
) -> tuple[Candidate, dict[str, list[Option]], _Made]:
    clauses = doc.clauses(si)
    ci = 0
    for i, (cs, ce) in enumerate(clauses):
        if cs <= m.core_start < ce or cs <= m.start < ce:
            ci = i
            break
    clause = clauses[ci]
    tokens = _split_glued(doc.tokens(clause), m.start)
    roles = doc.roles
    assert roles is not None

    subj_phrase: Phrase | None = None
    attr: Phrase | None = None
    subject = ""
    confidence = m.confidence
    if m.subject_hint:
        hint = m.subject_hint
        subject = roles.resolve(hint)
        subj_phrase = Phrase(hint, m.subject_hint_start, m.subject_hint_start + len(hint))
    else:
        found = roles.clause_subject(tokens, doc.times_in(clause), limit=m.start)
        if found is not None:
            subj_phrase, attr = found
        else:
            subj_phrase = _bracket_subject(doc, clause, tokens)
            if subj_phrase is None:
                subj_phrase = _carry(doc, si, ci)
                if subj_phrase is not None:
                    confidence -= 0.05
        if subj_phrase is not None:
            subject = roles.resolve(subj_phrase.text)
            roles.register(subject)
    # The predicate is read after the mention the clause rules found, whatever the ranker picks.
    rule_phrase = subj_phrase
    options: list[Option] = []
    if not m.subject_hint:
        assert doc.table is not None and doc.ranker is not None
        rule_choice = None
        if subject:
            at = subj_phrase.start if subj_phrase is not None else -1
            end = subj_phrase.end if subj_phrase is not None else -1
            rule_choice = (subject, at, end)
        subject_opts = subject_options(
            norm=doc.norm,
            q_start=m.start,
            kind=m.kind,
            clause_index=ci,
            clauses=clauses,
            tokens_of=doc.tokens,
            resolve=roles.resolve,
            table=doc.table,
            rule_choice=rule_choice,
            # ---- issue 12 (linear in document length): only the time spans of this
            # sentence, the only clauses subject_options reads; the whole document's made
            # each claim cost grow with the document (9.3x on 638,400 characters).
            time_spans=doc.times_in((clauses[0][0], clauses[-1][1])),
            previous=doc.previous,
            q_end=m.end,
            earlier=_earlier_clauses(doc, si),
            frequent=_frequent_subjects(doc),
            tokens_near=doc.tokens_near,
            team_result=m.rule in _TEAM_RESULT_RULES or m.unit in team_result_units(),
            number_spans=doc.numbers_in((clauses[0][0], clauses[-1][1])),
        )
        if doc.ner is not None:
            table = doc.table
            subject_opts = ner.add_options(
                subject_opts,
                _names(doc, si),
                _names(doc, 0) if si else (),
                m.start,
                clause,
                s_start,
                lambda text: _base_features(text, None, table),
            )
            for o in subject_opts:
                if o.features.get("ner_new"):
                    # The words of the names NER adds, as those of every other option.
                    o.features.update(
                        word_shape(doc.norm, o.text, o.start, o.end, doc.tokens_near, table)
                    )
        if roles.aliases:
            subject_opts = _full_names(subject_opts, roles.aliases)
        _mark_sources(doc, clauses, ci, m.start, subject_opts)
        if any(o.text.startswith(_SCOPE_STARTS) for o in subject_opts):
            subject_opts = _scope_names(subject_opts, doc.scope_names())
        add_context(subject_opts, doc.norm, doc.tokens_near)
        options = _past_source(
            doc, clauses, ci, m.start, _items_first(doc.ranker.rank(subject_opts, kind=m.kind))
        )
        if subject and subj_phrase is not None:
            doc.subject_counts[subject] = doc.subject_counts.get(subject, 0) + 1
            doc.subject_at[subject] = (subj_phrase.start, subj_phrase.end)
    # History features read the clause rules' choices, never the ranker's: the options of a
    # claim are then the same whatever model extracts, so training is a pure function of its
    # data (issue 11) and inference sees the features training saw.
    if subject:
        at = subj_phrase.start if subj_phrase is not None else -1
        doc.previous = (subject, at, subj_phrase.end if subj_phrase is not None else -1)
    made = _Made(m, si, ci, s_start, s_end, subject, subj_phrase, confidence)

    after_subject = clause[0]
    if rule_phrase is not None and clause[0] <= rule_phrase.start < clause[1]:
        after_subject = rule_phrase.end
    # Words before an earlier quantity of the clause govern that one (14分6个篮板).
    k = bisect.bisect_left(doc.mention_starts, m.start) - 1
    if k >= 0 and doc.mentions[k].end > after_subject and doc.mentions[k].end <= m.start:
        after_subject = max(after_subject, doc.mentions[k].end)
        if _LIST_GAP_RE.fullmatch(doc.norm, doc.mentions[k].end, m.start):
            # 6间睡房、5间浴室: the noun after the earlier quantity is its own, not this one's.
            after_subject = m.start
        elif (
            m.kind in TALLY_KINDS
            and doc.mentions[k].kind in TALLY_KINDS
            and _counted_after(tokens, m.end)
            and _nouns_between(tokens, doc.mentions[k].end, m.start)
        ):
            # 8个篮板3次助攻: the earlier quantity's noun, when this one names its own.
            after_subject = m.start
    pred, obj = predicate_and_object(tokens, m.start, m.end, after_subject, m.unit, m.kind)
    if pred is None and attr is not None:
        pred = attr
    shared = False
    shared_output: Phrase | None = None
    if doc.previous_pred is not None:
        # Each item of a list sharing one verb gets the verb (同比增长1.0%、6.0%): the
        # rules' one as the option, the one chosen for the item before as the output.
        prev_end, prev_pred, shared_output = doc.previous_pred
        if (
            prev_end <= m.start
            and _LIST_SEP_RE.fullmatch(doc.norm, prev_end, m.start)
            and own_measure(doc.norm, m.start, m.end) is None
            and not _counted_after(tokens, m.end)
        ):
            pred = prev_pred
            shared = True
    carried: Phrase | None = None
    # The predicate chosen for the quantity before, an item of the same list (跌幅较小，分别为
    # 5.4%、6.1%): offered when this item has no option of its own.
    list_fallback: Phrase | None = None
    if doc.previous_chosen is not None and doc.previous_chosen[0] <= m.start:
        f_end, f_pred = doc.previous_chosen
        k_end = bisect.bisect_left(tokens, m.end, key=lambda t: t[2])
        if _LIST_SEP_RE.fullmatch(doc.norm, f_end, m.start) or (
            s_start <= f_end <= clause[0]
            and not any(_is_verb(t) for t in _before(tokens, m.start))
            and not any(_is_verb(t) for t in tokens[k_end : k_end + 8])
        ):
            list_fallback = f_pred
    if not shared and doc.previous_pred is not None:
        # An item of a list whose clause names only the item (其中A 498亿元，B 187亿元): the
        # predicate of the quantity before it in the sentence is an option.
        prev_end, prev_pred, _ = doc.previous_pred
        k_end = bisect.bisect_left(tokens, m.end, key=lambda t: t[2])
        if (
            s_start <= prev_end <= clause[0]
            and not any(_is_verb(t) for t in _before(tokens, m.start))
            and not any(_is_verb(t) for t in tokens[k_end : k_end + 8])
        ):
            carried = prev_pred
    # A quantity opening its clause (…总价款大幅增加，达5亿元): the clause before is read too.
    k_lead = bisect.bisect_right(tokens, m.start, key=lambda t: t[3])
    opens = (
        ci > 0
        and k_lead <= 4
        and all(t[0] in _DROP_BEFORE or t[1] in ("x", "ul", "uj") for t in tokens[:k_lead])
    )
    label_m = _LABEL_RE.search(doc.norm, max(0, m.start - 14), m.start)
    label = None
    if label_m is not None:
        g = 1 if label_m.group(1) else 2
        label = Phrase(label_m.group(g), label_m.start(g), label_m.end(g))
    assert doc.ranker is not None
    pred_found = predicate_options(
        norm=doc.norm,
        tokens=_with_aside_continued(doc, clauses, ci, tokens, m.end),
        q_start=m.start,
        q_end=m.end,
        after_subject=after_subject,
        rule=pred,
        shared=shared,
        kind=m.kind,
        time_spans=doc.time_spans,
        label=label,
        carried=carried,
        previous_clause=doc.tokens(clauses[ci - 1]) if opens else (),
    )
    add_context(pred_found, doc.norm)
    pred_options = doc.ranker.rank(pred_found, "predicate", m.kind)
    if (
        not pred_options
        and not shared
        and carried is None
        and list_fallback is not None
        and not (options and options[0].text == list_fallback.text)  # who, never what
    ):
        f = {"list_carried": 1.0, "length": min(len(list_fallback.text), 20) / 10}
        pred_options = [Option(list_fallback.text, list_fallback.start, list_fallback.end, f)]
    # A list item passes on the list's predicate, not its own choice (the rules' one to the
    # next item's options, the chosen one to its output).
    list_pred = carried if carried is not None else pred
    made.pred, made.shared, made.carried, made.obj = pred, shared, carried, obj
    chosen_pred = _choose_predicate(doc.ranker, made, pred_options, shared_output)
    doc.previous_chosen = (m.end, chosen_pred) if chosen_pred is not None else None
    doc.previous_pred = (m.end, list_pred, chosen_pred) if list_pred is not None else None

    time = _governing_time(doc, m, s_start, clause)
    if time is None:
        time = _carried_period(doc, si)
    para_start = doc.paragraph_start(s_start)
    if doc.genre is None:
        doc.genre = document_genre(
            doc.norm, doc.times, [q.kind for q in doc.mentions], doc.sentences
        )
    time_pairs = time_options(
        norm=doc.norm,
        times=doc.times,
        time_spans=doc.time_spans,
        sentences=doc.sentences,
        mention_starts=doc.mention_starts,
        q_start=m.start,
        q_end=m.end,
        si=si,
        clause=clause,
        rule=time,
        kind=m.kind,
        headline_end=doc.sentences[0][1],
        para_start=para_start,
        static=doc.time_features,
        previous=(
            doc.previous_time[1]
            if doc.previous_time is not None and doc.previous_time[0] >= para_start
            else None
        ),
        genre=doc.genre,
    )
    for t, o in time_pairs:
        if t is not None:
            # The option carries the text as written (2009／2010学年), as the claim will.
            o.text = doc.text[t.start : t.end]
    made.time_of = {id(o): t for t, o in time_pairs}
    time_found = [o for _, o in time_pairs]
    add_context(time_found, doc.norm)
    time_ranked = doc.ranker.rank(time_found, "time", m.kind)
    doc.previous_time = (m.start, (time.start, time.end) if time is not None else (-1, -1))
    made.time = time
    made.shared_output = shared_output
    made.paragraph = bisect.bisect_left(doc.newlines, m.start)
    ranked = {"subject": options, "predicate": pred_options, "time": time_ranked}
    # When the second pass re-ranks the time alone, it replaces the time's runners-up
    # (:func:`_refinish_time`): the first pass leaves them out.
    time_later = doc.ranker.document.keys() == {"time"}
    return _finish(doc, made, ranked, time_later), ranked, made


class _Made:
    """What the clause rules found for one claim, kept so that the claim can be finished
    again from re-ranked options (:func:`_finish`, the document-level second pass)."""

    def __init__(
        self,
        m: Mention,
        si: int,
        ci: int,
        s_start: int,
        s_end: int,
        subject: str,
        subj_phrase: Phrase | None,
        confidence: float,
    ):
        self.m, self.si, self.ci, self.s_start, self.s_end = m, si, ci, s_start, s_end
        self.subject, self.subj_phrase, self.confidence = subject, subj_phrase, confidence
        self.pred: Phrase | None = None
        self.shared = False
        self.carried: Phrase | None = None
        self.obj: Phrase | None = None
        #: The predicate chosen for the claim before, which a list item sharing its verb takes.
        self.shared_output: Phrase | None = None
        self.time: TimeExpr | None = None
        self.time_of: dict[int, TimeExpr | None] = {}
        self.paragraph = 0
        #: The predicate chosen for this claim, and the one it passes on to the next item of
        #: a list (set by _choose_predicate).
        self.chosen: Phrase | None = None
        self.chosen_pred: Phrase | None = None


def _nouns_between(tokens: list[Token], start: int, end: int) -> bool:
    """Whether the words from ``start`` to ``end`` are nouns only (at least one)."""
    k = bisect.bisect_left(tokens, start, key=lambda t: t[2])
    j = bisect.bisect_left(tokens, end, key=lambda t: t[2])
    span = tokens[k:j]
    return (
        bool(span)
        and span[0][2] == start
        and span[-1][3] == end
        and all(t[1] in COUNTED_TAGS for t in span)
    )


def _counted_after(tokens: list[Token], end: int) -> bool:
    """Whether a noun follows a quantity right where it ends: the list item names what it
    counts itself (9分、11个篮板、2.5次助攻), so it does not share the list's first verb."""
    k = bisect.bisect_left(tokens, end, key=lambda t: t[2])
    return k < len(tokens) and tokens[k][2] == end and tokens[k][1] in COUNTED_TAGS


def _choose_predicate(
    ranker: Ranker, made: _Made, pred_options: list[Option], shared_output: Phrase | None
) -> Phrase | None:
    """The claim's predicate (stored on ``made``) and the one it passes on to a list item
    after it."""
    pred = made.pred
    if ranker.ranks("predicate") and pred_options and not made.shared:
        best = pred_options[0]
        pred = Phrase(best.text, best.start, best.end)
    elif ranker.ranks("predicate") and not made.shared and made.carried is None:
        # Every reading was refused (a piece of a name, a time, a dateline: 达拉 of
        # 伊戈达拉): no predicate rather than the clause rules' refused one.
        pred = None
    elif made.shared and shared_output is not None:
        pred = shared_output
    made.chosen = pred
    made.chosen_pred = made.carried if made.carried is not None else pred
    return made.chosen_pred


#: How far back from a change's starting value its 由/从 may stand (由去年同期的|38%), and how
#: far before 由 the attribute that changes may end (仓位还从, 高度拟将由).
_FROM_REACH = 10
_FROM_GAP = 3
_FROM_STOPS = "，,。；;、：:由从從"
_CHANGE_ENDS = ("至", "到", "为", "為")


def _change_start(
    pred: Phrase, text: str, start: int, end: int, pred_options: list[Option]
) -> Phrase:
    """The starting value of a change (平均耗时由17分钟缩短至6分钟, 仓位从一季度的68.39%加至…)
    is a value of the attribute written before 由/从, not of the verb of the change after it:
    a predicate that is that verb (right after the quantity, 至/到/为 ending it or after it)
    gives way to an option ending just before 由/从 (an attribute word's first)."""
    if (
        pred.start < end
        or pred.start - end > 1
        or not (pred.text.endswith(_CHANGE_ENDS) or text[pred.end : pred.end + 1] in _CHANGE_ENDS)
    ):
        return pred
    k = start - 1
    while k >= max(0, start - _FROM_REACH) and text[k] not in _FROM_STOPS:
        k -= 1
    if k < 0 or text[k] not in "由从從":
        return pred
    near = [
        o
        for o in pred_options
        if o.start >= 0 and o.end <= k and k - o.end <= _FROM_GAP and len(o.text) >= 2
    ]
    if not near:
        return pred
    ends = _ATTR_SUFFIXES
    best = max(near, key=lambda o: (o.text.endswith(ends), o.end, -len(o.text)))
    if best.text[-1] in _GLUED_ADVERBS:
        # An adverb the tagger glued to the attribute (高度拟|由, 年数则|由): left out, or
        # no reading when nothing is left.
        if len(best.text) < 3:
            return pred
        return Phrase(best.text[:-1], best.start, best.end - 1)
    return Phrase(best.text, best.start, best.end)


def _counted_over_scope(
    pred: Phrase, text: str, start: int, end: int, pred_options: list[Option]
) -> Phrase:
    """A word naming the whole a count is taken over, written right before it
    (``data/whole_scope_words.tsv``: 全国5万家家具生产企业, 全省31个贫困县, 覆盖全球200多个国家),
    or a verb of origin opening the words right before it (``data/origin_verbs.tsv``:
    来自5个国家), is the count's frame, not what it counts: the noun the quantity counts (an
    option right after it) is the predicate. Ranks (全国第一, 全球首家) keep it."""
    if pred.end != start or text[start:end].startswith(("第", "首")):
        return pred
    written = simplified(pred.text)
    if not (
        written.endswith(lexicon.words("whole_scope_words"))
        or written.startswith(lexicon.words("origin_verbs"))
    ):
        return pred
    counted = next((o for o in pred_options if o.start == end and o.features.get("counted")), None)
    if counted is None:
        return pred
    return Phrase(counted.text, counted.start, counted.end)


def _part_of_spec_unit(pred: Phrase, text: str, pred_options: list[Option]) -> Phrase:
    """A measure word of a part's specification (``data/part_spec_units.tsv``: 像素, 毫安时)
    chosen as what it measures (23万像素 | 像素), with the part named after the quantity and
    的 (23万像素的显示屏, 500万像素的摄像头): the predicate is the part's measure,
    written part first (显示屏像素), as the figure is that part's; a modifier of the unit
    (``data/unit_modifiers.tsv``: 有效) stays with it (CCD有效像素)."""
    if simplified(pred.text) not in lexicon.words("part_spec_units"):
        return pred
    chosen = next((o for o in pred_options if (o.start, o.end) == (pred.start, pred.end)), None)
    if chosen is None or not chosen.features.get("unit_word"):
        return pred
    head = next((o for o in pred_options if o.features.get("after_de") and o.start >= 0), None)
    if head is None:
        return pred
    measure = pred.text
    for word in lexicon.words("unit_modifiers"):
        if pred.start >= len(word) and text[pred.start - len(word) : pred.start] == word:
            measure = word + measure  # 1010万有效像素的CCD: CCD有效像素
            break
    return Phrase(head.text + measure, -1, -1)


#: One-character adverbs the tagger glues to a noun before 由/从 (高度拟由, 年数则由, 仓位已从).
_GLUED_ADVERBS = "拟将已则还也又均"


#: A win-loss record's losses (and draws) right after its wins: 41胜|21负, 16胜|6平6负.
_RECORD_REST = re.compile(r"(\d+[平和])?\d+[负負敗败]")


def _record_noun(pred: Phrase, text: str, end: int, pred_options: list[Option]) -> Phrase:
    """The wins of a record written N胜M负 (战绩为41胜21负) take the record's noun
    (``data/record_nouns.tsv``) when an option names it, rather than 胜 itself; so does a
    record the noun follows after 的 (取得14胜2负的战绩, 以2胜3负的小组赛战绩: the noun with the
    words between)."""
    if pred.text in ("胜", "勝"):
        rest = _RECORD_REST.match(text, end)
        after = rest.end() if rest else end
        if text.startswith("的", after):
            window = text[after + 1 : after + 12]
            for noun in lexicon.words("record_nouns"):
                k = window.find(noun)
                if k >= 0 and not any(ch in "，。；、,;" for ch in window[:k]):
                    return Phrase(window[: k + len(noun)], after + 1, after + 1 + k + len(noun))
    if pred.text not in ("胜", "勝") or not _RECORD_REST.match(text, end):
        return pred
    nouns = lexicon.words("record_nouns")
    named = [o for o in pred_options if o.text.endswith(nouns)]
    if not named:
        return pred
    best = min(named, key=lambda o: len(o.text))
    return Phrase(best.text, best.start, best.end)


def _without_ordinal_size(pred: Phrase, quantity: str, end: int) -> Phrase:
    """第一大贸易伙伴, 第三大生源国: the 大 after an ordinal is the ordinal's (the Nth
    largest), not the predicate's: a predicate written right after 第N that opens with it
    (大贸易伙伴) is read without it."""
    text = pred.text
    if quantity.startswith("第") and pred.start == end and len(text) >= 3 and text[0] == "大":
        return Phrase(text[1:], pred.start + 1, pred.end)
    return pred


def _attribute_of(pred: Phrase, subject: str, pred_options: list[Option]) -> Phrase:
    """A predicate that writes its owner before the measured attribute (网络文学市场规模,
    其不良贷款率, 全县茶园面积) is cut to that attribute when another option is the attribute
    alone: the words before it are the subject's (they share two characters with the subject,
    or open with a determiner of ``data/owner_determiners.tsv``) and are no sum or average
    (``data/not_subject_words.tsv``: 累计) and no linking verb with its object
    (``data/clause_verbs.tsv``: 占汽车总量). The shortest such option of two
    characters or more ending in an attribute word (``data/attribute_words.tsv``) wins."""
    text = pred.text
    if len(text) < 3:
        return pred
    ends = _ATTR_SUFFIXES
    cuts = [
        o
        for o in pred_options
        if 2 <= len(o.text) < len(text) and text.endswith(o.text) and o.text.endswith(ends)
    ]
    if not cuts:
        return pred
    best = min(cuts, key=lambda o: len(o.text))
    if best.text == subject:
        return pred
    owner = text[: len(text) - len(best.text)]
    shares = bool(subject) and (
        owner in subject
        or subject in owner
        or any(owner[i : i + 2] in subject for i in range(len(owner) - 1))
    )
    if owner.startswith(lexicon.words("owner_determiners")):
        pass
    elif not shares or simplified(owner).startswith(lexicon.words("not_subject_words")):
        # 累计经济成长率: a sum or an average of the attribute, not whose it is.
        return pred
    if simplified(owner).startswith(lexicon.words("clause_verbs")):
        # 占汽车总量: the words before the attribute are a share's verb and its base.
        return pred
    if pred.start >= 0 and not pred.start <= best.start < best.end <= pred.end:
        return Phrase(best.text, pred.end - len(best.text), pred.end)
    return Phrase(best.text, best.start, best.end)


def _finish(
    doc: _Doc, made: _Made, ranked: dict[str, list[Option]], time_later: bool = False
) -> Candidate:
    """The candidate of a claim from its ranked options (best first) of each field;
    ``time_later``: without the time's runners-up (the second pass gives them)."""
    m = made.m
    subject, subj_phrase = made.subject, made.subj_phrase
    options = ranked["subject"]
    if options and options[0].text != subject:
        best = options[0]
        subject = best.text
        subj_phrase = Phrase(best.text, best.start, best.end)
    confidence = made.confidence
    if not subject:
        confidence -= 0.1
    pred, obj = made.chosen, made.obj
    if pred is not None and subject and subject == pred.text:
        # A claim's subject is never its own predicate (震源深度 | 约6公里: what the quantity
        # measures is the predicate; the subject is whose it is): the next option that is not.
        other = next((o for o in options if o.text and o.text != pred.text), None)
        if other is not None:
            subject, subj_phrase = other.text, Phrase(other.text, other.start, other.end)
    elif (
        pred is not None
        and len(pred.text) > 1
        and subj_phrase is not None
        and subj_phrase.start <= pred.start
        and pred.end <= subj_phrase.end
        and _is_attr(pred.text)
        and not any(
            o.features.get("in_subject") or o.features.get("number_between")
            for o in ranked["predicate"]
            if (o.start, o.end) == (pred.start, pred.end)
        )
    ):
        # A measured attribute (a word, not one character) is the predicate or written in the
        # subject, never both (部分酒店入住率 | 入住率, 沪市日成交量的天数 | 天数): the best
        # option without it is whose it is. Not
        # when the clause rules' subject holds it (训练维持费和人员生活费 | 生活费: a list item)
        # or another number stands between (营收超过百亿的企业 | 营收: it measures that one).
        other = next((o for o in options if o.text and pred.text not in o.text), None)
        if other is not None:
            subject, subj_phrase = other.text, Phrase(other.text, other.start, other.end)
    if pred is not None:
        pred = _attribute_of(pred, subject, ranked["predicate"])
        pred = _without_ordinal_size(pred, doc.text[m.start : m.end], m.end)
        pred = _record_noun(pred, doc.text, m.end, ranked["predicate"])
        pred = _change_start(pred, doc.text, m.start, m.end, ranked["predicate"])
        pred = _counted_over_scope(pred, doc.text, m.start, m.end, ranked["predicate"])
        pred = _part_of_spec_unit(pred, doc.text, ranked["predicate"])
    time = made.time
    time_ranked = ranked["time"]
    assert doc.ranker is not None
    if doc.ranker.ranks("time") and time_ranked:
        time = made.time_of[id(time_ranked[0])]
    text = doc.text
    return Candidate(
        quantity_text=text[m.start : m.end],
        start=m.start,
        end=m.end,
        sentence_start=made.s_start,
        sentence_end=made.s_end,
        value=m.value,
        value_max=m.value_max,
        unit=m.unit,
        qualifier=m.qualifier,
        subject=subject,
        predicate=pred.text if pred else "",
        object=obj.text if obj else "",
        time_text=text[time.start : time.end] if time else "",
        time=doc.normalised(time.text) if time else "",
        kind=m.kind,
        confidence=round(max(0.05, min(confidence, 0.99)), 2),
        rule=m.rule,
        cue=m.cue,
        subject_start=subj_phrase.start if subj_phrase and subj_phrase.start >= 0 else None,
        subject_end=subj_phrase.end if subj_phrase and subj_phrase.start >= 0 else None,
        predicate_start=pred.start if pred and pred.start >= 0 else None,
        predicate_end=pred.end if pred and pred.start >= 0 else None,
        time_start=time.start if time else None,
        time_end=time.end if time else None,
        alternatives=_alternatives(
            doc,
            m,
            subject,
            pred,
            obj,
            time,
            options,
            ranked["predicate"],
            [] if time_later else time_ranked,
        ),
    )


def _alternatives(
    doc: _Doc,
    m: Mention,
    subject: str,
    pred: Phrase | None,
    obj: Phrase | None,
    time: TimeExpr | None,
    options: list[Option],
    pred_options: list[Option],
    time_options_: list[Option],
) -> dict[str, list[dict]]:
    """The ranked runners-up of each field (see :attr:`Candidate.alternatives`): the
    ranker's options best first, the chosen filler and empty options left out — but for time
    the empty option ("no time", text ``""``) keeps its place when a time was chosen."""
    out: dict[str, list[dict]] = {}
    options = _whole_aliases(doc, options)
    for name, chosen, opts in (
        ("subject", subject, options),
        ("predicate", pred.text if pred else "", pred_options),
        ("time", doc.text[time.start : time.end] if time else "", time_options_),
    ):
        found = _alts(
            chosen,
            (
                (
                    doc.text[o.start : o.end] if name == "time" and o.start >= 0 else o.text,
                    _pos(o.start),
                    _pos(o.end),
                    o.score,
                )
                for o in opts
            ),
            keep_empty=name == "time",
            limit=MAX_ALTERNATIVES.get(name, ALTERNATIVES),
        )
        if name == "subject":
            found = _with_scope(doc, m, subject, found, options)
            found = _with_bare_scope(doc, m, subject, found)
        if found:
            out[name] = found
    # Object: the other noun runs of the clause after the quantity, nearest first.
    si = doc.sentence_of(m.start)
    nouns: list[tuple[str, int | None, int | None, float]] = []
    for span in doc.clauses(si):
        if not (span[0] <= m.start < span[1]):
            continue
        toks = doc.tokens(span)
        lo = bisect.bisect_left(toks, m.end, key=lambda t: t[2])
        hi = bisect.bisect_left(toks, m.end + 30, key=lambda t: t[2])
        for word, flag, a, b in toks[lo:hi]:
            d = abs(a - m.end)
            if flag in ("n", "nz", "vn") and len(word) >= 2:
                nouns.append((word, a, b, 0.5 / (1 + d / 4)))
    nouns.sort(key=lambda x: -x[3])
    o_alts = _alts(obj.text if obj else "", nouns)
    if o_alts:
        out["object"] = o_alts
    # Unit: a rate's other reading (元 of 8300元/平方米 has 元/平方米), one pick away.
    surface = simplified(doc.text[m.start : m.end])
    other_unit = rate_unit_alternative(surface, m.unit, m.kind) or rank_unit_alternative(
        surface, m.unit, m.rule
    )
    if other_unit:
        out["unit"] = [{"text": other_unit, "start": None, "end": None, "score": None}]
    # Value: the other reading of a fraction, a ratio or a discount (三分之一: 33.333333 %).
    reading = value_reading_alternative(surface.translate(FULLWIDTH), m.value, m.unit, m.rule)
    if reading:
        out["value"] = [{**reading, "start": None, "end": None, "score": None}]
    return out


#: How many of a claim's written subject options near it are offered again after the
#: document's scope (汉江省 + 城镇常住居民), and where among the runners-up they go.
_SCOPED_OPTIONS = 2
_SCOPED_AT = 2


def _with_scope(
    doc: _Doc, m: Mention, chosen: str, found: list[dict], options: list[Option]
) -> list[dict]:
    """The subject's runners-up with the document's scope written before its nearest written
    options (汉江省城镇常住居民, 我国民营企业: a statistic's subject as annotators compose it from
    the report's place and the measured thing the sentence names), offered after the first
    :data:`_SCOPED_AT` runners-up. The scope is 我国 when the text writes it, else the place a
    scope word (全省, 全市) stands for; an option that already holds a place, a person or an
    organisation is left as it is. Runners-up only: the ranker's choice is unchanged."""
    scopes = doc.scopes()
    if not scopes:
        return found
    s_start, s_end = doc.sentences[doc.sentence_of(m.start)]
    have = {chosen, *(a["text"] for a in found)}
    composed: list[dict] = []
    for o in options:
        if len(composed) >= _SCOPED_OPTIONS * len(scopes):
            break
        f = o.features
        if not (s_start <= o.start < s_end) or not 2 <= len(o.text) <= 14:
            continue
        if f.get("person") or f.get("org") or f.get("source") or f.get("place"):
            continue
        for scope in scopes:
            text = scope + o.text
            if scope in o.text or _names_scope(o.text, scope) or text in have:
                continue
            if o.text.startswith(_NATIONAL):
                continue  # 我国 + 全国粮食 or 中国稀土: the country is named already
            have.add(text)
            composed.append({"text": text, "start": None, "end": None, "score": None})
    if not composed:
        return found
    limit = MAX_ALTERNATIVES["subject"]
    return (found[:_SCOPED_AT] + composed + found[_SCOPED_AT:])[:limit]


#: The words naming the whole country (data/national_scope_words.tsv): an option opening with
#: one is not composed with a scope; those marked ``alone`` are offered by themselves.
_NATIONAL = tuple(lexicon.words("national_scope_words"))
_NATIONAL_ALONE = tuple(w for w, use in lexicon.table("national_scope_words") if use == "alone")
#: How many sentences before the quantity's are read for a national scope word, and where among
#: the runners-up it goes (after the ranker's first ones and the scope's compositions).
_BARE_BACK = 2
_BARE_AT = 3


def _with_bare_scope(doc: _Doc, m: Mention, chosen: str, found: list[dict]) -> list[dict]:
    """The subject's runners-up with a national scope word (全国, 我国) written before the
    quantity, in its sentence or the :data:`_BARE_BACK` before it, offered by itself at
    :data:`_BARE_AT`: the report's figures are the country's (全国粮食播种面积17.64亿亩，…；
    粮食单产每亩387公斤: 全国), which the gold often names alone. Runners-up only: the ranker's
    choice is unchanged (as an option the ranker reads it was left out, session 25)."""
    si = doc.sentence_of(m.start)
    start = doc.sentences[max(0, si - _BARE_BACK)][0]
    have = {chosen, *(a["text"] for a in found)}
    bare: list[dict] = []
    for w in _NATIONAL_ALONE:
        at = doc.norm.rfind(w, start, m.start)
        if at >= 0 and w not in have:
            bare.append({"text": w, "start": at, "end": at + len(w), "score": None})
    if not bare:
        return found
    return (found[:_BARE_AT] + bare + found[_BARE_AT:])[: MAX_ALTERNATIVES["subject"]]


def _names_scope(text: str, scope: str) -> bool:
    """Whether ``text`` already names the scope's place: its name without the level character
    (上海 of 上海市) opens the text or the text is that name (上海市 + 上海 is no subject)."""
    name = scope[:-1] if len(scope) > 2 and scope[-1] in _LEVELS else scope
    return text.startswith(name) or name.startswith(text)


#: The characters that close a scope's place name (省, 市, 县: data/scope_place_words.tsv).
_LEVELS = frozenset(level for _, level in lexicon.table("scope_place_words"))


#: Sentences before the quantity's whose opening words are subject options, and how many
#: clauses of each.
_EARLIER_SENTENCES = 2
_EARLIER_CLAUSES = 3
#: How many of the document's most frequent rule subjects are options.
_FREQUENT = 2
#: The scope words (全市, 全省) a subject option may open with (data/scope_place_words.tsv).
_SCOPE_STARTS = tuple(lexicon.words("scope_place_words"))
#: Quantity rules whose claims are a team's result (a win-loss record, a score of two sides):
#: with a unit of ``data/team_result_units.tsv`` (5连败), they mark team subject options.
_TEAM_RESULT_RULES = frozenset({"sport.record", "score.pair", "score.teams"})


#: Characters that never stand in the name of a place the tagger split (从|市, 在|省).
_NOT_PLACE_CHARS = frozenset("从在于自向往到至对和与及的了是为将把被给也都已")


def _starts_word(words: list[str], at: int) -> bool:
    """Whether a word of ``words`` (the tagging of one text, in order) starts at ``at``."""
    pos = 0
    for w in words:
        if pos >= at:
            return pos == at
        pos += len(w)
    return False


def scope_places(norm: str) -> dict[str, str]:
    """Each scope word of ``data/scope_place_words.tsv`` (全市, 全省) mapped to the place of its
    level the text names most often (the first named on a tie): a name is the word the tagger writes
    ending with the level character (青州市, 广东省), or the word before the character
    (清河|市), or the two characters before it when the tagger split them (江|临|省) — never a
    word of ``data/not_place_words.tsv`` (城市, 超市, 节省)."""
    levels = {level for _, level in lexicon.table("scope_place_words")}
    if not any(level in norm for level in levels):
        return {}
    not_place = frozenset(lexicon.words("not_place_words"))
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in re.finditer("|".join(sorted(levels)), norm):
        level, at = m.group(), m.start()
        window = norm[max(0, at - 6) : at + 1]
        words = [w for w, _ in nlp.tag(window)]
        name = ""
        if words and words[-1].endswith(level) and len(words[-1]) >= 3:
            name = words[-1]
        elif words and words[-1] == level and len(words) >= 2 and len(words[-2]) >= 2:
            name = words[-2] + level
        elif (
            at >= 2
            and _starts_word(words, len(window) - 3)
            and not _NOT_PLACE_CHARS.intersection(norm[at - 2 : at])
        ):
            # two characters the tagger split (江|临|省, 甲|州市), never the end of a word and
            # a preposition (记者|从|市交通委)
            name = norm[at - 2 : at + 1]
        if (
            len(name) < 3
            or not all("\u4e00" <= ch <= "\u9fff" for ch in name)
            or name[-2:] in not_place
            or name in not_place
            or norm[at : at + 2] in not_place
        ):
            continue  # 城市, 超市; 消费|市场: the level opens a word that is no place's end
        counts[name] = counts.get(name, 0) + 1
        first.setdefault(name, at)
    out: dict[str, str] = {}
    for word, level in lexicon.table("scope_place_words"):
        names = [n for n in counts if n.endswith(level)]
        if names:
            out[word] = min(names, key=lambda n: (-counts[n], first[n]))
    return out


def _scope_names(opts: list[Option], places: dict[str, str]) -> list[Option]:
    """Subject options opening with a scope word (全市新建公共停车场) name the place it stands
    for (青州市新建公共停车场), merged with an option of that text as aliases are."""
    named: dict[str, str] = {}
    for o in opts:
        for word, place in places.items():
            if o.text.startswith(word):
                named[o.text] = place + o.text[len(word) :]
                break
    return _full_names(opts, named) if named else opts


def _full_names(opts: list[Option], aliases: dict[str, str]) -> list[Option]:
    """Subject options that are an alias the text defines (（以下简称“华锐智能”）) stand for the
    full name (GUIDELINE: aliases are resolved); where the full name is an option too, the two
    are one, with the flags of both and the features of the one nearer the quantity."""
    by_text = {o.text: o for o in opts}
    out: list[Option] = []
    for o in opts:
        full = aliases.get(o.text)
        if full is None or full == o.text:
            out.append(o)
            continue
        other = by_text.get(full)
        if other is None:
            o.text = full
            by_text[full] = o
            out.append(o)
            continue
        other.features, _ = merge_places(o.features, other.features)
    return out


def _earlier_clauses(
    doc: _Doc, si: int
) -> list[tuple[tuple[int, int], int, list[tuple[int, int]], int]]:
    """The first clauses of the few sentences before sentence ``si`` within its paragraph,
    each with how many sentences back it is, its time spans and where its first quantity
    starts (its end when it holds none). Once per sentence."""
    got = doc.earlier.get(si)
    if got is not None:
        return got
    out: list[tuple[tuple[int, int], int, list[tuple[int, int]], int]] = []
    doc.earlier[si] = out
    para = doc.paragraph_start(doc.sentences[si][0])
    for back in range(1, _EARLIER_SENTENCES + 1):
        sj = si - back
        if sj < 0 or doc.sentences[sj][1] <= para:
            break
        for span in doc.clauses(sj)[:_EARLIER_CLAUSES]:
            # Only the words before the clause's first quantity (甲公司利润|2亿元).
            i = bisect.bisect_left(doc.mention_starts, span[0])
            limit = span[1]
            if i < len(doc.mention_starts) and doc.mention_starts[i] < span[1]:
                limit = doc.mention_starts[i]
            if limit > span[0]:
                out.append((span, back, doc.times_in(span), limit))
    return out


def _frequent_subjects(doc: _Doc) -> list[tuple[str, int, int]]:
    """The subjects the clause rules chose at least twice so far, most often first."""
    ranked = sorted(
        (t for t, n in doc.subject_counts.items() if n >= 2),
        key=lambda t: -doc.subject_counts[t],
    )
    return [(t, *doc.subject_at[t]) for t in ranked[:_FREQUENT]]


def _pos(x: int) -> int | None:
    return x if x >= 0 else None


def _bracket_subject(doc: _Doc, clause: tuple[int, int], tokens: list[Token]) -> Phrase | None:
    """The name right before a bracket: 雷霆(55-27) for the quantity inside the brackets, and
    for the clause right after them (雷霆(55-27)五连胜终止)."""
    cs = clause[0]
    norm = doc.norm
    if cs == 0:
        return None
    k = cs - 1
    if norm[k] in "）)":
        lo = max(0, k - 41)  # a bracket opened further back is not this one's (see below)
        k = norm.rfind("(", lo, k) if norm[k] == ")" else norm.rfind("（", lo, k)
        if k < 0 or cs - k > 40:
            return None
    elif norm[k] not in "（(":
        return None
    si = doc.sentence_of(k)
    if si < 0:
        return None
    roles = doc.roles
    assert roles is not None
    for span in doc.clauses(si):
        if span[1] != k:
            continue
        toks = doc.tokens(span)
        for i in range(len(toks)):
            j = noun_run(toks, i)
            if j == len(toks) and j > i:
                run = toks[i:j]
                text = "".join(t[0] for t in run)
                if text in roles.entities or (entity_score(run) >= 1 and len(run) <= 3):
                    return Phrase(text, run[0][2], run[-1][3])
                return None
        return None
    return None


#: How far before a quantity a verb of reporting is read (characters).
_CUE_REACH = 200


@cache
def _clause_source_cues() -> frozenset[str]:
    """``data/clause_source_cues.tsv``: verbs of reporting read inside the quantity's clause."""
    return lexicon.word_set("clause_source_cues")


def _mark_sources(
    doc: _Doc, clauses: list[tuple[int, int]], ci: int, q_start: int, opts: list[Option]
) -> None:
    """Marks ``source`` on a subject option written in the quantity's sentence before it only
    where it names who reports the figures: in a source clause (据…, …表示, …发布数据, a
    dateline) or before a verb of reporting in its clause (``clause_source_cues.tsv``:
    统计局今天公布10月出口额为…) or in a frame (``source_frame_words.tsv``: 记者根据初步统计,
    经数据中心测算). A name followed by brackets (某委员会（以下简称“某委”）16日发布数据) is read
    with the clause the brackets close into; a place is left alone (the scope a source's name
    often shares with the figures: 西班牙|国家统计局…，西班牙人口…). An option reached another way
    (a name of the headline, an alias's full name, the document's topic) is then marked as its
    mentions in the sentence are; the speaker of a colon is not read (开业地点：…)."""
    norm = doc.norm
    own = clauses[ci]
    cues = _clause_source_cues()
    before = clauses[: ci + 1]

    def frame(k: int) -> tuple[int, int]:
        end = before[k][1]
        if end < len(norm) and norm[end] in "（(":
            close = norm.find("）" if norm[end] == "（" else ")", end, q_start)
            if close >= 0:
                for span in before[k + 1 :]:
                    if span[0] > close + 1:
                        break
                    if span[0] >= close:
                        return span
        return before[k]

    def sourced(at: int, end: int) -> bool:
        k = next((i for i, c in enumerate(before) if c[0] <= at < c[1]), -1)
        if k < 0:
            return False
        span = frame(k)
        if span != own and (
            is_source_clause(norm, *span, speaker=False)
            or source_frame().search(norm, span[0], span[1]) is not None
        ):
            return True
        # (The words between the option and the quantity, read by bisection and at most
        # _CUE_REACH characters before the quantity: a clause of thousands of quantities
        # stays linear.)
        toks = doc.tokens(span)
        k = bisect.bisect_left(toks, max(end, q_start - _CUE_REACH), key=lambda t: t[2])
        while k < len(toks) and toks[k][2] < q_start:
            w, _, a, b = toks[k]
            if w in cues and a >= end and b <= q_start:
                return True
            k += 1
        return False

    s0 = clauses[0][0]
    for i, o in enumerate(opts):
        f = o.features
        if f.get("source") or f.get("place") or len(o.text) < 2:
            continue
        at = norm.find(o.text, s0, q_start)
        if at < 0:
            continue
        marked = True
        while at >= 0 and marked:
            marked = sourced(at, at + len(o.text))
            at = norm.find(o.text, at + 1, q_start)
        if marked:
            # A copy: an option object may be shared with other claims' lists.
            opts[i] = replace(o, features={**f, "source": 1.0})
    # A body that publishes figures (``publisher_endings.tsv``) written only in an earlier
    # sentence, where it names who reports that sentence's figures (农业农村部渔业局发布数据。
    # …其中，养殖产量…): a source there too. A person speaking of their own figures is not.
    bodies = lexicon.words("publisher_endings")
    for i, o in enumerate(opts):
        f = o.features
        if f.get("source") or f.get("place") or f.get("person") or not 0 <= o.start < s0:
            continue
        if len(o.text) < 3 or not o.text.endswith(bodies):
            continue
        mention = norm[o.start : o.end]
        if len(mention) < 2 or any(norm.find(w, s0, q_start) >= 0 for w in (o.text, mention)):
            continue
        if _reports_there(doc, o.start, o.end, cues):
            opts[i] = replace(o, features={**f, "source": 1.0})


def _reports_there(doc: _Doc, start: int, end: int, cues: frozenset[str]) -> bool:
    """Whether the name written at ``start:end`` (in a sentence before the quantity's) stands
    where its sentence names a source: in a source clause (据…, …表示, …发布数据; a name
    followed by brackets is read with the clause the brackets close into: 某局（以下简称
    “某局”）20日发布的公报显示), in a frame (``source_frame_words.tsv``), or before a verb of
    reporting in its clause (``clause_source_cues.tsv``)."""
    si = doc.sentence_of(start)
    if si < 0:
        return False
    clauses = doc.clauses(si)
    k = next((i for i, c in enumerate(clauses) if c[0] <= start < c[1]), -1)
    if k < 0:
        return False
    norm = doc.norm
    s, e = clauses[k]
    # A name before brackets, or its short name defined inside them (某局（以下简称“某局”）).
    at = (
        e if e < len(norm) and norm[e] in "（(" else s - 1 if s > 0 and norm[s - 1] in "（(" else -1
    )
    if at >= 0:
        close = norm.find("）" if norm[at] == "（" else ")", at, at + 40)
        later = [c for c in clauses[k + 1 :] if c[0] >= close]
        if close >= 0 and later:
            s, e = later[0]
    while e > s and norm[e - 1] in _CLAUSE_END_CHARS:
        e -= 1
    if is_source_clause(norm, s, e, speaker=False):
        return True
    if source_frame().search(norm, s, e) is not None:
        return True
    return any(w in cues and a >= end for w, _, a, _ in doc.tokens_near(start))


#: The ranker's score an option of the quantity's clause needs to be put before a publisher
#: chosen first (below it, the clause offers a word of no name: 基本, 連續, 每吨).
_PAST_SOURCE_FLOOR = 0.75


def _items_first(options: list[Option]) -> list[Option]:
    """The ranked subject options with every whole list (``whole_list``: 华为、小米、OPPO三家企业)
    put after the item a respective list aligns with the quantity (``list_item``: 华为 for the
    first of 分别增长12%、9%和5%), as the guideline aligns such lists item by item: of the
    training part's claims offered both, the gold names the item for 78 and the whole list for 4
    (the ranker, weighing them among a hundred other features, put the list first after some
    retrainings)."""
    item = next((i for i, o in enumerate(options) if o.features.get("list_item")), -1)
    if item <= 0 or not any(o.features.get("whole_list") for o in options[:item]):
        return options
    lists = [o for o in options[:item] if o.features.get("whole_list")]
    kept = [o for o in options[:item] if not o.features.get("whole_list")]
    return [*kept, options[item], *lists, *options[item + 1 :]]


def _past_source(
    doc: _Doc, clauses: list[tuple[int, int]], ci: int, q_start: int, options: list[Option]
) -> list[Option]:
    """The ranked subject options with a source chosen first put after the best option of
    the quantity's own clause (or of a clause between the source and the quantity:
    协会发布数据，全国卖场销售额为X，环比上升Y) that is no source, when the source reports on
    something else:
    it is written in the sentence before the quantity's clause, its name ends like a body that
    publishes figures (``publisher_endings.tsv``: 协会, 统计局, 研究中心, 数据; a company or a
    person speaking of its own figures is a subject), the option put first scores at least
    :data:`_PAST_SOURCE_FLOOR`, and no word after the source points back to it
    (``self_reference_words.tsv`` or a word opening with 该: X表示，其营收…, 该会…, keep X)."""
    if not options or not options[0].features.get("source"):
        return options
    top = options[0]
    if not (clauses[0][0] <= top.start < clauses[ci][0]) or not top.text.endswith(
        lexicon.words("publisher_endings")
    ):
        return options
    k = next(
        (
            i
            for i, o in enumerate(options)
            if (o.features.get("same_clause") or top.end <= o.start < q_start)
            and not o.features.get("source")
            and o.score >= _PAST_SOURCE_FLOOR
        ),
        -1,
    )
    if k <= 0:
        return options
    words = lexicon.word_set("self_reference_words")
    for span in clauses[: ci + 1]:
        if span[1] <= top.end:
            continue
        for w, _, a, _ in doc.tokens(span):
            if a >= q_start:
                break
            if a >= top.end and (w in words or w.startswith("该")):
                return options
    return [options[k], *options[:k], *options[k + 1 :]]


def _carry(doc: _Doc, si: int, ci: int) -> Phrase | None:
    """The nearest subject in the clauses before clause ``ci`` of sentence ``si``; a source
    clause (据…, …表示, a dateline: :func:`~extractor.entities.is_source_clause`) is passed
    over, since who reports the figures is not their subject."""
    budget = _CARRY_LIMIT
    sentence = si
    index = ci - 1
    while sentence >= 0 and budget > 0 and sentence >= si - 3:
        clauses = doc.clauses(sentence)
        while index >= 0 and budget > 0:
            budget -= 1
            span = clauses[index]
            if (
                doc.table.source_of(span)
                if doc.table is not None
                else is_source_clause(doc.norm, *span)
            ):
                # 国家统计局17日发布数据，…，比上年增长8.1%: who reports is not carried on
                index -= 1
                continue
            found = doc.subject_of(clauses[index])
            if found is not None:
                return found[0]
            bracket = _bracket_subject(doc, clauses[index], doc.tokens(clauses[index]))
            if bracket is not None:
                return bracket
            index -= 1
        sentence -= 1
        if sentence >= 0:
            index = len(doc.clauses(sentence)) - 1
    return None


#: A time expression that names a reporting period (2008年, 今年以来, 第三季度, 截至3月12日):
#: a report states it once and its later sentences keep to it.
_PERIOD_RE = re.compile(
    r"(?:^截至|^截止|(?:\d{2,4}|[零〇一二三四五六七八九]{2,4})年(?:度)?$|季度(?:末)?$|半年$|"
    r"(?:第|前|首)[一二两三四1-4]?季$|"
    r"^(?:今年|去年|本年|本年度|当年)(?:以来)?$|以来$)"
)
#: How many sentences back a reporting period is carried.
_PERIOD_CARRY = 3


def _carried_period(doc: _Doc, si: int) -> TimeExpr | None:
    """The reporting period of the nearest earlier sentence that names a time, when that
    time is a period (2008年 stated once for a whole finance report); None when the nearest
    time is a moment (4月14日: a new sentence usually moves on) or too far back."""
    norm = doc.norm
    for sj in range(si - 1, max(-1, si - 1 - _PERIOD_CARRY), -1):
        s, e = doc.sentences[sj]
        if "\n" in norm[e : doc.sentences[sj + 1][0] + 1]:
            return None  # a reporting period holds within its paragraph
        i = bisect.bisect_left(doc.time_spans, (s, -1))
        last: TimeExpr | None = None
        while i < len(doc.times) and doc.times[i].start < e:
            t = doc.times[i]
            if (
                t.anchor
                and not norm.startswith("的", t.end)
                and not is_comparison_base(norm, t.start)
            ):
                last = t
            i += 1
        if last is not None:
            if _PERIOD_RE.search(last.text):
                return last
            # A sentence split at ； goes on with the time of its first part.
            joined = all(norm[doc.sentences[k][1] - 1] in "；;" for k in range(sj, si))
            return last if joined else None
    return None


def _governing_time(
    doc: _Doc, m: Mention, s_start: int, clause: tuple[int, int]
) -> TimeExpr | None:
    """The nearest time expression before the quantity in its sentence.

    Time is not carried across sentences (a new sentence often moves on), and a time
    expression that modifies a noun (今年的一项项目) governs nothing.
    """
    best: TimeExpr | None = None
    times = doc.times
    i = sentence_times_from(times, doc.time_spans, s_start)
    norm = doc.norm
    while i < len(times) and times[i].start < m.start:
        t = times[i]
        if (
            t.end <= m.start
            and t.end > s_start
            and not norm.startswith("的", t.end)
            and not is_comparison_base(norm, t.start)
        ):
            # 当时, 当天 of an earlier date of the sentence: that date.
            best = antecedent(norm, times, i, s_start) or t
        i += 1
    return best


def is_comparison_base(norm: str, start: int) -> bool:
    """Whether the time expression at ``start`` is the base of a comparison, never the time
    of the claim (销售额比去年同期增长12%: the time is not 去年同期; 对比A和B: nor B)."""
    return is_base(norm, start)
