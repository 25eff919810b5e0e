"""The person's own if-then plans: for a trap card, what they will do when it pulls.

One plan per card ("If it's Sunday night and I feel alone, then I call my sister"),
kept in the `plans` table by the card's id. When that card is chosen at an urge
check-in, the plan is the first thing the surf shows.
"""

from __future__ import annotations

from datetime import datetime

from nocontact_tui.domain.cleaning import one_line
from nocontact_tui.journal.store import Store, one_write

TABLE = "plans"
MAX_PLAN = 300  # characters: a plan is a sentence to read in a hard minute


def clean_plan(text: str) -> str:
    return one_line(text, MAX_PLAN)


def all_plans(store: Store) -> dict[str, str]:
    """Card id -> the person's plan for it (the newest, should an import have left two)."""
    found: dict[str, tuple[str, str]] = {}
    for _, doc in store.docs(TABLE):
        trap, text = doc.get("trap"), doc.get("text")
        if not trap or not text:
            continue
        stamp = str(doc.get("updated") or "")
        if trap not in found or stamp >= found[trap][0]:
            found[trap] = (stamp, text)
    return {trap: text for trap, (_, text) in found.items()}


def plan_for(store: Store, trap: str | None) -> str | None:
    if not trap:
        return None
    return all_plans(store).get(trap)


@one_write
def set_plan(store: Store, trap: str, text: str, *, now: datetime) -> str | None:
    """Write, change or (with empty text) clear the plan for `trap`; the plan as kept."""
    plan = clean_plan(text)
    ids = [doc_id for doc_id, doc in store.docs(TABLE) if doc.get("trap") == trap]
    for doc_id in ids[1:] if plan else ids:
        store.remove(TABLE, doc_id)
    if not plan:
        return None
    fields = {"trap": trap, "text": plan, "updated": now.isoformat()}
    if ids:
        store.update(TABLE, ids[0], fields)
    else:
        store.insert(TABLE, fields)
    return plan
