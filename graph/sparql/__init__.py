"""User SPARQL: the guard, the worker pool, result writing, the service description."""
