"""Keys to truth: the key presses an oracle reviewer needs in the real app to reach the gold.

The reviewer knows the gold and uses only what the review screen offers, through key presses
(the app is built with :func:`tui.app.make_app` and driven headless with ``App.run_test()`` and
Pilot, as in the tests). For every candidate on screen it does the cheapest thing that makes
the database agree with the gold under the eval rules (:mod:`extractor.evaluate`: a gold claim
is *found* by a candidate that overlaps it with the same value and unit; subject, predicate,
qualifier and time are then right or wrong):

- **accept** a candidate that finds a gold claim with every field right (one key);
- **edit** one that finds a gold claim with wrong fields, or that overlaps a gold claim with
  the wrong value or unit: open the form, move to each wrong field (Tab / Shift+Tab, whichever
  way round is shorter), clear it when it must be emptied, type the gold value (each character
  is one key; a value may be typed as ``71亿``), save. Today's app does not move on after an
  edit, so the move to the next pending claim is paid too;
- **reject** a false alarm (a candidate that overlaps a look-alike, nothing, or a gold claim
  another candidate already finds);
- **add** a gold claim no candidate finds, from a claim in its sentence (``n``, type the
  quantity, fix what the form's pre-fill got wrong, save); when no candidate shares its
  sentence, from the nearest one, typing the offsets too;
- **move** with ``j``/``k`` when the screen is not on a pending claim.

Every key press is counted. How a field is fixed is a :class:`Fixer`: today only
:class:`TypeInForm` exists, because typing is all the app offers; picking an alternative,
selecting a span or applying a fix to siblings plug in as further fixers, each used only when
the screen offers it and it is cheaper.

The bench works on a copy of ``--db`` (the file given is left untouched, so a run can be
repeated). At the end the copy is exported with ``claimdesk export --status any`` and checked:
every gold claim accepted with the gold's fields (the eval rules) and every other candidate of
the gold's documents rejected. A run that does not reach that state exits with status 1 and
lists the claims that differ. Gold claims the app cannot express (no numeric value, a span that
is not in the text, a document without any candidate to open) are listed apart, left out of the
figure, and fail the run only with ``--strict``.

Usage::

    python bench/keys.py GOLD.jsonl [GOLD.jsonl ...] --db DB [--split SPLIT.json --part test]
        [--out bench/out/keys.json] [--strict] [--verbose]

The last line printed is ``keys per gold claim: X.XX (N gold claims, M keys)``; the figures
are written to ``--out`` as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db.claims import match_sources  # noqa: E402
from db.errors import ClaimdeskError  # noqa: E402
from db.schema import KINDS, QUALIFIERS  # noqa: E402
from extractor.evaluate import (  # noqa: E402
    _FIELDS,
    _field_right,
    _kind,
    _matches,
    _norm,
    _overlaps,
    _same_value,
)

#: The form field that holds each scored field (the eval compares the gold ``time`` with the
#: claim's ``time_text``).
FORM_FIELD = {"subject": "subject", "predicate": "predicate", "qualifier": "qualifier",
              "time": "time_text"}  # fmt: skip

#: How long the screen may take to show the result of a key (a generous bound for a busy
#: machine; the bench never sleeps for a fixed time, it polls until the screen has settled).
SETTLE_SECONDS = 30.0

#: The terminal size the app runs in.
SIZE = (120, 40)


class BenchError(Exception):
    """The app did not do what its keys promise; the message says where."""


# --------------------------------------------------------------------------- the gold


@dataclass
class Plan:
    """What the oracle will do, decided from the gold and the candidates before any key."""

    action: dict[int, str] = field(default_factory=dict)
    """Candidate id -> ``accept``, ``edit`` or ``reject``."""
    target: dict[int, dict] = field(default_factory=dict)
    """Candidate id -> the gold claim it is brought to (accepted and edited candidates)."""
    adds: dict[int, list[dict]] = field(default_factory=lambda: defaultdict(list))
    """Candidate id -> gold claims to add while that candidate is on screen (its host)."""
    inexpressible: list[tuple[dict, str]] = field(default_factory=list)
    """Gold claims the app cannot express, with the reason."""


def gold_records(paths: Iterable[str], split: str | None, part: str) -> list[dict]:
    """Gold lines of ``paths`` (checked line by line), restricted to ``part`` of ``split``.

    Raises:
        ClaimdeskError: a file is unreadable or a line is malformed (file and line named), or
            the split file is unusable.
    """
    from tui.cli import load_gold

    gold = [g for path in paths for g in load_gold(path)]
    for g in gold:
        g["doc"] = str(g["doc"])
    if split is None:
        return gold
    try:
        parts = json.loads(Path(split).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ClaimdeskError(f"{split}: cannot read the split ({exc})") from None
    if not isinstance(parts, dict) or not isinstance(parts.get(part), list):
        raise ClaimdeskError(f"{split}: no list of article ids named {part!r}")
    wanted = {str(d) for d in parts[part]}
    kept = [g for g in gold if g["doc"] in wanted]
    if not kept:
        raise ClaimdeskError(f"{split}: none of the gold's documents is in part {part!r}")
    return kept


def cannot_express(g: dict, text: str) -> str | None:
    """Why the app cannot hold gold claim ``g`` at all (None when it can)."""
    start, end = g.get("start"), g.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        return f"its span {start}..{end} is not in the document"
    if text[start:end] != g.get("surface"):
        return f"the text at {start}..{end} is {text[start:end]!r}, not {g.get('surface')!r}"
    if g.get("value") is None:
        return "it has no numeric value (the app needs a number)"
    if (_norm(g.get("qualifier")) or "=") not in QUALIFIERS:
        return f"its qualifier {g.get('qualifier')!r} is none of {' '.join(QUALIFIERS)}"
    return None


def make_plan(gold: list[dict], texts: dict[int, str], candidates: dict[int, list[dict]]) -> Plan:
    """Decide every candidate's fate and where each missed gold claim is added.

    Gold claims are matched to candidates as :func:`extractor.evaluate.score` does (in reading
    order, each candidate finding at most one). A gold claim no candidate finds is fixed from
    the first unused candidate that overlaps it (an edit of value or unit), else added.
    """
    plan = Plan()
    by_doc: dict[int, list[dict]] = defaultdict(list)
    for g in gold:
        by_doc[g["_doc_id"]].append(g)
    for doc_id, golds in by_doc.items():
        preds = sorted(candidates.get(doc_id, []), key=lambda p: (p["start"], p["end"]))
        claims = sorted((g for g in golds if g.get("claim")), key=lambda g: (g["start"], g["end"]))
        used: set[int] = set()
        missed: list[dict] = []
        for g in claims:
            why = cannot_express(g, texts[doc_id])
            if why:
                plan.inexpressible.append((g, why))
                continue
            hit = next((p for p in preds if p["id"] not in used and _matches(g, p)), None)
            if hit is None:
                missed.append(g)
                continue
            used.add(hit["id"])
            plan.target[hit["id"]] = g
            right = all(_field_right(f, g, hit)[0] for f in _FIELDS)
            plan.action[hit["id"]] = "accept" if right else "edit"
        for g in missed:
            over = next((p for p in preds if p["id"] not in used and _overlaps(g, p)), None)
            if over is not None:
                used.add(over["id"])
                plan.target[over["id"]] = g
                plan.action[over["id"]] = "edit"
                continue
            if not preds:
                plan.inexpressible.append(
                    (g, "its document has no candidate, and the app opens only claims")
                )
                continue
            plan.adds[host(g, preds)].append(g)
        for p in preds:
            plan.action.setdefault(p["id"], "reject")
    return plan


def host(g: dict, preds: list[dict]) -> int:
    """The candidate from which gold claim ``g`` is added: one in its sentence (the add form
    works in the sentence on screen), else the nearest."""
    inside = [
        p for p in preds if p["sentence_start"] <= g["start"] and g["end"] <= p["sentence_end"]
    ]
    pool = inside or preds
    return min(pool, key=lambda p: (abs(p["start"] - g["start"]), p["id"]))["id"]


def value_text(value: float) -> str:
    """The shortest way to type ``value`` in the form: digits, or with 万 or 亿 as a reviewer
    writes them (1000万, 71亿; never 0.1亿)."""
    options = [f"{value:.15g}"]
    for scale, word in ((1e4, "万"), (1e8, "亿")):
        scaled = f"{value / scale:.15g}"
        if abs(value) >= scale and "e" not in scaled and _same_value(float(scaled) * scale, value):
            options.append(scaled + word)
    return min(options, key=len)


def gold_text(form_field: str, g: dict) -> str:
    """The text the oracle types into ``form_field`` for gold claim ``g``."""
    if form_field == "value":
        return value_text(float(g["value"]))
    if form_field == "unit":
        return str(g.get("unit") or "")
    if form_field == "qualifier":
        return _norm(g.get("qualifier")) or "="
    if form_field == "time_text":
        return str(g.get("time") or "").strip()
    if form_field == "kind":
        kind = _kind(g)
        return kind if kind in KINDS else "other"
    return str(g.get(form_field) or "").strip()


def wrong_fields(g: dict, shown: dict[str, str], *, adding: bool) -> dict[str, str]:
    """Form fields to change, with their new text, so that the claim is right for ``g``.

    Args:
        g: the gold claim.
        shown: the form's fields as displayed.
        adding: the add form (value, qualifier and kind must not stay empty there).
    """
    p: dict[str, Any] = {k: shown.get(k, "") for k in ("unit", "subject", "predicate", "time_text")}
    p["qualifier"] = shown.get("qualifier", "")
    try:
        p["start"], p["end"] = int(shown.get("start", "")), int(shown.get("end", ""))
    except ValueError:
        p["start"], p["end"] = g["start"], g["end"]  # offsets are fixed separately
    try:
        p["value"] = float(shown.get("value", "").replace(",", ""))
    except ValueError:
        p["value"] = None
    out: dict[str, str] = {}
    if not _same_value(g.get("value"), p["value"]):
        out["value"] = gold_text("value", g)
    if not _matches(g, {**p, "value": g.get("value")}):
        out["unit"] = gold_text("unit", g)
    for name in _FIELDS:
        if not _field_right(name, g, p)[0]:
            out[FORM_FIELD[name]] = gold_text(FORM_FIELD[name], g)
    if adding:
        if not shown.get("qualifier"):
            out["qualifier"] = gold_text("qualifier", g)
        if not shown.get("kind"):
            out["kind"] = gold_text("kind", g)
    return {k: v for k, v in out.items() if v != shown.get(k, "")}


# --------------------------------------------------------------------------- key accounting


def key_event(key: str) -> Any:
    """The key event a terminal driver sends for ``key`` (a key name or one character)."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1:
        return events.Key(key if key.isalnum() else _character_to_key(key), key)
    try:
        char: str | None = unicodedata.lookup(
            _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
        )
    except KeyError:
        char = None
    return events.Key(key, char)


