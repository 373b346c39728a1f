"""Layout of the review app: where the document scrolls, how it wraps, what fits on small screens.

Each test builds its own database with claims inserted by SQL (no extractor run) and drives the
app through ``tui.app.make_app``, as the CLI does.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from db.connection import open_db
from tests.test_review_helpers import DOC2, add_claim, add_document, seed_text
from tui.app import make_app
from tui.widgets.document_view import NO_END, NO_START, DocumentView, can_break, wrap_offsets

#: A long document: the seed article four times, one paragraph each.
LONG = "\n".join([seed_text()] * 4)
#: The only claim of the long document sits in its last quarter.
FAR_QUANTITY = "近90%"


def far_offset() -> int:
    return LONG.index(FAR_QUANTITY, len(LONG) * 3 // 4)


def build_far_db(path: Path, *, short_first: bool = False) -> int:
    """A database whose long document holds one claim near its end; returns that claim's id.

    With ``short_first`` a short document with one claim comes first in review order.
    """
    conn = open_db(path)
    if short_first:
        short = add_document(conn, DOC2, "短文", "a/short.txt")
        add_claim(conn, short, DOC2, "一千二百家", value=1200, unit="家")
    doc = add_document(conn, LONG, "长文", "b/long.txt")
    claim_id = add_claim(
        conn, doc, LONG, FAR_QUANTITY, value=90, unit="%", kind="percent",
        subject="95518客服条线", predicate="一次问题解决率", after=far_offset(),
    )  # fmt: skip
    conn.close()
    return claim_id


def screen_text(app) -> str:
    """What the terminal shows, as plain text."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


def assert_claim_in_view(app, claim_id: int) -> DocumentView:
    """The current claim is ``claim_id`` and its quantity's line is inside the viewport."""
    screen = app.screen
    assert screen.claim is not None and screen.claim["id"] == claim_id
    view = screen.query_one(DocumentView)
    line = view.row_of(view.line_of(screen.claim["start"]))  # the row: label rows between
    top = int(view.scroll_offset.y)
    height = view.scrollable_content_region.height
    assert height > 0
    assert line > height, "the claim must be out of sight at the top for the test to mean much"
    assert top <= line < top + height, f"row {line} not in view {top}..{top + height - 1}"
    return view


# --------------------------------------------------------------------------- scroll on open


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20)])
async def test_document_scrolls_to_the_claim_on_open(tmp_path, size):
    path = tmp_path / "far.db"
    claim_id = build_far_db(path)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        view = assert_claim_in_view(app, claim_id)
        # and the quantity is drawn on screen, not just scrolled to
        assert FAR_QUANTITY in screen_text(app)
        assert view.scroll_offset.y > 0


async def test_document_scrolls_to_the_claim_of_a_longer_next_document(tmp_path):
    """From a short document (no scrollbar) to a long one: the view still scrolls."""
    path = tmp_path / "far.db"
    claim_id = build_far_db(path, short_first=True)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.claim["quantity_text"] == "一千二百家"
        await pilot.press("pagedown")
        await pilot.pause()
        assert_claim_in_view(app, claim_id)


async def test_document_keeps_the_claim_in_view_after_a_resize(tmp_path):
    """A browser (serve) reports its real size after the app started."""
    path = tmp_path / "far.db"
    claim_id = build_far_db(path)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(140, 45)
        await pilot.pause()
        assert_claim_in_view(app, claim_id)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert_claim_in_view(app, claim_id)


