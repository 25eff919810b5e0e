"""Every screen in Textual's light theme, at 80x24: readable, with help and quit on show.

The dark theme is what the other snapshot files show; these pictures catch a
colour that only works on a dark background.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

import pytest
from conftest import NOW
from test_snapshots_streak import with_history
from test_snapshots_urge import to_outcome, to_surf
from textual.pilot import Pilot

from nocontact_tui.app import NoContactApp
from nocontact_tui.domain.clock import FrozenClock
from nocontact_tui.domain.letters import create_letter, seal_letter
from nocontact_tui.domain.reasons import add_reason
from nocontact_tui.journal.store import Store

AppFactory = Callable[..., NoContactApp]
Step = Callable[[Pilot], Awaitable[None]]
SIZE = (80, 24)
REASON = "I was always the one who said sorry first"


def in_light(*keys: str, then: Step | None = None) -> Step:
    """Switch to textual-light, then press `keys` (or run `then`)."""

    async def run_before(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"
        await pilot.pause()
        if then is not None:
            await then(pilot)
        if keys:
            await pilot.press(*keys)
        await pilot.pause()

    return run_before


@pytest.fixture
def lived_in(set_up_store: Store, clock: FrozenClock) -> Store:
    """Three months of history, a reason, a draft and a sealed letter."""
    with_history(set_up_store)
    add_reason(set_up_store, REASON, now=NOW)
    sealed = create_letter(
        set_up_store,
        now=clock.now(),
        title="What I needed and did not get",
        body="I needed you to notice when I was tired.\nI am learning to notice it myself.",
    )
    seal_letter(set_up_store, sealed)
    create_letter(set_up_store, now=clock.now(), title="To the flat", body="You were mine first.")
    return set_up_store


SCREENS: dict[str, tuple[str, Sequence[str], Step | None]] = {
    "home": ("home", [], None),
    "help": ("home", ["question_mark"], None),
    "urge_check_in": ("urge", [], None),
    "urge_surf": ("urge", [], to_surf),
    "urge_land": ("urge", [], to_outcome),
    "reasons": ("reasons", [], None),
    "letters": ("letters", [], None),
    "letter_editor": ("letters", ["enter"], None),
    "seal_question": ("letters", ["p"], None),
    "streak": ("streak", [], None),
    "review": ("review", [], None),
    "contact": ("contact", [], None),
    "traps": ("traps", ["down", "down"], None),
}


@pytest.mark.parametrize("name", list(SCREENS))
def test_light(snap_compare, app_factory: AppFactory, lived_in: Store, name: str) -> None:
    start, keys, then = SCREENS[name]
    assert snap_compare(
        app_factory(start), terminal_size=SIZE, run_before=in_light(*keys, then=then)
    )


def test_light_first_run(snap_compare, app_factory: AppFactory, store: Store) -> None:
    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=in_light())
