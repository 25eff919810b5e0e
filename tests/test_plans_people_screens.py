"""Plans and people on screen: the plan first in the surf, someone offered among the
prompts, the new outcome saved and counted, the traps card and the people screen."""

from __future__ import annotations

from collections.abc import Callable

from conftest import NOW
from helpers import burst
from nocontact_tui.screens.dialogs.ask_line import AskLine
from nocontact_tui.screens.people import PeopleScreen
from nocontact_tui.screens.traps import TrapsScreen
from nocontact_tui.screens.urge import UrgeScreen
from textual.widgets import Input, Static

from nocontact_tui.app import NoContactApp
from nocontact_tui.domain.people import add_person, list_people
from nocontact_tui.domain.plans import plan_for, set_plan
from nocontact_tui.domain.urges import compute_evidence, list_urges, prompt_at
from nocontact_tui.journal.store import Store
from nocontact_tui.texts import line

AppFactory = Callable[..., NoContactApp]


async def test_the_plan_for_the_chosen_trap_is_the_first_prompt(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("urge")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("8", "1")
        screen = app.screen
        assert isinstance(screen, UrgeScreen)
        trap = screen.session.trigger
        assert trap is not None
        set_plan(set_up_store, trap, "If it's Sunday night, I call my sister", now=NOW)
        await pilot.press("enter")
        await pilot.pause()
        first = prompt_at(screen.plan, 0)
        assert first is not None and first.kind == "plan"
        assert "I call my sister" in str(screen.query_one("#prompt").render())


async def test_someone_on_the_list_is_offered_and_reaching_them_is_saved(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    add_person(set_up_store, "Maya", "call, any evening", now=NOW)
    app = app_factory("urge")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("8", "1", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, UrgeScreen)
        offered = [p for p in screen.plan if p.kind == "person"]
        assert offered and "Maya (call, any evening)" in offered[0].text
        await pilot.press("enter", "4")  # finish now, a last rating of 4
        outcomes = str(screen.query_one("#outcome-list").render())
        assert line("urge", "outcome_reached") in outcomes
        await pilot.press("2")  # reached someone on my list
        await pilot.pause()
    [urge] = list_urges(set_up_store)
    assert urge.outcome == "reached_someone"
    assert compute_evidence([urge], []).surfed == 1


async def test_without_people_the_landing_is_as_before(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("urge")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("8", "1", "enter", "enter", "4")
        screen = app.screen
        assert isinstance(screen, UrgeScreen)
        assert line("urge", "outcome_reached") not in str(
            screen.query_one("#outcome-list").render()
        )
        await pilot.press("2")  # still "write an unsent letter"
        await pilot.pause()
    assert list_urges(set_up_store)[0].outcome == "wrote_letter"


async def test_a_plan_is_written_shown_and_cleared_on_the_traps_screen(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("traps")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, TrapsScreen)
        trap = screen.traps[0]
        await pilot.press("p")
        assert app.focused is screen.query_one("#plan-input", Input)
        await pilot.press(*"I call my sister", "enter")
        assert plan_for(set_up_store, trap.id) == "I call my sister"
        assert "I call my sister" in str(screen.query_one("#card").render())
        # Unsaved words ask before they go; "n" keeps them.
        await pilot.press("p", *" first", "escape")
        assert isinstance(app.screen, AskLine)
        # The question says what y and every other key do here, not the urge's "end it".
        asked = str(app.screen.query_one(Static).render())
        assert line("plans", "plans", "discard_other") in asked
        assert line("messages", "ask_line_yes") not in asked
        await pilot.press("n")
        assert screen.query_one("#plan-input", Input).value == "I call my sister first"
        await pilot.press("ctrl+a", "ctrl+k", "enter")  # an empty line clears it
        assert plan_for(set_up_store, trap.id) is None


async def test_people_are_added_and_removed_on_their_screen(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("home")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, PeopleScreen)
        await pilot.press("n", *"Maya", "enter", *"call, any evening", "enter")
        assert [p.line for p in list_people(set_up_store)] == ["Maya (call, any evening)"]
        await pilot.press("x")
        assert isinstance(app.screen, AskLine)
        assert line("plans", "people", "remove_yes") in str(app.screen.query_one(Static).render())
        await pilot.press("y")
        assert list_people(set_up_store) == []
        await pilot.press("n", *"Sam", "escape")
        assert isinstance(app.screen, AskLine)
        await pilot.press("y")
        assert list_people(set_up_store) == []
        assert line("plans", "people", "empty") in str(
            app.screen.query_one("#people-empty").render()
        )


async def test_the_words_in_question_stay_in_sight_under_the_question(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    """ "Leave without keeping what you typed?" is asked over the words, not in place of them:
    a question line (a modal screen) lets the screen under it show through."""
    app = app_factory("people")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"Sam Okafor", "escape")
        assert isinstance(app.screen, AskLine)
        await pilot.pause()
        shown = app.export_screenshot()  # SVG: a space is &#160; there, so one word each
        assert "Okafor" in shown and line("plans", "people", "discard").split()[0] in shown


async def test_a_person_half_typed_is_kept_on_every_way_out_but_leave_it(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    """ctrl+q, the palette's Home, a signal: a person with a name is kept as typed."""
    app = app_factory("people")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"Maya", "enter", *"call her")
        app.action_go("home")  # as the palette does: the people screen goes away
        await pilot.pause()
        assert [(p.name, p.how) for p in list_people(set_up_store)] == [("Maya", "call her")]
        app.action_go("people")
        await pilot.pause()
        await pilot.press("n", *"Sam")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert [p.name for p in list_people(set_up_store)] == ["Maya", "Sam"]


async def test_quitting_asks_before_words_with_no_name_go(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("people")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "enter", *"text her")  # no name yet: nothing can keep it
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, AskLine)
        assert app.screen.question == line("plans", "people", "quit_at_risk")
        await pilot.press("enter")  # stay: the default
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, PeopleScreen)
        assert app.screen.query_one("#person-how", Input).value == "text her"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running
    assert list_people(set_up_store) == []


async def test_people_typed_in_one_burst_land_in_their_fields(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("people")
    async with app.run_test(size=(80, 24)) as pilot:
        # n opens the form before the name's letters are handed on; enter in the name
        # moves on before the how's; enter in the how saves before the next n; a
        # second enter in the same instant does not save twice.
        burst(app, "n", *"Maya", "enter", *"call her", "enter", "enter")
        burst(app, "n", *"Sam", "enter", *"text him", "enter")
        await pilot.pause()
        assert [(p.name, p.how) for p in list_people(set_up_store)] == [
            ("Maya", "call her"),
            ("Sam", "text him"),
        ]
        # Changing works the same way, on the one chosen.
        burst(app, "e", *" K", "enter", *", evenings", "enter")
        await pilot.pause()
        assert [(p.name, p.how) for p in list_people(set_up_store)] == [
            ("Maya", "call her"),
            ("Sam K", "text him, evenings"),
        ]


async def test_a_person_without_a_name_is_not_saved_and_the_name_is_asked_for(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("people")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "enter", *"call", "enter")
        screen = app.screen
        assert list_people(set_up_store) == []
        assert app.focused is screen.query_one("#person-name", Input)
        assert screen.query_one("#person-how", Input).value == "call"  # nothing lost
        await pilot.press(*"Maya", "enter", "enter")
        assert [(p.name, p.how) for p in list_people(set_up_store)] == [("Maya", "call")]


async def test_keys_typed_with_the_answer_to_leave_do_not_close_more(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("people")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"Sam", "escape")
        assert isinstance(app.screen, AskLine)
        # Every key of the burst used to reach the question before it went; each answered
        # it again, closing the people screen, then failing to close the last one. Now
        # the keys after the answer wait for it, and do what they say: a new person.
        burst(app, "y", "n", *"Maya", "enter")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PeopleScreen) and screen.writing
        assert screen.form_words() == ("Maya", "") and list_people(set_up_store) == []
        assert screen.focused is screen.query_one("#person-how", Input)


async def test_the_whole_form_is_on_a_small_screen(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("people")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("n")  # no one yet: the note for an empty list made way
        screen = app.screen
        footer_row = 11
        for field in ("#person-name", "#person-how"):
            assert screen.query_one(field, Input).region.bottom <= footer_row


def test_traps_card_with_a_plan(snap_compare, app_factory, set_up_store: Store) -> None:
    set_plan(
        set_up_store,
        "closure",
        "If I start drafting the talk in my head, I write it here.",
        now=NOW,
    )
    assert snap_compare(app_factory("traps"), terminal_size=(80, 24))


def test_people_screen(snap_compare, app_factory, set_up_store: Store) -> None:
    add_person(set_up_store, "Maya, my sister", "call, any evening", now=NOW)
    add_person(set_up_store, "Jonas", "text him, he answers fast", now=NOW)
    assert snap_compare(app_factory("people"), terminal_size=(80, 24))


def test_people_screen_small(snap_compare, app_factory, set_up_store: Store) -> None:
    add_person(set_up_store, "Maya, my sister", "call, any evening", now=NOW)
    assert snap_compare(app_factory("people"), terminal_size=(40, 12))
