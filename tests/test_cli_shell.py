"""The `nocontact` command as shells, scripts and prompts meet it: one module per command,
exit codes, closed pipes, no terminal, `status --check` and tab completion."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest
from helpers import run_cli, run_cli_on_a_terminal

from nocontact_tui.cli.main import COMMANDS, build_parser, command_module
from nocontact_tui.journal import errors
from nocontact_tui.journal.errors import (
    EXIT_CLOSED_PIPE,
    EXIT_INPUT,
    EXIT_NO_TERMINAL,
    EXIT_NOT_YET,
    EXIT_OK,
)

ROOT = Path(__file__).resolve().parent.parent


def journal(folder: Path, *, reviewed_today: bool = False, reasons: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "nocontact.json"
    today = (datetime.now().astimezone() - timedelta(hours=4)).date()
    data: dict[str, dict[str, object]] = {
        "meta": {"1": {"schema_version": 1, "nc_start": "2026-01-01", "day_starts_at": 4}}
    }
    if reviewed_today:
        data["reviews"] = {"1": {"day": today.isoformat(), "mood": 3}}
    if reasons:
        data["reasons"] = {
            str(n): {"text": f"reason {n}", "category": "Mine", "created": "2026-01-02T10:00:00"}
            for n in range(1, reasons + 1)
        }
    db.write_bytes(orjson.dumps(data))
    return db


def command_names() -> list[str]:
    parser = build_parser()
    (commands,) = (a for a in parser._actions if a.dest == "command")
    assert isinstance(commands.choices, dict)
    return list(commands.choices)


# -- one module per command --------------------------------------------------------


def test_every_command_module_has_the_two_functions_and_runs_its_commands() -> None:
    for name in COMMANDS:
        module = command_module(name)
        assert callable(module.add_parser) and callable(module.run), name
    parser = build_parser()
    (commands,) = (a for a in parser._actions if a.dest == "command")
    assert isinstance(commands.choices, dict)
    for name, sub in commands.choices.items():
        owner = sub.get_default("run").__module__
        assert owner.rsplit(".", 1)[1] in COMMANDS, name
    args = parser.parse_args(["contact", "log", "--kind", "met"])
    assert args.run is command_module("contact").run


def test_the_command_modules_are_all_listed() -> None:
    """A module with `add_parser` in cli/ that COMMANDS forgets would never be reachable."""
    folder = ROOT / "nocontact_tui" / "cli"
    with_commands = {
        path.stem for path in folder.glob("*.py") if "\ndef add_parser(" in path.read_text()
    }
    assert with_commands == set(COMMANDS)


# -- exit codes --------------------------------------------------------------------


def exit_codes() -> dict[str, int]:
    return {name: value for name, value in vars(errors).items() if name.startswith("EXIT_")}


def test_each_exit_code_has_one_meaning_and_is_documented() -> None:
    codes = exit_codes()
    assert len(set(codes.values())) == len(codes)
    helped = run_cli("--help").stdout
    listed = helped.split("exit codes:", 1)[1]
    readme = (ROOT / "README.md").read_text()
    readme_table = readme.split("### Exit codes", 1)[1].split("\n#", 1)[0]
    for value in codes.values():
        assert re.search(rf"^  {value}\s", listed, re.M), value
        assert re.search(rf"^\| `{value}` \|", readme_table, re.M), value


def test_a_usage_mistake_and_a_refused_value_share_their_code(tmp_path: Path) -> None:
    db = journal(tmp_path)
    assert run_cli("no-such-command", db=db).returncode == EXIT_INPUT
    assert run_cli("contact", "log", "--kind", "met", "--felt", "9", db=db).returncode == EXIT_INPUT


# -- a reader that goes away ------------------------------------------------------


def run_into_a_closed_pipe(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    """`nocontact ARGS | reader` where the reader is gone before a byte is written."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "nocontact_tui", "--db", str(db), *args],
            stdin=subprocess.DEVNULL,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "command", [["export"], ["export", "--format", "markdown"], ["status"], ["status", "--json"]]
)
def test_a_closed_pipe_is_quiet(tmp_path: Path, command: list[str]) -> None:
    db = journal(tmp_path, reasons=3)
    result = run_into_a_closed_pipe(*command, db=db)
    assert result.stderr == ""
    assert result.returncode == EXIT_CLOSED_PIPE


