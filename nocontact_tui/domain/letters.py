"""Unsent letters: written, re-read, sealed or released; never sent anywhere.

There is deliberately no function here that copies a letter anywhere but the
journal: no send, share or copy-out. `nocontact export` includes letters for the
user's own backup.

A `Draft` is the letter being edited, kept apart from any widget so that the
app can still save it when the terminal closes and the widgets are gone.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from nocontact_tui.domain import course
from nocontact_tui.domain.cleaning import one_line
from nocontact_tui.domain.days import day_of
from nocontact_tui.journal.errors import InputError
from nocontact_tui.journal.schema import in_calendar, out_of_calendar
from nocontact_tui.journal.store import Store
from nocontact_tui.texts import line, load

TABLE = "letters"
TITLE_WORDS = 6
TITLE_MAX = 60
RELEASE_FALLBACK_WORD = "release"

# A word is a run of non-space characters, except in scripts written without
# spaces (Chinese, Japanese, Thai syllables aside), where each character counts.
_UNSPACED = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
)
_UNSPACED_CHAR = re.compile(f"[{_UNSPACED}]")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Reread:
    """One reading of a sealed letter on or after the day set for it: how it read then."""

    at: datetime
    reads: int  # 1 (still raw) .. 5 (from another time): the words are in content/letters.toml


@dataclass(frozen=True)
class Letter:
    id: int
    title: str
    body: str
    status: str = "draft"
    prompt: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    reread_on: date | None = None  # the day the person chose, when sealing, to read it again
    rereads: tuple[Reread, ...] = ()

    @property
    def sealed(self) -> bool:
        return self.status == "sealed"

    @property
    def words(self) -> int:
        return word_count(self.body)

    @property
    def display_title(self) -> str:
        return display_title(self.title, self.body)


def _letter(doc_id: int, doc: dict) -> Letter:
    return Letter(
        id=doc_id,
        title=doc.get("title") or "",
        body=doc["body"],
        status=doc.get("status") or "draft",
        prompt=doc.get("prompt"),
        created_at=datetime.fromisoformat(doc["created_at"]) if doc.get("created_at") else None,
        updated_at=datetime.fromisoformat(doc["updated_at"]) if doc.get("updated_at") else None,
        reread_on=date.fromisoformat(doc["reread_on"]) if doc.get("reread_on") else None,
        rereads=tuple(
            Reread(datetime.fromisoformat(item["at"]), item["reads"])
            for item in doc.get("rereads") or ()
        ),
    )


# -- text ----------------------------------------------------------------------------


def word_count(text: str) -> int:
    if _UNSPACED_CHAR.search(text):
        text = _UNSPACED_CHAR.sub(" x ", text)
    return len(text.split())


def clean_text(text: str) -> str:
    """`text` as it can be stored: lone surrogates (from a broken paste) become U+FFFD.

    Everything else, control characters and tabs included, is kept as typed.
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _printable(text: str) -> str:
    """One line without control or format characters, for titles shown in lists."""
    return one_line(text)


def title_from_body(body: str, words: int = TITLE_WORDS) -> str:
    """The first few words of the first line that has any, for a letter left untitled."""
    for text_line in body.splitlines():
        text_line = _printable(text_line)
        if text_line:
            title = " ".join(text_line.split()[:words])
            if len(title) > TITLE_MAX:
                title = title[: TITLE_MAX - 1].rstrip() + "…"
            return title
    return ""


def display_title(title: str, body: str) -> str:
    return _printable(title) or title_from_body(body) or line("letters", "untitled")


def release_word(letter: Letter) -> str:
    """What the user types to release `letter`: the first word of its title.

    A title whose first word has no letters or digits (only emoji, say) asks for
    a plain word instead, so the confirmation can always be typed.
    """
    first = letter.display_title.split()[0] if letter.display_title.split() else ""
    first = first.strip(".,;:!?\"'“”‘’()[]…-—")
    if first and any(ch.isalnum() for ch in first):
        return first
    return RELEASE_FALLBACK_WORD


def release_word_matches(expected: str, typed: str) -> bool:
    return (
        unicodedata.normalize("NFC", typed.strip()).casefold()
        == unicodedata.normalize("NFC", expected).casefold()
    )


def matches(letter: Letter, query: str) -> bool:
    """Whether the filter text `query` occurs in the title or body (case-insensitive)."""
    needle = query.strip().casefold()
    if not needle:
        return True
    return needle in letter.title.casefold() or needle in letter.body.casefold()


