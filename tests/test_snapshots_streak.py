"""How the reasons screen, the contact form and the streak view look, with and without colour."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from conftest import BERLIN, NOW

from nocontact_tui.domain.contacts import log_contact
from nocontact_tui.domain.reasons import add_reason, default_categories
from nocontact_tui.journal.store import Store


def with_history(store: Store) -> Store:
    """Three months: two restart points, a look at their profile, urges ridden out, some reviews."""
    store.update_meta({"nc_start": "2026-08-24", "day_starts_at": 4})

    def at(day: str, time: str = "20:00") -> datetime:
        return datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=BERLIN)

    log_contact(
        store, "i_replied", at("2026-09-06"), now=NOW, felt_after=4, note="a birthday message"
    )
    log_contact(store, "met", at("2026-10-03", "15:30"), now=NOW, felt_after=5)
    log_contact(store, "they_reached_out", at("2026-11-03", "11:00"), now=NOW, felt_after=3)
    log_contact(store, "checked_socials", at("2026-11-12", "23:10"), now=NOW, felt_after=4)
    traps = [
        "loneliness",
        "closure",
        "loneliness",
        "nostalgia",
        "late_night",
        "loneliness",
        "closure",
    ]
    for n, day in enumerate(
        [
            "2026-09-01",
            "2026-09-05",
            "2026-09-20",
            "2026-10-01",
            "2026-10-12",
            "2026-11-02",
            "2026-11-15",
        ]
    ):
        start = at(day, "21:00")
        store.insert(
            "urges",
            {
                "started_at": start.isoformat(),
                "ended_at": (start + timedelta(minutes=9 + n)).isoformat(),
                "trigger": traps[n],
                "ratings": [[0, 8], [120, 6], [240, 4], [480, 2]],
                "outcome": "made_contact" if day == "2026-10-01" else "surfed",
            },
        )
    for day in ["2026-11-16", "2026-11-17", "2026-11-19", "2026-11-20"]:
        store.insert("reviews", {"day": day, "mood": 3, "strongest_urge": 4, "contact": False})
    return store


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (40, 12)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_streak(snap_compare, app_factory, set_up_store: Store, size: tuple[int, int]) -> None:
    with_history(set_up_store)
    assert snap_compare(app_factory("streak"), terminal_size=size)


def test_streak_no_color(
    snap_compare, app_factory, set_up_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    with_history(set_up_store)
    assert snap_compare(app_factory("streak"), terminal_size=(80, 24))


def test_streak_history_and_settings(snap_compare, app_factory, set_up_store: Store) -> None:
    with_history(set_up_store)
    assert snap_compare(app_factory("streak"), terminal_size=(100, 30), press=["tab", "down"])


def test_streak_count_hidden(snap_compare, app_factory, set_up_store: Store) -> None:
    with_history(set_up_store).update_meta({"hide_count": True})
    assert snap_compare(app_factory("streak"), terminal_size=(80, 24))


def test_reasons_empty(snap_compare, app_factory, set_up_store: Store) -> None:
    assert snap_compare(app_factory("reasons"), terminal_size=(80, 24))


def test_reasons_three_groups(snap_compare, app_factory, set_up_store: Store) -> None:
    treated, did_not_work, _, flags = default_categories()
    for text, group in [
        ("I was the one who always said sorry first, even when I had done nothing wrong.", treated),
        ("My plans came second to theirs.", treated),
        ("We had the same argument for a year and it never went anywhere new.", did_not_work),
        ("I stopped telling my friends how things really were.", flags),
    ]:
        add_reason(set_up_store, text, now=NOW, category=group)
    assert snap_compare(app_factory("reasons"), terminal_size=(80, 24), press=["down"])


def test_reasons_tiny(snap_compare, app_factory, set_up_store: Store) -> None:
    add_reason(set_up_store, "My plans came second to theirs.", now=NOW, category="What I need")
    assert snap_compare(app_factory("reasons"), terminal_size=(40, 12))


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_contact_form(
    snap_compare, app_factory, set_up_store: Store, size: tuple[int, int]
) -> None:
    assert snap_compare(app_factory("contact"), terminal_size=size, press=["3"])


def test_contact_restart_message(snap_compare, app_factory, set_up_store: Store) -> None:
    assert snap_compare(
        app_factory("contact"), terminal_size=(80, 24), press=["3", "enter", "4", "enter"]
    )
