"""People to reach instead: the person's short list, a name and how to reach them.

Nothing here dials or sends; the list is for reading in a hard minute, and the urge
surf offers one of them among its prompts.
"""

from __future__ import annotations

from nocontact_tui.screens.base import AppScreen
from nocontact_tui.screens.dialogs.ask_line import AskLine
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from nocontact_tui.domain.people import (
    MAX_HOW,
    MAX_NAME,
    Person,
    add_person,
    edit_person,
    list_people,
    remove_person,
)
from nocontact_tui.texts import line
from nocontact_tui.widgets.footer import KeysFooter
from nocontact_tui.widgets.line_input import LineInput


class PeopleScreen(AppScreen[None]):
    CSS_PATH = "people.tcss"
    AUTO_FOCUS = ""
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
    # Keys typed in one burst go in order: the app holds the keys behind one that moves
    # the focus (enter, n, escape) until it has moved (nocontact_tui/key_order.py).
    BINDINGS = [
        Binding("n", "add", "Add"),
        Binding("e", "edit", "Change"),
        Binding("x", "remove", "Remove"),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.people: list[Person] = []
        self.editing: Person | None = None  # the person being changed, None when adding
        self.writing = False
        self.kept_words = ("", "")  # the form's name and how, as last seen (see form_words)
        self.flusher_key = f"people-{id(self)}"

    def compose(self) -> ComposeResult:
        with Vertical(id="people-body"):
            yield Static(line("plans", "people", "title"), id="people-title")
            yield Static(line("plans", "people", "intro"), id="people-intro", classes="muted")
            yield Static(line("plans", "people", "empty"), id="people-empty")
            yield OptionList(id="people-list")
            with Vertical(id="person-form"):
                yield Static(line("plans", "people", "name_prompt"), classes="label")
                yield LineInput(id="person-name", max_length=MAX_NAME)
                yield Static(line("plans", "people", "how_prompt"), classes="label")
                yield LineInput(id="person-how", max_length=MAX_HOW)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.refresh_list()
        # Every way out but escape (ctrl+q, a signal, the terminal closing, the palette)
        # keeps a person with a name; words with no name can't be kept, so quitting asks.
        self.app.register_flusher(self.flusher_key, self.flush)
        self.app.register_at_risk(
            self.flusher_key,
            lambda: self.typed_unsaved() and not self.form_words()[0].strip(),
            line("plans", "people", "quit_at_risk"),
        )

    def on_unmount(self) -> None:
        self.flush()
        self.app.unregister_flusher(self.flusher_key)
        self.app.unregister_at_risk(self.flusher_key)

    def refresh_list(self, keep: int | None = None) -> None:
        self.people = list_people(self.app.store)
        options = self.query_one("#people-list", OptionList)
        options.set_options(Option(p.line, id=str(p.id)) for p in self.people)
        ids = [p.id for p in self.people]
        if self.people:
            options.highlighted = ids.index(keep) if keep in ids else 0
        self.show()

    def show(self) -> None:
        self.set_class(self.writing, "-writing")
        self.set_class(not self.people, "-empty")
        if not self.writing:
            options = self.query_one("#people-list", OptionList)
            if self.people:
                # At once, not options.focus() (a later turn of the app): an n typed
                # right after a save would open the form, and then lose its focus.
                self.set_focus(options)
            else:
                self.set_focus(None)
        self.refresh_bindings()

    @property
    def chosen(self) -> Person | None:
        index = self.query_one("#people-list", OptionList).highlighted
        return self.people[index] if index is not None and index < len(self.people) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add":
            return not self.writing
        if action in ("edit", "remove"):
            return not self.writing and self.chosen is not None
        return True

    # -- the form ------------------------------------------------------------------------

    def open_form(self, person: Person | None) -> None:
        self.editing, self.writing = person, True
        name = self.query_one("#person-name", Input)
        name.value = person.name if person else ""
        self.query_one("#person-how", Input).value = person.how if person else ""
        self.show()
        self.set_focus(name)

    def action_add(self) -> None:
        self.open_form(None)

    def action_edit(self) -> None:
        if self.chosen is not None:
            self.open_form(self.chosen)

    @on(Input.Submitted, "#person-name")
    def name_given(self, event: Input.Submitted) -> None:
        event.stop()
        self.set_focus(self.query_one("#person-how", Input))

    @on(Input.Submitted, "#person-how")
    def how_given(self, event: Input.Submitted) -> None:
        event.stop()
        self.save_person()

    def save_person(self) -> None:
        app = self.app
        name = self.query_one("#person-name", Input).value
        how = self.query_one("#person-how", Input).value
        editing = self.editing
        made: list[int] = []

        def write() -> None:
            if editing is None:
                made.append(add_person(app.store, name, how, now=app.clock.now()))
            else:
                edit_person(app.store, editing.id, name, how)
                made.append(editing.id)

        if not app.save(write):
            self.set_focus(self.query_one("#person-how" if name.strip() else "#person-name"))
            return
        self.writing = False
        self.refresh_list(keep=made[0])
        if editing is None:
            self.notify(
                line("plans", "people", "added", who=self.chosen.name if self.chosen else name),
                timeout=3,
            )

    def form_words(self) -> tuple[str, str]:
        """The name and how as the fields hold them, or held last once they are taken down."""
        for name in self.query("#person-name").results(Input):
            self.kept_words = (name.value, self.query_one("#person-how", Input).value)
        return self.kept_words

    @on(Input.Changed)
    def keep_words(self) -> None:
        self.form_words()

    def typed_unsaved(self) -> bool:
        if not self.writing:
            return False
        before = (self.editing.name, self.editing.how) if self.editing else ("", "")
        return tuple(words.strip() for words in self.form_words()) != before

    def flush(self) -> None:
        """A person typed with a name is kept as it stands, on a way out the person did not
        choose as "leave it"; nothing is said, the screen may be gone."""
        if not self.typed_unsaved():
            return
        name, how = self.form_words()
        if not name.strip():
            return  # nothing can hold words without a name (quitting asked first)
        app, editing = self.app, self.editing
        self.writing = False
        if editing is None:
            app.save(lambda: add_person(app.store, name, how, now=app.clock.now()))
        else:
            app.save(lambda: edit_person(app.store, editing.id, name, how))

    # -- leaving and removing ------------------------------------------------------------

    def action_leave(self) -> None:
        """Escape: out of the form (asking first if it holds new words), or back."""
        if not self.writing:
            self.app.action_back()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.writing = False
                self.show()

        if self.typed_unsaved():
            self.app.push_screen(
                AskLine(
                    line("plans", "people", "discard"),
                    yes=line("plans", "people", "discard_yes"),
                    other=line("plans", "people", "discard_other"),
                ),
                answered,
            )
        else:
            answered(True)

    def action_remove(self) -> None:
        person = self.chosen
        if person is None:
            return

        def answered(yes: bool | None) -> None:
            if yes and self.app.save(lambda: remove_person(self.app.store, person.id)):
                self.refresh_list()
                self.notify(line("plans", "people", "removed", who=person.name), timeout=3)

        self.app.push_screen(
            AskLine(
                line("plans", "people", "remove_ask", who=person.name),
                yes=line("plans", "people", "remove_yes"),
                other=line("plans", "people", "remove_other"),
            ),
            answered,
        )
