"""`nocontact reason add`: one reason, added from the shell."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from nocontact_tui.cli.common import WRITE_LOCK_WAIT, accept_db, add_command, now, open_store

if TYPE_CHECKING:
    from nocontact_tui.cli.common import Commands


def add_parser(commands: Commands) -> None:
    reason = add_command(commands, "reason", "add a reason why it ended")
    actions = reason.add_subparsers(dest="reason_command", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="add one reason")
    add.add_argument("text")
    add.add_argument("--category", help="the group it belongs to")
    accept_db(add)


def run(path: Path, args: argparse.Namespace) -> int:
    from nocontact_tui.domain.reasons import add_reason
    from nocontact_tui.texts import line

    with open_store(path, write=True, lock_timeout=WRITE_LOCK_WAIT) as store:
        add_reason(store, args.text, now=now(), category=args.category)
        count = sum(1 for _ in store.docs("reasons"))
    print(line("messages", "reason_added", count=count))
    return 0
