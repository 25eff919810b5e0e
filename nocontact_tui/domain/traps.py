"""The trap cards: the thoughts behind an urge to break no contact, from content/traps.toml."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cache

from nocontact_tui.texts import load


@dataclass(frozen=True)
class Trap:
    id: str  # stable: the urge log stores it as a session's trigger
    name: str
    sounds_like: str
    underneath: str
    counter: str
    question: str


CARD_FIELDS = tuple(f.name for f in fields(Trap))


class TrapContentError(ValueError):
    """content/traps.toml is missing a field or repeats an id (a packaging mistake, not user data)."""


@cache
def load_traps() -> tuple[Trap, ...]:
    """Every card, in the order of the file."""
    cards: list[Trap] = []
    seen: set[str] = set()
    for number, raw in enumerate(load("traps").get("trap", []), start=1):
        missing = [f for f in CARD_FIELDS if not str(raw.get(f, "")).strip()]
        if missing:
            raise TrapContentError(f"trap card {number} has no {', '.join(missing)}")
        if raw["id"] in seen:
            raise TrapContentError(f"trap id {raw['id']!r} appears twice")
        seen.add(raw["id"])
        cards.append(Trap(**{f: str(raw[f]).strip() for f in CARD_FIELDS}))
    return tuple(cards)


def get_trap(trap_id: str | None) -> Trap | None:
    if not trap_id:
        return None
    return next((t for t in load_traps() if t.id == trap_id), None)


def by_use(traps: Sequence[Trap], counts: Mapping[str, int]) -> list[Trap]:
    """The cards the user has picked most often first; otherwise the file's order."""
    order = {t.id: i for i, t in enumerate(traps)}
    return sorted(traps, key=lambda t: (-counts.get(t.id, 0), order[t.id]))


LATE_NIGHT = "late_night"
LATE_FROM = 22  # from this hour until the user's day ends, the late-night card comes first
PAGE = 9  # cards picked by one digit at a time; 0 turns to the next nine


def is_late(hour: int, day_starts_at: int) -> bool:
    """22:00 until the hour the user's day ends (4 by default)."""
    return hour >= LATE_FROM or hour < day_starts_at


def check_in_order(
    traps: Sequence[Trap], counts: Mapping[str, int], hour: int, day_starts_at: int
) -> list[Trap]:
    """The check-in's list: the most picked first; late at night, the late-night card leads."""
    ordered = by_use(traps, counts)
    if is_late(hour, day_starts_at):
        ordered.sort(key=lambda t: t.id != LATE_NIGHT)  # stable: the rest keep their order
    return ordered


def page_of(index: int) -> int:
    return index // PAGE


def pick(ordered: Sequence[Trap], page: int, digit: int) -> Trap | None:
    """The card that `digit` (1-9) names on `page` of the list, if there is one."""
    index = page * PAGE + digit - 1
    return ordered[index] if 1 <= digit <= PAGE and 0 <= index < len(ordered) else None


def pages(ordered: Sequence[Trap]) -> int:
    return max(1, -(-len(ordered) // PAGE))
