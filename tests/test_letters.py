"""Letters, the domain: listing, saving drafts, sealing, releasing, titles and word counts."""

from __future__ import annotations

import errno
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nocontact_tui.domain import letters
from nocontact_tui.domain.clock import FrozenClock
from nocontact_tui.domain.letters import (
    Draft,
    begin_course_session,
    create_letter,
    display_title,
    edited_label,
    get_letter,
    list_letters,
    release_letter,
    release_word,
    release_word_matches,
    seal_letter,
    title_from_body,
    unseal_letter,
    update_letter,
    word_count,
)
from nocontact_tui.journal.errors import InputError, WriteError
from nocontact_tui.journal.store import Store
from nocontact_tui.texts import line

BAD_INPUT = (
    "emoji 😀👩‍👩‍👧 and flags 🇩🇪\n"
    "wide 我想把这些写下来 日本語のテキスト 한국어\n"
    "right to left: שלום עולם and مرحبا بالعالم\n"
    "control \x00\x01\x07\x1b[31m escape \x7f and tabs\t\there\r\n"
    "zero width \u200b\u200d joiners and a\u0301ccents\n"
)


def on_disk(path: Path) -> dict:
    return json.loads(path.read_bytes())


def test_new_letters_are_drafts_listed_newest_first(store: Store, clock: FrozenClock) -> None:
    first = create_letter(store, now=clock.now(), title="First")
    clock.advance(60)
    second = create_letter(store, now=clock.now(), title="Second")
    clock.advance(60)
    update_letter(store, first, now=clock.now(), body="edited last")

    listed = list_letters(store)
    assert [letter.id for letter in listed] == [first, second]
    assert all(letter.status == "draft" for letter in listed)
    assert listed[0].updated_at == clock.now()


def test_filter_matches_title_or_body_ignoring_case(store: Store, clock: FrozenClock) -> None:
    create_letter(store, now=clock.now(), title="To the summer", body="the lake")
    create_letter(store, now=clock.now(), title="Another", body="Das WOHNZIMMER")
    assert [letter.title for letter in list_letters(store, "SUMMER")] == ["To the summer"]
    assert [letter.title for letter in list_letters(store, "wohnzimmer")] == ["Another"]
    assert list_letters(store, "nowhere") == []
    assert len(list_letters(store, "  ")) == 2


def test_update_writes_only_when_something_changed(
    store: Store, clock: FrozenClock, db_path: Path
) -> None:
    letter_id = create_letter(store, now=clock.now(), body="same")
    clock.advance(30)
    before = db_path.read_bytes()
    assert update_letter(store, letter_id, now=clock.now(), body="same", title="") is False
    assert db_path.read_bytes() == before
    assert update_letter(store, letter_id, now=clock.now(), body="changed") is True
    assert on_disk(db_path)["letters"][str(letter_id)]["body"] == "changed"


def test_sealed_letters_are_read_only_until_unsealed(
    store: Store, clock: FrozenClock, db_path: Path
) -> None:
    letter_id = create_letter(store, now=clock.now(), body="kept")
    seal_letter(store, letter_id)
    assert on_disk(db_path)["letters"][str(letter_id)]["status"] == "sealed"
    with pytest.raises(InputError):
        update_letter(store, letter_id, now=clock.now(), body="changed")
    assert get_letter(store, letter_id).body == "kept"
    unseal_letter(store, letter_id)
    assert update_letter(store, letter_id, now=clock.now(), body="changed") is True


def test_release_removes_the_letter_from_the_file(
    store: Store, clock: FrozenClock, db_path: Path
) -> None:
    keep = create_letter(store, now=clock.now(), body="stays")
    gone = create_letter(store, now=clock.now(), body="a very particular sentence")
    release_letter(store, gone)
    assert get_letter(store, gone) is None
    assert list(on_disk(db_path)["letters"]) == [str(keep)]
    assert b"a very particular sentence" not in db_path.read_bytes()
    with pytest.raises(InputError):
        release_letter(store, gone)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 0),
        ("   \n\t ", 0),
        ("one", 1),
        ("one two\tthree\nfour", 4),
        ("我想说", 3),
        ("hello我", 2),
        ("emoji 😀 counts", 3),
        ("שלום עולם", 2),
    ],
)
def test_word_count(text: str, count: int) -> None:
    assert word_count(text) == count


@given(st.text(alphabet=st.characters(max_codepoint=0x2FF)))
def test_word_count_is_whitespace_split_for_spaced_scripts(text: str) -> None:
    assert word_count(text) == len(text.split())


def test_empty_title_takes_the_first_words_of_the_body() -> None:
    body = "\n\n  Dear past me, I am writing this on a Sunday night.\nSecond line"
    assert title_from_body(body) == "Dear past me, I am writing"
    assert title_from_body("") == ""
    assert title_from_body("\x00\x1b[31mred\x07 text") == "red text"
    long = title_from_body("x" * 500)
    assert len(long) == letters.TITLE_MAX and long.endswith("…")
    assert display_title("", "") == line("letters", "untitled")
    assert display_title("  ", "from the body") == "from the body"
    assert display_title("Own title", "body") == "Own title"


@given(st.text())
def test_titles_are_one_printable_line(body: str) -> None:
    title = title_from_body(body)
    assert len(title) <= letters.TITLE_MAX
    assert "\n" not in title and "\r" not in title and "\x00" not in title