@dataclass
class Keys:
    """Every key pressed, by action (accept, edit, ...) and by part (open, tab, type, ...)."""

    by: Counter[tuple[str, str]] = field(default_factory=Counter)
    actions: Counter[str] = field(default_factory=Counter)
    typed: Counter[str] = field(default_factory=Counter)
    """Characters typed per form field."""
    typed_where: Counter[str] = field(default_factory=Counter)
    """Typed values by where their text is: ``sentence``, ``document`` or ``nowhere``."""

    @property
    def total(self) -> int:
        return sum(self.by.values())

    def count(self, action: str, part: str, n: int = 1) -> None:
        self.by[action, part] += n


class Driver:
    """Presses keys in the running app, counts them and waits until the screen has settled."""

    def __init__(self, app: Any, pilot: Any, db_path: str, keys: Keys, verbose: bool) -> None:
        self.app = app
        self.pilot = pilot
        self.keys = keys
        self.verbose = verbose
        self.db = sqlite3.connect(db_path)
        self.db.row_factory = sqlite3.Row

    # ---- what the screen and the database show

    def on_screen(self) -> int | None:
        """The id of the claim the review screen shows (None under a form or when empty)."""
        from textual.screen import ModalScreen

        screen = self.app.screen
        if isinstance(screen, ModalScreen):
            return None
        claim = getattr(screen, "claim", None)
        if claim is None:
            return None
        try:
            return int(claim["id"])
        except (TypeError, KeyError, IndexError):
            return int(claim.id)

    def claim(self, claim_id: int) -> dict[str, Any]:
        """A claim's committed state."""
        row = self.db.execute("SELECT * FROM claims WHERE id = ?", (claim_id,)).fetchone()
        if row is None:
            raise BenchError(f"claim {claim_id} is not in the database")
        return dict(row)

    def pending(self) -> int:
        return int(
            self.db.execute("SELECT count(*) FROM claims WHERE status='pending'").fetchone()[0]
        )

    def form_inputs(self) -> dict[str, Any]:
        """The open form's inputs by field (``#f-<field>``); empty when no form is open."""
        from textual.screen import ModalScreen
        from textual.widgets import Input

        screen = self.app.screen
        if not isinstance(screen, ModalScreen):
            return {}
        return {w.id[2:]: w for w in screen.query(Input) if w.id and w.id.startswith("f-")}

    def form_errors(self) -> str:
        for widget in self.app.screen.query("#errors"):
            return str(widget.render()).strip()
        return ""

    # ---- pressing and waiting

    async def press(self, action: str, part: str, *keys: str) -> None:
        for key in keys:
            await self.pilot.press(key)
            self.keys.count(action, part)

    async def send(self, action: str, part: str, keys: list[str]) -> None:
        """Send a run of keys the way a terminal does, then let the screen settle once.

        For typing and moving through a form: ``Pilot.press`` waits for the whole app to idle
        after every key (about a fifth of a second here), and it loses the character of
        non-ASCII punctuation (（ — ：). Each key is still one key event, counted as one key;
        callers check the effect (the field's text, the focus) after the run.
        """
        for key in keys:
            self.app.post_message(key_event(key))
            self.keys.count(action, part)
        await self.pilot.pause()

    async def settle(self, done: Callable[[], bool], what: str) -> None:
        """Let the app run until ``done()`` holds (never a fixed pause)."""
        deadline = time.monotonic() + SETTLE_SECONDS
        while not done():
            if time.monotonic() > deadline:
                raise BenchError(f"the screen did not settle: {what}")
            await self.pilot.pause()

    # ---- moving

    def list_order(self) -> list[int]:
        """Claim ids in the review list's order (document, then position)."""
        return [r[0] for r in self.db.execute("SELECT id FROM claims ORDER BY doc_id, start, id")]

    async def to_pending(self) -> None:
        """From a decided claim on screen to the nearest pending one, with ``j``/``k``."""
        here = self.on_screen()
        order = self.list_order()
        status = dict(self.db.execute("SELECT id, status FROM claims").fetchall())
        pos = order.index(here) if here in order else 0
        todo = [i for i, cid in enumerate(order) if status[cid] == "pending"]
        if not todo:
            return
        best = min(todo, key=lambda i: (abs(i - pos), i < pos))
        key = "j" if best > pos else "k"
        self.keys.actions["move"] += 1
        for _ in range(len(order)):
            before = self.on_screen()
            await self.press("move", key, key)
            await self.settle(lambda b=before: self.on_screen() not in (None, b),  # type: ignore[misc]
                              f"{key} did not move from claim {before}")  # fmt: skip
            now = self.on_screen()
            if now is not None and self.claim(now)["status"] == "pending":
                return
        raise BenchError(f"{key} never reached a pending claim from claim {here}")

    # ---- deciding

    async def decide(self, action: str, claim_id: int) -> None:
        """Accept or reject the claim on screen; the app moves on by itself."""
        key = {"accept": "a", "reject": "x"}[action]
        await self.press(action, "key", key)
        want = "accepted" if action == "accept" else "rejected"

        def done() -> bool:
            if self.claim(claim_id)["status"] != want:
                return False
            return self.on_screen() != claim_id or self.pending() == 0

        await self.settle(done, f"{key} on claim {claim_id} was not committed")
        self.keys.actions[action] += 1

    async def open_form(self, action: str, key: str) -> dict[str, Any]:
        await self.press(action, "open", key)
        await self.settle(lambda: bool(self.form_inputs()), f"{key} opened no form")
        return self.form_inputs()

    async def fill(self, action: str, fixes: dict[str, str], text: str, sentence: str) -> None:
        """Move to each field of ``fixes`` (shortest way round the focus chain) and type."""
        inputs = self.form_inputs()
        unknown = set(fixes) - set(inputs)
        if unknown:
            raise BenchError(f"the form has no field {', '.join(sorted(unknown))}")
        chain = list(self.app.screen.focus_chain)
        index = {id(w): i for i, w in enumerate(chain)}
        focused = self.app.focused
        if focused is None or id(focused) not in index:
            raise BenchError("nothing in the form has focus")
        want = {index[id(inputs[name])]: name for name in fixes}
        pos = index[id(focused)]
        for target, key, steps in route(len(chain), pos, list(want)):
            await self.send(action, "tab", [key] * steps)
            widget = chain[target]
            await self.settle(lambda w=widget: self.app.focused is w,  # type: ignore[misc]
                              f"{key} did not reach the field {want[target]}")  # fmt: skip
            await self.type_into(action, want[target], widget, fixes[want[target]])
            where = "sentence" if fixes[want[target]] in sentence else (
                "document" if fixes[want[target]] in text else "nowhere")  # fmt: skip
            if fixes[want[target]]:
                self.keys.typed_where[f"{want[target]} in {where}"] += 1

    async def type_into(self, action: str, name: str, widget: Any, new: str) -> None:
        """Replace the text of a focused input: the form selects it on focus, so typing
        replaces it; when it is not selected, ``End`` and ``Ctrl+U`` clear it first."""
        old = widget.value
        if old == new:
            return
        selection = widget.selection
        all_selected = sorted((selection.start, selection.end)) == [0, len(old)]
        if old and (not all_selected or not new):
            if not all_selected and widget.cursor_position != len(old):
                await self.press(action, "clear", "end")
            await self.press(action, "clear", "ctrl+u")
        await self.send(action, "type", list(new))
        self.keys.typed[name] += len(new)
        await self.settle(lambda: widget.value == new,
                          f"typing {new!r} into {name} gave {widget.value!r}")  # fmt: skip

    async def close_form(self) -> None:
        """Esc out of a form left open by a failure (the key is counted under ``failed``)."""
        if self.form_inputs():
            await self.press("failed", "escape", "escape")
            await self.settle(lambda: not self.form_inputs(), "Esc did not close the form")

    async def save(self, action: str) -> None:
        await self.press(action, "save", "ctrl+s")
        await self.settle(lambda: not self.form_inputs() or bool(self.form_errors()),
                          "Ctrl+S neither closed the form nor said why")  # fmt: skip
        if self.form_inputs():
            errors = self.form_errors()
            await self.press(action, "cancel", "escape")
            await self.settle(lambda: not self.form_inputs(), "Esc did not close the form")
            raise BenchError(f"the form refused to save: {errors}")

    async def edit(self, claim_id: int, g: dict, text: str) -> None:
        """Fix the claim on screen to gold claim ``g`` in the edit form."""
        inputs = await self.open_form("edit", "e")
        shown = {name: w.value for name, w in inputs.items()}
        fixes = wrong_fields(g, shown, adding=False)
        sentence = text[
            self.claim(claim_id)["sentence_start"] : self.claim(claim_id)["sentence_end"]
        ]
        await apply_fixes(self, "edit", fixes, text, sentence)
        await self.save("edit")
        await self.settle(lambda: self.claim(claim_id)["status"] == "accepted"
                          and self.on_screen() is not None,
                          f"the edit of claim {claim_id} was not committed")  # fmt: skip
        self.keys.actions["edit"] += 1

    async def add(self, doc_id: int, g: dict, text: str, host_claim: dict) -> None:
        """Add gold claim ``g`` from the claim on screen with the add form."""
        before = self.db.execute("SELECT max(id) FROM claims").fetchone()[0] or 0
        await self.open_form("add", "n")
        sentence = text[host_claim["sentence_start"] : host_claim["sentence_end"]]
        await apply_fixes(self, "add", {"quantity_text": g["surface"]}, text, sentence)
        await self.pilot.pause()
        shown = {name: w.value for name, w in self.form_inputs().items()}
        fixes: dict[str, str] = {}
        if shown.get("start") != str(g["start"]) or shown.get("end") != str(g["end"]):
            # Not found in the sentence on screen (or found elsewhere in it): type the offsets.
            fixes = {"start": str(g["start"]), "end": str(g["end"])}
            self.keys.actions["add with typed offsets"] += 1
        fixes.update(wrong_fields(g, shown, adding=True))
        await apply_fixes(self, "add", fixes, text, sentence)
        await self.save("add")

        def added() -> bool:
            row = self.db.execute("SELECT max(id) FROM claims").fetchone()[0] or 0
            return row > before and self.on_screen() is not None

        await self.settle(added, f"the add of {g['surface']!r} was not committed")
        self.keys.actions["add"] += 1