async def test_document_scrolls_to_the_claim_in_serve_after_the_name(tmp_path):
    """``serve`` asks for the name first; the review screen opens on the claim."""
    path = tmp_path / "far.db"
    claim_id = build_far_db(path)
    app = make_app(str(path), reviewer="", ask_reviewer=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+u", *"bob", "enter")
        await pilot.pause()
        assert app.screen.reviewer == "bob"
        assert_claim_in_view(app, claim_id)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_document_scrolls_to_the_claim_when_adjudicating(tmp_path, size):
    path = tmp_path / "far.db"
    claim_id = build_far_db(path)
    # two reviewers disagree through the app itself (overlap mode)
    for reviewer, key in (("ann", "a"), ("bob", "x")):
        app = make_app(str(path), reviewer=reviewer, mode="overlap", per_claim=2)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.screen.claim["id"] == claim_id
            await pilot.press(key)
            await pilot.pause()
    app = make_app(str(path), reviewer="lead", adjudicate=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.screen.total == 1
        view = assert_claim_in_view(app, claim_id)
        assert view.scrollable_content_region.height >= 5
        # every field of both versions is on screen (on a short screen they replace the card)
        shown = screen_text(app)
        for label in ("verdict", "quantity", "subject", "predicate", "object", "time"):
            assert re.search(rf"│\s+{label}\s", shown), label


# --------------------------------------------------------------------------- line breaking


def lines_of(text: str, width: int) -> list[str]:
    return [text[a:b] for a, b in wrap_offsets(text, width)]


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        # greedy would start a line with 。: the character before it moves down with it
        ("甲乙丙丁。戊己", 8, ["甲乙丙", "丁。戊己"]),
        # greedy would end a line with 《: it moves down with what it opens
        ("甲乙丙《丁戊》己", 8, ["甲乙丙", "《丁戊》", "己"]),
        # ， after a number and %: the number, % and ， go down together
        ("营收增长12%，创新高", 12, ["营收增长", "12%，创新高"]),
        # neither ： nor “ at a line's edge: the line ends after ：
        ("他说：“好。”走了", 10, ["他说：", "“好。”走了"]),
        # …… is not split
        ("他沉默了……很久", 9, ["他沉默了", "……很久"]),
        # half-width brackets follow the same rules
        ("共计(含税)100元", 6, ["共计", "(含税)", "100元"]),
        # a space where the line wraps is dropped: no line starts with it
        ("党建引领 急难险重", 8, ["党建引领", "急难险重"]),
        ("Hello world again", 11, ["Hello world", "again"]),
        ("甲乙丙丁　戊己", 8, ["甲乙丙丁", "戊己"]),
        # a paragraph's own indentation stays
        ("　　第一段文字很长很长", 8, ["　　第一", "段文字很", "长很长"]),
        # a Latin word moves down whole
        ("增长来自海外Reuters市场", 14, ["增长来自海外", "Reuters市场"]),
        # nothing allowed fits: cut where full, and every character is still shown
        ("甲。乙", 2, ["甲", "。", "乙"]),
        ("“（《", 1, ["“", "（", "《"]),
    ],
)
def test_chinese_line_breaking(text, width, expected):
    assert lines_of(text, width) == expected


#: Sentences written for these tests: every kind of closing and opening mark, full- and
#: half-width, Latin words, numbers with units, a space and an ideographic space.
SENTENCES = (
    "据报道，本市今年（截至10月底）共接待游客1200万人次，同比增长12.5%；其中，境外游客约"
    "80万人次。“我们还会加大投入！”负责人说，“明年的目标是1500万。”记者问：这可能吗？"
    "他答道：《规划》已经写明了【三步走】的安排、时间表与分工……另据Reuters报道(英文)，"
    "该公司营收达350亿元, 净利润为12亿元. 分析师认为: 增长主要来自海外市场! 你信吗? "
    "项目周期约18个月，总投资￥5000万元——其中 一半来自社会资本　另一半来自财政。"
)


def naive_lines(text: str, width: int) -> list[str]:
    """Greedy folding by cells with no line-breaking rule (what the view did before)."""
    out, line, used = [], "", 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width and line:
            out.append(line)
            line, used = "", 0
        line += ch
        used += w
    return [*out, line] if line else out


