"""The letter editor: a title, a soft-wrapped page, a prompt on demand, and autosave.

The text lives in a `Draft` (nocontact_tui.domain.letters), not only in the widget: the
draft is saved after a short pause in typing, on leaving the screen, and by the
flusher the app calls on quit, Ctrl+C, SIGTERM and SIGHUP, when the widgets
may already be gone. Nothing is ever unsaved for long, so nothing ever asks.
"""

from __future__ import annotations

from time import monotonic

from nocontact_tui.screens.base import AppScreen
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Input, Static, TextArea

from nocontact_tui.domain.course import minutes_written, time_is_up
from nocontact_tui.domain.letters import (
    Draft,
    Letter,
    course_words,
    edited_label,
    get_letter,
    pick_prompt,
    word_count,
)
from nocontact_tui.journal.errors import NoContactError
from nocontact_tui.texts import line, load
from nocontact_tui.widgets.footer import KeysFooter
from nocontact_tui.widgets.line_input import LineInput
from nocontact_tui.widgets.writing_area import WritingArea

AUTOSAVE_SECONDS = 1.0  # after this long without typing, the draft is written
AUTOSAVE_CEILING = 30.0  # and while someone types without a pause, at least this often
SOONEST = 0.01  # seconds: "now", for a timer


def autosave_delay(unsaved_since: float, now: float, pause: float = AUTOSAVE_SECONDS) -> float:
    """Seconds until the next save: the pause after the last key, but no later than
    AUTOSAVE_CEILING after the first key that is not saved yet."""
    # Never 0: Textual's timer divides by its interval.
    return max(SOONEST, min(pause, unsaved_since + AUTOSAVE_CEILING - now))


RETRY_SECONDS = 5.0  # after a failed save, try again this soon even if nothing is typed
LIVE_COUNT_LIMIT = 100_000  # above this many characters, the word count updates on each pause
COURSE_TICK_SECONDS = 10.0
FLUSHER_KEY = "letter"


def words() -> dict:
    return load("letters")


