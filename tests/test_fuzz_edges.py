"""Edges found by value fuzzing (issue 16): each gives a clear message, exits non-zero and
changes nothing. Times at the ends of the calendar, ids in other digits, odd passphrase
files, scrypt headers that ask too much, and escape sequences in what is typed or pasted."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import orjson
import pytest
from helpers import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from nocontact_tui.app import NoContactApp
from nocontact_tui.domain import cleaning, contact_form
from nocontact_tui.domain.cleaning import one_line
from nocontact_tui.domain.contacts import check_contact
from nocontact_tui.journal import crypto, schema
from nocontact_tui.journal.crypto import Key, SealedCodec, split
from nocontact_tui.journal.errors import EXIT_DATA, EXIT_INPUT, DataFileError, InputError
from nocontact_tui.journal.passphrase import ENV_FILE, from_file
from nocontact_tui.journal.storage import JSONCodec, SealError
from nocontact_tui.journal.store import Store, read_journal
from nocontact_tui.widgets.line_input import paste_as_line
from nocontact_tui.widgets.writing_area import without_controls

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=BERLIN)
META = {"1": {"schema_version": 2, "nc_start": "2026-11-01", "day_starts_at": 4}}
AT = "2026-11-02T10:00:00+01:00"


def journal(**tables: dict[str, dict[str, object]]) -> bytes:
    return orjson.dumps({"meta": META, **tables})


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def assert_refused_untouched(result: subprocess.CompletedProcess[str], db: Path) -> None:
    assert result.returncode == EXIT_DATA, result.stderr
    assert str(db) in result.stderr
    assert "can't be opened as it is" in result.stderr
    assert "Nothing has been changed" in result.stderr
    assert "Traceback" not in result.stderr


READERS = [
    ["status"],
    ["status", "--json"],
    ["contact", "log", "--kind", "met"],
    ["export", "--format", "markdown"],
]

# -- 1. times at the ends of the calendar ----------------------------------------------

CALENDAR_ENDS = {
    "a contact in year 1": journal(contacts={"1": {"at": "0001-01-01T00:00:00+05:00", "kind": "met"}}),
    "a contact in year 9999": journal(
        contacts={"1": {"at": "9999-12-31T23:00:00-05:00", "kind": "met"}}
    ),
    "a review on 9999-12-31": journal(reviews={"1": {"day": "9999-12-31", "mood": 3}}),
    "a start in year 1": orjson.dumps({"meta": {"1": {"schema_version": 2, "nc_start": "0001-01-01"}}}),
}  # fmt: skip


@pytest.mark.parametrize("command", READERS, ids=" ".join)
@pytest.mark.parametrize("name", list(CALENDAR_ENDS))
def test_a_time_at_the_ends_of_the_calendar_is_refused_at_load(
    tmp_path: Path, name: str, command: list[str]
) -> None:
    db = tmp_path / "nocontact.json"
    db.write_bytes(CALENDAR_ENDS[name])
    before = folder_bytes(tmp_path)
    result = run_cli(*command, db=db)
    assert_refused_untouched(result, db)
    assert "outside the years 1900 to 2200" in result.stderr
    assert folder_bytes(tmp_path) == before


OUTSIDE = {
    ("contacts", "at"): "1899-12-31T23:59:59+00:00",
    ("urges", "started_at"): "2201-01-01T00:00:00+00:00",
    ("urges", "ended_at"): "9999-12-31T23:59:59+00:00",
    ("reasons", "created_at"): "0001-01-01T00:00:00+00:00",
    ("reasons", "updated_at"): "2201-01-01T00:00:00+14:00",
    ("letters", "created_at"): "1000-06-01T12:00:00+00:00",
    ("letters", "updated_at"): "9999-12-31T23:59:59+00:00",
    ("reviews", "day"): "1899-12-31",
    ("meta", "nc_start"): "2201-01-01",
}
DOCS = {
    "contacts": {"at": AT, "kind": "met"},
    "urges": {"started_at": AT},
    "reasons": {"text": "r"},
    "letters": {"body": "b"},
    "reviews": {"day": "2026-11-02"},
    "meta": dict(META["1"]),
}


@pytest.mark.parametrize(("table", "field"), list(OUTSIDE), ids=[f"{t}.{f}" for t, f in OUTSIDE])
def test_every_stored_time_and_day_is_checked_for_its_range(
    tmp_path: Path, table: str, field: str
) -> None:
    data = {"meta": {"1": dict(META["1"])}, table: {"1": dict(DOCS[table])}}
    data[table]["1"][field] = OUTSIDE[(table, field)]
    path = tmp_path / "j.json"
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(DataFileError) as caught:
        read_journal(path, JSONCodec())
    assert f"'{field}'" in caught.value.text and "1900 to 2200" in caught.value.text


def test_a_course_day_outside_the_range_is_refused(tmp_path: Path) -> None:
    meta = dict(META["1"]) | {"course": {"sessions": [{"day": "0001-01-01"}]}}
    path = tmp_path / "j.json"
    path.write_bytes(orjson.dumps({"meta": {"1": meta}}))
    with pytest.raises(DataFileError, match="'course'"):
        read_journal(path, JSONCodec())


def test_times_at_the_edges_of_the_range_work_everywhere(tmp_path: Path) -> None:
    """The first and last moments of the range, in the zones furthest from UTC."""
    db = tmp_path / "nocontact.json"
    db.write_bytes(
        orjson.dumps(
            {
                "meta": {"1": {"schema_version": 2, "nc_start": "1900-01-01"}},
                "contacts": {
                    "1": {"at": "1900-01-01T00:00:00+14:00", "kind": "met"},
                    "2": {"at": "2200-12-31T23:59:59-12:00", "kind": "i_replied"},
                },
                "urges": {
                    "1": {
                        "started_at": "1900-01-01T00:00:00+14:00",
                        "ended_at": "2200-12-31T23:59:59-12:00",
                        "ratings": [[0, 5]],
                        "outcome": "surfed",
                    }
                },
                "reviews": {"1": {"day": "1900-01-01"}, "2": {"day": "2200-12-31", "mood": 2}},
                "letters": {"1": {"body": "b", "created_at": "2200-12-31T23:59:59-12:00"}},
            }
        )
    )
    for command in [*READERS, ["export"], ["export", "--format", "jrnl"]]:
        result = run_cli(*command, db=db)
        assert result.returncode == 0, (command, result.stderr)


@pytest.mark.parametrize("when", ["0001-01-01", "0001-01-01T00:00+05:00", "1899-12-31T23:00"])
def test_contact_log_at_a_year_outside_the_range_is_refused(tmp_path: Path, when: str) -> None:
    db = tmp_path / "nocontact.json"
    db.write_bytes(journal())
    before = folder_bytes(tmp_path)
    result = run_cli("contact", "log", "--kind", "met", "--at", when, db=db)
    assert result.returncode == EXIT_INPUT, result.stderr
    assert "1900 to 2200" in result.stderr and when in result.stderr
    assert "Traceback" not in result.stderr
    assert folder_bytes(tmp_path) == before


@pytest.mark.parametrize("typed", ["1899-12-31", "1899-12-31 18:30", "0001-01-01"])
def test_the_contact_form_refuses_a_year_outside_the_range(typed: str) -> None:
    with pytest.raises(InputError, match="1900 to 2200"):
        contact_form.parse_when(typed, NOW, 4, BERLIN)


def test_a_contact_outside_the_range_is_never_logged() -> None:
    with pytest.raises(InputError, match="1900 to 2200"):
        check_contact("met", datetime(1899, 12, 31, 12, tzinfo=BERLIN), None, NOW)
    check_contact("met", datetime(1900, 1, 1, 12, tzinfo=BERLIN), None, NOW)


def test_the_range_is_the_one_the_checks_use() -> None:
    assert schema.in_calendar(date(1900, 1, 1)) and schema.in_calendar(date(2200, 12, 31))
    assert not schema.in_calendar(date(1899, 12, 31)) and not schema.in_calendar(date(2201, 1, 1))


# -- 2. ids written in other digits ----------------------------------------------------

ODD_IDS = {
    "a contact with id ²": journal(contacts={"²": {"at": AT, "kind": "met"}}),
    "a review with id ²": journal(reviews={"²": {"day": "2026-11-02"}}),
    "an urge with id ²": journal(urges={"²": {"started_at": AT}}),
    "a reason with id ٣": journal(reasons={"٣": {"text": "r"}}),
    # "01" and "1" are both entry 1: one of them would be lost on the next write.
    "a reason with id 01": journal(reasons={"01": {"text": "a"}, "1": {"text": "b"}}),
}


@pytest.mark.parametrize("command", [*READERS[:3], ["export"]], ids=" ".join)
@pytest.mark.parametrize("name", list(ODD_IDS))
def test_an_id_in_other_digits_is_refused_at_load(
    tmp_path: Path, name: str, command: list[str]
) -> None:
    db = tmp_path / "nocontact.json"
    db.write_bytes(ODD_IDS[name])
    before = folder_bytes(tmp_path)
    result = run_cli(*command, db=db)
    assert_refused_untouched(result, db)
    assert "is not laid out as a nocontact journal expects" in result.stderr
    assert folder_bytes(tmp_path) == before


@pytest.mark.parametrize("doc_id", ["²", "٣", "１", "01", "+1", " 1", "1_0", ""])
def test_only_plain_ascii_ids_pass_either_check(
    doc_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = {"meta": {"1": {"schema_version": 2}}, "reasons": {doc_id: {"text": "r"}}}
    with pytest.raises(schema.ShapeError, match="'reasons'"):
        schema.check_shape(data)
    monkeypatch.setattr(schema, "_tables_look_right", lambda _: False)
    with pytest.raises(schema.ShapeError, match="'reasons'"):
        schema.check_shape(data)


# -- 3. passphrase files that are not small regular files ------------------------------


def run_limited(
    *args: str, db: Path, env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[str]:
    """`nocontact ARGS` with its memory capped, so a runaway read fails fast instead of
    taking the machine's memory (run_cli otherwise)."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    return subprocess.run(
        [sys.executable, "-m", "nocontact_tui", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=os.environ | {"PYTHONDONTWRITEBYTECODE": "1"} | env,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        preexec_fn=cap,
    )


