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
