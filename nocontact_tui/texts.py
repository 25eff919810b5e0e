"""The words the app shows, loaded from the installed `nocontact_tui.content` package."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """One TOML file of content, parsed once per process."""
    raw = files("nocontact_tui.content").joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


@cache
def markdown(name: str) -> str:
    return files("nocontact_tui.content").joinpath(f"{name}.md").read_text(encoding="utf-8")


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
