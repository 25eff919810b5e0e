"""Time, passed in rather than read from the wall, so tests can freeze it."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, tzinfo


class Clock:
    """The real clock: aware local time, and a monotonic counter for timers."""

    tz: tzinfo | None = None

    def now(self) -> datetime:
        return datetime.now(self.tz).astimezone(self.tz)

    def monotonic(self) -> float:
        return time.monotonic()


class FrozenClock(Clock):
    """A clock that moves only when told to."""

    def __init__(self, current: datetime, tz: tzinfo | None = None) -> None:
        self.current = current
        self.tz = tz
        self._mono = 1000.0

    def now(self) -> datetime:
        return self.current.astimezone(self.tz) if self.tz else self.current

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)
        self._mono += seconds
