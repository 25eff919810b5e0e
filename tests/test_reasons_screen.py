"""Pilot tests for the reasons screen: add, edit, reorder, move, filter and delete, checked in the store."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import NOW
from nocontact_tui.screens.reasons import ReasonsScreen
from nocontact_tui.screens.reasons_list import ReasonLines
from textual.widgets import Input

from nocontact_tui.app import NoContactApp
from nocontact_tui.domain.reasons import add_reason, list_reasons, user_categories
from nocontact_tui.journal.store import Store

ENDED, DID_NOT_WORK = "Why it ended", "What did not work"


def texts(store: Store) -> list[tuple[str, str | None]]:
    return [(r.text, r.category) for r in list_reasons(store)]


def drawn(app: NoContactApp, heads: bool = False) -> list[str]:
    """The rows as drawn on the list (reasons, or group headings with their counts)."""
    return [
        lines.drawn(index)
        for lines in app.screen.query(ReasonLines)
        for index, row in enumerate(lines.rows)
        if (row.reason is None) == heads
    ]


def shown(app: NoContactApp) -> list[str]:
    return drawn(app)


async def test_add_edit_and_delete_from_an_empty_list(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReasonsScreen)
        starters = app.screen.query(".starter")
        assert len(starters) >= 3 and all(str(s.render()).rstrip().endswith("?") for s in starters)
        await pilot.press("a", *"I always said sorry first", "enter")
        await pilot.pause()
        assert texts(set_up_store) == [("I always said sorry first", ENDED)]
        assert not app.screen.query(".starter")
        await pilot.press("e", "ctrl+a", "ctrl+k", *"I was always the one to say sorry", "enter")
        await pilot.pause()
        assert texts(set_up_store) == [("I was always the one to say sorry", ENDED)]
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("n")  # changed my mind: nothing is deleted
        await pilot.pause()
        assert len(list_reasons(set_up_store)) == 1
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert list_reasons(set_up_store) == []
        assert app.screen.query(".starter")


async def test_empty_edit_keeps_the_reason_and_escape_cancels(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    add_reason(set_up_store, "kept", now=NOW, category=ENDED)
    app = app_factory("reasons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "ctrl+a", "ctrl+k", "enter")  # emptied: refused calmly
        await pilot.pause()
        assert texts(set_up_store) == [("kept", ENDED)]
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query(".row-editor")
        assert isinstance(app.screen, ReasonsScreen)


async def test_reorder_within_a_group_and_move_to_another(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    for text in ("one", "two", "three"):
        add_reason(set_up_store, text, now=NOW, category=ENDED)
    add_reason(set_up_store, "elsewhere", now=NOW, category=DID_NOT_WORK)
    app = app_factory("reasons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(app) == ["one", "two", "three", "elsewhere"]
        await pilot.press("J")  # "one" goes down
        await pilot.pause()
        assert [t for t, c in texts(set_up_store) if c == ENDED] == ["two", "one", "three"]
        await pilot.press(
            "shift+down", "shift+down"
        )  # the second one is at the group's end already
        await pilot.pause()
        assert [t for t, c in texts(set_up_store) if c == ENDED] == ["two", "three", "one"]
        assert shown(app) == ["two", "three", "one", "elsewhere"]
        await pilot.press("K")
        await pilot.pause()
        assert [t for t, c in texts(set_up_store) if c == ENDED] == ["two", "one", "three"]
        await pilot.press("m", "2")  # to the second group, "What did not work"
        await pilot.pause()
        assert dict(texts(set_up_store))["one"] == DID_NOT_WORK
        assert shown(app) == ["two", "three", "elsewhere", "one"]
        # A group of one's own, typed in the move dialog.
        await pilot.press("m", "tab", *"Little things", "enter")
        await pilot.pause()
        assert dict(texts(set_up_store))["one"] == "Little things"
        assert user_categories(set_up_store) == ["Little things"]
        heads = drawn(app, heads=True)
        assert any(h.startswith("Little things") and h.endswith("1") for h in heads)


async def test_filter_narrows_and_escape_brings_everything_back(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    add_reason(set_up_store, "Plans fell through", now=NOW, category=DID_NOT_WORK)
    add_reason(set_up_store, "I felt small", now=NOW, category=ENDED)
    app = app_factory("reasons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"plans")
        await pilot.pause()
        assert shown(app) == ["Plans fell through"]
        await pilot.press("enter", "e")  # the list keys work on the filtered list
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.value == "Plans fell through"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert shown(app) == ["I felt small", "Plans fell through"]
        assert not app.screen.query_one("#reasons-filter").display


async def test_new_group_then_add_into_it(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    app = app_factory("reasons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("g", *"Money", "enter")
        await pilot.pause()
        await pilot.press("a", *"I paid for everything", "enter")
        await pilot.pause()
    assert texts(set_up_store) == [("I paid for everything", "Money")]


async def test_markup_in_a_reason_is_shown_as_typed(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    add_reason(set_up_store, "[bold]not bold[/] and [/oops]", now=NOW)
    app = app_factory("reasons")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert shown(app) == ["[bold]not bold[/] and [/oops]"]
        heads = drawn(app, heads=True)
        assert any(h.startswith("Not sorted yet") for h in heads)


async def test_rename_and_remove_a_group_of_ones_own(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    app = app_factory("reasons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("g", *"Money", "enter")
        await pilot.pause()
        await pilot.press("e", "ctrl+e", *" and time", "enter")  # the cursor is on the new group
        await pilot.pause()
        assert user_categories(set_up_store) == ["Money and time"]
        await pilot.press("up", "e")  # a starting group keeps its name
        await pilot.pause()
        assert not app.screen.query(".row-editor")
        await pilot.press("down", "x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert user_categories(set_up_store) == []
        heads = drawn(app, heads=True)
        assert not any(h.startswith("Money") for h in heads)


# -- the list: one widget, a cursor that moves ------------------------------------------------


def the_list(app: NoContactApp) -> ReasonLines:
    return app.screen.query_one("#reasons-rows", ReasonLines)


def highlighted(app: NoContactApp) -> str:
    """The row drawn with the cursor's bar, as its text; and it must be on screen."""
    rows = the_list(app)
    assert rows.cursor is not None
    top, height = rows.row_span(rows.cursor)
    scrolled, view = round(rows.scroll_offset.y), rows.scrollable_content_region.height
    assert scrolled <= top and top + height <= scrolled + view, "the cursor's row is in view"
    text_line = rows.render_line(top - scrolled + (rows.rows[rows.cursor].reason is None))
    assert text_line.text.startswith("█")
    return rows.drawn(rows.cursor)


