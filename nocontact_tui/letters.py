"""Unsent letters: written, re-read, sealed or released; never sent anywhere."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from nocontact_tui.store import Store

TABLE = "letters"


@dataclass(frozen=True)
class Letter:
    id: int
    title: str
    body: str
    status: str = "draft"
    prompt: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def sealed(self) -> bool:
        return self.status == "sealed"


def _letter(doc_id: int, doc: dict) -> Letter:
    return Letter(
        id=doc_id,
        title=doc.get("title") or "",
        body=doc["body"],
        status=doc.get("status") or "draft",
        prompt=doc.get("prompt"),
        created_at=datetime.fromisoformat(doc["created_at"]) if doc.get("created_at") else None,
        updated_at=datetime.fromisoformat(doc["updated_at"]) if doc.get("updated_at") else None,
    )


def get_letter(store: Store, letter_id: int) -> Letter | None:
    doc = store.get(TABLE, letter_id)
    return _letter(letter_id, doc) if doc is not None else None


def create_letter(store: Store, *, now: datetime, title: str = "", body: str = "", prompt: str | None = None) -> int:
    """A new draft; returns its id."""
    stamp = now.isoformat()
    return store.insert(
        TABLE,
        {"title": title, "body": body, "status": "draft", "prompt": prompt, "created_at": stamp, "updated_at": stamp},
    )
