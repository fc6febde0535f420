"""Records → RDF: the vocabulary, IRIs, the mapping, SHACL shapes and TriG."""
