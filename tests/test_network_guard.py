"""The app's process refuses every network connection, whatever tries to open one."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

PROBE = textwrap.dedent(
    """
    import socket, sys
    from nocontact_tui.cli.main import main
    from nocontact_tui.guard import NetworkRefused, network_guard_installed
    main(["--db", sys.argv[1], "status"])
    assert network_guard_installed()
    for family, address in ((socket.AF_INET, ("127.0.0.1", 9)), (socket.AF_INET6, ("::1", 9))):
        s = socket.socket(family, socket.SOCK_STREAM)
        try:
            s.connect(address)
        except NetworkRefused:
            print("refused", family.name)
        except OSError as exc:
            print("reached the network stack:", exc)
        finally:
            s.close()
    u = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        u.connect(sys.argv[1] + ".sock")
    except NetworkRefused:
        print("unix refused")
    except OSError:
        print("unix allowed")
    """
)


def test_cli_installs_the_guard_and_only_unix_sockets_pass(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "j.json")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-3:] == [
        "refused AF_INET",
        "refused AF_INET6",
        "unix allowed",
    ]


def test_the_package_has_no_network_imports() -> None:
    root = Path(__file__).resolve().parent.parent
    import re

    banned = re.compile(
        r"^\s*(import|from)\s+(socket|ssl|urllib|http|requests|httpx|aiohttp|smtplib|ftplib)\b",
        re.M,
    )
    for folder in ("nocontact_tui", "screens"):
        for source in (root / folder).rglob("*.py"):
            text = source.read_text()
            assert not banned.search(text), source


DEVTOOLS_PROBE = textwrap.dedent(
    """
    import socket, sys
    attempts = []
    sys.addaudithook(lambda event, args: event == "socket.connect" and attempts.append(args[1]))
    from nocontact_tui.cli.main import main
    from nocontact_tui.guard import NetworkRefused
    main(["--db", sys.argv[1], "status"])
    print("app connects:", len(attempts))
    for family, address in (
        (socket.AF_INET, ("127.0.0.1", 9)),
        (socket.AF_INET6, ("::1", 9)),
        (socket.AF_INET, ("192.0.2.1", 9)),  # TEST-NET-1: never reached, refused first
    ):
        s = socket.socket(family, socket.SOCK_STREAM)
        s.settimeout(2)
        try:
            s.connect(address)
            print("passed", address[0])
        except NetworkRefused:
            print("refused", address[0])
        except OSError:
            print("passed", address[0])  # the guard let it through to the network stack
        finally:
            s.close()
    """
)


def run_probe(tmp_path: Path, textual: str | None) -> list[str]:
    import os

    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL"}
    if textual is not None:
        env["TEXTUAL"] = textual
    result = subprocess.run(
        [sys.executable, "-c", DEVTOOLS_PROBE, str(tmp_path / "j.json")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-4:]


def test_devtools_asked_for_lets_loopback_through_and_nothing_else(tmp_path: Path) -> None:
    """`textual run --dev` sets TEXTUAL=devtools,debug: the console on this computer may talk
    to the app; the network stays shut, and the app itself still connects to nothing."""
    assert run_probe(tmp_path, "debug,devtools") == [
        "app connects: 0",
        "passed 127.0.0.1",
        "passed ::1",
        "refused 192.0.2.1",
    ]


def test_without_devtools_loopback_is_refused_too(tmp_path: Path) -> None:
    for textual in (None, "debug", "devtoolsx"):
        assert run_probe(tmp_path, textual) == [
            "app connects: 0",
            "refused 127.0.0.1",
            "refused ::1",
            "refused 192.0.2.1",
        ], textual


def test_devtools_is_read_as_textual_reads_its_features() -> None:
    from nocontact_tui.guard import devtools_requested

    assert devtools_requested({"TEXTUAL": "devtools"})
    assert devtools_requested({"TEXTUAL": "debug, devtools"})
    assert not devtools_requested({})
    assert not devtools_requested({"TEXTUAL": "debug"})
    assert not devtools_requested({"TEXTUAL": "no-devtools"})
