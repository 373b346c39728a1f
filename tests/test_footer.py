"""The review screen's footer (tui/widgets/footer.py): in every state it shows exactly what
Textual's own Footer would compose, and it is rebuilt only when that changes; under a modal it
keeps the screen's keys (Textual's would show span mode's there)."""

from __future__ import annotations

from textual._context import active_message_pump
from textual.compose import compose
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

from tests.test_review_helpers import build_review_db
from tui.app import make_app
from tui.screens.review import ReviewScreen
from tui.widgets.claim_list import ClaimList
from tui.widgets.document_view import DocumentView
from tui.widgets.footer import KeyFooter


def described(widget: Widget) -> tuple[object, ...]:
    """What a footer item shows (and does when clicked). Its ``-compact`` class is left out:
    a reactive sets it once the item is mounted (the expected items never are)."""
    if isinstance(widget, FooterKey):
        return (
            "key",
            widget.key,
            widget.key_display,
            widget.description,
            widget.action,
            widget._disabled,
            str(widget.tooltip or ""),
            sorted(widget.classes - {"-compact"}),
        )
    if isinstance(widget, FooterLabel):
        return ("label", str(widget.render()))
    assert isinstance(widget, KeyGroup), widget
    return ("group", sorted(widget.classes))


def flat(widgets: list[Widget], mounted: bool) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for w in widgets:
        out.append(described(w))
        out += flat(list(w.children if mounted else w._pending_children), mounted)
    return out


def shown_and_expected(screen: ReviewScreen) -> tuple[list, list]:
    footer = screen.query_one(KeyFooter)
    shown = flat(list(footer.children), mounted=True)
    pump = active_message_pump.set(footer)  # as when the footer composes itself
    try:
        expected = flat(compose(footer, Footer.compose(footer)), mounted=False)
    finally:
        active_message_pump.reset(pump)
    return shown, expected


async def test_the_footer_is_textuals_in_every_state_and_rebuilt_only_on_a_change(
    tmp_path, monkeypatch
):
    path = tmp_path / "review.db"
    build_review_db(path)
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('"review.accept" = "y,f9"\n', encoding="utf-8")
    rebuilds: list[int] = []
    recompose = KeyFooter.recompose

    async def counted(self: KeyFooter) -> None:
        rebuilds.append(1)
        await recompose(self)

    monkeypatch.setattr(KeyFooter, "recompose", counted)
    app = make_app(str(path), reviewer="ann", keymap=keymap)
    async with app.run_test(size=(160, 40)) as pilot:

        async def check(state: str, keys: tuple[str, ...] = ()) -> list[tuple[object, ...]]:
            await pilot.press(*keys)
            await pilot.pause()
            await pilot.pause()
            shown, expected = shown_and_expected(screen)
            assert shown == expected, state
            return shown

        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        on_list = await check("start")
        assert any(item[2:4] == ("y", "Accept") for item in on_list)  # the keymap's key
        # Moving between claims and deciding one changes no key: no rebuild.
        rebuilds.clear()
        assert await check("next claims", ("j", "j", "k")) == on_list
        assert await check("accepted", ("y",)) == on_list
        assert rebuilds == []
        screen.query_one(DocumentView).focus()
        on_document = await check("document")
        await check("span mode", ("v",))
        assert rebuilds  # the mode's keys replace the review keys
        in_span = shown_and_expected(screen)[0]
        assert in_span != on_document
        assert any(item[3] == "Subject" for item in in_span)
        assert not any(item[3] == "Accept" for item in in_span)
        assert await check("span mode left", ("escape",)) == on_document
        # Under a modal the footer keeps the screen's keys: Textual's Footer would check
        # them against the modal and show span mode's ("screen." actions resolve to it).
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.pause()
        under_help = shown_and_expected(screen)[0]
        assert under_help == on_document
        assert not any(item[3] == "Subject" for item in under_help)
        await check("help closed", ("escape",))
        screen.query_one(ClaimList).focus()
        assert await check("list again") == on_list


async def test_footer_keys_start_in_the_footers_compact_state_and_still_follow_it(
    tmp_path, monkeypatch
):
    """Each key is composed in the footer's compact state: mounting it restyles no key
    (Textual's keys start compact and were then switched back, two stylesheet passes per key
    per rebuild), and a later change of the footer's state still reaches every key."""
    path = tmp_path / "review.db"
    build_review_db(path)
    restyled: list[str] = []
    update = FooterKey.update_node_styles

    def counted(self: FooterKey, animate: bool = True) -> None:
        restyled.append(self.key)
        update(self, animate)

    monkeypatch.setattr(FooterKey, "update_node_styles", counted)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        footer = screen.query_one(KeyFooter)
        screen.query_one(DocumentView).focus()
        await pilot.press("v")  # span mode: a rebuild with other keys
        await pilot.pause()
        await pilot.pause()
        keys = list(footer.query(FooterKey))
        assert any(k.description == "Subject" for k in keys)
        assert restyled == []
        # The command palette's key is not bound to the footer: compact, as Textual has it.
        [palette] = [k for k in keys if "-command-palette" in k.classes]
        bound = [k for k in keys if k is not palette]
        for key in bound:
            assert key.compact is False and "-compact" not in key.classes
        assert palette.compact is True and "-compact" in palette.classes
        footer.compact = True
        await pilot.pause()
        assert set(restyled) == {key.key for key in bound}
        for key in footer.query(FooterKey):
            assert key.compact is True and "-compact" in key.classes
