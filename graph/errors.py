"""The graph package's exception tree (drawn in ``graph/__init__.py``)."""

from __future__ import annotations


class GraphError(Exception):
    """Base class of every error raised by :mod:`graph`."""


class StoreError(GraphError):
    """The store cannot be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process has the on-disk store open for writing."""


class QueryError(GraphError):
    """A SPARQL query or update is malformed; the message is the parser's."""


class ShapeError(GraphError):
    """A document graph does not conform to ``ontologies/coop.shapes.ttl``."""


class UnknownNodeError(GraphError):
    """No node of the projection has this IRI or label."""

    def __init__(self, message: str, node: str) -> None:
        super().__init__(message)
        self.node = node

    def __reduce__(self) -> tuple[type[UnknownNodeError], tuple[str, str]]:
        # raised in a query worker, re-raised here: it must survive pickling
        return (type(self), (str(self), self.node))


class CorrectionError(GraphError):
    """A correction names an entity the store does not hold, or is contradictory."""


class QueryTimeoutError(GraphError):
    """The query ran past its deadline and was stopped."""


class PoolBusyError(GraphError):
    """Every query slot is taken; try again shortly."""


class NotAcceptableError(QueryError):
    """No offered format matches the client's Accept header."""


class StoreCorruptError(StoreError):
    """The store's files are damaged; it must be restored from a dump."""


class ForbiddenQueryError(QueryError):
    """The request would reach outside the store (SERVICE, LOAD, unknown FROM graphs)."""


class SinkFullError(Exception):
    """Raised into Oxigraph's writer to stop it: enough lines are in (control flow, not a
    failure: never leaves :mod:`coopgraph.graph.sparql.results`)."""
