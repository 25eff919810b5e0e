"""End to end in a real terminal: a first evening with the app, the window closed, and the next start.

`nocontact` runs in tmux on a new journal. The user goes through first run,
surfs an urge (with what they need right now), writes a reason, starts a letter
and answers the daily review, all with keys sent to the terminal. Then the
window is closed (tmux hangs up the app, as a closed terminal does), the app is
started again, and everything is there: on screen and in `nocontact export`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import run_cli
from tmux_helpers import TMUX, Terminal, alive, wait_for

from nocontact_tui.journal.store import Store

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

SAY = "I miss our walks, süß 🌧 zebra1"
REASON = "I deserve calm mornings zebra2"
LETTER = "Dear past me, it was not your fault zebra3"
NOTE = "rain all day zebra4"
KINDNESS = "a long bath zebra5"


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    term = Terminal(tmp_path / "journal" / "nocontact.json", workdir)
    try:
        yield term
    finally:
        term.stop()


def keys_then(term: Terminal, *steps: tuple[str, str]) -> None:
    """Press each key and wait for the text that shows it was taken."""
    for key, shown in steps:
        term.key(key)
        term.wait_for_text(shown)


def first_evening(term: Terminal) -> None:
    term.wait_for_text("When did no contact begin")
    # Enter takes today's date, enter again the hour (4): both in one burst, as a person
    # in a hurry types them (the second must find the focus already on the hour).
    term.key("Enter", "Enter")
    term.wait_for_text("days without contact")

    # An urge: rated 8, no trap, what they need right now, then finish early, 3, rode it out.
    keys_then(
        term, ("u", "how strong is the urge"), ("8", "pulling you"), ("s", "the urge asking for")
    )
    term.type(SAY)
    term.wait_for_text("zebra1")
    keys_then(
        term,
        ("Enter", "Finish now"),
        ("Enter", "how strong is the urge now"),
        ("3", "Where does this leave you"),
        ("1", "You stayed with it"),
        ("Enter", "days without contact"),
    )

    # A reason.
    keys_then(term, ("r", "Press a to write"), ("a", "Write a reason"))
    term.type(REASON)
    term.wait_for_text("zebra2")
    keys_then(term, ("Enter", "Why it ended  1"))

    # A letter: the body has the focus; a pause in typing saves it.
    keys_then(term, ("l", "No letters yet"), ("n", "Prompt"))
    term.type(LETTER)
    term.wait_for_text("zebra3", "saved")
    keys_then(term, ("Escape", "draft"))

    # The daily review: no contact, mood 4, the urge prefilled from the log (8), one help.
    keys_then(
        term,
        ("d", "Was there any contact"),
        ("n", "mood"),
        ("4", "strongest urge"),
        ("Enter", "What helped"),
        ("1", "✓"),
        ("Enter", "Anything else"),
    )
    term.type(NOTE)
    term.wait_for_text("zebra4")
    keys_then(term, ("Enter", "One kind thing"))
    term.type(KINDNESS)
    term.wait_for_text("zebra5")
    keys_then(
        term, ("Enter", "at a glance"), ("Enter", "Saved."), ("Enter", "days without contact")
    )


def test_a_first_evening_survives_closing_the_window(terminal: Terminal, tmp_path: Path) -> None:
    pid = terminal.start()
    first_evening(terminal)

    terminal.close_window()  # tmux hangs up the app: SIGHUP, as a closed window does
    wait_for(lambda: not terminal.running(), "the window to close")
    wait_for(lambda: not alive(pid), "the app to end")
    with Store.open(terminal.db):  # the lock was let go
        pass

    # In the file, through the user's own export.
    done = run_cli("export", db=terminal.db)
    assert done.returncode == 0, done.stderr
    tables = json.loads(done.stdout)["tables"]
    meta = next(iter(tables["meta"].values()))
    assert meta["nc_start"] and meta["day_starts_at"] == 4
    urges = list(tables["urges"].values())
    assert [(u["say"], u["outcome"], [r for _, r in u["ratings"]]) for u in urges] == [
        (SAY, "surfed", [8, 3])
    ]
    assert [r["text"] for r in tables["reasons"].values()] == [REASON]
    assert [letter["body"] for letter in tables["letters"].values()] == [LETTER]
    reviews = list(tables["reviews"].values())
    assert [
        (r["contact"], r["mood"], r["strongest_urge"], len(r["helped"]), r["note"], r["kindness"])
        for r in reviews
    ] == [(False, 4, 8, 1, NOTE, KINDNESS)]

    # And on screen, in a new start of the app: no first run this time.
    term = terminal
    term.start()
    home = term.wait_for_text("days without contact")
    assert "When did no contact begin" not in home
    keys_then(term, ("r", "Remember why it ended"))
    term.wait_for_text(REASON)
    keys_then(term, ("l", "Last edited"))
    term.wait_for_text("Dear past me")
    keys_then(term, ("Enter", "Prompt"))
    term.wait_for_text(LETTER)
    keys_then(term, ("Escape", "Last edited"), ("d", "at a glance"))
    term.wait_for_text(NOTE, KINDNESS)
    term.key("q")
    wait_for(term.dead, "the app to quit")
    assert term.exit_status() == 0
    assert "Traceback" not in term.written()


def test_the_window_title_says_notes_and_is_given_back(tmp_path: Path) -> None:
    from tmux_helpers import journal_terminal

    with journal_terminal(tmp_path / "journal" / "nocontact.json", tmp_path / "cwd") as term:
        term.tmux("new-session", "-d", "-s", "shell")  # what the title is without the app
        before = term.tmux("display-message", "-p", "-t", "shell", "#{pane_title}").strip()
        term.start("urge")
        term.wait_for_text("how strong is the urge")
        assert term.pane("pane_title") == "notes"
        term.key("q")
        wait_for(term.dead, "the app to quit")
        assert term.pane("pane_title") == before
