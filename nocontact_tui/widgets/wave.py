"""The urge wave and the breathing pacer: drawings driven by time passed in, never by a timer of their own.

Both widgets hold a reactive that the screen sets on every tick, so a frozen
clock freezes them too (the snapshot tests rely on that).
"""

from __future__ import annotations

import math

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from nocontact_tui.domain.urges import breath_at

EIGHTHS = " ▁▂▃▄▅▆▇█"


def wave_height(x: float, seconds: float = 0.0) -> float:
    """The height 0..1 of an urge wave at `x` (0 start .. 1 end of the timer).

    It rises to a crest about a third of the way in, then ebbs, as urges do; a
    small ripple drifts along it with the seconds so the water looks alive.
    """
    x = min(1.0, max(0.0, x))
    swell = math.sin(math.pi * x**0.6)
    ripple = 0.06 * math.sin(2 * math.pi * (3 * x - seconds / 8))
    return min(1.0, max(0.0, 0.1 + 0.8 * swell + ripple))


def block_rows(levels: list[float], height: int) -> list[str]:
    """Columns of heights 0..1 drawn as `height` rows of eighth blocks, top row first."""
    rows: list[str] = []
    for row in range(height):
        floor = (height - 1 - row) * 8
        cells = []
        for level in levels:
            eighths = round(level * height * 8) - floor
            cells.append(EIGHTHS[min(8, max(0, eighths))])
        rows.append("".join(cells))
    return rows


class Wave(Widget):
    """The wave of the whole timer; the part already ridden is lit, a marker shows now."""

    DEFAULT_CSS = """
    Wave {
        height: 5;
        min-width: 10;
    }
    """
    COMPONENT_CLASSES = {"wave--ridden", "wave--ahead", "wave--now"}

    progress: reactive[float] = reactive(0.0)  # 0 .. 1 of the timer
    seconds: reactive[float] = reactive(0.0)  # drives the ripple

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        if width <= 0 or height <= 0:
            return Text()
        levels = [wave_height((c + 0.5) / width, self.seconds) for c in range(width)]
        now_column = min(width - 1, int(self.progress * width))
        ridden = self.get_component_rich_style("wave--ridden")
        ahead = self.get_component_rich_style("wave--ahead")
        now = self.get_component_rich_style("wave--now")
        text = Text(no_wrap=True, overflow="crop")
        for index, row in enumerate(block_rows(levels, height)):
            if index:
                text.append("\n")
            for column, cell in enumerate(row):
                if column == now_column:
                    style: Style = now
                    cell = cell if cell.strip() else "│"
                else:
                    style = ridden if column < now_column else ahead
                text.append(cell, style)
        return text


class BreathPacer(Widget):
    """A bar that fills for four seconds and empties for six, with a word to follow."""

    DEFAULT_CSS = """
    BreathPacer {
        height: 1;
    }
    """
    COMPONENT_CLASSES = {"breath--bar", "breath--label"}

    seconds: reactive[float] = reactive(0.0)

    def __init__(self, breathe_in: str, breathe_out: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.breathe_in = breathe_in
        self.breathe_out = breathe_out

    def render(self) -> Text:
        breath = breath_at(self.seconds)
        label = self.breathe_in if breath.inhaling else self.breathe_out
        label = label.ljust(max(len(self.breathe_in), len(self.breathe_out))) + " "
        room = max(0, self.size.width - len(label))
        filled = round(breath.fullness * room)
        text = Text(no_wrap=True, overflow="crop")
        text.append(label, self.get_component_rich_style("breath--label"))
        text.append("━" * filled, self.get_component_rich_style("breath--bar"))
        return text
