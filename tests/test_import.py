"""`nocontact import FILE [--merge]`: refusals first, then restores, merges and the round trip."""

from __future__ import annotations

import copy
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from helpers import run_cli

from nocontact_tui.domain.heavy import heavy_journal
from nocontact_tui.journal import schema, storage
from nocontact_tui.journal.errors import EXIT_DATA, EXIT_INPUT, EXIT_LOCKED, InputError
from nocontact_tui.journal.schema import TABLES
from nocontact_tui.journal.store import Store
from nocontact_tui.transfer import importing
from nocontact_tui.transfer.importing import import_into, merge, read_export, tables_from_export

TODAY = date(2026, 11, 21)
META = {"schema_version": 2, "nc_start": "2026-11-01", "day_starts_at": 4}


def tables(**docs: dict[str, dict[str, Any]]) -> dict[str, dict[str, dict[str, Any]]]:
    base: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in TABLES}
    base["meta"] = {"1": dict(META)}
    return base | docs


def export_of(data: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {
        "format": "nocontact-export",
        "format_version": 1,
        "schema_version": 2,
        "app_version": "0.1.0",
        "exported_at": "2026-11-21T12:00:00+01:00",
        "tables": data,
    } | top


def write(path: Path, data: Any) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else orjson.dumps(data))
    return path


SAMPLE = tables(
    contacts={"1": {"at": "2026-11-03T19:00:00+01:00", "kind": "i_replied", "felt_after": 4}},
    reasons={"1": {"text": "I kept shrinking to fit", "category": "Red flags", "position": 1}},
    letters={"1": {"title": "To you", "body": "Dear you,\nno.", "status": "sealed"}},
    reviews={"1": {"day": "2026-11-03", "mood": 2, "contact": True, "contact_id": 1}},
)


@pytest.fixture
def full_journal(tmp_path: Path) -> Path:
    """A journal that already holds entries."""
    db = tmp_path / "journal" / "nocontact.json"
    db.parent.mkdir()
    return write(db, tables(reasons={"1": {"text": "mine", "position": 1}}))


# -- refusals: a message, exit code 1, and not one byte written -------------------------


BAD_FILES = [
    pytest.param(b"\x00\x01 not json at all", "is not valid JSON", id="not-json"),
    pytest.param(b"", "is not valid JSON", id="empty"),
    pytest.param(orjson.dumps([1, 2]), "is not a nocontact export", id="a-list"),
    pytest.param(orjson.dumps({"entries": []}), "is not a nocontact export", id="other-json"),
    pytest.param(
        orjson.dumps({"format": "nocontact-export", "format_version": "1", "tables": {}}),
        "is not a nocontact export",
        id="version-not-a-number",
    ),
    pytest.param(orjson.dumps(SAMPLE), "looks like a nocontact journal file", id="a-journal"),
    pytest.param(
        orjson.dumps(export_of(SAMPLE, format_version=2)), "export format 2", id="newer-format"
    ),
    pytest.param(
        orjson.dumps(export_of(SAMPLE, schema_version=3)), "schema 3", id="newer-schema-declared"
    ),
    pytest.param(
        orjson.dumps(export_of(SAMPLE | {"meta": {"1": META | {"schema_version": 9}}})),
        "schema 9",
        id="newer-schema-in-meta",
    ),
    pytest.param(
        orjson.dumps(export_of(SAMPLE | {"reviews": {"1": {"day": "2026-11-03", "mood": 9}}})),
        "entry 1 in 'reviews' has an unexpected value in 'mood'",
        id="bad-mood",
    ),
    pytest.param(
        orjson.dumps(export_of(SAMPLE | {"contacts": {"7": {"at": "yesterday", "kind": "met"}}})),
        "entry 7 in 'contacts' has an unexpected value in 'at'",
        id="bad-time",
    ),
    pytest.param(
        orjson.dumps(export_of(SAMPLE | {"letters": {"2": {"title": "no body"}}})),
        "entry 2 in 'letters' has an unexpected value in 'body'",
        id="missing-field",
    ),
    pytest.param(
        orjson.dumps(export_of(SAMPLE | {"reasons": {"x": {"text": "a"}}})),
        "the table 'reasons' is not laid out",
        id="bad-id",
    ),
    pytest.param(
        orjson.dumps(export_of(SAMPLE | {"secrets": {}})),
        "the table 'secrets' is not laid out",
        id="unknown-table",
    ),
    pytest.param(
        orjson.dumps(export_of({name: {} for name in TABLES})),
        "no schema version",
        id="no-settings",
    ),
]


