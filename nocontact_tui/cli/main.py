"""The `nocontact` command.

Shell commands (status, contact, reason, export, doctor) never import Textual,
so they answer in the time Python needs to start. Only the screens load the app.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, NoReturn

from nocontact_tui import __version__
from nocontact_tui.guard import install_network_guard
from nocontact_tui.journal.errors import EXIT_INPUT, InputError, NoContactError
from nocontact_tui.journal.locations import resolve_db_path
from nocontact_tui.journal.schema import CONTACT_KINDS, in_calendar, out_of_calendar

if TYPE_CHECKING:
    import argparse

    from nocontact_tui.journal.storage import Codec
    from nocontact_tui.journal.store import Store

# The commands that open a screen, with their help; home is what no command opens.
SCREEN_COMMANDS = {
    "urge": "open the urge-surfing timer",
    "reasons": "open your reasons",
    "letters": "open your unsent letters",
    "streak": "open the streak view",
    "review": "open today's review",
    "traps": "open the trap cards",
    "people": "open your list of people to reach instead",
}
SCREENS = ("home", *SCREEN_COMMANDS)
WRITE_LOCK_WAIT = 2.0  # seconds a shell command waits for the app to let go of the file

EXAMPLES = """\
examples:
  nocontact                      open the home screen
  nocontact urge                 straight to the urge timer
  nocontact status --json        streak and today's review, for scripts and prompts
  nocontact contact log --kind checked_socials --felt 4
  nocontact reason add "I was always the one who apologised" --category "What did not work"
  nocontact export --format markdown -o ~/nocontact-backup.md
  nocontact export -o ~/nocontact-backup.json     everything, to import again later
  nocontact --db ~/new.json import ~/nocontact-backup.json
  nocontact import --merge ~/other-copy.json     add what this journal lacks, skip the rest
  nocontact export --format jrnl -o ~/letters.txt   letters and review notes, for jrnl
  nocontact encrypt              lock your journal and its backups with a passphrase
  nocontact idle-lock on         lock the app after 5 minutes without a key
  nocontact settings             every setting and its value
  nocontact settings day-ends-at 5     the day ends at 5 a.m. (start, urge-minutes, theme, ...)
  nocontact doctor               where your journal is and whether it is healthy

Your journal is one JSON file in your data folder; --db PATH or NOCONTACT_DB choose another.
An encrypted journal asks for its passphrase; NOCONTACT_PASSPHRASE_FILE reads it from a file
(for scripts: anyone who can read that file can open your journal).
"""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser for every command; with `only`, for that one command alone (see parse_args)."""
    import argparse  # here: `nocontact urge` starts without it (see screen_args)

    parser = argparse.ArgumentParser(
        prog="nocontact",
        description="A private terminal companion for keeping no contact. Nothing leaves this computer.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--db", metavar="PATH", help="the journal file to use")
    parser.add_argument("--version", action="version", version=f"nocontact {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, add_options) in COMMANDS.items():
        if only is None or name == only:
            command = commands.add_parser(name, help=help_text)
            add_options(command)
            if name != "demo":  # demo's own --db names the new journal it makes
                _accept_db(command)
    return parser


def _accept_db(parser: argparse.ArgumentParser) -> None:
    """`nocontact urge --db PATH` (or `reason add TEXT --db PATH`) means what
    `nocontact --db PATH urge` does: the option is taken after the command too."""
    import argparse

    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="the journal file")


def _no_options(parser: argparse.ArgumentParser) -> None:
    pass


def _status_options(status: argparse.ArgumentParser) -> None:
    status.add_argument("--json", action="store_true", help="print JSON for scripts")


def _contact_options(contact: argparse.ArgumentParser) -> None:
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
    _accept_db(log)


def _reason_options(reason: argparse.ArgumentParser) -> None:
    reason_commands = reason.add_subparsers(dest="reason_command", required=True, metavar="ACTION")
    add = reason_commands.add_parser("add", help="add one reason")
    add.add_argument("text")
    add.add_argument("--category", help="the group it belongs to")
    _accept_db(add)


def _export_options(export: argparse.ArgumentParser) -> None:
    export.add_argument(
        "--format",
        choices=("json", "markdown", "jrnl"),
        default="json",
        help="json: everything, for import; markdown: to read; jrnl: letters and review notes",
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: print)")


