"""One URL per document, so a release reached through a feed and a listing page is
ingested once: scheme and host lower-cased, default ports, fragments and tracking
parameters dropped.

>>> canonical_url("HTTPS://News.Example.org:443/a/b?utm_source=rss&id=7&fbclid=x#top")
'https://news.example.org/a/b?id=7'
>>> canonical_url("http://example.org")
'http://example.org/'
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# parameters that say how a reader arrived, not which page they read
_TRACKING = ("utm_", "fbclid", "gclid", "yclid", "mc_cid", "mc_eid", "_ga", "ref_src")


def canonical_url(url: str) -> str:
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    port = parts.port
    if port is not None and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING)
    ]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))
