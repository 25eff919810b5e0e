"""The shape of the data file: its tables, the fields each document may hold, and migrations.

A file is checked once, when it is loaded. After that every document the domain
reads is known to be well formed, so no screen has to guard against a string
where a number belongs.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from datetime import date, datetime
from itertools import chain, repeat
from operator import attrgetter, itemgetter
from typing import Any

from nocontact_tui.texts import line

SCHEMA_VERSION = 2

CONTACT_KINDS = ("i_reached_out", "they_reached_out", "i_replied", "met", "checked_socials")
# Kinds that end a streak unless the user says otherwise (DESIGN.md: "Data").
DEFAULT_BREAKING_KINDS = ("i_reached_out", "i_replied", "met")
URGE_OUTCOMES = ("surfed", "wrote_letter", "reached_someone", "made_contact", "abandoned")
LETTER_STATUSES = ("draft", "sealed")
TABLES = ("meta", "contacts", "urges", "reasons", "letters", "reviews", "plans", "people")

Check = Callable[[Any], bool]
# The same test over every non-None value of a field in one table at once, done in C
# loops (map, set, min) instead of one Python call per value. It may only say True
# when `check` would accept every value; anything odd (or any exception) says False,
# and the file is then checked value by value, which names the problem.
ColumnCheck = Callable[[list[Any]], bool]
COLUMN_CHECKS: dict[Check, ColumnCheck] = {}


def _types_within(values: list[Any], types: frozenset[type]) -> bool:
    return set(map(type, values)) <= types


INT = frozenset({int})  # exact types: bool, a subclass of int, fails here and is judged one by one
STR = frozenset({str})
NUMBER = frozenset({int, float})
BOOL = frozenset({bool})
LIST = frozenset({list})
RATINGS = frozenset(range(11))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def int_between(low: int, high: int) -> Check:
    def check(v: Any) -> bool:
        return _is_int(v) and low <= v <= high

    COLUMN_CHECKS[check] = lambda vs: (
        _types_within(vs, INT) and (not vs or (low <= min(vs) and max(vs) <= high))
    )
    return check


def one_of(choices: tuple[str, ...]) -> Check:
    def check(v: Any) -> bool:
        return isinstance(v, str) and v in choices

    allowed = frozenset(choices)
    COLUMN_CHECKS[check] = lambda vs: _types_within(vs, STR) and set(vs) <= allowed
    return check


def is_str(v: Any) -> bool:
    return isinstance(v, str)


def is_bool(v: Any) -> bool:
    return isinstance(v, bool)


def is_number(v: Any) -> bool:
    return (_is_int(v) or isinstance(v, float)) and math.isfinite(v)


# Every stored time and day lies in these years. No one keeps a journal of days before
# 1900 or after 2200, so anything outside was damaged or typed by mistake; and inside,
# every step the app takes (a zone's offset of up to a day, the day-start hour, a week
# back or ahead, the ISO week of the Markdown export) stays thousands of years away
# from Python's limits of year 1 and year 9999, where those steps raised OverflowError.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200


def in_calendar(moment: date) -> bool:
    """Whether a date or datetime (by its own wall clock) lies in the years the app keeps."""
    return EARLIEST_YEAR <= moment.year <= LATEST_YEAR


def out_of_calendar(value: str) -> str:
    """The message refusing `value`, a time typed outside the years the app keeps."""
    return line(
        "messages", "date_out_of_range", value=value, earliest=EARLIEST_YEAR, latest=LATEST_YEAR
    )


def is_datetime(v: Any) -> bool:
    if not isinstance(v, str):
        return False
    try:
        parsed = datetime.fromisoformat(v)
    except ValueError:
        return False
    return parsed.tzinfo is not None and in_calendar(parsed)


def is_date(v: Any) -> bool:
    if not isinstance(v, str) or len(v) != 10:
        return False
    try:
        parsed = date.fromisoformat(v)
    except ValueError:
        return False
    return in_calendar(parsed)


def list_of(item: Check) -> Check:
    def check(v: Any) -> bool:
        return type(v) is list and all(item(x) for x in v)

    COLUMN_CHECKS[check] = lambda vs: (
        _types_within(vs, LIST) and COLUMN_CHECKS[item](list(chain.from_iterable(vs)))
    )
    return check


def is_ratings(v: Any) -> bool:
    """[[seconds, 0..10], ...]. Written out plainly: a ten-year file holds tens of thousands."""
    if type(v) is not list:
        return False
    for r in v:
        if type(r) is not list or len(r) != 2:
            return False
        seconds, rating = r
        if type(rating) is not int or not 0 <= rating <= 10:
            return False
        kind = type(seconds)
        if kind is int:
            if seconds < 0:
                return False
        elif kind is not float or not 0 <= seconds < math.inf:
            return False
    return True


def _consume(iterator: Any) -> None:
    deque(iterator, maxlen=0)


def _years_within(values: list[str]) -> bool:
    """For strings that all parse as ISO dates or times: whether their years are in range.

    Every one starts with its year in four ASCII digits (fromisoformat takes no other
    form), so the smallest and the largest string hold the smallest and largest year.
    """
    return not values or (
        min(values)[:4] >= f"{EARLIEST_YEAR:04d}" and max(values)[:4] <= f"{LATEST_YEAR:04d}"
    )


def _aware_datetimes(values: list[Any]) -> bool:
    if not _types_within(values, STR):
        return False
    if None in map(attrgetter("tzinfo"), map(datetime.fromisoformat, values)):
        return False
    return _years_within(values)


def _dates(values: list[Any]) -> bool:
    if not _types_within(values, STR) or not set(map(len, values)) <= {10}:
        return False
    _consume(map(date.fromisoformat, values))
    return _years_within(values)


def _all_ratings(values: list[Any]) -> bool:
    if not _types_within(values, LIST):
        return False
    pairs = list(chain.from_iterable(values))
    if not _types_within(pairs, LIST) or not set(map(len, pairs)) <= {2}:
        return False
    flat = list(chain.from_iterable(pairs))
    seconds, ratings = flat[0::2], flat[1::2]
    if not (_types_within(ratings, INT) and set(ratings) <= RATINGS):
        return False
    kinds = set(map(type, seconds))
    if not kinds <= NUMBER or (float in kinds and not all(map(math.isfinite, seconds))):
        return False
    return not seconds or min(seconds) >= 0


COLUMN_CHECKS.update(
    {
        _is_int: lambda vs: _types_within(vs, INT),
        is_str: lambda vs: _types_within(vs, STR),
        is_bool: lambda vs: _types_within(vs, BOOL),
        is_number: lambda vs: _types_within(vs, NUMBER) and all(map(math.isfinite, vs)),
        is_datetime: _aware_datetimes,
        is_date: _dates,
        is_ratings: _all_ratings,
    }
)


COURSE_DAYS = 4  # the expressive-writing course: one session a day on four days


def is_course(value: Any) -> bool:
    """Whether `value` is a stored course (checked when the journal is loaded)."""
    if not isinstance(value, dict) or not isinstance(value.get("sessions"), list):
        return False
    for item in value["sessions"]:
        if not isinstance(item, dict) or not isinstance(item.get("day"), str):
            return False
        try:
            day = date.fromisoformat(item["day"])
        except ValueError:
            return False
        if not in_calendar(day):
            return False
        letter = item.get("letter")
        if letter is not None and (not isinstance(letter, int) or isinstance(letter, bool)):
            return False
    return len(value["sessions"]) <= COURSE_DAYS


COLUMN_CHECKS[is_course] = lambda vs: all(map(is_course, vs))


def is_rereads(value: Any) -> bool:
    """A letter's readings on or after its day: [{"at": aware ISO time, "reads": 1..5}, ...]."""
    return type(value) is list and all(
        isinstance(item, dict)
        and set(item) == {"at", "reads"}
        and is_datetime(item["at"])
        and _is_int(item["reads"])
        and 1 <= item["reads"] <= 5
        for item in value
    )


