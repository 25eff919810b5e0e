"""The streak against a brute-force oracle: day by day, with the day's edges found by search.

The oracle never calls `day_of`: it finds each contact's day by comparing the
moment with the aware start of candidate days, then walks from the start to
today one day at a time. Hypothesis throws random logs at both, across time
zones with DST (one at midnight, one by half an hour), leap days, and day
starts from 0 to 23.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nocontact_tui.domain.contacts import (
    Contact,
    delete_contact,
    list_contacts,
    log_contact,
    update_contact,
)
from nocontact_tui.domain.streak import (
    BEFORE,
    CONTACT,
    DIGITAL_KINDS,
    FREE,
    FUTURE,
    SURFED,
    Milestone,
    calendar_weeks,
    compute_streak,
    load_milestones,
    milestone_progress,
)
from nocontact_tui.journal.schema import CONTACT_KINDS, DEFAULT_BREAKING_KINDS
from nocontact_tui.journal.store import Store

ZONES = [
    ZoneInfo("Europe/Berlin"),
    ZoneInfo("America/New_York"),
    ZoneInfo("America/Sao_Paulo"),  # DST changed at midnight until 2019
    ZoneInfo("Australia/Lord_Howe"),  # a half-hour DST shift
    ZoneInfo("UTC"),
]
BERLIN = ZoneInfo("Europe/Berlin")


# -- the oracle ---------------------------------------------------------------------------


def day_begins(day: date, hour: int, tz: tzinfo) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=tz)


def day_by_search(moment: datetime, hour: int, tz: tzinfo) -> date:
    day = moment.astimezone(UTC).date() - timedelta(days=2)
    while not (day_begins(day, hour, tz) <= moment < day_begins(day + timedelta(days=1), hour, tz)):
        day += timedelta(days=1)
    return day


def oracle(
    contacts: Sequence[Contact],
    start: date,
    today: date,
    hour: int,
    kinds: Sequence[str],
    tz: tzinfo,
) -> tuple[int, int, int]:
    """(current, longest, attempts), walking one day at a time."""
    broken = {day_by_search(c.at, hour, tz) for c in contacts if c.kind in kinds}
    run = longest = 0
    attempts = 1
    day = start
    while day <= today:
        if day in broken:
            longest = max(longest, run)
            run = 0
            attempts += 1
        elif day < today:  # today is not over, so it does not count yet
            run += 1
        day += timedelta(days=1)
    return run, max(longest, run), attempts


# -- strategies ------------------------------------------------------------------------------


@st.composite
def journals(draw: st.DrawFn) -> tuple[list[Contact], date, date, int, tuple[str, ...], tzinfo]:
    tz = draw(st.sampled_from(ZONES))
    hour = draw(st.one_of(st.sampled_from([0, 23, 4, 2, 3]), st.integers(0, 23)))
    start = draw(st.dates(date(2016, 1, 1), date(2029, 12, 31)))
    today = start + timedelta(days=draw(st.integers(-2, 500)))
    kinds = tuple(k for k in CONTACT_KINDS if draw(st.booleans())) or DEFAULT_BREAKING_KINDS
    base = datetime(start.year, start.month, start.day, tzinfo=UTC) - timedelta(days=4)
    span = int(((today - start).days + 10) * 86400)
    contacts = [
        Contact(id=n + 1, at=(base + timedelta(seconds=offset)).astimezone(tz), kind=kind)
        for n, (offset, kind) in enumerate(
            draw(
                st.lists(
                    st.tuples(st.integers(0, max(span, 86400)), st.sampled_from(CONTACT_KINDS)),
                    max_size=25,
                )
            )
        )
    ]
    return contacts, start, today, hour, kinds, tz


# -- the streak ------------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(journals())
def test_streak_matches_the_day_by_day_oracle(journal: tuple) -> None:
    contacts, start, today, hour, kinds, tz = journal
    streak = compute_streak(contacts, start, today, hour, kinds, tz)
    if start > today:
        assert not streak.started
        return
    current, longest, attempts = oracle(contacts, start, today, hour, kinds, tz)
    assert (streak.current, streak.longest, len(streak.attempts)) == (current, longest, attempts)
    assert streak.digital == oracle(contacts, start, today, hour, DIGITAL_KINDS, tz)[0]
    # The history adds up: every day from the start to today is in exactly one attempt or
    # is a day a contact ended one.
    ended = [a for a in streak.attempts if a.end is not None]
    assert sum(a.days for a in streak.attempts) + len(ended) == (today - start).days + (
        1 if streak.attempts[-1].start > today else 0
    )


@settings(max_examples=200, deadline=None)
@given(journals())
def test_contacts_of_kinds_that_do_not_count_change_nothing(journal: tuple) -> None:
    contacts, start, today, hour, kinds, tz = journal
    counted = [c for c in contacts if c.kind in kinds]
    assert (
        compute_streak(contacts, start, today, hour, kinds, tz).current
        == compute_streak(counted, start, today, hour, kinds, tz).current
    )


def at(text: str, tz: tzinfo = BERLIN) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def streak_on(
    today: date, contacts: Sequence[Contact], start: date = date(2027, 2, 15), hour: int = 4
) -> int:
    return compute_streak(contacts, start, today, hour, DEFAULT_BREAKING_KINDS, BERLIN).current


def test_during_the_spring_dst_change_the_streak_is_41() -> None:
    # Berlin moves from 02:00 to 03:00 on 2027-03-28; the count is still whole days.
    assert streak_on(date(2027, 3, 28), []) == 41
    assert streak_on(date(2027, 3, 29), []) == 42


@pytest.mark.parametrize("hour", [0, 2, 3, 23])
def test_contacts_right_at_the_dst_edges(hour: int) -> None:
    start = date(2027, 10, 1)
    # 2027-10-31: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice.
    first = datetime(2027, 10, 31, 2, 30, tzinfo=BERLIN)  # fold 0: summer time
    second = datetime(2027, 10, 31, 2, 30, fold=1, tzinfo=BERLIN)
    for moment in (first, second):
        contacts = [Contact(1, moment, "met")]
        today = date(2027, 11, 10)
        expected = oracle(contacts, start, today, hour, DEFAULT_BREAKING_KINDS, BERLIN)
        streak = compute_streak(contacts, start, today, hour, DEFAULT_BREAKING_KINDS, BERLIN)
        assert (streak.current, streak.longest, len(streak.attempts)) == expected


def test_a_leap_day_is_a_day() -> None:
    start = date(2028, 2, 20)
    assert streak_on(date(2028, 3, 1), [], start) == 10  # 20..29 Feb: ten days
    slip = [Contact(1, at("2028-02-29T21:00"), "i_reached_out")]
    assert streak_on(date(2028, 3, 2), slip, start) == 1  # 1 March only


def test_day_start_at_midnight_and_at_23() -> None:
    start = date(2027, 5, 1)
    late = [Contact(1, at("2027-05-05T23:30"), "i_replied")]
    # Day starts at 0: 23:30 is still the 5th, so the 6th onwards counts.
    assert (
        compute_streak(late, start, date(2027, 5, 10), 0, DEFAULT_BREAKING_KINDS, BERLIN).current
        == 4
    )
    # Day starts at 23: 23:30 already belongs to the 5th's "day" that began at 23:00 -> 5th.
    assert (
        compute_streak(late, start, date(2027, 5, 10), 23, DEFAULT_BREAKING_KINDS, BERLIN).current
        == 4
    )
    early = [Contact(1, at("2027-05-05T22:30"), "i_replied")]
    # With 23, 22:30 on the 5th belongs to the 4th.
    assert (
        compute_streak(early, start, date(2027, 5, 10), 23, DEFAULT_BREAKING_KINDS, BERLIN).current
        == 5
    )


def test_they_reached_out_and_socials_do_not_count_by_default() -> None:
    start = date(2027, 5, 1)
    contacts = [
        Contact(1, at("2027-05-03T12:00"), "they_reached_out"),
        Contact(2, at("2027-05-04T12:00"), "checked_socials"),
    ]
    streak = compute_streak(contacts, start, date(2027, 5, 10), 4, DEFAULT_BREAKING_KINDS, BERLIN)
    assert (streak.current, streak.digital, len(streak.attempts)) == (9, 5, 1)
    counting = compute_streak(contacts, start, date(2027, 5, 10), 4, CONTACT_KINDS, BERLIN)
    assert (counting.current, len(counting.attempts)) == (5, 3)


# -- edits and deletes through the store ---------------------------------------------------------

NOW = datetime(2027, 6, 30, 12, 0, tzinfo=BERLIN)
START = date(2027, 5, 1)

edits = st.lists(
    st.tuples(
        st.sampled_from(["add", "edit", "delete"]),
        st.integers(0, 10),  # which contact (modulo how many there are)
        st.integers(0, 60 * 24 * 60),  # minutes after 1 May
        st.sampled_from(CONTACT_KINDS),
    ),
    max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
def test_edits_and_deletes_keep_the_streak_right(steps: list[tuple[str, int, int, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "j.json") as store:
        store.update_meta({"nc_start": START.isoformat(), "day_starts_at": 4})
        base = datetime(2027, 5, 1, tzinfo=BERLIN)
        for action, which, minutes, kind in steps:
            moment = min(base + timedelta(minutes=minutes), NOW)
            ids = [c.id for c in list_contacts(store)]
            if action == "add" or not ids:
                log_contact(store, kind, moment, now=NOW)
            elif action == "edit":
                update_contact(store, ids[which % len(ids)], kind, moment, now=NOW, felt_after=3)
            else:
                delete_contact(store, ids[which % len(ids)])
        contacts = list_contacts(store)
        today = date(2027, 6, 30)
        streak = compute_streak(contacts, START, today, 4, DEFAULT_BREAKING_KINDS, BERLIN)
        assert (streak.current, streak.longest, len(streak.attempts)) == oracle(
            contacts, START, today, 4, DEFAULT_BREAKING_KINDS, BERLIN
        )


# -- the calendar ---------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    today=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    weeks=st.integers(1, 30),
    start_back=st.one_of(st.none(), st.integers(-5, 400)),
    contact_back=st.sets(st.integers(0, 250), max_size=20),
    surfed_back=st.sets(st.integers(0, 250), max_size=20),
    reviewed_back=st.sets(st.integers(-3, 250), max_size=20),
)
def test_calendar_cells(
    today: date,
    weeks: int,
    start_back: int | None,
    contact_back: set[int],
    surfed_back: set[int],
    reviewed_back: set[int],
) -> None:
    start = None if start_back is None else today - timedelta(days=start_back)
    contact_days = {today - timedelta(days=n) for n in contact_back}
    surfed = {today - timedelta(days=n) for n in surfed_back}
    reviewed = {today - timedelta(days=n) for n in reviewed_back}
    columns = calendar_weeks(today, weeks, start, contact_days, surfed, reviewed)
    assert len(columns) == weeks and all(len(c) == 7 for c in columns)
    days = [cell.day for column in columns for cell in column]
    assert days == [days[0] + timedelta(days=n) for n in range(7 * weeks)]  # no gaps, no repeats
    assert days[0].weekday() == 0 and today in [c.day for c in columns[-1]]
    assert [cell.day for column in columns for cell in column if cell.today] == [today]
    for cell in (cell for column in columns for cell in column):
        if cell.day > today:
            expected = FUTURE
        elif start is None or cell.day < start:
            expected = BEFORE
        elif cell.day in contact_days:
            expected = CONTACT
        elif cell.day in surfed:
            expected = SURFED
        else:
            expected = FREE
        assert cell.state == expected
        assert cell.reviewed == (cell.day in reviewed and cell.day <= today)


# -- milestones -----------------------------------------------------------------------------------


def test_milestones_come_from_content_and_cover_the_issue_list() -> None:
    assert [m.days for m in load_milestones()] == [1, 3, 7, 14, 21, 30, 60, 90, 180, 365]
    assert all(m.title and m.line for m in load_milestones())


@pytest.mark.parametrize(
    ("days", "reached", "next_days", "left"),
    [
        (0, [], 1, 1),
        (1, [1], 3, 2),
        (6, [1, 3], 7, 1),
        (7, [1, 3, 7], 14, 7),
        (400, [1, 3, 7, 14, 21, 30, 60, 90, 180, 365], None, None),
    ],
)
def test_milestone_progress(
    days: int, reached: list[int], next_days: int | None, left: int | None
) -> None:
    progress = milestone_progress(days, load_milestones())
    assert [m.days for m in progress.reached] == reached
    assert (progress.next.days if progress.next else None, progress.days_left) == (next_days, left)


def test_milestones_in_any_order() -> None:
    shuffled = [Milestone(7, "a", "x"), Milestone(1, "b", "y")]
    progress = milestone_progress(3, shuffled)
    assert [m.days for m in progress.reached] == [1] and progress.next == shuffled[0]


# -- one answer to "when does the new stretch begin" (issue 14) --------------------------


def test_after_a_contact_today_the_new_stretch_begins_when_the_day_ends() -> None:
    from nocontact_tui.domain.streak import milestone_progress, zero_day_line

    tz = ZoneInfo("Europe/Berlin")
    start = date(2026, 11, 1)
    contact_at = datetime(2026, 11, 21, 15, 0, tzinfo=tz)
    contact = Contact(1, contact_at, "i_reached_out")
    kinds = DEFAULT_BREAKING_KINDS

    that_day = compute_streak([contact], start, date(2026, 11, 21), 4, kinds, tz)
    assert that_day.waiting and that_day.current == 0
    assert that_day.attempts[-1].start == date(2026, 11, 22)  # the stretches table agrees
    assert "begins at 04:00" in zero_day_line(that_day, contact_at, 4, tz)
    # The one-day milestone is reached when the first whole day, the 22nd, is over.
    assert milestone_progress(0, [Milestone(1, "One day", "")], waiting=True).days_left == 2

    next_day = compute_streak([contact], start, date(2026, 11, 22), 4, kinds, tz)
    assert not next_day.waiting and next_day.current == 0
    at_ten = datetime(2026, 11, 22, 10, 0, tzinfo=tz)
    assert zero_day_line(next_day, at_ten, 4, tz) == "6 hours into this stretch"
    assert milestone_progress(0, [Milestone(1, "One day", "")]).days_left == 1

    later = compute_streak([contact], start, date(2026, 11, 25), 4, kinds, tz)
    assert later.current == 3 and zero_day_line(later, at_ten, 4, tz) == ""
