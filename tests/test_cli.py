"""The shell commands, as a user's shell runs them."""

from __future__ import annotations

import json
import stat
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest
from helpers import run_cli

from nocontact_tui import __version__
from nocontact_tui.journal.errors import EXIT_INPUT, EXIT_LOCKED
from nocontact_tui.journal.store import Store


def journal(tmp_path: Path, nc_start: str | None = None) -> Path:
    db = tmp_path / "nocontact.json"
    meta = {"schema_version": 2}
    if nc_start:
        meta |= {"nc_start": nc_start, "day_starts_at": 4}
    db.write_bytes(orjson.dumps({"meta": {"1": meta}}))
    return db


def test_version_and_help() -> None:
    assert run_cli("--version").stdout.strip() == f"nocontact {__version__}"
    helped = run_cli("--help")
    assert helped.returncode == 0
    assert "examples:" in helped.stdout and "nocontact urge" in helped.stdout


def test_status_without_a_journal_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "missing" / "nocontact.json"
    result = run_cli("status", db=db)
    assert result.returncode == 0
    assert "No journal yet" in result.stdout
    assert not db.parent.exists()


def test_status_json_for_scripts(tmp_path: Path) -> None:
    start = (datetime.now().astimezone() - timedelta(hours=4)).date() - timedelta(days=12)
    db = journal(tmp_path, start.isoformat())
    result = run_cli("status", "--json", db=db)
    data = json.loads(result.stdout)
    assert data["streak"] == 12
    assert data["longest"] == 12
    assert data["review_done"] is False
    assert data["journal"] == str(db)


