"""Traditional characters read as simplified ones, offsets kept.

The rules, the word lists and the tagger's dictionary are written in simplified characters:
a Hong Kong or Taiwan report (騰訊去年營業收入達到5601億元) would lose its amounts (億, 萬), its
measure words (個, 場) and its names. The extractor reads every document through
:func:`simplified`, which replaces each traditional character of ``data/traditional_chars.tsv``
by its simplified reading — one code point for one, so every offset read off the result points
at the same characters of the document as written. What the candidates carry (the quantity,
subject, predicate, object and unit) is then taken back from the text as written
(:func:`as_written`), so a traditional document gets traditional candidates. The capital
numerals of amounts (壹佰贰拾万元) are read as numerals the same way, and the regional words of
a change (按年下跌, 按季上升) as the mainland ones (同比, 环比). A simplified document with none
of these is returned as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice, product

from .lexicon import table

#: Traditional character -> its simplified reading (data/traditional_chars.tsv).
T2S: dict[int, str] = {ord(t): s for t, s in table("traditional_chars")}

#: The traditional characters (a set: testing a text against it costs a few ns a character,
#: a tenth of a regular expression's character class of the same size).
_TRADITIONAL = frozenset(chr(c) for c in T2S)

#: Simplified character -> the traditional characters read as it, in the table's order.
_S2T: dict[str, list[str]] = {}
for _t, _s in table("traditional_chars"):
    _S2T.setdefault(_s, []).append(_t)


#: Capital numerals (data/capital_numerals.tsv) -> the numeral each is read as; a run of two
#: or more is read as a number when one of them is strong (no surname: not 伍, 陆, 零).
CAPITALS: dict[int, str] = {ord(row[0]): row[1] for row in table("capital_numerals")}
_STRONG_CAPITALS = frozenset(row[0] for row in table("capital_numerals") if len(row) < 3)
_CAPITALS_AND_YUAN = {**CAPITALS, ord("圆"): "元"}  # 叁仟伍佰圆整: 圆 is the capital 元
_CAPITAL_CHARS = frozenset(chr(c) for c in CAPITALS)
_CAPITAL_RUN_RE = re.compile("[" + "".join(_CAPITAL_CHARS) + "万萬亿億]+(?P<yuan>[元圆])?")


#: Regional words read as the mainland ones of the same length (data/regional_words.tsv),
#: before a verb of change.
_REGIONAL: dict[str, str] = {row[0]: row[1] for row in table("regional_words")}
_REGIONAL_RE = re.compile(
    "|".join(
        f"{re.escape(word)}(?=[{''.join(after.split())}])"
        for word, _, after in table("regional_words")
    )
)
_REGIONAL_FIRST = frozenset(word[0] for word in _REGIONAL)


def simplified(text: str) -> str:
    """``text`` with its traditional characters read as simplified ones, the capital numerals
    of an amount as numerals (壹佰贰拾万元 as 一百二十万元, 伍万元; never one capital alone in a
    word or a name, 收拾, 陆家嘴) and the regional words of a change as the mainland ones
    (按年下跌 as 同比下跌) — one character for one, so the offsets hold; ``text`` itself when
    it has none of these."""
    if not _CAPITAL_CHARS.isdisjoint(text):
        text = _CAPITAL_RUN_RE.sub(_numerals, text)
    if not _TRADITIONAL.isdisjoint(text):
        text = text.translate(T2S)
    if not _REGIONAL_FIRST.isdisjoint(text):
        text = _REGIONAL_RE.sub(lambda m: _REGIONAL[m.group(0)], text)
    return text


def folded(text: str) -> str:
    """``text`` with only its traditional characters read as simplified ones (no numerals, no
    regional words), one character for one: what search compares, so that 銀行 finds 银行."""
    return text.translate(T2S) if not _TRADITIONAL.isdisjoint(text) else text


def written_forms(text: str, limit: int = 16) -> list[str]:
    """``text`` and the other ways it may be written: its simplified spelling and its
    traditional ones (发展 -> 發展, 髮展), ``text`` first, at most ``limit`` (a long query of
    characters with several traditional forms is not spelled every way)."""
    base = folded(text)
    forms = dict.fromkeys((text, base))
    # Each character's traditional forms, then itself: Hong Kong and Taiwan write some
    # characters both ways (恒生銀行 beside 恆生銀行).
    spellings = product(*([*_S2T[ch], ch] if ch in _S2T else [ch] for ch in base))
    for chars in islice(spellings, limit):
        forms.setdefault("".join(chars))
    return list(forms)[:limit]


def _numerals(m: re.Match[str]) -> str:
    """A run of capitals read as numerals when 元 (圆) follows it (伍万元, 拾万元: an amount,
    not a surname or a word), or when it holds two capitals or more, one of them strong
    (壹佰贰拾: not 陆陆续续, nor one capital alone in a word or a name: 收拾, 大肆, 壹基金)."""
    run = m.group(0)
    capitals = sum(ch in _CAPITAL_CHARS for ch in run)
    if m.group("yuan") or (capitals >= 2 and not _STRONG_CAPITALS.isdisjoint(run)):
        return run.translate(_CAPITALS_AND_YUAN)
    return run


def as_written(
    norm: str,
    written: str,
    value: str,
    start: int | None,
    end: int | None,
    windows: Sequence[tuple[int, int]],
    chars: dict[int, str] | None = None,
) -> str:
    """``value``, read off ``norm`` (the simplified text), as ``written`` writes it: the same
    offsets of ``written`` when ``norm[start:end]`` is the value, else its first occurrence in
    the first of ``windows`` (``(lo, hi)`` stretches of ``norm``: bounded, so that the cost
    stays linear in the document) that holds it, else ``value`` with each character the
    document writes in traditional as it writes it (``chars``, :func:`written_chars`: a unit
    stored in another form than its surface's, 5個多月 as 個月; a name resolved from further
    away), else ``value`` unchanged."""
    if not value:
        return value
    if start is not None and end is not None and start >= 0 and norm[start:end] == value:
        return written[start:end]
    for lo, hi in windows:
        at = norm.find(value, max(0, lo), max(0, hi))
        if at >= 0:
            return written[at : at + len(value)]
    return value.translate(chars) if chars else value


def written_chars(norm: str, written: str) -> dict[int, str]:
    """Each character of ``norm`` that ``written`` writes otherwise (a traditional one), with
    the first form ``written`` gives it: one pass over the document."""
    out: dict[int, str] = {}
    for n, w in zip(norm, written, strict=True):
        if n != w:
            out.setdefault(ord(n), w)
    return out
