"""The insights in words (content/insights.toml), for the screen and for `nocontact insights`.

Every sentence reads its direction from the whole numbers it shows, so it can never
say "milder: 5 then, 6 lately". With the count hidden, no sentence says how many days
the log covers.
"""

from __future__ import annotations

from typing import Any

from nocontact_tui.domain.contact_form import felt_labels, kind_label
from nocontact_tui.domain.insights import (
    ALL_KINDS,
    SURFING,
    ContactFigure,
    HelpFigure,
    Insights,
    Period,
    RereadFigures,
    Side,
    Trend,
    WhenFigures,
)
from nocontact_tui.texts import line, load

BARS = "▁▂▃▄▅▆▇█"
GAP = "·"


def table() -> dict[str, Any]:
    return load("insights")


def bar(value: float | None, high: float, low: float = 0.0) -> str:
    """One block character for `value` on low..high; a dot for no value, a space for zero."""
    if value is None:
        return GAP
    if value <= low or high <= low:
        return " " if value <= low else BARS[-1]
    share = (min(value, high) - low) / (high - low)
    return BARS[max(1, round(share * (len(BARS) - 1)))]


def mood_text(mood: int | None) -> str:
    if mood is None:
        return line("insights", "none")
    labels: list[str] = load("review")["mood_labels"]
    return f"{mood} {labels[mood - 1]}" if 1 <= mood <= len(labels) else str(mood)


def number_text(value: int | None) -> str:
    return line("insights", "none") if value is None else str(value)


# -- is it getting easier? ------------------------------------------------------------


def period_title(period: Period, first: bool) -> str:
    if period.weeks == 4:
        return line("insights", "easier", "first_month" if first else "latest_month")
    return line("insights", "easier", "first_weeks" if first else "latest_weeks", n=period.weeks)


def compare_rows(first: Period, latest: Period) -> list[tuple[str, str, str]]:
    """(row label, first, latest): the two periods side by side."""
    return [
        ("", period_title(first, True), period_title(latest, False)),
        (line("insights", "easier", "row_urges"), str(first.urges), str(latest.urges)),
        (line("insights", "easier", "row_per_week"), str(first.per_week), str(latest.per_week)),
        (
            line("insights", "easier", "row_typical"),
            number_text(first.typical),
            number_text(latest.typical),
        ),
    ]


def period_line(period: Period, first: bool) -> str:
    """One period in a sentence, for a narrow screen and the shell."""
    title = period_title(period, first)
    head = line(
        "insights", "easier", "period", title=title, count=period.urges, per_week=period.per_week
    )
    if period.typical is None:
        return line("insights", "easier", "period_untyped", line=head)
    return line("insights", "easier", "period_typical", line=head, typical=period.typical)


def compare_lines(first: Period, latest: Period) -> list[str]:
    """Which way it went, read from the whole numbers in the rows."""
    if latest.per_week < first.per_week:
        often = line("insights", "easier", "fewer")
    elif latest.per_week > first.per_week:
        often = line("insights", "easier", "more")
    else:
        often = line("insights", "easier", "as_many")
    lines = [often]
    if first.typical is None or latest.typical is None:
        lines.append(line("insights", "easier", "strength_soon"))
    elif latest.typical < first.typical:
        lines.append(
            line("insights", "easier", "milder", first=first.typical, latest=latest.typical)
        )
    elif latest.typical > first.typical:
        lines.append(
            line("insights", "easier", "stronger", first=first.typical, latest=latest.typical)
        )
    else:
        lines.append(line("insights", "easier", "as_strong", first=first.typical))
    return lines


def chart_waiting(trend: Trend, hide_count: bool) -> str | None:
    """What the weekly chart waits for, or None once it is drawn."""
    if trend.weeks:
        return None
    if hide_count:
        return line("insights", "easier", "chart_soon_hidden")
    days = trend.days_to_chart
    return line("insights", "easier", "chart_soon", days=days, count=days)


def compare_waiting(trend: Trend, hide_count: bool) -> str | None:
    if trend.first is not None:
        return None
    if hide_count:
        return line("insights", "easier", "compare_soon_hidden")
    days = trend.days_to_compare
    return line("insights", "easier", "compare_soon", days=days, count=days)


def chart_caption(weeks: int) -> str:
    return line("insights", "easier", "chart", weeks=weeks, count=weeks)


# -- when does it hit? ----------------------------------------------------------------


def hardest_line(figures: WhenFigures) -> str:
    if figures.total == 0:
        return line("insights", "when", "no_urges")
    left = figures.urges_to_go
    if left:
        return line("insights", "when", "soon", left=left, count=left)
    if figures.hardest is None:
        return line("insights", "when", "spread")
    weekday, slot = figures.hardest
    w = table()["when"]
    return line(
        "insights",
        "when",
        "hardest",
        weekday=w["weekdays"][weekday],
        slot=w["slot_phrases"][slot],
        urges=figures.grid[weekday][slot],
        total=figures.total,
    )


def grid_lines(figures: WhenFigures) -> list[str]:
    """The grid as text: a row per weekday, a column per time of day, the count in each."""
    w = table()["when"]
    top = max(max(row) for row in figures.grid) or 1
    width = max(len(name) for name in w["slot_hours"]) + 2
    lines = ["   " + "".join(f"{hours:>{width}}" for hours in w["slot_hours"])]
    for name, row in zip(w["weekday_short"], figures.grid, strict=True):
        cells = "".join(f"{bar(n, top) + ' ' + str(n) if n else '·':>{width}}" for n in row)
        lines.append(f"{name} {cells}")
    return lines


# -- what helps? ----------------------------------------------------------------------


def help_label(figure: HelpFigure) -> str:
    return line("insights", "helps", "surfing") if figure.id == SURFING else figure.label


