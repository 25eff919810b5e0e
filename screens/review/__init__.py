"""The daily review: one question at a time, each answered with one key, then the week.

The questions, their order and what each key means live in `reviews.Draft`; this
screen shows the current question and hands keys to it. Half-answered reviews
are kept in app state per day, so leaving with another key and coming back
with `d` picks up where the user was.
"""

from __future__ import annotations

from datetime import date

from nocontact_tui.screens.base import AppScreen
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import Input, Static

from nocontact_tui.domain import reviews
from nocontact_tui.domain.contacts import Contact
from nocontact_tui.domain.days import day_of
from nocontact_tui.domain.reviews import TEXT_STEPS, Draft
from nocontact_tui.domain.undo import Change, take_back
from nocontact_tui.journal.schema import CONTACT_KINDS
from nocontact_tui.texts import message
from nocontact_tui.widgets.day_sparkline import DaySparkline
from nocontact_tui.widgets.footer import KeysFooter
from nocontact_tui.widgets.line_input import LineInput

DRAFTS_KEY = "review_drafts"  # in app.handoff: {date: Draft} of reviews begun and not saved
CHOSEN = "reverse bold"
FLUSHER_KEY = "review"


def _options(pairs: list[tuple[str, str]], chosen: str | None, separator: str = "   ") -> Text:
    """`key label` pairs on one line (wrapping where needed), the chosen one highlighted."""
    text = Text()
    for index, (key, label) in enumerate(pairs):
        if index:
            text.append(separator)
        style = CHOSEN if key == chosen else ""
        text.append(f" {key} ", style=f"bold {style}".strip())
        text.append(f" {label}" if label else "", style=style)
    return text


class ReviewLine(LineInput):
    """An optional line whose enter shows in the footer, so the way on is always visible."""

    BINDINGS = [Binding("enter", "submit", "Next")]


