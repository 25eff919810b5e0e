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


def line(file: str, /, *path: str, count: int | None = None, **values: Any) -> str:
    """The one way to look up a line: content/`file`.toml, down its keys, placeholders filled.

    With `count`, the line counts something: when it is 1 the key's one-form, `key_one`
    beside it, is used (the content test checks it exists), and `{count}` is filled in with
    the rest of `values`. `line("streak", "free_days", count=n, days=n)` says "1
    contact-free day" or "3 contact-free days". `file` is positional-only, so a line may
    have a `{file}` placeholder of its own.
    """
    node: Any = load(file)
    for key in path[:-1]:
        node = node[key]
    last = path[-1] if path else None
    if count is not None:
        values["count"] = count
        if count == 1 and isinstance(node, dict) and f"{last}_one" in node:
            last = f"{last}_one"
    text = str(node[last] if last is not None else node)
    return text.format(**values) if values else text
