"""Time going wrong: clocks that move backwards, a new time zone, DST at the day-start hour,
29 February, and a system date before the no-contact start.

Every test passes `now`/`today`/`t` explicitly (or uses the FrozenClock); none reads the
wall clock. Decisions the app makes here are written down next to the test that pins them.
"""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
from conftest import BERLIN, NOW
from hypothesis import given, settings
from hypothesis import strategies as st

from nocontact_tui.domain import course, letters, reviews
from nocontact_tui.domain.contact_form import after_logging
from nocontact_tui.domain.contacts import Contact, list_contacts, log_contact
from nocontact_tui.domain.days import day_of, start_of_day
from nocontact_tui.domain.evidence import calendar_for, evidence_for, surfed_days
from nocontact_tui.domain.reviews import Review, save_review, start_draft, week_summary
from nocontact_tui.domain.settings import read_settings
from nocontact_tui.domain.status import compute_status, status_json, status_lines
from nocontact_tui.domain.streak import (
    BEFORE,
    CONTACT,
    FREE,
    FUTURE,
    compute_streak,
    load_milestones,
    milestone_progress,
)
from nocontact_tui.domain.urges import Step, UrgeSession, list_urges, save_session
from nocontact_tui.journal.errors import InputError
from nocontact_tui.journal.schema import CONTACT_KINDS, DEFAULT_BREAKING_KINDS
from nocontact_tui.journal.store import Store
from nocontact_tui.texts import line

BREAKING = DEFAULT_BREAKING_KINDS


def at(*args: int, fold: int = 0, tz: tzinfo = BERLIN) -> datetime:
    return datetime(*args, tzinfo=tz, fold=fold)  # type: ignore[misc]


def offset(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


def streak(contacts: list[Contact], start: date, now: datetime, hour: int = 4, tz: tzinfo = BERLIN):
    return compute_streak(contacts, start, day_of(now, hour, tz), hour, BREAKING, tz)


def snapshot(store: Store) -> str:
    return store.path.read_text()


# == 1. the clock moving backwards =========================================================

# -- the urge session: a monotonic `t` that goes back -----------------------------------------


def surfing(t: float = 0.0) -> UrgeSession:
    session = UrgeSession(minutes=10)
    assert session.rate(8, t)
    assert session.choose_trap(None)
    assert session.start_surf("", t)
    return session


def test_a_landing_rating_after_t_went_back_is_not_dated_before_the_last_one() -> None:
    # Bug fixed in UrgeSession._add_rating: this landing rating used to be stored at 10 s,
    # after the one at 130 s, so the saved curve went back in time.
    session = surfing()
    assert session.rate(6, 130)
    assert session.end_early(10)  # the reading went back 120 s
    assert session.elapsed(10) == 10  # what the timer shows follows t, but never below zero
    assert session.rate(3, 10)
    assert session.ratings == [(0, 8), (130, 6), (130, 3)]


def test_t_before_the_surf_began_gives_zero_not_a_negative_timer() -> None:
    session = surfing(t=500)
    assert session.elapsed(100) == 0 and session.remaining(100) == 600
    assert not session.rating_due(100) and not session.tick(100)
    assert session.toggle_pause(100) and session.toggle_pause(50)  # pause and resume, going back
    assert session.elapsed(40) == 0


ACTIONS = {
    "pause": ("toggle_pause",),
    "plus": ("change_minutes", 1),
    "minus": ("change_minutes", -1),
    "rate": ("rate", 5),
    "skip": ("skip_rating",),
    "tick": ("tick",),
    "end": ("end_early",),
    "land": ("rate", 2),
    "abandon": ("abandon",),
}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(ACTIONS)), st.floats(-600, 600, allow_nan=False)),
        max_size=30,
    )
)
def test_any_jumps_of_t_back_and_forth_keep_the_session_sound(
    moves: list[tuple[str, float]],
) -> None:
    session = surfing(t=1000.0)
    t = 1000.0
    for action, step in moves:
        t += step
        name, *args = ACTIONS[action]
        getattr(session, name)(*args, t)
        assert 0 <= session.elapsed(t) <= session.minutes * 60
        assert 0 <= session.remaining(t) <= session.minutes * 60
    seconds = [s for s, _ in session.ratings]
    assert seconds == sorted(seconds) and all(s >= 0 for s in seconds)
    assert all(0 <= v <= 10 for _, v in session.ratings)


