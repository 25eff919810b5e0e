"""`nocontact contact log`: one contact, logged from the shell."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from nocontact_tui.cli import common
from nocontact_tui.cli.common import WRITE_LOCK_WAIT, accept_db, add_command, open_store
from nocontact_tui.journal.errors import InputError
from nocontact_tui.journal.schema import CONTACT_KINDS, in_calendar, out_of_calendar

if TYPE_CHECKING:
    from nocontact_tui.cli.common import Commands


def add_parser(commands: Commands) -> None:
    contact = add_command(commands, "contact", "log a contact")
    contact_commands = contact.add_subparsers(
        dest="contact_command", required=True, metavar="ACTION"
    )
    log = contact_commands.add_parser("log", help="log one contact")
    log.add_argument("--kind", required=True, choices=CONTACT_KINDS)
    log.add_argument(
        "--felt", type=int, metavar="1-5", help="how you felt after: 1 calmer … 5 stirred up"
    )
    log.add_argument("--note", help="a short note")
    log.add_argument("--at", metavar="ISO", help="when, e.g. 2026-11-21T18:30 (default: now)")
    accept_db(log)


def parse_when(text: str, now: datetime) -> datetime:
    """A moment typed by the user: a date, or a date and time; local time if no offset."""
    from nocontact_tui.texts import line

    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise InputError(line("messages", "bad_datetime", value=text)) from exc
    if not in_calendar(moment):  # before any arithmetic: year 1 in a zone east of UTC overflows
        raise InputError(out_of_calendar(text.strip()))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=now.tzinfo) if now.tzinfo else moment.astimezone()
        moment = moment.astimezone()  # resolve the zone's offset for that date (DST)
    return moment


def run(path: Path, args: argparse.Namespace) -> int:
    from nocontact_tui.domain.contacts import log_contact
    from nocontact_tui.domain.status import compute_status

    now = common.now()
    at = parse_when(args.at, now) if args.at else now
    with open_store(path, write=True, lock_timeout=WRITE_LOCK_WAIT) as store:
        before = compute_status(store, now)
        new_id = log_contact(store, args.kind, at, now=now, felt_after=args.felt, note=args.note)
        after = compute_status(store, now)
    from nocontact_tui.domain.contact_form import after_logging
    from nocontact_tui.domain.days import day_of

    day = day_of(at, after.settings.day_starts_at)
    # The one message the contact screen and the urge landing give too.
    print(after_logging(before.streak, after.streak, new_id, args.kind, day, after.settings))
    return 0
