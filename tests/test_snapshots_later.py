"""How letters for later and the milestone moment look: Home with a letter ready, Home
with a milestone, and the question after re-reading, at 80x24 and 40x12."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from conftest import NOW

from nocontact_tui.app import NoContactApp
from nocontact_tui.domain.clock import FrozenClock
from nocontact_tui.domain.letters import create_letter, seal_letter
from nocontact_tui.domain.reasons import add_reason
from nocontact_tui.journal.store import Store

AppFactory = Callable[..., NoContactApp]
SIZES = [(80, 24), (40, 12)]
TODAY = date(2026, 11, 21)
sizes = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


@pytest.fixture
def letter_ready(set_up_store: Store, clock: FrozenClock) -> Store:
    add_reason(set_up_store, "I was always the one who said sorry first", now=NOW)
    letter_id = create_letter(
        set_up_store,
        now=clock.now() - timedelta(days=30),
        title="The week it ended",
        body="I was tired of waiting to be chosen.\nI am choosing myself now.",
    )
    seal_letter(set_up_store, letter_id, TODAY)
    return set_up_store


@sizes
def test_home_with_a_letter_ready(
    snap_compare, app_factory: AppFactory, letter_ready: Store, size: tuple[int, int]
) -> None:
    assert snap_compare(app_factory(), terminal_size=size)


@sizes
def test_home_with_a_milestone(
    snap_compare, app_factory: AppFactory, set_up_store: Store, size: tuple[int, int]
) -> None:
    add_reason(set_up_store, "I was always the one who said sorry first", now=NOW)
    set_up_store.update_meta({"nc_start": (TODAY - timedelta(days=7)).isoformat()})
    assert snap_compare(app_factory(), terminal_size=size)


@sizes
def test_the_reread_question(
    snap_compare, app_factory: AppFactory, letter_ready: Store, size: tuple[int, int]
) -> None:
    assert snap_compare(app_factory(), terminal_size=size, press=["e", "escape"])
