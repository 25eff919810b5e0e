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

Help and quit are never cut off: they sit at the right end of the line, and
when the line is too narrow the app's navigation keys give way first, then an
optional notice from the app (`app.footer_notice()`, e.g. a wave still running),
then the last of the screen's own keys. Where a text field takes `?` and `q` as
letters, the keys that still work for them (F1, ctrl+q) are shown instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.keys import key_to_character
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen


NO_STYLE = Style()
DIM = Style(dim=True)

# What a key is to this footer, in the order the line gives way when it is short.
ESSENTIAL = "essential"  # help and quit: always on show
OWN = "own"  # the screen's (or its focused widget's) own keys
NAV = "nav"  # the app's other keys: go to another screen

ESSENTIAL_ACTIONS = ("help", "quit")


def is_letter(key: str) -> bool:
    """Whether `key` types a character (a letter, a digit, "?"), not escape or ctrl+q."""
    character = key_to_character(key)
    return character is not None and character.isprintable()


class FooterKey(NamedTuple):
    key: str  # what `simulate_key` presses
    display: str  # what the footer shows, e.g. "0-9" or "esc"
    description: str
    enabled: bool
    kind: str = OWN
    action: str = ""

    @property
    def width(self) -> int:
        text = f"{self.display} {self.description}" if self.description else self.display
        return Text(text).cell_len


class Placed(NamedTuple):
    """What the line shows: the notice (or ""), the keys at the left, the keys at the right."""

    notice: str
    left: tuple[FooterKey, ...]
    right: tuple[FooterKey, ...]


def place(keys: Sequence[FooterKey], notice: str, width: int | None) -> Placed:
    """Choose what fits in `width` cells (None: no limit), most needed first, in line order.

    Help and quit always stay; then the notice (a running wave's way back); then the
    screen's own keys in their order; then the navigation keys. What does not fit is left out, and a smaller
    key further on can still take the room left.
    """
    essential = tuple(k for k in keys if k.kind == ESSENTIAL)
    own = [k for k in keys if k.kind == OWN]
    nav = [k for k in keys if k.kind == NAV]
    if width is None:
        return Placed(notice, (*own, *nav), essential)
    used = sum(k.width for k in essential) + max(len(essential) - 1, 0)

    def fits(item_width: int) -> bool:
        return used + item_width + (1 if used else 0) <= width

    def take(item_width: int) -> None:
        nonlocal used
        used += item_width + (1 if used else 0)

    # The notice first: it is the way back to a wave still running under this screen.
    shown_notice = ""
    if notice and fits(Text(notice).cell_len):
        take(Text(notice).cell_len)
        shown_notice = notice
    chosen: set[int] = set()
    for key in own:
        if fits(key.width):
            take(key.width)
            chosen.add(id(key))
    for key in nav:
        if fits(key.width):
            take(key.width)
            chosen.add(id(key))
    left = tuple(k for k in (*own, *nav) if id(k) in chosen)
    return Placed(shown_notice, left, essential)


class KeysFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keys-footer--key", "keys-footer--description", "keys-footer--notice"}
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
        /* The light themes' key colour is 2.9:1 on the footer: too faint to read. */
        &:light > .keys-footer--key {
            color: $text-primary;
        }
        & > .keys-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keys-footer--notice {
            color: $footer-foreground;
            background: $footer-background;
            text-style: italic;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: tuple[FooterKey, ...] | None = None  # read at the first render
        self._notice: str | None = None  # read at the first render
        self._spans: list[tuple[int, int, FooterKey]] = []  # columns of each key, for clicks

    @property
    def keys(self) -> tuple[FooterKey, ...]:
        if self._keys is None:
            self._keys = self._keys_to_show()
        return self._keys

    @property
    def notice(self) -> str:
        if self._notice is None:
            self._notice = self._read_notice()
        return self._notice

    def _read_notice(self) -> str:
        """The app's quiet line for every footer (e.g. a wave still running), or ""."""
        footer_notice: Callable[[], object] | None = getattr(self.app, "footer_notice", None)
        if not callable(footer_notice):
            return ""
        text = footer_notice()
        return text if isinstance(text, str) else ""

    def _keys_to_show(self) -> tuple[FooterKey, ...]:
        """One entry per action, as Textual's footer does: the first binding shown for it."""
        app = self.app
        by_action: dict[str, FooterKey] = {}
        hidden_essentials: dict[str, FooterKey] = {}
        # A form that takes every letter as text (the contact form, even off its fields)
        # says so; then the app's letter keys are not offered, as in a text field.
        letters_are_text = bool(getattr(self.screen, "letters_are_text", False))
        for namespace, binding, enabled, _ in self.screen.active_bindings.values():
            from_app = namespace is app
            if from_app and letters_are_text and is_letter(binding.key):
                if binding.action not in ESSENTIAL_ACTIONS:
                    continue
                binding = replace(binding, show=False)  # its other key (f1, ^q) is shown
            essential = from_app and binding.action in ESSENTIAL_ACTIONS
            kind = ESSENTIAL if essential else NAV if from_app else OWN
            key = FooterKey(
                binding.key,
                app.get_key_display(binding),
                binding.description,
                enabled,
                kind,
                binding.action,
            )
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = key
            elif essential and binding.description:
                # A text field takes "?" and "q" as letters: show a key that still works.
                hidden_essentials.setdefault(binding.action, key)
        for action, key in hidden_essentials.items():
            by_action.setdefault(action, key)
        essentials = sorted(
            (k for k in by_action.values() if k.kind == ESSENTIAL),
            key=lambda k: ESSENTIAL_ACTIONS.index(k.action),
        )
        rest = [k for k in by_action.values() if k.kind != ESSENTIAL]
        return (*rest, *essentials)

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
        notice = self._read_notice()
        if keys != self._keys or notice != self._notice:
            self._keys = keys
            self._notice = notice
            self.refresh()

    def refresh_notice(self) -> None:
        """Read the app's notice again and repaint if it changed (the app calls this)."""
        notice = self._read_notice()
        if notice != self._notice:
            self._notice = notice
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keys-footer--key")
        description_style = self.get_component_rich_style("keys-footer--description")
        notice_style = self.get_component_rich_style("keys-footer--notice")
        width = self.size.width or None  # not laid out yet: no limit
        placed = place(self.keys, self.notice, width)
        text_line = Text(no_wrap=True, end="")
        self._spans = []

        def append_key(key: FooterKey, lead: str) -> None:
            text_line.append(lead)
            start = len(text_line)
            paused = NO_STYLE if key.enabled else DIM
            text_line.append(key.display, key_style + paused)
            if key.description:
                text_line.append(" " + key.description, description_style + paused)
            self._spans.append((start, len(text_line), key))

        if placed.notice:
            text_line.append(placed.notice, notice_style)
        for key in placed.left:
            append_key(key, " " if text_line.cell_len else "")
        if placed.right:
            # Help and quit keep their place at the right end, whatever the screen shows.
            right_width = sum(k.width for k in placed.right) + len(placed.right) - 1
            least = 1 if text_line.cell_len else 0
            gap = max(least, width - text_line.cell_len - right_width) if width else least
            for index, key in enumerate(placed.right):
                append_key(key, " " * gap if index == 0 else " ")
        return text_line

    def on_mouse_down(self, event: events.MouseDown) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return
