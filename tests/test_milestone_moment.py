"""A milestone moment: shown once, near its day, never while the count is hidden (issue 18.6)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import BERLIN

from nocontact_tui.domain.contacts import Contact
from nocontact_tui.domain.milestone_moment import mark_shown, milestone_due, shown
from nocontact_tui.domain.streak import Streak, compute_streak, load_milestones
from nocontact_tui.journal.schema import SCHEMA_VERSION, ShapeError, check_shape
from nocontact_tui.journal.store import Store

START = date(2026, 11, 1)
KINDS = ("i_reached_out", "i_replied", "met")


def streak_on(today: date, contacts: tuple[Contact, ...] = ()) -> Streak:
    return compute_streak(list(contacts), START, today, 4, KINDS, BERLIN)


def due(today: date, already: set[tuple[int, str]] = frozenset(), hidden: bool = False):  # type: ignore[assignment]
    return milestone_due(streak_on(today), load_milestones(), set(already), hidden)


def test_shown_on_the_day_it_is_reached_not_before() -> None:
    assert due(START + timedelta(days=1)).days == 1
    assert due(START + timedelta(days=2)).days == 1
    assert due(START + timedelta(days=3)).days == 3
    assert due(START + timedelta(days=6)) is None  # three days in was three days ago
    assert due(START + timedelta(days=7)).days == 7
    assert due(START + timedelta(days=7)).line == "Seven days in a row, each one a choice you made."


def test_a_moment_waits_a_few_days_then_is_old_news() -> None:
    assert due(START + timedelta(days=9)).days == 7
    assert due(START + timedelta(days=10)) is None
    assert due(START) is None  # day 0: nothing reached yet


def test_once_shown_it_is_not_shown_again() -> None:
    assert due(START + timedelta(days=7), {(7, START.isoformat())}) is None
    # The next one is its own moment.
    assert due(START + timedelta(days=14), {(7, START.isoformat())}).days == 14


def test_never_while_the_count_is_hidden() -> None:
    for days in (1, 3, 7, 14, 30):
        assert due(START + timedelta(days=days), hidden=True) is None


def test_a_new_stretch_has_its_own_moments() -> None:
    slip = Contact(id=1, at=datetime(2026, 11, 10, 20, tzinfo=BERLIN), kind="i_replied")
    today = date(2026, 11, 18)  # the new stretch began on the 11th: seven days
    streak = streak_on(today, (slip,))
    assert streak.current == 7
    moment = milestone_due(streak, load_milestones(), {(7, START.isoformat())}, False)
    assert moment is not None and moment.days == 7


def test_once_is_kept_in_the_journal_and_seen_by_another_window(
    set_up_store: Store, db_path: Path
) -> None:
    streak = streak_on(START + timedelta(days=7))
    moment = milestone_due(streak, load_milestones(), shown(set_up_store.meta), False)
    assert moment is not None
    with Store.open(db_path, today=START) as other_window:
        # The other window marks a moment of its own first; neither entry is lost.
        three = milestone_due(streak_on(START + timedelta(days=3)), load_milestones(), set(), False)
        mark_shown(other_window, streak, three)
    mark_shown(set_up_store, streak, moment)
    mark_shown(set_up_store, streak, moment)  # twice changes nothing
    assert set_up_store.meta["milestones_shown"] == [
        {"days": 3, "since": "2026-11-01"},
        {"days": 7, "since": "2026-11-01"},
    ]
    with Store.open(db_path, today=START) as restarted:
        assert milestone_due(streak, load_milestones(), shown(restarted.meta), False) is None


def test_the_field_is_checked_when_a_journal_is_loaded() -> None:
    def journal(value: object) -> dict:
        return {"meta": {"1": {"schema_version": SCHEMA_VERSION, "milestones_shown": value}}}

    assert check_shape(journal([{"days": 7, "since": "2026-11-01"}])) == SCHEMA_VERSION
    for bad in ([7], [{"days": "7", "since": "2026-11-01"}], [{"days": 7}], "7"):
        with pytest.raises(ShapeError):
            check_shape(journal(bad))