@pytest.mark.parametrize("width", range(12, 81))
def test_line_breaking_rules_hold_at_every_width(width):
    text = SENTENCES + "\n\n" + SENTENCES[7:]
    spans = wrap_offsets(text, width)
    covered = set()
    for n, (a, b) in enumerate(spans):
        line = text[a:b]
        assert cell_len(line) <= width
        assert "\n" not in line
        covered.update(range(a, b))
        paragraph_start = a == 0 or text[a - 1] == "\n"
        paragraph_end = b == len(text) or text[b] == "\n"
        if line and not paragraph_start:
            assert line[0] not in NO_START, (n, line)
            assert not line[0].isspace(), (n, line)
        if line and not paragraph_end:
            assert line[-1] not in NO_END, (n, line)
            assert can_break(text, b), (n, line)
    # offsets are exact: lines are in order, and only newlines and spaces at wraps are left out
    assert [a for a, _ in spans] == sorted(a for a, _ in spans)
    assert all(text[i] == "\n" or text[i].isspace() for i in set(range(len(text))) - covered)


def test_the_rules_change_what_greedy_folding_does():
    """Guard against a vacuous pass: plain greedy folding breaks the rules on these sentences."""
    bad = 0
    for width in range(12, 81):
        for line in naive_lines(SENTENCES, width)[1:]:
            bad += line[0] in NO_START or line[0].isspace()
    assert bad > 50


