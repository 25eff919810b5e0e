"""Settings: everything chosen at the first run (and after), changed again at any time.

A list of the settings with their values; enter changes the highlighted one: a
small field for a date or a number, a switch for on and off, a picker for the
theme and for which contacts restart the count. Each change is checked and saved
at once by the settings domain; what was typed is never thrown away, even when
it can't be used (it stays in the field, and comes back if the field is reopened).
"""

from __future__ import annotations

from datetime import date
from functools import partial

from nocontact_tui.screens.base import AppScreen
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Static

from nocontact_tui.domain import settings as domain
from nocontact_tui.domain.contact_form import kind_label
from nocontact_tui.domain.settings import Settings
from nocontact_tui.domain.status import today_for
from nocontact_tui.journal.errors import NoContactError
from nocontact_tui.texts import line
from nocontact_tui.widgets.footer import KeysFooter
from nocontact_tui.widgets.line_input import LineInput

from .dialogs.kinds import KindsModal
from .dialogs.theme import ThemeModal

# The rows, in the order a person is most likely to need them.
ROWS = ("start", "day-ends-at", "urge-minutes", "restart-kinds", "hide-count", "idle-lock", "theme")
TYPED = ("start", "day-ends-at", "urge-minutes", "idle-lock")  # changed in the small field


def readable(settings: Settings, name: str, theme: str) -> str:
    """A setting's value as the screen shows it (the shell shows the values it types)."""
    if name == "day-ends-at":
        return line("settings", "values", "hour", hour=settings.day_starts_at)
    if name == "urge-minutes":
        minutes = settings.urge_minutes
        return line("settings", "values", "minutes", minutes=minutes, count=minutes)
    if name == "restart-kinds":
        kinds = settings.breaking_kinds
        return ", ".join(kind_label(kind) for kind in kinds) or line("settings", "values", "none")
    if name == "idle-lock" and settings.idle_lock_minutes:
        minutes = settings.idle_lock_minutes
        return line("settings", "values", "idle_after", minutes=minutes, count=minutes)
    if name == "theme":
        return theme  # what is on screen now, chosen or Textual's default
    return domain.shown(settings, name)


class SettingsList(OptionList):
    """The list of settings; enter changes the highlighted one (and says so in the footer)."""

    BINDINGS = [Binding("enter", "select", "Change")]


class SettingInput(LineInput):
    BINDINGS = [Binding("enter", "submit", "Save")]


