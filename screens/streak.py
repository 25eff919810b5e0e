"""The streak view: the count, the last 26 weeks, milestones, the user's own evidence, every stretch.

Everything shown is derived on each visit from the journal (streak, evidence and
calendar functions take today and the day-start hour); the screen keeps nothing.
"""

from __future__ import annotations

from nocontact_tui.screens.base import AppScreen
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Digits, Static

from nocontact_tui.domain.contact_form import felt_labels, kind_label
from nocontact_tui.domain.contacts import Contact, list_contacts
from nocontact_tui.domain.evidence import (
    Evidence,
    calendar_for,
    evidence_for,
    felt_worse_line,
    save_breaking_kinds,
    save_hide_count,
    urge_lines,
)
from nocontact_tui.domain.status import Status
from nocontact_tui.domain.streak import (
    free_days_line,
    load_milestones,
    milestone_progress,
    zero_day_line,
)
from nocontact_tui.domain.undo import Change, take_back
from nocontact_tui.texts import line, load
from nocontact_tui.widgets.footer import KeysFooter
from nocontact_tui.widgets.heatmap import CalendarHeatmap, weeks_that_fit

from .contact import ContactScreen, confirm_delete
from .dialogs.kinds import KindsModal

WEEKS = 26  # the calendar's weeks at least; a wide terminal shows as many more as fit
MOST_WEEKS = 104
CALENDAR_MARGINS = 6  # the page's padding and scrollbar, before the calendar is laid out
WIDE = 100  # columns from which milestones and evidence sit side by side
ROOMY = 64  # columns from which the figures sit beside the big digits
# Columns from which each logged contact is one line of four columns; below, a contact
# is two columns of a few lines each, so no word of it is cut at the right edge.
CONTACTS_SPREAD = 110
NOTE_SHOWN = 40  # of a note, in the wide table; enter opens the contact with all of it
COMPACT_OTHER_COLUMNS = 28  # page padding and scrollbar, the date column, cell padding
BAR = 12  # the longest bar in "how you felt after contact"


def keep_cursor(table: DataTable, row: int) -> None:
    """After a redraw, the cursor stays where it was (or on the last row, if that one went)."""
    if table.row_count:
        table.move_cursor(row=max(0, min(row, table.row_count - 1)), animate=False)


