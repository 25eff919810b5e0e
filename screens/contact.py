"""Log a contact in a few keys (`c` from anywhere), or change or remove one logged before.

Keys: a number picks what happened, enter on "when" keeps "now", a number picks
how it felt, enter on the note saves. A contact that restarts the count is
answered with a restart point, never with blame.

While the form is open, letters are text: a letter pressed on one of the lists
goes into the note, never to another screen. Escape with something filled in
asks before leaving it; leaving another way (the command palette) keeps it as a
draft for the session, and quitting logs a contact whose kind was chosen.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from nocontact_tui.screens.base import AppScreen
from nocontact_tui.screens.dialogs.confirm import ConfirmModal, DiscardModal
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import Input, Label, Static

from nocontact_tui.domain.contact_form import (
    after_logging,
    felt_labels,
    kind_label,
    kind_labels,
    parse_when,
)
from nocontact_tui.domain.contacts import (
    Contact,
    delete_contact,
    list_contacts,
    log_contact,
    update_contact,
)
from nocontact_tui.domain.days import day_of
from nocontact_tui.domain.undo import Change
from nocontact_tui.journal.errors import InputError
from nocontact_tui.journal.schema import CONTACT_KINDS
from nocontact_tui.texts import line
from nocontact_tui.widgets.choice import ChoiceList
from nocontact_tui.widgets.footer import KeysFooter
from nocontact_tui.widgets.line_input import LineInput

MAX_NOTE = 500
FLUSHER_KEY = "contact"


class FormState(NamedTuple):
    """What the form holds: the chosen kind and feeling (indexes), and the two lines.

    A new contact's form left another way than escape is kept as one of these in
    `app.contact_draft` until the form is opened again (for this session only)."""

    kind: int | None = None
    when: str = ""
    felt: int | None = None
    note: str = ""


def confirm_delete(
    screen: AppScreen[Any], contact: Contact, done: Callable[[Change], None]
) -> None:
    """Ask before removing a logged contact; on yes remove it, say so and call `done` with
    the change, so the screen can offer to take it back."""
    app = screen.app
    question = line(
        "contact",
        "messages",
        "confirm_delete",
        when=contact.at.astimezone(app.clock.tz).strftime("%Y-%m-%d %H:%M"),
        kind=kind_label(contact.kind),
    )

    def answered(yes: bool | None) -> None:
        changes: list[Change] = []
        if yes and app.save(lambda: changes.append(delete_contact(app.store, contact.id))):
            screen.notify(line("contact", "messages", "deleted"))
            done(changes[0])

    app.push_screen(ConfirmModal(question), answered)


class ContactScreen(AppScreen[bool]):
    CSS_PATH = "contact.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+d", "delete", "Remove"),
        Binding("enter", "finish", "Go on"),
        Binding("escape", "leave", "Back", show=False),
    ]

    def __init__(self, edit_contact: int | None = None) -> None:
        """`edit_contact`: the id of a contact logged before, to change or remove; without
        it the form logs a new one (`go("contact", edit_contact=7)`)."""
        super().__init__()
        self.contact_id = edit_contact
        self.contact: Contact | None = None
        self.finished = False
        self.when_shown = ""
        self.opened_with = FormState()
        self.last_state = FormState()
        self.change: Change | None = None  # a saved edit or removal, for the screen below to undo

    # -- building -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        if self.contact_id is not None:
            self.contact = next(
                (c for c in list_contacts(self.app.store) if c.id == self.contact_id), None
            )
            if self.contact is None:
                self.notify(line("contact", "messages", "gone"))
                self.contact_id = None
        contact = self.contact
        kind = CONTACT_KINDS.index(contact.kind) if contact else None
        felt = contact.felt_after - 1 if contact and contact.felt_after else None
        if contact is not None:
            local = contact.at.astimezone(self.app.clock.tz)
            self.when_shown = local.strftime("%Y-%m-%d %H:%M")
        self.opened_with = FormState(
            kind, self.when_shown, felt, (contact.note or "") if contact else ""
        )
        draft = None
        if contact is None:
            draft, self.app.contact_draft = self.app.contact_draft, None
        start = draft if draft is not None else self.opened_with
        self.last_state = start
        with VerticalScroll(id="contact-form"):
            yield Static(line("contact", "edit_title" if contact else "title"), id="contact-title")
            yield Static(line("contact", "intro"), classes="muted")
            yield Label(line("contact", "kind_question"))
            yield ChoiceList(kind_labels(), chosen=start.kind, id="kind")
            yield Label(line("contact", "when_question"))
            yield LineInput(start.when, placeholder="now", id="when", max_length=40)
            yield Static(line("contact", "when_hint"), classes="muted hint")
            yield Label(line("contact", "felt_question"))
            yield ChoiceList(felt_labels(), chosen=start.felt, id="felt")
            yield Static(line("contact", "felt_hint"), classes="muted hint")
            yield Label(line("contact", "note_question"))
            yield LineInput(start.note, id="note", max_length=MAX_NOTE)
            yield Static("", id="contact-problem")
        with Vertical(id="contact-done"):
            yield Static("", id="done-message")
            yield Static(line("contact", "done_hint"), classes="muted")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.app.register_flusher(FLUSHER_KEY, self.flush)
        # A note with no kind chosen can't be logged: quitting asks before it goes.
        self.app.register_at_risk(
            FLUSHER_KEY,
            lambda: self.unsaved() and self.state().kind is None,
            line("messages", "quit_words_at_risk"),
        )
        self.query_one("#kind", ChoiceList).focus()

    def on_unmount(self) -> None:
        self.app.unregister_flusher(FLUSHER_KEY)
        self.app.unregister_at_risk(FLUSHER_KEY)
        if self.contact is None and self.unsaved():
            # Left some other way than escape (the palette): kept for the next visit.
            kept = self.state()
            app = self.app
            app.contact_draft = kept
            if kept.kind is None:
                app.register_at_risk(
                    FLUSHER_KEY,
                    lambda: app.contact_draft is not None,
                    line("messages", "quit_words_at_risk"),
                )

    # -- what is in the form -------------------------------------------------------------

    def state(self) -> FormState:
        """What the form holds now (or held last, once its fields are taken down)."""
        with contextlib.suppress(NoMatches):
            self.last_state = FormState(
                self.query_one("#kind", ChoiceList).chosen,
                self.query_one("#when", Input).value.strip(),
                self.query_one("#felt", ChoiceList).chosen,
                self.query_one("#note", Input).value,
            )
        return self.last_state

    @on(Input.Changed)
    @on(ChoiceList.Chosen)
    def remember(self) -> None:
        self.state()

    def unsaved(self) -> bool:
        """Whether the form holds something that leaving now would lose."""
        if self.finished:
            return False
        now, opened = self.state(), self.opened_with
        return now._replace(note=now.note.strip()) != opened._replace(note=opened.note.strip())

    @property
    def letters_are_text(self) -> bool:
        """Read by the footer: while the form is open, letters go into the note."""
        return not self.finished

    def on_key(self, event: events.Key) -> None:
        """Letters are text while the form is open: one pressed where it is not (on a list,
        say, after a tab) goes into the note. Never to another screen; `?` still helps."""
        if self.finished:
            return
        character = event.character
        if not event.is_printable or not character or character == "?":
            return
        # A field takes its letters itself, so a letter here came from somewhere else: a
        # list, or a field the focus has just left (keys typed fast after a tab arrive
        # before the focus moves on). It goes where the focus is now, or into the note.
        event.stop()
        event.prevent_default()
        field = self.focused if isinstance(self.focused, Input) else self.query_one("#note", Input)
        self.set_focus(field)
        field.insert_text_at_cursor(character)

    def on_paste(self, event: events.Paste) -> None:
        """A paste where no field takes it (on a list) goes into the note, as letters do."""
        if self.finished:
            return
        event.stop()
        note = self.query_one("#note", Input)
        self.set_focus(note)
        note.post_message(events.Paste(event.text))  # the field's own paste: cleaned, cut to fit

    def action_leave(self) -> None:
        if not self.unsaved():
            self.app.action_back()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.finished = True  # by choice: nothing is kept
                self.app.action_back()

        self.app.push_screen(DiscardModal(line("messages", "discard_typed")), answered)

    def flush(self) -> None:
        """Every way out (quit, a signal, the window closing): a contact whose kind was chosen
        is logged (or an edit saved) as the form holds it; it happened, and the person was
        writing it down. Without a kind there is no contact to log."""
        if not self.unsaved():
            return
        state = self.state()
        if state.kind is None:
            return
        at = self.read_when(quiet=True)
        if at is None:
            return
        self.write(state, at)
        self.finished = True  # only once: every way out runs the flushers

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
        text_line = self.query_one("#contact-problem", Static)
        text_line.update(text)
        if text:
            # Below the fold at 80x24: bring it into view, or the key seems to do nothing.
            self.call_after_refresh(text_line.scroll_visible, animate=False)

    def read_when(self, quiet: bool = False) -> datetime | None:
        """The moment typed in "when"; None, with the problem shown (unless `quiet`), if unreadable."""
        typed = self.query_one("#when", Input).value
        if self.contact is not None and typed.strip() == self.when_shown:
            return self.contact.at  # unchanged: keep the exact moment, seconds and all
        settings = self.app.settings
        try:
            moment = parse_when(
                typed, self.app.clock.now(), settings.day_starts_at, self.app.clock.tz
            )
        except InputError as exc:
            if not quiet:
                self.problem(exc.text)
                self.query_one("#when", Input).focus()
            return None
        self.problem("")
        return moment

    # -- saving ---------------------------------------------------------------------------

    def action_save(self) -> None:
        state = self.state()
        if state.kind is None:
            self.problem(line("contact", "messages", "missing_kind"))
            self.query_one("#kind", ChoiceList).focus()
            return
        at = self.read_when()
        if at is None:
            return
        app = self.app
        before = app.status()
        logged: list[int] = []
        if not app.save(lambda: logged.append(self.write(state, at))):
            return
        if self.contact is not None:
            self.notify(line("contact", "messages", "saved"))
            self.finished = True
            self.dismiss(True)
            return
        after = app.status()
        day = day_of(at, after.settings.day_starts_at, app.clock.tz)
        kind = CONTACT_KINDS[state.kind]
        text = after_logging(before.streak, after.streak, logged[0], kind, day, after.settings)
        self.show_done(text)

    def write(self, state: FormState, at: datetime) -> int:
        """Log the contact (or save the changed one) as `state` holds it; its id."""
        assert state.kind is not None
        kind = CONTACT_KINDS[state.kind]
        felt = None if state.felt is None else state.felt + 1
        note = " ".join(state.note.split()) or None
        store, now = self.app.store, self.app.clock.now()
        if self.contact is not None:
            contact_id = self.contact.id
            self.change = update_contact(
                store, contact_id, kind, at, now=now, felt_after=felt, note=note
            )
            return contact_id
        return log_contact(store, kind, at, now=now, felt_after=felt, note=note)

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
            confirm_delete(self, self.contact, self.removed)

    def removed(self, change: Change) -> None:
        self.change = change
        self.finished = True
        self.dismiss(True)
