"""The user's own reasons: why it ended, in their words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from nocontact_tui.errors import InputError
from nocontact_tui.store import Store
from nocontact_tui.texts import load, message

TABLE = "reasons"


def default_categories() -> list[str]:
    return list(load("reasons")["categories"])


@dataclass(frozen=True)
class Reason:
    id: int
    text: str
    category: str | None = None
    position: float = 0


def list_reasons(store: Store) -> list[Reason]:
    """Every reason in the user's order."""
    reasons = [
        Reason(id=doc_id, text=doc["text"], category=doc.get("category"), position=doc.get("position", doc_id))
        for doc_id, doc in store.docs(TABLE)
    ]
    reasons.sort(key=lambda r: (r.position, r.id))
    return reasons


def add_reason(store: Store, text: str, *, now: datetime, category: str | None = None) -> int:
    text = text.strip()
    if not text:
        raise InputError(message("reason_empty"))
    positions = [doc.get("position", doc_id) for doc_id, doc in store.docs(TABLE)]
    stamp = now.isoformat()
    return store.insert(
        TABLE,
        {
            "text": text,
            "category": category or None,
            "position": max(positions, default=0) + 1,
            "created_at": stamp,
            "updated_at": stamp,
        },
    )


def pick_reason(reasons: list[Reason], turn: int) -> Reason | None:
    """The reason to show on the `turn`-th showing: each in turn, never the same twice running."""
    if not reasons:
        return None
    return reasons[turn % len(reasons)]
