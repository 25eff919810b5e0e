"""Changing a setting: each one checked, saved in one write, and every derived figure following."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import BERLIN, NOW

from nocontact_tui.domain import settings as st
from nocontact_tui.domain.contacts import log_contact
from nocontact_tui.domain.evidence import calendar_for
from nocontact_tui.domain.status import compute_status
from nocontact_tui.domain.streak import BEFORE, FREE, load_milestones, milestone_progress
from nocontact_tui.domain.urges import MAX_MINUTES, MIN_MINUTES
from nocontact_tui.journal.errors import EXIT_INPUT, NoContactError
from nocontact_tui.journal.schema import DEFAULT_BREAKING_KINDS
from nocontact_tui.journal.store import Store

TODAY = NOW.date()


def current(store: Store) -> int:
    return compute_status(store, NOW, BERLIN).streak.current


def state_of(store: Store, day: date) -> str:
    weeks = calendar_for(store, st.read_settings(store), TODAY, 26, BERLIN)
    return next(cell.state for week in weeks for cell in week if cell.day == day)


class CountingWrites:
    """Counts the writes that reach the file."""

    def __init__(self, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        persist = store._persist

        def counted(data: dict[str, object]) -> None:
            self.count += 1
            persist(data)

        monkeypatch.setattr(store._storage, "_persist", counted)


# -- start ----------------------------------------------------------------------------


def test_start_moves_the_streak_milestones_and_calendar(
    set_up_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert current(set_up_store) == 20
    assert state_of(set_up_store, date(2026, 10, 23)) == BEFORE
    milestones = load_milestones()
    writes = CountingWrites(set_up_store, monkeypatch)
    st.set_start(set_up_store, st.parse_start("2026-10-22", TODAY), TODAY)
    assert writes.count == 1
    assert set_up_store.meta["nc_start"] == "2026-10-22"
    assert current(set_up_store) == 30
    assert milestone_progress(current(set_up_store), milestones) != milestone_progress(
        20, milestones
    )
    assert state_of(set_up_store, date(2026, 10, 23)) == FREE
    assert state_of(set_up_store, date(2026, 10, 21)) == BEFORE


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-21", date(2026, 11, 21)),  # today is fine
        (" 2026-01-05 ", date(2026, 1, 5)),
        ("1926-01-01", date(1926, 1, 1)),  # the earliest day allowed
    ],
)
def test_start_takes_a_date_up_to_today(typed: str, expected: date) -> None:
    assert st.parse_start(typed, TODAY) == expected


@pytest.mark.parametrize(
    "typed", ["2026-11-22", "2999-01-01", "1925-12-31", "0202-11-01", "yesterday", "", "2026-02-30"]
)
def test_start_refuses_what_is_not_a_day_so_far(typed: str) -> None:
    with pytest.raises(st.SettingError) as caught:
        st.parse_start(typed, TODAY)
    assert "YYYY-MM-DD" in caught.value.text
    assert "1926-01-01" in caught.value.text and "2026-11-21" in caught.value.text
    assert caught.value.exit_code == EXIT_INPUT


def test_set_start_checks_a_date_given_directly(set_up_store: Store) -> None:
    with pytest.raises(st.SettingError):
        st.set_start(set_up_store, date(2026, 12, 1), TODAY)
    assert set_up_store.meta["nc_start"] == "2026-11-01"


# -- the hour the day ends ------------------------------------------------------------


def test_day_ends_at_moves_which_day_a_late_contact_belongs_to(set_up_store: Store) -> None:
    # 02:30 on the 19th: with the day ending at 4 it is still the 18th's evening.
    log_contact(set_up_store, "met", datetime(2026, 11, 19, 2, 30, tzinfo=BERLIN), now=NOW)
    assert current(set_up_store) == 2
    st.set_day_ends_at(set_up_store, st.parse_hour("0"))
    assert set_up_store.meta["day_starts_at"] == 0
    assert current(set_up_store) == 1


@pytest.mark.parametrize("typed", ["24", "-1", "four", "", "4.5", "²"])
def test_day_ends_at_refuses_anything_but_0_to_23(typed: str) -> None:
    with pytest.raises(st.SettingError) as caught:
        st.parse_hour(typed)
    assert "0 to 23" in caught.value.text


def test_set_day_ends_at_checks_a_number_given_directly(set_up_store: Store) -> None:
    with pytest.raises(st.SettingError):
        st.set_day_ends_at(set_up_store, 24)
    assert set_up_store.meta["day_starts_at"] == 4


# -- the urge timer -------------------------------------------------------------------


def test_urge_minutes_is_saved(set_up_store: Store) -> None:
    st.set_urge_minutes(set_up_store, st.parse_urge_minutes("25"))
    assert st.read_settings(set_up_store).urge_minutes == 25


@pytest.mark.parametrize("typed", [str(MIN_MINUTES - 1), str(MAX_MINUTES + 1), "ten", "", "-5"])
def test_urge_minutes_refuses_outside_the_timer_range_instead_of_clamping(typed: str) -> None:
    with pytest.raises(st.SettingError) as caught:
        st.parse_urge_minutes(typed)
    assert f"{MIN_MINUTES} to {MAX_MINUTES}" in caught.value.text


def test_urge_minutes_bounds_are_allowed() -> None:
    assert st.parse_urge_minutes(str(MIN_MINUTES)) == MIN_MINUTES
    assert st.parse_urge_minutes(str(MAX_MINUTES)) == MAX_MINUTES


# -- hiding the count -----------------------------------------------------------------


@pytest.mark.parametrize(("typed", "hidden"), [("on", True), ("OFF", False), (" off ", False)])
def test_hide_count_is_on_or_off(set_up_store: Store, typed: str, hidden: bool) -> None:
    st.set_hide_count(set_up_store, st.parse_on_off(typed, "hide-count"))
    assert compute_status(set_up_store, NOW, BERLIN).settings.hide_count is hidden


@pytest.mark.parametrize("typed", ["maybe", "", "1"])
def test_hide_count_refuses_anything_else(typed: str) -> None:
    with pytest.raises(st.SettingError) as caught:
        st.parse_on_off(typed, "hide-count")
    assert "on or off" in caught.value.text


# -- theme ----------------------------------------------------------------------------


def test_the_known_themes_are_textuals_own() -> None:
    """Kept as names, so the shell command checks a theme without importing Textual."""
    from textual.theme import BUILTIN_THEMES

    assert set(st.KNOWN_THEMES) == set(BUILTIN_THEMES)
    assert st.DEFAULT_THEME in st.KNOWN_THEMES


def test_theme_is_saved(set_up_store: Store) -> None:
    assert st.read_settings(set_up_store).theme is None
    st.set_theme(set_up_store, st.parse_theme(" nord "))
    assert st.read_settings(set_up_store).theme == "nord"


@pytest.mark.parametrize("typed", ["neon", "", "Nord"])
def test_theme_refuses_a_name_it_does_not_know_and_names_the_ones_it_does(typed: str) -> None:
    with pytest.raises(st.SettingError) as caught:
        st.parse_theme(typed)
    assert "textual-light" in caught.value.text and "nord" in caught.value.text


def test_set_theme_checks_against_the_themes_given(set_up_store: Store) -> None:
    with pytest.raises(st.SettingError):
        st.set_theme(set_up_store, "nord", themes=("textual-dark",))
    assert "theme" not in set_up_store.meta


# -- which contacts restart the count --------------------------------------------------


def test_restart_kinds_change_what_breaks_the_streak(set_up_store: Store) -> None:
    log_contact(
        set_up_store, "they_reached_out", datetime(2026, 11, 19, 18, tzinfo=BERLIN), now=NOW
    )
    assert current(set_up_store) == 20
    st.set_breaking_kinds(set_up_store, st.parse_kinds("they_reached_out, met"))
    assert set_up_store.meta["breaking_kinds"] == ["they_reached_out", "met"]
    assert current(set_up_store) == 1
    st.set_breaking_kinds(set_up_store, st.parse_kinds("none"))
    assert st.read_settings(set_up_store).breaking_kinds == ()


@pytest.mark.parametrize("typed", ["texted", "met,ghosted", ""])
def test_restart_kinds_refuse_an_unknown_kind(typed: str) -> None:
    with pytest.raises(st.SettingError) as caught:
        st.parse_kinds(typed)
    assert "i_reached_out" in caught.value.text and "none" in caught.value.text


def test_set_breaking_kinds_checks_kinds_given_directly(set_up_store: Store) -> None:
    with pytest.raises(st.SettingError):
        st.set_breaking_kinds(set_up_store, ["met", "ghosted"])
    assert st.read_settings(set_up_store).breaking_kinds == DEFAULT_BREAKING_KINDS


# -- the idle lock --------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "minutes"), [("0", 0), ("off", 0), ("on", 5), ("12", 12)])
def test_idle_lock_takes_minutes_or_off(set_up_store: Store, typed: str, minutes: int) -> None:
    st.set_idle_lock(set_up_store, st.parse_idle_lock(typed))
    assert st.read_settings(set_up_store).idle_lock_minutes == minutes


@pytest.mark.parametrize("typed", ["241", "-1", "soon", ""])
def test_idle_lock_refuses_outside_0_to_240(typed: str) -> None:
    with pytest.raises(st.SettingError) as caught:
        st.parse_idle_lock(typed)
    assert "240" in caught.value.text


# -- by name, as the shell types them --------------------------------------------------


def test_every_shell_name_is_listed_with_its_value(set_up_store: Store) -> None:
    rows = dict((name, value) for name, value, _ in st.listing(st.read_settings(set_up_store)))
    assert rows == {
        "start": "2026-11-01",
        "day-ends-at": "4",
        "urge-minutes": "15",
        "hide-count": "off",
        "theme": st.DEFAULT_THEME,
        "idle-lock": "off",
        "restart-kinds": "i_reached_out,i_replied,met",
    }


def test_a_new_journal_lists_start_as_not_set(store: Store) -> None:
    rows = {name: value for name, value, _ in st.listing(st.read_settings(store))}
    assert rows["start"] == "not set yet"


@pytest.mark.parametrize(
    ("name", "typed", "field", "stored"),
    [
        ("start", "2026-11-10", "nc_start", "2026-11-10"),
        ("day-ends-at", "6", "day_starts_at", 6),
        ("urge-minutes", "20", "urge_minutes", 20),
        ("hide-count", "on", "hide_count", True),
        ("theme", "textual-light", "theme", "textual-light"),
        ("idle-lock", "15", "idle_lock_minutes", 15),
        ("restart-kinds", "met", "breaking_kinds", ["met"]),
    ],
)
def test_change_by_name(
    set_up_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    typed: str,
    field: str,
    stored: object,
) -> None:
    value = st.parse_setting(name, typed, TODAY)
    writes = CountingWrites(set_up_store, monkeypatch)
    st.save_setting(set_up_store, name, value, TODAY)
    assert writes.count == 1
    assert set_up_store.meta[field] == stored


def test_an_unknown_name_names_every_setting() -> None:
    with pytest.raises(st.SettingError) as caught:
        st.parse_setting("colour", "blue", TODAY)
    for name in st.SHELL_NAMES:
        assert name in caught.value.text


def test_setting_errors_are_the_users_kind_of_error() -> None:
    assert issubclass(st.SettingError, NoContactError)


def test_a_saved_theme_passes_the_files_check(db_path: Path) -> None:
    with Store.open(db_path, today=TODAY) as store:
        st.set_theme(store, "nord")
    with Store.open(db_path, today=TODAY) as again:
        assert st.read_settings(again).theme == "nord"


def test_a_journal_that_never_chose_a_timer_gets_fifteen_and_a_chosen_one_stays(
    set_up_store: Store,
) -> None:
    assert "urge_minutes" not in set_up_store.meta  # nothing stored at first run
    assert st.read_settings(set_up_store).urge_minutes == 15
    set_up_store.update_meta({"urge_minutes": 10})  # chosen before the default changed
    assert st.read_settings(set_up_store).urge_minutes == 10
