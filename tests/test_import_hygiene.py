"""The domain never imports Textual, and shell commands answer without loading it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# Every module of the layers below the UI: a new module is covered the day it is added.
PACKAGE = Path(__file__).resolve().parent.parent / "nocontact_tui"
BELOW_THE_UI = ("domain", "journal", "transfer", "cli")
DOMAIN_MODULES = sorted(
    f"nocontact_tui.{layer}.{path.stem}".removesuffix(".__init__")
    for layer in BELOW_THE_UI
    for path in (PACKAGE / layer).glob("*.py")
) + ["nocontact_tui.texts", "nocontact_tui.guard"]


def loaded_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_module_does_not_import_textual(module: str) -> None:
    modules = loaded_after(f"import {module}")
    assert not any(m == "textual" or m.startswith("textual.") for m in modules)


@pytest.mark.parametrize(
    "command", [["status"], ["status", "--json"], ["doctor"], ["reason", "add", "x"]]
)
def test_shell_commands_do_not_import_textual(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "j.json"
    code = f"from nocontact_tui.cli.main import main\nmain(['--db', {str(db)!r}] + {command!r})\n"
    modules = loaded_after(code)
    assert "textual" not in modules
    assert "nocontact_tui.app" not in modules


def test_status_loads_only_what_it_needs(tmp_path: Path) -> None:
    """`nocontact status` may run in a shell prompt: none of what the other commands need
    (filelock, random, the cipher's side, Textual), although their modules build the parser.
    (It reads the journal with orjson and its words with tomllib, like every other command.)"""
    db = tmp_path / "j.json"
    db.write_text('{"meta": {"1": {"schema_version": 1, "nc_start": "2026-11-01"}}}')
    code = f"from nocontact_tui.cli.main import main\nmain(['--db', {str(db)!r}, 'status'])\n"
    modules = loaded_after(code)
    assert not {"textual", "filelock", "random"} & modules
    assert "nocontact_tui.journal.crypto" not in modules


# Widgets are drawn by the screens, never the other way round. import-linter reads screens/
# apart from nocontact_tui (see pyproject.toml), so this is checked here, at run time.
WIDGET_MODULES = sorted(
    f"nocontact_tui.widgets.{path.stem}".removesuffix(".__init__")
    for path in (PACKAGE / "widgets").glob("*.py")
)


@pytest.mark.parametrize("module", WIDGET_MODULES)
def test_widgets_do_not_load_the_screens_or_the_app(module: str) -> None:
    modules = loaded_after(f"import {module}")
    above = {
        m for m in modules if m.startswith("nocontact_tui.screens") or m == "nocontact_tui.app"
    }
    assert not above, above
