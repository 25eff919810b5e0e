"""The urge screen with keys only, checking what reached the file after each step."""

from __future__ import annotations

import json
from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
from conftest import NOW
from nocontact_tui.screens.traps import TrapsScreen
from nocontact_tui.screens.urge import UrgeScreen

from nocontact_tui.domain.clock import FrozenClock
from nocontact_tui.domain.traps import load_traps
from nocontact_tui.domain.urges import UrgeSession, save_session
from nocontact_tui.journal.store import Store
from nocontact_tui.texts import line, load
from nocontact_tui.widgets.footer import KeysFooter
from nocontact_tui.widgets.ratings import step_levels
from nocontact_tui.widgets.wave import block_rows, wave_height

WORDS = load("urge")


def on_disk(path: Path, table: str = "urges") -> list[dict[str, Any]]:
    """The documents of `table` as the file holds them now."""
    if not path.exists():
        return []
    return list(json.loads(path.read_text()).get(table, {}).values())


def the_urge(path: Path) -> dict[str, Any]:
    [doc] = on_disk(path)
    return doc


def text_of(screen: UrgeScreen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def surf_after(pilot: Any, clock: FrozenClock, seconds: float) -> UrgeScreen:
    clock.advance(seconds)
    screen = pilot.app.screen
    assert isinstance(screen, UrgeScreen)
    screen.tick()
    await pilot.pause()
    return screen


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_the_whole_flow_with_keys_only(
    app_factory, db_path: Path, clock: FrozenClock, size
) -> None:
    app = app_factory("urge")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, UrgeScreen), "nocontact urge must not stop for first run"
        assert on_disk(db_path) == []

        await pilot.press("8")
        doc = the_urge(db_path)
        assert doc["ratings"] == [[0, 8]] and doc["started_at"] == NOW.isoformat()
        assert doc["outcome"] is None and doc["minutes"] == 15  # defaults before any setup

        await pilot.press("2")
        assert the_urge(db_path)["trigger"] == load_traps()[1].id

        await pilot.press("h", "i", "space", "y", "o", "u", "enter")
        assert the_urge(db_path)["say"] == "hi you"
        assert screen.has_class("-surf")
        assert screen.query_one("#countdown").value == "15:00"

        screen = await surf_after(pilot, clock, 130)
        assert screen.query_one("#countdown").value == "12:50"
        assert screen.has_class("-asking")
        await pilot.press("6")
        assert the_urge(db_path)["ratings"] == [[0, 8], [130, 6]]
        assert not screen.has_class("-asking")

        await pilot.press("plus")
        assert the_urge(db_path)["minutes"] == 16
        screen = await surf_after(pilot, clock, 20)
        await pilot.press("enter")  # finish early
        assert screen.has_class("-land") and screen.has_class("-step-land-rate")
        await pilot.press("3")
        assert the_urge(db_path)["ratings"] == [[0, 8], [130, 6], [150, 3]]
        await pilot.press("1")
        doc = the_urge(db_path)
        assert doc["outcome"] == "surfed"
        assert doc["ended_at"] == (NOW + timedelta(seconds=150)).isoformat()
        assert line("urge", "landed_surfed") in text_of(screen, "#done-message")

        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, UrgeScreen)
    assert the_urge(db_path)["outcome"] == "surfed"  # quitting later changes nothing


async def test_the_check_in_fits_a_tiny_terminal(app_factory) -> None:
    app = app_factory("urge")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        screen = app.screen
        question = screen.query_one("#ask-rate .question")
        hint = screen.query_one("#ask-rate .hint")
        for widget in (question, hint):
            region = widget.region
            assert region.height > 0 and region.bottom <= 11, widget
        assert line("urge", "checkin_rate") in str(question.render())
        footer = screen.query_one(KeysFooter)
        assert footer.region.height == 1 and footer.region.bottom <= 12
        assert "0-9 Rate" in footer.render().plain[:40]  # the key that matters first, on screen


async def test_a_session_killed_mid_surf_keeps_its_ratings(
    app_factory, db_path: Path, clock: FrozenClock
) -> None:
    app = app_factory("urge")
    async with app.run_test() as pilot:
        await pilot.press("9", "s", "enter")
        await surf_after(pilot, clock, 125)
        await pilot.press("7")
        # Here a kill -9 would leave exactly this on disk: the ratings, no outcome.
        doc = the_urge(db_path)
        assert doc["ratings"] == [[0, 9], [125, 7]] and doc["outcome"] is None
        app.exit()
    doc = the_urge(db_path)
    assert doc["ratings"] == [[0, 9], [125, 7]]
    # Closed from outside: kept as it stands, never "stopped early", which is the person's word.
    assert doc["outcome"] is None and doc["ended_at"] is not None
    app.store.close()
    with Store.open(db_path, today=NOW.date()) as again:  # the file loads back as a journal
        [(_, reloaded)] = list(again.docs("urges"))
    assert reloaded["ratings"] == [[0, 9], [125, 7]]