def _import_options(import_: argparse.ArgumentParser) -> None:
    import_.add_argument("file", metavar="FILE", help="a file from `nocontact export`")
    import_.add_argument(
        "--merge",
        action="store_true",
        help="add to a journal that has entries, skipping what it already holds",
    )


def _demo_options(demo: argparse.ArgumentParser) -> None:
    import argparse

    demo.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="the new journal file"
    )
    demo.add_argument("--days", type=int, default=45, help="how many days of history (default 45)")


def _idle_lock_options(idle: argparse.ArgumentParser) -> None:
    idle.add_argument("state", choices=("on", "off"))
    idle.add_argument("--minutes", type=int, help="minutes without a key (default 5)")


def _settings_options(settings: argparse.ArgumentParser) -> None:
    # Names and values are checked by settings.py, whose messages say what is allowed.
    settings.add_argument("name", nargs="?", metavar="NAME", help="the setting to show or change")
    settings.add_argument("value", nargs="?", metavar="VALUE", help="its new value")


def _doctor_options(doctor: argparse.ArgumentParser) -> None:
    doctor.add_argument("--restore", metavar="BACKUP", help="restore this backup file")


# Every command, in the order `nocontact --help` lists them: its help and its options.
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    **{name: (help_text, _no_options) for name, help_text in SCREEN_COMMANDS.items()},
    "status": ("print the streak and today's review", _status_options),
    "contact": ("log a contact", _contact_options),
    "reason": ("add a reason why it ended", _reason_options),
    "export": ("export your journal for your own backup", _export_options),
    "import": ("read a JSON export back into a journal", _import_options),
    "demo": ("write sample history into a new, separate journal", _demo_options),
    "encrypt": ("encrypt your journal and its backups with a passphrase", _no_options),
    "decrypt": ("turn an encrypted journal back into plain JSON", _no_options),
    "passphrase": ("change the passphrase of an encrypted journal", _no_options),
    "idle-lock": ("cover the app after some minutes without a key", _idle_lock_options),
    "settings": ("show your settings, or change one: settings NAME VALUE", _settings_options),
    "doctor": ("check the journal file, or restore a backup", _doctor_options),
}


