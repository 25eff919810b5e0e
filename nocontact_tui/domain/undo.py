"""Taking back the last change: the documents as they were before it, and putting them back.

A change (an edited reason, a removed contact, a saved review with the contact it
logged) is recorded as the documents it touched, each as it was before: `None`
for one that did not exist yet. Taking it back puts every one of them back
exactly, under the same id, so a deleted reason returns to its place in the list
(its position is part of the document) and a restored contact is the same event.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableMapping
from typing import Any, NamedTuple, TypeVar

from nocontact_tui.journal.store import Store

T = TypeVar("T")


class Snapshot(NamedTuple):  # not dataclasses: `nocontact status` imports this, see streak.py
    """One document as it was before a change; `before` is None if the change created it."""

    table: str
    doc_id: int
    before: dict[str, Any] | None


class Change(NamedTuple):
    """What one user action changed, ready to be taken back."""

    kind: str  # "edit", "delete" or "save": which words the screen shows
    snapshots: tuple[Snapshot, ...]

    @property
    def empty(self) -> bool:
        return not self.snapshots


def snapshot_of(store: Store, table: str, doc_id: int) -> Snapshot:
    """Document `doc_id` of `table` as it is now, to be put back later."""
    doc = store.get(table, doc_id)
    return Snapshot(table, doc_id, None if doc is None else dict(doc))


def _copy_tables(store: Store, tables: Iterable[str]) -> dict[str, dict[int, dict[str, Any]]]:
    # Shallow copies are enough: the store replaces a field's value, it never edits one in place.
    return {table: {i: dict(doc) for i, doc in store.docs(table)} for table in tables}


def record(
    store: Store, kind: str, tables: Iterable[str], write: Callable[[], T]
) -> tuple[T, Change]:
    """Run `write` and return its result with the Change it made to `tables`.

    If `write` raises, nothing is recorded and the error goes on to the caller.
    """
    names = tuple(tables)
    before = _copy_tables(store, names)
    result = write()
    after = _copy_tables(store, names)
    snapshots = tuple(
        Snapshot(table, doc_id, before[table].get(doc_id))
        for table in names
        for doc_id in sorted(before[table].keys() | after[table].keys())
        if before[table].get(doc_id) != after[table].get(doc_id)
    )
    return result, Change(kind, snapshots)


def take_back(store: Store, change: Change) -> None:
    """Put every document `change` touched back as it was before, under its own id."""
    with store.transaction():  # one write, on the freshest file, all of it or none
        _take_back(store, change)


def _take_back(store: Store, change: Change) -> None:
    from tinydb.table import Document  # the store has loaded TinyDB by the time it wrote

    for snapshot in reversed(change.snapshots):
        table = store.db.table(snapshot.table)
        doc_id, before = snapshot.doc_id, snapshot.before
        exists = store.get(snapshot.table, doc_id) is not None
        if before is None:
            if exists:
                store.remove(snapshot.table, doc_id)
        elif exists:
            table.update(_replace_with(before), doc_ids=[doc_id])
        else:
            table.insert(Document(dict(before), doc_id=doc_id))


def _replace_with(before: dict[str, Any]) -> Callable[[MutableMapping[Any, Any]], None]:
    def replace(document: MutableMapping[Any, Any]) -> None:
        document.clear()
        document.update(before)

    return replace
