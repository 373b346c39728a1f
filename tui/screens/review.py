"""The review screen: the document, the claim card, the claim list, and every review key.

State lives in a handful of attributes (the filter, the current claim, its index in the
filtered list, the status counts); every key runs one short database call from
:mod:`db.review` and then redraws what changed. Decisions are committed before the screen
moves on, so what the screen shows as decided is on disk.

Focus stays on the claim list or the document, never on an input, so single-letter keys
always reach the screen; each action also has a key that is not a letter, for reviewers who
keep a Chinese input method on.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections import OrderedDict
from dataclasses import replace
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer

from db import review, teams
from db.errors import StorageError
from tui.widgets.claim_card import ClaimCard, ReviewHeader, SessionProgress
from tui.widgets.claim_list import ClaimList
from tui.widgets.document_view import DocumentView

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
]  # fmt: skip


class ReviewScreen(Screen):
    """Where a reviewer works through the candidate claims."""

    BINDINGS = REVIEW_BINDINGS

    def __init__(
        self,
        conn: sqlite3.Connection,
        db_path: str,
        reviewer: str,
        assignment: teams.Assignment | None = None,
    ) -> None:
        super().__init__()
        self.conn = conn
        """The UI thread's connection (reads of a few rows and every write)."""
        self.db_path = db_path
        self.reviewer = reviewer
        self.assignment = assignment or teams.load_assignment(conn)
        """How claims are shared with other reviewers (split, overlap, adjudication)."""
        self.flt = review.plan_filter(conn, review.ClaimFilter(disputed=self.assignment.adjudicate))
        """The list's filter, with the index chosen for it."""
        self.claim: dict[str, Any] | None = None
        """The current claim (every column), or None when there is nothing to show."""
        self.doc: dict[str, Any] | None = None
        self.index = -1
        """The current claim's index in the filtered list."""
        self.total = 0
        """Rows in the filtered list."""
        self.counts: dict[str, int] = {}
        """Claims per status in the whole database, kept up to date decision by decision."""
        self.skipped: list[int] = []
        """Claims skipped in this session, kept out of the next pass until nothing else is left."""
        self.position: tuple[int, int, int, int] | None = None
        self._docs: OrderedDict[int, dict[str, Any]] = OrderedDict()
        self._doc_ordinals: OrderedDict[int, int] = OrderedDict()
        self._doc_total = 0

    def compose(self) -> ComposeResult:
        yield ReviewHeader(id="header")
        with Horizontal(id="body"):
            with Vertical(id="main"):
                yield DocumentView(id="document")
                yield ClaimCard(id="card")
            yield ClaimList(id="claims")
        yield SessionProgress(id="progress")
        yield Footer()

    def on_mount(self) -> None:
        """Open at the reviewer's first pending claim."""
        self.query_one(DocumentView).border_title = "document"
        self.query_one(ClaimList).border_title = "claims"
        self.query_one(ClaimCard).border_title = "claim"
        self.counts = review.status_counts(self.conn)
        self._doc_total = review.document_count(self.conn)
        self.total = (
            review.count(self.conn, self.flt)
            if self.assignment.adjudicate
            else sum(self.counts.values())
        )
        # Open at the first claim for this reviewer, past the ones they skipped last time.
        self.skipped = review.last_skipped(self.conn, self.reviewer)
        row = self._next(None) or review.first_row(self.conn, self.flt)
        index = review.count_before(self.conn, self.flt, review.key_of(row)) if row else -1
        self.query_one(ClaimList).configure(self.conn, self.flt, self.total, index)
        self.goto(row, index)
        self.query_one(ClaimList).focus()
        self._show_progress()
        if not self.assignment.adjudicate:
            # Keep the lease on the claim on screen alive; others see decisions as they come.
            self.set_interval(self.assignment.lease_seconds / 3, self._renew_lease)
        self.set_interval(REFRESH_SECONDS, self._refresh_counts)

    def _sync_mode(self) -> None:
        """Follow the team's mode if another session changed it (one small read)."""
        if not self.assignment.adjudicate:
            team = teams.load_assignment(self.conn)
            if (team.mode, team.per_claim) != (self.assignment.mode, self.assignment.per_claim):
                self.assignment = replace(self.assignment, mode=team.mode, per_claim=team.per_claim)
                self.notify(f"The team's review mode is now {team.describe()}.", timeout=4)

    def _next(self, after: review.Key | None) -> dict[str, Any] | None:
        """The next claim for this reviewer in the session's mode (leased to them)."""
        try:
            self._sync_mode()
            return teams.next_claim(
                self.conn, self.assignment, self.reviewer, after, self.flt, self.skipped
            )
        except sqlite3.OperationalError as exc:
            # Locked for longer than the busy timeout: show the next pending claim without
            # leasing it (a decision on it is still checked against other reviewers').
            self.notify(f"The database is busy ({exc}); the claim is not reserved for you.",
                        severity="warning")  # fmt: skip
            return review.next_pending(self.conn, after, self.flt, self.skipped)

    def _renew_lease(self) -> None:
        if self.claim is not None and self.claim["status"] == "pending":
            # Busy: the next beat renews it; a lease lasts three beats.
            with contextlib.suppress(sqlite3.OperationalError):
                teams.renew(self.conn, self.assignment, self.reviewer, self.claim["id"])

    def _refresh_counts(self) -> None:
        """Pick up other reviewers' decisions: recount in a thread, then redraw."""
        self.run_worker(self._count_in_thread, thread=True, exclusive=True, group="recount")

    def _count_in_thread(self) -> None:
        from db.connection import connect

        conn = connect(self.db_path, create=False, check_same_thread=False)
        try:
            counts = review.status_counts(conn)
        finally:
            conn.close()
        self.app.call_from_thread(self._counts_arrived, counts)

    def _counts_arrived(self, counts: dict[str, int]) -> None:
        if counts != self.counts:
            self.counts = counts
            self._show_progress()
            self.query_one(ClaimList).refresh_rows()

    def on_unmount(self) -> None:
        """Give back this reviewer's lease so others get the claim at once."""
        with contextlib.suppress(sqlite3.Error):  # else the lease expires by itself
            teams.release(self.conn, self.reviewer)

    # ---------------------------------------------------------------- moving

    def document(self, doc_id: int) -> dict[str, Any]:
        """A document, from a small cache (a session walks documents in order)."""
        doc = self._docs.get(doc_id)
        if doc is None:
            doc = review.get_document(self.conn, doc_id)
            self._docs[doc_id] = doc
            if len(self._docs) > 16:
                self._docs.popitem(last=False)
        else:
            self._docs.move_to_end(doc_id)
        return doc

    def _doc_ordinal(self, doc_id: int) -> int:
        n = self._doc_ordinals.get(doc_id)
        if n is None:
            n = review.document_ordinal(self.conn, doc_id)
            self._doc_ordinals[doc_id] = n
            if len(self._doc_ordinals) > 256:
                self._doc_ordinals.popitem(last=False)
        return n

    def goto(self, row: dict[str, Any] | None, index: int | None = None) -> None:
        """Make ``row`` (list columns or a full claim) the current claim and redraw.

        Args:
            row: the claim to show; None shows the empty state.
            index: its index in the filtered list when known; otherwise counted from the
                current index (cheap for nearby claims) or from the start.
        """
        claims = self.query_one(ClaimList)
        if row is None:
            self.claim, self.doc, self.index, self.position = None, None, -1, None
            self.query_one(DocumentView).show("", None)
            self.query_one(ClaimCard).show(None, self._empty_message())
            self.query_one(ReviewHeader).show(None, None)
            claims.set_cursor(-1)
            return
        claim = review.get_claim(self.conn, row["id"])
        if index is None:
            new_key = review.key_of(claim)
            if self.claim is not None and self.index >= 0:
                old_key = review.key_of(self.claim)
                index = self.index + review.count_between(self.conn, self.flt, old_key, new_key)
            else:
                index = review.count_before(self.conn, self.flt, new_key)
        self.claim, self.index = claim, index
        self.doc = self.document(claim["doc_id"])
        text = self.doc["text"]
        if text[claim["start"] : claim["end"]] != claim["quantity_text"]:
            self.notify(
                f"claim {claim['id']}: offsets {claim['start']}–{claim['end']} do not hold "
                f"{claim['quantity_text']!r} in the document",
                severity="warning",
            )
        n, m = review.position_in_document(self.conn, claim)
        self.position = (n, m, self._doc_ordinal(claim["doc_id"]), self._doc_total)
        self.query_one(DocumentView).show(text, claim)
        self.query_one(ClaimCard).show(claim)
        self._show_header()
        in_list = review.matches(self.conn, self.flt, review.key_of(claim))
        claims.set_cursor(index, self._list_row(claim) if in_list else None)

    def _list_row(self, claim: dict[str, Any]) -> dict[str, Any]:
        return {c: claim[c] for c in review.LIST_COLUMNS}

    def _show_header(self) -> None:
        info = f"list: {self.index + 1:,} of {self.total:,}"
        if not self.flt.is_empty:
            info += f" · filter: {self.flt.describe()}"
        self.query_one(ReviewHeader).show(self.doc, self.position, info)

    def _show_progress(self) -> None:
        self.query_one(SessionProgress).show(self.counts)

    def _empty_message(self) -> str:
        if not self.counts or sum(self.counts.values()) == 0:
            return "No claims in this database. Run `claimdesk extract` first."
        return f"No claims match the filter ({self.flt.describe()}). Press f to change it."

    def _key(self) -> review.Key | None:
        return review.key_of(self.claim) if self.claim else None

    def action_next_claim(self) -> None:
        """The next claim in the list."""
        rows = review.rows_after(self.conn, self.flt, self._key(), 1)
        if rows:
            self.goto(rows[0])
        else:
            self.notify("This is the last claim in the list.", timeout=2)

    def action_previous_claim(self) -> None:
        """The previous claim in the list."""
        if self.claim is None:
            return
        rows = review.rows_before(self.conn, self.flt, self._key(), 1)
        if rows:
            self.goto(rows[0])
        else:
            self.notify("This is the first claim in the list.", timeout=2)

    def _document_step(self, direction: int) -> None:
        if self.claim is None:
            return
        row = review.next_document(self.conn, self.flt, self._key(), direction)
        if row:
            self.goto(row)
        else:
            where = "last" if direction > 0 else "first"
            self.notify(f"This is the {where} document in the list.", timeout=2)

    def action_next_document(self) -> None:
        """The first claim of the next document."""
        self._document_step(1)

    def action_previous_document(self) -> None:
        """The first claim of the previous document."""
        self._document_step(-1)

    @on(ClaimList.Picked)
    def _picked(self, event: ClaimList.Picked) -> None:
        row = review.list_row(self.conn, event.claim_id)
        if row:
            self.goto(row, event.index)

    # ---------------------------------------------------------------- deciding

    def _after_write(self, decision: review.Decision, *, moved: bool = False) -> None:
        """Update counts, list and rate after a write, without recounting a million rows.

        Args:
            decision: what was written.
            moved: the claim's place or filter fields may have changed (edit, add, undo of
                those): the list is re-read instead of patched.
        """
        if decision.status_before is not None:
            self.counts[decision.status_before] -= 1
        self.counts[decision.status_after] = self.counts.get(decision.status_after, 0) + 1
        progress = self.query_one(SessionProgress)
        if decision.action in ("accept", "reject", "edit", "add"):
            progress.session_decisions += 1
        elif decision.action == "undo" and decision.undone_action != "skip":
            progress.session_decisions = max(0, progress.session_decisions - 1)
        claims = self.query_one(ClaimList)
        if moved or (decision.action == "undo" and self.flt.status):
            self.total = review.count(self.conn, self.flt)
            claims.configure(self.conn, self.flt, self.total, -1)
            self.claim = None  # the index is recounted on the next goto
        elif self.flt.status and decision.status_before != decision.status_after:
            # The current claim left the filter; the next row slides into its place.
            claims.remove_at(self.index)
            self.total = claims.total
        else:
            row = review.list_row(self.conn, decision.claim_id)
            if row:
                claims.update_row(row)
        self._show_progress()

    def _write(self, action: str, changes: dict[str, Any] | None = None) -> review.Decision | None:
        """One decision on the current claim in the session's mode; None (and a message) when
        it was refused or the database stayed locked."""
        assert self.claim is not None
        claim_id = self.claim["id"]
        self._sync_mode()
        asg = self.assignment
        try:
            if asg.adjudicate and action != "skip":
                return teams.adjudicate(
                    self.conn, claim_id, self.reviewer, action=action, changes=changes
                )
            if asg.mode == "overlap" and action != "skip":
                return teams.judge(self.conn, asg, claim_id, self.reviewer, action, changes)
            return review.decide(
                self.conn, claim_id, self.reviewer, action, changes,
                expect_status=self.claim["status"],
            )  # fmt: skip
        except review.ReviewError as exc:
            self.notify(str(exc), severity="error")
        except StorageError as exc:
            self.notify(
                f"{exc}. For the app: nothing was saved; press the key again once fixed.",
                severity="error",
            )
        except sqlite3.OperationalError as exc:
            self.notify(
                f"The database is busy ({exc}); nothing was saved — press the key again.",
                severity="error",
            )
        return None

    def _decide(self, action: str) -> None:
        if self.claim is None:
            return
        decision = self._write(action)
        if decision is None:
            return
        if action == "skip":
            self.skipped.append(decision.claim_id)
        self._after_write(decision)
        self._go_next_pending()

    def _go_next_pending(self) -> None:
        key = self._key()
        row = self._next(key)
        if row is None:
            self.notify("Nothing left pending here. Well done.", title="All decided", timeout=4)
            self.goto(review.get_claim(self.conn, key[2]) if key else None)
            return
        self.goto(row)

    def action_accept(self) -> None:
        """Accept the claim; go to the next pending one."""
        self._decide("accept")

    def action_reject(self) -> None:
        """Reject the claim; go to the next pending one."""
        self._decide("reject")

    def action_skip(self) -> None:
        """Leave the claim pending; go to the next pending one."""
        self._decide("skip")

    def action_undo(self) -> None:
        """Undo the reviewer's last decision and show that claim."""
        try:
            decision = teams.undo(self.conn, self.assignment, self.reviewer)
        except review.ReviewError as exc:
            self.notify(str(exc), severity="error")
            return
        except StorageError as exc:
            self.notify(f"{exc}", severity="error")
            return
        except sqlite3.OperationalError as exc:
            self.notify(f"The database is busy ({exc}); nothing was undone.", severity="error")
            return
        if decision is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        if decision.undone_action == "skip" and decision.claim_id in self.skipped:
            self.skipped.remove(decision.claim_id)
        moved = decision.undone_action in ("edit", "add")
        self._after_write(decision, moved=moved)
        self.goto(review.list_row(self.conn, decision.claim_id))
        self.notify(f"Undid {decision.undone_action} of claim {decision.claim_id}.", timeout=2)

    def action_edit(self) -> None:
        """Open the edit form for the current claim."""
        if self.claim is None or self.doc is None:
            return
        from tui.screens.edit import ClaimForm

        claim_id = self.claim["id"]

        def done(changes: dict[str, Any] | None) -> None:
            if not changes or self.claim is None or self.claim["id"] != claim_id:
                return
            decision = self._write("edit", changes)
            if decision is None:
                return
            self._after_write(decision, moved=True)
            self.goto(review.list_row(self.conn, claim_id))
            self.notify(f"Claim {claim_id} edited and accepted.", timeout=2)

        self.app.push_screen(ClaimForm(self.doc, self.claim, mode="edit"), done)

    def action_add(self) -> None:
        """Open the form to add a claim in the current sentence."""
        if self.claim is None or self.doc is None:
            return
        from tui.screens.edit import ClaimForm

        doc_id = self.doc["id"]

        def done(fields: dict[str, Any] | None) -> None:
            if not fields:
                return
            try:
                decision = review.add_claim(self.conn, doc_id, fields, self.reviewer)
            except review.ReviewError as exc:
                self.notify(str(exc), severity="error")
                return
            self._doc_ordinals.clear()
            self._after_write(decision, moved=True)
            self.goto(review.list_row(self.conn, decision.claim_id))
            self.notify(f"Claim {decision.claim_id} added.", timeout=2)

        self.app.push_screen(ClaimForm(self.doc, self.claim, mode="add"), done)

    # ---------------------------------------------------------------- panels

    def action_history(self) -> None:
        """Show the current claim's decisions."""
        if self.claim is None:
            return
        from tui.screens.panels import HistoryScreen

        rows = review.history(self.conn, self.claim["id"])
        self.app.push_screen(HistoryScreen(self.claim, rows))

    def action_help(self) -> None:
        """Show every key."""
        from tui.screens.panels import HelpScreen

        self.app.push_screen(HelpScreen(self.help_rows()))

    def help_rows(self) -> list[tuple[str, str, str, str]]:
        """(keys, action, what it does, binding id) for every review action, with the keys in
        effect (after any ``App.set_keymap``)."""
        keys: dict[str, list[str]] = {}
        by_id: dict[str, Binding] = {}
        for key_bindings in self._bindings.key_to_bindings.values():
            for binding in key_bindings:
                if binding.id and binding.id.startswith("review."):
                    by_id.setdefault(binding.id, binding)
                    keys.setdefault(binding.id, []).append(self.app.get_key_display(binding))
        return [
            (" ".join(keys[b.id]), b.description, b.tooltip, b.id)
            for b in REVIEW_BINDINGS
            if b.id in keys
        ]

    def action_search(self) -> None:
        """Open the search panel; picking a hit jumps to its claim."""
        from tui.screens.panels import SearchScreen

        def done(claim_id: int | None) -> None:
            if claim_id is None:
                return
            row = review.list_row(self.conn, claim_id)
            if row is None:
                return
            if not review.matches(self.conn, self.flt, review.key_of(row)):
                self.notify("The claim is outside the filter; the filter is cleared.", timeout=3)
                self.set_filter(review.ClaimFilter(), keep=False)
            self.goto(row)

        self.app.push_screen(SearchScreen(self.db_path), done)

    def action_filter(self) -> None:
        """Open the filter form."""
        from tui.screens.panels import FilterScreen

        rules = review.distinct_values(self.conn, "rule")
        doc_id = self.claim["doc_id"] if self.claim else None

        def done(flt: review.ClaimFilter | None) -> None:
            if flt is not None:
                self.set_filter(flt)

        self.app.push_screen(FilterScreen(self.flt, rules, doc_id), done)

    def set_filter(self, flt: review.ClaimFilter, *, keep: bool = True) -> None:
        """Show only claims that pass ``flt``; stay on the current claim when it passes.

        Args:
            flt: the new filter.
            keep: go to the nearest claim at or after the current one (else the first).
        """
        self.flt = review.plan_filter(self.conn, flt)
        self.total = review.count(self.conn, self.flt)
        key = self._key()
        row = None
        if keep and key is not None:
            if review.matches(self.conn, self.flt, key):
                row = self.claim
            else:
                after = review.rows_after(self.conn, self.flt, key, 1)
                row = after[0] if after else None
        row = row or review.first_row(self.conn, self.flt)
        index = review.count_before(self.conn, self.flt, review.key_of(row)) if row else -1
        self.query_one(ClaimList).configure(self.conn, self.flt, self.total, index)
        self.claim = None
        self.goto(row, index)

    def action_toggle_layout(self) -> None:
        """Claim list beside the document, or below it."""
        self.query_one("#body").toggle_class("-below")

    async def action_quit(self) -> None:
        """Quit; every decision is already committed."""
        self.app.exit()
