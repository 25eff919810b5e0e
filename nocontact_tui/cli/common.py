"""What the shell commands share: their sub-parser, the journal opened for one command, now."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from nocontact_tui.journal.storage import Codec
    from nocontact_tui.journal.store import Store

    # What `ArgumentParser.add_subparsers()` returns: each module adds its command to it.
    Commands: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]


WRITE_LOCK_WAIT = 2.0  # seconds a shell command waits for the app to let go of the file


def add_command(commands: Commands, name: str, help_text: str) -> argparse.ArgumentParser:
    """The sub-parser of one command, taking `--db PATH` after the command name too."""
    parser = commands.add_parser(name, help=help_text, description=help_text)
    accept_db(parser)
    return parser


def accept_db(parser: argparse.ArgumentParser) -> None:
    """`nocontact urge --db PATH` (or `reason add TEXT --db PATH`) means what
    `nocontact --db PATH urge` does: the option is taken after the command too."""
    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="the journal file")


def open_store(
    path: Path, *, write: bool, lock_timeout: float = 0.0, codec: Codec | None = None
) -> Store:
    """Open the journal for a shell command, asking for the passphrase if it is encrypted."""
    from nocontact_tui.journal.storage import file_is_sealed
    from nocontact_tui.journal.store import Store

    # The lock is taken first, so no one types a passphrase in vain.
    store = Store.open(path, write=write, lock_timeout=lock_timeout, lazy=True, codec=codec)
    try:
        if file_is_sealed(path):  # checked here: a plain journal never imports the crypto side
            from nocontact_tui.cli.crypto import unlock_store

            unlock_store(store)
        else:
            store.load()
    except BaseException:
        store.close()
        raise
    return store


def now() -> datetime:
    from nocontact_tui.domain.clock import Clock

    return Clock().now()
