"""End to end in a real terminal: mid-surf, a look at Reasons and back, and nothing ended.

The regression this guards: the Reasons key in the surf's own footer used to end the
session as "abandoned", and escape from Reasons landed on Home. Here `nocontact urge`
runs in tmux; the person rates, starts the surf, reads their reasons, comes back with
escape, finds the timer still going, then closes the app, which asks first.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tmux_helpers import TMUX, docs, journal_terminal, wait_for

from nocontact_tui.texts import line

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

REASONS_TITLE = "Remember why it ended"


def test_reasons_mid_surf_and_back_keeps_the_wave(tmp_path: Path) -> None:
    # 80x24 here; 40x12 is covered by the pilot tests (tmux resizes small windows unreliably).
    db = tmp_path / "journal" / "nocontact.json"
    width, height = 80, 24
    with journal_terminal(db, tmp_path / "cwd", width=width, height=height) as term:
        term.start("urge")
        term.wait_for_text("how strong is the urge")
        term.key("8")
        term.wait_for_text("pulling you")
        term.key("s", "Enter")  # in one burst, as a person in a hurry: no words, the surf begins
        wait_for(lambda: docs(db, "urges") and docs(db, "urges")[0]["ratings"] == [[0, 8]], "8")
        term.wait_for_text("Pause")

        term.key("r")
        term.wait_for_text("why it ended" if width < 60 else REASONS_TITLE)
        assert docs(db, "urges")[0]["outcome"] is None  # reading reasons ended nothing

        term.key("Escape")
        term.wait_for_text("Pause")  # back on the surf, still running
        assert docs(db, "urges")[0]["outcome"] is None

        term.key("q")
        term.wait_for_text(line("messages", "urge_end_and_close"))
        term.key("Enter")  # the default: stay
        wait_for(
            lambda: line("messages", "urge_end_and_close") not in term.screen(),
            "the question to go",
        )
        assert "Pause" in term.screen() and not term.dead()

        term.key("q")
        term.wait_for_text(line("messages", "urge_end_and_close"))
        term.key("y")
        wait_for(term.dead, "the app to close", term.screen)
        assert term.exit_status() == 0
        assert "Traceback" not in term.written()
        [urge] = docs(db, "urges")
        assert urge["outcome"] == "abandoned" and urge["ratings"] == [[0, 8]]
        assert re.match(r"\d{4}-", urge["ended_at"])
