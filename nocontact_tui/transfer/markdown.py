"""The journal as one readable Markdown document (`nocontact export --format markdown`).

Letters are sections of their own, reasons are listed by group, the urge and
contact history are tables, and daily reviews are grouped by ISO week.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from nocontact_tui.domain.letters import reads_words
from nocontact_tui.domain.reasons import categories, list_reasons
from nocontact_tui.domain.traps import get_trap
from nocontact_tui.texts import line, load

if TYPE_CHECKING:
    from nocontact_tui.journal.store import Store

BLOCK_START = re.compile(r"^(\s{0,3})([#>=]|[-*+] |\d+[.)] |```|~~~|---|___)")


def _when(stamp: str | None) -> str:
    """A stored moment as the wall-clock time it was written down: 2026-03-05 19:30."""
    if not stamp:
        return ""
    return datetime.fromisoformat(stamp).strftime("%Y-%m-%d %H:%M")


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines + [""]


def _heading_text(text: str) -> str:
    return " ".join(text.replace("#", "\\#").split())


def _prose(text: str) -> list[str]:
    """A letter's body as it was written; a line that Markdown would read as a heading,
    a list or a rule is escaped, so the letter keeps its shape."""
    out = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n"):
        match = BLOCK_START.match(raw)
        out.append(raw[: match.end(1)] + "\\" + raw[match.end(1) :] if match else raw)
    return out


def _letters(store: Store) -> list[str]:
    out = [f"## {line('export', 'markdown', 'letters')}", ""]
    letters = sorted(
        store.docs("letters"),
        key=lambda item: (item[1].get("created_at") or item[1].get("updated_at") or "", item[0]),
    )
    if not letters:
        return out + [line("export", "markdown", "empty"), ""]
    statuses = load("export")["markdown"]["statuses"]
    for _, doc in letters:
        title = _heading_text(doc.get("title") or "") or line("export", "markdown", "untitled")
        status = statuses.get(doc.get("status") or "draft", doc.get("status"))
        written = line(
            "export",
            "markdown",
            "letter_written",
            status=status,
            created=_when(doc.get("created_at")) or "?",
            updated=_when(doc.get("updated_at")) or "?",
        )
        out += [f"### {title}", "", f"*{written}*", ""]
        body = _prose(doc.get("body") or "")
        out += [*body, ""] if body else []
        out += _rereads(doc)
    return out


def _rereads(doc: dict[str, Any]) -> list[str]:
    """The day a sealed letter was set aside to be read again, and how it read each time."""
    out = []
    if doc.get("reread_on"):
        out.append(f"*{line('export', 'markdown', 'reread_on', date=doc['reread_on'])}*")
    reads = reads_words()
    for item in doc.get("rereads") or ():
        said = line(
            "export",
            "markdown",
            "reread",
            when=_when(item["at"]),
            reads=item["reads"],
            words=reads[item["reads"] - 1],
        )
        out.append(f"- {said}")
    return [*out, ""] if out else []


def _reasons(store: Store) -> list[str]:
    out = [f"## {line('export', 'markdown', 'reasons')}", ""]
    reasons = list_reasons(store)
    if not reasons:
        return out + [line("export", "markdown", "empty"), ""]
    unsorted = line("reasons", "unsorted")
    for group in categories(store, reasons):
        key = group.casefold() if group else None
        mine = [r for r in reasons if (r.category.casefold() if r.category else None) == key]
        if mine:
            out += [f"### {_heading_text(group or unsorted)}", ""]
            out += [f"- {' '.join(r.text.split())}" for r in mine] + [""]
    return out


def _urges(store: Store) -> list[str]:
    out = [f"## {line('export', 'markdown', 'urges')}", ""]
    urges = sorted((doc for _, doc in store.docs("urges")), key=lambda d: d["started_at"])
    if not urges:
        return out + [line("export", "markdown", "empty"), ""]
    outcomes = load("export")["markdown"]["outcomes"]
    rows = []
    for doc in urges:
        minutes = ""
        if doc.get("ended_at"):
            began, ended = (datetime.fromisoformat(doc[k]) for k in ("started_at", "ended_at"))
            minutes = str(max(0, round((ended - began).total_seconds() / 60)))
        trap = get_trap(doc.get("trigger"))
        rows.append(
            [
                _when(doc["started_at"]),
                minutes,
                trap.name if trap else doc.get("trigger"),
                " → ".join(str(r[1]) for r in doc.get("ratings") or []),
                outcomes.get(doc.get("outcome") or "none", doc.get("outcome")),
                doc.get("note"),
            ]
        )
    return (
        out
        + [line("export", "markdown", "urges_intro"), ""]
        + _table(load("export")["markdown"]["urge_columns"], rows)
    )


def _contacts(store: Store) -> list[str]:
    out = [f"## {line('export', 'markdown', 'contacts')}", ""]
    contacts = sorted((doc for _, doc in store.docs("contacts")), key=lambda d: d["at"])
    if not contacts:
        return out + [line("export", "markdown", "empty"), ""]
    kinds = load("contact")["kinds"]
    felt = load("contact")["felt"]["labels"]
    rows = [
        [
            _when(doc["at"]),
            kinds.get(doc["kind"], doc["kind"]),
            f"{doc['felt_after']} ({felt[doc['felt_after'] - 1]})" if doc.get("felt_after") else "",
            doc.get("note"),
        ]
        for doc in contacts
    ]
    return (
        out
        + [line("export", "markdown", "contacts_intro"), ""]
        + _table(load("export")["markdown"]["contact_columns"], rows)
    )


def _reviews(store: Store) -> list[str]:
    out = [f"## {line('export', 'markdown', 'reviews')}", ""]
    reviews = sorted((doc for _, doc in store.docs("reviews")), key=lambda d: d["day"])
    if not reviews:
        return out + [line("export", "markdown", "empty"), ""]
    review_words = load("review")
    moods = review_words["mood_labels"]
    skills = {skill["id"]: skill["label"] for skill in review_words.get("skills", [])}
    headers = load("export")["markdown"]["review_columns"]
    weeks: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for doc in reviews:
        year, week, _ = date.fromisoformat(doc["day"]).isocalendar()
        weeks.setdefault((year, week), []).append(doc)
    for (year, week), docs in weeks.items():
        monday = date.fromisocalendar(year, week, 1)
        heading = line(
            "export",
            "markdown",
            "week",
            week=week,
            year=year,
            first=monday.isoformat(),
            last=(monday + timedelta(days=6)).isoformat(),
        )
        rows = [
            [
                f"{date.fromisoformat(d['day']).strftime('%a')} {d['day']}",
                f"{d['mood']} ({moods[d['mood'] - 1]})" if d.get("mood") else "",
                d.get("strongest_urge"),
                line("export", "markdown", "yes")
                if d.get("contact")
                else line("export", "markdown", "no"),
                ", ".join(skills.get(s, s) for s in d.get("helped") or []),
                d.get("kindness"),
                d.get("note"),
            ]
            for d in docs
        ]
        out += [f"### {heading}", ""] + _table(headers, rows)
    return out


def _plans(store: Store) -> list[str]:
    from nocontact_tui.domain.plans import all_plans

    out = [f"## {line('export', 'markdown', 'plans')}", ""]
    plans = all_plans(store)
    if not plans:
        return out + [line("export", "markdown", "empty"), ""]
    for trap_id, text in plans.items():
        trap = get_trap(trap_id)
        out += [f"- **{_heading_text(trap.name if trap else trap_id)}**: {' '.join(text.split())}"]
    return out + [""]


def _people(store: Store) -> list[str]:
    from nocontact_tui.domain.people import list_people

    out = [f"## {line('export', 'markdown', 'people')}", ""]
    people = list_people(store)
    if not people:
        return out + [line("export", "markdown", "empty"), ""]
    return out + [f"- {' '.join(p.line.split())}" for p in people] + [""]


def export_markdown(store: Store, now: datetime) -> str:
    out = [
        f"# {line('export', 'markdown', 'title')}",
        "",
        line("export", "markdown", "exported", date=now.date().isoformat()),
        "",
    ]
    if store.meta.get("nc_start"):
        out += [line("export", "markdown", "since", start=store.meta["nc_start"]), ""]
    for part in (_letters, _reasons, _plans, _people, _urges, _contacts, _reviews):
        out += part(store)
    return "\n".join(out).rstrip("\n") + "\n"
