"""Letters for later and the milestone moment, on screen (issue 18.4 and 18.6)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from nocontact_tui.screens.dialogs.later import RereadModal, SealModal
from nocontact_tui.screens.home import HomeScreen
from nocontact_tui.screens.letter_editor import LetterEditorScreen
from nocontact_tui.screens.letters import LettersScreen
from textual.widgets import Input, Static

from nocontact_tui.app import NoContactApp, make_app
from nocontact_tui.domain.clock import FrozenClock
from nocontact_tui.domain.letters import create_letter, get_letter, seal_letter
from nocontact_tui.journal.store import Store

AppFactory = Callable[..., NoContactApp]
TODAY = date(2026, 11, 21)  # the frozen clock's day


def shown(app: NoContactApp, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return str(widget.render()) if widget.display else ""


def ready_today(store: Store, clock: FrozenClock, title: str = "The week it ended") -> int:
    letter_id = create_letter(store, now=clock.now() - timedelta(days=30), title=title, body="b")
    seal_letter(store, letter_id, TODAY)
    return letter_id


# -- sealing with a day -------------------------------------------------------------


async def test_seal_with_a_day_a_week_away(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock
) -> None:
    letter_id = create_letter(set_up_store, now=clock.now(), title="Later", body="b")
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "2")
        await pilot.pause()
        letter = get_letter(set_up_store, letter_id)
        assert letter.sealed and letter.reread_on == date(2026, 11, 28)
        assert isinstance(app.screen, LettersScreen)


async def test_seal_with_a_typed_day_bad_input_loses_nothing(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock
) -> None:
    letter_id = create_letter(set_up_store, now=clock.now(), title="Later", body="b")
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "5")
        modal = app.screen
        assert isinstance(modal, SealModal)
        field = modal.query_one("#later-date", Input)
        assert field.has_focus
        await pilot.press(*"2027-02-30", "enter")
        assert "not on the calendar" in shown(app, "#later-problem")
        assert field.value == "2027-02-30"  # kept, to be mended
        assert not get_letter(set_up_store, letter_id).sealed
        # y and n are letters here, not answers
        await pilot.press("ctrl+u", *"yn", "enter")
        assert "year-month-day" in shown(app, "#later-problem")
        assert app.screen is modal
        await pilot.press("ctrl+u", *"2027-03-01", "enter")
        await pilot.pause()
        letter = get_letter(set_up_store, letter_id)
        assert letter.sealed and letter.reread_on == date(2027, 3, 1)


async def test_leaving_the_date_field_seals_nothing(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock
) -> None:
    letter_id = create_letter(set_up_store, now=clock.now(), title="Later", body="b")
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "5", *"2027")
        await pilot.press("escape")  # back to the choices, what was typed kept
        modal = app.screen
        assert isinstance(modal, SealModal)
        assert not modal.query_one("#later-date", Input).display
        await pilot.press("5")
        assert modal.query_one("#later-date", Input).value == "2027"
        await pilot.press("escape", "escape")  # back, then keep it a draft
        await pilot.pause()
        assert isinstance(app.screen, LettersScreen)
        letter = get_letter(set_up_store, letter_id)
        assert not letter.sealed and letter.reread_on is None


# -- the day comes --------------------------------------------------------------------


async def test_home_says_a_letter_is_ready_and_the_answer_is_kept(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock
) -> None:
    letter_id = ready_today(set_up_store, clock)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        assert "ready to read again" in shown(app, "#later")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, LetterEditorScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RereadModal)
        assert "How does it read now?" in shown(app, "#question")
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, LettersScreen)
        letter = get_letter(set_up_store, letter_id)
        assert [(r.at, r.reads) for r in letter.rereads] == [(clock.now(), 4)]
        # Opened again the same day: no second question.
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LettersScreen)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert shown(app, "#later") == ""
        assert not app.screen.check_action("reread", ())


async def test_not_now_keeps_it_ready(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock
) -> None:
    letter_id = ready_today(set_up_store, clock)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # not now
        await pilot.pause()
        assert get_letter(set_up_store, letter_id).rereads == ()
        await pilot.press("h")
        await pilot.pause()
        assert "ready to read again" in shown(app, "#later")


async def test_nothing_ready_the_day_before(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock
) -> None:
    letter_id = create_letter(set_up_store, now=clock.now(), title="Later", body="b")
    seal_letter(set_up_store, letter_id, TODAY + timedelta(days=1))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(app, "#later") == ""
        await pilot.press("e")
        assert isinstance(app.screen, HomeScreen)


# -- the milestone moment ----------------------------------------------------------


def week_in(store: Store) -> Store:
    """No contact for a week today: the one-week milestone is reached."""
    store.update_meta({"nc_start": (TODAY - timedelta(days=7)).isoformat()})
    return store


async def test_a_milestone_is_shown_once(
    set_up_store: Store, clock: FrozenClock, app_factory: AppFactory
) -> None:
    week_in(set_up_store)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "One full week" in shown(app, "#milestone")
        assert set_up_store.meta["milestones_shown"] == [{"days": 7, "since": "2026-11-14"}]
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert shown(app, "#milestone") == ""
    # A restart (or another window) knows it was shown.
    again = make_app(set_up_store, clock=clock)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(again, "#milestone") == ""


async def test_no_milestone_while_the_count_is_hidden(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    week_in(set_up_store)
    set_up_store.update_meta({"hide_count": True})
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(app, "#milestone") == ""
        assert "milestones_shown" not in set_up_store.meta