def edited_label(moment: datetime, now: datetime, tz: tzinfo | None) -> str:
    """When a letter was last edited, short: the time today, the date otherwise."""
    local, today = moment.astimezone(tz), now.astimezone(tz)
    if local.date() == today.date():
        return local.strftime("%H:%M")
    if local.year == today.year:
        return local.strftime("%d %b %H:%M")
    return local.strftime("%d %b %Y")


def pick_prompt(turn: int) -> str:
    prompts: list[str] = load("letters")["prompts"]
    return prompts[turn % len(prompts)]


# -- the journal ---------------------------------------------------------------------


def get_letter(store: Store, letter_id: int) -> Letter | None:
    doc = store.get(TABLE, letter_id)
    return _letter(letter_id, doc) if doc is not None else None


def list_letters(store: Store, query: str = "") -> list[Letter]:
    """Every letter matching `query`, most recently edited first."""
    letters = [_letter(doc_id, doc) for doc_id, doc in store.docs(TABLE)]
    letters = [letter for letter in letters if matches(letter, query)]
    letters.sort(
        key=lambda letter: (letter.updated_at.timestamp() if letter.updated_at else 0, letter.id),
        reverse=True,
    )
    return letters


def create_letter(
    store: Store, *, now: datetime, title: str = "", body: str = "", prompt: str | None = None
) -> int:
    """A new draft; returns its id."""
    stamp = now.isoformat()
    return store.insert(
        TABLE,
        {
            "title": clean_text(title),
            "body": clean_text(body),
            "status": "draft",
            "prompt": prompt,
            "created_at": stamp,
            "updated_at": stamp,
        },
    )


def _existing(store: Store, letter_id: int) -> Letter:
    letter = get_letter(store, letter_id)
    if letter is None:
        raise InputError(line("letters", "missing"))
    return letter


def update_letter(
    store: Store,
    letter_id: int,
    *,
    now: datetime,
    title: str | None = None,
    body: str | None = None,
    prompt: str | None = None,
) -> bool:
    """Change a draft's title, body or prompt; returns whether anything was written.

    A sealed letter is read-only and raises InputError.
    """
    letter = _existing(store, letter_id)
    if letter.sealed:
        raise InputError(line("letters", "sealed_read_only"))
    fields: dict[str, str] = {}
    if title is not None and clean_text(title) != letter.title:
        fields["title"] = clean_text(title)
    if body is not None and clean_text(body) != letter.body:
        fields["body"] = clean_text(body)
    if prompt is not None and prompt != letter.prompt:
        fields["prompt"] = prompt
    if not fields:
        return False
    store.update(TABLE, letter_id, fields | {"updated_at": now.isoformat()})
    return True


def seal_letter(store: Store, letter_id: int, reread_on: date | None = None) -> None:
    """Make a letter read-only. Its 'last edited' time stays the time of its last words.

    `reread_on` is the day chosen to read it again (None: no day). Sealing again sets
    the day anew; the readings already made stay beside the letter.
    """
    letter = _existing(store, letter_id)
    fields: dict[str, Any] = {"status": "sealed"}
    if reread_on is not None or letter.reread_on is not None:
        fields["reread_on"] = reread_on.isoformat() if reread_on else None
    store.update(TABLE, letter_id, fields)


def unseal_letter(store: Store, letter_id: int) -> None:
    _existing(store, letter_id)
    store.update(TABLE, letter_id, {"status": "draft"})


@dataclass(frozen=True)
class Released:
    """What releasing a letter did: gone from the journal, and from every copy it could open."""

    # Copies that could not be opened or written: left as they were, and named.
    untouched: tuple[Path, ...] = ()

    @property
    def everywhere(self) -> bool:
        return not self.untouched


def release_letter(store: Store, letter_id: int) -> Released:
    """Delete a letter for good: from every backup beside the journal, then from the journal.

    Each backup, and each file a restore moved aside, that holds this letter, in any
    earlier draft, is written again without it; the journal is written last, so a release
    cut short leaves the letter where the person can see it and release it again. A letter is known in a copy by its id and the moment it was created, so
    a different letter that later took the same id is never touched. A copy that cannot
    be read (another passphrase, damage) is left as it is and named in the result.
    """
    doc = store.get(TABLE, letter_id)
    if doc is None:
        raise InputError(line("letters", "missing"))
    created = doc.get("created_at")
    key = str(letter_id)

    def without_it(data: dict[str, Any]) -> bool:
        table = data.get(TABLE)
        if not isinstance(table, dict):
            return False
        copy = table.get(key)
        if not isinstance(copy, dict):
            return False
        if created and copy.get("created_at") and copy["created_at"] != created:
            return False
        del table[key]
        return True

    return Released(tuple(store.remove_everywhere(TABLE, letter_id, without_it)))


