"""A real terminal for tests: one tmux server of our own running one `nocontact` process.

The app runs as `python -m nocontact_tui --db FILE [screen]` from a temporary
folder (never the repository root, where `screens/` would be imported from the
source tree). The server keeps a finished pane (`remain-on-exit`), so a test can
read the exit status and whether the terminal was given back in a sane state.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson

TMUX = shutil.which("tmux")
DEADLINE = 15.0  # seconds; each step normally takes well under one


class Terminal:
    """One tmux server (its own socket), running one app in the window "app"."""

    def __init__(self, db: Path, workdir: Path, *, width: int = 80, height: int = 24) -> None:
        self.socket = f"nctest-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.db = db
        self.workdir = workdir
        self.size = (width, height)
        self.output = workdir / "output.log"  # everything the app wrote to the terminal
        self.pidfile = workdir / "app.pid"
        self.statusfile = workdir / "app.status"
        self.config = workdir / "tmux.conf"
        self.config.write_text("set -g remain-on-exit on\nset -g history-limit 200\n")

    def tmux(self, *args: str, check: bool = True) -> str:
        assert TMUX is not None
        done = subprocess.run(
            [TMUX, "-L", self.socket, "-f", str(self.config), *args],
            capture_output=True,
            text=True,
            check=check,
            timeout=10,
        )
        return done.stdout

    def start(self, *args: str) -> int:
        """Start the app (with `args`, e.g. a screen name); returns the app's process id.

        A shell runs the app and then writes its exit status to a file: tmux's own
        record of a dead pane's status is sometimes missing.
        """
        for left in (self.pidfile, self.statusfile):
            left.unlink(missing_ok=True)
        # A second session keeps the server alive between apps: when its only session
        # ends, tmux exits, and a session started meanwhile fails ("server exited
        # unexpectedly").
        self.tmux("new-session", "-d", "-s", "keep", check=False)
        launch = (
            "import os, sys; open(sys.argv[1], 'w').write(str(os.getpid())); "
            "os.execv(sys.executable, [sys.executable, '-m', 'nocontact_tui', *sys.argv[2:]])"
        )
        argv = [sys.executable, "-c", launch, str(self.pidfile), "--db", str(self.db), *args]
        command = f"{shlex.join(argv)}; echo $? > {shlex.quote(str(self.statusfile))}"
        width, height = self.size
        self.tmux(
            "new-session",
            "-d",
            "-x",
            str(width),
            "-y",
            str(height),
            "-s",
            "app",
            "-c",
            str(self.workdir),
            "-e",
            "PYTHONDONTWRITEBYTECODE=1",
            command,
        )
        # Textual draws on stderr, and a traceback would go there too: keep all of it.
        self.tmux("pipe-pane", "-t", "app", f"cat >> {shlex.quote(str(self.output))}")
        wait_for(lambda: self.pidfile.exists() and self.pidfile.read_text() != "", "the app")
        return int(self.pidfile.read_text())

    def pane(self, variable: str) -> str:
        """One tmux format variable of the app's pane (pane_dead, alternate_on, ...)."""
        return self.tmux("display-message", "-p", "-t", "app", f"#{{{variable}}}").strip()

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "app", check=False)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "app", "-l", text)

    def key(self, *names: str) -> None:
        self.tmux("send-keys", "-t", "app", *names)

    def running(self) -> bool:
        """Whether the window still exists (a closed session is gone, a finished pane stays)."""
        assert TMUX is not None
        probe = [TMUX, "-L", self.socket, "has-session", "-t", "app"]
        return subprocess.run(probe, capture_output=True, timeout=10).returncode == 0

    def dead(self) -> bool:
        """Whether the app has ended (the window is gone, or the shell wrote its status)."""
        return not self.running() or self.exit_status() is not None

    def exit_status(self) -> int | None:
        """The app's exit status as the shell saw it (128 + n for signal n), once it ended."""
        try:
            text = self.statusfile.read_text().strip()
        except FileNotFoundError:
            return None
        return int(text) if text else None

    def close_window(self) -> None:
        """As a closed terminal window does: tmux hangs up the pane (SIGHUP)."""
        self.tmux("kill-session", "-t", "app")

    def wait_for_text(self, *texts: str) -> str:
        """Wait until every one of `texts` is on the screen; returns the screen."""
        seen: list[str] = [""]

        def shown() -> bool:
            seen[0] = self.screen()
            return all(text in seen[0] for text in texts)

        wait_for(shown, f"{texts!r} on screen", lambda: seen[0])
        return seen[0]

    def written(self) -> str:
        """All the app wrote to its terminal (escape codes included)."""
        return self.output.read_text(errors="replace") if self.output.exists() else ""

    def stop(self) -> None:
        self.tmux("kill-server", check=False)
        # tmux leaves the socket file behind; one per test would pile up.
        folder = Path(os.environ.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
        (folder / self.socket).unlink(missing_ok=True)


def wait_for(
    condition: Callable[[], bool],
    what: str,
    show: Callable[[], str] | None = None,
    timeout: float = DEADLINE,
) -> float:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            extra = f"\n--- screen ---\n{show()}" if show else ""
            raise AssertionError(f"timed out waiting for {what}{extra}")
        time.sleep(0.02)
    return time.monotonic() - start


# (turned on, turned off): the alternate screen, the cursor, bracketed paste, mouse reporting
MODES = [("?1049h", "?1049l"), ("?25l", "?25h"), ("?2004h", "?2004l"), ("?1000h", "?1000l")]


def given_back(written: str) -> bool:
    """Whether every terminal mode the app turned on was turned off again at the end.

    (tmux resets a dead pane's cursor flag, so the output itself is the witness.)
    """
    return all(written.rfind("\x1b[" + off) > written.rfind("\x1b[" + on) for on, off in MODES)


def journal(db: Path) -> dict:
    """The journal as it is on disk: {table: {id: doc}}."""
    if not db.exists():
        return {}
    return orjson.loads(db.read_bytes())


def docs(db: Path, table: str) -> list[dict]:
    return list(journal(db).get(table, {}).values())


def alive(pid: int) -> bool:
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


SIGNALS = {"SIGINT": signal.SIGINT, "SIGTERM": signal.SIGTERM, "SIGHUP": signal.SIGHUP}


@contextlib.contextmanager
def journal_terminal(db: Path, workdir: Path, **size: int) -> Iterator[Terminal]:
    """A terminal on a journal past first run, run from `workdir` (never the repo root:
    the app must be imported as installed), stopped afterwards."""
    from nocontact_tui.journal.store import Store

    with Store.open(db) as store:
        store.update_meta({"nc_start": "2026-11-01"})
    workdir.mkdir()
    term = Terminal(db, workdir, **size)
    try:
        yield term
    finally:
        term.stop()
