"""The partnership network: projections, metrics, paths, exports, the cached service."""