class Fixer(Protocol):
    """One way of setting fields of a claim to the gold's text.

    Today the app offers only typing into the form (:class:`TypeInForm`). Picking one of the
    alternatives shown, selecting a span of the sentence or applying a fix to the siblings plug
    in as further fixers, placed before typing in :data:`FIXERS`: each takes the fields it can
    set more cheaply, only when the screen on display offers it, and leaves the rest.
    """

    def offered(self, driver: Driver) -> bool:
        """Whether the screen on display offers this way of fixing."""
        ...

    def fix(
        self, driver: Driver, action: str, fixes: dict[str, str], text: str, sentence: str
    ) -> Awaitable[dict[str, str]]:
        """Press the keys that set some fields of ``fixes``; return the fields left to set."""
        ...


class TypeInForm:
    """Move to each wrong field of the form and type its gold value (one key a character)."""

    def offered(self, driver: Driver) -> bool:
        """The claim form is open."""
        return bool(driver.form_inputs())

    async def fix(
        self, driver: Driver, action: str, fixes: dict[str, str], text: str, sentence: str
    ) -> dict[str, str]:
        """Type every field of ``fixes``; nothing is left."""
        if fixes:
            await driver.fill(action, fixes, text, sentence)
        return {}


#: The ways of fixing fields, cheapest first; typing, which always works, comes last.
FIXERS: tuple[Fixer, ...] = (TypeInForm(),)


