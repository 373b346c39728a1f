"""Lazy, load-once access to a part-of-speech tagger with jieba's dictionary and tags.

Two interchangeable back ends give the same words and tags:

- ``rjieba`` (jieba-rs, Rust; installed with the ``fast`` extra): about 12x faster to tag and
  0.15 s to load instead of about 1.5 s. Its only difference from ``jieba.posseg`` without the
  HMM is the tag of a run of ASCII letters and digits (``m`` for 2008, where jieba says
  ``eng``); :func:`_tag_rjieba` maps that back, and over the 71,327 clauses of
  ``../shared/corpus/thucnews_sample.jsonl`` the two then agree on every word and tag
  (``tests/test_extractor_tagger.py`` checks a sample on every run).
- jieba without the HMM: pure Python, always available. :func:`_make_fast_jieba` tags with
  jieba's own dictionary and word graph (``jieba.dt``) exactly as ``jieba.posseg.cut(clause,
  HMM=False)`` does, but makes no ``pair`` object and no generator per word: 20-25 % less CPU
  time per clause. (Loading the word-tag table costs what ``import jieba.posseg`` costs, about
  0.4 s of CPU; a ``marshal`` cache of it was measured and saved nothing, since building the
  349,046 keys is the cost.) Its word graph and best path are one pass (:func:`_router`), not
  ``get_DAG`` then ``calc``: a third less time per clause, the same words.
  ``tests/test_extractor_tagger.py`` checks it against ``jieba.posseg`` on the corpus's
  clauses; over all 71,218 clauses of the corpus the two agree.
  After a user dictionary, ``jieba.posseg`` itself tags (it keeps the dictionary's tags).

rjieba is used when it is installed, no user dictionary has been loaded (a user dictionary
switches the process to jieba, whose loader the README documents) and ``CLAIMDESK_TAGGER`` is
not ``jieba``. jieba is imported only when extraction first needs it (``import extractor``
stays cheap and the review app's number parsing never touches it), its logger is quieted (it
prints to stderr on first load), and its dictionary is loaded once. Unknown names come out as
runs of single characters, which the role finder glues back together. Results are cached per
clause, since scraped news repeats paragraphs.
"""

from __future__ import annotations

import bisect
import importlib
import importlib.util
import logging
import os
import re
import sys
import threading
from collections.abc import Callable
from functools import cache, lru_cache
from math import log

_lock = threading.Lock()
_loaded = False
_userdicts: set[str] = set()
_posseg = None
#: The tagging function of the chosen back end: clause -> ((word, flag), ...).
_tagger: Callable[[str], tuple[tuple[str, str], ...]] | None = None
#: "rjieba" or "jieba" once loaded.
backend = ""

#: A run of ASCII letters and digits: jieba tags it ``eng`` whatever it is.
_ASCII_RUN = re.compile(r"[A-Za-z0-9]+")


def _tag_jieba(clause: str) -> tuple[tuple[str, str], ...]:
    assert _posseg is not None
    return tuple((p.word, p.flag) for p in _posseg.cut(clause, HMM=False))


def _make_rjieba() -> Callable[[str], tuple[tuple[str, str], ...]] | None:
    if os.environ.get("CLAIMDESK_TAGGER", "").lower() == "jieba":
        return None
    try:
        import rjieba
    except ImportError:
        return None
    rtag = rjieba.tag
    fullmatch = _ASCII_RUN.fullmatch

    def _tag_rjieba(clause: str) -> tuple[tuple[str, str], ...]:
        return tuple(
            (w, "eng") if w[0] < "\x80" and f != "eng" and fullmatch(w) else (w, f)
            for w, f in rtag(clause, False)
        )

    return _tag_rjieba


#: jieba.posseg's block patterns (jieba 0.42): runs it segments, and what it splits the rest on.
_RE_HAN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._]+)")
_RE_SKIP = re.compile("(\r\n|\\s)")
_RE_ENG = re.compile("[a-zA-Z0-9]+")
_RE_NUM = re.compile("[\\.0-9]+")
_RE_ENG1 = re.compile("^[a-zA-Z0-9]$")


