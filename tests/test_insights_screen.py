"""The insights screen: reached from Home, Streak and the palette; every section with a log,
one calm line without; scrolls in a tiny terminal; no day count when it is hidden.
And `nocontact insights` in the shell, as text and as JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import run_cli
from insights_log import fill_log
from nocontact_tui.screens.insights import InsightsScreen
from rich.table import Table
from textual.containers import VerticalScroll
from textual.widgets import Static

from nocontact_tui.app import NoContactApp
from nocontact_tui.journal.store import Store
from nocontact_tui.texts import line
from nocontact_tui.widgets.week_bars import WeekBars, chart_lines, column

AppFactory = Callable[..., NoContactApp]
SECTIONS = ("easier", "when", "helps", "traps", "contact", "letters")


def shown_text(app: NoContactApp) -> str:
    return "\n".join(str(static.render()) for static in app.screen.query(Static) if static.display)


@pytest.mark.parametrize("keys", [["i"], ["s", "i"]], ids=["home", "streak"])
async def test_i_opens_insights_from_home_and_streak(
    app_factory: AppFactory, set_up_store: Store, keys: list[str]
) -> None:
    fill_log(set_up_store)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert app.screen.id == "insights"
        await pilot.press("escape")  # back home, as from every screen reached by a key
        await pilot.pause()
        assert app.screen.id == "home"


async def test_every_section_shows_with_a_log(app_factory: AppFactory, set_up_store: Store) -> None:
    fill_log(set_up_store)
    app = app_factory("insights")
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        screen = app.screen
        for section in SECTIONS:
            assert screen.query_one(f"#{section}-heading").display, section
        bars = screen.query_one(WeekBars)
        assert bars.display and len(bars.counts) == 10
        text = shown_text(app)
        compare = screen.query_one("#compare", Static)
        table = compare.content
        assert compare.display and isinstance(table, Table)
        assert "First month" in str(table.columns[1]._cells[0])
        assert "Latest month" in str(table.columns[2]._cells[0])
        assert "Your latest weeks held fewer urges a week than your first." in text
        assert "On your logged days, urges came most often on Sunday evenings" in text
        assert "with it, " in text and "Went outside" in text
        assert "Feeling alone" in text or "rode it out" in text
        assert "I looked at their profile: 3 logged; afterwards you typically felt 4" in text
        assert "5 re-readings of one letter" in text
        assert line("insights", "empty") not in text


async def test_a_fresh_journal_gets_one_calm_line(app_factory: AppFactory, store: Store) -> None:
    app = app_factory("insights")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#insights-empty").display
        assert not any(app.screen.query_one(f"#{s}-heading").display for s in SECTIONS)


async def test_tiny_terminal_scrolls_to_the_end(
    app_factory: AppFactory, set_up_store: Store
) -> None:
    fill_log(set_up_store)
    app = app_factory("insights")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        page = app.screen.query_one("#insights-page", VerticalScroll)
        assert page.has_focus and page.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert page.scroll_y == page.max_scroll_y
        # The first and latest weeks are sentences here, not a table cut at the edge.
        compare = app.screen.query_one("#compare", Static)
        assert str(compare.render()).startswith("First month: ")
        bars = app.screen.query_one(WeekBars)
        assert all(len(row) <= bars.size.width for row in str(bars.render()).splitlines())


async def test_with_the_count_hidden_no_span_of_days_is_said(
    app_factory: AppFactory, set_up_store: Store
) -> None:
    set_up_store.update_meta({"nc_start": "2026-11-15", "day_starts_at": 4, "hide_count": True})
    set_up_store.insert(
        "urges",
        {"started_at": "2026-11-18T20:00:00+01:00", "ratings": [[0, 6]], "outcome": "surfed"},
    )
    app = app_factory("insights")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = shown_text(app)
        assert line("insights", "easier", "chart_soon_hidden") in text
        assert "more days" not in text and "more day." not in text


async def test_the_view_follows_writes_from_elsewhere(
    app_factory: AppFactory, set_up_store: Store
) -> None:
    app = app_factory("insights")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#insights-empty").display
        set_up_store.insert("contacts", {"at": "2026-11-20T10:00:00+01:00", "kind": "met"})
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        screen.refresh_view()  # what the app calls when the file changed elsewhere
        await pilot.pause()
        assert not app.screen.query_one("#insights-empty").display
        assert "We met: 1 logged" in shown_text(app)


def test_a_bar_is_never_empty_for_a_week_with_an_urge() -> None:
    assert column(1, 40, 4) == [" ", " ", " ", "▁"]
    assert column(40, 40, 4) == ["█"] * 4
    assert column(0, 40, 4) == [" "] * 4
    rows, shown = chart_lines(list(range(100)), [None] * 100, 30, 3, ("urges", "strength"))
    assert shown == 30 - 9 and all(len(a + b) <= 30 for a, b in rows)


# -- the shell --------------------------------------------------------------------------


def test_cli_insights_text_and_json(set_up_store: Store, db_path: Path) -> None:
    fill_log(set_up_store)
    set_up_store.save()
    set_up_store.close()
    text = run_cli("insights", db=db_path)
    assert text.returncode == 0, text.stderr
    for heading in (
        "Is it getting easier?",
        "When does it hit?",
        "After contact",
        "Letters re-read",
    ):
        assert heading in text.stdout
    result = run_cli("insights", "--json", db=db_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["minimums"]["days_with_and_without"] == 5
    assert data["urges"] > 0 and len(data["when"]["grid"]) == 7
    assert data["rereads"]["letters"] == 1


def test_cli_insights_without_a_journal(tmp_path: Path) -> None:
    result = run_cli("insights", db=tmp_path / "none.json")
    assert result.returncode == 0 and "Nothing logged yet" in result.stdout
    assert not (tmp_path / "none.json").exists()
