"""`nocontact remind`: a recipe printed, units written only after a typed yes, and removed.

Everything goes into a temporary XDG_CONFIG_HOME; nothing here runs systemctl or crontab.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_cli

from nocontact_tui.cli import remind
from nocontact_tui.journal.errors import EXIT_INPUT, EXIT_OK

TEXT = "a minute for yourself?"
UNITS = ("notes-reminder.service", "notes-reminder.timer")


def env(tmp_path: Path) -> dict[str, str]:
    return {"XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path / "home")}


def folder(tmp_path: Path) -> Path:
    return tmp_path / "config" / "systemd" / "user"


def run_remind(
    tmp_path: Path, *args: str, answer: str | None = None
) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "nocontact_tui", "--db", str(tmp_path / "j.json"), "remind", *args],
        input=answer,
        stdin=None if answer is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=os.environ | env(tmp_path),
        timeout=60,
    )


def test_the_recipe_is_printed_and_nothing_is_written(tmp_path: Path) -> None:
    result = run_cli("remind", "--at", "21:30", db=tmp_path / "j.json", env=env(tmp_path))
    assert result.returncode == EXIT_OK, result.stderr
    out = result.stdout
    assert "Nothing is set up until you do it yourself" in out
    assert "30 21 * * * DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/" in out
    assert f"notes '{TEXT}'" in out
    assert "nocontact remind remove" in out
    assert not (tmp_path / "config").exists()
    assert not (tmp_path / "j.json").exists()


def test_the_systemd_recipe_shows_both_units_and_how_to_turn_them_on(tmp_path: Path) -> None:
    units = remind.unit_files(7, 5, "/usr/bin/notify-send")
    text = remind.recipe(7, 5, units, systemd=True, folder=tmp_path)
    assert f"{tmp_path / 'notes-reminder.timer'}:" in text
    assert "  OnCalendar=*-*-* 07:05:00" in text
    assert f"  ExecStart=/usr/bin/notify-send notes '{TEXT}'" in text
    assert "systemctl --user enable --now notes-reminder.timer" in text
    without = remind.recipe(7, 5, units, systemd=False, folder=tmp_path)
    assert "OnCalendar" not in without and "5 7 * * *" in without


def test_the_words_reveal_nothing() -> None:
    units = remind.unit_files(21, 0, None)
    everything = "\n".join(units.values()) + remind.cron_line(21, 0, None, 1000)
    shown = everything.replace(remind.MARK, "")  # the files' first line names the command
    for word in ("contact", "ex", "urge", "streak", "nocontact", "break"):
        assert f" {word} " not in f" {shown.lower()} ".replace("\n", " "), word
    assert "Description=notes\n" in units["notes-reminder.service"]


@pytest.mark.parametrize("when", ["24:00", "9", "21:60", "noon", ""])
def test_a_time_that_is_not_one_is_refused(tmp_path: Path, when: str) -> None:
    result = run_remind(tmp_path, "--at", when)
    assert result.returncode == EXIT_INPUT
    assert "HH:MM" in result.stderr


@pytest.mark.parametrize("answer", ["", "no\n", "y\n", "yess\n"])
def test_install_writes_nothing_without_a_typed_yes(tmp_path: Path, answer: str) -> None:
    result = run_remind(tmp_path, "install", answer=answer)
    assert result.returncode == EXIT_OK, result.stderr
    assert "Nothing was written" in result.stdout
    assert not (tmp_path / "config").exists()


def test_install_after_yes_then_remove(tmp_path: Path) -> None:
    installed = run_remind(tmp_path, "install", "--at", "08:15", answer="yes\n")
    assert installed.returncode == EXIT_OK, installed.stderr
    units = folder(tmp_path)
    assert sorted(p.name for p in units.iterdir()) == sorted(UNITS)
    timer = (units / "notes-reminder.timer").read_text()
    assert "OnCalendar=*-*-* 08:15:00" in timer and "WantedBy=timers.target" in timer
    assert TEXT in (units / "notes-reminder.service").read_text()
    assert "systemctl --user daemon-reload && systemctl --user enable --now" in installed.stdout

    # As `systemctl --user enable` would have left it.
    wants = units / "timers.target.wants"
    wants.mkdir()
    (wants / "notes-reminder.timer").symlink_to(units / "notes-reminder.timer")
    removed = run_remind(tmp_path, "remove")
    assert removed.returncode == EXIT_OK, removed.stderr
    assert list(units.iterdir()) == [wants] and not any(wants.iterdir())
    assert "systemctl --user stop notes-reminder.timer" in removed.stdout

    again = run_remind(tmp_path, "remove")
    assert again.returncode == EXIT_OK and "nothing to remove" in again.stdout


def test_install_again_replaces_its_own_files(tmp_path: Path) -> None:
    run_remind(tmp_path, "install", "--at", "08:15", answer="yes\n")
    run_remind(tmp_path, "install", "--at", "22:45", answer="yes\n")
    assert "22:45:00" in (folder(tmp_path) / "notes-reminder.timer").read_text()


def test_files_someone_else_wrote_are_left_alone(tmp_path: Path) -> None:
    units = folder(tmp_path)
    units.mkdir(parents=True)
    theirs = units / "notes-reminder.timer"
    theirs.write_text("[Timer]\nOnCalendar=daily\n")
    refused = run_remind(tmp_path, "install", answer="yes\n")
    assert refused.returncode == EXIT_INPUT and "wasn't written by nocontact" in refused.stderr
    assert not (units / "notes-reminder.service").exists()
    assert run_remind(tmp_path, "remove").returncode == EXIT_OK
    assert theirs.read_text() == "[Timer]\nOnCalendar=daily\n"
