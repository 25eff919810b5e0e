"""Letters and review notes as a plain-text jrnl journal (`nocontact export --format jrnl`).

jrnl (jrnl.sh) keeps a journal as plain text. As its own `Entry.__str__` and
`Journal._to_text` write it (jrnl 4.x), an entry is

    [YYYY-MM-DD HH:MM] Title line
    body, as many lines as it has

with entries joined by one empty line, in date order. Its parser
(`Journal._parse`) starts a new entry at every line that begins with
"[something that reads as a date] ", takes the text up to the first line break
as the title and strips the body. So, here:

- the time is the wall-clock time the letter was begun (jrnl's default
  `timeformat`, "%Y-%m-%d %H:%M"); a review, which has a day but no time, is
  dated at 09:00, the hour jrnl itself gives an entry typed with a date only;
- a title is one line and never empty (a letter without one gets a plain title);
- a body line that starts with "[" and could pass for a date is indented by one
  space, so jrnl cannot mistake it for the start of another entry.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from nocontact_tui.texts import line

if TYPE_CHECKING:
    from nocontact_tui.journal.store import Store

TIMEFORMAT = "%Y-%m-%d %H:%M"  # jrnl's default `timeformat`
REVIEW_TIME = time(9, 0)  # jrnl's default_hour and default_minute
ENTRY_START = re.compile(r"^\[[^\]]+\] ")  # jrnl's date_blob_re, for one line


def jrnl_title(text: str) -> str:
    """One line, no space around it: jrnl keeps the first line of an entry as its title."""
    return " ".join(text.split())


def jrnl_body(text: str) -> str:
    """The body as jrnl will read it back: lines kept, ends stripped, date-like starts escaped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    return "\n".join(" " + one if ENTRY_START.match(one) else one for one in lines)


def jrnl_entry(moment: datetime, title: str, body: str) -> str:
    """One entry exactly as jrnl's `Entry.__str__` writes it."""
    head = f"[{moment.strftime(TIMEFORMAT)}] {title}"
    return f"{head}\n{body}\n" if body else f"{head}\n"


def jrnl_entries(store: Store, now: datetime) -> list[tuple[datetime, str, str]]:
    """(when, title, body) for every letter and every review with words in it, oldest first."""
    entries: list[tuple[datetime, str, str]] = []
    for _, doc in store.docs("letters"):
        stamp = doc.get("created_at") or doc.get("updated_at")
        moment = datetime.fromisoformat(stamp) if stamp else now
        title = jrnl_title(doc.get("title") or "") or line("export", "jrnl", "untitled")
        entries.append((moment.replace(tzinfo=None), title, jrnl_body(doc.get("body") or "")))
    for _, doc in store.docs("reviews"):
        parts = []
        if doc.get("note"):
            parts.append(doc["note"])
        if doc.get("kindness"):
            parts.append(line("export", "jrnl", "kindness", text=doc["kindness"]))
        if parts:
            moment = datetime.combine(date.fromisoformat(doc["day"]), REVIEW_TIME)
            entries.append((moment, line("export", "jrnl", "review"), jrnl_body("\n".join(parts))))
    # Minutes are all jrnl keeps of a time; sort on them so the file is in jrnl's own order.
    entries.sort(key=lambda entry: entry[0].replace(second=0, microsecond=0))
    return entries


def export_jrnl(store: Store, now: datetime) -> str:
    return "\n".join(jrnl_entry(*entry) for entry in jrnl_entries(store, now))
