"""Choose the group a reason moves to: press its number, or type a new group's name."""

from __future__ import annotations

from collections.abc import Sequence

from nocontact_tui.screens.base import AppModal
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from nocontact_tui.texts import line
from nocontact_tui.widgets.choice import ChoiceList
from nocontact_tui.widgets.footer import KeysFooter
from nocontact_tui.widgets.line_input import LineInput


class MoveModal(AppModal[str | None]):
    """Dismisses with the chosen or typed group name, or None to leave the reason where it is."""

    DEFAULT_CSS = """
    MoveModal {
        align: center middle;
    }
    MoveModal > Vertical {
        width: 90%;
        max-width: 60;
        height: auto;
        max-height: 90%;
        border: round $accent;
        padding: 0 1;
        background: $surface;
    }
    MoveModal #move-title {
        text-style: bold;
    }
    MoveModal Input {
        margin-top: 1;
    }
    """
    BINDINGS = [Binding("escape", "leave", "Cancel")]

    def __init__(self, groups: Sequence[str], current: str | None) -> None:
        super().__init__()
        self.groups = list(groups)
        self.current = current

    def compose(self) -> ComposeResult:
        chosen = self.groups.index(self.current) if self.current in self.groups else None
        with Vertical():
            yield Static(line("reasons", "move_title"), id="move-title")
            yield Static(line("reasons", "move_hint"), classes="muted")
            yield ChoiceList(self.groups, chosen=chosen, id="groups")
            yield LineInput(
                placeholder=line("reasons", "new_group_placeholder"), id="new-group", max_length=60
            )
        yield KeysFooter()

    def on_key(self, event: events.Key) -> None:
        """ "Type a new group name" means typing works at once: a letter on the list goes
        into the name field (digits still pick a group there)."""
        character = event.character
        if not event.is_printable or not character or character.isdigit():
            return
        event.stop()
        event.prevent_default()
        field = self.focused if isinstance(self.focused, Input) else self.query_one(LineInput)
        self.set_focus(field)
        field.insert_text_at_cursor(character)

    @on(ChoiceList.Chosen)
    def picked(self, event: ChoiceList.Chosen) -> None:
        self.dismiss(self.groups[event.index])

    @on(Input.Submitted)
    def typed(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        if name:
            self.dismiss(name)

    def action_leave(self) -> None:
        self.dismiss(None)
