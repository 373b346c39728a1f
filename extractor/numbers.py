"""Number parsing: Arabic, full-width, Chinese numerals and mixed forms.

Everything here is pure string work (no jieba), so the review app can call
:func:`parse_number` on every keypress.
"""

from __future__ import annotations

import re

#: Full-width to ASCII for the characters that matter to number patterns. Every entry maps one
#: code point to one code point, so a translated copy of a text keeps all offsets.
FULLWIDTH = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "％": "%",
        "．": ".",
        "～": "~",
        "－": "-",
        "＊": "*",
        "／": "/",
        "＋": "+",
        "﹪": "%",
    }
)

#: Values of the Chinese digit characters (including the financial forms).
CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "俩": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}

#: Small units inside a section (below 万).
CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}

#: Section units and scale words. 万亿 is 10^12.
CN_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

#: Scale suffixes after an Arabic number (1.5万, 3千万, 2.7亿, 1.2万亿).
SCALES = {
    "十": 10,
    "百": 100,
    "千": 1000,
    "万": 10_000,
    "十万": 100_000,
    "百万": 1_000_000,
    "千万": 10_000_000,
    "亿": 100_000_000,
    "十亿": 1_000_000_000,
    "百亿": 10_000_000_000,
    "千亿": 100_000_000_000,
    "万亿": 1_000_000_000_000,
    # 兆 is 10^12 in Taiwan's and Hong Kong's money (台积电营收2.26兆元新台币); read only before
    # a money unit (quantity._SCALE): 100兆 of a network is a measure (M).
    "兆": 1_000_000_000_000,
}

_CN_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)

_ARABIC_RE = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_ARABIC_SCALED_RE = re.compile(
    r"(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<scale>十万|百万|千万|十亿|百亿|千亿|万亿|[十百千万亿])?"
)
_CN_RE = re.compile(f"[{_CN_CHARS}]+(?:点[{''.join(CN_DIGITS)}]+)?")


def _cn_section(s: str) -> int | None:
    """Value of a Chinese numeral without 万/亿 (below 10000), e.g. 三千零五 -> 3005."""
    total = 0
    digit: int | None = None
    last_unit = 10_000
    for ch in s:
        if ch in CN_DIGITS:
            if digit is not None and digit != 0:
                # Two digits in a row inside a section ("三五") is not a positional numeral.
                return None
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            if unit >= last_unit:
                return None  # units must fall: 十十, 百千 are not numerals
            total += (1 if digit is None else digit) * unit
            last_unit = unit
            digit = None
        else:
            return None
    if digit is not None:
        if digit and last_unit >= 100 and len(s) >= 2 and s[-2] in CN_SMALL_UNITS:
            # 一百二 is 120 and 三千五 is 3500: a last digit right after 百/千 counts the next
            # lower unit (一百零二, with 零, is 102).
            total += digit * last_unit // 10
        else:
            total += digit
    return total


def parse_chinese_integer(s: str) -> int | None:
    """Parse a Chinese integer numeral.

    Handles positional forms (一千二百 -> 1200, 两千 -> 2000, 三十五 -> 35, 十 -> 10,
    一百零五 -> 105, 三万五千 -> 35000, 一亿二千万 -> 120000000, 百 -> 100) and digit-string
    forms (一九九八 -> 1998, 二〇二二 -> 2022).

    Args:
        s: the numeral, Chinese characters only.

    Returns:
        The value, or None when ``s`` is not a well-formed numeral.
    """
    if not s:
        return None
    if all(ch in CN_DIGITS for ch in s):
        if len(s) == 1:
            return CN_DIGITS[s]
        # Digit-string form: each character is one decimal digit.
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    total = 0
    section = ""
    last_big = 0
    for ch in s:
        if ch in CN_BIG_UNITS:
            last_big = CN_BIG_UNITS[ch]
            unit = CN_BIG_UNITS[ch]
            value = _cn_section(section) if section else (0 if total else 1)
            if value is None:
                return None
            if unit == 100_000_000:
                total = (total + value) * unit
            else:
                # 万 multiplies the current section only (一亿二千万 = 1e8 + 2000 * 1e4).
                high = total - total % 100_000_000
                low = total % 100_000_000
                total = high + (low + value) * unit
            section = ""
        else:
            section += ch
    if section:
        if last_big and len(section) == 1 and section in CN_DIGITS and CN_DIGITS[section]:
            # 两万五 is 25000 and 三亿五 is 350000000: one digit right after 万/亿 counts the
            # next lower unit (一万零五, with 零, is 10005).
            return total + CN_DIGITS[section] * last_big // 10
        value = _cn_section(section)
        if value is None:
            return None
        total += value
    return total


def parse_chinese(s: str) -> float | None:
    """Parse a Chinese numeral that may carry a decimal part written with 点 (三点五 -> 3.5)."""
    if "点" in s:
        whole, _, frac = s.partition("点")
        int_part = parse_chinese_integer(whole) if whole else 0
        if int_part is None or not frac or any(ch not in CN_DIGITS for ch in frac):
            return None
        return float(f"{int_part}.{''.join(str(CN_DIGITS[ch]) for ch in frac)}")
    value = parse_chinese_integer(s)
    return None if value is None else float(value)


def parse_arabic(s: str) -> float | None:
    """Parse an Arabic number with optional thousands commas and decimals ("4,812.5" -> 4812.5)."""
    m = _ARABIC_RE.fullmatch(s)
    if not m:
        return None
    return float(s.replace(",", ""))


def parse_number(s: str) -> float | None:
    """Parse a number written in any of the forms Chinese news uses.

    Examples: "1200", "1,200", "1，200" (a full-width comma between digit groups),
    "１２３" (full-width), "一千二百", "两千", "三十五", "1.5万" (15000), "3千万" (30000000),
    "2.7亿" (270000000), "三点五" (3.5), "-2.5".

    Args:
        s: the number alone; surrounding whitespace is ignored.

    Returns:
        The value as a float, or None when ``s`` is not a number.
    """
    if not isinstance(s, str):
        return None
    # The text keeps its full-width comma (it ends clauses); between digit groups it is ","
    t = s.strip().translate(FULLWIDTH).replace("，", ",")
    if not t:
        return None
    value = parse_arabic(t)
    if value is not None:
        return value
    sign = 1.0
    if t[0] in "+-" and len(t) > 1:
        sign = -1.0 if t[0] == "-" else 1.0
        t = t[1:]
    m = _ARABIC_SCALED_RE.fullmatch(t)
    if m:
        scale = SCALES[m.group("scale")] if m.group("scale") else 1
        return sign * float(m.group("num").replace(",", "")) * scale
    # Mixed: Arabic digits followed by a Chinese big unit section, e.g. 3万5千.
    if _CN_RE.fullmatch(t):
        value = parse_chinese(t)
        return None if value is None else sign * value
    mixed = re.fullmatch(r"(\d+)([万亿])([" + _CN_CHARS + r"]+)", t)
    if mixed:
        head = float(mixed.group(1)) * CN_BIG_UNITS[mixed.group(2)]
        tail = parse_chinese_integer(mixed.group(3))
        if tail is not None:
            return sign * (head + tail)
    return None