def test_an_urge_saved_after_the_wall_clock_went_back_has_no_negative_length(
    store: Store,
) -> None:
    session = surfing()
    save_session(store, session, NOW)
    session.end_early(60)
    session.skip_rating(60)
    session.choose_outcome("surfed")
    assert session.step is Step.DONE
    save_session(store, session, NOW - timedelta(hours=1))
    [urge] = list_urges(store)
    assert urge.ended_at == urge.started_at == NOW
    assert urge.minutes_taken == 0


# -- the letters course ------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-5, 5), max_size=15))
def test_the_course_never_gives_one_day_two_sessions_whatever_the_clock_does(
    jumps: list[int],
) -> None:
    state, today, letter = course.Course(), date(2027, 1, 10), 0
    for jump in jumps:
        today += timedelta(days=jump)
        step = course.next_step(state, today)
        assert step.missed_days >= 0 and 1 <= step.number <= course.COURSE_DAYS
        if step.kind in ("begin", "next"):
            letter += 1
            state = course.record_session(state, today, letter)
        else:
            with pytest.raises(ValueError):
                course.record_session(state, today, letter + 1)
    days = [s.day for s in state.sessions]
    assert days == sorted(set(days)) and len(days) <= course.COURSE_DAYS


def test_a_course_session_asked_for_on_an_earlier_day_writes_nothing(store: Store) -> None:
    letter_id, number = letters.begin_course_session(store, now=NOW, today=date(2026, 11, 21))
    assert number == 1
    before = snapshot(store)
    with pytest.raises(ValueError):
        letters.begin_course_session(store, now=NOW - timedelta(days=1), today=date(2026, 11, 20))
    assert snapshot(store) == before  # no second letter, no second session
    step = letters.course_step(store, date(2026, 11, 20))
    assert (step.kind, step.letter_id) == ("today", letter_id)


# -- a contact, then the wall clock jumps back ----------------------------------------------------
#
# Decision: a logged contact is never dropped or moved. Seen from a `now` before it,
# - a contact later on the SAME user day counts for today (that day already has a contact:
#   the running count is 0, the restart point is the contact, and the hours since it are 0,
#   never negative);
# - a contact on a LATER user day is left out until that day comes: the count, the calendar
#   (that day is FUTURE) and the attempts are those of `now`'s day.


def test_a_contact_an_hour_in_the_future_counts_for_today(set_up_store: Store) -> None:
    store = set_up_store
    contact_id = log_contact(store, "i_reached_out", NOW, now=NOW)
    status = compute_status(store, NOW - timedelta(hours=1), BERLIN)
    assert status.today == date(2026, 11, 21)
    assert status.streak.current == 0 and len(status.streak.attempts) == 2
    assert status.streak.attempts[0].ended_by == contact_id
    assert status.streak.restart_at == NOW
    assert status.hours_since_restart == 0
    assert status_json(status)["streak"] == 0
    # Logging another contact at the earlier "now" is still allowed and changes nothing odd.
    log_contact(store, "met", NOW - timedelta(hours=1), now=NOW - timedelta(hours=1))
    again = compute_status(store, NOW - timedelta(hours=1), BERLIN)
    assert (again.streak.current, len(again.streak.attempts)) == (0, 2)


