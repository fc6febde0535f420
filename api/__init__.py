"""Interfaces: the FastAPI app and the ``coopgraph`` command line. Nothing imports ``api``.

Exceptions from :mod:`extract` and :mod:`graph` are mapped to HTTP statuses in
one place, :mod:`coopgraph.api.web.error_handlers`; the CLI turns them into one-line messages.
"""
