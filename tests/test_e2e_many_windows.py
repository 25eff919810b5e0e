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
