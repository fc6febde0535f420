"""Attacks on the running service: injection, runaway queries, floods, oversized and
malformed bodies, XML entities, concurrent writers, dump and restore.

(SERVICE, FROM, LOAD, tokens, truncation and the query deadline are attacked in
tests/api/test_sparql_safety.py.) Everything targets 127.0.0.1 and is bounded.
"""

from __future__ import annotations

import re
import resource
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from coopgraph.api.settings import Settings
from coopgraph.graph.errors import StoreError
from coopgraph.graph.store.backup import dump_store, restore_store
from coopgraph.graph.store.embedded import OxigraphStore
from tests.conftest import CORPUS, ROOT, LiveServer

TOKEN = "hardening-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("hardening"),
        write_token=TOKEN,  # type: ignore[arg-type]
        query_timeout=2,
        query_workers=2,
        max_concurrent_queries=10,
        max_result_rows=50,
    )
    with LiveServer(settings) as live:
        with httpx.Client(base_url=live.url, timeout=120) as http:
            for path in sorted(CORPUS.iterdir())[:4]:
                body = path.read_bytes()
                kind = "application/json" if path.suffix == ".json" else "text/plain"
                assert (
                    http.post(
                        "/documents", content=body, headers={**AUTH, "Content-Type": kind}
                    ).status_code
                    < 300
                )
        yield live


def _post_query(live: LiveServer, query: str, accept: str = "*/*") -> httpx.Response:
    return httpx.post(
        f"{live.url}/sparql",
        content=query.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": accept},
        timeout=120,
    )


# 5 -------------------------------------------------------------------------


def test_injection_in_an_ingested_title_stays_a_literal(server: LiveServer) -> None:
    payload = 'Acme> } ; DROP ALL ; # "quoted" \\ back\\slash'
    before = httpx.get(f"{server.url}/documents").json()["total"]
    response = httpx.post(
        f"{server.url}/documents",
        json={
            "url": "https://example.org/inject",
            "title": payload,
            "text": "Acme University signed a memorandum.",
        },
        headers=AUTH,
    )
    assert response.status_code == 201
    detail = httpx.get(f"{server.url}/documents/{response.json()['key']}").json()
    assert detail["title"] == payload
    assert httpx.get(f"{server.url}/documents").json()["total"] == before + 1  # nothing dropped


def _spliced(fstring_body: str) -> list[str]:
    """The expressions an f-string's body interpolates ({{ and }} are literal braces)."""
    return re.findall(r"\{([^{}]+)\}", fstring_body.replace("{{", "").replace("}}", ""))


def test_no_query_is_built_by_formatting_user_input() -> None:
    """Query and update text interpolates only graph names (checked against the IRI
    grammar first), N-Triples written by rdflib, and integers."""
    # graph, g, old, new: graph and entity IRIs in a correction, each checked like name
    allowed = {
        "name",
        "ntriples",
        "int(size)",
        "int(offset)",
        "base_iri",
        "sparql",
        "graph",
        "g",
        "old",
        "new",
        "job.base_iri",  # the endpoint's own URL, as BASE of a forwarded query
        "job.query",  # the user's own query, forwarded whole
    }
    found = []
    for path in (ROOT / "graph").rglob("*.py"):
        text = path.read_text()
        for call in re.finditer(
            r"\.(?:query|query_bound|update)\(\s*((?:f?\"[^\"\n]*\"\s*)+)", text
        ):
            for literal in re.finditer(r"(f?)\"([^\"\n]*)\"", call.group(1)):
                if not literal.group(1):
                    continue  # a plain string: its braces are SPARQL's
                found += [(path.name, e) for e in _spliced(literal.group(2))]
        # text built before it is sent: any f-string that splices an IRI (<{...}>)
        for literal in re.finditer(r"f\"([^\"\n]*<\{[^\"\n]*)\"", text):
            found += [(path.name, e) for e in _spliced(literal.group(1))]
    assert found and {expression for _, expression in found} <= allowed, found
    for module in ("store/base.py", "store/remote.py", "entities/corrections.py"):
        code = (ROOT / "graph" / module).read_text()
        assert "SAFE_IRI.fullmatch(" in code  # IRIs are checked before they are spliced


