"""The embedded default store: Oxigraph on disk (RocksDB), opened by one process at a time."""

from __future__ import annotations

import gc
import logging
import shutil
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from coopgraph.graph.errors import QueryError, StoreCorruptError, StoreError, StoreLockedError
from coopgraph.graph.store import union
from coopgraph.graph.store.base import BACKENDS, checked_graph_name

log = logging.getLogger(__name__)


# RocksDB turns read-only after a failed write (a full disk) until it is reopened;
# reopening needs room for a new log and manifest, so it waits for this much
RECOVER_WITH_FREE_BYTES = 16 * 1024 * 1024
RECOVER_EVERY = 5.0  # seconds between attempts


class OxigraphStore:
    """Oxigraph on disk (RocksDB), opened by one process at a time.

    Its default graph is the set union of its named graphs, kept at every write
    (see :mod:`coopgraph.graph.store.union`), so queries answer each fact once.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.version = 0
        # writers hold it (ingestion, updates, recovery); re-entrant for recovery
        self.write_lock = threading.RLock()
        self.problem: str | None = None  # the I/O failure writes are stuck on, if any
        self._last_recovery = 0.0
        self._store: ox.Store | None = None
        self._open()
        self._keep_union()

    def _open(self) -> None:
        path = self.path
        try:
            path.mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreLockedError(
                    f"the store at {path} is open in another process (a running "
                    "`coopgraph serve`?); stop it, or send the work to its HTTP API"
                ) from exc
            raise StoreError(f"cannot open the store at {path}: {exc}") from exc
        except RuntimeError as exc:  # how RocksDB reports damaged files
            raise StoreCorruptError(
                f"the store at {path} is damaged and cannot be opened "
                f"({str(exc).split('  ')[0][:160]}); restore it from a dump with "
                f"`coopgraph restore --data-dir {path.parent} DUMP`, or move it away to "
                "start empty"
            ) from None

    @property
    def _rebuild_mark(self) -> Path:
        # beside the store, not in it: RocksDB owns its directory
        return self.path.with_name(self.path.name + ".rebuild-union")

    def _keep_union(self) -> None:
        """Rebuild the default graph if an update stopped before it could, or it was never built."""
        if self._rebuild_mark.exists() or self.raw.query(union.NEEDS_BUILD):
            log.info("rebuilding the default graph of the store at %s", self.path)
            self.rebuild_union()

    def rebuild_union(self) -> None:
        """Make the default graph the union of the named graphs again (after a bulk load)."""
        try:
            self.raw.update(union.REBUILD)
        except OSError as exc:
            self.problem = str(exc)
            raise StoreError(f"could not rebuild the default graph: {exc}") from exc
        self.version += 1  # a checkpoint taken before the rebuild is stale
        self._rebuild_mark.unlink(missing_ok=True)

    @property
    def raw(self) -> ox.Store:
        if self._store is None:
            raise StoreError("the store is closed")
        return self._store

    def replace_graph(self, name: URIRef, triples: Graph) -> None:
        self.replace_graph_ntriples(str(name), triples.serialize(format="nt"))

    def replace_graph_ntriples(self, name: str, ntriples: str) -> None:
        self._write(name, union.replace(checked_graph_name(name), ntriples))

    def update_graph(self, name: str, sparql: str) -> None:
        self._write(name, union.within(checked_graph_name(name), sparql))

    def drop_graph(self, name: str) -> None:
        self._write(name, union.drop(checked_graph_name(name)))

    def _write(self, name: str, update: str) -> None:
        """Run one update of the project's own, which changes graph ``name``."""
        self._writable()
        try:
            self.raw.update(update)
            self.version += 1
        except SyntaxError as exc:  # only a bug in term serialization could cause this
            raise StoreError(f"could not write graph {name}: {exc}") from exc
        except OSError as exc:
            self.problem = str(exc)
            raise StoreError(f"could not write graph {name}: {exc}") from exc

    def _writable(self) -> None:
        """Raise StoreError while writes are stuck on an I/O failure that has not passed."""
        if self.problem is not None and not self.recover():
            raise StoreError(
                f"the store cannot be written ({self.problem}); reads go on from the last "
                "checkpoint, and writing resumes by itself once the disk has space again"
            )

    def recover(self) -> bool:
        """Reopen RocksDB after an I/O failure, once there is room again; True when writable.

        Nothing written before the failure is lost: RocksDB recovers its log on open.
        """
        with self.write_lock:
            if self.problem is None:
                return True
            now = time.monotonic()
            if now - self._last_recovery < RECOVER_EVERY:
                return False
            self._last_recovery = now
            if shutil.disk_usage(self.path).free < RECOVER_WITH_FREE_BYTES:
                return False  # reopening would fail too, and leave no store open at all
            self._store = None  # RocksDB allows one handle per process: drop it first
            gc.collect()
            try:
                self._open()
            except StoreError as exc:
                self.problem = str(exc)
                return False
            log.warning("the store at %s is writable again after: %s", self.path, self.problem)
            self.problem = None
            self.version += 1  # a fresh checkpoint, from the reopened store
            return True

    def query(
        self,
        sparql: str,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> Any:
        kwargs: dict[str, Any] = {}
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            return self.raw.query(sparql, **kwargs)
        except SyntaxError as exc:
            raise QueryError(str(exc)) from exc
        except ValueError as exc:
            raise QueryError(str(exc)) from exc
        except OSError as exc:
            raise StoreError(f"query failed: {exc}") from exc

    def query_bound(self, sparql: str, bindings: dict[str, Any]) -> Any:
        substitutions = {ox.Variable(name): term for name, term in bindings.items()}
        try:
            return self.raw.query(sparql, substitutions=substitutions)
        except SyntaxError as exc:
            raise QueryError(str(exc)) from exc

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        """A user's update, which may touch any graph; the default graph is rebuilt after it.

        The mark beside the store says a rebuild is owed until it is done, so
        a crash in between is mended when the store is next opened.
        """
        self._writable()
        try:
            self._rebuild_mark.touch()
            self.raw.update(sparql, base_iri=base_iri)
            self.version += 1
        except (SyntaxError, ValueError, RuntimeError) as exc:
            # refused, or failed as the store stands ("the graph <g> does not exist"):
            # one transaction, so nothing changed
            self._rebuild_mark.unlink()
            raise QueryError(str(exc)) from exc
        except OSError as exc:
            self.problem = str(exc)
            raise StoreError(f"update failed: {exc}") from exc
        self.rebuild_union()

    def has_graph(self, name: str) -> bool:
        try:
            return bool(self.raw.contains_named_graph(ox.NamedNode(name)))
        except ValueError:  # not an IRI
            return False

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.raw.named_graphs() if isinstance(g, ox.NamedNode))

    def quad_count(self) -> int:
        """Quads in named graphs: the default graph only repeats them."""
        rows = self.raw.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(rows, ox.QuerySolutions)
        return int(next(rows)["n"].value)

    def dump(self, target: Path, fmt: ox.RdfFormat) -> int:
        """Write the named graphs' quads (the default graph is rebuilt from them on load)."""
        named = (q for q in self.raw if not isinstance(q.graph_name, ox.DefaultGraph))
        ox.serialize(named, str(target), fmt)
        return self.quad_count()

    def checkpoint(self, target: Path) -> None:
        """A consistent copy of the store in ``target``, hard-linked where possible."""
        try:
            self.raw.backup(str(target))
        except OSError as exc:
            self.problem = self.problem or str(exc)
            raise StoreError(
                f"could not take a checkpoint of the store in {target}: {exc}"
            ) from exc

    def close(self) -> None:
        if self._store is not None:
            self._store.flush()
            self._store = None


BACKENDS["embedded"] = OxigraphStore
