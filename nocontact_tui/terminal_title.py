"""The terminal window's title while the app runs: neutral, and given back afterwards."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def neutral_terminal_title(title: str) -> Iterator[None]:
    """Name the terminal window `title` while the app runs, then give the old name back.

    Textual leaves the window title alone, so a taskbar or a tab would otherwise show
    whatever the shell put there (often the command line). The old title is kept on
    the terminal's own title stack (xterm's CSI 22/23 t), where the terminal has one.
    """
    stream = sys.__stderr__  # where Textual draws
    if stream is None or not stream.isatty():
        yield
        return
    stream.write(f"\x1b[22;0t\x1b]2;{title}\x07")
    stream.flush()
    try:
        yield
    finally:
        with contextlib.suppress(OSError, ValueError):
            stream.write("\x1b[23;0t")
            stream.flush()
