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
