"""``python -m api`` runs the ``coopgraph`` command line."""

from api.cli import app

if __name__ == "__main__":
    app(prog_name="coopgraph")
