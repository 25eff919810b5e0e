"""The streak, derived from the contact log and never stored.

A streak counts whole contact-free days: the days from the restart point up to,
not including, today. A contact that counts ends the running attempt on its day;
the next attempt starts the day after. Every attempt stays in the history, so a
slip is a restart point and nothing is lost.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple

from nocontact_tui.domain.contacts import Contact
from nocontact_tui.domain.days import day_of, start_of_day
from nocontact_tui.texts import line, load

DIGITAL_KINDS = ("checked_socials",)

# The values here are NamedTuples rather than frozen dataclasses: a dataclass compiles
# its methods when the module loads (about a millisecond each), and `nocontact status`
# loads this module on every call.


class Attempt(NamedTuple):
    start: date
    days: int
    end: date | None = None  # the day of the contact that ended it; None while it runs
    ended_by: int | None = None  # that contact's id


class Streak(NamedTuple):
    started: bool
    current: int = 0
    longest: int = 0
    digital: int = 0
    attempts: tuple[Attempt, ...] = ()
    restart_at: datetime | None = None  # the start, or the contact that ended the last attempt
    # A contact today ended the last attempt: the new one begins when today ends.
    waiting: bool = False

    def free_days(self) -> int:
        """Every whole day without contact since the start, across all stretches."""
        return sum(attempt.days for attempt in self.attempts)

    def hours_since_restart(self, now: datetime) -> int:
        if self.restart_at is None:
            return 0
        # Timestamps, not `now - restart_at`: two datetimes sharing one ZoneInfo subtract as
        # wall times, an hour off across a DST change.
        return max(0, int((now.timestamp() - self.restart_at.timestamp()) // 3600))


def attempts_for(
    contacts: Iterable[Contact],
    kinds: Sequence[str],
    nc_start: date,
    today: date,
    day_starts_at: int,
    tz: tzinfo | None = None,
) -> list[Attempt]:
    """Every attempt since `nc_start`; the last one is running."""
    dated = ((day_of(c.at, day_starts_at, tz), c) for c in contacts if c.kind in kinds)
    return _attempts(dated, nc_start, today)


def _attempts(dated: Iterable[tuple[date, Contact]], nc_start: date, today: date) -> list[Attempt]:
    """The attempts ended by the (day, contact) pairs in `dated`, all of kinds that count."""
    breaks = sorted((day, c.id) for day, c in dated if nc_start <= day <= today)
    attempts: list[Attempt] = []
    start = nc_start
    for day, contact_id in breaks:
        if day < start:
            continue  # a second contact on a day that already ended an attempt
        attempts.append(Attempt(start=start, days=(day - start).days, end=day, ended_by=contact_id))
        start = day + timedelta(days=1)
    attempts.append(Attempt(start=start, days=max(0, (today - start).days)))
    return attempts


def compute_streak(
    contacts: Sequence[Contact],
    nc_start: date | None,
    today: date,
    day_starts_at: int,
    breaking_kinds: Sequence[str],
    tz: tzinfo | None = None,
) -> Streak:
    if nc_start is None or nc_start > today:
        return Streak(started=False)
    # Each contact's day once (finding it is most of the work), shared by both counts.
    counted = [
        (day_of(c.at, day_starts_at, tz), c)
        for c in contacts
        if c.kind in breaking_kinds or c.kind in DIGITAL_KINDS
    ]
    breaking = [(day, c) for day, c in counted if c.kind in breaking_kinds]
    attempts = _attempts(breaking, nc_start, today)
    digital = _attempts(
        ((day, c) for day, c in counted if c.kind in DIGITAL_KINDS), nc_start, today
    )[-1]
    running = attempts[-1]
    if len(attempts) == 1:
        restart_at = start_of_day(nc_start, day_starts_at, tz)
    else:
        last_day = attempts[-2].end
        restart_at = max(c.at for day, c in breaking if day == last_day)
    return Streak(
        started=True,
        current=running.days,
        longest=max(a.days for a in attempts),
        digital=digital.days,
        attempts=tuple(attempts),
        restart_at=restart_at,
        waiting=running.start > today,
    )


def zero_day_line(streak: Streak, now: datetime, day_starts_at: int, tz: tzinfo | None) -> str:
    """What a count of 0 days says, in the same words on Home and on the streak view.

    One answer to "when does the new stretch start": on the day of a contact, when that
    day ends (the stretches table starts it the day after); once it has begun, the hours
    since it began. Empty when the count is above 0 or not started.
    """
    if not streak.started or streak.current > 0:
        return ""
    if streak.waiting:
        return line("streak", "begins_at", hour=f"{day_starts_at:02d}:00")
    if len(streak.attempts) == 1:
        # The very first day: hours since the day began would count before the person did.
        return line("streak", "first_day")
    began = start_of_day(streak.attempts[-1].start, day_starts_at, tz)
    # Timestamps: two datetimes sharing one ZoneInfo subtract as wall times (DST).
    hours = max(0, int((now.timestamp() - began.timestamp()) // 3600))
    return line("streak", "hours", hours=hours, count=hours)


def free_days_line(streak: Streak) -> str:
    """The contact-free days in all, said in the same words on the streak view and in the
    shell; empty while there has been one stretch only (the count already says it)."""
    if len(streak.attempts) < 2:
        return ""
    days = streak.free_days()
    return line("streak", "free_days", days=days, count=days)


def breaking_days(
    contacts: Iterable[Contact],
    kinds: Sequence[str],
    day_starts_at: int,
    tz: tzinfo | None = None,
) -> set[date]:
    """The user's days on which a contact of one of `kinds` happened."""
    return {day_of(c.at, day_starts_at, tz) for c in contacts if c.kind in kinds}


