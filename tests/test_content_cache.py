"""Parsed content kept beside its TOML file, like bytecode: same words, never stale."""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

import pytest

from nocontact_tui import texts
from nocontact_tui.texts import _parsed, cache_file

CONTENT = Path(texts.__file__).parent.parent / "content"


@pytest.fixture
def writes_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def toml_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "words.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.usefixtures("writes_cache")
def test_every_content_file_reads_back_the_same_from_its_cache(tmp_path: Path) -> None:
    for source in sorted(CONTENT.glob("*.toml")):
        copy = tmp_path / source.name
        copy.write_bytes(source.read_bytes())
        parsed = tomllib.loads(source.read_text(encoding="utf-8"))
        assert _parsed(copy) == parsed  # parsed, and kept
        assert cache_file(copy).exists(), source.name
        assert _parsed(copy) == parsed  # read back from what was kept


@pytest.mark.usefixtures("writes_cache")
def test_a_changed_file_is_parsed_again(tmp_path: Path) -> None:
    path = toml_file(tmp_path, 'hello = "first"\n')
    assert _parsed(path) == {"hello": "first"}
    path.write_text('hello = "second, longer"\n', encoding="utf-8")
    assert _parsed(path) == {"hello": "second, longer"}
    # The same size and a new time: still noticed.
    path.write_text('hello = "third, longer"\n', encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))
    assert _parsed(path) == {"hello": "third, longer"}


@pytest.mark.usefixtures("writes_cache")
def test_a_damaged_cache_is_ignored_and_replaced(tmp_path: Path) -> None:
    path = toml_file(tmp_path, 'hello = "words"\n')
    _parsed(path)
    for damage in (b"", b"\x00garbage", b"\xe9\x01\x00\x00\x00"):
        cache_file(path).write_bytes(damage)
        assert _parsed(path) == {"hello": "words"}
    assert _parsed(path) == {"hello": "words"}


@pytest.mark.usefixtures("writes_cache")
def test_a_cache_holding_something_else_is_not_believed(tmp_path: Path) -> None:
    import marshal

    path = toml_file(tmp_path, 'hello = "words"\n')
    info = path.stat()
    cache_file(path).parent.mkdir()
    cache_file(path).write_bytes(marshal.dumps(((info.st_mtime_ns, info.st_size), ["a", "list"])))
    assert _parsed(path) == {"hello": "words"}


@pytest.mark.usefixtures("writes_cache")
def test_dates_are_parsed_each_time(tmp_path: Path) -> None:
    path = toml_file(tmp_path, "when = 2026-11-22\n")
    assert str(_parsed(path)["when"]) == "2026-11-22"
    assert not cache_file(path).exists()


def test_nothing_is_written_when_python_writes_no_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    path = toml_file(tmp_path, 'hello = "words"\n')
    assert _parsed(path) == {"hello": "words"}
    assert not cache_file(path).parent.exists()


@pytest.mark.usefixtures("writes_cache")
def test_a_folder_that_cannot_be_written_only_means_parsing(tmp_path: Path) -> None:
    path = toml_file(tmp_path, 'hello = "words"\n')
    cache_file(path).parent.write_text("a file where the folder would go")
    assert _parsed(path) == {"hello": "words"}
    assert _parsed(path) == {"hello": "words"}