class LetterCommands(Provider):
    """The editor's entries in the command palette (ctrl+p)."""

    def _commands(self) -> list[tuple[str, str]]:
        screen = self.screen
        if isinstance(screen, LetterEditorScreen) and screen.draft is not None:
            return [("Writing prompt", "Show a prompt to write towards")]
        return []

    async def discover(self) -> Hits:
        for name, help_text in self._commands():
            yield DiscoveryHit(name, self._run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text in self._commands():
            if (score := matcher.match(name)) > 0:
                yield Hit(score, matcher.highlight(name), self._run, help=help_text)

    def _run(self) -> None:
        screen = self.screen
        if isinstance(screen, LetterEditorScreen):
            screen.action_prompt()


class LetterEditorScreen(AppScreen[None]):
    CSS_PATH = "letter_editor.tcss"
    COMMANDS = {LetterCommands}
    VERTICAL_BREAKPOINTS = [(0, "-short"), (18, "-tall")]  # a 12-row terminal still gets a page
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("ctrl+g", "prompt", "Prompt"),
    ]

    def __init__(self, letter_id: int, course_number: int | None = None) -> None:
        super().__init__()
        self.letter_id = letter_id
        self.course_number = course_number
        self.letter: Letter | None = None
        self.draft: Draft | None = None
        self.save_problem: str | None = None
        self._autosave_timer: Timer | None = None
        self._unsaved_since: float | None = None  # monotonic: the first key not saved yet
        self._course_started = 0.0
        self._prompt_turn = letter_id

    # -- building -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.letter = get_letter(self.app.store, self.letter_id)
        letter = self.letter or Letter(id=self.letter_id, title="", body="")
        with Vertical(id="editor"):
            yield LineInput(
                letter.title,
                placeholder=line("letters", "title_placeholder"),
                id="title",
                compact=True,
                disabled=letter.sealed,
            )
            yield Static("", id="prompt")
            yield WritingArea(
                letter.body,
                id="body",
                soft_wrap=True,
                read_only=letter.sealed,
                placeholder=line("letters", "body_placeholder"),
            )
            yield Static("", id="save-problem")
            with Horizontal(id="status-line"):
                yield Static("", id="course-note")
                yield Static("", id="saved")
        yield KeysFooter()

    def on_mount(self) -> None:
        if self.letter is None:
            self.app.notify(line("letters", "missing"))
            self.dismiss(None)
            return
        body = self.query_one("#body", TextArea)
        if self.app.is_headless:
            # Snapshots must not depend on the phase of a blinking cursor.
            body.cursor_blink = False
            self.query_one("#title", Input).cursor_blink = False
        if self.letter.sealed:
            self.add_class("sealed")
        else:
            self.draft = Draft.of(self.letter)
            draft, store, clock = self.draft, self.app.store, self.app.clock
            # The flusher holds the draft, the store and the clock, never a widget:
            # it must still work once the screen is gone.
            self.app.register_flusher(FLUSHER_KEY, lambda: draft.save(store, clock.now()))
        if self.draft is not None:
            body.move_cursor(body.document.end)  # carry on where the words stopped
        body.focus()
        if self.course_number is not None:
            self._course_started = self.app.clock.monotonic()
            self.set_interval(COURSE_TICK_SECONDS, self.refresh_status)
        self.refresh_prompt()
        self.refresh_status()

    # -- typing ---------------------------------------------------------------------

    @on(TextArea.Changed, "#body")
    def body_changed(self, event: TextArea.Changed) -> None:
        if self.draft is None:
            return
        self.draft.body = event.text_area.text
        self.schedule_autosave()
        if len(self.draft.body) <= LIVE_COUNT_LIMIT:
            self.refresh_status()

    @on(Input.Changed, "#title")
    def title_changed(self, event: Input.Changed) -> None:
        if self.draft is None or event.value == self.draft.title:
            return
        self.draft.title = event.value
        self.schedule_autosave()

    @on(Input.Submitted, "#title")
    def title_done(self) -> None:
        self.query_one("#body", TextArea).focus()

    def schedule_autosave(self, delay: float = AUTOSAVE_SECONDS) -> None:
        """(Re)start the pause timer: every keystroke pushes the save back, but never
        past AUTOSAVE_CEILING after the first unsaved key, however long the typing."""
        now = monotonic()
        if self._unsaved_since is None:
            self._unsaved_since = now
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        delay = autosave_delay(self._unsaved_since, now, delay)
        self._autosave_timer = self.set_timer(delay, self.autosave)

    # -- saving ---------------------------------------------------------------------

    def autosave(self) -> bool:
        """Save the draft if it changed; on failure keep it, say so, and try again soon."""
        self._autosave_timer = None
        ok = self._save(finish=False)
        if ok:
            self._unsaved_since = None
        if not ok:
            self.schedule_autosave(RETRY_SECONDS)
        self.refresh_status()
        return ok

    def _save(self, *, finish: bool) -> bool:
        if self.draft is None:
            return True
        now = self.app.clock.now()
        try:
            if finish:
                self.draft.finish(self.app.store, now)
            else:
                self.draft.save(self.app.store, now)
        except NoContactError as exc:
            self.save_problem = exc.text
            return False
        self.save_problem = None
        draft = self.draft
        if draft.moved_from is not None and draft.letter_id != self.letter_id:
            # Another window changed this letter meanwhile: both are kept, and said so once.
            self.letter_id = draft.letter_id
            self.app.notify(line("letters", "kept_both"), timeout=12)
        return True

    def action_close(self) -> None:
        """Back to the list. A save that fails keeps the user here, with the text."""
        if not self._save(finish=True):
            self.refresh_status()
            return
        self._leave_course_session()
        self.dismiss(None)

    def _leave_course_session(self) -> None:
        if self.course_number == 4:
            self.app.notify(course_words()["done"], timeout=12)

    def on_unmount(self) -> None:
        # Reached also when the app navigates away (the palette, action_go) or closes.
        if self._save(finish=True):
            self.app.unregister_flusher(FLUSHER_KEY)
        # If it failed, the flusher stays: quitting tries once more.

    # -- prompts --------------------------------------------------------------------

    def action_prompt(self) -> None:
        if self.draft is None:
            return
        prompts: list[str] = words()["prompts"]
        if self.draft.prompt in prompts:
            self._prompt_turn = prompts.index(self.draft.prompt) + 1
        self.draft.prompt = pick_prompt(self._prompt_turn)
        self._prompt_turn += 1
        self.refresh_prompt()
        self.schedule_autosave()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "prompt":
            return self.draft is not None
        return True

    def refresh_prompt(self) -> None:
        prompt = (
            self.draft.prompt
            if self.draft is not None
            else (self.letter.prompt if self.letter else None)
        )
        text_line = self.query_one("#prompt", Static)
        text_line.update(line("letters", "prompt_line", prompt=prompt) if prompt else "")
        text_line.display = bool(prompt)

    # -- the quiet status line --------------------------------------------------------

    def refresh_status(self) -> None:
        if self.letter is None:
            return
        body = self.draft.body if self.draft is not None else self.letter.body
        count = word_count(body)
        parts = [line("letters", "word") if count == 1 else line("letters", "words", count=count)]
        if self.draft is None:
            pass  # sealed: the note sits on the left, where the course timer would be
        elif self.save_problem is not None:
            parts.append(line("letters", "not_saved"))
        elif self.draft.last_saved is not None:
            parts.append(
                line(
                    "letters",
                    "saved_at",
                    time=edited_label(
                        self.draft.last_saved, self.app.clock.now(), self.app.clock.tz
                    ),
                )
            )
        self.query_one("#saved", Static).update(" · ".join(p for p in parts if p))
        problem = self.query_one("#save-problem", Static)
        problem.update(
            line("letters", "save_failed", problem=self.save_problem) if self.save_problem else ""
        )
        problem.display = self.save_problem is not None
        self.query_one("#course-note", Static).update(self._course_text())

    def _course_text(self) -> str:
        if self.draft is None:
            return line("letters", "sealed_note")
        if self.course_number is None:
            return ""
        elapsed = self.app.clock.monotonic() - self._course_started
        if time_is_up(elapsed):
            return course_words()["time_up"]
        return course_words()["timer"].format(
            number=self.course_number, minutes=minutes_written(elapsed)
        )
