"""Dump a store to N-Quads or TriG; restore or load such a file.

``restore`` makes the store exactly the dump: the file is read completely into
a fresh store beside the old one first, and only if it parses is the old one
swapped out (two directory renames), so a corrupt file leaves the store as it
was. ``load`` adds the dump's graphs to a store, each named graph replaced in
one transaction.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from coopgraph.graph.errors import StoreError
from coopgraph.graph.store.base import Store
from coopgraph.graph.store.embedded import OxigraphStore

FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".nquads": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}


def dump_format(path: Path) -> ox.RdfFormat:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise StoreError(f"{path}: name the file .nq (N-Quads) or .trig (TriG)") from None


def dump_store(store: Store, target: Path) -> int:
    """Write every named graph to ``target``; the number of quads written."""
    return store.dump(target, dump_format(target))


def _parse_all(source: Path) -> list[ox.Quad]:
    """Every quad of the file, or StoreError naming where it is broken."""
    fmt = dump_format(source)
    try:
        return list(ox.parse(path=str(source), format=fmt))
    except SyntaxError as exc:
        raise StoreError(f"{source} is not valid {fmt.name}: {exc}; nothing was changed") from None
    except OSError as exc:
        raise StoreError(f"cannot read {source}: {exc}") from None


def restore_store(source: Path, store_path: Path) -> int:
    """Replace the store at ``store_path`` by the dump; the number of quads restored."""
    fmt = dump_format(source)
    fresh = store_path.with_name(store_path.name + ".restoring")
    old = store_path.with_name(store_path.name + ".replaced")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    OxigraphStore(store_path).close()  # fails clearly if another process holds the store
    staging = OxigraphStore(fresh)
    try:
        staging.raw.bulk_load(path=str(source), format=fmt)
        if any(True for _ in staging.raw.quads_for_pattern(None, None, None, ox.DefaultGraph())):
            raise StoreError(f"{source} has triples outside named graphs; nothing was changed")
        staging.rebuild_union()
        count = staging.quad_count()
    except SyntaxError as exc:
        staging.close()
        shutil.rmtree(fresh, ignore_errors=True)
        raise StoreError(f"{source} is not valid {fmt.name}: {exc}; nothing was changed") from None
    except BaseException:
        staging.close()
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    staging.close()
    store_path.rename(old)
    fresh.rename(store_path)
    shutil.rmtree(old, ignore_errors=True)
    return count


def load_into(store: Store, source: Path) -> int:
    """Add the dump's named graphs to ``store`` (each replaced whole); quads loaded."""
    quads = _parse_all(source)
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in quads:
        if isinstance(quad.graph_name, ox.DefaultGraph):
            raise StoreError(f"{source} has triples outside named graphs; nothing was changed")
        graphs[quad.graph_name.value].append(quad.triple)
    for name, triples in graphs.items():
        body = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
        store.replace_graph_ntriples(name, body)
    return len(quads)
