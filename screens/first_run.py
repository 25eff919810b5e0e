"""First run: when did no contact begin, and at what hour does the day end.

Escape means "later", at once while the suggestions are untouched; once an answer
was changed it asks first (staying is the default). Quitting keeps answers that
were changed and can be read, as enter would have.
"""

from __future__ import annotations

from datetime import date

from nocontact_tui.screens.base import AppScreen
from nocontact_tui.screens.dialogs.confirm import DiscardModal
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from nocontact_tui.domain.settings import DEFAULT_DAY_STARTS_AT, save_first_run
from nocontact_tui.texts import line
from nocontact_tui.widgets.footer import KeysFooter
from nocontact_tui.widgets.line_input import LineInput


def parse_start(text: str, today: date) -> date | None:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return None
    return day if day <= today else None


def parse_hour(text: str) -> int | None:
    text = text.strip()
    if not text.isdecimal():  # isdigit() accepts '²', which int() refuses
        return None
    hour = int(text)
    return hour if 0 <= hour <= 23 else None


class FirstRunScreen(AppScreen[bool]):
    CSS_PATH = "first_run.tcss"
    # Enter is the screen's, not the fields': handled in key order, a quick second
    # enter finds the focus already on the hour (a Submitted message came too late).
    BINDINGS = [
        Binding("enter", "next", "Next", priority=True),
        Binding("escape", "later", "Later"),
    ]
    FLUSHER_KEY = "first_run"

    def __init__(self) -> None:
        super().__init__()
        self.suggested: tuple[str, str] = ("", "")

    def compose(self) -> ComposeResult:
        today = self.app.status().today
        self.suggested = (today.isoformat(), str(DEFAULT_DAY_STARTS_AT))
        with Vertical(id="first-run"):
            yield Static(line("messages", "first_run_intro"), id="intro")
            yield Label(line("messages", "first_run_start"))
            # These two hold suggestions, not the person's words: typing replaces them.
            yield LineInput(today.isoformat(), id="start", max_length=10, select_on_focus=True)
            yield Label(line("messages", "first_run_hour"))
            yield LineInput(
                str(DEFAULT_DAY_STARTS_AT), id="hour", max_length=2, select_on_focus=True
            )
            yield Static("", id="problem")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.app.register_flusher(self.FLUSHER_KEY, self.flush)
        # Textual brings the focused field into view from a callback that runs before the
        # first layout on Python 3.12 and later (nothing to scroll yet), after it on 3.11:
        # doing it again after the first refresh gives a small terminal one page on all.
        self.call_after_refresh(self.bring_focus_into_view)

    def bring_focus_into_view(self) -> None:
        if self.focused is not None:
            self.scroll_to_center(self.focused, animate=False, origin_visible=True)

    def on_unmount(self) -> None:
        self.app.unregister_flusher(self.FLUSHER_KEY)

    def answers(self) -> tuple[str, str]:
        return (
            self.query_one("#start", Input).value.strip(),
            self.query_one("#hour", Input).value.strip(),
        )

    def changed(self) -> bool:
        return self.answers() != self.suggested

    def on_key(self, event: events.Key) -> None:
        """Letters are text here: with the focus outside both fields (after a click), a key
        goes to the date, never to another screen."""
        if isinstance(self.focused, Input) or not event.is_printable or not event.character:
            return
        if event.character == "?":
            return
        event.stop()
        event.prevent_default()
        start = self.query_one("#start", Input)
        self.set_focus(start)
        start.insert_text_at_cursor(event.character)

    def flush(self) -> None:
        """On quit, a signal or a closed window: changed answers that can be read are kept."""
        if not self.is_mounted or not self.changed():
            return
        start = parse_start(self.answers()[0], self.app.status().today)
        hour = parse_hour(self.answers()[1])
        if start is not None and hour is not None:
            save_first_run(self.app.store, start, hour)
            self.suggested = self.answers()  # only once: every way out runs the flushers

    def action_next(self) -> None:
        start, hour = self.query_one("#start", Input), self.query_one("#hour", Input)
        if self.focused is start:
            self.set_focus(hour)
        else:
            # This binding runs in the app's turn: characters typed just before the enter
            # may still wait in the fields' own queues. Read the answers once both have
            # taken everything sent to them (under load, "12" was once saved as "1").
            start.call_later(hour.call_later, self.finish)

    def finish(self) -> None:
        today = self.app.status().today
        start = parse_start(self.query_one("#start", Input).value, today)
        hour = parse_hour(self.query_one("#hour", Input).value)
        problem = self.query_one("#problem", Static)
        if start is None:
            problem.update(line("messages", "first_run_bad_date", example=today.isoformat()))
            self.set_focus(self.query_one("#start", Input))
            return
        if hour is None:
            problem.update(line("messages", "first_run_bad_hour"))
            return
        if self.app.save(lambda: save_first_run(self.app.store, start, hour)):
            self.dismiss(True)

    def action_later(self) -> None:
        if not self.changed():
            self.dismiss(False)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(False)

        self.app.push_screen(DiscardModal(line("messages", "discard_first_run")), answered)