def test_a_contact_on_a_day_not_yet_reached_is_left_out_until_that_day(
    set_up_store: Store,
) -> None:
    store = set_up_store
    logged_at = at(2026, 11, 21, 4, 30)  # just after the day began (day starts at 4)
    log_contact(store, "met", logged_at, now=logged_at)
    back = logged_at - timedelta(hours=1)  # 03:30: still the 20th
    status = compute_status(store, back, BERLIN)
    assert status.today == date(2026, 11, 20)
    assert status.streak.current == 19 and len(status.streak.attempts) == 1
    assert status.hours_since_restart >= 0
    cells = {
        c.day: c.state
        for col in calendar_for(store, status.settings, status.today, 2, BERLIN)
        for c in col
    }
    assert cells[date(2026, 11, 21)] == FUTURE and cells[date(2026, 11, 20)] == FREE
    forward = compute_status(store, logged_at, BERLIN)
    assert forward.streak.current == 0 and len(forward.streak.attempts) == 2


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 40 * 24 * 60), max_size=8),
    st.integers(0, 48 * 60),
    st.integers(0, 23),
)
def test_a_clock_behind_the_log_never_gives_negative_figures(
    minutes: list[int], back: int, hour: int
) -> None:
    start = date(2027, 3, 1)
    base = at(2027, 3, 1, 12)
    contacts = [
        Contact(n + 1, base + timedelta(minutes=m), "met") for n, m in enumerate(sorted(minutes))
    ]
    latest = max((c.at for c in contacts), default=base)
    now = latest - timedelta(minutes=back)
    today = day_of(now, hour, BERLIN)
    result = compute_streak(contacts, start, today, hour, BREAKING, BERLIN)
    if not result.started:
        return
    assert result.current >= 0 and result.longest >= result.current
    assert all(a.days >= 0 for a in result.attempts)
    assert result.hours_since_restart(now) >= 0
    # Exactly the decision above: contacts on later days are left out, the rest count.
    seen = [c for c in contacts if day_of(c.at, hour, BERLIN) <= today]
    assert result == compute_streak(seen, start, today, hour, BREAKING, BERLIN)


# -- a review saved, then the day goes back ---------------------------------------------------


def test_a_review_saved_then_the_day_going_back(set_up_store: Store) -> None:
    store = set_up_store
    saved_at = at(2026, 11, 21, 4, 30)
    save_review(
        store,
        Review(day=date(2026, 11, 21), contact=True, contact_kind="met", mood=3),
        now=saved_at,
        day_starts_at=4,
        tz=BERLIN,
    )
    back = saved_at - timedelta(hours=1)  # the 20th again
    status = compute_status(store, back, BERLIN)
    assert status.today == date(2026, 11, 20) and not status.review_done
    # The saved review stays readable; saving it again is refused calmly, nothing changes.
    assert start_draft(store, date(2026, 11, 21), 4, BERLIN).saved
    before = snapshot(store)
    with pytest.raises(InputError) as refused:
        save_review(
            store,
            Review(day=date(2026, 11, 21), contact=False),
            now=back,
            day_starts_at=4,
            tz=BERLIN,
        )
    assert refused.value.text
    assert snapshot(store) == before
    # The day the clock shows now can be reviewed; its "yes" is a new contact, at `back`.
    save_review(
        store,
        Review(day=date(2026, 11, 20), contact=True, contact_kind="i_replied"),
        now=back,
        day_starts_at=4,
        tz=BERLIN,
    )
    assert [c.at for c in list_contacts(store)] == [back, saved_at]
    cells = {
        c.day: c
        for col in calendar_for(store, status.settings, status.today, 1, BERLIN)
        for c in col
    }
    assert cells[date(2026, 11, 21)].state == FUTURE and not cells[date(2026, 11, 21)].reviewed
    assert cells[date(2026, 11, 20)].state == CONTACT and cells[date(2026, 11, 20)].reviewed


def test_a_review_saved_then_the_clock_an_hour_back_on_the_same_day_can_be_edited(
    set_up_store: Store,
) -> None:
    store = set_up_store
    review = Review(day=date(2026, 11, 21), contact=True, contact_kind="met", felt_after=2)
    save_review(store, review, now=NOW, day_starts_at=4, tz=BERLIN)
    edited = Review(day=date(2026, 11, 21), contact=True, contact_kind="i_replied", felt_after=5)
    save_review(store, edited, now=NOW - timedelta(hours=1), day_starts_at=4, tz=BERLIN)
    [contact] = list_contacts(store)
    assert (contact.at, contact.kind, contact.felt_after) == (NOW, "i_replied", 5)


