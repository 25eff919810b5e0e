"""The user's own reasons: why it ended, in their words.

Reasons live in groups (categories). The default groups come from
content/reasons.toml; the user's own groups are kept in the meta document
(`reason_categories`) so an empty group they made does not vanish. A reason
without a group (from `nocontact reason add` without `--category`) sits under
"not sorted yet". The order is one number per reason (`position`); a group
shows its reasons in that order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from nocontact_tui.domain.cleaning import one_line
from nocontact_tui.domain.undo import Change, snapshot_of
from nocontact_tui.journal.errors import InputError
from nocontact_tui.journal.store import Store, one_write
from nocontact_tui.texts import line, load

TABLE = "reasons"
META_KEY = "reason_categories"
MAX_CATEGORY = 60  # characters; a group name is a heading, not a paragraph


def default_categories() -> list[str]:
    return list(load("reasons")["categories"])


@dataclass(frozen=True)
class Reason:
    id: int
    text: str
    category: str | None = None
    position: float = 0
    created_at: str | None = None
    updated_at: str | None = None


def list_reasons(store: Store) -> list[Reason]:
    """Every reason in the user's order."""
    reasons = [
        Reason(
            id=doc_id,
            text=doc["text"],
            category=doc.get("category") or None,
            position=doc.get("position", doc_id),
            created_at=doc.get("created_at"),
            updated_at=doc.get("updated_at"),
        )
        for doc_id, doc in store.docs(TABLE)
    ]
    reasons.sort(key=lambda r: (r.position, r.id))
    return reasons


# -- groups -----------------------------------------------------------------------------


def user_categories(store: Store) -> list[str]:
    return list(store.meta.get(META_KEY) or [])


def categories(store: Store, reasons: Sequence[Reason] | None = None) -> list[str | None]:
    """Every group in display order: defaults, the user's own, any other found on a reason,
    then None ("not sorted yet") when some reason has no group."""
    reasons = list_reasons(store) if reasons is None else reasons
    found: list[str | None] = []
    seen: set[str] = set()
    for name in [
        *default_categories(),
        *user_categories(store),
        *(r.category for r in reasons if r.category),
    ]:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            found.append(name)
    if any(r.category is None for r in reasons):
        found.append(None)
    return found


def clean_category(name: str | None) -> str | None:
    """A group name as typed, tidied: one line, no runs of spaces, not too long."""
    if name is None:
        return None
    tidy = one_line(name)[:MAX_CATEGORY].strip()
    return tidy or None


def match_category(store: Store, name: str | None) -> str | None:
    """The existing group `name` refers to (case does not matter), or the tidied new name."""
    tidy = clean_category(name)
    if tidy is None:
        return None
    for existing in categories(store):
        if existing is not None and existing.casefold() == tidy.casefold():
            return existing
    return tidy


def add_category(store: Store, name: str) -> str:
    """Make a group of the user's own; return its name (an existing one if it matches)."""
    tidy = match_category(store, name)
    if tidy is None:
        raise InputError(line("reasons", "messages", "category_empty"))
    known = {c.casefold() for c in [*default_categories(), *user_categories(store)]}
    if tidy.casefold() not in known:
        store.update_meta({META_KEY: [*user_categories(store), tidy]})
    return tidy


def is_user_category(store: Store, name: str | None) -> bool:
    if name is None:
        return False
    return name.casefold() not in {c.casefold() for c in default_categories()}


@one_write
def rename_category(store: Store, old: str, new: str, *, now: datetime) -> str:
    """Rename one of the user's own groups, with every reason in it."""
    if not is_user_category(store, old):
        raise InputError(line("reasons", "messages", "category_default_fixed"))
    tidy = clean_category(new)
    if tidy is None:
        raise InputError(line("reasons", "messages", "category_empty"))
    target = match_category(store, tidy)
    assert target is not None
    if target.casefold() == old.casefold():
        target = tidy  # only the spelling changes
    stamp = now.isoformat()
    for reason in list_reasons(store):
        if reason.category is not None and reason.category.casefold() == old.casefold():
            store.update(TABLE, reason.id, {"category": target, "updated_at": stamp})
    names = [c for c in user_categories(store) if c.casefold() != old.casefold()]
    if target.casefold() not in {c.casefold() for c in [*default_categories(), *names]}:
        names.append(target)
    store.update_meta({META_KEY: names})
    return target


def remove_category(store: Store, name: str) -> None:
    """Forget an empty group of the user's own."""
    if not is_user_category(store, name):
        raise InputError(line("reasons", "messages", "category_default_fixed"))
    if any(r.category and r.category.casefold() == name.casefold() for r in list_reasons(store)):
        raise InputError(line("reasons", "messages", "category_not_empty"))
    names = [c for c in user_categories(store) if c.casefold() != name.casefold()]
    store.update_meta({META_KEY: names})