# 6 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        RUNAWAY,
        "SELECT ?x WHERE { ?s ?p ?o . ?s2 ?p2 ?o2 ."
        ' BIND(CONCAT(STR(?o), STR(?o2), "aaaaaaaaaaaaaaaaaaaaaaaaaaaa!") AS ?x)'
        ' FILTER(REGEX(?x, "^(a+)+$")) }',
    ],
    ids=["cartesian", "backtracking-regex"],
)
def test_runaway_queries_are_cut_while_health_answers(server: LiveServer, query: str) -> None:
    with ThreadPoolExecutor(1) as background:
        started = time.monotonic()
        future = background.submit(_post_query, server, query)
        time.sleep(0.2)
        health = httpx.get(f"{server.url}/health", timeout=5)
        response = future.result(timeout=120)
    assert health.status_code == 200
    assert response.status_code in (200, 503)  # finished, or stopped at the deadline
    assert time.monotonic() - started < 20


# 7 -------------------------------------------------------------------------


def test_construct_everything_is_capped_and_says_so(server: LiveServer) -> None:
    everything = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    response = _post_query(server, everything, accept="application/n-triples")
    assert response.status_code == 200
    assert response.headers["X-Result-Truncated"].startswith("true; limit=50")
    assert len(response.text.strip().splitlines()) == 50


# 8 -------------------------------------------------------------------------


def test_a_hundred_parallel_queries(server: LiveServer) -> None:
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with ThreadPoolExecutor(100) as clients:
        answers = list(clients.map(lambda _: _post_query(server, RUNAWAY), range(100)))
    statuses = [a.status_code for a in answers]
    busy = [a for a in answers if a.status_code in (429, 503) and "Retry-After" in a.headers]
    assert set(statuses) <= {200, 429, 503}
    assert len(busy) >= 80  # at most 10 admitted at once
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert rss_after - rss_before < 300 * 1024  # KiB: bounded, no answer buffered whole
    assert httpx.get(f"{server.url}/health").status_code == 200


# 9 -------------------------------------------------------------------------


