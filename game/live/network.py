"""This computer's addresses as phones in the room can reach them, default route first.

Phones do not reliably resolve `.local` names, so the join page is offered by
IP address. The interface that holds the default route is the one the room's
Wi-Fi most likely reaches; loopback, link-local, virtual (containers, virtual
machines) and VPN interfaces are left out because phones cannot reach them.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

import ifaddr

ALL_IPV4 = "0.0.0.0"
ALL_IPV6 = "::"
# Interface names phones on the room's network cannot reach.
_VIRTUAL_PREFIXES = (
    "lo",
    "docker",
    "br-",
    "veth",
    "virbr",
    "vmnet",
    "vboxnet",
    "tun",
    "tap",
    "utun",
    "wg",
    "tailscale",
    "zt",
    "llw",
    "awdl",
    "podman",
    "cni",
    "flannel",
)
# Addresses used only to ask the routing table which interface leaves for the
# internet (documentation ranges; no packet is ever sent to them).
_PROBE_V4 = "203.0.113.7"
_PROBE_V6 = "2001:db8::7"


@dataclass(frozen=True, slots=True)
class Address:
    interface: str
    ip: str
    default_route: bool

    @property
    def host(self) -> str:
        """The address as it goes into a URL (IPv6 in brackets)."""
        return f"[{self.ip}]" if ":" in self.ip else self.ip


def default_route_ip(family: socket.AddressFamily = socket.AF_INET) -> str | None:
    """The local address of the interface holding the default route, or None without one.

    Connecting a UDP socket sends nothing; it only picks the route.
    """
    probe = _PROBE_V4 if family == socket.AF_INET else _PROBE_V6
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as udp:
            udp.connect((probe, 9))
            ip = udp.getsockname()[0]
    except OSError:
        return None
    return str(ip) if ip and not ipaddress.ip_address(ip).is_unspecified else None


def interface_addresses(*, ipv6: bool = False) -> list[Address]:
    """Reachable addresses of this computer's interfaces, the default route's first."""
    default = {default_route_ip(socket.AF_INET)}
    if ipv6:
        default.add(default_route_ip(socket.AF_INET6))
    found: list[Address] = []
    for adapter in ifaddr.get_adapters():
        name = str(adapter.nice_name or adapter.name)
        if name.lower().startswith(_VIRTUAL_PREFIXES):
            continue
        for entry in adapter.ips:
            raw = entry.ip if isinstance(entry.ip, str) else entry.ip[0]
            try:
                ip = ipaddress.ip_address(raw.split("%")[0])
            except ValueError:
                continue
            if ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_unspecified:
                continue
            if ip.version == 6 and not ipv6:
                continue
            text = str(ip)
            if any(a.ip == text for a in found):
                continue
            found.append(Address(name, text, text in default))
    found.sort(key=lambda a: (not a.default_route, ":" in a.ip))
    return found


def usable_addresses(bind: str) -> list[Address]:
    """The addresses to offer for a server bound to `bind` (every interface, or one address)."""
    if bind in (ALL_IPV4, ALL_IPV6, ""):
        found = interface_addresses(ipv6=bind == ALL_IPV6)
        if found:
            return found
        return [Address("lo", "127.0.0.1", False)]  # no network: this computer only
    ip = ipaddress.ip_address(bind)
    return [Address("", str(ip), False)]


def join_urls(addresses: list[Address], port: int) -> list[str]:
    return [f"http://{a.host}:{port}/" for a in addresses]


def resolve_bind(bind: str) -> str:
    """`--bind` as an IP address: names like `localhost` are looked up; raises ValueError."""
    if bind in (ALL_IPV4, ALL_IPV6):
        return bind
    try:
        return str(ipaddress.ip_address(bind))
    except ValueError:
        pass
    try:
        info = socket.getaddrinfo(bind, None, type=socket.SOCK_STREAM)
    except OSError:
        raise ValueError(
            f"--bind {bind!r} is not an address of this computer; give an IP address such as "
            "0.0.0.0 (every interface) or 127.0.0.1 (this computer only)"
        ) from None
    return str(info[0][4][0])
