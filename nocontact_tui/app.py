"""The app shell: global keys, navigation between screens, saving on every way out."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from nocontact_tui.domain.clock import Clock
from nocontact_tui.domain.settings import IDLE_LOCK_MINUTES, Settings, read_settings, set_theme
from nocontact_tui.journal.errors import DataFileError, NoContactError
from nocontact_tui.journal.storage import file_is_sealed
from nocontact_tui.journal.store import Store
from nocontact_tui.key_order import KeyOrder, Typed
from nocontact_tui.screens import SCREENS as SCREENS
from nocontact_tui.screens import screen_class as screen_class
from nocontact_tui.screens.dialogs.ask_line import AskLine
from nocontact_tui.terminal_title import neutral_terminal_title
from nocontact_tui.texts import line
from nocontact_tui.widgets.safe_text import DropControls

if TYPE_CHECKING:
    from nocontact_tui.domain.status import Status
    from nocontact_tui.journal.crypto import Key
    from nocontact_tui.screens.contact import FormState

Flusher = Callable[[], object]  # what it returns is not used
IDLE_POLL_SECONDS = 5.0
# How often a window looks whether another window or a shell command wrote to the journal
# (one stat of the file); Home and the streak view then show it without a key.
OTHERS_POLL_SECONDS = 2.0
# While the lock or the cover is up, only these of the app's actions work.
# Help too: where to find support must never sit behind a passphrase.
ACTIONS_WHEN_LOCKED = {"quit", "quit_or_copy", "cover", "help"}


@runtime_checkable
class HoldsSession(Protocol):
    """A screen that runs something no key should end by accident (the urge surf)."""

    @property
    def session_live(self) -> bool: ...

    def end_session_by_choice(self) -> None:
        """The person said to end it: record it as stopped early, by them."""

    def session_notice(self, typing: bool = False) -> str:
        """One short line for other screens' footers: it is still running, and the way back
        (`typing`: the screen in front takes `u` as a letter, so the way is escape first)."""


class NoContactApp(App[int]):
    TITLE = "notes"  # neutral on purpose: the window title should not say what this is
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("h", "go('home')", "Home", show=False),  # escape gets there too; room for the rest
        Binding("u", "go('urge')", "Urge"),
        Binding("r", "go('reasons')", "Reasons"),
        Binding("l", "go('letters')", "Letters"),
        Binding("s", "go('streak')", "Streak"),
        Binding("d", "go('review')", "Review"),
        Binding("c", "go('contact')", "Contact"),
        Binding("t", "go('traps')", "Traps"),
        Binding("o", "go('settings')", "Settings", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("f1", "help", "Help", show=False),  # where a text field takes "?" as a letter
        Binding("escape", "back", "Back", show=False),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("ctrl+c", "quit_or_copy", "Quit", show=False, priority=True),
        Binding("ctrl+backslash", "cover", "Cover the screen", show=False, priority=True),
    ]

    def __init__(self, store: Store, clock: Clock | None = None, start: str = "home") -> None:
        super().__init__()
        # Text from the journal is drawn as text: no stored escape sequence reaches the terminal.
        self._filters.append(DropControls())
        self.store = store
        self.clock = clock or Clock()
        self.start = start if start in SCREENS else "home"
        self._flushers: dict[str, Flusher] = {}
        # Words typed that no flusher can save (a contact note without its kind, say):
        # closing the app asks before they go.
        self._at_risk: dict[str, tuple[Callable[[], bool], str]] = {}
        self._reason_turn = 0
        self.first_run_offered = False  # asked once a session; escape means "later"
        # Kept between visits to a screen, for this session only (never written to disk):
        # a new contact's form left unsaved another way than escape ...
        self.contact_draft: FormState | None = None
        # ... and the reviews begun and not saved, by day (ISO date; the review screen's drafts).
        self.review_drafts: dict[str, object] = {}
        # Printed by run_app on the restored terminal after the app has closed.
        self.unusable_journal: NoContactError | None = None
        self.locked = False  # the lock screen is up: nothing of the journal is on screen
        self.covered = False  # the panic key's cover is up
        self._rekeying = False  # the lock screen asks for a passphrase changed elsewhere
        self._told_unreadable = ""  # an unreadable journal is said once, not every 2 s
        self._last_key = self.clock.monotonic()
        self._key_order = KeyOrder(self, self._take_typed)

    # -- state the screens share -------------------------------------------------------

    @property
    def settings(self) -> Settings:
        return read_settings(self.store)

    def status(self) -> Status:
        # Imported here: the urge check-in draws before anything needs the streak.
        from nocontact_tui.domain.status import compute_status

        return compute_status(self.store, self.clock.now(), self.clock.tz)

    def next_reason_turn(self) -> int:
        self._reason_turn += 1
        return self._reason_turn

    # -- the theme: remembered in the journal -------------------------------------------

    _theme_read = False  # the stored theme has been applied; from now on a new one is saved

    def apply_stored_theme(self) -> None:
        """Show the theme the person chose, once the journal can be read."""
        try:
            chosen = self.settings.theme
        except NoContactError:
            return  # the screen that reads the journal next says what is wrong
        if chosen and chosen in self.available_themes:  # one from elsewhere is left alone
            self.theme = chosen
        self._theme_read = True

    def watch_theme(self, name: str) -> None:
        """A theme picked anywhere (the settings screen, Textual's own theme list) is kept."""
        if not self._theme_read or self.locked or not self.store.writable:
            return
        if self.settings.theme != name:
            self.save(lambda: set_theme(self.store, name, self.available_themes))

    def choose_theme(self, name: str) -> bool:
        """Show `name` and remember it; False (and a calm note) when it could not be saved."""
        if not self.save(lambda: set_theme(self.store, name, self.available_themes)):
            return False
        self.theme = name
        return True

    def save(self, write: Callable[[], object]) -> bool:
        """Run a store write; on failure tell the user calmly and keep going."""
        try:
            write()
        except NoContactError as exc:
            self.notify(exc.text, severity="error", timeout=10)
            return False
        return True

    # -- saving on every way out ------------------------------------------------------

    def register_flusher(self, key: str, flush: Flusher) -> None:
        """`flush` saves something kept in app state (a draft); it runs on every way out."""
        self._flushers[key] = flush

    def unregister_flusher(self, key: str) -> None:
        self._flushers.pop(key, None)

    def register_at_risk(self, key: str, check: Callable[[], bool], question: str) -> None:
        """`check` says whether typed words would be lost on quitting (nothing can save them);
        quitting then asks `question` first."""
        self._at_risk[key] = (check, question)

    def unregister_at_risk(self, key: str) -> None:
        self._at_risk.pop(key, None)

    def words_at_risk(self) -> str | None:
        """The question to ask before quitting, when typed words would be lost."""
        for check, question in list(self._at_risk.values()):
            if check():
                return question
        return None

    def flush_all(self) -> None:
        for flush in list(self._flushers.values()):
            try:
                flush()
            except Exception as exc:  # one failing draft must not stop the others
                with contextlib.suppress(Exception):
                    self.notify(str(exc), severity="error")
        if self.store.unsaved and self.store.writable:
            with contextlib.suppress(NoContactError):
                self.store.save()

    def _install_signal_handlers(self) -> None:
        # Textual dies on SIGTERM/SIGHUP without unmounting anything; save first, then exit.
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self._exit_on_signal, sig)

    def _exit_on_signal(self, signum: int = signal.SIGTERM) -> None:
        self.flush_all()
        if signum == signal.SIGHUP and not self.is_headless:
            # The terminal is gone. Linux sends SIGCONT with the hangup, Textual then starts a
            # second output thread that dies writing to the dead terminal, and its shutdown
            # blocks for ever while this process still holds the journal's lock. Everything
            # is saved by now and there is no screen to restore: leave at once.
            self.store.close()
            os._exit(0)
        self.exit(0)

    # -- lifecycle ----------------------------------------------------------------------

    def on_mount(self) -> None:
        self._install_signal_handlers()
        self.set_interval(IDLE_POLL_SECONDS, self.check_idle_lock)
        self.set_interval(OTHERS_POLL_SECONDS, self.show_others_writes)
        if file_is_sealed(self.store.path) and not self.store.codec.sealed:
            self._lock_at_start()
        else:
            self._open_start()

    def _open_start(self) -> None:
        # `nocontact urge` starts on the urge screen alone: home is built only when the
        # user goes there, so the first frame is the check-in and nothing else.
        first = self.build_screen(self.start) if self.start != "home" else None
        if first is None or self.store.loaded:
            self.apply_stored_theme()  # home reads the journal for its first frame anyway
        else:
            # The check-in needs no journal: it is drawn first, then the theme follows.
            self.call_after_refresh(self.apply_stored_theme)
        self.push_screen(first if first is not None else self._home())
        if not self.store.writable:
            self.notify(
                line("messages", "read_only_notice", reason=self.store.read_only_reason), timeout=10
            )

    # -- the lock, the idle lock and the cover ----------------------------------------

    def _lock_at_start(self) -> None:
        from nocontact_tui.journal.crypto import journal_header
        from nocontact_tui.screens.lock import LockScreen

        try:
            header = journal_header(self.store.path)
        except DataFileError as exc:
            self._handle_exception(exc)
            return
        self.locked = True
        self.push_screen(LockScreen(header=header))

    def lock_app(self) -> None:
        """Save everything, then put the lock screen over whatever was showing."""
        from nocontact_tui.journal.crypto import SealedCodec
        from nocontact_tui.screens.lock import LockScreen

        if self.locked:
            return
        self.flush_all()
        codec = self.store.codec
        key = codec.key if isinstance(codec, SealedCodec) else None
        self.locked = True
        self.push_screen(LockScreen(key=key, idle_minutes=self.settings.idle_lock_minutes))

    def unlock_app(self, key: Key | None) -> None:
        """Called by the lock screen once the passphrase is right (or, unencrypted, on enter)."""
        self.locked = False
        self._last_key = self.clock.monotonic()
        if self._rekeying and key is not None:
            from nocontact_tui.journal.crypto import SealedCodec

            # The passphrase another window chose: read the journal through its key.
            self._rekeying = False
            old = self.store.codec
            self.store.codec = SealedCodec(key)
            self.pop_screen()
            try:
                self.store.refresh()
            except NoContactError as exc:
                self.store.codec = old
                self.notify(exc.text, severity="error", timeout=15)
            return
        if not self.store.codec.sealed and key is not None:
            from nocontact_tui.journal.crypto import SealedCodec

            # The start: from now on the journal is read and written through this key.
            self.store.codec = SealedCodec(key)
            self.pop_screen()
            self._open_start()
            return
        self.pop_screen()

    def too_many_tries(self) -> None:
        from nocontact_tui.journal.crypto import WrongPassphraseError

        self.flush_all()
        self.unusable_journal = WrongPassphraseError(line("messages", "passphrase_too_many"))
        self.exit(return_code=self.unusable_journal.exit_code)

    def check_idle_lock(self) -> None:
        """Lock once the idle time has passed without a key (the setting is off by default)."""
        if self.locked or not self.store.loaded:
            return
        minutes = self.settings.idle_lock_minutes
        if minutes and self.clock.monotonic() - self._last_key >= minutes * 60:
            self.lock_app()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._last_key = self.clock.monotonic()
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            # From the terminal: each goes on once the app is done with the ones before it.
            await self._key_order.take(event)
            return
        await super().on_event(event)

    async def _take_typed(self, event: Typed) -> None:
        await super().on_event(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if isinstance(self.screen, AskLine):
            return action == "cover"  # every other key answers the question: stay
        if self.covered:  # the cover shows nothing at all, help included, until a key
            return action in ACTIONS_WHEN_LOCKED - {"help"}
        return action in ACTIONS_WHEN_LOCKED or not self.locked

    def action_cover(self) -> None:
        """The panic key: an empty screen at once, until any key is pressed."""
        from nocontact_tui.screens.lock import CoverScreen

        if self.covered:
            if isinstance(self.screen, CoverScreen):
                self.screen.dismiss(None)
            return

        def uncovered(_: None) -> None:
            self.covered = False
            self._last_key = self.clock.monotonic()

        self.covered = True
        self.push_screen(CoverScreen(), uncovered)

    def toggle_idle_lock(self) -> None:
        minutes = 0 if self.settings.idle_lock_minutes else IDLE_LOCK_MINUTES
        if self.save(lambda: self.store.update_meta({"idle_lock_minutes": minutes})):
            text = (
                line("messages", "idle_lock_on", minutes=minutes)
                if minutes
                else line("messages", "idle_lock_off")
            )
            if minutes and not self.store.codec.sealed:
                text += "\n" + line("messages", "idle_lock_plain_note")
            self.notify(text, timeout=8)

    def _handle_exception(self, error: Exception) -> None:
        if isinstance(error, DataFileError):
            # The journal turned out to be unusable when it was first read: leave
            # without touching it; run_app prints the message on the restored terminal.
            self.unusable_journal = error
            self.exit(return_code=error.exit_code)
            return
        if isinstance(error, NoContactError):
            # A failed write that a screen did not catch: say so, keep everything in memory.
            self.notify(error.text, severity="error", timeout=10)
            return
        super()._handle_exception(error)

    def on_unmount(self) -> None:
        self.flush_all()

    # -- navigation ---------------------------------------------------------------------

    def build_screen(
        self, name: str, arguments: Mapping[str, object] | None = None, screen_id: str | None = None
    ) -> Screen:
        """The screen called `name`; `arguments` go to its constructor (what to open on it)."""
        # Each screen's constructor takes its own keywords (open_letter=, open_trap=, ...).
        build: Callable[..., Screen] = screen_class(name)
        screen = build(**(arguments or {}))
        screen.id = screen_id or name
        return screen

    def _home(self) -> Screen:
        return self.build_screen("home")

    def _to_bottom(self) -> None:
        """Close everything above the bottom screen (home, or the screen the app began on)."""
        while len(self.screen_stack) > 2:
            self.pop_screen()

    # -- a session that keeps running under other screens ----------------------------

    def live_session(self) -> HoldsSession | None:
        """The screen whose session is running (rated, no outcome yet), if any."""
        for screen in self.screen_stack:
            if isinstance(screen, HoldsSession) and screen.session_live:
                return screen
        return None

    def footer_notice(self) -> str | None:
        """What the footer of every other screen says while a session runs underneath."""
        live = self.live_session()
        if live is None or live is self.screen:
            return None
        focused = self.focused
        typing = bool(getattr(self.screen, "letters_are_text", False)) or (
            focused is not None and focused.check_consume_key("u", "u")
        )
        return live.session_notice(typing)

    def refresh_footer_notice(self) -> None:
        """Repaint the notice on the screen in front (the time in it moves every second)."""
        from nocontact_tui.widgets.footer import KeysFooter

        for footer in self.screen.query(KeysFooter):
            footer.refresh_notice()

    def _pop_to(self, screen: object) -> None:
        while self.screen is not screen and len(self.screen_stack) > 2:
            self.pop_screen()

    def _go_over_session(self, live: HoldsSession, name: str, **arguments: object) -> None:
        """While a session runs, another screen opens over it, never in its place.

        Only the screen being read sits on the surf: going from Reasons to Traps closes
        Reasons first, so escape (or `u`) always lands back on the running session.
        """
        if name == "urge":
            self._pop_to(live)
            return
        if self.screen.id in (name, f"{name}-over") and self.screen is not live and not arguments:
            return
        # Screen ids are unique in the app, and a closed screen keeps its id until it is
        # taken down: home may be the bottom screen, and the one asked for may be closing.
        taken = {screen.id for screen in self.screen_stack}
        screen_id = next(i for i in (name, f"{name}-over", f"{name}-again") if i not in taken)
        self._pop_to(live)
        self.push_screen(self.build_screen(name, arguments, screen_id))

    def read_others_writes(self) -> None:
        """Another window or a shell command may have written: read the journal again
        (only if the file changed) before a screen is shown."""
        if not self.store.loaded or self.locked:
            return
        try:
            self.store.refresh()
        except DataFileError as exc:
            if file_is_sealed(self.store.path) and self.store.codec.sealed:
                # Another window changed the passphrase: ask for it, as at the start.
                # Everything here stays in memory meanwhile; nothing is written.
                self.ask_passphrase_again()
            elif exc.text != self._told_unreadable:
                self._told_unreadable = exc.text  # once, not at every look at the file
                self.notify(exc.text, severity="error", timeout=15)
        except NoContactError as exc:
            self.notify(exc.text, severity="error", timeout=10)

    def ask_passphrase_again(self) -> None:
        from nocontact_tui.journal.crypto import journal_header
        from nocontact_tui.screens.lock import LockScreen

        try:
            header = journal_header(self.store.path)
        except DataFileError as exc:
            self.notify(exc.text, severity="error", timeout=15)
            return
        self.locked = True
        self._rekeying = True
        self.push_screen(LockScreen(header=header))

    def show_others_writes(self) -> None:
        """A contact logged from the shell appears on an open Home, say, within seconds."""
        if not self.store.loaded or self.locked or not self.store.changed_elsewhere():
            return
        self.read_others_writes()
        redraw = getattr(self.screen, "refresh_view", None)
        if callable(redraw):
            redraw()

    def action_go(self, name: str) -> None:
        self.go(name)

    def go(self, name: str, **arguments: object) -> None:
        """Open the screen called `name`; `arguments` go to its constructor, e.g.
        `go("letters", open_letter=7)` opens the letters list on letter 7.

        A screen asked for with arguments while it is open (in front, under others, or at
        the bottom) is opened afresh, so that it shows what was asked for."""
        self.read_others_writes()
        live = self.live_session()
        if live is not None:
            self._go_over_session(live, name, **arguments)
            return
        if self.screen.id == name and not arguments:
            return
        if not arguments and len(self.screen_stack) > 1 and self.screen_stack[1].id == name:
            self._to_bottom()  # it is the bottom screen: everything over it closes
            return
        target = self._home() if name == "home" else self.build_screen(name, arguments)
        if any(screen.id == name for screen in self.screen_stack[1:]):
            # Screen ids are unique in the app: the open one must be gone before the new
            # one comes, and a closed screen is taken down after the key that closed it.
            self.call_next(self._reopen, target)
            return
        self._to_bottom()
        if self.screen.id == "home":
            self.push_screen(target)
        else:
            self.switch_screen(target)  # the app began elsewhere: home takes its place

    async def _reopen(self, target: Screen) -> None:
        """Close everything down to the bottom screen, waiting until each is gone, then
        open `target` (a screen with its id was among them, or is the bottom screen)."""
        while len(self.screen_stack) > 2:
            await self.pop_screen()
        if self.screen.id == target.id:
            await self.switch_screen(self._home())  # the bottom screen itself: home first
        if self.screen.id == "home":
            await self.push_screen(target)
        else:
            await self.switch_screen(target)

    # Textual's own is a coroutine; this one is plain on purpose, so that a screen can call
    # it as a step of its own action (Textual runs an action either way).
    def action_back(self) -> None:  # type: ignore[override]
        self.read_others_writes()
        if len(self.screen_stack) > 2:
            self.pop_screen()
        elif self.screen.id != "home":
            self.switch_screen(self._home())

    def action_help(self) -> None:
        from nocontact_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        live = self.live_session()
        at_risk = self.words_at_risk()
        if live is None and at_risk is not None:

            def leave_them(yes: bool | None) -> None:
                if yes:
                    self.flush_all()
                    self.exit(0)

            question = AskLine(
                at_risk,
                yes=line("messages", "quit_at_risk_yes"),
                other=line("messages", "quit_at_risk_other"),
            )
            self.push_screen(question, leave_them)
            return
        if live is None:
            self.flush_all()
            self.exit(0)
            return

        def answered(end: bool | None) -> None:
            if end:
                live.end_session_by_choice()
                self.flush_all()
                self.exit(0)

        # A session is running: closing would end it, so ask once (staying is the default).
        self.push_screen(AskLine(line("messages", "urge_end_and_close")), answered)

    async def action_quit_or_copy(self) -> None:
        """Ctrl+C copies a selection when there is one; otherwise it saves and quits."""
        focused = self.focused
        # Input and TextArea both have these; checked by name so that TextArea, a heavy
        # import, loads only with the letter editor.
        if (
            focused is not None
            and bool(getattr(focused, "selected_text", ""))
            and hasattr(focused, "action_copy")
        ):
            focused.action_copy()
            return
        selected = self.screen.get_selected_text()
        if selected:
            self.copy_to_clipboard(selected)
            return
        await self.action_quit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands (theme, keys, screenshot...) beside the app's."""
        from nocontact_tui.texts import load

        words = load("palette")
        screens, actions = words.get("screens", {}), words["actions"]
        for name, (_, _, title) in SCREENS.items():
            entry = screens.get(name, {})
            yield SystemCommand(
                entry.get("title", title), entry.get("help", ""), lambda n=name: self.action_go(n)
            )
        yield SystemCommand(actions["help_title"], actions["help_help"], self.action_help)
        if not self.locked:
            on = self.store.loaded and self.settings.idle_lock_minutes
            yield SystemCommand(
                actions["idle_lock_off_title" if on else "idle_lock_on_title"],
                actions["idle_lock_help"],
                self.toggle_idle_lock,
            )
            yield SystemCommand(actions["cover_title"], actions["cover_help"], self.action_cover)
        for command in super().get_system_commands(screen):
            if command.callback != self.action_quit:  # the app's own quit, below, says it saves
                yield command
        yield SystemCommand(actions["quit_title"], actions["quit_help"], self.action_quit)


def make_app(store: Store, clock: Clock | None = None, start: str = "home") -> NoContactApp:
    """The one way the CLI and the tests build the app."""
    return NoContactApp(store, clock=clock, start=start)


def run_app(path: Path, screen: str = "home") -> int:
    from nocontact_tui.journal.windows import window_open

    store = Store.open(path, lazy=True)  # never refused: the lock is held only while writing
    try:
        app = make_app(store, start=screen)
        with neutral_terminal_title(NoContactApp.TITLE), window_open(path):
            app.run()
    finally:
        store.close()
    if app.unusable_journal is not None:
        print(app.unusable_journal.text, file=sys.stderr)
        return app.unusable_journal.exit_code
    return app.return_code or 0
