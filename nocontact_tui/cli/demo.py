"""Plausible made-up history, for trying the app out: `nocontact demo --db FILE [--days N]`.

It writes only into a journal that holds nothing yet, so nobody's own entries
are ever mixed with sample ones. The same seed gives the same history.
"""

from __future__ import annotations

import argparse
import math
import os
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from nocontact_tui.cli.common import WRITE_LOCK_WAIT
from nocontact_tui.domain.days import day_of
from nocontact_tui.journal.errors import InputError
from nocontact_tui.texts import line, load

if TYPE_CHECKING:
    import random

    from nocontact_tui.cli.common import Commands
    from nocontact_tui.journal.store import Store

DAY_STARTS_AT = 4
MAX_DAYS = 3660
CONTENT_TABLES = ("contacts", "urges", "reasons", "letters", "reviews", "plans", "people")


# Not a dataclass: this module is imported to build the parser, and dataclasses costs
# every command (`nocontact status` in a prompt) a good part of its time.
class DemoSummary(NamedTuple):
    days: int
    contacts: int
    urges: int
    reviews: int
    reasons: int


def is_blank(store: Store) -> bool:
    """True while the journal holds nothing the user wrote (not even a start date)."""
    if store.meta.get("nc_start"):
        return False
    return not any(any(True for _ in store.docs(table)) for table in CONTENT_TABLES)


def _local(day: date, minutes: int, tz: tzinfo | None) -> datetime:
    """`minutes` after midnight of `day`, local time (may run past midnight)."""
    naive = datetime.combine(day, time()) + timedelta(minutes=minutes)
    return naive.astimezone() if tz is None else naive.replace(tzinfo=tz)


def _urge(rng: random.Random, start: datetime, trap: str, outcome: str) -> dict[str, Any]:
    minutes = rng.randint(6, 22)
    peak = rng.randint(5, 9)
    floor = rng.randint(0, 3) if outcome != "made_contact" else rng.randint(5, 8)
    ratings = []
    for step in range(0, minutes * 60 + 1, 120):
        share = step / (minutes * 60)
        ratings.append([step, round(floor + (peak - floor) * (1 - share) ** 1.5)])
    return {
        "started_at": start.isoformat(timespec="seconds"),
        "ended_at": (start + timedelta(minutes=minutes)).isoformat(timespec="seconds"),
        "trigger": trap,
        "ratings": ratings,
        "outcome": outcome,
        "note": None,
    }