# == 2. a change of time zone between sessions =============================================

PLUS_ONE = offset(1)
WEST = offset(-8)
EAST = offset(9)


def test_events_keep_the_offset_they_were_written_with(store: Store) -> None:
    store.update_meta({"nc_start": "2027-05-01", "day_starts_at": 4})
    written = datetime(2027, 5, 5, 23, 30, tzinfo=PLUS_ONE)
    log_contact(store, "met", written, now=written)
    session = surfing()
    save_session(store, session, written)
    # Later sessions run in other zones; reading and computing never rewrites the events.
    for zone in (WEST, EAST, UTC):
        compute_status(store, written + timedelta(days=3), zone, with_evidence=True)
    on_disk = json.loads(snapshot(store))
    assert [doc["at"] for doc in on_disk["contacts"].values()] == ["2027-05-05T23:30:00+01:00"]
    assert [d["started_at"] for d in on_disk["urges"].values()] == ["2027-05-05T23:30:00+01:00"]
    [contact] = list_contacts(store)
    assert contact.at.utcoffset() == timedelta(hours=1)


def test_days_follow_the_zone_the_journal_is_read_in(store: Store) -> None:
    store.update_meta({"nc_start": "2027-05-01", "day_starts_at": 4})
    written = datetime(2027, 5, 5, 23, 30, tzinfo=PLUS_ONE)  # 22:30 UTC
    log_contact(store, "met", written, now=written)
    session = surfing()
    session.end_early(30)
    session.skip_rating(30)
    session.choose_outcome("surfed")
    save_session(store, session, written)
    assert day_of(written, 4, WEST) == date(2027, 5, 5)  # 14:30 on the 5th
    assert day_of(written, 4, EAST) == date(2027, 5, 6)  # 07:30 on the 6th
    assert surfed_days(list_urges(store), 4, WEST) == {date(2027, 5, 5)}
    assert surfed_days(list_urges(store), 4, EAST) == {date(2027, 5, 6)}
    now = datetime(2027, 5, 10, 12, tzinfo=UTC)
    west, east = compute_status(store, now, WEST), compute_status(store, now, EAST)
    assert west.streak.attempts[0].end == date(2027, 5, 5)
    assert east.streak.attempts[0].end == date(2027, 5, 6)
    # 04:00 at UTC-8 is (just) the 10th there, 21:00 at +9 too: 6th..9th vs 7th..9th.
    assert (west.streak.current, east.streak.current) == (4, 3)
    # The restart point is the contact itself: the same real hours from either zone.
    assert west.hours_since_restart == east.hours_since_restart == 109
    assert reviews.contacts_on(store, date(2027, 5, 6), 4, EAST)[0].at == written


def day_by_search(moment: datetime, hour: int, tz: tzinfo) -> date:
    """The oracle for a fixed-offset zone: the day whose [start, next start) holds `moment`."""
    day = moment.astimezone(UTC).date() - timedelta(days=2)
    while not (
        datetime.combine(day, datetime.min.time(), tz) + timedelta(hours=hour)
        <= moment
        < datetime.combine(day, datetime.min.time(), tz) + timedelta(days=1, hours=hour)
    ):
        day += timedelta(days=1)
    return day


offsets = st.integers(-12 * 4, 14 * 4).map(lambda quarters: offset(quarters / 4))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 30 * 24 * 60), offsets, st.sampled_from(CONTACT_KINDS)),
        max_size=10,
    ),
    offsets,
    st.integers(0, 23),
    st.integers(0, 35 * 24 * 60),
)
def test_the_streak_in_any_zone_matches_a_day_by_day_walk(
    events: list[tuple[int, timezone, str]], zone: timezone, hour: int, now_minutes: int
) -> None:
    start = date(2027, 5, 1)
    base = datetime(2027, 4, 30, tzinfo=UTC)
    contacts = [
        Contact(n + 1, (base + timedelta(minutes=m)).astimezone(tz), kind)
        for n, (m, tz, kind) in enumerate(events)
    ]
    now = base + timedelta(minutes=now_minutes)
    today = day_by_search(now, hour, zone)
    assert day_of(now, hour, zone) == today
    result = compute_streak(contacts, start, today, hour, BREAKING, zone)
    if today < start:
        assert not result.started
        return
    broken = {day_by_search(c.at, hour, zone) for c in contacts if c.kind in BREAKING}
    run, day = 0, start
    while day < today:
        run = 0 if day in broken else run + 1
        day += timedelta(days=1)
    assert result.current == (0 if today in broken else run)
    assert result.hours_since_restart(now) >= 0


