"""Help: one table of every screen's keys, read from their bindings, and where to find support.

The table is built from the same `BINDINGS` that the footer shows, so it cannot
drift from what the keys do: a new screen or key appears here by itself.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nocontact_tui.screens.base import AppModal
from rich.cells import cell_len
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown, Static

from nocontact_tui.texts import line, load, markdown
from nocontact_tui.widgets.footer import KeysFooter

from . import SCREENS, screen_class

# Textual's own plumbing, not something a user of this app needs to learn.
HIDDEN_ACTIONS = {"app.focus_next", "app.focus_previous", "screen.copy_text", "command_palette"}

# Screens reached from another screen rather than from a key of their own:
# (the screen they belong to, module, class, key in content/keys.toml for their name).
SUB_SCREENS = (("letters", "letter_editor", "LetterEditorScreen", "letter_editor"),)


@dataclass(frozen=True)
class KeyGroup:
    name: str  # a screen's name in SCREENS, or "" for the keys that work everywhere
    title: str
    rows: tuple[tuple[str, str], ...]  # (keys as shown, what they do)


def binding_rows(app: App[object], bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """One row per thing the keys do, in the order they are bound; several keys share a row."""
    by_description: dict[str, list[Binding]] = {}
    for binding in Binding.make_bindings(bindings):
        if binding.system or binding.action in HIDDEN_ACTIONS or not binding.description:
            continue
        by_description.setdefault(binding.description, []).append(binding)
    rows = []
    for description, group in by_description.items():
        # A binding that names its own keys (e.g. "0-9") speaks for the hidden ones beside it.
        named = [b.key_display for b in group if b.key_display]
        shown = named or [app.get_key_display(b) for b in group]
        rows.append(("/".join(dict.fromkeys(shown)), description))
    return rows


def key_groups(app: App[object]) -> list[KeyGroup]:
    """The keys that work everywhere, then each screen's own, in the app's order of screens."""
    words = load("keys")
    everywhere = binding_rows(app, type(app).BINDINGS)
    everywhere.append(
        (app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "")), line("keys", "palette"))
    )
    groups = [
        KeyGroup(
            "", f"{line('keys', 'everywhere')} {line('keys', 'everywhere_note')}", tuple(everywhere)
        )
    ]
    subs: dict[str, list[tuple[str, str, str]]] = {parent: [] for parent, *_ in SUB_SCREENS}
    for parent, module, cls_name, title_key in SUB_SCREENS:
        subs[parent].append((module, cls_name, words[title_key]))
    for name, (_, _, title) in SCREENS.items():
        rows = binding_rows(app, screen_class(name).BINDINGS)
        groups.append(KeyGroup(name, title, tuple(rows or [("", line("keys", "only_global"))])))
        for module, cls_name, sub_title in subs.get(name, []):
            sub = getattr(importlib.import_module(f"nocontact_tui.screens.{module}"), cls_name)
            groups.append(KeyGroup(module, sub_title, tuple(binding_rows(app, sub.BINDINGS))))
    return groups


def key_table(groups: Sequence[KeyGroup], here: str | None) -> Table:
    """One table, a section per screen: its name on a line of its own, then its keys.

    The name takes the whole width, so the table reads the same at 40 columns as at
    200, and the keys line up across every section. The screen help was opened from
    is marked.
    """
    key_width = max((cell_len(keys) for g in groups for keys, _ in g.rows), default=1)
    table = Table(box=None, show_header=False, expand=True, padding=0)
    table.add_column()
    for group in groups:
        title = Text(group.title, style="bold")
        if group.name and group.name == here:
            title.append(f"  ({line('keys', 'here')})", style="italic")
        keys = Table.grid(padding=(0, 2), expand=True)
        keys.add_column(width=key_width, no_wrap=True, style="bold")
        keys.add_column(ratio=1)
        for key_names, description in group.rows:
            keys.add_row(key_names, description)
        table.add_row(title)
        table.add_row(Padding(keys, (0, 0, 1, 2)))
    return table


class HelpScreen(AppModal[None]):
    CSS_PATH = "help.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (18, "-tall")]
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("f1", "dismiss", "Close", show=False),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under
        self.groups = key_groups(under.app)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            # The crisis section sits below the keys; this line says so before any key.
            yield Static(line("keys", "support"), id="support-pointer")
            yield Static(key_table(self.groups, self.here), id="keys")
            yield Static(line("keys", "while_typing"), id="while-typing", classes="muted")
            yield Markdown(markdown("help"), id="help-text")
        yield KeysFooter()

    @property
    def here(self) -> str:
        """The name of the screen help was opened from, as its group is named."""
        return self.under.id or type(self.under).__module__.rsplit(".", 1)[-1]

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