def _raw(server: LiveServer, request: bytes, body_chunks: Iterator[bytes] | None = None) -> str:
    port = int(server.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        try:
            for chunk in body_chunks or ():
                sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server stopped reading: that is the point
        data = b""
        while b"\r\n\r\n" not in data:
            part = sock.recv(4096)
            if not part:
                break
            data += part
        return data.decode("latin-1")


def test_a_declared_gigabyte_is_refused_before_reading(server: LiveServer) -> None:
    reply = _raw(
        server,
        b"POST /documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN.encode()
        + b"\r\nContent-Type: text/plain\r\nContent-Length: 1073741824\r\n\r\n",
    )  # fmt: skip
    assert reply.startswith("HTTP/1.1 413")


def test_a_chunked_body_without_length_is_cut_at_the_limit(server: LiveServer) -> None:
    def chunks() -> Iterator[bytes]:
        block = b"x" * 65536
        for _ in range(200):  # would be 13 MB; the limit is 2 MB
            yield b"%x\r\n" % len(block) + block + b"\r\n"
        yield b"0\r\n\r\n"

    head = (
        b"POST /documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN.encode()
        + b"\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
    )  # fmt: skip
    assert _raw(server, head, chunks()).startswith("HTTP/1.1 413")


def test_a_false_content_length_is_a_client_error(server: LiveServer) -> None:
    body = b"query=ASK%20%7B%7D&extra=" + b"y" * 100
    reply = _raw(
        server,
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: 12\r\n\r\n" + body,
    )
    assert reply.startswith("HTTP/1.1 4")  # the first 12 bytes are no query


# 10 ------------------------------------------------------------------------


def test_a_form_with_a_million_fields_is_400(tmp_path: Path) -> None:
    body = b"&".join(b"f%d=1" % i for i in range(1_000_000))
    with LiveServer(
        Settings(data_dir=tmp_path, max_query_bytes=20_000_000, query_workers=1)
    ) as live:
        response = httpx.post(
            f"{live.url}/sparql",
            content=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            timeout=60,
        )
    assert response.status_code == 400
    assert "form fields" in response.json()["detail"]


# 11 ------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>t</title>
<item><title>&lol9;</title><link>https://example.org/a</link><description>x</description></item>
</channel></rss>"""


def test_xml_entities_are_never_expanded_or_fetched(tmp_path: Path) -> None:
    from coopgraph.extract.reading.sources import read_documents

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    external = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://'
        + str(secret).encode()
        + b'">]><rss version="2.0"><channel><item><title>Leak: &xxe;</title>'
        b"<link>https://example.org/b</link><description>Text of the item.</description>"
        b"</item></channel></rss>"
    )
    for name, content in (("laughs.rss", BILLION_LAUGHS), ("xxe.rss", external)):
        path = tmp_path / name
        path.write_bytes(content)
        started = time.monotonic()
        items = list(read_documents(path))
        assert time.monotonic() - started < 5
        text = " ".join(getattr(i, "text", str(i)) for i in items)
        assert "TOP-SECRET" not in text
        assert "lollollol" not in text


def test_the_api_accepts_no_rdf_to_parse(server: LiveServer) -> None:
    for media in ("application/rdf+xml", "application/ld+json", "text/turtle"):
        response = httpx.post(
            f"{server.url}/documents",
            content=b"<rdf:RDF/>",
            headers={**AUTH, "Content-Type": media},
        )
        assert response.status_code == 415


# 13 ------------------------------------------------------------------------


def test_fifty_documents_from_ten_clients_are_stored_exactly_once(server: LiveServer) -> None:
    def client(number: int) -> list[int]:
        statuses = []
        with httpx.Client(base_url=server.url, timeout=120) as http:
            for i in range(5):
                doc = {
                    "url": f"https://example.org/concurrent/{number}-{i}",
                    "text": f"Tomsk State University signed memorandum No. {number * 5 + i} "
                    "with Polotsk State University.",
                }
                statuses.append(http.post("/documents", json=doc, headers=AUTH).status_code)
        return statuses

    with ThreadPoolExecutor(10) as clients:
        statuses = [s for batch in clients.map(client, range(10)) for s in batch]
    assert statuses == [201] * 50
    listed = httpx.get(f"{server.url}/documents", params={"limit": 1000}).json()["documents"]
    urls = [d["url"] for d in listed if d["url"] and "/concurrent/" in d["url"]]
    assert len(urls) == len(set(urls)) == 50
    count = httpx.get(
        f"{server.url}/sparql",
        params={
            "query": "SELECT (COUNT(DISTINCT ?g) AS ?n) "
            "{ GRAPH ?g { ?g <http://purl.org/dc/terms/identifier> ?i } }"
        },
    ).json()["results"]["bindings"][0]["n"]["value"]
    assert int(count) == len(listed)


# 14 ------------------------------------------------------------------------


def _quads(path: Path) -> set[str]:
    # the graphs have no blank nodes, so equal quad sets mean isomorphic datasets
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    assert not any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object))
    return {str(q) for q in quads}


def test_dump_and_restore_round_trip_and_a_corrupt_file_changes_nothing(
    corpus_store_dir: Path, tmp_path: Path
) -> None:
    source = OxigraphStore(Settings(data_dir=corpus_store_dir).store_path)
    first = tmp_path / "first.nq"
    dump_store(source, first)
    source.close()
    target = tmp_path / "restored" / "store"
    assert restore_store(first, target) > 1000
    again = OxigraphStore(target)
    second = tmp_path / "second.nq"
    dump_store(again, second)
    again.close()
    assert _quads(first) == _quads(second)

    corrupt = tmp_path / "corrupt.nq"
    corrupt.write_bytes(first.read_bytes()[:5000] + b"\n<broken")
    with pytest.raises(StoreError, match=r"not valid N-Quads.*nothing was changed"):
        restore_store(corrupt, target)
    after = OxigraphStore(target)
    assert after.quad_count() == len(list(ox.parse(path=str(first), format=ox.RdfFormat.N_QUADS)))
    after.close()
