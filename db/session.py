"""The review session: everything a review screen does, free of any UI.

One :class:`ReviewSession` holds the state of one reviewer's session — the filter, the current
claim, its place in the list, the status counts, the claims skipped — and offers every action:
open, decide (accept, reject, skip, edit), adjudicate a pick, undo, add, move, filter, renew
the lease. The mode's differences live in one :class:`Strategy` per mode (single, split,
overlap, adjudicate), not in ``if`` ladders.

Every action returns one :class:`Outcome` — done, refused (with the reason), busy (the
database stayed locked) or error (a full or read-only disk…) — so every key handles a locked
or full database the same way: a message, nothing saved, the screen stays where it was.

A session is used from one worker thread at a time (the screen awaits each action); a lock
makes that so even for the lease timer. It never imports Textual.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal, cast

from db import (
    alternatives,
    decisions,
    feedback,
    flags,
    review,
    reviewed,
    siblings,
    spans,
    teams,
)
from db.decisions import Decision, ReviewError, Seen
from db.errors import describe, unsaved
from db.feedback import Rerank
from db.review import ClaimFilter, Key
from db.rows import ClaimRow, DocumentRow, ListRow, Verdict
from db.schema import WITHDRAWN

OutcomeKind = Literal["done", "refused", "busy", "error"]
Changes = dict[str, Any]
"""Fact fields a reviewer typed (an edit or an added claim)."""


@dataclass(frozen=True)
class View:
    """What the screen shows after an action.

    Attributes:
        claim: the current claim (every column), or None for the empty state.
        doc: its document (id, source, title, text, date, url).
        index: the claim's index in the filtered list (-1: none).
        total: rows in the filtered list.
        position: (n-th claim of the document, claims in it, document ordinal, documents).
        in_list: the claim passes the filter (else the list shows no cursor row).
        versions: in adjudication, each reviewer's verdict on the claim.
        relist: the list must be re-read (its rows or total changed), else ``rows`` patch it.
        rows: list rows to update in place.
        flt: the list's filter.
        empty_message: what to show when there is no claim.
    """

    claim: ClaimRow | None
    doc: DocumentRow | None
    index: int
    total: int
    position: tuple[int, int, int, int] | None
    in_list: bool
    flt: ClaimFilter
    versions: list[Verdict] = field(default_factory=list)
    relist: bool = False
    rows: list[ListRow] = field(default_factory=list)
    empty_message: str = ""
    finished: bool = False
    """Nothing is left pending: the claim shown is the one just decided (accept and reject
    on it are refused until the reviewer moves, so a stray key never changes it)."""
    own_verdict: Verdict | None = None
    """Overlap mode: the reviewer's own verdict on the pending claim (its fields are shown)."""
    suggested: dict[str, str] = field(default_factory=dict)
    """Fields of the pending claim shown re-ranked by the document's decisions
    (:mod:`db.feedback`): field -> the extractor's proposal they replace."""


@dataclass(frozen=True)
class Outcome:
    """The result of one session action.

    Attributes:
        kind: ``done``; ``refused`` (the reason in ``message``; nothing written); ``busy``
            (the database stayed locked; nothing written); ``error`` (storage failed; nothing
            written).
        message: what to tell the reviewer (may be empty for a plain move).
        decision: what was written, for a done write.
        view: where the screen goes; None keeps it where it is.
        counts: claims per status after the action.
        data: an action's result that is not a view (history rows, rule names).
    """

    kind: OutcomeKind
    message: str = ""
    decision: Decision | None = None
    view: View | None = None
    counts: dict[str, int] = field(default_factory=dict)
    data: Any = None

    @property
    def ok(self) -> bool:
        """The action was done."""
        return self.kind == "done"


# --------------------------------------------------------------------------------------------
# Strategies: one per mode


class Strategy:
    """How claims are shared in one mode. The base class is *single*: one reviewer, no leases
    (what scripts and tests use); the subclasses add what their mode needs."""

    name = "single"
    #: A decision takes the claim out of the list (adjudication: out of the disputes).
    relist_after_write = False

    def base_filter(self) -> ClaimFilter:
        """The list's filter before the reviewer filters it."""
        return ClaimFilter()

    def next(self, s: ReviewSession, after: Key | None) -> ListRow | None:
        """The next claim for the reviewer after ``after`` (wrapping), or None."""
        return review.next_pending(s.conn, after, s.flt, s.skipped)

    def open_fallback(self, s: ReviewSession) -> ListRow | None:
        """What to show at the start when nothing is left for the reviewer."""
        return review.first_row(s.conn, s.flt)

    def decide(
        self,
        s: ReviewSession,
        claim: ClaimRow,
        action: str,
        changes: Changes | None,
        extra: Changes | None = None,
    ) -> Decision:
        """Write a decision on ``claim``, naming the state the reviewer saw (``extra``: more
        keys for the decision row, such as the alternative a pick took)."""
        return review.decide(
            s.conn, claim["id"], s.reviewer, action, changes, seen=Seen.of(claim), extra=extra
        )

    def pick(self, s: ReviewSession, claim: ClaimRow, n: int) -> Decision:
        """Make the n-th reviewer's version final (adjudication only)."""
        raise ReviewError("only an adjudicator picks a reviewer's version")

    def versions(self, s: ReviewSession, claim: ClaimRow) -> list[Verdict]:
        """Each reviewer's verdict on the claim, where the mode keeps them."""
        return []

    def renew(self, s: ReviewSession, claim: ClaimRow) -> bool:
        """Keep the claim on screen reserved for the reviewer."""
        return True

    def own_verdict(self, s: ReviewSession, claim: ClaimRow) -> Verdict | None:
        """The reviewer's own verdict kept apart from the claim (overlap mode only)."""
        return None

    def release(self, s: ReviewSession) -> None:
        """Give back what the reviewer holds (on quitting)."""


