"""`nocontact settings`: every setting, one of them, or one changed."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from nocontact_tui.cli.common import WRITE_LOCK_WAIT, add_command, now, open_store
from nocontact_tui.texts import line

if TYPE_CHECKING:
    from nocontact_tui.cli.common import Commands


def add_parser(commands: Commands) -> None:
    settings = add_command(
        commands, "settings", "show your settings, or change one: settings NAME VALUE"
    )
    # Names and values are checked by settings.py, whose messages say what is allowed.
    settings.add_argument("name", nargs="?", metavar="NAME", help="the setting to show or change")
    settings.add_argument("value", nargs="?", metavar="VALUE", help="its new value")


def run(path: Path, args: argparse.Namespace) -> int:
    """Every setting, one of them, or one changed: checked before the journal is opened."""
    from nocontact_tui.domain import settings as setting

    if args.name is not None:
        setting.check_name(args.name)
    if args.value is None:
        if not path.exists():
            rows = setting.listing(setting.Settings())
        else:
            with open_store(path, write=False) as store:
                rows = setting.listing(setting.read_settings(store))
        if args.name is not None:
            rows = [row for row in rows if row[0] == args.name]
        print_settings(rows, hint=args.name is None)
        return 0
    today = now().date()
    value = setting.parse_setting(args.name, args.value, today)  # refused before any write
    with open_store(path, write=True, lock_timeout=WRITE_LOCK_WAIT) as store:
        setting.save_setting(store, args.name, value, today)
        shown = setting.shown(setting.read_settings(store), args.name)
    print(line("settings", "shell", "saved", label=setting.label(args.name), value=shown))
    return 0


def print_settings(rows: list[tuple[str, str, str]], *, hint: bool) -> None:

    name_width = max(len(name) for name, _, _ in rows)
    value_width = max(len(value) for _, value, _ in rows)
    for name, value, label in rows:
        print(f"{name:<{name_width}}  {value:<{value_width}}  {label}")
    if hint:
        print()
        print(line("settings", "shell", "hint"))
