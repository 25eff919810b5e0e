"""Insights: what the person's own log shows, with honest statistics.

Every figure is derived here by pure functions from the journal's documents,
`today` and the day-start hour; nothing is stored. The rules that keep it honest:

- Nothing is compared or named from fewer points than a stated minimum (the
  constants below); below it the figures say how many more are needed.
- A typical value is the median, shown as a whole number (`urges.whole`): a 0-10
  or 1-5 scale never has decimals.
- What goes together is said as "on your logged days", never as cause: the words
  live in `insights_words.py` and content/insights.toml.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from operator import itemgetter
from typing import Any

from nocontact_tui.domain.contacts import Contact, list_contacts
from nocontact_tui.domain.days import day_of
from nocontact_tui.domain.reviews import Review, skills
from nocontact_tui.domain.traps import load_traps
from nocontact_tui.domain.urges import RODE_IT_OUT, Urge, list_urges, whole
from nocontact_tui.journal.schema import CONTACT_KINDS
from nocontact_tui.journal.store import Store

# The minimums. Each is said in the words, so the person knows what they wait for.
MIN_WEEKS = 2  # whole weeks of log before the weekly chart is drawn
MIN_WEEK_URGES = 3  # rated urges in a week before its typical strength is drawn
MONTH_WEEKS = 4  # the first and latest month: four weeks each
MIN_PERIOD_WEEKS = 2  # with a shorter log, the first and latest weeks, at least two each
MIN_PERIOD_URGES = 3  # rated urges in each period before their typical strength is compared
MIN_GRID_URGES = 10  # urges before the weekday and time grid names a hardest time
MIN_SLOT_URGES = 3  # urges in one slot before it can be the hardest
MIN_DAYS = 5  # reviewed days with a thing, and without it, before the two are set side by side
MIN_TRAP_URGES = 3  # urges of a trap before its outcomes are listed
MIN_FELT = 3  # contacts of a kind with a feeling noted before a typical feeling is said
MIN_REREADS = 3  # re-readings before how letters read over time is drawn

WEEK = 7
SURFING = "urge_surfing"  # the skill the urge log knows best: shown as its own row
# Time of day by the local hour: (first hour, name) in order.
SLOTS = ((0, "night"), (6, "morning"), (12, "afternoon"), (18, "evening"))
OUTCOMES = ("rode_out", "letter", "contact", "stopped", "open")
OUTCOME_OF = {
    "surfed": "rode_out",
    "wrote_letter": "letter",
    "made_contact": "contact",
    "abandoned": "stopped",
}


def typical(values: Sequence[float]) -> int | None:
    """The median as a whole number, halves up; None for no values."""
    return whole(float(statistics.median(values))) if values else None


def peak(urge: Urge) -> int | None:
    """How strong an urge got: its highest rating."""
    return max(urge.ratings, key=itemgetter(1))[1] if urge.ratings else None


def slot_of(hour: int) -> int:
    """The time of day an hour falls in (SLOTS are six hours each)."""
    return hour // 6


# -- is it getting easier? ------------------------------------------------------------


@dataclass(frozen=True)
class WeekFigure:
    start: date
    end: date
    urges: int
    rated: int  # urges with a rating
    typical: int | None  # typical peak, once `rated` reaches MIN_WEEK_URGES


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    weeks: int
    urges: int
    rated: int
    typical: int | None  # typical peak, once `rated` reaches MIN_PERIOD_URGES

    @property
    def per_week(self) -> int:
        return whole(self.urges / self.weeks)


@dataclass(frozen=True)
class Trend:
    weeks: tuple[WeekFigure, ...]  # whole weeks ending today, oldest first; empty below MIN_WEEKS
    days_logged: int  # days from the first logged day to today
    first: Period | None = None  # the first and latest month (or shorter, at least two weeks)
    latest: Period | None = None

    @property
    def days_to_chart(self) -> int:
        return max(0, MIN_WEEKS * WEEK - self.days_logged)

    @property
    def days_to_compare(self) -> int:
        return max(0, 2 * MIN_PERIOD_WEEKS * WEEK - self.days_logged)


def _period(urges: Sequence[tuple[date, Urge]], start: date, weeks: int) -> Period:
    end = start + timedelta(days=weeks * WEEK - 1)
    inside = [u for day, u in urges if start <= day <= end]
    peaks = [p for u in inside if (p := peak(u)) is not None]
    return Period(
        start=start,
        end=end,
        weeks=weeks,
        urges=len(inside),
        rated=len(peaks),
        typical=typical(peaks) if len(peaks) >= MIN_PERIOD_URGES else None,
    )


def trend(urges: Sequence[tuple[date, Urge]], first_day: date | None, today: date) -> Trend:
    """Urges per whole week ending today, and the first and latest month side by side.

    Weeks are the seven days ending today, the seven before them, and so on back to the
    first logged day; a part-week at the start is left out, so every bar stands for
    seven days. The first and latest periods are four weeks each when the log holds
    eight, else as many whole weeks each as fit twice (at least two), never overlapping.
    """
    if first_day is None or first_day > today:
        return Trend(weeks=(), days_logged=0)
    days = (today - first_day).days + 1
    whole_weeks = days // WEEK
    weeks: list[WeekFigure] = []
    if whole_weeks >= MIN_WEEKS:
        # One pass over the urges, into weeks counted back from today (0: the latest).
        counts = [0] * whole_weeks
        peaks: list[list[int]] = [[] for _ in range(whole_weeks)]
        for day, urge in urges:
            back = (today - day).days // WEEK
            if 0 <= back < whole_weeks:
                counts[back] += 1
                if (p := peak(urge)) is not None:
                    peaks[back].append(p)
        for back in range(whole_weeks - 1, -1, -1):
            end = today - timedelta(days=back * WEEK)
            weeks.append(
                WeekFigure(
                    start=end - timedelta(days=WEEK - 1),
                    end=end,
                    urges=counts[back],
                    rated=len(peaks[back]),
                    typical=typical(peaks[back]) if len(peaks[back]) >= MIN_WEEK_URGES else None,
                )
            )
    each = min(MONTH_WEEKS, days // (2 * WEEK))
    if each < MIN_PERIOD_WEEKS:
        return Trend(weeks=tuple(weeks), days_logged=days)
    first = _period(urges, first_day, each)
    latest = _period(urges, today - timedelta(days=each * WEEK - 1), each)
    return Trend(weeks=tuple(weeks), days_logged=days, first=first, latest=latest)


# -- when does it hit? ----------------------------------------------------------------


@dataclass(frozen=True)
class WhenFigures:
    grid: tuple[tuple[int, ...], ...]  # 7 weekdays, Monday first, x 4 times of day
    total: int
    hardest: tuple[int, int] | None  # (weekday, slot) when one slot stands out

    @property
    def urges_to_go(self) -> int:
        return max(0, MIN_GRID_URGES - self.total)


def when(urges: Iterable[Urge], day_starts_at: int, tz: tzinfo | None = None) -> WhenFigures:
    """Urges by weekday (of the person's day) and time of day (the local hour).

    A slot is the hardest when the log holds MIN_GRID_URGES urges, that slot holds at
    least MIN_SLOT_URGES, and no other slot holds as many: a tie names none.
    """
    grid = [[0] * len(SLOTS) for _ in range(WEEK)]
    for urge in urges:
        weekday = day_of(urge.started_at, day_starts_at, tz).weekday()
        grid[weekday][slot_of(urge.started_at.astimezone(tz).hour)] += 1
    total = sum(map(sum, grid))
    cells = sorted(
        ((count, (day, slot)) for day, row in enumerate(grid) for slot, count in enumerate(row)),
        reverse=True,
    )
    top, runner_up = cells[0][0], cells[1][0]
    stands_out = total >= MIN_GRID_URGES and top >= MIN_SLOT_URGES and top > runner_up
    return WhenFigures(
        grid=tuple(tuple(row) for row in grid),
        total=total,
        hardest=cells[0][1] if stands_out else None,
    )


# -- what helps? ----------------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    days: int  # reviewed days on this side
    urge: int | None  # typical strongest urge (0-10), once MIN_DAYS days have one
    mood: int | None  # typical mood (1-5), once MIN_DAYS days have one

    @property
    def days_to_go(self) -> int:
        return max(0, MIN_DAYS - self.days)


@dataclass(frozen=True)
class HelpFigure:
    id: str  # a skill id from content/review.toml, or SURFING
    label: str
    with_it: Side
    without: Side

    @property
    def enough(self) -> bool:
        return self.with_it.days >= MIN_DAYS and self.without.days >= MIN_DAYS


@dataclass(frozen=True)
class DayLog:
    """One reviewed day: what was ticked, the strongest urge and the mood."""

    day: date
    ticked: frozenset[str]
    urge: int | None
    mood: int | None


def _side(days: Sequence[DayLog]) -> Side:
    urges = [d.urge for d in days if d.urge is not None]
    moods = [d.mood for d in days if d.mood is not None]
    return Side(
        days=len(days),
        urge=typical(urges) if len(urges) >= MIN_DAYS else None,
        mood=typical(moods) if len(moods) >= MIN_DAYS else None,
    )


def day_logs(
    reviews: Iterable[Review],
    urges: Sequence[tuple[date, Urge]],
    today: date,
) -> list[DayLog]:
    """Every reviewed day up to today. The strongest urge is the review's answer, else the
    urge log's highest rating that day; a day with an urge ridden out counts as surfed."""
    peaks: dict[date, int] = {}
    surfed: set[date] = set()
    for day, urge in urges:
        if (p := peak(urge)) is not None:
            peaks[day] = max(p, peaks.get(day, p))
        if urge.outcome in RODE_IT_OUT:
            surfed.add(day)
    logs = []
    for review in reviews:
        if review.day > today:
            continue
        ticked = set(review.helped)
        if review.day in surfed:
            ticked.add(SURFING)
        strongest = (
            review.strongest_urge if review.strongest_urge is not None else peaks.get(review.day)
        )
        logs.append(DayLog(review.day, frozenset(ticked), strongest, review.mood))
    logs.sort(key=lambda log: log.day)
    return logs


def helps(logs: Sequence[DayLog], labels: Sequence[tuple[str, str]]) -> tuple[HelpFigure, ...]:
    """Each thing that can be ticked, on reviewed days with it and without it.

    Surfing comes first, whenever there are reviews; the others once ticked at least once,
    in the order of the review's list. A figure is only shown past MIN_DAYS each side.
    """
    if not logs:
        return ()
    ticked = {tick for log in logs for tick in log.ticked}
    figures = []
    for skill, label in labels:
        if skill != SURFING and skill not in ticked:
            continue
        with_it = [log for log in logs if skill in log.ticked]
        without = [log for log in logs if skill not in log.ticked]
        figures.append(HelpFigure(skill, label, _side(with_it), _side(without)))
    figures.sort(key=lambda figure: figure.id != SURFING)  # stable: the rest keep their order
    return tuple(figures)


@dataclass(frozen=True)
class TrapOutcomes:
    trap: str
    name: str
    urges: int
    outcomes: dict[str, int] = field(default_factory=dict)  # OUTCOMES -> count, all present


def trap_outcomes(
    urges: Iterable[Urge], names: dict[str, str]
) -> tuple[tuple[TrapOutcomes, ...], int]:
    """How the urges of each trap ended, for traps named MIN_TRAP_URGES times or more,
    most first; and how many other traps came up fewer times."""
    tally: dict[str, Counter[str]] = {}
    for urge in urges:
        if urge.trigger:
            outcome = OUTCOME_OF.get(urge.outcome or "", "open")
            tally.setdefault(urge.trigger, Counter())[outcome] += 1
    shown = []
    fewer = 0
    for trap, counts in tally.items():
        total = sum(counts.values())
        if total < MIN_TRAP_URGES:
            fewer += 1
            continue
        shown.append(
            TrapOutcomes(
                trap=trap,
                name=names.get(trap, trap.replace("_", " ")),
                urges=total,
                outcomes={outcome: counts[outcome] for outcome in OUTCOMES},
            )
        )
    shown.sort(key=lambda t: -t.urges)  # stable: the trap named first stays first among equals
    return tuple(shown), fewer


# -- after contact --------------------------------------------------------------------


@dataclass(frozen=True)
class ContactFigure:
    kind: str
    logged: int
    felt: tuple[int, ...]  # how many times each answer 1..5 was noted
    typical: int | None  # typical feeling after (1-5), once MIN_FELT are noted

    @property
    def rated(self) -> int:
        return sum(self.felt)

    @property
    def felt_to_go(self) -> int:
        return max(0, MIN_FELT - self.rated)


ALL_KINDS = "all"  # the figure over every kind together


def contact_figure(kind: str, contacts: Sequence[Contact]) -> ContactFigure:
    felt = [c.felt_after for c in contacts if c.felt_after is not None and 1 <= c.felt_after <= 5]
    return ContactFigure(
        kind=kind,
        logged=len(contacts),
        felt=tuple(felt.count(answer) for answer in range(1, 6)),
        typical=typical(felt) if len(felt) >= MIN_FELT else None,
    )


def after_contact(contacts: Iterable[Contact]) -> tuple[ContactFigure, ...]:
    """How contact left the person feeling, by kind in the order of the contact kinds, then
    every kind together (kind ALL_KINDS) when more than one kind was logged."""
    by_kind: dict[str, list[Contact]] = {}
    for contact in contacts:
        by_kind.setdefault(contact.kind, []).append(contact)
    order = [kind for kind in CONTACT_KINDS if kind in by_kind]
    order += sorted(kind for kind in by_kind if kind not in CONTACT_KINDS)
    figures = [contact_figure(kind, by_kind[kind]) for kind in order]
    if len(figures) > 1:
        figures.append(contact_figure(ALL_KINDS, [c for kind in order for c in by_kind[kind]]))
    return tuple(figures)


# -- letters re-read --------------------------------------------------------------------


@dataclass(frozen=True)
class Reread:
    at: datetime
    reads: int  # how the letter read then, 1-5
    letter: int


@dataclass(frozen=True)
class RereadFigures:
    reads: tuple[Reread, ...]  # oldest first
    letters: int
    earlier: int | None = None  # typical of the earlier half, once each half has MIN_REREADS
    later: int | None = None

    @property
    def enough(self) -> bool:
        return len(self.reads) >= MIN_REREADS

    @property
    def to_go(self) -> int:
        return max(0, MIN_REREADS - len(self.reads))

    @property
    def typical(self) -> int | None:
        return typical([r.reads for r in self.reads]) if self.enough else None


def rereads(letters: Iterable[tuple[int, dict[str, Any]]]) -> RereadFigures | None:
    """How re-read letters read over time, from each letter's `rereads` list; None when no
    letter has been re-read. Entries that cannot be read are passed over."""
    found: list[Reread] = []
    for letter_id, doc in letters:
        for entry in doc.get("rereads") or ():
            try:
                at = datetime.fromisoformat(entry["at"])
                reads = int(entry["reads"])
            except (KeyError, TypeError, ValueError):
                continue
            if 1 <= reads <= 5:
                found.append(Reread(at, reads, letter_id))
    if not found:
        return None
    found.sort(key=lambda r: r.at.timestamp())
    half = len(found) // 2
    split = half >= MIN_REREADS
    return RereadFigures(
        reads=tuple(found),
        letters=len({r.letter for r in found}),
        earlier=typical([r.reads for r in found[:half]]) if split else None,
        later=typical([r.reads for r in found[-half:]]) if split else None,
    )


# -- everything together --------------------------------------------------------------


@dataclass(frozen=True)
class Insights:
    today: date
    urges: int
    reviews: int
    trend: Trend
    when: WhenFigures
    helps: tuple[HelpFigure, ...]
    traps: tuple[TrapOutcomes, ...]
    traps_fewer: int
    contacts: tuple[ContactFigure, ...]
    rereads: RereadFigures | None


def compute_insights(
    urges: Sequence[Urge],
    reviews: Sequence[Review],
    contacts: Sequence[Contact],
    letters: Iterable[tuple[int, dict[str, Any]]],
    today: date,
    day_starts_at: int,
    tz: tzinfo | None = None,
) -> Insights:
    dated = [(day, u) for u in urges if (day := day_of(u.started_at, day_starts_at, tz)) <= today]
    logged_days = [day for day, _ in dated]
    logged_days += [r.day for r in reviews if r.day <= today]
    logged_days += [day for c in contacts if (day := day_of(c.at, day_starts_at, tz)) <= today]
    trap_names = {trap.id: trap.name for trap in load_traps()}
    shown, fewer = trap_outcomes([u for _, u in dated], trap_names)
    return Insights(
        today=today,
        urges=len(dated),
        reviews=sum(1 for r in reviews if r.day <= today),
        trend=trend(dated, min(logged_days, default=None), today),
        when=when([u for _, u in dated], day_starts_at, tz),
        helps=helps(day_logs(reviews, dated, today), skills()),
        traps=shown,
        traps_fewer=fewer,
        contacts=after_contact(contacts),
        rereads=rereads(letters),
    )


def list_reviews(store: Store) -> list[Review]:
    """Every saved review, as the review screen reads them, oldest first."""
    reviews = [
        Review(
            day=date.fromisoformat(doc["day"]),
            contact=doc.get("contact"),
            mood=doc.get("mood"),
            strongest_urge=doc.get("strongest_urge"),
            helped=tuple(doc.get("helped") or ()),
            id=doc_id,
        )
        for doc_id, doc in store.docs("reviews")
    ]
    reviews.sort(key=lambda r: r.day)
    return reviews


def insights_for(
    store: Store, today: date, day_starts_at: int, tz: tzinfo | None = None
) -> Insights:
    return compute_insights(
        list_urges(store),
        list_reviews(store),
        list_contacts(store),
        store.docs("letters"),
        today,
        day_starts_at,
        tz,
    )


def insights_json(insights: Insights, hide_count: bool = False) -> dict[str, Any]:
    """Everything as plain JSON values: dates as ISO strings, the minimums beside the figures.

    With the count hidden, how many days the log covers is left out, as on the screen.
    """

    def plain(value: Any) -> Any:
        if isinstance(value, date | datetime):
            return value.isoformat()
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value

    data: dict[str, Any] = plain(asdict(insights))
    if hide_count:
        data["trend"].pop("days_logged")
    data["minimums"] = {
        "weeks_for_chart": MIN_WEEKS,
        "rated_urges_per_week": MIN_WEEK_URGES,
        "weeks_each_to_compare": MIN_PERIOD_WEEKS,
        "rated_urges_each_to_compare": MIN_PERIOD_URGES,
        "urges_for_hardest_time": MIN_GRID_URGES,
        "urges_in_hardest_slot": MIN_SLOT_URGES,
        "days_with_and_without": MIN_DAYS,
        "urges_per_trap": MIN_TRAP_URGES,
        "feelings_per_contact_kind": MIN_FELT,
        "rereads": MIN_REREADS,
    }
    data["slots"] = [name for _, name in SLOTS]
    return data
