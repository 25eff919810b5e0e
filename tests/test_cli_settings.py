"""`nocontact settings`: every setting listed, one changed, a bad one refused with nothing written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from helpers import run_cli

from nocontact_tui.journal.errors import EXIT_INPUT


def journal(tmp_path: Path) -> Path:
    db = tmp_path / "nocontact.json"
    meta = {"schema_version": 1, "nc_start": "2026-01-01", "day_starts_at": 4}
    db.write_bytes(orjson.dumps({"meta": {"1": meta}}))
    return db


def stored_meta(db: Path) -> dict[str, object]:
    meta: dict[str, object] = next(iter(json.loads(db.read_text())["meta"].values()))
    return meta


def test_settings_lists_every_setting_with_its_value(tmp_path: Path) -> None:
    db = journal(tmp_path)
    before = db.read_bytes()
    result = run_cli("settings", db=db)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    rows = {
        text_line.split()[0]: text_line.split()[1]
        for text_line in lines
        if text_line and not text_line[0].isupper()
    }
    assert rows == {
        "start": "2026-01-01",
        "day-ends-at": "4",
        "urge-minutes": "15",
        "hide-count": "off",
        "theme": "textual-dark",
        "idle-lock": "off",
        "restart-kinds": "i_reached_out,i_replied,met",
    }
    assert "The day no contact began" in result.stdout  # readable names beside them
    assert "nocontact settings NAME VALUE" in result.stdout
    assert db.read_bytes() == before


def test_settings_on_a_journal_not_yet_made_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "none-yet" / "nocontact.json"
    result = run_cli("settings", db=db)
    assert result.returncode == 0, result.stderr
    assert "not set yet" in result.stdout
    assert not db.exists()


@pytest.mark.parametrize(
    ("name", "value", "field", "stored"),
    [
        ("start", "2026-02-14", "nc_start", "2026-02-14"),
        ("day-ends-at", "6", "day_starts_at", 6),
        ("urge-minutes", "20", "urge_minutes", 20),
        ("hide-count", "on", "hide_count", True),
        ("theme", "textual-light", "theme", "textual-light"),
        ("idle-lock", "15", "idle_lock_minutes", 15),
        ("restart-kinds", "met,i_replied", "breaking_kinds", ["i_replied", "met"]),
    ],
)
def test_settings_name_value_sets_one(
    tmp_path: Path, name: str, value: str, field: str, stored: object
) -> None:
    db = journal(tmp_path)
    result = run_cli("settings", name, value, db=db)
    assert result.returncode == 0, result.stderr
    assert "Saved." in result.stdout
    assert stored_meta(db)[field] == stored
    listed = run_cli("settings", db=db).stdout
    assert any(text_line.split()[:1] == [name] for text_line in listed.splitlines())


def test_a_name_alone_shows_that_one_setting(tmp_path: Path) -> None:
    db = journal(tmp_path)
    before = db.read_bytes()
    result = run_cli("settings", "day-ends-at", db=db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["day-ends-at", "4"]
    assert len(result.stdout.strip().splitlines()) == 1
    assert db.read_bytes() == before


def test_a_new_start_moves_the_streak_in_status(tmp_path: Path) -> None:
    db = journal(tmp_path)
    before = json.loads(run_cli("status", "--json", db=db).stdout)["streak"]
    assert run_cli("settings", "start", "2026-03-01", db=db).returncode == 0
    after = json.loads(run_cli("status", "--json", db=db).stdout)["streak"]
    assert before - after == 59  # January and February 2026


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["start", "2999-01-01"], "YYYY-MM-DD"),
        (["start", "last spring"], "YYYY-MM-DD"),
        (["day-ends-at", "24"], "0 to 23"),
        (["day-ends-at", "four"], "0 to 23"),
        (["urge-minutes", "0"], "1 to 120"),
        (["urge-minutes", "121"], "1 to 120"),
        (["hide-count", "yes"], "on or off"),
        (["theme", "neon"], "textual-light"),
        (["idle-lock", "999"], "240"),
        (["restart-kinds", "texted"], "i_reached_out"),
        (["colour", "blue"], "day-ends-at"),
        (["colour"], "day-ends-at"),
    ],
)
def test_a_bad_name_or_value_is_refused_and_nothing_is_written(
    tmp_path: Path, args: list[str], allowed: str
) -> None:
    db = journal(tmp_path)
    before = db.read_bytes()
    result = run_cli("settings", *args, db=db)
    assert result.returncode == EXIT_INPUT
    assert allowed in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert db.read_bytes() == before
    assert not list(db.parent.glob("backups/*"))


def test_a_bad_value_for_a_journal_not_yet_made_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "none-yet" / "nocontact.json"
    result = run_cli("settings", "day-ends-at", "25", db=db)
    assert result.returncode == EXIT_INPUT
    assert not db.exists()


def test_settings_follow_nocontact_db(tmp_path: Path) -> None:
    db = journal(tmp_path)
    result = run_cli("settings", "urge-minutes", "12", env={"NOCONTACT_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert stored_meta(db)["urge_minutes"] == 12


def test_help_shows_a_settings_example() -> None:
    assert "nocontact settings day-ends-at" in run_cli("--help").stdout


def test_settings_does_not_import_textual(tmp_path: Path) -> None:
    db = journal(tmp_path)
    code = (
        "import sys\nfrom nocontact_tui.cli.main import main\n"
        f"main(['--db', {str(db)!r}, 'settings', 'theme', 'nord'])\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"
    assert stored_meta(db)["theme"] == "nord"