# == 3. DST at the day-start hour ============================================================
#
# Documented answer (days.start_of_day): a day-start hour that a spring-forward night skips
# begins at the jump (Berlin, 2027-03-28, day start 2: 02:00 CET is 03:00 CEST); an hour
# that an autumn night has twice begins the first time (2027-10-31: 02:00 CEST). day_of
# agrees with both, so every moment belongs to exactly one day.


def test_a_day_start_hour_that_does_not_exist() -> None:
    start = start_of_day(date(2027, 3, 28), 2, BERLIN)
    assert start == datetime(2027, 3, 28, 1, tzinfo=UTC)
    assert (start.hour, start.utcoffset()) == (3, timedelta(hours=2))  # a real wall time
    assert day_of(start, 2, BERLIN) == date(2027, 3, 28)
    assert day_of(at(2027, 3, 28, 1, 59), 2, BERLIN) == date(2027, 3, 27)
    assert day_of(at(2027, 3, 28, 3, 0), 2, BERLIN) == date(2027, 3, 28)
    lengths = [
        (
            start_of_day(d + timedelta(days=1), 2, BERLIN)
            - start_of_day(d, 2, BERLIN).astimezone(UTC)
        )
        for d in (date(2027, 3, 27), date(2027, 3, 28), date(2027, 3, 29))
    ]
    assert lengths == [timedelta(hours=24), timedelta(hours=23), timedelta(hours=24)]


def test_a_day_start_hour_that_happens_twice() -> None:
    start = start_of_day(date(2027, 10, 31), 2, BERLIN)
    # (in UTC: Python never calls a time in the repeated hour equal to one in another zone)
    assert start.astimezone(UTC) == datetime(2027, 10, 31, 0, tzinfo=UTC)  # the first 02:00
    assert (start.hour, start.fold, start.utcoffset()) == (2, 0, timedelta(hours=2))
    assert day_of(at(2027, 10, 31, 1, 59), 2, BERLIN) == date(2027, 10, 30)
    assert day_of(at(2027, 10, 31, 2, 30), 2, BERLIN) == date(2027, 10, 31)
    assert day_of(at(2027, 10, 31, 2, 30, fold=1), 2, BERLIN) == date(2027, 10, 31)
    length = start_of_day(date(2027, 11, 1), 2, BERLIN) - start.astimezone(UTC)
    assert length == timedelta(hours=25)


@pytest.mark.parametrize(
    ("nc_start", "hour", "now", "hours"),
    [
        # Bug fixed in Streak.hours_since_restart: datetimes sharing one ZoneInfo subtract as
        # wall times, so each of these was an hour off (2, 0, 24, 1, 24 before the fixes).
        (date(2027, 3, 28), 2, at(2027, 3, 28, 4, 0), 1),  # from the jump at 03:00 CEST
        (date(2027, 10, 31), 2, at(2027, 10, 31, 2, 30, fold=1), 1),  # 00:00 -> 01:30 UTC
        (date(2027, 3, 27), 4, at(2027, 3, 28, 4, 0), 23),  # a 23-hour day
        (date(2027, 10, 31), 2, at(2027, 10, 31, 3, 30), 2),  # 00:00 -> 02:30 UTC
        (date(2027, 10, 30), 4, at(2027, 10, 31, 4, 0), 25),  # a 25-hour day
    ],
)
def test_hours_since_restart_are_real_hours_across_dst(
    nc_start: date, hour: int, now: datetime, hours: int
) -> None:
    result = streak([], nc_start, now, hour)
    assert result.started
    assert result.hours_since_restart(now) == hours


