"""The journal's on-disk layout: one table per opening line, one document per line.

The plain codec parses that layout a line at a time (the whole file is never held
in memory, nor orjson's intermediate document of it) and falls back to parsing the
whole file for anything else. The promise tested here: for every input, the
result is exactly what `orjson.loads` on the whole bytes gives, the same data in
the same order, or a refusal.
"""

from __future__ import annotations

import io
import tracemalloc
from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nocontact_tui.domain.heavy import heavy_journal
from nocontact_tui.journal import schema, storage
from nocontact_tui.journal.errors import DataFileError
from nocontact_tui.journal.storage import SEALED_MAGIC, JSONCodec, parse_line_layout
from nocontact_tui.journal.store import Store, read_journal
from nocontact_tui.texts import line

CODEC = JSONCodec()
JOURNAL = {
    "meta": {"1": {"schema_version": schema.SCHEMA_VERSION, "nc_start": "2026-11-01"}},
    "reasons": {"1": {"text": "the silences", "category": "How I was treated", "position": 1}},
}
A_FEW_DAYS = heavy_journal(date(2026, 11, 21), years=0.01)  # every table, one letter

# Keys that a naive split of `"key": value` would get wrong.
AWKWARD = ['": ', '"', "\\", '\\"', "{", "}", ",", "\n", "\r\n", "", " ", "é", "🙂", '": {', "},"]
keys = st.one_of(st.sampled_from(AWKWARD), st.text(max_size=8))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**64 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(AWKWARD),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=12,
)
tables = st.one_of(
    st.dictionaries(keys, st.dictionaries(keys, values, max_size=4), max_size=6),
    values,  # a "table" that is not an object: the format allows it, the schema refuses it later
)
journals = st.dictionaries(keys, tables, max_size=5)


def outcome(parse: Any, raw: bytes) -> tuple[str, bytes]:
    """("data", the result's bytes, which keep its order) or ("refused", b"")."""
    try:
        result = parse(raw)
    except (ValueError, RecursionError):
        return "refused", b""
    return "data", orjson.dumps(result)


def whole(raw: bytes) -> Any:
    return orjson.loads(raw)


def by_lines(raw: bytes) -> Any:
    return CODEC.read(io.BufferedReader(io.BytesIO(raw)))


def line_layout(raw: bytes) -> dict[str, Any] | None:
    return parse_line_layout(io.BufferedReader(io.BytesIO(raw)))


# -- the writer ------------------------------------------------------------------------


def test_each_table_opens_on_its_own_line_and_each_document_has_one() -> None:
    data = {
        "_default": {},
        "contacts": {"1": {"at": "2026-11-01T20:00:00+01:00", "note": "a\nb"}, "2": {"x": [1, 2]}},
        "meta": {"1": {"schema_version": 1}},
    }
    assert CODEC.encode(data) == (
        b"{\n"
        b'"_default": {},\n'
        b'"contacts": {\n'
        b'"1": {"at":"2026-11-01T20:00:00+01:00","note":"a\\nb"},\n'
        b'"2": {"x":[1,2]}\n'
        b"},\n"
        b'"meta": {\n'
        b'"1": {"schema_version":1}\n'
        b"}\n"
        b"}\n"
    )


def test_an_empty_journal_is_still_json() -> None:
    assert orjson.loads(CODEC.encode({})) == {}
    assert line_layout(CODEC.encode({})) == {}


def test_tinydb_and_the_json_module_read_the_layout(tmp_path: Path) -> None:
    import json

    from tinydb import TinyDB
    from tinydb.storages import JSONStorage

    path = tmp_path / "nocontact.json"
    path.write_bytes(CODEC.encode(A_FEW_DAYS))
    assert json.loads(path.read_text(encoding="utf-8")) == A_FEW_DAYS
    with TinyDB(path, storage=JSONStorage, access_mode="r") as db:
        assert db.storage.read() == A_FEW_DAYS
        assert db.table("letters").get(doc_id=1) == A_FEW_DAYS["letters"]["1"]


@settings(max_examples=200, deadline=None)
@given(journals)
def test_what_is_written_reads_back_line_by_line_as_orjson_reads_it(data: dict[str, Any]) -> None:
    raw = CODEC.encode(data)
    assert orjson.loads(raw) == data
    laid_out = line_layout(raw)
    assert laid_out is not None, "the writer's own layout must take the line-by-line path"
    assert orjson.dumps(laid_out) == orjson.dumps(data)  # same data, same order
    assert orjson.dumps(CODEC.decode(raw)) == orjson.dumps(data)
    assert orjson.dumps(by_lines(raw)) == orjson.dumps(data)


# -- the reader against orjson, on damaged and hand-edited files ------------------------


