"""Taking back the last change, in the domain (no Textual): reasons, contacts, reviews;
and "what helped" starting from what the day's log already shows."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from nocontact_tui.domain import reviews
from nocontact_tui.domain.contacts import delete_contact, list_contacts, log_contact, update_contact
from nocontact_tui.domain.letters import create_letter
from nocontact_tui.domain.reasons import add_reason, delete_reason, edit_reason, list_reasons
from nocontact_tui.domain.reviews import Review, load_review, save_review_undoable
from nocontact_tui.domain.undo import take_back
from nocontact_tui.journal.store import Store

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=BERLIN)
TODAY = date(2026, 11, 21)


def test_an_edited_reason_gets_its_words_and_time_back(store: Store) -> None:
    reason_id = add_reason(store, "the long original words", now=NOW, category="What I need")
    before = store.get("reasons", reason_id)
    assert before is not None
    original = dict(before)
    change = edit_reason(store, reason_id, "oops", now=datetime(2026, 11, 22, 9, tzinfo=BERLIN))
    assert store.get("reasons", reason_id)["text"] == "oops"  # type: ignore[index]
    take_back(store, change)
    assert store.get("reasons", reason_id) == original


def test_a_deleted_reason_returns_with_its_id_and_place(store: Store) -> None:
    ids = [add_reason(store, text, now=NOW, category="What I need") for text in ("a", "b", "c")]
    before = list_reasons(store)
    change = delete_reason(store, ids[1])
    assert [r.text for r in list_reasons(store)] == ["a", "c"]
    take_back(store, change)
    assert list_reasons(store) == before
    # The next new reason does not reuse an id: TinyDB counts from the highest again.
    new = add_reason(store, "d", now=NOW)
    assert new not in ids


def test_a_changed_and_a_removed_contact_come_back_exactly(store: Store) -> None:
    at = datetime(2026, 11, 15, 20, 0, tzinfo=BERLIN)
    contact_id = log_contact(store, "i_reached_out", at, now=NOW, felt_after=5, note="late")
    original = list_contacts(store)
    change = update_contact(store, contact_id, "they_reached_out", at, now=NOW, note=None)
    take_back(store, change)
    assert list_contacts(store) == original
    change = delete_contact(store, contact_id)
    assert list_contacts(store) == []
    take_back(store, change)
    assert list_contacts(store) == original


def test_a_first_review_and_the_contact_it_logged_are_taken_back(store: Store) -> None:
    review = Review(day=TODAY, contact=True, contact_kind="i_replied", felt_after=3, mood=2)
    change = save_review_undoable(store, review, now=NOW, day_starts_at=4, tz=BERLIN)
    assert load_review(store, TODAY) is not None and len(list_contacts(store)) == 1
    take_back(store, change)
    assert load_review(store, TODAY) is None
    assert list_contacts(store) == []


def test_a_review_saved_again_gets_its_earlier_answers_back(store: Store) -> None:
    first = Review(day=TODAY, contact=True, contact_kind="met", felt_after=4, mood=2, note="x")
    save_review_undoable(store, first, now=NOW, day_starts_at=4, tz=BERLIN)
    saved = load_review(store, TODAY)
    contacts = list_contacts(store)
    second = Review(day=TODAY, contact=False, mood=5, note="better")
    change = save_review_undoable(store, second, now=NOW, day_starts_at=4, tz=BERLIN)
    assert list_contacts(store) == []  # "no" removed the contact the first save logged
    take_back(store, change)
    assert load_review(store, TODAY) == saved
    assert list_contacts(store) == contacts


def add_urge(store: Store, started: datetime, outcome: str) -> None:
    store.insert(
        "urges",
        {"started_at": started.isoformat(), "ratings": [[0, 6]], "outcome": outcome},
    )


def test_what_helped_starts_with_a_surfed_urge_and_a_letter(store: Store) -> None:
    add_urge(store, datetime(2026, 11, 21, 9, tzinfo=BERLIN), "surfed")
    create_letter(store, now=datetime(2026, 11, 21, 10, tzinfo=BERLIN), body="dear me")
    assert reviews.helped_from_logs(store, TODAY, 4, BERLIN) == ["urge_surfing", "letter"]
    draft = reviews.start_draft(store, TODAY, 4, BERLIN)
    assert draft.helped == ["urge_surfing", "letter"] and draft.helped_prefilled
    draft.step = "helped"
    assert draft.press("1")  # still the user's to change
    assert draft.helped == ["letter"]


def test_what_helped_leaves_out_other_days_and_urges_not_ridden_out(store: Store) -> None:
    add_urge(store, datetime(2026, 11, 20, 9, tzinfo=BERLIN), "surfed")  # the day before
    add_urge(store, datetime(2026, 11, 21, 9, tzinfo=BERLIN), "abandoned")
    add_urge(store, datetime(2026, 11, 21, 10, tzinfo=BERLIN), "made_contact")
    # 02:00 belongs to the evening before when the day starts at 4.
    create_letter(store, now=datetime(2026, 11, 21, 2, tzinfo=BERLIN), body="late")
    assert reviews.helped_from_logs(store, TODAY, 4, BERLIN) == []
    assert reviews.helped_from_logs(store, date(2026, 11, 20), 4, BERLIN) == [
        "urge_surfing",
        "letter",
    ]
    assert not reviews.start_draft(store, TODAY, 4, BERLIN).helped_prefilled


def test_an_urge_that_ended_in_a_letter_counts_for_both(store: Store) -> None:
    add_urge(store, datetime(2026, 11, 21, 9, tzinfo=BERLIN), "wrote_letter")
    assert reviews.helped_from_logs(store, TODAY, 4, BERLIN) == ["urge_surfing", "letter"]


def test_a_saved_review_keeps_its_own_answer_over_the_log(store: Store) -> None:
    add_urge(store, datetime(2026, 11, 21, 9, tzinfo=BERLIN), "surfed")
    save_review_undoable(
        store, Review(day=TODAY, contact=False, mood=3), now=NOW, day_starts_at=4, tz=BERLIN
    )
    assert reviews.start_draft(store, TODAY, 4, BERLIN).helped == []
