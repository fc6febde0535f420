"""spaCy components of coopgraph, one per module, each registered by name."""
