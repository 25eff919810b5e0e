"""Which day a moment belongs to.

A "day" is local wall-clock time shifted back by the day-start hour: with the
default of 4, an urge at 01:30 belongs to the evening before. The shift is done
on wall time, so a DST change never moves the boundary away from 04:00.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo


def day_of(moment: datetime, day_starts_at: int, tz: tzinfo | None = None) -> date:
    """The user's day for an aware `moment`, seen in `tz` (None: the system's zone)."""
    # An aware datetime minus a timedelta moves its wall time and keeps its zone.
    return (moment.astimezone(tz) - timedelta(hours=day_starts_at)).date()


def start_of_day(day: date, day_starts_at: int, tz: tzinfo | None = None) -> datetime:
    """The aware moment `day` begins (its day-start hour, local wall time).

    An hour that a DST change skips begins at the jump (02:00 on a spring-forward
    night is 03:00 summer time); an hour that happens twice begins the first time.
    """
    naive = datetime(day.year, day.month, day.day, day_starts_at)
    if tz is None:
        # The system zone: the hour's first occurrence if it exists; in a skipped hour
        # neither reading exists and the later one is the jump.
        readings = [naive.replace(fold=fold).astimezone() for fold in (0, 1)]
        real = [m for m in readings if m.replace(tzinfo=None) == naive]
        return real[0] if real else max(readings)
    # Through UTC, so a skipped wall time comes back as the real one.
    return naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)


def parse_moment(text: str) -> datetime:
    """An ISO 8601 string from the file, as an aware datetime."""
    return datetime.fromisoformat(text)
