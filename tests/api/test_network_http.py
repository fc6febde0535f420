"""The /network endpoints over real HTTP, on the sample corpus."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import httpx

POLOTSK = "https://w3id.org/coopgraph/id/org/polotsk-state-university"
VITEBSK = "https://w3id.org/coopgraph/id/org/vitebsk-state-technological-university"
KAZNU = "https://w3id.org/coopgraph/id/org/al-farabi-kazakh-national-university"


def test_graph_json_has_iris_labels_and_edge_attributes(client: httpx.Client) -> None:
    data = client.get("/network/graph").json()
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes[POLOTSK]["label"] == "Polotsk State University"
    edge = next(e for e in data["edges"] if {e["source"], e["target"]} == {POLOTSK, VITEBSK})
    assert edge["weight"] == 2  # the memorandum and the double degree programme
    assert edge["types"] == ["JointProgramme", "MemorandumOfUnderstanding"]
    assert edge["first_year"] == 2022


def test_filters_apply(client: httpx.Client) -> None:
    recent = client.get("/network/graph", params={"year_from": 2023}).json()
    assert POLOTSK not in {n["id"] for n in recent["nodes"]}
    belarus = client.get("/network/graph", params={"country": "by"}).json()
    assert {n["country"] for n in belarus["nodes"]} == {"BY"}
    memoranda = client.get("/network/graph", params={"type": "JointProgramme"}).json()
    assert {e["types"][0] for e in memoranda["edges"]} == {"JointProgramme"}
    assert client.get("/network/graph", params={"min_weight": 0}).status_code == 422


def test_metrics_rank_the_bridge_first(client: httpx.Client) -> None:
    data = client.get("/network/metrics", params={"metric": "betweenness", "limit": 3}).json()
    assert data["method"] == "exact"
    # BSU - KazNU - Polotsk - Vitebsk: the two inner nodes each sit on two shortest paths
    top = data["nodes"][:2]
    assert {n["id"] for n in top} == {POLOTSK, KAZNU}
    assert top[0]["score"] == top[1]["score"] > data["nodes"][2]["score"]


def test_communities_and_modularity(client: httpx.Client) -> None:
    data = client.get("/network/communities", params={"seed": 1}).json()
    groups = [{m["label"] for m in c["members"]} for c in data["communities"]]
    assert {
        "Tomsk State University",
        "Tomsk Polytechnic University",
        "Siberian Federal University",
        "Novosibirsk State Technical University",
    } in groups
    assert 0 < data["modularity"] < 1


def test_path_lists_each_hop_with_its_sentences(client: httpx.Client) -> None:
    data = client.get(
        "/network/path",
        params={"source": "Al-Farabi Kazakh National University", "target": VITEBSK, "k": 2},
    ).json()
    (path,) = data["paths"]  # there is only one
    assert [h["to"]["id"] for h in path["hops"]] == [POLOTSK, VITEBSK]
    first = path["hops"][0]["agreements"][0]
    assert "Polotsk State University" in first["evidence"][0]["sentence"]
    missing = client.get("/network/path", params={"source": "Nowhere U", "target": VITEBSK})
    assert missing.status_code == 404


def test_ego_node_and_timeseries(client: httpx.Client) -> None:
    ego = client.get("/network/ego", params={"node": POLOTSK}).json()
    assert {n["id"] for n in ego["nodes"]} == {POLOTSK, VITEBSK, KAZNU}
    node = client.get("/network/node", params={"id": "polotsk state university"}).json()
    assert [p["id"] for p in node["partners"]] == [VITEBSK, KAZNU]
    years = client.get("/network/timeseries").json()["years"]
    assert [y["year"] for y in years] == [2021, 2022, 2023]
    assert years[0]["agreements"] == 2 and years[-1]["nodes"] >= years[0]["nodes"]


def test_exports(client: httpx.Client) -> None:
    graphml = client.get("/network/graph", params={"format": "graphml"})
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    ET.fromstring(graphml.content)
    gexf = client.get("/network/graph", params={"format": "gexf"}).text
    assert 'mode="dynamic"' in gexf and 'start="2022"' in gexf
    csv_text = client.get("/network/graph", params={"format": "csv"}).text
    assert csv_text.splitlines()[0].startswith("source,target,source_label")
    node_link = client.get("/network/graph", params={"format": "json"}).json()
    assert len(node_link["nodes"]) == len(client.get("/network/graph").json()["nodes"])


def test_every_name_the_store_knows_reaches_a_node(client: httpx.Client) -> None:
    for name in ("KazNU", "Al-Farabi KazNU", "al-farabi kazakh national university", KAZNU):
        node = client.get("/network/node", params={"id": name})
        assert node.status_code == 200, (name, node.text)
        assert node.json()["id"] == KAZNU
    path = client.get(
        "/network/path", params={"source": "KazNU", "target": "Polotsk State University"}
    )
    assert path.status_code == 200
    assert path.json()["source"]["id"] == KAZNU
    ego = client.get("/network/ego", params={"node": "Al-Farabi KazNU"})
    assert ego.json()["centre"]["id"] == KAZNU


def test_an_institution_without_agreements_is_known_not_unknown(client: httpx.Client) -> None:
    known = client.get("/network/node", params={"id": "Karaganda Buketov University"})
    assert known.status_code == 404
    assert "in the store but not in this network" in known.json()["detail"]
    unknown = client.get("/network/node", params={"id": "University of Nowhere"})
    assert unknown.status_code == 404
    assert "no institution" in unknown.json()["detail"]


def test_a_type_filter_keeps_agreements_of_that_type_only(client: httpx.Client) -> None:
    # shared consortium memberships are no agreement of any type: not under a type filter
    programmes = client.get("/network/graph", params={"type": "JointProgramme"}).json()
    assert programmes["edges"] and all(
        e["types"] == ["JointProgramme"] for e in programmes["edges"]
    )


def test_agreement_nodes_of_the_bipartite_network_read_as_agreements(
    client: httpx.Client,
) -> None:
    data = client.get("/network/graph", params={"projection": "bipartite"}).json()
    labels = [n["label"] for n in data["nodes"] if n.get("kind") == "agreement"]
    assert (
        "Memorandum of understanding (2021): Al-Farabi Kazakh National University + "
        "Polotsk State University" in labels
    )
