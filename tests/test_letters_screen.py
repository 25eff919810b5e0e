"""Letters on screen: the list and the editor, driven by keys, checked against the store."""

from __future__ import annotations

import errno
import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from nocontact_tui.screens.dialogs.confirm import ConfirmModal
from nocontact_tui.screens.dialogs.later import SealModal
from nocontact_tui.screens.dialogs.release import ReleaseModal
from nocontact_tui.screens.letter_editor import LetterEditorScreen
from nocontact_tui.screens.letters import LettersScreen
from textual.widgets import DataTable, Input, Static, TextArea

from nocontact_tui.app import NoContactApp
from nocontact_tui.domain.clock import FrozenClock
from nocontact_tui.domain.course import SESSION_SECONDS
from nocontact_tui.domain.letters import (
    create_letter,
    get_letter,
    list_letters,
    seal_letter,
    update_letter,
)
from nocontact_tui.journal.store import Store
from nocontact_tui.texts import line, load

AppFactory = Callable[..., NoContactApp]
WORDS = load("letters")
BAD_INPUT = "😀👩‍👩‍👧 我想把这些写下来 한국어 שלום עולם مرحبا\n\x00\x01\x07\x1b[31m\x7f\t\ttabs\r\n\u200b\u200d a\u0301\n"


def editor(app: NoContactApp) -> LetterEditorScreen:
    assert isinstance(app.screen, LetterEditorScreen), app.screen
    return app.screen


def body_of(app: NoContactApp) -> TextArea:
    return editor(app).query_one("#body", TextArea)


def on_disk(path: Path) -> dict:
    return json.loads(path.read_bytes())


def disk_full(path: Path, data: bytes) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


async def test_write_autosave_leave_and_come_back(
    set_up_store: Store, app_factory: AppFactory, db_path: Path
) -> None:
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, LettersScreen)
        assert app.screen.query_one("#empty", Static).display
        await pilot.press("n")
        await pilot.press(*"Dear me, it ended.")
        letter_id = editor(app).letter_id
        # The debounce has not fired yet: nothing typed is on disk.
        assert on_disk(db_path)["letters"][str(letter_id)]["body"] == ""
        assert editor(app).autosave() is True
        assert on_disk(db_path)["letters"][str(letter_id)]["body"] == "Dear me, it ended."
        assert "saved 12:00" in str(editor(app).query_one("#saved", Static).render())
        await pilot.press(*" More.")
        await pilot.press("escape")  # leaving saves too, without waiting
        assert isinstance(app.screen, LettersScreen)
        assert get_letter(set_up_store, letter_id).body == "Dear me, it ended. More."
        assert get_letter(set_up_store, letter_id).title == "Dear me, it ended. More."
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert table.get_row_at(0)[3] == "5"
        await pilot.press("enter")
        assert body_of(app).text == "Dear me, it ended. More."


async def test_the_debounce_timer_is_restarted_by_typing(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "a")
        first = editor(app)._autosave_timer
        assert first is not None
        await pilot.press("b")
        assert editor(app)._autosave_timer is not first
        editor(app)._autosave_timer.stop()


async def test_quitting_saves_what_was_typed(
    set_up_store: Store, app_factory: AppFactory, db_path: Path
) -> None:
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"typed just before quitting")
        letter_id = editor(app).letter_id
        await pilot.press("ctrl+c")  # no selection: save and quit
    assert on_disk(db_path)["letters"][str(letter_id)]["body"] == "typed just before quitting"


async def test_navigating_away_from_the_editor_saves(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"half a thought")
        letter_id = editor(app).letter_id
        app.action_go("home")  # what the command palette does
        await pilot.pause()
        assert not isinstance(app.screen, LetterEditorScreen)
        assert get_letter(set_up_store, letter_id).body == "half a thought"
        assert "letter" not in app._flushers


async def test_the_flusher_saves_the_draft_without_the_widgets(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"abc")
        letter_id = editor(app).letter_id
        app.flush_all()  # what SIGTERM and SIGHUP call
        assert get_letter(set_up_store, letter_id).body == "abc"


