"""The footer every screen uses: compact, so a screen's keys fit at 80 columns.

The command palette key is left out of the footer (it is in the help screen), since
the footer's room is better spent on the screen's own keys.
"""

from __future__ import annotations

from textual.widgets import Footer


class KeysFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
