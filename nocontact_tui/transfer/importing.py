"""`nocontact import FILE [--merge]`: read a JSON export back into a journal.

An import is checked in full before anything is written, and written in one
atomic write (the whole result is built in memory first), so a refused or an
interrupted import leaves the journal as it was.

Into a journal with no entries (new, or only set up), the export is restored
exactly: every document with its id, and the file's settings.

With `--merge`, into a journal that already has entries, each document of the
file is added under a new id unless the journal already has it:

- settings (`meta`): never changed by a merge;
- contacts and urges: already there if a document has the same content, ignoring
  the id (the same moment, kind, feelings and note; the same ratings and outcome);
- reasons: already there if a reason has the same text (ignoring spaces around
  it); moving or regrouping a reason does not make it another one. New reasons
  go after the journal's own, in the file's order;
- letters: already there if a letter has the same title, body and start time;
  sealing it later does not count as a change, but a letter edited in one copy
  is kept in both versions, so no writing is lost. A letter already there gains
  the file's readings of it (`rereads`) it lacks, and its day to be read again
  (`reread_on`) if it has none;
- plans: a trap card that already has the person's plan keeps it; the file's is skipped;
- people: already there if a person has the same name and way to reach them
  (ignoring case and spaces around them); new people go after the journal's own;
- reviews: a day that already has a review keeps it, and the file's is skipped.
  A review's link to a contact (`contact_id`) follows that contact to its id in
  the journal; a link to a contact the file does not hold is dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

import orjson

from nocontact_tui.journal import schema
from nocontact_tui.journal.errors import InputError
from nocontact_tui.texts import line
from nocontact_tui.transfer.export import EXPORT_FORMAT, EXPORT_FORMAT_VERSION

if TYPE_CHECKING:
    from nocontact_tui.journal.store import Store

Tables = dict[str, dict[str, dict[str, Any]]]

CONTENT_TABLES = ("contacts", "urges", "reasons", "letters", "reviews", "plans", "people")
ORDERED = ("reasons", "people")  # tables in the person's order (`position`)


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass
class ImportResult:
    """What an import did (or would do): documents added and skipped, by table."""

    tables: Tables
    added: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    merged: bool = False
    # Documents already there that gained something from the file (a letter's readings).
    updated: Counter[str] = field(default_factory=Counter)


# -- reading and checking a file ----------------------------------------------------


def read_export(path: Path) -> Tables:
    """The tables of the export at `path`, checked and brought up to this schema.

    Raises InputError, naming the file and what is wrong, for anything that is not
    a well-formed nocontact export this version can read.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(
            line("export", "import", "cannot_read", file=path, reason=exc.strerror or exc)
        ) from exc
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InputError(line("export", "import", "not_json", file=path)) from exc
    return tables_from_export(data, path)


def tables_from_export(data: Any, path: Path) -> Tables:
    """Check a parsed export and return its tables at this schema version (migrated)."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        looks_like_journal = isinstance(data, dict) and isinstance(data.get("meta"), dict)
        raise InputError(
            line(
                "export", "import", "is_journal" if looks_like_journal else "not_export", file=path
            )
        )
    version = data.get("format_version")
    if not _is_int(version) or version < 1 or not isinstance(data.get("tables"), dict):
        raise InputError(line("export", "import", "not_export", file=path))
    if version > EXPORT_FORMAT_VERSION:
        raise InputError(
            line(
                "export",
                "import",
                "newer_format",
                file=path,
                version=version,
                known=EXPORT_FORMAT_VERSION,
            )
        )
    tables = data["tables"]
    declared = data.get("schema_version")
    if _is_int(declared) and declared > schema.SCHEMA_VERSION:
        raise newer_schema(path, declared)
    unknown = sorted(set(tables) - set(schema.TABLES))
    try:
        if unknown:
            raise schema.ShapeError(line("messages", "problem_table", table=unknown[0]))
        found = schema.check_shape(tables)
        if found is None:  # every table empty: not even the settings
            raise schema.ShapeError(line("messages", "problem_no_version"))
        if found > schema.SCHEMA_VERSION:
            raise newer_schema(path, found)
        if found < schema.SCHEMA_VERSION:
            schema.migrate(tables)
            schema.check_fields(tables)
    except schema.ShapeError as exc:
        raise InputError(line("export", "import", "bad_file", file=path, problem=exc)) from exc
    except (KeyError, TypeError, ValueError) as exc:  # a migration met a shape it cannot mend
        raise InputError(
            line("export", "import", "bad_file", file=path, problem=repr(exc))
        ) from exc
    return {name: tables.get(name) or {} for name in schema.TABLES}


def newer_schema(path: Path, version: int) -> InputError:
    return InputError(
        line(
            "export",
            "import",
            "newer_schema",
            file=path,
            version=version,
            known=schema.SCHEMA_VERSION,
        )
    )


# -- building the result ----------------------------------------------------------


def has_entries(tables: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether a journal holds anything the user wrote (settings alone do not count)."""
    return any(tables.get(name) for name in CONTENT_TABLES)


