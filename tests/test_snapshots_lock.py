"""How the lock screen and the cover look: nothing of the journal, at any size."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NOW
from test_lock_screen import write_journal

from nocontact_tui.app import make_app
from nocontact_tui.domain.clock import FrozenClock
from nocontact_tui.journal import crypto
from nocontact_tui.journal.store import Store


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "DEFAULT_N", 2**10)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_lock_screen(
    snap_compare, db_path: Path, clock: FrozenClock, size: tuple[int, int]
) -> None:
    write_journal(db_path, sealed=True)
    with Store.open(db_path, lazy=True, today=NOW.date()) as store:
        app = make_app(store, clock=clock)
        assert snap_compare(app, terminal_size=size, press=[*"typed"])


def test_idle_cover_of_a_plain_journal(snap_compare, db_path: Path, clock: FrozenClock) -> None:
    write_journal(db_path, sealed=False, idle_minutes=5)
    with Store.open(db_path, today=NOW.date()) as store:
        app = make_app(store, clock=clock)

        async def idle(pilot) -> None:  # noqa: ANN001
            clock.advance(300)
            app.check_idle_lock()
            await pilot.pause()

        assert snap_compare(app, terminal_size=(80, 24), run_before=idle)


def test_panic_cover(snap_compare, db_path: Path, clock: FrozenClock) -> None:
    write_journal(db_path, sealed=False)
    with Store.open(db_path, today=NOW.date()) as store:
        app = make_app(store, clock=clock)
        assert snap_compare(app, terminal_size=(80, 24), press=["ctrl+backslash"])
