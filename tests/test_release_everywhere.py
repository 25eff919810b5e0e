"""Releasing a letter makes "released" true: its words are in no file under the data folder.

The journal is written without it, and so is every backup (made on earlier days, with
the letter's earlier drafts) and every file a restore moved aside; encrypted ones through
their codec. A copy that cannot be opened is left as it was and named.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nocontact_tui.domain.letters import (
    Released,
    create_letter,
    get_letter,
    release_letter,
    release_news,
    update_letter,
)
from nocontact_tui.journal import crypto
from nocontact_tui.journal.crypto import Key, SealedCodec
from nocontact_tui.journal.storage import Codec, JSONCodec, atomic_write, is_sealed
from nocontact_tui.journal.store import Store, list_backups

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 11, 18)
DRAFTS = ("first draft about the blue kettle", "second draft about the blue kettle")
LAST = "last words about the blue kettle"
KEPT = "a letter that stays"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "DEFAULT_N", 2**10)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 20, 0, tzinfo=BERLIN)


def every_file(folder: Path, codec: Codec) -> dict[Path, bytes]:
    """Each file under `folder`, as plain bytes (encrypted ones opened with `codec`)."""
    files: dict[Path, bytes] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            raw = path.read_bytes()
            if is_sealed(raw):
                assert isinstance(codec, SealedCodec)
                raw = codec.key.open(raw)
            files[path] = raw
    return files


def write_over_days(db_path: Path, codec: Codec) -> tuple[int, int]:
    """Three days of writing, each day's first change making a backup of the day before."""
    with Store.open(db_path, today=DAY, codec=codec) as store:
        kept = create_letter(store, now=at(DAY), title="Kept", body=KEPT)
        letter = create_letter(store, now=at(DAY), title="Kettle", body=DRAFTS[0])
    for offset, body in ((1, DRAFTS[1]), (2, LAST)):
        day = DAY + timedelta(days=offset)
        with Store.open(db_path, today=day, codec=codec) as store:
            update_letter(store, letter, now=at(day), body=body)
    return kept, letter


@pytest.mark.parametrize("sealed", [False, True], ids=["plain", "encrypted"])
def test_release_takes_the_letter_out_of_every_file(db_path: Path, sealed: bool) -> None:
    codec: Codec = SealedCodec(Key.new("a quiet passphrase")) if sealed else JSONCodec()
    kept, letter = write_over_days(db_path, codec)
    # A restore moved the journal aside once: that copy holds the letter too.
    shutil.copyfile(db_path, db_path.with_name(f"{db_path.name}.before-restore-20261120T2100"))
    backups = list_backups(db_path)
    assert len(backups) == 2
    before = every_file(db_path.parent, codec)
    for words in (*DRAFTS, LAST):
        assert any(words.encode() in raw for raw in before.values()), words
    assert sealed == all(is_sealed(path.read_bytes()) for path in backups)

    release_day = DAY + timedelta(days=3)  # the release makes today's backup first
    with Store.open(db_path, today=release_day, codec=codec) as store:
        released = release_letter(store, letter)
        assert released.everywhere and released.untouched == ()
        assert get_letter(store, letter) is None

    assert len(list_backups(db_path)) == 3
    after = every_file(db_path.parent, codec)
    for path, raw in after.items():
        assert b"blue kettle" not in raw, path
    # Everything else is still there, in every copy, and each copy still opens.
    for path in [db_path, *list_backups(db_path)]:
        assert KEPT.encode() in after[path], path
        assert sealed == is_sealed(path.read_bytes()), path
    with Store.open(db_path, today=release_day, codec=codec) as store:
        assert get_letter(store, kept) is not None


