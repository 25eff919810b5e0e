"""The journal: one TinyDB file, loaded once, written through atomically, locked, backed up.

DESIGN.md "Storage promises" is the contract this module keeps:
- every write is atomic (see `storage.atomic_write`), the file is 0600 in a 0700 folder;
- many windows, one journal: the lock file beside the journal is held only around each
  write. A write first checks whether another process replaced the file since this one
  read it and, if so, reads it again and makes its change on the fresh data;
- one user action is one write (`Store.transaction()`): all of it or none;
- a file that does not parse or has a shape we do not know is never written to;
- the first write of each day copies the previous file into `backups/`, 14 kept;
- what is taken out of the journal for good (a released letter) is taken out of every
  copy of it beside the journal first, then out of the journal (`Store.remove_everywhere`).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import stat
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Concatenate, ParamSpec, TypeVar

from nocontact_tui.journal import schema
from nocontact_tui.journal.errors import (
    DataFileError,
    GoneError,
    LockedError,
    ReadOnlyError,
    WriteError,
)
from nocontact_tui.journal.locations import backups_dir, lock_path
from nocontact_tui.journal.storage import (
    READ_BUFFER,
    SEALED_MAGIC,
    Codec,
    JSONCodec,
    MemoryFirstStorage,
    SealError,
    atomic_write,
    ensure_private_dir,
    is_sealed,
    stray_temp_files,
)
from nocontact_tui.texts import line

if TYPE_CHECKING:
    from filelock import FileLock
    from tinydb import TinyDB

BACKUPS_KEPT = 14
# How long a write waits for another window's write to finish. Writes take milliseconds;
# only a process stopped mid-write (a debugger, a suspended shell) holds it longer.
WRITE_WAIT = 5.0

FileStamp = tuple[int, int, int, int]  # device, inode, size, mtime in ns: "the same file"


def file_stamp(path: Path) -> FileStamp | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def list_backups(path: Path) -> list[Path]:
    """Backups of `path`, oldest first (their names sort by date)."""
    folder = backups_dir(path)
    try:
        return sorted(folder.glob(f"{path.stem}-????-??-??{path.suffix}"))
    except OSError:
        return []


def journal_copies(path: Path) -> list[Path]:
    """Every copy of the journal that nocontact itself keeps beside it.

    The daily backups, and the files `nocontact doctor --restore` moved aside.
    """
    try:
        aside = sorted(path.parent.glob(f"{path.name}.before-restore-*"))
    except OSError:
        aside = []
    return list_backups(path) + [copy for copy in aside if copy.is_file()]


def newest_backup(path: Path) -> Path | None:
    backups = list_backups(path)
    return backups[-1] if backups else None


def read_journal(path: Path, codec: Codec) -> tuple[dict[str, Any], int | None]:
    """Parse and check the file at `path` without changing anything.

    Returns the data ({} when there is no file yet) and its schema version.
    Raises DataFileError naming what is wrong.
    """

    def refuse(problem: str) -> DataFileError:
        return DataFileError(path, problem, newest_backup(path))

    def cannot_read(exc: OSError) -> DataFileError:
        return refuse(line("messages", "problem_cannot_read", reason=exc.strerror or str(exc)))

    if path.is_dir():
        raise refuse(line("messages", "problem_is_folder"))
    try:
        # The codec reads from the open file: the plain one a line at a time, so the
        # whole file is never in memory beside the tables parsed from it.
        handle = path.open("rb", buffering=READ_BUFFER)
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        raise cannot_read(exc) from exc
    with handle:
        try:
            blank, sealed = blank_or_sealed(handle)
        except OSError as exc:
            raise cannot_read(exc) from exc
        if blank:
            raise refuse(line("messages", "problem_empty"))
        if sealed and not codec.sealed:
            raise refuse(line("messages", "problem_sealed_locked"))
        try:
            data = codec.read(handle)
        except OSError as exc:
            raise cannot_read(exc) from exc
        except SealError as exc:
            raise refuse(str(exc)) from exc
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise refuse(line("messages", "problem_not_json")) from exc
    try:
        version = schema.check_shape(data)
    except schema.ShapeError as exc:
        raise refuse(str(exc)) from exc
    if version is not None and version > schema.SCHEMA_VERSION:
        raise refuse(
            line("messages", "problem_newer", version=version, known=schema.SCHEMA_VERSION)
        )
    return data, version


def blank_or_sealed(handle: BinaryIO) -> tuple[bool, bool]:
    """Whether the open file holds nothing but whitespace, and whether it is encrypted.

    Reads only its first bytes (all of it only if it is blank), then goes back to the start.
    """
    chunk = handle.read(len(SEALED_MAGIC))
    sealed = is_sealed(chunk)
    while chunk and not chunk.strip():
        chunk = handle.read(READ_BUFFER)
    handle.seek(0)
    return not chunk, sealed


class Store:
    """The open journal. Use `Store.open`; close it (or use `with`) to release the lock.

    The file is parsed on first use, not at open: `nocontact urge` can draw its
    first screen, which needs no data, while the journal is still unread. The
    first touch of the data (or `load()`) parses it, and raises DataFileError
    there if it cannot be used.
    """

    def __init__(
        self,
        path: Path,
        *,
        codec: Codec,
        read_only_reason: str | None,
        today: date | None = None,
        write_wait: float = WRITE_WAIT,
    ) -> None:
        self.path = path
        self.codec = codec
        self._lock: FileLock | None = None  # made on the first write, held only during writes
        self._write_wait = write_wait
        self._stamp: FileStamp | None = None  # the file as this process last read or wrote it
        self._depth = 0  # open transactions (nested ones join the outer one)
        self._dirty = False  # a change inside a transaction, not written yet
        self._swept = False  # stray temp files of a crashed write removed (under the lock)
        self.read_only_reason = read_only_reason
        self._backup_checked_for: date | None = None
        self._today_override = today
        self.unsaved = False
        # Changes in memory whose write failed (a full disk, say), in order: if another
        # window writes meanwhile, they are made again on its data, never written over it.
        self._pending: list[Callable[[], Any]] = []
        self._in_transaction: list[Callable[[], Any]] = []
        self._storage = MemoryFirstStorage(self._read_file, self._persist)
        self._db: TinyDB | None = None

    @property
    def db(self) -> TinyDB:
        """TinyDB over the in-memory tables; built on the first write (reading needs none)."""
        if self._db is None:
            from tinydb import TinyDB

            self._db = TinyDB(storage=lambda: self._storage)
        return self._db

    # -- opening and closing ---------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        write: bool = True,
        lock_timeout: float = 0.0,
        codec: Codec | None = None,
        today: date | None = None,
        lazy: bool = False,
    ) -> Store:
        """Open the journal at `path`.

        Nothing is locked here: any number of windows and commands open the same
        journal. Each write takes the lock for as long as it writes, waiting up to
        `lock_timeout` seconds (WRITE_WAIT when 0) for another's write to finish, then
        raises LockedError. Where the folder cannot be written, the store opens
        read-only and says why on the first write. Unless `lazy`, the file is parsed here.
        """
        codec = codec or JSONCodec()
        read_only_reason: str | None = None if write else line("messages", "read_only_reason_shell")
        if write:
            read_only_reason = write_block_reason(path)
        store = cls(
            path,
            codec=codec,
            read_only_reason=read_only_reason,
            today=today,
            write_wait=lock_timeout or WRITE_WAIT,
        )
        if not lazy:
            try:
                store.load()
            except BaseException:
                store.close()
                raise
        return store

    @property
    def loaded(self) -> bool:
        return self._storage.loaded

    def load(self) -> None:
        """Parse the file now, if that has not happened yet."""
        self._storage.read()

    def _read_file(self) -> dict[str, Any]:
        """Parse and check the file, migrate an older shape."""
        # Stamped before reading: a file replaced while it is read is read again
        # before this process writes.
        self._stamp = file_stamp(self.path)
        data, version = read_journal(self.path, self.codec)
        if not data.get("meta"):
            # In memory only: a new journal reaches the disk with its first real write.
            data["meta"] = {"1": {"schema_version": schema.SCHEMA_VERSION}}
        if version is not None and version < schema.SCHEMA_VERSION:
            try:
                schema.migrate(data)
                schema.check_fields(data)
            except (KeyError, TypeError, ValueError) as exc:
                problem = str(exc) if isinstance(exc, schema.ShapeError) else repr(exc)
                raise DataFileError(self.path, problem, newest_backup(self.path)) from exc
            if self.writable:
                self._persist(data)
        return data

    def close(self) -> None:
        if self._lock is not None:
            with contextlib.suppress(OSError):
                self._lock.release(force=True)
            self._lock = None

    # -- many windows, one journal ---------------------------------------------------

    @contextlib.contextmanager
    def _write_lock(self) -> Iterator[None]:
        """The journal's lock, for one write (re-entrant: a transaction holds it once)."""
        from filelock import FileLock, Timeout

        if self._lock is None:
            ensure_private_dir(self.path.parent)
            self._lock = FileLock(lock_path(self.path), mode=0o600, timeout=self._write_wait)
        try:
            self._lock.acquire()
        except Timeout as exc:
            raise LockedError(self.path) from exc
        try:
            if not self._swept:
                # A crashed write's temp files: safe to remove only while nobody writes.
                for stray in stray_temp_files(self.path):
                    with contextlib.suppress(OSError):
                        stray.unlink()
                self._swept = True
            yield
        finally:
            self._lock.release()

    def changed_elsewhere(self) -> bool:
        """Whether another process replaced the file since this one read or wrote it."""
        return self._storage.loaded and file_stamp(self.path) != self._stamp

    def refresh(self) -> bool:
        """Read the file again if another window or command changed it; whether it did.

        What this process has in memory and could not write (`unsaved`) is made again on
        the fresh data, and stays unsaved until the next write.
        """
        if self._depth or not self.changed_elsewhere():
            return False
        self._reload()
        self._replay_pending()
        return True

    def _replay_pending(self) -> None:
        """Make the changes whose write failed again, in memory only, on the fresh data.

        One that no longer applies (another window removed what it changed) is dropped.
        """
        if not self._pending:
            return
        self._depth = 1  # in memory only: _persist just marks the change
        try:
            for apply in self._pending:
                with contextlib.suppress(GoneError):
                    apply()
        finally:
            self._depth = 0
            self._dirty = False
        self.unsaved = True

    def _reload(self) -> None:
        """Read the file again; if it can't be read now (say, another window gave it a new
        passphrase), what is in memory stays as it was and the error is raised."""
        stamp = self._stamp
        try:
            fresh = self._read_file()
        except BaseException:
            self._stamp = stamp  # still "changed elsewhere": never written over, asked again
            raise
        self._storage.replace(fresh)
        self._db = None  # TinyDB keeps each table's next id: count again from the fresh data

    def _change(self, apply: Callable[[], Any]) -> Any:
        """Make one change: on the freshest data, under the lock, written at once
        (or, inside a transaction, with the rest of it)."""
        if self._depth:
            result = apply()
            self._in_transaction.append(apply)
            return result
        if not self.writable:
            raise ReadOnlyError(self.path, self.read_only_reason or "")
        with self._write_lock():
            self.refresh()
            try:
                result = apply()
            except WriteError:
                self._pending.append(apply)  # in memory; written with the next write
                raise
            self._pending.clear()
            return result

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """One user action, one write: every change inside is written together at the end,
        or, if anything inside fails, none is (memory goes back to the file)."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        if not self.writable:
            raise ReadOnlyError(self.path, self.read_only_reason or "")
        with self._write_lock():
            self.refresh()
            self._storage.read()
            self._depth = 1
            self._dirty = False
            self._in_transaction = []
            try:
                yield self
            except BaseException:
                self._depth = 0
                if self._dirty:
                    self._dirty = False
                    self._reload()  # none of it: back to what the file holds
                    self._replay_pending()  # but still what failed to be written before
                    self.unsaved = bool(self._pending)
                raise
            self._depth = 0
            if self._dirty:
                self._dirty = False
                try:
                    self._persist(self._storage.read())
                except WriteError:
                    self._pending += self._in_transaction
                    raise
                self._pending.clear()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def writable(self) -> bool:
        return self.read_only_reason is None

    # -- writing ---------------------------------------------------------------------

    def _persist(self, data: dict[str, Any]) -> None:
        """Called by TinyDB after every change, with memory already updated."""
        if not self.writable:
            raise ReadOnlyError(self.path, self.read_only_reason or "")
        self.unsaved = True
        if self._depth:
            self._dirty = True  # the transaction writes it all at its end
            return
        with self._write_lock():
            self._backup_once_today()
            try:
                atomic_write(self.path, self.codec.encode(data))
            except OSError as exc:
                raise WriteError(
                    self.path, exc.strerror or errno.errorcode.get(exc.errno or 0, str(exc))
                ) from exc
            self._stamp = file_stamp(self.path)
        self.unsaved = False

    def save(self) -> None:
        """Write memory to disk again, for example after a failed write.

        If another window wrote meanwhile, the failed changes are made again on its data
        first (see `refresh`), so its change is kept too.
        """
        with self._write_lock():
            self.refresh()
            self._persist(self._storage.read())
            self._pending.clear()

    def recode(self, codec: Codec) -> list[Path]:
        """Write the journal, then every backup, again through `codec`.

        This is how a journal is encrypted, decrypted or given a new passphrase: the
        journal and its backups always share one format and one passphrase. Returns
        the backups that could not be converted (they are left as they were).
        """
        data = self._storage.read()
        old = self.codec
        self.codec = codec
        try:
            self._persist(data)
        except BaseException:
            self.codec = old
            raise
        return recode_backups(self.path, old, codec)

    def rewrite_copies(self, change: Callable[[dict[str, Any]], bool]) -> list[Path]:
        """Apply `change` to every copy of the journal beside it, and write back the changed ones.

        `change` edits a copy's tables in place and says whether it changed anything;
        only those copies are written again, each atomically and through the journal's
        codec (so an encrypted journal's copies stay encrypted, with its key). A copy that
        cannot be read or written is left exactly as it was and returned, so the caller
        can say so. Nothing here raises for one copy: the others are still done.
        """
        if not self.writable:
            raise ReadOnlyError(self.path, self.read_only_reason or "")
        untouched: list[Path] = []
        # Under the journal's lock: another window's first write of the day makes a backup,
        # and its temp file must not be taken for a crashed write's and removed.
        with self._write_lock():
            for copy in journal_copies(self.path):
                try:
                    with copy.open("rb", buffering=READ_BUFFER) as handle:
                        data = self.codec.read(handle)
                    if not isinstance(data, dict):
                        raise ValueError(copy)
                    if change(data):
                        atomic_write(copy, self.codec.encode(data))
                except (OSError, ValueError, UnicodeDecodeError, RecursionError):
                    untouched.append(copy)
                # A write of this copy that a crash cut short may hold the old words too.
                for stray in stray_temp_files(copy):
                    with contextlib.suppress(OSError):
                        stray.unlink()
        return untouched

    def remove_everywhere(
        self, table: str, doc_id: int, change: Callable[[dict[str, Any]], bool]
    ) -> list[Path]:
        """Remove a document from the journal and, through `change`, from every copy beside it.

        The copies go first and the journal last, all under one hold of the lock: if this is
        cut short, the document is still in the journal, where the person sees it and can
        remove it again; its words are never left only in copies nobody looks at. Today's
        backup is made first, so that the journal's own write can't make a new copy with
        the document in it afterwards. Returns the copies that could not be changed.
        """
        if not self.writable:
            raise ReadOnlyError(self.path, self.read_only_reason or "")
        with self._write_lock():
            self.refresh()
            self._must_exist(table, doc_id)
            self._backup_once_today()
            untouched = self.rewrite_copies(change)
            self.remove(table, doc_id)
        return untouched

    def _backup_once_today(self) -> None:
        today = self._today_override or date.today()
        if self._backup_checked_for == today:
            return
        if self.path.exists():
            folder = backups_dir(self.path)
            target = folder / f"{self.path.stem}-{today.isoformat()}{self.path.suffix}"
            if not target.exists():
                try:
                    ensure_private_dir(folder)
                    atomic_write(target, self.path.read_bytes())
                except OSError as exc:
                    raise WriteError(target, exc.strerror or str(exc)) from exc
                for old in list_backups(self.path)[:-BACKUPS_KEPT]:
                    with contextlib.suppress(OSError):
                        old.unlink()
        self._backup_checked_for = today

    # -- documents -------------------------------------------------------------------

    def docs(self, table: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """Every document of `table` with its id, in insertion order. Do not mutate them."""
        raw = self._storage.read().get(table, {})
        for doc_id, doc in raw.items():
            yield int(doc_id), doc

    def get(self, table: str, doc_id: int) -> dict[str, Any] | None:
        return self._storage.read().get(table, {}).get(str(doc_id))

    def insert(self, table: str, doc: dict[str, Any]) -> int:
        given: list[int] = []  # made again after a failed write, it keeps its id if free

        def apply() -> int:
            from tinydb.table import Document

            rows = self.db.table(table)
            if given and str(given[0]) not in self._storage.read().get(table, {}):
                return int(rows.insert(Document(doc, doc_id=given[0])))
            given[:] = [int(rows.insert(doc))]
            return given[0]

        doc_id: int = self._change(apply)
        return doc_id

    def update(self, table: str, doc_id: int, fields: dict[str, Any]) -> None:
        def apply() -> None:
            self._must_exist(table, doc_id)
            self.db.table(table).update(fields, doc_ids=[doc_id])

        self._change(apply)

    def remove(self, table: str, doc_id: int) -> None:
        def apply() -> None:
            self._must_exist(table, doc_id)
            self.db.table(table).remove(doc_ids=[doc_id])

        self._change(apply)

    def _must_exist(self, table: str, doc_id: int) -> None:
        """Checked on the fresh data: another window may have removed it meanwhile."""
        if self.get(table, doc_id) is None:
            raise GoneError

    @property
    def meta(self) -> dict[str, Any]:
        return next(iter(self._storage.read()["meta"].values()))

    def update_meta(self, fields: dict[str, Any]) -> None:
        def apply() -> None:
            meta_id = int(next(iter(self._storage.read()["meta"])))
            self.db.table("meta").update(fields, doc_ids=[meta_id])

        self._change(apply)

    def replace_all(self, data: dict[str, Any]) -> None:
        """Make `data` (every table) the whole journal, in one write: how an import lands."""

        def apply() -> None:
            self._storage.write(data)
            self._db = None  # TinyDB caches each table's next id; start afresh from `data`

        self._change(apply)


P = ParamSpec("P")
R = TypeVar("R")


def one_write(func: Callable[Concatenate[Store, P], R]) -> Callable[Concatenate[Store, P], R]:
    """A domain action on `store` (its first argument) made as one transaction: one
    write, on the freshest file, all of it or none (see Store.transaction)."""

    @functools.wraps(func)
    def in_one_write(store: Store, *args: P.args, **kwargs: P.kwargs) -> R:
        with store.transaction():
            return func(store, *args, **kwargs)

    return in_one_write


def recode_backups(path: Path, old: Codec, new: Codec) -> list[Path]:
    """Rewrite each backup of `path` from `old` to `new`; the ones that failed."""
    failed: list[Path] = []
    for backup in list_backups(path):
        try:
            with backup.open("rb", buffering=READ_BUFFER) as handle:
                data = old.read(handle)
            if not isinstance(data, dict):
                raise ValueError(backup)
            atomic_write(backup, new.encode(data))
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            failed.append(backup)
    return failed


def write_block_reason(path: Path) -> str | None:
    """Why the journal cannot be written, or None.

    Looks at the mode bits as well as access(), because root may write anywhere
    and a file the user marked read-only should stay untouched all the same.
    """
    for target in (path, path.parent):
        try:
            info = target.stat()
        except FileNotFoundError:
            continue
        except OSError as exc:
            return exc.strerror or str(exc)
        read_only_fs = bool(os.statvfs(target).f_flag & os.ST_RDONLY)
        if read_only_fs:
            return line("messages", "reason_read_only_fs")
        if target.is_dir() and target == path:
            return None  # read_journal names this problem
        if not (info.st_mode & stat.S_IWUSR) or not os.access(target, os.W_OK):
            key = "reason_folder_read_only" if target.is_dir() else "reason_file_read_only"
            return line("messages", key, path=target)
    return None


def acquire_lock(path: Path, timeout: float) -> FileLock:
    """Take the journal's lock, creating its private folder if needed."""
    ensure_private_dir(path.parent)
    from filelock import FileLock, Timeout

    lock = FileLock(lock_path(path), mode=0o600, timeout=timeout)
    try:
        lock.acquire()
    except Timeout as exc:
        raise LockedError(path) from exc
    return lock
