"""Institutions and people across documents: resolution, corrections, lookups, document views."""
