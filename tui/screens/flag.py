"""The small modal that asks for a flag's note: Enter flags the claim, Esc cancels."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from db.flags import NOTE_MAX
from tui.text import shown_line

FLAG_CSS = """
FlagScreen {
    align: center middle;
}
FlagScreen > Vertical {
    width: 80;
    max-width: 100%;
    height: auto;
    border: thick $warning;
    background: $surface;
    padding: 0 1;
}
"""


class FlagScreen(ModalScreen[str | None]):
    """Flag a claim for a second look: an optional note, Enter saves, Esc cancels.

    Returns the note ('' for none) or None when cancelled. The note is typed into an Input
    (letters type, they trigger nothing) and shown everywhere else as text, never markup.
    """

    DEFAULT_CSS = FLAG_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="flag.cancel", tooltip="Do not flag the claim"),
    ]

    def __init__(self, claim_id: int, quantity_text: str) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.quantity_text = quantity_text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                Text.assemble(
                    (f"Flag claim #{self.claim_id}", "bold"),
                    f" ({shown_line(self.quantity_text)}) for a second look",
                )
            )
            yield Input(placeholder="note (optional)", max_length=NOTE_MAX, id="note")
            yield Static("Enter flags · Esc cancels · the claim keeps its status", classes="dim")

    def on_mount(self) -> None:
        """Type the note at once."""
        self.query_one("#note", Input).focus()

    @on(Input.Submitted, "#note")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Close without flagging."""
        self.dismiss(None)
