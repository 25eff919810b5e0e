"""The trap cards and the urge words: complete, non-empty, and loaded from the installed package."""

from __future__ import annotations

import string
from importlib.resources import files

import pytest

from nocontact_tui.domain.traps import (
    CARD_FIELDS,
    TrapContentError,
    by_use,
    check_in_order,
    get_trap,
    load_traps,
    pages,
    pick,
)
from nocontact_tui.texts import line, load

# The twelve traps DESIGN.md names (or their closest card), plus the rest of the deck.
CORE = {
    "closure",
    "worry",
    "guilt",
    "loneliness",
    "friends",
    "nostalgia",
    "socials",
    "rude_not_to_reply",
    "changed",
    "reward",
    "reassurance",
    "one_last_message",
}


def test_every_card_has_every_field() -> None:
    traps = load_traps()
    assert len(traps) >= 12
    assert {t.id for t in traps} >= CORE
    for trap in traps:
        for field in CARD_FIELDS:
            value = getattr(trap, field)
            assert value.strip(), f"{trap.id} has an empty {field}"
        assert trap.question.endswith("?"), trap.id
        assert len(trap.name) <= 30, f"{trap.id}: the name must fit the check-in list"


def test_ids_are_unique_and_stable() -> None:
    ids = [t.id for t in load_traps()]
    assert len(ids) == len(set(ids))
    assert all(set(i) <= set(string.ascii_lowercase + "_") for i in ids)
    assert get_trap("closure").name == "Longing for closure"
    assert get_trap("no-such-card") is None and get_trap(None) is None


def test_the_cards_come_from_the_installed_package() -> None:
    raw = files("nocontact_tui.content").joinpath("traps.toml")
    assert raw.is_file()
    assert len(load("traps")["trap"]) == len(load_traps())


def test_a_card_missing_a_field_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import nocontact_tui.domain.traps as traps

    broken = {
        "trap": [{"id": "x", "name": "X", "sounds_like": "a", "underneath": "b", "counter": " "}]
    }
    monkeypatch.setattr(traps, "load", lambda name: broken)
    traps.load_traps.cache_clear()
    try:
        with pytest.raises(TrapContentError, match="counter, question"):
            traps.load_traps()
    finally:
        traps.load_traps.cache_clear()


def test_by_use_puts_the_most_picked_first() -> None:
    traps = load_traps()
    ordered = by_use(traps, {"socials": 3, "guilt": 1})
    assert [t.id for t in ordered[:3]] == ["socials", "guilt", traps[0].id]
    assert sorted(t.id for t in ordered) == sorted(t.id for t in traps)


def test_urge_words_are_all_there() -> None:
    words = load("urge")
    for key in (
        "checkin_rate",
        "checkin_rate_hint",
        "checkin_trap",
        "checkin_trap_hint",
        "checkin_say",
        "checkin_say_hint",
        "breathe_in",
        "breathe_out",
        "rate_again",
        "evidence_none",
        "land_rate",
        "land_outcome",
        "landed_surfed",
        "landed_letter",
        "landed_left",
        "letter_title",
        "done_hint",
    ):
        assert isinstance(words[key], str) and words[key].strip(), key
    for pool in ("body", "naming", "wave"):
        assert len(words[pool]) >= 5 and all(text_line.strip() for text_line in words[pool])
    # Kinds and feelings have one source, content/contact.toml, not a copy here.
    assert "felt" not in words and "contact_kinds" not in words


@pytest.mark.parametrize(
    ("hour", "late"), [(21, False), (22, True), (23, True), (0, True), (3, True), (4, False)]
)
def test_late_at_night_the_late_night_card_comes_first(hour: int, late: bool) -> None:
    traps = load_traps()
    ordered = check_in_order(traps, {"socials": 3}, hour, day_starts_at=4)
    assert (ordered[0].id == "late_night") is late
    assert ordered[1 if late else 0].id == "socials"  # the most used still rise
    assert sorted(t.id for t in ordered) == sorted(t.id for t in traps)


def test_a_day_that_ends_at_midnight_is_late_only_before_it() -> None:
    traps = load_traps()
    assert check_in_order(traps, {}, 23, day_starts_at=0)[0].id == "late_night"
    assert check_in_order(traps, {}, 1, day_starts_at=0)[0].id != "late_night"


def test_every_card_is_one_page_turn_and_a_digit_away() -> None:
    traps = list(load_traps())
    assert pages(traps) == -(-len(traps) // 9)
    reached = [pick(traps, page, digit) for page in range(pages(traps)) for digit in range(1, 10)]
    assert [t for t in reached if t is not None] == traps
    assert pick(traps, 0, 0) is None and pick(traps, 0, 10) is None
    assert pick(traps, 1, 5) == traps[13]  # the fourteenth card: 0 then 5


def card(trap_id: str) -> dict[str, str]:
    return next(t for t in load("traps")["trap"] if t["id"] == trap_id)


def test_the_worry_card_sends_a_real_emergency_to_emergency_help() -> None:
    # Issue 15: an ex may threaten to hurt themselves. The card names the way to real
    # help, says that calling is no breach, points to the help page, and claims nothing
    # about their life the app cannot know.
    worry = card("worry")
    text = " ".join(worry.values())
    assert "emergency services" in worry["counter"] and "crisis line" in worry["counter"]
    assert "never a break in no contact" in worry["counter"]
    assert "?" in worry["counter"]  # the help page, one key away
    assert "other people" not in text and "who else" not in text


def test_the_practical_card_allows_for_contact_that_cannot_be_avoided() -> None:
    practical = card("practical")["counter"]
    assert "can't be avoided" in practical
    # It names the setting as the settings screen (o) does.
    assert line("settings", "names", "restart-kinds") in practical and "press o" in practical


def test_the_last_message_question_asks_what_followed_instead_of_counting() -> None:
    question = card("one_last_message")["question"]
    assert "How many times" not in question and "What happened after" in question
