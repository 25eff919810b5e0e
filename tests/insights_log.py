"""A made-up ten-week log with something for every insights section, with no randomness."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from conftest import BERLIN, NOW

from nocontact_tui.journal.store import Store

TRAPS = ("loneliness", "closure", "nostalgia", "late_night")
HELPED = (("outside",), ("talked", "outside"), (), ("moved",), ())


def fill_log(store: Store, days: int = 70) -> Store:
    today = NOW.date()
    first = today - timedelta(days=days - 1)
    for offset in range(days):
        day = first + timedelta(days=offset)
        # Urges thin out: two a day at first, then one every other day, then fewer.
        count = 2 if offset < days // 3 else 1 if offset % 2 == 0 else 0
        for n in range(count):
            hour = 21 if day.weekday() == 6 else (9, 14, 19, 23)[(offset + n) % 4]
            start = datetime(day.year, day.month, day.day, hour, 10, tzinfo=BERLIN)
            if start > NOW:
                continue
            peak = max(2, 9 - offset // 10)
            store.insert(
                "urges",
                {
                    "started_at": start.isoformat(),
                    "ended_at": (start + timedelta(minutes=12)).isoformat(),
                    "trigger": TRAPS[(offset + n) % len(TRAPS)],
                    "ratings": [[0, peak], [120, max(0, peak - 2)], [600, max(0, peak - 5)]],
                    "outcome": "made_contact" if offset in (9, 30) and n == 0 else "surfed",
                },
            )
        if day < today:
            store.insert(
                "reviews",
                {
                    "day": day.isoformat(),
                    "mood": 2 + (offset % 5 == 0) + (offset > days // 2),
                    "strongest_urge": None,
                    "contact": offset in (9, 30),
                    "helped": list(HELPED[offset % len(HELPED)]),
                },
            )
    for offset, kind, felt in [
        (9, "i_replied", 4),
        (30, "i_reached_out", 5),
        (40, "checked_socials", 4),
        (50, "checked_socials", 3),
        (60, "checked_socials", 4),
    ]:
        day = first + timedelta(days=offset)
        moment = datetime(day.year, day.month, day.day, 22, 0, tzinfo=BERLIN)
        store.insert("contacts", {"at": moment.isoformat(), "kind": kind, "felt_after": felt})
    rereads = [
        {"at": f"{date(2026, 10, d).isoformat()}T20:00:00+02:00", "reads": r}
        for d, r in [(3, 2), (10, 2), (17, 3), (24, 3), (31, 4)]
    ]
    store.insert(
        "letters",
        {"title": "To you, a month on", "body": "Words.", "status": "draft", "rereads": rereads},
    )
    store.update_meta({"nc_start": first.isoformat(), "day_starts_at": 4})
    return store
