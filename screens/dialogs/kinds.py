"""Which kinds of contact restart the count: a setting shown on the streak view."""

from __future__ import annotations

from collections.abc import Sequence

from nocontact_tui.screens.base import AppModal
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from nocontact_tui.domain.contact_form import kind_labels
from nocontact_tui.journal.schema import CONTACT_KINDS
from nocontact_tui.texts import line
from nocontact_tui.widgets.choice import ChoiceList
from nocontact_tui.widgets.footer import KeysFooter


class KindsModal(AppModal[tuple[str, ...] | None]):
    """Dismisses with the kinds switched on, or None when left as it was."""

    DEFAULT_CSS = """
    KindsModal {
        align: center middle;
    }
    KindsModal > Vertical {
        width: 90%;
        max-width: 64;
        height: auto;
        max-height: 90%;
        border: round $accent;
        padding: 0 1;
        background: $surface;
    }
    KindsModal #kinds-title {
        text-style: bold;
    }
    """
    BINDINGS = [
        Binding("enter", "keep", "Keep", show=False),
        Binding("ctrl+s", "keep", "Keep"),
        Binding("escape", "leave", "Cancel"),
    ]

    def __init__(self, breaking: Sequence[str]) -> None:
        super().__init__()
        self.breaking = tuple(breaking)

    def compose(self) -> ComposeResult:
        picked = [i for i, kind in enumerate(CONTACT_KINDS) if kind in self.breaking]
        with Vertical():
            yield Static(line("streak", "settings", "kinds_title"), id="kinds-title")
            yield ChoiceList(kind_labels(), multiple=True, picked=picked, id="kinds")
            yield Static(line("streak", "settings", "kinds_hint"), classes="muted")
        yield KeysFooter()

    def action_keep(self) -> None:
        picked = self.query_one("#kinds", ChoiceList).picked
        self.dismiss(tuple(CONTACT_KINDS[i] for i in sorted(picked)))

    def action_leave(self) -> None:
        self.dismiss(None)
