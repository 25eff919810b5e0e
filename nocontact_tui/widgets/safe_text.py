"""A line filter that keeps control characters in the user's text from reaching the terminal.

Textual draws a Static's, an Input's or a TextArea's text as it is, so an escape
sequence stored in the journal (from an import, an older version, a hand edit)
would be written raw: `ESC [2J` clears the screen, `ESC ]0;…` renames the window.
Rich counts a control character as zero cells wide, so dropping it from the text
segments leaves every line exactly as wide as Textual laid it out. Segments that
are terminal controls on purpose (cursor moves) are left alone.

NoContactApp adds it to its line filters when it is built.
"""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

# C0 controls, DEL and C1 controls: what a terminal acts on instead of drawing.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


class DropControls(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        search = CONTROL.search
        if not any(search(text) and not control for text, _, control in segments):
            return segments
        return [
            segment if segment.control else Segment(CONTROL.sub("", segment.text), segment.style)
            for segment in segments
        ]