# Those that keep most of the layout come twice: they are where a lenient reader would slip.
MUTATIONS = [
    "delete",
    "insert",
    "replace",
    "truncate",
    "append",
    "crlf",
    *(["swap lines", "drop line", "repeat line", "drop comma", "add comma", "crlf one line"] * 2),
]


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[dict[str, Any]] = journals) -> bytes:
    raw = bytearray(CODEC.encode(draw(base)))
    for _ in range(draw(st.integers(1, 2))):
        lines = bytes(raw).splitlines(keepends=True)
        kind = draw(st.sampled_from(MUTATIONS))
        at = draw(st.integers(0, max(0, len(raw) - 1)))
        byte = draw(st.one_of(st.sampled_from(list(b',{}[]":\\\n\r \t0e-')), st.integers(0, 255)))
        if kind == "delete" and raw:
            del raw[at]
        elif kind == "insert":
            raw.insert(at, byte)
        elif kind == "replace" and raw:
            raw[at] = byte
        elif kind in ("swap lines", "drop line", "repeat line") and lines:
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if kind == "swap lines":
                lines[i], lines[j] = lines[j], lines[i]
            elif kind == "drop line":
                del lines[i]
            else:
                lines.insert(j, lines[i])
            raw = bytearray(b"".join(lines))
        elif kind == "drop comma":
            commas = [i for i in range(len(raw) - 1) if raw[i : i + 2] == b",\n"]
            if commas:
                del raw[draw(st.sampled_from(commas))]
        elif kind == "add comma":
            ends = [i for i in range(len(raw)) if raw[i] == ord("\n")]
            if ends:
                raw.insert(draw(st.sampled_from(ends)), ord(","))
        elif kind == "crlf":
            raw = bytearray(bytes(raw).replace(b"\n", b"\r\n"))
        elif kind == "crlf one line":
            ends = [i for i in range(len(raw)) if raw[i] == ord("\n")]
            if ends:
                raw.insert(draw(st.sampled_from(ends)), ord("\r"))
        elif kind == "truncate":
            del raw[at:]
        elif kind == "append":
            raw += draw(st.sampled_from([b" ", b"\n", b"\t\r\n", b"}", b"x", b"\x00", b"\x0c"]))
    return bytes(raw)


@settings(max_examples=600, deadline=None)
@given(mutated())
def test_on_any_damage_the_result_is_what_orjson_gives_for_the_whole_file(raw: bytes) -> None:
    assert_read_as_orjson_reads(raw)


def assert_read_as_orjson_reads(raw: bytes) -> None:
    expected = outcome(whole, raw)
    laid_out = line_layout(raw)
    if laid_out is not None:
        # Accepting a file line by line is a claim that orjson accepts it whole, alike.
        assert expected == ("data", orjson.dumps(laid_out))
    assert outcome(by_lines, raw) == expected
    assert outcome(CODEC.decode, raw) == expected


