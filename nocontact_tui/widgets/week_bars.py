"""Urges per week as upright bars, with each week's typical strength on a line beneath.

Small and of its own: a plotting library (textual-plotext) would bring plotext and its
axes, legends and colours for what is a column of block characters per week. The
bars share one scale (the busiest week shown reaches the top); the strength line is
on the fixed 0-10 scale, so a bar there always means the same number, and a week
without enough rated urges is a dot. A narrow terminal shows the latest weeks that fit.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widget import Widget

BLOCKS = "▁▂▃▄▅▆▇█"
GAP = "·"


def column(value: int, top: int, height: int) -> list[str]:
    """One bar as `height` characters, top first, on the scale 0..top."""
    levels = height * len(BLOCKS)
    level = round(value / top * levels) if top else 0
    if value and not level:
        level = 1  # a week with an urge is never drawn as a week without
    cells = []
    for row in range(height - 1, -1, -1):
        fill = level - row * len(BLOCKS)
        cells.append(BLOCKS[-1] if fill >= len(BLOCKS) else BLOCKS[fill - 1] if fill > 0 else " ")
    return cells


def strength_cell(value: int | None) -> str:
    if value is None:
        return GAP
    return BLOCKS[round(min(max(value, 0), 10) / 10 * (len(BLOCKS) - 1))]


def chart_lines(
    counts: Sequence[int],
    strengths: Sequence[int | None],
    width: int,
    height: int,
    labels: tuple[str, str],
) -> tuple[list[tuple[str, str]], int]:
    """The chart as (axis, bars) pairs of strings, and how many weeks it shows.

    The axis holds the top count, 0, and the two row labels; the latest weeks that fit
    `width` are shown, two cells each when there is room, else one.
    """
    axis = max(len(labels[0]), len(labels[1]), len(str(max(counts, default=0)))) + 1
    room = max(1, width - axis)
    step = 2 if len(counts) * 2 - 1 <= room else 1
    shown = min(len(counts), (room + 1) // step if step == 2 else room)
    counts, strengths = counts[len(counts) - shown :], strengths[len(strengths) - shown :]
    top = max(counts, default=0)
    columns = [column(n, top, height) for n in counts]
    rows = []
    for row in range(height):
        text = (" " * (step - 1)).join(col[row] for col in columns)
        mark = str(top) if row == 0 else "0" if row == height - 1 else ""
        rows.append((mark.rjust(axis - 1) + " ", text))
    rows[height // 2] = (labels[0].rjust(axis - 1) + " ", rows[height // 2][1])
    strength = (" " * (step - 1)).join(strength_cell(s) for s in strengths)
    rows.append((labels[1].rjust(axis - 1) + " ", strength))
    return rows, shown


class WeekBars(Widget):
    """Counts per week as bars `height` rows high, and a line of strengths beneath."""

    DEFAULT_CSS = """
    WeekBars {
        height: auto;
        width: 1fr;
        color: $text-primary;
    }
    WeekBars > .week-bars--axis {
        color: $text-muted;
    }
    """
    COMPONENT_CLASSES = {"week-bars--axis"}

    def __init__(
        self,
        labels: tuple[str, str],
        *,
        height: int = 4,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.labels = labels
        self.bar_height = height
        self.counts: tuple[int, ...] = ()
        self.strengths: tuple[int | None, ...] = ()
        self.shown = 0

    def set_weeks(self, counts: Sequence[int], strengths: Sequence[int | None]) -> None:
        self.counts, self.strengths = tuple(counts), tuple(strengths)
        self.refresh(layout=True)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return self.bar_height + 1 if self.counts else 0

    def render(self) -> Text:
        if not self.counts:
            return Text()
        rows, self.shown = chart_lines(
            self.counts, self.strengths, self.size.width, self.bar_height, self.labels
        )
        axis_style = self.get_component_rich_style("week-bars--axis")
        text = Text(no_wrap=True, overflow="crop")
        for index, (axis, bars) in enumerate(rows):
            if index:
                text.append("\n")
            text.append(axis, style=axis_style)
            text.append(bars)
        return text
