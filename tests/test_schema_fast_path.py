"""The table-wide field check (the fast path) must say what the one-value-at-a-time check
says, for every field and every odd value: a differential test over mutated journals."""

from __future__ import annotations

import copy
import math
import random
from typing import Any

import pytest

from nocontact_tui.journal import schema

AT = "2026-10-02T10:00:00+02:00"
BASE: dict[str, Any] = {
    "meta": {
        "1": {
            "schema_version": 2,
            "nc_start": "2026-10-01",
            "day_starts_at": 4,
            "breaking_kinds": ["met"],
            "reason_categories": ["a"],
            "hide_count": False,
        }
    },
    "contacts": {
        str(i): {"at": AT, "kind": "met", "felt_after": 3, "note": "n"} for i in range(1, 4)
    },
    "urges": {
        str(i): {
            "started_at": AT,
            "ended_at": "2026-10-02T10:10:00+02:00",
            "trigger": "t",
            "ratings": [[0, 5], [60.5, 3]],
            "outcome": "surfed",
            "note": None,
        }
        for i in range(1, 4)
    },
    "reasons": {
        str(i): {"text": "r", "category": "c", "position": 1, "created_at": AT} for i in range(1, 4)
    },
    "letters": {
        str(i): {"title": "t", "body": "b", "status": "draft", "prompt": None} for i in range(1, 4)
    },
    "reviews": {
        str(i): {
            "day": f"2026-10-0{i}",
            "mood": 3,
            "strongest_urge": 4,
            "contact": False,
            "helped": ["x"],
        }
        for i in range(1, 4)
    },
    "plans": {str(i): {"trap": f"t{i}", "text": "p", "updated": AT} for i in range(1, 4)},
    "people": {
        str(i): {"name": "n", "how": "h", "position": i, "created_at": AT} for i in range(1, 4)
    },
}


class Str(str):
    pass


class Int(int):
    pass


ODD: list[Any] = [
    None, True, False, 0, 1, -1, 5, 10, 11, 23, 24, 120, 121, 1.5, -0.5,
    math.nan, math.inf, -math.inf, 10**30, "x", "", Str("met"), Int(3),
    "2026-01-01", "2026-1-01", "20260101", "2026-01-01T10:00:00",
    "2026-01-01T10:00:00+00:00", "2026-01-01T10:00:00Z", "2026-13-01T10:00:00+00:00",
    [], [1], [None], ["x"], ["met"], ["met", "telepathy"], [[0, 5]], [[0, 11]], [[-1, 3]],
    [[0.5, 3]], [[math.inf, 3]], [[math.nan, 3]], [["a", 3]], [[0, True]], [[True, 1]],
    [[0, 5, 1]], [[0]], [(0, 5)], [[0, 5.0]], [[10**30, 5]], [[0, -1]], [[0, Int(3)]],
    {}, {"sessions": []}, {"sessions": [{"day": "2026-01-01"}]}, {"sessions": [{"day": "x"}]},
    "met", "surfed", "sealed",
    "0001-01-01", "1899-12-31", "1900-01-01", "2200-12-31", "2201-01-01", "9999-12-31",
    "1899-12-31T23:59:59+00:00", "1900-01-01T00:00:00+14:00", "2200-12-31T23:59:59-12:00",
    "2201-01-01T00:00:00+00:00", "0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00",
    {"sessions": [{"day": "0001-01-01"}]}, {"sessions": [{"day": "2200-12-31"}]},
]  # fmt: skip
DELETE = object()


def outcome(data: dict[str, Any], *, fast: bool, monkeypatch: pytest.MonkeyPatch) -> tuple:
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(schema, "_fields_look_right", lambda _: False)
            patch.setattr(schema, "_tables_look_right", lambda _: False, raising=False)
        try:
            return ("ok", schema.check_shape(copy.deepcopy(data)))
        except Exception as exc:  # the message is part of what must agree
            return (type(exc).__name__, str(exc))


def agree(data: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    slow = outcome(data, fast=False, monkeypatch=monkeypatch)
    assert outcome(data, fast=True, monkeypatch=monkeypatch) == slow


@pytest.mark.parametrize("table", list(schema.FIELDS))
def test_every_field_with_every_odd_value(table: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for field in [*schema.FIELDS[table], "unknown"]:
        for doc_id in ("1",) if table == "meta" else ("1", "3"):
            for value in [*ODD, DELETE]:
                data = copy.deepcopy(BASE)
                if value is DELETE:
                    data[table][doc_id].pop(field, None)
                else:
                    data[table][doc_id][field] = value
                agree(data, monkeypatch)


def test_several_odd_values_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(1)
    for _ in range(1500):
        data = copy.deepcopy(BASE)
        for _ in range(rng.randint(1, 4)):
            table = rng.choice(list(schema.FIELDS))
            doc_id = rng.choice(list(data[table]))
            data[table][doc_id][rng.choice(list(schema.FIELDS[table]))] = rng.choice(ODD)
        agree(data, monkeypatch)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"meta": []},
        {"meta": {}},
        {"meta": {"1": {"schema_version": 2}}, "x": {"a": {}}},
        {"meta": {"1": {"schema_version": 2}}, "x": {"1": []}},
        {"meta": {"1": {"schema_version": 2}}, "x": {"²": {}}},
        {"meta": {"1": {"schema_version": 2}}, "x": {"٣": {}}},
        {"meta": {"1": {"schema_version": 2}}, "x": {"01": {}}},
        {"meta": {"1": {"schema_version": 2}}, "x": {"0": {}, "10": {}}},
        {"meta": {"1": {"schema_version": 2}}, "x": {"1" * 5000: {}}},
        {"meta": {"1": {"schema_version": 2}}, "urges": {"1": {"started_at": AT, "ratings": []}}},
    ],
)
def test_odd_shapes(data: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    agree(data, monkeypatch)
