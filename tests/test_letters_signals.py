"""A real process in a real terminal: the letter survives SIGHUP, SIGTERM and a closed window.

The app runs in tmux on a temporary journal. Text is typed, and the signal is
sent well inside the one-second autosave pause, so only the signal handler can
have saved the last words.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tmux_helpers import TMUX, Terminal, alive, journal_terminal, wait_for

from nocontact_tui.journal.store import Store

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(TMUX is None, reason="tmux is not installed")]

FIRST = "Dear me. 我想说 😀 שלום, "
LAST = "and this last half-sentence zebra42"


def bodies(db: Path) -> list[str]:
    if not db.exists():
        return []
    return [doc["body"] for doc in json.loads(db.read_bytes()).get("letters", {}).values()]


@pytest.fixture
def terminal(db_path: Path, tmp_path: Path) -> Iterator[Terminal]:
    with journal_terminal(db_path, tmp_path / "cwd") as term:
        yield term


@pytest.mark.parametrize("way_out", ["SIGHUP", "SIGTERM", "close the window"])
def test_a_letter_survives_the_terminal_going_away(
    terminal: Terminal, db_path: Path, way_out: str
) -> None:
    pid = terminal.start("letters")
    wait_for(lambda: "New" in terminal.screen(), "the letters list")
    terminal.key("n")
    wait_for(lambda: "Prompt" in terminal.screen(), "the editor")
    terminal.type(FIRST)
    # The first words reach the disk after the pause in typing: autosave works in a real run.
    wait_for(lambda: FIRST in bodies(db_path), "the autosave")

    sent = time.monotonic()
    terminal.type(LAST)
    wait_for(lambda: "zebra42" in terminal.screen(), "the last words on screen")
    on_disk_before = bodies(db_path)
    signalled_after = time.monotonic() - sent
    if way_out == "close the window":
        terminal.close_window()  # tmux hangs up the pane: SIGHUP, as a closed window does
    else:
        os.kill(pid, getattr(signal, way_out))
    wait_for(terminal.dead, "the app to exit")
    wait_for(lambda: not alive(pid), "the process to end")

    if signalled_after < 0.8:  # inside the pause: the autosave cannot have written LAST yet
        assert FIRST + LAST not in on_disk_before
    assert bodies(db_path) == [FIRST + LAST]
    with Store.open(db_path):  # the lock was let go: the app can be opened again at once
        pass