async def apply_fixes(
    driver: Driver, action: str, fixes: dict[str, str], text: str, sentence: str
) -> None:
    """Set each field of ``fixes`` with the cheapest fixer the screen offers."""
    for fixer in FIXERS:
        if fixes and fixer.offered(driver):
            fixes = await fixer.fix(driver, action, fixes, text, sentence)
    if fixes:
        raise BenchError(f"the screen offers no way to set {', '.join(sorted(fixes))}")


def route(n: int, start: int, targets: list[int]) -> list[tuple[int, str, int]]:
    """The fewest Tab / Shift+Tab presses visiting every target of a focus ring of ``n``.

    Returns:
        ``(target, key, presses)`` in visiting order: forward targets then backward ones, or
        backward then forward, whichever costs fewer presses in all.
    """
    fwd = sorted(set(targets), key=lambda t: (t - start) % n)
    best: tuple[int, list[tuple[int, str, int]]] | None = None
    for split in range(len(fwd) + 1):
        ahead, behind = fwd[:split], fwd[split:][::-1]  # behind: nearest backward first
        a = (ahead[-1] - start) % n if ahead else 0
        b = (start - behind[-1]) % n if behind else 0
        for first in ("tab", "shift+tab"):
            cost = 2 * a + b if first == "tab" else a + 2 * b
            if best is not None and cost >= best[0]:
                continue
            legs = [(ahead, "tab"), (behind, "shift+tab")]
            if first == "shift+tab":
                legs.reverse()
            steps: list[tuple[int, str, int]] = []
            pos = start
            for group, key in legs:
                for t in group:
                    d = (t - pos) % n if key == "tab" else (pos - t) % n
                    steps.append((t, key, d))
                    pos = t
            best = (cost, steps)
    return best[1] if best else []