DST_ZONES = [
    BERLIN,
    ZoneInfo("America/New_York"),
    ZoneInfo("America/Sao_Paulo"),  # its DST changed at midnight until 2019
    ZoneInfo("Australia/Lord_Howe"),  # a half-hour change at 02:00
    ZoneInfo("America/Havana"),  # changes at 00:00/01:00
]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(DST_ZONES), st.dates(date(2015, 1, 1), date(2030, 12, 31)), st.integers(0, 23)
)
def test_every_day_begins_where_the_last_ends(tz: ZoneInfo, day: date, hour: int) -> None:
    begins = start_of_day(day, hour, tz)
    ends = start_of_day(day + timedelta(days=1), hour, tz)
    real = begins.astimezone(UTC).astimezone(tz)
    assert real.replace(tzinfo=None) == begins.replace(tzinfo=None)  # a wall time that exists
    assert day_of(begins, hour, tz) == day
    assert day_of(ends.astimezone(UTC) - timedelta(microseconds=1), hour, tz) == day
    assert (
        timedelta(hours=22) <= ends.astimezone(UTC) - begins.astimezone(UTC) <= timedelta(hours=26)
    )
    assert streak([], day, ends, hour, tz).hours_since_restart(ends) == int(
        (ends.timestamp() - begins.timestamp()) // 3600
    )


@pytest.mark.parametrize("moment", [at(2027, 10, 31, 2, 10), at(2027, 10, 31, 2, 10, fold=1)])
def test_a_contact_in_the_repeated_hour_ends_the_new_day_either_time(moment: datetime) -> None:
    result = streak([Contact(1, moment, "met")], date(2027, 10, 20), at(2027, 11, 2, 12), hour=2)
    assert result.attempts[0].end == date(2027, 10, 31)
    assert result.current == 1  # 1 November only
    assert result.hours_since_restart(at(2027, 11, 2, 12)) >= 0


@pytest.fixture
def system_zone(monkeypatch: pytest.MonkeyPatch):
    """Run with the process's own zone set to `name` (the app's real clock has tz None)."""
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset")

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    before = os.environ.get("TZ")
    yield use
    # Put the zone back now: monkeypatch restores the variable only after this teardown.
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_the_system_zone_gap_and_fold_at_the_day_start_hour(system_zone) -> None:
    # Bug fixed in days.start_of_day (tz None): the skipped 02:00 came back as 01:00 CET,
    # an hour that belongs to the day before, so the streak counted an hour too many.
    system_zone("Europe/Berlin")
    gap = start_of_day(date(2027, 3, 28), 2)
    assert gap.astimezone(UTC) == datetime(2027, 3, 28, 1, tzinfo=UTC)  # 03:00 CEST
    assert day_of(gap, 2) == date(2027, 3, 28)
    fold = start_of_day(date(2027, 10, 31), 2)
    assert fold.astimezone(UTC) == datetime(2027, 10, 31, 0, tzinfo=UTC)  # the first 02:00
    now = datetime(2027, 3, 28, 4).astimezone()
    result = compute_streak([], date(2027, 3, 28), day_of(now, 2), 2, BREAKING)
    assert result.hours_since_restart(now) == 1


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/Havana", "Australia/Lord_Howe"])
def test_the_system_zone_days_tile_time_around_each_change(system_zone, zone: str) -> None:
    system_zone(zone)
    tz = ZoneInfo(zone)
    changes = [  # the days the offset changes in 2027
        d
        for d in (date(2027, 1, 1) + timedelta(days=n) for n in range(365))
        if at(d.year, d.month, d.day, tz=tz).utcoffset()
        != at(d.year, d.month, d.day, 23, tz=tz).utcoffset()
        or at(d.year, d.month, d.day, 23, tz=tz).utcoffset()
        != (at(d.year, d.month, d.day, tz=tz) + timedelta(days=1)).utcoffset()
    ]
    assert changes
    for change in changes:
        for day in (change - timedelta(days=1), change, change + timedelta(days=1)):
            for hour in range(24):
                begins = start_of_day(day, hour)
                assert day_of(begins, hour) == day, (day, hour)
                just_before = begins.astimezone(UTC) - timedelta(microseconds=1)
                assert day_of(just_before, hour) == day - timedelta(days=1), (day, hour)
                assert begins.astimezone(UTC) == start_of_day(day, hour, tz).astimezone(UTC)


