"""A real process in a real terminal: the letter survives SIGHUP, SIGTERM and a closed window.

The app runs in tmux on a temporary journal. Text is typed, and the signal is
sent well inside the one-second autosave pause, so only the signal handler can
have saved the last words.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from nocontact_tui.store import Store

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

FIRST = "Dear me. 我想说 😀 שלום, "
LAST = "and this last half-sentence zebra42"
DEADLINE = 15.0  # seconds; each step normally takes well under one


class Terminal:
    """One tmux server of our own (its own socket), running one app."""

    def __init__(self, db: Path) -> None:
        self.socket = f"lettertest-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.db = db

    def tmux(self, *args: str, check: bool = True) -> str:
        assert TMUX is not None
        done = subprocess.run(
            [TMUX, "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=check,
            timeout=10,
        )
        return done.stdout

    def start(self) -> int:
        command = f"exec {sys.executable} -m nocontact_tui --db {self.db} letters"
        self.tmux(
            "-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24", "-s", "app", command
        )
        return int(self.tmux("list-panes", "-t", "app", "-F", "#{pane_pid}").strip())

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "app", check=False)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "app", "-l", text)

    def key(self, name: str) -> None:
        self.tmux("send-keys", "-t", "app", name)

    def running(self) -> bool:
        assert TMUX is not None
        probe = [TMUX, "-L", self.socket, "has-session", "-t", "app"]
        return subprocess.run(probe, capture_output=True, timeout=10).returncode == 0

    def stop(self) -> None:
        self.tmux("kill-server", check=False)


def wait_for(condition: Callable[[], bool], what: str) -> float:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > DEADLINE:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)
    return time.monotonic() - start


def bodies(db: Path) -> list[str]:
    if not db.exists():
        return []
    return [doc["body"] for doc in json.loads(db.read_bytes()).get("letters", {}).values()]


@pytest.fixture
def terminal(db_path: Path) -> Iterator[Terminal]:
    with Store.open(db_path) as store:  # past first run
        store.update_meta({"nc_start": "2026-11-01"})
    term = Terminal(db_path)
    try:
        yield term
    finally:
        term.stop()


@pytest.mark.parametrize("way_out", ["SIGHUP", "SIGTERM", "close the window"])
def test_a_letter_survives_the_terminal_going_away(
    terminal: Terminal, db_path: Path, way_out: str
) -> None:
    pid = terminal.start()
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
        terminal.tmux(
            "kill-session", "-t", "app"
        )  # tmux hangs up the pane: SIGHUP, as a closed window does
    else:
        os.kill(pid, getattr(signal, way_out))
    wait_for(lambda: not terminal.running(), "the app to exit")
    wait_for(lambda: not _alive(pid), "the process to end")

    if signalled_after < 0.8:  # inside the pause: the autosave cannot have written LAST yet
        assert FIRST + LAST not in on_disk_before
    assert bodies(db_path) == [FIRST + LAST]
    with Store.open(db_path):  # the lock was let go: the app can be opened again at once
        pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return "zombie"
