"""Keys to truth: the key presses an oracle reviewer needs in the real app to reach the gold.

The reviewer knows the gold and uses only what the review screen offers, through key presses
(the app is built with :func:`tui.app.make_app` and driven headless with ``App.run_test()`` and
Pilot, as in the tests). For every candidate on screen it does the cheapest thing that makes
the database agree with the gold under the eval rules (:mod:`extractor.evaluate`: a gold claim
is *found* by a candidate that overlaps it with the same value and unit; subject, predicate,
qualifier and time are then right or wrong):

- **accept** a candidate that finds a gold claim with every field right (one key);
- **edit** one that finds a gold claim with wrong fields, or that overlaps a gold claim with
  the wrong value or unit, the cheapest way the screen offers (:func:`bench.keys_plan.cheapest`
  over the fixers below, a claim with several wrong fields by picks, one span draft and one
  form together). Every answer moves the app on to the next pending claim;
- **reject** a false alarm (a candidate that overlaps a look-alike, nothing, or a gold claim
  another candidate already finds);
- **add** a gold claim no candidate finds: a selection in the sentence (``v`` or ``N``, then
  ``n``) or the add form, its fields then fixed as an edit's; the document picker first for a
  document without candidates;
- **move** with ``J``/``K`` and ``j``/``k`` (:func:`bench.keys_plan.list_route`) when the
  screen is not on the claim to answer.

Every key press is counted, each typed character as one key. How a field is fixed is a
:class:`Fixer`, used only when the screen offers it: :class:`PickAlternative` (a runner-up
on the card: a digit, ``Alt`` + digit to stay, ``[``/``]``), :class:`SelectSpan` (span mode:
word moves, jumps, hint labels, a field key; the fewest keys by a breadth-first search over
the app's own words), :class:`ApplyToSiblings` (``g`` after a fix, when every claim it touches
ends right), :class:`OpenDocument` (the document picker) and :class:`TypeInForm` (the edit
form: Tab to the field, type, save), the fallback.

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
import inspect
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from textual.screen import ModalScreen

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import keys_plan as kp  # noqa: E402
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

#: The edit form's focus chain: the sentence, then each input (``tui.screens.edit.FIELDS``).
FORM_CHAIN = (
    "sentence", "quantity_text", "start", "end", "value", "value_max", "unit", "qualifier",
    "kind", "subject", "predicate", "object", "time_text", "time",
)  # fmt: skip

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
    orphans: list[dict] = field(default_factory=list)
    """Gold claims of documents without any candidate: added from the document alone when the
    app opens one (the document picker), else inexpressible."""


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
                plan.orphans.append(g)
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


def shown_fields(row: dict[str, Any]) -> dict[str, str]:
    """A claim's fields as the edit form shows them (whole numbers without ``.0``)."""
    out = {}
    for name in FORM_CHAIN[1:]:
        value = row.get(name)
        if value is None:
            out[name] = ""
        elif isinstance(value, float) and value.is_integer():
            out[name] = str(int(value))
        else:
            out[name] = str(value)
    return out


def add_form_cost(g: dict, text: str, host: dict | None) -> int:
    """Estimated keys of adding ``g`` with the add form from ``host`` (None: the document
    alone): ``n``, the quantity typed, the offsets typed when the quantity is not found
    first in the sentence on screen, every field the form's pre-fill (the app's
    ``tui.screens.edit.prefill``) leaves wrong typed after Tabs, ``Ctrl+S``."""
    from tui.screens.edit import prefill

    s0, s1 = (host["sentence_start"], host["sentence_end"]) if host else (0, len(text))
    surface = str(g.get("surface") or "")
    found = text.find(surface, s0, s1)
    shown = {k: "" for k in FORM_CHAIN[1:]}
    shown.update({k: ("" if v is None else str(v)) for k, v in prefill(surface).items()})
    shown.update(quantity_text=surface, start=str(g["start"]), end=str(g["end"]))
    fixes = wrong_fields(g, shown_fields({**shown, "value": _number(shown["value"])}),
                         adding=True)  # fmt: skip
    if found != g["start"]:
        fixes.update(start=str(g["start"]), end=str(g["end"]))
    typing = kp.form_cost(FORM_CHAIN, "quantity_text", fixes, route) - 2 if fixes else 0
    return 2 + len(surface) + typing


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


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

    fixes: Counter[str] = field(default_factory=Counter)
    """Commits per fixer (``form``, ``pick``, ``span``, ``siblings``)."""

    @property
    def total(self) -> int:
        return sum(self.by.values())

    def by_fixer(self) -> dict[str, dict[str, int]]:
        """Keys per fixer and part, from parts named ``fixer/part``."""
        out: dict[str, dict[str, int]] = defaultdict(dict)
        for (action, part), n in sorted(self.by.items()):
            if "/" in part:
                fixer, what = part.split("/", 1)
                fixer += " (add)" if action == "add" else ""
                out[fixer][what] = out[fixer].get(what, 0) + n
        return dict(out)

    def count(self, action: str, part: str, n: int = 1) -> None:
        self.by[action, part] += n