def test_a_contact_in_the_repeated_hour_is_not_taken_for_the_future(store: Store) -> None:
    # Bug fixed in contacts.check_contact: with both times in one ZoneInfo, Python compares
    # wall times, so 02:45 summer time looked later than 02:30 winter time (it is 45 min earlier).
    now = at(2027, 10, 31, 2, 30, fold=1)  # 01:30 UTC
    earlier = at(2027, 10, 31, 2, 45)  # 00:45 UTC
    log_contact(store, "met", earlier, now=now)
    later = at(2027, 10, 31, 2, 20, fold=1)  # 01:20 UTC: also before now
    log_contact(store, "met", later, now=now)
    with pytest.raises(InputError):
        log_contact(store, "met", at(2027, 10, 31, 2, 40, fold=1), now=now)  # 01:40 UTC
    assert [c.at.astimezone(UTC).time().isoformat() for c in list_contacts(store)] == [
        "00:45:00",
        "01:20:00",
    ]


def test_an_urge_across_the_repeated_hour_keeps_its_real_length(store: Store) -> None:
    # Bug fixed in urges.save_session: max() of two times in one ZoneInfo compared wall
    # times, so an urge from 02:50 summer time to 02:10 winter time lasted 0 minutes.
    session = surfing()
    save_session(store, session, at(2027, 10, 31, 2, 50))
    session.abandon(60)
    save_session(store, session, at(2027, 10, 31, 2, 10, fold=1))
    [urge] = list_urges(store)
    assert urge.minutes_taken == 20


# == 4. 29 February ==========================================================================


def test_a_no_contact_start_on_a_leap_day(store: Store) -> None:
    store.update_meta({"nc_start": "2028-02-29", "day_starts_at": 4})
    assert read_settings(store).nc_start == date(2028, 2, 29)
    assert compute_status(store, at(2028, 3, 1, 3, 59), BERLIN).streak.current == 0
    assert compute_status(store, at(2028, 3, 1, 4, 0), BERLIN).streak.current == 1
    # A year later there is no 29th: the 365-day milestone lands on 28 Feb 2029, 366 on 1 Mar.
    year = compute_status(store, at(2029, 2, 28, 12), BERLIN)
    assert year.streak.current == 365
    progress = milestone_progress(year.streak.current, load_milestones())
    assert progress.reached[-1].days == 365 and progress.next is None
    assert compute_status(store, at(2029, 3, 1, 12), BERLIN).streak.current == 366


def test_a_year_since_1_march_lands_on_the_leap_day() -> None:
    assert streak([], date(2027, 3, 1), at(2028, 2, 29, 12)).current == 365
    assert streak([], date(2027, 2, 28), at(2028, 2, 29, 12)).current == 366


@pytest.mark.parametrize(
    ("moment", "hour", "day"),
    [
        (at(2028, 2, 29, 12), 4, date(2028, 2, 29)),
        (at(2028, 3, 1, 2), 4, date(2028, 2, 29)),  # the small hours of 1 March
        (at(2028, 3, 1, 2), 0, date(2028, 3, 1)),
        (at(2028, 2, 29, 22, 30), 23, date(2028, 2, 28)),
    ],
)
def test_a_contact_on_29_february_and_the_days_around_it(
    store: Store, moment: datetime, hour: int, day: date
) -> None:
    store.update_meta({"nc_start": "2028-02-20", "day_starts_at": hour})
    log_contact(store, "met", moment, now=moment)
    status = compute_status(store, at(2028, 3, 3, 12), BERLIN)
    assert status.streak.attempts[0].end == day
    assert status.streak.attempts[0].days == (day - date(2028, 2, 20)).days
    assert status.streak.current == (status.today - day).days - 1
    days = [c for col in calendar_for(store, status.settings, status.today, 2, BERLIN) for c in col]
    assert [c.day for c in days].count(date(2028, 2, 29)) == 1
    states = {c.day: c.state for c in days}
    around = (date(2028, 2, 28), date(2028, 2, 29), date(2028, 3, 1))
    assert [states[d] for d in around] == [CONTACT if d == day else FREE for d in around]


