"""Text fields that take whatever is pasted into them without losing or leaking it.

Textual's Input keeps only the first line of a paste, refuses a paste whole (with
a bell) when it would pass `max_length`, and draws control characters raw, so a
pasted escape sequence would reach the terminal. Here a paste becomes one line:
escape sequences go whole, line breaks, tabs and other control characters turn
into spaces, and what does
not fit is cut at the field's limit instead of being thrown away.

Focusing a field never selects its text (Textual's default does): an edit starts
with the cursor at the end, so the next key adds to what is there instead of
replacing a whole paragraph. (The letter
editor's TextArea has its own, in writing_area.py: importing TextArea is costly,
and the urge screen must not pay for it.)
"""

from __future__ import annotations

import unicodedata
from typing import Any

from textual import events
from textual.widgets import Input

from nocontact_tui.domain.cleaning import without_escapes


def paste_as_line(text: str) -> str:
    """`text` without control sequences or control characters (line breaks and tabs
    become spaces)."""
    text = without_escapes(text)
    if all(unicodedata.category(ch) != "Cc" for ch in text) and "\u2028" not in text:
        return text
    return "".join(
        " " if unicodedata.category(ch) == "Cc" or ch in "\u2028\u2029" else ch for ch in text
    )


class LineInput(Input):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Textual would run Input._on_paste as well
        text = paste_as_line(event.text)
        start, end = sorted(self.selection)
        if self.max_length:
            room = self.max_length - (len(self.value) - (end - start))
            text = text[: max(0, room)]
        if text:
            self.replace(text, start, end)
