"""Extraction: press-release text in, plain fact records out.

This is the only package that imports spaCy. Its public surface is
:mod:`coopgraph.extract.records` (the data), :func:`coopgraph.extract.pipeline.load_pipeline` and
:func:`coopgraph.extract.to_records.extract_document`.

Exceptions (``coopgraph.extract.errors``)::

    ExtractError
     ├── ModelNotInstalledError   no configured spaCy model can be loaded
     ├── ModelMismatchError       the trained recognizer is missing or was trained on another model
     └── InputError               a source file or document cannot be read
"""
