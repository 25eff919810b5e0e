"""`nocontact encrypt`, `decrypt`, `passphrase` and `idle-lock`: the commands.

The work is in `cli/crypto.py`, imported only when one of these runs: it brings in
the cipher's side of the journal, which no other command should pay for.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from nocontact_tui.cli.common import WRITE_LOCK_WAIT, add_command

if TYPE_CHECKING:
    from nocontact_tui.cli.common import Commands


def add_parser(commands: Commands) -> None:
    add_command(commands, "encrypt", "encrypt your journal and its backups with a passphrase")
    add_command(commands, "decrypt", "turn an encrypted journal back into plain JSON")
    add_command(commands, "passphrase", "change the passphrase of an encrypted journal")
    idle = add_command(commands, "idle-lock", "cover the app after some minutes without a key")
    idle.add_argument("state", choices=("on", "off"))
    idle.add_argument("--minutes", type=int, help="minutes without a key (default 5)")


def run(path: Path, args: argparse.Namespace) -> int:
    """Each holds the journal's lock throughout."""
    from nocontact_tui.cli import crypto
    from nocontact_tui.journal.store import Store

    handler = {
        "encrypt": crypto.cmd_encrypt,
        "decrypt": crypto.cmd_decrypt,
        "passphrase": crypto.cmd_passphrase,
        "idle-lock": crypto.cmd_idle_lock,
    }[args.command]
    with Store.open(path, lock_timeout=WRITE_LOCK_WAIT, lazy=True) as store:
        return handler(store, args)
