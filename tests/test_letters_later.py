"""Letters for later: a day to read a sealed letter again, and how it reads then (issue 18.4)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import BERLIN, NOW
from hypothesis import given
from hypothesis import strategies as st

from nocontact_tui.domain.letters import (
    add_months,
    create_letter,
    get_letter,
    is_ready,
    parse_reread_day,
    ready_letters,
    record_reread,
    release_letter,
    reread_day,
    seal_letter,
    unseal_letter,
)
from nocontact_tui.journal.errors import InputError
from nocontact_tui.journal.schema import SCHEMA_VERSION, ShapeError, check_shape
from nocontact_tui.journal.store import Store
from nocontact_tui.transfer.export import export_data
from nocontact_tui.transfer.importing import import_into, tables_from_export
from nocontact_tui.transfer.markdown import export_markdown

TODAY = date(2026, 11, 21)
DAY_START = 4


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def sealed_until(store: Store, day: date | None, title: str = "For later") -> int:
    letter_id = create_letter(store, now=NOW, title=title, body="words to read again")
    seal_letter(store, letter_id, day)
    return letter_id


def ready_ids(store: Store, now: datetime) -> list[int]:
    today = (now.astimezone(BERLIN) - timedelta(hours=DAY_START)).date()
    return [letter.id for letter in ready_letters(store, today, DAY_START, BERLIN)]


# -- the day ------------------------------------------------------------------------


def test_the_three_offered_days() -> None:
    assert reread_day("week", TODAY) == date(2026, 11, 28)
    assert reread_day("month", TODAY) == date(2026, 12, 21)
    assert reread_day("three_months", TODAY) == date(2027, 2, 21)


def test_a_month_from_a_long_day_ends_on_the_months_last_day() -> None:
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)))
def test_every_offered_day_is_after_today(today: date) -> None:
    days = [reread_day(choice, today) for choice in ("week", "month", "three_months")]
    assert today < days[0] < days[1] < days[2]


def test_a_typed_day_is_read() -> None:
    assert parse_reread_day(" 2027-03-01 ", TODAY) == date(2027, 3, 1)
    assert parse_reread_day("2026-11-22", TODAY) == date(2026, 11, 22)  # tomorrow


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("next friday", "year-month-day"),
        ("1.3.2027", "year-month-day"),
        ("", "year-month-day"),
        ("   ", "escape"),
        ("2027-02-30", "not on the calendar"),
        ("2026-11-21", "after today"),  # today: nothing to wait for
        ("2026-01-01", "after today"),
        ("2301-01-01", "2200"),
    ],
)
def test_a_day_that_cannot_be_used_is_named_plainly(typed: str, says: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_reread_day(typed, TODAY)
    assert says in caught.value.text
    assert "fail" not in caught.value.text.lower()


# -- sealing and readiness -----------------------------------------------------------


def test_sealing_keeps_the_day(store: Store) -> None:
    letter_id = sealed_until(store, date(2026, 12, 1))
    letter = get_letter(store, letter_id)
    assert letter is not None and letter.sealed and letter.reread_on == date(2026, 12, 1)
    assert store.get("letters", letter_id)["reread_on"] == "2026-12-01"


def test_sealing_without_a_day_writes_no_field(store: Store) -> None:
    letter_id = sealed_until(store, None)
    assert "reread_on" not in store.get("letters", letter_id)


def test_sealing_again_sets_the_day_anew(store: Store) -> None:
    letter_id = sealed_until(store, date(2026, 12, 1))
    unseal_letter(store, letter_id)
    seal_letter(store, letter_id, None)
    assert get_letter(store, letter_id).reread_on is None


def test_ready_on_its_day_by_the_persons_day_not_before(store: Store) -> None:
    day = date(2026, 12, 1)
    letter_id = sealed_until(store, day)
    assert ready_ids(store, at(day - timedelta(days=1), 22)) == []
    # 02:30 on the day is still the evening before for someone whose day ends at 04:00.
    assert ready_ids(store, at(day, 2, 30)) == []
    assert ready_ids(store, at(day, 4, 0)) == [letter_id]
    assert ready_ids(store, at(day + timedelta(days=9), 12)) == [letter_id]  # it waits


def test_a_draft_is_never_ready(store: Store) -> None:
    letter_id = sealed_until(store, date(2026, 11, 21))
    unseal_letter(store, letter_id)
    assert ready_ids(store, NOW) == []


def test_the_longest_waiting_comes_first(store: Store) -> None:
    later = sealed_until(store, date(2026, 11, 20))
    sooner = sealed_until(store, date(2026, 11, 2))
    sealed_until(store, date(2026, 11, 22))  # tomorrow
    assert ready_ids(store, NOW) == [sooner, later]


def test_the_answer_is_kept_and_the_letter_is_no_longer_ready(store: Store) -> None:
    letter_id = sealed_until(store, date(2026, 11, 21))
    before = store.get("letters", letter_id)
    record_reread(store, letter_id, now=NOW, reads=4)
    doc = store.get("letters", letter_id)
    assert doc["rereads"] == [{"at": "2026-11-21T12:00:00+01:00", "reads": 4}]
    assert doc["body"] == before["body"] and doc["updated_at"] == before["updated_at"]
    letter = get_letter(store, letter_id)
    assert [(r.at, r.reads) for r in letter.rereads] == [(NOW, 4)]
    assert ready_ids(store, NOW) == []
    assert ready_ids(store, NOW + timedelta(days=30)) == []


def test_a_reading_before_its_day_does_not_count(store: Store) -> None:
    letter_id = sealed_until(store, date(2026, 11, 21))
    # Read at 01:00 on the 21st: still the 20th by the person's day.
    record_reread(store, letter_id, now=at(date(2026, 11, 21), 1), reads=2)
    assert ready_ids(store, NOW) == [letter_id]


def test_sealed_again_for_a_new_day_it_is_ready_again(store: Store) -> None:
    letter_id = sealed_until(store, date(2026, 11, 21))
    record_reread(store, letter_id, now=NOW, reads=3)
    unseal_letter(store, letter_id)
    seal_letter(store, letter_id, date(2026, 12, 21))
    assert ready_ids(store, at(date(2026, 12, 21), 9)) == [letter_id]
    assert len(get_letter(store, letter_id).rereads) == 1  # the first reading stays


def test_an_answer_outside_one_to_five_is_refused(store: Store) -> None:
    letter_id = sealed_until(store, date(2026, 11, 21))
    for reads in (0, 6):
        with pytest.raises(ValueError):
            record_reread(store, letter_id, now=NOW, reads=reads)
    assert "rereads" not in store.get("letters", letter_id)


def test_is_ready_reads_no_journal() -> None:
    from nocontact_tui.domain.letters import Letter, Reread

    letter = Letter(1, "t", "b", status="sealed", reread_on=date(2026, 11, 21))
    assert is_ready(letter, TODAY, DAY_START, BERLIN)
    assert not is_ready(letter, TODAY - timedelta(days=1), DAY_START, BERLIN)
    read = Letter(1, "t", "b", status="sealed", reread_on=TODAY, rereads=(Reread(NOW, 5),))
    assert not is_ready(read, TODAY, DAY_START, BERLIN)


# -- the file ----------------------------------------------------------------------


def journal(letter: dict) -> dict:
    return {
        "meta": {"1": {"schema_version": SCHEMA_VERSION}},
        "letters": {"1": {"body": "b", "status": "sealed"} | letter},
    }


def test_old_files_without_the_fields_stay_valid() -> None:
    assert check_shape(journal({})) == SCHEMA_VERSION


def test_the_fields_are_checked_when_a_journal_is_loaded() -> None:
    good = {"reread_on": "2027-01-01", "rereads": [{"at": "2027-01-01T20:00:00+01:00", "reads": 5}]}
    assert check_shape(journal(good)) == SCHEMA_VERSION
    for bad in (
        {"reread_on": "2027-13-01"},
        {"reread_on": "1 January"},
        {"reread_on": "2027-01-01T10:00:00+01:00"},
        {"rereads": [{"at": "2027-01-01T20:00:00+01:00", "reads": 6}]},
        {"rereads": [{"at": "2027-01-01T20:00:00+01:00", "reads": True}]},
        {"rereads": [{"at": "2027-01-01T20:00:00", "reads": 3}]},  # no zone
        {"rereads": [{"at": "2027-01-01T20:00:00+01:00"}]},
        {"rereads": {"at": "2027-01-01T20:00:00+01:00", "reads": 3}},
    ):
        with pytest.raises(ShapeError):
            check_shape(journal(bad))


def test_release_removes_the_day_and_every_reading(store: Store, db_path: Path) -> None:
    letter_id = sealed_until(store, date(2026, 11, 21), title="Kept for later")
    record_reread(store, letter_id, now=NOW, reads=2)
    release_letter(store, letter_id)
    text = db_path.read_text("utf-8")
    assert "Kept for later" not in text and "rereads" not in text and "reread_on" not in text


def test_json_export_and_restore_carry_them(store: Store, tmp_path: Path) -> None:
    letter_id = sealed_until(store, date(2026, 11, 21))
    record_reread(store, letter_id, now=NOW, reads=5)
    data = json.loads(json.dumps(export_data(store, NOW)))
    doc = data["tables"]["letters"][str(letter_id)]
    assert doc["reread_on"] == "2026-11-21" and doc["rereads"][0]["reads"] == 5
    with Store.open(tmp_path / "other.json", today=TODAY) as other:
        other.update_meta({"nc_start": "2026-11-01"})
        import_into(
            other, tables_from_export(data, tmp_path / "x"), file=tmp_path, merge_into=False
        )
        restored = get_letter(other, letter_id)
        assert restored.reread_on == date(2026, 11, 21) and restored.rereads[0].reads == 5


def test_merge_keeps_every_reading_of_a_letter_both_hold(store: Store, tmp_path: Path) -> None:
    letter_id = sealed_until(store, date(2026, 11, 21))
    record_reread(store, letter_id, now=NOW, reads=2)
    data = json.loads(json.dumps(export_data(store, NOW)))
    # The journal goes on: a later reading here; the file has one of its own too.
    record_reread(store, letter_id, now=NOW + timedelta(days=40), reads=4)
    data["tables"]["letters"][str(letter_id)]["rereads"].append(
        {"at": (NOW + timedelta(days=20)).isoformat(), "reads": 3}
    )
    said = import_into(
        store, tables_from_export(data, tmp_path / "x"), file=tmp_path, merge_into=True
    )
    assert "gained what only the file held" in " ".join(said)
    assert [r.reads for r in get_letter(store, letter_id).rereads] == [2, 3, 4]
    assert len(list(store.docs("letters"))) == 1


def test_merge_takes_the_files_day_for_a_letter_that_has_none(store: Store, tmp_path: Path) -> None:
    letter_id = sealed_until(store, None)
    data = json.loads(json.dumps(export_data(store, NOW)))
    data["tables"]["letters"][str(letter_id)]["reread_on"] = "2026-12-24"
    import_into(store, tables_from_export(data, tmp_path / "x"), file=tmp_path, merge_into=True)
    assert get_letter(store, letter_id).reread_on == date(2026, 12, 24)


def test_markdown_says_the_day_and_how_it_read(store: Store) -> None:
    letter_id = sealed_until(store, date(2026, 11, 21))
    record_reread(store, letter_id, now=NOW, reads=4)
    text = export_markdown(store, NOW)
    assert "Set aside to read again on 2026-11-21." in text
    assert "- Read again 2026-11-21 12:00: 4 of 5, Lighter than I remember." in text


# -- the demo ------------------------------------------------------------------------


@pytest.mark.parametrize("days", [1, 45, 400])
def test_the_demo_has_a_letter_ready_today_and_one_read_again(
    store: Store, db_path: Path, days: int
) -> None:
    from nocontact_tui.cli.demo import generate

    generate(store, now=NOW, days=days, tz=BERLIN)
    letters = {letter.title: letter for letter in ready_letters(store, TODAY, DAY_START, BERLIN)}
    assert list(letters) == ["The week it ended"]
    read = [doc for _, doc in store.docs("letters") if doc.get("rereads")]
    assert len(read) == 1 and read[0]["status"] == "sealed"
    assert datetime.fromisoformat(read[0]["rereads"][0]["at"]) < NOW
    assert check_shape(json.loads(db_path.read_text("utf-8"))) == SCHEMA_VERSION
