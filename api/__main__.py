"""``python -m api`` runs the ``coopgraph`` command line."""

from api.cli import app

app(prog_name="coopgraph")
