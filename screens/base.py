"""The base of every screen and dialog here: `self.app` is typed as the nocontact app.

Textual types `self.app` as a bare `App`, so without this every `self.app.store` would be
unchecked. Textual's own typed getter says which app it is (as posting casts its app once):
mypy then knows the store, the clock, the settings and `save()` on every screen. It is
declared for the type checker only: at run time `self.app` stays Textual's own property
(the app module imports the screens, so the screens cannot import it back at import time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from textual import getters

    from nocontact_tui.app import NoContactApp

ResultType = TypeVar("ResultType")


class AppScreen(Screen[ResultType]):
    """A full screen of this app."""

    if TYPE_CHECKING:
        app = getters.app(NoContactApp)


class AppModal(ModalScreen[ResultType]):
    """A dialog over a screen of this app."""

    if TYPE_CHECKING:
        app = getters.app(NoContactApp)