async def test_the_flusher_saves_what_was_typed_on_a_signal(app_factory, db_path: Path) -> None:
    app = app_factory("urge")
    async with app.run_test() as pilot:
        await pilot.press("5", "s", "n", "o")
        app.flush_all()  # what SIGHUP and SIGTERM run before exiting
        doc = the_urge(db_path)
        assert doc["say"] == "no" and doc["outcome"] is None


async def test_escape_at_the_trap_step_leaves_early(app_factory, db_path: Path) -> None:
    app = app_factory("urge")
    async with app.run_test() as pilot:
        await pilot.press("4", "escape")
        await pilot.pause()
        await pilot.press("y")  # "End this wave here?"
        await pilot.pause()
        assert not isinstance(app.screen, UrgeScreen)
        doc = the_urge(db_path)
        assert doc["ratings"] == [[0, 4]] and doc["outcome"] == "abandoned"


async def test_escape_before_rating_saves_nothing(app_factory, db_path: Path) -> None:
    app = app_factory("urge")
    async with app.run_test() as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, UrgeScreen)
    assert on_disk(db_path) == []


async def test_another_screen_mid_surf_opens_over_it_and_keeps_it_running(
    set_up_store, app_factory, db_path: Path
) -> None:
    app = app_factory("urge")
    async with app.run_test() as pilot:
        await pilot.press("6", "s", "enter", "h")
        await pilot.pause()
        assert not isinstance(app.screen, UrgeScreen)
        assert isinstance(app.screen_stack[-2], UrgeScreen) and app.screen_stack[-2].session.live
        doc = the_urge(db_path)
        assert doc["outcome"] is None and doc["ratings"] == [[0, 6]]


async def test_time_up_then_a_letter_with_what_they_typed(
    app_factory, db_path: Path, clock: FrozenClock
) -> None:
    app = app_factory("urge")
    async with app.run_test() as pilot:
        await pilot.press("7", "s")
        await pilot.press(*"call me", "enter")
        screen = await surf_after(pilot, clock, 120)
        await pilot.press("s")  # skip the two-minute rating
        screen = await surf_after(pilot, clock, 780)
        assert screen.has_class("-step-land-rate")
        assert line("urge", "time_up") in text_of(screen, "#land-status")
        await pilot.press("s", "2")
        await pilot.pause()
        doc = the_urge(db_path)
        assert doc["outcome"] == "wrote_letter" and doc["ratings"] == [[0, 7]]
        [letter] = on_disk(db_path, "letters")
        assert letter["body"] == "call me" and letter["status"] == "draft"
        assert letter["title"] == line("urge", "letter_title") == "What I needed in that moment"
        if find_spec("nocontact_tui.screens.letters") is None:
            assert app.screen is screen and WORDS["letter_kept"] in text_of(screen, "#done-message")
        else:
            assert any(s.id == "letters" for s in app.screen_stack)


async def test_made_contact_is_logged_without_blame(
    set_up_store, app_factory, db_path: Path
) -> None:
    app = app_factory("urge")
    async with app.run_test() as pilot:
        await pilot.press("9", "s", "enter", "enter", "8", "3")
        screen = app.screen
        assert screen.has_class("-step-contact-kind")
        assert the_urge(db_path)["outcome"] is None  # nothing decided until the last key
        await pilot.press("1", "5")
        [contact] = on_disk(db_path, "contacts")
        assert contact["kind"] == "i_reached_out" and contact["felt_after"] == 5
        assert the_urge(db_path)["outcome"] == "made_contact"
        done = text_of(screen, "#done-message")
        # One message, the same as the contact screen's: kept, and when the new stretch begins.
        expected = line("contact", "messages", "restart", days=20, hour="04:00")
        assert done.strip() == expected
        assert "fail" not in done


async def test_pause_holds_the_countdown(app_factory, clock: FrozenClock) -> None:
    app = app_factory("urge")
    async with app.run_test() as pilot:
        await pilot.press("5", "s", "enter")
        screen = await surf_after(pilot, clock, 30)
        await pilot.press("space")
        assert screen.has_class("-paused")
        footer = screen.query_one(KeysFooter).render().plain
        assert "space Resume" in footer and "space Pause" not in footer  # says what it does
        screen = await surf_after(pilot, clock, 300)
        assert screen.query_one("#countdown").value == "14:30"
        await pilot.press("space", "minus")
        screen = await surf_after(pilot, clock, 30)
        assert screen.query_one("#countdown").value == "13:00"