class SettingsScreen(AppScreen[None]):
    CSS_PATH = "settings.tcss"
    BINDINGS = [
        Binding("escape", "leave", "Back"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.editing: str | None = None  # the setting whose small field is open
        self.drafts: dict[str, str] = {}  # typed but not saved: back when its field reopens

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="settings-page", can_focus=False):
            yield Static(line("settings", "screen", "title"), id="settings-title")
            yield Static(line("settings", "screen", "intro"), id="settings-intro", classes="muted")
            yield SettingsList(*self.prompts(), id="settings-list")
            with Vertical(id="editor"):
                yield Static("", id="ask")
                # Room beyond a date's ten characters: a full field would swallow what is typed
                # without a sign; a too-long value is refused with a message instead.
                yield SettingInput(id="value", max_length=40, select_on_focus=False)
                yield Static("", id="problem")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#editor").display = False
        settings = self.query_one("#settings-list", OptionList)
        # Textual brings a focused widget into view from a callback that runs before the
        # first layout on Python 3.12 and later (nothing to scroll yet) and after it on 3.11.
        # Doing it after the first refresh gives a small terminal the same page on all.
        settings.focus(scroll_visible=False)
        self.call_after_refresh(self.bring_list_into_view)

    def bring_list_into_view(self) -> None:
        settings = self.query_one("#settings-list", OptionList)
        if not self.can_view_entire(settings):
            self.scroll_to_center(settings, animate=False, origin_visible=True)

    def on_screen_resume(self) -> None:
        self.redraw()  # a setting may have changed elsewhere (the streak view, the palette)

    # -- the list ---------------------------------------------------------------------

    def today(self) -> date:
        """The person's day now (their day-end hour applied), without reading the whole log."""
        app = self.app
        return today_for(app.settings, app.clock.now(), app.clock.tz)

    def prompts(self) -> list[Text]:
        settings, theme = self.app.settings, self.app.theme
        return [Text(f"{domain.label(name)}: {readable(settings, name, theme)}") for name in ROWS]

    def row_text(self, name: str) -> str:
        option = self.query_one("#settings-list", OptionList).get_option_at_index(ROWS.index(name))
        return str(option.prompt)

    def redraw(self) -> None:
        options = self.query_one("#settings-list", OptionList)
        for index, prompt in enumerate(self.prompts()):
            options.replace_option_prompt_at_index(index, prompt)

    @on(OptionList.OptionSelected, "#settings-list")
    def change(self, event: OptionList.OptionSelected) -> None:
        name = ROWS[event.option_index]
        if name in TYPED:
            self.open_editor(name)
        elif name == "hide-count":
            hidden = not self.app.settings.hide_count
            self.saved(name, hidden)
        elif name == "restart-kinds":
            self.app.push_screen(
                KindsModal(self.app.settings.breaking_kinds), partial(self.picked, name)
            )
        elif name == "theme":
            themes = list(self.app.available_themes)
            self.app.push_screen(ThemeModal(themes, self.app.theme), partial(self.picked, name))

    def picked(self, name: str, value: object) -> None:
        if value is not None:
            self.saved(name, value)

    def saved(self, name: str, value: object) -> bool:
        """Save one value, redraw, and say so calmly; a failed write is said by app.save."""
        app = self.app
        if name == "theme" and isinstance(value, str):
            ok = app.choose_theme(value)
        else:
            today = self.today()
            ok = app.save(lambda: domain.save_setting(app.store, name, value, today))
        if ok:
            self.redraw()
            shown = readable(app.settings, name, app.theme)
            self.notify(line("settings", "screen", "saved", label=domain.label(name), value=shown))
            if name == "idle-lock" and value and not app.store.codec.sealed:
                self.notify(line("messages", "idle_lock_plain_note"), timeout=8)
        return ok

    # -- the small field for a date or a number ------------------------------------------

    def ask_text(self, name: str) -> str:
        low, high = domain.urge_minutes_range()
        if name == "idle-lock":
            high = domain.MAX_IDLE_LOCK_MINUTES
        return line("settings", "ask", name, low=low, high=high)

    def current_text(self, name: str) -> str:
        settings = self.app.settings
        if name == "start":
            return (settings.nc_start or self.today()).isoformat()
        if name == "idle-lock":
            return str(settings.idle_lock_minutes)
        return domain.shown(settings, name)

    def open_editor(self, name: str) -> None:
        self.editing = name
        self.query_one("#ask", Static).update(self.ask_text(name))
        self.query_one("#problem", Static).update("")
        field = self.query_one("#value", Input)
        field.value = self.drafts.get(name, self.current_text(name))
        field.cursor_position = len(field.value)  # at the end, nothing selected
        editor = self.query_one("#editor")
        editor.display = True
        field.focus()
        editor.scroll_visible()
        self.refresh_bindings()

    def close_editor(self) -> None:
        self.editing = None
        self.query_one("#editor").display = False
        self.query_one("#settings-list", OptionList).focus()
        self.refresh_bindings()

    @on(Input.Changed, "#value")
    def keep_draft(self, event: Input.Changed) -> None:
        if self.editing is not None:
            self.drafts[self.editing] = event.value

    @on(Input.Submitted, "#value")
    def submit(self, event: Input.Submitted) -> None:
        name = self.editing
        if name is None:
            return
        try:
            value = domain.parse_setting(name, event.value, self.today())
        except NoContactError as exc:  # a SettingError names what is allowed; the text stays
            problem = self.query_one("#problem", Static)
            problem.update(exc.text)
            problem.call_after_refresh(problem.scroll_visible)
            return
        if self.saved(name, value):
            self.drafts.pop(name, None)
            self.close_editor()

    # -- leaving ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave":
            return self.editing is None
        if action == "cancel":
            return self.editing is not None
        return True

    def action_cancel(self) -> None:
        """Close the field; what was typed stays as a draft for this row."""
        self.close_editor()

    def action_leave(self) -> None:
        self.app.action_back()