AWKWARD_FILES = [
    pytest.param(b'{\n"t": {\n"1": 1,\n"1": 2\n}\n}\n', id="a-document-twice"),
    pytest.param(b'{\n"t": {\n"1": 1\n},\n"u": {},\n"t": {\n"2": 2\n}\n}\n', id="a-table-twice"),
    pytest.param(b'{\n"t": 5,\n"t": {\n"2": 2\n}\n}\n', id="a-table-twice-first-not-one"),
    pytest.param(b'{\n"t": {\n"1": 1, "2": 2,\n"3": 3\n}\n}\n', id="two-documents-on-a-line"),
    pytest.param(b'{\n"t": {\n"1": 1}, {"2": 2\n}\n}\n', id="a-line-closing-and-reopening"),
    pytest.param(b'{\n"t": {\n"1": 1}, [2\n}\n}\n', id="a-line-closing-into-a-list"),
    pytest.param(b'{\n"t": {\n"1": 1,\n"2": 2\n}\n}', id="no-final-newline"),
    pytest.param(b'{\n"t": {\n"1": 1,\n"2": 2\n}\n}\n \t\r\n', id="trailing-json-space"),
    pytest.param(b'{\n"t": {\n"1": 1,\n"2": 2\n}\n}\n\x0c', id="trailing-form-feed"),
    pytest.param(b'{\n"t": {\n"1": 1,\n"2": 2\n}\n}\n}\n', id="a-brace-too-many"),
    pytest.param(b'{\n"t": {\n"1": 1,\n"2": 2\n}\n', id="a-brace-too-few"),
    pytest.param(b'{\n"t": {\n"1": 1,\n"2": 2,\n}\n}\n', id="a-comma-too-many"),
    pytest.param(b'{\n"t": {\n"1": 1,,\n"2": 2\n}\n}\n', id="two-commas-ending-a-line"),
    pytest.param(b'{\n"t": {\n"1": 1,\n,\n"2": 2\n}\n}\n', id="a-line-of-a-comma"),
    pytest.param(b'{\n"t": {\n"1": 1\n\n}\n}\n', id="a-blank-line-before-the-close"),
    pytest.param(b'{\n"t": {\n"1": 1\n"2": 2\n}\n}\n', id="a-comma-missing"),
    pytest.param(b'{\n"t": {\n"1": 1\n}\n"u": {}\n}\n', id="a-comma-missing-between-tables"),
    pytest.param(b'{\n"t": {\n"1": 1\n},\n}\n', id="a-comma-after-the-last-table"),
    pytest.param(b'{\n"t": {\n\n"1": 1\n}\n}\n', id="a-blank-line"),
    pytest.param(b'{\n"t": {\n"1": 1,\n\n}\n}\n', id="a-blank-line-after-a-comma"),
    pytest.param(b'{\r\n"t": {\r\n"1": 1,\r\n"2": 2\r\n}\r\n}\r\n', id="crlf"),
    pytest.param(b'{\n"t": {\n"1": 1,\r\n"2": 2\n}\n}\n', id="one-crlf"),
    pytest.param(b'\xef\xbb\xbf{\n"t": {\n"1": 1\n}\n}\n', id="bom"),
    pytest.param(b'{\n"t": {\n"1": NaN\n}\n}\n', id="nan"),
    pytest.param(b'{\n"t": {\n"1": Infinity\n}\n}\n', id="infinity"),
    pytest.param(b'{\n"t": {\n"1": 123456789012345678901234567890\n}\n}\n', id="huge-int"),
    pytest.param(b'{\n"t": {\n"1": "\\ud800"\n}\n}\n', id="lone-surrogate"),
    pytest.param(b'{\n"t": {\n"1": "\xff"\n}\n}\n', id="invalid-utf8"),
    pytest.param(b'{\n"t": {\n"1": "a\nb"\n}\n}\n', id="raw-newline-in-a-string"),
    pytest.param(b'{\n"t": {\n"1": {"a":\n1}\n}\n}\n', id="a-document-over-two-lines"),
    pytest.param(b'{\n"t": {\n"1": 1\n}\n}\n', id="as-written"),
    pytest.param(b'{\n"t": [\n1\n]\n}\n', id="a-table-that-is-a-list"),
    pytest.param(b'{\n"t": 7\n}\n', id="a-table-that-is-a-number"),
    pytest.param(b'{\n"t":{\n"1": 1\n}\n}\n', id="no-space-before-the-brace"),
    pytest.param(b'{\n"a\\": {\n"1": 1\n}\n}\n', id="escaped-quote-before-the-brace"),
    pytest.param(b'{\n"a": 1, "t": {\n"1": 1\n}\n}\n', id="a-member-before-a-table"),
    pytest.param(b"{\n}\n", id="empty"),
    pytest.param(b'{\n"t": {\n}\n}\n', id="an-empty-table-over-two-lines"),
    pytest.param(b'{"t":{"1":1}}', id="compact"),
    pytest.param(b"", id="nothing"),
    pytest.param(b"{\n", id="only-the-opening-line"),
    pytest.param(b"[\n]\n", id="a-list"),
]


@pytest.mark.parametrize("raw", AWKWARD_FILES)
def test_awkward_files_read_as_orjson_reads_them(raw: bytes) -> None:
    assert_read_as_orjson_reads(raw)


def nested(depth: int) -> bytes:
    """A value `depth` containers deep."""
    return b'{"a":' * (depth - 1) + b"[]" + b"}" * (depth - 1)


def depth_of(value: Any) -> int:
    """How many containers deep `value` goes (without recursion: it may be 1,000 deep)."""
    deepest, level = 0, [(value, 1)]
    while level:
        item, depth = level.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth)
            level.extend(
                (child, depth + 1) for child in (item.values() if isinstance(item, dict) else item)
            )
    return deepest


def depth_read(parse: Any, raw: bytes) -> int:
    """How deep what `parse` reads from `raw` goes; 0 if it refuses it."""
    try:
        return depth_of(parse(raw))
    except ValueError:
        return 0


@pytest.mark.parametrize("depth", [1020, 1021, 1022, 1023, 1024])
def test_nesting_is_limited_the_same_way_line_by_line(depth: int) -> None:
    # orjson refuses more than 1024 levels; a document sits two levels down.
    in_table = b'{\n"t": {\n"1": ' + nested(depth) + b"\n}\n}\n"
    at_top = b'{\n"t": ' + nested(depth) + b"\n}\n"
    for raw in (in_table, at_top):
        expected = depth_read(whole, raw)
        assert depth_read(by_lines, raw) == expected
        laid_out = line_layout(raw)
        if laid_out is not None:
            assert depth_of(laid_out) == expected != 0


# -- files through the store -------------------------------------------------------------


