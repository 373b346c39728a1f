"""Units and measure words of Chinese news, and the kind of quantity each one signals.

The lists are data: ``data/units.tsv`` (unit, kind, stored form) and
``data/numeral_word_units.tsv`` (measure words a Chinese numeral forms words with),
``data/unit_word_starts.tsv`` (the words a one-character unit opens: 战胜, 犯规).
"""

from __future__ import annotations

from .lexicon import table, words

#: unit as written -> kind.
UNIT_KIND: dict[str, str] = {}
#: Surface unit -> stored unit, where they differ (元人民币 -> 元, 港币 -> 港元, 个人 -> 人).
UNIT_NORMAL: dict[str, str] = {}
for _row in table("units"):
    UNIT_KIND.setdefault(_row[0], _row[1])
    if len(_row) > 2 and _row[2]:
        UNIT_NORMAL[_row[0]] = _row[2]
UNIT_KIND["成"] = "percent"

#: Latin-letter units: a number followed by Latin letters is a model number unless the
#: letters are one of these.
LATIN_UNITS = frozenset(u for u in UNIT_KIND if u.isascii() and u.isalpha())

#: Measure words that Chinese numerals commonly form words with rather than counts
#: (二手房, 三手, 一手), so a Chinese numeral before them is not proposed.
CN_EXCLUDED_UNITS = frozenset(words("numeral_word_units"))

#: Currencies written before the amount (港币1000万元 is 1000万 港元): word -> stored unit.
CURRENCY_BEFORE = {row[0]: row[1] for row in table("currency_before")}


#: Units that open other words (战胜, 犯规, 个人物): unit -> the characters after it that make
#: it no unit (data/unit_word_starts.tsv).
UNIT_WORD_STARTS: dict[str, str] = {
    row[0]: "".join(row[1].split()) for row in table("unit_word_starts")
}


def unit_alternation() -> str:
    """A regex alternation of every unit, longest first so 个百分点 wins over 个; a unit that
    opens other words is not read before them (119-114战胜: data/unit_word_starts.tsv)."""
    units = sorted(UNIT_KIND, key=len, reverse=True)
    return "|".join(
        _escape(u) + (f"(?![{UNIT_WORD_STARTS[u]}])" if u in UNIT_WORD_STARTS else "")
        for u in units
        if u != "成"
    )


def _escape(u: str) -> str:
    return "".join("\\" + ch if ch in r".^$*+?{}[]\|()" else ch for ch in u)


def normal_unit(unit: str) -> str:
    """The stored form of a unit as written (元人民币 -> 元, 个人 -> 人)."""
    return UNIT_NORMAL.get(unit, unit)


def kind_of(unit: str) -> str:
    """The kind of quantity a unit signals; "other" when unknown."""
    return UNIT_KIND.get(unit, "other")
