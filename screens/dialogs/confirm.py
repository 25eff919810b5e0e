"""A calm yes/no question as a typed modal."""

from __future__ import annotations

from nocontact_tui.screens.base import AppModal
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from nocontact_tui.widgets.footer import KeysFooter


class ConfirmModal(AppModal[bool]):
    """Ask `question`; dismiss with True on `y`/enter, False on `n`/escape."""

    DEFAULT_CSS = """
    ConfirmModal {
        align: center middle;
    }
    ConfirmModal > Vertical {
        width: 74;
        max-width: 100%;
        max-height: 100%;
        overflow-y: auto;
        height: auto;
        border: round $warning;
        padding: 1 2;
        background: $surface;
    }
    """
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, id="question")
        yield KeysFooter()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class DiscardModal(ConfirmModal, inherit_bindings=False):
    """Ask before words that are not saved yet are left behind.

    Staying is the default: enter and escape keep the words, and only `y` (an
    explicit choice) leaves them. A person may press enter out of habit.
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Leave them"),
        Binding("n,enter,escape", "answer(False)", "Stay", key_display="n/enter"),
    ]
