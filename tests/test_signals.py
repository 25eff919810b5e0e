"""A real process in a real terminal: text typed but not yet submitted survives a signal.

For each place the user types (a letter, a new reason, the review's note, the
urge's "what do you need right now"), the app runs in tmux on a temporary journal,
text is typed and left unsubmitted, and SIGINT, SIGTERM or SIGHUP is sent to the
process. Then: the process has ended cleanly (status 0, no traceback), the
journal's lock is free, the typed text is in the file, and for SIGINT and
SIGTERM the terminal was given back (out of the alternate screen, cursor shown,
mouse reporting and bracketed paste off). For SIGHUP the terminal is gone by
design; closing the tmux window (a real hangup) is the fourth way out.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import NOW
from tmux_helpers import (
    SIGNALS,
    TMUX,
    Terminal,
    alive,
    docs,
    given_back,
    journal_terminal,
    wait_for,
)

from nocontact_tui.app import NoContactApp
from nocontact_tui.domain.reasons import add_reason, list_reasons
from nocontact_tui.journal.store import Store

needs_tmux = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

TYPED = "half a thought, ünï 我 zebra42"
MARK = "zebra42"  # on screen once every character has reached the app


def into_letter(term: Terminal) -> None:
    term.wait_for_text("New")
    term.key("n")
    term.wait_for_text("Prompt")


def into_reason(term: Terminal) -> None:
    term.wait_for_text("Press a to write")
    term.key("a")
    term.wait_for_text("Write a reason")


def into_review_note(term: Terminal) -> None:
    # No contact, mood 5, strongest urge 7, one thing that helped, then the optional note.
    for key, next_question in [
        ("n", "mood"),
        ("5", "strongest urge"),
        ("7", "What helped"),
        ("1", "What helped"),
        ("Enter", "Anything else"),
    ]:
        term.key(key)
        term.wait_for_text(next_question)


def into_urge_say(term: Terminal) -> None:
    term.wait_for_text("how strong is the urge")
    term.key("8")
    term.wait_for_text("pulling you")
    term.key("s")  # no trap
    term.wait_for_text("the urge asking for")


def into_person(term: Terminal) -> None:
    term.wait_for_text("No one here yet")
    term.key("n")
    term.wait_for_text("Their name")


def letter_kept(db: Path) -> bool:
    return [d["body"] for d in docs(db, "letters")] == [TYPED]


def reason_kept(db: Path) -> bool:
    return [d["text"] for d in docs(db, "reasons")] == [TYPED]


def note_kept(db: Path) -> bool:
    reviews = docs(db, "reviews")
    return [(r.get("note"), r.get("mood"), r.get("strongest_urge")) for r in reviews] == [
        (TYPED, 5, 7)
    ]


def person_kept(db: Path) -> bool:
    return [(p.get("name"), p.get("how")) for p in docs(db, "people")] == [(TYPED, "")]


def say_kept(db: Path) -> bool:
    # Kept as it stands: what was typed, and no outcome, since nobody chose one.
    return [(u.get("say"), u.get("outcome")) for u in docs(db, "urges")] == [(TYPED, None)]


PLACES: dict[str, tuple[str, Callable[[Terminal], None], Callable[[Path], bool], str]] = {
    "letter": ("letters", into_letter, letter_kept, "letters"),
    "reason": ("reasons", into_reason, reason_kept, "reasons"),
    "review note": ("review", into_review_note, note_kept, "reviews"),
    "urge say": ("urge", into_urge_say, say_kept, "urges"),
    "person": ("people", into_person, person_kept, "people"),
}


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    with journal_terminal(tmp_path / "journal" / "nocontact.json", tmp_path / "cwd") as term:
        yield term


@pytest.mark.e2e
@needs_tmux
@pytest.mark.parametrize("way_out", [*SIGNALS, "close the window"])
@pytest.mark.parametrize("place", list(PLACES))
def test_typed_text_survives_a_signal(terminal: Terminal, place: str, way_out: str) -> None:
    screen, get_there, kept, table = PLACES[place]
    db = terminal.db
    pid = terminal.start(screen)
    get_there(terminal)
    typed_at = time.monotonic()
    terminal.type(TYPED)
    terminal.wait_for_text(MARK)
    if place != "letter" or time.monotonic() - typed_at < 0.8:  # a letter autosaves after 1 s
        assert not kept(db)  # nothing was submitted: only the signal can save it

    if way_out == "close the window":
        terminal.close_window()  # tmux hangs up the app (SIGHUP, then SIGCONT) and its shell
        wait_for(lambda: not terminal.running(), "the window to close")
    else:
        os.kill(pid, SIGNALS[way_out])
        wait_for(terminal.dead, "the app to exit", terminal.screen)
    wait_for(lambda: not alive(pid), "the process to end")

    assert "Traceback" not in terminal.written()
    if way_out != "close the window":  # the pane is kept: read how it ended
        assert terminal.exit_status() == 0, terminal.screen()
        pane = terminal.screen()
        assert "Traceback" not in pane and "Error" not in pane, pane
    if way_out in ("SIGINT", "SIGTERM"):  # the terminal was given back as it was found
        assert terminal.pane("alternate_on") == "0"
        wait_for(lambda: given_back(terminal.written()), "the terminal modes to be turned off")
    with Store.open(db):  # the lock was let go
        pass
    assert kept(db), docs(db, table)


# -- the flushers themselves, in-process: what each way out saves, and only once --------------


async def test_a_half_typed_reason_is_saved_once_by_the_flushers(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    app = app_factory("reasons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a", *"never heard")
        await pilot.pause()
        assert list_reasons(set_up_store) == []
        app.flush_all()
        app.flush_all()  # a signal, then the app's own unmount: still one reason
        assert [r.text for r in list_reasons(set_up_store)] == ["never heard"]


async def test_a_half_edited_reason_is_saved_and_an_untouched_one_is_left_alone(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    add_reason(set_up_store, "kept", now=NOW)
    before = list_reasons(set_up_store)
    app = app_factory("reasons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.flush_all()  # the editor is open but nothing was typed
        assert list_reasons(set_up_store) == before
        await pilot.press("end", *" as it was")
        await pilot.pause()
        app.flush_all()
        assert [r.text for r in list_reasons(set_up_store)] == ["kept as it was"]


async def test_the_review_is_saved_by_the_flushers_only_once_its_lines_are_reached(
    set_up_store: Store, app_factory: Callable[..., NoContactApp]
) -> None:
    app = app_factory("review")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", "3")
        await pilot.pause()
        app.flush_all()  # mid-questions: nothing typed yet, nothing half-saved
        assert list(set_up_store.docs("reviews")) == []
        await pilot.press("6", "1", "enter", *"a quiet day")
        await pilot.pause()
        app.flush_all()
        app.flush_all()
        reviews = [doc for _, doc in set_up_store.docs("reviews")]
        assert [(r["mood"], r["strongest_urge"], r["note"]) for r in reviews] == [
            (3, 6, "a quiet day")
        ]


# -- every screen, with nothing typed: SIGINT, SIGTERM or SIGHUP ends the app cleanly -------------------

# screen -> a line only that screen shows once it is drawn
SCREENS_FROM_THE_SHELL = {
    "home": "without contact",
    "urge": "how strong is the urge",
    "reasons": "Press a to write",
    "letters": "New",
    "streak": "Longest stretch",
    "review": "Was there any contact",
    "traps": "Longing for closure",
}


@pytest.mark.e2e
@needs_tmux
@pytest.mark.parametrize("way_out", list(SIGNALS))
@pytest.mark.parametrize("screen", list(SCREENS_FROM_THE_SHELL))
def test_every_screen_ends_cleanly_on_a_signal(tmp_path: Path, screen: str, way_out: str) -> None:
    db = tmp_path / "journal" / "nocontact.json"
    with journal_terminal(db, tmp_path / "cwd", width=100, height=30) as term:
        pid = term.start(*([] if screen == "home" else [screen]))
        term.wait_for_text(SCREENS_FROM_THE_SHELL[screen])
        os.kill(pid, SIGNALS[way_out])
        wait_for(term.dead, "the app to exit", term.screen)
        wait_for(lambda: not alive(pid), "the process to end")
        assert term.exit_status() == 0, term.screen()
        assert "Traceback" not in term.written() and "Traceback" not in term.screen()
        if way_out != "SIGHUP":  # after a hangup there is no terminal left to hand back
            assert term.pane("alternate_on") == "0"
            wait_for(lambda: given_back(term.written()), "the terminal modes to be turned off")
        with Store.open(db):  # the lock was let go
            pass
