"""The daily review: one question at a time, each answered with one key, then the week.

The questions, their order and what each key means live in `reviews.Draft`; this
screen shows the current question and hands keys to it. Each question is its own
widget (`questions.py`), and so is the week (`week.py`), each with its CSS beside
it; a ContentSwitcher shows one, and each is mounted the first time the review
reaches it. Half-answered reviews are kept in app state per day
(`app.review_drafts`), so leaving with another key and coming back with `d`
picks up where the user was.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date

from nocontact_tui.screens.base import AppScreen
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input, Static

from nocontact_tui.domain import reviews
from nocontact_tui.domain.contacts import Contact
from nocontact_tui.domain.days import day_of
from nocontact_tui.domain.reviews import TEXT_STEPS, Draft
from nocontact_tui.domain.undo import Change, take_back
from nocontact_tui.texts import line
from nocontact_tui.widgets.footer import KeysFooter

from .questions import Asked, Question, make_question, question_id
from .week import Week

FLUSHER_KEY = "review"
WEEK_ID = "week-panel"


class ReviewScreen(AppScreen[None]):
    CSS_PATH = ["review.tcss", "questions.tcss", "week.tcss"]
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
        self.mounting = asyncio.Lock()  # a key and a submitted line never mount one twice

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="review-body"):
            with Horizontal(id="review-head"):
                yield Static("", id="review-day")
                yield Static("", id="review-position", classes="muted")
            with VerticalScroll(id="review-main"):
                yield ContentSwitcher(id="review-questions")
        yield KeysFooter()

    async def shown(self, content_id: str, make: Callable[[], Widget]) -> Widget:
        """Show the question (or the week) called `content_id`, mounting it the first time."""
        switcher = self.query_one(ContentSwitcher)
        async with self.mounting:
            if not switcher.query_children(f"#{content_id}"):
                await switcher.add_content(make(), id=content_id)
        switcher.current = content_id
        return switcher.get_child_by_id(content_id)

    async def on_mount(self) -> None:
        self.app.register_flusher(FLUSHER_KEY, self.flush)
        await self.open_day(self.today())

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
            for text_line in self.query("#line").results(Input):
                draft.set_text(draft.step, text_line.value)
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
        self.forget_draft(draft.day)

    # -- state ----------------------------------------------------------------------------

    @property
    def words(self) -> dict:
        return reviews.words()

    def today(self) -> date:
        clock = self.app.clock
        return day_of(clock.now(), self.app.settings.day_starts_at, clock.tz)

    def keep_draft(self) -> None:
        """Remember a half-answered review for this session (nothing is written to disk)."""
        draft = self.draft
        if draft is None:
            return
        self.read_line()
        if draft.touched:
            self.app.review_drafts[draft.day.isoformat()] = draft

    def forget_draft(self, day: date) -> Draft | None:
        """The review of `day` begun and left unsaved in this session, taken out of app state."""
        kept = self.app.review_drafts.pop(day.isoformat(), None)
        return kept if isinstance(kept, Draft) else None

    async def open_day(self, day: date) -> None:
        settings = self.app.settings
        store = self.app.store
        tz = self.app.clock.tz
        self.draft = self.forget_draft(day) or reviews.start_draft(
            store, day, settings.day_starts_at, tz
        )
        self.logged = reviews.unlinked_contacts_on(store, day, settings.day_starts_at, tz)
        self.showing_week = False
        await self.show()

    def read_line(self) -> None:
        """Take what is typed into the current optional line into the draft."""
        draft = self.draft
        if draft is None or draft.step not in TEXT_STEPS:
            return
        try:
            text_line = self.query_one("#line", Input)
        except NoMatches:  # already taken down
            return
        draft.set_text(draft.step, text_line.value)

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

    async def action_answer(self, key: str) -> None:
        assert self.draft is not None
        if self.draft.press(key):
            await self.show()

    async def action_next(self) -> None:
        await self.action_answer("enter")

    async def action_back(self) -> None:
        assert self.draft is not None
        if self.showing_week:
            self.showing_week = False
        else:
            self.read_line()
            self.draft.back()
        await self.show()

    def action_scroll_main(self, lines: int) -> None:
        self.query_one("#review-main", VerticalScroll).scroll_relative(y=lines, animate=False)

    async def action_field_back(self) -> None:
        await self.action_back()

    async def action_edit(self) -> None:
        assert self.draft is not None
        self.draft.restart()
        await self.show()

    @on(Input.Submitted, "#line")
    async def line_done(self, event: Input.Submitted) -> None:
        draft = self.draft
        assert draft is not None
        if draft.step in TEXT_STEPS:
            draft.set_text(draft.step, event.value)
            draft.advance()
            await self.show()
        elif draft.step == "summary" and not self.showing_week:
            # Enters typed faster than the screen moved on reach the line; the last one means "save".
            await self.action_save()

    async def action_day(self, delta: int) -> None:
        assert self.draft is not None
        day = self.draft.day.fromordinal(self.draft.day.toordinal() + delta)
        if day > self.today():
            self.notify(line("review", "not_future"), timeout=3)
            return
        self.keep_draft()
        self.last_change = None
        await self.open_day(day)

    async def action_save(self) -> None:
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
            self.forget_draft(draft.day)
            self.logged = reviews.unlinked_contacts_on(
                app.store, draft.day, settings.day_starts_at, app.clock.tz
            )
            self.showing_week = True
            await self.show()

    def action_done(self) -> None:
        self.app.action_go("home")

    async def action_undo(self) -> None:
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
        self.notify(line("messages", "undone_save"))
        await self.show()

    # -- drawing --------------------------------------------------------------------------

    def when(self) -> str:
        assert self.draft is not None
        return line("review", "when_today" if self.draft.day == self.today() else "when_past")

    async def show(self) -> None:
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
            position = line("review", "question_of", number=draft.number, total=draft.questions)
        self.query_one("#review-position", Static).update(position)

        app = self.app
        if self.showing_week:
            week = await self.shown(WEEK_ID, Week)
            assert isinstance(week, Week)
            week.show(app.store, draft.day, app.settings.day_starts_at, app.clock.tz)
            self.set_focus(None)
        else:
            question = await self.shown(question_id(step), lambda: make_question(step))
            assert isinstance(question, Question)
            question.show(Asked(draft, self.when(), self.logged, app.clock.tz))
            if step in TEXT_STEPS:
                text_line = question.query_one("#line", Input)
                text_line.value = getattr(draft, step)
                text_line.cursor_position = len(text_line.value)
                # At once, not on the next idle as .focus() does: keys typed fast after
                # enter belong here.
                self.set_focus(text_line)
            else:
                self.set_focus(None)
        self.query_one("#review-main", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()