def is_milestones_shown(value: Any) -> bool:
    """Milestones Home has shown once: [{"days": N, "since": the stretch's first day}, ...]."""
    return type(value) is list and all(
        isinstance(item, dict)
        and set(item) == {"days", "since"}
        and _is_int(item["days"])
        and item["days"] >= 0
        and is_date(item["since"])
        for item in value
    )


COLUMN_CHECKS[is_rereads] = lambda vs: all(map(is_rereads, vs))
COLUMN_CHECKS[is_milestones_shown] = lambda vs: all(map(is_milestones_shown, vs))


# field -> (check, required). A missing optional field or a None value is fine.
FIELDS: dict[str, dict[str, tuple[Check, bool]]] = {
    "meta": {
        "schema_version": (_is_int, True),
        "nc_start": (is_date, False),
        "day_starts_at": (int_between(0, 23), False),
        "urge_minutes": (int_between(1, 120), False),
        "breaking_kinds": (list_of(one_of(CONTACT_KINDS)), False),
        "hide_count": (is_bool, False),
        "course": (is_course, False),
        "title": (is_str, False),
        "reason_categories": (list_of(is_str), False),
        "idle_lock_minutes": (int_between(0, 240), False),
        "theme": (is_str, False),  # a Textual theme name; one the app lacks is not applied
        "milestones_shown": (is_milestones_shown, False),  # Home shows each moment once
    },
    "contacts": {
        "at": (is_datetime, True),
        "kind": (one_of(CONTACT_KINDS), True),
        "felt_after": (int_between(1, 5), False),
        "note": (is_str, False),
    },
    "urges": {
        "started_at": (is_datetime, True),
        "ended_at": (is_datetime, False),
        "trigger": (is_str, False),
        "ratings": (is_ratings, False),
        "outcome": (one_of(URGE_OUTCOMES), False),
        "note": (is_str, False),
        "say": (is_str, False),  # typed at check-in: what the urge asks for, what they need
        "minutes": (int_between(1, 120), False),  # the planned length of the surf
    },
    "reasons": {
        "text": (is_str, True),
        "category": (is_str, False),
        "position": (is_number, False),
        "created_at": (is_datetime, False),
        "updated_at": (is_datetime, False),
    },
    "letters": {
        "title": (is_str, False),
        "body": (is_str, True),
        "status": (one_of(LETTER_STATUSES), False),
        "prompt": (is_str, False),
        "created_at": (is_datetime, False),
        "updated_at": (is_datetime, False),
        "reread_on": (is_date, False),  # sealed until this day, then Home says it is ready
        "rereads": (is_rereads, False),
    },
    "reviews": {
        "day": (is_date, True),
        "mood": (int_between(1, 5), False),
        "strongest_urge": (int_between(0, 10), False),
        "contact": (is_bool, False),
        "helped": (list_of(is_str), False),
        "kindness": (is_str, False),
        "note": (is_str, False),
        "contact_kind": (one_of(CONTACT_KINDS), False),
        "felt_after": (int_between(1, 5), False),
        "contact_id": (_is_int, False),  # the contact event a "yes" stands for
        "contact_created": (is_bool, False),  # whether the review logged that event itself
    },
    "plans": {  # the person's own if-then plan for one trap card (version 2)
        "trap": (is_str, True),  # the card's id in content/traps.toml
        "text": (is_str, True),
        "updated": (is_datetime, False),
    },
    "people": {  # someone to reach instead: a name and how (version 2); nothing is dialled
        "name": (is_str, True),
        "how": (is_str, False),
        "position": (is_number, False),
        "created_at": (is_datetime, False),
    },
}