def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pass.fifo"
    os.mkfifo(path)
    return path


def huge(tmp_path: Path) -> Path:
    path = tmp_path / "pass.txt"
    path.write_bytes(b"x" * (1024 * 1024) + b"\n")
    return path


PASSPHRASE_FILES = {
    "a FIFO": (fifo, "isn't an ordinary file"),
    "/dev/zero": (lambda _: Path("/dev/zero"), "isn't an ordinary file"),
    "a 1 MiB file": (huge, "larger than 64 KiB"),
    "a folder": (lambda tmp: tmp, "isn't an ordinary file"),
}


@pytest.mark.parametrize("name", list(PASSPHRASE_FILES))
def test_a_passphrase_file_that_is_not_a_small_file_is_refused(tmp_path: Path, name: str) -> None:
    make, problem = PASSPHRASE_FILES[name]
    journal_dir = tmp_path / "journal"
    journal_dir.mkdir()
    db = journal_dir / "nocontact.json"
    db.write_bytes(journal(reasons={"1": {"text": "kept"}}))
    before = folder_bytes(journal_dir)
    source = make(tmp_path)
    start = time.monotonic()
    result = run_limited("encrypt", db=db, env={ENV_FILE: str(source)}, timeout=20)
    assert time.monotonic() - start < 10
    assert result.returncode == EXIT_INPUT, result.stderr
    assert str(source) in result.stderr and ENV_FILE in result.stderr
    assert problem in result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert folder_bytes(journal_dir) == before