@pytest.mark.parametrize("command", ["export", "status"])
def test_head_takes_the_first_line_and_nothing_complains(tmp_path: Path, command: str) -> None:
    db = journal(tmp_path, reasons=2000)  # more than a pipe holds: the writer meets the end
    shell = (
        f"set -o pipefail; {sys.executable} -m nocontact_tui --db {db} {command} | head -1; "
        'echo "status=$?"'
    )
    result = subprocess.run(
        ["bash", "-c", shell], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
    )
    assert result.stderr == ""
    first, status = result.stdout.splitlines()
    assert first.strip()
    assert status in (f"status={EXIT_OK}", f"status={EXIT_CLOSED_PIPE}")


# -- the screens need a terminal ------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["urge"], ["reasons"]])
def test_the_screens_without_a_terminal_stop_at_once_and_hold_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    db = journal(tmp_path)
    before = db.read_bytes()
    result = run_cli(*command, db=db, timeout=20)  # stdin is /dev/null, stdout a pipe
    assert result.returncode == EXIT_NO_TERMINAL, result.stderr
    assert "need a terminal" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""
    assert db.read_bytes() == before
    doctor = run_cli("doctor", db=db)
    assert "windows open: 0" in doctor.stdout
    added = run_cli("reason", "add", "right after", db=db, timeout=20)
    assert added.returncode == EXIT_OK, added.stderr


def test_a_terminal_in_but_a_pipe_out_is_no_terminal_either(tmp_path: Path) -> None:
    db = journal(tmp_path)
    read_end, write_end = os.pipe()
    import pty

    primary, secondary = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "nocontact_tui", "--db", str(db), "urge"],
            stdin=secondary,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=20,
        )
    finally:
        for fd in (read_end, write_end, primary, secondary):
            os.close(fd)
    assert result.returncode == EXIT_NO_TERMINAL
    assert "need a terminal" in result.stderr


def test_on_a_terminal_the_screens_still_start(tmp_path: Path) -> None:
    """The check lets a real terminal through: the app gets as far as reading the journal."""
    db = tmp_path / "nocontact.json"
    db.write_bytes(b"{broken")
    result = run_cli_on_a_terminal("urge", db=db, timeout=60)
    assert result.returncode == errors.EXIT_DATA
    assert "need a terminal" not in result.stderr


# -- status --check -------------------------------------------------------------------


def test_status_check_says_whether_today_is_reviewed(tmp_path: Path) -> None:
    open_day = journal(tmp_path / "open")
    done_day = journal(tmp_path / "done", reviewed_today=True)

    not_yet = run_cli("status", "--check", db=open_day)
    assert not_yet.returncode == EXIT_NOT_YET and "days without contact" in not_yet.stdout
    done = run_cli("status", "--check", db=done_day)
    assert done.returncode == EXIT_OK and "days without contact" in done.stdout

    quiet_open = run_cli("status", "--check", "--quiet", db=open_day)
    quiet_done = run_cli("status", "--check", "-q", db=done_day)
    assert (quiet_open.returncode, quiet_open.stdout, quiet_open.stderr) == (EXIT_NOT_YET, "", "")
    assert (quiet_done.returncode, quiet_done.stdout, quiet_done.stderr) == (EXIT_OK, "", "")


def test_status_check_without_a_journal_is_not_yet_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "missing" / "nocontact.json"
    result = run_cli("status", "--check", "--quiet", db=db)
    assert (result.returncode, result.stdout) == (EXIT_NOT_YET, "")
    assert not db.parent.exists()


def test_quiet_goes_with_check(tmp_path: Path) -> None:
    result = run_cli("status", "--quiet", db=journal(tmp_path))
    assert result.returncode == EXIT_INPUT and "--check" in result.stderr


def test_plain_status_still_exits_zero_when_the_review_is_open(tmp_path: Path) -> None:
    assert run_cli("status", db=journal(tmp_path)).returncode == EXIT_OK


# -- tab completion ---------------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_name_every_command(shell: str) -> None:
    result = run_cli("completion", shell)
    assert result.returncode == EXIT_OK, result.stderr
    script = result.stdout
    for name in command_names():
        assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", script), (shell, name)
    for option in ("--kind", "--format", "--check", "--restore", "--at"):
        assert option in script, (shell, option)
    assert "i_reached_out" in script  # choices complete too


def test_completion_for_bash_is_valid_bash_and_completes_files_for_db() -> None:
    script = run_cli("completion", "bash").stdout
    checked = subprocess.run(["bash", "-n"], input=script, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "_shtab_compgen_files" in script
