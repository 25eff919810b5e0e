"""`nocontact encrypt`, `decrypt`, `passphrase`, `idle-lock`, and every shell command on an
encrypted journal: asked twice without echo, a mismatch or a wrong passphrase changes
nothing, a tampered file is refused and left as it is."""

from __future__ import annotations

import getpass
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
import pytest
from helpers import run_cli

from nocontact_tui.cli import main as cli
from nocontact_tui.journal import crypto
from nocontact_tui.journal.crypto import Key, SealedCodec, split
from nocontact_tui.journal.errors import EXIT_DATA, EXIT_INPUT
from nocontact_tui.journal.storage import file_is_sealed
from nocontact_tui.journal.store import Store, list_backups

FAST_N = 2**10
PASSPHRASE = "kitchen light evening walk"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "DEFAULT_N", FAST_N)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Callable[..., list[str]]:
    """Answers typed at getpass prompts, as on a real terminal; returns the prompts shown."""
    monkeypatch.setattr(cli, "install_network_guard", lambda: None)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NOCONTACT_PASSPHRASE_FILE", raising=False)
    prompts: list[str] = []

    def answer(*typed: str) -> list[str]:
        answers: Iterator[str] = iter(typed)

        def fake_getpass(prompt: str = "") -> str:
            prompts.append(prompt)
            return next(answers)

        monkeypatch.setattr(getpass, "getpass", fake_getpass)
        return prompts

    return answer


def journal_with_a_reason(path: Path) -> None:
    with Store.open(path) as store:
        store.insert("reasons", {"text": "the silences", "created_at": "2026-11-20T10:00:00+01:00"})


def sealed_journal(path: Path, passphrase: str = PASSPHRASE) -> SealedCodec:
    journal_with_a_reason(path)
    codec = SealedCodec(Key.new(passphrase))
    with Store.open(path) as store:
        store.recode(codec)
    return codec


def passphrase_file(tmp_path: Path, text: str, name: str = "pass") -> dict[str, str]:
    file = tmp_path / name
    file.write_text(text + "\n", encoding="utf-8")
    return {"NOCONTACT_PASSPHRASE_FILE": str(file)}


# -- encrypt ---------------------------------------------------------------------------


