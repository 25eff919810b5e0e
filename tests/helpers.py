"""Small helpers shared by the tests."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

from textual import events


def run_cli(
    *args: str, db: Path | None = None, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run `nocontact ARGS` in a fresh interpreter, the way a user's shell would."""
    command = [sys.executable, "-m", "nocontact_tui"]
    if db is not None:
        command += ["--db", str(db)]
    full_env = os.environ | {"PYTHONDONTWRITEBYTECODE": "1"} | (env or {})
    return subprocess.run(
        command + list(args),
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def run_cli_on_a_terminal(
    *args: str, db: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run `nocontact ARGS` with a pseudo-terminal as its stdin and stdout, as a person
    would start a screen; stderr is kept apart, for the messages."""
    import pty

    command = [sys.executable, "-m", "nocontact_tui"]
    if db is not None:
        command += ["--db", str(db)]
    primary, secondary = pty.openpty()
    try:
        result = subprocess.run(
            command + list(args),
            stdin=secondary,
            stdout=secondary,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ | {"PYTHONDONTWRITEBYTECODE": "1"},
            timeout=timeout,
        )
    finally:
        os.close(secondary)
        os.close(primary)
    return result


# The character a terminal sends with a named key (None for keys that type nothing).
NAMED_CHARACTERS = {"tab": "\t", "enter": "\r", "space": " "}


def burst(app: Any, *keys: str) -> None:
    """Hand `app` every key at once, as a terminal does with fast typing or a paste: none
    waits for the one before it to be handled (pilot.press does). A key is one character,
    or a name: "enter", "tab", "escape", "ctrl+s"."""
    for key in keys:
        if len(key) == 1:  # a character: its key's name, as the terminal's driver gives it
            name = key if key.isalnum() else unicodedata.name(key).lower().replace(" ", "_")
            app.post_message(events.Key(name, key))
        else:
            app.post_message(events.Key(key, NAMED_CHARACTERS.get(key)))
