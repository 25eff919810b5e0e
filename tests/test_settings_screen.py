"""The settings screen with the pilot, the remembered theme, and a way to begin after "Later"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BERLIN, NOW
from nocontact_tui.screens.dialogs.kinds import KindsModal
from nocontact_tui.screens.dialogs.theme import ThemeModal
from nocontact_tui.screens.first_run import FirstRunScreen
from nocontact_tui.screens.help import HelpScreen, key_groups
from nocontact_tui.screens.home import HomeScreen
from nocontact_tui.screens.settings import SettingsScreen
from textual.pilot import Pilot
from textual.widgets import Digits, Input, OptionList, Static

from nocontact_tui.app import NoContactApp, make_app
from nocontact_tui.domain.clock import FrozenClock
from nocontact_tui.domain.settings import read_settings
from nocontact_tui.journal.store import Store
from nocontact_tui.widgets.footer import KeysFooter

AppFactory = Callable[..., NoContactApp]
SIZES = [(80, 24), (40, 12)]
ROWS = ("start", "day-ends-at", "urge-minutes", "restart-kinds", "hide-count", "idle-lock", "theme")


def text_of(app: NoContactApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def footer_text(app: NoContactApp) -> str:
    return str(app.screen.query_one(KeysFooter).render())


async def open_settings(pilot: Pilot[int]) -> SettingsScreen:
    await pilot.pause()
    await pilot.press("o")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


async def highlight(pilot: Pilot[int], name: str) -> None:
    """Move with the arrow keys, as a person would, to the row called `name`."""
    options = pilot.app.screen.query_one("#settings-list", OptionList)
    target = ROWS.index(name)
    while options.highlighted != target:
        await pilot.press("down" if (options.highlighted or 0) < target else "up")


async def type_into_editor(pilot: Pilot[int], name: str, text: str) -> None:
    await highlight(pilot, name)
    await pilot.press("enter")
    await pilot.pause()
    field = pilot.app.screen.query_one("#value", Input)
    assert pilot.app.focused is field
    assert field.selection.start == field.selection.end == len(field.value)  # nothing selected
    for _ in field.value:
        await pilot.press("backspace")
    await pilot.press(*text, "enter")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_new_start_date_moves_the_streak_on_home(
    app_factory: AppFactory, set_up_store: Store, size: tuple[int, int]
) -> None:
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#streak-digits", Digits).value == "20"
        screen = await open_settings(pilot)
        assert "2026-11-01" in screen.row_text("start")
        await type_into_editor(pilot, "start", "2026-10-22")
        assert set_up_store.meta["nc_start"] == "2026-10-22"
        assert "2026-10-22" in screen.row_text("start")
        assert not screen.query_one("#editor").display
        assert app.focused is screen.query_one("#settings-list")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#streak-digits", Digits).value == "30"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_bad_date_is_explained_and_what_was_typed_stays(
    app_factory: AppFactory, set_up_store: Store, size: tuple[int, int]
) -> None:
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        screen = await open_settings(pilot)
        await type_into_editor(pilot, "start", "2099-01-01")
        assert "YYYY-MM-DD" in text_of(app, "#problem")
        assert screen.query_one("#value", Input).value == "2099-01-01"
        assert app.focused is screen.query_one("#value", Input)
        await pilot.press("backspace", "backspace", "u", "s")  # letters here are text, not keys
        assert app.screen is screen
        assert set_up_store.meta["nc_start"] == "2026-11-01"
        await pilot.press("escape")  # closes the field, keeps the screen
        await pilot.pause()
        assert app.screen is screen and not screen.query_one("#editor").display
        await pilot.press("enter")  # the same row again: what was typed is still there
        await pilot.pause()
        assert screen.query_one("#value", Input).value == "2099-01-us"


async def test_hide_count_toggles_and_home_follows(
    app_factory: AppFactory, set_up_store: Store
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        await highlight(pilot, "hide-count")
        await pilot.press("enter")
        await pilot.pause()
        assert read_settings(set_up_store).hide_count is True
        assert "on" in screen.row_text("hide-count")
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query_one("#streak-digits", Digits).display
        screen = await open_settings(pilot)
        await highlight(pilot, "hide-count")
        await pilot.press("enter")
        await pilot.pause()
        assert read_settings(set_up_store).hide_count is False


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_urge_minutes_change_and_a_bad_number_is_refused(
    app_factory: AppFactory, set_up_store: Store, size: tuple[int, int]
) -> None:
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        screen = await open_settings(pilot)
        await type_into_editor(pilot, "urge-minutes", "500")
        assert "1 to 120" in text_of(app, "#problem")
        assert read_settings(set_up_store).urge_minutes == 15
        field = screen.query_one("#value", Input)
        for _ in field.value:
            await pilot.press("backspace")
        await pilot.press("2", "0", "enter")
        await pilot.pause()
        assert read_settings(set_up_store).urge_minutes == 20
        assert "20 minutes" in screen.row_text("urge-minutes")


async def test_day_ends_at_and_idle_lock(app_factory: AppFactory, set_up_store: Store) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(pilot)
        await type_into_editor(pilot, "day-ends-at", "6")
        assert read_settings(set_up_store).day_starts_at == 6
        await type_into_editor(pilot, "idle-lock", "12")
        assert read_settings(set_up_store).idle_lock_minutes == 12
        await type_into_editor(pilot, "idle-lock", "0")
        assert read_settings(set_up_store).idle_lock_minutes == 0


async def test_which_contacts_restart_the_count_uses_the_kinds_dialog(
    app_factory: AppFactory, set_up_store: Store
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        await highlight(pilot, "restart-kinds")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, KindsModal)
        await pilot.press("2", "enter")  # "They reached out" switched on
        await pilot.pause()
        assert app.screen is screen
        assert read_settings(set_up_store).breaking_kinds == (
            "i_reached_out",
            "they_reached_out",
            "i_replied",
            "met",
        )
        assert "They reached out" in screen.row_text("restart-kinds")


async def test_the_footer_shows_the_keys_of_each_mode(
    app_factory: AppFactory, set_up_store: Store
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(pilot)
        assert "Change" in footer_text(app) and "Back" in footer_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Save" in footer_text(app) and "Cancel" in footer_text(app)
        assert "Change" not in footer_text(app)


async def test_settings_are_in_help_and_in_the_command_palette(
    app_factory: AppFactory, set_up_store: Store
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        [everywhere] = [group for group in key_groups(app) if group.name == ""]
        assert ("o", "Settings") in everywhere.rows
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"settings", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)


# -- the theme -------------------------------------------------------------------------


def open_app(db_path: Path) -> tuple[Store, NoContactApp]:
    store = Store.open(db_path, today=NOW.date())
    return store, make_app(store, clock=FrozenClock(NOW, tz=BERLIN))


async def test_a_theme_picked_on_the_screen_is_there_after_a_restart(db_path: Path) -> None:
    store, app = open_app(db_path)
    try:
        store.update_meta({"nc_start": "2026-11-01"})
        async with app.run_test(size=(80, 24)) as pilot:
            default = app.theme
            screen = await open_settings(pilot)
            await highlight(pilot, "theme")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ThemeModal)
            await pilot.press("down")  # textual-light comes after textual-dark
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is screen
            assert app.theme == "textual-light" != default
            assert "textual-light" in screen.row_text("theme")
    finally:
        store.close()
    store, app = open_app(db_path)
    try:
        assert read_settings(store).theme == "textual-light"
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.theme == "textual-light"
    finally:
        store.close()


async def test_a_theme_picked_from_textuals_own_list_is_remembered(
    app_factory: AppFactory, set_up_store: Store
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_change_theme()
        await pilot.pause()
        await pilot.press(*"nord", "enter")
        await pilot.pause()
        assert app.theme == "nord"
        assert read_settings(set_up_store).theme == "nord"


async def test_a_stored_theme_the_app_lacks_is_not_applied(
    app_factory: AppFactory, set_up_store: Store
) -> None:
    set_up_store.update_meta({"theme": "a-theme-from-elsewhere"})
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert isinstance(app.screen, HomeScreen)
    assert set_up_store.meta["theme"] == "a-theme-from-elsewhere"  # left as it was


async def test_the_theme_is_applied_after_the_urge_screens_first_frame(
    app_factory: AppFactory, set_up_store: Store
) -> None:
    set_up_store.update_meta({"theme": "textual-light"})
    app = app_factory(start="urge")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.theme == "textual-light"


# -- a way to begin after "Later" -------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_later_leaves_a_key_on_home_that_begins(
    app_factory: AppFactory, store: Store, size: tuple[int, int]
) -> None:
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "press b" in text_of(app, "#begin")
        assert "b Begin" in footer_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        await pilot.press("enter", "enter")  # today, and the day ending at 4
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert store.meta["nc_start"] == "2026-11-21"
        assert not app.screen.query_one("#begin").display
        assert "Begin" not in footer_text(app)
        await pilot.press("b")  # set up now: b begins nothing
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_set_up_home_shows_no_begin_key(
    app_factory: AppFactory, set_up_store: Store
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#begin").display
        assert "Begin" not in footer_text(app)


async def test_typing_into_a_full_date_field_shows_and_is_explained(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    """The start field opens holding its ten characters; typing on (a person who did not
    erase first) must show, and be refused with words, never swallowed without a sign."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(pilot)
        await highlight(pilot, "start")
        await pilot.press("enter")
        await pilot.pause()
        field = app.screen.query_one("#value", Input)
        before = field.value
        await pilot.press(*"2026-02-30")
        assert field.value == before + "2026-02-30"
        await pilot.press("enter")
        await pilot.pause()
        assert text_of(app, "#problem")  # said, not swallowed
        assert field.value == before + "2026-02-30"  # and what was typed stays
