"""Pilot tests for the contact log: log, change and remove a contact, and see the streak follow."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from conftest import BERLIN, NOW
from nocontact_tui.screens.contact import ContactScreen
from textual.widgets import Static

from nocontact_tui.app import NoContactApp
from nocontact_tui.domain.contacts import list_contacts, log_contact
from nocontact_tui.domain.status import compute_status
from nocontact_tui.journal.store import Store


def streak_now(store: Store) -> int:
    return compute_status(store, NOW, BERLIN).streak.current


async def test_log_a_contact_in_a_few_keys(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    assert streak_now(set_up_store) == 20
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        await pilot.press("3", "enter", "4", "enter")  # I replied, now, a bit stirred up, no note
        await pilot.pause()
        message = str(app.screen.query_one("#done-message", Static).render())
        assert "kept in your history" in message and "20-day" in message
        assert "fail" not in message
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ContactScreen)
    [contact] = list_contacts(set_up_store)
    assert (contact.kind, contact.felt_after, contact.note) == ("i_replied", 4, None)
    assert contact.at == NOW
    status = compute_status(set_up_store, NOW, BERLIN)
    assert status.streak.current == 0
    assert [a.days for a in status.streak.attempts] == [20, 0]


async def test_backfill_with_a_date_and_a_note(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    app = app_factory("contact")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("4")  # we met
        await pilot.press(*"2026-11-10 19:30", "enter")
        await pilot.press("enter")  # felt: no choice yet, enter picks the highlighted one
        await pilot.press(*"coffee", "enter")
        await pilot.pause()
        message = str(app.screen.query_one("#done-message", Static).render())
        assert "9-day" in message
    [contact] = list_contacts(set_up_store)
    assert contact.kind == "met"
    assert contact.at == datetime(2026, 11, 10, 19, 30, tzinfo=BERLIN)
    assert contact.note == "coffee"
    assert contact.felt_after == 1
    assert streak_now(set_up_store) == 10  # 11 Nov up to, not including, 21 Nov


async def test_a_kind_that_does_not_count_leaves_the_streak(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    app = app_factory("contact")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2", "enter", "3", "enter")  # they reached out
        await pilot.pause()
        assert "does not restart" in str(app.screen.query_one("#done-message", Static).render())
    assert streak_now(set_up_store) == 20
    assert len(list_contacts(set_up_store)) == 1


async def test_bad_input_is_named_and_nothing_is_saved(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    app = app_factory("contact")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")  # no kind yet
        await pilot.pause()
        assert "1 to 5" in str(app.screen.query_one("#contact-problem", Static).render())
        await pilot.press("1", *"tomorrow", "enter")
        await pilot.pause()
        assert "tomorrow" in str(app.screen.query_one("#contact-problem", Static).render())
        await pilot.press(*["backspace"] * 8, *"23:00", "enter")  # later today: the future
        await pilot.pause()
        assert "future" in str(app.screen.query_one("#contact-problem", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
    assert list_contacts(set_up_store) == []


async def test_edit_then_delete_a_contact(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    contact_id = log_contact(
        set_up_store,
        "i_reached_out",
        datetime(2026, 11, 15, 20, 0, tzinfo=BERLIN),
        now=NOW,
        felt_after=5,
    )
    assert streak_now(set_up_store) == 5
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ContactScreen(contact_id))
        await pilot.pause()
        # It was only them reaching out: change the kind, keep the time.
        await pilot.press("2", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ContactScreen)
        [contact] = list_contacts(set_up_store)
        assert contact.kind == "they_reached_out"
        assert contact.at == datetime(2026, 11, 15, 20, 0, tzinfo=BERLIN)
        assert contact.felt_after == 5
        assert streak_now(set_up_store) == 20
        app.push_screen(ContactScreen(contact_id))
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, ContactScreen)
    assert list_contacts(set_up_store) == []


async def test_contact_form_fits_a_tiny_terminal(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    app = app_factory("contact")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.press("1", "enter", "1", "enter")
        await pilot.pause()
        assert app.screen.query_one("#contact-done").display
    assert len(list_contacts(set_up_store)) == 1
