"""The trap cards, to read at leisure: the list on one side, the card on the other."""

from __future__ import annotations

from nocontact_tui.screens.base import AppScreen
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from nocontact_tui.domain.traps import Trap, load_traps
from nocontact_tui.widgets.footer import KeysFooter

# Short labels for the four parts of a card; the card's words live in content/traps.toml.
SECTIONS = (
    ("sounds_like", "How it sounds"),
    ("underneath", "Underneath"),
    ("counter", "Another way to see it"),
    ("question", "Ask yourself"),
)


def card_text(trap: Trap) -> Text:
    text = Text()
    text.append(trap.name, "bold")
    for field, label in SECTIONS:
        text.append(f"\n\n{label}\n", "bold dim")
        value = getattr(trap, field)
        text.append(f"“{value}”" if field == "sounds_like" else value)
    return text


class TrapsScreen(AppScreen[None]):
    CSS_PATH = "traps.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]
    BINDINGS = [Binding("escape", "app.back", "Back")]

    def __init__(self, open_trap: str | None = None) -> None:
        super().__init__()
        self.traps = load_traps()
        self.open_trap = open_trap  # the card to show first (the urge check-in's trap)

    def compose(self) -> ComposeResult:
        with Horizontal(id="traps-body"):
            yield OptionList(*(Option(t.name, id=t.id) for t in self.traps), id="trap-index")
            with VerticalScroll(id="card-box"):
                yield Static("", id="card")
        yield KeysFooter()

    def on_mount(self) -> None:
        index = self.query_one("#trap-index", OptionList)
        wanted = self.open_trap or self.app.handoff.pop("open_trap", None)
        ids = [t.id for t in self.traps]
        index.highlighted = ids.index(wanted) if wanted in ids else 0
        index.focus()
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
            self.query_one("#card", Static).update(card_text(self.traps[index]))
            self.query_one("#card-box", VerticalScroll).scroll_home(animate=False)
