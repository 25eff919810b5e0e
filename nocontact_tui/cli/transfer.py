"""`nocontact export` and `nocontact import`: the journal out to a file, and back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nocontact_tui.cli.common import WRITE_LOCK_WAIT, add_command, now, open_store

if TYPE_CHECKING:
    from nocontact_tui.cli.common import Commands


def add_parser(commands: Commands) -> None:
    export = add_command(commands, "export", "export your journal for your own backup")
    export.add_argument(
        "--format",
        choices=("json", "markdown", "jrnl"),
        default="json",
        help="json: everything, for import; markdown: to read; jrnl: letters and review notes",
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: print)")
    import_ = add_command(commands, "import", "read a JSON export back into a journal")
    import_.add_argument("file", metavar="FILE", help="a file from `nocontact export`")
    import_.add_argument(
        "--merge",
        action="store_true",
        help="add to a journal that has entries, skipping what it already holds",
    )


def export(path: Path, args: argparse.Namespace) -> int:
    from nocontact_tui.texts import line
    from nocontact_tui.transfer.export import export_text, write_export

    with open_store(path, write=False) as store:
        text = export_text(store, args.format, now())
        sealed = store.codec.sealed
    target = Path(args.output).expanduser() if args.output else None
    if target is not None:
        write_export(target, text)
        print(line("messages", "exported", path=target), file=sys.stderr)
    else:
        sys.stdout.write(text)
    if sealed:
        warning = "export_plain_warning" if target else "export_plain_warning_stdout"
        print(line("messages", warning, path=target), file=sys.stderr)
    return 0


def import_(path: Path, args: argparse.Namespace) -> int:
    from nocontact_tui.transfer.importing import import_into, read_export

    source = Path(args.file).expanduser()
    incoming = read_export(source)  # checked in full before the journal is even opened
    with open_store(path, write=True, lock_timeout=WRITE_LOCK_WAIT) as store:
        lines = import_into(store, incoming, file=source, merge_into=args.merge)
    print("\n".join(lines))
    return 0


def run(path: Path, args: argparse.Namespace) -> int:
    return export(path, args) if args.command == "export" else import_(path, args)
