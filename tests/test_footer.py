"""The keys footer: one line of the keys that work now, clickable, repainted when they change."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from nocontact_tui.widgets.footer import KeysFooter


class KeysScreen(Screen[None]):
    BINDINGS = [
        Binding("a", "note('a')", "Add"),
        Binding("b", "note('b')", "Hidden", show=False),
        Binding("c", "note('c')", "Paused"),
        Binding("d", "note('d')", "Gone"),
        Binding("e,f", "note('e')", "Either", key_display="e/f"),
    ]
    paused = True
    gone = False

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield KeysFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "note" and parameters == ("c",) and self.paused:
            return None  # shown, dimmed, does nothing
        return not (action == "note" and parameters == ("d",) and self.gone)  # False: not shown

    def action_note(self, key: str) -> None:
        self.app.pressed.append(key)


class KeysApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.pressed: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(KeysScreen())


def footer_line(app: KeysApp) -> str:
    return app.screen.query_one(KeysFooter).render().plain


async def test_the_line_shows_each_shown_key_once_in_order() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        assert line.startswith("a Add c Paused d Gone e/f Either")
        assert "Hidden" not in line
        text = app.screen.query_one(KeysFooter).render()
        paused_at, add_at = line.index("Paused"), line.index("Add")
        styles = [span for span in text.spans if span.start <= paused_at < span.end]
        assert styles and all(span.style.dim for span in styles)  # a paused key is dimmed
        assert not any(span.style.dim for span in text.spans if span.start <= add_at < span.end)
        assert app.screen.query_one(KeysFooter).region.bottom == 10  # docked at the bottom


async def test_a_click_presses_the_key_and_a_paused_key_does_nothing() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeysFooter)
        line = footer_line(app)
        await pilot.click(KeysFooter, offset=(line.index("Add"), 0))
        await pilot.click(KeysFooter, offset=(line.index("Paused"), 0))
        await pilot.click(KeysFooter, offset=(line.index("Either"), 0))
        await pilot.click(KeysFooter, offset=(len(line) + 5, 0))  # past the last key: nothing
        await pilot.pause()
        assert app.pressed == ["a", "e"]
        assert footer.region.height == 1


async def test_the_line_follows_the_bindings_as_they_change() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, KeysScreen)
        screen.gone = True
        screen.paused = False
        screen.refresh_bindings()
        await pilot.pause()
        line = footer_line(app)
        assert "Gone" not in line and "c Paused" in line
        await pilot.click(KeysFooter, offset=(line.index("Paused"), 0))
        await pilot.pause()
        assert app.pressed == ["c"]