@pytest.mark.parametrize(("hour", "expected"), [(4, at(2028, 2, 29, 20)), (22, at(2028, 3, 1, 20))])
def test_a_review_backfilled_to_29_february(store: Store, hour: int, expected: datetime) -> None:
    store.update_meta({"nc_start": "2028-02-01", "day_starts_at": hour})
    now = at(2028, 3, 2, 23, 30)
    save_review(
        store,
        Review(day=date(2028, 2, 29), contact=True, contact_kind="met", mood=2),
        now=now,
        day_starts_at=hour,
        tz=BERLIN,
    )
    [contact] = list_contacts(store)
    assert contact.at == expected and day_of(contact.at, hour, BERLIN) == date(2028, 2, 29)
    week = week_summary(store, date(2028, 3, 1), hour, BERLIN)
    assert date(2028, 2, 29) in week.days and week.mood[week.days.index(date(2028, 2, 29))] == 2
    assert compute_status(store, now, BERLIN).streak.attempts[0].end == date(2028, 2, 29)


def test_the_letters_course_runs_through_29_february() -> None:
    state = course.Course()
    for day in (date(2028, 2, 28), date(2028, 2, 29), date(2028, 3, 1)):
        step = course.next_step(state, day)
        assert step.missed_days == 0
        state = course.record_session(state, day, len(state.sessions) + 1)
    assert course.next_step(state, date(2028, 3, 2)) == course.Step("next", 4)


# == 5. a system date before the no-contact start ============================================


def test_every_view_works_before_the_start_date(store: Store) -> None:
    store.update_meta({"nc_start": "2026-12-01", "day_starts_at": 4})
    now = NOW  # 21 November
    log_contact(store, "met", now - timedelta(days=2), now=now)
    status = compute_status(store, now, BERLIN, with_evidence=True)
    assert not status.streak.started and status.hours_since_restart == 0
    assert status_lines(status)[0] == line("messages", "status_starts_later", start="2026-12-01")
    assert status_json(status)["streak"] is None and status_json(status)["attempts"] == 0
    assert milestone_progress(status.streak.current, load_milestones()).reached == ()
    # The streak view: every past cell is "before", the rest of the week "future".
    cells = [
        c for col in calendar_for(store, status.settings, status.today, 26, BERLIN) for c in col
    ]
    assert {c.state for c in cells if c.day <= status.today} == {BEFORE}
    assert {c.state for c in cells if c.day > status.today} <= {FUTURE}
    assert evidence_for(store).felt.rated == 0
    # Logging a contact: the words say it is before the start.
    settings_now = read_settings(store)
    text = after_logging(status.streak, status.streak, 1, "met", status.today, settings_now)
    assert "2026-12-01" in text
    # The review: today's day, its prefill, saving it, the week.
    draft = start_draft(store, status.today, 4, BERLIN)
    assert draft.day == date(2026, 11, 21) and not draft.saved
    save_review(store, draft.to_review(), now=now, day_starts_at=4, tz=BERLIN)
    assert week_summary(store, status.today, 4, BERLIN).reviewed == 1
    # An urge: saved and counted like any other.
    session = surfing()
    session.end_early(40)
    session.skip_rating(40)
    session.choose_outcome("surfed")
    save_session(store, session, now)
    after = compute_status(store, now, BERLIN, with_evidence=True)
    assert not after.streak.started and after.review_done
    assert after.evidence is not None and after.evidence.surfed == 1
    # The day it starts, everything starts from zero.
    first = compute_status(store, at(2026, 12, 1, 4), BERLIN)
    assert first.streak.started and first.streak.current == 0 and len(first.streak.attempts) == 1
