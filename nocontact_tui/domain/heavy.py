"""A heavy journal of many years, made up, for the benchmark and for tests.

Ten years hold 3,650 reviews, 4,000 urges of 6 ratings, 800 contacts, 300 reasons
and 400 letters of about 3,000 words: more than a decade of daily, heavy use.
The documents are in the store's own format, ready to be written as a journal.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Europe/Berlin")
KINDS = ["i_reached_out", "they_reached_out", "i_replied", "met", "checked_socials"]
OUTCOMES = ["surfed", "surfed", "surfed", "wrote_letter", "made_contact", "abandoned"]
SKILLS = [
    "urge_surfing",
    "breathing",
    "letter",
    "reasons",
    "talked",
    "outside",
    "moved",
    "slept",
    "other",
]
WORDS = [
    "I",
    "remember",
    "the",
    "kitchen",
    "light",
    "and",
    "the",
    "way",
    "the",
    "evening",
    "went",
    "quiet",
    "when",
    "you",
    "came",
    "home",
    "late",
    "again",
    "and",
    "said",
    "it",
    "was",
    "nothing",
    "while",
    "I",
    "kept",
    "the",
    "peace",
    "and",
    "swallowed",
    "what",
    "I",
    "meant",
    "to",
    "say",
    "about",
    "the",
    "months",
    "we",
    "spent",
    "waiting",
    "for",
    "a",
    "change",
    "that",
    "never",
    "came",
    "so",
    "now",
    "I",
    "am",
    "writing",
    "it",
    "here",
    "where",
    "it",
    "can",
    "rest",
]


def _moment(day: date, rng: random.Random) -> datetime:
    return datetime(
        day.year, day.month, day.day, rng.randint(6, 23), rng.randint(0, 59), tzinfo=ZONE
    )


def heavy_journal(today: date, seed: int = 10, years: float = 10) -> dict[str, Any]:
    """The tables of a heavy journal of `years` years ending `today` (the same seed, the same file).

    Ten years is the shape the benchmark uses; fewer years scale every table down.
    """
    rng = random.Random(seed)
    span = round(365 * years)

    def scaled(count_for_ten_years: int) -> int:
        return max(1, round(count_for_ten_years * years / 10))

    start = today - timedelta(days=span)
    days = [start + timedelta(days=i) for i in range(span)]

    def iso(moment: datetime) -> str:
        return moment.isoformat()

    reviews = {
        str(i + 1): {
            "day": day.isoformat(),
            "mood": rng.randint(1, 5),
            "strongest_urge": rng.randint(0, 10),
            "contact": False,
            "helped": rng.sample(SKILLS, 2),
            "kindness": "a long walk" if i % 3 == 0 else None,
            "note": "a steadier day than I expected" if i % 4 == 0 else None,
        }
        for i, day in enumerate(days)
    }
    urges: dict[str, Any] = {}
    for i in range(scaled(4000)):
        began = _moment(rng.choice(days), rng)
        first = rng.randint(5, 10)
        ratings = [[120 * k, max(0, first - k - rng.randint(0, 1))] for k in range(6)]
        urges[str(i + 1)] = {
            "started_at": iso(began),
            "ended_at": iso(began + timedelta(minutes=11)),
            "trigger": rng.choice(["loneliness", "nostalgia", "closure", "socials", "late_night"]),
            "ratings": ratings,
            "outcome": rng.choice(OUTCOMES),
            "note": None,
        }
    contacts = {
        str(i + 1): {
            "at": iso(_moment(rng.choice(days), rng)),
            "kind": rng.choice(KINDS),
            "felt_after": rng.randint(1, 5),
            "note": "it stirred everything up again" if i % 5 == 0 else None,
        }
        for i in range(scaled(800))
    }
    reasons = {
        str(i + 1): {
            "text": f"Reason {i + 1}: " + " ".join(rng.choices(WORDS, k=14)),
            "category": rng.choice(
                ["How I was treated", "What did not work", "What I want instead", "Red flags"]
            ),
            "position": i + 1,
            "created_at": iso(_moment(rng.choice(days), rng)),
            "updated_at": iso(_moment(rng.choice(days), rng)),
        }
        for i in range(scaled(300))
    }
    letters: dict[str, Any] = {}
    for i in range(scaled(400)):
        written = _moment(rng.choice(days), rng)
        body = " ".join(rng.choices(WORDS, k=rng.randint(2500, 3500)))
        letters[str(i + 1)] = {
            "title": f"Letter {i + 1}",
            "body": body,
            "status": rng.choice(["draft", "sealed"]),
            "prompt": None,
            "created_at": iso(written),
            "updated_at": iso(written),
        }
    stamp = f"{start.isoformat()}T10:00:00+00:00"
    meta = {
        "1": {
            "schema_version": 2,
            "nc_start": (today - timedelta(days=40)).isoformat(),
            "day_starts_at": 4,
        }
    }
    return {
        "meta": meta,
        "contacts": contacts,
        "urges": urges,
        "reasons": reasons,
        "letters": letters,
        "reviews": reviews,
        "plans": {
            "1": {"trap": "loneliness", "text": "I call my sister", "updated": stamp},
            "2": {"trap": "closure", "text": "I write it in a letter", "updated": stamp},
        },
        "people": {
            "1": {"name": "Maya", "how": "call", "position": 1, "created_at": stamp},
            "2": {"name": "Jonas", "how": "text", "position": 2, "created_at": stamp},
        },
    }
