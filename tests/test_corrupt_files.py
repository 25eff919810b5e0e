"""A journal that can't be used is never overwritten: every command names the file and stops."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from helpers import run_cli, run_cli_on_a_terminal

from nocontact_tui.journal.errors import EXIT_DATA, EXIT_INPUT, DataFileError
from nocontact_tui.journal.store import Store

GOOD = orjson.dumps(
    {
        "meta": {"1": {"schema_version": 1, "nc_start": "2026-11-01"}},
        "reasons": {"1": {"text": "kept"}},
    }
)

BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "empty"),
    "whitespace": (b"  \n", "empty"),
    "truncated": (GOOD[: len(GOOD) // 2], "not valid JSON"),
    "binary": (bytes(range(256)) * 4, "not valid JSON"),
    "a list": (b"[1, 2, 3]", "not a nocontact journal"),
    "a table that is a list": (
        b'{"meta": {"1": {"schema_version": 1}}, "reasons": []}',
        "'reasons'",
    ),
    "another program's TinyDB file": (b'{"_default": {"1": {"name": "x"}}}', "no schema version"),
    "a newer schema": (b'{"meta": {"1": {"schema_version": 7}}}', "newer version"),
    "a wrong field type": (
        b'{"meta": {"1": {"schema_version": 1}}, "contacts": {"1": {"at": 5, "kind": "met"}}}',
        "'at'",
    ),
    "an unknown contact kind": (
        b'{"meta": {"1": {"schema_version": 1}}, "contacts": {"1": {"at": "2026-01-01T10:00:00+00:00", "kind": "telepathy"}}}',
        "'kind'",
    ),
    "a naive time": (
        b'{"meta": {"1": {"schema_version": 1}}, "contacts": {"1": {"at": "2026-01-01T10:00:00", "kind": "met"}}}',
        "'at'",
    ),
    "a rating out of range": (
        b'{"meta": {"1": {"schema_version": 1}}, "urges": {"1": {"started_at": "2026-01-01T10:00:00+00:00", "ratings": [[0, 11]]}}}',
        "'ratings'",
    ),
    "a boolean for a number": (
        b'{"meta": {"1": {"schema_version": 1, "day_starts_at": true}}}',
        "'day_starts_at'",
    ),
    "two settings documents": (
        b'{"meta": {"1": {"schema_version": 1}, "2": {"schema_version": 1}}}',
        "exactly one",
    ),
}

COMMANDS: list[list[str]] = [
    ["status"],
    ["status", "--json"],
    ["reason", "add", "a new reason"],
    ["contact", "log", "--kind", "met"],
    ["export"],
]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.endswith(".lock")
    }


@pytest.mark.parametrize("name", list(BAD_FILES))
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_bad_file_is_named_and_left_untouched(
    tmp_path: Path, name: str, command: list[str]
) -> None:
    content, problem = BAD_FILES[name]
    db = tmp_path / "nocontact.json"
    db.write_bytes(content)
    before = snapshot(tmp_path)
    result = run_cli(*command, db=db)
    assert result.returncode == EXIT_DATA, result.stderr
    assert str(db) in result.stderr
    assert problem in result.stderr
    assert "Nothing has been changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(tmp_path) == before


def test_the_message_names_the_newest_backup(tmp_path: Path) -> None:
    db = tmp_path / "nocontact.json"
    backups = tmp_path / "backups"
    backups.mkdir()
    (backups / "nocontact-2026-11-19.json").write_bytes(GOOD)
    (backups / "nocontact-2026-11-20.json").write_bytes(GOOD)
    db.write_bytes(b"{broken")
    result = run_cli("status", db=db)
    assert result.returncode == EXIT_DATA
    assert "nocontact-2026-11-20.json" in result.stderr
    assert "nocontact doctor --restore" in result.stderr


def test_a_folder_where_the_file_should_be(tmp_path: Path) -> None:
    db = tmp_path / "nocontact.json"
    db.mkdir()
    result = run_cli("reason", "add", "x", db=db)
    assert result.returncode == EXIT_DATA
    assert "is a folder" in result.stderr
    assert db.is_dir() and not any(db.iterdir())


def test_the_app_refuses_a_bad_file_before_drawing_anything(tmp_path: Path) -> None:
    db = tmp_path / "nocontact.json"
    db.write_bytes(b"\x00\x01garbage")
    result = run_cli_on_a_terminal("urge", db=db)
    assert result.returncode == EXIT_DATA
    assert "not valid JSON" in result.stderr
    assert db.read_bytes() == b"\x00\x01garbage"


def read_only_file(db: Path) -> None:
    os.chmod(db, 0o400)


def read_only_folder(db: Path) -> None:
    os.chmod(db.parent, 0o500)


@pytest.mark.parametrize(
    "make_read_only", [read_only_file, read_only_folder], ids=["file", "folder"]
)
def test_read_only_journal_reads_but_refuses_writes(
    tmp_path: Path, make_read_only: Callable[[Path], None]
) -> None:
    folder = tmp_path / "journal"
    folder.mkdir()
    db = folder / "nocontact.json"
    db.write_bytes(GOOD)
    make_read_only(db)
    try:
        before = snapshot(folder)
        status = run_cli("status", db=db)
        assert status.returncode == 0, status.stderr
        write = run_cli("reason", "add", "x", db=db)
        assert write.returncode == EXIT_DATA
        assert "read-only" in write.stderr
        assert "Traceback" not in write.stderr
        assert snapshot(folder) == before
        assert sorted(p.name for p in folder.iterdir()) == ["nocontact.json"]
    finally:
        os.chmod(folder, 0o700)
        os.chmod(db, 0o600)


def test_restore_moves_the_bad_file_aside_and_puts_the_backup_back(tmp_path: Path) -> None:
    db = tmp_path / "nocontact.json"
    (tmp_path / "backups").mkdir()
    backup = tmp_path / "backups" / "nocontact-2026-11-20.json"
    backup.write_bytes(GOOD)
    db.write_bytes(b"{torn")
    result = run_cli("doctor", "--restore", str(backup), db=db)
    assert result.returncode == 0, result.stderr
    assert orjson.loads(db.read_bytes()) == orjson.loads(GOOD)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    aside = [p for p in tmp_path.iterdir() if ".before-restore-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == b"{torn"


def test_restore_refuses_a_bad_backup(tmp_path: Path) -> None:
    db = tmp_path / "nocontact.json"
    db.write_bytes(GOOD)
    bad = tmp_path / "old.json"
    bad.write_bytes(b"nope")
    result = run_cli("doctor", "--restore", str(bad), db=db)
    assert result.returncode == EXIT_INPUT
    assert "can't be used either" in result.stderr
    assert db.read_bytes() == GOOD


def test_doctor_describes_a_broken_file_and_exits_non_zero(tmp_path: Path) -> None:
    db = tmp_path / "nocontact.json"
    db.write_bytes(b"{")
    result = run_cli("doctor", db=db)
    assert result.returncode != 0
    assert "parses:       no" in result.stdout
    assert db.read_bytes() == b"{"


def test_store_open_raises_the_same_error_in_process(tmp_path: Path) -> None:
    db = tmp_path / "nocontact.json"
    db.write_bytes(b"[]")
    with pytest.raises(DataFileError):
        Store.open(db)
    assert db.read_bytes() == b"[]"
