"""Training the extractor's statistical parts from the annotated news in ``data/training``.

- :mod:`.corpus`: gold annotations (names, not offsets) → spaCy ``DocBin`` files;
- :mod:`.ner`: ``spacy train`` with ``ner.cfg``, then the trained entity
  recognizer copied into ``extract/trained/ner`` with its metadata;
- ``python -m coopgraph.extract.training`` (``make train``) runs both.
"""
