"""Keys and help: every key of the screen underneath, the global keys, and where to find support."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Markdown, Static

from nocontact_tui.texts import markdown


def key_table(screen: Screen) -> Table:
    """Every binding that applies on `screen`, the screen's own first."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold")
    table.add_column()
    seen: set[str] = set()
    app = screen.app
    sources = [screen, app]
    for source in sources:
        for binding in source._bindings:
            if binding.description and binding.key not in seen:
                seen.add(binding.key)
                table.add_row(app.get_key_display(binding), binding.description)
    table.add_row(app.get_key_display(Binding("ctrl+p", "")), "Command palette")
    return table


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(key_table(self.under), id="keys")
            yield Markdown(markdown("help"), id="help-text")
        yield Footer()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
