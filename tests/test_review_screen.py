"""The daily review driven by keys only, checked against what the journal holds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import ContentSwitcher, Input, Static

from nocontact_tui.app import NoContactApp
from nocontact_tui.domain import reviews
from nocontact_tui.domain.clock import FrozenClock
from nocontact_tui.domain.contacts import list_contacts, log_contact
from nocontact_tui.domain.reviews import Review, save_review
from nocontact_tui.journal.store import Store
from nocontact_tui.texts import line
from nocontact_tui.widgets.day_sparkline import DaySparkline, bar_for, day_cells

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=BERLIN)  # the conftest clock
TODAY = date(2026, 11, 21)
YESTERDAY = date(2026, 11, 20)
AppFactory = Callable[..., NoContactApp]


def text_of(app: NoContactApp, selector: str) -> str:
    """The text of `selector` in the question showing (each question has its own)."""
    switchers = app.screen.query(ContentSwitcher)
    shown = switchers.first().visible_content if switchers else None
    if shown is not None and shown.query(selector):
        return str(shown.query_one(selector, Static).render())
    return str(app.screen.query_one(selector, Static).render())


async def press_all(pilot, keys: list[str]) -> None:  # type: ignore[no-untyped-def]
    for key in keys:
        await pilot.press(key)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_the_whole_review_in_twelve_keystrokes(
    set_up_store: Store, app_factory: AppFactory, size: tuple[int, int]
) -> None:
    keys = [
        "d",  # open the review from home
        "y",  # any contact today: yes
        "1",  # kind: I reached out
        "4",  # felt afterwards: a bit stirred up
        "3",  # mood: okay
        "6",  # strongest urge: 6
        "2",  # helped: slow breathing
        "enter",  # done choosing what helped
        "enter",  # no note
        "enter",  # no kind thing
        "enter",  # save from the summary
        "escape",  # back home
    ]
    assert len(keys) == 12
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        await press_all(pilot, keys)
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert "done" in text_of(app, "#review-state")  # home shows the review as done at once
    review = reviews.load_review(set_up_store, TODAY)
    assert review is not None
    assert (review.contact, review.contact_kind, review.felt_after) == (True, "i_reached_out", 4)
    assert (review.mood, review.strongest_urge, review.helped) == (3, 6, ("breathing",))
    assert (review.note, review.kindness) == ("", "")
    [contact] = list_contacts(set_up_store)
    assert (contact.id, contact.kind, contact.felt_after, contact.at) == (
        review.contact_id,
        "i_reached_out",
        4,
        NOW,
    )


async def test_a_no_contact_day_with_the_optional_lines(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("review")
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, ["n", "5", "t", "7", "8", "enter"])
        assert app.focused is app.screen.query_one("#line", Input)
        await pilot.press(*"by the sea")  # typed keys go into the line, not to the global keys
        await pilot.press("enter")
        await pilot.press(*"slept in")
        await pilot.press("enter")
        summary = text_of(app, "#question")
        assert summary == line("review", "summary")
        await pilot.press("enter")
        assert app.screen.showing_week
    review = reviews.load_review(set_up_store, TODAY)
    assert review is not None
    assert (review.contact, review.mood, review.strongest_urge) == (False, 5, 10)
    assert review.helped == ("moved", "slept") and (review.note, review.kindness) == (
        "by the sea",
        "slept in",
    )
    assert list_contacts(set_up_store) == []


async def test_enter_accepts_the_urge_prefilled_from_the_urge_log(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    set_up_store.insert(
        "urges", {"started_at": "2026-11-21T09:00:00+01:00", "ratings": [[0, 8], [120, 4]]}
    )
    app = app_factory("review")
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, ["n", "2"])
        assert "8" in text_of(app, "#hint")
        await press_all(pilot, ["enter", "enter", "enter", "enter", "enter"])
    review = reviews.load_review(set_up_store, TODAY)
    assert review is not None and review.strongest_urge == 8


async def test_backfill_yesterday(set_up_store: Store, app_factory: AppFactory) -> None:
    app = app_factory("review")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("left")
        assert "20 Nov" in text_of(app, "#review-day")
        assert "that day" in text_of(app, "#question")
        await press_all(pilot, ["y", "3", "2", "4", "1", "enter", "enter", "enter", "enter"])
    assert not reviews.is_reviewed(set_up_store, TODAY)
    review = reviews.load_review(set_up_store, YESTERDAY)
    assert review is not None and (review.mood, review.strongest_urge) == (4, 1)
    [contact] = list_contacts(set_up_store)
    assert contact.kind == "i_replied" and contact.at == datetime(
        2026, 11, 20, 20, 0, tzinfo=BERLIN
    )


async def test_the_future_cannot_be_reviewed(set_up_store: Store, app_factory: AppFactory) -> None:
    app = app_factory("review")
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, ["right", "right_square_bracket"])
        assert app.screen.draft.day == TODAY
        await press_all(pilot, ["left_square_bracket", "left", "right"])
        assert app.screen.draft.day == date(2026, 11, 20)


async def test_edit_a_past_review_keeps_one_contact_and_no_removes_it(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    past = Review(
        day=YESTERDAY,
        contact=True,
        contact_kind="met",
        felt_after=5,
        mood=2,
        strongest_urge=9,
        helped=("talked",),
        note="hard day",
    )
    save_review(set_up_store, past, now=NOW, day_starts_at=4, tz=BERLIN)
    app = app_factory("review")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("left")
        assert app.screen.draft.step == "summary"  # it opens filled in
        assert app.screen.draft.note == "hard day" and app.screen.draft.mood == 2
        await pilot.press("e")  # from the first question; enter keeps each answer
        await press_all(pilot, ["enter", "enter", "2", "4"])  # felt 2 now, mood 4
        await press_all(pilot, ["enter", "enter", "enter", "enter", "enter"])
        assert app.screen.showing_week
    review = reviews.load_review(set_up_store, YESTERDAY)
    assert review is not None
    assert (review.felt_after, review.mood, review.strongest_urge, review.note) == (
        2,
        4,
        9,
        "hard day",
    )
    [contact] = list_contacts(set_up_store)
    assert (contact.kind, contact.felt_after) == ("met", 2)

    app = app_factory("review")
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(
            pilot, ["left", "e", "n", "enter", "enter", "enter", "enter", "enter", "enter"]
        )
    review = reviews.load_review(set_up_store, YESTERDAY)
    assert review is not None and review.contact is False and review.mood == 4
    assert list_contacts(set_up_store) == []


async def test_going_back_keeps_earlier_answers(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("review")
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, ["n", "4", "7", "1", "enter"])
        draft = app.screen.draft
        assert draft.step == "note"
        await pilot.press(*"rain")
        await pilot.press("shift+tab")  # in the line, backspace edits; shift+tab goes back
        assert draft.step == "helped" and draft.note == "rain"
        await press_all(pilot, ["backspace", "backspace"])
        assert draft.step == "mood"
        assert draft.mood == 4
        assert text_of(app, "#hint") == line("review", "hint_keep")
        await press_all(pilot, ["enter", "enter", "enter"])  # mood kept, urge kept, helped kept
        assert draft.step == "note"
        assert app.screen.query_one("#line", Input).value == "rain"
        await pilot.press("backspace")  # edits the text here
        assert app.screen.query_one("#line", Input).value == "rai"
        await pilot.press("escape")  # escape on the line also goes back a question
        assert draft.step == "helped"
        await press_all(pilot, ["enter", "enter", "enter", "enter"])
    review = reviews.load_review(set_up_store, TODAY)
    assert review is not None
    assert (review.mood, review.strongest_urge, review.helped, review.note) == (
        4,
        7,
        ("urge_surfing",),
        "rai",
    )


async def test_leaving_mid_review_and_coming_back_resumes(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("review")
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, ["n", "3"])
        await pilot.press("h")  # a global key on a question step leaves the review
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert not reviews.is_reviewed(set_up_store, TODAY)  # nothing half-done is written
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.draft.step == "urge" and app.screen.draft.mood == 3


async def test_a_review_at_one_in_the_morning_is_for_the_day_before(
    set_up_store: Store, store: Store, clock: FrozenClock
) -> None:
    from nocontact_tui.app import make_app

    clock.current = datetime(2026, 11, 22, 1, 0, tzinfo=BERLIN)
    app = make_app(store, clock=clock, start="review")
    async with app.run_test(size=(80, 24)) as pilot:
        assert "today" in text_of(app, "#review-day") and "21 Nov" in text_of(app, "#review-day")
        await press_all(pilot, ["n", "3", "0", "enter", "enter", "enter", "enter"])
    assert reviews.reviewed_days(set_up_store) == {TODAY}


async def test_a_contact_logged_earlier_is_offered_and_kept_as_one(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    log_contact(
        set_up_store,
        "they_reached_out",
        datetime(2026, 11, 21, 9, 5, tzinfo=BERLIN),
        now=NOW,
        felt_after=3,
    )
    app = app_factory("review")
    async with app.run_test(size=(80, 24)) as pilot:
        assert "09:05" in text_of(app, "#hint")
        await press_all(
            pilot, ["enter", "enter", "enter", "2", "2", "enter", "enter", "enter", "enter"]
        )
    [contact] = list_contacts(set_up_store)
    assert contact.kind == "they_reached_out"
    review = reviews.load_review(set_up_store, TODAY)
    assert review is not None and review.contact_id == contact.id


async def test_the_week_panel_draws_the_users_week(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    for day, mood, urge in [(date(2026, 11, 17), 2, 9), (YESTERDAY, 4, 3)]:
        save_review(
            set_up_store,
            Review(day=day, mood=mood, strongest_urge=urge, helped=("outside",)),
            now=NOW,
            day_starts_at=4,
            tz=BERLIN,
        )
    app = app_factory("review")
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, ["n", "5", "1", "6", "enter", "enter", "enter", "enter"])
        screen = app.screen
        assert screen.query_one("#week-mood", DaySparkline).values == (
            None,
            None,
            2,
            None,
            None,
            4,
            5,
        )
        assert screen.query_one("#week-urge", DaySparkline).values == (
            None,
            None,
            9,
            None,
            None,
            3,
            1,
        )
        assert "Went outside (3 days)" in text_of(app, "#week-helped")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_a_write_that_fails_keeps_the_review_on_screen(
    set_up_store: Store, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(path: object, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    app = app_factory("review")
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, ["n", "3", "3", "enter", "enter", "enter"])
        monkeypatch.setattr("nocontact_tui.journal.store.atomic_write", disk_full)
        await pilot.press("enter")
        assert not app.screen.showing_week and app.screen.draft.step == "summary"
        monkeypatch.undo()
        await pilot.press("enter")
        assert app.screen.showing_week
    assert reviews.is_reviewed(set_up_store, TODAY)


def test_day_sparkline_uses_a_fixed_scale_and_marks_missing_days() -> None:
    assert bar_for(1, 1, 5) == "▁" and bar_for(5, 1, 5) == "█" and bar_for(3, 1, 5) in "▄▅"
    assert bar_for(99, 0, 10) == "█" and bar_for(-3, 0, 10) == "▁"
    assert day_cells([4, None, 4], 1, 5) == ["▆▆", "··", "▆▆"]  # equal values stay equal bars


async def test_keys_help_lists_the_review_keys_and_returns_to_the_question(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("review")
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, ["n", "4"])
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.draft.step == "urge" and app.screen.draft.mood == 4
