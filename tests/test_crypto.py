"""Encryption at rest: the sealed format, its header, wrong passphrases and tampering."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from nocontact_tui.journal import crypto
from nocontact_tui.journal.crypto import KdfParams, Key, SealedCodec, WrongPassphraseError, split
from nocontact_tui.journal.errors import DataFileError
from nocontact_tui.journal.storage import SealError, file_is_sealed
from nocontact_tui.journal.store import Store, list_backups

# Small scrypt parameters keep the tests fast; the format and the code paths are the same.
FAST_N = 2**10
PASSPHRASE = "kitchen light evening walk"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "DEFAULT_N", FAST_N)


def sealed_codec(passphrase: str = PASSPHRASE) -> SealedCodec:
    return SealedCodec(Key.new(passphrase))


TABLES = {
    "meta": {"1": {"schema_version": 1, "nc_start": "2026-11-01"}},
    "letters": {
        "1": {"title": "To you", "body": "Ich vermisse dich nicht mehr 💛", "status": "draft"}
    },
}


def test_round_trip_and_the_header_reads_back() -> None:
    codec = sealed_codec()
    raw = codec.encode(TABLES)
    assert raw.startswith(b"NOCONTACT-ENCRYPTED\n")
    assert b"vermisse" not in raw and b"To you" not in raw
    header, prefix, body = split(raw)
    assert header.version == 1
    assert (header.params.n, header.params.r, header.params.p) == (FAST_N, 8, 1)
    assert len(header.params.salt) == crypto.SALT_BYTES
    assert header.params == codec.key.params
    fields = orjson.loads(prefix.splitlines()[1])
    assert fields["kdf"] == "scrypt" and fields["cipher"] == "AES-256-GCM"
    assert codec.decode(raw) == TABLES
    # Another process with only the passphrase opens it.
    assert SealedCodec(Key.unlock(header, PASSPHRASE)).decode(raw) == TABLES


def test_every_write_has_a_fresh_nonce_and_the_same_salt() -> None:
    codec = sealed_codec()
    first, second = split(codec.encode(TABLES))[0], split(codec.encode(TABLES))[0]
    assert first.nonce != second.nonce
    assert first.params == second.params


def test_each_new_key_has_its_own_salt() -> None:
    assert KdfParams.new().salt != KdfParams.new().salt


def test_a_wrong_passphrase_is_told_apart_from_damage() -> None:
    raw = sealed_codec().encode(TABLES)
    header = split(raw)[0]
    with pytest.raises(WrongPassphraseError, match="doesn't open"):
        Key.unlock(header, PASSPHRASE + " ")
    with pytest.raises(WrongPassphraseError):
        Key.unlock(header, "")


def test_the_same_words_in_another_unicode_form_open_it() -> None:
    composed, decomposed = "caf\u00e9 at night", "cafe\u0301 at night"
    header = split(sealed_codec(composed).encode(TABLES))[0]
    Key.unlock(header, decomposed)


@pytest.mark.parametrize("where", ["first body byte", "last byte (the tag)", "nonce"])
def test_a_changed_byte_is_refused(where: str) -> None:
    codec = sealed_codec()
    raw = bytearray(codec.encode(TABLES))
    header, prefix, _ = split(bytes(raw))
    if where == "first body byte":
        raw[len(prefix)] ^= 1
    elif where == "last byte (the tag)":
        raw[-1] ^= 0x80
    else:
        old = orjson.loads(prefix.splitlines()[1])["nonce"]
        new = "A" + old[1:] if old[0] != "A" else "B" + old[1:]
        raw = bytearray(bytes(raw).replace(old.encode(), new.encode()))
    with pytest.raises(SealError, match="changed or damaged"):
        codec.decode(bytes(raw))


@pytest.mark.parametrize(
    "header",
    [
        b"",
        b"not json",
        b"[1]",
        b'{"version": 2}',
        b'{"version": 1, "kdf": "scrypt", "cipher": "AES-256-GCM", "n": 1000}',
        b'{"version": 1, "kdf": "scrypt", "cipher": "AES-256-GCM", "n": 1073741824}',
        b'{"version": 1, "kdf": "scrypt", "cipher": "AES-256-GCM", "n": 1048576, "r": 16, "p": 1,'
        b' "salt": "AAAA", "check": "AAAAAAAAAAAAAAAAAAAAAA==", "nonce": "AAAAAAAAAAAAAAAA"}',
        b'{"version": 1, "kdf": "pbkdf2", "cipher": "AES-256-GCM"}',
    ],
)
def test_an_unreadable_header_is_refused(header: bytes) -> None:
    with pytest.raises(SealError):
        sealed_codec().decode(b"NOCONTACT-ENCRYPTED\n" + header + b"\nbody")


def test_a_file_from_another_key_is_refused() -> None:
    raw = sealed_codec("another passphrase").encode(TABLES)
    with pytest.raises(SealError, match="different passphrase"):
        sealed_codec().decode(raw)


def test_a_plain_file_still_decodes_with_the_sealed_codec() -> None:
    assert sealed_codec().decode(orjson.dumps(TABLES)) == TABLES


# -- through the store ---------------------------------------------------------------


def test_store_encrypts_every_write_and_its_backups(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.insert("reasons", {"text": "the silences", "created_at": "2026-11-20T10:00:00+01:00"})
    plain_before = db_path.read_bytes()
    codec = sealed_codec()
    with Store.open(db_path) as store:
        failed = store.recode(codec)
        assert failed == []
        store.insert("reasons", {"text": "the shouting", "created_at": "2026-11-20T10:00:00+01:00"})
    assert file_is_sealed(db_path)
    assert b"shouting" not in db_path.read_bytes()
    backups = list_backups(db_path)
    assert backups and all(file_is_sealed(backup) for backup in backups)
    # The backup holds what the plain file held, now sealed.
    assert codec.decode(backups[-1].read_bytes()) == orjson.loads(plain_before)
    with Store.open(db_path, codec=SealedCodec(codec.key)) as store:
        assert [doc["text"] for _, doc in store.docs("reasons")] == ["the silences", "the shouting"]


def test_a_sealed_file_without_the_key_is_refused_and_never_written(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.recode(sealed_codec())
    before = db_path.read_bytes()
    with pytest.raises(DataFileError, match="encrypted"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_a_tampered_journal_is_refused_and_not_overwritten(db_path: Path) -> None:
    codec = sealed_codec()
    with Store.open(db_path) as store:
        store.recode(codec)
    raw = bytearray(db_path.read_bytes())
    raw[-5] ^= 0xFF
    db_path.write_bytes(bytes(raw))
    with pytest.raises(DataFileError, match="changed or damaged") as caught:
        Store.open(db_path, codec=codec)
    assert "Nothing has been changed" in caught.value.text
    assert db_path.read_bytes() == bytes(raw)


def test_decrypting_gives_back_plain_json(db_path: Path) -> None:
    from nocontact_tui.journal.storage import JSONCodec

    codec = sealed_codec()
    with Store.open(db_path) as store:
        store.insert("reasons", {"text": "honesty", "created_at": "2026-11-20T10:00:00+01:00"})
        store.recode(codec)
    with Store.open(db_path, codec=codec) as store:
        assert store.recode(JSONCodec()) == []
    data = orjson.loads(db_path.read_bytes())
    assert data["reasons"]["1"]["text"] == "honesty"
    assert not any(file_is_sealed(backup) for backup in list_backups(db_path))


def test_a_backup_that_cannot_be_converted_is_reported_and_left(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.insert("reasons", {"text": "honesty", "created_at": "2026-11-20T10:00:00+01:00"})
    odd = db_path.parent / "backups" / "nocontact-2020-01-01.json"
    odd.parent.mkdir(exist_ok=True)
    odd.write_bytes(b"{cut short")
    with Store.open(db_path) as store:
        failed = store.recode(sealed_codec())
    assert failed == [odd]
    assert odd.read_bytes() == b"{cut short"