# --------------------------------------------------------------------------- the run


@dataclass
class Outcome:
    """What a run did and found."""

    keys: Keys
    plan: Plan
    differences: list[str]
    problems: list[str]
    seconds: float
    """Wall-clock seconds of the review (the machine's load counts)."""
    cpu_seconds: float
    """CPU seconds of the review (what the run costs on an idle machine)."""
    gold_claims: int


async def review(db_path: str, gold: list[dict], plan: Plan, texts: dict[int, str],
                 verbose: bool) -> tuple[Keys, list[str]]:  # fmt: skip
    """Drive the app until nothing is pending; return the keys and the problems met."""
    from tui.app import make_app

    keys = Keys()
    problems: list[str] = []
    app = make_app(db_path, "keys-bench")
    async with app.run_test(size=SIZE) as pilot:
        d = Driver(app, pilot, db_path, keys, verbose)
        await d.settle(
            lambda: d.on_screen() is not None or not d.pending(), "the review screen shows no claim"
        )
        done_adds: set[int] = set()
        while d.pending():
            await d.settle(
                lambda: d.on_screen() is not None,
                f"{type(app.screen).__name__} shows no claim while claims are pending",
            )
            here = d.on_screen()
            assert here is not None
            claim = d.claim(here)
            if claim["status"] != "pending":
                await d.to_pending()
                continue
            action = plan.action.get(here)
            if action is None:
                raise BenchError(f"claim {here} on screen was not in the plan")
            doc_id = claim["doc_id"]
            text = texts[doc_id]
            adds = [g for g in plan.adds.get(here, []) if id(g) not in done_adds]
            if verbose:
                print(f"claim {here} {claim['quantity_text']}: {action}, {len(adds)} to add",
                      file=sys.stderr)  # fmt: skip
            if adds and action != "edit":
                # Add first (the screen then shows the new claim), come back, then decide.
                for g in adds:
                    done_adds.add(id(g))
                    await attempt(d, problems, d.add(doc_id, g, text, claim), g)
                continue
            try:
                if action == "edit":
                    await d.edit(here, plan.target[here], text)
                else:
                    await d.decide(action, here)
            except BenchError as exc:
                problems.append(f"claim {here} ({claim['quantity_text']}): {exc}")
                await d.close_form()
                if d.claim(here)["status"] == "pending":
                    await d.decide("reject", here)  # out of the way; the check reports it
            for g in adds:
                done_adds.add(id(g))
                await attempt(d, problems, d.add(doc_id, g, text, claim), g)
        d.db.close()
        await pilot.press("q")
    return keys, problems


