"""Remember why it ended: the user's own reasons, grouped, in their order.

The list is drawn as rows of plain text with one selected; editing happens in
place, in an input where the row was. Every change goes straight to the
journal through the reasons domain; the screen only keeps the cursor.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from nocontact_tui.screens.base import AppScreen
from nocontact_tui.screens.dialogs.confirm import ConfirmModal, DiscardModal
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Static

from nocontact_tui.domain import reasons as domain
from nocontact_tui.domain.reasons import Reason
from nocontact_tui.domain.undo import Change, take_back
from nocontact_tui.texts import line, message
from nocontact_tui.widgets.footer import KeysFooter
from nocontact_tui.widgets.line_input import LineInput

from .dialogs.move import MoveModal

FLUSHER_KEY = "reasons"
MAX_REASON = 2000  # characters: a reason is a sentence or a paragraph, not a letter


@dataclass(frozen=True)
class Row:
    """One line of the list: a group heading (reason None) or a reason."""

    group: str | None
    reason: Reason | None = None

    @property
    def key(self) -> tuple[str, object]:
        return ("r", self.reason.id) if self.reason else ("g", self.group)


words = partial(line, "reasons")


class ReasonsScreen(AppScreen[None]):
    CSS_PATH = "reasons.tcss"
    AUTO_FOCUS = ""  # the list keys belong to the screen; inputs take focus only while in use
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("a", "add", "Add"),
        Binding("enter,e", "edit", "Edit"),
        # Not d: d is the daily review everywhere else, and a delete must mean nothing else.
        Binding("x,delete", "delete", "Delete"),
        Binding("z,ctrl+z", "undo", "Undo"),
        Binding("shift+up,K", "shift(-1)", "Move up"),
        Binding("shift+down,J", "shift(1)", "Move down"),
        Binding("m", "move", "Group"),
        Binding("g", "new_group", "New group", show=False),
        Binding("slash", "filter", "Filter"),
        Binding("escape", "cancel", "Back", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []
        self.cursor_key: tuple[str, object] | None = None
        # What is being typed in place: ("edit", id), ("add", group), ("rename", group)
        # or ("group", None) for a new group; None while the list keys are active.
        self.editing: tuple[str, object] | None = None
        self.query_text = ""
        self.typing: str | None = None  # what the in-place input holds, once the user typed in it
        self.editing_from = ""  # what the in-place input held when it opened
        self.last_change: Change | None = None  # the last saved edit or delete, to take back
        self._drawing = asyncio.Lock()  # a resume and a dialog's answer may both redraw

    def compose(self) -> ComposeResult:
        with Vertical(id="reasons-page"):
            yield Static(words("title"), id="reasons-title")
            yield LineInput(
                placeholder=words("filter_placeholder"), id="reasons-filter", max_length=100
            )
            yield VerticalScroll(id="reasons-list", can_focus=False)
        yield KeysFooter()

    async def on_mount(self) -> None:
        self.app.register_flusher(FLUSHER_KEY, self.flush)
        await self.rebuild()

    def on_unmount(self) -> None:
        self.app.save(self.flush)
        self.app.unregister_flusher(FLUSHER_KEY)

    @on(Input.Changed, ".row-editor")
    def keep_typing(self, event: Input.Changed) -> None:
        self.typing = event.value

    def flush(self) -> None:
        """Every way out (quit, a signal, the window closing): a reason half-typed is kept as it is."""
        editing, text = self.editing, self.typing
        for field in self.query(".row-editor").results(Input):
            text = field.value  # the field itself: its last Changed messages may still wait
        if editing is None or text is None or not text.strip():
            return
        store, now = self.app.store, self.app.clock.now()
        kind, target = editing
        if kind == "add":
            domain.add_reason(
                store, text, now=now, category=target if isinstance(target, str) else None
            )
        elif kind == "edit" and isinstance(target, int):
            if (store.get(domain.TABLE, target) or {}).get("text") == text.strip():
                return  # opened, not changed
            domain.edit_reason(store, target, text, now=now)
        else:
            return  # a group name is a label, not something the user wrote out
        self.editing = self.typing = None  # only once: every way out runs the flushers

    async def on_screen_resume(self) -> None:
        if self.is_mounted and self.editing is None:
            await self.rebuild()

    # -- drawing -----------------------------------------------------------------------------

    def current_rows(self) -> tuple[list[Row], list[Reason], dict[str | None, int]]:
        """The rows to show (filtered), every reason, and each group's full count."""
        store = self.app.store
        every = domain.list_reasons(store)
        names = domain.categories(store, every)
        counts = {group: len(members) for group, members in domain.group_reasons(every, names)}
        shown = domain.filter_reasons(every, self.query_text)
        rows: list[Row] = []
        for group, members in domain.group_reasons(shown, names):
            if self.query_text and not members:
                continue
            rows.append(Row(group))
            rows.extend(Row(group, r) for r in members)
        return rows, every, counts

    def being_edited(self, row: Row) -> bool:
        if self.editing is None:
            return False
        kind, target = self.editing
        if row.reason is not None:
            return kind == "edit" and target == row.reason.id
        return kind == "rename" and target == row.group

    def row_widget(self, row: Row, counts: dict[str | None, int]) -> Widget:
        if self.being_edited(row):
            return self.editor(row.reason.text if row.reason else row.group or "")
        if row.reason is None:
            label = Text.assemble(
                (row.group or words("unsorted"), "bold"),
                ("  " + str(counts.get(row.group, 0)), "dim"),
            )
            widget = Static(label, classes="group-head")
        else:
            widget = Static(Text(row.reason.text), classes="reason-row")
        if row.key == self.cursor_key and self.editing is None:
            widget.add_class("-selected")
        return widget

    def editor(self, value: str, placeholder: str = "") -> Input:
        self.editing_from = value
        return LineInput(
            value, placeholder=placeholder, classes="row-editor", max_length=MAX_REASON
        )

    async def rebuild(self) -> None:
        async with self._drawing:
            await self._rebuild()

    async def _rebuild(self) -> None:
        self.typing = None  # the inputs are made afresh from what the journal holds
        self.rows, every, counts = self.current_rows()
        keys = [row.key for row in self.rows]
        if self.cursor_key not in keys:
            first_reason = next((row.key for row in self.rows if row.reason), None)
            self.cursor_key = first_reason or (keys[0] if keys else None)
        widgets: list[Widget] = []
        if not every and not self.query_text:
            widgets.append(Static(words("empty_intro"), classes="starter-intro"))
            day = self.app.status().today.toordinal()
            widgets.extend(
                Static(Text("· " + q), classes="starter") for q in domain.starter_questions(day)
            )
            widgets.append(Static(words("empty_hint"), classes="muted starter-hint"))
        elif self.query_text and not self.rows:
            widgets.append(Static(Text(words("no_match", query=self.query_text)), classes="muted"))
        if self.editing == ("group", None):
            widgets.append(self.editor("", words("group_placeholder")))
        selected: Widget | None = None
        for index, row in enumerate(self.rows):
            widget = self.row_widget(row, counts)
            widgets.append(widget)
            if row.key == self.cursor_key:
                selected = widget
            last_of_group = index + 1 == len(self.rows) or self.rows[index + 1].group != row.group
            if self.editing == ("add", row.group) and last_of_group:
                selected = self.editor("", words("add_placeholder"))
                widgets.append(selected)
        container = self.query_one("#reasons-list", VerticalScroll)
        await container.remove_children()
        await container.mount_all(widgets)
        editors = container.query(".row-editor")
        if editors:
            editors.first(Input).focus()
            selected = editors.first()
        elif self.focused is not self.query_one("#reasons-filter"):
            self.set_focus(None)
        if selected is not None:
            # After the next layout, when the new rows have their places.
            self.call_after_refresh(container.scroll_to_widget, selected, animate=False)

    # -- the cursor --------------------------------------------------------------------------

    def selected_row(self) -> Row | None:
        return next((row for row in self.rows if row.key == self.cursor_key), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return True
        if action == "undo":
            return self.editing is None and self.last_change is not None
        # While typing in place, the list keys stay with the input.
        return self.editing is None

    def on_key(self, event: events.Key) -> None:
        """While a reason is being written, letters are text: a letter pressed while the
        focus is elsewhere (after a click) goes into the reason, never to another screen."""
        if self.editing is None or not event.is_printable or not event.character:
            return
        editors = self.query(".row-editor")
        if not editors or self.focused is editors.first():
            return
        field = editors.first(Input)
        event.stop()
        event.prevent_default()
        self.set_focus(field)
        field.insert_text_at_cursor(event.character)

    async def action_cursor(self, step: int) -> None:
        keys = [row.key for row in self.rows]
        if not keys:
            return
        index = keys.index(self.cursor_key) if self.cursor_key in keys else 0
        self.cursor_key = keys[max(0, min(len(keys) - 1, index + step))]
        self.query_one("#reasons-filter", Input).blur()
        await self.rebuild()

    # -- changes ---------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.app.clock.now()

    async def action_add(self) -> None:
        row = self.selected_row()
        group = row.group if row else domain.default_categories()[0]
        if self.query_text:
            await self.clear_filter()
        self.editing = ("add", group)
        await self.rebuild()

    async def action_edit(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if row.reason is not None:
            self.editing = ("edit", row.reason.id)
        elif domain.is_user_category(self.app.store, row.group):
            self.editing = ("rename", row.group)
        else:
            self.notify(domain.message_for("category_default_fixed"))
            return
        await self.rebuild()

    async def action_new_group(self) -> None:
        self.editing = ("group", None)
        await self.rebuild()

    @on(Input.Submitted, ".row-editor")
    async def typed(self, event: Input.Submitted) -> None:
        event.stop()
        store, editing, value = self.app.store, self.editing, event.value
        if editing is None:
            return
        done: list[object] = []
        changes: list[Change] = []
        if editing[0] == "add":
            if not value.strip():  # an empty line just closes the editor
                await self.action_cancel()
                return
            group = editing[1] if isinstance(editing[1], str) else None
            ok = self.app.save(
                lambda: done.append(domain.add_reason(store, value, now=self.now(), category=group))
            )
            if ok:
                self.cursor_key = ("r", done[0])
        elif editing[0] == "edit":
            reason_id = editing[1]
            assert isinstance(reason_id, int)
            ok = self.app.save(
                lambda: changes.append(domain.edit_reason(store, reason_id, value, now=self.now()))
            )
        elif editing[0] == "rename":
            old = str(editing[1])
            ok = self.app.save(
                lambda: done.append(domain.rename_category(store, old, value, now=self.now()))
            )
            if ok:
                self.cursor_key = ("g", done[0])
        else:
            ok = self.app.save(lambda: done.append(domain.add_category(store, value)))
            if ok:
                self.cursor_key = ("g", done[0])
        if ok:
            # Only the newest change can be taken back; any other change ends the chance.
            self.last_change = changes[0] if editing[0] == "edit" else None
            self.editing = None
            await self.rebuild()

    def unsaved_words(self) -> bool:
        """Whether leaving now would lose words: the input holds something other than what it
        opened with (an emptied edit loses nothing, the journal still has the reason)."""
        if self.editing is None:
            return False
        for field in self.query(".row-editor").results(Input):
            typed = field.value.strip()
            return bool(typed) and typed != self.editing_from.strip()
        return False

    async def action_cancel(self) -> None:
        if self.editing is not None and self.unsaved_words():

            async def answered(leave: bool | None) -> None:
                if leave:
                    self.editing = None
                    await self.rebuild()
                else:
                    for field in self.query(".row-editor").results(Input):
                        self.set_focus(field)

            self.app.push_screen(DiscardModal(message("discard_typed")), answered)
        elif self.editing is not None:
            self.editing = None
            await self.rebuild()
        elif self.query_text or self.query_one("#reasons-filter").display:
            await self.clear_filter()
        else:
            self.app.action_back()

    def action_delete(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        store = self.app.store
        changes: list[Change] = []
        if row.reason is not None:
            reason = row.reason
            short = reason.text if len(reason.text) <= 80 else reason.text[:79] + "…"
            question = domain.message_for("confirm_delete", text=short)
            write = lambda: changes.append(domain.delete_reason(store, reason.id))  # noqa: E731
        else:
            group = row.group
            if not domain.is_user_category(store, group) or any(
                r.group == group and r.reason for r in self.rows
            ):
                key = (
                    "category_not_empty"
                    if domain.is_user_category(store, group)
                    else "category_default_fixed"
                )
                self.notify(domain.message_for(key))
                return
            question = domain.message_for("confirm_group", name=group)
            write = lambda: domain.remove_category(store, str(group))  # noqa: E731

        async def answered(yes: bool | None) -> None:
            if yes and self.app.save(write):
                self.last_change = changes[0] if changes else None
                keys = [r.key for r in self.rows]
                index = keys.index(row.key)
                neighbours = keys[index + 1 :] + keys[:index][::-1]
                self.cursor_key = next((k for k in neighbours if k[0] == "r"), None)
                self.notify(domain.message_for("deleted_undo"))
                await self.rebuild()

        self.app.push_screen(ConfirmModal(question), answered)

    async def action_undo(self) -> None:
        change = self.last_change
        if change is None:
            return
        if self.app.save(lambda: take_back(self.app.store, change)):
            self.last_change = None
            restored = next((s.doc_id for s in change.snapshots if s.before is not None), None)
            if restored is not None:
                self.cursor_key = ("r", restored)
            self.notify(message("undone_delete" if change.kind == "delete" else "undone_edit"))
            await self.rebuild()

    async def action_shift(self, step: int) -> None:
        row = self.selected_row()
        if row is None or row.reason is None:
            return
        reason_id = row.reason.id
        if self.app.save(lambda: domain.shift_reason(self.app.store, reason_id, step)):
            self.last_change = None
            await self.rebuild()

    def action_move(self) -> None:
        row = self.selected_row()
        if row is None or row.reason is None:
            return
        reason = row.reason
        groups = [g for g in domain.categories(self.app.store) if g is not None]

        async def moved(target: str | None) -> None:
            if target is None:
                return
            done: list[str | None] = []
            if self.app.save(
                lambda: done.append(
                    domain.move_reason(self.app.store, reason.id, target, now=self.now())
                )
            ):
                self.last_change = None
                self.notify(domain.message_for("moved", name=done[0] or words("unsorted")))
                await self.rebuild()

        self.app.push_screen(MoveModal(groups, reason.category), moved)

    # -- filtering -------------------------------------------------------------------------

    def action_filter(self) -> None:
        field = self.query_one("#reasons-filter", Input)
        field.display = True
        field.focus()

    @on(Input.Changed, "#reasons-filter")
    async def filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        await self.rebuild()

    @on(Input.Submitted, "#reasons-filter")
    def filter_done(self) -> None:
        self.query_one("#reasons-filter", Input).blur()
        if not self.query_text:
            self.query_one("#reasons-filter").display = False

    async def clear_filter(self) -> None:
        field = self.query_one("#reasons-filter", Input)
        field.blur()
        field.display = False
        if self.query_text or field.value:
            self.query_text = ""
            with field.prevent(Input.Changed):
                field.value = ""
            await self.rebuild()
