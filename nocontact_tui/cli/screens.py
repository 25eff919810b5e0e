"""The commands that open a screen: `nocontact`, `nocontact urge`, ..."""

from __future__ import annotations

# The commands that open a screen, with their help; home is what no command opens.
SCREEN_COMMANDS = {
    "urge": "open the urge-surfing timer",
    "reasons": "open your reasons",
    "letters": "open your unsent letters",
    "streak": "open the streak view",
    "review": "open today's review",
    "traps": "open the trap cards",
}


SCREENS = ("home", *SCREEN_COMMANDS)
