"""Letters for later: the sealing question with a day to read again, and, on that day,
the one question after reading it: how does it read now?

Both are dialogs over the letters list; the list decides when to show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nocontact_tui.screens.base import AppModal
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from nocontact_tui.domain.letters import (
    LATER_CHOICES,
    Letter,
    parse_reread_day,
    reads_words,
    reread_day,
)
from nocontact_tui.journal.errors import InputError
from nocontact_tui.texts import line, load
from nocontact_tui.widgets.choice import ChoiceList
from nocontact_tui.widgets.footer import KeysFooter
from nocontact_tui.widgets.line_input import LineInput

DATE_FIELD_MAX = 40  # room past a date, so a stray paste is shown and named, not refused
TYPED_DAY = len(LATER_CHOICES) + 1  # the last choice: a day the person types
MODAL_CSS = """
{name} {{
    align: center middle;
}}
{name} > Vertical {{
    width: 74;
    max-width: 100%;
    max-height: 100%;
    height: auto;
    overflow-y: auto;
    border: round $warning;
    padding: 1 2;
    background: $surface;
}}
{name} ChoiceList, {name} #date-prompt {{
    margin-top: 1;
}}
{name} .problem {{
    color: $text-warning;
}}
/* A short terminal: the words and every choice before any blank line. */
{name}.-short > Vertical {{
    padding: 0 0 0 1;
    scrollbar-size-vertical: 1;
}}
{name}.-short Static {{
    padding-right: 1;
}}
{name}.-short ChoiceList, {name}.-short #date-prompt {{
    margin-top: 0;
}}
{name}.-short.-typing #question {{
    display: none;
}}
"""
TALL = 18  # rows from which the dialogs keep their blank lines and the field its border


@dataclass(frozen=True)
class Sealing:
    """The answer to the sealing question: seal, with the day to read it again or none."""

    reread_on: date | None = None


def sealed_words(sealing: Sealing) -> str:
    """What sealing says: kept safe, and the day Home will say it is ready, if one was set."""
    day = sealing.reread_on
    if day is None:
        return line("letters", "sealed")
    return line("letters", "later", "sealed_until", date=f"{day:%A} {day.day} {day:%B %Y}")


class SealModal(AppModal[Sealing | None]):
    """Seal a letter, and maybe pick a day to read it again; None keeps it a draft.

    `y` and enter (on the first choice) seal it as before; `n` and escape keep it as it is.
    In the date field escape goes back to the choices, keeping what was typed.
    """

    DEFAULT_CSS = MODAL_CSS.format(name="SealModal")
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TALL, "-tall")]
    BINDINGS = [
        Binding("y", "seal", "Seal", show=False),
        Binding("n,escape", "keep", "Keep as draft", key_display="esc"),
        Binding("escape", "choices", "Back"),
    ]

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today

    @property
    def example(self) -> str:
        return reread_day("month", self.today).isoformat()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(line("letters", "later", "seal_question"), id="question")
            yield ChoiceList(load("letters")["later"]["choices"], id="later-choice")
            yield Static(
                line("letters", "later", "date_prompt", example=self.example),
                id="date-prompt",
                classes="typed",
            )
            yield LineInput(
                placeholder="YYYY-MM-DD",
                id="later-date",
                max_length=DATE_FIELD_MAX,
                classes="typed",
            )
            yield Static("", id="later-problem", classes="problem")
        yield KeysFooter()

    def on_mount(self) -> None:
        date_field = self.query_one("#later-date", Input)
        if self.app.is_headless:
            date_field.cursor_blink = False
        date_field.compact = self.app.size.height < TALL
        self.show_date_field(False)
        choices = self.query_one(ChoiceList)
        choices.highlighted = 0
        choices.focus()

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#later-date", Input).compact = event.size.height < TALL

    @property
    def typing_day(self) -> bool:
        return bool(self.query_one("#later-date", Input).display)

    def show_date_field(self, show: bool) -> None:
        for widget in self.query(".typed"):
            widget.display = show
        self.query_one("#later-problem", Static).display = False
        self.query_one(ChoiceList).display = not show
        self.set_class(show, "-typing")  # on a short terminal the field takes the question's room
        if show:
            self.query_one("#later-date", Input).focus()
        else:
            self.query_one(ChoiceList).focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        if action == "choices":
            return self.typing_day
        if action in ("keep", "seal"):
            return not self.typing_day
        return True

    @on(ChoiceList.Chosen)
    def chosen(self, event: ChoiceList.Chosen) -> None:
        event.stop()
        if event.index == 0:
            self.dismiss(Sealing())
        elif event.index < TYPED_DAY:
            self.dismiss(Sealing(reread_day(LATER_CHOICES[event.index - 1], self.today)))
        else:
            self.show_date_field(True)

    @on(Input.Submitted, "#later-date")
    def day_typed(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            day = parse_reread_day(event.value, self.today)
        except InputError as exc:
            problem = self.query_one("#later-problem", Static)
            # The typed text is shown as typed, never read as markup.
            problem.update(Text(exc.text))
            problem.display = True
            return
        self.dismiss(Sealing(day))

    def action_seal(self) -> None:
        self.dismiss(Sealing())

    def action_keep(self) -> None:
        self.dismiss(None)

    def action_choices(self) -> None:
        self.show_date_field(False)


class RereadModal(AppModal[int | None]):
    """After reading a letter on its day: how does it read now? 1 to 5; None is "not now"."""

    DEFAULT_CSS = MODAL_CSS.format(name="RereadModal")
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TALL, "-tall")]
    BINDINGS = [Binding("escape", "later", "Not now")]

    def __init__(self, letter: Letter) -> None:
        super().__init__()
        self.letter = letter

    def compose(self) -> ComposeResult:
        with Vertical():
            # The title is the person's own words: shown as text, never as markup.
            question = line("letters", "later", "question", title=self.letter.display_title)
            yield Static(question, id="question", markup=False)
            yield ChoiceList(reads_words(), id="reads")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(ChoiceList).focus()

    @on(ChoiceList.Chosen)
    def chosen(self, event: ChoiceList.Chosen) -> None:
        event.stop()
        self.dismiss(event.index + 1)

    def action_later(self) -> None:
        self.dismiss(None)
