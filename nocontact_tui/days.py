"""Which day a moment belongs to.

A "day" is local wall-clock time shifted back by the day-start hour: with the
default of 4, an urge at 01:30 belongs to the evening before. The shift is done
on wall time, so a DST change never moves the boundary away from 04:00.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo


def day_of(moment: datetime, day_starts_at: int, tz: tzinfo | None = None) -> date:
    """The user's day for an aware `moment`, seen in `tz` (None: the system's zone)."""
    local = moment.astimezone(tz)
    return (local.replace(tzinfo=None) - timedelta(hours=day_starts_at)).date()


def start_of_day(day: date, day_starts_at: int, tz: tzinfo | None = None) -> datetime:
    """The aware moment `day` begins (its day-start hour, local wall time)."""
    naive = datetime(day.year, day.month, day.day, day_starts_at)
    if tz is None:
        return naive.astimezone()
    return naive.replace(tzinfo=tz)


def parse_moment(text: str) -> datetime:
    """An ISO 8601 string from the file, as an aware datetime."""
    return datetime.fromisoformat(text)
