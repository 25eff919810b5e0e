"""Home: the streak in large digits, today's review, one of the user's own reasons."""

from __future__ import annotations

from nocontact_tui.screens.base import AppScreen
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import Digits, Static

from nocontact_tui.domain.letters import ready_letters
from nocontact_tui.domain.milestone_moment import mark_shown, milestone_due, shown
from nocontact_tui.domain.reasons import list_reasons, pick_reason
from nocontact_tui.domain.status import Status
from nocontact_tui.domain.streak import Milestone, load_milestones, zero_day_line
from nocontact_tui.texts import line
from nocontact_tui.widgets.footer import KeysFooter


class HomeScreen(AppScreen[None]):
    CSS_PATH = "home.tcss"
    # Shown only while the two first-run questions wait (check_action): "Later" is never for ever.
    BINDINGS = [
        Binding("b", "begin", "Begin"),
        # Insights: in the help page and the palette; the footer keeps its room for the way around.
        Binding("i", "insights", "Insights", show=False),
        # People to reach instead: in the palette and the help page, kept off Home's footer.
        Binding("p", "app.go('people')", "People", show=False),
        # Shown only while a sealed letter's day to be read again has come.
        Binding("e", "reread", "Read again"),
    ]
    # Under 18 rows a moment or a ready letter takes the place of the reason (home.tcss).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (18, "-tall")]
    _reason_shown: int | None = None  # the reason on screen now, so the next one differs
    _may_begin = False  # not set up yet, and the journal can be written
    _ready: int | None = None  # the sealed letter ready to be read again first, if any
    # The milestone moment on screen: it stays while Home is shown, and is gone next time.
    _milestone: Milestone | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="home-body"):
            with Center():
                yield Digits("", id="streak-digits")
            yield Static("", id="streak-label")
            yield Static("", id="streak-hours", classes="muted")
            yield Static("", id="milestone", markup=False)
            yield Static(line("settings", "home", "begin"), id="begin")
            yield Static("", id="review-state")
            yield Static("", id="reason")
            yield Static("", id="later", classes="muted")
        yield KeysFooter()

    def on_screen_resume(self) -> None:
        if self.app.screen is not self:
            return  # pushed under another screen at start: read the journal when shown
        self.refresh_view()
        app = self.app
        if self._may_begin and not app.first_run_offered:
            app.first_run_offered = True
            self.action_begin()

    def on_screen_suspend(self) -> None:
        self._milestone = None  # shown once: the next visit to Home is without it

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "begin":
            return self._may_begin
        if action == "reread":
            return self._ready is not None
        return True

    def action_reread(self) -> None:
        """The letters list, on the letter that is ready; it asks how it reads after."""
        if self._ready is None:
            return
        self.app.go("letters", open_letter=self._ready)

    def action_insights(self) -> None:
        self.app.go("insights")

    def action_begin(self) -> None:
        """The same two questions as the first run, whenever the person is ready."""
        from nocontact_tui.screens.first_run import FirstRunScreen

        self.app.push_screen(FirstRunScreen(), lambda _: self.refresh_view())

    def refresh_view(self) -> None:
        status = self.app.status()
        may_begin = self.app.store.writable and not status.settings.set_up
        self.query_one("#begin", Static).display = may_begin
        if may_begin != self._may_begin:
            self._may_begin = may_begin
            self.refresh_bindings()
        streak = status.streak
        digits = self.query_one("#streak-digits", Digits)
        label = self.query_one("#streak-label", Static)
        hours = self.query_one("#streak-hours", Static)
        if status.settings.hide_count:
            digits.display = False
            label.update(line("messages", "home_hidden"))
            hours.update("")
        elif not streak.started:
            digits.display = False
            label.update(line("messages", "home_not_started"))
            hours.update("")
        else:
            digits.display = True
            digits.update(str(streak.current))
            label.update(line("messages", "home_day" if streak.current == 1 else "home_days"))
            app = self.app
            hours.update(
                zero_day_line(streak, app.clock.now(), status.settings.day_starts_at, app.clock.tz)
            )
        hours.set_class(not str(hours.render()).strip(), "-blank")
        self.show_milestone(status)
        self.show_ready_letters(status)
        self.query_one("#review-state", Static).update(
            line("messages", "home_review_done" if status.review_done else "home_review_open")
        )
        # The user's own words are shown as typed (never read as markup), and the one shown
        # last is not shown again straight away.
        reason = pick_reason(
            list_reasons(self.app.store), self.app.next_reason_turn(), self._reason_shown
        )
        self._reason_shown = reason.id if reason else None
        self.query_one("#reason", Static).update(
            Text(f"“{reason.text}”") if reason else line("messages", "home_no_reasons")
        )

    def show_milestone(self, status: Status) -> None:
        """A milestone just reached, once, quietly; never while the count is hidden."""
        store, streak = self.app.store, status.streak
        if self._milestone is None and store.writable:
            due = milestone_due(
                streak, load_milestones(), shown(store.meta), status.settings.hide_count
            )
            if due is not None and self.app.save(lambda: mark_shown(store, streak, due)):
                self._milestone = due
        moment = self._milestone if not status.settings.hide_count else None
        self.query_one("#milestone", Static).update(
            f"{moment.title}. {moment.line}" if moment else ""
        )
        self.set_class(moment is not None, "-milestone")

    def show_ready_letters(self, status: Status) -> None:
        """One quiet line while a sealed letter's day to be read again has come."""
        app = self.app
        ready = ready_letters(app.store, status.today, status.settings.day_starts_at, app.clock.tz)
        first = ready[0].id if ready else None
        if first != self._ready:
            self._ready = first
            self.refresh_bindings()
        later = self.query_one("#later", Static)
        count = len(ready)
        later.update(line("letters", "later", "home_ready", count=count))
        self.set_class(bool(ready), "-later")
