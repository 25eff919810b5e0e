"""One user action, one whole-file write: each action that changes several documents
(a group renamed with its reasons, a reason moved into a new group, two reasons swapped,
a review saved with the contact it logs, a course session begun, a letter released, a
deletion and its undo) writes the journal once, through Store.transaction / @one_write.

The writes are counted where the store writes the file (`atomic_write`), the day's
backup copy left out (it is another file, once a day).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BERLIN, NOW
from nocontact_tui.screens.reasons import ReasonsScreen

from nocontact_tui.app import NoContactApp
from nocontact_tui.domain import reasons
from nocontact_tui.domain.contacts import list_contacts
from nocontact_tui.domain.letters import (
    begin_course_session,
    create_letter,
    get_letter,
    list_letters,
    release_letter,
)
from nocontact_tui.domain.reviews import Review, load_review, save_review_undoable
from nocontact_tui.domain.undo import take_back
from nocontact_tui.journal import store as store_module
from nocontact_tui.journal.store import Store

ENDED, DID_NOT_WORK = "Why it ended", "What did not work"


class Writes:
    """Whole-file writes of one journal, counted from the last `reset`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0

    def reset(self) -> None:
        self.count = 0


@pytest.fixture
def writes(store: Store, monkeypatch: pytest.MonkeyPatch) -> Writes:
    counter = Writes(store.path)
    real = store_module.atomic_write

    def counting(path: Path, data: bytes) -> None:
        if path == counter.path:
            counter.count += 1
        real(path, data)

    monkeypatch.setattr(store_module, "atomic_write", counting)
    return counter


def once(writes: Writes, action: Callable[[], object]) -> object:
    writes.reset()
    result = action()
    assert writes.count == 1
    return result


# -- the domain functions the screens call --------------------------------------------------


def test_a_group_renamed_with_its_forty_reasons_is_one_write(
    set_up_store: Store, writes: Writes
) -> None:
    reasons.add_category(set_up_store, "Money")
    with set_up_store.transaction():
        for n in range(40):
            reasons.add_reason(set_up_store, f"reason {n}", now=NOW, category="Money")
    once(writes, lambda: reasons.rename_category(set_up_store, "Money", "Money and time", now=NOW))
    assert {r.category for r in reasons.list_reasons(set_up_store)} == {"Money and time"}
    assert reasons.user_categories(set_up_store) == ["Money and time"]


def test_a_reason_moved_into_a_new_group_is_one_write(set_up_store: Store, writes: Writes) -> None:
    reason_id = reasons.add_reason(set_up_store, "moved", now=NOW, category=ENDED)
    once(writes, lambda: reasons.move_reason(set_up_store, reason_id, "Little things", now=NOW))
    assert reasons.user_categories(set_up_store) == ["Little things"]
    assert reasons.list_reasons(set_up_store)[0].category == "Little things"


def test_two_reasons_swapped_are_one_write_even_when_the_list_is_numbered_afresh(
    set_up_store: Store, writes: Writes
) -> None:
    for text in ("one", "two", "three"):
        set_up_store.insert("reasons", {"text": text, "category": ENDED, "position": 1})
    once(
        writes, lambda: reasons.shift_reason(set_up_store, 1, 1)
    )  # equal positions: all renumbered
    assert [r.text for r in reasons.list_reasons(set_up_store)] == ["two", "one", "three"]
    once(writes, lambda: reasons.shift_reason(set_up_store, 1, 1))  # a plain swap of two
    assert [r.text for r in reasons.list_reasons(set_up_store)] == ["two", "three", "one"]


def test_a_reason_in_a_group_not_kept_yet_is_added_with_its_group_in_one_write(
    set_up_store: Store, writes: Writes
) -> None:
    # A group known only from a reason (written by hand, or by an older version).
    set_up_store.insert("reasons", {"text": "old", "category": "Red flags", "position": 1})
    once(writes, lambda: reasons.add_reason(set_up_store, "new", now=NOW, category="Red flags"))
    assert reasons.user_categories(set_up_store) == ["Red flags"]
    assert [r.text for r in reasons.list_reasons(set_up_store)] == ["old", "new"]


def test_a_deleted_reason_and_its_undo_are_one_write_each(
    set_up_store: Store, writes: Writes
) -> None:
    reason_id = reasons.add_reason(set_up_store, "kept after all", now=NOW, category=ENDED)
    before = reasons.list_reasons(set_up_store)
    change = once(writes, lambda: reasons.delete_reason(set_up_store, reason_id))
    assert reasons.list_reasons(set_up_store) == []
    once(writes, lambda: take_back(set_up_store, change))  # type: ignore[arg-type]
    assert reasons.list_reasons(set_up_store) == before