def document_panel_lines(app, labels: bool = False) -> list[str]:
    """The text rows inside the document panel's border, as the terminal shows them (the rows
    of hint labels under the claim's sentence left out, unless ``labels``)."""
    rows = screen_text(app).splitlines()
    top = next(i for i, r in enumerate(rows) if "╭─ document" in r)
    view = app.screen.query_one(DocumentView)
    first = int(view.scroll_offset.y)
    out = []
    for k, row in enumerate(rows[top + 1 :]):
        if row.lstrip().startswith("╰"):
            break
        shows = view.row_line(first + k)
        if shows is not None and shows[1] and not labels:
            continue
        inside = row.split("│")[1]  # the document is the leftmost panel
        out.append(inside.rstrip(" ▁▂▃▄▅▆▇█▔").strip())
    return out


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20)])
async def test_document_panel_shows_lines_broken_the_chinese_way(tmp_path, size):
    path = tmp_path / "sentences.db"
    # the sentences in eight phases: at any width some line of greedy folding breaks a rule
    text = "\n".join(SENTENCES[k:] for k in range(0, 40, 5))
    conn = open_db(path)
    doc = add_document(conn, text, "句子", "t/sentences.txt")
    add_claim(conn, doc, text, "1500万", value=1.5e7, subject="负责人", after=len(text) // 2)
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        view = app.screen.query_one(DocumentView)
        top = int(view.scroll_offset.y)
        height = view.scrollable_content_region.height
        rows = [view.row_line(r) for r in range(top, top + height)]
        in_view = [view.lines[r[0]] for r in rows if r is not None and not r[1]]
        expected = [text[a:b] for a, b in in_view]
        shown = document_panel_lines(app)
        assert shown[: len(expected)] == [line.strip() for line in expected]
        assert len(expected) >= 3
        for (a, _b), line in zip(in_view, shown, strict=False):
            if a > 0 and text[a - 1] != "\n":
                assert line[:1] not in NO_START and not text[a].isspace(), line
        # guard: at this width plain greedy folding would have broken a rule on this text
        width = view.scrollable_content_region.width
        greedy = [line for para in text.split("\n") for line in naive_lines(para, width)[1:]]
        assert any(line[0] in NO_START or line[0].isspace() for line in greedy)
        # the highlight is still exactly the claim's quantity
        quantity = "".join(
            seg.text
            for i in range(len(view.lines))
            for seg in view.render_text_line(i).render(app.console)
            if seg.style and seg.style.bgcolor == view.styles_for()["quantity"].bgcolor
        )
        assert quantity == "1500万"


# --------------------------------------------------------------------------- small screens

#: A sentence with long fields (written for the test).
LONG_FIELDS_DOC = (
    "据新华社报道，国家发展和改革委员会宏观经济研究院产业经济与技术经济研究所副所长"
    "在北京举行的新闻发布会上表示，2023年全国规模以上工业企业实现利润总额超过7.6万亿元。"
    "业内人士认为，这一数字好于预期。"
)
LONG_SUBJECT = "国家发展和改革委员会宏观经济研究院产业经济与技术经济研究所副所长"
LONG_PREDICATE = "在北京举行的新闻发布会上表示"
LONG_OBJECT = "全国规模以上工业企业实现的利润总额（不含金融业和房地产业）"


def build_small_screen_db(path: Path) -> int:
    """The review test database plus a claim whose subject, predicate and object are long."""
    from tests.test_review_helpers import build_review_db

    build_review_db(path)
    conn = open_db(path)
    doc = add_document(conn, LONG_FIELDS_DOC, "长字段", "t/long-fields.txt")
    claim_id = add_claim(
        conn, doc, LONG_FIELDS_DOC, "超过7.6万亿元", value=7.6e12, unit="元", qualifier=">",
        kind="money", subject=LONG_SUBJECT, predicate=LONG_PREDICATE, time_text="2023年",
    )  # fmt: skip
    with conn:
        conn.execute("UPDATE claims SET object = ? WHERE id = ?", (LONG_OBJECT, claim_id))
    conn.close()
    return claim_id


def panel_rows(app, title: str) -> list[str]:
    """The rows inside the leftmost panel whose border title starts with ``title``."""
    rows = screen_text(app).splitlines()
    top = next(i for i, r in enumerate(rows) if f"╭─ {title}" in r)
    out = []
    for row in rows[top + 1 :]:
        if row.lstrip().startswith("╰"):
            break
        out.append(row.split("│")[1])
    return out


def card_fields(app) -> dict[str, str]:
    """The claim card as the terminal shows it: label -> the value's folded lines joined."""
    from tui.widgets.claim_card import LABEL_WIDTH

    fields: dict[str, str] = {}
    label = ""
    for row in panel_rows(app, "claim #"):
        head, value = row[1 : 1 + LABEL_WIDTH].strip(), row[2 + LABEL_WIDTH :].rstrip()
        if head:
            label = head
            fields[label] = value.strip()
        elif label and value.strip():  # nothing in the label column: a folded line
            fields[label] += value.strip()
    return fields


def sentence_on_screen(app) -> bool:
    """Every visual line of the claim's sentence is inside the document's viewport, and the
    panel shows the sentence's text."""
    screen = app.screen
    view = screen.query_one(DocumentView)
    claim = screen.claim
    s0, s1 = claim["sentence_start"], claim["sentence_end"]
    first, last = view.row_of(view.line_of(s0)), view.row_of(view.line_of(s1 - 1))
    if view.hints:
        last += 1  # the labels' row under the sentence's last line
    top = int(view.scroll_offset.y)
    if not (top <= first and last < top + view.scrollable_content_region.height):
        return False
    shown = "".join(document_panel_lines(app)).replace(" ", "")
    return view.text[s0:s1].replace(" ", "") in shown


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20)])
async def test_every_claim_and_its_sentence_readable(tmp_path, size):
    """At 120×40, 80×24 and 60×20: the full subject, predicate, object and time of every claim
    are on screen (wrapped, not cut), and so is its whole sentence."""
    path = tmp_path / "small.db"
    long_id = build_small_screen_db(path)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        seen = set()
        for _ in range(10):
            claim = app.screen.claim
            seen.add(claim["id"])
            fields = card_fields(app)
            assert fields["subject"] == (claim["subject"] or "—")
            assert fields["predicate"] == (claim["predicate"] or "—")
            assert fields["object"] == (claim["object"] or "—")
            assert fields["time"].startswith(claim["time_text"] or "—")
            assert fields["quantity"].startswith(claim["quantity_text"])
            assert sentence_on_screen(app), (size, claim["id"])
            await pilot.press("j")
            await pilot.pause()
        assert long_id in seen
    assert len(LONG_SUBJECT) > 30  # would have been cut at about 13 characters before


