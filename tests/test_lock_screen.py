"""The lock screen, the idle lock and the panic key, driven like a user would."""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import NOW
from nocontact_tui.screens.letter_editor import LetterEditorScreen
from nocontact_tui.screens.lock import CoverScreen, LockScreen
from textual.command import CommandPalette

from nocontact_tui.app import NoContactApp, make_app
from nocontact_tui.domain.clock import FrozenClock
from nocontact_tui.domain.reasons import add_reason
from nocontact_tui.journal import crypto
from nocontact_tui.journal.crypto import Key, SealedCodec
from nocontact_tui.journal.errors import EXIT_DATA, EXIT_INPUT
from nocontact_tui.journal.store import Store
from nocontact_tui.texts import line

FAST_N = 2**10
PASSPHRASE = "kitchen light evening walk"
SECRET = "the silences at dinner"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "DEFAULT_N", FAST_N)


def on_screen(app: NoContactApp) -> str:
    """The text of what the terminal shows now."""
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


def write_journal(path: Path, *, sealed: bool, idle_minutes: int = 0) -> SealedCodec | None:
    with Store.open(path, today=NOW.date()) as store:
        store.update_meta(
            {"nc_start": date(2026, 11, 1).isoformat(), "idle_lock_minutes": idle_minutes}
        )
        add_reason(store, SECRET, now=NOW)
        if not sealed:
            return None
        codec = SealedCodec(Key.new(PASSPHRASE))
        store.recode(codec)
        return codec


@pytest.fixture
def sealed_store(db_path: Path) -> Iterator[Store]:
    write_journal(db_path, sealed=True)
    # The way run_app opens it: lazily, without a key; the lock screen supplies it.
    with Store.open(db_path, lazy=True, today=NOW.date()) as store:
        yield store


async def wait_until(pilot, condition, seconds: float = 10.0) -> None:  # noqa: ANN001
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


def assert_closed_saying(app: NoContactApp, code: int, text: str) -> None:
    """The app ended with `code`, and run_app will print a message holding `text`."""
    assert app.return_code == code
    assert app.unusable_journal is not None
    assert text in app.unusable_journal.text


async def type_passphrase(pilot, text: str) -> None:  # noqa: ANN001
    await pilot.press(*text)
    await pilot.press("enter")
    await wait_until(pilot, lambda: not getattr(pilot.app.screen, "checking", False))


# -- the lock at start -------------------------------------------------------------------


async def test_an_encrypted_journal_opens_on_the_lock_screen(
    sealed_store: Store, clock: FrozenClock
) -> None:
    app = make_app(sealed_store, clock=clock, start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, LockScreen)
        assert not sealed_store.loaded  # nothing has been read, so nothing can show
        assert SECRET not in on_screen(app)
        await type_passphrase(pilot, PASSPHRASE)
        # Home shows the journal once it is built, a moment after it is on the stack.
        await wait_until(pilot, lambda: app.screen.id == "home" and SECRET in on_screen(app))
        # Writing works, through the key: the file stays sealed and holds the new words.
        add_reason(sealed_store, "written after unlocking", now=NOW)
    raw = sealed_store.path.read_bytes()
    assert crypto.split(raw)[0].params.n == FAST_N
    reasons = sealed_store.codec.decode(raw)["reasons"].values()
    assert "written after unlocking" in [doc["text"] for doc in reasons]
    assert b"written after unlocking" not in raw


async def test_nocontact_urge_unlocks_straight_onto_the_check_in(
    sealed_store: Store, clock: FrozenClock
) -> None:
    app = make_app(sealed_store, clock=clock, start="urge")
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, LockScreen)
        await type_passphrase(pilot, PASSPHRASE)
        question = line("urge", "checkin_rate")
        await wait_until(pilot, lambda: app.screen.id == "urge" and question in on_screen(app))


