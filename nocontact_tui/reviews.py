"""Daily reviews: one document per day, about the user's own day."""

from __future__ import annotations

from datetime import date

from nocontact_tui.store import Store

TABLE = "reviews"


def reviewed_days(store: Store) -> set[date]:
    return {date.fromisoformat(doc["day"]) for _, doc in store.docs(TABLE)}


def is_reviewed(store: Store, day: date) -> bool:
    key = day.isoformat()
    return any(doc["day"] == key for _, doc in store.docs(TABLE))
