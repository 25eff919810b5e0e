"""The reasons list as one widget: group headings and reasons drawn line by line, with a cursor.

Only the lines on screen are drawn (the line API), each row's lines are kept until the
list or its width changes, and moving the cursor redraws the two rows it leaves and
reaches: nothing is mounted or removed. The list scrolls itself (a ScrollView, as
Textualize's toolong does), so scrolling redraws this widget alone, not the screen's
layout. With 300 reasons a key is one frame.

While something else shares the scrolling area (an input in place of a row, the
questions of an empty list) the widget takes its full height (`-inline`) and the
area around it scrolls instead.

It looks as the rows of single widgets it replaces looked: a blank line above each
heading, a thick bar in the accent colour at the left of the selected row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from rich.segment import Segment
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from nocontact_tui.domain.reasons import Reason

BAR = "█"  # Textual's thick left border
HEAD_INDENT = 1  # cells between the bar and a heading
REASON_INDENT = 3  # cells between the bar and a reason
REASON_RIGHT = 1  # cells right of a reason's text


@dataclass(frozen=True)
class Row:
    """One row of the list: a group heading (reason None) or a reason."""

    group: str | None
    reason: Reason | None = None

    @property
    def key(self) -> tuple[str, object]:
        return ("r", self.reason.id) if self.reason else ("g", self.group)


class ReasonLines(ScrollView, can_focus=False):
    """Rows of the reasons list; `cursor` is the index of the selected row, or None."""

    COMPONENT_CLASSES = {
        "reason-lines--head",
        "reason-lines--reason",
        "reason-lines--selected",
        "reason-lines--bar",
    }
    DEFAULT_CSS = """
    ReasonLines {
        height: 1fr;
        overflow-x: hidden;
    }
    ReasonLines.-inline {
        height: auto;
        overflow-y: hidden;
    }
    """

    def __init__(self, *, unsorted: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.unsorted = unsorted  # the heading of the reasons without a group
        self.rows: list[Row] = []
        self.counts: dict[str | None, int] = {}
        self.cursor: int | None = None
        self._width = -1  # the width the layout below was made for
        self._lines: list[tuple[int, int]] = []  # (row, line of that row); -1: blank above a head
        self._first_line: list[int] = []  # each row's first line (a heading's blank line)
        self._strips: dict[tuple[int, bool], list[Strip]] = {}

    # -- what is shown -----------------------------------------------------------------------

    def show(
        self,
        rows: list[Row],
        counts: dict[str | None, int],
        cursor: int | None,
        *,
        inline: bool = False,
    ) -> None:
        """Show `rows` (group counts in `counts`) with the row `cursor` selected; `inline`
        when the area around the list scrolls it."""
        self.rows, self.counts, self.cursor = rows, counts, cursor
        self.set_class(inline, "-inline")
        if inline:
            self.scroll_to(y=0, animate=False, immediate=True)
        self._forget()
        self.refresh(layout=True)

    def move_cursor(self, cursor: int | None) -> None:
        """Select another row: only the two rows concerned are drawn again."""
        if cursor == self.cursor:
            return
        changed = [index for index in (self.cursor, cursor) if index is not None]
        self.cursor = cursor
        for index in changed:
            self.refresh_lines(*self.row_span(index))

    def scroll_to_row(self, index: int) -> Region:
        """Scroll row `index` into this widget's view; its lines (in the whole list).

        A row off the screen is brought to the middle of it, not to its edge: the rows
        after it (or before, going up) are in view at once, and the next keys only move
        the cursor. Scrolling draws every line on screen again; moving the cursor, two rows.
        """
        top, height = self.row_span(index)
        place = Region(0, top, max(1, self._width), height)
        if self.has_class("-inline"):
            return place
        view = self.scrollable_content_region.height
        scrolled = round(self.scroll_offset.y)
        if view <= 0 or (top >= scrolled and top + height <= scrolled + view):
            return place
        if height >= view:
            target = top
        elif top < scrolled:  # above: going up, the rows before it come into view
            target = top - view // 2
        else:  # below: going down
            target = top + height - view + view // 2
        self.scroll_to(y=max(0, target), animate=False, immediate=True, force=True)
        return place

    def row_span(self, index: int) -> tuple[int, int]:
        """The first line of row `index` in the list and how many lines it has."""
        self._layout(self.width_now)
        top = self._first_line[index]
        end = self._first_line[index + 1] if index + 1 < len(self.rows) else len(self._lines)
        return top, end - top

    def row_at_line(self, y: int) -> int | None:
        """The row drawn on line `y` of the list."""
        self._layout(self.width_now)
        if not self._lines:
            return None
        return self._lines[max(0, min(y, len(self._lines) - 1))][0]

    def drawn(self, index: int) -> str:
        """The text row `index` is drawn with, its lines joined by spaces (for tests and checks)."""
        self._layout(self.width_now)
        strips = self._row_strips(index, self._width)
        return " ".join(strip.text.lstrip(BAR).strip() for strip in strips)

    # -- layout --------------------------------------------------------------------------

    def _forget(self) -> None:
        self._width = -1
        self._strips.clear()

    @property
    def width_now(self) -> int:
        """The width the rows are drawn in (without the scrollbar)."""
        return self.scrollable_content_region.width

    def on_resize(self) -> None:
        self._forget()
        self.refresh()

    def notify_style_update(self) -> None:
        self._strips.clear()  # the theme or the light changed: colours are drawn in
        super().notify_style_update()

    def _content(self, row: Row) -> Content:
        if row.reason is not None:
            return Content(row.reason.text)
        name = row.group if row.group is not None else self.unsorted
        return Content.assemble((name, "bold"), ("  " + str(self.counts.get(row.group, 0)), "dim"))

    def _inner_width(self, row: Row, width: int) -> int:
        if row.reason is not None:
            return max(1, width - 1 - REASON_INDENT - REASON_RIGHT)
        return max(1, width - 1 - HEAD_INDENT)

    def _layout(self, width: int) -> None:
        if width == self._width:
            return
        self._width = width
        self._strips.clear()
        lines: list[tuple[int, int]] = []
        first: list[int] = []
        rules = cast(RulesMap, self.styles)  # as Textual's OptionList passes them
        for index, row in enumerate(self.rows):
            first.append(len(lines))
            if row.reason is None:
                lines.append((index, -1))
            height = self._content(row).get_height(rules, self._inner_width(row, width))
            lines.extend((index, n) for n in range(max(1, height)))
        self._lines, self._first_line = lines, first
        self.virtual_size = Size(width, len(lines))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self._layout(width)
        return len(self._lines)

    def render_lines(self, crop: Region) -> list[Strip]:
        if self.width_now != self._width:  # the scrollbar came or went: wrap again
            self._layout(self.width_now)
            if self.cursor is not None and not self.has_class("-inline"):
                self.call_after_refresh(self.scroll_to_row, self.cursor)
        return super().render_lines(crop)

    # -- drawing -------------------------------------------------------------------------

    def _row_strips(self, index: int, width: int) -> list[Strip]:
        selected = index == self.cursor
        cached = self._strips.get((index, selected))
        if cached is not None:
            return cached
        row = self.rows[index]
        part = "reason-lines--reason" if row.reason is not None else "reason-lines--head"
        parts = (part, "reason-lines--selected") if selected else (part,)
        style = self.get_visual_style(*parts)
        fill = style.rich_style
        bar_style = self.get_visual_style(*parts, "reason-lines--bar").rich_style
        bar = Segment(BAR if selected else " ", bar_style if selected else fill)
        inner = self._inner_width(row, width)
        indent = Segment(" " * (REASON_INDENT if row.reason else HEAD_INDENT), fill)
        right = width - 1 - len(indent.text) - inner
        strips = []
        for text in Visual.to_strips(self, self._content(row), inner, None, style):
            segments = [bar, indent, *text.extend_cell_length(inner, fill)]
            if right > 0:
                segments.append(Segment(" " * right, fill))
            strips.append(Strip(segments, width))
        self._strips[(index, selected)] = strips
        return strips

    def render_line(self, y: int) -> Strip:
        width = self.width_now
        self._layout(width)
        y += round(self.scroll_offset.y)
        if not 0 <= y < len(self._lines):
            return Strip.blank(width, self.visual_style.rich_style)
        index, text_line = self._lines[y]
        if text_line < 0:
            return Strip.blank(width, self.visual_style.rich_style)
        strips = self._row_strips(index, width)
        return (
            strips[text_line]
            if text_line < len(strips)
            else Strip.blank(width, self.visual_style.rich_style)
        )


__all__ = ["ReasonLines", "Row"]
