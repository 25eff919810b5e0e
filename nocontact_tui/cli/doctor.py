"""`nocontact doctor`: what state the journal is in, and restoring a backup."""

from __future__ import annotations

import argparse
import os
import stat
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from nocontact_tui.cli.common import add_command, now
from nocontact_tui.journal.errors import EXIT_DATA, DataFileError, InputError
from nocontact_tui.journal.locations import backups_dir, lock_path
from nocontact_tui.journal.schema import TABLES
from nocontact_tui.journal.storage import (
    Codec,
    JSONCodec,
    SealError,
    atomic_write,
    file_is_sealed,
    stray_temp_files,
)
from nocontact_tui.journal.store import acquire_lock, list_backups, read_journal
from nocontact_tui.journal.windows import open_windows
from nocontact_tui.texts import line

if TYPE_CHECKING:
    from nocontact_tui.cli.common import Commands


def _mode(path: Path) -> str:
    try:
        return oct(stat.S_IMODE(path.stat().st_mode))
    except OSError:
        return "-"


def lock_is_held(path: Path) -> bool:
    from filelock import (  # here: importing filelock costs `status` more than it reads
        FileLock,
        Timeout,
    )

    if not lock_path(path).exists():
        return False
    probe = FileLock(lock_path(path), timeout=0)
    try:
        probe.acquire()
    except (Timeout, OSError):
        return True
    probe.release()
    return False


def diagnose(path: Path, codec: Codec | None = None) -> tuple[list[str], bool]:
    """Lines describing the journal, and whether it is healthy.

    An encrypted journal is checked in full only when `codec` holds its key.
    """
    codec = codec or JSONCodec()
    lines = [f"journal:      {path}"]
    healthy = True
    if path.exists():
        size = path.stat().st_size if path.is_file() else 0
        lines.append(f"size:         {size:,} bytes")
        lines.append(f"permissions:  file {_mode(path)}, folder {_mode(path.parent)}")
    else:
        lines.append("exists:       no (it is created when you first save something)")
    sealed = file_is_sealed(path)
    if sealed:
        lines.append(f"encrypted:    {_seal_description(path)}")
    try:
        data, version = read_journal(path, codec)
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
    plain = [backup for backup in backups if not file_is_sealed(backup)]
    if sealed and plain:
        healthy = False
        lines.append(f"not encrypted: {len(plain)} backups (`nocontact encrypt` encrypts them too)")
    lines.append(f"windows open: {open_windows(path)}")
    if lock_is_held(path):
        lines.append("a write in progress: yes")
    strays = stray_temp_files(path) if path.parent.exists() else []
    if strays:
        lines.append(f"leftover temp files: {len(strays)} (removed the next time nocontact writes)")
    return lines, healthy


def _seal_description(path: Path) -> str:
    from nocontact_tui.journal.crypto import read_header

    try:
        header = read_header(path)
    except (SealError, OSError) as exc:
        return f"yes, but the header can't be read ({exc})"
    params = header.params
    return f"yes (AES-256-GCM; key from scrypt, n={params.n}, r={params.r}, p={params.p})"


def restore(path: Path, backup: Path, now: datetime, codec: Codec | None = None) -> str:
    """Put `backup` in place of the journal; the current file is moved aside, not deleted.

    An encrypted backup is checked with `codec` (the journal's key) before it is used.
    """
    if not backup.is_file():
        raise InputError(line("messages", "restore_missing", backup=backup))
    try:
        read_journal(backup, codec or JSONCodec())
    except DataFileError as exc:
        raise InputError(line("messages", "restore_bad", problem=exc.problem)) from exc
    lock = acquire_lock(path, timeout=2.0)
    try:
        aside = path.with_name(f"{path.name}.before-restore-{now.strftime('%Y%m%dT%H%M%S')}")
        if path.exists():
            os.replace(path, aside)
        atomic_write(path, backup.read_bytes())
    finally:
        lock.release()
    return line("messages", "restored", backup=backup, aside=aside)


def add_parser(commands: Commands) -> None:
    doctor = add_command(commands, "doctor", "check the journal file, or restore a backup")
    doctor.add_argument("--restore", metavar="BACKUP", help="restore this backup file")


def run(path: Path, args: argparse.Namespace) -> int:
    from nocontact_tui.journal.storage import file_is_sealed

    backup = Path(args.restore).expanduser() if args.restore else None
    codec = None
    if file_is_sealed(backup or path):
        # The backup shares the journal's passphrase; its own header makes the key.
        from nocontact_tui.cli.crypto import unlock_key
        from nocontact_tui.journal.crypto import SealedCodec

        codec = SealedCodec(unlock_key(backup or path))
    if backup:
        print(restore(path, backup, now(), codec))
        return 0
    lines, healthy = diagnose(path, codec)
    print("\n".join(lines))
    return 0 if healthy else EXIT_DATA
