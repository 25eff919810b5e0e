"""The daily review's domain: which day, prefill from the urge log, one contact per review, the week."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nocontact_tui.domain import reviews
from nocontact_tui.domain.contacts import delete_contact, list_contacts, log_contact
from nocontact_tui.domain.days import day_of
from nocontact_tui.domain.reviews import Draft, Review, save_review, start_draft
from nocontact_tui.journal.errors import InputError, WriteError
from nocontact_tui.journal.store import Store
from nocontact_tui.texts import line

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=BERLIN)
TODAY = date(2026, 11, 21)
SKILLS = tuple(s for s, _ in reviews.skills())


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)  # type: ignore[misc]


def save(store: Store, review: Review, now: datetime = NOW, day_starts_at: int = 4) -> int:
    return save_review(store, review, now=now, day_starts_at=day_starts_at, tz=BERLIN)


def add_urge(store: Store, started: datetime, ratings: list[int]) -> None:
    store.insert(
        "urges",
        {
            "started_at": started.isoformat(),
            "ratings": [[i * 120, r] for i, r in enumerate(ratings)],
        },
    )


# -- which day ----------------------------------------------------------------------------


def test_a_review_at_one_in_the_morning_belongs_to_the_evening_before(store: Store) -> None:
    night = at(2026, 11, 22, 1, 0)
    assert day_of(night, 4, BERLIN) == date(2026, 11, 21)
    save(
        store,
        Review(day=date(2026, 11, 21), contact=True, contact_kind="i_replied", mood=3),
        now=night,
    )
    [contact] = list_contacts(store)
    assert contact.at == night  # today's contact is logged at the moment of the review
    assert day_of(contact.at, 4, BERLIN) == date(2026, 11, 21)
    with pytest.raises(InputError):
        save(store, Review(day=date(2026, 11, 22), mood=3), now=night)  # that day has not begun


def test_the_day_start_hour_moves_the_boundary(store: Store) -> None:
    just_after = at(2026, 11, 22, 4, 0)
    assert day_of(just_after, 4, BERLIN) == date(2026, 11, 22)
    save(store, Review(day=date(2026, 11, 22), mood=4), now=just_after)
    assert reviews.is_reviewed(store, date(2026, 11, 22))


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2026, 10, 25, 3, 30), date(2026, 10, 24)),  # the autumn night is 25 hours long
        (at(2026, 10, 25, 4, 0), date(2026, 10, 25)),
        (at(2027, 3, 28, 3, 30), date(2027, 3, 27)),  # the spring night is 23 hours long
        (at(2027, 3, 28, 4, 0), date(2027, 3, 28)),
    ],
)
def test_day_boundary_stays_at_the_day_start_hour_across_dst(
    moment: datetime, expected: date
) -> None:
    assert day_of(moment, 4, BERLIN) == expected


def test_urges_in_the_small_hours_of_a_dst_night_prefill_the_evening_before(store: Store) -> None:
    add_urge(
        store, at(2026, 10, 25, 2, 30), [8, 5]
    )  # 02:30 happens twice that night; both belong to the 24th
    add_urge(store, datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN), [9])
    assert reviews.strongest_logged_urge(store, date(2026, 10, 24), 4, BERLIN) == 9
    assert reviews.strongest_logged_urge(store, date(2026, 10, 25), 4, BERLIN) is None


days_back = st.integers(min_value=1, max_value=800)
moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31)).map(
    lambda naive: naive.replace(tzinfo=BERLIN)
)


@given(now=moments, back=days_back, day_starts_at=st.integers(min_value=0, max_value=23))
def test_a_backfilled_contact_lies_inside_its_day_and_never_in_the_future(
    now: datetime, back: int, day_starts_at: int
) -> None:
    today = day_of(now, day_starts_at, BERLIN)
    day = today - timedelta(days=back)
    moment = reviews.contact_moment(day, now, day_starts_at, BERLIN)
    assert day_of(moment, day_starts_at, BERLIN) == day
    assert moment <= now


@given(now=moments, day_starts_at=st.integers(min_value=0, max_value=23))
def test_todays_contact_is_logged_now(now: datetime, day_starts_at: int) -> None:
    today = day_of(now, day_starts_at, BERLIN)
    assert reviews.contact_moment(today, now, day_starts_at, BERLIN) == now


def test_a_backfilled_contact_is_logged_at_eight_in_the_evening(store: Store) -> None:
    save(store, Review(day=date(2026, 11, 19), contact=True, contact_kind="met", felt_after=5))
    [contact] = list_contacts(store)
    assert contact.at == at(2026, 11, 19, 20, 0)
    assert (contact.kind, contact.felt_after) == ("met", 5)


# -- prefill from the urge log ------------------------------------------------------------


def test_prefill_takes_the_highest_rating_of_the_days_urges(store: Store) -> None:
    add_urge(store, at(2026, 11, 21, 9, 0), [6, 4, 2])
    add_urge(store, at(2026, 11, 21, 22, 0), [3, 7, 1])
    add_urge(store, at(2026, 11, 22, 2, 0), [5])  # after midnight: still the 21st
    add_urge(store, at(2026, 11, 20, 23, 0), [10])  # the day before
    add_urge(store, at(2026, 11, 21, 4, 30), [])  # no ratings: nothing to take
    assert reviews.strongest_logged_urge(store, TODAY, 4, BERLIN) == 7
    draft = start_draft(store, TODAY, 4, BERLIN)
    assert (draft.strongest_urge, draft.urge_prefilled) == (7, True)
    draft.step = "urge"
    assert draft.press("enter") and draft.step == "helped"  # enter accepts the prefill
    assert draft.to_review().strongest_urge == 7


def test_no_urges_means_no_prefill(store: Store) -> None:
    assert reviews.strongest_logged_urge(store, TODAY, 4, BERLIN) is None
    draft = start_draft(store, TODAY, 4, BERLIN)
    draft.step = "urge"
    assert draft.strongest_urge is None
    assert not draft.press("enter")  # nothing to accept yet
    assert draft.step == "urge"


def test_a_saved_review_opens_filled_in_at_its_summary(store: Store) -> None:
    add_urge(store, at(2026, 11, 20, 9, 0), [9])
    save(
        store,
        Review(day=date(2026, 11, 20), contact=False, mood=2, strongest_urge=4, helped=("slept",)),
    )
    draft = start_draft(store, date(2026, 11, 20), 4, BERLIN)
    assert draft.saved and draft.step == "summary"
    assert (draft.mood, draft.strongest_urge, draft.helped) == (
        2,
        4,
        ["slept"],
    )  # the saved 4, not the log's 9


# -- one contact per review ----------------------------------------------------------------


def test_yes_creates_one_contact_and_editing_updates_it(store: Store) -> None:
    review = Review(day=TODAY, contact=True, contact_kind="i_reached_out", felt_after=4, mood=2)
    first = save(store, review)
    [contact] = list_contacts(store)
    assert store.get("reviews", first)["contact_id"] == contact.id  # type: ignore[index]

    later = NOW + timedelta(hours=3)
    again = save(
        store,
        Review(day=TODAY, contact=True, contact_kind="i_replied", felt_after=2, mood=3),
        later,
    )
    assert again == first
    [updated] = list_contacts(store)
    assert updated.id == contact.id
    assert (updated.kind, updated.felt_after) == ("i_replied", 2)
    assert updated.at == contact.at  # the moment it was logged does not wander
    assert len(list(store.docs("reviews"))) == 1


def test_no_on_edit_removes_the_contact_the_review_made(store: Store) -> None:
    save(store, Review(day=TODAY, contact=True, contact_kind="met", felt_after=3))
    save(store, Review(day=TODAY, contact=False, mood=3))
    assert list_contacts(store) == []
    doc = store.get("reviews", 1)
    assert doc is not None and doc["contact"] is False and doc["contact_id"] is None
    save(store, Review(day=TODAY, contact=True, contact_kind="met", felt_after=3))
    assert len(list_contacts(store)) == 1


def test_a_contact_already_logged_that_day_is_adopted_not_doubled(store: Store) -> None:
    logged = log_contact(
        store, "i_replied", at(2026, 11, 21, 9, 15), now=NOW, felt_after=5, note="mine"
    )
    draft = start_draft(store, TODAY, 4, BERLIN)
    assert (draft.contact, draft.contact_kind, draft.felt_after) == (
        True,
        "i_replied",
        5,
    )  # prefilled
    save(store, Review(day=TODAY, contact=True, contact_kind="i_replied", felt_after=4))
    [contact] = list_contacts(store)
    assert contact.id == logged
    assert (contact.felt_after, contact.note, contact.at) == (4, "mine", at(2026, 11, 21, 9, 15))
    # The user logged it themselves, so a later "no" unlinks it but does not delete it.
    save(store, Review(day=TODAY, contact=False))
    assert [c.id for c in list_contacts(store)] == [logged]
    assert store.get("reviews", 1)["contact_id"] is None  # type: ignore[index]


def test_a_contact_deleted_from_the_log_is_logged_again_once(store: Store) -> None:
    save(store, Review(day=TODAY, contact=True, contact_kind="met"))
    [contact] = list_contacts(store)
    delete_contact(store, contact.id)
    save(store, Review(day=TODAY, contact=True, contact_kind="met"))
    save(store, Review(day=TODAY, contact=True, contact_kind="met"))
    assert len(list_contacts(store)) == 1


def test_a_failed_write_does_not_lead_to_a_second_contact(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr("nocontact_tui.journal.store.atomic_write", disk_full)
        with pytest.raises(WriteError):
            save(store, Review(day=TODAY, contact=True, contact_kind="met", mood=2))
    assert not db_path.exists()
    save(store, Review(day=TODAY, contact=True, contact_kind="met", mood=2))
    assert len(list_contacts(store)) == 1
    assert len(list(store.docs("reviews"))) == 1
    with Store.open(
        store.path, write=False
    ) as reread:  # the retry wrote everything, in a shape that loads
        assert len(list(reread.docs("contacts"))) == 1
        assert reviews.load_review(reread, TODAY) is not None


def test_saved_reviews_pass_the_schema_check_on_reload(store: Store, db_path: Path) -> None:
    save(
        store,
        Review(
            day=TODAY,
            contact=True,
            contact_kind="checked_socials",
            felt_after=1,
            mood=5,
            strongest_urge=10,
            helped=("breathing", "other"),
            note="a\tnote\n",
            kindness="tea",
        ),
    )
    with Store.open(db_path, write=False) as reread:
        loaded = reviews.load_review(reread, TODAY)
    assert loaded is not None
    assert (loaded.note, loaded.kindness, loaded.helped) == (
        "a note",
        "tea",
        ("breathing", "other"),
    )
    assert loaded.contact_kind == "checked_socials" and loaded.felt_after == 1


def test_a_yes_needs_a_kind(store: Store) -> None:
    with pytest.raises(InputError):
        save(store, Review(day=TODAY, contact=True))
    assert list_contacts(store) == [] and not reviews.is_reviewed(store, TODAY)


def test_reviewed_days(store: Store) -> None:
    save(store, Review(day=date(2026, 11, 2), mood=3))
    save(store, Review(day=TODAY, mood=3))
    assert reviews.reviewed_days(store) == {date(2026, 11, 2), TODAY}


# -- the draft: one key per answer ----------------------------------------------------------


def test_the_no_contact_path_takes_one_key_per_question() -> None:
    draft = Draft(day=TODAY, skill_ids=SKILLS)
    for key, step in [
        ("n", "mood"),
        ("4", "urge"),
        ("t", "helped"),
        ("2", "helped"),
        ("6", "helped"),
        ("enter", "note"),
    ]:
        assert draft.press(key)
        assert draft.step == step
    draft.set_text("note", "walked by the river")
    draft.advance()
    draft.advance()
    review = draft.to_review()
    assert draft.step == "summary"
    assert (review.contact, review.mood, review.strongest_urge) == (False, 4, 10)
    assert review.helped == ("breathing", "outside") and review.note == "walked by the river"
    assert draft.questions == 6


def test_yes_asks_kind_and_feeling_and_back_keeps_every_answer() -> None:
    draft = Draft(day=TODAY, skill_ids=SKILLS)
    for key in ["y", "2", "5", "3", "7"]:
        assert draft.press(key)
    assert draft.step == "helped" and draft.questions == 8
    assert (draft.contact_kind, draft.felt_after, draft.mood, draft.strongest_urge) == (
        "they_reached_out",
        5,
        3,
        7,
    )
    for expected in ["urge", "mood", "felt", "kind", "contact"]:
        assert draft.back()
        assert draft.step == expected
    assert not draft.back()  # nothing before the first question
    assert (draft.contact_kind, draft.felt_after, draft.mood, draft.strongest_urge) == (
        "they_reached_out",
        5,
        3,
        7,
    )
    for expected in ["kind", "felt", "mood", "urge", "helped"]:
        assert draft.press("enter")  # enter keeps each answer
        assert draft.step == expected


def test_keys_that_mean_nothing_are_refused() -> None:
    draft = Draft(day=TODAY, skill_ids=SKILLS)
    assert not draft.press("5") and not draft.press("enter") and not draft.press("t")
    draft.press("y")
    assert not draft.press("6") and not draft.press("0")  # five kinds
    draft.press("1")
    assert not draft.press("9")
    draft.press("1")
    assert not draft.press("0") and not draft.press("y")
    draft.press("3")
    assert not draft.press("y")
    draft.press("0")
    assert draft.strongest_urge == 0 and draft.step == "helped"
    assert not draft.press("0")  # the skills are 1-9
    assert draft.press("9") and draft.helped == ["other"]
    assert draft.press("9") and draft.helped == []


def test_changing_yes_to_no_drops_the_contact_answers() -> None:
    draft = Draft(day=TODAY, skill_ids=SKILLS)
    for key in ["y", "4", "2"]:
        draft.press(key)
    draft.step = "contact"
    draft.press("n")
    assert draft.step == "mood"
    review = draft.to_review()
    assert (review.contact, review.contact_kind, review.felt_after) == (False, None, None)


# -- the week after saving -------------------------------------------------------------------


def test_week_summary_is_the_users_own_seven_days(store: Store) -> None:
    save(
        store, Review(day=date(2026, 11, 15), mood=1, strongest_urge=9, helped=("talked",))
    )  # outside the week
    save(
        store,
        Review(day=date(2026, 11, 16), mood=2, strongest_urge=8, helped=("breathing", "outside")),
    )
    save(store, Review(day=date(2026, 11, 18), mood=3, strongest_urge=5, helped=("outside",)))
    save(store, Review(day=date(2026, 11, 20), mood=4, helped=("outside", "breathing", "slept")))
    save(store, Review(day=TODAY, mood=5, strongest_urge=2, helped=("slept",)))
    add_urge(store, at(2026, 11, 19, 18, 0), [6])  # no review that day: the urge log speaks
    add_urge(
        store, at(2026, 11, 20, 18, 0), [3]
    )  # reviewed without an urge answer: the log fills in
    week = reviews.week_summary(store, TODAY, 4, BERLIN)
    assert week.days[0] == date(2026, 11, 15) and week.days[-1] == TODAY and len(week.days) == 7
    assert week.mood == (1, 2, None, 3, None, 4, 5)
    assert week.urge == (9, 8, None, 5, 6, 3, 2)
    assert week.helped_most == (("outside", 3), ("breathing", 2), ("slept", 2))
    assert week.reviewed == 5


def test_an_empty_week(store: Store) -> None:
    week = reviews.week_summary(store, TODAY, 4, BERLIN)
    assert week.mood == (None,) * 7 and week.helped_most == () and week.reviewed == 0


def test_clean_line_keeps_wide_characters_and_drops_control_ones() -> None:
    assert reviews.clean_line("  tea 🍵\x1b[31m and\nrest\x00 ") == "tea 🍵 and rest"
    assert reviews.clean_line("猫" * 900) == "猫" * reviews.LINE_MAX


def test_summary_rows_follow_the_answers() -> None:
    draft = Draft(
        day=TODAY,
        skill_ids=SKILLS,
        contact=True,
        contact_kind="met",
        felt_after=5,
        mood=2,
        strongest_urge=10,
        helped=["talked"],
        note=" long\nday ",
    )
    rows = dict(reviews.summary_rows(draft))
    assert rows[line("review", "row_kind")] == "We met"
    assert (
        rows[line("review", "row_felt")] == "5 · stirred up"
        and rows[line("review", "row_mood")] == "2 · low"
    )
    assert (
        rows[line("review", "row_urge")] == "10"
        and rows[line("review", "row_helped")] == "Talked to someone"
    )
    assert rows[line("review", "row_note")] == "long day" and rows[
        line("review", "row_kindness")
    ] == line("review", "none")
    draft.contact = False
    assert line("review", "row_kind") not in dict(reviews.summary_rows(draft))


def test_helped_sentence_counts_days(store: Store) -> None:
    save(store, Review(day=date(2026, 11, 20), helped=("outside", "slept")))
    save(store, Review(day=TODAY, helped=("outside",)))
    sentence = reviews.helped_sentence(reviews.week_summary(store, TODAY, 4, BERLIN))
    assert "Went outside (2 days)" in sentence and "Slept well enough (1 day)" in sentence
    assert reviews.helped_sentence(reviews.week_summary(store, date(2026, 11, 1), 4, BERLIN)) == (
        line("review", "week_helped_none")
    )


def test_a_yes_saved_without_a_kind_takes_it_from_the_contact_log(store: Store) -> None:
    log_contact(store, "they_reached_out", at(2026, 11, 20, 18, 0), now=NOW, felt_after=3)
    store.insert(
        "reviews", {"day": "2026-11-20", "contact": True, "mood": 3}
    )  # as sample data writes it
    draft = start_draft(store, date(2026, 11, 20), 4, BERLIN)
    assert (draft.contact_kind, draft.felt_after) == ("they_reached_out", 3)
    save(store, draft.to_review())  # saving it again links the logged contact, not a new one
    [contact] = list_contacts(store)
    assert reviews.load_review(store, date(2026, 11, 20)).contact_id == contact.id  # type: ignore[union-attr]
