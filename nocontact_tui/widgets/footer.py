"""The footer every screen uses: tight, so a screen's keys fit at 80 columns.

The tight look is plain CSS rather than Textual's `compact` mode. Textual builds each
key compact, then data-binds it back: two class changes, two restyles, per key, every
time the footer is rebuilt. Starting each key in its final state skips both; on the
urge screen's first frame that was about a tenth of a second. The command palette key is left out of
the footer (it is in the help screen); the room is better spent on the screen's keys.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    DEFAULT_CSS = """
    KeysFooter FooterKey {
        margin-right: 1;
    }
    KeysFooter FooterKey .footer-key--key {
        padding: 0;
    }
    KeysFooter FooterKey .footer-key--description {
        padding: 0 0 0 1;
    }
    """

    def __init__(self) -> None:
        super().__init__(show_command_palette=False)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_reactive(FooterKey.compact, False)
            yield widget
