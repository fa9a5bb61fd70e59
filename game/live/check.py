"""`rapport host --check`: what can be tested about hosting from this computer, as data.

It lists the addresses phones would use, tries the port, connects to this
computer on each address, looks for a firewall it knows how to ask about, and
reads the results database. What cannot be tested from here (a Wi-Fi that
isolates its devices) is said plainly, with the way around it. Checks return
`Finding`s; the command line prints them.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.live import network

OK, WARNING, PROBLEM, INFO = "ok", "warning", "problem", "info"
COMMAND_TIMEOUT_S = 3.0  # seconds a firewall tool may take to answer
CONNECT_TIMEOUT_S = 2.0  # seconds to connect to this computer on one of its addresses

Runner = Callable[[Sequence[str]], "str | None"]


@dataclass(frozen=True)
class Finding:
    status: str  # ok, warning, problem or info
    title: str
    detail: str
    advice: str = ""

    def to_dict(self) -> dict[str, str]:
        return {
            "status": self.status,
            "title": self.title,
            "detail": self.detail,
            "advice": self.advice,
        }


def run_command(command: Sequence[str]) -> str | None:
    """The output of a system tool, or None when it is missing, fails or takes too long."""
    try:
        done = subprocess.run(
            list(command),
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return (done.stdout or "") + (done.stderr or "")


def check_addresses(addresses: list[network.Address]) -> Finding:
    real = [a for a in addresses if a.ip not in ("127.0.0.1", "::1")]
    if not real:
        return Finding(
            PROBLEM,
            "Network",
            "This computer has no network address other than itself (127.0.0.1).",
            "Connect it to the room's Wi-Fi (or start a hotspot on a phone and join that).",
        )
    listed = ", ".join(
        f"{a.ip} ({a.interface}{', default route' if a.default_route else ''})" for a in real
    )
    return Finding(OK, "Network", f"Phones can be offered: {listed}.")


def check_port(bind: str, port: int) -> tuple[Finding, socket.socket | None]:
    """Try to listen on the port; the socket is kept open for the connection test."""
    from game.live.host import LiveError, listen_socket

    try:
        sock = listen_socket(bind, port)
    except LiveError as error:
        return Finding(PROBLEM, "Port", f"Cannot listen: {error}.", ""), None
    return Finding(OK, "Port", f"Port {sock.getsockname()[1]} is free on {bind}."), sock


def check_reachable(sock: socket.socket, addresses: list[network.Address]) -> list[Finding]:
    """Connect to this computer on each address (proves the system accepts there)."""
    port = sock.getsockname()[1]
    found: list[Finding] = []
    for address in addresses:
        try:
            with socket.create_connection((address.ip, port), timeout=CONNECT_TIMEOUT_S):
                pass
        except OSError as error:
            found.append(
                Finding(
                    PROBLEM,
                    "Connection",
                    f"This computer cannot reach itself at {address.ip}:{port} "
                    f"({error.strerror or error}).",
                    "A firewall on this computer blocks the port; see below.",
                )
            )
            continue
        found.append(
            Finding(
                OK,
                "Connection",
                f"http://{address.host}:{port}/ answers on this computer.",
            )
        )
    return found


def check_firewall(
    port: int, runner: Runner = run_command, platform: str = sys.platform
) -> Finding:
    """Ask the firewall tools this system has; say what to allow."""
    if platform.startswith("linux"):
        ufw = runner(["ufw", "status"])
        if ufw is not None and "Status: active" in ufw:
            allowed = f"{port}/tcp" in ufw or f"{port} " in ufw
            if allowed:
                return Finding(OK, "Firewall", f"ufw is active and allows port {port}.")
            return Finding(
                WARNING,
                "Firewall",
                "ufw is active and may block phones.",
                f"Allow the port: sudo ufw allow {port}/tcp",
            )
        firewalld = runner(["firewall-cmd", "--state"])
        if firewalld is not None and firewalld.strip() == "running":
            return Finding(
                WARNING,
                "Firewall",
                "firewalld is running and may block phones.",
                f"Allow the port for now: sudo firewall-cmd --add-port={port}/tcp",
            )
        return Finding(
            INFO,
            "Firewall",
            "No active ufw or firewalld was found (other firewalls cannot be checked from here).",
        )
    if platform == "darwin":
        state = runner(["/usr/libexec/ApplicationFirewall/socketfilterfw", "--getglobalstate"])
        if state is not None and "enabled" in state.lower():
            return Finding(
                WARNING,
                "Firewall",
                "The macOS firewall is on.",
                "When macOS asks whether Python may accept incoming network connections, "
                "click Allow (or add it in System Settings > Network > Firewall > Options).",
            )
        return Finding(INFO, "Firewall", "The macOS firewall seems to be off.")
    if platform.startswith("win"):
        state = runner(["netsh", "advfirewall", "show", "currentprofile", "state"])
        if state is not None and " ON" in state.upper():
            return Finding(
                WARNING,
                "Firewall",
                "Windows Defender Firewall is on.",
                "When Windows asks, allow Python on private networks. If the network is marked "
                "Public, mark it Private (Settings > Network > Properties) or allow the port: "
                f'netsh advfirewall firewall add rule name="Rapport" dir=in action=allow '
                f"protocol=TCP localport={port}",
            )
        return Finding(INFO, "Firewall", "Windows Defender Firewall seems to be off.")
    return Finding(INFO, "Firewall", "This system's firewall cannot be checked from here.")


def check_isolation(addresses: list[network.Address], port: int) -> Finding:
    """What no test on this computer can see: a Wi-Fi that keeps its devices apart."""
    first = addresses[0].host if addresses else "THIS-COMPUTER"
    return Finding(
        INFO,
        "Phones",
        f"Only a phone can tell whether it reaches this computer: during a session, open "
        f"http://{first}:{port}/ on a phone on the same Wi-Fi.",
        "If the page does not load there, the Wi-Fi probably isolates its devices (guest and "
        "many corporate networks do). Start a hotspot on a phone, connect this computer and "
        "the players to it, and host again: the new address and QR code will work.",
    )


def check_database(url: str | None) -> Finding:
    from game.store import StoreError, open_store

    try:
        store = open_store(url)
    except StoreError as error:
        return Finding(PROBLEM, "Results", f"The results database cannot be used: {error}.")
    try:
        store.sessions()
        where = getattr(store, "where", "the results database")
        detail = f"The results database answers ({where})."
        pending = store.pending()
        if pending:
            detail += f" {pending} result{'s' if pending != 1 else ''} wait in the outbox."
        return Finding(OK, "Results", detail)
    except StoreError as error:
        return Finding(
            WARNING,
            "Results",
            f"The results database does not answer now: {error}.",
            "A session still works: results wait in the outbox on this computer and are "
            "sent once the database answers.",
        )
    finally:
        store.close()


def run_checks(
    bind: str,
    port: int,
    db: str | None,
    *,
    addresses: Callable[[str], list[network.Address]] = network.usable_addresses,
    runner: Runner = run_command,
) -> list[Finding]:
    found: list[Finding] = []
    offered = addresses(bind)
    everywhere = addresses(network.ALL_IPV4)
    found.append(check_addresses(everywhere))
    if bind not in (network.ALL_IPV4, network.ALL_IPV6) and ipaddress.ip_address(bind).is_loopback:
        found.append(
            Finding(
                WARNING,
                "Address",
                f"--bind {bind} lets only this computer join.",
                "Leave out --bind so that phones can reach the session.",
            )
        )
    port_finding, sock = check_port(bind, port)
    found.append(port_finding)
    used_port = port
    if sock is not None:
        used_port = int(sock.getsockname()[1])
        try:
            found.extend(check_reachable(sock, offered))
        finally:
            with contextlib.suppress(OSError):
                sock.close()
    found.append(check_firewall(used_port, runner))
    found.append(check_isolation(offered, used_port))
    found.append(check_database(db))
    return found
