"""The surf: the countdown and the wave, the breath, a prompt at a time, the ratings so far."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Static

from nocontact_tui.domain.urges import Prompt, UrgeSession, countdown, prompt_at
from nocontact_tui.texts import line, load
from nocontact_tui.widgets.ratings import RatingsLine
from nocontact_tui.widgets.wave import BreathPacer, Wave


class Surf(Vertical):
    """The surf phase, mounted when the first surf begins."""

    def __init__(self) -> None:
        super().__init__(id="surf", classes="phase")
        self.words: dict[str, Any] = load("urge")

    def compose(self) -> ComposeResult:
        with Horizontal(id="surf-top"):
            with Vertical(id="clock"):
                yield Digits("", id="countdown")
                yield Static(line("urge", "paused"), id="paused")
            yield Wave(id="wave")
        yield BreathPacer(line("urge", "breathe_in"), line("urge", "breathe_out"), id="breath")
        yield Static(line("urge", "rate_again"), id="ask-again")
        yield Static("", id="prompt")
        with Vertical(id="ratings-box"):
            yield Static(line("urge", "ratings_label"), classes="muted")
            yield RatingsLine(id="ratings")
        yield Static("", id="evidence", classes="muted")

    def show(self, session: UrgeSession, elapsed: float, plan: list[Prompt]) -> None:
        """The clock, the wave, the prompt and the ratings `elapsed` seconds into the surf."""
        total = session.minutes * 60
        self.query_one("#countdown", Digits).update(countdown(total - elapsed))
        wave = self.query_one(Wave)
        wave.progress = min(1.0, elapsed / total)
        wave.seconds = elapsed
        prompt = prompt_at(plan, elapsed)
        self.query_one("#prompt", Static).update(prompt.text if prompt else "")
        ratings = self.query_one("#ratings", RatingsLine)
        ratings.points = tuple(session.ratings)
        ratings.span = float(total)
        ratings.until = elapsed

    def breathe(self, seconds: float) -> None:
        self.query_one(BreathPacer).seconds = seconds

    def show_evidence(self, lines: list[str]) -> None:
        self.query_one("#evidence", Static).update("\n".join(lines))
