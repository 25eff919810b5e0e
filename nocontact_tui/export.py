"""Exports for the user's own backup: everything as JSON, or a readable Markdown document."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from nocontact_tui import __version__
from nocontact_tui.errors import InputError
from nocontact_tui.schema import SCHEMA_VERSION, TABLES
from nocontact_tui.storage import FILE_MODE
from nocontact_tui.store import Store
from nocontact_tui.texts import message

EXPORT_FORMAT_VERSION = 1


def export_data(store: Store, now: datetime) -> dict[str, Any]:
    tables = {name: {str(doc_id): doc for doc_id, doc in store.docs(name)} for name in TABLES}
    return {
        "format": "nocontact-export",
        "format_version": EXPORT_FORMAT_VERSION,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "exported_at": now.isoformat(timespec="seconds"),
        "tables": tables,
    }


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines + [""]


def export_markdown(store: Store, now: datetime) -> str:
    out = [f"# nocontact journal, exported {now.date().isoformat()}", ""]
    meta = store.meta
    if meta.get("nc_start"):
        out += [f"No contact since {meta['nc_start']}.", ""]

    out += ["## Reasons", ""]
    groups: dict[str, list[str]] = {}
    for _, doc in sorted(
        store.docs("reasons"), key=lambda item: (item[1].get("position", item[0]), item[0])
    ):
        groups.setdefault(doc.get("category") or "Reasons", []).append(doc["text"])
    for group, texts in groups.items():
        out += [f"### {group}", ""] + [f"- {t}" for t in texts] + [""]

    out += ["## Letters", ""]
    for _, doc in store.docs("letters"):
        title = doc.get("title") or "Untitled"
        out += [
            f"### {title}",
            "",
            f"*{doc.get('status', 'draft')}, {doc.get('updated_at', '')}*",
            "",
        ]
        out += [doc["body"], ""]

    out += ["## Contacts", ""]
    contacts = sorted((doc for _, doc in store.docs("contacts")), key=lambda d: d["at"])
    out += _table(
        ["when", "kind", "felt after (1-5)", "note"],
        [[d["at"], d["kind"], d.get("felt_after"), d.get("note")] for d in contacts],
    )

    out += ["## Urges", ""]
    urges = sorted((doc for _, doc in store.docs("urges")), key=lambda d: d["started_at"])
    out += _table(
        ["started", "ended", "trigger", "ratings", "outcome", "note"],
        [
            [
                d["started_at"],
                d.get("ended_at"),
                d.get("trigger"),
                " ".join(str(r[1]) for r in d.get("ratings") or []),
                d.get("outcome"),
                d.get("note"),
            ]
            for d in urges
        ],
    )

    out += ["## Reviews", ""]
    reviews = sorted((doc for _, doc in store.docs("reviews")), key=lambda d: d["day"])
    out += _table(
        ["day", "mood", "strongest urge", "contact", "helped", "kindness", "note"],
        [
            [
                d["day"],
                d.get("mood"),
                d.get("strongest_urge"),
                "yes" if d.get("contact") else "no",
                ", ".join(d.get("helped") or []),
                d.get("kindness"),
                d.get("note"),
            ]
            for d in reviews
        ],
    )
    return "\n".join(out)


def export_text(store: Store, fmt: str, now: datetime) -> str:
    if fmt == "markdown":
        return export_markdown(store, now)
    return orjson.dumps(export_data(store, now), option=orjson.OPT_INDENT_2).decode() + "\n"


def write_export(target: Path, text: str) -> None:
    """Write an export as a new 0600 file; never overwrite an existing one."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError as exc:
        raise InputError(message("export_exists", path=target)) from exc
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        os.fchmod(handle.fileno(), FILE_MODE)
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
