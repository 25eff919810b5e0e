"""The optional four-day writing course, as plain state.

It follows the expressive-writing protocol: one session a day, 15 to 20
minutes, on four days in a row, each day with its own prompt. A missed day is
allowed (the next session simply follows); after the fourth session the course
ends, cleanly: nothing offers another one then. A new course can begin only from
its own action, and not until REST_DAYS after the last session: back-to-back
rounds of writing about the ex are the rumination the breakup-writing study warns
of, and what was written gets time to settle. The state is stored in the meta document as
`{"sessions": [{"day": "2026-11-21", "letter": 7}, ...]}`: which day each
session was written and which letter holds it.

Everything here is pure: `today` is the user's day, passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from nocontact_tui.journal.schema import COURSE_DAYS, is_course  # noqa: F401 (re-exported)

SESSION_SECONDS = 15 * 60  # the quiet "time is up" note; never a hard stop
META_KEY = "course"
REST_DAYS = 7  # from the last session of a course to the first day a new one can begin

StepKind = Literal["begin", "next", "today", "finished", "again"]


@dataclass(frozen=True)
class Session:
    day: date
    letter_id: int | None = None


@dataclass(frozen=True)
class Course:
    sessions: tuple[Session, ...] = ()

    @property
    def started(self) -> bool:
        return bool(self.sessions)

    @property
    def finished(self) -> bool:
        return len(self.sessions) >= COURSE_DAYS


@dataclass(frozen=True)
class Step:
    """What pressing `w` means today.

    - begin: no course yet; session 1 starts now.
    - next: session `number` starts now; `missed_days` were skipped since the last one.
    - today: today's session (`number`) is already under way; reopen `letter_id`.
    - finished: all four are done; the course has ended. A new one can begin on `opens_on`.
    - again: all four are done and the rest is over: a new course can begin (session 1).
    """

    kind: StepKind
    number: int
    letter_id: int | None = None
    missed_days: int = 0
    opens_on: date | None = None


def next_step(course: Course, today: date) -> Step:
    if not course.sessions:
        return Step("begin", 1)
    last = course.sessions[-1]
    # A clock that moved backwards lands on "today" too: never two sessions for one day.
    if last.day >= today:
        return Step("today", len(course.sessions), letter_id=last.letter_id)
    if course.finished:
        opens_on = last.day + timedelta(days=REST_DAYS)
        if today < opens_on:
            return Step("finished", COURSE_DAYS, opens_on=opens_on)
        return Step("again", 1)
    return Step("next", len(course.sessions) + 1, missed_days=(today - last.day).days - 1)


def record_session(course: Course, today: date, letter_id: int) -> Course:
    """The course with today's session added. Raises ValueError if today has no session to start."""
    step = next_step(course, today)
    if step.kind not in ("begin", "next"):
        raise ValueError(f"no session to start on {today}: {step.kind}")
    return Course(course.sessions + (Session(today, letter_id),))


def restart(course: Course, today: date) -> Course:
    """A new, empty course, once the last one is over and rested. Raises ValueError before."""
    step = next_step(course, today)
    if step.kind != "again":
        raise ValueError(f"no new course on {today}: {step.kind}")
    return Course()


def minutes_written(elapsed_seconds: float) -> int:
    return max(0, int(elapsed_seconds // 60))


def time_is_up(elapsed_seconds: float) -> bool:
    return elapsed_seconds >= SESSION_SECONDS


# -- stored form -----------------------------------------------------------------------


def from_meta(meta: dict[str, Any]) -> Course:
    stored = meta.get(META_KEY)
    if not stored:
        return Course()
    return Course(
        tuple(
            Session(date.fromisoformat(item["day"]), item.get("letter"))
            for item in stored["sessions"]
        )
    )


def to_meta(course: Course) -> dict[str, Any]:
    return {
        META_KEY: {
            "sessions": [{"day": s.day.isoformat(), "letter": s.letter_id} for s in course.sessions]
        }
    }
