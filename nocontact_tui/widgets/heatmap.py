"""A calendar heatmap: one cell per day, weeks as columns, like a contribution graph.

It draws as many of the most recent weeks as fit its width, so a narrow
terminal shows fewer weeks rather than a broken grid. Colour is never the only
difference: every state in the legend has its own shape (a reviewed day has the
filled-in form of its state's shape, in a colour of its own), so the graph reads
the same without colour (`NO_COLOR`), in sixteen colours, and to a person who
does not tell green from orange. The colours are theme variables meant for
text, resolved against the widget's own background, so the light theme is as
readable as the dark one.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from nocontact_tui.domain.streak import BEFORE, CONTACT, FREE, FUTURE, SURFED, DayCell

GUTTER = 3  # "Mo " before each row
CELL = 2  # a glyph and a space
ROW_LABELS = ("Mo", "", "We", "", "Fr", "", "Su")
GLYPHS = {FREE: "■", SURFED: "◆", CONTACT: "○", BEFORE: "·", FUTURE: " "}
REVIEWED_GLYPHS = {FREE: "▣", SURFED: "◈", CONTACT: "◉", BEFORE: "·", FUTURE: " "}
PLAIN_GLYPHS = GLYPHS  # the shapes differ with colour too; kept for callers that ask
REVIEWED = "reviewed"
LEGEND_ORDER = (FREE, SURFED, CONTACT, BEFORE)


def no_color_wanted(app_no_color: bool = False) -> bool:
    """Read at render time, so a test (or a user) setting NO_COLOR is honoured."""
    return app_no_color or "NO_COLOR" in os.environ


def glyph(state: str, plain: bool = False, reviewed: bool = False) -> str:
    """The character for a day in `state`; `plain` (no colour) draws the same shapes."""
    return (REVIEWED_GLYPHS if reviewed else GLYPHS)[state]


def weeks_that_fit(width: int, available: int) -> int:
    return max(1, min(available, (width - GUTTER) // CELL))


def legend_lines(
    labels: Mapping[str, str], width: int, plain: bool, styles: Mapping[str, Style]
) -> list[Text]:
    """The legend, wrapped to `width`: each state's glyph and label, then reviewed days."""
    items: list[Text] = []
    for state in LEGEND_ORDER:
        items.append(Text.assemble((glyph(state, plain), styles[state]), " ", labels[state]))
    items.append(
        Text.assemble((glyph(FREE, plain, reviewed=True), styles[REVIEWED]), " ", labels[REVIEWED])
    )
    lines: list[Text] = [Text()]
    for item in items:
        text_line = lines[-1]
        if text_line.cell_len and text_line.cell_len + 2 + item.cell_len > width:
            lines.append(Text())
            text_line = lines[-1]
        if text_line.cell_len:
            text_line.append("  ")
        text_line.append_text(item)
    return lines


class CalendarHeatmap(Widget):
    """Give it the columns from `streak.calendar_weeks` and the legend labels."""

    DEFAULT_CSS = """
    CalendarHeatmap {
        width: 100%;
        height: auto;
    }
    CalendarHeatmap > .heatmap--free { color: $text-success; }
    CalendarHeatmap > .heatmap--surfed { color: $text-primary; }
    CalendarHeatmap > .heatmap--contact { color: $text-warning; }
    CalendarHeatmap > .heatmap--before { color: $text-muted; }
    CalendarHeatmap > .heatmap--reviewed { color: $foreground; text-style: bold; }
    CalendarHeatmap > .heatmap--label { color: $text-muted; }
    """
    COMPONENT_CLASSES = {
        "heatmap--free",
        "heatmap--surfed",
        "heatmap--contact",
        "heatmap--before",
        "heatmap--reviewed",
        "heatmap--label",
    }
    GRID_HEIGHT = 8  # the month row and seven days

    def __init__(
        self,
        columns: Sequence[Sequence[DayCell]] = (),
        labels: Mapping[str, str] | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.columns = [list(c) for c in columns]
        self.labels = dict(labels or {})

    def set_columns(self, columns: Sequence[Sequence[DayCell]]) -> None:
        self.columns = [list(c) for c in columns]
        self.refresh(layout=True)

    @property
    def plain(self) -> bool:
        return no_color_wanted(self.app.no_color)

    def styles_by_state(self) -> dict[str, Style]:
        # Not partial: a colour like $text-muted ("auto 60%") is only right when resolved
        # against the background; partly resolved it came out white on the light theme.
        styles = {
            state: self.get_component_rich_style(f"heatmap--{state}")
            for state in (FREE, SURFED, CONTACT, BEFORE, REVIEWED)
        }
        styles[FUTURE] = Style()
        return styles

    def visible_columns(self, width: int) -> list[list[DayCell]]:
        count = weeks_that_fit(width, len(self.columns))
        return self.columns[-count:] if self.columns else []

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        legend = (
            legend_lines(self.labels, width, self.plain, self.styles_by_state())
            if self.labels
            else []
        )
        return self.GRID_HEIGHT + len(legend)

    def render(self) -> Text:
        width = self.size.width
        plain = self.plain
        styles = self.styles_by_state()
        muted = self.get_component_rich_style("heatmap--label")
        columns = self.visible_columns(width)
        lines = [self.month_row(columns, width, muted)]
        for weekday in range(7):
            text_line = Text(ROW_LABELS[weekday].ljust(GUTTER), style=muted, end="")
            for column in columns:
                cell = column[weekday]
                reviewed = cell.reviewed and cell.state in (FREE, SURFED, CONTACT)
                style = styles[REVIEWED if reviewed else cell.state]
                if cell.today:
                    style += Style(reverse=True, bold=True)
                text_line.append(glyph(cell.state, plain, reviewed), style)
                text_line.append(" ")
            lines.append(text_line)
        if self.labels:
            lines.extend(legend_lines(self.labels, width, plain, styles))
        return Text("\n").join(lines)

    @staticmethod
    def month_row(columns: Sequence[Sequence[DayCell]], width: int, style: Style) -> Text:
        """Month names above the week where each month begins."""
        row = [" "] * max(width, 0)
        taken_until = 0
        starts = [next((c.day for c in column if c.day.day == 1), None) for column in columns]
        if columns and starts[0] is None and not any(starts[1:3]):
            starts[0] = columns[0][0].day  # name the first month unless the next begins at once
        for index, first in enumerate(starts):
            if first is None:
                continue
            x = GUTTER + index * CELL
            name = first.strftime("%b")
            if x < taken_until or x + len(name) > width:
                continue
            row[x : x + len(name)] = name
            taken_until = x + len(name) + 1
        return Text("".join(row).rstrip(), style=style, end="")
