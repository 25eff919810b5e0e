"""`nocontact demo`: plausible sample history, only ever into a journal of its own."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from conftest import BERLIN, NOW
from helpers import run_cli

from nocontact_tui.cli.demo import build_history, generate, is_blank
from nocontact_tui.domain.contacts import list_contacts
from nocontact_tui.domain.evidence import evidence_for
from nocontact_tui.domain.reasons import add_reason, list_reasons
from nocontact_tui.domain.status import compute_status
from nocontact_tui.journal.errors import InputError
from nocontact_tui.journal.store import Store


def test_a_month_of_history_is_plausible(store: Store) -> None:
    summary = generate(store, now=NOW, days=30, tz=BERLIN)
    status = compute_status(store, NOW, BERLIN)
    assert status.settings.nc_start == date(2026, 10, 22)
    assert status.streak.started and len(status.streak.attempts) >= 2  # at least one restart point
    contacts = list_contacts(store)
    assert len(contacts) == summary.contacts and all(c.at <= NOW for c in contacts)
    evidence = evidence_for(store)
    assert evidence.urges.surfed > evidence.urges.ended_in_contact > 0
    assert evidence.urges.median_drop and evidence.urges.median_drop > 0
    assert evidence.traps and evidence.felt.rated
    assert summary.reviews > 10 and len(list_reasons(store)) == summary.reasons > 0


def test_the_written_file_loads_with_every_field_checked(db_path: Path) -> None:
    with Store.open(db_path, today=NOW.date()) as store:
        generate(store, now=NOW, days=60, tz=BERLIN)
    with Store.open(db_path, write=False) as again:  # check_shape runs on load
        assert len(list_contacts(again)) > 0


def test_same_seed_same_history() -> None:
    assert build_history(NOW, 40, BERLIN, seed=3) == build_history(NOW, 40, BERLIN, seed=3)
    assert build_history(NOW, 40, BERLIN, seed=3) != build_history(NOW, 40, BERLIN, seed=4)


def test_nothing_is_dated_after_now_even_for_a_single_day() -> None:
    for days in (1, 2, 7):
        start, tables = build_history(NOW, days, BERLIN)
        assert start == date(2026, 11, 21) - timedelta(days=days)
        for doc in tables["contacts"]:
            assert doc["at"] <= NOW.isoformat()
        for doc in tables["urges"]:
            assert doc["ended_at"] <= NOW.isoformat()


def test_refuses_a_journal_with_anything_in_it(store: Store) -> None:
    add_reason(store, "mine", now=NOW)
    assert not is_blank(store)
    with pytest.raises(InputError):
        generate(store, now=NOW, days=30, tz=BERLIN)
    assert [r.text for r in list_reasons(store)] == ["mine"]
    assert list_contacts(store) == []


def test_refuses_a_journal_that_only_has_a_start_date(set_up_store: Store) -> None:
    with pytest.raises(InputError):
        generate(set_up_store, now=NOW, days=30, tz=BERLIN)


@pytest.mark.parametrize("days", [0, -1, 100000])
def test_days_out_of_range(store: Store, days: int) -> None:
    with pytest.raises(InputError):
        generate(store, now=NOW, days=days, tz=BERLIN)
    assert is_blank(store)


def test_cli_writes_once_and_then_refuses(tmp_path: Path) -> None:
    target = tmp_path / "demo" / "nc.json"
    done = run_cli("demo", "--db", str(target), "--days", "20")
    assert done.returncode == 0, done.stderr
    assert "streak" in done.stdout
    before = target.read_bytes()
    again = run_cli("--db", str(target), "demo")
    assert again.returncode != 0 and "already" in again.stderr
    assert target.read_bytes() == before
    data = orjson.loads(before)
    assert data["meta"]["1"]["nc_start"] and data["contacts"]


def test_cli_wants_a_file_of_its_own(tmp_path: Path) -> None:
    result = run_cli("demo", env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")})
    assert result.returncode != 0 and "--db" in result.stderr
    assert not (tmp_path / "data").exists()
