"""How urge surfing looks at each step, and the trap cards, at 80x24 and at 40x12.

Anything that moves (the countdown, the wave, the pacer, the prompts) reads the
FrozenClock, so the pictures only change when a test advances it.
"""

from __future__ import annotations

import pytest
from conftest import NOW
from textual.pilot import Pilot

from nocontact_tui.domain.reasons import add_reason
from nocontact_tui.journal.store import Store

SIZES = [(80, 24), (40, 12)]


def size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


async def advance(pilot: Pilot, seconds: float) -> None:
    pilot.app.clock.advance(seconds)
    pilot.app.screen.tick()
    await pilot.pause()


async def to_surf(pilot: Pilot) -> None:
    """An urge of 8, the first trap, nothing typed; 252 s in, one rating given, the next asked."""
    await pilot.press("8", "1", "enter")
    await advance(pilot, 150)
    await pilot.press("6")
    await advance(pilot, 102)


async def to_outcome(pilot: Pilot) -> None:
    await to_surf(pilot)
    await pilot.press("4", "enter", "3")


@pytest.fixture
def with_reason(set_up_store: Store) -> Store:
    add_reason(set_up_store, "I was always the one who said sorry first", now=NOW)
    return set_up_store


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_check_in(snap_compare, app_factory, store: Store, size: tuple[int, int]) -> None:
    assert snap_compare(app_factory("urge"), terminal_size=size)


def test_check_in_trap(snap_compare, app_factory, store: Store) -> None:
    assert snap_compare(app_factory("urge"), terminal_size=(80, 24), press=["8", "down"])


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_surf(snap_compare, app_factory, with_reason: Store, size: tuple[int, int]) -> None:
    assert snap_compare(app_factory("urge"), terminal_size=size, run_before=to_surf)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_land(snap_compare, app_factory, with_reason: Store, size: tuple[int, int]) -> None:
    assert snap_compare(app_factory("urge"), terminal_size=size, run_before=to_outcome)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_traps(snap_compare, app_factory, set_up_store: Store, size: tuple[int, int]) -> None:
    assert snap_compare(app_factory("traps"), terminal_size=size, press=["down", "down"])


def test_done(snap_compare, app_factory, with_reason: Store) -> None:
    async def rode_it_out(pilot: Pilot) -> None:
        await to_outcome(pilot)
        await pilot.press("1")

    assert snap_compare(app_factory("urge"), terminal_size=(80, 24), run_before=rode_it_out)
