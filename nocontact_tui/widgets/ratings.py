"""A small plot of 0..10 ratings against time, as eighth blocks (the urge screen; the streak view may reuse it)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from nocontact_tui.widgets.wave import block_rows

Point = tuple[float, int]


def step_levels(
    points: Sequence[Point], span: float, until: float, columns: int
) -> list[float | None]:
    """For each column, the latest rating at or before its moment, 0..1; None where time has not come.

    `span` is the time the plot's width stands for; `until` is how far the line goes.
    """
    if columns <= 0 or not points:
        return [None] * max(0, columns)
    ordered = sorted(
        points, key=lambda point: point[0]
    )  # stable: same second, the later answer wins
    span = max(span, until, ordered[-1][0], 1.0)
    until = max(until, ordered[-1][0])
    levels: list[float | None] = []
    for column in range(columns):
        if column * span / columns > until:
            levels.append(None)
            continue
        moment = (column + 1) * span / columns  # a column shows where its stretch of time ends
        known = [value for seconds, value in ordered if seconds <= moment]
        levels.append((known[-1] if known else ordered[0][1]) / 10)
    return levels


class RatingsLine(Widget):
    """Ratings as a stepped line; the plot is 0 at the bottom and 10 at the top."""

    DEFAULT_CSS = """
    RatingsLine {
        height: 2;
    }
    """
    COMPONENT_CLASSES = {"ratings--line"}

    points: reactive[tuple[Point, ...]] = reactive(())
    span: reactive[float] = reactive(600.0)
    until: reactive[float] = reactive(0.0)

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        if width <= 0 or height <= 0 or not self.points:
            return Text()
        levels = step_levels(self.points, self.span, self.until, width)
        heights = [level if level is not None else 0.0 for level in levels]
        rows = block_rows(heights, height)
        # A rating of 0 still deserves a visible mark on the bottom row.
        bottom = list(rows[-1])
        for column, level in enumerate(levels):
            if level is not None and bottom[column] == " ":
                bottom[column] = "▁"
        rows[-1] = "".join(bottom)
        return Text("\n".join(rows), self.get_component_rich_style("ratings--line"), no_wrap=True)
