"""The commands that open a screen: `nocontact` (home), `nocontact urge`, `reasons`, ...

The only commands that load Textual. Without a terminal to draw in (started from
cron, a pipe, `< /dev/null`) they stop at once, before the journal is opened,
instead of waiting for keys that never come.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nocontact_tui.cli.common import add_command
from nocontact_tui.journal.errors import NoTerminalError

if TYPE_CHECKING:
    from nocontact_tui.cli.common import Commands

# The commands that open a screen, with their help; home is what no command opens.
SCREEN_COMMANDS = {
    "urge": "open the urge-surfing timer",
    "reasons": "open your reasons",
    "letters": "open your unsent letters",
    "streak": "open the streak view",
    "review": "open today's review",
    "traps": "open the trap cards",
    "people": "open your list of people to reach instead",
}


def add_parser(commands: Commands) -> None:
    for name, help_text in SCREEN_COMMANDS.items():
        add_command(commands, name, help_text)


def run(path: Path, args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise NoTerminalError()
    from nocontact_tui.app import run_app

    return run_app(path, screen=args.command or "home")
