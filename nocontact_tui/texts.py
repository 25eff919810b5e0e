"""The words the app shows, loaded from the installed `nocontact_tui.content` package.

Parsed TOML is kept beside its file, the way Python keeps bytecode: in
`content/__pycache__/`, marshalled, stamped with the file's modification time
and size, and read back while both still match. Reading that costs a small
fraction of importing tomllib and parsing, which `nocontact urge` and
`nocontact status` would otherwise pay on every start. Where it cannot be
written (a read-only install, PYTHONDONTWRITEBYTECODE) the files are parsed
each time, as before.
"""

from __future__ import annotations

import importlib
import marshal
import os
import sys
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any

# Read through the package's loader (pkgutil), which works from a wheel, a zip or an
# editable install alike, and costs less at start-up than importlib.resources.
PACKAGE = "nocontact_tui.content"


def _read(filename: str) -> str:
    import pkgutil  # here: the parsed TOML kept beside its file needs none of it

    data = pkgutil.get_data(PACKAGE, filename)
    if data is None:
        raise FileNotFoundError(f"{PACKAGE}/{filename}")
    return data.decode("utf-8")


@cache
def load(name: str) -> dict[str, Any]:
    """One TOML file of content, parsed once per process (and kept parsed between them)."""
    filename = f"{name}.toml"
    path = _on_disk(filename)
    if path is None:  # inside a zip, say: no file to stamp a cache against
        import tomllib

        return tomllib.loads(_read(filename))
    return _parsed(path)


def _on_disk(filename: str) -> Path | None:
    location = getattr(importlib.import_module(PACKAGE), "__file__", None)
    if location is None:
        return None
    path = Path(location).parent / filename
    return path if path.is_file() else None


def cache_file(path: Path) -> Path:
    return path.parent / "__pycache__" / f"{path.name}.{sys.implementation.cache_tag}.marshal"


def _parsed(path: Path) -> dict[str, Any]:
    info = path.stat()
    stamp = (info.st_mtime_ns, info.st_size)
    kept = cache_file(path)
    with suppress(OSError, ValueError, EOFError, TypeError):
        kept_stamp, data = marshal.loads(kept.read_bytes())
        if kept_stamp == stamp and isinstance(data, dict):
            return data
    import tomllib

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if not sys.dont_write_bytecode:
        _keep(kept, stamp, data)
    return data


def _keep(kept: Path, stamp: tuple[int, int], data: dict[str, Any]) -> None:
    """Write the parsed file beside it, all or nothing; any failure just means parsing next time."""
    try:
        blob = marshal.dumps((stamp, data))
    except ValueError:  # a TOML date or time: marshal cannot hold it, so this file is parsed
        return
    temp = kept.with_name(f"{kept.name}.{os.getpid()}.tmp")
    try:
        kept.parent.mkdir(exist_ok=True)
        temp.write_bytes(blob)
        os.replace(temp, kept)
    except OSError:
        with suppress(OSError):
            temp.unlink()


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
