"""The words the app shows, loaded from the installed `nocontact_tui.content` package.

Each file is parsed once per process and nothing is ever written: the program writes
only inside the user's data folder.
"""

from __future__ import annotations

from functools import cache
from typing import Any

# Read through the package's loader (pkgutil), which works from a wheel, a zip or an
# editable install alike, and costs less at start-up than importlib.resources.
PACKAGE = "nocontact_tui.content"


def _read(filename: str) -> str:
    import pkgutil

    data = pkgutil.get_data(PACKAGE, filename)
    if data is None:
        raise FileNotFoundError(f"{PACKAGE}/{filename}")
    return data.decode("utf-8")


@cache
def load(name: str) -> dict[str, Any]:
    """One TOML file of content, parsed once per process."""
    import tomllib

    return tomllib.loads(_read(f"{name}.toml"))


@cache
def markdown(name: str) -> str:
    return _read(f"{name}.md")


def counted(key: str, count: int) -> str:
    """The key of a line that counts something: `key`, or `key_one` when the count is 1."""
    return f"{key}_one" if count == 1 else key


def message(key: str, **values: Any) -> str:
    """A line from content/messages.toml, with its placeholders filled."""
    text: str = load("messages")[key]
    return text.format(**values) if values else text


def line(name: str, *path: str, **values: Any) -> str:
    """One sentence from content/`name`.toml, found by its keys, with placeholders filled."""
    node: Any = load(name)
    for key in path:
        node = node[key]
    text = str(node)
    return text.format(**values) if values else text
