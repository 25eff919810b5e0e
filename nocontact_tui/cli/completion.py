"""`nocontact completion bash|zsh|fish`: the shell's tab completion, made from the parser.

shtab writes each shell's script from the same argparse parser the command reads
with, so a new command or option completes the day it is added. The scripts are
printed, never installed: the README says where each shell looks for them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nocontact_tui.cli.common import add_command

if TYPE_CHECKING:
    from nocontact_tui.cli.common import Commands

SHELLS = ("bash", "zsh", "fish")
# Options whose value is a file: the shells complete them with file names.
FILE_METAVARS = {"PATH", "FILE", "BACKUP"}


def add_parser(commands: Commands) -> None:
    completion = add_command(commands, "completion", "print tab completion for bash, zsh or fish")
    completion.add_argument("shell", choices=SHELLS)


def run(path: Path, args: argparse.Namespace) -> int:
    sys.stdout.write(script(args.shell))
    return 0


def script(shell: str) -> str:
    import shtab

    from nocontact_tui.cli.main import build_parser  # here: main imports this module

    parser = build_parser()
    for each in _parsers(parser):
        for action in each._actions:
            if action.metavar in FILE_METAVARS:
                action.complete = shtab.FILE  # type: ignore[attr-defined]
    return str(shtab.complete(parser, shell=shell))


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """`parser` and every sub-parser below it."""
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += _parsers(sub)
    return found
