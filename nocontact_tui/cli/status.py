"""`nocontact status`: the streak and today's review, for the shell or a prompt."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nocontact_tui.cli.common import add_command, now, open_store
from nocontact_tui.journal.errors import EXIT_NOT_YET, EXIT_OK, InputError

if TYPE_CHECKING:
    from nocontact_tui.cli.common import Commands


def add_parser(commands: Commands) -> None:
    status = add_command(commands, "status", "print the streak and today's review")
    shown = status.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true", help="print JSON for scripts")
    shown.add_argument("-q", "--quiet", action="store_true", help="print nothing (with --check)")
    status.add_argument(
        "--check",
        action="store_true",
        help="exit 0 when today's review is done, 1 when it isn't (for prompts and scripts)",
    )


def run(path: Path, args: argparse.Namespace) -> int:
    from nocontact_tui.domain.status import compute_status, status_json, status_lines
    from nocontact_tui.texts import line

    if args.quiet and not args.check:
        raise InputError(line("messages", "status_quiet_needs_check"))
    if not path.exists() and not args.json:
        if not args.quiet:
            print(line("messages", "status_no_journal", path=path))
        return EXIT_NOT_YET if args.check else EXIT_OK

    with open_store(path, write=False) as store:
        status = compute_status(store, now(), with_evidence=args.json)
    if args.json:
        import orjson

        data = status_json(status) | {"journal": str(path), "exists": path.exists()}
        sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")
    elif not args.quiet:
        print("\n".join(status_lines(status)))
    if args.check and not status.review_done:
        return EXIT_NOT_YET
    return EXIT_OK
