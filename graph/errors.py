"""The graph package's exception tree (drawn in ``graph/__init__.py``)."""


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
