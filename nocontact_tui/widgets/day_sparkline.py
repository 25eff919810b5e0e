"""A one-line sparkline with one cell per day, on a fixed scale, with gaps for days without data.

Textual's own `Sparkline` scales between the smallest and largest value it is
given and has no notion of a missing value: a week of moods 4, 4, 5 would draw
as two empty bars and one full one, and a day without a review could not be
told apart from a low one. Here the scale is fixed (mood 1-5, urge 0-10), so a
bar always means the same number, and a missing day shows as a dot.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

BARS = "▁▂▃▄▅▆▇█"
GAP = "·"


def bar_for(value: float, low: float, high: float) -> str:
    """The bar character for `value` on the scale low..high (clamped)."""
    share = 0.0 if high <= low else (min(max(value, low), high) - low) / (high - low)
    return BARS[round(share * (len(BARS) - 1))]


def day_cells(values: Sequence[float | None], low: float, high: float, width: int = 2) -> list[str]:
    return [(GAP if v is None else bar_for(v, low, high)) * width for v in values]


class DaySparkline(Widget):
    """`values` (None for a day without data) drawn as bars `cell_width` wide, one space apart."""

    DEFAULT_CSS = """
    DaySparkline {
        height: 1;
        width: auto;
        color: $text-primary;
    }
    DaySparkline > .day-sparkline--gap {
        color: $text-muted;
    }
    """
    COMPONENT_CLASSES = {"day-sparkline--gap"}

    values: reactive[tuple[float | None, ...]] = reactive(tuple, layout=True)

    def __init__(
        self,
        values: Sequence[float | None] = (),
        *,
        low: float,
        high: float,
        cell_width: int = 2,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.low = low
        self.high = high
        self.cell_width = cell_width
        self.set_reactive(DaySparkline.values, tuple(values))

    def get_content_width(self, container: object, viewport: object) -> int:
        count = len(self.values)
        return max(0, count * (self.cell_width + 1) - 1)

    def render(self) -> Text:
        gap_style = self.get_component_rich_style("day-sparkline--gap")
        text = Text(no_wrap=True, overflow="ellipsis")
        cells = day_cells(self.values, self.low, self.high, self.cell_width)
        for index, cell in enumerate(cells):
            if index:
                text.append(" ")
            text.append(cell, style=gap_style if cell.startswith(GAP) else "")
        return text
