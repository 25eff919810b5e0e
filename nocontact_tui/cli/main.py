"""The `nocontact` command.

Shell commands (status, contact, reason, export, doctor) never import Textual,
so they answer in the time Python needs to start. Only the screens load the app.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, NoReturn

from nocontact_tui import __version__
from nocontact_tui.cli.common import _accept_db, _no_options
from nocontact_tui.cli.contact import _contact_options, cmd_contact
from nocontact_tui.cli.crypto import _idle_lock_options, cmd_privacy
from nocontact_tui.cli.demo import _demo_options, cmd_demo
from nocontact_tui.cli.doctor import _doctor_options, cmd_doctor
from nocontact_tui.cli.reason import _reason_options, cmd_reason
from nocontact_tui.cli.screens import SCREEN_COMMANDS, SCREENS
from nocontact_tui.cli.settings import _settings_options, cmd_settings
from nocontact_tui.cli.status import _status_options, cmd_status
from nocontact_tui.cli.transfer import _export_options, _import_options, cmd_export, cmd_import
from nocontact_tui.guard import install_network_guard
from nocontact_tui.journal.errors import NoContactError
from nocontact_tui.journal.locations import resolve_db_path

if TYPE_CHECKING:
    import argparse


EXAMPLES = """\
examples:
  nocontact                      open the home screen
  nocontact urge                 straight to the urge timer
  nocontact status --json        streak and today's review, for scripts and prompts
  nocontact contact log --kind checked_socials --felt 4
  nocontact reason add "I was always the one who apologised" --category "What did not work"
  nocontact export --format markdown -o ~/nocontact-backup.md
  nocontact export -o ~/nocontact-backup.json     everything, to import again later
  nocontact --db ~/new.json import ~/nocontact-backup.json
  nocontact import --merge ~/other-copy.json     add what this journal lacks, skip the rest
  nocontact export --format jrnl -o ~/letters.txt   letters and review notes, for jrnl
  nocontact encrypt              lock your journal and its backups with a passphrase
  nocontact idle-lock on         lock the app after 5 minutes without a key
  nocontact settings             every setting and its value
  nocontact settings day-ends-at 5     the day ends at 5 a.m. (start, urge-minutes, theme, ...)
  nocontact doctor               where your journal is and whether it is healthy

Your journal is one JSON file in your data folder; --db PATH or NOCONTACT_DB choose another.
An encrypted journal asks for its passphrase; NOCONTACT_PASSPHRASE_FILE reads it from a file
(for scripts: anyone who can read that file can open your journal).
"""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser for every command; with `only`, for that one command alone (see parse_args)."""
    import argparse  # here: `nocontact urge` starts without it (see screen_args)

    parser = argparse.ArgumentParser(
        prog="nocontact",
        description="A private terminal companion for keeping no contact. Nothing leaves this computer.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--db", metavar="PATH", help="the journal file to use")
    parser.add_argument("--version", action="version", version=f"nocontact {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, add_options) in COMMANDS.items():
        if only is None or name == only:
            command = commands.add_parser(name, help=help_text)
            add_options(command)
            if name != "demo":  # demo's own --db names the new journal it makes
                _accept_db(command)
    return parser


# Every command, in the order `nocontact --help` lists them: its help and its options.
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    **{name: (help_text, _no_options) for name, help_text in SCREEN_COMMANDS.items()},
    "status": ("print the streak and today's review", _status_options),
    "contact": ("log a contact", _contact_options),
    "reason": ("add a reason why it ended", _reason_options),
    "export": ("export your journal for your own backup", _export_options),
    "import": ("read a JSON export back into a journal", _import_options),
    "demo": ("write sample history into a new, separate journal", _demo_options),
    "encrypt": ("encrypt your journal and its backups with a passphrase", _no_options),
    "decrypt": ("turn an encrypted journal back into plain JSON", _no_options),
    "passphrase": ("change the passphrase of an encrypted journal", _no_options),
    "idle-lock": ("cover the app after some minutes without a key", _idle_lock_options),
    "settings": ("show your settings, or change one: settings NAME VALUE", _settings_options),
    "doctor": ("check the journal file, or restore a backup", _doctor_options),
}


def leading_db(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """`--db PATH` (or `--db=PATH`) when the line starts with it, and the rest of the line."""
    if argv and argv[0].startswith("--db="):
        return argv[0].removeprefix("--db="), list(argv[1:])
    if len(argv) >= 2 and argv[0] == "--db":
        return argv[1], list(argv[2:])
    return None, list(argv)


def named_command(argv: Sequence[str]) -> str | None:
    """The command `argv` names when only `--db PATH` comes before it; None otherwise."""
    _, rest = leading_db(argv)
    return rest[0] if rest and rest[0] in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    return execute(parse_args(sys.argv[1:] if argv is None else argv))


def parse_args(argv: Sequence[str]) -> argparse.Namespace | SimpleNamespace:
    """The command line, read as argparse reads it, at the least cost.

    A parser with one sub-command reads that command's line exactly as the whole
    parser would (tests/test_cli.py compares them, errors and help included), and
    building all seventeen cost `nocontact status` more than reading its answer.
    """
    return screen_args(argv) or build_parser(only=named_command(argv)).parse_args(argv)


def screen_args(argv: Sequence[str]) -> SimpleNamespace | None:
    """`nocontact [--db PATH] [SCREEN]` or `... status [--json]`, read without argparse.

    Importing argparse and building even one sub-parser takes longer than everything
    else before `nocontact urge` starts Textual, and is a good part of what
    `nocontact status` costs. These few shapes mean the same to argparse
    (tests/test_cli.py compares the two); every other command line, including every
    mistake, goes to the parser, which knows what to say.
    """
    db, rest = leading_db(argv)
    if db is not None and (not db or db.startswith("-")):
        return None
    if not rest:
        return SimpleNamespace(db=db, command=None)
    if len(rest) == 1 and rest[0] in SCREEN_COMMANDS:
        return SimpleNamespace(db=db, command=rest[0])
    if rest in (["status"], ["status", "--json"]):
        return SimpleNamespace(db=db, command="status", json=len(rest) == 2)
    return None


def execute(args: argparse.Namespace | SimpleNamespace) -> int:
    install_network_guard()
    path = resolve_db_path(args.db)
    command = args.command or "home"
    try:
        if command in SCREENS:
            from nocontact_tui.app import run_app

            return run_app(path, screen=command)
        handler = {
            "status": cmd_status,
            "contact": cmd_contact,
            "reason": cmd_reason,
            "export": cmd_export,
            "doctor": cmd_doctor,
            "demo": cmd_demo,
            "import": cmd_import,
            "encrypt": cmd_privacy,
            "decrypt": cmd_privacy,
            "passphrase": cmd_privacy,
            "idle-lock": cmd_privacy,
            "settings": cmd_settings,
        }[command]
        return handler(path, args)
    except NoContactError as exc:
        print(exc.text, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


def run() -> NoReturn:
    """The `nocontact` command's entry point: a quick exit after a shell command.

    A shell command has printed everything and let go of the journal when it
    returns; tearing the interpreter down (every module, every parsed document)
    would only make the answer later. The app's screens end the usual way.

    The cyclic garbage collector is paused from here: start-up only makes objects
    that live as long as the process, and every collection before the first frame
    (or before a shell command's answer) would walk them all again for nothing.
    The app turns it back on once its first frame is drawn.
    """
    gc.disable()
    args = parse_args(sys.argv[1:])
    code = execute(args)
    if (args.command or "home") in SCREENS:
        sys.exit(code)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
