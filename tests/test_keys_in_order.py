"""Keys typed in one burst land where they would have landed typed one by one.

A burst is every key posted to the app before it has handled the first, as the
terminal delivers a quick hand's keys on a busy machine. Textual passes a key to
the focused widget at once and does what it means a few hops later (Tab and enter
are bindings run once the key has come back up to the app; a number on a list
moves the focus by a message), so the keys behind it used to reach the widget
the focus was leaving. These tests fail on that: the feeling's digit became the
contact's kind, and the passphrase after a wrong try was glued onto it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import NOW
from helpers import burst
from nocontact_tui.screens.contact import ContactScreen
from test_lock_screen import PASSPHRASE, SECRET, on_screen, wait_until, write_journal
from textual import events

from nocontact_tui.app import NoContactApp, make_app
from nocontact_tui.domain.clock import FrozenClock
from nocontact_tui.domain.contacts import list_contacts
from nocontact_tui.journal import crypto
from nocontact_tui.journal.crypto import Key
from nocontact_tui.journal.store import Store


async def test_kind_tab_feeling_tab_note_in_one_burst(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        # From Home: the form opens and takes the keys behind the one that opened it.
        burst(app, "c", "1", "tab", "4", "tab", *"Said I was fine", "ctrl+s")
        await wait_until(pilot, lambda: bool(list_contacts(set_up_store)))
        assert isinstance(app.screen, ContactScreen)
    [contact] = list_contacts(set_up_store)
    assert (contact.kind, contact.felt_after, contact.note) == (
        "i_reached_out",
        4,
        "Said I was fine",
    )


async def test_enter_on_the_time_then_the_feeling_in_one_burst(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    """Enter on "when" moves the focus by a message: the 4 behind it is the feeling,
    not a time typed into the field."""
    app = app_factory("contact")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.focused is not None and app.focused.id == "kind")
        burst(app, "3", "enter", "4", *"coffee", "enter")
        await wait_until(pilot, lambda: bool(list_contacts(set_up_store)))
    [contact] = list_contacts(set_up_store)
    assert (contact.kind, contact.felt_after, contact.note) == ("i_replied", 4, "coffee")
    assert contact.at == NOW


async def test_a_pasted_note_after_the_tabs_lands_in_the_note(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    app = app_factory("contact")
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "1", "tab", "4")  # the feeling moves the focus to the note, by a message
        app.post_message(events.Paste("Said I was fine"))
        burst(app, "ctrl+s")
        await wait_until(pilot, lambda: bool(list_contacts(set_up_store)))
    [contact] = list_contacts(set_up_store)
    assert (contact.kind, contact.felt_after, contact.note) == (
        "i_reached_out",
        4,
        "Said I was fine",
    )


async def test_a_paste_on_a_list_goes_into_the_note(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    """Letters typed where no field takes them go into the note; so does a paste."""
    app = app_factory("contact")
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "1", "tab")  # the kind, then past the time to the feelings
        await wait_until(pilot, lambda: app.focused is not None and app.focused.id == "felt")
        app.post_message(events.Paste("Said I was fine"))  # on the feelings' list
        await wait_until(pilot, lambda: app.focused is not None and app.focused.id == "note")
        burst(app, "ctrl+s")
        await wait_until(pilot, lambda: bool(list_contacts(set_up_store)))
    [contact] = list_contacts(set_up_store)
    assert (contact.kind, contact.felt_after, contact.note) == (
        "i_reached_out",
        None,
        "Said I was fine",
    )


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "DEFAULT_N", 2**10)


async def test_a_wrong_try_then_the_right_one_in_one_burst(
    fast_kdf: None, db_path: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    tried: list[str] = []
    unlock = Key.unlock.__func__  # type: ignore[attr-defined]

    def noted(cls, header, passphrase):  # noqa: ANN001, ANN202
        tried.append(passphrase)
        return unlock(cls, header, passphrase)

    monkeypatch.setattr(Key, "unlock", classmethod(noted))
    write_journal(db_path, sealed=True)
    with Store.open(db_path, lazy=True, today=NOW.date()) as store:
        app = make_app(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            burst(app, *"not it", "enter", *PASSPHRASE, "enter")
            await wait_until(pilot, lambda: SECRET in on_screen(app))
            assert tried == ["not it", PASSPHRASE]
