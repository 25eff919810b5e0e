"""How the settings screen looks, at 80x24 and at 40x12."""

from __future__ import annotations

import pytest

from nocontact_tui.journal.store import Store

SIZES = [(80, 24), (40, 12)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_settings(snap_compare, app_factory, set_up_store: Store, size: tuple[int, int]) -> None:
    set_up_store.update_meta({"urge_minutes": 15, "idle_lock_minutes": 5})
    assert snap_compare(app_factory(), terminal_size=size, press=["o"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_settings_field_with_a_problem(
    snap_compare, app_factory, set_up_store: Store, size: tuple[int, int]
) -> None:
    """The start date's field open, a future date refused, what was typed still there."""
    keys = ["o", "enter", *["backspace"] * 10, *"2099-01-01", "enter"]
    assert snap_compare(app_factory(), terminal_size=size, press=keys)