def test_encrypt_asks_twice_and_seals_the_journal_and_its_backups(
    db_path: Path, terminal: Callable[..., list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    journal_with_a_reason(db_path)
    prompts = terminal(PASSPHRASE, PASSPHRASE)
    assert cli.main(["--db", str(db_path), "encrypt"]) == 0
    assert prompts == ["New passphrase: ", "The same passphrase again: "]
    assert file_is_sealed(db_path)
    assert b"silences" not in db_path.read_bytes()
    assert all(file_is_sealed(backup) for backup in list_backups(db_path))
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    out = capsys.readouterr().out
    assert "now encrypted" in out and "if it is lost" in out


def test_encrypt_changes_nothing_when_the_two_differ(
    db_path: Path, terminal: Callable[..., list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    journal_with_a_reason(db_path)
    before = db_path.read_bytes()
    terminal(PASSPHRASE, PASSPHRASE + "!")
    assert cli.main(["--db", str(db_path), "encrypt"]) == EXIT_INPUT
    assert "not the same" in capsys.readouterr().err
    assert db_path.read_bytes() == before


def test_encrypt_refuses_an_empty_passphrase(
    db_path: Path, terminal: Callable[..., list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    journal_with_a_reason(db_path)
    before = db_path.read_bytes()
    terminal("", "")
    assert cli.main(["--db", str(db_path), "encrypt"]) == EXIT_INPUT
    assert "empty passphrase" in capsys.readouterr().err
    assert db_path.read_bytes() == before


def test_encrypt_a_journal_that_does_not_exist_yet(
    db_path: Path, terminal: Callable[..., list[str]]
) -> None:
    terminal(PASSPHRASE, PASSPHRASE)
    assert cli.main(["--db", str(db_path), "encrypt"]) == 0
    assert file_is_sealed(db_path)


def test_encrypt_again_finishes_backups_left_plain(
    db_path: Path, terminal: Callable[..., list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    codec = sealed_journal(db_path)
    leftover = db_path.parent / "backups" / "nocontact-2020-01-01.json"
    leftover.write_bytes(orjson.dumps({"meta": {"1": {"schema_version": 1}}}))
    terminal(PASSPHRASE)
    assert cli.main(["--db", str(db_path), "encrypt"]) == 0
    assert "encrypted now" in capsys.readouterr().out
    assert codec.decode(leftover.read_bytes()) == {"meta": {"1": {"schema_version": 1}}}
    assert file_is_sealed(leftover)
    # With nothing left to do it says so and asks nothing.
    terminal()
    assert cli.main(["--db", str(db_path), "encrypt"]) == 0
    assert "already encrypted" in capsys.readouterr().out


# -- every command on an encrypted journal ---------------------------------------------


def test_shell_commands_ask_for_the_passphrase(
    db_path: Path, terminal: Callable[..., list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    sealed_journal(db_path)
    prompts = terminal(PASSPHRASE)
    assert cli.main(["--db", str(db_path), "reason", "add", "the shouting"]) == 0
    assert prompts == ["Passphrase: "]
    assert "2 in all" in capsys.readouterr().out
    assert b"shouting" not in db_path.read_bytes()


def test_three_wrong_passphrases_on_a_terminal_change_nothing(
    db_path: Path, terminal: Callable[..., list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    sealed_journal(db_path)
    before = db_path.read_bytes()
    prompts = terminal("no", "still no", "not this either")
    assert cli.main(["--db", str(db_path), "reason", "add", "x"]) == EXIT_INPUT
    assert len(prompts) == 3
    err = capsys.readouterr().err
    assert err.count("doesn't open this journal") == 2
    assert "Three passphrases didn't open your journal" in err
    assert db_path.read_bytes() == before


def test_the_second_try_can_be_right(
    db_path: Path, terminal: Callable[..., list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    sealed_journal(db_path)
    terminal("typo", PASSPHRASE)
    assert cli.main(["--db", str(db_path), "status"]) == 0


def test_passphrase_file_for_scripts(db_path: Path, tmp_path: Path) -> None:
    sealed_journal(db_path)
    env = passphrase_file(tmp_path, PASSPHRASE)
    added = run_cli("reason", "add", "the shouting", db=db_path, env=env)
    assert added.returncode == 0, added.stderr
    status = run_cli("status", "--json", db=db_path, env=env)
    assert status.returncode == 0, status.stderr
    assert orjson.loads(status.stdout)["exists"] is True


def test_no_terminal_and_no_file_says_what_to_do(db_path: Path) -> None:
    sealed_journal(db_path)
    before = db_path.read_bytes()
    result = run_cli("status", db=db_path)
    assert result.returncode == EXIT_INPUT
    assert "no terminal to ask it on" in result.stderr
    assert "NOCONTACT_PASSPHRASE_FILE" in result.stderr
    assert db_path.read_bytes() == before


def test_a_wrong_passphrase_file_changes_nothing(db_path: Path, tmp_path: Path) -> None:
    sealed_journal(db_path)
    before = db_path.read_bytes()
    result = run_cli("reason", "add", "x", db=db_path, env=passphrase_file(tmp_path, "nope"))
    assert result.returncode == EXIT_INPUT
    assert "doesn't open this journal" in result.stderr
    assert db_path.read_bytes() == before


def test_a_missing_passphrase_file_is_named(db_path: Path, tmp_path: Path) -> None:
    sealed_journal(db_path)
    env = {"NOCONTACT_PASSPHRASE_FILE": str(tmp_path / "gone")}
    result = run_cli("status", db=db_path, env=env)
    assert result.returncode == EXIT_INPUT
    assert "gone" in result.stderr and "can't be read" in result.stderr


@pytest.mark.parametrize("command", [["status"], ["reason", "add", "x"], ["export"]])
def test_a_tampered_journal_is_refused_and_left_as_it_is(
    db_path: Path, tmp_path: Path, command: list[str]
) -> None:
    sealed_journal(db_path)
    raw = bytearray(db_path.read_bytes())
    raw[-3] ^= 0x01
    db_path.write_bytes(bytes(raw))
    result = run_cli(*command, db=db_path, env=passphrase_file(tmp_path, PASSPHRASE))
    assert result.returncode == EXIT_DATA, result.stderr
    assert "changed or damaged" in result.stderr
    assert "Nothing has been changed" in result.stderr
    assert db_path.read_bytes() == bytes(raw)


def test_export_from_an_encrypted_journal_warns_and_is_private(
    db_path: Path, tmp_path: Path
) -> None:
    sealed_journal(db_path)
    target = tmp_path / "out.md"
    result = run_cli(
        "export",
        "--format",
        "markdown",
        "-o",
        str(target),
        db=db_path,
        env=passphrase_file(tmp_path, PASSPHRASE),
    )
    assert result.returncode == 0, result.stderr
    assert "not encrypted" in result.stderr
    assert "the silences" in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


# -- decrypt and passphrase ------------------------------------------------------------


def test_decrypt_asks_twice_and_gives_back_plain_json(
    db_path: Path, terminal: Callable[..., list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    sealed_journal(db_path)
    prompts = terminal(PASSPHRASE, PASSPHRASE)
    assert cli.main(["--db", str(db_path), "decrypt"]) == 0
    assert len(prompts) == 2
    data = orjson.loads(db_path.read_bytes())
    assert data["reasons"]["1"]["text"] == "the silences"
    assert not any(file_is_sealed(backup) for backup in list_backups(db_path))
    assert "plain JSON again" in capsys.readouterr().out


@pytest.mark.parametrize(
    "typed",
    [(PASSPHRASE, "something else"), ("wrong", "wrong")],
    ids=["mismatch", "wrong"],
)
def test_decrypt_changes_nothing_on_a_mismatch_or_a_wrong_passphrase(
    db_path: Path, terminal: Callable[..., list[str]], typed: tuple[str, str]
) -> None:
    sealed_journal(db_path)
    before = db_path.read_bytes()
    terminal(*typed)
    assert cli.main(["--db", str(db_path), "decrypt"]) == EXIT_INPUT
    assert db_path.read_bytes() == before


def test_changing_the_passphrase_reseals_the_journal_and_backups(
    db_path: Path, terminal: Callable[..., list[str]]
) -> None:
    old = sealed_journal(db_path)
    prompts = terminal(PASSPHRASE, "a new walk by the river", "a new walk by the river")
    assert cli.main(["--db", str(db_path), "passphrase"]) == 0
    assert prompts == ["Passphrase: ", "New passphrase: ", "The same passphrase again: "]
    header = split(db_path.read_bytes())[0]
    assert header.params.salt != old.key.params.salt
    with pytest.raises(crypto.WrongPassphraseError):
        Key.unlock(header, PASSPHRASE)
    new = SealedCodec(Key.unlock(header, "a new walk by the river"))
    for backup in list_backups(db_path):
        assert new.decode(backup.read_bytes())["meta"]


def test_passphrase_and_decrypt_on_a_plain_journal_say_so(
    db_path: Path, terminal: Callable[..., list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    journal_with_a_reason(db_path)
    terminal()
    assert cli.main(["--db", str(db_path), "passphrase"]) == EXIT_INPUT
    assert cli.main(["--db", str(db_path), "decrypt"]) == 0
    out = capsys.readouterr().out
    assert "not encrypted" in out


# -- doctor and the idle lock setting ----------------------------------------------------


def test_doctor_describes_the_encryption_and_checks_the_content(
    db_path: Path, tmp_path: Path
) -> None:
    sealed_journal(db_path)
    result = run_cli("doctor", db=db_path, env=passphrase_file(tmp_path, PASSPHRASE))
    assert result.returncode == 0, result.stderr
    assert f"scrypt, n={FAST_N}, r=8, p=1" in result.stdout
    assert "parses:       yes" in result.stdout


def test_doctor_restores_an_encrypted_backup(db_path: Path, tmp_path: Path) -> None:
    sealed_journal(db_path)
    backup = list_backups(db_path)[-1]
    result = run_cli(
        "doctor", "--restore", str(backup), db=db_path, env=passphrase_file(tmp_path, PASSPHRASE)
    )
    assert result.returncode == 0, result.stderr
    assert db_path.read_bytes() == backup.read_bytes()


def test_idle_lock_setting(db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    monkeypatch.setattr(cli, "install_network_guard", lambda: None)
    journal_with_a_reason(db_path)
    assert cli.main(["--db", str(db_path), "idle-lock", "on"]) == 0
    out = capsys.readouterr().out
    assert "5 minutes" in out and "not encrypted" in out
    assert Store.open(db_path, write=False).meta["idle_lock_minutes"] == 5
    assert cli.main(["--db", str(db_path), "idle-lock", "on", "--minutes", "12"]) == 0
    assert Store.open(db_path, write=False).meta["idle_lock_minutes"] == 12
    capsys.readouterr()
    assert cli.main(["--db", str(db_path), "idle-lock", "on", "--minutes", "1"]) == 0
    out = capsys.readouterr().out
    assert "after a minute without a key" in out and "1 minutes" not in out
    assert cli.main(["--db", str(db_path), "idle-lock", "on", "--minutes", "0"]) == EXIT_INPUT
    assert cli.main(["--db", str(db_path), "idle-lock", "off"]) == 0
    assert Store.open(db_path, write=False).meta["idle_lock_minutes"] == 0


def test_import_into_an_encrypted_journal_stays_encrypted(db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "plain.json"
    journal_with_a_reason(source)
    exported = tmp_path / "export.json"
    done = run_cli("export", "-o", str(exported), db=source)
    assert done.returncode == 0, done.stderr
    with Store.open(db_path) as store:
        codec = SealedCodec(Key.new(PASSPHRASE))
        store.recode(codec)
    env = passphrase_file(tmp_path, PASSPHRASE)
    done = run_cli("import", str(exported), db=db_path, env=env)
    assert done.returncode == 0, done.stderr
    assert file_is_sealed(db_path)
    assert codec.decode(db_path.read_bytes())["reasons"]["1"]["text"] == "the silences"


def test_export_to_the_terminal_from_an_encrypted_journal_warns_too(
    db_path: Path, tmp_path: Path
) -> None:
    sealed_journal(db_path)
    result = run_cli("export", db=db_path, env=passphrase_file(tmp_path, PASSPHRASE))
    assert result.returncode == 0, result.stderr
    assert "the silences" in result.stdout
    assert "not encrypted" in result.stderr and "None" not in result.stderr
