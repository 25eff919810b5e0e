"""One module per screen, installed as nocontact_tui.screens; the dialogs in `dialogs`.

The table of screens lives here, beside them: the app opens them by name and the help
screen lists their keys, and neither has to ask the other.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen

# Screen name -> (module in nocontact_tui.screens, class, title).
SCREENS: dict[str, tuple[str, str, str]] = {
    "home": ("home", "HomeScreen", "Home"),
    "urge": ("urge", "UrgeScreen", "Urge surfing"),
    "reasons": ("reasons", "ReasonsScreen", "Remember why it ended"),
    "letters": ("letters", "LettersScreen", "Unsent letters"),
    "streak": ("streak", "StreakScreen", "Streak and evidence"),
    "review": ("review", "ReviewScreen", "Daily review"),
    "contact": ("contact", "ContactScreen", "Log a contact"),
    "traps": ("traps", "TrapsScreen", "Trap cards"),
    "insights": ("insights", "InsightsScreen", "What your log shows"),
    "people": ("people", "PeopleScreen", "People to reach"),
    "settings": ("settings", "SettingsScreen", "Settings"),
}


def screen_class(name: str) -> type[Screen]:
    """The class of the screen called `name`, its module imported only now (a screen's
    imports are paid when it is first opened)."""
    module_name, class_name, _ = SCREENS[name]
    module = importlib.import_module(f"{__name__}.{module_name}")
    cls: type[Screen] = getattr(module, class_name)
    return cls
