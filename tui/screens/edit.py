"""The claim form: edit a claim, or add one the extractor missed (a modal screen).

The sentence is shown in a read-only text area: select the quantity in it (Shift+arrows or the
mouse) or type it in the *quantity* field, and the form finds its offsets in the sentence. When
adding, the fields are pre-filled by the extractor's own parsing of that text
(``extractor.parse_quantity``), and once the quantity is located in the sentence its subject,
predicate, object and time are guessed by the extractor's role resolution in a worker thread
(:func:`tui.widgets.span_cursor.guess_roles`); a field the reviewer has typed in is never
overwritten. Values may be written in Chinese numerals (一千二百, 1.5万):
``extractor.parse_number`` converts them. Ctrl+S validates, saves and accepts; Esc cancels.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Literal

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from db import alternatives, review
from db.rows import ClaimRow, DocumentRow
from db.schema import FACT_FIELDS, KINDS, QUALIFIERS
from tui.text import shown

#: Form fields in display order: (field, label, placeholder).
FIELDS = (
    ("quantity_text", "quantity", "select it above, or type it"),
    ("start", "start", "offset in the document"),
    ("end", "end", "offset after it"),
    ("value", "value", "number; 一千二百 and 1.5万 work"),
    ("value_max", "value max", "for a range; else empty"),
    ("unit", "unit", "元, 名, %, …"),
    ("qualifier", "qualifier", " ".join(QUALIFIERS)),
    ("kind", "kind", ", ".join(KINDS[:4]) + ", …"),
    ("subject", "subject", "who or what"),
    ("predicate", "predicate", "what was done or measured"),
    ("object", "object", "to whom or what"),
    ("time_text", "time text", "4月26日, 目前, …"),
    ("time", "time (norm.)", "2022-04-26 or XXXX-04-26"),
)


#: The fields a guess of the extractor's role resolution fills when adding.
ROLE_FIELDS = ("subject", "predicate", "object", "time_text", "time")


def parse_value(text: str) -> float | None:
    """A number from the form: plain digits (commas allowed) or Chinese numerals."""
    s = text.strip().replace(",", "").replace("，", "")
    if not s:
        return None
    try:
        return float(s)
    except ValueError:
        pass
    from extractor import parse_number

    return parse_number(s)


def prefill(span: str) -> dict[str, Any]:
    """Fields the extractor reads from a quantity span (empty when it reads nothing)."""
    from extractor import parse_quantity

    parsed = parse_quantity(span) or {}
    return {
        k: parsed[k] for k in ("value", "value_max", "unit", "qualifier", "kind") if k in parsed
    }


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class ClaimForm(ModalScreen[dict[str, Any] | None]):
    """Edit (``mode='edit'``) or add (``mode='add'``) a claim; dismisses with the fields.

    The result is validated with :func:`db.review.validate_fields` against the document text
    before the form closes, so the caller's write only fails on a race.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save & accept", id="form.save", priority=True,
                tooltip="Validate, save and accept the claim"),
        Binding("escape", "cancel", "Cancel", id="form.cancel",
                tooltip="Close the form without saving"),
    ]  # fmt: skip

    DEFAULT_CSS = """
    ClaimForm {
        align: center middle;
    }
    ClaimForm > Vertical {
        width: 100;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    ClaimForm TextArea {
        height: 5;
    }
    ClaimForm Grid {
        grid-size: 4;
        grid-columns: 12 1fr 12 1fr;
        grid-gutter: 1 1;
        height: auto;
        margin: 1 0;
    }
    ClaimForm Grid Label {
        padding: 0;
        width: 100%;
        text-align: right;
    }
    ClaimForm Input {
        width: 100%;
    }
    ClaimForm Input {
        background: $boost;
    }
    ClaimForm Input.-invalid {
        background: $error 30%;
    }
    ClaimForm #errors {
        color: $error;
        height: auto;
    }
    /* Under 30 rows (80x24): the sentence and the grid give rows back, so every field and the
       errors line stay on screen (the errors sit above the grid, never cut off below it); the
       sentence keeps two lines, scrolled to the quantity. */
    ClaimForm.-short TextArea {
        height: 4;
    }
    ClaimForm.-short Grid {
        grid-gutter: 0 1;
        margin: 0;
    }
    ClaimForm #hint {
        color: $text-muted;
    }
    """

    def __init__(
        self,
        doc: DocumentRow,
        claim: ClaimRow,
        mode: Literal["edit", "add"] = "edit",
    ) -> None:
        super().__init__()
        self.doc = doc
        self.claim = claim
        self.mode = mode
        self.text: str = doc["text"]
        self.s0: int = claim["sentence_start"]
        self.s1: int = claim["sentence_end"]
        self._exact: tuple[int, int] | None = None
        self._filling = False
        #: Role fields last filled by the guess (the reviewer's own text is never replaced).
        self._guessed: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        title = (
            f"Edit claim #{self.claim['id']}"
            if self.mode == "edit"
            else f"Add a claim to document {self.doc['id']}"
        )
        with Vertical():
            yield Static(f"[b]{title}[/b]  ·  Ctrl+S save and accept  ·  Esc cancel")
            yield TextArea(
                shown(self.text[self.s0 : self.s1]), read_only=True, soft_wrap=True, id="sentence"
            )
            yield Static(
                "Select the quantity in the sentence (Shift+arrows, mouse) or type it below.",
                id="hint",
            )
            yield Static(id="errors")
            with Grid():
                for field, label, placeholder in FIELDS:
                    yield Label(label)
                    yield Input(
                        value=self._initial(field),
                        placeholder=placeholder,
                        id=f"f-{field}",
                        compact=True,
                    )

    def _initial(self, field: str) -> str:
        if self.mode == "add":
            return ""
        values: Mapping[str, Any] = self.claim
        return _shown(values[field])

    def on_mount(self) -> None:
        """Focus the first field a reviewer changes: when adding, the quantity; when editing,
        the field most likely wrong (:func:`db.alternatives.focus_field`: the lowest margin
        between the extractor's choice and its runner-up; the subject when it kept none)."""
        first = "quantity_text" if self.mode == "add" else self.likeliest_wrong()
        self.query_one(f"#f-{first}", Input).focus()
        if self.mode == "edit":
            self.call_after_refresh(self._show_quantity)

    def _show_quantity(self) -> None:
        """Scroll the sentence to the quantity (in a small terminal it shows a line or two of
        a long sentence: the quantity could be out of sight). The cursor moves, nothing is
        selected, so no field changes."""
        before = self.text[self.s0 : max(self.s0, self.claim["start"])]
        row = before.count("\n")
        column = len(before) - (before.rfind("\n") + 1)
        self.query_one("#sentence", TextArea).move_cursor((row, column), center=True)

    def likeliest_wrong(self) -> str:
        """The form field of the claim's lowest-confidence field (issue 14)."""
        alts = alternatives.parse(self.claim.get("alternatives"), self.text)
        return alternatives.COLUMN[alternatives.focus_field(alts, self.claim)]

    def _input(self, field: str) -> Input:
        return self.query_one(f"#f-{field}", Input)

    def _set(self, field: str, value: Any) -> None:
        self._input(field).value = _shown(value)

    @on(TextArea.SelectionChanged, "#sentence")
    def _selected(self, event: TextArea.SelectionChanged) -> None:
        area = event.text_area
        sel = area.selection
        if sel.start == sel.end:
            return
        lo, hi = sorted((sel.start, sel.end))
        lines = area.text.split("\n")

        def offset(loc: tuple[int, int]) -> int:
            return sum(len(line) + 1 for line in lines[: loc[0]]) + loc[1]

        a, b = self.s0 + offset(lo), self.s0 + offset(hi)
        if a < b:
            self._exact = (a, b)
            self._input("quantity_text").value = self.text[a:b]

    @on(Input.Changed, "#f-quantity_text")
    def _quantity_changed(self, event: Input.Changed) -> None:
        """Find the typed quantity in the sentence; when adding, pre-fill from its parsing."""
        span = event.value
        if self._exact and self.text[self._exact[0] : self._exact[1]] == span:
            a, b = self._exact
        else:
            self._exact = None
            near = self.claim["start"] if self.mode == "edit" else None
            found = review.find_span(self.text[self.s0 : self.s1], span, self.s0, near)
            if found is None:
                return
            a, b = found
        self._set("start", a)
        self._set("end", b)
        if self.mode == "add" and span.strip():
            for field, value in prefill(span).items():
                self._set(field, value)
            self._guess_roles(a, b)

    @work(thread=True, exclusive=True, group="roles")
    def _guess_roles(self, start: int, end: int) -> None:
        """The extractor's roles for the quantity at ``start..end`` (off the event loop: the
        first guess loads the segmenter's dictionary)."""
        from textual.worker import get_current_worker

        from tui.widgets.span_cursor import guess_roles

        roles = guess_roles(self.text, start, end, self.doc["date"])
        if roles and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._fill_roles, start, end, roles)

    def _fill_roles(self, start: int, end: int, roles: Mapping[str, Any]) -> None:
        """Put a guess in the role fields that are empty or still hold the previous guess,
        if the quantity is still the one guessed for."""
        if not self.is_attached or (self._input("start").value, self._input("end").value) != (
            str(start),
            str(end),
        ):
            return
        for field in ROLE_FIELDS:
            current = self._input(field).value
            if current and current != self._guessed.get(field):
                continue  # typed by the reviewer
            value = _shown(roles.get(field) or "")
            self._set(field, value)
            self._guessed[field] = value

    def collect(self) -> dict[str, Any]:
        """The form's fields as claim fact fields, validated.

        Raises:
            ReviewError: naming each bad field.
        """
        values = {field: self._input(field).value.strip() for field, _, _ in FIELDS}
        errors: dict[str, str] = {}
        out: dict[str, Any] = dict(values)
        for field in ("start", "end"):
            try:
                out[field] = int(values[field])
            except ValueError:
                errors[field] = f"{field} must be a whole number"
        for field in ("value", "value_max"):
            if values[field] == "" and field == "value_max":
                out[field] = None
                continue
            number = parse_value(values[field])
            if number is None:
                errors[field] = f"{field}: {values[field]!r} is not a number"
            out[field] = number
        if errors:
            raise review.ReviewError("; ".join(errors.values()), errors)
        out["sentence_start"], out["sentence_end"] = self.s0, self.s1
        checked = review.validate_fields(self.text, out)
        return {field: checked[field] for field in FACT_FIELDS}

    def action_save(self) -> None:
        """Validate; on success close the form with the fields, else show what is wrong."""
        for inp in self.query(Input):
            inp.remove_class("-invalid")
        try:
            fields = self.collect()
        except review.ReviewError as exc:
            for field in exc.errors:
                name = "start" if field == "end" and not self.query(f"#f-{field}") else field
                for widget in self.query(f"#f-{name}"):
                    widget.add_class("-invalid")
            self.query_one("#errors", Static).update(
                Text(shown("\n".join(exc.errors.values()) or str(exc)))
            )
            return
        self.dismiss(fields)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
