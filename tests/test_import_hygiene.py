"""The domain never imports Textual, and shell commands answer without loading it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DOMAIN_MODULES = [
    "nocontact_tui.clock",
    "nocontact_tui.days",
    "nocontact_tui.schema",
    "nocontact_tui.storage",
    "nocontact_tui.store",
    "nocontact_tui.settings",
    "nocontact_tui.contacts",
    "nocontact_tui.reasons",
    "nocontact_tui.letters",
    "nocontact_tui.course",
    "nocontact_tui.reviews",
    "nocontact_tui.streak",
    "nocontact_tui.status",
    "nocontact_tui.export",
    "nocontact_tui.doctor",
    "nocontact_tui.cli",
    "nocontact_tui.evidence",
    "nocontact_tui.contact_form",
    "nocontact_tui.demo",
    "nocontact_tui.urges",
    "nocontact_tui.traps",
]


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
    code = f"from nocontact_tui.cli import main\nmain(['--db', {str(db)!r}] + {command!r})\n"
    modules = loaded_after(code)
    assert "textual" not in modules
    assert "nocontact_tui.app" not in modules
