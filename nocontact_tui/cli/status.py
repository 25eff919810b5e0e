"""`nocontact status`: the streak and today's review, for the shell or a prompt."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nocontact_tui.cli.common import _now, open_store


def _status_options(status: argparse.ArgumentParser) -> None:
    status.add_argument("--json", action="store_true", help="print JSON for scripts")


def cmd_status(path: Path, args: argparse.Namespace) -> int:
    from nocontact_tui.domain.status import compute_status, status_json, status_lines
    from nocontact_tui.texts import message

    if not path.exists() and not args.json:
        print(message("status_no_journal", path=path))
        return 0
    from nocontact_tui.journal.storage import ShellReadCodec

    with open_store(path, write=False, codec=ShellReadCodec()) as store:
        status = compute_status(store, _now(), with_evidence=args.json)
    if args.json:
        import orjson

        data = status_json(status) | {"journal": str(path), "exists": path.exists()}
        sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        print("\n".join(status_lines(status)))
    return 0