class ShapeError(ValueError):
    """The parsed file is not a nocontact journal of a shape we know. The text is for the user."""


def check_shape(data: Any) -> int | None:
    """Check a parsed file; return its schema version, or None for an empty journal.

    Raises ShapeError with a message naming what is wrong.
    """
    if not isinstance(data, dict):
        raise ShapeError(line("messages", "problem_not_object"))
    if not _tables_look_right(data):
        for name, table in data.items():
            if not isinstance(table, dict):
                raise ShapeError(line("messages", "problem_table", table=name))
            for doc_id, doc in table.items():
                if not (is_doc_id(doc_id) and isinstance(doc, dict)):
                    raise ShapeError(line("messages", "problem_table", table=name))
    meta = data.get("meta") or {}
    if not meta:
        if any(data.values()):
            raise ShapeError(line("messages", "problem_no_version"))
        return None
    if len(meta) != 1:
        raise ShapeError(line("messages", "problem_meta"))
    version = next(iter(meta.values())).get("schema_version")
    if not _is_int(version) or version < 1:
        raise ShapeError(line("messages", "problem_no_version"))
    if version > SCHEMA_VERSION:
        return version  # the caller refuses it before looking at fields it does not know
    if version == SCHEMA_VERSION:
        check_fields(data)
    return version