def test_a_review_saved_with_the_contact_it_logs_is_one_write_and_so_is_its_undo(
    set_up_store: Store, writes: Writes
) -> None:
    review = Review(
        day=NOW.date(),
        mood=3,
        strongest_urge=4,
        contact=True,
        contact_kind="i_replied",
        felt_after=2,
    )

    def save() -> object:
        return save_review_undoable(set_up_store, review, now=NOW, day_starts_at=4, tz=BERLIN)

    change = once(writes, save)
    assert len(list_contacts(set_up_store)) == 1 and load_review(set_up_store, NOW.date())
    once(writes, lambda: take_back(set_up_store, change))  # type: ignore[arg-type]
    assert list_contacts(set_up_store) == [] and load_review(set_up_store, NOW.date()) is None


def test_a_course_session_begun_is_one_write_with_its_letter(
    set_up_store: Store, writes: Writes
) -> None:
    started = once(writes, lambda: begin_course_session(set_up_store, now=NOW, today=NOW.date()))
    letter_id, number = started  # type: ignore[misc]
    assert number == 1 and get_letter(set_up_store, letter_id) is not None
    assert set_up_store.meta["course"]


def test_nothing_to_begin_writes_nothing(set_up_store: Store, writes: Writes) -> None:
    begin_course_session(set_up_store, now=NOW, today=NOW.date())
    writes.reset()
    with pytest.raises(ValueError):
        begin_course_session(set_up_store, now=NOW, today=NOW.date())  # one a day
    assert writes.count == 0


def test_a_letter_released_is_one_write_of_the_journal(set_up_store: Store, writes: Writes) -> None:
    letter_id = create_letter(set_up_store, now=NOW, title="to let go", body="goodbye")
    once(writes, lambda: release_letter(set_up_store, letter_id))
    assert list_letters(set_up_store) == []


# -- the reasons screen: one key, one write ---------------------------------------------------


async def test_every_change_on_the_reasons_screen_is_one_write(
    set_up_store: Store, writes: Writes, app_factory: Callable[..., NoContactApp]
) -> None:
    for text in ("one", "two"):
        reasons.add_reason(set_up_store, text, now=NOW, category=ENDED)
    reasons.add_category(set_up_store, "Money")
    app = app_factory("reasons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReasonsScreen)

        async def one_write(*keys: str) -> None:
            writes.reset()
            await pilot.press(*keys)
            await pilot.pause()
            assert writes.count == 1, keys

        await one_write("J")  # reorder: "one" below "two"
        assert [r.text for r in reasons.list_reasons(set_up_store)] == ["two", "one"]
        await one_write("m", "tab", *"Little things", "enter")  # move into a new group
        assert reasons.user_categories(set_up_store) == ["Money", "Little things"]
        await one_write("a", *"three", "enter")  # added in the cursor's group
        await one_write("e", "ctrl+a", "ctrl+k", *"three, edited", "enter")
        await one_write("x", "y")  # delete, after asking
        await one_write("z")  # and take it back
        assert [r.text for r in reasons.list_reasons(set_up_store)] == [
            "two",
            "one",
            "three, edited",
        ]
        # The cursor is on the restored reason, the last row: its group's heading is two up.
        await one_write("up", "up", "e", "ctrl+e", *" and time", "enter")  # rename a group
        assert "Little things and time" in reasons.user_categories(set_up_store)
        await one_write("g", *"Sleep", "enter")  # a new group
    assert reasons.user_categories(set_up_store)[-1] == "Sleep"


async def test_made_contact_at_the_urge_landing_is_one_write_with_its_session(
    set_up_store: Store, writes: Writes, app_factory: Callable[..., NoContactApp]
) -> None:
    """The contact and the urge session that ended in it are one action: one write."""
    app = app_factory("urge")
    async with app.run_test() as pilot:
        await pilot.press("9", "s", "enter", "enter", "8", "3", "1")
        await pilot.pause()
        writes.reset()
        await pilot.press("5")  # how it felt: the contact is logged, the session ends
        await pilot.pause()
        assert writes.count == 1
    [contact] = list_contacts(set_up_store)
    assert contact.kind == "i_reached_out" and contact.felt_after == 5