async def test_a_sealed_letter_opens_read_only(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock
) -> None:
    letter_id = create_letter(set_up_store, now=clock.now(), title="Kept", body="as it was")
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "y")
        assert get_letter(set_up_store, letter_id).sealed
        await pilot.press("enter")
        assert body_of(app).read_only
        await pilot.press("e", "space", "enter", "backspace", "delete", "ctrl+v", "ctrl+x")
        assert body_of(app).text == "as it was"
        assert not editor(app).check_action("prompt", ())
        await pilot.press("escape")
        assert get_letter(set_up_store, letter_id).body == "as it was"
        # Unsealing asks first; "n" keeps it sealed.
        await pilot.press("p")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        assert get_letter(set_up_store, letter_id).sealed
        await pilot.press("p", "y")
        assert not get_letter(set_up_store, letter_id).sealed


async def test_sealing_asks_first_and_s_still_means_streak(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock
) -> None:
    letter_id = create_letter(set_up_store, now=clock.now(), title="Kept", body="as it was")
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, SealModal)
        assert "Seal this letter?" in str(app.screen.query_one("#question", Static).render())
        await pilot.press("escape")  # no: nothing changes
        assert isinstance(app.screen, LettersScreen)
        assert not get_letter(set_up_store, letter_id).sealed
        await pilot.press("p", "n")
        assert not get_letter(set_up_store, letter_id).sealed
        await pilot.press("p", "enter")  # the first choice: seal it, no day set
        assert get_letter(set_up_store, letter_id).sealed
        await pilot.press("s")  # the global Streak key, as everywhere else
        await pilot.pause()
        assert app.screen.id == "streak"
        assert get_letter(set_up_store, letter_id).sealed


async def test_after_a_new_letter_the_cursor_is_on_it(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock
) -> None:
    for title in ("First", "Second", "Third"):
        create_letter(set_up_store, now=clock.now(), title=title, body="words")
        clock.advance(60)
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one(DataTable)
        await pilot.press("down", "down")  # somewhere else than where the new one will be
        await pilot.press("n", *"A new one")
        new_id = editor(app).letter_id
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LettersScreen)
        assert app.screen.current_id() == new_id
        assert table.get_row_at(table.cursor_row)[0] == "A new one"
        await pilot.press("enter")
        assert editor(app).letter_id == new_id


async def test_release_needs_the_typed_word(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock, db_path: Path
) -> None:
    keep = create_letter(set_up_store, now=clock.now(), title="Other", body="stays")
    clock.advance(60)
    gone = create_letter(set_up_store, now=clock.now(), title="Goodbye, house", body="let this go")
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        assert isinstance(app.screen, ReleaseModal)
        await pilot.press("escape")
        assert get_letter(set_up_store, gone) is not None
        await pilot.press("x", *"house", "enter")
        assert isinstance(app.screen, ReleaseModal)
        assert "Goodbye" in str(app.screen.query_one("#release-problem", Static).render())
        assert get_letter(set_up_store, gone) is not None
        app.screen.query_one(Input).value = ""
        await pilot.press(*"goodbye", "enter")
        assert isinstance(app.screen, LettersScreen)
        assert app.screen.query_one(DataTable).row_count == 1
    assert list(on_disk(db_path)["letters"]) == [str(keep)]
    assert b"let this go" not in db_path.read_bytes()


async def test_release_takes_every_draft_out_of_every_file_under_the_data_folder(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock, db_path: Path
) -> None:
    letter_id = create_letter(set_up_store, now=clock.now(), title="Harbour", body="draft one")
    backups = db_path.parent / "backups"
    backups.mkdir(mode=0o700)
    # Backups from two earlier days, each with the draft of that day.
    for day, body in (("2026-11-19", "draft two"), ("2026-11-20", "draft three")):
        (backups / f"nocontact-{day}.json").write_bytes(db_path.read_bytes())
        update_letter(set_up_store, letter_id, now=clock.now(), body=body)
    files = [path for path in db_path.parent.rglob("*") if path.is_file()]
    assert sum(b"Harbour" in path.read_bytes() for path in files) == 3
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x", *"harbour", "enter")
        assert isinstance(app.screen, LettersScreen)
        assert [n.message for n in app._notifications] == [line("letters", "released")]
    for path in db_path.parent.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            assert b"Harbour" not in raw and b"draft" not in raw, path


