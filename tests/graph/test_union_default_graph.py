"""The embedded store's default graph is the set union of its named graphs after every write:
ingestion, replacement, deletion, corrections, a user's SPARQL Update, a restore, an old
store opened for the first time, and an update cut off before its rebuild."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from coopgraph.graph.store.backup import dump_store, restore_store
from coopgraph.graph.store.embedded import OxigraphStore

EX = "https://example.org/"
KAZNU_IS_A_UNIVERSITY = f"<{EX}kaznu> <{EX}type> <{EX}University> .\n"
SEED = f"{EX}doc/seed"
SECOND = f"{EX}doc/second"


def _default(store: OxigraphStore) -> list[tuple[str, str, str]]:
    """The default graph's triples, as a list: a triple stated twice would show twice."""
    rows = store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    return sorted((r["s"].value, r["p"].value, r["o"].value) for r in rows)


def _named_union(store: OxigraphStore) -> list[tuple[str, str, str]]:
    rows = store.query("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    return sorted((r["s"].value, r["p"].value, r["o"].value) for r in rows)


def _fact(name: str) -> str:
    return f"<{EX}{name}> <{EX}says> <{EX}{name}-fact> .\n"


@pytest.fixture
def store(tmp_path: Path) -> OxigraphStore:
    opened = OxigraphStore(tmp_path / "store")
    opened.replace_graph_ntriples(SEED, KAZNU_IS_A_UNIVERSITY + _fact("seed"))
    opened.replace_graph_ntriples(SECOND, KAZNU_IS_A_UNIVERSITY + _fact("second"))
    return opened


def test_a_fact_two_documents_state_is_answered_once(store: OxigraphStore) -> None:
    assert _default(store).count((f"{EX}kaznu", f"{EX}type", f"{EX}University")) == 1
    assert _default(store) == _named_union(store) and len(_default(store)) == 3


def test_dropping_a_document_keeps_what_another_still_states(store: OxigraphStore) -> None:
    store.drop_graph(SEED)
    assert _default(store) == [
        (f"{EX}kaznu", f"{EX}type", f"{EX}University"),
        (f"{EX}second", f"{EX}says", f"{EX}second-fact"),
    ]
    store.drop_graph(SECOND)
    assert _default(store) == []


def test_replacing_a_document_forgets_what_only_it_said(store: OxigraphStore) -> None:
    store.replace_graph_ntriples(SEED, _fact("revised"))
    assert _default(store) == _named_union(store)
    assert (f"{EX}seed", f"{EX}says", f"{EX}seed-fact") not in _default(store)
    store.replace_graph_ntriples(SECOND, _fact("revised"))  # now stated by both, once
    assert _default(store) == [(f"{EX}revised", f"{EX}says", f"{EX}revised-fact")]


def test_an_update_confined_to_one_graph_keeps_the_union(store: OxigraphStore) -> None:
    store.update_graph(
        SEED,
        f"DELETE {{ GRAPH <{SEED}> {{ ?s ?p <{EX}University> }} }} "
        f"INSERT {{ GRAPH <{SEED}> {{ ?s ?p <{EX}NationalUniversity> }} }} "
        f"WHERE {{ GRAPH <{SEED}> {{ ?s ?p <{EX}University> }} }}",
    )
    assert _default(store) == _named_union(store)
    assert (f"{EX}kaznu", f"{EX}type", f"{EX}University") in _default(store)  # SECOND says it


def test_a_users_update_of_any_graph_is_reflected(store: OxigraphStore) -> None:
    store.update(f"INSERT DATA {{ GRAPH <{EX}doc/third> {{ {_fact('third')} }} }}")
    store.update(f"DELETE WHERE {{ GRAPH <{SECOND}> {{ <{EX}second> ?p ?o }} }}")
    # a triple written to the default graph alone is no document's: the union leaves it out
    store.update(f"INSERT DATA {{ {_fact('stray')} }}")
    assert _default(store) == _named_union(store)
    assert (f"{EX}third", f"{EX}says", f"{EX}third-fact") in _default(store)
    assert (f"{EX}second", f"{EX}says", f"{EX}second-fact") not in _default(store)


def test_an_update_cut_off_before_its_rebuild_is_mended_on_open(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    store.replace_graph_ntriples(SEED, _fact("seed"))
    # what a crash between a user's update and the rebuild after it leaves behind
    store.path.with_name("store.rebuild-union").touch()
    store.raw.update(f"INSERT DATA {{ GRAPH <{SECOND}> {{ {_fact('second')} }} }}")
    store.close()
    reopened = OxigraphStore(tmp_path / "store")
    assert _default(reopened) == _named_union(reopened) and len(_default(reopened)) == 2
    assert not reopened.path.with_name("store.rebuild-union").exists()


def test_a_store_written_before_the_union_was_kept_gets_it_on_open(tmp_path: Path) -> None:
    old = ox.Store(str(tmp_path / "store"))
    old.update(f"INSERT DATA {{ GRAPH <{SEED}> {{ {KAZNU_IS_A_UNIVERSITY} }} }}")
    del old
    store = OxigraphStore(tmp_path / "store")
    assert _default(store) == [(f"{EX}kaznu", f"{EX}type", f"{EX}University")]


def test_a_dump_holds_the_documents_and_a_restore_rebuilds_the_union(
    store: OxigraphStore, tmp_path: Path
) -> None:
    dump = tmp_path / "dump.nq"
    assert dump_store(store, dump) == 4 == store.quad_count()
    quads = list(ox.parse(path=str(dump), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == 4 and all(isinstance(q.graph_name, ox.NamedNode) for q in quads)
    store.close()
    assert restore_store(dump, tmp_path / "restored") == 4
    restored = OxigraphStore(tmp_path / "restored")
    assert _default(restored) == _named_union(restored) and len(_default(restored)) == 3
