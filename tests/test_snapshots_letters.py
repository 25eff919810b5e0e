"""How the letters screens look: the list, the editor, a sealed letter, the release question."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nocontact_tui.app import NoContactApp
from nocontact_tui.domain.clock import FrozenClock
from nocontact_tui.domain.letters import create_letter, pick_prompt, seal_letter
from nocontact_tui.journal.store import Store

AppFactory = Callable[..., NoContactApp]


@pytest.fixture
def some_letters(set_up_store: Store, clock: FrozenClock) -> Store:
    store = set_up_store
    clock.advance(-3 * 86400)
    sealed = create_letter(
        store,
        now=clock.now(),
        title="What I needed and did not get",
        body="I needed you to notice when I was tired.\nI am learning to notice it myself.",
    )
    seal_letter(store, sealed)
    clock.advance(2 * 86400)
    create_letter(
        store,
        now=clock.now(),
        title="",
        body="我想说的话 😀 and the rest of a sentence that runs long",
    )
    clock.advance(86400 - 3600)
    create_letter(
        store,
        now=clock.now(),
        title="To the flat on Wiesenstraße",
        body="You were the first place that was mine.",
        prompt=pick_prompt(13),
    )
    clock.advance(3600)
    return store


def test_empty_list(snap_compare, set_up_store: Store, app_factory: AppFactory) -> None:
    assert snap_compare(app_factory("letters"), terminal_size=(80, 24))


def test_list_with_letters(snap_compare, some_letters: Store, app_factory: AppFactory) -> None:
    assert snap_compare(app_factory("letters"), terminal_size=(80, 24))


def test_editor(snap_compare, some_letters: Store, app_factory: AppFactory) -> None:
    assert snap_compare(app_factory("letters"), terminal_size=(80, 24), press=["enter"])


def test_sealed_letter(snap_compare, some_letters: Store, app_factory: AppFactory) -> None:
    assert snap_compare(
        app_factory("letters"), terminal_size=(80, 24), press=["down", "down", "enter"]
    )


def test_release_confirmation(snap_compare, some_letters: Store, app_factory: AppFactory) -> None:
    assert snap_compare(app_factory("letters"), terminal_size=(80, 24), press=["x", "t", "o"])


def test_tiny_terminal_list(snap_compare, some_letters: Store, app_factory: AppFactory) -> None:
    assert snap_compare(app_factory("letters"), terminal_size=(40, 12))


def test_tiny_terminal_editor(snap_compare, some_letters: Store, app_factory: AppFactory) -> None:
    assert snap_compare(app_factory("letters"), terminal_size=(40, 12), press=["enter"])