class StreakScreen(AppScreen[None]):
    CSS_PATH = "streak.tcss"
    AUTO_FOCUS = "#streak-page"  # the page scrolls; tab reaches the tables
    BINDINGS = [
        Binding("x,delete", "remove", "Remove contact"),
        Binding("z,ctrl+z", "undo", "Undo"),
        Binding("b", "kinds", "What counts"),
        Binding("v", "toggle_count", "Hide/show count"),
        # Shown in help and the palette: the footer has no room left at 80 columns.
        Binding("i", "insights", "Insights", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.contacts: dict[int, Contact] = {}
        self.attempt_contact: dict[str, int | None] = {}
        self.last_change: Change | None = None  # the last contact changed or removed here

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="streak-page"):
            with Horizontal(id="streak-top"):
                with Vertical(id="count-box"):
                    yield Digits("", id="count-digits")
                    yield Static("", id="count-label")
                    yield Static("", id="count-hours", classes="muted")
                yield Static("", id="streak-figures")
            yield Static("", id="calendar-title", classes="section")
            yield CalendarHeatmap(labels=load("streak")["legend"], id="calendar")
            with Horizontal(id="streak-panels"):
                with Vertical(id="milestones-box"):
                    yield Static(line("streak", "milestones", "heading"), classes="section")
                    yield Static("", id="milestones")
                with Vertical(id="evidence-box"):
                    yield Static(line("streak", "evidence", "heading"), classes="section")
                    yield Static("", id="evidence")
            yield Static(line("streak", "history", "heading"), classes="section")
            yield DataTable(id="attempts", cursor_type="row", zebra_stripes=False)
            yield Static(line("streak", "history", "contacts_heading"), classes="section")
            yield DataTable(id="contacts", cursor_type="row", zebra_stripes=False)
            yield Static(
                line("streak", "history", "contacts_none"), id="contacts-none", classes="muted"
            )
            yield Static(line("streak", "history", "open_hint"), classes="muted")
            yield Static(line("streak", "settings", "heading"), classes="section")
            yield Static("", id="settings")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#attempts", DataTable).add_columns(
            *(line("streak", "history", k) for k in ("start", "end", "length", "ended_by"))
        )
        self._contacts_width = 0  # the width the contact columns were laid out for
        self.set_contact_columns()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def on_resize(self) -> None:
        self.set_class(self.size.width < WIDE, "-narrow")
        self.set_class(self.size.width < ROOMY, "-tiny")
        self.call_after_refresh(self.update_calendar)
        if self.contact_columns_stale():
            self.set_contact_columns()
            self.fill_contacts(list(self.contacts.values()))

    @property
    def contacts_compact(self) -> bool:
        return self.app.size.width < CONTACTS_SPREAD

    @property
    def what_width(self) -> int:
        return max(20, self.app.size.width - COMPACT_OTHER_COLUMNS)

    def contact_columns_stale(self) -> bool:
        width = self.app.size.width
        was_compact = self._contacts_width < CONTACTS_SPREAD
        return was_compact != self.contacts_compact or (
            was_compact and width != self._contacts_width
        )

    def set_contact_columns(self) -> None:
        """Four columns, or (narrow) the date and one wrapping column for the rest."""
        table = self.query_one("#contacts", DataTable)
        table.clear(columns=True)
        compact = self.contacts_compact
        for key in ("when", "kind") if compact else ("when", "kind", "felt", "note"):
            width = self.what_width if compact and key == "kind" else None
            table.add_column(line("streak", "history", key), width=width)
        self._contacts_width = self.app.size.width

    # -- drawing -------------------------------------------------------------------------------

    def refresh_view(self) -> None:
        app = self.app
        status = app.status()
        contacts = list_contacts(app.store)
        self.contacts = {c.id: c for c in contacts}
        self.show_count(status)
        self.query_one("#calendar", CalendarHeatmap).set_columns(
            calendar_for(
                app.store, status.settings, status.today, self.calendar_weeks(), app.clock.tz
            )
        )
        self.update_calendar_title()
        self.query_one("#milestones", Static).update(self.milestones_text(status))
        self.query_one("#evidence", Static).update(self.evidence_text(evidence_for(app.store)))
        self.fill_attempts(status)
        self.fill_contacts(contacts)
        self.query_one("#settings", Static).update(self.settings_text(status))

    def calendar_weeks(self) -> int:
        """26 weeks, or as many more as the calendar's width holds (up to two years)."""
        calendar = self.query_one("#calendar", CalendarHeatmap)
        width = calendar.size.width or self.app.size.width - CALENDAR_MARGINS
        return max(WEEKS, weeks_that_fit(width, MOST_WEEKS))

    def update_calendar(self) -> None:
        """After a resize: fetch more (or fewer) weeks when the width calls for it."""
        calendar = self.query_one("#calendar", CalendarHeatmap)
        weeks = self.calendar_weeks()
        if weeks != len(calendar.columns):
            status = self.app.status()
            calendar.set_columns(
                calendar_for(
                    self.app.store, status.settings, status.today, weeks, self.app.clock.tz
                )
            )
        self.update_calendar_title()

    def update_calendar_title(self) -> None:
        calendar = self.query_one("#calendar", CalendarHeatmap)
        weeks = len(calendar.columns)
        if calendar.size.width:
            weeks = weeks_that_fit(calendar.size.width, weeks)
        self.query_one("#calendar-title", Static).update(line("streak", "calendar", weeks=weeks))

    def show_count(self, status: Status) -> None:
        streak, hidden = status.streak, status.settings.hide_count
        digits = self.query_one("#count-digits", Digits)
        label = self.query_one("#count-label", Static)
        hours = self.query_one("#count-hours", Static)
        figures = self.query_one("#streak-figures", Static)
        digits.display = streak.started and not hidden
        hours.update("")
        hours.display = False
        figures.update("")
        if not streak.started:
            label.update(line("streak", "not_started"))
            return
        if hidden:
            label.update(line("streak", "hidden"))
            return
        digits.update(str(streak.current))
        label.update(line("streak", "day" if streak.current == 1 else "days"))
        app = self.app
        zero_day = zero_day_line(
            streak, app.clock.now(), status.settings.day_starts_at, app.clock.tz
        )
        hours.update(zero_day)
        hours.display = bool(zero_day)
        figures.update(
            "\n".join(
                figure
                for figure in [
                    line("streak", "longest", days=streak.longest, count=streak.longest),
                    line("streak", "digital", days=streak.digital, count=streak.digital),
                    free_days_line(streak),
                ]
                if figure
            )
        )

    def milestones_text(self, status: Status) -> Text:
        if status.settings.hide_count:
            return Text(line("streak", "milestones", "hidden"), style="dim")
        streak = status.streak
        progress = milestone_progress(streak.current, load_milestones(), streak.waiting)
        text = Text()
        if progress.reached:
            text.append("✓ ", style="bold")
            text.append(" · ".join(m.title for m in progress.reached) + "\n")
            text.append(progress.reached[-1].line + "\n", style="italic")
        if progress.next is None:
            text.append(line("streak", "milestones", "all"))
        elif progress.days_left == 1:
            text.append(line("streak", "milestones", "next_one", title=progress.next.title))
        else:
            text.append(
                line(
                    "streak",
                    "milestones",
                    "next",
                    title=progress.next.title,
                    days=progress.days_left,
                )
            )
        return text

    def evidence_text(self, evidence: Evidence) -> Text:
        felt = evidence.felt
        lines = urge_lines(evidence.urges)
        lines.append("")
        if felt.rated:
            labels = felt_labels()
            width = max(len(label) for label in labels)
            top = max(felt.counts.values())
            lines.append(line("streak", "evidence", "felt"))
            for answer in range(1, 6):
                count = felt.counts[answer]
                bar = "█" * max(1 if count else 0, round(count / top * BAR)) if top else ""
                lines.append(f"  {answer} {labels[answer - 1]:<{width}} {bar} {count}".rstrip())
            lines.append(felt_worse_line(felt))
        else:
            lines.append(line("streak", "evidence", "felt_none"))
        lines.append("")
        if evidence.traps:
            lines.append(line("streak", "evidence", "traps"))
            lines.extend(f"  {name} ({times})" for name, times in evidence.traps)
        else:
            lines.append(line("streak", "evidence", "traps_none"))
        return Text("\n".join(lines))

    def fill_attempts(self, status: Status) -> None:
        table = self.query_one("#attempts", DataTable)
        row = table.cursor_row
        table.clear()
        self.attempt_contact = {}
        hidden = status.settings.hide_count
        for index, attempt in reversed(list(enumerate(status.streak.attempts))):
            contact = self.contacts.get(attempt.ended_by) if attempt.ended_by else None
            key = f"a{index}"
            self.attempt_contact[key] = attempt.ended_by
            table.add_row(
                attempt.start.isoformat(),
                attempt.end.isoformat() if attempt.end else line("streak", "history", "running"),
                "·" if hidden else str(attempt.days),
                Text(kind_label(contact.kind)) if contact else "",
                key=key,
            )
        table.display = bool(status.streak.attempts)
        keep_cursor(table, row)

    def fill_contacts(self, contacts: list[Contact]) -> None:
        table = self.query_one("#contacts", DataTable)
        row = table.cursor_row
        table.clear()
        compact = self._contacts_width < CONTACTS_SPREAD
        labels = felt_labels()
        tz = self.app.clock.tz
        for contact in reversed(contacts):
            when = contact.at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
            felt = (
                f"{contact.felt_after} {labels[contact.felt_after - 1]}"
                if contact.felt_after
                else ""
            )
            note = contact.note or ""
            if compact:
                what = Text(kind_label(contact.kind))
                if felt:
                    what.append(f"\n{line('streak', 'history', 'felt')}: {felt}", style="italic")
                if note:
                    what.append("\n").append(note)
                # The column has a fixed width, so a long note wraps inside the table.
                lines = len(what.wrap(self.app.console, self.what_width))
                table.add_row(when, what, key=str(contact.id), height=lines)
            else:
                short = note if len(note) <= NOTE_SHOWN else note[: NOTE_SHOWN - 1] + "…"
                table.add_row(
                    when, kind_label(contact.kind), felt, Text(short), key=str(contact.id)
                )
        table.display = bool(contacts)
        keep_cursor(table, row)
        self.query_one("#contacts-none").display = not contacts

    def settings_text(self, status: Status) -> str:
        kinds = status.settings.breaking_kinds
        if kinds:
            breaking = line(
                "streak", "settings", "breaking", kinds=", ".join(kind_label(k) for k in kinds)
            )
        else:
            breaking = line("streak", "settings", "breaking_none")
        count = line(
            "streak", "settings", "count_hidden" if status.settings.hide_count else "count_shown"
        )
        return f"{breaking}\n{count}"

    # -- the history -----------------------------------------------------------------------------

    def highlighted_contact(self) -> int | None:
        """The contact under the cursor of the focused table, if any."""
        table = self.focused
        if not isinstance(table, DataTable) or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if table.id == "attempts":
            return self.attempt_contact.get(str(key))
        return int(str(key)) if key is not None else None

    @on(DataTable.RowSelected)
    def open_contact(self, event: DataTable.RowSelected) -> None:
        contact_id = self.highlighted_contact()
        if contact_id is None or contact_id not in self.contacts:
            self.notify(line("streak", "history", "no_contact"))
            return
        form = ContactScreen(contact_id)

        def closed(_: bool | None) -> None:
            if form.change is not None:
                self.changed(form.change)
            self.refresh_view()

        self.app.push_screen(form, closed)

    def action_remove(self) -> None:
        contact_id = self.highlighted_contact()
        contact = self.contacts.get(contact_id) if contact_id is not None else None
        if contact is None:
            self.notify(line("streak", "history", "open_hint"))
            return
        confirm_delete(self, contact, self.changed)

    def changed(self, change: Change) -> None:
        """A contact was changed or removed: it can be taken back until this screen is left."""
        self.last_change = change
        self.refresh_view()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return self.last_change is not None
        return True

    def action_undo(self) -> None:
        change = self.last_change
        if change is None:
            return
        if self.app.save(lambda: take_back(self.app.store, change)):
            self.last_change = None
            self.notify(
                line("messages", "undone_delete" if change.kind == "delete" else "undone_edit")
            )
            self.refresh_view()
            self.refresh_bindings()

    def action_insights(self) -> None:
        self.app.go("insights")

    # -- settings --------------------------------------------------------------------------------

    def action_kinds(self) -> None:
        def chosen(kinds: tuple[str, ...] | None) -> None:
            if kinds is not None and self.app.save(
                lambda: save_breaking_kinds(self.app.store, kinds)
            ):
                self.refresh_view()

        self.app.push_screen(KindsModal(self.app.settings.breaking_kinds), chosen)

    def action_toggle_count(self) -> None:
        hidden = not self.app.settings.hide_count
        if self.app.save(lambda: save_hide_count(self.app.store, hidden)):
            self.notify(line("streak", "settings", "hid" if hidden else "shown"))
            self.refresh_view()
