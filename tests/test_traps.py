"""The trap cards and the urge words: complete, non-empty, and loaded from the installed package."""

from __future__ import annotations

import string
from importlib.resources import files

import pytest

from nocontact_tui.texts import load
from nocontact_tui.traps import CARD_FIELDS, TrapContentError, by_use, get_trap, load_traps

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
    import nocontact_tui.traps as traps

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
        "landed_contact",
        "landed_left",
        "letter_title",
        "letter_kept",
        "done_hint",
    ):
        assert isinstance(words[key], str) and words[key].strip(), key
    for pool in ("body", "naming", "wave"):
        assert len(words[pool]) >= 5 and all(line.strip() for line in words[pool])
    assert set(words["felt"]) == {"1", "2", "3", "4", "5"}
    from nocontact_tui.schema import CONTACT_KINDS

    assert set(words["contact_kinds"]) == set(CONTACT_KINDS)
