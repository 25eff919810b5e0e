"""Pilot tests for "forgiving by design": an edit keeps its text, forms keep what was typed,
letters in a form are text, and a saved change can be taken back (issue 14, section 2)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from conftest import BERLIN, NOW
from nocontact_tui.screens.contact import ContactScreen
from nocontact_tui.screens.dialogs.confirm import ConfirmModal
from nocontact_tui.screens.first_run import FirstRunScreen
from nocontact_tui.screens.reasons import ReasonsScreen
from nocontact_tui.screens.review import ReviewScreen
from nocontact_tui.screens.streak import StreakScreen
from textual.binding import Binding
from textual.widgets import DataTable, Input

from nocontact_tui.app import NoContactApp
from nocontact_tui.domain.contacts import list_contacts, log_contact
from nocontact_tui.domain.reasons import add_reason, list_reasons
from nocontact_tui.domain.reviews import load_review
from nocontact_tui.journal.store import Store

AppFactory = Callable[..., NoContactApp]
LONG = (
    "He said he would change every time, and every time I believed him, and every time "
    "the same thing happened again a few weeks later"
)


def footer_keys(app: NoContactApp) -> set[str]:
    return {b.binding.action for b in app.screen.active_bindings.values() if b.binding.show}


# -- an edit keeps the text ---------------------------------------------------------------


async def test_editing_a_reason_starts_at_the_end_and_typing_adds(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    add_reason(set_up_store, LONG, now=NOW, category="Why it ended")
    app = app_factory("reasons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        field = app.focused
        assert isinstance(field, Input)
        assert field.selection.start == field.selection.end == len(LONG)
        await pilot.press(*" again", "enter")
        await pilot.pause()
    assert [r.text for r in list_reasons(set_up_store)] == [LONG + " again"]


async def test_editing_a_contact_note_starts_at_the_end(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    contact_id = log_contact(
        set_up_store, "i_replied", datetime(2026, 11, 15, 20, 0, tzinfo=BERLIN), now=NOW, note="hi"
    )
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ContactScreen(contact_id))
        await pilot.pause()
        await pilot.press("tab", "tab", "tab")  # kind -> when -> felt -> note
        await pilot.pause()
        note = app.screen.query_one("#note", Input)
        assert app.focused is note
        assert note.selection.start == note.selection.end == 2
        await pilot.press(*" back", "ctrl+s")
        await pilot.pause()
    [contact] = list_contacts(set_up_store)
    assert contact.note == "hi back"


# -- undo -------------------------------------------------------------------------------


async def test_a_saved_reason_edit_can_be_taken_back(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    reason_id = add_reason(set_up_store, LONG, now=NOW, category="Why it ended")
    app = app_factory("reasons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "undo" not in footer_keys(app)
        await pilot.press("enter", "ctrl+a", "ctrl+k", *"oops", "enter")
        await pilot.pause()
        assert [r.text for r in list_reasons(set_up_store)] == ["oops"]
        assert "undo" in footer_keys(app)
        await pilot.press("z")
        await pilot.pause()
        assert [(r.id, r.text) for r in list_reasons(set_up_store)] == [(reason_id, LONG)]
        assert "undo" not in footer_keys(app)


async def test_a_deleted_reason_comes_back_in_its_place(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    for text in ("one", "two", "three"):
        add_reason(set_up_store, text, now=NOW, category="Why it ended")
    before = list_reasons(set_up_store)
    app = app_factory("reasons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # d is the daily review everywhere: on this screen it deletes nothing.
        bindings = [b for b in ReasonsScreen.BINDINGS if isinstance(b, Binding)]
        assert [b.key for b in bindings if b.action == "delete"] == ["x,delete"]
        await pilot.press("down")  # "two"
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        assert [r.text for r in list_reasons(set_up_store)] == ["one", "three"]
        await pilot.press("ctrl+z")
        await pilot.pause()
    assert list_reasons(set_up_store) == before


async def test_a_removed_contact_comes_back_on_the_streak_screen(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    log_contact(
        set_up_store,
        "i_reached_out",
        datetime(2026, 11, 15, 20, 0, tzinfo=BERLIN),
        now=NOW,
        felt_after=4,
        note="a long call",
    )
    before = list_contacts(set_up_store)
    app = app_factory("streak")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#contacts", DataTable).focus()
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert list_contacts(set_up_store) == []
        assert isinstance(app.screen, StreakScreen)
        assert "undo" in footer_keys(app)
        await pilot.press("z")
        await pilot.pause()
    assert list_contacts(set_up_store) == before


async def test_a_changed_contact_can_be_taken_back(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    log_contact(
        set_up_store, "i_reached_out", datetime(2026, 11, 15, 20, 0, tzinfo=BERLIN), now=NOW
    )
    before = list_contacts(set_up_store)
    app = app_factory("streak")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#contacts", DataTable).focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        await pilot.press("2", "ctrl+s")
        await pilot.pause()
        assert list_contacts(set_up_store)[0].kind == "they_reached_out"
        await pilot.press("z")
        await pilot.pause()
    assert list_contacts(set_up_store) == before


async def test_a_saved_review_can_be_taken_back(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("review")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ["y", "1", "4", "3", "6", "enter", "enter", "enter", "enter"]:
            await pilot.press(key)
        await pilot.pause()
        assert load_review(set_up_store, NOW.date()) is not None
        assert len(list_contacts(set_up_store)) == 1
        assert "undo" in footer_keys(app)
        await pilot.press("z")
        await pilot.pause()
        assert load_review(set_up_store, NOW.date()) is None
        assert list_contacts(set_up_store) == []  # the contact the review logged went with it
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.draft is not None and app.screen.draft.mood == 3  # answers still here


# -- forms keep what was typed ----------------------------------------------------------


async def test_the_reported_contact_sequence_keeps_the_contact(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        # Choose a kind (focus moves on), keep "now", choose how it felt (focus moves on
        # to the note), then a natural tab, then the note.
        await pilot.press("1", "enter", "4", "tab")
        await pilot.pause()
        await pilot.press(*"Said I was fine")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        assert app.screen.query_one("#note", Input).value == "Said I was fine"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [contact] = list_contacts(set_up_store)
    assert (contact.kind, contact.felt_after, contact.note) == (
        "i_reached_out",
        4,
        "Said I was fine",
    )


async def test_tab_never_lands_where_letters_navigate(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("contact")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(6):
            await pilot.press("tab")
            await pilot.press("r", "l", "s", "d", "u", "t", "h", "q")
            await pilot.pause()
            assert isinstance(app.screen, ContactScreen)
        assert app.is_running


async def test_escape_from_a_contact_form_with_text_asks_and_stay_keeps_it(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("2", "enter", "enter", *"they wrote first")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("enter")  # the default is to stay
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        assert app.screen.query_one("#note", Input).value == "they wrote first"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # now, by choice: leave without it
        await pilot.pause()
        assert not isinstance(app.screen, (ContactScreen, ConfirmModal))
    assert list_contacts(set_up_store) == []


async def test_a_letter_on_the_kind_list_is_text_not_navigation(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("r")  # on the kind list: would have opened Reasons
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        assert app.screen.query_one("#note", Input).value == "r"


async def test_a_clean_contact_form_leaves_on_escape_without_asking(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_quitting_a_contact_form_with_a_kind_logs_it(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("3", "enter", "2", *"short and kind")
        await pilot.press("ctrl+q")
        await pilot.pause()
    [contact] = list_contacts(set_up_store)
    assert (contact.kind, contact.felt_after, contact.note) == ("i_replied", 2, "short and kind")


async def test_escape_from_a_reason_being_written_asks(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("reasons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a", *"I was never asked")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # stay
        await pilot.pause()
        assert isinstance(app.screen, ReasonsScreen)
        field = app.screen.query_one(".row-editor", Input)
        assert field.value == "I was never asked" and app.focused is field
        await pilot.press(*" how I was", "enter")
        await pilot.pause()
    assert [r.text for r in list_reasons(set_up_store)] == ["I was never asked how I was"]


async def test_escape_from_an_unchanged_edit_does_not_ask(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    add_reason(set_up_store, "kept", now=NOW)
    app = app_factory("reasons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ReasonsScreen)
        assert not app.screen.query(".row-editor")


async def test_first_run_with_typed_text_asks_on_escape(
    store: Store, app_factory: AppFactory
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        await pilot.press(*"2026-11-02")  # the suggested date is selected: typing replaces it
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")  # escape on the question means stay
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        assert app.screen.query_one("#start", Input).value == "2026-11-02"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, (FirstRunScreen, ConfirmModal))
    assert store.meta.get("nc_start") is None


async def test_first_run_untouched_escape_means_later_at_once(
    store: Store, app_factory: AppFactory
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (FirstRunScreen, ConfirmModal))


async def test_a_contact_form_left_another_way_is_kept_for_the_next_visit(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("5", "enter", "3", *"just looked")
        await pilot.pause()
        app.action_go("reasons")  # as the command palette does
        await pilot.pause()
        assert isinstance(app.screen, ReasonsScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        assert app.screen.query_one("#note", Input).value == "just looked"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [contact] = list_contacts(set_up_store)
    assert (contact.kind, contact.felt_after, contact.note) == ("checked_socials", 3, "just looked")


async def test_what_helped_starts_ticked_from_the_days_log(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    set_up_store.insert(
        "urges",
        {
            "started_at": "2026-11-21T09:00:00+01:00",
            "ratings": [[0, 8], [120, 4]],
            "outcome": "surfed",
        },
    )
    app = app_factory("review")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ["n", "3", "enter"]:  # no contact, mood 3, the urge from the log
            await pilot.press(key)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.draft is not None
        assert screen.draft.step == "helped" and screen.draft.helped == ["urge_surfing"]
        hint = str(screen.query_one("#hint").render())
        assert "log" in hint
        await pilot.press("2", "enter", "enter", "enter", "enter")  # add breathing, save
        await pilot.pause()
    review = load_review(set_up_store, NOW.date())
    assert review is not None and review.helped == ("urge_surfing", "breathing")


async def test_a_review_line_left_through_the_palette_is_still_there(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ["d", "n", "3", "4", "enter"]:
            await pilot.press(key)
        await pilot.press(*"hard day but I held on")  # letters in the line are text
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        app.action_go("reasons")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.query_one("#line", Input).value == "hard day but I held on"


async def test_quitting_first_run_keeps_changed_answers(
    store: Store, app_factory: AppFactory
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        await pilot.press(*"2026-11-02", "ctrl+q")
        await pilot.pause()
    assert store.meta.get("nc_start") == "2026-11-02"
    assert store.meta.get("day_starts_at") == 4


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_the_contact_forms_footer_offers_no_letter_it_takes_as_text(
    set_up_store, app_factory, size: tuple[int, int]
) -> None:
    from nocontact_tui.widgets.footer import KeysFooter

    app = app_factory("home")
    async with app.run_test(size=size) as pilot:
        await pilot.press("c")
        await pilot.pause()
        text_line = app.screen.query_one(KeysFooter).render().plain
        # Letters here go into the note: the footer offers keys that still do what they say.
        assert "? Help" in text_line and "^q Quit" in text_line, (
            text_line
        )  # "?" is never text there
        assert (
            "r Reasons" not in text_line
            and "u Urge" not in text_line
            and "q Quit" not in text_line.replace("^q Quit", "")
        ), text_line


@pytest.mark.parametrize("way", ["ctrl+q", "ctrl+c", "q_from_home"])
async def test_quitting_with_a_note_that_cannot_be_kept_asks_first(
    set_up_store, app_factory, way: str
) -> None:
    from nocontact_tui.screens.dialogs.ask_line import AskLine

    from nocontact_tui.texts import line

    app = app_factory("home")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"third note")  # no kind chosen: nothing can log it
        await pilot.pause()
        if way == "q_from_home":
            app.action_go("home")  # as the palette's Home does; the draft stays for the session
            await pilot.pause()
            await pilot.press("q")
        else:
            await pilot.press(way)
        await pilot.pause()
        assert isinstance(app.screen, AskLine)
        assert app.screen.question == line("messages", "quit_words_at_risk")
        await pilot.press("enter")  # stay: the default
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, AskLine)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_the_contact_forms_problem_line_comes_into_view(
    set_up_store, app_factory, size: tuple[int, int]
) -> None:
    app = app_factory("home")
    async with app.run_test(size=size) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("ctrl+s")  # no kind chosen: the form says so
        await pilot.pause()
        await pilot.pause()
        problem = app.screen.query_one("#contact-problem")
        assert str(problem.render()).strip()
        # On screen, above the footer: not somewhere below the fold.
        assert 0 <= problem.region.y < size[1] - 1 and problem.region.height > 0, problem.region


async def test_the_move_dialog_takes_a_typed_group_name_at_once(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    from nocontact_tui.domain.reasons import add_reason, list_reasons

    add_reason(set_up_store, "a reason to move", now=NOW)
    app = app_factory("reasons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"Money", "enter")  # no Tab first: the hint says "type a name"
        await pilot.pause()
    [reason] = list_reasons(set_up_store)
    assert reason.category == "Money"
