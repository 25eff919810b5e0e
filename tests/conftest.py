"""Shared fixtures: a temporary journal, a frozen clock in a fixed zone, and the app factory.

The user's real data folder is kept out of reach: HOME and the XDG folders point
into the test's temporary directory, and NOCONTACT_DB is cleared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nocontact_tui.app import NoContactApp, make_app
from nocontact_tui.domain.clock import FrozenClock
from nocontact_tui.journal.store import Store

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("NOCONTACT_DB", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "nocontact.json"


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW, tz=BERLIN)


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path, today=NOW.date()) as opened:
        yield opened


@pytest.fixture
def set_up_store(store: Store) -> Store:
    """A journal past first run: no contact since 1 November, day starts at 4."""
    store.update_meta({"nc_start": date(2026, 11, 1).isoformat(), "day_starts_at": 4})
    return store


@pytest.fixture
def app_factory(store: Store, clock: FrozenClock) -> Callable[..., NoContactApp]:
    def build(start: str = "home") -> NoContactApp:
        return make_app(store, clock=clock, start=start)

    return build
