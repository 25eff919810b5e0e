"""End to end in a real terminal: the contact form keeps every letter typed in a hurry.

The reported break: choose a kind, a feeling, Tab, then type "Said I was fine". The
letters used to open the review, answer it and open Traps, and the contact was lost;
later, typed in one burst, all but the first letter vanished while the focus moved;
and on a busy machine the feeling's 4, typed just after Tab, landed in the time field
(the app now hands each key on only once it is done with the one before).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tmux_helpers import TMUX, docs, journal_terminal, wait_for

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


def test_a_burst_of_letters_after_tab_lands_in_the_note(tmp_path: Path) -> None:
    db = tmp_path / "journal" / "nocontact.json"
    with journal_terminal(db, tmp_path / "cwd") as term:
        term.start()
        term.wait_for_text("days without contact")
        term.key("c")
        term.wait_for_text("What happened?")
        # Then all of it in one burst, as a person who knows the form types it: the kind,
        # Tab past the time, the feeling (which moves the focus on by itself), Tab, the
        # note. Each key must land where it would have landed typed slowly.
        term.key("1", "Tab", "4", "Tab")
        term.type("Said I was fine")
        term.wait_for_text("Said I was fine")
        assert "^s Save" in term.screen()  # still on the form: no letter navigated
        term.key("C-s")
        wait_for(lambda: bool(docs(db, "contacts")), "the contact to be saved", term.screen)
        [contact] = docs(db, "contacts")
        assert contact["kind"] == "i_reached_out" and contact["note"] == "Said I was fine"
        assert contact["felt_after"] == 4
