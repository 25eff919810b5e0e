"""A TinyDB storage that parses the file once, keeps it in memory and writes through atomically.

TinyDB's JSONStorage rewrites the file in place and re-reads it on every query;
CachingMiddleware loses unflushed writes. This storage does neither: `read()`
hands TinyDB the in-memory tables and `write()` replaces the file atomically
before it returns. If the write fails, memory still holds the change, the old
file is untouched, and the next write tries again.

Bytes go through a `Codec`, the seam where an encrypted format can slot in.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

import orjson

FILE_MODE = 0o600
DIR_MODE = 0o700
SEALED_MAGIC = b"NOCONTACT-ENCRYPTED\n"  # the first line of an encrypted journal (crypto.py)


class SealError(ValueError):
    """An encrypted file that cannot be opened: its header is unreadable or it was changed."""


def is_sealed(raw: bytes) -> bool:
    return raw.startswith(SEALED_MAGIC)


def file_is_sealed(path: Path) -> bool:
    """Whether the file at `path` is an encrypted journal (reads only its first bytes)."""
    try:
        with path.open("rb") as handle:
            return is_sealed(handle.read(len(SEALED_MAGIC)))
    except OSError:
        return False


class Codec(Protocol):
    """Turns the tables into bytes for the disk and back."""

    sealed: bool  # whether the bytes on disk are encrypted

    def encode(self, data: dict[str, Any]) -> bytes: ...

    def decode(self, raw: bytes) -> Any: ...


class JSONCodec:
    """Plain TinyDB JSON, written with orjson (ten times faster than the json module)."""

    sealed = False

    def encode(self, data: dict[str, Any]) -> bytes:
        return orjson.dumps(data)

    def decode(self, raw: bytes) -> Any:
        # The collector walks every new container while a large file is parsed and
        # dominates the load time; nothing parsed here can form a cycle.
        with gc_paused():
            return orjson.loads(raw)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def ensure_private_dir(folder: Path) -> None:
    """Create `folder` (and missing parents) as 0700. Existing folders are left as they are."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=DIR_MODE)
        os.chmod(path, DIR_MODE)  # mkdir's mode is filtered by the umask


def temp_name(path: Path) -> Path:
    import secrets  # only when writing: shell reads and the urge start do without it

    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def stray_temp_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# The steps of an atomic write, named so that tests can inject a fault at each.
def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data`: temp file, fsync, rename, fsync the folder.

    A crash at any point leaves either the old file or the new one. On an error
    the temp file is removed and the exception propagates; `path` is untouched.
    """
    ensure_private_dir(path.parent)
    tmp = temp_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    # The new file is in place. Syncing the folder makes the rename itself durable;
    # some file systems cannot do it, and failing here would report a save that
    # did happen as lost, so it is best effort.
    with contextlib.suppress(OSError):
        fsync_dir(path.parent)


class MemoryFirstStorage:
    """A TinyDB storage (its read/write/close protocol) over tables parsed into memory once.

    `load` returns the parsed tables; `persist` is called with the whole data on
    every write and must raise if the data did not reach the disk.
    """

    def __init__(
        self,
        load: Callable[[], dict[str, Any]],
        persist: Callable[[dict[str, Any]], None],
    ) -> None:
        self._load = load
        self._data: dict[str, Any] | None = None
        self._persist = persist

    @property
    def loaded(self) -> bool:
        return self._data is not None

    def read(self) -> dict[str, Any]:
        if self._data is None:
            self._data = self._load()
            # The journal stays in memory from now on: move it out of the cyclic
            # collector's sight, or each full collection (in the app while the user
            # types, and once more when a shell command exits) walks every document
            # again. Refcounting still frees whatever is removed later.
            gc.freeze()
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self._data = data
        self._persist(data)

    def close(self) -> None:
        pass