async def test_t_mid_surf_shows_the_chosen_card_on_top(app_factory, clock: FrozenClock) -> None:
    app = app_factory("urge")
    async with app.run_test() as pilot:
        await pilot.press("8", "3", "enter", "t")
        await pilot.pause()
        assert isinstance(app.screen, TrapsScreen)
        assert load_traps()[2].name in str(app.screen.query_one("#card").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UrgeScreen) and app.screen.session.live


def log_urge(store: Store, clock: FrozenClock, first: int, last: int, outcome: str) -> None:
    session = UrgeSession()
    session.rate(first, 0)
    session.choose_trap(None)
    session.start_surf("", 0)
    save_session(store, session, clock.now())
    session.end_early(600)
    session.rate(last, 600)
    if outcome == "made_contact":
        session.choose_outcome(outcome)
        session.choose_contact_kind("i_reached_out")
        session.choose_felt(5)
    else:
        session.choose_outcome(outcome)
    clock.advance(600)
    save_session(store, session, clock.now())


async def test_evidence_shows_after_three_urges(
    store: Store, app_factory, clock: FrozenClock
) -> None:
    for first, last in ((8, 3), (9, 2), (7, 4)):
        log_urge(store, clock, first, last, "surfed")
    app = app_factory("urge")
    async with app.run_test() as pilot:
        await pilot.press("8", "s", "enter")
        evidence = text_of(app.screen, "#evidence")
        assert evidence.splitlines() == [
            "You have ridden out 3 urges so far, and every one of them passed.",
            "An urge you rode out usually took about 10 minutes to pass.",
            "Their strength usually fell from about 8 to about 3 by the end.",
        ]


async def test_the_surf_never_shows_the_contact_share(
    store: Store, app_factory, clock: FrozenClock
) -> None:
    for first, last in ((8, 3), (9, 2), (7, 4)):
        log_urge(store, clock, first, last, "surfed")
    for _ in range(4):
        log_urge(store, clock, 9, 9, "made_contact")
    app = app_factory("urge")
    async with app.run_test() as pilot:
        await pilot.press("8", "s", "enter")
        screen = app.screen
        assert isinstance(screen, UrgeScreen) and screen.has_class("-surf")
        shown = [text_of(screen, "#evidence")]
        # Every prompt of a whole rotation, the evidence ones included.
        for prompt in screen.plan:
            shown.append(prompt.text)
        assert any("ridden out 3 urges" in text for text in shown)
        for text in shown:
            assert "contact" not in text.casefold(), text
            assert "of your last" not in text, text


async def test_evidence_line_before_three_urges(app_factory) -> None:
    app = app_factory("urge")
    async with app.run_test() as pilot:
        await pilot.press("8", "s", "enter")
        assert text_of(app.screen, "#evidence") == line("urge", "evidence_none")


async def test_prompts_rotate_with_the_clock(
    set_up_store: Store, app_factory, clock: FrozenClock
) -> None:
    from nocontact_tui.domain.reasons import add_reason

    add_reason(set_up_store, "I was always the one who waited", now=clock.now())
    app = app_factory("urge")
    async with app.run_test() as pilot:
        await pilot.press("8", "1", "enter")
        seen = set()
        for _ in range(8):
            seen.add(text_of(app.screen, "#prompt"))
            await surf_after(pilot, clock, 25)
    assert WORDS["body"][0] in seen
    assert any("I was always the one who waited" in text_line for text_line in seen)
    assert any(load_traps()[0].question in text_line for text_line in seen)


async def test_u_from_home_and_the_palette_reach_the_urge_screen(set_up_store, app_factory) -> None:
    app = app_factory("home")
    async with app.run_test() as pilot:
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, UrgeScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p", *"Urge surfing")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, UrgeScreen)


async def test_another_wave_starts_a_fresh_check_in(app_factory, db_path: Path) -> None:
    app = app_factory("urge")
    async with app.run_test() as pilot:
        await pilot.press("8", "s", "enter", "enter", "2", "1", "u")
        assert app.screen.has_class("-step-rate")
        await pilot.press("3")
        assert [d["ratings"] for d in on_disk(db_path)] == [[[0, 8], [0, 2]], [[0, 3]]]


# -- the drawings -------------------------------------------------------------------


def test_the_wave_rises_then_falls() -> None:
    heights = [wave_height(x / 20) for x in range(21)]
    crest = heights.index(max(heights))
    assert 3 <= crest <= 10
    assert heights[0] < heights[crest] and heights[-1] < heights[crest]
    assert all(0 <= h <= 1 for h in heights)


