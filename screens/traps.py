"""The trap cards, to read at leisure: the list on one side, the card on the other.

Each card can carry the person's own if-then plan (`p` writes, changes or clears
it); the urge check-in shows it first when that card is chosen.
"""

from __future__ import annotations

from nocontact_tui.screens.base import AppScreen
from nocontact_tui.screens.dialogs.ask_line import AskLine
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from nocontact_tui.domain.plans import MAX_PLAN, all_plans, set_plan
from nocontact_tui.domain.traps import Trap, load_traps
from nocontact_tui.texts import line
from nocontact_tui.widgets.footer import KeysFooter
from nocontact_tui.widgets.line_input import LineInput

# Short labels for the four parts of a card; the card's words live in content/traps.toml.
SECTIONS = (
    ("sounds_like", "How it sounds"),
    ("underneath", "Underneath"),
    ("counter", "Another way to see it"),
    ("question", "Ask yourself"),
)


def card_text(trap: Trap, plan: str | None = None) -> Text:
    text = Text()
    text.append(trap.name, "bold")
    for field, label in SECTIONS:
        text.append(f"\n\n{label}\n", "bold dim")
        value = getattr(trap, field)
        text.append(f"“{value}”" if field == "sounds_like" else value)
    if plan:
        text.append(f"\n\n{line('plans', 'plans', 'heading')}\n", "bold")
        text.append(plan)
    return text


class TrapsScreen(AppScreen[None]):
    CSS_PATH = "traps.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]
    BINDINGS = [
        Binding("p", "write_plan", "My plan"),
        Binding("enter", "keep_plan", "Keep plan"),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self, open_trap: str | None = None) -> None:
        """`open_trap`: the id of the card to show first (`go("traps", open_trap="...")`)."""
        super().__init__()
        self.traps = load_traps()
        self.open_trap = open_trap
        self.plans: dict[str, str] = {}  # card id -> the person's own plan, read at mount
        self.writing = False  # the plan's field is open

    def compose(self) -> ComposeResult:
        with Horizontal(id="traps-body"):
            yield OptionList(*(Option(t.name, id=t.id) for t in self.traps), id="trap-index")
            with VerticalScroll(id="card-box"):
                yield Static("", id="card")
                yield Static(line("plans", "plans", "write_hint"), id="plan-hint", classes="muted")
                yield LineInput(
                    id="plan-input",
                    max_length=MAX_PLAN,
                    placeholder=line("plans", "plans", "example"),
                )
        yield KeysFooter()

    def on_mount(self) -> None:
        index = self.query_one("#trap-index", OptionList)
        ids = [t.id for t in self.traps]
        wanted = self.open_trap
        index.highlighted = ids.index(wanted) if wanted in ids else 0
        index.focus()
        self.plans = all_plans(self.app.store)
        self.show(index.highlighted or 0)

    @on(OptionList.OptionHighlighted, "#trap-index")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show(event.option_index)

    @on(OptionList.OptionSelected, "#trap-index")
    def selected(self, event: OptionList.OptionSelected) -> None:
        # Enter moves to the card, so a long card can be scrolled; tab or shift+tab returns.
        self.query_one("#card-box", VerticalScroll).focus()

    def show(self, index: int) -> None:
        if 0 <= index < len(self.traps):
            trap = self.traps[index]
            self.query_one("#card", Static).update(card_text(trap, self.plans.get(trap.id)))
            self.query_one("#card-box", VerticalScroll).scroll_home(animate=False)
        self.set_class(self.writing, "-writing")

    # -- the person's own plan for the card shown ----------------------------------------

    @property
    def shown_trap(self) -> Trap | None:
        index = self.query_one("#trap-index", OptionList).highlighted
        return self.traps[index] if index is not None and 0 <= index < len(self.traps) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "write_plan":
            return not self.writing
        if action == "keep_plan":
            return self.writing
        return True

    def action_write_plan(self) -> None:
        trap = self.shown_trap
        if trap is None:
            return
        self.writing = True
        field = self.query_one("#plan-input", Input)
        field.value = self.plans.get(trap.id, "")
        field.cursor_position = len(field.value)
        self.show(self.query_one("#trap-index", OptionList).highlighted or 0)
        self.set_focus(field)
        box = self.query_one("#card-box", VerticalScroll)
        self.call_after_refresh(box.scroll_end, animate=False)  # the field is under the card
        self.refresh_bindings()

    def typed_unsaved(self) -> bool:
        trap = self.shown_trap
        if not self.writing or trap is None:
            return False
        return self.query_one("#plan-input", Input).value.strip() != self.plans.get(trap.id, "")

    @on(Input.Submitted, "#plan-input")
    def plan_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_keep_plan()

    def action_keep_plan(self) -> None:
        trap = self.shown_trap
        if trap is None or not self.writing:
            return
        text = self.query_one("#plan-input", Input).value
        app = self.app
        kept: list[str | None] = []
        if not app.save(
            lambda: kept.append(set_plan(app.store, trap.id, text, now=app.clock.now()))
        ):
            return
        if kept[0]:
            self.plans[trap.id] = kept[0]
        else:
            self.plans.pop(trap.id, None)
        self.notify(line("plans", "plans", "saved" if kept[0] else "cleared"), timeout=3)
        self.stop_writing()

    def stop_writing(self) -> None:
        self.writing = False
        index = self.query_one("#trap-index", OptionList)
        self.show(index.highlighted or 0)
        index.focus()
        self.refresh_bindings()

    def action_leave(self) -> None:
        """Escape: out of the plan being written (asking first if it holds new words), or back."""
        if not self.writing:
            self.app.action_back()
            return
        if not self.typed_unsaved():
            self.stop_writing()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.stop_writing()

        self.app.push_screen(
            AskLine(
                line("plans", "plans", "discard"),
                yes=line("plans", "plans", "discard_yes"),
                other=line("plans", "plans", "discard_other"),
            ),
            answered,
        )
