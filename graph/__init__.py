"""Graph: extraction records → RDF, the store, and projections for analysis.

The only package that imports rdflib and pyoxigraph. It sees ``coopgraph.extract.records``,
``coopgraph.extract.errors`` and ``coopgraph.extract.names`` of the extraction package,
never spaCy.

Exceptions (``coopgraph.graph.errors``)::

    GraphError
     ├── StoreError               the store cannot be opened, read or written
     │    └── StoreLockedError    another process holds the on-disk store
     ├── QueryError               a SPARQL query or update is not valid
     │    ├── ForbiddenQueryError it would reach outside the store (SERVICE, LOAD, FROM <http:…>)
     │    └── NotAcceptableError  no answer format matches the Accept header
     ├── QueryTimeoutError        a query ran past its deadline and was stopped
     ├── PoolBusyError            every query slot is taken
     ├── ShapeError               a document graph breaks coop.shapes.ttl
     ├── UnknownNodeError         no node of the network has this IRI or name (``.node``)
     └── CorrectionError          a merge or split that cannot be applied
"""
