"""Reading the network grows linearly with the documents that restate the same facts.

Daily releases about the same partnership repeat its parties' names, countries
and the agreement itself, each in its own document graph. The network is read
over the union of those graphs, where each restated triple comes back once per
document; reading must still cost in proportion to the documents, not to a
power of them (300 such releases once kept a metrics request busy for minutes).
"""

from __future__ import annotations

import time
from pathlib import Path

from coopgraph.graph.network.projections import NetworkFilter, project, read_snapshot
from coopgraph.graph.store.embedded import OxigraphStore

ID = "https://w3id.org/coopgraph/id/"
NS = "https://w3id.org/coopgraph/ns#"
ORG = "http://www.w3.org/ns/org#"
LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _release(n: int) -> str:
    """One document's statements about the same memorandum, parties and signatory."""
    doc, evidence = f"{ID}doc/{n}", f"{ID}evidence/{n}"
    agreement, a, b = f"{ID}agreement/kaznu-polotsk", f"{ID}org/kaznu", f"{ID}org/polotsk"
    person, membership = f"{ID}person/mukanov", f"{ID}membership/mukanov-kaznu"
    triples = [
        (agreement, TYPE, f"<{NS}Agreement>"),
        (agreement, TYPE, f"<{NS}MemorandumOfUnderstanding>"),
        (agreement, f"{NS}party", f"<{a}>"),
        (agreement, f"{NS}party", f"<{b}>"),
        (agreement, f"{NS}signingDate", '"2024-05-03"'),
        (agreement, f"{NS}evidence", f"<{evidence}>"),
        (evidence, f"{NS}inDocument", f"<{doc}>"),
        (doc, "http://purl.org/dc/terms/issued", f'"2024-05-{1 + n % 28:02d}"'),
        (a, LABEL, '"Al-Farabi Kazakh National University"'),
        (b, LABEL, '"Polotsk State University"'),
        (a, f"{NS}countryCode", '"KZ"'),
        (b, f"{NS}countryCode", '"BY"'),
        (f"{ID}org/consortium", TYPE, f"<{NS}Consortium>"),
        (f"{ID}org/consortium", f"{ORG}hasMember", f"<{a}>"),
        (membership, TYPE, f"<{ORG}Membership>"),
        (membership, f"{ORG}member", f"<{person}>"),
        (membership, f"{ORG}organization", f"<{a}>"),
        (membership, f"{NS}roleLabel", '"Vice-Rector"'),
        (person, "http://xmlns.com/foaf/0.1/name", '"Kuanysh Mukanov"'),
    ]
    return "".join(f"<{s}> <{p}> {o} .\n" for s, p, o in triples)


def _seconds_to_read(path: Path, releases: int) -> float:
    store = OxigraphStore(path)
    try:
        for n in range(releases):
            store.replace_graph_ntriples(f"{ID}doc/{n}", _release(n))
        read_snapshot(store)  # warm
        started = time.perf_counter()
        snapshot = read_snapshot(store)
        elapsed = time.perf_counter() - started
    finally:
        store.close()
    assert len(snapshot.agreements) == 1 and len(snapshot.institutions) == 2
    graph = project(snapshot, "institutions", NetworkFilter())
    assert graph.number_of_edges() == 1
    assert snapshot.people[f"{ID}person/mukanov"][1] == {(f"{ID}org/kaznu", "Vice-Rector")}
    return elapsed


def test_reading_the_network_is_linear_in_releases_restating_the_same_facts(
    tmp_path: Path,
) -> None:
    small = _seconds_to_read(tmp_path / "small", 40)
    large = _seconds_to_read(tmp_path / "large", 320)
    # 8 times the releases: linear reading costs about 8 times as much (plus noise);
    # a join of restated patterns in SPARQL costs 8^k and never finishes here
    assert large / small < 40, (small, large)
