"""The reasons domain: groups (default and the user's own), order, moving, filtering, fair rotation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import NOW
from hypothesis import given
from hypothesis import strategies as st

from nocontact_tui.domain.reasons import (
    Reason,
    add_category,
    add_reason,
    categories,
    default_categories,
    delete_reason,
    edit_reason,
    filter_reasons,
    group_reasons,
    list_reasons,
    move_reason,
    pick_reason,
    remove_category,
    rename_category,
    shift_reason,
    starter_questions,
    user_categories,
)
from nocontact_tui.journal.errors import InputError
from nocontact_tui.journal.store import Store
from nocontact_tui.texts import load

ENDED, DID_NOT_WORK, INSTEAD, NEED = default_categories()


def test_a_reason_under_an_older_starting_group_keeps_it_and_the_group_can_be_renamed(
    store: Store,
) -> None:
    # Journals from before issue 15 hold reasons under "Red flags": nothing moves, the
    # group still shows, and it is now the person's own to rename.
    store.insert("reasons", {"text": "the silences", "category": "Red flags", "position": 1})
    assert categories(store)[-1] == "Red flags"
    assert in_group(store, "Red flags") == ["the silences"]
    assert rename_category(store, "Red flags", "What I saw", now=NOW) == "What I saw"
    assert in_group(store, "What I saw") == ["the silences"]


def in_group(store: Store, group: str | None) -> list[str]:
    return [r.text for r in list_reasons(store) if r.category == group]


def test_default_groups_are_neutral_and_fit_any_ending() -> None:
    # Issue 15: no group assumes the person was mistreated ("Red flags" is gone).
    assert [c.casefold() for c in default_categories()] == [
        "why it ended",
        "what did not work",
        "what i want instead",
        "what i need",
    ]


def test_add_keeps_order_and_stamps(store: Store) -> None:
    first = add_reason(store, "  one  ", now=NOW, category=ENDED)
    add_reason(store, "two", now=NOW + timedelta(minutes=1), category=ENDED)
    reasons = list_reasons(store)
    assert [r.text for r in reasons] == ["one", "two"]
    assert reasons[0].id == first and reasons[0].created_at == NOW.isoformat()
    assert reasons[0].position < reasons[1].position


def test_empty_or_control_only_text_is_refused(store: Store) -> None:
    for text in ("", "   ", "\x00\x07"):
        with pytest.raises(InputError):
            add_reason(store, text, now=NOW)
    assert list_reasons(store) == []


def test_the_shell_and_the_screen_agree_on_group_names(store: Store) -> None:
    add_reason(store, "a", now=NOW, category="what did NOT work")  # as typed in a shell
    add_reason(store, "b", now=NOW, category="  Money   matters ")
    assert in_group(store, DID_NOT_WORK) == ["a"]
    assert in_group(store, "Money matters") == ["b"]
    assert user_categories(store) == ["Money matters"]
    assert categories(store) == [ENDED, DID_NOT_WORK, INSTEAD, NEED, "Money matters"]


def test_a_reason_without_a_group_is_listed_last(store: Store) -> None:
    add_reason(store, "loose", now=NOW)
    assert categories(store)[-1] is None
    groups = group_reasons(list_reasons(store), categories(store))
    assert groups[-1][0] is None and [r.text for r in groups[-1][1]] == ["loose"]
    assert all(not members for _, members in groups[:-1])


def test_edit_and_delete(store: Store) -> None:
    reason_id = add_reason(store, "old", now=NOW)
    edit_reason(store, reason_id, "new words", now=NOW + timedelta(hours=1))
    [reason] = list_reasons(store)
    assert (
        reason.text == "new words" and reason.updated_at == (NOW + timedelta(hours=1)).isoformat()
    )
    with pytest.raises(InputError):
        edit_reason(store, reason_id, "  ", now=NOW)
    assert list_reasons(store)[0].text == "new words"
    delete_reason(store, reason_id)
    assert list_reasons(store) == []


def test_shift_moves_within_the_group_only(store: Store) -> None:
    a = add_reason(store, "a", now=NOW, category=ENDED)
    add_reason(store, "x", now=NOW, category=NEED)
    b = add_reason(store, "b", now=NOW, category=ENDED)
    add_reason(store, "c", now=NOW, category=ENDED)
    assert shift_reason(store, a, 1)
    assert in_group(store, ENDED) == ["b", "a", "c"]
    assert in_group(store, NEED) == ["x"]
    assert shift_reason(store, b, -1) is False  # already first in its group
    assert shift_reason(store, a, 1)
    assert shift_reason(store, a, 1) is False
    assert in_group(store, ENDED) == ["b", "c", "a"]


def test_shift_copes_with_equal_positions(store: Store) -> None:
    for text in ("a", "b", "c"):
        store.insert("reasons", {"text": text, "category": ENDED, "position": 1})
    ids = [r.id for r in list_reasons(store)]
    assert shift_reason(store, ids[2], -1)
    assert in_group(store, ENDED) == ["a", "c", "b"]


def test_move_puts_the_reason_at_the_end_of_the_other_group(store: Store) -> None:
    a = add_reason(store, "a", now=NOW, category=ENDED)
    add_reason(store, "x", now=NOW, category=NEED)
    assert move_reason(store, a, "what i need", now=NOW) == NEED
    assert in_group(store, NEED) == ["x", "a"]
    assert move_reason(store, a, "Mine", now=NOW) == "Mine"
    assert user_categories(store) == ["Mine"]


def test_user_groups_can_be_made_renamed_and_removed(store: Store) -> None:
    assert add_category(store, " Money ") == "Money"
    assert add_category(store, "money") == "Money"  # no duplicate
    assert add_category(store, "what i need") == NEED  # a default is not copied
    assert user_categories(store) == ["Money"]
    add_reason(store, "paid for it all", now=NOW, category="Money")
    assert rename_category(store, "Money", "Money and time", now=NOW) == "Money and time"
    assert in_group(store, "Money and time") == ["paid for it all"]
    assert user_categories(store) == ["Money and time"]
    with pytest.raises(InputError):
        remove_category(store, "Money and time")  # still holds a reason
    with pytest.raises(InputError):
        remove_category(store, ENDED)  # the defaults stay
    with pytest.raises(InputError):
        rename_category(store, ENDED, "x", now=NOW)
    with pytest.raises(InputError):
        add_category(store, "   ")
    delete_reason(store, list_reasons(store)[0].id)
    remove_category(store, "Money and time")
    assert user_categories(store) == []


def test_renaming_into_an_existing_group_merges(store: Store) -> None:
    add_reason(store, "a", now=NOW, category="One")
    add_reason(store, "b", now=NOW, category="Two")
    assert rename_category(store, "One", "two", now=NOW) == "Two"
    assert in_group(store, "Two") == ["a", "b"]
    assert user_categories(store) == ["Two"]


def test_filter_matches_every_word_in_text_or_group() -> None:
    reasons = [
        Reason(1, "Plans fell through again", "What did not work"),
        Reason(2, "I felt small", "How I was treated"),
    ]
    assert [r.id for r in filter_reasons(reasons, "PLANS again")] == [1]
    assert [r.id for r in filter_reasons(reasons, "treated")] == [2]
    assert [r.id for r in filter_reasons(reasons, "  ")] == [1, 2]
    assert filter_reasons(reasons, "plans small") == []


@given(n=st.integers(1, 12), turns=st.integers(1, 60), start=st.integers(0, 1000))
def test_rotation_is_fair_and_never_repeats(n: int, turns: int, start: int) -> None:
    reasons = [Reason(i, f"r{i}") for i in range(1, n + 1)]
    shown: list[int] = []
    previous = None
    for turn in range(start, start + turns):
        pick = pick_reason(reasons, turn, previous)
        assert pick is not None
        if n > 1:
            assert pick.id != previous
        shown.append(pick.id)
        previous = pick.id
    counts = [shown.count(r.id) for r in reasons]
    assert max(counts) - min(counts) <= 1  # everyone comes round


def test_rotation_survives_a_changed_list() -> None:
    reasons = [Reason(i, f"r{i}") for i in range(1, 4)]
    first = pick_reason(reasons, 5)
    assert first is not None
    longer = [*reasons, Reason(4, "r4")]
    # Turn 6 of four would be reasons[2] again, the one just shown: the next is taken.
    assert pick_reason(longer, 6, first.id) != first
    assert pick_reason([], 3) is None
    only = [Reason(1, "only")]
    assert pick_reason(only, 2, 1) == only[0]


def test_starter_questions_are_questions_from_content() -> None:
    starters = load("reasons")["starters"]
    for seed in range(10):
        picked = starter_questions(seed)
        assert 3 <= len(picked) <= 5
        assert all(q in starters and q.endswith("?") for q in picked)
        assert len(set(picked)) == len(picked)


def test_the_shell_command_files_into_the_same_groups(db_path) -> None:
    from helpers import run_cli

    first = run_cli(
        "reason",
        "add",
        "It was always on their terms",
        "--category",
        "what did not WORK",
        db=db_path,
    )
    assert first.returncode == 0, first.stderr
    second = run_cli("reason", "add", "No group yet", db=db_path)
    assert second.returncode == 0, second.stderr
    with Store.open(db_path, write=False) as store:
        assert [(r.text, r.category) for r in list_reasons(store)] == [
            ("It was always on their terms", DID_NOT_WORK),
            ("No group yet", None),
        ]
        assert user_categories(store) == []
