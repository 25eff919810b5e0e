"""How the daily review looks: each question, the summary and the week panel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from nocontact_tui.app import NoContactApp
from nocontact_tui.domain.reviews import Review, save_review
from nocontact_tui.journal.store import Store

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=BERLIN)  # the conftest clock
AppFactory = Callable[..., NoContactApp]

# The keys that reach each question on a "yes" day.
QUESTIONS = {
    "contact": [],
    "kind": ["y"],
    "felt": ["y", "3"],
    "mood": ["y", "3", "2"],
    "urge": ["y", "3", "2", "4"],
    "helped": ["y", "3", "2", "4", "5", "2", "6"],
    "note": ["y", "3", "2", "4", "5", "2", "6", "enter", *"a walk by the canal"],
    "kindness": ["y", "3", "2", "4", "5", "2", "6", "enter", "enter"],
    "summary": [
        "y",
        "3",
        "2",
        "4",
        "5",
        "2",
        "6",
        "enter",
        *"a walk by the canal",
        "enter",
        *"tea",
        "enter",
    ],
}


def seed_week(store: Store) -> None:
    for day, mood, urge, helped in [
        (date(2026, 11, 15), 2, 8, ("urge_surfing", "talked")),
        (date(2026, 11, 16), 2, 7, ("urge_surfing",)),
        (date(2026, 11, 18), 3, 5, ("outside", "urge_surfing")),
        (date(2026, 11, 20), 4, 4, ("outside",)),
    ]:
        save_review(
            store,
            Review(day=day, contact=False, mood=mood, strongest_urge=urge, helped=helped),
            now=NOW,
            day_starts_at=4,
            tz=BERLIN,
        )


@pytest.mark.parametrize("step", list(QUESTIONS))
def test_each_question(
    snap_compare, set_up_store: Store, app_factory: AppFactory, step: str
) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_factory("review"), terminal_size=(80, 24), press=QUESTIONS[step])


def test_urge_prefilled_from_the_urge_log(
    snap_compare, set_up_store: Store, app_factory: AppFactory
) -> None:  # type: ignore[no-untyped-def]
    set_up_store.insert(
        "urges", {"started_at": "2026-11-21T08:30:00+01:00", "ratings": [[0, 7], [120, 3]]}
    )
    assert snap_compare(app_factory("review"), terminal_size=(80, 24), press=["n", "3"])


def test_week_panel(snap_compare, set_up_store: Store, app_factory: AppFactory) -> None:  # type: ignore[no-untyped-def]
    seed_week(set_up_store)
    keys = ["n", "4", "3", "6", "1", "enter", "enter", "enter", "enter"]
    assert snap_compare(app_factory("review"), terminal_size=(80, 24), press=keys)


def test_a_saved_past_day_opens_at_its_summary(
    snap_compare, set_up_store: Store, app_factory: AppFactory
) -> None:  # type: ignore[no-untyped-def]
    seed_week(set_up_store)
    assert snap_compare(app_factory("review"), terminal_size=(80, 24), press=["left"])


@pytest.mark.parametrize(
    "keys",
    [[], ["y", "3", "2", "4", "5", "2"], ["n", "3", "3", "enter", "enter", "enter"]],
    ids=["contact", "helped", "summary"],
)
def test_tiny_terminal(
    snap_compare, set_up_store: Store, app_factory: AppFactory, keys: list[str]
) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_factory("review"), terminal_size=(40, 12), press=keys)


def test_tiny_terminal_week_panel(
    snap_compare, set_up_store: Store, app_factory: AppFactory
) -> None:  # type: ignore[no-untyped-def]
    seed_week(set_up_store)
    keys = ["n", "3", "3", "7", "enter", "enter", "enter", "enter"]
    assert snap_compare(app_factory("review"), terminal_size=(40, 12), press=keys)


def test_going_back_shows_the_earlier_answer(
    snap_compare, set_up_store: Store, app_factory: AppFactory
) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(
        app_factory("review"), terminal_size=(80, 24), press=["n", "4", "backspace"]
    )
