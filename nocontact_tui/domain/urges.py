"""Urge surfing: the session's state machine, the saved log, and the evidence drawn from it.

A session moves check-in (rate, trap, say) -> surf -> land (last rating, outcome)
-> done. It keeps no clock of its own: every method that depends on time takes
`t`, a reading of a monotonic clock, so a test can drive it with plain numbers
and the screen with `app.clock.monotonic()`.

Ratings are `[seconds, 0..10]`, where seconds are timer seconds since surfing
began (pauses excluded; the check-in rating is at 0). The duration of an urge is
wall time from `started_at` (the first rating) to `ended_at` (the outcome).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, NamedTuple

from nocontact_tui.domain.cleaning import one_line
from nocontact_tui.domain.contacts import Contact
from nocontact_tui.domain.settings import DEFAULT_URGE_MINUTES
from nocontact_tui.domain.traps import Trap
from nocontact_tui.journal.errors import NoContactError
from nocontact_tui.journal.store import Store
from nocontact_tui.texts import line, load

TABLE = "urges"
RATE_EVERY = 120  # seconds of surfing between two "how strong is it now?" questions
MIN_MINUTES = 1
MAX_MINUTES = 120  # the bound schema.py puts on urge_minutes
KEEP_GOING_MINUTES = 5  # what "keep going" adds when the timer ends and the urge is still strong
MAX_SAY = 4000  # characters kept from step 1; a letter can hold the rest
BREATH_IN = 4.0
BREATH_OUT = 6.0  # 4 + 6 seconds: six breaths a minute
ENOUGH_URGES = 3  # finished urges before the evidence says anything
FELT_WORSE = 4  # felt_after 4 or 5 ("stirred up") counts as worse

# The outcomes of a landed session. "reached_someone": they reached someone on their own
# list of people instead; recorded as such and counted as riding it out in every figure.
CONTACT_OUTCOMES = ("surfed", "wrote_letter", "reached_someone", "made_contact")
RODE_IT_OUT = ("surfed", "wrote_letter", "reached_someone")  # the urge passed without contact


class Step(StrEnum):
    RATE = "rate"  # check-in: how strong is the urge
    TRAP = "trap"  # check-in: what is pulling you
    SAY = "say"  # check-in: what the urge asks for, what they need (kept as `say`)
    SURF = "surf"
    LAND_RATE = "land-rate"  # one last rating
    OUTCOME = "outcome"
    CONTACT_KIND = "contact-kind"  # made contact: which kind
    CONTACT_FELT = "contact-felt"  # made contact: how it left you, 1-5
    DONE = "done"


PHASES = {
    Step.RATE: "checkin",
    Step.TRAP: "checkin",
    Step.SAY: "checkin",
    Step.SURF: "surf",
    Step.LAND_RATE: "land",
    Step.OUTCOME: "land",
    Step.CONTACT_KIND: "land",
    Step.CONTACT_FELT: "land",
    Step.DONE: "land",
}


@dataclass
class UrgeSession:
    """One urge, from the first rating to the outcome. Plain state; the screen saves it."""

    minutes: int = DEFAULT_URGE_MINUTES
    step: Step = Step.RATE
    ratings: list[tuple[int, int]] = field(default_factory=list)
    trigger: str | None = None
    say: str = ""
    outcome: str | None = None
    contact_kind: str | None = None
    felt_after: int | None = None
    paused: bool = False
    started_at: datetime | None = None
    ended_at: datetime | None = None
    urge_id: int | None = None  # the saved document, once there is one
    interrupted: bool = False  # closed from outside (a signal, the terminal): no outcome chosen
    timed_out: bool = False  # the timer ran out (not "finish now"): keeping going is offered
    _banked: float = 0.0  # timer seconds from stretches that have ended (pauses split them)
    _run_from: float | None = None  # monotonic reading when the running stretch began
    _next_rating: int = RATE_EVERY

    def __post_init__(self) -> None:
        self.minutes = clamp_minutes(self.minutes)

    # -- reading the state -----------------------------------------------------------

    @property
    def phase(self) -> str:
        return PHASES[self.step]

    @property
    def done(self) -> bool:
        return self.step is Step.DONE

    @property
    def live(self) -> bool:
        """Something was rated and no outcome yet: leaving now would end it early."""
        return bool(self.ratings) and not self.done

    def elapsed(self, t: float) -> float:
        """Timer seconds surfed so far (pauses excluded), never past the planned end."""
        running = max(0.0, t - self._run_from) if self._run_from is not None else 0.0
        return min(self._banked + running, self.minutes * 60.0)

    def remaining(self, t: float) -> float:
        return max(0.0, self.minutes * 60 - self.elapsed(t))

    def rating_due(self, t: float) -> bool:
        return self.step is Step.SURF and self.elapsed(t) >= self._next_rating

    @property
    def first_rating(self) -> int | None:
        return self.ratings[0][1] if self.ratings else None

    @property
    def last_rating(self) -> int | None:
        return self.ratings[-1][1] if self.ratings else None

    # -- check-in --------------------------------------------------------------------

    def rate(self, value: int, t: float) -> bool:
        """A rating 0..10 given now; returns whether it was taken."""
        if not 0 <= value <= 10:
            return False
        if self.step is Step.RATE:
            self.ratings.append((0, value))
            self.step = Step.TRAP
            return True
        if self.step is Step.SURF and self.rating_due(t):
            self._add_rating(self.elapsed(t), value)
            return True
        if self.step is Step.LAND_RATE:
            self._add_rating(self.elapsed(t), value)
            self.step = Step.OUTCOME
            return True
        return False

    def _add_rating(self, seconds: float, value: int) -> None:
        # A monotonic reading that went backwards must not rate before the last rating.
        if self.ratings:
            seconds = max(seconds, self.ratings[-1][0])
        self.ratings.append((int(seconds), value))
        self._next_rating = next_rating_after(seconds)

    def choose_trap(self, trap_id: str | None) -> bool:
        if self.step is not Step.TRAP:
            return False
        self.trigger = trap_id
        self.step = Step.SAY
        return True

    def start_surf(self, say: str, t: float) -> bool:
        if self.step is not Step.SAY:
            return False
        self.say = clean_say(say)
        self.step = Step.SURF
        self._run_from = t
        return True

    # -- surfing ---------------------------------------------------------------------

    def toggle_pause(self, t: float) -> bool:
        if self.step is not Step.SURF:
            return False
        if self.paused:
            self._run_from = t
        else:
            self._banked = self.elapsed(t)
            self._run_from = None
        self.paused = not self.paused
        return True

    def change_minutes(self, delta: int, t: float) -> bool:
        """`+`/`-`: never below the minute already running, never past MAX_MINUTES."""
        if self.step is not Step.SURF:
            return False
        floor = max(MIN_MINUTES, math.ceil(self.elapsed(t) / 60))
        minutes = min(MAX_MINUTES, max(floor, self.minutes + delta))
        changed = minutes != self.minutes
        self.minutes = minutes
        return changed

    def skip_rating(self, t: float) -> bool:
        if self.step is Step.SURF and self.rating_due(t):
            self._next_rating = next_rating_after(self.elapsed(t))
            return True
        if self.step is Step.LAND_RATE:
            self.step = Step.OUTCOME
            return True
        return False

    def tick(self, t: float) -> bool:
        """Called by the timer; returns True when time ran out and the session landed."""
        if self.step is Step.SURF and not self.paused and self.remaining(t) <= 0:
            self._stop(t, self.minutes * 60)
            self.timed_out = True
            return True
        return False

    def can_keep_going(self) -> bool:
        """At the last rating: after "finish now" (an enter pressed by mistake, say), or
        after the timer ran out with room left under MAX_MINUTES."""
        if self.step is not Step.LAND_RATE:
            return False
        return not self.timed_out or self.minutes < MAX_MINUTES

    def keep_going(self, t: float, minutes: int = KEEP_GOING_MINUTES) -> bool:
        """Back to the surf from the last rating. After a time-up (the urge still strong),
        with `minutes` more; after "finish now", where it stopped, nothing added.

        The timer runs on from where it stopped; the next "how strong is it now?"
        comes at the next two-minute mark.
        """
        if not self.can_keep_going() or minutes < 1:
            return False
        if self.timed_out:
            self.minutes = min(MAX_MINUTES, self.minutes + minutes)
        self.timed_out = False
        self.step = Step.SURF
        self._run_from = t
        self._next_rating = max(self._next_rating, next_rating_after(self._banked))
        return True

    def end_early(self, t: float) -> bool:
        if self.step is not Step.SURF:
            return False
        self._stop(t, None)
        return True

    def _stop(self, t: float, at: float | None) -> None:
        self._banked = self.elapsed(t) if at is None else min(at, self.elapsed(t))
        self._run_from = None
        self.paused = False
        self.step = Step.LAND_RATE

    # -- landing ---------------------------------------------------------------------

    def choose_outcome(self, outcome: str) -> bool:
        if self.step is not Step.OUTCOME:
            return False
        if outcome == "made_contact":
            self.step = Step.CONTACT_KIND
            return True
        if outcome not in (*RODE_IT_OUT, "abandoned"):
            return False
        self._finish(outcome)
        return True

    def choose_contact_kind(self, kind: str) -> bool:
        if self.step is not Step.CONTACT_KIND:
            return False
        self.contact_kind = kind
        self.step = Step.CONTACT_FELT
        return True

    def choose_felt(self, felt: int | None) -> bool:
        """How the contact left them, 1 calmer .. 5 stirred up, or None to skip."""
        if self.step is not Step.CONTACT_FELT or (felt is not None and not 1 <= felt <= 5):
            return False
        self.felt_after = felt
        self._finish("made_contact")
        return True

    def abandon(self, t: float) -> bool:
        """The person chose to stop here: keep what was rated, and say they stopped early.

        Before the first rating there is nothing to keep, and nothing is saved.
        """
        if not self.live:
            return False
        self._bank(t)
        self._finish("abandoned")
        return True

    def interrupt(self, t: float) -> bool:
        """Closed from outside (a signal, the terminal gone, the app told to exit).

        The session is kept as it stands: its ratings, its time, and no outcome, because
        nobody chose one. "Stopped early" is only ever the person's own choice (`abandon`).
        """
        if not self.live or self.interrupted:
            return False
        self._bank(t)
        self.interrupted = True
        return True

    def _bank(self, t: float) -> None:
        if self.step is Step.SURF:
            self._banked = self.elapsed(t)
            self._run_from = None

    def _finish(self, outcome: str) -> None:
        self.outcome = outcome
        self.step = Step.DONE

    # -- the saved document ----------------------------------------------------------

    def doc(self) -> dict[str, Any]:
        return {
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "trigger": self.trigger,
            "ratings": [[seconds, value] for seconds, value in self.ratings],
            "outcome": self.outcome,
            "say": self.say or None,
            "minutes": self.minutes,
        }


def clamp_minutes(minutes: int) -> int:
    return min(MAX_MINUTES, max(MIN_MINUTES, int(minutes)))


def next_rating_after(seconds: float) -> int:
    """The next two-minute mark strictly after `seconds`."""
    return (int(seconds) // RATE_EVERY + 1) * RATE_EVERY


def clean_say(text: str) -> str:
    """What they typed, without control characters, trimmed and bounded."""
    return one_line(text, MAX_SAY)


def save_session(store: Store, session: UrgeSession, now: datetime) -> int:
    """Write the whole session (insert the first time, update after); returns its id.

    Stamps `started_at` on the first save and `ended_at` on the first save after the
    outcome. A write that fails still leaves the document in memory: the id is kept
    so the next save updates it instead of adding a second copy.
    """
    if session.started_at is None:
        session.started_at = now
    if (session.done or session.interrupted) and session.ended_at is None:
        session.ended_at = max(now, session.started_at, key=datetime.timestamp)
    doc = session.doc()
    if session.urge_id is not None and store.get(TABLE, session.urge_id) is not None:
        store.update(TABLE, session.urge_id, doc)
        return session.urge_id
    try:
        session.urge_id = store.insert(TABLE, doc)
    except NoContactError:
        newest = max((doc_id for doc_id, _ in store.docs(TABLE)), default=None)
        if newest is not None and store.get(TABLE, newest) == doc:
            session.urge_id = newest
        raise
    return session.urge_id


# -- the log ---------------------------------------------------------------------------


# The values below are NamedTuples, not frozen dataclasses: a dataclass compiles its
# methods when the module loads (about a millisecond each), on the urge screen's way
# to its first frame.
class Urge(NamedTuple):
    id: int
    started_at: datetime
    ended_at: datetime | None = None
    trigger: str | None = None
    ratings: tuple[tuple[float, int], ...] = ()
    outcome: str | None = None
    note: str | None = None
    say: str | None = None
    minutes: int | None = None

    @property
    def minutes_taken(self) -> float | None:
        if self.ended_at is None:
            return None
        return max(0.0, (self.ended_at - self.started_at).total_seconds() / 60)


def list_urges(store: Store) -> list[Urge]:
    """Every logged urge, oldest first."""
    urges = [
        Urge(
            id=doc_id,
            started_at=datetime.fromisoformat(doc["started_at"]),
            ended_at=datetime.fromisoformat(doc["ended_at"]) if doc.get("ended_at") else None,
            trigger=doc.get("trigger"),
            ratings=tuple((r[0], r[1]) for r in doc.get("ratings") or ()),
            outcome=doc.get("outcome"),
            note=doc.get("note"),
            say=doc.get("say"),
            minutes=doc.get("minutes"),
        )
        for doc_id, doc in store.docs(TABLE)
    ]
    urges.sort(key=lambda u: u.started_at)
    return urges


def trigger_counts(urges: Iterable[Urge]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for urge in urges:
        if urge.trigger:
            counts[urge.trigger] = counts.get(urge.trigger, 0) + 1
    return counts


# -- evidence --------------------------------------------------------------------------


class Evidence(NamedTuple):
    """What the user's own log says about urges and contact."""

    finished: int = 0  # sessions that landed: rode it out, wrote a letter, or made contact
    surfed: int = 0  # of those, passed without contact
    median_minutes: float | None = None  # how long the surfed ones took
    median_first: float | None = None
    median_last: float | None = None
    median_drop: float | None = None  # the median of each urge's first minus last rating
    ended_in_contact: int = 0
    contacts_felt: int = 0  # contacts with felt_after noted
    contacts_worse: int = 0  # of those, felt_after >= FELT_WORSE
    rated: int = 0  # surfed urges rated at least twice: the ones a change of strength is read from

    @property
    def enough(self) -> bool:
        """Enough urges ridden out for a typical figure to mean something."""
        return self.surfed >= ENOUGH_URGES

    @property
    def contact_share(self) -> float | None:
        return self.ended_in_contact / self.finished if self.finished else None


