"""The review screen's footer: Textual's Footer, rebuilt only when what it shows changes.

Textual's Footer recomposes (removes and mounts every key) on each bindings update: every
focus change, screen switch, key handled and worker outcome. In the review app that was six
or seven rebuilds per action showing the same keys, a fifth of the app's CPU time. This one
compares what it would show (the shown bindings with their enabled state, tooltip and key
display, the command palette's key) with what it last composed, and recomposes only when
they differ — the same footer, rebuilt once per real change.

Each key it composes also starts with the footer's ``compact`` state (value and ``-compact``
class) already set: Textual's keys start compact and are then bound to the footer's state, so
every key mounted restyled itself twice (class added, then removed): two stylesheet passes per
key per rebuild, an eighth of the review app's CPU time in span mode's tests. The binding still
follows later changes of the footer's state.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    """A :class:`textual.widgets.Footer` that skips rebuilds showing what it already shows."""

    _composed: tuple[Any, ...] | None = None

    def shown(self) -> tuple[Any, ...]:
        """Everything :meth:`Footer.compose` reads: equal tuples compose equal footers."""
        if not self._bindings_ready:
            return (False,)
        app = self.app
        return (
            True,
            self.show_command_palette,
            app.ENABLE_COMMAND_PALETTE,
            app.COMMAND_PALETTE_BINDING,
            tuple(
                (key, binding, enabled, tooltip, app.get_key_display(binding))
                for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
                if binding.show or key == app.COMMAND_PALETTE_BINDING
            ),
        )

    def compose(self) -> ComposeResult:
        self._composed = self.shown()
        for widget in super().compose():
            self._start_as_footer(widget)
            yield widget

    def _start_as_footer(self, widget: Widget) -> None:
        """Give a key the compact state it would reach on mounting, before it mounts (every
        key passes here, a key group's too: they are yielded inside its ``with``): the footer's
        for a key bound to it, else the key's default (the command palette's key). Its binding
        then changes no class, and the key does not restyle itself on mounting."""
        if isinstance(widget, FooterKey):
            bound = "compact" in (widget._reactive_connect or {})
            compact = self.compact if bound else bool(FooterKey.compact._default)
            widget.set_reactive(FooterKey.compact, compact)
            widget.set_class(compact, "-compact", update=False)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        # Footer.bindings_changed, with the recompose behind a check that something changed.
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        # Under a modal (a form, a panel) the keys stay as they were: this screen's bindings
        # are then checked against the modal ("screen." actions resolve to the active screen),
        # which turned span mode's keys on under the edit form.
        if self.screen is not self.app.screen:
            return
        if self.shown() != self._composed:
            await self.recompose()
