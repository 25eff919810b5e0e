"""Small helpers shared by the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


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
