"""The urge check-in: how strong, what pulls, what it asks for.

Only the rating is in the screen's first frame; the trap and say steps are mounted when
the person has given it (`ready`), so the first frame styles as few widgets as it can.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static

from nocontact_tui.domain.urges import MAX_SAY
from nocontact_tui.texts import line, load
from nocontact_tui.widgets.line_input import LineInput


class CheckIn(Vertical):
    """The check-in phase; one step of it shows at a time (the screen's `-step-*` class)."""

    def __init__(self) -> None:
        super().__init__(id="checkin", classes="phase")
        self.words: dict[str, Any] = load("urge")

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-rate", classes="step"):
            yield Static(line("urge", "checkin_rate"), classes="question")
            yield Static(line("urge", "checkin_rate_hint"), classes="hint")
            yield Static(line("urge", "checkin_scale"), id="rate-scale", classes="muted")

    async def ready(self) -> None:
        """Mount the trap and say steps, the first time the check-in goes past the rating."""
        if self.query("#ask-trap"):
            return
        await self.mount(
            Vertical(
                Static(line("urge", "checkin_trap"), classes="question"),
                Static(line("urge", "checkin_trap_hint"), classes="hint"),
                OptionList(id="trap-list"),
                id="ask-trap",
                classes="step",
            ),
            Vertical(
                Static(line("urge", "checkin_say"), classes="question"),
                LineInput(id="say", max_length=MAX_SAY),
                Static(line("urge", "checkin_say_hint"), classes="hint"),
                id="ask-say",
                classes="step",
            ),
        )
