"""The store's promises: atomic writes, private files, the lock, backups, schema and migrations."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from filelock import FileLock

from nocontact_tui.journal import schema, storage
from nocontact_tui.journal.errors import (
    EXIT_DATA,
    DataFileError,
    ReadOnlyError,
    WriteError,
)
from nocontact_tui.journal.locations import lock_path
from nocontact_tui.journal.store import BACKUPS_KEPT, Store, list_backups

TODAY = date(2026, 11, 21)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_journal_is_not_written_until_something_is_saved(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert store.meta["schema_version"] == schema.SCHEMA_VERSION
        assert not db_path.exists()
        store.insert("reasons", {"text": "x"})
    assert orjson.loads(db_path.read_bytes())["reasons"]["1"]["text"] == "x"


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_file_is_0600_in_a_0700_folder_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "deep" / "er" / "nocontact.json"
    old = os.umask(umask)
    try:
        with Store.open(path, today=TODAY) as store:
            store.insert("reasons", {"text": "x"})
        with Store.open(path, today=TODAY + timedelta(days=1)) as store:
            store.insert("reasons", {"text": "y"})
    finally:
        os.umask(old)
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert mode(path.parent.parent) == 0o700
    backup = list_backups(path)
    assert backup and mode(backup[0]) == 0o600 and mode(backup[0].parent) == 0o700


def test_an_existing_folder_keeps_its_permissions(tmp_path: Path) -> None:
    os.chmod(tmp_path, 0o755)
    with Store.open(tmp_path / "j.json") as store:
        store.insert("reasons", {"text": "x"})
    assert mode(tmp_path) == 0o755


def test_the_store_parses_the_file_once(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(db_path) as store:
        store.insert("reasons", {"text": "x"})
    calls = []
    original = storage.JSONCodec.read
    monkeypatch.setattr(
        storage.JSONCodec, "read", lambda self, handle: calls.append(1) or original(self, handle)
    )
    with Store.open(db_path) as store:
        for _ in range(5):
            store.insert("reasons", {"text": "y"})
            list(store.docs("reasons"))
    assert len(calls) == 1


def test_stray_temp_files_from_a_crash_are_removed_by_the_next_write(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    stray = db_path.parent / f".{db_path.name}.999.abcd.tmp"
    stray.write_text("half a file")
    with Store.open(db_path) as store:
        # Opening removes nothing: it may be another window's write in flight.
        assert stray.exists()
        store.insert("reasons", {"text": "x"})  # under the lock: nobody else is writing
    assert not stray.exists()


def test_backups_once_a_day_and_fourteen_kept(db_path: Path) -> None:
    day = TODAY
    for i in range(20):
        with Store.open(db_path, today=day + timedelta(days=i)) as store:
            store.insert("reasons", {"text": f"first write of day {i}"})
            store.insert("reasons", {"text": f"second write of day {i}"})
    backups = list_backups(db_path)
    assert len(backups) == BACKUPS_KEPT
    assert backups[-1].name == f"nocontact-{(day + timedelta(days=19)).isoformat()}.json"
    # The backup of a day holds the file as it was before that day's first write.
    last = orjson.loads(backups[-1].read_bytes())
    assert len(last["reasons"]) == 2 * 19


def test_a_failed_write_keeps_memory_and_the_old_file(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(db_path) as store:
        store.insert("reasons", {"text": "safe"})
        before = db_path.read_bytes()

        def full_disk(fd: int, data: bytes) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(storage, "_write_all", full_disk)
        with pytest.raises(WriteError) as failure:
            store.insert("reasons", {"text": "typed while the disk was full"})
        assert "No space left" in failure.value.text
        assert db_path.read_bytes() == before
        assert store.unsaved
        assert [d["text"] for _, d in store.docs("reasons")] == [
            "safe",
            "typed while the disk was full",
        ]
        assert not list(db_path.parent.glob("*.tmp"))
        monkeypatch.undo()
        store.save()
        assert not store.unsaved
    saved = orjson.loads(db_path.read_bytes())
    assert [d["text"] for d in saved["reasons"].values()] == [
        "safe",
        "typed while the disk was full",
    ]


def test_a_read_only_store_refuses_to_write(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.insert("reasons", {"text": "x"})
    before = db_path.read_bytes()
    with Store.open(db_path, write=False) as store, pytest.raises(ReadOnlyError):
        store.insert("reasons", {"text": "y"})
    assert db_path.read_bytes() == before


def test_two_windows_on_one_journal_both_write_and_neither_loses_the_other(
    db_path: Path,
) -> None:
    with Store.open(db_path) as first, Store.open(db_path) as second:
        first.insert("reasons", {"text": "from the first window"})
        second.load()
        first.insert("reasons", {"text": "the first again"})
        # The second read the file before the first's last write: it reads it again
        # before writing, and writes its change on the fresh data.
        new_id = second.insert("reasons", {"text": "from the second window"})
        assert new_id == 3  # not a second document 2
        first.update_meta({"day_starts_at": 6})
    with Store.open(db_path) as again:
        texts = [d["text"] for _, d in again.docs("reasons")]
        assert texts == ["from the first window", "the first again", "from the second window"]
        assert again.meta["day_starts_at"] == 6


def test_a_window_sees_what_another_wrote_when_it_refreshes(db_path: Path) -> None:
    with Store.open(db_path) as window, Store.open(db_path) as shell:
        window.insert("reasons", {"text": "mine"})
        shell.insert("contacts", {"at": "2026-11-21T12:00:00+01:00", "kind": "met"})
        assert not list(window.docs("contacts"))  # reads stay in memory...
        assert window.refresh()  # ...until the window asks, when a screen is shown
        assert [d["kind"] for _, d in window.docs("contacts")] == ["met"]
        assert not window.refresh()  # nothing new since


def test_a_write_waits_for_another_process_writing_then_gives_up(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.insert("reasons", {"text": "held by the test"})
    before = db_path.read_bytes()
    code = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from nocontact_tui.journal.errors import LockedError
        from nocontact_tui.journal.store import Store
        with Store.open(Path({str(db_path)!r}), lock_timeout=0.2) as store:
            try:
                store.insert("reasons", {{"text": "from the other process"}})
            except LockedError:
                sys.exit(3)
        sys.exit(0)
        """
    )
    with FileLock(lock_path(db_path)):  # another process in the middle of a write
        other = subprocess.run([sys.executable, "-c", code], timeout=60)
    assert other.returncode == 3  # the probe's own code for LockedError
    assert db_path.read_bytes() == before
    other = subprocess.run([sys.executable, "-c", code], timeout=60)
    assert other.returncode == 0