class SplitStrategy(Strategy):
    """Each pending claim is leased to one reviewer while it is on their screen."""

    name = "split"

    def next(self, s: ReviewSession, after: Key | None) -> ListRow | None:
        return teams.next_claim(s.conn, s.assignment, s.reviewer, after, s.flt, s.skipped)

    def open_fallback(self, s: ReviewSession) -> ListRow | None:
        # Never show a claim another reviewer holds: the empty state says why instead.
        return None

    def renew(self, s: ReviewSession, claim: ClaimRow) -> bool:
        if claim["status"] != "pending":
            return True
        return teams.renew(s.conn, s.assignment, s.reviewer, claim["id"])

    def release(self, s: ReviewSession) -> None:
        teams.release(s.conn, s.reviewer)


class OverlapStrategy(SplitStrategy):
    """Each claim is judged by K reviewers; a verdict is kept apart until K agree."""

    name = "overlap"

    def decide(
        self,
        s: ReviewSession,
        claim: ClaimRow,
        action: str,
        changes: Changes | None,
        extra: Changes | None = None,
    ) -> Decision:
        if action == "skip":
            return super().decide(s, claim, action, changes)
        mine = self.own_verdict(s, claim)
        if action == "accept" and mine is not None and mine["status"] == "accepted":
            # The card shows the reviewer's own (maybe edited) verdict: accepting it again must
            # not replace it with the extractor's fields.
            raise ReviewError(f"you already accepted claim {claim['id']}; not changed")
        return teams.judge(
            s.conn, s.assignment, claim["id"], s.reviewer, action, changes, seen=Seen.of(claim),
            extra=extra,
        )  # fmt: skip

    def own_verdict(self, s: ReviewSession, claim: ClaimRow) -> Verdict | None:
        if claim["status"] != "pending":
            return None
        return next((v for v in teams.versions(s.conn, claim["id"])
                     if v["reviewer"] == s.reviewer), None)  # fmt: skip


class AdjudicateStrategy(Strategy):
    """Only the disputed claims; a pick or a decision is final."""

    name = "adjudicate"
    relist_after_write = True

    def base_filter(self) -> ClaimFilter:
        return ClaimFilter(disputed=True)

    def next(self, s: ReviewSession, after: Key | None) -> ListRow | None:
        return teams.next_claim(s.conn, s.assignment, s.reviewer, after, s.flt, s.skipped)

    def decide(
        self,
        s: ReviewSession,
        claim: ClaimRow,
        action: str,
        changes: Changes | None,
        extra: Changes | None = None,
    ) -> Decision:
        if action == "skip":
            return super().decide(s, claim, action, changes)
        return teams.adjudicate(
            s.conn, claim["id"], s.reviewer, action=action, changes=changes, seen=Seen.of(claim),
            extra=extra,
        )  # fmt: skip

    def pick(self, s: ReviewSession, claim: ClaimRow, n: int) -> Decision:
        versions = teams.versions(s.conn, claim["id"])
        if not 1 <= n <= len(versions):
            raise ReviewError(f"there is no version {n}")
        return teams.adjudicate(
            s.conn, claim["id"], s.reviewer, pick=versions[n - 1]["reviewer"], seen=Seen.of(claim)
        )

    def versions(self, s: ReviewSession, claim: ClaimRow) -> list[Verdict]:
        return teams.versions(s.conn, claim["id"])


def strategy_for(assignment: teams.Assignment) -> Strategy:
    """The strategy of an assignment's mode."""
    if assignment.adjudicate:
        return AdjudicateStrategy()
    if assignment.mode == "overlap":
        return OverlapStrategy()
    return SplitStrategy()


# --------------------------------------------------------------------------------------------
# The session


#: The modes whose pending claims are shown re-ranked by the document's decisions (overlap
#: shows a reviewer's own verdicts, adjudication reviewers' versions).
FEEDBACK_MODES = ("single", "split")


