"""Where the data file lives: `--db`, then `NOCONTACT_DB`, then the platform's data folder.

Nothing here touches the disk at import time; folders are created lazily by the
store when it first writes.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "nocontact"
DB_FILENAME = "nocontact.json"
ENV_DB = "NOCONTACT_DB"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_db_path(cli_value: str | None = None) -> Path:
    """The data file the user asked for, expanded but not created."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return default_data_dir() / DB_FILENAME


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def windows_dir(db_path: Path) -> Path:
    """One empty file per app window open on the journal, named after its process."""
    return db_path.parent / "windows"
