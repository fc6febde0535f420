"""Graph: extraction records → RDF, the store, and projections for analysis.

The only package that imports rdflib and pyoxigraph. It sees ``extract.records``
and ``extract.errors`` of the extraction package, never spaCy.

Exceptions (``graph.errors``)::

    GraphError
     ├── StoreError               the store cannot be opened, read or written
     │    └── StoreLockedError    another process holds the on-disk store
     ├── QueryError               a SPARQL query or update is not valid
     └── ShapeError               a document graph breaks coop.shapes.ttl
"""
