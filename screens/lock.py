"""The lock screen: before anything else when the journal is encrypted, and after idle time.

Nothing of the journal is on screen while it shows. The passphrase is checked in
a thread (scrypt takes about half a second on purpose), so the screen stays calm
and responsive; three wrong tries close the app without changing anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from nocontact_tui.screens.base import AppScreen
from textual import events, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from nocontact_tui.journal.crypto import Key, WrongPassphraseError
from nocontact_tui.journal.passphrase import TRIES
from nocontact_tui.texts import line
from nocontact_tui.widgets.line_input import LineInput

if TYPE_CHECKING:
    from nocontact_tui.journal.crypto import Header


class LockScreen(AppScreen[None]):
    """Asks for the passphrase (`header` at start, `key` when relocking) or, on a plain
    journal, only covers the screen until enter."""

    CSS_PATH = "lock.tcss"
    AUTO_FOCUS = "#passphrase"

    @dataclass
    class Checked(Message):
        """The thread's answer: the key when the passphrase opened the journal."""

        key: Key | None

    def __init__(
        self, *, header: Header | None = None, key: Key | None = None, idle_minutes: int = 0
    ) -> None:
        super().__init__()
        self.header = header
        self.key = key
        self.idle_minutes = idle_minutes
        self.wrong = 0
        self.checking = False
        self.enter_waiting = False

    @property
    def asks(self) -> bool:
        return self.header is not None or self.key is not None

    def compose(self) -> ComposeResult:
        kind = "start" if self.header is not None else "idle" if self.asks else "idle_plain"
        with Vertical(id="lock"):
            title = "title_one" if kind != "start" and self.idle_minutes == 1 else "title"
            yield Static(line("lock", kind, title, minutes=self.idle_minutes), id="title")
            yield Static(line("lock", kind, "prompt"), id="prompt")
            if self.asks:
                yield LineInput(password=True, id="passphrase", max_length=1024)
            yield Static("", id="problem")
            if self.asks:
                yield Static(line("lock", "check", "lost"), id="lost", classes="muted")
        yield Static(line("lock", "keys", "line" if self.asks else "line_plain"), id="keys")

    def on_key(self, event: events.Key) -> None:
        # Nothing typed here may reach the screens underneath or the app's keys.
        if not self.asks:
            event.stop()
            event.prevent_default()
            if event.key == "enter":
                self.app.unlock_app(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter is the field's own (not a priority binding of the screen's), so it is
        # handled after every character typed before it, however busy the machine is.
        event.stop()
        self.try_passphrase()

    def try_passphrase(self) -> None:
        if self.checking:
            # Typed ahead while the last try is checked: this one follows if that one fails.
            self.enter_waiting = True
            return
        field = self.query_one("#passphrase", Input)
        passphrase = field.value
        if not passphrase:
            return  # an enter pressed too soon is not a wrong try
        field.value = ""
        self.checking = True
        self.query_one("#problem", Static).update(line("lock", "check", "opening"))
        self.check(passphrase)

    @work(thread=True, exclusive=True)
    def check(self, passphrase: str) -> None:
        if self.header is not None:
            try:
                key: Key | None = Key.unlock(self.header, passphrase)
            except WrongPassphraseError:
                key = None
        else:
            assert self.key is not None
            key = self.key if self.key.matches(passphrase) else None
        self.post_message(self.Checked(key))

    def on_lock_screen_checked(self, message: Checked) -> None:
        self.checking = False
        if message.key is not None:
            self.enter_waiting = False
            self.app.unlock_app(message.key)
            return
        self.wrong += 1
        left = TRIES - self.wrong
        if left <= 0:
            self.app.too_many_tries()
            return
        text = (
            line("lock", "check", "wrong_last")
            if left == 1
            else line("lock", "check", "wrong", left=left)
        )
        self.query_one("#problem", Static).update(text)
        if self.enter_waiting:
            self.enter_waiting = False
            self.try_passphrase()


class CoverScreen(AppScreen[None]):
    """The panic key's neutral view: an empty screen until any key is pressed."""

    CSS_PATH = "lock.tcss"

    def compose(self) -> ComposeResult:
        yield Static("", id="cover")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss(None)
