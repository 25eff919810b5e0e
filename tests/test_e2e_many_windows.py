"""End to end, two real windows on one journal (issue 16).

With the app open in one tmux window, `nocontact urge` in a second opens at once
and its wave is saved; a contact logged from the shell shows on the first window's
Home without a key; doctor counts both windows; nothing is lost.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli
from tmux_helpers import TMUX, Terminal, docs, journal_terminal, wait_for

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


def test_two_windows_and_the_shell_on_one_journal(tmp_path: Path) -> None:
    db = tmp_path / "journal" / "nocontact.json"
    with journal_terminal(db, tmp_path / "first") as first:
        first.start()
        first.wait_for_text("days without contact")
        (tmp_path / "second").mkdir()
        second = Terminal(db, tmp_path / "second")
        try:
            second.start("urge")
            second.wait_for_text("how strong is the urge")  # opened, not refused
            second.key("8")
            wait_for(lambda: bool(docs(db, "urges")), "the second window's wave", second.screen)

            logged = run_cli("contact", "log", "--kind", "met", db=db)
            assert logged.returncode == 0, logged.stderr
            # The first window shows it within its look at the file, without a key.
            first.wait_for_text("Your new stretch begins")

            doctor = run_cli("doctor", db=db)
            assert "windows open: 2" in doctor.stdout, doctor.stdout

            first.key("r")
            first.wait_for_text("why it ended")
            first.key("a")
            first.wait_for_text("Write a reason, then press enter")  # the field is there
            first.type("written in the first window")
            first.key("Enter")
            wait_for(lambda: bool(docs(db, "reasons")), "the reason", first.screen)
        finally:
            second.stop()
    assert [d["kind"] for d in docs(db, "contacts")] == ["met"]
    assert [d["ratings"] for d in docs(db, "urges")] == [[[0, 8]]]
    assert [d["text"] for d in docs(db, "reasons")] == ["written in the first window"]


SHELL_WRITER = """
import random
import sys
import time

from nocontact_tui.cli.main import main

db, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for n in range(count):
    # The same code path as `nocontact reason add TEXT`, without a new interpreter each time.
    code = main(["--db", db, "reason", "add", f"{name} {n}"])
    if code != 0:
        sys.exit(code)
    print(f"{name} {n}", flush=True)  # acknowledged: the command said it was saved
    time.sleep(random.uniform(0.02, 0.3))  # spread out, so they land between the windows' writes
"""


def test_two_windows_and_two_shell_writers_interleave_300_writes(tmp_path: Path) -> None:
    """Issue 16, as worded: two app windows in tmux and two shell writers on one journal,
    300 interleaved writes. Every acknowledged write is in the file, nothing is refused,
    and the file parses every time it is read meanwhile."""
    import subprocess
    import sys

    db = tmp_path / "journal" / "nocontact.json"
    per_window, per_writer = 50, 100
    assert run_cli("settings", "start", "2026-11-01", db=db).returncode == 0
    windows: list[Terminal] = []
    writers: list[subprocess.Popen[str]] = []
    reads = 0
    try:
        for name in ("left", "right"):
            (tmp_path / name).mkdir()
            window = Terminal(db, tmp_path / name)
            windows.append(window)
            window.start("reasons")
            window.wait_for_text("why it ended")
        writers = [
            subprocess.Popen(
                [sys.executable, "-c", SHELL_WRITER, str(db), name, str(per_writer)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                stdin=subprocess.DEVNULL,
            )
            for name in ("shell-a", "shell-b")
        ]

        def reasons_written() -> list[str]:
            # The file may hold no reason yet (only the start date): that is an empty list.
            return [d["text"] for d in docs(db, "reasons")]

        for n in range(per_window):
            for window, name in zip(windows, ("left", "right"), strict=True):
                window.key("a")
                window.wait_for_text("Write a reason, then press enter")
                window.type(f"{name} {n}")
                window.key("Enter")
            for name in ("left", "right"):
                # Acknowledged when it is in the file; every read of it must parse.
                wait_for(
                    lambda text=f"{name} {n}": text in reasons_written(),
                    f"{name} {n} in the file",
                    windows[0].screen,
                )
                reads += 1
    finally:
        shell_written: list[str] = []
        for writer in writers:
            out, err = writer.communicate(timeout=300)
            assert writer.returncode == 0, err  # never refused
            shell_written += [
                text_line for text_line in out.splitlines() if text_line.startswith("shell-")
            ]
        screens = [window.screen() for window in windows]
        for window in windows:
            window.stop()
    assert reads == 2 * per_window
    for screen in screens:
        assert "Couldn't save" not in screen and "Nothing was saved" not in screen, screen
    window_written = [f"{name} {n}" for n in range(per_window) for name in ("left", "right")]
    assert len(shell_written) == 2 * per_writer
    in_file = [d["text"] for d in docs(db, "reasons")]
    assert sorted(in_file) == sorted(window_written + shell_written)  # none lost, none twice
