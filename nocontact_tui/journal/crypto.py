"""Encryption at rest: the journal's bytes sealed with a key made from the user's passphrase.

Only the `cryptography` package does cryptography here. The key comes from scrypt
(memory-hard) with a random salt; the data is sealed with AES-256-GCM, which also
proves on opening that not one byte changed. An encrypted file is:

    NOCONTACT-ENCRYPTED\\n
    {"version": 1, "kdf": "scrypt", "n": ..., "r": ..., "p": ..., "salt": ..., "check": ...,
     "cipher": "AES-256-GCM", "nonce": ...}\\n
    <ciphertext and tag>

The header is authenticated with the data (it is the GCM associated data), so it
cannot be changed either. `check` is a second, independent part of the scrypt
output: it tells a wrong passphrase apart from a damaged file without decrypting.
Every write uses a fresh nonce; the salt and the key stay the same until the
passphrase changes. The journal and its backups always share one passphrase.

This module, and `cryptography`, are imported only when an encrypted file is
opened or made; the store needs only `storage.is_sealed` to tell the two apart.
"""

from __future__ import annotations

import base64
import hmac
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from nocontact_tui.journal.errors import DataFileError, NoContactError
from nocontact_tui.journal.storage import SEALED_MAGIC as MAGIC
from nocontact_tui.journal.storage import JSONCodec, SealError, is_sealed
from nocontact_tui.texts import line

FORMAT_VERSION = 1
CIPHER = "AES-256-GCM"
KDF = "scrypt"
# OWASP's scrypt minimum (128 MiB of memory); about half a second to open on a small machine.
DEFAULT_N = 2**17
DEFAULT_R = 8
DEFAULT_P = 1
SALT_BYTES = 16
NONCE_BYTES = 12
KEY_BYTES = 32
CHECK_BYTES = 16
# A header asking scrypt for more than this app ever writes, with a little room (four
# times today's memory and work, should the defaults grow), is refused as damaged at
# once, not obeyed: a changed file must not make opening it take all the machine's
# memory (a raw MemoryError) or a quarter of a minute of CPU before "wrong passphrase"
# (r = 2**22 with n = 2 needs 1 GiB and 15 s). scrypt needs 128 * r * n bytes, and
# n * r * p block mixes of work: the defaults are 128 MiB and 2**20.
MAX_N = 2**20
MAX_R = 32
MAX_P = 16
MAX_MEMORY = 4 * 128 * DEFAULT_N * DEFAULT_R  # 512 MiB
MAX_WORK = 4 * DEFAULT_N * DEFAULT_R * DEFAULT_P  # about 1.5 s on a laptop


class WrongPassphraseError(NoContactError):
    """The passphrase does not open this file. Nothing was changed."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise SealError(line("messages", "problem_sealed_header"))
    try:
        return base64.b64decode(text, validate=True)
    except ValueError as exc:
        raise SealError(line("messages", "problem_sealed_header")) from exc


def passphrase_bytes(passphrase: str) -> bytes:
    # The same words typed on another keyboard or system give the same key.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


@dataclass(frozen=True)
class KdfParams:
    """How the key is made from the passphrase. Stored in the header of every file."""

    salt: bytes
    n: int = DEFAULT_N
    r: int = DEFAULT_R
    p: int = DEFAULT_P

    @classmethod
    def new(cls) -> KdfParams:
        """Today's parameters with a fresh salt (read at call time, so tests can lower them)."""
        return cls(salt=os.urandom(SALT_BYTES), n=DEFAULT_N, r=DEFAULT_R, p=DEFAULT_P)


@dataclass(frozen=True)
class Header:
    params: KdfParams
    check: bytes
    nonce: bytes
    version: int = FORMAT_VERSION

    def line(self) -> bytes:
        return orjson.dumps(
            {
                "version": self.version,
                "kdf": KDF,
                "n": self.params.n,
                "r": self.params.r,
                "p": self.params.p,
                "salt": _b64(self.params.salt),
                "check": _b64(self.check),
                "cipher": CIPHER,
                "nonce": _b64(self.nonce),
            }
        )


def within_limits(n: int, r: int, p: int) -> bool:
    """Whether scrypt with these parameters stays within what this app would ever ask."""
    return (
        n <= MAX_N
        and r <= MAX_R
        and p <= MAX_P
        and 128 * r * n <= MAX_MEMORY
        and n * r * p <= MAX_WORK
    )


def _positive_int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise SealError(line("messages", "problem_sealed_header"))
    return value