# -- the calendar ------------------------------------------------------------------------

BEFORE = "before"  # before no contact began
FREE = "free"  # a contact-free day
SURFED = "surfed"  # contact-free, and at least one urge ridden out
CONTACT = "contact"  # a contact that counts happened
FUTURE = "future"  # later this week: not lived yet
CELL_STATES = (FREE, SURFED, CONTACT, BEFORE)


class DayCell(NamedTuple):
    day: date
    state: str
    reviewed: bool = False
    today: bool = False


def cell_state(
    day: date,
    today: date,
    nc_start: date | None,
    contact_days: Collection[date],
    surfed_days: Collection[date],
) -> str:
    if day > today:
        return FUTURE
    if nc_start is None or day < nc_start:
        return BEFORE
    if day in contact_days:
        return CONTACT
    if day in surfed_days:
        return SURFED
    return FREE


def calendar_weeks(
    today: date,
    weeks: int,
    nc_start: date | None,
    contact_days: Collection[date],
    surfed_days: Collection[date] = frozenset(),
    reviewed: Collection[date] = frozenset(),
) -> list[list[DayCell]]:
    """The last `weeks` weeks as columns of seven days, Monday first; the last column holds today."""
    weeks = max(1, weeks)
    first = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    columns: list[list[DayCell]] = []
    for week in range(weeks):
        column = []
        for weekday in range(7):
            day = first + timedelta(days=7 * week + weekday)
            state = cell_state(day, today, nc_start, contact_days, surfed_days)
            column.append(
                DayCell(day, state, reviewed=day in reviewed and day <= today, today=day == today)
            )
        columns.append(column)
    return columns


# -- milestones --------------------------------------------------------------------------


class Milestone(NamedTuple):
    days: int
    title: str
    line: str


class MilestoneProgress(NamedTuple):
    reached: tuple[Milestone, ...]
    next: Milestone | None
    days_left: int | None


def load_milestones() -> list[Milestone]:
    rows = load("milestones")["milestone"]
    return sorted(
        (Milestone(int(row["days"]), row["title"], row["line"]) for row in rows),
        key=lambda m: m.days,
    )


def milestone_progress(
    days: int, milestones: Sequence[Milestone], waiting: bool = False
) -> MilestoneProgress:
    """The milestones `days` has reached, and the next one with the days still to go."""
    ordered = sorted(milestones, key=lambda m: m.days)
    reached = tuple(m for m in ordered if m.days <= days)
    upcoming = next((m for m in ordered if m.days > days), None)
    return MilestoneProgress(
        reached=reached,
        next=upcoming,
        # Waiting for a new stretch to begin tomorrow: its first whole day ends a day later.
        days_left=None if upcoming is None else upcoming.days - days + int(waiting),
    )
