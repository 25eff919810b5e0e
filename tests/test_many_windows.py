"""One journal, many windows (issue 16): the app never holds the journal's lock while open.

A window and shell commands write to the same file at once; nothing is refused,
nothing is lost, and the window shows what the others wrote.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli
from nocontact_tui.screens.home import HomeScreen
from textual.widgets import Digits

from nocontact_tui.app import make_app
from nocontact_tui.domain.clock import FrozenClock
from nocontact_tui.domain.contacts import list_contacts
from nocontact_tui.journal.store import Store


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

    from nocontact_tui.journal.locations import windows_dir
    from nocontact_tui.journal.windows import open_windows, window_open

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


def test_a_letter_edited_in_two_windows_keeps_both_versions(
    db_path: Path, clock: FrozenClock
) -> None:
    from nocontact_tui.domain.letters import Draft, create_letter, get_letter, list_letters

    with Store.open(db_path) as first, Store.open(db_path) as second:
        letter_id = create_letter(first, now=clock.now(), title="Evening", body="It began")
        second.refresh()
        mine = Draft.of(get_letter(first, letter_id))
        theirs = Draft.of(get_letter(second, letter_id))
        theirs.body = "It began in the other window, and went on there"
        assert theirs.save(second, clock.now())
        mine.body = "It began, and here it went on differently"
        assert mine.save(first, clock.now())  # an older copy: it must not overwrite
        assert mine.moved_from == letter_id and mine.letter_id != letter_id
        # A later save of the same draft goes on into its own new letter.
        mine.body += ", and on"
        assert mine.save(first, clock.now())
    with Store.open(db_path) as after:
        bodies = sorted(letter.body for letter in list_letters(after))
        assert bodies == [
            "It began in the other window, and went on there",
            "It began, and here it went on differently, and on",
        ]


def test_autosave_has_a_ceiling_while_someone_types_without_a_pause() -> None:
    from nocontact_tui.screens.letter_editor import AUTOSAVE_CEILING, autosave_delay

    # A key every half second from t=0: the pause keeps moving, the ceiling does not.
    delays = [autosave_delay(0.0, now) for now in (0.0, 0.5, 10.0, 29.5, 29.9, 30.0, 45.0)]
    assert delays[:3] == [1.0, 1.0, 1.0]
    assert delays[3] == 0.5 and abs(delays[4] - 0.1) < 1e-9
    assert delays[5] == delays[6] == 0.01  # due now: a save within the ceiling
    assert AUTOSAVE_CEILING == 30.0


async def test_a_long_unbroken_stretch_of_typing_is_saved_before_it_ends(
    set_up_store: Store, clock: FrozenClock, db_path: Path, monkeypatch
) -> None:
    import json

    from nocontact_tui.screens import letter_editor

    # The editor's own clock, moved by hand: ten seconds between keys, each key well
    # inside the one-second pause's reach of the next (it restarts the pause).
    now = [1000.0]
    monkeypatch.setattr(letter_editor, "monotonic", lambda: now[0])
    app = make_app(set_up_store, clock=clock, start="letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        for _ in range(3):  # 0 s, 10 s, 20 s: the ceiling is not reached yet
            await pilot.press("a")
            now[0] += 10.0
        bodies = [doc["body"] for doc in json.loads(db_path.read_text())["letters"].values()]
        assert "aaa" not in bodies  # no pause yet, so no save yet
        await pilot.press("a")  # at 30 s: the ceiling: saved now, though typing goes on
        await pilot.pause()
        await pilot.pause()
        bodies = [doc["body"] for doc in json.loads(db_path.read_text())["letters"].values()]
        assert "aaaa" in bodies, bodies


def test_three_processes_interleave_300_writes_and_none_is_lost(db_path: Path) -> None:
    """Every acknowledged write is in the file at the end, none was refused, and every
    time the file was read meanwhile it parsed."""
    import subprocess
    import sys
    import textwrap

    import orjson

    with Store.open(db_path) as store:
        store.update_meta({"nc_start": "2026-11-01"})
    writer = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from nocontact_tui.journal.store import Store
        name, count = sys.argv[2], int(sys.argv[3])
        with Store.open(Path(sys.argv[1])) as store:
            for n in range(count):
                store.insert("reasons", {"text": f"{name} {n}", "category": None, "position": n})
                print(f"{name} {n}", flush=True)  # acknowledged
        """
    )
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", writer, str(db_path), name, "100"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("first", "second", "third")
    ]
    reads = 0
    while any(w.poll() is None for w in writers):
        orjson.loads(db_path.read_bytes())  # never torn, never half a write
        reads += 1
    acknowledged: list[str] = []
    for w in writers:
        out, err = w.communicate()
        assert w.returncode == 0, err  # no refusal
        acknowledged += out.split("\n")[:-1]
    assert len(acknowledged) == 300 and reads > 0
    with Store.open(db_path) as after:
        texts = [d["text"] for _, d in after.docs("reasons")]
    assert sorted(texts) == sorted(acknowledged)


