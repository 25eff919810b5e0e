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
