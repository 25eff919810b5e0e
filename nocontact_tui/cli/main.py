"""The `nocontact` command: the parser, assembled from one module per command, and run().

Each command lives in its own module of this package (`cli/status.py`, ...), which has

    def add_parser(commands: Commands) -> None
        adds its sub-parser(s) with `common.add_command(commands, NAME, HELP)`, which also
        takes `--db PATH` after the command, then adds its options to what that returns;
    def run(path: Path, args: argparse.Namespace) -> int
        does the work on the journal at `path` and returns the exit code (EXIT_* in
        `journal/errors.py`); a `NoContactError` it raises is printed for it.

To add a command, write `cli/NAME.py` with those two functions and add "NAME" to
COMMANDS below: that one line registers it, and its place there is its place in
`nocontact --help`. Every module in COMMANDS is imported to build the parser, for
every command, so keep its top-level imports light (argparse, pathlib, `cli.common`)
and import what `run` needs inside `run`: `nocontact status` runs in shell prompts
(tests/test_import_hygiene.py checks what it loads), and a shell command never imports
Textual.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, Protocol, cast

from nocontact_tui import __version__
from nocontact_tui.guard import install_network_guard
from nocontact_tui.journal.errors import (
    EXIT_CLOSED_PIPE,
    EXIT_INTERRUPTED,
    NoContactError,
)
from nocontact_tui.journal.locations import resolve_db_path

if TYPE_CHECKING:
    from nocontact_tui.cli.common import Commands

# The modules of this package that hold commands, in the order `nocontact --help` lists them.
COMMANDS = (
    "screens",
    "status",
    "insights",
    "contact",
    "reason",
    "transfer",
    "demo",
    "privacy",
    "settings",
    "doctor",
    "remind",
    "completion",
)

EXAMPLES = """\
examples:
  nocontact                      open the home screen
  nocontact urge                 straight to the urge timer
  nocontact status --json        streak and today's review, for scripts and prompts
  nocontact status --check -q    exit 0 if today's review is done, 1 if not (for prompts)
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
  nocontact remind --at 21:30    how to get a quiet daily reminder (nothing is installed)
  nocontact completion bash      tab completion for your shell (bash, zsh or fish)

Your journal is one JSON file in your data folder; --db PATH or NOCONTACT_DB choose another.
An encrypted journal asks for its passphrase; NOCONTACT_PASSPHRASE_FILE reads it from a file
(for scripts: anyone who can read that file can open your journal).

exit codes:
  0    done (status --check: today's review is done)
  1    status --check: today's review isn't done yet
  2    what was typed can't be used (a command, an option, a value, a passphrase);
       nothing was changed
  3    the journal file can't be used as it is (doctor: it needs care); it is left untouched
  4    another nocontact is in the middle of saving the journal; try again in a moment
  5    the screens need a terminal, and there is none (cron, a pipe, < /dev/null)
  130  stopped with ctrl+c
  141  whatever read the output stopped reading (e.g. `| head`); nothing more is printed
"""


class Command(Protocol):
    """What each module named in COMMANDS provides (see the module docstring)."""

    def add_parser(self, commands: Commands) -> None: ...

    def run(self, path: Path, args: argparse.Namespace) -> int: ...


def command_module(name: str) -> Command:
    return cast(Command, importlib.import_module(f"nocontact_tui.cli.{name}"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nocontact",
        description="A private terminal companion for keeping no contact. Nothing leaves this computer.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--db", metavar="PATH", help="the journal file to use")
    parser.add_argument("--version", action="version", version=f"nocontact {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = command_module(name)
        before = set(commands.choices)
        module.add_parser(commands)
        for added in commands.choices.keys() - before:
            commands.choices[added].set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Read the command line, run its command, and return the exit code."""
    args = build_parser().parse_args(argv)
    install_network_guard()
    path = resolve_db_path(args.db)
    # No command opens the home screen.
    run_command = getattr(args, "run", None) or command_module("screens").run
    try:
        return run_command(path, args)
    except NoContactError as exc:
        print(exc.text, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def run() -> NoReturn:
    """The `nocontact` command's entry point."""
    try:
        code = main()
        sys.stdout.flush()  # here, so a reader that went away is noticed here
    except BrokenPipeError:
        code = EXIT_CLOSED_PIPE
        # `nocontact export | head -1`: what wasn't read is dropped without a word, and
        # stdout points at /dev/null so the interpreter's last flush has nowhere to fail.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(code)
