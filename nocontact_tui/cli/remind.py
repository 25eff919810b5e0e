"""`nocontact remind`: a neutral daily reminder, set up only by the person, by hand.

`nocontact remind [--at HH:MM]` prints a recipe for this system: a systemd user
timer and service (when systemd runs here) and a crontab line, each calling
`notify-send` with words that give nothing away. `remind install` writes the two
systemd units into the user's systemd folder after a typed "yes", and `remind
remove` takes them away again. Nothing here runs systemctl or touches crontab:
the commands to turn the timer on or off are printed for the person to run.
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from nocontact_tui.cli.common import add_command
from nocontact_tui.journal.errors import InputError
from nocontact_tui.texts import line

if TYPE_CHECKING:
    from nocontact_tui.cli.common import Commands


UNIT = "notes-reminder"  # named like its notification: a file listing reveals nothing either
DEFAULT_TIME = "21:00"
MARK = "# Written by `nocontact remind install`; `nocontact remind remove` takes it away."
TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def add_parser(commands: Commands) -> None:
    remind = add_command(commands, "remind", "how to get a quiet daily reminder (opt-in)")
    remind.add_argument(
        "action",
        nargs="?",
        choices=("install", "remove"),
        help="install: write the systemd user timer (after asking); remove: take it away",
    )
    remind.add_argument(
        "--at", metavar="HH:MM", default=DEFAULT_TIME, help=f"when (default {DEFAULT_TIME})"
    )


def run(path: Path, args: argparse.Namespace) -> int:
    hour, minute = parse_time(args.at)
    folder = units_folder()
    if args.action == "remove":
        return remove(folder)
    units = unit_files(hour, minute, notify_send_path())
    if args.action == "install":
        return install(folder, units)
    print(recipe(hour, minute, units, systemd=systemd_runs(), folder=folder))
    return 0


def parse_time(text: str) -> tuple[int, int]:
    match = TIME.fullmatch(text.strip())
    if match is None:
        raise InputError(line("remind", "bad_time", value=text))
    return int(match[1]), int(match[2])


def units_folder() -> Path:
    """Where systemd looks for a user's own units; XDG_CONFIG_HOME moves it, as for systemd."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"


def systemd_runs() -> bool:
    import shutil  # here, as below: every command imports this module to build the parser

    return shutil.which("systemctl") is not None and Path("/run/systemd/system").is_dir()


def notify_send_path() -> str | None:
    import shutil

    return shutil.which("notify-send")


def notify_command(notify_send: str | None) -> str:
    import shlex

    return shlex.join(
        [notify_send or "notify-send", line("remind", "title"), line("remind", "body")]
    )


def unit_files(hour: int, minute: int, notify_send: str | None) -> dict[str, str]:
    """The service that shows the notification and the timer that starts it daily."""
    service = f"""{MARK}
[Unit]
Description={line("remind", "title")}

[Service]
Type=oneshot
ExecStart={notify_command(notify_send)}
"""
    timer = f"""{MARK}
[Unit]
Description={line("remind", "title")}

[Timer]
OnCalendar=*-*-* {hour:02d}:{minute:02d}:00

[Install]
WantedBy=timers.target
"""
    return {f"{UNIT}.service": service, f"{UNIT}.timer": timer}


def cron_line(hour: int, minute: int, notify_send: str | None, uid: int) -> str:
    # cron starts commands outside the desktop session: notify-send needs its bus named.
    bus = f"DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/{uid}/bus"
    return f"{minute} {hour} * * * {bus} {notify_command(notify_send)}"


def turn_on() -> str:
    return f"  systemctl --user daemon-reload && systemctl --user enable --now {UNIT}.timer"


def turn_off() -> str:
    return f"  systemctl --user stop {UNIT}.timer; systemctl --user daemon-reload"


def recipe(hour: int, minute: int, units: dict[str, str], *, systemd: bool, folder: Path) -> str:
    time = f"{hour:02d}:{minute:02d}"
    notify_send = notify_send_path()
    parts = [
        line(
            "remind", "intro", time=time, title=line("remind", "title"), body=line("remind", "body")
        ),
        "",
    ]
    if systemd:
        parts += [line("remind", "systemd_heading", time=time), ""]
        for name, text in units.items():
            parts += [f"{folder / name}:", *(f"  {row}" for row in text.splitlines()), ""]
        parts += [line("remind", "turn_on"), turn_on(), ""]
    else:
        parts += [line("remind", "no_systemd"), ""]
    parts += [
        line("remind", "cron_heading"),
        "  " + cron_line(hour, minute, notify_send, os.getuid()),
        "",
    ]
    if notify_send is None:
        parts += [line("remind", "no_notify_send"), ""]
    parts.append(line("remind", "stop"))
    return "\n".join(parts)


def install(folder: Path, units: dict[str, str]) -> int:
    for name in units:
        target = folder / name
        if target.exists() and not _ours(target):
            raise InputError(line("remind", "not_ours", path=target))
    for name, text in units.items():
        print(f"{folder / name}:")
        print("\n".join(f"  {row}" for row in text.splitlines()))
    try:
        answer = input(line("remind", "install_ask", folder=folder))
    except EOFError:
        answer = ""
    if answer.strip().lower() != "yes":
        print(line("remind", "install_declined"))
        return 0
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in units.items():
        (folder / name).write_text(text, encoding="utf-8")
    print(line("remind", "installed", files=", ".join(str(folder / name) for name in units)))
    print(turn_on())
    return 0


def remove(folder: Path) -> int:
    names = (f"{UNIT}.service", f"{UNIT}.timer")
    ours = [folder / name for name in names if _ours(folder / name)]
    if not ours:
        print(line("remind", "nothing_to_remove", folder=folder))
        return 0
    # What `systemctl --user disable` would leave behind if it is never run.
    wanted = folder / "timers.target.wants" / f"{UNIT}.timer"
    if wanted.is_symlink():
        ours.append(wanted)
    for path in ours:
        path.unlink()
    print(line("remind", "removed", files=", ".join(str(path) for path in ours)))
    print(turn_off())
    return 0


def _ours(path: Path) -> bool:
    try:
        return path.is_file() and path.read_text(encoding="utf-8").startswith(MARK)
    except (OSError, UnicodeDecodeError):
        return False