def split(raw: bytes) -> tuple[Header, bytes, bytes]:
    """The header, the authenticated prefix and the sealed body of an encrypted file."""
    if not is_sealed(raw):
        raise SealError(line("messages", "problem_sealed_header"))
    end = raw.find(b"\n", len(MAGIC))
    if end < 0:
        raise SealError(line("messages", "problem_sealed_header"))
    try:
        fields: Any = orjson.loads(raw[len(MAGIC) : end])
    except orjson.JSONDecodeError as exc:
        raise SealError(line("messages", "problem_sealed_header")) from exc
    if not isinstance(fields, dict):
        raise SealError(line("messages", "problem_sealed_header"))
    version = fields.get("version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise SealError(
            line("messages", "problem_sealed_version", version=version, known=FORMAT_VERSION)
        )
    if version != FORMAT_VERSION or fields.get("kdf") != KDF or fields.get("cipher") != CIPHER:
        raise SealError(line("messages", "problem_sealed_header"))
    n = _positive_int(fields.get("n"))
    r = _positive_int(fields.get("r"))
    p = _positive_int(fields.get("p"))
    if n < 2 or n & (n - 1) or not within_limits(n, r, p):
        raise SealError(line("messages", "problem_sealed_header"))
    params = KdfParams(salt=_unb64(fields.get("salt")), n=n, r=r, p=p)
    header = Header(
        params=params, check=_unb64(fields.get("check")), nonce=_unb64(fields.get("nonce"))
    )
    if len(header.nonce) != NONCE_BYTES or len(header.check) != CHECK_BYTES:
        raise SealError(line("messages", "problem_sealed_header"))
    return header, raw[: end + 1], raw[end + 1 :]


def read_header(path: Path) -> Header:
    """The header of the encrypted file at `path` (raises SealError if it has none)."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    header, _, _ = split(head)
    return header


def journal_header(path: Path) -> Header:
    """The header of the encrypted journal at `path`, or the DataFileError that refuses it."""
    from nocontact_tui.journal.store import newest_backup

    try:
        return read_header(path)
    except SealError as exc:
        problem = str(exc)
    except OSError as exc:
        problem = line("messages", "problem_cannot_read", reason=exc.strerror or str(exc))
    raise DataFileError(path, problem, newest_backup(path))


class Key:
    """A key made from a passphrase, with the parameters that made it."""

    def __init__(self, params: KdfParams, key: bytes, check: bytes) -> None:
        self.params = params
        self._key = key
        self.check = check

    @classmethod
    def derive(cls, passphrase: str, params: KdfParams) -> Key:
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        material = Scrypt(
            salt=params.salt, length=KEY_BYTES + CHECK_BYTES, n=params.n, r=params.r, p=params.p
        ).derive(passphrase_bytes(passphrase))
        return cls(params, material[:KEY_BYTES], material[KEY_BYTES:])

    @classmethod
    def new(cls, passphrase: str, params: KdfParams | None = None) -> Key:
        """A key for a newly encrypted journal, with a fresh salt."""
        return cls.derive(passphrase, params or KdfParams.new())

    @classmethod
    def unlock(cls, header: Header, passphrase: str) -> Key:
        """The key for a file with `header`, or WrongPassphraseError."""
        key = cls.derive(passphrase, header.params)
        if not hmac.compare_digest(key.check, header.check):
            raise WrongPassphraseError(line("messages", "wrong_passphrase"))
        return key

    def matches(self, passphrase: str) -> bool:
        """Whether `passphrase` is the one this key was made from (for the idle lock)."""
        return hmac.compare_digest(Key.derive(passphrase, self.params).check, self.check)

    def opens(self, header: Header) -> bool:
        return self.params == header.params and hmac.compare_digest(self.check, header.check)

    def seal(self, plain: bytes) -> bytes:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        header = Header(params=self.params, check=self.check, nonce=os.urandom(NONCE_BYTES))
        prefix = MAGIC + header.line() + b"\n"
        return prefix + AESGCM(self._key).encrypt(header.nonce, plain, prefix)

    def open(self, raw: bytes) -> bytes:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        header, prefix, body = split(raw)
        if not self.opens(header):
            raise SealError(line("messages", "problem_sealed_other_key"))
        try:
            return AESGCM(self._key).decrypt(header.nonce, body, prefix)
        except InvalidTag as exc:
            raise SealError(line("messages", "problem_sealed_changed")) from exc


class SealedCodec:
    """The store's codec for an encrypted journal: TinyDB JSON inside AES-GCM.

    A plain file still decodes (for example a backup from before encryption was
    turned on), and is written back encrypted.
    """

    sealed = True

    def __init__(self, key: Key) -> None:
        self.key = key
        self._json = JSONCodec()

    def encode(self, data: dict[str, Any]) -> bytes:
        return self.key.seal(self._json.encode(data))

    def decode(self, raw: bytes) -> Any:
        if not is_sealed(raw):
            return self._json.decode(raw)
        return self._json.decode(self.key.open(raw))

    def read(self, handle: BinaryIO) -> Any:
        raw = handle.read()  # it is decrypted whole, in memory; then parsed as a plain file is
        if not is_sealed(raw):
            return self._json.decode(raw)
        plain = self.key.open(raw)
        del raw  # not kept beside the tables being built
        return self._json.decode(plain)