def leading_db(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """`--db PATH` (or `--db=PATH`) when the line starts with it, and the rest of the line."""
    if argv and argv[0].startswith("--db="):
        return argv[0].removeprefix("--db="), list(argv[1:])
    if len(argv) >= 2 and argv[0] == "--db":
        return argv[1], list(argv[2:])
    return None, list(argv)


def named_command(argv: Sequence[str]) -> str | None:
    """The command `argv` names when only `--db PATH` comes before it; None otherwise."""
    _, rest = leading_db(argv)
    return rest[0] if rest and rest[0] in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    return execute(parse_args(sys.argv[1:] if argv is None else argv))


def parse_args(argv: Sequence[str]) -> argparse.Namespace | SimpleNamespace:
    """The command line, read as argparse reads it, at the least cost.

    A parser with one sub-command reads that command's line exactly as the whole
    parser would (tests/test_cli.py compares them, errors and help included), and
    building all seventeen cost `nocontact status` more than reading its answer.
    """
    return screen_args(argv) or build_parser(only=named_command(argv)).parse_args(argv)


def screen_args(argv: Sequence[str]) -> SimpleNamespace | None:
    """`nocontact [--db PATH] [SCREEN]` or `... status [--json]`, read without argparse.

    Importing argparse and building even one sub-parser takes longer than everything
    else before `nocontact urge` starts Textual, and is a good part of what
    `nocontact status` costs. These few shapes mean the same to argparse
    (tests/test_cli.py compares the two); every other command line, including every
    mistake, goes to the parser, which knows what to say.
    """
    db, rest = leading_db(argv)
    if db is not None and (not db or db.startswith("-")):
        return None
    if not rest:
        return SimpleNamespace(db=db, command=None)
    if len(rest) == 1 and rest[0] in SCREEN_COMMANDS:
        return SimpleNamespace(db=db, command=rest[0])
    if rest in (["status"], ["status", "--json"]):
        return SimpleNamespace(db=db, command="status", json=len(rest) == 2)
    return None


def execute(args: argparse.Namespace | SimpleNamespace) -> int:
    install_network_guard()
    path = resolve_db_path(args.db)
    command = args.command or "home"
    try:
        if command in SCREENS:
            from nocontact_tui.app import run_app

            return run_app(path, screen=command)
        handler = {
            "status": cmd_status,
            "contact": cmd_contact,
            "reason": cmd_reason,
            "export": cmd_export,
            "doctor": cmd_doctor,
            "demo": cmd_demo,
            "import": cmd_import,
            "encrypt": cmd_privacy,
            "decrypt": cmd_privacy,
            "passphrase": cmd_privacy,
            "idle-lock": cmd_privacy,
            "settings": cmd_settings,
        }[command]
        return handler(path, args)
    except NoContactError as exc:
        print(exc.text, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


def run() -> NoReturn:
    """The `nocontact` command's entry point: a quick exit after a shell command.

    A shell command has printed everything and let go of the journal when it
    returns; tearing the interpreter down (every module, every parsed document)
    would only make the answer later. The app's screens end the usual way.

    The cyclic garbage collector is paused from here: start-up only makes objects
    that live as long as the process, and every collection before the first frame
    (or before a shell command's answer) would walk them all again for nothing.
    The app turns it back on once its first frame is drawn.
    """
    gc.disable()
    args = parse_args(sys.argv[1:])
    code = execute(args)
    if (args.command or "home") in SCREENS:
        sys.exit(code)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def open_store(
    path: Path, *, write: bool, lock_timeout: float = 0.0, codec: Codec | None = None
) -> Store:
    """Open the journal for a shell command, asking for the passphrase if it is encrypted."""
    from nocontact_tui.journal.storage import file_is_sealed
    from nocontact_tui.journal.store import Store

    # The lock is taken first, so no one types a passphrase in vain.
    store = Store.open(path, write=write, lock_timeout=lock_timeout, lazy=True, codec=codec)
    try:
        if file_is_sealed(path):  # checked here: a plain journal never imports the crypto side
            from nocontact_tui.cli.crypto import unlock_store

            unlock_store(store)
        else:
            store.load()
    except BaseException:
        store.close()
        raise
    return store


def cmd_privacy(path: Path, args: argparse.Namespace) -> int:
    """encrypt, decrypt, passphrase and idle-lock: each holds the journal's lock throughout."""
    from nocontact_tui.cli import crypto as cli_crypto
    from nocontact_tui.journal.store import Store

    handler = {
        "encrypt": cli_crypto.cmd_encrypt,
        "decrypt": cli_crypto.cmd_decrypt,
        "passphrase": cli_crypto.cmd_passphrase,
        "idle-lock": cli_crypto.cmd_idle_lock,
    }[args.command]
    with Store.open(path, lock_timeout=WRITE_LOCK_WAIT, lazy=True) as store:
        return handler(store, args)


def _now() -> datetime:
    from nocontact_tui.domain.clock import Clock

    return Clock().now()


def cmd_status(path: Path, args: argparse.Namespace) -> int:
    from nocontact_tui.domain.status import compute_status, status_json, status_lines
    from nocontact_tui.texts import message

    if not path.exists() and not args.json:
        print(message("status_no_journal", path=path))
        return 0
    from nocontact_tui.journal.storage import ShellReadCodec

    with open_store(path, write=False, codec=ShellReadCodec()) as store:
        status = compute_status(store, _now(), with_evidence=args.json)
    if args.json:
        import orjson

        data = status_json(status) | {"journal": str(path), "exists": path.exists()}
        sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        print("\n".join(status_lines(status)))
    return 0


def parse_when(text: str, now: datetime) -> datetime:
    """A moment typed by the user: a date, or a date and time; local time if no offset."""
    from nocontact_tui.texts import message

    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise InputError(message("bad_datetime", value=text)) from exc
    if not in_calendar(moment):  # before any arithmetic: year 1 in a zone east of UTC overflows
        raise InputError(out_of_calendar(text.strip()))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=now.tzinfo) if now.tzinfo else moment.astimezone()
        moment = moment.astimezone()  # resolve the zone's offset for that date (DST)
    return moment


def cmd_contact(path: Path, args: argparse.Namespace) -> int:
    from nocontact_tui.domain.contacts import log_contact
    from nocontact_tui.domain.status import compute_status

    now = _now()
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


def cmd_reason(path: Path, args: argparse.Namespace) -> int:
    from nocontact_tui.domain.reasons import add_reason
    from nocontact_tui.texts import message

    with open_store(path, write=True, lock_timeout=WRITE_LOCK_WAIT) as store:
        add_reason(store, args.text, now=_now(), category=args.category)
        count = sum(1 for _ in store.docs("reasons"))
    print(message("reason_added", count=count))
    return 0


def cmd_settings(path: Path, args: argparse.Namespace) -> int:
    """Every setting, one of them, or one changed: checked before the journal is opened."""
    from nocontact_tui.domain import settings as setting
    from nocontact_tui.journal.storage import ShellReadCodec

    if args.name is not None:
        setting.check_name(args.name)
    if args.value is None:
        if not path.exists():
            rows = setting.listing(setting.Settings())
        else:
            with open_store(path, write=False, codec=ShellReadCodec()) as store:
                rows = setting.listing(setting.read_settings(store))
        if args.name is not None:
            rows = [row for row in rows if row[0] == args.name]
        print_settings(rows, hint=args.name is None)
        return 0
    today = _now().date()
    value = setting.parse_setting(args.name, args.value, today)  # refused before any write
    with open_store(path, write=True, lock_timeout=WRITE_LOCK_WAIT) as store:
        setting.save_setting(store, args.name, value, today)
        shown = setting.shown(setting.read_settings(store), args.name)
    print(setting.words("shell", "saved", label=setting.label(args.name), value=shown))
    return 0


def print_settings(rows: list[tuple[str, str, str]], *, hint: bool) -> None:
    from nocontact_tui.domain.settings import words

    name_width = max(len(name) for name, _, _ in rows)
    value_width = max(len(value) for _, value, _ in rows)
    for name, value, label in rows:
        print(f"{name:<{name_width}}  {value:<{value_width}}  {label}")
    if hint:
        print()
        print(words("shell", "hint"))


def cmd_export(path: Path, args: argparse.Namespace) -> int:
    from nocontact_tui.texts import message
    from nocontact_tui.transfer.export import export_text, write_export

    with open_store(path, write=False) as store:
        text = export_text(store, args.format, _now())
        sealed = store.codec.sealed
    target = Path(args.output).expanduser() if args.output else None
    if target is not None:
        write_export(target, text)
        print(message("exported", path=target), file=sys.stderr)
    else:
        sys.stdout.write(text)
    if sealed:
        warning = "export_plain_warning" if target else "export_plain_warning_stdout"
        print(message(warning, path=target), file=sys.stderr)
    return 0


def cmd_import(path: Path, args: argparse.Namespace) -> int:
    from nocontact_tui.transfer.importing import import_into, read_export

    source = Path(args.file).expanduser()
    incoming = read_export(source)  # checked in full before the journal is even opened
    with open_store(path, write=True, lock_timeout=WRITE_LOCK_WAIT) as store:
        lines = import_into(store, incoming, file=source, merge_into=args.merge)
    print("\n".join(lines))
    return 0


def cmd_demo(path: Path, args: argparse.Namespace) -> int:
    from nocontact_tui.cli.demo import generate, words
    from nocontact_tui.domain.clock import Clock
    from nocontact_tui.journal.store import Store

    if not args.db and not os.environ.get("NOCONTACT_DB"):
        raise InputError(words("need_db"))
    clock = Clock()
    with Store.open(path, lock_timeout=WRITE_LOCK_WAIT) as store:
        summary = generate(store, now=clock.now(), days=args.days, tz=clock.tz)
    print(words("done", path=path, **vars(summary)))
    return 0


def cmd_doctor(path: Path, args: argparse.Namespace) -> int:
    from nocontact_tui.cli.doctor import diagnose, restore
    from nocontact_tui.journal.storage import file_is_sealed

    backup = Path(args.restore).expanduser() if args.restore else None
    codec = None
    if file_is_sealed(backup or path):
        # The backup shares the journal's passphrase; its own header makes the key.
        from nocontact_tui.cli.crypto import unlock_key
        from nocontact_tui.journal.crypto import SealedCodec

        codec = SealedCodec(unlock_key(backup or path))
    if backup:
        print(restore(path, backup, _now(), codec))
        return 0
    lines, healthy = diagnose(path, codec)
    print("\n".join(lines))
    return 0 if healthy else EXIT_INPUT + 1
