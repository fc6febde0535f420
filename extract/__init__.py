"""Extraction: press-release text in, plain fact records out.

This is the only package that imports spaCy. Its public surface is
:mod:`extract.records` (the data), :func:`extract.pipeline.load_pipeline` and
:func:`extract.to_records.extract_document`.

Exceptions (``extract.errors``)::

    ExtractError
     ├── ModelNotInstalledError   no configured spaCy model can be loaded
     └── InputError               a source file or document cannot be read
"""
