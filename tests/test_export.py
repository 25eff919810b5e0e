"""`nocontact export`: JSON for import, Markdown to read, and jrnl's plain-text format."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from helpers import run_cli

from nocontact_tui.domain.heavy import heavy_journal
from nocontact_tui.journal.errors import EXIT_INPUT
from nocontact_tui.journal.schema import TABLES
from nocontact_tui.journal.store import Store
from nocontact_tui.transfer.jrnl import export_jrnl
from nocontact_tui.transfer.markdown import export_markdown

NOW = datetime.fromisoformat("2026-11-21T12:00:00+01:00")

LETTERS = {
    "1": {
        "title": "To you. Again",
        "body": "First line.\n\n# not a heading\n[2024-01-01 10:00] looks like a date\n"
        "[note] a bracket\n  indented, with ünïcode 🌊\n\n",
        "status": "sealed",
        "created_at": "2026-03-10T21:05:33+01:00",
        "updated_at": "2026-03-12T08:00:00+01:00",
    },
    "2": {"title": "", "body": "no title here", "created_at": "2026-03-11T08:00:00+01:00"},
    "3": {"title": "  Only a title\n ", "body": "", "created_at": "2026-03-09T07:30:00+01:00"},
}
REVIEWS = {
    "1": {"day": "2026-03-08", "mood": 2, "note": "a hard Sunday", "helped": ["breathing"]},
    "2": {"day": "2026-03-09", "mood": 4, "kindness": "tea in the sun", "contact": True},
    "3": {"day": "2026-03-10", "mood": 3},  # no words in it: not a jrnl entry
}


def journal(tmp_path: Path) -> Path:
    db = tmp_path / "nocontact.json"
    data = {
        "meta": {"1": {"schema_version": 2, "nc_start": "2026-03-01", "day_starts_at": 4}},
        "letters": LETTERS,
        "reviews": REVIEWS,
        "reasons": {
            "1": {
                "text": "Promises that moved | every week",
                "category": "Red flags",
                "position": 2,
            },
            "2": {"text": "I did all the planning", "position": 1},
            "3": {"text": "Silence for days", "category": "Red flags", "position": 1},
        },
        "contacts": {
            "1": {"at": "2026-03-09T19:30:00+01:00", "kind": "checked_socials", "felt_after": 5},
        },
        "urges": {
            "1": {
                "started_at": "2026-03-09T22:00:00+01:00",
                "ended_at": "2026-03-09T22:12:00+01:00",
                "trigger": "closure",
                "ratings": [[0, 8], [120, 6], [600, 3]],
                "outcome": "surfed",
                "note": "it passed",
            }
        },
    }
    db.write_bytes(orjson.dumps(data))
    return db


# -- every format: a new 0600 file, never an overwrite ------------------------------------


@pytest.mark.parametrize("fmt", ["json", "markdown", "jrnl"])
def test_an_export_is_a_new_private_file_and_never_overwrites(tmp_path: Path, fmt: str) -> None:
    db = journal(tmp_path)
    out = tmp_path / f"backup.{fmt}"
    result = run_cli("export", "--format", fmt, "-o", str(out), db=db)
    assert result.returncode == 0, result.stderr
    assert f"Exported to {out}" in result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = out.read_text()
    again = run_cli("export", "--format", fmt, "-o", str(out), db=db)
    assert again.returncode == EXIT_INPUT and "already exists" in again.stderr
    assert out.read_text() == text


def test_an_export_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    db = journal(tmp_path)
    out = tmp_path / "no-such-folder" / "backup.json"
    result = run_cli("export", "-o", str(out), db=db)
    assert result.returncode == EXIT_INPUT
    assert "Couldn't write" in result.stderr and "nothing was exported" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_umask_does_not_widen_an_export(tmp_path: Path) -> None:
    db = journal(tmp_path)
    out = tmp_path / "backup.md"
    code = (
        "import os; os.umask(0)\nfrom nocontact_tui.cli.main import main\n"
        f"main(['--db', {str(db)!r}, 'export', '--format', 'markdown', '-o', {str(out)!r}])\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


# -- JSON ---------------------------------------------------------------------------------


def test_json_holds_every_table_with_its_ids(tmp_path: Path) -> None:
    db = journal(tmp_path)
    exported = json.loads(run_cli("export", db=db).stdout)
    assert exported["format"] == "nocontact-export" and exported["format_version"] == 1
    assert exported["schema_version"] == 2
    assert set(exported["tables"]) == set(TABLES)
    assert exported["tables"]["letters"] == LETTERS
    assert exported["tables"]["reasons"]["1"]["text"].startswith("Promises")


# -- Markdown -------------------------------------------------------------------------------


def test_markdown_reads_as_a_document(tmp_path: Path) -> None:
    db = journal(tmp_path)
    with Store.open(db, write=False) as store:
        text = export_markdown(store, NOW)
    lines = text.splitlines()
    assert lines[0] == "# My nocontact journal"
    assert "No contact since 2026-03-01." in lines
    # letters as sections, oldest first, with their words kept and their shape safe
    assert text.index("### Only a title") < text.index("### To you. Again")
    assert text.index("### To you. Again") < text.index("### Untitled letter")
    assert "*Sealed; begun 2026-03-10 21:05, last changed 2026-03-12 08:00*" in lines
    assert "\\# not a heading" in lines and "# not a heading" not in lines
    assert "  indented, with ünïcode 🌊" in lines
    # reasons by group, in the user's order, the ungrouped under their own heading
    red = lines.index("### Red flags")
    assert lines[red + 2 : red + 4] == ["- Silence for days", "- Promises that moved | every week"]
    assert lines[lines.index("### Not sorted yet") + 2] == "- I did all the planning"
    # the histories as tables, in words rather than ids
    assert (
        "| 2026-03-09 22:00 | 12 | Longing for closure | 8 → 6 → 3 | rode it out | it passed |"
        in lines
    )
    assert "| 2026-03-09 19:30 | I looked at their profile | 5 (stirred up) |  |" in lines
    # reviews grouped by ISO week: Sunday 8 March closes week 10, Monday 9 opens week 11
    week10 = lines.index("### Week 10 of 2026 (2026-03-02 to 2026-03-08)")
    week11 = lines.index("### Week 11 of 2026 (2026-03-09 to 2026-03-15)")
    assert week10 < week11
    assert lines[week10 + 4].startswith("| Sun 2026-03-08 | 2 (low) |")
    assert "Slow breathing" in lines[week10 + 4] and "a hard Sunday" in lines[week10 + 4]
    assert lines[week11 + 4].startswith("| Mon 2026-03-09 | 4 (steady) |")
    assert "| yes |" in lines[week11 + 4]


def test_markdown_of_an_empty_journal_says_so(tmp_path: Path) -> None:
    with Store.open(tmp_path / "nocontact.json", write=False) as store:
        text = export_markdown(store, NOW)
    assert text.count("Nothing here yet.") == 7  # plans and people too


def test_markdown_table_cells_stay_in_their_cells(tmp_path: Path) -> None:
    db = tmp_path / "nocontact.json"
    note = "a | b\nsecond line \\ end"
    meta = {"1": {"schema_version": 2}}
    contact = {"at": "2026-03-09T19:30:00+01:00", "kind": "met", "note": note}
    db.write_bytes(orjson.dumps({"meta": meta, "contacts": {"1": contact}}))
    with Store.open(db, write=False) as store:
        text = export_markdown(store, NOW)
    assert "| 2026-03-09 19:30 | We met |  | a \\| b second line \\\\ end |" in text


def test_markdown_of_ten_years(tmp_path: Path) -> None:
    db = tmp_path / "nocontact.json"
    db.write_bytes(orjson.dumps(heavy_journal(date(2026, 11, 21))))
    out = tmp_path / "ten-years.md"
    assert run_cli("export", "--format", "markdown", "-o", str(out), db=db).returncode == 0
    text = out.read_text()
    assert text.count("\n### Week ") in (521, 522)
    assert text.count("\n### Letter ") == 400


# -- jrnl -----------------------------------------------------------------------------------

# What jrnl must read back: (date, title, body), oldest first. Review 3 has no words.
EXPECTED = [
    ("2026-03-08 09:00", "Daily review", "a hard Sunday"),
    ("2026-03-09 07:30", "Only a title", ""),
    ("2026-03-09 09:00", "Daily review", "Something kind I did for myself: tea in the sun"),
    (
        "2026-03-10 21:05",
        "To you. Again",
        # a line jrnl could take for the start of an entry is indented by one space
        "First line.\n\n# not a heading\n [2024-01-01 10:00] looks like a date\n"
        " [note] a bracket\n  indented, with ünïcode 🌊",
    ),
    ("2026-03-11 08:00", "Untitled letter", "no title here"),
]


def jrnl_text(tmp_path: Path) -> str:
    with Store.open(journal(tmp_path), write=False) as store:
        return export_jrnl(store, NOW)


def test_jrnl_text_is_jrnls_own_entry_format(tmp_path: Path) -> None:
    text = jrnl_text(tmp_path)
    assert text.startswith("[2026-03-08 09:00] Daily review\na hard Sunday\n\n")
    assert "\n\n[2026-03-09 07:30] Only a title\n\n[2026-03-09 09:00] Daily review\n" in text
    assert text.endswith("[2026-03-11 08:00] Untitled letter\nno title here\n")


@pytest.mark.filterwarnings("ignore::DeprecationWarning:jrnl.*")
def test_jrnls_parser_reads_every_entry(tmp_path: Path) -> None:
    pytest.importorskip("jrnl", reason="jrnl (a test dependency, in the test extra) is missing")
    from jrnl.journals import Journal

    text = jrnl_text(tmp_path)
    parsed = Journal("nocontact")._parse(text)
    got = [(e.date.strftime("%Y-%m-%d %H:%M"), e.title, e.body) for e in parsed]
    assert got == EXPECTED
    assert not any(e.starred for e in parsed)


def jrnl_command() -> list[str]:
    found = shutil.which("jrnl", path=str(Path(sys.executable).parent))
    if found:
        return [found]
    pytest.importorskip("jrnl", reason="jrnl (a test dependency, in the test extra) is missing")
    return [sys.executable, "-m", "jrnl"]


def test_jrnl_imports_the_file_as_a_user_would(tmp_path: Path) -> None:
    command = jrnl_command()
    out = tmp_path / "letters.txt"
    db = journal(tmp_path)
    assert run_cli("export", "--format", "jrnl", "-o", str(out), db=db).returncode == 0
    home = tmp_path / "jrnl-home"
    (home / "journal").mkdir(parents=True)
    (home / "journal" / "journal.txt").write_text("")
    config = home / "jrnl.yaml"
    config.write_text(
        "journals:\n"
        f"  default:\n    journal: {home / 'journal' / 'journal.txt'}\n"
        "encrypt: false\ndefault_hour: 9\ndefault_minute: 0\neditor: ''\n"
        "timeformat: '%Y-%m-%d %H:%M'\ntagsymbols: '#@'\nhighlight: false\nlinewrap: 79\n"
        "indent_character: '|'\ntemplate: false\n"
        "colors: {body: none, date: none, tags: none, title: none}\nversion: v4.6\n"
    )
    env = os.environ | {"HOME": str(home), "XDG_CONFIG_HOME": str(home), "NO_COLOR": "1"}

    def jrnl(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command, "--config-file", str(config), *args],
            capture_output=True,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=60,
        )

    imported = jrnl("--import", "--file", str(out))
    assert imported.returncode == 0, imported.stderr
    exported = jrnl("--format", "json")
    assert exported.returncode == 0, exported.stderr
    entries: list[dict[str, Any]] = json.loads(exported.stdout)["entries"]
    got = [(f"{e['date']} {e['time']}", e["title"], e["body"]) for e in entries]
    assert got == EXPECTED