def test_changing_what_another_window_removed_is_told_not_a_crash(
    db_path: Path, clock: FrozenClock
) -> None:
    import pytest

    from nocontact_tui.domain.reasons import add_reason, delete_reason, edit_reason
    from nocontact_tui.journal.errors import GoneError

    with Store.open(db_path) as first, Store.open(db_path) as second:
        reason_id = add_reason(first, "the first words", now=clock.now())
        second.refresh()
        delete_reason(first, reason_id)
        before = db_path.read_bytes()
        with pytest.raises(GoneError) as told:
            edit_reason(second, reason_id, "an edit from a stale window", now=clock.now())
        assert "removed in another window" in told.value.text
        with pytest.raises(GoneError):
            delete_reason(second, reason_id)
        assert db_path.read_bytes() == before


@pytest.fixture
def full(monkeypatch: pytest.MonkeyPatch) -> dict[str, bool]:
    """A disk that is full while `full["on"]` is true: every journal write fails."""
    import errno

    import nocontact_tui.journal.store as store_module

    real_write = store_module.atomic_write
    state = {"on": False}

    def disk(path: Path, data: bytes) -> None:
        if state["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(store_module, "atomic_write", disk)
    return state


def test_a_failed_write_is_merged_with_another_windows_change_not_written_over_it(
    db_path: Path, full: dict[str, bool]
) -> None:
    """A write that failed (the disk was full) stays in memory and is written on the next
    try; another window's change made meanwhile is kept too, never written over."""
    from nocontact_tui.journal.errors import WriteError

    with Store.open(db_path) as first, Store.open(db_path) as second:
        first.insert("reasons", {"text": "before", "category": None, "position": 0})
        second.refresh()
        full["on"] = True
        with pytest.raises(WriteError):
            first.insert(
                "reasons", {"text": "while the disk was full", "category": None, "position": 1}
            )
        full["on"] = False
        second.insert("reasons", {"text": "from the other window", "category": None, "position": 2})
        # The first window looks at the file again: it sees the other window's reason and
        # still holds its own unsaved one.
        first.refresh()
        texts = sorted(d["text"] for _, d in first.docs("reasons"))
        assert texts == ["before", "from the other window", "while the disk was full"]
        assert first.unsaved
        first.insert("reasons", {"text": "after", "category": None, "position": 3})
        assert not first.unsaved
    with Store.open(db_path) as after:
        texts = sorted(d["text"] for _, d in after.docs("reasons"))
    assert texts == ["after", "before", "from the other window", "while the disk was full"]


def test_saving_again_after_a_failed_write_keeps_another_windows_change(
    db_path: Path, full: dict[str, bool]
) -> None:
    from nocontact_tui.journal.errors import WriteError

    with Store.open(db_path) as first, Store.open(db_path) as second:
        kept = first.insert("reasons", {"text": "kept", "category": None, "position": 0})
        second.refresh()
        full["on"] = True
        with pytest.raises(WriteError):
            first.update("reasons", kept, {"text": "kept, edited while the disk was full"})
        full["on"] = False
        second.insert("reasons", {"text": "from the other window", "category": None, "position": 1})
        first.save()  # what the app does on the way out
    with Store.open(db_path) as after:
        texts = sorted(d["text"] for _, d in after.docs("reasons"))
    assert texts == ["from the other window", "kept, edited while the disk was full"]
