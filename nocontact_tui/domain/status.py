"""One summary of where the user stands, shared by `nocontact status` and the home screen."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any, NamedTuple

from nocontact_tui.domain.contacts import list_contacts
from nocontact_tui.domain.days import day_of
from nocontact_tui.domain.settings import Settings, read_settings
from nocontact_tui.domain.streak import Streak, compute_streak, free_days_line
from nocontact_tui.journal.store import Store
from nocontact_tui.texts import line

if TYPE_CHECKING:
    from nocontact_tui.domain.urges import Evidence


class Status(NamedTuple):  # not a dataclass: see streak.py
    settings: Settings
    today: date
    streak: Streak
    review_done: bool
    hours_since_restart: int
    # What the urge log and contacts' feelings show: walks every urge, so only on request.
    evidence: Evidence | None = None


def today_for(settings: Settings, now: datetime, tz: tzinfo | None = None) -> date:
    return day_of(now, settings.day_starts_at, tz)


def compute_status(
    store: Store, now: datetime, tz: tzinfo | None = None, *, with_evidence: bool = False
) -> Status:
    settings = read_settings(store)
    today = today_for(settings, now, tz)
    contacts = list_contacts(store)
    streak = compute_streak(
        contacts,
        settings.nc_start,
        today,
        settings.day_starts_at,
        settings.breaking_kinds,
        tz,
    )
    return Status(
        settings=settings,
        today=today,
        streak=streak,
        review_done=_reviewed(store, today),
        hours_since_restart=streak.hours_since_restart(now),
        evidence=urge_evidence(store, contacts) if with_evidence else None,
    )


def _reviewed(store: Store, day: date) -> bool:
    """reviews.is_reviewed, without importing the review domain (its import costs more than this)."""
    key = day.isoformat()
    return any(doc["day"] == key for _, doc in store.docs("reviews"))


def urge_evidence(store: Store, contacts: list) -> Evidence:
    from nocontact_tui.domain.urges import compute_evidence, list_urges

    return compute_evidence(list_urges(store), contacts)


def status_json(status: Status) -> dict[str, Any]:
    from nocontact_tui.domain.urges import evidence_json

    streak = status.streak
    hidden = status.settings.hide_count
    return {
        "started": streak.started,
        "nc_start": status.settings.nc_start.isoformat() if status.settings.nc_start else None,
        "today": status.today.isoformat(),
        "hide_count": hidden,
        "streak": None if hidden or not streak.started else streak.current,
        "longest": None if hidden or not streak.started else streak.longest,
        "digital": None if hidden or not streak.started else streak.digital,
        "attempts": len(streak.attempts),
        "review_done": status.review_done,
    } | ({"evidence": evidence_json(status.evidence)} if status.evidence is not None else {})


def status_lines(status: Status) -> list[str]:
    streak = status.streak
    lines: list[str] = []
    if not streak.started and status.settings.nc_start is not None:
        lines.append(
            line("messages", "status_starts_later", start=status.settings.nc_start.isoformat())
        )
    elif not streak.started:
        lines.append(line("messages", "status_not_started"))
    elif status.settings.hide_count:
        lines.append(line("messages", "status_streak_hidden"))
    else:
        # Contact-free days lead; how many times the count restarted is no headline.
        lines.append(line("messages", "status_streak", days=streak.current, count=streak.current))
        if free := free_days_line(streak):
            lines.append(free)
        lines.append(line("messages", "status_longest", days=streak.longest, count=streak.longest))
    lines.append(
        line("messages", "status_review_done" if status.review_done else "status_review_open")
    )
    return lines