def test_a_passphrase_file_of_up_to_64_kib_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "pass.txt"
    path.write_bytes(b"w" * (64 * 1024 - 1) + b"\n")
    monkeypatch.setenv(ENV_FILE, str(path))
    assert from_file(ENV_FILE) == "w" * (64 * 1024 - 1)


# -- 4. scrypt headers asking for more than this app ever writes -----------------------


def header_with(n: int, r: int, p: int) -> bytes:
    fields = {
        "version": 1, "kdf": "scrypt", "n": n, "r": r, "p": p,
        "salt": "AAAAAAAAAAAAAAAAAAAAAA==", "check": "AAAAAAAAAAAAAAAAAAAAAA==",
        "cipher": "AES-256-GCM", "nonce": "AAAAAAAAAAAAAAAA",
    }  # fmt: skip
    return b"NOCONTACT-ENCRYPTED\n" + orjson.dumps(fields) + b"\nbody"


@pytest.mark.parametrize(
    ("n", "r", "p"),
    [
        (2, 2**22, 1),  # 1 GiB in one block row, and 15 s of work before "wrong passphrase"
        (2**10, 8, 2**10),  # little memory, but 8 times the work this app asks for
        (2**20, 8, 1),  # 1 GiB
        (2**21, 1, 1),  # n past the limit
        (2**10, 8, 32),  # p past the limit, though little work
        (2**17, 64, 1),  # r past the limit
    ],
)
def test_a_header_asking_for_too_much_is_refused_at_once(n: int, r: int, p: int) -> None:
    start = time.monotonic()
    with pytest.raises(SealError, match="header can't be read"):
        split(header_with(n, r, p))
    assert time.monotonic() - start < 0.5


