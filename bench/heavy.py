"""A heavy ten-year journal, written straight to disk in the store's own format.

The generator lives in the package (`nocontact_tui.domain.heavy`) so that the tests can
build the same file; see there for what it holds.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from nocontact_tui.domain.heavy import heavy_journal
from nocontact_tui.journal.storage import JSONCodec

__all__ = ["empty_journal", "heavy_journal", "write_journal"]


def empty_journal(today: date) -> dict:
    """What a journal holds right after first run."""
    return {"meta": {"1": {"schema_version": 1, "nc_start": today.isoformat(), "day_starts_at": 4}}}


def write_journal(path: Path, data: dict) -> Path:
    """Write `data` as the app writes it (one document per line, see storage.JSONCodec)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(JSONCodec().encode(data))
    path.chmod(0o600)
    return path