@pytest.mark.parametrize(("content", "expected"), BAD_FILES)
def test_a_bad_file_is_refused_and_nothing_is_written(
    tmp_path: Path, full_journal: Path, content: bytes, expected: str
) -> None:
    source = write(tmp_path / "export.json", content)
    before = full_journal.read_bytes()
    result = run_cli("import", str(source), db=full_journal)
    assert result.returncode == EXIT_INPUT
    assert expected in result.stderr and str(source) in result.stderr
    assert "Nothing was imported" in result.stderr or "nothing was imported" in result.stderr
    assert "Traceback" not in result.stderr
    assert full_journal.read_bytes() == before
    assert not (full_journal.parent / "backups").exists()


@pytest.mark.parametrize(("content", "expected"), BAD_FILES[:4] + BAD_FILES[6:10])
def test_a_bad_file_creates_no_journal(tmp_path: Path, content: bytes, expected: str) -> None:
    db = tmp_path / "new" / "nocontact.json"
    source = write(tmp_path / "export.json", content)
    result = run_cli("import", "--merge", str(source), db=db)
    assert result.returncode == EXIT_INPUT and expected in result.stderr
    assert not db.parent.exists()


def test_a_missing_file_is_named(tmp_path: Path, full_journal: Path) -> None:
    before = full_journal.read_bytes()
    result = run_cli("import", str(tmp_path / "nowhere.json"), db=full_journal)
    assert result.returncode == EXIT_INPUT
    assert "nowhere.json can't be read" in result.stderr
    assert full_journal.read_bytes() == before


def test_a_journal_with_entries_needs_merge(tmp_path: Path, full_journal: Path) -> None:
    source = write(tmp_path / "export.json", export_of(SAMPLE))
    before = full_journal.read_bytes()
    result = run_cli("import", str(source), db=full_journal)
    assert result.returncode == EXIT_INPUT
    assert "already holds entries, so nothing was imported" in result.stderr
    assert "--merge" in result.stderr and f"import {source}" in result.stderr
    assert full_journal.read_bytes() == before
    assert not (full_journal.parent / "backups").exists()


def test_a_journal_that_cannot_be_read_is_left_alone(tmp_path: Path) -> None:
    db = write(tmp_path / "nocontact.json", b"{ torn")
    source = write(tmp_path / "export.json", export_of(SAMPLE))
    result = run_cli("import", str(source), db=db)
    assert result.returncode == EXIT_DATA and "can't be opened as it is" in result.stderr
    assert db.read_bytes() == b"{ torn"


def test_a_held_lock_means_nothing_is_written(tmp_path: Path, full_journal: Path) -> None:
    source = write(tmp_path / "export.json", export_of(SAMPLE))
    from filelock import FileLock

    from nocontact_tui.journal.locations import lock_path

    before = full_journal.read_bytes()
    with FileLock(lock_path(full_journal)):  # another process stopped mid-write
        result = run_cli("import", "--merge", str(source), db=full_journal)
    assert result.returncode == EXIT_LOCKED and "hasn't finished" in result.stderr
    assert full_journal.read_bytes() == before


