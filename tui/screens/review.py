"""The review screen: the document, the claim card, the claim list, and every review key.

The screen holds no review logic: a :class:`db.session.ReviewSession` does every action and
returns one :class:`db.session.Outcome` (done, refused, busy, error), which the screen renders.
Each action runs in a thread worker (``run_worker(thread=True)``) so the event loop never
waits for the database; the key's handler awaits the worker, so the screen moves only when
the committed outcome arrives, and keys pressed meanwhile wait in the screen's message queue,
in order — none lost, none doubled, each applied to the claim on screen when its turn comes.

Focus stays on the claim list or the document, never on an input, so single-letter keys
always reach the screen; each action also has a key that is not a letter, for reviewers who
keep a Chinese input method on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical

from db import alternatives, review, teams
from db.errors import LOCKED
from db.rows import ClaimRow, DocumentRow
from db.session import Outcome, ReviewSession, View
from extractor.timex import normalise as normalise_time
from tui.keymap import IME_FORMS, with_ime_keys
from tui.screens.flag import FlagScreen
from tui.screens.span_mode import SpanMode, span_help_rows
from tui.text import shown
from tui.timefix import renormalised
from tui.widgets.claim_card import ClaimCard, Doing, Picks, ReviewHeader, SessionProgress
from tui.widgets.claim_list import ClaimList
from tui.widgets.document_view import DocumentView
from tui.widgets.footer import KeyFooter

#: Seconds between attempts to open a review whose database stayed locked at the start.
OPEN_RETRY_SECONDS = 5.0

#: Seconds between recounts that show other reviewers' decisions in the progress bar.
REFRESH_SECONDS = 15.0

#: The review keys. Each has an id (for ``App.set_keymap``) and a tooltip (footer and help).
REVIEW_BINDINGS = [
    Binding(
        "a,enter", "accept", "Accept", id="review.accept",
        tooltip="Accept the claim and go to the next pending one",
    ),
    Binding(
        "x,delete", "reject", "Reject", id="review.reject",
        tooltip="Reject the claim and go to the next pending one",
    ),
    Binding(
        "s,space", "skip", "Skip", id="review.skip",
        tooltip="Leave the claim pending and go to the next pending one",
    ),
    Binding(
        "u,backspace", "undo", "Undo", id="review.undo",
        tooltip="Undo your last decision (again for the one before; also after a restart)",
    ),
    Binding(
        "e,f2", "edit", "Edit", id="review.edit",
        tooltip="Edit the claim's fields (Ctrl+S saves and accepts, Esc cancels)",
    ),
    Binding(
        "n,insert", "add", "Add", id="review.add",
        tooltip="Add a claim the extractor missed, in the current sentence",
    ),
    Binding(
        "j,down", "next_claim", "Next", id="review.next", show=False,
        tooltip="Go to the next claim in the list",
    ),
    Binding(
        "k,up", "previous_claim", "Previous", id="review.previous", show=False,
        tooltip="Go to the previous claim in the list",
    ),
    Binding(
        "J,pagedown", "next_document", "Next doc", id="review.next_document", show=False,
        tooltip="Go to the first claim of the next document",
    ),
    Binding(
        "K,pageup", "previous_document", "Prev doc", id="review.previous_document",
        show=False, tooltip="Go to the first claim of the previous document",
    ),
    Binding(
        "slash,ctrl+f", "search", "Search", id="review.search",
        tooltip="Search document text and claim fields (1-character Chinese words too)",
    ),
    Binding(
        "f,f4", "filter", "Filter", id="review.filter",
        tooltip="Show only claims of a status, kind, rule or document",
    ),
    Binding(
        "h,f5", "history", "History", id="review.history",
        tooltip="The claim's history of decisions",
    ),
    Binding(
        "l,f6", "toggle_layout", "Layout", id="review.layout", show=False,
        tooltip="Put the claim list beside or below the document",
    ),
    Binding(
        "t,f7", "app.push_screen('stats')", "Stats", id="review.stats", show=False,
        tooltip="Progress, your pace this sitting and the extractor's precision per rule",
    ),
    Binding(
        "question_mark,f1", "help", "Help", id="review.help",
        tooltip="Every key and what it does",
    ),
    Binding("q,ctrl+q", "quit", "Quit", id="review.quit", tooltip="Quit (nothing is lost)"),
    # ---- alternatives and picks (issue 14, pick): [ ] the field in focus, 1…9 pick an option
    Binding(
        "left_square_bracket", "field_previous", "Prev field", id="review.field_previous",
        show=False, tooltip="Focus the previous field (its alternatives are numbered on the card;"
        " from the row of all fields: the qualifier)",
    ),
    Binding(
        "right_square_bracket", "field_next", "Next field", id="review.field_next", show=False,
        tooltip="Focus the next field (its alternatives are numbered on the card; a claim starts"
        " on the row of all fields, their first options)",
    ),
    *(
        Binding(
            str(n), f"pick_alternative({n})", "Pick" if n == 1 else f"Pick {n}",
            id=f"review.pick{n}", show=n == 1, key_display="1…9" if n == 1 else None,
            tooltip=f"Pick alternative {n} of the card's pick row (all fields', or the field"
            " [ ] moved to): saved as an edit, then the next pending claim",
        )
        for n in range(1, 10)
    ),
    *(
        Binding(
            f"alt+{n}", f"pick_alternative({n}, True)",
            "Pick, stay" if n == 1 else f"Pick {n}, stay",
            id=f"review.pick_stay{n}", show=n == 1, key_display="Alt+1…9" if n == 1 else None,
            tooltip=f"Pick alternative {n} of the card's pick row and stay on the claim (saved"
            " as an edit; the row then holds the fields no one has set; Enter then goes on)",
        )
        for n in range(1, 10)
    ),
    Binding(
        "p,full_stop", "next_pending", "Next pending", id="review.next_pending", show=False,
        tooltip="Go to the next pending claim (the one an accept would go to), deciding nothing",
    ),
    Binding(
        "b,comma", "back", "Back", id="review.back", show=False,
        tooltip="Back to the claim shown before (after an add, a pick or a save moved on);"
        " again: forth",
    ),
    # ---- span mode (issue 14): its own keys are SPAN_BINDINGS (tui/widgets/span_cursor.py)
    Binding(
        "v,f8", "span_start", "Select", id="review.select",
        tooltip="Span mode: select words in the document and assign them to the claim's fields",
    ),
    Binding(
        "f3", "toggle_hints", "Labels", id="review.hints", show=False,
        tooltip="Hide or show the hint labels under the claim's sentence (typing a label"
        " starts span mode with its word selected; span mode shows them too)",
    ),
    Binding(
        "N,plus", "add_missed", "Add missed", id="review.next_missed",
        tooltip="Select a number no claim holds: the first of the claim's sentence, else the"
        " next in the document (span mode; n or Enter adds it with the extractor's guess of its"
        " roles, N goes on to the next one)",
    ),
    # ---- siblings and flags (issue 14, engineer "siblings")
    Binding(
        "g,asterisk", "apply_siblings", "Siblings", id="review.siblings", show=False,
        tooltip="Apply your last correction (edit or reject) to the document's other pending"
        " claims with the same value (one undo takes them all back)",
    ),
    Binding(
        "m,exclamation_mark", "flag", "Flag", id="review.flag", show=False,
        tooltip="Flag the claim for a second look, with an optional note (again: unflag)",
    ),
    # ---- documents (issue 14): open any document, one without candidates too
    Binding(
        "o,f10", "toggle_suggestions", "Suggest", id="review.suggestions", show=False,
        tooltip="Turn the suggestions from your decisions off or on (off: each claim's subject"
        " and time as the extractor proposed them)",
    ),
    Binding(
        "d,f9", "documents", "Documents", id="review.documents",
        tooltip="Open any document: a list with source, title and claim counts; type to filter",
    ),
]  # fmt: skip

REVIEW_BINDINGS = [with_ime_keys(b) for b in REVIEW_BINDINGS]


class ReviewScreen(SpanMode):
    """Where a reviewer works through the candidate claims."""

    BINDINGS: ClassVar[list[BindingType]] = list(REVIEW_BINDINGS)

    def __init__(
        self,
        conn: sqlite3.Connection,
        db_path: str,
        reviewer: str,
        assignment: teams.Assignment | None = None,
        *,
        list_conn: sqlite3.Connection | None = None,
    ) -> None:
        super().__init__()
        self.conn = conn
        """The session's connection: used only from worker threads, one action at a time."""
        self.list_conn = list_conn or conn
        """The claim list's reading connection (pages of rows near the viewport)."""
        self.db_path = db_path
        self.reviewer = reviewer
        self.session = ReviewSession(conn, reviewer, assignment)
        """Every review action and its state (see :mod:`db.session`)."""
        self.session.normalise_time = normalise_time  # a picked time gets its normalised form
        self.view: View | None = None
        """What the screen shows (the last outcome's view)."""
        self.position: tuple[int, int, int, int] | None = None
        self.pending_actions = 0
        """Actions sent to the worker and not answered yet (keys meanwhile wait their turn)."""
        self._doing: list[Doing] = []
        """What each of them does (the progress line's "saving…" or "loading…")."""

    # Read-only views of the session's state, for the widgets and the tests.
    @property
    def claim(self) -> ClaimRow | None:
        """The claim on screen (every column), or None."""
        return self.view.claim if self.view else None

    @property
    def doc(self) -> DocumentRow | None:
        return self.view.doc if self.view else None

    @property
    def index(self) -> int:
        return self.view.index if self.view else -1

    @property
    def total(self) -> int:
        return self.view.total if self.view else 0

    @property
    def flt(self) -> review.ClaimFilter:
        return self.session.flt

    @property
    def counts(self) -> dict[str, int]:
        return self.session.counts

    @property
    def assignment(self) -> teams.Assignment:
        return self.session.assignment

    @property
    def skipped(self) -> list[int]:
        return self.session.skipped

    def compose(self) -> ComposeResult:
        yield ReviewHeader(id="header")
        with Horizontal(id="body"):
            with Vertical(id="main"):
                yield DocumentView(id="document")
                yield ClaimCard(id="card")
            yield ClaimList(id="claims")
        yield SessionProgress(id="progress")
        yield KeyFooter()

    async def on_mount(self) -> None:
        """Open at the reviewer's first pending claim."""
        self.query_one(DocumentView).border_title = "document"
        self.query_one(ClaimList).border_title = "claims"
        self.query_one(ClaimCard).border_title = "claim"
        self.query_one(ClaimList).focus()
        await self._open()
        if self.assignment.mode in ("split", "overlap") and not self.assignment.adjudicate:
            # Keep the lease on the claim on screen alive; others see decisions as they come.
            self.set_interval(self.assignment.lease_seconds / 3, self._renew_lease)
        self.set_interval(REFRESH_SECONDS, self._refresh_counts)

    opened = False
    """The session opened (its first view shown); until then the card says why not."""

    async def _open(self) -> None:
        """Open the session at the reviewer's first claim. On a database that stays locked
        (another program writing) or cannot be read, the card says so for as long as it
        lasts, instead of a blank screen, and the open is tried again every few seconds."""
        if self.opened:
            return
        outcome = await self._call(self.session.open)
        if outcome.ok:
            self.opened = True
            self.render_outcome(outcome)
            await self._offer_siblings()
            return
        why = f"{LOCKED}." if outcome.kind == "busy" else shown(outcome.message)
        self.query_one(ClaimCard).show(
            None,
            f"Nothing to show yet: {why}\n"
            f"Trying again every {OPEN_RETRY_SECONDS:g} seconds; q quits.",
        )
        self.set_timer(OPEN_RETRY_SECONDS, self._open)

    # ---------------------------------------------------------------- the worker

    async def _call(self, action: Callable[[], Outcome], doing: Doing = "loading") -> Outcome:
        """Run a session action in a thread worker and wait for its outcome.

        The caller's handler awaits here, so the screen handles no further key until the
        outcome arrives; the event loop itself stays free (rendering, timers, other widgets).
        Meanwhile the progress line says what it does: ``saving…`` for a write, ``loading…``
        for a read; nothing for ``quiet`` (the timers' lease renewal and recount).
        """
        self.pending_actions += 1
        self._doing.append(doing)
        self._show_doing()
        try:
            worker = self.run_worker(action, thread=True, group="session", exit_on_error=False)
            outcome = await worker.wait()
        finally:
            self.pending_actions -= 1
            self._doing.remove(doing)
            self._show_doing()
        return outcome

    def _show_doing(self) -> None:
        """The progress line's mark for the actions under way: a write wins over a read."""
        mark = next((d for d in ("saving", "loading") if d in self._doing), None)
        self.query_one(SessionProgress).set_doing(mark)

    async def _act(self, action: Callable[[], Outcome], doing: Doing = "loading") -> Outcome:
        """Run a session action and render its outcome."""
        outcome = await self._call(action, doing)
        self.render_outcome(outcome)
        await self._offer_siblings()
        return outcome

    def render_outcome(self, outcome: Outcome) -> None:
        """Show what an action did: the message, the counts, and the claim it goes to."""
        if outcome.view is not None:
            self.show_view(outcome.view)
        if outcome.decision is not None or outcome.counts:
            progress = self.query_one(SessionProgress)
            progress.session_decisions = self.session.decided
            progress.show(self.counts)
        if outcome.message:
            if outcome.kind == "done":
                self.notify(shown(outcome.message), timeout=3, markup=False)
            elif outcome.kind == "refused":
                self.notify(shown(outcome.message), severity="warning", markup=False)
            else:
                self.notify(shown(outcome.message), severity="error", markup=False)

    back_to: int | None = None
    """The claim shown before the one on screen (``b`` goes back to it)."""

    def show_view(self, view: View) -> None:
        """Redraw the document, card, header and list for ``view``."""
        before = self.claim
        if before is not None and (view.claim is None or view.claim["id"] != before["id"]):
            self.back_to = before["id"]
        self.view = view
        claims = self.query_one(ClaimList)
        if view.relist:
            claims.configure(self.list_conn, view.flt, view.total, view.index)
        for row in view.rows:
            claims.update_row(row)
        claim = view.claim
        if claim is None and view.doc is not None:
            self.show_document_only(view)
            return
        if claim is None or view.doc is None:
            self.position = None
            self.query_one(DocumentView).show("", None)
            self.query_one(ClaimCard).show(None, view.empty_message)
            self.query_one(ReviewHeader).show(None, None)
            claims.set_cursor(-1)
            self.prime_hints()
            self.on_view(view)
            return
        text = view.doc["text"]
        if text[claim["start"] : claim["end"]] != claim["quantity_text"]:
            self.notify(
                shown(
                    f"claim {claim['id']}: offsets {claim['start']}–{claim['end']} do not hold "
                    f"{claim['quantity_text']!r} in the document"
                ),
                severity="warning",
                markup=False,
            )
        self.position = view.position
        self.query_one(DocumentView).show(text, claim)
        self._focus_picks(claim, text)
        self.mark_card(view)  # the card, with what its title adds for this view
        info = f"list: {view.index + 1:,} of {view.total:,}"
        if not view.flt.is_empty:
            info += f" · filter: {view.flt.describe()}"
        self.query_one(ReviewHeader).show(view.doc, view.position, info)
        claims.set_cursor(view.index, claim if view.in_list else None)
        self.prime_hints()
        self.on_view(view)

    def on_view(self, view: View) -> None:
        """Hook for subclasses: the view changed."""

    async def _renew_lease(self) -> None:
        # Busy: the next beat renews it; a lease lasts three beats.
        if self.pending_actions == 0:
            await self._call(self.session.renew, "quiet")

    async def _refresh_counts(self) -> None:
        """Pick up other reviewers' decisions: recount in the worker, then redraw."""
        if self.pending_actions:
            return
        before = dict(self.counts)
        await self._call(self.session.recount, "quiet")
        if self.counts != before:
            self.query_one(SessionProgress).show(self.counts)
            self.query_one(ClaimList).refresh_rows()

    async def on_unmount(self) -> None:
        """Give back this reviewer's lease so others get the claim at once (else it expires
        by itself)."""
        self.session.release()

    # ---------------------------------------------------------------- moving

    async def action_next_claim(self) -> None:
        """The next claim in the list."""
        await self._move("next")

    async def action_previous_claim(self) -> None:
        """The previous claim in the list."""
        await self._move("previous")

    async def action_next_document(self) -> None:
        """The first claim of the next document."""
        await self._move("next_document")

    async def action_previous_document(self) -> None:
        """The first claim of the previous document."""
        await self._move("previous_document")

    async def _move(self, where: str) -> None:
        outcome = await self._call(lambda: self.session.move(where))
        if outcome.kind == "refused":  # an end of the list: a hint, not a warning
            self.notify(outcome.message, timeout=2, markup=False)
        else:
            self.render_outcome(outcome)
            await self._offer_siblings()  # the card may have come from a document alone

    suggestions: Callable[..., Any] | None = None
    """The ranking that suggests subjects and times from the document's decisions (the app
    sets the extractor's; ``o`` turns it off and on again for this session)."""

    async def action_toggle_suggestions(self) -> None:
        """Suggestions from the document's decisions off, or on again."""
        rerank = None if self.session.feedback is not None else self.suggestions
        if rerank is None and self.session.feedback is None:
            self.notify("No suggestion model in this app.", timeout=3)
            return
        await self._act(lambda: self.session.set_feedback(rerank))

    async def action_next_pending(self) -> None:
        """The next pending claim for the reviewer (wrapping), deciding nothing."""
        await self._move_with(self.session.next_pending)

    async def _move_with(self, action: Callable[[], Outcome]) -> None:
        outcome = await self._call(action)
        if outcome.kind == "refused":  # nothing left: a hint, not a warning
            self.notify(outcome.message, timeout=2, markup=False)
        else:
            self.render_outcome(outcome)

    async def action_back(self) -> None:
        """Back to the claim shown before (the host after an add, the claim a pick or a
        save moved on from); pressed again, forth."""
        target = self.back_to
        if target is None:
            self.notify("No claim shown before this one.", timeout=2)
            return
        await self._act(lambda: self.session.goto(target))

    @on(ClaimList.Picked)
    async def _picked(self, event: ClaimList.Picked) -> None:
        await self._act(lambda: self.session.goto(event.claim_id, event.index))

    # ---------------------------------------------------------------- deciding

    def _no_claim(self, action: str) -> bool:
        """True, with a message saying why, when there is no claim for ``action`` (a document
        opened without candidates, the empty queue): a key never does nothing silently."""
        if self.claim is not None:
            return False
        self.notify(shown(self.session.no_claim_reason(action)), timeout=4, markup=False)
        return True

    async def _decide(self, action: str, changes: dict[str, Any] | None = None) -> None:
        if self._no_claim(action):
            return
        await self._act(lambda: self.session.decide(action, changes), "saving")

    async def action_accept(self) -> None:
        """Accept the claim; go to the next pending one."""
        await self._decide("accept")

    async def action_reject(self) -> None:
        """Reject the claim; go to the next pending one."""
        await self._decide("reject")

    async def action_skip(self) -> None:
        """Leave the claim pending; go to the next pending one."""
        await self._decide("skip")

    async def action_undo(self) -> None:
        """Undo the reviewer's last decision and show that claim."""
        outcome = await self._call(self.session.undo, "saving")
        if outcome.kind == "refused" and outcome.decision is None and outcome.view is None:
            self.notify(shown(outcome.message), timeout=2, markup=False)
            return
        self.render_outcome(outcome)
        await self._offer_siblings()

    def action_edit(self) -> None:
        """Open the edit form for the current claim."""
        if self._no_claim("edit") or self.claim is None or self.doc is None:
            return
        from tui.screens.edit import ClaimForm

        claim_id = self.claim["id"]

        async def done(changes: dict[str, Any] | None) -> None:
            if not changes or self.claim is None or self.claim["id"] != claim_id:
                return
            date = self.doc["date"] if self.doc else None
            await self._decide("edit", renormalised(changes, self.claim, date))  # a new time_text

        self.app.push_screen(ClaimForm(self.doc, self.claim, mode="edit"), done)

    def action_add(self) -> None:
        """Open the form to add a claim in the current sentence (anywhere in a document
        without claims)."""
        if self.doc is None:
            return
        from tui.screens.documents import whole_document, without_sentence
        from tui.screens.edit import ClaimForm

        alone = self.claim is None  # a document without claims: the form shows all of it

        async def done(fields: dict[str, Any] | None) -> None:
            if fields:
                added = without_sentence(fields) if alone else fields
                await self._act(lambda: self.session.add(added), "saving")

        anchor = whole_document(self.doc) if alone else self.claim
        assert anchor is not None
        self.app.push_screen(ClaimForm(self.doc, anchor, mode="add"), done)

    # ---------------------------------------------------------------- panels

    async def action_history(self) -> None:
        """Show the current claim's decisions."""
        if self._no_claim("show the history of") or self.claim is None:
            return
        from tui.screens.panels import HistoryScreen

        claim = self.claim
        outcome = await self._call(self.session.history)
        if outcome.ok:
            self.app.push_screen(HistoryScreen(claim, outcome.data))
        else:
            self.render_outcome(outcome)

    def action_help(self) -> None:
        """Show every key."""
        from tui.screens.panels import HelpScreen

        self.app.push_screen(HelpScreen(self.help_rows()))

    def help_rows(self) -> list[tuple[str, str, str, str]]:
        """(keys, action, what it does, binding id) for every review action, with the keys in
        effect (after any ``App.set_keymap``)."""
        keys: dict[str, list[str]] = {}
        # active_bindings has the keymap applied (the screen's own _bindings keep the defaults).
        for active in self.active_bindings.values():
            binding = active.binding
            if binding.key in IME_FORMS:
                continue  # the help panel's foot names them once for all
            if binding.id and binding.id.startswith("review."):
                keys.setdefault(binding.id, []).append(self.app.get_key_display(binding))
        rows = [
            (" ".join(keys[b.id]), b.description, b.tooltip, b.id)
            for b in REVIEW_BINDINGS
            if b.id and b.id in keys
        ]
        return rows + span_help_rows(self.app)

    def action_search(self) -> None:
        """Open the search panel; picking a hit jumps to its claim."""
        from tui.screens.panels import SearchScreen

        search = SearchScreen(self.db_path)

        async def done(claim_id: int | None) -> None:
            doc_id = search.document
            action: Callable[[], Outcome] | None = None
            if claim_id is not None:
                action = partial(self.session.goto, claim_id)
            elif doc_id is not None:  # a document without claims: opened alone
                action = partial(self.session.open_document, doc_id)
            if action is not None:
                outcome = await self._act(action)
                if outcome.ok:  # the terms, highlighted in the document jumped to
                    self.query_one(DocumentView).set_search(search.query_text)

        self.app.push_screen(search, done)

    async def action_filter(self) -> None:
        """Open the filter form."""
        from tui.screens.panels import FilterScreen

        outcome = await self._call(self.session.rules)
        rules: list[str] = outcome.data if outcome.ok else []
        doc_id = self.claim["doc_id"] if self.claim else None

        async def done(flt: review.ClaimFilter | None) -> None:
            if flt is not None:
                await self.set_filter(flt)

        self.app.push_screen(FilterScreen(self.flt, rules, doc_id), done)

    async def set_filter(self, flt: review.ClaimFilter, *, keep: bool = True) -> None:
        """Show only claims that pass ``flt``; stay on the current claim when it passes."""
        await self._act(lambda: self.session.set_filter(flt, keep=keep))

    def action_toggle_layout(self) -> None:
        """Claim list beside the document, or below it."""
        self.query_one("#body").toggle_class("-below")

    async def action_quit(self) -> None:
        """Quit; every decision is already committed."""
        self.app.exit()

    # ---- alternatives and picks (issue 14: review by picking, not typing)

    field_focus: str = alternatives.ALL
    """The card's field in focus (``[``/``]``); digits pick among its alternatives
    (:data:`db.alternatives.ALL`: the first options of every field, in turns)."""
    _focus_claim: tuple[int, frozenset[str]] | None = None
    """The claim the focus was chosen for, with the fields a reviewer had set then."""

    def _focus_picks(self, claim: ClaimRow, text: str) -> None:
        """Put the card's picks in place for ``claim``: on a new claim the focus starts on the
        row of all fields (:func:`db.alternatives.mixed`: every field's first options, one
        digit each), and again when the fields a reviewer set on it change (a pick that stayed
        on it: the row then shows only the fields no one has set; an undo gives back the
        proposal)."""
        alts = alternatives.parse(claim.get("alternatives"), text)
        seen = (claim["id"], frozenset(alternatives.settled(claim)))
        if seen != self._focus_claim:
            self._focus_claim = seen
            self.field_focus = alternatives.ALL
        card = self.query_one(ClaimCard)
        if not alts:
            card.set_picks(None)
            return
        kept = self.session.pick_row(claim, alts, text)
        options = tuple(alternatives.shown_options(alts, claim, self.field_focus, kept))
        card.set_picks(Picks(claim["id"], self.field_focus, options))

    def _step_field(self, by: int) -> None:
        claim, doc = self.claim, self.doc
        if self._no_claim("pick a field of") or claim is None or doc is None:
            return
        alts = alternatives.parse(claim.get("alternatives"), doc["text"])
        self.field_focus = alternatives.step(alts, self.field_focus, by)
        self._focus_picks(claim, doc["text"])
        self.query_one(ClaimCard).show(claim)  # its title keeps what mark_card added

    def action_field_previous(self) -> None:
        """Focus the previous field of the card."""
        self._step_field(-1)

    def action_field_next(self) -> None:
        """Focus the next field of the card."""
        self._step_field(1)

    async def action_pick_alternative(self, n: int, stay: bool = False) -> None:
        """Pick alternative ``n`` of the field in focus: saved as an edit, then the next
        pending claim — with ``stay`` (Alt+digit), the same claim, its focus on the next
        field most likely wrong (refused with a message when there is no such option)."""
        if self._no_claim("pick an alternative for"):
            return
        if stay and self.assignment.adjudicate:
            self.notify(
                "When adjudicating, the digits take a reviewer's version; e edits the claim.",
                severity="warning",
            )
            return
        field = self.field_focus
        await self._act(lambda: self.session.pick_alternative(field, n, stay=stay), "saving")

    # ---------------------------------------------------------------- siblings

    async def _offer_siblings(self) -> None:
        """Show ``g: apply to N siblings`` on the card while the last correction has siblings
        (counted in the worker; no trip at all while there is no correction)."""
        card = self.query_one(ClaimCard)
        n = 0
        # Only under a claim: the card of a document without candidates (or of the empty
        # queue) says how to go on, and an offer there would read as about that document.
        if self.session.correction is not None and self.claim is not None:
            outcome = await self._call(self.session.siblings_offer)
            n = outcome.data if outcome.ok else 0
        offer = f"g: apply to {n} sibling{'' if n == 1 else 's'}" if n else ""
        if card.border_subtitle != offer:  # setting it redraws the whole card
            card.border_subtitle = offer

    async def action_apply_siblings(self) -> None:
        """Apply the last correction to its siblings in the document (one undo for all)."""
        await self._act(self.session.apply_siblings, "saving")

    # ---------------------------------------------------------------- flags

    async def action_flag(self) -> None:
        """Flag the claim with an optional note (a small form); on a flagged claim, unflag."""
        claim = self.claim
        if self._no_claim("flag") or claim is None:
            return
        if claim.get("flagged"):
            await self._act(lambda: self.session.flag(None), "saving")
            return

        async def done(note: str | None) -> None:
            if note is not None and self.claim is not None and self.claim["id"] == claim["id"]:
                await self._act(lambda: self.session.flag(note), "saving")

        self.app.push_screen(FlagScreen(claim["id"], claim["quantity_text"]), done)

    # ---- documents (issue 14): open any document; a document without candidates alone

    def action_documents(self) -> None:
        """Open the document picker; Enter opens the chosen document."""
        from tui.screens.documents import DocumentsScreen

        current = self.doc["id"] if self.doc else None

        async def done(doc_id: int | None) -> None:
            if doc_id is not None:
                await self._act(lambda: self.session.open_document(doc_id))

        self.app.push_screen(DocumentsScreen(self.list_conn, self.db_path, current), done)

    def mark_card(self, view: View) -> None:
        """Say on the card's title what its status alone does not: the reviewer's own overlap
        verdict (its fields are the ones shown), or that nothing is left pending. The card
        keeps it through every redraw of the claim (``[``/``]``, span mode)."""
        card = self.query_one(ClaimCard)
        if view.claim is None:
            card.set_title_note(None, None)
            return
        note = Text()
        mine = view.own_verdict
        if mine is not None:
            note.append(" · ")
            note.append(f"your verdict: {mine['status']}", style="bold")
            note.append(", waiting for the other reviewers")
        elif view.finished:
            note.append(" · nothing left pending")
        if view.suggested and view.claim["status"] == "pending":
            # Shown re-ranked by the document's decisions; a digit picks the extractor's back.
            note.append(" · suggested: ")
            note.append(" and ".join(view.suggested), style="bold")
        card.set_title_note(view.claim["id"], note if note.plain else None)
        card.show(view.claim)

    def show_document_only(self, view: View) -> None:
        """A document without claims: its text, and a card that says how to add one."""
        assert view.doc is not None
        self.position = None
        self.query_one(DocumentView).show(view.doc["text"], None)
        self.query_one(ClaimCard).show(None, view.empty_message)
        self.query_one(ClaimCard).border_title = "no candidates"
        info = "no candidate claims"
        if view.position:
            info += f" · document {view.position[2]:,} of {view.position[3]:,}"
        self.query_one(ReviewHeader).show(view.doc, None, info)
        self.query_one(ClaimList).set_cursor(-1)
        self.prime_hints()
        self.on_view(view)
