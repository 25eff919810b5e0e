"""The letter editor's text area: a paste keeps its line breaks and tabs, no other controls.

A TextArea draws control characters raw, so a pasted escape sequence would reach
the terminal; here they are left out of what a paste inserts, each escape
sequence whole.
"""

from __future__ import annotations

import unicodedata

from textual import events
from textual.widgets import TextArea

from nocontact_tui.domain.cleaning import without_escapes

KEPT_IN_TEXT = "\n\r\t"  # the control characters a piece of writing is made of


def without_controls(text: str) -> str:
    """`text` without control sequences, nor control characters other than line breaks
    and tabs."""
    text = without_escapes(text)
    if all(unicodedata.category(ch) != "Cc" or ch in KEPT_IN_TEXT for ch in text):
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in KEPT_IN_TEXT)


class WritingArea(TextArea):
    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Textual would run TextArea._on_paste with the raw text too
        await super()._on_paste(events.Paste(without_controls(event.text)))
