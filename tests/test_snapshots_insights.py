"""How the insights view looks: a ten-week log at 80x24 and 40x12, further down the page,
in the light theme, with the count hidden, and on a fresh journal."""

from __future__ import annotations

import pytest
from insights_log import fill_log
from textual.pilot import Pilot

from nocontact_tui.journal.store import Store


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_insights(snap_compare, app_factory, set_up_store: Store, size: tuple[int, int]) -> None:
    fill_log(set_up_store)
    assert snap_compare(app_factory("insights"), terminal_size=size)


def test_insights_further_down(snap_compare, app_factory, set_up_store: Store) -> None:
    fill_log(set_up_store)
    assert snap_compare(
        app_factory("insights"), terminal_size=(80, 24), press=["pagedown", "pagedown"]
    )


def test_insights_light(snap_compare, app_factory, set_up_store: Store) -> None:
    fill_log(set_up_store)

    async def in_light(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"
        await pilot.pause()

    assert snap_compare(app_factory("insights"), terminal_size=(80, 24), run_before=in_light)


def test_insights_count_hidden_short_log(snap_compare, app_factory, set_up_store: Store) -> None:
    set_up_store.update_meta({"nc_start": "2026-11-12", "day_starts_at": 4, "hide_count": True})
    for day in ("2026-11-13", "2026-11-16", "2026-11-19"):
        set_up_store.insert(
            "urges",
            {"started_at": f"{day}T21:30:00+01:00", "ratings": [[0, 7]], "outcome": "surfed"},
        )
    assert snap_compare(app_factory("insights"), terminal_size=(80, 24))


def test_insights_fresh(snap_compare, app_factory, store: Store) -> None:
    assert snap_compare(app_factory("insights"), terminal_size=(80, 24))
