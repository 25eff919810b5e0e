"""A screen's breakpoint classes for a size, known before the screen is mounted.

Textual sets them on the first resize event, after mount: a class change on a screen
restyles every widget on it. Starting with the right classes makes that change a
no-op, which on the urge screen was a twentieth of a second of its first frame.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.screen import Screen


def _pick(dimension: int, breakpoints: list[tuple[int, str]] | None) -> list[str]:
    for threshold, name in sorted(breakpoints or [], reverse=True):
        if dimension >= threshold:
            return [name]
    return []


def breakpoint_classes(screen: type[Screen], size: Size) -> list[str]:
    return _pick(size.width, screen.HORIZONTAL_BREAKPOINTS) + _pick(
        size.height, screen.VERTICAL_BREAKPOINTS
    )
