"""A short list answered with one key: press its number (or move and press enter).

The chosen entry keeps a mark, so a form can show what was picked while the
focus moves on. Used by the contact form and the streak view's settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.actions import SkipAction
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList


class ChoiceList(OptionList):
    """Options numbered from 1; `chosen` is the picked index or None.

    With `multiple`, pressing a number (or space) toggles that entry and `picked` holds
    every toggled index, and enter is left to the screen to confirm; otherwise pressing
    a number (or enter) chooses it and posts `Chosen`.
    """

    # Not "toggle": that name is Textual's own action (it takes an attribute to flip).
    BINDINGS = [Binding("space", "switch", "Switch", show=False)]

    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
        max-height: 8;
        border: none;
        padding: 0;
        background: transparent;
    }
    ChoiceList:focus {
        border: none;
        background-tint: $foreground 4%;
    }
    """

    @dataclass
    class Chosen(Message):
        choice_list: ChoiceList
        index: int

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    def __init__(
        self,
        labels: Sequence[str],
        *,
        chosen: int | None = None,
        multiple: bool = False,
        picked: Sequence[int] = (),
        id: str | None = None,
    ) -> None:
        self.labels = list(labels)
        self.multiple = multiple
        self.chosen = chosen
        self.picked = set(picked)
        super().__init__(*[self._prompt(i) for i in range(len(self.labels))], id=id)

    def _marked(self, index: int) -> bool:
        return index in self.picked if self.multiple else index == self.chosen

    def _prompt(self, index: int) -> Text:
        if self.multiple:
            mark = "[x]" if self._marked(index) else "[ ]"
        else:
            mark = "●" if self._marked(index) else "○"
        return Text(f"{index + 1} {mark} {self.labels[index]}")  # plain text: never markup

    def _redraw(self) -> None:
        for index in range(len(self.labels)):
            self.replace_option_prompt_at_index(index, self._prompt(index))

    def choose(self, index: int | None) -> None:
        if index is not None and not 0 <= index < len(self.labels):
            return
        if self.multiple:
            if index is not None:
                self.picked ^= {index}
        else:
            self.chosen = index
        if index is not None:
            self.highlighted = index
        self._redraw()
        if index is not None:
            self.post_message(self.Chosen(self, index))

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            number = int(event.character)
            if 1 <= number <= len(self.labels):
                event.stop()
                event.prevent_default()
                self.choose(number - 1)

    def action_select(self) -> None:
        if self.multiple:
            raise SkipAction()  # enter confirms the whole list, on the screen
        if self.highlighted is not None:
            self.choose(self.highlighted)

    def action_switch(self) -> None:
        if not self.multiple:
            raise SkipAction()
        if self.highlighted is not None:
            self.choose(self.highlighted)
