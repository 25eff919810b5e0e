"""One question on one line at the foot of the screen, answered by one key.

For a moment when a full dialog would be too much: "End this wave here?" while an
urge is running. Only `y` says yes; every other key (enter, escape, a stray letter,
ctrl+c pressed twice) keeps things as they are, so staying is always the default.
"""

from __future__ import annotations

from nocontact_tui.screens.base import AppModal
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.widgets import Static

from nocontact_tui.texts import line


class AskLine(AppModal[bool]):
    """Dismisses with True on `y`, with False on any other key."""

    DEFAULT_CSS = """
    AskLine {
        align: left bottom;
        background: $background 40%;
    }
    AskLine > Static {
        dock: bottom;
        width: 100%;
        height: auto;
        padding: 0 1;
        background: $warning-muted;
        color: $foreground;
    }
    """

    def __init__(self, question: str, *, yes: str | None = None, other: str | None = None) -> None:
        """`yes` says what `y` does and `other` what every other key does (by default,
        for the urge: "end it", "any other key: stay with it")."""
        super().__init__()
        self.question = question
        self.yes = yes if yes is not None else line("messages", "ask_line_yes")
        self.other = other if other is not None else line("messages", "ask_line_other")
        self.answered = False

    def compose(self) -> ComposeResult:
        text_line = Text(self.question + "  ")
        text_line.append("y", style="bold")
        text_line.append(" " + self.yes + " · ")
        text_line.append(self.other, style="dim")
        yield Static(text_line)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        if self.answered:
            # Typed in the same instant as the answer, so handed here before the question
            # went. Answering again would close the screen below as well, and then the
            # app; handing them on could run them before the answer is taken. They go.
            return
        self.answered = True
        self.dismiss(event.key == "y")