def test_a_copy_that_cannot_be_opened_is_left_as_it_is_and_named(db_path: Path) -> None:
    codec = SealedCodec(Key.new("a quiet passphrase"))
    _, letter = write_over_days(db_path, codec)
    older, newer = list_backups(db_path)
    # One backup sealed with another passphrase, one damaged: neither can be read.
    stranger = SealedCodec(Key.new("another passphrase"))
    atomic_write(older, stranger.encode(codec.decode(older.read_bytes())))
    damaged = newer.read_bytes()[:-7]
    atomic_write(newer, damaged)
    stranger_bytes = older.read_bytes()
    with Store.open(db_path, today=DAY + timedelta(days=3), codec=codec) as store:
        released = release_letter(store, letter)
    assert not released.everywhere
    assert released.untouched == (older, newer)
    assert older.read_bytes() == stranger_bytes and newer.read_bytes() == damaged
    # Today's backup, written by the release itself, could be opened: it is clean.
    today = list_backups(db_path)[-1]
    assert b"blue kettle" not in codec.key.open(today.read_bytes())
    assert b"blue kettle" not in codec.key.open(db_path.read_bytes())


def test_a_different_letter_that_took_the_same_id_is_left_in_old_backups(db_path: Path) -> None:
    codec = JSONCodec()
    with Store.open(db_path, today=DAY, codec=codec) as store:
        old = create_letter(store, now=at(DAY), body="an older letter, never released")
    with Store.open(db_path, today=DAY + timedelta(days=1), codec=codec) as store:
        # The journal changed by other means (an import, say): the id now holds another letter.
        store.remove("letters", old)
        new = create_letter(store, now=at(DAY + timedelta(days=1)), body="the newer letter")
        assert new == old
        released = release_letter(store, new)
    assert released.everywhere
    [backup] = list_backups(db_path)
    assert b"an older letter, never released" in backup.read_bytes()
    assert b"the newer letter" not in db_path.read_bytes()


def test_backups_without_the_letter_are_not_written_again(db_path: Path) -> None:
    codec = JSONCodec()
    with Store.open(db_path, today=DAY, codec=codec) as store:
        create_letter(store, now=at(DAY), body=KEPT)
    with Store.open(db_path, today=DAY + timedelta(days=1), codec=codec) as store:
        letter = create_letter(store, now=at(DAY), body="written today, released today")
    [backup] = list_backups(db_path)
    stamp = backup.stat().st_mtime_ns
    raw = backup.read_bytes()
    with Store.open(db_path, today=DAY + timedelta(days=1), codec=codec) as store:
        assert release_letter(store, letter).everywhere
    assert backup.read_bytes() == raw and backup.stat().st_mtime_ns == stamp


def test_the_news_says_what_was_done_in_the_past_tense() -> None:
    assert release_news(Released()).startswith("Released.")
    one = release_news(Released((Path("b/nocontact-2026-11-19.json"),)))
    assert "One older copy" in one and one.endswith("nocontact-2026-11-19.json.")
    two = release_news(Released((Path("b/x-1.json"), Path("b/x-2.json"))))
    assert "2 older copies" in two and two.endswith("x-1.json, x-2.json.")


def test_a_release_cut_short_leaves_the_letter_only_where_it_can_be_seen(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A release stopped between its steps (a crash, a kill) must not leave the words only
    in backups, where nobody sees them: either the letter is still in the journal, to be
    released again, or it is gone from every file."""
    _, letter = write_over_days(db_path, JSONCodec())
    import nocontact_tui.journal.store as store_module

    real_write = store_module.atomic_write
    writes: list[Path] = []

    def cut_short(path: Path, data: bytes) -> None:
        writes.append(path)
        if len(writes) == 2:  # the release's second file write never happens
            raise KeyboardInterrupt
        real_write(path, data)

    monkeypatch.setattr(store_module, "atomic_write", cut_short)
    later = DAY + timedelta(days=2)
    with Store.open(db_path, today=later) as store, pytest.raises(KeyboardInterrupt):
        release_letter(store, letter)
    monkeypatch.setattr(store_module, "atomic_write", real_write)
    with Store.open(db_path, today=later) as store:
        still_there = get_letter(store, letter) is not None
    if not still_there:
        for path, raw in every_file(db_path.parent, JSONCodec()).items():
            for words in (*DRAFTS, LAST):
                assert words.encode() not in raw, path
    # Released again, it is gone from everywhere.
    with Store.open(db_path, today=later) as store:
        if still_there:
            release_letter(store, letter)
    for path, raw in every_file(db_path.parent, JSONCodec()).items():
        for words in (*DRAFTS, LAST):
            assert words.encode() not in raw, path
