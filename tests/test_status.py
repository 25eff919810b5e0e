"""The streak and status at frozen times: day-start hour, DST, kinds that count, the future."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from nocontact_tui.domain.contacts import Contact, log_contact
from nocontact_tui.domain.days import day_of
from nocontact_tui.domain.status import compute_status, status_json, status_lines
from nocontact_tui.domain.streak import compute_streak
from nocontact_tui.journal.errors import InputError
from nocontact_tui.journal.store import Store

BERLIN = ZoneInfo("Europe/Berlin")
BREAKING = ("i_reached_out", "i_replied", "met")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


def streak_on(
    now: str, contacts: list[Contact], start: date = date(2027, 3, 1), day_starts_at: int = 4
):
    today = day_of(at(now), day_starts_at, BERLIN)
    return compute_streak(contacts, start, today, day_starts_at, BREAKING, BERLIN)


def test_an_early_morning_still_belongs_to_the_evening_before() -> None:
    assert day_of(at("2027-03-10T01:30"), 4, BERLIN) == date(2027, 3, 9)
    assert day_of(at("2027-03-10T04:00"), 4, BERLIN) == date(2027, 3, 10)
    assert day_of(at("2027-03-10T23:59"), 0, BERLIN) == date(2027, 3, 10)
    assert day_of(at("2027-03-10T22:59"), 23, BERLIN) == date(2027, 3, 9)


def test_whole_days_since_the_start() -> None:
    assert streak_on("2027-03-01T12:00", []).current == 0
    assert streak_on("2027-03-02T03:59", []).current == 0  # still the first day
    assert streak_on("2027-03-02T04:00", []).current == 1


def test_dst_change_does_not_move_the_count() -> None:
    # Berlin springs forward on 2027-03-28 at 02:00: that day has 23 hours.
    assert streak_on("2027-03-28T12:00", []).current == 27
    assert streak_on("2027-03-29T04:00", []).current == 28
    # ...and falls back on 2027-10-31: 25 hours, still one day.
    assert streak_on("2027-10-31T12:00", []).current == 244
    assert streak_on("2027-11-01T03:59", []).current == 244
    assert streak_on("2027-11-01T04:00", []).current == 245


def test_a_late_night_contact_belongs_to_the_evening_before() -> None:
    slip = Contact(1, at("2027-03-11T01:30"), "i_reached_out")
    result = streak_on("2027-03-20T12:00", [slip])
    assert result.attempts[0].end == date(2027, 3, 10)
    assert result.current == 9  # 11th..19th
    assert result.longest == 9


def test_kinds_that_do_not_count_keep_the_streak_and_socials_have_their_own() -> None:
    contacts = [
        Contact(1, at("2027-03-05T12:00"), "they_reached_out"),
        Contact(2, at("2027-03-07T12:00"), "checked_socials"),
    ]
    result = streak_on("2027-03-10T12:00", contacts)
    assert result.current == 9
    assert result.digital == 2
    assert len(result.attempts) == 1


def test_every_attempt_is_kept() -> None:
    contacts = [
        Contact(1, at("2027-03-04T20:00"), "met"),
        Contact(2, at("2027-03-08T09:00"), "i_replied"),
    ]
    result = streak_on("2027-03-10T12:00", contacts)
    assert [(a.start, a.days, a.ended_by) for a in result.attempts] == [
        (date(2027, 3, 1), 3, 1),
        (date(2027, 3, 5), 3, 2),
        (date(2027, 3, 9), 1, None),
    ]
    assert result.longest == 3
    assert result.restart_at == at("2027-03-08T09:00")


def test_a_contact_in_the_future_is_refused(store: Store) -> None:
    now = at("2026-11-21T12:00")
    with pytest.raises(InputError) as refused:
        log_contact(store, "met", now + timedelta(minutes=5), now=now)
    assert "future" in refused.value.text
    assert list(store.docs("contacts")) == []


def test_status_hides_the_count_when_asked(store: Store) -> None:
    store.update_meta({"nc_start": "2026-11-01", "hide_count": True})
    data = status_json(compute_status(store, at("2026-11-21T12:00"), BERLIN))
    assert data["streak"] is None and data["longest"] is None and data["hide_count"] is True


def test_a_clock_before_the_start_date_means_not_started(store: Store) -> None:
    store.update_meta({"nc_start": "2026-12-01"})
    status = compute_status(store, at("2026-11-21T12:00"), BERLIN)
    assert not status.streak.started
    assert "set for 2026-12-01" in status_lines(status)[0]


@pytest.mark.parametrize(
    ("now", "lines"),
    [
        ("2026-11-21T12:00", ["0 days without contact", "Longest: 0 days"]),
        ("2026-11-22T12:00", ["1 day without contact", "Longest: 1 day"]),
        ("2026-11-23T12:00", ["2 days without contact", "Longest: 2 days"]),
    ],
)
def test_one_day_is_said_as_one_day(store: Store, now: str, lines: list[str]) -> None:
    store.update_meta({"nc_start": "2026-11-21"})
    assert status_lines(compute_status(store, at(now), BERLIN))[:2] == lines


def test_status_leads_with_contact_free_days_and_keeps_no_score_of_restarts(
    store: Store,
) -> None:
    # Issue 15: the days without contact lead; how often the count restarted is no headline.
    store.update_meta({"nc_start": "2026-11-01"})
    log_contact(store, "met", at("2026-11-05T12:00"), now=at("2026-11-05T12:00"))
    log_contact(store, "i_replied", at("2026-11-10T12:00"), now=at("2026-11-10T12:00"))
    lines = status_lines(compute_status(store, at("2026-11-21T12:00"), BERLIN))
    # 4 days before the first contact, 4 between them, 10 since the second.
    assert lines[:3] == [
        "10 days without contact",
        "18 contact-free days in all since you began",
        "Longest: 10 days",
    ]
    assert not any("start" in text_line.casefold() for text_line in lines[1:])


def test_one_stretch_needs_no_total(store: Store) -> None:
    store.update_meta({"nc_start": "2026-11-01"})
    lines = status_lines(compute_status(store, at("2026-11-21T12:00"), BERLIN))
    assert not any("in all" in text_line for text_line in lines)
