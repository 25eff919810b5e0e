"""Pilot tests for the streak view: the count, the history, editing and removing contacts, settings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from conftest import BERLIN, NOW
from nocontact_tui.screens.contact import ContactScreen
from nocontact_tui.screens.streak import StreakScreen
from textual.widgets import DataTable, Digits, Static

from nocontact_tui.app import NoContactApp
from nocontact_tui.domain.contacts import list_contacts, log_contact
from nocontact_tui.domain.settings import read_settings
from nocontact_tui.domain.status import compute_status
from nocontact_tui.journal.store import Store
from nocontact_tui.widgets.heatmap import CalendarHeatmap


def current(store: Store) -> int:
    return compute_status(store, NOW, BERLIN).streak.current


def text_of(app: NoContactApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_streak_view_shows_the_count_and_follows_a_logged_contact(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StreakScreen)
        assert app.screen.query_one("#count-digits", Digits).value == "20"
        assert "Longest stretch: 20 days" in text_of(app, "#streak-figures")
        assert "Next: Three weeks, tomorrow." in str(
            app.screen.query_one("#milestones", Static).render()
        )
        assert app.screen.query_one("#attempts", DataTable).row_count == 1
        await pilot.press("c", "1", "enter", "5", "enter")  # I reached out, now, stirred up
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.query_one("#count-digits", Digits).value == "0"
        assert "begins at 04:00" in text_of(app, "#count-hours")  # the one answer everywhere
        table = app.screen.query_one("#attempts", DataTable)
        assert table.row_count == 2
        assert [str(c) for c in table.get_row_at(1)][:3] == ["2026-11-01", "2026-11-21", "20"]
        assert "After the one contact you logged, you felt worse." in str(
            app.screen.query_one("#evidence", Static).render()
        )
    assert current(set_up_store) == 0


async def test_enter_on_a_stretch_opens_the_contact_that_ended_it(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    log_contact(
        set_up_store,
        "i_replied",
        datetime(2026, 11, 10, 20, 0, tzinfo=BERLIN),
        now=NOW,
        felt_after=4,
    )
    assert current(set_up_store) == 10
    app = app_factory("streak")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab")  # to the table of stretches; the newest (running) is first
        await pilot.pause()
        assert app.focused is app.screen.query_one("#attempts")
        await pilot.press("enter")  # the running one has no contact: a calm note, no crash
        await pilot.pause()
        assert isinstance(app.screen, StreakScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        await pilot.press("2", "ctrl+s")  # it was them reaching out after all
        await pilot.pause()
        assert isinstance(app.screen, StreakScreen)
        assert app.screen.query_one("#count-digits", Digits).value == "20"
        assert app.screen.query_one("#attempts", DataTable).row_count == 1
    [contact] = list_contacts(set_up_store)
    assert contact.kind == "they_reached_out" and contact.felt_after == 4
    assert current(set_up_store) == 20


async def test_remove_a_contact_from_the_log(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    log_contact(set_up_store, "met", datetime(2026, 11, 15, 20, 0, tzinfo=BERLIN), now=NOW)
    log_contact(
        set_up_store, "checked_socials", datetime(2026, 11, 16, 20, 0, tzinfo=BERLIN), now=NOW
    )
    app = app_factory("streak")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab")  # the table of every contact, newest first
        await pilot.pause()
        assert app.focused is app.screen.query_one("#contacts")
        await pilot.press("down", "x")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert len(list_contacts(set_up_store)) == 2
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.query_one("#count-digits", Digits).value == "20"
        assert app.screen.query_one("#contacts", DataTable).row_count == 1
    assert [c.kind for c in list_contacts(set_up_store)] == ["checked_socials"]


async def test_hide_the_count_everywhere_and_show_it_again(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    app = app_factory("streak")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert read_settings(set_up_store).hide_count is True
        assert not app.screen.query_one("#count-digits").display
        assert "hidden" in text_of(app, "#count-label")
        assert "20" not in text_of(app, "#streak-figures")
        assert "hidden" in str(app.screen.query_one("#milestones", Static).render())
        assert [str(c) for c in app.screen.query_one("#attempts", DataTable).get_row_at(0)][
            2
        ] == "·"
        await pilot.press("h")
        await pilot.pause()
        assert not app.screen.query_one("#streak-digits").display  # home hides it too
        await pilot.press("c", "3", "enter", "3", "enter")  # logging still works
        await pilot.pause()
        done = text_of(app, "#done-message")
        assert "kept in your history" in done and "20" not in done
        await pilot.press("enter", "s")
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert app.screen.query_one("#count-digits").display
        assert app.screen.query_one("#count-digits", Digits).value == "0"
    assert read_settings(set_up_store).hide_count is False
    assert len(list_contacts(set_up_store)) == 1


async def test_choose_which_kinds_restart_the_count(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    log_contact(
        set_up_store, "they_reached_out", datetime(2026, 11, 18, 12, 0, tzinfo=BERLIN), now=NOW
    )
    app = app_factory("streak")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "They reached out" not in text_of(app, "#settings")
        await pilot.press("b", "2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StreakScreen)
        assert "They reached out" in text_of(app, "#settings")
        assert app.screen.query_one("#count-digits", Digits).value == "2"
        await pilot.press("b", "2", "escape")  # escape leaves it as it was
        await pilot.pause()
    assert read_settings(set_up_store).breaking_kinds == (
        "i_reached_out",
        "they_reached_out",
        "i_replied",
        "met",
    )


async def test_calendar_adapts_to_the_width(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    app = app_factory("streak")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        calendar = app.screen.query_one(CalendarHeatmap)
        wide = len(calendar.visible_columns(calendar.size.width))
        assert wide > 26  # a wide terminal shows more than the 26 weeks a narrow one would
        assert f"{wide} weeks" in text_of(app, "#calendar-title")
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        shown = len(calendar.visible_columns(calendar.size.width))
        assert 0 < shown < 26
        assert f"{shown} weeks" in text_of(app, "#calendar-title")


async def test_a_journal_not_set_up_yet(
    store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    app = app_factory("streak")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "begins once you set the day" in text_of(app, "#count-label")
        await pilot.press("escape")  # home offers the first-run questions; leave them for later
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StreakScreen)
        assert "begins once you set the day" in text_of(app, "#count-label")
