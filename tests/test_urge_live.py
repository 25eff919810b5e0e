"""A running urge session survives every key its screens offer (issue 14, part 1).

Mid-surf, the navigation keys open their screen over the surf; the timer, the ratings
and the two-minute question keep going, and `escape` or `u` comes back. Only the
person ends a session early, after one question; a signal keeps it as it stands.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from nocontact_tui.screens.dialogs.ask_line import AskLine
from nocontact_tui.screens.home import HomeScreen
from nocontact_tui.screens.urge import UrgeScreen

from nocontact_tui.domain.clock import FrozenClock
from nocontact_tui.texts import line


def the_urge(path: Path) -> dict[str, Any]:
    [doc] = json.loads(path.read_text())["urges"].values()
    return doc


def urge_screen(app: Any) -> UrgeScreen:
    [screen] = [s for s in app.screen_stack if isinstance(s, UrgeScreen)]
    return screen


async def start_surfing(pilot: Any, first: str = "8") -> UrgeScreen:
    """From home: `u`, a rating, skip the trap, no words, enter: the surf is running."""
    await pilot.press("u")
    await pilot.pause()
    await pilot.press(first, "s", "enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, UrgeScreen) and screen.has_class("-surf")
    return screen


def tick(screen: UrgeScreen, clock: FrozenClock, seconds: float) -> None:
    clock.advance(seconds)
    screen.tick()


SCREEN_KEYS = [("r", "reasons"), ("l", "letters"), ("s", "streak"), ("d", "review"), ("t", "traps")]


@pytest.mark.parametrize(("key", "name"), SCREEN_KEYS)
async def test_a_navigation_key_mid_surf_opens_over_it_and_u_returns(
    set_up_store, app_factory, clock: FrozenClock, db_path: Path, key: str, name: str
) -> None:
    app = app_factory("home")
    async with app.run_test(size=(80, 24)) as pilot:
        surf = await start_surfing(pilot)
        tick(surf, clock, 60)
        await pilot.press(key)
        await pilot.pause()
        assert app.screen.id == name
        assert surf in app.screen_stack and surf.session.live  # still running underneath
        tick(surf, clock, 70)  # the timer goes on while they read
        assert the_urge(db_path)["outcome"] is None
        await pilot.press("u")
        await pilot.pause()
        assert app.screen is surf
        assert surf.query_one("#countdown").value == "12:50"
        assert surf.has_class("-asking")  # the two-minute question waited for them
        await pilot.press("6")
        assert the_urge(db_path)["ratings"] == [[0, 8], [130, 6]]


@pytest.mark.parametrize("key", ["r", "s", "t"])
async def test_escape_from_the_screen_over_the_surf_returns_to_it(
    set_up_store, app_factory, clock: FrozenClock, key: str
) -> None:
    app = app_factory("urge")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("8", "s", "enter")
        surf = urge_screen(app)
        await pilot.press(key)
        await pilot.pause()
        assert app.screen is not surf
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is surf and surf.session.live


async def test_home_over_the_surf_says_a_wave_is_running(
    set_up_store, app_factory, clock: FrozenClock
) -> None:
    app = app_factory("home")
    async with app.run_test(size=(80, 24)) as pilot:
        surf = await start_surfing(pilot)
        assert app.footer_notice() is None  # on the surf itself, nothing to point back to
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and surf.session.live
        notice = app.footer_notice()
        assert notice is not None and "u" in notice
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is surf


async def test_going_from_one_screen_to_another_keeps_the_surf_under_both(
    set_up_store, app_factory, clock: FrozenClock
) -> None:
    app = app_factory("home")
    async with app.run_test(size=(80, 24)) as pilot:
        surf = await start_surfing(pilot)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.id == "traps"
        # Never a pile of screens: the surf, then the one being read.
        assert app.screen_stack[-2] is surf
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is surf


@pytest.mark.parametrize("key", ["q", "ctrl+q", "ctrl+c", "escape"])
async def test_leaving_a_live_session_asks_once_and_staying_is_the_default(
    set_up_store, app_factory, db_path: Path, key: str
) -> None:
    app = app_factory("urge")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("8", "s", "enter")
        surf = urge_screen(app)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, AskLine)
        asked = "urge_end_here" if key == "escape" else "urge_end_and_close"
        assert app.screen.question == line("messages", asked)
        await pilot.press("enter")  # the default: stay
        await pilot.pause()
        assert app.screen is surf and surf.session.live and app.is_running
        assert the_urge(db_path)["outcome"] is None


@pytest.mark.parametrize("key", ["q", "ctrl+q", "ctrl+c"])
async def test_quitting_a_live_session_after_saying_yes_records_stopped_early(
    set_up_store, app_factory, db_path: Path, key: str
) -> None:
    app = app_factory("urge")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("8", "s", "enter", key)
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    doc = the_urge(db_path)
    assert doc["outcome"] == "abandoned" and doc["ended_at"] is not None


async def test_quit_from_a_screen_over_the_surf_asks_too(
    set_up_store, app_factory, db_path: Path
) -> None:
    app = app_factory("home")
    async with app.run_test(size=(80, 24)) as pilot:
        surf = await start_surfing(pilot)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, AskLine)
        await pilot.press("x")  # any key but yes keeps it going
        await pilot.pause()
        assert app.screen.id == "reasons" and surf.session.live


async def test_escape_and_yes_ends_it_as_the_persons_choice(
    set_up_store, app_factory, db_path: Path
) -> None:
    app = app_factory("home")
    async with app.run_test(size=(80, 24)) as pilot:
        surf = await start_surfing(pilot)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert surf not in app.screen_stack and isinstance(app.screen, HomeScreen)
        assert the_urge(db_path)["outcome"] == "abandoned"


async def test_a_signal_keeps_the_session_as_it_stands_not_stopped_early(
    set_up_store, app_factory, clock: FrozenClock, db_path: Path
) -> None:
    app = app_factory("home")
    async with app.run_test(size=(80, 24)) as pilot:
        surf = await start_surfing(pilot)
        tick(surf, clock, 30)
        await pilot.press("r")
        await pilot.pause()
        app.flush_all()  # what SIGTERM and SIGHUP run before exiting
    doc = the_urge(db_path)
    assert doc["outcome"] is None and doc["ended_at"] is not None
    assert doc["ratings"] == [[0, 8]]


async def test_time_up_while_reading_leaves_the_landing_waiting(
    set_up_store, app_factory, clock: FrozenClock, db_path: Path
) -> None:
    app = app_factory("home")
    async with app.run_test(size=(80, 24)) as pilot:
        surf = await start_surfing(pilot)
        await pilot.press("r")
        await pilot.pause()
        tick(surf, clock, 901)
        await pilot.pause()
        assert app.screen.id == "reasons"  # not pulled away from what they read
        assert surf.session.live and surf.has_class("-land")
        notice = app.footer_notice()
        assert notice is not None
        await pilot.press("u")
        await pilot.pause()
        assert app.screen is surf
        await pilot.press("3", "1")  # a last rating, then "rode it out"
        assert the_urge(db_path)["outcome"] == "surfed"


async def test_a_finished_session_lets_navigation_close_it(
    set_up_store, app_factory, clock: FrozenClock
) -> None:
    app = app_factory("home")
    async with app.run_test(size=(80, 24)) as pilot:
        surf = await start_surfing(pilot)
        await pilot.press("enter", "2", "1")  # finish now, a last rating, rode it out
        await pilot.pause()
        assert surf.session.done
        await pilot.press("r")
        await pilot.pause()
        assert surf not in app.screen_stack  # nothing left running: no pile of screens
        assert app.footer_notice() is None


async def test_the_fourteenth_trap_card_is_three_keys_from_the_rating(
    app_factory, db_path: Path
) -> None:
    from nocontact_tui.domain.traps import load_traps

    fourteenth = load_traps()[13]
    app = app_factory("urge")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("7", "0", "5")  # a rating, the next nine cards, the fifth of them
        await pilot.pause()
        assert the_urge(db_path)["trigger"] == fourteenth.id


async def test_late_at_night_the_check_in_offers_the_late_night_card_first(
    set_up_store, store, clock: FrozenClock, db_path: Path
) -> None:
    from nocontact_tui.app import make_app

    late = FrozenClock(clock.now().replace(hour=23), clock.tz)
    app = make_app(store, clock=late, start="urge")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6", "1")
        await pilot.pause()
        assert the_urge(db_path)["trigger"] == "late_night"


async def test_s_then_enter_in_one_burst_starts_the_surf(app_factory) -> None:
    """A hurried `s` + enter: the enter can reach the trap list before the focus moves on."""
    app = app_factory("urge")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("8", "s", "enter")
        await pilot.pause()
        assert urge_screen(app).has_class("-surf")


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_every_screen_over_the_surf_shows_the_wave_in_its_footer(
    set_up_store, app_factory, clock: FrozenClock, size: tuple[int, int]
) -> None:
    from nocontact_tui.widgets.footer import KeysFooter

    app = app_factory("home")
    async with app.run_test(size=size) as pilot:
        surf = await start_surfing(pilot)
        for key in ("r", "l", "s", "d", "t", "h", "o"):
            await pilot.press(key)
            await pilot.pause()
            text_line = app.screen.query_one(KeysFooter).render().plain
            assert "wave 15:00 · u back to it" in text_line, (key, text_line)
            assert "? Help" in text_line or "f1 Help" in text_line, (key, text_line)
        tick(surf, clock, 75)
        await pilot.pause()
        assert "wave 13:45" in app.screen.query_one(KeysFooter).render().plain
        tick(surf, clock, 50)  # two minutes: the surf asks for a rating
        await pilot.pause()
        assert (
            line("messages", "urge_rating_notice")
            in app.screen.query_one(KeysFooter).render().plain
        )


async def test_while_typing_over_the_surf_the_way_back_starts_with_escape(
    set_up_store, app_factory, clock: FrozenClock
) -> None:
    from nocontact_tui.widgets.footer import KeysFooter

    app = app_factory("home")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_surfing(pilot)
        await pilot.press("l", "n")  # a new letter: the editor has the keys, u is a letter
        await pilot.pause()
        text_line = app.screen.query_one(KeysFooter).render().plain
        assert "esc, then u" in text_line and "u back to it" not in text_line, text_line