class Driver:
    """Presses keys in the running app, counts them and waits until the screen has settled."""

    def __init__(
        self,
        app: Any,
        pilot: Any,
        db_path: str,
        keys: Keys,
        verbose: bool,
        plan: Plan | None = None,
        texts: dict[int, str] | None = None,
    ) -> None:
        self.app = app
        self.pilot = pilot
        self.keys = keys
        self.verbose = verbose
        self.db_path = db_path
        self.db = sqlite3.connect(db_path)
        self.db.row_factory = sqlite3.Row
        self.plan = plan or Plan()
        self.texts = texts or {}
        self.problems: list[str] = []
        """Fixers that failed (their fields were typed instead)."""
        self.form_start = "value"
        """The field the edit form opened on last (where the next form is estimated to open)."""
        self.moves_on = True
        """The app moved on after the last commit (coming back to a claim costs a key)."""
        self.acting = "edit"
        """The action the fixers' keys count under (``edit``, or ``add`` while fixing an
        added claim)."""

    def fixer(self, name: str) -> str:
        """A fixer's name in the figures: ``pick (add)`` … while fixing an added claim (its
        keys count under the add, see :meth:`Keys.by_fixer`)."""
        return f"{name} (add)" if self.acting == "add" else name

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
        """A claim's committed state — as the screen shows it while it is pending and on
        screen: the app may show a pending claim's fields re-ranked by the document's
        decisions (``db.feedback``), and what a reviewer judges, picks from and accepts is
        what the card shows."""
        row = self.db.execute("SELECT * FROM claims WHERE id = ?", (claim_id,)).fetchone()
        if row is None:
            raise BenchError(f"claim {claim_id} is not in the database")
        out = dict(row)
        if out["status"] == "pending":
            shown = getattr(self.app.screen, "claim", None)
            if shown is not None and shown["id"] == claim_id and shown["status"] == "pending":
                out.update(dict(shown))
        return out

    def decisions(self, claim_id: int) -> int:
        """How many decisions the claim has (each commit adds one)."""
        sql = "SELECT count(*) FROM decisions WHERE claim_id = ?"
        return int(self.db.execute(sql, (claim_id,)).fetchone()[0])

    def doc_date(self, doc_id: int) -> str | None:
        row = self.db.execute("SELECT date FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

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

    def list_docs(self) -> list[int]:
        """The document of each claim of :meth:`list_order`, in the same order."""
        sql = "SELECT doc_id FROM claims ORDER BY doc_id, start, id"
        return [r[0] for r in self.db.execute(sql)]

    async def walk(self, docs: list[int], here: int, target: int, stop: Callable[[], bool]) -> bool:
        """Move along the review list (``docs``: :meth:`list_docs`) from position ``here`` to
        ``target`` the cheapest way the screen offers (:func:`keys_plan.list_route`: ``j``/``k``,
        and ``J``/``K`` to a document's first claim when bound), one counted move; True as soon
        as ``stop()`` holds after a key."""
        route = kp.list_route(docs, here, target)
        jumps = {"J": self.key_for("review.next_document", "J"),
                 "K": self.key_for("review.previous_document", "K")}  # fmt: skip
        if any(k in jumps and jumps[k] is None for k in route):
            route = ["j" if target > here else "k"] * abs(target - here)
        self.keys.actions["move"] += 1
        for key in route:
            key = jumps.get(key) or key
            before = self.on_screen()
            await self.press("move", key, key)
            await self.settle(lambda b=before: self.on_screen() not in (None, b),  # type: ignore[misc]
                              f"{key} did not move from claim {before}")  # fmt: skip
            if stop():
                return True
        return stop()

    def back_target(self) -> int | None:
        """The claim the app's back key (``review.back``) would show, when it has one."""
        if self.key_for("review.back", "b") is None:
            return None
        target = getattr(self.app.screen, "back_to", None)
        return int(target) if target is not None else None

    async def back(self, claim_id: int) -> bool:
        """Back to ``claim_id`` with one key when it is the claim the app would go back to."""
        if self.back_target() != claim_id or self.on_screen() == claim_id:
            return False
        key = self.key_for("review.back", "b")
        assert key is not None
        self.keys.actions["move"] += 1
        await self.press("move", "back", key)
        await self.settle(lambda: self.on_screen() == claim_id, f"{key} did not go back")
        return True

    async def to_pending(self) -> None:
        """From a decided claim on screen to a pending one: back (one key) to the claim shown
        before when it is pending, else the next pending claim (one key), else the pending
        claim fewest list keys away (:meth:`walk`)."""
        here = self.on_screen()
        order = self.list_order()
        status = dict(self.db.execute("SELECT id, status FROM claims").fetchall())
        target = self.back_target()
        if target is not None and status.get(target) == "pending" and await self.back(target):
            return
        key = self.key_for("review.next_pending", "p")
        if key is not None and "pending" in status.values():
            # Any pending claim will do (the review goes on from whichever is on screen).
            self.keys.actions["move"] += 1
            await self.press("move", "next pending", key)
            await self.settle(lambda: self.on_screen() is not None and self.on_screen() != here,
                              f"{key} did not go to a pending claim")  # fmt: skip
            now = self.on_screen()
            if now is not None and self.claim(now)["status"] == "pending":
                return
        pos = order.index(here) if here in order else 0
        todo = [i for i, cid in enumerate(order) if status[cid] == "pending"]
        if not todo:
            return
        docs = self.list_docs()
        best = min(todo, key=lambda i: (len(kp.list_route(docs, pos, i)), abs(i - pos), i < pos))

        def pending() -> bool:
            now = self.on_screen()
            return now is not None and self.claim(now)["status"] == "pending"

        if not await self.walk(docs, pos, best, pending):
            raise BenchError(f"no pending claim reached from claim {here}")

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
        await self.press(action, "form/open", key)
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
            await self.send(action, "form/tab", [key] * steps)
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
        keep, rest = kp.typing_keys(old, new)
        if keep is not None:  # the new text extends the old: keep it, type the rest
            await self.press(action, "form/keep", keep)
            await self.send(action, "form/type", list(rest))
            self.keys.typed[name] += len(rest)
            got = f"{keep} and {rest!r} made {name} {widget.value!r}, not {new!r}"
            await self.settle(lambda: widget.value == new, got)
            return
        if old and (not all_selected or not new):
            if not all_selected and widget.cursor_position != len(old):
                await self.press(action, "form/clear", "end")
            await self.press(action, "form/clear", "ctrl+u")
        await self.send(action, "form/type", list(new))
        self.keys.typed[name] += len(new)
        await self.settle(lambda: widget.value == new,
                          f"typing {new!r} into {name} gave {widget.value!r}")  # fmt: skip

    async def close_form(self) -> None:
        """Esc out of a form left open by a failure (the key is counted under ``failed``)."""
        if self.form_inputs():
            await self.press("failed", "escape", "escape")
            await self.settle(lambda: not self.form_inputs(), "Esc did not close the form")

    async def save(self, action: str) -> None:
        await self.press(action, "form/save", "ctrl+s")
        await self.settle(lambda: not self.form_inputs() or bool(self.form_errors()),
                          "Ctrl+S neither closed the form nor said why")  # fmt: skip
        if self.form_inputs():
            errors = self.form_errors()
            await self.press(action, "form/cancel", "escape")
            await self.settle(lambda: not self.form_inputs(), "Esc did not close the form")
            raise BenchError(f"the form refused to save: {errors}")

    async def form_edit(self, claim_id: int, g: dict, text: str, only: set[str] | None) -> None:
        """Fix the claim on screen to gold claim ``g`` in the edit form (only the fields of
        ``only`` when given, else every wrong one)."""
        inputs = await self.open_form(self.acting, "e")
        focused = self.app.focused
        for name, widget in inputs.items():
            if widget is focused:
                self.form_start = name  # the form's first field, for the next estimate
        shown = {name: w.value for name, w in inputs.items()}
        fixes = wrong_fields(g, shown, adding=False)
        if only is not None:
            fixes = {k: v for k, v in fixes.items() if k in only}
        if not fixes:
            await self.close_form()
            raise BenchError(f"the form of claim {claim_id} shows nothing to fix in {only}")
        row = self.claim(claim_id)
        sentence = text[row["sentence_start"] : row["sentence_end"]]
        before = self.decisions(claim_id)
        await apply_fixes(self, self.acting, fixes, text, sentence)
        await self.save(self.acting)
        await self.settle(lambda: self.claim(claim_id)["status"] == "accepted"
                          and self.decisions(claim_id) > before
                          and self.on_screen() is not None,
                          f"the edit of claim {claim_id} was not committed")  # fmt: skip
        self.keys.fixes[self.fixer("form")] += 1

    # ---- what the screen offers (binding ids of the key contract, issue 14)

    def bindings(self) -> dict[str, list[str]]:
        """Binding id -> its keys, for the bindings the screen has active and enabled (a
        user keymap applied)."""
        out: dict[str, list[str]] = defaultdict(list)
        for key, active in self.app.screen.active_bindings.items():
            if active.enabled and active.binding.id:
                out[active.binding.id].append(key)
        return out

    def key_for(self, binding_id: str, preferred: str) -> str | None:
        """The key to press for ``binding_id``: the contract's key when bound, else the first
        key bound; None when the screen does not offer it."""
        keys = self.bindings().get(binding_id)
        if not keys:
            return None
        return preferred if preferred in keys else keys[0]

    # ---- moving to a claim

    async def goto(self, claim_id: int) -> None:
        """From the claim on screen to ``claim_id``: the back key when the app would go back
        to it, else the list keys (:meth:`walk`; counted as moves)."""
        order = self.list_order()
        here = self.on_screen()
        if here == claim_id:
            return
        if await self.back(claim_id):
            return
        if here not in order or claim_id not in order:
            raise BenchError(f"cannot find claim {claim_id} from claim {here} in the list")
        if not await self.walk(self.list_docs(), order.index(here), order.index(claim_id),
                               lambda: self.on_screen() == claim_id):  # fmt: skip
            raise BenchError(f"the list keys never reached claim {claim_id}")

    def back_cost(self, claim_id: int) -> int:
        """Keys from the next pending claim after ``claim_id`` (where the app moves on to
        after a commit) back to it: the back key, else ``k`` presses."""
        if self.key_for("review.back", "b") is not None:
            return 1
        order = self.list_order()
        status = dict(self.db.execute("SELECT id, status FROM claims").fetchall())
        if claim_id not in order:
            return 1
        pos = order.index(claim_id)
        ahead = [i for i in range(pos + 1, len(order)) if status[order[i]] == "pending"]
        return ahead[0] - pos if ahead else 1

    # ---- fixing one claim: the cheapest commits, one after the other

    def wrong(self, claim_id: int, g: dict) -> dict[str, str]:
        """The form fields of a claim (as committed) that are wrong for ``g``, with their
        gold text."""
        return wrong_fields(g, shown_fields(self.claim(claim_id)), adding=False)

    def form_start_for(self, row: dict[str, Any]) -> str:
        """The field the edit form will open on for ``row``: the app's likeliest wrong field
        when the form opens there (``ClaimForm.likeliest_wrong``), else the last one seen."""
        from tui.screens.edit import ClaimForm

        if not hasattr(ClaimForm, "likeliest_wrong"):
            return self.form_start
        from db import alternatives

        text = self.texts.get(row["doc_id"], "")
        alts = alternatives.parse(self.as_shown(row).get("alternatives"), text)
        return str(alternatives.COLUMN[alternatives.focus_field(alts, row)])

    def as_shown(self, row: dict[str, Any]) -> dict[str, Any]:
        """``row`` as the session shows it: with the values reviewers set on the document's
        nearest claims among its alternatives, where the app offers them (``db.reviewed``,
        read from the database as committed so far); a claim about to be added too."""
        try:
            from db import reviewed
        except ImportError:
            return row
        found = reviewed.values(self.db, row["doc_id"], row.get("id") or 0, row["start"])
        if not found:
            return row
        return {**row, "alternatives": reviewed.merge(row.get("alternatives"), found)}

    def estimate_form(self, fixes: dict[str, str], row: dict[str, Any]
                      ) -> Callable[[frozenset[str]], int]:  # fmt: skip
        start, now = self.form_start_for(row), self.form_values(row)
        return lambda fs: kp.form_cost(FORM_CHAIN, start, {f: fixes[f] for f in fs}, route, now)

    def form_values(self, row: dict[str, Any]) -> dict[str, str]:
        """The text the edit form shows in each text field for claim ``row`` (the role
        fields and the unit; numbers and offsets are shown formatted, never extended)."""
        return {f: str(row.get(f) or "") for f in ("subject", "predicate", "object", "time_text",
                                                   "unit")}  # fmt: skip

    def plan_commits(self, claim_id: int, g: dict, fixes: dict[str, str], text: str
                     ) -> list[kp.Commit]:  # fmt: skip
        """The cheapest commits that set ``fixes`` on the claim on screen (only the fixers the
        screen offers are considered)."""
        picks: dict[str, int] = {}
        span = None
        for fixer in FIXERS:
            if not fixer.offered(self):
                continue
            if isinstance(fixer, PickAlternative):
                picks = fixer.costs(self, fixes, g)
            elif isinstance(fixer, SelectSpan):
                span = fixer.estimator(self, claim_id, g, text)
        back = self.back_cost(claim_id) if self.moves_on else 0
        form = self.estimate_form(fixes, self.claim(claim_id))
        return kp.cheapest(fixes, picks, span, form, back, stay=PICK.stay_offered(self))

    async def fix_claim(self, claim_id: int, g: dict, text: str) -> None:
        """Bring the claim on screen to gold claim ``g``: the cheapest plan's first commit,
        then (back on the claim when the app moved on) the cheapest for what is left, until
        the claim is right; after each commit, apply to siblings when that is right and
        cheaper. A commit that fails is noted and its fields typed instead."""
        typed_only = False
        for _ in range(6):
            fixes = self.wrong(claim_id, g)
            if not fixes:
                if self.claim(claim_id)["status"] == "pending":
                    if self.on_screen() != claim_id:
                        await self.goto(claim_id)
                    await self.decide("accept", claim_id)
                return
            if self.on_screen() != claim_id:
                await self.goto(claim_id)
            stay = False
            if typed_only:
                commit = kp.Commit("form", tuple(sorted(fixes)), 0)
            else:
                plan = self.plan_commits(claim_id, g, fixes, text)
                commit = plan[0]
                # More to commit after this pick: pick and stay (Alt+digit) when the app can.
                stay = commit.way == "pick" and len(plan) > 1 and PICK.stay_offered(self)
            before = self.claim(claim_id)
            if self.verbose:
                self.log_commit(claim_id, fixes, commit, g, text)
            try:
                if commit.way == "pick":
                    await PICK.pick(self, claim_id, commit.fields[0], g, stay=stay)
                elif commit.way == "span":
                    await SPAN.draft(self, claim_id, set(commit.fields), g, text)
                else:
                    await self.form_edit(claim_id, g, text, set(commit.fields))
            except BenchError as exc:
                if commit.way == "form":
                    raise
                self.problems.append(f"claim {claim_id}: {commit.way} failed ({exc}); typed")
                await self.leave_modes()
                typed_only = True
                continue
            if self.on_screen() is not None and not stay:
                self.moves_on = self.on_screen() != claim_id
            self.keys.actions["edit"] += int(before["status"] == "pending")
            await SIBLINGS.after_change(self, before, self.claim(claim_id))
        raise BenchError(f"claim {claim_id} is still wrong after six commits: "
                         f"{', '.join(sorted(self.wrong(claim_id, g)))}")  # fmt: skip

    def log_commit(self, claim_id: int, fixes: dict[str, str], commit: kp.Commit, g: dict,
                   text: str) -> None:  # fmt: skip
        """Say (on stderr) what is wrong with the claim and how the next commit fixes it: per
        wrong field its text now and the gold's, where the gold's text is (sentence, document,
        nowhere) and, for a pick, the option's place on the card."""
        row = self.claim(claim_id)
        sentence = text[row["sentence_start"] : row["sentence_end"]]
        card = PICK.card(self) if PICK.offered(self) else None
        parts = []
        for name, want in sorted(fixes.items()):
            where = "sentence" if want and want in sentence else (
                "document" if want and want in text else "nowhere")  # fmt: skip
            shown = ""
            if card is not None and name in kp.CARD_FIELD:
                opts = list(card.options.get(kp.CARD_FIELD[name], ()))
                at = next((n for n, o in enumerate(opts, 1) if kp.right_for(name, o, g)), None)
                shown = f" option {at} of {len(opts)}" if at else f" not among {len(opts)}"
            parts.append(f"{name} {str(row.get(name) or '')!r} -> {want!r} ({where}{shown})")
        focus = card.focus if card is not None else None
        print(
            f"  {self.acting} claim {claim_id} focus {focus}: {'; '.join(parts)} => "
            f"{commit.way} {','.join(commit.fields)} ~{commit.cost}",
            file=sys.stderr,
        )

    async def leave_modes(self) -> None:
        """Esc out of a form or span mode left open by a failure (counted under ``failed``)."""
        for _ in range(3):
            if self.form_inputs() or SPAN.active(self):
                await self.press("failed", "escape", "escape")
                await self.pilot.pause()
        await self.close_form()

    async def add_from(self, host_claim: dict, g: dict, text: str) -> None:
        """Go to ``host_claim`` (j/k) and add gold claim ``g`` from it."""
        await self.goto(host_claim["id"])
        await self.add(host_claim["doc_id"], g, text, host_claim)

    async def add(self, doc_id: int, g: dict, text: str, host_claim: dict | None) -> None:
        """Add gold claim ``g`` from the claim on screen (or the document alone when
        ``host_claim`` is None): from a selection when the screen offers span mode and that is
        cheaper, else with the add form."""
        self.acting = "add"
        try:
            here = self.on_screen()
            if (
                host_claim is not None
                and host_claim["id"]
                and (here is None or self.claim(here)["doc_id"] != doc_id)
            ):
                # Any claim of the document will do to add from: back (one key) when the
                # claim shown before is one (the screen moved on after the last fix), else
                # the host with j/k.
                target = self.back_target()
                if (
                    target is None
                    or self.claim(target)["doc_id"] != doc_id
                    or not (await self.back(target))
                ):
                    await self.goto(host_claim["id"])
            if SPAN.offered(self):
                plan = SPAN.add_plan(self, host_claim, g, text)
                if plan is not None and (
                    SPAN.add_cost(self, plan, g, text) < add_form_cost(g, text, host_claim)
                ):
                    await SPAN.add(self, g, text, host_claim)
                    return
            if host_claim is None:
                # The document alone: the add form's "sentence" is the whole text.
                host_claim = {"id": 0, "doc_id": doc_id, "start": 0, "end": 0,
                              "sentence_start": 0, "sentence_end": len(text)}  # fmt: skip
            await self.form_add(doc_id, g, text, host_claim)
        finally:
            self.acting = "edit"

    async def form_add(self, doc_id: int, g: dict, text: str, host_claim: dict) -> None:
        """Add gold claim ``g`` from the claim on screen with the add form."""
        before = self.db.execute("SELECT max(id) FROM claims").fetchone()[0] or 0
        await self.open_form("add", "n")
        sentence = text[host_claim["sentence_start"] : host_claim["sentence_end"]]
        await apply_fixes(self, "add", {"quantity_text": g["surface"]}, text, sentence)
        # The form guesses the roles of the typed quantity in a worker thread: read the fields
        # once the guess is in, as a reviewer would see them.
        await self.pilot.app.workers.wait_for_complete()
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
        self.keys.fixes["form (add)"] += 1


class Fixer(Protocol):
    """One way of correcting a claim that the screen may offer.

    Each fixer is used only when :meth:`offered` says the screen on display has its keys
    (binding ids of the key contract in the screen's active bindings), so the bench runs on an
    app with or without it; :meth:`Driver.plan_commits` weighs the cost of every fixer
    offered and takes the cheapest plan.
    """

    def offered(self, driver: Driver) -> bool:
        """Whether the screen on display offers this way of fixing."""
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


class PickAlternative:
    """Pick an alternative the card shows: ``[`` / ``]`` to the field (or none, when the
    card's row of all fields shows it), then its digit (the pick is saved and the screen
    moves on). Only an alternative shown on the card counts."""

    def offered(self, driver: Driver) -> bool:
        return driver.key_for("review.pick1", "1") is not None and self.card(driver) is not None

    def stay_offered(self, driver: Driver) -> bool:
        """The screen has picks that stay on the claim (``review.pick_stay1``, Alt+digit)."""
        return driver.key_for("review.pick_stay1", "alt+1") is not None

    def offered_for(self, driver: Driver) -> bool:
        """The review screen has pick keys (for a claim not on screen yet)."""
        if SPAN.active(driver):
            return hasattr(driver.app.screen, "field_focus")
        return driver.key_for("review.pick1", "1") is not None

    def card(self, driver: Driver) -> kp.Card | None:
        """What the card on screen offers for picking: the ring of fields ``[`` / ``]`` walk,
        the field in focus and, per field, its alternatives numbered as the card lists them
        when that field has the focus (the app's own :func:`db.alternatives.options`; the
        field in focus as the card shows it now)."""
        try:
            from db import alternatives
        except ImportError:
            return None
        screen = driver.app.screen
        card = next(iter(screen.query("#card")), None)
        picks = getattr(card, "picks", None)
        claim, doc = getattr(screen, "claim", None), getattr(screen, "doc", None)
        if picks is None or claim is None or doc is None or picks.claim_id != claim["id"]:
            return None
        alts = alternatives.parse(claim.get("alternatives"), doc["text"])
        # A gap (None: the digit of a field just set by a pick that stayed) picks nothing.
        shown = [(o.field, o.text) if o is not None else ("", GAP) for o in picks.options]
        return card_of(alts, claim, picks.field, shown)

    def costs(self, driver: Driver, fixes: dict[str, str], g: dict) -> dict[str, int]:
        """Field -> keys of picking it right, for the fields of ``fixes`` the card offers."""
        card = self.card(driver)
        if card is None:
            return {}
        out = {}
        for name in fixes:
            keys = kp.pick_keys(card, name, g)
            if keys is not None:
                out[name] = len(keys)
        return out

    async def pick(
        self, driver: Driver, claim_id: int, form_field: str, g: dict, *, stay: bool = False
    ) -> None:
        """Bring the focus to ``form_field`` and pick the right alternative (``stay``: with
        the key that keeps the claim on screen, Alt+digit)."""
        card = self.card(driver)
        keys = kp.pick_keys(card, form_field, g) if card else None
        if card is None or keys is None:
            raise BenchError(f"the card shows no right alternative for {form_field}")
        at = card.ring.index(card.focus) if card.focus in card.ring else 0
        for k in keys[:-1]:
            at = (at + (1 if k == "]" else -1)) % len(card.ring)
        target = card.ring[at]  # the field's own stop, or the row of all fields
        for k in keys[:-1]:
            bid, name = (("review.field_next", "right_square_bracket") if k == "]"
                         else ("review.field_previous", "left_square_bracket"))  # fmt: skip
            key = driver.key_for(bid, name)
            if key is None:
                raise BenchError(f"the screen offers no key for {bid}")
            before = card.focus

            def moved(b: str | None = before) -> bool:
                now = self.card(driver)
                return now is not None and now.focus != b

            await driver.press(driver.acting, "pick/field", key)
            await driver.settle(moved, f"{key} did not move the field focus")
            card = self.card(driver)
            assert card is not None
        if card.focus != target:
            raise BenchError(f"the field focus is on {card.focus}, not {target}")
        shown = list(card.options.get(target, ()))
        owners = (card.owners or {}).get(target)
        n = _digit_shown(shown, owners, kp.CARD_FIELD[form_field], form_field, g, keys[-1])
        if n is None:
            raise BenchError(
                f"the card does not show a right option {keys[-1]} for {target}: {shown}"
            )
        bid = f"review.pick_stay{n}" if stay else f"review.pick{n}"
        key = driver.key_for(bid, f"alt+{n}" if stay else n)
        if key is None:
            raise BenchError(f"the screen offers no key for {bid}")
        decided = driver.decisions(claim_id)
        await driver.press(driver.acting, "pick/alt+digit" if stay else "pick/digit", key)

        def done() -> bool:
            if driver.decisions(claim_id) <= decided:
                return False
            row = driver.claim(claim_id)
            here = driver.on_screen()
            if stay:  # still on the claim, the card showing what was saved
                shown = getattr(driver.app.screen, "claim", None)
                if here != claim_id or shown is None or shown[form_field] != row[form_field]:
                    return False
            return (row["status"] == "accepted" and kp.right_for(form_field, str(row[form_field]
                    or ""), g) and here is not None)  # fmt: skip

        await driver.settle(done, f"picking {n} for {form_field} of claim {claim_id} was not "
                            "committed")  # fmt: skip
        driver.keys.fixes[driver.fixer("pick")] += 1


#: What the bench reads at a gap of the card's row of picks: no gold value is ever this text.
GAP = "\x00"


def _digit_shown(
    shown: Sequence[str],
    owners: Sequence[str] | None,
    name: str,
    form_field: str,
    g: dict,
    planned: str,
) -> str | None:
    """The digit that picks a right option for ``form_field`` on the row the focus has reached:
    the planned one when it still does, else the first that does there (a reviewer reads the
    digit off the screen: back on the row of all fields after a pick that stayed, the row keeps
    its first digits with gaps, which the plan made from another stop cannot see); None when no
    digit of the row does."""
    order = [int(planned)] + [k for k in range(1, min(len(shown), 9) + 1) if k != int(planned)]
    for k in order:
        if k > len(shown):
            continue
        owner = owners[k - 1] if owners and len(owners) >= k else name
        if owner == name and kp.right_for(form_field, shown[k - 1], g):
            return str(k)
    return None


def card_for(row: dict[str, Any], text: str) -> kp.Card | None:
    """The card the app shows for ``row`` when it comes on screen (its alternatives as
    numbered, the focus on the field most likely wrong): the app's own
    :mod:`db.alternatives`; None without alternatives."""
    from db import alternatives

    alts = alternatives.parse(row.get("alternatives"), text)
    if not alts:
        return None
    if hasattr(alternatives, "ALL"):  # the app starts on the row of all fields
        return card_of(alts, row, alternatives.ALL)
    return card_of(alts, row, alternatives.focus_field(alts, row))


def card_of(alts: Any, claim: dict[str, Any], focus: str,
            shown: list[tuple[str, str]] | None = None) -> kp.Card:  # fmt: skip
    """The card's picks for ``claim`` with ``focus`` in focus (``shown``: the (field, text)
    of the options the card numbers for it now, else the app's own lists): the ring of
    ``[``/``]`` and each stop's options (:mod:`db.alternatives`: ``ring`` with the row of all
    fields where the app has it, else ``walk``)."""
    from db import alternatives

    ring_of = getattr(alternatives, "ring", alternatives.walk)
    ring = tuple(ring_of(alts))
    options: dict[str, list[str]] = {}
    owners: dict[str, list[str]] = {}
    for stop in ring:
        if stop == kp.ALL:
            listed = [(o.field, o.text) for o in alternatives.mixed(alts, claim)]
            owners[stop] = [f for f, _ in listed]
            options[stop] = [t for _, t in listed]
        else:
            options[stop] = [o.text for o in alternatives.options(alts, claim, stop)]
    if shown is not None:
        options[focus] = [t for _, t in shown]
        if focus in owners:
            owners[focus] = [f for f, _ in shown]
    return kp.Card(ring, focus, options, owners=owners)


class SelectSpan:
    """Select words of the document with the span cursor and assign them to fields of a
    draft (``v``, word moves, shift-extends, a field key each, ``enter``); also adds a missed
    claim from a selection (``v`` … ``n``). The words are the app's own
    (:func:`tui.widgets.span_cursor.segment`); what the app reads from a selection (the
    quantity, an added claim's guessed fields) is predicted with the app's own readers
    (:mod:`db.spans`)."""

    def __init__(self) -> None:
        self._words: dict[str, list[kp.Word]] = {}
        self._sentences: dict[str, list[tuple[int, int]]] = {}
        self._segs: dict[str, Any] = {}
        self._moves: dict[str, tuple[Any, kp.Moves]] = {}
        self._readers: Any = None

    def offered(self, driver: Driver) -> bool:
        return driver.key_for("review.select", "v") is not None and hasattr(
            driver.app.screen, "span"
        )

    def cursor(self, driver: Driver) -> Any:
        """The app's span cursor while span mode is on, else None."""
        return getattr(driver.app.screen, "span", None)

    def active(self, driver: Driver) -> bool:
        """Span mode is on."""
        return self.cursor(driver) is not None

    def readers(self) -> Any:
        if self._readers is None:
            from tui.widgets.span_cursor import extractor_readers

            self._readers = extractor_readers()
        return self._readers

    def words(self, text: str) -> list[kp.Word]:
        """The app's words of the whole document (what ``left`` / ``right`` step over)."""
        if text not in self._words:
            from tui.widgets.span_cursor import segment

            seg = segment(text, 0, len(text))
            self._words[text] = list(seg.words)
            self._sentences[text] = list(seg.sentences)
            self._segs[text] = seg
        return self._words[text]

    def moves(self, driver: Driver, text: str, pivot: tuple[int, int] | None = None
              ) -> kp.Moves:  # fmt: skip
        """Every move of the span cursor over the document's words: ``left``/``right``,
        ``home``/``end`` to its sentence's ends, and ``up``/``down`` a line of the document
        view as it is laid out now (the app's :meth:`DocumentView.line_target`, then the word
        nearest the same column, as the app's cursor does); the hint labels as the app orders
        them from ``pivot``, the quantity of the claim span mode was opened on
        (:meth:`pivot`)."""
        from bisect import bisect_left

        view = next(iter(driver.app.screen.query("#document")), None)
        width = getattr(view, "_width", None)
        claimed = self.claimed(driver, text)
        cached = self._moves.get(text)
        if cached is not None and cached[0] == (width, claimed, pivot):
            return cached[1]
        words = self.words(text)
        starts = [a for a, _ in words]
        ends_of: dict[int, tuple[int, int]] = {}
        for lo, hi in self._sentences[text]:
            inside = range(bisect_left(starts, lo), bisect_left(starts, hi))
            for k in inside:
                ends_of[k] = (inside[0], inside[-1])

        def line(k: int, step: int) -> int | None:
            if view is None or not getattr(view, "lines", None) or view.shown != text:
                return None
            offset = words[k][0]
            for _ in range(len(view.lines)):
                target = view.line_target(offset, step)
                if target is None:
                    return None
                lo, hi, at = target
                i, j = bisect_left(starts, lo), bisect_left(starts, hi)
                if i < j:
                    return min(range(i, j), key=lambda m: abs(starts[m] - at))
                offset = lo
            return None

        def neighbours(k: int) -> list[tuple[str, int]]:
            out = []
            if k > 0:
                out.append(("left", k - 1))
            if k + 1 < len(words):
                out.append(("right", k + 1))
            first, last = ends_of.get(k, (k, k))
            out += [("home", first), ("end", last)]
            for key, step in (("up", -1), ("down", 1)):
                m = line(k, step)
                if m is not None:
                    out.append((key, m))
            return [(key, m) for key, m in out if m != k]

        moves = kp.GraphMoves(neighbours, jumps=self.jumps(driver, text, claimed),
                              labels=self.labels(driver, text, pivot))  # fmt: skip
        self._moves[text] = ((width, claimed, pivot), moves)
        return moves

    def claimed(self, driver: Driver, text: str) -> tuple[tuple[int, int], ...]:
        """The quantity spans of the document's claims as committed now (what the app's
        ``N`` skips: every status but withdrawn)."""
        doc_id = next((i for i, t in driver.texts.items() if t == text), None)
        if doc_id is None:
            return ()
        sql = "SELECT start, \"end\" FROM claims WHERE doc_id = ? AND status != 'withdrawn'"
        return tuple(sorted((int(a), int(b)) for a, b in driver.db.execute(sql, (doc_id,))))

    def missed_start(self, driver: Driver, text: str, row: dict[str, Any] | None
                     ) -> tuple[int, int] | None:  # fmt: skip
        """The selection (anchor, cursor words) the review screen's ``N`` starts span mode
        with on ``row`` (None: a document alone): the app's own
        :meth:`SpanCursor.first_missed_after`; None when the app has no such key or the
        document no such number."""
        from tui.widgets.span_cursor import SpanCursor

        if not hasattr(SpanCursor, "first_missed_after"):
            return None
        self.words(text)
        cur = SpanCursor(text, self._segs[text], 0)
        cur.claimed = self.claimed(driver, text)
        claim = row if row is not None and row.get("id") else None
        if hasattr(SpanCursor, "missed_origin"):
            return cur.first_missed_after(SpanCursor.missed_origin(claim))
        return cur.first_missed_after(claim["end"] if claim is not None else 0)

    @staticmethod
    def pivot(row: dict[str, Any] | None) -> tuple[int, int] | None:
        """What the app orders span mode's hint labels from when the mode is opened on
        ``row`` (the claim on screen; None: a document alone): its quantity's offsets, on an
        app that orders them so (:meth:`SpanCursor.label_order`), else None."""
        from tui.widgets.span_cursor import SpanCursor

        if row is None or not hasattr(SpanCursor, "label_order"):
            return None
        return int(row["start"]), int(row["end"])

    def labels(self, driver: Driver, text: str, pivot: tuple[int, int] | None = None
               ) -> Callable[[int], dict[int, str]] | None:  # fmt: skip
        """Span mode's hint labels while the cursor is on a word (word -> label: the app's
        own :meth:`SpanCursor.hint_labels` for the cursor's sentence, ordered from
        ``pivot``); None on an app without them, or with them hidden."""
        from tui.widgets.span_cursor import SpanCursor

        screen = driver.app.screen
        if not hasattr(SpanCursor, "hint_labels") or not getattr(screen, "span_hints_on", False):
            return None
        self.words(text)
        cur = SpanCursor(text, self._segs[text], 0)
        if pivot is not None:
            cur.pivot = pivot
        by_sentence: dict[tuple[int, int], dict[int, str]] = {}

        def labels(k: int) -> dict[int, str]:
            cur.index = cur.anchor = k
            sentence = cur.sentence()
            if sentence not in by_sentence:
                by_sentence[sentence] = {w: lab for lab, w in cur.hint_labels().items()}
            return by_sentence[sentence]

        return labels

    def review_labels(self, driver: Driver, text: str, row: dict[str, Any] | None
                      ) -> dict[int, str] | None:  # fmt: skip
        """The hint labels the review screen shows under the sentence of ``row``, the claim
        on screen (word -> label, as span mode labels that sentence: the app's own
        :meth:`SpanCursor.hint_labels` ordered from its quantity), on an app where typing one
        starts span mode with its word selected (no ``v``); else None."""
        from tui.widgets.span_cursor import SpanCursor

        screen = driver.app.screen
        if row is None or not hasattr(screen, "prime_hints") or not screen.span_hints_on:
            return None
        words = self.words(text)
        cur = SpanCursor(text, self._segs[text], 0)
        cur.pivot = self.pivot(row)
        cur.goto(int(row["start"]))
        if not words or cur.sentence() == cur.cursor:
            return None
        return {w: lab for lab, w in cur.hint_labels().items()}

    async def labelled(self, driver: Driver) -> None:
        """Wait for the review screen to label the claim's sentence (a worker segments it)."""
        screen = driver.app.screen
        claim = getattr(screen, "claim", None)

        def ready() -> bool:
            return bool(screen.span_labels) and screen._primed_for(claim, screen.doc) is not None

        await driver.settle(ready, "the review screen did not label the claim's sentence")

    def entry_moves(self, driver: Driver, text: str, row: dict[str, Any] | None,
                    moves: kp.Moves) -> kp.LabelEntry | None:  # fmt: skip
        """``moves`` for a draft begun by a label typed on the review screen
        (:class:`keys_plan.LabelEntry`), or None on an app without such labels."""
        entry = self.review_labels(driver, text, row)
        return kp.LabelEntry(entry, moves) if entry else None

    def jump_keys(self, driver: Driver) -> dict[tuple[str, int], str]:
        """(kind, step) -> the key of each jump the span cursor offers (binding ids
        ``span.next_name`` … on the document view, a user keymap applied): none on an app
        without them."""
        bound = self.view_keys(driver) or {}
        ids = {"span.next_name": ("name", 1), "span.previous_name": ("name", -1),
               "span.next_number": ("number", 1), "span.previous_number": ("number", -1),
               "span.next_time": ("time", 1), "span.previous_time": ("time", -1),
               "span.next_missed": ("missed", 1)}  # fmt: skip
        return {ids[bid]: keys[0] for bid, keys in bound.items() if bid in ids}

    def view_keys(self, driver: Driver) -> dict[str, list[str]] | None:
        """Binding id -> its keys on the document view, where span mode's keys live (a user
        keymap applied; active or not), in the view's order; None when there is no view."""
        view = next(iter(driver.app.screen.query("#document")), None)
        if view is None:
            return None
        bound: dict[str, list[str]] = defaultdict(list)
        for key, bindings in view._bindings.key_to_bindings.items():
            for b in bindings:
                bound[str(b.id)].append(key)
        return bound

    def jumps(
        self, driver: Driver, text: str, claimed: tuple[tuple[int, int], ...] = ()
    ) -> Callable[[int, int], list[tuple[str, int, int]]] | None:
        """The span cursor's jumps over the document's words, from a selection (anchor,
        cursor): the app's own :meth:`SpanCursor.jump_target` on the whole document (the
        ``missed`` jump skips the numbers of ``claimed``)."""
        keys = self.jump_keys(driver)
        if not keys:
            return None
        from tui.widgets.span_cursor import SpanCursor

        self.words(text)
        seg = self._segs[text]
        cur = SpanCursor(text, seg, 0)
        if not hasattr(cur, "jump_target"):
            return None
        if hasattr(cur, "first_missed_after"):
            cur.claimed = claimed

        def jumps(anchor: int, index: int) -> list[tuple[str, int, int]]:
            out = []
            for (kind, step), key in keys.items():
                t = cur.jump_target(kind, step, anchor, index)
                if t is not None and t != (anchor, index):
                    out.append((key, t[0], t[1]))
            return out

        return jumps

    def start(self, driver: Driver, text: str, row: dict[str, Any] | None) -> tuple[int, int]:
        """The selection (anchor, cursor words) span mode starts with for ``row``, the claim
        on screen (None: a document alone): the app's ``SpanCursor.start_selection`` for the
        field the screen starts on, else the first word ending after its sentence's start
        (an app that starts there)."""
        words = self.words(text)
        if row is None:
            return 0, 0
        if "sentence_start" not in row:  # a claim about to be added: the sentence around it
            around = [s for s in self._sentences[text] if s[0] <= row["start"] < s[1]]
            s0, s1 = around[0] if around else (0, len(text))
            row = {**row, "sentence_start": s0, "sentence_end": s1}
        s0 = row["sentence_start"]
        first = next((i for i, (_, b) in enumerate(words) if b > s0), max(len(words) - 1, 0))
        screen = driver.app.screen
        if not hasattr(screen, "span_start_field"):
            return first, first
        from tui.widgets.span_cursor import SpanCursor

        cur = SpanCursor(text, self._segs[text], s0)
        if not hasattr(cur, "start_selection"):
            return first, first
        field = self.start_field(driver, text, row)
        return tuple(cur.start_selection(row, field))  # type: ignore[return-value]

    def start_field(self, driver: Driver, text: str, row: dict[str, Any]) -> str | None:
        """The field span mode starts on for ``row``: the screen's own choice for the claim
        on screen, else (a claim about to be added) its card's first focus when it has
        alternatives."""
        screen = driver.app.screen
        claim = getattr(screen, "claim", None)
        if claim is not None and claim["id"] == row.get("id"):
            return screen.span_start_field()  # type: ignore[no-any-return]
        card = card_for(driver.as_shown(row), text)
        if card is not None and card.focus == kp.ALL:
            from db import alternatives

            alts = alternatives.parse(driver.as_shown(row).get("alternatives"), text)
            return alternatives.focus_field(alts, row)
        return card.focus if card is not None else None

    def enter_field(self, driver: Driver, text: str, row: dict[str, Any]) -> str | None:
        """The form field ``enter`` gives the selection to when the draft is empty (the app's
        ``span_enter_target``, named as :func:`keys_plan.span_plan` names fields: the quantity
        as ``quantity``); None on an app where ``enter`` only saves."""
        screen = driver.app.screen
        if not hasattr(screen, "span_enter_target") or not hasattr(screen, "span_start_field"):
            return None
        from tui.screens.span_mode import ENTER_TARGETS

        field = self.start_field(driver, text, row)
        if field not in ENTER_TARGETS:
            return "quantity"
        return "time_text" if field == "time" else field

    def quantity_ok(self, text: str, g: dict, doc_date: str | None) -> Callable[[int, int], bool]:
        """Whether the app reads value, unit and qualifier right for ``g`` from a selection."""
        from db import spans

        def ok(a: int, b: int) -> bool:
            try:
                got = spans.quantity_fields(text, a, b, self.readers())
            except ClaimdeskError:
                return False
            return _matches(g, got) and kp.right_for("qualifier", got["qualifier"], g)

        return ok

    def estimator(self, driver: Driver, claim_id: int, g: dict, text: str
                  ) -> Callable[[frozenset[str]], int | None]:  # fmt: skip
        row = driver.claim(claim_id)
        words = self.words(text)
        anchor, cursor = self.start(driver, text, row)
        moves = self.moves(driver, text, self.pivot(row))
        date = driver.doc_date(row["doc_id"])
        enter = self.enter_field(driver, text, row)
        save = self.save_keys(driver) is not None
        append = self.append_key(driver)

        entry = self.entry_moves(driver, text, row, moves)

        def cost(fields: frozenset[str]) -> int | None:
            best = kp.cheapest_draft(
                lambda how: kp.span_plan(words, text, cursor, fields, g, how, anchor=anchor,
                                         quantity_ok=self.quantity_ok(text, g, date),
                                         append_key=append, current=row),
                moves, entry, enter, save)  # fmt: skip
            return None if best is None else best[0]

        return cost

    def entry_plan(self, driver: Driver, claim_id: int, fields: set[str], g: dict, text: str
                   ) -> list[kp.SpanStep] | None:  # fmt: skip
        """The draft of ``fields`` begun by a label typed on the review screen, when that is
        cheaper than ``v`` and the same plan from where it starts; else None."""
        row = driver.claim(claim_id)
        words = self.words(text)
        anchor, cursor = self.start(driver, text, row)
        moves = self.moves(driver, text, self.pivot(row))
        entry = self.entry_moves(driver, text, row, moves)
        if entry is None:
            return None
        date = driver.doc_date(row["doc_id"])
        enter = self.enter_field(driver, text, row)
        save = self.save_keys(driver) is not None
        ok, append = self.quantity_ok(text, g, date), self.append_key(driver)
        best = kp.cheapest_draft(
            lambda how: kp.span_plan(words, text, cursor, fields, g, how, anchor=anchor,
                                     quantity_ok=ok, append_key=append, current=row),
            moves, entry, enter, save)  # fmt: skip
        return best[2] if best is not None and best[1] == 0 else None

    def append_key(self, driver: Driver) -> str | None:
        """The key that appends the selection to the subject in span mode (binding id
        ``span.append`` on the document view, a user keymap applied; its letter when bound),
        or None on an app without it."""
        keys = (self.view_keys(driver) or {}).get("span.append")
        if not keys:
            return None
        return "a" if "a" in keys else keys[0]

    async def enter(self, driver: Driver, action: str, key: str | None = None) -> None:
        """Start span mode with ``v`` (or ``key``: ``N``, on the next number no claim
        holds)."""
        key = key or driver.key_for("review.select", "v")
        if key is None:
            raise BenchError("the screen offers no span mode")
        part = "span/v" if key == driver.key_for("review.select", "v") else "span/N"
        await driver.press(action, part, key)
        await driver.settle(lambda: self.active(driver), f"{key} did not start span mode")

    def live(self, driver: Driver, text: str) -> tuple[list[kp.Word], int, int, kp.Moves]:
        """The document's words, the live cursor's word and anchor word among them, and the
        cursor's moves."""
        cur = self.cursor(driver)
        if cur is None:
            raise BenchError("span mode is off")
        words = self.words(text)
        index = {w: k for k, w in enumerate(words)}
        at, anchor = index.get(tuple(cur.cursor)), index.get(tuple(cur.words[cur.anchor]))
        if at is None or anchor is None:
            raise BenchError(f"the span cursor is on {cur.cursor}, not one of the app's words")
        return words, at, anchor, self.moves(driver, text, getattr(cur, "pivot", None))

    def save_keys(self, driver: Driver) -> dict[str, str] | None:
        """The key that assigns the selection to each field and saves the draft at once
        (:data:`keys_plan.SAVE_BINDING`: binding ids on the document view, a user keymap
        applied; its letter when bound), or None on an app without them."""
        bound = self.view_keys(driver)
        if bound is None:
            return None
        out = {}
        for f, (bid, letter) in kp.SAVE_BINDING.items():
            if not bound.get(bid):
                return None
            out[f] = letter if letter in bound[bid] else bound[bid][0]
        return out

    async def assign(self, driver: Driver, action: str, fields: set[str], g: dict, text: str,
                     doc_date: str | None, enter: str | None = None,
                     first: list[kp.SpanStep] | None = None) -> str:  # fmt: skip
        """In span mode, select and assign every field of ``fields`` (nearest first); a
        one-step draft of the field ``enter`` assigns itself (``enter``) is only selected.
        Returns the key that saves the draft: ``enter``, or "" when the last field key was
        one that saves too (the draft is saved)."""
        todo = set(fields)
        save_keys = self.save_keys(driver)
        append = self.append_key(driver)
        while todo:
            draft = dict(getattr(driver.app.screen, "span_draft", None) or {})
            steps: list[kp.SpanStep] | None = first
            if first is not None:  # begun on the review screen: its labels, as planned
                first = None
            else:
                words, cursor, anchor, moves = self.live(driver, text)
                current = {**(driver.app.screen.claim or {}), **draft}
                steps = kp.span_plan(words, text, cursor, todo, g, moves, anchor=anchor,
                                     quantity_ok=self.quantity_ok(text, g, doc_date),
                                     append_key=append, current=current,
                                     appends_to=getattr(driver.app.screen, "span_appends_to",
                                                        "subject"))  # fmt: skip
            if not steps:
                raise BenchError(f"no selection of the app's words sets {', '.join(sorted(todo))}")
            step = steps[0]
            await self.select(driver, action, step, text)
            if not self.drafted(driver) and kp.enter_assigns(steps, enter):
                return "enter"  # enter (the save) assigns it
            key = step.keys[-1]
            if len(steps) == 1 and save_keys is not None and not step.append:
                return save_keys[step.form_field]  # the last field: its key saves the draft
            await driver.press(action, "span/append" if step.append else "span/field", key)
            column = "quantity_text" if step.form_field == "quantity" else step.form_field
            # an append changes a value the draft may hold already
            before = draft.get(column) if step.append else None

            def assigned(c: str = column, b: Any = before) -> bool:
                now = getattr(driver.app.screen, "span_draft", None) or {}
                return c in now and (b is None or now[c] != b)

            await driver.settle(assigned, f"{key} did not assign {step.form_field}")
            if not step.partial:
                todo -= kp.QUANTITY_FIELDS if step.form_field == "quantity" else {step.form_field}
        return "enter"

    async def draft(self, driver: Driver, claim_id: int, fields: set[str], g: dict,
                    text: str) -> None:  # fmt: skip
        """Set ``fields`` of the claim on screen from selections, then save the draft."""
        row = driver.claim(claim_id)
        date, enter = driver.doc_date(row["doc_id"]), self.enter_field(driver, text, row)
        first = self.entry_plan(driver, claim_id, fields, g, text)
        if first is None:
            await self.enter(driver, driver.acting)
        else:
            await self.labelled(driver)
        key = await self.assign(driver, driver.acting, fields, g, text, date, enter, first)
        await self.save(driver, driver.acting, claim_id, key)
        driver.keys.fixes[driver.fixer("span")] += 1

    async def save(self, driver: Driver, action: str, claim_id: int, key: str = "enter") -> None:
        """Press ``key`` (``enter``, or a field key that saves too: counted as ``span/save
        field``) and wait for the draft's edit."""
        before = driver.decisions(claim_id)
        part = "span/enter" if key == "enter" else "span/save field"
        await driver.press(action, part, key)

        def done() -> bool:
            row = driver.claim(claim_id)
            return (row["status"] == "accepted" and driver.decisions(claim_id) > before
                    and not self.active(driver) and driver.on_screen() is not None)  # fmt: skip

        await driver.settle(done, f"the span draft of claim {claim_id} was not committed")

    async def select(self, driver: Driver, action: str, step: kp.SpanStep, text: str = ""
                     ) -> None:  # fmt: skip
        """Press a selection's moves and extends; check the app selected what was planned."""
        moves = list(step.keys[:-1])
        if driver.verbose:
            print(
                f"    select {step.form_field} {text[step.start : step.end]!r}: "
                f"{' '.join(moves) or '(selected)'}",
                file=sys.stderr,
            )
        for key in moves:  # each move may segment more of the document: one at a time
            await driver.press(action, "span/select", key)
        want = (step.start, step.end)
        await driver.settle(lambda: self.selection(driver) == want,
                            f"the selection is {self.selection(driver)}, not {want}")  # fmt: skip

    def selection(self, driver: Driver) -> tuple[int, int] | None:
        cur = self.cursor(driver)
        return None if cur is None else tuple(cur.selection)  # type: ignore[return-value]

    def drafted(self, driver: Driver) -> set[str]:
        """Columns the draft has set."""
        return set(getattr(driver.app.screen, "span_draft", None) or {})

    # ---- adding a missed claim from a selection

    def add_plan(self, driver: Driver, host: dict | None, g: dict, text: str
                 ) -> tuple[int, int, list[str], dict[str, Any], str] | None:  # fmt: skip
        """The cheapest selection of ``g``'s quantity from where span mode starts on the
        claim on screen (``host`` when the screen shows none of the document; None: the
        document's start) — with ``v``, or with ``N`` on the next number no claim holds —,
        with what the added claim then needs fixed (a value or unit the app reads
        differently from the gold too, in the form): (first word, last word, keys, the
        added fields as the app will guess them, the key that starts span mode)."""
        from db import reviewed, spans

        here = driver.on_screen()
        if here is not None and driver.claim(here)["doc_id"] == g["_doc_id"]:
            host = driver.claim(here)
        words = self.words(text)
        moves = self.moves(driver, text, self.pivot(host))
        date = driver.doc_date(g["_doc_id"])
        starts = [(driver.key_for("review.select", "v") or "v", self.start(driver, text, host))]
        missed_key = driver.key_for("review.next_missed", "N")
        missed = self.missed_start(driver, text, host) if missed_key else None
        if missed_key is not None and missed is not None:
            starts.append((missed_key, missed))
        best: tuple[int, int, list[str], dict[str, Any], str] | None = None
        best_cost = 0
        near = kp.near_choices(words, g["start"], g["end"])
        # each way: the keys from the review screen to the selection (the opener's too)
        choices = [([opener, *kp.select_keys(cursor, i, j, moves, anchor)[0]], i, j, opener)
                   for opener, (anchor, cursor) in starts for i, j in near]  # fmt: skip
        # a label of the claim's sentence typed on the review screen (the claim on screen is
        # the document's): no opener
        on_doc = here is not None and driver.claim(here)["doc_id"] == g["_doc_id"]
        entry = self.review_labels(driver, text, host) if on_doc else None
        if entry is not None:
            for i, j in near:
                by_label = kp.label_keys(entry, i, j)
                if by_label is not None:
                    choices.append((by_label[0], i, j, ""))
        for keys, i, j, opener in sorted(choices, key=lambda c: len(c[0])):
            a, b = words[i][0], words[j][1]
            if best is not None and len(keys) >= best_cost:
                break
            try:  # the quantity first (cheap); the guessed roles only for one that overlaps
                got = spans.quantity_fields(text, a, b, self.readers())
                if not _overlaps(g, got):
                    continue
                fields = spans.new_claim(text, a, b, self.readers(), date)
                if hasattr(reviewed, "fill_empty"):  # as the app's add fills empty roles
                    fields = reviewed.fill_empty(driver.db, g["_doc_id"], fields)
            except ClaimdeskError:
                continue
            # A selection read with the wrong value or unit is fixed after the add (the form);
            # what the app guessed wrong, the cheapest way after the add.
            cost = len(keys) + self.after_add(driver, fields, g, text)
            if best is None or cost < best_cost:
                best, best_cost = (i, j, keys, fields, opener), cost
        return best

    def after_add(self, driver: Driver, fields: dict[str, Any], g: dict, text: str,
                  back: int = 1) -> int:  # fmt: skip
        """Keys to fix what the app guessed wrong on a claim just added (``fields``), with
        the claim on the card: the cheapest plan of picks among the alternatives it keeps
        (as the card will number them), a span draft (from where ``v`` will start on it)
        and the form, ``back`` paid between commits."""
        fixes = wrong_fields(g, shown_fields(fields), adding=False)
        if not fixes:
            return 0
        row = {**fields, "doc_id": g["_doc_id"]}
        picks: dict[str, int] = {}
        card = card_for(driver.as_shown(row), text) if PICK.offered_for(driver) else None
        if card is not None:
            for name in fixes:
                got = kp.pick_keys(card, name, g)
                if got is not None:
                    picks[name] = len(got)
        words, moves = self.words(text), self.moves(driver, text, self.pivot(row))
        anchor, cursor = self.start(driver, text, row)
        ok = self.quantity_ok(text, g, driver.doc_date(g["_doc_id"]))
        enter = self.enter_field(driver, text, row)
        save = self.save_keys(driver) is not None

        entry = self.entry_moves(driver, text, row, moves)

        def span(fs: frozenset[str]) -> int | None:
            best = kp.cheapest_draft(
                lambda how: kp.span_plan(words, text, cursor, fs, g, how, anchor=anchor,
                                         quantity_ok=ok),
                moves, entry, enter, save)  # fmt: skip
            return None if best is None else best[0]

        start = driver.form_start_for(row)
        now = driver.form_values(fields)
        form = lambda fs: kp.form_cost(FORM_CHAIN, start, {f: fixes[f] for f in fs}, route, now)  # noqa: E731
        stay = PICK.stay_offered(driver)
        plan = kp.cheapest(fixes, picks, span, form, back, stay=stay)
        unpicked = sum(c.way != "pick" for c in plan) if stay else len(plan)
        return sum(c.cost for c in plan) + back * max(unpicked - 1, 0)

    def add_cost(self, driver: Driver,
                 plan: tuple[int, int, list[str], dict[str, Any], str],
                 g: dict, text: str) -> int:  # fmt: skip
        """Estimated keys of adding from ``plan`` (:meth:`add_plan`): ``v`` (or ``N``; none
        after a label typed on the review screen) and the selection, ``n`` (the mode ends
        with the added claim on the card), then the wrong guesses fixed the cheapest way
        (:meth:`after_add`)."""
        _i, _j, keys, fields, _opener = plan
        return 1 + len(keys) + self.after_add(driver, fields, g, text)

    async def add(self, driver: Driver, g: dict, text: str, host: dict | None) -> int:
        """``v`` (or ``N``), select ``g``'s quantity, ``n`` (the added claim comes on the
        card); then fix what the app guessed wrong the cheapest way (picks, a span draft, the
        form). Returns the new claim."""
        plan = self.add_plan(driver, host, g, text)
        if plan is None:
            raise BenchError("no selection of the app's words reads as the gold quantity")
        i, j, planned, _, opener = plan
        before = driver.db.execute("SELECT max(id) FROM claims").fetchone()[0] or 0
        words = self.words(text)
        if opener:
            await self.enter(driver, "add", opener)
            words, cursor, anchor, moves = self.live(driver, text)
            keys, _ = kp.select_keys(cursor, i, j, moves, anchor)
        else:  # a label of the claim's sentence, typed on the review screen
            keys = planned
            await self.labelled(driver)
        await self.select(driver, "add", kp.SpanStep("quantity", words[i][0], words[j][1],
                                                     (*keys, "n")), text)  # fmt: skip
        key = driver.key_for("span.add", "n") or "n"
        await driver.press("add", "span/add", key)

        def added() -> bool:
            row = driver.db.execute("SELECT max(id) FROM claims").fetchone()[0] or 0
            return row > before and driver.on_screen() == row

        await driver.settle(added, f"n did not add {g['surface']!r}")
        new_id = int(driver.db.execute("SELECT max(id) FROM claims").fetchone()[0])
        driver.keys.actions["add"] += 1
        driver.keys.fixes["span (add)"] += 1
        if self.active(driver):  # an app that stays in span mode after n
            await driver.press("add", "span/escape", "escape")
            await driver.settle(lambda: not self.active(driver), "Esc did not leave span mode")
        if driver.wrong(new_id, g):
            await driver.fix_claim(new_id, g, text)
        return new_id


class ApplyToSiblings:
    """``g`` after a correction (or a reject) when the app offers it and it is right for
    every sibling it changes, and cheaper than fixing them one by one.

    The siblings are those the app would change, found with the app's own query
    (:func:`db.siblings.find` on the session's last correction); the app accepts every sibling
    it edits, so each must then be right in every field (a claim whose gold differs is never
    touched), and every sibling it rejects must be a false alarm.
    """

    def offered(self, driver: Driver) -> bool:
        session = getattr(driver.app.screen, "session", None)
        return driver.key_for("review.siblings", "g") is not None and hasattr(session, "correction")

    def found(self, driver: Driver) -> tuple[Any, list[dict]]:
        """The session's last correction and the siblings the app would decide now: none
        while the screen shows another document (the app offers them only in the corrected
        one, where a commit that moved on may have left it)."""
        from db import siblings

        session = driver.app.screen.session
        fix = session.correction
        if fix is None:
            return None, []
        here = driver.on_screen()
        if here is None or driver.claim(here)["doc_id"] != fix.doc_id:
            return fix, []
        conn = sqlite3.connect(driver.db_path)
        conn.row_factory = sqlite3.Row
        try:
            rows = siblings.find(conn, fix, session.assignment, session.reviewer)
        finally:
            conn.close()
        return fix, [dict(r) for r in rows]

    def estimate(self, driver: Driver, row: dict, g: dict | None) -> int:
        """Keys a pending claim still costs (form or a pick from its stored alternatives)."""
        if g is None:
            return 1
        fixes = wrong_fields(g, shown_fields(row), adding=False)
        if not fixes:
            return 1
        best = kp.form_cost(FORM_CHAIN, driver.form_start_for(row), fixes, route,
                            driver.form_values(row))  # fmt: skip
        if len(fixes) == 1:
            (name,) = fixes
            alts = json.loads(row.get("alternatives") or "{}").get(kp.CARD_FIELD.get(name, ""), [])
            if any(kp.right_for(name, str(a.get("text", "")), g) for a in alts[:9]):
                best = min(best, 2)
        return best

    async def after_change(self, driver: Driver, before: dict, after: dict) -> None:
        """Apply the correction just committed to its siblings, when right and cheaper."""
        if not self.offered(driver):
            return
        fix, sibs = self.found(driver)
        if fix is None or fix.action != "edit" or fix.claim_id != after["id"] or not sibs:
            return
        plan = driver.plan
        rows = {o["id"]: o for o in sibs}
        cases = [
            (plan.action.get(i, "reject"), plan.target.get(i), fix.changes_for(o),
             shown_fields({**o, **fix.changes_for(o)}))
            for i, o in rows.items()
        ]  # fmt: skip
        ids = list(rows)

        def fully_right(after: Any, g: dict) -> bool:
            return not wrong_fields(g, after, adding=False)

        # The app accepts each sibling it edits: a false alarm among them, a claim whose gold
        # differs or one still wrong after the change rules the key out.
        if not kp.siblings_right(cases, accepts=True, fully_right=fully_right):
            return
        saved = sum(self.estimate(driver, rows[i], plan.target.get(i)) for i in ids)
        if saved <= 1:
            return
        await self.press(driver, sibs, "accepted")

    async def after_reject(self, driver: Driver, row: dict) -> None:
        """Reject the other pending candidates of the document with the same surface and rule
        when every one of them is a false alarm and there are at least two."""
        if not self.offered(driver):
            return
        fix, sibs = self.found(driver)
        if fix is None or fix.action != "reject" or fix.claim_id != row["id"] or len(sibs) < 2:
            return
        if any(driver.plan.action.get(o["id"]) != "reject" for o in sibs):
            return
        await self.press(driver, sibs, "rejected")

    async def press(self, driver: Driver, sibs: list[dict], status: str) -> None:
        key = driver.key_for("review.siblings", "g")
        assert key is not None
        ids = [o["id"] for o in sibs]
        await driver.press("siblings", "siblings/g", key)
        await driver.settle(lambda: all(driver.claim(i)["status"] == status for i in ids)
                            and driver.on_screen() is not None,
                            f"{key} did not decide the {len(ids)} siblings")  # fmt: skip
        driver.keys.actions["siblings"] += 1
        driver.keys.actions["claims decided by siblings"] += len(ids)
        driver.keys.fixes["siblings"] += 1


class OpenDocument:
    """Open a document with the picker (``d``, then the fewest keys that put its row under
    the cursor: arrows, or a filter typed from its source or title and arrows, ``enter``), to
    add claims to a document without candidates."""

    def offered(self, driver: Driver) -> bool:
        screen = driver.app.screen
        if isinstance(screen, ModalScreen):
            return False
        return driver.key_for("review.documents", "d") is not None

    def keys(self, driver: Driver, doc_id: int) -> tuple[str, int]:
        """The filter to type and the down presses after it (an empty filter: the arrows
        from the document on screen; a negative count: up presses)."""
        from db import documents

        screen = driver.app.screen
        current = screen.doc["id"] if getattr(screen, "doc", None) else None
        conn = sqlite3.connect(driver.db_path)
        try:
            at = documents.index_of(conn, "", current) if current else 0
            best = ("", documents.index_of(conn, "", doc_id) - at)
            source, title = conn.execute("SELECT source, title FROM documents WHERE id = ?",
                                         (doc_id,)).fetchone()  # fmt: skip
            for text in (source or "", title or ""):
                for size in range(1, 9):
                    if size >= len(best[0]) + abs(best[1]):
                        break  # typing alone would cost as much as the best way found
                    for i in range(len(text) - size + 1):
                        f = text[i : i + size]
                        if f != f.strip():
                            continue
                        k = documents.index_of(conn, f, doc_id)
                        if size + k < len(best[0]) + abs(best[1]):
                            best = (f, k)
        finally:
            conn.close()
        return best

    async def open(self, driver: Driver, doc_id: int) -> None:
        text, moves = self.keys(driver, doc_id)
        key = driver.key_for("review.documents", "d")
        assert key is not None
        await driver.press("add", "documents/open", key)
        await driver.settle(lambda: hasattr(driver.app.screen, "shown"), f"{key} opened no picker")
        picker = driver.app.screen
        await driver.settle(lambda: picker.shown is not None, "the picker listed nothing")
        if text:
            await driver.send("add", "documents/type", list(text))
            await driver.settle(lambda: picker.shown == text, f"the picker did not filter {text!r}")
        for _ in range(abs(moves)):
            await driver.press("add", "documents/move", "down" if moves > 0 else "up")
        await driver.press("add", "documents/enter", "enter")

        def opened() -> bool:
            screen = driver.app.screen
            doc = getattr(screen, "doc", None)
            return not isinstance(screen, ModalScreen) and doc is not None and doc["id"] == doc_id

        await driver.settle(opened, f"the picker did not open document {doc_id}")
        driver.keys.fixes["documents (add)"] += 1

    async def add(self, driver: Driver, g: dict, text: str) -> None:
        """Open ``g``'s document (unless on screen) and add ``g`` there."""
        doc = getattr(driver.app.screen, "doc", None)
        if doc is None or doc["id"] != g["_doc_id"]:
            await self.open(driver, g["_doc_id"])
        claim = getattr(driver.app.screen, "claim", None)
        host = dict(claim) if claim is not None else None
        await driver.add(g["_doc_id"], g, text, host)


PICK = PickAlternative()
SPAN = SelectSpan()
SIBLINGS = ApplyToSiblings()
DOCS = OpenDocument()

#: The ways of fixing a claim; each is weighed only when the screen offers it, and typing,
#: which always works, is the fallback.
FIXERS: tuple[Fixer, ...] = (PICK, SPAN, SIBLINGS, DOCS, TypeInForm())


async def apply_fixes(
    driver: Driver, action: str, fixes: dict[str, str], text: str, sentence: str
) -> None:
    """Set each field of ``fixes`` in the open form (typing: the form offers nothing else)."""
    typing = TypeInForm()
    if fixes and typing.offered(driver):
        fixes = await typing.fix(driver, action, fixes, text, sentence)
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
                 verbose: bool, suggest: bool = True) -> tuple[Keys, list[str]]:  # fmt: skip
    """Drive the app until nothing is pending and every gold claim is added; return the keys
    and the problems met. ``suggest``: the app's suggestions from the document's decisions
    (``review --no-suggest`` turns them off)."""
    from tui.app import make_app

    keys = Keys()
    problems: list[str] = []
    if "suggest" in inspect.signature(make_app).parameters:
        app = make_app(db_path, "keys-bench", suggest=suggest)
    else:  # an app from before the suggestions
        app = make_app(db_path, "keys-bench")
    async with app.run_test(size=SIZE) as pilot:
        d = Driver(app, pilot, db_path, keys, verbose, plan, texts)
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
            # Adds whose host was decided before the bench got to it (a sibling action): from
            # the claim on screen while it is in their document, not by a walk back later.
            stray = [
                (g, host_id)
                for host_id, golds in plan.adds.items()
                for g in golds
                if id(g) not in done_adds
                and d.claim(host_id)["status"] != "pending"
                and d.claim(host_id)["doc_id"] == claim["doc_id"]
            ]
            if stray:
                for g, host_id in stray:
                    done_adds.add(id(g))
                    host_row = d.claim(host_id)
                    await attempt(d, problems, d.add(claim["doc_id"], g, texts[claim["doc_id"]],
                                                     host_row), g)  # fmt: skip
                continue
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
            if adds:
                # Add first (the screen then shows the new claim), come back, then decide.
                for g in adds:
                    done_adds.add(id(g))
                    await attempt(d, problems, d.add(doc_id, g, text, claim), g)
                continue
            try:
                if action in ("accept", "edit"):
                    # Judged on the card: a right candidate may be shown with a suggested field
                    # that is wrong, a wrong one with the right suggestion (db.feedback).
                    await d.fix_claim(here, plan.target[here], text)
                else:
                    await d.decide(action, here)
                    if action == "reject":
                        await SIBLINGS.after_reject(d, claim)
            except BenchError as exc:
                problems.append(f"claim {here} ({claim['quantity_text']}): {exc}")
                await d.leave_modes()
                if d.claim(here)["status"] == "pending":
                    await d.decide("reject", here)  # out of the way; the check reports it
        # Adds whose host was decided by a sibling action: from the nearest claim of the
        # document, reached with j/k.
        for host_id, golds in plan.adds.items():
            for g in golds:
                if id(g) in done_adds:
                    continue
                done_adds.add(id(g))
                host_row = d.claim(host_id)
                await attempt(d, problems, d.add_from(host_row, g, texts[host_row["doc_id"]]), g)
        # Documents without candidates: opened with the document picker, when the app has one.
        for g in plan.orphans:
            if not DOCS.offered(d):
                plan.inexpressible.append(
                    (g, "its document has no candidate, and the app opens only claims")
                )
                continue
            await attempt(d, problems, DOCS.add(d, g, texts[g["_doc_id"]]), g)
        problems.extend(d.problems)
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
        await d.leave_modes()


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
        keys, problems = asyncio.run(
            review(work, gold, plan, texts, args.verbose, not args.no_suggest)
        )
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
    for action in ("accept", "reject", "edit", "siblings", "add", "move", "failed"):
        parts = {p: n for (a, p), n in sorted(keys.by.items()) if a == action}
        total = sum(parts.values())
        times = keys.actions[action]
        each = total / times if times else 0.0
        detail = "  ".join(f"{p} {n}" for p, n in parts.items())
        print(f"{action:<10}{times:>7}{total:>7}{each:>7.2f}  {detail}")
        rows[action] = {"times": times, "keys": total, "parts": parts}
    fixers = keys.by_fixer()
    if fixers:
        print(f"{'fixer':<10}{'commits':>7}{'keys':>7}{'each':>7}  parts")
    for fixer, parts in fixers.items():
        total, times = sum(parts.values()), keys.fixes[fixer]
        each = total / times if times else 0.0
        detail = "  ".join(f"{p} {n}" for p, n in parts.items())
        print(f"{fixer:<10}{times:>7}{total:>7}{each:>7.2f}  {detail}")
    if keys.actions["claims decided by siblings"]:
        print(f"claims changed by apply to siblings: {keys.actions['claims decided by siblings']}")
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
        "fixers": {
            f: {"commits": keys.fixes[f], "keys": sum(p.values()), "parts": p}
            for f, p in fixers.items()
        },
        "claims_changed_by_siblings": keys.actions["claims decided by siblings"],
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
    ap.add_argument(
        "--no-suggest",
        action="store_true",
        help="review as with `claimdesk review --no-suggest`: each claim's subject and time as"
        " the extractor proposed them, not re-ranked by the document's decisions",
    )
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
