"""Concurrent writers against the store: throughput, latency, lost updates, lock errors."""