async def test_arrow_keys_move_the_cursor_over_headings_and_reasons_without_remounting(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    add_reason(set_up_store, "one", now=NOW, category=ENDED)
    add_reason(set_up_store, "two", now=NOW, category=ENDED)
    add_reason(set_up_store, "elsewhere", now=NOW, category=DID_NOT_WORK)
    app = app_factory("reasons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        widgets = list(app.screen.walk_children())
        assert highlighted(app) == "one"  # the first reason, not its heading
        await pilot.press("down")
        assert highlighted(app) == "two"
        await pilot.press("j")
        assert highlighted(app).startswith(DID_NOT_WORK)  # a heading takes the cursor too
        await pilot.press("down", "down")  # past the end it stays on the last row
        assert highlighted(app) == "What I want instead  0"
        await pilot.press("k", "k", "up", "up", "up")
        assert highlighted(app).startswith(ENDED)
        await pilot.press("up")
        assert highlighted(app).startswith(ENDED)
        await pilot.pause()
        assert list(app.screen.walk_children()) == widgets  # nothing mounted, nothing removed


async def test_the_cursor_stays_on_a_reason_through_edits_and_moves(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    for text in ("one", "two", "three"):
        add_reason(set_up_store, text, now=NOW, category=ENDED)
    app = app_factory("reasons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "e", "end", *" more", "enter")
        await pilot.pause()
        assert highlighted(app) == "two more"
        await pilot.press("K")
        await pilot.pause()
        assert highlighted(app) == "two more" and shown(app) == ["two more", "one", "three"]
        await pilot.press("m", "2")
        await pilot.pause()
        assert highlighted(app) == "two more"
        assert shown(app) == ["one", "three", "two more"]


@pytest.fixture
def three_hundred(set_up_store: Store) -> Store:
    groups = [ENDED, DID_NOT_WORK, "What I want instead", "What I need"]
    with set_up_store.transaction():
        for n in range(300):
            add_reason(set_up_store, f"Reason {n + 1}", now=NOW, category=groups[n // 75])
    return set_up_store


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_three_hundred_reasons_home_end_and_pages(
    three_hundred: Store, app_factory: Callable[..., NoContactApp], size: tuple[int, int]
) -> None:
    app = app_factory("reasons")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert highlighted(app) == "Reason 1"
        await pilot.press("end")
        await pilot.pause()
        assert highlighted(app) == "Reason 300"
        await pilot.press("home")
        await pilot.pause()
        assert highlighted(app).startswith(ENDED)
        assert round(the_list(app).scroll_offset.y) == 0
        await pilot.press("pagedown")
        await pilot.pause()
        first_page = highlighted(app)
        assert first_page.startswith("Reason ") and first_page != "Reason 1"
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        further = highlighted(app)
        assert int(further.split()[1]) > int(first_page.split()[1])
        await pilot.press("pageup", "pageup")
        await pilot.pause()
        assert highlighted(app) == first_page
        await pilot.press(*["down"] * 40)
        await pilot.pause()
        assert int(highlighted(app).split()[1]) > int(first_page.split()[1]) + 30