async def test_a_backup_that_cannot_be_opened_is_named_and_left_as_it_was(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock, db_path: Path
) -> None:
    create_letter(set_up_store, now=clock.now(), title="Harbour", body="draft one")
    backups = db_path.parent / "backups"
    backups.mkdir(mode=0o700)
    damaged = backups / "nocontact-2026-11-20.json"
    damaged.write_bytes(db_path.read_bytes()[:-9])
    good = backups / "nocontact-2026-11-19.json"
    good.write_bytes(db_path.read_bytes())
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x", *"harbour", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LettersScreen)  # no crash, the list is back
        [note] = list(app._notifications)
        assert note.severity == "warning"
        assert "One older copy could not be opened" in note.message
        assert note.message.endswith("nocontact-2026-11-20.json.")
    assert b"draft one" in damaged.read_bytes()  # left exactly as it was
    assert b"draft one" not in good.read_bytes() and b"draft one" not in db_path.read_bytes()


async def test_the_release_question_fits_a_tiny_terminal_without_scrolling(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock
) -> None:
    create_letter(set_up_store, now=clock.now(), title="Goodbye house", body="x")
    app = app_factory("letters")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ReleaseModal)
        assert modal.query_one("#release").scroll_y == 0
        for selector in ("#release-title", "#release-question", "#release-hint", "#release-word"):
            region = modal.query_one(selector).region
            assert region.height > 0 and region.bottom <= 11, selector
        await pilot.press(*"nope", "enter")
        assert "Goodbye" in str(modal.query_one("#release-problem", Static).render())
        assert modal.query_one("#release-problem").display


async def test_filter_as_you_type_and_escape_clears(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock
) -> None:
    create_letter(set_up_store, now=clock.now(), title="The lake", body="summer")
    create_letter(set_up_store, now=clock.now(), title="Winter", body="snow and quiet")
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one(DataTable)
        await pilot.press("slash", *"quiet")
        assert table.row_count == 1 and table.get_row_at(0)[0] == "Winter"
        await pilot.press("x")  # typed into the filter, not a release
        assert not isinstance(app.screen, ReleaseModal)
        assert table.row_count == 0
        assert app.screen.query_one("#empty", Static).display
        await pilot.press("escape")
        assert table.row_count == 2
        assert not app.screen.query_one("#filter", Input).display
        await pilot.press("escape")
        assert not isinstance(app.screen, LettersScreen)


async def test_go_with_a_letter_from_the_urge_screen_opens_it(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock
) -> None:
    app = app_factory("home")
    async with app.run_test(size=(80, 24)) as pilot:
        letter_id = create_letter(set_up_store, now=clock.now(), body="I still want to tell you")
        app.go("letters", open_letter=letter_id)
        await pilot.pause()
        assert editor(app).letter_id == letter_id
        assert body_of(app).text == "I still want to tell you"
        assert body_of(app).cursor_location == (0, len("I still want to tell you"))
        await pilot.press(*" and now it is written")
        await pilot.press("escape")
        assert (
            get_letter(set_up_store, letter_id).body
            == "I still want to tell you and now it is written"
        )


async def test_a_prompt_on_demand(set_up_store: Store, app_factory: AppFactory) -> None:
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "ctrl+g")
        prompt = editor(app).draft.prompt
        assert prompt in WORDS["prompts"]
        assert prompt in str(editor(app).query_one("#prompt", Static).render())
        await pilot.press("ctrl+g")
        assert editor(app).draft.prompt != prompt
        editor(app).autosave()
        assert list_letters(set_up_store)[0].prompt == editor(app).draft.prompt


async def test_a_prompt_from_the_command_palette(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "ctrl+p", *"Writing prompt")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert editor(app).draft.prompt in WORDS["prompts"]