@pytest.mark.parametrize("width", [120, 140])
async def test_status_bar_reads_in_full(tmp_path, width):
    path = tmp_path / "small.db"
    build_small_screen_db(path)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        status = screen_text(app).splitlines()[-2]
        assert "1 / 10 decided · 9 pending · " in status
        assert "/h this session · " in status and "h" in status.split("·")[-1]
        assert status.rstrip().endswith("left at this rate")


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_status_bar_fits_a_small_screen(tmp_path, size):
    path = tmp_path / "small.db"
    build_small_screen_db(path)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        status = screen_text(app).splitlines()[-2]
        assert "0/10" in status and "10 pending" in status and "left" in status
        assert "…" not in status


async def test_narrow_screen_hides_the_list_and_l_brings_it_back(tmp_path):
    from tui.widgets.claim_list import ClaimList

    path = tmp_path / "small.db"
    build_small_screen_db(path)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        screen = app.screen
        claims = screen.query_one(ClaimList)
        assert not claims.display or claims.region.width == 0
        assert "╭─ claims" not in screen_text(app)
        # keys still reach the screen
        first = screen.claim["id"]
        await pilot.press("a")
        await pilot.pause()
        assert screen.claim["id"] != first
        await pilot.press("l")
        await pilot.pause()
        assert "╭─ claims" in screen_text(app)
        assert claims.region.height > 0
        view = app.screen.query_one(DocumentView)
        line = view.row_of(view.line_of(screen.claim["start"]))
        top = int(view.scroll_offset.y)
        assert top <= line < top + view.scrollable_content_region.height
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert "╭─ claims" in screen_text(app)  # wide: the list is beside the document


# --------------------------------------------------------------------------- search hits


@pytest.mark.parametrize(
    ("hit", "columns"),
    [
        (
            {"where": "quantity_text", "doc_id": 3, "claim_id": 9, "snippet": "超过8000小时"},
            ["quantity", "doc 3", "claim 9", "超过8000小时"],
        ),
        (
            {"where": "predicate", "doc_id": 1234567, "claim_id": 123456789, "snippet": "投入"},
            ["predicate", "doc 1234567", "claim 123456789", "投入"],
        ),
        (
            {"where": "text", "doc_id": 2, "claim_id": 5, "snippet": "…第一行\n第二行\t[b]x[/b]…"},
            ["text", "doc 2", "claim 5", "…第一行 第二行 [b]x[/b]…"],
        ),
    ],
)
def test_search_hit_columns_never_run_together(hit, columns):
    from tui.widgets.claim_list import hit_label

    label = hit_label(hit)
    plain = label.plain
    assert "\n" not in plain
    # each column is followed by at least one space before the next begins
    pos = 0
    for column in columns:
        i = plain.index(column, pos)
        assert plain[pos:i].strip() == "", (plain, column)
        pos = i + len(column)
        if column is not columns[-1]:
            assert plain[pos] == " ", (plain, column)
    assert not label.spans or all(s.style != "bold" for s in label.spans)  # text, not markup


async def test_search_result_labels_are_separated_on_screen(tmp_path):
    from textual.widgets import OptionList

    from tui.screens.panels import SearchScreen

    path = tmp_path / "small.db"
    build_small_screen_db(path)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"8000小时", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one(OptionList).option_count >= 1
        shown = screen_text(app)
        assert "quantity_textdoc" not in shown
        assert re.search(r"quantity +doc 1 +claim \d+ +超过8000小时", shown), shown


