"""Layout: no sentence cut at the right edge, nothing wrapped into the wave, wide terminals used."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import NOW
from test_keys_everywhere import WALKS
from test_snapshots_streak import with_history
from textual.app import App
from textual.widget import Widget
from textual.widgets import DataTable, Static

from nocontact_tui.app import NoContactApp
from nocontact_tui.domain.contacts import log_contact
from nocontact_tui.domain.letters import create_letter
from nocontact_tui.domain.reasons import add_reason
from nocontact_tui.journal.store import Store
from nocontact_tui.widgets.heatmap import CalendarHeatmap

AppFactory = Callable[..., NoContactApp]
LONG_REASON = (
    "I was always the one who said sorry first, and I am tired of carrying both sides of "
    "every argument we ever had"
)


def cut_off(app: App[object]) -> list[str]:
    """Text widgets wider than the room their container gives them: their ends are cut."""
    problems = []
    for widget in app.screen.query(Static):
        if not widget.display or not widget.is_on_screen and widget.region.width == 0:
            continue
        parent = widget.parent
        assert isinstance(parent, Widget)
        room = parent.scrollable_content_region.width
        if widget.outer_size.width > room:
            problems.append(f"{widget!r}: {widget.outer_size.width} > {room}")
    return problems


def fill(store: Store) -> Store:
    """Three months of history, a long reason, a letter, and a contact with a long note."""
    with_history(store)
    add_reason(store, LONG_REASON, now=NOW)
    create_letter(store, now=NOW, title="A letter", body="Words.")
    log_contact(
        store,
        "checked_socials",
        NOW.replace(hour=9),
        now=NOW,
        felt_after=5,
        note="the photos from the wedding, again",
    )
    return store


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("walk", ["first-run", *WALKS])
async def test_no_sentence_runs_past_the_right_edge(
    store: Store, app_factory: AppFactory, walk: str, size: tuple[int, int]
) -> None:
    if walk != "first-run":
        fill(store)
    start, keys = WALKS.get(walk, ("home", []))
    app = app_factory(start)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert cut_off(app) == []


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (100, 30), (200, 50)], ids=str)
async def test_the_streaks_contact_table_is_not_cut(
    store: Store, app_factory: AppFactory, size: tuple[int, int]
) -> None:
    fill(store)
    app = app_factory("streak")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for table in app.screen.query(DataTable):
            assert table.display
            assert table.virtual_size.width <= table.scrollable_content_region.width, table.id
        contacts = app.screen.query_one("#contacts", DataTable)
        assert contacts.row_count == 5
        # Every word of the note is in the table, wherever it wraps.
        cells = " ".join(str(cell) for row in range(5) for cell in contacts.get_row_at(row))
        assert "the photos from the wedding, again" in cells
        assert "5 stirred up" in cells


async def test_a_wide_terminal_shows_more_weeks(store: Store, app_factory: AppFactory) -> None:
    fill(store)
    app = app_factory("streak")
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        calendar = app.screen.query_one(CalendarHeatmap)
        shown = len(calendar.visible_columns(calendar.size.width))
        assert shown > 26
        assert f"The last {shown} weeks" in str(app.screen.query_one("#calendar-title").render())
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        shown = len(calendar.visible_columns(calendar.size.width))
        assert shown < 40
        assert f"The last {shown} weeks" in str(app.screen.query_one("#calendar-title").render())


async def test_home_centres_the_quote_on_a_wide_terminal(
    store: Store, app_factory: AppFactory
) -> None:
    fill(store)
    app = app_factory()
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        for selector in ("#reason", "#review-state", "#streak-digits"):
            region = app.screen.query_one(selector).region
            left, right = region.x, 200 - region.right
            assert abs(left - right) <= 2, (selector, region)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=str)
async def test_the_pause_line_stays_on_one_line_beside_the_wave(
    set_up_store: Store, app_factory: AppFactory, size: tuple[int, int]
) -> None:
    app = app_factory("urge")
    async with app.run_test(size=size) as pilot:
        await pilot.press("8", "1", "enter", "space")
        await pilot.pause()
        paused = app.screen.query_one("#paused", Static)
        wave = app.screen.query_one("#wave")
        assert paused.display and paused.region.height == 1
        assert paused.region.right <= wave.region.x  # beside the wave, never under it