def test_nocontact_db_environment_variable(tmp_path: Path) -> None:
    db = tmp_path / "via-env.json"
    result = run_cli("reason", "add", "from the environment", env={"NOCONTACT_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert "from the environment" in db.read_text()


def test_default_location_is_the_platform_data_folder(private_home: Path) -> None:
    result = run_cli("reason", "add", "kept in the data folder")
    assert result.returncode == 0, result.stderr
    default = private_home / ".local" / "share" / "nocontact" / "nocontact.json"
    assert "kept in the data folder" in default.read_text()
    assert stat.S_IMODE(default.parent.stat().st_mode) == 0o700


def test_contact_log_restarts_the_streak_without_blame(tmp_path: Path) -> None:
    start = (datetime.now().astimezone() - timedelta(hours=4)).date() - timedelta(days=9)
    db = journal(tmp_path, start.isoformat())
    result = run_cli(
        "contact", "log", "--kind", "i_reached_out", "--felt", "4", "--note", "sent a text", db=db
    )
    assert result.returncode == 0, result.stderr
    assert "kept in your history" in result.stdout and "9-day" in result.stdout
    assert "begins at 04:00" in result.stdout and "fail" not in result.stdout
    data = json.loads(run_cli("status", "--json", db=db).stdout)
    assert data["streak"] == 0 and data["longest"] == 9 and data["attempts"] == 2
    saved = orjson.loads(db.read_bytes())["contacts"]["1"]
    assert (
        saved["kind"] == "i_reached_out"
        and saved["felt_after"] == 4
        and saved["note"] == "sent a text"
    )


def test_contact_that_does_not_count_keeps_the_streak(tmp_path: Path) -> None:
    start = (datetime.now().astimezone() - timedelta(hours=4)).date() - timedelta(days=5)
    db = journal(tmp_path, start.isoformat())
    result = run_cli("contact", "log", "--kind", "they_reached_out", db=db)
    assert "does not restart the count" in result.stdout
    assert json.loads(run_cli("status", "--json", db=db).stdout)["streak"] == 5


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--kind", "met", "--at", "2199-01-01T10:00"], "in the future"),
        (["--kind", "met", "--at", "2999-01-01T10:00"], "outside the years nocontact keeps"),
        (["--kind", "met", "--at", "yesterday-ish"], "not a date and time"),
        (["--kind", "met", "--felt", "9"], "1 (calmer) to 5"),
    ],
)
def test_contact_log_rejects_bad_input_and_writes_nothing(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    db = journal(tmp_path, "2026-01-01")
    before = db.read_bytes()
    result = run_cli("contact", "log", *args, db=db)
    assert result.returncode == EXIT_INPUT
    assert expected in result.stderr
    assert db.read_bytes() == before


def test_contact_log_backfills_a_past_date(tmp_path: Path) -> None:
    db = journal(tmp_path, "2026-01-01")
    result = run_cli("contact", "log", "--kind", "met", "--at", "2026-03-05T19:30", db=db)
    assert result.returncode == 0, result.stderr
    at = datetime.fromisoformat(orjson.loads(db.read_bytes())["contacts"]["1"]["at"])
    assert at.tzinfo is not None and (at.month, at.day, at.hour, at.minute) == (3, 5, 19, 30)


def test_reason_add_and_empty_reason(tmp_path: Path) -> None:
    db = tmp_path / "nocontact.json"
    ok = run_cli(
        "reason", "add", "I kept shrinking to fit", "--category", "What did not work", db=db
    )
    assert ok.returncode == 0 and "1 in all" in ok.stdout
    empty = run_cli("reason", "add", "   ", db=db)
    assert empty.returncode == EXIT_INPUT and "empty" in empty.stderr
    docs = orjson.loads(db.read_bytes())["reasons"]
    assert [(d["text"], d["category"]) for d in docs.values()] == [
        ("I kept shrinking to fit", "What did not work")
    ]


def test_a_writing_command_waits_then_gives_up_on_a_write_that_never_ends(tmp_path: Path) -> None:
    from filelock import FileLock

    from nocontact_tui.journal.locations import lock_path

    db = journal(tmp_path)
    before = db.read_bytes()
    with FileLock(lock_path(db)):  # another process stopped in the middle of a write
        result = run_cli("reason", "add", "x", db=db)
    assert result.returncode == EXIT_LOCKED
    assert "hasn't finished" in result.stderr and "nothing was changed" in result.stderr
    assert db.read_bytes() == before


def test_every_command_works_while_a_window_has_the_journal_open(tmp_path: Path) -> None:
    db = journal(tmp_path, "2026-01-01")
    with Store.open(db) as window:
        window.insert("reasons", {"text": "typed in the window"})
        assert run_cli("status", db=db).returncode == 0
        added = run_cli("reason", "add", "added from the shell", db=db)
        assert added.returncode == 0, added.stderr
        logged = run_cli("contact", "log", "--kind", "met", db=db)
        assert logged.returncode == 0, logged.stderr
        window.insert("reasons", {"text": "typed in the window again"})
    with Store.open(db) as after:
        texts = [d["text"] for _, d in after.docs("reasons")]
        assert texts == ["typed in the window", "added from the shell", "typed in the window again"]
        assert len(list(after.docs("contacts"))) == 1


def test_doctor_reports_a_healthy_journal(tmp_path: Path) -> None:
    db = tmp_path / "nocontact.json"
    run_cli("reason", "add", "x", db=db)
    result = run_cli("doctor", db=db)
    assert result.returncode == 0
    for text_line in (
        "parses:       yes",
        "schema:       2",
        "reasons 1",
        "permissions:  file 0o600",
        "windows open: 0",
    ):
        assert text_line in result.stdout


def test_db_after_the_command_means_the_same_as_before_it(tmp_path: Path) -> None:
    db = journal(tmp_path, "2026-01-01")
    after = run_cli("reason", "add", "written with --db after the command", "--db", str(db))
    assert after.returncode == 0, after.stderr
    status = run_cli("status", "--json", "--db", str(db))
    assert status.returncode == 0, status.stderr
    with Store.open(db) as store:
        assert [d["text"] for _, d in store.docs("reasons")] == [
            "written with --db after the command"
        ]
