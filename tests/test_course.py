"""The four-day writing course: one session a day, missed days allowed, over after day four."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nocontact_tui.domain import course
from nocontact_tui.domain.clock import FrozenClock
from nocontact_tui.domain.course import Course, Session, next_step, record_session
from nocontact_tui.domain.days import day_of
from nocontact_tui.domain.letters import begin_course_session, course_rest_words, course_step
from nocontact_tui.journal.store import Store

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 11, 21)


def test_four_consecutive_days_then_it_ends() -> None:
    state = Course()
    assert next_step(state, DAY) == course.Step("begin", 1)
    for number in range(1, 5):
        today = DAY + timedelta(days=number - 1)
        step = next_step(state, today)
        assert step.number == number and step.missed_days == 0
        state = record_session(state, today, letter_id=10 + number)
        assert next_step(state, today) == course.Step("today", number, letter_id=10 + number)
    assert state.finished
    last = DAY + timedelta(days=3)
    assert next_step(state, DAY + timedelta(days=4)) == course.Step(
        "finished", 4, opens_on=last + timedelta(days=7)
    )
    assert next_step(state, DAY + timedelta(days=40)) == course.Step("again", 1)
    with pytest.raises(ValueError):
        record_session(state, DAY + timedelta(days=5), letter_id=99)


def test_a_missed_day_is_allowed_and_counted() -> None:
    state = record_session(Course(), DAY, letter_id=1)
    step = next_step(state, DAY + timedelta(days=3))
    assert step == course.Step("next", 2, missed_days=2)
    state = record_session(state, DAY + timedelta(days=3), letter_id=2)
    assert [s.day for s in state.sessions] == [DAY, DAY + timedelta(days=3)]


def test_only_one_session_a_day_even_if_the_clock_goes_back() -> None:
    state = record_session(Course(), DAY, letter_id=1)
    with pytest.raises(ValueError):
        record_session(state, DAY, letter_id=2)
    assert next_step(state, DAY - timedelta(days=1)).kind == "today"


@given(st.lists(st.integers(min_value=1, max_value=30), min_size=4, max_size=8))
def test_any_run_of_days_gives_exactly_four_sessions(gaps: list[int]) -> None:
    state, today, numbers, since_last = Course(), DAY, [], 0
    for gap in gaps:
        step = next_step(state, today)
        if step.kind in ("begin", "next"):
            numbers.append(step.number)
            assert step.missed_days == max(0, since_last - 1)
            state = record_session(state, today, letter_id=len(numbers))
        else:
            assert step.kind in ("finished", "again")  # a new course only by asking for one
        since_last = gap
        today += timedelta(days=gap)
    assert numbers == [1, 2, 3, 4]
    assert next_step(state, today).kind in ("finished", "again")


@given(
    st.lists(
        st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), max_size=4, unique=True
    )
)
def test_stored_form_round_trips(days: list[date]) -> None:
    state = Course(tuple(Session(day, i) for i, day in enumerate(sorted(days))))
    stored = course.to_meta(state)
    assert course.is_course(stored["course"])
    assert course.from_meta(stored) == state


@pytest.mark.parametrize(
    "value",
    [
        None,
        [],
        {},
        {"sessions": "x"},
        {"sessions": [{"day": "not a date"}]},
        {"sessions": [{"day": "2026-11-21", "letter": "7"}]},
        {"sessions": [{"day": "2026-11-21", "letter": True}]},
        {"sessions": [{"day": f"2026-11-2{i}"} for i in range(5)]},
    ],
)
def test_malformed_stored_course_is_refused(value: object) -> None:
    assert not course.is_course(value)


def test_the_timer_is_quiet_minutes_and_a_note_at_fifteen() -> None:
    assert course.minutes_written(0) == 0
    assert course.minutes_written(59.9) == 0
    assert course.minutes_written(14 * 60 + 59) == 14
    assert not course.time_is_up(14 * 60 + 59)
    assert course.time_is_up(15 * 60)
    assert course.minutes_written(-5) == 0  # a clock that moved backwards


def test_the_course_across_dates_with_a_frozen_clock(store: Store) -> None:
    """Sessions follow the user's day: 01:30 still belongs to the evening before."""
    clock = FrozenClock(datetime(2026, 11, 21, 21, 0, tzinfo=BERLIN), tz=BERLIN)

    def today() -> date:
        return day_of(clock.now(), 4, clock.tz)

    first, number = begin_course_session(store, now=clock.now(), today=today())
    assert number == 1
    clock.advance(4.5 * 3600)  # 01:30 on the 22nd: still the 21st
    assert course_step(store, today()) == course.Step("today", 1, letter_id=first)
    clock.advance(3 * 3600)  # 04:30: a new day
    assert begin_course_session(store, now=clock.now(), today=today())[1] == 2
    clock.advance(2 * 86400)  # a day missed
    step = course_step(store, today())
    assert step.kind == "next" and step.number == 3 and step.missed_days == 1
    begin_course_session(store, now=clock.now(), today=today())
    clock.advance(86400)
    last, number = begin_course_session(store, now=clock.now(), today=today())
    assert number == 4
    assert course_step(store, today()).kind == "today"
    clock.advance(86400)
    assert course_step(store, today()).kind == "finished"
    with pytest.raises(ValueError):
        begin_course_session(store, now=clock.now(), today=today())
    with pytest.raises(ValueError):  # not the day after either: the course has ended
        begin_course_session(store, now=clock.now(), today=today(), fresh=True)
    clock.advance(6 * 86400)
    assert course_step(store, today()).kind == "again"
    again, number = begin_course_session(store, now=clock.now(), today=today(), fresh=True)
    assert number == 1 and again not in (first, last)
    assert len(course.from_meta(store.meta).sessions) == 1


@pytest.mark.parametrize(
    ("days_after", "kind"),
    [(0, "today"), (1, "finished"), (6, "finished"), (7, "again"), (300, "again")],
)
def test_a_new_course_waits_a_week_after_the_last_session(days_after: int, kind: str) -> None:
    state = Course(tuple(Session(DAY + timedelta(days=n), n) for n in range(4)))
    last = DAY + timedelta(days=3)
    today = last + timedelta(days=days_after)
    step = next_step(state, today)
    assert step.kind == kind
    if kind == "finished":
        assert step.opens_on == last + timedelta(days=course.REST_DAYS) == date(2026, 12, 1)
        with pytest.raises(ValueError):
            course.restart(state, today)
    if kind == "again":
        assert course.restart(state, today) == Course()


def test_a_course_still_running_cannot_be_restarted() -> None:
    state = record_session(Course(), DAY, letter_id=1)
    with pytest.raises(ValueError):
        course.restart(state, DAY + timedelta(days=30))
    with pytest.raises(ValueError):
        course.restart(Course(), DAY)


def test_the_rest_is_said_with_the_day_a_new_course_can_begin() -> None:
    text = course_rest_words(course.Step("finished", 4, opens_on=date(2026, 12, 1)))
    assert "Tuesday 1 December" in text
    assert "?" not in text  # it says when, it does not offer
