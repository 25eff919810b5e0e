"""End to end in a real terminal, as a new user would: encrypt, restart, unlock, write,
cover the screen, export to Markdown, decrypt. Every passphrase is typed at a prompt
that does not echo."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from tmux_helpers import TMUX, Terminal, alive, journal_terminal, wait_for

from nocontact_tui.domain.reasons import add_reason
from nocontact_tui.journal.errors import EXIT_INPUT
from nocontact_tui.journal.storage import file_is_sealed
from nocontact_tui.journal.store import Store

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

PASSPHRASE = "rain on the kitchen window"
REASON = "I deserve calm mornings zebra1"
LETTER = "Some things are better left unsent zebra2"


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    with journal_terminal(tmp_path / "journal" / "nocontact.json", tmp_path / "cwd") as term:
        yield term


def run(term: Terminal, *args: str) -> int:
    """Start `nocontact ARGS` afresh in the window "app"."""
    term.tmux("kill-session", "-t", "app", check=False)
    return term.start(*args)


def finished(term: Terminal) -> int | None:
    wait_for(term.dead, "the command to end")
    return term.exit_status()


def answer(term: Terminal, prompt: str, text: str) -> None:
    term.wait_for_text(prompt)
    term.type(text)
    term.key("Enter")


def encrypt_new_journal(term: Terminal) -> None:
    run(term, "encrypt")
    answer(term, "New passphrase:", PASSPHRASE)
    answer(term, "The same passphrase again:", PASSPHRASE)
    assert finished(term) == 0


def test_a_new_user_encrypts_unlocks_writes_exports_and_decrypts(
    terminal: Terminal, tmp_path: Path
) -> None:
    term = terminal
    with Store.open(term.db) as store:  # past first run (journal_terminal)
        add_reason(store, REASON, now=datetime.now().astimezone())

    # Encrypt: asked twice, nothing echoed.
    run(term, "encrypt")
    answer(term, "New passphrase:", PASSPHRASE)
    answer(term, "The same passphrase again:", PASSPHRASE)
    shown = term.wait_for_text("now encrypted")
    assert PASSPHRASE not in shown
    assert finished(term) == 0
    assert file_is_sealed(term.db)
    assert b"zebra1" not in term.db.read_bytes()

    # Restart: the lock screen comes first; a wrong try says so; then in.
    run(term)
    locked = term.wait_for_text("Your journal is locked")
    assert "zebra1" not in locked
    answer(term, "passphrase", "not the one")
    term.wait_for_text("2 more tries")
    term.type(PASSPHRASE)
    term.key("Enter")
    home = term.wait_for_text("days without contact")
    assert "zebra1" in home  # home shows one of the user's reasons

    # Write a letter, then cover the screen with the panic key and come back.
    term.key("l")
    term.wait_for_text("No letters yet")
    term.key("n")
    term.wait_for_text("Prompt")
    term.type(LETTER)
    term.wait_for_text("zebra2")
    term.key("C-\\")
    wait_for(lambda: "zebra2" not in term.screen(), "the cover")
    assert "zebra" not in term.screen()
    term.key("x")
    term.wait_for_text("zebra2")
    term.key("Escape")
    term.wait_for_text("draft")
    term.key("q")
    assert finished(term) == 0
    assert b"zebra2" not in term.db.read_bytes()

    # Export to Markdown: the passphrase is asked, the file is private, and a warning says
    # that the export itself is not encrypted.
    target = tmp_path / "journal.md"
    run(term, "export", "--format", "markdown", "-o", str(target))
    answer(term, "Passphrase:", PASSPHRASE)
    term.wait_for_text("not encrypted")
    assert finished(term) == 0
    text = target.read_text(encoding="utf-8")
    assert REASON in text and LETTER in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600

    # Decrypt: asked twice; plain JSON again, with everything in it.
    run(term, "decrypt")
    answer(term, "Passphrase:", PASSPHRASE)
    answer(term, "The same passphrase again:", PASSPHRASE)
    term.wait_for_text("plain JSON again")
    assert finished(term) == 0
    tables = json.loads(term.db.read_bytes())
    assert [doc["text"] for doc in tables["reasons"].values()] == [REASON]
    assert [doc["body"] for doc in tables["letters"].values()] == [LETTER]
    assert "Traceback" not in term.written()


def test_three_wrong_passphrases_close_the_app_and_say_why(
    terminal: Terminal,
) -> None:
    term = terminal
    encrypt_new_journal(term)
    before = term.db.read_bytes()

    run(term, "urge")
    answer(term, "passphrase", "one")
    term.wait_for_text("2 more tries")
    answer(term, "passphrase", "two")
    term.wait_for_text("One more try")
    answer(term, "passphrase", "three")
    assert finished(term) == EXIT_INPUT
    assert "Three passphrases didn't open your journal" in term.written()
    assert term.db.read_bytes() == before


def test_closing_the_window_on_the_lock_screen_lets_go_of_the_journal(
    terminal: Terminal,
) -> None:
    term = terminal
    encrypt_new_journal(term)
    before = term.db.read_bytes()
    pid = run(term, "urge")
    term.wait_for_text("Your journal is locked")
    term.type("half a pass")
    term.close_window()
    wait_for(lambda: not alive(pid), "the app to end")
    with Store.open(term.db, lazy=True):  # the lock was let go
        pass
    assert term.db.read_bytes() == before
