"""The base of every screen and dialog here: `self.app` is typed as the nocontact app.

Textual types `self.app` as a bare `App`, so without this every `self.app.store` would be
unchecked. The cast is made once, here (as posting does for its app), and mypy then knows
the store, the clock, the settings and `save()` on every screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from nocontact_tui.app import NoContactApp

ResultType = TypeVar("ResultType")


class AppScreen(Screen[ResultType]):
    """A full screen of this app."""

    @property
    def app(self) -> NoContactApp:
        return cast("NoContactApp", super().app)


class AppModal(ModalScreen[ResultType]):
    """A dialog over a screen of this app."""

    @property
    def app(self) -> NoContactApp:
        return cast("NoContactApp", super().app)