def _median(values: Sequence[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def compute_evidence(urges: Iterable[Urge], contacts: Iterable[Contact]) -> Evidence:
    landed = [u for u in urges if u.outcome in CONTACT_OUTCOMES]
    surfed = [u for u in landed if u.outcome in RODE_IT_OUT]
    # A change of strength needs two ratings: one rating alone would read as "no change".
    rated = [u for u in surfed if len(u.ratings) >= 2]
    durations = [m for u in surfed if (m := u.minutes_taken) is not None]
    felt = [c.felt_after for c in contacts if c.felt_after is not None]
    return Evidence(
        finished=len(landed),
        surfed=len(surfed),
        median_minutes=_median(durations),
        median_first=_median([u.ratings[0][1] for u in rated]),
        median_last=_median([u.ratings[-1][1] for u in rated]),
        median_drop=_median([u.ratings[0][1] - u.ratings[-1][1] for u in rated]),
        ended_in_contact=sum(1 for u in landed if u.outcome == "made_contact"),
        contacts_felt=len(felt),
        contacts_worse=sum(1 for f in felt if f >= FELT_WORSE),
        rated=len(rated),
    )


def evidence_json(evidence: Evidence) -> dict[str, Any]:
    share = evidence.contact_share
    return {
        "finished": evidence.finished,
        "surfed": evidence.surfed,
        "median_minutes": _round(evidence.median_minutes),
        "median_first": evidence.median_first,
        "median_last": evidence.median_last,
        "median_drop": evidence.median_drop,
        "ended_in_contact": evidence.ended_in_contact,
        "contact_share": round(share, 3) if share is not None else None,
        "contacts_felt": evidence.contacts_felt,
        "contacts_felt_worse": evidence.contacts_worse,
    }


def _round(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def whole(value: float) -> int:
    """A typical figure as a whole number, halves up: 7.5 -> 8. A 0-10 scale has no decimals."""
    return math.floor(value + 0.5)


class StrengthChange(NamedTuple):
    start: int  # the typical first rating, whole
    end: int  # the typical last rating, whole
    direction: str  # "fell", "same" or "rose": read from the two numbers that are shown

    @property
    def fell(self) -> bool:
        return self.direction == "fell"


def strength_change(evidence: Evidence) -> StrengthChange | None:
    """How strong urges ridden out typically were at the start and at the end, or None.

    None below ENOUGH_URGES rated urges. The direction is read from the whole numbers
    that the words show, so a sentence can never say "fell from 3 to 6".
    """
    if evidence.rated < ENOUGH_URGES:
        return None
    if evidence.median_first is None or evidence.median_last is None:
        return None
    start, end = whole(evidence.median_first), whole(evidence.median_last)
    direction = "fell" if end < start else "rose" if end > start else "same"
    return StrengthChange(start, end, direction)


def typical_minutes(evidence: Evidence) -> int | None:
    """How long an urge ridden out typically took, in whole minutes (at least 1), or None."""
    if not evidence.enough or evidence.median_minutes is None:
        return None
    return max(1, whole(evidence.median_minutes))


def evidence_lines(evidence: Evidence) -> list[str]:
    """The surf's evidence: only what builds confidence, that urges pass and strength falls.

    Contact figures are left for the streak view: at the peak of an urge, "how often it
    ended in contact" is the last thing that helps. Before there is enough to go on, the
    one line that says what will show here.
    """
    if not evidence.enough:
        return [line("urge", "evidence_none")]
    lines = [line("urge", "evidence_passed", count=evidence.surfed)]
    minutes = typical_minutes(evidence)
    if minutes is not None:
        lines.append(line("urge", "evidence_minutes", minutes=minutes, count=minutes))
    change = strength_change(evidence)
    if change is not None and change.fell:
        lines.append(line("urge", "evidence_fell", start=change.start, end=change.end))
    return lines


# -- what the surf screen shows --------------------------------------------------------


class Breath(NamedTuple):
    inhaling: bool
    fullness: float  # 0 empty .. 1 full


def breath_at(seconds: float) -> Breath:
    """The pacer: in for 4 s (filling), out for 6 s (emptying), round and round."""
    phase = seconds % (BREATH_IN + BREATH_OUT)
    if phase < BREATH_IN:
        return Breath(True, phase / BREATH_IN)
    return Breath(False, 1 - (phase - BREATH_IN) / BREATH_OUT)


class Prompt(NamedTuple):
    kind: str  # plan, body, naming, reason, trap, wave, person, evidence
    text: str
    seconds: int  # how long it stays


PROMPT_SECONDS = {
    "plan": 30,
    "body": 20,
    "naming": 20,
    "wave": 20,
    "reason": 25,
    "trap": 30,
    "person": 25,
    "evidence": 30,
}
# The person's own plan for the chosen trap opens each round; someone on their list
# comes after the card.
ROUND = ("plan", "body", "naming", "reason", "wave", "trap", "person", "body", "evidence")


def prompt_plan(
    body: Sequence[str],
    naming: Sequence[str],
    wave: Sequence[str],
    reasons: Sequence[str] = (),
    trap: str | None = None,
    evidence: Sequence[str] = (),
    plan: str | None = None,
    person: str | None = None,
) -> list[Prompt]:
    """One full cycle of rotating prompts. Kinds with nothing to say are left out."""
    pools: dict[str, Sequence[str]] = {
        "plan": [plan] if plan else [],
        "body": body,
        "naming": naming,
        "wave": wave,
        "reason": reasons,
        "trap": [trap] if trap else [],
        "person": [person] if person else [],
        "evidence": evidence,
    }
    rounds = max(1, math.ceil(len(body) / 2), len(naming), len(wave), len(reasons))
    used = dict.fromkeys(pools, 0)
    prompts: list[Prompt] = []
    for _ in range(rounds):
        for kind in ROUND:
            pool = pools[kind]
            if not pool:
                continue
            prompts.append(Prompt(kind, pool[used[kind] % len(pool)], PROMPT_SECONDS[kind]))
            used[kind] += 1
    return prompts


def surf_prompts(
    reasons: Sequence[str],
    trap: Trap | None,
    evidence: Evidence,
    plan: str | None = None,
    person: str | None = None,
) -> list[Prompt]:
    """The surf's prompts from content/urge.toml, the user's reasons, the chosen card and the
    evidence; the person's own plan for that card first, and someone on their list."""
    words = load("urge")
    card = None
    if trap is not None:
        card = line(
            "urge", "trap_prompt", name=trap.name, counter=trap.counter, question=trap.question
        )
    return prompt_plan(
        words["body"],
        words["naming"],
        words["wave"],
        reasons=[line("urge", "reason_prompt", text=text) for text in reasons],
        trap=card,
        evidence=evidence_lines(evidence) if evidence.enough else (),
        plan=line("urge", "plan_prompt", text=plan) if plan else None,
        person=line("urge", "person_prompt", person=person) if person else None,
    )


def prompt_at(plan: Sequence[Prompt], seconds: float) -> Prompt | None:
    """The prompt showing `seconds` into the surf; the plan repeats."""
    if not plan:
        return None
    cycle = sum(p.seconds for p in plan)
    offset = seconds % cycle
    for prompt in plan:
        if offset < prompt.seconds:
            return prompt
        offset -= prompt.seconds
    return plan[-1]


def countdown(seconds: float) -> str:
    """Remaining seconds as M:SS, rounded up so 0:00 means time is really up."""
    whole = max(0, math.ceil(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


# -- after contact ---------------------------------------------------------------------
