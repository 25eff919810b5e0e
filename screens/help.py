"""Keys and help: every key of the screen underneath, the global keys, and where to find support."""

from __future__ import annotations

from rich.table import Table
from textual.actions import parse as parse_action
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown, Static

from nocontact_tui.texts import markdown
from nocontact_tui.widgets.footer import KeysFooter

# Textual's own plumbing, not something a user of this app needs to learn.
HIDDEN_ACTIONS = {"app.focus_next", "app.focus_previous", "screen.copy_text", "command_palette"}


def key_rows(screen: Screen) -> list[tuple[str, str]]:
    """Every key that applies on `screen` with what it does, the screen's own first."""
    app = screen.app
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    described: set[str] = set()
    for source in (screen, app):
        for _, binding in source._bindings:
            if binding.system or binding.action in HIDDEN_ACTIONS:
                continue
            _, action, parameters = parse_action(binding.action)
            if source.check_action(action, parameters) is False:
                continue  # not offered here now (e.g. home's "begin" once set up)
            if (
                binding.description
                and binding.key not in seen
                and binding.description not in described
            ):
                seen.add(binding.key)
                described.add(binding.description)
                rows.append((app.get_key_display(binding), binding.description))
    rows.append((app.get_key_display(Binding("ctrl+p", "")), "Command palette"))
    return rows


def key_table(rows: list[tuple[str, str]]) -> Table:
    """The keys in two pairs of columns, so the list and the support text fit one screen."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    for _ in range(2):
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
    half = (len(rows) + 1) // 2
    for left, right in zip(rows[:half], rows[half:] + [("", "")], strict=False):
        table.add_row(*left, *right)
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
        self.rows = key_rows(under)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(key_table(self.rows), id="keys")
            yield Markdown(markdown("help"), id="help-text")
        yield KeysFooter()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
