"""The week after a saved review: mood and urges as two lines of days, and what helped."""

from __future__ import annotations

from datetime import date, tzinfo

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from nocontact_tui.domain import reviews
from nocontact_tui.journal.store import Store
from nocontact_tui.texts import line
from nocontact_tui.widgets.day_sparkline import DaySparkline


class Week(Vertical):
    """Shown once a review is saved; mounted the first time one is."""

    def compose(self) -> ComposeResult:
        yield Static("", id="question")
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

    def show(self, store: Store, day: date, day_starts_at: int, tz: tzinfo | None) -> None:
        words = reviews.words()
        self.query_one("#question", Static).update(line("review", "saved"))
        week = reviews.week_summary(store, day, day_starts_at, tz)
        names = words["weekday_short"]
        self.query_one("#week-days", Static).update(
            Text(line("review", "week_title"), style="bold")
            + Text("\n")
            + Text(" " * 7 + " ".join(names[d.weekday()] for d in week.days), style="dim")
        )
        self.query_one("#week-mood-label", Static).update(line("review", "week_mood"))
        self.query_one("#week-urge-label", Static).update(line("review", "week_urge"))
        self.query_one("#week-mood", DaySparkline).values = week.mood
        self.query_one("#week-urge", DaySparkline).values = week.urge
        self.query_one("#week-helped", Static).update(Text(reviews.helped_sentence(week)))
        self.query_one("#week-reviewed", Static).update(
            line("review", "week_reviewed", count=week.reviewed)
            + "\n"
            + line("review", "week_done")
        )
