"""Errors the user can read. Every message comes from content/messages.toml."""

from __future__ import annotations

from pathlib import Path

from nocontact_tui.texts import line

# The `nocontact` command's exit codes, one meaning each (`nocontact --help` and the
# README list them): a script can tell "not yet" from "can't" from "try again".
EXIT_OK = 0
EXIT_NOT_YET = 1  # `status --check`: today's review isn't done yet
EXIT_INPUT = 2  # what was typed can't be used (argparse says 2 for its own refusals too)
EXIT_DATA = 3  # the journal file can't be used as it is; it is left untouched
EXIT_LOCKED = 4  # another nocontact is in the middle of writing the journal
EXIT_NO_TERMINAL = 5  # the screens were asked for without a terminal to draw in
EXIT_INTERRUPTED = 130  # ctrl+c, as shells count it (128 + SIGINT)
EXIT_CLOSED_PIPE = 141  # whatever read the output went away (`| head`), as shells count it


class NoContactError(Exception):
    """An error with a message meant for the user and an exit code for the shell."""

    exit_code = EXIT_INPUT

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class InputError(NoContactError):
    """Something the user typed cannot be used; nothing was changed."""


class DataFileError(NoContactError):
    """The data file cannot be used as it is. It is never overwritten."""

    exit_code = EXIT_DATA

    def __init__(self, path: Path, problem: str, backup: Path | None) -> None:
        self.path = path
        self.problem = problem
        self.backup = backup
        if backup is not None:
            hint = line("messages", "backup_hint", backup=backup, path=path)
        else:
            hint = line("messages", "no_backup_hint")
        super().__init__(line("messages", "file_unusable", path=path, problem=problem, hint=hint))


class LockedError(NoContactError):
    """Another nocontact process is writing to the same file."""

    exit_code = EXIT_LOCKED

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(line("messages", "locked", path=path))


class GoneError(NoContactError):
    """The entry was removed in another window or command before this change reached it."""

    exit_code = EXIT_DATA

    def __init__(self) -> None:
        super().__init__(line("messages", "gone_elsewhere"))


class WriteError(NoContactError):
    """A write did not reach the disk. The data is still in memory; the old file is intact."""

    exit_code = EXIT_DATA

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(line("messages", "write_failed", path=path, reason=reason))


class ReadOnlyError(NoContactError):
    """A write was attempted on a store opened only for reading."""

    exit_code = EXIT_DATA

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(line("messages", "read_only", path=path, reason=reason))


class NoTerminalError(NoContactError):
    """The screens were asked for where there is no terminal (cron, a pipe, `< /dev/null`)."""

    exit_code = EXIT_NO_TERMINAL

    def __init__(self) -> None:
        super().__init__(line("messages", "no_terminal"))
