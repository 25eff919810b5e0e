"""People to reach instead: a short list the person writes, a name and how to reach them.

Nothing is dialled or sent; the list is there to be read in a hard minute. During
an urge one of them is offered among the surf's prompts, and "reached someone on my
list" is an outcome of its own, counted as riding the urge out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from nocontact_tui.domain.cleaning import one_line
from nocontact_tui.journal.errors import InputError
from nocontact_tui.journal.store import Store, one_write
from nocontact_tui.texts import line

TABLE = "people"
MAX_NAME = 60
MAX_HOW = 120
MAX_PEOPLE = 12  # a short list: past this, the hard minute is spent choosing


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    how: str  # how to reach them, in the person's words ("text", "07700 900123", "knock")
    position: float

    @property
    def line(self) -> str:
        return f"{self.name} ({self.how})" if self.how else self.name


def list_people(store: Store) -> list[Person]:
    people = [
        Person(
            id=doc_id,
            name=doc["name"],
            how=doc.get("how") or "",
            position=doc.get("position", doc_id),
        )
        for doc_id, doc in store.docs(TABLE)
        if doc.get("name")
    ]
    people.sort(key=lambda p: (p.position, p.id))
    return people


def _clean(name: str, how: str) -> tuple[str, str]:
    tidy = one_line(name, MAX_NAME)
    if not tidy:
        raise InputError(line("messages", "person_needs_name"))
    return tidy, one_line(how, MAX_HOW)


@one_write
def add_person(store: Store, name: str, how: str = "", *, now: datetime) -> int:
    tidy, reach = _clean(name, how)
    people = list_people(store)
    if len(people) >= MAX_PEOPLE:
        raise InputError(line("messages", "people_full"))
    position = max((p.position for p in people), default=0) + 1
    return store.insert(
        TABLE, {"name": tidy, "how": reach, "position": position, "created_at": now.isoformat()}
    )


@one_write
def edit_person(store: Store, person_id: int, name: str, how: str = "") -> None:
    tidy, reach = _clean(name, how)
    store.update(TABLE, person_id, {"name": tidy, "how": reach})


@one_write
def remove_person(store: Store, person_id: int) -> None:
    store.remove(TABLE, person_id)


def person_at(people: list[Person], turn: int) -> Person | None:
    """The one offered at the `turn`th surf: each in turn, so no one is always first."""
    return people[turn % len(people)] if people else None
