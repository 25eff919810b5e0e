"""Home: the streak in large digits, today's review, one of the user's own reasons."""

from __future__ import annotations

from nocontact_tui.screens.base import AppScreen
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import Digits, Static

from nocontact_tui.domain.reasons import list_reasons, pick_reason
from nocontact_tui.domain.streak import zero_day_line
from nocontact_tui.texts import line, message
from nocontact_tui.widgets.footer import KeysFooter


class HomeScreen(AppScreen[None]):
    CSS_PATH = "home.tcss"
    # Shown only while the two first-run questions wait (check_action): "Later" is never for ever.
    BINDINGS = [
        Binding("b", "begin", "Begin"),
        # People to reach instead: in the palette and the help page, kept off Home's footer.
        Binding("p", "app.go('people')", "People", show=False),
    ]
    _reason_shown: int | None = None  # the reason on screen now, so the next one differs
    _may_begin = False  # not set up yet, and the journal can be written

    def compose(self) -> ComposeResult:
        with Vertical(id="home-body"):
            with Center():
                yield Digits("", id="streak-digits")
            yield Static("", id="streak-label")
            yield Static("", id="streak-hours", classes="muted")
            yield Static(line("settings", "home", "begin"), id="begin")
            yield Static("", id="review-state")
            yield Static("", id="reason")
        yield KeysFooter()

    def on_screen_resume(self) -> None:
        if self.app.screen is not self:
            return  # pushed under another screen at start: read the journal when shown
        self.refresh_view()
        app = self.app
        if self._may_begin and not app.first_run_offered:
            app.first_run_offered = True
            self.action_begin()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._may_begin if action == "begin" else True

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
            label.update(message("home_hidden"))
            hours.update("")
        elif not streak.started:
            digits.display = False
            label.update(message("home_not_started"))
            hours.update("")
        else:
            digits.display = True
            digits.update(str(streak.current))
            label.update(message("home_day" if streak.current == 1 else "home_days"))
            app = self.app
            hours.update(
                zero_day_line(streak, app.clock.now(), status.settings.day_starts_at, app.clock.tz)
            )
        self.query_one("#review-state", Static).update(
            message("home_review_done" if status.review_done else "home_review_open")
        )
        # The user's own words are shown as typed (never read as markup), and the one shown
        # last is not shown again straight away.
        reason = pick_reason(
            list_reasons(self.app.store), self.app.next_reason_turn(), self._reason_shown
        )
        self._reason_shown = reason.id if reason else None
        self.query_one("#reason", Static).update(
            Text(f"“{reason.text}”") if reason else message("home_no_reasons")
        )
