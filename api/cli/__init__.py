"""The ``coopgraph`` command line: each command parses options and calls one function."""