def test_an_old_compact_file_loads_and_the_next_write_lays_it_out(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(orjson.dumps(JOURNAL))
    with Store.open(db_path, today=date(2026, 11, 21)) as store:
        assert dict(store.docs("reasons")) == {1: JOURNAL["reasons"]["1"]}
        store.update_meta({"day_starts_at": 4})
    raw = db_path.read_bytes()
    assert raw.startswith(b"{\n") and raw.count(b"\n") > 3
    data = line_layout(raw)
    assert data is not None and data == orjson.loads(raw)
    assert data["reasons"] == JOURNAL["reasons"]
    assert data["meta"]["1"]["day_starts_at"] == 4


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"", line("messages", "problem_empty")),
        (b" \n\t\x0b\x0c\r\n", line("messages", "problem_empty")),
        (SEALED_MAGIC + b'{"version": 1}\n...', line("messages", "problem_sealed_locked")),
        (b'{\n"meta": {\n"1": {"schema_version": 1},\n', line("messages", "problem_not_json")),
        (
            b'{\n"meta": {\n"1": {"schema_version": 1}\n}\n}\nx',
            line("messages", "problem_not_json"),
        ),
    ],
)
def test_read_journal_refuses_as_before(db_path: Path, raw: bytes, problem: str) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(raw)
    with pytest.raises(DataFileError) as caught:
        read_journal(db_path, CODEC)
    assert caught.value.problem == problem


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=mutated(st.one_of(st.just(JOURNAL), st.just(A_FEW_DAYS), journals)))
def test_read_journal_gives_what_a_whole_file_parse_gives(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "nocontact.json"
    path.write_bytes(raw)
    try:
        got: Any = read_journal(path, CODEC)
        got = ("data", orjson.dumps(got[0]), got[1])
    except DataFileError as exc:
        got = ("refused", exc.problem)
    assert got == reference_read(raw)


def reference_read(raw: bytes) -> tuple[Any, ...]:
    """What `read_journal` did when it parsed the whole file at once."""
    if not raw.strip():
        return ("refused", line("messages", "problem_empty"))
    if raw.startswith(SEALED_MAGIC):
        return ("refused", line("messages", "problem_sealed_locked"))
    try:
        data = orjson.loads(raw)
    except ValueError:
        return ("refused", line("messages", "problem_not_json"))
    try:
        version = schema.check_shape(data)
    except schema.ShapeError as exc:
        return ("refused", str(exc))
    if version is not None and version > schema.SCHEMA_VERSION:
        return (
            "refused",
            line("messages", "problem_newer", version=version, known=schema.SCHEMA_VERSION),
        )
    return ("data", orjson.dumps(data), version)


# -- memory --------------------------------------------------------------------------------


def test_reading_line_by_line_never_holds_the_whole_file(tmp_path: Path) -> None:
    """What the parse allocates on top of what it keeps stays well under the file's size.

    Parsing the whole file at once holds the file's bytes and orjson's intermediate
    document of them at the same time, on top of the tables (several times the file).
    """
    path = tmp_path / "heavy.json"
    path.write_bytes(CODEC.encode(heavy_journal(date(2026, 11, 21), years=3)))
    size = path.stat().st_size

    def transient(parse: Any) -> int:
        tracemalloc.start()
        try:
            with path.open("rb") as handle:
                kept = parse(handle)
            current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert kept["letters"]
        return peak - current

    assert transient(CODEC.read) < 0.5 * size
    # The bound tells the two apart:
    assert transient(lambda handle: orjson.loads(handle.read())) > size


# -- batches: several document lines parsed in one go -------------------------------------


@settings(max_examples=400, deadline=None)
@given(raw=mutated(), batch=st.sampled_from([1, 40, 200]))
def test_batches_of_any_size_read_as_orjson_reads_the_whole_file(raw: bytes, batch: int) -> None:
    """Small batches cut after nearly every line: each cut must keep the result exact."""
    with mock.patch.object(storage, "BATCH_BYTES", batch):
        assert_read_as_orjson_reads(raw)


@pytest.mark.parametrize("batch", [1, 40, 200, 1 << 16])
@pytest.mark.parametrize("raw", [b'{\n"t": {\n"1": ["a",\n"b"],\n"2": 2\n}\n}\n', *AWKWARD_FILES])
def test_awkward_files_read_the_same_in_any_batch_size(batch: int, raw: bytes) -> None:
    with mock.patch.object(storage, "BATCH_BYTES", batch):
        assert outcome(by_lines, raw) == outcome(whole, raw)


@pytest.mark.parametrize("batch", [1, 64, 1 << 16])
def test_the_heavy_journal_reads_the_same_in_any_batch_size(batch: int) -> None:
    raw = CODEC.encode(A_FEW_DAYS)
    with mock.patch.object(storage, "BATCH_BYTES", batch):
        assert line_layout(raw) == orjson.loads(raw)
