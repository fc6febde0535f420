"""Ingestion as an application service: wires extraction to storage; background jobs."""