class ReviewScreen(AppScreen[None]):
    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("y", "answer('y')", "Yes"),
        Binding("n", "answer('n')", "No"),
        *(Binding(digit, f"answer('{digit}')", show=False) for digit in "0123456789"),
        Binding("t", "answer('t')", "Urge 10", show=False),
        Binding("enter", "next", "Next"),
        Binding("enter", "save", "Save"),
        Binding("enter", "done", "Done"),
        # Inside the optional lines backspace edits the text, so shift+tab or escape go back there.
        Binding("backspace", "back", "Back", key_display="⌫"),
        Binding("shift+tab", "back", "Back", show=False),
        Binding("shift+tab,escape", "field_back", "Back", key_display="⇧⇥/esc"),
        Binding("e", "edit", "Edit"),
        Binding("z,ctrl+z", "undo", "Undo"),
        Binding("left,left_square_bracket", "day(-1)", "Earlier day", key_display="←"),
        Binding("right,right_square_bracket", "day(1)", "Later day", key_display="→"),
        # A small terminal cannot show all nine skills or the whole week at once.
        Binding("down", "scroll_main(1)", "Scroll", show=False),
        Binding("up", "scroll_main(-1)", "Scroll", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.draft: Draft | None = None
        self.logged: list[Contact] = []
        self.showing_week = False
        self.last_change: Change | None = None  # the last save, to take back on this screen

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="review-body"):
            with Horizontal(id="review-head"):
                yield Static("", id="review-day")
                yield Static("", id="review-position", classes="muted")
            with VerticalScroll(id="review-main"):
                yield Static("", id="question")
                yield Static("", id="choices")
                yield ReviewLine(id="line", max_length=reviews.LINE_MAX, select_on_focus=False)
                yield Static("", id="hint", classes="muted")
                with Vertical(id="week"):
                    yield Static("", id="week-days")
                    with Horizontal(classes="week-row"):
                        yield Static("", id="week-mood-label", classes="week-label")
                        yield DaySparkline(low=1, high=5, id="week-mood")
                    with Horizontal(classes="week-row"):
                        yield Static("", id="week-urge-label", classes="week-label")
                        yield DaySparkline(low=0, high=10, id="week-urge")
                    yield Static("", id="week-helped")
                    yield Static("", id="week-reviewed", classes="muted")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.app.register_flusher(FLUSHER_KEY, self.flush)
        self.open_day(self.today())

    def on_unmount(self) -> None:
        self.keep_draft()
        self.app.unregister_flusher(FLUSHER_KEY)

    @on(Input.Changed, "#line")
    def line_changed(self, event: Input.Changed) -> None:
        draft = self.draft
        if draft is not None and draft.step in TEXT_STEPS and not self.showing_week:
            draft.set_text(draft.step, event.value)

    def flush(self) -> None:
        """On quit, a signal or a closed window: a review answered as far as its optional
        lines is saved, with what those lines hold. Earlier than that nothing was typed."""
        draft = self.draft
        if draft is not None and draft.step in TEXT_STEPS and not self.showing_week:
            # The field itself, not only the last Changed message: on a signal the last
            # few keys may be in the line while their Changed messages still wait.
            for line in self.query("#line").results(Input):
                draft.set_text(draft.step, line.value)
        if draft is None or not draft.touched or draft.step not in (*TEXT_STEPS, "summary"):
            return
        app = self.app
        reviews.save_review(
            app.store,
            draft.to_review(),
            now=app.clock.now(),
            day_starts_at=app.settings.day_starts_at,
            tz=app.clock.tz,
        )
        draft.saved, draft.touched = True, False  # only once: every way out runs the flushers
        self.drafts().pop(draft.day, None)

    # -- state ----------------------------------------------------------------------------

    @property
    def words(self) -> dict:
        return reviews.words()

    def today(self) -> date:
        clock = self.app.clock
        return day_of(clock.now(), self.app.settings.day_starts_at, clock.tz)

    def drafts(self) -> dict[date, Draft]:
        return self.app.handoff.setdefault(DRAFTS_KEY, {})  # type: ignore[return-value]

    def keep_draft(self) -> None:
        """Remember a half-answered review for this session (nothing is written to disk)."""
        draft = self.draft
        if draft is None:
            return
        self.read_line()
        if draft.touched:
            self.drafts()[draft.day] = draft

    def open_day(self, day: date) -> None:
        settings = self.app.settings
        store = self.app.store
        tz = self.app.clock.tz
        self.draft = self.drafts().pop(day, None) or reviews.start_draft(
            store, day, settings.day_starts_at, tz
        )
        self.logged = reviews.unlinked_contacts_on(store, day, settings.day_starts_at, tz)
        self.showing_week = False
        self.show()

    def read_line(self) -> None:
        """Take what is typed into the current optional line into the draft."""
        draft = self.draft
        if draft is None or draft.step not in TEXT_STEPS:
            return
        try:
            line = self.query_one("#line", Input)
        except NoMatches:  # already taken down
            return
        draft.set_text(draft.step, line.value)

    # -- keys -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        draft = self.draft
        if draft is None:
            return True
        week = self.showing_week
        step = draft.step
        if action == "answer":
            return not week and draft.accepts(str(parameters[0]))
        if action == "next":
            return not week and step not in (*TEXT_STEPS, "summary") and draft.accepts("enter")
        if action == "save":
            return not week and step == "summary"
        if action in ("done",):
            return week
        if action == "back":
            return week or (step not in TEXT_STEPS and draft.number > 1)
        if action == "field_back":
            return not week and step in TEXT_STEPS
        if action == "edit":
            return not week and step == "summary" and draft.saved
        if action == "undo":
            return week and self.last_change is not None
        return True

    def action_answer(self, key: str) -> None:
        assert self.draft is not None
        if self.draft.press(key):
            self.show()

    def action_next(self) -> None:
        self.action_answer("enter")

    def action_back(self) -> None:
        assert self.draft is not None
        if self.showing_week:
            self.showing_week = False
        else:
            self.read_line()
            self.draft.back()
        self.show()

    def action_scroll_main(self, lines: int) -> None:
        self.query_one("#review-main", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_field_back(self) -> None:
        self.action_back()

    def action_edit(self) -> None:
        assert self.draft is not None
        self.draft.restart()
        self.show()

    @on(Input.Submitted, "#line")
    def line_done(self, event: Input.Submitted) -> None:
        draft = self.draft
        assert draft is not None
        if draft.step in TEXT_STEPS:
            draft.set_text(draft.step, event.value)
            draft.advance()
            self.show()
        elif draft.step == "summary" and not self.showing_week:
            # Enters typed faster than the screen moved on reach the line; the last one means "save".
            self.action_save()

    def action_day(self, delta: int) -> None:
        assert self.draft is not None
        day = self.draft.day.fromordinal(self.draft.day.toordinal() + delta)
        if day > self.today():
            self.notify(self.words["not_future"], timeout=3)
            return
        self.keep_draft()
        self.last_change = None
        self.open_day(day)

    def action_save(self) -> None:
        draft = self.draft
        assert draft is not None
        app = self.app
        settings = app.settings
        review = draft.to_review()
        changes: list[Change] = []

        def write() -> None:
            changes.append(
                reviews.save_review_undoable(
                    app.store,
                    review,
                    now=app.clock.now(),
                    day_starts_at=settings.day_starts_at,
                    tz=app.clock.tz,
                )
            )

        if app.save(write):
            self.last_change = changes[0]
            draft.saved = True
            draft.touched = False
            self.drafts().pop(draft.day, None)
            self.logged = reviews.unlinked_contacts_on(
                app.store, draft.day, settings.day_starts_at, app.clock.tz
            )
            self.showing_week = True
            self.show()

    def action_done(self) -> None:
        self.app.action_go("home")

    def action_undo(self) -> None:
        """Take back the save just made: the journal as it was before (an earlier review of
        this day, or none, and the contact log with it); the answers stay to change."""
        change, draft = self.last_change, self.draft
        if change is None or draft is None:
            return
        app = self.app
        if not app.save(lambda: take_back(app.store, change)):
            return
        self.last_change = None
        draft.saved = any(s.table == reviews.TABLE and s.before for s in change.snapshots)
        draft.touched = True
        draft.step = "summary"
        settings = app.settings
        self.logged = reviews.unlinked_contacts_on(
            app.store, draft.day, settings.day_starts_at, app.clock.tz
        )
        self.showing_week = False
        self.notify(message("undone_save"))
        self.show()

    # -- drawing --------------------------------------------------------------------------

    def when(self) -> str:
        assert self.draft is not None
        return self.words["when_today" if self.draft.day == self.today() else "when_past"]

    def show(self) -> None:
        draft = self.draft
        assert draft is not None
        words = self.words
        label = draft.day.strftime(
            "%a %d %b" if draft.day.year == self.today().year else "%a %d %b %Y"
        )
        key = "day_today" if draft.day == self.today() else "day_past"
        self.query_one("#review-day", Static).update(words[key].format(date=label))
        step = draft.step
        position = ""
        if not self.showing_week and step != "summary":
            position = words["question_of"].format(number=draft.number, total=draft.questions)
        self.query_one("#review-position", Static).update(position)

        question, choices, hint = self.describe()
        for name, content in (("question", question), ("choices", choices), ("hint", hint)):
            widget = self.query_one(f"#{name}", Static)
            widget.update(content)
            widget.display = bool(content)
        line = self.query_one("#line", Input)
        typing = step in TEXT_STEPS and not self.showing_week
        line.display = typing
        self.query_one("#week").display = self.showing_week
        if typing:
            line.value = getattr(draft, step)
            line.cursor_position = len(line.value)
            # At once, not on the next idle as .focus() does: keys typed fast after enter belong here.
            self.set_focus(line)
        else:
            self.set_focus(None)
        if self.showing_week:
            self.show_week()
        self.query_one("#review-main", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def describe(self) -> tuple[str, Text | Table | str, str]:
        """The question, its choices and a hint for the current step."""
        draft = self.draft
        assert draft is not None
        words = self.words
        when = self.when()
        step = draft.step
        if self.showing_week:
            return words["saved"], "", ""
        keep = words["hint_keep"] if draft.current() is not None else ""
        if step == "contact":
            chosen = {True: "y", False: "n"}.get(draft.contact)  # type: ignore[arg-type]
            choices = _options([("y", words["yes"]), ("n", words["no"])], chosen)
            hint = words["hint_contact"]
            if self.logged:
                items = ", ".join(
                    f"{c.at.astimezone(self.app.clock.tz).strftime('%H:%M')} {reviews.kind_label(c.kind)}"
                    for c in self.logged
                )
                hint = words["hint_logged"].format(items=items)
            return words["contact"].format(when=when), choices, f"{hint} {keep}".strip()
        if step == "kind":
            text = Text()
            for index, kind in enumerate(CONTACT_KINDS, start=1):
                if index > 1:
                    text.append("\n")
                style = CHOSEN if kind == draft.contact_kind else ""
                text.append(f" {index} ", style=f"bold {style}".strip())
                text.append(f" {reviews.kind_label(kind)}", style=style)
            return words["contact_kind"], text, keep
        if step in ("felt", "mood"):
            labels = reviews.felt_labels() if step == "felt" else words["mood_labels"]
            value = draft.felt_after if step == "felt" else draft.mood
            pairs = [(str(i), label) for i, label in enumerate(labels, start=1)]
            question = words["contact_felt"] if step == "felt" else words["mood"].format(when=when)
            # The feeling scale's labels are longer than the moods: one a line, as on the
            # contact form, so none of them breaks across two lines at 80 columns.
            separator = "\n" if step == "felt" else "  "
            chosen = None if value is None else str(value)
            return question, _options(pairs, chosen, separator), keep
        if step == "urge":
            value = draft.strongest_urge
            chosen = None if value is None else ("t" if value == 10 else str(value))
            pairs = [(str(i), "") for i in range(10)] + [("t", "")]
            hint = words["hint_urge_scale"]
            if draft.urge_prefilled and value is not None:
                hint = words["hint_urge_prefill"].format(value=value)
            elif keep:
                hint = f"{hint} {keep}"
            return words["urge"].format(when=when), _options(pairs, chosen, ""), hint
        if step == "helped":
            text = Text()
            for index, (skill, label) in enumerate(reviews.skills(), start=1):
                if index > 1:
                    text.append("\n")
                on_ = skill in draft.helped
                text.append(f" {index} ", style="bold")
                text.append(" ✓ " if on_ else " · ", style="bold" if on_ else "dim")
                text.append(label, style="bold" if on_ else "")
            hint = words["hint_helped_prefill"] if draft.helped_prefilled else ""
            return words["helped"].format(when=when), text, hint
        if step in TEXT_STEPS:
            return words[step].format(when=when), "", words["hint_text"]
        hint = words["hint_summary_saved" if draft.saved else "hint_summary"]
        return words["summary"], self.summary_table(), hint

    def summary_table(self) -> Table:
        assert self.draft is not None
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for label, value in reviews.summary_rows(self.draft):
            table.add_row(label, Text(value))
        if self.draft.contact is False and self.logged:
            table.add_row("", Text(self.words["unlinked_left"], style="italic"))
        return table

    def show_week(self) -> None:
        draft = self.draft
        assert draft is not None
        words = self.words
        app = self.app
        week = reviews.week_summary(app.store, draft.day, app.settings.day_starts_at, app.clock.tz)
        names = words["weekday_short"]
        self.query_one("#week-days", Static).update(
            Text(words["week_title"], style="bold")
            + Text("\n")
            + Text(" " * 7 + " ".join(names[d.weekday()] for d in week.days), style="dim")
        )
        self.query_one("#week-mood-label", Static).update(words["week_mood"])
        self.query_one("#week-urge-label", Static).update(words["week_urge"])
        self.query_one("#week-mood", DaySparkline).values = week.mood
        self.query_one("#week-urge", DaySparkline).values = week.urge
        self.query_one("#week-helped", Static).update(Text(reviews.helped_sentence(week)))
        self.query_one("#week-reviewed", Static).update(
            words["week_reviewed"].format(count=week.reviewed) + "\n" + words["week_done"]
        )
