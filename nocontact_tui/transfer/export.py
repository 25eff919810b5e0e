"""Exports for the user's own backup: everything as JSON, a readable Markdown document,
or letters and review notes as a plain-text jrnl journal.

The JSON export is the one `nocontact import` reads back (see importing.py).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from nocontact_tui import __version__
from nocontact_tui.journal.errors import InputError
from nocontact_tui.journal.schema import SCHEMA_VERSION, TABLES
from nocontact_tui.journal.storage import FILE_MODE
from nocontact_tui.texts import line

if TYPE_CHECKING:
    from nocontact_tui.journal.store import Store

EXPORT_FORMAT = "nocontact-export"
EXPORT_FORMAT_VERSION = 1  # the layout below; `nocontact import` reads up to this version
FORMATS = ("json", "markdown", "jrnl")


def export_data(store: Store, now: datetime) -> dict[str, Any]:
    """Every table, every document with its id: what `nocontact import` restores."""
    tables = {name: {str(doc_id): doc for doc_id, doc in store.docs(name)} for name in TABLES}
    return {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_FORMAT_VERSION,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "exported_at": now.isoformat(timespec="seconds"),
        "tables": tables,
    }


def export_text(store: Store, fmt: str, now: datetime) -> str:
    if fmt == "markdown":
        from nocontact_tui.transfer.markdown import export_markdown

        return export_markdown(store, now)
    if fmt == "jrnl":
        from nocontact_tui.transfer.jrnl import export_jrnl

        return export_jrnl(store, now)
    return orjson.dumps(export_data(store, now), option=orjson.OPT_INDENT_2).decode() + "\n"


def write_export(target: Path, text: str) -> None:
    """Write an export as a new 0600 file; never overwrite an existing one."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError as exc:
        raise InputError(line("messages", "export_exists", path=target)) from exc
    except OSError as exc:
        raise cannot_write(target, exc) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        target.unlink(missing_ok=True)  # ours: created above; a cut-short export helps no one
        raise cannot_write(target, exc) from exc


def cannot_write(target: Path, exc: OSError) -> InputError:
    return InputError(line("export", "cannot_write", path=target, reason=exc.strerror or exc))
