"""Without colour (NO_COLOR) and with only 16 colours, every state must still read apart.

Textual honours NO_COLOR when the app is built (it turns every colour to grey), so
the variable is set before the app exists. A 16-colour terminal
(TEXTUAL_COLOR_SYSTEM=standard) gets Textual's truecolor styles squeezed into the
16 ANSI colours by Rich's `Color.downgrade` on the way out; SVG snapshots are always
truecolor, so `SixteenColors` does that same squeeze as a line filter to picture it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import combinations

import pytest
from conftest import BERLIN, NOW
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from test_terminals import screen_segments
from textual.color import Color
from textual.filter import LineFilter
from textual.pilot import Pilot

from nocontact_tui.app import NoContactApp
from nocontact_tui.domain.contacts import log_contact
from nocontact_tui.domain.reasons import add_reason
from nocontact_tui.domain.streak import BEFORE, CONTACT, FREE, SURFED
from nocontact_tui.journal.store import Store
from nocontact_tui.widgets.heatmap import CalendarHeatmap, glyph


def sixteen(style: Style | None) -> Style | None:
    if style is None:
        return None
    color = style.color.downgrade(ColorSystem.STANDARD) if style.color else None
    bgcolor = style.bgcolor.downgrade(ColorSystem.STANDARD) if style.bgcolor else None
    return style + Style.from_color(color, bgcolor)


class SixteenColors(LineFilter):
    """What a terminal limited to the 16 ANSI colours gets to show."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [Segment(text, sixteen(style), control) for text, style, control in segments]


def in_sixteen_colors(app: NoContactApp) -> NoContactApp:
    app._filters.append(SixteenColors())
    return app


def with_history(store: Store) -> Store:
    """Since late August: one contact that restarted the count, urges ridden out, some reviews."""
    store.update_meta({"nc_start": "2026-08-24", "day_starts_at": 4})

    def at(day: str, time: str = "20:00") -> datetime:
        return datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=BERLIN)

    log_contact(store, "i_replied", at("2026-09-06"), now=NOW, felt_after=4)
    log_contact(store, "met", at("2026-10-03", "15:30"), now=NOW, felt_after=5)
    for n, day in enumerate(["2026-09-20", "2026-10-12", "2026-11-02", "2026-11-15"]):
        start = at(day, "21:00")
        store.insert(
            "urges",
            {
                "started_at": start.isoformat(),
                "ended_at": (start + timedelta(minutes=9 + n)).isoformat(),
                "trigger": "loneliness",
                "ratings": [[0, 8], [120, 6], [480, 2]],
                "outcome": "surfed",
            },
        )
    for day in ["2026-11-17", "2026-11-19", "2026-11-20"]:
        store.insert("reviews", {"day": day, "mood": 3, "strongest_urge": 4, "contact": False})
    add_reason(store, "I was always the one who said sorry first", now=NOW)
    return store


async def to_surf(pilot: Pilot) -> None:
    """An urge of 8, the first trap; 252 s in, one rating given and the next one asked."""
    await pilot.press("8", "1", "enter")
    for seconds, key in ((150, "6"), (102, None)):
        pilot.app.clock.advance(seconds)
        pilot.app.screen.tick()
        await pilot.pause()
        if key:
            await pilot.press(key)


async def to_paused_surf(pilot: Pilot) -> None:
    await to_surf(pilot)
    await pilot.press("5", "space")
    await pilot.pause()


# -- the streak calendar --------------------------------------------------------------


@pytest.mark.parametrize("size", [(100, 30), (40, 12)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_streak_without_colour(
    snap_compare, app_factory, set_up_store: Store, monkeypatch: pytest.MonkeyPatch, size
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    with_history(set_up_store)
    assert snap_compare(app_factory("streak"), terminal_size=size)


def test_streak_in_sixteen_colours(snap_compare, app_factory, set_up_store: Store) -> None:
    with_history(set_up_store)
    assert snap_compare(in_sixteen_colors(app_factory("streak")), terminal_size=(100, 30))


async def test_calendar_states_differ_in_sixteen_colours(app_factory, set_up_store: Store) -> None:
    """Colour is the only thing telling some days apart, so the 16 ANSI colours must differ."""
    with_history(set_up_store)
    app = app_factory("streak")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        heatmap = app.screen.query_one(CalendarHeatmap)
        assert not heatmap.plain
        styles = heatmap.styles_by_state()
        looks = {
            state: (glyph(state, False), styles[state].color.downgrade(ColorSystem.STANDARD))
            for state in (FREE, SURFED, CONTACT, BEFORE)
        }
        for (a, look_a), (b, look_b) in combinations(looks.items(), 2):
            assert look_a != look_b, f"{a} and {b} look the same in 16 colours"


async def test_calendar_states_differ_without_colour(
    app_factory, set_up_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With NO_COLOR every state present in the calendar has a character of its own."""
    monkeypatch.setenv("NO_COLOR", "1")
    with_history(set_up_store)
    app = app_factory("streak")
    assert app.no_color
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        heatmap = app.screen.query_one(CalendarHeatmap)
        assert heatmap.plain
        drawn = str(heatmap.render())
        glyphs = {state: glyph(state, True) for state in (FREE, SURFED, CONTACT, BEFORE)}
        assert len(set(glyphs.values())) == len(glyphs)
        for state, char in glyphs.items():
            assert char in drawn, f"no {state} day drawn"
        # Textual really greys everything out: no colour other than greys reaches the screen.
        for segment in screen_segments(app):
            style = segment.style
            if style and style.color and style.color.triplet:
                r, g, b = style.color.triplet
                assert r == g == b, segment


# -- the urge surf step ---------------------------------------------------------------


@pytest.mark.parametrize("run_before", [to_surf, to_paused_surf], ids=["asking", "paused"])
@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_surf_without_colour(
    snap_compare,
    app_factory,
    set_up_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    size,
    run_before,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    with_history(set_up_store)
    assert snap_compare(app_factory("urge"), terminal_size=size, run_before=run_before)


def test_surf_in_sixteen_colours(snap_compare, app_factory, set_up_store: Store) -> None:
    with_history(set_up_store)
    app = in_sixteen_colors(app_factory("urge"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=to_surf)
