"""Translation-memory benchmark; see README.md."""
