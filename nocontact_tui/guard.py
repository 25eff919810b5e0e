"""A run-time promise that the app opens no network connection.

An audit hook sees every `socket.connect` in the process (our code, a library's,
anything) and refuses all but Unix sockets. Audit hooks cannot be removed, so a
later import cannot quietly switch this off.

One opening, for developers only: Textual's devtools console (`textual console`,
then `textual run --dev`) talks to the app over a socket on this computer.
`textual run --dev` says so by putting "devtools" in the TEXTUAL variable; then,
and only then, connections to the loopback address (127.x.x.x, ::1, localhost)
pass too. Nothing in nocontact itself opens a socket of either kind.
"""

from __future__ import annotations

import os
import sys
from typing import Any

_installed = False
_loopback_allowed = False

LOOPBACK_HOSTS = ("localhost", "::1", "0:0:0:0:0:0:0:1")


class NetworkRefused(PermissionError):
    """A connection to the network was attempted and refused."""


def devtools_requested(environ: dict[str, str] | None = None) -> bool:
    """True when the developer started the app for Textual's devtools console."""
    features = (environ if environ is not None else os.environ).get("TEXTUAL", "")
    return "devtools" in (feature.strip().lower() for feature in features.split(","))


def _is_loopback(address: Any) -> bool:
    host = address[0] if isinstance(address, tuple) and address else None
    if not isinstance(host, str):
        return False
    return host in LOOPBACK_HOSTS or host.startswith("127.") or host.startswith("::ffff:127.")


def _refuse_network(event: str, args: tuple[Any, ...]) -> None:
    if event not in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        return
    # Compared by name: this module imports nothing from the network stack.
    family = getattr(args[0], "family", None)
    if getattr(family, "name", None) == "AF_UNIX":
        return
    if _loopback_allowed and event == "socket.connect" and _is_loopback(args[1]):
        return
    raise NetworkRefused(f"nocontact never opens network connections ({event} refused)")


def install_network_guard() -> None:
    global _installed, _loopback_allowed
    if not _installed:
        _loopback_allowed = devtools_requested()
        sys.addaudithook(_refuse_network)
        _installed = True


def network_guard_installed() -> bool:
    return _installed
