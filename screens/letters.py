"""Unsent letters: the list. New, open, seal, release, filter, and the four-day course.

No key here sends, shares or copies a letter anywhere; they stay in the journal.
"""

from __future__ import annotations

from datetime import date

from nocontact_tui.screens.base import AppModal, AppScreen
from rich.markup import escape
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static

from nocontact_tui.domain.days import day_of
from nocontact_tui.domain.letters import (
    Letter,
    Released,
    begin_course_session,
    course_rest_words,
    course_step,
    course_words,
    create_letter,
    edited_label,
    get_letter,
    list_letters,
    release_letter,
    release_news,
    release_word,
    release_word_matches,
    seal_letter,
    unseal_letter,
)
from nocontact_tui.texts import load
from nocontact_tui.widgets.confirm import ConfirmModal
from nocontact_tui.widgets.footer import KeysFooter
from nocontact_tui.widgets.line_input import LineInput

from .letter_editor import LetterEditorScreen

TITLE_MIN, TITLE_MAX = 10, 48
TALL = 18  # rows from which the release question has room for every line as it is
OTHER_COLUMNS = 44  # status, last edited, words, cell padding and margins


def words() -> dict:
    return load("letters")


class LetterTable(DataTable):
    """The list of letters; enter opens one (and says so in the footer)."""

    BINDINGS = [Binding("enter", "select_cursor", "Open")]


class ReleaseModal(AppModal[bool]):
    """Releasing deletes for good, so it asks for a typed word, not a single key."""

    BINDINGS = [Binding("escape", "keep", "Keep it")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TALL, "-tall")]

    def __init__(self, letter: Letter) -> None:
        super().__init__()
        self.letter = letter
        self.word = release_word(letter)

    def compose(self) -> ComposeResult:
        with Vertical(id="release"):
            yield Static(self.letter.display_title, id="release-title", markup=False)
            yield Static(words()["release_confirm"], id="release-question")
            yield Static(words()["release_type"].format(word=self.word), id="release-hint")
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
            problem.update(words()["release_mismatch"].format(word=self.word))
            problem.display = True

    def action_keep(self) -> None:
        self.dismiss(False)


