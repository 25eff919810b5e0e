"""The contact log's domain: reading "when", the words after logging, and the evidence from contacts."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from conftest import BERLIN, NOW
from hypothesis import given
from hypothesis import strategies as st

from nocontact_tui.domain.contact_form import (
    after_logging,
    felt_labels,
    kind_label,
    kind_labels,
    parse_when,
)
from nocontact_tui.domain.contacts import Contact, list_contacts, log_contact
from nocontact_tui.domain.evidence import (
    evidence_for,
    felt_figures,
    save_breaking_kinds,
    save_hide_count,
    surfed_days,
    top_traps,
)
from nocontact_tui.domain.settings import Settings, read_settings
from nocontact_tui.domain.status import compute_status, status_json
from nocontact_tui.domain.streak import compute_streak
from nocontact_tui.domain.urges import Urge
from nocontact_tui.journal.errors import InputError
from nocontact_tui.journal.schema import CONTACT_KINDS
from nocontact_tui.journal.store import Store

# -- when --------------------------------------------------------------------------------


def when(text: str, now: datetime = NOW, hour: int = 4) -> datetime:
    return parse_when(text, now, hour, BERLIN)


def test_now_by_default() -> None:
    assert when("") == NOW and when(" now ") == NOW and when("NOW") == NOW


def test_a_time_earlier_today() -> None:
    assert when("09:15") == datetime(2026, 11, 21, 9, 15, tzinfo=BERLIN)
    assert when("9.15") == datetime(2026, 11, 21, 9, 15, tzinfo=BERLIN)


def test_a_time_after_midnight_belongs_to_the_user_day() -> None:
    two_am = datetime(2026, 11, 22, 2, 0, tzinfo=BERLIN)  # still the 21st's evening
    assert when("23:30", two_am) == datetime(2026, 11, 21, 23, 30, tzinfo=BERLIN)
    assert when("01:30", two_am) == datetime(2026, 11, 22, 1, 30, tzinfo=BERLIN)
    with pytest.raises(InputError):
        when("03:30", two_am)  # later tonight: not yet


def test_a_date_for_backfill_is_its_midday_or_now_if_that_is_earlier() -> None:
    assert when("2026-11-02") == datetime(2026, 11, 2, 12, 0, tzinfo=BERLIN)
    morning = datetime(2026, 11, 21, 9, 0, tzinfo=BERLIN)
    assert when("2026-11-21", morning) == morning
    assert when("2026-11-02 18:30") == datetime(2026, 11, 2, 18, 30, tzinfo=BERLIN)
    assert when("2026-11-02T18:30") == datetime(2026, 11, 2, 18, 30, tzinfo=BERLIN)


@pytest.mark.parametrize(
    "text",
    ["tomorrow", "25:00", "12:75", "2026-13-01", "2026-11-02 7", "2026-11-22", "💔", "x" * 500],
)
def test_unreadable_or_future_times_are_named(text: str) -> None:
    with pytest.raises(InputError) as caught:
        when(text)
    assert caught.value.text and len(caught.value.text) < 200


@given(st.text(max_size=60))
def test_any_typing_either_parses_to_the_past_or_says_why(text: str) -> None:
    try:
        moment = when(text)
    except InputError as exc:
        assert exc.text
    else:
        assert moment <= NOW


# -- words -------------------------------------------------------------------------------


def test_every_kind_and_feeling_has_a_label() -> None:
    assert len(kind_labels()) == len(CONTACT_KINDS) == 5
    assert kind_label("checked_socials") == "I looked at their profile"
    assert felt_labels() == [
        "calmer",
        "a bit calmer",
        "about the same",
        "a bit stirred up",
        "stirred up",
    ]


def test_the_review_says_each_kind_and_feeling_as_the_contact_form_does() -> None:
    from nocontact_tui.domain import reviews

    assert [reviews.kind_label(kind) for kind in CONTACT_KINDS] == kind_labels()
    assert reviews.felt_labels() == felt_labels()


SETTINGS = Settings(nc_start=date(2026, 11, 1))


def after(contacts: list[Contact], new: Contact, settings: Settings = SETTINGS) -> str:
    today = date(2026, 11, 21)
    args = (settings.nc_start, today, settings.day_starts_at, settings.breaking_kinds, BERLIN)
    before = compute_streak(contacts, *args)
    later = compute_streak([*contacts, new], *args)
    day = new.at.astimezone(BERLIN).date()
    return after_logging(before, later, new.id, new.kind, day, settings)


def test_a_restart_is_a_restart_point_with_the_stretch_kept() -> None:
    text = after([], Contact(1, NOW, "i_replied"))
    assert "kept in your history" in text and "20-day" in text and "begins at 04:00" in text
    hidden = after(
        [], Contact(1, NOW, "i_replied"), Settings(nc_start=date(2026, 11, 1), hide_count=True)
    )
    assert "kept in your history" in hidden and "20" not in hidden


def test_other_outcomes_have_their_own_words() -> None:
    assert "does not restart" in after([], Contact(1, NOW, "they_reached_out"))
    assert "digital" in after([], Contact(1, NOW, "checked_socials"))
    early = Contact(1, datetime(2026, 10, 20, 12, tzinfo=BERLIN), "met")
    assert "2026-11-01" in after([], early)
    first = Contact(1, NOW - timedelta(hours=1), "met")
    assert "unchanged" in after([first], Contact(2, NOW, "met"))
    assert "already under way" in after(
        [], Contact(1, datetime(2026, 11, 1, 12, tzinfo=BERLIN), "met")
    )


def test_no_word_of_blame() -> None:
    from nocontact_tui.texts import load

    words = " ".join(str(v) for v in load("contact")["messages"].values()).casefold()
    for word in ("fail again", "weak", "should have", "shame", "relapse", "bad "):
        assert word not in words


# -- evidence from contacts and urges -------------------------------------------------------


def test_felt_figures_count_each_answer_and_the_share_that_felt_worse() -> None:
    contacts = [
        Contact(i, NOW, "met", felt_after=f) for i, f in enumerate([1, 4, 5, 5, None, 3], 1)
    ]
    felt = felt_figures(contacts)
    assert felt.counts == {1: 1, 2: 0, 3: 1, 4: 1, 5: 2}
    assert (felt.rated, felt.worse, felt.worse_share) == (5, 3, 0.6)
    assert felt_figures([]).worse_share is None


def urge(start: datetime, outcome: str, trigger: str | None = None) -> Urge:
    return Urge(
        id=1,
        started_at=start,
        ended_at=start + timedelta(minutes=10),
        trigger=trigger,
        outcome=outcome,
    )


def test_top_three_traps_by_name() -> None:
    urges = [
        urge(NOW, "surfed", t)
        for t in ["guilt", "closure", "guilt", "nope", "worry", "closure", "guilt", "late_night"]
    ]
    traps = top_traps(urges)
    assert [n for _, n in traps] == [3, 2, 1]
    assert traps[0][0] == "Guilt about the ending"
    assert all(name != "nope" for name, _ in traps)


def test_surfed_days_follow_the_day_start() -> None:
    urges = [
        urge(datetime(2026, 11, 20, 1, 30, tzinfo=BERLIN), "surfed"),  # the 19th's evening
        urge(datetime(2026, 11, 20, 12, 0, tzinfo=BERLIN), "made_contact"),
        urge(datetime(2026, 11, 18, 12, 0, tzinfo=BERLIN), "wrote_letter"),
    ]
    assert surfed_days(urges, 4, BERLIN) == {date(2026, 11, 19), date(2026, 11, 18)}


def test_evidence_from_the_journal(set_up_store: Store) -> None:
    log_contact(set_up_store, "met", NOW - timedelta(days=3), now=NOW, felt_after=5)
    log_contact(set_up_store, "checked_socials", NOW - timedelta(days=2), now=NOW, felt_after=2)
    start = NOW - timedelta(days=1)
    set_up_store.insert(
        "urges",
        {
            "started_at": start.isoformat(),
            "ended_at": (start + timedelta(minutes=12)).isoformat(),
            "ratings": [[0, 8], [120, 6], [600, 2]],
            "outcome": "surfed",
            "trigger": "guilt",
        },
    )
    evidence = evidence_for(set_up_store)
    assert evidence.felt.counts[5] == 1 and evidence.felt.worse == 1
    assert (evidence.urges.surfed, evidence.urges.median_minutes, evidence.urges.median_drop) == (
        1,
        12.0,
        6,
    )
    assert evidence.traps == (("Guilt about the ending", 1),)


# -- settings shown on the streak view -------------------------------------------------------


def test_breaking_kinds_and_hidden_count_are_saved_in_meta(set_up_store: Store) -> None:
    log_contact(set_up_store, "checked_socials", NOW - timedelta(days=2), now=NOW)
    assert compute_status(set_up_store, NOW, BERLIN).streak.current == 20
    assert save_breaking_kinds(set_up_store, ["checked_socials", "met", "met"]) == (
        "met",
        "checked_socials",
    )
    assert read_settings(set_up_store).breaking_kinds == ("met", "checked_socials")
    assert compute_status(set_up_store, NOW, BERLIN).streak.current == 1
    save_hide_count(set_up_store, True)
    status = compute_status(set_up_store, NOW, BERLIN)
    assert status_json(status)["streak"] is None and status.settings.hide_count
    save_breaking_kinds(set_up_store, [])
    assert compute_status(set_up_store, NOW, BERLIN).streak.current == 20
    assert len(list_contacts(set_up_store)) == 1  # logging and the log are untouched
