"""Loading the words writes nothing anywhere, and works from an install that cannot be written.

The program writes only inside the user's data folder (issue 17): content is parsed
each time, never kept beside the package, so `pip uninstall` leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

LOAD_EVERYTHING = """
import sys
from pathlib import Path

sys.path.insert(0, sys.argv[1])
from nocontact_tui import texts

assert Path(texts.__file__).is_relative_to(sys.argv[1]), texts.__file__
folder = Path(texts.__file__).parent / "content"
names = sorted(path.stem for path in folder.glob("*.toml"))
assert names, folder
for name in names:
    assert texts.load(name), name
for path in folder.glob("*.md"):
    assert texts.markdown(path.stem), path.name
print(len(names))
"""


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under `folder`, with its size and modification time; Python's
    own bytecode aside (that is the interpreter's doing, as for any installed package)."""
    found = {}
    for path in [folder, *folder.rglob("*")]:
        if path.name == "__pycache__" or path.suffix == ".pyc":
            continue
        info = path.lstat()
        # A folder's own time changes when Python adds its __pycache__: its name is enough.
        found[str(path.relative_to(folder))] = (
            (0, 0) if path.is_dir() else (info.st_size, info.st_mtime_ns)
        )
    return found


def read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def writable(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)


@pytest.mark.parametrize("installed", ["writable", "read-only"])
def test_loading_every_content_file_writes_nothing_anywhere(tmp_path: Path, installed: str) -> None:
    # The package laid out as pip installs it: content/ inside nocontact_tui/.
    site = tmp_path / "site"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "nocontact_tui", site / "nocontact_tui", ignore=ignore)
    shutil.copytree(ROOT / "content", site / "nocontact_tui" / "content", ignore=ignore)
    home, cwd = tmp_path / "home", tmp_path / "cwd"
    home.mkdir()
    cwd.mkdir()
    if installed == "read-only":
        read_only(site)
    before = {folder: listing(folder) for folder in (site, home, cwd)}
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "XDG_")) and key != "HOME"
    }
    env |= {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    try:
        done = subprocess.run(
            [sys.executable, "-c", LOAD_EVERYTHING, str(site)],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        after = {folder: listing(folder) for folder in (site, home, cwd)}
    finally:
        writable(site)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(list((ROOT / "content").glob("*.toml")))
    assert after == before
