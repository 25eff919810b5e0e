"""Pick the colours of the app from the themes Textual knows."""

from __future__ import annotations

from nocontact_tui.screens.base import AppModal
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from nocontact_tui.texts import line
from nocontact_tui.widgets.choice import ChoiceList
from nocontact_tui.widgets.footer import KeysFooter


class ThemeModal(AppModal[str | None]):
    """Dismisses with the theme picked, or None when left as it was."""

    CSS_PATH = "theme.tcss"
    BINDINGS = [Binding("escape", "leave", "Cancel")]

    def __init__(self, themes: list[str], current: str) -> None:
        super().__init__()
        self.themes = themes
        self.current = current

    def compose(self) -> ComposeResult:
        chosen = self.themes.index(self.current) if self.current in self.themes else None
        with Vertical(id="theme-box"):
            yield Static(line("settings", "screen", "theme_title"), id="theme-title")
            yield ChoiceList(self.themes, chosen=chosen, id="themes")
            yield Static(line("settings", "screen", "theme_hint"), classes="muted")
        yield KeysFooter()

    @on(ChoiceList.Chosen)
    def picked(self, event: ChoiceList.Chosen) -> None:
        self.dismiss(self.themes[event.index])

    def action_leave(self) -> None:
        self.dismiss(None)
