"""The footer every screen uses: tight, so a screen's keys fit at 80 columns.

The tight look is plain CSS rather than Textual's `compact` mode. Textual builds each
key compact, then data-binds it back: two class changes, two restyles, per key, every
time the footer is rebuilt. Starting each key in its final state skips both; on the
urge screen's first frame that was about a tenth of a second. The command palette key is left out of
the footer (it is in the help screen); the room is better spent on the screen's keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.screen import Screen


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
        self._shown: tuple[tuple[str, str, bool], ...] | None = None
        self._rebuild_pending = False

    def _keys_to_show(self) -> tuple[tuple[str, str, bool], ...]:
        return tuple(
            (binding.key, binding.description, enabled)
            for (_, binding, enabled, _) in self.screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen) -> None:
        # Textual rebuilds the footer (unmount and mount every key) on each signal, and
        # a screen can send several in one frame, most changing nothing that shows.
        # Rebuild once per frame, and only when the keys on show differ.
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:  # its screen closed before this frame came round
            return
        if self._keys_to_show() != self._shown:
            await self.recompose()

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys_to_show()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_reactive(FooterKey.compact, False)
            yield widget
