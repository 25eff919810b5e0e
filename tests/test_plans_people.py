"""If-then plans for one's own traps and people to reach instead: the domain, the
schema's step to version 2, and both tables through export, import and merge."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from conftest import NOW

from nocontact_tui.domain import people as people_domain
from nocontact_tui.domain.people import (
    add_person,
    edit_person,
    list_people,
    person_at,
    remove_person,
)
from nocontact_tui.domain.plans import all_plans, plan_for, set_plan
from nocontact_tui.domain.traps import get_trap
from nocontact_tui.domain.urges import (
    RODE_IT_OUT,
    UrgeSession,
    compute_evidence,
    list_urges,
    prompt_plan,
    save_session,
    surf_prompts,
)
from nocontact_tui.journal import schema
from nocontact_tui.journal.errors import InputError
from nocontact_tui.journal.store import Store
from nocontact_tui.transfer.export import export_data
from nocontact_tui.transfer.importing import import_into, merge, tables_from_export
from nocontact_tui.transfer.markdown import export_markdown

# -- plans ------------------------------------------------------------------------------


def test_a_plan_is_written_changed_and_cleared(store: Store) -> None:
    assert plan_for(store, "loneliness") is None
    kept = set_plan(store, "loneliness", "  If it's Sunday night\nthen I call my sister ", now=NOW)
    assert kept == "If it's Sunday night then I call my sister"
    assert plan_for(store, "loneliness") == kept
    set_plan(store, "loneliness", "I go for a walk", now=NOW + timedelta(hours=1))
    assert all_plans(store) == {"loneliness": "I go for a walk"}
    assert len(list(store.docs("plans"))) == 1  # changed in place, not added beside
    assert set_plan(store, "loneliness", "   ", now=NOW) is None
    assert all_plans(store) == {}
    assert plan_for(store, None) is None


def test_the_newest_plan_wins_when_an_import_left_two(store: Store) -> None:
    store.insert(
        "plans", {"trap": "closure", "text": "older", "updated": "2026-11-01T10:00:00+01:00"}
    )
    store.insert(
        "plans", {"trap": "closure", "text": "newer", "updated": "2026-11-02T10:00:00+01:00"}
    )
    assert plan_for(store, "closure") == "newer"


def test_the_plan_is_the_first_prompt_of_the_surf(store: Store) -> None:
    evidence = compute_evidence([], [])
    prompts = surf_prompts([], get_trap("loneliness"), evidence, plan="I call my sister")
    assert prompts[0].kind == "plan"
    assert "I call my sister" in prompts[0].text
    assert surf_prompts([], get_trap("loneliness"), evidence)[0].kind != "plan"


def test_someone_on_the_list_is_offered_among_the_prompts() -> None:
    prompts = prompt_plan(["b1", "b2"], ["n"], ["w"], person="Maya (call)")
    kinds = [p.kind for p in prompts]
    assert "person" in kinds and kinds[0] != "person"
    assert next(p.text for p in prompts if p.kind == "person") == "Maya (call)"


# -- people -----------------------------------------------------------------------------


def test_people_are_added_changed_removed_in_their_order(store: Store) -> None:
    maya = add_person(store, "Maya", "call, any evening", now=NOW)
    jonas = add_person(store, " Jonas ", now=NOW)
    assert [(p.name, p.how) for p in list_people(store)] == [
        ("Maya", "call, any evening"),
        ("Jonas", ""),
    ]
    assert list_people(store)[0].line == "Maya (call, any evening)"
    assert list_people(store)[1].line == "Jonas"
    edit_person(store, jonas, "Jonas", "text him")
    assert list_people(store)[1].how == "text him"
    remove_person(store, maya)
    assert [p.name for p in list_people(store)] == ["Jonas"]


def test_a_person_needs_a_name_and_the_list_stays_short(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(InputError):
        add_person(store, "  ", "call", now=NOW)
    monkeypatch.setattr(people_domain, "MAX_PEOPLE", 2)
    add_person(store, "A", now=NOW)
    add_person(store, "B", now=NOW)
    with pytest.raises(InputError):
        add_person(store, "C", now=NOW)
    assert len(list_people(store)) == 2


def test_each_surf_offers_the_next_person() -> None:
    people = [people_domain.Person(i, f"P{i}", "", i) for i in range(1, 4)]
    assert [person_at(people, turn).name for turn in range(4)] == ["P1", "P2", "P3", "P1"]  # type: ignore[union-attr]
    assert person_at([], 3) is None


def test_reaching_someone_is_its_own_outcome_counted_as_riding_it_out(store: Store) -> None:
    assert "reached_someone" in RODE_IT_OUT
    for outcome in ("reached_someone", "made_contact"):
        session = UrgeSession(minutes=1)
        session.rate(8, 0.0)
        session.choose_trap(None)
        session.start_surf("", 1.0)
        session.end_early(30.0)
        session.skip_rating(31.0)
        assert session.choose_outcome(outcome)
        save_session(store, session, NOW)
    urges = list_urges(store)
    assert {u.outcome for u in urges} >= {"reached_someone"}
    evidence = compute_evidence(urges, [])
    assert evidence.surfed == 1  # the contact one is not riding it out; reaching someone is


# -- the schema's version 2 -------------------------------------------------------------


def test_version_1_gains_the_two_tables(db_path: Path) -> None:
    assert schema.SCHEMA_VERSION == 2
    data: dict[str, Any] = {"meta": {"1": {"schema_version": 1}}, "reasons": {"1": {"text": "x"}}}
    assert schema.migrate(data)
    assert data["plans"] == {} and data["people"] == {}
    assert data["meta"]["1"]["schema_version"] == 2
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(
        orjson.dumps({"meta": {"1": {"schema_version": 1}}, "reasons": {"1": {"text": "x"}}})
    )
    with Store.open(db_path) as opened:
        set_plan(opened, "closure", "I write a letter instead", now=NOW)
    saved = orjson.loads(db_path.read_bytes())
    assert saved["meta"]["1"]["schema_version"] == 2
    assert next(iter(saved["plans"].values()))["text"] == "I write a letter instead"


def test_a_plan_or_person_of_the_wrong_shape_is_named() -> None:
    data = {"meta": {"1": {"schema_version": 2}}, "people": {"1": {"how": "call"}}}
    with pytest.raises(schema.ShapeError):
        schema.check_fields(data)


# -- export and import ------------------------------------------------------------------


def filled(store: Store) -> None:
    set_plan(store, "loneliness", "If it's Sunday night, I call my sister", now=NOW)
    add_person(store, "Maya", "call", now=NOW)
    add_person(store, "Jonas", "text", now=NOW)
    store.insert("reasons", {"text": "I kept shrinking to fit"})


def test_both_tables_make_the_round_trip(store: Store, tmp_path: Path) -> None:
    filled(store)
    exported = orjson.loads(orjson.dumps(export_data(store, NOW)))
    assert exported["schema_version"] == 2
    with Store.open(tmp_path / "copy.json") as copy:
        import_into(
            copy,
            tables_from_export(exported, tmp_path / "x.json"),
            file=tmp_path / "x.json",
            merge_into=False,
        )
        assert all_plans(copy) == all_plans(store)
        assert list_people(copy) == list_people(store)


def test_markdown_lists_plans_and_people(store: Store) -> None:
    filled(store)
    text = export_markdown(store, NOW)
    assert "If it's Sunday night, I call my sister" in text
    assert "- Maya (call)" in text and "- Jonas (text)" in text


def test_merge_keeps_the_journals_plan_and_adds_new_people_after_its_own(
    store: Store, tmp_path: Path
) -> None:
    filled(store)
    current = {name: {str(i): d for i, d in store.docs(name)} for name in schema.TABLES}
    incoming = {name: {} for name in schema.TABLES} | {
        "meta": {"1": {"schema_version": 2}},
        "plans": {
            "1": {"trap": "loneliness", "text": "theirs"},
            "2": {"trap": "closure", "text": "I write it here"},
        },
        "people": {
            "1": {"name": " maya ", "how": "call", "position": 1},
            "2": {"name": "Sam", "how": "knock next door", "position": 2},
        },
    }
    result = merge(current, incoming)
    plans = {d["trap"]: d["text"] for d in result.tables["plans"].values()}
    assert plans == {
        "loneliness": "If it's Sunday night, I call my sister",
        "closure": "I write it here",
    }
    people = sorted(result.tables["people"].values(), key=lambda d: d["position"])
    assert [d["name"] for d in people] == ["Maya", "Jonas", "Sam"]
    assert result.added["people"] == 1 and result.skipped["people"] == 1
    assert result.added["plans"] == 1 and result.skipped["plans"] == 1


def test_an_older_export_without_the_tables_still_imports(tmp_path: Path) -> None:
    old = {
        "format": "nocontact-export",
        "format_version": 1,
        "schema_version": 1,
        "tables": {"meta": {"1": {"schema_version": 1}}, "reasons": {"1": {"text": "x"}}},
    }
    got = tables_from_export(old, tmp_path / "old.json")
    assert got["plans"] == {} and got["people"] == {}
