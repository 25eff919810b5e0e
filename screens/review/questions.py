"""The review's questions: one widget for each, shown one at a time.

Each question draws itself from the draft (`Asked`); the screen mounts it the first
time the review reaches it (`ReviewScreen.question_for`) and hands it the keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from nocontact_tui.domain import reviews
from nocontact_tui.domain.contacts import Contact
from nocontact_tui.domain.reviews import TEXT_STEPS, Draft
from nocontact_tui.journal.schema import CONTACT_KINDS
from nocontact_tui.texts import line
from nocontact_tui.widgets.line_input import LineInput

CHOSEN = "reverse bold"


def _options(pairs: list[tuple[str, str]], chosen: str | None, separator: str = "   ") -> Text:
    """`key label` pairs on one line (wrapping where needed), the chosen one highlighted."""
    text = Text()
    for index, (key, label) in enumerate(pairs):
        if index:
            text.append(separator)
        style = CHOSEN if key == chosen else ""
        text.append(f" {key} ", style=f"bold {style}".strip())
        text.append(f" {label}" if label else "", style=style)
    return text


@dataclass
class Asked:
    """What a question needs to draw itself."""

    draft: Draft
    when: str  # "today" or "that day", in the question's words
    logged: list[Contact]  # contacts logged that day and not yet linked to a review
    tz: tzinfo | None


Described = tuple[str, Text | Table | str, str]  # the question, its choices, a hint


class ReviewLine(LineInput):
    """An optional line whose enter shows in the footer, so the way on is always visible."""

    BINDINGS = [Binding("enter", "submit", "Next")]


class Question(Vertical):
    """One question: its words, its choices and a hint (each hidden when empty)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="question")
        yield Static("", id="choices")
        yield Static("", id="hint", classes="muted")

    def show(self, asked: Asked) -> None:
        question, choices, hint = self.describe(asked)
        for name, content in (("question", question), ("choices", choices), ("hint", hint)):
            widget = self.query_one(f"#{name}", Static)
            widget.update(content)
            widget.display = bool(content)

    def describe(self, asked: Asked) -> Described:
        raise NotImplementedError


def keep_hint(draft: Draft) -> str:
    return line("review", "hint_keep") if draft.current() is not None else ""


class ContactQuestion(Question):
    def describe(self, asked: Asked) -> Described:
        draft, words = asked.draft, reviews.words()
        chosen = {True: "y", False: "n"}.get(draft.contact)  # type: ignore[arg-type]
        choices = _options([("y", words["yes"]), ("n", words["no"])], chosen)
        hint = words["hint_contact"]
        if asked.logged:
            items = ", ".join(
                f"{c.at.astimezone(asked.tz).strftime('%H:%M')} {reviews.kind_label(c.kind)}"
                for c in asked.logged
            )
            hint = words["hint_logged"].format(items=items)
        keep = keep_hint(draft)
        return words["contact"].format(when=asked.when), choices, f"{hint} {keep}".strip()


class KindQuestion(Question):
    def describe(self, asked: Asked) -> Described:
        draft = asked.draft
        text = Text()
        for index, kind in enumerate(CONTACT_KINDS, start=1):
            if index > 1:
                text.append("\n")
            style = CHOSEN if kind == draft.contact_kind else ""
            text.append(f" {index} ", style=f"bold {style}".strip())
            text.append(f" {reviews.kind_label(kind)}", style=style)
        return line("review", "contact_kind"), text, keep_hint(draft)


class ScaleQuestion(Question):
    """How contact left them feeling (`felt`), or the day's mood (`mood`): 1-5."""

    def __init__(self, step: str) -> None:
        super().__init__()
        self.step = step

    def describe(self, asked: Asked) -> Described:
        draft, words = asked.draft, reviews.words()
        felt = self.step == "felt"
        labels = reviews.felt_labels() if felt else words["mood_labels"]
        value = draft.felt_after if felt else draft.mood
        pairs = [(str(i), label) for i, label in enumerate(labels, start=1)]
        question = words["contact_felt"] if felt else words["mood"].format(when=asked.when)
        # The feeling scale's labels are longer than the moods: one a line, as on the
        # contact form, so none of them breaks across two lines at 80 columns.
        separator = "\n" if felt else "  "
        chosen = None if value is None else str(value)
        return question, _options(pairs, chosen, separator), keep_hint(draft)


class UrgeQuestion(Question):
    def describe(self, asked: Asked) -> Described:
        draft, words = asked.draft, reviews.words()
        value = draft.strongest_urge
        chosen = None if value is None else ("t" if value == 10 else str(value))
        pairs = [(str(i), "") for i in range(10)] + [("t", "")]
        hint = words["hint_urge_scale"]
        keep = keep_hint(draft)
        if draft.urge_prefilled and value is not None:
            hint = words["hint_urge_prefill"].format(value=value)
        elif keep:
            hint = f"{hint} {keep}"
        return words["urge"].format(when=asked.when), _options(pairs, chosen, ""), hint


class HelpedQuestion(Question):
    def describe(self, asked: Asked) -> Described:
        draft, words = asked.draft, reviews.words()
        text = Text()
        for index, (skill, label) in enumerate(reviews.skills(), start=1):
            if index > 1:
                text.append("\n")
            on_ = skill in draft.helped
            text.append(f" {index} ", style="bold")
            text.append(" ✓ " if on_ else " · ", style="bold" if on_ else "dim")
            text.append(label, style="bold" if on_ else "")
        hint = words["hint_helped_prefill"] if draft.helped_prefilled else ""
        return words["helped"].format(when=asked.when), text, hint


class LineQuestion(Question):
    """The two optional lines (one kindness, a note): one field, so `#line` is one widget."""

    def compose(self) -> ComposeResult:
        yield Static("", id="question")
        yield Static("", id="choices")
        yield ReviewLine(id="line", max_length=reviews.LINE_MAX, select_on_focus=False)
        yield Static("", id="hint", classes="muted")

    def describe(self, asked: Asked) -> Described:
        words = reviews.words()
        return words[asked.draft.step].format(when=asked.when), "", words["hint_text"]


class SummaryQuestion(Question):
    def describe(self, asked: Asked) -> Described:
        draft, words = asked.draft, reviews.words()
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for label, value in reviews.summary_rows(draft):
            table.add_row(label, Text(value))
        if draft.contact is False and asked.logged:
            table.add_row("", Text(words["unlinked_left"], style="italic"))
        hint = words["hint_summary_saved" if draft.saved else "hint_summary"]
        return words["summary"], table, hint


def make_question(step: str) -> Question:
    """A new widget for the question at `step`, its id the one `question_id` gives."""
    question: Question
    if step in ("felt", "mood"):
        question = ScaleQuestion(step)
    else:
        question = {
            "contact": ContactQuestion,
            "kind": KindQuestion,
            "urge": UrgeQuestion,
            "helped": HelpedQuestion,
            "summary": SummaryQuestion,
        }.get(step, LineQuestion)()
    question.id = question_id(step)
    return question


def question_id(step: str) -> str:
    return "q-line" if step in TEXT_STEPS else f"q-{step}"
