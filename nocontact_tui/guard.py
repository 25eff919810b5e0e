"""A run-time promise that the app opens no network connection.

An audit hook sees every `socket.connect` in the process (our code, a library's,
anything) and refuses all but Unix sockets. Audit hooks cannot be removed, so a
later import cannot quietly switch this off.
"""

from __future__ import annotations

import sys
from typing import Any

_installed = False


class NetworkRefused(PermissionError):
    """A connection to the network was attempted and refused."""


def _refuse_network(event: str, args: tuple[Any, ...]) -> None:
    if event not in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        return
    # Compared by name: this module imports nothing from the network stack.
    family = getattr(args[0], "family", None)
    if getattr(family, "name", None) == "AF_UNIX":
        return
    raise NetworkRefused(f"nocontact never opens network connections ({event} refused)")


def install_network_guard() -> None:
    global _installed
    if not _installed:
        sys.addaudithook(_refuse_network)
        _installed = True


def network_guard_installed() -> bool:
    return _installed
