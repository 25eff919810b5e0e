"""Insights: what the person's own log shows, section by section, on one scrolling page.

The figures and their words come from `domain/insights.py` and `insights_words.py`
(the same as `nocontact insights` prints); this screen lays them out, draws the weekly
chart and sets the first and latest month side by side. Derived on each visit.
"""

from __future__ import annotations

from nocontact_tui.screens.base import AppScreen
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from nocontact_tui.domain import insights_words as said
from nocontact_tui.domain.days import day_of
from nocontact_tui.domain.insights import SURFING, Insights, Period, insights_for
from nocontact_tui.texts import line
from nocontact_tui.widgets.footer import KeysFooter
from nocontact_tui.widgets.week_bars import WeekBars, chart_lines

SIDE_BY_SIDE = 60  # columns from which the first and latest month sit in a table
SECTIONS = ("easier", "when", "helps", "traps", "contact", "letters")


class InsightsScreen(AppScreen[None]):
    CSS_PATH = "insights.tcss"
    AUTO_FOCUS = "#insights-page"  # the arrow and page keys scroll it

    def __init__(self) -> None:
        super().__init__()
        self.insights: Insights | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="insights-page"):
            yield Static(line("insights", "title"), classes="title")
            yield Static(line("insights", "intro"), id="insights-intro", classes="muted")
            yield Static(line("insights", "empty"), id="insights-empty")
            for section in SECTIONS:
                yield Static(
                    line("insights", section, "heading"), id=f"{section}-heading", classes="section"
                )
                if section == "easier":
                    yield Static("", id="chart-caption")
                    yield WeekBars(
                        (
                            line("insights", "easier", "count_row"),
                            line("insights", "easier", "strength_row"),
                        ),
                        id="week-bars",
                    )
                    yield Static("", id="chart-note", classes="muted")
                    yield Static("", id="compare")
                yield Static("", id=f"{section}-body")
        yield KeysFooter()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def on_resize(self) -> None:
        self.call_after_refresh(self.update_caption)
        if self.insights is not None:
            self.show_trend(self.insights, self.app.settings.hide_count)

    def refresh_view(self) -> None:
        app = self.app
        settings = app.settings
        today = day_of(app.clock.now(), settings.day_starts_at, app.clock.tz)
        insights = insights_for(app.store, today, settings.day_starts_at, app.clock.tz)
        self.insights = insights
        hide = settings.hide_count
        empty = not (insights.urges or insights.reviews or insights.contacts)
        self.query_one("#insights-empty").display = empty
        self.query_one("#insights-intro").display = not empty
        for section in SECTIONS:
            shown = not empty and (section != "letters" or insights.rereads is not None)
            self.query_one(f"#{section}-heading").display = shown
            self.query_one(f"#{section}-body").display = shown
        self.show_trend(insights, hide)
        self.query_one("#when-body", Static).update(self.when_text(insights))
        self.query_one("#helps-body", Static).update(self.helps_text(insights))
        self.query_one("#traps-body", Static).update(self.traps_text(insights))
        self.query_one("#contact-body", Static).update(self.contact_text(insights))
        if insights.rereads is not None:
            self.query_one("#letters-body", Static).update(
                "\n".join(said.reread_lines(insights.rereads))
            )

    # -- is it getting easier? ----------------------------------------------------------

    def show_trend(self, insights: Insights, hide: bool) -> None:
        trend = insights.trend
        empty = not (insights.urges or insights.reviews or insights.contacts)
        weeks = trend.weeks if insights.urges else ()
        bars = self.query_one("#week-bars", WeekBars)
        bars.set_weeks([w.urges for w in weeks], [w.typical for w in weeks])
        for name in ("#week-bars", "#chart-caption", "#chart-note"):
            self.query_one(name).display = bool(weeks) and not empty
        lines: list[str] = []
        if not insights.urges:
            lines.append(line("insights", "easier", "no_urges"))
        elif waiting := said.chart_waiting(trend, hide):
            lines.append(waiting)
        compare = self.query_one("#compare", Static)
        compare.display = False
        if insights.urges:
            if waiting := said.compare_waiting(trend, hide):
                lines.append(waiting)
            elif trend.first is not None and trend.latest is not None:
                compare.display = not empty
                compare.update(self.compare_view(trend.first, trend.latest))
                lines.extend(said.compare_lines(trend.first, trend.latest))
        self.query_one("#chart-note", Static).update(line("insights", "easier", "strength_note"))
        self.query_one("#easier-body", Static).update("\n".join(lines))
        self.update_caption()

    def update_caption(self) -> None:
        """How many weeks the chart shows, which depends on its width."""
        bars = self.query_one("#week-bars", WeekBars)
        if not bars.counts:
            return
        _, shown = chart_lines(bars.counts, bars.strengths, bars.size.width or 40, 1, bars.labels)
        self.query_one("#chart-caption", Static).update(said.chart_caption(shown))

    def compare_view(self, first: Period, latest: Period) -> Table | str:
        """Side by side in a table; on a narrow screen, a sentence for each."""
        if self.app.size.width < SIDE_BY_SIDE:
            return f"{said.period_line(first, True)}\n{said.period_line(latest, False)}"
        rows = said.compare_rows(first, latest)
        table = Table.grid(padding=(0, 2))
        table.add_column(ratio=1, overflow="fold")
        table.add_column(justify="right", no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        header, *body = rows
        table.add_row("", Text(header[1], style="bold"), Text(header[2], style="bold"))
        for label, then, lately in body:
            table.add_row(label, then, lately)
        return table

    # -- the other sections ---------------------------------------------------------------

    def when_text(self, insights: Insights) -> Text:
        figures = insights.when
        text = Text()
        if figures.total:
            text.append(line("insights", "when", "grid_note") + "\n", style="dim")
            for row in said.grid_lines(figures):
                text.append(row + "\n")
        text.append(said.hardest_line(figures), style="bold" if figures.hardest else "")
        return text

    def helps_text(self, insights: Insights) -> Text:
        if not insights.helps:
            return Text(line("insights", "helps", "no_reviews"))
        text = Text(line("insights", "helps", "intro") + "\n")
        for figure in insights.helps:
            text.append(said.help_label(figure) + "\n", style="bold")
            for entry in said.help_lines(figure):
                text.append(f"  {entry}\n", style="" if figure.enough else "dim")
        if any(f.id == SURFING and f.enough for f in insights.helps):
            text.append(line("insights", "helps", "surfing_note"), style="italic")
        return text

    def traps_text(self, insights: Insights) -> Text:
        if not insights.traps:
            return Text(line("insights", "traps", "none"))
        text = Text()
        for trap in insights.traps:
            text.append(
                line("insights", "traps", "trap", trap=trap.name, urges=trap.urges) + "\n",
                style="bold",
            )
            text.append(f"  {said.outcome_text(trap.outcomes)}\n")
        if insights.traps_fewer:
            fewer = insights.traps_fewer
            text.append(said.traps_fewer_line(fewer), style="dim")
        return text

    def contact_text(self, insights: Insights) -> Text:
        if not insights.contacts:
            return Text(line("insights", "contact", "none"))
        text = Text(line("insights", "contact", "scale") + "\n", style="dim")
        for figure in insights.contacts:
            text.append(said.contact_line(figure) + "\n")
        return text
