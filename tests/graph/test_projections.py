"""Projections of a small handmade snapshot, with every filter."""

from __future__ import annotations

from pathlib import Path

from coopgraph.graph.network.projections import (
    AgreementInfo,
    Institution,
    NetworkData,
    NetworkFilter,
    project,
    read_snapshot,
)
from coopgraph.graph.store.embedded import OxigraphStore


def snapshot() -> NetworkData:
    orgs = {
        "A": Institution("A", "Alpha University", "KZ"),
        "B": Institution("B", "Beta University", "BY"),
        "C": Institution("C", "Gamma Institute", "RU"),
        "D": Institution("D", "Delta University", "KZ"),
        "X": Institution("X", "Some Consortium", None, consortium=True),
    }
    agreements = {
        "m1": AgreementInfo("m1", "MemorandumOfUnderstanding", 2019, {"A", "B"}),
        "m2": AgreementInfo("m2", "CooperationAgreement", 2022, {"A", "B"}),
        "m3": AgreementInfo("m3", "MemorandumOfUnderstanding", 2021, {"B", "C"}),
        "m4": AgreementInfo("m4", "ConsortiumMembership", 2020, {"A", "D", "X"}),
        "m5": AgreementInfo("m5", "JointProgramme", None, {"C", "D"}),
    }
    members = {"X": {"A", "D"}}
    people = {"p": ("Pat Person", {("A", "Rector")})}
    return NetworkData(orgs, agreements, members, people)


def test_institution_edges_count_agreements_and_shared_memberships() -> None:
    g = project(snapshot(), "institutions", NetworkFilter())
    assert "X" not in g  # the consortium is not an institution node
    ab = g.edges["A", "B"]
    assert ab["weight"] == 2
    assert ab["types"] == ["CooperationAgreement", "MemorandumOfUnderstanding"]
    assert (ab["first_year"], ab["last_year"]) == (2019, 2022)
    # the membership agreement and the shared consortium both count
    assert g.edges["A", "D"]["weight"] == 2
    assert g.nodes["A"]["label"] == "Alpha University" and g.nodes["A"]["country"] == "KZ"
    assert g.nodes["A"]["first_year"] == 2019


def test_filters() -> None:
    s = snapshot()
    recent = project(s, "institutions", NetworkFilter(year_from=2021))
    # the A-D membership agreement is from 2020, and shared memberships have no date
    assert sorted(map(sorted, recent.edges)) == [["A", "B"], ["B", "C"]]
    assert recent.edges["A", "B"]["weight"] == 1  # only the 2022 agreement
    memoranda = project(
        s, "institutions", NetworkFilter(agreement_types=("MemorandumOfUnderstanding",))
    )
    assert {frozenset(e) for e in memoranda.edges} >= {frozenset("AB"), frozenset("BC")}
    kz = project(s, "institutions", NetworkFilter(countries=("KZ",)))
    assert sorted(kz) == ["A", "D"]
    heavy = project(s, "institutions", NetworkFilter(min_weight=2))
    assert sorted(map(sorted, heavy.edges)) == [["A", "B"], ["A", "D"]]
    consortium = project(s, "institutions", NetworkFilter(consortium="X"))
    assert sorted(consortium) == ["A", "D"]


def test_other_projections() -> None:
    s = snapshot()
    bipartite = project(s, "bipartite", NetworkFilter())
    assert bipartite.nodes["m4"]["bipartite"] == 1 and bipartite.nodes["A"]["bipartite"] == 0
    assert sorted(bipartite["m4"]) == ["A", "D"]
    people = project(s, "people", NetworkFilter())
    assert people.edges["p", "A"]["role"] == "Rector"
    countries = project(s, "countries", NetworkFilter())
    assert countries.edges["BY", "KZ"]["weight"] == 2
    assert countries.nodes["KZ"]["domestic"] == 1  # m4: A and D are both KZ


def test_snapshot_from_the_sample_corpus(corpus_store_dir: Path) -> None:
    from coopgraph.api.settings import Settings

    store = OxigraphStore(Settings(data_dir=corpus_store_dir).store_path)
    try:
        s = read_snapshot(store)
    finally:
        store.close()
    polotsk = "https://w3id.org/coopgraph/id/org/polotsk-state-university"
    g = project(s, "institutions", NetworkFilter())
    partners = {g.nodes[n]["label"] for n in g[polotsk]}
    assert partners == {
        "Al-Farabi Kazakh National University",
        "Vitebsk State Technological University",
    }
    assert (
        g.edges[
            polotsk, "https://w3id.org/coopgraph/id/org/vitebsk-state-technological-university"
        ]["weight"]
        == 2
    )
    consortium = "https://w3id.org/coopgraph/id/org/siberian-engineering-consortium"
    assert len(s.members[consortium]) == 4
    assert s.institutions[consortium].consortium
