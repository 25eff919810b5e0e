"""Asking for the passphrase in the shell: on the terminal without echo, or from a file.

`NOCONTACT_PASSPHRASE_FILE` names a file holding the passphrase, for scripts; when
the passphrase changes, `NOCONTACT_NEW_PASSPHRASE_FILE` holds the new one. Anyone
who can read such a file can open the journal; the README says so.
"""

from __future__ import annotations

import getpass
import os
import stat
import sys
from pathlib import Path

from nocontact_tui.journal.errors import InputError
from nocontact_tui.texts import line

ENV_FILE = "NOCONTACT_PASSPHRASE_FILE"
ENV_NEW_FILE = "NOCONTACT_NEW_PASSPHRASE_FILE"
TRIES = 3
SHORT = 8  # below this many characters the user is encouraged (not forced) to use words
# A passphrase is a line of words; a file larger than this is not one (a log, a disk
# image, /dev/zero), and reading it whole could take all the memory there is.
FILE_LIMIT = 64 * 1024


def from_file(env: str) -> str | None:
    """The passphrase in the file that `env` names, without its final line break.

    Only a regular file of at most FILE_LIMIT bytes is read. A FIFO would block until
    something writes to it (for ever, in a script), and a device never ends; both are
    refused without reading, and opening does not wait (O_NONBLOCK).
    """
    name = os.environ.get(env)
    if not name:
        return None
    path = Path(name).expanduser()
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise InputError(line("messages", "passphrase_file_special", path=path, env=env))
            raw = b""
            while len(raw) <= FILE_LIMIT and (chunk := os.read(fd, FILE_LIMIT + 1 - len(raw))):
                raw += chunk  # a file growing as it is read still stops one byte past the limit
        finally:
            os.close(fd)
        if len(raw) > FILE_LIMIT:
            raise InputError(
                line(
                    "messages",
                    "passphrase_file_too_big",
                    path=path,
                    env=env,
                    limit=FILE_LIMIT // 1024,
                )
            )
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputError(
            line("messages", "passphrase_file_unreadable", path=path, env=env, reason=reason)
        ) from exc
    return text.removesuffix("\n").removesuffix("\r")


def _ask(prompt_key: str) -> str:
    # getpass would fall back to /dev/tty or to reading stdin with echo; a script
    # without a terminal gets a clear message instead of a hang.
    if not sys.stdin.isatty():
        raise InputError(line("messages", "passphrase_no_terminal", env=ENV_FILE))
    return getpass.getpass(line("messages", prompt_key))


def ask_existing(prompt_key: str = "passphrase_prompt", env: str = ENV_FILE) -> str:
    """One passphrase that should already open the journal."""
    given = from_file(env)
    return given if given is not None else _ask(prompt_key)


def ask_twice(
    env: str = ENV_FILE,
    first_key: str = "passphrase_prompt_new",
    allow_empty: bool = False,
) -> str:
    """A passphrase typed twice (or read once from the file); a mismatch changes nothing."""
    given = from_file(env)
    if given is None:
        given = _ask(first_key)
        if _ask("passphrase_prompt_again") != given:
            raise InputError(line("messages", "passphrase_mismatch"))
    if not given and not allow_empty:
        raise InputError(line("messages", "passphrase_empty"))
    return given


def asks_on_terminal(env: str = ENV_FILE) -> bool:
    return not os.environ.get(env)
