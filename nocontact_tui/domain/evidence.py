"""The streak view's figures from the journal: the calendar, how contact felt, which traps came up.

The urge figures (surfed vs given in, typical length and change of strength) come
from `urges.compute_evidence`, so the urge screen and the streak view say the same
thing. Everything here is derived by pure functions; nothing is stored. The streak
view says what the surf leaves out (how often an urge ended in contact, how contact
left the person), in the same plain words: "usually" and "about", whole numbers, the
direction of a change read from the numbers shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, tzinfo

from nocontact_tui.domain import urges as urge_log
from nocontact_tui.domain.contacts import Contact, list_contacts
from nocontact_tui.domain.days import day_of
from nocontact_tui.domain.reviews import reviewed_days
from nocontact_tui.domain.settings import Settings, set_breaking_kinds, set_hide_count
from nocontact_tui.domain.streak import DayCell, breaking_days, calendar_weeks
from nocontact_tui.domain.traps import load_traps
from nocontact_tui.journal.store import Store
from nocontact_tui.texts import line


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


def urge_lines(urges: urge_log.Evidence) -> list[str]:
    """The streak view's urge figures in words."""
    if not (urges.surfed or urges.ended_in_contact):
        return [line("streak", "evidence", "urges_none")]
    lines = [
        line("streak", "evidence", "urges", surfed=urges.surfed, gave_in=urges.ended_in_contact)
    ]
    if not urges.enough:
        return [*lines, line("streak", "evidence", "soon")]
    minutes = urge_log.typical_minutes(urges)
    if minutes is not None:
        key = "length_one" if minutes == 1 else "length"
        lines.append(line("streak", "evidence", key, minutes=minutes))
    change = urge_log.strength_change(urges)
    if change is not None:
        lines.append(
            line("streak", "evidence", change.direction, start=change.start, end=change.end)
        )
    return lines


def felt_worse_line(felt: FeltFigures) -> str:
    """How many logged contacts left the person feeling worse, with its one-forms."""
    if felt.rated == 1:
        return line("streak", "evidence", "worse_one" if felt.worse else "worse_one_not")
    if not felt.worse:
        return line("streak", "evidence", "worse_none", rated=felt.rated)
    return line("streak", "evidence", "worse", worse=felt.worse, rated=felt.rated)
