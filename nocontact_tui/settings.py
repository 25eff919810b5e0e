"""The user's settings, kept in the single `meta` document."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from nocontact_tui.schema import DEFAULT_BREAKING_KINDS
from nocontact_tui.store import Store

DEFAULT_DAY_STARTS_AT = 4
DEFAULT_URGE_MINUTES = 10
IDLE_LOCK_MINUTES = 5  # when the idle lock is turned on without a number of minutes


class Settings(NamedTuple):  # not a dataclass: see streak.py
    nc_start: date | None = None
    day_starts_at: int = DEFAULT_DAY_STARTS_AT
    urge_minutes: int = DEFAULT_URGE_MINUTES
    breaking_kinds: tuple[str, ...] = DEFAULT_BREAKING_KINDS
    hide_count: bool = False
    title: str | None = None
    idle_lock_minutes: int = 0  # 0: the idle lock is off (the default)

    @property
    def set_up(self) -> bool:
        """First run is over once the user has said when no contact began."""
        return self.nc_start is not None


def from_meta(meta: dict[str, Any]) -> Settings:
    start = meta.get("nc_start")
    kinds = meta.get("breaking_kinds")
    return Settings(
        nc_start=date.fromisoformat(start) if start else None,
        day_starts_at=meta.get("day_starts_at", DEFAULT_DAY_STARTS_AT),
        urge_minutes=meta.get("urge_minutes", DEFAULT_URGE_MINUTES),
        breaking_kinds=tuple(kinds) if kinds is not None else DEFAULT_BREAKING_KINDS,
        hide_count=meta.get("hide_count", False),
        title=meta.get("title"),
        idle_lock_minutes=meta.get("idle_lock_minutes") or 0,
    )


def read_settings(store: Store) -> Settings:
    return from_meta(store.meta)


def save_first_run(store: Store, nc_start: date, day_starts_at: int) -> None:
    store.update_meta({"nc_start": nc_start.isoformat(), "day_starts_at": day_starts_at})