def is_doc_id(doc_id: Any) -> bool:
    """An id as TinyDB writes one: ASCII digits, no leading zero.

    str.isdigit() takes "²" and str.isdecimal() takes "٣", which int() reads as 3 or
    refuses; and "01" and "1" are both entry 1, so one of them is lost on the next write.
    """
    return (
        isinstance(doc_id, str)
        and doc_id.isascii()
        and doc_id.isdecimal()
        and (doc_id[0] != "0" or doc_id == "0")
    )


def _ids_look_right(ids: list[Any]) -> bool:
    return (
        _types_within(ids, STR)
        and all(map(str.isascii, ids))
        and all(map(str.isdecimal, ids))
        and "0" not in set(map(itemgetter(0), ids))  # an id "0" is judged one by one
    )


def _tables_look_right(data: dict[str, Any]) -> bool:
    """Every table a dict of plain-id strings to dicts, tested in C loops; False if unsure."""
    try:
        return _types_within(list(data.values()), frozenset({dict})) and all(
            _ids_look_right(list(table)) and _types_within(list(table.values()), frozenset({dict}))
            for table in data.values()
        )
    except Exception:
        return False


def _fields_look_right(data: dict[str, Any]) -> bool:
    """Whether every field of every document passes, one column at a time; False if unsure."""
    try:
        for name, fields in FIELDS.items():
            docs = list(data.get(name, {}).values())
            if not docs:
                continue
            for field, (check, required) in fields.items():
                values = list(map(dict.get, docs, repeat(field)))
                if None in values:
                    if required:
                        return False
                    values = [v for v in values if v is not None]
                if values and not COLUMN_CHECKS[check](values):
                    return False
    except Exception:
        return False
    return True


def check_fields(data: dict[str, Any]) -> None:
    if _fields_look_right(data):
        return
    for name, fields in FIELDS.items():
        checks = tuple((field, check, required) for field, (check, required) in fields.items())
        for doc_id, doc in data.get(name, {}).items():
            get = doc.get
            for field, check, required in checks:
                value = get(field)
                if value is None:
                    if required:
                        raise ShapeError(
                            line("messages", "problem_field", table=name, id=doc_id, field=field)
                        )
                elif not check(value):
                    raise ShapeError(_problem(name, doc_id, field, value))


def _problem(table: str, doc_id: str, field: str, value: Any) -> str:
    """What is wrong with a value its check refused: a time out of range is named as one."""
    for kind in (datetime, date):
        try:
            parsed = kind.fromisoformat(value)
        except (TypeError, ValueError):
            continue
        if not in_calendar(parsed):
            return line(
                "messages",
                "problem_out_of_range",
                table=table,
                id=doc_id,
                field=field,
                earliest=EARLIEST_YEAR,
                latest=LATEST_YEAR,
            )
    return line("messages", "problem_field", table=table, id=doc_id, field=field)


# Each migration turns a file of version N (the key) into version N + 1, in place.
Migration = Callable[[dict[str, Any]], None]


def _plans_and_people(data: dict[str, Any]) -> None:
    """Version 1 to 2: room for the person's if-then plans and the people to reach instead."""
    data.setdefault("plans", {})
    data.setdefault("people", {})


MIGRATIONS: dict[int, Migration] = {1: _plans_and_people}


def migrate(
    data: dict[str, Any],
    target: int | None = None,
    migrations: dict[int, Migration] | None = None,
) -> bool:
    """Bring `data` up to `target` (default: this version) in place; return whether anything changed."""
    target = SCHEMA_VERSION if target is None else target
    steps = MIGRATIONS if migrations is None else migrations
    meta = next(iter(data["meta"].values()))
    changed = False
    while meta["schema_version"] < target:
        version = meta["schema_version"]
        steps[version](data)
        meta = next(iter(data["meta"].values()))
        meta["schema_version"] = version + 1
        changed = True
    return changed
