"""Where the graph lives: embedded Oxigraph, a remote SPARQL server, checkpoints, backups."""