def build_history(
    now: datetime, days: int, tz: tzinfo | None = None, seed: int = 5
) -> tuple[date, dict[str, list[dict[str, Any]]]]:
    """The start day and the documents of `days` days of history ending now, by table.

    Pure: nothing is written, so tests can look at a history without a journal.
    """
    import random

    rng = random.Random(seed)
    today = day_of(now, DAY_STARTS_AT, tz)
    start = today - timedelta(days=days)
    traps = [card["id"] for card in load("traps")["trap"]]
    favourite = traps[:4]  # a few traps come up far more often than the rest, as in life
    skills = [skill["id"] for skill in load("review").get("skills", [])]
    notes = load("demo")["notes"]
    contacts: list[dict[str, Any]] = []
    urges: list[dict[str, Any]] = []
    reviews: list[dict[str, Any]] = []
    forced_slip = start + timedelta(days=max(1, days // 4)) if days >= 14 else None
    run = 0
    for offset in range(days + 1):
        day = start + timedelta(days=offset)
        # Urges come often at first and thin out as the weeks pass.
        rate = 0.35 + 1.4 * math.exp(-offset / 25)
        count = sum(1 for _ in range(3) if rng.random() < rate / 3)
        slip = day == forced_slip or (
            day != today and run > 5 and rng.random() < (0.012 if run < 21 else 0.003)
        )
        strongest = 0
        day_contacts = []
        for n in range(count):
            minute = rng.randint(9 * 60, 23 * 60 + 30)
            moment = _local(day, minute, tz)
            if moment + timedelta(minutes=25) > now:
                continue  # not over yet
            trap = rng.choice(favourite) if rng.random() < 0.7 else rng.choice(traps)
            last = slip and n == count - 1
            outcome = (
                "made_contact"
                if last
                else rng.choices(
                    ["surfed", "reached_someone", "wrote_letter", "abandoned"], [72, 8, 14, 6]
                )[0]
            )
            urge = _urge(rng, moment, trap, outcome)
            urges.append(urge)
            strongest = max(strongest, urge["ratings"][0][1])
            if last:
                kind = rng.choice(["i_replied", "i_reached_out", "met"])
                day_contacts.append(
                    {
                        "at": urge["ended_at"],
                        "kind": kind,
                        "felt_after": rng.choice([4, 4, 5, 3]),
                        "note": rng.choice(notes[kind]) if rng.random() < 0.6 else None,
                    }
                )
        if slip and not day_contacts:
            moment = _local(day, rng.randint(18 * 60, 22 * 60), tz)
            if moment <= now:
                day_contacts.append(
                    {
                        "at": moment.isoformat(timespec="seconds"),
                        "kind": "i_replied",
                        "felt_after": 4,
                        "note": None,
                    }
                )
        if rng.random() < 0.06 * math.exp(-offset / 40) + 0.01:
            moment = _local(day, rng.randint(20 * 60, 25 * 60), tz)
            if moment <= now:
                day_contacts.append(
                    {
                        "at": moment.isoformat(timespec="seconds"),
                        "kind": "checked_socials",
                        "felt_after": rng.choice([3, 4, 5]),
                        "note": None,
                    }
                )
        if rng.random() < 0.03:
            moment = _local(day, rng.randint(10 * 60, 20 * 60), tz)
            if moment <= now:
                day_contacts.append(
                    {
                        "at": moment.isoformat(timespec="seconds"),
                        "kind": "they_reached_out",
                        "felt_after": rng.choice([3, 4]),
                        "note": None,
                    }
                )
        contacts.extend(day_contacts)
        broke = any(c["kind"] in ("i_replied", "i_reached_out", "met") for c in day_contacts)
        run = 0 if broke else run + 1
        if day < today and rng.random() < 0.8:
            reviews.append(
                {
                    "day": day.isoformat(),
                    "mood": max(
                        1, min(5, round(2 + offset / max(days, 1) * 2 + rng.uniform(-1, 1)))
                    ),
                    "strongest_urge": min(10, strongest),
                    "contact": bool(day_contacts),
                    "helped": rng.sample(skills, k=min(len(skills), rng.randint(0, 2))),
                    "kindness": None,
                    "note": None,
                }
            )
    return start, {"contacts": contacts, "urges": urges, "reviews": reviews}


def generate(
    store: Store, *, now: datetime, days: int = 45, tz: tzinfo | None = None, seed: int = 5
) -> DemoSummary:
    """Fill an empty journal with `days` days of sample history; refuse any other journal."""
    if not 1 <= days <= MAX_DAYS:
        raise InputError(line("demo", "bad_days"))
    if not is_blank(store):
        raise InputError(line("demo", "refuse", path=store.path))
    start, history = build_history(now, days, tz, seed)
    stamp = now.isoformat(timespec="seconds")
    from nocontact_tui.domain.reasons import default_categories

    known = set(default_categories())
    reasons = [
        {
            "text": text,
            "category": group if group in known else None,
            "position": n + 1,
            "created_at": stamp,
            "updated_at": stamp,
        }
        for n, (text, group) in enumerate(load("demo")["reasons"])
    ]
    sample = load("demo")
    traps = {card["id"] for card in load("traps")["trap"]}
    plans = [
        {"trap": trap, "text": text, "updated": stamp}
        for trap, text in sample["plans"]
        if trap in traps
    ]
    people = [
        {"name": name, "how": how, "position": n + 1, "created_at": stamp}
        for n, (name, how) in enumerate(sample["people"])
    ]
    # One write per table: a long history would otherwise mean thousands of synced writes.
    for table, docs in [
        *history.items(),
        ("reasons", reasons),
        ("plans", plans),
        ("people", people),
    ]:
        if docs:
            store.db.table(table).insert_multiple(docs)
    store.update_meta({"nc_start": start.isoformat(), "day_starts_at": DAY_STARTS_AT})
    add_letters_for_later(store, now=now, tz=tz)
    return DemoSummary(
        days=days,
        contacts=len(history["contacts"]),
        urges=len(history["urges"]),
        reviews=len(history["reviews"]),
        reasons=len(reasons),
    )


def letters_for_later(now: datetime, tz: tzinfo | None = None) -> list[dict[str, Any]]:
    """Sealed letters with a day to read them again: one whose day is today, and one
    already read again (how it read, kept beside it). Pure, like `build_history`."""
    today = day_of(now, DAY_STARTS_AT, tz)
    letters = []
    for letter_for_later in load("demo")["later"]:
        written = now - timedelta(days=letter_for_later["sealed_days_ago"])
        reread_on = day_of(written, DAY_STARTS_AT, tz) + timedelta(
            days=letter_for_later["reread_in_days"]
        )
        stamp = written.isoformat(timespec="seconds")
        letter: dict[str, Any] = {
            "title": letter_for_later["title"],
            "body": letter_for_later["body"],
            "status": "sealed",
            "prompt": None,
            "created_at": stamp,
            "updated_at": stamp,
            "reread_on": min(reread_on, today).isoformat(),
        }
        if "reads" in letter_for_later:
            read_at = _local(reread_on, 20 * 60 + 30, tz)  # that evening
            letter["rereads"] = [
                {"at": read_at.isoformat(timespec="seconds"), "reads": letter_for_later["reads"]}
            ]
        letters.append(letter)
    return letters


def add_letters_for_later(store: Store, *, now: datetime, tz: tzinfo | None = None) -> None:
    store.db.table("letters").insert_multiple(letters_for_later(now, tz))


def add_parser(commands: Commands) -> None:
    help_text = "write sample history into a new, separate journal"
    demo = commands.add_parser("demo", help=help_text, description=help_text)
    # Its own --db, required in spirit: the sample goes into a new journal the user names.
    demo.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="the new journal file"
    )
    demo.add_argument("--days", type=int, default=45, help="how many days of history (default 45)")


def run(path: Path, args: argparse.Namespace) -> int:
    from nocontact_tui.domain.clock import Clock
    from nocontact_tui.journal.store import Store

    if not args.db and not os.environ.get("NOCONTACT_DB"):
        raise InputError(line("demo", "need_db"))
    clock = Clock()
    with Store.open(path, lock_timeout=WRITE_LOCK_WAIT) as store:
        summary = generate(store, now=clock.now(), days=args.days, tz=clock.tz)
    print(line("demo", "done", path=path, **summary._asdict()))
    return 0