# --------------------------------------------------------------------------- control characters


def test_control_characters_are_drawn_visibly_one_for_one():
    from tui.widgets.document_view import displayed

    text = "标题\x1b]2;pwned\x07正文\t一\r二\x7f三\x9b四\n下一段"
    shown = displayed(text)
    assert len(shown) == len(text)
    assert shown == "标题␛]2;pwned␇正文 一␍二␡三\ufffd四\n下一段"
    assert all(ch == "\n" or ch.isprintable() for ch in shown)


async def test_escape_sequences_in_a_document_never_reach_the_terminal(tmp_path):
    """An OSC sequence (it renamed the terminal window) and a bell before the claim: drawn as
    ␛ and ␇, and the highlight is still exactly the quantity (Rich alone would drop the BEL
    and shift it by one)."""
    path = tmp_path / "ctrl.db"
    text = "前言\x1b]2;pwned\x07。据统计，\r全市共有一千二百家企业参与。\t其中约三成来自浦东新区。"
    conn = open_db(path)
    doc = add_document(conn, text, "控制字符", "t/ctrl.txt")
    add_claim(conn, doc, text, "一千二百家", value=1200, unit="家", subject="全市")
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(DocumentView)
        drawn = "".join(
            seg.text for y in range(view.size.height) for seg in view.render_line(y)._segments
        )
        assert "\x1b" not in drawn and "\x07" not in drawn and "\r" not in drawn
        assert "␛]2;pwned␇" in drawn
        styles = view.styles_for()
        for layer, expected in (("quantity", "一千二百家"), ("subject", "全市")):
            got = "".join(
                seg.text
                for i in range(len(view.lines))
                for seg in view.render_text_line(i).render(app.console)
                if seg.style and seg.style.bgcolor == styles[layer].bgcolor
            )
            assert got == expected
        assert "␛]2;pwned␇" in screen_text(app)


async def test_card_header_and_list_show_fields_as_text(tmp_path):
    """Markup and escape sequences in a title, a source and claim fields are drawn as text."""
    path = tmp_path / "fields.db"
    conn = open_db(path)
    doc = add_document(conn, DOC2, "[b]标题[/b]\x1b]2;x\x07", "t/[/source].txt")
    claim_id = add_claim(conn, doc, DOC2, "一千二百家", value=1200, unit="家", subject="全市")
    with conn:
        conn.execute(
            "UPDATE claims SET subject = ?, predicate = ?, object = ? WHERE id = ?",
            ("[/subject]\x1b[31m", "[red]共有[/red]", "企业\x07", claim_id),
        )
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "[b]标题[/b]␛]2;x␇" in shown
        assert "t/[/source].txt" in shown
        fields = card_fields(app)
        assert fields["subject"] == "[/subject]␛[31m"
        assert fields["predicate"] == "[red]共有[/red]"
        assert fields["object"] == "企业␇"
        assert "\x1b" not in shown and "\x07" not in shown


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="甲乙丙，。、（）《》“”…—abc 1%.\n\u3000", max_size=120),
    width=st.integers(min_value=1, max_value=30),
)
def test_wrapping_invariants_on_any_text(text, width):
    """Whatever the text and width: lines fit, keep order, never overlap, start with no space
    after a wrap, and leave out only newlines and spaces where lines were wrapped."""
    spans = wrap_offsets(text, width)
    end = 0
    covered: set[int] = set()
    for a, b in spans:
        assert end <= a <= b <= len(text)
        line = text[a:b]
        assert cell_len(line) <= max(width, 2) and "\n" not in line
        if a > 0 and text[a - 1] != "\n" and line:
            assert not line[0].isspace()
        covered.update(range(a, b))
        end = b
    assert all(text[i] == "\n" or text[i].isspace() for i in set(range(len(text))) - covered)
    assert len(spans) >= text.count("\n") + 1