class ReviewSession:
    """One reviewer's review session over one connection (see the module docstring).

    Args:
        conn: a connection of its own (the session writes on it from a worker thread).
        reviewer: the name recorded with every decision.
        assignment: the team's mode (split, overlap) or adjudication.
        strategy: overrides the mode's strategy (:class:`Strategy` for a single reviewer).
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        reviewer: str,
        assignment: teams.Assignment | None = None,
        *,
        strategy: Strategy | None = None,
    ) -> None:
        self.conn = conn
        self.reviewer = reviewer
        self.assignment = assignment or teams.load_assignment(conn)
        self.strategy = strategy or strategy_for(self.assignment)
        self._fixed_strategy = strategy is not None
        self.flt = review.plan_filter(conn, self.strategy.base_filter())
        self.claim: ClaimRow | None = None
        """The current claim (every column), as the reviewer sees it."""
        self.index = -1
        self.total = 0
        self.counts: dict[str, int] = {}
        self.skipped: list[int] = []
        """Claims skipped in this session, kept out of the next pass until nothing else is left."""
        self.decided = 0
        """Decisions made in this session (undo takes one back)."""
        self._lock = threading.Lock()
        self._docs: OrderedDict[int, DocumentRow] = OrderedDict()
        self._doc_ordinals: OrderedDict[int, int] = OrderedDict()
        self._doc_total = 0
        self.finished = False
        """Nothing is left pending and the claim shown was just decided (see View.finished)."""
        self.doc_only: int | None = None
        """The document shown without a claim (it has no candidates), else None."""
        self.suggested: dict[str, Any] = {}
        """The changes that make the stored claim the one shown (accept and edits write them;
        :mod:`db.feedback`)."""
        self.replaced: dict[str, str] = {}
        """Field -> the extractor's proposal the shown claim's suggestion replaces."""

    # ---------------------------------------------------------------- plumbing

    def _run(self, action: Callable[[], Outcome]) -> Outcome:
        """Run one action under the lock, mapping every database failure to one outcome."""
        with self._lock:
            try:
                return action()
            except ReviewError as exc:
                return self._out("refused", str(exc), view=self._reread())
            except sqlite3.Error as exc:
                kind, message = unsaved(exc)
                return self._out(kind, message)

    def _out(self, kind: OutcomeKind, message: str = "", **kw: Any) -> Outcome:
        return Outcome(kind, message, counts=dict(self.counts), **kw)

    def _reread(self) -> View | None:
        """The current claim as it is now in the database (after a refusal), when readable."""
        if self.claim is None:
            return None
        try:
            row = review.get_claim(self.conn, self.claim["id"])
        except sqlite3.Error:
            return None
        if row is None:
            return None
        stayed = self.stayed  # still on the claim kept after an edit: Enter still goes on
        first = self.first_shown  # and the row of picks keeps its digits
        view = self._view(row, self.index)
        self.stayed = stayed if stayed == row["id"] else None
        if self.stayed is not None and first is not None and first["id"] == row["id"]:
            self.first_shown = first
        return view

    def _sync_mode(self) -> str:
        """Follow the team's mode if another session changed it; a message when it did."""
        if self.assignment.adjudicate or self._fixed_strategy:
            return ""
        team = teams.load_assignment(self.conn)
        if (team.mode, team.per_claim) == (self.assignment.mode, self.assignment.per_claim):
            return ""
        self.assignment = replace(self.assignment, mode=team.mode, per_claim=team.per_claim)
        self.strategy = strategy_for(self.assignment)
        return f"The team's review mode is now {team.describe()}."

    def document(self, doc_id: int) -> DocumentRow:
        """A document, from a small cache (a session walks documents in order)."""
        doc = self._docs.get(doc_id)
        if doc is None:
            doc = review.get_document(self.conn, doc_id)
            if doc is None:
                raise ReviewError(f"no document {doc_id}")
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

    def _key(self) -> Key | None:
        if self.claim:
            return review.key_of(self.claim)
        if self.doc_only is not None:
            # A document without claims sits before any claim of a later document: moves
            # (next, previous, next document) go on from there.
            return (self.doc_only, -1, -1)
        return None

    def empty_message(self) -> str:
        """Why there is no claim to show."""
        if isinstance(self.strategy, AdjudicateStrategy):
            return "No disputed claims: the reviewers agree on everything judged so far."
        if not self.counts or sum(self.counts.values()) == 0:
            return "No claims in this database. Run `claimdesk extract` first."
        if self.flt.is_empty and self.counts.get("pending", 0):
            return (
                "Nothing pending is free for you: the pending claims are being reviewed by"
                " others. Press j to browse the list."
            )
        if self.flt.is_empty:
            return "Nothing left pending. Press j to browse the list."
        return f"No claims match the filter ({self.flt.describe()}). Press f to change it."

    def _view(
        self,
        row: ListRow | None,
        index: int | None = None,
        *,
        relist: bool = False,
        rows: list[ListRow] | None = None,
    ) -> View:
        """Make ``row`` the current claim and describe the screen that shows it."""
        self.suggested, self.replaced = {}, {}
        self.doc_only = None
        self.finished = False
        self.stayed = None
        if row is None:
            self.claim, self.index = None, -1
            return View(None, None, -1, self.total, None, False, self.flt, relist=relist,
                        empty_message=self.empty_message())  # fmt: skip
        claim = review.get_claim(self.conn, row["id"])
        if claim is None:
            raise ReviewError(f"no claim {row['id']}")
        own = self.strategy.own_verdict(self, claim)
        if own is not None:
            claim = with_verdict(claim, own, self.document(claim["doc_id"])["text"])
        # Subject and time re-ranked with what reviewers accepted before it in the document.
        if self.feedback is not None and own is None and self.strategy.name in FEEDBACK_MODES:
            text = self.document(claim["doc_id"])
            claim, self.suggested, self.replaced = feedback.apply(
                self.conn, claim, self.feedback, text["text"], self.normalise_time, text["date"]
            )
        # What reviewers set on the document's nearest claims, offered among its options.
        claim = reviewed.with_reviewed(self.conn, claim)
        if index is None:
            new_key = review.key_of(claim)
            old = self._key()
            if old is not None and self.index >= 0 and not relist:
                index = self.index + review.count_between(self.conn, self.flt, old, new_key)
            else:
                index = review.count_before(self.conn, self.flt, new_key)
        self.claim, self.index = claim, index
        self.first_shown = claim
        doc = self.document(claim["doc_id"])
        n, m = review.position_in_document(self.conn, claim)
        position = (n, m, self._doc_ordinal(claim["doc_id"]), self._doc_total)
        in_list = review.matches(self.conn, self.flt, review.key_of(claim))
        return View(
            claim,
            doc,
            index,
            self.total,
            position,
            in_list,
            self.flt,
            versions=self.strategy.versions(self, claim),
            relist=relist,
            rows=rows or [],
            own_verdict=own,
            suggested=dict(self.replaced),
        )

    # ---------------------------------------------------------------- actions

    def open(self) -> Outcome:
        """Open at the reviewer's first claim, past the ones they skipped last time."""

        def run() -> Outcome:
            note = self._sync_mode()
            self.counts = review.status_counts(self.conn)
            self._doc_total = review.document_count(self.conn)
            self.total = review.count(self.conn, self.flt)
            self.skipped = review.last_skipped(self.conn, self.reviewer)
            row = self.strategy.next(self, None) or self.strategy.open_fallback(self)
            return self._out("done", note, view=self._view(row, relist=True))

        return self._run(run)

    def _after_write(
        self, decision: Decision, *, moved: bool = False
    ) -> tuple[bool, list[ListRow]]:
        """Update counts and the list after a write; returns (relist, rows to patch)."""
        if decision.group_size > 1 or decision.status_after == WITHDRAWN:
            self.counts = review.status_counts(self.conn)
        else:
            if decision.status_before is not None:
                self.counts[decision.status_before] -= 1
            after = decision.status_after
            self.counts[after] = self.counts.get(after, 0) + 1
        if decision.action in ("accept", "reject", "edit", "add"):
            self.decided += decision.group_size
        elif decision.action == "undo" and decision.undone_action not in ("skip", "flag"):
            self.decided = max(0, self.decided - decision.group_size)
        status_changed = decision.status_before != decision.status_after
        if (
            moved
            or self.strategy.relist_after_write
            or (self.flt.status and (status_changed or decision.action == "undo"))
        ):
            self.total = review.count(self.conn, self.flt)
            return True, []
        row = review.list_row(self.conn, decision.claim_id)
        return False, [row] if row else []

    def _go_next(self, decision: Decision, relist: bool, rows: list[ListRow], note: str) -> Outcome:
        """After a decision: the next claim for the reviewer (the decision is committed)."""
        key = self._key()
        try:
            row = self.strategy.next(self, key)
        except sqlite3.OperationalError as exc:
            note = (
                f"{note} Saved; the next claim could not be reserved ({describe(exc)}):"
                " press j to go on."
            ).strip()
            row = None
        else:
            if row is None:
                note = f"{note} Nothing left pending here. Well done.".strip()
        if row is None:
            # Stay on the claim just decided (a second key on it is refused, never doubled).
            current = review.list_row(self.conn, key[2]) if key else None
            if relist:
                self.claim = None
            view = self._view(current, relist=relist, rows=rows)
            self.finished = view.claim is not None
            return self._out("done", note, decision=decision,
                             view=replace(view, finished=self.finished))  # fmt: skip
        if relist:
            self.claim = None
        return self._out("done", note, decision=decision,
                         view=self._view(row, relist=relist, rows=rows))  # fmt: skip

    def decide(self, action: str, changes: Changes | None = None) -> Outcome:
        """Accept, reject, skip or edit the current claim in the session's mode, then go to the
        next claim for the reviewer (an edit too, like an accept)."""
        return self._run(lambda: self._decide_run(action, changes))

    def _decide_run(
        self,
        action: str,
        changes: Changes | None,
        extra: Changes | None = None,
        what: str = "",
        *,
        stay: bool = False,
    ) -> Outcome:
        """:meth:`decide` inside the lock (a pick comes here too, with ``extra``). ``stay``:
        an edit that keeps the claim on screen (see :meth:`pick_alternative`)."""
        if self.claim is None:
            raise ReviewError(self.no_claim_reason(action))
        if action == "accept" and self.stayed == self.claim["id"]:
            return self._go_on()
        if self.finished and action in ("accept", "reject"):
            return self._out("refused", self.finished_reason(action))
        note = self._sync_mode()
        if self.suggested and action in ("accept", "edit"):
            # What is saved is what was shown: the suggested fields, the reviewer's own over them.
            changes = {**self.suggested, **(changes or {})}
            extra = {**(extra or {}), "suggested": sorted(self.replaced)}
        decision = self.strategy.decide(self, self.claim, action, changes, extra)
        self._note_correction(self.claim, decision)
        if action == "skip":
            self.skipped.append(decision.claim_id)
        relist, rows = self._after_write(decision, moved=action == "edit")
        if action == "edit":
            done = f"Claim {decision.claim_id}{what} edited and accepted."
            if self.strategy.name == "overlap":
                done = f"Your edit of claim {decision.claim_id}{what} is recorded."
            note = f"{done} {note}".strip()
        if stay and action == "edit":
            return self._stay(decision, relist, rows, note)
        return self._go_next(decision, relist, rows, note)

    # ---- pick and stay: fix several fields of one claim without leaving it

    stayed: int | None = None
    """The claim kept on screen after the reviewer's own edit of it (a pick with Alt): accept
    (``a``, ``Enter``) on it then goes on to the next pending claim and writes nothing — the
    edit already accepted it. Any other view ends it."""

    first_shown: ClaimRow | None = None
    """The claim on screen as it came on screen (before any pick that stayed on it): the row
    of picks keeps the digits it showed then (:meth:`pick_row`)."""

    def _stay(self, decision: Decision, relist: bool, rows: list[ListRow], note: str) -> Outcome:
        """After an edit committed on the claim on screen: show it again, as saved."""
        row = review.list_row(self.conn, decision.claim_id)
        if relist:
            self.claim = None
        first = self.first_shown
        view = self._view(row, self.index if not relist else None, relist=relist, rows=rows)
        if view.claim is not None and view.claim["id"] == decision.claim_id:
            self.stayed = decision.claim_id
            if first is not None and first["id"] == decision.claim_id:
                self.first_shown = first
            note = f"{note} Still on it: Enter goes on.".strip()
        return self._out("done", note, decision=decision, view=view)

    def pick_row(
        self, claim: ClaimRow, alts: alternatives.Alternatives, text: str
    ) -> list[alternatives.Option | None] | None:
        """The row of all fields for ``claim`` (its alternatives ``alts``, in the document
        ``text``) after picks that stayed on it: each option under the digit it had when the
        claim came on screen (:func:`db.alternatives.kept_row`); None when the row is simply
        recomputed. In memory: no database work."""
        first = self.first_shown
        if first is None or first["id"] != claim["id"] or first is claim:
            return None
        first_alts = alternatives.parse(first.get("alternatives"), text)
        return alternatives.kept_row(first_alts, first, alts, claim)

    def _go_on(self) -> Outcome:
        """Accept on the claim kept after an edit: the next pending claim; nothing written."""
        assert self.claim is not None
        claim_id = self.claim["id"]
        key = review.key_of(self.claim)
        row = self.strategy.next(self, key)
        if row is None:
            self.stayed = None
            return self._out("refused", f"Claim {claim_id} is saved; nothing left pending here.")
        return self._out("done", view=self._view(row))

    def pick(self, n: int) -> Outcome:
        """Adjudication: make the n-th reviewer's version final, then the next dispute."""

        def run() -> Outcome:
            if self.claim is None:
                raise ReviewError("no claim on screen")
            decision = self.strategy.pick(self, self.claim, n)
            relist, rows = self._after_write(decision)
            return self._go_next(decision, relist, rows, "")

        return self._run(run)

    def undo(self) -> Outcome:
        """Undo the reviewer's last decision (in any mode, also after a restart); show it."""

        def run() -> Outcome:
            here = self._key()
            decision = teams.undo(self.conn, self.assignment, self.reviewer)
            if decision is None:
                return self._out("refused", "Nothing to undo.")
            if decision.undone_action == "skip" and decision.claim_id in self.skipped:
                self.skipped.remove(decision.claim_id)
            self._forget_correction(decision)
            moved = decision.undone_action in ("edit", "add") or decision.group_size > 1
            relist, rows = self._after_write(decision, moved=moved)
            if relist:
                self.claim = None
            what = f"{decision.undone_action} of claim {decision.claim_id}"
            if decision.group_size > 1:
                what = f"{decision.undone_action} of {decision.group_size} claims"
            row = review.list_row(self.conn, decision.claim_id)
            if row is None:  # an added claim: undone, it is withdrawn; show what follows it
                self.claim = None
                after = review.rows_after(self.conn, self.flt, here, 1) if here else []
                before = review.rows_before(self.conn, self.flt, here, 1) if here else []
                row = (after or before)[0] if after or before else None
                what = (
                    f"add of claim {decision.claim_id} (withdrawn: it leaves the list, the"
                    " counts and the exports; the log keeps it)"
                )
            return self._out("done", f"Undid {what}.", decision=decision,
                             view=self._view(row, relist=relist, rows=rows))  # fmt: skip

        return self._run(run)

    def add(self, fields: Changes) -> Outcome:
        """Add a claim the extractor missed in the current document; show it."""

        def run() -> Outcome:
            doc_id = self.claim["doc_id"] if self.claim else self.doc_only
            if doc_id is None:
                raise ReviewError("no document on screen")
            decision = review.add_claim(self.conn, doc_id, fields, self.reviewer)
            self._doc_ordinals.clear()
            self._after_write(decision, moved=True)
            self.claim = None
            row = review.list_row(self.conn, decision.claim_id)
            return self._out("done", f"Claim {decision.claim_id} added.", decision=decision,
                             view=self._view(row, relist=True))  # fmt: skip

        return self._run(run)

    def move(self, where: str) -> Outcome:
        """Go to the ``next``/``previous`` claim or the ``next_document``/``previous_document``
        in the list (refused at either end)."""

        def run() -> Outcome:
            self.finished = False  # a move key (even at an end) is the reviewer's choice
            key = self._key()
            if where == "next":
                rows = review.rows_after(self.conn, self.flt, key, 1)
                row = rows[0] if rows else None
                end = "This is the last claim in the list."
            elif where == "previous":
                rows = review.rows_before(self.conn, self.flt, key, 1) if key else []
                row = rows[0] if rows else None
                end = "This is the first claim in the list."
            elif where in ("next_document", "previous_document"):
                step = 1 if where == "next_document" else -1
                row = review.next_document(self.conn, self.flt, key, step) if key else None
                end = f"This is the {'last' if step > 0 else 'first'} document in the list."
            else:
                raise ValueError(where)
            if row is None:
                return self._out("refused", end)
            return self._out("done", view=self._view(row))

        return self._run(run)

    def next_pending(self) -> Outcome:
        """Go to the next claim for the reviewer after the one on screen (wrapping; the claim
        an accept would go to), deciding nothing; refused when nothing is left pending."""

        def run() -> Outcome:
            self.finished = False
            row = self.strategy.next(self, self._key())
            if row is None:
                return self._out("refused", "Nothing is left pending for you here.")
            return self._out("done", view=self._view(row))

        return self._run(run)

    def goto(self, claim_id: int, index: int | None = None) -> Outcome:
        """Show one claim (a search hit, a clicked row); the filter is cleared when the claim
        is outside it."""

        def run() -> Outcome:
            row = review.list_row(self.conn, claim_id)
            if row is None:
                raise ReviewError(f"no claim {claim_id}")
            if review.matches(self.conn, self.flt, review.key_of(row)):
                return self._out("done", view=self._view(row, index))
            self.flt = review.plan_filter(self.conn, self.strategy.base_filter())
            self.total = review.count(self.conn, self.flt)
            self.claim = None
            return self._out("done", "The claim is outside the filter; the filter is cleared.",
                             view=self._view(row, relist=True))  # fmt: skip

        return self._run(run)

    def set_filter(self, flt: ClaimFilter, *, keep: bool = True) -> Outcome:
        """Show only claims that pass ``flt``; stay on the current claim when it passes (else
        the nearest one after it, else the first)."""

        def run() -> Outcome:
            base = self.strategy.base_filter()
            self.flt = review.plan_filter(self.conn, replace(flt, disputed=base.disputed))
            self.total = review.count(self.conn, self.flt)
            key = self._key()
            row: ListRow | None = None
            if keep and key is not None:
                if review.matches(self.conn, self.flt, key):
                    row = self.claim
                else:
                    after = review.rows_after(self.conn, self.flt, key, 1)
                    row = after[0] if after else None
            row = row or review.first_row(self.conn, self.flt)
            self.claim = None
            return self._out("done", view=self._view(row, relist=True))

        return self._run(run)

    def renew(self) -> Outcome:
        """Keep the lease on the claim on screen alive (split and overlap modes)."""

        def run() -> Outcome:
            if self.claim is None:
                return self._out("done")
            held = self.strategy.renew(self, self.claim)
            return self._out("done" if held else "refused",
                             "" if held else "Your lease on this claim ran out.")  # fmt: skip

        return self._run(run)

    def recount(self) -> Outcome:
        """Recount the claims per status (others' decisions show up)."""

        def run() -> Outcome:
            self.counts = review.status_counts(self.conn)
            return self._out("done")

        return self._run(run)

    def history(self) -> Outcome:
        """The current claim's decisions (``data``), oldest first."""

        def run() -> Outcome:
            if self.claim is None:
                raise ReviewError("no claim on screen")
            return self._out("done", data=decisions.history(self.conn, self.claim["id"]))

        return self._run(run)

    def rules(self) -> Outcome:
        """The extractor rules present (``data``), for the filter form."""
        return self._run(lambda: self._out("done", data=review.distinct_values(self.conn, "rule")))

    def release(self) -> Outcome:
        """Give back the reviewer's leases (on quitting); they also expire by themselves."""

        def run() -> Outcome:
            self.strategy.release(self)
            return self._out("done")

        return self._run(run)

    # ---- alternatives and picks (issue 14: review by picking, not typing)

    normalise_time: Callable[[str, str | None], str] | None = None
    """Normalises a picked time expression against the document's date (the app sets the
    extractor's; ``db`` never imports it). Without one a picked time gets an empty ``time``."""

    feedback: Rerank | None = None
    """Re-ranks a pending claim's subject and time with the document's decisions (the app sets
    the extractor's ``extractor.feedback`` model; ``db`` never imports it). None: the
    extractor's proposal is shown as stored."""

    def pick_alternative(self, field: str, n: int, *, stay: bool = False) -> Outcome:
        """Pick option ``n`` (as numbered on the card) of ``field`` for the current claim: saved
        as an edit decision (which records the option under ``picked``), then the next pending
        claim — or, with ``stay``, the same claim again as saved, so another of its fields can
        be fixed without coming back to it (accept then goes on, writing nothing). No such
        option: refused, nothing written."""

        def run() -> Outcome:
            if self.claim is None:
                raise ReviewError("no claim on screen")
            doc = self.document(self.claim["doc_id"])
            alts = alternatives.parse(self.claim.get("alternatives"), doc["text"])
            kept = self.pick_row(self.claim, alts, doc["text"])
            option = alternatives.pick(alts, self.claim, field, n, kept)
            changes = alternatives.pick_changes(
                option, normalise_time=self.normalise_time, doc_date=doc["date"]
            )
            if field == alternatives.ALL:  # numbered as in the field's own list, and the digit
                own = alternatives.options(alts, self.claim, option.field).index(option) + 1
                record = alternatives.pick_record(option, own, n)
            else:
                record = alternatives.pick_record(option, n)
            what = f" ({alternatives.describe_pick(record)})"
            return self._decide_run("edit", changes, {"picked": record}, what, stay=stay)

        return self._run(run)

    def set_feedback(self, rerank: Rerank | None) -> Outcome:
        """Turn the suggestions from the document's decisions on (``rerank``) or off (None),
        and show the current claim again accordingly."""

        def run() -> Outcome:
            self.feedback = rerank
            message = "Suggestions from your decisions " + (
                "on." if rerank is not None else "off: claims show the extractor's proposals."
            )
            if self.claim is None:
                return self._out("done", message)
            row = review.list_row(self.conn, self.claim["id"])
            return self._out("done", message, view=self._view(row, self.index))

        return self._run(run)

    # ---- documents (issue 14, "docs"): open any document, source filter, end-of-queue guard

    def finished_reason(self, action: str) -> str:
        """Why accept/reject is refused on the claim shown once nothing is left pending."""
        assert self.claim is not None
        who = f" by {self.claim['reviewer']}" if self.claim["reviewer"] else ""
        return (
            f"Nothing is left pending; claim {self.claim['id']} is already"
            f" {self.claim['status']}{who}. To {action} it, move to it first (k, then j)."
        )

    def restrict_source(self, text: str) -> None:
        """Before :meth:`open`: only claims of documents whose source holds ``text``
        (``claimdesk review --source``). Planning this filter reads nothing (only a kind or
        rule filter is counted), so it may run before the app's first worker."""
        self.flt = review.plan_filter(
            self.conn, replace(self.flt, source_has=text.strip() or None, index=None)
        )

    def no_claim_reason(self, action: str) -> str:
        """Why ``action`` (accept, reject, skip, edit…) has nothing to act on."""
        if self.doc_only is not None:
            return (
                f"There is no claim to {action} here: this document has no candidates"
                " (v selects words in the text and n adds them as a claim; n alone opens the form)."
            )
        return f"There is no claim to {action}: {self.empty_message()}"

    def open_document(self, doc_id: int) -> Outcome:
        """Show a document: its first claim (in the filter when one passes it, else its first
        claim with the filter cleared), or, for a document without claims, the document alone
        (``View.claim`` None, ``View.doc`` set) so a missed claim can be added there."""

        def run() -> Outcome:
            doc = self.document(doc_id)
            in_doc = replace(self.flt, doc_id=doc_id, doc_source=None)
            row = review.first_row(self.conn, review.plan_filter(self.conn, in_doc))
            if row is not None:
                return self._out("done", view=self._view(row))
            row = review.first_row(self.conn, review.ClaimFilter(doc_id=doc_id))
            if row is not None:
                self.flt = review.plan_filter(self.conn, self.strategy.base_filter())
                self.total = review.count(self.conn, self.flt)
                self.claim = None
                note = "No claim of this document is in the filter; the filter is cleared."
                return self._out("done", note, view=self._view(row, relist=True))
            return self._out("done", view=self._document_view(doc))

        return self._run(run)

    def _document_view(self, doc: DocumentRow) -> View:
        """The view of a document without claims."""
        self.claim, self.index, self.doc_only = None, -1, doc["id"]
        self.suggested, self.replaced = {}, {}
        self._doc_total = self._doc_total or review.document_count(self.conn)
        position = (0, 0, self._doc_ordinal(doc["id"]), self._doc_total)
        message = (
            "This document has no candidate claims. To add one: v selects words in the text"
            " (arrows move, Shift+arrows extend) and n adds the selection as a claim; or n"
            " (Insert) opens the form to type or select the quantity."
        )
        return View(None, doc, -1, self.total, position, False, self.flt, empty_message=message)

    # ---------------------------------------------------------------- span mode

    def save_draft(self, changes: Changes) -> Outcome:
        """Span mode: save the draft of the claim on screen (fields assigned from selections,
        exact offsets; see :mod:`db.spans`) as one edit decision, then go to the next claim
        for the reviewer, like every edit."""

        def run() -> Outcome:
            if not changes:
                raise ReviewError("nothing assigned yet: the draft is empty")
            return self._decide_run("edit", dict(changes), None, f" ({spans.describe(changes)})")

        return self._run(run)

    def quantity_spans(self, doc_id: int) -> Outcome:
        """The quantity spans (``start``, ``end``) of every claim of document ``doc_id``,
        whatever its status but withdrawn (an undone add) (``data``): span mode's ``N`` skips
        the numbers they hold, so it stops only on numbers no claim holds yet (a missed claim
        to add)."""

        def run() -> Outcome:
            sql = (
                'SELECT start, "end" FROM claims INDEXED BY claims_doc'
                " WHERE doc_id = ? AND status != ? ORDER BY start"
            )
            rows = self.conn.execute(sql, (doc_id, WITHDRAWN)).fetchall()
            return self._out("done", data=[(int(a), int(b)) for a, b in rows])

        return self._run(run)

    def add_from_span(self, doc_id: int, start: int, end: int, readers: spans.Readers) -> Outcome:
        """Span mode: add a claim from the selection ``start..end`` of document ``doc_id``
        (the quantity read from it, the other fields the extractor's guess); show it. Needs
        no current claim, so it works on a document without candidates."""

        def run() -> Outcome:
            doc = self.document(doc_id)
            fields = spans.new_claim(doc["text"], start, end, readers, doc["date"])
            fields = self._suggest_for_add(doc, fields)
            fields = reviewed.fill_empty(self.conn, doc_id, fields)
            decision = review.add_claim(self.conn, doc_id, fields, self.reviewer)
            self._doc_ordinals.clear()
            self._after_write(decision, moved=True)
            self.claim = None
            row = review.list_row(self.conn, decision.claim_id)
            return self._out("done", f"Claim {decision.claim_id} added: {fields['quantity_text']}.",
                             decision=decision, view=self._view(row, relist=True))  # fmt: skip

        return self._run(run)

    def _suggest_for_add(self, doc: DocumentRow, fields: Changes) -> Changes:
        """The extractor's guesses for a claim added from a selection, its subject and time
        re-ranked by the document's decisions like a pending claim's (:mod:`db.feedback`)."""
        if self.feedback is None or self.strategy.name not in FEEDBACK_MODES:
            return fields
        try:
            fixed = decisions.added_fields(doc["text"], fields)
        except ReviewError:
            return fields  # adding refuses it with its own message
        guess = cast(
            ClaimRow,
            {**fixed, "id": 0, "doc_id": doc["id"], "status": "pending",
             "alternatives": fields.get("alternatives")},
        )  # fmt: skip
        shown, changes, _replaced = feedback.apply(
            self.conn, guess, self.feedback, doc["text"], self.normalise_time, doc["date"]
        )
        if not changes:
            return fields
        return {**fields, **changes, "alternatives": shown["alternatives"]}

    # ---------------------------------------------------------------- siblings

    correction: siblings.Correction | None = None
    """The reviewer's last correction in this session (an edit or a reject), which
    apply-to-siblings repeats (see :mod:`db.siblings`)."""

    def _note_correction(self, claim: ClaimRow, decision: Decision) -> None:
        """Remember an edit or a reject as the last correction (inside the action)."""
        if decision.action in ("edit", "reject") and not self.assignment.adjudicate:
            # An edit of no role field (a value, a unit) is a correction too: the offer ends.
            self.correction = siblings.of_decision(self.conn, claim, decision)

    def _forget_correction(self, decision: Decision) -> None:
        """An undo of the correction itself takes the offer away (an undo of the siblings
        group keeps it: the reviewer may apply it again)."""
        fix = self.correction
        if (
            fix is not None
            and decision.group_size == 1
            and decision.claim_id == fix.claim_id
            and decision.undone_action == fix.action
        ):
            self.correction = None

    def _correction_in_view(self) -> bool:
        """Whether the last correction's document is the one on screen: siblings are offered
        and applied only there, never to a document the reviewer has left."""
        fix = self.correction
        doc_id = self.claim["doc_id"] if self.claim is not None else self.doc_only
        return fix is not None and doc_id == fix.doc_id

    def siblings_offer(self) -> Outcome:
        """How many siblings apply-to-siblings would decide now (``data``; 0: not on offer)."""

        def run() -> Outcome:
            if not self._correction_in_view():
                return self._out("done", data=0)
            n = siblings.count(self.conn, self.correction, self.assignment, self.reviewer)
            return self._out("done", data=n)

        return self._run(run)

    def apply_siblings(self) -> Outcome:
        """Apply the last correction to its siblings: one decision each, one group, one undo.
        Then the next pending claim when the one on screen was among them."""

        def run() -> Outcome:
            self._sync_mode()
            fix = self.correction
            if fix is not None and not self._correction_in_view():
                raise ReviewError(
                    "Apply to siblings works in the document of the last correction"
                    f" ({fix.describe()}); go back to it with d. Nothing was changed."
                )
            decision, ids = siblings.apply(self.conn, fix, self.assignment, self.reviewer)
            assert fix is not None
            relist, rows = self._after_write(decision, moved=True)
            n = decision.group_size
            what = "Rejected" if fix.action == "reject" else "Corrected"
            note = (
                f"{what} {n} sibling{'s' if n != 1 else ''} ({fix.describe()}); u undoes them all."
            )
            current = self.claim
            if current is not None and current["id"] not in ids:  # stay on it
                self.claim = None
                row = review.list_row(self.conn, current["id"])
                return self._out("done", note, decision=decision,
                                 view=self._view(row, relist=True))  # fmt: skip
            return self._go_next(decision, relist, rows, note)

        return self._run(run)

    # ---------------------------------------------------------------- flags

    def flag(self, note: str | None = None) -> Outcome:
        """Flag the current claim for a second look with ``note`` — or, when ``note`` is None
        and the claim is flagged, take the flag away. The claim's status does not change."""

        def run() -> Outcome:
            if self.claim is None:
                raise ReviewError("no claim on screen")
            claim_id = self.claim["id"]
            if note is None:
                decision = flags.unflag(self.conn, claim_id, self.reviewer)
                message = f"Claim {claim_id} unflagged."
            else:
                decision = flags.flag(self.conn, claim_id, self.reviewer, note)
                message = f"Claim {claim_id} flagged for a second look."
            if self.flt.flagged:  # it leaves (or joins) the flagged list
                self.total = review.count(self.conn, self.flt)
                self.claim = None
                row = review.list_row(self.conn, claim_id)
                return self._out("done", message, decision=decision,
                                 view=self._view(row, relist=True))  # fmt: skip
            row = review.list_row(self.conn, claim_id)
            view = self._view(row, self.index, rows=[row] if row else [])
            return self._out("done", message, decision=decision, view=view)

        return self._run(run)


def with_verdict(claim: ClaimRow, verdict: Verdict, text: str) -> ClaimRow:
    """A pending claim as the reviewer's own overlap verdict has it: its fact fields (an
    edit's too), the spans of subject, predicate and time found again in the sentence; the
    status, reviewer and time stay the claim's (a decision names the state it saw)."""
    shown = dict(claim)
    shown.update({k: v for k, v in verdict["fields"].items() if k in claim})
    shown.update(review.locate_spans(text, shown))
    return cast(ClaimRow, shown)
