"""Shared fixtures: a temporary journal, a frozen clock in a fixed zone, and the app factory.

The user's real data folder is kept out of reach: HOME and the XDG folders point
into the test's temporary directory, and NOCONTACT_DB is cleared.

Every test is in one tier (markers registered in pyproject.toml), so `pytest -m unit`
is the quick inner loop:

- e2e: the real program in other processes: in tmux, killed mid-write, built and
  installed from a wheel. Modules named `test_e2e_*` and tests marked `e2e`.
- snapshot: a picture of a screen (`snap_compare`).
- pilot: the app driven headless with `App.run_test` (async tests, or `app_factory`).
- unit: the rest: plain Python, no app on screen.

A test or module may name its tier with a marker; otherwise it is found as above.
"""

from __future__ import annotations

import inspect
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


TIERS = ("unit", "pilot", "snapshot", "e2e")


def tier_of(item: pytest.Item) -> str:
    named = {mark.name for mark in item.iter_markers() if mark.name in TIERS}
    if len(named) > 1:
        raise pytest.UsageError(f"{item.nodeid} is marked with more than one tier: {named}")
    if named:
        return named.pop()
    fixtures = set(getattr(item, "fixturenames", ()))
    if item.path.name.startswith("test_e2e_"):
        return "e2e"
    if "snap_compare" in fixtures:
        return "snapshot"
    if inspect.iscoroutinefunction(getattr(item, "function", None)) or "app_factory" in fixtures:
        return "pilot"
    return "unit"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        tier = tier_of(item)
        if not item.get_closest_marker(tier):
            item.add_marker(getattr(pytest.mark, tier))


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
