"""Errors the user can read. Every message comes from content/messages.toml."""

from __future__ import annotations

from pathlib import Path

from nocontact_tui.texts import message

EXIT_INPUT = 1
EXIT_DATA = 2
EXIT_LOCKED = 3


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
            hint = message("backup_hint", backup=backup, path=path)
        else:
            hint = message("no_backup_hint")
        super().__init__(message("file_unusable", path=path, problem=problem, hint=hint))


class LockedError(NoContactError):
    """Another nocontact process is writing to the same file."""

    exit_code = EXIT_LOCKED

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(message("locked", path=path))


class GoneError(NoContactError):
    """The entry was removed in another window or command before this change reached it."""

    exit_code = EXIT_DATA

    def __init__(self) -> None:
        super().__init__(message("gone_elsewhere"))


class WriteError(NoContactError):
    """A write did not reach the disk. The data is still in memory; the old file is intact."""

    exit_code = EXIT_DATA

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(message("write_failed", path=path, reason=reason))


class ReadOnlyError(NoContactError):
    """A write was attempted on a store opened only for reading."""

    exit_code = EXIT_DATA

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(message("read_only", path=path, reason=reason))
