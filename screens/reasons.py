"""Remember why it ended: the user's own reasons, grouped, in their order.

The list is one widget (`ReasonLines`) that draws the rows with one selected and moves
its cursor without remounting anything; editing happens in place, in an input put where
the row was (the rows after it drawn by a second `ReasonLines` below the input). Every
change goes straight to the journal through the reasons domain; the screen only keeps
the cursor.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

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
from nocontact_tui.texts import line
from nocontact_tui.widgets.footer import KeysFooter
from nocontact_tui.widgets.line_input import LineInput

from .dialogs.move import MoveModal
from .reasons_list import ReasonLines, Row

FLUSHER_KEY = "reasons"
MAX_REASON = 2000  # characters: a reason is a sentence or a paragraph, not a letter


class ReasonsScreen(AppScreen[None]):
    CSS_PATH = "reasons.tcss"
    AUTO_FOCUS = ""  # the list keys belong to the screen; inputs take focus only while in use
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "cursor_to(0)", "First", show=False),
        Binding("end", "cursor_to(-1)", "Last", show=False),
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
            yield Static(line("reasons", "title"), id="reasons-title")
            yield LineInput(
                placeholder=line("reasons", "filter_placeholder"),
                id="reasons-filter",
                max_length=100,
            )
            with VerticalScroll(id="reasons-list", can_focus=False):
                # Above the input while a row is edited in place; every row otherwise.
                yield ReasonLines(unsorted=line("reasons", "unsorted"), id="reasons-rows")
                yield ReasonLines(unsorted=line("reasons", "unsorted"), id="reasons-rows-after")
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

    def editor(self, value: str, placeholder: str = "") -> Input:
        self.editing_from = value
        return LineInput(
            value, placeholder=placeholder, classes="row-editor -extra", max_length=MAX_REASON
        )

    def edited_place(self) -> tuple[int, int, Input | None]:
        """Where the in-place input goes: the rows before it, how many rows it stands for
        (1 when it edits a row, 0 when it adds one), and the input itself."""
        if self.editing is None or self.editing == ("group", None):
            return len(self.rows), 0, None
        kind, target = self.editing
        for index, row in enumerate(self.rows):
            if kind == "edit" and row.reason is not None and row.reason.id == target:
                return index, 1, self.editor(row.reason.text)
            if kind == "rename" and row.reason is None and row.group == target:
                return index, 1, self.editor(row.group or "")
        if kind == "add":
            ends = [i + 1 for i, row in enumerate(self.rows) if row.group == target]
            return (
                (ends[-1] if ends else len(self.rows)),
                0,
                self.editor("", line("reasons", "add_placeholder")),
            )
        return len(self.rows), 0, None

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
        extras: list[Widget] = []
        if not every and not self.query_text:
            extras.append(Static(line("reasons", "empty_intro"), classes="starter-intro -extra"))
            day = self.app.status().today.toordinal()
            extras.extend(
                Static(Text("· " + q), classes="starter -extra")
                for q in domain.starter_questions(day)
            )
            extras.append(
                Static(line("reasons", "empty_hint"), classes="muted starter-hint -extra")
            )
        elif self.query_text and not self.rows:
            extras.append(
                Static(
                    Text(line("reasons", "no_match", query=self.query_text)), classes="muted -extra"
                )
            )
        if self.editing == ("group", None):
            extras.append(self.editor("", line("reasons", "group_placeholder")))
        split, skipped, editor = self.edited_place()
        container = self.query_one("#reasons-list", VerticalScroll)
        rows, rows_after = (
            self.query_one("#reasons-rows", ReasonLines),
            self.query_one("#reasons-rows-after", ReasonLines),
        )
        before, after = self.rows[:split], self.rows[split + skipped :]
        cursor = next(
            (i for i, row in enumerate(before) if row.key == self.cursor_key and not self.editing),
            None,
        )
        rows.show(before, counts, cursor, inline=bool(extras) or editor is not None)
        rows_after.show(after, counts, None, inline=True)
        rows_after.display = bool(after)
        await container.remove_children(".-extra")
        if extras:
            await container.mount_all(extras, before=rows)
        if editor is not None:
            await container.mount(editor, after=rows)
        editors = container.query(".row-editor")
        if editors:
            editors.first(Input).focus()
            selected = editors.first()
            # After the next layout, when the input has its place.
            self.call_after_refresh(container.scroll_to_widget, selected, animate=False)
        else:
            if self.focused is not self.query_one("#reasons-filter"):
                self.set_focus(None)
            self.call_after_refresh(self.show_cursor)

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

    def show_cursor(self) -> None:
        """Draw the cursor on its row and scroll that row into view."""
        rows = self.query_one("#reasons-rows", ReasonLines)
        keys = [row.key for row in rows.rows]
        if self.cursor_key not in keys or self.editing is not None:
            return
        index = keys.index(self.cursor_key)
        rows.move_cursor(index)
        place = rows.scroll_to_row(index)
        if rows.has_class("-inline"):  # the area around the list scrolls it
            self.query_one("#reasons-list", VerticalScroll).scroll_to_region(
                place.translate(rows.virtual_region.offset), animate=False, immediate=True
            )

    def put_cursor(self, index: int) -> None:
        keys = [row.key for row in self.rows]
        if not keys:
            return
        self.cursor_key = keys[max(0, min(len(keys) - 1, index))]
        self.query_one("#reasons-filter", Input).blur()
        self.show_cursor()

    def cursor_index(self) -> int:
        keys = [row.key for row in self.rows]
        return keys.index(self.cursor_key) if self.cursor_key in keys else 0

    def action_cursor(self, step: int) -> None:
        self.put_cursor(self.cursor_index() + step)

    def action_cursor_to(self, index: int) -> None:
        self.put_cursor(index if index >= 0 else len(self.rows) + index)

    def action_page(self, step: int) -> None:
        """A screenful up or down: the row a page away from the cursor's row."""
        rows = self.query_one("#reasons-rows", ReasonLines)
        index = self.cursor_index()
        if not rows.rows or index >= len(rows.rows):
            return
        top, _ = rows.row_span(index)
        page = max(
            1, self.query_one("#reasons-list", VerticalScroll).scrollable_content_region.height - 1
        )
        target = rows.row_at_line(top + step * page)
        if target is None or target == index:
            target = index + step
        self.put_cursor(target)

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
            self.notify(line("reasons", "messages", "category_default_fixed"))
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

            self.app.push_screen(DiscardModal(line("messages", "discard_typed")), answered)
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
            question = line("reasons", "messages", "confirm_delete", text=short)
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
                self.notify(line("reasons", "messages", key))
                return
            question = line("reasons", "messages", "confirm_group", name=group)
            write = lambda: domain.remove_category(store, str(group))  # noqa: E731

        async def answered(yes: bool | None) -> None:
            if yes and self.app.save(write):
                self.last_change = changes[0] if changes else None
                keys = [r.key for r in self.rows]
                index = keys.index(row.key)
                neighbours = keys[index + 1 :] + keys[:index][::-1]
                self.cursor_key = next((k for k in neighbours if k[0] == "r"), None)
                self.notify(line("reasons", "messages", "deleted_undo"))
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
            self.notify(
                line("messages", "undone_delete" if change.kind == "delete" else "undone_edit")
            )
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
                self.notify(
                    line(
                        "reasons", "messages", "moved", name=done[0] or line("reasons", "unsorted")
                    )
                )
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