def test_block_rows_and_step_levels() -> None:
    assert block_rows([0.0, 0.5, 1.0], 2) == ["  █", " ██"]
    levels = step_levels([(0, 8), (120, 4)], span=240, until=170, columns=4)
    assert levels == [0.8, 0.4, 0.4, None]
    # The last column reaches the end of the span, so a rating given at the very end shows.
    assert step_levels([(0, 8), (126, 3)], span=126, until=126, columns=10)[-1] == 0.3
    assert step_levels([], 60, 0, 3) == [None, None, None]
    # Two answers in the same second (a last rating right after the two-minute one): the later counts.
    assert step_levels([(0, 8), (0, 5)], span=30, until=30, columns=2) == [0.5, 0.5]


async def test_a_read_only_journal_still_lets_them_surf(db_path: Path, clock: FrozenClock) -> None:
    from nocontact_tui.app import make_app

    with Store.open(db_path, write=False, today=NOW.date()) as read_only:
        app = make_app(read_only, clock=clock, start="urge")
        async with app.run_test() as pilot:
            await pilot.press("8", "s", "enter")
            await surf_after(pilot, clock, 130)
            await pilot.press("5")
            assert app.screen.has_class("-surf") and app.screen.session.ratings == [
                (0, 8),
                (130, 5),
            ]
            # The app said once that nothing will be saved; the urge is not interrupted by errors.
            assert not any(n.severity == "error" for n in app._notifications)
    assert not db_path.exists()


async def test_keys_help_opens_over_the_urge_screen(app_factory) -> None:
    from nocontact_tui.screens.help import HelpScreen

    app = app_factory("urge")
    async with app.run_test() as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UrgeScreen)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_t_opens_the_trap_cards_and_arrows_turn_them(set_up_store, app_factory, size) -> None:
    traps = load_traps()
    app = app_factory("home")
    async with app.run_test(size=size) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TrapsScreen)
        card = app.screen.query_one("#card")
        assert traps[0].sounds_like in str(card.render())
        await pilot.press("down", "down")
        assert traps[2].counter in str(card.render())
        assert card.region.height > 0  # the card shows beside or below the list
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TrapsScreen)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_time_up_offers_to_keep_going_while_the_urge_is_strong(
    app_factory, db_path: Path, clock: FrozenClock, size: tuple[int, int]
) -> None:
    app = app_factory("urge")
    async with app.run_test(size=size) as pilot:
        await pilot.press("9", "s", "enter")
        screen = app.screen
        assert isinstance(screen, UrgeScreen)
        assert "Keep going" not in screen.query_one(KeysFooter).render().plain
        await pilot.press("k")  # nothing while surfing
        assert screen.has_class("-surf") and screen.session.minutes == 15
        for _ in range(7):  # seven two-minute questions, each skipped
            screen = await surf_after(pilot, clock, 120)
            await pilot.press("s")
        screen = await surf_after(pilot, clock, 60)
        assert screen.has_class("-step-land-rate")
        assert line("urge", "time_up") in text_of(screen, "#land-status")
        assert "k Keep going" in screen.query_one(KeysFooter).render().plain
        await pilot.press("k")
        assert screen.has_class("-surf") and screen.session.minutes == 20
        assert the_urge(db_path)["minutes"] == 20
        assert screen.query_one("#countdown").value == "05:00"
        assert "Keep going" not in screen.query_one(KeysFooter).render().plain
        screen = await surf_after(pilot, clock, 90)
        assert screen.query_one("#countdown").value == "03:30"
        screen = await surf_after(pilot, clock, 300)  # the five minutes are up too
        assert screen.has_class("-step-land-rate")
        await pilot.press("3", "1")
        doc = the_urge(db_path)
        assert doc["outcome"] == "surfed" and doc["ratings"] == [[0, 9], [1200, 3]]


async def test_an_enter_that_finished_early_by_mistake_is_taken_back_with_k(
    app_factory, clock, db_path: Path
) -> None:
    app = app_factory("urge")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("9", "s", "enter")
        screen = await surf_after(pilot, clock, 30)
        await pilot.press("enter")  # "finish now", pressed by mistake
        assert screen.has_class("-step-land-rate")
        assert "k Keep going" in screen.query_one(KeysFooter).render().plain
        await pilot.press("k")
        assert screen.has_class("-step-surf") and screen.session.minutes == 15
        assert screen.session.live and the_urge(db_path)["outcome"] is None


async def test_the_check_in_asks_about_the_person_not_the_message(app_factory) -> None:
    app = app_factory("urge")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("8", "s")
        screen = app.screen
        assert screen.has_class("-step-say")
        question = text_of(screen, "#ask-say .question")
        assert "What do you need right now?" in question
        assert "them" not in question.split() and "say to" not in question
        await pilot.press(*"some rest", "enter")
        assert screen.has_class("-surf") and screen.session.say == "some rest"
