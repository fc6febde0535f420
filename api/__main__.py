"""``python -m coopgraph.api`` runs the ``coopgraph`` command line."""

from coopgraph.api.cli.main import app

if __name__ == "__main__":
    app(prog_name="coopgraph")
