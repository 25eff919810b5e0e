"""One journal, many windows (issue 16): the app never holds the journal's lock while open.

A window and shell commands write to the same file at once; nothing is refused,
nothing is lost, and the window shows what the others wrote.
"""

from __future__ import annotations

from pathlib import Path

from helpers import run_cli
from nocontact_tui.screens.home import HomeScreen
from textual.widgets import Digits

from nocontact_tui.app import make_app
from nocontact_tui.clock import FrozenClock
from nocontact_tui.contacts import list_contacts
from nocontact_tui.store import Store


async def test_a_contact_logged_from_the_shell_shows_on_an_open_home(
    set_up_store: Store, clock: FrozenClock, db_path: Path
) -> None:
    set_up_store.insert("reasons", {"text": "written before", "category": None, "position": 1})
    app = make_app(set_up_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#streak-digits", Digits).value == "20"
        logged = run_cli(
            "contact", "log", "--kind", "met", "--at", clock.now().isoformat(), db=db_path
        )
        assert logged.returncode == 0, logged.stderr
        app.show_others_writes()  # what the window's two-second look does
        await pilot.pause()
        assert app.screen.query_one("#streak-digits", Digits).value == "0"
        # The window writes on top of the shell's change, never over it.
        await pilot.press("u", "7", "s", "enter")
        await pilot.pause()
    with Store.open(db_path) as after:
        assert [c.kind for c in list_contacts(after)] == ["met"]
        assert len(list(after.docs("urges"))) == 1


async def test_nocontact_urge_opens_while_another_window_has_the_journal(
    set_up_store: Store, clock: FrozenClock, db_path: Path
) -> None:
    first = make_app(set_up_store, clock=clock)
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        with Store.open(db_path, lazy=True) as second_store:  # what `nocontact urge` opens
            second = make_app(second_store, clock=clock, start="urge")
            async with second.run_test(size=(80, 24)) as other:
                await other.press("8", "s", "enter")
                await other.pause()
                assert second.screen.id == "urge"
            await pilot.press("a", *"a reason from the first window", "enter")
            await pilot.pause()
    with Store.open(db_path) as after:
        assert [d["ratings"] for _, d in after.docs("urges")] == [[[0, 8]]]
        assert [d["text"] for _, d in after.docs("reasons")] == ["a reason from the first window"]


def test_doctor_counts_the_windows_open_now(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from nocontact_tui.locations import windows_dir
    from nocontact_tui.windows import open_windows, window_open

    db = tmp_path / "nocontact.json"
    assert open_windows(db) == 0
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True
    )
    dead_pid = int(gone.stdout)
    windows_dir(db).mkdir(parents=True)
    stale = windows_dir(db) / f"{db.name}-{dead_pid}"
    stale.touch()  # a window that was killed
    assert open_windows(db) == 0
    with window_open(db):
        assert open_windows(db) == 1
        assert not stale.exists()  # the next window tidies up after a killed one
        mark = windows_dir(db) / f"{db.name}-{os.getpid()}"
        assert oct(mark.stat().st_mode & 0o777) == "0o600"
        assert "windows open: 1" in run_cli("doctor", db=db).stdout
    assert open_windows(db) == 0
