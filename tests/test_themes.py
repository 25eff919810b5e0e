"""Every screen readable in Textual's light and dark themes: contrast from the resolved colours.

WCAG 2 asks for 4.5:1 between text and its background, and 3:1 for shapes that
carry meaning (the calendar's day marks). The colours are read as Textual
resolves them for each widget (theme variables, "auto" colours, transparency),
so a fixed colour or a variable that only suits one theme shows up here.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rich.color import Color as RichColor
from rich.style import Style
from test_keys_everywhere import WALKS
from test_layout import fill
from textual.app import App
from textual.widgets import Digits, Static

from nocontact_tui.app import NoContactApp
from nocontact_tui.domain.streak import BEFORE, CONTACT, FREE, SURFED
from nocontact_tui.journal.store import Store
from nocontact_tui.widgets.footer import KeysFooter
from nocontact_tui.widgets.heatmap import GLYPHS, REVIEWED, REVIEWED_GLYPHS, CalendarHeatmap

AppFactory = Callable[..., NoContactApp]
THEMES = ["textual-light", "textual-dark"]
TEXT = 4.5
SHAPES = 3.0


def luminance(color: RichColor) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(style: Style) -> float:
    assert style.color is not None and style.bgcolor is not None, style
    a, b = luminance(style.color), luminance(style.bgcolor)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def test_the_ratio_is_wcags() -> None:
    assert contrast(Style(color="#000000", bgcolor="#ffffff")) == pytest.approx(21.0)
    assert contrast(Style(color="#777777", bgcolor="#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast(Style(color="#ffffff", bgcolor="#ffffff")) == pytest.approx(1.0)


def low_contrast_text(app: App[object]) -> list[str]:
    """Text widgets on screen whose text does not stand out 4.5:1 from their background."""
    problems = []
    for widget in app.screen.query("*"):
        if not isinstance(widget, Static | Digits) or not widget.display:
            continue
        if not widget.is_on_screen or widget.disabled or not str(widget.render()).strip():
            continue
        ratio = contrast(widget.rich_style)
        if ratio < TEXT:
            problems.append(f"{widget!r} {widget.rich_style} {ratio:.2f}")
    footer = app.screen.query_one(KeysFooter)
    for part in ("key", "description", "notice"):
        style = footer.get_component_rich_style(f"keys-footer--{part}")
        if contrast(style) < TEXT:
            problems.append(f"footer {part} {style} {contrast(style):.2f}")
    return problems


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("walk", ["first-run", "help", *WALKS])
async def test_every_screens_text_stands_out(
    store: Store, app_factory: AppFactory, walk: str, theme: str
) -> None:
    if walk != "first-run":
        fill(store)
    start, keys = WALKS.get(walk, ("home", ["question_mark"] if walk == "help" else []))
    app = app_factory(start)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await pilot.press(*keys)
        await pilot.pause()
        assert low_contrast_text(app) == []


@pytest.mark.parametrize("theme", THEMES)
async def test_the_calendar_reads_in_both_themes(
    store: Store, app_factory: AppFactory, theme: str
) -> None:
    fill(store)
    app = app_factory("streak")
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = theme
        await pilot.pause()
        heatmap = app.screen.query_one(CalendarHeatmap)
        label = heatmap.get_component_rich_style("heatmap--label")
        assert contrast(label) >= TEXT  # month and weekday names: text
        styles = heatmap.styles_by_state()
        for state in (FREE, SURFED, CONTACT, REVIEWED):
            assert contrast(styles[state]) >= SHAPES, (state, styles[state])
        # Reviewed days do not share contact-free's colour.
        assert styles[REVIEWED].color != styles[FREE].color
        # The big count on the streak page, and on home, reads as text.
        digits = app.screen.query_one("#count-digits", Digits)
        assert contrast(digits.rich_style) >= TEXT


def test_every_state_in_the_legend_has_its_own_glyph() -> None:
    legend = [GLYPHS[state] for state in (FREE, SURFED, CONTACT, BEFORE)]
    legend.append(REVIEWED_GLYPHS[FREE])
    assert len(set(legend)) == len(legend)
    # A reviewed day keeps its state's shape, filled in: still told apart from the others.
    reviewed = [REVIEWED_GLYPHS[state] for state in (FREE, SURFED, CONTACT)]
    assert len(set(reviewed) | set(legend)) == len(reviewed) + len(legend) - 1


async def test_the_legend_draws_each_glyph(store: Store, app_factory: AppFactory) -> None:
    fill(store)
    app = app_factory("streak")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        drawn = str(app.screen.query_one(CalendarHeatmap).render())
        legend = drawn.splitlines()[8:]
        text = "\n".join(legend)
        for glyph, label in [
            (GLYPHS[FREE], "contact-free"),
            (GLYPHS[SURFED], "urge ridden out"),
            (GLYPHS[CONTACT], "contact"),
            (GLYPHS[BEFORE], "before the start"),
            (REVIEWED_GLYPHS[FREE], "reviewed"),
        ]:
            assert f"{glyph} {label}" in text