def release_news(released: Released) -> str:
    """What a release did, in words: everywhere, or which older copies it could not open."""
    if released.everywhere:
        return line("letters", "released")
    untouched = released.untouched
    return str(
        line(
            "letters",
            "released_left",
            count=len(untouched),
            names=", ".join(path.name for path in untouched),
        )
    )


# -- letters for later: sealed until a day, then read again --------------------------------

READS = range(1, 6)
LATER_CHOICES = ("week", "month", "three_months")  # then a date the person types
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def add_months(day: date, months: int) -> date:
    """The same day `months` later; a day the month lacks (31 April) becomes its last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def reread_day(choice: str, today: date) -> date:
    """The day a choice from LATER_CHOICES names, counted from the person's `today`."""
    if choice == "week":
        return today + timedelta(days=7)
    if choice == "month":
        return add_months(today, 1)
    if choice == "three_months":
        return add_months(today, 3)
    raise ValueError(choice)


def parse_reread_day(text: str, today: date) -> date:
    """A typed day to read a letter again (YYYY-MM-DD), from tomorrow on.

    Raises InputError with words for the person; nothing is changed by a refusal.
    """
    typed = text.strip()
    example = reread_day("month", today).isoformat()
    if not typed:
        raise InputError(line("letters", "later", "date_empty", example=example))
    if not _ISO_DAY.fullmatch(typed):
        raise InputError(line("letters", "later", "date_unreadable", text=typed, example=example))
    try:
        day = date.fromisoformat(typed)
    except ValueError as exc:
        raise InputError(line("letters", "later", "date_no_such_day", text=typed)) from exc
    if not in_calendar(day):
        raise InputError(out_of_calendar(typed))
    if day <= today:
        raise InputError(line("letters", "later", "date_not_ahead"))
    return day


def is_ready(letter: Letter, today: date, day_starts_at: int, tz: tzinfo | None = None) -> bool:
    """Whether a sealed letter's day to be read again has come and it has not been read since.

    Days are the person's days (`day_of`): a reading at 01:30 belongs to the evening before.
    """
    if not letter.sealed or letter.reread_on is None or letter.reread_on > today:
        return False
    return not any(
        day_of(reread.at, day_starts_at, tz) >= letter.reread_on for reread in letter.rereads
    )


def ready_letters(
    store: Store, today: date, day_starts_at: int, tz: tzinfo | None = None
) -> list[Letter]:
    """Letters whose day to be read again has come, the longest waiting first."""
    ready = [
        letter
        for letter in (_letter(doc_id, doc) for doc_id, doc in store.docs(TABLE))
        if is_ready(letter, today, day_starts_at, tz)
    ]
    return sorted(ready, key=lambda letter: (letter.reread_on or today, letter.id))


def record_reread(store: Store, letter_id: int, *, now: datetime, reads: int) -> None:
    """Keep how a letter reads now beside it. Its words and 'last edited' time stay as they are."""
    if reads not in READS:
        raise ValueError(reads)
    # Under the journal's lock, on the freshest file: a reading from another window stays.
    with store.transaction():
        doc = store.get(TABLE, letter_id)
        if doc is None:
            raise InputError(line("letters", "missing"))
        rereads = [
            *(doc.get("rereads") or []),
            {"at": now.isoformat(timespec="seconds"), "reads": reads},
        ]
        store.update(TABLE, letter_id, {"rereads": rereads})


def reads_words() -> list[str]:
    """The words for each answer, 1 to 5, to "how does it read now?"."""
    words: list[str] = load("letters")["later"]["reads"]
    return words


# -- the four-day course ------------------------------------------------------------------


def course_words() -> dict[str, str]:
    words: dict[str, str] = load("letters")["course"]
    return words


def course_prompt(number: int) -> str:
    return course_words()[f"day{number}"]