def side_line(side: Side, with_it: bool) -> str:
    head = (
        line("insights", "helps", "with_it", days=side.days, count=side.days)
        if with_it
        else line("insights", "helps", "without", days=side.days, count=side.days)
    )
    return f"{head}: " + line(
        "insights", "helps", "values", urge=number_text(side.urge), mood=mood_text(side.mood)
    )


def help_lines(figure: HelpFigure) -> list[str]:
    """Two lines when there is enough to set the two sides side by side; else what is missing."""
    if figure.enough:
        return [side_line(figure.with_it, True), side_line(figure.without, False)]
    lines = []
    if more := figure.with_it.days_to_go:
        lines.append(line("insights", "helps", "more_with", days=more, count=more))
    if more := figure.without.days_to_go:
        lines.append(line("insights", "helps", "more_without", days=more, count=more))
    return lines


# -- traps and contact ----------------------------------------------------------------


def outcome_text(outcomes: dict[str, int]) -> str:
    labels = table()["traps"]["outcomes"]
    return " · ".join(f"{labels[key]} {n}" for key, n in outcomes.items() if n)


def traps_fewer_line(fewer: int) -> str:
    return line("insights", "traps", "fewer", count=fewer)


def contact_line(figure: ContactFigure) -> str:
    label = (
        line("insights", "contact", "all") if figure.kind == ALL_KINDS else kind_label(figure.kind)
    )
    head = line("insights", "contact", "kind", label=label, logged=figure.logged)
    if figure.typical is not None:
        felt = figure.typical
        return f"{head}; " + line(
            "insights", "contact", "typical", felt=felt, label=felt_labels()[felt - 1]
        )
    more = figure.felt_to_go
    return f"{head}; " + line("insights", "contact", "soon", count=more)


# -- letters re-read --------------------------------------------------------------------


def reread_lines(figures: RereadFigures) -> list[str]:
    if not figures.enough:
        more = figures.to_go
        return [line("insights", "letters", "soon", count=more)]
    key = "summary_single" if figures.letters == 1 else "summary"
    lines = [line("insights", "letters", key, rereads=len(figures.reads), letters=figures.letters)]
    lines.append("  " + "".join(bar(r.reads, 5, 0) for r in figures.reads))
    lines.append(line("insights", "letters", "typical", reads=figures.typical))
    if figures.earlier is not None and figures.later is not None:
        lines.append(
            line("insights", "letters", "halves", earlier=figures.earlier, later=figures.later)
        )
    return lines


# -- the whole report, as the shell prints it -----------------------------------------


def report_lines(insights: Insights, hide_count: bool = False, weeks: int = 60) -> list[str]:
    """Every section as lines of text: `nocontact insights` prints these; the chart holds
    the latest `weeks` weeks, so a long journal's line still fits a wide terminal."""
    if not (insights.urges or insights.reviews or insights.contacts):
        return [line("insights", "title"), "", line("insights", "empty")]
    out = [line("insights", "title"), line("insights", "intro"), ""]

    trend = insights.trend
    out.append(line("insights", "easier", "heading"))
    if not insights.urges:
        out.append(line("insights", "easier", "no_urges"))
    elif waiting := chart_waiting(trend, hide_count):
        out.append(waiting)
    else:
        shown = trend.weeks[-weeks:]
        top = max(w.urges for w in shown) or 1
        out.append(chart_caption(len(shown)))
        out.append(
            f"  {line('insights', 'easier', 'count_row'):<9}"
            + "".join(bar(w.urges, top) for w in shown)
        )
        out.append(
            f"  {line('insights', 'easier', 'strength_row'):<9}"
            + "".join(bar(w.typical, 10) for w in shown)
        )
        out.append(line("insights", "easier", "strength_note"))
    if insights.urges:
        if waiting := compare_waiting(trend, hide_count):
            out.append(waiting)
        elif trend.first is not None and trend.latest is not None:
            out.append("  " + period_line(trend.first, True))
            out.append("  " + period_line(trend.latest, False))
            out.extend(compare_lines(trend.first, trend.latest))
    out.append("")

    out.append(line("insights", "when", "heading"))
    if insights.when.total:
        out.append(line("insights", "when", "grid_note"))
        out.extend("  " + row for row in grid_lines(insights.when))
    out.append(hardest_line(insights.when))
    out.append("")

    out.append(line("insights", "helps", "heading"))
    if not insights.helps:
        out.append(line("insights", "helps", "no_reviews"))
    else:
        out.append(line("insights", "helps", "intro"))
        for figure in insights.helps:
            out.append(f"  {help_label(figure)}")
            out.extend(f"    {text}" for text in help_lines(figure))
        if any(f.id == SURFING and f.enough for f in insights.helps):
            out.append(line("insights", "helps", "surfing_note"))
    out.append("")

    out.append(line("insights", "traps", "heading"))
    if not insights.traps:
        out.append(line("insights", "traps", "none"))
    for trap in insights.traps:
        out.append(f"  {line('insights', 'traps', 'trap', trap=trap.name, urges=trap.urges)}")
        out.append(f"    {outcome_text(trap.outcomes)}")
    if insights.traps and insights.traps_fewer:
        out.append(traps_fewer_line(insights.traps_fewer))
    out.append("")

    out.append(line("insights", "contact", "heading"))
    if not insights.contacts:
        out.append(line("insights", "contact", "none"))
    else:
        out.append(line("insights", "contact", "scale"))
        out.extend(f"  {contact_line(figure)}" for figure in insights.contacts)

    if insights.rereads is not None:
        out.append("")
        out.append(line("insights", "letters", "heading"))
        out.extend(reread_lines(insights.rereads))
    return out