async def test_a_full_disk_keeps_the_text_says_so_and_retries(
    set_up_store: Store, app_factory: AppFactory, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        letter_id = editor(app).letter_id
        monkeypatch.setattr("nocontact_tui.journal.store.atomic_write", disk_full)
        await pilot.press(*"words that must not be lost")
        assert editor(app).autosave() is False
        problem = editor(app).query_one("#save-problem", Static)
        assert problem.display and "No space left on device" in str(problem.render())
        assert body_of(app).text == "words that must not be lost"
        assert editor(app)._autosave_timer is not None  # it will try again on its own
        await pilot.press("escape")  # leaving would lose the text: stay
        assert isinstance(app.screen, LetterEditorScreen)
        assert on_disk(db_path)["letters"][str(letter_id)]["body"] == ""
        monkeypatch.undo()
        assert editor(app).autosave() is True
        assert not editor(app).query_one("#save-problem", Static).display
        assert on_disk(db_path)["letters"][str(letter_id)]["body"] == "words that must not be lost"


async def test_bad_input_is_kept_and_shown(set_up_store: Store, app_factory: AppFactory) -> None:
    big = ("A paste of a whole megabyte, line after line. " * 2 + "\n") * 10_800
    # The text area ends every line with "\n": a pasted "\r\n" arrives as a plain line break.
    expected = (BAD_INPUT + big).replace("\r\n", "\n")
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        body_of(app).insert(BAD_INPUT + big)
        await pilot.pause()
        letter_id = editor(app).letter_id
        assert editor(app).autosave() is True
        assert len(expected) > 1_000_000
        assert get_letter(set_up_store, letter_id).body == expected
        await pilot.press("escape")
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert table.get_row_at(0)[0].startswith("😀👩‍👩‍👧 我想把这些写下来")
        await pilot.press("enter")
        assert body_of(app).text == expected


async def test_the_four_day_course(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock
) -> None:
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        assert isinstance(app.screen, ConfirmModal)  # the intro, then "begin?"
        await pilot.press("y")
        assert editor(app).course_number == 1
        assert line("letters", "course", "day1") in str(
            editor(app).query_one("#prompt", Static).render()
        )
        note = editor(app).query_one("#course-note", Static)
        assert "0 min" in str(note.render())
        clock.advance(SESSION_SECONDS)  # a quiet note, not a stop
        editor(app).refresh_status()
        assert str(note.render()) == line("letters", "course", "time_up")
        await pilot.press(*"day one", "escape")
        await pilot.press("w")  # the same day: today's session again
        assert editor(app).course_number == 1
        assert body_of(app).text == "day one"
        await pilot.press("escape")
        clock.advance(86400)
        await pilot.press("w")  # the next day starts at once
        assert editor(app).course_number == 2
        assert line("letters", "course", "day2") in str(
            editor(app).query_one("#prompt", Static).render()
        )
        await pilot.press("escape")
    letters = list_letters(set_up_store)
    assert [(letter.title, letter.body) for letter in letters] == [
        (line("letters", "course", "title", number=2), ""),
        (line("letters", "course", "title", number=1), "day one"),
    ]


async def test_day_four_ends_the_course_and_says_so(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock
) -> None:
    days = [(clock.now() - timedelta(days=n)).date().isoformat() for n in (4, 3, 1)]
    set_up_store.update_meta({"course": {"sessions": [{"day": d, "letter": None} for d in days]}})
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")  # a day was missed: day four still follows
        assert editor(app).course_number == 4
        await pilot.press(*"the last one", "escape")
        # It ends cleanly: it says so, and offers nothing more.
        assert isinstance(app.screen, LettersScreen)
        messages = [n.message for n in app._notifications]
        assert line("letters", "course", "done") in messages
        assert not any(line("letters", "course", "restart") in m for m in messages)
        for days in (1, 6):  # the next day, and six days on: too soon for another course
            clock.advance(86400 if days == 1 else 5 * 86400)
            app.clear_notifications()
            await pilot.press("w")
            assert isinstance(app.screen, LettersScreen)  # no dialog, no new session
            [note] = [n.message for n in app._notifications]
            assert "A new one can begin from Saturday 28 November" in note
        assert len(list_letters(set_up_store)) == 1
        clock.advance(86400)  # a week after the last session: w asks, with the intro again
        await pilot.press("w")
        assert isinstance(app.screen, ConfirmModal)
        assert line("letters", "course", "intro") in app.screen.question
        assert line("letters", "course", "restart") in app.screen.question
        assert line("letters", "course", "done") not in app.screen.question
        await pilot.press("y")
        assert editor(app).course_number == 1
        assert line("letters", "course", "day1") in str(
            editor(app).query_one("#prompt", Static).render()
        )


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_every_view_renders_at_any_size(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock, size: tuple[int, int]
) -> None:
    sealed = create_letter(
        set_up_store, now=clock.now(), title="我想说 😀 שלום", body="x\t\x07 " * 50
    )
    seal_letter(set_up_store, sealed)
    create_letter(
        set_up_store, now=clock.now(), title="", body="A draft with a long first line " * 10
    )
    app = app_factory("letters")
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter", "ctrl+g")
        await pilot.press("escape", "down", "enter", "escape", "x")
        assert isinstance(app.screen, ReleaseModal)
        await pilot.press("escape", "slash", *"zzz", "escape", "w")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
