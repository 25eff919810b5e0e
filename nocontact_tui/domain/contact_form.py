"""What the contact form needs: reading when it happened, and what to say after logging.

When: "now" (or nothing), a time earlier in the user's day ("18:30"), a date for
backfill ("2026-11-02", taken as its midday), or a date and a time
("2026-11-02 18:30"). A time belongs to the user's day: with the day starting
at 4, "01:30" typed at 02:00 means half an hour ago, not tomorrow.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from nocontact_tui.domain.days import day_of
from nocontact_tui.domain.settings import Settings
from nocontact_tui.domain.streak import DIGITAL_KINDS, Streak
from nocontact_tui.journal.errors import InputError
from nocontact_tui.journal.schema import CONTACT_KINDS, in_calendar, out_of_calendar
from nocontact_tui.texts import line, load

_TIME = re.compile(r"^(\d{1,2})[:.h](\d{2})$")
_NOW_WORDS = ("", "now")
BACKFILL_HOUR = 12  # a date without a time is taken as its midday


def kind_labels() -> list[str]:
    """The label of each kind, in CONTACT_KINDS order (the keys 1-5 on the form)."""
    labels = load("contact")["kinds"]
    return [labels[kind] for kind in CONTACT_KINDS]


def kind_label(kind: str) -> str:
    return str(load("contact")["kinds"].get(kind, kind))


def felt_labels() -> list[str]:
    return list(load("contact")["felt"]["labels"])


def after_logging(
    before: Streak, after: Streak, contact_id: int, kind: str, day: date, settings: Settings
) -> str:
    """The one message shown once a contact is logged (contact screen, urge landing, shell):
    no blame, and one answer to when the new stretch begins."""
    if settings.nc_start is None:
        return line("contact", "messages", "logged")
    if day < settings.nc_start:
        return line("contact", "messages", "before_start", start=settings.nc_start.isoformat())
    if kind not in settings.breaking_kinds:
        return line("contact", "messages", "digital" if kind in DIGITAL_KINDS else "not_breaking")
    ended = next((a for a in after.attempts if a.ended_by == contact_id), None)
    if ended is None or len(after.attempts) <= len(before.attempts):
        return line("contact", "messages", "same_day")
    if settings.hide_count:
        return line("contact", "messages", "restart_hidden")
    # Logged today, the new stretch begins when the day ends; backdated, it already has.
    hour = f"{settings.day_starts_at:02d}:00"
    key = "restart" if after.waiting else "restart_past"
    if ended.days == 0:
        return line("contact", "messages", f"{key}_short", hour=hour)
    return line("contact", "messages", key, days=ended.days, hour=hour)


def localize(naive: datetime, tz: tzinfo | None) -> datetime:
    if tz is None:
        return naive.astimezone()
    return naive.replace(tzinfo=tz)


def parse_time(text: str) -> time | None:
    match = _TIME.match(text)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_when(text: str, now: datetime, day_starts_at: int, tz: tzinfo | None = None) -> datetime:
    """The moment `text` means, never later than `now`; InputError with a message otherwise."""
    typed = " ".join(text.split()).casefold()
    if typed in _NOW_WORDS:
        return now
    moment: datetime | None = None
    clock_time = parse_time(typed)
    if clock_time is not None:
        today = day_of(now, day_starts_at, tz)
        on = today if clock_time.hour >= day_starts_at else today + timedelta(days=1)
        moment = localize(datetime.combine(on, clock_time), tz)
    else:
        parts = typed.replace("t", " ", 1).split(" ") if len(typed) > 10 else [typed]
        try:
            day = date.fromisoformat(parts[0])
        except ValueError:
            day = None
        if day is not None and not in_calendar(day):
            raise InputError(out_of_calendar(text.strip()[:40]))
        if day is not None and len(parts) == 1:
            moment = localize(datetime.combine(day, time(BACKFILL_HOUR)), tz)
            if moment > now and day_of(now, day_starts_at, tz) == day:
                moment = now  # today's date before midday: it happened earlier today
        elif day is not None and len(parts) == 2 and (clock_time := parse_time(parts[1])):
            moment = localize(datetime.combine(day, clock_time), tz)
    if moment is None:
        raise InputError(line("contact", "messages", "bad_when", value=text.strip()[:40]))
    if moment > now:
        raise InputError(line("contact", "messages", "future_when"))
    return moment
