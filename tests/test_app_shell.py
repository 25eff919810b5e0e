"""The app shell with the pilot: first run, home, navigation, help, palette, quitting."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from conftest import NOW
from nocontact_tui.screens.first_run import FirstRunScreen
from nocontact_tui.screens.help import HelpScreen
from nocontact_tui.screens.home import HomeScreen
from textual.widgets import Digits, Input, Static

from nocontact_tui.app import NoContactApp
from nocontact_tui.domain.reasons import add_reason
from nocontact_tui.journal.errors import EXIT_DATA
from nocontact_tui.journal.store import Store

AppFactory = Callable[..., NoContactApp]


def text_of(app: NoContactApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_first_run_asks_two_things_and_stores_them(
    app_factory: AppFactory, store: Store
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        start = app.screen.query_one("#start", Input)
        assert start.value == "2026-11-21"
        start.value = ""
        await pilot.press(*"2026-11-02", "enter")
        hour = app.screen.query_one("#hour", Input)
        hour.value = ""
        await pilot.press("5", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#streak-digits", Digits).value == "19"
    assert store.meta["nc_start"] == "2026-11-02"
    assert store.meta["day_starts_at"] == 5


async def test_first_run_refuses_a_future_date_and_a_bad_hour(
    app_factory: AppFactory, store: Store
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#start", Input).value = "2027-01-01"
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, FirstRunScreen)
        assert "not in the future" in text_of(app, "#problem")
        app.screen.query_one("#start", Input).value = "2026-11-20"
        app.screen.query_one("#hour", Input).value = "99"
        await pilot.press("enter", "enter")
        assert "0 to 23" in text_of(app, "#problem")
        assert "nc_start" not in store.meta


async def test_first_run_can_wait_and_home_still_works(
    app_factory: AppFactory, store: Store
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Not started" in text_of(app, "#streak-label")
        await pilot.press("s")  # any screen and back: not asked twice in one session
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_home_shows_streak_review_and_a_reason(
    app_factory: AppFactory, set_up_store: Store
) -> None:
    add_reason(set_up_store, "I stopped laughing around them", now=NOW)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#streak-digits", Digits).value == "20"
        assert "20" not in text_of(app, "#streak-label")
        assert "waiting" in text_of(app, "#review-state")
        assert "I stopped laughing around them" in text_of(app, "#reason")


async def test_hidden_count_shows_no_number(app_factory: AppFactory, set_up_store: Store) -> None:
    set_up_store.update_meta({"hide_count": True})
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#streak-digits", Digits).display
        assert "count is hidden" in text_of(app, "#streak-label")


async def test_every_global_key_leads_somewhere_without_crashing(
    app_factory: AppFactory, set_up_store: Store
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        for key in "urlsdct":
            await pilot.press("h")
            await pilot.press(key)
            await pilot.pause()
            await pilot.press("escape")
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_help_lists_keys_and_where_to_find_support(
    app_factory: AppFactory, set_up_store: Store
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = " ".join(description for group in app.screen.groups for _, description in group.rows)
        for word in (
            "Home",
            "Urge",
            "Reasons",
            "Letters",
            "Streak",
            "Review",
            "Traps",
            "Quit",
            "Command palette",
        ):
            assert word in keys
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_command_palette_lists_every_screen(
    app_factory: AppFactory, set_up_store: Store
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {
            "Home",
            "Urge surfing — ride out an urge",
            "Reasons — remember why it ended",
            "Letters — write what you will never send",
            "Daily review",
        } <= titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"help and keys", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_q_and_ctrl_c_save_and_quit(app_factory: AppFactory, set_up_store: Store) -> None:
    for key in ("q", "ctrl+c", "ctrl+q"):
        flushed: list[str] = []
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            app.register_flusher("probe", lambda flushed=flushed: flushed.append("saved"))
            await pilot.press(key)
            await pilot.pause()
        assert app.return_code == 0
        assert flushed, key


async def test_ctrl_c_in_a_field_with_a_selection_copies_instead(
    app_factory: AppFactory, store: Store
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        start = app.screen.query_one("#start", Input)
        start.select_all()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.is_running
        assert app.clipboard == start.value


async def test_a_read_only_journal_opens_and_says_why(tmp_path, clock) -> None:
    from nocontact_tui.app import make_app

    db = tmp_path / "nocontact.json"
    db.write_text('{"meta": {"1": {"schema_version": 1, "nc_start": "2026-11-01"}}}')
    db.chmod(0o400)
    with Store.open(db) as store:
        assert not store.writable
        app = make_app(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert any("Read-only" in n.message for n in app._notifications)
            assert isinstance(app.screen, HomeScreen)


async def test_urge_is_on_screen_before_the_journal_is_read(tmp_path, clock) -> None:
    from nocontact_tui.screens.urge import UrgeScreen

    from nocontact_tui.app import make_app

    db = tmp_path / "nocontact.json"
    db.write_text(
        '{"meta": {"1": {"schema_version": 1, "nc_start": "2026-11-01", "urge_minutes": 25}}}'
    )
    with Store.open(db, lazy=True) as store:
        assert not store.loaded
        seen_at_load: list[str] = []
        app = make_app(store, clock=clock, start="urge")
        read_file = store._read_file

        def watched() -> dict:
            seen_at_load.append(type(app.screen).__name__)
            return read_file()

        store._storage._load = watched
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, UrgeScreen)
            await pilot.pause(0.3)  # READ_JOURNAL_AFTER
            assert seen_at_load == ["UrgeScreen"]  # read once, with the check-in on screen
            assert app.screen.session.minutes == 25  # the user's setting, applied after the read


async def test_a_journal_found_unusable_when_first_read_ends_the_app_cleanly(
    tmp_path, clock
) -> None:
    from nocontact_tui.app import make_app

    db = tmp_path / "nocontact.json"
    db.write_bytes(b'{"meta": {"1": {"schema_version": 1}}, "reasons": [torn')
    with Store.open(db, lazy=True) as store:
        app = make_app(store, clock=clock)
        await asyncio.wait_for(app.run_async(headless=True, size=(80, 24)), timeout=30)
    assert app.unusable_journal is not None
    assert str(db) in app.unusable_journal.text
    assert app.return_code == EXIT_DATA
    assert db.read_bytes() == b'{"meta": {"1": {"schema_version": 1}}, "reasons": [torn'


@pytest.mark.parametrize(("day_starts_at", "words"), [(11, "1 hour into"), (4, "8 hours into")])
async def test_home_counts_the_first_hours_in_words_that_fit(
    store: Store, app_factory: Callable[..., NoContactApp], day_starts_at: int, words: str
) -> None:
    from datetime import timedelta

    from nocontact_tui.domain.contacts import log_contact

    start = NOW.date() - timedelta(days=10)
    store.update_meta({"nc_start": start.isoformat(), "day_starts_at": day_starts_at})
    yesterday = NOW - timedelta(days=1)
    log_contact(store, "met", yesterday, now=yesterday)  # the new stretch began this morning
    app = app_factory()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert text_of(app, "#streak-hours").startswith(words + " this stretch")


async def test_home_on_the_very_first_day_says_day_one_not_hours(
    store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    store.update_meta({"nc_start": NOW.date().isoformat()})
    app = app_factory()
    async with app.run_test() as pilot:
        await pilot.pause()
        # Set up a moment ago: "8 hours since you began" would count hours before they did.
        assert text_of(app, "#streak-hours").startswith("This is day one.")