@pytest.mark.parametrize(
    ("n", "r", "p"), [(2**17, 8, 1), (2**10, 8, 1), (2**19, 8, 1), (2**17, 8, 4)]
)
def test_what_this_app_writes_and_a_little_more_is_read(n: int, r: int, p: int) -> None:
    header, _, _ = split(header_with(n, r, p))
    assert (header.params.n, header.params.r, header.params.p) == (n, r, p)


def test_the_defaults_are_within_the_limits() -> None:
    split(header_with(crypto.DEFAULT_N, crypto.DEFAULT_R, crypto.DEFAULT_P))


def test_a_journal_whose_header_asks_too_much_is_refused_as_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crypto, "DEFAULT_N", 2**10)
    db = tmp_path / "nocontact.json"
    passphrase = "kitchen light evening walk"
    with Store.open(db) as store:
        store.insert("reasons", {"text": "kept"})
        store.recode(SealedCodec(Key.new(passphrase)))
    raw = db.read_bytes()
    db.write_bytes(raw.replace(b'"p":1,', b'"p":1024,', 1))
    assert db.read_bytes() != raw
    secret = tmp_path / "pass"
    secret.write_text(passphrase + "\n")
    before = folder_bytes(tmp_path)
    result = run_cli("status", db=db, env={ENV_FILE: str(secret)}, timeout=30)
    assert_refused_untouched(result, db)
    assert "header can't be read" in result.stderr
    assert folder_bytes(tmp_path) == before


# -- 5. escape sequences in typed or pasted text ---------------------------------------

SEQUENCES = {
    "CSI colour": ("\x1b[31mred\x1b[0m", "red"),
    "CSI with private marks": ("a\x1b[?1049hb", "ab"),
    "CSI clear screen": ("\x1b[2Jx", "x"),
    "OSC title, BEL": ("\x1b]0;owned\x07ok", "ok"),
    "OSC hyperlink, ST": ("\x1b]8;;https://x.example\x1b\\link\x1b]8;;\x1b\\", "link"),
    "DCS": ("\x1bPq#0;2;0;0;0\x1b\\after", "after"),
    "two characters": ("\x1b7saved\x1b8", "saved"),
    "charset": ("\x1b(Bplain", "plain"),
    "8-bit CSI": ("\x9b31mred", "red"),
    "8-bit OSC": ("\x9d0;title\x9cok", "ok"),
    "cut-off CSI at the end": ("text\x1b[3", "text"),
}


@pytest.mark.parametrize("name", list(SEQUENCES))
def test_a_sequence_is_removed_whole(name: str) -> None:
    raw, kept = SEQUENCES[name]
    assert one_line(raw) == kept
    assert paste_as_line(raw) == kept
    assert without_controls(raw) == kept


def test_a_sequence_never_ended_takes_no_more_than_its_line() -> None:
    assert without_controls("before\x1b]0;a title\nthe next line") == "before\nthe next line"
    assert one_line("before\x1b]0;a title\nthe next line") == "before the next line"
    # A lone C1 character may come from text misread as Latin-1: the words after it stay.
    assert one_line("caf\x9d words that follow") == "caf words that follow"
    assert without_controls("\x98tilde and more") == "tilde and more"


def test_line_breaks_tabs_emoji_and_wide_characters_stay() -> None:
    text = "Liebe 💛 👨‍👩‍👧\n\tzweite Zeile 漢字"
    assert without_controls(text) == text
    assert without_controls("a\x1b[1m\nb\x1b[0m\tc") == "a\nb\tc"
    assert one_line("a\x1b[1m\nb\x1b[0m\tc 漢字 👨‍👩‍👧") == "a b c 漢字 👨‍👩‍👧"
    assert paste_as_line("a\x1b[1m\nb") == "a b"


PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp")), max_size=12)
PARAMS = st.text(st.sampled_from("0123456789;:<=>?"), max_size=6)
STRING_BODY = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=12)
SEQUENCE = st.one_of(
    st.builds(
        lambda intro, params, inter, final: intro + params + inter + final,
        st.sampled_from(["\x1b[", "\x9b"]),
        PARAMS,
        st.text(st.characters(min_codepoint=0x20, max_codepoint=0x2F), max_size=2),
        st.characters(min_codepoint=0x40, max_codepoint=0x7E),
    ),
    st.builds(
        lambda intro, body, end: intro + body + end,
        st.sampled_from(["\x1b]", "\x1bP", "\x1b_", "\x1b^", "\x1bX", "\x9d", "\x90"]),
        STRING_BODY,
        st.sampled_from(["\x07", "\x1b\\", "\x9c"]),
    ),
    st.builds(
        lambda inter, final: "\x1b" + inter + final,
        st.text(st.characters(min_codepoint=0x20, max_codepoint=0x2F), max_size=2),
        st.characters(min_codepoint=0x30, max_codepoint=0x7E).filter(lambda c: c not in "[]PX^_NO"),
    ),
)


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.tuples(PRINTABLE, SEQUENCE), max_size=6), tail=PRINTABLE)
def test_generated_sequences_leave_nothing_behind(pieces: list[tuple[str, str]], tail: str) -> None:
    raw = "".join(text + sequence for text, sequence in pieces) + tail
    plain = "".join(text for text, _ in pieces) + tail
    assert cleaning.without_escapes(raw) == plain
    assert without_controls(raw) == plain
    assert one_line(raw) == one_line(plain)
    assert paste_as_line(raw) == plain
    assert not re.search("[\x1b\x80-\x9f]", one_line(raw))


@settings(max_examples=300, deadline=None)
@given(text=PRINTABLE)
def test_text_without_controls_is_unchanged(text: str) -> None:
    assert cleaning.without_escapes(text) == text
    assert without_controls(text) == text
    assert paste_as_line(text) == text


def test_reason_add_stores_no_fragment_of_a_sequence(tmp_path: Path) -> None:
    db = tmp_path / "nocontact.json"
    result = run_cli(
        "reason", "add", "\x1b[31mred\x1b[0m and \x1b]0;title\x07done",
        "--category", "\x1b[1mHis words", db=db,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = orjson.loads(db.read_bytes())
    assert data["reasons"]["1"]["text"] == "red and done"
    assert data["reasons"]["1"]["category"] == "His words"
    assert "\x1b" not in db.read_text() and "\\u001b" not in db.read_text()


def test_a_contact_note_from_the_shell_stores_no_sequence(tmp_path: Path) -> None:
    db = tmp_path / "nocontact.json"
    db.write_bytes(journal())
    result = run_cli("contact", "log", "--kind", "met", "--note", "\x1b[31mcoffee\x1b[0m ☕", db=db)
    assert result.returncode == 0, result.stderr
    data = orjson.loads(db.read_bytes())
    assert data["contacts"]["1"]["note"] == "coffee ☕"


# -- the app itself at the edges of the range -------------------------------------------


@pytest.mark.parametrize("start", ["home", "streak", "review", "letters", "reasons", "urge"])
async def test_every_screen_opens_with_times_at_the_edges_of_the_range(
    store: Store, app_factory: Callable[..., NoContactApp], start: str
) -> None:
    store.update_meta({"nc_start": "1900-01-01", "day_starts_at": 4})
    store.insert("contacts", {"at": "1900-01-01T00:00:00+14:00", "kind": "met"})
    store.insert("contacts", {"at": "2200-12-31T23:59:59-12:00", "kind": "i_replied"})
    store.insert("urges", {"started_at": "2200-12-31T23:00:00-12:00", "outcome": "surfed"})
    store.insert("reviews", {"day": "2200-12-31", "mood": 2})
    store.insert("reviews", {"day": "1900-01-01", "mood": 4})
    store.insert("letters", {"body": "b", "created_at": "1900-01-01T00:00:00+14:00"})
    store.insert("reasons", {"text": "r", "created_at": "2200-12-31T23:59:59-12:00"})
    app = app_factory(start)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        if start == "home":
            for key in ("s", "escape", "c", "escape"):
                await pilot.press(key)
                await pilot.pause()
        assert app.is_running
