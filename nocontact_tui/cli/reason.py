"""`nocontact reason add`: one reason, added from the shell."""

from __future__ import annotations

import argparse
from pathlib import Path

from nocontact_tui.cli.common import WRITE_LOCK_WAIT, _accept_db, _now, open_store


def _reason_options(reason: argparse.ArgumentParser) -> None:
    reason_commands = reason.add_subparsers(dest="reason_command", required=True, metavar="ACTION")
    add = reason_commands.add_parser("add", help="add one reason")
    add.add_argument("text")
    add.add_argument("--category", help="the group it belongs to")
    _accept_db(add)


def cmd_reason(path: Path, args: argparse.Namespace) -> int:
    from nocontact_tui.domain.reasons import add_reason
    from nocontact_tui.texts import message

    with open_store(path, write=True, lock_timeout=WRITE_LOCK_WAIT) as store:
        add_reason(store, args.text, now=_now(), category=args.category)
        count = sum(1 for _ in store.docs("reasons"))
    print(message("reason_added", count=count))
    return 0