def restore(incoming: Tables) -> ImportResult:
    """The export as it is, ids and settings included: for a journal with no entries."""
    added = Counter({name: len(incoming[name]) for name in CONTENT_TABLES})
    return ImportResult(tables={name: incoming[name] for name in schema.TABLES}, added=added)


def _plain(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A document without its empty fields: a missing field and a None one are the same."""
    return {key: value for key, value in doc.items() if value is not None}


def _content(doc: Mapping[str, Any]) -> bytes:
    return orjson.dumps(_plain(doc), option=orjson.OPT_SORT_KEYS)


def _letter(doc: Mapping[str, Any]) -> tuple[Any, ...]:
    return (doc.get("title") or "", doc.get("body"), doc.get("created_at"))


def _reason(doc: Mapping[str, Any]) -> str:
    return str(doc.get("text", "")).strip()


def _plan(doc: Mapping[str, Any]) -> str:
    return str(doc.get("trap", ""))


def _person(doc: Mapping[str, Any]) -> tuple[str, str]:
    return (str(doc.get("name", "")).strip().casefold(), str(doc.get("how") or "").strip())


# How each table knows a document it already holds (see the module's docstring).
SAME: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "contacts": _content,
    "urges": _content,
    "reasons": _reason,
    "letters": _letter,
    "plans": _plan,
    "people": _person,
}


def _by_id(table: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return sorted(table.items(), key=lambda item: int(item[0]))


def merge(current: Tables, incoming: Tables) -> ImportResult:
    """`current` with what `incoming` adds; `current` itself is not changed."""
    tables: Tables = {name: dict(docs) for name, docs in current.items()}
    for name in schema.TABLES:
        tables.setdefault(name, {})
    result = ImportResult(tables=tables, merged=True)
    new_ids: dict[str, dict[str, int]] = {}  # table -> the file's id -> the journal's id

    for name, same in SAME.items():
        table = tables[name]
        known = {same(doc): int(doc_id) for doc_id, doc in table.items()}
        next_id = max((int(doc_id) for doc_id in table), default=0) + 1
        position = max((_position(doc, int(i)) for i, doc in table.items()), default=0)
        mapping = new_ids.setdefault(name, {})
        docs = _by_id(incoming[name])
        if name in ORDERED:  # in the user's order, which is by position
            docs.sort(key=lambda item: (_position(item[1], int(item[0])), int(item[0])))
        for doc_id, doc in docs:
            found = known.get(same(doc))
            if found is not None:
                mapping[doc_id] = found
                result.skipped[name] += 1
                if name == "letters":
                    mine = table[str(found)]
                    table[str(found)] = _with_rereads(mine, doc)
                    result.updated[name] += table[str(found)] is not mine
                continue
            if name in ORDERED:
                position += 1
                doc = doc | {"position": position}
            table[str(next_id)] = doc
            mapping[doc_id] = next_id
            next_id += 1
            result.added[name] += 1

    reviews = tables["reviews"]
    days = {doc["day"] for doc in reviews.values()}
    next_id = max((int(doc_id) for doc_id in reviews), default=0) + 1
    for _, doc in _by_id(incoming["reviews"]):
        if doc["day"] in days:
            result.skipped["reviews"] += 1
            continue
        days.add(doc["day"])
        if doc.get("contact_id") is not None:
            linked = new_ids["contacts"].get(str(doc["contact_id"]))
            if linked is None:
                doc = doc | {"contact_id": None, "contact_created": None}
            else:
                doc = doc | {"contact_id": linked}
        reviews[str(next_id)] = doc
        next_id += 1
        result.added["reviews"] += 1
    return result


def _with_rereads(mine: dict[str, Any], theirs: Mapping[str, Any]) -> dict[str, Any]:
    """A letter both copies hold keeps every reading from either (once each, in time
    order), and the day to read it again from the journal, or else from the file."""
    readings = {(item["at"], item["reads"]): item for item in mine.get("rereads") or ()}
    for item in theirs.get("rereads") or ():
        readings.setdefault((item["at"], item["reads"]), item)
    changes: dict[str, Any] = {}
    if len(readings) > len(mine.get("rereads") or ()):
        changes["rereads"] = sorted(readings.values(), key=_reading_time)
    if not mine.get("reread_on") and theirs.get("reread_on"):
        changes["reread_on"] = theirs["reread_on"]
    return mine | changes if changes else mine


def _reading_time(item: Mapping[str, Any]) -> float:
    return datetime.fromisoformat(item["at"]).timestamp()


def _position(doc: Mapping[str, Any], doc_id: int) -> float:
    return doc.get("position", doc_id)  # as reasons.py reads it


def plan_import(
    current: Tables, incoming: Tables, *, merge_into: bool, path: Path, file: Path
) -> ImportResult:
    """What importing `incoming` into the journal at `path`, holding `current`, gives.

    Raises InputError for a journal with entries unless `merge_into`.
    """
    if not has_entries(current):
        return restore(incoming)
    if not merge_into:
        raise InputError(line("export", "import", "not_empty", path=path, file=file))
    return merge(current, incoming)


# -- what to tell the user -----------------------------------------------------------


def counted(counts: Mapping[str, int]) -> str:
    parts = [
        line("export", "import", "one" if counts[name] == 1 else "many", name, count=counts[name])
        for name in CONTENT_TABLES
        if counts.get(name)
    ]
    return ", ".join(parts)


def report(result: ImportResult, *, path: Path, file: Path) -> list[str]:
    if not result.merged:
        if not any(result.added.values()):
            return [line("export", "import", "settings_only", file=file, path=path)]
        return [
            line("export", "import", "imported", path=path, summary=counted(result.added)),
            line("export", "import", "settings_too"),
        ]
    readings = [line("export", "import", "merged_readings")] if any(result.updated.values()) else []
    if not any(result.added.values()):
        return (
            readings + [line("export", "import", "merged_settings")]
            if readings
            else [line("export", "import", "nothing_new", file=file)]
        )
    lines = [line("export", "import", "merged", path=path, summary=counted(result.added))]
    if any(result.skipped.values()):
        lines.append(line("export", "import", "merged_skipped", summary=counted(result.skipped)))
    return lines + readings + [line("export", "import", "merged_settings")]


# -- into the store ------------------------------------------------------------------


def import_into(store: Store, incoming: Tables, *, file: Path, merge_into: bool) -> list[str]:
    """Import checked tables (from `read_export`) into an open, writable store, in one write.

    Returns the lines that tell the user what happened. Raises InputError, having
    written nothing, for a journal with entries unless `merge_into`.
    """
    current = {name: {str(i): doc for i, doc in store.docs(name)} for name in schema.TABLES}
    result = plan_import(current, incoming, merge_into=merge_into, path=store.path, file=file)
    if not result.merged or any(result.added.values()) or any(result.updated.values()):
        store.replace_all(result.tables)
    return report(result, path=store.path, file=file)