def test_an_interrupted_import_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = write(tmp_path / "nocontact.json", tables())  # set up, no entries: a restore
    before = db.read_bytes()
    incoming = tables_from_export(export_of(heavy_journal(TODAY, years=0.2)), tmp_path / "x.json")
    real = storage._write_all

    def cut_short(fd: int, data: bytes) -> None:
        if len(data) > len(before):  # the import itself, not the day's backup of the old file
            real(fd, data[: len(data) // 2])
            raise OSError(28, "No space left on device")
        real(fd, data)

    monkeypatch.setattr(storage, "_write_all", cut_short)
    with Store.open(db, today=TODAY) as store, pytest.raises(Exception, match="No space"):
        import_into(store, incoming, file=tmp_path / "x.json", merge_into=False)
    assert db.read_bytes() == before
    assert not list(tmp_path.glob(".nocontact.json.*.tmp"))


def test_the_import_command_does_not_load_textual(tmp_path: Path) -> None:
    source = write(tmp_path / "export.json", export_of(SAMPLE))
    db = tmp_path / "j.json"
    code = (
        "import sys\nfrom nocontact_tui.cli.main import main\n"
        f"assert main(['--db', {str(db)!r}, 'import', {str(source)!r}]) == 0\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


# -- restoring into a new or empty journal ---------------------------------------------


def test_restore_into_a_new_journal_is_exact(tmp_path: Path) -> None:
    source = write(tmp_path / "export.json", export_of(SAMPLE))
    db = tmp_path / "new" / "nocontact.json"
    result = run_cli("import", str(source), db=db)
    assert result.returncode == 0, result.stderr
    assert "1 contact, 1 reason, 1 letter, 1 daily review" in result.stdout
    assert "settings" in result.stdout
    assert orjson.loads(db.read_bytes()) == SAMPLE
    assert db.stat().st_mode & 0o777 == 0o600


def test_restore_into_a_set_up_journal_takes_the_files_settings(tmp_path: Path) -> None:
    db = write(tmp_path / "nocontact.json", tables(meta={"1": {"schema_version": 2}}))
    source = write(tmp_path / "export.json", export_of(SAMPLE))
    assert run_cli("import", str(source), db=db).returncode == 0
    assert orjson.loads(db.read_bytes())["meta"] == SAMPLE["meta"]


def test_a_store_can_write_again_after_an_import(tmp_path: Path) -> None:
    incoming = tables_from_export(export_of(copy.deepcopy(SAMPLE)), tmp_path / "x.json")
    with Store.open(tmp_path / "nocontact.json", today=TODAY) as store:
        import_into(store, incoming, file=tmp_path / "x.json", merge_into=False)
        assert store.insert("reasons", {"text": "after"}) == 2  # TinyDB's next id follows
    saved = orjson.loads((tmp_path / "nocontact.json").read_bytes())
    assert saved["reasons"]["1"]["text"] == "I kept shrinking to fit"
    assert saved["reasons"]["2"]["text"] == "after"


def test_an_older_schema_goes_through_the_migrations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def rename_helped(data: dict[str, Any]) -> None:  # a made-up version 2: "helped" -> "skills"
        for doc in data["reviews"].values():
            doc["skills"] = doc.pop("helped", None)

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(schema, "MIGRATIONS", {2: rename_helped})
    monkeypatch.setitem(schema.FIELDS["reviews"], "skills", (schema.list_of(schema.is_str), False))
    old = tables(reviews={"1": {"day": "2026-11-02", "mood": 3, "helped": ["breathing"]}})
    got = tables_from_export(export_of(copy.deepcopy(old)), tmp_path / "x.json")
    assert got["meta"]["1"]["schema_version"] == 3
    assert got["reviews"]["1"] == {"day": "2026-11-02", "mood": 3, "skills": ["breathing"]}

    def broken(data: dict[str, Any]) -> None:
        data["reviews"]["99"]["mood"] = 1

    monkeypatch.setattr(schema, "MIGRATIONS", {2: broken})
    with pytest.raises(InputError, match="Nothing was imported"):
        tables_from_export(export_of(copy.deepcopy(old)), tmp_path / "x.json")


def test_round_trip_of_a_ten_year_journal_keeps_every_document_and_id(tmp_path: Path) -> None:
    began = time.monotonic()
    original = heavy_journal(TODAY)  # the benchmark's file: every table, ten years
    assert all(original[name] for name in TABLES)
    db = write(tmp_path / "old.json", original)
    exported = tmp_path / "export.json"
    assert run_cli("export", "-o", str(exported), db=db).returncode == 0
    new = tmp_path / "new" / "nocontact.json"
    result = run_cli("import", str(exported), db=new)
    assert result.returncode == 0, result.stderr
    assert "400 letters" in result.stdout and "3650 daily reviews" in result.stdout
    restored = orjson.loads(new.read_bytes())
    for name in TABLES:
        assert restored[name] == original[name], name
    again = orjson.loads(run_cli("export", db=new).stdout)
    assert again["tables"] == orjson.loads(exported.read_bytes())["tables"]
    assert time.monotonic() - began < 30  # about 3 s here; far slower means something is wrong


# -- merging --------------------------------------------------------------------------


def test_merge_skips_what_is_there_and_adds_the_rest_under_new_ids() -> None:
    mine = tables(
        meta={"1": META | {"urge_minutes": 15}},
        contacts={"1": {"at": "2026-11-03T19:00:00+01:00", "kind": "i_replied", "felt_after": 4}},
        urges={"4": {"started_at": "2026-11-02T21:00:00+01:00", "ratings": [[0, 7]]}},
        reasons={
            "2": {"text": "I kept shrinking to fit", "category": "Other", "position": 5},
            "3": {"text": "Promises moved", "position": 7.5},
        },
        letters={"1": {"title": "To you", "body": "Dear you,\nno.", "status": "draft"}},
        reviews={"1": {"day": "2026-11-03", "mood": 4}},
    )
    theirs = tables(
        meta={"1": {"schema_version": 2, "nc_start": "2020-01-01", "hide_count": True}},
        contacts={
            "1": {"at": "2026-11-03T19:00:00+01:00", "kind": "i_replied", "felt_after": 4},
            "2": {"at": "2026-11-05T10:00:00+01:00", "kind": "met", "note": None},
            "3": {"at": "2026-11-03T19:00:00+01:00", "kind": "i_replied", "felt_after": 5},
        },
        urges={
            "1": {"started_at": "2026-11-02T21:00:00+01:00", "ratings": [[0, 7]], "note": None},
            "2": {"started_at": "2026-11-02T21:00:00+01:00", "ratings": [[0, 6]]},
        },
        reasons={
            "1": {"text": "  I kept shrinking to fit ", "category": "Red flags", "position": 1},
            "2": {"text": "Second new", "position": 3},
            "3": {"text": "First new", "position": 2},
        },
        letters={
            "1": {"title": "To you", "body": "Dear you,\nno.", "status": "sealed"},
            "2": {"title": "To you", "body": "Dear you,\nno, and again no."},
        },
        reviews={
            "1": {"day": "2026-11-03", "mood": 1, "contact": True, "contact_id": 1},
            "2": {"day": "2026-11-05", "mood": 2, "contact": True, "contact_id": 2},
            "3": {"day": "2026-11-06", "mood": 3, "contact": True, "contact_id": 1},
            "4": {"day": "2026-11-07", "mood": 3, "contact": True, "contact_id": 99},
            "5": {"day": "2026-11-07", "mood": 5},
        },
    )
    before = copy.deepcopy(mine)
    result = merge(mine, theirs)
    got = result.tables
    assert mine == before  # the journal's own tables are not touched until the one write

    assert got["meta"] == mine["meta"]  # settings: never overwritten
    # contacts: same content ignoring the id (None and missing are the same) is skipped
    assert got["contacts"]["2"] == theirs["contacts"]["2"]
    assert got["contacts"]["3"] == theirs["contacts"]["3"]  # felt differently: another event
    assert len(got["contacts"]) == 3
    assert got["urges"] == mine["urges"] | {"5": theirs["urges"]["2"]}
    # reasons: the same text is the same reason; new ones follow in the file's order
    assert got["reasons"]["2"] == mine["reasons"]["2"]
    assert got["reasons"]["4"] == {"text": "First new", "position": 8.5}
    assert got["reasons"]["5"] == {"text": "Second new", "position": 9.5}
    # letters: sealed since is the same letter; edited is kept in both versions
    assert got["letters"] == mine["letters"] | {"2": theirs["letters"]["2"]}
    # reviews: a day with a review keeps it; links follow their contact to its new id
    assert got["reviews"]["1"] == mine["reviews"]["1"]
    assert got["reviews"]["2"] == theirs["reviews"]["2"] | {"contact_id": 2}
    assert got["reviews"]["3"] == theirs["reviews"]["3"] | {"contact_id": 1}
    assert got["reviews"]["4"]["contact_id"] is None  # its contact is not in the file
    assert len(got["reviews"]) == 4  # the second review for 7 November is skipped
    assert result.added == {"contacts": 2, "urges": 1, "reasons": 2, "letters": 1, "reviews": 3}
    assert result.skipped == {"contacts": 1, "urges": 1, "reasons": 1, "letters": 1, "reviews": 2}
    schema.check_fields(got)


def test_merging_an_export_into_itself_changes_nothing(tmp_path: Path) -> None:
    db = write(tmp_path / "nocontact.json", SAMPLE)
    source = tmp_path / "export.json"
    assert run_cli("export", "-o", str(source), db=db).returncode == 0
    before = db.read_bytes()
    result = run_cli("import", "--merge", str(source), db=db)
    assert result.returncode == 0, result.stderr
    assert "already in your journal, so nothing was changed" in result.stdout
    assert db.read_bytes() == before


def test_merge_from_the_command_line(tmp_path: Path, full_journal: Path) -> None:
    source = write(tmp_path / "export.json", export_of(SAMPLE))
    result = run_cli("import", "--merge", str(source), db=full_journal)
    assert result.returncode == 0, result.stderr
    assert "Added to your journal" in result.stdout and "settings were not changed" in result.stdout
    saved = orjson.loads(full_journal.read_bytes())
    assert saved["reasons"]["1"]["text"] == "mine"
    assert saved["reasons"]["2"]["text"] == "I kept shrinking to fit"
    assert saved["reviews"]["1"]["contact_id"] == 1
    assert saved["meta"] == {"1": META}
    assert list((full_journal.parent / "backups").iterdir())  # the day's backup came first


def test_a_merged_heavy_export_doubles_nothing(tmp_path: Path) -> None:
    data = heavy_journal(TODAY, years=1)
    incoming = tables_from_export(export_of(copy.deepcopy(data)), tmp_path / "x.json")
    result = merge(data, incoming)
    assert result.tables == data
    assert not any(result.added.values())
    assert result.skipped["reviews"] == len(data["reviews"])


def test_read_export_reads_what_export_writes(tmp_path: Path) -> None:
    db = write(tmp_path / "nocontact.json", SAMPLE)
    source = tmp_path / "export.json"
    assert run_cli("export", "-o", str(source), db=db).returncode == 0
    assert read_export(source) == SAMPLE
    assert importing.EXPORT_FORMAT_VERSION == 1
