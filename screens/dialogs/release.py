"""Releasing a letter deletes it for good, so it asks for a typed word, not a single key."""

from __future__ import annotations

from nocontact_tui.screens.base import AppModal
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from nocontact_tui.domain.letters import Letter, release_word, release_word_matches
from nocontact_tui.texts import line
from nocontact_tui.widgets.footer import KeysFooter
from nocontact_tui.widgets.line_input import LineInput

TALL = 18  # rows from which the release question has room for every line as it is


class ReleaseModal(AppModal[bool]):
    """Dismisses with True once the word is typed as shown, False to keep the letter."""

    CSS_PATH = "release.tcss"
    BINDINGS = [Binding("escape", "keep", "Keep it")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TALL, "-tall")]

    def __init__(self, letter: Letter) -> None:
        super().__init__()
        self.letter = letter
        self.word = release_word(letter)

    def compose(self) -> ComposeResult:
        with Vertical(id="release"):
            yield Static(self.letter.display_title, id="release-title", markup=False)
            yield Static(line("letters", "release_confirm"), id="release-question")
            yield Static(line("letters", "release_type", word=self.word), id="release-hint")
            yield LineInput(id="release-word", max_length=200)
            yield Static("", id="release-problem")
        yield KeysFooter()

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.query_one(Input).cursor_blink = False
        self.query_one("#release-problem", Static).display = False  # a line only when needed
        self.fit_height(self.app.size.height)

    def on_resize(self, event: events.Resize) -> None:
        self.fit_height(event.size.height)

    def fit_height(self, height: int) -> None:
        """On a short terminal the word field drops its border: two more lines for the words."""
        self.query_one("#release-word", Input).compact = height < TALL

    @on(Input.Submitted)
    def check_word(self, event: Input.Submitted) -> None:
        if release_word_matches(self.word, event.value):
            self.dismiss(True)
        else:
            problem = self.query_one("#release-problem", Static)
            problem.update(line("letters", "release_mismatch", word=self.word))
            problem.display = True

    def action_keep(self) -> None:
        self.dismiss(False)