def course_rest_words(step: course.Step) -> str:
    """What `w` says when a course has ended and a new one cannot begin yet: from when it can."""
    opens_on = step.opens_on
    if opens_on is None:
        return line("letters", "course", "done")
    when = f"{opens_on:%A} {opens_on.day} {opens_on:%B}"
    return line("letters", "course", "rest", date=when)


def course_step(store: Store, today: date) -> course.Step:
    return course.next_step(course.from_meta(store.meta), today)


def begin_course_session(
    store: Store, *, now: datetime, today: date, fresh: bool = False
) -> tuple[int, int]:
    """Start today's course session: a new letter holding the day's prompt.

    With `fresh`, a new course begins after a finished one (only once it has rested:
    see `course.restart`). Returns (letter id, session number).
    Raises ValueError when today has no session to start (see `course.next_step`).
    The letter and the course's record of it are one write, on the freshest file.
    """
    with store.transaction():
        state = course.from_meta(store.meta)
        if fresh:
            state = course.restart(state, today)
        step = course.next_step(state, today)
        if step.kind not in ("begin", "next"):
            raise ValueError(step.kind)
        letter_id = create_letter(
            store,
            now=now,
            title=line("letters", "course", "title", number=step.number),
            prompt=course_prompt(step.number),
        )
        store.update_meta(course.to_meta(course.record_session(state, today, letter_id)))
    return letter_id, step.number


def todays_course_session(store: Store, letter_id: int, today: date) -> int | None:
    """The session number (1-4) if `letter_id` is the course session written today."""
    for number, session in enumerate(course.from_meta(store.meta).sessions, start=1):
        if session.letter_id == letter_id and session.day == today:
            return number
    return None


# -- the draft being edited -----------------------------------------------------------


@dataclass
class Draft:
    """The editor's text, kept where a save on exit can reach it.

    `saved_*` hold what the journal last accepted; a save writes only when the
    text differs, so calling `save` often is cheap and harmless.
    """

    letter_id: int
    title: str
    body: str
    prompt: str | None = None
    saved_title: str = field(default="")
    saved_body: str = field(default="")
    saved_prompt: str | None = None
    last_saved: datetime | None = None
    # Set when another window changed this letter and this draft was kept as a new one.
    moved_from: int | None = None

    @classmethod
    def of(cls, letter: Letter) -> Draft:
        return cls(
            letter_id=letter.id,
            title=letter.title,
            body=letter.body,
            prompt=letter.prompt,
            saved_title=letter.title,
            saved_body=letter.body,
            saved_prompt=letter.prompt,
            last_saved=letter.updated_at,
        )

    @property
    def dirty(self) -> bool:
        return (self.title, self.body, self.prompt) != (
            self.saved_title,
            self.saved_body,
            self.saved_prompt,
        )

    def save(self, store: Store, now: datetime) -> bool:
        """Write the draft if it changed; returns whether it wrote.

        Another window may have changed or sealed this letter since this draft last
        saw it: then both are kept. The other window's version stays as it is, and
        this draft is saved as a new letter beside it (`moved_from` says so once).
        Raises the store's NoContactError when the disk refuses; the draft then
        stays dirty, so the next call tries again.
        """
        if not self.dirty:
            return False
        title, body, prompt = self.title, self.body, self.prompt
        # Under the journal's lock, on the freshest file: nobody writes in between.
        with store.transaction():
            current = get_letter(store, self.letter_id)
            if current is None:
                return False  # released meanwhile: it was let go on purpose
            changed_elsewhere = (current.title, current.body) != (
                self.saved_title,
                self.saved_body,
            )
            if current.sealed or changed_elsewhere:
                copy_title = line("letters", "kept_both_title", title=title or "")
                copy_id = create_letter(store, now=now, title=copy_title, body=body, prompt=prompt)
                self.moved_from, self.letter_id = self.letter_id, copy_id
                title = copy_title
                wrote = True
            else:
                wrote = update_letter(
                    store, self.letter_id, now=now, title=title, body=body, prompt=prompt
                )
        if not wrote and store.unsaved:
            # An earlier write reached memory but not the disk (a full disk, say): try again.
            store.save()
        self.title = title
        self.saved_title, self.saved_body, self.saved_prompt = title, body, prompt
        self.last_saved = now
        return True

    def finish(self, store: Store, now: datetime) -> bool:
        """Save on leaving the editor; an empty title takes the first words of the body."""
        if not self.title.strip() and self.body.strip():
            self.title = title_from_body(self.body)
        return self.save(store, now)
