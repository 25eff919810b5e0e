"""Keys in the order they were typed: a key that moves things on is done before the next.

Textual hands a key to the focused widget's queue and goes on to the next key at
once, but what a key does often happens a few hops later. Tab and enter are
bindings, run only after the key has bubbled from the field up to the app; a
number picked on a list moves the focus by a message to the screen. A key typed
in that moment (a quick hand, a busy machine) was meanwhile handed to the widget
that had the focus before: after "1, Tab, 4" on the contact form the 4 became
the kind instead of the feeling, or landed in the time field; after a wrong
passphrase and enter, the next try was glued onto the wrong one and lost.

So after any key that is not plain text typed into a text field (and whenever
another screen has come up), the app holds the keys that follow until it has
settled: every widget with a message queued has handled it (a `call_later` to
each, as Textual's own pilot waits for a screen), again until a round finds
nothing queued anywhere (nor the message a widget took out of its queue to look
at), and a last round through the app and the screen on top, either of which may
be part-way through a handler that waits, finds nothing either. The focus, the
screen on top and the fields then stand where the key left them.

Letters typed into a field go straight on, as before: they move nothing, and a
frame per letter would slow a long letter down (500 characters typed at once took
4.3 s instead of 0.28 s when every key waited). After a key that moves things, the
next one waits about a millisecond on an idle machine.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widget import Widget

# Rounds that find the app still busy before the next key goes anyway: a key must never
# wait for ever behind something that keeps posting (each round lets every queue move on,
# so a key's own chain of messages, a few hops, is done in far fewer).
MOST_ROUNDS = 50
# A round whose answers have not all come by then (a widget removed with the call still
# in its queue, say) is given up, and the next key goes on: late, never lost.
ROUND_PATIENCE = 1.0  # seconds; a round takes about a millisecond

Typed = events.Key | events.Paste


def is_text(event: Typed, widget: Widget | None) -> bool:
    """Whether `event` is text that the focused `widget` takes as text (a letter into a
    field, a paste into it): Textual's own check, the one that keeps letters from bindings."""
    if widget is None:
        return False
    if isinstance(event, events.Paste):
        return widget.check_consume_key("a", "a")  # a widget that takes letters takes a paste
    return bool(event.character) and widget.check_consume_key(event.key, event.character)


def holds_something(pump: MessagePump) -> bool:
    """Whether `pump` has a message to handle: in its queue, or the one it took out to look
    at while handling the last (Textual does, to merge messages that replace each other)."""
    return bool(pump.message_queue_size) or getattr(pump, "_pending_message", None) is not None


class KeyOrder:
    """Passes the keys and pastes of `app` to `deliver` (Textual's own handling), each
    one after everything the keys before it set off has been handled."""

    def __init__(self, app: App[Any], deliver: Callable[[Typed], Awaitable[None]]) -> None:
        self._app = app
        self._deliver = deliver
        self._waiting: deque[Typed] = deque()
        self._settling = False
        self._screen: Screen[Any] | None = None  # the one on top when the last key went
        self._rounds = 0
        self._round_id = 0
        self._patience: asyncio.TimerHandle | None = None

    async def take(self, event: Typed) -> None:
        """A key or paste from the terminal (called in the app's task)."""
        self._waiting.append(event)
        if self._settling:
            return
        if self._top() is not self._screen:
            self._settle()  # a screen that came up by itself may still be getting ready
            return
        await self._pass_on()

    async def _pass_on(self) -> None:
        """In the app's task: the waiting keys go on, up to one that moves things."""
        while self._waiting and not self._settling:
            event = self._waiting.popleft()
            app = self._app
            plain = is_text(event, app.focused)
            self._screen = self._top()
            await self._deliver(event)
            if not plain:
                self._settle()

    def _settle(self) -> None:
        self._settling = True
        self._rounds = 0
        self._round(confirm=False)

    def _top(self) -> Screen[Any] | None:
        stack = self._app.screen_stack
        return stack[-1] if stack else None

    def _pumps(self) -> list[MessagePump]:
        app = self._app
        return [
            app,
            *(node for screen in app.screen_stack for node in screen.walk_children(with_self=True)),
        ]

    def _round(self, confirm: bool) -> None:
        """Ask every pump holding a message to call back once it has handled it; to `confirm`
        a round that found nothing, ask the app and the screen on top as well (part-way
        through a handler that waits for new widgets to be mounted, say, they hold nothing)."""
        self._round_id += 1
        this_round = self._round_id
        app = self._app
        pumps = self._pumps()
        asked = [p for p in pumps if holds_something(p)]
        if confirm:
            asked = [app, *app.screen_stack[-1:], *asked]
        left = 0

        def through() -> None:
            nonlocal left
            left -= 1
            if left == 0 and this_round == self._round_id:
                self._round_done(pumps, confirm)

        for pump in dict.fromkeys(asked):
            if pump.call_later(through):
                left += 1
        if left == 0:
            if confirm:  # the app is closing: nothing takes a key any more
                self._waiting.clear()
                self._settling = False
            else:
                self._round(confirm=True)
            return
        self._watch(this_round, pumps)

    def _watch(self, this_round: int, pumps: list[MessagePump]) -> None:
        if self._patience is not None:
            self._patience.cancel()

        def given_up() -> None:
            if this_round == self._round_id and self._settling:
                self._round_id += 1  # its answers still to come count for nothing
                self._round_done(pumps, confirmed=True, patient=False)

        self._patience = asyncio.get_running_loop().call_later(ROUND_PATIENCE, given_up)

    def _round_done(self, pumps: list[MessagePump], confirmed: bool, patient: bool = True) -> None:
        if self._patience is not None:
            self._patience.cancel()
            self._patience = None
        now = self._pumps()
        moved = len(now) != len(pumps) or any(a is not b for a, b in zip(now, pumps, strict=True))
        busy = moved or any(holds_something(pump) for pump in now)
        if patient and (busy or not confirmed) and self._rounds < MOST_ROUNDS:
            self._rounds += 1
            self._round(confirm=not busy)
            return
        self._settling = False
        self._screen = self._top()
        if self._waiting and not self._app.call_later(self._pass_on):
            self._waiting.clear()
