"""The landing: one last rating, how it ended, a contact's kind and feeling, and done."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from nocontact_tui.domain.contact_form import kind_labels
from nocontact_tui.texts import line, load
from nocontact_tui.widgets.ratings import RatingsLine

OUTCOME_WORDS = {
    "surfed": "outcome_surfed",
    "reached_someone": "outcome_reached",
    "wrote_letter": "outcome_letter",
    "made_contact": "outcome_contact",
    "abandoned": "outcome_left",
}
ALWAYS: tuple[str, ...] = ("surfed", "wrote_letter", "made_contact", "abandoned")


def outcome_choices(has_people: bool) -> tuple[str, ...]:
    """The outcomes the digits pick, in order; "reached someone on my list" beside "rode it
    out" only for a person who has written such a list."""
    return ("surfed", "reached_someone", *ALWAYS[1:]) if has_people else ALWAYS


def numbered(lines: list[str]) -> str:
    return "\n".join(f"{n}  {text_line}" for n, text_line in enumerate(lines, start=1))


class Landing(Vertical):
    """The landing phase, mounted when the session first lands."""

    def __init__(self) -> None:
        super().__init__(id="land", classes="phase")
        self.words: dict[str, Any] = load("urge")

    def compose(self) -> ComposeResult:
        yield Static("", id="land-status", classes="muted")
        with Vertical(id="land-rate", classes="step"):
            yield Static(line("urge", "land_rate"), classes="question")
            yield Static(line("urge", "checkin_rate_hint"), classes="hint")
        with Vertical(id="land-outcome", classes="step"):
            yield Static(line("urge", "land_outcome"), classes="question")
            yield Static(self.outcome_lines(ALWAYS), id="outcome-list")
        with Vertical(id="contact-kind", classes="step"):
            yield Static(line("urge", "contact_kind_question"), classes="question")
            yield Static(numbered(kind_labels()))
        with Vertical(id="contact-felt", classes="step"):
            yield Static(line("urge", "contact_felt_question"), classes="question")
            yield Static(line("urge", "contact_felt_hint"), classes="hint")
        with Vertical(id="done", classes="step"):
            yield Static("", id="done-message")
            yield RatingsLine(id="done-ratings")
            yield Static(line("urge", "done_hint"), classes="hint")

    def outcome_lines(self, choices: tuple[str, ...]) -> str:
        return numbered([self.words[OUTCOME_WORDS[outcome]] for outcome in choices])

    def show_outcomes(self, choices: tuple[str, ...]) -> None:
        self.query_one("#outcome-list", Static).update(self.outcome_lines(choices))

    def status(self, text: str) -> None:
        """The line above the landing: time is up, or ended early."""
        self.query_one("#land-status", Static).update(text)

    def show_done(self, text: str, ratings: list[tuple[int, int]]) -> None:
        self.query_one("#done-message", Static).update(text)
        text_line = self.query_one("#done-ratings", RatingsLine)
        text_line.points = tuple(ratings)
        end = ratings[-1][0] if ratings else 0
        text_line.span = text_line.until = end + max(
            30.0, end * 0.15
        )  # room for the last rating to show
