"""Hostile files and failing disks: never a traceback, never a write to a bad file, nothing lost."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import orjson
import pytest
from helpers import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nocontact_tui.journal import storage
from nocontact_tui.journal.errors import DataFileError, WriteError
from nocontact_tui.journal.storage import JSONCodec
from nocontact_tui.journal.store import Store, read_journal

VALID = {
    "meta": {"1": {"schema_version": 1, "nc_start": "2026-01-01", "day_starts_at": 4}},
    "contacts": {
        "1": {"at": "2026-02-01T20:00:00+01:00", "kind": "met", "felt_after": 4, "note": "x"}
    },
    "urges": {
        "1": {
            "started_at": "2026-02-02T20:00:00+01:00",
            "ratings": [[0, 8], [120, 5]],
            "outcome": "surfed",
        }
    },
    "reasons": {"1": {"text": "r", "category": "Red flags", "position": 1}},
    "letters": {"1": {"title": "t", "body": "b", "status": "draft"}},
    "reviews": {
        "1": {
            "day": "2026-02-02",
            "mood": 3,
            "strongest_urge": 5,
            "contact": False,
            "helped": ["breathing"],
        }
    },
}
VALID_BYTES = orjson.dumps(VALID)


def load_or_refuse(path: Path) -> None:
    """Loading either works or raises the user-facing DataFileError; nothing else escapes."""
    try:
        read_journal(path, JSONCodec())
    except DataFileError as exc:
        assert str(path) in exc.text


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)

FUZZ = settings(
    max_examples=700, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(raw=st.binary(max_size=400))
def test_random_bytes(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "j.json"
    path.write_bytes(raw)
    load_or_refuse(path)
    assert path.read_bytes() == raw


@FUZZ
@given(
    cut=st.integers(min_value=0, max_value=len(VALID_BYTES)),
    flips=st.lists(
        st.tuples(st.integers(0, len(VALID_BYTES) - 1), st.integers(0, 255)), max_size=4
    ),
)
def test_truncated_and_mutated_valid_files(
    tmp_path: Path, cut: int, flips: list[tuple[int, int]]
) -> None:
    raw = bytearray(VALID_BYTES)
    for index, value in flips:
        raw[index] = value
    raw = bytes(raw[:cut]) if cut else bytes(raw)
    path = tmp_path / "j.json"
    path.write_bytes(raw)
    load_or_refuse(path)
    assert path.read_bytes() == raw


@FUZZ
@given(
    table=st.sampled_from([t for t in VALID if t != "meta"]),
    field=st.text(min_size=1, max_size=12),
    value=json_values,
)
def test_wrong_types_in_every_field(tmp_path: Path, table: str, field: str, value: object) -> None:
    data = orjson.loads(VALID_BYTES)
    fields = list(data[table]["1"]) + [field]
    for name in fields:
        data[table]["1"][name] = value
        path = tmp_path / "j.json"
        raw = json.dumps(data).encode()  # the json module writes integers of any size
        path.write_bytes(raw)
        load_or_refuse(path)
        assert path.read_bytes() == raw


@FUZZ
@given(
    meta_value=json_values,
    key=st.sampled_from(
        [
            "schema_version",
            "nc_start",
            "day_starts_at",
            "urge_minutes",
            "breaking_kinds",
            "hide_count",
        ]
    ),
)
def test_wrong_settings(tmp_path: Path, meta_value: object, key: str) -> None:
    data = orjson.loads(VALID_BYTES)
    data["meta"]["1"][key] = meta_value
    path = tmp_path / "j.json"
    path.write_bytes(json.dumps(data).encode())
    load_or_refuse(path)


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"meta": {"1": {"schema_version": 1}}, "x": '
        + b'{"a":' * 5000
        + b"1"
        + b"}" * 5000
        + b"}",
        b'{"meta": {"1": {"schema_version": 1, "day_starts_at": 1' + b"0" * 5000 + b"}}}",
        b'{"meta": {"1": {"schema_version": 1}}, "reasons": {"1": {"text": "a"}, "1": {"text": "b"}}}',
        b'{"meta": {"1": {"schema_version": 1, "day_starts_at": 1e400}}}',
        b'{"meta": {"1": {"schema_version": 1}}, "reasons": {"-1": {"text": "a"}}}',
        b'{"meta": {"1": {"schema_version": 1}}, "reasons": {"01x": {"text": "a"}}}',
        '{"meta": {"1": {"schema_version": 1}}, "reasons": {"1": {"text": "\ud800"}}}'.encode(
            "utf-8", "surrogatepass"
        ),
    ],
    ids=[
        "deep list",
        "deep object",
        "huge number",
        "duplicate ids",
        "float overflow",
        "negative id",
        "bad id",
        "lone surrogate",
    ],
)
def test_nasty_json(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "j.json"
    path.write_bytes(raw)
    load_or_refuse(path)
    assert path.read_bytes() == raw


def test_a_hundred_thousand_documents_open(tmp_path: Path) -> None:
    data = {"meta": {"1": {"schema_version": 1, "nc_start": "2020-01-01"}}}
    data["reasons"] = {str(i): {"text": f"reason {i}", "position": i} for i in range(1, 100_001)}
    path = tmp_path / "big.json"
    path.write_bytes(orjson.dumps(data))
    with Store.open(path) as store:
        assert sum(1 for _ in store.docs("reasons")) == 100_000
        store.insert("reasons", {"text": "one more"})
    assert len(orjson.loads(path.read_bytes())["reasons"]) == 100_001


def test_a_path_with_spaces_and_non_ascii(tmp_path: Path) -> None:
    db = tmp_path / "mes données" / "journal – ünïcode 日本.json"
    result = run_cli("reason", "add", "still works", db=db)
    assert result.returncode == 0, result.stderr
    assert "still works" in db.read_text(encoding="utf-8")
    assert run_cli("doctor", db=db).returncode == 0


@pytest.mark.parametrize("home", [None, "/nonexistent/unwritable-home"])
def test_home_unset_or_unwritable_with_db_given(tmp_path: Path, home: str | None) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_DATA_HOME")}
    if home:
        env["HOME"] = home
    import subprocess
    import sys

    db = tmp_path / "j.json"
    result = subprocess.run(
        [sys.executable, "-m", "nocontact_tui", "--db", str(db), "reason", "add", "no home needed"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "no home needed" in db.read_text()


def test_a_read_only_file_system_reads_but_says_why_it_cannot_write(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(db_path) as store:
        store.insert("reasons", {"text": "kept"})
    before = db_path.read_bytes()
    real_statvfs = os.statvfs

    class ReadOnly:
        def __init__(self, result: os.statvfs_result) -> None:
            self.f_flag = result.f_flag | os.ST_RDONLY

    monkeypatch.setattr(os, "statvfs", lambda p: ReadOnly(real_statvfs(p)))
    with Store.open(db_path) as store:
        assert [d["text"] for _, d in store.docs("reasons")] == ["kept"]
        assert not store.writable and "read-only" in (store.read_only_reason or "")
        with pytest.raises(Exception) as refused:
            store.insert("reasons", {"text": "lost?"})
        assert "read-only" in str(refused.value)
    assert db_path.read_bytes() == before


STEPS = {
    "temp write": ("_write_all", None),
    "file fsync": ("fsync", "os"),
    "replace": ("replace", "os"),
}


@pytest.mark.parametrize("step", list(STEPS))
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO], ids=["ENOSPC", "EIO"])
def test_disk_errors_at_each_write_step(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, code: int
) -> None:
    with Store.open(db_path) as store:
        store.insert("reasons", {"text": "before"})
        before = db_path.read_bytes()
        name, module = STEPS[step]
        target = storage.os if module == "os" else storage

        def fail(*args: object, **kwargs: object) -> None:
            raise OSError(code, os.strerror(code))

        with monkeypatch.context() as patched:
            patched.setattr(target, name, fail)
            with pytest.raises(WriteError) as failed:
                store.insert("reasons", {"text": "written while the disk failed"})
        assert os.strerror(code) in failed.value.text
        assert db_path.read_bytes() == before
        assert [d["text"] for _, d in store.docs("reasons")] == [
            "before",
            "written while the disk failed",
        ]
        assert not list(db_path.parent.glob(".*.tmp"))
        store.save()  # space is back
    saved = orjson.loads(db_path.read_bytes())
    assert [d["text"] for d in saved["reasons"].values()] == [
        "before",
        "written while the disk failed",
    ]


def test_a_folder_fsync_failure_does_not_report_a_lost_save(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(db_path) as store:
        store.insert("reasons", {"text": "before"})

        def fail(folder: Path) -> None:
            raise OSError(errno.EIO, os.strerror(errno.EIO))

        monkeypatch.setattr(storage, "fsync_dir", fail)
        store.insert("reasons", {"text": "after"})
        assert not store.unsaved
    assert len(orjson.loads(db_path.read_bytes())["reasons"]) == 2