async def test_a_wrong_passphrase_says_so_and_three_close_the_app(
    sealed_store: Store, clock: FrozenClock, db_path: Path
) -> None:
    before = db_path.read_bytes()
    app = make_app(sealed_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_passphrase(pilot, "not it")
        assert "didn't open it. 2 more tries" in on_screen(app)
        assert isinstance(app.screen, LockScreen)
        await type_passphrase(pilot, "nor this")
        assert "One more try" in on_screen(app)
        await type_passphrase(pilot, "still not")
        await wait_until(pilot, lambda: app.return_code is not None)
    assert_closed_saying(app, EXIT_INPUT, "Three passphrases")
    assert db_path.read_bytes() == before


async def test_a_try_typed_ahead_while_the_last_is_checked_follows_it(
    sealed_store: Store, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    unlock = Key.unlock.__func__  # type: ignore[attr-defined]
    go = threading.Event()

    def slow_unlock(cls, header, passphrase):  # noqa: ANN001, ANN202 - as on a busy machine
        go.wait(10)
        return unlock(cls, header, passphrase)

    monkeypatch.setattr(Key, "unlock", classmethod(slow_unlock))
    app = make_app(sealed_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        lock = app.screen
        assert isinstance(lock, LockScreen)
        await pilot.press(*"not it", "enter")
        await wait_until(pilot, lambda: lock.checking)
        await pilot.press(*PASSPHRASE, "enter")  # typed while the first try is checked
        await wait_until(pilot, lambda: lock.enter_waiting)
        go.set()
        # The journal on screen, not only Home pushed: leaving before Home has read it
        # would close the app under a screen still being built.
        await wait_until(pilot, lambda: SECRET in on_screen(app))
        assert lock.wrong == 1


async def test_an_empty_enter_is_not_a_wrong_try(sealed_store: Store, clock: FrozenClock) -> None:
    app = make_app(sealed_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(4):
            await pilot.press("enter")
        assert isinstance(app.screen, LockScreen)
        assert app.screen.wrong == 0


async def test_a_damaged_header_is_named_and_nothing_is_written(
    db_path: Path, clock: FrozenClock
) -> None:
    write_journal(db_path, sealed=True)
    damaged = db_path.read_bytes().replace(b'"kdf":"scrypt"', b'"kdf":"scrypX"', 1)
    db_path.write_bytes(damaged)
    with Store.open(db_path, lazy=True, today=NOW.date()) as store:
        app = make_app(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: app.return_code is not None)
    assert_closed_saying(app, EXIT_DATA, "header can't be read")
    assert db_path.read_bytes() == damaged


async def test_no_key_reaches_the_journal_while_locked(
    sealed_store: Store, clock: FrozenClock
) -> None:
    app = make_app(sealed_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("escape", "ctrl+p", "tab", "escape"):
            await pilot.press(key)
            assert isinstance(app.screen, LockScreen)
            assert not CommandPalette.is_open(app)
        # Letters typed go into the passphrase field, not to the app's keys.
        await pilot.press("u", "s", "question_mark")
        assert isinstance(app.screen, LockScreen)
        assert not sealed_store.loaded


# -- the idle lock ---------------------------------------------------------------------


async def test_the_idle_lock_is_off_by_default(
    set_up_store: Store, clock: FrozenClock, app_factory
) -> None:  # noqa: ANN001
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        clock.advance(24 * 3600)
        app.check_idle_lock()
        await pilot.pause()
        assert not isinstance(app.screen, LockScreen)


async def test_the_idle_lock_covers_a_plain_journal_until_enter(
    db_path: Path, clock: FrozenClock
) -> None:
    write_journal(db_path, sealed=False, idle_minutes=5)
    with Store.open(db_path, today=NOW.date()) as store:
        app = make_app(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("r")  # a key: the idle time counts from here
            clock.advance(299)
            app.check_idle_lock()
            await pilot.pause()
            assert app.screen.id == "reasons"
            clock.advance(2)
            app.check_idle_lock()
            await pilot.pause()
            assert isinstance(app.screen, LockScreen)
            assert SECRET not in on_screen(app)
            assert "Covered after 5 minutes" in on_screen(app)
            await pilot.press("q", "h", "escape")  # swallowed: none of them quits or moves
            assert isinstance(app.screen, LockScreen)
            await pilot.press("enter")
            assert app.screen.id == "reasons"
            assert SECRET in on_screen(app)


async def test_a_one_minute_idle_lock_says_a_minute(db_path: Path, clock: FrozenClock) -> None:
    write_journal(db_path, sealed=False, idle_minutes=1)
    with Store.open(db_path, today=NOW.date()) as store:
        app = make_app(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            clock.advance(61)
            app.check_idle_lock()
            await pilot.pause()
            assert isinstance(app.screen, LockScreen)
            assert "Covered after a minute without a key" in on_screen(app)
            assert "1 minutes" not in on_screen(app)


async def test_the_idle_lock_saves_a_draft_and_asks_for_the_passphrase(
    db_path: Path, clock: FrozenClock
) -> None:
    codec = write_journal(db_path, sealed=True, idle_minutes=5)
    assert codec is not None
    with Store.open(db_path, codec=codec, today=NOW.date()) as store:
        app = make_app(store, clock=clock, start="letters")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            await pilot.press(*"words I will not send")
            assert isinstance(app.screen, LetterEditorScreen)
            clock.advance(301)
            app.check_idle_lock()
            await pilot.pause()
            assert isinstance(app.screen, LockScreen)
            assert "words I will not send" not in on_screen(app)
            # Saved before the lock came down, and sealed on disk.
            letters = codec.decode(db_path.read_bytes())["letters"]
            assert [doc["body"] for doc in letters.values()] == ["words I will not send"]
            await type_passphrase(pilot, "wrong")
            assert isinstance(app.screen, LockScreen)
            await type_passphrase(pilot, PASSPHRASE)
            await wait_until(pilot, lambda: isinstance(app.screen, LetterEditorScreen))
            assert "words I will not send" in on_screen(app)


async def test_turning_the_idle_lock_on_from_the_app(
    set_up_store: Store, clock: FrozenClock, app_factory
) -> None:  # noqa: ANN001
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.toggle_idle_lock()
        assert set_up_store.meta["idle_lock_minutes"] == 5
        clock.advance(300)
        app.check_idle_lock()
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        await pilot.press("enter")
        app.toggle_idle_lock()
        assert set_up_store.meta["idle_lock_minutes"] == 0


# -- the panic key ---------------------------------------------------------------------


async def test_the_panic_key_covers_everything_until_a_key(
    db_path: Path, clock: FrozenClock
) -> None:
    write_journal(db_path, sealed=False)
    with Store.open(db_path, today=NOW.date()) as store:
        app = make_app(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            assert SECRET in on_screen(app)
            await pilot.press("ctrl+backslash")
            assert isinstance(app.screen, CoverScreen)
            assert SECRET not in on_screen(app)
            await pilot.press("q")  # any key uncovers; this one does not also quit
            assert app.screen.id == "home"
            assert app.return_code is None
            assert SECRET in on_screen(app)


async def test_the_panic_key_works_while_writing(set_up_store: Store, app_factory) -> None:  # noqa: ANN001
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.press(*"private words")
        await pilot.press("ctrl+backslash")
        assert isinstance(app.screen, CoverScreen)
        assert "private words" not in on_screen(app)
        await pilot.press("ctrl+backslash")  # the same key again also uncovers
        assert isinstance(app.screen, LetterEditorScreen)
        await pilot.press(*" more")
        assert app.screen.query_one("TextArea").text == "private words more"


async def test_help_and_support_are_reachable_from_the_lock_screen(
    sealed_store: Store, clock: FrozenClock
) -> None:
    """Where to find support never sits behind a passphrase: f1 opens help there,
    and nothing of the journal is read for it."""
    from nocontact_tui.screens.help import HelpScreen

    app = make_app(sealed_store, clock=clock, start="urge")
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, LockScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert not sealed_store.loaded and SECRET not in on_screen(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)


async def test_a_passphrase_changed_in_another_window_is_asked_for_and_nothing_is_lost(
    sealed_store: Store, clock: FrozenClock, db_path: Path
) -> None:
    new_passphrase = "a different long evening"
    app = make_app(sealed_store, clock=clock, start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await type_passphrase(pilot, PASSPHRASE)
        await wait_until(pilot, lambda: app.screen.id == "home" and SECRET in on_screen(app))
        # Another window (or `nocontact passphrase`) gives the journal a new passphrase.
        with Store.open(
            db_path,
            codec=SealedCodec(Key.unlock(crypto.split(db_path.read_bytes())[0], PASSPHRASE)),
            today=NOW.date(),
        ) as other:
            other.insert(
                "reasons", {"text": "from the other window", "category": None, "position": 9}
            )
            other.recode(SealedCodec(Key.new(new_passphrase)))
        app.show_others_writes()  # the window's look at the file
        await pilot.pause()
        assert isinstance(app.screen, LockScreen) and app.locked
        await type_passphrase(pilot, new_passphrase)
        await wait_until(pilot, lambda: not app.locked)
        add_reason(sealed_store, "written after the new passphrase", now=NOW)
    codec = SealedCodec(Key.unlock(crypto.split(db_path.read_bytes())[0], new_passphrase))
    texts = [doc["text"] for doc in codec.decode(db_path.read_bytes())["reasons"].values()]
    assert texts == [SECRET, "from the other window", "written after the new passphrase"]