def test_a_transaction_is_one_write_and_all_of_it_or_none(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(db_path) as store:
        store.insert("reasons", {"text": "before"})
        writes: list[Path] = []
        real = storage.atomic_write
        monkeypatch.setattr(
            "nocontact_tui.journal.store.atomic_write", lambda p, b: (writes.append(p), real(p, b))
        )
        with store.transaction():
            for n in range(40):
                store.insert("reasons", {"text": f"moved {n}"})
            store.update_meta({"day_starts_at": 5})
        assert writes == [db_path]  # forty-one changes, one write of the journal
        before = db_path.read_bytes()
        with pytest.raises(RuntimeError), store.transaction():
            store.insert("reasons", {"text": "half an action"})
            raise RuntimeError("the action failed half-way")
        assert db_path.read_bytes() == before  # none of it reached the file
        assert "half an action" not in [d["text"] for _, d in store.docs("reasons")]


def test_a_newer_schema_is_refused_and_left_alone(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(orjson.dumps({"meta": {"1": {"schema_version": 99}}, "future": {}}))
    before = db_path.read_bytes()
    with pytest.raises(DataFileError) as refused:
        Store.open(db_path)
    assert "newer version" in refused.value.text
    assert refused.value.exit_code == EXIT_DATA
    assert db_path.read_bytes() == before


def test_migrations_upgrade_an_older_file_in_order() -> None:
    data = {"meta": {"1": {"schema_version": 1}}, "reasons": {"1": {"why": "old field name"}}}

    def rename_why_to_text(d: dict) -> None:
        for doc in d["reasons"].values():
            doc["text"] = doc.pop("why")

    def add_category(d: dict) -> None:
        for doc in d["reasons"].values():
            doc.setdefault("category", None)

    changed = schema.migrate(data, target=3, migrations={1: rename_why_to_text, 2: add_category})
    assert changed
    assert data["meta"]["1"]["schema_version"] == 3
    assert data["reasons"]["1"] == {"text": "old field name", "category": None}
    assert not schema.migrate(data, target=3, migrations={})


def test_an_older_file_is_migrated_on_open_and_saved(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(
        orjson.dumps({"meta": {"1": {"schema_version": 1}}, "reasons": {"1": {"why": "old"}}})
    )
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)

    def rename(d: dict) -> None:
        for doc in d["reasons"].values():
            doc["text"] = doc.pop("why")

    monkeypatch.setitem(schema.MIGRATIONS, 1, rename)
    with Store.open(db_path, today=TODAY) as store:
        assert store.get("reasons", 1) == {"text": "old"}
    saved = orjson.loads(db_path.read_bytes())
    assert saved["meta"]["1"]["schema_version"] == 2
    # the file of the older shape is kept as that day's backup
    assert orjson.loads(list_backups(db_path)[0].read_bytes())["reasons"]["1"] == {"why": "old"}


def test_atomic_write_leaves_old_or_new_never_torn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f.json"
    storage.atomic_write(target, b"old")
    for step in ("fsync", "replace"):

        def boom(*args: object, **kwargs: object) -> None:
            raise OSError(5, "Input/output error")

        with monkeypatch.context() as patched:
            patched.setattr(storage.os, step, boom)
            with pytest.raises(OSError):
                storage.atomic_write(target, b"new")
        assert target.read_bytes() == b"old"
        assert not list(tmp_path.glob(".*.tmp"))