def test_release_word_is_the_first_word_of_the_title() -> None:
    def letter(title: str, body: str = "") -> letters.Letter:
        return letters.Letter(id=1, title=title, body=body)

    assert release_word(letter("Dear you, goodbye")) == "Dear"
    assert release_word(letter("“Quoted” start")) == "Quoted"
    assert release_word(letter("", "Untitled body words")) == "Untitled"
    assert release_word(letter("😀 🌊")) == letters.RELEASE_FALLBACK_WORD
    assert release_word(letter("我想说 话")) == "我想说"
    assert release_word_matches("Dear", "  dear ")
    assert not release_word_matches("Dear", "Dea")
    assert not release_word_matches("Dear", "")


def test_bad_input_is_stored_and_read_back_unchanged(
    store: Store, clock: FrozenClock, db_path: Path
) -> None:
    big = ("A long paste. " * 80_000)[:1_000_000]
    letter_id = create_letter(store, now=clock.now(), title="😀 我 שלום\t\x07", body=BAD_INPUT)
    update_letter(store, letter_id, now=clock.now(), body=BAD_INPUT + big)
    store.close()
    with Store.open(db_path) as again:
        letter = get_letter(again, letter_id)
        assert letter is not None
        assert letter.body == BAD_INPUT + big
        assert letter.title == "😀 我 שלום\t\x07"


def test_lone_surrogates_from_a_broken_paste_do_not_stop_a_save(
    store: Store, clock: FrozenClock
) -> None:
    letter_id = create_letter(store, now=clock.now(), body="before \ud83d after")
    assert get_letter(store, letter_id).body == "before \ufffd after"


def test_draft_saves_only_when_changed_and_remembers_when(store: Store, clock: FrozenClock) -> None:
    letter_id = create_letter(store, now=clock.now())
    draft = Draft.of(get_letter(store, letter_id))
    assert not draft.dirty
    assert draft.save(store, clock.now()) is False
    draft.body = "written"
    clock.advance(5)
    assert draft.save(store, clock.now()) is True
    assert draft.last_saved == clock.now()
    assert not draft.dirty
    assert get_letter(store, letter_id).body == "written"


def test_failed_save_keeps_the_draft_and_the_next_try_writes(
    store: Store, clock: FrozenClock, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    letter_id = create_letter(store, now=clock.now(), body="saved before")
    draft = Draft.of(get_letter(store, letter_id))
    draft.body = "saved before, and new words"

    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("nocontact_tui.journal.store.atomic_write", disk_full)
    with pytest.raises(WriteError) as failure:
        draft.save(store, clock.now())
    assert "No space left" in failure.value.text
    assert draft.dirty
    assert on_disk(db_path)["letters"][str(letter_id)]["body"] == "saved before"

    monkeypatch.undo()
    assert draft.save(store, clock.now()) is True
    assert on_disk(db_path)["letters"][str(letter_id)]["body"] == "saved before, and new words"
    assert not draft.dirty


def test_finishing_a_draft_gives_an_empty_title_the_first_words(
    store: Store, clock: FrozenClock
) -> None:
    letter_id = create_letter(store, now=clock.now(), body="What I needed was quiet and time")
    draft = Draft.of(get_letter(store, letter_id))
    draft.finish(store, clock.now())
    assert get_letter(store, letter_id).title == "What I needed was quiet and"


def test_a_draft_of_a_released_letter_does_not_come_back(store: Store, clock: FrozenClock) -> None:
    letter_id = create_letter(store, now=clock.now(), body="x")
    draft = Draft.of(get_letter(store, letter_id))
    release_letter(store, letter_id)
    draft.body = "typed after"
    assert draft.save(store, clock.now()) is False
    assert list_letters(store) == []


def test_course_session_creates_a_letter_with_the_days_prompt(
    store: Store, clock: FrozenClock, db_path: Path
) -> None:
    letter_id, number = begin_course_session(store, now=clock.now(), today=date(2026, 11, 21))
    assert number == 1
    letter = get_letter(store, letter_id)
    assert letter.prompt == line("letters", "course", "day1")
    assert on_disk(db_path)["meta"]["1"]["course"] == {
        "sessions": [{"day": "2026-11-21", "letter": letter_id}]
    }
    store.close()
    with Store.open(db_path) as again:  # the stored course passes the schema check
        assert letters.course_step(again, date(2026, 11, 22)).number == 2
        with pytest.raises(ValueError):  # one session a day
            begin_course_session(again, now=clock.now(), today=date(2026, 11, 21))


def test_edited_label(clock: FrozenClock) -> None:
    now = clock.now()
    assert edited_label(now - timedelta(hours=2), now, clock.tz) == "10:00"
    assert edited_label(now - timedelta(days=3), now, clock.tz) == "18 Nov 12:00"
    assert edited_label(now - timedelta(days=400), now, clock.tz) == "17 Oct 2025"


def test_no_code_sends_shares_or_copies_a_letter() -> None:
    """The letters code has no network, mail or clipboard path at all."""
    from nocontact_tui.screens import letter_editor
    from nocontact_tui.screens import letters as letters_screen

    # The modules as imported, wherever they are installed (a checkout, a wheel, an sdist).
    sources = [Path(module.__file__ or "") for module in (letters, letters_screen, letter_editor)]
    for source in sources:
        text = source.read_text(encoding="utf-8")
        for needle in (
            "socket",
            "smtplib",
            "urllib",
            "http",
            "clipboard",
            "webbrowser",
            "subprocess",
        ):
            assert needle not in text, f"{needle} in {source.name}"
