"""The shell side of encryption: unlocking for a command, encrypt, decrypt, passphrase, idle lock.

Imported only by commands that need it, so `nocontact status` on a plain journal
pays nothing for it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nocontact_tui.domain.settings import IDLE_LOCK_MINUTES
from nocontact_tui.journal.crypto import (
    KdfParams,
    Key,
    SealedCodec,
    WrongPassphraseError,
    journal_header,
)
from nocontact_tui.journal.errors import EXIT_INPUT, InputError
from nocontact_tui.journal.passphrase import (
    ENV_NEW_FILE,
    SHORT,
    TRIES,
    ask_existing,
    ask_twice,
    asks_on_terminal,
)
from nocontact_tui.journal.storage import JSONCodec, file_is_sealed
from nocontact_tui.journal.store import Store, list_backups, recode_backups
from nocontact_tui.texts import line


def unlock_key(path: Path) -> Key:
    """The key for the encrypted file at `path`: three tries on a terminal, one from a file."""
    header = journal_header(path)
    attempts = TRIES if asks_on_terminal() else 1
    for attempt in range(1, attempts + 1):
        try:
            return Key.unlock(header, ask_existing())
        except WrongPassphraseError as exc:
            if attempt == attempts:
                if attempts > 1:
                    raise WrongPassphraseError(line("messages", "passphrase_too_many")) from exc
                raise
            print(exc.text, file=sys.stderr)
    raise AssertionError("unreachable")


def unlock_store(store: Store) -> None:
    """Load `store`, first asking for the key if its file is encrypted."""
    if file_is_sealed(store.path):
        store.codec = SealedCodec(unlock_key(store.path))
    store.load()


def _report_backups(failed: list[Path]) -> None:
    if failed:
        paths = "\n".join(f"  {path}" for path in failed)
        print(line("messages", "backups_not_converted", paths=paths), file=sys.stderr)


def new_key(passphrase: str, params: KdfParams | None = None) -> Key:
    if len(passphrase) < SHORT:
        print(line("messages", "passphrase_short"), file=sys.stderr)
    return Key.new(passphrase, params)


def cmd_encrypt(store: Store, args: argparse.Namespace) -> int:
    if file_is_sealed(store.path):
        plain = [backup for backup in list_backups(store.path) if not file_is_sealed(backup)]
        if not plain:
            print(line("messages", "encrypt_already"))
            return 0
        unlock_store(store)
        _report_backups(recode_backups(store.path, store.codec, store.codec))
        print(line("messages", "encrypt_finished_backups"))
        return 0
    store.load()  # a journal that can't be read is refused before anything is asked
    key = new_key(ask_twice())
    _report_backups(store.recode(SealedCodec(key)))
    print(line("messages", "encrypt_done", path=store.path))
    return 0


def cmd_decrypt(store: Store, args: argparse.Namespace) -> int:
    if not file_is_sealed(store.path):
        print(line("messages", "decrypt_not_sealed"))
        return 0
    header = journal_header(store.path)
    passphrase = ask_twice(first_key="passphrase_prompt", allow_empty=True)
    store.codec = SealedCodec(Key.unlock(header, passphrase))
    store.load()
    _report_backups(store.recode(JSONCodec()))
    print(line("messages", "decrypt_done", path=store.path))
    return 0


def cmd_passphrase(store: Store, args: argparse.Namespace) -> int:
    if not file_is_sealed(store.path):
        print(line("messages", "passphrase_not_sealed"))
        return EXIT_INPUT
    unlock_store(store)
    old = store.codec
    assert isinstance(old, SealedCodec)
    new = new_key(ask_twice(env=ENV_NEW_FILE))
    _report_backups(store.recode(SealedCodec(new)))
    print(line("messages", "passphrase_changed"))
    return 0


def cmd_idle_lock(store: Store, args: argparse.Namespace) -> int:
    unlock_store(store)
    if args.state == "off":
        store.update_meta({"idle_lock_minutes": 0})
        print(line("messages", "idle_lock_off"))
        return 0
    minutes = IDLE_LOCK_MINUTES if args.minutes is None else args.minutes
    if not 1 <= minutes <= 240:
        raise InputError(line("messages", "idle_lock_bad_minutes"))
    store.update_meta({"idle_lock_minutes": minutes})
    print(line("messages", "idle_lock_on", minutes=minutes, count=minutes))
    if not isinstance(store.codec, SealedCodec):
        print(line("messages", "idle_lock_plain_note"))
    return 0
