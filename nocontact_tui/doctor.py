"""`nocontact doctor`: what state the journal is in, and restoring a backup."""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from nocontact_tui.errors import DataFileError, InputError
from nocontact_tui.locations import backups_dir, lock_path
from nocontact_tui.schema import TABLES
from nocontact_tui.storage import JSONCodec, atomic_write, stray_temp_files
from nocontact_tui.store import acquire_lock, list_backups, read_journal
from nocontact_tui.texts import message


def _mode(path: Path) -> str:
    try:
        return oct(stat.S_IMODE(path.stat().st_mode))
    except OSError:
        return "-"


def lock_is_held(path: Path) -> bool:
    if not lock_path(path).exists():
        return False
    probe = FileLock(lock_path(path), timeout=0)
    try:
        probe.acquire()
    except (Timeout, OSError):
        return True
    probe.release()
    return False


def diagnose(path: Path) -> tuple[list[str], bool]:
    """Lines describing the journal, and whether it is healthy."""
    lines = [f"journal:      {path}"]
    healthy = True
    if path.exists():
        size = path.stat().st_size if path.is_file() else 0
        lines.append(f"size:         {size:,} bytes")
        lines.append(f"permissions:  file {_mode(path)}, folder {_mode(path.parent)}")
    else:
        lines.append("exists:       no (it is created when you first save something)")
    try:
        data, version = read_journal(path, JSONCodec())
    except DataFileError as exc:
        healthy = False
        lines.append(f"parses:       no: {exc.problem}")
    else:
        lines.append("parses:       yes")
        lines.append(f"schema:       {version if version is not None else '(new)'}")
        counts = ", ".join(f"{name} {len(data.get(name, {}))}" for name in TABLES if name != "meta")
        lines.append(f"entries:      {counts}")
    backups = list_backups(path)
    lines.append(f"backups:      {len(backups)} in {backups_dir(path)}")
    if backups:
        lines.append(f"newest:       {backups[-1]}")
    lines.append(f"open elsewhere: {'yes' if lock_is_held(path) else 'no'}")
    strays = stray_temp_files(path) if path.parent.exists() else []
    if strays:
        lines.append(f"leftover temp files: {len(strays)} (removed the next time nocontact writes)")
    return lines, healthy


def restore(path: Path, backup: Path, now: datetime) -> str:
    """Put `backup` in place of the journal; the current file is moved aside, not deleted."""
    if not backup.is_file():
        raise InputError(message("restore_missing", backup=backup))
    try:
        read_journal(backup, JSONCodec())
    except DataFileError as exc:
        raise InputError(message("restore_bad", problem=exc.problem)) from exc
    lock = acquire_lock(path, timeout=2.0)
    try:
        aside = path.with_name(f"{path.name}.before-restore-{now.strftime('%Y%m%dT%H%M%S')}")
        if path.exists():
            os.replace(path, aside)
        atomic_write(path, backup.read_bytes())
    finally:
        lock.release()
    return message("restored", backup=backup, aside=aside)
