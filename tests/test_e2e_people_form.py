"""End to end in a real terminal: the people form keeps every word typed in a hurry.

The reported break: `n`, a name, enter and how to reach them, typed in one burst
(a fast typist, a paste, tmux send-keys). Enter was handled in the name field's
own queue, after the app had already handed it the keys that followed, so the
first letters of "how" could end up at the end of the name.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tmux_helpers import TMUX, docs, journal_terminal, wait_for

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])
def test_a_name_enter_and_how_in_one_burst_land_in_their_fields(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    db = tmp_path / "journal" / "nocontact.json"
    width, height = size
    with journal_terminal(db, tmp_path / "cwd", width=width, height=height) as term:
        term.start("people")
        term.wait_for_text("n Add")
        term.key("n")
        term.wait_for_text("Their name")
        # One send-keys call: the name, enter, how to reach them and enter reach the
        # app together, as they do from someone typing fast or pasting.
        term.key("Maya", "Enter", "call her, any evening", "Enter")
        wait_for(lambda: bool(docs(db, "people")), "the person to be saved", term.screen)
        [person] = docs(db, "people")
        assert (person["name"], person["how"]) == ("Maya", "call her, any evening")


def test_two_people_and_a_change_in_one_burst_are_saved_as_typed(tmp_path: Path) -> None:
    db = tmp_path / "journal" / "nocontact.json"
    with journal_terminal(db, tmp_path / "cwd") as term:
        term.start("people")
        term.wait_for_text("n Add")
        # n right before the name (the name's letters used to go nowhere: the form was
        # not open yet), n right after a save, e right after that, a doubled enter.
        term.key("n", "Maya", "Enter", "call her", "Enter", "Enter")
        term.key(
            "n", "Sam", "Enter", "text him", "Enter", "e", " K", "Enter", ", evenings", "Enter"
        )
        wanted = [("Maya", "call her"), ("Sam K", "text him, evenings")]

        def saved() -> list[tuple[str, str]]:
            return sorted((p["name"], p["how"]) for p in docs(db, "people"))

        wait_for(lambda: saved() == wanted, f"{wanted} to be saved", term.screen)
        term.wait_for_text("Maya (call her)", "Sam K (text him, evenings)")
