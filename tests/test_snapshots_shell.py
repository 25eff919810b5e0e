"""How the shell's screens look: home, first run and help, at 80x24 and at 40x12."""

from __future__ import annotations

import pytest
from conftest import NOW

from nocontact_tui.domain.reasons import add_reason
from nocontact_tui.journal.store import Store

SIZES = [(80, 24), (40, 12)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare, app_factory, set_up_store: Store, size: tuple[int, int]) -> None:
    add_reason(set_up_store, "I was always the one who said sorry first", now=NOW)
    assert snap_compare(app_factory(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_first_run(snap_compare, app_factory, store: Store, size: tuple[int, int]) -> None:
    assert snap_compare(app_factory(), terminal_size=size)


def test_help(snap_compare, app_factory, set_up_store: Store) -> None:
    assert snap_compare(app_factory(), terminal_size=(80, 24), press=["question_mark"])