async def attempt(d: Driver, problems: list[str], work: Awaitable[None], g: dict) -> None:
    """Run one add; a failure is noted (the final check reports the claim) and the form closed."""
    try:
        await work
    except BenchError as exc:
        problems.append(f"adding {g['doc']} [{g['start']}:{g['end']}] {g['surface']}: {exc}")
        if d.verbose:
            print(f"problem: {problems[-1]}", file=sys.stderr)
        await d.close_form()


def export_all(db_path: str) -> list[dict]:
    """Every claim, through ``claimdesk export --status any`` (the real export)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "all.jsonl"
        run = subprocess.run(
            [sys.executable, "-m", "tui.cli", "export", "--db", db_path, "--status", "any",
             "-o", str(out)],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if run.returncode != 0:
            raise BenchError(f"claimdesk export failed: {run.stderr.strip()}")
        return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line]


def check(
    gold: list[dict], records: list[dict], docs: dict[int, str], skip: list[dict]
) -> list[str]:
    """Differences between the exported claims and the gold state (empty when reached).

    The gold state: every gold claim found by an accepted claim whose fields are right (the
    eval rules), nothing else accepted, nothing pending. ``skip``: gold claims the app cannot
    express, not checked here.
    """
    skipped = {id(g) for g in skip}
    out: list[str] = []
    accepted: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        name = docs.get(r["doc_id"])
        if name is None:
            continue
        r["doc"] = name
        if r["status"] == "pending":
            out.append(f"{name} [{r['start']}:{r['end']}] {r['quantity_text']}: left pending")
        elif r["status"] == "accepted":
            accepted[name].append(r)
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        by_doc[g["doc"]].append(g)
    for name, golds in sorted(by_doc.items()):
        preds = sorted(accepted.get(name, []), key=lambda p: (p["start"], p["end"]))
        used: set[int] = set()
        for g in sorted((g for g in golds if g.get("claim")), key=lambda g: (g["start"], g["end"])):
            where = f"{name} [{g['start']}:{g['end']}] {g['surface']}"
            hit = next((p for p in preds if p["claim_id"] not in used and _matches(g, p)), None)
            if hit is None:
                if id(g) not in skipped:
                    out.append(f"{where}: no accepted claim with value {g.get('value')} "
                               f"{g.get('unit') or ''}".rstrip())  # fmt: skip
                continue
            used.add(hit["claim_id"])
            for f in _FIELDS:
                if not _field_right(f, g, hit)[0]:
                    got = hit.get(FORM_FIELD[f])
                    out.append(f"{where}: {f} is {got!r}, gold {g.get(f)!r}")
        for p in preds:
            if p["claim_id"] not in used:
                out.append(f"{name} [{p['start']}:{p['end']}] {p['quantity_text']}: accepted, "
                           "but no gold claim")  # fmt: skip
    return out


def run(args: argparse.Namespace) -> Outcome:
    """Load, plan, drive the app on a copy of the database, export and check."""
    gold = gold_records(args.gold, args.split, args.part)
    src = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    try:
        docs = match_sources(src, {g["doc"] for g in gold})
        missing = {g["doc"] for g in gold} - set(docs.values())
        if missing:
            raise ClaimdeskError(
                f"{args.db}: {len(missing)} gold documents are not in the database "
                f"(ingest and extract them first): {', '.join(sorted(missing)[:5])}"
            )
        others = [s for i, s in src.execute("SELECT id, source FROM documents") if i not in docs]
        if others:
            raise ClaimdeskError(
                f"{args.db}: {len(others)} documents are not in the gold (e.g. {others[0]}); "
                "the bench needs a database of the gold's documents only"
            )
        decided = src.execute("SELECT count(*) FROM claims WHERE status != 'pending'").fetchone()[0]
        if decided:
            raise ClaimdeskError(f"{args.db}: {decided} claims are already decided; "
                                 "the bench starts from a freshly extracted database")  # fmt: skip
        tmp = tempfile.TemporaryDirectory(prefix="keys-bench-")
        work = os.path.join(tmp.name, "work.db")
        dst = sqlite3.connect(work)
        src.backup(dst)
        dst.close()
    except sqlite3.Error as exc:
        raise ClaimdeskError(f"{args.db}: not a readable claimdesk database ({exc})") from None
    finally:
        src.close()
    with tmp:
        conn = sqlite3.connect(work)
        conn.row_factory = sqlite3.Row
        texts = {i: t for i, t in conn.execute("SELECT id, text FROM documents")}
        candidates: dict[int, list[dict]] = defaultdict(list)
        for row in conn.execute("SELECT * FROM claims ORDER BY doc_id, start, id"):
            candidates[row["doc_id"]].append(dict(row))
        conn.close()
        by_name = {name: i for i, name in docs.items()}
        for g in gold:
            g["_doc_id"] = by_name[g["doc"]]
        plan = make_plan(gold, texts, candidates)
        t0, c0 = time.perf_counter(), time.process_time()
        keys, problems = asyncio.run(review(work, gold, plan, texts, args.verbose))
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        records = export_all(work)
    differences = check(gold, records, docs, [g for g, _ in plan.inexpressible])
    n = sum(1 for g in gold if g.get("claim")) - len(plan.inexpressible)
    return Outcome(keys, plan, differences, problems, seconds, cpu, n)


def report(out: Outcome, args: argparse.Namespace) -> dict[str, Any]:
    """Print the breakdown and return the figures for the JSON file."""
    keys = out.keys
    print(f"{'action':<10}{'times':>7}{'keys':>7}{'each':>7}  parts")
    rows = {}
    for action in ("accept", "reject", "edit", "add", "move", "failed"):
        parts = {p: n for (a, p), n in sorted(keys.by.items()) if a == action}
        total = sum(parts.values())
        times = keys.actions[action]
        each = total / times if times else 0.0
        detail = "  ".join(f"{p} {n}" for p, n in parts.items())
        print(f"{action:<10}{times:>7}{total:>7}{each:>7.2f}  {detail}")
        rows[action] = {"times": times, "keys": total, "parts": parts}
    if keys.actions["add with typed offsets"]:
        print(f"adds typed with offsets (no candidate in their sentence): "
              f"{keys.actions['add with typed offsets']}")  # fmt: skip
    if keys.typed:
        print("characters typed: " + "  ".join(f"{f} {n}" for f, n in keys.typed.most_common()))
        print("typed values found in the sentence / document / nowhere (a span selection "
              "could replace the first two): "
              + "  ".join(f"{k} {n}" for k, n in sorted(keys.typed_where.items())))  # fmt: skip
    if out.plan.inexpressible:
        print(f"cannot express in the app ({len(out.plan.inexpressible)}), left out of the figure:")
        for g, why in out.plan.inexpressible:
            print(f"  {g['doc']} [{g['start']}:{g['end']}] {g.get('surface')}: {why}")
    for p in out.problems:
        print(f"problem: {p}")
    if out.differences:
        print(f"gold state NOT reached: {len(out.differences)} differences")
        for line in out.differences:
            print(f"  {line}")
    else:
        print(
            "gold state reached: every gold claim accepted with its fields, every other "
            f"candidate rejected ({out.seconds:.1f} s, {out.cpu_seconds:.1f} s of CPU)"
        )
    per = keys.total / out.gold_claims if out.gold_claims else 0.0
    print(f"keys per gold claim: {per:.2f} ({out.gold_claims} gold claims, {keys.total} keys)")
    return {
        "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
        "gold": args.gold,
        "split": args.split and f"{args.split}:{args.part}",
        "gold_claims": out.gold_claims,
        "keys": keys.total,
        "keys_per_gold_claim": round(per, 4),
        "actions": rows,
        "typed_characters": dict(keys.typed),
        "typed_where": dict(keys.typed_where),
        "inexpressible": [
            {
                "doc": g["doc"],
                "start": g["start"],
                "end": g["end"],
                "surface": g.get("surface"),
                "why": why,
            }
            for g, why in out.plan.inexpressible
        ],
        "gold_state_reached": not out.differences,
        "differences": out.differences,
        "problems": out.problems,
        "seconds": round(out.seconds, 2),
        "cpu_seconds": round(out.cpu_seconds, 2),
        "machine": f"{platform.machine()} {platform.python_version()} {os.cpu_count()} cores",
        "date": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="bench/keys.py", description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    ap.add_argument("gold", nargs="+", help="gold JSONL file(s)")
    ap.add_argument(
        "--db",
        required=True,
        help="database holding the gold's documents, "
        "ingested and extracted (a copy is reviewed; this file is not changed)",
    )
    ap.add_argument("--split", help="split JSON (tests/data/split.json): keep one part's articles")
    ap.add_argument("--part", default="test", help="the part of --split to keep (default test)")
    ap.add_argument(
        "--out",
        default=str(ROOT / "bench" / "out" / "keys.json"),
        help="where to write the figures (JSON)",
    )
    ap.add_argument(
        "--strict",
        action="store_true",
        help="fail also when the gold has claims the app cannot express",
    )
    ap.add_argument("--verbose", action="store_true", help="say what is done to each claim")
    args = ap.parse_args(argv)  # fmt: skip
    if not Path(args.db).is_file():
        print(f"error: {args.db}: no such database", file=sys.stderr)
        return 2
    try:
        out = run(args)
    except ClaimdeskError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BenchError as exc:
        print(f"error: the run stopped: {exc}", file=sys.stderr)
        return 1
    figures = report(out, args)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", "utf-8")
    failed = bool(out.differences or out.problems) or (args.strict and out.plan.inexpressible)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
