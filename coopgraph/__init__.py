"""coopgraph: a knowledge graph of institutional cooperation, extracted from news.

The repository keeps the layout of its design card (``extract/``, ``graph/``,
``api/``, ``ontologies/``, ``data/`` at the top); this package joins them
under one import name with relative links, so an install puts ``coopgraph``
in site-packages and nothing else:

- :mod:`coopgraph.extract`: press-release text → plain fact records (spaCy);
- :mod:`coopgraph.graph`: records → RDF, the store, SPARQL, entities, the network;
- :mod:`coopgraph.api`: the web application and the ``coopgraph`` command line.

The ontology, its shapes, the example queries and the reference tables travel
inside the package (``coopgraph/ontologies``, ``coopgraph/data``) and are read
with :mod:`importlib.resources`.
"""