def group_reasons(
    reasons: Sequence[Reason], names: Sequence[str | None]
) -> list[tuple[str | None, list[Reason]]]:
    """The reasons under each group name, every group listed even when empty."""
    groups: dict[str | None, list[Reason]] = {name: [] for name in names}
    lookup = {name.casefold(): name for name in names if name is not None}
    for reason in reasons:
        key = lookup.get(reason.category.casefold()) if reason.category else None
        groups.setdefault(key, []).append(reason)
    return list(groups.items())


def filter_reasons(reasons: Sequence[Reason], query: str) -> list[Reason]:
    """The reasons whose text or group holds every word of `query` (case does not matter)."""
    terms = query.casefold().split()
    if not terms:
        return list(reasons)
    return [
        r for r in reasons if all(t in f"{r.text} {r.category or ''}".casefold() for t in terms)
    ]


# -- single reasons ---------------------------------------------------------------------


def clean_text(text: str) -> str:
    """A reason as typed, without control characters; empty means nothing to save."""
    return one_line(text)


def _next_position(store: Store) -> float:
    positions = [doc.get("position", doc_id) for doc_id, doc in store.docs(TABLE)]
    return max(positions, default=0) + 1


def add_reason(store: Store, text: str, *, now: datetime, category: str | None = None) -> int:
    """Add a reason at the end of its group; a group it names that the journal does not
    keep yet is kept with it, in the same one write."""
    text = clean_text(text)
    if not text:
        raise InputError(line("messages", "reason_empty"))
    stamp = now.isoformat()
    with store.transaction():
        category = match_category(store, category)
        if category is not None:
            add_category(store, category)
        return store.insert(
            TABLE,
            {
                "text": text,
                "category": category,
                "position": _next_position(store),
                "created_at": stamp,
                "updated_at": stamp,
            },
        )


def edit_reason(store: Store, reason_id: int, text: str, *, now: datetime) -> Change:
    """Change a reason's words; the Change returned takes it back (undo.take_back)."""
    text = clean_text(text)
    if not text:
        raise InputError(line("reasons", "messages", "edit_empty"))
    before = snapshot_of(store, TABLE, reason_id)
    store.update(TABLE, reason_id, {"text": text, "updated_at": now.isoformat()})
    return Change("edit", (before,))


def delete_reason(store: Store, reason_id: int) -> Change:
    """Delete a reason; the Change returned brings it back with its id and its place."""
    before = snapshot_of(store, TABLE, reason_id)
    store.remove(TABLE, reason_id)
    return Change("delete", (before,))


def move_reason(store: Store, reason_id: int, category: str | None, *, now: datetime) -> str | None:
    """Put a reason at the end of another group (a new one made for it): one write."""
    with store.transaction():
        target = match_category(store, category)
        if target is not None:
            add_category(store, target)
        store.update(
            TABLE,
            reason_id,
            {"category": target, "position": _next_position(store), "updated_at": now.isoformat()},
        )
    return target


@one_write
def shift_reason(store: Store, reason_id: int, step: int) -> bool:
    """Swap a reason with its neighbour in its group (step -1 up, +1 down); False at an edge."""
    reasons = list_reasons(store)
    by_id = {r.id: r for r in reasons}
    if reason_id not in by_id:
        return False
    key = (by_id[reason_id].category or "").casefold()
    group = [r for r in reasons if (r.category or "").casefold() == key]
    index = next(i for i, r in enumerate(group) if r.id == reason_id)
    other = index + step
    if not 0 <= other < len(group):
        return False
    mine, theirs = group[index], group[other]
    if mine.position != theirs.position:
        store.update(TABLE, mine.id, {"position": theirs.position})
        store.update(TABLE, theirs.id, {"position": mine.position})
        return True
    # Equal positions (hand-edited or very old entries): number the whole list afresh.
    order = [r.id for r in reasons]
    a, b = order.index(mine.id), order.index(theirs.id)
    order[a], order[b] = order[b], order[a]
    for number, rid in enumerate(order, start=1):
        if by_id[rid].position != number:
            store.update(TABLE, rid, {"position": number})
    return True


# -- showing one at a time --------------------------------------------------------------


def pick_reason(reasons: list[Reason], turn: int, previous: int | None = None) -> Reason | None:
    """The reason to show on the `turn`-th showing: each in turn, so all of them come round.

    `previous` is the id shown last in the same place; it is never shown twice running
    when there is another to show (the list may have changed since).
    """
    if not reasons:
        return None
    pick = reasons[turn % len(reasons)]
    if pick.id == previous and len(reasons) > 1:
        pick = reasons[(turn + 1) % len(reasons)]
    return pick


def starter_questions(seed: int, count: int = 4) -> list[str]:
    """A few questions to help begin an empty list; `seed` (e.g. the day) varies which."""
    starters = list(load("reasons")["starters"])
    if not starters:
        return []
    count = min(count, len(starters))
    begin = (seed * count) % len(starters)
    return [starters[(begin + i) % len(starters)] for i in range(count)]
