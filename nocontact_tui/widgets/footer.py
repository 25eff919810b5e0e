"""The footer every screen uses: the keys that work right now, on one tight line.

Textual's Footer builds one widget per key (and a container around them) and
rebuilds them all whenever the bindings change. Every one of those widgets is
styled, laid out and drawn on its own: on the urge screen's first frame the
footer cost about as much as the rest of the screen together, for a line of
text. This footer is one widget that draws that line; when the bindings change
it only repaints, and only if the keys on show differ.

It reads like Textual's in compact form (each key, a space, what it does, a
space before the next), shows a key whose action is paused dimmed, and runs a
key when it is clicked. The command palette key is left out (it is in the help
screen): the room is better spent on the screen's keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen


NO_STYLE = Style()
DIM = Style(dim=True)


class FooterKey(NamedTuple):
    key: str  # what `simulate_key` presses
    display: str  # what the footer shows, e.g. "0-9" or "esc"
    description: str
    enabled: bool


class KeysFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keys-footer--key", "keys-footer--description"}
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        & > .keys-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keys-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: tuple[FooterKey, ...] | None = None  # read at the first render
        self._spans: list[tuple[int, int, FooterKey]] = []  # columns of each key, for clicks

    @property
    def keys(self) -> tuple[FooterKey, ...]:
        if self._keys is None:
            self._keys = self._keys_to_show()
        return self._keys

    def _keys_to_show(self) -> tuple[FooterKey, ...]:
        """One entry per action, as Textual's footer does: the first binding shown for it."""
        app = self.app
        by_action: dict[str, FooterKey] = {}
        for _, binding, enabled, _ in self.screen.active_bindings.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = FooterKey(
                    binding.key, app.get_key_display(binding), binding.description, enabled
                )
        return tuple(by_action.values())

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        # A screen can send this several times in one frame, mostly changing nothing
        # on show; and an app losing the terminal's focus should not empty the line.
        if not screen.app.app_focus or screen is not self.screen:
            return
        keys = self._keys_to_show()
        if keys != self._keys:
            self._keys = keys
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keys-footer--key")
        description_style = self.get_component_rich_style("keys-footer--description")
        line = Text(no_wrap=True, end="")
        self._spans = []
        for key in self.keys:
            start = len(line)
            paused = NO_STYLE if key.enabled else DIM
            line.append(key.display, key_style + paused)
            if key.description:
                line.append(" " + key.description, description_style + paused)
            self._spans.append((start, len(line), key))
            line.append(" ")
        return line

    def on_mouse_down(self, event: events.MouseDown) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return
