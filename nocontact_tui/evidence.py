"""The streak view's figures from the journal: the calendar, how contact felt, which traps came up.

The urge figures (surfed vs given in, median length and drop) come from
`urges.compute_evidence`, so the urge screen and the streak view say the same
thing. Everything here is derived by pure functions; nothing is stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, tzinfo

from nocontact_tui import urges as urge_log
from nocontact_tui.contacts import Contact, list_contacts
from nocontact_tui.days import day_of
from nocontact_tui.reviews import reviewed_days
from nocontact_tui.settings import Settings, set_breaking_kinds, set_hide_count
from nocontact_tui.store import Store
from nocontact_tui.streak import DayCell, breaking_days, calendar_weeks
from nocontact_tui.traps import load_traps


@dataclass(frozen=True)
class FeltFigures:
    """How contact left the user feeling: a count for each answer 1 (calmer) … 5 (stirred up)."""

    counts: dict[int, int] = field(default_factory=lambda: dict.fromkeys(range(1, 6), 0))

    @property
    def rated(self) -> int:
        return sum(self.counts.values())

    @property
    def worse(self) -> int:
        return sum(n for felt, n in self.counts.items() if felt >= urge_log.FELT_WORSE)

    @property
    def worse_share(self) -> float | None:
        return self.worse / self.rated if self.rated else None


@dataclass(frozen=True)
class Evidence:
    urges: urge_log.Evidence
    felt: FeltFigures
    traps: tuple[tuple[str, int], ...]  # (card name, times named), most first


def felt_figures(contacts: Iterable[Contact]) -> FeltFigures:
    counts = dict.fromkeys(range(1, 6), 0)
    for contact in contacts:
        if contact.felt_after in counts:
            counts[contact.felt_after] += 1
    return FeltFigures(counts)


def top_traps(urges: Iterable[urge_log.Urge], count: int = 3) -> tuple[tuple[str, int], ...]:
    """The traps named most often, as (card name, times); a tie goes to the one named first."""
    names = {trap.id: trap.name for trap in load_traps()}
    tally = [(trap, n) for trap, n in urge_log.trigger_counts(urges).items() if trap in names]
    tally.sort(key=lambda item: -item[1])  # stable: first named stays first among equals
    return tuple((names[trap], n) for trap, n in tally[:count])


def surfed_days(
    urges: Iterable[urge_log.Urge], day_starts_at: int, tz: tzinfo | None = None
) -> set[date]:
    """The user's days with at least one urge ridden out."""
    return {
        day_of(u.started_at, day_starts_at, tz) for u in urges if u.outcome in urge_log.RODE_IT_OUT
    }


def compute_evidence(urges: Sequence[urge_log.Urge], contacts: Sequence[Contact]) -> Evidence:
    return Evidence(
        urges=urge_log.compute_evidence(urges, contacts),
        felt=felt_figures(contacts),
        traps=top_traps(urges),
    )


def evidence_for(store: Store) -> Evidence:
    return compute_evidence(urge_log.list_urges(store), list_contacts(store))


def calendar_for(
    store: Store,
    settings: Settings,
    today: date,
    weeks: int,
    tz: tzinfo | None = None,
) -> list[list[DayCell]]:
    """The streak view's heatmap: the last `weeks` weeks of the journal."""
    return calendar_weeks(
        today,
        weeks,
        settings.nc_start,
        breaking_days(list_contacts(store), settings.breaking_kinds, settings.day_starts_at, tz),
        surfed_days(urge_log.list_urges(store), settings.day_starts_at, tz),
        reviewed_days(store),
    )


# -- the settings the streak view shows ----------------------------------------------------


def save_breaking_kinds(store: Store, kinds: Iterable[str]) -> tuple[str, ...]:
    """Which kinds of contact restart the count (settings.py checks and saves them)."""
    return set_breaking_kinds(store, kinds)


def save_hide_count(store: Store, hidden: bool) -> None:
    """Hide (or show) the day count on every screen and in `nocontact status`."""
    set_hide_count(store, hidden)
