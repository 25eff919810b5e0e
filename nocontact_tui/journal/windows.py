"""Which app windows have a journal open: one empty file per window, for `doctor`.

The journal's lock is held only while writing, so nothing else tells how many
windows are open. Each window leaves `windows/<journal>-<pid>` beside the journal
while it runs; a file whose process is gone (a window killed) is not counted, and
the next window to open removes it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from nocontact_tui.journal.locations import windows_dir
from nocontact_tui.journal.storage import ensure_private_dir


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def _marks(db_path: Path) -> Iterator[tuple[Path, int]]:
    folder = windows_dir(db_path)
    prefix = f"{db_path.name}-"
    with contextlib.suppress(OSError):
        for mark in folder.iterdir():
            if mark.name.startswith(prefix) and mark.name[len(prefix) :].isdecimal():
                yield mark, int(mark.name[len(prefix) :])


def open_windows(db_path: Path) -> int:
    """How many app windows have this journal open now."""
    return sum(1 for _, pid in _marks(db_path) if _alive(pid))


@contextlib.contextmanager
def window_open(db_path: Path) -> Iterator[None]:
    """Mark this process as a window on `db_path` while the block runs (best effort:
    a folder that can't be written only means `doctor` can't count this window)."""
    mark = windows_dir(db_path) / f"{db_path.name}-{os.getpid()}"
    made = False
    with contextlib.suppress(OSError):
        for stale, pid in _marks(db_path):
            if not _alive(pid):
                stale.unlink()
        ensure_private_dir(mark.parent)
        mark.touch(mode=0o600)
        made = True
    try:
        yield
    finally:
        if made:
            with contextlib.suppress(OSError):
                mark.unlink()
