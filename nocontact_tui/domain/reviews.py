"""Daily reviews: one document per day, about the user's own day.

A review that answers "contact: yes" is linked to one event in the contact log
(`contact_id`), so the contact log stays the one source of truth: saving the
review again updates that event, answering "no" later removes it if the review
made it, and a contact the user had already logged for that day is adopted
instead of being logged twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, TypeVar

from nocontact_tui.domain.cleaning import one_line
from nocontact_tui.domain.contacts import TABLE as CONTACTS
from nocontact_tui.domain.contacts import (
    Contact,
    delete_contact,
    list_contacts,
    log_contact,
    update_contact,
)
from nocontact_tui.domain.days import day_of
from nocontact_tui.domain.undo import Change, record
from nocontact_tui.journal.errors import InputError, NoContactError
from nocontact_tui.journal.schema import CONTACT_KINDS
from nocontact_tui.journal.store import Store, one_write
from nocontact_tui.texts import line, load

TABLE = "reviews"
URGES = "urges"
LINE_MAX = 500  # characters kept from one optional line
BACKFILL_HOUR = 20  # a contact recorded for a past day is placed at 20:00 of that day
WEEK = 7


def reviewed_days(store: Store) -> set[date]:
    return {date.fromisoformat(doc["day"]) for _, doc in store.docs(TABLE)}


def is_reviewed(store: Store, day: date) -> bool:
    key = day.isoformat()
    return any(doc["day"] == key for _, doc in store.docs(TABLE))


# -- the words and choices --------------------------------------------------------------


def words() -> dict[str, Any]:
    return load("review")


def skills() -> list[tuple[str, str]]:
    """(id, label) of each skill the user can say helped, in the order the keys 1-9 pick them."""
    return [(s["id"], s["label"]) for s in words()["skills"]]


def skill_label(skill_id: str) -> str:
    return dict(skills()).get(skill_id, skill_id.replace("_", " "))


def kind_label(kind: str) -> str:
    """The one label of a kind of contact, the same as on the contact form and in exports."""
    from nocontact_tui.domain.contact_form import kind_label as label

    return label(kind)


def felt_labels() -> list[str]:
    """The one 1-5 scale for how contact left someone feeling (content/contact.toml)."""
    from nocontact_tui.domain.contact_form import felt_labels as labels

    return labels()


def clean_line(text: str) -> str:
    """One optional line as it is stored: control characters become spaces, trimmed, capped."""
    return one_line(text, LINE_MAX)


# -- one review -------------------------------------------------------------------------


@dataclass(frozen=True)
class Review:
    day: date
    contact: bool | None = None
    contact_kind: str | None = None
    felt_after: int | None = None
    mood: int | None = None
    strongest_urge: int | None = None
    helped: tuple[str, ...] = ()
    note: str = ""
    kindness: str = ""
    contact_id: int | None = None  # the contact event this review's "yes" stands for
    id: int | None = None


def _find(store: Store, day: date) -> tuple[int, dict[str, Any]] | None:
    key = day.isoformat()
    return next(((i, doc) for i, doc in store.docs(TABLE) if doc["day"] == key), None)


def load_review(store: Store, day: date) -> Review | None:
    found = _find(store, day)
    if found is None:
        return None
    doc_id, doc = found
    return Review(
        day=day,
        contact=doc.get("contact"),
        contact_kind=doc.get("contact_kind"),
        felt_after=doc.get("felt_after"),
        mood=doc.get("mood"),
        strongest_urge=doc.get("strongest_urge"),
        helped=tuple(doc.get("helped") or ()),
        note=doc.get("note") or "",
        kindness=doc.get("kindness") or "",
        contact_id=doc.get("contact_id"),
        id=doc_id,
    )


def contact_moment(
    day: date, now: datetime, day_starts_at: int, tz: tzinfo | None = None
) -> datetime:
    """When a contact that a review reports for `day` is logged: now for today, else 20:00 of that day.

    20:00 lies inside the user's day for every day-start hour (with a start after
    20:00 it is 20:00 of the next calendar date), and never after `now`.
    """
    if day >= day_of(now, day_starts_at, tz):
        return now
    hours = BACKFILL_HOUR + (24 if day_starts_at > BACKFILL_HOUR else 0)
    naive = datetime(day.year, day.month, day.day) + timedelta(hours=hours)
    moment = naive.astimezone() if tz is None else naive.replace(tzinfo=tz)
    return min(moment, now)


def contacts_on(
    store: Store, day: date, day_starts_at: int, tz: tzinfo | None = None
) -> list[Contact]:
    return [c for c in list_contacts(store) if day_of(c.at, day_starts_at, tz) == day]


def unlinked_contacts_on(
    store: Store, day: date, day_starts_at: int, tz: tzinfo | None = None
) -> list[Contact]:
    """Contacts logged for `day` that no review stands for yet, oldest first."""
    linked = {doc.get("contact_id") for _, doc in store.docs(TABLE)}
    return [c for c in contacts_on(store, day, day_starts_at, tz) if c.id not in linked]


def check_review(review: Review, today: date) -> None:
    if review.day > today:
        raise InputError(line("review", "future"))
    if review.contact and review.contact_kind not in CONTACT_KINDS:
        raise InputError(line("review", "incomplete"))


T = TypeVar("T")


@one_write
def save_review(
    store: Store,
    review: Review,
    *,
    now: datetime,
    day_starts_at: int,
    tz: tzinfo | None = None,
) -> int:
    """Save the review for `review.day` (creating or replacing it) and keep its contact in step.

    Returns the review's id. If the disk refuses a write, every change is still made
    in memory, so the journal stays consistent and a later save writes it all;
    the first error is raised at the end.
    """
    check_review(review, day_of(now, day_starts_at, tz))
    failures: list[NoContactError] = []

    def attempt(write: Callable[[], T]) -> T | None:
        try:
            return write()
        except NoContactError as exc:
            if isinstance(exc, InputError):
                raise
            failures.append(exc)
            return None

    found = _find(store, review.day)
    old = found[1] if found else {}
    linked: int | None = old.get("contact_id")
    created = bool(old.get("contact_created"))
    if linked is not None and store.get(CONTACTS, linked) is None:
        linked, created = None, False  # the user deleted it from the contact log
    kind, felt = review.contact_kind, review.felt_after

    if review.contact:
        assert kind is not None
        if linked is None:
            adoptable = unlinked_contacts_on(store, review.day, day_starts_at, tz)
            if adoptable:
                linked, created = adoptable[-1].id, False
        if linked is None:
            before = {i for i, _ in store.docs(CONTACTS)}
            at = contact_moment(review.day, now, day_starts_at, tz)
            new_id = attempt(lambda: log_contact(store, kind, at, now=now, felt_after=felt))
            if new_id is None:  # not on disk, but in memory: link it so a retry cannot log it twice
                new_id = max({i for i, _ in store.docs(CONTACTS)} - before, default=None)
            linked, created = new_id, True
        else:
            doc = store.get(CONTACTS, linked) or {}
            at = datetime.fromisoformat(doc["at"])
            contact_id = linked
            attempt(
                lambda: update_contact(
                    # max(): a clock that moved backwards must not refuse a contact already logged
                    store,
                    contact_id,
                    kind,
                    at,
                    now=max(now, at),
                    felt_after=felt,
                    note=doc.get("note"),
                )
            )
    elif linked is not None:
        if created:
            contact_id = linked
            attempt(lambda: delete_contact(store, contact_id))
        linked, created = None, False

    fields = {
        "day": review.day.isoformat(),
        "contact": review.contact,
        "contact_kind": kind if review.contact else None,
        "felt_after": felt if review.contact else None,
        "contact_id": linked,
        "contact_created": created if linked is not None else None,
        "mood": review.mood,
        "strongest_urge": review.strongest_urge,
        "helped": list(review.helped),
        "note": clean_line(review.note) or None,
        "kindness": clean_line(review.kindness) or None,
    }
    if found is None:
        before = {i for i, _ in store.docs(TABLE)}
        review_id = attempt(lambda: store.insert(TABLE, fields))
        if review_id is None:
            review_id = max({i for i, _ in store.docs(TABLE)} - before)
    else:
        review_id = found[0]
        attempt(lambda: store.update(TABLE, review_id, fields))
    if failures:
        raise failures[0]
    return review_id


def save_review_undoable(
    store: Store,
    review: Review,
    *,
    now: datetime,
    day_starts_at: int,
    tz: tzinfo | None = None,
) -> Change:
    """`save_review`, returning what it changed (the review, and a contact it logged,
    changed or removed), so that undo.take_back puts the journal back as it was."""
    _, change = record(
        store,
        "save",
        (TABLE, CONTACTS),
        lambda: save_review(store, review, now=now, day_starts_at=day_starts_at, tz=tz),
    )
    return change


# -- what the urge log already knows ------------------------------------------------------


def strongest_logged_urge(
    store: Store, day: date, day_starts_at: int, tz: tzinfo | None = None
) -> int | None:
    """The highest rating of any urge session that started on `day`, or None."""
    ratings = [
        rating
        for _, doc in store.docs(URGES)
        if day_of(datetime.fromisoformat(doc["started_at"]), day_starts_at, tz) == day
        for _, rating in doc.get("ratings") or ()
    ]
    return max(ratings, default=None)


LETTERS = "letters"
# The wave was ridden out either way (urges.RODE_IT_OUT, not imported: it loads the urge log).
SURFED_OUTCOMES = ("surfed", "wrote_letter", "reached_someone")


def helped_from_logs(
    store: Store, day: date, day_starts_at: int, tz: tzinfo | None = None
) -> list[str]:
    """The skills the journal already shows for `day`, in the order of the skill list:
    an urge surfed to its end that day, a letter written or changed that day."""
    found: set[str] = set()

    def on_day(stamp: object) -> bool:
        if not isinstance(stamp, str):
            return False
        try:
            return day_of(datetime.fromisoformat(stamp), day_starts_at, tz) == day
        except ValueError:
            return False

    for _, doc in store.docs(URGES):
        if doc.get("outcome") in SURFED_OUTCOMES and on_day(doc.get("started_at")):
            found.add("urge_surfing")
        if doc.get("outcome") == "wrote_letter" and on_day(doc.get("started_at")):
            found.add("letter")
    for _, doc in store.docs(LETTERS):
        if on_day(doc.get("created_at")) or on_day(doc.get("updated_at")):
            found.add("letter")
    return [skill for skill, _ in skills() if skill in found]


# -- answering one question at a time ---------------------------------------------------

STEPS = ("contact", "kind", "felt", "mood", "urge", "helped", "note", "kindness", "summary")
CONTACT_ONLY = ("kind", "felt")
TEXT_STEPS = ("note", "kindness")
DIGITS = tuple("0123456789")


@dataclass
class Draft:
    """A review being answered. Plain state and key handling, so it is tested without a terminal.

    `press(key)` takes the key names the screen sees: "y", "n", digits, "t" (10 on
    the urge scale) and "enter". An answer moves on to the next question at once;
    "enter" keeps the answer already there (a prefill, or the saved one).
    """

    day: date
    skill_ids: tuple[str, ...]
    contact: bool | None = None
    contact_kind: str | None = None
    felt_after: int | None = None
    mood: int | None = None
    strongest_urge: int | None = None
    helped: list[str] = field(default_factory=list)
    note: str = ""
    kindness: str = ""
    step: str = "contact"
    saved: bool = False  # a review for this day is already in the journal
    urge_prefilled: bool = False
    helped_prefilled: bool = False  # "what helped" starts from the day's log; keys still change it
    touched: bool = False

    @property
    def steps(self) -> tuple[str, ...]:
        return tuple(s for s in STEPS if self.contact or s not in CONTACT_ONLY)

    @property
    def questions(self) -> int:
        return len(self.steps) - 1

    @property
    def number(self) -> int:
        """1-based position of the current question."""
        return self.steps.index(self.step) + 1

    def _value_for(self, key: str) -> object | None:
        step = self.step
        if step == "contact":
            return {"y": True, "n": False}.get(key)
        if key not in DIGITS and not (step == "urge" and key == "t"):
            return None
        number = 10 if key == "t" else int(key)
        if step == "kind":
            return CONTACT_KINDS[number - 1] if 1 <= number <= len(CONTACT_KINDS) else None
        if step in ("felt", "mood"):
            return number if 1 <= number <= 5 else None
        if step == "urge":
            return number
        if step == "helped":
            return number if 1 <= number <= len(self.skill_ids) else None
        return None

    def current(self) -> object | None:
        return {
            "contact": self.contact,
            "kind": self.contact_kind,
            "felt": self.felt_after,
            "mood": self.mood,
            "urge": self.strongest_urge,
        }.get(self.step)

    def accepts(self, key: str) -> bool:
        if key == "enter":
            return self.step in ("helped", "summary", *TEXT_STEPS) or self.current() is not None
        return self._value_for(key) is not None

    def press(self, key: str) -> bool:
        """Answer the current question with `key`; False if the key means nothing here."""
        if not self.accepts(key):
            return False
        if key == "enter":
            if self.step != "summary":
                self.advance()
            return True
        value = self._value_for(key)
        self.touched = True
        if self.step == "helped":
            skill = self.skill_ids[int(str(value)) - 1]
            chosen = set(self.helped) ^ {skill}
            self.helped = [s for s in self.skill_ids if s in chosen]
            return True
        attribute = {
            "contact": "contact",
            "kind": "contact_kind",
            "felt": "felt_after",
            "mood": "mood",
            "urge": "strongest_urge",
        }[self.step]
        setattr(self, attribute, value)
        if self.step == "urge":
            self.urge_prefilled = False
        self.advance()
        return True

    def set_text(self, step: str, text: str) -> None:
        if step in TEXT_STEPS and getattr(self, step) != text:
            setattr(self, step, text)
            self.touched = True

    def advance(self) -> None:
        steps = self.steps
        self.step = steps[min(steps.index(self.step) + 1, len(steps) - 1)]

    def back(self) -> bool:
        index = self.steps.index(self.step)
        if index == 0:
            return False
        self.step = self.steps[index - 1]
        return True

    def restart(self) -> None:
        self.step = self.steps[0]

    def to_review(self) -> Review:
        yes = bool(self.contact)
        return Review(
            day=self.day,
            contact=self.contact,
            contact_kind=self.contact_kind if yes else None,
            felt_after=self.felt_after if yes else None,
            mood=self.mood,
            strongest_urge=self.strongest_urge,
            helped=tuple(self.helped),
            note=clean_line(self.note),
            kindness=clean_line(self.kindness),
        )


def summary_rows(draft: Draft) -> list[tuple[str, str]]:
    """(label, answer) for the one-screen summary, in the order the questions came."""
    w = words()
    none = line("review", "none")

    def scaled(value: int | None, labels: list[str]) -> str:
        return none if value is None else f"{value} · {labels[value - 1]}"

    rows = [
        (
            line("review", "row_contact"),
            none if draft.contact is None else line("review", "yes" if draft.contact else "no"),
        )
    ]
    if draft.contact:
        kind = draft.contact_kind
        rows.append((line("review", "row_kind"), kind_label(kind) if kind else none))
        rows.append((line("review", "row_felt"), scaled(draft.felt_after, felt_labels())))
    urge = draft.strongest_urge
    helped = ", ".join(skill_label(s) for s in draft.helped)
    rows += [
        (line("review", "row_mood"), scaled(draft.mood, w["mood_labels"])),
        (line("review", "row_urge"), none if urge is None else str(urge)),
        (line("review", "row_helped"), helped or none),
        (line("review", "row_note"), clean_line(draft.note) or none),
        (line("review", "row_kindness"), clean_line(draft.kindness) or none),
    ]
    return rows


def start_draft(store: Store, day: date, day_starts_at: int, tz: tzinfo | None = None) -> Draft:
    """The review for `day` as the user meets it: filled in if saved, else prefilled from the logs."""
    skill_ids = tuple(s for s, _ in skills())
    saved = load_review(store, day)
    if saved is not None:
        kind, felt = saved.contact_kind, saved.felt_after
        if (
            saved.contact and kind is None
        ):  # a review written without a kind: the contact log knows it
            linked = store.get(CONTACTS, saved.contact_id) if saved.contact_id is not None else None
            if linked is not None:
                kind, felt = linked["kind"], felt or linked.get("felt_after")
            elif same_day := contacts_on(store, day, day_starts_at, tz):
                kind, felt = same_day[-1].kind, felt or same_day[-1].felt_after
        return Draft(
            day=day,
            skill_ids=skill_ids,
            contact=saved.contact,
            contact_kind=kind,
            felt_after=felt,
            mood=saved.mood,
            strongest_urge=saved.strongest_urge,
            helped=list(saved.helped),
            note=saved.note,
            kindness=saved.kindness,
            step="summary",
            saved=True,
        )
    draft = Draft(day=day, skill_ids=skill_ids)
    logged = unlinked_contacts_on(store, day, day_starts_at, tz)
    if logged:
        draft.contact = True
        draft.contact_kind = logged[-1].kind
        draft.felt_after = logged[-1].felt_after
    urge = strongest_logged_urge(store, day, day_starts_at, tz)
    if urge is not None:
        draft.strongest_urge = urge
        draft.urge_prefilled = True
    draft.helped = helped_from_logs(store, day, day_starts_at, tz)
    draft.helped_prefilled = bool(draft.helped)
    return draft


# -- the week after saving -----------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    days: tuple[date, ...]  # oldest first, ending on the reviewed day
    mood: tuple[int | None, ...]
    urge: tuple[int | None, ...]
    helped_most: tuple[tuple[str, int], ...]  # (skill id, days it helped), most first
    reviewed: int


def week_summary(
    store: Store, end: date, day_starts_at: int, tz: tzinfo | None = None, top: int = 3
) -> Week:
    """The seven days up to `end`: mood and urge per day (None where nothing is known), skills that helped.

    The urge falls back to the urge log on days without a review.
    """
    days = tuple(end - timedelta(days=back) for back in range(WEEK - 1, -1, -1))
    reviews = {day: load_review(store, day) for day in days}
    mood = tuple(r.mood if r else None for r in reviews.values())
    urge = tuple(
        r.strongest_urge
        if r and r.strongest_urge is not None
        else strongest_logged_urge(store, day, day_starts_at, tz)
        for day, r in reviews.items()
    )
    counts = Counter(skill for r in reviews.values() if r for skill in set(r.helped))
    order = {skill: i for i, (skill, _) in enumerate(skills())}
    ranked = sorted(
        counts.items(), key=lambda item: (-item[1], order.get(item[0], len(order)), item[0])
    )
    return Week(
        days=days,
        mood=mood,
        urge=urge,
        helped_most=tuple(ranked[:top]),
        reviewed=sum(1 for r in reviews.values() if r),
    )


def helped_sentence(week: Week) -> str:
    """Which skills helped most this week, in the user's own counts."""
    if not week.helped_most:
        return line("review", "week_helped_none")
    items = " · ".join(
        line(
            "review",
            "week_item",
            label=skill_label(skill),
            count=count,
        )
        for skill, count in week.helped_most
    )
    return line("review", "week_helped", items=items)
