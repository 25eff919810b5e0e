"""A milestone moment: Home shows a milestone once, on the first look after it is reached.

"Once" is kept in the journal (`meta.milestones_shown`), so another window or a restart
does not show it again. Each entry names the milestone and the first day of the stretch
that reached it: after a slip, a new stretch reaching a week has its own moment.
Never shown while the count is hidden; a milestone not shown then waits, unmarked.

A moment belongs near its day: it is shown on the day the milestone is reached or in
the few days after (WITHIN_DAYS), not weeks later as old news, and a journal begun
with a start date long ago does not open on a milestone from the past.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from nocontact_tui.domain.streak import Milestone, Streak
from nocontact_tui.journal.store import Store

META_FIELD = "milestones_shown"
WITHIN_DAYS = 3  # the day it is reached and the two after


def stretch_start(streak: Streak) -> date | None:
    """The first day of the running stretch, or None before the count has begun."""
    return streak.attempts[-1].start if streak.started and streak.attempts else None


def shown(meta: Mapping[str, Any]) -> set[tuple[int, str]]:
    """The (days, stretch's first day) of every moment already shown."""
    return {(item["days"], item["since"]) for item in meta.get(META_FIELD) or ()}


def milestone_due(
    streak: Streak,
    milestones: Sequence[Milestone],
    already: set[tuple[int, str]],
    hide_count: bool,
) -> Milestone | None:
    """The milestone to show now: the highest the running stretch has reached, if its
    moment has not been shown yet. None while the count is hidden."""
    since = stretch_start(streak)
    if hide_count or since is None or streak.current <= 0:
        return None
    reached = [m for m in milestones if m.days <= streak.current]
    if not reached:
        return None
    highest = max(reached, key=lambda m: m.days)
    if streak.current - highest.days >= WITHIN_DAYS:
        return None
    return None if (highest.days, since.isoformat()) in already else highest


def mark_shown(store: Store, streak: Streak, milestone: Milestone) -> None:
    """Remember in the journal that `milestone`'s moment has been shown for this stretch."""
    since = stretch_start(streak)
    if since is None:
        return
    entry = {"days": milestone.days, "since": since.isoformat()}
    # Under the journal's lock, on the freshest file: another window's entries are kept.
    with store.transaction():
        entries = list(store.meta.get(META_FIELD) or [])
        if entry not in entries:
            store.update_meta({META_FIELD: [*entries, entry]})