def _word_tags(dict_path: str) -> dict[str, str]:
    """jieba's word -> tag table, read from its dictionary file (``word freq tag`` lines), as
    ``jieba.posseg`` reads it."""
    tags = {}
    with open(dict_path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return tags


#: A log probability is never positive: this one marks a prefix that is no word.
_PREFIX = 1.0


def _router(freq: dict[str, int], total: int) -> Callable[[str], list[int]]:
    """jieba's best segmentation of a block (``Tokenizer.get_DAG`` then ``Tokenizer.calc``,
    the most probable path through the word graph) in one pass: for each position, where its
    word ends. The graph is never built, and each candidate word's score is computed as jieba
    computes it (``log(freq) - log(total) + the score of the rest``, ties to the longer word),
    so the words are the same."""
    logtotal = log(total)
    #: Each word's ``log(freq) - log(total)`` once it has been met; _PREFIX for the prefixes
    #: jieba's table holds with frequency 0 (a word goes on, but none ends there).
    logp: dict[str, float] = {}
    get = logp.get

    def route(blk: str) -> list[int]:
        n = len(blk)
        score = [0.0] * (n + 1)
        score[n] = 0  # jieba's route[N] = (0, 0)
        ends = [0] * n
        for k in range(n - 1, -1, -1):
            frag = blk[k]
            best = None
            best_end = k
            i = k
            while True:
                p = get(frag)
                if p is None:
                    f = freq.get(frag)
                    if f is None:
                        break  # no word of the dictionary starts with frag
                    p = logp[frag] = log(f) - logtotal if f else _PREFIX
                if p is not _PREFIX:
                    s = p + score[i + 1]
                    if best is None or s >= best:
                        best, best_end = s, i
                i += 1
                if i >= n:
                    break
                frag = blk[k : i + 1]
            if best is None:
                best = log(freq.get(blk[k]) or 1) - logtotal + score[k + 1]
            score[k] = best
            ends[k] = best_end + 1
        return ends

    return route


def _import_jieba() -> None:
    """Import jieba without ``pkg_resources``.

    jieba 0.42 imports ``pkg_resources`` only to open its own data files, and falls back to
    plain ``open()`` beside its module when that import fails. ``pkg_resources`` costs about
    0.25 s of CPU to import (most of ``import jieba``), so unless something has imported it
    already, jieba is imported with it hidden, and takes its fallback: the same files.
    """
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        importlib.import_module("jieba")
        return
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes the import fail
    try:
        importlib.import_module("jieba")
    finally:
        del sys.modules["pkg_resources"]


def _make_fast_jieba() -> Callable[[str], tuple[tuple[str, str], ...]]:
    """A tagger equal to ``jieba.posseg.cut(clause, HMM=False)`` built on ``jieba.dt``."""
    _import_jieba()
    import jieba

    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.initialize()
    dt = jieba.dt
    with dt.get_dict_file() as fh:
        dict_path = os.path.abspath(fh.name)
    tags = _word_tags(dict_path)
    tag_of = tags.get
    route = _router(dt.FREQ, dt.total)
    han, skip, eng, num, eng1 = (
        _RE_HAN.match,
        _RE_SKIP.match,
        _RE_ENG.match,
        _RE_NUM.match,
        _RE_ENG1.match,
    )
    split_han, split_skip = _RE_HAN.split, _RE_SKIP.split

    def _tag_fast(clause: str) -> tuple[tuple[str, str], ...]:
        out: list[tuple[str, str]] = []
        add = out.append
        for blk in split_han(clause):
            if not blk:
                continue
            if han(blk):
                ends = route(blk)
                x, n, buf = 0, len(blk), ""
                while x < n:
                    y = ends[x]
                    word = blk[x:y]
                    if eng1(word):
                        buf += word
                    else:
                        if buf:
                            add((buf, "eng"))
                            buf = ""
                        add((word, tag_of(word, "x")))
                    x = y
                if buf:
                    add((buf, "eng"))
                continue
            for part in split_skip(blk):
                if skip(part):
                    add((part, "x"))
                    continue
                for ch in part:
                    if num(ch):
                        add((ch, "m"))
                    elif eng(part):
                        add((ch, "eng"))
                    else:
                        add((ch, "x"))
        return tuple(out)

    return _tag_fast


def _load_jieba() -> None:
    global _posseg
    if _posseg is None:
        _import_jieba()
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        logging.getLogger("jieba").setLevel(logging.WARNING)
        jieba.initialize()
        _posseg = jieba.posseg


def load(userdict: str | None = None) -> None:
    """Load the tagger (once) and, optionally, a user dictionary.

    A user dictionary is jieba's text format: one word a line, optionally followed by a
    frequency and a part-of-speech tag (``中国人保 10 nt``). Loading the same file twice is a
    no-op. Tag caches are cleared when a dictionary is added, and the process tags with jieba
    from then on.

    Args:
        userdict: path of a jieba user dictionary, or None.
    """
    global _loaded, _tagger, backend
    with _lock:
        if not _loaded:
            _tagger = None if userdict else _make_rjieba()
            if _tagger is None and not userdict:
                _tagger = _make_fast_jieba()
                backend = "jieba"
            elif _tagger is None:
                _load_jieba()
                _tagger = _tag_jieba
                backend = "jieba"
            else:
                backend = "rjieba"
            _loaded = True
        if userdict and userdict not in _userdicts:
            _load_jieba()
            import jieba

            jieba.load_userdict(userdict)
            # posseg keeps its own word -> tag table built from the main dictionary.
            assert _posseg is not None
            user_tags = _read_tags(userdict)
            _posseg.dt.word_tag_tab.update(user_tags)
            # the user's word and tag win over the tagger fixes (a user's 阳光 nt stays a name)
            for word in user_tags:
                _tag_fixes().pop(word, None)
            _userdicts.add(userdict)
            _tagger = _tag_jieba
            backend = "jieba"
            tag.cache_clear()


def _read_tags(path: str) -> dict[str, str]:
    tags: dict[str, str] = {}
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 3:
                tags[parts[0]] = parts[2]
            elif len(parts) == 2 and not parts[1].isdigit():
                tags[parts[0]] = parts[1]
            elif parts:
                tags.setdefault(parts[0], "nz")
    return tags


def is_loaded() -> bool:
    """True once the tagger has been loaded by :func:`load`."""
    return _loaded


@lru_cache(maxsize=65536)
def tag(clause: str) -> tuple[tuple[str, str], ...]:
    """Segment and POS-tag a clause: ``((word, flag), ...)``; cached. A word of
    ``data/modern_words.tsv`` (卫健委, 天猫, 元宇宙: newer than jieba's dictionary) is one word
    with its tag, and the text on each side of it is tagged on its own, as a user dictionary
    would make jieba do, whichever back end tags. A common word the dictionary tags as a name
    (``data/tagger_retags.tsv``: 明白, 阳光, 城市) gets the tag of what it is, a wrong join
    (``data/tagger_splits.tsv``: 占|比达) is cut into its words, and a noun the word after it
    shows to be a verb (``data/context_verbs.tsv``: 公告|，) is tagged ``v``."""
    if not _loaded:
        load()
    assert _tagger is not None
    found = _modern_words().search(clause)
    tagged = _tagger(clause) if found is None else _with_modern_words(clause, found)
    tagged = _context_verbs(tagged)
    if _DATE_UNIT_JOIN.search(clause):
        tagged = _date_units_cut(tagged)
    if "某" in clause:
        tagged = _mou_names(tagged)
    if "岁的" in clause or person_title_re().search(clause):
        tagged = _titled_names(tagged)
    fixes = _tag_fixes()
    if fixes.keys().isdisjoint([w for w, _ in tagged]):
        return tagged
    out: list[tuple[str, str]] = []
    surname = False
    for word, flag in tagged:
        fix = fixes.get(word)
        if fix is None or (surname and len(fix) == 1):
            # after a one-character surname (杨|光荣, 李|阳光) the word is a given name
            out.append((word, flag))
        else:
            out += fix
        surname = flag == "nr" and len(word) == 1
    return tuple(out)


#: A digit right before 年, 月 or 日 and at least two more characters: where the dictionary
#: may have joined the date's unit to the noun after it (9|月销量, 2023|年收入).
_DATE_UNIT_JOIN = re.compile(r"\d[年月日]\w\w")


def _date_units_cut(tagged: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """A word of the dictionary that joins a date's unit to the noun after it (月销量, 年收入,
    月产量, 年增长率), right after the digits of the date (比亚迪9|月销量), is cut into the
    unit (``m``, as the tagger tags 月 after digits) and the noun, so the date ends where it
    is written and the noun is a word of its own (9|月|销量). Only where what is left is a
    word of two characters or more (9|月份, 19|日电 stay)."""
    assert _tagger is not None
    out: list[tuple[str, str]] = []
    prev = ""
    for word, flag in tagged:
        if len(word) >= 3 and word[0] in "年月日" and prev.isascii() and prev.isdigit():
            rest = _tagger(word[1:])
            if len(rest) == 1 and len(rest[0][0]) >= 2:
                out.append((word[0], "m"))
                out.extend(rest)
                prev = word
                continue
        out.append((word, flag))
        prev = word
    return tuple(out)


#: Tags a one-character given name after 某 may have (张某|鹏/nr, 周某|平/n, 黄某|龙/n).
_GIVEN_AFTER_MOU = frozenset({"n", "nr", "nrfg", "a", "ng", "ag", "zg", "nz", "ns"})


def _mou_names(tagged: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """A person written by surname and 某, as court and police news writes the people of a
    case (张某, 李某某, 张某鹏), is one word tagged ``nr``: the tagger cuts it into the surname,
    某 and a given name it joins to nothing or reads as a noun (张/q 某/r 鹏/nr). The surname is
    one of ``data/surnames.tsv``; a one-character given name is taken when a word of two
    characters, a mark or a function word follows it (张某鹏|有期徒刑, 周某平|以), never a verb
    or a preposition (高某|被, 王某|说)."""
    from . import lexicon

    surnames = frozenset(lexicon.words("surnames"))
    out: list[tuple[str, str]] = []
    k = 0
    n = len(tagged)
    while k < n:
        word, flag = tagged[k]
        if word in surnames and k + 1 < n and tagged[k + 1][0] in ("某", "某某"):
            end = k + 2
            if tagged[k + 1][0] == "某" and end < n:
                given, gflag = tagged[end]
                after = tagged[end + 1] if end + 1 < n else None
                if (
                    len(given) == 1
                    and "\u4e00" <= given <= "\u9fff"
                    and gflag in _GIVEN_AFTER_MOU
                    and (after is None or len(after[0]) >= 2 or after[1][:1] in "xudpcr")
                ):
                    end += 1
            out.append(("".join(w for w, _ in tagged[k:end]), "nr"))
            k = end
            continue
        out.append((word, flag))
        k += 1
    return tuple(out)


@cache
def person_title_re() -> re.Pattern[str]:
    """Any role of ``data/person_titles.tsv`` (后卫, 村民, 董事长) written in a text."""
    from . import lexicon

    return re.compile("|".join(sorted(lexicon.words("person_titles"), key=len, reverse=True)))


#: Characters never read as part of a given name after a role: function words and marks.
_NOT_GIVEN = frozenset("的在是和与及于对向为被把将从以由等了着也都又还就则已曾说称")


def _titled_names(tagged: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """A person's name written right after a role (后卫|陈亦凡, 村民|陈妹, 选手|周雨桐) is one
    word tagged ``nr``. The tagger runs without its HMM, so a name its dictionary lacks comes
    out in pieces (陈/nr 亦/d 凡/d, 韩子/nr 墨/nr). After a role of ``data/person_titles.tsv``
    and a surname (one of ``data/surnames.tsv``, or a word of one or two characters tagged
    ``nr``), jieba's character HMM (``jieba.finalseg``, what ``jieba.cut`` uses for unknown
    words) reads where the name ends, or, where the HMM cuts it, two name-tagged words of three
    characters in all are joined: the first piece of two or three characters is taken when it
    ends where a word of the tagger ends, covers two words or more of one or two characters,
    and holds no function word (主席|王|说 is no name). An age and 的 is such a cue too
    (28岁的|宋佳琪), and where the HMM over the words after the cue reads no name (张伟表示 as
    one word) it reads the run of one-character words alone (张|伟), then its first three."""
    from . import lexicon

    titles = lexicon.words("person_titles")
    surnames = lexicon.word_set("surnames")
    out: list[tuple[str, str]] = []
    k, n = 0, len(tagged)
    while k < n:
        word, flag = tagged[k]
        out.append((word, flag))
        k += 1
        if k >= n or not (
            word.endswith(titles) or (word == "的" and k >= 2 and tagged[k - 2][0] == "岁")
        ):
            continue  # a role (后卫|陈亦凡) or an age (28岁的|宋佳琪) says a person is named
        first, fflag = tagged[k]
        if not (
            (len(first) == 1 and (first in surnames or fflag == "nr"))
            or (len(first) == 2 and fflag.startswith("nr"))
        ):
            continue
        window = ""
        for w, _ in tagged[k : k + 5]:
            if not all("\u4e00" <= c <= "\u9fff" for c in w):
                break
            window += w
        pieces = [next(iter(_finalseg_cut(window[:6])), "")] if len(window) >= 2 else []
        singles = ""
        for w, _ in tagged[k : k + 4]:
            if len(w) != 1 or not "\u4e00" <= w <= "\u9fff":
                break
            singles += w
        if len(singles) >= 2:
            # the run of one-character words alone, when the piece above is no name (张|伟|表示:
            # the HMM reads 张伟表示 as one word, 张伟 as the name), and its first three (a
            # window cut inside the word after the name: 崔|世|安|表)
            pieces.append(next(iter(_finalseg_cut(singles)), ""))
            if len(singles) > 3:
                pieces.append(next(iter(_finalseg_cut(singles[:3])), ""))
        nxt = tagged[k + 1] if k + 1 < n else ("", "")
        if len(first) + len(nxt[0]) == 3 and nxt[1].startswith("nr"):
            pieces.append(first + nxt[0])  # 韩子/nr 墨/nr: the tagger's own name pieces
        for piece in pieces:
            if not 2 <= len(piece) <= 3 or any(c in _NOT_GIVEN for c in piece[1:]):
                continue
            j, got = k, 0
            while j < n and got < len(piece) and len(tagged[j][0]) <= 2:
                got += len(tagged[j][0])
                j += 1
            if got == len(piece) and j - k >= 2:
                break
        else:
            continue
        if len(piece) == 2 and j < n and len(tagged[j][0]) == 1 and tagged[j][1] == "nr":
            piece += tagged[j][0]  # 韩|子 + 墨/nr: a given name's last character tagged as one
            j += 1
        out.append((piece, "nr"))
        k = j
    return tuple(out)


def _finalseg_cut(text: str) -> list[str]:
    """jieba's character HMM over ``text`` (imported on first use: a role before a name is rare)."""
    from jieba import finalseg

    return list(finalseg.cut(text))


@cache
def _context_verb_rows() -> dict[str, frozenset[str]]:
    """``data/context_verbs.tsv``: word -> what may follow it to make it a verb."""
    from . import lexicon

    rows: dict[str, set[str]] = {}
    for word, after in lexicon.table("context_verbs"):
        rows.setdefault(word, set()).add(after)
    return {w: frozenset(a) for w, a in rows.items()}


def _context_verbs(tagged: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """A word the dictionary tags as a noun that the word after it shows to be a verb
    (``data/context_verbs.tsv``: 公告|， 报|3216 全市|计划|改造) tagged ``v``."""
    rows = _context_verb_rows()
    if rows.keys().isdisjoint([w for w, _ in tagged]):
        return tagged
    out = list(tagged)
    for k, (word, flag) in enumerate(tagged):
        after = rows.get(word)
        if after is None or not flag.startswith("n") or k + 1 >= len(tagged):
            continue
        nxt, nflag = tagged[k + 1]
        prev_flag = tagged[k - 1][1] if k else ""
        if (
            ("mark" in after and nxt in ("，", "：", ",", ":"))
            or ("称" in after and nxt == "称")
            or ("number" in after and _opens_number(tagged, k + 1))
            or (
                "verb" in after and nflag == "v" and (prev_flag.startswith("n") or prev_flag == "r")
            )
        ):
            out[k] = (word, "v")
    return tuple(out)


#: Chinese numerals a number may open with (贡献两分).
_CN_NUMERAL_OPENERS = frozenset("一二两三四五六七八九十百千万几")


def _opens_number(tagged: tuple[tuple[str, str], ...], k: int) -> bool:
    """Whether a number opens at word ``k``, or right after an aspect particle there
    (贡献|22分, 贡献|了|22分, 盈利|了|两亿元)."""
    if k < len(tagged) and tagged[k][0] in ("了", "过"):
        k += 1
    if k >= len(tagged):
        return False
    first = tagged[k][0][:1]
    return first.isdigit() or (first in _CN_NUMERAL_OPENERS and tagged[k][1] in ("m", "mq"))


@cache
def _tag_fixes() -> dict[str, tuple[tuple[str, str], ...]]:
    """What the tagger's own dictionary gets wrong, word -> its right words and tags:
    ``data/tagger_retags.tsv`` (common words it tags as names: 明白 nr, 城市 ns, 国际化 nt ->
    the tag of what they are) and ``data/tagger_splits.tsv`` (wrong joins tagged as names:
    占|比达 -> 比 p, 达 v). Looked up for each word the tagger gives, so the cost is one dict
    probe a word; a retag is not made right after a one-character surname (杨|光荣 is a
    name)."""
    from . import lexicon

    fixes: dict[str, tuple[tuple[str, str], ...]] = {
        row[0]: ((row[0], row[1]),) for row in lexicon.table("tagger_retags")
    }
    for word, pieces, flags in lexicon.table("tagger_splits"):
        fixes[word] = tuple(zip(pieces.split(), flags.split(), strict=True))
    return fixes


@cache
def _modern_words() -> re.Pattern[str]:
    """One pattern for the words of ``data/modern_words.tsv``, longest first at each place."""
    from . import lexicon

    words = sorted((row[0] for row in lexicon.table("modern_words")), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


@cache
def _modern_tags() -> dict[str, str]:
    from . import lexicon

    return {row[0]: row[1] for row in lexicon.table("modern_words")}


#: The tags of names: a modern word inside a word the back end tags so (全高清/nr, 超广角/nz)
#: is read, the rest of that word being a wrong join.
_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})


def _with_modern_words(clause: str, found: re.Match[str]) -> tuple[tuple[str, str], ...]:
    """The clause tagged with the modern words found in it as words of their own. A new word
    is made of the back end's pieces (卫|健|委, 营|收|年|增); a match that cuts a word of the
    back end's is no word of the text and is left alone (年增 of 去年|增加, of 2009|年|增长, of
    年增长率; 营收 of 主营|收入), unless it lies inside a word the back end takes for a name
    (高清 of 全高清/nr), or holds two whole pieces and cuts one word at one end only, a wrong
    join of the back end's (中|汽|协同比 is 中汽协|同比)."""
    assert _tagger is not None
    tags = _modern_tags()
    raw = _tagger(clause)
    starts: list[int] = []
    pos = 0
    for word, _flag in raw:
        starts.append(pos)
        pos += len(word)
    bounds = set(starts) | {pos}

    def readable(m: re.Match[str]) -> bool:
        a, b = m.start(), m.end()
        cuts = (a not in bounds) + (b not in bounds)
        if not cuts:
            return True
        k = bisect.bisect_right(starts, a) - 1
        if starts[k] + len(raw[k][0]) >= b and raw[k][1] in _NAME_TAGS:
            return True  # inside a word the back end takes for a name: 全|高清 of 全高清/nr
        whole = sum(1 for k, st in enumerate(starts) if a <= st and st + len(raw[k][0]) <= b)
        return cuts == 1 and whole >= 2

    kept: list[re.Match[str]] = []
    match: re.Match[str] | None = found
    while match is not None:
        if readable(match):
            kept.append(match)
            match = _modern_words().search(clause, match.end())
        else:
            match = _modern_words().search(clause, match.start() + 1)
    if not kept:
        return raw
    out: list[tuple[str, str]] = []
    at = 0
    for match in kept:
        if match.start() > at:
            out += _tagger(clause[at : match.start()])
        out.append((match.group(0), tags[match.group(0)]))
        at = match.end()
    if at < len(clause):
        out += _tagger(clause[at:])
    return tuple(out)


def tag_with_jieba(clause: str) -> tuple[tuple[str, str], ...]:
    """Tag with ``jieba.posseg`` whatever the chosen back end (to compare the two)."""
    _load_jieba()
    return _tag_jieba(clause)


_char_freqs: dict[str, int] | None = None


def char_freq(char: str) -> int:
    """How often jieba's dictionary counts ``char`` as a word of its own (让 50310, 拜 6338);
    0 for a character it does not list. The dictionary file is read once, on first use (the
    entity table asks only for the rare piece read back onto a name), without importing jieba."""
    global _char_freqs
    if _char_freqs is None:
        with _lock:
            if _char_freqs is None:
                spec = importlib.util.find_spec("jieba")
                freqs: dict[str, int] = {}
                if spec is not None and spec.origin:
                    path = os.path.join(os.path.dirname(spec.origin), "dict.txt")
                    with open(path, encoding="utf-8") as fh:
                        for line in fh:
                            if line[1:2] == " ":
                                parts = line.split()
                                if len(parts) >= 2 and parts[1].isdigit():
                                    freqs[parts[0]] = int(parts[1])
                _char_freqs = freqs
    return _char_freqs.get(char, 0)