class LettersScreen(AppScreen[None]):
    CSS_PATH = "letters.tcss"
    AUTO_FOCUS = ""  # none: refresh_list focuses the table when there is one to show
    BINDINGS = [
        Binding("n", "new", "New"),
        Binding("enter", "open", "Open", show=False),
        # Not "s": that is the Streak key everywhere else. Both ask first.
        Binding("p", "seal", "Seal"),
        Binding("p", "unseal", "Unseal"),
        Binding("x", "release", "Release"),
        Binding("slash", "filter", "Filter"),
        Binding("w", "course", "Course"),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self, open_letter: int | None = None) -> None:
        super().__init__()
        self.to_open = open_letter  # opened at once: the letter the urge screen just wrote

    def compose(self) -> ComposeResult:
        with Vertical(id="letters"):
            # Disabled while hidden, so that nothing can focus it behind the user's back.
            yield LineInput(
                placeholder=words()["filter_placeholder"], id="filter", compact=True, disabled=True
            )
            yield Static(words()["empty_list"], id="empty")
            yield LetterTable(id="table", cursor_type="row", zebra_stripes=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self._title_width = 0
        self._opened: int | None = None  # the letter last opened: the cursor is on it on return
        filter_input = self.query_one("#filter", Input)
        filter_input.display = False
        if self.app.is_headless:
            filter_input.cursor_blink = False

    def on_screen_resume(self) -> None:
        opened, self._opened = self._opened, None
        self.refresh_list(keep=opened)
        letter_id, self.to_open = self.to_open, None
        if letter_id is None:
            letter_id = self.app.handoff.pop("open_letter", None)  # type: ignore[assignment]
        if isinstance(letter_id, int):
            self.open_letter(letter_id)

    # -- the list -------------------------------------------------------------------

    @property
    def query_text(self) -> str:
        return self.query_one("#filter", Input).value

    def on_resize(self) -> None:
        if self._title_width != self.title_width():
            self.refresh_list()

    def title_width(self) -> int:
        """The title takes what the other columns leave, so a narrow terminal still shows them."""
        return max(TITLE_MIN, min(TITLE_MAX, self.app.size.width - OTHER_COLUMNS))

    def refresh_list(self, keep: int | None = None) -> None:
        table = self.query_one(DataTable)
        keep = keep if keep is not None else self.current_id()
        letters = list_letters(self.app.store, self.query_text)
        now = self.app.clock.now()
        table.clear(columns=self._title_width != self.title_width())
        if not table.columns:
            self._title_width = self.title_width()
            table.add_column("Title", key="title", width=self._title_width)
            table.add_column("Status", key="status")
            table.add_column("Last edited", key="edited")
            table.add_column("Words", key="words")
        for letter in letters:
            title = letter.display_title
            table.add_row(
                escape(title),  # the user's words, not markup: a "[/]" must not crash
                "sealed" if letter.sealed else "draft",
                edited_label(letter.updated_at, now, self.app.clock.tz)
                if letter.updated_at
                else "",
                str(letter.words),
                key=str(letter.id),
            )
        empty = self.query_one("#empty", Static)
        filtered_out = not letters and self.query_text.strip() and list_letters(self.app.store)
        empty.update(words()["no_matches"] if filtered_out else words()["empty_list"])
        empty.display = not letters
        table.display = bool(letters)
        if keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        self.refresh_bindings()
        filter_input = self.query_one("#filter", Input)
        if filter_input.display and filter_input.has_focus:
            return
        if letters:
            table.focus()
        else:
            self.set_focus(None)  # the list keys work with nothing focused

    def current_id(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return int(row_key.value) if row_key.value is not None else None

    def current_letter(self) -> Letter | None:
        letter_id = self.current_id()
        return get_letter(self.app.store, letter_id) if letter_id is not None else None

    # -- keys -----------------------------------------------------------------------

    def action_new(self) -> None:
        store, now = self.app.store, self.app.clock.now()
        ids: list[int] = []
        if self.app.save(lambda: ids.append(create_letter(store, now=now))):
            self.open_letter(ids[0])

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        letter_id = self.current_id()
        if letter_id is not None:
            self.open_letter(letter_id)

    def open_letter(self, letter_id: int, course_number: int | None = None) -> None:
        if get_letter(self.app.store, letter_id) is None:
            self.notify(words()["missing"])
            return
        self._opened = letter_id
        self.app.push_screen(LetterEditorScreen(letter_id, course_number))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`p` seals a draft and unseals a sealed letter; the footer names the one that applies."""
        if action in ("seal", "unseal", "release", "open"):
            if not self.is_mounted:
                return True
            letter = self.current_letter()
            if letter is None:
                return False
            if action == "seal":
                return not letter.sealed
            if action == "unseal":
                return letter.sealed
        return True

    @on(DataTable.RowHighlighted)
    def row_moved(self) -> None:
        self.refresh_bindings()

    def action_seal(self) -> None:
        letter = self.current_letter()
        if letter is None or letter.sealed:
            return
        store = self.app.store

        def answered(yes: bool | None) -> None:
            if yes and self.app.save(lambda: seal_letter(store, letter.id)):
                self.notify(words()["sealed"])
                self.refresh_list(keep=letter.id)

        self.app.push_screen(ConfirmModal(words()["seal_confirm"]), answered)

    def action_unseal(self) -> None:
        letter = self.current_letter()
        if letter is None or not letter.sealed:
            return
        store = self.app.store

        def answered(yes: bool | None) -> None:
            if yes and self.app.save(lambda: unseal_letter(store, letter.id)):
                self.notify(words()["unsealed"])
                self.refresh_list(keep=letter.id)

        self.app.push_screen(ConfirmModal(words()["unseal_confirm"]), answered)

    def action_release(self) -> None:
        letter = self.current_letter()
        if letter is None:
            return
        store = self.app.store

        def answered(yes: bool | None) -> None:
            if not yes:
                self.notify(words()["kept"])
                return
            done: list[Released] = []
            if self.app.save(lambda: done.append(release_letter(store, letter.id))):
                if done[0].everywhere:
                    self.notify(release_news(done[0]), timeout=8)
                else:  # some older copy could not be opened: said plainly, and it stays up
                    self.notify(release_news(done[0]), severity="warning", timeout=20)
                self.refresh_list()

        self.app.push_screen(ReleaseModal(letter), answered)

    def action_filter(self) -> None:
        filter_input = self.query_one("#filter", Input)
        filter_input.display = True
        filter_input.disabled = False
        filter_input.focus()

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        self.refresh_list()

    @on(Input.Submitted, "#filter")
    def filter_done(self) -> None:
        self.query_one(DataTable).focus()

    def action_leave(self) -> None:
        """Escape clears an open filter first; then it goes back."""
        filter_input = self.query_one("#filter", Input)
        if filter_input.display:
            filter_input.value = ""
            filter_input.display = False
            filter_input.disabled = True
            self.refresh_list()
            self.query_one(DataTable).focus()
            return
        self.app.action_back()

    # -- the four-day course -----------------------------------------------------------

    def action_course(self) -> None:
        settings = self.app.settings
        today = day_of(self.app.clock.now(), settings.day_starts_at, self.app.clock.tz)
        step = course_step(self.app.store, today)
        text = course_words()
        if step.kind == "begin":
            question = f"{text['intro']}\n\n{text['begin']}"
            self.app.push_screen(
                ConfirmModal(question), lambda yes: yes and self.start_session(today)
            )
        elif step.kind == "next":
            if step.missed_days:
                self.notify(text["missed"].format(number=step.number))
            self.start_session(today)
        elif step.kind == "today":
            if (
                step.letter_id is not None
                and get_letter(self.app.store, step.letter_id) is not None
            ):
                self.notify(text["again"])
                self.open_letter(step.letter_id, course_number=step.number)
            else:
                self.notify(text["today_done"])
        elif step.kind == "again":
            # A new course, asked for by its own key, after the last one has rested.
            question = f"{text['intro']}\n\n{text['restart']}"
            self.app.push_screen(
                ConfirmModal(question), lambda yes: yes and self.start_session(today, fresh=True)
            )
        else:
            # Finished, and too soon for another: the course ended cleanly; nothing to begin.
            self.notify(course_rest_words(step), timeout=12)

    def start_session(self, today: date, fresh: bool = False) -> None:
        store, now = self.app.store, self.app.clock.now()
        started: list[tuple[int, int]] = []
        if self.app.save(
            lambda: started.append(begin_course_session(store, now=now, today=today, fresh=fresh))
        ):
            letter_id, number = started[0]
            self.refresh_list(keep=letter_id)
            self.open_letter(letter_id, course_number=number)
