"""Sentence and clause splitting that keeps exact code-point offsets."""

from __future__ import annotations

import re

#: A sentence ends after 。！？；!? (and runs of them, 。。 or ？！), together with any closing
#: quotes or brackets that follow, or at a line break. An ASCII ? between two CJK characters
#: stands for a character lost in encoding (悉尼东面?郊), not for the end of a question.
_END_RE = re.compile(
    r"(?:[。！？；!…]|\?(?![\u4e00-\u9fff]))+[”’\"'）)】」』》〉]*|[\r\n\u2028\u2029]+"
)

#: A space between two CJK characters separates a heading from what follows (headlines in
#: scraped news run into the body: "党建引领 急难险重践初心3月以来，…").
_HEADING_GAP_RE = re.compile(r"(?<=[\u4e00-\u9fff”」）)])[ \t\u3000\xa0]+(?=[\u4e00-\u9fff“「（(])")

#: A heading glued to the date that opens the next sentence: "…践初心3月以来，中国人保…".
#: The split is only made when no comma came before in the sentence (a heading has none).
_GLUED_DATE_RE = re.compile(
    r"(?<=[\u4e00-\u9fff])(?<![在于从自至到止截今去前本上下当月年日的是和及与为])"
    r"(?=(?:\d{1,2}|[一二三四五六七八九十]{1,2})月(?:\d{1,2}日)?(?:以来|起|中旬|上旬|下旬|初|底)?[，,])"
)

#: Clauses end at commas, colons, brackets and dashes; a comma between digits with three
#: digits after it (4,812万, 5，000万元) groups thousands and ends nothing.
_GAP_RE = re.compile(r"[ \t\u3000\xa0]+")

_CLAUSE_RE = re.compile(r"(?:[：:（）()\[\]【】—]|(?<!\d)[，,]|[，,](?!\d{3}(?!\d)))+|——")


#: A dateline at the head of a report (新华社北京1月17日电, 中新网11月7日电, 本报讯, 新浪体育讯,
#: 证券时报e公司讯): who reports, then where and when or the channel, then 电 or 讯. Scraped news
#: glues it to the headline before it and the first sentence after it; it is cut off as a
#: sentence of its own, so the headline is a sentence too. A known news organ may be glued to
#: the headline (…增长22.2%中新网11月7日电); another paper's name (北京青年报讯, 南方日报讯) only
#: after a space or a mark, since its first characters cannot be told from the headline's.
#: Sought only near the start of a text (_DATELINE_WITHIN).
_DATELINE_REST = (
    r"(?:[(（]微博[)）])?"
    r"(?:[\u4e00-\u9fff]{0,8}?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日"
    r"|(?:体育|娱乐|财经|科技|教育|汽车|房产|游戏|时尚|家居|快|e公司)?)"
    r"(?:电|讯)(?![\u4e00-\u9fff])"
)
_DATELINE_RE = re.compile(
    r"(?:据|综合)?(?:新华社|新华网|中新社|中新网|人民网|央视网|央广网|光明网|环球网|全景网"
    r"|国际在线|本报|新浪|腾讯|网易|搜狐|凤凰网|证券时报)" + _DATELINE_REST
)
_PAPER_DATELINE_RE = re.compile(
    r"(?<![\u4e00-\u9fff0-9.%])[\u4e00-\u9fff]{2,4}(?:日报|晚报|早报|时报|商报|青年报|考试报|快报|网)"
    + _DATELINE_REST
)
_DATELINE_WITHIN = 200


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split a text into sentences.

    Sentences end at 。！？；!? (closing quotes and brackets stay with their sentence), at
    line breaks, at a space between two CJK characters (a heading), and before a date that
    is glued to a heading ("急难险重践初心3月以来，…" splits before 3月).

    Args:
        text: any text.

    Returns:
        ``(start, end)`` code-point offsets of each sentence, leading and trailing whitespace
        excluded, in text order; empty sentences are left out.
    """
    if not text:
        return []
    cuts: list[int] = []
    for m in _END_RE.finditer(text):
        cuts.append(m.end())
    for m in _GAP_RE.finditer(text):
        # The test of _HEADING_GAP_RE, made only where there is a gap at all.
        if m.start() > 0 and _HEADING_GAP_RE.match(text, m.start()):
            cuts.append(m.start())
    dateline = _DATELINE_RE.search(text, 0, _DATELINE_WITHIN) or _PAPER_DATELINE_RE.search(
        text, 0, _DATELINE_WITHIN
    )
    if dateline is not None:
        cuts += [dateline.start(), dateline.end()]
    cuts.append(len(text))
    cuts = sorted(set(cuts))
    out: list[tuple[int, int]] = []
    prev = 0
    for cut in cuts:
        for s, e in _glued_heading(text, prev, cut):
            s, e = _strip(text, s, e)
            if s < e:
                out.append((s, e))
        prev = cut
    return out


def _glued_heading(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Split a heading off the front of a sentence when a date is glued to it."""
    seg = text[s:e]
    if "月" not in seg:
        return [(s, e)]  # no date, nothing glued (a substring test is far cheaper than the scan)
    m = _GLUED_DATE_RE.search(seg)
    if m is None or m.start() == 0:
        return [(s, e)]
    head = seg[: m.start()]
    if any(ch in head for ch in "，,：:、") or len(head) > 30:
        return [(s, e)]
    return [(s, s + m.start()), (s + m.start(), e)]


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split the sentence ``text[start:end]`` into clauses at commas, colons and brackets.

    The enumeration comma 、 does not split: it joins the items of one list.

    Returns:
        ``(start, end)`` offsets of each non-empty clause, in order.
    """
    out: list[tuple[int, int]] = []
    prev = start
    for m in _CLAUSE_RE.finditer(text, start, end):
        if m.start() > prev:
            out.append((prev, m.start()))
        prev = m.end()
    if prev < end:
        out.append((prev, end))
    return out
