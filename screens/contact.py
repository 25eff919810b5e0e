"""Log a contact in a few keys (`c` from anywhere), or change or remove one logged before.

Keys: a number picks what happened, enter on "when" keeps "now", a number picks
how it felt, enter on the note saves. A contact that restarts the count is
answered with a restart point, never with blame.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from nocontact_tui.contact_form import (
    after_logging,
    felt_labels,
    kind_label,
    kind_labels,
    parse_when,
)
from nocontact_tui.contacts import (
    Contact,
    delete_contact,
    list_contacts,
    log_contact,
    update_contact,
)
from nocontact_tui.days import day_of
from nocontact_tui.errors import InputError
from nocontact_tui.schema import CONTACT_KINDS
from nocontact_tui.texts import load
from nocontact_tui.widgets.choice import ChoiceList
from nocontact_tui.widgets.confirm import ConfirmModal
from nocontact_tui.widgets.footer import KeysFooter
from nocontact_tui.widgets.line_input import LineInput

MAX_NOTE = 500
HANDOFF_KEY = "edit_contact"  # app.handoff[HANDOFF_KEY] = id opens that contact to change


def words(key: str, **values: object) -> str:
    table = load("contact")
    text = table["messages"][key] if key in table["messages"] else table[key]
    return str(text).format(**values) if values else str(text)


def confirm_delete(screen: Screen, contact: Contact, done: Callable[[], None]) -> None:
    """Ask before removing a logged contact; on yes remove it, say so and call `done`."""
    app = screen.app
    question = words(
        "confirm_delete",
        when=contact.at.astimezone(app.clock.tz).strftime("%Y-%m-%d %H:%M"),
        kind=kind_label(contact.kind),
    )

    def answered(yes: bool | None) -> None:
        if yes and app.save(lambda: delete_contact(app.store, contact.id)):
            screen.notify(words("deleted"))
            done()

    app.push_screen(ConfirmModal(question), answered)


class ContactScreen(Screen[bool]):
    CSS_PATH = "contact.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+d", "delete", "Remove"),
        Binding("enter", "finish", "Go on"),
    ]

    def __init__(self, contact_id: int | None = None) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.contact: Contact | None = None
        self.finished = False
        self.when_shown = ""

    # -- building -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        if self.contact_id is None:
            handed = self.app.handoff.pop(HANDOFF_KEY, None)
            self.contact_id = handed if isinstance(handed, int) else None
        if self.contact_id is not None:
            self.contact = next(
                (c for c in list_contacts(self.app.store) if c.id == self.contact_id), None
            )
            if self.contact is None:
                self.notify(words("gone"))
                self.contact_id = None
        contact = self.contact
        kind = CONTACT_KINDS.index(contact.kind) if contact else None
        felt = contact.felt_after - 1 if contact and contact.felt_after else None
        if contact is not None:
            local = contact.at.astimezone(self.app.clock.tz)
            self.when_shown = local.strftime("%Y-%m-%d %H:%M")
        with VerticalScroll(id="contact-form"):
            yield Static(words("edit_title" if contact else "title"), id="contact-title")
            yield Static(words("intro"), classes="muted")
            yield Label(words("kind_question"))
            yield ChoiceList(kind_labels(), chosen=kind, id="kind")
            yield Label(words("when_question"))
            yield LineInput(self.when_shown, placeholder="now", id="when", max_length=40)
            yield Static(words("when_hint"), classes="muted hint")
            yield Label(words("felt_question"))
            yield ChoiceList(felt_labels(), chosen=felt, id="felt")
            yield Static(words("felt_hint"), classes="muted hint")
            yield Label(words("note_question"))
            yield LineInput((contact.note or "") if contact else "", id="note", max_length=MAX_NOTE)
            yield Static("", id="contact-problem")
        with Vertical(id="contact-done"):
            yield Static("", id="done-message")
            yield Static(words("done_hint"), classes="muted")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#kind", ChoiceList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "finish":
            return self.finished
        if action == "delete":
            return self.contact is not None and not self.finished
        if action == "save":
            return not self.finished
        return True

    # -- moving through the form ---------------------------------------------------------

    @on(ChoiceList.Chosen, "#kind")
    def kind_chosen(self) -> None:
        self.problem("")
        self.query_one("#when", Input).focus()

    @on(Input.Submitted, "#when")
    def when_given(self) -> None:
        if self.read_when() is not None:
            self.query_one("#felt", ChoiceList).focus()

    @on(ChoiceList.Chosen, "#felt")
    def felt_chosen(self) -> None:
        self.query_one("#note", Input).focus()

    @on(Input.Submitted, "#note")
    def note_given(self) -> None:
        self.action_save()

    def problem(self, text: str) -> None:
        self.query_one("#contact-problem", Static).update(text)

    def read_when(self) -> datetime | None:
        typed = self.query_one("#when", Input).value
        if self.contact is not None and typed.strip() == self.when_shown:
            return self.contact.at  # unchanged: keep the exact moment, seconds and all
        settings = self.app.settings
        try:
            moment = parse_when(
                typed, self.app.clock.now(), settings.day_starts_at, self.app.clock.tz
            )
        except InputError as exc:
            self.problem(exc.text)
            self.query_one("#when", Input).focus()
            return None
        self.problem("")
        return moment

    # -- saving ---------------------------------------------------------------------------

    def action_save(self) -> None:
        kind_index = self.query_one("#kind", ChoiceList).chosen
        if kind_index is None:
            self.problem(words("missing_kind"))
            self.query_one("#kind", ChoiceList).focus()
            return
        at = self.read_when()
        if at is None:
            return
        kind = CONTACT_KINDS[kind_index]
        felt_index = self.query_one("#felt", ChoiceList).chosen
        felt = None if felt_index is None else felt_index + 1
        note = " ".join(self.query_one("#note", Input).value.split()) or None
        app = self.app
        now = app.clock.now()
        if self.contact is not None:
            contact_id = self.contact.id
            if app.save(
                lambda: update_contact(
                    app.store, contact_id, kind, at, now=now, felt_after=felt, note=note
                )
            ):
                self.notify(words("saved"))
                self.dismiss(True)
            return
        before = app.status()
        logged: list[int] = []
        if not app.save(
            lambda: logged.append(
                log_contact(app.store, kind, at, now=now, felt_after=felt, note=note)
            )
        ):
            return
        after = app.status()
        day = day_of(at, after.settings.day_starts_at, app.clock.tz)
        text = after_logging(before.streak, after.streak, logged[0], kind, day, after.settings)
        self.show_done(text)

    def show_done(self, text: str) -> None:
        self.finished = True
        self.query_one("#done-message", Static).update(text)
        self.query_one("#contact-form").display = False
        self.query_one("#contact-done").display = True
        self.set_focus(None)
        self.refresh_bindings()

    def action_finish(self) -> None:
        self.dismiss(True)

    def action_delete(self) -> None:
        if self.contact is not None:
            confirm_delete(self, self.contact, lambda: self.dismiss(True))
