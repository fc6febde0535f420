"""Which addresses a source may point at, decided on the address the name resolves to.

A URL is fetched only over http or https, and only from a host whose every
resolved address is a public one: not loopback, private, link-local (which
holds the cloud metadata service), multicast, reserved or unspecified. The
fetcher then connects to the address checked here, not to the name, so a DNS
answer that changes between the check and the connection (rebinding) cannot
take it elsewhere. Redirects are checked the same way, hop by hop.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from coopgraph.api.errors import AddressRefused


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # as written, for the Host header and TLS
    port: int
    address: str  # the checked IP the connection goes to
    path: str  # path and query


def check_source(url: str, allow_private: bool = False) -> None:
    """Refuse now a source that could never be fetched (scheme, credentials, a non-public
    address); a name that does not resolve today is kept, and checked at each fetch."""
    try:
        checked_target(url, allow_private)
    except AddressRefused as exc:
        if "does not resolve" not in str(exc):
            raise


def checked_target(url: str, allow_private: bool = False) -> Target:
    """The address to connect to for ``url``, or :class:`AddressRefused` with the reason."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise AddressRefused(f"{url}: only http and https are followed, not {scheme or 'none'!r}")
    if not parts.hostname:
        raise AddressRefused(f"{url}: no host")
    if parts.username or parts.password:
        raise AddressRefused(f"{url}: credentials in a URL are not followed")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise AddressRefused(f"{url}: {exc}") from None
    addresses = _resolve(parts.hostname, port)
    if not addresses:
        raise AddressRefused(f"{url}: {parts.hostname} does not resolve")
    if not allow_private:
        for address in addresses:
            if not ipaddress.ip_address(address).is_global:
                raise AddressRefused(
                    f"{url}: {parts.hostname} is {address}, a loopback, private, link-local "
                    "or reserved address (COOPGRAPH_FOLLOW_ALLOW_PRIVATE allows it)"
                )
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(scheme, parts.hostname, port, addresses[0], path)


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return []
    # an IPv4-mapped IPv6 address is judged as the IPv4 address it is
    found = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if str(address) not in found:
            found.append(str(address))
    return found
