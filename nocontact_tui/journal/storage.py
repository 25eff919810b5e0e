"""A TinyDB storage that parses the file once, keeps it in memory and writes through atomically.

TinyDB's JSONStorage rewrites the file in place and re-reads it on every query;
CachingMiddleware loses unflushed writes. This storage does neither: `read()`
hands TinyDB the in-memory tables and `write()` replaces the file atomically
before it returns. If the write fails, memory still holds the change, the old
file is untouched, and the next write tries again.

Bytes go through a `Codec`, the seam where an encrypted format can slot in.

The plain format is TinyDB JSON laid out one table per opening line and one
document per line, so that it can be parsed a line at a time: the whole file is
never in memory at once, nor orjson's intermediate document of it, only the
tables being built. Anything else (a file from an earlier version, from TinyDB,
edited by hand, or damaged) is parsed whole, exactly as before.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, Protocol

FILE_MODE = 0o600
DIR_MODE = 0o700
SEALED_MAGIC = b"NOCONTACT-ENCRYPTED\n"  # the first line of an encrypted journal (crypto.py)
# Large enough for several letters' lines (about 20 KB each): the default 8 KB makes
# reading line by line several times slower.
READ_BUFFER = 1 << 17
# How many bytes of document lines are parsed in one go: enough to share one orjson call
# among a few hundred short documents, little beside a ten-year journal's tables.
BATCH_BYTES = 1 << 16


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

    def read(self, handle: BinaryIO) -> Any:
        """`decode(handle.read())`, from a file open at its start, without needing all its bytes."""
        ...


class JSONCodec:
    """Plain TinyDB JSON, written with orjson (ten times faster than the json module).

    Every piece goes through orjson, in both directions: what it refuses (NaN,
    infinite numbers, lone surrogates, invalid UTF-8) is refused here too.
    orjson is imported at first use: `nocontact urge` draws before it reads.
    """

    sealed = False

    def encode(self, data: dict[str, Any]) -> bytes:
        """The tables laid out as `parse_line_layout` reads them:

            {
            "contacts": {
            "1": {"at":"...","kind":"met"},
            "2": {...}
            },
            "meta": {
            "1": {"schema_version":1}
            }
            }

        orjson escapes every newline inside a string, so each document fits on its
        line. An empty table, or a table that is not an object, takes one line.
        """
        import orjson

        dumps = orjson.dumps
        # Written piece by piece into one growing buffer: each piece is freed at once,
        # which is several times faster than keeping thousands of them for a join.
        out = io.BytesIO()
        write = out.write
        write(b"{")
        between_tables = b"\n"
        for name, table in data.items():
            write(between_tables)
            between_tables = b",\n"
            write(dumps(name))
            if isinstance(table, dict) and table:
                write(b": {")
                between_docs = b"\n"
                for doc_id, doc in table.items():
                    write(between_docs)
                    between_docs = b",\n"
                    write(dumps(doc_id))
                    write(b": ")
                    write(dumps(doc))
                write(b"\n}")
            else:
                write(b": ")
                write(dumps(table))
        write(b"\n}\n")
        return out.getvalue()

    def decode(self, raw: bytes) -> Any:
        return self.read(io.BytesIO(raw))  # shares `raw`, copies nothing

    def read(self, handle: BinaryIO) -> Any:
        # The collector walks every new container while a large file is parsed and
        # dominates the load time; nothing parsed here can form a cycle.
        with gc_paused():
            data = parse_line_layout(handle)
            if data is None:
                import orjson

                handle.seek(0)
                return orjson.loads(handle.read())
            return data


_JSON_SPACE = b" \t\n\r"  # what JSON allows between tokens (bytes.strip would allow more)
_CLOSE = (b"}\n", b"},\n")  # a table's closing line: the last table, or one more to come


def parse_line_layout(handle: BinaryIO) -> dict[str, Any] | None:
    """The tables of a file in the layout `JSONCodec.encode` writes, read a line at a time.

    None, as soon as the file departs from that layout in any way: the caller then
    parses the whole file, and orjson decides. So whatever this returns is exactly
    what `orjson.loads` returns for the whole file (the same data in the same order).
    That holds because each line is parsed by orjson inside the brackets it has in
    the file, at the depth it has there; and a comma is stripped only at the end of
    a line that parses without it, where it can only separate two members.
    """
    import orjson

    loads = orjson.loads
    refused = orjson.JSONDecodeError
    if handle.readline(3) != b"{\n":  # at most 3 bytes: a compact file is all one line
        return None
    lines = iter(handle)
    data: dict[str, Any] = {}
    text_line = next(lines, b"")
    if text_line != b"}\n" and text_line != b"}":
        while True:
            if not text_line.startswith(b'"') or not text_line.endswith(b"\n"):
                return None
            more = text_line.endswith(b",\n")
            if text_line.endswith(b'": {\n'):  # a table opens: its documents follow, one a line
                try:
                    name = loads(text_line[:-4])
                except refused:
                    return None
                if not isinstance(name, str):
                    return None
                table: dict[str, Any] = {}
                data[name] = table  # a table named twice: the last wins, where the first was
                text_line = next(lines, b"")
                if text_line not in _CLOSE:
                    # Documents are parsed a batch of lines at a time (one orjson call for
                    # many short lines), the batch cut only after a line ending in a comma.
                    batch: list[bytes] = []
                    size = 0
                    while True:
                        if not text_line.startswith(b'"') or not text_line.endswith(b"\n"):
                            return None
                        more = text_line.endswith(b",\n")
                        batch.append(text_line)
                        size += len(text_line)
                        if not more or size >= BATCH_BYTES:
                            members = b"".join(batch)
                            batch.clear()
                            size = 0
                            try:
                                # Two levels down, as in the file, for orjson's depth limit.
                                docs = loads(b"[{" + members[: -2 if more else -1] + b"}]")
                            except refused:
                                return None
                            if len(docs) != 1:  # a line was `"1": 1}, {"2": 2`
                                return None
                            table.update(docs[0])
                        text_line = next(lines, b"")
                        if not more:
                            break
                    if text_line not in _CLOSE:
                        return None
                more = text_line == b"},\n"
            else:  # a table on one line ("{}", or not an object)
                try:
                    data.update(loads(b"{" + text_line[: -2 if more else -1] + b"}"))
                except refused:
                    return None
            text_line = next(lines, b"")
            if not more:
                break
        if text_line != b"}\n" and text_line != b"}":
            return None
    for rest in lines:
        if rest.strip(_JSON_SPACE):
            return None
    return data


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

    def replace(self, data: dict[str, Any]) -> None:
        """Take tables parsed afresh (another process wrote the file), without writing."""
        self._data = data
        gc.freeze()  # as on the first read: the journal stays in memory from now on

    def close(self) -> None:
        pass
